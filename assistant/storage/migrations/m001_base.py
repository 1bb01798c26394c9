from assistant.storage.store import MIGRATIONS


@MIGRATIONS(name="001_audit_log")
def m001_audit_log(db):
    db["audit_log"].create(
        {"id": int, "at": str, "actor": str, "action": str, "original": str, "details": str},
        pk="id",
    )
    db["audit_log"].create_index(["at"])
