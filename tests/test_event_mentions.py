"""Rules that let one real contact be read the same way in every outlet's report (issue 15),
each on sentences written for the test."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kg.ingest import split_record

from extract_support import officials, pairs


@pytest.fixture(scope="module")
def read(nlp):
    from kg.extract import extract_all

    def _read(text: str, country: str | None = None, title: str = "Rencontres diplomatiques",
              published: str | None = None):
        docs = split_record(f"{title}\n\n{text}", identifier="t", source_file="t.jsonl",
                            title=title, published=published, line=1)
        return next(iter(extract_all(nlp, [replace(docs[0], country=country)])))
    return _read


def test_pronoun_subject_meets_each_listed_leader_apart(read):
    ex = read("Le président brésilien Paulo Ramos est arrivé lundi à Lisbonne, où il s'est "
              "entretenu avec les dirigeants de la région. Au palais, il a rencontré Jorge Sampaio "
              "Costa, président du Portugal, et Ahmed Benali, président de la Tunisie.")
    found = pairs(ex)
    assert frozenset(("Paulo Ramos", "Jorge Sampaio Costa")) in found
    assert frozenset(("Paulo Ramos", "Ahmed Benali")) in found
    assert frozenset(("Jorge Sampaio Costa", "Ahmed Benali")) not in found
