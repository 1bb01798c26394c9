"""Admin notifications about a user (a /bind request…), at most one per user and kind per day (issue 10)."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="051_admin_notices")
def m051_admin_notices(db):
    db["admin_notices"].create({"telegram_id": int, "kind": str, "at": str}, pk=("telegram_id", "kind"))
