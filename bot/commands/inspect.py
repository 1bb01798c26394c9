"""`docbot inspect FILE [--json]`: what the bot would understand of a file, before anyone uploads it.
`docbot inspect --summary DIR [--json]`: the same question over a whole folder, one report per file.

FILE: the same reading (sandboxed office loaders) and the same report as the upload preview in
Telegram, so an admin can check a new 工作要点 or 分工方案 on the command line: items per part, how
many have units, sample answers, the designated-lead rule, and the warnings. Exit 1 when the file is
refused. DIR (assistant/documents/folder_report.py): per document the items per part, items with parties,
parties that are not recognisable names, numbering gaps, the lead rule and whether the text assigns
work at all; totals on the last line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("inspect", help="检查一份文件能识别出哪些条目和责任单位（与上传预览相同）；--summary 检查整个文件夹并给出合计",
                       description="读取并解析文件（.docx/.doc/.wps/.pdf/.txt/.md），按部分列出条目数、有责任单位的条目数、"
                                   "示例条目（牵头/配合/时限）、文件规定的牵头规则；大多数条目没有责任单位或编号不规则时给出提醒。"
                                   "加 --summary 并给出文件夹时，逐份检查其中的所有文件（不含 README），"
                                   "列出条目数、有责任主体的条目数、未识别为名称的责任主体、编号缺漏、牵头规则、"
                                   "是否含责任表述，最后一行为合计。不改动文件库。")
    p.add_argument("file", help="要检查的文件路径（--summary 时为文件夹）")
    p.add_argument("--summary", action="store_true", help="检查整个文件夹，逐份汇总并给出合计")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    path = Path(args.file)
    if args.summary:
        return _summary(path, as_json=args.json)
    if path.is_dir():
        print(f"{path} 是文件夹；检查整个文件夹请加 --summary", file=sys.stderr)
        return 2
    from assistant.documents.uploads import UploadError, inspect_file

    if not path.is_file():
        print(f"找不到文件：{path}", file=sys.stderr)
        return 2
    try:
        report = inspect_file(path)
    except UploadError as err:
        print(f"无法读取：{err}", file=sys.stderr)
        return 1
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if args.json else report.text())
    return 0


def _summary(path: Path, *, as_json: bool) -> int:
    from assistant.documents.folder_report import read_folder

    if not path.is_dir():
        print(f"找不到文件夹：{path}", file=sys.stderr)
        return 2
    report = read_folder(path)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if as_json else report.text())
    return 0
