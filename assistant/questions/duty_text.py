"""What a duty list quotes of an item: its heading shortened for a list, and what one unit does in it (its
own clause, a duty article's clauses, a group's 职责, the body under a one-word heading)."""

from __future__ import annotations

import re

from assistant.documents.units_index import Duty
from corpus import roles
from corpus import vocabulary_names as name_words
from corpus.model import Item
from corpus.rosters import DUTY_LINE, roster_group
from corpus.tasks import duty_owner
from corpus.vocabulary import one_of

HEADING_CHARS = 64  # enough for the task's first clauses: "深化…战略，全面推广…，推进“警格+网格”融合建设"
SHORT_HEADING = 8  # a heading this short ("消防", "三年绿荫行动") is followed by the start of the item's body
BODY_AFTER_SHORT = 120
ROSTER_ENTRY_CHARS = 60  # a roster member's own entry ("陈道金区财政金融局局长"), cut around the name when longer
DUTY_CHARS = 320  # a unit's own duty text (duty-table row, paragraph) is quoted up to this length


def short_heading(item: Item) -> str:
    """The item's heading, shortened for lists: some documents' first sentence runs a whole paragraph."""
    h = item.heading.rstrip("。；;，,")
    if len(h) <= HEADING_CHARS:
        return h
    cut = max((i for i in (h.rfind(c, 8, HEADING_CHARS) for c in "，,；;") if i > 0), default=HEADING_CHARS - 4)
    return h[:cut] + "…"


def roster_post(item: Item, unit: str) -> str:
    """"名单中任组长（党委书记）": the unit's place in a roster item, from its note ("组长，党委书记"); "" if none.
    Two people of one name in a roster ("陈强 资源生态处处长", "陈强 区市场监管局君山分局局长") are both said."""
    places = []
    for name, note in item.units.notes:
        post, _, rest = note.partition("，")
        if name == unit and post.endswith(name_words.ROSTER_NOTE_POSTS):
            places.append(post + (f"（{rest}）" if rest else ""))
    if len(places) > 1:
        return f"名单中有{len(places)}人同名，分别任" + "、".join(places)
    return f"名单中任{places[0]}" if places else ""


def roster_duties(text: str) -> str:
    """"小组长：…；成员：…；职责：负责…" → "职责：负责…": what a roster's group does."""
    parts = re.split(r"[；;]", text)
    at = next((i for i, p in enumerate(parts) if i and DUTY_LINE.match(p.strip())), 0)
    return "；".join(p.strip() for p in parts[at:]).rstrip("。；;") if at else ""


def _roster_entry(text: str, unit: str) -> str:
    """"副组长：林杰区环境与国土资源局局长；欧小宁…；陈道金区财政金融局局长；…" → "陈道金区财政金融局局长": a
    roster member's own entry as written (its post is in the label), not the roster's rest nor its first post."""
    entries = [_from_post(p.strip(), unit) for p in re.split(r"[；;\n]", text) if unit in p]
    entry = "；".join(entries) if entries else text
    if len(entry) <= ROSTER_ENTRY_CHARS:
        return entry
    at = entry.find(unit)  # "成员：魏建 韩祥杰 林松 …": a long line of names, around the unit's
    start = max(0, at - ROSTER_ENTRY_CHARS // 2)
    return ("…" if start else "") + entry[start:start + ROSTER_ENTRY_CHARS] + "…"


def _from_post(entry: str, unit: str) -> str:
    """"…成立…领导小组，名单如下：组长：叶苏凤党委书记、局长" → "组长：叶苏凤党委书记、局长"."""
    at = entry.find(unit)
    starts = [m.start() for m in _POST_LABEL.finditer(entry, 0, at)]
    return entry[starts[-1]:] if starts else entry


_POST_LABEL = re.compile(rf"(?:{one_of(name_words.ROSTER_NOTE_POSTS)})\s*[：:]")
# A paragraph's own short title sentence before its running text ("——规整村庄杆线。", "（三）强化督查。")
_TITLE = re.compile(r"^[—\-–·•\s]*(?:[（(][一二三四五六七八九十\d]{1,3}[）)])?(?P<title>[^，,。；;：:]{2,16})[。：:]")
_SUB_CLAUSE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")


def _article_clauses(text: str, unit: str) -> str:
    """"X安全生产工作职责：（一）宣传贯彻…，…。（二）建立健全…" → the title and each sub-clause's opening
    phrase: the whole article is the unit's, and its clauses say what it does (cut, the list would be one
    clause long). An article that fits DUTY_CHARS is quoted whole."""
    marks = list(_SUB_CLAUSE.finditer(text))
    if len(marks) < 2 or unit not in duty_owner(text[:marks[0].start()]).shared:
        return ""
    if len(text) <= DUTY_CHARS:  # short enough to quote whole: a clause's opening says only half of it
        return text.rstrip("。；;")
    ends = [m.start() for m in marks[1:]] + [len(text)]
    heads = [re.split(r"[，,；;。]", text[m.end():end], maxsplit=1)[0][:40] for m, end in zip(marks, ends, strict=True)]
    return text[:marks[0].start()].rstrip("：: ") + "：" + "；".join(f"{m.group(0)}{h}" for m, h in zip(marks, heads, strict=True))


# A clause that opens with a duty verb has no subject of its own: it goes on with the last one's duties.
# So does one opened by a word that carries on ("同时，适时更新企业名册…", "要强化宣传…").
GOES_ON = re.compile(rf"^(?:负责|{'|'.join(re.escape(p) for p, _ in roles.phrases(roles.VERB))}|"
                      rf"{one_of(name_words.GOES_ON_WORDS)})")


def _own_sentences(text: str, unit: str, parties: tuple[str, ...]) -> str:
    """"各相关部门须全力配合。督查专班综合汇总督查情况，及时…报告": the unit's sentences, without those whose
    subject is another party of the item (and the ones going on with it) — they are the other's duties."""
    others = [p for p in parties if p != unit and p not in unit]
    out: list[str] = []
    mine, skipped = True, False  # the text opens with the unit's own words
    for s in re.findall(r"[^。；;]+[。；;]?", text):
        if unit in s:
            mine = True
        elif any(s.lstrip().startswith(o) for o in others):
            mine = False
        if mine:
            out.append(("…" if skipped and out else "") + s)
            skipped = False
        else:
            skipped = True
    return "".join(out)


def _in_bracket(clause: str, unit: str) -> bool:
    """The unit is named inside the clause's trailing bracket, not in its running text."""
    at = clause.find(unit)
    return at > 0 and clause.rfind("（", 0, at) > clause.rfind("）", 0, at) and clause.endswith(("）", ")"))


def duty_text(d: Duty, full: bool = False) -> str:
    """What a unit does in an item, for its duty list. A duty-table row ("区行政审批局：…") or an
    unnumbered paragraph naming the unit as subject is the unit's own duty text: quoted from the
    unit's clause on (up to DUTY_CHARS), not cut to the item's first clause. ``full``: a short list
    (a unit with a few duties) quotes each item's text up to DUTY_CHARS instead of its heading."""
    item = d.item
    if item.units.notes and (duties := roster_duties(item.text)):
        duties = duties if len(duties) <= DUTY_CHARS else duties[:DUTY_CHARS] + "…"  # a group's "职责：…", not its people
        # a member asked of: which group's duties these are ("第一小组：大练…保障工作小组；职责：…")
        group = "：".join(roster_group(item.text, item.section)) if roster_post(item, d.unit) else ""
        return f"{group}；{duties}" if group else duties
    if roster_post(item, d.unit):
        return _roster_entry(item.text, d.unit)
    if clauses := _article_clauses(item.text, d.unit):
        return clauses
    own = item.text.startswith(d.unit) or (item.number == 0 and d.unit in item.text)
    if not own:
        # an item naming several units with a clause each ("…区资源生态局负责组织专业培训；…"): the
        # unit's own clause says what it does there, the heading alone does not
        rest = item.body[len(short_heading(item)):]
        clauses = [c.strip() for c in re.split(r"[。；;](?![^（(]*[）)])", item.body) if d.unit in c]
        if any(_in_bracket(c, d.unit) for c in clauses):
            # "…夹芯板材…治理（责任单位：资源生态处配合…）；…": the task whose bracket names the unit
            said = "；".join(c for c in clauses if _in_bracket(c, d.unit))
            return said if len(said) <= DUTY_CHARS else said[:DUTY_CHARS] + "…"
        parts = [c.strip() for c in re.split(r"[。；;]", rest)]
        # the unit's clause and the ones that go on with its duties ("X负责统筹…；负责整合…")
        clauses, going_on = [], False
        for c in parts:
            going_on = d.unit in c or (going_on and bool(GOES_ON.match(c)))
            if going_on:
                clauses.append(c)
        if clauses:
            said = "；".join(c[c.find(d.unit):] if d.unit in c else c for c in clauses)
            return f"{short_heading(item)}：{said if len(said) <= DUTY_CHARS else said[:DUTY_CHARS] + '…'}"
        heading = item.heading.rstrip("。；;，,")
        if d.unit not in item.text and item.heading != item.text.rstrip("。；;，, "):
            # the owner is named by the heading above ("（一）一级岸线巡防队主要职责如下："): the whole item is
            # its duty, its first sentence only the start of it ("负责组织指导…。每月开展1次联合督导活动…")
            body = item.text.rstrip("。；;，, ")
            return body if len(body) <= BODY_AFTER_SHORT else body[:BODY_AFTER_SHORT] + "…"
        if d.unit in heading and short_heading(item) != heading:
            # the unit is named in a long first sentence: shortening it would cut what the unit does
            return heading if len(heading) <= DUTY_CHARS else heading[:DUTY_CHARS] + "…"
        rest = item.body[len(item.heading):].strip("。；;，,：: ")
        titled = item.text.startswith(item.heading + "：")  # a table row headed by its title cell
        if (len(heading) <= SHORT_HEADING or titled) and rest:
            # "7.消防。生产、储存…的场所…": a heading of a word or two says too little of what is to be
            # done; a row's title ("深化消防安全培训教育") is followed by what the row asks
            return f"{heading}：{rest if len(rest) <= BODY_AFTER_SHORT else rest[:BODY_AFTER_SHORT] + '…'}"
        if full and len(body := item.body.rstrip("。；;，, ")) > len(short_heading(item)):
            return body if len(body) <= DUTY_CHARS else body[:DUTY_CHARS] + "…"
        return short_heading(item)
    text = item.text.removeprefix(d.unit + "：")
    start = text.find(d.unit) if item.number == 0 else 0
    # "——规整村庄杆线。结合…，由区通管办牵头…": the paragraph's short title says what the clause is about
    title = _TITLE.match(text[:start]) if start > 0 else None
    text = _own_sentences(text[max(start, 0):], d.unit, item.units.all).rstrip("。；;")
    if title:
        text = f"{title.group('title')}：{text}"
    return text if len(text) <= DUTY_CHARS else text[:DUTY_CHARS] + "…"
