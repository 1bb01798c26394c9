"""`docbot eval FILE.jsonl`: score a question set — per-kind pass rates, hit@1/hit@3/MRR, negatives."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.config import load_settings


def register(sub) -> None:
    p = sub.add_parser(
        "eval", help="用问题集评测回答质量（各类通过率、hit@1/hit@3/MRR）",
        description="逐题提问并评分：lead/unit/table 等类要求答案包含全部 expect；retrieve 类看 anchors "
                    "出现在第几条引文（hit@1、hit@3、MRR）；negative 类要求回答“没有找到”。"
                    "每行带 turns 的文件是对话集：逐轮提问并保留上下文，每轮要求包含 expect、不含 absent。",
    )
    p.add_argument("file", help="问题集文件（JSONL，每行一个问题）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=run)


def _load_dialogues(path):
    from assistant.dialogues import load_dialogues

    return load_dialogues(path)


def _run_dialogues(dialogues, knowledge, as_json: bool) -> int:
    from assistant.conversation import EMPTY
    from assistant.dialogues import evaluate_dialogues
    from assistant.router import Turn, route

    report = evaluate_dialogues(dialogues, lambda: EMPTY, lambda q, ctx: route(Turn(q, knowledge, ctx)))
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else report.format())
    return 0


def run(args) -> int:
    from assistant.evaluation import evaluate, load_questions
    from bot.services import build_knowledge

    path = Path(args.file)
    if not path.is_file():
        print(f"用法错误：找不到问题集文件 {path}", file=sys.stderr)
        return 2
    from assistant.dialogues import is_dialogue_file

    try:
        dialogues = is_dialogue_file(path)
        questions = _load_dialogues(path) if dialogues else load_questions(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"用法错误：问题集文件格式不对：{exc}", file=sys.stderr)
        return 2
    knowledge = build_knowledge(load_settings())
    if dialogues:  # a dialogue set (lines with "turns"): context carried from turn to turn
        return _run_dialogues(questions, knowledge, args.json)
    try:
        from assistant.ask import ask as ask_full

        def ask(q):
            return ask_full(q, knowledge)
    except ImportError:  # structured answers not available: score the search path alone
        from assistant.search_answer import answer_free

        def ask(q):
            return answer_free(q, knowledge.searcher)

    def search(q: str, k: int) -> list[str]:
        searcher = knowledge.searcher
        return [h.passage.text for h in searcher.search(q, k)] if searcher is not None else []

    report = evaluate(questions, ask, search)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(report.format())
    return 0
