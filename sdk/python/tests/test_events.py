"""Parsing events of the shapes docs/protocol.md and docs/webhooks.md pin, and the package's metadata."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

import tapback_server  # noqa: F401 - puts the SDK's source on the path

import tapback


class EventTests(unittest.TestCase):
    def test_parse_Message_TypedWithPartsAndTimes(self) -> None:
        event = tapback.parse_event(
            {
                "type": "message.received",
                "seq": 7,
                "data": {
                    "messageId": "msg_1", "chatId": "conv_9", "from": "+15551234567", "chatName": "Family",
                    "parts": [
                        {"type": "text", "value": "look"},
                        {"type": "media", "url": "http://x/files/att_1", "mimeType": "image/jpeg", "filename": "a.jpg", "sizeBytes": 3},
                        {"type": "text", "value": "at this"},
                    ],
                    "sentAt": "2026-11-23T09:00:00+00:00", "replyTo": "msg_0", "effect": "gentle", "service": "iMessage",
                },
            }
        )
        assert isinstance(event, tapback.MessageReceived)
        self.assertEqual((7, "conv_9", "+15551234567", "Family"), (event.seq, event.chat_id, event.sender, event.chat_name))
        self.assertEqual("look\nat this", event.text)
        self.assertEqual(["a.jpg"], [m.filename for m in event.media])
        self.assertEqual(("msg_0", "gentle", "iMessage"), (event.reply_to, event.effect, event.service))

    def test_parse_ThisWavesFrames_Typed(self) -> None:
        held = tapback.parse_event({"type": "message.held", "seq": 1, "data": {
            "messageId": "msg_2", "chatId": "conv_1", "clientMessageId": "c-1", "reason": "unanswered_limit", "detail": "3 unanswered"}})
        assert isinstance(held, tapback.MessageHeld)
        self.assertEqual(("c-1", "unanswered_limit", "3 unanswered"), (held.client_message_id, held.reason, held.detail))

        paused = tapback.parse_event({"type": "conversation.paused", "seq": 2, "data": {
            "chatId": "conv_1", "reason": "loop_suspected",
            "evidence": {"kind": "fast_replies", "rounds": 6, "detail": "6 answers within 2 s"},
            "pausedAt": "2026-11-23T09:00:00Z"}})
        assert isinstance(paused, tapback.ConversationPaused)
        self.assertEqual(("fast_replies", 6), (paused.evidence.kind, paused.evidence.rounds))
        assert paused.paused_at is not None
        self.assertEqual("2026-11-23T09:00:00+00:00", paused.paused_at.isoformat())

        resumed = tapback.parse_event({"type": "conversation.resumed", "seq": 3, "data": {"chatId": "conv_1", "resumedAt": "2026-11-23T09:05:00+00:00"}})
        assert isinstance(resumed, tapback.ConversationResumed)
        self.assertEqual(5, resumed.resumed_at.minute if resumed.resumed_at else None)

        degraded = tapback.parse_event({"type": "transport.degraded", "seq": 4, "data": {
            "transport": "home-mac", "reason": "no events for 10 minutes", "since": "2026-11-23T09:00:00+00:00"}})
        assert isinstance(degraded, tapback.TransportDegraded)
        self.assertEqual(("home-mac", "no events for 10 minutes"), (degraded.transport, degraded.reason))

        recovered = tapback.parse_event({"type": "transport.recovered", "seq": 5, "data": {
            "transport": "home-mac", "since": "2026-11-23T09:10:00+00:00", "degradedSince": "2026-11-23T09:00:00+00:00"}})
        assert isinstance(recovered, tapback.TransportRecovered)
        self.assertIsNotNone(recovered.degraded_since)

    def test_parse_UnknownType_KeepsTheData(self) -> None:
        event = tapback.parse_event({"type": "something.new", "seq": 9, "data": {"x": 1}})
        assert isinstance(event, tapback.UnknownEvent)
        self.assertEqual((9, {"x": 1}), (event.seq, dict(event.raw)))

    def test_parseWebhook_ThisWavesEvents_Typed(self) -> None:
        def parse(type_: str, data: dict[str, object]) -> object:
            return tapback.parse_webhook_event({"id": "evt_1", "type": type_, "created_at": "2026-11-23T09:00:00+00:00", "data": data}).data

        held = parse("message.held", {"message_id": "msg_1", "chat_id": "conv_1", "reason": "recipient_rate", "detail": "d"})
        assert isinstance(held, tapback.MessageHeld)
        self.assertEqual("recipient_rate", held.reason)
        paused = parse("conversation.paused", {"chat_id": "conv_1", "reason": "loop_suspected",
                                               "evidence": {"kind": "repeated_text", "rounds": 3, "detail": "d"}, "paused_at": "2026-11-23T09:00:00+00:00"})
        assert isinstance(paused, tapback.ConversationPaused)
        self.assertEqual("repeated_text", paused.evidence.kind)
        self.assertIsInstance(parse("conversation.resumed", {"chat_id": "conv_1", "resumed_at": "2026-11-23T09:00:00+00:00"}), tapback.ConversationResumed)
        self.assertIsInstance(parse("transport.degraded", {"transport": "t", "reason": "r", "since": "2026-11-23T09:00:00+00:00"}), tapback.TransportDegraded)
        recovered = parse("transport.recovered", {"transport": "t", "since": "2026-11-23T09:00:00+00:00", "degraded_since": "2026-11-23T08:00:00+00:00"})
        assert isinstance(recovered, tapback.TransportRecovered)
        self.assertEqual(8, recovered.degraded_since.hour if recovered.degraded_since else None)


class PackageTests(unittest.TestCase):
    def test_version_MatchesPyproject(self) -> None:
        pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
        declared = re.search(r'^version = "([^"]+)"', pyproject, re.MULTILINE)
        assert declared is not None
        self.assertEqual(declared.group(1), tapback.__version__)

    def test_wheel_BuiltFromPyproject_HoldsEveryModuleTheTypesAndTheDependencies(self) -> None:
        source = Path(__file__).resolve().parents[1]
        with tempfile.TemporaryDirectory(prefix="tapback-wheel-") as work:
            # Built from a copy: the build writes build/ and *.egg-info beside its sources.
            copy = Path(work) / "src-copy"
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "build", "*.egg-info"))
            subprocess.run(
                [sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_wheel({work!r})"],
                cwd=copy, check=True, capture_output=True,
            )
            wheel = zipfile.ZipFile(next(Path(work).glob("tapback-*.whl")))
            names = set(wheel.namelist())
            modules = {f"tapback/{p.name}" for p in (source / "src" / "tapback").iterdir() if p.suffix == ".py"}
            self.assertLessEqual(modules | {"tapback/py.typed"}, names)
            metadata = wheel.read(f"tapback-{tapback.__version__}.dist-info/METADATA").decode()
        self.assertIn("Requires-Python: >=3.10", metadata)
        self.assertRegex(metadata, r"Requires-Dist: websockets \(?>=10\.4")
        self.assertRegex(metadata, r"Requires-Dist: httpx \(?>=0\.23")


if __name__ == "__main__":
    unittest.main()
