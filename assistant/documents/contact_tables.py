"""Leader ↔ contact-point tables (越秀工作要点 附件1 and any table of the same shape).

A table qualifies when one header names people (领导/姓名/负责人/联系人) and the others name places or
organisations; found by its headers, never by file name. Cells listing several points
("第七中学、东风东路小学") are split.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.documents.names import name_key
from assistant.records.points import point_variants
from corpus import vocabulary_names as name_words
from corpus.model import Document, Item, Paragraph, Row, Table
from corpus.numerals import CHINESE_NUMERAL_CHARS
from corpus.vocabulary import CONJUNCTIONS, CONTACT_VERBS, NAME_HEADERS, one_of
from corpus.vocabulary_conventions import PAIRING_VERBS
from corpus.vocabulary_questions import ASKED_PLACE_ENDS
from corpus.vocabulary_records import (
    DUTY_COLUMN_WORDS,
    DUTY_LEAD_ADVERBS,
    POST_HOLDER_WORDS,
    VISITOR_HEADER_WORDS,
)

# One reading of contact-point tables for questions and records (assistant/records/leaders.py uses
# these too): which header names the people, and how a cell lists several points.
PERSON_HEADER = re.compile(one_of(name_words.PEOPLE_HEADER_WORDS))
_PERSON_HEADER = PERSON_HEADER
_SKIP_HEADER = re.compile(rf"^(?:{one_of(name_words.NOT_POINT_HEADERS)})$")
POINT_SPLIT = re.compile(r"[、，,;；/\n]+")  # 第七中学、东风东路小学 → two schools; （…） stays whole
_SPLIT = POINT_SPLIT
# Header words that say nothing about the kind of point ("社区党建联系点" → "社区").
_HEADER_NOISE = re.compile(rf"{one_of(name_words.POINT_HEADER_NOISE)}|“|”|\"")


@dataclass(frozen=True)
class Assignment:
    document: Document
    table: Table
    row: Row
    leader: str
    points: tuple[tuple[str, str], ...]  # (header, point) pairs, one point each
    note: str = ""  # "联系点台账已调整" when the store's table differs from the document's row
    # In a table of people by post ("政府行政责任人/姓名 | …/单位及职务 | 管理单位责任人/姓名 | …"): the
    # post of this person's column and what the row says of them besides the name ("农发局局长").
    post: str = ""
    detail: str = ""
    # Whether the people are leaders who visit their points (区领导 | 社区 …), the table this module was
    # written for; a roster's "姓名 | 职务 | 分工" names who does what, and is answered in those words.
    visits: bool = True
    # A roster group's paragraph ("组长：林黎；…；指导村：大坪村、君山村"): its table is the paragraph's fields
    # read as one row, and it is cited as the paragraph it is.
    paragraph: Paragraph | Item | None = None

    @property
    def locator(self) -> str:
        if self.paragraph is not None:
            return self.paragraph.locator
        if self.row.number == 0:  # a leader added with /assign: in the store's table only
            return "联系点台账（管理员添加）"
        return self.table.locator(self.row) + (f"（{self.note}）" if self.note else "")


def _header_keywords(header: str) -> set[str]:
    h = name_key(header)
    core = _HEADER_NOISE.sub("", h)
    words = {h, core}
    if core.endswith("名称") and len(core) > 3:  # 水库名称 → 水库: the kind of point the column names
        words.add(core[:-2])
    if core.endswith("道"):  # 街道 → 街
        words.add(core[:-1])
    for verb in sorted({*CONTACT_VERBS, *PAIRING_VERBS}, key=len, reverse=True):  # 联系乡镇 → 乡镇 (corpus/pairings.py)
        if core.startswith(verb) and len(core) > len(verb):  # …and the verb itself ("谁包片南村")
            words |= {verb, core[len(verb):]}
            break
    for kind, also in name_words.POINT_KINDS_IN.items():  # a header holding "两新"
        if kind in core:
            words |= set(also)
    for kind, also in name_words.POINT_KINDS_IS.items():  # a header that is "学校"
        if core == kind:
            words |= set(also)
    return {w for w in words if len(w) >= 2 or w == "街"}


# How people shorten organisation names: "广州海印实业集团有限公司党委" → "海印实业集团" / "海印实业".
_ORG_PREFIX = re.compile(rf"^(?:{one_of(name_words.POINT_PLACE_PREFIXES)})")
_ORG_SUFFIXES = (re.compile(rf"(?:{one_of(name_words.PARTY_BRANCH_ENDS)})$"), re.compile(rf"(?:{one_of(name_words.COMPANY_ENDS)})$"),
                 re.compile(f"{name_words.GROUP_END}$"))
_PAREN = re.compile(r"^(.+?)\((.+)\)$")  # "区财政局(区国资局)": a unit with its second name
MIN_SHORT_NAME = 4  # shorter cores ("海印") are too likely to occur inside other words


def _point_variants(point: str) -> set[str]:
    p = name_key(point)
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
    # A community or school is called without its kind ("东湖新村", "华侨外国语") when what is left
    # still names it (at least three characters: "二马路", not "培正").
    for kind in name_words.DROPPED_KINDS:
        if p.endswith(kind) and len(p) - len(kind) >= 3:
            out.add(p[: -len(kind)])
    # The short forms a note understands (七中, 教育局) find the point in questions too: one rule set.
    out |= {name_key(v) for v in point_variants(point)}
    return {v for v in out if len(v) >= 2}


_PEOPLE = re.compile(one_of(name_words.LEADER_TITLES))
_ORG_MARK = re.compile(one_of(name_words.ORGANISATION_MARKS))
MIN_PREFIX = 4


def _org_prefixes(point: str) -> set[str]:
    """"广州卓越教育培训中心党委" → 卓越教育, 卓越教育培, …; plus the first two characters with the
    kind of organisation people add ("海印集团", "海印公司")."""
    p = name_key(point)
    if not _ORG_MARK.search(p):
        return set()
    core = _ORG_PREFIX.sub("", p)
    for suffix in _ORG_SUFFIXES:
        core = suffix.sub("", core)
    core = re.sub(rf"(?:{one_of(name_words.DROPPED_ENDS)})$", "", core)
    out = {core[:n] for n in range(MIN_PREFIX, len(core) + 1)}
    if len(core) >= 4:
        out |= {core[:2] + "集团", core[:2] + "公司"}
    return out


# Words that may follow a point's short name without changing what it names ("顺丰速运党支部").
_ORG_TAIL = re.compile(rf"^(?:{one_of(name_words.POINT_TAILS)})+")
_NUMERAL = set(CHINESE_NUMERAL_CHARS) | set("0123456789第")


def _standalone(q: str, start: int, variant: str) -> bool:
    """"七中" must not be read inside "十七中" / "三十七中学": a short form that starts with a numeral
    needs a non-numeral before it; "西河" (西河镇's short form) is not read inside "西河乡", another place."""
    if variant[0] in _NUMERAL and start > 0 and q[start - 1] in _NUMERAL:
        return False
    after = q[start + len(variant):]
    return not (after.startswith(ASKED_PLACE_ENDS) and not variant.endswith(ASKED_PLACE_ENDS))


def person_header(table: Table) -> str | None:
    return next((h for h in table.headers if _PERSON_HEADER.search(h)), None)


_NAME_COLUMN = re.compile(rf"(?:^|/)(?:{one_of(NAME_HEADERS)})$")
_VISITING = re.compile(one_of(VISITOR_HEADER_WORDS))
# A column of duties ("分工": "负责后勤保障和经费管理"): each duty is a point, without its 负责.
_DUTY_COLUMN = re.compile(one_of(DUTY_COLUMN_WORDS))
_DUTY_SPLIT = re.compile(rf"[、，,;；/\n]+|(?:{one_of(CONJUNCTIONS)})")
_DUTY_LEAD = re.compile(rf"^(?:{one_of(DUTY_LEAD_ADVERBS)})?负责")


def _points_of(header: str, value: str) -> list[str]:
    if _DUTY_COLUMN.search(header) and not _PERSON_HEADER.search(header):
        return [d for p in _DUTY_SPLIT.split(value) if (d := _DUTY_LEAD.sub("", p.strip()).strip("。 "))]
    return [p.strip() for p in _SPLIT.split(value) if p.strip()]


def _group(header: str) -> str:
    return header.split("/")[0] if "/" in header else ""


def person_columns(table: Table) -> list[str]:
    """The columns that name people: every "<post>/姓名" column of a table of people by post (its
    merged two-row header), else the one people column (领导 / 姓名 / 负责人 …)."""
    named = [h for h in table.headers if _NAME_COLUMN.search(h.replace(" ", "")) and _group(h)]
    if named:
        return named
    person = person_header(table)
    return [person] if person else []


def document_assignments(documents: tuple[Document, ...]) -> list[Assignment]:
    """Every row with a person of every leader ↔ contact-point table in the documents; in a table of
    people by post, one per person column, with the column's post ("管理单位责任人")."""
    out: list[Assignment] = []
    for doc in documents:
        for table in doc.tables:
            people = person_columns(table)
            posts = {_group(h) for h in people} - {""}
            for row in table.rows:
                points = tuple((h, p) for h, v in row.cells
                               if h not in people and _group(h) not in posts and not _SKIP_HEADER.match(h)
                               for p in _points_of(h, v))
                for person in people:
                    leader = row.get(person).strip()
                    if not leader:
                        continue
                    post = _group(person)
                    detail = "；".join(v for h, v in row.cells if v and h != person and post and _group(h) == post)
                    detail = detail or next((v for h, v in row.cells if h in name_words.POST_COLUMN_HEADERS and v), "")
                    out.append(Assignment(doc, table, row, leader, points, post=post, detail=detail,
                                          visits=bool(_VISITING.search(person))))
    return out


class ContactIndex:
    def __init__(self, documents: tuple[Document, ...], assignments: list[Assignment] | None = None):
        """From the documents' tables, or from ``assignments`` (the store's table: contact_source.py; with the
        people the text gives places: text_contacts.contact_index)."""
        self.assignments = document_assignments(documents) if assignments is None else assignments
        self.headers = sorted({h for a in self.assignments for h, _ in a.points})
        self._leaders = sorted({a.leader for a in self.assignments}, key=len, reverse=True)
        self._point_index: dict[str, set[str]] = defaultdict(set)  # variant → point names
        for a in self.assignments:
            for _, p in a.points:
                for v in _point_variants(p):
                    self._point_index[v].add(p)
        # Beginnings of organisation names ("卓越教育", "红海人力", "海印集团") name a point only when no
        # other point begins the same way.
        prefixes: dict[str, set[str]] = defaultdict(set)
        for a in self.assignments:
            for _, p in a.points:
                for v in _org_prefixes(p):
                    prefixes[v].add(p)
        for v, names in prefixes.items():
            if len(names) == 1 and v not in self._point_index:
                self._point_index[v] = names
        # Beginnings shared by several points ("培训中心" is not one, "广州市建设" may be): asked back.
        self.ambiguous = {v: names for v, names in prefixes.items() if len(names) > 1 and v not in self._point_index}
        self._point_variants = sorted(self._point_index, key=len, reverse=True)
        # First character → variants starting with it (longest first): a question is scanned once.
        self._by_first: dict[str, list[str]] = defaultdict(list)
        for v in self._point_variants:
            if len(v) >= 2:
                self._by_first[v[0]].append(v)
        self._leader_keys = [(name, name_key(name)) for name in self._leaders]
        self.posts = sorted({a.post for a in self.assignments if a.post}, key=len, reverse=True)
        # the kinds of place the points are ("张三联系哪些乡镇": 乡镇 names the points, not something more)
        ends = {k for k in name_words.AREA_FIELD_KINDS for _, p in self._all_points() if p.endswith(k)}
        self._point_kinds = ends | ({name_words.TOWNSHIPS} if ends & set(name_words.TOWNSHIP_KINDS) else set())
        # A table of people by post is asked about in its title's words ("玉井水库的防汛责任人" under
        # "小型水库防汛责任人名单"): those say nothing beyond the table.
        titles = {name_key(a.table.title) for a in self.assignments if a.post}
        self._title_words = {t[i:i + 2] for t in titles for i in range(len(t) - 1)}

    def _all_points(self):
        return ((h, p) for a in self.assignments for h, p in a.points)

    def posts_in(self, q: str) -> tuple[str, ...]:
        """The posts of a people-by-post table the question names ("君山水库的管理单位责任人是谁")."""
        return tuple(p for p in self.posts if name_key(p) in q)

    def _variants_in(self, q: str) -> list[str]:
        """The point variants occurring in q (standalone), longest first."""
        seen = {v for ch in set(q) for v in self._by_first.get(ch, ()) if v in q}
        return [v for v in sorted(seen, key=len, reverse=True) if self._occurs(q, v)]

    def ambiguous_in(self, q: str) -> tuple[str, ...]:
        """The points a shared beginning in q could mean (longest such beginning), () when none."""
        found = [v for v in self.ambiguous if v in q]
        return tuple(sorted(self.ambiguous[max(found, key=len)])) if found else ()

    def point_names(self) -> tuple[str, ...]:
        """Every contact point and the short forms it is found by (for checks that ignore names)."""
        return tuple(self._point_variants)

    def leaders_in(self, q: str) -> tuple[str, ...]:
        """The people the question names, longest name first: "林黎明" is not also "林黎" (nor 张三丰 张三)."""
        found = []
        for name, key in sorted(self._leader_keys, key=lambda nk: -len(nk[1])):
            if key in q:
                found.append(name)
                q = q.replace(key, " ")
        order = {name: i for i, (name, _) in enumerate(self._leader_keys)}
        return tuple(sorted(found, key=order.__getitem__))

    def points_in(self, q: str) -> tuple[str, ...]:
        found: list[str] = []
        for v in self._variants_in(q):
            if not any(v in name_key(f) for f in found):
                found.extend(sorted(self._point_index[v]))
        return tuple(dict.fromkeys(found))

    @staticmethod
    def _occurs(q: str, v: str) -> bool:
        start = q.find(v)
        while start >= 0:
            if _standalone(q, start, v):
                return True
            start = q.find(v, start + 1)
        return False

    def columns_in(self, q: str) -> tuple[str, ...]:
        return tuple(h for h in self.headers if any(w in q for w in _header_keywords(h)))

    def _without_names(self, q: str) -> str:
        for _, key in sorted(self._leader_keys, key=lambda nk: -len(nk[1])):
            q = q.replace(key, " ")
        for v in self._variants_in(q):
            if v in q and self._occurs(q, v):
                head, _, tail = q.partition(v)
                q = head + " " + _ORG_TAIL.sub("", tail)
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
        keywords = sorted({w for h in (*self.headers, *self.posts) for w in _header_keywords(h)} | self._point_kinds
                          | (set(POST_HOLDER_WORDS) if self.posts else set()) | self._title_words, key=len, reverse=True)
        for w in keywords:
            q = q.replace(w, " ")
        return words.sub("", q)

    def generalize(self, q: str) -> str:
        """q with leader names and contact points replaced by their column headers ("黄永青多久去光塔街
        督导一次" → "区级班子党员领导干部多久去街道督导一次"): a question about the rule for a kind of
        point must find the rule, not the table row that merely holds the names."""
        for a in self.assignments:
            if a.leader and a.leader in q:
                q = q.replace(a.leader, next((h for h in a.table.headers if _PERSON_HEADER.search(h)), a.post or a.leader))
        for v in self._point_variants:
            if len(v) >= 2 and v in q:
                point = sorted(self._point_index[v])[0]
                header = next((h for a in self.of_point(point) for h, p in a.points if p == point), "")
                q = q.replace(v, _HEADER_NOISE.sub("", name_key(header)) or v)
        return q

    def generalize_people(self, q: str) -> str:
        """"区领导多久去一次社区" → the contact table's own word for those people ("区级班子党员领导
        干部多久去一次社区"): a rule about them is written with the table's header, not the nickname."""
        if not self.assignments or not _PEOPLE.search(q):
            return q
        header = person_header(self.assignments[0].table) or ""
        return _PEOPLE.sub(header, q) if header else q

    def of_leader(self, name: str) -> list[Assignment]:
        return [a for a in self.assignments if a.leader == name]

    def of_point(self, point: str) -> list[Assignment]:
        return [a for a in self.assignments if any(p == point for _, p in a.points)]
