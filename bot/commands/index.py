"""`docbot index`: build or refresh the search index (only changed documents are redone)."""

from __future__ import annotations

import sys
import time

from bot.config import load_settings


def register(sub) -> None:
    p = sub.add_parser(
        "index", help="建立或更新检索索引（只重建有变化的文件）",
        description="解析文件、分词、建立 BM25 索引；配置了覆盖中文的向量模型（DOCBOT_EMBEDDING_MODEL）时"
                    "同时计算段落向量。索引保存在数据目录的 index/ 下，文件或模型变化时只重建变化的部分。",
    )
    p.add_argument("--rebuild", action="store_true",
                   help="删除现有索引后全部重建（内容未变的段落沿用已算好的向量；连向量一起重算用 --reencode）")
    p.add_argument("--reencode", action="store_true", help="与 --rebuild 同用：同时删除段落向量缓存（含本机各数据目录共用的向量缓存），全部重新编码")
    p.add_argument("--no-dense", action="store_true", help="只建关键词索引，不加载向量模型")
    p.set_defaults(func=run)


def run(args) -> int:
    from corpus.library import load_corpus
    from index.persist import clear_index, clear_shared
    from index.searcher import open_searcher

    settings = load_settings()
    root = settings.index_dir
    if args.rebuild or args.reencode:
        clear_index(root, keep_vectors=not args.reencode)
    if args.reencode:
        clear_shared(settings.models_dir)
    t0 = time.perf_counter()
    corpus = load_corpus(settings.corpus_dir, settings.uploads_dir)
    searcher = open_searcher(corpus, root, embedding_model=None if args.no_dense else settings.embedding_model,
                             models_dir=settings.models_dir, progress=sys.stderr.isatty(), dense_next=not args.no_dense)
    lexical_s = time.perf_counter() - t0
    print(f"关键词索引：{len(searcher.passages)} 段，来自 {len(searcher.documents)} 份文件，用时 {lexical_s:.1f} 秒")
    if not args.no_dense and settings.embedding_model:
        try:
            searcher.load_dense(progress=sys.stderr.isatty())
        except Exception as exc:  # offline, missing or broken model: lexical search still works
            print(f"向量模型 {settings.embedding_model} 无法加载：{exc}\n将只使用关键词检索与结构化问答。")
        else:
            print(f"向量检索：{searcher.dense_status}")
    print(f"索引目录：{root}（总用时 {time.perf_counter() - t0:.1f} 秒）")
    return 0
