"""Colloquial phrasings from the QA regression set (tests/fixtures/qa_questions.jsonl): which intent
they reach, and what the structured answer says. Real names and snippets from the bundled documents."""

import pytest

from assistant.documents.contact_tables import _point_variants
from assistant.documents.names import name_key
from assistant.questions.ask import ask
from assistant.questions.intents import item_numbers, parse_question


def _parse(knowledge, question):
    return parse_question(question, knowledge.units, knowledge.contacts, knowledge.corpus.documents)


@pytest.mark.parametrize(
    ("point", "variants"),
    [
        # a unit with its second name in brackets: either name finds it
        ("区财政局（区国资局）", {"区财政局", "区国资局"}),
        ("区科工信局（黄花岗科技园管委会）", {"区科工信局", "黄花岗科技园管委会"}),
        # organisations are called by their core name
        ("广州顺丰速运有限公司党支部", {"顺丰速运", "广州顺丰速运有限公司"}),
        ("广州海印实业集团有限公司党委", {"海印实业", "海印实业集团"}),
        ("广东省航运规划设计院有限公司党委", {"航运规划设计院"}),
        ("光塔街", {"光塔街道"}),
    ],
)
def test_point_short_forms(point, variants):
    assert variants <= _point_variants(point)


@pytest.mark.parametrize("point", ["培正集团", "五羊社区"])
def test_short_points_get_no_shorter_forms(point):
    assert all(len(v) >= len(point) for v in _point_variants(point))


def test_numbered_school_short_form_is_the_same_in_questions_and_notes(knowledge):
    # "七中" names 第七中学 in a visit note (records/points.py) and so in a question; but not inside
    # "十七中" or "三十七中学".
    assert "七中" in _point_variants("第七中学")
    assert knowledge.contacts.points_in("七中由哪位区领导挂点") == ("第七中学",)
    assert "第七中学" not in knowledge.contacts.points_in("十七中由哪位区领导挂点")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # a unit and a list word, but the question is about something the text says → search
        ("区委办公室负责考评哪几项任务", "free"),
        ("区直机关党工委负责对哪些单位进行综合评价", "free"),
        ("区委组织部负责考评的任务占多少分", "free"),
        ("区委组织部在考核中占几分", "free"),
        # duty-list questions, however phrased
        ("区委政法委负责啥", "unit_items"),
        ("信访局要干哪些活", "unit_items"),
        ("组织部牵头的有哪些", "unit_items"),
        ("监督方案里区委组织部配合哪些", "unit_items"),
        ("区民政局都管些什么", "unit_items"),
        ("区委组织部和区纪委各牵头哪些", "unit_items"),
        # a name that is in the documents, just without a duty list, is not "unknown"
        ("市财政局负责什么", "free"),
        ("张伟联系哪个社区", "unknown_entity"),
        ("李嘉联系哪个社区", "unknown_entity"),  # in the text, but not a leader of the table
        ("区火星局要配合哪些工作", "unknown_entity"),
        # contact points by short name
        ("区财政局是哪位区领导挂点", "point_leaders"),
        ("顺丰速运是哪个区领导联系的", "point_leaders"),
        ("区财政局配合哪些工作", "unit_items"),  # a point name too, but no "who" word
        # a frequency asked about a named leader or point is the rule, not the roster
        ("黄永青多久要去光塔街督导一次", "free"),
        ("东湖新村社区多久督导一次", "free"),
        ("黄永青挂了哪些点", "leader_points"),
        ("宋文祥有没有两新组织联系点", "leader_points"),
        ("第七中学的挂点", "point_leaders"),
        # the table names them, but the question asks for something it does not hold
        ("苏佩的手机号", "free"),
        ("王焕清是什么职务", "free"),
        ("区教育局局长是谁", "free"),
        # the point does the contacting here: "挂点联系督导的学校由区教育局负责联系…"
        ("区教育局负责联系哪些学校", "free"),
    ],
)
def test_intent(knowledge, question, kind):
    assert _parse(knowledge, question).kind == kind


@pytest.mark.parametrize(
    ("question", "search"),
    [
        ("黄永青多久要去光塔街督导一次", "区级班子党员领导干部多久要去街道督导一次"),
        ("东湖新村社区多久督导一次", "社区多久督导一次"),
        ("王焕清多长时间去第七中学督导一次", "区级班子党员领导干部多长时间去学校督导一次"),
    ],
)
def test_rule_questions_search_the_kind_of_point(knowledge, question, search):
    assert _parse(knowledge, question).search == search


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("工作要点第19项区纪委是牵头还是配合", "区纪委在该项中：配合"),
        ("监督方案第2项宣传部管什么", "区委宣传部在该项中：配合；其中政治立场、落实意识形态工作责任制情况由区委宣传部负责"),
        ("监督方案第2项区委办负责哪部分", "区委办公室在该项中：配合；其中执行党的决议由区委办负责"),
        ("工作要点第17项区信访局干什么", "区信访局不在该项的责任单位中"),
    ],
)
def test_item_question_naming_a_unit_states_its_part(knowledge, question, expect):
    a = ask(question, knowledge)
    assert a.found and expect in a.text, a.text


def test_item_without_document_puts_the_named_units_item_first(knowledge):
    a = ask("第17项区信访局干什么", knowledge)
    assert (a.citations[0].document, a.citations[0].locator) == ("党内监督工作方案", "第17项")
    assert "区信访局在该项中：配合" in a.text


def test_unit_duties_count_items_not_roles(knowledge):
    # 监督方案第2项: 区委办 co-operates and answers for 执行党的决议 — one item, both roles on one line
    a = ask("区委办负责哪几项", knowledge)
    # 17: 越秀工作要点 附件2 第4项 says inline "其中，区委办公室牵头负责对…考评" (read since issue 8);
    # 18: 附件1 二、组织领导 "区委办公室、区人大办公室…分别负责相关区领导挂点联系督导的服务保障工作" (分别负责
    # read since issue 16); 19: 附件2 （四） "区委办公室、区委组织部根据《实施方案》…分别制定…考评指标" (a subject
    # acting 根据… before its verb, read since this round of issue 16)
    assert "区委办公室承担的工作共19项" in a.text
    assert "第2项「加强对党组织主要负责人和关键岗位领导干部的监督」— 配合；分项负责（执行党的决议）" in a.text
    assert a.text.count("第2项「加强对党组织主要负责人") == 1


def test_unit_that_never_leads_alone_lists_what_it_shares(knowledge):
    a = ask("区直机关党工委牵头了哪些", knowledge)
    assert a.found
    assert a.text.startswith("文件中没有区直机关党工委单独牵头的条目。")
    for locator in ("第9项", "第26项", "第36项"):
        assert locator in a.text
    assert "第6项" not in a.text  # it only co-operates there


def test_unit_without_the_asked_role_says_so_and_lists_its_duties(knowledge):
    a = ask("区委统战部配合哪些", knowledge)
    assert a.text.startswith("文件中没有区委统战部配合的条目。")
    # one duty: quoted with its text, not only its heading
    assert "第28项「支持民主党派履行监督职能。畅通民主党派监督渠道" in a.text and "」— 牵头" in a.text


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("工作要点第3、4项谁牵头", (3, 4)),
        ("第三条和第四条分别由谁负责", (3, 4)),
        ("第3和第5项", (3, 5)),
        ("3项、5项谁负责", (3, 5)),
        ("第一、二项", (1, 2)),
        ("第17项谁牵头", (17,)),
        ("第3项和区纪委", (3,)),
        ("区委组织部和区纪委各牵头哪些", ()),
        ("三会一课和民主生活会", ()),
        ("2018年12月10日前报送", ()),
    ],
)
def test_item_numbers(question, numbers):
    assert item_numbers(name_key(question)) == numbers


def test_several_items_in_one_question_are_all_answered(knowledge):
    a = ask("工作要点第3、4项谁牵头", knowledge)
    assert a.found
    assert "第3项「加强政治能力建设」\n牵头单位：区委组织部" in a.text
    assert "第4项「严明政治纪律和政治规矩」\n没有单独的牵头单位，由区纪委、区委巡察办、区委组织部按职责分工负责" in a.text
    assert [c.locator for c in a.citations] == ["第3项", "第4项"]
    assert a.text.count("来源：") == 1


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("越秀工作要点有多少项", ["正文37项；附件1：3项；附件2：4项", "越办〔2018〕2号", "来源：越秀工作要点"]),
        ("监督方案一共多少条", ["正文35项", "越党廉〔2018〕3号"]),
        ("洛阳意见", ["正文60项", "二〇二〇年六月五日"]),
        ("广州三年行动计划解读有多少项", ["无编号条目"]),
    ],
)
def test_questions_about_a_document_itself(knowledge, question, expect):
    a = ask(question, knowledge)
    assert a.intent == "doc_info" and a.found and a.citations
    for e in expect:
        assert e in a.text, a.text


@pytest.mark.parametrize(
    ("question", "locator", "expect"),
    [
        ("工作要点的最后一项", "第37项", "加强贯彻执行情况的监督考核"),
        ("监督方案最后一条谁牵头", "第35项", "牵头单位：区纪委"),
    ],
)
def test_last_item_of_a_named_document(knowledge, question, locator, expect):
    a = ask(question, knowledge)
    assert a.found and [c.locator for c in a.citations] == [locator] and expect in a.text


def test_last_item_needs_a_document(knowledge):
    assert _parse(knowledge, "最后一项谁牵头").kind != "item"


def test_items_two_units_share(knowledge):
    # 越秀要点第6、7、8、10项 and 监督方案第2、29项 name both; 第9项 (组织部 only), 第21项 (宣传部 only) do not
    a = ask("区委宣传部和区委组织部共同负责哪些", knowledge)
    assert a.found and "区委宣传部、区委组织部共同承担的工作共6项" in a.text
    assert [c.locator for c in a.citations] == ["第6项", "第7项", "第8项", "第10项", "第2项", "第29项"]
    assert "第8项「开展越秀“先锋讲习行动”」— 区委宣传部牵头；区委组织部配合" in a.text


def test_no_shared_items_says_so(knowledge):
    a = ask("区司法局和区法院都负责哪些工作", knowledge)
    assert not a.found and "没有区司法局、区法院共同承担的条目" in a.text


@pytest.mark.parametrize(("question", "must"), [("苏佩的手机号", "手机号"), ("区教育局局长是谁", "局长")])
def test_questions_beyond_the_table_must_find_what_they_ask(knowledge, question, must):
    assert _parse(knowledge, question).must == must


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("第17项什么时候完成", "该项原文没有写明时间或期限。"),
        ("工作要点第37项考核多少分", "该项原文没有写明分值。"),
    ],
)
def test_item_question_asking_what_the_item_does_not_state(knowledge, question, note):
    a = ask(question, knowledge)
    assert a.found and note in a.text


@pytest.mark.parametrize("question", ["洛阳意见第6项多久开一次", "监督方案第32项多久反馈"])
def test_item_that_states_it_gets_no_note(knowledge, question):
    assert "没有写明" not in ask(question, knowledge).text


@pytest.mark.parametrize(
    ("question", "number"),
    [("越秀要点17", 17), ("监督方案17号谁牵头", 17), ("请问工作要点3", 3), ("越秀工作要点2018年的重点", None)],
)
def test_bare_number_right_after_a_document_name(knowledge, question, number):
    p = _parse(knowledge, question)
    assert (p.number if p.kind == "item" else None) == number
