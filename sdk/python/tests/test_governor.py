"""The send governor and the loop breaker seen through the SDK: held sends, pauses, releases."""

from __future__ import annotations

import asyncio
import unittest

import httpx
from tapback_server import Receiver, TapbackServer, quiet_asyncio

import tapback

ADMIN_TOKEN = "sdk-python-tests-admin-token-0123456789"


class GovernorTests(unittest.IsolatedAsyncioTestCase):
    def start(self, settings: dict[str, str]) -> TapbackServer:
        quiet_asyncio()
        # The simulator reaches no real phone, so the governor watches it only when asked.
        server = TapbackServer({"Tapback:Governor:ApplyToSimulator": "true", **settings})
        self.addCleanup(server.stop)
        server.start()
        return server

    async def test_loop_PhoneEchoesTheAgent_PausedHeldThenResumed(self) -> None:
        self.server = self.start({"Tapback:Admin:Token": ADMIN_TOKEN})
        phone = "+15550106001"
        pairing = await self.server.pair(phone)
        receiver = Receiver()
        self.addCleanup(receiver.close)
        async with tapback.RestClient(self.server.base_url, pairing.token) as rest:
            webhook = await rest.create_webhook(receiver.url, ["conversation.paused", "conversation.resumed"])
        assert webhook.secret is not None
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as client:
            # A bridge handing the agent its own words back: the third echo pauses the conversation.
            for word in ("first", "second", "third"):
                text = f"the {word} message of the agent"
                await (await client.send(phone, text)).outcome(30)
                await self.server.phone_says(phone, text)
            paused = await self.next_of(client, tapback.ConversationPaused)
            assert isinstance(paused, tapback.ConversationPaused)
            self.assertEqual(("loop_suspected", "repeated_text"), (paused.reason, paused.evidence.kind))

            waiting = await client.send(paused.chat_id, "said while paused", client_message_id="while-paused")
            held = await self.next_of(client, tapback.MessageHeld)
            assert isinstance(held, tapback.MessageHeld)
            self.assertEqual(("while-paused", "conversation_paused"), (held.client_message_id, held.reason))
            self.assertEqual(held, waiting.held)
            self.assertFalse(waiting.done())

            async with httpx.AsyncClient() as http:
                resumed = await http.post(
                    f"{self.server.base_url}/api/admin/conversations/{paused.chat_id}/resume",
                    headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                )
                self.assertEqual(200, resumed.status_code, resumed.text)
            self.assertEqual(paused.chat_id, getattr(await self.next_of(client, tapback.ConversationResumed), "chat_id"))
            self.assertEqual(held.message_id, (await waiting.outcome(30)).message_id)

        # The webhook heard both, in order, as the same event classes.
        await asyncio.to_thread(receiver.wait_for, 2, 30)
        verifier = tapback.WebhookVerifier(webhook.secret)
        events = [verifier.verify(body, headers) for headers, body in receiver.deliveries]
        self.assertEqual(["conversation.paused", "conversation.resumed"], [e.type for e in events])
        assert isinstance(events[0].data, tapback.ConversationPaused)
        self.assertEqual((paused.chat_id, paused.evidence), (events[0].data.chat_id, events[0].data.evidence))
        assert isinstance(events[1].data, tapback.ConversationResumed)

    async def test_send_OverTheUnansweredLimit_HeldUntilThePersonAnswers(self) -> None:
        self.server = self.start({"Tapback:Governor:UnansweredLimit": "1"})
        phone = "+15550106002"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token) as client, \
                tapback.RestClient(self.server.base_url, pairing.token) as rest:
            await self.server.phone_says(phone, "hi")
            await (await client.send(phone, "one")).outcome(30)
            second = await client.send(phone, "two", client_message_id="held-two")
            held = await self.next_of(client, tapback.MessageHeld)
            assert isinstance(held, tapback.MessageHeld)
            self.assertEqual(("held-two", "unanswered_limit"), (held.client_message_id, held.reason))
            self.assertEqual(held, second.held)
            stored = await rest.get_message(held.message_id)
            self.assertEqual(("held", "unanswered_limit"), (stored.status, stored.held_reason))

            await self.server.phone_says(phone, "ok, go on")
            self.assertEqual(held.message_id, (await second.outcome(30)).message_id)

        self.assertEqual(["one", "two"], await self.server.phone_received(phone))

    @staticmethod
    async def next_of(client: tapback.AgentClient, kind: type) -> tapback.Event:
        async def scan() -> tapback.Event:
            async for event in client:
                if isinstance(event, kind):
                    return event
            raise AssertionError("The client stopped.")

        return await asyncio.wait_for(scan(), 30)


if __name__ == "__main__":
    unittest.main()
