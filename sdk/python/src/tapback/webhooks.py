"""
Verifying Tapback's webhook deliveries (Standard Webhooks) and reading their events.

    verifier = WebhookVerifier(secret)            # the "whsec_…" from POST /v2/webhooks
    event = verifier.verify(raw_body, headers)   # raises WebhookVerificationError, else the typed event

Verify the raw body as received, before parsing it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Mapping, Union

from ._json import mapping, opt_int, opt_str, parse_time, req_str, req_time
from .errors import WebhookVerificationError
from .events import ConversationPaused, ConversationResumed, LoopEvidence, MessageHeld, TransportDegraded, TransportRecovered
from .models import Attachment

__all__ = [
    "WebhookVerifier",
    "normalize_secret",
    "parse_webhook_event",
    "WebhookEvent",
    "MessageData",
    "ReactionData",
    "StatusData",
    "MessageChangeData",
    "TypingData",
]

SECRET_PREFIX = "whsec_"
DEFAULT_TOLERANCE = 300.0

# How a secret gets mangled between Tapback's answer and a config file: JSON writers escape '+' (and
# '/') as \u002B / \/, URL encoding writes %2B / %2F / %3D, and form decoding turns '+' into a space.
_ESCAPES = [
    (re.compile(r"\\u002[bB]"), "+"),
    (re.compile(r"\\u002[fF]"), "/"),
    (re.compile(r"\\u003[dD]"), "="),
    (re.compile(r"\\/"), "/"),
    (re.compile(r"%2[bB]"), "+"),
    (re.compile(r"%2[fF]"), "/"),
    (re.compile(r"%3[dD]"), "="),
]


def normalize_secret(secret: str) -> bytes:
    """
    The key bytes of a ``whsec_…`` secret, forgiving what copying does to it: surrounding quotes and
    whitespace, line breaks, ``\\u002B`` (a JSON-escaped ``+``), ``%2B`` (a URL-escaped one), and a
    ``+`` turned into a space. Raises ValueError, saying what is wrong, when it is still not base64.
    """
    text = secret.strip().strip("\"'").strip()
    for pattern, replacement in _ESCAPES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[\r\n\t]", "", text)
    if text.startswith(SECRET_PREFIX):
        text = text[len(SECRET_PREFIX):]
    # Base64 has no spaces: one inside the secret was a '+' that went through form decoding.
    text = text.replace(" ", "+")
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(
            "The webhook secret is not 'whsec_' followed by base64 (it holds characters base64 has not, or is cut short). "
            "Copy the whole 'secret' from the answer of POST /v2/webhooks (or its rotation) again."
        ) from error
    if not key:
        raise ValueError("The webhook secret is empty; copy the 'secret' Tapback answered when the webhook was made.")
    return key


class WebhookVerifier:
    """
    Checks the ``webhook-signature`` of a delivery against one or more secrets (during a rotation both
    the new and the old one sign), and that ``webhook-timestamp`` is within ``tolerance`` seconds of
    now, so a captured delivery cannot be replayed later.
    """

    def __init__(self, *secrets: str, tolerance: float = DEFAULT_TOLERANCE) -> None:
        if not secrets:
            raise ValueError("Give at least one webhook secret ('whsec_…').")
        self._keys = [normalize_secret(s) for s in secrets]
        self._tolerance = tolerance

    def verify(self, body: bytes | str, headers: Mapping[str, str], *, now: float | None = None) -> WebhookEvent:
        """The delivery's event when its signature and timestamp check out; else WebhookVerificationError."""
        raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        lowered = {key.lower(): value for key, value in headers.items()}
        msg_id = lowered.get("webhook-id")
        timestamp = lowered.get("webhook-timestamp")
        signature = lowered.get("webhook-signature")
        if not msg_id or not timestamp or not signature:
            raise WebhookVerificationError("The delivery lacks a webhook-id, webhook-timestamp or webhook-signature header.")
        timestamp = timestamp.strip()
        try:
            sent = int(timestamp)
        except ValueError as error:
            raise WebhookVerificationError("webhook-timestamp is not a Unix time in seconds.") from error
        current = time.time() if now is None else now
        if abs(current - sent) > self._tolerance:
            raise WebhookVerificationError(
                f"webhook-timestamp is {abs(current - sent):.0f} s off this clock (more than {self._tolerance:.0f} s): "
                "a replayed or delayed delivery, or a clock out of sync."
            )
        # Signed as the header carries it: "{webhook-id}.{webhook-timestamp}.{body}".
        signed = msg_id.encode("utf-8") + b"." + timestamp.encode("utf-8") + b"." + raw
        expected = [base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()) for key in self._keys]
        for candidate in signature.split(" "):
            version, _, value = candidate.partition(",")
            if version != "v1" or not value:
                continue
            given = value.encode("ascii", errors="replace")
            # Every candidate is compared in constant time against every key.
            if any(hmac.compare_digest(given, e) for e in expected):
                return parse_webhook_event(raw)
        raise WebhookVerificationError("No webhook-signature matches this secret (a wrong secret, or a body changed on the way).")


@dataclass(frozen=True, kw_only=True)
class MessageData:
    """``message.received`` / ``message.updated``."""

    message_id: str
    conversation_id: str
    sender: str
    to: str
    body: str
    attachments: tuple[Attachment, ...]
    is_group: bool
    sent_at: datetime
    group_name: str | None = None
    participants: tuple[str, ...] | None = None
    reply_to: str | None = None
    service: str | None = None
    effect: str | None = None
    edited_at: datetime | None = None
    unsent_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ReactionData:
    """``reaction.added`` / ``reaction.removed``."""

    message_id: str
    conversation_id: str
    sender: str
    reaction: str


@dataclass(frozen=True, kw_only=True)
class StatusData:
    """``message.sent``, ``message.failed``, ``message.delivered``, ``message.read``."""

    message_id: str
    conversation_id: str
    to: str | None = None
    body: str | None = None
    client_message_id: str | None = None
    error: str | None = None
    operation: str | None = None


@dataclass(frozen=True, kw_only=True)
class MessageChangeData:
    """``message.edited`` / ``message.unsent``."""

    message_id: str
    conversation_id: str
    sender: str
    body: str | None = None
    edited_at: datetime | None = None
    unsent_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class TypingData:
    """``typing.started`` / ``typing.stopped``."""

    conversation_id: str
    sender: str


# This wave's events carry the same fields on both surfaces (snake_case here, camelCase on the
# WebSocket), so a webhook's data is the WebSocket's event class, with no seq.
WebhookData = Union[
    MessageData, ReactionData, StatusData, MessageChangeData, TypingData, MessageHeld, ConversationPaused,
    ConversationResumed, TransportDegraded, TransportRecovered, Mapping[str, Any],
]


@dataclass(frozen=True, kw_only=True)
class WebhookEvent:
    """A delivery's body: ``id`` (the same on every attempt: drop repeats by it), ``type``, ``data``."""

    id: str
    type: str
    created_at: datetime
    data: WebhookData
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


def _message(d: Mapping[str, Any]) -> MessageData:
    participants = d.get("participants")
    return MessageData(
        message_id=req_str(d, "message_id"), conversation_id=req_str(d, "conversation_id"), sender=req_str(d, "from"),
        to=req_str(d, "to"), body=req_str(d, "body"),
        attachments=tuple(Attachment.from_json(a) for a in d.get("attachments") or () if isinstance(a, Mapping)),
        is_group=bool(d.get("is_group")), sent_at=req_time(d, "sent_at"), group_name=opt_str(d, "group_name"),
        participants=tuple(participants) if isinstance(participants, list) else None,
        reply_to=opt_str(d, "reply_to"), service=opt_str(d, "service"), effect=opt_str(d, "effect"),
        edited_at=parse_time(d.get("edited_at")), unsent_at=parse_time(d.get("unsent_at")),
    )


def _status(d: Mapping[str, Any]) -> StatusData:
    return StatusData(
        message_id=req_str(d, "message_id"), conversation_id=req_str(d, "conversation_id"), to=opt_str(d, "to"),
        body=opt_str(d, "body"), client_message_id=opt_str(d, "client_message_id"), error=opt_str(d, "error"),
        operation=opt_str(d, "operation"),
    )


def _change(d: Mapping[str, Any]) -> MessageChangeData:
    return MessageChangeData(
        message_id=req_str(d, "message_id"), conversation_id=req_str(d, "conversation_id"), sender=req_str(d, "from"),
        body=opt_str(d, "body"), edited_at=parse_time(d.get("edited_at")), unsent_at=parse_time(d.get("unsent_at")),
    )


def _paused(d: Mapping[str, Any]) -> ConversationPaused:
    evidence = mapping(d.get("evidence"))
    return ConversationPaused(
        type="conversation.paused", raw=d, chat_id=req_str(d, "chat_id"), reason=req_str(d, "reason"),
        evidence=LoopEvidence(kind=req_str(evidence, "kind"), rounds=opt_int(evidence, "rounds"), detail=opt_str(evidence, "detail")),
        paused_at=parse_time(d.get("paused_at")),
    )


_DATA: dict[str, Callable[[Mapping[str, Any]], WebhookData]] = {
    "message.received": _message,
    "message.updated": _message,
    "reaction.added": lambda d: ReactionData(
        message_id=req_str(d, "message_id"), conversation_id=req_str(d, "conversation_id"), sender=req_str(d, "from"),
        reaction=req_str(d, "reaction"),
    ),
    "message.sent": _status,
    "message.failed": _status,
    "message.delivered": _status,
    "message.read": _status,
    "message.edited": _change,
    "message.unsent": _change,
    "typing.started": lambda d: TypingData(conversation_id=req_str(d, "conversation_id"), sender=req_str(d, "from")),
    "message.held": lambda d: MessageHeld(
        type="message.held", raw=d, message_id=req_str(d, "message_id"), chat_id=req_str(d, "chat_id"),
        reason=req_str(d, "reason"), detail=req_str(d, "detail"), client_message_id=opt_str(d, "client_message_id"),
    ),
    "conversation.paused": _paused,
    "conversation.resumed": lambda d: ConversationResumed(
        type="conversation.resumed", raw=d, chat_id=req_str(d, "chat_id"), resumed_at=parse_time(d.get("resumed_at")),
    ),
    "transport.degraded": lambda d: TransportDegraded(
        type="transport.degraded", raw=d, transport=req_str(d, "transport"), reason=req_str(d, "reason"),
        since=parse_time(d.get("since")),
    ),
    "transport.recovered": lambda d: TransportRecovered(
        type="transport.recovered", raw=d, transport=req_str(d, "transport"), since=parse_time(d.get("since")),
        degraded_since=parse_time(d.get("degraded_since")),
    ),
}
_DATA["reaction.removed"] = _DATA["reaction.added"]
_DATA["typing.stopped"] = _DATA["typing.started"]


def parse_webhook_event(body: bytes | str | Mapping[str, Any]) -> WebhookEvent:
    """
    The typed event of a delivery's body (verify it first). ``data`` is the dataclass of its type, or
    the plain mapping for a type this version does not know.
    """
    envelope = body if isinstance(body, Mapping) else json.loads(body)
    if not isinstance(envelope, Mapping) or not isinstance(envelope.get("type"), str):
        raise ValueError('A webhook body is {"id", "type", "created_at", "data"}.')
    data = mapping(envelope.get("data"))
    build = _DATA.get(envelope["type"])
    return WebhookEvent(
        id=req_str(envelope, "id"),
        type=envelope["type"],
        created_at=req_time(envelope, "created_at"),
        data=build(data) if build is not None else data,
        raw=envelope,
    )
