#!/usr/bin/env bash
# The broadcast.video.dms inventory plugin against the DMS simulator (40 devices, seed 1; then 2,500 for paging),
# through real ansible-inventory and ansible runs on loopback.
#
#   1. plain config -> files/golden.json, and the same inventory derived independently from the simulator's state
#      (files/dms_sim.py check: hosts, every host variable, ansible_host only with an address, every dms_* group);
#      one login, one device page, one groups page; credentials from DMS_* variables; host patterns with ansible
#   2. filters: group, region + status, model -> exactly the matching devices, filtered by the server (every device
#      request carries the filter; no unfiltered device page)
#   3. cache (jsonfile): the second run sends no request at all and lists the same inventory (a change behind the
#      client's back stays hidden until --flush-cache); an entry written with other filters is not used
#   4. constructed (keyed_groups, groups, compose) and hostvars_prefix
#   5. errors: wrong password (no secret in the output), bad hostvars_prefix, unknown or bad filters, wrong
#      endpoint_paths.devices, unreachable server -> non-zero exit, clear message, no traceback
#   6. display_key: custom_description (falling back to the id), serial_number; two devices with one description
#      -> the second is skipped with a warning
#   7. paging: 2,500 devices, page_size 1000 -> 1 login, 3 device pages (2 and 3 after 1), 1 groups page
#
# Nothing is masked: the simulator counts dms_last_seen back from a fixed reference time, so every value is stable.
#
# By hand, from this directory (the repo must be reachable as ansible_collections/broadcast/video):
#   PATH=/path/to/venv/bin:$PATH ANSIBLE_COLLECTIONS_PATH=/tmp/dev ./runme.sh
# UPDATE_GOLDEN=1 rewrites files/golden.json from the current output instead of comparing (check the result with
# files/dms_sim.py check, which this script runs as well).
set -eux
cd "$(dirname "$0")"
source ../setup_simulator/simulator.sh

PY=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/inventory_dms.XXXXXX")
cleanup() {
    stop_simulators
    rm -rf "$work"
}
trap cleanup EXIT

start_simulator dms --devices 40 --seed 1
trap cleanup EXIT

# A failing inventory source must fail ansible-inventory (the default only warns).
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true
export ANSIBLE_INVENTORY_ENABLED=auto
unset DMS_HOST DMS_PORT DMS_USE_SSL DMS_VALIDATE_CERTS DMS_CA_PATH DMS_USERNAME DMS_PASSWORD || true

source ../setup_simulator/inventory.sh
export INVENTORY_MASK=''

sim() {
    "$PY" files/dms_sim.py "$SIM_URL" "$@"
}

device_requests() {  # the logged device page requests
    sim requests | grep '^GET /api/v1/devices ' || true
}

hostvar() {  # hostvar ACTUAL HOST VAR: one host variable as JSON (null when unset)
    "$PY" -c 'import json, sys
sys.path.insert(0, "../setup_simulator/files")
from compare_inventory_json import load, normalise
print(json.dumps(normalise(load(sys.argv[1]))["_meta"]["hostvars"][sys.argv[2]].get(sys.argv[3])))' "$@"
}

group_hosts() {  # group_hosts ACTUAL GROUP: the group's hosts, one per line
    "$PY" -c 'import json, sys
print("\n".join(sorted((json.load(open(sys.argv[1])).get(sys.argv[2]) or {}).get("hosts") or [])))' "$@"
}

config() {  # config NAME [EXTRA YAML]: writes $work/NAME.dms.yml (the running simulator, default credentials)
    cat >"$work/$1.dms.yml" <<YAML
plugin: broadcast.video.dms
host: 127.0.0.1
port: $SIM_PORT
use_ssl: false
username: dmsadmin
password: dms-password
${2:-}
YAML
}

# ------------------------------------------------------------------ 1. plain
config plain
sim clear-requests
ansible-inventory -i "$work/plain.dms.yml" --list >"$work/plain.json"
compare "$work/plain.json" files/golden.json
sim check "$work/plain.json"
sim requests >"$work/requests.txt"
cat "$work/requests.txt"
test "$(wc -l <"$work/requests.txt")" -eq 3
grep -qx 'POST /api/v1/auth/login {}' "$work/requests.txt"
grep -qx 'GET /api/v1/devices {"page": "1", "pageSize": "1000"}' "$work/requests.txt"
grep -qx 'GET /api/v1/groups {"page": "1", "pageSize": "1000"}' "$work/requests.txt"
test "$(hosts_of "$work/plain.json" | wc -l)" -eq 40
# ansible_host exactly for the devices with an address (the offline ones have none).
"$PY" -c 'import json, sys
sys.path.insert(0, "../setup_simulator/files")
from compare_inventory_json import load, normalise
hostvars = normalise(load(sys.argv[1]))["_meta"]["hostvars"]
with_address = {h for h, v in hostvars.items() if v["dms_ip_address"]}
with_host = {h for h, v in hostvars.items() if "ansible_host" in v}
assert with_host == with_address, (with_host ^ with_address)
assert all(v["ansible_host"] == v["dms_ip_address"] for h, v in hostvars.items() if h in with_host)
assert 0 < len(with_host) < len(hostvars), len(with_host)
assert all(v["dms_status"] == "offline" for h, v in hostvars.items() if h not in with_host)' "$work/plain.json"
test "$(hostvar "$work/plain.json" dev-000001 dms_status)" = '"offline"'
test "$(hostvar "$work/plain.json" dev-000001 ansible_host)" = null
test "$(hostvar "$work/plain.json" dev-000002 ansible_host)" = '"10.120.1.2"'
test "$(hostvar "$work/plain.json" dev-000002 dms_groups)" = '["region-coastal", "sports"]'
test "$(group_hosts "$work/plain.json" dms_status_offline | tr '\n' ' ')" = 'dev-000001 dev-000012 dev-000033 '

# The connection and credentials from DMS_* environment variables.
printf 'plugin: broadcast.video.dms\n' >"$work/env.dms.yml"
DMS_HOST=127.0.0.1 DMS_PORT=$SIM_PORT DMS_USE_SSL=false DMS_USERNAME=dmsadmin DMS_PASSWORD=dms-password \
    ansible-inventory -i "$work/env.dms.yml" --list >"$work/env.json"
compare "$work/env.json" files/golden.json

# Host patterns of ansible itself over the inventory's groups, and a host variable in a task.
ansible -i "$work/plain.dms.yml" 'dms_group_sports:&dms_status_online' --list-hosts >"$work/hosts.txt"
cat "$work/hosts.txt"
"$PY" -c 'import json, sys
data = json.load(open(sys.argv[1]))
want = sorted(set(data["dms_group_sports"]["hosts"]) & set(data["dms_status_online"]["hosts"]))
got = sorted(line.strip() for line in open(sys.argv[2]) if line.startswith("    "))
assert want and got == want, (got, want)' "$work/plain.json" "$work/hosts.txt"
ansible -i "$work/plain.dms.yml" dev-000002 -c local -m ansible.builtin.debug \
    -a '{"msg": "{{ ansible_host }} {{ dms_model }} {{ dms_groups | join(\",\") }}"}' >"$work/debug.txt"
cat "$work/debug.txt"
grep -qF '"msg": "10.120.1.2 ProView 7100 region-coastal,sports"' "$work/debug.txt"

# ------------------------------------------------------------------ 2. filters (server side)
config group "filters: {group: sports}"
sim clear-requests
ansible-inventory -i "$work/group.dms.yml" --list >"$work/group.json"
sim check "$work/group.json" --filter group=sports
device_requests >"$work/requests.txt"
cat "$work/requests.txt"
test "$(wc -l <"$work/requests.txt")" -eq 1
grep -qx 'GET /api/v1/devices {"group": "sports", "page": "1", "pageSize": "1000"}' "$work/requests.txt" \
    || fail "the group filter was not sent to the server"
test "$(hosts_of "$work/group.json" | tr '\n' ' ')" = "$(group_hosts "$work/plain.json" dms_group_sports | tr '\n' ' ')"

config region_status "filters:
  region: north
  status: online"
sim clear-requests
ansible-inventory -i "$work/region_status.dms.yml" --list >"$work/region_status.json"
sim check "$work/region_status.json" --filter region=north --filter status=online
device_requests >"$work/requests.txt"
cat "$work/requests.txt"
test "$(wc -l <"$work/requests.txt")" -eq 1
grep -qx 'GET /api/v1/devices {"page": "1", "pageSize": "1000", "region": "north", "status": "online"}' "$work/requests.txt" \
    || fail "the region and status filters were not sent to the server"
"$PY" -c 'import json, sys
data = json.load(open(sys.argv[1]))
want = sorted(set(data["dms_region_north"]["hosts"]) & set(data["dms_status_online"]["hosts"]))
got = sorted(json.load(open(sys.argv[2]))["_meta"]["hostvars"])
assert want and got == want, (got, want)' "$work/plain.json" "$work/region_status.json"

# A value with a space; firmware_version is sent as firmwareVersion.
config model "filters: {model: ProView 8130, firmware_version: 11.4.0.0}"
sim clear-requests
ansible-inventory -i "$work/model.dms.yml" --list >"$work/model.json"
sim check "$work/model.json" --filter 'model=ProView 8130' --filter firmware_version=11.4.0.0
device_requests >"$work/requests.txt"
cat "$work/requests.txt"
grep -qx 'GET /api/v1/devices {"firmwareVersion": "11.4.0.0", "model": "ProView 8130", "page": "1", "pageSize": "1000"}' \
    "$work/requests.txt" || fail "the model and firmware_version filters were not sent to the server"
test "$(hosts_of "$work/model.json" | wc -l)" -gt 0

# A filter no device matches: an empty inventory, not an error.
config nomatch "filters: {region: atlantis}"
ansible-inventory -i "$work/nomatch.dms.yml" --list >"$work/nomatch.json"
test -z "$(hosts_of "$work/nomatch.json")" || fail "filters {region: atlantis} gave hosts"

# ------------------------------------------------------------------ 3. cache
cached_config() {  # cached_config [EXTRA YAML]
    config cached "cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $work/cache
cache_timeout: 3600
${1:-}"
}
cached_config
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached1.json"
compare "$work/cached1.json" files/golden.json
test "$(device_requests | wc -l)" -eq 1 || fail "the first cached run did not read the server"
test -n "$(find "$work/cache" -type f)" || fail "the cache plugin wrote no file"
if grep -rqF dms-password "$work/cache"; then
    fail "the cache holds the password"
fi

sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached2.json"
compare "$work/cached2.json" files/golden.json
sim requests >"$work/requests.txt"
if [ -s "$work/requests.txt" ]; then
    cat "$work/requests.txt" >&2
    fail "the cached run sent requests"
fi

# dev-000002 moves behind the client's back: the cached run still shows the old location.
old_location=$(hostvar "$work/plain.json" dev-000002 dms_location)
sim set-device '{"id": "dev-000002", "location": "Moved behind the cache"}'
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached3.json"
test "$(sim requests | wc -l)" -eq 0 || fail "the cached run sent requests"
test "$(hostvar "$work/cached3.json" dev-000002 dms_location)" = "$old_location" || fail "the cached run did not use the cache"

# --flush-cache reads the server again and refreshes the entry, which the next run uses.
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list --flush-cache >"$work/flushed.json"
test "$(device_requests | wc -l)" -eq 1 || fail "--flush-cache did not read the server"
test "$(hostvar "$work/flushed.json" dev-000002 dms_location)" = '"Moved behind the cache"'
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached4.json"
test "$(sim requests | wc -l)" -eq 0 || fail "the run after --flush-cache did not use the refreshed cache"
"$PY" "$INVENTORY_COMPARE" "$work/cached4.json" "$work/flushed.json"
sim set-device "{\"id\": \"dev-000002\", \"location\": $old_location}"

# The same file with other filters: the entry does not cover them, so the server is read (with the filter) again,
# and the entry written then does not cover the unfiltered configuration either.
cached_config "filters: {region: north}"
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached5.json"
device_requests >"$work/requests.txt"
cat "$work/requests.txt"
test "$(wc -l <"$work/requests.txt")" -eq 1 || fail "changed filters were served from the cache"
grep -q '"region": "north"' "$work/requests.txt"
sim check "$work/cached5.json" --filter region=north
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached6.json"
test "$(sim requests | wc -l)" -eq 0 || fail "the filtered entry was not used for the same filters"
"$PY" "$INVENTORY_COMPARE" "$work/cached6.json" "$work/cached5.json"
cached_config
sim clear-requests
ansible-inventory -i "$work/cached.dms.yml" --list >"$work/cached7.json"
test "$(device_requests | wc -l)" -eq 1 || fail "the entry of filters {region: north} was used without filters"
compare "$work/cached7.json" files/golden.json

# ------------------------------------------------------------------ 4. constructed, hostvars_prefix
config constructed "strict: false
keyed_groups:
  - key: dms_firmware_version
    prefix: firmware
  - key: dms_groups
    prefix: member
groups:
  alarmed: dms_active_alarm_count > 0
  schedulable: dms_allow_schedule_authorization
compose:
  site: dms_location.split(',')[0] if dms_location else 'unknown'
  short_id: dms_id | replace('dev-', '') | int
  # fails where there is no address (offline devices) and, with strict false, is skipped there
  subnet: dms_ip_address.split('.')[:3] | join('.')"
ansible-inventory -i "$work/constructed.dms.yml" --list >"$work/constructed.json"
"$PY" - "$work/plain.json" "$work/constructed.json" <<'PYTHON'
import json
import re
import sys

sys.path.insert(0, "../setup_simulator/files")
from compare_inventory_json import expect_members, load, members, normalise  # noqa: E402

plain, constructed = normalise(load(sys.argv[1])), normalise(load(sys.argv[2]))
hostvars = plain["_meta"]["hostvars"]
got_vars = constructed["_meta"]["hostvars"]
assert sorted(got_vars) == sorted(hostvars)


def expect(group, hosts):
    expect_members(constructed, group, hosts)


for version in {v["dms_firmware_version"] for v in hostvars.values()}:
    expect("firmware_" + re.sub(r"[^A-Za-z0-9_]", "_", version),
           [h for h, v in hostvars.items() if v["dms_firmware_version"] == version])
for name in {g for v in hostvars.values() for g in v["dms_groups"]}:
    expect("member_" + re.sub(r"[^A-Za-z0-9_]", "_", name), [h for h, v in hostvars.items() if name in v["dms_groups"]])
expect("alarmed", [h for h, v in hostvars.items() if v["dms_active_alarm_count"] > 0])
expect("schedulable", [h for h, v in hostvars.items() if v["dms_allow_schedule_authorization"]])
for host, variables in hostvars.items():
    got = got_vars[host]
    assert got["site"] == (variables["dms_location"].split(",")[0] if variables["dms_location"] else "unknown"), host
    assert got["short_id"] == int(host[4:]), host
    if variables["dms_ip_address"]:
        assert got["subnet"] == ".".join(variables["dms_ip_address"].split(".")[:3]), host
    else:
        assert "subnet" not in got, host
    extra = {"site", "short_id", "subnet"}
    assert {k: v for k, v in got.items() if k not in extra} == variables, host
    # the plugin's own groups are unchanged
for group in [g for g in plain if g.startswith("dms_")]:
    assert members(constructed, group) == members(plain, group), group
print("constructed: OK")
PYTHON

config prefix "hostvars_prefix: edge_"
ansible-inventory -i "$work/prefix.dms.yml" --list >"$work/prefix.json"
sim check "$work/prefix.json" --prefix edge_
"$PY" -c 'import json, sys
names = {n for v in json.load(open(sys.argv[1]))["_meta"]["hostvars"].values() for n in v}
print("\n".join(sorted(names)))' "$work/prefix.json" >"$work/varnames.txt"
cat "$work/varnames.txt"
if grep -v -e '^edge_' -e '^ansible_host$' "$work/varnames.txt"; then
    fail "hostvars_prefix edge_: variables without the prefix"
fi
grep -qx edge_groups "$work/varnames.txt"

# ------------------------------------------------------------------ 5. errors
config badpass
sed -i 's/^password: .*/password: Wr0ng-Secret-4711/' "$work/badpass.dms.yml"
expect_failure "$work/badpass.dms.yml" \
    "broadcast.video.dms: DMS refused username 'dmsadmin' (HTTP 401, INVALID_CREDENTIALS): check username and password" \
    Wr0ng-Secret-4711

config badprefix 'hostvars_prefix: "1-bad"'
expect_failure "$work/badprefix.dms.yml" "broadcast.video.dms: hostvars_prefix '1-bad' must start with a letter or _"
config emptyprefix 'hostvars_prefix: ""'
expect_failure "$work/emptyprefix.dms.yml" "broadcast.video.dms: hostvars_prefix '' must start with a letter or _"

config badfilter "filters: {colour: red}"
expect_failure "$work/badfilter.dms.yml" \
    "broadcast.video.dms: filters: 'colour' is not a device filter; allowed: group, region, model, status, firmware_version"
config listfilter "filters: {region: [north, south]}"
expect_failure "$work/listfilter.dms.yml" "broadcast.video.dms: filters.region: ['north', 'south'] is not a string"
config badstatus "filters: {status: Online}"
expect_failure "$work/badstatus.dms.yml" "broadcast.video.dms: filters.status: 'Online' is not allowed; choose online or offline"

config wrongpath "endpoint_paths: {devices: /wrong}"
expect_failure "$work/wrongpath.dms.yml" "broadcast.video.dms: GET /wrong failed with HTTP 404" dms-password

config nocreds
sed -i '/^username:/d; /^password:/d' "$work/nocreds.dms.yml"
expect_failure "$work/nocreds.dms.yml" "broadcast.video.dms: DMS needs username and password"

# A port nobody listens on: a freshly closed socket.
closed_port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat >"$work/unreachable.dms.yml" <<YAML
plugin: broadcast.video.dms
host: 127.0.0.1
port: $closed_port
use_ssl: false
username: dmsadmin
password: Wr0ng-Secret-4711
retries: 0
connect_timeout: 2
YAML
expect_failure "$work/unreachable.dms.yml" "127.0.0.1:$closed_port" Wr0ng-Secret-4711

# A file whose name does not end with dms.yml is not ours.
cp "$work/plain.dms.yml" "$work/plain.yml"
ansible-inventory -i "$work/plain.yml" --list -vvv >"$work/out.txt" 2>&1 || true
grep -qF "broadcast.video.dms: skipping $work/plain.yml: the file name must end with dms.yml or dms.yaml" "$work/out.txt" \
    || { cat "$work/out.txt"; fail "a file not ending with dms.yml was not skipped"; }

# ------------------------------------------------------------------ 6. display_key
config described "display_key: custom_description"
ansible-inventory -i "$work/described.dms.yml" --list >"$work/described.json"
sim check "$work/described.json" --display-key custom_description
test "$(hostvar "$work/described.json" 'Sports bar Mountain 5' dms_id)" = '"dev-000005"'
test "$(hostvar "$work/described.json" dev-000001 dms_custom_description)" = '""'  # no description: named by id
test "$(hosts_of "$work/described.json" | wc -l)" -eq 40

config serial "display_key: serial_number"
ansible-inventory -i "$work/serial.dms.yml" --list >"$work/serial.json"
sim check "$work/serial.json" --display-key serial_number

# Two devices (without a description so far) get the same one: the second is skipped with a warning.
sim set-device '{"id": "dev-000003", "customDescription": "Twin receiver"}'
sim set-device '{"id": "dev-000004", "customDescription": "Twin receiver"}'
ansible-inventory -i "$work/described.dms.yml" --list >"$work/twins.json" 2>"$work/twins.err"
cat "$work/twins.err"
sim check "$work/twins.json" --display-key custom_description
test "$(hostvar "$work/twins.json" 'Twin receiver' dms_id)" = '"dev-000003"'
test "$(hosts_of "$work/twins.json" | wc -l)" -eq 39
if grep -q 'dev-00000[34]' <(hosts_of "$work/twins.json"); then
    fail "a described device is named by id"
fi
grep -qF "skipped device dev-000004: a device named 'Twin receiver' is already a host" "$work/twins.err" \
    || fail "no warning for the skipped device"
test "$(grep -c 'skipped device' "$work/twins.err")" -eq 1

# ------------------------------------------------------------------ 7. paging
stop_simulators
start_simulator dms --devices 2500 --seed 1
trap cleanup EXIT
config paged "page_size: 1000"
sim clear-requests
ansible-inventory -i "$work/paged.dms.yml" --list >"$work/paged.json"
sim requests >"$work/requests.txt"
cat "$work/requests.txt"
test "$(wc -l <"$work/requests.txt")" -eq 5
test "$(grep -c '^POST /api/v1/auth/login ' "$work/requests.txt")" -eq 1
test "$(grep -c '^GET /api/v1/groups ' "$work/requests.txt")" -eq 1
test "$(grep -c '^GET /api/v1/devices ' "$work/requests.txt")" -eq 3
page_line() {  # page_line N: line number of the request of device page N
    grep -nxF "GET /api/v1/devices {\"page\": \"$1\", \"pageSize\": \"1000\"}" "$work/requests.txt" | cut -d: -f1
}
first=$(page_line 1)
second=$(page_line 2)
third=$(page_line 3)
test -n "$first" && test -n "$second" && test -n "$third"
test "$first" -lt "$second" && test "$first" -lt "$third" || fail "pages 2..3 were requested before page 1"
test "$(hosts_of "$work/paged.json" | wc -l)" -eq 2500
sim check "$work/paged.json"

echo "inventory_dms: all checks passed"
