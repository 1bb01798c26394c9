"""Small helpers shared by the benchmark sections."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(median, p95) of samples."""
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return statistics.median(s), p95


def time_calls(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall time of each call in milliseconds."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def private_models_dir(tmp: str | Path) -> Path:
    """A models dir for one benchmark run: the machine's built models linked in, but its own per-machine
    vector cache (index.persist.SHARED_DIR), which the benchmark empties without touching the user's."""
    from bot.config import load_settings
    from index.persist import SHARED_DIR

    real, own = load_settings().models_dir, Path(tmp) / "bench-models"
    own.mkdir(parents=True, exist_ok=True)
    for entry in real.iterdir() if real.is_dir() else ():
        if entry.name != SHARED_DIR and not (own / entry.name).exists():
            (own / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    return own
