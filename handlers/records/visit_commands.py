"""Records commands: /rectify, /done, /overdue, /due, /visits, /bind, /assign, /export.
Each parses its arguments, calls one core function on the database thread and replies in Chinese."""

from __future__ import annotations

import io
import logging
import re

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from assistant.operations import access
from assistant.records import bindings, ledger, rectifications, visits
from assistant.records.leaders import KIND_ALIASES, assign
from assistant.user_input import numbers
from handlers import menus
from handlers.callbacks import resolve
from handlers.context import DocbotContext
from handlers.gate import notify_admins, require
from handlers.records.runtime import actor_of, local_now, runtime_of
from handlers.render import send_text

log = logging.getLogger(__name__)
COMMANDS = [("due", "我的待走访联系点和整改期限"), ("visits", "走访记录：/visits [姓名] [月份]"),
            ("rectify", "秘书：登记整改"), ("done", "秘书：办结整改 /done 编号 说明"),
            ("overdue", "逾期未完成的整改"), ("bind", "区领导绑定账号：/bind 姓名"),
            ("assign", "管理员：调整区领导联系点"), ("export", "导出台账：/export 2026-11")]


def _args(context: DocbotContext) -> list[str]:
    return [a for a in (context.args or []) if a.strip()]


async def rectify_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", what="登记整改"):
        return
    rt = await runtime_of(context.application)
    now, (uid, actor) = local_now(context, rt), actor_of(update)
    _, reply = await context.services.in_db(rectifications.rectify_from_text, " ".join(_args(context)),
                                            today=now.date(), now=now, actor=actor, actor_id=uid, rules=rt.rules)
    await send_text(update, reply)


async def done_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", what="办结整改"):
        return
    args = _args(context)
    rect_id = numbers.record_id(args[0]) if args else None
    if rect_id is None:
        await send_text(update, "用法：/done 整改编号 办结说明，例如 /done 3 已完善三会一课记录")
        return
    rt = await runtime_of(context.application)
    now, (_, actor) = local_now(context, rt), actor_of(update)
    _, reply = await context.services.in_db(rectifications.close, rect_id, " ".join(args[1:]), now=now,
                                            actor=actor)
    await send_text(update, reply)


async def overdue_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", "leader", what="查看逾期整改"):
        return
    rt = await runtime_of(context.application)
    today = local_now(context, rt).date()
    rows = await context.services.in_db(rectifications.overdue, today)
    if not rows:
        await send_text(update, f"截至{today}，没有逾期未完成的整改。")
        return
    lines = [f"逾期未完成的整改（截至{today}）："]
    lines += [f"• 第{r['id']}号 {r['unit']}：{r['issue']}，期限 {r['due']}，区领导 {r['leader'] or '未指定'}"
              for r in rows]
    await send_text(update, "\n".join(lines))


async def due_command(update: Update, context: DocbotContext) -> None:
    rt = await runtime_of(context.application)
    today = local_now(context, rt).date()
    uid, _ = actor_of(update)
    own = await context.services.in_db(bindings.leader_of, uid)
    name = " ".join(_args(context)) or own
    if not name:
        await send_text(update, "您还没有绑定区领导身份。区领导请发送 /bind 姓名；秘书可发送 /due 姓名 查看某位领导。")
        return
    if name != own and not access.has_role(context.role, "secretary"):
        await send_text(update, "只能查看本人的待办；秘书和管理员可以查看其他区领导。")
        return
    got = await context.services.in_db(visits.due_for, name, today, rt.rules)
    await send_text(update, visits.render_due(got, today) if got else f"联系点名单中没有区领导“{name[:20]}”。")


async def visits_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", "leader", what="查看走访记录"):
        return
    args, name, month = _args(context), None, None
    for a in args:
        if m := re.fullmatch(r"(\d{1,2})月?", a):  # "11月" / "11": this year's month
            month = f"{local_now(context, await runtime_of(context.application)):%Y}-{int(m.group(1)):02d}"
        elif a[:1].isdigit():
            month = a
        else:
            name = a
    try:
        rows = await context.services.in_db(visits.list_visits, name, month)
    except ValueError:
        await send_text(update, "用法：/visits [姓名] [月份]，例如 /visits 王焕清 2026-11")
        return
    await send_text(update, visits.render_visits(rows))


async def bind_command(update: Update, context: DocbotContext) -> None:
    args, services = _args(context), context.services
    rt = await runtime_of(context.application)
    now, (uid, actor) = local_now(context, rt), actor_of(update)
    if len(args) == 2 and numbers.user_id(args[0]) and access.has_role(context.role, "admin"):
        ok, reply = await services.in_db(bindings.confirm, numbers.user_id(args[0]), now=now, actor=actor, name=args[1])
        await send_text(update, reply)
        if ok:
            await _tell_bound(context, numbers.user_id(args[0]))
        return
    if context.role is None:  # a stranger in an open group: no requests to admins on their behalf
        await send_text(update, "请先获得使用权限（管理员发送 /allow 您的用户 ID），再申请绑定区领导身份。")
        return
    if len(args) != 1:
        await send_text(update, "用法：/bind 姓名（区领导本人申请，管理员确认）；管理员可用 /bind 用户ID 姓名 直接绑定。")
        return
    ok, reply = await services.in_db(bindings.request, uid, args[0], now=now)
    await send_text(update, reply)
    if ok:
        await notify_admins(context, f"用户 {update.effective_user.full_name}（ID {uid}）申请绑定为区领导：{args[0]}。",
                            "确认绑定", "bind_ok", uid, about=uid)


async def bind_button(update: Update, context: DocbotContext) -> None:
    user_id = await resolve(update, context)
    if user_id is None or not await require(update, context, what="确认绑定"):
        return
    rt = await runtime_of(context.application)
    ok, reply = await context.services.in_db(bindings.confirm, user_id, now=local_now(context, rt),
                                             actor=actor_of(update)[1])
    await send_text(update, reply)
    if ok:
        await _tell_bound(context, user_id)


async def _tell_bound(context: DocbotContext, user_id: int) -> None:
    """The leader learns that the binding is confirmed, and gets the leader's command menu."""
    services = context.services
    name = await services.in_db(bindings.leader_of, user_id)
    role = await services.in_db(access.role_of, user_id, services.admins)
    await menus.refresh(context.application, user_id, role)
    try:
        await context.bot.send_message(user_id, f"管理员已确认您的区领导身份：{name}。\n发送 /due 查看待走访的联系点和整改期限，"
                                                "也可以直接问“我这个月还有哪些点没去”；每个工作日 09:00 会收到当天的提醒汇总。")
    except TelegramError:  # the user never opened a chat with the bot: the admin's reply says it is bound
        log.warning("could not tell %s about the binding", user_id, exc_info=True)


async def assign_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, what="调整联系点"):
        return
    args = _args(context)
    remove = bool(args) and args[0] in ("删除", "移除")
    args = args[1:] if remove else args
    rt = await runtime_of(context.application)
    kind = KIND_ALIASES.get(args[1], "") if len(args) >= 3 else ""
    reply = await context.services.in_db(
        assign, args[0] if args else "", kind, " ".join(args[2:]), now=local_now(context, rt),
        actor=actor_of(update)[1], remove=remove)
    await send_text(update, reply)


async def export_command(update: Update, context: DocbotContext) -> None:
    if not await require(update, context, "secretary", what="导出台账"):
        return
    rt = await runtime_of(context.application)
    args = _args(context)
    month = args[0] if args else f"{local_now(context, rt):%Y-%m}"
    kind = args[1].lower() if len(args) > 1 else "xlsx"
    try:
        if kind not in ("xlsx", "csv"):
            raise ValueError(kind)
        today = local_now(context, rt).date()
        data = await (context.services.in_db(ledger.to_csv, month) if kind == "csv"
                      else context.services.in_db(ledger.to_xlsx, month, today=today))
    except ValueError:
        await send_text(update, "用法：/export 2026-11 [csv]")
        return
    name = f"台账-{month}.{kind}"
    await update.effective_chat.send_document(io.BytesIO(data), filename=name, caption=f"{month} 走访及整改台账")


def register(application: Application) -> None:
    for name, fn in (("rectify", rectify_command), ("done", done_command), ("overdue", overdue_command),
                     ("due", due_command), ("visits", visits_command), ("bind", bind_command),
                     ("assign", assign_command), ("export", export_command)):
        application.add_handler(CommandHandler(name, fn))
    application.add_handler(CallbackQueryHandler(bind_button, pattern=r"^bind_ok:"))
