"""
The two WebSocket clients of the ``websockets`` package behind one call: its asyncio client (13 and
later, the only one from 14) and its legacy client (10.4 to 13, what Debian bookworm ships).
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping

from websockets.exceptions import ConnectionClosed


def _client() -> tuple[Callable[..., Any], str]:
    # Imported by name: which module exists depends on the installed version.
    try:  # websockets >= 13
        return importlib.import_module("websockets.asyncio.client").connect, "additional_headers"
    except ImportError:  # websockets 10.4 - 12
        return importlib.import_module("websockets.client").connect, "extra_headers"


_connect, _HEADERS = _client()

# The gateway pings; frames can be large (a message with many files).
MAX_FRAME_BYTES = 16 * 1024 * 1024


async def connect(url: str, headers: Mapping[str, str], open_timeout: float) -> Any:
    """Opens the connection (the handshake included); raises on a refused handshake."""
    kwargs: dict[str, Any] = {_HEADERS: dict(headers), "open_timeout": open_timeout, "max_size": MAX_FRAME_BYTES}
    return await _connect(url, **kwargs)


def handshake_status(error: BaseException) -> int | None:
    """The HTTP status of a refused handshake (401, 400, …), whichever client raised it."""
    response = getattr(error, "response", None)  # websockets >= 13: InvalidStatus
    status = getattr(response, "status_code", None)
    if isinstance(status, int):
        return status
    status = getattr(error, "status_code", None)  # legacy: InvalidStatusCode
    return status if isinstance(status, int) else None


def close_of(error: ConnectionClosed) -> tuple[int | None, str]:
    """The close code and reason the gateway sent, if it sent one."""
    received = getattr(error, "rcvd", None)
    if received is not None:
        return received.code, received.reason
    return None, ""
