"""What every question returns, whatever the channel: an answer text plus its citations."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Citation:
    document: str  # short title, e.g. "越秀工作要点"
    source: str  # corpus file name
    locator: str  # "第17项" | "附件1 第3行" | "正文 第2段"
    text: str  # the full passage
    score: float = 1.0


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

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "intent": self.intent,
            "found": self.found,
            "answer": self.text,
            "citations": [asdict(c) for c in self.citations],
        }


