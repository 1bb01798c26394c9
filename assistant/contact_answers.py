"""Exact answers about district leaders' contact points ("苏佩联系哪个社区", "东湖新村社区由哪位区领导挂点"),
read from the contact-point table (assistant/contacts.py), citing the table rows they read."""

from __future__ import annotations

from collections import defaultdict

from assistant.answers import Answer, Citation
from assistant.contacts import Assignment, ContactIndex
from assistant.intents import Parsed


def _row_citation(a: Assignment) -> Citation:
    return Citation(a.document.short_name, a.document.source, a.locator, a.row.text, 1.0)


def answer_leader(question: str, p: Parsed, contacts: ContactIndex) -> Answer:
    blocks, cites = [], []
    for name in p.leaders:
        for a in contacts.of_leader(name):
            grouped: dict[str, list[str]] = defaultdict(list)
            for h, pt in a.points:
                grouped[h].append(pt)
            wanted = [h for h in p.columns if h in grouped] or list(grouped)
            lines = [f"{name}挂点联系督导（{a.document.short_name} {a.locator}）："]
            lines += [f"· {h}：{'、'.join(grouped[h])}" for h in wanted]
            missing = [h for h in p.columns if h not in grouped]
            lines += [f"· {h}：表中该栏为空" for h in missing]
            if wanted != list(grouped):
                others = "；".join(f"{h}：{'、'.join(v)}" for h, v in grouped.items() if h not in wanted)
                lines.append(f"其他挂点：{others}")
            blocks.append("\n".join(lines))
            cites.append(_row_citation(a))
    return Answer(question, "leader_points", bool(cites), tuple(blocks), tuple(cites), paragraphs=True)


def answer_point(question: str, p: Parsed, contacts: ContactIndex) -> Answer:
    blocks, cites = [], []
    for point in p.points:
        rows = contacts.of_point(point)
        if not rows:
            continue
        column = next(h for h, pt in rows[0].points if pt == point)
        names = "、".join(f"{a.leader}（{a.locator}）" for a in rows)
        count = f"{len(rows)}位区领导" if len(rows) > 1 else "区领导"
        blocks.append(f"{point}（{column}）由{count}挂点联系督导：{names}")
        cites += [_row_citation(a) for a in rows]
    return Answer(question, "point_leaders", bool(cites), "\n".join(blocks), tuple(cites), paragraphs=True)
