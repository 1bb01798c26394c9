"""Answers to free questions from search: the most relevant sentence of the best passage, quoted and
highlighted with its citation, 1–2 further sources, and a "更多" follow-up for the next results.

Relevance gate (``index.gates``): the best hit is shown only when enough of the question's
(IDF-weighted) characters occur in it or, with a Chinese-capable dense model, its closest sentence
passes the model's calibrated cosine gate. Below that the answer is "文件中没有找到相关内容" — never
a random passage. Further sources are cut by rank. Calibration: docs/retrieval.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.questions.answer import Answer, Citation, Page
from assistant.questions.examples import HELP_TEXT
from corpus import roles
from corpus import vocabulary as v
from corpus import vocabulary_questions as qv
from corpus.vocabulary import (
    LABEL_NUMERALS,
    MODAL_VERBS,
    alternation,
    one_of,
    organisation_name,
)
from corpus.vocabulary_questions import DUTY_CONTINUERS
from index.answer_type import ANSWER_TYPE_BOOST, DECISIVE_KINDS, answer_kind, answer_pattern
from index.gates import MIN_COVERAGE, answers, bound_evidence, continues, dense_quote, related
from index.passages import sentences
from index.tokenize import char_ngrams, strip_question_words

PAGE = 3  # passages per answer: the quoted one + up to two further sources
SHORT_SENTENCE = 18  # a key sentence shorter than this is quoted with the next one
NOT_FOUND = "文件中没有找到相关内容。"
_MORE = re.compile(r"^\s*更多\s*(?:[（(]\s*从第\s*(\d{1,4})\s*条起\s*[）)])?\s*[：:]\s*(.+?)\s*$", re.S)


def typed_page(text: str) -> Page | None:
    """The page a user asks for by typing "更多（从第4条起）：问题" (what the terminal tells them to
    send; "更多：问题" alone means the second page), or None. Buttons and the conversation carry a
    ``Page`` value instead; this reads only what a person typed."""
    m = _MORE.match(text or "")
    if not m or not m.group(2).strip():
        return None
    offset = int(m.group(1)) - 1 if m.group(1) else PAGE
    return Page(m.group(2).strip(), max(0, offset))


DUTY_QUOTE_CHARS = 240


def quote_sentences(text: str) -> list[str]:
    """The sentences a quote is made of. A half-width ";" ends a piece for search, yet in a text typed with
    half-width punctuation it stands mid-sentence ("…能够联合开展的,应当联合开展;结果能够共享的,应当主动共享。"):
    a piece ending in one is quoted with what follows, up to the sentence's end (at most DUTY_QUOTE_CHARS)."""
    out: list[str] = []
    for s in sentences(text) or [text]:
        if out and out[-1].endswith(";") and len(out[-1]) + len(s) <= DUTY_QUOTE_CHARS:
            out[-1] += s
        else:
            out.append(s)
    return out


def key_sentence(question: str, text: str, weight) -> tuple[int, list[str]]:
    """Index of the sentence that holds most of the question's weight, and the sentences."""
    sents = quote_sentences(text)
    q = set(char_ngrams(strip_question_words(question)))
    pattern = answer_pattern(question)
    decisive = pattern is not None and answer_kind(question) in DECISIVE_KINDS and any(pattern.search(s) for s in sents)
    best, best_score = 0, -1.0
    for i, s in enumerate(sents):
        score = sum(weight(t) for t in q & set(char_ngrams(s)))
        if pattern is not None and pattern.search(s):
            score *= ANSWER_TYPE_BOOST  # the sentence that holds the asked-for frequency/period/number
        elif decisive:
            continue
        if score > best_score:
            best, best_score = i, score
    return best, sents


# "社会事业处负责制定…预案，…；协助相关部门处置突发事件；负责…上报工作。党群工作处负责…": a clause that
# opens with a duty or role word has no subject of its own and continues the unit's duties.
_CONTINUES_DUTY = re.compile("(?:" + alternation((*(p for p, _ in roles.phrases(roles.SUFFIX)),
                                                 *(p for p, _ in roles.phrases(roles.VERB)), *DUTY_CONTINUERS)) + ")")


def _duty_clauses(question: str, sents: list[str], i: int, hi: int) -> int:
    """The end of a unit's duties in a run of clauses: a question asking what X does, quoted at X's
    clause, takes the clauses after it that have no subject of their own."""
    m = _DUTY_ASK.match(question.strip())
    who = m and (m.group("who") or m.group("whose"))
    if not who or who not in sents[i]:
        return hi
    size = len(sents[i][sents[i].find(who):])
    while hi < len(sents) and _CONTINUES_DUTY.match(sents[hi]) and size + len(sents[hi]) <= DUTY_QUOTE_CHARS:
        size += len(sents[hi])
        hi += 1
    return hi


def quote(question: str, hit, weight, sentence: str | None = None) -> str:
    """The key sentence in 【】 (Telegram renders it bold); a short one is quoted with a neighbour.

    ``sentence``: the hit's closest sentence by the dense model, when only the dense side vouched
    for it. Sentence cosines lie close together (0.87–0.90), so it is quoted with both neighbours."""
    text = hit.focus or hit.passage.text
    if sentence and sentence not in text:
        text = hit.passage.text
    if answer_kind(question) in DECISIVE_KINDS and (pattern := answer_pattern(question)) and not pattern.search(text):
        text = hit.passage.text  # the part of the passage search focused on does not name where it goes
    i, sents = key_sentence(question, text, weight)
    lo, hi = i, i + 1
    if hit.passage.kind == "row" and text == hit.passage.text and len(text) <= DUTY_QUOTE_CHARS:
        lo, hi = 0, len(sents)  # a table row is one record: its cells ("数据采集单位：…；责任处室：…") go together
    elif sentence and any(sentence in s for s in sents):
        i = next(j for j, s in enumerate(sents) if sentence in s)
        lo, hi = max(0, i - 1), min(len(sents), i + 2)
    elif len(sents[i]) < SHORT_SENTENCE:
        if i + 1 < len(sents):
            hi += 1
        elif i > 0:
            lo -= 1
    else:
        hi = _duty_clauses(question, sents, i, hi)
    before = "…" if lo > 0 else ""
    after = "…" if hi < len(sents) else ""
    return f"{before}【{''.join(sents[lo:hi])}】{after}"


def _citation(hit) -> Citation:
    p = hit.passage
    return Citation(document=p.document, source=p.source, locator=p.locator, text=p.text,
                    score=round(float(hit.score), 4))


def _related_only(question: str, query: str | None, hit) -> Answer:
    """"党费每个月交多少": a passage on the topic that does not state what is asked (an amount, who
    holds a post) is offered as related, never as the answer."""
    kind = answer_kind(query or question) or "所问的内容"
    lines = (f"没有找到：文件中没有写明{kind}。", f"相关内容（仅供参考，并未回答该问题）：《{hit.passage.document}》{hit.passage.locator}",
             hit.passage.text if len(hit.passage.text) <= 120 else hit.passage.text[:120] + "…")
    return Answer(question, "search", False, lines, (_citation(hit),), sources="unlisted")


def not_found(question: str, documents: list[str], intent: str = "search", text: str = NOT_FOUND) -> Answer:
    docs = "、".join(documents)
    lines = (text, HELP_TEXT, *((f"目前收录的文件：{docs}。",) if docs else ()))
    return Answer(question, intent, False, lines)


# An organisation named in the question ("市财政局负责什么"): a passage naming that very organisation
# answers it; one that names a similar one (区财政局) must not be quoted first.
_ORGANISATION = re.compile(organisation_name(v.SEARCH_ORGANISATION_LEVELS, 8))


def _prefer_named_organisation(question: str, hits: list) -> list:
    """Hits naming an organisation the question names first (stable otherwise)."""
    names = [m.group(0) for m in _ORGANISATION.finditer(question)]
    if not names:
        return hits
    return sorted(hits, key=lambda h: not any(n in h.passage.text for n in names))


# "资源生态处在湾（滩）长制中负责哪些工作" / "X的职责是什么": the passage where X is the subject — it
# opens with X — is X's own duty paragraph; others merely mention X (a membership list, a 配合 clause).
_DUTY_ASK = re.compile(
    rf"^(?P<who>[\u4e00-\u9fff（）()]{{2,16}}?)(?:在[^，。？?]{{1,24}}?(?:{one_of(v.WITHIN_WORDS)}))?"
    rf"(?:{alternation((*MODAL_VERBS, *v.DUTY_ASK_ADVERBS))})?"
    rf"(?:{one_of(v.DUTY_ASK_VERBS)})(?:{one_of(v.WHAT_WORDS)})"
    rf"|^(?P<whose>[\u4e00-\u9fff（）()]{{2,16}}?)的(?:{one_of(v.DUTY_ASK_ADVERBS[:2])})?(?:{one_of(v.DUTY_ASK_NOUNS)})")
# What may stand before a paragraph's subject: spaces, quote marks, its number ("（二）", "3.", "一是").
_LEAD_IN = re.compile(rf"^[\s【\[“\"…]*(?:[（(]?[{LABEL_NUMERALS}0-9０-９]+[）)、.．]|[{LABEL_NUMERALS}]是)?[\s，,：:]*")


def _prefer_subject(question: str, hits: list) -> list:
    """Hits whose passage opens with the unit the question asks the duties of first (stable otherwise)."""
    m = _DUTY_ASK.match(question.strip())
    who = m and (m.group("who") or m.group("whose"))
    if not who:
        return hits
    return sorted(hits, key=lambda h: not _LEAD_IN.sub("", h.passage.text, count=1).startswith(who))


_LIST_SPLIT = re.compile(rf"、|{alternation(v.CONJUNCTIONS)}")
_EXCEPTED = re.compile(rf"(?:{alternation(qv.EXCEPT_OPENERS)})(?P<x>[^，,。；;]{{2,20}}?)(?:{alternation(qv.EXCEPT_CLOSERS)})")


def excepts_topic(question: str, text: str) -> bool:
    """Whether ``text`` names a word of the question only as an exception ("承担除旧城区外垃圾转运站的
    建设" for "旧城区垃圾转运站谁建"): it is about everything but what is asked."""
    core = strip_question_words(question)
    rest = _EXCEPTED.sub("", text)
    return any(x in core and x not in rest for m in _EXCEPTED.finditer(text) for x in _LIST_SPLIT.split(m.group("x"))
               if len(x) >= 2)


def _prefer_not_excepted(question: str, hits: list) -> list:
    """Hits that except what the question asks about last (stable otherwise)."""
    return sorted(hits, key=lambda h: excepts_topic(question, h.passage.text))


def answer_free(question: str, searcher, *, offset: int = 0, query: str | None = None,
                prefer: Callable[[object], bool] | None = None) -> Answer:
    """Search answer for a free question; ``offset`` > 0 pages through further results ("更多").
    ``query``: what to search for when it is not the question's own wording (names generalised).
    ``prefer``: hits the question's own shape asks for (the item that states the asked role) come
    first within the first page."""
    question = question.strip()
    offset = max(0, offset)
    hits = searcher.search(query or question, k=offset + PAGE + 1)
    if not hits or not answers(searcher, query or question, hits[0]):
        if offset == 0 and hits and related(searcher, query or question, hits[0]):
            return _related_only(question, query, hits[0])
        return not_found(question, searcher.documents)
    return _answer_page(question, query, searcher, hits, offset, prefer)


def _answer_page(question: str, query: str | None, searcher, hits: list, offset: int, prefer) -> Answer:
    """The page of ``hits`` from ``offset``, its best hit quoted (the gate has let it through)."""
    page = hits[offset : offset + PAGE]  # cut by rank: the best hit vouches for its page
    if offset > 0 and page and not continues(page[0]):
        page = []
    if offset == 0:  # reorder within the first page only, so later pages neither repeat nor skip
        page = _prefer_subject(question, _prefer_named_organisation(question, _prefer_not_excepted(question, page)))
        if prefer is not None:
            page = sorted(page, key=lambda h: not prefer(h))
    if not page:
        return Answer(question, "search", False, "没有更多相关内容了。")
    best = page[0]
    label = "" if offset == 0 else f"（第{offset + 1}条起）"
    said = quote(query or question, best, searcher.term_weight, dense_quote(searcher, query or question, best))
    nxt = offset + PAGE
    more = Page(question, nxt) if len(hits) > nxt and continues(hits[nxt]) else None
    return Answer(question, "search", True, (f"《{best.passage.document}》{best.passage.locator}{label}：", said),
                  tuple(_citation(h) for h in page), more=more, sources="first",
                  by_meaning=offset == 0 and hits[0].coverage < MIN_COVERAGE
                  and not bound_evidence(searcher, query or question, hits[0]))
