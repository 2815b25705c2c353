"""The loop breaker seen through the SDK: a conversation paused, and resumed."""

from __future__ import annotations

import asyncio
import unittest

import httpx
from tapback_server import Receiver, TapbackServer, quiet_asyncio

import tapback

ADMIN_TOKEN = "sdk-python-tests-admin-token-0123456789"


class LoopBreakerTests(unittest.IsolatedAsyncioTestCase):
    def setUp(self) -> None:
        quiet_asyncio()
        # The simulator reaches no real phone, so the governor watches it only when asked.
        self.server = TapbackServer({"Tapback:Governor:ApplyToSimulator": "true", "Tapback:Admin:Token": ADMIN_TOKEN})
        self.server.start()

    def tearDown(self) -> None:
        self.server.stop()

    async def test_loop_PhoneEchoesTheAgent_PausedThenResumed(self) -> None:
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

            async with httpx.AsyncClient() as http:
                resumed = await http.post(
                    f"{self.server.base_url}/api/admin/conversations/{paused.chat_id}/resume",
                    headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                )
                self.assertEqual(200, resumed.status_code, resumed.text)
            self.assertEqual(paused.chat_id, getattr(await self.next_of(client, tapback.ConversationResumed), "chat_id"))

        # The webhook heard both, in order, as the same event classes.
        await asyncio.to_thread(receiver.wait_for, 2, 30)
        verifier = tapback.WebhookVerifier(webhook.secret)
        events = [verifier.verify(body, headers) for headers, body in receiver.deliveries]
        self.assertEqual(["conversation.paused", "conversation.resumed"], [e.type for e in events])
        assert isinstance(events[0].data, tapback.ConversationPaused)
        self.assertEqual((paused.chat_id, paused.evidence), (events[0].data.chat_id, events[0].data.evidence))
        assert isinstance(events[1].data, tapback.ConversationResumed)

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
