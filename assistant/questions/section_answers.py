"""A question that names a section by its own title ("督查内容有哪些", "保障措施是什么"): the section's
numbered items, each quoted and cited, rather than the one item search ranks first.

Only the title and question words may make up the question: "保障措施里经费怎么安排" asks about one thing in
the section, and goes to search.
"""

from __future__ import annotations

import re

from assistant.questions.answer import Answer, Citation
from assistant.user_input.normalise import strip_question
from corpus.model import Document, Item
from corpus.vocabulary import SELF_DEMONSTRATIVES, alternation
from corpus.vocabulary_questions import SECTION_QUESTION_WORDS, SECTION_TITLE_NOUNS

MIN_TITLE = 4  # "督查内容", "保障措施": a shorter title ("要求") names no one section
MAX_LISTED = 12
ITEM_CHARS = 80
_LABEL = re.compile(r"^(?:[（(]?[一二三四五六七八九十]{1,3}[、.．）)]|第[一二三四五六七八九十]{1,3}"
                    rf"[{''.join(SECTION_TITLE_NOUNS)}])\s*")
# What a question about a section may hold besides its title: "有哪些", "主要是什么", "包括什么内容".
_FRAME = re.compile(alternation((*SECTION_QUESTION_WORDS, *SELF_DEMONSTRATIVES)))


def _title(section: str) -> str:
    """"二、督查内容：" → 督查内容 (the last heading of an item's section path, label and colon dropped)."""
    last = section.split(" / ")[-1] if section else ""
    return _LABEL.sub("", last).rstrip("：:").strip()


def section_items(question: str, documents: tuple[Document, ...]) -> tuple[Document, str, list[Item]] | None:
    """The one document section the question names by its whole title, with its numbered items."""
    core = strip_question(question)
    found: list[tuple[Document, str, list[Item]]] = []
    for doc in documents:
        groups: dict[str, list[Item]] = {}
        for it in doc.items:
            if it.number and (title := _title(it.section)) and len(title) >= MIN_TITLE:
                groups.setdefault(title, []).append(it)
        for title, items in groups.items():
            if len(items) >= 2 and title in core and not _FRAME.sub("", core.replace(title, "")).strip():
                found.append((doc, title, items))
    return found[0] if len(found) == 1 else None


def answer_section(question: str, documents: tuple[Document, ...]) -> Answer | None:
    hit = section_items(question, documents)
    if hit is None:
        return None
    doc, title, items = hit
    shown = items[:MAX_LISTED]
    lines = [f"《{doc.short_name}》“{title}”共{len(items)}项："]
    for it in shown:
        text = it.text if len(it.text) <= ITEM_CHARS else it.text[:ITEM_CHARS] + "…"
        lines.append(f"{it.number}. {text}")
    citations = tuple(Citation(document=doc.short_name, source=doc.source, locator=it.locator, text=it.text,
                               part=it.part, item=it.number) for it in shown)
    return Answer(question, "section", True, tuple(lines), citations, sources="each")
