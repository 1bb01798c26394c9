"""Scoring a question set (format of ../shared/eval/dev_questions.jsonl) against the assistant.

Kinds with ``expect`` (lead, unit, table, …) pass when every expected string appears in the answer
text; ``retrieve`` questions are ranked by where an ``anchors`` string first appears in the answer's
citations (hit@1, hit@3, MRR@10 — ranks past the cited three come from the searcher's list);
``negative`` questions pass when the answer says nothing was found. Matching ignores whitespace,
markup and full/half-width differences.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answers import Answer

_MARKUP = re.compile(r"<[^>]{0,40}>|\*\*|__|[`#【】]")
_SPACE = re.compile(r"\s+")
MRR_DEPTH = 10


def match_key(text: str) -> str:
    """Text as compared: NFKC (full → half width), markup and whitespace removed, lower case."""
    return _SPACE.sub("", _MARKUP.sub("", unicodedata.normalize("NFKC", text or ""))).lower()


def contains(haystack: str, needle: str) -> bool:
    return match_key(needle) in match_key(haystack)


def load_questions(path: Path) -> list[dict]:
    """One JSON object per line; blank lines skipped. ValueError names the bad line."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"第{n}行不是有效的 JSON：{exc}") from None
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
            why = "" if ok else f"应回答“没有找到”，却答了：{answer.text[:60]}"
        elif kind == "retrieve":
            anchors = q.get("anchors") or q.get("expect") or []
            rank = anchor_rank(anchors, [c.text for c in answer.citations])
            if rank is None and search is not None:
                deeper = anchor_rank(anchors, search(q["q"], MRR_DEPTH))
                rank = deeper if deeper and deeper > len(answer.citations) else None
            report.ranks.append(rank)
            ok = rank is not None and rank <= 3
            why = "" if ok else f"锚点排名 {rank or f'>{MRR_DEPTH}'}"
        else:
            missing = [e for e in q.get("expect", []) if not contains(answer.text, e)]
            ok = not missing
            why = "" if ok else f"答案缺少 {'、'.join(missing)}"
        if ok:
            score.passed += 1
        else:
            report.failures.append({"id": q.get("id", ""), "kind": kind, "q": q["q"], "why": why})
    return report
