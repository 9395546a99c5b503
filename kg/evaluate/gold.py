"""Gold: the gold files of a folder (``corpus/GOLD_FORMAT.md``) → :class:`GoldArticle` records,
with an error naming the file and the field for a bad one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from kg.errors import Errors
from kg.evaluate.names import Names, names_match


@dataclass(frozen=True)
class GoldOfficial:
    name: str
    country: str | None


@dataclass(frozen=True)
class GoldPair:
    """Two participants of one gold meeting, in the order the gold lists them."""

    names: tuple[str, str]
    date: str | None


@dataclass(frozen=True)
class GoldArticle:
    """What one gold file asks for, in the shape the scoring needs."""

    id: str
    path: Path
    officials: tuple[GoldOfficial, ...]
    meeting_pairs: tuple[GoldPair, ...]  # every pair of every meeting, in order
    relations: frozenset[tuple[frozenset[str], str]]
    dates: frozenset[str]
    data: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def country_of(self, names: Names) -> str | None:
        """The gold country of the first gold official with a matching name."""
        for o in self.officials:
            if names_match(names, o.name):
                return o.country
        return None


def _fail(path: Path, what: str) -> ValueError:
    return ValueError(f"{path}: bad gold file: {what}")


def _expect(path: Path, value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind):
        raise _fail(path, f"{where} is not {_kind_name(kind)}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", list: "a list", dict: "an object", type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _gold_article(path: Path, data: Any) -> GoldArticle:
    """Check one parsed gold file and read it; ValueError naming the file when malformed."""
    _expect(path, data, dict, "the top level")
    for key in ("id", "officials", "meetings", "relations", "dated_events"):
        if key not in data:
            raise _fail(path, f"missing key {key!r}")
    ident = _expect(path, data["id"], str, "'id'")
    officials = []
    for i, o in enumerate(_expect(path, data["officials"], list, "'officials'")):
        _expect(path, o, dict, f"officials[{i}]")
        if "name" not in o:
            raise _fail(path, f"officials[{i}] has no 'name'")
        officials.append(
            GoldOfficial(
                _expect(path, o["name"], str, f"officials[{i}].name"),
                _expect(path, o.get("country"), (str, type(None)), f"officials[{i}].country"),
            )
        )
    pairs: list[GoldPair] = []
    for i, m in enumerate(_expect(path, data["meetings"], list, "'meetings'")):
        _expect(path, m, dict, f"meetings[{i}]")
        if "participants" not in m:
            raise _fail(path, f"meetings[{i}] has no 'participants'")
        names = _expect(path, m["participants"], list, f"meetings[{i}].participants")
        for n in names:
            _expect(path, n, str, f"a participant of meetings[{i}]")
        date = _expect(path, m.get("date"), (str, type(None)), f"meetings[{i}].date")
        pairs.extend(GoldPair((a, b), date) for a, b in combinations(names, 2))
    relations = set()
    for i, r in enumerate(_expect(path, data["relations"], list, "'relations'")):
        _expect(path, r, dict, f"relations[{i}]")
        for key in ("countries", "kind"):
            if key not in r:
                raise _fail(path, f"relations[{i}] has no {key!r}")
        codes = _expect(path, r["countries"], list, f"relations[{i}].countries")
        for c in codes:
            _expect(path, c, str, f"a country of relations[{i}]")
        relations.add((frozenset(codes), _expect(path, r["kind"], str, f"relations[{i}].kind")))
    dates = set()
    for i, e in enumerate(_expect(path, data["dated_events"], list, "'dated_events'")):
        _expect(path, e, dict, f"dated_events[{i}]")
        start = _expect(path, e.get("start"), (str, type(None)), f"dated_events[{i}].start")
        if start:
            dates.add(start)
    return GoldArticle(
        ident, path, tuple(officials), tuple(pairs), frozenset(relations), frozenset(dates), data
    )


def gold_files(gold_dir: Path | str) -> list[Path]:
    """The gold folder's ``*.json`` files (not hidden ones), sorted by name."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise FileNotFoundError(Errors.E401.format(problem=f"gold folder not found: {folder}"))
    files = sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise ValueError(Errors.E401.format(problem=f"no gold *.json files in {folder}"))
    return files


def load_gold(gold_dir: Path | str) -> list[GoldArticle]:
    """Read and check every gold file of ``gold_dir``."""
    articles = []
    for path in gold_files(gold_dir):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(Errors.E402.format(problem=f"{path}: not valid JSON: {exc}")) from None
        articles.append(_gold_article(path, data))
    return articles
