"""What a unit does ("X负责什么", "X要做哪些事"): its parsed duties (assistant/questions/item_answers.py), then
what the running text says it does elsewhere (assistant/questions/unit_mentions.py), each cited.

A unit the parser never took as a party but the text names as the one who acts ("主办单位应…", "区安办将…通报")
is answered from those sentences alone, and the answer says the document lists it as no task's responsible
unit. Asked only what it leads or supports, the answer stays with the parsed roles (a sentence has none).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.documents.units_index import UnitIndex
from assistant.questions.answer import Answer, Citation
from assistant.questions.intents import Parsed
from assistant.questions.item_answers import MAX_LISTED, answer_unit
from assistant.questions.unit_mentions import MAX_MENTIONS, Mention, mentions
from corpus.model import Document
from corpus.vocabulary_names import HONORIFICS


def _mention_lines(ms: list[Mention]) -> list[str]:
    several = len({m.document.source for m in ms}) > 1
    lines = [f"· {m.document.short_name + ' ' if several else ''}{m.locator}「{m.text}」" for m in ms[:MAX_MENTIONS]]
    if len(ms) > MAX_MENTIONS:
        lines.append(f"……另有{len(ms) - MAX_MENTIONS}处")
    return lines


def _citations(ms: list[Mention]) -> list[Citation]:
    return [Citation(m.document.short_name, m.document.source, m.locator, m.source_text, 1.0) for m in ms[:MAX_MENTIONS]]


def answer_unit_duties(question: str, p: Parsed, units: UnitIndex, documents: tuple[Document, ...]) -> Answer:
    """Each named unit's duty list, with the sentences of the text that say more of what it does."""
    if p.together or p.role != "all":
        return answer_unit(question, p, units)
    named = {m.document.source for m in p.documents}
    docs = tuple(d for d in documents if not named or d.source in named)
    blocks: list[str] = []
    cites: list[Citation] = []
    for key in p.units:
        listed = answer_unit(question, replace(p, units=(key,)), units)
        duties = units.duties_of(key)
        covered = {(d.document.source, d.item.locator) for d in duties}
        # "张三" written "张三同志"; a shorter form asked ("各村委会") may be how the text writes it too
        spellings = (*units.spellings(key), *(key + h for h in HONORIFICS), *p.spelled)
        found = [] if len(covered) > MAX_LISTED else [  # a long list is enough to read already
            m for m in mentions(docs, spellings, covered) if not p.topic or p.topic in m.source_text]
        if listed.found:
            block = "\n".join(listed.blocks)
            if found:
                block += "\n" + "\n".join([f"正文中还写到{key}：", *_mention_lines(found)])
            blocks.append(block)
            cites += [*listed.citations, *_citations(found)]
        elif found:
            # "各处室在协作配合上要做什么": listed for other tasks, none on the topic; the text says more there
            lead = f"文件列给{key}的任务中没有“{p.topic}”方面的；正文中写到{key}在这方面要做的事共{len(found)}处：" \
                if p.topic and duties else f"文件没有把{key}列为哪一项工作的责任单位；正文中写到{key}要做的事共{len(found)}处："
            blocks.append("\n".join([lead, *_mention_lines(found)]))
            cites += _citations(found)
        else:
            blocks += listed.blocks
    return Answer(question, "unit_items", bool(cites), tuple(blocks), tuple(cites), paragraphs=True)
