"""Structural checks of the French lexicons under ontology/lexicon/ (data only, no pipeline code).

countries.tsv must cover exactly the ISO codes of country-wikidata.tsv with the same Wikidata ids,
and no surface form may point to two countries (or to a country and an organisation): the
extractor resolves names, aliases, demonyms, combining forms and capitals by lookup, so one
ambiguous entry silently mislabels every official or relation it touches.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

LEXICON = Path(__file__).resolve().parent.parent / "ontology" / "lexicon"
COUNTRIES = LEXICON / "countries.tsv"
ORGANIZATIONS = LEXICON / "organizations.tsv"
REFERENCE = LEXICON / "country-wikidata.tsv"

COUNTRY_HEADER = ["iso", "wikidata", "name", "aliases", "demonyms", "combining", "capitals"]
ORG_HEADER = ["code", "wikidata", "name", "aliases", "kind", "country"]
ORG_KINDS = {"intergovernmental", "party", "parliament", "government", "other"}
GOLD_ORG_CODES = {"EU", "EAEU", "ASEAN", "UN", "AFU"}
# Two-letter codes ISO 3166-1 reserves for these organisations and never assigns to a country.
TWO_LETTER_ORG_CODES = {"EU", "UN"}


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key, typographic apostrophes and dashes made plain."""
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert len(cells) == len(header), (
            f"{path.name}:{n}: {len(cells)} cells, expected {len(header)}"
        )
        rows.append(dict(zip(header, cells), _line=str(n)))
    return header, rows


def split(cell: str) -> list[str]:
    return [x for x in cell.split("|")] if cell else []


@pytest.fixture(scope="module")
def countries():
    return read_table(COUNTRIES)


@pytest.fixture(scope="module")
def organizations():
    return read_table(ORGANIZATIONS)


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    ref = {}
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, qid, _english = line.split("\t")
        assert iso not in ref, f"duplicate ISO code {iso} in {REFERENCE.name}"
        ref[iso] = qid
    return ref


def test_files_are_utf8_without_bom_or_crlf():
    for path in (COUNTRIES, ORGANIZATIONS, REFERENCE):
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a BOM"
        assert b"\r" not in raw, f"{path.name} has CR characters"


def test_reference_is_the_shared_copy(reference):
    assert len(reference) == 248
    first = REFERENCE.read_text(encoding="utf-8").splitlines()[:2]
    assert first[0].startswith("# ISO 3166-1 alpha-2")
    assert first[1].startswith("#") and "country-wikidata.tsv" in first[1]
    assert all(re.fullmatch(r"[A-Z]{2}", iso) for iso in reference)
    assert all(re.fullmatch(r"Q[1-9][0-9]*", qid) for qid in reference.values() if qid)
    shared = Path("/work/shared/data/country-wikidata.tsv")
    if shared.exists():  # only on the machine that holds the shared data

        def data(p):
            return [
                l for l in p.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")
            ]

        assert data(REFERENCE) == data(shared)


def test_country_header(countries):
    header, _ = countries
    assert COUNTRIES.read_text(encoding="utf-8").split("\n", 1)[0] == "\t".join(COUNTRY_HEADER)
    assert header == COUNTRY_HEADER


def test_one_row_per_reference_code(countries, reference):
    _, rows = countries
    codes = [r["iso"] for r in rows]
    assert len(codes) == len(set(codes)) == 248
    assert set(codes) == set(reference)


def test_wikidata_ids_agree_with_reference(countries, reference):
    _, rows = countries
    wrong = {
        r["iso"]: (r["wikidata"], reference[r["iso"]])
        for r in rows
        if r["wikidata"] != reference[r["iso"]]
    }
    assert not wrong, f"wikidata differs from {REFERENCE.name} (row, reference): {wrong}"


def test_every_country_has_a_french_name(countries):
    _, rows = countries
    for r in rows:
        name = r["name"]
        assert name and name == name.strip() and "|" not in name, r
        assert name[0].isupper(), f"{r['iso']}: name should start with a capital: {name!r}"
        assert not re.match(r"(?:Le|Les|L'|L’) ", name), (
            f"{r['iso']}: name keeps an article: {name!r}"
        )


def test_cells_are_clean_lists(countries):
    _, rows = countries
    for r in rows:
        for col in ("aliases", "demonyms", "combining", "capitals"):
            items = split(r[col])
            assert all(x and x == x.strip() for x in items), (
                f"{r['iso']} {col}: empty or padded item"
            )
            assert len(items) == len(set(items)), f"{r['iso']} {col}: repeated item"
        assert r["name"] not in split(r["aliases"]), f"{r['iso']}: name repeated among aliases"
        for col in ("demonyms", "combining"):
            assert all(x == x.lower() for x in split(r[col])), (
                f"{r['iso']} {col} must be lower case"
            )
        assert all(not x.endswith("-") for x in split(r["combining"]))


def test_key_countries_have_demonyms_and_capitals(countries):
    _, rows = countries
    by_iso = {r["iso"]: r for r in rows}
    for iso in (
        "VN",
        "LA",
        "KG",
        "GB",
        "US",
        "ZA",
        "SG",
        "RU",
        "CN",
        "CU",
        "HU",
        "ID",
        "JP",
        "BR",
        "KH",
        "JO",
        "DE",
        "MX",
        "FR",
        "PT",
        "AR",
        "UY",
        "MY",
        "PS",
        "TH",
    ):
        assert split(by_iso[iso]["demonyms"]), f"{iso} has no demonym"
        assert split(by_iso[iso]["capitals"]), f"{iso} has no capital"
    assert "vietnamienne" in split(by_iso["VN"]["demonyms"])
    assert "Hanoï" in split(by_iso["VN"]["capitals"])
    assert {"Royaume Uni", "Royaume–Uni", "Grande-Bretagne"} <= set(split(by_iso["GB"]["aliases"]))
    assert {"Etats-Unis", "USA"} <= set(split(by_iso["US"]["aliases"]))
    assert "Kirghizstan" in split(by_iso["KG"]["aliases"])
    assert "République démocratique populaire lao" in split(by_iso["LA"]["aliases"])
    assert "sino" in split(by_iso["CN"]["combining"])
    assert by_iso["VN"]["name"] == "Vietnam" and by_iso["KR"]["name"] == "Corée du Sud"


def test_no_surface_form_belongs_to_two_countries(countries):
    """Names, aliases, demonyms, combining forms and capitals, compared case- and diacritic-folded."""
    _, rows = countries
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        forms = [
            r["name"],
            *split(r["aliases"]),
            *split(r["demonyms"]),
            *split(r["combining"]),
            *split(r["capitals"]),
        ]
        for f in forms:
            owners[fold(f)].add(r["iso"])
    clashes = {f: sorted(isos) for f, isos in owners.items() if len(isos) > 1}
    assert not clashes, f"forms claimed by several countries: {clashes}"


def test_ambiguous_bare_words_are_absent(countries):
    _, rows = countries
    forms = set()
    for r in rows:
        for col in ("name", "aliases", "demonyms"):
            forms |= {fold(x) for x in split(r[col])}
    for word in ("amerique", "coree", "congo", "congolais", "coreen", "lao cai", "indo", "anglais"):
        assert word not in forms, word


def test_organization_header_and_codes(organizations, reference):
    header, rows = organizations
    assert ORGANIZATIONS.read_text(encoding="utf-8").split("\n", 1)[0] == "\t".join(ORG_HEADER)
    assert header == ORG_HEADER
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    assert GOLD_ORG_CODES <= set(codes)
    for r in rows:
        # same rule as the SHACL shape of bkg:Organization (ontology/shapes.ttl)
        assert (
            re.fullmatch(r"[A-Z][A-Z0-9-]{2,}|[A-Z][0-9]", r["code"])
            or r["code"] in TWO_LETTER_ORG_CODES
        ), f"bad code {r['code']!r}"
        assert r["code"] not in reference, f"{r['code']} is a country code"
        assert r["kind"] in ORG_KINDS, r
        assert r["name"], r
        assert not r["wikidata"] or re.fullmatch(r"Q[1-9][0-9]*", r["wikidata"]), r


def test_organization_countries_exist(organizations, reference):
    _, rows = organizations
    codes = {r["code"] for r in rows}
    for r in rows:
        assert not r["country"] or r["country"] in reference or r["country"] in codes, r
        if r["kind"] in ("party", "parliament", "government"):
            assert r["country"], f"{r['code']}: a national body needs its country"


def test_gold_organisations(organizations):
    _, rows = organizations
    by_code = {r["code"]: r for r in rows}
    assert by_code["EU"]["wikidata"] == "Q458" and "UE" in split(by_code["EU"]["aliases"])
    assert by_code["UN"]["wikidata"] == "Q1065" and "ONU" in split(by_code["UN"]["aliases"])
    assert "UEE" in split(by_code["EAEU"]["aliases"])
    assert by_code["AFU"]["name"] == "Union africaine"
    assert by_code["CPV"]["country"] == "VN" and "PCV" in split(by_code["CPV"]["aliases"])
    assert "PT" not in split(by_code["PT-MX"]["aliases"])


def test_no_surface_form_belongs_to_two_organisations_or_to_a_country(organizations, countries):
    _, orgs = organizations
    _, ctry = countries
    owners: dict[str, set[str]] = defaultdict(set)
    for r in orgs:
        for f in [r["name"], *split(r["aliases"])]:
            owners[fold(f)].add(r["code"])
    clashes = {f: sorted(c) for f, c in owners.items() if len(c) > 1}
    assert not clashes, f"forms claimed by several organisations: {clashes}"
    for r in ctry:
        for f in [r["name"], *split(r["aliases"]), *split(r["demonyms"])]:
            assert fold(f) not in owners, (
                f"{f!r} is both country {r['iso']} and organisation {owners[fold(f)]}"
            )


def test_state_homonyms_name_a_territory_a_state_and_its_sovereign_of_the_lexicon():
    from kg.lexicon import load_lexicon

    lex = load_lexicon()
    assert lex.state_homonyms, "state_homonyms.tsv is read"
    for territory, (state, sovereign) in lex.state_homonyms.items():
        assert {territory, state, sovereign} <= set(lex.countries), (territory, state, sovereign)
        assert len({territory, state, sovereign}) == 3
