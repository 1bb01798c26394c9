"""When search has found something: the gates every channel's free answers pass through.

Two kinds of evidence, either suffices for the best hit:
- lexical: ``Hit.coverage`` (IDF-weighted share of the question's characters and bigrams in the
  passage) of at least ``MIN_COVERAGE``; comparable across questions, unlike a BM25 score;
- dense: with a Chinese-capable model, the passage's closest sentence at or above the model's own
  calibrated cosine gate (``Searcher.vouches``, ``index.calibration``).
Thresholds were tuned on the dev set, the QA set and the out-of-scope questions of
``index/out_of_scope.txt`` (docs/retrieval.md, "Calibration"); never on held-out questions.
Further sources on a page are cut by rank, not by coverage: a second correct citation with a little
less overlap was dropped before.
"""

from __future__ import annotations

from index.answer_type import (
    answer_pattern,
    asks_bound,
    carries_answer,
    passage_lacks_answer,
    stating_sentences,
)

MIN_COVERAGE = 0.40  # best hit, lexical evidence
MIN_BOUND_COVERAGE = 0.30  # best hit and its stating sentence, when the asked phrase is bound (asks_bound)
MIN_COVERAGE_MORE = 0.30  # the first hit of a further ("更多") page


def answers(searcher, query: str, hit) -> bool:
    """Whether ``hit`` may be quoted as the answer to ``query``. A dense-vouched hit must also quote
    a sentence holding the kind of phrase asked for (a sum for 多少补贴, a period for 多久): near-topic
    questions the document does not answer reach the same cosines as real paraphrases, since the
    calibration questions are off-topic (docs/retrieval.md, "Near-topic negatives")."""
    if hit.coverage >= MIN_COVERAGE:
        # A question asking for a kind of phrase (a sum, a count, a period) is answered only by a
        # passage that holds one: the topic alone ("搬迁居民" for "搬迁多少户") is related, not the answer.
        return not passage_lacks_answer(query, _record(hit, hit.passage.index_text))
    if bound_evidence(searcher, query, hit):
        return True
    if not searcher.vouches(query, hit):
        return False
    sentence, _ = searcher.closest_sentence(query, hit)
    return carries_answer(query, _record(hit, hit.passage.text) if _is_row(hit) else sentence)


def _is_row(hit) -> bool:
    return getattr(hit.passage, "kind", "") == "row"


def _record(hit, text: str) -> str:
    """A table row is one record: its cells ("会议名称：党委例会；召开频次：每月一次"), joined by "；", are read
    as one clause, so what a frequency is of may stand in another cell than the frequency."""
    return text.replace("；", "，") if _is_row(hit) else text


def bound_evidence(searcher, query: str, hit) -> bool:
    """Lexical evidence below ``MIN_COVERAGE``: the question asks a phrase bound to its object (a 文号 for
    "根据哪个文件", a sum of the fund it names, a count in the counter it names) and one sentence of the hit
    states that phrase while sharing ``MIN_BOUND_COVERAGE`` of the question's words ("乡镇护林防火员每个月工资大概多少" → "乡镇护林防火员工资
    由基本工资和绩效工资构成，总额控制在800～1200元／每月"). Paraphrased wording ("大概", "每个月") lowers
    the passage's coverage; the bound phrase in the very sentence that names the topic makes up for it."""
    if hit.coverage < MIN_BOUND_COVERAGE or not asks_bound(query):
        return False
    return any(searcher.text_coverage(query, s) >= MIN_BOUND_COVERAGE for s in stating_sentences(query, hit.passage.text))


def related(searcher, query: str, hit) -> bool:
    """Whether a hit that does not answer is still worth offering as related: it shares the question's
    words, or — for a question asking a kind of phrase (a place, a source of funds, a sum) — the dense
    side finds it close in meaning although it lacks that phrase ("在哪里公示" against a passage on
    how the assessment is run)."""
    if hit.coverage >= MIN_COVERAGE:
        return True
    return answer_pattern(query) is not None and searcher.vouches(query, hit)


def continues(hit) -> bool:
    """Whether a further page starting at ``hit`` is worth offering."""
    return hit.coverage >= MIN_COVERAGE_MORE


def dense_quote(searcher, query: str, hit) -> str | None:
    """The sentence to quote when only the dense side vouched for the hit: word overlap cannot pick
    it ("恢复名誉" shares no words with "予以澄清和正名")."""
    if hit.coverage >= MIN_COVERAGE or bound_evidence(searcher, query, hit):
        return None
    sentence, _ = searcher.closest_sentence(query, hit)
    return sentence or None
