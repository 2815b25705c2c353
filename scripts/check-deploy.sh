#!/usr/bin/env bash
# Checks the deploy files as far as a machine without a Docker engine can (docs/deploy.md says what
# this covers and what it does not):
#   1. deploy/compose.yaml parses and resolves (`docker compose config`, or docker-compose v1);
#   2. deploy/com.tapback.gateway.plist parses as a property list with the keys launchd needs;
#   3. deploy/tapback.service passes `systemd-analyze verify`;
#   4. the safe defaults docs/security.md lists: an admin token required by compose, the load balancer
#      the only believed proxy and published on loopback, no file opening the simulator anonymously;
#   5. the image's app, by hand: `dotnet publish src/Tapback -c Release` (what -t:PublishContainer
#      layers on the base image) run on a copy of the repository's files, as a clean checkout;
#   6. the image's runtime, by hand: the published Tapback.dll started as the image's entrypoint with
#      the image's environment (Tapback.csproj's ContainerEnvironmentVariable items over the base
#      image's) and the compose file's node environment against a throwaway PostgreSQL; /healthz and
#      /readyz answer 200, so does the compose file's health probe (`tapback healthcheck`), the
#      simulator refuses a caller without the admin token, a simulator message sent with it is
#      answered, SIGTERM stops it cleanly.
# Building the image itself and reading its configuration is Hosting/Packaging/ContainerImageTests.
# Usage: ./scripts/check-deploy.sh        (needs the .NET SDK, python3 with PyYAML, PostgreSQL binaries)
#        TAPBACK_CHECK_PUBLISHED=dir ./scripts/check-deploy.sh   reuses a publish output, skipping step 5
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="$(mktemp -d /tmp/tapback-deploy-XXXXXX)"
node_pid=""
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then kill -KILL "$node_pid"; fi
  if [ -d "$work/pg" ]; then run_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ok() { echo "ok: $*"; }
fail() {
  if [ -f "$work/node.log" ]; then echo "── the node's log (last lines)"; tail -40 "$work/node.log"; fi
  echo "FAILED: $*"
  exit 1
}

echo "── 1. compose file"
if docker compose version >/dev/null 2>&1; then compose=(docker compose); elif command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(); fi
if [ ${#compose[@]} -gt 0 ]; then
  TAPBACK_DB_PASSWORD=check TAPBACK_ADMIN_TOKEN=check-admin-token-of-at-least-32-chars "${compose[@]}" -f deploy/compose.yaml config -q
  ok "deploy/compose.yaml resolves with ${compose[*]}"
else
  echo "NOT CHECKED: neither 'docker compose' nor docker-compose is installed (apt-get install docker-compose)"
fi

echo "── 2. launchd plist"
python3 - deploy/com.tapback.gateway.plist <<'EOF'
import plistlib, sys
with open(sys.argv[1], "rb") as f:
    plist = plistlib.load(f)
for key in ("Label", "ProgramArguments", "WorkingDirectory", "EnvironmentVariables", "RunAtLoad", "KeepAlive"):
    assert key in plist, f"the plist has no {key}"
assert plist["ProgramArguments"][1].endswith("Tapback.dll"), "ProgramArguments should run Tapback.dll"
EOF
ok "deploy/com.tapback.gateway.plist parses (plistlib) and has the keys launchd needs"
if command -v plutil >/dev/null; then plutil -lint deploy/com.tapback.gateway.plist; fi

echo "── 3. systemd unit"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify deploy/tapback.service
  ok "deploy/tapback.service passes systemd-analyze verify"
else
  echo "NOT CHECKED: systemd-analyze is not installed"
fi

echo "── 4. safe defaults (docs/security.md)"
python3 - <<'EOF'
import yaml
compose = yaml.safe_load(open("deploy/compose.yaml"))
env = compose["x-node"]["environment"]
assert ":?" in str(env.get("Tapback__Admin__Token", "")), "compose must require TAPBACK_ADMIN_TOKEN (Tapback__Admin__Token: ${TAPBACK_ADMIN_TOKEN:?...})"
lb = compose["services"]["lb"]
lb_address = lb["networks"]["default"]["ipv4_address"]
assert env.get("Tapback__ForwardedHeaders__KnownProxies__0") == lb_address, "the nodes' KnownProxies must be the load balancer's address, and only it"
assert not any(k.startswith("Tapback__ForwardedHeaders__KnownNetworks") for k in env), "compose declares a whole network as proxies"
assert all(str(port).startswith("127.0.0.1:") for port in lb["ports"]), "the plain-HTTP load balancer must be published on loopback only"
for path in ("src/Tapback/Tapback.csproj", "deploy/compose.yaml", "deploy/tapback.service", "deploy/com.tapback.gateway.plist"):
    text = open(path).read()
    assert "AllowAnonymous" not in text, f"{path} opens the simulator to anonymous callers"
    assert "ASPNETCORE_FORWARDEDHEADERS_ENABLED" not in text, f"{path} turns on ASP.NET Core's believe-everyone forwarded headers"
EOF
grep -q -- '--urls=http://127.0.0.1:' deploy/com.tapback.gateway.plist || fail "the launchd agent must listen on loopback only"
ok "compose requires an admin token, believes only its load balancer and publishes it on loopback; no file opens the simulator anonymously"

echo "── 5. the image's app (by hand)"
if [ -n "${TAPBACK_CHECK_PUBLISHED:-}" ]; then
  # A publish output from an earlier run of this script, to check the runtime again quickly.
  cp -r "$TAPBACK_CHECK_PUBLISHED" "$work/app"
  echo "NOT CHECKED this time: the publish (TAPBACK_CHECK_PUBLISHED=$TAPBACK_CHECK_PUBLISHED)"
else
mkdir -p "$work/src"
# What a clean checkout has: tracked and new files, not what a local build or test run left behind.
git ls-files --cached --others --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$work/src"
publish="dotnet publish src/Tapback -c Release"
# The image's WORKDIR is /app: the same here, under $work.
(cd "$work/src" && $publish -o "$work/app" --nologo -v quiet)
[ -f "$work/app/Tapback.dll" ] || fail "the publish made no Tapback.dll"
ok "'$publish' built $(ls "$work/app" | wc -l) files from a clean copy of the repository"
fi

echo "── 6. the image's runtime (by hand) against a throwaway PostgreSQL"
[ -n "$pg_bin" ] || fail "no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)"
mkdir -p "$work/pg" "$work/data"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$work/pg"; chmod 755 "$work"; fi
pg_port="$(free_port)"
run_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-sync --no-instructions >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/pg -c fsync=off" >/dev/null
run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q \
  -c "CREATE ROLE tapback LOGIN PASSWORD 'check'" -c "CREATE DATABASE tapback OWNER tapback"

# The node's environment: the base image's (ASPNETCORE_HTTP_PORTS), the image's own (Tapback.csproj's
# ContainerEnvironmentVariable items), then the compose file's x-node environment (the password as
# TAPBACK_DB_PASSWORD gives it), with the two container names pointed at this machine: the database
# at 127.0.0.1:$pg_port, and port 8080 moved to a free port.
app_port="$(free_port)"
admin_token="check-admin-token-$(python3 -c "import secrets; print(secrets.token_hex(16))")"
mapfile -t environment < <(TAPBACK_DB_PASSWORD=check TAPBACK_ADMIN_TOKEN="$admin_token" PG_PORT="$pg_port" APP_PORT="$app_port" DATA="$work/data" python3 - <<'EOF'
import os, re, yaml
import xml.etree.ElementTree as ET
env = {"ASPNETCORE_HTTP_PORTS": "8080"}
for item in ET.parse("src/Tapback/Tapback.csproj").getroot().iter("ContainerEnvironmentVariable"):
    env[item.get("Include")] = item.get("Value")
compose = yaml.safe_load(open("deploy/compose.yaml"))
for key, value in compose["x-node"]["environment"].items():
    value = re.sub(r"\$\{(\w+)(?::?[-?][^}]*)?\}", lambda m: os.environ.get(m.group(1), ""), str(value))
    env[key] = value
env["ConnectionStrings__Tapback"] = env["ConnectionStrings__Tapback"].replace("Host=db", f"Host=127.0.0.1;Port={os.environ['PG_PORT']}")
env["URLS"] = env["URLS"].replace("0.0.0.0:8080", f"127.0.0.1:{os.environ['APP_PORT']}")
env["Tapback__DataDirectory"] = os.environ["DATA"]
for key, value in env.items():
    print(f"{key}={value}")
EOF
)
shown="${environment[*]//Password=check/Password=…}"
echo "node environment: ${shown//$admin_token/…}"
# WorkingDir /app and Entrypoint ["dotnet", "/app/Tapback.dll"], as the image runs it.
(cd "$work/app" && exec env "${environment[@]}" dotnet "$work/app/Tapback.dll" >"$work/node.log" 2>&1) &
node_pid=$!
base="http://127.0.0.1:$app_port"
# A loaded machine may take a while to start .NET; the compose file's health probe retries the same way.
for _ in $(seq 1 240); do
  if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$node_pid" 2>/dev/null || fail "the node exited before it was healthy"
  sleep 0.5
done
curl -fsS "$base/healthz" >/dev/null 2>&1 || fail "GET /healthz did not answer 200 within 120 s"
ok "GET /healthz is 200"
curl -fsS "$base/readyz" >/dev/null || fail "GET /readyz did not answer 200"
ok "GET /readyz is 200"
dotnet "$work/app/Tapback.dll" healthcheck --url "$base/readyz" || fail "the compose file's health probe (tapback healthcheck) failed"
ok "the compose file's health probe, tapback healthcheck, exits 0"
# Behind its declared load balancer the node is on the network: the simulator takes the admin token.
anonymous="$(curl -sS -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -d '{"from":"+15550000001","text":"hello","eventId":"check-0"}' "$base/api/simulator/messages")"
[ "$anonymous" = 401 ] || fail "the simulator answered $anonymous to a caller without the admin token (expected 401)"
ok "the simulator refuses a caller without the admin token (401)"
admin=(-H "Authorization: Bearer $admin_token")
curl -fsS "${admin[@]}" -H 'content-type: application/json' -d '{"from":"+15550000001","text":"hello","eventId":"check-1"}' "$base/api/simulator/messages" >/dev/null
for _ in $(seq 1 120); do
  if curl -fsS "${admin[@]}" "$base/api/simulator/conversations/%2B15550000001/events" | grep -q '"message.received"'; then break; fi
  sleep 0.5
done
curl -fsS "${admin[@]}" "$base/api/simulator/conversations/%2B15550000001/events" | grep -q '"message.received"' \
  || fail "the simulator message had no answer"
tables="$(run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d tapback -Atc "SELECT count(*) FROM messages")"
ok "a simulator message was answered, stored in PostgreSQL ($tables messages rows)"
stop_started=$SECONDS
kill -TERM "$node_pid"
for _ in $(seq 1 60); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$node_pid" 2>/dev/null; then fail "the node did not stop within 30 s of SIGTERM"; fi
wait "$node_pid" && status=0 || status=$?
node_pid=""
[ "$status" -eq 0 ] || fail "the node exited with $status after SIGTERM"
ok "SIGTERM stopped the node with exit code 0 in $((SECONDS - stop_started)) s (docker stop waits 10 s, the systemd unit 30 s)"
echo "All deploy checks passed."
