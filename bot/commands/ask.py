"""`docbot ask`: one question (or one per stdin line with `-`), human or JSON output."""

from __future__ import annotations

import io
import json
import os
import sys

from assistant.questions.ask import ask
from assistant.questions.render import render_json, render_text
from assistant.questions.router import build_router
from assistant.records.question_cues import may_be_question
from bot.config import load_settings
from bot.services import build_knowledge, terminal_services


def register(sub) -> None:
    p = sub.add_parser("ask", help="提问并输出答案（带出处）",
                       description="提问并输出答案。问题为 - 时从标准输入逐行读取，每行一个问题。")
    p.add_argument("question", help="问题；- 表示从标准输入逐行读取")
    p.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    p.set_defaults(func=run)


def _replace_unencodable() -> None:
    if hasattr(sys.stdout, "reconfigure"):  # a test's captured stdout is a plain StringIO
        sys.stdout.reconfigure(errors="replace")


def text_stdin() -> io.TextIOBase:
    """Standard input as UTF-8 with undecodable bytes replaced (U+FFFD): a pasted file in GBK or a
    binary by mistake gets an answer per line, never a UnicodeDecodeError traceback. Standard output
    replaces what it cannot encode for the same reason."""
    _replace_unencodable()
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # already text (a test's StringIO)
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace", newline=None)


def clean_arg(text: str) -> str:
    """A command-line argument that was not UTF-8 (Python keeps its bytes as lone surrogates, which
    cannot be printed or stored): the same replacement as stdin."""
    return os.fsencode(text).decode("utf-8", "replace") if any("\udc80" <= c <= "\udcff" for c in text) else text


def _emit(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(render_json(answer), ensure_ascii=False), flush=True)
    else:
        print(render_text(answer), flush=True)


class _Channel:
    """`docbot ask`'s services for the router, as `docbot chat` has them (bot.services.terminal_services).
    The store is opened (sqlite-utils, which imports numpy) only for a question that may be about the
    records; the contact-point table is read through a read-only stdlib connection (StoreContacts.reading)."""

    def __init__(self, settings, knowledge):
        self.settings, self.knowledge, self.router, self._db = settings, knowledge, build_router(), None

    def ask(self, question: str):
        db = None
        if may_be_question(question) and self.settings.db_path.is_file():
            if self._db is None:
                from assistant.storage.store import (
                    open_db,  # sqlite-utils (numpy): only for a records question
                )

                self._db = open_db(self.settings.db_path)
            db = self._db
        return ask(question, self.knowledge, router=self.router, **terminal_services(self.settings, db, documents=self.knowledge.corpus.documents))


def run(args) -> int:
    settings = load_settings()
    knowledge = build_knowledge(settings)
    if settings.db_path.is_file():  # contact points from the store's table (what /assign edits), read only
        from assistant.records.contact_source import StoreContacts

        knowledge = StoreContacts.reading(settings.db_path).knowledge(knowledge)
    channel = _Channel(settings, knowledge)
    if args.question == "-":
        for line in text_stdin():
            question = line.rstrip("\r\n")
            if not question.strip() and not args.json:
                continue
            _emit(channel.ask(question), args.json)
            if not args.json:
                print()
        return 0
    _replace_unencodable()
    _emit(channel.ask(clean_arg(args.question)), args.json)
    return 0
