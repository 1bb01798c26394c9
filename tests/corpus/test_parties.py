"""The party-name recogniser (corpus/parties.py): names are recognised, phrases are not."""

import pytest

from corpus.parties import is_party_name, party_problem, strip_annotation


@pytest.mark.parametrize("name", [
    "区财政局", "区委组织部", "区口岸办", "区交通与建设局", "资源生态处", "区两岸发展公司", "区金控集团",
    "各片区管理局", "区直各单位", "各有关部门", "各乡镇人民政府", "东庠办事处", "各村（居）", "平潭海关",
    "区自然资源服务中心苏平服务站", "区消防支队", "工作指导组", "第一小组", "中国资产评估协会", "机关党委",
    "危化处（60日）", "区经济发展局（重点办、发改处）", "组长", "张三同志", "第一责任人", "欧阳明", "王五",
    "人行平潭支行", "各区属国企", "经济发展处", "各牵头单位", "各攻坚战责任单位", "相关配合部门", "区直各责任单位",
])
def test_names_are_recognised(name):
    assert is_party_name(name), party_problem(name)


@pytest.mark.parametrize(("phrase", "why"), [
    ("其他领导", "含“其他领导”"),
    ("开展机关", "含“开展”"),
    ("按职责分工负责", "含“按职责”"),
    ("参加单位", "是标签词，不是名称"),
    ("责任单位", "是标签词，不是名称"),
    ("建设项目牵头单位", "是标签词，不是名称"),
    ("经济发展处配合区经发局", "含“配合”"),
    ("区农村发展局参加单位：区宣传部", "含标点或空格"),
    ("（二）区直各有关单位", "像句子片段"),
    ("在区执法部门", "像句子片段"),
    ("追泪区由区旅游文体局", "像句子片段"),
    ("检查厕所", "含“厕所”"),
    ("联合各相关职能部门", "像句子片段"),
    ("农业农村处等相关处室", "含“等相关”"),
    ("本规定具体解释工作由区环境与国土资源局", "像句子片段"),
    ("学校", "只有泛称，没有具体单位"),
    ("社会", "结尾不像单位、集体或人员"),
    ("实行", "结尾不像单位、集体或人员"),
    ("下同", "结尾不像单位、集体或人员"),
    ("区", "太短"),
])
def test_phrases_are_not_names(phrase, why):
    assert party_problem(phrase) == why


@pytest.mark.parametrize(("name", "bare"), [
    ("危化处（60日）", "危化处"),
    ("区经济发展局（重点办、发改处）", "区经济发展局"),
    ("各村（居）", "各村"),
    ("区财政局", "区财政局"),
])
def test_strip_annotation(name, bare):
    assert strip_annotation(name) == bare
