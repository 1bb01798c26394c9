"""/start, /help, /docs."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from assistant.uploads import list_documents
from handlers.context import DocbotContext
from handlers.render import send_text

COMMANDS = [("start", "开始使用"), ("help", "用法和提问示例"), ("docs", "查看文件库")]

HELP = """党建文件助手：直接发送问题即可（群里请 @我 或回复我的消息）。

【问牵头和配合单位】
· 越秀工作要点第17项谁牵头？
· 党内监督工作方案第12项谁牵头谁配合？
【问某个单位的工作】
· 区信访局要配合哪些工作？
· 区委政法委参与了哪些工作？
【问挂点联系】
· 苏佩联系哪个社区？
· 光塔街由哪些区领导挂点联系？
【问频次、期限等内容】
· 民主生活会一年开几次？
· 整改情况要在多长时间内书面报告？
【看条目原文】
· /item 工作要点 17
· 或点答案下方的“原文”按钮

命令：
/ask 问题 — 提问（群里也可用）
/item 文件 条目号 — 查看条目原文
/docs — 查看文件库
管理员：/allow 用户ID、/deny 用户ID、/role 用户ID 角色、/openchat、/closechat、/remove 文件名，发送 .docx/.pdf/.txt/.md 文件可加入文件库。"""


async def start(update: Update, context: DocbotContext) -> None:
    name = update.effective_user.first_name if update.effective_user else ""
    await send_text(update, f"您好，{name}！我是党建文件助手，可以回答关于党建文件的问题，每个答案都注明出处。\n\n" + HELP)


async def help_command(update: Update, context: DocbotContext) -> None:
    await send_text(update, HELP)


async def docs(update: Update, context: DocbotContext) -> None:
    await send_text(update, list_documents(context.services.knowledge.corpus))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("docs", docs))
