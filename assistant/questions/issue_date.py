"""A document's signature: when it was issued ("组建抢险队的通知什么时候发的", "这份责任清单是哪天印发的", "发文日期"),
who sealed it ("这个通知是谁代章的"), who signed it ("落款单位是哪个").

The answer is the document's signature as the header reads it (corpus/header.py): date, seal line, issuer. The
question must name the document and nothing else: every word besides the question's own wording is in the document's title, its
attachments' or its tables' titles — "检查组什么时候发布通报" asks about something the text says, and is searched.
"""

from __future__ import annotations

import re

from assistant.documents.names import DocMatch, find_documents, name_key
from assistant.questions.answer import Answer, Citation
from assistant.questions.frames import IssueDate
from assistant.user_input.normalise import normalise
from corpus import vocabulary_questions as qv
from corpus.vocabulary import (
    FUNCTION,
    GENRE_WORDS,
    PARTICLE,
    SELF_DEMONSTRATIVES,
    alternation,
    one_of,
    question_words,
    question_words_regex,
    self_reference,
)

_ASKED = re.compile(rf"(?:{one_of(qv.ISSUE_WHEN)})(?:{one_of(qv.ISSUE_DONE)})"
                    rf"|(?:{one_of(qv.ISSUE_NOUNS)})的?(?:{one_of(qv.ISSUE_DATE_NOUNS)})")
_GENRE = re.compile(alternation(GENRE_WORDS))
_SEAL_ASKED = re.compile(one_of(qv.SEAL_ASKS))
_ISSUER_ASKED = re.compile(one_of(qv.ISSUER_ASKS))
_FILLER = re.compile(rf"{alternation(question_words(PARTICLE, FUNCTION))}|[^\u4e00-\u9fff0-9a-z]")  # 是 的 吗, punctuation
_DEMONSTRATIVE = re.compile(alternation(SELF_DEMONSTRATIVES))  # "这份防汛责任清单": the document itself


def asks_issue_date(question: str) -> bool:
    return bool(_ASKED.search(name_key(normalise(question))))


def _names_only(rest: str, doc) -> bool:
    """Whether what is left of the question, besides a genre word, is written in the document's names."""
    names = name_key("".join((doc.title, doc.short_name, *doc.aliases, *doc.attachments, *(t.title for t in doc.tables))))
    left = _FILLER.sub("", _GENRE.sub("", _DEMONSTRATIVE.sub("", question_words_regex().sub("", rest))))
    return all(ch in names for ch in left)


def recognise(question: str, documents) -> IssueDate | None:
    q = name_key(normalise(question))
    asks = next(((kind, m) for kind, rx in (("seal", _SEAL_ASKED), ("issuer", _ISSUER_ASKED), ("date", _ASKED))
                 if (m := rx.search(q))), None)
    if asks is None or not documents:
        return None
    kind, m = asks
    rest = self_reference().sub(" ", q[:m.start()] + " " + q[m.end():])
    docs = tuple(find_documents(q, documents))
    for d in docs:
        rest = rest.replace(d.span, " ")
    if not docs and len(documents) == 1:  # "这份清单是哪天发的" with one document: that document
        docs = (DocMatch(documents[0], q[:m.start()] or q, 0),)
    docs = tuple(d for d in docs if _names_only(rest, d.document))
    return IssueDate(q, documents=docs[:1], asks=kind) if docs else None


def answer(question: str, frame: IssueDate) -> Answer:
    d = frame.documents[0].document
    cite = (Citation(d.short_name, d.source, "文件信息", d.title, 1.0),)
    if frame.asks in ("seal", "issuer"):
        said = d.seal if frame.asks == "seal" else d.issuer
        what = "代章" if frame.asks == "seal" else "落款单位"
        if not said:
            return Answer(question, "doc_info", False, (f"《{d.short_name}》的落款里没有写{what}。",), cite)
        line = f"《{d.short_name}》落款：{d.issuer}" + (f"（{d.seal}）" if d.seal else "") + (f"，{d.date}" if d.date else "") + "。"
        return Answer(question, "doc_info", True, (line,), cite)
    if not d.date:
        return Answer(question, "doc_info", False, (f"《{d.short_name}》没有写明印发日期（落款里没有日期）。",), cite)
    by = f"，发文单位：{d.issuer}" if d.issuer else ""
    number = f"，文号：{d.doc_number}" if d.doc_number else ""
    return Answer(question, "doc_info", True, (f"《{d.short_name}》的落款日期是{d.date}{by}{number}。",), cite)
