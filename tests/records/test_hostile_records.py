"""Hostile leftovers of issue 20 on the records, on both backends (real SQLite file, real PostgreSQL):

- invisible characters in a rectification's unit or problem: "东山街\\u200b" was stored as a unit that
  reads like 东山街 but matches no contact point and no leader. Now they are taken out (the original
  text is stored as typed), and a unit made only of them is refused with a clear reply;
- a closed record counted as the repeat of a new identical one: a rectification marked done, sent
  again within the window, was answered "这条记录已经保存过了" and not stored. A closed record's text
  sent again means the problem is back: a new record (assistant/records/repeats.py)."""

from datetime import timedelta

import pytest

from assistant.records import rectifications
from assistant.records.repeats import earlier_visit
from tests.records.conftest import at

NOW = at(2026, 11, 20, 10)


def _rectify(db, rules, text, now=NOW, actor_id=222):
    return rectifications.rectify_from_text(db, text, today=now.date(), now=now, actor="秘书", actor_id=actor_id,
                                            rules=rules)


@pytest.mark.parametrize("unit", ["东山街\u200b", "\u200b东山街", "东\u00ad山街", "东山街\ufeff", "东山\x01街",
                                  "东山街\x7f", "东山\u202e街", "东山街\ue000", "东山\u2060街"])
def test_invisible_characters_are_taken_out_of_the_unit_and_the_original_is_kept(db, rules, unit):
    rid, reply = _rectify(db, rules, f"{unit} 台账\u200b缺失 11月5日")
    row = db["rectifications"].get(rid)
    assert (row["unit"], row["issue"]) == ("东山街", "台账缺失")
    assert row["leader_id"] is not None  # matched the contact point 东山街 and its leader
    assert unit in row["original"] and "不可见字符已去掉" in reply and "东山街——台账缺失" in reply


@pytest.mark.parametrize("unit", ["\u200b", "\x01\x02", "\ufeff\u200d"])
def test_a_unit_of_invisible_characters_only_is_refused_and_nothing_is_stored(db, rules, unit):
    rid, reply = _rectify(db, rules, f"{unit} 台账缺失 11月5日")
    assert rid is None and "看得见的文字" in reply and "用法" in reply
    assert db["rectifications"].count == 0


def test_a_visible_unit_is_stored_as_typed_without_a_note(db, rules):
    rid, reply = _rectify(db, rules, "东山街 台账缺失 11月5日")
    assert db["rectifications"].get(rid)["unit"] == "东山街" and "不可见" not in reply


def test_an_open_rectification_sent_again_is_a_repeat_a_closed_one_is_a_new_record(db, rules):
    text = "东山街 台账缺失 11月5日"
    first, _ = _rectify(db, rules, text)
    again, reply = _rectify(db, rules, text, now=NOW + timedelta(minutes=5))
    assert again == first and reply == f"这条记录已经保存过了（第{first}号）。"
    assert rectifications.close(db, first, "已整改", now=NOW + timedelta(minutes=6), actor="秘书")[0]
    new, reply = _rectify(db, rules, text, now=NOW + timedelta(minutes=7))
    assert new != first and reply.startswith(f"已登记第{new}号整改")
    assert [r["status"] for r in db["rectifications"].rows_where(order_by="id")] == ["done", "open"]


def test_a_note_whose_rectification_was_closed_is_no_longer_a_repeat(db, rules):
    with db.atomic():
        vid = db["visits"].insert({"leader_id": 1, "visit_date": "2026-11-05", "points": "东山街", "methods": "",
                                   "findings": "台账缺失", "original": "走访记录：东山街 台账缺失", "logged_by": 222,
                                   "logged_at": NOW.isoformat()}).last_pk
    rid = rectifications.add_rectification(db, unit="东山街", issue="台账缺失", notice_date=NOW.date(), now=NOW,
                                           actor="秘书", visit_id=vid, logged_by=222, rules=rules)
    later = NOW + timedelta(minutes=5)
    assert earlier_visit(db, 222, "走访记录：东山街  台账缺失", later) == vid
    rectifications.close(db, rid, "已整改", now=later, actor="秘书")
    assert earlier_visit(db, 222, "走访记录：东山街 台账缺失", later) is None
