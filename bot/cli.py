"""The `docbot` command line. Each sub-command lives in its own module under bot/commands/ and
exposes ``register(subparsers)``; this file only discovers them and dispatches.

Exit codes: 0 success (including "not found" answers), 2 usage errors, 1 unexpected failures.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from bot import commands


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: a Chinese message and exit code 2
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; with ``only``, just the module of that name when it registers that
    command (`docbot ask …` then imports one command module, not fourteen: ~20 ms of a cold answer)."""
    parser = _Parser(prog="docbot", description="党建文件助手：对党建政策文件提问、查条目、管理走访台账。")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    modules = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    if only in modules:
        importlib.import_module(f"bot.commands.{only}").register(sub)
        if only in sub.choices:
            return parser
        return build_parser()  # that module registers other names: the full parser decides
    for mod in modules:
        importlib.import_module(f"bot.commands.{mod}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The command is the first word that is not an option (only -v/--verbose come before it); a help
    # request before it (`docbot --help ask`) gets the full list of commands.
    command = next((a for a in argv if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help") for a in argv[:argv.index(command)]) if command else True
    parser = build_parser(only=None if wants_help else command)
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
