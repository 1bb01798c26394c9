"""Calendars and pictures from the command line: `docbot holidays import|list|--undo` (the State
Council's holiday notice), `docbot calendar` (the documents' obligations by month) and `docbot report` (the
month's supervision coverage as a PNG). The same core functions the bot calls."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.commands.records_cli import open_store, parse_at, usage_error, write_out, year_arg
from bot.config import load_settings

MAX_FILE_BYTES = 80 * 1024  # a notice is ~5 KB of UTF-8; holidays.MAX_CHARS characters fit in this


def register(sub) -> None:
    p = sub.add_parser("holidays", help="导入或查看节假日安排",
                       description="导入国务院办公厅节假日安排通知全文（覆盖 chinese_calendar 包），查看某年的安排，"
                                   "或撤销某年最近一次导入（--undo 年份）。")
    p.add_argument("--undo", type=year_arg, metavar="年份", help="撤销该年最近一次导入，恢复导入前的安排")
    p.set_defaults(func=run_holidays_undo)
    hs = p.add_subparsers(dest="action", metavar="操作")
    a = hs.add_parser("import", help="导入通知全文（文本文件）")
    a.add_argument("file", help=f"通知全文的文本文件（UTF-8，不超过 {MAX_FILE_BYTES // 1024} KB）")
    a.add_argument("--year", type=year_arg, help="年份（通知标题中没有年份时）")
    a.add_argument("--confirm", action="store_true", help="确认导入缺少法定节假日的通知（缺少的按法定日推算）")
    a.set_defaults(func=run_holidays_import)
    a = hs.add_parser("list", help="查看某年的节假日安排")
    a.add_argument("year", type=year_arg, help="年份，例如 2027")
    a.set_defaults(func=run_holidays_list)
    p = sub.add_parser("calendar", help="文件规定的工作事项日历",
                       description="列出文件中有时间要求的工作事项（每月、每季度、每年12月10日前……）及责任单位和出处。")
    p.add_argument("--month", required=True, help="月份，例如 2026-12")
    p.add_argument("--unit", help="只看某个单位，例如 区纪委")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_calendar)
    p = sub.add_parser("report", help="绘制某月联系督导情况图",
                       description="区领导 × 联系点：已督导 / 待督导 / 逾期，输出 PNG。")
    p.add_argument("--month", required=True, help="月份，例如 2026-11")
    p.add_argument("--out", default="督导情况.png", help="输出文件（.png）")
    p.set_defaults(func=run_report)


def month_of(value: str) -> tuple[int, int]:
    from assistant.records.dates import MONTH_USAGE, parse_month

    got = parse_month(value)
    if got is None:
        raise ValueError(f"{MONTH_USAGE}，而不是“{(value or '')[:20]}”")
    return got


def read_notice_file(name: str) -> tuple[str, str]:
    """(text, "") of a notice file read at most MAX_FILE_BYTES + 1 bytes deep, or ("", why not)."""
    try:
        with open(name, "rb") as fh:  # a device or a huge file is never read whole
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        return "", f"无法读取文件 {name}：{e.strerror or e}"
    if len(data) > MAX_FILE_BYTES:
        return "", f"文件 {name} 超过 {MAX_FILE_BYTES // 1024} KB，不像是一份节假日通知：请只保存通知正文。"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return "", f"文件 {name} 不是 UTF-8 文本：请另存为 UTF-8 后再导入。"


def run_holidays_import(args) -> int:
    from assistant.records.holiday_store import import_notice
    from assistant.records.holidays import parse_notice, render_notice

    text, problem = read_notice_file(args.file)
    if args.undo is not None:
        problem = "--undo 不能与 import 同时使用"
    if problem:
        return usage_error(problem)
    notice = parse_notice(text, args.year)
    if not notice.ok:
        return usage_error(render_notice(notice) + "\n未导入任何日期。")
    print(render_notice(notice))
    if notice.missing and not args.confirm:
        print(f"未导入：通知中缺少{'、'.join(notice.missing)}。核对无误后加 --confirm 再运行一次即可导入。",
              file=sys.stderr)
        return 1
    settings = load_settings()
    now = parse_at(None, settings)
    db, _ = open_store(settings, now)
    n = import_notice(db, notice, now=now, actor="cli", original=text, partial_ok=args.confirm)
    print(f"已导入 {notice.year} 年节假日安排（{n}天）。撤销：docbot holidays --undo {notice.year}")
    return 0


def run_holidays_undo(args) -> int:
    from assistant.records.holiday_store import undo_import

    if args.undo is None:
        return usage_error("请指定操作：docbot holidays import 文件 | list 年份 | --undo 年份")
    settings = load_settings()
    now = parse_at(None, settings)
    db, _ = open_store(settings, now)
    try:
        print(undo_import(db, args.undo, now=now, actor="cli"))
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 1
    return 0


def run_holidays_list(args) -> int:
    from assistant.records.holiday_store import list_year

    if not 2000 <= args.year <= 2100:
        return usage_error("年份应在 2000–2100 之间")
    settings = load_settings()
    db, _ = open_store(settings, parse_at(None, settings))
    print(list_year(db, args.year))
    return 0


def run_calendar(args) -> int:
    from assistant.records.obligations import due_in_month, obligations_of, render_month

    try:
        year, month = month_of(args.month)
    except ValueError as e:
        return usage_error(str(e))
    settings = load_settings()
    from corpus.library import load_corpus

    found = due_in_month(obligations_of(load_corpus(settings.corpus_dir).documents), year, month, unit=args.unit)
    if args.json:
        print(json.dumps([o.to_json() for o in found], ensure_ascii=False, indent=1))
    else:
        print(render_month(found, year, month, unit=args.unit))
    return 0


def run_report(args) -> int:
    from assistant.records.report import coverage, render_png

    try:
        year, month = month_of(args.month)
    except ValueError as e:
        return usage_error(str(e))
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        return usage_error("--out 的后缀须为 .png")
    settings = load_settings()
    now = parse_at(None, settings)
    db, rules = open_store(settings, now)
    data = render_png(coverage(db, year, month, rules, today=now.date()))
    if problem := write_out(out, data):
        return usage_error(problem)
    print(f"已生成 {year}年{month}月 联系督导情况图：{out}（{len(data)} 字节）")
    return 0
