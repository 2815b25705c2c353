#!/usr/bin/env bash
# Runs every Tapback test on a fresh Debian machine: installs what the tests need that the machine
# lacks (Debian's Chromium for the browser tests), then runs the whole suite.
#   ./scripts/test.sh                  every test
#   ./scripts/test.sh --filter X       extra arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's Chromium for the browser tests…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji >/dev/null
fi

# A hung test fails the run with a dump instead of using up CI's time.
dotnet test Tapback.slnx --logger "console;verbosity=minimal" --blame-hang-timeout 5m "$@"
