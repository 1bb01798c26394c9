"""A SIGKILL of the bot while a .doc is being converted leaves no LibreOffice running (issue 20): the
upload sandbox dies with the bot (PR_SET_PDEATHSIG) and LibreOffice's whole process group with the
sandbox (the watchdog in corpus/lifeline.py). Before, the orphans went on for the conversion timeout.

The parent here is a real process calling ``sandbox.extract`` exactly as the bot's worker thread does;
every process of the conversion carries a fresh temporary directory in its command line (TMPDIR), so the
test finds them all in /proc: the sandbox, the watchdog, the launcher and the converter it forked."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# LibreOffice's shape: a launcher (soffice → oosplash) that forks the process doing the work
# (soffice.bin) and waits for it. Here the work never ends; the launcher's arguments are passed on, so
# the worker's command line carries the conversion's directory as soffice.bin's does.
FAKE_SOFFICE = textwrap.dedent(f"""\
    #!{sys.executable}
    import subprocess, sys
    worker = subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()", "fake-soffice.bin",
                               *sys.argv[1:]])
    sys.exit(worker.wait())
    """)


def _processes_with(marker: str) -> dict[int, str]:
    """pid → command line of every live (not zombie) process whose command line contains ``marker``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if marker in cmdline:
            found[int(entry.name)] = cmdline
    return found


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if got := condition():
            return got
        time.sleep(0.05)  # polling /proc for a condition, not a fixed wait
    raise AssertionError(f"timed out waiting for {what}")


def _kill_parent_during_conversion(tmp_path: Path, data: bytes, worker: str, env: dict) -> None:
    marker = str(tmp_path / "conversion-tmp")
    os.mkdir(marker)
    parent = subprocess.Popen(
        [sys.executable, "-c", "import sys; from assistant.documents import sandbox; sandbox.extract('.doc', sys.stdin.buffer.read())"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        env={**os.environ, **env, "TMPDIR": marker, "PYTHONPATH": str(ROOT)})
    parent.stdin.write(data)
    parent.stdin.close()
    try:
        _wait(lambda: any(worker in c for c in _processes_with(marker).values()), 90, f"{worker} to start")
        assert parent.poll() is None  # the conversion is under way
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        left = _processes_with(marker)
        deadline = time.monotonic() + 20  # the old orphans lived for the 45 s conversion timeout
        while left and time.monotonic() < deadline:
            time.sleep(0.05)
            left = _processes_with(marker)
        assert left == {}, f"still running after the parent was killed: {left}"
    finally:
        for pid in _processes_with(marker):  # never leave a converter behind, even when failing
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if parent.poll() is None:
            parent.kill()
            parent.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_killing_the_parent_ends_the_converter_and_what_it_forked(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    _kill_parent_during_conversion(tmp_path, b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "fake-soffice.bin",
                                   {"DOCBOT_SOFFICE": str(fake)})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_killing_the_parent_during_a_slow_libreoffice_conversion_leaves_no_soffice(tmp_path):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed: the real converter cannot be killed here")
    # 4 MB of text saved as .doc: LibreOffice converts it for half a minute of CPU or more.
    line = "加强第{}项工作，按时报送材料。（区委组织部牵头，区委宣传部配合）\n"
    data = "".join(line.format(n) for n in range(40_000)).encode()
    _kill_parent_during_conversion(tmp_path, data, "soffice.bin", {"DOCBOT_SOFFICE": "soffice"})
