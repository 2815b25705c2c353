"""The webhook verifier: a real signed delivery from Tapback, and what it must refuse."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
import unittest

from tapback_server import Receiver, TapbackTestCase

import tapback
from tapback.webhooks import MessageData, StatusData

# A key whose base64 holds '+' and '/', the characters copying mangles.
KEY = bytes([0xFB, 0xEF, 0xFF] * 10 + [1, 2])
SECRET = "whsec_" + base64.b64encode(KEY).decode()
BODY = json.dumps(
    {
        "id": "evt_1",
        "type": "message.sent",
        "created_at": "2026-11-23T09:00:00.1234567+00:00",
        "data": {"message_id": "msg_1", "conversation_id": "conv_1", "to": "+15551234567", "body": "hi", "client_message_id": "c-1"},
    }
).encode()


def sign(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(timestamp: int, signature: str) -> dict[str, str]:
    return {"Webhook-Id": "evt_1", "Webhook-Timestamp": str(timestamp), "Webhook-Signature": signature}


class VerifierTests(unittest.TestCase):
    def setUp(self) -> None:
        self.now = 1_800_000_000

    def test_verify_SignedBody_ReturnsTypedEvent(self) -> None:
        event = tapback.WebhookVerifier(SECRET).verify(BODY, headers(self.now, sign(KEY, "evt_1", self.now, BODY)), now=self.now)
        self.assertEqual(("evt_1", "message.sent"), (event.id, event.type))
        assert isinstance(event.data, StatusData)
        self.assertEqual(("msg_1", "c-1"), (event.data.message_id, event.data.client_message_id))
        self.assertEqual(123456, event.created_at.microsecond)

    def test_verify_SecretMangledByCopying_StillVerifies(self) -> None:
        self.assertIn("+", SECRET)
        good = headers(self.now, sign(KEY, "evt_1", self.now, BODY))
        for mangled in [
            SECRET.replace("+", "\\u002B"),  # out of a JSON writer that escapes '+'
            SECRET.replace("+", "%2B").replace("/", "%2F"),  # URL-encoded
            SECRET.replace("+", " "),  # a '+' that went through form decoding
            f'  "{SECRET}"\n',  # quoted, with a line break
            SECRET[len("whsec_"):],  # without its prefix
        ]:
            with self.subTest(mangled=mangled):
                self.assertEqual("evt_1", tapback.WebhookVerifier(mangled).verify(BODY, good, now=self.now).id)

    def test_verifier_SecretNotBase64_SaysWhatToCopy(self) -> None:
        with self.assertRaises(ValueError) as raised:
            tapback.WebhookVerifier("whsec_not*base64!")
        self.assertIn("Copy the whole 'secret'", str(raised.exception))

    def test_verify_WrongSignature_Raises(self) -> None:
        other = sign(b"another key", "evt_1", self.now, BODY)
        with self.assertRaises(tapback.WebhookVerificationError):
            tapback.WebhookVerifier(SECRET).verify(BODY, headers(self.now, other), now=self.now)

    def test_verify_BodyChanged_Raises(self) -> None:
        signature = sign(KEY, "evt_1", self.now, BODY)
        with self.assertRaises(tapback.WebhookVerificationError):
            tapback.WebhookVerifier(SECRET).verify(BODY.replace(b"hi", b"ho"), headers(self.now, signature), now=self.now)

    def test_verify_StaleOrFutureTimestamp_Raises(self) -> None:
        for sent in (self.now - 301, self.now + 301):
            with self.subTest(sent=sent), self.assertRaises(tapback.WebhookVerificationError) as raised:
                tapback.WebhookVerifier(SECRET).verify(BODY, headers(sent, sign(KEY, "evt_1", sent, BODY)), now=self.now)
            self.assertIn("webhook-timestamp", str(raised.exception))

    def test_verify_RotationSignsTwice_EitherSecretVerifies(self) -> None:
        old_key = b"o" * 32
        both = sign(old_key, "evt_1", self.now, BODY) + " " + sign(KEY, "evt_1", self.now, BODY)
        old_secret = "whsec_" + base64.b64encode(old_key).decode()
        for secret in (SECRET, old_secret):
            self.assertEqual("evt_1", tapback.WebhookVerifier(secret).verify(BODY, headers(self.now, both), now=self.now).id)

    def test_verify_MissingHeader_Raises(self) -> None:
        with self.assertRaises(tapback.WebhookVerificationError):
            tapback.WebhookVerifier(SECRET).verify(BODY, {"webhook-id": "evt_1"}, now=self.now)

    def test_parse_UnknownType_KeepsTheData(self) -> None:
        event = tapback.parse_webhook_event({"id": "evt_2", "type": "something.new", "created_at": "2026-11-23T09:00:00Z", "data": {"x": 1}})
        self.assertEqual({"x": 1}, event.data)


class DeliveryTests(TapbackTestCase):
    async def test_delivery_FromTapback_VerifiesAndTampersAreRefused(self) -> None:
        phone = "+15550104001"
        receiver = Receiver()
        try:
            pairing = await self.server.pair(phone)
            async with tapback.RestClient(self.server.base_url, pairing.token) as rest:
                webhook = await rest.create_webhook(receiver.url, ["message.received"])
            assert webhook.secret is not None
            await self.server.phone_says(phone, "hello webhook")
            await asyncio.to_thread(receiver.wait_for, 1, 30)
            delivered_headers, body = receiver.deliveries[0]

            event = tapback.WebhookVerifier(webhook.secret).verify(body, delivered_headers)
            self.assertEqual("message.received", event.type)
            self.assertEqual(delivered_headers["webhook-id"], event.id)
            assert isinstance(event.data, MessageData)
            self.assertEqual(("hello webhook", phone), (event.data.body, event.data.sender))

            with self.assertRaises(tapback.WebhookVerificationError):
                tapback.WebhookVerifier("whsec_" + base64.b64encode(b"x" * 32).decode()).verify(body, delivered_headers)
            with self.assertRaises(tapback.WebhookVerificationError):
                tapback.WebhookVerifier(webhook.secret).verify(body + b" ", delivered_headers)
            with self.assertRaises(tapback.WebhookVerificationError):
                later = int(delivered_headers["webhook-timestamp"]) + 301
                tapback.WebhookVerifier(webhook.secret).verify(body, delivered_headers, now=later)
            # The secret as System.Text.Json would print it, '+' escaped, verifies the same delivery.
            escaped = webhook.secret.replace("+", "\\u002B")
            self.assertEqual(event.id, tapback.WebhookVerifier(escaped).verify(body, delivered_headers, now=time.time()).id)
        finally:
            receiver.close()


if __name__ == "__main__":
    unittest.main()
