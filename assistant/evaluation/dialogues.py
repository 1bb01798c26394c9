"""Scoring dialogues: conversations whose later turns only make sense after the earlier ones.

One JSON object per line::

    {"id": "g-01", "turns": [{"q": "工作要点第17项谁牵头", "expect": ["区民政局"]},
                             {"q": "那第18项呢", "expect": ["区委组织部"], "absent": ["洛阳机关党建意见"]}]}

A turn passes when its answer's content (blocks and citations) holds every ``expect`` string, none of the ``absent`` ones, and, with
``"found": false``, says nothing was found. A dialogue passes when all its turns pass. Each dialogue
starts with an empty context; ``converse(question, context) -> (answer, context)`` carries it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.evaluation.question_sets import contains, content, read_jsonl


def is_dialogue_file(path: Path) -> bool:
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                obj = json.loads(line)
            except ValueError:
                return False
            return isinstance(obj, dict) and "turns" in obj
    return False


def load_dialogues(path: Path) -> list[dict]:
    out = []
    for n, obj in read_jsonl(path):
        turns = obj.get("turns") if isinstance(obj, dict) else None
        if not turns or not all(isinstance(t, dict) and isinstance(t.get("q"), str) for t in turns):
            raise ValueError(f"第{n}行缺少 turns（每轮需要 q）")
        out.append(obj)
    return out


@dataclass
class DialogueReport:
    dialogues: int = 0
    passed: int = 0
    turns: int = 0
    turns_passed: int = 0
    failures: list[dict] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.dialogues if self.dialogues else 0.0

    @property
    def turn_rate(self) -> float:
        return self.turns_passed / self.turns if self.turns else 0.0

    def to_json(self) -> dict:
        return {"dialogue": {"total": self.dialogues, "passed": self.passed, "rate": round(self.rate, 4)},
                "turn": {"total": self.turns, "passed": self.turns_passed, "rate": round(self.turn_rate, 4)},
                "failures": self.failures}

    def format(self) -> str:
        lines = ["类别        通过/总数   通过率",
                 f"{'dialogue':<10}  {self.passed:>3}/{self.dialogues:<3}     {self.rate:6.1%}",
                 f"{'turn':<10}  {self.turns_passed:>3}/{self.turns:<3}     {self.turn_rate:6.1%}"]
        lines += [f"未通过 {f['id']} 第{f['turn']}轮：{f['q']} → {f['why']}" for f in self.failures]
        return "\n".join(lines)


def _why(turn: dict, answer) -> str:
    missing = [e for e in turn.get("expect", []) if not contains(content(answer), e)]
    present = [a for a in turn.get("absent", []) if contains(content(answer), a)]
    problems = []
    if missing:
        problems.append("答案缺少 " + "、".join(missing))
    if present:
        problems.append("答案不应包含 " + "、".join(present))
    if "found" in turn and bool(turn["found"]) != answer.found:
        problems.append("应回答“没有找到”" if not turn["found"] else "不应回答“没有找到”")
    return "；".join(problems)


def evaluate_dialogues(dialogues: list[dict], start: Callable[[], object],
                       converse: Callable[[str, object], tuple[object, object]]) -> DialogueReport:
    """``start()`` gives a fresh context; ``converse(q, context)`` answers and gives the next one."""
    report = DialogueReport()
    for d in dialogues:
        report.dialogues += 1
        context, ok = start(), True
        for n, turn in enumerate(d["turns"], 1):
            report.turns += 1
            answer, context = converse(turn["q"], context)
            why = _why(turn, answer)
            if why:
                ok = False
                report.failures.append({"id": d.get("id", ""), "turn": n, "q": turn["q"], "why": why})
            else:
                report.turns_passed += 1
        report.passed += ok
    return report
