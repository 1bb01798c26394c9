"""Builds the services every channel shares, from Settings. The one place that wires layers."""

from __future__ import annotations

import logging
import threading

from assistant.knowledge import Knowledge
from bot.config import Settings

log = logging.getLogger(__name__)


def build_knowledge(settings: Settings, *, search: bool = True, long_running: bool = False) -> Knowledge:
    """Parse the corpus now (fast); the search index is opened on the first free-text question.

    ``long_running`` (the bot): open the index in a background thread right away, and load the dense
    model in the background too, so neither start-up nor the first answers wait for them. One-shot
    commands (`docbot ask`) stay lexical and never import torch.
    """
    from corpus.library import load_corpus

    corpus = load_corpus(settings.corpus_dir, settings.uploads_dir)

    def open_search():
        try:
            from index.searcher import open_searcher
        except ImportError:  # search not installed in this build: structured answers still work
            log.warning("search index unavailable; answering structured questions only")
            return None
        return open_searcher(corpus, settings.index_dir, embedding_model=settings.embedding_model,
                             background=long_running)

    knowledge = Knowledge(corpus=corpus, searcher_factory=open_search if search else None)
    if search and long_running:
        threading.Thread(target=lambda: knowledge.searcher, name="index-warmup", daemon=True).start()
    return knowledge
