"""HTTPXRequest that retries Bot API calls that failed in a way that is safe to repeat.

Retried, with exponential backoff: HTTP 5xx answers (Telegram said it did not process the call), and
connection failures where the request never reached Telegram or the connection died before any answer
(connect errors/timeouts, pool timeouts, a dropped keep-alive connection).

Not retried: a *read timeout* on a method that changes something (sendMessage, …). Telegram may have
delivered the message before the answer got lost, and a blind retry would send it twice; a duplicated
answer is worse than the user asking again. The read timeout is generous instead (see docs/telegram.md).
Read-only methods (get*) are retried on read timeouts too. 429 is handled above this layer by
AIORateLimiter (it knows retry_after).

Calls without files are posted as a JSON body (``application/json``, which the Bot API takes for every
method but uploads) instead of PTB's form encoding: percent-encoding a Chinese answer byte by byte costs
about twice the whole request otherwise (~0.1 ms per reply, docs/benchmarks.md, telegram section).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_DROPPED = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


class RetryingRequest(HTTPXRequest):
    def __init__(self, *args, attempts: int = 4, backoff: float = 0.5, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempts = attempts
        self.backoff = backoff

    def _retryable(self, err: NetworkError, idempotent: bool) -> bool:
        cause = err.__cause__
        if isinstance(cause, _NEVER_SENT):
            return True
        if isinstance(err, TimedOut):
            return idempotent
        return isinstance(cause, _DROPPED)

    async def do_request(self, url: str, method: str, request_data=None, **kwargs) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        idempotent = api_method.startswith("get") and api_method != "getUpdates"
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                code, payload = await self._once(url, method, request_data, **kwargs)
            except NetworkError as err:
                if last or not self._retryable(err, idempotent):
                    raise
                log.warning("%s failed (%s), retry %d", api_method, err, attempt)
            else:
                if code < 500 or last:
                    return code, payload
                log.warning("%s answered HTTP %d, retry %d", api_method, code, attempt)
            await asyncio.sleep(self.backoff * 2 ** (attempt - 1) * (0.5 + random.random()))  # noqa: S311
        raise AssertionError("unreachable")

    async def _once(self, url: str, method: str, request_data: RequestData | None, **kwargs) -> tuple[int, bytes]:
        """One try: a call with files as PTB posts it (multipart), any other as a JSON body."""
        if request_data is None or request_data.contains_files:
            return await super().do_request(url, method, request_data, **kwargs)
        if self._client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        given, default = self._client.timeout, {}
        for name in ("read", "write", "connect", "pool"):
            value = kwargs.get(f"{name}_timeout", DefaultValue(None))
            default[name] = getattr(given, name) if isinstance(value, DefaultValue) else value
        body = json.dumps(request_data.parameters, ensure_ascii=False).encode()
        try:  # the errors as HTTPXRequest.do_request maps them (RetryingRequest reads their causes)
            res = await self._client.request(method=method, url=url, content=body, timeout=httpx.Timeout(**default),
                                             headers={"User-Agent": self.USER_AGENT, "Content-Type": JSON})
        except httpx.TimeoutException as err:
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut(message="Pool timeout: All connections in the connection pool are occupied. "
                                       "Request was *not* sent to Telegram.") from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return res.status_code, res.content


JSON = "application/json"
