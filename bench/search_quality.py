"""Retrieval quality on the dev set's retrieve questions for several tokenisations (docs/retrieval.md).

Each variant ranks the same passages with BM25 (bm25s build) and folds sub-clauses into their item,
exactly as the searcher does; only the tokens differ.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.evaluation.question_sets import anchor_rank, load_questions
from index.lexical import LexicalIndex
from index.passages import Passage
from index.tokenize import JiebaWords, char_ngrams, query_words, strip_question_words

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.jsonl"


def dev_questions(kinds: tuple[str, ...] = ("retrieve",)) -> list[dict]:
    return [q for q in load_questions(DEV) if q["kind"] in kinds] if DEV.exists() else []


def metrics(ranks: list[int | None]) -> tuple[float, float, float]:
    n = len(ranks) or 1
    return (sum(r == 1 for r in ranks) / n, sum(1 for r in ranks if r and r <= 3) / n,
            sum(1 / r for r in ranks if r) / n)


def rank_with(passages: list[Passage], doc_tokens: list[list[str]], query_fn: Callable[[str, LexicalIndex], list[str]],
              questions: list[dict]) -> list[int | None]:
    index = LexicalIndex.build(doc_tokens)
    pos = {p.id: i for i, p in enumerate(passages)}
    parent = [pos.get(p.parent, i) for i, p in enumerate(passages)]
    ranks = []
    for q in questions:
        seen: list[int] = []
        for i, _ in index.search(query_fn(q["q"], index), 200):
            if parent[i] not in seen:
                seen.append(parent[i])
            if len(seen) == 10:
                break
        ranks.append(anchor_rank(q["anchors"], [passages[i].text for i in seen]))
    return ranks


def comparison(passages: list[Passage], terms: set[str]) -> list[tuple[str, tuple[float, float, float]]]:
    qs = dev_questions()
    if not qs:
        return []
    jw = JiebaWords(terms)
    plain = JiebaWords()
    texts = [p.index_text for p in passages]
    chars = [char_ngrams(t) for t in texts]
    words = [jw.words(t) for t in texts]
    plain_words = [plain.words(t) for t in texts]
    bigrams = [[t for t in c if len(t) == 2] for c in chars]

    def q_chars(q, _):
        return char_ngrams(strip_question_words(q))

    def q_bigrams(q, _):
        return [t for t in q_chars(q, _) if len(t) == 2]

    def q_jieba(q, _):
        return jw.words(strip_question_words(q))

    def q_plain_jieba(q, _):
        return plain.words(strip_question_words(q))

    def q_vocab(q, idx):
        return query_words(strip_question_words(q), idx.words)

    def q_combined_jieba(q, _):
        return q_chars(q, _) + q_jieba(q, _)

    def q_combined(q, idx):
        return q_chars(q, idx) + q_vocab(q, idx)

    def q_raw(q, idx):  # question words kept
        return char_ngrams(q) + query_words(q, idx.words)

    both = [c + w for c, w in zip(chars, words, strict=True)]
    rows = [
        ("character bigrams", rank_with(passages, bigrams, q_bigrams, qs)),
        ("character unigrams + bigrams", rank_with(passages, chars, q_chars, qs)),
        ("jieba search mode, default dictionary", rank_with(passages, plain_words, q_plain_jieba, qs)),
        ("jieba + domain dictionary (query segmented by jieba)", rank_with(passages, words, q_jieba, qs)),
        ("jieba + domain dictionary (query words matched against the index vocabulary)",
         rank_with(passages, words, q_vocab, qs)),
        ("uni+bigrams + jieba words, query by jieba", rank_with(passages, both, q_combined_jieba, qs)),
        ("**uni+bigrams + jieba words, query words by vocabulary (shipped)**",
         rank_with(passages, both, q_combined, qs)),
        ("shipped tokens, question words *not* stripped", rank_with(passages, both, q_raw, qs)),
    ]
    return [(name, metrics(r)) for name, r in rows]
