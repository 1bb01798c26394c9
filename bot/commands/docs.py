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


def search_mode(settings) -> str:
    """How free questions are answered here: lexical always; dense only when the configured model
    was loaded and found to cover the corpus's Chinese (recorded by the index manifest)."""
    from index.embedder import model_id_of
    from index.persist import read_manifest

    model = settings.embedding_model
    entry = read_manifest(settings.index_dir).get("dense", {}).get(model_id_of(model), {})
    if entry.get("usable"):
        dense = f"已启用向量检索（{model}，{entry.get('coverage', '')}）"
    elif entry:
        dense = f"向量模型 {model} 不覆盖中文，未启用（{entry.get('coverage', '')}）"
    else:
        dense = f"向量模型 {model} 尚未加载（离线时无法下载；可设置 DOCBOT_EMBEDDING_MODEL 为本地模型目录后运行 docbot index）"
    return f"检索方式：结构化问答 + 关键词检索（jieba 分词 + 字/双字 BM25）；{dense}。"


def run(args) -> int:
    settings = load_settings()
    knowledge = build_knowledge(settings, search=False)
    if args.json:
        rows = [{"short_name": d.short_name, "title": d.title, "source": d.source, "doc_number": d.doc_number,
                 "date": d.date, "items": len(d.main_items), "tables": len(d.tables)}
                for d in knowledge.corpus.documents]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(docs_answer("docs", knowledge).text)
        print(search_mode(settings))
    return 0
