"""File loaders: suffix → function(path) -> text. Plain text and markdown here; office formats are
registered by corpus.loaders_office (.docx; it also imports loaders_pdf and loaders_legacy for .pdf,
.doc and .wps). Tables become tab-separated lines the table parser reads.

A loader that cannot read a file raises one of the ``UnreadableDocument`` classes below; each message
is Chinese and says what the user can do, so uploads show it as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Loader = Callable[[Path], str]


class UnreadableDocument(ValueError):
    """The file cannot be read as a document; ``str(err)`` is a Chinese message for the user."""


class EncryptedDocument(UnreadableDocument):
    pass


class MalformedDocument(UnreadableDocument):
    """The container opened but its XML (or other inner format) is broken."""


class ScannedDocument(UnreadableDocument):
    """A PDF whose pages are images: there is no text to read without OCR."""


class ConverterMissing(UnreadableDocument):
    """A legacy format (.doc/.wps) needs LibreOffice, which is not installed."""


_LOADERS: dict[str, Loader] = {}


def register_loader(suffix: str, fn: Loader) -> None:
    """Register (or replace) the loader for a file suffix such as ".docx"."""
    suffix = suffix.lower()
    if not suffix.startswith("."):
        suffix = "." + suffix
    _LOADERS[suffix] = fn



def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_LOADERS))


def loader_for(path: str | Path) -> Loader | None:
    return _LOADERS.get(Path(path).suffix.lower())


def load_text(path: str | Path) -> str:
    """Read a file through its registered loader; ValueError when no loader handles the suffix."""
    fn = loader_for(path)
    if fn is None:
        raise ValueError(f"no loader for {Path(path).suffix!r}")
    return fn(Path(path))


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM, also UTF-16 with BOM), falling back to GB18030 (covers GBK/GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def plain_text(path: Path) -> str:
    text = decode_text(Path(path).read_bytes())
    return text.replace("\r\n", "\n").replace("\r", "\n")


register_loader(".txt", plain_text)
register_loader(".md", plain_text)
