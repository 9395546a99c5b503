"""Shared test settings.

Property tests check behaviour, not speed: on a busy 2-core machine a single example can
take longer than Hypothesis' default 200 ms deadline, which would turn load into failures.
"""
import pytest
from hypothesis import settings

settings.register_profile("bilateral-kg", deadline=None)
settings.load_profile("bilateral-kg")


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once for every test that reads with it."""
    from kg.nlp import load_pipeline
    return load_pipeline()
