"""What the parser found in one document, told truthfully: the upload preview and `docbot inspect`.

An admin confirms an upload on the strength of this report, so it must show where answers will be
missing, not only what was found: per part the items and how many carry units, three sample items
as the bot will answer them (牵头 / 配合 / deadline), the designated-lead rule the document states, and
a warning (in 【】, bold in Telegram) when most items have no units, nothing numbered was found, or the
numbering jumps or repeats within a section (a sign that items were merged or lost).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from corpus.model import MAIN_PART, Document, Item

SAMPLES = 3
MIN_UNIT_SHARE = 0.5  # below this share of items with units, questions by unit will miss most duties


@dataclass(frozen=True)
class Sample:
    locator: str
    heading: str
    lead: tuple[str, ...]
    cooperate: tuple[str, ...]
    others: tuple[str, ...]  # shared / guide / coordinate / sub-attributed units
    deadline: str


@dataclass(frozen=True)
class PartReport:
    part: str
    items: int  # numbered items and unnumbered task paragraphs (Document.tasks) together
    with_units: int
    table_rows: int
    samples: tuple[Sample, ...]
    irregular: tuple[str, ...]  # "（一）下第2项之后是第4项"
    unnumbered: int = 0  # of ``items``: paragraphs that assign work without a number


@dataclass(frozen=True)
class DocReport:
    title: str
    short_name: str
    parts: tuple[PartReport, ...]
    lead_rules: tuple[str, ...]
    units: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def items(self) -> int:
        return sum(p.items for p in self.parts)

    @property
    def with_units(self) -> int:
        return sum(p.with_units for p in self.parts)

    @property
    def numbered_main(self) -> int:
        """Numbered items of the main text: what "第N项" counts (Document.main_items)."""
        return sum(p.items - p.unnumbered for p in self.parts if p.part == MAIN_PART)

    def count(self) -> str:
        """The item count every listing shows (`docbot docs`, /docs, `docbot inspect`, the upload
        preview), so they agree for the same file: all items, and the numbered main-text items among
        them when that differs."""
        if not self.items:
            return "无编号条目"
        main = self.numbered_main
        return f"{self.items} 项" + (f"（其中正文编号条目 {main} 项）" if main != self.items else "")

    def as_dict(self) -> dict:
        return {**asdict(self), "items": self.items, "with_units": self.with_units}

    def text(self) -> str:
        rows = sum(p.table_rows for p in self.parts)
        lines = [f"标题：{self.title}", f"简称：{self.short_name}",
                 f"条目：{self.count()}，其中 {self.with_units} 项识别出责任单位" + (f"；表格行：{rows} 行" if rows else ""),
                 f"责任单位：{len(self.units)} 个" + (f"（{_names(self.units, 12)}）" if self.units else "")]
        lines += [f"牵头规则：{rule}" for rule in self.lead_rules] or ["牵头规则：文件未写明（按原文的“牵头”字样判断）"]
        for part in self.parts:
            lines.append(f"▸ {part.part}：{part.items} 项" + (f"（其中未编号的任务段落 {part.unnumbered} 项）"
                                                             if part.unnumbered else "")
                         + f"，{part.with_units} 项有责任单位" + (f"，表格 {part.table_rows} 行" if part.table_rows else ""))
            lines += [f"  · {_sample(s)}" for s in part.samples]
        lines += [f"【注意：{w}】" for w in self.warnings]
        return "\n".join(lines)


def _names(units: tuple[str, ...], limit: int = 4) -> str:
    return "、".join(units[:limit]) + ("等" if len(units) > limit else "")


def _sample(s: Sample) -> str:
    roles = [f"牵头：{_names(s.lead)}" if s.lead else "", f"配合：{_names(s.cooperate)}" if s.cooperate else "",
             f"责任：{_names(s.others)}" if s.others and not s.lead else "",
             f"时限：{s.deadline}" if s.deadline else ""]
    heading = s.heading if len(s.heading) <= 24 else s.heading[:23] + "…"
    return "｜".join([f"{s.locator} {heading}", *(r for r in roles if r)] if any(roles) else
                    [f"{s.locator} {heading}", "未识别出责任单位"])


def _to_sample(item: Item) -> Sample:
    u = item.units
    others = (*u.shared, *u.guide, *u.coordinate, *(s.unit for s in u.sub))
    return Sample(item.locator, item.heading.strip() or item.text[:24], u.lead, u.cooperate, others, item.deadline)


def irregular_numbering(items: list[Item]) -> tuple[str, ...]:
    """Jumps and repeats of item numbers in one part: within a section each item follows the one
    before; a new section restarts at 1 or continues the part's count."""
    found, last, previous = [], {}, 0
    for item in (i for i in items if i.number):  # number 0: an unnumbered task paragraph
        prev = last.get(item.section)
        expected = (prev + 1,) if prev is not None else (1, previous + 1)
        if item.number not in expected and not (prev is not None and item.number == 1):
            where = item.section.split(" / ")[-1] if item.section else item.part
            found.append(f"{where}下第{prev or previous}项之后是第{item.number}项" if prev or previous
                         else f"{where}的第一项是第{item.number}项")
        last[item.section] = previous = item.number
    return tuple(found)


def describe(doc: Document) -> DocReport:
    tasks = [*doc.items, *doc.tasks]
    parts = list(dict.fromkeys([MAIN_PART, *(i.part for i in tasks), *(t.part for t in doc.tables)]))
    reports, rules, units = [], {}, {}
    for part in parts:
        items = [i for i in tasks if i.part == part]
        rows = sum(len(t.rows) for t in doc.tables if t.part == part)
        if not items and not rows and part != MAIN_PART:
            continue
        with_units = [i for i in items if i.units]
        samples = tuple(_to_sample(i) for i in (with_units or items)[:SAMPLES])
        reports.append(PartReport(part, len(items), len(with_units), rows, samples, irregular_numbering(items),
                                  unnumbered=sum(1 for i in items if not i.number)))
        for item in items:
            if item.units.rule:  # the document's designated-lead rule, where the parser applied it
                rules[item.units.rule] = None
            for unit in item.units.all:
                units.setdefault(unit, None)
    warnings = []
    total, with_units = sum(r.items for r in reports), sum(r.with_units for r in reports)
    if not total:
        warnings.append("没有识别出任何条目，“第N项谁牵头”之类的问题将无法回答；请确认文件使用了“1.”“（一）”“第一条”等编号。")
    elif with_units < total * MIN_UNIT_SHARE:
        warnings.append(f"{total} 项中只有 {with_units} 项识别出责任单位，按条目或单位提问的回答会不完整；请核对原文的责任单位写法。")
    irregular = [f"{r.part}：{'；'.join(r.irregular[:3])}" for r in reports if r.irregular]
    if irregular:
        warnings.append("编号不连续或重复（" + "；".join(irregular) + "），部分条目可能未识别或被合并，请核对。")
    # The rule may be recorded once as its whole clause and once as the phrase: show the phrase.
    rules = [r for r in rules if not any(o != r and o in r for o in rules)]
    return DocReport(doc.title or doc.source, doc.short_name or doc.title, tuple(reports), tuple(rules),
                     tuple(units), tuple(warnings))
