"""Run every benchmark section and write docs/benchmarks.md.

`python -m bench` runs all; `python -m bench search telegram` runs only the named sections and
keeps the other sections from the previous docs/benchmarks.md.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import re
import sys
import time
from pathlib import Path

import bench

OUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
MARK = "<!-- section: {} -->"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){mem}, "
            f"Python {platform.python_version()}")


def _previous_sections() -> dict[str, str]:
    if not OUT.exists():
        return {}
    text = OUT.read_text(encoding="utf-8")
    parts = re.split(r"<!-- section: (\w+) -->\n", text)
    return {parts[i]: parts[i + 1].rstrip() + "\n" for i in range(1, len(parts) - 1, 2)}


def main(argv: list[str]) -> int:
    names = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__)
                   if m.name.startswith("bench_"))
    wanted = argv or names
    sections = _previous_sections()
    for name in names:
        if name not in wanted:
            continue
        print(f"== bench {name}", flush=True)
        t0 = time.perf_counter()
        sections[name] = importlib.import_module(f"bench.bench_{name}").run().rstrip() + "\n"
        print(f"   done in {time.perf_counter() - t0:.1f} s", flush=True)
    write(sections, [n for n in names if n in wanted], names)
    print(f"wrote {OUT}")
    return 0


def write(sections: dict[str, str], measured: list[str], names: list[str]) -> None:
    """docs/benchmarks.md from ``sections``; the head names the sections this run measured, since the others are
    kept from earlier runs (`python -m bench NAME…`)."""
    others = [n for n in names if n in sections and n not in measured]
    head = ("# Benchmarks\n\nWritten by `make bench` (`python -m bench`); do not edit by hand.\n\n"
            f"Machine: {machine()}.  \nLast run: {time.strftime('%Y-%m-%d %H:%M %Z')}"
            + (f", sections {', '.join(measured)}; {', '.join(others)} kept from earlier runs" if others else "")
            + ".\n\nMedians and 95th percentiles over repeated runs; each section says what it measures.\n\n")
    body = "".join(f"{MARK.format(n)}\n{sections[n]}\n" for n in names if n in sections)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(head + body, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
