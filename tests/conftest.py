"""Shared fixtures: the real bundled corpus, parsed once per test session."""

import pytest

from assistant.knowledge import Knowledge


@pytest.fixture(scope="session")
def corpus():
    from corpus.library import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def knowledge(corpus):
    """Structured answers only (no search index): fast and deterministic."""
    return Knowledge(corpus=corpus)
