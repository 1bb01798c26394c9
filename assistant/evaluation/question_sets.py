"""Scoring a question set (format of ../shared/eval/dev_questions.jsonl) against the assistant.

Graded on the answer's fields, never on its rendered text (assistant/questions/answer.py): kinds with
``expect`` (lead, unit, table, …) pass when every expected string appears in the answer's content (its
body blocks and its citations: document, locator); ``retrieve`` questions are ranked by where an
``anchors`` string first appears in the answer's citations (hit@1, hit@3, MRR@10 — ranks past the cited
three come from the searcher's list); ``negative`` questions pass when the answer is not ``found``.
Matching ignores whitespace, markup and full/half-width differences.

A ``lead`` question that also lists the document's designated ``lead`` units and asks 谁牵头 must
present exactly those units as the first it presents in the role 牵头 (``Answer.parties``: from
structure, or stated by the passage it quotes), never "no lead of its own" ("no_lead"). ``evaluate_each_document`` grades every document of a folder on its own
(eval/documents format).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.questions.answer import Answer

_MARKUP = re.compile(r"<[^>]{0,40}>|\*\*|__|[`#【】]")
_SPACE = re.compile(r"\s+")
MRR_DEPTH = 10


def match_key(text: str) -> str:
    """Text as compared: NFKC (full → half width), markup and whitespace removed, lower case."""
    return _SPACE.sub("", _MARKUP.sub("", unicodedata.normalize("NFKC", text or ""))).lower()


def contains(haystack: str, needle: str) -> bool:
    return match_key(needle) in match_key(haystack)


def read_jsonl(path: Path):
    """(line number, object) for each non-blank line; ValueError names a line that is not JSON."""
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as exc:
            raise ValueError(f"第{n}行不是有效的 JSON：{exc}") from None


def load_questions(path: Path) -> list[dict]:
    """One JSON object per line; blank lines skipped. ValueError names the bad line."""
    out = []
    for n, obj in read_jsonl(path):
        if not isinstance(obj, dict) or not isinstance(obj.get("q"), str) or not obj.get("kind"):
            raise ValueError(f"第{n}行缺少 q 或 kind 字段")
        out.append(obj)
    return out


@dataclass
class KindScore:
    total: int = 0
    passed: int = 0

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


@dataclass
class Report:
    kinds: dict[str, KindScore] = field(default_factory=dict)
    ranks: list[int | None] = field(default_factory=list)  # retrieve: 1-based rank or None
    failures: list[dict] = field(default_factory=list)

    def hit_at(self, k: int) -> float:
        return sum(1 for r in self.ranks if r is not None and r <= k) / len(self.ranks) if self.ranks else 0.0

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r) / len(self.ranks) if self.ranks else 0.0

    def to_json(self) -> dict:
        out: dict = {k: {"total": s.total, "passed": s.passed, "rate": round(s.rate, 4)}
                     for k, s in self.kinds.items()}
        if self.ranks:
            out["retrieve_metrics"] = {"hit@1": round(self.hit_at(1), 4), "hit@3": round(self.hit_at(3), 4),
                                       "mrr": round(self.mrr, 4), "n": len(self.ranks)}
        out["failures"] = self.failures
        return out

    def format(self) -> str:
        lines = ["类别        通过/总数   通过率"]
        for kind, s in self.kinds.items():
            lines.append(f"{kind:<10}  {s.passed:>3}/{s.total:<3}     {s.rate:6.1%}")
        if self.ranks:
            lines.append(f"检索：hit@1 {self.hit_at(1):.3f}  hit@3 {self.hit_at(3):.3f}  MRR {self.mrr:.3f}"
                         f"（{len(self.ranks)}题）")
        for f in self.failures:
            lines.append(f"未通过 {f['id']}（{f['kind']}）：{f['q']} → {f['why']}")
        return "\n".join(lines)


def content(answer: Answer) -> str:
    """What an answer says, from its fields: the body blocks, then each citation's document and locator."""
    return "\n".join([*answer.blocks, *(f"{c.document} {c.locator}" for c in answer.citations)])


def lead_rule_failure(q: dict, answer: Answer) -> str:
    """Why an answer breaks the strict lead rule ("" when it keeps it or the rule does not apply)."""
    leads = q.get("lead")
    if not leads or "牵头" not in q["q"]:
        return ""
    if any(role == "no_lead" for role, _ in answer.parties):
        return "答案称“没有单独的牵头单位”"
    presented = [match_key(u) for u in answer.presented("lead")]
    if not presented:
        return "答案没有写出牵头单位"
    if set(presented) != {match_key(u) for u in leads}:
        return f"牵头单位应为 {'、'.join(leads)}，答案给的是 {'、'.join(presented)}"
    return ""


def anchor_rank(anchors: Iterable[str], texts: list[str]) -> int | None:
    for i, text in enumerate(texts, 1):
        if any(contains(text, a) for a in anchors):
            return i
    return None


def evaluate(questions: list[dict], ask: Callable[[str], Answer],
             search: Callable[[str, int], list[str]] | None = None) -> Report:
    """``ask`` answers a question; ``search`` (optional) gives the passage texts for deeper ranks."""
    report = Report()
    for q in questions:
        kind = q["kind"]
        score = report.kinds.setdefault(kind, KindScore())
        score.total += 1
        answer = ask(q["q"])
        why = ""
        if kind == "negative":
            ok = not answer.found
            why = "" if ok else f"应回答“没有找到”，却答了：{content(answer)[:60]}"
        elif kind == "retrieve":
            anchors = q.get("anchors") or q.get("expect") or []
            rank = anchor_rank(anchors, [c.text for c in answer.citations])
            if rank is None and search is not None:
                deeper = anchor_rank(anchors, search(q["q"], MRR_DEPTH))
                rank = deeper if deeper and deeper > len(answer.citations) else None
            report.ranks.append(rank)
            # The grading rule (../shared/eval/documents/README.md): an anchor in the answer or in the
            # text of its first three citations. The deeper search rank above only feeds hit@k/MRR — a
            # "没有找到" answer fails, however well search ranked the passage.
            ok = answer.found and (any(contains(content(answer), a) for a in anchors)
                                   or anchor_rank(anchors, [c.text for c in answer.citations[:3]]) is not None)
            why = "" if ok else (f"锚点排名 {rank or f'>{MRR_DEPTH}'}" if answer.found else
                                 f"回答“没有找到”（检索排名 {rank or f'>{MRR_DEPTH}'}）")
        else:
            missing = [e for e in q.get("expect", []) if not contains(content(answer), e)]
            why = f"答案缺少 {'、'.join(missing)}" if missing else ""
            if kind == "lead" and not why:
                why = lead_rule_failure(q, answer)
            ok = not why
        if ok:
            score.passed += 1
        else:
            report.failures.append({"id": q.get("id", ""), "kind": kind, "q": q["q"], "why": why})
    return report


@dataclass
class DocumentScore:
    name: str
    report: Report


def merge(reports: Iterable[Report]) -> Report:
    total = Report()
    for r in reports:
        for kind, s in r.kinds.items():
            t = total.kinds.setdefault(kind, KindScore())
            t.total += s.total
            t.passed += s.passed
        total.ranks += r.ranks
        total.failures += r.failures
    return total


def document_sets(directory: Path) -> list[tuple[Path, Path]]:
    """(docK.txt, docK.questions.jsonl) pairs of an eval folder, in natural order (doc2 before doc10)."""
    pairs = []
    for qfile in Path(directory).glob("*.questions.jsonl"):
        stem = qfile.name[: -len(".questions.jsonl")]
        docs = [p for p in qfile.parent.glob(stem + ".*") if p != qfile and not p.name.endswith(".source.txt")]
        if docs:
            pairs.append((sorted(docs)[0], qfile))
    return sorted(pairs, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p[0].stem)])


def evaluate_each_document(directory: Path, open_document: Callable[[Path], tuple[Callable, Callable | None]],
                           only: Iterable[str] = ()) -> list[DocumentScore]:
    """Grade every document of ``directory`` alone: ``open_document(path)`` returns (ask, search)
    over a corpus holding just that file."""
    wanted = set(only)
    out = []
    for doc, qfile in document_sets(directory):
        if wanted and doc.stem not in wanted:
            continue
        ask, search = open_document(doc)
        out.append(DocumentScore(doc.stem, evaluate(load_questions(qfile), ask, search)))
    return out


def format_each(scores: list[DocumentScore], *, failures: bool = True) -> str:
    kinds = list(dict.fromkeys(k for s in scores for k in s.report.kinds))
    lines = ["文件      " + "  ".join(f"{k:>9}" for k in kinds) + "      合计"]
    for s in scores:
        cells = [f"{s.report.kinds[k].passed:>4}/{s.report.kinds[k].total:<4}" if k in s.report.kinds else " " * 9
                 for k in kinds]
        p, t = _totals(s.report)
        lines.append(f"{s.name:<8}  " + "  ".join(cells) + f"  {p:>3}/{t:<3}")
    total = merge(s.report for s in scores)
    p, t = _totals(total)
    cells = [f"{total.kinds[k].passed:>4}/{total.kinds[k].total:<4}" for k in kinds]
    lines.append(f"{'合计':<6}  " + "  ".join(cells) + f"  {p:>3}/{t:<3} = {p / t if t else 0:.3f}")
    if failures:
        for s in scores:
            for f in s.report.failures:
                lines.append(f"未通过 {s.name} {f['id']}（{f['kind']}）：{f['q']} → {f['why']}")
    return "\n".join(lines)


def each_to_json(scores: list[DocumentScore]) -> dict:
    total = merge(s.report for s in scores)
    p, t = _totals(total)
    return {"documents": {s.name: s.report.to_json() for s in scores},
            "total": {"passed": p, "total": t, "rate": round(p / t, 4) if t else 0.0,
                      **{k: {"passed": v.passed, "total": v.total} for k, v in total.kinds.items()}}}


def _totals(report: Report) -> tuple[int, int]:
    return sum(s.passed for s in report.kinds.values()), sum(s.total for s in report.kinds.values())
