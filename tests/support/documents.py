"""Office files built in tests, the way Word, a PDF printer or WPS would write them.

- ``NumberedDocx``: python-docx with real numbering definitions (numbering.xml abstractNum / num, levels
  with numFmt, lvlText, start, restarts through startOverride), so the text python-docx returns has
  no labels and only the loader's numbering renderer can bring them back.
- ``pdf_pages``: a PDF through reportlab with the built-in STSong-Light CID font (Chinese without a font
  file), one list of lines per page, with a running header and a page-number footer on every page.
- ``to_doc``: a .docx converted to the binary .doc format by LibreOffice (None when it is absent).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

A4_HEIGHT = 842


class NumberedDocx:
    """A Word document whose lists use Word's automatic numbering."""

    def __init__(self):
        self.document = docx.Document()
        self._next_id = 100  # above the ids of the template's own definitions

    def define(self, *levels: tuple[str, str] | tuple[str, str, int]) -> int:
        """An abstract definition with one level per (numFmt, lvlText[, start]) and an instance of it;
        returns the instance's numId."""
        self._next_id += 1
        aid = nid = self._next_id
        lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{lv[2] if len(lv) > 2 else 1}"/>'
                       f'<w:numFmt w:val="{lv[0]}"/><w:lvlText w:val="{lv[1]}"/><w:suff w:val="nothing"/></w:lvl>'
                       for i, lv in enumerate(levels))
        numbering = self.document.part.numbering_part.element
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:  # the schema wants every abstractNum before the first num
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
        return nid

    def restart(self, num_id: int, level: int = 0, start: int = 1) -> int:
        """A new instance of ``num_id``'s definition that restarts ``level`` (Word's "重新开始编号")."""
        numbering = self.document.part.numbering_part.element
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        self._next_id += 1
        aid = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{self._next_id}"><w:abstractNumId w:val="{aid}"/>'
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return self._next_id

    def para(self, text: str, num_id: int | None = None, level: int = 0, style: str | None = None):
        paragraph = self.document.add_paragraph(text, style=style)
        if num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = num_id
        return paragraph

    def footnote(self, paragraph, text: str) -> None:
        """A footnote on ``paragraph`` (word/footnotes.xml with Word's two separator notes first)."""
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        self._notes = [*getattr(self, "_notes", []), text]
        notes = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:footnote>'
                        for n, t in enumerate(self._notes, 1))
        blob = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                f'</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                f'<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>').encode()
        part = self.document.part
        rel = next((r for r in part.rels.values() if r.reltype == RELATIONSHIP_TYPE.FOOTNOTES), None)
        if rel is None:
            part.relate_to(Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, part.package),
                           RELATIONSHIP_TYPE.FOOTNOTES)
        else:
            rel.target_part._blob = blob
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="{len(self._notes)}"/></w:r>'))

    def table(self, rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.cell(r, c).text = value

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def pdf_pages(pages: list[list[str]], *, header: str = "某某区人民政府办公室文件", size: int = 12,
              width_chars: int = 36, footnotes: dict[int, str] | None = None) -> bytes:
    """Each page's lines drawn from the top; a line longer than ``width_chars`` wraps at the margin
    (as a word processor would), so paragraphs come out broken mid-sentence. ``footnotes``: page number →
    a note set in small type at the foot of that page, above the page number."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, A4_HEIGHT))
    for number, lines in enumerate(pages, 1):
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(72, A4_HEIGHT - 40, header)
        pdf.drawString(280, 30, f"— {number} —")
        pdf.setFont("STSong-Light", size)
        y = A4_HEIGHT - 90
        for line in lines:
            indent = 2 * size if line.startswith("　　") else 0
            line, first = line.lstrip("　"), True
            while line or first:  # wrap by measured width, as a word processor does
                room, cut = width_chars * size - (indent if first else 0), 1
                while cut < len(line) and pdfmetrics.stringWidth(line[:cut + 1], "STSong-Light", size) <= room:
                    cut += 1
                pdf.drawString(72 + (indent if first else 0), y, line[:cut])
                line, first, y = line[cut:], False, y - size * 1.8
        if (footnotes or {}).get(number):
            pdf.setFont("STSong-Light", 9)
            pdf.drawString(72, 80, footnotes[number])
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_doc(docx_bytes: bytes) -> bytes | None:
    """The same document saved as binary .doc by LibreOffice; None when LibreOffice is not installed."""
    exe = soffice()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "plan.docx"
        src.write_bytes(docx_bytes)
        subprocess.run([exe, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                        "--convert-to", "doc", "--outdir", tmp, str(src)], capture_output=True, timeout=120,
                       check=True)
        return (Path(tmp) / "plan.doc").read_bytes()


def zip_bomb(unpacked: int = 1 << 30) -> bytes:
    """A .docx-shaped zip whose word/document.xml inflates to ``unpacked`` bytes (1 GiB: about 1 MB
    on disk). Built from one compressed 1 MiB block repeated (a full flush resets the compressor, so
    every repetition compresses to the same bytes): seconds instead of deflating 1 GiB."""
    import struct
    import zlib

    chunk = b"<w:t>" + b"A" * ((1 << 20) - 11) + b"</w:t>"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    count = unpacked // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    members = [("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/content-types"/>', None), ("word/document.xml", block * count + comp.flush(), crc)]
    out, central = bytearray(), bytearray()
    for name, data, member_crc in members:
        if member_crc is None:  # a small member, compressed normally
            raw, size = data, len(data)
            member_crc, data = zlib.crc32(raw), zlib.compress(raw)[2:-4]
        else:
            size = len(chunk) * count
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, member_crc, len(data), size,
                             len(name), 0)
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, member_crc, len(data), size,
                               len(name), 0, 0, 0, 0, 0, len(out)) + name.encode()
        out += header + name.encode() + data
    offset = len(out)
    out += central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central),
                                 offset, 0)
    return bytes(out)
