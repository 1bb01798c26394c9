"""Parties named by the case they are in, and posts put in place for a duty (issue 16), one row per form.

Rows are short real-style snippets. A collective qualified by a case ("发生生产安全事故的行业主管部门")
takes only its own clause, the item's owner stays and the sentence is kept as the rule; a post set up
for a duty ("各站设专门的通信员，负责…") does that duty, beside the owner of the heading above it.
"""

from __future__ import annotations

import pytest

from corpus.parse import parse_document
from corpus.parties import clean, qualified_by_case


def _item(doc, key):
    found = [it for it in (*doc.items, *doc.tasks) if key in it.text]
    assert found, f"no item {key!r} in {[(it.number, it.text[:20]) for it in (*doc.items, *doc.tasks)]}"
    return found[0]


BY_CASE = [
    ("a sector's department by the accident it had",
     "第九条 各处室安全生产工作职责：\n（六）参加事故调查，配合做好事故善后工作，其中，发生生产安全事故的行业主管部门"
     "应负责牵头组织事故善后维稳以及协调处理工作。\n第十条 附则。\n",
     "善后维稳", ("各处室",), ("行业主管部门", "lead")),
    ("由 + the department by its case",
     "一、工作任务\n1.开展事故调查，由发生事故的行业主管部门牵头负责调查处理。\n2.其他。\n",
     "调查处理", (), ("行业主管部门", "lead")),
]


@pytest.mark.parametrize(("text", "key", "owners", "by_case"), [c[1:] for c in BY_CASE], ids=[c[0] for c in BY_CASE])
def test_a_party_named_by_its_case_takes_only_its_clause(text, key, owners, by_case):
    it = _item(parse_document(text, "x.txt"), key)
    assert it.units.shared == owners
    assert (by_case[0], by_case[1]) in {(s.unit, s.role) for s in it.units.sub}
    assert by_case[0] not in it.units.lead
    assert by_case[0] in it.units.condition  # the sentence is the rule that decides who


@pytest.mark.parametrize(("span", "party"), [
    ("发生生产安全事故的行业主管部门", "行业主管部门"),
    ("涉及审批事项的相关部门", "相关部门"),
    ("负有生态环境保护监督管理职能的部门", ""),  # a bare 部门 names no one
    ("区财政局的工作人员", ""),  # not a case: no qualifying verb
])
def test_clean_reads_a_qualified_collective(span, party):
    assert clean(span)[0] == ((party,) if party else ())
    assert qualified_by_case(span) is bool(party)


POSTS = [
    ("a post set up under a duty heading",
     "三、站点消防员应履行以下职责\n1.负责防火巡查。\n2.各站设专门的通信员，负责站内通讯设备日常维护管理，保障通讯正常。\n",
     "通讯设备", ("站点消防员", "通信员")),
    ("设立 + a post", "一、组织保障\n1.各村设立网格员，负责日常巡查。\n2.其他。\n", "日常巡查", ("网格员",)),
    ("组成 + a body", "一、组织保障\n1.抽调骨干组成督查组，负责开展督查工作。\n2.其他。\n", "督查工作", ("督查组",)),
]


@pytest.mark.parametrize(("text", "key", "shared"), [c[1:] for c in POSTS], ids=[c[0] for c in POSTS])
def test_a_post_put_in_place_does_the_duty_after_it(text, key, shared):
    assert _item(parse_document(text, "x.txt"), key).units.shared == shared


@pytest.mark.parametrize("text", [
    "一、组织保障\n1.成立工作小组，下设办公室，负责综合协调。\n2.其他。\n",  # the group's own office: the group's duty
    "一、工作任务\n1.加快建设消防站，负责辖区灭火。\n2.其他。\n",  # 建设 builds, it sets up no post
    "一、工作任务\n1.配备39名工作人员，负责维持道路秩序。\n2.其他。\n",  # staff in general are no party
])
def test_what_is_built_or_set_below_a_body_is_no_post(text):
    names = [n for it in (*parse_document(text, "x.txt").items,) for n in it.units.all]
    assert not [n for n in names if n in ("办公室", "消防站", "工作人员")], names
