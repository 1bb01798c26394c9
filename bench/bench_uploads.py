"""Uploads: what an admin waits for between sending a file and seeing the preview, what the sandbox
costs, and how a 1 GiB zip bomb is handled (time, and peak memory of a fresh process doing it)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import percentiles, time_calls

REPEAT = 5


def _numbered_docx(items: int = 40) -> bytes:
    from tests.support.documents import NumberedDocx

    d = NumberedDocx()
    d.para("某某区2024年基层治理工作任务分工方案")
    n = d.define(("chineseCounting", "%1、"), ("decimal", "%2."))
    for section in range(4):
        d.para(f"第{section + 1}方面任务", n, 0)
        for k in range(items // 4):
            d.para(f"推进第{k + 1}项工作，完善工作机制，按季度报送进展情况。", n, 1)
            d.para("牵头单位：区委政法委")
            d.para("配合单位：各街道、区民政局")
    return d.bytes()


def _pdf(pages: int = 4) -> bytes:
    from tests.support.documents import pdf_pages

    body = [f"　　第{n}条　加强统筹协调，建立工作专班，定期调度工作进展，及时研究解决改革中遇到的困难和问题。"
            "责任单位：区政务服务数据管理局、区市场监管局" for n in range(1, 9)]
    return pdf_pages([body] * pages)


def _bomb_in_fresh_process(bomb: Path) -> tuple[float, int]:
    code = ("import resource, sys, time; from pathlib import Path; from assistant.documents import uploads\n"
            "data = Path(sys.argv[1]).read_bytes(); t = time.perf_counter()\n"
            "try:\n    uploads.preview('bomb.docx', data, Path(sys.argv[2]))\nexcept uploads.UploadError:\n    pass\n"
            "print((time.perf_counter() - t) * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(bomb), str(bomb.parent / "up")], capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), int(out[1])


def run() -> str:
    from assistant.documents import sandbox, uploads
    from corpus.loaders_office import docx_text
    from tests.support.documents import to_doc, zip_bomb

    rows = []
    docx, pdf = _numbered_docx(), _pdf()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "plan.docx").write_bytes(docx)
        direct = percentiles(time_calls(lambda: docx_text(tmp / "plan.docx"), REPEAT))
        rows.append(f"| .docx, 40 numbered items, read in-process (no sandbox) | {len(docx) // 1024} KB | "
                    f"{direct[0]:.0f} | {direct[1]:.0f} |")
        cases = [(".docx, 40 numbered items", "plan.docx", docx), (".pdf, 4 pages (pdfplumber layout)", "plan.pdf", pdf)]
        doc = to_doc(docx)
        if doc is not None:
            cases.append((".doc via LibreOffice headless", "plan.doc", doc))
        for label, name, data in cases:
            med, p95 = percentiles(time_calls(lambda n=name, d=data: uploads.preview(n, d, tmp / "up"), REPEAT))
            rows.append(f"| {label}: preview (sandboxed read + parse + report) | {len(data) // 1024} KB | "
                        f"{med:.0f} | {p95:.0f} |")
        bomb = zip_bomb(1 << 30)
        (tmp / "bomb.docx").write_bytes(bomb)
        t0 = time.perf_counter()
        try:
            sandbox.extract(".docx", bomb)
        except sandbox.Refused:
            pass
        refuse_ms = (time.perf_counter() - t0) * 1000
        fresh_ms, fresh_mb = _bomb_in_fresh_process(tmp / "bomb.docx")
    return "\n".join([
        "## Uploads (assistant/documents/uploads.py, assistant/documents/sandbox.py)",
        "",
        "| what | file size | median ms | p95 ms |",
        "|---|---|---|---|",
        *rows,
        "",
        f"1 GiB zip bomb ({len(bomb) // 1024} KB on disk): refused by the archive check in {refuse_ms:.1f} ms; "
        f"a fresh interpreter running the whole upload preview on it: {fresh_ms:.0f} ms, peak RSS {fresh_mb} MB "
        f"(targets: < 2 s, < 300 MB). Office files are read in a child process (RLIMIT_AS "
        f"{sandbox.LIMITS.memory >> 20} MB, {sandbox.LIMITS.seconds:.0f} s); its start-up is most of a preview's time.",
        "",
    ])


if __name__ == "__main__":
    print(run())
