"""Repeat detection (issue 20): a /rectify or note resent by the same person shortly after is found by
who logged it and when (assistant/records/repeats.py)."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="060_repeats")
def m060_repeats(db):
    db["rectifications"].create_index(["logged_by", "created_at"], if_not_exists=True)
    db["visits"].create_index(["logged_by", "logged_at"], if_not_exists=True)
