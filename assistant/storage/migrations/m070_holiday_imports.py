"""Holiday imports that can be undone (issue 20, item 6): one row per import with the calendar rows it
replaced, so `docbot holidays --undo YEAR` (and /holidays 撤销 YEAR) puts them back. See
assistant/records/holiday_store.py."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="070_holiday_imports")
def m070_holiday_imports(db):
    # replaced: JSON list of the `holidays` rows the import deleted (its year's, and any other year's
    # rows for the same days, e.g. last year's notice announcing 1 January). undone_at: "" while in force.
    db["holiday_imports"].create(
        {"id": int, "year": int, "imported_at": str, "actor": str, "days": int, "replaced": str,
         "undone_at": str, "undone_by": str}, pk="id", not_null={"year", "imported_at"},
        defaults={"undone_at": "", "undone_by": ""})
    db["holiday_imports"].create_index(["year"])
