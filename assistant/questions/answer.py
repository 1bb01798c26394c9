"""What every question returns, whatever the channel: an answer as a value.

An ``Answer`` holds its body blocks, typed citations, the next page of results (``more``), the choices
to pick from when the question was ambiguous, the parties it presents by role and a ``found`` flag.
Nothing here is text to be split again: each surface renders the value its own way
(assistant/questions/render.py: terminal text and JSON; handlers/render.py: Telegram HTML and buttons).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.questions.render import render_text
from corpus.vocabulary import LABEL_NUMERALS, LOCATOR_NOUNS, one_of

_LOCATOR = re.compile(rf"^(?:(附件[0-9{LABEL_NUMERALS}]*)\s*)?.*?第(\d+)({one_of(LOCATOR_NOUNS)})$")


@dataclass(frozen=True)
class Citation:
    document: str  # short title, e.g. "越秀工作要点"; for a ledger its name ("走访台账")
    source: str  # corpus file name ("" for a ledger or a rule)
    locator: str  # "第17项" | "附件1 第3行" | "正文 第2段" | a ledger's "第12号记录"
    text: str  # the full passage
    score: float = 1.0
    # Structured position, so channels and follow-ups never re-read the locator text: the part
    # ("正文" / "附件1") and the item number (None when the passage is a row or a paragraph).
    part: str = field(default="", compare=False)
    item: int | None = field(default=None, compare=False)
    # What is cited: a passage of a document, a record in a ledger (走访台账, 整改台账), or the rule an
    # answer applied (cited after the ledger as its basis).
    kind: str = field(default="document", compare=False)  # document | ledger | rule

    def __post_init__(self) -> None:
        if not self.part and self.kind == "document":
            m = _LOCATOR.match(self.locator or "")
            object.__setattr__(self, "part", (m.group(1) if m and m.group(1) else "正文"))
            if m and m.group(3) == "项" and self.item is None:
                object.__setattr__(self, "item", int(m.group(2)))


def ledger(name: str, record: int | None = None) -> Citation:
    """A record ledger as a source: "走访台账", or one record of it ("走访台账第12号记录")."""
    return Citation(name, "", f"第{record}号记录" if record is not None else "", "", kind="ledger")


def rule(where: str, text: str = "") -> Citation:
    """The rule an answer applied, named where the documents state it ("《越秀工作要点》第32项")."""
    return Citation(where, "", "", text, kind="rule")


@dataclass(frozen=True)
class Choice:
    """An alternative the user can pick (e.g. which document they meant): a label and the question
    that picking it asks."""

    label: str
    question: str


@dataclass(frozen=True)
class Page:
    """A page of search results: the question and the rank the page starts at (0 = the first)."""

    question: str
    offset: int


# How an answer lists its citations (the renderers read this; the core never writes the line):
# each: every distinct "document locator", in order; by_document: one group per document ("越秀工作要点
# 第3项、第5项"); documents: the documents' names only; first: the quoted passage as the source, the
# others as "see also" (search pages); unlisted: offered as related, not as a source of the answer.
Sources = Literal["each", "by_document", "documents", "first", "unlisted"]


@dataclass(frozen=True)
class Answer:
    question: str
    intent: str  # "lead", "cooperate", "responsible", "item_text", "unit_items", "leader_points", "point_leaders", "search", "help", "invalid"…
    found: bool
    # The body: one string per block. A plain string is one block.
    blocks: tuple[str, ...] | str = ()
    citations: tuple[Citation, ...] = ()
    choices: tuple[Choice, ...] = ()  # for disambiguation buttons
    more: Page | None = None  # the next page of results ("更多")
    # A search answer vouched for by meaning alone (the dense gate), not by shared wording: checks
    # that look for shared words ("shares only a name") do not apply to it.
    by_meaning: bool = False
    sources: Sources = "each"  # how the citations are listed
    paragraphs: bool = False  # blocks stand apart (a blank line between them) rather than line by line
    # The responsible units the answer presents, by role, in order: (("lead", ("区民政局",)), …).
    parties: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.blocks, str):
            object.__setattr__(self, "blocks", (self.blocks,) if self.blocks else ())

    @property
    def text(self) -> str:
        """The answer as the terminal shows it (assistant/questions/render.py); core code never reads it."""
        return render_text(self)

    def presented(self, role: str) -> tuple[str, ...]:
        """The units the answer presents first in ``role`` (() when it presents none)."""
        return next((units for r, units in self.parties if r == role), ())
