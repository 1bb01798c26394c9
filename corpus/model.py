"""The structured model of a policy document: what the parser produces and everything above reads.

Plain frozen dataclasses so they can be cached, compared in tests and passed across threads.
Text fields hold *clean* text (markup such as ``**`` or ``<p>`` removed, page-break joins done);
the parser keeps line numbers so a citation can always be traced back to the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from corpus.numerals import int_to_chinese
from corpus.vocabulary import ARTICLE_NOUN

MAIN_PART = "正文"


@dataclass(frozen=True)
class SubAttribution:
    """"其中…由区委宣传部负责": a unit responsible for one named part of an item."""

    unit: str
    scope: str
    role: str = "responsible"  # "lead" for "其中：A牵头开展X；B牵头开展Y" (several leads, each for its part)


@dataclass(frozen=True)
class Units:
    """Who is responsible for an item, split by role, in document order.

    lead: 牵头 / 牵头负责 / the first unit where the document says the first listed leads.
    cooperate: 配合.
    shared: "A、B按职责分工负责" (and "A、B负责" without a stated lead).
    coordinate: "组织协调" and similar roles that are neither lead nor support.
    guide: "指导" / a 指导部门 column (corpus/roles.py is the vocabulary of all of them).
    """

    lead: tuple[str, ...] = ()
    cooperate: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    coordinate: tuple[str, ...] = ()
    sub: tuple[SubAttribution, ...] = ()
    raw: str = ""  # the responsibility text as written (markup stripped)
    guide: tuple[str, ...] = ()
    rule: str = ""  # the document's designated-lead rule applied here ("列第一位者为牵头单位")
    # (party, annotation) written after a name and stripped from it: ("危化处", "60日") — corpus/parties.py
    notes: tuple[tuple[str, str], ...] = ()
    rejected: tuple[str, ...] = ()  # spans the grammar offered that are not names (kept for `inspect`)
    # The document's rule when the owner depends on the situation ("谁主管谁负责", by type or level):
    # quoted with the answer instead of a unit the text does not name.
    condition: str = ""
    # People named as the leader over the item ("牵头领导：副县长 张伟", a 牵头县领导 column): parties in
    # their own role, never a 牵头单位; each person's post is kept in ``notes``.
    leaders: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for u in (*self.lead, *self.shared, *self.coordinate, *self.guide, *self.cooperate, *(s.unit for s in self.sub),
                  *self.leaders):
            seen.setdefault(u, None)
        return tuple(seen)

    def __bool__(self) -> bool:
        return bool(self.lead or self.cooperate or self.shared or self.coordinate or self.guide or self.sub
                    or self.leaders)


@dataclass(frozen=True)
class Section:
    """A heading: 一、… / （一）… / (一)… / 附件1."""

    label: str  # "一" / "（一）" / "附件1"
    title: str  # heading text without its label
    level: int  # 0 = attachment/part, 1 = 一、, 2 = （一）
    part: str = MAIN_PART  # "正文" or "附件1", "附件2"…
    line: int = 0


@dataclass(frozen=True)
class Item:
    """A numbered work item: "17. …", "17．…", "1.全面…"."""

    number: int
    heading: str  # the first sentence, e.g. "加强政治能力建设。"
    text: str  # full text of the item, joined across page breaks, units parenthesis included
    units: Units = field(default_factory=Units)
    section: str = ""  # nearest heading path, e.g. "一、把党的政治建设摆在首位 / （一）打造绝对忠诚政治机关"
    part: str = MAIN_PART
    line_start: int = 0
    line_end: int = 0
    path: str = ""  # numbering path ("四（二）") when item numbers repeat within the part, else ""
    deadline: str = ""  # "3月底前" / "2024年6月底前" / "长期坚持" / a 完成时限 cell, as written
    frequency: str = ""  # "每季度" / "每年至少1次", as written
    # A regulation's 第X条: numbered on its own (cited "第十二条", asked "第十二条…"), apart from the
    # 1. 2. items inside articles, which are cited under their article ("第四条（一） 第2项").
    article: bool = False

    @property
    def body(self) -> str:
        """The item text without the trailing responsibility parenthesis."""
        if self.units.raw:
            idx = self.text.rfind(self.units.raw)
            if idx > 0:
                return self.text[:idx].rstrip("（(").rstrip()
        return self.text

    @property
    def locator(self) -> str:
        if self.number == 0:  # an unnumbered paragraph task: cited like its paragraph
            return self.path
        where = " ".join(x for x in (self.part if self.part != MAIN_PART else "", self.path) if x)
        label = f"第{int_to_chinese(self.number)}{ARTICLE_NOUN}" if self.article else f"第{self.number}项"
        return f"{where} {label}" if where else label


@dataclass(frozen=True)
class Row:
    """One table row with its own copy of the header names (so a row never loses its header)."""

    number: int  # 1-based position among the table's data rows
    cells: tuple[tuple[str, str], ...]  # (header, value) pairs in column order; empty cells kept as ""
    line: int = 0
    group: str = ""  # the group row above it inside the table ("一、知识产权保护方面"), if any

    def get(self, header: str, default: str = "") -> str:
        for h, v in self.cells:
            if h == header:
                return v
        return default

    @property
    def text(self) -> str:
        return "；".join(f"{h}：{v}" for h, v in self.cells if v)


@dataclass(frozen=True)
class Table:
    title: str  # caption or the nearest heading above it
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    part: str = MAIN_PART
    section: str = ""
    line: int = 0
    label: str = ""  # set when its part holds several tables, so a citation says which one

    def locator(self, row: Row) -> str:
        n = self._positions.get(id(row), row.number) if self._positions else row.number
        return f"{self.part} {self.label} 第{n}行" if self.label else f"{self.part} 第{n}行"

    @cached_property
    def _positions(self) -> dict[int, int]:
        """Where the 序号 restarts inside one table ("1 地质灾害点 … 10", then "1 水库 …"), a row number
        no longer names one row: such a table's rows are cited by their position among its data rows."""
        numbers = [r.number for r in self.rows]
        if len(set(numbers)) == len(numbers):
            return {}
        return {id(r): i for i, r in enumerate(self.rows, 1)}


@dataclass(frozen=True)
class Paragraph:
    """Running text that is not part of a numbered item (preambles, news paragraphs, requirements)."""

    text: str
    section: str = ""
    part: str = MAIN_PART
    line_start: int = 0
    line_end: int = 0
    number: int = 0  # 1-based position within its part, for citations ("正文 第3段")
    roster: str = ""  # a roster paragraph's entries, names set apart from posts (corpus/parse.py)

    @property
    def locator(self) -> str:
        where = self.section.split(" / ")[-1] if self.section else ""
        if self.part != MAIN_PART:  # "附件2 （三）… 第22段": the attachment is part of the address
            where = f"{self.part} {where}".strip() if self.part not in where else where
        where = where or self.part
        return f"{where} 第{self.number}段" if self.number else where


@dataclass(frozen=True)
class Document:
    source: str  # corpus file name, e.g. "yuexiu-2018-party-political-life-work-points.txt"
    title: str
    short_name: str  # the name people use: "越秀工作要点"
    aliases: tuple[str, ...] = ()
    issuer: str = ""
    doc_number: str = ""  # 文号: 越办〔2018〕2号
    date: str = ""  # as written: "2018年6月27日" / "二〇二〇年六月五日"
    seal: str = ""  # who sealed it for the issuer: "党政办公室代章"
    attachments: tuple[str, ...] = ()  # attachment titles, in order
    addressees: tuple[str, ...] = ()  # a notice's own addressees ("各挂钩帮扶干部"), when it is the document
    sections: tuple[Section, ...] = ()
    items: tuple[Item, ...] = ()
    tables: tuple[Table, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    # Unnumbered paragraphs that assign work ("区数字办负责…"): number 0, cited by their paragraph's
    # locator. Kept apart from ``items`` so numbering, counts and search passages stay as written.
    tasks: tuple[Item, ...] = ()
    # ("区交通与建设局", "区交建局"): "全称（简称“…”）" definitions in the text; both names answer
    party_aliases: tuple[tuple[str, str], ...] = ()

    @property
    def main_items(self) -> tuple[Item, ...]:
        """Numbered items of the main text (unnumbered paragraph tasks, number 0, are not counted)."""
        return tuple(i for i in self.items if i.part == MAIN_PART and i.number)

    def item(self, number: int, part: str = MAIN_PART) -> Item | None:
        for it in self.items:
            if it.number == number and it.part == part:
                return it
        return None

    def items_numbered(self, number: int, part: str | None = MAIN_PART) -> tuple[Item, ...]:
        """Every item numbered ``number`` in ``part`` (several where numbering restarts); any part
        when ``part`` is None."""
        return tuple(it for it in self.items if it.number == number and (part is None or it.part == part))

    @property
    def task_part(self) -> str:
        """The part "第N项" means when none is named: the main text, or the only part with items."""
        parts = list(dict.fromkeys(it.part for it in self.items if it.number))
        return MAIN_PART if MAIN_PART in parts or not parts else parts[0]


def merge_units(units_iter) -> Units:
    """Several label lines under one item ("牵头单位：A" / "责任单位：B") as one Units."""
    lead, coop, shared, coord, sub, raw, guide, rule, notes, leaders = [], [], [], [], [], [], [], "", [], []
    for u in units_iter:
        leaders += u.leaders
        lead += u.lead
        coop += u.cooperate
        shared += u.shared
        coord += u.coordinate
        sub += u.sub
        guide += u.guide
        raw.append(u.raw)
        rule = rule or u.rule
        notes += u.notes
    return Units(tuple(lead), tuple(coop), tuple(shared), tuple(coord), tuple(sub), raw="；".join(raw),
                 guide=tuple(guide), rule=rule, notes=tuple(notes), leaders=tuple(dict.fromkeys(leaders)))
