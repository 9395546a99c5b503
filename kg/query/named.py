"""Named queries: the ``ontology/queries/*.rq`` files, their ``# param:`` headers, and the list
``kg query --list`` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Errors
from kg.resources import resource

QUERIES_DIR = resource("ontology/queries")

PARAM_TYPES = {
    "country": "CODE",
    "code": "CODE",
    "official": "NAME",
    "iri": "IRI",
    "date": "DATE",
    "first-day": "DATE",
    "last-day": "DATE",
    "string": "TEXT",
    "integer": "N",
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""

    def usage(self) -> str:
        return f"--param {self.name}={PARAM_TYPES.get(self.type, 'VALUE')}"


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header: what it answers and the parameters it takes."""

    name: str
    text: str
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None
    header: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_PARAM_LINE = re.compile(r"^#\s*param:\s*(\S+)\s+(\S+)\s*(.*)$")


def parse_query(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """Read a query's comment header (description, ``# param:`` lines)."""
    header_lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            header_lines.append(line)
        elif line.strip():
            break
    description = ""
    params = []
    for line in header_lines:
        m = _PARAM_LINE.match(line)
        if m:
            pname, ptype, pdesc = m.groups()
            if ptype not in PARAM_TYPES:
                raise ValueError(
                    Errors.E201.format(
                        problem=f"{path or name}: parameter {pname!r} has unknown type "
                        f"{ptype!r} (types: {', '.join(PARAM_TYPES)})"
                    )
                )
            params.append(Param(pname, ptype, pdesc.strip()))
        elif not description and line.lstrip("#").strip():
            description = line.lstrip("#").strip()
    header = "\n".join(line[1:].removeprefix(" ") for line in header_lines)
    return NamedQuery(name, text, description, tuple(params), path, header)


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of ``ontology/queries`` (name = file stem), sorted by name."""
    folder = folder or QUERIES_DIR
    return {
        p.stem: parse_query(p.read_text(encoding="utf-8"), p.stem, p)
        for p in sorted(folder.glob("*.rq"))
    }


def get_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise FileNotFoundError(Errors.E202.format(problem=f"query file not found: {path}"))
        return parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    queries = named_queries()
    if name_or_path not in queries:
        raise ValueError(
            Errors.E203.format(
                problem=f"unknown query {name_or_path!r}; named queries: "
                f"{', '.join(queries)} (or give a .rq file, or -e SPARQL)"
            )
        )
    return queries[name_or_path]


def list_queries() -> str:
    lines = [
        "Named queries (ontology/queries/*.rq). Run one with:",
        "  kg query GRAPH NAME [--param NAME=VALUE]... [--format table|csv|json]",
        "",
    ]
    queries = named_queries()
    width = max(len(n) for n in queries) if queries else 0
    for name, q in queries.items():
        lines.append(f"  {name.ljust(width)}  {q.description}")
        if q.params:
            lines.append(f"  {' ' * width}  " + " ".join(p.usage() for p in q.params))
    return "\n".join(lines) + "\n"
