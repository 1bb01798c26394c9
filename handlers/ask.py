"""Every addressed plain-text message, /ask, /item and the 原文 / 更多结果 / choice buttons.

A message is routed by the one router (services.router, assistant/questions/router.py) with the records services
(rules, cached leaders, a pending draft): a visit note goes to the records flow (handlers/records/notes.py),
everything else is answered and rendered here."""

from __future__ import annotations

import functools
import time

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from assistant.questions.answer import Page
from assistant.user_input import numbers
from handlers.callbacks import resolve
from handlers.context import DocbotContext
from handlers.gate import ADDRESSED, strip_mention
from handlers.oplog import log_question
from handlers.records import notes
from handlers.records.runtime import local_now, runtime_of
from handlers.render import send_answer, send_text

COMMANDS = [("ask", "提问，例如 /ask 第17项谁牵头"), ("item", "查看条目原文，例如 /item 工作要点 17")]


async def _ask(update: Update, context: DocbotContext, question: str, page: Page | None = None) -> None:
    # Empty, overlong or meaningless questions get their Chinese reply from the core (assistant.questions.router).
    started = time.perf_counter()
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or user is None:
        return
    reply = message.reply_to_message if message is not None and update.message is not None else None
    reply_to = reply.message_id if reply is not None and reply.from_user and reply.from_user.id == context.bot.id \
        else None
    services, rt = context.services, await runtime_of(context.application)
    ask = functools.partial(services.converse, question.strip(), chat.id, user.id, reply_to=reply_to,
                            role=context.role, rules=rt.rules, leaders=rt.leaders(services), page=page,
                            now=local_now(context, rt))
    frame, answer, after = await ask(draft=page is None and notes.draft_pending(context))
    if answer is None:  # a visit note: the records flow takes it, else it is answered after all
        if await notes.take_note(update, context, frame, question.strip()):
            return
        frame, answer, after = await ask(draft=False, notes_answered=True)
    sent = await send_answer(update, context, answer)
    if sent is not None and chat.type != "private":  # a reply to this answer continues its conversation
        await context.services.remember_answer(chat.id, sent.message_id, after)
    log_question(update, context, answer, started)


async def ask_command(update: Update, context: DocbotContext) -> None:
    await _ask(update, context, " ".join(context.args or []))


async def plain_text(update: Update, context: DocbotContext) -> None:
    await _ask(update, context, strip_mention(update.message))


def parse_item_args(args: list[str]) -> tuple[str, int] | None:
    """"工作要点 17" / "工作要点 第十七项" → ("工作要点", 17)."""
    if len(args) < 2:
        return None
    raw = args[-1].removeprefix("第").removesuffix("项").removesuffix("条")
    number = numbers.parse_int(raw, low=1, high=numbers.ITEM_MAX)
    return (" ".join(args[:-1]), number) if number else None


async def item_command(update: Update, context: DocbotContext) -> None:
    parsed = parse_item_args(context.args or [])
    if parsed is None:
        await send_text(update, "用法：/item 文件简称 条目号，例如 /item 工作要点 17。发送 /docs 查看文件简称。")
        return
    services = context.services
    answer = await services.run(services.item_text, services.knowledge, *parsed)
    await send_answer(update, context, answer)


async def item_button(update: Update, context: DocbotContext) -> None:
    payload = await resolve(update, context)
    if payload is not None:
        services = context.services
        await send_answer(update, context, await services.run(services.item_text, services.knowledge, *payload))


async def ask_button(update: Update, context: DocbotContext) -> None:
    question = await resolve(update, context)
    if question is not None:
        await _ask(update, context, question)


async def more_button(update: Update, context: DocbotContext) -> None:
    """更多结果: the token holds the page (question, offset), routed as a value."""
    payload = await resolve(update, context)
    if payload is not None:
        question, offset = payload
        await _ask(update, context, question, Page(question, offset))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("ask", ask_command))
    application.add_handler(CommandHandler("item", item_command))
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & ADDRESSED, plain_text))
    application.add_handler(CallbackQueryHandler(item_button, pattern=r"^item:"))
    application.add_handler(CallbackQueryHandler(ask_button, pattern=r"^ask:"))
    application.add_handler(CallbackQueryHandler(more_button, pattern=r"^more:"))
