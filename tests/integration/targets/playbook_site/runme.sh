#!/usr/bin/env bash
# broadcast.video.site, the entry point of a headend run from git, with the example inventory of the collection
# (playbooks/inventory: device hosts, the four inventory plugin configurations, group_vars with the line-up and
# schedules) against the four simulators:
# 1. --check --diff: the plan is shown, nothing is written to any device;
# 2. the real run applies the line-up, the HMP sources and schedule, the DMS groups and authorizations and the
#    Electra job settings, prints what the inventory plugins see, writes the health report and then fails, because
#    the seeded headend has problems (a lost cloud link, alarms): the exit code a CI job or AWX sees;
# 3. a second run (health_fail_on_crossed=false) changes nothing on any device and writes no request.
set -eux
source ../setup_simulator/simulator.sh
py=$(sim_python)
root=$(collection_root)
out=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/playbook_site.XXXXXX")
playbook_args=("$@")

start_simulator vos
export VOS_HOST=127.0.0.1 VOS_PORT=$SIM_PORT VOS_USE_SSL=false VOS_VALIDATE_CERTS=false VOS_USERNAME=admin \
    VOS_PASSWORD=admin-password
vos_url=$SIM_URL
start_simulator hmp
export HMP_HOST=127.0.0.1 HMP_PORT=$SIM_PORT HMP_USE_SSL=false HMP_VALIDATE_CERTS=false HMP_USERNAME=haiadmin \
    HMP_PASSWORD=hmp-password
hmp_url=$SIM_URL
start_simulator dms
export DMS_HOST=127.0.0.1 DMS_PORT=$SIM_PORT DMS_USE_SSL=false DMS_VALIDATE_CERTS=false DMS_USERNAME=dmsadmin \
    DMS_PASSWORD=dms-password
dms_url=$SIM_URL
start_simulator electra
export ELECTRA_HOST=127.0.0.1 ELECTRA_PORT=$SIM_PORT ELECTRA_SNMP_PORT=$SIM_SNMP_PORT ELECTRA_USE_SSL=false \
    ELECTRA_USERNAME=admin ELECTRA_PASSWORD=electra-password ELECTRA_COMMUNITY=public
electra_url=$SIM_URL
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true

site() {
    # site LOG [ansible-playbook options]: broadcast.video.site with the collection's example inventory
    local log=$1
    shift
    ansible-playbook -i "$root/playbooks/inventory" broadcast.video.site -e "health_report_path=$out/health.html" \
        "$@" "${playbook_args[@]+"${playbook_args[@]}"}" >"$log" 2>&1
}

writes() {
    # writes: the number of configuration writes (POST, PUT, PATCH, DELETE; not a token or login request, as in
    # setup_simulator/tasks/assert_no_writes.yml) the four simulators received since the logs were cleared
    "$py" - "$vos_url" "$hmp_url" "$dms_url" "$electra_url" <<'PY'
import json, re, sys, urllib.request
count = 0
for url in sys.argv[1:]:
    for entry in json.load(urllib.request.urlopen(url + "/__sim__/requests")):
        if entry["method"] in ("POST", "PUT", "PATCH", "DELETE") and not re.search(r"^/oauth/|/authentication/|/auth/login$", entry["path"]):
            print("write:", entry["method"], url, entry["path"], file=sys.stderr)
            count += 1
print(count)
PY
}

clear_logs() {
    local url
    for url in "$vos_url" "$hmp_url" "$dms_url" "$electra_url"; do
        "$py" -c "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + '/__sim__/requests', method='DELETE'))" "$url"
    done
}

# 1. check mode: a plan, no write
clear_logs
site "$out/check.log" --check --diff -e '{"health_fail_on_crossed": false}' || { cat "$out/check.log"; exit 1; }
grep -qF 'site.news.primary' "$out/check.log"
grep -qF site-sports-weekend "$out/check.log"
[ "$(writes)" -eq 0 ]

# 2. apply: changes, then the health gate fails on the seeded problems (after writing the report)
clear_logs
if site "$out/apply.log"; then
    cat "$out/apply.log"
    echo "the site run passed although the seeded headend has a lost cloud link and alarms" >&2
    exit 1
fi
cat "$out/apply.log"
grep -qE 'vos-dfw +: .*changed=[1-9]' "$out/apply.log"
grep -qE 'hmp-dfw +: .*changed=[1-9]' "$out/apply.log"
grep -qE 'dms-edge +: .*changed=[1-9]' "$out/apply.log"
grep -qE 'electra-playout +: .*changed=[1-9]' "$out/apply.log"
grep -qF '"VOS: 2 cloud links, 4 pods"' "$out/apply.log"
grep -qE '"Electra XT: 3 nodes' "$out/apply.log"
grep -qF 'vos_lost_cloud_links' "$out/apply.log"
[ -s "$out/health.html" ]
[ "$(grep -o '<section class="device' "$out/health.html" | wc -l)" -eq 4 ]
grep -qF 'site.news' "$out/health.html"
"$py" - "$vos_url" "$hmp_url" "$dms_url" "$electra_url" <<'PY'
import json, sys, urllib.request
vos, hmp = (json.load(urllib.request.urlopen(url + "/__sim__/state"))["collections"] for url in sys.argv[1:3])
def items(collection):
    return list(collection.values()) if isinstance(collection, dict) else collection
services = {s["name"]: s for s in items(vos["services"])}
assert {"site.news", "site.sports", "site.movies"} <= set(services), sorted(services)
assert any(s["name"] == "Site Newsroom Encoder" for s in items(hmp["sources"])), hmp["sources"]
assert any(s["title"] == "Site News" for s in items(hmp["sessions"])), hmp["sessions"]
print("state checked")
PY
for secret in admin-password hmp-password dms-password electra-password; do
    if grep -qF "$secret" "$out/apply.log" "$out/health.html"; then
        echo "secret $secret appears in the output or the report" >&2
        exit 1
    fi
done

# 3. the same declared state again: nothing to change, nothing written
clear_logs
site "$out/again.log" -e '{"health_fail_on_crossed": false}' || { cat "$out/again.log"; exit 1; }
sed -n '/PLAY RECAP/,$p' "$out/again.log"
if grep -E 'changed=[1-9]' "$out/again.log"; then
    cat "$out/again.log"
    exit 1
fi
[ "$(writes)" -eq 0 ]
echo "playbook_site: OK"
