"""Child processes that die with their parent, even when the parent is killed with SIGKILL.

A .doc upload is read like this: the bot → the upload sandbox (``python -m assistant.documents.sandbox``) →
``soffice`` (a shell script that execs oosplash) → ``soffice.bin``, which does the work. A SIGKILL of
the bot runs no cleanup code, and before this module the sandbox and LibreOffice went on converting for
up to the conversion timeout (~40 s measured), orphaned. Two mechanisms bind each child's life to its
parent's without any code running in the parent:

- ``die_with_parent`` (Linux PR_SET_PDEATHSIG): the kernel signals a process when its parent dies. The
  sandbox calls it first thing. It is not inherited by the process's own children (soffice.bin), so
- LibreOffice is started under a watchdog, this file run as a script (``guarded``): in the process
  group its caller created for it (``start_new_session``), it starts the converter in the same group,
  and when its own parent dies (SIGTERM through PR_SET_PDEATHSIG) it kills the whole group — oosplash,
  soffice.bin and itself. A caller's timeout kills the same group (``os.killpg``).

Only the standard library: the watchdog runs with ``python -I -S`` (no site, no script directory on the
path, so nothing in corpus/ can shadow a standard module), and starts in a few milliseconds.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int, sig: int = signal.SIGKILL) -> bool:
    """Have the kernel send ``sig`` to this process when ``parent_pid`` (its parent) dies; if the parent
    is already gone, deliver it now. False where the platform cannot (the caller's timeouts still hold)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent_pid:  # the parent died before prctl took effect: nobody will signal us
        os.kill(os.getpid(), sig)
    return True


def guarded(argv: list[str]) -> list[str]:
    """``argv`` run under the watchdog, whose life is bound to this process. Start the result with
    ``start_new_session=True``: the watchdog and everything it starts share that process group."""
    return [sys.executable, "-I", "-S", os.path.abspath(__file__), str(os.getpid()), *argv]


def _watch(parent_pid: int, argv: list[str]) -> int:
    def end_group(signum, frame):  # the parent died: the converter and everything it forked go with it
        os.killpg(0, signal.SIGKILL)

    signal.signal(signal.SIGTERM, end_group)
    die_with_parent(parent_pid, signal.SIGTERM)
    child = subprocess.Popen(argv)  # same process group and standard streams as this watchdog
    return child.wait()


if __name__ == "__main__":
    sys.exit(_watch(int(sys.argv[1]), sys.argv[2:]))
