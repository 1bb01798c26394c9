"""Question forms of the sixth question set (eval/breadth6), one row per form."""

from __future__ import annotations

import pytest

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.units_index import UnitIndex
from assistant.questions.intents import UnitDuties, parse_question
from corpus.parse import parse_document

GROUPS = ("关于调整旅游市场秩序整治工作组的通知\n\n五个小组组成人员如下：\n第一组\n组 长：林新平\n成 员：王茂华、高众\n"
          "工作职责：负责北港文创村的排查整治。\n第二组\n组 长：林宝雄\n成 员：薛理涓\n"
          "工作职责：负责长江澳景点、磹水村的排查整治。\n")


@pytest.mark.parametrize("question", ["第二组负责哪些地方？", "第二组负责哪些区域", "第二组管哪些地方"])
def test_the_areas_a_group_covers_are_its_duties(question):
    doc = parse_document(GROUPS, "g.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame


STATION = ("关于成立消防工作站的通知\n\n各村（社区）应当相应建立完善消防安全管理机制，设置专人专岗负责消防工作。\n"
           "各村（社区）要定期开展消防检查。\n")


@pytest.mark.parametrize("question", ["各村（社区）在消防上要做什么？", "各村（社区）在消防方面要做什么？"])
def test_a_topic_said_with_shang_is_a_topic_like_fangmian(question):
    doc = parse_document(STATION, "s.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame


HOUSING = ("关于下达2016年保障性安居工程建设目标任务的通知\n\n一、新开工建设目标任务\n"
           "1.吉钓安置小区1860套，责任单位：平潭综合实验区交通投资发展有限公司，所属片区：金井湾片区开发管理局；\n"
           "2.中原安置小区1052套，责任单位：平潭综合实验区国有资产投资发展有限公司。\n"
           "二、基本建成目标任务\n1.澳前安置小区573套，责任单位：平潭综合实验区交通投资发展有限公司。\n")


@pytest.mark.parametrize(("question", "unit"), [
    ("交通投资发展有限公司负责哪些安置小区？", "平潭综合实验区交通投资发展有限公司"),
    ("国有资产投资发展有限公司负责什么", "平潭综合实验区国有资产投资发展有限公司"),
])
def test_a_company_is_asked_without_the_place_it_belongs_to(question, unit):
    doc = parse_document(HOUSING, "h.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties) and unit in frame.units, frame
