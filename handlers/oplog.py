"""One JSON line per answered question, for operations (logger ``docbot.questions``).

Fields: intent, found, latency (from the handler receiving the question to the reply being sent),
a keyed hash of the user id (HMAC with the bot token: stable per user for counting, not reversible by
trying all ids, which a plain hash of a 10-digit number is), chat type and the number of citations.
The question text is logged only when DOCBOT_LOG_TEXT=1 (debugging): questions may name people.
`docbot run` sends this logger's lines to stderr as bare JSON, one per line.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

from telegram import Update

from assistant.questions.answer import Answer
from handlers.context import DocbotContext

log = logging.getLogger("docbot.questions")


def user_hash(secret: str, user_id: int) -> str:
    return hmac.new(secret.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()[:16]


def log_question(update: Update, context: DocbotContext, answer: Answer, started: float) -> None:
    """``started``: time.perf_counter() when the handler got the question."""
    if not log.isEnabledFor(logging.INFO):
        return
    user, chat = update.effective_user, update.effective_chat
    record = {"event": "question", "at": context.services.clock().isoformat(), "intent": answer.intent,
              "found": answer.found, "latency_ms": round((time.perf_counter() - started) * 1000, 1),
              "user": user_hash(context.bot.token, user.id) if user else "",
              "chat": chat.type if chat else "", "citations": len(answer.citations)}
    if context.bot_data.get("log_text"):
        record["text"] = answer.question
    log.info(json.dumps(record, ensure_ascii=False))
