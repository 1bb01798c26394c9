"""What misled a new user in the records features (issue 19, item 4): /calendar in a chat never points to
a command-line program and lists undated yearly duties once under 全年; reminder digests show Chinese
headings; `docbot rectify add` takes the visit-note form of a deadline and refuses with its own usage."""

import dataclasses
import re
from datetime import datetime

import pytest

from assistant.operations import access
from assistant.records import obligations
from corpus import BUNDLED_DIR
from tests.records.conftest import TZ
from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process

ADMIN, MEMBER = 1, 55
offline_api = harness.offline_api


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(offline_api, tmp_path, admins={ADMIN}),
                                   corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    services.clock = lambda: datetime(2026, 11, 22, 10, 0, tzinfo=TZ)
    access.allow(services.db, MEMBER, at=services.clock(), actor="test")
    return harness.make_app(settings, services, offline_api)


async def test_calendar_in_a_chat_lists_yearly_duties_once_under_the_whole_year(bot, offline_api, corpus):
    api = offline_api
    async with offline(bot) as errors:
        for text in ("/calendar 2026-12", "/calendar 2026-11", "/calendar 全年"):
            await process(bot, api.text(text, user=MEMBER))
    december, november, year = (c.text for c in api.sent(chat_id=MEMBER))
    undated = obligations.yearly_undated(obligations.obligations_of(corpus.documents))
    assert len(undated) >= 10
    for reply in (december, november, year):
        assert "docbot" not in reply and "--json" not in reply
    # not a December deadline: neither December nor any other month lists "每年" as due
    assert "• 每年｜" not in december and "• 每年｜" not in november
    assert f"另有{len(undated)}项每年要做" in december and "/calendar 全年" in december
    assert year.startswith(f"全年（每年要做、文件未写明日期）的工作事项，共{len(undated)}项")
    assert "可加上单位缩小范围，例如 /calendar 全年 区纪委" in year  # more than fit: narrowed in the chat
    sources = re.findall(r"来源：(.+)", year)
    assert len(sources) == len(set(sources))  # each once
    assert not errors


@pytest.fixture
def cli(tmp_path, monkeypatch):
    from tests.support.cli import run_in_process

    env = {"DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1", "DOCBOT_CORPUS_DIR": None}
    return lambda *args: run_in_process(monkeypatch, *args, env=env)


def test_reminder_digests_show_chinese_headings_never_keys(cli):
    assert cli("bind", "111", "王焕清").returncode == 0
    assert cli("rectify", "add", "东山街", "组织生活记录不规范", "2026-11-05", "--at", "2026-11-06T10:00").returncode == 0
    keys = re.compile(r"\b(?:monthly|nudge|rect|obl|holidays|digest):")
    for at in ("2026-11-02T09:00", "2026-11-30T09:00", "2026-12-01T09:00"):
        out = cli("reminders", "--at", at).stdout
        assert "→ 王焕清（111）：" in out, out[:300]
        assert not keys.search(out), keys.search(out).group(0)
    out = cli("reminders", "--at", "2026-11-30T09:00", "--bound-only").stdout
    assert "联系督导催办" in out and "整改期限提醒" in out


@pytest.mark.parametrize(("deadline", "due", "basis"), [
    ("一个月内", "2026-12-05", "《越秀工作要点》附件2"),  # the document's own rule, cited as such
    ("两个月内", "2027-01-05", "登记时写明“两个月内”"),
    ("15天内", "2026-11-20", "登记时写明“15天内”"),
    ("12月20日", "2026-12-20", "登记时写明期限"),
])
def test_rectify_add_takes_the_visit_note_forms_of_a_deadline(cli, deadline, due, basis):
    r = cli("rectify", "add", "东山街", "组织生活记录不规范", "2026-11-05", deadline, "--at", "2026-11-06T10:00")
    assert r.returncode == 0, r.stderr
    assert f"期限：{due}" in r.stdout and basis in r.stdout


def test_a_rectify_refusal_shows_the_cli_usage_and_json_an_error_object(cli):
    import json

    r = cli("rectify", "add", "东山街", "组织生活记录不规范", "--at", "2026-11-06T10:00")
    assert r.returncode == 1 and "用法：docbot rectify add 单位 问题 通知日期" in r.stderr and "/rectify" not in r.stderr
    r = cli("rectify", "add", "东山街", "问题", "2026-11-05", "下个世纪", "--json", "--at", "2026-11-06T10:00")
    assert r.returncode == 1 and set(json.loads(r.stdout)) == {"error"}
    assert "未识别到整改期限" in json.loads(r.stdout)["error"]
    r = cli("rectify", "add", "东山街", "问题", "2026-11-05", "一个月内", "--json", "--at", "2026-11-06T10:00")
    assert r.returncode == 0 and json.loads(r.stdout)["due"] == "2026-12-05"
    assert not json.loads(cli("rectifications", "--json").stdout)[1:]  # the refusals stored nothing


def test_coverage_chart_has_headers_wraps_names_and_keeps_types_in_columns(db, rules):
    from datetime import date

    from assistant.records.report import coverage, figure, layout, wrap
    from assistant.records.rules import KIND_NAMES

    cov = coverage(db, 2026, 11, rules, today=date(2026, 11, 30))
    kinds = {name: kind for _, cells in cov.rows for name, kind, _ in cells}
    columns, cells = layout(cov)
    assert len(set(columns)) >= 3
    for (_, c), (name, _) in cells.items():  # every column holds one point type
        assert kinds[name] == columns[c], (name, kinds[name], columns[c])
    assert [c for c in columns] == sorted(columns, key=list(KIND_NAMES).index)  # types in blocks, in order
    texts = [t.get_text() for t in figure(cov).axes[0].texts]
    assert {KIND_NAMES[k] for k in columns} <= set(texts)  # column headers
    names = {name for _, cells in cov.rows for name, _, _ in cells}
    long = max(names, key=len)
    assert len(long) > 9 and wrap(long) in texts and wrap(long).replace("\n", "") == long  # whole, wrapped
    assert all(len(line) <= 8 for line in wrap(long).split("\n"))  # 7, and a closing bracket
    import jieba

    name = "广州壹马交通投资有限公司党支部"
    bounds = {sum(map(len, jieba.lcut(name)[:i])) for i in range(len(jieba.lcut(name)) + 1)}
    lines = wrap(name).split("\n")
    assert len(lines) > 1 and all(sum(map(len, lines[:i])) in bounds for i in range(len(lines)))  # between words


@pytest.mark.parametrize(("deadline", "due"), [
    ("一个半月内", "2026-12-20"),  # was read as "半月内": 2026-11-20 (hostile pass, 7 December)
    ("三个半月内", "2027-02-20"),
])
def test_rectify_add_reads_months_and_a_half(cli, deadline, due):
    r = cli("rectify", "add", "东山街", "组织生活记录不规范", "2026-11-05", deadline, "--at", "2026-11-06T10:00")
    assert r.returncode == 0, r.stderr
    assert f"期限：{due}" in r.stdout and f"登记时写明“{deadline}”" in r.stdout


@pytest.mark.parametrize("deadline", ["0个月内", "0天内", "2026-11-01"])
def test_rectify_add_refuses_a_deadline_of_nothing_or_before_the_notice(cli, deadline):
    """"0个月内" was stored as half a month, a deadline before the notice date as given."""
    r = cli("rectify", "add", "东山街", "组织生活记录不规范", "2026-11-05", deadline, "--at", "2026-11-06T10:00")
    assert r.returncode == 1 and "请核对" in r.stderr, (r.stdout, r.stderr)
    assert "[]" in cli("rectifications", "--json").stdout
