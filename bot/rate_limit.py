"""Flood control per chat: python-telegram-bot's AIORateLimiter keeps its request rates, but when
Telegram answers one chat with 429 (RetryAfter) only that chat waits; the stock limiter pauses every
request of the bot for the whole delay (one chat's retry_after=20 delayed another user's reply ~20 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


class PerChatRateLimiter(AIORateLimiter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chat_waits: dict[int | str, asyncio.Event] = {}

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # noqa: D102
        chat_id = data.get("chat_id")
        if chat_id is None:  # not aimed at a chat (getUpdates, setMyCommands): the stock behaviour
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)
        group = chat_id if (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str) else False
        max_retries = rate_limit_args or self._max_retries
        for attempt in range(max_retries + 1):
            waiting = self._chat_waits.get(chat_id)
            if waiting is not None:
                await waiting.wait()
            try:
                return await self._run_request(chat=True, group=group,
                                               allow_paid_broadcast=data.get("allow_paid_broadcast", False),
                                               callback=callback, args=args, kwargs=kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    raise
                delay = exc._retry_after.total_seconds()  # as PTB's own limiter reads it
                log.info("flood control for chat %s: retrying in %.1f s", chat_id, delay)
                event = self._chat_waits.setdefault(chat_id, asyncio.Event())
                event.clear()
                try:
                    await asyncio.sleep(delay + 0.1)
                finally:
                    event.set()
                    self._chat_waits.pop(chat_id, None)
        return None
