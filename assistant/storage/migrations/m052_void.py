"""Voided visits (issue 10): kept, with when and why, but out of every list, ledger and reminder.
Rectifications use their status ('void'). See assistant/records/void.py."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="052_void")
def m052_void(db):
    db["visits"].add_column("voided_at", str, not_null_default="")
