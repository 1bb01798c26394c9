"""How people shorten contact-point names in a note: 东山街道 for 东山街, 七中 for 第七中学,
教育局 for 区教育局, 海印实业集团 for 广州海印实业集团有限公司党委. Longest variant first."""

from __future__ import annotations

import re
from functools import lru_cache

_PARTY_SUFFIX = re.compile(r"(党委|党总支|党支部|党组织|党组)$")
_PLACE_PREFIX = re.compile(r"^(广东省|广州市|广州|越秀区)")
_COMPANY_SUFFIX = re.compile(r"(集团)?(有限责任公司|股份有限公司|有限公司)$")
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
