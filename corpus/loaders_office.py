"""The .docx loader (python-docx), registered with corpus.loaders on import; importing this module
also registers .pdf (corpus.loaders_pdf) and .doc/.wps (corpus.loaders_legacy).

Paragraphs and tables come in body order. Each paragraph carries the label Word displays for it
(automatic numbering, corpus.docx_numbering): without it "1." / "（一）" / "第一条" typed by Word's list
feature would vanish and the parser would see no items. A table becomes tab-separated lines (one per
row, a horizontally merged cell written once) so it reads exactly like the tables in the .txt files.
Footnotes and endnotes follow the body as "注：…" lines.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import corpus.loaders_legacy  # noqa: F401 - registers .doc/.wps
import corpus.loaders_pdf  # noqa: F401 - registers .pdf
from corpus.loaders import (  # noqa: F401 - re-exported: callers catch them from here
    EncryptedDocument,
    MalformedDocument,
    UnreadableDocument,
    register_loader,
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_NUMBERING_REL = _REL + "numbering"
_NOTES_RELS = (_REL + "footnotes", _REL + "endnotes")
_NOT_A_NOTE = ("separator", "continuationSeparator", "continuationNotice")  # Word's own placeholder notes


def _numbering(document):
    from corpus.docx_numbering import Numbering

    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == _NUMBERING_REL and not rel.is_external), None)
    numbering_el = part.element if part is not None else None
    return Numbering(numbering_el, document.styles.element)


def _notes(document) -> list[str]:
    """Footnotes and endnotes as "注：…" lines. A document may state its rules there (e.g. "排在第一位的
    为牵头单位"), and python-docx's body text never includes them."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    lines = []
    for rel in document.part.rels.values():
        if rel.reltype not in _NOTES_RELS or rel.is_external:
            continue
        part = rel.target_part
        root = part.element if hasattr(part, "element") else parse_xml(part.blob)
        for note in (*root.iter(qn("w:footnote")), *root.iter(qn("w:endnote"))):
            text = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
            if text and note.get(qn("w:type")) not in _NOT_A_NOTE:
                lines.append(f"注：{text}")
    return lines


def _text(p) -> str:
    """A w:p's text as Word shows it with changes accepted: runs inside tracked insertions, fields and
    smart tags included (python-docx's ``paragraph.text`` reads direct runs only); deleted text and
    text boxes (a flow of their own) left out."""
    from docx.oxml.ns import qn

    skip = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent")}
    marks = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
    out = []
    for el in p.iter(*marks):
        parent = el.getparent()
        while parent is not None and parent is not p and parent.tag not in skip:
            parent = parent.getparent()
        if parent is p:
            out.append(el.text or "" if marks[el.tag] is None else marks[el.tag])
    return "".join(out)


def _paragraph(paragraph, numbering) -> str:
    from corpus.docx_numbering import with_label

    return with_label(numbering.label(paragraph._p), _text(paragraph._p).strip())


def _blocks_in(content, parent):
    """Paragraphs and tables in body order, also inside content controls (w:sdt), which templates use
    for cover pages and whole sections and python-docx's ``iter_inner_content`` steps over."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for el in content:
        if el.tag == qn("w:p"):
            yield Paragraph(el, parent)
        elif el.tag == qn("w:tbl"):
            yield Table(el, parent)
        elif el.tag == qn("w:sdt") and (inner := el.find(qn("w:sdtContent"))) is not None:
            yield from _blocks_in(inner, parent)


def _table_lines(table, numbering) -> list[str]:
    # Keyed by the cell element itself (not id()): holding it keeps lxml from recycling the proxy.
    lines, rendered = [], {}
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if cell._tc in seen:  # a horizontally merged cell repeats; write it once
                continue
            seen.add(cell._tc)
            if cell._tc not in rendered:  # a vertically merged cell repeats; count its numbering once
                parts = (_paragraph(p, numbering) for p in cell.paragraphs)
                rendered[cell._tc] = " ".join(" ".join(p for p in parts if p).split())
            cells.append(rendered[cell._tc])
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def docx_text(path: str | Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
        numbering = _numbering(document)
        lines: list[str] = []
        for block in _blocks_in(document.element.body, document._body):
            if isinstance(block, Table):
                lines.extend(_table_lines(block, numbering))
            else:
                lines.append(_paragraph(block, numbering))
        notes = _notes(document)
    except XMLSyntaxError as err:
        raise MalformedDocument("Word 文件内部格式已损坏（XML 无法解析），请在 Word/WPS 中打开后另存为 .docx 再发送。") from err
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise UnreadableDocument("无法读取这个 Word 文件（可能已损坏，或不是 .docx 格式）。") from err
    if notes:  # after a blank line, so no note continues the last paragraph
        lines += ["", *notes]
    return "\n".join(lines).strip() + "\n"


register_loader(".docx", docx_text)
