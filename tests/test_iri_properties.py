"""Property-based tests of IRI minting and escaping (kg.namespaces, kg.graph, kg.export).

Whatever text the inputs hold (identifiers, names, codes, URLs: controls, NUL, lone
surrogates, quotes, markup, emoji, right-to-left and zero-width characters), every IRI the
builder mints is an absolute IRI by RFC 3987 (checked with Oxigraph's strict parser), two
articles never share an IRI, and what the Turtle writer writes parses back to the same
terms. One test writes a few hundred hostile terms into Turtle and TriG and runs Jena's strict
``riot --validate`` on them once.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph
import pytest
from hypothesis import assume, given, settings, strategies as st

from property_support import examples
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg.export import trig_lines, turtle_lines
from kg.facts import PartialDate
from kg.kinds import EVENT_KINDS, RELATION_KINDS
from kg.graph import _url, clean_text, text_literal
from kg.namespaces import (
    BKG,
    BKGR,
    SCHEMA,
    article_iri,
    event_iri,
    mention_iri,
    official_iri,
    organization_iri,
    relation_iri,
    slug,
)
from kg.resolve import _key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jena import find_jena  # noqa: E402

# any text at all: controls, NUL, lone surrogates, astral characters
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
HOSTILE = (
    '"',
    "'",
    "\\",
    "\n",
    "\r",
    "\t",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "<",
    ">",
    "{",
    "}",
    "|",
    "^",
    "`",
    "#",
    "/",
    "?",
    "%",
    "%2F",
    ":",
    "@",
    " ",
    ".",
    "..",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u2028",
    "\ufffd",
    "\ufffe",
    "\ud800",
    "\udfff",
    "é",
    "Đ",
    "🇻🇳",
    "👍🏽",
    "مرحبا",
    "שלום",
    "http://",
    "https://x/",
)
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), ANY_TEXT), max_size=8).map("".join)
TEXTS = st.one_of(ANY_TEXT, HOSTILE_TEXT)


def is_iri(term: object) -> bool:
    try:
        pyoxigraph.NamedNode(str(term))
    except ValueError:
        return False
    return True


def turtle_of(triples: list[tuple]) -> str:
    g = Graph()
    for t in triples:
        g.add(t)
    return "".join(turtle_lines(g))


# --- article IRIs -------------------------------------------------------------------------


@settings(max_examples=examples(400))
@given(TEXTS)
def test_article_iri_is_an_absolute_iri_without_dot_segments(identifier):
    iri = article_iri(identifier)
    assert is_iri(iri), iri
    assert str(iri).startswith(str(BKGR) + "article/")
    path = str(iri)[len(str(BKGR)) :]
    assert all(seg not in (".", "..") for seg in path.split("/"))


@settings(max_examples=examples(400))
@given(TEXTS, TEXTS)
def test_two_identifiers_never_share_an_article_iri(a, b):
    assume(a != b)
    assert article_iri(a) != article_iri(b)


def test_teaser_and_slash_identifiers_are_apart():
    assert article_iri("page#2") == BKGR["article/page/2"]
    assert article_iri("page/2") != article_iri("page#2")
    assert article_iri("..") != article_iri("%2E%2E")


# --- the other minted IRIs ----------------------------------------------------------------

DATES = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1, 9999), st.none(), st.none()),
    st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12), st.none()),
    st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31)),
    st.builds(PartialDate, st.none(), st.integers(1, 12), st.integers(1, 31)),
)


@settings(max_examples=examples(300))
@given(
    st.sampled_from(EVENT_KINDS), DATES, TEXTS, TEXTS, st.integers(0, 10**9), st.integers(0, 10**9)
)
def test_event_and_mention_iris_are_iris(kind, start, key, identifier, a, b):
    assert is_iri(event_iri(kind, start, key))
    assert event_iri(kind, start, key) == event_iri(kind, start, key)
    assert is_iri(mention_iri(identifier, a, b))


@settings(max_examples=examples(300))
@given(TEXTS, TEXTS, st.sampled_from(RELATION_KINDS))
def test_relation_and_organization_iris_are_iris_and_symmetric(a, b, kind):
    assert is_iri(relation_iri(a, b, kind)) and is_iri(organization_iri(a))
    assert relation_iri(a, b, kind) == relation_iri(b, a, kind)


@settings(max_examples=examples(300))
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_official_iri_of_any_names_is_a_readable_iri(names):
    key = _key(names)
    assert is_iri(official_iri(key))
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in key)
    assert key == _key(list(reversed(names)))  # the order of spellings does not matter


@given(TEXTS)
def test_slug_is_lower_ascii_words(text):
    s = slug(text)
    assert s and all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in s)
    assert not s.startswith("-") and not s.endswith("-")


# --- URLs from the inputs -----------------------------------------------------------------

URLS = st.one_of(
    TEXTS,
    st.builds(
        lambda scheme, rest: scheme + rest,
        st.sampled_from(
            [
                "http://",
                "https://",
                "HTTP://",
                "ftp://",
                "mailto:",
                "javascript:",
                "urn:",
                "file://",
                "//",
                "http:",
            ]
        ),
        TEXTS,
    ),
)


@settings(max_examples=examples(500))
@given(URLS)
def test_a_url_becomes_a_web_iri_or_an_anyuri_literal(url):
    term = _url(url)
    if isinstance(term, URIRef):
        assert is_iri(term), term
        assert str(term).startswith(("http://", "https://"))
        assert "@" not in urlsplit(str(term)).netloc  # no user or password
    else:
        assert isinstance(term, Literal) and term.datatype in (XSD.anyURI, None)
        if term.datatype is not None:  # a URI of another scheme, or a reference
            scheme, colon, rest = str(term).partition(":")
            assert (colon and rest[:1] not in ("", "#", "?")) or "/" in scheme or not colon


# --- the Turtle writer --------------------------------------------------------------------


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(TEXTS, TEXTS), min_size=1, max_size=6))
def test_turtle_of_hostile_terms_reads_back_the_same_triples(pairs):
    triples = []
    for ident, text in pairs:
        art = article_iri(ident)
        triples.append((art, DCTERMS.title, text_literal(text)))
        triples.append((art, BKG.code, text_literal(text, lang="fr")))
        triples.append((art, SCHEMA.url, _url(text)))
    ttl = turtle_of(triples)
    assert not any(c in ttl for c in "\x00\x85\u2028\ufffd")
    back = set(Graph().parse(data=ttl, format="turtle"))
    assert back == set(triples)


@settings(max_examples=examples(200))
@given(TEXTS)
def test_clean_text_leaves_only_characters_every_rdf_syntax_accepts(text):
    out = clean_text(text)
    assert not any(0xD800 <= ord(c) <= 0xDFFF or c in "\x00\ufffe\uffff" for c in out)
    assert not any(ord(c) < 0x20 and c not in "\t\n\r" for c in out)
    assert clean_text(out) == out


# --- one strict Jena pass over hostile terms ----------------------------------------------


def hostile_samples(n: int, seed: int = 0) -> list[str]:
    rnd = random.Random(seed)
    alphabet = list(HOSTILE) + [chr(c) for c in range(0x20)] + ["a", "b", "1", "-", "_"]
    out = list(HOSTILE)
    for _ in range(n):
        out.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12))))
        out.append(
            rnd.choice(["http://", "https://", "HTTP://", "ftp://", "mailto:", ""]) + out[-1]
        )
    return out


def riot_strict(tmp_path: Path, *paths: Path) -> tuple[bool, str]:
    """Jena's ``riot --validate --strict`` (tests/jena.py): (no error, no warning; output)."""
    jena, why = find_jena(tmp_path / "jena")
    if jena is None:
        pytest.skip(f"Jena riot unavailable: {why}")
    done = jena.run("riotcmd.riot", "--validate", "--strict", *map(str, paths))
    output = (done.stdout + done.stderr).strip()
    return done.returncode == 0 and "WARN" not in output and "ERROR" not in output, output


def test_jena_strict_riot_accepts_turtle_and_trig_of_hostile_terms(tmp_path):
    samples = hostile_samples(300)
    graphs: dict[URIRef, list[tuple]] = {}
    triples = []
    for i, s in enumerate(samples):
        art = article_iri(s)
        t = [
            (art, DCTERMS.title, text_literal(s)),
            (art, BKG.code, text_literal(s, lang="fr")),
            (art, SCHEMA.url, _url(s)),
            (official_iri(_key([s])), BKG.code, Literal(i)),
            (organization_iri(s), BKG.code, text_literal(s)),
            (relation_iri(s, "VN", "OtherRelation"), BKG.code, text_literal(s)),
            (mention_iri(s, i, i + 1), BKG.code, text_literal(s)),
        ]
        graphs.setdefault(art, []).extend(t)
        triples += t
    ttl, trig = tmp_path / "hostile.ttl", tmp_path / "hostile.trig"
    ttl.write_text(turtle_of(triples), encoding="utf-8")
    trig.write_text("".join(trig_lines(graphs)), encoding="utf-8")
    ok, output = riot_strict(tmp_path, ttl, trig)
    assert ok, output[:3000]
    assert set(Graph().parse(ttl, format="turtle")) == set(triples)
    dataset = Dataset().parse(trig, format="trig")
    assert {(s, p, o) for s, p, o, _ in dataset.quads()} == set(triples)
