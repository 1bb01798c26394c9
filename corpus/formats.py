"""Every file format the corpus reads, registered: read document files through here.

corpus/loaders.py is the registry (and .txt/.md); the office and PDF formats register themselves when
corpus/loaders_office.py is imported, which this module does. Importing the registry alone stays light
(no python-docx, lxml or pdfplumber), so a cached corpus can be unpickled without them.
"""

from __future__ import annotations

from pathlib import Path

import corpus.loaders_office  # noqa: F401 - registers .docx, .pdf, .doc, .wps
from corpus import loaders


def supported_suffixes() -> tuple[str, ...]:
    return loaders.supported_suffixes()


def load_text(path: str | Path) -> str:
    """A document file's text through its format's loader; ValueError when no loader handles it."""
    return loaders.load_text(path)
