"""Admin commands: /allow, /deny, /role, /openchat, /closechat, /void, and the 允许 button."""

from __future__ import annotations

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from assistant.operations import access
from assistant.records import void
from assistant.user_input import numbers
from handlers.callbacks import resolve
from handlers.context import DocbotContext
from handlers.gate import require
from handlers.render import send_text

COMMANDS = [("allow", "管理员：允许用户使用"), ("deny", "管理员：取消用户权限"),
            ("role", "管理员：设置用户角色"), ("openchat", "管理员：本群开放提问"),
            ("closechat", "管理员：本群仅限授权用户"), ("void", "管理员：作废走访记录或整改 /void 走访 3 原因"),
            ("status", "管理员：运行状态")]
VOID_USAGE = "用法：/void 走访 编号 原因，或 /void 整改 编号 原因，例如 /void 走访 3 重复登记"
ROLE_HELP = "、".join(f"{k}（{v}）" for k, v in access.ROLE_NAMES.items())


async def _is_admin(update: Update, context: DocbotContext) -> bool:
    return await require(update, context, what="使用这个命令")


def _user_id(args: list[str], count: int = 1) -> int | None:
    """The user id a command names, when it has exactly ``count`` arguments ("/allow 3 ²" is not /allow 3)."""
    return numbers.user_id(args[0]) if len(args) == count else None


async def _allow(update: Update, context: DocbotContext, user_id: int) -> None:
    services = context.services
    actor = str(update.effective_user.id)
    await services.in_db(access.allow, user_id, at=services.clock(), actor=actor)
    await send_text(update, f"已允许用户 {user_id} 使用助手。")
    try:
        await context.bot.send_message(user_id, "管理员已为您开通党建文件助手，直接发送问题即可。发送 /help 查看示例。")
    except Forbidden:  # the user blocked the bot or never opened a chat with it
        pass


async def allow_command(update: Update, context: DocbotContext) -> None:
    user_id = _user_id(context.args or [])
    if await _is_admin(update, context):
        if user_id is None:
            await send_text(update, "用法：/allow 用户ID，例如 /allow 123456789")
        else:
            await _allow(update, context, user_id)


async def allow_button(update: Update, context: DocbotContext) -> None:
    user_id = await resolve(update, context)
    if user_id is not None and await _is_admin(update, context):
        await _allow(update, context, user_id)


async def deny_command(update: Update, context: DocbotContext) -> None:
    user_id = _user_id(context.args or [])
    if not await _is_admin(update, context):
        return
    if user_id is None:
        await send_text(update, "用法：/deny 用户ID，例如 /deny 123456789")
        return
    services = context.services
    done = await services.in_db(access.deny, user_id, at=services.clock(), actor=str(update.effective_user.id))
    await send_text(update, f"已取消用户 {user_id} 的使用权限。" if done else f"没有找到用户 {user_id}。")


async def role_command(update: Update, context: DocbotContext) -> None:
    args = context.args or []
    user_id, role = _user_id(args, 2), (args[1].lower() if len(args) > 1 else "")
    if not await _is_admin(update, context):
        return
    if user_id is None or role not in access.ROLES:
        await send_text(update, f"用法：/role 用户ID 角色。角色可选：{ROLE_HELP}。")
        return
    services = context.services
    await services.in_db(access.set_role, user_id, role, at=services.clock(), actor=str(update.effective_user.id))
    await send_text(update, f"已将用户 {user_id} 的角色设为{access.ROLE_NAMES[role]}。")


async def _switch_chat(update: Update, context: DocbotContext, is_open: bool) -> None:
    chat = update.effective_chat
    if not await _is_admin(update, context):
        return
    if chat.type == "private":
        await send_text(update, "请在群里使用这个命令。")
        return
    services = context.services
    await services.in_db(access.set_chat_open, chat.id, is_open, at=services.clock(),
                         actor=str(update.effective_user.id))
    await send_text(update, "本群已开放提问：群里任何人都可以 @我 提问。" if is_open
                    else "本群已关闭开放提问：只有获得授权的用户可以提问。")


async def open_chat(update: Update, context: DocbotContext) -> None:
    await _switch_chat(update, context, True)


async def close_chat(update: Update, context: DocbotContext) -> None:
    await _switch_chat(update, context, False)


async def void_command(update: Update, context: DocbotContext) -> None:

    args = context.args or []
    if not await _is_admin(update, context):
        return
    kind = void.ALIASES.get(args[0].lower()) if args else None
    record_id = numbers.record_id(args[1]) if len(args) > 1 else None
    if kind is None or record_id is None:
        await send_text(update, VOID_USAGE)
        return
    services = context.services
    _, reply = await services.in_db(void.void, kind, record_id, " ".join(args[2:]), now=services.clock(),
                                    actor=str(update.effective_user.id))
    await send_text(update, reply)


async def status_command(update: Update, context: DocbotContext) -> None:
    if await _is_admin(update, context):
        await send_text(update, await context.services.run(context.bot_data["status"]))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("allow", allow_command))
    application.add_handler(CommandHandler("deny", deny_command))
    application.add_handler(CommandHandler("role", role_command))
    application.add_handler(CommandHandler("openchat", open_chat))
    application.add_handler(CommandHandler("closechat", close_chat))
    application.add_handler(CommandHandler("void", void_command))
    application.add_handler(CommandHandler("status", status_command))
    application.add_handler(CallbackQueryHandler(allow_button, pattern=r"^allow:"))
