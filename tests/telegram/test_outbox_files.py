"""The outbox beyond text messages (issue 20): files (/export, /report) and a button press's answer
(answerCallbackQuery), over the real HTTP stack against the loopback fake Bot API.

Failures they reproduced: a sendDocument failing past the quick retries raised into the handler
("出错了", the file never sent); an answerCallbackQuery failing after a note's 确认 was saved told the
secretary "出错了" although the record was stored (and a replayed press answered the query again)."""

import pytest

from assistant.operations import outbox as store
from tests.support import telegram_harness as harness
from tests.telegram.test_outbox import NOTE, SECRETARY, _bot, _messages, _settled


def _errors_said(fake_api) -> list[str]:
    return [c.text for c in fake_api.sent() if "出错了" in c.text]


@pytest.mark.parametrize(("command", "method", "caption"), [("/export 2026-11 csv", "sendDocument", "台账"),
                                                           ("/report 2026-11", "sendPhoto", "联系督导情况")])
async def test_a_file_refused_past_the_quick_retries_is_sent_later_once_with_its_bytes(
        fake_api, tmp_path, knowledge, command, method, caption):
    app, _, _ = _bot(fake_api, tmp_path, knowledge)
    fake_api.fail(method, 502, times=6)  # more than RetryingRequest's 4 tries
    async with harness.polling(app) as errors:
        fake_api.push(fake_api.text(command, user=SECRETARY))
        [doc] = await fake_api.wait_for(method, chat_id=SECRETARY, timeout=20)
        await _settled(app)
    tries = [c for c in fake_api.calls if c.method == method]
    assert len(tries) == 7 and len(fake_api.sent(method)) == 1  # 6 refused, then delivered once
    [(name, data)] = doc.files.items()
    assert data == tries[0].files[name] and caption in doc.params.get("caption", "")
    assert not _errors_said(fake_api) and not errors
    assert [(m.method, m.status) for m in _messages(app)] == [(method, "sent")]


async def test_a_failing_answer_to_the_confirm_press_never_turns_a_saved_note_into_an_error(
        fake_api, tmp_path, knowledge):
    app, services, _ = _bot(fake_api, tmp_path, knowledge)
    async with harness.polling(app) as errors:
        fake_api.push(fake_api.text(NOTE, user=SECRETARY))
        [preview] = await fake_api.wait_for(chat_id=SECRETARY)
        fake_api.fail("answerCallbackQuery", 502, times=8)
        fake_api.push(fake_api.press(preview.buttons[0][1], user=SECRETARY))
        _, saved = await fake_api.wait_for(chat_id=SECRETARY, count=2)
        await _settled(app)
    assert saved.text.startswith("✅ 已保存第")
    assert services.db["visits"].count == 1 and not _errors_said(fake_api) and not errors
    answers = [m for m in _messages(app) if m.method == "answerCallbackQuery"]
    assert [m.status for m in answers] == ["given_up"]  # tried once (the query expires in seconds)


def test_a_files_row_keeps_its_bytes_and_posts_them_again():
    from telegram import InputFile
    from telegram.request import RequestData
    from telegram.request._requestparameter import RequestParameter

    from bot.outbox import request_data, storable

    data = RequestData([RequestParameter("chat_id", "5", None),
                        RequestParameter.from_input("document", InputFile(b"\x00PK\xff", filename="台账.xlsx"))])
    again = request_data(store.json.loads(store.json.dumps(storable(data))))
    assert again.contains_files and again.parameters == data.parameters
    assert again.multipart_data == data.multipart_data
