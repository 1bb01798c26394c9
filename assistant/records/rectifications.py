"""Rectifications (整改): created from notes or /rectify, due dates from an explicit date or a document
rule (1 calendar month from the notice; 3 months for handed-over clues), closed with /done."""

from __future__ import annotations

import re
from datetime import date, datetime

import sqlite_utils

from assistant.records.dates import add_months, find_dates
from assistant.records.notes import period_deadline
from assistant.records.repeats import REPEAT_REPLY, earlier_rectification
from assistant.records.rules import Rules
from assistant.storage.store import audit
from assistant.user_input.cleaning import visible
from assistant.user_input.numbers import DEADLINE_DAYS_MAX

RULE_NAMES = {"explicit": "记录中写明的期限"}
STATUS_NAMES = {"open": "未完成", "done": "已完成", "void": "已作废"}


def add_rectification(db: sqlite_utils.Database, *, unit: str, issue: str, notice_date: date,
                      due: date | None = None, rule: str = "rectification_notice", citation: str = "",
                      leader_id: int | None = None, logged_by: int | None = None, now: datetime,
                      actor: str, original: str = "", visit_id: int | None = None,
                      rules: Rules) -> int:
    """Insert one open rectification; without ``due`` the named document rule fixes it."""
    if due is None:
        r = rules[rule]
        due, citation = add_months(notice_date, r.value), r.citation
    unit, issue = visible(unit), visible(issue)  # the original (as typed) is stored beside them
    with db.atomic():
        rid = db["rectifications"].insert({
            "visit_id": visit_id, "leader_id": leader_id, "unit": unit, "issue": issue,
            "notice_date": notice_date.isoformat(), "due": due.isoformat(), "rule": rule,
            "citation": citation or RULE_NAMES.get(rule, ""), "status": "open", "logged_by": logged_by,
            "created_at": now.isoformat(), "original": original}).last_pk
        audit(db, at=now, actor=actor, action="rectification_add", original=original,
              details={"id": rid, "unit": unit, "due": due.isoformat(), "rule": rule})
    return rid


def _rule_label(row: dict, rules: Rules | None) -> str:
    if row["rule"] == "explicit" or rules is None:
        return row["citation"] or RULE_NAMES.get(row["rule"], row["rule"])
    return rules[row["rule"]].source


def list_rectifications(db: sqlite_utils.Database, status: str | None = None,
                        rules: Rules | None = None) -> list[dict]:
    sql = ("select r.*, coalesce(l.name, '') as leader from rectifications r "
           "left join leaders l on l.id = r.leader_id")
    params: list = []
    if status:
        sql += " where r.status = ?"
        params.append(status)
    out = []
    for row in db.query(sql + " order by r.due, r.id", params):
        out.append({"id": row["id"], "unit": row["unit"], "issue": row["issue"],
                    "notice_date": row["notice_date"], "due": row["due"],
                    "rule": _rule_label(row, rules) if rules else (row["citation"] or row["rule"]),
                    "rule_key": row["rule"], "citation": row["citation"], "status": row["status"], "leader": row["leader"],
                    "logged_by": row["logged_by"], "closed_at": row["closed_at"],
                    "close_note": row["close_note"]})
    return out


def overdue(db: sqlite_utils.Database, today: date) -> list[dict]:
    return [r for r in list_rectifications(db, status="open") if r["due"] < today.isoformat()]


def close(db: sqlite_utils.Database, rect_id: int, note: str, *, now: datetime, actor: str) -> tuple[bool, str]:
    """Close an open rectification with a note. → (closed now, a Chinese reply either way)."""
    with db.atomic():
        row = next(db["rectifications"].rows_where("id = ?", [rect_id]), None)
        if row is None:
            return False, f"没有第{rect_id}号整改。发送 /overdue 或 /due 查看编号。"
        if row["status"] != "open":
            return False, f"第{rect_id}号整改已于 {row['closed_at'][:10]} 办结，无需重复操作。"
        db["rectifications"].update(rect_id, {"status": "done", "closed_at": now.isoformat(),
                                              "closed_by": actor, "close_note": note[:500]})
        audit(db, at=now, actor=actor, action="rectification_done", original=note,
              details={"id": rect_id})
    return True, f"已办结第{rect_id}号整改（{row['unit']}：{row['issue']}）。"


def rectify_from_text(db: sqlite_utils.Database, args: str, *, today: date, now: datetime, actor: str,
                      actor_id: int | None, rules: Rules, command: str = "/rectify") -> tuple[int | None, str]:
    """/rectify 单位 问题 通知日期 [期限日期 | 一个月内 | 线索] → (id or None, reply). Nothing stored on a
    question. ``command``: how the caller's surface spells the command in its usage ("docbot rectify add")."""

    usage = (f"用法：{command} 单位 问题 通知日期 [期限]\n例：{command} 东山街 组织生活记录不规范 11月5日 一个月内\n"
             f"移交线索写“线索”：{command} 区教育局 问题线索核查 11月5日 线索\n"
             "期限可写日期（12月5日）或时长（一个月内、15天内）；不写时按文件规定计算"
             "（整改通知之日起1个月内；移交线索3个月内）。")
    tokens = [t for t in re.split(r"\s+", args.strip()) if t]
    clue = "线索" in tokens
    tokens = [t for t in tokens if t != "线索"]
    if len(tokens) < 3 or len(args) > 500:
        return None, usage
    unit, issue, rest = visible(tokens[0]), visible(tokens[1]), " ".join(tokens[2:])
    if not unit or not issue:
        return None, "单位和问题须是看得见的文字（收到的只有控制字符或不可见字符），未登记。\n" + usage
    stripped = (unit, issue) != (tokens[0], tokens[1])
    notice = find_dates(rest.split(" ")[0], today, past=True)
    if not notice or notice[0].error or notice[0].value is None:
        return None, (notice[0].error if notice and notice[0].error else "未识别到通知日期。") + "\n" + usage
    notice_date = notice[0].value
    due, rule, citation = None, "clue_feedback" if clue else "rectification_notice", ""
    written = " ".join(rest.split(" ")[1:])
    period = period_deadline(written, notice_date) if written else None
    if period is not None:  # "一个月内", as a visit note writes it
        due, said, months = period
        if due is None:
            return None, f"整改期限“{said}”超出范围（最长5年），请核对。\n" + usage
        if months is not None and months == rules[rule].value:
            due, citation = None, ""  # the document's own rule: computed and cited as such
        else:
            rule, citation = "explicit", f"登记时写明“{said}”（通知之日起计算）"
    elif written:
        later = find_dates(written, notice_date, past=False)
        if not later or later[0].error or later[0].value is None:
            return None, (later[0].error if later and later[0].error else "未识别到整改期限。") + "\n" + usage
        due, rule, citation = later[0].value, "explicit", f"登记时写明期限 {later[0].text}"
        if (due - notice_date).days > DEADLINE_DAYS_MAX:  # bounded, like every number people type
            return None, f"整改期限“{later[0].text}”距通知日期超过5年，请核对。\n" + usage
        if due < notice_date:  # a deadline before the notice is a typo, not a rectification already overdue
            return None, f"整改期限“{later[0].text}”早于通知日期 {notice_date}，请核对。\n" + usage
    if (earlier := earlier_rectification(db, actor_id, args, now)) is not None:
        return earlier, REPEAT_REPLY.format(n=earlier)
    leaders = [r["leader_id"] for r in db.query(
        "select distinct leader_id from contact_points where active = 1 and name = ?", [unit])]
    rid = add_rectification(db, unit=unit, issue=issue, notice_date=notice_date, due=due, rule=rule,
                            citation=citation, leader_id=leaders[0] if len(leaders) == 1 else None,
                            logged_by=actor_id, now=now, actor=actor, original=args, rules=rules)
    row = db["rectifications"].get(rid)
    basis = row["citation"]
    note = "\n（单位或问题中的不可见字符已去掉；原文照录在记录中）" if stripped else ""
    return rid, f"已登记第{rid}号整改：{unit}——{issue}\n通知日期：{notice_date}，期限：{row['due']}\n依据：{basis}{note}"
