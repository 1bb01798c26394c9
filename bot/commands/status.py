"""`docbot status`: version, corpus, index, search mode, whether the store can be written (degraded),
inbox backlog, last reminder, last error, liveness.
`--check` (the Docker HEALTHCHECK) only looks at the running bot's heartbeat: exit 0 alive, 1 not."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from bot.config import load_settings


def run(args) -> int:
    from bot import status

    settings = load_settings()
    now = datetime.now(UTC)
    if args.check:
        ok, why = status.alive(settings, now)
        print(why, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 1
    facts = status.collect(settings, now)
    print(status.to_json(facts) if args.json else status.render(facts))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("status", help="运行状态：版本、文件库、索引、检索方式、数据库能否写入、待处理消息、最近提醒、最近错误")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--check", action="store_true", help="只检查机器人是否在运行（心跳），供 Docker HEALTHCHECK 使用")
    parser.set_defaults(func=run)
