"""The cue words of a question about the records ("还有哪些点没去", "去了哪些地方", "整改", "上次") and who
may ask one: the cheap test every message passes before anything reads the store
(assistant/records/routes.py), and the patterns the recogniser (assistant/records/questions.py)
builds on. Alone so the test stays light (the ledgers import sqlite-utils)."""

from __future__ import annotations

import re

OPERATOR = "operator"  # the person at the terminal (`docbot chat`, `docbot ask`): reads as the records CLI does
ROLES_ALLOWED = ("secretary", "leader", "admin", OPERATOR)
NOT_ALLOWED = "走访台账只有秘书、区领导和管理员可以查询。如需开通，请联系管理员。"

PENDING = re.compile(r"(没有?|未|还没有?|尚未|待)(去|走访|督导|联系|跑|到)|没去过")
WENT = re.compile(r"(去了|走访了|督导了|去过|跑了|到了|看了)(哪些|哪里|什么|哪儿|几个|几次)|(哪些|几个)(地方|点|联系点)")
CUES = re.compile(PENDING.pattern + "|" + WENT.pattern + "|整改|上次|上一次|最近一次|最后一次")


def may_be_question(text: str) -> bool:
    return bool(CUES.search(text or ""))
