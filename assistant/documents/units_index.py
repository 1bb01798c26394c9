"""Which items each unit leads, co-operates on or shares, across the whole corpus.

Built once from the parsed items; unit names are compared through the editable alias file
(corpus/unit_aliases.txt) so 区委办 finds 区委办公室, while distinct units stay distinct.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.documents.names import name_key
from corpus import vocabulary_names as name_words
from corpus.abbreviations import abbreviated_names
from corpus.aliases import UnitAliases
from corpus.model import MAIN_PART, Document, Item
from corpus.parties import POSITIONS, is_party_name
from corpus.roles import COOPERATE_STEMS, UNIT_NOUNS
from corpus.vocabulary import NOTICE_WORD, one_of

ROLE_LABELS = {"lead": "牵头", "shared": "按职责分工负责", "coordinate": "组织协调", "guide": "指导", "cooperate": "配合",
               "sub": "分项负责", "leaders": "牵头领导", "addressed": "通知主送（该项未另写责任单位）"}


def notice_recipients(doc: Document) -> tuple[str, ...]:
    """A notice sent to one kind of recipient ("各挂钩帮扶干部：", "各承办单位：") asks them to do what it
    lists: its numbered items that name no party are theirs, shown as such (never as a stated role).
    A notice to several kinds of body, or a plan under its cover note, does not say who does what."""
    return doc.addressees if len(doc.addressees) == 1 and doc.title.endswith(NOTICE_WORD) else ()


@dataclass(frozen=True)
class Duty:
    document: Document
    item: Item
    role: str  # lead | shared | coordinate | cooperate | sub
    unit: str  # as written in the document
    scope: str = ""  # for "sub": the part of the item this unit is responsible for


_PLACED_BODY = re.compile(rf"^[\u4e00-\u9fff]{{1,4}}?(?:{one_of(name_words.BODY_PLACES)})"
                          rf"(?P<body>[\u4e00-\u9fff]{{2,}}(?:{one_of(name_words.PLACED_BODY_ENDS)}))$")


_PLACED_COMPANY = re.compile(rf"^[\u4e00-\u9fff]{{2,6}}?(?:{one_of(name_words.PLACE_SUFFIXES)})"
                             rf"(?P<body>[\u4e00-\u9fff]{{4,}}(?:{one_of(name_words.PLACED_COMPANY_ENDS)}))$")
_PLACE_THEN_LEVEL = re.compile(rf"^[\u4e00-\u9fff]{{2,4}}?(?P<asked>(?:{one_of(name_words.LEVELS_KEPT_ASKED)})"
                               rf"[\u4e00-\u9fff]{{3,}})$")
_ALTERNATIVE = re.compile(rf"[（(]({one_of(name_words.PLACE_ALTERNATIVES)})[）)]")
_NAMEPLATES = re.compile(rf"^([^（(]{{2,20}})[（(]([^（）()]{{2,20}}(?:{one_of(name_words.NAMEPLATE_ENDS)}))[）)]$")


def _short_forms(name: str) -> list[str]:
    """"区委组织部" → "组织部", "区纪委" → "纪委": how people shorten district unit names."""
    out = []
    if m := _NAMEPLATES.match(name):
        out += [m.group(1), m.group(2)]  # "区森林园林局（区森林园林公司）": one body, either nameplate names it
    if (m := _ALTERNATIVE.search(name)) and not name.startswith("（"):
        for asked in (name.replace(m.group(0), m.group(1)), name.replace(m.group(0), "")):  # "各村居", "各村"
            out += [asked, *_short_forms(asked)]
    if m := _PLACE_THEN_LEVEL.match(name):
        out.append(m.group("asked"))  # "君山片区管理局" asked as "片区管理局": its own 片区, the place left out
    if m := _PLACED_BODY.match(name):
        out.append(m.group("body"))  # "金井片区督查专班" → "督查专班": a task body is called by its own name
    elif m := _PLACED_COMPANY.match(name):
        out.append(m.group("body"))  # "平潭综合实验区交通投资发展有限公司" → "交通投资发展有限公司"
    if name.startswith("各") and len(name) - 1 >= 2 and (name.endswith(POSITIONS) or is_party_name(name[1:])) \
            and name[1:] not in UNIT_NOUNS:  # "各乡镇" asked as "乡镇"; "各处室" is not every "处室"
        # "各挂钩帮扶干部" is asked as "挂钩帮扶干部", "各乡镇安委会" as "乡镇安委会" (not "各配合单位" as "配合单位")
        out.append(name[1:])
    if name.startswith("区委") and len(name) - 2 >= 3:
        out.append(name[2:])
    elif name.startswith("区") and not name.startswith("区委") and len(name) - 1 >= 2:
        out.append(name[1:])
    elif level := next((w for w in name_words.DROPPED_NAME_LEVELS if name.startswith(w)), ""):
        if len(name) - len(level) >= 3 and is_party_name(name[len(level):]):
            out.append(name[len(level):])  # "局交通与建设处" asked as "交通与建设处"
    return out


_CONJUNCTIONS = re.compile(r"[和与及、]")
# A body inside a body: "区公安局交警部门", "区市场监管局君山分局" — the parent ends in one of these.
_PARENT_END = re.compile(rf"(?:{one_of(name_words.PARENT_ENDS)})")


def _loose(name: str) -> str:
    return _CONJUNCTIONS.sub("", name_key(name)) if len(name) >= 6 else name_key(name)


def _sub_body(name: str) -> str:
    """"区公安局交警部门" → "交警部门": the named part of a parent body, when the part reads as a name."""
    for m in _PARENT_END.finditer(name):
        tail = name[m.end():]
        if m.start() >= 2 and len(tail) >= 3:
            return tail if is_party_name(tail) else ""
    return ""


def _abbreviation_of(short: str, names, by_words: bool = True) -> str:
    """The one name ``short`` abbreviates (corpus/abbreviations.py: "区财金局" of "区财政金融局", "交建局" of
    "区交通与建设局"); "" when none or several."""
    found = abbreviated_names(short, names, by_words)
    return found[0] if len(found) == 1 else ""


def _splits_place(head: str, tail: str) -> bool:
    """"片" + "区防控办": the asked name's level (区) is the end of the longer name's place word (片区), so
    区防控办 is another body (the district's), not the end of 片区防控办."""
    return any(head.endswith(p[:k]) and tail.startswith(p[k:])
               for p in name_words.PLACE_SUFFIXES if len(p) > 1 for k in range(1, len(p)))


def _stem(name: str) -> str:
    bare = name.removeprefix("区")
    end = next((e for e in name_words.STEM_ENDS if bare.endswith(e)), "")
    return bare[:-len(end)] if end and len(bare) - len(end) >= 2 else ""


def _another_level(before: str, key: str) -> bool:
    """"区防控办" asked, "防控办" (片区防控办 without its level) found: the question's own level (区) is the end of
    the key's place word (片区) without the rest of it, so another body is asked (the district's)."""
    return any(key.startswith(p) and before.endswith(p[-1]) and not before.endswith(p)
               for p in name_words.PLACE_SUFFIXES if len(p) > 1)


def written_in(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` itself: "区防控办" is not written in "片区防控办" (see _splits_place)."""
    at = text.find(name)
    while at >= 0:
        if not _splits_place(text[:at], name):
            return True
        at = text.find(name, at + 1)
    return False


def _people_stem(name: str) -> str:
    """"各挂钩帮扶责任人" → "挂钩帮扶": what a collective of people does, without the noun for the people."""
    body = name.removeprefix("各")
    for noun in name_words.PEOPLE_NOUNS:
        if body.endswith(noun) and len(body) - len(noun) >= 3:
            return body[:-len(noun)]
    return ""


_OWN_PARENT_MARKS = ("其",)  # "其各内设处室": the body the text is about, as in "片区管理局各内设处室"
_LONGER_CHARS = 4  # "内设处室": a shorter name is a body's own kind, not a generic word ("办公室")


def _written_longer(duties: dict[str, list[Duty]]) -> dict[str, tuple[str, ...]]:
    """One body's offices or post written at several lengths in the same documents: "内设处室", "片区内设处室",
    "片区管理局各内设处室", "其各内设处室"; "队长", "消防站队长", "微型消防站队长". Each shorter key maps to the
    longer keys that end in it, when they all name one parent (a place level such as 片区 being the start of
    片区管理局); never two ("白青区域征迁工作专班" and "各区域征迁工作专班" are two bodies), nor a parent whose place
    word the shorter name splits (片区防控办 is not 区防控办's)."""
    absorbed: set[str] = set()
    out: dict[str, tuple[str, ...]] = {}
    for short in sorted(duties, key=len, reverse=True):
        if not (len(short) >= _LONGER_CHARS or short.endswith(POSITIONS)) or not is_party_name(short):
            continue
        longer = [k for k in duties if len(k) > len(short) and k.endswith(short) and k not in absorbed
                  and not _splits_place(k[:-len(short)], short)]
        if not longer:
            continue
        parents = {k[:-len(short)].removesuffix("各").removeprefix(_OWN_PARENT_MARKS[0]) for k in longer} - {""}
        parents = {p for p in parents if not any(o != p and o.startswith(p) for o in parents)}  # 片区 of 片区管理局
        documents = {d.document.source for k in longer for d in duties[k]}
        if len(parents) <= 1 and {d.document.source for d in duties[short]} <= documents:
            out[short] = tuple(longer)
            absorbed.add(short)
    return out


class UnitIndex:
    def __init__(self, documents: tuple[Document, ...], aliases: UnitAliases | None = None):
        self._aliases = aliases or UnitAliases()
        self._merged: dict[str, str] = {}  # a spelling → the unit's longer spelling (_merge_spellings)
        self.duties: dict[str, list[Duty]] = defaultdict(list)
        for doc in documents:
            for item in (*doc.items, *doc.tasks):
                u = item.units
                for role in ("lead", "shared", "coordinate", "guide", "cooperate", "leaders"):
                    for name in getattr(u, role):
                        self.duties[self.key(name)].append(Duty(doc, item, role, name))
                for sub in u.sub:
                    role = "lead" if sub.role == "lead" else "sub"
                    self.duties[self.key(sub.unit)].append(Duty(doc, item, role, sub.unit, sub.scope))
            for name in notice_recipients(doc):
                self.duties[self.key(name)] += [Duty(doc, it, "addressed", name) for it in doc.items
                                                if it.number and it.part == MAIN_PART and not it.units.all]
        self._merge_spellings()
        # variant (normalised) → canonical key; ambiguous short forms are dropped.
        variants: dict[str, set[str]] = defaultdict(set)
        for key, duties in self.duties.items():
            for name in {key, *(d.unit for d in duties)}:
                variants[name_key(name)].add(key)
                for short in _short_forms(name_key(name)):
                    variants[short].add(key)
        for key in list(self.duties):
            for spelling in self._aliases.spellings(key):
                variants[name_key(spelling)].add(key)
        self._variants = {v: key for v, keys in variants.items() if v and (key := self._dominant(keys))}
        self._by_length = sorted(self._variants, key=len, reverse=True)
        self._stems: dict[str, set[str]] = defaultdict(set)
        for v, key in self._variants.items():
            if (stem := _stem(v)) and is_party_name(v):
                self._stems[stem].add(key)

    def _merge_spellings(self) -> None:
        """One unit written two ways in the documents is one unit: "区人口和计划生育领导小组" and
        "区人口计划生育领导小组" (a conjunction dropped), "区公安局交警部门" and a bare "交警部门" when no
        other body has a 交警部门, a body under two nameplates and either plate alone. The longer spelling
        keeps the duties of both."""
        groups: dict[str, set[str]] = defaultdict(set)
        parties = [k for k in self.duties if is_party_name(k)]  # once, not once per key (a cold start's ~20 ms)
        for key in self.duties:
            groups[_loose(key)].add(key)
            if m := _NAMEPLATES.match(key):  # "区森林园林局（区森林园林公司）" and a bare "区森林园林局": one body
                groups[_loose(key)].update(p for p in m.groups() if p in self.duties)
            if tail := _sub_body(key):
                groups["sub:" + tail].add(key)
            level = next((w for w in name_words.DROPPED_NAME_LEVELS if key.startswith(w)), "")
            if level and key[len(level):] in self.duties:  # "局党政办公室" and "党政办公室": the bureau's own office
                groups["level:" + key[len(level):]].update((key, key[len(level):]))
            if stem := _people_stem(key):
                groups["people:" + stem].add(key)
            if full := _abbreviation_of(key, parties, by_words=False):
                groups["abbr:" + full].update((key, full))  # "区财金局" and "区财政金融局" in one document
        for short, longer in _written_longer(self.duties).items():
            groups["longer:" + short].update((short, *longer))
        for form, keys in groups.items():
            short = form.removeprefix("sub:")
            if form.startswith("sub:"):
                if len(keys) != 1 or short not in self.duties or short in keys:
                    continue
                keys = {*keys, short}
            keys = {self.key(k) for k in keys}  # a spelling merged by an earlier group
            if len(keys) < 2:
                continue
            keep = max(keys, key=len)
            for other in keys - {keep}:
                self.duties[keep].extend(self.duties.pop(other, []))
                self._merged[other] = keep
            order = {src: i for i, src in enumerate(dict.fromkeys(d.document.source for d in self.duties[keep]))}
            self.duties[keep].sort(key=lambda d: (order[d.document.source], d.item.line_start))  # as the text runs

    def _dominant(self, keys: set[str]) -> str:
        """The unit a short form means: the only one, or one named in at least 3× as many duties as
        any other ("纪委" in a district plan is 区纪委 even if a news paragraph mentions 市纪委)."""
        if len(keys) == 1:
            return next(iter(keys))
        ranked = sorted(keys, key=lambda k: -len(self.duties.get(k, ())))
        first, second = (len(self.duties.get(k, ())) for k in ranked[:2])
        return ranked[0] if first >= 3 * max(second, 1) else ""

    def key(self, name: str) -> str:
        """Duties are filed under the alias file's canonical spelling."""
        key = self._aliases.canonical(name)
        while key in self._merged:  # a spelling merged into one merged again later
            key = self._merged[key]
        return key

    def spans_in(self, q: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical unit) of every unit named in q, in order; the longest match wins
        where names overlap (区纪委监委 ⊃ 区纪委)."""
        taken = [False] * len(q)
        found: list[tuple[int, int, str]] = []
        for v in self._by_length:
            start = q.find(v)
            while start >= 0:
                if not any(taken[start:start + len(v)]) and not _another_level(q[:start], self._variants[v]):
                    for i in range(start, start + len(v)):
                        taken[i] = True
                    found.append((start, start + len(v), self._variants[v]))
                start = q.find(v, start + 1)
        return sorted(found)

    def containing(self, name: str) -> str:
        """The one unit whose name ends in a shorter name asked ("各村委会" of "大练区域各村委会"; never "公安局"
        of "区公安局交警大队", a body inside it), or ""."""
        n = name_key(name)
        if n in self._variants or n in self.duties:  # a name of its own (or one several units share)
            return ""
        found = [k for k in self.duties if name_key(k).endswith(n) and is_party_name(k)
                 and not _splits_place(name_key(k)[:-len(n)], n)] if len(n) >= 3 else []
        return found[0] if len(found) == 1 else ""

    def abbreviated(self, name: str) -> str:
        """The unit a name no document writes abbreviates ("区财金局" asked, "区财政金融局" written), or ""."""
        short = name_key(name)
        if found := _abbreviation_of(short, [k for k in self.duties if is_party_name(k)]):
            return found
        # "乡镇政府" of "各乡镇人民政府": the short form the index knows it by ("乡镇人民政府") is the one abbreviated
        keys = {self._variants[v] for v in abbreviated_names(short, [v for v in self._variants if is_party_name(v)])}
        return next(iter(keys)) if len(keys) == 1 else ""

    def abbreviations(self, name: str) -> tuple[str, ...]:
        """Every unit a name no document writes may abbreviate ("交建局" of 区交通与建设局 and 区交通建设管理局):
        the question is asked back when there are several."""
        short = name_key(name)
        if short in self._variants or short in self.duties:
            return ()
        found = abbreviated_names(short, [k for k in self.duties if is_party_name(k)])
        return tuple(dict.fromkeys(self._merged.get(k, k) for k in found))

    def stemmed(self, name: str) -> str:
        """The one unit a bare stem names ("公安" of 区公安局, "交警" of 交警部门: level and organisation noun left
        out), or ""."""
        found = self._stems.get(name_key(name), ())
        return next(iter(found)) if len(found) == 1 else ""

    def spellings(self, unit_key: str) -> tuple[str, ...]:
        """How the documents and people write the unit: its key, its spellings in duties, its short forms."""
        own = {unit_key, *(d.unit for d in self.duties.get(unit_key, ()))}
        return tuple(sorted(own | {v for v, k in self._variants.items() if k == unit_key}, key=len, reverse=True))

    def duties_of(self, unit_key: str) -> list[Duty]:
        return self.duties.get(unit_key, [])


def unit_keys(spans: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """The distinct canonical units of ``spans_in``'s result, in order of appearance."""
    return tuple(dict.fromkeys(key for _, _, key in spans))


# The words a document uses for supporting units; the parser files them all under "cooperate", but a
# unit that 参与 is shown as 参与, not as 配合 (each role with the document's own word).
_SUPPORT_WORDS = COOPERATE_STEMS  # order is no matter: the nearest word wins
_CLAUSE_END = re.compile(r"[。；;\n]")


def cooperate_word(item: Item, unit: str) -> str:
    """The word the item's text uses for ``unit``'s support: the first support word after the unit in
    its clause ("各社区参与"), else the label before it ("参与单位：各社区"); "配合" when neither says."""
    names = sorted({*item.units.all, *item.units.cooperate}, key=len, reverse=True)
    for text in (item.units.raw, item.text):
        at = text.find(unit)
        if at < 0:
            continue
        end = _CLAUSE_END.search(text, at)
        # the other names blanked out: "区政协办公室" holds "协办" but says nothing of a role
        after = _blank(text[at + len(unit):end.start() if end else len(text)], names)
        found = [(after.find(w), w) for w in _SUPPORT_WORDS if w in after]
        if found:
            return min(found)[1]
        start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
        before = _blank(text[start:at], names)
        found = [(before.rfind(w), w) for w in _SUPPORT_WORDS if w in before]
        if found:
            return max(found)[1]
    return "配合"


def _blank(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "|" * len(name))
    return text


def cooperate_groups(item: Item) -> list[tuple[str, list[str]]]:
    """The item's supporting units grouped by the document's word for them, in document order."""
    groups: dict[str, list[str]] = {}
    for unit in item.units.cooperate:
        groups.setdefault(cooperate_word(item, unit), []).append(unit)
    return list(groups.items())
