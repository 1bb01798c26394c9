"""The test pyramid (issue 17): `make test`'s pytest (everything but the quality gates) and `make eval`'s
(`pytest -m eval`), each in its own process: wall time, pytest's own time, peak RSS of the largest
process, the slowest tests, and the machine's load while it ran. The built-in model is already in the
machine's models dir (`make install` builds it), as on any machine after its first run.

Slow (minutes): `python -m bench testsuite` runs only this section.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = (("make test", []), ("make eval", ["-m", "eval"]))
# A fresh clone's `.ci/run` (venv, `make install` with the model build, `make test`, `make eval`) is not
# rerun by this section (it needs a clean checkout and a network-less wheel cache): its last figures.
FRESH_CLONE = ("Fresh clone, `.ci/run` (the newcomer's path: install, `make test`, `make eval`), 7 December at load "
               "2–4: `make test` 2530 passed in 208 s, `make eval` 7 passed in 41 s, the whole `.ci/run` 6 min 13 s.")


def _timings(path: Path) -> list[dict]:
    """Each test's time (setup + call + teardown) and timeout, slowest first (bench/pytest_timing.py)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    return sorted(rows, key=lambda r: -r["s"])


def _run(args: list[str]) -> dict:
    timing = Path(tempfile.mkstemp(prefix="bench-timing-", suffix=".jsonl")[1])
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT),
           "BENCH_TIMING_FILE": str(timing)}
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "pytest", "-p", "no:randomly",
                        "-p", "bench.pytest_timing", "--durations=30", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    out = r.stdout + r.stderr
    # "=== 2538 passed, 7 deselected in 338.71s (0:05:38) ===", or without the rules under -q
    summary = re.findall(r"(?m)^=*\s*(\d+ (?:passed|failed|error|skipped|deselected).*?) in ([\d.]+)s", out)
    rss = re.search(r"MAXRSS (\d+)", out)
    tests = _timings(timing)
    timing.unlink(missing_ok=True)
    if not summary:  # no summary line: pytest itself failed; say how it ended instead of a figure
        print(out[-3000:], file=sys.stderr)
    return {"tests": tests, "wall": wall, "pytest": float(summary[-1][1]) if summary else float("nan"),
            "result": summary[-1][0] if summary else f"exit {r.returncode}",
            "peak_mb": int(rss.group(1)) / 1024 if rss else float("nan"),
            "load": (load, os.getloadavg()[0])}


def _closest(tests: list[dict]) -> str:
    """The test closest to its timeout, as time × 3 against the timeout (the standard: no test within 3×)."""
    timed = [t for t in tests if t["timeout"]]
    if not timed:
        return "–"
    t = max(timed, key=lambda r: r["s"] / r["timeout"])
    verdict = "ok" if t["s"] * 3 < t["timeout"] else "**within 3×**"
    return f"{t['s']:.0f} s × 3 vs {t['timeout']:.0f} s ({verdict}): {t['test'].split('::')[-1][:40]}"


def run() -> str:
    lines = ["## Test suite (`make test`, `make eval`)", "",
             "One run each, the pytest commands of the Makefile; peak RSS of the largest process (pytest or a",
             "child it started). Load: 1-minute load average at the start and the end. A test's time is its",
             "setup + call + teardown (what pytest-timeout limits); \"closest to its timeout\" compares three",
             "times that with the test's timeout (the standard: no test within 3×).", "",
             "| target | pytest time | wall | peak RSS | result | load | tests > 5 s | closest to its timeout "
             "| slowest tests |", "|---|---|---|---|---|---|---|---|---|"]
    for name, args in TARGETS:
        m = _run(args)
        slow = "; ".join(f"{t['s']:.1f} s {t['test'].split('::')[-1][:40]}" for t in m["tests"][:3])
        over5 = sum(t["s"] > 5 for t in m["tests"])
        lines.append(f"| `{name}` | {m['pytest']:.0f} s | {m['wall']:.0f} s | {m['peak_mb']:.0f} MB | {m['result']} | "
                     f"{m['load'][0]:.1f} → {m['load'][1]:.1f} | {over5} | {_closest(m['tests'])} | {slow} |")
    load = os.getloadavg()[0]
    lines += ["", f"{FRESH_CLONE} In this checkout (table above) the 1-minute load average was {load:.1f} at the "
              "end: wall times follow the load roughly linearly, peak memory does not.", ""]
    return "\n".join(lines)
