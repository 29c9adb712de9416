#!/usr/bin/env bash
# Diagnostics and failure handling of the HMP modules against the simulator:
#
#   remap.yml         endpoint_paths: a path remapped to another served path is read there, a wrong one is asked
#                     there (the request log shows it), sub-resources follow their base path, the defaults work
#   unavailable.yml   scripted faults: 503 and dropped connections on GET retried, then success or one clear error;
#                     a POST never retried blindly; a slow server times out; an unreachable port names host and cause
#   drift.yml         run with --check --diff: state overridden lists exactly the creates, changes and removals,
#                     and nothing is written
#   vvv.yml           run with -vvv: http_log has method, path, status and duration_ms per request, and matches the
#                     simulator's request log; endpoints counts calls and errors
#   secrets.yml       run with -vvvv through a tap proxy that notes every session cookie and bearer token: neither
#                     the password, the API secret, the SRT passphrase nor any cookie or token value is in the output
#   stale.yml         items deleted on the server are gone from the next facts
#   deps.yml          modules run by a Python without requests fail with missing_required_lib's message
#   the inventory plugin with endpoint_paths (a wrong devices path fails naming it; the default works), and with its
#   cache: a box removed from the server stays in the cached run and is gone after --flush-cache
set -eux
source ../setup_simulator/simulator.sh
py=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/hmp-diagnostics.XXXXXX")
unset HMP_HOST HMP_PORT HMP_USE_SSL HMP_USERNAME HMP_PASSWORD HMP_API_KEY HMP_API_SECRET HMP_AUTH_METHOD || true

# A slow server first (each answer after 3 s), for the timeout; then the main one.
start_simulator hmp --latency-ms 3000
slow_port=$SIM_PORT
start_simulator hmp

vars=(-e "sim_url=$SIM_URL sim_port=$SIM_PORT slow_port=$slow_port")

run() {  # run LOG PLAYBOOK [ansible-playbook args...]: keep the output, show it on failure
    local log=$1
    shift
    ANSIBLE_NOCOLOR=1 ansible-playbook -i "${INVENTORY_PATH}" "$@" >"$log" 2>&1 || {
        cat "$log"
        exit 1
    }
}

run "$work/remap.log" remap.yml "${vars[@]}" "$@"
run "$work/unavailable.log" unavailable.yml "${vars[@]}" "$@"
run "$work/drift.log" drift.yml --check --diff "${vars[@]}" "$@"
# the diff is printed for the user too
grep -F "source 'Studio A Camera' (deleted)" "$work/drift.log"
grep -F "session 'Rehearsal Room' (absent)" "$work/drift.log"
run "$work/vvv.log" vvv.yml -vvv "${vars[@]}" "$@"
grep -F '"duration_ms"' "$work/vvv.log"

# Secrets at -vvvv, through a tap that writes down every cookie and token value that crosses the wire.
"$py" ../setup_simulator/files/tap_proxy.py "$SIM_PORT" "$work/tap.port" "$work/tapped.txt" 2>"$work/tap.err" &
tap_pid=$!
trap 'kill "$tap_pid" 2>/dev/null || true; stop_simulators' EXIT
for _try in $(seq 1 100); do
    [ -s "$work/tap.port" ] && break
    sleep 0.1
done
cat >"$work/secrets.json" <<'JSON'
{"secret_password": "hmp-password", "secret_api_key": "hmp-api-key", "secret_api_secret": "hmp-api-secret",
 "secret_passphrase": "srt-Diagnostics-passphrase-s3cret"}
JSON
run "$work/vvvv.log" secrets.yml -vvvv "${vars[@]}" -e "tap_port=$(cat "$work/tap.port")" -e "@$work/secrets.json" "$@"
grep -q "secrets.yml" "$work/vvvv.log"
grep -q "Gathered through a session expiry" "$work/vvvv.log"
# at least: three cookie sessions (one re-login after the expiry), one for the failing task, one API-key token
test "$(wc -l <"$work/tapped.txt")" -ge 5
for secret in hmp-password hmp-api-key hmp-api-secret srt-Diagnostics-passphrase-s3cret rendezvous-secret $(cat "$work/tapped.txt"); do
    if grep -n -F -- "$secret" "$work/vvvv.log"; then
        echo "secret '$secret' leaked into -vvvv output" >&2
        exit 1
    fi
done
echo "no secret (password, API key and secret, SRT passphrases, $(wc -l <"$work/tapped.txt") cookie/token values) in $(wc -l <"$work/vvvv.log") lines of -vvvv output"

run "$work/stale.log" stale.yml "${vars[@]}" "$@"

# A Python without the requests library (a fresh venv without site packages).
"$py" -m venv --without-pip "$work/bare"
"$work/bare/bin/python" -c 'import requests' 2>/dev/null && { echo "the bare venv has requests" >&2; exit 1; }
run "$work/deps.log" deps.yml "${vars[@]}" -e "bare_python=$work/bare/bin/python" "$@"

# The inventory plugin takes endpoint_paths too.
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true ANSIBLE_INVENTORY_ENABLED=auto
inventory() {  # inventory NAME ENDPOINT_PATHS_YAML
    cat >"$work/$1.hmp.yml" <<YAML
plugin: broadcast.video.hmp
host: 127.0.0.1
port: $SIM_PORT
use_ssl: false
username: haiadmin
password: hmp-password
endpoint_paths: $2
YAML
    printf '%s\n' "$work/$1.hmp.yml"
}
sim() {  # sim METHOD PATH: call the simulator's control API, print the answer
    "$py" -c 'import sys, urllib.request
print(urllib.request.urlopen(urllib.request.Request(sys.argv[2], method=sys.argv[1])).read().decode())' "$1" "$SIM_URL/__sim__/$2"
}
sim DELETE requests >/dev/null
if ansible-inventory -i "$(inventory wrong '{devices: /apis/v2/stbs}')" --list >"$work/inv-wrong.json" 2>"$work/inv-wrong.err"; then
    echo "an inventory with a wrong devices path succeeded" >&2
    exit 1
fi
grep -F "/apis/v2/stbs" "$work/inv-wrong.err"
sim GET requests >"$work/inv-log.json"
"$py" - "$work/inv-log.json" <<'PY'
import json, sys
paths = [r["path"] for r in json.load(open(sys.argv[1])) if r["method"] == "GET"]
assert paths == ["/apis/v2/stbs"], paths
PY
ansible-inventory -i "$(inventory default '{devices: /apis/devices/stbs, login: /apis/authentication/login}')" --list >"$work/inv-default.json"
"$py" - "$work/inv-default.json" <<'PY'
import json, sys
hosts = json.load(open(sys.argv[1]))["hmp_stbs"]["hosts"]
assert len(hosts) == 35, len(hosts)  # stale.yml removed one
PY

# stale-items: the inventory cache, then --flush-cache, after a box is removed on the server (stale.yml removed
# 'Floor 2 Screen 003' already; this removes 'Lobby Screen 005').
cat >"$work/cached.hmp.yml" <<YAML
plugin: broadcast.video.hmp
host: 127.0.0.1
port: $SIM_PORT
use_ssl: false
username: haiadmin
password: hmp-password
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $work/inventory-cache
cache_timeout: 3600
YAML
host_count() {  # host_count INVENTORY_JSON [HOST]: the number of hosts, or 1/0 for whether HOST is one
    "$py" -c 'import json, sys
hosts = json.load(open(sys.argv[1]))["hmp_stbs"]["hosts"]
print(len(hosts) if len(sys.argv) < 3 else int(sys.argv[2] in hosts))' "$@"
}
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cache-fill.json"
test "$(host_count "$work/cache-fill.json")" -eq 35  # stale.yml removed one
box=$("$py" -c 'import json, sys
box = json.load(open(sys.argv[1]))["_meta"]["hostvars"]["Lobby Screen 005"]["hmp_id"]
print(box["__ansible_unsafe"] if isinstance(box, dict) else box)' "$work/cache-fill.json")
sim DELETE "items/stbs/$box" >/dev/null
sim DELETE requests >/dev/null
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cached.json"
test "$(host_count "$work/cached.json" 'Lobby Screen 005')" -eq 1
test "$(sim GET requests)" = "[]"
ansible-inventory -i "$work/cached.hmp.yml" --list --flush-cache >"$work/flushed.json"
test "$(host_count "$work/flushed.json" 'Lobby Screen 005')" -eq 0
test "$(host_count "$work/flushed.json")" -eq 34
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/after-flush.json"
test "$(host_count "$work/after-flush.json" 'Lobby Screen 005')" -eq 0
echo "hmp_diagnostics: all checks passed"
