"""Shared test settings.

Property tests check behaviour, not speed: on a busy 2-core machine a single example can
take longer than Hypothesis' default 200 ms deadline, which would turn load into failures.

No skip hides a failure in CI: with ``CI=true`` in the environment, a test that skips
(``../shared`` not beside the checkout, no Chromium, no Jena, no model) *fails*, naming
what is missing; on a contributor's machine it skips with the same reason.
"""

import os

import pytest
from hypothesis import settings

IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")

# What makes a test ``slow`` (``make test-fast`` = ``pytest -m "not slow"`` leaves it out):
# the language model, Chromium, Java (Jena), an Oxigraph server, the notebook kernel, a
# wheel, a Dask cluster, or a whole-corpus build. Modules that are all of that:
SLOW_MODULES = {
    "test_determinism",
    "test_executors",
    "test_hostile_inputs",
    "test_hostile_properties",
    "test_incremental",
    "test_load_scale",
    "test_query_notebook",
    "test_query_seeds",
    "test_readme",
    "test_seeds_build",
    "test_stores",
    "test_views_browser",
    "test_views_build",
    "test_views_screenshots",
    "test_wheel",
}
# fixtures that load the model or build a corpus (any test using one is slow)
SLOW_FIXTURES = {"nlp", "real_build", "synthetic_out", "seeds_build", "hostile_build"}
# single tests of otherwise quick modules (a big synthetic graph, Jena, pySHACL, the model)
SLOW_TESTS = {
    "test_views.py::test_a_big_graph_draws_its_most_connected_nodes_and_lists_the_rest",
    "test_export.py::test_byte_identical_across_runs_hash_seeds_and_input_order",
    "test_iri_properties.py::test_jena_strict_riot_accepts_turtle_and_trig_of_hostile_terms",
    "test_ontology.py::test_shapes_graph_is_valid_shacl",
    "test_query.py::test_oxigraph_and_rdflib_agree_on_a_synthetic_graph",
    "test_pipeline.py::test_seeds_build_end_to_end",
    "test_formats.py::test_the_build_writes_the_formats",
    "test_formats.py::test_bytes_are_deterministic_and_stay_in_out",
    "test_views.py::test_views_show_what_sparql_finds",
    "test_hostile_round2.py::test_the_issue_s_one_sentence_article_gives_its_reception",
    "test_hostile_round2.py::test_the_place_of_a_sentence_is_looked_for_once_whatever_its_events",
    # a build with the model through the command line (its wiring without the model:
    # test_home_country_option_reaches_the_documents_the_extractor_reads)
    "test_home.py::test_home_country_option_of_the_build",
    # the scorer against the reference scorer of ../shared, on whole corpora
    "test_evaluate.py::test_json_and_summary_line_are_the_reference_output",
    "test_evaluate.py::test_trig_is_scored_on_the_merged_view",
    "test_evaluate.py::test_perturbed_graph_agrees",
    "test_evaluate.py::test_randomly_perturbed_graph_agrees",
    "test_evaluate_events.py::test_the_figures_are_those_of_the_reference_scorer",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the slow tests (see SLOW_*) so that ``-m "not slow"`` answers in under a minute."""
    for item in items:
        module = item.path.stem
        name = f"{item.path.name}::{getattr(item, 'originalname', None) or item.name}"
        if (
            module in SLOW_MODULES
            or name in SLOW_TESTS
            or SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
            or "language_model_is_freed" in item.name
        ):
            item.add_marker(pytest.mark.slow)


def pytest_ignore_collect(collection_path, config):
    """Under ``-m "not slow"``, a module whose tests are all slow is not even imported (their
    imports — Dask, the notebook kernel, Playwright… — cost the fast run seconds)."""
    if (
        config.getoption("markexpr", "") == "not slow"
        and collection_path.suffix == ".py"
        and collection_path.stem in SLOW_MODULES
    ):
        return True
    return None


def pytest_collection_finish(session):
    """Leave what collection imported (spaCy, rdflib, pandas, Hypothesis, every kg module,
    ~170,000 objects) out of the garbage collector's sweeps: a build runs ``gc.collect()``
    after each output step (kg.pipeline), and in this process each full sweep walked them
    all again, ~0.1 s CPU a time, four times a build. Objects made by the tests are
    collected as before."""
    import gc

    gc.collect()
    gc.freeze()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"


settings.register_profile("bilateral-kg", deadline=None)
settings.load_profile("bilateral-kg")


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once for every test that reads with it."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def read(nlp):
    """``read(text, published=None, title=…, country="VN")``: the extraction of one article
    (a title, then ``text``), told the way an outlet of ``country`` tells it (the extraction
    rule tests write their sentences as a Vietnamese outlet would)."""
    from extract_support import read_article

    def _read(
        text: str,
        published: str | None = None,
        title: str = "Un titre de dépêche",
        country: str | None = "VN",
    ):
        return read_article(nlp, text, country, title, published)

    return _read
