"""Example questions shown whenever the assistant cannot answer (one list, so every reply agrees)."""

EXAMPLES = (
    "越秀工作要点第17项谁牵头？",
    "监督条例方案第30项的牵头单位和配合单位",
    "区信访局要配合哪些工作？",
    "东湖新村社区由哪位区领导挂点？",
    "苏佩联系哪个社区？",
    "民主生活会一年开几次？",
)
HELP_TEXT = "可以这样问：\n" + "\n".join(f"· {e}" for e in EXAMPLES)
