"""One router for every channel: the same question gets the same answer in Telegram (PTB's stack
against the fake Bot API, offline), `docbot chat` and `docbot ask` (both in this process), over the same
data dir and corpus, questions about the records included (issue 19)."""

import dataclasses
import html
import json
import re

import pytest

from assistant.records import drafts
from assistant.records.setup import open_records
from bot import services as channel
from bot.services import build_knowledge
from corpus import BUNDLED_DIR
from tests.support import telegram_harness as harness

ADMIN = 1
QUESTIONS = [
    "越秀工作要点第17项谁牵头",
    "苏佩联系哪个社区",
    "东湖新村社区由哪位区领导挂点？",
    "区委组织部牵头几项？",
    "考核得了85分是什么等次",
    "民主生活会一年开几次？",
    "第3、4项谁牵头",
    # the records, answered from the store with the rules read from the corpus
    "王焕清这个月去了哪些地方",
    "还有哪些整改没完成",
    "东山街上次督导是什么时候",
    "王焕清还有哪些点没走访",
]
NOTE = "走访记录：王焕清 3月1日到东山街督导，召开座谈会，发现组织生活记录不规范，要求一个月内整改"


def _plain(text: str) -> str:
    """Telegram's HTML and the terminal's 【…】 marks compared as what a reader sees."""
    return re.sub(r"</?b>|[【】]", "", html.unescape(text)).strip()


@pytest.fixture
def setup(tmp_path, monkeypatch, offline_api):
    settings = dataclasses.replace(harness.settings_for(offline_api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    db, rules = open_records(settings.db_path, BUNDLED_DIR, now=harness.FIXED_NOW)
    sub = drafts.submit(db, NOTE, telegram_id=ADMIN, chat_id=ADMIN, now=harness.FIXED_NOW, rules=rules, explicit=True)
    assert "已保存" in drafts.confirm(db, sub.pending_id, telegram_id=ADMIN, now=harness.FIXED_NOW, rules=rules)
    db.close()
    monkeypatch.setattr(channel, "clock", lambda: harness.FIXED_NOW)  # the bot's clock, for the terminal too
    env = {"DOCBOT_DATA_DIR": str(settings.data_dir), "DOCBOT_CORPUS_DIR": str(BUNDLED_DIR)}
    return settings, env


async def test_the_same_question_gets_the_same_answer_everywhere(setup, offline_api, docbot):
    settings, env = setup
    services = harness.make_services(settings, build_knowledge(settings))
    app = harness.make_app(settings, services, offline_api)
    async with harness.offline(app) as errors:
        for question in QUESTIONS:
            before = len(offline_api.sent(chat_id=ADMIN))
            await harness.process(app, offline_api.text(question, user=ADMIN))
            assert len(offline_api.sent(chat_id=ADMIN)) == before + 1, question  # one message each
    telegram = [_plain(c.text) for c in offline_api.sent(chat_id=ADMIN)]
    assert not errors

    chat = docbot("chat", "--json", stdin="\n".join(QUESTIONS) + "\n", env=env)
    chatted = [json.loads(line) for line in chat.stdout.splitlines()]
    ask = docbot("ask", "-", "--json", stdin="\n".join(QUESTIONS) + "\n", env=env)  # each line on its own
    asked = [json.loads(line) for line in ask.stdout.splitlines()]

    for question, said, c, a in zip(QUESTIONS, telegram, chatted, asked, strict=True):
        assert c == a, question  # every field: text, citations, page, parties
        assert said == _plain(c["answer"]), question
    records = {q: c for q, c in zip(QUESTIONS, chatted, strict=True) if c["intent"] == "records"}
    assert len(records) == 4 and all(r["found"] for r in records.values())
    assert "东山街" in records["王焕清这个月去了哪些地方"]["answer"]
    assert "来源：走访台账" in records["东山街上次督导是什么时候"]["answer"]
    assert "组织生活记录不规范" in records["还有哪些整改没完成"]["answer"]
