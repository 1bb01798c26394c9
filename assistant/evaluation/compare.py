"""`docbot eval --each-document DIR --compare-lexical`: the default hybrid search and keyword search
alone, side by side per document and in total, and the questions one answers and the other does not.

This is how the dense side is held to earning its place (docs/retrieval.md, "Hybrid against
keywords"): on every labelled set hybrid must answer at least as many questions as keywords alone.
"""

from __future__ import annotations

from assistant.evaluation.question_sets import DocumentScore, Report, merge


def _passed(report: Report) -> tuple[int, int]:
    return sum(s.passed for s in report.kinds.values()), sum(s.total for s in report.kinds.values())


def _failed(report: Report) -> set[tuple[str, str]]:
    return {(f["id"], f["q"]) for f in report.failures}


def _cell(report: Report, kind: str) -> str:
    s = report.kinds.get(kind)
    return f"{s.passed}/{s.total}" if s else "-"


def format_compare(hybrid: list[DocumentScore], lexical: list[DocumentScore]) -> str:
    """Per document and in total: passed questions (hybrid | keywords), per kind, the difference, and
    then each question answered by one mode only."""
    by_name = {s.name: s.report for s in lexical}
    kinds = list(dict.fromkeys(k for s in hybrid for k in s.report.kinds))
    head = "文件      " + "  ".join(f"{k + '（混合|关键词）':>18}" for k in kinds) + "   合计（混合|关键词）  差"
    lines = [head]
    for s in hybrid:
        lex = by_name.get(s.name, Report())
        lines.append(_row(s.name, s.report, lex, kinds))
    total_h, total_l = merge(s.report for s in hybrid), merge(by_name.values())
    lines.append(_row("合计", total_h, total_l, kinds))
    if total_h.ranks and total_l.ranks:
        lines.append(f"检索 hit@1 / hit@3 / MRR：混合 {total_h.hit_at(1):.3f} / {total_h.hit_at(3):.3f} / "
                     f"{total_h.mrr:.3f}；关键词 {total_l.hit_at(1):.3f} / {total_l.hit_at(3):.3f} / "
                     f"{total_l.mrr:.3f}")
    for s in hybrid:
        lex = by_name.get(s.name, Report())
        hf, lf = _failed(s.report), _failed(lex)
        for qid, q in sorted(lf - hf):
            lines.append(f"混合答对、关键词未答对 {s.name} {qid}：{q}")
        for qid, q in sorted(hf - lf):
            lines.append(f"关键词答对、混合未答对 {s.name} {qid}：{q}")
    return "\n".join(lines)


def _row(name: str, hybrid: Report, lexical: Report, kinds: list[str]) -> str:
    cells = [f"{_cell(hybrid, k) + ' | ' + _cell(lexical, k):>18}" for k in kinds]
    (hp, ht), (lp, _) = _passed(hybrid), _passed(lexical)
    return f"{name:<8}  " + "  ".join(cells) + f"   {hp:>4}/{ht:<4}| {lp:>4}      {hp - lp:+d}"


def compare_to_json(hybrid: list[DocumentScore], lexical: list[DocumentScore]) -> dict:
    by_name = {s.name: s.report for s in lexical}
    out = {}
    for s in hybrid:
        lex = by_name.get(s.name, Report())
        out[s.name] = {"hybrid": _passed(s.report)[0], "lexical": _passed(lex)[0], "total": _passed(s.report)[1],
                       "only_hybrid": sorted(q for _, q in _failed(lex) - _failed(s.report)),
                       "only_lexical": sorted(q for _, q in _failed(s.report) - _failed(lex))}
    th, tl = merge(s.report for s in hybrid), merge(by_name.values())
    return {"documents": out, "total": {"hybrid": _passed(th)[0], "lexical": _passed(tl)[0], "total": _passed(th)[1]}}
