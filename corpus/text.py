"""Text cleaning shared by the parser and by everyone who matches user text against documents.

Two different needs: *clean* text keeps the document's own punctuation (full-width or ASCII) so it
can be quoted; *match* text (``normalize_for_match``) folds widths, drops whitespace and markup so
"区委办公室（区国资局）" and "区委办公室(区国资局)" compare equal.
"""

from __future__ import annotations

import re
import unicodedata

# Markdown heading hashes, horizontal rules, list bullets; HTML-ish cell tags left over from PDF/Word
# conversion; bold/italic star markers.
_HEADING_HASHES = re.compile(r"^\s{0,3}#{1,6}\s*")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_BULLET = re.compile(r"^\s*[-*+•·]\s+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_STARS = re.compile(r"\*{2,}|_{2,}")
_SPACES = re.compile(r"[ \u3000\u00a0]+")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
# A space next to a CJK character or CJK punctuation is a PDF-extraction artefact in Chinese text.
_CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）【】〔〕—…·"
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \u3000\u00a0]+")
_SPACE_BEFORE_CJK = re.compile(rf"[ \u3000\u00a0]+(?=[{_CJK}{_CJK_PUNCT}])")
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \u3000\u00a0]+(?=[{_CJK}])")
_WHITESPACE = re.compile(r"\s+")
_MARKUP_CHARS = frozenset("#<*_-+•·=\ufeff")
_SPACE_CHARS = frozenset(" \u3000\u00a0")

# Characters that end a sentence (or a clause that may legitimately end a line).
TERMINAL = frozenset("。！？；;!?：:）)…")


_HTML_CELL_BREAK = re.compile(r"</t[dh]>\s*<t[dh][^>]*>", re.I)
_HTML_CELL = re.compile(r"<t[dh][\s>]", re.I)


def html_cells_to_tabs(line: str) -> str:
    """"<tr><td>1</td><td>任务</td></tr>" → "1\t任务": an HTML table row becomes a tab-separated row
    (cells stay apart once the tags are stripped); other lines are returned unchanged."""
    if "<" not in line or len(_HTML_CELL.findall(line)) < 2:
        return line
    # <br> inside a cell: a space, so two units stacked in one cell stay apart (tables.split_cells)
    return _HTML_CELL_BREAK.sub("\t", re.sub(r"<br\s*/?>", " ", line, flags=re.I))


def strip_markup(line: str) -> str:
    """Remove markdown/HTML decoration from one line; keep tabs (table cells) and the text itself."""
    if not _MARKUP_CHARS.intersection(line):  # fast path: most lines carry no markup
        return line.strip(" \u3000\u00a0\r\n\ufeff")
    if _RULE.match(line):
        return ""
    line = line.replace("\ufeff", "")
    line = _HEADING_HASHES.sub("", line)
    line = _TAG.sub("", line)
    line = _STARS.sub("", line)
    line = _BULLET.sub("", line)
    return line.strip(" \u3000\u00a0\r\n")


def clean_cell(cell: str) -> str:
    return collapse_spaces(strip_markup(cell))


def collapse_spaces(text: str) -> str:
    """Body text: drop spaces between two CJK characters (PDF artefacts), squeeze the rest."""
    if not _SPACE_CHARS.intersection(text):
        return text.strip()
    text = _BETWEEN_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def join_cjk_spaces(text: str) -> str:
    """Titles and headings: drop every space touching a CJK character ("2018 年…党内 政治生活")."""
    text = _SPACE_AFTER_CJK.sub("", text)
    text = _SPACE_BEFORE_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def normalize_for_match(text: str) -> str:
    """NFKC (full-width → half-width), markup and all whitespace removed, ASCII lower-cased."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _TAG.sub("", text).replace("*", "").replace("#", "")
    return _WHITESPACE.sub("", text).lower()


def ends_sentence(text: str) -> bool:
    """True when a line ends at a point where the next line may start something new."""
    t = text.rstrip()
    if not t:
        return True
    last = t[-1]
    if last in TERMINAL:
        return True
    if last in "”’\"" and len(t) > 1 and t[-2] in "。！？!?…":
        return True
    return False


def has_sentence_punct(text: str) -> bool:
    """Running text (rather than a title or heading) contains commas or full stops."""
    return any(c in text for c in "。，,；;！？")


def first_sentence(text: str) -> str:
    """Up to and including the first 。！？ (the item heading); the whole text when there is none."""
    for i, c in enumerate(text):
        if c in "。！？!?":
            return text[: i + 1]
    return text


def sentence_around(text: str, start: int, end: int, left: str = "。；;！", right: str = "。；;！") -> str:
    """The stretch of ``text`` around ``text[start:end]`` between the nearest ``left`` and ``right`` stops."""
    lo = max(text.rfind(c, 0, start) for c in left) + 1
    hi = min((i for i in (text.find(c, end) for c in right) if i >= 0), default=len(text))
    return text[lo:hi].strip()


def abbreviates(short: str, name: str, reach: int = 0, same_end: bool = False) -> bool:
    """``short`` is an abbreviation of (a word in) ``name``: its characters in order — "交建局" of
    "区交通与建设局" (``same_end``: ending alike), "环保" of "生态环境保护", "台创园" of "台湾创业园".
    ``reach`` > 0 bounds how far each next character may lie (a word's span, not the whole name)."""
    if len(short) < 2 or (same_end and short[-1] != name[-1]):
        return False
    for start in (i for i, c in enumerate(name) if c == short[0]):
        at = start
        for c in short[1:]:
            at = name.find(c, at + 1, at + 1 + reach if reach else len(name))
            if at < 0:
                break
        else:
            return True
    return False


def balanced_prefix(name: str) -> str:
    """"县环保局相关业务科室）" → the name without the bracket that closes the "（牵头单位：…）" around it;
    "区交通与建设局（住建）" keeps its own."""
    depth = 0
    for i, ch in enumerate(name):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                return name[:i].strip()
            depth -= 1
    return name
