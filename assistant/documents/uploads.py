"""Adding a document to the corpus from a chat upload, and removing one.

Two steps so nothing changes without an admin's confirmation: ``preview(name, data, uploads_dir)``
reads the bytes and reports what the parser found (assistant/documents/report.py); ``add(...)`` writes it.
The chat keeps the preview's text in the store in between (``stage``, then ``add_staged`` on 确认:
table ``staged_uploads``), so the button still works after the bot restarts and, with several workers
on PostgreSQL, when the 确认 reaches another worker than the file did.
Uploaded documents live in their own directory under the data directory (``uploads_dir``), beside
the bundled corpus, which stays read-only; both are loaded together. Office files are read by
assistant/documents/sandbox.py (archive limits, then a memory- and time-limited child process) and stored as
their extracted text (``<name>.txt``), so every reader of the corpus sees them without the office
libraries. Every refusal is an ``UploadError`` whose message is Chinese and meant for the user.
"""

from __future__ import annotations

import re
import secrets
import tempfile
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from assistant.documents import sandbox
from assistant.documents.report import DocReport, describe
from assistant.operations import shared_inbox
from assistant.storage.store import audit
from assistant.user_input.cleaning import INVISIBLE
from corpus import loaders
from corpus import loaders_legacy as legacy
from corpus.library import load_corpus

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".wps")
OFFICE = (".docx", ".pdf", ".doc", ".wps")  # read in the sandbox
MIN_CHARS = 20  # shorter than this is not a policy document, whatever it says
STAGED = ".staged"  # where previews waited on disk before they moved into the store (still read)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # encrypted Office files (and old .doc) are OLE compound files
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control, format (bidi overrides such as U+202E, zero-width) and line/paragraph separators: a name
# with them displays differently from what it is ("exe.txt" shown as "txt.exe").
_INVISIBLE = INVISIBLE


class UploadError(ValueError):
    """Refused upload or removal; the message is for the user."""


@dataclass(frozen=True)
class Preview:
    file_name: str  # name it will get in the uploads directory
    title: str
    short_name: str
    report: DocReport
    text: str
    sent_name: str = ""  # the file as the admin sent it ("方案.docx"); ``file_name`` is its stored text

    @property
    def item_count(self) -> int:
        return self.report.items

    @property
    def units(self) -> tuple[str, ...]:
        return self.report.units

    def summary(self) -> str:
        return self.report.text()


def safe_name(file_name: str) -> str:
    """The file name without directories, invisible characters or characters unsafe in a path."""
    name = "".join(c for c in file_name if unicodedata.category(c) not in _INVISIBLE)
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r"[<>:\"|?*/]", "_", name).strip(" .")
    return name[:120] or "upload.txt"


def extract_text(file_name: str, data: bytes) -> str:
    """The file's text: plain text decoded here, office formats through the sandbox."""
    suffix = Path(safe_name(file_name)).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError("只支持 .docx、.doc、.wps、.pdf、.txt、.md 文件。")
    if len(data) > MAX_BYTES:
        raise UploadError(f"文件太大（{len(data) / 1024 / 1024:.1f} MB），上限为 {MAX_BYTES // 1024 // 1024} MB。")
    if not data.strip():
        raise UploadError("文件是空的。")
    if suffix in (".txt", ".md"):
        if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
            raise UploadError("这不是文本文件，无法作为文件读取。")
        return loaders.decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if suffix == ".docx" and data.startswith(_OLE_MAGIC):  # an old .doc renamed, or an encrypted .docx
        if legacy.soffice() is None:
            raise UploadError("这个 Word 文件已加密（或是旧版 .doc 格式），请另存为未加密的 .docx 后再发送。")
        suffix = ".doc"  # LibreOffice reads the old format and refuses an encrypted file with a message
    if suffix == ".pdf" and not data.startswith(b"%PDF"):
        raise UploadError("这不是有效的 PDF 文件。")
    try:
        return sandbox.extract(suffix, data)
    except sandbox.Refused as err:
        raise UploadError(str(err)) from err


def target_name(file_name: str) -> str:
    name = safe_name(file_name)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    return name if suffix in (".txt", ".md") else f"{stem}.txt"


def parse_upload(name: str, text: str):
    """The text parsed as the corpus will parse it (same loader path, same short-name rules)."""

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / name).write_text(text, encoding="utf-8")
        docs = load_corpus(Path(tmp)).documents
    if not docs:
        raise UploadError("没能从文件中识别出文件内容。")
    return docs[0]


def read_document(file_name: str, data: bytes):
    """(stored name, text, parsed document) of an uploaded file; raises UploadError."""
    text = extract_text(file_name, data)
    if text.count("\ufffd") > len(text) // 100:  # undecodable bytes: binary, or an unknown encoding
        raise UploadError("无法识别这个文件的文字编码，请另存为 UTF-8 文本或 .docx 后再发送。")
    if len("".join(text.split())) < MIN_CHARS:
        raise UploadError("文件里没有可读的文字（扫描件 PDF 需先做文字识别）。")
    name = target_name(file_name)
    return name, text, parse_upload(name, text)


def preview(file_name: str, data: bytes, directory: Path, taken: Collection[str] = ()) -> Preview:
    """Read an uploaded file and describe it; raises UploadError. Writes nothing to ``directory``
    (the uploads directory); ``taken``: file names already in the corpus (the bundled documents)."""
    name = target_name(file_name)
    if (Path(directory) / name).exists() or name in taken:
        raise UploadError(f"文件库里已有同名文件 {name}；如需替换，请先用 /remove 删除旧文件。")
    name, text, doc = read_document(file_name, data)
    report = describe(doc)
    return Preview(file_name=name, title=report.title, short_name=report.short_name, report=report, text=text,
                   sent_name=safe_name(file_name))


def stage(db, doc: Preview, *, at: datetime) -> dict:
    """Keep a preview's text in the store until the admin confirms it (``staged_uploads``), so a restart
    in between loses nothing and any worker can confirm it. → the confirmation button's payload (JSON,
    stored with the button: handlers/tokens.py)."""
    name = f"{secrets.token_hex(8)}.txt"
    with db.atomic():
        db["staged_uploads"].insert({"name": name, "text": doc.text, "created_at": at.isoformat()})
    return {"staged": name, "file_name": doc.file_name, "title": doc.title, "short_name": doc.short_name,
            "sent_name": doc.sent_name}


def _staged_text(db, directory: Path, staged: dict) -> str | None:
    row = next(db.query("select text from staged_uploads where name = ?", [safe_name(staged["staged"])]), None)
    if row is not None:
        return row["text"]
    old = Path(directory) / STAGED / safe_name(staged["staged"])  # staged on disk by an older version
    return old.read_text(encoding="utf-8") if old.is_file() else None


def add_staged(db, directory: Path, staged: dict, *, at: datetime, actor: str) -> Path:
    """The confirmed upload written from its staged text into the uploads directory (atomically), the
    staged row removed, audited — and, on PostgreSQL, recorded for every other worker."""
    path = Path(directory) / safe_name(staged["file_name"])
    if path.exists():
        raise UploadError(f"文件库里已有同名文件 {path.name}。")
    text = _staged_text(db, directory, staged)
    if text is None:
        raise UploadError("这份文件的预览已失效（暂存的内容已不在），请重新发送文件。")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    with db.atomic():
        db.execute("delete from staged_uploads where name = ?", [safe_name(staged["staged"])])
        audit(db, at=at, actor=actor, action="add_document", details={"file": path.name, "title": staged["title"]})
        if shared_inbox.shares_documents(db):  # the other workers write it into their uploads too (as ``add``)
            shared_inbox.record_document(db, path.name, text, at=at.isoformat())
    (Path(directory) / STAGED / safe_name(staged["staged"])).unlink(missing_ok=True)
    return path


def discard_staged(db, directory: Path, staged: dict) -> None:
    """取消: the staged text goes."""
    with db.atomic():
        db.execute("delete from staged_uploads where name = ?", [safe_name(staged["staged"])])
    (Path(directory) / STAGED / safe_name(staged["staged"])).unlink(missing_ok=True)


def prune_staged(db, directory: Path, now: datetime, keep: timedelta) -> int:
    """Forget staged previews older than ``keep`` (their buttons have expired too). → how many."""
    with db.atomic():
        removed = db.execute("delete from staged_uploads where created_at < ?", [(now - keep).isoformat()]).rowcount
    staged = Path(directory) / STAGED
    for path in staged.iterdir() if staged.is_dir() else ():
        if path.is_file() and path.stat().st_mtime < (now - keep).timestamp():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def inspect_file(path: str | Path) -> DocReport:
    """`docbot inspect`: the same reading and report as an upload, for a file on disk."""
    path = Path(path)
    return describe(read_document(path.name, path.read_bytes())[2])


def add(db, directory: Path, doc: Preview, *, at: datetime, actor: str) -> Path:
    """Write a confirmed upload into the corpus directory (atomically) and audit it."""
    path = Path(directory) / doc.file_name
    if path.exists():
        raise UploadError(f"文件库里已有同名文件 {doc.file_name}。")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(doc.text, encoding="utf-8")
    tmp.replace(path)
    with db.atomic():
        audit(db, at=at, actor=actor, action="add_document", details={"file": doc.file_name, "title": doc.title})
        if shared_inbox.shares_documents(db):  # the other workers write it into their uploads too
            shared_inbox.record_document(db, doc.file_name, doc.text, at=at.isoformat())
    return path


def find_document(corpus, directory: Path, name: str):
    """The document whose file name, short name, title or alias is ``name``; raises UploadError."""
    name = name.strip()
    bundled = None
    for doc in corpus.documents:
        if name in (doc.source, Path(doc.source).stem, doc.short_name, doc.title, *doc.aliases):
            if (Path(directory) / doc.source).is_file():
                return doc
            bundled = bundled or doc
    if bundled is not None:
        raise UploadError(f"“{bundled.short_name}”是内置文件，不能删除；/remove 只删除上传的文件。")
    raise UploadError(f"文件库里没有名为“{name}”的文件。发送 /docs 查看文件列表。")


def remove(db, directory: Path, source: str, *, at: datetime, actor: str) -> None:
    path = Path(directory) / safe_name(source)
    if not path.is_file():
        raise UploadError("这个文件已经不在文件库里了。")
    path.unlink()
    with db.atomic():
        audit(db, at=at, actor=actor, action="remove_document", details={"file": path.name})
        if shared_inbox.shares_documents(db):
            shared_inbox.record_document(db, path.name, None, at=at.isoformat())


def list_documents(corpus) -> str:
    docs = corpus.documents
    if not docs:
        return "文件库是空的。"
    lines = [f"文件库共 {len(docs)} 份文件："]
    for n, doc in enumerate(docs, 1):
        report = describe(doc)  # counted as `docbot inspect` and the upload preview count
        extra = f"，{report.count()}" if report.items else ""
        lines.append(f"{n}. {doc.short_name}（{doc.title}{extra}）")
    return "\n".join(lines)
