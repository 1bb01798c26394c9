"""Admins add documents by sending a file (preview, then 确认) and remove them with /remove.

Uploaded documents are stored in the uploads directory under the data directory (assistant.documents.uploads);
the bundled corpus is never written to."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from assistant.documents import uploads
from assistant.operations.data_dir import uploads_dir
from handlers import tokens
from handlers.callbacks import resolve
from handlers.context import DocbotContext
from handlers.gate import require
from handlers.render import send_text

COMMANDS = [("remove", "管理员：从文件库删除文件")]


def _buttons(context: DocbotContext, update: Update, action: str, payload, label: str,
             cancel=True) -> InlineKeyboardMarkup:
    """For the admin who asked only, and only while they are an admin (checked at the press)."""
    def issue(act: str, data) -> str:
        return context.services.tokens.issue(act, update.effective_chat.id, data,
                                             owner=update.effective_user.id, role="admin")

    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=issue(action, payload)),
                                  InlineKeyboardButton("取消", callback_data=issue("cancel", cancel))]])


async def _admin_only(update: Update, context: DocbotContext) -> bool:
    return await require(update, context, what="管理文件库")


async def on_document(update: Update, context: DocbotContext) -> None:
    document, services = update.message.document, context.services
    if not await _admin_only(update, context):
        return
    if (document.file_size or 0) > uploads.MAX_BYTES:  # refuse before downloading it
        await send_text(update, f"文件太大，上限为 {uploads.MAX_BYTES // 1024 // 1024} MB。")
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    taken = {doc.source for doc in services.knowledge.corpus.documents}
    try:
        found = await services.run(uploads.preview, document.file_name or "upload", data,
                                   uploads_dir(services.data_dir), taken)
    except uploads.UploadError as err:
        await send_text(update, f"无法加入文件库：{err}")
        return
    # In the store until 确认 or 取消: the button outlives a restart (its token is stored too) and works on
    # any worker; a full or read-only store raises StoreUnwritable ("暂时无法保存").
    staged = await services.in_db(uploads.stage, found, at=services.clock())
    markup = _buttons(context, update, "upload", staged, "确认", cancel=staged)
    await send_text(update, f"识别结果：\n{found.summary()}\n\n确认加入文件库吗？", markup)


async def _confirmed(update: Update, context: DocbotContext, change, done) -> None:
    """Shared tail of both confirmations: admin check, spend the button, change the corpus in the
    database thread, reload the knowledge, report. ``change(services, payload)`` raises UploadError."""
    payload, services = await resolve(update, context), context.services
    if payload is None or not await _admin_only(update, context):
        return
    services.tokens.discard(update.callback_query.data)
    try:
        await services.in_db(change, uploads_dir(services.data_dir), payload, at=services.clock(),
                             actor=str(update.effective_user.id))
    except uploads.UploadError as err:
        await send_text(update, str(err))
        return
    await services.refresh_knowledge()
    await send_text(update, done(payload))


async def confirm_upload(update: Update, context: DocbotContext) -> None:
    await _confirmed(update, context, uploads.add_staged,
                     lambda staged: f"已加入文件库：{staged['short_name']}（{staged.get('sent_name') or staged['file_name']}）。"
                                    "发送 /docs 查看。")


async def remove_command(update: Update, context: DocbotContext) -> None:
    name, services = " ".join(context.args or []), context.services
    if not await _admin_only(update, context):
        return
    try:
        doc = uploads.find_document(services.knowledge.corpus, uploads_dir(services.data_dir), name)
    except uploads.UploadError as err:
        await send_text(update, str(err) if name else "用法：/remove 文件简称或文件名")
        return
    markup = _buttons(context, update, "remove", doc.source, "确认删除")
    await send_text(update, f"确定从文件库删除“{doc.short_name}”（{doc.source}）吗？", markup)


async def confirm_remove(update: Update, context: DocbotContext) -> None:
    await _confirmed(update, context, uploads.remove, lambda source: f"已从文件库删除 {source}。")


async def cancel(update: Update, context: DocbotContext) -> None:
    if (payload := await resolve(update, context)) is not None:
        context.services.tokens.discard(update.callback_query.data)
        if isinstance(payload, dict) and "staged" in payload:
            await context.services.in_db(uploads.discard_staged, uploads_dir(context.services.data_dir), payload)
        await send_text(update, "已取消，文件库没有变化。")


async def on_startup(application: Application) -> None:
    """Staged previews whose buttons have expired (handlers/tokens.py KEEP) are forgotten."""
    services = application.bot_data["services"]
    await services.in_db(uploads.prune_staged, uploads_dir(services.data_dir), services.clock(), tokens.KEEP)


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
    application.add_handler(CommandHandler("remove", remove_command))
    application.add_handler(CallbackQueryHandler(confirm_upload, pattern=r"^upload:"))
    application.add_handler(CallbackQueryHandler(confirm_remove, pattern=r"^remove:"))
    application.add_handler(CallbackQueryHandler(cancel, pattern=r"^cancel:"))
