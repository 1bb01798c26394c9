"""Visit notes by message: a secretary's plain message that looks like a note is parsed and shown with
确认 / 修改 / 取消; it is stored only on 确认. An informal note ("王书记上周五去七中看了看") is offered
with 记录 / 不是 first. A natural question about the records ("我这个月还有哪些点没去") is answered
from the store. Other text falls through to question answering.

Runs in group -1 (after the gate, before handlers.ask's plain-text handler in group 0) and stops
further handling only when it answered. The other records commands live in handlers.records_cmds and
handlers.records_more.
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
from assistant.records import drafts, informal, photos, questions
from assistant.records.bindings import leader_of
from assistant.router import Turn, recognise_note
from handlers import menus, records_cmds, records_more, reminder_jobs
from handlers.callbacks import drop_buttons, resolve
from handlers.context import DocbotContext
from handlers.gate import ADDRESSED, require, strip_mention
from handlers.records_common import actor_of, local_now, runtime_of, spend_button
from handlers.render import send_answer, send_text

COMMANDS = [("visit", "秘书：登记走访记录"), *records_cmds.COMMANDS, *records_more.COMMANDS]
DRAFT, EXPECT = "records_draft", "records_expect"


def _buttons(context: DocbotContext, chat_id: int, pending_id: int, owner: int) -> InlineKeyboardMarkup:
    """For the secretary who sent the note only, and only while they are a secretary (handlers.callbacks)."""
    def issue(action: str) -> str:
        return context.services.tokens.issue(action, chat_id, pending_id, owner=owner, role="secretary")

    return InlineKeyboardMarkup([[InlineKeyboardButton("确认", callback_data=issue("note_ok")),
                                  InlineKeyboardButton("修改", callback_data=issue("note_edit")),
                                  InlineKeyboardButton("取消", callback_data=issue("note_no"))]])


async def _submit(update: Update, context: DocbotContext, text: str, *, explicit: bool,
                  original: str | None = None) -> drafts.Submission | None:
    """Parse and answer; None when the text is not a note (so another handler may answer it)."""
    rt = await runtime_of(context.application)
    now = local_now(context, rt)
    user_data = context.user_data if context.user_data is not None else {}
    draft = user_data.pop(DRAFT, None)
    explicit = explicit or bool(user_data.pop(EXPECT, False))
    sub = await context.services.in_db(
        drafts.submit, text, telegram_id=update.effective_user.id, chat_id=update.effective_chat.id,
        now=now, rules=rt.rules, explicit=explicit, draft=draft,
        store=access.has_role(context.role, "secretary"), original=original)
    if not sub.is_note:
        return None
    if not access.has_role(context.role, "secretary"):
        await send_text(update, "这看起来是一条走访记录，但只有秘书或管理员可以登记走访记录。如需开通，请联系管理员。")
        return sub
    if sub.kind == "questions":
        user_data[DRAFT] = sub.note.original
        await send_text(update, sub.text)
        return sub
    if sub.kind == "repeat":  # saved a moment ago: no second 确认 (assistant/records/repeats.py)
        await send_text(update, sub.text)
        return sub
    await send_text(update, sub.text, _buttons(context, update.effective_chat.id, sub.pending_id,
                                               update.effective_user.id))
    return sub


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


async def _records_question(update: Update, context: DocbotContext, text: str) -> bool:
    """"我这个月还有哪些点没去", "还有哪些整改没完成": answered from the store. (Until the question router
    calls assistant.records.questions itself, this is where Telegram asks it.)"""
    if not questions.may_be_question(text):
        return False
    rt = await runtime_of(context.application)
    services, today = context.services, local_now(context, rt).date()
    own = services.read(leader_of, update.effective_user.id)
    reply = await services.in_db(questions.answer_text, text, own_leader=own, role=context.role, today=today,
                                 rules=rt.rules)
    if reply is None:
        return False
    await send_text(update, reply)
    return True


async def _offer_informal(update: Update, context: DocbotContext, text: str) -> bool:
    """A secretary's informal note: ask "要记为走访记录吗？" with 记录 / 不是."""
    if not access.has_role(context.role, "secretary"):
        return False
    rt = await runtime_of(context.application)
    got = informal.detect(text, rt.leaders(context.services), local_now(context, rt).date())
    if got is None:
        return False
    tokens, chat_id, owner = context.services.tokens, update.effective_chat.id, update.effective_user.id
    markup = InlineKeyboardMarkup([[
        InlineKeyboardButton("记录", callback_data=tokens.issue("note_rec", chat_id, [got.resolved, got.original], owner=owner, role="secretary")),
        InlineKeyboardButton("不是", callback_data=tokens.issue("note_not", chat_id, got.original, owner=owner, role="secretary"))]])
    await send_text(update, f"这像是{got.leader}的一次走访，要记为走访记录吗？\n“{got.original[:200]}”", markup)
    return True


async def note_message(update: Update, context: DocbotContext) -> None:
    text = strip_mention(update.message)
    if await _may_be_note(context, text) and await _submit(update, context, text, explicit=False):
        raise ApplicationHandlerStop
    if await _records_question(update, context, text) or await _offer_informal(update, context, text):
        raise ApplicationHandlerStop


async def informal_record_button(update: Update, context: DocbotContext) -> None:
    payload = await resolve(update, context)
    if payload is None or not await require(update, context, "secretary", what="登记走访记录"):
        return
    resolved, original = payload
    await _submit(update, context, resolved, explicit=True, original=original)
    await spend_button(update, context)


async def informal_not_button(update: Update, context: DocbotContext) -> None:
    original = await resolve(update, context)
    if original is None:
        return
    await send_answer(update, context, await context.services.answer(original))
    await spend_button(update, context)


async def photo_message(update: Update, context: DocbotContext) -> None:
    """A secretary's photo: with a note as its caption it goes with that note's draft; otherwise it is
    attached to their latest visit of the last day."""
    if not await require(update, context, "secretary", what="为走访记录添加照片"):
        return
    caption = (update.message.caption or "").strip()
    file_id = update.message.photo[-1].file_id
    rt = await runtime_of(context.application)
    now, services = local_now(context, rt), context.services
    if caption and await _may_be_note(context, caption):
        sub = await _submit(update, context, caption, explicit=False)
        if sub is not None and sub.pending_id is not None:
            await services.in_db(photos.attach_to_pending, sub.pending_id, file_id, caption, now=now)
            await send_text(update, "照片已附在这条记录上，确认后随记录保存。")
            return
        if sub is not None:  # asked back (or not a secretary): the photo is not kept with a draft that may never be
            await send_text(update, "照片暂未保存：记录补全并确认后，请再发送一次照片。")
            return
    visit = await services.in_db(photos.attach_to_latest, update.effective_user.id, file_id, caption, now=now)
    if visit is None:
        await send_text(update, "请把走访记录写在照片的说明里一起发送，或先发送走访记录再发照片。")
    else:
        await send_text(update, f"照片已附在第{visit['id']}号走访记录（{visit['leader']}，{visit['visit_date']}，"
                                f"{visit['points']}）上，导出台账时列出。")


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
    # Stored (or refused) first, told second; taking the buttons away is cosmetic and may fail (message
    # too old, already edited): that must not turn a saved note into "出错了" and a duplicate.
    await send_text(update, reply)
    await drop_buttons(update)


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
    application.add_handler(CallbackQueryHandler(informal_record_button, pattern=r"^note_rec:"))
    application.add_handler(CallbackQueryHandler(informal_not_button, pattern=r"^note_not:"))
    application.add_handler(MessageHandler(filters.PHOTO & ADDRESSED, photo_message))
    records_cmds.register(application)
    records_more.register(application)
    menus.register(application)


async def on_startup(application: Application) -> None:
    await runtime_of(application)
    await menus.publish(application)
    reminder_jobs.arm(application)
