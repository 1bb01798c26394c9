"""`docbot chat`: a terminal chat over the same core as Telegram (also works with piped stdin).

The conversation keeps its context like a Telegram chat does: "那第18项呢", "他还联系哪些" and "更多"
continue the previous answer. ``--json`` prints one JSON object per input line (the schema of
`docbot ask --json`), which is how dialogues are tested and evaluated.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

from bot.config import load_settings

PROMPT = "问> "
PREPARING = "（语义检索正在后台准备，第一次约需十几秒到一分钟；准备好之前，自由提问先按关键词检索回答。）"
QUIT = {"退出", "exit", "quit", "q"}


def register(sub) -> None:
    p = sub.add_parser("chat", help="终端对话（无 Telegram 时使用）",
                       description="在终端里提问，可以接着追问（“那第18项呢”“原文呢”“他还联系哪些”）；输入“更多”看下一批结果，"
                                   "输入“退出”结束。")
    p.add_argument("--json", action="store_true", help="每行输入输出一行 JSON（与 ask --json 相同），保留上下文")
    p.set_defaults(func=run)


def run(args) -> int:
    # Imported here, not at the top: `docbot` builds every sub-command's parser, and a cold structured
    # `docbot ask` must not pay for the store (sqlite-utils pulls numpy) or the router it does not use.
    from assistant.conversation.context import EMPTY
    from assistant.questions.examples import help_of
    from assistant.questions.render import render_json, render_text
    from assistant.questions.router import Turn, build_router
    from assistant.records.contact_source import StoreContacts
    from bot import services as channel
    from bot.commands.ask import text_stdin
    from bot.services import build_knowledge, terminal_services

    as_json = getattr(args, "json", False)
    interactive = sys.stdin.isatty() and not as_json
    stdin = text_stdin()
    settings = load_settings()
    # At a terminal, free questions do not wait for the dense side (minutes on an empty data dir): keyword
    # search answers at once and says so once. Piped input and --json keep answering like the bot when ready.
    knowledge = build_knowledge(settings, keywords_first=interactive)
    told = False
    if interactive:
        print("党建文件助手（终端模式）。" + help_of(knowledge) + "\n可以接着追问；输入“更多”看更多结果，“退出”结束。")
    context, last = EMPTY, None
    ttl = timedelta(minutes=settings.context_minutes)
    contacts = StoreContacts.at(settings.db_path)
    router, rules = build_router(), terminal_services(settings, contacts.db, documents=knowledge.corpus.documents).get("rules")
    while True:
        if interactive:
            print(PROMPT, end="", flush=True)
        line = stdin.readline()
        if not line:
            break
        question = line.strip()
        if question in QUIT and not as_json:
            break
        if not question and not interactive and not as_json:
            continue  # --json answers every line (an empty one with the usual Chinese reply), as ask --json - does
        now = channel.clock()
        if last is not None and now - last > ttl:
            context = EMPTY  # the same expiry as a Telegram conversation
        services = terminal_services(settings, contacts.db, rules=rules)
        answer, context = router.route(Turn(question, contacts.knowledge(knowledge), context, **services))
        last = now
        if as_json:
            print(json.dumps(render_json(answer), ensure_ascii=False), flush=True)
            continue
        print(render_text(answer) + ("\n（输入“更多”查看更多结果）" if answer.more else ""), flush=True)
        if interactive and not told and _preparing(knowledge):
            print(PREPARING, flush=True)
            told = True
        if interactive:
            print()
    return 0


def _preparing(knowledge) -> bool:
    """The searcher is open (never opened here: a structured answer does not need it) and its dense side
    is still being prepared."""
    searcher = knowledge._searcher
    return searcher is not None and getattr(searcher, "dense_preparing", False)
