"""A fake Telegram Bot API for tests: records every call, serves getUpdates from a queue, injects faults.

Two ways to talk to it:
* over HTTP on 127.0.0.1 (``await api.start()``; ``api.base_url`` goes to ``ApplicationBuilder().base_url``
  or TELEGRAM_API_BASE_URL): PTB's real HTTP stack, for end-to-end tests and the benchmark;
* in-process through ``OfflineRequest(api)`` (tests/support/offline_request.py), for fast handler tests.

Faults, per method and consumed in order: ``fail(method, 429, retry_after=1)``, ``fail(method, 500)``,
``delay(method, seconds)`` (slow answer → client read timeout), ``drop(method)`` (close the connection
without answering); ``chat_id=`` or ``when=`` (a predicate on the call's parameters) aims a fault at
chosen calls only. ``hold(method)`` leaves every such call unanswered until ``release(method)``, which
answers them, or ``release(method, drop=True)``, which closes their connections unanswered: not
delivered (the caller was killed meanwhile; Telegram never processed them). Updates: ``push(api.text("…", user=42))`` and friends; replies: ``await
api.wait_for("sendMessage", chat_id=42)``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl, unquote

TOKEN = "123456:TEST-token"
BOT = {"id": 1000, "is_bot": True, "first_name": "党建文件助手", "username": "docbot_test_bot"}
DROP = object()


@dataclass
class Call:
    method: str
    params: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.perf_counter)
    status: int = 0  # what the fake answered: 200, 429, 500…; 0 for a dropped connection
    result: object = None  # what the fake answered with (a sent message carries its message_id)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value and value.lstrip("-").isdigit() else None

    @property
    def text(self) -> str:
        return self.params.get("text", "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of the inline keyboard, row by row."""
        markup = json.loads(self.params.get("reply_markup") or "{}")
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class Fault:
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0
    drop: bool = False
    when: object = None  # None, or a predicate on the call's params: the fault applies to matching calls only


class FakeBotApi:
    def __init__(self, token: str = TOKEN, bot: dict | None = None):
        self.token, self.bot = token, dict(bot or BOT)
        self.calls: list[Call] = []
        self.faults: dict[str, list[Fault]] = {}
        self.files: dict[str, bytes] = {}
        self._updates: list[dict] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(5000)
        self._changed = asyncio.Event()
        self._server: asyncio.AbstractServer | None = None
        self.listeners: list = []  # callables(Call), told of every successful call (the benchmark uses it)
        self.held: dict[str, list] = {}  # method → [Event set on release, drop the held calls]

    # ---- updates -------------------------------------------------------------------------------
    def user(self, user_id: int, first_name: str = "测试用户", username: str | None = None) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name, **({"username": username} if username else {})}

    def text(self, text: str, *, user: int = 42, chat: int | None = None, reply_to_bot: bool | int = False,
             entities: list[dict] | None = None) -> dict:
        """A text message update; ``chat`` < 0 is a group. Commands and @mentions get their entities."""
        chat_id = user if chat is None else chat
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "text": text,
                   "from": self.user(user), "chat": self._chat(chat_id, user)}
        ents = list(entities or [])
        if text.startswith("/"):
            ents.append({"type": "bot_command", "offset": 0, "length": _utf16(text.split()[0])})
        mention = "@" + self.bot["username"]
        if mention in text:
            ents.append({"type": "mention", "offset": _utf16(text[: text.index(mention)]), "length": _utf16(mention)})
        if ents:
            message["entities"] = ents
        if reply_to_bot:  # True: some bot message; an int: that message (a Call's result["message_id"])
            replied = 1 if reply_to_bot is True else int(reply_to_bot)
            message["reply_to_message"] = {"message_id": replied, "date": int(time.time()), "text": "…",
                                           "from": self.bot, "chat": message["chat"]}
        return {"update_id": next(self._ids), "message": message}

    def document(self, file_name: str, content: bytes, *, user: int = 42, mime_type: str = "") -> dict:
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = content
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "from": self.user(user),
                   "chat": self._chat(user, user),
                   "document": {"file_id": file_id, "file_unique_id": file_id + "u", "file_name": file_name,
                                "file_size": len(content), **({"mime_type": mime_type} if mime_type else {})}}
        return {"update_id": next(self._ids), "message": message}

    def press(self, data: str, *, user: int = 42, chat: int | None = None) -> dict:
        """A callback query: the user pressed a button carrying ``data`` under a bot message."""
        chat_id = user if chat is None else chat
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "text": "…",
                   "from": self.bot, "chat": self._chat(chat_id, user)}
        return {"update_id": next(self._ids), "callback_query": {
            "id": str(next(self._ids)), "from": self.user(user), "chat_instance": "ci", "data": data,
            "message": message}}

    def push(self, *updates: dict) -> None:
        self._updates.extend(updates)
        self._changed.set()

    @staticmethod
    def _chat(chat_id: int, user: int) -> dict:
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup", "title": "测试群"}
        return {"id": chat_id, "type": "private", "first_name": "测试用户"}

    # ---- faults and inspection -----------------------------------------------------------------
    def fail(self, method: str, status: int = 500, *, times: int = 1, retry_after: int | None = None,
             chat_id: int | None = None, when=None) -> None:
        if chat_id is not None:
            def when(params: dict, want: str = str(chat_id)) -> bool:
                return params.get("chat_id") == want
        self.faults.setdefault(method, []).extend(Fault(status, retry_after, when=when) for _ in range(times))

    def hold(self, *methods: str) -> None:
        for method in methods:
            self.held.setdefault(method, [asyncio.Event(), False])

    def release(self, *methods: str, drop: bool = False) -> None:
        for method in methods:
            if method in self.held:
                gate = self.held.pop(method)
                gate[1] = drop
                gate[0].set()

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        self.faults.setdefault(method, []).extend(Fault(200, delay=seconds) for _ in range(times))

    def drop(self, method: str, *, times: int = 1) -> None:
        self.faults.setdefault(method, []).extend(Fault(drop=True) for _ in range(times))

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        """Calls answered successfully (faulted attempts are in ``calls`` only)."""
        return [c for c in self.calls
                if c.method == method and c.status == 200 and (chat_id is None or c.chat_id == chat_id)]

    async def wait_for(self, method: str = "sendMessage", count: int = 1, *, chat_id: int | None = None,
                       timeout: float = 5.0) -> list[Call]:  # noqa: ASYNC109
        """The first ``count`` matching calls; AssertionError if they do not arrive in time."""
        deadline = time.monotonic() + timeout
        while len(found := self.sent(method, chat_id)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {method} (chat {chat_id}), got {len(found)}: "
                                     f"{[c.text[:80] for c in found]}")
            await asyncio.sleep(0.005)
        return found[:count]

    async def wait_polling(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Until the bot has asked for updates. Its long poll may still be open (``wait_for("getUpdates")``
        would wait for it to end, up to the poll's 10 s timeout): ``push`` answers it at once."""
        deadline = time.monotonic() + timeout
        while not any(c.method == "getUpdates" for c in self.calls):
            if time.monotonic() > deadline:
                raise AssertionError("the bot never asked for updates")
            await asyncio.sleep(0.005)

    # ---- the API itself ------------------------------------------------------------------------
    async def handle(self, method: str, params: dict[str, str], files: dict[str, bytes] | None = None):
        """(status, body dict), or DROP to close the connection without an answer."""
        call = Call(method, params, files or {})
        self.calls.append(call)
        result = await self._answer(call)
        call.status = 0 if result is DROP else result[0]
        if result is not DROP and isinstance(result[1], dict):
            call.result = result[1].get("result")
        if call.status == 200:
            for listener in self.listeners:
                listener(call)
        return result

    async def _answer(self, call: Call):
        method, params = call.method, call.params
        if method in self.held:
            gate = self.held[method]
            await gate[0].wait()
            if gate[1]:
                return DROP
        faults = self.faults.get(method, [])
        fault = next((f for f in faults if f.when is None or f.when(params)), None)
        if fault is not None:
            faults.remove(fault)
            if fault.drop:
                return DROP
            await asyncio.sleep(fault.delay)
            if fault.status == 429:
                return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry later",
                             "parameters": {"retry_after": fault.retry_after or 1}}
            if fault.status >= 400:
                return fault.status, {"ok": False, "error_code": fault.status, "description": "Internal Server Error"}
        if method == "getUpdates":
            return 200, {"ok": True, "result": await self._get_updates(params)}
        return 200, {"ok": True, "result": self._result(method, params)}

    async def _get_updates(self, params: dict[str, str]) -> list[dict]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and float(params.get("timeout") or 0) > 0:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), float(params["timeout"]))
            except TimeoutError:
                pass
        return self._updates[: int(params.get("limit") or 100)]

    def _result(self, method: str, params: dict[str, str]):
        if method == "getMe":
            return self.bot
        if method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
            chat_id = int(params.get("chat_id") or 0)
            return {"message_id": next(self._message_ids), "date": int(time.time()), "from": self.bot,
                    "chat": self._chat(chat_id, chat_id), "text": params.get("text", "")}
        if method == "getFile":
            file_id = params.get("file_id", "")
            return {"file_id": file_id, "file_unique_id": file_id + "u",
                    "file_size": len(self.files.get(file_id, b"")), "file_path": f"documents/{file_id}"}
        if method == "getMyCommands":
            return []
        return True

    # ---- HTTP on 127.0.0.1 ---------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> FakeBotApi:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        if self._server:
            self._server.close()
            self._changed.set()  # end pending long polls
            self._server = None

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = unquote(lines[0].split(" ")[1])  # file URLs arrive with the token's ":" as %3A
                headers = {k.lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
                body = await reader.readexactly(int(headers.get("content-length") or 0))
                status, payload = await self._route(path, headers, body)
                if status is DROP:
                    writer.transport.abort()
                    return
                kind = "application/json" if isinstance(payload, dict) else "application/octet-stream"
                data = json.dumps(payload).encode() if isinstance(payload, dict) else payload
                writer.write(f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(data)}\r\n"
                             "Connection: keep-alive\r\n\r\n".encode() + data)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, IndexError):
            pass
        finally:
            writer.close()

    async def _route(self, path: str, headers: dict[str, str], body: bytes):
        prefix, file_prefix = f"/bot{self.token}/", f"/file/bot{self.token}/"
        if path.startswith(file_prefix):
            content = self.files.get(path[len(file_prefix):].rsplit("/", 1)[-1])
            return (200, content) if content is not None else (404, {"ok": False, "error_code": 404})
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        params, files = parse_body(headers.get("content-type", ""), body)
        result = await self.handle(path[len(prefix):], params, files)
        return (DROP, None) if result is DROP else result


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        params, files = {}, {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename():
                files[name] = part.get_payload(decode=True)
            else:
                params[name] = part.get_payload(decode=True).decode()
        return params, files
    if content_type.startswith("application/json"):
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in json.loads(body or b"{}").items()}, {}
    return dict(parse_qsl(body.decode(), keep_blank_values=True)), {}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
