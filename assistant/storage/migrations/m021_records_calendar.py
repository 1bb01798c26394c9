"""Records, second step (issue 11): the admin-maintained holiday calendar, unit subscriptions to the
obligations calendar, and photos attached to visits. See assistant/records/holidays.py, obligations.py."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="021_records_calendar")
def m021_records_calendar(db):
    # One row per day an imported State Council notice names: off = 1 for a holiday, 0 for an adjusted
    # working day (调休上班). A year with any row is "imported" and overrides the chinese_calendar package.
    db["holidays"].create(
        {"day": str, "year": int, "off": int, "name": str, "imported_at": str, "actor": str}, pk="day")
    db["holidays"].create_index(["year"])
    # A unit's contact subscribes to that unit's obligations (the calendar), reminded like a leader.
    db["unit_subscriptions"].create(
        {"telegram_id": int, "unit": str, "created_at": str}, pk=("telegram_id", "unit"))
    # Telegram file ids of photos sent with a caption that belongs to a visit note.
    db["visit_photos"].create(
        {"id": int, "visit_id": int, "pending_id": int, "file_id": str, "caption": str, "added_at": str},
        pk="id")
    db["visit_photos"].create_index(["visit_id"])
    db["visit_photos"].create_index(["pending_id"])
