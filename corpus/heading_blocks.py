"""Numbered headings as the parser meets them: "一、" (a section, or a task when units follow it), "（一）"
(a section, or a heading with its own text, or a clause of the 第X条 above it) and decimal "3.1" / "3.1.1"
(a mixin of the parser's builder, corpus/parse.py)."""

from __future__ import annotations

import re

from corpus.headings import Line, is_title_like, numbered_title
from corpus.model import Units
from corpus.numerals import int_to_chinese
from corpus.tables import untitled_group
from corpus.text import collapse_spaces, has_sentence_punct, join_cjk_spaces
from corpus.unit_sites import trailing_units


def _list_clause(rest: str, before: Line | None, after: Line | None = None) -> bool:
    """"（二）组织制定片区消防工作年度计划；": a numbered line closed by a semicolon is a clause of a list, never a
    bare heading (nor is the list's last clause, closed by "。" after a sibling closed by "；"). A line closed by
    "。" right after a sibling that held its own text ("（二）协助开展…工作。采取…" / "（三）协助开展两违管控工作。")
    is a short duty of that list, not a heading — unless running text follows it as its body."""
    rest = rest.rstrip()
    heads_nothing = after is None or after.kind in ("h1", "h2") or (after.kind == "text" and not has_sentence_punct(after.text))
    return rest.endswith(("；", ";")) or (
        rest.endswith("。") and before is not None and before.kind == "h2" and (
            before.text.rstrip().endswith(("；", ";")) or (numbered_title(collapse_spaces(before.rest))[1]
                                                          and heads_nothing)))


# "五、各社区：负责辖区内…巡查。": a short numbered line that is a party's duty, not a bare heading
_HEADED_DUTY = re.compile(r"^[^：:，,。；;]{2,20}[：:][^：:]{8,}[。；;]$")


class HeadingsMixin:
    def table_group_row(self, j: int, cur: Line) -> bool:
        """A heading or a short title line between a table's rows, above more rows: it names their group."""
        nxt = self.next_content(j)
        return (cur.kind in ("h1", "h2", "text") and nxt is not None and nxt.kind == "table"
                and (cur.kind != "text" or untitled_group(cur.text, nxt.text)))

    def previous_content(self, i: int) -> Line | None:
        return next((ln for ln in reversed(self.lines[:i]) if ln.kind != "blank"), None)

    def on_h1(self, i: int, ln: Line) -> None:
        self.close()
        self.duty_owner = Units()
        nxt = self.next_content(i)
        # "一、…。（区委办牵头）", or "一、推进…" with "牵头单位：…" on the next line: a task, not a heading
        if not ln.label and (trailing_units(ln.text) or (nxt is not None and nxt.kind == "units")):
            self.stack = [(lv, d) for lv, d in self.stack if lv < 1]
            self.open("h1", ln.number, collapse_spaces(ln.text), ln.no)
            return
        title, has_body = numbered_title(collapse_spaces(ln.rest))
        if has_body and (len(ln.rest) > 40 or _HEADED_DUTY.match(ln.rest)):
            # "一、责任到人，闭环管理。各责任单位要…": a numbered paragraph (a notice's requirements), not
            # a bare heading. Its lead phrase names the section; its text stays a searchable paragraph.
            self.add_section(ln.label or int_to_chinese(ln.number), title, 1, ln.no)
            self.open("para", 0, collapse_spaces(ln.text), ln.no)
            return
        self.add_section(ln.label or int_to_chinese(ln.number), join_cjk_spaces(ln.rest), 1, ln.no)

    def on_h2(self, i: int, ln: Line) -> None:
        title, has_body = numbered_title(collapse_spaces(ln.rest))
        nxt = self.next_content(i)
        # "（三）执行《…条例》，机关纪委负责开展警示教育。" closed by a full stop, with no text of its own below
        # (the next line is another heading): a one-sentence paragraph, not a bare heading
        has_body = has_body or _list_clause(ln.rest, self.previous_content(i), nxt) or (
            ln.rest.rstrip().endswith("。") and "，" in ln.rest and (nxt is None or nxt.kind in ("h1", "h2", "part")))
        over_items = not has_body and nxt is not None and nxt.kind == "item" and not nxt.label
        if self.block is not None and self.block.article and not over_items:
            # "第二条 …如下：（一）…；（二）…": its own clauses; a clause's title alone on its line ("（二）信息处理")
            # is set off from the text under it
            self.extend(collapse_spaces(ln.text) + ("：" if is_title_like(ln.rest, 20) else ""), ln.no)
            return
        # else a heading: "第四条 X工作职责：" + "（一）政法方面" over "1.负责…" items is a section of the article
        self.close()
        section = self.add_section(f"（{int_to_chinese(ln.number)}）", title, 2, ln.no)
        self.open("h2", ln.number, collapse_spaces(ln.text), ln.no, heading_only=not has_body,
                  section_ref=section)
        if not has_body:
            self.block.section = self.path

    def on_decimal(self, i: int, ln: Line) -> None:
        """"3.1 防汛抢险指挥部" is a heading at depth 2; "3.1.1 指挥长由镇长担任，…" an item of 3.1."""
        self.close()
        depth = ln.label.count(".") + 1  # 1.1 is depth 2
        if is_title_like(ln.rest, 30):  # shown as written: "3.1 防汛抢险指挥部"
            self.add_section(ln.label, f"{ln.label} {join_cjk_spaces(ln.rest)}", 3 if depth > 1 else 1, ln.no)
            return
        self.open("item", ln.number, collapse_spaces(ln.rest), ln.no)
        self.block.path = ln.label.rsplit(".", 1)[0]
