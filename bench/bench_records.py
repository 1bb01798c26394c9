"""Records: reminder computation at scale (10 000 leaders, 100 000 visits) and note-parsing throughput."""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.records.leaders import Leader, Point
from assistant.records.notes import parse_note
from assistant.records.reminders import LeaderState, RectState, ReminderState, Schedule, due
from assistant.records.rules import load_rules
from assistant.records.state import due_digests, due_now
from assistant.storage.store import open_db
from bench.stats import percentiles, time_calls
from corpus import BUNDLED_DIR

TZ = ZoneInfo("Asia/Shanghai")
KINDS = ("street", "department", "community", "org", "school", "school")
N_LEADERS, N_VISITS, N_RECTS = 10_000, 100_000, 2_000
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


def _fill(db, rng: random.Random) -> None:
    """10 000 leaders × 6 points, 100 000 visits, 2 000 open rectifications, all bound."""
    conn = db.conn
    with db.atomic():
        conn.executemany("insert into leaders (id, name, source, active) values (?, ?, 'bench', 1)",
                         [(i, f"领导{i:05d}") for i in range(1, N_LEADERS + 1)])
        conn.executemany("insert into contact_points (id, leader_id, kind, name, active) values (?, ?, ?, ?, 1)",
                         [(i * 6 + k, i, kind, f"联系点{i}-{k}") for i in range(1, N_LEADERS + 1)
                          for k, kind in enumerate(KINDS)])
        conn.executemany("insert into leader_bindings (telegram_id, leader_id, confirmed, requested_at, "
                         "confirmed_by) values (?, ?, 1, '', 'bench')",
                         [(100_000 + i, i) for i in range(1, N_LEADERS + 1)])
        visits, links = [], []
        for v in range(1, N_VISITS + 1):
            leader = rng.randint(1, N_LEADERS)
            day = NOW.date() - timedelta(days=rng.randint(0, 200))
            visits.append((v, leader, day.isoformat(), "", "", "", "原文", 1, NOW.isoformat()))
            links.append((v, leader * 6 + rng.randrange(6)))
        conn.executemany("insert into visits (id, leader_id, visit_date, points, methods, findings, original, "
                         "logged_by, logged_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", visits)
        conn.executemany("insert or ignore into visit_points (visit_id, point_id) values (?, ?)", links)
        conn.executemany("insert into rectifications (leader_id, unit, issue, notice_date, due, rule, status, "
                         "logged_by, created_at) values (?, '单位', '问题', ?, ?, 'rectification_notice', 'open', 1, '')",
                         [(rng.randint(1, N_LEADERS), "2026-11-01",
                           (NOW.date() + timedelta(days=rng.randint(-30, 30))).isoformat()) for _ in range(N_RECTS)])


def _pure_state(rng: random.Random, rules) -> ReminderState:
    leaders = [LeaderState(i, f"领导{i}", 100_000 + i, tuple((i * 6 + k, kind, f"联系点{i}-{k}")
                                                          for k, kind in enumerate(KINDS)))
               for i in range(1, N_LEADERS + 1)]
    last: dict[int, date] = {}
    for _ in range(N_VISITS):  # aggregate 100 000 visits to the latest per point, as the store does
        pid = rng.randint(1, N_LEADERS) * 6 + rng.randrange(6)
        day = NOW.date() - timedelta(days=rng.randint(0, 200))
        last[pid] = max(last.get(pid, day), day)
    rects = [RectState(i, "单位", "问题", NOW.date() + timedelta(days=rng.randint(-30, 30)), "领导", 1, 2)
             for i in range(N_RECTS)]
    return ReminderState(leaders, last, rects, set(), rules, Schedule())


NOTES = [
    "走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改",
    "督导记录：苏佩昨天到北京街道和都府社区督导，个别访谈党员干部3人，发现三会一课台账缺失，要求11月30日前整改",
    "走访记录：陈晓丹 上周五到农林街，听取党工委工作汇报，未发现突出问题",
    "越秀工作要点第17项谁牵头？",
]


def _leaders_for_parsing() -> list[Leader]:
    rows = [("王焕清", ["东山街", "区教育局", "五羊社区", "第七中学"]), ("苏佩", ["北京街", "区卫计局", "都府社区"]),
            ("陈晓丹", ["农林街", "区文广新局", "执信南路社区"])]
    rows += [(f"领导{i:02d}", [f"测试{i}街", f"区测试{i}局", f"测试{i}社区", f"第{i}中学"]) for i in range(26)]
    pid = 0
    out = []
    for n, (name, pts) in enumerate(rows, 1):
        points = []
        for p in pts:
            pid += 1
            kind = "street" if p.endswith("街") else "department" if p.endswith("局") else "community" \
                if p.endswith("社区") else "school"
            points.append(Point(pid, n, kind, p))
        out.append(Leader(n, name, tuple(points)))
    return out


def run() -> str:
    rng = random.Random(5)
    rules = load_rules(BUNDLED_DIR)
    state = _pure_state(rng, rules)
    pure = time_calls(lambda: due(state, NOW), repeat=7)
    n_pure = len(due(state, NOW))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.sqlite3")
        t0 = time.perf_counter()
        _fill(db, rng)
        fill_s = time.perf_counter() - t0
        full = time_calls(lambda: due_now(db, NOW, rules), repeat=5)
        n_full = len(due_now(db, NOW, rules))
        digests = time_calls(lambda: due_digests(db, NOW, rules), repeat=5)
        n_digests = len(due_digests(db, NOW, rules))
        db.close()
    leaders = _leaders_for_parsing()
    today = NOW.date()
    batch = NOTES * 250
    t0 = time.perf_counter()
    for text in batch:
        parse_note(text, leaders, today, rules)
    per_s = len(batch) / (time.perf_counter() - t0)
    single = time_calls(lambda: parse_note(NOTES[0], leaders, today, rules), repeat=200)
    pm, pp = percentiles(pure)
    fm, fp = percentiles(full)
    dm, dp = percentiles(digests)
    sm, sp = percentiles(single)
    return "\n".join([
        "## Records and reminders",
        "",
        f"{N_LEADERS:,} leaders × 6 contact points, {N_VISITS:,} visits, {N_RECTS:,} open rectifications, "
        f"at {NOW:%Y-%m-%d %H:%M} (a nudge day). Target: reminder computation < 1 s.",
        "",
        "| what | median | p95 | reminders |",
        "|---|---|---|---|",
        f"| `due(state, now)` — pure, state in memory | {pm:.0f} ms | {pp:.0f} ms | {n_pure:,} |",
        f"| `due_now(db, now)` — load state from SQLite (visits aggregated in SQL) + `due` | {fm:.0f} ms | "
        f"{fp:.0f} ms | {n_full:,} |",
        f"| `due_digests(db, now)` — what the job runs: the above + holiday calendar + one digest per person | "
        f"{dm:.0f} ms | {dp:.0f} ms | {n_digests:,} digests |",
        "",
        f"Filling the SQLite file took {fill_s:.1f} s (not part of the figure).",
        "",
        f"Note parsing (29 leaders, real-looking notes and a question): {per_s:,.0f} notes/s; "
        f"one note {sm:.2f} ms median, {sp:.2f} ms p95.",
    ])


if __name__ == "__main__":
    print(run())
