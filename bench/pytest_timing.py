"""A pytest plugin for bench_testsuite (`-p bench.pytest_timing`): each test's time (setup + call +
teardown, what pytest-timeout limits) and its timeout, written as JSON lines to $BENCH_TIMING_FILE."""

from __future__ import annotations

import json
import os

_times: dict[str, float] = {}


def pytest_runtest_logreport(report) -> None:
    _times[report.nodeid] = _times.get(report.nodeid, 0.0) + report.duration


def pytest_runtest_logfinish(nodeid, location) -> None:
    path = os.environ.get("BENCH_TIMING_FILE")
    if path and nodeid in _times:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"test": nodeid, "s": _times.pop(nodeid), "timeout": _timeouts.get(nodeid)}) + "\n")


_timeouts: dict[str, float | None] = {}


def pytest_collection_modifyitems(session, config, items) -> None:
    default = float(config.getini("timeout") or 0) or None
    for item in items:
        marker = item.get_closest_marker("timeout")
        _timeouts[item.nodeid] = float(marker.args[0]) if marker and marker.args else default
