"""`docbot docs`: the documents in the corpus with their item counts."""

from __future__ import annotations

import json

from assistant.ask import docs_answer
from bot.config import load_settings
from bot.services import build_knowledge


def register(sub) -> None:
    p = sub.add_parser("docs", help="列出收录的文件及条目数", description="列出收录的文件、简称、文号和条目数。")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    knowledge = build_knowledge(load_settings(), search=False)
    if args.json:
        rows = [{"short_name": d.short_name, "title": d.title, "source": d.source, "doc_number": d.doc_number,
                 "date": d.date, "items": len(d.main_items), "tables": len(d.tables)}
                for d in knowledge.corpus.documents]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(docs_answer("docs", knowledge).text)
    return 0
