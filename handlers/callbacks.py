"""Inline-button presses: validate the callback data against the server-side token store.

A handler for ``<action>:`` calls ``resolve`` to get its payload; forged, stale (issued before a
restart, or expired) and foreign (pressed in another chat) buttons get a polite answer instead.
``stale`` is the catch-all registered last for any data no module claims.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers.context import DocbotContext

STALE = "这个按钮已失效（可能是很久以前的消息），请重新提问。"


async def resolve(update: Update, context: DocbotContext) -> Any | None:
    """The payload behind the pressed button, or None after telling the user it is no longer valid."""
    query = update.callback_query
    chat_id = update.effective_chat.id if update.effective_chat else None
    found = context.services.tokens.resolve(query.data, chat_id)
    if found is None:
        await query.answer(STALE, show_alert=True)
        return None
    await query.answer()
    return found[1]


async def stale(update: Update, context: DocbotContext) -> None:
    await update.callback_query.answer(STALE, show_alert=True)


def register_fallback(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(stale))  # last in group 0: only unclaimed data
