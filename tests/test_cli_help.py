"""All CLI help text is Chinese (issue 19): argparse's usage line, section titles, -h and its own error
messages included, for every command and sub-command."""

import argparse

import pytest

from bot.cli import build_parser

ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "the following arguments",
           "invalid choice", "unrecognized arguments", "error:")


def _parsers(parser, prog="docbot"):
    yield prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{prog} {name}")


PARSERS = dict(_parsers(build_parser()))


@pytest.mark.parametrize("prog", sorted(PARSERS))
def test_help_is_chinese(prog):
    text = PARSERS[prog].format_help()
    assert text.startswith("用法：") and "显示本帮助并退出" in text
    assert not [w for w in ENGLISH if w in text.lower()]


@pytest.mark.parametrize("argv", [["frobnicate"], ["rectify", "add"], ["docs", "--nope"], ["item"]])
def test_usage_errors_are_chinese(docbot, argv):
    r = docbot(*argv)
    assert r.returncode == 2 and "用法错误：" in r.stderr
    assert not [w for w in ENGLISH if w in r.stderr.lower().replace("用法错误：", "")]
