"""Test support shared across areas: the fake Telegram Bot API (see fake_bot_api.py) and its fixtures."""
