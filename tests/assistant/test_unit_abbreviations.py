"""A unit asked by an abbreviation the document never writes (issue 16): "交建局" of 区交通与建设局, "党群处" of
党群工作处, "片区消安委办公室" of 片区消防安全委员会办公室, "交管部门" of 公安机关交通管理部门, "派出所" of 各派出所.
The short form names a unit only when exactly one of the document's names matches; two → asked back; none → not
found; a person's name is never an abbreviation. Short real-style snippets, no file under /work/shared read.
"""

from __future__ import annotations

import pytest

from corpus.abbreviations import abbreviated_names, abbreviates_name, written_abbreviated
from tests.support.routing import ask_alone


@pytest.mark.parametrize(("short", "name", "expected"), [
    ("交建局", "区交通与建设局", True),  # first character of each word, kind kept, level dropped
    ("区交建局", "区交通与建设局", True),  # level kept
    ("党群处", "党群工作处", True),  # a whole word kept (党群), one dropped (工作)
    ("片区消安委办公室", "片区消防安全委员会办公室", True),  # 委员会 shortened to 委, 办公室 written whole
    ("消安委办", "片区消防安全委员会办公室", True),  # 办公室 shortened to 办, level 片区 dropped
    ("消安委", "片区消防安全委员会", True),
    ("路长办", "区路长办公室", True),  # the same name, its kind shortened
    ("村委会", "村民（居民）委员会", True),
    ("交通局", "区交通与建设局", False),  # a joined word's first character (建) left out: another body
    ("区纪委", "区纪委监委", False),  # a name it begins: a body of its own
    ("交建局", "区交通与建设集团", False),  # another kind of body
    ("县交建局", "区交通与建设局", False),  # another level
    ("建交局", "区交通与建设局", False),  # first character differs
])
def test_an_abbreviation_keeps_the_words_first_characters_and_the_kind(short, name, expected):
    assert abbreviates_name(short, name) is expected


@pytest.mark.parametrize(("short", "names", "expected"), [
    ("交管部门", ["公安机关交通管理部门", "气象部门"], ["公安机关交通管理部门"]),  # a body named without its parent
    ("交建局", ["区交通与建设局", "区交通建设管理局"], ["区交通与建设局", "区交通建设管理局"]),  # two: the caller asks
    ("发改局", ["区交通与建设局", "区财政局"], []),  # none
    ("陈强", ["陈华强", "区交通与建设局"], []),  # a person's name is never an abbreviation
])
def test_the_names_a_short_form_may_abbreviate(short, names, expected):
    assert abbreviated_names(short, names) == expected


def test_a_name_written_only_in_running_text_is_found_by_its_abbreviation():
    texts = ["党群工作处充分发挥基层自治组织的作用，组织公众参与海滩海岸清洁行动。", "资源生态处负责巡查。"]
    assert written_abbreviated("党群处", texts) == ["党群工作处"]
    assert written_abbreviated("陈强", ["陈华强负责巡查。"]) == []
    office = ["片区消防安全委员会办公室组织成立检查组。"]  # the kind written whole, the level where the short keeps it
    assert written_abbreviated("消安委办", office) == ["消防安全委员会办公室"]
    assert written_abbreviated("片区消安委办", office) == ["片区消防安全委员会办公室"]


_PLAN = "城乡环境综合整治工作方案\n\n二、重点任务\n1.推进道路改造。（责任单位：区交通与建设局）\n"

CASES = [
    ("a bureau's words abbreviated, level dropped (交建局)",
     _PLAN + "2.做好宣传。（责任单位：区委宣传部）\n", "交建局要做哪些整治？", ("推进道路改造",), ("做好宣传",)),
    ("a task body's kind abbreviated with the name, level kept (片区消安委办公室)",
     "高层建筑消防安全综合治理工作方案\n\n三、职责分工\n（一）片区消防安全委员会办公室：协调指导推进高层建筑消防安全综合治理工作。\n"
     "（二）各派出所：排查整治高层建筑周边影响灭火救援的停车泊位。\n",
     "片区消安委办公室负责哪些工作", ("协调指导推进高层建筑消防安全综合治理工作",), ("停车泊位",)),
    ("a bare kind noun asks for the collective (派出所 of 各派出所)",
     "高层建筑消防安全综合治理工作方案\n\n三、职责分工\n（一）片区消防安全委员会办公室：协调指导推进综合治理工作。\n"
     "（二）各派出所：排查整治高层建筑周边影响灭火救援的停车泊位。\n",
     "派出所负责什么", ("停车泊位",), ("协调指导推进综合治理工作",)),
    ("a body inside a body asked without its parent, abbreviated (交管部门 of 公安机关交通管理部门)",
     "消防安全专项行动方案\n\n二、职责分工\n1.清理停车泊位。（责任单位：公安机关交通管理部门）\n2.检查防雷装置。（责任单位：气象部门）\n",
     "交管部门要做哪些事？", ("清理停车泊位",), ("检查防雷装置",)),
    ("an office written only as the subject of running text (党群工作处…), asked as 党群处",
     "海漂垃圾综合治理实施方案\n\n二、主要措施\n（一）建立保洁机制。资源生态处负责组织巡查。党群工作处充分发挥志愿者的作用，"
     "组织公众参与海滩海岸清洁行动。\n",
     "党群处要做啥", ("组织公众参与海滩海岸清洁行动",), ("组织巡查",)),
    ("an abbreviation of two units is asked back, never answered with either's duties",
     _PLAN + "2.推进停车场建设。（责任单位：区交通建设管理局）\n",
     "交建局负责什么", ("可能指", "区交通与建设局", "区交通建设管理局"), ("推进道路改造", "推进停车场建设")),
    ("an abbreviation of no unit: not found, no other unit's duties",
     _PLAN + "2.做好宣传。（责任单位：区委宣传部）\n", "发改局负责什么", (), ("推进道路改造", "做好宣传")),
    ("a colloquial 干嘛 asks the unit's duties (执法应急局要干嘛, 区 dropped)",
     "蓝眼泪追泪区管控方案\n\n二、管理架构\n（一）现场管控。区公安局负责交通疏导；区执法应急局负责协助维护现场秩序。\n",
     "执法应急局要干嘛", ("协助维护现场秩序",), ("交通疏导",)),
    ("a place frame holding the document's own topic (在追泪现场) narrows nothing",
     "蓝眼泪追泪区管控方案\n\n二、管理架构\n（一）现场管控。区公安局负责交通事故处理和交通疏导；区执法应急局负责协助维护现场秩序。\n",
     "公安局在追泪现场负责啥", ("交通事故处理和交通疏导",), ("协助维护现场秩序",)),
    ("an abbreviated topic with a work noun (在防非工作里) is the document's own (防范和处置非法集资)",
     "2022年防范和处置非法集资工作方案\n\n二、工作内容\n1.开展风险排查。（责任单位：各派出所）\n2.开展宣传教育。（责任单位：各村居）\n",
     "派出所在防非工作里负责啥", ("开展风险排查",), ("开展宣传教育",)),
    ("a person's name is never read as an abbreviation of another's",
     _PLAN + "三、组织领导\n组 长：陈华强 区长\n", "陈强负责什么", (), ("推进道路改造", "陈华强")),
]


@pytest.mark.parametrize(("text", "question", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_unit_asked_by_an_abbreviation(text, question, present, absent, tmp_path):
    reply = ask_alone(text, question, tmp_path)
    for phrase in present:
        assert phrase in reply.text, reply.text
    for phrase in absent:
        assert phrase not in reply.text, reply.text
