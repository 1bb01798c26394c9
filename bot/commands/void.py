"""`docbot void visit|rectification ID --reason …`: void a record entered by mistake (audited)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from bot.commands.records_cli import record_id_arg
from bot.config import load_settings


def run(args) -> int:
    from assistant.records.void import ALIASES, void
    from assistant.storage.store import open_db

    kind = ALIASES.get(args.kind.lower())
    if kind is None or args.id < 1:
        print("用法错误：docbot void visit|rectification 编号 --reason 原因", file=sys.stderr)
        return 2
    settings = load_settings()
    if not settings.shared and not settings.db_path.exists():
        print(f"没有找到数据文件 {settings.db_path}（DOCBOT_DATA_DIR）。", file=sys.stderr)
        return 1
    ok, reply = void(open_db(settings.store), kind, args.id, args.reason, now=datetime.now(UTC),
                     actor=f"cli:{args.actor}")
    print(reply, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("void", help="作废一条走访记录或整改（留存审计记录，不再计入台账和提醒）")
    parser.add_argument("kind", help="visit（走访记录）或 rectification（整改）")
    parser.add_argument("id", type=record_id_arg, help="编号")
    parser.add_argument("--reason", required=True, help="作废原因，写入审计日志")
    parser.add_argument("--actor", default="admin", help="操作人（写入审计日志），默认 admin")
    parser.set_defaults(func=run)
