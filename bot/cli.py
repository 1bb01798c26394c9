"""The `docbot` command line. Each sub-command lives in its own module under bot/commands/ and
exposes ``register(subparsers)``; this file only discovers them and dispatches.

Exit codes: 0 success (including "not found" answers), 2 usage errors, 1 unexpected failures.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import re
import sys
from pathlib import Path

from bot import commands


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# argparse's own messages, in the words a Chinese user reads (all CLI text is Chinese); compiled only when a
# usage error is reported, so a cold `docbot ask` compiles nothing before the regex cache is installed
_MESSAGES = (
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"无效的选项 \1（可选：\2）"),
    (r"expected one argument", "需要一个值"),
    (r"expected at least one argument", "至少需要一个值"),
    (r"invalid (\w+) value: (.*)", r"无效的值：\2"),
    (r"not allowed with argument (.*)", r"不能与参数 \1 同时使用"),
    (r"ambiguous option: (.*?) could match (.*)", r"选项 \1 不明确，可能是：\2"),
    (r"^argument (.*?): ", r"参数 \1："),
)


class _Parser(argparse.ArgumentParser):
    """Chinese throughout: usage line, section titles, -h, and argparse's own error messages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "位置参数", "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str):  # usage errors: a Chinese message and exit code 2
        for pattern, words in _MESSAGES:
            message = re.sub(pattern, words, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def _command_modules() -> list[str]:
    """The modules of bot/commands/ (a directory listing: pkgutil.iter_modules imports inspect, ast and
    dis, ~10 ms of every cold `docbot ask`)."""
    names = set()
    for folder in commands.__path__:
        with os.scandir(folder) as entries:
            names |= {e.name[:-3] for e in entries if e.name.endswith(".py") and e.name != "__init__.py"}
    return sorted(names)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; with ``only``, just the module of that name when it registers that
    command (`docbot ask …` then imports one command module, not fourteen: ~20 ms of a cold answer)."""
    parser = _Parser(prog="docbot", description="党建文件助手：对党建政策文件提问、查条目、管理走访台账。")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    modules = _command_modules()
    if only in modules:
        importlib.import_module(f"bot.commands.{only}").register(sub)
        if only in sub.choices:
            return parser
        return build_parser()  # that module registers other names: the full parser decides
    for mod in modules:
        importlib.import_module(f"bot.commands.{mod}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # the `docbot` program itself, not a test calling main
    if program:
        # Importing a command's modules creates tens of thousands of objects that live as long as the
        # process: the collector would scan them again and again (~10 ms of a cold `docbot ask`). Off while
        # they are imported, then frozen out of its sight (gc.freeze) and back on for the command's own work.
        gc.disable()
        from bot import regex_cache  # patterns compiled once per data dir

        regex_cache.install(Path(os.environ.get("DOCBOT_DATA_DIR") or "data") / "cache")
    argv = sys.argv[1:] if argv is None else list(argv)
    # The command is the first word that is not an option (only -v/--verbose come before it); a help
    # request before it (`docbot --help ask`) gets the full list of commands.
    command = next((a for a in argv if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help") for a in argv[:argv.index(command)]) if command else True
    parser = build_parser(only=None if wants_help else command)
    if program:
        gc.freeze()
        gc.enable()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    # Chinese output on any terminal, even one with a C locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `docbot … | head`: the reader left; not an error worth a traceback
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
