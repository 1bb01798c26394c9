"""What every question returns, whatever the channel: an answer text plus its citations."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from corpus.vocabulary import LABEL_NUMERALS

_LOCATOR = re.compile(rf"^(?:(附件[0-9{LABEL_NUMERALS}]*)\s*)?.*?第(\d+)(项|行|段)$")


@dataclass(frozen=True)
class Citation:
    document: str  # short title, e.g. "越秀工作要点"
    source: str  # corpus file name
    locator: str  # "第17项" | "附件1 第3行" | "正文 第2段"
    text: str  # the full passage
    score: float = 1.0
    # Structured position, so channels and follow-ups never re-read the locator text: the part
    # ("正文" / "附件1") and the item number (None when the passage is a row or a paragraph).
    part: str = field(default="", compare=False)
    item: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.part:
            m = _LOCATOR.match(self.locator or "")
            object.__setattr__(self, "part", (m.group(1) if m and m.group(1) else "正文"))
            if m and m.group(3) == "项" and self.item is None:
                object.__setattr__(self, "item", int(m.group(2)))


@dataclass(frozen=True)
class Choice:
    """An alternative the user can pick (e.g. which document they meant): a label and the question
    that picking it asks."""

    label: str
    question: str


@dataclass(frozen=True)
class Answer:
    question: str
    intent: str  # "lead", "cooperate", "responsible", "item_text", "unit_items", "leader_points", "point_leaders", "search", "help", "invalid"…
    found: bool
    text: str  # the full answer as a user sees it, citations included
    citations: tuple[Citation, ...] = ()
    choices: tuple[Choice, ...] = ()  # for disambiguation buttons
    more: str | None = None  # a follow-up question that yields the next results ("更多")
    # The answer's body as separate blocks (without the "来源：" line), for code that combines answers;
    # empty for answers that are one block (then the body is the text before its sources).
    blocks: tuple[str, ...] = ()
    # A search answer vouched for by meaning alone (the dense gate), not by shared wording: checks
    # that look for shared words ("shares only a name") do not apply to it.
    by_meaning: bool = False

    @property
    def body(self) -> str:
        """The answer without its sources line(s)."""
        if self.blocks:
            return "\n".join(self.blocks)
        return self.text.split("\n来源：", 1)[0].rstrip()

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "intent": self.intent,
            "found": self.found,
            "answer": self.text,
            "citations": [asdict(c) for c in self.citations],
        }


