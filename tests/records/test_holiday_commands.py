"""/holidays and `docbot holidays` with the validation of issue 20 item 6: a partial notice is a preview
whose confirmation keeps the missing holidays at their statutory days; an import is undone with
/holidays 撤销 YEAR or `docbot holidays --undo YEAR`; CLI input is bounded."""

from datetime import date

import pytest

from assistant.records.state import load_calendar
from tests.records.test_holiday_validation import NOTICE_2027, PARTIAL_2028
from tests.support import telegram_harness as harness
from tests.support.cli import run_in_process
from tests.support.telegram_harness import offline, process

ADMIN, SECRETARY = 1, 222
offline_api = harness.offline_api


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    return harness.bundled_app_with_secretary(offline_api, tmp_path, knowledge, ADMIN, SECRETARY)


async def test_a_partial_notice_is_previewed_with_what_is_missing_and_imported_on_confirmation(bot, offline_api):
    api, db = offline_api, bot.bot_data["services"].db
    async with offline(bot) as errors:
        await process(bot, api.text("/holidays " + PARTIAL_2028, user=ADMIN))
        preview = api.sent(chat_id=ADMIN)[-1]
        assert "缺少元旦、清明节、劳动节、端午节、中秋节" in preview.text and "请核对后点" in preview.text
        assert db["holidays"].count == 0  # a preview changes nothing
        await process(bot, api.press(preview.buttons[0][1], user=ADMIN))
        assert "已导入2028年节假日安排" in api.sent(chat_id=ADMIN)[-1].text
        assert not load_calendar(db).is_workday(date(2028, 4, 4))  # 清明节 kept off, not a working day
        await process(bot, api.text("/holidays 撤销 2028", user=ADMIN))
        assert "已撤销2028年" in api.sent(chat_id=ADMIN)[-1].text and db["holidays"].count == 0
        await process(bot, api.text("/holidays 撤销 2028", user=ADMIN))
        assert "没有可撤销的2028年" in api.sent(chat_id=ADMIN)[-1].text
        for bad in ("/holidays 撤销 ²", "/holidays 撤销", "/holidays 撤销 9999"):
            await process(bot, api.text(bad, user=ADMIN))
            assert api.sent(chat_id=ADMIN)[-1].text.startswith("用法：/holidays 撤销 年份")
        await process(bot, api.text("/holidays 撤销 2028", user=SECRETARY))  # admins only
        assert "已撤销" not in api.sent(chat_id=SECRETARY)[-1].text
    assert not errors


async def test_a_notice_whose_dates_are_not_its_year_is_refused_with_the_reason(bot, offline_api):
    api, db = offline_api, bot.bot_data["services"].db
    wrong = NOTICE_2027.replace("2月5日（农历除夕、周五）至11日", "2月15日至21日")
    async with offline(bot) as errors:
        await process(bot, api.text("/holidays " + wrong, user=ADMIN))
    reply = api.sent(chat_id=ADMIN)[-1]
    assert "春节" in reply.text and "年份" in reply.text and "未导入" in reply.text and not reply.buttons
    assert db["holidays"].count == 0 and not errors


@pytest.fixture
def data_env(tmp_path):
    return {"DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": "none"}


def test_cli_import_needs_confirm_for_a_partial_notice_and_undo_restores(monkeypatch, tmp_path, data_env):
    partial = tmp_path / "2028.txt"
    partial.write_text(PARTIAL_2028, encoding="utf-8")
    r = run_in_process(monkeypatch, "holidays", "import", str(partial), env=data_env)
    assert r.returncode == 1 and "缺少元旦" in r.stdout and "--confirm" in r.stderr
    r = run_in_process(monkeypatch, "holidays", "import", str(partial), "--confirm", env=data_env)
    assert r.returncode == 0 and "已导入 2028 年" in r.stdout, r.stderr
    assert "春节" in run_in_process(monkeypatch, "holidays", "list", "2028", env=data_env).stdout
    r = run_in_process(monkeypatch, "holidays", "--undo", "2028", env=data_env)
    assert r.returncode == 0 and "已撤销2028年" in r.stdout
    assert "尚未导入" in run_in_process(monkeypatch, "holidays", "list", "2028", env=data_env).stdout
    r = run_in_process(monkeypatch, "holidays", "--undo", "2028", env=data_env)
    assert r.returncode == 1 and "没有可撤销" in r.stderr


@pytest.mark.parametrize("content, message", [
    (NOTICE_2027.encode() + b"\n" + "附".encode() * 40_000, "超过 80 KB"),
    (NOTICE_2027.encode("gb18030"), "不是 UTF-8"),
    (b"\x00" * 1000, "年份"),
])
def test_cli_input_is_bounded_and_refused_in_chinese(monkeypatch, tmp_path, data_env, content, message):
    path = tmp_path / "notice.txt"
    path.write_bytes(content)
    r = run_in_process(monkeypatch, "holidays", "import", str(path), env=data_env)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "data" / "docbot.sqlite3").exists()  # nothing opened, nothing written


@pytest.mark.parametrize("args", [("holidays",), ("holidays", "--undo", "²"), ("holidays", "--undo", "0")])
def test_cli_undo_arguments_are_strict(monkeypatch, data_env, args):
    r = run_in_process(monkeypatch, *args, env=data_env)
    assert r.returncode == 2 and "用法错误" in r.stderr, r.stderr
