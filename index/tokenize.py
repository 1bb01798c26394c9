"""Tokens for BM25: character unigrams + bigrams, plus jieba words (prefixed ``w:``).

Measured on these documents (docs/retrieval.md): character uni+bigrams are the strongest single
tokenisation; jieba words add whole-term matches (三会一课, 区委组织部) on top. Jieba is needed only
to *build* the index: a query's words are found by matching its substrings against the index's own
word vocabulary, which is what jieba's search mode would return for any word that can score at all,
and it keeps jieba's ~1 s dictionary load off the cold query path.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from corpus.numerals import chinese_to_int
from corpus.vocabulary import (
    COUNTED_UNITS,
    COUNTERS_AFTER_JI,
    LABEL_NUMERALS,
    SEARCH_STRIPPED,
    SPAN_WORDS,
    WORD_FORMS,
    alternation,
    one_of,
    question_words,
    question_words_regex,
    self_reference,
)
from index.answer_type import asked, asks_when, expand_query

WORD_PREFIX = "w:"
MAX_WORD = 8  # longest vocabulary word looked for in a query

_MARKUP = re.compile(r"<[^>]{0,40}>|\*\*|__|[#`>|]")
_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaffa-z0-9]+")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,12})[”\"」』]")

# Question words, requests and particles (corpus/vocabulary.py): they say what is asked, not what it
# is about. Function words (的, 是, 有) stay: in search text they are parts of words (要求, 有关).
QUESTION_WORDS = question_words(*SEARCH_STRIPPED)
_QW = question_words_regex(*SEARCH_STRIPPED)
# The question's references to the document itself ("这份通知是根据哪个文件发的", "本方案的督导时间"): the
# text never says 这份通知 of itself, so these only lower a passage's coverage.
_SELF_REFERENCE = self_reference()
_KEEP_AFTER_JI = re.compile(rf"几(?=[{''.join(COUNTERS_AFTER_JI)}])")  # "几天" keeps the unit "天"


def fold_for_search(text: str) -> str:
    """NFKC (full-width → half-width), markup removed, lower case."""
    return _MARKUP.sub(" ", unicodedata.normalize("NFKC", text)).lower()


def char_ngrams(text: str) -> list[str]:
    """Unigrams and bigrams inside runs of CJK characters, letters and digits."""
    out: list[str] = []
    for run in _RUN.findall(fold_for_search(text)):
        out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def strip_question_words(query: str) -> str:
    """Remove question words so "民主生活会一年开几次" searches for 民主生活会 / 一年 / 开."""
    q = asked(fold_for_search(query))  # "好几个部门" says how many, as "多个部门" does
    q = _KEEP_AFTER_JI.sub(" ", q)
    stripped = _QW.sub(" ", _SELF_REFERENCE.sub(" ", q))
    # A query made only of question words keeps them rather than becoming empty.
    return stripped if _RUN.search(stripped) else q


# Connectors a question adds that the passage need not hold: the possessive 的 ("君山水库的管理单位责任人"; not
# in 党的, a fixed phrase: "党的工作部门") and a copula left where the question word was ("…责任人是谁" → "…责任人是").
_CONNECTORS = re.compile(r"(?<!党)的|是(?=\s|$)")


_SPAN = re.compile(alternation(SPAN_WORDS))
MAX_FORMS = 16  # variants of one question compared with a passage (the best one counts)


def word_forms(text: str) -> list[str]:
    """``text`` in every combination of the word forms of `corpus.vocabulary.WORD_FORMS` it uses
    ("汛期从几月到几月" → also "…至…"), itself first, at most MAX_FORMS."""
    out = [text]
    for group in WORD_FORMS:
        said = [w for w in group if w in text]
        if not said:
            continue
        out += [v.replace(w, other) for v in out for w in said for other in group if other != w and w in v]
        out = list(dict.fromkeys(out))[:MAX_FORMS]
    return out


def coverage_terms(query: str) -> list[list[str]]:
    """The unigrams and bigrams of a question that a passage answering it should contain: as written;
    in the word forms documents use (到 → 至, 挂钩 → 联系); and with counts in digits when it writes them in characters.
    The passage's coverage is that of the variant it matches best (see also `span_terms`)."""
    q = strip_question_words(query)
    variants = word_forms(q)
    variants += [d for v in variants if (d := digits_for_counts(v)) != v]
    return [char_ngrams(_CONNECTORS.sub(" ", v)) for v in dict.fromkeys(variants)]


def span_terms(query: str) -> list[list[str]]:
    """For a question asking when, its terms without the words that shape a span ("大检查到什么时候结束"
    → 大检查): a passage that states a date or period ("自方案印发之日起至12月底") covers the span
    itself. Empty for other questions; the searcher counts them only for passages holding a date or
    period."""
    if not asks_when(query):
        return []
    q = _SPAN.sub(" ", strip_question_words(query))
    if not _RUN.search(q):
        return []
    return [char_ngrams(_CONNECTORS.sub(" ", v)) for v in word_forms(q)]


def query_words(query: str, vocab: set[str] | frozenset[str]) -> list[str]:
    """Index-vocabulary words (length ≥ 2) occurring in the query, as ``w:`` tokens."""
    out: list[str] = []
    for run in _RUN.findall(fold_for_search(query)):
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + MAX_WORD) + 1):
                w = run[i:j]
                if w in vocab:
                    out.append(WORD_PREFIX + w)
    return out


# "扣一分罚多少钱" against "扣1分…罚100元": a question writes small counts in characters, documents in digits.
_COUNTED = re.compile(rf"(?<![{LABEL_NUMERALS}两])([{LABEL_NUMERALS}两]{{1,2}})(?={one_of(COUNTED_UNITS)})")


def digits_for_counts(text: str) -> str:
    """The question's counts in digits ("扣一分" → "扣1分"); words such as 一是, 统一 are left alone."""
    return _COUNTED.sub(lambda m: str(chinese_to_int(m.group(1).replace("两", "二")) or m.group(1)), text)


def query_tokens(query: str, vocab: set[str] | frozenset[str]) -> list[str]:
    """Search terms: the question's own, plus its counts in digits when it writes them in characters
    (a document may write either: "开展一次集中倒查", "扣1分")."""
    q = strip_question_words(expand_query(query))
    tokens = char_ngrams(q) + query_words(q, vocab)
    if (d := digits_for_counts(q)) != q:
        tokens += [t for t in char_ngrams(d) + query_words(d, vocab) if t not in tokens]
    return tokens


def domain_terms(unit_names: Iterable[str], texts: Iterable[str]) -> set[str]:
    """The corpus's own vocabulary for jieba: unit names and quoted terms such as “三会一课”."""
    terms = {fold_for_search(u).strip() for u in unit_names if 2 <= len(u) <= 20}
    for t in texts:
        terms.update(fold_for_search(m).strip() for m in _QUOTED.findall(t))
    return {t for t in terms if _RUN.fullmatch(t)}


_BASE = None  # jieba's default dictionary, loaded once per process (0.7–1.2 s)
_BASE_LOCK = threading.Lock()


def _base_dictionary(cache_dir: Path | None):
    global _BASE
    with _BASE_LOCK:
        if _BASE is None:

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            if cache_dir is not None:  # keep jieba's dictionary cache with our data
                try:
                    cache_dir.mkdir(parents=True, exist_ok=True)
                    tok.tmp_dir = str(cache_dir)
                except OSError:
                    pass  # jieba falls back to the system temp directory
            tok.initialize()
            _BASE = tok
        return _BASE


class JiebaWords:
    """jieba search-mode segmentation with the domain dictionary; loaded on first use only."""

    def __init__(self, terms: Iterable[str] = (), cache_dir: Path | None = None):
        self._terms = sorted(set(terms))
        self._cache_dir = cache_dir
        self._tok = None
        self._lock = threading.Lock()

    def _tokenizer(self):
        with self._lock:
            if self._tok is None:
                import jieba

                base = _base_dictionary(self._cache_dir)
                # A private copy of the loaded dictionary: domain words never leak between corpora.
                tok = jieba.Tokenizer()
                tok.FREQ, tok.total, tok.initialized = dict(base.FREQ), base.total, True
                for t in self._terms:
                    tok.add_word(t, freq=20000)
                self._tok = tok
            return self._tok

    def words(self, text: str) -> list[str]:
        tok = self._tokenizer()
        out = []
        for run in _RUN.findall(fold_for_search(text)):
            out.extend(WORD_PREFIX + w for w in tok.lcut_for_search(run, HMM=False) if len(w) >= 2)
        return out


def passage_tokens(text: str, jieba_words: JiebaWords | None) -> list[str]:
    tokens = char_ngrams(text)
    if jieba_words is not None:
        tokens += jieba_words.words(text)
    return tokens
