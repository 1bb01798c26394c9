"""Updates of one chat are handled one after another, in the order they arrived; different chats still
run concurrently (up to ``Tuning.concurrency``).

PTB starts a task per update and lets them race: a user's second message could be answered before the
first, and after a restart the replayed backlog raced the user's new messages. Each task here waits for
its chat's turn *before* taking a concurrency slot (asyncio locks wake waiters first come, first
served, and the tasks are started in arrival order), so a chat with many waiting messages holds no
slot the other chats need.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from telegram import Update
from telegram.ext import SimpleUpdateProcessor


class ChatOrderedProcessor(SimpleUpdateProcessor):
    def __init__(self, max_concurrent_updates: int):
        super().__init__(max_concurrent_updates)
        self._turns: dict[int, list] = {}  # chat id → [lock, tasks holding or waiting for it]

    async def process_update(self, update: object, coroutine: Awaitable) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await super().process_update(update, coroutine)
            return
        turn = self._turns.setdefault(chat.id, [asyncio.Lock(), 0])
        turn[1] += 1
        try:
            async with turn[0]:
                await super().process_update(update, coroutine)
        finally:
            turn[1] -= 1
            if not turn[1]:
                del self._turns[chat.id]
