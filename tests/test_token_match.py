"""The French tokenizer's ``token_match`` in its factored form (kg.token_match) matches the
same strings as spaCy's pattern, and the tokenizer gives the same tokens with it."""

from __future__ import annotations

import json
import random
import re
import re._parser as sre_parse
from pathlib import Path

import pytest
import srsly
from hypothesis import given, settings, strategies as st

from kg.token_match import BIG_ATOM, atoms, factor_alternatives, factored_compiles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("dev", "dev2", "events-dev")
LETTERS = "[a-zàéèêç" + "".join(chr(c) for c in range(0x100, 0x100 + BIG_ATOM)) + "]"
PUNCT = "[-–'’]"


def _pattern(alternatives: list[str], flags: str = "(?iu)") -> str:
    """Written the way spaCy writes the French TOKEN_MATCH."""
    return flags + "|".join(f"(?:{a})" for a in alternatives)


# --------------------------------------------------------------------------- the factoring


def test_atoms_keep_classes_groups_escapes_and_their_quantifiers_whole():
    body = r"^a[-–\]]s?\u2013(?:l[’'])?[a-z]*\.x{2,3}$"
    assert atoms(body) == [
        "^",
        "a",
        r"[-–\]]",
        "s?",
        r"\u2013",
        "(?:l[’'])?",
        "[a-z]*",
        r"\.",
        "x{2,3}",
        "$",
    ]
    assert "".join(atoms(body) or []) == body


def test_alternatives_sharing_their_large_atoms_hold_one_copy_of_them():
    tail = f"{LETTERS}{PUNCT}*$"
    pattern = _pattern([f"^arcs?-{tail}", f"^archi-{tail}", f"^entr['’]{tail}", f"^z-{LETTERS}+$"])
    factored = factor_alternatives(pattern)
    assert factored == f"(?iu)(?:^(?:arcs?-|archi-|entr['’]){tail})|(?:^z-{LETTERS}+$)"
    assert factored.count(LETTERS) == 2


def test_a_group_factors_its_common_leading_and_trailing_atoms():
    pattern = _pattern([f"^{LETTERS}+-la-{LETTERS}+$", f"^{LETTERS}+-des?-{LETTERS}+$"])
    assert factor_alternatives(pattern) == f"(?iu)(?:^{LETTERS}+-(?:la|des?)-{LETTERS}+$)"


@pytest.mark.parametrize(
    "pattern",
    [
        _pattern([f"^(a)-{LETTERS}$", f"^b-{LETTERS}$"]),  # a capturing group
        _pattern([f"^a|b-{LETTERS}$", f"^c-{LETTERS}$"]),  # an alternative that is an alternation
        _pattern([rf"^(?:a)\1{LETTERS}$", f"^c-{LETTERS}$"]),  # a back-reference
        _pattern([f"^a{{-{LETTERS}$", f"^c-{LETTERS}$"]),  # a stray brace
        _pattern([f"^a -{LETTERS}$", f"^c -{LETTERS}$"], flags="(?x)"),  # verbose: spaces
        f"^a-{LETTERS}$|^c-{LETTERS}$",  # alternatives not in groups
        f"(?:^a-{LETTERS}$)?|(?:^c-{LETTERS}$)",  # a quantified alternative
    ],
)
def test_patterns_of_another_shape_are_not_factored(pattern):
    assert factor_alternatives(pattern) is None


HEADS = st.text(alphabet="ab-'s?", min_size=0, max_size=4).filter(
    lambda h: not h.startswith("?") and "??" not in h
)
TAILS = st.sampled_from(
    [f"{LETTERS}*$", f"{LETTERS}{PUNCT}*$", f"{PUNCT}{LETTERS}+$", f"-la-{LETTERS}+$"]
)


@settings(max_examples=150)
@given(
    alternatives=st.lists(st.tuples(HEADS, TAILS), min_size=1, max_size=6),
    strings=st.lists(st.text(alphabet="abAsS-–'’éĀ\n", max_size=8), min_size=20, max_size=20),
)
def test_the_factored_pattern_matches_what_the_original_matches(alternatives, strings):
    pattern = _pattern([f"^{head}{tail}" for head, tail in alternatives])
    factored = factor_alternatives(pattern)
    assert factored is not None
    original, short = re.compile(pattern), re.compile(factored)
    for s in strings:
        assert bool(original.match(s)) == bool(short.match(s)), (pattern, s)


def test_within_the_block_only_large_patterns_of_the_shape_are_factored():
    compile_before = re.compile
    pattern = _pattern([f"^a-{LETTERS}$", f"^b-{LETTERS}$"])
    with factored_compiles(min_size=len(pattern)):
        assert re.compile(pattern).pattern == f"(?iu)(?:^(?:a|b)-{LETTERS}$)"
        shorter = pattern.replace("^b-", "^b")
        assert re.compile(shorter).pattern == shorter
        capturing = pattern.replace("(?:^a-", "(^a-")  # another shape
        assert re.compile(capturing).pattern == capturing
    assert re.compile is compile_before


def test_re_compile_is_given_back_when_the_block_fails():
    compile_before = re.compile
    with pytest.raises(RuntimeError), factored_compiles():
        raise RuntimeError("the model failed to load")
    assert re.compile is compile_before


# --------------------------------------------------------------------------- the model's pattern


@pytest.fixture(scope="module")
def model_pattern(nlp) -> str:
    """The ``token_match`` pattern written in the model's tokenizer (what spaCy compiles)."""
    return srsly.msgpack_loads((Path(nlp.path) / "tokenizer").read_bytes())["token_match"]


@pytest.fixture(scope="module")
def original(model_pattern) -> re.Pattern:
    return re.compile(model_pattern)  # ~3 CPU seconds


@pytest.fixture(scope="module")
def factored(model_pattern) -> re.Pattern:
    return re.compile(factor_alternatives(model_pattern) or "")


def _texts() -> list[str]:
    if not SHARED.is_dir():
        pytest.skip(f"the dev corpora ({SHARED}) are not beside the checkout")
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for name in CORPORA:
        for line in (SHARED / "corpus" / name / "articles.jsonl").read_text("utf-8").splitlines():
            record = json.loads(line)
            texts.append(f"{record.get('title', '')}\n\n{record['text']}")
    for line in (ROOT / "tests" / "hostile" / "names.jsonl").read_text("utf-8").splitlines():
        # lone surrogates replaced (the build's ingestion does not let them through)
        texts.append(json.loads(line)["text"].encode("utf-8", "replace").decode("utf-8"))
    return texts


def test_the_pipeline_reads_with_the_factored_model_pattern(nlp, model_pattern):
    factored = factor_alternatives(model_pattern)
    assert factored is not None and len(factored) < len(model_pattern) / 50
    assert nlp.tokenizer.token_match.__self__.pattern == factored


def test_the_factored_pattern_answers_as_the_model_s_on_every_string_the_tokenizer_asks(
    nlp, original
):
    """Every string the tokenizer asks about while reading the seeds, the dev corpora and
    hostile texts, the tokenizer's exceptions, and each with its first letter doubled or
    dropped."""
    asked: set[str] = set()
    factored = nlp.tokenizer.token_match
    tokenizer = nlp.tokenizer.tokenizer

    def recording(string: str):
        asked.add(string)
        return factored(string)

    tokenizer.token_match = recording
    try:
        for text in _texts():
            tokenizer(text)
    finally:
        tokenizer.token_match = factored
    asked |= set(tokenizer.rules)
    asked |= {s[:1] + s for s in asked} | {s[1:] for s in asked}
    disagree = [s for s in asked if bool(original.match(s)) != bool(factored(s))]
    assert len(asked) > 10_000 and disagree == []
    assert sum(bool(factored(s)) for s in asked) > 20  # strings kept whole are among them


def _draw(items, rng: random.Random) -> str:
    """A string matched by the parsed regular expression ``items`` (sre's parse tree), the
    choices (branch, class member, repeat count) made by ``rng``."""
    out = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "IN":
            out.append(_class_member(arg, rng))
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, sub = arg
            out.extend(_draw(sub, rng) for _ in range(rng.randint(low, min(high, low + 3))))
        elif name == "SUBPATTERN":
            out.append(_draw(arg[-1], rng))
        elif name == "BRANCH":
            out.append(_draw(rng.choice(arg[1]), rng))
        elif name != "AT":  # AT: the anchors
            raise AssertionError(f"not drawn: {name}")
    return "".join(out)


def _class_member(members, rng: random.Random) -> str:
    op, arg = rng.choice([m for m in members if str(m[0]) in ("LITERAL", "RANGE")])
    return chr(arg) if str(op) == "LITERAL" else chr(rng.randint(*arg))


def test_strings_of_each_alternative_of_the_model_s_pattern_are_matched_by_both(
    model_pattern, original, factored
):
    """Strings drawn from each of the model's alternatives (which the pattern must match),
    and the same strings with a character added, dropped or changed."""
    flags = re.match(r"\(\?\w+\)", model_pattern).group()
    alternatives = model_pattern[len(flags) + 3 : -1].split(")|(?:")
    assert len(alternatives) > 100
    assert all(a.startswith("^") and a.endswith("$") for a in alternatives)
    rng = random.Random(16)
    drawn = [_draw(sre_parse.parse(flags + a), rng) for a in alternatives for _ in range(5)]
    assert all(original.match(s) and factored.match(s) for s in drawn)
    variants = []
    for s in drawn:
        i, c = rng.randint(0, len(s)), rng.choice("a-'’ é1.")
        variants += [s[:i] + c + s[i:], s[:i] + s[i + 1 :], s[:i] + c + s[i + 1 :]]
    assert [v for v in variants if bool(original.match(v)) != bool(factored.match(v))] == []
    assert 0 < sum(not original.match(v) for v in variants) < len(variants)


def test_the_corpora_have_the_same_tokens_with_either_pattern(nlp, original):
    tokenizer = nlp.tokenizer
    factored = tokenizer.token_match
    texts = _texts()
    with_factored = [[(t.text, t.whitespace_) for t in tokenizer(text)] for text in texts]
    tokenizer.tokenizer.token_match = original.match
    try:
        with_original = [[(t.text, t.whitespace_) for t in tokenizer(text)] for text in texts]
    finally:
        tokenizer.tokenizer.token_match = factored
    assert with_factored == with_original


def test_the_extractor_identity_covers_the_token_match_module():
    """Cached facts are read again when kg/token_match.py changes (it decides the tokens)."""
    import kg.cache

    package = Path(kg.cache.__file__).parent
    hashed = kg.cache._code_files(kg.cache._EXTRACTOR_CODE)
    assert package / "token_match.py" in hashed and package / "nlp.py" in hashed
