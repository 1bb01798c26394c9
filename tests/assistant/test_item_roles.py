"""Item answers as a new user reads them (issue 19, item 4): "第17项牵头单位是谁，什么时候完成" is one
coherent answer (lead, supporters, deadline, in that order, never a silent lead); units that 参与 are
shown with the document's own word, not as 配合."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import corpus as corpus_package
from assistant.documents.knowledge import Knowledge
from assistant.questions.router import answer
from corpus.library import load_corpus

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval" / "documents"
FIXTURE = ROOT / "tests" / "fixtures" / "eval_documents"

PARTICIPATE = ("流花街道党工委关于开展“红色驿站”共建活动的方案\n"
               "一、工作安排\n1.建设红色驿站，由街道党建办牵头，各社区参与，区委组织部配合，2024年9月底前完成。\n"
               "2.组织志愿服务，由团工委负责，各社区参加。\n")


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    """The bundled corpus, development document 2 (its item 17 lists only 配合 units) and one document
    whose units 参与."""
    uploads = tmp_path_factory.mktemp("uploads")
    shutil.copy((SHARED if SHARED.is_dir() else FIXTURE) / "doc2.txt", uploads / "doc2.txt")
    (uploads / "liuhua.txt").write_text(PARTICIPATE, encoding="utf-8")
    return Knowledge(corpus=load_corpus(corpus_package.BUNDLED_DIR, uploads))


def _blocks(text: str) -> dict[str, list[str]]:
    """Each document's block of a several-document answer, as its lines, by the document's name."""
    out = {}
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if lines and "「" in lines[0]:
            out[lines[0].split(" ")[0]] = lines[1:]
    return out


def test_lead_and_deadline_question_is_one_coherent_answer(knowledge):
    a, _ = answer("第17项牵头单位是谁，什么时候完成", knowledge)
    blocks = _blocks(a.text)
    assert len(blocks) >= 4
    for name, lines in blocks.items():
        text = "\n".join(lines)
        assert "不在该项的责任单位中" not in text, name
        # every block says who leads (or that nobody is named), and the date comes after the roles
        assert any(w in text for w in ("牵头", "没有单独的牵头单位", "未写明该项的责任单位")), name
        when = next(i for i, line in enumerate(lines) if "时限" in line or "时间或期限" in line)
        roles = [i for i, line in enumerate(lines) if line.startswith(("牵头", "配合", "参与", "没有单独", "文件未写明"))]
        assert all(i < when for i in roles), name
    doc2 = next(lines for name, lines in blocks.items() if "政务公开" in name)
    assert doc2[0] == "文件未写明该项的牵头单位" and doc2[1].startswith("配合：")
    supervision = "\n".join(blocks["党内监督工作方案"])
    assert "牵头单位：区纪委" in supervision and "配合：区信访局" in supervision


def test_each_supporting_role_keeps_its_own_word(knowledge):
    a, _ = answer("红色驿站共建活动的方案第1项原文", knowledge)
    assert "参与：各社区" in a.text and "配合：区委组织部" in a.text and "配合：各社区" not in a.text
    a, _ = answer("红色驿站共建活动的方案第1项谁配合", knowledge)
    assert "参与单位：各社区" in a.text and "配合单位：区委组织部" in a.text
    a, _ = answer("红色驿站共建活动的方案第2项谁负责", knowledge)
    assert "参加：各社区" in a.text
    a, _ = answer("越秀工作要点第28项谁配合", knowledge)  # the bundled corpus still says 配合
    assert "配合单位：各街道" in a.text
    a, _ = answer("越秀工作要点第33项谁配合", knowledge)  # "区政协办公室" holds 协办 but is a name
    assert "配合单位：区委办公室、区人大办公室、区政府办公室、区政协办公室" in a.text and "协办：" not in a.text
