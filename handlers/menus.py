"""Menus and help by role: what a member, a leader, a secretary and an admin see in Telegram's command
menu (setMyCommands per scope) and in /start and /help.

One table, AUDIENCE, says who each command is for; a command not in it is treated as an admin
command, so a new command never leaks into a member's menu by accident. The default scope (everyone,
strangers included) gets the question commands; each user with a role gets a chat-scoped list, set at
start-up and again whenever the role seen on an update differs from the one the menu was built for.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import Application, MessageHandler, TypeHandler, filters

from assistant.operations import access
from assistant.questions.examples import HELP_TEXT
from handlers.context import DocbotContext
from handlers.gate import refusal

log = logging.getLogger(__name__)
KEY = "menu_roles"

# command → the roles that have it ("all" = everyone, strangers included). Admins have everything.
AUDIENCE: dict[str, tuple[str, ...]] = {
    "start": ("all",), "help": ("all",), "ask": ("all",), "item": ("all",), "docs": ("all",),
    "calendar": ("all",),
    "due": ("leader", "secretary"), "visits": ("leader", "secretary"), "overdue": ("leader", "secretary"),
    "bind": ("member", "leader"), "subscribe": ("member", "leader", "secretary"),
    "visit": ("secretary",), "rectify": ("secretary",), "done": ("secretary",), "rectifications": ("secretary",),
    "export": ("secretary",), "report": ("secretary", "leader"),
}

# The questions themselves come from the documents held (assistant/questions/examples.py); this is the
# part of the help that does not depend on them.
ITEM_HELP = "【看条目原文】\n· /item 文件名 17，或点答案下方的“原文”按钮"

ROLE_HELP = {
    "leader": """【区领导】
· 直接问：“我这个月还有哪些点没去”“我还有哪些整改没办完”
· 每个工作日 09:00 收到当天的提醒汇总（待走访联系点、整改期限、逾期）""",
    "secretary": """【秘书】
· 直接发送走访记录，如“走访记录：王焕清 11月5日到东山街督导，召开座谈会……”，核对后点“确认”保存
· 随口一句也行：“王书记上周五去七中看了看，查阅了三会一课记录”，点“记录”后按同样方式确认
· 发照片时把说明写在图片说明里，照片会附在对应的走访记录上
· 直接问：“还有哪些整改没完成”“王焕清这个月去了哪些地方”“东山街上次督导是什么时候”""",
    "admin": """【管理员】
· /allow、/deny、/role 管理用户；/openchat、/closechat 开放群聊提问；/remove 删除文件；发送 .docx/.pdf/.txt/.md 加入文件库
· /assign 调整区领导联系点；/bind 用户ID 姓名 直接绑定区领导
· /holidays 粘贴国务院办公厅节假日安排通知全文导入（每年 12 月会提醒）；/holidays 撤销 年份 撤销最近一次导入""",
}


def has_command(role: str | None, command: str) -> bool:
    audience = AUDIENCE.get(command, ("admin",))
    return "all" in audience or role == "admin" or (role is not None and role in audience)


def commands_for(role: str | None, commands: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(c, d) for c, d in dict(commands).items() if has_command(role, c)]


def help_text(role: str | None, commands: list[tuple[str, str]], user_id: int | None = None,
              examples: str = HELP_TEXT) -> str:
    """The full help for ``role``; a stranger reads the permission notice (two lines) first."""
    parts = [refusal(user_id)] if role is None and user_id is not None else []
    parts += ["党建文件助手：直接发送问题即可（群里请 @我 或回复我的消息），每个答案都注明出处。", examples,
              ITEM_HELP]
    for r in ("leader", "secretary", "admin"):
        if role == r or (role == "admin" and r != "admin"):
            parts.append(ROLE_HELP[r])
    listing = "\n".join(f"/{c} — {d}" for c, d in commands_for(role, commands))
    parts.append("命令：\n" + listing)
    return "\n\n".join(parts)


def greeting(name: str, role: str) -> str:
    """/start for someone who may ask: a short greeting and where the full help is, not the help itself."""
    return (f"您好，{name}！我是党建文件助手，直接发送问题即可，每个答案都注明出处。\n"
            f"您的身份：{access.ROLE_NAMES.get(role, role)}。发送 /help 查看提问示例和全部命令。")


async def _set(application: Application, role: str | None, chat_id: int | None) -> None:
    commands = [BotCommand(c, d) for c, d in commands_for(role, application.bot_data.get("commands", []))]
    scope = BotCommandScopeDefault() if chat_id is None else BotCommandScopeChat(chat_id)
    try:
        await application.bot.set_my_commands(commands, scope=scope)
    except TelegramError:  # a missing menu must not stop anything else
        log.warning("setMyCommands for %s failed", chat_id or "default", exc_info=True)
        return
    if chat_id is not None:
        application.bot_data.setdefault(KEY, {})[chat_id] = role


def _roles(db, admins: frozenset[int]) -> dict[int, str]:
    rows = {r["telegram_id"]: r["role"] for r in db["users"].rows_where("allowed = 1", select="telegram_id, role")}
    rows.update(dict.fromkeys(admins, "admin"))
    return {uid: role for uid, role in rows.items() if role and role != "member"}


async def publish(application: Application) -> None:
    """Default scope for everyone, then each user with more than the member's commands."""
    services = application.bot_data["services"]
    application.bot_data.setdefault(KEY, {})
    await _set(application, None, None)
    for uid, role in (await services.in_db(_roles, services.admins)).items():
        await _set(application, role, uid)


async def refresh(application: Application, user_id: int, role: str | None) -> None:
    if application.bot_data.get(KEY, {}).get(user_id, "member") != (role or "member"):
        await _set(application, role or "member", user_id)


async def sync(update: Update, context: DocbotContext) -> None:
    """Group -9 (after the gate): a role that changed since the menu was built gets its menu now."""
    user, menus = update.effective_user, context.application.bot_data.get(KEY)
    if menus is None or user is None or update.effective_chat is None or update.effective_chat.type != "private":
        return  # menus not published (no post_init: offline tests), or not a private chat
    known = menus.get(user.id, "member")
    if (context.role or "member") != known:
        await _set(context.application, context.role or "member", user.id)


async def after_role_change(update: Update, context: DocbotContext) -> None:
    """Group 2, after an admin's /allow, /deny or /role (handlers.admin) ran in group 0: the target's menu
    follows the role now stored, without waiting for the target's next message."""
    if context.role != "admin" or context.application.bot_data.get(KEY) is None:
        return
    args = (update.message.text or "").split()[1:]
    if not args or not args[0].isdigit() or len(args[0]) > 15:
        return
    services, user_id = context.services, int(args[0])
    role = await services.in_db(access.role_of, user_id, services.admins)
    await refresh(context.application, user_id, role)


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, sync), group=-9)
    application.add_handler(MessageHandler(filters.Regex(r"^/(allow|deny|role)(@\w+)?\s"), after_role_change), group=2)

