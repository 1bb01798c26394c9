"""A block of lines being read by the parser (corpus/parse.py): an item, a （一） heading with text, or a
paragraph, with the label lines, fields and roster entries that belong to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.model import Section
from corpus.text import collapse_spaces, ends_sentence
from corpus.unit_sites import trailing_units
from corpus.vocabulary import CREDIT_LABELS, one_of

# A byline or photo credit ("文/广州日报全媒体记者汤南", "…记者王燕摄") is complete without a full stop.
_CREDIT = re.compile(rf"^\s*(?:{one_of(CREDIT_LABELS)})\s*[/／：:]|记者\S{{1,4}}摄\s*$")

# A title line is short and ends open (no punctuation); one ending in 、，：（ is a sentence going on.
_TITLE_LINE_MAX, _OPEN_END = 24, re.compile(r"[，,、；;：:（(“]$")


@dataclass
class Block:
    kind: str  # item / h2 / para
    number: int
    lines: list[str]
    section: str
    part: str
    line_start: int
    line_end: int
    heading_only: bool = False  # a （一）heading line without body text
    path: str = ""
    unit_lines: list[str] = field(default_factory=list)
    section_ref: Section | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)  # label lines after the units ("完成时限：…")
    article: bool = False  # a 第X条 block: its （一）（二） lines are its own sub-clauses
    listing: bool = False  # a 第X条 that announced a list ("以下物品不属于销毁范围：") and holds its 1. 2. lines
    roster: bool = False  # a roster paragraph ("组长：…；副组长：…")
    # its entries with each name set apart from its post (the text keeps the spacing as written)
    roster_entries: list[str] = field(default_factory=list)
    duties: bool = False  # a roster that has taken its group's "职责：…" line: it is complete

    @property
    def text(self) -> str:
        return collapse_spaces("".join(self.lines))

    @property
    def clause_text(self) -> str:
        """The text with a short title line set off as a sentence of its own ("强化媒体宣传工作" over
        "县政府要积极协调…"): the body's subject opens its own clause (corpus/inline.py reads clauses)."""
        first = collapse_spaces(self.lines[0]) if len(self.lines) > 1 else ""
        if first and len(first) <= _TITLE_LINE_MAX and not _OPEN_END.search(first):
            return collapse_spaces(first + "。" + "".join(self.lines[1:]))
        return self.text

    def joinable(self) -> bool:
        if not self.text:  # "第一条" alone on its line (PDF layout): its text is on the next lines
            return True
        if self.heading_only or self.unit_lines or _CREDIT.search(self.lines[-1]):
            return False
        # "…扩大影响。（责任单位：区农发局、各乡镇）": a task closed by its responsibility parenthesis is complete
        return not ends_sentence(self.text) and not (self.text.endswith(("）", ")")) and trailing_units(self.text))

    def has_units(self) -> bool:
        return bool(self.unit_lines) or bool(trailing_units(self.text))
