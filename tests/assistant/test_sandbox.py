"""Uploaded files are read without trusting them (assistant/documents/sandbox.py): archive limits before any XML
is parsed, then a child process with memory and time limits; one Chinese refusal per failure class."""

import io
import json
import random
import subprocess
import sys
import time
import zipfile

import pytest

from assistant.documents import sandbox, uploads
from tests.support.documents import NumberedDocx, zip_bomb

MIB = 1 << 20


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(1 << 30)  # 1 MB on disk, 1 GiB of XML inside


def _docx() -> bytes:
    d = NumberedDocx()
    d.para("某某区关于加强机关党建工作的实施方案")
    n = d.define(("decimal", "%1."))
    d.para("加强政治建设，每月组织集中学习。（区委组织部牵头，区委宣传部配合）", n)
    return d.bytes()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info))
    return out.getvalue()


def _with_picture(data: bytes, size: int) -> bytes:
    """A document with a large incompressible member (a photo): big when unpacked, not a bomb."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/image1.jpeg", random.Random(0).randbytes(size))
    return out.getvalue()


def test_a_real_docx_is_read_in_the_child_with_its_numbering():
    assert "1.加强政治建设" in sandbox.extract(".docx", _docx())


def test_zip_bomb_is_refused_before_anything_is_inflated(bomb):
    assert len(bomb) < 2 * MIB
    t0 = time.perf_counter()
    with pytest.raises(sandbox.Refused, match="压缩炸弹") as err:
        sandbox.extract(".docx", bomb)
    assert err.value.kind == "bomb" and time.perf_counter() - t0 < 2.0
    with pytest.raises(uploads.UploadError, match="压缩炸弹"):  # what the admin is told
        uploads.extract_text("方案.docx", bomb)


def test_refusing_the_bomb_keeps_a_fresh_process_under_300_mb(tmp_path, bomb):
    """The whole upload path (preview) in a fresh interpreter: its peak memory is what the bot adds."""
    (tmp_path / "bomb.docx").write_bytes(bomb)
    code = ("import sys; from pathlib import Path; from assistant.documents import uploads\n"
            "try:\n    uploads.preview('bomb.docx', Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]))\n"
            "except uploads.UploadError as err:\n    print(str(err))\n"
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork+exec from the (large) pytest parent.
            "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')) // 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "bomb.docx"), str(tmp_path / "up")],
                         capture_output=True, text=True, timeout=60, check=True).stdout.splitlines()
    assert "压缩炸弹" in out[0] and int(out[-1]) < 300, out


@pytest.mark.parametrize("limits, data, kind, message", [
    (sandbox.Limits(max_unpacked=MIB), _with_picture(_docx(), 2 * MIB), "too_large", "解压后内容过大"),
    (sandbox.Limits(max_ratio=10_000, max_unpacked=MIB), zip_bomb(3 * MIB), "too_large", "解压后内容过大"),
    (sandbox.Limits(max_members=3), _docx(), "bomb", "压缩炸弹"),
    (sandbox.Limits(seconds=0.05), _docx(), "timeout", "超时"),
    (sandbox.Limits(memory=24 * MIB), _docx(), "too_large", "过大"),  # the child runs out of memory
    (sandbox.LIMITS, _replace_member(_docx(), "word/document.xml", b"<w:document><w:body><w:p>"), "malformed", "XML"),
    (sandbox.LIMITS, b"PK\x03\x04 not a zip at all" * 4, "unreadable", "无法读取"),
])
def test_each_failure_class_has_its_refusal(limits, data, kind, message):
    with pytest.raises(sandbox.Refused, match=message) as err:
        sandbox.extract(".docx", data, limits)
    assert err.value.kind == kind


def test_child_answers_in_json_even_for_an_unexpected_failure(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    subprocess.run([sys.executable, "-m", "assistant.documents.sandbox", str(tmp_path / "x.pdf"), str(tmp_path / "r.json")],
                   check=True, timeout=60)
    answer = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert answer["kind"] == "unreadable" and "PDF" in answer["message"]


@pytest.mark.parametrize("name, safe", [
    ("\u202etxt.exe.docx", "txt.exe.docx"),  # RIGHT-TO-LEFT OVERRIDE would show it as "xcod.exe.txt"
    ("方案\u200b\u2066（2024）\u2069.docx", "方案（2024）.docx"),
    ("a\x0bb\x01c.txt", "abc.txt"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\方案.pdf", "方案.pdf"),
    ("\u2028\u2029", "upload.txt"),
])
def test_file_names_lose_invisible_and_path_characters(name, safe):
    assert uploads.safe_name(name) == safe


def test_the_child_does_not_see_the_bots_secrets(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret")
    seen = {}
    monkeypatch.setattr(sandbox.subprocess, "Popen", lambda argv, **kw: seen.update(kw) or _Done())
    with pytest.raises(sandbox.Refused):  # the fake child wrote no answer
        sandbox.extract(".pdf", b"%PDF-1.4")
    assert "TELEGRAM_BOT_TOKEN" not in seen["env"] and "PATH" in seen["env"]
    assert str(sandbox._ROOT) in seen["env"]["PYTHONPATH"]


class _Done:
    pid = 0

    def wait(self, timeout=None):
        return 0
