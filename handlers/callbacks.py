"""Inline-button presses: validate the callback data against the server-side token store.

A handler for ``<action>:`` calls ``resolve`` to get its payload; forged, stale (expired) and foreign
(pressed in another chat) buttons get a polite answer instead, and so does a press by someone the
button is not for: another user than its owner, or a user who no longer holds the role it needs (the
role is the one the gate looked up for this press). Such a press changes nothing on the message.
``stale`` is the catch-all registered last for any data no module claims.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler

from assistant.operations import access
from handlers.context import DocbotContext

log = logging.getLogger(__name__)
STALE = "这个按钮已失效（可能是很久以前的消息），请重新提问。"
NOT_YOURS = "这个按钮只有发起人本人可以操作。"
NO_ROLE = "您现在没有权限操作这个按钮。"


async def resolve(update: Update, context: DocbotContext) -> Any | None:
    """The payload behind the pressed button, or None after telling the presser why not."""
    query = update.callback_query
    chat_id = update.effective_chat.id if update.effective_chat else None
    found = context.services.tokens.lookup(query.data, chat_id)
    refusal = STALE if found is None else None
    if found is not None and found.owner and (update.effective_user is None or update.effective_user.id != found.owner):
        refusal = NOT_YOURS
    elif found is not None and found.role and not access.has_role(context.role, found.role):
        refusal = NO_ROLE
    if refusal:
        await _answer(query, refusal)
        return None
    await _answer(query)
    return found.payload


async def _answer(query, alert: str | None = None) -> None:
    """Acknowledge the press. Telegram refuses once the press is old (a replay after a restart):
    the press still does its work."""
    try:
        await (query.answer(alert, show_alert=True) if alert else query.answer())
    except TelegramError:
        log.info("could not answer callback query %s", query.id, exc_info=True)


async def drop_buttons(update: Update) -> None:
    """Take the buttons off the pressed message — cosmetic, so a failure ("message is not modified",
    "message can't be edited": too old, already edited) is logged, never turned into an error reply
    after the press has done its work."""
    try:
        await update.callback_query.edit_message_reply_markup(None)
    except TelegramError:
        log.info("could not remove the buttons of message %s", update.effective_message and
                 update.effective_message.message_id, exc_info=True)


async def stale(update: Update, context: DocbotContext) -> None:
    await update.callback_query.answer(STALE, show_alert=True)


def register_fallback(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(stale))  # last in group 0: only unclaimed data
