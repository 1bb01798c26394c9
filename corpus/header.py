"""The document header: title, issuer, 文号 and date, found by shape rather than position.

A 印发 notice ("关于印发《X》的通知" + addressee + signature + date) often wraps the document itself;
the main title is then the last complete title before the body starts. Title fragments broken over
lines ("2018 年越秀区加强和规范党内" / "政治生活工作要点") are joined until they end with a genre word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.headings import Line, is_title_like, title_complete
from corpus.parties import is_party_name
from corpus.text import join_cjk_spaces
from corpus.units import split_unit_list
from corpus.vocabulary import CLOSINGS, LABEL_NUMERALS, NOTICE_VERBS, RUNNING_TEXT_WORDS, one_of
from corpus.vocabulary_names import ISSUER_ENDS, SEAL_WORDS

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
_DATE = re.compile(  # a year is written digit by digit ("二〇二四"): its numerals are LABEL_NUMERALS without 十
    rf"^[（(]?\s*(?P<d>(?:\d{{4}}|[〇零{LABEL_NUMERALS[:-1]}○]{{4}})\s*年\s*[\d{LABEL_NUMERALS}]{{1,3}}\s*月"
    rf"\s*[\d{LABEL_NUMERALS}]{{1,3}}\s*日)\s*[）)]?$"
)
_NOTICE = re.compile(rf"关于(?:{one_of(NOTICE_VERBS)})?\s*《(?P<t>.+)》\s*的?通知$")
_ISSUER_END = re.compile(rf"(?:{one_of(ISSUER_ENDS)})$")
_SEAL = re.compile(rf"^[（(][^（）()]{{2,40}}(?:{one_of(SEAL_WORDS)})[）)]$")  # "（党政办公室代章）"
# "区防汛抗旱指挥部办公室（代章）": the issuer and its seal on one line
_SIGNED_SEAL = re.compile(rf"^(?P<issuer>[^（）()\s]{{2,40}})\s*[（(](?P<seal>{one_of(SEAL_WORDS)})[）)]$")
_STRUCTURAL = {"table", "part", "attach_list", "h1", "h2", "item"}


@dataclass(frozen=True)
class Header:
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    date: str = ""
    seal: str = ""  # "党政办公室代章": the seal line of the signature, brackets dropped
    consumed: frozenset[int] = frozenset()  # line numbers that belong to the header, not the body
    # Who a notice is sent to ("各挂钩帮扶干部："), when the notice is the document itself: a notice that
    # wraps a plan ("关于印发《X》的通知") leaves its plan's tasks to the plan's own parties.
    addressee: str = ""


# An addressee line ("各处室，各村委会：", "各镇（街道）党（工）委，区直各单位：") lists organisations: short, no
# sentence in it. Running text that ends in a colon ("根据《…》精神，…具体成员名单如下：", "现将有关事项通知
# 如下：") is the body's first paragraph, which search must reach.
_ADDRESSEE_MAX = 60
_RUNNING_TEXT = re.compile(one_of(RUNNING_TEXT_WORDS))


def _is_addressee(text: str) -> bool:
    return (text.endswith(("：", ":")) and len(text) <= _ADDRESSEE_MAX and "。" not in text
            and not _RUNNING_TEXT.search(text))


def _is_paragraph(text: str) -> bool:
    return not is_title_like(text, limit=80) and not _is_addressee(text)


def extract_header(lines: list[Line]) -> Header:
    zone: list[Line] = []
    for ln in lines:
        if ln.kind in _STRUCTURAL:
            break
        if ln.kind != "blank":
            zone.append(ln)
    number_idx = next((i for i, ln in enumerate(zone[:12]) if DOC_NUMBER.fullmatch(ln.text.strip())), None)
    date_idx = next((i for i, ln in enumerate(zone[:40]) if _DATE.match(ln.text.strip())), None)
    # The header ends at the first running-text paragraph after the date (or at the first one at all).
    stop = len(zone)
    for i, ln in enumerate(zone):
        if (date_idx is None or i > date_idx) and _is_paragraph(ln.text):
            stop = i
            break
    excluded: set[int] = set()
    consumed: set[int] = set()
    doc_number = date = issuer = addressee = seal = ""
    if number_idx is not None:
        doc_number = re.sub(r"\s+", "", zone[number_idx].text)
        excluded.update(range(number_idx + 1))
        consumed.update(zone[i].no for i in range(number_idx + 1))
        # a letterhead names the issuer; a title above the 文号 (a page without letterhead) does not
        letterhead = next((ln.text for ln in zone[:number_idx] if is_title_like(ln.text)
                           and "关于" not in ln.text and not title_complete(ln.text)), "")
        issuer = re.sub(r"\s*文件$", "", join_cjk_spaces(letterhead))
    if date_idx is not None and date_idx < stop:
        date = re.sub(r"\s+", "", _DATE.match(zone[date_idx].text.strip()).group("d"))
        excluded.add(date_idx)
        consumed.add(zone[date_idx].no)
        sig_idx = date_idx - 1
        if sig_idx > 0 and sig_idx not in excluded and _SEAL.match(zone[sig_idx].text.strip()):
            excluded.add(sig_idx)  # "（党政办公室代章）": the issuer signs on the line above the seal
            seal = _unbracket(zone[sig_idx].text)
            consumed.add(zone[sig_idx].no)
            sig_idx -= 1
        if sig_idx >= 0 and sig_idx not in excluded:
            sig = zone[sig_idx].text
            if is_title_like(sig, 40) and not title_complete(sig) and "关于" not in sig:
                issuer = join_cjk_spaces(sig)
                excluded.add(sig_idx)
                if not seal:  # above a seal the issuer line stays in the notice's text, as it always was (the
                    consumed.add(zone[sig_idx].no)  # seal line used to be read as the issuer): search ranks on it
    if not date:
        date, signed, signature = _closing_signature(lines)
        issuer = issuer or signed
        consumed.update(signature)
        seal = next((_unbracket(ln.text) if _SEAL.match(ln.text.strip()) else "".join(one.groups())
                     for ln in lines if ln.no in signature
                     and (_SEAL.match(ln.text.strip()) or (one := _SIGNED_SEAL.match(ln.text.strip())))), "")
    titles: list[tuple[str, list[int]]] = []
    org_lines: list[int] = []
    issuer_above = ""
    group: list[int] = []
    for i in range(stop):
        ln = zone[i]
        text = ln.text.strip()
        if i in excluded or not is_title_like(text, 80) or join_cjk_spaces(text) in CLOSINGS:
            if _is_addressee(text) and i not in excluded:
                consumed.add(ln.no)  # addressee line
                addressee = addressee or text.rstrip("：:").strip()
            group = []
            continue
        group.append(i)
        if len(group) > 3:
            group = group[-3:]
        joined = join_cjk_spaces("".join(zone[j].text for j in group))
        if title_complete(joined):
            head = zone[group[0]].text.strip()
            tail = join_cjk_spaces("".join(zone[j].text for j in group[1:]))
            if len(group) > 1 and _ISSUER_END.search(head) and title_complete(tail):
                # "中共某某县委组织部" above "关于…的意见": the issuer, not part of the title
                org_lines.append(zone[group[0]].no)
                issuer_above = issuer_above or join_cjk_spaces(head)
                group = group[1:]
                joined = tail
            titles.append((joined, [zone[j].no for j in group]))
            group = []
    title = ""
    if titles:
        title = titles[-1][0]
        for _, nos in titles:
            consumed.update(nos)
        m = _NOTICE.search(title)
        if m and len(titles) == 1:
            title = join_cjk_spaces(m.group("t"))
    elif zone:
        first = zone[0]
        if is_title_like(first.text, 80):
            title = join_cjk_spaces(first.text)
            consumed.add(first.no)
    if not issuer and issuer_above:
        issuer = issuer_above
        consumed.update(org_lines)
    if not issuer:  # an unsigned document: an organisation name heading the page
        first = zone[0].text.strip() if zone else ""
        if first and zone[0].no not in consumed and is_title_like(first, 30) and not title_complete(first) \
                and _ISSUER_END.search(first):
            issuer = join_cjk_spaces(first)
            consumed.add(zone[0].no)
    if not issuer and "关于" in title:
        head = title.split("关于", 1)[0]
        if _ISSUER_END.search(head):
            issuer = head
    if any(_NOTICE.search(t) for t, _ in titles):
        addressee = ""
    return Header(title=title, issuer=issuer, doc_number=doc_number, date=date, seal=seal, consumed=frozenset(consumed),
                  addressee=addressee)


def _unbracket(text: str) -> str:
    return re.sub(r"^[（(]|[）)]$", "", text.strip())


def _closing_signature(lines: list[Line]) -> tuple[str, str, tuple[int, ...]]:
    """The date, issuer and lines of a notice signed below its body or its roster ("平潭综合实验区君山片区管理局" /
    "防汛抗旱指挥部" / "（党政办公室代章）" / "2022年4月8日"): the first date line whose line above, past a seal line, is
    an organisation's name. The signature is no part of the body: a roster above it does not take it as members."""
    text = [ln for ln in lines if ln.kind != "blank" and ln.text.strip()]
    for i, ln in enumerate(text):
        if not (m := _DATE.match(ln.text.strip())) or i == 0:
            continue
        if one := _SIGNED_SEAL.match(text[i - 1].text.strip()):
            if _ISSUER_END.search(one.group("issuer")) and is_title_like(one.group("issuer"), 40):
                return re.sub(r"\s+", "", m.group("d")), one.group("issuer"), (text[i - 1].no, ln.no)
        j = i - 1 if not _SEAL.match(text[i - 1].text.strip()) else i - 2
        sig = text[j].text.strip() if j >= 0 else ""
        if _ISSUER_END.search(sig) and is_title_like(sig, 40) and not title_complete(sig) and "关于" not in sig:
            above = text[j - 1].text.strip() if j > 0 else ""  # one name on two lines
            if _ISSUER_END.search(above) and is_title_like(above, 30) and not title_complete(above) and "关于" not in above:
                sig, j = above + sig, j - 1
            return re.sub(r"\s+", "", m.group("d")), join_cjk_spaces(sig), tuple(x.no for x in text[j:i + 1])
    return "", "", ()


def addressees(line: str) -> tuple[str, ...]:
    """"各处室（中心）、各村居" → the names a notice is sent to (each a name the party recogniser accepts)."""
    return tuple(n for n in split_unit_list(line.replace("，", "、").replace(",", "、")) if is_party_name(n))
