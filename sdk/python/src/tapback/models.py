"""The REST API's answers (docs/rest-api.md, docs/webhooks.md) and pairing's, as typed dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Mapping, TypeVar

from ._json import opt_int, opt_str, parse_time, req_str, req_time

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Pairing:
    """What ``POST /auth/exchange`` answers: keep ``token``, it is shown only this once."""

    token: str
    integration_id: str
    phone: str
    transport: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Pairing:
        return cls(
            token=req_str(d, "token"),
            integration_id=req_str(d, "integrationId"),
            phone=req_str(d, "phone"),
            transport=req_str(d, "transport"),
        )


@dataclass(frozen=True, kw_only=True)
class SendResult:
    """``POST /v2/messages``: ``message_id`` is the first bubble, ``message_ids`` all of them."""

    message_id: str
    message_ids: tuple[str, ...]
    conversation_id: str
    status: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> SendResult:
        return cls(
            message_id=req_str(d, "message_id"),
            message_ids=tuple(d.get("message_ids") or ()),
            conversation_id=req_str(d, "conversation_id"),
            status=req_str(d, "status"),
        )


@dataclass(frozen=True, kw_only=True)
class ActionAccepted:
    """Typing, a read receipt or a tapback, queued."""

    conversation_id: str
    status: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ActionAccepted:
        return cls(conversation_id=req_str(d, "conversation_id"), status=req_str(d, "status"))


@dataclass(frozen=True, kw_only=True)
class MessageChange:
    """An edit or unsend accepted: ``queued``, ``revised`` (a waiting send took the text) or ``cancelled``."""

    message_id: str
    conversation_id: str
    status: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> MessageChange:
        return cls(message_id=req_str(d, "message_id"), conversation_id=req_str(d, "conversation_id"), status=req_str(d, "status"))


@dataclass(frozen=True, kw_only=True)
class Attachment:
    """A file; ``url`` is signed and time-limited, so fetching it needs no credential."""

    url: str
    mime_type: str
    name: str
    size: int

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Attachment:
        return cls(url=req_str(d, "url"), mime_type=req_str(d, "mime_type"), name=req_str(d, "name"), size=opt_int(d, "size") or 0)


@dataclass(frozen=True, kw_only=True)
class Message:
    """One stored message. ``status``: ``received``, ``queued``, ``scheduled``, ``held``, ``sent``, ``failed``, ``cancelled``."""

    id: str
    conversation_id: str
    direction: str
    body: str
    status: str
    created_at: datetime
    sender: str | None = None
    to: str | None = None
    reply_to: str | None = None
    effect: str | None = None
    service: str | None = None
    edited_at: datetime | None = None
    unsent: bool = False
    unsent_at: datetime | None = None
    held_reason: str | None = None
    held_detail: str | None = None
    attachments: tuple[Attachment, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Message:
        return cls(
            id=req_str(d, "id"),
            conversation_id=req_str(d, "conversation_id"),
            direction=req_str(d, "direction"),
            body=req_str(d, "body"),
            status=req_str(d, "status"),
            created_at=req_time(d, "created_at"),
            sender=opt_str(d, "from"),
            to=opt_str(d, "to"),
            reply_to=opt_str(d, "reply_to"),
            effect=opt_str(d, "effect"),
            service=opt_str(d, "service"),
            edited_at=parse_time(d.get("edited_at")),
            unsent=bool(d.get("unsent")),
            unsent_at=parse_time(d.get("unsent_at")),
            held_reason=opt_str(d, "held_reason"),
            held_detail=opt_str(d, "held_detail"),
            attachments=tuple(Attachment.from_json(a) for a in d.get("attachments") or () if isinstance(a, Mapping)),
            raw=d,
        )


@dataclass(frozen=True, kw_only=True)
class Conversation:
    id: str
    handle: str
    is_group: bool
    transport: str
    last_message_at: datetime
    group_name: str | None = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Conversation:
        return cls(
            id=req_str(d, "id"),
            handle=req_str(d, "handle"),
            is_group=bool(d.get("is_group")),
            transport=req_str(d, "transport"),
            last_message_at=req_time(d, "last_message_at"),
            group_name=opt_str(d, "group_name"),
        )


@dataclass(frozen=True, kw_only=True)
class Page(Generic[T]):
    """One page, newest first; pass ``next_cursor`` back as ``cursor`` for the next (``None`` at the end)."""

    data: tuple[T, ...]
    next_cursor: str | None = None


@dataclass(frozen=True, kw_only=True)
class HandleLookup:
    """Whether ``handle`` is on iMessage (``None``: the transport cannot tell), and when the transport was asked."""

    handle: str
    imessage: bool | None
    checked_at: datetime

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> HandleLookup:
        value = d.get("imessage")
        return cls(handle=req_str(d, "handle"), imessage=value if isinstance(value, bool) else None, checked_at=req_time(d, "checked_at"))


@dataclass(frozen=True, kw_only=True)
class Webhook:
    """A webhook subscription; ``secret`` only in the answers that made or rotated it."""

    id: str
    url: str
    events: tuple[str, ...]
    created_at: datetime
    secret: str | None = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Webhook:
        return cls(
            id=req_str(d, "id"),
            url=req_str(d, "url"),
            events=tuple(d.get("events") or ()),
            created_at=req_time(d, "created_at"),
            secret=opt_str(d, "secret"),
        )


@dataclass(frozen=True, kw_only=True)
class WebhookDelivery:
    """One line of a webhook's delivery log. ``status``: ``pending``, ``delivered``, ``dead``, ``cancelled``."""

    id: str
    event_id: str
    type: str
    url: str
    conversation_id: str
    status: str
    attempts: int
    created_at: datetime
    message_id: str | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    last_attempt_at: datetime | None = None
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> WebhookDelivery:
        return cls(
            id=req_str(d, "id"),
            event_id=req_str(d, "event_id"),
            type=req_str(d, "type"),
            url=req_str(d, "url"),
            conversation_id=req_str(d, "conversation_id"),
            status=req_str(d, "status"),
            attempts=opt_int(d, "attempts") or 0,
            created_at=req_time(d, "created_at"),
            message_id=opt_str(d, "message_id"),
            last_status_code=opt_int(d, "last_status_code"),
            last_error=opt_str(d, "last_error"),
            last_attempt_at=parse_time(d.get("last_attempt_at")),
            next_attempt_at=parse_time(d.get("next_attempt_at")),
            delivered_at=parse_time(d.get("delivered_at")),
        )


@dataclass(frozen=True, kw_only=True)
class DeliveryPage:
    """Deliveries, newest first; pass ``next_before`` as ``before`` for the next page."""

    data: tuple[WebhookDelivery, ...]
    next_before: str | None = None


@dataclass(frozen=True, kw_only=True)
class Upload:
    """A file uploaded for the agent WebSocket: send it as ``media=[upload.attachment_id]``."""

    attachment_id: str
    download_url: str
    size_bytes: int
    expires_at: datetime | None = None
