"""The one entry point for questions, shared by the CLI, the terminal chat and Telegram.

Order: reject bad input with a clear reply → structured intents (exact, from parsed structure) →
free-text search (when a searcher is configured) → an honest "not found" with examples.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from assistant.answers import Answer, Choice, Citation
from assistant.docnames import norm, resolve_document
from assistant.examples import HELP_TEXT
from assistant.intents import Parsed, asks_responsible_unit, parse_question
from assistant.knowledge import Knowledge
from assistant.structured import (
    answer_item,
    answer_leader,
    answer_point,
    answer_unit,
    item_text_of,
    responsibility_of,
)
from corpus.model import MAIN_PART

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def _invalid(question: str, text: str) -> Answer:
    return Answer(question, "invalid", False, text)


def validate(question: str) -> Answer | None:
    """A reply for input that is not a question at all; None when the question can be answered."""
    q = question.strip()
    if not q:
        return _invalid(question, "请输入问题。" + HELP_TEXT)
    if len(q) > MAX_QUESTION_CHARS:
        return _invalid(question, f"问题太长了（{len(q)}字）。请控制在{MAX_QUESTION_CHARS}字以内，一次问一件事。\n" + HELP_TEXT)
    if not _MEANINGFUL.search(q):
        return _invalid(question, "没有看懂这个问题。" + HELP_TEXT)
    return None


def not_found(question: str, intent: str = "free") -> Answer:
    return Answer(question, intent, False, "文件中没有找到相关内容。\n" + HELP_TEXT)


def docs_answer(question: str, knowledge: Knowledge) -> Answer:
    lines = [f"共收录{len(knowledge.corpus.documents)}份文件："]
    for d in knowledge.corpus.documents:
        count = f"{len(d.main_items)}项" if d.main_items else "无编号条目"
        extra = f"，{len(d.tables)}个表格" if d.tables else ""
        number = f"（{d.doc_number}）" if d.doc_number else ""
        lines.append(f"· {d.short_name}：{d.title}{number}，{count}{extra}")
    return Answer(question, "docs", True, "\n".join(lines))


def doc_info_answer(question: str, parsed: Parsed) -> Answer:
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


def _parse_more(question: str) -> tuple[str, int] | None:
    try:
        from assistant.search_answer import parse_more
    except ImportError:
        return None
    return parse_more(question)


def _free(question: str, parsed: Parsed | None, knowledge: Knowledge, offset: int) -> Answer:
    searcher = knowledge.searcher
    if searcher is None:
        return not_found(question)
    from assistant.search_answer import answer_free  # search is optional and heavy: import on demand

    if parsed is None:  # a "更多" follow-up: search the same text as the first page did
        parsed = parse_question(question, knowledge.units, knowledge.contacts, knowledge.corpus.documents)
    answer = answer_free(question, searcher, offset=offset, query=parsed.search or None)
    if answer.found and parsed.must and not _mentions(answer.citations[0].text, parsed.must):
        from assistant.search_answer import not_found as search_not_found

        return search_not_found(question, searcher.documents)
    if answer.found and answer.citations and asks_responsible_unit(question):
        return _with_responsibility(answer, knowledge)
    return answer


def _mentions(text: str, words: str) -> bool:
    """Whether ``text`` holds any two-character piece of ``words`` (or ``words`` itself if shorter)."""
    t = norm(text)
    pieces = [words[i:i + 2] for i in range(len(words) - 1)] or [words]
    return any(p in t for p in pieces)


def _with_responsibility(answer: Answer, knowledge: Knowledge) -> Answer:
    """Add the cited item's responsible units to a search answer that asks who is responsible."""
    best = answer.citations[0]
    found = responsibility_of(knowledge.corpus.documents, best.source, best.locator, answer.question)
    if found is None:
        return answer
    item, units = found
    head, sep, tail = answer.text.partition("\n来源：")
    text = f"{head}\n责任分工（{best.document} {item.locator}）：{units}{sep}{tail}"
    return replace(answer, text=text)


def ask(question: str, knowledge: Knowledge, *, offset: int = 0) -> Answer:
    """Answer one question. Never raises for any user input."""
    bad = validate(question)
    if bad:
        return bad
    question = question.strip()
    k = knowledge
    if question.startswith("更多"):  # a "更多结果" follow-up produced by a previous search answer
        more = _parse_more(question)
        if more:
            return _free(more[0], None, k, more[1])
    parsed = parse_question(question, k.units, k.contacts, k.corpus.documents)
    if parsed.kind == "help":
        return Answer(question, "help", True, "我是党建文件助手，回答收录文件中的问题并注明出处。\n" + HELP_TEXT)
    if parsed.kind == "docs":
        return docs_answer(question, k)
    if parsed.kind == "doc_info":
        return doc_info_answer(question, parsed)
    if parsed.kind == "item":
        return answer_item(question, parsed, k.corpus.documents, k.units)
    if parsed.kind == "leader_points":
        return answer_leader(question, parsed, k.contacts)
    if parsed.kind == "point_leaders":
        return answer_point(question, parsed, k.contacts)
    if parsed.kind == "unit_items":
        return answer_unit(question, parsed, k.units)
    if parsed.kind == "unknown_entity":
        name = parsed.leaders[0]
        return Answer(question, "unknown_entity", False,
                      f"文件中没有找到“{name}”（既不是挂点区领导，也不是责任单位）。请检查名称是否写全、写对。\n" + HELP_TEXT)
    return _free(question, parsed, k, offset)


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
