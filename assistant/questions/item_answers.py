"""Exact answers from parsed structure: item responsibilities and texts, unit duties (leader contacts are
in assistant/questions/contact_answers.py).

Each function returns an Answer value: its blocks, the cited items, and the parties it presents by role
(the renderers write the sources line).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from assistant.documents.item_numbers import find_items, part_candidates
from assistant.documents.units_index import ROLE_LABELS, Duty, UnitIndex, cooperate_groups, cooperate_word
from assistant.questions.answer import Answer, Choice, Citation
from assistant.questions.duty_text import duty_text as _duty_text
from assistant.questions.duty_text import roster_duties, roster_post
from assistant.questions.duty_text import short_heading as _heading
from assistant.questions.intents import Parsed
from assistant.questions.unit_topics import on_topic
from corpus.model import MAIN_PART, Document, Item
from corpus.text import balanced_prefix
from corpus.vocabulary import ASKING_MARKS, ROLE_ADVERBS, UNIT_NOUNS, one_of
from corpus.vocabulary_names import COLLECTIVE_QUALIFIERS
from index.answer_type import answer_kind, answer_pattern

FEW_DUTIES = 5  # up to this many duties, each is quoted with its text, not only its heading
MAX_LISTED = 20  # a unit can have dozens of duties: list this many (one Telegram message), then count the rest


def item_citation(doc: Document, item: Item) -> Citation:
    return Citation(document=doc.short_name, source=doc.source, locator=item.locator, text=item.text, score=1.0)


def _units_lines(item: Item, skip: str = "") -> list[str]:
    """Responsibility grouped by role; ``skip`` drops the role the direct answer already stated."""
    u = item.units
    lines = []
    if u.lead and skip != "lead":
        lines.append("牵头：" + "、".join(u.lead))
    if u.shared and skip != "shared":
        lines.append("按职责分工负责：" + "、".join(u.shared))
    if u.coordinate and skip != "coordinate":
        lines.append("组织协调：" + "、".join(u.coordinate))
    if u.guide and skip != "guide":
        lines.append("指导：" + "、".join(u.guide))
    if u.cooperate and skip != "cooperate":
        lines += [f"{word}：" + "、".join(names) for word, names in cooperate_groups(item)]
    for sub in u.sub:
        lines.append(f"其中{sub.scope}：由{sub.unit}{'牵头' if sub.role == 'lead' else '负责'}")
    if u.leaders:  # people over the item ("牵头领导：副县长 张伟"), each with the post written beside them
        posts = dict(u.notes)
        lines.append("牵头领导：" + "、".join(f"{n}（{posts[n]}）" if posts.get(n) else n for n in u.leaders))
    return lines


_COLLECTIVE = re.compile(rf"^(?:{one_of(COLLECTIVE_QUALIFIERS)})")


def _sole_owner(u) -> bool:
    """One named body answers for the item (no lead written, nothing coordinating): a reader's lead. A
    collective ("各乡镇", "相关部门") is many bodies, never one."""
    return len(u.shared) == 1 and not u.coordinate and not _COLLECTIVE.match(u.shared[0])


def _role_summary(item: Item, role: str) -> tuple[str, str]:
    """The direct answer to "谁牵头" / "谁配合" and the role line it replaces."""
    u = item.units
    if role == "lead":
        if u.lead and u.rule:  # the lead comes from the document's own rule: cite it
            return "牵头单位：" + "、".join(u.lead) + f"\n（依据文件规定：{u.rule}）", "lead"
        if u.lead:
            return "牵头单位：" + "、".join(u.lead), "lead"
        if _sole_owner(u):  # one body answers for the item: it leads it
            also = "，其余为配合单位" if u.cooperate else ""
            return f"牵头单位：{u.shared[0]}\n（文件只列{u.shared[0]}一家负责{also}，未另写“牵头”）", "shared"
        if u.shared:
            return "没有单独的牵头单位，由" + "、".join(u.shared) + "按职责分工负责", "shared"
        if u.coordinate:
            return "由" + "、".join(u.coordinate) + "组织协调", "coordinate"
        # only supporters or guides listed: say there is no lead before listing them, so the answer
        # to "谁牵头" is never just a 配合 line
        if not u.sub:  # "其中…由X牵头" lines follow: the parts have leads
            return "文件未写明该项的牵头单位", ""
    if role == "cooperate":
        if u.cooperate:
            return "\n".join(f"{word}单位：" + "、".join(names) for word, names in cooperate_groups(item)), "cooperate"
        return "该项未列配合单位", ""
    return "", ""


def unit_part(item: Item, unit_key: str, units: UnitIndex) -> str:
    """What one unit does in an item ("监督方案第2项宣传部管什么"), read from the parsed units."""
    u = item.units
    roles = [next((cooperate_word(item, n) if role == "cooperate" else ROLE_LABELS[role])
                  for n in getattr(u, role) if units.key(n) == unit_key)
             for role in ("lead", "shared", "coordinate", "guide", "cooperate")
             if any(units.key(n) == unit_key for n in getattr(u, role))]
    roles += [f"其中{sub.scope}由{sub.unit}负责" for sub in u.sub if units.key(sub.unit) == unit_key]
    if not roles:
        return f"{unit_key}不在该项的责任单位中"
    return f"{unit_key}在该项中：" + "；".join(roles)


def item_block(doc: Document, item: Item, role: str, *, label_document: bool,
               unit_lines: tuple[str, ...] = (), after: tuple[str, ...] = ()) -> str:
    """One item's answer: heading, what the question asked of a named unit (``unit_lines``), the roles,
    then the asked date or amount (``after``): "谁牵头，什么时候完成" reads lead, supporters, deadline."""
    head = f"{doc.short_name} {item.locator}" if label_document else item.locator
    lines = [f"{head}「{_heading(item)}」", *unit_lines]
    unit_lines = (*unit_lines, *after)
    if role == "text":
        if item.section:
            lines.append(f"（所属：{item.section}）")
        lines.append(item.text)
        if item.units:
            lines.append("责任分工：" + "；".join(_units_lines(item)))
        lines.extend(after)
        lines.extend(_timing(item, after))
        return "\n".join(lines)
    condition = item.units.condition
    if not item.units:
        # the item exists but names no party: its own words, the rule that decides if there is one
        if item.text.strip("。") != _heading(item):
            lines.append(item.text)
        if condition:
            lines.append(f"文件规定：{condition}")
        lines.append("文件未写明该项的具体责任单位。" if condition else "文件未写明该项的责任单位。")
        lines.extend(after)
        lines.extend(_timing(item, unit_lines))
        return "\n".join(lines)
    summary, replaced = _role_summary(item, role)
    if summary:
        lines.append(summary)
    lines.extend(_units_lines(item, skip=replaced))
    if condition:
        lines.append(f"（文件规定：{condition}）")
    lines.extend(after)
    lines.extend(_timing(item, unit_lines))
    return "\n".join(lines)


def _timing(item: Item, already: tuple[str, ...] = ()) -> list[str]:
    """The item's deadline and frequency as written, unless the direct answer already gave them."""
    out = []
    if item.deadline and not any(item.deadline in a for a in already):
        out.append(f"完成时限：{item.deadline}")
    if item.frequency and not any(item.frequency in a for a in already):
        out.append(f"频次：{item.frequency}")
    return out


Parties = tuple[tuple[str, tuple[str, ...]], ...]
# How a quoted passage states a lead: "牵头：A、B" / "牵头单位：A", or "由A、B牵头".
_LEAD_LINE = re.compile(rf"牵头(?:{one_of(UNIT_NOUNS[:3])})?[:：]\s*(?P<units>[^\n；;。，,]+)")  # 单位 部门 处室
_LEAD_BY = re.compile(rf"由(?P<units>[^\n；;。，,由]{{2,80}}?)(?:负责|{one_of(ROLE_ADVERBS)})?牵头")


def stated_leads(text: str) -> Parties:
    """The units a quoted passage itself states as 牵头, in order ("…由区国资局牵头委托…")."""
    found = []
    for rx in (_LEAD_LINE, _LEAD_BY):
        for m in rx.finditer(text):
            names = tuple(u for u in (balanced_prefix(u.strip()) for u in re.split(r"[、,，/]|和|及", m.group("units"))) if u)
            if names and not re.search(one_of(ASKING_MARKS), m.group("units")):  # a question, not a statement
                found.append((m.start(), ("lead", names)))
    return tuple(party for _, party in sorted(found))


def parties_of(item: Item, role: str = "") -> Parties:
    """The units an item block presents, by role, in the order it presents them. Asked "谁牵头", an
    item with no lead of its own but units answering jointly says so first ("no_lead")."""
    u, heading = item.units, stated_leads(item.heading)  # the full heading: a shortened one cuts names
    if role == "text" or not u:  # the item's own words come first
        return heading + stated_leads(item.text) + _structured_parties(u)
    if role == "lead" and not u.lead and _sole_owner(u):
        return (*heading, ("lead", tuple(u.shared)), *_structured_parties(u))
    if role == "lead" and not u.lead and u.shared:
        return (*heading, ("no_lead", tuple(u.shared)), *_structured_parties(u))
    return heading + _structured_parties(u)


def _structured_parties(u) -> Parties:
    out = [(r, tuple(getattr(u, r))) for r in ("lead", "shared", "coordinate", "guide", "cooperate") if getattr(u, r)]
    out += [(s.role, (s.unit,)) for s in u.sub]
    return tuple(out)


def answer_item(question: str, p: Parsed, documents: tuple[Document, ...], units: UnitIndex | None = None) -> Answer:
    """Item N (or items N, M… for "第3、4项谁牵头"), in every document that has it unless one is named."""
    if len(p.numbers) > 1:
        parts = [answer_item(question, replace(p, number=n, numbers=(n,)), documents, units) for n in p.numbers]
        found = [a for a in parts if a.found]
        return Answer(question, parts[0].intent, bool(found), tuple(b for a in parts for b in a.blocks),
                      tuple(c for a in found for c in a.citations), tuple(c for a in parts for c in a.choices),
                      paragraphs=True, parties=tuple(x for a in parts for x in a.parties))
    intent = {"lead": "lead", "cooperate": "cooperate", "responsible": "responsible"}.get(p.role, "item_text")
    named = [m.document for m in p.documents]
    candidates = named or list(documents)
    n = p.number or 0
    if n <= 0:
        return Answer(question, intent, False, "项号应从1开始，例如：第3项谁牵头？")
    hits = [(d, it) for d in candidates for it in find_items(d, n, p.part, question)]
    if p.role != "text" or p.units:  # documents that state responsibilities first
        hits.sort(key=lambda h: not h[1].units)
    if p.units and units is not None:  # then the items where the named unit has a part
        hits.sort(key=lambda h: not any(units.key(name) in p.units for name in h[1].units.all))
    if not hits:
        if named:
            d = named[0]
            total = len([i for i in d.items if i.part in part_candidates(d, p.part)])
            where = f"{p.part}" if p.part != MAIN_PART else ""
            msg = (f"《{d.short_name}》{where}没有第{n}项（共{total}项）。" if total
                   else f"《{d.short_name}》{where}没有编号条目，可以直接提问内容。")
        else:
            msg = f"没有哪份文件有第{n}项。各文件的条目数可用 /docs 查看。"
        return Answer(question, intent, False, msg)
    several = len(hits) > 1
    same_doc = several and len({d.source for d, _ in hits}) == 1
    blocks, cites, parties = [], [], []
    pattern, kind = answer_pattern(question), answer_kind(question)
    for d, item in hits:
        asked = (tuple(unit_part(item, key, units) for key in p.units)
                 if units is not None and item.units else ())
        when: tuple[str, ...] = ()
        if kind == "时间或期限" and item.deadline:  # "第3项什么时候完成"
            when = (f"完成时限：{item.deadline}",)
        elif kind == "频次" and item.frequency:
            when = (f"频次：{item.frequency}",)
        elif pattern is not None and not pattern.search(item.text):
            when = (f"该项原文没有写明{kind}。",)
        blocks.append(item_block(d, item, p.role, label_document=not same_doc, unit_lines=asked, after=when))
        cites.append(item_citation(d, item))
        parties += parties_of(item, p.role)
    if same_doc:  # numbering restarts, two runs, main text and 附件: say which is which
        where = "、".join(it.locator for _, it in hits)
        intro = [f"《{hits[0][0].short_name}》中有{len(hits)}个第{n}项（{where}），请选择要问哪一个；分别如下："]
    else:
        intro = [f"有{len(hits)}份文件都有第{n}项，分别如下："] if several else []
    choices = ()
    if several:
        suffix = {"lead": "谁牵头", "cooperate": "谁配合", "responsible": "由谁负责"}.get(p.role, "原文")
        choices = tuple(Choice(it.locator if same_doc else d.short_name,
                               f"{d.short_name}{_ask_locator(it)}{suffix}") for d, it in hits)
    return Answer(question, intent, True, (*intro, *blocks), tuple(cites), choices, paragraphs=True,
                  parties=tuple(parties))


def item_text_of(question: str, doc: Document, number: int) -> Answer:
    """The full text of item ``number`` of one document (`docbot item`, /item); where the number names
    several items (restarted numbering, two runs of 第X条, main text and 附件) every candidate is shown
    with its path, and a button asks for each."""
    hits = find_items(doc, number, MAIN_PART, question) if number > 0 else []
    if not hits:
        total = len(doc.main_items)
        return Answer(question, "item_text", False, f"《{doc.short_name}》没有第{number}项（共{total}项）。")
    blocks = [item_block(doc, it, "text", label_document=True) for it in hits]
    cites = [item_citation(doc, it) for it in hits]
    intro = []
    if len(hits) > 1:
        where = "、".join(it.locator for it in hits)
        intro = [f"《{doc.short_name}》中有{len(hits)}个第{number}项（{where}），分别如下："]
    choices = (tuple(Choice(it.locator, f"{doc.short_name}{_ask_locator(it)}原文") for it in hits)
               if len(hits) > 1 else ())
    return Answer(question, "item_text", True, (*intro, *blocks), tuple(cites), choices, paragraphs=True,
                  parties=tuple(x for it in hits for x in parties_of(it, "text")))


def _ask_locator(item: Item) -> str:
    """How a Choice button asks for exactly this item again ("附件2四（二）第3项")."""
    part = item.part if item.part != MAIN_PART else ""
    return f"{part}{item.path}第{item.number}项"


def _duty_label(d: Duty) -> str:
    if post := roster_post(d.item, d.unit):
        # "组长：叶苏凤（党委书记）": a place in a roster, not a duty; said so when the roster states none
        return post if roster_duties(d.item.text) else post + "（文件未写明其个人分工）"
    word = cooperate_word(d.item, d.unit) if d.role == "cooperate" else ROLE_LABELS[d.role]
    return word + (f"（{d.scope}）" if d.scope else "")


def _unit_block(key: str, role_word: str, duties: list[Duty], intro: str = "") -> tuple[str, list[Citation]]:
    """One unit's duties, one line per item (an item where it both co-operates and answers for a
    part is one item, not two), grouped by document."""
    by_item: dict[tuple[str, str], list[Duty]] = defaultdict(list)
    for d in duties:
        by_item[(d.document.source, d.item.locator)].append(d)
    by_doc: dict[str, list[list[Duty]]] = defaultdict(list)
    for ds in by_item.values():
        by_doc[ds[0].document.short_name].append(ds)
    lines = [intro + f"{key}{role_word}的工作共{len(by_item)}项" + ("：" if len(by_item) <= MAX_LISTED else
                                                              f"，先列前{MAX_LISTED}项：")]
    cites: list[Citation] = []
    for short, items in by_doc.items():
        if len(cites) >= MAX_LISTED:
            break
        lines.append(f"【{short}】")
        for ds in items[:MAX_LISTED - len(cites)]:
            d = ds[0]
            roles = "；".join(dict.fromkeys(_duty_label(x) for x in ds))
            lines.append(f"· {d.item.locator}「{_duty_text(d, full=len(by_item) <= FEW_DUTIES)}」— {roles}")
            cites.append(item_citation(d.document, d.item))
    if len(by_item) > len(cites):  # a readable message: the count, the first ones, how to ask for the rest
        lines.append(f"……另有{len(by_item) - len(cites)}项未列出。可以分开问“{key}牵头哪些工作”“{key}配合哪些工作”，"
                     "或在问题里写上文件名。")
    return "\n".join(lines), cites


def _shared_items(question: str, p: Parsed, units: UnitIndex) -> Answer:
    """"区纪委和区委组织部都参与的工作": the items in which every named unit has a part."""
    named = {m.document.source for m in p.documents}
    per_unit: list[dict[tuple[str, str], list[Duty]]] = []
    for key in p.units:
        duties: dict[tuple[str, str], list[Duty]] = defaultdict(list)
        for d in units.duties_of(key):
            if not named or d.document.source in named:
                duties[(d.document.source, d.item.locator)].append(d)
        per_unit.append(duties)
    common = [k for k in per_unit[0] if all(k in other for other in per_unit[1:])]
    both = "、".join(p.units)
    if not common:
        return Answer(question, "unit_items", False, f"文件中没有{both}共同承担的条目。")
    lines, cites, by_doc = [f"{both}共同承担的工作共{len(common)}项："], [], defaultdict(list)
    for k in common:
        by_doc[per_unit[0][k][0].document.short_name].append(k)
    for short, keys in by_doc.items():
        lines.append(f"【{short}】")
        for k in keys:
            d = per_unit[0][k][0]
            roles = "；".join(key + "、".join(dict.fromkeys(_duty_label(x) for x in unit_duties[k]))
                             for key, unit_duties in zip(p.units, per_unit, strict=True))
            lines.append(f"· {d.item.locator}「{_heading(d.item)}」— {roles}")
            cites.append(item_citation(d.document, d.item))
    return Answer(question, "unit_items", True, "\n".join(lines), tuple(cites), paragraphs=True)


def answer_unit(question: str, p: Parsed, units: UnitIndex) -> Answer:
    if p.together:
        return _shared_items(question, p, units)
    named = {m.document.source for m in p.documents}
    topic = getattr(p, "topic", "")
    blocks, cites = [], []
    for key in p.units:
        every = [d for d in units.duties_of(key) if (not named or d.document.source in named)
                 and (not topic or on_topic(topic, d.item))]
        duties = [d for d in every
                  if p.role == "all" or d.role == p.role or (p.role == "lead" and d.role == "sub")]
        role_word = {"lead": "牵头", "cooperate": "配合"}.get(p.role, "承担")
        if topic:  # "区经济发展局承接哪些省级试点事项": only those under the section named
            role_word = f"在“{topic}”方面{role_word}"
        if duties:
            block, cs = _unit_block(key, role_word, duties)
        elif p.role == "lead" and (shared := [d for d in every if d.role in ("shared", "coordinate")]):
            # "区直机关党工委牵头哪些": none alone, but the items it answers for jointly are the answer.
            block, cs = _unit_block(key, "与其他单位共同负责", shared, f"文件中没有{key}单独牵头的条目。")
        elif every:
            block, cs = _unit_block(key, "承担", every, f"文件中没有{key}{role_word}的条目。")
        else:
            blocks.append(f"文件中没有{key}{role_word}的条目。")
            continue
        blocks.append(block)
        cites += cs
    intent = {"lead": "unit_lead", "cooperate": "unit_cooperate"}.get(p.role, "unit_items")
    return Answer(question, intent, bool(cites), tuple(blocks), tuple(cites), paragraphs=True)
