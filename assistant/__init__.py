"""The channel-agnostic core: questions → answers, records, reminders, notes, access rules.

Nothing here imports telegram; CLI, terminal chat and Telegram handlers all call these functions.
"""
