import pytest

from index.searcher import open_searcher


@pytest.fixture
def searcher(small_corpus, index_dir):
    return open_searcher(small_corpus, index_dir, embedding_model=None)


@pytest.mark.parametrize(
    ("question", "locator"),
    [
        ("党支部多久开一次支委会", "第1项"),
        ("民主生活会一年开几次", "第6项"),
        ("河洛清风大讲堂多久办一次", "第9项"),
        ("党建工作经费从哪里来", "第40项"),
        ("收到整改通知多久要报告", "第2项"),
        ("苏佩联系哪个社区", "附件1 第1行"),
        ("考核多少分以下为不合格", "附件2 第2段"),
    ],
)
def test_best_hit(searcher, question, locator):
    hits = searcher.search(question, 3)
    assert hits[0].passage.locator == locator


def test_subclause_hits_fold_into_their_item(searcher):
    hits = searcher.search("谈话记录和函询回复怎么处理", 10)
    locators = [(h.passage.source, h.passage.locator) for h in hits]
    assert len(locators) == len(set(locators))
    assert hits[0].passage.kind == "item"  # a sub-clause match is reported as its whole item
    assert hits[0].passage.locator == "第2项"
    assert not hits[0].focus or hits[0].focus in hits[0].passage.text


def test_unrelated_question_has_low_coverage(searcher):
    hits = searcher.search("比特币现在多少钱", 3)
    assert all(h.coverage < 0.3 for h in hits)


def test_empty_and_symbol_queries_return_nothing(searcher):
    assert searcher.search("", 5) == []
    assert searcher.search("？！。", 5) == []


def test_hits_are_ordered_and_limited(searcher):
    hits = searcher.search("党", 3)
    assert len(hits) <= 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_lexical_path_does_not_import_torch(small_corpus, index_dir):
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from tests.index import fakes; "
        "from index.searcher import open_searcher; "
        f"s = open_searcher(fakes.corpus(), Path({str(index_dir)!r}), embedding_model='none'); "
        "assert s.search('民主生活会', 1); "
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules, 'torch imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
