"""/start, /help (by role: handlers.menus), /docs."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from assistant.uploads import list_documents
from handlers.context import DocbotContext
from handlers.menus import help_text
from handlers.render import send_text

COMMANDS = [("start", "开始使用"), ("help", "用法和提问示例"), ("docs", "查看文件库")]


async def start(update: Update, context: DocbotContext) -> None:
    user = update.effective_user
    name = user.first_name if user else ""
    text = help_text(context.role, context.application.bot_data.get("commands", []), user.id if user else None)
    await send_text(update, f"您好，{name}！我是党建文件助手，可以回答关于党建文件的问题，每个答案都注明出处。\n\n" + text)


async def help_command(update: Update, context: DocbotContext) -> None:
    """By role (member, leader, secretary, admin); strangers may read it too (the gate lets it through)."""
    user = update.effective_user
    await send_text(update, help_text(context.role, context.application.bot_data.get("commands", []),
                                      user.id if user else None))


async def docs(update: Update, context: DocbotContext) -> None:
    await send_text(update, list_documents(context.services.knowledge.corpus))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("docs", docs))
