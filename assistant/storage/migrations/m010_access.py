from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="010_access")
def m010_access(db):
    # One row per Telegram user we know of. role: member | secretary | leader | admin.
    # allowed = 0 keeps a refused user on record (so admins can see who asked).
    db["users"].create(
        {"telegram_id": int, "name": str, "username": str, "role": str, "allowed": int,
         "added_at": str, "added_by": str},
        pk="telegram_id",
        defaults={"role": "member", "allowed": 0, "name": "", "username": ""},
    )
    # Chats an admin switched to open question-answering (anyone in them may ask).
    db["chats"].create({"chat_id": int, "open_qa": int, "changed_at": str, "changed_by": str},
                       pk="chat_id", defaults={"open_qa": 0})
