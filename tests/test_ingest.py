"""Tests of kg.ingest: files → Document records (pages, teasers, parts, records, bad inputs)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from kg.facts import Document, Part
from kg.ingest import IngestResult, read_inputs, read_text_page, split_record

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_db8182452ac2254e.txt"
SEED_001 = SEEDS / "001_289cb39495fb1572.txt"
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles.jsonl"

PART_KINDS = {"title", "body", "caption", "dateline", "trailer", "noise", "duplicate"}


# ---------------------------------------------------------------------------------------
# helpers


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def parts_of(doc: Document, kind: str) -> list[str]:
    """The text of each part of ``kind``, without surrounding whitespace."""
    return [doc.text[p.start : p.end].strip() for p in doc.parts if p.kind == kind]


def kinds(doc: Document) -> list[str]:
    return [p.kind for p in doc.parts]


def assert_tiles(doc: Document) -> None:
    """The parts cover the text exactly once, in order, with known kinds."""
    assert doc.text, doc.identifier
    assert doc.parts, doc.identifier
    pos = 0
    for p in doc.parts:
        assert isinstance(p, Part)
        assert p.kind in PART_KINDS, p
        assert p.start == pos, (doc.identifier, p, pos)
        assert p.end > p.start, (doc.identifier, p)
        pos = p.end
    assert pos == len(doc.text), (doc.identifier, pos, len(doc.text))


def one_line(problem) -> str:
    s = str(problem)
    assert "\n" not in s
    return s


@pytest.fixture(scope="module")
def seeds() -> IngestResult:
    return read_inputs([SEEDS])


@pytest.fixture(scope="module")
def seed000(seeds) -> list[Document]:
    return [d for d in seeds.documents if d.identifier.startswith("000_db8182452ac2254e")]


@pytest.fixture(scope="module")
def seed001(seeds) -> list[Document]:
    return [d for d in seeds.documents if d.identifier.startswith("001_289cb39495fb1572")]


# ---------------------------------------------------------------------------------------
# the seed pages


def test_seed_pages_load_without_problems_or_warnings(seeds):
    assert seeds.problems == []
    assert seeds.warnings == []


def test_seed_000_gives_main_article_and_ten_teasers(seed000):
    assert [d.identifier for d in seed000] == (
        ["000_db8182452ac2254e"] + [f"000_db8182452ac2254e#{n}" for n in range(1, 11)]
    )


def test_seed_001_gives_main_article_and_six_teasers(seed001):
    assert [d.identifier for d in seed001] == (
        ["001_289cb39495fb1572"] + [f"001_289cb39495fb1572#{n}" for n in range(1, 7)]
    )


def test_seed_000_titles_of_main_article_and_every_teaser(seed000):
    assert [d.title for d in seed000] == [
        "Le Vietnam attache de l'importance à son amitié avec le Kirghizistan",
        "Inauguration du monument commémoratif de l’alliance de combat Laos-Vietnam",
        "Le Vietnam et le Laos s’avancent ensemble vers une nouvelle ère de développement",
        "Le Vietnam réaffirme son soutien indéfectible et sa solidarité avec la Palestine",
        "Les échanges pour approfondir la coopération entre jeunes officiers Vietnam–Cuba",
        "Relations Vietnam–Union européenne : 35 ans d’un partenariat en pleine expansion",
        "Une délégation du Parti communiste du Vietnam en visite de travail au Portugal",
        "La Patrie, la terre d’origine suprême de chaque dirigeant",
        "Le Vietnam à la 26e Conférence des chefs des Armées de terre de l'ASEAN",
        "Le Parti communiste du Vietnam renforce ses liens avec le Parti de gauche allemand",
        "Le Vietnam et le Mexique renforcent leur coopération en matière de santé",
    ]


def test_seed_001_titles_of_main_article_and_every_teaser(seed001):
    assert [d.title for d in seed001] == [
        "La visite qui affirme la priorité au partenariat stratégique intégral avec la Russie",
        "Consolidation des liens militaires entre le Vietnam et le Cambodge",
        "Un nouvel élan pour les relations Vietnam–Laos",
        "Réaffirmer la cohésion stratégique entre le Vietnam et le Laos",
        "Le Vietnam réaffirme son engagement stratégique lors de la session de dialogue "
        "avec le Comité CEDAW",
        "Vietnam – Laos : une relation spéciale réaffirmée à l’occasion des 96 ans du PCV",
        "Le leader du Parti plaide pour un renforcement des liens entre le Vietnam et la Jordanie",
    ]


def test_seed_documents_carry_source_file_and_no_invented_metadata(seeds):
    for d in seeds.documents:
        assert d.source_file in (SEED_000.name, SEED_001.name)
        assert d.url is None and d.published is None and d.line is None


def test_main_article_dateline_gives_place_hanoi(seed000, seed001):
    assert seed000[0].place == "Hanoï"
    assert seed001[0].place == "Hanoi"
    assert parts_of(seed000[0], "dateline") == ["Hanoï (VNA) –"]
    assert parts_of(seed001[0], "dateline") == ["Hanoi (VNA) -"]


def test_teasers_without_dateline_have_no_place(seed000, seed001):
    assert all(d.place is None for d in seed000[1:] + seed001[1:])


def test_parts_tile_every_seed_document(seeds):
    for d in seeds.documents:
        assert_tiles(d)


def test_document_text_is_the_slice_of_the_file_at_its_offset(seeds):
    files = {
        p.name: unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
        for p in (SEED_000, SEED_001)
    }
    for d in seeds.documents:
        assert files[d.source_file][d.offset : d.offset + len(d.text)] == d.text


def test_main_article_ends_before_voir_plus(seed000, seed001):
    for main in (seed000[0], seed001[0]):
        assert "Voir plus" not in main.text
        assert main.text.rstrip().endswith("VNA")
        assert main.parts[0].kind == "title"
        assert main.text.startswith(main.title)


def test_main_article_title_line_is_the_title_part(seed000):
    main = seed000[0]
    assert parts_of(main, "title") == [main.title]


def test_duplicated_lead_after_dateline_is_marked_duplicate(seed000):
    main = seed000[0]
    lead = parts_of(main, "body")[0]
    assert lead.startswith("Le Vietnam accorde de l’importance")
    # dateline, then the same lead again: the copy is a duplicate, the first stays body
    i = kinds(main).index("dateline")
    assert kinds(main)[i + 1] == "duplicate"
    assert parts_of(main, "duplicate")[-1] == lead
    assert parts_of(main, "body").count(lead) == 1


def test_repeated_caption_is_marked_duplicate_and_first_stays_caption(seed000):
    main = seed000[0]
    caption = "La vice-ministre Le Thi Thu Hang lors de la conversation téléphonique. Photo: VNA"
    assert parts_of(main, "caption") == [caption]
    assert parts_of(main, "duplicate")[0] == caption
    assert kinds(main)[:4] == ["title", "body", "caption", "duplicate"]


def test_lead_that_is_not_repeated_verbatim_stays_body(seed001):
    main = seed001[0]
    assert "duplicate" not in kinds(main)
    i = kinds(main).index("dateline")
    assert kinds(main)[i + 1] == "body"


def test_image_marker_is_noise_and_the_rest_of_its_line_a_caption(seed001):
    main = seed001[0]
    noise = parts_of(main, "noise")
    assert noise == [
        "La visite qui affirme la priorité au partenariat stratégique intégral avec la Russie ảnh 1"
    ]
    assert parts_of(main, "caption") == [
        "L’ambassadeur du Vietnam en Russie Dang Minh Khôi. Photo : VNA"
    ]
    i = kinds(main).index("noise")
    assert kinds(main)[i + 1] == "caption"


def test_agency_signature_at_the_end_is_a_trailer(seed000, seed001):
    assert parts_of(seed000[0], "trailer") == ["-VNA"]
    assert parts_of(seed001[0], "trailer") == ["– VNA"]
    assert seed000[0].parts[-1].kind == "trailer"
    assert parts_of(seed000[0], "body")[-1].endswith("préparer de futurs échanges de haut niveau.")


def test_every_seed_teaser_is_caption_title_lead(seed000, seed001):
    for d in seed000[1:] + seed001[1:]:
        assert kinds(d) == ["caption", "title", "body"], (d.identifier, kinds(d))
        assert parts_of(d, "title") == [d.title]


def test_credit_alone_is_a_teaser_caption(seed000):
    assert parts_of(seed000[5], "caption") == ["Photo d'illustration : East Asia Forum"]
    assert parts_of(seed000[7], "caption") == ["Photo: VNA"]


def test_parenthesised_credit_caption_belongs_to_its_teaser(seed001):
    first = seed001[1]
    assert parts_of(first, "caption")[0].endswith("(Photo : VNA)")
    assert parts_of(first, "body")[0].startswith("Le général de brigade Nguyen Minh Trieu")


# ---------------------------------------------------------------------------------------
# pages and records written for the test

PAGE = """\
Le Vietnam et la Thaïlande renforcent leur coopération

Le ministre a reçu son homologue thaïlandais le 3 mars.

Le ministre et son homologue. Photo : VNA

Phnom Penh, 3 mars (VNA) – Le ministre a reçu son homologue thaïlandais le 3 mars.

Les deux parties ont convenu de renforcer la coopération. – VNA

Voir plus

Des délégués lors de la cérémonie. Photo : Xinhua/VNA

Premier article lié au Cambodge

Une cérémonie s’est tenue vendredi pour inaugurer un monument au Cambodge.

Second article sans photo

Le président a reçu l'ambassadeur du Japon à Hanoï le 2 février.

Photo: VNA

Troisième article avec un crédit seul

Le vice-ministre s'est entretenu avec son homologue laotien.
"""


def test_teasers_after_voir_plus_become_their_own_documents(tmp_path):
    p = write(tmp_path, "page.txt", PAGE)
    r = read_inputs([p])
    assert r.problems == [] and r.warnings == []
    assert [d.identifier for d in r.documents] == ["page", "page#1", "page#2", "page#3"]
    assert [d.title for d in r.documents[1:]] == [
        "Premier article lié au Cambodge",
        "Second article sans photo",
        "Troisième article avec un crédit seul",
    ]
    assert kinds(r.documents[1]) == ["caption", "title", "body"]
    assert kinds(r.documents[2]) == ["title", "body"]  # a teaser without caption
    assert kinds(r.documents[3]) == ["caption", "title", "body"]
    for d in r.documents:
        assert_tiles(d)
        assert d.source_file == "page.txt"
        assert PAGE[d.offset : d.offset + len(d.text)] == d.text


def test_dateline_with_date_gives_place_and_repeated_lead_is_duplicate(tmp_path):
    main = read_text_page(PAGE, "page.txt", "page")[0]
    assert main.place == "Phnom Penh"
    assert parts_of(main, "dateline") == ["Phnom Penh, 3 mars (VNA) –"]
    assert kinds(main) == ["title", "body", "caption", "dateline", "duplicate", "body", "trailer"]
    assert parts_of(main, "trailer") == ["– VNA"]


def test_read_text_page_without_voir_plus_is_one_document():
    docs = read_text_page("Titre\n\nUn paragraphe.\n", "x.txt", "x")
    assert len(docs) == 1
    assert docs[0].title == "Titre"
    assert kinds(docs[0]) == ["title", "body"]
    assert_tiles(docs[0])


def test_read_text_page_of_blank_text_gives_no_document():
    assert read_text_page(" \n\n\t\n", "x.txt", "x") == []


def test_lines_before_the_first_teaser_belong_to_no_document(tmp_path):
    text = (
        "Titre\n\nCorps de l'article.\n\nVoir plus\n\n"
        "Un long paragraphe orphelin qui n'est pas un titre, et se termine par un point.\n\n"
        "Titre du teaser\n\nChapeau du teaser.\n"
    )
    docs = read_text_page(text, "p.txt", "p")
    assert [d.title for d in docs] == ["Titre", "Titre du teaser"]
    assert all("orphelin" not in d.text for d in docs)
    assert docs[0].text == "Titre\n\nCorps de l'article."


def test_record_text_with_voir_plus_is_split_into_teasers():
    text = (
        "Titre du record\n\nHanoï (VNA) – Le corps du record.-VNA\n\nVoir plus\n\n"
        "Légende de la photo. Photo : VNA\n\nTitre lié\n\nChapeau lié.\n"
    )
    docs = split_record(
        text,
        identifier="r1",
        source_file="r.jsonl",
        title=None,
        url="https://example.org/a",
        published="2025-01-02",
        line=7,
    )
    assert [d.identifier for d in docs] == ["r1", "r1#1"]
    main, teaser = docs
    assert main.offset == 0 and text.startswith(main.text) and "Voir plus" not in main.text
    assert main.url == "https://example.org/a" and main.published == "2025-01-02"
    assert main.place == "Hanoï" and main.line == 7
    assert kinds(main) == ["title", "dateline", "body", "trailer"]
    # a teaser is another article: not the page's URL, not its publication date
    assert teaser.title == "Titre lié" and teaser.url is None and teaser.published is None
    assert text[teaser.offset : teaser.offset + len(teaser.text)] == teaser.text
    assert kinds(teaser) == ["caption", "title", "body"]
    for d in docs:
        assert_tiles(d)


def test_record_text_without_voir_plus_is_kept_whole():
    text = "  Titre\r\n\r\nCorps.\r\n"
    docs = split_record(
        text, identifier="a", source_file="a.json", title=None, url=None, published=None, line=None
    )
    assert len(docs) == 1
    assert docs[0].text == "  Titre\n\nCorps.\n"
    assert docs[0].title == "Titre"
    assert_tiles(docs[0])


def test_record_title_different_from_first_line_gives_no_title_part():
    docs = split_record(
        "Premier paragraphe du texte.\n\nSuite.",
        identifier="a",
        source_file="a.json",
        title="Un autre titre",
        url=None,
        published=None,
        line=None,
    )
    assert docs[0].title == "Un autre titre"
    assert "title" not in kinds(docs[0])


@pytest.mark.parametrize(
    "line, place, prefix",
    [
        ("Hanoï (VNA) – Le texte suit.", "Hanoï", "Hanoï (VNA) –"),
        ("Hanoi (VNA) - Le texte suit.", "Hanoi", "Hanoi (VNA) -"),
        ("(VOVWORLD) - Le texte suit.", None, "(VOVWORLD) -"),
        ("(VOVworld) - Le texte suit.", None, "(VOVworld) -"),
        (
            "Hô Chi Minh-Ville (VNA) – Le texte suit.",
            "Hô Chi Minh-Ville",
            "Hô Chi Minh-Ville (VNA) –",
        ),
    ],
)
def test_dateline_prefix_is_its_own_part(line, place, prefix):
    doc = split_record(f"Titre\n\n{line}\n", identifier="a", source_file="a.json")[0]
    assert parts_of(doc, "dateline") == [prefix]
    assert parts_of(doc, "body") == ["Le texte suit."]
    assert doc.place == place


def test_parenthesis_in_ordinary_sentence_is_not_a_dateline():
    doc = split_record(
        "Titre\n\nLe Parti communiste (PCV) – fondé en 1930 – a tenu son congrès.",
        identifier="a",
        source_file="a.json",
    )[0]
    assert "dateline" not in kinds(doc)
    assert doc.place is None


@pytest.mark.parametrize(
    "last, body, trailer",
    [
        ("Ils ont signé un accord.-VNA", "Ils ont signé un accord.", "-VNA"),
        ("Ils ont signé un accord. – VNA", "Ils ont signé un accord.", "– VNA"),
        ("Ils ont signé un accord.\n\nVNA/CVN", "Ils ont signé un accord.", "VNA/CVN"),
        ("Ils ont signé un accord.\n\nVNA/NDEL", "Ils ont signé un accord.", "VNA/NDEL"),
    ],
)
def test_agency_signature_variants_are_trailers(last, body, trailer):
    doc = split_record(f"Titre\n\n{last}\n", identifier="a", source_file="a.json")[0]
    assert parts_of(doc, "trailer") == [trailer]
    assert parts_of(doc, "body") == [body]
    assert_tiles(doc)


@pytest.mark.parametrize(
    "last",
    [
        "Le sommet a réuni la Chine et l'ASEAN, selon Reuters",
        "Ils ont évoqué le partenariat Chine-VNA",
    ],
)
def test_agency_name_inside_a_sentence_is_not_a_trailer(last):
    doc = split_record(f"Titre\n\n{last}\n", identifier="a", source_file="a.json")[0]
    assert "trailer" not in kinds(doc)


def test_sentence_followed_by_parenthesised_credit_and_bar_is_a_caption_line():
    text = (
        "Titre\n"
        "Le président a effectué une visite d'État. (Photo: Nguyen Hong) |\n"
        "Le président a rencontré le secrétaire général.\n"
    )
    doc = split_record(text, identifier="a", source_file="a.json")[0]
    assert kinds(doc) == ["title", "caption", "body"]
    assert parts_of(doc, "caption") == [
        "Le président a effectué une visite d'État. (Photo: Nguyen Hong) |"
    ]


def test_caption_text_just_above_a_credit_line_is_a_caption():
    text = (
        "Titre\n\nLe Premier ministre a reçu son homologue russe.\n\n"
        "Les deux Premiers ministres visitent l'exposition.\nPhoto: Thông Nhât/VNA/CVN\n\n"
        "Ils se sont ensuite entretenus.\n"
    )
    doc = split_record(text, identifier="a", source_file="a.json")[0]
    assert kinds(doc) == ["title", "body", "caption", "caption", "body"]


def test_credit_alone_after_a_blank_line_does_not_make_the_lead_a_caption():
    text = (
        "Titre\n\nLe 18 octobre, le ministre a eu un entretien téléphonique.\n\n"
        "Photo : VNA/CVN\n\nÀ cette occasion, il a adressé ses félicitations.\n"
    )
    doc = split_record(text, identifier="a", source_file="a.json")[0]
    assert kinds(doc) == ["title", "body", "caption", "body"]


def test_image_marker_line_alone_is_noise_and_next_short_line_its_caption():
    text = (
        "Vietnam - Royaume–Uni, un parcours de 40 ans\n\n"
        "(VOVworld) - Les 40 ans des relations ont été célébrés à Hanoï.\n\n \n\n"
        " Vietnam - Royaume–Uni, un parcours de 40 ans - ảnh 1\n\n"
        "M. Hoang Van Dung\n\n \n\n"
        "L’ambassadeur du Royaume Uni, Antony Stokes, s’est dit convaincu."
    )
    doc = split_record(text, identifier="014", source_file="a.jsonl")[0]
    assert kinds(doc) == ["title", "dateline", "body", "noise", "caption", "body"]
    assert parts_of(doc, "noise") == ["Vietnam - Royaume–Uni, un parcours de 40 ans - ảnh 1"]
    assert parts_of(doc, "caption") == ["M. Hoang Van Dung"]
    assert_tiles(doc)


def test_paragraph_repeated_verbatim_later_is_duplicate():
    text = "Titre\n\nUn paragraphe.\n\nUn autre.\n\nUn  paragraphe.\n"
    doc = split_record(text, identifier="a", source_file="a.json")[0]
    assert kinds(doc) == ["title", "body", "body", "duplicate"]


def test_leading_and_trailing_whitespace_is_covered_by_parts():
    text = "\n\n  Titre  \n\n\tCorps.  \n\n\n"
    doc = split_record(text, identifier="a", source_file="a.json")[0]
    assert doc.text == text
    assert_tiles(doc)
    assert parts_of(doc, "title") == ["Titre"]


# ---------------------------------------------------------------------------------------
# files: encodings and bad inputs


def test_empty_file_is_a_problem_and_other_inputs_still_load(tmp_path):
    empty = write(tmp_path, "empty.txt", b"")
    good = write(tmp_path, "good.txt", "Titre\n\nCorps.\n")
    r = read_inputs([empty, good])
    assert [d.identifier for d in r.documents] == ["good"]
    assert len(r.problems) == 1
    assert one_line(r.problems[0]) == f"{empty}: [E111] empty file"


def test_whitespace_only_file_is_an_empty_file_problem(tmp_path):
    p = write(tmp_path, "blank.jsonl", " \n\t\n\r\n  ")
    r = read_inputs([p])
    assert r.documents == []
    assert len(r.problems) == 1 and "empty file" in r.problems[0].message


def test_binary_file_is_a_problem(tmp_path):
    p = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    r = read_inputs([p])
    assert r.documents == []
    assert [pr.message for pr in r.problems] == [
        "binary data, not text (NUL bytes, and not UTF-16): give a UTF-8 text file"
    ]
    assert r.problems[0].path == str(p)


def test_utf16_file_with_bom_is_decoded(tmp_path):
    p = write(tmp_path, "u16.txt", "Été à Hanoï\r\n\r\nLe président a reçu.\r\n".encode("utf-16"))
    r = read_inputs([p])
    assert r.problems == []
    assert [w.message for w in r.warnings] == ["not UTF-8: decoded as UTF-16 (byte order mark)"]
    (doc,) = r.documents
    assert doc.title == "Été à Hanoï"
    assert doc.text == "Été à Hanoï\n\nLe président a reçu."


def test_utf8_bom_is_dropped(tmp_path):
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbfTitre \xc3\xa9t\xc3\xa9\n\nCorps.\n")
    r = read_inputs([p])
    assert r.problems == [] and r.warnings == []
    assert r.documents[0].title == "Titre été"
    assert r.documents[0].offset == 0


def test_cp1252_file_is_decoded_with_a_warning(tmp_path):
    p = write(
        tmp_path, "latin.txt", "Déclaration – l’été\n\nLe ministre a été reçu.\n".encode("cp1252")
    )
    r = read_inputs([p])
    assert r.problems == []
    (doc,) = r.documents
    assert doc.title == "Déclaration – l’été"
    assert "é" in doc.text and "Ã" not in doc.text
    assert len(r.warnings) == 1
    w = r.warnings[0]
    assert w.path == str(p) and "cp1252" in w.message and "not UTF-8" in w.message
    assert w.line == 1


def test_file_of_mixed_encodings_keeps_utf8_and_warns(tmp_path):
    data = "Titre éé\n\n".encode("utf-8") + "Corps reçu.\n".encode("cp1252")
    p = write(tmp_path, "mixed.txt", data)
    r = read_inputs([p])
    assert r.documents[0].title == "Titre éé"
    assert "Corps reçu." in r.documents[0].text
    assert len(r.warnings) == 1 and "mixed" in r.warnings[0].message
    assert r.warnings[0].line == 3


def test_newlines_and_unicode_are_normalised(tmp_path):
    nfd = unicodedata.normalize("NFD", "Hanoï été")
    p = write(tmp_path, "nfd.txt", f"{nfd}\r\n\r\nCorps\rsuite.\r\n".encode("utf-8"))
    doc = read_inputs([p]).documents[0]
    assert doc.title == "Hanoï été" and unicodedata.is_normalized("NFC", doc.text)
    assert "\r" not in doc.text


def test_missing_path_is_a_problem_and_other_inputs_still_load(tmp_path):
    good = write(tmp_path, "good.txt", "Titre\n\nCorps.\n")
    missing = tmp_path / "nope" / "absent.jsonl"
    r = read_inputs([missing, good])
    assert [d.identifier for d in r.documents] == ["good"]
    assert [one_line(p) for p in r.problems] == [f"{missing}: [E110] no such file or directory"]


def test_file_named_with_another_extension_is_a_problem(tmp_path):
    p = write(tmp_path, "notes.csv", "a,b\n")
    r = read_inputs([p])
    assert r.documents == [] and len(r.problems) == 1
    assert r.problems[0].path == str(p) and ".csv" in r.problems[0].message


def test_folder_is_searched_recursively_in_path_order_ignoring_other_files(tmp_path):
    write(tmp_path, "in/b.txt", "B\n\nCorps.\n")
    write(tmp_path, "in/a/z.jsonl", json.dumps({"text": "Z"}) + "\n")
    write(tmp_path, "in/a/y.json", json.dumps({"text": "Y", "id": "y1"}))
    write(tmp_path, "in/readme.md", "# not an input\n")
    write(tmp_path, "in/data.csv", "x,y\n")
    r = read_inputs([tmp_path / "in"])
    assert r.problems == []
    # default ids are the path in the folder given: a file in a sub-folder is "a/z"
    assert [d.identifier for d in r.documents] == ["y1", "a/z", "b"]
    assert [d.source_file for d in r.documents] == ["y.json", "z.jsonl", "b.txt"]


def test_problem_inside_a_folder_names_the_given_path_joined_with_the_file(tmp_path):
    write(tmp_path, "in/sub/bad.json", "{not json")
    r = read_inputs([str(tmp_path / "in")])
    (problem,) = r.problems
    assert problem.path == str(tmp_path / "in" / "sub" / "bad.json")
    assert problem.line == 1


def test_order_does_not_depend_on_the_order_paths_are_given(tmp_path):
    a = write(tmp_path, "a.txt", "A\n\nCorps.\n")
    b = write(tmp_path, "b.txt", "B\n\nCorps.\n")
    assert (
        [d.identifier for d in read_inputs([b, a]).documents]
        == [d.identifier for d in read_inputs([a, b]).documents]
        == ["a", "b"]
    )


def test_same_file_given_twice_is_read_once(tmp_path):
    a = write(tmp_path, "a.txt", "A\n\nCorps.\n")
    r = read_inputs([tmp_path, a])
    assert [d.identifier for d in r.documents] == ["a"]
    assert r.problems == []


def test_source_header_line_gives_the_url_and_is_not_the_title(tmp_path):
    p = write(tmp_path, "011.txt", "# source: https://example.org/a.html\n\nLe titre\n\nCorps.\n")
    (doc,) = read_inputs([p]).documents
    assert doc.title == "Le titre" and doc.url == "https://example.org/a.html"
    assert doc.text == "Le titre\n\nCorps." and doc.offset == p.read_text().index("Le titre")


def test_utf16_and_cp1252_jsonl_records_are_decoded(tmp_path):
    line = json.dumps({"id": "e", "text": "Été à Hanoï"}, ensure_ascii=False) + "\n"
    a = write(tmp_path, "a.jsonl", line.encode("utf-16"))
    b = write(tmp_path, "b.jsonl", line.replace('"e"', '"f"').encode("cp1252"))
    r = read_inputs([a, b])
    assert r.problems == []
    assert [(d.identifier, d.text) for d in r.documents] == [
        ("e", "Été à Hanoï"),
        ("f", "Été à Hanoï"),
    ]
    assert [Path(w.path).name for w in r.warnings] == ["a.jsonl", "b.jsonl"]


# ---------------------------------------------------------------------------------------
# records


def test_jsonl_with_a_broken_line_loads_the_other_49(tmp_path):
    lines = [json.dumps({"id": f"r{n}", "text": f"Titre {n}\n\nCorps {n}."}) for n in range(1, 51)]
    lines[24] = '{"id": "r25", "text": "cassé'
    p = write(tmp_path, "many.jsonl", "\n".join(lines) + "\n")
    r = read_inputs([p])
    assert len(r.documents) == 49
    assert "r25" not in {d.identifier for d in r.documents}
    assert len(r.problems) == 1
    problem = r.problems[0]
    assert problem.line == 25
    assert one_line(problem).startswith(f"{p}:25: [E112] invalid JSON (")
    assert [d.line for d in r.documents][:25] == list(range(1, 25)) + [26]


def test_jsonl_blank_lines_are_skipped_and_lines_counted(tmp_path):
    p = write(
        tmp_path,
        "gaps.jsonl",
        "\n" + json.dumps({"text": "Un"}) + "\n\n   \n" + json.dumps({"text": "Deux"}) + "\n",
    )
    r = read_inputs([p])
    assert r.problems == []
    assert [(d.identifier, d.line) for d in r.documents] == [("gaps-1", 2), ("gaps-2", 5)]


def test_json_that_does_not_parse_is_a_problem_with_its_line(tmp_path):
    p = write(tmp_path, "bad.json", '[\n  {"text": "a"},\n  {"text": "b",,}\n]\n')
    r = read_inputs([p])
    assert r.documents == []
    (problem,) = r.problems
    assert problem.line == 3 and problem.message.startswith("invalid JSON (")
    assert one_line(problem).startswith(f"{p}:3: [E112] invalid JSON")


def test_json_list_of_records_gets_stem_numbered_ids_and_start_lines(tmp_path):
    p = write(
        tmp_path,
        "list.json",
        json.dumps(
            [{"text": "Premier\n\nA."}, {"text": "Second\n\nB.", "title": "Deuxième"}], indent=2
        ),
    )
    r = read_inputs([p])
    assert r.problems == []
    assert [(d.identifier, d.title, d.line) for d in r.documents] == [
        ("list-1", "Premier", 2),
        ("list-2", "Deuxième", 5),
    ]


def test_json_single_record_takes_the_file_stem_as_id(tmp_path):
    p = write(tmp_path, "article-9.json", json.dumps({"text": "Titre\n\nCorps.", "url": "u"}))
    r = read_inputs([p])
    (doc,) = r.documents
    assert doc.identifier == "article-9" and doc.url == "u" and doc.line == 1
    assert doc.offset == 0


def test_single_record_jsonl_takes_the_file_stem_as_id(tmp_path):
    p = write(tmp_path, "seul.jsonl", json.dumps({"text": "Titre"}) + "\n")
    assert [d.identifier for d in read_inputs([p]).documents] == ["seul"]


def test_integer_id_becomes_a_string(tmp_path):
    p = write(tmp_path, "ids.jsonl", json.dumps({"id": 7, "text": "Sept"}) + "\n")
    assert read_inputs([p]).documents[0].identifier == "7"


def test_records_without_text_or_with_text_of_wrong_type_are_problems(tmp_path):
    p = write(
        tmp_path,
        "bad.jsonl",
        "\n".join(
            [
                json.dumps({"id": "a", "title": "sans texte"}),
                json.dumps({"id": "b", "text": 42}),
                json.dumps({"id": "c", "text": "   "}),
                json.dumps(["pas", "un", "objet"]),
                json.dumps({"id": "d", "text": None}),
                json.dumps({"id": 1.5, "text": "id flottant"}),
                json.dumps({"id": "ok", "text": "Bon"}),
            ]
        ),
    )
    r = read_inputs([p])
    assert [d.identifier for d in r.documents] == ["ok"]
    got = [(pr.line, pr.message) for pr in r.problems]
    assert got == [
        (1, 'record has no "text"'),
        (2, '"text" must be a string, got int'),
        (3, '"text" is empty'),
        (4, "record is not an object (got list)"),
        (5, 'record has no "text"'),
        (6, '"id" must be a string or an integer, got float'),
    ]
    for pr in r.problems:
        assert one_line(pr).startswith(f"{p}:{pr.line}: ")


def test_duplicate_ids_are_problems_and_the_first_record_is_kept(tmp_path):
    p = write(
        tmp_path,
        "dup.jsonl",
        "\n".join(
            [
                json.dumps({"id": "x", "text": "Premier"}),
                json.dumps({"id": "x", "text": "Second"}),
                json.dumps({"id": "y", "text": "Autre"}),
            ]
        ),
    )
    q = write(tmp_path, "x.txt", "Page\n\nCorps.\n")  # stem "x" collides with record "x"
    r = read_inputs([p, q])
    assert [(d.identifier, d.title) for d in r.documents] == [("x", "Premier"), ("y", "Autre")]
    assert len(r.problems) == 2
    assert r.problems[0].line == 2 and "duplicate id 'x'" in r.problems[0].message
    # the page has no "id": its clash is called a default id, with what to do
    assert r.problems[1].path == str(q) and "duplicate default id 'x'" in r.problems[1].message
    assert "from the file name" in r.problems[1].message


def test_problems_of_a_jsonl_file_come_in_line_order(tmp_path):
    p = write(tmp_path, "o.jsonl", '{"text": 1}\n{broken\n{"id": "ok", "text": "T"}\n{}\n')
    r = read_inputs([p])
    assert [d.identifier for d in r.documents] == ["ok"]
    assert [pr.line for pr in r.problems] == [1, 2, 4]


def test_broken_link_in_a_folder_is_a_problem(tmp_path):
    write(tmp_path, "in/good.txt", "Titre\n\nCorps.\n")
    (tmp_path / "in" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    r = read_inputs([tmp_path / "in"])
    assert [d.identifier for d in r.documents] == ["good"]
    assert [(Path(pr.path).name, pr.message) for pr in r.problems] == [
        ("gone.txt", "no such file or directory (broken link)")
    ]


@pytest.mark.parametrize(
    "value, expected, warned",
    [
        ("2025", "2025", False),
        ("2025-04", "2025-04", False),
        ("2025-10-19", "2025-10-19", False),
        ("2025-10-19T08:30:00+07:00", "2025-10-19", False),
        ("2025-10-19 08:30", "2025-10-19", False),
        (None, None, False),
        ("19/10/2025", None, True),
        ("2025-13-01", None, True),
        ("2025-02-30", None, True),
        ("hier", None, True),
        (2025, None, True),
    ],
)
def test_published_dates(tmp_path, value, expected, warned):
    p = write(tmp_path, "d.jsonl", json.dumps({"id": "d", "text": "T", "published": value}))
    r = read_inputs([p])
    assert r.problems == []
    assert r.documents[0].published == expected
    assert bool(r.warnings) == warned
    if warned:
        assert r.warnings[0].line == 1 and "published" in r.warnings[0].message


def test_record_title_defaults_to_first_non_empty_line(tmp_path):
    p = write(tmp_path, "t.jsonl", json.dumps({"id": "t", "text": "\n\n  Le titre  \nCorps."}))
    doc = read_inputs([p]).documents[0]
    assert doc.title == "Le titre"
    assert kinds(doc) == ["title", "body"]


def test_problems_never_raise_on_odd_inputs(tmp_path):
    write(tmp_path, "odd/a.json", "42")
    write(tmp_path, "odd/b.json", "[]")
    write(tmp_path, "odd/c.jsonl", "[" * 100000)
    write(tmp_path, "odd/d.txt", "\x01\x02\x03\x04 garbage \x05\x06\x07\x08\x0e\x0f")
    write(tmp_path, "odd/e.json", b"\xff\xfe\x00")  # broken UTF-16
    r = read_inputs([tmp_path / "odd"])
    assert r.documents == []
    assert {Path(p.path).name for p in r.problems} == {"a.json", "c.jsonl", "d.txt", "e.json"}
    assert [Path(w.path).name for w in r.warnings] == ["b.json"]
    for p in r.problems:
        one_line(p)


# ---------------------------------------------------------------------------------------
# the dev corpus


@pytest.fixture(scope="module")
def dev() -> IngestResult:
    if not DEV.exists():
        pytest.skip(f"dev corpus not found at {DEV} (../shared beside the repository)")
    return read_inputs([DEV])


def test_dev_records_load_as_16_documents_with_their_ids_and_dates(dev):
    records = [
        json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert dev.problems == [] and dev.warnings == []
    assert [d.identifier for d in dev.documents] == [f"{n:03d}" for n in range(1, 17)]
    assert [d.published for d in dev.documents] == [r["published"] for r in records]
    assert [d.url for d in dev.documents] == [r["url"] for r in records]
    assert [d.title for d in dev.documents] == [r["title"] for r in records]
    assert [d.line for d in dev.documents] == list(range(1, 17))
    for d, r in zip(dev.documents, records):
        assert d.text == r["text"] and d.offset == 0 and d.source_file == "articles.jsonl"
        assert_tiles(d)


def test_dev_records_captions_duplicates_and_trailers(dev):
    docs = {d.identifier: d for d in dev.documents}
    assert kinds(docs["002"])[:4] == ["title", "body", "caption", "duplicate"]
    assert kinds(docs["009"])[-1] == "trailer" and parts_of(docs["009"], "trailer") == ["VNA/NDEL"]
    assert parts_of(docs["015"], "trailer") == ["VNA/CVN"]
    assert parts_of(docs["014"], "dateline") == ["(VOVworld) -"]
    assert parts_of(docs["014"], "caption") == ["M. Hoang Van Dung"]
    assert parts_of(docs["001"], "caption") == ["Photo : VNA/CVN"]
    assert len(parts_of(docs["016"], "caption")) == 3
    assert kinds(docs["008"])[:2] == ["title", "caption"]


# ---------------------------------------------------------------------------------------
# tiling holds for any text

try:
    from hypothesis import given, settings, strategies as st

    from property_support import examples
except ImportError:  # the test extras are not installed: only this test skips
    given = None

if given is None:

    def test_parts_tile_the_text_of_any_record():
        pytest.skip("hypothesis is not installed")
else:
    _PIECES = st.sampled_from(
        [
            "\n",
            "\n\n",
            " ",
            "\xa0",
            "Voir plus",
            "Photo : VNA",
            "(Photo: X) |",
            "Hanoï (VNA) – ",
            "(VOVWORLD) - ",
            "ảnh 1",
            " - ảnh 2",
            "-VNA",
            " – VNA",
            "VNA/CVN",
            "|",
            "Le président.",
            "Un titre court",
            "Une phrase plus longue qui se termine par un point.",
            "é",
            "\t",
        ]
    )

    @settings(max_examples=examples(300), deadline=None)
    @given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
    def test_parts_tile_the_text_of_any_record(pieces):
        text = "".join(pieces)
        docs = split_record(text, identifier="h", source_file="h.jsonl")
        if not text.strip():
            assert docs == []
            return
        norm = text.replace("\r\n", "\n").replace("\r", "\n")
        norm = unicodedata.normalize("NFC", norm)
        for d in docs:
            assert_tiles(d)
            assert norm[d.offset : d.offset + len(d.text)] == d.text
        pages = read_text_page(text, "h.txt", "h")
        for d in pages:
            assert_tiles(d)
            assert norm[d.offset : d.offset + len(d.text)] == d.text
