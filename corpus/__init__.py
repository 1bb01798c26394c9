"""Documents (data) and their parsing into a structured model. See corpus/model.py."""

from pathlib import Path

BUNDLED_DIR = Path(__file__).parent / "documents"
UNIT_ALIASES_FILE = Path(__file__).parent / "unit_aliases.txt"
