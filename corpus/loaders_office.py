"""Loaders for office formats, registered with corpus.loaders on import.

.docx through python-docx: paragraphs and tables in body order; a table becomes tab-separated lines
(one per row, merged cells written once) so it reads exactly like the tables in the bundled .txt files.
.pdf through pypdf: the text layer of every page; a scanned PDF without one yields no text.
"""

from __future__ import annotations

from pathlib import Path

from corpus.loaders import register_loader


class UnreadableDocument(ValueError):
    """The file cannot be read as a document; ``str(err)`` is a Chinese message for the user."""


class EncryptedDocument(UnreadableDocument):
    pass


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats; write it once
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def docx_text(path: str | Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise UnreadableDocument("无法读取这个 Word 文件（可能已损坏，或不是 .docx 格式）。") from err
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text.rstrip())
    return "\n".join(lines).strip() + "\n"


def pdf_text(path: str | Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedDocument("这个 PDF 文件已加密，请先解除密码保护再发送。")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except EncryptedDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        if "encrypt" in str(err).lower() or "decrypt" in str(err).lower():
            raise EncryptedDocument("这个 PDF 文件已加密，请先解除密码保护再发送。") from err
        raise UnreadableDocument("无法读取这个 PDF 文件（可能已损坏）。") from err
    return "\n\n".join(p for p in pages if p) + "\n"


register_loader(".docx", docx_text)
register_loader(".pdf", pdf_text)
