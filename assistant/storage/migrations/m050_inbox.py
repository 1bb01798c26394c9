"""Durable inbox (issue 10), the store's side: the effects an update's handlers committed (the inbox
itself is its own file, see assistant/operations/inbox.py)."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="050_inbox")
def m050_inbox(db):
    # The result of each store write an update's handlers made, keyed by the function and how many times
    # the update had called it, so a replay returns it instead of writing again (one /rectify row across
    # a kill).
    db["inbox_effects"].create({"update_id": int, "fn": str, "seq": int, "at": str, "result": bytes},
                               pk=("update_id", "fn", "seq"))
    db["inbox_effects"].create_index(["at"])
