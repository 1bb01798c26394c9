"""Where the assistant keeps files under the data directory. A leaf module: `bot.config` asks it for
every command, and the upload pipeline (assistant/documents/uploads.py) is much heavier to import."""

from __future__ import annotations

from pathlib import Path

UPLOADS_SUBDIR = "uploads"


def uploads_dir(data_dir: str | Path) -> Path:
    """Where uploaded documents are stored: beside the bundled corpus, on the data volume."""
    return Path(data_dir) / UPLOADS_SUBDIR
