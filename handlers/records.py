"""Visit notes by message: a secretary's plain message that looks like a note is parsed and shown with
确认 / 修改 / 取消; it is stored only on 确认. Other text falls through to question answering.

Runs in group -1 (after the gate, before handlers.ask's plain-text handler in group 0) and stops
further handling only when it answered. The other records commands live in handlers.records_cmds.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from assistant import access
from assistant.records import drafts
from assistant.router import Turn, recognise_note
from handlers import records_cmds, reminder_jobs
from handlers.callbacks import resolve
from handlers.context import DocbotContext
from handlers.gate import ADDRESSED, require, strip_mention
from handlers.records_common import actor_of, local_now, runtime_of
from handlers.render import send_text

COMMANDS = [("visit", "秘书：登记走访记录"), *records_cmds.COMMANDS]
DRAFT, EXPECT = "records_draft", "records_expect"


def _buttons(context: DocbotContext, chat_id: int, pending_id: int) -> InlineKeyboardMarkup:
    tokens = context.services.tokens
    return InlineKeyboardMarkup([[
        InlineKeyboardButton("确认", callback_data=tokens.issue("note_ok", chat_id, pending_id)),
        InlineKeyboardButton("修改", callback_data=tokens.issue("note_edit", chat_id, pending_id)),
        InlineKeyboardButton("取消", callback_data=tokens.issue("note_no", chat_id, pending_id))]])


async def _submit(update: Update, context: DocbotContext, text: str, *, explicit: bool) -> bool:
    """Parse and answer; False when the text is not a note (so another handler may answer it)."""
    rt = await runtime_of(context.application)
    now = local_now(context, rt)
    user_data = context.user_data if context.user_data is not None else {}
    draft = user_data.pop(DRAFT, None)
    explicit = explicit or bool(user_data.pop(EXPECT, False))
    sub = await context.services.in_db(
        drafts.submit, text, telegram_id=update.effective_user.id, chat_id=update.effective_chat.id,
        now=now, rules=rt.rules, explicit=explicit, draft=draft,
        store=access.has_role(context.role, "secretary"))
    if not sub.is_note:
        return False
    if not access.has_role(context.role, "secretary"):
        await send_text(update, "这看起来是一条走访记录，但只有秘书或管理员可以登记走访记录。如需开通，请联系管理员。")
        return True
    if sub.kind == "questions":
        user_data[DRAFT] = sub.note.original
        await send_text(update, sub.text)
        return True
    await send_text(update, sub.text, _buttons(context, update.effective_chat.id, sub.pending_id))
    return True


async def _may_be_note(context: DocbotContext, text: str) -> bool:
    """Decided on the event loop: only a message that may be a note (drafts.may_be_note) or answers
    our question about a draft goes on to the parser on the database thread."""
    user_data = context.user_data or {}
    if user_data.get(DRAFT) or user_data.get(EXPECT):
        return True
    rt = await runtime_of(context.application)
    # The decision "note or question" is the router's (assistant/router.py recognise_note), made with
    # the records' own check and this runtime's cached leaders.
    turn = Turn(text, context.services.knowledge, extra={"leaders": rt.leaders(context.services)})
    return recognise_note(turn) is not None


async def note_message(update: Update, context: DocbotContext) -> None:
    text = strip_mention(update.message)
    if await _may_be_note(context, text) and await _submit(update, context, text, explicit=False):
        raise ApplicationHandlerStop


async def visit_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", what="登记走访记录"):
        return
    args = " ".join(context.args or [])
    if not args.strip():
        await send_text(update, "用法：/visit 领导=王焕清 日期=11月5日 联系点=东山街 方式=座谈会 发现=组织生活记录不规范 "
                                "整改=一个月内\n也可以直接发送记录原文，如“走访记录：王焕清 11月5日到东山街督导，……”。")
        return
    await _submit(update, context, drafts.fields_to_text(args), explicit=True)


async def _button(update: Update, context: DocbotContext, action: str) -> None:
    pending_id = await resolve(update, context)
    if pending_id is None:
        return
    rt = await runtime_of(context.application)
    user_id, _ = actor_of(update)
    now = local_now(context, rt)
    if action == "ok":
        reply = await context.services.in_db(drafts.confirm, pending_id, telegram_id=user_id, now=now,
                                             rules=rt.rules)
    else:
        reply, original = await context.services.in_db(drafts.cancel, pending_id, telegram_id=user_id,
                                                       now=now, editing=action == "edit")
        if original is not None and context.user_data is not None:
            context.user_data[EXPECT] = True
    await update.callback_query.edit_message_reply_markup(None)
    await send_text(update, reply)


async def confirm_button(update: Update, context: DocbotContext) -> None:
    await _button(update, context, "ok")


async def edit_button(update: Update, context: DocbotContext) -> None:
    await _button(update, context, "edit")


async def cancel_button(update: Update, context: DocbotContext) -> None:
    await _button(update, context, "no")


def register(application: Application) -> None:
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & ADDRESSED, note_message), group=-1)
    application.add_handler(CommandHandler("visit", visit_command))
    application.add_handler(CallbackQueryHandler(confirm_button, pattern=r"^note_ok:"))
    application.add_handler(CallbackQueryHandler(edit_button, pattern=r"^note_edit:"))
    application.add_handler(CallbackQueryHandler(cancel_button, pattern=r"^note_no:"))
    records_cmds.register(application)


async def on_startup(application: Application) -> None:
    await runtime_of(application)
    reminder_jobs.arm(application)
