"""Word's automatic numbering, rendered the way Word displays it.

python-docx gives a paragraph's text without its list label: an item Word shows as "（三）" or "12."
reaches us as bare text, and the parser then sees no numbering at all. The label lives in
word/numbering.xml: a paragraph names a numbering instance (w:numId, directly or through its style) and
a level (w:ilvl); the instance points to an abstract definition whose level says the start value, the
format (decimal, chineseCounting, …) and the text template ("%1." / "（%1）" / "第%1条" / "%1.%2").

Counters follow Word: instances of one abstract definition share its counters (that is what
"continue numbering" writes) unless an instance overrides a level's start ("restart numbering"),
which restarts that level the first time the instance is used; a level restarts whenever a
higher level advances (unless w:lvlRestart says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.oxml.ns import qn

from corpus.numerals import int_to_chinese

_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_CJK_END = "、）)。．.：:"  # a label ending in these needs no space before the text


def _chinese(n: int) -> str:
    if n < 100:
        return int_to_chinese(n)
    hundreds, rest = divmod(n, 100)
    tail = "" if not rest else ("零" if rest < 10 else "") + (int_to_chinese(rest) if rest >= 20 or rest < 10
                                                               else "一" + int_to_chinese(rest))
    return (int_to_chinese(hundreds) if hundreds < 10 else str(hundreds)) + "百" + tail


def _table(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:  # Word repeats the letter: a … z, aa … zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


FORMATS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_DIGITS),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_DIGITS),
    "decimalEnclosedCircle": lambda n: _table(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _table(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _table(_PAREN, n),
    "decimalEnclosedFullstop": lambda n: _table(_FULLSTOP, n),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n).translate(_LEGAL),
    "ideographTraditional": lambda n: _table(_TIANGAN, n),
    "ideographZodiac": lambda n: _table(_DIZHI, n),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word number format; unknown formats fall back to decimal."""
    return FORMATS.get(fmt, str)(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # w:isLgl: every level shown as decimal ("1.1" under "第一章")
    suffix: str = "tab"


def _val(el, tag: str, default=None):
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else default


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _level(el, base: Level | None = None) -> Level:
    base = base or Level()
    restart = _val(el, "w:lvlRestart")
    legal = el.find(qn("w:isLgl")) is not None and _val(el, "w:isLgl", "1") not in ("0", "false")
    return replace(base, start=_int(_val(el, "w:start"), base.start), fmt=_val(el, "w:numFmt", base.fmt),
                   text=_val(el, "w:lvlText", base.text), legal=legal or base.legal,
                   restart=_int(restart, 0) if restart is not None else base.restart,
                   suffix=_val(el, "w:suff", base.suffix))


class Numbering:
    """The numbering definitions of one document plus the running counters; call ``label`` on every
    paragraph in document order (tables included) so the counters advance as Word's do."""

    def __init__(self, numbering_el, styles_el=None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNumId → numbering style it defers to
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        for el in numbering_el.findall(qn("w:abstractNum")) if numbering_el is not None else ():
            aid = el.get(qn("w:abstractNumId"))
            self.abstract[aid] = {_int(lv.get(qn("w:ilvl")), 0): _level(lv) for lv in el.findall(qn("w:lvl"))}
            if (link := _val(el, "w:numStyleLink")) is not None:  # levels live in a numbering style
                self.links[aid] = link
        for el in numbering_el.findall(qn("w:num")) if numbering_el is not None else ():
            levels, starts = {}, {}
            for ov in el.findall(qn("w:lvlOverride")):
                ilvl = _int(ov.get(qn("w:ilvl")), 0)
                if (lv := ov.find(qn("w:lvl"))) is not None:
                    levels[ilvl] = _level(lv)
                if (start := _val(ov, "w:startOverride")) is not None:
                    starts[ilvl] = _int(start, 1)
            self.nums[el.get(qn("w:numId"))] = (_val(el, "w:abstractNumId", ""), levels, starts)
        for st in styles_el.findall(qn("w:style")) if styles_el is not None else ():
            sid = st.get(qn("w:styleId"))
            num_pr = st.find(qn("w:pPr") + "/" + qn("w:numPr"))
            if num_pr is not None:
                ilvl = _val(num_pr, "w:ilvl")
                self.style_num[sid] = (_val(num_pr, "w:numId"), _int(ilvl, 0) if ilvl is not None else None)
            if (parent := _val(st, "w:basedOn")) is not None:
                self.style_parent[sid] = parent
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_num:
                return self.style_num[style_id]
            style_id = self.style_parent.get(style_id)
        return None, None

    def _abstract_id(self, num_id: str) -> str:
        aid = self.nums[num_id][0]
        for _ in range(3):  # a numbering style points at another instance, which has the levels
            if aid not in self.links:
                break
            linked, _lvl = self._style_numbering(self.links[aid])
            if linked is None or linked not in self.nums:
                break
            aid = self.nums[linked][0]
        return aid

    def _levels(self, num_id: str) -> dict[int, Level]:
        levels = dict(self.abstract.get(self._abstract_id(num_id), {}))
        levels.update(self.nums[num_id][1])
        return levels

    def paragraph_numbering(self, p) -> tuple[str, int] | None:
        """(numId, ilvl) of a w:p element, from its own properties or its style's; None when unnumbered."""
        p_pr = p.find(qn("w:pPr"))
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style_num, style_lvl = self._style_numbering(_val(p_pr, "w:pStyle"))
        num_id = _val(num_pr, "w:numId") or style_num
        ilvl_val = _val(num_pr, "w:ilvl")
        ilvl = _int(ilvl_val, 0) if ilvl_val is not None else (style_lvl or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, max(0, min(ilvl, 8))

    def label(self, p) -> str:
        """Advance the counters for paragraph element ``p`` and return its label ("" when unnumbered)."""
        found = self.paragraph_numbering(p)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self._levels(num_id)
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        counters = self.counters.setdefault(self._abstract_id(num_id), {})
        if num_id not in self.used:  # "restart numbering" takes effect where the instance begins
            self.used.add(num_id)
            for lvl, start in self.nums[num_id][2].items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart and restart - 1 <= ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return "•"
        text = level.text
        for lvl in range(ilvl, -1, -1):  # from the deepest so "%1" never eats the "1" of "%10"
            lv = levels.get(lvl, Level())
            value = counters.get(lvl, lv.start)
            fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
            text = text.replace(f"%{lvl + 1}", format_number(value, fmt))
        return text.strip()


def with_label(label: str, text: str) -> str:
    """The paragraph as Word shows it: label, then the text (a space where Word puts a tab; never a
    real tab, which would read as a table cell)."""
    if not label:
        return text
    if not text:
        return label
    return label + ("" if label[-1] in _CJK_END else " ") + text
