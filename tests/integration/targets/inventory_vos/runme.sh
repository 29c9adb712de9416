#!/usr/bin/env bash
# Golden-file test of the broadcast.video.vos inventory plugin against the VOS simulator.
#
#   1. plain config          -> files/golden.json
#   2. constructed config    -> files/golden-constructed.json (keyed_groups, groups, compose)
#   3. prefix/want options   -> files/golden-prefix.json (hostvars_prefix, want_nodes: false)
#   4. cache: the second run sends no device request; a cloud link deleted behind the client's back stays until
#      --flush-cache, then disappears (and the refreshed cache no longer has it)
#   5. errors: wrong password, missing host, unreachable cluster -> non-zero exit, clear message, no secret
#
# By hand, from this directory (the repo must be reachable as ansible_collections/broadcast/video):
#   PATH=/path/to/venv/bin:$PATH ANSIBLE_COLLECTIONS_PATH=/tmp/dev ./runme.sh
# UPDATE_GOLDEN=1 rewrites the golden files from the current output instead of comparing.
set -eux
cd "$(dirname "$0")"
source ../setup_simulator/simulator.sh

PY=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/inventory_vos.XXXXXX")
cleanup() {
    stop_simulators
    rm -rf "$work"
}
trap cleanup EXIT

start_simulator vos --seed 1
trap cleanup EXIT

# A failing inventory source must fail ansible-inventory (the default only warns).
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true
export ANSIBLE_INVENTORY_ENABLED=auto
unset VOS_HOST VOS_PORT VOS_USERNAME VOS_PASSWORD VOS_CLIENT_ID VOS_CLIENT_SECRET VOS_AUTH_METHOD || true

source ../setup_simulator/inventory.sh

sim() {
    "$PY" files/sim_control.py "$SIM_URL" "$@"
}

connection="host: 127.0.0.1
port: $SIM_PORT
use_ssl: false
auth_method: basic
username: admin
password: admin-password"

# ------------------------------------------------------------------ 1. plain
cat >"$work/plain.vos.yml" <<YAML
plugin: broadcast.video.vos
$connection
YAML
sim clear-requests
ansible-inventory -i "$work/plain.vos.yml" --list >"$work/plain.json"
compare "$work/plain.json" files/golden.json
# Five lists, each read once, one login (Basic: no token request).
sim device-requests | sort >"$work/requests.txt"
cat "$work/requests.txt"
test "$(wc -l <"$work/requests.txt")" -eq 5
test "$(sort -u "$work/requests.txt" | wc -l)" -eq 5

# ------------------------------------------------------------------ 2. constructed
cat >"$work/constructed.vos.yml" <<YAML
plugin: broadcast.video.vos
$connection
strict: false
keyed_groups:
  - key: vos_state | lower
    prefix: state
  - key: vos_kind
    prefix: kind
  - key: vos_services | default([])
    prefix: service
groups:
  lost_cloud_links: vos_kind == 'cloud_link' and vos_state == 'LOST'
  busy_nodes: vos_kind == 'node' and vos_cpu_usage > 50
compose:
  memory_percent: (100 * vos_memory_usage / vos_memory_limit) | round(1)
  site: vos_group | default('none', true) | lower
YAML
ansible-inventory -i "$work/constructed.vos.yml" --list >"$work/constructed.json"
compare "$work/constructed.json" files/golden-constructed.json

# ------------------------------------------------------------------ 3. hostvars_prefix, want_nodes
cat >"$work/prefix.vos.yml" <<YAML
plugin: broadcast.video.vos
$connection
hostvars_prefix: link_
want_nodes: false
YAML
sim clear-requests
ansible-inventory -i "$work/prefix.vos.yml" --list >"$work/prefix.json"
compare "$work/prefix.json" files/golden-prefix.json
# want_nodes: false reads neither nodes nor services.
if sim device-requests | grep -E '/nodes|/services'; then
    fail "want_nodes: false still read nodes or services"
fi

# ------------------------------------------------------------------ 4. cache
cat >"$work/cached.vos.yml" <<YAML
plugin: broadcast.video.vos
$connection
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $work/cache
cache_timeout: 3600
YAML
sim clear-requests
ansible-inventory -i "$work/cached.vos.yml" --list >"$work/cached1.json"
compare "$work/cached1.json" files/golden.json
test "$(sim device-requests | wc -l)" -gt 0
test -n "$(find "$work/cache" -type f)" || fail "the cache plugin wrote no file"

sim clear-requests
ansible-inventory -i "$work/cached.vos.yml" --list >"$work/cached2.json"
compare "$work/cached2.json" files/golden.json
sim device-requests >"$work/requests.txt"
if [ -s "$work/requests.txt" ]; then
    echo "the cached run sent device requests:" >&2
    cat "$work/requests.txt" >&2
    exit 1
fi

# Remove dfw-cloudlink-02 behind the client's back: the cache still has it until it is flushed.
lost_id=$("$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))["_meta"]["hostvars"]["dfw-cloudlink-02"]["vos_id"]
print(d["__ansible_unsafe"] if isinstance(d, dict) else d)' "$work/cached2.json")
sim delete uplinks "$lost_id"
ansible-inventory -i "$work/cached.vos.yml" --list >"$work/cached3.json"
hosts_of "$work/cached3.json" | grep -qx dfw-cloudlink-02 || fail "the cached run did not use the cache"

sim clear-requests
ansible-inventory -i "$work/cached.vos.yml" --list --flush-cache >"$work/flushed.json"
test "$(sim device-requests | wc -l)" -gt 0
hosts_of "$work/flushed.json" >"$work/hosts.txt"
cat "$work/hosts.txt"
if grep -qx dfw-cloudlink-02 "$work/hosts.txt"; then
    fail "dfw-cloudlink-02 was deleted but is still a host after --flush-cache"
fi
grep -qx dfw-cloudlink-01 "$work/hosts.txt"
if grep -q vos_cloud_link_group_dfw_cl_group_b "$work/flushed.json"; then
    fail "the emptied cloud-link group is still a group after --flush-cache"
fi

# The refreshed cache is used again, without the stale cloud link.
sim clear-requests
ansible-inventory -i "$work/cached.vos.yml" --list >"$work/cached4.json"
test "$(sim device-requests | wc -l)" -eq 0 || fail "the run after --flush-cache did not use the refreshed cache"
"$PY" "$INVENTORY_COMPARE" "$work/cached4.json" "$work/flushed.json"

# ------------------------------------------------------------------ 5. errors
cat >"$work/badpass.vos.yml" <<YAML
plugin: broadcast.video.vos
host: 127.0.0.1
port: $SIM_PORT
use_ssl: false
username: admin
password: Wr0ng-Secret-4711
YAML
expect_failure "$work/badpass.vos.yml" "VOS refused username 'admin' (HTTP 403" Wr0ng-Secret-4711

cat >"$work/nohost.vos.yml" <<YAML
plugin: broadcast.video.vos
use_ssl: false
username: admin
password: Wr0ng-Secret-4711
YAML
expect_failure "$work/nohost.vos.yml" "host is required" Wr0ng-Secret-4711

cat >"$work/nocreds.vos.yml" <<YAML
plugin: broadcast.video.vos
host: 127.0.0.1
port: $SIM_PORT
use_ssl: false
YAML
expect_failure "$work/nocreds.vos.yml" "auth_method=basic needs username, password"

# A port nobody listens on: the simulator's port after it stopped would race; use a freshly closed socket.
closed_port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat >"$work/unreachable.vos.yml" <<YAML
plugin: broadcast.video.vos
host: 127.0.0.1
port: $closed_port
use_ssl: false
username: admin
password: Wr0ng-Secret-4711
retries: 0
connect_timeout: 2
YAML
expect_failure "$work/unreachable.vos.yml" "127.0.0.1:$closed_port" Wr0ng-Secret-4711

echo "inventory_vos: all checks passed"
