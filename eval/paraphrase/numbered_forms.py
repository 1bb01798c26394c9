"""Numbered-item lead probes: the parsed lead of item N of a breadth document, asked in seven numbered forms
("第N项谁牵头", "第N个任务谁牵头", "第N点谁牵头"…). Routing only — the expected lead is the parser's own — over
documents with one numbering run and no document of an aside set.

usage: PYTHONPATH=. python eval/paraphrase/numbered_forms.py OUTDIR   then   docbot eval --each-document OUTDIR
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from corpus.library import load_document, read_names
from corpus.numerals import int_to_chinese

ROOT = Path(__file__).resolve().parents[2]
BREADTH = Path("/work/shared/corpus/breadth")
FORMS = ["第{n}项谁牵头？", "第{c}项的牵头单位是哪个？", "{n}项谁牵头", "第{n}条由谁牵头？", "第{n}个任务谁牵头？",
         "第{n}点谁牵头？", "第{n}项工作哪个部门牵头？"]


def main(out: Path) -> None:
    aside = {m.group(1) for d in (ROOT / "eval").glob("*_aside") for f in d.glob("*.txt")
             if (m := re.search(r"(\d{3})", f.name))}
    out.mkdir(parents=True, exist_ok=True)
    names, total = read_names(BREADTH), 0
    for path in sorted(BREADTH.glob("[0-9]*.txt")):
        if path.stem in aside:
            continue
        main_items = [i for i in load_document(path, names).items if i.part == "正文" and not i.path]
        if not main_items or len({i.number for i in main_items}) != len(main_items):
            continue
        rows = [{"id": f"{path.stem}-{it.number}-f{k}", "kind": "lead", "expect": [it.units.lead[0]],
                 "lead": [it.units.lead[0]], "q": form.format(n=it.number, c=int_to_chinese(it.number))}
                for it in main_items[:8] if len(it.units.lead) == 1 for k, form in enumerate(FORMS)]
        if rows:
            shutil.copy(path, out / path.name)
            (out / f"{path.stem}.questions.jsonl").write_text(
                "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
            total += len(rows)
    print(total, "questions")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
