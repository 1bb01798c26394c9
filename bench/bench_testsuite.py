"""The test pyramid (issue 17): `make test`'s pytest (everything but the quality gates) and `make eval`'s
(`pytest -m eval`), each in its own process: wall time, pytest's own time, peak RSS of the largest
process, the slowest tests, and the machine's load while it ran. The built-in model is already in the
machine's models dir (`make install` builds it), as on any machine after its first run.

Slow (minutes): `python -m bench testsuite` runs only this section.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = (("make test", []), ("make eval", ["-m", "eval"]))


def _run(args: list[str]) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "pytest", "-p", "no:randomly",
                        "--durations=5", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    out = r.stdout + r.stderr
    summary = re.findall(r"=+ (.*) in ([\d.]+)s", out)
    slowest = re.findall(r"^([\d.]+)s (?:call|setup)\s+(\S+)", out, re.M)
    rss = re.search(r"MAXRSS (\d+)", out)
    return {"wall": wall, "pytest": float(summary[-1][1]) if summary else None,
            "result": summary[-1][0] if summary else f"exit {r.returncode}",
            "peak_mb": int(rss.group(1)) / 1024 if rss else None, "slowest": slowest[:3],
            "load": (load, os.getloadavg()[0])}


def run() -> str:
    lines = ["## Test suite (`make test`, `make eval`)", "",
             "One run each, the pytest commands of the Makefile; peak RSS of the largest process (pytest or a",
             "child it started). Load: 1-minute load average at the start and the end.", "",
             "| target | pytest time | wall | peak RSS | result | load | slowest tests |", "|---|---|---|---|---|---|---|"]
    for name, args in TARGETS:
        m = _run(args)
        slow = "; ".join(f"{t} s {n.split('::')[-1][:40]}" for t, n in m["slowest"])
        lines.append(f"| `{name}` | {m['pytest']:.0f} s | {m['wall']:.0f} s | {m['peak_mb']:.0f} MB | {m['result']} | "
                     f"{m['load'][0]:.1f} → {m['load'][1]:.1f} | {slow} |")
    return "\n".join(lines)
