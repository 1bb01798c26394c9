"""`docbot run` configuration paths that need no network."""

from pathlib import Path

import pytest

from bot.app import HANDLER_MODULES, file_url, handler_modules, webhook_options
from bot.cli import main
from bot.commands.run import seed_corpus
from bot.config import Settings
from corpus import BUNDLED_DIR


def test_run_without_a_token_explains_in_chinese(monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("DOCBOT_CONFIG", raising=False)
    assert main(["run"]) == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_webhook_needs_a_public_url(monkeypatch, capsys):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.delenv("DOCBOT_WEBHOOK_URL", raising=False)
    monkeypatch.delenv("DOCBOT_CONFIG", raising=False)
    assert main(["run", "--webhook"]) == 2
    assert "DOCBOT_WEBHOOK_URL" in capsys.readouterr().err


def test_webhook_options_listen_on_the_url_path_with_a_secret():
    settings = Settings(telegram_token="1:x", webhook_url="https://bot.example.org/tg/hook", webhook_port=8443)
    options = webhook_options(settings)
    assert options["url_path"] == "tg/hook" and options["port"] == 8443
    assert options["secret_token"].isalnum() and "1:x" not in options["secret_token"]


@pytest.mark.parametrize("base, files", [
    ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
    ("http://127.0.0.1:8081/bot/", "http://127.0.0.1:8081/file/bot"),
    ("https://proxy.example.org/telegram", None),
])
def test_file_url_follows_the_api_server(base, files):
    assert file_url(base.rstrip("/")) == files


def test_handler_modules_all_import_and_records_is_optional():
    names = [m.__name__ for m in handler_modules()]
    assert names[:4] == HANDLER_MODULES[:4] and "handlers.records.notes" in HANDLER_MODULES


def test_a_missing_corpus_dir_is_seeded_with_the_bundled_documents(tmp_path: Path):
    seed_corpus(Settings(corpus_dir=tmp_path / "corpus"))
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == sorted(p.name for p in BUNDLED_DIR.iterdir())
    seed_corpus(Settings(corpus_dir=BUNDLED_DIR))  # the bundled directory itself is left alone
