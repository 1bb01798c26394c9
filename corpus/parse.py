"""Text of one policy document → the structured model (corpus/model.py).

One pass over classified lines (corpus/headings.py) with a small state machine:
- blank lines never end a block: PDF page breaks leave a blank line in mid-sentence, so a line that
  does not end a sentence is continued by the next plain line;
- a responsibility parenthesis or a "责任单位：" line on its own joins the item above it when that
  item has none yet (even across a full stop);
- headings (一、 / （一） / 附件1 / unnumbered news headings) maintain the section path;
- tables are handed to corpus/tables.py; a table with 牵头单位/配合单位 columns also yields items.
No per-document code: everything is decided by the shape of the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.blocks import Block
from corpus.deadlines import DEADLINE_COLUMN, deadline_of, frequency_of
from corpus.header import addressees, extract_header
from corpus.heading_blocks import HeadingsMixin
from corpus.headings import (
    NOT_DECIMAL,
    Line,
    classify,
    is_heading_like,
    sub_levels,
)
from corpus.implicit_aliases import with_implicit_aliases
from corpus.inline import LEADS_DUTY, designated_among, inline_units
from corpus.item_blocks import ItemsMixin, duty_title
from corpus.model import MAIN_PART, Document, Item, Paragraph, Section, Table, Units
from corpus.numerals import int_to_chinese
from corpus.pairings import pairing_tables
from corpus.parties import ROSTER_LINE, alias_pairs, recognise, recognise_items
from corpus.parts import PartsMixin
from corpus.rosters import (
    DUTY_LINE,
    GROUP_TITLE,
    MEMBERS_TITLE,
    NAMES_ONLY,
    SETS_UP,
    body_named,
    further_entry,
    group_title,
    roster_entry,
    shown_entry,
)
from corpus.table_items import items_from_table
from corpus.tables import build_tables
from corpus.tasks import (
    apply_carried_parties,
    apply_designated_leads,
    apply_heading_units,
    duty_owner,
    enumerated_tasks,
    h1_tasks,
    h2_tasks,
    label_tables,
    number_paragraphs,
    paragraph_tasks,
    paths_where_ambiguous,
)
from corpus.text import (
    collapse_spaces,
    ends_sentence,
    first_sentence,
    has_sentence_punct,
    html_cells_to_tabs,
    join_cjk_spaces,
    strip_markup,
)
from corpus.unit_sites import trailing_label_units, trailing_units, units_lines
from corpus.vocabulary import ARTICLE_NOUN, H1_MARKS, LABEL_NUMERALS, STAGE_NOUNS, alternation

_SUB_ITEM = re.compile(r"^(?:[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|-{2,}|—{1,2})")  # its own sub-task, not the item's rest
_SUB_NUMBER = re.compile(r"^[（(](?P<n>\d{1,2})[）)]\s*")
_H1_LABEL = re.compile(rf"^[{LABEL_NUMERALS}]{{1,3}}\s*[{H1_MARKS}]\s*")
_STAGE_HEADING = re.compile(rf"^第[{LABEL_NUMERALS}\d]{{1,3}}(?:{alternation(STAGE_NOUNS)})\s*(?:[:：]\s*[^，,。；;：:]{{1,30}})?$")
_LABELLED_ITEM = re.compile(rf"^(?P<label>[^\d，。,；;：:]{{1,6}})[:：]\s*(?P<item>\d{{1,3}}\s*[.．、]{NOT_DECIMAL}.+)$")
# A field line of an item ("完成时限：2024年12月底", "工作目标：…"): a short key and its value.
_FIELD = re.compile(r"^(?P<key>[^\s\d，,。；;：:（）()、]{2,8})\s*[:：]\s*(?P<value>\S.*)$")


class _Builder(PartsMixin, HeadingsMixin, ItemsMixin):
    def __init__(self, lines: list[Line], consumed: frozenset[int]):
        self.lines = lines
        self.skip = set(consumed)
        self.part = MAIN_PART
        self.stack: list[tuple[int, str]] = []
        self.labels: dict[int, str] = {}
        self.sections: list[Section] = []
        self.items: list[Item] = []
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.part_titles: list[str] = []
        self.listed_attachments: list[str] = []
        self.block: Block | None = None
        self.items_in_part: dict[str, int] = {}
        self.last_title = ""
        self.duty_owner = Units()  # the owner named by the last 第X条 duty article (its 1. 2. items)
        self.announced = ""  # the body the last "决定成立…专班" paragraph set up: a roster under 人员组成 staffs it
        self.sub_run = False  # reading "（1）…（牵头处室：X）" items under a "1.…方面" group (its title pushed)

    # ---- section path -------------------------------------------------------------------------
    @property
    def path(self) -> str:
        return " / ".join(display for _, display in self.stack)

    def push(self, level: int, display: str, label: str = "") -> None:
        self.stack = [(lv, d) for lv, d in self.stack if lv < level]
        self.stack.append((level, display))
        self.labels = {lv: lb for lv, lb in self.labels.items() if lv < level}
        self.labels[level] = label

    @property
    def label_path(self) -> str:
        """"四（二）": the numbering labels above the current block (unnumbered headings skipped). Under a
        第X条 the path starts at the article ("第四条（一）"): articles are numbered across chapters."""
        labels = [lb for lv, lb in sorted(self.labels.items()) if any(lv == s for s, _ in self.stack)]
        start = max((k for k, lb in enumerate(labels) if lb.endswith(ARTICLE_NOUN)), default=0)
        return "".join(labels[start:])

    def add_section(self, label: str, title: str, level: int, line: int) -> Section:
        section = Section(label=label, title=title, level=level, part=self.part, line=line)
        self.sections.append(section)
        if level == 1 and label.startswith("第"):
            self.push(1, f"{label} {title}", label)
        elif level == 1 and label:
            self.push(1, f"{label}、{title}", label)
        elif level == 2:
            self.push(2, f"{label}{title}", label)
        elif level > 0:
            self.push(level, title)
        self.last_title = title
        return section

    # ---- blocks -------------------------------------------------------------------------------
    def open(self, kind: str, number: int, text: str, no: int, **kw) -> None:
        self.close()
        self.block = Block(kind, number, [text], self.path, self.part, no, no, path=self.label_path, **kw)

    def close(self) -> None:
        b, self.block = self.block, None
        if b is None:
            return
        text = b.text
        if b.kind == "para" and SETS_UP.search(text):
            self.announced = body_named(text) or self.announced
        if b.kind in ("item", "h1") or (b.kind == "h2" and b.has_units() and not self.items_in_part.get(b.part)):
            units = designated_among(trailing_units(text), text)
            if b.unit_lines:
                line_units = units_lines(b.unit_lines)
                units = units or line_units
                text = text + "；".join(b.unit_lines)
            deadline = next((v for k, v in b.fields if DEADLINE_COLUMN.search(k)), "")
            if b.fields:
                text += "；" + "；".join(f"{k}：{v}" for k, v in b.fields)
            body = text
            if not units:  # "…。责任单位：A、B" at the end, or "A牵头…，B配合…" inside the text
                units = trailing_label_units(text) or inline_units(b.clause_text + text[len(b.text):])
            if b.kind == "item" and not b.article and self.duty_owner and not (
                    (named := recognise(units)).lead or named.shared):
                # a duty of the article above that names its owner; "负责牵头做好…" makes it the lead
                owner = self.duty_owner.shared
                role = "lead" if LEADS_DUTY.match(text) else "shared"
                units = replace(named, **{role: owner})
            if b.article and not ((named := recognise(units)).lead or named.shared) and (
                    owner := duty_owner(duty_title(b.text))):
                units = replace(named, shared=owner.shared)  # "第七条 X安全生产工作职责：（一）…": X's own duties
            if b.kind == "h1":
                body = _H1_LABEL.sub("", text, count=1)
            if b.kind == "h2":  # a （一）… block carrying units is an item numbered by its label
                body = re.sub(r"^[（(]\s*[^）)]{1,3}\s*[）)]\s*", "", text)
                if b.section_ref in self.sections:
                    self.sections.remove(b.section_ref)
                self.stack = [(lv, d) for lv, d in self.stack if lv < 2]
                b.section = self.path
                b.path = self.label_path
            self.items.append(
                Item(
                    number=b.number,
                    heading=first_sentence(body),
                    text=body,
                    units=units,
                    section=b.section,
                    part=b.part,
                    line_start=b.line_start,
                    line_end=b.line_end,
                    path=b.path,
                    deadline=deadline or deadline_of(body),
                    frequency=frequency_of(body),
                    article=b.article,
                )
            )
            if b.kind == "item":
                self.items_in_part[b.part] = b.number
            if b.article:  # "第十八条 区农村发展局工作职责：" owns the 1. 2. items that follow it
                self.duty_owner = duty_owner(duty_title(b.text))
        elif b.kind in ("para", "h2") and not b.heading_only:
            if b.unit_lines:
                text += "；".join(b.unit_lines)
            self.paragraphs.append(Paragraph(text=text, section=b.section, part=b.part,
                                             line_start=b.line_start, line_end=b.line_end,
                                             roster="；".join(b.roster_entries)))

    def extend(self, text: str, no: int) -> None:
        if self.block is None:
            return
        self.block.lines.append(text)
        self.block.line_end = no

    # ---- the pass -----------------------------------------------------------------------------
    def next_content(self, i: int) -> Line | None:
        for ln in self.lines[i + 1 :]:
            if ln.kind != "blank" and ln.no not in self.skip:
                return ln
        return None

    def run(self) -> None:
        lines = self.lines
        i = 0
        while i < len(lines):
            ln = lines[i]
            if ln.kind == "blank" or ln.no in self.skip:
                i += 1
                continue
            handler = getattr(self, f"on_{ln.kind}")
            i = handler(i, ln) or i + 1
        self.close()

    def on_table(self, i: int, ln: Line) -> int:
        self.close()
        rows: list[tuple[int, str]] = []
        j = i
        while j < len(self.lines):
            cur = self.lines[j]
            if cur.kind == "table":
                rows.append((cur.no, cur.text))
            elif rows and self.table_group_row(j, cur):
                rows.append((cur.no, cur.text))  # a group row ("一、知识产权保护方面（共5项）", "2016年新开工项目")
            elif cur.kind != "blank":
                break
            j += 1
        for draft in build_tables(rows):
            if draft.caption:
                label = int_to_chinese(draft.caption_label) if draft.caption_label else ""
                self.add_section(label, draft.caption, 1 if label else 3, draft.caption_line)
            title = draft.caption or self.last_title
            table = Table(title=title, headers=draft.headers, rows=tuple(draft.rows), part=self.part,
                          section=self.path, line=draft.caption_line or draft.line)
            self.tables.append(table)
            self.items.extend(items_from_table(table))
        return j

    def on_units(self, i: int, ln: Line) -> None:
        b = self.block
        if b is not None and b.kind in ("item", "h1", "h2") and (b.unit_lines or not b.has_units()):
            b.unit_lines.append(collapse_spaces(strip_markup(ln.text)))
            b.line_end = ln.no
        elif b is not None and b.kind == "para" and ends_sentence(b.text) and not b.has_units():
            # "二是科学规划…。" then "责任单位：区交建局、…": the label closes that paragraph's task
            # (never the paragraph after it)
            b.unit_lines.append(collapse_spaces(strip_markup(ln.text)))
            b.line_end = ln.no
        else:
            self.on_text(i, ln)

    def on_paren_units(self, i: int, ln: Line) -> None:
        b = self.block
        if b is not None and b.kind in ("item", "h2") and not b.has_units():
            self.extend(collapse_spaces(ln.text), ln.no)
        else:
            self.on_text(i, ln)

    def on_text(self, i: int, ln: Line) -> None:
        text = collapse_spaces(ln.text)
        b = self.block
        if ROSTER_LINE.match(text):
            entry, text = roster_entry(ln.text), shown_entry(ln.text)
            # "组 长：张三" after "决定成立…领导小组，具体成员名单如下：": one roster paragraph, a line an entry
            if b is not None and b.kind == "para" and (b.roster or b.text.endswith(("：", ":")) or GROUP_TITLE.match(b.text)
                                                        or (len(b.text) <= 40 and not has_sentence_punct(b.text))):
                self.extend(("；" if b.roster else "" if b.text.endswith(("：", ":")) else "：") + text, ln.no)
            else:
                # otherwise it stands alone, headed by the body named in the paragraph (or the "（一）工作领导小组。
                # 全区成立…领导小组" heading that sets it up) before it
                named = b is not None and (b.kind == "para" or (b.kind == "h2" and SETS_UP.search(b.text)))
                body = body_named(b.text) if named else ""
                if not body and self.stack and MEMBERS_TITLE.search(self.stack[-1][1]):
                    body = self.announced  # "一、人员组成" under "决定成立金井片区督查专班": that body's people
                self.open("para", 0, f"{body}：{text}" if body else text, ln.no)
            self.block.roster = True
            self.block.roster_entries.append(entry)
            return
        if group_title(text, ln.text, b is not None and b.roster and not b.duties) and len(text) <= 20 and not (
                b is not None and b.joinable() and b.kind != "para"):
            # "第六指导组": the title of the next group in a list of groups, never the tail of a paragraph
            self.close()
            self.add_section("", join_cjk_spaces(text).rstrip("：:"), 3, ln.no)
            return
        if b is not None and b.roster and not b.duties:
            if DUTY_LINE.match(text):
                self.extend("；" + text, ln.no)  # "职责：…" under a group's people: the group's duties
                b.duties = True
                return
            if NAMES_ONLY.match(text):
                self.extend("、" + text, ln.no)  # the roster's next name, written under the one above
                b.roster_entries.append(roster_entry(ln.text))
                return
            if further_entry(text, ln.text):  # "林 森 里美联合党委书记", a long "指导村：A、B、…" list too
                self.extend("；" + text, ln.no)  # one more entry ("林 森 里美联合党委书记")
                b.roster_entries.append(roster_entry(ln.text))
                return
            self.close()  # running text after the roster is a paragraph of its own
            b = None
        elif b is not None and b.duties:
            self.close()
            b = None
        if (b is not None and b.kind in ("item", "h1", "h2") and (b.unit_lines or b.fields)
                and (f := _FIELD.match(text))):
            b.fields.append((f.group("key"), f.group("value")))  # a field of the item, not prose
            b.line_end = ln.no
            return
        if (b is not None and b.kind == "item" and not b.unit_lines and len(b.lines) > 1 and _FIELD.match(text)
                and _FIELD.match(b.lines[-1].strip().lstrip("；"))):
            # "1.排水管网" / "实施项目：…" / "实施内容：…" / "责任分工：由…负责": an item written as key-value lines
            self.extend("；" + text, ln.no)
            return
        if b is not None and b.kind == "item" and not b.unit_lines and b.text.endswith(("：", ":")):
            # "1、局党组联系2个基层单位：" then "(1)村集体组织：岚城乡霞屿村": the item's colon announces its body
            self.extend(text, ln.no)
            return
        if (sub := _SUB_NUMBER.match(text)) and self.opens_sub_item(b, text):
            self.open_sub_item(int(sub.group("n")), text[sub.end():], ln.no)
            return
        if b is not None and b.joinable():
            self.extend(text, ln.no)
            return
        if b is not None and b.listing and ends_sentence(text):
            self.extend(text, ln.no)  # the sentence closing an article's list ("不属于可销毁的物品严禁放入…")
            return
        if (b is not None and b.kind in ("item", "h2") and not b.has_units() and trailing_units(text)
                and not _SUB_ITEM.match(text)):
            self.extend(text, ln.no)  # the rest of an item broken after a full stop, ending in its units
            b.heading_only = False  # "（六）加强农田节水宣传培训" + its paragraph: a heading with its own text
            return
        m = _LABELLED_ITEM.match(text)
        if m and (it := classify(ln.no, m.group("item"))).kind == "item":
            # "说明：1. …": a short label heading the numbered notes that follow
            self.close()
            self.add_section("", m.group("label"), 3, ln.no)
            self.open("item", it.number, collapse_spaces(it.rest), ln.no)
            return
        nxt = self.next_content(i)
        if _STAGE_HEADING.match(text) and nxt is not None and nxt.kind == "text":
            self.close()  # "第三阶段：验收阶段（…）" over the paragraph that says what is done then, and by whom
            self.add_section("", join_cjk_spaces(text), 3, ln.no)
            return
        if is_heading_like(text) and nxt is not None:
            self.close()
            follows_heading = nxt.kind == "text" and is_heading_like(nxt.text)
            title = join_cjk_spaces(text).rstrip("：:")
            self.add_section("", title, 1 if follows_heading and not self._labelled() else 3, ln.no)
            return
        self.open("para", 0, text, ln.no)

    def _labelled(self) -> bool:
        return any(s.label and s.level in (1, 2) and s.part == self.part for s in self.sections)


def parse_document(text: str, source: str, short_name: str = "", aliases=()) -> Document:
    raw = sub_levels(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines = [classify(no, strip_markup(html_cells_to_tabs(line))) for no, line in enumerate(raw, 1)]
    header = extract_header(lines)
    builder = _Builder(lines, header.consumed)
    builder.run()
    attachments = tuple(t for t in builder.part_titles if t) or tuple(builder.listed_attachments)
    promoted, kept = h2_tasks(builder.paragraphs, builder.items, set(builder.items_in_part))
    builder.items += promoted
    enumerated, kept = enumerated_tasks(kept, set(builder.items_in_part) | {it.part for it in promoted})
    builder.items += enumerated
    headed, kept = h1_tasks(kept, {it.part for it in builder.items if it.number})
    builder.items += headed
    paragraphs = number_paragraphs(kept)
    return with_implicit_aliases(Document(
        source=source, title=header.title,
        short_name=short_name or header.title,
        aliases=tuple(aliases),
        issuer=header.issuer, doc_number=header.doc_number, date=header.date, seal=header.seal,
        attachments=attachments,
        addressees=addressees(header.addressee),
        sections=tuple(sorted(builder.sections, key=lambda s: s.line)),
        items=recognise_items(apply_carried_parties(apply_designated_leads(apply_heading_units(paths_where_ambiguous(
            sorted(builder.items, key=lambda it: it.line_start))), raw))),
        tasks=recognise_items(apply_designated_leads(tuple(paragraph_tasks(paragraphs)), raw)),
        party_aliases=alias_pairs(text),
        tables=label_tables([*builder.tables, *pairing_tables(lines)]),
        paragraphs=paragraphs,
    ), text)
