"""The REST API (``/v2``, docs/rest-api.md) and webhook subscriptions (``/v2/webhooks``, docs/webhooks.md)."""

from __future__ import annotations

import uuid
from datetime import datetime
from types import TracebackType
from typing import Any, AsyncIterator, Iterable, Mapping, Sequence, Union
from urllib.parse import quote

import httpx

from ._http import USER_AGENT, request
from .models import (
    ActionAccepted,
    Conversation,
    DeliveryPage,
    HandleLookup,
    Message,
    MessageChange,
    Page,
    SendResult,
    Webhook,
    WebhookDelivery,
)

#: A file to send by URL: the URL, or ``{"url": ..., "name": ...}`` to name the file.
AttachmentRef = Union[str, Mapping[str, str]]


def new_idempotency_key() -> str:
    """A fresh key for one request: the same key again is the same request, answered once."""
    return str(uuid.uuid4())


def _segment(value: str) -> str:
    return quote(value, safe="")


def _time(value: datetime | str | None) -> str | None:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("A time sent to Tapback needs its offset (a timezone-aware datetime).")
        return value.isoformat()
    return value


class RestClient:
    """
    An async client of one integration's REST API, authenticated with its token (``tbk_…``) or an API
    key (``tbk_key_…``). Sends, edits and tapbacks carry an ``Idempotency-Key`` (a new one unless you
    pass yours), so a call repeated after a timeout, a 503 or a 429 is carried out once.

    Use it as ``async with RestClient(url, token) as rest: ...`` or call :meth:`aclose`.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        http: httpx.AsyncClient | None = None,
        timeout: float = 30.0,
        max_retries: int = 3,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(timeout=timeout)
        self._headers = {"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT}
        self._max_retries = max_retries

    async def __aenter__(self) -> RestClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        repeatable: bool,
    ) -> httpx.Response:
        headers = dict(self._headers)
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return await request(
            self._http, method, self._base + path, json=json, params=params, headers=headers,
            repeatable=repeatable, max_retries=self._max_retries,
        )

    # Sending and changing messages.

    async def send_message(
        self,
        *,
        to: str | None = None,
        conversation_id: str | None = None,
        body: str | None = None,
        attachments: Sequence[AttachmentRef] | None = None,
        contact_card: bool | None = None,
        split: bool | None = None,
        reply_to: str | None = None,
        effect: str | None = None,
        send_at: datetime | str | None = None,
        idempotency_key: str | None = None,
    ) -> SendResult:
        """``POST /v2/messages``: to the paired phone (``to``) or into a conversation (``conversation_id``)."""
        payload: dict[str, Any] = {
            "to": to, "conversation_id": conversation_id, "body": body,
            "attachments": list(attachments) if attachments is not None else None,
            "contact_card": contact_card, "split": split, "reply_to": reply_to, "effect": effect,
            "send_at": _time(send_at),
        }
        response = await self._call(
            "POST", "/v2/messages", json={k: v for k, v in payload.items() if v is not None},
            idempotency_key=idempotency_key or new_idempotency_key(), repeatable=True,
        )
        return SendResult.from_json(response.json())

    async def get_message(self, message_id: str) -> Message:
        """``GET /v2/messages/{id}``."""
        response = await self._call("GET", f"/v2/messages/{_segment(message_id)}", repeatable=True)
        return Message.from_json(response.json())

    async def edit_message(self, message_id: str, body: str, *, idempotency_key: str | None = None) -> MessageChange:
        """``PATCH /v2/messages/{id}``: a message this integration's chat got from an agent takes new text."""
        response = await self._call(
            "PATCH", f"/v2/messages/{_segment(message_id)}", json={"body": body},
            idempotency_key=idempotency_key or new_idempotency_key(), repeatable=True,
        )
        return MessageChange.from_json(response.json())

    async def unsend_message(self, message_id: str) -> MessageChange:
        """``DELETE /v2/messages/{id}``: cancels a send still waiting, or unsends a sent one (asking again does nothing more)."""
        response = await self._call("DELETE", f"/v2/messages/{_segment(message_id)}", repeatable=True)
        return MessageChange.from_json(response.json())

    # Typing, read receipts, tapbacks.

    async def typing(self, typing: bool, *, to: str | None = None, conversation_id: str | None = None) -> ActionAccepted:
        """``POST /v2/typing``: shows (``True``) or hides the typing indicator."""
        payload = {k: v for k, v in {"to": to, "conversation_id": conversation_id, "typing": typing}.items() if v is not None}
        response = await self._call("POST", "/v2/typing", json=payload, repeatable=True)
        return ActionAccepted.from_json(response.json())

    async def mark_read(self, message_id: str) -> ActionAccepted:
        """``POST /v2/messages/{id}/read``: a read receipt up to that inbound message."""
        response = await self._call("POST", f"/v2/messages/{_segment(message_id)}/read", repeatable=True)
        return ActionAccepted.from_json(response.json())

    async def react(self, message_id: str, reaction: str, *, remove: bool = False, idempotency_key: str | None = None) -> ActionAccepted:
        """``POST /v2/messages/{id}/reactions``: ``love``, ``like``, ``dislike``, ``laugh``, ``emphasize``, ``question``."""
        response = await self._call(
            "POST", f"/v2/messages/{_segment(message_id)}/reactions",
            json={"reaction": ("-" if remove else "+") + reaction.lstrip("+-")},
            idempotency_key=idempotency_key or new_idempotency_key(), repeatable=True,
        )
        return ActionAccepted.from_json(response.json())

    # Reading.

    async def list_conversations(self, *, limit: int | None = None, cursor: str | None = None) -> Page[Conversation]:
        """``GET /v2/conversations``, newest first."""
        response = await self._call("GET", "/v2/conversations", params={"limit": limit, "cursor": cursor}, repeatable=True)
        body = response.json()
        return Page(data=tuple(Conversation.from_json(c) for c in body.get("data") or ()), next_cursor=body.get("next_cursor"))

    async def list_messages(
        self,
        conversation_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
    ) -> Page[Message]:
        """``GET /v2/conversations/{id}/messages``, newest first; ``since``/``until`` bound when Tapback stored them."""
        response = await self._call(
            "GET", f"/v2/conversations/{_segment(conversation_id)}/messages",
            params={"limit": limit, "cursor": cursor, "since": _time(since), "until": _time(until)}, repeatable=True,
        )
        body = response.json()
        return Page(data=tuple(Message.from_json(m) for m in body.get("data") or ()), next_cursor=body.get("next_cursor"))

    async def iter_conversations(self, *, page_size: int = 50) -> AsyncIterator[Conversation]:
        """Every conversation, newest first, page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_conversations(limit=page_size, cursor=cursor)
            for conversation in page.data:
                yield conversation
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def iter_messages(self, conversation_id: str, *, page_size: int = 50, since: datetime | str | None = None) -> AsyncIterator[Message]:
        """Every message of a conversation (since ``since``), newest first, page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_messages(conversation_id, limit=page_size, cursor=cursor, since=since)
            for message in page.data:
                yield message
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def lookup_handle(self, handle: str) -> HandleLookup:
        """``GET /v2/handles/{handle}``: is the paired phone on iMessage?"""
        response = await self._call("GET", f"/v2/handles/{_segment(handle)}", repeatable=True)
        return HandleLookup.from_json(response.json())

    # Webhook subscriptions.

    async def create_webhook(self, url: str, events: Iterable[str]) -> Webhook:
        """``POST /v2/webhooks``: the answer's ``secret`` is shown only here; keep it to verify deliveries."""
        # Not repeated after a timeout: no key makes it idempotent, and a second subscription would
        # deliver every event twice.
        response = await self._call("POST", "/v2/webhooks", json={"url": url, "events": list(events)}, repeatable=False)
        return Webhook.from_json(response.json())

    async def list_webhooks(self) -> list[Webhook]:
        response = await self._call("GET", "/v2/webhooks", repeatable=True)
        return [Webhook.from_json(w) for w in response.json().get("data") or ()]

    async def delete_webhook(self, webhook_id: str) -> None:
        await self._call("DELETE", f"/v2/webhooks/{_segment(webhook_id)}", repeatable=True)

    async def rotate_webhook_secret(self, webhook_id: str) -> Webhook:
        """A new secret; for 24 hours deliveries are signed with the new and the old one."""
        response = await self._call("POST", f"/v2/webhooks/{_segment(webhook_id)}/secret/rotate", repeatable=False)
        return Webhook.from_json(response.json())

    async def list_webhook_deliveries(
        self, webhook_id: str, *, status: str | None = None, limit: int | None = None, before: str | None = None
    ) -> DeliveryPage:
        response = await self._call(
            "GET", f"/v2/webhooks/{_segment(webhook_id)}/deliveries",
            params={"status": status, "limit": limit, "before": before}, repeatable=True,
        )
        body = response.json()
        return DeliveryPage(data=tuple(WebhookDelivery.from_json(d) for d in body.get("data") or ()), next_before=body.get("next_before"))

    async def replay_delivery(self, webhook_id: str, delivery_id: str) -> int:
        """Tries that delivery again from attempt 1; returns how many were replayed."""
        response = await self._call(
            "POST", f"/v2/webhooks/{_segment(webhook_id)}/deliveries/{_segment(delivery_id)}/replay", repeatable=True
        )
        return int(response.json().get("replayed", 0))

    async def replay_dead_deliveries(self, webhook_id: str) -> int:
        """Tries every dead delivery of the webhook again; returns how many."""
        response = await self._call("POST", f"/v2/webhooks/{_segment(webhook_id)}/deliveries/replay", repeatable=True)
        return int(response.json().get("replayed", 0))
