"""Where a docbot question's CPU goes: thread-CPU timers around the synchronous pieces of the hot path,
installed in the bench bot's process (bench/telegram_bot.py ``--pieces``).

Each piece is a plain (non-async) function; its CPU time (``time.thread_time``, so waiting for a core
is not counted) is summed per piece and thread. What is not inside a piece — PTB's dispatch and its
parsing of the answer Telegram returns, httpx, asyncio, the hop to the routing thread and back — is
the event loop thread's total minus the pieces (bench/bench_telegram.py). Two clock reads per call,
about 20 calls per question: well under 1 % of it.
"""

from __future__ import annotations

import functools
import threading
import time

# (label, "module:attribute path"): the pieces, in the order of a question's way through the bot.
PIECES = [
    ("inbox: store the update (receive)", "bot.inbox:Edge.take_batch"),
    ("PTB: parse the update", "telegram:Update.de_json"),
    ("inbox: claim + done (start, finish)", "bot.inbox:Inbox.write"),
    ("gate + role + conversation reads", "handlers.context:Services.read"),
    ("addressed filter", "handlers.gate:ADDRESSED.check_update"),
    ("contact index check", "handlers.context:Services.knowledge_with_store_contacts"),
    ("routing + answering (worker thread)", "handlers.context:Services._route"),
    ("conversation step queued", "handlers.context:Services._save_later"),
    ("conversation steps stored (database thread)", "handlers.context:Services._flush_contexts"),
    ("render: text", "handlers.render:render_text"),
    ("render: buttons (tokens)", "handlers.render:keyboard"),
    ("render: split + HTML", "handlers.render:split_text"),
    ("outbox: parameters", "bot.outbox:storable"),
    ("outbox: write the row (+ button tokens)", "assistant.operations.outbox:write"),
    ("outbox: mark sent", "assistant.operations.outbox:sent"),
    ("PTB: parse the sent message", "telegram:Message.de_json"),
    ("question log line", "handlers.ask:log_question"),
]

_ACC: dict[tuple[str, str], list[float]] = {}
_DEPTH = threading.local()


def _timed(label: str, fn, outermost: bool):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        depth = getattr(_DEPTH, "n", 0)
        if outermost and depth:  # nested inside another piece (Message.de_json inside Update.de_json)
            return fn(*args, **kwargs)
        _DEPTH.n = depth + 1
        started = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _DEPTH.n = depth
            spent = time.thread_time() - started
            key = (label, threading.current_thread().name.rsplit("_", 1)[0])
            acc = _ACC.setdefault(key, [0.0, 0])
            acc[0] += spent
            acc[1] += 1
    return wrapper


def install() -> None:
    """Wrap every piece where its callers look it up (render_text and log_question: in the modules that
    imported them by name)."""
    import importlib

    for label, where in PIECES:
        module_name, path = where.split(":")
        *owners, name = path.split(".")
        owner = importlib.import_module(module_name)
        for part in owners:
            owner = getattr(owner, part)
        raw = owner.__dict__.get(name) if isinstance(owner, type) else None
        if isinstance(raw, classmethod):
            setattr(owner, name, classmethod(_timed(label, raw.__func__, outermost=True)))
        else:
            setattr(owner, name, _timed(label, getattr(owner, name), outermost=True))


def reset() -> None:
    _ACC.clear()


def totals() -> dict[str, list[float]]:
    """{"label [thread]": [CPU seconds, calls]} since the last reset."""
    return {f"{label} [{thread}]": [round(v[0], 4), v[1]] for (label, thread), v in _ACC.items()}
