"""Durable inbox (issue 10), the store's side: the effects an update's handlers committed (the inbox
itself is its own file, see assistant/inbox.py), and button tokens that outlive the process."""
from assistant.store import MIGRATIONS


@MIGRATIONS(name="050_inbox")
def m050_inbox(db):
    # The result of each store write an update's handlers made, keyed by the order they made them, so a
    # replay returns it instead of writing again (exactly one /rectify row across a kill).
    db["inbox_effects"].create({"update_id": int, "seq": int, "at": str, "result": bytes}, pk=("update_id", "seq"))
    db["inbox_effects"].create_index(["at"])
    # Inline-button tokens (handlers/tokens.py): the payload, the chat, and who may press it.
    db["callback_tokens"].create(
        {"token": str, "action": str, "chat_id": int, "owner": int, "role": str, "payload": str,
         "created_at": str}, pk="token", defaults={"owner": 0, "role": ""})
    db["callback_tokens"].create_index(["created_at"])
