"""Where the running text itself says what a unit does, outside the parsed responsibilities: "本办法由X负责解释",
"区安办将对…进行通报", "责任分工：区规划局负责…，区交通与建设局业务检查指导", "成立X，对…开展督查巡查".

A unit question lists the unit's parsed duties first (assistant/questions/item_answers.py); the sentences found
here are added under them, each cited, when they are in other items or paragraphs. A unit the parser did not
take as a party at all ("主办单位", "相关处室", a body only written as the one a report goes to) is answered
from these sentences alone, saying so. Only a sentence whose subject is the unit counts: "报送区安办" (the
unit as object) or "市纪委负责" (another body ending in the same words) never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.questions.duty_text import GOES_ON
from corpus import vocabulary_names as words
from corpus.model import Document
from corpus.parties import is_party_name
from corpus.vocabulary import (
    CONJUNCTIONS,
    MODAL_VERBS,
    ORGANISATION_ENDS,
    SETS_UP_VERBS,
    UNIT_NOUNS,
    alternation,
    one_of,
)

MAX_MENTIONS = 8  # sentences quoted for one unit beyond its parsed duties
MENTION_CHARS = 200
_LONGER_NAME_CHARS = 6
_BODY_ENDS = (*ORGANISATION_ENDS, *words.PARENT_ENDS)  # "各乡镇人民政府", "区交通投资集团": a longer body's name
_LABEL_CHARS = 24  # a sentence's own short label before a colon ("水上交通和渔业船舶领域：")

_SENTENCE = re.compile(r"[^。；;！!\n]+[。；;！!]?")
_CLAUSE_START = re.compile(r"[，,：:]")
_CLAUSES = re.compile(r"[，,]")
_LABEL = re.compile(r"^[（(]?[一二三四五六七八九十0-9]{1,3}[）)、.．]?\s*")
_CONDITION_CHARS = 30
_BRACKET = re.compile(r"^\s*[（(][^（）()]{0,30}[）)]")  # "区经济发展局（集贸市场）、…": the note, not the predicate
_NOT_PREDICATE = tuple(words.NOT_PREDICATE_STARTS)
_PEOPLE = (*words.PEOPLE_OF_A_BODY, *words.POSITIONS)  # "各学校教师要…": the body's people act


@dataclass(frozen=True)
class Mention:
    document: Document
    locator: str
    text: str  # the unit's clause to the end of its sentence, and the sentences that go on with it
    source_text: str  # the whole item or paragraph, for the citation


def _texts(doc: Document):
    """(locator, text) of every item, paragraph task and paragraph, each once; then the headings that are
    whole sentences ("（二）本办法由X负责解释" under 六、附则), cited by their numbering, unless an item holds them."""
    seen: dict[str, tuple[str, str]] = {}
    for unit in (*doc.items, *doc.tasks, *doc.paragraphs):
        seen.setdefault(unit.locator, (unit.text, unit.section.split(" / ")[-1]))
    for loc, (text, heading) in seen.items():
        yield loc, text, heading
    parent = ""
    for s in doc.sections:
        parent = s.label if s.level <= 1 else parent
        if s.level >= 2 and len(s.title) > 8 and not any(s.title in t for t, _ in seen.values()):
            yield (f"{parent}{s.label}" if parent and parent != s.label else s.label), s.title, ""


def _name_alone(text: str, names: list[str]) -> bool:
    """"（二）区路长办公室。", a heading "（二）区路长办公室": a title that is only the unit's name; what follows
    with no subject of its own ("负责制定路长管理制度…") is the unit's."""
    return _LABEL.sub("", text.strip()).rstrip("。：: ") in names


def _subject_at(sentence: str, at: int, spelling: str) -> bool:
    """Whether the name at ``at`` is the subject of what follows it in its clause."""
    after = _past_co_subjects(_BRACKET.sub("", sentence[at + len(spelling):], count=1).lstrip(),
                              spelling.startswith(words.COLLECTIVE_OF_ASKED))
    post = after[next((len(r) for r in words.POST_RANKS if after.startswith(r)), 0):]  # "常务副主任李斌": a post
    if not after or after.startswith(_NOT_PREDICATE) or after[0] in "，,。；;" or post.startswith(_PEOPLE) \
            or _longer_name(spelling, after):
        return False
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, at)), default=0)
    before = sentence[clause_start:at].strip()
    return not before or before in words.COLLECTIVE_OF_ASKED or before.endswith(tuple(words.AGENT_MARKS))


_JOINER = re.compile(rf"^(?:{one_of(CONJUNCTIONS)}|、)?")
_LIST_END = re.compile(rf"^(?:等(?:[0-9一二三四五六七八九十]+个)?(?:{alternation(UNIT_NOUNS)})?)?")
_LONGEST_CO_NAME = 24


def _past_co_subjects(after: str, collective: bool) -> str:
    """What follows the asked name and the other subjects it is listed with: "、各责任单位务必…",
    "和各村要把…", "各村要…" (a collective right after the asked collective: "片区管理局各内设处室" is the bureau's
    offices, not two subjects), "与吸毒人员家庭签订…" (with whom it acts) —
    so the predicate they share is read as the asked name's own. ``after`` itself when no list follows."""
    rest, listed = after, False
    while (m := _JOINER.match(rest)) is not None:
        tail = rest[m.end():]
        if not m.group(0) and not (collective and tail.startswith(words.COLLECTIVE_OF_ASKED)):
            break  # without a joiner only a collective ("各相关部门各村要…") is another subject
        name = next((tail[:k] for k in range(min(len(tail), _LONGEST_CO_NAME), 1, -1) if is_party_name(tail[:k])), "")
        if not name:
            if m.group(0) in words.CO_ACTING_WORDS and "的" not in re.split(r"[，,。；;]", tail, maxsplit=1)[0]:
                return tail  # "与X签订…": the subject acts with X (not "A与B的关系", a noun phrase)
            break
        rest, listed = tail[len(name):], True
    if not listed:
        return after
    return rest[_LIST_END.match(rest).end():]  # "…等单位要": the list's own noun


def _longer_name(spelling: str, after: str) -> bool:
    """"各乡镇党委和人民政府", "各乡镇人民政府", "区公安局交警大队": the name goes on into another body's name."""
    return any((spelling + after[:k]).endswith(_BODY_ENDS) and is_party_name(spelling + after[:k])
               for k in range(1, _LONGER_NAME_CHARS + 1))


def _set_up_at(sentence: str, at: int, spelling: str) -> bool:
    """"决定成立金井片区督查专班，对落实…开展督查巡查": a body set up at the end of its clause does what follows."""
    rest = sentence[at + len(spelling):]
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, at)), default=0)
    return bool(rest[:1]) and rest[0] in "，," and any(v in sentence[clause_start:at] for v in SETS_UP_VERBS)


def _goes_on(sentence: str) -> bool:
    """A sentence with no subject of its own: it opens with a duty verb or a modal, or with condition clauses
    ("结果能够共享的，应当主动共享") before such a clause."""
    clauses = [c.strip() for c in _CLAUSES.split(sentence.strip())]
    for c in clauses:
        if bool(GOES_ON.match(c)) or c.startswith(MODAL_VERBS):
            return True
        if not c.endswith(words.CONDITION_CLAUSE_ENDS) or len(c) > _CONDITION_CHARS:
            return False
    return False


def mentions_in(doc: Document, spellings: tuple[str, ...], skip: set[str] = frozenset()) -> list[Mention]:
    """The sentences of ``doc`` whose subject is one of ``spellings`` (longest first), outside ``skip`` locators."""
    names = sorted({s for s in spellings if len(s) >= 2}, key=len, reverse=True)
    out: list[Mention] = []
    for loc, text, heading in _texts(doc):
        titled = _name_alone(heading, names)  # "（二）区路长办公室" over "负责制定…"
        if loc in skip or not (titled or any(n in text for n in names)):
            continue
        sentences = _SENTENCE.findall(text)
        quoted: list[str] = []
        going_on = titled
        for s in sentences:
            hit = _subject_hit(s, names)
            if hit is None and _name_alone(s, names):
                going_on = True  # "（二）区路长办公室。负责…": the title sentence itself says nothing
            elif hit is not None:
                quoted.append(s[hit:].strip())
                going_on = True
            elif going_on and _goes_on(s) and not any(n in s for n in names):
                quoted.append(s.strip())
            else:
                going_on = False
        if quoted:
            said = "".join(quoted).rstrip("。；;，, ")
            if said.count("）") > said.count("（"):  # "各街道配合）": the end of a bracket it stood in
                said = said.rstrip("）)")
            said = said if len(said) <= MENTION_CHARS else said[:MENTION_CHARS] + "…"
            if not any(m.text == said for m in out):
                out.append(Mention(doc, loc, said, text))
    return out


def _subject_hit(sentence: str, names: list[str]) -> int | None:
    """Where the quote starts when a name is the subject (or the body set up) in the sentence."""
    for n in names:
        at = sentence.find(n)
        while at >= 0:
            clause_start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, at)), default=0)
            if _subject_at(sentence, at, n):
                # "由X负责解释": from the clause; "道路交通领域：相关处室重点排查…": with the label it works under
                if clause_start and sentence[clause_start - 1] in "：:" and clause_start <= _LABEL_CHARS:
                    return 0
                return clause_start if sentence[clause_start:at].strip() else at
            if _set_up_at(sentence, at, n):
                return clause_start  # "决定成立金井片区督查专班，对…开展督查巡查"
            at = sentence.find(n, at + 1)
    return None


def mentions(documents: tuple[Document, ...], spellings: tuple[str, ...],
             covered: set[tuple[str, str]] = frozenset()) -> list[Mention]:
    """Every document's mentions of the unit, outside the (source, locator) items its duty list already has."""
    out: list[Mention] = []
    for doc in documents:
        skip = {loc for src, loc in covered if src == doc.source}
        out += mentions_in(doc, spellings, skip)
    return out
