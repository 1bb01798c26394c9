"""Hand-built documents (real snippets from the bundled files) and a deterministic fake embedder."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from corpus.model import Document, Item, Paragraph, Row, Table, Units

LONG_ITEM = (
    "加强党内监督。各级党组织要把日常监督作为重要工作。"
    "整改单位在接到整改通知书之日起1个月内，须向领导小组书面报告整改落实情况。"
    "对上级组织、巡察移交的问题线索，要在3个月内反馈办理情况。"
    "述责述廉报告载入廉政档案，作为考核评价的重要依据。"
    "谈话记录和函询回复要存档备查，防止走过场。" * 2
    + "（区纪委牵头负责，区委组织部配合）"
)


def yuexiu() -> Document:
    return Document(
        source="yuexiu.txt", title="2018年越秀区加强和规范党内政治生活工作要点", short_name="越秀工作要点",
        items=(
            Item(1, "严格落实“三会一课”制度。",
                 "严格落实“三会一课”制度。党支部每季度召开1次党员大会，每月召开1次支委会。（区委组织部牵头负责）",
                 Units(lead=("区委组织部",), raw="区委组织部牵头负责"), section="一、严肃党的组织生活"),
            Item(2, "加强党内监督。", LONG_ITEM, Units(lead=("区纪委",), cooperate=("区委组织部",)),
                 section="二、强化监督"),
        ),
        paragraphs=(
            Paragraph("检查考核工作安排在2018年12月下旬至2019年1月下旬进行。", section="附件2", part="附件2", number=1),
            Paragraph("考核得分60分（不含）以下的为“不合格”。", section="附件2", part="附件2", number=2),
        ),
        tables=(
            Table("区领导挂点联系表", ("区领导", "街道", "社区"),
                  (Row(1, (("区领导", "苏佩"), ("街道", "北京街"), ("社区", "都府社区"))),
                   Row(2, (("区领导", "陈灏"), ("街道", "矿泉街"), ("社区", ""))),),
                  part="附件1"),
        ),
    )


def luoyang() -> Document:
    return Document(
        source="luoyang.txt", title="中共洛阳市委关于加强和改进全市机关党的建设的实施意见", short_name="洛阳机关党建意见",
        items=(
            Item(6, "严肃党内政治生活。", "严肃党内政治生活。党组(党委)领导班子每年至少召开1次民主生活会,坚持“兰考标准”。",
                 section="(二)严肃党内政治生活"),
            Item(9, "加强理论武装。", "加强理论武装。每季度组织开展1次“河洛清风大讲堂”,中心组成员每年撰写学习体会不少于2篇。",
                 section="(三)强化理论武装"),
            Item(40, "保障工作经费。", "保障工作经费。市直机关党建工作经费纳入本级财政预算,并逐年提高。",
                 section="(十)加强保障"),
        ),
    )


@dataclass(frozen=True)
class FakeCorpus:
    documents: tuple[Document, ...]


def corpus(*docs: Document) -> FakeCorpus:
    return FakeCorpus(docs or (yuexiu(), luoyang()))


@dataclass
class HashEmbedder:
    """Bag of character bigrams hashed into 256 dims: similar wording → similar vectors."""

    model_id: str = "fake/hash-bigrams"
    unk: float = 0.0
    calls: list[int] = field(default_factory=list)

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))  # passage batches only: what the vector cache should save
        return self.encode_query(texts)

    def encode_query(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, t in enumerate(texts):
            for a, b in zip(t, t[1:], strict=False):
                out[row, zlib.crc32((a + b).encode()) % 256] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def unk_share(self, texts: list[str]) -> tuple[float, float]:
        return self.unk, 0.0
