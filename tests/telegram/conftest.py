"""Telegram tests: fixtures from tests/support/telegram_harness.py (fake Bot API, app builders)."""

from tests.support.telegram_harness import fake_api, offline_api  # noqa: F401
