"""How people shorten contact-point names in a note: 东山街道 for 东山街, 七中 for 第七中学,
教育局 for 区教育局, 海印实业集团 for 广州海印实业集团有限公司党委. Longest variant first."""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.vocabulary import one_of
from corpus.vocabulary_records import COMPANY_SUFFIXES, PARTY_ORG_SUFFIXES, POINT_NAME_PLACES

_PARTY_SUFFIX = re.compile(f"({one_of(PARTY_ORG_SUFFIXES)})$")
_PLACE_PREFIX = re.compile(f"^({one_of(POINT_NAME_PLACES)})")
_COMPANY_SUFFIX = re.compile(f"(集团)?({one_of(COMPANY_SUFFIXES)})$")
_PAREN = re.compile(r"[（(]([^）)]*)[）)]")
_MIN_LEN = 3  # shorter variants (海印, 五羊) would match ordinary words


@lru_cache(maxsize=65536)
def point_variants(name: str) -> tuple[str, ...]:
    name = name.strip()
    out: list[str] = [name]
    inner = _PAREN.findall(name)
    base = _PAREN.sub("", name).strip()
    out += [base, *inner]
    if base.endswith("街道"):
        out.append(base[:-1])  # 东山街道 → 东山街 (also matches 东山街道 in text)
    elif base.endswith("街"):
        out.append(base + "道")
    if base.startswith("区") and len(base) > _MIN_LEN:
        out.append(base[1:])  # 区教育局 → 教育局
    core = _PLACE_PREFIX.sub("", _PARTY_SUFFIX.sub("", base))
    out += [_PARTY_SUFFIX.sub("", base), core, _COMPANY_SUFFIX.sub("", core)]
    if base.endswith("社区") and len(base) > 4:
        out.append(base[:-2] + "社区")
    short: set[str] = set()
    if m := re.fullmatch(r"第(.+?)中学?", base):
        short.add(f"{m.group(1)}中")  # 七中: short, but unmistakable in a note
        out += [f"{m.group(1)}中", f"第{m.group(1)}中"]
    seen = dict.fromkeys(v for v in out if len(v) >= _MIN_LEN or v == name or v in short)
    return tuple(sorted(seen, key=len, reverse=True))
