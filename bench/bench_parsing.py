"""Parsing real documents: the each-document eval score, parse time per eval document, and a cold
structured answer (fresh interpreter: import, parse the bundled corpus, answer "第N项谁牵头")."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.stats import percentiles, time_calls

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "eval_documents"
HOLDOUT_DIR = EVAL_DIR.parent / "holdout_documents"
_COLD = (
    "import time; t=time.perf_counter(); from corpus.library import load_corpus; "
    "from assistant.documents.knowledge import Knowledge; from assistant.questions.ask import ask; "
    "a=ask('越秀工作要点第17项谁牵头', Knowledge(corpus=load_corpus())); "
    "assert a.found; print((time.perf_counter()-t)*1000)"
)


def run() -> str:
    from assistant.evaluation.question_sets import merge
    from bot.commands.eval import each_document_scores
    from bot.config import Settings
    from corpus.loaders import load_text
    from corpus.parse import parse_document

    rows = []
    for path in sorted(EVAL_DIR.glob("doc*.txt"), key=lambda p: int(p.stem[3:]) if p.stem[3:].isdigit() else 0):
        if path.name.endswith(".source.txt"):
            continue
        text = load_text(path)
        doc = parse_document(text, path.name)
        med, _ = percentiles(time_calls(lambda t=text, s=path.name: parse_document(t, s), 10))
        with_units = sum(1 for i in (*doc.items, *doc.tasks) if i.units)
        rows.append(f"| {path.stem} | {len(text)} | {len(doc.items)} | {len(doc.tasks)} | {with_units} | {med:.1f} |")
    def score(directory: Path) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            total = merge(s.report for s in each_document_scores(directory, settings=Settings(data_dir=Path(tmp))))
        passed = sum(k.passed for k in total.kinds.values())
        count = sum(k.total for k in total.kinds.values())
        kinds = "，".join(f"{k} {v.passed}/{v.total}" for k, v in total.kinds.items())
        return f"**{passed}/{count} = {passed / count:.3f}** ({kinds})"

    cold = [float(subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True,
                                 check=True).stdout.strip()) for _ in range(5)]
    cmed, cp95 = percentiles(cold)
    return "\n".join([
        "## Parsing real documents (issue 8)",
        "",
        f"`docbot eval --each-document tests/fixtures/eval_documents`: {score(EVAL_DIR)}.  ",
        f"Held-out set (`tests/fixtures/holdout_documents`): {score(HOLDOUT_DIR)}.  ",
        f"Cold structured answer (fresh interpreter: imports, parse the bundled corpus, answer 第17项谁牵头): "
        f"median {cmed:.0f} ms, p95 {cp95:.0f} ms.",
        "",
        "| document | chars | items | paragraph tasks | with units | parse median ms |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    print(run())
