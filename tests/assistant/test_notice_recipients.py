"""A notice sent to one kind of recipient lists their work: its numbered items that name no party answer
a question about that recipient, shown as addressed to them (never as a stated role). A notice to several
kinds of body, a plan, or a plan under its cover note attributes nothing."""

import pytest

from assistant.documents.units_index import UnitIndex, notice_recipients
from corpus.parse import parse_document

NOTICE = ("某片区管理局关于开展第四季度结对帮扶走访慰问活动的通知\n\n{to}：\n为巩固脱贫成果，现就有关事项通知如下：\n"
          "一、工作要求\n1.继续摸底基本情况。摸清各脱贫户生产、生活情况。\n2.解决生产生活需求。建立问题台账，逐个整改销号。\n"
          "3.提供入户走访资料。请于12月31日前交至片区农业农村处。\n")


@pytest.mark.parametrize(("to", "title_end", "recipients"), [
    ("各挂钩帮扶干部", "的通知", ("各挂钩帮扶干部",)),
    ("各承办单位", "的通知", ("各承办单位",)),
    ("各处室，各村居", "的通知", ()),  # several kinds of body: the notice does not say who does what
    ("各挂钩帮扶干部", "的方案", ()),  # a plan's tasks are its own parties'
])
def test_whom_a_notice_asks(to, title_end, recipients):
    doc = parse_document(NOTICE.format(to=to).replace("的通知\n", title_end + "\n", 1), "n.txt")
    assert notice_recipients(doc) == recipients


def test_the_recipients_work_is_the_unowned_items():
    doc = parse_document(NOTICE.format(to="各挂钩帮扶干部"), "n.txt")
    units = UnitIndex((doc,))
    duties = units.duties_of(units.key("各挂钩帮扶干部"))
    assert [(d.item.number, d.role) for d in duties] == [(1, "addressed"), (2, "addressed"), (3, "addressed")]
    assert [k for _, _, k in units.spans_in("挂钩帮扶干部要做哪些事")] == ["各挂钩帮扶干部"]  # asked without 各


def test_a_cover_note_over_a_plan_addresses_nothing():
    doc = parse_document("关于印发《某某工作方案》的通知\n\n各挂钩帮扶干部：\n现将《某某工作方案》印发给你们。\n\n"
                         "某某工作方案\n一、工作任务\n1.开展走访。\n", "n.txt")
    assert doc.addressees == ()
