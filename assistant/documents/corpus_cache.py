"""The parsed corpus kept in the data dir, so a one-shot command (`docbot ask`) answers without parsing.

Parsing the bundled documents costs about 50 ms, and importing the parser (hundreds of regular
expressions compiled at import) about as much again: most of a cold structured `docbot ask`. The
cache file holds the parsed ``Corpus`` under a key that hashes everything the parse depends on: every
file of the corpus and uploads folders (names, bytes), the parser's own source (corpus/*.py and its
data files), the Python version, and for office files the versions of the libraries that read them
(``LOADER_PACKAGES``: a python-docx or pdfplumber upgrade may read the same bytes differently; for
.doc/.wps the LibreOffice binary that converts them). Any change gives another key, and the next call parses again and
replaces the file. A cache that cannot be read or written is never an error: the corpus is parsed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import corpus

if TYPE_CHECKING:
    from corpus.library import Corpus

log = logging.getLogger(__name__)

CACHE_FILE = "corpus.pickle"
# The third-party readers behind each office suffix (corpus/loaders_office.py, loaders_pdf.py,
# loaders_legacy.py): their versions are part of the key when a folder holds such a file.
LOADER_PACKAGES = {".docx": ("python-docx", "lxml"), ".pdf": ("pdfplumber", "pdfminer.six"),
                   ".doc": ("python-docx", "lxml"), ".wps": ("python-docx", "lxml")}
CONVERTED = (".doc", ".wps")  # converted by LibreOffice first
_PARSER_DIR = Path(corpus.__file__).parent


def _files(folder: Path) -> list[Path]:
    """Every visible file of a folder (a superset of what the loaders read: names.toml and unit
    aliases included, so editing them changes the key too)."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:  # missing folder (no uploads yet): nothing to read, nothing to hash
        return []


def _version(package: str) -> str:
    import importlib.metadata as metadata  # email, zipfile, csv…: ~15 ms of a cold start, only for office files

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _converter() -> str:
    """Which LibreOffice converts .doc/.wps: its binary's resolved path and modification time."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        return "absent"
    real = os.path.realpath(found)
    try:
        return f"{real}:{os.stat(real).st_mtime_ns}"
    except OSError:
        return real


def readers(suffixes: set[str]) -> str:
    """The versions of the readers that files with ``suffixes`` go through (empty for plain text)."""
    packages = sorted({p for s in suffixes for p in LOADER_PACKAGES.get(s, ())})
    parts = [f"{p}={_version(p)}" for p in packages]
    if suffixes & set(CONVERTED):
        parts.append(f"soffice={_converter()}")
    return ";".join(parts)


def corpus_key(*folders: Path) -> str:
    """A hash of what parsing ``folders`` depends on: their files' names and bytes, the parser's source,
    and the versions of the libraries that read their office files."""
    h = hashlib.blake2b(digest_size=20)
    h.update(sys.version.encode())
    for path in _files(_PARSER_DIR):  # corpus/*.py, unit_aliases.txt: a changed parser re-parses
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    suffixes: set[str] = set()
    for folder in folders:
        h.update(b"\1" + str(folder).encode() + b"\0")
        for path in _files(Path(folder)):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            suffixes.add(path.suffix.lower())
    h.update(b"\2" + readers(suffixes).encode())
    return h.hexdigest()


def _read(path: Path, key: str) -> Corpus | None:
    try:
        with path.open("rb") as fh:
            if fh.readline().rstrip(b"\n") != key.encode():
                return None
            # The file is written only by this function's caller, in the data dir the program owns (the
            # same trust as its SQLite store); a changed key never gets as far as unpickling.
            return pickle.load(fh)  # noqa: S301
    except FileNotFoundError:
        return None
    except Exception as err:  # noqa: BLE001 - a damaged or stale cache means "parse again", never a crash
        log.info("corpus cache %s unreadable (%s); parsing", path, err)
        return None


def _write(path: Path, key: str, parsed: Corpus) -> None:
    # One temporary name per process (not tempfile: it imports shutil, bz2, lzma and random, a few ms
    # of every cold start); the data dir is the program's own.
    tmp = path.with_name(f".{CACHE_FILE}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            fh.write(key.encode() + b"\n")
            pickle.dump(parsed, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError as err:  # read-only data dir, disk full: answer anyway, parse again next time
        log.info("corpus cache not written to %s: %s", path, err)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def load_corpus_cached(corpus_dir: Path, uploads_dir: Path, cache_dir: Path) -> Corpus:
    """``load_corpus(corpus_dir, uploads_dir)``, from ``cache_dir`` when nothing it depends on changed."""
    key = corpus_key(Path(corpus_dir), Path(uploads_dir))
    path = Path(cache_dir) / CACHE_FILE
    cached = _read(path, key)
    if cached is not None:
        return cached
    from corpus.library import load_corpus  # the parser: imported only when the cache misses

    parsed = load_corpus(corpus_dir, uploads_dir)
    if not parsed.skipped:  # a file skipped this time (LibreOffice busy or missing) must be tried again
        _write(path, key, parsed)
    return parsed
