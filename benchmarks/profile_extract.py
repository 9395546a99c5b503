"""CPU time of the extraction stage alone, and where it goes (cProfile), on synthetic articles.

    python benchmarks/profile_extract.py --size 200                 # CPU seconds per part
    python benchmarks/profile_extract.py --size 200 --profile 30    # + the 30 costliest calls
    python benchmarks/profile_extract.py --size 200 --components    # + each pipeline step

The articles (benchmarks/corpus.py) are read as ``kg build`` reads them, the pipeline is
loaded (not counted), then measured with ``time.process_time()`` (CPU time of this process:
the machine may be shared): the language model alone over the texts (``kg.nlp.parse``), the
raw model with all its components, the rules alone over the parsed texts (and, of them, the
entity recogniser run on the sentences that ask: ``kg.nlp.SentenceEntities``), and the
extraction as the build runs it (``kg.extract.extract_all``: the model and the rules).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402


def documents(size: int, folder: Path):
    from kg.ingest import read_inputs
    from kg.pipeline import _with_homes

    path, _ = write_corpus(size, folder / f"corpus-{size}.jsonl")
    return _with_homes(read_inputs([path]).documents, None)


def cpu(label: str, fn) -> float:
    t = time.process_time()
    fn()
    s = time.process_time() - t
    print(f"{label:<40} {s:7.2f} CPU s", flush=True)
    return s


def components(nlp, texts: list[str], batch_size: int = 32) -> None:
    """CPU time of each step of the build's pipeline over the texts, run as ``nlp.pipe``
    runs them (batches of ``batch_size``): the tokenizer, then each component."""
    spent = dict.fromkeys(["tokenizer", *nlp.pipe_names], 0.0)
    for i in range(0, len(texts), batch_size):
        t = time.process_time()
        docs = [nlp.make_doc(text) for text in texts[i : i + batch_size]]
        spent["tokenizer"] += time.process_time() - t
        for name, proc in nlp.pipeline:
            t = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(doc) for doc in docs]
            spent[name] += time.process_time() - t
    for name, seconds in spent.items():
        print(f"{'  ' + name:<40} {seconds:7.2f} CPU s")
    print(f"{'  (all steps)':<40} {sum(spent.values()):7.2f} CPU s", flush=True)


def rules(nlp, docs, parsed, group: int = 32) -> None:
    """CPU time of the rules over parsed texts, read ``group`` documents at a time as
    ``kg.extract.extract_all`` reads them, and of the entity recogniser they ask."""
    from kg.extract.document import DocumentReader
    from kg.nlp import SentenceEntities

    asked, passes, spent = [0], [0], [0.0]
    reader = DocumentReader.for_pipeline(nlp)
    if isinstance(reader.entities, SentenceEntities):
        ner = reader.entities.ner

        class Timed:
            def pipe(self, sents, batch_size):
                t = time.process_time()
                out = list(ner.pipe(sents, batch_size=batch_size))
                spent[0] += time.process_time() - t
                asked[0] += len(out)
                passes[0] += 1
                return out

        reader.entities.ner = Timed()
    pairs = list(zip(docs, parsed))
    cpu(
        "the rules alone (DocumentReader.read_many)",
        lambda: [reader.read_many(pairs[i : i + group]) for i in range(0, len(pairs), group)],
    )
    print(
        f"{'  of which the entity recogniser':<40} {spent[0]:7.2f} CPU s "
        f"({asked[0]} sentences in {passes[0]} passes)"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", type=int, default=200)
    p.add_argument("--out", type=Path, default=ROOT / ".bench" / "profile")
    p.add_argument("--profile", type=int, default=0, help="print the N costliest calls")
    p.add_argument("--raw", action="store_true", help="also time the raw full model")
    p.add_argument(
        "--components", action="store_true", help="also time each step of the build's pipeline"
    )
    args = p.parse_args(argv)
    import spacy

    from kg.extract import extract_all, masked_text
    from kg.nlp import MODEL, load_pipeline, parse

    docs = documents(args.size, args.out)
    texts = [masked_text(d) for d in docs]
    nlp = load_pipeline()
    if args.raw:
        raw = spacy.load(MODEL)
        cpu("raw spaCy, full pipeline", lambda: sum(1 for _ in raw.pipe(texts, batch_size=32)))
        del raw
    cpu("the build's pipeline (kg.nlp.parse)", lambda: sum(1 for _ in parse(nlp, texts)))
    if args.components:
        components(nlp, texts)
    rules(nlp, docs, list(parse(nlp, texts)))
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
    cpu("extraction (extract_all)", lambda: sum(1 for _ in extract_all(nlp, docs)))
    if args.profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
