"""Visit notes by message: the router (assistant/questions/router.py, called by handlers/ask.py for every plain
message) recognises a note; a secretary's note is parsed and shown with 确认 / 修改 / 取消 and stored
only on 确认. An informal note ("王书记上周五去七中看了看") is offered with 记录 / 不是 first. Questions
about the records ("我这个月还有哪些点没去") are answered by the router like any question. The other
records commands live in handlers.records.visit_commands and handlers.records.calendar_commands.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from assistant.operations import access
from assistant.questions.frames import DraftReply, Frame, InformalNote, Note
from assistant.questions.router import Turn
from assistant.records import drafts, photos
from handlers import menus, reminder_jobs
from handlers.callbacks import drop_buttons, resolve
from handlers.context import DocbotContext
from handlers.gate import ADDRESSED, require
from handlers.records import calendar_commands, visit_commands
from handlers.records.runtime import actor_of, local_now, runtime_of, spend_button
from handlers.render import send_answer, send_text

COMMANDS = [("visit", "秘书：登记走访记录"), *visit_commands.COMMANDS, *calendar_commands.COMMANDS]
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


def draft_pending(context: DocbotContext) -> bool:
    """The bot asked about a draft (or to send a corrected note): the next message may complete it."""
    user_data = context.user_data or {}
    return bool(user_data.get(DRAFT) or user_data.get(EXPECT))


async def take_note(update: Update, context: DocbotContext, frame: Frame, text: str) -> bool:
    """A message the router recognised as a note: drafted (secretaries), refused (others) or, for an
    informal note, offered with 记录 / 不是. False when the text turned out not to be a note (a reply
    to a draft that neither completes it nor is a note): the caller answers it as a question."""
    if isinstance(frame, InformalNote):
        return await _offer_informal(update, context, frame)
    return await _submit(update, context, text, explicit=False) is not None


async def _may_be_note(context: DocbotContext, text: str) -> bool:
    """A photo's caption: whether the router recognises it as a note (or a draft's completion)."""
    rt = await runtime_of(context.application)
    services = context.services
    turn = Turn(text, services.knowledge, db=services.db, now=local_now(context, rt), role=context.role,
                rules=rt.rules, leaders=rt.leaders(services), draft=draft_pending(context))
    return isinstance(await services.run(services.router.recognise, turn), Note | DraftReply)


async def _offer_informal(update: Update, context: DocbotContext, got: InformalNote) -> bool:
    """A secretary's informal note: ask "要记为走访记录吗？" with 记录 / 不是. Others are told what it is."""
    if not access.has_role(context.role, "secretary"):
        return False
    tokens, chat_id, owner = context.services.tokens, update.effective_chat.id, update.effective_user.id
    markup = InlineKeyboardMarkup([[
        InlineKeyboardButton("记录", callback_data=tokens.issue("note_rec", chat_id, [got.resolved, got.original], owner=owner, role="secretary")),
        InlineKeyboardButton("不是", callback_data=tokens.issue("note_not", chat_id, got.original, owner=owner, role="secretary"))]])
    await send_text(update, f"这像是{got.leader}的一次走访，要记为走访记录吗？\n“{got.original[:200]}”", markup)
    return True


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
    application.add_handler(CommandHandler("visit", visit_command))
    application.add_handler(CallbackQueryHandler(confirm_button, pattern=r"^note_ok:"))
    application.add_handler(CallbackQueryHandler(edit_button, pattern=r"^note_edit:"))
    application.add_handler(CallbackQueryHandler(cancel_button, pattern=r"^note_no:"))
    application.add_handler(CallbackQueryHandler(informal_record_button, pattern=r"^note_rec:"))
    application.add_handler(CallbackQueryHandler(informal_not_button, pattern=r"^note_not:"))
    application.add_handler(MessageHandler(filters.PHOTO & ADDRESSED, photo_message))
    visit_commands.register(application)
    calendar_commands.register(application)
    menus.register(application)


async def on_startup(application: Application) -> None:
    await runtime_of(application)
    await menus.publish(application)
    reminder_jobs.arm(application)
