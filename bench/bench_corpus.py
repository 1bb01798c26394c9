"""Corpus loading: read + parse every bundled document (runs on every CLI call)."""

from __future__ import annotations

import subprocess
import sys

from bench.stats import percentiles, time_calls


def run() -> str:
    from corpus.library import load_corpus
    from corpus.loaders import load_text
    from corpus.parse import parse_document

    corpus = load_corpus()
    load = percentiles(time_calls(load_corpus, 50))
    rows = []
    for doc in corpus.documents:
        from corpus import BUNDLED_DIR

        text = load_text(BUNDLED_DIR / doc.source)
        med, p95 = percentiles(time_calls(lambda t=text, s=doc.source: parse_document(t, s), 50))
        rows.append(f"| {doc.short_name} | {len(text)} | {len(doc.items)} | {len(doc.tables)} | "
                    f"{len(doc.paragraphs)} | {med:.2f} | {p95:.2f} |")
    cold = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c",
             "import time; t=time.perf_counter(); from corpus.library import load_corpus; load_corpus(); "
             "print((time.perf_counter()-t)*1000)"],
            capture_output=True, text=True, check=True,
        )
        cold.append(float(out.stdout.strip()))
    cmed, cp95 = percentiles(cold)
    return "\n".join([
        "## Corpus parsing",
        "",
        f"`load_corpus()` over the {len(corpus.documents)} bundled documents (warm process): "
        f"median {load[0]:.1f} ms, p95 {load[1]:.1f} ms.  ",
        f"Fresh interpreter, import + `load_corpus()`: median {cmed:.0f} ms, p95 {cp95:.0f} ms.",
        "",
        "| document | chars | items | tables | paragraphs | parse median ms | p95 ms |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    print(run())
