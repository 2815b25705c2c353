"""
A real Tapback for the SDK's tests: the built Tapback.dll run with ``dotnet`` on a free loopback port,
a temporary data directory (SQLite), the simulator transport and the offline model. A test may kill it
(SIGKILL, as a crash) and start it again on the same port and data directory.

The server is built by ``scripts/test.sh`` before these tests run; run alone, the tests build it once
(``dotnet build src/Tapback``) when no Tapback.dll is there. ``TAPBACK_DLL`` points at another build.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Mapping

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "sdk" / "python" / "src"))

import httpx  # noqa: E402

import tapback  # noqa: E402

_CODE = re.compile(r"code is (\d{6})")


def tapback_dll() -> Path:
    configured = os.environ.get("TAPBACK_DLL")
    if configured:
        return Path(configured)
    dll = REPO / "src" / "Tapback" / "bin" / "Debug" / "net10.0" / "Tapback.dll"
    if not dll.exists():
        subprocess.run(["dotnet", "build", str(REPO / "src" / "Tapback"), "--nologo", "-v", "quiet"], check=True)
    return dll


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TapbackServer:
    """One Tapback process; ``settings`` are extra ``--Key=value`` configuration."""

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.data_dir = tempfile.mkdtemp(prefix="tapback-sdk-python-")
        self.settings = {
            # No model key on a test machine, and no probing for an Ollama: the built-in agent answers
            # offline (it answers nobody here: every test phone is paired with an integration).
            "Tapback:Agent:Provider": "offline",
            # The webhook receiver of the tests listens on loopback.
            "Tapback:Webhooks:AllowPrivateUrls": "true",
            # Each pairing's contact card and notice would only add bubbles to count around.
            "Tapback:ContactCards:SendAfterPairing": "false",
            **(settings or {}),
        }
        self._process: subprocess.Popen[bytes] | None = None
        self._log = open(os.path.join(self.data_dir, "tapback.log"), "ab")

    def start(self) -> None:
        args = ["dotnet", str(tapback_dll()), f"--urls={self.base_url}", f"--Tapback:DataDirectory={self.data_dir}"]
        args += [f"--{key}={value}" for key, value in self.settings.items()]
        self._process = subprocess.Popen(args, cwd=self.data_dir, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"Tapback exited with {self._process.returncode} before it was healthy; see {self.data_dir}/tapback.log")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise TimeoutError("Tapback did not become healthy within 90 s.")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait()

    def terminate(self) -> None:
        """SIGTERM, as systemd or Docker stop a service: Tapback closes agent sockets with 1001 and exits."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            self._process.wait(60)

    def stop(self) -> None:
        self.kill()
        self._log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        with open(os.path.join(self.data_dir, "tapback.log"), "rb") as log:
            return b"".join(log.readlines()[-lines:]).decode("utf-8", "replace")

    # The simulated phone (docs/simulator.md).

    async def phone_says(self, phone: str, text: str) -> str:
        async with httpx.AsyncClient() as http:
            response = await http.post(f"{self.base_url}/api/simulator/messages", json={"from": phone, "text": text})
            response.raise_for_status()
            return str(response.json()["messageId"])

    async def phone_events(self, phone: str) -> list[dict[str, Any]]:
        async with httpx.AsyncClient() as http:
            response = await http.get(f"{self.base_url}/api/simulator/conversations/{phone}/events")
            response.raise_for_status()
            return list(response.json())

    async def phone_received(self, phone: str) -> list[str]:
        """The texts of the bubbles the phone got, oldest first, the pairing code left out."""
        return [
            e.get("text") or ""
            for e in await self.phone_events(phone)
            if e["type"] == "message.received" and "setup code" not in (e.get("text") or "")
        ]

    async def wait_for_phone(self, phone: str, condition: Any, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        events: list[dict[str, Any]] = []
        while True:
            try:
                events = await self.phone_events(phone)
            except httpx.TransportError:
                pass  # Tapback is being restarted by the test
            else:
                if condition(events):
                    return events
            if time.monotonic() > deadline:
                raise AssertionError(f"The phone saw only: {[(e['type'], e.get('text')) for e in events]}")
            await asyncio.sleep(0.05)

    async def pair(self, phone: str) -> tapback.Pairing:
        """Texts /setup from the phone, reads the code it got back, and exchanges it with the SDK."""
        await self.phone_says(phone, "/setup")
        events = await self.wait_for_phone(phone, lambda es: any(_CODE.search(e.get("text") or "") for e in es))
        code = next(m.group(1) for e in reversed(events) if (m := _CODE.search(e.get("text") or "")))
        return await tapback.exchange(self.base_url, phone, code)


def quiet_asyncio() -> None:
    # IsolatedAsyncioTestCase runs the loop in debug mode, which reports every slow callback of a
    # loaded machine; only real errors matter here.
    logging.getLogger("asyncio").setLevel(logging.ERROR)


class TapbackTestCase(unittest.IsolatedAsyncioTestCase):
    """The tests of one class share one Tapback, started before the first; each uses phones of its own."""

    server: TapbackServer

    @classmethod
    def setUpClass(cls) -> None:
        quiet_asyncio()
        cls.server = TapbackServer()
        cls.server.start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()


class Receiver:
    """A loopback HTTP server that answers 204 and keeps each POST's headers and body."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[dict[str, str], bytes]] = []
        self._arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.send_response(204)
                self.end_headers()
                with receiver._arrived:
                    receiver.deliveries.append(({k: v for k, v in self.headers.items()}, body))
                    receiver._arrived.notify_all()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float) -> None:
        """Blocks until ``count`` deliveries arrived; fails the test after ``timeout`` seconds."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.deliveries) >= count, timeout):
                raise AssertionError(f"{len(self.deliveries)} of {count} webhook deliveries arrived.")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
