"""Which document a question names: by short name, alias, or any recognisable part of its title.

Users write "越秀工作要点", "监督条例方案", "洛阳", "海珠城管", "2018年工作要点"… The bundled names
come from corpus/documents/names.toml; a document without an entry is still found through its title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.model import Document
from corpus.text import normalize_for_match

# Genre words: they name a kind of document, never one document. Beyond these, a title fragment
# identifies a document only when no other document's title contains it (see find_documents).
_GENRE = {
    "工作方案", "实施方案", "实施意见", "工作要点", "行动计划", "三年行动", "三年行动计划", "党的建设",
    "加强和规范", "关于加强", "关于印发", "的通知",
}
_MIN_TITLE_OVERLAP = 4


_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」]")


def norm(text: str) -> str:
    """The corpus matching form (NFKC, no markup or whitespace) without quotes and title marks, which
    people type inconsistently ("党内监督条例" for "《中国共产党党内监督条例》")."""
    return _QUOTES.sub("", normalize_for_match(text))


@dataclass(frozen=True)
class DocMatch:
    document: Document
    span: str  # the matched text (in normalised form), so callers can remove it from the question
    strength: int  # longer / more specific matches rank first


def _longest_common_substring(a: str, b: str) -> str:
    best = ""
    # Questions and titles are short (< 100 chars): the quadratic scan is microseconds.
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def find_documents(question: str, documents: Sequence[Document]) -> list[DocMatch]:
    """Documents the question names, best first. Empty when it names none."""
    q = norm(question)
    titles = {id(d): norm(d.title) for d in documents}
    matches: list[DocMatch] = []
    for doc in documents:
        names = [doc.short_name, *doc.aliases, doc.doc_number]
        best = max((norm(n) for n in names if n and norm(n) in q), key=len, default="")
        # A name people use always beats a fragment of a title.
        strength = 1000 + len(best) if best else 0
        if not best and doc.title:
            overlap = _longest_common_substring(q, titles[id(doc)])
            shared = any(overlap in t for k, t in titles.items() if k != id(doc))
            if len(overlap) >= _MIN_TITLE_OVERLAP and overlap not in _GENRE and not shared:
                best, strength = overlap, len(overlap)
        if best:
            matches.append(DocMatch(doc, best, strength))
    if not matches:
        return []
    matches.sort(key=lambda m: -m.strength)
    top = matches[0].strength
    # An alias contained in a longer one ("工作要点" in "越秀工作要点") must not add a second document:
    # keep only the matches as specific as the best one.
    return [m for m in matches if m.strength == top]


def resolve_document(name: str, documents: Sequence[Document]) -> list[Document]:
    """For `docbot item <document> <n>` and /item: the documents a bare name refers to."""
    n = norm(name)
    exact = [d for d in documents if n in {norm(x) for x in (d.short_name, *d.aliases, d.source, d.doc_number) if x}]
    if exact:
        return exact
    return [m.document for m in find_documents(name, documents)]
