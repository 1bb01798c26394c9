"""Tables that assign work → items, so "第N项谁牵头" and unit questions reach a task table.

Two shapes are read (headers named in many ways, corpus/roles.py decides which columns hold units):
- task tables: a task column (工作任务 / 工作要求 / 改革举措 / 主要内容 …, whichever holds the text),
  optionally a column of short task names beside it (重点任务 | 工作内容) that heads the item,
  and role columns (牵头单位 / 配合单位 / 责任单位 / 指导部门 …), optionally a group column whose
  label is carried down (it becomes the item's section) and a deadline column (完成时限);
- duty tables: one row per unit (部门 / 单位 / 责任主体) with its duties (职责 / 主要职责分工); the
  row is an item of that unit, which leads it when one of its duties starts with a lead word.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus import roles
from corpus import vocabulary as v
from corpus.deadlines import DEADLINE_COLUMN, deadline_of, frequency_of
from corpus.model import Item, Table, Units
from corpus.parties import personal_name
from corpus.people import leader_column
from corpus.text import abbreviates, first_sentence
from corpus.unit_sites import units_from_columns
from corpus.units import parse_units, split_top, unit_like
from corpus.vocabulary import SERIAL_HEADERS, alternation, one_of
from corpus.vocabulary_names import PERSON_HEADERS, TOTAL_ROW_WORDS

_SERIAL = re.compile(f"^(?:{alternation(SERIAL_HEADERS)})$")
_UNIT_NAME_COLUMN = re.compile(rf"^(?:{one_of(v.UNIT_NAME_HEADERS)})$")
_LEADING_NUMBER = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")
_REMARK = re.compile(rf"^(?:{one_of(v.REMARK_HEADERS)})$")
_DUTY_COLUMN = re.compile(one_of(v.DUTY_HEADER_WORDS))
_TOTAL_ROW = re.compile(rf"^(?:{one_of(TOTAL_ROW_WORDS)})$")


def _group_column(table: Table, candidates: list[str]) -> str | None:
    """The first column when it repeats a label down the rows (a merged 工作任务 / 类别 cell)."""
    if len(table.rows) < 3 or not candidates or candidates[0] != table.headers[0]:
        return None
    values = [r.get(candidates[0]) for r in table.rows]
    return candidates[0] if len(set(values)) * 3 <= len(values) * 2 else None


def _rows_number_themselves(table: Table, serial: str) -> bool:
    """The rows carry their own running numbers (`tables._running_column`), not their 序号."""
    return any(r.get(serial).isdigit() and int(r.get(serial)) != r.number for r in table.rows if r.get(serial))


def _continuation_rows(table: Table) -> dict[int, tuple[int, int]]:
    """Rows under a 序号 cell merged over several rows, where the 序号 is the item's number: row index →
    (the item's number, the row's place in it). Such a row is part of item N ("第7项第2行"), not an
    item numbered by its position."""
    serial = next((h for h in table.headers if _SERIAL.match(h)), None)
    if serial is None or _rows_number_themselves(table, serial):
        return {}
    out, record, k = {}, 0, 0
    for i, r in enumerate(table.rows):
        if r.get(serial):
            record, k = r.number, 1
        elif record:
            k += 1
            out[i] = (record, k)
    return out


def _serial_spans(table: Table, others: list[str]) -> tuple[list[str], str | None, list[str]]:
    """Columns merged down with a 序号 cell that spans several rows: the ones filled on exactly the
    rows that carry a 序号 title that record ("7 | 森林防灭火 | 1.未制定…" then " | | 2.开展…"); one
    filled on fewer of those rows names a group of records ("工作考核(30分)") and becomes the section.
    Where the rows number themselves ("10、制定…", `tables._running_column`) the record is itself a
    group: its title is the section too. Returns (group columns, outer first; title column; every
    column merged over the record, which never holds the rows' task text: 任务来源)."""
    serial = next((h for h in table.headers if _SERIAL.match(h)), None)
    if serial is None:
        return [], None, []
    filled = {i for i, r in enumerate(table.rows) if r.get(serial)}
    if not filled or len(filled) == len(table.rows):
        return [], None, []
    groups, title, merged = [], None, []
    for h in others:
        cells = {i for i, r in enumerate(table.rows) if r.get(h)}
        if cells == filled:
            title = title or h
            merged.append(h)
        elif not groups and title is None and cells and cells < filled and min(cells) == min(filled):
            groups.append(h)
    if _rows_number_themselves(table, serial) and title:
        return [*groups, title], None, merged
    return groups, title, merged


def _task_column(table: Table, others: list[str]) -> str | None:
    return max(others, key=lambda h: sum(len(r.get(h)) for r in table.rows), default=None)


def _name_column(table: Table, others: list[str]) -> str | None:
    """A column of short, distinct task names beside the task text ("重点任务 | 工作内容": "政策解读" |
    "对…进行全面解读"): the names are how people ask for a task, so they head its item."""
    people = {p for p, _ in roles.phrases(roles.LABEL, "person")}
    for h in others:
        if h.replace(" ", "") in people or _person_columns([h]):  # 责任领导 / 河长: people, not task names
            continue
        values = [r.get(h) for r in table.rows if r.get(h)]
        if (len(values) >= 2 and len(set(values)) == len(values) and all(len(v) <= 16 for v in values)
                and not any(unit_like(v) or v.isdigit() for v in values)):  # nor unit names nor counts (套数)
            return h
    return None


def _total_row(row) -> bool:
    first = next((c for _, c in row.cells if c), "")
    return _TOTAL_ROW.match(first.replace(" ", "")) is not None


def items_from_table(table: Table) -> list[Item]:
    table = replace(table, rows=tuple(r for r in table.rows if not _total_row(r)))  # 合计 rows sum the items
    role_cols = [h for h in table.headers if roles.column_role(h)]
    if role_cols:
        return _task_items(table, role_cols)
    unit_col = next((h for h in table.headers if _UNIT_NAME_COLUMN.match(h.replace(" ", ""))), None)
    duty_col = next((h for h in table.headers if h != unit_col and _DUTY_COLUMN.search(h)), None)
    if unit_col and duty_col:
        return _duty_items(table, unit_col, duty_col)
    return _people_items(table)


_PERSON_HEADER = re.compile(rf"(?:^|/)(?:{one_of(v.NAME_HEADERS)})$|(?:{one_of(PERSON_HEADERS)})$")


def _person_columns(headers) -> list[str]:
    """Columns naming the people answerable for a row (责任人, 防汛责任人, 河长, 姓名), not its contacts."""
    return [h for h in headers if _PERSON_HEADER.search(h.replace(" ", "")) and "联系" not in h]


def _with_people(units: Units, row, cols: list[str]) -> Units:
    """A role table's row that also names its answerable people (牵头处室 | 防汛责任人): the people answer
    for the row beside its units, each with the column as their post."""
    names = [(row.get(h).replace(" ", ""), h.replace(" ", "")) for h in cols if personal_name(row.get(h))]
    names = [(n, h) for n, h in names if n not in units.all]
    if not names:
        return units
    return replace(units, shared=units.shared + tuple(dict.fromkeys(n for n, _ in names)),
                   notes=units.notes + tuple(names))


def _people_items(table: Table) -> list[Item]:
    """A table of people by post (水库 × 政府行政责任人/姓名 …, 河长 名单): each row is an item whose
    parties are the people named in its name columns, each with the column as their post."""
    cols = _person_columns(table.headers)
    if not cols:
        return []
    items = []
    for row in table.rows:
        names = [(row.get(h), h) for h in cols if personal_name(row.get(h))]
        if not names:
            continue
        subject = next((v for h, v in row.cells if v and not _SERIAL.match(h) and h not in cols), "")
        units = Units(shared=tuple(dict.fromkeys(n.replace(" ", "") for n, _ in names)), raw=row.text,
                      notes=tuple((n.replace(" ", ""), h.split("/")[0]) for n, h in names))
        items.append(Item(number=row.number, heading=subject or row.text[:30], text=row.text, units=units,
                          section=table.title or table.section, part=table.part, line_start=row.line,
                          line_end=row.line))
    return items


def _remark_lead(units: Units, remark: str, cells: tuple[str, ...] = ()) -> Units:
    """A 备注 cell "区卫健委牵头" (or "交建局牵头", abbreviated) designates the lead among the row's units."""
    named = parse_units(remark, bare_role="").lead
    if not named:
        return units
    everyone = units.lead + units.shared + units.cooperate
    lead = tuple(u for u in everyone if any(n in u or u in n or abbreviates(n, u, same_end=True) for n in named)) or named
    # the lead's own cell lists its co-operators; other columns keep their role ("国家实施部门" ministries)
    cell = next((c for c in cells if any(x in c or x[1:] in c for x in lead)), "")
    coop = tuple(u for u in units.shared if u not in lead and (u in cell or u[1:] in cell))
    return replace(units, lead=lead, shared=tuple(u for u in units.shared if u not in lead and u not in coop),
                   cooperate=tuple(u for u in units.cooperate if u not in lead) + coop,
                   raw=f"{units.raw}；备注：{remark}".strip("；"))


def _filled(table: Table, header: str) -> frozenset[int]:
    return frozenset(i for i, r in enumerate(table.rows) if r.get(header))


def _merged_down(table: Table, others: list[str]) -> tuple[Table, str | None]:
    """Every row numbered, and the first column beside the 序号 filled only where a group of rows begins
    ("1 | 地质灾害点 | 流水下厝场村海岸侵蚀 | 资源生态处 | … | 1.汛前落实…" then "2 | | 北港村海岸侵蚀 | | …"):
    that column names the group, and the columns filled only where a group begins (牵头处室, 主要职责,
    one cell sometimes merged over several groups) are cells merged over the group. They are carried down to every row of it; the group column is
    returned to become the rows' section."""
    serial = next((h for h in table.headers if _SERIAL.match(h)), None)
    if serial is None or not others or len(table.rows) < 3 or len(_filled(table, serial)) < len(table.rows):
        return table, None
    group = others[0]
    starts = _filled(table, group)
    if 0 not in starts or len(starts) * 3 > len(table.rows) * 2:
        return table, None
    merged = {h for h in table.headers
              if h not in (serial, group) and 0 in (f := _filled(table, h)) and f <= starts} | {group}
    rows, carried = [], {}
    for r in table.rows:
        carried.update({h: v for h, v in r.cells if h in merged and v})
        rows.append(replace(r, cells=tuple((h, v or carried.get(h, "")) if h in merged else (h, v) for h, v in r.cells)))
    return replace(table, rows=tuple(rows)), group


def _task_items(table: Table, role_cols: list[str]) -> list[Item]:
    deadline_col = next((h for h in table.headers if DEADLINE_COLUMN.search(h)), None)
    remark_col = next((h for h in table.headers if _REMARK.match(h.replace(" ", ""))), None)
    others = [h for h in table.headers
              if h not in role_cols and h not in (deadline_col, remark_col) and not _SERIAL.match(h)]
    table, group_down = _merged_down(table, others)
    spans, title, merged = _serial_spans(table, others)
    group = group_down or (_group_column(table, others) if not spans else None)
    merged = [*spans, *merged, group]
    task = _task_column(table, [h for h in others if h not in merged] or others)
    if task is None:
        return []
    name = title or _name_column(table, [h for h in others if h not in (*merged, task)])
    plain = [h for h in others if h not in (*merged, task, name)]
    people = _person_columns(plain)
    items, carried = [], {h: "" for h in (*spans, title) if h}
    leader_cols = [h for h in plain if leader_column(h)]  # "牵头县领导": the people over each row
    people = [h for h in people if h not in leader_cols]  # leaders are read as leaders (Units.leaders), once
    continued = _continuation_rows(table)
    for i, row in enumerate(table.rows):
        carried.update({h: row.get(h) for h in carried if row.get(h)})  # merged cells carried down
        text = row.get(task)
        if (m := _LEADING_NUMBER.match(text)) and int(m.group(1)) == row.number:
            text = text[m.end():]  # "3.建立…" in a task cell numbered like its row
        if not text:
            continue
        heading = first_sentence(text)
        if name and row.get(name):
            heading, text = row.get(name), f"{row.get(name)}：{text}"
        # the row's other plain cells go with it ("…，套数：1052，所属片区：岚城片区开发管理局"): the item is the row
        text += "".join(f"，{h}：{row.get(h)}" for h in plain if row.get(h))
        units = _with_people(units_from_columns({h: row.get(h) for h in (*role_cols, *leader_cols)}), row, people)
        if remark_col and row.get(remark_col):
            units = _remark_lead(units, row.get(remark_col), tuple(row.get(h) for h in role_cols))
        label = row.get(group) if group else row.group
        # a row under a merged 序号 cell: its own text heads it, the record's title is its section
        labels = [carried[h] for h in spans] + ([carried[title]] if title and not row.get(title) else [])
        section = " / ".join(x for x in (table.section, label, *labels) if x)
        deadline = row.get(deadline_col) if deadline_col else ""
        number, path = row.number, ""
        if i in continued:  # cited as "第7项第2行"; "第7项" is the row that carries the 序号
            number, path = 0, "第{}项第{}行".format(*continued[i])
        items.append(Item(number=number, heading=heading, text=text, units=units, path=path,
                          section=section, part=table.part, line_start=row.line, line_end=row.line,
                          deadline=deadline or deadline_of(text), frequency=frequency_of(text)))
    return items


def _duty_items(table: Table, unit_col: str, duty_col: str) -> list[Item]:
    items = []
    for row in table.rows:
        unit, text = row.get(unit_col), row.get(duty_col)
        if not unit or not text:
            continue
        clauses = split_top(text, "；;。")
        leads = any(c.startswith(tuple(p for p, _ in roles.phrases(roles.SUFFIX, "lead"))) for c in clauses)
        units = Units(lead=(unit,), raw=f"{unit_col}：{unit}") if leads else Units(shared=(unit,), raw=f"{unit_col}：{unit}")
        items.append(Item(number=row.number, heading=text, text=f"{unit}：{text}", units=units,
                          section=table.title or table.section, part=table.part, line_start=row.line,
                          line_end=row.line, deadline=deadline_of(text), frequency=frequency_of(text)))
    return items
