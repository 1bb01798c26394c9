"""The one vocabulary (corpus/vocabulary.py): the patterns generated from it, and the places that read
it agreeing with one another."""

import re

import pytest

from assistant.conversation import followups
from assistant.questions import intents, router, smalltalk, unit_topics, who_answers
from assistant.user_input.normalise import strip_question
from corpus import vocabulary as v
from corpus.headings import classify, title_complete
from corpus.numerals import CHINESE_NUMERAL_CHARS
from index.answer_type import answer_kind, answer_pattern
from index.tokenize import strip_question_words


def _search_words(question: str) -> str:
    return strip_question_words(question).replace(" ", "")


# ---- generated patterns on short real-style snippets ----------------------------------------------

@pytest.mark.parametrize(
    ("question", "search", "core"),
    [
        ("请问民主生活会一年开几次？", "民主生活会一年开次?", "民主生活会一年开次"),
        ("帮我查一下党费怎么交", "党费交", "党费交"),
        ("区委组织部负责哪些工作呢", "区委组织部负责工作", "区委组织部负责工作"),
        # function words stay in search text (要求, 有关) and leave the core
        ("有关要求是什么", "有关要求是", "关求"),
        ("整改要多长时间？", "整改要?", "整改"),
        ("集中学习要几天", "集中学习要天", "集中学习天"),
        ("第17项谁牵头吗", "第17项牵头", "第17项牵头"),
        # 由 asks with 谁: "治理由谁负责" must not search for 理由
        ("污染船舶治理由谁负责？", "污染船舶治理负责?", "污染船舶治理负责"),
        ("污染船舶治理归谁管", "污染船舶治理管", "污染船舶治理负责"),
    ],
)
def test_question_words_stripped(question, search, core):
    assert _search_words(question) == search
    assert strip_question(question) == core


@pytest.mark.parametrize(
    ("question", "reference"),
    [
        ("这份通知是根据哪个文件发的", "这份通知"),
        ("本方案的督导时间是哪天", "本方案"),
        ("该文件什么时候印发", "该文件"),
        ("这个意见提出了几项任务", "这个意见"),
        ("通知要求哪些单位参加", None),  # a genre word alone is a topic, not the document itself
    ],
)
def test_self_reference(question, reference):
    m = v.self_reference().search(question)
    assert (m.group(0) if m else None) == reference
    if reference:
        assert reference not in _search_words(question)


@pytest.mark.parametrize(
    ("title", "complete"),
    [
        ("2018年越秀区加强和规范党内政治生活工作要点", True),
        ("海珠区城市管理局加强党的基层组织建设三年行动计划实施方案（2018—2020年）", True),
        ("关于加强和改进全市机关党的建设的实施意见", True),
        ("部门职责分工一览表", True),
        ("加强和规范党内政治生活", False),
        ("中共洛阳市委", False),
    ],
)
def test_genre_end(title, complete):
    assert title_complete(title) is complete


@pytest.mark.parametrize(
    ("line", "kind", "number", "label"),
    [
        ("一、总体要求", "h1", 1, ""),
        ("三．工作措施", "h1", 3, ""),
        ("第二章 组织领导", "h1", 2, "第二章"),
        ("第三部分 保障措施", "h1", 3, "第三部分"),
        ("（四）强化督导检查", "h2", 4, ""),
        ("第十七条 党组织应当定期开展谈心谈话。", "item", 17, "条"),
    ],
)
def test_numbering_styles(line, kind, number, label):
    got = classify(1, line)
    assert (got.kind, got.number, got.label) == (kind, number, label)


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("越秀工作要点第17项谁牵头", (17,)),
        ("第十七条讲了什么", (17,)),
        ("第3点由哪个单位负责", (3,)),
        ("第2款的原文", (2,)),
        ("第3、4项谁牵头", (3, 4)),
        ("3项和5项分别是什么", (3, 5)),
        ("第一次会议什么时候开", ()),
    ],
)
def test_item_nouns(question, numbers):
    assert intents.item_numbers(question) == numbers


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("区财政局负责哪些工作", "区财政局"),
        ("市委办要配合什么", "市委办"),
        ("县融媒体中心牵头哪几项", "县融媒体中心"),
        ("财政局负责哪些工作", None),  # no level: not read as a named organisation
    ],
)
def test_organisation_name(question, name):
    m = re.match(v.organisation_name(), question)
    assert (m.group(0) if m else None) == name


@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        ("通讯稿要写多少字", "全文共5700余字", True),
        ("通讯稿要写多少字", "共有3人参加", False),
        ("每年要完成几学时的培训", "每年不少于12学时", True),
        ("需要几名联络员", "配备联络员2名", True),
    ],
)
def test_measure_words(question, text, answers):
    assert bool(answer_pattern(question).search(text)) is answers


# ---- the kinds agree where they must ---------------------------------------------------------------

_INTERROGATIVE = re.compile(r"哪|谁|什么|啥|几|多少|多久|怎|如何|为何|是否")


def test_question_word_kinds_are_disjoint():
    words = [w for w, _ in v.QUESTION_WORDS]
    assert len(words) == len(set(words))
    assert {k for _, k in v.QUESTION_WORDS} == set(v.CORE_STRIPPED)
    assert set(v.SEARCH_STRIPPED) < set(v.CORE_STRIPPED)


@pytest.mark.parametrize("word", [w for w, _ in v.QUESTION_WORDS])
def test_search_and_core_strip_the_same_question_words(word):
    """A word search ignores is never part of what the core compares: the core strips a superset."""
    searched = word not in _search_words(f"民主生活会{word}")
    cored = word not in strip_question(f"民主生活会{word}")
    assert cored
    assert searched == (dict(v.QUESTION_WORDS)[word] in v.SEARCH_STRIPPED)


def _alternatives(rx: re.Pattern[str]) -> list[str]:
    return [a for a in rx.pattern.split("|") if re.fullmatch(r"[\u4e00-\u9fff]+", a)]


_ROUTER_PATTERNS = {
    "intents._DOC_QUESTION_WORDS": intents._DOC_QUESTION_WORDS,
    "unit_topics.UNIT_QUESTION_WORDS": unit_topics.UNIT_QUESTION_WORDS,
    "intents._CONTACT_QUESTION_WORDS": intents._CONTACT_QUESTION_WORDS,
    "intents._RESP": intents._RESP,
    "intents._WHO": intents._WHO,
    "followups._FILLER": followups._FILLER,
    "answering._ASKS_WHO": who_answers.ASKS_WHO,
}


@pytest.mark.parametrize("name", sorted(_ROUTER_PATTERNS))
def test_router_question_words_are_stripped_by_search(name):
    """Every interrogative a router pattern treats as a question word is a question word to search
    too: "区财政局负责哪几项" must not search for 哪 or 几."""
    for alt in _alternatives(_ROUTER_PATTERNS[name]):
        if _INTERROGATIVE.search(alt):
            left = _search_words(f"民主生活会{alt}")
            assert not _INTERROGATIVE.search(left), (alt, left)


@pytest.mark.parametrize("word", [w for w, k in v.QUESTION_WORDS if k != v.ASK])
def test_router_shapes_accept_every_request_particle_and_function_word(word):
    for rx in (intents._DOC_QUESTION_WORDS, unit_topics.UNIT_QUESTION_WORDS, intents._CONTACT_QUESTION_WORDS,
               followups._FILLER):
        assert rx.fullmatch(word), (rx.pattern[:40], word)


@pytest.mark.parametrize("word", [w for w, k in v.QUESTION_WORDS if k == v.PARTICLE])
def test_small_talk_accepts_every_particle(word):
    assert smalltalk.small_talk_topic(f"谢谢{word}") == "thanks"


@pytest.mark.parametrize("noun", v.UNIT_NOUNS)
def test_unit_nouns_ask_for_a_unit(noun):
    assert intents.asks_responsible_unit(f"法律顾问制度由哪个{noun}牵头")
    assert who_answers.ASKS_WHO.search(f"由什么{noun}负责")


@pytest.mark.parametrize("verb", v.CONTACT_VERBS)
def test_contact_verbs_agree(verb):
    assert intents._CONTACT.fullmatch(verb)
    assert router._CONTACT_TOPIC.fullmatch(verb)
    assert router._WHO_VISITS.fullmatch(verb)
    assert intents._CONTACT_QUESTION_WORDS.fullmatch(verb)


@pytest.mark.parametrize("genre", v.GENRE_WORDS)
def test_genre_words_end_titles_and_refer_to_the_document(genre):
    assert title_complete(f"关于加强基层党建工作的{genre}")
    assert genre not in _search_words(f"这份{genre}的督导时间")


def test_numerals_and_measure_words():
    assert set(v.LABEL_NUMERALS) <= set(CHINESE_NUMERAL_CHARS)
    for word in v.MEASURE_WORDS:
        assert answer_kind(f"需要多少{word}") == "数量"
