"""Numbers typed by people, parsed strictly: the one place commands and notes turn text into an int.

Only ASCII digits (full-width ones count: they are the same keys in a Chinese input method) and
Chinese numerals (十七, 二〇二六) are numbers. ``str.isdigit`` also accepts ², ③ and other scripts'
digits, on which ``int()`` raises or means something else; and every number is bounded, since a
deadline of 99999999 days overflows the calendar. Out of range → None, and the caller says so.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from corpus.numerals import chinese_to_int
from corpus.vocabulary import CALENDAR_UNITS, ITEM_NOUNS, MEASURE_WORDS

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


@lru_cache(maxsize=512)
def loose_digit(ch: str) -> bool:
    """A character that ``str.isdigit``, NFKC or a regex ``\\d`` reads as a digit and this module does
    not: superscripts (²), circled and parenthesised digits (①, ⑽), other scripts' digits (١٢, ৩).
    Chinese numerals and their bracketed forms (㈠ → "(一)") are not digits here."""
    if "0" <= ch <= "9" or "\uff10" <= ch <= "\uff19" or unicodedata.category(ch) not in ("Nd", "No"):
        return False
    return not any("\u4e00" <= c <= "\u9fff" for c in unicodedata.normalize("NFKC", ch))


_AFTER = tuple(sorted({*ITEM_NOUNS, *MEASURE_WORDS, *CALENDAR_UNITS}, key=len, reverse=True))


def loose_number(text: str) -> str | None:
    """The first number in ``text`` typed with a digit the strict rule refuses, where people type a number:
    after 第 ("第²项") or before an item noun, a measure word or a calendar unit ("⑤日", "３²人")."""
    i, n = 0, len(text)
    while i < n:
        if not (loose_digit(text[i]) or text[i].isascii() and text[i].isdigit()):
            i += 1
            continue
        j = i
        while j < n and (loose_digit(text[j]) or text[j].isdigit()):
            j += 1
        run = text[i:j]
        if any(map(loose_digit, run)) and (text[:i].rstrip().endswith("第") or text[j:].lstrip().startswith(_AFTER)):
            return run
        i = j
    return None
