"""Which document a question names: by short name, alias, or any recognisable part of its title.

Users write "越秀工作要点", "监督条例方案", "洛阳", "海珠城管", "2018年工作要点"… The bundled names
come from corpus/documents/names.toml; a document without an entry is still found through its title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.user_input.normalise import VARIANTS
from corpus.model import Document
from corpus.text import normalize_for_match
from corpus.vocabulary import IN_WORDS, LABEL_NUMERALS, TITLE_COMMONPLACES, one_of
from corpus.vocabulary_names import NOT_PLACE_CHARS, PLACE_SUFFIXES

# Title commonplaces (corpus/vocabulary.py) name a kind of document, never one document. Beyond these,
# a title fragment identifies a document only when no other document's title contains it (see
# find_documents).
_MIN_TITLE_OVERLAP = 4


_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」]")


@lru_cache(maxsize=16384)
def name_key(text: str) -> str:
    """The corpus matching form (NFKC, no markup or whitespace) without quotes and title marks, which
    people type inconsistently ("党内监督条例" for "《中国共产党党内监督条例》")."""
    return _QUOTES.sub("", normalize_for_match(text)).translate(VARIANTS)


@dataclass(frozen=True)
class DocMatch:
    document: Document
    span: str  # the matched text (in normalised form), so callers can remove it from the question
    strength: int  # longer / more specific matches rank first; < 0: a typo away (minus the distance)


def _longest_common_substring(a: str, b: str) -> str:
    best = ""
    # Questions and titles are short (< 100 chars): the quadratic scan is microseconds.
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


_QUOTED = re.compile(r"《([^《》]*)》")  # a title quoted inside a title
_MIN_ABBREVIATION = 5  # "自建房整治": characters of the title in its order, not side by side
_MAX_ABBREVIATION = 12


@dataclass(frozen=True)
class _Title:
    """A document's title as find_documents compares it, computed once per document set (_titles)."""

    key: str  # name_key(title)
    chars: frozenset[str]  # its characters: a part holding any other one is in no order of them
    quoted: tuple[str, ...]  # titles quoted inside it (name_key form)
    outside: str  # the title without them


def _title(doc: Document) -> _Title:
    key = name_key(doc.title)
    quoted = tuple(name_key(t) for t in _QUOTED.findall(doc.title))
    outside = key
    for part in quoted:
        outside = outside.replace(part, "\n")  # name_key() leaves no whitespace: a separator nothing matches
    return _Title(key, frozenset(key), quoted, outside)


_SETS: dict[tuple[int, ...], tuple[tuple[Document, ...], list[_Title], Counter[str]]] = {}


def _titles(documents: Sequence[Document]) -> tuple[list[_Title], Counter[str]]:
    """Each document's ``_Title`` and the place counts (``_place_counts``) of one document set, computed
    once per set: the set is keyed by its documents' identities and holds them, so a changed document (a
    new object: documents are frozen) or an added one makes another set, never a stale match."""
    docs = tuple(documents)
    key = tuple(map(id, docs))
    hit = _SETS.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], docs, strict=True)):
        if len(_SETS) > 32:  # corpora reloaded many times (tests, uploads): drop the old sets
            _SETS.clear()
        hit = _SETS[key] = (docs, [_title(d) for d in docs], _place_counts(docs))
    return hit[1], hit[2]


def _title_fragment(q: str, title: _Title, others: list[_Title]) -> str:
    """The longest part of q that only this title holds: side by side ("禁毒工作方案", at least 4
    characters), or, for an abbreviation ("自建房整治" of "自建房安全专项整治实施方案"), in the title's
    order with gaps. Commonplaces ("工作方案") and parts other titles hold too name no document."""
    # A title quoted inside the title (``quoted``: "贯彻落实《中国共产党党内监督条例》的工作方案") is
    # another document: words only it holds ("中国共产党…") name that one, never this one.
    quoted = title.quoted
    overlap = _longest_common_substring(q, title.key)
    if len(overlap) >= _MIN_TITLE_OVERLAP and overlap not in TITLE_COMMONPLACES and \
            not any(overlap in t.key for t in others) and \
            (overlap in title.outside or not any(overlap in part for part in quoted)):
        return overlap
    # a window with a character the title lacks is in no order of the title's: skipped by a prefix count
    foreign = [0]
    for ch in q:
        foreign.append(foreign[-1] + (ch not in title.chars))
    for size in range(min(len(q), _MAX_ABBREVIATION), _MIN_ABBREVIATION - 1, -1):
        for i in range(len(q) - size + 1):
            if foreign[i + size] != foreign[i]:
                continue
            window = q[i:i + size]
            if _in_order(window, title.key) and \
                    not any(t.chars.issuperset(window) and _in_order(window, t.key) for t in others) \
                    and not any(_in_order(window, t) for t in quoted) and not _ITEM_MARK.search(window):
                return window
    return ""


def _in_order(part: str, title: str) -> bool:
    """Whether every character of ``part`` occurs in ``title`` in the same order (an abbreviation): ``part``
    is a subsequence of ``title`` (what rapidfuzz's Indel distance said, without importing rapidfuzz)."""
    rest = iter(title)
    return all(ch in rest for ch in part)


def find_documents(question: str, documents: Sequence[Document]) -> list[DocMatch]:
    """Documents the question names, best first. Empty when it names none."""
    q = name_key(question)
    titles, place_counts = _titles(documents)
    matches: list[DocMatch] = []
    for pos, doc in enumerate(documents):
        names = [doc.short_name, *doc.aliases, doc.doc_number]
        best = max((name_key(n) for n in names if n and name_key(n) in q), key=len, default="")
        # A name people use always beats a fragment of a title.
        strength = 1000 + len(best) if best else 0
        if not best and doc.title:
            others = [t for other, t in zip(documents, titles, strict=True) if other is not doc]
            best = _title_fragment(q, titles[pos], others)
            strength = len(best)
        if not best:
            own = (p for p in places_of(doc.title, doc.issuer) if place_counts[p] == 1 and p in q)
            best = max(own, key=len, default="")
            strength = len(best)
        if best:
            matches.append(DocMatch(doc, best, strength))
    # "森林防灭火工作要点" names that document, not the one whose alias is "工作要点": a name inside a
    # longer title fragment of another document is part of that fragment.
    matches = [m for m in matches if not any(
        o.document is not m.document and m.span in o.span and len(o.span) > len(m.span) for o in matches)]
    if not matches:
        return _by_head_noun(q, documents) or _near_names(q, documents)
    matches.sort(key=lambda m: -m.strength)
    top = matches[0].strength
    # An alias contained in a longer one ("工作要点" in "越秀工作要点") was dropped above. Two documents
    # called by their names ("越秀工作要点第3项和洛阳机关党建意见第3项") are both meant, whatever their
    # lengths; below names, keep only the matches as specific as the best one.
    if top >= 1000:
        return [m for m in matches if m.strength >= 1000]
    return [m for m in matches if m.strength == top]


# Places and issuers open a title or an issuer: "荔湾区…", "中共广州市越秀区委…", "流花街道党工委…",
# "平潭综合实验区苏平片区管理局关于…". A run of place names at the start of a title, of an issuer, or of a
# title quoted inside the title (《金井片区…》), each a name and its administrative suffix.
_PLACE_SUFFIX = rf"(?:{one_of(PLACE_SUFFIXES)})"
# characters of office names and title wording, never of a place ("管理局关于农村", "加强和改进全市")
_NOT_PLACE = re.compile(rf"{_PLACE_SUFFIX}|[{NOT_PLACE_CHARS}]")
_PLACE = re.compile(rf"([\u4e00-\u9fff]{{2,6}}?){_PLACE_SUFFIX}")
_TITLE_OPENING = re.compile(r"^(?:中共|中国共产党)?(?:[0-9]{4}年度?)?")
_TITLE_STARTS = re.compile(r"关于印发|印发|《")


def _places_at(text: str) -> list[str]:
    places, i = [], _TITLE_OPENING.match(text).end()
    while (m := _PLACE.match(text, i)) is not None and not _NOT_PLACE.search(m.group(1)):
        # "平潭综合实验区" is called "平潭": the first two characters name a long place too
        places += [m.group(1), m.group(1)[:2]] if len(m.group(1)) > 3 else [m.group(1)]
        i = m.end()
    return places


@lru_cache(maxsize=4096)
def places_of(title: str, issuer: str) -> frozenset[str]:
    """The place names a document's title and issuer open with ("荔湾", "东山", "苏平", "洛阳")."""
    found: list[str] = []
    for text in (name_key(title), name_key(issuer)):
        for start in (0, *(m.end() for m in _TITLE_STARTS.finditer(text))):
            found += _places_at(text[start:])
    return frozenset(found)


def documents_by_place(question: str, documents: Sequence[Document]) -> list[Document]:
    """The documents whose title or issuer opens with a place the question names ("越秀第5项": both
    越秀 documents, though "越秀" alone names neither of them)."""
    q = name_key(question)
    return [d for d in documents if any(p in q for p in places_of(d.title, d.issuer))]


def _place_counts(documents: Sequence[Document]) -> Counter[str]:
    """How many documents open with each place: "荔湾" names the one 荔湾 document, while "越秀", which
    opens two bundled titles, names neither."""
    return Counter(p for d in documents for p in places_of(d.title, d.issuer))


_ITEM_MARK_RX = rf"第[0-9{LABEL_NUMERALS}百]+[项条]"  # "第20项", "第三条"
_HEAD_BEFORE_ITEM = re.compile(rf"^(?:那么?|请问)?([\u4e00-\u9fff]{{2}})(?:{one_of(IN_WORDS)})?{_ITEM_MARK_RX}")


def _by_head_noun(q: str, documents: Sequence[Document]) -> list[DocMatch]:
    """"要点第20项", "意见第3条": a document called by the last word of its names (要点, 意见, 解读) when
    no other document's names end the same way, and only right before an item number. A word a few
    documents share ("方案") gives them all, as equally close, to be asked back."""
    m = _HEAD_BEFORE_ITEM.match(q)
    if m is None:
        return []
    head = m.group(1)
    owners = [d for d in documents if any(name_key(n).endswith(head) for n in (d.short_name, *d.aliases) if n)]
    if len(owners) == 1:
        return [DocMatch(owners[0], head, 1)]
    # Shared by a few documents ("方案"): as close as a typo, so the question is asked back.
    return [DocMatch(d, head, -1) for d in owners] if 1 < len(owners) <= 3 else []


MIN_FUZZY_NAME = 4  # shorter names ("洛阳", "海珠") are one typo away from too many words
_ITEM_MARK = re.compile(_ITEM_MARK_RX)


def _allowed_typos(name: str) -> int:
    return 1 if len(name) <= 7 else 2


_NAMES: dict[int, tuple[Document, tuple]] = {}  # id(document) → (document, its names for typo search)


def _fuzzy_names(doc: Document) -> tuple:
    """(name, its characters, typos allowed) for each name of ``doc`` long enough for typo search;
    computed once per document (kept with the document itself, so a reused id never matches)."""
    hit = _NAMES.get(id(doc))
    if hit is None or hit[0] is not doc:
        names = {name_key(n) for n in (doc.short_name, *doc.aliases) if n}
        hit = (doc, tuple((n, frozenset(n), _allowed_typos(n)) for n in names if len(n) >= MIN_FUZZY_NAME))
        if len(_NAMES) > 1000:  # corpora reloaded many times: drop the old documents' entries
            _NAMES.clear()
        _NAMES[id(doc)] = hit
    return hit[1]


def _near_names(q: str, documents: Sequence[Document]) -> list[DocMatch]:
    """Documents whose short name or alias is a typo away from part of q ("监督放案", "工做要点"); all
    equally close ones are returned so the caller can ask back. Only tried when no name matched."""
    q = _ITEM_MARK.split(q, maxsplit=1)[0] if _ITEM_MARK.search(q) else q  # the name comes before 第N项
    best: dict[int, DocMatch] = {}
    chars = set(q)
    for doc in documents:
        for name, name_chars, limit in _fuzzy_names(doc):
            # Cheap filter first: most questions share too few characters with any name.
            if len(name_chars & chars) < len(name_chars) - limit:
                continue
            from rapidfuzz.distance import (
                Levenshtein,  # C extension, ~8 ms of a cold start: past the filter only
            )

            firsts = [i for i, ch in enumerate(q) if ch == name[0]]
            lasts = [i + 1 for i, ch in enumerate(q) if ch == name[-1]]
            for size in range(max(MIN_FUZZY_NAME, len(name) - limit), len(name) + limit + 1):
                # a window starts with the name's first character or ends with its last one
                starts = set(firsts) | {end - size for end in lasts if end - size >= 0}
                for i in starts:
                    window = q[i:i + size]
                    if len(window) < size:
                        continue
                    d = Levenshtein.distance(window, name, score_cutoff=limit)
                    known = best.get(id(doc))  # closest first; at a tie the longer window (it replaces more)
                    if d <= limit and (known is None or (-d, len(window)) > (known.strength, len(known.span))):
                        best[id(doc)] = DocMatch(doc, window, -d)
    if not best:
        return []
    top = max(m.strength for m in best.values())
    return [m for m in best.values() if m.strength == top]


def resolve_document(name: str, documents: Sequence[Document]) -> list[Document]:
    """For `docbot item <document> <n>` and /item: the documents a bare name refers to."""
    n = name_key(name)
    exact = [d for d in documents if n in {name_key(x) for x in (d.short_name, *d.aliases, d.source, d.doc_number) if x}]
    if exact:
        return exact
    return [m.document for m in find_documents(name, documents)]
