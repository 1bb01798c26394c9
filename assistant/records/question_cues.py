"""The cue words of a question about the records ("还有哪些点没去", "去了哪些地方", "整改", "上次") and who
may ask one: the cheap test every message passes before anything reads the store
(assistant/records/routes.py), and the patterns the recogniser (assistant/records/questions.py)
builds on. Alone so the test stays light (the ledgers import sqlite-utils)."""

from __future__ import annotations

import re

from corpus.vocabulary import one_of
from corpus.vocabulary_records import (
    GOING_VERBS,
    LAST_TIME_WORDS,
    NOT_YET,
    PLACE_ASKS,
    PLACE_WORDS,
    RECTIFICATION_WORD,
    WENT_ASKS,
    WENT_VERBS,
)

OPERATOR = "operator"  # the person at the terminal (`docbot chat`, `docbot ask`): reads as the records CLI does
ROLES_ALLOWED = ("secretary", "leader", "admin", OPERATOR)
NOT_ALLOWED = "走访台账只有秘书、区领导和管理员可以查询。如需开通，请联系管理员。"

PENDING = re.compile(f"({one_of(NOT_YET)})({one_of(GOING_VERBS)})|没去过")
WENT = re.compile(f"({one_of(WENT_VERBS)})({one_of(WENT_ASKS)})|({one_of(PLACE_ASKS)})({one_of(PLACE_WORDS)})")
CUES = re.compile(PENDING.pattern + "|" + WENT.pattern + "|" + one_of((RECTIFICATION_WORD, *LAST_TIME_WORDS)))


def may_be_question(text: str) -> bool:
    return bool(CUES.search(text or ""))
