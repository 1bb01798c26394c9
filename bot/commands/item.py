"""`docbot item <文件> <n>`: the full text of one numbered item."""

from __future__ import annotations

import json

from assistant.questions.ask import item_text
from assistant.questions.render import render_json, render_text
from bot.config import load_settings
from bot.services import build_knowledge
from corpus.numerals import chinese_to_int


def register(sub) -> None:
    p = sub.add_parser("item", help="查看某文件第 n 项原文", description="查看某文件第 n 项的原文和责任分工。")
    p.add_argument("document", help="文件名称或简称，例如 越秀工作要点、洛阳")
    p.add_argument("number", help="项号，例如 17 或 十七")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    n = chinese_to_int(args.number.strip().lstrip("第").rstrip("项条"))
    if n is None:
        print(f"用法错误：项号“{args.number}”不是数字", flush=True)
        return 2
    answer = item_text(build_knowledge(load_settings(), search=False), args.document, n)
    print(json.dumps(render_json(answer), ensure_ascii=False) if args.json else render_text(answer))
    return 0
