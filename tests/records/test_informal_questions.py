"""Informal notes (the one note-or-question decision) and natural questions about the records."""

from datetime import date

import pytest

from assistant.records import bindings, drafts, questions
from assistant.records.informal import detect
from assistant.records.leaders import load_leaders
from assistant.records.notes import parse_note
from assistant.records.rectifications import add_rectification
from assistant.records.visits import record_visit
from tests.records.conftest import at

TODAY = date(2026, 11, 23)
INFORMAL = "王书记上周五去七中看了看，查阅了三会一课记录，没发现问题"


@pytest.mark.parametrize("text, leader", [
    (INFORMAL, "王焕清"),
    ("苏部长昨天到北京街调研了一下", "苏佩"),
    ("王焕清同志11月20日走访了区教育局", "王焕清"),
    ("黄永青今天去光塔街督导", "黄永青"),
    ("陈书记上周去农林街", "陈晓丹"),
    ("今天陪苏部长去了北京街，听取了工作汇报", "苏佩"),
    ("苏佩同志昨天上午到都府社区开了座谈会", "苏佩"),
])
def test_informal_notes_are_recognised(db, text, leader):
    got = detect(text, load_leaders(db), TODAY)
    assert got is not None and got.leader == leader and leader in got.resolved and got.original == text


@pytest.mark.parametrize("text", [
    "王书记上周五去七中了吗？",  # a question
    "东山街上次督导是什么时候",
    "越秀工作要点第17项谁牵头",
    "王书记讲话很好",  # no visit verb, no point, no time
    "李书记昨天去七中",  # no leader surnamed 李
    "走访记录：王焕清 11月5日到东山街督导",  # starts like a note: the existing path
    "",
])
def test_not_informal_notes(db, text):
    assert detect(text, load_leaders(db), TODAY) is None


def test_informal_note_goes_through_the_draft_flow_and_keeps_the_original(db, rules):
    got = detect(INFORMAL, load_leaders(db), TODAY)
    sub = drafts.submit(db, got.resolved, telegram_id=222, chat_id=222, now=at(2026, 11, 23, 10), rules=rules,
                        explicit=True, original=got.original)
    assert sub.kind == "confirm" and sub.note.leader == "王焕清" and sub.note.visit_date == "2026-11-20"
    assert [p["name"] for p in sub.note.points] == ["第七中学"]
    reply = drafts.confirm(db, sub.pending_id, telegram_id=222, now=at(2026, 11, 23, 10), rules=rules)
    assert "已保存" in reply
    assert [r["original"] for r in db["visits"].rows] == [INFORMAL]


@pytest.fixture
def records(db, rules):
    bindings.confirm(db, 111, now=at(2026, 11, 1), actor="admin", name="王焕清")
    note = parse_note("走访记录：王焕清 11月5日到东山街督导，召开座谈会", load_leaders(db), TODAY, rules)
    record_visit(db, note, actor_id=222, actor="222", now=at(2026, 11, 5, 18), rules=rules)
    add_rectification(db, unit="东山街", issue="台账缺失", notice_date=date(2026, 11, 1), due=date(2026, 11, 20),
                      rule="explicit", citation="记录中写明", leader_id=1, logged_by=222, now=at(2026, 11, 1),
                      actor="222", rules=rules)
    add_rectification(db, unit="北京街", issue="记录不全", notice_date=date(2026, 11, 1), due=date(2026, 12, 20),
                      rule="explicit", citation="记录中写明", leader_id=2, logged_by=222, now=at(2026, 11, 1),
                      actor="222", rules=rules)
    return db


@pytest.mark.parametrize("text, own, kind, leader", [
    ("我这个月还有哪些点没去", "王焕清", "pending", "王焕清"),
    ("我还有哪些整改没办完", "王焕清", "open_rects", "王焕清"),
    ("王焕清这个月去了哪些地方", None, "visits", "王焕清"),
    ("还有哪些整改没完成", None, "open_rects", ""),
    ("东山街上次督导是什么时候", None, "last_visit", ""),
    ("苏部长还有哪些点没走访", None, "pending", "苏佩"),
    ("我这个月还有哪些联系点没有去", "王焕清", "pending", "王焕清"),
    ("这个月我还差哪几个点没跑", "王焕清", "pending", "王焕清"),
    ("我还有几个整改没弄完", "王焕清", "open_rects", "王焕清"),
    ("还有多少整改未销号", None, "open_rects", ""),
    ("王焕清本月走访了哪些联系点", None, "visits", "王焕清"),
    ("第七中学最近一次督导是哪天", None, "last_visit", ""),
])
def test_record_questions_recognised(records, text, own, kind, leader):
    q = questions.recognise(text, records, own)
    assert q is not None and (q.kind, q.leader) == (kind, leader)


@pytest.mark.parametrize("text", ["民主生活会一年开几次？", "越秀工作要点第17项谁牵头", "区信访局要配合哪些工作？",
                                  "整改情况要在多长时间内书面报告？"])
def test_document_questions_are_not_record_questions(records, text):
    assert questions.recognise(text, records, "王焕清") is None


def test_record_answers_come_from_the_store(records, rules):
    def ask(text, own=None, role="secretary"):
        got = questions.answer_question(records, text, own_leader=own, role=role, today=TODAY, rules=rules)
        return got if got is None else got.text

    pending = ask("我这个月还有哪些点没去", own="王焕清", role="leader")
    assert "区教育局" in pending and "东山街" not in pending.split("本季度")[0] and "来源：走访台账" in pending
    mine = ask("我还有哪些整改没办完", own="王焕清", role="leader")
    assert "第1号" in mine and "已逾期" in mine and "第2号" not in mine
    every = ask("还有哪些整改没完成")
    assert "第1号" in every and "第2号" in every and "共2项" in every
    went = ask("王焕清这个月去了哪些地方")
    assert "2026-11-05 东山街" in went and "来源：走访台账" in went
    assert "2026-11-05" in ask("东山街上次督导是什么时候") and "王焕清" in ask("东山街道上次督导是什么时候")
    assert "没有" in ask("北京街上次督导是什么时候")
    assert "绑定" in ask("我这个月还有哪些点没去", own=None, role="leader")
    assert "只有秘书" in ask("还有哪些整改没完成", role="member")
    assert ask("民主生活会一年开几次", role="leader") is None
    # a value citing the ledger it read, not text with a sources line built in
    answer = questions.answer_question(records, "东山街上次督导是什么时候", own_leader=None, role="secretary",
                                       today=TODAY, rules=rules)
    assert [(c.kind, c.document) for c in answer.citations] == [("ledger", "走访台账")]
    assert not any("来源" in block for block in answer.blocks)
