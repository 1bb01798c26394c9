"""Leader ↔ contact-point tables (越秀工作要点 附件1 and any table of the same shape).

A table qualifies when one header names people (领导/姓名/负责人/联系人) and the others name places or
organisations; found by its headers, never by file name. Cells listing several points
("第七中学、东风东路小学") are split.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.docnames import norm
from corpus.model import Document, Row, Table

_PERSON_HEADER = re.compile(r"领导|姓名|负责人|联系人")
_SKIP_HEADER = re.compile(r"^(?:序号|编号|备注|说明)$")
_SPLIT = re.compile(r"[、，,；;/]")
# Header words that say nothing about the kind of point ("社区党建联系点" → "社区").
_HEADER_NOISE = re.compile(r"党建联系点|党组织联系点|联系点|党组织|“|”|\"")


@dataclass(frozen=True)
class Assignment:
    document: Document
    table: Table
    row: Row
    leader: str
    points: tuple[tuple[str, str], ...]  # (header, point) pairs, one point each

    @property
    def locator(self) -> str:
        return self.table.locator(self.row)


def _header_keywords(header: str) -> set[str]:
    h = norm(header)
    core = _HEADER_NOISE.sub("", h)
    words = {h, core}
    if core.endswith("道"):  # 街道 → 街
        words.add(core[:-1])
    if "两新" in core:
        words |= {"两新", "企业", "非公", "社会组织"}
    if core == "学校":
        words |= {"中学", "小学", "幼儿园", "学校"}
    return {w for w in words if len(w) >= 2 or w == "街"}


# How people shorten organisation names: "广州海印实业集团有限公司党委" → "海印实业集团" / "海印实业".
_ORG_PREFIX = re.compile(r"^(?:广东省|广州市|广州)")
_ORG_SUFFIXES = (re.compile(r"(?:党委|党总支|党支部)$"), re.compile(r"(?:有限责任公司|有限公司)$"),
                 re.compile(r"集团$"))
_PAREN = re.compile(r"^(.+?)\((.+)\)$")  # "区财政局(区国资局)": a unit with its second name
MIN_SHORT_NAME = 4  # shorter cores ("海印") are too likely to occur inside other words


def _point_variants(point: str) -> set[str]:
    p = norm(point)
    out = {p}
    m = _PAREN.match(p)  # either name alone finds the point: 区财政局 / 区国资局
    if m:
        out |= {m.group(1), m.group(2)}
    if p.endswith("街"):
        out.add(p + "道")
    if p.endswith("街道"):
        out.add(p[:-1])
    core = p
    for suffix in _ORG_SUFFIXES:
        stripped = suffix.sub("", core)
        if stripped != core and len(stripped) >= MIN_SHORT_NAME:
            core = stripped
            out |= {core, _ORG_PREFIX.sub("", core)}
    return {v for v in out if len(v) >= 2}


class ContactIndex:
    def __init__(self, documents: tuple[Document, ...]):
        self.assignments: list[Assignment] = []
        for doc in documents:
            for table in doc.tables:
                person = next((h for h in table.headers if _PERSON_HEADER.search(h)), None)
                if person is None:
                    continue
                for row in table.rows:
                    leader = row.get(person).strip()
                    if not leader:
                        continue
                    points = tuple(
                        (h, p.strip())
                        for h, v in row.cells
                        if h != person and not _SKIP_HEADER.match(h)
                        for p in _SPLIT.split(v)
                        if p.strip()
                    )
                    self.assignments.append(Assignment(doc, table, row, leader, points))
        self.headers = sorted({h for a in self.assignments for h, _ in a.points})
        self._leaders = sorted({a.leader for a in self.assignments}, key=len, reverse=True)
        self._point_index: dict[str, set[str]] = defaultdict(set)  # variant → point names
        for a in self.assignments:
            for _, p in a.points:
                for v in _point_variants(p):
                    self._point_index[v].add(p)
        self._point_variants = sorted(self._point_index, key=len, reverse=True)

    def leaders_in(self, q: str) -> tuple[str, ...]:
        return tuple(name for name in self._leaders if norm(name) in q)

    def points_in(self, q: str) -> tuple[str, ...]:
        found: list[str] = []
        for v in self._point_variants:
            if len(v) >= 2 and v in q and not any(v in norm(f) for f in found):
                found.extend(sorted(self._point_index[v]))
        return tuple(dict.fromkeys(found))

    def columns_in(self, q: str) -> tuple[str, ...]:
        return tuple(h for h in self.headers if any(w in q for w in _header_keywords(h)))

    def _without_names(self, q: str) -> str:
        for name in self._leaders:
            q = q.replace(norm(name), " ")
        for v in self._point_variants:
            if len(v) >= 2:
                q = q.replace(v, " ")
        return q

    def point_columns(self, point: str) -> set[str]:
        return {h for a in self.of_point(point) for h, p in a.points if p == point}

    def asked_columns(self, q: str) -> tuple[str, ...]:
        """Columns the question names apart from inside point names ("区教育局负责联系哪些学校" → 学校)."""
        return self.columns_in(self._without_names(q))

    def residual(self, q: str, words: re.Pattern[str]) -> str:
        """What q says besides leader names, contact points, column names and ``words``: "王焕清是什么
        职务" leaves "职务", which the table cannot answer."""
        q = self._without_names(q)
        keywords = sorted({w for h in self.headers for w in _header_keywords(h)}, key=len, reverse=True)
        for w in keywords:
            q = q.replace(w, " ")
        return words.sub("", q)

    def generalize(self, q: str) -> str:
        """q with leader names and contact points replaced by their column headers ("黄永青多久去光塔街
        督导一次" → "区级班子党员领导干部多久去街道督导一次"): a question about the rule for a kind of
        point must find the rule, not the table row that merely holds the names."""
        for a in self.assignments:
            if a.leader and a.leader in q:
                q = q.replace(a.leader, next(h for h in a.table.headers if _PERSON_HEADER.search(h)))
        for v in self._point_variants:
            if len(v) >= 2 and v in q:
                point = sorted(self._point_index[v])[0]
                header = next((h for a in self.of_point(point) for h, p in a.points if p == point), "")
                q = q.replace(v, _HEADER_NOISE.sub("", norm(header)) or v)
        return q

    def of_leader(self, name: str) -> list[Assignment]:
        return [a for a in self.assignments if a.leader == name]

    def of_point(self, point: str) -> list[Assignment]:
        return [a for a in self.assignments if any(p == point for _, p in a.points)]
