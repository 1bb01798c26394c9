"""Chinese numerals ↔ integers, for item numbers (第十七项), section labels (（二十五）) and dates."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def chinese_to_int(text: str) -> int | None:
    """Parse 十七 / 二十五 / 一百零三 / 二〇二〇 (digit-by-digit) / 17. None when not a numeral."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isascii() and text.isdigit():  # not str.isdigit alone: "²" is a digit to it, and int() fails
        return int(text)
    if any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    if not any(c in _UNITS for c in text):  # 二〇二〇: read digit by digit
        return int("".join(str(_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in _DIGITS:
            current = _DIGITS[c]
        else:
            total += (current or 1) * _UNITS[c]  # 十七: a bare 十 means 10
            current = 0
    return total + current


def int_to_chinese(n: int) -> str:
    """17 → 十七, 25 → 二十五 (for section labels up to 99)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
