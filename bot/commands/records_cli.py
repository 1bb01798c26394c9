"""Records queries over the same core as the bot: `docbot due`, `rectifications`, `reminders`, `visits`,
`export`, `backup`. Data from DOCBOT_DATA_DIR, rules and leaders from DOCBOT_CORPUS_DIR."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings, load_settings


def strict_int(parse: Callable[[str], int | None], what: str) -> Callable[[str], int]:
    """An argparse ``type`` through the bot's strict number rule (assistant.user_input.numbers): ASCII, full-width
    and Chinese numerals within bounds; "²", "١٢" or 10**30 are a usage error naming what was expected."""

    def convert(text: str) -> int:
        value = parse(text)
        if value is None:
            raise argparse.ArgumentTypeError(f"{what}应为数字，而不是“{text[:20]}”")
        return value

    convert.__name__ = what  # argparse names the type in its messages
    return convert


def user_id_arg(text: str) -> int:
    from assistant.user_input.numbers import user_id

    return strict_int(user_id, "Telegram 用户 ID")(text)


def record_id_arg(text: str) -> int:
    from assistant.user_input.numbers import record_id

    return strict_int(record_id, "编号")(text)


def year_arg(text: str) -> int:
    from assistant.user_input.numbers import parse_int

    return strict_int(lambda t: parse_int(t, low=2000, high=2100), "年份（2000–2100）")(text)


def usage_error(message: str) -> int:
    print(f"用法错误：{message}", file=sys.stderr, flush=True)
    return 2


def write_out(out: Path, data: bytes) -> str:
    """Write an --out file; "" when written, else the reason in Chinese (a directory in the way, no
    permission, a full disk) for usage_error — never a traceback."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as e:
        return f"无法写入 {out}：{e.strerror or e}"
    return ""


def parse_at(value: str | None, settings: Settings) -> datetime:
    """--at 2026-10-09 / 2026-10-09T09:00 / '2026-10-09 09:00' (local time); now when absent."""
    tz = ZoneInfo(settings.timezone)
    if not value:
        return datetime.now(tz)
    try:
        got = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"时间“{value}”格式应为 2026-10-09 或 2026-10-09T09:00") from None
    return got if got.tzinfo else got.replace(tzinfo=tz)


def open_store(settings: Settings, now: datetime):
    from assistant.records.setup import open_records
    from assistant.storage.store import StoreCorrupt

    try:
        return open_records(settings.store, settings.corpus_dir, now=now)
    except StoreCorrupt as e:  # a message, not a traceback; exit status 1
        raise SystemExit(f"错误：{e}") from None
    except Exception as e:
        # A store that cannot be opened at all (the data dir is a file, docbot.sqlite3 a folder, PostgreSQL
        # down, a URL of another scheme): say where, not a traceback. The URL may hold a password: not shown.
        if not isinstance(e, OSError | ValueError) and type(e).__module__.split(".")[0] not in _DB_MODULES:
            raise
        where = "DOCBOT_DATABASE_URL" if settings.database_url else f"数据目录 {settings.data_dir}"
        said = str(e).replace(settings.database_url, "DOCBOT_DATABASE_URL") if settings.database_url else str(e)
        raise SystemExit(f"错误：无法打开数据库（{where}）：{said}") from None


_DB_MODULES = ("sqlite3", "psycopg", "psycopg_pool")  # drivers whose errors mean "cannot open the store"


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1))


def register(sub) -> None:
    p = sub.add_parser("due", help="某位区领导待走访的联系点和整改期限", description="列出区领导本月、本季度待联系督导的联系点及未完成的整改。")
    p.add_argument("--leader", required=True, help="区领导姓名，例如 王焕清")
    p.add_argument("--at", help="按哪一天计算（默认今天），例如 2026-11-22")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_due)
    p = sub.add_parser("rectifications", help="整改事项及期限", description="列出整改事项：单位、问题、通知日期、期限、依据、状态。")
    p.add_argument("--status", choices=["open", "done"], help="只看未完成（open）或已完成（done）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_rectifications)
    p = sub.add_parser("reminders", help="某一时刻应发出的提醒（不发送）", description="计算在给定时刻应发出、尚未发出的提醒；只显示，不发送。")
    p.add_argument("--at", help="时刻（本地时间），例如 2026-10-09T09:00；只写日期时按当天 09:00；默认现在")
    p.add_argument("--bound-only", action="store_true", help="只列出已绑定 Telegram 的区领导")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_reminders)
    p = sub.add_parser("visits", help="走访记录", description="列出走访记录，可按区领导和月份筛选。")
    p.add_argument("--leader", help="区领导姓名")
    p.add_argument("--month", help="月份，例如 2026-11")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_visits)
    p = sub.add_parser("export", help="导出某月台账（xlsx 或 csv）", description="导出某月走访台账和整改台账；文件后缀决定格式（.xlsx 或 .csv）。")
    p.add_argument("--month", required=True, help="月份，例如 2026-11")
    p.add_argument("--out", required=True, help="输出文件，例如 台账.xlsx 或 台账.csv")
    p.set_defaults(func=run_export)
    p = sub.add_parser("backup", help="备份数据库", description="SQLite：用在线备份接口复制数据库；PostgreSQL：用 pg_dump 导出（运行中也可安全备份）。")
    p.add_argument("--out", help="备份文件（默认 数据目录/backups/docbot-时间.sqlite3）")
    p.set_defaults(func=run_backup)


def run_due(args) -> int:
    from assistant.records.visits import due_for, render_due

    settings = load_settings()
    try:
        now = parse_at(args.at, settings)
    except ValueError as e:
        return usage_error(str(e))
    db, rules = open_store(settings, now)
    got = due_for(db, args.leader, now.date(), rules)
    if got is None:
        print(f"联系点名单中没有区领导“{args.leader}”。", file=sys.stderr)
        return 1
    _print_json(got) if args.json else print(render_due(got, now.date()))
    return 0


def run_rectifications(args) -> int:
    from assistant.records.rectifications import STATUS_NAMES, list_rectifications

    settings = load_settings()
    db, rules = open_store(settings, parse_at(None, settings))
    rows = list_rectifications(db, status=args.status, rules=rules)
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"第{r['id']}号 {r['unit']}：{r['issue']}｜通知 {r['notice_date']}｜期限 {r['due']}｜"
                  f"{STATUS_NAMES.get(r['status'], r['status'])}｜依据：{r['rule']}")
        if not rows:
            print("没有整改事项。")
    return 0


def run_reminders(args) -> int:
    from assistant.records.digest import compose
    from assistant.records.reminders import Schedule, next_sending_time, sending_time
    from assistant.records.state import due_now, load_calendar

    settings = load_settings()
    schedule = Schedule(timezone=settings.timezone)
    try:
        now = parse_at(args.at, settings)
    except ValueError as e:
        return usage_error(str(e))
    if args.at and len(args.at.strip()) == 10:  # a date only: that day's reminder time
        now = now.replace(hour=schedule.hour, minute=schedule.minute)
    db, rules = open_store(settings, now)
    found = due_now(db, now, rules, schedule, include_unbound=not args.bound_only, admins=settings.admins)
    if args.json:
        _print_json([r.to_json() for r in found])
        return 0
    calendar = load_calendar(db)
    if not sending_time(now.astimezone(ZoneInfo(schedule.timezone)), schedule, calendar):
        nxt = next_sending_time(now, schedule, calendar)
        print(f"此时不在发送时间（工作日 {schedule.hour:02d}:{schedule.minute:02d}–{schedule.send_until_hour:02d}:00），"
              f"提醒顺延到下一个发送时间：{nxt:%Y-%m-%d %H:%M}。")
    for d in compose(found, now.astimezone(ZoneInfo(schedule.timezone)).date(), calendar):
        print(f"→ {d.recipient_name}（{d.telegram_id or '未绑定'}）：{d.headings}\n{d.text}\n")
    if not found:
        print("此时没有待发出的提醒。")
    return 0


def run_visits(args) -> int:
    from assistant.records.visits import list_visits, render_visits

    settings = load_settings()
    db, _ = open_store(settings, parse_at(None, settings))
    try:
        rows = list_visits(db, leader=args.leader, month=args.month)
    except ValueError as e:
        return usage_error(str(e))
    _print_json(rows) if args.json else print(render_visits(rows, limit=10_000))
    return 0


def run_export(args) -> int:
    from assistant.records.ledger import to_csv, to_xlsx

    settings = load_settings()
    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        return usage_error("--out 的后缀须为 .xlsx 或 .csv")
    db, _ = open_store(settings, parse_at(None, settings))
    try:
        today = parse_at(None, settings).date()
        data = to_csv(db, args.month) if out.suffix.lower() == ".csv" else to_xlsx(db, args.month, today=today)
    except ValueError as e:
        return usage_error(str(e))
    if problem := write_out(out, data):
        return usage_error(problem)
    print(f"已导出 {args.month} 台账：{out}（{len(data)} 字节）")
    return 0


def run_backup(args) -> int:
    import sqlite3

    settings = load_settings()
    now = parse_at(None, settings)
    if settings.shared:  # PostgreSQL: pg_dump's custom format (restore: pg_restore, docs/deploy.md)
        return _backup_postgres(settings, Path(args.out) if args.out else
                                settings.data_dir / "backups" / f"docbot-{now:%Y%m%d-%H%M%S}.dump")
    db, _ = open_store(settings, now)
    out = Path(args.out) if args.out else settings.data_dir / "backups" / f"docbot-{now:%Y%m%d-%H%M%S}.sqlite3"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(str(out))
        try:
            with target:
                db.conn.backup(target)
        finally:
            target.close()
    except (OSError, sqlite3.Error) as e:
        return usage_error(f"无法写入 {out}：{getattr(e, 'strerror', None) or e}")
    print(f"已备份到 {out}（{out.stat().st_size} 字节）")
    return 0


def _backup_postgres(settings: Settings, out: Path) -> int:
    import subprocess

    from assistant.storage.backend import backup_postgres

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        backup_postgres(settings.store, out)
    except subprocess.CalledProcessError as e:
        print(f"错误：pg_dump 失败：{e.stderr.decode(errors='replace').strip()}", file=sys.stderr)
        return 1
    except OSError as e:
        return usage_error(f"无法写入 {out}：{getattr(e, 'strerror', None) or e}")
    print(f"已备份到 {out}（{out.stat().st_size} 字节，pg_dump 格式，用 pg_restore 恢复）")
    return 0
