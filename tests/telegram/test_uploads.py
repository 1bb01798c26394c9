"""Document upload: office loaders, the preview/add/remove core, and the chat flow (offline)."""

import io

import docx
import pytest
from pypdf import PdfWriter

from assistant import uploads
from assistant.store import open_db
from corpus.loaders_office import docx_text
from corpus.loaders_pdf import pdf_text
from tests.support.telegram_harness import FIXED_NOW, offline, process
from tests.telegram.conftest import ADMIN, MEMBER

ITEMS = "\n".join(f"{n}. 加强第{n}项工作，按时报送材料。（区委组织部牵头，区委宣传部配合）" for n in range(1, 6))
TEXT = "中共某区委关于加强机关党建工作的实施方案\n\n一、总体要求\n" + ITEMS + "\n"


def make_docx(table: bool = True) -> bytes:
    document = docx.Document()
    document.add_paragraph("中共某区委关于加强机关党建工作的实施方案")
    document.add_paragraph("一、总体要求")
    for line in ITEMS.splitlines():
        document.add_paragraph(line)
    if table:
        t = document.add_table(rows=2, cols=3)
        for cell, value in zip(t.rows[0].cells, ["序号", "区领导", "联系街道"], strict=True):
            cell.text = value
        for cell, value in zip(t.rows[1].cells, ["1", "张三", "北京街"], strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(text: str = "Party building plan 2020", password: str = "") -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    body, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (n, obj)
    xref = len(body)
    body += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    if not password:
        return body
    writer = PdfWriter(clone_from=io.BytesIO(body))
    writer.encrypt(user_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_docx_loader_keeps_order_and_writes_tables_tab_separated(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(make_docx())
    text = docx_text(path)
    assert text.index("总体要求") < text.index("1. 加强第1项") < text.index("序号\t区领导\t联系街道")
    assert "1\t张三\t北京街" in text


def test_pdf_loader_reads_the_text_layer(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf())
    assert "Party building plan" in pdf_text(path)


@pytest.mark.parametrize("name, data, message", [
    ("plan.exe", b"MZ\x90\x00", "只支持"),
    ("plan.txt", b"", "空"),
    ("plan.txt", b"   \n\n", "空"),
    ("plan.txt", b"\x00\x01\x02binary", "不是文本"),
    ("plan.txt", "太短".encode(), "没有可读的文字"),
    ("plan.txt", b"x" * (uploads.MAX_BYTES + 1), "太大"),
    ("plan.txt", bytes(range(128, 256)) * 20, "编码"),
    ("plan.docx", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "加密"),
    ("plan.docx", b"PK\x03\x04 not really a zip", "无法读取"),
    ("plan.pdf", b"hello, I am not a pdf at all, really not", "不是有效的 PDF"),
    ("plan.pdf", make_pdf(password="secret"), "加密"),
])
def test_bad_uploads_are_refused_in_chinese(tmp_path, name, data, message):
    with pytest.raises(uploads.UploadError, match=message):
        uploads.preview(name, data, tmp_path)
    assert not list(tmp_path.iterdir())


def test_preview_add_and_remove(tmp_path):
    db = open_db(tmp_path / "db.sqlite3")
    corpus_dir = tmp_path / "corpus"
    found = uploads.preview("../../机关党建方案.docx", make_docx(), corpus_dir)
    assert found.file_name == "机关党建方案.txt" and found.item_count == 5
    assert "区委组织部" in found.units and "机关党建" in found.title
    path = uploads.add(db, corpus_dir, found, at=FIXED_NOW, actor="1")
    assert path.parent == corpus_dir and path.read_text(encoding="utf-8") == found.text
    with pytest.raises(uploads.UploadError, match="同名"):
        uploads.preview("机关党建方案.docx", make_docx(), corpus_dir)
    uploads.remove(db, corpus_dir, "机关党建方案.txt", at=FIXED_NOW, actor="1")
    assert not path.exists()
    assert [r["action"] for r in db["audit_log"].rows] == ["add_document", "remove_document"]


async def test_upload_flow_in_chat(offline_bot, offline_api, tmp_path):
    api, services = offline_api, offline_bot.bot_data["services"]
    stored = uploads.uploads_dir(services.data_dir)
    reloads = []
    services.reload_knowledge = lambda: reloads.append(1) or services.knowledge
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.document("机关党建方案.docx", make_docx(), user=ADMIN))
        preview = api.sent(chat_id=ADMIN)[-1]
        assert "条目：5 项" in preview.text and [b[0] for b in preview.buttons] == ["确认", "取消"]
        await process(offline_bot, api.press(preview.buttons[0][1], user=ADMIN))
        assert "已加入文件库" in api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.press(preview.buttons[0][1], user=ADMIN))  # pressed twice
        await process(offline_bot, api.document("坏文件.pdf", b"not a pdf" * 10, user=ADMIN))
        assert "不是有效的 PDF" in api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.text(f"/allow {MEMBER}", user=ADMIN))
        await process(offline_bot, api.document("x.txt", TEXT.encode(), user=MEMBER))
        assert "只有管理员" in api.sent(chat_id=MEMBER)[-1].text
    assert (stored / "机关党建方案.txt").exists() and reloads == [1]
    assert not (stored / "x.txt").exists() and not services.corpus_dir.exists()  # the corpus is never written
    assert not errors


async def test_remove_flow_in_chat(offline_bot, offline_api):
    api, services = offline_api, offline_bot.bot_data["services"]
    source = "yuexiu-2018-party-political-life-work-points.txt"
    services.reload_knowledge = lambda: services.knowledge
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("/remove 不存在的文件", user=ADMIN))
        assert "没有名为" in api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.text("/remove 越秀工作要点", user=ADMIN))  # bundled: read-only
        assert "内置文件，不能删除" in api.sent(chat_id=ADMIN)[-1].text
        stored = uploads.uploads_dir(services.data_dir)
        stored.mkdir(parents=True)
        (stored / source).write_text("x", encoding="utf-8")  # the same document, as if uploaded
        await process(offline_bot, api.text("/remove 越秀工作要点", user=ADMIN))
        ask = api.sent(chat_id=ADMIN)[-1]
        assert "确定" in ask.text and ask.buttons[0][0] == "确认删除"
        await process(offline_bot, api.press(ask.buttons[0][1], user=ADMIN))
    assert "已从文件库删除" in api.sent(chat_id=ADMIN)[-1].text
    assert not (stored / source).exists() and not errors
