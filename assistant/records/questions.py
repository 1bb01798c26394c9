"""Natural questions about the records, answered from the store (never searched in the documents):

- "我这个月还有哪些点没去" / "王焕清还有哪些点没走访" → pending contact points (month and quarter);
- "我还有哪些整改没办完" / "还有哪些整改没完成" → open rectifications (one leader's, or all);
- "王焕清这个月去了哪些地方" → that leader's visits in the period;
- "东山街上次督导是什么时候" → the latest visit to a contact point.

Recognisers are a table of (kind, required cue words); the leader comes from informal.find_leader,
"我" from the caller's binding. Pure over (db, today, rules); answers are values citing the ledger they
read (assistant/questions/answer.py ``ledger``). The question router reaches them through its records routes
(assistant/records/routes.py), in every channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import sqlite_utils

from assistant.questions.answer import Answer, ledger, rule
from assistant.records.dates import add_months
from assistant.records.informal import find_leader
from assistant.records.leaders import load_leaders
from assistant.records.points import point_variants
from assistant.records.question_cues import NOT_ALLOWED, ROLES_ALLOWED
from assistant.records.question_cues import PENDING as _PENDING
from assistant.records.question_cues import WENT as _WENT
from assistant.records.rectifications import list_rectifications
from assistant.records.rules import Rules
from assistant.records.visits import due_for, render_due
from assistant.records.workdays import quarter_start
from corpus.vocabulary import one_of
from corpus.vocabulary_records import (
    LAST_TIME_WORDS,
    LATEST,
    OPEN_ASKS,
    POINT_ASKS,
    RECORD_PERIODS,
    RECTIFICATION_WORD,
    SELF_WORDS,
    UNDONE_VERBS,
    UNFINISHED,
    WHEN_ASKS,
)

_RECT = re.compile(RECTIFICATION_WORD)
_OPEN = re.compile(f"没有?({one_of(UNDONE_VERBS)})|未({one_of(UNFINISHED)})|{one_of(OPEN_ASKS)}")
_LAST = re.compile(f"({one_of((*LAST_TIME_WORDS, LATEST))})")
_WHEN = re.compile(one_of(WHEN_ASKS))
_SELF = re.compile(one_of(SELF_WORDS))
PERIODS = RECORD_PERIODS
_POINT_ASKS = re.compile(one_of(POINT_ASKS))
# The ledgers an answer cites.
VISITS = "走访台账"
RECTIFICATIONS = "整改台账"
@dataclass(frozen=True)
class RecordQuestion:
    kind: str  # pending | open_rects | visits | last_visit
    leader: str = ""  # "" = everyone (open_rects) / not needed (last_visit)
    point: str = ""
    period: str = "month"
    self_ref: bool = False  # "我…": the caller's own leader binding


def _period(text: str) -> str:
    return next((p for word, p in PERIODS if word in text), "month")


def _point(text: str, db: sqlite_utils.Database) -> str:
    names = [r[0] for r in db.execute("select distinct name from contact_points where active = 1")]
    for name in sorted(names, key=len, reverse=True):
        if any(v in text for v in point_variants(name)):
            return name
    return ""


def recognise(text: str, db: sqlite_utils.Database, own_leader: str | None) -> RecordQuestion | None:
    text = (text or "").strip()
    if not text or len(text) > 200:
        return None
    self_ref = bool(_SELF.search(text))
    found = find_leader(text, load_leaders(db))
    leader = found[0].name if found else ((own_leader or "") if self_ref else "")
    if _RECT.search(text) and _OPEN.search(text):
        return RecordQuestion("open_rects", leader, self_ref=self_ref and not found)
    if _PENDING.search(text) and (leader or self_ref) and _POINT_ASKS.search(text):
        return RecordQuestion("pending", leader, period=_period(text), self_ref=self_ref and not found)
    if _WENT.search(text) and (leader or self_ref):
        return RecordQuestion("visits", leader, period=_period(text), self_ref=self_ref and not found)
    if _LAST.search(text) and _WHEN.search(text) and (point := _point(text, db)):
        return RecordQuestion("last_visit", point=point)
    return None


def _range(period: str, today: date) -> tuple[date, date, str]:
    first = today.replace(day=1)
    if period == "last_month":
        start = add_months(first, -1)
        return start, first - timedelta(days=1), f"{start.year}年{start.month}月"
    if period == "quarter":
        q = quarter_start(today)
        return q, today, f"{today.year}年第{(q.month - 1) // 3 + 1}季度"
    if period == "year":
        return date(today.year, 1, 1), today, f"{today.year}年"
    return first, today, f"{today.year}年{today.month}月"


def answer(db: sqlite_utils.Database, q: RecordQuestion, today: date, rules: Rules, asked: str = "") -> Answer:
    """The answer to a records question, citing the ledger (and the rule) it read."""
    def said(found: bool, lines: tuple[str, ...] | str, *cites) -> Answer:
        return Answer(asked, "records", found, lines, cites)

    if q.self_ref and not q.leader:
        return said(False, "您还没有绑定区领导身份，无法查询“我”的记录。区领导请先发送 /bind 姓名，由管理员确认。")
    if q.kind == "pending":
        got = due_for(db, q.leader, today, rules)
        if got is None:
            return said(False, f"联系点名单中没有区领导“{q.leader}”。")
        return said(True, render_due(got, today), ledger(VISITS), rule(rules["visit_monthly"].source))
    if q.kind == "open_rects":
        rows = [r for r in list_rectifications(db, status="open", rules=rules) if not q.leader or r["leader"] == q.leader]
        who = f"{q.leader}" if q.leader else "全部"
        if not rows:
            return said(True, f"截至{today}，{who}没有未完成的整改。", ledger(RECTIFICATIONS))
        lines = [f"截至{today}，{who}未完成的整改共{len(rows)}项："]
        for r in rows:
            late = "（已逾期）" if r["due"] < today.isoformat() else ""
            lines.append(f"• 第{r['id']}号 {r['unit']}：{r['issue']}，期限 {r['due']}{late}，区领导 {r['leader'] or '未指定'}")
        lines.append("办结后请秘书发送 /done 编号 说明。")
        return said(True, tuple(lines), ledger(RECTIFICATIONS))
    if q.kind == "visits":
        start, end, label = _range(q.period, today)
        rows = list(db.query("select v.id, v.visit_date, v.points, v.methods from visits v join leaders l "
                             "on l.id = v.leader_id where l.name = ? and v.visit_date >= ? and v.visit_date <= ? "
                             "order by v.visit_date, v.id", [q.leader, start.isoformat(), end.isoformat()]))
        if not rows:
            return said(True, f"{label}没有{q.leader}的走访记录。", ledger(VISITS))
        lines = [f"{q.leader}{label}的走访记录（{len(rows)}次）："]
        lines += [f"• {r['visit_date']} {r['points']}（{r['methods'] or '方式未写明'}，第{r['id']}号记录）" for r in rows]
        return said(True, tuple(lines), ledger(VISITS))
    row = next(db.query(
        "select v.id, v.visit_date, v.methods, l.name from visits v join leaders l on l.id = v.leader_id "
        "join visit_points vp on vp.visit_id = v.id join contact_points p on p.id = vp.point_id "
        "where p.name = ? order by v.visit_date desc, v.id desc limit 1", [q.point]), None)
    if row is None:
        return said(True, f"走访台账中还没有{q.point}的督导记录。", ledger(VISITS))
    return said(True, f"{q.point}上次督导是{row['visit_date']}，区领导{row['name']}（{row['methods'] or '方式未写明'}）。",
                ledger(VISITS, row["id"]))


def answer_question(db: sqlite_utils.Database, text: str, *, own_leader: str | None, role: str | None,
                    today: date, rules: Rules) -> Answer | None:
    """The answer to a records question, or None when the text is not one."""
    q = recognise(text, db, own_leader)
    if q is None:
        return None
    if role not in ROLES_ALLOWED:
        return Answer(text, "records", False, NOT_ALLOWED)
    return answer(db, q, today, rules, text)
