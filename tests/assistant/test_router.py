"""The question router (assistant/questions/router.py) and what it reads: the normaliser, small talk, typo-tolerant
document names, follow-ups against the conversation context, computed answers, the near-miss check.
Structured questions over the real bundled corpus; search-only behaviour is in test_colloquial_set.py."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import pytest

from assistant.conversation.context import EMPTY
from assistant.documents.names import find_documents
from assistant.questions import router
from assistant.questions.answer import Answer
from assistant.questions.frame_answers import shares_only_names
from assistant.questions.frames import Frame
from assistant.questions.router import Turn, route
from assistant.questions.smalltalk import small_talk_topic
from assistant.user_input.normalise import normalise, strip_question


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("第十九項誰牽頭", "第十九项谁牵头"),  # Traditional
        ("監督條例方案第３０項", "监督条例方案第30项"),  # Traditional + full-width digits
        ("东湖新邨社区", "东湖新村社区"),  # a variant character the converter keeps
        ("检查考核啥时候搞", "检查考核什么时候开展"),  # colloquial forms
        ("区纪委都管啥", "区纪委都管什么"),
        ("第3条谁管", "第3条谁负责"),
        ("“一周一督导”由谁来搞", "“一周一督导”由谁负责"),  # 搞 after 谁 asks who, not what is done
        ("这项工作谁来干", "这项工作谁负责"),
        ("东湖新村社区督导频率", "东湖新村社区督导多久一次"),
        ("民主生活会一年开几次", "民主生活会一年开几次"),  # already plain: unchanged
    ],
)
def test_normalise(typed, read):
    assert normalise(typed) == read


@pytest.mark.parametrize(
    ("text", "topic"),
    [("你好", "greeting"), ("您好！", "greeting"), ("早上好", "greeting"), ("谢谢", "thanks"), ("谢谢老师", "thanks"),
     ("好的，辛苦了", "thanks"), ("多谢", "thanks"), ("再见", "bye"), ("在吗", "presence"), ("你是谁", "identity"),
     ("你能做什么", "help"), ("/help", "help"), ("怎么用", "help"), ("/docs", "docs"), ("有哪些文件", "docs"),
     # a question that opens politely is still a question
     ("你好，第17项谁牵头", None), ("谢谢，区纪委负责什么", None), ("谢伟光联系哪个社区", None),
     ("民主生活会一年开几次", None), ("哪些文件提到民主生活会", None)],
)
def test_small_talk_topic(text, topic):
    assert small_talk_topic(text) == topic


@pytest.mark.parametrize(
    ("question", "document"),
    [("监督放案第32项谁牵投", "党内监督工作方案"), ("工做要点第23项谁牵头", "越秀工作要点"),
     ("监督条列方案第8项谁配合", "党内监督工作方案"), ("越秀工作要点第3项", "越秀工作要点")],
)
def test_document_names_tolerate_one_typo(corpus, question, document):
    assert [m.document.short_name for m in find_documents(normalise(question), corpus.documents)] == [document]


@pytest.mark.parametrize("question", ["民主生活会一年开几次", "区信访局要配合哪些工作", "谢谢"])
def test_no_document_is_read_into_ordinary_questions(corpus, question):
    assert find_documents(question, corpus.documents) == []


# A passage that shares only a name with the question is not an answer (谢谢 → 谢伟光).
NAMES = ("谢伟光", "苏佩", "黄永青", "宋文祥", "区财政局", "财政局", "东山街")


@pytest.mark.parametrize(
    ("question", "passage", "near_miss"),
    [
        ("谢谢", "区级班子党员领导干部：谢伟光；街道：六榕街", True),
        ("谢谢老师", "谢伟光；六榕街；兴隆东社区", True),
        ("苏州明天天气怎么样", "区级班子党员领导干部：苏佩；街道：北京街", True),
        ("黄河有多长", "黄永青；光塔街；区安监局", True),
        ("宋词三百首", "宋文祥；流花街；区总工会", True),
        ("东山区怎么走", "王焕清；东山街；区教育局", True),
        # sharing real words, or the very name the question uses, is an answer
        ("市财政局负责什么", "市财政局将市直机关党建工作经费纳入本级财政预算", False),
        ("苏佩联系哪个街道", "区级班子党员领导干部：苏佩；街道：北京街", False),
        ("民主生活会一年开几次", "每年至少召开1次民主生活会", False),
        # a passage found by its heading: the answer's check reads the heading with the text (answering.search)
        ("组织实施阶段是哪几天", "（三）组织实施阶段（4月1日至4月7日） 第7段\n全力做好清明节文明祭扫、安全保障工作。", False),
    ],
)
def test_near_miss_table(question, passage, near_miss):
    assert shares_only_names(question, passage, NAMES) is near_miss


def test_strip_question_keeps_what_is_asked_about():
    assert strip_question("请问民主生活会一年开几次？") == "民主生活会一年开次"


def _route(knowledge, question, context=EMPTY):
    return route(Turn(question, knowledge, context))


def _dialogue(knowledge, *questions):
    context, answers = EMPTY, []
    for q in questions:
        answer, context = _route(knowledge, q, context)
        answers.append(answer)
    return answers


def test_follow_up_keeps_the_document_and_the_role(knowledge):
    first, second = _dialogue(knowledge, "工作要点第17项谁牵头", "那第18项呢")
    assert "区民政局" in first.text
    assert "越秀工作要点 第18项" in second.text and "区委组织部" in second.text
    assert "洛阳机关党建意见" not in second.text and second.intent == "lead"


def test_follow_up_roles_and_text_of_the_same_item(knowledge):
    _, coop, text = _dialogue(knowledge, "监督方案第17项谁牵头", "配合单位呢", "原文呢")
    assert "区信访局" in coop.text and coop.intent == "cooperate" and "越秀工作要点" not in coop.text
    assert text.intent == "item_text" and "信访举报" in text.text


def test_follow_up_pronoun_means_the_leader_of_the_previous_answer(knowledge):
    _, more = _dialogue(knowledge, "苏佩联系哪个社区", "那他还联系哪些")
    assert "北京街" in more.text and "培正集团" in more.text and more.intent == "leader_points"
    _, more = _dialogue(knowledge, "七中由哪位区领导挂点", "他还联系哪些")
    assert "王焕清" in more.text and "东山街" in more.text


def test_follow_up_with_another_unit_or_point(knowledge):
    _, other = _dialogue(knowledge, "组织部牵头哪些工作", "那区纪委呢")
    assert other.intent == "unit_lead" and "区纪委牵头的工作" in other.text
    _, other = _dialogue(knowledge, "东湖新村社区由哪位区领导挂点", "那豪贤社区呢")
    assert "孔祥虎" in other.text


def test_more_after_a_structured_answer_gives_the_full_text_not_a_search(knowledge):
    _, more = _dialogue(knowledge, "工作要点第8项谁牵头", "更多")
    assert more.intent == "item_text" and "先锋讲习" in more.text
    _, more = _dialogue(knowledge, "苏佩联系哪个社区", "更多")
    assert more.intent == "more" and not more.found and "没有更多" in more.text


def test_without_context_a_follow_up_is_not_guessed(knowledge):
    answer, _ = _route(knowledge, "那他还联系哪些")
    assert not answer.found
    answer, _ = _route(knowledge, "更多")
    assert not answer.found and "请先提一个问题" in answer.text


def test_small_talk_keeps_the_context(knowledge):
    _, thanks, again = _dialogue(knowledge, "工作要点第3项谁牵头", "谢谢", "那第6项呢")
    assert "不客气" in thanks.text and not thanks.citations
    assert "越秀工作要点 第6项" in again.text and "洛阳" not in again.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [("考核得了80分是什么等次", "“良好”"), ("考核92分算啥等次", "“优秀”"), ("得了59分是什么档次", "“不合格”"),
     ("考核75分是什么等次", "“良好”"), ("考核70分什么等级", "“合格”")],
)
def test_score_is_placed_in_the_bands_with_the_rule_cited(knowledge, question, expected):
    answer, _ = _route(knowledge, question)
    assert answer.intent == "score_band" and expected in answer.text
    assert "75分（含）至90分（不含）" in answer.text and answer.citations[0].part == "附件2"


def test_counts_cite_what_they_counted(knowledge):
    answer, context = _route(knowledge, "组织部牵头几项")
    assert answer.intent == "count" and "区委组织部牵头的工作共22项" in answer.text and "第3项" in answer.text
    bare, _ = _route(knowledge, "只要数字", context)
    assert bare.text.splitlines()[0] == "22" and bare.citations
    answer, _ = _route(knowledge, "组织部牵头几项？只要数字")
    assert answer.text.splitlines()[0] == "22"
    communities, _ = _route(knowledge, "区级领导挂点联系的社区有几个")
    assert "共18个" in communities.text and "东湖新村社区" in communities.text
    leaders, _ = _route(knowledge, "挂点的区领导一共几位")
    assert "共29位" in leaders.text


def test_listing_questions_are_not_counts(knowledge):
    answer, _ = _route(knowledge, "区委办负责哪几项")
    assert answer.intent == "unit_items"


def test_partial_and_short_point_names(knowledge):
    for question, leader in [("顺丰速运党支部是哪位领导联系的", "郭环"), ("七中由哪位区领导挂点", "王焕清"),
                             ("东湖新邨社区由哪位区领导挂点", "黄仰辉"), ("卓越教育谁联系", "孔祥虎"),
                             ("海印集团谁联系", "王焕清")]:
        answer, _ = _route(knowledge, question)
        assert answer.intent == "point_leaders" and leader in answer.text, question


def test_citations_carry_part_and_item(knowledge):
    answer, _ = _route(knowledge, "苏佩联系哪个社区")
    assert answer.citations[0].part == "附件1" and answer.citations[0].item is None
    answer, _ = _route(knowledge, "工作要点第17项谁牵头")
    assert (answer.citations[0].part, answer.citations[0].item) == ("正文", 17)


def test_the_router_is_built_from_its_table_and_routes_nothing_else(knowledge):
    @dataclass(frozen=True)
    class Pending(Frame):
        kind: ClassVar[str] = "records_pending"

    def recognise(turn):
        return Pending(turn.q) if "没去" in turn.q else None

    def answer(turn, frame):
        return Answer(turn.question, frame.kind, True, "还有2个联系点没去。")

    own = router.build_router((router.Route(recognise, {Pending: answer}), *router.ROUTES))
    got, _ = own.route(Turn("我这个月还有哪些点没去", knowledge))
    assert got.intent == "records_pending"
    assert own.route(Turn("工作要点第3项谁牵头", knowledge))[0].intent == "lead"
    # another router's table is untouched: nothing is registered globally
    assert router.default_router().route(Turn("我这个月还有哪些点没去", knowledge))[0].intent != "records_pending"
    with pytest.raises(ValueError, match="two handlers"):
        router.build_router((router.Route(recognise, {Pending: answer}), router.Route(recognise, {Pending: router.records.note})))


def test_a_visit_note_is_never_answered_as_a_question(knowledge):
    answer, _ = _route(knowledge, "走访记录：王焕清 11月5日到东山街督导，召开座谈会")
    assert answer.intent == "note" and not answer.found and "docbot visit" in answer.text
    # with the channel's leaders, a note without the prefix is recognised the same way records do
    from assistant.questions.frames import Note
    from assistant.records.leaders import Leader, Point

    leaders = [Leader(1, "王焕清", (Point(1, 1, "street", "东山街"),))]
    now = datetime(2026, 11, 6, 9, 0, tzinfo=UTC)
    turn = Turn("王焕清 11月5日到东山街督导，召开座谈会", knowledge, leaders=leaders, now=now)
    assert isinstance(router.default_router().recognise(turn), Note)
    turn = Turn("王焕清联系哪个街道？", knowledge, leaders=leaders, now=now)
    assert not isinstance(router.default_router().recognise(turn), Note)


@pytest.mark.parametrize(
    ("first", "follow", "expected", "absent"),
    [("工作要点第6项谁牵头", "那洛阳的呢", "洛阳机关党建意见 第6项", "越秀工作要点 第6项"),
     ("工作要点第6项谁牵头", "下一项呢", "越秀工作要点 第7项", "洛阳"),
     ("监督方案第8项谁牵头", "上一条呢", "党内监督工作方案 第7项", "越秀"),
     ("苏佩联系哪个社区", "那学校呢", "· 学校：培正集团", "· 社区党建联系点"),
     ("考核得了80分是什么等次", "那60分呢", "“合格”", "“良好”等次（")],
)
def test_more_follow_up_forms(knowledge, first, follow, expected, absent):
    _, answer = _dialogue(knowledge, first, follow)
    assert expected in answer.text and absent not in answer.text


def test_two_points_equally_close_are_asked_back():
    from assistant.documents.contact_tables import ContactIndex
    from corpus.model import Document, Row, Table

    headers = ("区领导", "“两新”组织党组织联系点")
    rows = (Row(1, (("区领导", "甲某"), (headers[1], "广州天河实业甲有限公司党委"))),
            Row(2, (("区领导", "乙某"), (headers[1], "广州天河实业乙有限公司党支部"))))
    doc = Document("t.txt", "联系点表", "测试表", tables=(Table("联系点表", headers, rows, part="附件1"),))
    contacts = ContactIndex((doc,))
    assert contacts.ambiguous_in("天河实业谁联系") == ("广州天河实业乙有限公司党支部", "广州天河实业甲有限公司党委")
    assert contacts.points_in("天河实业甲谁联系") == ("广州天河实业甲有限公司党委",)


@pytest.mark.parametrize(
    ("first", "follow", "intent", "expected"),
    [("区委组织部牵头哪些工作", "那配合的呢", "unit_cooperate", "区委组织部配合的工作"),
     ("区纪委牵头几项", "那配合的呢", "count", "区纪委配合的工作共"),
     ("工作要点第20项谁牵头", "具体说说", "item_text", "激励干部担当作为。"),
     ("黄永青挂了哪些点", "那她呢", "leader_points", "光塔街")],
)
def test_follow_ups_change_the_role_or_ask_for_detail(knowledge, first, follow, intent, expected):
    _, answer = _dialogue(knowledge, first, follow)
    assert answer.intent == intent and expected in answer.text


@pytest.mark.parametrize(
    ("topic", "text", "mentioned"),
    [("党费", "将基层党委收缴党费的50%留给基层党组织", True),
     ("党费", "加强基层党建经费投入", False),  # 党建经费 is not 党费
     ("专职党务干部配备比例", "各部门专职党务干部人数不少于机关工作人员的2%", True),
     ("专职党务干部配备比例", "按照机关工作人员总数的 1%至 2%配备专职党务干部", True),
     ("专职党务干部配备比例", "选优配强基层党组织书记", False)],
)
def test_cross_document_lines_must_mention_the_topic(topic, text, mentioned):
    from assistant.questions.computed_answers import mentions_topic

    assert mentions_topic(topic, text) is mentioned


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [("第17项谁牵头", "越秀的呢", "越秀工作要点 第17项"), ("第3项谁牵头", "洛阳那个呢", "洛阳机关党建意见 第3项")],
)
def test_a_follow_up_picks_one_of_the_documents_answered(knowledge, first, follow, expected):
    _, answer = _dialogue(knowledge, first, follow)
    assert expected in answer.text and "分别如下" not in answer.text


def test_a_score_next_to_a_grade_name_is_placed_in_the_bands(knowledge):
    answer, _ = _route(knowledge, "考核60分算合格吗")
    assert answer.intent == "score_band" and "“合格”" in answer.text


def test_two_documents_one_typo_away_are_asked_back():
    from assistant.documents.knowledge import Knowledge
    from corpus.library import Corpus
    from corpus.model import Document, Item

    docs = tuple(Document(f"{n}.txt", f"{n}区党建工作要点", f"{n}区工作要点",
                          items=(Item(1, "加强学习。", "加强学习。"),)) for n in ("东城", "西城"))
    answer, _ = route(Turn("南城区工作要点第1项讲的什么", Knowledge(corpus=Corpus(documents=docs))))
    assert answer.intent == "clarify" and not answer.found
    assert [c.label for c in answer.choices] == ["东城区工作要点", "西城区工作要点"]
    assert answer.choices[0].question.startswith("东城区工作要点第1项")


@pytest.mark.parametrize(("question", "leader"), [("东湖新村归哪个领导", "黄仰辉"), ("华侨外国语谁挂点", "陈晓丹"),
                                                  ("十六中谁负责联系", "温志文"), ("时代控股是谁联系的", "苏佩")])
def test_points_without_their_kind_word(knowledge, question, leader):
    answer, _ = _route(knowledge, question)
    assert answer.intent == "point_leaders" and leader in answer.text


def test_a_score_below_a_bound(knowledge):
    answer, _ = _route(knowledge, "60分以下算啥")
    assert "60分以下属于“不合格”" in answer.text


def test_a_score_above_the_full_mark_is_bad_input(knowledge):
    answer, _ = _route(knowledge, "考核1000分是什么等次")
    assert not answer.found and "超出满分（100分" in answer.text


@pytest.mark.parametrize(("question", "document"), [("要点第20项谁牵头", "越秀工作要点 第20项"),
                                                    ("意见第3条说了啥", "洛阳机关党建意见 第3项")])
def test_a_document_called_by_the_last_word_of_its_name(knowledge, question, document):
    answer, _ = _route(knowledge, question)
    assert document in answer.text and "分别如下" not in answer.text


def test_a_last_word_several_documents_share_is_asked_back(knowledge):
    answer, _ = _route(knowledge, "方案第3项谁牵头")
    assert answer.intent == "clarify" and {c.label for c in answer.choices} >= {"党内监督工作方案", "海珠城管三年行动"}


@pytest.mark.parametrize(("question", "cross"), [
    ("哪些文件提到了疫情防控", True),
    ("各文件对专职党务干部配备比例有什么要求", True),
    ("这份通知是依据党群工作部哪个文件发的", False),  # a document the text cites: searched for its 文号
    ("村干部经济责任审计是根据哪个文件开展的", False),
    ("本方案按照哪个文件制定", False),
])
def test_basis_questions_are_not_cross_document(question, cross):
    frame = router.recognise_cross_document(Turn(question, None, EMPTY))
    assert (frame is not None) is cross
