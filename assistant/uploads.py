"""Adding a document to the corpus from a chat upload, and removing one.

Two steps so nothing changes without an admin's confirmation: ``preview(name, data, corpus_dir)``
parses the bytes and says what was found (title, items, units); ``add(...)`` writes it into the
corpus directory. Word and PDF files are stored as their extracted text (``<name>.txt``) so every
reader of the corpus (CLI, index build, bot) sees them whatever loaders it imported.
Every refusal is an ``UploadError`` whose message is Chinese and meant for the user.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import corpus.loaders_office as office  # registers .docx and .pdf with corpus.loaders
from assistant.store import audit
from corpus import loaders

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
MIN_CHARS = 20  # shorter than this is not a policy document, whatever it says
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # encrypted Office files (and old .doc) are OLE compound files
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class UploadError(ValueError):
    """Refused upload or removal; the message is for the user."""


@dataclass(frozen=True)
class Preview:
    file_name: str  # name it will get in the corpus directory
    title: str
    short_name: str
    item_count: int
    table_rows: int
    units: tuple[str, ...]
    text: str

    def summary(self) -> str:
        units = "、".join(self.units[:12]) + ("等" if len(self.units) > 12 else "")
        return (f"标题：{self.title}\n简称：{self.short_name}\n条目：{self.item_count} 项\n"
                f"表格行：{self.table_rows} 行\n责任单位：{len(self.units)} 个" + (f"（{units}）" if units else ""))


def safe_name(file_name: str) -> str:
    """The file name without directories or characters that are unsafe in a path."""
    name = Path(file_name.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f<>:\"|?*/]", "_", name).strip(" .")
    return name[:120] or "upload.txt"


def extract_text(file_name: str, data: bytes) -> str:
    """The file's text through corpus.loaders (office formats registered by corpus.loaders_office)."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError("只支持 .docx、.pdf、.txt、.md 文件。")
    if len(data) > MAX_BYTES:
        raise UploadError(f"文件太大（{len(data) / 1024 / 1024:.1f} MB），上限为 {MAX_BYTES // 1024 // 1024} MB。")
    if not data.strip():
        raise UploadError("文件是空的。")
    if suffix in (".txt", ".md") and b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise UploadError("这不是文本文件，无法作为文件读取。")
    if suffix == ".docx" and data.startswith(_OLE_MAGIC):
        raise UploadError("这个 Word 文件已加密（或是旧版 .doc 格式），请另存为未加密的 .docx 后再发送。")
    if suffix == ".pdf" and not data.startswith(b"%PDF"):
        raise UploadError("这不是有效的 PDF 文件。")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return loaders.load_text(path)
        except office.UnreadableDocument as err:
            raise UploadError(str(err)) from err


def target_name(file_name: str) -> str:
    name = safe_name(file_name)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    return name if suffix in (".txt", ".md") else f"{stem}.txt"


def preview(file_name: str, data: bytes, corpus_dir: Path) -> Preview:
    """Parse an uploaded file and describe it; raises UploadError. Writes nothing to corpus_dir."""
    text = extract_text(file_name, data)
    if text.count("\ufffd") > len(text) // 100:  # undecodable bytes: binary, or an unknown encoding
        raise UploadError("无法识别这个文件的文字编码，请另存为 UTF-8 文本或 .docx 后再发送。")
    if len("".join(text.split())) < MIN_CHARS:
        raise UploadError("文件里没有可读的文字（扫描件 PDF 需先做文字识别）。")
    name = target_name(file_name)
    if (Path(corpus_dir) / name).exists():
        raise UploadError(f"文件库里已有同名文件 {name}；如需替换，请先用 /remove 删除旧文件。")
    from corpus.library import load_corpus  # the parser; imported late so listing stays light

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / name).write_text(text, encoding="utf-8")
        docs = load_corpus(Path(tmp)).documents
    if not docs:
        raise UploadError("没能从文件中识别出文件内容。")
    doc = docs[0]
    units: dict[str, None] = {}
    for item in doc.items:
        for unit in item.units.all:
            units.setdefault(unit, None)
    return Preview(file_name=name, title=doc.title or Path(name).stem, short_name=doc.short_name or doc.title,
                   item_count=len(doc.items), table_rows=sum(len(t.rows) for t in doc.tables),
                   units=tuple(units), text=text)


def add(db, corpus_dir: Path, doc: Preview, *, at: datetime, actor: str) -> Path:
    """Write a confirmed upload into the corpus directory (atomically) and audit it."""
    path = Path(corpus_dir) / doc.file_name
    if path.exists():
        raise UploadError(f"文件库里已有同名文件 {doc.file_name}。")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(doc.text, encoding="utf-8")
    tmp.replace(path)
    with db.atomic():
        audit(db, at=at, actor=actor, action="add_document", details={"file": doc.file_name, "title": doc.title})
    return path


def find_document(corpus, corpus_dir: Path, name: str):
    """The document whose file name, short name, title or alias is ``name``; raises UploadError."""
    name = name.strip()
    for doc in corpus.documents:
        if name in (doc.source, Path(doc.source).stem, doc.short_name, doc.title, *doc.aliases):
            if (Path(corpus_dir) / doc.source).is_file():
                return doc
    raise UploadError(f"文件库里没有名为“{name}”的文件。发送 /docs 查看文件列表。")


def remove(db, corpus_dir: Path, source: str, *, at: datetime, actor: str) -> None:
    path = Path(corpus_dir) / safe_name(source)
    if not path.is_file():
        raise UploadError("这个文件已经不在文件库里了。")
    path.unlink()
    with db.atomic():
        audit(db, at=at, actor=actor, action="remove_document", details={"file": path.name})


def list_documents(corpus) -> str:
    docs = corpus.documents
    if not docs:
        return "文件库是空的。"
    lines = [f"文件库共 {len(docs)} 份文件："]
    for n, doc in enumerate(docs, 1):
        extra = f"，{len(doc.items)} 项" if doc.items else ""
        lines.append(f"{n}. {doc.short_name}（{doc.title}{extra}）")
    return "\n".join(lines)
