"""The home country of a document (kg.extract.home): from evidence, in order, never a constant.

Every URL, dateline and sentence here is made up for the tests.
"""

from __future__ import annotations

import json
import pytest

from kg.extract.home import (
    agency_country,
    decided_home,
    home_tables,
    host_country,
    settle_homes,
    text_country,
)
from kg.facts import Document
from kg.ingest import split_record
from kg.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def tables(lex):
    return home_tables(lex)


def doc(
    text: str,
    url: str | None = None,
    title: str = "Une dépêche",
    country=None,
    identifier: str = "x",
) -> Document:
    return Document(
        identifier=identifier,
        source_file="x.jsonl",
        title=title,
        text=text,
        url=url,
        country=country,
    )


def test_outlet_table_gives_a_dotcom_outlet_its_country(tables):
    assert host_country("https://www.tsa-algerie.com/une-nouvelle/", tables) == "DZ"


def test_subdomain_of_a_listed_outlet_takes_its_row(tables):
    assert host_country("https://fr.hespress.com/123-titre.html", tables) == "MA"


def test_country_code_domain_decides(tables):
    assert host_country("https://www.exemple-presse.sn/politique/article-1", tables) == "SN"
    assert host_country("http://diplomatie.gov.tr/communique.fr.mfa", tables) == "TR"


def test_generic_domain_decides_nothing(tables):
    assert host_country("https://journal-inconnu.com/a", tables) is None
    assert host_country("https://chaine.tv/a", tables) is None


def test_aggregator_row_decides_nothing(tables):
    assert host_country("https://fr.allafrica.com/stories/1.html", tables) is None


def test_agency_credit_in_parentheses_decides(tables):
    assert agency_country("Rabat, 3 mai (MAP) – Le ministre a signé un accord.", tables) == "MA"


def test_shared_credit_is_decided_by_the_dateline_place(tables):
    assert agency_country("DAKAR, 2 juin (APS) – Le chef de l'État a reçu …", tables) == "SN"
    assert agency_country("ALGER, 2 juin (APS) – Le chef de l'État a reçu …", tables) == "DZ"


def test_shared_credit_without_a_place_decides_nothing(tables):
    assert agency_country("(APS) – Le chef de l'État a reçu une délégation.", tables) is None


def test_credit_between_slashes_and_before_a_bar(tables):
    assert agency_country("OTTAWA, le 4 mars 2024 /CNW/ - La ministre a annoncé …", tables) == "CA"
    assert agency_country("Titre\nXinhua | 04.03.2024 10h12\nLe président a reçu …", tables) == "CN"


def test_headline_opening_on_a_country_decides(tables):
    d = doc(
        "Bénin: Le ministre reçoit son homologue\n\nLe ministre a reçu …",
        title="Bénin: Le ministre reçoit son homologue",
    )
    assert text_country(d, tables) == "BJ"


def test_outlet_city_in_parentheses_on_a_credit_line_decides(tables):
    d = doc(
        "Un accord en vue\n\nLa Gazette du Fleuve (Niamey)\n\nLe ministre a reçu …",
        title="Un accord en vue",
    )
    assert text_country(d, tables) == "NE"


def test_record_country_comes_before_the_url(lex):
    d = doc("Le président a reçu l'ambassadeur.", url="https://presse.example.fr/a", country="BE")
    assert decided_home(d, lex) == "BE"


def test_nothing_decides_gives_no_home(lex):
    d = doc(
        "Le président de la République a reçu hier l'ambassadeur.", url="https://un-journal.com/x"
    )
    assert decided_home(d, lex) is None


def test_teaser_takes_the_home_of_its_page(lex):
    main = doc("Hanoï (VNA) – Le ministre a reçu …", identifier="p")
    teaser = doc("Le vice-ministre a reçu …", identifier="p#1")
    settled = settle_homes([main, teaser], lex)
    assert [d.country for d in settled] == ["VN", "VN"]


def test_default_home_goes_only_to_undecided_documents(lex):
    a = doc("Le président a reçu …", url="https://journal.example.ch/a", identifier="a")
    b = doc("Le président a reçu …", url="https://un-journal.com/b", identifier="b")
    assert [d.country for d in settle_homes([a, b], lex, "FR")] == ["CH", "FR"]


def test_record_country_field_is_read_and_checked(tmp_path):
    from kg.ingest import read_inputs

    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(r)
            for r in (
                {"id": "1", "text": "Titre\n\nLe ministre a reçu l'ambassadeur.", "country": "ma"},
                {
                    "id": "2",
                    "text": "Titre\n\nLe ministre a reçu l'ambassadeur.",
                    "country": "Maroc",
                },
            )
        ),
        encoding="utf-8",
    )
    result = read_inputs([str(path)])
    assert [d.country for d in result.documents] == ["MA", None]
    assert any('"country"' in str(w) for w in result.warnings)


# -- the reader: officials without a cue take the home country, or none --------------------


@pytest.fixture(scope="module")
def read(nlp):
    from kg.extract import extract_all

    def _read(text: str, url: str | None):
        title = "Audience au palais"
        docs = split_record(
            f"{title}\n\n{text}",
            identifier="t",
            source_file="t.jsonl",
            title=title,
            url=url,
            line=1,
        )
        return next(iter(extract_all(nlp, docs[:1])))

    return _read


SENTENCE = (
    "Le président de la République, Karim Benali, a reçu mardi l'ambassadeur du Japon, "
    "Kenji Morita, venu lui présenter ses lettres de créance."
)


def test_uncued_official_serves_the_outlet_country(read):
    ex = read(SENTENCE, "https://www.journal-exemple.dz/politique/1")
    assert {o.name: o.country for o in ex.officials} == {"Karim Benali": "DZ", "Kenji Morita": "JP"}


def test_uncued_official_gets_no_country_when_no_home_is_decided(read):
    ex = read(SENTENCE, "https://journal-exemple.com/politique/1")
    assert {o.name: o.country for o in ex.officials} == {"Karim Benali": None, "Kenji Morita": "JP"}


def test_home_country_option_of_the_build(tmp_path):
    from kg.cli import main

    src = tmp_path / "a.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "1",
                "url": "https://journal-exemple.com/1",
                "text": f"Audience au palais\n\n{SENTENCE}",
            }
        ),
        encoding="utf-8",
    )
    assert (
        main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet", "--home-country", "dz"])
        == 0
    )
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "country/DZ" in ttl
    with pytest.raises(SystemExit):
        main(["build", str(src), "--out", str(tmp_path / "o2"), "--home-country", "Algérie"])


def test_home_country_option_reaches_the_documents_the_extractor_reads(tmp_path, monkeypatch):
    """The option's wiring, without the model (the model's reading of it: the test above)."""
    import fake_steps
    import kg.extract
    from kg.cli import main

    fake_steps.install(monkeypatch, outputs=False)
    homes = []

    def extract_all(nlp, documents, **kw):
        documents = list(documents)
        homes.extend(d.country for d in documents)
        return fake_steps.fake_extract_all(nlp, documents, **kw)

    monkeypatch.setattr(kg.extract, "extract_all", extract_all)
    src = tmp_path / "a.jsonl"
    record = {"id": "1", "url": "https://journal-exemple.com/1", "text": f"Audience\n\n{SENTENCE}"}
    src.write_text(json.dumps(record), encoding="utf-8")
    out = ["--out", str(tmp_path / "out"), "--quiet", "--no-cache"]
    assert main(["build", str(src), *out, "--home-country", "dz"]) == 0
    assert homes == ["DZ"]
    with pytest.raises(SystemExit):
        main(["build", str(src), *out, "--home-country", "Algérie"])


def test_lexicon_has_no_home_country_constant(lex):
    assert not hasattr(lex, "home_country")
