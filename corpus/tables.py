"""Tables written as tab-separated lines (PDF/Word extraction) or markdown pipe rows.

Every row keeps its header. Quirks handled generically:
- the header row repeated after a page break is not a data row;
- empty cells stay "" (a missing 两新 point is not the next column's value);
- a first column filled only on the first row of a group (责任要求) is filled down;
- a cell wrapped across a page break ("…日常" / "监督") is joined back to the cell above;
- a row with a single "一、…清单" cell is the caption of the table that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from corpus.headings import H1, PIPE_RULE
from corpus.model import Row
from corpus.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int
from corpus.text import clean_cell, has_sentence_punct, join_cjk_spaces
from corpus.units import split_spaced_units
from corpus.vocabulary import SERIAL_HEADERS, alternation

_LABEL = re.compile(rf"^(?:[（(]\s*[{CHINESE_NUMERAL_CHARS}]{{1,3}}\s*[）)]|[{CHINESE_NUMERAL_CHARS}]{{1,3}}、|\d{{1,3}}\s*[.．、])")
_NUMBERED = re.compile(r"^(?P<n>\d{1,3})\s*[.．、]\s*(?!\d)")
_SERIAL_HEADER = re.compile(f"^(?:{alternation(SERIAL_HEADERS)})$")
# A one-cell row inside a table that names a group of the rows below ("一、知识产权保护方面（共5项）").
_GROUP_ROW = re.compile(rf"^(?:[{CHINESE_NUMERAL_CHARS}]{{1,3}}\s*[、.．]|[（(]\s*[{CHINESE_NUMERAL_CHARS}]{{1,3}}\s*[）)]|第[{CHINESE_NUMERAL_CHARS}]{{1,3}}部分)")
_GROUP_COUNT = re.compile(r"\s*[（(]\s*共\s*\d{1,3}\s*[项条个]\s*[）)]\s*$")
_PAREN_LABEL = re.compile(rf"^[（(]\s*([{CHINESE_NUMERAL_CHARS}]{{1,3}})\s*[）)]\s*")


def _normal_label(cell: str) -> str:
    """"(一) 严格…" and "（三）加强…" in one column: write every group label as "（一）…"."""
    return _PAREN_LABEL.sub(lambda m: f"（{m.group(1)}）", cell, count=1)


@dataclass
class TableDraft:
    headers: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    line: int = 0
    caption: str = ""  # from a caption row ("一、党的工作部门监督责任清单"), label stripped
    caption_label: int = 0  # its number (1 for 一、) when the caption was numbered
    caption_line: int = 0


def split_cells(text: str) -> list[str]:
    # "区经济发展局 区行政审批局": two units in one cell are kept apart before spaces are dropped
    if "\t" in text:
        return [clean_cell(split_spaced_units(c.strip())) for c in text.split("\t")]
    inner = text.strip().strip("|")
    return [clean_cell(split_spaced_units(c.strip())) for c in inner.split("|")]


def _looks_like_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return (
        len(filled) >= 2
        and all(len(c) <= 24 and not has_sentence_punct(c) for c in filled)
        and not filled[0][:1].isdigit()
    )


def _header_follows(rest: list[tuple[int, str]]) -> bool:
    """Whether the next table line is a header row: then a one-cell row above it captions a new table."""
    nxt = next((split_cells(t) for _, t in rest if not PIPE_RULE.match(t.strip()) and any(split_cells(t))), None)
    return nxt is not None and _looks_like_header(nxt)


def untitled_group(text: str, next_row: str) -> bool:
    """A short line between the rows of a table, without numbering or sentence punctuation, above data rows
    ("2016年新开工项目" between the header and rows 1, 2, 合计): it names the group of the rows below."""
    t = text.strip()
    return (0 < len(t) <= 30 and "\t" not in t and "|" not in t and not has_sentence_punct(t)
            and not _looks_like_header(split_cells(next_row)))


def two_level_headers(top: tuple[str, ...], sub: list[str]) -> tuple[str, ...]:
    """A header written on two rows with merged cells ("政府行政责任人 | (merged)" over "姓名 | 单位及职务"):
    each column is named by its group and its own name ("政府行政责任人/姓名")."""
    out, group = [], ""
    width = max(len(top), len(sub))
    for i in range(width):
        t = top[i] if i < len(top) else ""
        s = sub[i] if i < len(sub) else ""
        group = t or group
        out.append(f"{group}/{s}" if s and group and group != s else (s or t or group or f"列{i + 1}"))
    return tuple(out)


def _same_header(cells: list[str], headers: tuple[str, ...]) -> bool:
    return tuple(c for c in cells if c) == tuple(h for h in headers if h)


def build_tables(rows: list[tuple[int, str]]) -> list[TableDraft]:
    """Turn consecutive table lines (line number, text) into tables."""
    drafts: list[TableDraft] = []
    pending_caption: tuple[str, int, int] | None = None
    current: TableDraft | None = None
    body: list[tuple[int, list[str]]] = []
    group = ""
    groups: dict[int, str] = {}  # line → the group row above it
    pending_sub = False

    def flush() -> None:
        nonlocal current, body
        if current is not None:
            current.rows = _rows(current.headers, body)
            drafts.append(current)
        current, body = None, []

    for k, (no, text) in enumerate(rows):
        if PIPE_RULE.match(text.strip()):
            continue
        cells = split_cells(text)
        filled = [c for c in cells if c]
        if not filled:
            continue
        if (len(filled) == 1 and current is not None and not _header_follows(rows[k + 1:])
                and (_GROUP_ROW.match(cells[0]) or not any(c in text for c in "\t|"))):
            group = _GROUP_COUNT.sub("", join_cjk_spaces(cells[0]))
            continue  # a group row: the section of the rows below it; numbering goes on
        if len(filled) == 1 and cells[0] and (m := H1.match(cells[0])):
            flush()
            pending_caption = (join_cjk_spaces(m.group("title")), chinese_to_int(m.group("n")) or 0, no)
            continue
        if current is None:
            if _looks_like_header(cells):
                headers = tuple(cells)
            else:
                headers = tuple(f"列{i + 1}" for i in range(len(cells)))
            current = TableDraft(headers=headers, line=no)
            pending_sub = headers[0] != "列1" and any(not c for c in cells)  # merged header cells: a second row may follow
            if pending_caption:
                current.caption, current.caption_label, current.caption_line = pending_caption
                pending_caption = None
            if headers[0] != "列1":
                continue
        elif _same_header(cells, current.headers):
            continue  # header repeated after a page break
        elif pending_sub and not body and _looks_like_header(cells):
            current.headers = two_level_headers(current.headers, cells)
            pending_sub = False
            continue
        body.append((no, cells))
        groups[no] = group
    flush()
    for d in drafts:
        d.rows = [replace(r, group=groups.get(r.line, "")) for r in d.rows]
    return drafts


def _running_column(grid: list[tuple[int, list[str]]], serial: int | None) -> int | None:
    """A column whose cells number the rows 1, 2, 3… straight through while the 序号 cell is merged over
    several of them ("1 | 推进生态文明建设 | 1、建立…" then " | | 2、制定…"): the rows are the items,
    numbered by that column, and the 序号 with its merged title is their group."""
    if serial is None or not any(not c[serial] for _, c in grid) or len(grid) < 3:
        return None
    for col in range(len(grid[0][1])):
        if col == serial:
            continue
        numbers = [int(m.group("n")) for _, c in grid if (m := _NUMBERED.match(c[col]))]
        if len(numbers) == len(grid) and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return col
    return None


def _rows(headers: tuple[str, ...], body: list[tuple[int, list[str]]]) -> list[Row]:
    width = len(headers)
    grid: list[tuple[int, list[str]]] = []
    for no, cells in body:
        cells = list(cells)
        while len(cells) > width and not cells[-1]:
            cells.pop()
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        grid.append((no, cells))
    if width > len(headers):
        headers = headers + tuple(f"列{i + 1}" for i in range(len(headers), width))
    serial = next((i for i, h in enumerate(headers) if _SERIAL_HEADER.match(h)), None)
    last = width - 1
    labelled_first = serial != 0 and any(_LABEL.match(c[0]) for _, c in grid if c[0])
    numbered_last = width > 1 and sum(bool(_NUMBERED.match(c[last])) for _, c in grid) * 2 > len(grid)
    running = _running_column(grid, serial) if not numbered_last else None
    # the group column: the first, or the one after a leading 序号 ("序号 | 属地派出所 | 村名", 派出所 merged
    # down, every row numbered); under a merged 序号 the rows are read by _running_column instead
    gcol = 1 if serial == 0 and width > 2 and all(c[0] for _, c in grid) else 0
    sparse_first = (serial != gcol and width > gcol + 1 and any(not c[gcol] for _, c in grid)
                    and bool(grid and grid[0][1][gcol]) and (gcol == 0 or all(c[-1] for _, c in grid)))

    # Merge page-break continuations, then fill the group column down.
    merged: list[tuple[int, list[str], int]] = []  # (line, cells, group index)
    groups: list[str] = []
    for no, cells in grid:
        first = cells[gcol]
        if labelled_first and first and not _LABEL.match(first) and groups:
            groups[-1] += first  # the group label wrapped across a page break
            first = ""
            if not any(cells[1:]):
                continue
        elif first and sparse_first:
            groups.append(_normal_label(first))
        if (
            numbered_last
            and merged
            and not first
            and cells[last]
            and not _NUMBERED.match(cells[last])
            and not any(cells[1:last])
        ):
            merged[-1][1][last] += cells[last]  # a content cell wrapped across a page break
            continue
        merged.append((no, cells, len(groups) - 1))

    out: list[Row] = []
    for pos, (no, cells, g) in enumerate(merged, 1):
        cells = list(cells)
        if sparse_first and g >= 0:
            cells[gcol] = groups[g]
        number = pos
        if serial is not None and cells[serial].isascii() and cells[serial].isdigit():
            number = int(cells[serial])
        elif numbered_last and (m := _NUMBERED.match(cells[last])):
            number = int(m.group("n"))
            cells[last] = cells[last][m.end() :].strip()
        if running is not None and (m := _NUMBERED.match(cells[running])):
            number = int(m.group("n"))  # "10、制定…" under a 序号 merged over rows 10–14: the row's own number
            cells[running] = cells[running][m.end() :].strip()
        out.append(Row(number=number, cells=tuple(zip(headers, cells, strict=False)), line=no))
    return out
