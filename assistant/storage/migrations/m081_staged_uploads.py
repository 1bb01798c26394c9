"""Upload previews waiting for 确认 (issue 18): in the store, not on one worker's disk, so the 确认
pressed on any worker (or after a restart) finds the text (assistant/documents/uploads.py ``stage``)."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="081_staged_uploads")
def m081_staged_uploads(db):
    db["staged_uploads"].create({"name": str, "text": str, "created_at": str}, pk="name")
