"""One body written two ways in one document: "金井湾片区开发管理局" in the roster, "金井湾片区管理局" in the
duty list. The shorter form is an implicit alias of the longer one when the longer one is the only name in
the text that holds it with words left out — same opening, same ending, the short form's characters in
order — so both names answer for the body. Two different bodies never merge: a short name matching two
longer ones ("区财政局" beside "区财政金融局" and "区财政审计局") stays as written, and a person's name is never
an abbreviation ("欧阳志为").
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.parties import is_party_name, personal_name
from corpus.vocabulary import one_of
from corpus.vocabulary_names import ALIAS_GAP_WORDS

_MIN_SHORT = 4  # "区委" / "局办" are too short to stand for a longer name
_GAP = r"([\u4e00-\u9fff]{0,4}?)"  # the words a short form leaves out between two of its characters
_NOT_LEFT_OUT = re.compile(one_of(ALIAS_GAP_WORDS))
_MAX_LEFT_OUT = 6


def _pattern(short: str) -> re.Pattern:
    # the first two characters (the place or system) and the last (the kind of body) stay together
    head, middle, last = short[:2], short[2:-1], short[-1]
    return re.compile(re.escape(head) + "".join(_GAP + re.escape(c) for c in middle) + _GAP + re.escape(last))


def implicit_alias_pairs(text: str, parties) -> tuple[tuple[str, str], ...]:
    """(longer, shorter) for every party written somewhere in ``text`` in one longer form only."""
    out: dict[tuple[str, str], None] = {}
    for short in dict.fromkeys(parties):
        if len(short) < _MIN_SHORT or not re.fullmatch(r"[\u4e00-\u9fff]+", short) or personal_name(short):
            continue
        longer = {m.group(0) for m in _pattern(short).finditer(text)
                  if not _NOT_LEFT_OUT.search("|".join(m.groups()))} - {short}
        longer = {n for n in longer if len(n) - len(short) <= _MAX_LEFT_OUT and is_party_name(n)}
        if len(longer) == 1 and short not in (full := longer.pop()):
            out.setdefault((full, short), None)
    return tuple(out)


def with_implicit_aliases(doc, text: str):
    """The document with its implicit aliases added to the ones it defines ("（简称“区交建局”）")."""
    parties = [name for item in (*doc.items, *doc.tasks) for name in item.units.all]
    found = tuple(p for p in implicit_alias_pairs(text, parties) if p not in doc.party_aliases)
    return replace(doc, party_aliases=doc.party_aliases + found) if found else doc
