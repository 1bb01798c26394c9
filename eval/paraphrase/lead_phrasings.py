"""Paraphrase probes of the tuning sets' lead questions: the same expected strings, asked in five other ways
("X是谁负责的", "X归哪个部门管", "X，责任单位是哪个", "请问X找谁", "X谁来抓"). Routing and search only: the topic
is cut from the original question by pattern, so a few probes lose what the original narrowed (see README).

usage: python eval/paraphrase/lead_phrasings.py OUTDIR   then   docbot eval --each-document OUTDIR
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETS = [Path("/work/shared/eval/documents")] + [ROOT / "eval" / s for s in (
    "breadth", "breadth2", "breadth3", "breadth4", "breadth5", "breadth6")]  # tuning sets only, never *_aside
WHO = r"(?:由|归)?(?:谁|哪个单位|哪个部门|哪个处室|哪家单位|哪些单位|哪些部门|哪个机构|哪位领导|哪个科室)"
VERB = r"(负责|牵头|牵头负责|主抓|组织|组织实施|承担|落实|抓|来负责|来牵头|具体负责)"
TOPIC_FIRST = re.compile(rf"^(?P<topic>.+?){WHO}{VERB}(?P<tail>.*?)[？?]?$")
WHO_FIRST = re.compile(rf"^(?:谁|哪个单位|哪个部门)(?:来)?{VERB}(?P<topic>.+?)[？?]?$")


def forms(topic: str, lead: bool) -> list[str]:
    return [f"{topic}是谁{'牵头' if lead else '负责'}的？", f"{topic}归哪个部门管？",
            f"{topic}，{'牵头单位' if lead else '责任单位'}是哪个？", f"请问{topic}找谁？", f"{topic}谁来抓？"]


def probes(questions: list[dict]) -> list[dict]:
    rows = []
    for q in questions:
        m = TOPIC_FIRST.match(q["q"]) or WHO_FIRST.match(q["q"])
        if q["kind"] != "lead" or not m or "第" in q["q"][:3] or len(topic := m.group("topic").strip("，, ")) < 4:
            continue
        lead = "牵头" in m.group(1)
        for i, text in enumerate(forms(topic, lead)):
            row = {"id": f"{q['id']}-p{i}", "kind": "lead", "q": text, "expect": q["expect"]}
            if lead and q.get("lead") and i in (0, 2):  # the forms that still ask who leads keep the strict rule
                row["lead"] = q["lead"]
            rows.append(row)
    return rows


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for directory in SETS:
        for qf in sorted(directory.glob("*.questions.jsonl")):
            stem = qf.name.removesuffix(".questions.jsonl")
            rows = probes([json.loads(line) for line in qf.read_text(encoding="utf-8").splitlines() if line.strip()])
            if rows:
                tag = f"{directory.name}_{stem}"
                shutil.copy(qf.with_name(f"{stem}.txt"), out / f"{tag}.txt")
                (out / f"{tag}.questions.jsonl").write_text(
                    "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
                total += len(rows)
    print(total, "questions")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
