"""Conversation context (issue 9): what a follow-up ("那第18项呢", "他还联系哪些", "更多") refers to."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="040_conversation")
def m040_conversation(db):
    # The last answer's context per chat and user (never shared between users); expires by updated_at.
    db["conversation_context"].create(
        {"chat_id": int, "user_id": int, "context": str, "updated_at": str}, pk=("chat_id", "user_id"))
    # The context of each answer message the bot sent in a group, so a reply to that message continues
    # that answer's conversation whoever replies. Old rows are pruned when written.
    db["answer_context"].create(
        {"chat_id": int, "message_id": int, "context": str, "updated_at": str}, pk=("chat_id", "message_id"))
    db["answer_context"].create_index(["updated_at"])
