#!/usr/bin/env bash
# Ingest benchmark, one command: builds Tapback and the bench in Release, installs wrk when missing,
# and prints the Markdown table for docs/benchmarks.md. Arguments go to the bench:
#   bench/ingest.sh [seconds per step] [--store sqlite|postgres] [--connection "Host=…"] [--scenario paired|strangers] [--connections 1,16,64]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v wrk >/dev/null; then
  apt-get update && apt-get install -y wrk
fi
dotnet build -c Release "$root/src/Tapback" >/dev/null
dotnet build -c Release "$root/bench/Tapback.Bench" >/dev/null
exec dotnet "$root/bench/Tapback.Bench/bin/Release/net10.0/Tapback.Bench.dll" "$root/src/Tapback/bin/Release/net10.0/Tapback.dll" "$@"
