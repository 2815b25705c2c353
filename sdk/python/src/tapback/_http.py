"""One HTTP call to Tapback: problem+json errors become ApiError, and a call that may safely go again does."""

from __future__ import annotations

import asyncio
import random
from typing import Any, Mapping

import httpx

from ._version import __version__
from .errors import ApiError

USER_AGENT = f"tapback-python/{__version__}"

# A 503 means the store could not take the write and nothing was stored; a 429 means wait. Both say
# so in Retry-After, and the same request (with the same Idempotency-Key) may go again.
_RETRY_STATUSES = (429, 503)
_MAX_RETRY_WAIT = 30.0


def api_error(response: httpx.Response) -> ApiError:
    body: Any = None
    detail = response.reason_phrase or "HTTP error"
    title = None
    errors = None
    try:
        body = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, Mapping):
        detail = str(body.get("detail") or body.get("title") or detail)
        title = body.get("title") if isinstance(body.get("title"), str) else None
        errors = body.get("errors") if isinstance(body.get("errors"), Mapping) else None
    return ApiError(response.status_code, detail, title=title, errors=errors, retry_after=retry_after(response), body=body)


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


async def request(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    json: Any = None,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    repeatable: bool,
    max_retries: int,
) -> httpx.Response:
    """
    Sends the request and returns a 2xx response, or raises ApiError. A connection that never opened,
    a 429 or a 503 is tried again (up to ``max_retries`` times, waiting Retry-After or a short jittered
    backoff); a timeout or a dropped connection after the request went out only when ``repeatable``
    (a read, or a write carrying an Idempotency-Key), since the first one may have been carried out.
    """
    attempt = 0
    while True:
        try:
            response = await http.request(method, url, json=json, params=_clean(params), headers=headers)
        except httpx.ConnectError:
            if attempt >= max_retries:
                raise
            await asyncio.sleep(_backoff(attempt))
            attempt += 1
            continue
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError):
            if not repeatable or attempt >= max_retries:
                raise
            await asyncio.sleep(_backoff(attempt))
            attempt += 1
            continue
        if response.status_code in _RETRY_STATUSES and attempt < max_retries:
            wait = retry_after(response)
            await asyncio.sleep(min(wait, _MAX_RETRY_WAIT) if wait is not None else _backoff(attempt))
            attempt += 1
            continue
        if response.status_code >= 400:
            raise api_error(response)
        return response


def _backoff(attempt: int) -> float:
    return random.uniform(0, min(8.0, 0.5 * 2**attempt))


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    return {key: value for key, value in params.items() if value is not None}
