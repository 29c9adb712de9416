#!/usr/bin/env bash
# Golden-file test of the broadcast.video.hmp inventory plugin against the HMP simulator (24 set-top boxes, seed 1:
# Online, Standby, Warning, Offline and one Never box without IP address or channel).
#
#   1. plain config           -> files/golden.json; one login, one read of the boxes, one logout
#   2. credentials from HMP_* environment variables, and a vault-encrypted password -> files/golden.json
#   3. constructed config     -> files/golden-constructed.json (keyed_groups, groups, compose)
#   4. filters and prefix     -> files/golden-filtered.json (device_types, tags, hostvars_prefix); the query sent
#   5. cache: the second run sends no request at all; a box going Offline stays Online in the cached run but shows
#      in the next uncached run and after --flush-cache; other filters in the cached file read the server again
#   6. errors: wrong password, missing host or credentials, secret template, bad options, unreachable server ->
#      non-zero exit, clear message, no secret, no traceback
#
# hmp_last_connected_at is a clock time (the simulator seeds it relative to now): its non-null values are masked.
#
# By hand, from this directory (the repo must be reachable as ansible_collections/broadcast/video):
#   PATH=/path/to/venv/bin:$PATH ANSIBLE_COLLECTIONS_PATH=/tmp/dev ./runme.sh
# UPDATE_GOLDEN=1 rewrites the golden files from the current output instead of comparing.
set -eux
cd "$(dirname "$0")"
source ../setup_simulator/simulator.sh

PY=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/inventory_hmp.XXXXXX")
cleanup() {
    stop_simulators
    rm -rf "$work"
}
trap cleanup EXIT

start_simulator hmp --stbs 24 --seed 1
trap cleanup EXIT

# A failing inventory source must fail ansible-inventory (the default only warns).
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true
export ANSIBLE_INVENTORY_ENABLED=auto
unset HMP_HOST HMP_PORT HMP_USE_SSL HMP_USERNAME HMP_PASSWORD HMP_API_KEY HMP_API_SECRET HMP_AUTH_METHOD || true

source ../setup_simulator/inventory.sh
export INVENTORY_MASK='.*_last_connected_at'

hostvar() {  # hostvar ACTUAL HOST VAR: one host variable as JSON
    "$PY" -c 'import json, sys
sys.path.insert(0, "../setup_simulator/files")
from compare_inventory_json import load, normalise
print(json.dumps(normalise(load(sys.argv[1]))["_meta"]["hostvars"][sys.argv[2]].get(sys.argv[3])))' "$@"
}

group_hosts() {  # group_hosts ACTUAL GROUP: the group's hosts, one per line
    "$PY" -c 'import json, sys
print("\n".join(sorted((json.load(open(sys.argv[1])).get(sys.argv[2]) or {}).get("hosts") or [])))' "$@"
}

sim() {
    "$PY" files/hmp_sim.py "$SIM_URL" "$@"
}

connection="host: 127.0.0.1
port: $SIM_PORT
use_ssl: false"
credentials="username: haiadmin
password: hmp-password"

# ------------------------------------------------------------------ 1. plain
cat >"$work/plain.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
$credentials
YAML
sim clear-requests
ansible-inventory -i "$work/plain.hmp.yml" --list >"$work/plain.json"
compare "$work/plain.json" files/golden.json
sim device-requests >"$work/requests.txt"
cat "$work/requests.txt"
# login, one page of boxes (all 24 fit in one 500-box page), logout
test "$(wc -l <"$work/requests.txt")" -eq 3
grep -qx 'POST /apis/authentication/login {}' "$work/requests.txt"
grep -qx 'GET /apis/devices/stbs {"page": "1", "pageSize": "500"}' "$work/requests.txt"
grep -qx 'DELETE /apis/authentication/login {}' "$work/requests.txt"
test "$(hosts_of "$work/plain.json" | wc -l)" -eq 24
if grep -qi -e adminPin -e admin_pin "$work/plain.json"; then
    fail "the admin PIN of a box is exposed"
fi
# The Never box: no IP address (so no ansible_host), no channel, never connected.
test "$(hostvar "$work/plain.json" 'Floor 2 Screen 024' hmp_status)" = '"Never"'
test "$(hostvar "$work/plain.json" 'Floor 2 Screen 024' ansible_host)" = null
test "$(hostvar "$work/plain.json" 'Floor 2 Screen 024' hmp_channel)" = null
test "$(hostvar "$work/plain.json" 'Floor 2 Screen 024' hmp_last_connected_at)" = null
hostvar "$work/plain.json" 'Lobby Screen 001' hmp_last_connected_at | grep -qE '^[0-9]{13}$' \
    || fail "hmp_last_connected_at is not epoch milliseconds"

# ------------------------------------------------------------------ 2. environment and vault
cat >"$work/env.hmp.yml" <<YAML
plugin: broadcast.video.hmp
YAML
HMP_HOST=127.0.0.1 HMP_PORT=$SIM_PORT HMP_USE_SSL=false HMP_USERNAME=haiadmin HMP_PASSWORD=hmp-password \
    ansible-inventory -i "$work/env.hmp.yml" --list >"$work/env.json"
compare "$work/env.json" files/golden.json

printf '%s\n' 'inventory-hmp-vault-pass' >"$work/vault-pass"
{
    echo "plugin: broadcast.video.hmp"
    echo "$connection"
    echo "username: haiadmin"
    ansible-vault encrypt_string --vault-password-file "$work/vault-pass" --name password hmp-password
} >"$work/vault.hmp.yml"
grep -q '!vault' "$work/vault.hmp.yml"
ansible-inventory -i "$work/vault.hmp.yml" --vault-password-file "$work/vault-pass" --list >"$work/vault.json"
compare "$work/vault.json" files/golden.json

# ------------------------------------------------------------------ 3. constructed
cat >"$work/constructed.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
$credentials
strict: false
keyed_groups:
  - key: hmp_firmware
    prefix: firmware
  - key: hmp_channel.type | default('none', true)
    prefix: channel
  - key: hmp_tags
    prefix: tagged
groups:
  attention: hmp_status in ['Offline', 'Warning', 'Never'] or hmp_muted
  quiet: hmp_volume is number and hmp_volume < 0.5
compose:
  volume_percent: (100 * hmp_volume) | int
  now_playing: hmp_channel.name if hmp_channel else 'nothing'
  # fails on the Never box (no channel) and, with strict false, is skipped there
  channel_id: hmp_channel.id
YAML
ansible-inventory -i "$work/constructed.hmp.yml" --list >"$work/constructed.json"
compare "$work/constructed.json" files/golden-constructed.json

# ------------------------------------------------------------------ 4. filters and hostvars_prefix
cat >"$work/filtered.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
$credentials
hostvars_prefix: stb_
device_types: [play_stb_2000, play_stb_4000]
tags: [lobby, boardroom]
YAML
sim clear-requests
ansible-inventory -i "$work/filtered.hmp.yml" --list >"$work/filtered.json"
compare "$work/filtered.json" files/golden-filtered.json
sim device-requests >"$work/requests.txt"
cat "$work/requests.txt"
grep -qxF 'GET /apis/devices/stbs {"deviceTypes": "[\"play_stb_2000\",\"play_stb_4000\"]", "page": "1", "pageSize": "500", "tags": "lobby,boardroom"}' \
    "$work/requests.txt" || fail "the filters were not sent as deviceTypes (JSON array) and tags (comma list)"
"$PY" -c 'import json, sys
names = {n for v in json.load(open(sys.argv[1]))["_meta"]["hostvars"].values() for n in v}
print("\n".join(sorted(names)))' "$work/filtered.json" >"$work/varnames.txt"
cat "$work/varnames.txt"
if grep -v -e '^stb_' -e '^ansible_host$' "$work/varnames.txt"; then
    fail "hostvars_prefix stb_: variables without the prefix"
fi

# ------------------------------------------------------------------ 5. cache
cached_config() {  # cached_config [EXTRA YAML]
    cat >"$work/cached.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
$credentials
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $work/cache
cache_timeout: 3600
${1:-}
YAML
}
cached_config
sim clear-requests
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cached1.json"
compare "$work/cached1.json" files/golden.json
test "$(sim device-requests | wc -l)" -gt 0
test -n "$(find "$work/cache" -type f)" || fail "the cache plugin wrote no file"
if grep -rqi -e adminPin -e hmp-password "$work/cache"; then
    fail "the cache holds the admin PIN or the password"
fi

sim clear-requests
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cached2.json"
compare "$work/cached2.json" files/golden.json
sim device-requests >"$work/requests.txt"
if [ -s "$work/requests.txt" ]; then
    echo "the cached run sent requests:" >&2
    cat "$work/requests.txt" >&2
    exit 1
fi

# Lobby Screen 001 goes Offline behind the client's back.
test "$(hostvar "$work/cached2.json" 'Lobby Screen 001' hmp_status)" = '"Online"'
sim set-status 'Lobby Screen 001' Offline
sim clear-requests
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cached3.json"
test "$(sim device-requests | wc -l)" -eq 0 || fail "the cached run sent requests"
test "$(hostvar "$work/cached3.json" 'Lobby Screen 001' hmp_status)" = '"Online"' || fail "the cached run did not use the cache"

# The next uncached run shows it.
ansible-inventory -i "$work/plain.hmp.yml" --list >"$work/offline.json"
test "$(hostvar "$work/offline.json" 'Lobby Screen 001' hmp_status)" = '"Offline"' || fail "the box is not Offline"
group_hosts "$work/offline.json" hmp_status_offline | grep -qx 'Lobby Screen 001' || fail "the box is not in hmp_status_offline"
if group_hosts "$work/offline.json" hmp_status_online | grep -qx 'Lobby Screen 001'; then
    fail "the Offline box is still in hmp_status_online"
fi

# --flush-cache reads the server again and refreshes the cache, which the next run uses.
sim clear-requests
ansible-inventory -i "$work/cached.hmp.yml" --list --flush-cache >"$work/flushed.json"
test "$(sim device-requests | wc -l)" -gt 0 || fail "--flush-cache did not read the server"
test "$(hostvar "$work/flushed.json" 'Lobby Screen 001' hmp_status)" = '"Offline"'
sim clear-requests
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cached4.json"
test "$(sim device-requests | wc -l)" -eq 0 || fail "the run after --flush-cache did not use the refreshed cache"
"$PY" "$INVENTORY_COMPARE" "$work/cached4.json" "$work/flushed.json"

# The same file with other filters: the cache entry does not cover them, so the server is read again.
cached_config "device_types: [calypso_stb]"
sim clear-requests
ansible-inventory -i "$work/cached.hmp.yml" --list >"$work/cached5.json"
test "$(sim device-requests | grep -c 'GET /apis/devices/stbs')" -eq 1 || fail "changed filters were served from the cache"
hosts_of "$work/cached5.json" >"$work/hosts.txt"
cat "$work/hosts.txt"
test "$(wc -l <"$work/hosts.txt")" -eq 3
test "$(group_hosts "$work/cached5.json" hmp_type_calypso_stb | wc -l)" -eq 3

# ------------------------------------------------------------------ 6. errors
cat >"$work/badpass.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
username: haiadmin
password: Wr0ng-Secret-4711
YAML
expect_failure "$work/badpass.hmp.yml" "broadcast.video.hmp: HMP refused username 'haiadmin' (HTTP 401, code 020002 InvalidCredentials)" Wr0ng-Secret-4711

cat >"$work/nohost.hmp.yml" <<YAML
plugin: broadcast.video.hmp
use_ssl: false
username: haiadmin
password: Wr0ng-Secret-4711
YAML
expect_failure "$work/nohost.hmp.yml" "broadcast.video.hmp: host is required" Wr0ng-Secret-4711

cat >"$work/nocreds.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
YAML
expect_failure "$work/nocreds.hmp.yml" "auth_method=session needs username and password"

cat >"$work/nokey.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
auth_method: api_key
api_key: Wr0ng-Key-4711
YAML
expect_failure "$work/nokey.hmp.yml" "auth_method=api_key needs api_secret" Wr0ng-Key-4711

# A secret option whose template fails: the message names the option, never the templating error (it may quote it).
cat >"$work/badtemplate.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
username: haiadmin
password: "{{ Wr0ng_Secret_4711 }}"
YAML
expect_failure "$work/badtemplate.hmp.yml" "broadcast.video.hmp: could not template option password" Wr0ng_Secret_4711

cat >"$work/badprefix.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
$credentials
hostvars_prefix: "1-bad"
YAML
expect_failure "$work/badprefix.hmp.yml" "broadcast.video.hmp: hostvars_prefix '1-bad' must start with a letter or _"

cat >"$work/badtag.hmp.yml" <<YAML
plugin: broadcast.video.hmp
$connection
$credentials
tags: ["lobby,floor-1"]
YAML
expect_failure "$work/badtag.hmp.yml" "broadcast.video.hmp: tags: 'lobby,floor-1' is not a valid tag (no commas)"

# A port nobody listens on: a freshly closed socket.
closed_port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat >"$work/unreachable.hmp.yml" <<YAML
plugin: broadcast.video.hmp
host: 127.0.0.1
port: $closed_port
use_ssl: false
username: haiadmin
password: Wr0ng-Secret-4711
retries: 0
connect_timeout: 2
YAML
expect_failure "$work/unreachable.hmp.yml" "127.0.0.1:$closed_port" Wr0ng-Secret-4711

# A file whose name does not end with hmp.yml is not ours (the auto plugin finds no plugin for it).
cp "$work/plain.hmp.yml" "$work/plain.yml"
ansible-inventory -i "$work/plain.yml" --list -vvv >"$work/out.txt" 2>&1 || true
grep -qF "broadcast.video.hmp: skipping $work/plain.yml: the file name must end with hmp.yml or hmp.yaml" "$work/out.txt" \
    || { cat "$work/out.txt"; fail "a file not ending with hmp.yml was not skipped"; }

echo "inventory_hmp: all checks passed"
