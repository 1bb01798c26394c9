"""Document upload: office loaders, the preview/add/remove core, and the chat flow (offline)."""

import io
import time

import docx
import pytest
from pypdf import PdfWriter

from assistant.documents import uploads
from assistant.operations.data_dir import uploads_dir
from assistant.storage.store import open_db
from corpus.loaders_office import docx_text
from corpus.loaders_pdf import pdf_text
from tests.support import telegram_harness as harness
from tests.support.documents import NumberedDocx, pdf_pages, to_doc, zip_bomb
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


def scanned_pdf() -> bytes:
    """A page that is all picture, as a scanner makes it: no text layer."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.rect(72, 72, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
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
    ("scan.pdf", scanned_pdf(), "扫描件，无法识别文字"),
])
def test_bad_uploads_are_refused_in_chinese(tmp_path, name, data, message):
    with pytest.raises(uploads.UploadError, match=message):
        uploads.preview(name, data, tmp_path)
    assert not list(tmp_path.iterdir())


def test_old_doc_saved_as_docx_is_read_through_libreoffice(tmp_path):
    data = to_doc(numbered_plan())
    if data is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc conversion cannot be tested here")
    found = uploads.preview("分工方案.docx", data, tmp_path)
    assert found.file_name == "分工方案.txt" and found.item_count == 3 and "区财政局" in found.units


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
    stored = uploads_dir(services.data_dir)
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
        stored = uploads_dir(services.data_dir)
        stored.mkdir(parents=True)
        (stored / source).write_text("x", encoding="utf-8")  # the same document, as if uploaded
        await process(offline_bot, api.text("/remove 越秀工作要点", user=ADMIN))
        ask = api.sent(chat_id=ADMIN)[-1]
        assert "确定" in ask.text and ask.buttons[0][0] == "确认删除"
        await process(offline_bot, api.press(ask.buttons[0][1], user=ADMIN))
    assert "已从文件库删除" in api.sent(chat_id=ADMIN)[-1].text
    assert not (stored / source).exists() and not errors


# --- New documents through the real HTTP stack: upload, preview, confirm, ask ----------------------

TASKS = [("推进网格化管理，完善网格员队伍建设。", "区委政法委", "各街道、区民政局"),
         ("加强财政资金监管，规范街道财务管理。", "区财政局", "街道财政所"),
         ("开展矛盾纠纷排查化解，及时回应群众诉求。", "区司法局", "区信访局、各街道")]


def numbered_plan() -> bytes:
    """Items typed with Word's list feature, each followed by 牵头单位：/配合单位： lines."""
    d = NumberedDocx()
    d.para("某某区2024年基层治理工作任务分工方案")
    n = d.define(("chineseCounting", "%1、"), ("decimal", "%2."))
    d.para("重点任务", n, 0)
    for task, lead, cooperate in TASKS:
        d.para(task, n, 1)
        d.para(f"牵头单位：{lead}")
        d.para(f"配合单位：{cooperate}")
    return d.bytes()


def table_plan() -> bytes:
    d = NumberedDocx()
    d.para("某某区2024年基层治理重点任务分工表")
    d.table([["序号", "工作任务", "牵头单位", "配合单位"], *([str(n), *row] for n, row in enumerate(TASKS, 1))])
    return d.bytes()


def articles_pdf() -> bytes:
    articles = [("建立一网通办工作专班，定期调度工作进展。", "区政务服务数据管理局、区市场监管局（排在第一位的为牵头单位，下同）"),
                ("推行告知承诺制，减少群众办事证明材料。", "区司法局、区政务服务数据管理局"),
                ("规范街道便民服务中心窗口设置，加强财务管理。", "区财政局、街道财政所"),
                ("建设统一受理平台，实现一窗综办。", "区政务服务数据管理局、各街道")]
    lines = ["某某区关于推进一网通办改革的实施办法"]
    for n, (task, units) in enumerate(articles):
        lines += [f"　　第{'一二三四'[n]}条", f"　　{task}责任单位：{units}"]
    return pdf_pages([lines[:5], lines[5:]])


@pytest.fixture
def upload_bot(fake_api, tmp_path):
    """The bot over an empty corpus: whatever is uploaded is the only document, as in real first use."""
    from bot.services import build_knowledge

    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    services = harness.make_services(settings, build_knowledge(settings, search=False),
                                     reload=lambda: build_knowledge(settings, search=False))
    return harness.make_app(settings, services)


async def _upload_and_ask(api, name: str, data: bytes, questions: dict[str, list[str]]) -> str:
    api.push(api.document(name, data, user=ADMIN))
    preview = (await api.wait_for(chat_id=ADMIN, timeout=30))[-1]
    assert preview.buttons and preview.buttons[0][0] == "确认", preview.text
    sent = len(api.sent(chat_id=ADMIN))
    api.push(api.press(preview.buttons[0][1], user=ADMIN))
    assert "已加入文件库" in (await api.wait_for(chat_id=ADMIN, count=sent + 1, timeout=30))[-1].text
    for question, expected in questions.items():
        sent = len(api.sent(chat_id=ADMIN))
        api.push(api.text(question, user=ADMIN))
        answer = (await api.wait_for(chat_id=ADMIN, count=sent + 1, timeout=30))[-1].text
        # "!text": must not be said (a hedge such as 没有单独的牵头单位 where the document names the lead)
        assert all(e[1:] not in answer if e.startswith("!") else e in answer for e in expected), (question, answer)
    return preview.text


NEW_DOCUMENTS = {
    "numbered-word": ("分工方案.docx", numbered_plan, {"第2项谁牵头": ["区财政局"], "街道财政所要配合哪些工作": ["财政资金监管"]}),
    "word-table": ("分工表.docx", table_plan, {"第3项谁牵头": ["区司法局"], "区信访局要配合哪些工作": ["矛盾纠纷排查"]}),
    "pdf-articles": ("实施办法.pdf", articles_pdf,
                     {"第1项谁牵头": ["区政务服务数据管理局", "牵头", "!没有单独的牵头单位"],
                      "preview": ["条目：4 项，其中 4 项识别出责任单位", "牵头规则：", "排在第一位的为牵头单位"]}),
    # The rule "（排在第一位的为牵头单位，下同）" in article 1 governs articles 2-4 as well.
    "pdf-articles-rule-carried": ("实施办法.pdf", articles_pdf,
                                  {"第3项谁牵头": ["区财政局", "!没有单独的牵头单位"],
                                   "街道财政所要配合哪些工作": ["便民服务中心", "配合", "!没有街道财政所配合"]}),
    "legacy-doc": ("分工方案.doc", lambda: to_doc(numbered_plan()),
                   {"第1项谁牵头": ["区委政法委"], "区民政局要配合哪些工作": ["网格化管理"]}),
}


@pytest.mark.e2e
@pytest.mark.parametrize("kind", list(NEW_DOCUMENTS))
async def test_new_document_answers_after_upload(upload_bot, fake_api, kind):
    name, make, questions = NEW_DOCUMENTS[kind]
    data = make()
    if data is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc upload cannot be tested here")
    async with harness.polling(upload_bot) as errors:
        await fake_api.wait_for("setMyCommands")
        questions = dict(questions)
        expected_preview = questions.pop("preview", [])
        preview = await _upload_and_ask(fake_api, name, data, questions)
        assert "【注意" not in preview  # every item has units: nothing to warn about
        assert all(e in preview for e in expected_preview), preview
    assert not errors


@pytest.mark.e2e
async def test_document_without_units_is_previewed_with_a_bold_warning(upload_bot, fake_api):
    d = NumberedDocx()
    d.para("某某区关于加强基层党建工作的意见")
    n = d.define(("decimal", "%1."))
    for task in ["加强党员教育管理，严格组织生活。", "推进党支部标准化建设。", "落实党建工作责任制。"]:
        d.para(task, n)
    async with harness.polling(upload_bot) as errors:
        await fake_api.wait_for("setMyCommands")
        fake_api.push(fake_api.document("意见.docx", d.bytes(), user=ADMIN))
        [preview] = await fake_api.wait_for(chat_id=ADMIN, timeout=30)
    assert "条目：3 项，其中 0 项识别出责任单位" in preview.text
    assert "<b>注意：3 项中只有 0 项识别出责任单位" in preview.params["text"]  # bold in Telegram
    assert not errors


@pytest.mark.e2e
async def test_zip_bomb_is_refused_while_other_users_are_answered(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    bomb = zip_bomb(1 << 30)
    async with harness.polling(app) as errors:
        await fake_api.wait_for("setMyCommands")
        fake_api.push(fake_api.text(f"/allow {MEMBER}", user=ADMIN))
        await fake_api.wait_for(chat_id=ADMIN)
        rss_before, t0 = _rss_mb(), time.perf_counter()
        fake_api.push(fake_api.document("方案.docx", bomb, user=ADMIN),
                      *(fake_api.text("越秀工作要点第17项谁牵头？", user=MEMBER) for _ in range(3)))
        refusal = (await fake_api.wait_for(chat_id=ADMIN, count=2, timeout=10))[-1]
        elapsed = time.perf_counter() - t0
        answers = await fake_api.wait_for(chat_id=MEMBER, count=4, timeout=10)
    assert "压缩炸弹" in refusal.text and elapsed < 2.0
    assert all("第17项" in a.text for a in answers[1:])
    assert _rss_mb() - rss_before < 50  # the bot held the 1 MB file, never its 1 GiB inside
    assert not errors


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS")) / 1024


def test_stored_name_has_no_bidi_or_control_characters(tmp_path):
    found = uploads.preview("\u202excod.方案\x0b.docx", make_docx(), tmp_path)
    assert found.file_name == "xcod.方案.txt"


# --- The 确认 button outlives a restart (issue 20) --------------------------------------------------


@pytest.mark.e2e
async def test_the_upload_confirmation_survives_a_restart(fake_api, tmp_path):
    """Preview in one bot process, 确认 pressed after a restart (new services, no buttons in memory):
    the stored button and the staged text import the document, which then answers."""
    from bot.services import build_knowledge

    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})

    def start():
        return harness.make_app(settings, harness.make_services(
            settings, build_knowledge(settings, search=False), reload=lambda: build_knowledge(settings, search=False)))

    async with harness.polling(start()) as errors:
        fake_api.push(fake_api.document("机关党建方案.docx", make_docx(), user=ADMIN))
        [preview] = await fake_api.wait_for(chat_id=ADMIN, timeout=30)
        fake_api.push(fake_api.document("另一份方案.docx", make_docx(), user=ADMIN))
        [_, other] = await fake_api.wait_for(chat_id=ADMIN, count=2, timeout=30)
    assert [b[0] for b in preview.buttons] == ["确认", "取消"] and not errors
    def staged() -> int:
        from assistant.storage.store import open_db

        return open_db(settings.store)["staged_uploads"].count

    assert staged() == 2 and not (uploads_dir(settings.data_dir) / "机关党建方案.txt").exists()
    async with harness.polling(start()) as errors:  # the restarted bot
        fake_api.push(fake_api.press(preview.buttons[0][1], user=ADMIN))
        done = (await fake_api.wait_for(chat_id=ADMIN, count=3, timeout=30))[-1]
        assert "已加入文件库" in done.text, done.text
        fake_api.push(fake_api.press(other.buttons[1][1], user=ADMIN))  # 取消 after the restart
        assert "已取消" in (await fake_api.wait_for(chat_id=ADMIN, count=4, timeout=30))[-1].text
        fake_api.push(fake_api.text("机关党建方案第3项谁牵头？", user=ADMIN))
        answer = (await fake_api.wait_for(chat_id=ADMIN, count=5, timeout=30))[-1]
    assert "区委组织部" in answer.text, answer.text
    assert (uploads_dir(settings.data_dir) / "机关党建方案.txt").read_text(encoding="utf-8").startswith("中共某区委")
    assert staged() == 0 and not errors  # confirmed one moved, cancelled one removed


async def test_a_confirmed_upload_names_the_file_that_was_sent(offline_bot, offline_api):
    """Issue 19: not the internal .txt the text is stored as; /docs counts its items as the preview."""
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.document("机关党建方案.docx", make_docx(), user=ADMIN))
        preview = api.sent(chat_id=ADMIN)[-1]
        await process(offline_bot, api.press(preview.buttons[0][1], user=ADMIN))
        done = api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.text("/docs", user=ADMIN))
        listing = api.sent(chat_id=ADMIN)[-1].text
    assert "机关党建方案.docx" in done and ".txt" not in done
    assert "条目：5 项" in preview.text and "机关党建" in listing and "5 项" in listing
    assert not errors
