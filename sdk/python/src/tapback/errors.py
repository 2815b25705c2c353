"""The exceptions the SDK raises."""

from __future__ import annotations

from typing import Any, Mapping


class TapbackError(Exception):
    """Base class of every error this SDK raises."""


class ApiError(TapbackError):
    """Tapback answered an HTTP call with an error status (its problem+json body is read into the fields)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        errors: Mapping[str, Any] | None = None,
        retry_after: float | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail
        self.title = title
        self.errors: Mapping[str, Any] = errors or {}
        self.retry_after = retry_after
        self.body = body


class AuthenticationError(TapbackError):
    """The token or API key was refused (401): it is wrong, revoked, or of another phone's integration."""


class ReplacedError(TapbackError):
    """
    The gateway closed the WebSocket with 4000: another connection of the integration took over, or the
    credential stopped working. The client does not reconnect (the next connection would be refused).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"The gateway closed this connection for good (4000): {reason or 'no reason given'}.")
        self.reason = reason


class SendRefused(TapbackError):
    """The gateway refused a frame (an ``error`` frame); nothing was done for it."""

    def __init__(self, message: str, request_type: str | None = None, client_message_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request_type = request_type
        self.client_message_id = client_message_id


class SendFailed(TapbackError):
    """A send was accepted but failed for good (``message.failed``)."""

    def __init__(self, error: str, message_id: str | None, client_message_id: str | None) -> None:
        super().__init__(error)
        self.error = error
        self.message_id = message_id
        self.client_message_id = client_message_id


class WebhookVerificationError(TapbackError):
    """A webhook delivery's signature or timestamp did not check out: reject it (answer 400 or 401)."""
