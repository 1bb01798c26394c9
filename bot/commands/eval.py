"""`docbot eval FILE.jsonl`: score a question set — per-kind pass rates, hit@1/hit@3/MRR, negatives.

`docbot eval --each-document DIR`: grade every docK.txt of DIR alone, as the only corpus document,
against its docK.questions.jsonl (format of ../shared/eval/documents), with the strict lead rule;
`--compare-lexical` grades them again with keyword search alone and prints both side by side.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from bot.config import load_settings


def register(sub) -> None:
    p = sub.add_parser(
        "eval", help="用问题集评测回答质量（各类通过率、hit@1/hit@3/MRR）",
        description="逐题提问并评分：lead/unit/table 等类要求答案包含全部 expect；retrieve 类看 anchors "
                    "出现在第几条引文（hit@1、hit@3、MRR）；negative 类要求回答“没有找到”。"
                    "--each-document 目录：目录里每份文件单独作为唯一的文件评测，给出逐文件、逐类的表格。"
                    "每行带 turns 的文件是对话集：逐轮提问并保留上下文，每轮要求包含 expect、不含 absent。",
    )
    p.add_argument("file", nargs="?", help="问题集文件（JSONL，每行一个问题）")
    p.add_argument("--each-document", metavar="DIR", help="逐文件评测：目录中每个 docK.txt 配 docK.questions.jsonl")
    p.add_argument("--compare-lexical", action="store_true",
                   help="与 --each-document 一起用：默认的混合检索与只用关键词检索并排评测（逐文件与合计）")
    p.add_argument("--only", action="append", default=[], metavar="NAME", help="只评测这些文件（如 doc3，可重复）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=run)


def _ask_over(knowledge):
    from assistant.questions.ask import ask as ask_full

    def ask(q):
        return ask_full(q, knowledge)

    def search(q: str, k: int) -> list[str]:
        searcher = knowledge.searcher
        return [h.passage.text for h in searcher.search(q, k)] if searcher is not None else []

    return ask, search


def open_single_document(path: Path, stack: ExitStack, settings=None):
    """(ask, search) over a fresh corpus holding only ``path`` (its own temporary data dir)."""
    from bot.services import build_knowledge

    root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="docbot-eval-")))
    (root / "corpus").mkdir()
    shutil.copy(path, root / "corpus" / path.name)
    base = settings or load_settings()
    # a fresh data dir per document; the model comes from the machine's models dir, built once
    knowledge = build_knowledge(replace(base, corpus_dir=root / "corpus", data_dir=root / "data"))
    return _ask_over(knowledge)


def each_document_scores(directory: Path, only=(), settings=None):
    from assistant.evaluation.question_sets import evaluate_each_document

    with ExitStack() as stack:
        return evaluate_each_document(directory, lambda p: open_single_document(p, stack, settings), only)


def _run_dialogues(path: Path, as_json: bool) -> int:
    """A dialogue set (lines with "turns"): each dialogue from an empty context, carried turn to turn."""
    from assistant.conversation.context import EMPTY
    from assistant.evaluation.dialogues import evaluate_dialogues, load_dialogues
    from assistant.questions.router import Turn, route
    from bot.services import build_knowledge

    try:
        dialogues = load_dialogues(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"用法错误：对话集文件格式不对：{exc}", file=sys.stderr)
        return 2
    knowledge = build_knowledge(load_settings())
    report = evaluate_dialogues(dialogues, lambda: EMPTY, lambda q, ctx: route(Turn(q, knowledge, ctx)))
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else report.format())
    return 0


def run(args) -> int:
    from assistant.evaluation.question_sets import each_to_json, evaluate, format_each, load_questions
    from bot.services import build_knowledge

    if args.each_document:
        directory = Path(args.each_document)
        if not directory.is_dir():
            print(f"用法错误：找不到目录 {directory}", file=sys.stderr)
            return 2
        try:
            scores = each_document_scores(directory, args.only)
            if args.compare_lexical:  # the same documents with keyword search alone (no model)
                lexical = each_document_scores(directory, args.only, replace(load_settings(), embedding_model="none"))
        except (ValueError, UnicodeDecodeError) as exc:
            print(f"用法错误：问题集文件格式不对：{exc}", file=sys.stderr)
            return 2
        if not scores:
            print(f"用法错误：{directory} 中没有 docK.txt + docK.questions.jsonl 文件对", file=sys.stderr)
            return 2
        if args.compare_lexical:
            from assistant.evaluation.compare import compare_to_json, format_compare

            print(json.dumps(compare_to_json(scores, lexical), ensure_ascii=False, indent=1) if args.json
                  else format_compare(scores, lexical))
            return 0
        print(json.dumps(each_to_json(scores), ensure_ascii=False, indent=1) if args.json else format_each(scores))
        return 0
    if not args.file:
        print("用法错误：请给出问题集文件，或用 --each-document 目录", file=sys.stderr)
        return 2
    if args.compare_lexical:
        print("用法错误：--compare-lexical 要与 --each-document 目录一起用", file=sys.stderr)
        return 2
    path = Path(args.file)
    if not path.is_file():
        print(f"用法错误：找不到问题集文件 {path}", file=sys.stderr)
        return 2
    from assistant.evaluation.dialogues import is_dialogue_file

    if is_dialogue_file(path):
        return _run_dialogues(path, args.json)
    try:
        questions = load_questions(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"用法错误：问题集文件格式不对：{exc}", file=sys.stderr)
        return 2
    ask, search = _ask_over(build_knowledge(load_settings()))
    report = evaluate(questions, ask, search)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(report.format())
    return 0
