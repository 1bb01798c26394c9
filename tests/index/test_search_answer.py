import pytest

from assistant.questions.answer import Page
from assistant.questions.render import more_request
from assistant.questions.search_answers import NOT_FOUND, answer_free, typed_page
from index.searcher import open_searcher


@pytest.fixture
def searcher(small_corpus, index_dir):
    return open_searcher(small_corpus, index_dir, embedding_model=None)


def test_answer_quotes_key_sentence_and_cites(searcher):
    a = answer_free("收到整改通知多久要报告？", searcher)
    assert a.found and a.intent == "search"
    assert "【整改单位在接到整改通知书之日起1个月内，须向领导小组书面报告整改落实情况。】" in a.text
    assert "来源：越秀工作要点 第2项" in a.text
    c = a.citations[0]
    assert (c.document, c.locator, c.source) == ("越秀工作要点", "第2项", "yuexiu.txt")
    assert "（区纪委牵头负责，区委组织部配合）" in c.text  # the full passage, not the quote
    assert [x.score for x in a.citations] == sorted((x.score for x in a.citations), reverse=True)


def test_short_key_sentence_is_quoted_with_the_next(searcher):
    a = answer_free("河洛清风大讲堂多久办一次", searcher)
    assert "【" in a.text and "河洛清风大讲堂" in a.text.split("【", 1)[1]


@pytest.mark.parametrize("question", ["帮我写一首关于秋天的诗", "比特币现在多少钱", "今天天气怎么样", "你好", "😀😀"])
def test_unrelated_questions_are_not_found(searcher, question):
    a = answer_free(question, searcher)
    assert not a.found and a.citations == ()
    assert a.text.startswith(NOT_FOUND)
    assert "越秀工作要点" in a.text and "可以这样问" in a.text  # suggestions, no random passage


def test_more_pages_through_results(searcher):
    first = answer_free("党", searcher)
    if first.more is None:
        pytest.skip("fewer than one page of results")
    assert isinstance(first.more, Page)  # a value, never a string to parse back
    nxt = answer_free(first.more.question, searcher, offset=first.more.offset)
    seen = {(c.source, c.locator) for c in first.citations}
    assert not seen & {(c.source, c.locator) for c in nxt.citations}


def test_more_beyond_the_results(searcher):
    a = answer_free("民主生活会", searcher, offset=50)
    assert not a.found and "没有更多" in a.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("更多（从第4条起）：民主生活会一年开几次", Page("民主生活会一年开几次", 3)),
        ("更多(从第7条起):三会一课", Page("三会一课", 6)),
        ("更多：三会一课", Page("三会一课", 3)),
        ("  更多 （从第1条起）： 问题  ", Page("问题", 0)),
        ("更多", None),
        ("更多：", None),
        ("民主生活会", None),
        ("", None),
    ],
)
def test_a_typed_page_request_is_read(text, expected):
    assert typed_page(text) == expected


def test_the_rendered_page_request_reads_back_as_typed():
    assert typed_page(more_request(Page("述责述廉报告放哪里", 3))) == Page("述责述廉报告放哪里", 3)


def test_a_topic_without_the_asked_amount_is_related_not_the_answer(corpus, tmp_path):
    """Issue 19: "党费每个月交多少？" quoted a sentence with no amount as if it answered."""
    from index.searcher import open_searcher

    lexical = open_searcher(corpus, tmp_path, embedding_model=None)
    a = answer_free("党费每个月交多少？", lexical)
    assert not a.found
    assert "没有写明" in a.text and "相关内容" in a.text and a.citations  # offered as related, cited
