"""Typed question frames: what a question asks, filled by the recognisers in assistant/questions/router.py.

One small dataclass per kind of question. Each has a ``kind`` (the intent name answers and tests
use) and only the fields that kind needs. Field names are shared where the meaning is shared
(``documents``, ``units``, ``role``…) so follow-ups can carry them from one frame to the next, and so
the structured answer functions read any frame that has the fields they use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from assistant.documents.names import DocMatch
from corpus.model import MAIN_PART


@dataclass(frozen=True)
class Frame:
    kind: ClassVar[str] = "frame"
    text: str = ""  # the normalised question


@dataclass(frozen=True)
class Invalid(Frame):
    """Not a question at all (empty, too long, no letters or digits): said so, in Chinese."""

    kind: ClassVar[str] = "invalid"
    reply: str = ""


@dataclass(frozen=True)
class Note(Frame):
    """A visit note, not a question ("走访记录：王焕清 11月5日到东山街督导…"): records take it."""

    kind: ClassVar[str] = "note"


@dataclass(frozen=True)
class SmallTalk(Frame):
    """你好 / 谢谢 / 再见 / 你能做什么 / /help / /docs typed as text: a short fitting reply, never a search."""

    kind: ClassVar[str] = "smalltalk"
    topic: str = "greeting"  # greeting | thanks | bye | presence | help | docs | identity


@dataclass(frozen=True)
class Docs(Frame):
    kind: ClassVar[str] = "docs"


@dataclass(frozen=True)
class DocInfo(Frame):
    kind: ClassVar[str] = "doc_info"
    documents: tuple[DocMatch, ...] = ()
    part: str = MAIN_PART


@dataclass(frozen=True)
class IssueDate(DocInfo):
    """"组建抢险队的通知什么时候发的", "谁代章的": the named (or only) document's signature — its date, seal or issuer."""

    asks: str = "date"  # date | seal | issuer


@dataclass(frozen=True)
class ItemQuestion(Frame):
    """第17项谁牵头 / 第3、4项 / 原文: one or several items, the role asked, any unit named with them."""

    kind: ClassVar[str] = "item"
    number: int | None = None
    numbers: tuple[int, ...] = ()
    part: str = MAIN_PART
    role: str = "text"  # lead | cooperate | responsible | text
    documents: tuple[DocMatch, ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitDuties(Frame):
    """区信访局要配合哪些工作: a unit's duties (role lead | cooperate | all)."""

    kind: ClassVar[str] = "unit_items"
    units: tuple[str, ...] = ()
    role: str = "all"
    documents: tuple[DocMatch, ...] = ()
    together: bool = False  # only the items all the named units share ("都参与", "共同")
    topic: str = ""  # only the duties under a section or heading holding these words ("承接哪些省级试点事项")
    spelled: tuple[str, ...] = ()  # the names as asked when they are shorter forms ("各村委会"): the text may use them too


@dataclass(frozen=True)
class LeaderPoints(Frame):
    kind: ClassVar[str] = "leader_points"
    leaders: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # table headers the question asks about (社区, 学校…)
    documents: tuple[DocMatch, ...] = ()


@dataclass(frozen=True)
class PointLeaders(Frame):
    kind: ClassVar[str] = "point_leaders"
    points: tuple[str, ...] = ()
    documents: tuple[DocMatch, ...] = ()


@dataclass(frozen=True)
class Count(Frame):
    """组织部牵头几项 / 挂点的社区有几个 / 区领导有几位: a number computed from structure, rule cited."""

    kind: ClassVar[str] = "count"
    what: str = "unit_duties"  # unit_duties | column | leaders | items
    units: tuple[str, ...] = ()
    role: str = "all"
    column: str = ""
    documents: tuple[DocMatch, ...] = ()
    number_only: bool = False  # "只要数字"


@dataclass(frozen=True)
class ScoreBand(Frame):
    """考核得了80分是什么等次: the score placed in the grade bands the documents define."""

    kind: ClassVar[str] = "score_band"
    score: float = 0.0
    below: bool = False  # "60分以下": just under the score


@dataclass(frozen=True)
class CrossDocument(Frame):
    """各文件对…有什么要求 / 哪些文件提到…: one line per document, each cited."""

    kind: ClassVar[str] = "cross_document"
    topic: str = ""


@dataclass(frozen=True)
class UnknownEntity(Frame):
    kind: ClassVar[str] = "unknown_entity"
    name: str = ""

    @property
    def leaders(self) -> tuple[str, ...]:  # the name, for callers written against the old Parsed
        return (self.name,)


@dataclass(frozen=True)
class Clarify(Frame):
    """Two equally good readings (two documents one typo away): ask back with buttons."""

    kind: ClassVar[str] = "clarify"
    prompt: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (label, question to ask when picked)


@dataclass(frozen=True)
class More(Frame):
    """"更多": the next page of the previous search, or the rest of the previous structured answer."""

    kind: ClassVar[str] = "more"
    question: str = ""  # what the first page answered ("" → from the conversation context)
    offset: int = 0


@dataclass(frozen=True)
class Search(Frame):
    """Everything else: free-text search over the passages."""

    kind: ClassVar[str] = "free"
    documents: tuple[DocMatch, ...] = ()
    search: str = ""  # the text to search when it differs from the question (names generalised)
    must: str = ""  # words the best passage must mention ("手机号" in "苏佩的手机号")
    offset: int = 0
    unit: str = ""  # "村委负责什么": the body asked of, written in the text but no party; the passage must name it


@dataclass(frozen=True)
class DraftReply(Frame):
    """A reply to the bot's question about a visit-note draft (Telegram keeps the draft): the draft takes it."""

    kind: ClassVar[str] = "note"


@dataclass(frozen=True)
class InformalNote(Frame):
    """"王书记上周五去七中看了看": a visit told in passing, with the leader it names (records take it)."""

    kind: ClassVar[str] = "note"
    leader: str = ""
    resolved: str = ""  # the text with the leader's full name in place of the mention
    original: str = ""


@dataclass(frozen=True)
class RecordQuery(Frame):
    """"王焕清这个月去了哪些地方": a question about the records (assistant/records/questions.py)."""

    kind: ClassVar[str] = "records"
    record: object = None  # the recognised assistant.records.questions.RecordQuestion
