"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl into a temp dir, on 127.0.0.1 and a
free port, torn down at the end of the session. As root, the server runs as the unprivileged
``postgres`` user (initdb refuses root). Without PostgreSQL binaries the caller skips with a reason
(.ci/run installs them)."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

_SCHEMAS = itertools.count(1)


def binaries() -> Path | None:
    """The directory holding initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    if (found := shutil.which("initdb")) and shutil.which("pg_ctl"):
        return Path(found).parent
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield its URL (database ``postgres``, user ``postgres``, trust on loopback)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL binaries (initdb, pg_ctl) not found")
    root = Path(tempfile.mkdtemp(prefix="docbot-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    try:
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--wal-segsize=1"]),
                       check=True, capture_output=True, timeout=120)
        # Throwaway data: no fsync, little WAL; a few dozen connections per worker in the acceptance test.
        opts = (f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off "
                "-c wal_level=minimal -c max_wal_senders=0 -c max_connections=200")
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"),
                                        "-o", opts, "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=90)
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                           capture_output=True, timeout=60, check=False)
        # Removing the cluster's files takes seconds on a busy disk: not the session's business to wait.
        subprocess.Popen(["rm", "-rf", "--", str(root)], start_new_session=True,  # noqa: S603, S607
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def fresh_schema(url: str) -> str:
    """A URL whose connections use a new, empty schema: one per test, far cheaper than a database."""
    import psycopg

    name = f"t{os.getpid()}_{next(_SCHEMAS)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"create schema {name}")
    return f"{url}?options=-csearch_path%3D{name}"
