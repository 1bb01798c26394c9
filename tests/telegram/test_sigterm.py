"""`docbot run` as a real process against the fake Bot API: it answers, and stops on SIGTERM."""

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.support.fake_bot_api import TOKEN

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_docbot_run_answers_and_stops_within_seconds_on_a_signal(fake_api, tmp_path, sig):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_api.base_url,
           "DOCBOT_ADMINS": "1", "DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1",
           "NO_PROXY": "127.0.0.1,localhost", "DOCBOT_CORPUS_DIR": str(tmp_path / "corpus")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        fake_api.push(fake_api.text("越秀工作要点第17项谁牵头？", user=1))
        [reply] = await fake_api.wait_for(chat_id=1, timeout=60)
        assert "第17项" in reply.text
        assert (tmp_path / "corpus").is_dir()  # seeded from the bundled documents
        # back in a long poll (a getUpdates not answered yet): the signal must not wait for it to end
        for _ in range(1000):
            if any(c.method == "getUpdates" and c.status == 0 for c in fake_api.calls):
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError("the bot never went back to its long poll")
        started = time.monotonic()
        proc.send_signal(sig)
        output, _ = await asyncio.wait_for(proc.communicate(), timeout=10)
        assert time.monotonic() - started < 5, output.decode()
        assert proc.returncode == 0, output.decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_docbot_run_webhook_answers_a_posted_update(fake_api, tmp_path):
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_api.base_url,
           "DOCBOT_ADMINS": "1", "DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1",
           "NO_PROXY": "127.0.0.1,localhost", "DOCBOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/tg/hook",
           "DOCBOT_WEBHOOK_LISTEN": "127.0.0.1", "DOCBOT_WEBHOOK_PORT": str(port)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--webhook", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        [hook] = await fake_api.wait_for("setWebhook", timeout=60)
        assert hook.params["url"] == f"http://127.0.0.1:{port}/tg/hook"
        update = fake_api.text("越秀工作要点第17项谁牵头？", user=1)
        async with httpx.AsyncClient() as client:
            forged = await client.post(f"http://127.0.0.1:{port}/tg/hook", json=update)
            assert forged.status_code == 403  # without Telegram's secret header
            ok = await client.post(f"http://127.0.0.1:{port}/tg/hook", json=update,
                                   headers={"X-Telegram-Bot-Api-Secret-Token": hook.params["secret_token"]})
            assert ok.status_code == 200
        [reply] = await fake_api.wait_for(chat_id=1, timeout=10)
        assert "第17项" in reply.text
        proc.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(proc.communicate(), timeout=10)
        assert proc.returncode == 0, output.decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
