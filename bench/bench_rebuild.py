"""`docbot index --rebuild` of the bundled corpus with the default encoder (issue 17: ≤ 10 s, ≤ 500 MB).

Three kinds of run, interleaved so that the machine's load hits them alike, each a fresh `docbot`
process (`python -m bot.cli`, as the installed program):

- ``--rebuild``: the index dropped and rebuilt (jieba words, BM25, coverage, FAISS, the gate's
  calibration); the passage and sentence vectors, keyed by text and model, are kept and checked.
- ``--rebuild --reencode``: the vectors dropped too, every passage encoded again.
- an empty data dir: what a fresh clone's first `docbot index` does (the same work as ``--reencode``).

Wall time on this shared 2-core machine is mostly waiting for a core, so CPU time (user + sys of the
process, all threads) is reported next to it, with the 1-minute load average.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import percentiles

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
KINDS = (("`--rebuild` (vectors kept)", ["--rebuild"]), ("`--rebuild --reencode`", ["--rebuild", "--reencode"]),
         ("empty data dir", []))


def run() -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("DOCBOT_EMBEDDING_MODEL", None)  # the configured default, as `docbot index` runs it
    results: dict[str, list[dict]] = {label: [] for label, _ in KINDS}
    peaks: dict[str, list[float]] = {label: [] for label, _ in KINDS}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        warm = Path(tmp) / "warm"
        _peak_run(warm, [], env)  # byte code, the regex cache and the vectors in place for `--rebuild`
        for i in range(RUNS):
            for label, args in KINDS:
                data = warm if args else Path(tmp) / f"empty-{i}"
                r = _peak_run(data, args, env)
                results[label].append(r)
                peaks[label].append(r["peak"])
                if not args:
                    shutil.rmtree(data, ignore_errors=True)
            loads.append(os.getloadavg()[0])
    rows = []
    for label, _ in KINDS:
        rs = results[label]
        wall, cpu = percentiles([r["wall"] for r in rs]), percentiles([r["cpu"] for r in rs])
        rows.append(f"| {label} | {len(rs)} | {wall[0]:.1f} / {wall[1]:.1f} s | {cpu[0]:.1f} / {cpu[1]:.1f} s | "
                    f"{percentiles(peaks[label])[0]:.0f} / {max(peaks[label]):.0f} MB |")
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
        "text in a folder named by the model id, checked when read) and redoes everything else; encoding "
        "the corpus (`--reencode`, an empty data dir) is the rest of the CPU time. On a quiet 2-core "
        "machine wall time is about CPU time divided by the cores the encoder keeps busy.",
        "",
    ])


_PEAK = ("import resource, subprocess, sys, json; "
         "p = subprocess.run(sys.argv[1:]); "
         "print(json.dumps(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)); sys.exit(p.returncode)")


def _peak_run(data: Path, args: list[str], env: dict) -> dict:
    """One run through a small wrapper process, so the peak RSS is this run's own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "bot.cli", "index", *args], cwd=ROOT,
                          capture_output=True, text=True, env={**env, "DOCBOT_DATA_DIR": str(data)}, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "已就绪" in proc.stdout, proc.stdout + proc.stderr
    return {"wall": wall, "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "peak": float(proc.stdout.strip().splitlines()[-1])}


if __name__ == "__main__":
    print(run())
