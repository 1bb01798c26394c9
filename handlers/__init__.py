"""Telegram adapters: parse an update, call one core function, render the reply."""
