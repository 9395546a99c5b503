"""A stand-in for the language model and the extractor, for tests of the build machinery.

It reads sentences "A a reçu B." (A from Vietnam, B from France): a reception A–B dated by
the article's publication date, and a VN–FR strategic partnership; the same person named in
several articles is one node, so articles share merged nodes as in a real build. It runs in
microseconds, so tests of updates, kills and hostile inputs need no model; ``CALLS`` counts
the documents it read (in this process). A document whose text holds "BOOM" makes it raise.

``install(monkeypatch)`` in a test; ``install()`` in a subprocess (see ``DRIVER``;
``KG_FAKE_OUTPUTS=0`` there leaves out the other formats and the views).
"""

from __future__ import annotations

import re

from kg.facts import Event, Evidence, Extraction, Official, PartialDate, Relation

CALLS: list[str] = []
_SENTENCE = re.compile(
    r"([A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)+) a reçu ([A-ZÀ-Ý][\w'’-]+"
    r"(?: [A-ZÀ-Ý][\w'’-]+)+)\."
)

# python -c DRIVER build ... : the kg command with the stand-ins installed
DRIVER = (
    "import os, sys; sys.path.insert(0, sys.argv.pop(1)); import fake_steps; "
    "fake_steps.install(outputs=os.environ.get('KG_FAKE_OUTPUTS') != '0'); "
    "from kg.cli import main; sys.exit(main(sys.argv[1:]))"
)


def fake_extract_all(nlp, documents, **_):
    for d in documents:
        CALLS.append(d.identifier)
        if "BOOM" in d.text:
            raise RuntimeError("the stand-in extractor blew up")
        officials, events, relations = [], [], []
        date = PartialDate.parse(d.published) if d.published else None
        for m in _SENTENCE.finditer(d.text):
            ev = Evidence(d.identifier, m.group(), m.start(), m.end())
            a = Official(m.group(1), ["président"], "VN", names=[m.group(1)], evidence=[ev])
            b = Official(m.group(2), ["ministre"], "FR", names=[m.group(2)], evidence=[ev])
            officials += [a, b]
            events.append(Event("Reception", [a, b], ["VN", "FR"], start=date, evidence=[ev]))
            relations.append(Relation("StrategicPartnership", ("FR", "VN"), evidence=[ev]))
        yield Extraction(d, officials, events, relations)


def fake_load_pipeline():
    return "nlp"


def left_out(*args) -> list:
    """A step of the build left out: it writes nothing."""
    return []


def install(monkeypatch=None, *, outputs: bool = True) -> None:
    """Install the stand-ins; ``outputs=False`` also leaves out the other formats and the
    views (kg.formats, kg.views), which take long on thousands of articles."""
    import kg.extract
    import kg.nlp
    import kg.pipeline

    import kg.formats
    import kg.views

    patches = [
        (kg.extract, "extract_all", fake_extract_all),
        (kg.nlp, "load_pipeline", fake_load_pipeline),
    ]
    if not outputs:
        patches += [(kg.formats, "write_derived", left_out), (kg.views, "write_views", left_out)]
    for obj, name, value in patches:
        if monkeypatch is None:
            setattr(obj, name, value)
        else:
            monkeypatch.setattr(obj, name, value)
    CALLS.clear()
