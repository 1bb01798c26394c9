"""The month's picture (font from the installed package), the ledger's summary sheet, the obligations
calendar from the parsed model, and their CLI commands."""

import io
import json
from datetime import date

import pytest
from matplotlib.font_manager import findfont
from openpyxl import load_workbook

from assistant.records import ledger
from assistant.records.leaders import load_leaders
from assistant.records.notes import parse_note
from assistant.records.obligations import due_in_month, obligations_of, rules_in, subject_of
from assistant.records.rectifications import add_rectification
from assistant.records.report import coverage, figure, font_path, render_png
from assistant.records.visits import record_visit
from tests.records.conftest import at

NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，发现组织生活记录不规范，要求15天内整改"


@pytest.fixture
def visited(db, rules):
    note = parse_note(NOTE, load_leaders(db), date(2026, 11, 6), rules)
    record_visit(db, note, actor_id=222, actor="222", now=at(2026, 11, 6, 10), rules=rules)
    add_rectification(db, unit="北京街", issue="台账缺失", notice_date=date(2026, 11, 1), due=date(2026, 12, 31),
                      rule="explicit", citation="记录中写明", leader_id=2, logged_by=222, now=at(2026, 11, 1),
                      actor="222", rules=rules)
    return db


def test_coverage_statuses(visited, rules):
    cov = coverage(visited, 2026, 11, rules, today=date(2026, 11, 30))
    wang = dict(cov.rows)["王焕清"]
    status = {name: s for name, _, s in wang}
    assert status["东山街"] == "visited" and status["区教育局"] == "pending" and status["五羊社区"] == "pending"
    past = dict(coverage(visited, 2026, 10, rules, today=date(2026, 11, 30)).rows)["王焕清"]
    assert {name: s for name, _, s in past}["东山街"] == "overdue"  # October ended without a visit


def test_png_labels_use_the_bundled_cjk_font(visited, rules):
    path = font_path()
    assert "site-packages" in str(path) and path.suffix == ".otf"  # installed from a package, not the system
    fig = figure(coverage(visited, 2026, 11, rules, today=date(2026, 11, 30)))
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_fontproperties") and hasattr(a, "get_text"))
             if any("\u4e00" <= ch <= "\u9fff" for ch in a_text(t))]
    assert any("王焕清" == a_text(t) for t in texts) and any("东山街" == a_text(t) for t in texts)
    assert all(findfont(t.get_fontproperties()) == str(path) for t in texts)
    png = render_png(coverage(visited, 2026, 11, rules, today=date(2026, 11, 30)))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def a_text(t) -> str:
    return t.get_text() if callable(getattr(t, "get_text", None)) else ""


def test_ledger_summary_sheet_matches_the_records(visited, rules):
    wb = load_workbook(io.BytesIO(ledger.to_xlsx(visited, "2026-11", today=date(2026, 11, 30))))
    assert wb.sheetnames[2] == "汇总"
    rows = {r[0]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    cells = dict(coverage(visited, 2026, 11, rules, today=date(2026, 11, 30)).rows)
    assert rows["王焕清"] == ("王焕清", len(cells["王焕清"]), 1, len(cells["王焕清"]) - 1, 0, 1, 1)
    assert rows["苏佩"][5:] == (1, 0)  # one open rectification, not yet overdue
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].width >= 8
    overdue = [r for r in wb["整改台账"].iter_rows(min_row=2) if r[4].value < "2026-11-30"]
    assert overdue and all(c.fill.fgColor.rgb.endswith(ledger.OVERDUE_FILL) for c in overdue[0])


@pytest.mark.parametrize("sentence, kind, phrase", [
    ("各牵头部门贯彻落实本方案情况请于每年的12月10日前报区党廉办汇总。", "yearly_date", "每年的12月10日前"),
    ("各联系督导点单位每年12月底前要进行全面总结。", "yearly_date", "每年12月底前"),
    ("相关单位于2018年12月25日前完成自查。", "once", "于2018年12月25日前"),
    ("党支部每月召开1次支部委员会。", "monthly", "每月"),
    ("每季度至少开展1次专题学习。", "quarterly", "每季度"),
    ("下级纪委至少每半年向上级纪委报告1次工作。", "halfyear", "每半年"),
    ("每年至少召开1次民主生活会。", "yearly", "每年"),
    ("加强党的政治建设。", None, None),
])
def test_time_rules_in_sentences(sentence, kind, phrase):
    got = rules_in(sentence)
    assert [(k, m.group(0)) for k, m in got] == ([(kind, phrase)] if kind else [])


@pytest.mark.parametrize("sentence, unit", [
    ("各牵头部门贯彻落实本方案情况请于每年的12月10日前报区党廉办汇总。", "各牵头部门"),
    ("每年组织抽查核实制度落实情况。", ""),
])
def test_subject_of(sentence, unit):
    assert subject_of(sentence) == unit


def test_december_obligations_from_the_parsed_corpus(knowledge):
    found = due_in_month(obligations_of(knowledge.corpus.documents), 2026, 12)
    report = next(o for o in found if o.document == "党内监督工作方案" and o.when == "12月10日前")
    assert report.units == ("各牵头部门",) and "区党廉办" in report.quote
    summary = next(o for o in found if o.document == "越秀工作要点" and o.when == "12月底前")
    assert summary.locator.startswith("附件1") and summary.units == ("各联系督导点单位",)
    assert not [o for o in due_in_month(obligations_of(knowledge.corpus.documents), 2026, 11)
                if o.kind == "yearly_date"]
    assert all("区纪委" in o.units for o in due_in_month(obligations_of(knowledge.corpus.documents), 2026, 12,
                                                         unit="区纪委"))


def test_cli_calendar_report_and_holidays(tmp_path, docbot):
    def _docbot(tmp_path, *args):  # in this process (tests/support/cli.py)
        return docbot(*args, env={"DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1",
                                  "DOCBOT_CORPUS_DIR": None})

    r = _docbot(tmp_path, "calendar", "--month", "2026-12", "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert any(o["document"] == "党内监督工作方案" and o["when"] == "12月10日前" and o["units"] == ["各牵头部门"]
               and o["citation"].startswith("《党内监督工作方案》") for o in got)
    assert any(o["document"] == "越秀工作要点" and o["locator"].startswith("附件1") and o["when"] == "12月底前"
               for o in got)
    assert _docbot(tmp_path, "calendar", "--month", "2026-13").returncode == 2
    out = tmp_path / "督导情况.png"
    r = _docbot(tmp_path, "report", "--month", "2026-11", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"
    # New Year's Day 2027 is no working day even without package data; 2027 digests carry the warning
    assert json.loads(_docbot(tmp_path, "reminders", "--at", "2027-01-01T09:00", "--json").stdout) == []
    first = _docbot(tmp_path, "reminders", "--at", "2027-01-04T09:00").stdout
    assert "【每日提醒】2027年1月4日（星期一）" in first and "2027年的节假日调休安排尚未导入" in first
    notice = tmp_path / "通知.txt"
    notice.write_text("关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假，与周末连休，共3天。\n"
                      "二、春节：2月5日至11日放假调休，共7天。2月28日（星期日）上班。", encoding="utf-8")
    r = _docbot(tmp_path, "holidays", "import", str(notice))  # two of the seven holidays: needs --confirm
    assert r.returncode == 1 and "缺少清明节" in r.stdout + r.stderr and "尚未导入" in _docbot(
        tmp_path, "holidays", "list", "2027").stdout
    r = _docbot(tmp_path, "holidays", "import", str(notice), "--confirm")
    assert r.returncode == 0 and "已导入 2027" in r.stdout, r.stderr
    listing = _docbot(tmp_path, "holidays", "list", "2027").stdout
    assert "02月28日（春节）" in listing and "调休上班" in listing
    assert "尚未导入" in _docbot(tmp_path, "holidays", "list", "2028").stdout
    assert "尚未导入" not in _docbot(tmp_path, "reminders", "--at", "2027-01-04T09:00").stdout
    notice.write_text("2027年 放假", encoding="utf-8")
    assert _docbot(tmp_path, "holidays", "import", str(notice)).returncode == 2


def test_item_time_fields_of_the_parsed_model_are_read():
    """A 完成时限 cell the parser put in Item.deadline (not in the item's text) still makes an obligation."""
    from types import SimpleNamespace

    from corpus.model import Item, Units

    item = SimpleNamespace(**{f: getattr(Item(3, "完善台账。", "完善台账。"), f) for f in ("number", "heading", "text")},
                           units=Units(lead=("区纪委",)), locator="附件 第3项", deadline="每年6月底前", frequency="")
    doc = SimpleNamespace(short_name="新方案", date="2026年1月5日", items=(item,), paragraphs=())
    [o] = obligations_of([doc])
    assert (o.kind, o.month, o.units, o.citation) == ("yearly_date", 6, ("区纪委",), "《新方案》附件 第3项")
    assert due_in_month([o], 2027, 6) == [o] and not due_in_month([o], 2027, 7)


@pytest.mark.parametrize("sentence, unit", [
    ("由区国资局牵头委托第三方咨询机构，于6月底前基本完成全区国有企业战略性整合发展报告。", "区国资局"),
    ("七、年终奖金由区森林与园林管理局办公室组织考核组进行年度考核。", "区森林与园林管理局办公室"),
    ("按照区党工委审议通过的方案精神，12月底前完成移交。", ""),
    ("区资源生态局、市场监管局每月26日前将进展情况报送区领导小组办公室。", "区资源生态局"),
])
def test_subject_of_other_documents(sentence, unit):
    assert subject_of(sentence) == unit


@pytest.mark.parametrize("sentence, unit", [
    ("区森林防火指挥部办公室按照合同约定，会同乡镇人民政府每年对护林防火员工作绩效进行考核。", "区森林防火指挥部办公室"),
    ("乡镇林业站组织人员在每月底应对护林防火员的管护情况进行评比考核。", "乡镇林业站"),
    ("六、乡镇护林防火员的工资表由各乡镇林业站负责人签字盖章后，每季度报送。", "各乡镇林业站"),
    ("区领导小组办公室组织区交通建设局开展督导，每季度开展不少于10天的指导检查。", "区领导小组办公室"),
])
def test_subject_with_its_whole_name(sentence, unit):
    assert subject_of(sentence) == unit


@pytest.mark.parametrize("sentence, units", [
    ("《行动计划》提出每年由市纪委、市委组织部牵头制定年度工作要点;", ("市纪委", "市委组织部")),
    ("区资源生态局、市场监管局每月26日前将进展情况报送区领导小组办公室。", ("区资源生态局", "市场监管局")),
    ("加强党的政治建设。", ()),
])
def test_several_units_in_a_sentence(sentence, units):
    from assistant.records.obligations import subjects_of

    assert subjects_of(sentence) == units
