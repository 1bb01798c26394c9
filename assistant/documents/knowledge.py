"""What the question-answering core needs: the parsed corpus, and (lazily) a search engine.

The searcher is built on first use by a factory supplied by the composition root, so structured
answers never wait for jieba, BM25 or torch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.text_contacts import contact_index
from assistant.documents.units_index import UnitIndex

if TYPE_CHECKING:
    from corpus.library import Corpus


@dataclass
class Knowledge:
    corpus: Corpus
    searcher_factory: Callable[[], Any] | None = None  # returns an index searcher (see index/)
    _searcher: Any = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def searcher(self) -> Any | None:
        """The search engine, built once on first use (thread-safe); None when none is configured."""
        if self._searcher is None and self.searcher_factory is not None:
            with self._lock:
                if self._searcher is None:
                    self._searcher = self.searcher_factory()
        return self._searcher

    @cached_property
    def units(self) -> UnitIndex:
        """Unit → duties across the corpus, compared through the alias file."""
        return UnitIndex(self.corpus.documents, self.corpus.units)

    @cached_property
    def contacts(self) -> ContactIndex:
        return contact_index(self.corpus.documents)
