"""`docbot` records commands as a user runs them (in this process: tests/support/cli.py), a real data
directory, the bundled corpus (leaders seeded from the parsed 附件1 table, rules read from the documents)."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.support.cli import run_in_process

NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改"


@pytest.fixture
def docbot(tmp_path, monkeypatch):
    env = {"DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1", "DOCBOT_CORPUS_DIR": None}

    def run(*args, ok=True):
        r = run_in_process(monkeypatch, *args, env=env)
        if ok:
            assert r.returncode == 0, r.stderr
        return r

    return run


def test_records_flow(docbot, tmp_path):
    docbot("visit", "add", NOTE, "--at", "2026-11-06T10:00", "--by", "222")
    docbot("bind", "111", "王焕清")
    docbot("rectify", "add", "区教育局", "问题线索核查", "2026-11-10", "线索", "--at", "2026-11-10T10:00")
    due = json.loads(docbot("due", "--leader", "王焕清", "--at", "2026-11-22", "--json").stdout)
    assert set(due) == {"leader", "month_pending", "quarter_pending", "deadlines"}
    assert due["month_pending"] == ["区教育局"]  # 东山街 visited on 11-05
    assert "第七中学" in due["quarter_pending"] and "五羊社区" in due["quarter_pending"]
    assert [d["due"] for d in due["deadlines"]] == ["2026-12-05", "2027-02-10"]

    rects = json.loads(docbot("rectifications", "--json").stdout)
    assert [(r["unit"], r["notice_date"], r["due"], r["status"]) for r in rects] == [
        ("东山街", "2026-11-05", "2026-12-05", "open"), ("区教育局", "2026-11-10", "2027-02-10", "open")]
    assert {"unit", "issue", "notice_date", "due", "rule", "status"} <= set(rects[0])
    assert "越秀工作要点" in rects[0]["rule"] and "附件2" in rects[0]["rule"]
    assert "党内监督工作方案" in rects[1]["rule"] and "第32项" in rects[1]["rule"]

    # National Day 2026: the first working day of October is 10月8日.
    assert json.loads(docbot("reminders", "--at", "2026-10-01T09:00", "--json", "--bound-only").stdout) == []
    [monthly] = json.loads(docbot("reminders", "--at", "2026-10-08T09:00", "--json", "--bound-only").stdout)
    assert monthly["kind"] == "monthly" and monthly["recipient"] == {"name": "王焕清", "telegram_id": 111}
    assert monthly["due"] is None and "东山街" in monthly["pending"]  # the 11-05 visit had not happened yet
    same_day = json.loads(docbot("reminders", "--at", "2026-10-08", "--json", "--bound-only").stdout)
    assert [r["key"] for r in same_day] == [monthly["key"]]  # a date alone means that day at 09:00
    # Saturday 11-28: nothing; the 7-day deadline reminder waits for Monday's sending time
    assert json.loads(docbot("reminders", "--at", "2026-11-28T09:00", "--json", "--bound-only").stdout) == []
    night = docbot("reminders", "--at", "2026-11-28T02:36", "--bound-only").stdout
    assert "不在发送时间" in night and "2026-11-30 09:00" in night
    got = json.loads(docbot("reminders", "--at", "2026-11-30T09:00", "--json", "--bound-only").stdout)
    assert {(r["kind"], r["recipient"]["telegram_id"], r["due"]) for r in got} == {
        ("nudge", 111, None), ("deadline", 111, "2026-12-05"), ("deadline", 222, "2026-12-05")}
    assert all(set(r) == {"kind", "recipient", "pending", "due", "text", "key"} for r in got)
    everyone = json.loads(docbot("reminders", "--at", "2026-11-02T09:00", "--json").stdout)
    assert len([r for r in everyone if r["kind"] == "monthly"]) == 29  # unbound leaders listed with null ids

    visits = json.loads(docbot("visits", "--json").stdout)
    assert visits[0]["original"] == NOTE and visits[0]["date"] == "2026-11-05"

    out = tmp_path / "台账.xlsx"
    docbot("export", "--month", "2026-11", "--out", str(out))
    wb = load_workbook(out)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "走访日期", "区领导") and rows[1][1:4] == ("2026-11-05", "王焕清", "东山街")
    assert NOTE in rows[1]
    docbot("export", "--month", "2026-11", "--out", str(tmp_path / "台账.csv"))
    text = (tmp_path / "台账.csv").read_text(encoding="utf-8-sig")
    assert NOTE in text and list(csv.reader(io.StringIO(text)))[1][0] == "编号"

    docbot("rectify", "done", "1", "已完善记录")
    assert [r["status"] for r in json.loads(docbot("rectifications", "--json").stdout)] == ["done", "open"]
    backup = tmp_path / "b.sqlite3"
    docbot("backup", "--out", str(backup))
    import sqlite3
    assert sqlite3.connect(backup).execute("select count(*) from visits").fetchone() == (1,)


@pytest.mark.parametrize("args, code, message", [
    (("visit", "add", "走访记录：王焕清 13月45日到东山街督导"), 1, "不存在"),
    (("visit", "add", "走访记录：李四 11月5日到东山街督导"), 1, "李四"),
    (("due", "--leader", "李四"), 1, "李四"),
    (("due", "--leader", "王焕清", "--at", "明天"), 2, "用法错误"),
    (("export", "--month", "2026-13", "--out", "x.xlsx"), 2, "用法错误"),
    (("export", "--month", "2026-11", "--out", "x.txt"), 2, "用法错误"),
    (("rectify", "done", "1"), 1, "没有第1号整改"),
    (("bind", "--", "-5", "王焕清"), 2, "用户 ID"),
    (("visit",), 2, "用法错误"),
    (("rectify",), 2, "用法错误"),
    (("assign", "王焕清", "火星", "某地"), 2, "联系点类型"),
    (("assign", " ", "街道", "某地"), 2, "不能为空"),
])
def test_bad_input_changes_nothing(docbot, args, code, message):
    r = docbot(*args, ok=False)
    assert r.returncode == code and message in r.stderr
    assert json.loads(docbot("visits", "--json").stdout) == []
