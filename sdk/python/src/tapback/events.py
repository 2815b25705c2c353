"""
The agent WebSocket's events, as typed dataclasses (docs/protocol.md, section 3).

``parse_event(frame)`` turns one frame, ``{"type", "seq"?, "data"}``, into the dataclass of its type;
a type this version does not know becomes :class:`UnknownEvent`, so a newer gateway never breaks an
older client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, ClassVar, Mapping, Union

from ._json import mapping, opt_int, opt_str, parse_time, req_str, req_time

__all__ = [
    "Event",
    "TextPart",
    "MediaPart",
    "Part",
    "MessageReceived",
    "MessageUpdated",
    "Reaction",
    "ReactionAdded",
    "ReactionRemoved",
    "Typing",
    "TypingStarted",
    "TypingStopped",
    "MessageSent",
    "MessageFailed",
    "MessageDelivered",
    "MessageRead",
    "MessageEdited",
    "MessageUnsent",
    "MessageHeld",
    "LoopEvidence",
    "ConversationPaused",
    "ConversationResumed",
    "TransportDegraded",
    "TransportRecovered",
    "ErrorEvent",
    "UnknownEvent",
    "parse_event",
]


@dataclass(frozen=True, kw_only=True)
class Event:
    """What every event carries: its ``type``, its queue position ``seq`` and the ``data`` as sent."""

    type: str
    seq: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True, kw_only=True)
class TextPart:
    value: str
    type: ClassVar[str] = "text"


@dataclass(frozen=True, kw_only=True)
class MediaPart:
    """A file of a received message; ``url`` is signed (no header needed) and valid for a day."""

    url: str
    mime_type: str | None = None
    filename: str | None = None
    size_bytes: int | None = None
    type: ClassVar[str] = "media"


Part = Union[TextPart, MediaPart]


def _parts(data: Mapping[str, Any]) -> tuple[Part, ...]:
    parts: list[Part] = []
    for part in data.get("parts") or []:
        if not isinstance(part, Mapping):
            continue
        if part.get("type") == "text":
            parts.append(TextPart(value=req_str(part, "value")))
        elif part.get("type") == "media":
            parts.append(
                MediaPart(
                    url=req_str(part, "url"),
                    mime_type=opt_str(part, "mimeType"),
                    filename=opt_str(part, "filename"),
                    size_bytes=opt_int(part, "sizeBytes"),
                )
            )
    return tuple(parts)


@dataclass(frozen=True, kw_only=True)
class MessageReceived(Event):
    """``message.received``: the phone (or a group it is in) sent a message."""

    message_id: str
    chat_id: str
    sender: str
    parts: tuple[Part, ...]
    sent_at: datetime
    chat_name: str | None = None
    reply_to: str | None = None
    effect: str | None = None
    service: str | None = None
    edited_at: datetime | None = None
    unsent_at: datetime | None = None

    @property
    def text(self) -> str:
        """The text parts joined with a newline ("" for a message of files only)."""
        return "\n".join(part.value for part in self.parts if isinstance(part, TextPart))

    @property
    def media(self) -> tuple[MediaPart, ...]:
        return tuple(part for part in self.parts if isinstance(part, MediaPart))


@dataclass(frozen=True, kw_only=True)
class MessageUpdated(MessageReceived):
    """``message.updated``: a message received before, again whole, now that a file it waited for arrived."""


@dataclass(frozen=True, kw_only=True)
class Reaction(Event):
    """A tapback the person put on (``reaction.added``) or took off (``reaction.removed``) ``message_id``."""

    message_id: str
    chat_id: str
    sender: str
    reaction: str

    @property
    def removed(self) -> bool:
        return self.type == "reaction.removed"


@dataclass(frozen=True, kw_only=True)
class ReactionAdded(Reaction):
    pass


@dataclass(frozen=True, kw_only=True)
class ReactionRemoved(Reaction):
    pass


@dataclass(frozen=True, kw_only=True)
class Typing(Event):
    """The person's typing indicator changed; ``at`` says when (an old one may be stale after a reconnect)."""

    chat_id: str
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class TypingStarted(Typing):
    pass


@dataclass(frozen=True, kw_only=True)
class TypingStopped(Typing):
    pass


@dataclass(frozen=True, kw_only=True)
class MessageSent(Event):
    """``message.sent``: a send of this integration went out."""

    message_id: str
    chat_id: str
    client_message_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class MessageFailed(Event):
    """``message.failed``: a send failed for good, or (``operation`` ``edit``/``unsend``) a change to a sent message."""

    chat_id: str
    error: str
    message_id: str | None = None
    client_message_id: str | None = None
    operation: str | None = None


@dataclass(frozen=True, kw_only=True)
class MessageDelivered(Event):
    message_id: str
    chat_id: str


@dataclass(frozen=True, kw_only=True)
class MessageRead(Event):
    message_id: str
    chat_id: str


@dataclass(frozen=True, kw_only=True)
class MessageEdited(Event):
    """``message.edited``: the new ``text`` of a message (the person's, or this integration's own edit)."""

    message_id: str
    chat_id: str
    sender: str
    text: str | None = None
    edited_at: datetime | None = None
    unsent_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class MessageUnsent(Event):
    """``message.unsent``: a message was taken back; forget its text and files."""

    message_id: str
    chat_id: str
    sender: str
    unsent_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class MessageHeld(Event):
    """
    ``message.held``: the send governor holds a send of this integration (``reason``:
    ``unanswered_limit``, ``recipient_rate``, ``new_conversations``, ``outbound_ratio`` or
    ``conversation_paused``). Its ``message.sent`` or ``message.failed`` comes when it is released or
    discarded.
    """

    message_id: str
    chat_id: str
    reason: str
    detail: str
    client_message_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class LoopEvidence:
    kind: str
    rounds: int | None = None
    detail: str | None = None


@dataclass(frozen=True, kw_only=True)
class ConversationPaused(Event):
    """``conversation.paused``: the loop breaker paused the agent in ``chat_id`` until an operator resumes it."""

    chat_id: str
    reason: str
    evidence: LoopEvidence
    paused_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ConversationResumed(Event):
    chat_id: str
    resumed_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class TransportDegraded(Event):
    """``transport.degraded``: a bridge transport (BlueBubbles, Messages on a Mac) looks stalled."""

    transport: str
    reason: str
    since: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class TransportRecovered(Event):
    transport: str
    since: datetime | None = None
    degraded_since: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ErrorEvent(Event):
    """An ``error`` frame: the gateway could not act on a frame this client sent; nothing was done for it."""

    message: str
    request_type: str | None = None
    client_message_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class UnknownEvent(Event):
    """An event type this version of the SDK does not know; ``raw`` holds its data."""


def _message(cls: type[MessageReceived]) -> Callable[[str, int | None, Mapping[str, Any]], Event]:
    def build(type_: str, seq: int | None, d: Mapping[str, Any]) -> Event:
        return cls(
            type=type_,
            seq=seq,
            raw=d,
            message_id=req_str(d, "messageId"),
            chat_id=req_str(d, "chatId"),
            sender=req_str(d, "from"),
            parts=_parts(d),
            sent_at=req_time(d, "sentAt"),
            chat_name=opt_str(d, "chatName"),
            reply_to=opt_str(d, "replyTo"),
            effect=opt_str(d, "effect"),
            service=opt_str(d, "service"),
            edited_at=parse_time(d.get("editedAt")),
            unsent_at=parse_time(d.get("unsentAt")),
        )

    return build


def _reaction(cls: type[Reaction]) -> Callable[[str, int | None, Mapping[str, Any]], Event]:
    return lambda t, s, d: cls(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
        sender=req_str(d, "from"), reaction=req_str(d, "reactionType"),
    )


def _typing(cls: type[Typing]) -> Callable[[str, int | None, Mapping[str, Any]], Event]:
    return lambda t, s, d: cls(type=t, seq=s, raw=d, chat_id=req_str(d, "chatId"), at=parse_time(d.get("at")))


def _evidence(value: Any) -> LoopEvidence:
    d = mapping(value)
    return LoopEvidence(kind=req_str(d, "kind"), rounds=opt_int(d, "rounds"), detail=opt_str(d, "detail"))


_BUILDERS: dict[str, Callable[[str, int | None, Mapping[str, Any]], Event]] = {
    "message.received": _message(MessageReceived),
    "message.updated": _message(MessageUpdated),
    "reaction.added": _reaction(ReactionAdded),
    "reaction.removed": _reaction(ReactionRemoved),
    "typing.started": _typing(TypingStarted),
    "typing.stopped": _typing(TypingStopped),
    "message.sent": lambda t, s, d: MessageSent(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
        client_message_id=opt_str(d, "clientMessageId"),
    ),
    "message.failed": lambda t, s, d: MessageFailed(
        type=t, seq=s, raw=d, chat_id=req_str(d, "chatId"), error=req_str(d, "error"),
        message_id=opt_str(d, "messageId"), client_message_id=opt_str(d, "clientMessageId"),
        operation=opt_str(d, "operation"),
    ),
    "message.delivered": lambda t, s, d: MessageDelivered(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
    ),
    "message.read": lambda t, s, d: MessageRead(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
    ),
    "message.edited": lambda t, s, d: MessageEdited(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
        sender=req_str(d, "from"), text=opt_str(d, "text"), edited_at=parse_time(d.get("editedAt")),
        unsent_at=parse_time(d.get("unsentAt")),
    ),
    "message.unsent": lambda t, s, d: MessageUnsent(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
        sender=req_str(d, "from"), unsent_at=parse_time(d.get("unsentAt")),
    ),
    "message.held": lambda t, s, d: MessageHeld(
        type=t, seq=s, raw=d, message_id=req_str(d, "messageId"), chat_id=req_str(d, "chatId"),
        reason=req_str(d, "reason"), detail=req_str(d, "detail"), client_message_id=opt_str(d, "clientMessageId"),
    ),
    "conversation.paused": lambda t, s, d: ConversationPaused(
        type=t, seq=s, raw=d, chat_id=req_str(d, "chatId"), reason=req_str(d, "reason"),
        evidence=_evidence(d.get("evidence")), paused_at=parse_time(d.get("pausedAt")),
    ),
    "conversation.resumed": lambda t, s, d: ConversationResumed(
        type=t, seq=s, raw=d, chat_id=req_str(d, "chatId"), resumed_at=parse_time(d.get("resumedAt")),
    ),
    "transport.degraded": lambda t, s, d: TransportDegraded(
        type=t, seq=s, raw=d, transport=req_str(d, "transport"), reason=req_str(d, "reason"),
        since=parse_time(d.get("since")),
    ),
    "transport.recovered": lambda t, s, d: TransportRecovered(
        type=t, seq=s, raw=d, transport=req_str(d, "transport"), since=parse_time(d.get("since")),
        degraded_since=parse_time(d.get("degradedSince")),
    ),
    "error": lambda t, s, d: ErrorEvent(
        type=t, seq=s, raw=d, message=req_str(d, "message"), request_type=opt_str(d, "requestType"),
        client_message_id=opt_str(d, "clientMessageId"),
    ),
}


def parse_event(frame: Mapping[str, Any]) -> Event:
    """The typed event of one gateway frame (``{"type", "seq"?, "data"}``)."""
    type_ = frame.get("type")
    if not isinstance(type_, str):
        raise ValueError('A frame has a "type" string.')
    seq = opt_int(frame, "seq")
    data = mapping(frame.get("data"))
    build = _BUILDERS.get(type_)
    if build is None:
        return UnknownEvent(type=type_, seq=seq, raw=data)
    return build(type_, seq, data)
