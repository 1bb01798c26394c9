"""Clean text at the edge, exports that never fail, and voiding a record (issue 10, failure 5)."""

import dataclasses
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.operations import access
from assistant.records import ledger
from assistant.records.void import void
from assistant.user_input.cleaning import clean, clean_update
from corpus import BUNDLED_DIR
from tests.support import telegram_harness as harness

ADMIN, SECRETARY = 1, 222
DIRTY = "走访记录：王焕清 11月5日到东山街督导，召开\x0b座谈会，发现台账\x01缺失，要求一个月内整改"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("raw", "stored"), [
    ("台账\x01缺失", "台账缺失"), ("座谈\x0b会", "座谈会"), ("第一行\r\n第二行", "第一行\n第二行"),
    ("保留\t制表符\n和换行", "保留\t制表符\n和换行"), ("\u202e文件名\u202c.docx", "文件名.docx"),
    ("\x00\x1f\x7f\x85", ""), ("正常文字 <script>", "正常文字 <script>"), ("😀 表情", "😀 表情"),
])
def test_clean_removes_control_and_bidi_characters_only(raw, stored):
    assert clean(raw) == stored


def test_clean_update_keeps_entities_pointing_at_their_text():
    text = "/rectify\x0b 东山\x01街 @docbot_test_bot 😀\x02末"
    payload = {"update_id": 1, "message": {"text": text, "entities": [
        {"type": "bot_command", "offset": 0, "length": 8}, {"type": "mention", "offset": 15, "length": 16},
        {"type": "bold", "offset": 32, "length": 4}]}}
    cleaned, originals = clean_update(payload)
    message = cleaned["message"]
    assert originals == [text] and message["text"] == "/rectify 东山街 @docbot_test_bot 😀末"
    utf16 = message["text"].encode("utf-16-le")
    spans = [utf16[2 * e["offset"]: 2 * (e["offset"] + e["length"])].decode("utf-16-le") for e in message["entities"]]
    assert spans == ["/rectify", "@docbot_test_bot", "😀末"]


@pytest.fixture
async def running(fake_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(fake_api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    access.set_role(services.db, SECRETARY, "secretary", at=harness.FIXED_NOW, actor="test")
    app = harness.make_app(settings, services)
    async with harness.polling(app) as errors:
        yield services, errors
    assert not errors


async def test_failure_5_a_control_character_is_kept_out_of_the_store_and_the_export_works(fake_api, running):
    services, _ = running
    fake_api.push(fake_api.text(DIRTY, user=SECRETARY))
    [draft] = await fake_api.wait_for(chat_id=SECRETARY, timeout=10)
    fake_api.push(fake_api.press(draft.buttons[0][1], user=SECRETARY))
    await fake_api.wait_for(count=2, chat_id=SECRETARY, timeout=10)
    [visit] = services.db["visits"].rows
    assert visit["original"] == clean(DIRTY) and "\x0b" not in visit["findings"] + visit["methods"]
    [kept] = [r for r in services.db["audit_log"].rows if r["action"] == "input_cleaned"]
    assert kept["original"] == DIRTY and json.loads(kept["details"])["chat_id"] == SECRETARY
    # An old row stored before cleaning existed: the export cleans again instead of failing.
    services.db["visits"].update(visit["id"], {"findings": "旧数据\x0b\x01"})
    fake_api.push(fake_api.text("/export 2025-11", user=SECRETARY))
    [sent] = await fake_api.wait_for("sendDocument", chat_id=SECRETARY, timeout=10)
    sheet = load_workbook(io.BytesIO(sent.files["document"])).active
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["旧数据"]


async def test_an_admin_voids_a_visit_and_a_rectification_which_leave_the_ledger(fake_api, running):
    services, _ = running
    fake_api.push(fake_api.text(DIRTY.replace("\x0b", "").replace("\x01", ""), user=SECRETARY))
    [draft] = await fake_api.wait_for(chat_id=SECRETARY, timeout=10)
    fake_api.push(fake_api.press(draft.buttons[0][1], user=SECRETARY))
    await fake_api.wait_for(count=2, chat_id=SECRETARY, timeout=10)
    visits, rects = ledger.ledger_rows(services.db, "2025-11")
    assert len(visits) == 1 and len(rects) == 1
    for n, command in enumerate(("/void 走访 1 重复登记", "/void 走访 1 再来一次", "/void 整改 1 随走访作废",
                                 "/void 走访 ²", "/void 走访 2 不存在"), start=1):
        fake_api.push(fake_api.text(command, user=ADMIN))  # one at a time: updates run concurrently
        replies = [c.text for c in await fake_api.wait_for(count=n, chat_id=ADMIN, timeout=10)]
    assert "已作废第1号走访记录" in replies[0] and "第1号整改仍然有效" in replies[0]
    assert "已经作废过了" in replies[1] and "已作废第1号整改" in replies[2]
    assert "用法" in replies[3] and "没有第2号" in replies[4]
    assert ledger.ledger_rows(services.db, "2025-11") == ([], [])
    actions = [r["action"] for r in services.db["audit_log"].rows]
    assert actions.count("void_visit") == 1 and actions.count("void_rectification") == 1
    fake_api.push(fake_api.text("/void 走访 1 秘书不能作废", user=SECRETARY))
    assert "管理员" in (await fake_api.wait_for(count=3, chat_id=SECRETARY, timeout=10))[-1].text


def test_docbot_void_from_the_command_line(tmp_path, docbot):
    from assistant.storage.store import open_db

    db = open_db(tmp_path / "docbot.sqlite3")
    db["rectifications"].insert({"id": 4, "unit": "东山街", "issue": "台账缺失", "notice_date": "2026-11-05",
                                 "due": "2026-12-05", "rule": "explicit", "status": "open"})
    env = {"DOCBOT_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    run = docbot("void", "rectification", "4", "--reason", "登记错误", env=env)
    assert run.returncode == 0 and "已作废第4号整改" in run.stdout, run.stderr
    again = docbot("void", "整改", "4", "--reason", "再次", env=env)
    assert again.returncode == 1 and "已经作废过了" in again.stderr
    assert db["rectifications"].get(4)["status"] == "void"


def test_void_needs_a_reason(tmp_path):
    from assistant.storage.store import open_db

    db = open_db(tmp_path / "docbot.sqlite3")
    assert void(db, "visit", 1, "  ", now=harness.FIXED_NOW, actor="1") == (False, "请写明作废走访记录的原因。")
