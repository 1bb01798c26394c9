"""The README stays true: every CLI sub-command and every bot command appears in it with its help text
(as sqlite-utils' tests/test_docs.py does for its own docs)."""

import importlib
import re
from pathlib import Path

import pytest

from bot.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _cli_commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = {a.dest: a.help for a in sub._choices_actions}
    return sorted(helps.items())


def _bot_commands():
    from bot.app import HANDLER_MODULES

    out = []
    for name in HANDLER_MODULES:
        out += getattr(importlib.import_module(name), "COMMANDS", [])
    return out


@pytest.mark.parametrize(("command", "help_text"), _cli_commands())
def test_cli_command_documented(command, help_text):
    assert re.search(rf"docbot {re.escape(command)}\b", README), f"`docbot {command}` missing from README"
    assert help_text and help_text in README, f"help text of `docbot {command}` missing: {help_text}"


@pytest.mark.parametrize(("command", "description"), _bot_commands())
def test_bot_command_documented(command, description):
    assert f"/{command}" in README, f"/{command} missing from README"
    assert description in README, f"description of /{command} missing: {description}"


def test_quick_start_is_two_commands():
    block = README.split("## 快速开始", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]
