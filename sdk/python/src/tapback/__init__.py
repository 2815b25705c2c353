"""
Tapback's Python SDK: pairing, the agent WebSocket, the REST API and webhook verification.

    import tapback

    pairing = await tapback.exchange("http://localhost:5000", "+15550100123", "482913")
    async with tapback.AgentClient("http://localhost:5000", pairing.phone, pairing.token) as client:
        async for event in client:
            if isinstance(event, tapback.MessageReceived):
                await client.reply(event, f"You said: {event.text}")
"""

from ._version import __version__
from .agent import AgentClient, Pending, PendingEdit, PendingSend
from .errors import (
    ApiError,
    AuthenticationError,
    ReplacedError,
    SendFailed,
    SendRefused,
    TapbackError,
    WebhookVerificationError,
)
from .events import (
    ConversationPaused,
    ConversationResumed,
    ErrorEvent,
    Event,
    LoopEvidence,
    MediaPart,
    MessageDelivered,
    MessageEdited,
    MessageFailed,
    MessageHeld,
    MessageRead,
    MessageReceived,
    MessageSent,
    MessageUnsent,
    MessageUpdated,
    Part,
    Reaction,
    ReactionAdded,
    ReactionRemoved,
    TextPart,
    TransportDegraded,
    TransportRecovered,
    Typing,
    TypingStarted,
    TypingStopped,
    UnknownEvent,
    parse_event,
)
from .models import (
    ActionAccepted,
    Attachment,
    Conversation,
    DeliveryPage,
    HandleLookup,
    Message,
    MessageChange,
    Page,
    Pairing,
    SendResult,
    Upload,
    Webhook,
    WebhookDelivery,
)
from .pairing import exchange
from .rest import RestClient, new_idempotency_key
from .webhooks import WebhookEvent, WebhookVerifier, normalize_secret, parse_webhook_event

__all__ = [
    "__version__",
    "AgentClient", "Pending", "PendingEdit", "PendingSend", "RestClient", "WebhookVerifier", "exchange", "new_idempotency_key",
    "normalize_secret", "parse_event", "parse_webhook_event",
    "ApiError", "AuthenticationError", "ReplacedError", "SendFailed", "SendRefused", "TapbackError",
    "WebhookVerificationError",
    "Event", "TextPart", "MediaPart", "Part", "MessageReceived", "MessageUpdated", "Reaction", "ReactionAdded",
    "ReactionRemoved", "Typing", "TypingStarted", "TypingStopped", "MessageSent", "MessageFailed",
    "MessageDelivered", "MessageRead", "MessageEdited", "MessageUnsent", "MessageHeld", "LoopEvidence",
    "ConversationPaused", "ConversationResumed", "TransportDegraded", "TransportRecovered", "ErrorEvent",
    "UnknownEvent",
    "ActionAccepted", "Attachment", "Conversation", "DeliveryPage", "HandleLookup", "Message", "MessageChange",
    "Page", "Pairing", "SendResult", "Upload", "Webhook", "WebhookDelivery", "WebhookEvent",
]
