"""Records and reminders (issue 5): leaders, contact points, bindings, visits, rectifications,
sent reminders and pending confirmations. See assistant/records/."""
from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="020_records")
def m020_records(db):
    # District leaders, seeded from the contact-point table (source = document + row), editable by admins.
    db["leaders"].create({"id": int, "name": str, "source": str, "active": int},
                         pk="id", defaults={"source": "", "active": 1})
    db["leaders"].create_index(["name"], unique=True)
    # kind: street | department | community | org | school (the table's column decides).
    db["contact_points"].create(
        {"id": int, "leader_id": int, "kind": str, "name": str, "active": int},
        pk="id", foreign_keys=[("leader_id", "leaders", "id")], defaults={"active": 1})
    db["contact_points"].create_index(["leader_id", "kind", "name"], unique=True)
    # Leader <-> Telegram account. confirmed = 0 while an admin has not approved a /bind request.
    db["leader_bindings"].create(
        {"telegram_id": int, "leader_id": int, "confirmed": int, "requested_at": str, "confirmed_by": str},
        pk="telegram_id", foreign_keys=[("leader_id", "leaders", "id")], defaults={"confirmed": 0})
    db["visits"].create(
        {"id": int, "leader_id": int, "visit_date": str, "points": str, "methods": str, "findings": str,
         "original": str, "logged_by": int, "logged_at": str},
        pk="id", foreign_keys=[("leader_id", "leaders", "id")])
    db["visits"].create_index(["leader_id", "visit_date"])
    db["visit_points"].create(
        {"visit_id": int, "point_id": int}, pk=("visit_id", "point_id"),
        foreign_keys=[("visit_id", "visits", "id"), ("point_id", "contact_points", "id")])
    # rule: key of the document rule that fixed the deadline ("explicit" when the note gave a date).
    db["rectifications"].create(
        {"id": int, "visit_id": int, "leader_id": int, "unit": str, "issue": str, "notice_date": str,
         "due": str, "rule": str, "citation": str, "status": str, "logged_by": int, "created_at": str,
         "closed_at": str, "closed_by": str, "close_note": str, "original": str},
        pk="id", defaults={"status": "open", "closed_at": "", "closed_by": "", "close_note": "",
                           "citation": "", "original": ""})
    db["rectifications"].create_index(["status", "due"])
    # A reminder's idempotency key is written in the same transaction that marks it sent.
    db["sent_reminders"].create(
        {"key": str, "kind": str, "telegram_id": int, "sent_at": str, "text": str}, pk="key")
    # Parsed notes waiting for 确认 / 修改 / 取消 (kept in the store so a restart loses nothing).
    db["pending_notes"].create(
        {"id": int, "telegram_id": int, "chat_id": int, "original": str, "parsed": str, "created_at": str,
         "status": str}, pk="id", defaults={"status": "pending"})
