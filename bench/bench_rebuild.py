"""`docbot index --rebuild` of the bundled corpus with the default encoder (issue 17: ≤ 10 s, ≤ 500 MB).

Four kinds of run, interleaved so that the machine's load hits them alike, each a fresh `docbot`
process (`python -m bot.cli`, as the installed program), all with one models dir of the benchmark's own
(the machine's built model linked in; its per-machine vector cache, index.persist, is the benchmark's):

- ``--rebuild``: the index dropped and rebuilt (jieba words, BM25, coverage, FAISS, the gate's
  calibration); the passage and sentence vectors, keyed by text and model, are kept and checked.
- ``--rebuild --reencode``: the vectors dropped too, the per-machine ones with them: every passage encoded.
- an empty data dir on a machine that has indexed these documents before (another checkout, the tests, a
  second bot): the vectors come from the per-machine cache.
- an empty data dir with the per-machine vector cache removed first: a fresh clone's first `docbot index`
  on a machine whose model is built but that has never encoded these documents.

Wall time on this shared 2-core machine is mostly waiting for a core, so CPU time (user + sys of the
process, all threads) is reported next to it, with the 1-minute load average.

``BENCH_BASELINE=/path/to/an/older/checkout`` adds the empty-data-dir run of that tree (its own
`python -m bot.cli`), interleaved with these, as an "old" row.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import percentiles, private_models_dir
from index.persist import SHARED_DIR

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
FRESH_MACHINE = "empty data dir, no per-machine vectors (first index on this machine)"
KINDS = (("`--rebuild` (vectors kept)", ["--rebuild"]), ("`--rebuild --reencode`", ["--rebuild", "--reencode"]),
         ("empty data dir, per-machine vectors cached", []), (FRESH_MACHINE, []))


def run() -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("DOCBOT_EMBEDDING_MODEL", None)  # the configured default, as `docbot index` runs it
    trees = [("", ROOT)]
    if os.environ.get("BENCH_BASELINE"):
        trees.append(("old: ", Path(os.environ["BENCH_BASELINE"]).resolve()))
    # the older tree: only an empty data dir (the target's figure), to keep the run within minutes
    kinds = [(tag + label, args, tree) for tag, tree in trees for label, args in KINDS if not tag or label == FRESH_MACHINE]
    results: dict[str, list[dict]] = {label: [] for label, _, _ in kinds}
    gates: set[str] = set()
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        models = private_models_dir(tmp)
        env["DOCBOT_MODELS_DIR"] = str(models)
        warm = {tree: Path(tmp) / f"warm-{n}" for n, (_, tree) in enumerate(trees)}
        for tree in warm:  # byte code, the regex cache and the vectors in place for `--rebuild`
            _peak_run(warm[tree], [], env, tree)
        for i in range(RUNS):
            for label, args, tree in kinds:
                data = warm[tree] if args else Path(tmp) / f"empty-{i}"
                if label in (FRESH_MACHINE, "old: " + FRESH_MACHINE):
                    shutil.rmtree(models / SHARED_DIR, ignore_errors=True)
                r = _peak_run(data, args, env, tree)
                results[label].append(r)
                if tree == ROOT:
                    gates.add(r["gate"])
                if not args:
                    shutil.rmtree(data, ignore_errors=True)
            loads.append(os.getloadavg()[0])
    rows = []
    for label, _, _ in kinds:
        rs = results[label]
        wall, cpu = percentiles([r["wall"] for r in rs]), percentiles([r["cpu"] for r in rs])
        peaks = [r["peak"] for r in rs]
        rows.append(f"| {label} | {len(rs)} | {wall[0]:.1f} / {wall[1]:.1f} s | {cpu[0]:.1f} / {cpu[1]:.1f} s | "
                    f"{percentiles(peaks)[0]:.0f} / {max(peaks):.0f} MB |")
    return "\n".join([
        "## Rebuilding the index (`docbot index --rebuild`, bundled corpus, default encoder)",
        "",
        "Fresh `docbot` processes, the kinds interleaved; CPU = user + sys of the process (all threads). "
        f"1-minute load average {' → '.join(f'{x:.1f}' for x in loads)} (start, after each round), "
        f"{os.cpu_count()} cores.",
        "",
        "| run | runs | wall median / p95 | CPU median / p95 | peak RSS median / max |",
        "|---|---|---|---|---|",
        *rows,
        "",
        "Target (issue 17): ≤ 10 s and ≤ 500 MB. `--rebuild` keeps the vectors (keyed by passage or sentence "
        "text in a folder named by the model id, checked when read) and redoes everything else. An empty data "
        "dir reads the vectors of passages this machine has encoded before from the per-machine cache under "
        "the models dir (`DOCBOT_MODELS_DIR`/vectors, shared by every data dir like the model itself); "
        "encoding the corpus (`--reencode`, or the first index on a machine) is the rest of the CPU time. Each "
        "text is encoded alone, so a vector depends on the model and the text only, wherever it was encoded. "
        "The passages are encoded while the keyword index is built "
        "(index/warmup.py), on two threads. On a quiet 2-core machine wall time approaches CPU time divided "
        f"by the two cores; on this shared one it is mostly waiting for a core. Dense gate: {', '.join(sorted(gates))}.",
        "",
    ])


_PEAK = ("import resource, subprocess, sys, json; "
         "p = subprocess.run(sys.argv[1:]); "
         "print(json.dumps(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)); sys.exit(p.returncode)")


def _peak_run(data: Path, args: list[str], env: dict, tree: Path = ROOT) -> dict:
    """One run through a small wrapper process, so the peak RSS is this run's own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "bot.cli", "index", *args], cwd=tree,
                          capture_output=True, text=True, check=True,
                          env={**env, "DOCBOT_DATA_DIR": str(data), "PYTHONPATH": str(tree)})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "已就绪" in proc.stdout, proc.stdout + proc.stderr
    gate = re.search(r"向量门槛 ([\d.]+)", proc.stdout)
    return {"wall": wall, "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "peak": float(proc.stdout.strip().splitlines()[-1]), "gate": gate.group(1) if gate else "?"}


if __name__ == "__main__":
    print(run())
