"""Telegram's records handlers: visit notes, the records commands and their shared runtime."""
