""".doc and .wps (the binary Word and WPS formats still common in Chinese offices) through LibreOffice.

``soffice --headless --convert-to docx`` turns the file into .docx, which then goes through the .docx
loader (numbering labels included: LibreOffice writes them back as Word numbering). Each conversion
runs in its own temporary directory with its own LibreOffice profile, so two conversions never share
a lock file, and under a timeout, so a file that hangs the converter cannot hang the caller; and under
a watchdog (corpus/lifeline.py), so a caller killed with SIGKILL leaves no LibreOffice running.
Without LibreOffice the user is told what to install instead of seeing an empty document.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from corpus import lifeline
from corpus.loaders import ConverterMissing, UnreadableDocument, loader_for, register_loader

TIMEOUT_SECONDS = 45  # below the upload sandbox's 60 s, so the more specific message wins
SUFFIXES = (".doc", ".wps")
MISSING = ("服务器未安装 LibreOffice，无法读取 .doc / .wps 文件：请管理员安装 LibreOffice（Docker 镜像已自带；"
           "Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或在 Word / WPS 中另存为 .docx 后再发送。")


def soffice() -> str | None:
    """The LibreOffice executable on PATH (DOCBOT_SOFFICE may name another), or None."""
    return shutil.which(os.environ.get("DOCBOT_SOFFICE", "soffice")) or shutil.which("libreoffice")


def convert_to_docx(path: Path, out_dir: Path, *, timeout: float = TIMEOUT_SECONDS) -> Path:
    exe = soffice()
    if exe is None:
        raise ConverterMissing(MISSING)
    profile = out_dir / "profile"
    argv = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "docx", "--outdir", str(out_dir), str(path)]
    # Its own process group: soffice is a launcher for soffice.bin, and a timeout must end both. Under the
    # watchdog (corpus/lifeline.py): a SIGKILL of this process ends the whole group too.
    proc = subprocess.Popen(lifeline.guarded(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "HOME": str(out_dir)})
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired as err:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise UnreadableDocument(f"转换 {path.suffix} 文件超时（{timeout:.0f} 秒），请另存为 .docx 后再发送。") from err
    converted = out_dir / f"{path.stem}.docx"
    if not converted.is_file():
        raise UnreadableDocument(f"LibreOffice 无法转换这个 {path.suffix} 文件（可能已损坏或已加密），"
                                 "请在 Word / WPS 中另存为 .docx 后再发送。")
    return converted


def docx_text(path: Path) -> str:
    """The .docx loader corpus.loaders_office registered. That module imports this one (to register
    .doc/.wps with it), so the loader is looked up in the registry rather than imported back."""
    return loader_for(path.with_suffix(".docx"))(path)


def legacy_text(path: str | Path) -> str:
    path = Path(path)
    with path.open("rb") as fh:
        if fh.read(4) == b"PK\x03\x04":  # a .docx saved under the old name (WPS does this): no conversion
            return docx_text(path)
    with tempfile.TemporaryDirectory(prefix="docbot-soffice-") as tmp:
        source = Path(tmp) / f"source{path.suffix.lower()}"  # a plain name: soffice reads argv, not shells
        shutil.copyfile(path, source)
        return docx_text(convert_to_docx(source, Path(tmp)))


for _suffix in SUFFIXES:
    register_loader(_suffix, legacy_text)
