"""Adding and changing records from the command line (the same core functions the bot calls):
`docbot visit add`, `docbot rectify add|done`, `docbot bind`, `docbot assign`, `docbot leaders`."""

from __future__ import annotations

import json
import sys

from bot.commands.records_cli import open_store, parse_at, record_id_arg, usage_error, user_id_arg
from bot.config import load_settings

ACTOR = "cli"


def register(sub) -> None:
    p = sub.add_parser("visit", help="登记走访记录", description="登记一条走访记录（与在聊天中发送记录相同的解析）。")
    vs = p.add_subparsers(dest="action", metavar="操作", required=True)
    a = vs.add_parser("add", help="按原文登记一条走访记录")
    a.add_argument("text", help="记录原文，例如 “走访记录：王焕清 11月5日到东山街督导，召开座谈会……”")
    a.add_argument("--at", help="登记时刻（本地时间，默认现在），用于解析“昨天”等相对日期")
    a.add_argument("--by", type=user_id_arg, help="登记的秘书的 Telegram 用户 ID（接收整改提醒）")
    a.add_argument("--json", action="store_true", help="输出 JSON")
    a.set_defaults(func=run_visit_add)
    p = sub.add_parser("rectify", help="登记或办结整改", description="登记整改事项（期限按文件规定计算或写明），或办结。")
    rs = p.add_subparsers(dest="action", metavar="操作", required=True)
    a = rs.add_parser("add", help="登记整改：单位 问题 通知日期 [期限|线索]",
                      description="登记整改事项。期限可写日期（2026-12-05）或时长（一个月内、15天内），"
                                  "不写时按文件规定计算；移交线索加“线索”。")
    a.add_argument("args", nargs="+", metavar="字段",
                   help="单位 问题 通知日期 [期限|线索]，例如 东山街 组织生活记录不规范 2026-11-05 一个月内")
    a.add_argument("--at", help="登记时刻（本地时间，默认现在）")
    a.add_argument("--by", type=user_id_arg, help="登记的秘书的 Telegram 用户 ID")
    a.add_argument("--json", action="store_true", help="输出 JSON（登记失败时为 {\"error\": …}）")
    a.set_defaults(func=run_rectify_add)
    d = rs.add_parser("done", help="办结整改")
    d.add_argument("id", type=record_id_arg, help="整改编号")
    d.add_argument("note", nargs="*", help="办结说明")
    d.add_argument("--at", help="办结时刻（本地时间，默认现在）")
    d.set_defaults(func=run_rectify_done)
    p = sub.add_parser("bind", help="绑定区领导与 Telegram 账号", description="管理员操作：把 Telegram 用户 ID 绑定到区领导。")
    p.add_argument("telegram_id", type=user_id_arg, help="Telegram 用户 ID")
    p.add_argument("name", help="区领导姓名")
    p.set_defaults(func=run_bind)
    p = sub.add_parser("assign", help="增删区领导的联系点", description="为区领导添加（或 --remove 删除）一个联系点。")
    p.add_argument("name", help="区领导姓名")
    p.add_argument("kind", help="类型：街道、部门、社区、两新、学校")
    p.add_argument("point", help="联系点名称")
    p.add_argument("--remove", action="store_true", help="删除该联系点")
    p.set_defaults(func=run_assign)
    p = sub.add_parser("leaders", help="区领导及联系点名单", description="列出区领导、联系点和绑定情况。")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_leaders)


def _context(at: str | None):
    settings = load_settings()
    now = parse_at(at, settings)
    db, rules = open_store(settings, now)
    return db, rules, now


def run_visit_add(args) -> int:
    from assistant.records.leaders import load_leaders
    from assistant.records.notes import parse_note
    from assistant.records.visits import record_visit

    try:
        db, rules, now = _context(args.at)
    except ValueError as e:
        return usage_error(str(e))
    note = parse_note(args.text, load_leaders(db), now.date(), rules)
    if note.questions:
        print("未登记，请补充或更正：\n" + "\n".join(f"• {q}" for q in note.questions), file=sys.stderr)
        return 1
    visit_id, rect_id = record_visit(db, note, actor_id=args.by, actor=ACTOR, now=now, rules=rules)
    out = {"visit_id": visit_id, "rectification_id": rect_id, **note.to_dict()}
    print(json.dumps(out, ensure_ascii=False, indent=1) if args.json else
          f"已登记第{visit_id}号走访" + (f"，第{rect_id}号整改（期限 {note.rectification.due}）" if rect_id else ""))
    return 0


def run_rectify_add(args) -> int:
    from assistant.records.rectifications import rectify_from_text

    try:
        db, rules, now = _context(args.at)
    except ValueError as e:
        return _refuse(args, str(e), 2)
    rid, reply = rectify_from_text(db, " ".join(args.args), today=now.date(), now=now, actor=ACTOR,
                                   actor_id=args.by, rules=rules, command="docbot rectify add")
    if not rid:
        return _refuse(args, reply, 1)
    if args.json:
        row = db["rectifications"].get(rid)
        print(json.dumps({"id": rid, "unit": row["unit"], "issue": row["issue"], "notice_date": row["notice_date"],
                          "due": row["due"], "rule": row["rule"], "citation": row["citation"]},
                         ensure_ascii=False, indent=1))
    else:
        print(reply)
    return 0


def _refuse(args, message: str, code: int) -> int:
    """A refusal: with --json one JSON object on stdout ({"error": …}), else the message on stderr."""
    if getattr(args, "json", False):
        print(json.dumps({"error": message}, ensure_ascii=False))
    elif code == 2:
        return usage_error(message)
    else:
        print(message, file=sys.stderr)
    return code


def run_rectify_done(args) -> int:
    from assistant.records.rectifications import close

    try:
        db, _, now = _context(args.at)
    except ValueError as e:
        return usage_error(str(e))
    ok, reply = close(db, args.id, " ".join(args.note), now=now, actor=ACTOR)
    print(reply, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def run_bind(args) -> int:
    from assistant.records.bindings import confirm

    if args.telegram_id <= 0:  # user ids are positive; negative ids are groups
        return usage_error(f"Telegram 用户 ID 应为正整数：{args.telegram_id}")
    db, _, now = _context(None)
    ok, reply = confirm(db, args.telegram_id, now=now, actor=ACTOR, name=args.name)
    print(reply, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def run_assign(args) -> int:
    from assistant.records.leaders import KIND_ALIASES, assign
    from assistant.records.rules import KIND_NAMES

    kind = KIND_ALIASES.get(args.kind.strip(), args.kind.strip())
    if kind not in KIND_NAMES:
        return usage_error(f"联系点类型“{args.kind[:20]}”无效，应为 街道、部门、社区、两新、学校 之一")
    if not args.name.strip() or not args.point.strip():
        return usage_error("区领导姓名和联系点不能为空")
    db, _, now = _context(None)
    print(assign(db, args.name, kind, args.point, now=now, actor=ACTOR, remove=args.remove))
    return 0


def run_leaders(args) -> int:
    from assistant.records.leaders import load_leaders
    from assistant.records.rules import KIND_NAMES

    db, _, _ = _context(None)
    leaders = load_leaders(db)
    if args.json:
        print(json.dumps([{"name": x.name, "telegram_id": x.telegram_id,
                           "points": [{"kind": p.kind, "name": p.name} for p in x.points]} for x in leaders],
                         ensure_ascii=False, indent=1))
    else:
        for x in leaders:
            pts = "、".join(f"{p.name}（{KIND_NAMES[p.kind]}）" for p in x.points)
            print(f"{x.name}{'（已绑定）' if x.telegram_id else ''}：{pts}")
    return 0
