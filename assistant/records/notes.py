"""Visit notes as secretaries write them, parsed into a record — or into questions when a field is
missing or ambiguous. Pure: (text, leaders, today, rules) → ParsedNote. Nothing is guessed silently.

"走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改"
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from assistant.records.dates import add_months, find_dates
from assistant.records.leaders import Leader, Point
from assistant.records.note_start import starts_like_note
from assistant.records.points import point_variants
from assistant.records.rules import KIND_NAMES, Rules
from assistant.user_input.numbers import DEADLINE_DAYS_MAX, DEADLINE_MONTHS_MAX, parse_int
from corpus.vocabulary import one_of
from corpus.vocabulary_records import (
    AT_SCENE_VERBS,
    BEFORE_WORDS,
    DEADLINE_LEADS,
    DEMAND_MODALS,
    DEMAND_VERBS,
    FINDING_HEADS,
    FINDING_VERBS,
    NAME_FOLLOWERS,
    ON_SITE_VERBS,
)

MAX_NOTE = 2000
_NAME_AFTER_HEAD = re.compile(r"^\s*\S{0,8}?记录\s*[：:]\s*([\u4e00-\u9fff]{2,4}?)(?:同志)?"
                              rf"(?=[\s\d{NAME_FOLLOWERS}，,])")
_METHODS = [
    ("座谈会", re.compile(r"(?:召开|组织)?[^，。；,]{0,6}座谈会?")),
    ("个别访谈", re.compile(r"个别(?:访谈|谈话)[^，。；,]{0,8}|访谈[^，。；,]{0,8}")),
    ("查阅资料", re.compile(r"查阅[^，。；,]{0,20}")),
    ("听取汇报", re.compile(r"听取[^，。；,]{0,12}汇报")),
    ("实地检查", re.compile(rf"实地(?:{one_of(ON_SITE_VERBS)})|现场(?:{one_of(AT_SCENE_VERBS)})[^，。；,]{{0,12}}")),
    ("民主评议", re.compile(r"民主评议[^，。；,]{0,8}")),
]
_FINDING = re.compile(rf"(?<![未没无])(?:{one_of(FINDING_VERBS)})([^。；]*?)(?=[，,]?\s*(?:{one_of(DEMAND_VERBS)})|"
                      rf"[，,]\s*(?:{one_of(DEMAND_MODALS)})|[。；]|$)")
_FINDING_HEAD = re.compile(rf"^\s*(?:{one_of(FINDING_HEADS)})?(?:主要)?问题\s*[：:，,]?")  # "存在问题：台账缺失"
_NUM = r"(\d+|[一两二三四五六七八九十半]+)"
_MONTHS = re.compile(_NUM + r"(个半)?个?月内")  # 一个月内, 半个月内, 一个半月内 (one and a half)
_DAYS = re.compile(_NUM + r"[天日]内")
_CLUE = re.compile(r"线索")
_DEADLINE_AFTER = re.compile(rf"^\s*(?:{one_of(BEFORE_WORDS)})")  # "11月30日前整改"
_DEADLINE_BEFORE = re.compile(rf"(?:{one_of(DEADLINE_LEADS)})\s*[为是：:]?\s*$")


@dataclass
class RectificationDraft:
    requirement: str
    due: str  # YYYY-MM-DD
    rule: str  # rule key or "explicit"
    citation: str


@dataclass
class ParsedNote:
    original: str
    looks_like_note: bool  # starts like a note (走访记录：…)
    leader: str = ""
    leader_id: int | None = None
    points: list[dict] = field(default_factory=list)  # {"id", "kind", "name"}
    visit_date: str = ""
    methods: list[str] = field(default_factory=list)
    findings: str = ""
    rectification: RectificationDraft | None = None
    questions: list[str] = field(default_factory=list)
    dated: bool = False  # a visit date is written, even one that does not exist (13月45日)

    @property
    def complete(self) -> bool:
        return not self.questions

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> ParsedNote:
        rect = d.get("rectification")
        return cls(**{**d, "rectification": RectificationDraft(**rect) if rect else None})


def _small(s: str, high: int) -> int | None:
    """A count of months or days: 半 is 0 (half a month); None beyond ``high`` (assistant.user_input.numbers)."""
    n = 0 if s == "半" else parse_int(s, high=high)
    return None if n == 0 and s != "半" else n  # "0个月内" is no deadline: asked back, never half a month


def _months_due(m: re.Match, notice: date) -> tuple[date | None, int | None]:
    """The due date of a ``_MONTHS`` match and its whole months (None when a half is added, so it never
    equals a document's rule of whole months); (None, None) when out of range."""
    n = _small(m.group(1), DEADLINE_MONTHS_MAX)
    if n is None:
        return None, None
    if m.group(2):  # "一个半月": n months and a half
        return add_months(notice, n) + timedelta(days=15), None
    return (add_months(notice, n) if n else notice + timedelta(days=15)), n


def period_deadline(text: str, notice: date) -> tuple[date | None, str, int | None] | None:
    """"一个月内" / "半个月内" / "15天内", counted from ``notice`` as a visit note counts them:
    (due or None when out of range, the words, the months or None for days); None when ``text``
    states no period. `docbot rectify add` and /rectify read the same forms (rectifications.py)."""
    if m := _MONTHS.search(text):
        due, n = _months_due(m, notice)
        return due, m.group(0), n
    if m := _DAYS.search(text):
        days = _small(m.group(1), DEADLINE_DAYS_MAX)
        return (None if days is None else notice + timedelta(days=days)), m.group(0), None
    return None


def _find_leaders(text: str, leaders: list[Leader]) -> list[Leader]:
    found = [lead for lead in leaders if lead.name and lead.name in text]
    # 陈晓丹 contains no other name, but 陈灏 could be a prefix of a longer one: keep the longest.
    return [a for a in found if not any(a is not b and a.name in b.name for b in found)]


def _find_points(text: str, points: list[Point]) -> list[Point]:
    spans: list[tuple[int, int, Point]] = []
    for p in points:
        for v in point_variants(p.name):
            i = text.find(v)
            if i >= 0:
                spans.append((i, i + len(v), p))
                break
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, Point]] = []
    for s, e, p in spans:
        if any(s < te and ts < e for ts, te in taken) and p.name not in {q.name for _, q in out}:
            continue
        taken.append((s, e))
        out.append((s, p))
    return [p for _, p in sorted(out, key=lambda x: x[0])]  # in the order the note names them


def _rectification(text: str, notice: date | None, deadline_spans: list, rules: Rules) -> RectificationDraft | None:
    if "整改" not in text and not _CLUE.search(text):
        return None
    clause = next((c for c in re.split(r"[，,。；;]", text) if "整改" in c or "线索" in c), "").strip()
    if notice is None:
        return RectificationDraft(clause, "", "", "")
    for dm in deadline_spans:
        if dm.value:
            return RectificationDraft(clause, dm.value.isoformat(), "explicit", f"记录中写明“{dm.text}前”")
    key = "clue_feedback" if _CLUE.search(text) else "rectification_notice"
    rule = rules[key]
    if m := _MONTHS.search(clause) or _MONTHS.search(text):
        due, n = _months_due(m, notice)
        if due is None:
            return RectificationDraft(clause, "", "", "")  # out of range: asked back (parse_note)
        cite = rule.citation if n == rule.value else f"记录中写明“{m.group(0)}”（通知之日起按日历月计算）"
        return RectificationDraft(clause, due.isoformat(), key if n == rule.value else "explicit", cite)
    if m := _DAYS.search(clause):
        if (days := _small(m.group(1), DEADLINE_DAYS_MAX)) is None:
            return RectificationDraft(clause, "", "", "")
        due = notice + timedelta(days=days)
        return RectificationDraft(clause, due.isoformat(), "explicit", f"记录中写明“{m.group(0)}”")
    return RectificationDraft(clause, add_months(notice, rule.value).isoformat(), key, rule.citation)


def parse_note(text: str, leaders: list[Leader], today: date, rules: Rules | None = None) -> ParsedNote:
    rules = rules or Rules()
    text = (text or "").strip()
    note = ParsedNote(original=text, looks_like_note=starts_like_note(text))
    if not text:
        note.questions.append("内容为空，请发送走访记录全文。")
        return note
    if len(text) > MAX_NOTE:
        note.questions.append(f"记录过长（{len(text)} 字），请控制在 {MAX_NOTE} 字以内。")
        return note
    found = _find_leaders(text, leaders)
    all_points = [p for lead in leaders for p in lead.points]
    mentioned = _find_points(text, all_points)
    if len(found) > 1:
        note.questions.append("记录中提到多位区领导（" + "、".join(f.name for f in found) + "），请每位领导分开记录。")
    elif not found:
        m = _NAME_AFTER_HEAD.match(text)
        who = f"“{m.group(1)}”不在区领导联系点名单中。" if m else "未识别到区领导姓名。"
        note.questions.append(who + "请写明是哪位区领导走访（须是联系点名单中的区领导）。")
    else:
        lead = found[0]
        note.leader, note.leader_id = lead.name, lead.id
        own = _find_points(text, list(lead.points))
        own_names = {p.name for p in own}
        others = [p for p in mentioned if p.name not in own_names]
        note.points = [{"id": p.id, "kind": p.kind, "name": p.name} for p in own]
        if others:
            names = "、".join(dict.fromkeys(p.name for p in others))
            listing = "、".join(p.name for p in lead.points)
            note.questions.append(f"“{names}”不是{lead.name}的联系点（其联系点：{listing}），请核对。")
        elif not own:
            listing = "、".join(f"{p.name}（{KIND_NAMES[p.kind]}）" for p in lead.points) or "无"
            note.questions.append(f"未识别到走访的联系点，{lead.name}的联系点有：{listing}。")
    dates = find_dates(text, today, past=True)
    deadlines = []
    for dm in dates:
        after = text[dm.end:dm.end + 8]
        if _DEADLINE_AFTER.match(after) or _DEADLINE_BEFORE.search(text[max(0, dm.start - 6):dm.start]):
            deadlines.append(dm)
    visit = [d for d in dates if d not in deadlines]
    note.dated = bool(visit)
    notice = None
    if not visit:
        note.questions.append("未识别到走访日期，请写明日期（如 11月5日、昨天、上周五）。")
    elif any(d.error for d in visit):
        note.questions.extend(d.error for d in visit if d.error)
    elif len({d.value for d in visit}) > 1:
        note.questions.append("记录中有多个日期（" + "、".join(d.text for d in visit) + "），请只写走访日期。")
    else:
        notice = visit[0].value
        note.visit_date = notice.isoformat()
    future_deadlines = [d for d in find_dates(text, notice or today, past=False)
                        if any(d.start == x.start for x in deadlines)]
    for d in future_deadlines:
        if d.error:
            note.questions.append(d.error)
        elif notice and d.value and d.value < notice:
            note.questions.append(f"整改期限“{d.text}”早于走访日期，请核对。")
        elif notice and d.value and "年" not in d.text and (d.value - notice).days > 183:
            # "11月1日前" written on 11月5日 is more likely a slip than a deadline a year away.
            note.questions.append(f"整改期限“{d.text}”早于走访日期或在半年以后，请核对并写明年份。")
    note.methods = list(dict.fromkeys(m.group(0).strip() for _, p in _METHODS for m in p.finditer(text)))
    found_text = (_FINDING_HEAD.sub("", m.group(1)).strip(" ，,：:") for m in _FINDING.finditer(text))
    note.findings = "；".join(f for f in found_text if f)
    note.rectification = _rectification(text, notice, future_deadlines, rules)
    if note.rectification and notice and not note.rectification.due:
        note.questions.append("整改期限超出范围（最长5年），请核对后写明，如“一个月内整改”。")
    return note


def render(note: ParsedNote) -> str:
    """The parsed record as the secretary sees it before 确认."""
    kinds = "、".join(f"{p['name']}（{KIND_NAMES.get(p['kind'], p['kind'])}）" for p in note.points)
    head = "📝 走访记录（未保存，需补充）" if note.questions else "📝 走访记录（待确认）"
    lines = [head, f"区领导：{note.leader or '？'}", f"联系点：{kinds or '？'}",
             f"走访日期：{note.visit_date or '？'}", f"方式：{'、'.join(note.methods) or '（未写明）'}",
             f"发现问题：{note.findings or '（无）'}"]
    if r := note.rectification:
        lines.append(f"整改要求：{r.requirement or '（见原文）'}")
        if r.due:
            lines.append(f"整改期限：{r.due}（依据：{r.citation}）")
    if note.questions:
        lines.append("")
        lines.append("请补充或更正：")
        lines += [f"• {q}" for q in note.questions]
    return "\n".join(lines)
