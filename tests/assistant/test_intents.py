"""Pure question-understanding functions, on phrasings users actually write."""

import pytest

from assistant.documents.names import find_documents, name_key
from assistant.questions.intents import item_number, item_role, unit_role
from corpus.model import Document


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("第17项谁牵头？", 17),
        ("越秀工作要点第十七条由谁负责", 17),
        ("工作要点第十五项谁牵头", 15),
        ("17项谁牵头", 17),
        ("2018年工作要点第18项由哪个部门牵头", 18),
        ("第 3 项的原文", 3),
        ("分工表序号2那项主要工作任务由哪个单位负责", 2),  # a row named by its sequence column
        ("编号为12的任务谁牵头", 12),
        ("第二十五项", 25),
        ("第0项", 0),
        ("第999项谁牵头", 999),
        ("第3谁牵头", 3),
        ("第（三）项第1点灌区骨干工程建设谁负责", 1),  # a section's label, then its item
        ("第一项第3点，困难户由哪些单位抱团帮扶", 3),
        ("第二条的第4项", 4),
        ("民主生活会一年开几次", None),
        ("每年至少开展第一次", None),
        ("2018年12月10日前报送", None),
    ],
)
def test_item_number(question, number):
    assert item_number(name_key(question)) == number


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("第3项谁牵头", "lead"),
        ("第18项由哪个部门牵头，哪些单位配合", "responsible"),
        ("第12项谁牵头谁配合", "responsible"),
        ("第30项的牵头单位和配合单位", "responsible"),
        ("第26项由谁负责", "responsible"),
        ("第7项哪些单位配合", "cooperate"),
        ("第17项的原文", "text"),
        ("第17项讲的是什么", "text"),
        ("第17项", "text"),
    ],
)
def test_item_role(question, role):
    assert item_role(name_key(question)) == role


@pytest.mark.parametrize(
    ("question", "role"),
    [("区委组织部牵头哪些工作", "lead"), ("区审计局要配合哪些事", "cooperate"), ("区委政法委参与了哪些工作", "all")],
)
def test_unit_role(question, role):
    assert unit_role(name_key(question)) == role


def _doc(source, title, short, aliases=()):
    return Document(source=source, title=title, short_name=short, aliases=tuple(aliases))


DOCS = (
    _doc("a.txt", "2018年越秀区加强和规范党内政治生活工作要点", "越秀工作要点", ["工作要点", "越秀要点"]),
    _doc("b.md", "广州市越秀区关于深入贯彻落实《中国共产党党内监督条例》的工作方案", "党内监督工作方案", ["监督条例方案"]),
    _doc("c.txt", "中共洛阳市委关于加强和改进全市机关党的建设的实施意见", "洛阳机关党建意见", ["洛阳"]),
    _doc("d.txt", "某某县推进清廉机关建设三年计划", "某某县清廉机关计划"),
    _doc("e.txt", "2019年越秀区加强和规范党内政治生活工作要点", "越秀2019要点"),
)


@pytest.mark.parametrize(
    ("question", "sources"),
    [
        ("越秀工作要点第26项由谁负责", ["a.txt"]),
        ("工作要点第十五项谁牵头", ["a.txt"]),
        ("监督条例方案第30项的牵头单位", ["b.md"]),
        ("党内监督工作方案第12项谁牵头", ["b.md"]),
        ("洛阳第6项讲什么", ["c.txt"]),
        ("中国共产党党内监督条例的工作方案第3项", ["b.md"]),  # a recognisable part of the title
        ("清廉机关建设第2项谁牵头", ["d.txt"]),  # a document without configured names
        ("第17项谁牵头", []),
        ("工作方案第3项", []),  # too generic to name one document
        ("加强和规范党内政治生活第3项", []),  # a title fragment two documents share names neither
        ("清廉机关建设三年计划第1项", ["d.txt"]),
    ],
)
def test_find_documents(question, sources):
    assert [m.document.source for m in find_documents(question, DOCS)] == sources


@pytest.mark.parametrize("question", [
    "派驻君山片区综合执法队筹建组负责什么？",
    "君山片区派出所要做哪些工作",
])
def test_a_place_name_inside_a_unit_name_is_not_a_document(question):
    """"君山片区" in a title and in a unit's name: the unit is asked about, not the document."""
    from assistant.documents.contact_tables import ContactIndex
    from assistant.documents.units_index import UnitIndex
    from assistant.questions.intents import UnitDuties, parse_question
    from corpus.parse import parse_document

    doc = parse_document("君山片区违规摆摊设点整治工作方案\n\n三、整治职责\n（一）君山片区派出所：负责维护治安。\n"
                         "（二）派驻君山片区综合执法队筹建组：负责日常巡查；负责违法行为的查处。\n", "b.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame


@pytest.mark.parametrize("question", ["工商部门在这次行动里负责什么？", "工商部门在这个方案里要干啥", "工商部门本次负责哪些工作",
                                      "工商部门在专项行动中负责什么", "工商部门在六打六治里要干啥",
                                      "工商部门负责哪块？", "工商部门负责哪一块", "工商部门负责哪些方面"])
def test_the_document_pointed_at_does_not_narrow_a_units_duties(question):
    from assistant.documents.contact_tables import ContactIndex
    from assistant.documents.units_index import UnitIndex
    from assistant.questions.intents import UnitDuties, parse_question
    from corpus.parse import parse_document

    doc = parse_document("六打六治专项行动实施方案\n\n工商部门负责依法督促企业办理注销登记。\n", "b.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame


@pytest.mark.parametrize(("question", "asks"), [
    ("违规摆摊设点的违法行为谁来查处？", True),
    ("企业名册谁报送？", True),
    ("一周一督导由谁负责", True),
    ("民主生活会一年开几次", False),
    ("谁知道这个文件", False),
])
def test_who_does_it_asks_for_the_responsible_unit(question, asks):
    from assistant.questions.intents import asks_responsible_unit

    assert asks_responsible_unit(question) is asks


def test_a_question_naming_the_task_table_means_the_attachment():
    """"分工表第5项": the attached table's row 5, not the main text's item 5 (issue 16, breadth2)."""
    from assistant.documents.contact_tables import ContactIndex
    from assistant.documents.units_index import UnitIndex
    from assistant.questions.intents import ItemQuestion, parse_question
    from corpus.parse import parse_document

    doc = parse_document("母婴设施建设实施方案\n\n一、工作任务\n1.建设母婴室。\n2.开展宣传。\n3.加强培训。\n4.规范管理。\n"
                         "5.强化督查考核。\n附件\n母婴设施建设任务分工\n序号\t职责\t负责单位\n1\t建设母婴室\t区卫健局\n"
                         "2\t开展宣传\t区妇联\n3\t加强培训\t区总工会\n4\t规范管理\t区市场监管局\n5\t协调单位建设\t区妇联、区总工会\n",
                         "m.txt")
    frame = parse_question("分工表第5项谁负责？", UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, ItemQuestion) and frame.part == "附件", frame


@pytest.mark.parametrize(("title", "question"), [
    ("某区生态环境保护工作职责规定", "区公安局在环保方面干啥？"),
    ("某区安全生产监督管理工作方案", "区公安局在安监方面负责什么"),
    ("某区生态环境保护工作职责规定", "区公安局在生态环境保护方面负责什么"),
])
def test_an_abbreviation_of_the_documents_topic_does_not_narrow_a_units_duties(title, question):
    from assistant.documents.contact_tables import ContactIndex
    from assistant.documents.units_index import UnitIndex
    from assistant.questions.intents import UnitDuties, parse_question
    from corpus.parse import parse_document

    doc = parse_document(f"{title}\n\n第一条 区公安局工作职责：\n（一）依法查处违法犯罪案件。\n（二）负责危险化学品的公共安全管理。\n",
                         "b.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame
