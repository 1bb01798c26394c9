import pytest

from corpus.library import load_corpus


@pytest.fixture(scope="module")
def bundled():
    return load_corpus()


@pytest.fixture(scope="module")
def docs(bundled):
    """Bundled documents by short name."""
    return {d.short_name: d for d in bundled.documents}
