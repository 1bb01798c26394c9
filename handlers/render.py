"""The Telegram renderer: an Answer value as Telegram messages. The text is the answer's plain-text
rendering (assistant/questions/render.py), as HTML with everything escaped and 【…】 in bold, split below
Telegram's 4096-character limit at sentence boundaries; the buttons come from the answer's fields
(choices, cited items, the next page), never from its text."""

from __future__ import annotations

import html
import re

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode

from assistant.questions.answer import Answer
from assistant.questions.render import render_text
from corpus.model import MAIN_PART
from handlers.context import DocbotContext

LIMIT = 4000  # below 4096 (UTF-16 units) with room for the tags
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")
_BOLD = re.compile(r"【(.*?)】", re.S)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def to_html(text: str) -> str:
    """Escape everything, then mark the highlighted sentence (【…】) in bold."""
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _pieces(text: str, limit: int) -> list[str]:
    """Sentences; a sentence longer than the limit is cut into slices that surely fit."""
    size = limit // 5  # worst case: "&" escapes to "&amp;" (5 units); an emoji is 2
    out = []
    for sentence in _SENTENCE_END.split(text):
        if _units(html.escape(sentence, quote=False)) > limit:
            out.extend(sentence[i:i + size] for i in range(0, len(sentence), size))
        elif sentence:
            out.append(sentence)
    return out


def split_text(text: str, limit: int = LIMIT) -> list[str]:
    """Plain-text chunks whose HTML stays within ``limit``; a 【…】 span cut in two stays bold in both."""
    chunks, current = [], ""
    whole = _units(to_html(text)) <= limit - 16  # the usual answer: one message, no sentence-by-sentence sums
    for piece in [text] if whole else _pieces(text, limit - 16):
        if current and _units(to_html(current + piece)) > limit - 16:
            chunks.append(current)
            current = ""
        current += piece
    if current.strip() or not chunks:
        chunks.append(current)
    fixed, is_open = [], False
    for chunk in chunks:
        chunk = ("【" if is_open else "") + chunk
        is_open = chunk.rfind("【") > chunk.rfind("】")
        fixed.append(chunk + ("】" if is_open else ""))
    return [c for c in fixed if c.strip()] or ["（空）"]


def keyboard(answer: Answer, context: DocbotContext, chat_id: int) -> InlineKeyboardMarkup | None:
    """One button per choice (which document?); otherwise 原文 per cited item (up to 3); 更多结果."""
    tokens = context.services.tokens
    rows: list[list[InlineKeyboardButton]] = []
    for choice in answer.choices[:8]:
        rows.append([InlineKeyboardButton(choice.label[:60], callback_data=tokens.issue("ask", chat_id, choice.question))])
    items: dict[tuple[str, int], None] = {}
    if answer.intent != "item_text" and not answer.choices:
        for cite in answer.citations:  # the citation says which item it is: nothing is re-read from text
            if cite.item and cite.part == MAIN_PART:
                items.setdefault((cite.document, cite.item), None)
    shown = list(items)[:3]
    row = [InlineKeyboardButton("原文" if len(shown) == 1 else f"第{n}项原文",
                                callback_data=tokens.issue("item", chat_id, (doc, n))) for doc, n in shown]
    if answer.more is not None:
        page = [answer.more.question, answer.more.offset]
        row.append(InlineKeyboardButton("更多结果", callback_data=tokens.issue("more", chat_id, page)))
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(rows) if rows else None


async def send_text(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Send plain text (escaped, split); the buttons go on the last message."""
    chat = update.effective_chat
    if chat is None:
        return None
    chunks = split_text(text)
    quote = None  # in groups, answer as a reply so it is clear whom it is for
    if update.message and chat.type != "private":
        quote = ReplyParameters(update.message.message_id, allow_sending_without_reply=True)
    sent = None
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        sent = await chat.send_message(
            to_html(chunk), parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
            link_preview_options=NO_PREVIEW, reply_parameters=quote if n == 0 else None)
    return sent


async def send_answer(update: Update, context: DocbotContext, answer: Answer) -> Message | None:
    chat = update.effective_chat
    markup = keyboard(answer, context, chat.id) if chat else None
    return await send_text(update, render_text(answer), markup)
