"""Who gets an answer: group etiquette and access control, checked before any other handler.

In groups the bot reacts only to commands (for it), mentions of it and replies to its messages;
everything else is ignored. Closed by default: a user without a role is refused and told their id,
and admins are notified once with an "允许" button — unless an admin opened the chat for questions.
"""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, filters

from assistant.operations import access
from assistant.storage import store
from handlers.context import DocbotContext
from handlers.render import send_text

log = logging.getLogger(__name__)


class _Addressed(filters.MessageFilter):
    """Private chats; in groups: our commands, mentions of us, replies to our messages."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == "private":
            return True
        bot = message.get_bot()
        name = "@" + (bot.username or "").lower()
        reply = message.reply_to_message
        if reply and reply.from_user and reply.from_user.id == bot.id:
            return True
        kinds = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION, MessageEntity.BOT_COMMAND]
        found = {**message.parse_entities(kinds), **message.parse_caption_entities(kinds)}
        for entity, text in found.items():
            if entity.type == MessageEntity.MENTION and text.lower() == name:
                return True
            if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
                return True
            if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
                return "@" not in text or text.lower().endswith(name)
        return False


ADDRESSED = _Addressed(name="addressed")
# /help: a stranger may read what the bot does. /start is the stranger's first message: it gets the
# permission notice (and the admins hear of them), not the full help.
_PUBLIC = re.compile(r"^/help(@\w+)?(\s|$)")


def strip_mention(message: Message) -> str:
    """The message text without the bot's @mention."""
    text = message.text or ""
    name = message.get_bot().username or ""
    return re.sub(rf"@{re.escape(name)}\b", " ", text, flags=re.I).strip() if name else text.strip()


def refusal(user_id: int) -> str:
    return (f"抱歉，您还没有使用本助手的权限。您的用户 ID：{user_id}\n"
            f"请把这个 ID 发给管理员，管理员发送 /allow {user_id} 即可为您开通。")


async def gate(update: Update, context: DocbotContext) -> None:
    """Group -10 TypeHandler: sets context.role, or refuses and stops further handling."""
    if update.edited_message or update.edited_channel_post:
        raise ApplicationHandlerStop  # answering an edit again would duplicate (or bypass this gate)
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or update.channel_post:
        # No sender (a channel post, an anonymous group admin): nobody whose role could be checked, and
        # PTB's CommandHandler would otherwise take a channel's "/allow 5" as a command. Silence.
        log.info("update %s has no sender; not handled", update.update_id)
        raise ApplicationHandlerStop
    if update.callback_query is None:
        if update.message is None or not ADDRESSED.check_update(update):
            return  # not for us: no handler will answer it either
    services = context.services
    context.role = services.read(access.role_of, user.id, services.admins)
    if context.role is not None:
        return
    if chat.type != "private" and services.read(access.chat_is_open, chat.id):
        return  # an open chat: anyone may ask; role-gated commands still check context.role
    if update.message and _PUBLIC.match(update.message.text or ""):
        return  # /help: a stranger may read what the bot does and how to get access
    if update.callback_query:
        await update.callback_query.answer("您还没有使用权限。")
    await send_text(update, refusal(user.id))
    try:
        first = await services.in_db(access.note_stranger, user.id, at=services.clock(),
                                     name=user.full_name, username=user.username or "")
    except store.StoreUnwritable as err:  # the stranger asked to save nothing: the notice is the whole reply
        log.warning("stranger %s not recorded: %s", user.id, err)
        raise ApplicationHandlerStop from None
    if first:
        who = user.full_name + (f"（@{user.username}）" if user.username else "")
        await notify_admins(context, f"有新用户申请使用助手：{who}，用户 ID：{user.id}。\n"
                                     f"点“允许”为其开通，或发送 /allow {user.id}。", "允许", "allow", user.id,
                            about=user.id)
    raise ApplicationHandlerStop


async def require(update: Update, context: DocbotContext, *roles: str, what: str = "这个操作") -> bool:
    """Admins always pass; otherwise the caller's role must be one of ``roles``."""
    if access.has_role(context.role, *roles):
        return True
    names = "、".join(access.ROLE_NAMES[r] for r in (*roles, "admin"))
    await send_text(update, f"抱歉，只有{names}可以{what}。")
    return False


async def notify_admins(context: DocbotContext, text: str, button: str, action: str, payload, *,
                        about: int | None = None) -> None:
    """Send ``text`` to every admin with one button (``action`` carrying ``payload``).

    ``about`` (a user id): at most one such notification per user and action per day, and it says
    when an admin had removed that user — pressing the button would let them in again.
    """
    services = context.services
    if about is not None:
        if not await services.in_db(access.may_notify, about, action, at=services.clock()):
            return
        if removed := await services.in_db(access.removed_on, about):
            text += f"\n⚠️ 注意：该用户曾于 {removed} 被管理员取消使用权限。"
    for admin in await services.in_db(access.admin_ids, services.admins):
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(
            button, callback_data=services.tokens.issue(action, admin, payload, owner=admin, role="admin"))]])
        try:
            await context.bot.send_message(admin, text, reply_markup=markup)
        except TelegramError:  # one unreachable admin (never started the bot) must not stop the rest
            log.warning("could not notify admin %s", admin, exc_info=True)
