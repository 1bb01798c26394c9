"""`docbot migrate`: bring the store's schema up to date (SQLite or PostgreSQL, DOCBOT_DATABASE_URL);
with ``--from``/``--to``, copy a whole store into an empty one (SQLite → PostgreSQL when moving to
several workers). Design: assistant/storage/backend.py; how-to: docs/deploy.md."""

from __future__ import annotations

import sys

from bot.config import load_settings


def _open(target):
    from assistant.storage.store import StoreCorrupt, open_db

    try:
        return open_db(target)
    except StoreCorrupt as e:
        raise SystemExit(f"错误：{e}") from None


def run(args) -> int:
    from assistant.storage.backend import copy_store, is_postgres, resolve

    settings = load_settings()
    if bool(args.source) != bool(args.target):
        print("用法错误：--from 与 --to 须同时给出，例如 docbot migrate --from sqlite:///data/docbot.sqlite3 "
              "--to postgresql://docbot@localhost/docbot", file=sys.stderr)
        return 2
    try:
        source = resolve(args.source, settings.db_path) if args.source else None
        target = resolve(args.target, settings.db_path) if args.target else settings.store
    except ValueError as e:
        print(f"用法错误：{e}", file=sys.stderr)
        return 2
    if source is not None and not is_postgres(source) and not source.is_file():
        print(f"没有找到源数据文件 {source}。", file=sys.stderr)
        return 1
    try:
        db = _open(target)
    except Exception as e:  # noqa: BLE001 - an unreachable server, a refused login: one clear line
        print(f"错误：无法打开目标库（{type(e).__name__}: {e}）", file=sys.stderr)
        return 1
    if source is None:
        print(f"数据库结构已是最新：{_shown(target)}")
        return 0
    try:
        counts = copy_store(_open(source), db)
    except ValueError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    print(f"已复制 {sum(counts.values())} 行（{len(counts)} 张表）：{_shown(source)} → {_shown(target)}")
    for table, n in sorted(counts.items()):
        if n:
            print(f"  {table}: {n}")
    return 0


def _shown(target) -> str:
    """A URL without its password, for printing."""
    text = str(target)
    if "@" in text and "://" in text:
        scheme, rest = text.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return text


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate", help="升级数据库结构；或把 SQLite 数据复制到 PostgreSQL",
        description="按 DOCBOT_DATABASE_URL 升级数据库结构（SQLite 或 PostgreSQL）。给出 --from 与 --to 时，"
                    "把整个数据库复制到一个空的目标库，例如从 SQLite 迁到 PostgreSQL。")
    parser.add_argument("--from", dest="source", metavar="URL", help="源库：sqlite:///路径 或 postgresql://…")
    parser.add_argument("--to", dest="target", metavar="URL", help="目标库（须为空）：postgresql://… 或 sqlite:///路径")
    parser.set_defaults(func=run)
