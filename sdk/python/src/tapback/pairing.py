"""Pairing: the code the phone got back for ``/setup``, exchanged for the integration's token."""

from __future__ import annotations

import httpx

from ._http import USER_AGENT, request
from .models import Pairing


async def exchange(base_url: str, phone: str, code: str, *, http: httpx.AsyncClient | None = None) -> Pairing:
    """
    ``POST /auth/exchange``: trades the 6-digit code the phone got for texting ``/setup`` for the
    integration's token (shown only this once: keep it). Raises :class:`tapback.ApiError`: 400 for a
    phone or code that does not parse, 401 for a wrong, used or expired code, 429 when the code is dead
    after five wrong tries or this address called too often.
    """
    own = http is None
    client = http or httpx.AsyncClient(timeout=30.0, headers={"User-Agent": USER_AGENT})
    try:
        # Not repeated after a timeout: a code works once, so a second try of a call that went
        # through would be refused and hide the token the first one returned.
        response = await request(
            client,
            "POST",
            base_url.rstrip("/") + "/auth/exchange",
            json={"phone": phone, "code": code},
            repeatable=False,
            max_retries=0,
        )
        return Pairing.from_json(response.json())
    finally:
        if own:
            await client.aclose()
