"""The one entry point for questions, shared by the CLI, the terminal chat and Telegram.

``ask`` hands the question to the router (assistant/questions/router.py), which decides where it goes;
``item_text`` is the full text of one item (`docbot item`, /item, the 原文 button).
"""

from __future__ import annotations

from typing import Any

from assistant.documents.knowledge import Knowledge
from assistant.documents.names import name_key, resolve_document
from assistant.questions.answer import Answer, Choice
from assistant.questions.basic_answers import doc_info_answer, docs_answer, not_found, validate
from assistant.questions.item_answers import item_text_of
from assistant.questions.router import Router, Turn, default_router

__all__ = ["ask", "doc_info_answer", "docs_answer", "item_text", "not_found", "validate"]


def ask(question: str, knowledge: Knowledge, *, offset: int = 0, router: Router | None = None,
        **services: Any) -> Answer:
    """Answer one question on its own (no conversation). Never raises for any user input.

    Every route is decided by the router (assistant/questions/router.py); ``services`` are the channel's
    (``db``, ``now``, ``rules``, ``role`` … as ``Turn`` fields). Conversations call ``Router.route``
    with their context instead.
    """
    return (router or default_router()).route(Turn(question, knowledge, offset=offset, **services))[0]


def item_text(knowledge: Knowledge, document_name: str, number: int) -> Answer:
    """The full text of item ``number`` of the named document (`docbot item`, /item, the 原文 button)."""
    question = f"{document_name} 第{number}项"
    docs = resolve_document(document_name, knowledge.corpus.documents) if name_key(document_name) else []
    if not docs:
        names = "、".join(d.short_name for d in knowledge.corpus.documents)
        return Answer(question, "item_text", False, f"没有找到文件“{document_name}”。可用的文件：{names}")
    if len(docs) > 1:
        names = "、".join(d.short_name for d in docs)
        return Answer(question, "item_text", False, f"“{document_name}”可能指：{names}，请写得更具体些。",
                      choices=tuple(Choice(d.short_name, f"{d.short_name}第{number}项原文") for d in docs))
    return item_text_of(question, docs[0], number)  # several candidates where the number repeats
