"""The one entry point for questions, shared by the CLI, the terminal chat and Telegram.

``ask`` hands the question to the router (assistant/router.py), which decides where it goes; this
module keeps the input check and the answers about the document library that several routes share.
"""

from __future__ import annotations

import logging

from assistant.answers import Answer, Choice, Citation
from assistant.docnames import norm, resolve_document
from assistant.examples import HELP_TEXT
from assistant.knowledge import Knowledge
from assistant.structured import item_text_of
from corpus.model import MAIN_PART

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500


def _meaningful(c: str) -> bool:
    """A CJK ideograph, an ASCII digit or letter. Not a regex: compiling the CJK range costs ~1 ms
    of every cold start (re builds a 64K-entry table in Python)."""
    return "\u4e00" <= c <= "\u9fff" or (c.isascii() and c.isalnum())


def _invalid(question: str, text: str) -> Answer:
    return Answer(question, "invalid", False, text)


def validate(question: str) -> Answer | None:
    """A reply for input that is not a question at all; None when the question can be answered."""
    q = question.strip()
    if not q:
        return _invalid(question, "请输入问题。" + HELP_TEXT)
    if len(q) > MAX_QUESTION_CHARS:
        return _invalid(question, f"问题太长了（{len(q)}字）。请控制在{MAX_QUESTION_CHARS}字以内，一次问一件事。\n" + HELP_TEXT)
    if not any(map(_meaningful, q)):
        return _invalid(question, "没有看懂这个问题。" + HELP_TEXT)
    return None


def not_found(question: str, intent: str = "free") -> Answer:
    return Answer(question, intent, False, "文件中没有找到相关内容。\n" + HELP_TEXT)


def docs_answer(question: str, knowledge: Knowledge) -> Answer:
    from assistant.doc_report import describe

    lines = [f"共收录{len(knowledge.corpus.documents)}份文件："]
    for d in knowledge.corpus.documents:
        count = describe(d).count()  # as `docbot inspect` counts the same file
        extra = f"，{len(d.tables)}个表格" if d.tables else ""
        number = f"（{d.doc_number}）" if d.doc_number else ""
        lines.append(f"· {d.short_name}：{d.title}{number}，{count}{extra}")
    return Answer(question, "docs", True, "\n".join(lines))


def doc_info_answer(question: str, parsed) -> Answer:
    """"越秀工作要点有多少项": the named documents' title, number, date and how many items each part has."""
    lines, cites = [], []
    for m in parsed.documents:
        d = m.document
        parts: dict[str, int] = {}
        for it in d.items:
            if it.number:  # unnumbered paragraph tasks (number 0) are not "项"
                parts[it.part] = parts.get(it.part, 0) + 1
        counts = "；".join(f"{'正文' if p == MAIN_PART else p + '：'}{n}项" for p, n in parts.items()) or "无编号条目"
        meta = "，".join(x for x in (d.doc_number, d.issuer, d.date) if x)
        extra = f"；{len(d.tables)}个表格" if d.tables else ""
        lines.append(f"《{d.short_name}》：{d.title}" + (f"（{meta}）" if meta else "") + f"。{counts}{extra}。")
        cites.append(Citation(d.short_name, d.source, "文件信息", d.title, 1.0))
    text = "\n".join(lines)
    numbered = next((m.document for m in parsed.documents if m.document.main_items), None)
    if numbered is not None:
        text += f"\n可以接着问某一项，如“{numbered.short_name}第1项谁牵头”。"
    return Answer(question, "doc_info", True, text + "\n来源：" + "；".join(c.document for c in cites), tuple(cites))


def ask(question: str, knowledge: Knowledge, *, offset: int = 0) -> Answer:
    """Answer one question on its own (no conversation). Never raises for any user input.

    Every route is decided in assistant/router.py; conversations call ``router.route`` with their
    context instead.
    """
    from assistant.router import Turn, route

    return route(Turn(question, knowledge, offset=offset))[0]


def item_text(knowledge: Knowledge, document_name: str, number: int) -> Answer:
    """The full text of item ``number`` of the named document (`docbot item`, /item, the 原文 button)."""
    question = f"{document_name} 第{number}项"
    docs = resolve_document(document_name, knowledge.corpus.documents) if norm(document_name) else []
    if not docs:
        names = "、".join(d.short_name for d in knowledge.corpus.documents)
        return Answer(question, "item_text", False, f"没有找到文件“{document_name}”。可用的文件：{names}")
    if len(docs) > 1:
        names = "、".join(d.short_name for d in docs)
        return Answer(question, "item_text", False, f"“{document_name}”可能指：{names}，请写得更具体些。",
                      choices=tuple(Choice(d.short_name, f"{d.short_name}第{number}项原文") for d in docs))
    return item_text_of(question, docs[0], number)  # several candidates where the number repeats
