"""The dense gate: from which cosine a passage counts as evidence on its own, per model and corpus.

Cosines are not comparable across models: multilingual-e5-small gives 0.80–0.89 even to unrelated
questions, all-MiniLM-L6-v2 far less. A fixed threshold (the old MIN_COSINE = 0.62) therefore
answered every out-of-scope question with e5. The gate is calibrated when a model is first used on
a corpus: the best cosine each out-of-scope question (``out_of_scope.txt``, written for this) reaches
in the corpus, and the gate placed ``COSINE_MARGIN`` above the highest of them. It is stored in the
index manifest with the model's entry, so a new model or a changed corpus recalibrates. The margin
was chosen on the dev and QA sets (docs/retrieval.md, "Calibration"): in-scope paraphrases that
lexical search cannot reach score above it, no out-of-scope question does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

OUT_OF_SCOPE = Path(__file__).with_name("out_of_scope.txt")
COSINE_MARGIN = 0.005  # above the highest out-of-scope best cosine (tuned: docs/retrieval.md)


def out_of_scope_questions() -> list[str]:
    lines = OUT_OF_SCOPE.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def calibration_key() -> str:
    """Changes when the question set or the margin changes, so stored gates are recalibrated."""
    blob = "\n".join(out_of_scope_questions()) + f"\n{COSINE_MARGIN}"
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def calibrate_cosine(score: Callable[[str], float]) -> dict:
    """The manifest fields of a calibrated gate. ``score(question)`` = the dense evidence the gate
    will be applied to (the best sentence of the question's top hit, ``Searcher.sentence_cosine``)."""
    tops = [score(q) for q in out_of_scope_questions()]
    highest = max(tops, default=1.0)
    return {"min_cosine": round(highest + COSINE_MARGIN, 4), "out_of_scope_max": round(highest, 4)}
