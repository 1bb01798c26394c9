"""Composition root: configuration, the `docbot` CLI, the Telegram Application and scheduled jobs."""
