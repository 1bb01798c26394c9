"""Example questions shown whenever the assistant cannot answer, and in the help (one source, so every
reply agrees).

They are written from the documents the assistant holds: a deployment with its own 工作要点 must not be
told to ask about another district's files. ``examples_for`` picks a numbered item with a stated lead, one
with both a lead and partners, the unit that supports the most items (or, where none does, the one
responsible for the most), and a leader's contact point when a
contact table is held; every example is a question the assistant answers from structure
(tests/assistant/test_examples.py asks each one). ``HELP_TEXT`` is the fallback where no documents are at
hand (a question rejected before the corpus is consulted): forms, not names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from corpus.model import MAIN_PART, Document
from corpus.parties import is_party_name

GENERIC = (
    "第3项谁牵头？（有多份文件时，在前面写上文件名）",
    "某项工作的牵头单位和配合单位是谁？",
    "××局要配合哪些工作？（写单位全称）",
    "××社区由哪位区领导挂点？",
    "××会议一年开几次？",
)
MAX_EXAMPLES = 6


def _help(examples: Sequence[str]) -> str:
    return "可以这样问：\n" + "\n".join(f"· {e}" for e in examples)


HELP_TEXT = _help(GENERIC)


def _numbered(doc: Document):
    """Main-part items cited by their number alone ("第5项"), in reading order."""
    return [i for i in doc.items if i.part == MAIN_PART and not i.path and not i.article]


def examples_for(documents: Sequence[Document], assignments: Sequence = ()) -> tuple[str, ...]:
    """Up to MAX_EXAMPLES questions about these documents; the generic forms when they give none."""
    out: list[str] = []
    several = len(documents) > 1
    for doc in documents:
        items = _numbered(doc)
        prefix = doc.short_name if several and doc.short_name else ""
        lead = next((i for i in items if len(i.units.lead) == 1 and not i.units.cooperate), None)
        both = next((i for i in items if i.units.lead and i.units.cooperate and i is not lead), None)
        if lead is not None:
            out.append(f"{prefix}第{lead.number}项谁牵头？")
        if both is not None:
            out.append(f"{prefix}第{both.number}项的牵头单位和配合单位")
        if lead is not None or both is not None:
            break
    duties = [t.units for d in documents for t in (*d.items, *d.tasks)]
    supports = Counter(u for units in duties for u in units.cooperate if is_party_name(u))
    owners = Counter(u for units in duties for u in (*units.lead, *units.shared) if is_party_name(u))
    if supports and supports.most_common(1)[0][1] >= 2:
        out.append(f"{supports.most_common(1)[0][0]}要配合哪些工作？")
    elif owners:
        out.append(f"{owners.most_common(1)[0][0]}负责哪些工作？")
    for a in assignments:
        if a.points:
            out.append(f"{a.points[0][1]}由哪位区领导挂点？")
            out.append(f"{a.leader}联系哪些点？")
            break
    return tuple(dict.fromkeys(out))[:MAX_EXAMPLES] or GENERIC


def help_for(documents: Sequence[Document], assignments: Sequence = ()) -> str:
    return _help(examples_for(documents, assignments))


def help_of(knowledge) -> str:
    """The help for what ``knowledge`` holds. Not cached: it runs only on the replies that cannot answer,
    and a pass over the items is a millisecond or two."""
    return help_for(knowledge.corpus.documents, knowledge.contacts.assignments)
