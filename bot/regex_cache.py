"""Compiled regular expressions kept across processes, like byte code.

The question-understanding modules compile ~320 patterns at import, most of them with CJK character
classes (`[\\u4e00-\\u9fff]`), for which `re` fills a 64K table in Python: about half of a cold
`docbot ask`'s CPU time (docs/benchmarks.md, "Structured answers"). Python keeps no compiled pattern
between processes, so the CLI keeps what `re`'s compiler produces — the pattern's code list, flags and
groups, everything `_sre.compile` takes — in one file per data dir and Python build
(`$DOCBOT_DATA_DIR/cache/regex-<python>.marshal`), and builds each pattern from it without parsing.
The patterns are the same objects `re` would build (`re.Pattern`, same code; tests/test_regex_cache.py).

Only the `docbot` entry point installs it (``bot.cli.main`` called without argv), never a test or a
library import. Anything unexpected — another Python's internals, a bad file, an unwritable dir —
falls back to `re`'s own compiler; the file is rewritten only when a process compiled a pattern the
file did not hold (after a code change), with the patterns that process used.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from array import array
from pathlib import Path

CODE = "I"  # _sre's code words (CODESIZE 4, in the file name)
MAX_PATTERNS = 4000  # a process compiling more (patterns built from data) does not write the file

_state: dict | None = None


def cache_path(cache_dir: Path) -> Path:
    import _sre

    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return Path(cache_dir) / f"regex-{tag}.marshal"


def _load(path: Path) -> dict:
    try:
        data = marshal.loads(path.read_bytes())  # noqa: S302 - our own file in the data dir, as corpus.pickle
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def install(cache_dir: Path) -> bool:
    """Serve `re`'s compiler from the cache file in ``cache_dir`` for the rest of this process; write
    the file at exit when new patterns were compiled. False (nothing changed) when this Python's `re`
    internals are not the expected ones or it is already installed."""
    global _state
    from re import _compiler, _parser

    compile_ = getattr(_compiler, "compile", None)
    if _state is not None or not all(hasattr(m, n) for m, n in ((_compiler, "_code"), (_compiler, "_sre"),
                                                              (_parser, "parse"))):
        return False
    path = cache_path(cache_dir)
    known = _load(path)
    state = _state = {"known": known, "new": {}, "used": {}, "path": path, "original": compile_}
    sre = _compiler._sre

    def cached_compile(p, flags=0):
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return compile_(p, flags)
        key = (p, int(flags))
        entry = known.get(key)
        if entry is not None:
            try:
                pattern = sre.compile(p, entry[0], array(CODE, entry[1]).tolist(), *entry[2:])
                state["used"][key] = entry
                return pattern
            except (TypeError, ValueError, RuntimeError):
                known.pop(key, None)
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry = (int(flags | parsed.state.flags), array(CODE, code).tobytes(), int(parsed.state.groups - 1),
                 groupindex, tuple(indexgroup))
        state["new"][key] = state["used"][key] = known[key] = entry
        return sre.compile(p, entry[0], [int(c) for c in code], *entry[2:])

    _compiler.compile = cached_compile
    atexit.register(save)
    return True


def uninstall() -> None:
    """Back to `re`'s own compiler (tests)."""
    global _state
    if _state is not None:
        from re import _compiler

        _compiler.compile = _state["original"]
        atexit.unregister(save)
        _state = None


def save() -> None:
    """Write the file when this process compiled patterns it did not hold (after a code change): the
    patterns this process used, so patterns no code builds any more leave the file."""
    state = _state
    if state is None or not state["new"] or len(state["used"]) > MAX_PATTERNS:
        return
    path: Path = state["path"]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # one temporary name per process (not tempfile: it imports shutil, bz2, lzma and random, ~8 ms of
        # every cold start); O_EXCL, so a stale file of a dead process with the same pid is never reused
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(state["used"]))
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except (OSError, ValueError):  # a cache: an unwritable data dir only costs the time
        return
    state["new"] = {}
