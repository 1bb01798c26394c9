"""Reading an uploaded file without trusting it: archive limits first, then a child process.

A 1 MB .docx can unpack to 1 GiB of XML; parsed in the bot's own process it takes the memory of every
user's conversation with it (measured before this module: 2.2 GB, then "出错了"). So:
1. ``check_archive`` reads only the zip's central directory (sizes as declared; no XML is parsed) and
   refuses too many members, a member or a total that unpacks too large, or a compression ratio no
   real document has. zipfile never inflates a member past its declared size (it stops and reports a
   CRC error), so a lying directory cannot get around the limits either.
2. ``extract`` runs the loader in a fresh interpreter (``python -m assistant.documents.sandbox FILE OUT``) with an
   address-space limit (RLIMIT_AS) and a wall-clock timeout; a child that is killed, times out or runs
   out of memory is one more refusal, and the bot never holds more than the file and its text.
Every refusal is a ``Refused`` with a ``kind`` (for logs and tests) and a Chinese message for the user.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]  # the child imports the same code as the bot
MIB = 1024 * 1024
_CHILD_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "DOCBOT_SOFFICE", "PYTHONIOENCODING")


@dataclass(frozen=True)
class Limits:
    max_unpacked: int = 80 * MIB  # the whole archive, inflated; real .docx files are a few MB
    max_ratio: float = 100.0  # real XML compresses 5-30x; a bomb compresses 1000x
    ratio_floor: int = 2 * MIB  # members smaller than this may compress as well as they like
    max_members: int = 5000
    memory: int = 1024 * MIB  # RLIMIT_AS of the child (virtual memory, libraries included)
    seconds: float = 60.0  # wall clock for the child, LibreOffice conversion included
    max_chars: int = 2_000_000  # extracted text handed back to the parser


LIMITS = Limits()


class Refused(ValueError):
    """The file is not read. ``kind``: bomb / too_large / malformed / timeout / encrypted / scanned /
    no_converter / unreadable."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


BOMB = "文件解压后的大小与文件本身极不相称（疑似压缩炸弹），已拒绝读取。"
TOO_LARGE = "文件解压后内容过大（超过 {mb} MB），无法读取；请删去图片等无关内容，或拆分后再发送。"
TIMEOUT = "读取文件超时（超过 {s:.0f} 秒），已停止；请另存为 .docx 或文本后再发送。"
UNREADABLE = "无法读取这个文件（可能已损坏）。"


def check_archive(data: bytes, limits: Limits = LIMITS) -> None:
    """Limits on a zip-based file (.docx) before anything inside it is parsed; other files pass."""
    if not data.startswith(b"PK"):
        return
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise Refused("unreadable", "无法读取这个 Word 文件（可能已损坏，或不是 .docx 格式）。") from err
    if len(infos) > limits.max_members:
        raise Refused("bomb", BOMB)
    for info in infos:
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise Refused("bomb", BOMB)
    if sum(info.file_size for info in infos) > limits.max_unpacked:
        raise Refused("too_large", TOO_LARGE.format(mb=limits.max_unpacked // MIB))


def extract(suffix: str, data: bytes, limits: Limits = LIMITS) -> str:
    """The file's text, read by corpus.loaders in a limited child process; raises Refused."""
    check_archive(data, limits)
    with tempfile.TemporaryDirectory(prefix="docbot-upload-") as tmp:
        source, result = Path(tmp) / f"upload{suffix}", Path(tmp) / "result.json"
        source.write_bytes(data)
        # Only what reading needs: the child never sees the bot's token or other secrets.
        env = {**{k: v for k, v in os.environ.items() if k in _CHILD_ENV}, "HOME": tmp,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")])),
               "DOCBOT_SANDBOX_MEMORY": str(limits.memory), "DOCBOT_SANDBOX_CHARS": str(limits.max_chars),
               "DOCBOT_SANDBOX_PARENT": str(os.getpid())}
        # Own session: a timeout kills the child and anything it started (LibreOffice) in one go.
        proc = subprocess.Popen([sys.executable, "-m", "assistant.documents.sandbox", str(source), str(result)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env, cwd=tmp, start_new_session=True)
        try:
            proc.wait(timeout=limits.seconds)
        except subprocess.TimeoutExpired as err:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise Refused("timeout", TIMEOUT.format(s=limits.seconds)) from err
        if not result.is_file():  # killed (out of memory, a signal) before it could answer
            raise Refused("too_large", TOO_LARGE.format(mb=limits.memory // MIB))
        answer = json.loads(result.read_text(encoding="utf-8"))
    if "text" not in answer:
        raise Refused(answer.get("kind", "unreadable"), answer.get("message") or UNREADABLE)
    return answer["text"]


def _child(source: Path, result: Path) -> None:
    """Runs in the child: load the libraries, limit memory, read, write {"text": …} or {"kind": …, "message": …}.

    The libraries are imported before the limit: the limit is for what the file makes the parser
    allocate, and a shared object that cannot be mapped would surface as an ImportError, not as
    "too large"."""
    from corpus.lifeline import die_with_parent  # lazy: in the child process, before its limits

    # A bot killed with SIGKILL takes this reading (and the LibreOffice under it) with it.
    die_with_parent(int(os.environ.get("DOCBOT_SANDBOX_PARENT", os.getppid())))
    from corpus import loaders, loaders_office  # noqa: F401 - loaders_office registers the office formats

    if source.suffix.lower() == ".pdf":
        import pdfplumber  # noqa: F401
    else:
        import docx  # noqa: F401
        import lxml.etree  # noqa: F401
    memory = int(os.environ.get("DOCBOT_SANDBOX_MEMORY", LIMITS.memory))
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ValueError, OSError):  # a platform without RLIMIT_AS: the timeout still holds
        pass
    kinds = {loaders.MalformedDocument: "malformed", loaders.EncryptedDocument: "encrypted",
             loaders.ScannedDocument: "scanned", loaders.ConverterMissing: "no_converter"}
    answer: dict
    try:
        text = loaders.load_text(source)
        max_chars = int(os.environ.get("DOCBOT_SANDBOX_CHARS", LIMITS.max_chars))
        if len(text) > max_chars:
            answer = {"kind": "too_large", "message": f"文件文字过多（超过 {max_chars // 10000} 万字），请拆分后再发送。"}
        else:
            answer = {"text": text}
    except MemoryError:
        answer = {"kind": "too_large", "message": TOO_LARGE.format(mb=memory // MIB)}
    except loaders.UnreadableDocument as err:
        if isinstance(err.__cause__, MemoryError):  # a loader wrapped it
            answer = {"kind": "too_large", "message": TOO_LARGE.format(mb=memory // MIB)}
        else:
            answer = {"kind": kinds.get(type(err), "unreadable"), "message": str(err)}
    except Exception:  # noqa: BLE001 - any other failure inside a hostile file is one more refusal
        answer = {"kind": "unreadable", "message": UNREADABLE}
    result.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    _child(Path(sys.argv[1]), Path(sys.argv[2]))
