"""Builds the services every channel shares, from Settings. The one place that wires layers."""

from __future__ import annotations

import logging
import sys
import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from assistant.documents.knowledge import Knowledge
from assistant.records.question_cues import OPERATOR
from assistant.records.rules import load_rules, rules_of
from bot.config import Settings

log = logging.getLogger(__name__)


def build_knowledge(settings: Settings, *, search: bool = True, long_running: bool = False,
                    keywords_first: bool = False) -> Knowledge:
    """Parse the corpus now (fast); the search index is opened on the first free-text question.

    Every channel gets the same searcher: lexical + dense (the configured model, else the built-in
    Chinese one; none with DOCBOT_EMBEDDING_MODEL=none). ``long_running`` (the bot) and
    ``keywords_first`` (the interactive terminal chat): open the index and prepare the dense side in
    background threads right away; free questions asked meanwhile are answered by keyword search at
    once (on an empty data dir, encoding the corpus takes minutes), hybrid ones once it is ready.
    One-shot commands (`docbot ask`, piped `docbot chat`) load the model when the first free question
    needs it and wait for it, so they answer like a ready bot; structured answers never import torch.
    """
    from assistant.documents.corpus_cache import load_corpus_cached

    # Parsed once per corpus change, then read from the data dir: a cold `docbot ask` skips the parser.
    corpus = load_corpus_cached(settings.corpus_dir, settings.uploads_dir, settings.data_dir / "cache")
    background = long_running or keywords_first

    def open_search():
        try:
            from index.searcher import open_searcher
        except ImportError:  # search not installed in this build: structured answers still work
            log.warning("search index unavailable; answering structured questions only")
            return None
        # A terminal (docbot ask/chat) shows progress bars if the model must be built or the corpus
        # encoded on the first free question; the bot logs instead.
        searcher = open_searcher(corpus, settings.index_dir, embedding_model=settings.embedding_model,
                                 models_dir=settings.models_dir, background=background,
                                 progress=not background and sys.stderr.isatty())
        searcher.answer_while_loading = background
        return searcher

    knowledge = Knowledge(corpus=corpus, searcher_factory=open_search if search else None)
    if search and background:
        threading.Thread(target=lambda: knowledge.searcher, name="index-warmup", daemon=True).start()
    return knowledge


def clock() -> datetime:
    """The terminal channels' clock (one place: what a test sets to compare them with Telegram's)."""
    return datetime.now(UTC)


def terminal_services(settings: Settings, db, *, rules=None, documents=None) -> dict:
    """The router's services for the terminal channels (`docbot chat`, `docbot ask`), as ``Turn`` fields:
    the store (None without one), the records rules read from the parsed documents the channel holds
    (``documents``: its corpus with uploads, as the bot's records runtime reads them, handlers/records/runtime.py;
    else the corpus folder) and the caller, the operator at the terminal, who may read the
    records as the records CLI does. Telegram passes the same fields per message (handlers/ask.py)."""
    now = clock().astimezone(ZoneInfo(settings.timezone))  # the local time the bot's records read
    if db is None:
        return {"now": now, "role": OPERATOR}
    return {"db": db, "now": now, "role": OPERATOR,
            "rules": rules if rules is not None else (
                rules_of(documents) if documents is not None else load_rules(settings.corpus_dir))}
