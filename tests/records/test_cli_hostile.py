"""`docbot` commands given what a careless or hostile user gives them (issue 20, items 8 and c): invalid
UTF-8 on stdin or in an argument, years 0 and 9999, an output file that cannot be written. Each gets a
clear Chinese message (exit 2 for usage), never a traceback."""

import json
import os
import subprocess
import sys

import pytest

INVALID = b"\xff\xfe\xc3(\xed\xa0\x80 \xe7\xac\xac17\xe9\xa1\xb9\n"  # garbage, a lone surrogate, then "第17项"


@pytest.fixture
def docbot(tmp_path):
    env = {**os.environ, "DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1",
           "DOCBOT_EMBEDDING_MODEL": "none"}
    env.pop("DOCBOT_CORPUS_DIR", None)

    def run(*args, stdin: bytes = b""):
        return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True,
                              timeout=120, env=env)

    return run


@pytest.mark.parametrize("args", [("chat",), ("chat", "--json"), ("ask", "-"), ("ask", "-", "--json")])
def test_invalid_utf8_on_stdin_is_read_with_replacement(docbot, args):
    r = docbot(*args, stdin=INVALID + "越秀工作要点第17项谁牵头\n".encode())
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 0 and "Traceback" not in err, err
    out = r.stdout.decode("utf-8")
    assert "第17项" in out
    if "--json" in args:
        assert len([json.loads(line) for line in out.splitlines() if line.strip()]) == 2  # one per line


def test_an_argument_that_is_not_utf8_is_answered(docbot):
    r = subprocess.run([sys.executable, "-m", "bot.cli", "ask", os.fsdecode(b"\xff\xfe\xe7\xac\xac17")],
                       capture_output=True, timeout=120,
                       env={**os.environ, "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": "none"})
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "0-1", "٢٠٢٦-١١", "２０２６-１３"])
@pytest.mark.parametrize("command", ["report", "calendar", "export", "visits"])
def test_years_out_of_range_are_a_usage_error(docbot, tmp_path, command, month):
    extra = {"report": ["--out", str(tmp_path / "r.png")], "export": ["--out", str(tmp_path / "t.xlsx")]}
    r = docbot(command, "--month", month, *extra.get(command, []))
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err and "月份" in err, err


@pytest.mark.parametrize(("command", "out"), [("report", "r.png"), ("export", "t.xlsx"), ("backup", "b.sqlite3")])
def test_an_unwritable_out_file_is_a_clear_error(docbot, tmp_path, command, out):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory was expected")
    args = [command, "--out", str(blocker / out)] + ([] if command == "backup" else ["--month", "2026-11"])
    r = docbot(*args)
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err and "无法写入" in err, err


@pytest.mark.parametrize("value", ["²", "١٢", "1" + "0" * 30, "-3"])
@pytest.mark.parametrize("args", [("holidays", "list", "{v}"), ("holidays", "import", "x.txt", "--year", "{v}"),
                                  ("void", "visit", "{v}", "--reason", "重复"), ("rectify", "done", "{v}"),
                                  ("bind", "{v}", "王焕清"), ("visit", "add", "走访记录：王焕清 11月5日到东山街督导", "--by", "{v}")])
def test_cli_numbers_go_through_the_strict_parser(docbot, args, value):
    r = docbot(*(a.format(v=value) for a in args))
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err and "应为" in err, err


@pytest.mark.parametrize(("args", "shown"), [(("holidays", "list", "２０２７"), "2027年"), (("rectify", "done", "１"), "没有第1号")])
def test_cli_full_width_digits_are_numbers(docbot, args, shown):
    r = docbot(*args)
    assert shown in r.stdout.decode() + r.stderr.decode()


@pytest.mark.parametrize("where", ["folder", "file", "url"])
def test_a_store_that_cannot_be_opened_is_a_message_not_a_traceback(tmp_path, monkeypatch, where):
    """docbot.sqlite3 a folder, the data dir a file, a URL of another scheme: a traceback before (hostile
    pass); the message never shows the URL (it may hold a password)."""
    from bot.cli import main

    data = tmp_path / "data"
    if where == "folder":
        (data / "docbot.sqlite3").mkdir(parents=True)
    elif where == "file":
        data.write_text("not a folder")
    for k, v in {"DOCBOT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": "none"}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("DOCBOT_CORPUS_DIR", raising=False)
    if where == "url":
        monkeypatch.setenv("DOCBOT_DATABASE_URL", "mysql://user:secret@db/x")
    else:
        monkeypatch.delenv("DOCBOT_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main(["rectify", "add", "东山街", "问题", "2026-11-05"])
    assert "错误：无法打开数据库" in str(stopped.value.code) and "secret" not in str(stopped.value.code)
