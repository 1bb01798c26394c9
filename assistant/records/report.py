"""A picture of the month: leaders × contact points, each cell visited / pending / overdue, drawn with
matplotlib (Agg, no display) in the CJK font the project installs itself from a package
(``cvttf-NotoSansCJK-Regular``: Noto Sans CJK), never a system font, so the labels render the same on
every machine.

Status of a point in a month: *visited* when a visit in its period (the month for 街道/部门, the
quarter for 社区/学校/两新) happened by the end of the month; otherwise *overdue* once the period has
ended (or the month is past), else *pending*.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from assistant.records.dates import add_months
from assistant.records.rules import KIND_NAMES, Rules
from assistant.records.visits import leader_states
from assistant.records.workdays import quarter_start

STATUS_NAMES = {"visited": "已督导", "pending": "待督导", "overdue": "逾期"}
COLOURS = {"visited": "#8fd19e", "pending": "#ffe08a", "overdue": "#f4a3a3"}


@dataclass(frozen=True)
class Coverage:
    year: int
    month: int
    rows: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]  # (leader, ((point, kind, status), …))

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUS_NAMES, 0)
        for _, cells in self.rows:
            for _, _, status in cells:
                out[status] += 1
        return out


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The bundled CJK font file (an installed package, not the system's fonts)."""
    import cvttf_NotoSansCJK_Regular  # lazy: a 16 MB font package, only when drawing

    return Path(cvttf_NotoSansCJK_Regular.get_TTF_path())


def coverage(db: sqlite_utils.Database, year: int, month: int, rules: Rules, *, today: date) -> Coverage:
    first = date(year, month, 1)
    end = add_months(first, 1) - timedelta(days=1)
    q_first = quarter_start(first)
    q_end = add_months(q_first, 3) - timedelta(days=1)
    monthly = set(rules["visit_monthly"].kinds)
    sql = ("select vp.point_id, v.visit_date from visit_points vp join visits v on v.id = vp.visit_id "
           "where v.visit_date >= ? and v.visit_date <= ?")
    visited: dict[int, list[str]] = {}
    for pid, day in db.conn.execute(sql, [q_first.isoformat(), end.isoformat()]):
        visited.setdefault(pid, []).append(day)
    rows = []
    for leader in leader_states(db):
        cells = []
        for pid, kind, name in leader.points:
            start, period_end = (first, end) if kind in monthly else (q_first, q_end)
            if any(d >= start.isoformat() for d in visited.get(pid, ())):
                status = "visited"
            elif today > period_end:
                status = "overdue"
            else:
                status = "pending"
            cells.append((name, kind, status))
        rows.append((leader.name, tuple(cells)))
    return Coverage(year, month, tuple(rows))


KIND_ORDER = tuple(KIND_NAMES)  # 街道, 部门, 社区, 两新, 学校: one block of columns per kind
WRAP = 7  # characters per line inside a cell; longer names wrap at word boundaries, never cut


def layout(cov: Coverage) -> tuple[list[str], dict[tuple[int, int], tuple[str, str]]]:
    """(the kind of each column, {(row, column): (point, status)}): each point type in its own columns,
    in KIND_ORDER, as many columns per type as the leader with most points of that type has."""
    width = {k: max((sum(1 for _, kind, _ in cells if kind == k) for _, cells in cov.rows), default=0)
             for k in (*KIND_ORDER, *{kind for _, cells in cov.rows for _, kind, _ in cells} - set(KIND_ORDER))}
    columns = [k for k, n in width.items() for _ in range(n)]
    start = {k: columns.index(k) for k in width if width[k]}
    cells: dict[tuple[int, int], tuple[str, str]] = {}
    for r, (_, row) in enumerate(cov.rows):
        used = dict.fromkeys(start, 0)
        for name, kind, status in row:
            cells[(r, start[kind] + used[kind])] = (name, status)
            used[kind] += 1
    return columns, cells


_CLOSING = frozenset("）)」》、，,。")


def wrap(name: str, width: int = WRAP) -> str:
    """Lines of at most ``width`` characters, broken between words (jieba), a word longer than a
    line split only where it must be."""

    import jieba  # the chart is rare; jieba's dictionary loads on the first one (about a second)

    jieba.setLogLevel(logging.WARNING)
    lines, line = [], ""
    for word in jieba.lcut(name):
        while len(word) > width:  # one word longer than a line
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if len(line) + len(word) > width and word not in _CLOSING:  # "）" never opens a line
            lines.append(line)
            line = ""
        line += word
    return "\n".join([*lines, line] if line else lines)


def figure(cov: Coverage):
    """The matplotlib Figure (tests inspect its texts' fonts); every text uses the bundled font. A header
    row names each column's point type; names wrap inside their cells."""
    import matplotlib  # lazy: matplotlib (~0.5 s), only when drawing

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Patch, Rectangle

    font = FontProperties(fname=str(font_path()), size=8)
    bold = FontProperties(fname=str(font_path()), size=9, weight="bold")
    big = FontProperties(fname=str(font_path()), size=13)
    columns, cells = layout(cov)
    cols = max(len(columns), 1)
    n = max(len(cov.rows), 1)
    height = 1.4 + 0.55 * n  # inches: a fixed band for title, legend and headers above the rows
    fig = Figure(figsize=(2.2 + 1.2 * cols, height), dpi=110)
    ax = fig.add_axes((0.1, 0.2 / height, 0.88, (height - 1.3) / height))
    for (r, c), (name, status) in cells.items():
        y = n - 1 - r
        ax.add_patch(Rectangle((c, y), 0.96, 0.92, color=COLOURS[status]))
        ax.text(c + 0.48, y + 0.46, wrap(name), ha="center", va="center", fontproperties=font, linespacing=1.1)
    for c, kind in enumerate(columns):  # a header over the first column of each type
        if c == 0 or columns[c - 1] != kind:
            ax.text(c + 0.02, n + 0.15, KIND_NAMES.get(kind, kind), ha="left", va="bottom", fontproperties=bold)
            if c:
                ax.axvline(c - 0.02, color="#999999", linewidth=0.6)
    ax.set_xlim(0, cols)
    ax.set_ylim(0, n + 0.6)
    ax.set_yticks([n - 1 - r + 0.46 for r in range(len(cov.rows))])
    ax.set_yticklabels([leader for leader, _ in cov.rows], fontproperties=font)
    ax.set_xticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    counts = cov.counts()
    summary = "，".join(f"{STATUS_NAMES[k]} {v}" for k, v in counts.items())
    fig.suptitle(f"{cov.year}年{cov.month}月 区领导联系督导情况（{summary}）", fontproperties=big)
    ax.legend(handles=[Patch(color=COLOURS[k], label=v) for k, v in STATUS_NAMES.items()], prop=font,
              loc="lower right", bbox_to_anchor=(1.0, 1.02), ncol=3, frameon=False)
    if not cov.rows:
        ax.text(0.5, 0.5, "没有区领导和联系点", ha="center", va="center", fontproperties=big)
    return fig


def render_png(cov: Coverage) -> bytes:
    buf = io.BytesIO()
    figure(cov).savefig(buf, format="png")
    return buf.getvalue()
