#!/usr/bin/env bash
# The broadcast.video.electra inventory plugin against the Electra XT simulator (3 nodes, 12 jobs, seed 1; its SNMP
# agent on a free UDP port, get community electra-ro-4711 so that a leaked community is findable), through real
# ansible-inventory and ansible runs on loopback.
#
#   1. plain v2c config -> files/golden.json, and the same inventory derived independently from the simulator's state
#      (files/electra_sim.py check: hosts, every host variable, every electra* group); SNMP GETBULK only (nodes and
#      jobs tables, no job parameter table, no HTTP request); the connection from ELECTRA_* variables and a
#      vault-encrypted community give the same inventory; host patterns (electra_alarm) and host variables in a task
#   2. SNMPv3 authPriv -> the same hosts and inventory (files/golden.json), every PDU with USM; with job_parameters
#      and display_key service_name -> files/golden-parameters.json (one more table read)
#   3. constructed (keyed_groups, groups, compose with ansible_host) -> files/golden-constructed.json; hostvars_prefix
#   4. cache (jsonfile): the second run sends no SNMP request at all and lists the same inventory (an alarm cleared
#      behind the client's back stays until --flush-cache); the cache holds no community; an entry read with other
#      options (job_parameters) is not used
#   5. state changes seen by uncached runs: a job alarm cleared (its node leaves electra_alarm), a node down
#   6. profile: a relative path next to the configuration file; errors: wrong community (fails fast with snmp_timeout
#      0.5 and snmp_retries 0, no community in the output), wrong v3 key, unknown v3 user, missing host, URL host,
#      bad display_key, bad hostvars_prefix, unreadable profile, secret template -> non-zero exit, clear message, no
#      secret, no traceback; a file whose name does not end with electra.yml is skipped
#
# Job uptimes are clock values (seconds since the job started): the golden comparison masks the non-zero ones
# (electra_sim.py mask), the oracle allows 30 s. Everything else is stable for seed 1 (cpu_load follows the running
# jobs).
#
# By hand, from this directory (the repo must be reachable as ansible_collections/broadcast/video):
#   PATH=/path/to/venv/bin:$PATH ANSIBLE_COLLECTIONS_PATH=/tmp/dev ./runme.sh
# UPDATE_GOLDEN=1 rewrites the golden files from the current output instead of comparing (check the result with
# files/electra_sim.py check, which this script runs as well).
set -eux
cd "$(dirname "$0")"
source ../setup_simulator/simulator.sh

PY=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/inventory_electra.XXXXXX")
cleanup() {
    stop_simulators
    rm -rf "$work"
}
trap cleanup EXIT

COMMUNITY=electra-ro-4711
start_simulator electra --nodes 3 --jobs 12 --seed 1 --community "$COMMUNITY"
trap cleanup EXIT

# A failing inventory source must fail ansible-inventory (the default only warns).
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true
export ANSIBLE_INVENTORY_ENABLED=auto
unset ELECTRA_HOST ELECTRA_SNMP_PORT ELECTRA_SNMP_VERSION ELECTRA_COMMUNITY ELECTRA_V3_USER ELECTRA_V3_AUTH_KEY \
    ELECTRA_V3_PRIV_KEY ELECTRA_PROFILE || true

source ../setup_simulator/inventory.sh
export INVENTORY_MASK=''

sim() {
    "$PY" files/electra_sim.py "$SIM_URL" "$@"
}

snmp_requests() {  # the logged SNMP PDUs ("METHOD OID AUTH"), one per line
    sim requests | grep '^SNMP-' || true
}

golden() {  # golden ACTUAL GOLDEN: compare (or rewrite) with the running jobs' uptimes masked
    sim mask "$1" "$1.masked"
    compare "$1.masked" "$2"
}

hostvar() {  # hostvar ACTUAL HOST VAR: one host variable as JSON (null when unset)
    "$PY" -c 'import json, sys
sys.path.insert(0, "../setup_simulator/files")
from compare_inventory_json import load, normalise
print(json.dumps(normalise(load(sys.argv[1]))["_meta"]["hostvars"][sys.argv[2]].get(sys.argv[3]), sort_keys=True))' "$@"
}

group_hosts() {  # group_hosts ACTUAL GROUP: the group's hosts, one per line
    "$PY" -c 'import json, sys
print("\n".join(sorted((json.load(open(sys.argv[1])).get(sys.argv[2]) or {}).get("hosts") or [])))' "$@"
}

config() {  # config NAME [EXTRA YAML]: writes $work/NAME.electra.yml (the running simulator, v2c)
    cat >"$work/$1.electra.yml" <<YAML
plugin: broadcast.video.electra
host: 127.0.0.1
snmp_port: $SIM_SNMP_PORT
community: $COMMUNITY
snmp_timeout: 3
snmp_retries: 0
${2:-}
YAML
}

v3="snmp_version: v3
v3_user: electra-v3
v3_auth_protocol: sha
v3_auth_key: electra-auth-key
v3_priv_protocol: aes
v3_priv_key: electra-priv-key"

# ------------------------------------------------------------------ 1. plain
config plain
sim clear-requests
ansible-inventory -i "$work/plain.electra.yml" --list >"$work/plain.json"
golden "$work/plain.json" files/golden.json
sim check "$work/plain.json"
sim requests >"$work/requests.txt"
cat "$work/requests.txt"
# only GETBULK PDUs with the community, of the nodes (.2.1.1) and jobs (.4.1.1) tables; nothing over HTTP
test -s "$work/requests.txt"
if grep -v '^SNMP-GETBULK ' "$work/requests.txt"; then
    fail "the plain run sent other requests than SNMP GETBULK"
fi
grep -q ' 1\.3\.6\.1\.4\.1\.32473\.1\.2\.1\.1\.[0-9.]* community$' "$work/requests.txt"
grep -q ' 1\.3\.6\.1\.4\.1\.32473\.1\.4\.1\.1\.[0-9.]* community$' "$work/requests.txt"
if grep -e ' 1\.3\.6\.1\.4\.1\.32473\.1\.5\.' -e ' usm$' "$work/requests.txt"; then
    fail "the plain run read the job parameter table or used SNMPv3"
fi
test "$(hosts_of "$work/plain.json" | tr '\n' ' ')" = 'xt-node-01 xt-node-02 xt-node-03 '
test "$(group_hosts "$work/plain.json" electra | wc -l)" -eq 3
test "$(group_hosts "$work/plain.json" electra_role_master)" = xt-node-01
test "$(group_hosts "$work/plain.json" electra_role_masterisable)" = xt-node-02
test "$(group_hosts "$work/plain.json" electra_role_standard)" = xt-node-03
test "$(group_hosts "$work/plain.json" electra_status_up | wc -l)" -eq 3
test "$(hostvar "$work/plain.json" xt-node-01 electra_system)" = '"127.0.0.1"'
test "$(hostvar "$work/plain.json" xt-node-01 electra_jobs_in_alarm)" = '["events-0010"]'
test "$(hostvar "$work/plain.json" xt-node-02 electra_jobs_in_alarm)" = '["shopping-0008", "series-0011"]'
test "$(hostvar "$work/plain.json" xt-node-03 electra_jobs_in_alarm)" = '["movies-0003"]'
test "$(hostvar "$work/plain.json" xt-node-01 ansible_host)" = null  # left to compose
"$PY" -c 'import json, sys
sys.path.insert(0, "../setup_simulator/files")
from compare_inventory_json import load, normalise
hostvars = normalise(load(sys.argv[1]))["_meta"]["hostvars"]
jobs = [job for v in hostvars.values() for job in v["electra_jobs"]]
assert sorted(job["index"] for job in jobs) == list(range(1, 13)), jobs
for host, v in hostvars.items():
    assert sorted(v) == ["electra_jobs", "electra_jobs_in_alarm", "electra_node", "electra_system"], sorted(v)
    assert v["electra_node"]["job_count"] == len(v["electra_jobs"]) == 4, host
    assert [j["index"] for j in v["electra_jobs"]] == sorted(j["index"] for j in v["electra_jobs"]), host
    for job in v["electra_jobs"]:
        assert sorted(job) == sorted(["index", "name", "display_name", "workflow", "status", "alarm_state",
                                      "service_name", "output_bitrate", "uptime", "custom_label"]), job
        assert job["display_name"] == job["name"], job
        assert (job["uptime"] > 0) == (job["status"] == "running"), job
        assert isinstance(job["output_bitrate"], int), job
statuses = sorted(job["status"] for job in jobs)
assert statuses.count("stopped") == 2 and statuses.count("failed") == 1, statuses' "$work/plain.json"
if grep -qF "$COMMUNITY" "$work/plain.json"; then
    fail "the inventory shows the community"
fi

# The connection from ELECTRA_* environment variables.
printf 'plugin: broadcast.video.electra\nsnmp_timeout: 3\nsnmp_retries: 0\n' >"$work/env.electra.yml"
ELECTRA_HOST=127.0.0.1 ELECTRA_SNMP_PORT=$SIM_SNMP_PORT ELECTRA_COMMUNITY=$COMMUNITY \
    ansible-inventory -i "$work/env.electra.yml" --list >"$work/env.json"
golden "$work/env.json" files/golden.json

# A vault-encrypted community.
printf '%s\n' 'inventory-electra-vault-pass' >"$work/vault-pass"
{
    printf 'plugin: broadcast.video.electra\nhost: 127.0.0.1\nsnmp_port: %s\n' "$SIM_SNMP_PORT"
    ansible-vault encrypt_string --vault-password-file "$work/vault-pass" --name community "$COMMUNITY"
} >"$work/vault.electra.yml"
grep -q '!vault' "$work/vault.electra.yml"
ansible-inventory -i "$work/vault.electra.yml" --vault-password-file "$work/vault-pass" --list >"$work/vault.json"
golden "$work/vault.json" files/golden.json

# Host patterns of ansible itself over the inventory's groups, and the host variables in a task.
ansible -i "$work/plain.electra.yml" electra_alarm --list-hosts >"$work/hosts.txt"
cat "$work/hosts.txt"
grep -q 'hosts (3):' "$work/hosts.txt"
ansible -i "$work/plain.electra.yml" 'electra_alarm:&electra_role_standard' --list-hosts >"$work/hosts.txt"
cat "$work/hosts.txt"
grep -q 'hosts (1):' "$work/hosts.txt"
grep -qx '    xt-node-03' "$work/hosts.txt"
ansible -i "$work/plain.electra.yml" xt-node-02 -c local -m ansible.builtin.debug \
    -a '{"msg": "{{ electra_system }} {{ electra_node.role }} {{ electra_jobs | map(attribute=\"name\") | join(\",\") }} {{ electra_jobs_in_alarm | join(\",\") }}"}' \
    >"$work/debug.txt"
cat "$work/debug.txt"
grep -qF '"msg": "127.0.0.1 masterisable sports-0002,music-0005,shopping-0008,series-0011 shopping-0008,series-0011"' "$work/debug.txt"

# ------------------------------------------------------------------ 2. SNMPv3
config v3 "$v3"
sed -i '/^community:/d' "$work/v3.electra.yml"
sim clear-requests
ansible-inventory -i "$work/v3.electra.yml" --list >"$work/v3.json"
golden "$work/v3.json" files/golden.json
sim check "$work/v3.json"
snmp_requests >"$work/requests.txt"
cat "$work/requests.txt"
test -s "$work/requests.txt"
if grep -v ' usm$' "$work/requests.txt"; then
    fail "the v3 run sent PDUs without USM"
fi

config parameters "$v3
job_parameters: true
display_key: service_name"
sed -i '/^community:/d' "$work/parameters.electra.yml"
sim clear-requests
ansible-inventory -i "$work/parameters.electra.yml" --list >"$work/parameters.json"
golden "$work/parameters.json" files/golden-parameters.json
sim check "$work/parameters.json" --parameters --display-key service_name
snmp_requests >"$work/requests.txt"
grep -q ' 1\.3\.6\.1\.4\.1\.32473\.1\.5\.1\.1\.' "$work/requests.txt" || fail "job_parameters did not read the job parameter table"
test "$(hosts_of "$work/parameters.json" | tr '\n' ' ')" = "$(hosts_of "$work/plain.json" | tr '\n' ' ')"
test "$(hostvar "$work/parameters.json" xt-node-02 electra_jobs_in_alarm)" = '["Shopping 1 HD", "Series 1 HD"]'

# ------------------------------------------------------------------ 3. constructed, hostvars_prefix
config constructed "strict: false
keyed_groups:
  - key: electra_jobs | map(attribute='workflow') | unique
    prefix: workflow
  - key: electra_node.role
    prefix: role
groups:
  busy: electra_node.cpu_load > 40
  with_failed_jobs: electra_jobs | selectattr('status', 'eq', 'failed') | list | length > 0
compose:
  ansible_host: electra_node.address
  running_jobs: electra_jobs | selectattr('status', 'eq', 'running') | map(attribute='name') | list
  # fails (no such attribute) and, with strict false, is skipped everywhere
  broken: electra_node.colour.upper()"
ansible-inventory -i "$work/constructed.electra.yml" --list >"$work/constructed.json"
golden "$work/constructed.json" files/golden-constructed.json
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


for workflow in {j["workflow"] for v in hostvars.values() for j in v["electra_jobs"]}:
    expect("workflow_" + re.sub(r"[^A-Za-z0-9_]", "_", workflow),
           [h for h, v in hostvars.items() if workflow in [j["workflow"] for j in v["electra_jobs"]]])
for host, variables in hostvars.items():
    assert host in members(constructed, "role_" + variables["electra_node"]["role"]), host
expect("busy", [h for h, v in hostvars.items() if v["electra_node"]["cpu_load"] > 40])
expect("with_failed_jobs", [h for h, v in hostvars.items() if any(j["status"] == "failed" for j in v["electra_jobs"])])
for host, variables in hostvars.items():
    got = got_vars[host]
    assert got["ansible_host"] == variables["electra_node"]["address"], host
    assert got["running_jobs"] == [j["name"] for j in variables["electra_jobs"] if j["status"] == "running"], host
    assert "broken" not in got, host
    extra = {"ansible_host", "running_jobs"}
    assert sorted(k for k in got if k not in extra) == sorted(variables), host
    assert got["electra_node"] == variables["electra_node"], host
# the plugin's own groups are unchanged
for group in [g for g in plain if g.startswith("electra")]:
    assert members(constructed, group) == members(plain, group), group
print("constructed: OK")
PYTHON

config prefix "hostvars_prefix: xt_"
ansible-inventory -i "$work/prefix.electra.yml" --list >"$work/prefix.json"
sim check "$work/prefix.json" --prefix xt_
"$PY" -c 'import json, sys
names = {n for v in json.load(open(sys.argv[1]))["_meta"]["hostvars"].values() for n in v}
print("\n".join(sorted(names)))' "$work/prefix.json" >"$work/varnames.txt"
cat "$work/varnames.txt"
test "$(tr '\n' ' ' <"$work/varnames.txt")" = 'xt_jobs xt_jobs_in_alarm xt_node xt_system '

# ------------------------------------------------------------------ 4. cache
cached_config() {  # cached_config [EXTRA YAML]
    config cached "cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $work/cache
cache_timeout: 3600
${1:-}"
}
cached_config
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached1.json"
golden "$work/cached1.json" files/golden.json
test "$(snmp_requests | wc -l)" -gt 0 || fail "the first cached run did not read the agent"
test -n "$(find "$work/cache" -type f)" || fail "the cache plugin wrote no file"
if grep -rqF "$COMMUNITY" "$work/cache"; then
    fail "the cache holds the community"
fi

sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached2.json"
golden "$work/cached2.json" files/golden.json
sim requests >"$work/requests.txt"
if [ -s "$work/requests.txt" ]; then
    cat "$work/requests.txt" >&2
    fail "the cached run sent requests"
fi

# The minor alarm of events-0010 (the only job in alarm on xt-node-01) is cleared behind the client's back: the
# cached run still shows xt-node-01 in electra_alarm.
sim clear-job-alarms events-0010
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached3.json"
test "$(sim requests | wc -l)" -eq 0 || fail "the cached run sent requests"
group_hosts "$work/cached3.json" electra_alarm | grep -qx xt-node-01 || fail "the cached run did not use the cache"

# ------------------------------------------------------------------ 5. state changes (uncached runs)
ansible-inventory -i "$work/plain.electra.yml" --list >"$work/cleared.json"
sim check "$work/cleared.json"
test "$(group_hosts "$work/cleared.json" electra_alarm | tr '\n' ' ')" = 'xt-node-02 xt-node-03 '
test "$(hostvar "$work/cleared.json" xt-node-01 electra_jobs_in_alarm)" = '[]'
ansible -i "$work/plain.electra.yml" electra_alarm --list-hosts >"$work/hosts.txt"
grep -q 'hosts (2):' "$work/hosts.txt"

# --flush-cache reads the agent again and refreshes the entry, which the next run uses.
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list --flush-cache >"$work/flushed.json"
test "$(snmp_requests | wc -l)" -gt 0 || fail "--flush-cache did not read the agent"
test "$(hostvar "$work/flushed.json" xt-node-01 electra_jobs_in_alarm)" = '[]'
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached4.json"
test "$(sim requests | wc -l)" -eq 0 || fail "the run after --flush-cache did not use the refreshed cache"
sim mask "$work/cached4.json" "$work/cached4.masked"
sim mask "$work/flushed.json" "$work/flushed.masked"
"$PY" "$INVENTORY_COMPARE" "$work/cached4.masked" "$work/flushed.masked"

# The same file with job_parameters: the entry does not cover it, so the agent is read again (parameter table too),
# and the entry then written does not cover the configuration without parameters either.
cached_config "job_parameters: true"
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached5.json"
snmp_requests >"$work/requests.txt"
grep -q ' 1\.3\.6\.1\.4\.1\.32473\.1\.5\.1\.1\.' "$work/requests.txt" || fail "a changed job_parameters was served from the cache"
sim check "$work/cached5.json" --parameters
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached6.json"
test "$(sim requests | wc -l)" -eq 0 || fail "the entry with parameters was not used for the same options"
cached_config
sim clear-requests
ansible-inventory -i "$work/cached.electra.yml" --list >"$work/cached7.json"
test "$(snmp_requests | wc -l)" -gt 0 || fail "the entry with parameters was used without job_parameters"
sim check "$work/cached7.json"

# Node 2 goes down (a node alarm, not a job's): electra_status_down, cpu_load 0; back up afterwards.
sim config '{"node_down": 2}'
ansible-inventory -i "$work/plain.electra.yml" --list >"$work/down.json"
sim check "$work/down.json"
test "$(group_hosts "$work/down.json" electra_status_down)" = xt-node-02
test "$(group_hosts "$work/down.json" electra_status_up | tr '\n' ' ')" = 'xt-node-01 xt-node-03 '
test "$("$PY" -c 'import json, sys; print(json.loads(sys.argv[1])["cpu_load"])' "$(hostvar "$work/down.json" xt-node-02 electra_node)")" = 0
sim config '{"node_down": null}'

# ------------------------------------------------------------------ 6. profile and errors
# A relative profile path is looked up next to the configuration file (run from another directory).
mkdir -p "$work/profiles"
sed 's/^name: .*/name: site profile (copy of the default)/' "$(collection_root)/profiles/electra/default.yml" \
    >"$work/profiles/site.yml"
config profiled "profile: profiles/site.yml"
(cd / && ansible-inventory -i "$work/profiled.electra.yml" --list) >"$work/profiled.json"
sim check "$work/profiled.json"

# Wrong community: the agent stays silent; one attempt of 0.5 s, then a clear error without the community.
config badcommunity
sed -i 's/^community: .*/community: Wr0ng-Community-4711/; s/^snmp_timeout: .*/snmp_timeout: 0.5/' \
    "$work/badcommunity.electra.yml"
start=$(date +%s)
expect_failure "$work/badcommunity.electra.yml" \
    "broadcast.video.electra: SNMP v2c: no answer from 127.0.0.1:$SIM_SNMP_PORT within 0.5 s x 1 attempts" \
    Wr0ng-Community-4711
elapsed=$(( $(date +%s) - start ))
test "$elapsed" -le 15 || fail "the wrong community took ${elapsed}s to fail"
grep -qF "it does not accept the community" "$work/badcommunity.electra.yml.out"

config badkey "$v3"
sed -i '/^community:/d; s/^v3_auth_key: .*/v3_auth_key: Wr0ng-Auth-Key-4711/' "$work/badkey.electra.yml"
expect_failure "$work/badkey.electra.yml" \
    "wrong v3_auth_key or v3_auth_protocol for v3_user 'electra-v3' (the agent reports wrongDigests)" Wr0ng-Auth-Key-4711
if grep -qF electra-priv-key "$work/badkey.electra.yml.out"; then
    fail "the output shows the privacy key"
fi

config baduser "$v3"
sed -i '/^community:/d; s/^v3_user: .*/v3_user: nobody/' "$work/baduser.electra.yml"
expect_failure "$work/baduser.electra.yml" "the agent does not know v3_user 'nobody'" electra-auth-key

printf 'plugin: broadcast.video.electra\ncommunity: Wr0ng-Community-4711\n' >"$work/nohost.electra.yml"
expect_failure "$work/nohost.electra.yml" "broadcast.video.electra: host is required" Wr0ng-Community-4711

config urlhost
sed -i 's|^host: .*|host: http://127.0.0.1|' "$work/urlhost.electra.yml"
expect_failure "$work/urlhost.electra.yml" "broadcast.video.electra: host: 'http://127.0.0.1' is a URL" "$COMMUNITY"

config badkey_display "display_key: colour"
expect_failure "$work/badkey_display.electra.yml" \
    "broadcast.video.electra: display_key: 'colour' is not a column of the OID profile's jobs table; choose from index, name"

config badprefix 'hostvars_prefix: "1-bad"'
expect_failure "$work/badprefix.electra.yml" "broadcast.video.electra: hostvars_prefix '1-bad' must start with a letter or _"

config noprofile "profile: $work/missing-profile.yml"
expect_failure "$work/noprofile.electra.yml" "broadcast.video.electra: profile: cannot read $work/missing-profile.yml"

# A secret option whose template fails: the message names the option, never the templating error (it may quote it).
config badtemplate
sed -i 's/^community: .*/community: "{{ Wr0ng_Community_4711 }}"/' "$work/badtemplate.electra.yml"
expect_failure "$work/badtemplate.electra.yml" "broadcast.video.electra: could not template option community" \
    Wr0ng_Community_4711

# A file whose name does not end with electra.yml is not ours.
cp "$work/plain.electra.yml" "$work/plain.yml"
ansible-inventory -i "$work/plain.yml" --list -vvv >"$work/out.txt" 2>&1 || true
grep -qF "broadcast.video.electra: skipping $work/plain.yml: the file name must end with electra.yml or electra.yaml" \
    "$work/out.txt" || { cat "$work/out.txt"; fail "a file not ending with electra.yml was not skipped"; }

echo "inventory_electra: all checks passed"
