"""The answer renderers for text surfaces: the terminal (`docbot chat`, `docbot ask`) and JSON
(`--json`). Telegram renders the same text as HTML with buttons (handlers/render.py).

The only place an answer's sources line ("来源：…"), its "see also" line and its "more results" hint are
written: the core returns values (assistant/questions/answer.py) and never reads this text back. The records'
reports (the holiday list, the reminder digest, the obligations calendar) write their sources through
``source_note`` and ``source_line`` too. This module
imports nothing from the core at run time (answers.py uses it for ``Answer.text``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.questions.answer import Answer, Citation, Page

SOURCES = "来源："
SEE_ALSO = "另见："
RULE = "依据："


def source_note(source: str) -> str:
    """A source after a line of a report, in parentheses: "（来源：越秀工作要点 第17项）"."""
    return f"（{SOURCES}{source}）"


def source_line(source: str, indent: str = "") -> str:
    """A source on its own line under a line of a report: "  来源：越秀工作要点 第17项"."""
    return f"{indent}{SOURCES}{source}"


def more_request(page: Page) -> str:
    """What a user types for the next page: "更多（从第4条起）：<question>" (the router reads it back
    as typed input, assistant/questions/router.py ``recognise_more``)."""
    return f"更多（从第{page.offset + 1}条起）：{page.question}"


def label(c: Citation) -> str:
    """"越秀工作要点 第17项" for a passage, "走访台账第12号记录" for a ledger record."""
    if c.kind == "ledger":
        return c.document + c.locator
    return f"{c.document} {c.locator}".strip()


def sources_lines(answer: Answer) -> list[str]:
    """The sources line (and, for a search page, the "see also" line) of an answer."""
    cites = [c for c in answer.citations if c.kind != "rule"]
    rules = [RULE + c.document for c in answer.citations if c.kind == "rule"]
    style = answer.sources
    if style == "unlisted" or not (cites or rules):
        return []
    if style == "first":
        lines = [SOURCES + label(cites[0])]
        if cites[1:]:
            lines.append(SEE_ALSO + "；".join(label(c) for c in cites[1:]))
        return lines
    if style == "documents":
        names = [c.document for c in cites]
    elif style == "by_document":
        by_doc: dict[str, list[str]] = {}
        for c in cites:
            by_doc.setdefault(c.document, []).append(c.locator)
        names = [f"{d} {'、'.join(dict.fromkeys(locs))}" for d, locs in by_doc.items()]
    else:
        names = list(dict.fromkeys(label(c) for c in cites))
    return [SOURCES + "；".join([*names, *rules])]


def render_text(answer: Answer) -> str:
    """The answer as plain text: its blocks, then its sources, then how to ask for more."""
    gap = "\n\n" if answer.paragraphs else "\n"
    text = gap.join(answer.blocks)
    sources = sources_lines(answer)
    if sources:
        text = (text + gap if text else "") + "\n".join(sources)
    if answer.more is not None:
        text += f"\n查看更多结果，请发送：{more_request(answer.more)}"
    return text


def render_json(answer: Answer) -> dict:
    """The `--json` object: the rendered text plus every field a program needs."""
    return {
        "question": answer.question,
        "intent": answer.intent,
        "found": answer.found,
        "answer": render_text(answer),
        "blocks": list(answer.blocks),
        "citations": [asdict(c) for c in answer.citations],
        "choices": [asdict(c) for c in answer.choices],
        "more": asdict(answer.more) if answer.more is not None else None,
        "parties": [{"role": role, "units": list(units)} for role, units in answer.parties],
    }
