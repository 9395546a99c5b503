"""The build: inputs → documents → facts → identities → RDF → files.

:func:`build` runs the steps in order (``ingest → nlp → extract → resolve → graph →
export → formats → views``) and returns a :class:`BuildReport`; :func:`load_graph` reads a
build back. The steps live in their own modules; this one only chains them.
"""
from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.facts import Document, Extraction, InputProblem
from kg.namespaces import BKG, ONTOLOGY_IRI

__all__ = ["BuildReport", "build", "load_graph", "PROGRESS_EVERY"]

PROGRESS_EVERY = 50   # documents between two progress lines on stderr

Progress = Callable[[int, int], None]   # (documents done, documents in all)


@dataclass
class BuildReport:
    """What a build read, skipped and wrote."""

    documents: int = 0
    problems: list[InputProblem] = field(default_factory=list)   # inputs skipped
    warnings: list[InputProblem] = field(default_factory=list)   # inputs read with a remark
    officials: int = 0
    events: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line: ``3 documents: 12 officials, 5 events, 4 relations, 1234 triples in 2.1 s``."""
        line = (f"{_n(self.documents, 'document')}: {_n(self.officials, 'official')}, "
                f"{_n(self.events, 'event')}, {_n(self.relations, 'relation')}, "
                f"{_n(self.triples, 'triple')} in {self.seconds:.1f} s")
        notes = []
        if self.problems:
            notes.append(f"{_n(len(self.problems), 'input')} skipped")
        if self.warnings:
            notes.append(_n(len(self.warnings), "warning"))
        return line + (f" ({', '.join(notes)})" if notes else "")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _stderr_progress(every: int | None = None) -> Progress:
    every = every or PROGRESS_EVERY
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        if total > every and (done % every == 0 or done == total):
            took = time.perf_counter() - started
            print(f"kg build: {done}/{total} documents read ({took:.0f} s)", file=sys.stderr,
                  flush=True)
    return report


def _with_progress(items: Iterable[Extraction], total: int,
                   progress: Progress | None) -> Iterator[Extraction]:
    for done, item in enumerate(items, 1):
        yield item
        if progress is not None:
            progress(done, total)


def _optional(module: str, function: str):
    """``module.function`` when that module exists and has it (steps written separately)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    return getattr(mod, function, None)


def _extract(documents: list[Document], progress: Progress | None) -> list[Extraction]:
    if not documents:   # nothing to read: no need for the language model either
        return []
    from kg.extract import extract_all
    from kg.nlp import load_pipeline
    nlp = load_pipeline()
    return list(_with_progress(extract_all(nlp, documents), len(documents), progress))


def build(paths: Iterable[str | Path] | str | Path, out: str | Path, *, quiet: bool = False,
          progress: Progress | None = None) -> BuildReport:
    """Build the inputs at ``paths`` into the folder ``out``.

    Writes ``graph.ttl``, ``graph.trig``, the extra formats and the HTML views. Inputs that
    cannot be read are reported in ``BuildReport.problems`` and skipped; when none can be
    read the graph files are still written (empty, valid). ``progress(done, total)`` is
    called after each document; by default (unless ``quiet``) a line goes to stderr every
    :data:`PROGRESS_EVERY` documents of a long run.
    """
    from kg.export import write_graph_files
    from kg.graph import build_dataset, merged_graph
    from kg.ingest import read_inputs
    from kg.lexicon import load_lexicon
    from kg.resolve import resolve

    started = time.perf_counter()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = Path(out)
    if progress is None and not quiet:
        progress = _stderr_progress()

    ingested = read_inputs([str(p) for p in paths])
    extractions = resolve(_extract(list(ingested.documents), progress))
    dataset = build_dataset(extractions, load_lexicon())
    merged = merged_graph(dataset)

    outputs = list(write_graph_files(dataset, merged, out))
    write_formats = _optional("kg.formats", "write_formats")
    if write_formats is not None:
        outputs += list(write_formats(dataset, merged, out) or [])
    write_views = _optional("kg.views", "write_views")
    if write_views is not None:
        outputs += list(write_views(merged, out) or [])

    return BuildReport(
        documents=len(ingested.documents),
        problems=list(ingested.problems),
        warnings=list(ingested.warnings),
        officials=_count(merged, BKG.Official),
        events=_count(merged, BKG.Event),
        relations=_count(merged, BKG.BilateralRelation),
        triples=len(merged),
        seconds=time.perf_counter() - started,
        outputs=outputs,
    )


def _count(graph: Graph, cls: URIRef) -> int:
    return len(set(graph.subjects(RDF.type, cls)))


def load_graph(path: str | Path) -> Graph:
    """A build's graph: a ``.ttl`` file, a ``.trig`` file (the union of its named graphs,
    the ontology graph left out), or a build folder (its ``graph.ttl``, else ``graph.trig``).

    Raises ``FileNotFoundError`` when there is no graph, ``ValueError`` when it cannot be parsed.
    """
    from kg.graph import bind_prefixes

    p = Path(path)
    if p.is_dir():
        found = next((c for c in (p / "graph.ttl", p / "graph.trig") if c.is_file()), None)
        if found is None:
            raise FileNotFoundError(f"no graph.ttl or graph.trig in {p}")
        p = found
    if not p.is_file():
        raise FileNotFoundError(f"graph not found: {p}")
    suffix = p.suffix.lower()
    fmt = {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".ttl": "turtle"}.get(suffix, "turtle")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(str(p), format=fmt)
            graph = bind_prefixes(Graph())
            onto = URIRef(ONTOLOGY_IRI)
            for s, pr, o, c in ds.quads((None, None, None, None)):
                name = c.identifier if isinstance(c, Graph) else c
                if name != onto:
                    graph.add((s, pr, o))
            return graph
        graph = bind_prefixes(Graph())
        graph.parse(str(p), format=fmt)
        return graph
    except Exception as exc:  # rdflib raises many types for bad syntax
        message = " ".join(str(exc).split())[:300]
        raise ValueError(f"{p}: cannot parse as {fmt}: {message}") from None
