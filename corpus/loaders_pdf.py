"""The .pdf loader: pdfplumber's character layout turned back into the paragraphs the author typed.

A PDF has no paragraphs, only positioned lines. Three things would mislead the parser if read as
they are: running headers and footers (the issuer's name, "— 3 —") repeated on every page; lines
broken wherever the page edge fell, mid-sentence and mid-unit-name; tables drawn with rules, whose
cells come out interleaved. So, per page: tables found by their rules become tab-separated rows;
lines in the top/bottom margin that repeat across pages (digits ignored) or look like page numbers are
dropped; footnotes (small type at the foot of a page) move to the end; then a line that runs to the
right margin continues on the next one, unless the next is indented (a new paragraph) or, in a
document that does not indent its paragraphs, starts a numbering marker or follows the end of a
sentence on an indented line.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from corpus.loaders import EncryptedDocument, ScannedDocument, UnreadableDocument, register_loader
from corpus.numerals import CHINESE_NUMERAL_CHARS as _CN
from corpus.text import ends_sentence
from corpus.vocabulary import DIVISION_NOUNS

MARGIN_BAND = 0.09  # top/bottom share of the page where running headers and footers live
MIN_TEXT_CHARS = 20  # fewer characters in the whole file: a scan, not a text PDF
FOOTNOTE_SIZE = 0.85  # footnotes are set smaller than the body text
_PAGE_NUMBER = re.compile(r"^[-—–－·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—–－·\s]*$")
# Where a new numbered block starts; looser than the parser's heading rules on purpose: it only
# decides that a line does not continue the one above it. Weak markers ("三是", "①", bullets) also
# occur inside running text, so in an indenting document they never split a paragraph.
_MARKER = re.compile(rf"^\s*(?:[{_CN}]{{1,3}}\s*[、.．]|[（(]\s*[{_CN}\d]{{1,3}}\s*[）)]|\d{{1,3}}\s*[.．、)）](?!\d)"
                     rf"|第\s*[{_CN}\d]{{1,4}}\s*[{''.join(DIVISION_NOUNS)}]|附\s*件)")
_WEAK_MARKER = re.compile(rf"^\s*(?:[{_CN}]{{1,3}}是|[①-⑳]|[-—•·]\s)")
_SENTENCE_END = "。！？!?"
_BARE_MARKER = re.compile(rf"^\s*(?:第\s*[{_CN}\d]{{1,4}}\s*[{''.join(DIVISION_NOUNS[:-1])}]|[（(]\s*[{_CN}\d]{{1,3}}\s*[）)]|[{_CN}]{{1,3}}、|\d{{1,3}}[.．、])\s*$")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    table: bool = False  # a table row: never joined with its neighbours


def _cell(value) -> str:
    return "".join((value or "").split())  # a cell's wrapped lines are one value


def _page_lines(page) -> list[_Line]:
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.rows[0].cells) >= 2]
    out: list[_Line] = []
    for table in tables:
        x0, top, x1, _bottom = table.bbox
        for n, row in enumerate(table.extract()):
            cells = [_cell(c) for c in row]
            if any(cells):
                out.append(_Line("\t".join(cells), x0, x1, top + n * 0.01, 0.0, table=True))

    def outside(line) -> bool:
        mid = (line["top"] + line["bottom"]) / 2
        return not any(t.bbox[1] <= mid <= t.bbox[3] and line["x0"] < t.bbox[2] and line["x1"] > t.bbox[0]
                       for t in tables)

    for line in page.extract_text_lines(return_chars=True, strip=True):
        if line["text"].strip() and outside(line):
            sizes = [c.get("size", 0) for c in line["chars"]] or [10.0]
            out.append(_Line(line["text"].strip(), line["x0"], line["x1"], line["top"], statistics.median(sizes)))
    return sorted(out, key=lambda ln: ln.top)


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Remove page numbers and lines repeated in the margins of several pages (headers, footers)."""

    def in_band(line: _Line, height: float) -> bool:
        return line.top < height * MARGIN_BAND or line.top > height * (1 - MARGIN_BAND)

    counts = Counter(key for page, h in zip(pages, heights, strict=True)
                     for key in {_running_key(ln.text) for ln in page if in_band(ln, h) and not ln.table})
    repeated = {k for k, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}
    return [[ln for ln in page if ln.table or not in_band(ln, h)
             or not (_PAGE_NUMBER.match(ln.text) or _running_key(ln.text) in repeated)]
            for page, h in zip(pages, heights, strict=True)]


def split_footnotes(pages: list[list[_Line]]) -> tuple[list[list[_Line]], list[str]]:
    """Footnotes: the run of smaller-type lines at the foot of a page. Left in place they would be read
    into a sentence that continues on the next page; moved to the end they are still read (a footnote
    may state a rule such as "排在第一位的为牵头单位")."""
    sizes = [ln.size for page in pages for ln in page if not ln.table and ln.size]
    if not sizes:
        return pages, []
    body_size = statistics.median(sizes)
    kept, notes = [], []
    for page in pages:
        cut = len(page)
        while cut and not page[cut - 1].table and 0 < page[cut - 1].size < FOOTNOTE_SIZE * body_size:
            cut -= 1
        if cut and cut < len(page):  # small type after body text (a page of small type is body text)
            kept.append(page[:cut])
            notes.append("".join(ln.text for ln in page[cut:]))
        else:
            kept.append(page)
    return kept, notes


def join_lines(pages: list[list[_Line]]) -> list[str]:
    """Paragraphs from layout lines, across page breaks (see the module docstring for the rule).

    In a document whose paragraphs start indented (official documents indent every paragraph, headings
    included, by two characters) a line at the left margin after a full line continues it, even when
    it starts like a marker: "三是…" or "二、…" inside a paragraph often lands at the start of a line;
    only a numbering marker right after a full stop still starts a new block there."""
    body = [ln for page in pages for ln in page if not ln.table]
    if not body:
        return [ln.text for page in pages for ln in page]
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)

    def full(line: _Line) -> bool:
        return line.x1 >= right - 1.5 * max(line.size, 1.0)

    def indented(line: _Line) -> bool:
        return line.x0 > left + 1.0 * max(line.size, 1.0)

    starts = [b for a, b in zip(body, body[1:], strict=False) if not full(a) and not _BARE_MARKER.match(a.text)]
    indenting = len(starts) >= 3 and sum(map(indented, starts)) >= 0.6 * len(starts)
    out: list[str] = []
    prev: _Line | None = None
    for page in pages:
        for line in page:
            if line.table or prev is None or prev.table:
                joined = False
            elif _BARE_MARKER.match(prev.text):  # "第一条" alone on its line labels the text below
                joined = not (_MARKER.match(line.text) or _WEAK_MARKER.match(line.text))
                if joined:
                    out[-1] += " "
            elif indenting:  # a new article right after a full stop still starts a block
                joined = full(prev) and not indented(line) and not (
                    _MARKER.match(line.text) and prev.text.rstrip()[-1:] in _SENTENCE_END)
            else:
                joined = (full(prev) and not (_MARKER.match(line.text) or _WEAK_MARKER.match(line.text))
                          and (not ends_sentence(prev.text) or not indented(line)))
            if joined:
                out[-1] += line.text
            else:
                out.append(line.text)
            prev = line
    return out


def pdf_text(path: str | Path) -> str:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
            heights = [float(page.height) for page in pdf.pages]
    except PdfminerException as err:
        if "password" in repr(err).lower() or "encrypt" in repr(err).lower():
            raise EncryptedDocument("这个 PDF 文件已加密，请先解除密码保护再发送。") from err
        raise UnreadableDocument("无法读取这个 PDF 文件（可能已损坏）。") from err
    except (ValueError, KeyError, TypeError, OSError, AttributeError) as err:
        raise UnreadableDocument("无法读取这个 PDF 文件（可能已损坏）。") from err
    if sum(len("".join(ln.text.split())) for page in pages for ln in page) < MIN_TEXT_CHARS:
        raise ScannedDocument("这个 PDF 是扫描件，无法识别文字：请先做文字识别（OCR），或发送 Word / 文本版本。")
    body, notes = split_footnotes(drop_running_lines(pages, heights))
    return "\n".join([*join_lines(body), *(["", *notes] if notes else [])]).strip() + "\n"


register_loader(".pdf", pdf_text)
