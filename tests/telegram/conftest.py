"""Telegram tests: fixtures from tests/support/telegram_harness.py (fake Bot API, app builders)."""

import pytest

from tests.support import telegram_harness as harness

fake_api = harness.fake_api
offline_api = harness.offline_api

ADMIN, STRANGER, MEMBER = 1, 777, 55
GROUP = -100123


@pytest.fixture
def offline_bot(offline_api, tmp_path, knowledge):  # noqa: F811
    """An application answering from the real bundled corpus through offline requests; ADMIN is admin."""
    settings = harness.settings_for(offline_api, tmp_path, admins={ADMIN})
    services = harness.make_services(settings, knowledge)
    return harness.make_app(settings, services, offline_api)
