"""
The agent WebSocket (docs/protocol.md): one integration's events in, its actions out.

    async with AgentClient(url, phone, token) as client:
        async for event in client:
            if isinstance(event, MessageReceived):
                await client.reply(event, "hi!")

Delivery is acknowledged (``ready`` with ``acks``): an event is acked only once the body of the
``async for`` that took it has finished, so one the program did not finish (it raised, or the
process died) comes again after the next connection. The gateway numbers every event (``seq``);
the client remembers what it handled and acks a redelivered repeat without handing it to you again.
Sends carry a ``clientMessageId``, the gateway's idempotency key: a send whose outcome has not come
yet is sent again after a reconnect, and the gateway carries it out once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import uuid
from collections import OrderedDict, deque
from datetime import datetime
from types import TracebackType
from typing import Any, Generic, Iterable, Mapping, TypeVar, Union
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
from websockets.exceptions import ConnectionClosed

from . import _ws
from ._http import USER_AGENT, api_error
from ._json import mapping, opt_int, parse_time
from .errors import AuthenticationError, ReplacedError, SendFailed, SendRefused, TapbackError
from .events import ErrorEvent, Event, MessageEdited, MessageFailed, MessageHeld, MessageReceived, MessageSent, UnknownEvent, parse_event
from .models import Upload

__all__ = ["AgentClient", "Pending", "PendingEdit", "PendingSend"]

_log = logging.getLogger("tapback")

_REPLACED = 4000
# Outcomes already handed out, remembered to drop the repeat the gateway sends when a send is
# retried after its outcome was queued (bounded: a repeat comes right after a reconnect).
_REMEMBERED_OUTCOMES = 10_000

MediaRef = Union[str, Upload]


class _Disconnected(Exception):
    """The connection dropped while an answer was awaited on it; the action goes again on the next one."""


T = TypeVar("T", bound=Event)


class Pending(Generic[T]):
    """An action the gateway was asked for whose outcome comes later as an event: ``await pending.outcome()``."""

    def __init__(self, client_message_id: str, frame: Mapping[str, Any], future: asyncio.Future[T]) -> None:
        self.client_message_id = client_message_id
        self._frame = frame
        self._future = future

    def done(self) -> bool:
        return self._future.done()

    async def outcome(self, timeout: float | None = None) -> T:
        """The outcome event; raises SendFailed (``message.failed``) or SendRefused (an ``error`` frame)."""
        return await asyncio.wait_for(asyncio.shield(self._future), timeout)

    def _settle(self, result: T | BaseException) -> None:
        if self._future.done():
            return
        if isinstance(result, BaseException):
            self._future.set_exception(result)
        else:
            self._future.set_result(result)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.client_message_id!r}, {'done' if self.done() else 'pending'})"


class PendingSend(Pending[MessageSent]):
    """
    A send: its outcome is its ``message.sent``. ``held`` is the ``message.held`` event while the send
    governor holds it.
    """

    def __init__(self, client_message_id: str, frame: Mapping[str, Any], future: asyncio.Future[MessageSent]) -> None:
        super().__init__(client_message_id, frame, future)
        self.held: MessageHeld | None = None


class PendingEdit(Pending[MessageEdited]):
    """An edit of a sent message: its outcome is its ``message.edited``."""

    def __init__(self, client_message_id: str, message_id: str, frame: Mapping[str, Any], future: asyncio.Future[MessageEdited]) -> None:
        super().__init__(client_message_id, frame, future)
        self.message_id = message_id


class AgentClient:
    """
    One integration's agent WebSocket, kept open: it reconnects with capped, fully jittered
    exponential backoff (``backoff_base`` doubling to ``backoff_cap`` seconds) after a drop or a
    gateway restart, and stops only for good when the gateway says the credential is refused (401:
    :class:`AuthenticationError`) or replaced (close 4000: :class:`ReplacedError`), both raised from
    the ``async for``.
    """

    def __init__(
        self,
        base_url: str,
        phone: str,
        token: str,
        *,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        open_timeout: float = 30.0,
        max_frame_bytes: int = 1024 * 1024,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        if backoff_base <= 0 or backoff_cap < backoff_base:
            raise ValueError("backoff_base must be positive and backoff_cap at least backoff_base.")
        self.phone = phone
        self._url = _socket_url(base_url, phone)
        self._headers = {"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT}
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._open_timeout = open_timeout
        self._max_frame_bytes = max_frame_bytes
        self._own_http = http is None
        self._http = http
        self._rng = random.Random()

        self.integration_id: str | None = None
        self.settings: Mapping[str, Any] = {}
        self.connections = 0

        self._ws: Any = None
        self._connection = 0
        self._delivered_seq = -1
        self._connected = asyncio.Event()
        self._buffer: deque[tuple[int, Event]] = deque()
        self._wake = asyncio.Event()
        self._current: Event | None = None
        self._handled_seq = -1
        self._outcomes_seen: OrderedDict[tuple[str, str, str], None] = OrderedDict()
        # Sends and edits without an outcome yet, in the order asked: written again on every new connection.
        self._pending: dict[str, PendingSend] = {}
        self._pending_edits: dict[str, PendingEdit] = {}
        self._uploads: deque[asyncio.Future[Mapping[str, Any]]] = deque()
        self._fatal: BaseException | None = None
        self._ended = False
        self._closing = False
        self._run_task: asyncio.Task[None] | None = None

    # Lifecycle.

    async def __aenter__(self) -> AgentClient:
        self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        # Leaving the block normally (a break included) means the last event was handled: ack it. An
        # exception leaves it unacked, so it comes again on the next connection.
        if exc_type is None:
            await self._finish_current()
        await self.close()

    def start(self) -> None:
        """Starts connecting in the background (``async with`` does it)."""
        if self._run_task is None:
            if self._own_http:
                self._http = httpx.AsyncClient(timeout=60.0, headers={"User-Agent": USER_AGENT})
            self._run_task = asyncio.get_running_loop().create_task(self._run(), name="tapback-agent-socket")

    async def close(self) -> None:
        """Closes the connection; events not yet acked stay queued at the gateway for the next one."""
        self._closing = True
        ws = self._ws
        if ws is not None:
            try:
                await asyncio.wait_for(ws.close(), 5)
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        if self._run_task is not None:
            self._run_task.cancel()
            try:
                await self._run_task
            except asyncio.CancelledError:
                pass
        if self._own_http and self._http is not None:
            await self._http.aclose()
        self._end(None)

    async def wait_connected(self, timeout: float | None = None) -> None:
        """Waits until the gateway answered ``ready``; raises the fatal error (401, 4000) if the client stopped for good."""
        self._require_started()
        await asyncio.wait_for(self._wait_for_connection(), timeout)

    @property
    def is_connected(self) -> bool:
        return self._connected.is_set() and self._fatal is None

    # Events.

    def __aiter__(self) -> AgentClient:
        return self

    async def __anext__(self) -> Event:
        await self._finish_current()
        while True:
            while not self._buffer:
                if self._ended:
                    if self._fatal is not None:
                        raise self._fatal
                    raise StopAsyncIteration
                self._wake.clear()
                await self._wake.wait()
            connection, event = self._buffer.popleft()
            if event.seq is None:
                return event
            if connection != self._connection:
                continue  # the connection it came on dropped; the gateway sends it again on this one
            if event.seq <= self._handled_seq or self._is_repeat(event):
                await self._ack(event.seq)
                continue
            self._current = event
            return event

    async def _finish_current(self) -> None:
        event, self._current = self._current, None
        if event is None or event.seq is None:
            return
        self._handled_seq = max(self._handled_seq, event.seq)
        self._remember(event)
        # Acked on this connection only once it delivered that seq; an event of a connection that
        # dropped meanwhile comes again and is acked then, without being handed out twice.
        if self._delivered_seq >= event.seq:
            await self._ack(event.seq)

    def _is_repeat(self, event: Event) -> bool:
        key = _outcome_key(event)
        return key is not None and key in self._outcomes_seen

    def _remember(self, event: Event) -> None:
        key = _outcome_key(event)
        if key is not None:
            self._outcomes_seen[key] = None
            while len(self._outcomes_seen) > _REMEMBERED_OUTCOMES:
                self._outcomes_seen.popitem(last=False)

    async def _ack(self, seq: int) -> None:
        if self._delivered_seq >= seq:
            await self._write_quietly({"type": "ack", "data": {"seq": seq}})

    # Actions.

    async def send(
        self,
        chat_id: str | None = None,
        text: str | None = None,
        *,
        media: Iterable[MediaRef] = (),
        reply_to: str | None = None,
        effect: str | None = None,
        send_at: datetime | str | None = None,
        client_message_id: str | None = None,
    ) -> PendingSend:
        """
        Sends a message into ``chat_id`` (an event's ``chat_id``, or the paired phone's number; ``None``:
        the paired phone's one-to-one chat). ``media`` are uploads (:meth:`upload`) or their ids.
        ``client_message_id`` is the send's idempotency key (a new one unless given): pass one derived
        from the event you answer (``f"answer-{event.message_id}"``) and a reply repeated after your
        program restarted is sent once.
        """
        self._require_started()
        key = client_message_id or f"py-{uuid.uuid4()}"
        existing = self._pending.get(key)
        if existing is not None:
            return existing
        parts: list[dict[str, Any]] = []
        if text is not None:
            parts.append({"type": "text", "value": text})
        for item in media:
            parts.append({"type": "media", "attachmentId": item.attachment_id if isinstance(item, Upload) else item})
        if not parts:
            raise ValueError("A send needs text or media.")
        data: dict[str, Any] = {"parts": parts, "clientMessageId": key}
        if chat_id is not None:
            data["chatId"] = chat_id
        if reply_to is not None:
            data["replyTo"] = reply_to
        if effect is not None:
            data["effect"] = effect
        if send_at is not None:
            data["sendAt"] = send_at.isoformat() if isinstance(send_at, datetime) else send_at
        frame = {"type": "send_message", "data": data}
        self._check_size(frame)
        pending = PendingSend(key, frame, asyncio.get_running_loop().create_future())
        self._pending[key] = pending
        if self._connected.is_set():
            # A drop now loses nothing: every send without an outcome goes again on the next connection.
            await self._write_quietly(frame)
        return pending

    async def reply(self, event: MessageReceived, text: str | None = None, *, inline: bool = False, **kwargs: Any) -> PendingSend:
        """Answers in the chat ``event`` came from; ``inline=True`` threads the answer under it."""
        return await self.send(event.chat_id, text, reply_to=event.message_id if inline else None, **kwargs)

    async def react(self, message_id: str, reaction: str, *, remove: bool = False) -> None:
        """Puts (or, with ``remove``, takes off) a tapback: ``love``, ``like``, ``dislike``, ``laugh``, ``emphasize``, ``question``."""
        await self._act({"type": "send_reaction", "data": {"messageId": message_id, "operation": "remove" if remove else "add", "reactionType": reaction}})

    async def typing(self, chat_id: str, on: bool = True) -> None:
        """Shows (or hides) the typing indicator in the chat."""
        await self._act({"type": "start_typing" if on else "stop_typing", "data": {"chatId": chat_id}})

    async def mark_read(self, chat_id: str) -> None:
        """Marks the chat read up to the phone's latest message."""
        await self._act({"type": "mark_read", "data": {"chatId": chat_id}})

    async def edit(self, message_id: str, text: str, *, client_message_id: str | None = None) -> PendingEdit:
        """
        Edits a message this integration sent. Its outcome is ``message.edited`` (``await
        pending.outcome()``; ``SendFailed`` for a ``message.failed`` with ``operation`` ``edit``). Like a
        send, it is written again after a reconnect until that comes, and its key makes it one edit.
        """
        self._require_started()
        key = client_message_id or f"py-{uuid.uuid4()}"
        existing = self._pending_edits.get(key)
        if existing is not None:
            return existing
        frame = {"type": "edit_message", "data": {"messageId": message_id, "text": text, "clientMessageId": key}}
        self._check_size(frame)
        pending = PendingEdit(key, message_id, frame, asyncio.get_running_loop().create_future())
        self._pending_edits[key] = pending
        if self._connected.is_set():
            await self._write_quietly(frame)
        return pending

    async def unsend(self, message_id: str) -> None:
        """Takes back a message this integration sent (or cancels its send still waiting)."""
        await self._act({"type": "unsend_message", "data": {"messageId": message_id}})

    async def upload(self, content: bytes, filename: str, content_type: str) -> Upload:
        """Uploads a file (``upload_attachment``, then a PUT of the bytes); send it with ``media=[upload]``."""
        self._require_started()
        request = {"type": "upload_attachment", "data": {"filename": filename, "contentType": content_type, "sizeBytes": len(content)}}
        while True:
            await self._wait_for_connection()
            answer: asyncio.Future[Mapping[str, Any]] = asyncio.get_running_loop().create_future()
            self._uploads.append(answer)
            if not await self._write_quietly(request):
                continue
            try:
                slot = await answer
                break
            except _Disconnected:
                continue
        assert self._http is not None
        response = await self._http.put(slot["uploadUrl"], content=content, headers=dict(slot.get("requiredHeaders") or {}))
        if response.status_code >= 400:
            raise api_error(response)
        stored = response.json()
        return Upload(
            attachment_id=stored.get("attachmentId") or slot["attachmentId"],
            download_url=slot.get("downloadUrl", ""),
            size_bytes=int(stored.get("sizeBytes", len(content))),
            expires_at=parse_time(slot.get("expiresAt")),
        )

    async def _act(self, frame: Mapping[str, Any]) -> None:
        # These actions are idempotent at the gateway (or harmless twice): written once connected,
        # again on the next connection when the socket dropped under the write.
        self._require_started()
        while True:
            await self._wait_for_connection()
            if await self._write_quietly(frame):
                return

    async def _wait_for_connection(self) -> None:
        while not self._connected.is_set():
            if self._ended:
                raise self._fatal or TapbackError("The client is closed.")
            self._wake.clear()
            connected = asyncio.ensure_future(self._connected.wait())
            ended = asyncio.ensure_future(self._wake.wait())
            try:
                await asyncio.wait({connected, ended}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                connected.cancel()
                ended.cancel()

    async def _write_quietly(self, frame: Mapping[str, Any]) -> bool:
        ws = self._ws
        if ws is None or not self._connected.is_set():
            return False
        try:
            await ws.send(json.dumps(frame, ensure_ascii=False))
            return True
        except ConnectionClosed:
            return False

    def _check_size(self, frame: Mapping[str, Any]) -> None:
        # The gateway closes the socket (1009) on a frame over its limit; written again after every
        # reconnect, such a send would close each new connection. Refused here instead.
        size = len(json.dumps(frame, ensure_ascii=False).encode("utf-8"))
        if size > self._max_frame_bytes:
            raise ValueError(
                f"The frame would be {size} bytes; the gateway takes at most {self._max_frame_bytes} "
                "(Tapback:Gateway:WebSocket:MaxFrameBytes). Send less text, or files by upload."
            )

    def _require_started(self) -> None:
        if self._run_task is None:
            raise TapbackError("Start the client first: `async with AgentClient(...) as client:`.")
        if self._ended:
            raise self._fatal or TapbackError("The client is closed.")

    # The connection loop.

    async def _run(self) -> None:
        try:
            await self._connect_loop()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - a bug must stop the loop loudly, not silently
            _log.exception("The Tapback agent client stopped on an unexpected error.")
            self._fatal = self._fatal or error
        finally:
            self._end(self._fatal)

    async def _connect_loop(self) -> None:
        attempt = 0
        while not self._closing:
            opened = await self._connect_once()
            if self._fatal is not None or self._closing:
                return
            if opened:
                attempt = 0
            delay = backoff_delay(attempt, self._backoff_base, self._backoff_cap, self._rng)
            _log.info("Reconnecting to the Tapback gateway in %.2f s (attempt %d).", delay, attempt + 1)
            attempt += 1
            await asyncio.sleep(delay)

    async def _connect_once(self) -> bool:
        try:
            ws = await _ws.connect(self._url, self._headers, self._open_timeout)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - every failure to connect is retried, but a refusal
            status = _ws.handshake_status(error)
            if status == 401:
                self._fatal = AuthenticationError(
                    "The gateway refused the token (401): it is wrong, revoked, or of another phone's integration. Pair again."
                )
            elif status == 400:
                self._fatal = TapbackError(f"The gateway refused the connection (400): is '{self.phone}' a phone number?")
            else:
                _log.info("Could not connect to the Tapback gateway: %s", error)
            return False
        self._ws = ws
        opened = False
        try:
            await ws.send(json.dumps({"type": "ready", "data": {"acks": True}}))
            async for raw in ws:
                opened = await self._on_frame(raw) or opened
        except ConnectionClosed:
            pass
        finally:
            self._disconnected()
        code, reason = getattr(ws, "close_code", None), getattr(ws, "close_reason", "") or ""
        if code == _REPLACED and not self._closing:
            self._fatal = ReplacedError(reason)
        else:
            _log.info("The Tapback gateway connection closed (%s %s).", code, reason)
        return opened

    async def _on_frame(self, raw: str | bytes) -> bool:
        try:
            frame = json.loads(raw)
        except ValueError:
            return False
        if not isinstance(frame, dict):
            return False
        kind = frame.get("type")
        data = mapping(frame.get("data"))
        if kind == "connected":
            self._connection += 1
            self._delivered_seq = -1
            self.connections += 1
            self.integration_id = data.get("integrationId")
            self.settings = data.get("settings") or {}
            self._connected.set()
            self._wake.set()
            again: list[Pending[Any]] = [*self._pending.values(), *self._pending_edits.values()]
            for pending in again:
                await self._write_quietly(pending._frame)
            return True
        if kind == "upload_attachment.response":
            if self._uploads:
                self._uploads.popleft().set_result(data)
            return False
        try:
            event = parse_event(frame)
        except (ValueError, TypeError):
            # Handed out (and acked) as an unknown event rather than stopping the connection over it.
            event = UnknownEvent(type=str(kind), seq=opt_int(frame, "seq"), raw=data)
        if event.seq is not None:
            self._delivered_seq = max(self._delivered_seq, event.seq)
        self._settle(event)
        self._buffer.append((self._connection, event))
        self._wake.set()
        return False

    def _settle(self, event: Event) -> None:
        """Resolves the pending send, edit or upload an event answers."""
        if isinstance(event, MessageFailed) and event.operation == "edit":
            for key, edit in list(self._pending_edits.items()):
                if key == event.client_message_id or (event.client_message_id is None and edit.message_id == event.message_id):
                    del self._pending_edits[key]
                    edit._settle(SendFailed(event.error, event.message_id, key))
        elif isinstance(event, MessageSent) and event.client_message_id:
            sent = self._pending.pop(event.client_message_id, None)
            if sent is not None:
                sent._settle(event)
        elif isinstance(event, MessageFailed) and event.client_message_id and not event.operation:
            failed = self._pending.pop(event.client_message_id, None)
            if failed is not None:
                failed._settle(SendFailed(event.error, event.message_id, event.client_message_id))
        elif isinstance(event, MessageEdited):
            # Only an agent's own messages are edited by an agent, so an edit of this id is this one's.
            for key, edit in list(self._pending_edits.items()):
                if edit.message_id == event.message_id:
                    del self._pending_edits[key]
                    edit._settle(event)
        elif isinstance(event, MessageHeld) and event.client_message_id:
            held = self._pending.get(event.client_message_id)
            if held is not None:
                held.held = event
        elif isinstance(event, ErrorEvent):
            refused = SendRefused(event.message, event.request_type, event.client_message_id)
            if event.request_type == "send_message" and event.client_message_id:
                pending = self._pending.pop(event.client_message_id, None)
                if pending is not None:
                    pending._settle(refused)
            elif event.request_type == "edit_message" and event.client_message_id:
                refused_edit = self._pending_edits.pop(event.client_message_id, None)
                if refused_edit is not None:
                    refused_edit._settle(refused)
            elif event.request_type == "upload_attachment" and self._uploads:
                self._uploads.popleft().set_exception(refused)

    def _disconnected(self) -> None:
        self._ws = None
        self._connected.clear()
        # Events of this connection not yet handed out come again on the next one.
        self._buffer = deque(item for item in self._buffer if item[1].seq is None)
        while self._uploads:
            self._uploads.popleft().set_exception(_Disconnected())
        self._wake.set()

    def _end(self, error: BaseException | None) -> None:
        if self._ended:
            return
        self._ended = True
        self._connected.clear()
        failure = error or TapbackError("The client was closed before the gateway reported this send.")
        waiting: list[Pending[Any]] = [*self._pending.values(), *self._pending_edits.values()]
        for pending in waiting:
            if not pending.done():
                pending._settle(failure)
                # Retrieved here so an outcome nobody awaited does not warn at exit.
                pending._future.exception()
        self._pending.clear()
        self._pending_edits.clear()
        while self._uploads:
            self._uploads.popleft().set_exception(failure)
        self._wake.set()


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Full jitter: a random wait in [0, min(cap, base * 2^attempt)), so agents that lost one gateway do not knock together."""
    return rng.uniform(0, min(cap, base * 2 ** min(attempt, 32)))


def _outcome_key(event: Event) -> tuple[str, str, str] | None:
    if isinstance(event, MessageSent):
        return (event.type, event.message_id, "")
    if isinstance(event, MessageFailed) and event.message_id:
        return (event.type, event.message_id, event.operation or "")
    return None


def _socket_url(base_url: str, phone: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        raise ValueError(f"The gateway URL must be http(s)://…, not {base_url!r}.")
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    path = parts.path.rstrip("/") + "/ws/" + quote(phone.strip(), safe="")
    return urlunsplit((scheme, parts.netloc, path, "", ""))
