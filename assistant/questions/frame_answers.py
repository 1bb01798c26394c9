"""The handlers of the router's table (assistant/questions/router.py): one function per frame type, each
``(turn, frame) -> Answer``, plus the context an answer leaves for the next message.

Search answers pass the post-search checks here, in one place: the passage must share more than a
name with the question (no 谢谢 → 谢伟光), must mention what the question asks beyond the table
("苏佩的手机号"), and gets the cited item's parsed units when the question asks who is responsible.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from assistant.conversation.context import Context
from assistant.conversation.followups import context_documents
from assistant.documents.names import name_key
from assistant.documents.units_index import written_in
from assistant.questions import computed_answers, smalltalk
from assistant.questions.answer import Answer, Choice, Citation
from assistant.questions.basic_answers import doc_info_answer, docs_answer, not_found
from assistant.questions.contact_answers import answer_leader, answer_point
from assistant.questions.examples import help_of
from assistant.questions.frames import (
    Clarify,
    Count,
    CrossDocument,
    Frame,
    Invalid,
    ItemQuestion,
    LeaderPoints,
    More,
    PointLeaders,
    ScoreBand,
    Search,
    SmallTalk,
    UnitDuties,
    UnknownEntity,
)
from assistant.questions.intents import asks_responsible_unit, asks_rule, parse_question
from assistant.questions.item_answers import (
    answer_item,
    stated_leads,
)
from assistant.questions.roster_answers import roster_answer
from assistant.questions.section_answers import answer_section
from assistant.questions.unit_answers import answer_unit_duties
from assistant.questions.who_answers import (
    names_a_party,
    names_someone_instead,
    states_asked_role,
    topic_over_role,
    with_responsibility,
)
from assistant.user_input.normalise import normalise, strip_question
from index.gates import MIN_COVERAGE

if TYPE_CHECKING:
    from assistant.questions.router import Turn


def invalid(t: Turn, f: Invalid) -> Answer:
    return Answer(t.question, "invalid", False, f.reply)


def small_talk(t: Turn, f: SmallTalk) -> Answer:
    if f.topic == "docs":
        return documents(t, f)
    # Nothing from the documents is claimed (found=False, no citations), except the help text.
    return Answer(t.question, "help" if f.topic == "help" else "smalltalk", f.topic == "help",
                  smalltalk.reply(f.topic, t.role))


def documents(t: Turn, f: Frame) -> Answer:
    return docs_answer(t.question, t.knowledge)


def document_info(t: Turn, f) -> Answer:
    return doc_info_answer(t.question, f)


def item(t: Turn, f: ItemQuestion) -> Answer:
    k = t.knowledge
    return answer_item(t.question, f, k.corpus.documents, k.units)


def unit(t: Turn, f: UnitDuties) -> Answer:
    # "督查专班有哪些成员": the group's roster is asked, not its duties
    if (roster := roster_answer(t.question, t.knowledge.corpus.documents)) is not None:
        return roster
    return answer_unit_duties(t.question, f, t.knowledge.units, t.knowledge.corpus.documents)


def leader(t: Turn, f: LeaderPoints) -> Answer:
    return answer_leader(t.question, f, t.knowledge.contacts)


def point(t: Turn, f: PointLeaders) -> Answer:
    return answer_point(t.question, f, t.knowledge.contacts)


def unknown(t: Turn, f: UnknownEntity) -> Answer:
    return Answer(t.question, "unknown_entity", False,
                  f"文件中没有找到“{f.name}”（既不是挂点区领导，也不是责任单位）。请检查名称是否写全、写对。\n"
                  + help_of(t.knowledge))


def clarify(t: Turn, f: Clarify) -> Answer:
    lines = (f.prompt, *(f"· {q}" for _, q in f.options))
    return Answer(t.question, "clarify", False, lines,
                  choices=tuple(Choice(label, q) for label, q in f.options))


def score(t: Turn, f: ScoreBand) -> Answer:
    return computed_answers.answer_score(t.question, f.score, t.knowledge.corpus.documents, below=f.below)


def count(t: Turn, f: Count) -> Answer:
    """A number computed from structure, with what was counted as the rule: the items (by document) or
    the table column's distinct names."""
    k, contacts = t.knowledge, t.knowledge.contacts
    if f.what == "unit_duties" and f.units:
        named = {m.document.source for m in f.documents}
        role_word = {"lead": "牵头", "cooperate": "配合"}.get(f.role, "承担")
        sentences, lines, cites = [], [], []
        for key in f.units:
            # keyed by (file, part, number): hashing the Document and Item themselves walks the whole text
            items = list({(d.document.source, d.item.part, d.item.number): (d.document, d.item)
                          for d in k.units.duties_of(key) if (not named or d.document.source in named)
                          and (f.role == "all" or d.role == f.role or (f.role == "lead" and d.role == "sub"))}.values())
            sentences.append(f"{key}{role_word}的工作共{len(items)}项")
            by_doc: dict[str, list[str]] = {}
            for doc, it in items:
                by_doc.setdefault(doc.short_name, []).append(it.locator)
                cites.append(Citation(doc.short_name, doc.source, it.locator, it.text, 1.0))
            lines += [f"{key}·{name}：{'、'.join(locs)}" for name, locs in by_doc.items()]
        if not cites:
            return Answer(t.question, "count", False, f"文件中没有{'、'.join(f.units)}{role_word}的条目。")
        number = len(cites) if len(f.units) == 1 else len(dict.fromkeys((c.source, c.locator) for c in cites))
        rule = "依据各文件条目后括号中的责任分工：" + "；".join(lines)
        return computed_answers.count_answer(t.question, "；".join(sentences) + "。", number, rule, tuple(cites),
                                    number_only=f.number_only)
    if not contacts.assignments:
        return not_found(t.question, "count")
    if f.what == "column" and f.column:
        rows = [a for a in contacts.assignments if any(h == f.column for h, _ in a.points)]
        names = list(dict.fromkeys(p for a in rows for h, p in a.points if h == f.column))
        summary = f"区领导挂点联系的{f.column}共{len(names)}个（同一联系点由多位领导挂点的只计一次）。"
        counted = "“" + f.column + "”一栏：" + "、".join(names)
    else:
        rows = contacts.assignments
        names = list(dict.fromkeys(a.leader for a in rows))
        summary = f"挂点联系督导的区领导共{len(names)}位。"
        counted = "表中列出的区领导：" + "、".join(names)
    a = rows[0]
    cite = Citation(a.document.short_name, a.document.source, f"{a.table.part} 联系点表", a.table.title or "", 1.0)
    rule = f"依据《{a.document.short_name}》{a.table.part}联系点表，{counted}"
    return computed_answers.count_answer(t.question, summary, len(names), rule, (cite,), number_only=f.number_only)


def cross_document(t: Turn, f: CrossDocument) -> Answer:
    searcher = t.knowledge.searcher
    if searcher is None:
        return not_found(t.question)
    return computed_answers.cross_document(t.question, f.topic, searcher, t.knowledge.corpus.documents,
                                  min_coverage=MIN_COVERAGE)


def more(t: Turn, f: More) -> Answer:
    """The next page of the last search; after a structured answer, the items' full text; else say so."""
    if f.question:
        return search(t, Search(f.question, offset=f.offset), question=f.question)
    ctx = t.context
    if ctx.more:
        question, offset = ctx.more
        return search(t, Search(question, offset=offset), question=question)
    if ctx.kind in ("item", "item_text") and ctx.numbers and ctx.role != "text":
        frame = ItemQuestion(t.q, number=ctx.numbers[0], numbers=ctx.numbers, part=ctx.part, role="text",
                             documents=context_documents(ctx, t.knowledge.corpus.documents))
        return item(t, frame)
    if ctx.empty:
        return Answer(t.question, "more", False, "请先提一个问题，再发送“更多”查看更多结果。\n" + help_of(t.knowledge))
    return Answer(t.question, "more", False, "上一个回答已经是全部结果，没有更多了。可以换个问法，或接着问“原文呢”。")


def search(t: Turn, f: Search, *, question: str | None = None) -> Answer:
    k = t.knowledge
    searcher = k.searcher
    asked = question or t.question
    if searcher is None:
        return not_found(asked)
    if question is not None:  # a later page: the same reading (search text, must) as the first page had
        first = k_parse(t, question)
        f = replace(first, offset=f.offset) if isinstance(first, Search) else f
    offset = max(f.offset, t.offset)
    if offset == 0 and question is None and not f.search:
        # "督查内容有哪些": a section named by its own title is answered with all its items
        docs = tuple(m.document for m in f.documents) or k.corpus.documents
        if (listed := answer_section(asked, docs)) is not None:
            return listed
    query = f.search or normalise(asked)
    if not f.search and asks_rule(query):  # a rule about "区领导" is written with the table's word for them
        query = k.contacts.generalize_people(query)
    if offset == 0 and (roster := roster_answer(asked, k.corpus.documents)) is not None:
        return roster  # "考核小组组长是谁", "督查专班有哪些成员": the whole roster, not one line
    # search and its index code load with the first search, not with every structured answer (cold start)
    from assistant.questions.search_answers import answer_free
    from assistant.questions.search_answers import not_found as search_not_found

    prefer = states_asked_role(asked, k)
    if f.unit:  # "村委负责什么": a passage naming 村委 over one on its other words ("村级组织")
        prefer = partial(_names_unit, name_key(f.unit))
    answer = answer_free(asked, searcher, offset=offset, query=query, prefer=prefer)
    if offset == 0 and prefer is not None and not f.unit and (topic := topic_over_role(asked, answer, k)) is not None:
        answer = answer_free(asked, searcher, query=query, prefer=topic)
    if offset == 0 and prefer is None and (instead := names_someone_instead(asked, answer, k)) is not None:
        answer = answer_free(asked, searcher, query=query, prefer=instead)
    # what the quoted passage itself says leads, as presented (the units from structure come first)
    answer = replace(answer, parties=stated_leads("\n".join(answer.blocks)))
    if not answer.found:
        return answer
    best = answer.citations[0]
    if f.must and not _mentions(best.text, f.must):
        return search_not_found(asked, searcher.documents)
    if offset == 0 and f.unit and not written_in(name_key(f.unit), name_key(best.text)):
        # the body asked of is named nowhere in what was found: another body's duties, not its own
        return search_not_found(asked, searcher.documents)
    # the passage's heading is part of what it says ("（三）组织实施阶段（4月1日至4月7日）" over its paragraph)
    if offset == 0 and not answer.by_meaning and shares_only_names(asked, f"{best.locator}\n{best.text}", _names(k)):
        return search_not_found(asked, searcher.documents)
    if asks_responsible_unit(asked):
        if answer.by_meaning and not names_a_party(answer, k):
            # "经费由哪个单位出" found only by meaning, in a passage naming no one: near the topic, no answer
            return search_not_found(asked, searcher.documents)
        return with_responsibility(answer, k)
    return answer


def _names_unit(unit: str, hit) -> bool:
    return written_in(unit, name_key(hit.passage.text))


def k_parse(t: Turn, question: str) -> Frame:
    k = t.knowledge
    return parse_question(question, k.units, k.contacts, k.corpus.documents)


def _mentions(text: str, words: str) -> bool:
    """Whether ``text`` holds any two-character piece of ``words`` (or ``words`` itself if shorter)."""
    t = name_key(text)
    pieces = [words[i:i + 2] for i in range(len(words) - 1)] or [words]
    return any(p in t for p in pieces)


def _names(knowledge) -> tuple[str, ...]:
    c = knowledge.contacts
    return tuple(dict.fromkeys([*(name_key(a.leader) for a in c.assignments), *c.point_names()]))


def shares_only_names(question: str, passage: str, names: tuple[str, ...]) -> bool:
    """True when the question and the passage share nothing but pieces of a name the question does not
    use ("谢谢" and the row of 谢伟光; "苏州天气" and 苏佩's): no two-character piece of the question
    is in the passage once the names the question does not mention are taken out of it."""
    from index.tokenize import digits_for_counts, word_forms

    core = strip_question(question)
    text = name_key(passage)
    for n in names:
        if len(n) >= 2 and n not in core and not _names_part_of(core, n):
            text = text.replace(n, "|")
    # in the forms the search gate compares (到/至, "扣一分" as "扣1分"): a piece shared in another form is shared
    forms = [f for w in word_forms(core) for f in dict.fromkeys((w, digits_for_counts(w)))]
    pieces = [f[i:i + 2] for f in forms for i in range(len(f) - 1)]
    return bool(pieces) and not any(p in text for p in pieces)


_NAMED_PART = 3  # "小升规企业跟踪服务" names a part of the point "开展“小升规”企业跟踪服务…"; "谢谢" no part of 谢伟光


def _names_part_of(core: str, name: str) -> bool:
    """Whether the question uses a run of a name (a contact table's point named by its task: "开展小升规企业跟踪
    服务"): a question about that task is about the name, not a near miss sharing one character with it."""
    return any(core[i:i + _NAMED_PART] in name for i in range(len(core) - _NAMED_PART + 1))


def next_context(t: Turn, f: Frame, answer: Answer) -> Context:
    """What the next message may refer to. Small talk and invalid input keep the current context."""
    prev = t.context
    if isinstance(f, SmallTalk | Clarify | Invalid):
        return prev
    cited = tuple(dict.fromkeys(c.source for c in answer.citations))
    docs = cited if len(cited) == 1 else tuple(m.document.source for m in getattr(f, "documents", ()))
    page = (answer.more.question, answer.more.offset) if answer.more else ()
    base = Context(kind=f.kind, question=t.question, documents=docs, more=page)
    if isinstance(f, More):
        return replace(prev, more=page)
    if isinstance(f, ItemQuestion):
        found_numbers = tuple(dict.fromkeys(c.item for c in answer.citations if c.item)) or f.numbers
        part = next((c.part for c in answer.citations if c.item), f.part)
        # Several documents answered: "越秀的呢" picks one of them (followups.py).
        extra = {"candidates": list(cited)} if len(cited) > 1 else {}
        return replace(base, numbers=found_numbers, role=f.role, part=part, units=f.units, extra=extra)
    if isinstance(f, UnitDuties):
        return replace(base, units=f.units, role=f.role, documents=tuple(m.document.source for m in f.documents))
    if isinstance(f, LeaderPoints):
        return replace(base, leaders=f.leaders, columns=f.columns)
    if isinstance(f, PointLeaders):
        leaders = tuple(dict.fromkeys(a.leader for p in f.points for a in t.knowledge.contacts.of_point(p)))
        return replace(base, points=f.points, leaders=leaders)
    if isinstance(f, Count):
        return replace(base, units=f.units, role=f.role, extra={"what": f.what, "column": f.column},
                       documents=tuple(m.document.source for m in f.documents))
    if isinstance(f, ScoreBand):
        return replace(base, score=f.score)
    if isinstance(f, Search) and answer.found and answer.citations and answer.citations[0].item:
        best = answer.citations[0]  # "谁牵头" / "原文呢" after a search answer: the item it quoted
        return replace(base, documents=(best.source,), numbers=(best.item,), part=best.part)
    return base
