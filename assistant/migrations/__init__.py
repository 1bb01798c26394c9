"""Numbered schema migrations; see assistant/store.py for the numbering scheme."""
