"""
Tapback killed (SIGKILL) and started again on the same data directory while the client holds an
unacked message and its reply is in flight: the client reconnects, and the message is handed out once
and answered once.
"""

from __future__ import annotations

import asyncio
import unittest

from tapback_server import TapbackServer, quiet_asyncio

import tapback

# Reconnect within a fraction of a second: the tests wait for the client, never for a fixed time.
BACKOFF_BASE, BACKOFF_CAP = 0.05, 0.5


class RestartTests(unittest.IsolatedAsyncioTestCase):
    def setUp(self) -> None:
        quiet_asyncio()
        self.server = TapbackServer()
        self.server.start()

    def tearDown(self) -> None:
        self.server.stop()

    async def restart(self) -> None:
        self.server.kill()
        await asyncio.to_thread(self.server.start)

    async def run_echo(self, phone: str, kill_before_reply: bool) -> None:
        pairing = await self.server.pair(phone)
        seen: list[str] = []
        sent: list[tapback.MessageSent] = []
        first_reply: tapback.PendingSend | None = None
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token, backoff_base=BACKOFF_BASE, backoff_cap=BACKOFF_CAP) as client:
            await client.wait_connected(30)
            await self.server.phone_says(phone, "one")

            async def handle() -> None:
                nonlocal first_reply
                async for event in client:
                    if isinstance(event, tapback.MessageSent):
                        sent.append(event)
                        if event.client_message_id == "echo-two":
                            return
                    if not isinstance(event, tapback.MessageReceived):
                        continue
                    seen.append(event.text)
                    if event.text == "one":
                        if kill_before_reply:
                            # The reply is asked for while Tapback is down: it waits in the client.
                            await self.restart_down()
                            first_reply = await client.reply(event, "echo: one", client_message_id="echo-one")
                            await asyncio.to_thread(self.server.start)
                        else:
                            # The reply is written, then Tapback dies before (or just after) taking it.
                            first_reply = await client.reply(event, "echo: one", client_message_id="echo-one")
                            await self.restart()
                        # "one" is still unacked at the gateway; its handler finishes only now.
                    else:
                        await client.reply(event, f"echo: {event.text}", client_message_id=f"echo-{event.text}")

            handler = asyncio.ensure_future(handle())
            await client.wait_connected(60)
            await self.server.wait_for_phone(phone, lambda es: any(e.get("text") == "echo: one" for e in es), timeout=60)
            await self.server.phone_says(phone, "two")
            await asyncio.wait_for(handler, 60)
            assert first_reply is not None
            outcome = await first_reply.outcome(30)

        # "two" and its answer came after everything a repeat would have queued, in order.
        self.assertEqual(["one", "two"], seen)
        self.assertEqual(["echo: one", "echo: two"], await self.server.phone_received(phone))
        self.assertEqual(["echo-one", "echo-two"], [s.client_message_id for s in sent])
        self.assertEqual(outcome.message_id, sent[0].message_id)
        self.assertGreaterEqual(client.connections, 2)

    async def restart_down(self) -> None:
        self.server.kill()

    async def test_restart_ReplyInFlightAndMessageUnacked_OneDeliveryOneSend(self) -> None:
        await self.run_echo("+15550102001", kill_before_reply=False)

    async def test_restart_ReplyAskedWhileDown_SentOnceAfterReconnect(self) -> None:
        await self.run_echo("+15550102002", kill_before_reply=True)

    async def test_stop_GracefulStopAndStart_ClientReconnectsAndHearsWhatCameMeanwhile(self) -> None:
        phone = "+15550102003"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token, backoff_base=BACKOFF_BASE, backoff_cap=BACKOFF_CAP) as client:
            await client.wait_connected(30)
            # The socket is closed with 1001 ("going away"): a reason to reconnect, not to stop.
            await asyncio.to_thread(self.server.terminate)
            await asyncio.to_thread(self.server.start)
            await self.server.phone_says(phone, "after the restart")
            message = await asyncio.wait_for(self.next_message(client), 60)
            self.assertEqual("after the restart", message.text)
            self.assertEqual(2, client.connections)

    async def test_restart_EditAskedWhileDown_EditedOnceAfterReconnect(self) -> None:
        phone = "+15550102004"
        pairing = await self.server.pair(phone)
        async with tapback.AgentClient(self.server.base_url, phone, pairing.token, backoff_base=BACKOFF_BASE, backoff_cap=BACKOFF_CAP) as client:
            sent = await (await client.send(phone, "draft")).outcome(30)
            self.server.kill()
            pending = await client.edit(sent.message_id, "final")
            await asyncio.to_thread(self.server.start)
            edited = await pending.outcome(60)
            self.assertEqual("final", edited.text)
            # A send after the edit, in the same chat: once it is on the phone, a second edit would be too.
            await (await client.send(phone, "marker")).outcome(30)

        events = await self.server.wait_for_phone(phone, lambda es: any(e.get("text") == "marker" for e in es))
        self.assertEqual(["final"], [e.get("text") for e in events if e["type"] == "message.edited"])

    @staticmethod
    async def next_message(client: tapback.AgentClient) -> tapback.MessageReceived:
        async for event in client:
            if isinstance(event, tapback.MessageReceived):
                return event
        raise AssertionError("The client stopped.")


if __name__ == "__main__":
    unittest.main()
