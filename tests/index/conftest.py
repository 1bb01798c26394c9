import pytest

from tests.index import fakes


@pytest.fixture
def small_corpus():
    return fakes.corpus()


@pytest.fixture
def index_dir(tmp_path):
    return tmp_path / "index"
