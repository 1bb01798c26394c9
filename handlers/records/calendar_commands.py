"""More records commands: /rectifications, /holidays (admins import the State Council notice), /report
(the month's coverage PNG), /calendar (the documents' obligations), /subscribe (a unit's contact gets
its obligations like a leader's reminders); a voice message gets "暂不支持语音", an unknown command a hint.
Each parses, calls one core function, renders."""

from __future__ import annotations

import io
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from assistant.records import holiday_store, holidays, obligations, questions, report, state
from assistant.records.dates import parse_month
from assistant.user_input import numbers
from handlers.callbacks import resolve
from handlers.context import DocbotContext
from handlers.gate import ADDRESSED, require
from handlers.records.runtime import actor_of, local_now, runtime_of, spend_button
from handlers.render import send_answer, send_text

COMMANDS = [("rectifications", "未完成的整改（含编号）"), ("holidays", "管理员：导入或查看节假日安排"),
            ("report", "督导情况图：/report 2026-11"), ("calendar", "文件规定的工作事项：/calendar [月份|全年] [单位]"),
            ("subscribe", "订阅本单位的工作事项提醒：/subscribe 单位")]
_DIGITS = re.compile("[0-9０-９]+")  # ASCII or full-width digits only: "²" and "③" are not a year
_UNDO = re.compile(r"^(?:撤销|撤回|undo)\s*(.*)$", re.S)  # /holidays 撤销 2027
YEARS = (2000, 2100)


def _rest(update: Update) -> str:
    """The command's argument text as written (a pasted notice keeps its lines)."""
    text = update.message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _month(arg: str, default_year: int) -> tuple[int, int] | None:
    return parse_month(arg, default_year)


async def rectifications_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", what="查看整改清单"):
        return
    rt = await runtime_of(context.application)
    reply = await context.services.in_db(questions.answer, questions.RecordQuestion("open_rects"),
                                         local_now(context, rt).date(), rt.rules)
    await send_answer(update, context, reply)


async def holidays_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, what="导入节假日安排"):
        return
    rt = await runtime_of(context.application)
    now, text = local_now(context, rt), _rest(update)
    years = [now.year, now.year + 1] if not text else []
    if undo := _UNDO.match(text):
        await _undo_holidays(update, context, undo.group(1), now)
        return
    if _DIGITS.fullmatch(text):
        year = numbers.parse_int(text, low=YEARS[0], high=YEARS[1])  # the strict rule: not int("²")
        if year is None:
            await send_text(update, f"用法：/holidays 年份（{YEARS[0]}—{YEARS[1]}），例如 /holidays {now.year}；"
                                    "或 /holidays 加通知全文导入；/holidays 撤销 年份。")
            return
        years = [year]
    if years:
        listing = [await context.services.in_db(holiday_store.list_year, y) for y in years]
        await send_text(update, "\n\n".join(listing) + "\n\n导入：/holidays 加国务院办公厅通知全文（可直接粘贴）。")
        return
    notice = holidays.parse_notice(text)
    if not notice.ok:
        await send_text(update, holidays.render_notice(notice) + "\n未导入任何日期。请粘贴通知全文，如“一、元旦：1月1日放假……”。")
        return
    chat_id, tokens = update.effective_chat.id, context.services.tokens
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("确认导入", callback_data=tokens.issue("hol_ok", chat_id, text, owner=update.effective_user.id, role="admin")),
                                    InlineKeyboardButton("取消", callback_data=tokens.issue("hol_no", chat_id, "", owner=update.effective_user.id, role="admin"))]])
    await send_text(update, holidays.render_notice(notice) + "\n\n请核对后点“确认导入”；导入后覆盖该年原有的安排"
                            f"（可用 /holidays 撤销 {notice.year} 恢复）。", markup)


async def _undo_holidays(update: Update, context: DocbotContext, arg: str, now) -> None:
    year = numbers.parse_int(arg, low=YEARS[0], high=YEARS[1]) if _DIGITS.fullmatch(arg) else None
    if year is None:
        await send_text(update, f"用法：/holidays 撤销 年份（{YEARS[0]}—{YEARS[1]}），例如 /holidays 撤销 {now.year + 1}")
        return
    try:
        reply = await context.services.in_db(holiday_store.undo_import, year, now=now, actor=actor_of(update)[1])
    except ValueError as err:
        reply = str(err)
    await send_text(update, reply)


async def holidays_button(update: Update, context: DocbotContext) -> None:
    text = await resolve(update, context)
    if text is None or not await require(update, context, what="导入节假日安排"):
        return
    if update.callback_query.data.startswith("hol_no:"):
        await send_text(update, "已取消，未导入。")
    else:
        rt = await runtime_of(context.application)
        notice = holidays.parse_notice(text)  # the admin saw this preview, missing holidays included
        try:
            n = await context.services.in_db(holiday_store.import_notice, notice, now=local_now(context, rt),
                                             actor=actor_of(update)[1], original=text, partial_ok=True)
        except ValueError as err:  # not importable any more (the rules changed since the preview)
            await send_text(update, f"{err}\n未导入。")
        else:
            await send_text(update, f"已导入{notice.year}年节假日安排（{n}天），提醒将按新的工作日发送。"
                                    f"撤销：/holidays 撤销 {notice.year}")
    await spend_button(update, context)


async def report_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", "leader", what="查看督导情况图"):
        return
    rt = await runtime_of(context.application)
    now, arg = local_now(context, rt), _rest(update)
    month = _month(arg, now.year) if arg else (now.year, now.month)
    if month is None:
        await send_text(update, "用法：/report 2026-11（不写月份为本月）")
        return
    cov = await context.services.in_db(report.coverage, *month, rt.rules, today=now.date())
    png = await context.services.run(report.render_png, cov)
    counts = "，".join(f"{report.STATUS_NAMES[k]} {v}" for k, v in cov.counts().items())
    await update.effective_chat.send_photo(io.BytesIO(png), caption=f"{month[0]}年{month[1]}月联系督导情况：{counts}")


async def calendar_command(update: Update, context: DocbotContext) -> None:
    rt = await runtime_of(context.application)
    now, args = local_now(context, rt), _rest(update).split()
    month, unit, whole_year = (now.year, now.month), None, False
    for a in args:
        got = _month(a, now.year)
        if got:
            month = got
        elif a == obligations.YEAR_WORD:
            whole_year = True
        elif re.match(r"^[0-9０-９]", a):  # 2026-13, 13月, 0000-01: a month that does not exist
            await send_text(update, "用法：/calendar [月份|全年] [单位]，例如 /calendar 2026-12 区纪委")
            return
        else:
            unit = a[:30]
    known = rt.obligations(context.services)
    # a chat user narrows a long list in the chat itself, never with a command-line program
    narrower = f"可加上单位缩小范围，例如 /calendar {'全年' if whole_year else f'{month[0]}-{month[1]:02d}'} 区纪委。"
    yearly = obligations.yearly_undated(known, unit=unit)
    if whole_year:
        await send_text(update, obligations.render_year(yearly, unit=unit, limit=25, more=narrower))
        return
    found = obligations.due_in_month(known, *month, unit=unit)
    await send_text(update, obligations.render_month(
        found, *month, unit=unit, limit=25, more=narrower, yearly=len(yearly),
        yearly_hint="发送 /calendar 全年" + (f" {unit}" if unit else "") + " 查看。"))


async def subscribe_command(update: Update, context: DocbotContext) -> None:
    rt = await runtime_of(context.application)
    args, uid, services = _rest(update).split(), update.effective_user.id, context.services
    remove = bool(args) and args[0] in ("取消", "退订")
    unit = " ".join(args[1:] if remove else args)[:30]
    if not unit:
        units = await services.in_db(state.subscriptions_of, uid)
        await send_text(update, ("已订阅：" + "、".join(units) if units else "还没有订阅。")
                        + "\n用法：/subscribe 区纪委（每月第一个工作日提醒该单位当月到期的工作事项）；/subscribe 取消 区纪委")
        return
    found = [o for o in rt.obligations(services) if obligations.matches_unit(o, unit)]
    if not found and not remove:
        await send_text(update, f"文件中没有找到“{unit}”负责的、有时间要求的工作事项，未订阅。")
        return
    await services.in_db(state.subscribe, uid, unit, now=local_now(context, rt), remove=remove)
    await send_text(update, f"已取消订阅{unit}。" if remove else
                    f"已订阅{unit}的工作事项（文件中共{len(found)}项有时间要求），每月第一个工作日 09:00 提醒当月到期的事项。")


async def voice_message(update: Update, context: DocbotContext) -> None:
    await send_text(update, "暂不支持语音，请发文字。")


async def unknown_command(update: Update, context: DocbotContext) -> None:
    """Group 1: only a command that no handler knows gets the hint (known ones were handled in group 0)."""
    word = (update.message.text or "").split(maxsplit=1)[0].lstrip("/").split("@")[0].lower()
    known = context.application.bot_data.get("known_commands")
    if known is None:
        known = {c.lower() for handlers in context.application.handlers.values() for h in handlers
                 if isinstance(h, CommandHandler) for c in h.commands}
        context.application.bot_data["known_commands"] = known
    if word and word not in known:
        await send_text(update, f"没有 /{word[:30]} 这个命令。发送 /help 查看可用的命令，或直接发送问题。")


def register(application: Application) -> None:
    for name, fn in (("rectifications", rectifications_command), ("holidays", holidays_command),
                     ("report", report_command), ("calendar", calendar_command), ("subscribe", subscribe_command)):
        application.add_handler(CommandHandler(name, fn))
    application.add_handler(CallbackQueryHandler(holidays_button, pattern=r"^hol_(ok|no):"))
    application.add_handler(MessageHandler((filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE) & ADDRESSED,
                                           voice_message))
    application.add_handler(MessageHandler(filters.COMMAND & ADDRESSED, unknown_command), group=1)
