"""Reminder digests handed to the outbox (issue 20): a claimed digest is ``queued`` once its messages
are in the outbox; one claimed and not queued (a kill in between) is handed over again at the next tick
(assistant/records/state.py). Rows from before were sent the old way: queued."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="080_digest_handoff")
def m080_digest_handoff(db):
    db["sent_reminders"].add_column("queued", int, not_null_default=1)
