"""Numbers typed by people, parsed strictly: the one place commands and notes turn text into an int.

Only ASCII digits (full-width ones count: they are the same keys in a Chinese input method) and
Chinese numerals (十七, 二〇二六) are numbers. ``str.isdigit`` also accepts ², ③ and other scripts'
digits, on which ``int()`` raises or means something else; and every number is bounded, since a
deadline of 99999999 days overflows the calendar. Out of range → None, and the caller says so.
"""

from __future__ import annotations

from corpus.numerals import chinese_to_int

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
MAX_DIGITS = 15  # beyond any id or count a person types; keeps int() and comparisons cheap
USER_ID_MAX = 10**13  # Telegram user ids are below 2**52; groups are negative and not users
RECORD_ID_MAX = 10**9  # record numbers (/done 3)
ITEM_MAX = 999  # item numbers in a document (第17项)
DEADLINE_DAYS_MAX = 5 * 366  # deadlines at most five years ahead
DEADLINE_MONTHS_MAX = 5 * 12


def parse_int(text: str | None, *, low: int = 0, high: int) -> int | None:
    """The integer ``text`` names, if it is one and low <= n <= high; else None."""
    raw = (text or "").strip().translate(_FULLWIDTH)
    if not raw or len(raw) > MAX_DIGITS:
        return None
    if raw.isascii():
        value = int(raw) if raw.isdigit() else None
    else:
        value = chinese_to_int(raw)
    return value if value is not None and low <= value <= high else None


def user_id(text: str | None) -> int | None:
    return parse_int(text, low=1, high=USER_ID_MAX)


def record_id(text: str | None) -> int | None:
    return parse_int(text, low=1, high=RECORD_ID_MAX)
