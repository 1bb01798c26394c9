"""Stand-ins for a search hit and its passage (index.searcher), for tests of the answer gate."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Passage:
    text: str
    kind: str = "paragraph"  # "row" for a table row, read as one record

    @property
    def index_text(self) -> str:
        return self.text


@dataclass
class Hit:
    passage: Passage
    coverage: float
