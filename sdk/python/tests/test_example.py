"""examples/python-echo/echo.py, run as a user runs it, against a real Tapback."""

from __future__ import annotations

import os
import subprocess
import sys
import unittest

from tapback_server import REPO, TapbackTestCase


class EchoExampleTests(TapbackTestCase):
    async def test_echo_PhoneTexts_BotAnswersAndMarksRead(self) -> None:
        phone = "+15550105001"
        pairing = await self.server.pair(phone)
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO / "sdk" / "python" / "src"),
            "TAPBACK_URL": self.server.base_url,
            "TAPBACK_PHONE": phone,
            "TAPBACK_TOKEN": pairing.token,
        }
        bot = subprocess.Popen([sys.executable, str(REPO / "examples" / "python-echo" / "echo.py")], env=env)
        try:
            message_id = await self.server.phone_says(phone, "hi bot")
            events = await self.server.wait_for_phone(phone, lambda es: any(e.get("text") == "You said: hi bot" for e in es))
            self.assertTrue(any(e["type"] == "read" and e.get("messageId") == message_id for e in events))
            self.assertIsNone(bot.poll(), "The bot exited.")
        finally:
            bot.terminate()
            bot.wait(10)


if __name__ == "__main__":
    unittest.main()
