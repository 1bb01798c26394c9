"""Which written name a short form abbreviates: "交建局" of "区交通与建设局", "党群处" of "党群工作处",
"片区消安委办公室" of "片区消防安全委员会办公室", "交管部门" of "公安机关交通管理部门".

An abbreviation keeps the first character of the name's words (or a whole word: 党群) and the kind of body it is
(局, 处, 办公室 or its short 办, 部门…); it may keep the level the name opens with (区, 片区) or drop it, and may
leave out the parent a body inside a body is named under (公安机关). A short form stands for a name only when it
matches exactly one name of the document; a person's name is never an abbreviation ("陈强" of "陈华强").
"""

from __future__ import annotations

import re

from corpus import vocabulary_names as words
from corpus.parties import is_party_name, personal_name
from corpus.text import abbreviates
from corpus.vocabulary import CONJUNCTIONS, one_of

_PARENT_END = re.compile(one_of(words.ABBREVIATED_PARENT_ENDS))
_CONJUNCTION = re.compile(one_of(CONJUNCTIONS))


def _kind_short(name: str) -> str:
    """"路长办公室" → "路长办", "消防安全委员会" → "消防安全委": how a kind is shortened with the name."""
    return next((name[:-len(full)] + short for full, short in words.ABBREVIATION_KIND_SHORTS if name.endswith(full)),
                name)


def split_name(name: str, shorten: bool = True) -> tuple[str, str, str]:
    """(level, stem, kind): "片区消防安全委员会办公室" → ("片区", "消防安全委员会", "办") (``shorten``: the kind as
    shortened, else "片区消防安全委员会办公室" → ("片区", "消防安全委员会办公", "室")); the kind "" when none."""
    level = next((w for w in words.ABBREVIATION_LEVELS if name.startswith(w) and len(name) - len(w) >= 2), "")
    body = _kind_short(name[len(level):]) if shorten else name[len(level):]
    kind = next((k for k in sorted(words.ABBREVIATION_KINDS, key=len, reverse=True)
                 if body.endswith(k) and len(body) > len(k)), "")
    return level, body[:len(body) - len(kind)], kind


def abbreviates_name(short: str, name: str) -> bool:
    """``short`` abbreviates ``name`` (a written name, not ``short`` itself nor a name it begins: "区纪委" is no
    short form of "区纪委监委", each names a body of its own). The name's kind is read shortened or as written:
    "消安委办" of "…委员会办公室", "村委会" of "村民（居民）委员会"."""
    return any(_abbreviates(split_name(short), split_name(name, shorten), short != name) for shorten in (True, False))


def _abbreviates(s_parts: tuple[str, str, str], n_parts: tuple[str, str, str], differ: bool) -> bool:
    (s_level, s_stem, s_kind), (n_level, n_stem, n_kind) = s_parts, n_parts
    if not s_kind or not s_stem or len(s_stem) > words.ABBREVIATION_STEM or (s_level and n_level and s_level != n_level):
        return False
    if not n_kind.endswith(s_kind) or s_stem[0] != n_stem[:1]:
        return False
    if n_stem == s_stem:
        return differ  # "路长办" of "区路长办公室", "消防队" of "消防大队": its kind or level shortened
    if len(s_stem) + len(s_kind) >= len(n_stem) + len(n_kind):
        return False
    if (n_stem + n_kind).startswith(s_stem + s_kind) and n_kind == s_kind and n_stem != s_stem:
        return False  # "纪委" of "纪委监委": a name of its own
    # where the name joins words ("交通与建设"), each of them keeps its first character: "交通局" is another body
    joined = [w for w in _CONJUNCTION.split(n_stem) if w]
    return len(s_stem) >= 2 and abbreviates(s_stem, n_stem) and (len(joined) < 2 or all(w[0] in s_stem for w in joined))


def _forms(name: str) -> list[str]:
    """The name and the body inside it named without its parent ("公安机关交通管理部门" → "交通管理部门")."""
    out = [name]
    for m in _PARENT_END.finditer(name):
        tail = name[m.end():]
        if m.start() >= 2 and len(tail) >= 3 and is_party_name(tail):
            out.append(tail)
    return out


def abbreviated_names(short: str, names, by_words: bool = True) -> list[str]:
    """Every name of ``names`` that ``short`` abbreviates (the caller answers only when there is exactly one):
    by its words and kind (``abbreviates_name``), or — for a short form of a district's body, a post or a
    collective ("区财金局", "站长" of "站内队长", "各部门" of "各有关部门") — by its characters in order, the same first
    character after the level 区 and the same last one. ``by_words`` False: the latter only (two spellings of one
    body merged in an index, where a level dropped would make every short form ambiguous)."""
    if personal_name(short) or not is_party_name(short):
        return []
    return [n for n in dict.fromkeys(names) if len(n) > len(short) and not personal_name(n)
            and (_in_order(short, n) or by_words and any(abbreviates_name(short, f) for f in _forms(n)))]


_IN_ORDER_CHARS = 5  # "财金局", "交建局", "发改局": a short form is short


def _in_order(short: str, name: str) -> bool:
    bare, body = short.removeprefix("区"), name.removeprefix("区")
    return 2 <= len(bare) <= _IN_ORDER_CHARS and len(name) > len(short) and body[:1] == bare[0] \
        and (_office(body) == bare or not body.startswith(bare) and abbreviates(bare, _office(body), same_end=True))


def _office(name: str) -> str:
    return next((name[:-len(full)] + short for full, short in words.OFFICE_ENDS if name.endswith(full)), name)


def _pattern(short: str) -> re.Pattern:
    level, stem, kind = split_name(short)
    gap = r"[\u4e00-\u9fff]{0,4}?"
    return re.compile(re.escape(stem[0]) + "".join(gap + re.escape(c) for c in stem[1:]) + gap + re.escape(kind))


def written_abbreviated(short: str, texts) -> list[str]:
    """The distinct names in ``texts`` that ``short`` abbreviates, when no text writes ``short`` itself: "党群工作处"
    for "党群处" where only the running text names the office (it holds no task of its own)."""
    level, stem, kind = split_name(short)
    if not kind or not 2 <= len(stem) <= words.ABBREVIATION_STEM or personal_name(short) or not is_party_name(short):
        return []
    found: dict[str, None] = {}
    pattern = _pattern(short)
    for text in texts:
        for m in pattern.finditer(text):
            end = m.end() + next((len(full) - len(cut) for full, cut in words.ABBREVIATION_KIND_SHORTS
                                  if cut == kind and text.startswith(full[len(cut):], m.end())), 0)  # 办 → 办公室
            name = text[m.start() - len(level) if level and text[:m.start()].endswith(level) else m.start():end]
            if is_party_name(name) and abbreviates_name(short, name):
                found.setdefault(name, None)
    return list(found)
