"""The agent WebSocket client against a real Tapback: pairing, echo, actions, redelivery."""

from __future__ import annotations

import asyncio
import random
import unittest

from tapback_server import TapbackTestCase

import tapback
from tapback.agent import backoff_delay


async def next_of(client: tapback.AgentClient, kind: type, timeout: float = 30) -> tapback.Event:
    """The next event of ``kind``; the ones before it are handled (acked) on the way."""

    async def scan() -> tapback.Event:
        async for event in client:
            if isinstance(event, kind):
                return event
        raise AssertionError("The client stopped.")

    return await asyncio.wait_for(scan(), timeout)


class BackoffTests(unittest.TestCase):
    def test_backoffDelay_DoublesToTheCapWithFullJitter(self) -> None:
        class Top(random.Random):
            def uniform(self, a: float, b: float) -> float:
                return b

        always_top = Top()
        self.assertEqual([1, 2, 4, 8, 16, 32, 60, 60], [backoff_delay(n, 1, 60, always_top) for n in range(8)])
        self.assertEqual(60, backoff_delay(10_000, 1, 60, always_top))
        delays = [backoff_delay(3, 1, 60, random.Random(7)) for _ in range(200)]
        self.assertTrue(all(0 <= d <= 8 for d in delays))


class AgentClientTests(TapbackTestCase):
    async def test_exchange_WrongCode_Raises401(self) -> None:
        phone = "+15550101000"
        await self.server.phone_says(phone, "/setup")
        with self.assertRaises(tapback.ApiError) as raised:
            await tapback.exchange(self.server.base_url, phone, "000000")
        self.assertEqual(401, raised.exception.status)

    async def test_echo_PairedPhoneTexts_AgentAnswersOnce(self) -> None:
        phone = "+15550101001"
        pairing = await self.server.pair(phone)
        self.assertTrue(pairing.token.startswith("tbk_"))
        self.assertEqual(phone, pairing.phone)

        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as client:
            await client.wait_connected(30)
            self.assertEqual(pairing.integration_id, client.integration_id)
            await self.server.phone_says(phone, "hello")
            message = await next_of(client, tapback.MessageReceived)
            assert isinstance(message, tapback.MessageReceived)
            self.assertEqual("hello", message.text)
            self.assertEqual(phone, message.sender)
            pending = await client.reply(message, f"echo: {message.text}")
            sent = await pending.outcome(30)
            self.assertEqual(pending.client_message_id, sent.client_message_id)
            # The outcome is an event too, handed out once.
            event = await next_of(client, tapback.MessageSent)
            self.assertEqual(sent.message_id, getattr(event, "message_id"))

        self.assertEqual(["echo: hello"], await self.server.phone_received(phone))

    async def test_actions_UploadReactTypingReadEditUnsend_ReachThePhone(self) -> None:
        phone = "+15550101002"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as client:
            phone_message_id = await self.server.phone_says(phone, "send me a file")
            message = await next_of(client, tapback.MessageReceived)
            assert isinstance(message, tapback.MessageReceived)
            await client.mark_read(message.chat_id)
            await client.typing(message.chat_id)
            await client.react(message.message_id, "love")
            upload = await client.upload(b"hello file", "note.txt", "text/plain")
            self.assertTrue(upload.attachment_id.startswith("upl_"))
            self.assertEqual(10, upload.size_bytes)
            self.assertIsNotNone(upload.expires_at)
            sent = await (await client.reply(message, "here it is", media=[upload])).outcome(30)
            edited = await (await client.edit(sent.message_id, "here it is, edited")).outcome(30)
            self.assertEqual((sent.message_id, "here it is, edited"), (edited.message_id, edited.text))
            self.assertEqual(edited, await next_of(client, tapback.MessageEdited))
            await client.unsend(sent.message_id)
            await next_of(client, tapback.MessageUnsent)

        events = await self.server.wait_for_phone(phone, lambda es: any(e["type"] == "message.unsent" for e in es))
        kinds = [e["type"] for e in events]
        self.assertIn("typing.started", kinds)
        self.assertTrue(any(e["type"] == "read" and e.get("messageId") == phone_message_id for e in events))
        self.assertTrue(any(e["type"] == "reaction" and e.get("reaction") == "love" and not e.get("fromMe") for e in events))
        # Unsent since, so the phone's log keeps the edit without its text.
        self.assertTrue(any(e["type"] == "message.edited" and e.get("messageId") == sent.message_id for e in events))

    async def test_send_RefusedFrame_RaisesSendRefused(self) -> None:
        phone = "+15550101003"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as client:
            pending = await client.send(phone, "x", effect="no-such-effect")
            with self.assertRaises(tapback.SendRefused) as refused:
                await pending.outcome(30)
            self.assertIn("effect", refused.exception.message)
            error = await next_of(client, tapback.ErrorEvent)
            self.assertEqual(pending.client_message_id, getattr(error, "client_message_id"))
            # Over the gateway's frame limit it would close the socket (1009) on every reconnect.
            with self.assertRaises(ValueError):
                await client.send(phone, "x" * (1024 * 1024))
            self.assertEqual(1, client.connections)

    async def test_send_SameClientMessageIdAgain_SentOnceAndReportedOnce(self) -> None:
        phone = "+15550101006"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as client:
            first = await (await client.send(phone, "only once", client_message_id="same-key")).outcome(30)
            # As after a reconnect: the same key again. The gateway sends nothing new and reports the
            # first send once more; the client hands that report out only once.
            repeat = await (await client.send(phone, "only once", client_message_id="same-key")).outcome(30)
            self.assertEqual(first.message_id, repeat.message_id)
            await client.send(phone, "marker", client_message_id="marker")
            reports = []
            async for event in client:
                if isinstance(event, tapback.MessageSent):
                    reports.append(event.client_message_id)
                    if event.client_message_id == "marker":
                        break
            self.assertEqual(["same-key", "marker"], reports)

        self.assertEqual(["only once", "marker"], await self.server.phone_received(phone))

    async def test_connect_SecondClientOfTheIntegration_FirstRaisesReplaced(self) -> None:
        phone = "+15550101007"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as first:
            await first.wait_connected(30)
            async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as second:
                await second.wait_connected(30)
                with self.assertRaises(tapback.ReplacedError) as replaced:
                    await asyncio.wait_for(first.__anext__(), 30)
                self.assertIn("replaced", replaced.exception.reason)
                self.assertTrue(second.is_connected)

    async def test_connect_WrongToken_RaisesAuthenticationError(self) -> None:
        async with tapback.AgentClient(self.server.base_url, "+15550101004", "tbk_wrong") as client:
            with self.assertRaises(tapback.AuthenticationError):
                await client.wait_connected(30)
            with self.assertRaises(tapback.AuthenticationError):
                async for _ in client:
                    pass
            with self.assertRaises(tapback.AuthenticationError):
                await client.send(None, "never sent")

    async def test_iteration_HandlerRaises_EventComesAgainToTheNextClient(self) -> None:
        phone = "+15550101005"
        pairing = await self.server.pair(phone)
        with self.assertRaises(RuntimeError):
            async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as first:
                await self.server.phone_says(phone, "first")
                await next_of(first, tapback.MessageReceived)
                raise RuntimeError("the handler crashed before it finished")

        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as second:
            again = await next_of(second, tapback.MessageReceived)
            self.assertEqual("first", getattr(again, "text"))
            await self.server.phone_says(phone, "second")
            # Handled now, so "first" is acked: the next message is "second", not "first" once more.
            following = await next_of(second, tapback.MessageReceived)
            self.assertEqual("second", getattr(following, "text"))

        # Leaving the block normally acked "second": a third client starts with nothing waiting.
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as third:
            await self.server.phone_says(phone, "third")
            self.assertEqual("third", getattr(await next_of(third, tapback.MessageReceived), "text"))


if __name__ == "__main__":
    unittest.main()
