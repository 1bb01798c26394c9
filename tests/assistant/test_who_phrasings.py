"""Ways of asking who is responsible for a topic, found by search (issue 16): "找谁", "归哪个部门管",
"谁来抓", "是谁负责的", "由哪个单位负责". Each is answered with the responsible units of the item that names
them — never with a passage on the same topic that names no one, as long as one that names someone ranks on
the first page. Short snippets in the style of the breadth corpus, answered through the whole router."""

from __future__ import annotations

import pytest

from assistant.questions.router import Turn, route
from tests.support.routing import ask_alone, knowledge_of

PLAN = ("自建房安全专项整治实施方案\n\n一、工作目标\n"
        "2022年5月底前完成所有经营性自建房结构安全性排查摸底，2023年6月底前完成所有自建房排查摸底。\n"
        "二、主要任务\n"
        "1.开展自建房结构安全性排查。组织专业力量对结构安全性进行排查。（牵头单位：区交通建设局，配合单位：各片区管理局）\n"
        "2.开展经营安全性排查整治。对经营性自建房的经营资质进行排查。（牵头单位：区市场监管局）\n"
        "3.开展粉尘防爆专项整治。对存在粉尘爆炸危险的场所进行整治。（责任单位：区应急管理局）\n")

PHRASINGS = ["{t}找谁？", "请问{t}找谁？", "{t}找哪个部门？", "{t}归哪个部门管？", "{t}谁来抓？", "{t}是谁负责的？",
             "{t}由哪个单位负责？", "{t}归谁管？"]
TOPICS = [("自建房结构安全性排查", "区交通建设局", "区市场监管局"),
          ("经营安全性排查整治", "区市场监管局", "区交通建设局"),
          ("粉尘防爆专项整治", "区应急管理局", "区市场监管局")]


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    return knowledge_of(PLAN, tmp_path_factory.mktemp("who"))


@pytest.mark.parametrize("phrasing", PHRASINGS)
@pytest.mark.parametrize(("topic", "owner", "other"), TOPICS, ids=[t[0] for t in TOPICS])
def test_who_is_asked_in_many_ways(knowledge, phrasing, topic, owner, other):
    reply, _ = route(Turn(phrasing.format(t=topic), knowledge))
    assert reply.found and reply.citations, reply.text
    assert owner in reply.text, reply.text
    assert other not in reply.text.split("来源")[0].split("【")[0], reply.text  # the direct answer names the owner only


FIELDS = ("宜居环境建设行动计划实施方案\n\n三、主要内容及职责分工\n"
          "（一）建设美丽乡村\n实施项目：1个美丽乡村示范乡：白青乡；3个美丽乡村示范村。\n"
          "主要内容：分片推进美丽乡村建设，重点推进重要通道沿线的村庄整治建设。\n"
          "{field}：区规划局负责开展规划编制工作，所在乡镇人民政府组织实施。\n"
          "（二）打造城市完整社区\n实施项目：潭城镇东门社区、城东社区。\n"
          "实施内容：打造设施完备、服务齐全的完整社区。\n"
          "{field}：澳前片区开发管理局组织实施，嘉源公司作为业主单位。\n")


@pytest.mark.parametrize("field", ["责任分工", "职责分工", "任务分工"])
@pytest.mark.parametrize(("question", "owner", "other"), [
    ("美丽乡村建设谁来抓？", "区规划局", "澳前片区开发管理局"),
    ("完整社区由谁负责？", "澳前片区开发管理局", "区规划局"),
])
def test_a_section_written_as_fields_is_answered_by_its_responsibility_field(field, question, owner, other, tmp_path):
    """A paragraph of the section ("主要内容：…") names no one; the section's one responsibility field answers."""
    reply = ask_alone(FIELDS.format(field=field), question, tmp_path)
    direct = reply.text.split("【")[0]
    assert owner in direct and other not in direct, reply.text


SOLE = ("防汛工作实施方案\n\n一、工作任务\n"
        "（一）开展隐患排查。\n责任单位：县水利局\n配合单位：县自然资源局、各乡镇\n"
        "（二）加强监测预警。\n责任单位：县气象局、县水文站\n"
        "（三）做好物资储备。\n责任单位：县应急管理局\n"
        "（四）做好转移安置。\n责任单位：各乡镇\n")


@pytest.mark.parametrize(("question", "present", "absent"), [
    ("第1项谁牵头？", ("牵头单位：县水利局", "配合"), ("没有单独的牵头单位",)),  # one body with supporters leads
    ("第3项谁牵头？", ("牵头单位：县应急管理局",), ("没有单独的牵头单位",)),  # one body alone answers for it
    ("第2项谁牵头？", ("没有单独的牵头单位", "县气象局、县水文站"), ("牵头单位：",)),  # two bodies: no one leads
    ("第4项谁牵头？", ("没有单独的牵头单位", "各乡镇"), ("牵头单位：",)),  # a collective is many bodies
])
def test_a_sole_owner_is_the_lead_a_reader_names(question, present, absent, tmp_path):
    reply = ask_alone(SOLE, question, tmp_path)
    assert all(p in reply.text for p in present), reply.text
    assert not any(a in reply.text for a in absent), reply.text
