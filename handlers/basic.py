"""/start, /help (by role: handlers.menus), /docs."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from assistant.documents.uploads import list_documents
from assistant.questions.examples import help_of
from handlers.context import DocbotContext
from handlers.menus import greeting, help_text
from handlers.render import send_text

COMMANDS = [("start", "开始使用"), ("help", "用法和提问示例"), ("docs", "查看文件库")]


async def start(update: Update, context: DocbotContext) -> None:
    """Two lines: strangers never get here (the gate answers their /start with the permission notice),
    and the full help is one /help away."""
    user = update.effective_user
    await send_text(update, greeting(user.first_name if user else "", context.role or "member"))


async def help_command(update: Update, context: DocbotContext) -> None:
    """By role (member, leader, secretary, admin); strangers may read it too (the gate lets it through)."""
    user = update.effective_user
    await send_text(update, help_text(context.role, context.application.bot_data.get("commands", []),
                                      user.id if user else None, help_of(context.services.knowledge)))


async def docs(update: Update, context: DocbotContext) -> None:
    await send_text(update, list_documents(context.services.knowledge.corpus))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("docs", docs))
