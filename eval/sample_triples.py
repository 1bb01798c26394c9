"""Sample (document, item, party, role) triples the parser extracts, for checking by hand.

    PYTHONPATH=. python eval/sample_triples.py [--corpus DIR] [--size 100] [--seed 16]

Every party of every item (numbered items, table rows read as items and unnumbered task paragraphs)
in the corpus is a triple. The sample is the ``size`` triples with the smallest hash of
(seed, document, locator, party): the same parse gives the same sample, and after the parser
changes every triple it still extracts keeps its place, so most of the sample — and its verdicts —
survive a re-run.

Verdicts are written by hand into ``eval/triples_verdicts.tsv`` (doc, locator, party, verdict,
reason), keyed like the sample, and merged into ``eval/triples_sample.tsv`` on every run; a triple
without a verdict shows an empty one (``--todo`` lists them). Verdicts:
ok / invented (the text names no such party for the item: a phrase, a fragment, a wrong span) /
wrong-role / wrong-item.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "breadth"
SAMPLE = ROOT / "eval" / "triples_sample.tsv"
VERDICTS = ROOT / "eval" / "triples_verdicts.tsv"
VERDICT_WORDS = ("ok", "invented", "wrong-role", "wrong-item")
KEY = ("doc", "locator", "party")
COLUMNS = ("doc", "locator", "party", "role", "verdict", "reason", "lines", "excerpt")
_BEFORE, _AFTER = 70, 50


def triples(documents) -> list[dict]:
    """Every (doc, locator, party, role) the parser extracted, in document order, keys unique."""
    out, seen = [], set()
    for doc in documents:
        for item in (*doc.items, *doc.tasks):
            u = item.units
            roles = [*((p, "lead") for p in u.lead), *((p, "cooperate") for p in u.cooperate),
                     *((p, "shared") for p in u.shared), *((p, "coordinate") for p in u.coordinate),
                     *((p, "guide") for p in u.guide), *((s.unit, f"sub-{s.role}") for s in u.sub),
                     *((p, "leader") for p in u.leaders)]
            for party, role in roles:
                key = (doc.source, item.locator, party)
                if key in seen:
                    continue
                seen.add(key)
                out.append({"doc": doc.source, "locator": item.locator, "party": party, "role": role,
                            "lines": f"{item.line_start}-{item.line_end}", "excerpt": excerpt(item.text, party)})
    return out


def excerpt(text: str, party: str) -> str:
    """The item text around the party's first mention (the whole text when short)."""
    text = re.sub(r"\s+", " ", text).strip()
    at = text.find(party)
    if at < 0:
        return (text[:_BEFORE + _AFTER] + "…" if len(text) > _BEFORE + _AFTER else text) + " ［条目文本中没有这个名称］"
    start, end = max(0, at - _BEFORE), min(len(text), at + len(party) + _AFTER)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def sample(rows: list[dict], size: int, seed: int) -> list[dict]:
    def rank(row):
        return hashlib.sha1("|".join([str(seed), *(row[k] for k in KEY)]).encode(), usedforsecurity=False).hexdigest()

    chosen = sorted(rows, key=rank)[:size]
    order = {id(r): n for n, r in enumerate(rows)}
    return sorted(chosen, key=lambda r: order[id(r)])  # document order, for reading


def read_verdicts(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {tuple(r[k] for k in KEY): (r["verdict"], r.get("reason", ""))
                for r in csv.DictReader(fh, delimiter="\t")}


def write_tsv(path: Path, rows: list[dict], columns) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, delimiter="\t", extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--out", type=Path, default=SAMPLE)
    ap.add_argument("--verdicts", type=Path, default=VERDICTS)
    ap.add_argument("--todo", action="store_true", help="list the sampled triples without a verdict")
    args = ap.parse_args(argv)

    from assistant.documents.folder_report import document_files
    from corpus.library import load_document, read_names

    names = read_names(args.corpus)
    docs = [load_document(p, names) for p in document_files(args.corpus)]
    rows = sample(triples(docs), args.size, args.seed)
    verdicts = read_verdicts(args.verdicts)
    for row in rows:
        row["verdict"], row["reason"] = verdicts.get(tuple(row[k] for k in KEY), ("", ""))
        if row["verdict"] and row["verdict"] not in VERDICT_WORDS:
            print(f"unknown verdict {row['verdict']!r} for {row['doc']} {row['locator']} {row['party']}", file=sys.stderr)
            return 1
    write_tsv(args.out, rows, COLUMNS)
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in (*VERDICT_WORDS, "")}
    print(f"{len(rows)} triples → {args.out.name}: " + ", ".join(f"{v or 'unchecked'} {n}" for v, n in counts.items()))
    if args.todo:
        for r in rows:
            if not r["verdict"]:
                print("\t".join(r[k] for k in ("doc", "locator", "party", "role", "lines", "excerpt")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
