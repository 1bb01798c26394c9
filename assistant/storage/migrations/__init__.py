"""Numbered schema migrations; see assistant/storage/store.py for the numbering scheme."""
