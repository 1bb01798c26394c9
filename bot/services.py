"""Builds the services every channel shares, from Settings. The one place that wires layers."""

from __future__ import annotations

import logging

from assistant.knowledge import Knowledge
from bot.config import Settings

log = logging.getLogger(__name__)


def build_knowledge(settings: Settings, *, search: bool = True) -> Knowledge:
    """Parse the corpus now (fast); the search index is opened on first free-text question."""
    from corpus.library import load_corpus

    corpus = load_corpus(settings.corpus_dir)

    def open_search():
        try:
            from index.searcher import open_searcher
        except ImportError:  # search not installed in this build: structured answers still work
            log.warning("search index unavailable; answering structured questions only")
            return None
        return open_searcher(corpus, settings.index_dir, embedding_model=settings.embedding_model)

    return Knowledge(corpus=corpus, searcher_factory=open_search if search else None)
