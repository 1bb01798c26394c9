"""`docbot …` in this process: ``bot.cli.main(argv)`` with its own stdin, stdout, stderr and environment.

A real subprocess costs a Python start and the imports of every command (about a second each on a
loaded machine); the argument parsing, settings and output are the same in-process. A few smoke tests
still start real processes (tests/test_cli.py): the exit code of a real ``python -m bot.cli`` and
which libraries a cold process imports.
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_in_process(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str | None = None,
                   env: dict[str, str | None] | None = None) -> Result:
    """``docbot *args`` as a user runs it; ``env`` adds to (or overrides; None removes) this process's
    environment for the duration of the call only."""
    from bot.cli import main

    out, err = io.StringIO(), io.StringIO()
    with monkeypatch.context() as mp:
        for key, value in (env or {}).items():
            if value is None:
                mp.delenv(key, raising=False)
            else:
                mp.setenv(key, value)
        mp.setattr(sys, "stdin", io.StringIO(stdin or ""))
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors exit 2
                code = exc.code if isinstance(exc.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())
