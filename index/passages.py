"""Passages: the units that search ranks, cut along the document structure (never fixed windows).

One passage per numbered item (joined across page breaks by the parser, heading path kept in
``section``), extra "subclause" passages for the sentences of a long item (so a long item is not
drowned by BM25 length normalisation), one per paragraph (long paragraphs split at sentence ends)
and one per table row (with its column headers, via ``Row.text``). A passage never mixes two items.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from corpus.model import Document

PASSAGE_FORMAT = 1  # bump when the way passages are cut changes: every cached file is rebuilt

LONG_CHARS = 220  # items/paragraphs above this also get sentence-group passages
CHUNK_CHARS = 160  # target size of one sentence group
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;])")


@dataclass(frozen=True)
class Passage:
    id: str  # stable: "<source>#<n>"
    source: str  # corpus file name
    document: str  # short name
    locator: str  # "第17项" | "附件1 第3行" | "正文 第2段"
    text: str  # the full passage text (what a citation quotes)
    section: str = ""  # heading path, indexed together with the text
    kind: str = "item"  # "item" | "subclause" | "paragraph" | "row"
    parent: str = ""  # for a subclause: the id of the whole item/paragraph it was cut from

    @property
    def index_text(self) -> str:
        """What the lexical and dense indexes see: heading path + text."""
        return f"{self.section}\n{self.text}" if self.section else self.text

    def to_json(self) -> dict:
        return asdict(self)


def sentences(text: str) -> list[str]:
    """Split at Chinese sentence ends (。；！？), keeping the punctuation; drops empty pieces."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def sentence_groups(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Consecutive sentences packed into groups of about ``size`` characters."""
    groups: list[str] = []
    cur = ""
    for s in sentences(text):
        if cur and len(cur) + len(s) > size:
            groups.append(cur)
            cur = ""
        cur += s
    if cur:
        groups.append(cur)
    return groups


def document_passages(doc: Document) -> list[Passage]:
    out: list[Passage] = []

    def add(locator: str, text: str, section: str, kind: str, parent: str = "") -> str:
        pid = f"{doc.source}#{len(out)}"
        out.append(Passage(id=pid, source=doc.source, document=doc.short_name, locator=locator,
                           text=text, section=section, kind=kind, parent=parent))
        return pid

    def add_long(locator: str, text: str, section: str, kind: str, context: str) -> None:
        pid = add(locator, text, section, kind)
        if len(text) > LONG_CHARS:
            groups = sentence_groups(text)
            if len(groups) > 1:
                for g in groups:
                    add(locator, g, context, "subclause", pid)

    for item in doc.items:
        # The item heading travels with every piece so a piece still says what it is about.
        ctx = f"{item.section} / {item.heading}".strip(" /")
        add_long(item.locator, item.text, item.section, "item", ctx)
    for para in doc.paragraphs:
        if para.text.strip():
            add_long(para.locator, para.text.strip(), para.section, "paragraph", para.section)
    for table in doc.tables:
        for row in table.rows:
            if row.text:
                add(table.locator(row), row.text, table.title, "row")
    return out


def passages_hash(passages: list[Passage]) -> str:
    """Content hash of a document's passages: changes when the text or the cutting changes."""
    h = hashlib.sha256(f"format={PASSAGE_FORMAT}".encode())
    for p in passages:
        h.update(json.dumps(p.to_json(), ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()[:16]
