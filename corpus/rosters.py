"""Rosters as they are written: "组  长：施 强 片区党委书记、局长", a name on the line below, one roster per group.

Line-level helpers for the parser (corpus/parse.py): the people are read by ``corpus.parties.roster_units``
from the entries these helpers normalise, while the paragraph keeps the text as written.
"""

from __future__ import annotations

import re

from corpus import vocabulary_names as v
from corpus.parties import is_party_name, personal_name
from corpus.text import collapse_spaces, has_sentence_punct, join_cjk_spaces
from corpus.vocabulary import LABEL_NUMERALS, one_of

# The body a roster staffs, named in the paragraph that announces it ("决定成立审计工作督导领导小组，…如下：").
# A quoted campaign name may open it ("成立“除火患、保平安”冬春专项行动领导小组").
_BODY = re.compile(rf"(?:“[^“”，。；]{{2,20}}”)?[^，,。；;：:“”]{{2,40}}?(?:{one_of(v.STAFFED_BODY_ENDS)})(?![\u4e00-\u9fff])")
# The title line of one group in a list of groups ("第二指导组", "（三）综合协调组"): a roster of its own.
GROUP_TITLE = re.compile(rf"^[（(]?[第{LABEL_NUMERALS}\d]{{0,4}}[）)、.]?[\u4e00-\u9fff]{{0,12}}?(?:{one_of(v.GROUP_TITLE_ENDS)})[:：]?$")


# A roster's further field however long its list ("指导村（社区）：流金华府社区、五埕村、…"): a short label,
# then names set apart by 、 (running text has commas or full stops, checked by the caller).
LABELLED_LIST = re.compile(r"^[\u4e00-\u9fff（）()]{2,10}[:：][^:：]+、[^:：]+$")


_SPACED_NAME = re.compile(r"^(?P<name>[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}?)\s+(?P<post>\S.*)$")


def spaced_member(raw: str) -> bool:
    """"林 森 区公安驻金井片区工作组": a name set apart from its post by a space is a roster's member line, even
    where the post ends like a group's title (工作组)."""
    m = _SPACED_NAME.match(raw.strip())
    return bool(m) and len(m.group("name").replace(" ", "")) in (2, 3, 4) and len(m.group("post")) >= 2


def group_title(text: str, raw: str, in_roster: bool) -> bool:
    """"第二组", "综合协调组": the title of a group in a list of groups; inside a roster, not a member's line."""
    return bool(GROUP_TITLE.match(text)) and not (in_roster and spaced_member(raw))


def spaced_names(names: str) -> list[str] | None:
    """"林宗生 吴海鹄 林润颖", "魏 建 韩祥杰 林 松": names set apart by single spaces, a two-character name padded
    inside ("魏 建"), and nothing else — the names, with each padded pair joined; None for anything else
    ("施 强 片区党委书记": a name and its post)."""
    tokens = names.split()
    if len(tokens) < 2 or any(len(t) > 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", t) for t in tokens):
        return None
    out, i = [], 0
    while i < len(tokens):
        if len(tokens[i]) == 1:
            if i + 1 >= len(tokens) or len(tokens[i + 1]) != 1:
                return None  # a lone character: no reading of the list is sure
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out if len(out) >= 2 and all(personal_name(n) for n in out) else None


def shown_roster_line(raw: str) -> str:
    """A roster line as a paragraph shows it: spaces dropped, but names set apart by spaces alone kept apart
    ("副队长：林宗生 吴海鹄 林润颖" → "副队长：林宗生、吴海鹄、林润颖")."""
    label, sep, names = raw.strip().partition("：") if "：" in raw else raw.strip().partition(":")
    listed = spaced_names(names.strip()) if sep else None
    return f"{collapse_spaces(label)}：{'、'.join(listed)}" if listed else collapse_spaces(raw)


def further_entry(text: str, raw: str) -> bool:
    """A line under a roster that is one more of its entries: short, or a labelled list however long, with no
    running text's punctuation, and not the title of the next group."""
    return ((len(text) <= 40 or bool(LABELLED_LIST.match(text))) and not has_sentence_punct(text)
            and not group_title(text, raw, in_roster=True))


def roster_entry(raw: str) -> str:
    """A roster line with each name set apart from its post before spaces are dropped, for reading its
    people: "组 长：施 强 片区党委书记、局长" → "组长：施强（片区党委书记）、局长" (the space is all that
    divides them). The paragraph's text keeps the line as written."""
    label, sep, names = raw.strip().partition("：") if "：" in raw else raw.strip().partition(":")
    if not sep:
        label, names = "", label
    if (listed := spaced_names(names.strip())) is not None:
        names = "、".join(listed)
    out = []
    for k, piece in enumerate(re.split(r"[、，,]|\s{3,}", names.strip())):
        piece = piece.strip()
        m = _SPACED_NAME.match(piece)
        # after the first, a piece is a further post of the same person unless it opens with a personal name:
        # "吴 滨 华光联合党委书记、资源生态 处处长" (a post wrapped at a space) is one person
        if m and len(m.group("name").replace(" ", "")) in (2, 3, 4) and len(m.group("post")) >= 2 and (
                k == 0 or personal_name(m.group("name"))):
            piece = f"{m.group('name').replace(' ', '')}（{collapse_spaces(m.group('post'))}）"
        out.append(collapse_spaces(piece))
    body = "、".join(p for p in out if p)
    return f"{join_cjk_spaces(label)}：{body}" if sep else body


def aligned_label(text: str) -> str:
    """A roster line with the spaces that align its label dropped: "湾 （滩） 长：施强" → "湾（滩）长：施强"."""
    label, sep, rest = text.partition("：")
    return f"{join_cjk_spaces(label)}{sep}{rest}" if sep else text


def shown_entry(raw: str) -> str:
    """A roster line as its paragraph shows it: names set apart, the label's aligning spaces dropped."""
    return aligned_label(shown_roster_line(raw))


# A paragraph that sets a body up ("决定成立金井片区督查专班"), and a heading over its people ("一、人员组成").
SETS_UP = re.compile(one_of(v.SETTING_UP_VERBS))
MEMBERS_TITLE = re.compile(rf"(?:{one_of(v.MEMBER_NOUNS)})(?:{one_of(v.MEMBER_TITLE_TAILS)})?$|{v.MEMBERS_NOUN}$")
# "考核小组成员名单": the list's title names the group before its list noun.
_LIST_NOUN = re.compile(rf"(?:{one_of(v.LIST_NOUN_HEADS)})?{v.LIST_NOUN}$|{'$|'.join(v.LIST_NOUN_ENDS)}$")


def _unquoted(name: str) -> str:
    """"“除火患、保平安”冬春专项行动领导小组" → the name without its quote marks, when that reads as a name;
    else the part after the quotes ("“对市督导”省级评估工作领导小组" → 省级评估工作领导小组)."""
    joined = name.replace("“", "").replace("”", "")
    return joined if "”" not in name or is_party_name(joined) else name.rpartition("”")[2]


def body_named(text: str) -> str:
    names = [_unquoted(re.split(rf"的|{SETS_UP.pattern}", m.group(0))[-1]) for m in _BODY.finditer(text)]
    return next((n for n in reversed(names) if len(n) >= 4), "")


# A line of nothing but a person's name and post under a roster line ("吴兆敏（苏平片区副主任）").
NAMES_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:\s*[（(][^（）()]{2,20}[）)]|\s+\S{2,16})?[、，,；;。]?$")


# What a roster's duties are written under: "职责：…", "工作职责：…", "主要职责：…" (spaced to align the column).
_QUALIFIERS = "|".join(r"\s*".join(w) for w in v.DUTY_LABEL_QUALIFIERS)
_DUTY = r"\s*".join(v.DUTY_LABEL)
DUTY_LINE = re.compile(rf"^(?:{_QUALIFIERS})?\s*{_DUTY}\s*[:：]")
_ROSTER_START = re.compile(rf"(?:{one_of(v.POST_RANKS)})?{v.DEPUTY}?[\u4e00-\u9fff（）()]{{0,6}}?{v.POST_HEAD}[:：]|"
                           + "|".join(f"{w}[:：]" for w in v.ROSTER_STARTS))
_NUMBERING = re.compile(rf"^[（(]?[第{LABEL_NUMERALS}\d]{{1,4}}[）)、.．]\s*")


def roster_group(text: str, section: str) -> tuple[str, ...]:
    """The group a roster staffs, by the names it is called: the title the roster paragraph opens with
    ("第六小组：东海陵园…保障工作小组：组长：…" → 第六小组), else its section's title when that is a group
    ("一、综合协调小组" → 综合协调小组). The caller keeps only those that read as names."""
    head = text[:m.start()] if (m := _ROSTER_START.search(text)) else ""
    names = [_LIST_NOUN.sub("", n.strip()) for n in re.split(r"[：:]", head) if n.strip()]
    if not names:
        title = _NUMBERING.sub("", section.rsplit(" ", 1)[-1].strip())
        names = [title] if GROUP_TITLE.match(title) else []
    # "决定成立督查专班，名单如下" announces the body; a bare title ("第六小组") is the body
    return tuple(dict.fromkeys(_unquoted(n) if _BODY.fullmatch(n) else body_named(n) for n in names
                               if _BODY.fullmatch(n) or (SETS_UP.search(n) and body_named(n))))
