"""The records' reports cite their sources through the answer renderer (assistant/questions/render.py), like every
answer: no other module writes a "来源：" line (issue 19, done-when: `grep -rn '来源：' assistant index
corpus` finds only the renderer)."""

from pathlib import Path

import pytest

from assistant.questions.render import SOURCES, source_line, source_note
from assistant.records.holiday_store import import_notice, list_year
from assistant.records.holidays import parse_notice
from assistant.records.obligations import Obligation, render_month, render_year
from assistant.records.reminders import ReminderState, Schedule, due
from assistant.records.rules import Rules
from assistant.records.workdays import WorkCalendar
from tests.records.conftest import at
from tests.records.test_holidays import NOTICE

ROOT = Path(__file__).resolve().parents[2]
RENDERERS = {"assistant/questions/render.py"}

DEC_10 = Obligation("党内监督工作方案", "第3项", ("各牵头部门",), "yearly_date", "每年12月10日前",
                    "各牵头部门每年12月10日前报送工作总结。", month=12, day=10)
YEARLY = Obligation("党内监督工作方案", "第5项", ("区纪委",), "yearly", "每年", "区纪委每年开展一次专项检查。")


def test_only_the_renderers_write_a_sources_line():
    writers = {str(p.relative_to(ROOT)) for package in ("assistant", "index", "corpus")
               for p in (ROOT / package).rglob("*.py") if SOURCES in p.read_text(encoding="utf-8")}
    assert writers == RENDERERS


def test_the_renderer_helpers():
    assert source_note("《方案》第3项") == "（来源：《方案》第3项）"
    assert source_line("《方案》第3项", "  ") == "  来源：《方案》第3项"


@pytest.mark.parametrize(("render", "found"), [
    (lambda: render_month([DEC_10], 2026, 12), DEC_10),
    (lambda: render_year([YEARLY]), YEARLY),
])
def test_the_obligations_calendar_cites_each_duty_under_it(render, found):
    assert f"{found.quote}\n{source_line(found.citation, '  ')}" in render()


def test_the_digest_cites_each_obligation_after_it():
    state = ReminderState([], {}, [], set(), Rules(), Schedule(), WorkCalendar(), (), (DEC_10,),
                          ((333, "各牵头部门"),))
    [reminder] = [r for r in due(state, at(2026, 12, 1, 9, 0)) if r.kind == "obligation"]
    assert f"{DEC_10.quote}{source_note(DEC_10.citation)}" in reminder.text


def test_the_holiday_list_cites_the_imported_notice(db):
    import_notice(db, parse_notice(NOTICE), now=at(2026, 11, 20), actor="1", original=NOTICE)
    undo = "撤销：/holidays 撤销 2027 或 docbot holidays --undo 2027"
    assert list_year(db, 2027).endswith("\n" + source_note(f"管理员导入的国务院办公厅通知，2026-11-20；{undo}"))
