"""What an operator needs to know at a glance: version, corpus, index, search mode, inbox backlog, last
reminder, and whether the bot is alive. One collector for `docbot status` and the admins' /status.

Liveness: the running bot writes a heartbeat file (``heartbeat``) every HEARTBEAT seconds from its
event loop; `docbot status --check` (the Docker HEALTHCHECK) fails when it is older than STALE — a
process that is up but whose loop is stuck is as dead to its users as a crashed one.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path

from bot.config import Settings

HEARTBEAT = timedelta(seconds=30)
STALE = timedelta(seconds=120)


def heartbeat_path(settings: Settings) -> Path:
    return settings.data_dir / "heartbeat"


def write_heartbeat(settings: Settings, now: datetime) -> None:
    path = heartbeat_path(settings)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(now.isoformat(), encoding="utf-8")
    tmp.replace(path)  # atomic: the health check never reads half a timestamp


def alive(settings: Settings, now: datetime) -> tuple[bool, str]:
    """(healthy, why) from the heartbeat file."""
    try:
        beat = datetime.fromisoformat(heartbeat_path(settings).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return False, "没有心跳记录（机器人未运行或尚未启动完成）"
    age = now - beat
    if age > STALE:
        return False, f"心跳已停止 {int(age.total_seconds())} 秒（上限 {int(STALE.total_seconds())} 秒）"
    return True, f"运行中（{int(age.total_seconds())} 秒前心跳）"


def _version() -> str:
    try:
        return metadata.version("docbot")
    except metadata.PackageNotFoundError:
        return "源码运行"


def _read_only(path: Path):
    """A read-only SQLite connection, closed on leaving the block. The URI needs an absolute path: the
    default data dir ("data") is relative, and ``Path.as_uri`` refuses relative paths."""
    import sqlite3
    from contextlib import closing

    return closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True))


def collect(settings: Settings, now: datetime, documents: list | None = None) -> dict:
    """Facts from the files under the data directory (read-only; nothing is created)."""
    import sqlite3

    from assistant.inbox import backlog
    from bot.commands.docs import search_mode
    from index.persist import read_manifest

    facts: dict = {"version": _version(), "corpus_dir": str(settings.corpus_dir), "data_dir": str(settings.data_dir)}
    if documents is None:
        from corpus.library import load_corpus

        documents = load_corpus(settings.corpus_dir).documents
    facts["documents"] = [d.short_name for d in documents]
    manifest = read_manifest(settings.index_dir)
    facts["index"] = "已建立" if manifest else "尚未建立（首次提问时自动建立，或运行 docbot index）"
    facts["search_mode"] = search_mode(settings)
    facts["inbox_backlog"] = None
    if settings.inbox_path.exists():
        with _read_only(settings.inbox_path) as conn:
            facts["inbox_backlog"] = backlog(conn)
    facts["last_reminder"], facts["reminders_sent"] = None, 0
    if settings.db_path.exists():
        with _read_only(settings.db_path) as conn:
            try:
                facts["last_reminder"], facts["reminders_sent"] = conn.execute(
                    "SELECT max(sent_at), count(*) FROM sent_reminders").fetchone()
            except sqlite3.OperationalError:  # a store from before records existed
                pass
    if settings.shared:  # several workers: the backlog and reminders live in PostgreSQL
        facts["inbox_backlog"], facts["last_reminder"], facts["reminders_sent"] = _shared_facts(settings)
    facts["alive"], facts["heartbeat"] = alive(settings, now)
    return facts


def _shared_facts(settings: Settings) -> tuple:
    """(shared backlog, last reminder, reminders sent) from the PostgreSQL store; Nones if unreachable."""
    import psycopg

    try:
        with psycopg.connect(settings.database_url, connect_timeout=5) as conn:
            backlog = conn.execute("SELECT count(*) FROM shared_inbox WHERE status = 'pending'").fetchone()[0]
            last, sent = conn.execute("SELECT max(sent_at), count(*) FROM sent_reminders").fetchone()
            return backlog, last, sent
    except psycopg.Error:
        return None, None, 0


def render(facts: dict) -> str:
    backlog = facts["inbox_backlog"]
    lines = [
        f"党建文件助手 {facts['version']}",
        f"运行状态：{facts['heartbeat']}",
        f"文件库：{len(facts['documents'])} 份（{facts['corpus_dir']}）",
        f"索引：{facts['index']}",
        facts["search_mode"],
        "待处理消息：" + ("无收件箱记录" if backlog is None else f"{backlog} 条"),
        "最近发出提醒：" + (f"{facts['last_reminder'][:16].replace('T', ' ')}（共 {facts['reminders_sent']} 条）"
                          if facts["last_reminder"] else "尚无"),
    ]
    return "\n".join(lines)


def to_json(facts: dict) -> str:
    return json.dumps(facts, ensure_ascii=False, indent=1)
