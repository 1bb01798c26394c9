"""One document alone, answered through the whole router with the keyword index (search answers too): the way
the parametrized tables of short real-style snippets ask their questions."""

from __future__ import annotations

from pathlib import Path

from assistant.documents.knowledge import Knowledge
from assistant.questions.answer import Answer
from assistant.questions.router import Turn, route
from corpus.library import Corpus
from corpus.parse import parse_document
from index.searcher import open_searcher


def knowledge_of(text: str, index_dir: Path) -> Knowledge:
    corpus = Corpus(documents=(parse_document(text, "d.txt"),))
    searcher = open_searcher(corpus, index_dir, embedding_model=None)
    return Knowledge(corpus=corpus, searcher_factory=lambda: searcher)


def ask_alone(text: str, question: str, index_dir: Path) -> Answer:
    """The reply to ``question`` over the document ``text`` alone."""
    reply, _ = route(Turn(question, knowledge_of(text, index_dir)))
    return reply
