"""What an operator needs to know at a glance: version, corpus, index, search mode, inbox backlog, last
reminder, whether the bot is alive, and whether it runs degraded. One collector for `docbot status` and
the admins' /status.

Liveness: the running bot writes a heartbeat file (``heartbeat``) every HEARTBEAT seconds from its
event loop; `docbot status --check` (the Docker HEALTHCHECK) fails when it is older than STALE — a
process that is up but whose loop is stuck is as dead to its users as a crashed one. On a full disk
the heartbeat is overwritten in place (same length, no new block), so a bot that still answers is not
restarted for it.

Degraded (issue 20, item 5): the store cannot be written (the running bot's record of a refused write,
assistant/operations/health.py; a read-only file system, a nearly full disk, a damaged file, seen from here) —
answers go on, writes are answered "暂时无法保存，请稍后再试（未保存）"; and the last error. The bot
copies its record to ``health.json`` beside the heartbeat for `docbot status` in another process.
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


def health_path(settings: Settings) -> Path:
    return settings.data_dir / "health.json"


def write_heartbeat(settings: Settings, now: datetime, health: dict | None = None) -> None:
    path = heartbeat_path(settings)
    stamp = now.isoformat(timespec="seconds").encode()  # one length: it can be overwritten in place
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(stamp)
        tmp.replace(path)  # atomic: the health check never reads half a timestamp
    except OSError:
        if not path.exists():
            raise
        with path.open("r+b") as fh:  # a full disk has no block for a new file, the old one has room
            fh.write(stamp)
            fh.truncate()
    if health is not None:
        try:
            tmp = health_path(settings).with_suffix(".tmp")
            tmp.write_text(json.dumps(health, ensure_ascii=False), encoding="utf-8")
            tmp.replace(health_path(settings))
        except OSError:  # best effort: the same disk trouble that /status would report
            pass


def read_health(settings: Settings) -> dict:
    try:
        got = json.loads(health_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


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


LOW_SPACE = 5 * 1024 * 1024  # bytes free below which writes are about to fail


def store_problems(settings: Settings, health: dict) -> list[str]:
    """Why the store cannot be written now, in Chinese; [] when nothing is known to be wrong."""
    import os
    import sqlite3

    problems = []
    if refused := health.get("unwritable"):
        since = refused["since"][:16].replace("T", " ")
        problems.append(f"自 {since} 起写入被拒绝 {refused['count']} 次（{refused['reason']}）")
    directory = settings.data_dir if settings.data_dir.exists() else None
    if directory is not None and not directory.is_dir():  # DOCBOT_DATA_DIR naming a file: nothing can be saved
        problems.append(f"数据目录 {directory} 不是文件夹：请检查 DOCBOT_DATA_DIR")
        directory = None
    if directory is not None:
        fs = os.statvfs(directory)
        if fs.f_flag & os.ST_RDONLY:
            problems.append("数据目录所在的文件系统是只读的")
        elif fs.f_bavail * fs.f_frsize < LOW_SPACE:
            problems.append(f"磁盘空间不足（剩余 {fs.f_bavail * fs.f_frsize // 1024} KB）")
    if settings.db_path.exists():
        try:
            with _read_only(settings.db_path) as conn:
                verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.DatabaseError as e:
            verdict = str(e)
        if verdict != "ok":
            problems.append(f"数据文件已损坏（{verdict}）：请用最近一次 `docbot backup` 的备份恢复")
    return problems


def collect(settings: Settings, now: datetime, documents: list | None = None, health: dict | None = None) -> dict:
    """Facts from the files under the data directory (read-only; nothing is created). ``health``: the
    running bot's own record (assistant/operations/health.py); else the copy it left beside its heartbeat."""
    import sqlite3

    from assistant.operations.inbox import backlog
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
        try:
            with _read_only(settings.inbox_path) as conn:
                facts["inbox_backlog"] = backlog(conn)
        except sqlite3.DatabaseError as e:  # damaged or locked: say so, never a traceback
            facts["inbox_backlog"] = f"无法读取（{e}）"
    facts["last_reminder"], facts["reminders_sent"] = None, 0
    if settings.db_path.exists():
        try:
            with _read_only(settings.db_path) as conn:
                facts["last_reminder"], facts["reminders_sent"] = conn.execute(
                    "SELECT max(sent_at), count(*) FROM sent_reminders").fetchone()
        except sqlite3.DatabaseError:  # a store from before records existed, or a damaged one (below)
            pass
    unreachable = None
    if settings.shared:  # several workers: the backlog and reminders live in PostgreSQL
        facts["inbox_backlog"], facts["last_reminder"], facts["reminders_sent"], unreachable = _shared_facts(settings)
    health = read_health(settings) if health is None else health
    facts["store_problems"] = store_problems(settings, health) + ([unreachable] if unreachable else [])
    facts["last_error"] = health.get("last_error")
    facts["degraded"] = bool(facts["store_problems"])
    facts["alive"], facts["heartbeat"] = alive(settings, now)
    return facts


def _shared_facts(settings: Settings) -> tuple:
    """(shared backlog, last reminder, reminders sent, None) from the PostgreSQL store; when it cannot be
    reached, (None, None, 0, why): a store nobody can reach is not "正常"."""
    import psycopg

    try:
        with psycopg.connect(settings.database_url, connect_timeout=5) as conn:
            backlog = conn.execute("SELECT count(*) FROM shared_inbox WHERE status = 'pending'").fetchone()[0]
            last, sent = conn.execute("SELECT max(sent_at), count(*) FROM sent_reminders").fetchone()
            return backlog, last, sent, None
    except psycopg.Error as e:
        why = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return None, None, 0, f"无法连接 PostgreSQL（{why.replace(settings.database_url, 'DOCBOT_DATABASE_URL')}）"


def render(facts: dict) -> str:
    backlog = facts["inbox_backlog"]
    store = ("正常" if not facts["store_problems"] else
             "⚠ 暂时无法写入：" + "；".join(facts["store_problems"])
             + "。提问照常回答；需要保存的操作会回复“暂时无法保存，请稍后再试（未保存）”")
    error = facts["last_error"]
    lines = [
        f"党建文件助手 {facts['version']}" + ("（降级运行）" if facts["degraded"] else ""),
        f"运行状态：{facts['heartbeat']}",
        f"数据库：{store}",
        f"文件库：{len(facts['documents'])} 份（{facts['corpus_dir']}）",
        f"索引：{facts['index']}",
        facts["search_mode"],
        "待处理消息：" + ("无收件箱记录" if backlog is None else f"{backlog} 条" if isinstance(backlog, int) else backlog),
        "最近发出提醒：" + (f"{facts['last_reminder'][:16].replace('T', ' ')}（共 {facts['reminders_sent']} 条）"
                          if facts["last_reminder"] else "尚无"),
        "最近错误：" + (f"{error['at'][:16].replace('T', ' ')} {error['type']}：{error['text']}" if error else "无"),
    ]
    return "\n".join(lines)


def to_json(facts: dict) -> str:
    return json.dumps(facts, ensure_ascii=False, indent=1)
