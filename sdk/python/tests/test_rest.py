"""The REST client against a real Tapback: every /v2 endpoint, and idempotency keys."""

from __future__ import annotations

import unittest

import httpx
from tapback_server import TapbackTestCase

import tapback

# Each /v2 operation of Tapback's OpenAPI document, and the RestClient method that calls it.
OPERATIONS = {
    ("POST", "/v2/messages"): "send_message",
    ("GET", "/v2/messages/{id}"): "get_message",
    ("PATCH", "/v2/messages/{id}"): "edit_message",
    ("DELETE", "/v2/messages/{id}"): "unsend_message",
    ("POST", "/v2/messages/{id}/read"): "mark_read",
    ("POST", "/v2/messages/{id}/reactions"): "react",
    ("POST", "/v2/typing"): "typing",
    ("GET", "/v2/conversations"): "list_conversations",
    ("GET", "/v2/conversations/{id}/messages"): "list_messages",
    ("GET", "/v2/handles/{handle}"): "lookup_handle",
    ("POST", "/v2/webhooks"): "create_webhook",
    ("GET", "/v2/webhooks"): "list_webhooks",
    ("DELETE", "/v2/webhooks/{id}"): "delete_webhook",
    ("POST", "/v2/webhooks/{id}/secret/rotate"): "rotate_webhook_secret",
    ("GET", "/v2/webhooks/{id}/deliveries"): "list_webhook_deliveries",
    ("POST", "/v2/webhooks/{id}/deliveries/replay"): "replay_dead_deliveries",
    ("POST", "/v2/webhooks/{id}/deliveries/{deliveryId}/replay"): "replay_delivery",
}



class RestClientTests(TapbackTestCase):
    async def test_messages_SendReadEditUnsend_EachEndpointAnswers(self) -> None:
        phone = "+15550103001"
        pairing = await self.server.pair(phone)
        inbound_id = await self.server.phone_says(phone, "hi over rest")
        async with tapback.RestClient(self.server.base_url, pairing.token) as rest:
            key = tapback.new_idempotency_key()
            sent = await rest.send_message(to=phone, body="answer", idempotency_key=key)
            again = await rest.send_message(to=phone, body="answer", idempotency_key=key)
            self.assertEqual(sent.message_id, again.message_id)
            with self.assertRaises(tapback.ApiError) as conflict:
                await rest.send_message(to=phone, body="another text", idempotency_key=key)
            self.assertEqual(409, conflict.exception.status)

            conversations = await rest.list_conversations(limit=10)
            self.assertEqual([sent.conversation_id], [c.id for c in conversations.data])
            self.assertEqual(phone, conversations.data[0].handle)
            all_conversations = [c.id async for c in rest.iter_conversations(page_size=1)]
            self.assertEqual([sent.conversation_id], all_conversations)

            inbound = await rest.get_message(inbound_id)
            self.assertEqual(("inbound", "hi over rest", "received"), (inbound.direction, inbound.body, inbound.status))
            await rest.mark_read(inbound_id)
            await rest.react(inbound_id, "like")
            await rest.typing(True, conversation_id=sent.conversation_id)
            await rest.typing(False, to=phone)

            await self.server.wait_for_phone(phone, lambda es: any(e.get("text") == "answer" for e in es))
            edited = await rest.edit_message(sent.message_id, "answer, edited")
            self.assertEqual("queued", edited.status)
            await self.server.wait_for_phone(phone, lambda es: any(e["type"] == "message.edited" for e in es))
            unsent = await rest.unsend_message(sent.message_id)
            self.assertEqual(sent.message_id, unsent.message_id)

            messages = [m async for m in rest.iter_messages(sent.conversation_id, page_size=2)]
            self.assertIn(inbound_id, [m.id for m in messages])
            lookup = await rest.lookup_handle(phone)
            self.assertEqual(phone, lookup.handle)
            self.assertTrue(lookup.imessage)

            with self.assertRaises(tapback.ApiError) as missing:
                await rest.get_message("msg_does_not_exist")
            self.assertEqual(404, missing.exception.status)

        # One bubble for the two calls with one key (unsent since, so the phone's log keeps no text).
        received = [e for e in await self.server.phone_events(phone) if e["type"] == "message.received" and "setup code" not in (e.get("text") or "")]
        self.assertEqual([sent.message_id], [e["messageId"] for e in received])

    async def test_webhooks_CreateListRotateDeliveriesDelete_EachEndpointAnswers(self) -> None:
        phone = "+15550103002"
        pairing = await self.server.pair(phone)
        async with tapback.RestClient(self.server.base_url, pairing.token) as rest:
            # Nothing listens here: the deliveries fail, and stay in the log to read and replay.
            webhook = await rest.create_webhook("http://127.0.0.1:9/hook", ["message.received"])
            assert webhook.secret is not None
            self.assertTrue(webhook.secret.startswith("whsec_"))
            self.assertEqual([webhook.id], [w.id for w in await rest.list_webhooks()])
            rotated = await rest.rotate_webhook_secret(webhook.id)
            self.assertNotEqual(webhook.secret, rotated.secret)
            await self.server.phone_says(phone, "to a dead webhook")
            deliveries = await rest.list_webhook_deliveries(webhook.id, limit=10)
            self.assertEqual(["message.received"], [d.type for d in deliveries.data])
            self.assertEqual(1, await rest.replay_delivery(webhook.id, deliveries.data[0].id))
            self.assertEqual(0, await rest.replay_dead_deliveries(webhook.id))
            await rest.delete_webhook(webhook.id)
            self.assertEqual([], await rest.list_webhooks())

    async def test_restClient_EveryV2OperationOfTheOpenApiDocument_HasAMethod(self) -> None:
        async with httpx.AsyncClient() as http:
            document = (await http.get(self.server.base_url + "/openapi/v1.json")).json()
        served = {
            (method.upper(), path)
            for path, operations in document["paths"].items()
            if path == "/v2" or path.startswith("/v2/")
            for method in operations
            if method in ("get", "post", "put", "patch", "delete")
        }
        # A new endpoint fails this until RestClient calls it.
        self.assertEqual(set(), served - set(OPERATIONS), "/v2 operations RestClient has no method for")
        self.assertEqual(set(), set(OPERATIONS) - served, "methods for operations Tapback no longer serves")
        for name in OPERATIONS.values():
            self.assertTrue(callable(getattr(tapback.RestClient, name)), name)

    async def test_calls_WrongToken_Raise401(self) -> None:
        async with tapback.RestClient(self.server.base_url, "tbk_wrong") as rest:
            with self.assertRaises(tapback.ApiError) as refused:
                await rest.list_conversations()
            self.assertEqual(401, refused.exception.status)


if __name__ == "__main__":
    unittest.main()
