"""One normaliser for what people type, shared by question understanding, search and records.

Steps, in order: Traditional → Simplified (OpenCC's maintained t2s data), full/half width (NFKC),
variant characters the converter keeps (邨 → 村), then colloquial forms → the words the documents and
the recognisers use (啥时候 → 什么时候, 谁管 → 谁负责, 搞 → 开展). Everything is data below: a new
colloquial form is a new row, not a new regex somewhere else.

``normalise`` keeps the text's own punctuation and spacing (records quote it back); matching code
applies ``assistant.documents.names.name_key`` on top.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assistant.user_input.numbers import loose_digit
from corpus.vocabulary import CORE_STRIPPED, question_words, question_words_regex
from corpus.vocabulary_questions import COLLOQUIAL  # noqa: F401 - the colloquial forms, read here

try:  # the converter is a compiled wheel; without it Traditional input is simply left as typed
    import opencc

    _T2S = opencc.OpenCC("t2s")
except ImportError:  # pragma: no cover - opencc is a declared dependency
    _T2S = None

# Variant characters OpenCC leaves alone because both forms are valid Simplified Chinese; the
# documents use the second form ("东湖新村社区"), people often type the first ("东湖新邨").
VARIANTS = str.maketrans({"邨": "村"})

_COLLOQUIAL_RX = re.compile("|".join(re.escape(a) for a, _ in sorted(COLLOQUIAL, key=lambda r: -len(r[0]))))
_COLLOQUIAL_MAP = dict(COLLOQUIAL)

# Every kind of question word (corpus/vocabulary.py), function words included: what is left of a
# question without them is what it is about.
QUESTION_WORDS = question_words(*CORE_STRIPPED)
_QUESTION_RX = question_words_regex(*CORE_STRIPPED)
_NON_WORD = re.compile(r"[^\u4e00-\u9fff0-9a-zA-Z%]+")


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Traditional → Simplified, width folded (ＡＢ１ → AB1, ！ → !), variant characters unified. Digits
    the strict number rule refuses (², ①: assistant/user_input/numbers.py) are kept as typed, never folded into
    ASCII digits: "第²项" must not become "第2项" on the way to a recogniser."""
    s = _T2S.convert(text) if _T2S is not None and text else text
    if any(map(loose_digit, s)):
        return "".join(ch if loose_digit(ch) else unicodedata.normalize("NFKC", ch) for ch in s).translate(VARIANTS)
    return unicodedata.normalize("NFKC", s).translate(VARIANTS)


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """What every recogniser reads: Simplified, half width, colloquial forms replaced."""
    s = to_simplified(text or "")
    return _COLLOQUIAL_RX.sub(lambda m: _COLLOQUIAL_MAP[m.group(0)], s)


def strip_question(text: str) -> str:
    """The words a question is about, question words and punctuation removed ("谢谢呢" → "谢谢")."""
    return _NON_WORD.sub("", _QUESTION_RX.sub(" ", normalise(text)))
