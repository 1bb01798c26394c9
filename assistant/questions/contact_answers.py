"""Exact answers about district leaders' contact points ("苏佩联系哪个社区", "东湖新村社区由哪位区领导挂点"),
read from the contact-point table (assistant/documents/contact_tables.py), citing the table rows they read."""

from __future__ import annotations

from collections import defaultdict

from assistant.documents.contact_tables import Assignment, ContactIndex, person_header
from assistant.documents.names import name_key
from assistant.questions.answer import Answer, Citation
from assistant.questions.intents import Parsed
from corpus.vocabulary import LEADER


def _row_citation(a: Assignment) -> Citation:
    return Citation(a.document.short_name, a.document.source, a.locator, a.row.text, 1.0)


def _asked_posts(question: str, rows: list[Assignment], contacts: ContactIndex) -> list[Assignment]:
    """The rows of the posts the question names ("…的乡镇负责人"), all when it names none."""
    posts = contacts.posts_in(name_key(question))
    return [a for a in rows if a.post in posts] or rows if posts else rows


def _person(a: Assignment) -> str:
    return f"{a.leader}（{a.detail}）" if a.detail else a.leader


def _by_paragraph(rows: list[Assignment]) -> list[list[Assignment]]:
    groups: dict[int, list[Assignment]] = defaultdict(list)
    for a in rows:
        groups[id(a.paragraph)].append(a)
    return list(groups.values())


def _group_block(point: str, column: str, group: list[Assignment]) -> str:
    """"大坪村（指导村）由第二指导组负责：组长：林黎；副组长：陈若非、李岚"."""
    posts: dict[str, list[str]] = defaultdict(list)
    for a in group:
        posts[a.post].append(_person(a))
    people = "；".join(f"{post}：{'、'.join(names)}" if post else "、".join(names) for post, names in posts.items())
    return f"{point}（{column}）由{group[0].table.title}负责：{people}"  # the citation gives the paragraph


def answer_leader(question: str, p: Parsed, contacts: ContactIndex) -> Answer:
    blocks, cites = [], []
    for name in p.leaders:
        for a in _asked_posts(question, contacts.of_leader(name), contacts):
            grouped: dict[str, list[str]] = defaultdict(list)
            for h, pt in a.points:
                grouped[h].append(pt)
            wanted = [h for h in p.columns if h in grouped] or list(grouped)
            role = f"任{a.post}" if a.post else ("挂点联系督导" if a.visits else "")
            who = _person(a) if a.detail and not a.post else name  # "张三（县委副书记）"
            lines = [f"{who}{role}（{a.document.short_name} {a.locator}）："]
            lines += [f"· {h}：{'、'.join(grouped[h])}" for h in wanted]
            missing = [h for h in p.columns if h not in grouped]
            lines += [f"· {h}：表中该栏为空" for h in missing]
            if wanted != list(grouped):
                others = "；".join(f"{h}：{'、'.join(v)}" for h, v in grouped.items() if h not in wanted)
                lines.append(f"{'其他挂点' if a.visits and not a.post else '其他'}：{others}")
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
        if rows[0].paragraph is not None and not any(a.post for a in rows):  # "张三（副书记）联系城关镇"
            blocks.append(f"{point}（{column}）：{'、'.join(_person(a) for a in rows)}")
            cites += [_row_citation(a) for a in rows]
            continue
        if rows[0].paragraph is not None:  # a roster group given the point: the group, its people by post
            rows = _asked_posts(question, rows, contacts)
            blocks += [_group_block(point, column, group) for group in _by_paragraph(rows)]
            cites += [_row_citation(group[0]) for group in _by_paragraph(rows)]
            continue
        if any(a.post for a in rows):  # a table of people by post: each person with their post
            rows = _asked_posts(question, rows, contacts)
            said = "；".join(f"{a.post}：{_person(a)}" for a in rows)
            blocks.append(f"{point}（{column}，{rows[0].locator}）的责任人：{said}")
            cites += [_row_citation(a) for a in dict((id(a.row), a) for a in rows).values()]
            continue
        names = "、".join(f"{_person(a)}（{a.locator}）" for a in rows)
        if not rows[0].visits:  # a roster's 分工: who does it, in the table's words
            blocks.append(f"{point}（{column}）：{names}")
            cites += [_row_citation(a) for a in rows]
            continue
        # the table's own word for its people ("县领导" of corpus/pairings.py), else the bundled table's 区领导
        who = header if (header := person_header(rows[0].table) or "").endswith(LEADER) and len(header) > len(LEADER) else "区领导"
        count = f"{len(rows)}位{who}" if len(rows) > 1 else who
        blocks.append(f"{point}（{column}）由{count}挂点联系督导：{names}")
        cites += [_row_citation(a) for a in rows]
    return Answer(question, "point_leaders", bool(cites), "\n".join(blocks), tuple(cites), paragraphs=True)
