"""`docbot chat`: a terminal chat over the same core as Telegram (also works with piped stdin)."""

from __future__ import annotations

import sys

from assistant.ask import ask
from assistant.examples import HELP_TEXT
from bot.config import load_settings
from bot.services import build_knowledge

PROMPT = "问> "


def register(sub) -> None:
    p = sub.add_parser("chat", help="终端对话（无 Telegram 时使用）",
                       description="在终端里提问；输入“更多”看下一批结果，输入“退出”结束。")
    p.set_defaults(func=run)


def run(args) -> int:
    interactive = sys.stdin.isatty()
    knowledge = build_knowledge(load_settings())
    if interactive:
        print("党建文件助手（终端模式）。" + HELP_TEXT + "\n输入“更多”看更多结果，“退出”结束。")
    last_more = None
    while True:
        if interactive:
            print(PROMPT, end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            break
        question = line.strip()
        if question in {"退出", "exit", "quit", "q"}:
            break
        if not question and not interactive:
            continue
        if question in {"更多", "更多结果", "more"} and last_more:
            question = last_more
        answer = ask(question, knowledge)
        last_more = answer.more
        print(answer.text + ("\n（输入“更多”查看更多结果）" if answer.more else ""), flush=True)
        if interactive:
            print()
    return 0
