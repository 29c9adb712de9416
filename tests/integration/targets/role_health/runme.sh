#!/usr/bin/env bash
# The health playbook (broadcast.video.health, role broadcast.video.health) against the four simulators, one device
# host per integration:
# (a) the seeded headend (VOS: a LOST cloud link and its ACTIVE CRITICAL notification; HMP: offline set-top boxes and
#     a recording in state ERROR added here; DMS: critical and major alarms; Electra: jobs in alarm): the play fails
#     naming each device host and rule, after writing the report (cards, tables, one SVG per VOS service, nothing
#     external, a notification title made of markup escaped); with health_fail_on_crossed=false it only reports;
# (b) every counted problem cleared through /__sim__/: the play passes, under --check (the report is still written);
# (c) the HMP device host on a closed port: recorded as unreachable, the play fails, the other cards are written;
# (d) bad role input (a string threshold: the argument specification; a negative one: the first task) fails before
#     any request and before the report.
# After each run the simulators' request logs hold reads (and logins) only.
set -eux
source ../setup_simulator/simulator.sh
py=$(sim_python)
out="${OUTPUT_DIR:-$(mktemp -d)}"
log="$out/role_health.log"
report="$out/health-report.html"
playbook_args=("$@")  # ansible-test's options (verbosity)

start_simulator vos
VOS_URL=$SIM_URL VOS_PORT=$SIM_PORT
start_simulator hmp
HMP_URL=$SIM_URL HMP_PORT=$SIM_PORT
start_simulator dms
DMS_URL=$SIM_URL DMS_PORT=$SIM_PORT
start_simulator electra
ELECTRA_URL=$SIM_URL ELECTRA_SNMP_PORT=$SIM_SNMP_PORT
URLS=("$VOS_URL" "$HMP_URL" "$DMS_URL" "$ELECTRA_URL")
sim() { "$py" files/sim.py "$@"; }
services=$("$py" -c 'import json, sys, urllib.request
print(len(json.load(urllib.request.urlopen(sys.argv[1] + "/__sim__/state"))["collections"]["services"]))' "$VOS_URL")

inventory() {
    # inventory FILE HMP_PORT: one device host per group, connection dicts as the contract spells them
    cat >"$1" <<INVENTORY
all:
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  children:
    vos_clusters:
      hosts:
        vos-a:
          vos_connection: {host: 127.0.0.1, port: $VOS_PORT, use_ssl: false, auth_method: basic, username: admin,
                           password: admin-password}
    hmp_servers:
      hosts:
        hmp-a:
          hmp_connection: {host: 127.0.0.1, port: $2, use_ssl: false, username: haiadmin, password: hmp-password,
                           retries: 0, connect_timeout: 2}
    dms_servers:
      hosts:
        dms-a:
          dms_connection: {host: 127.0.0.1, port: $DMS_PORT, use_ssl: false, username: dmsadmin, password: dms-password}
    electra_systems:
      hosts:
        electra-a:
          electra_connection: {host: 127.0.0.1, snmp_port: $ELECTRA_SNMP_PORT, community: public}
INVENTORY
}
inventory "$out/headend.yml" "$HMP_PORT"

health() {
    # health INVENTORY [ansible-playbook options]: the collection's playbook by its FQCN; output in $log
    local inv=$1
    shift
    sim clear-logs "${URLS[@]}"
    rm -f "$report"
    ansible-playbook -i "$inv" broadcast.video.health -e "health_report_path=$report" "$@" \
        "${playbook_args[@]+"${playbook_args[@]}"}" >"$log" 2>&1
}

expect_failure() {
    # expect_failure INVENTORY [options]: the play must fail with ansible-playbook's exit code 2
    local rc=0
    health "$@" || rc=$?
    cat "$log"
    if [ "$rc" -ne 2 ]; then
        echo "expected exit code 2 (failed play), got $rc" >&2
        exit 1
    fi
}

# (a) the seeded headend, plus a failed HMP recording and a notification whose title is markup
sim seed-problems "$VOS_URL" "$HMP_URL"
expect_failure "$out/headend.yml"
grep -qF "Health thresholds crossed on 4 of 4 device hosts (report: $report)" "$log"
grep -qF "vos-a (vos, critical): vos_critical_notifications 1 > 0 (1 critical notification active: CloudLink connection lost), vos_lost_cloud_links 1 > 0 (1 cloud link lost: dfw-cloudlink-02)" "$log"
grep -qF "hmp-a (hmp, critical): hmp_offline_stbs 3 > 0 (3 set-top boxes offline: " "$log"
grep -qF "hmp_failed_recordings 1 > 0 (1 recording failed: Studio A - 11/21/2026, 05:00)" "$log"
grep -qF "dms-a (dms, critical): dms_active_alarms " "$log"
grep -qF "electra-a (electra, critical): electra_jobs_in_alarm 4 > 0 (4 jobs in alarm: " "$log"
grep -qF "Health report: $report (4 device hosts: 0 ok, 0 warning, 4 critical, 0 unreachable)" "$log"
sim check-report "$report" "$services" vos-a=critical hmp-a=critical dms-a=critical electra-a=critical
grep -qF "&lt;script&gt;alert(" "$report"
for text in "Cloud links" "dfw-cloudlink-02" "Set-top boxes not online" "Recordings" "Active alarms" \
        "Offline devices" "Jobs in alarm" "Nodes" '<section class="topology">'; do
    grep -qF "$text" "$report"
done
sim check-readonly "${URLS[@]}"
# ... and with health_fail_on_crossed=false (a string, as -e gives it) the play only writes the report
health "$out/headend.yml" --limit vos-a -e health_fail_on_crossed=false || {
    cat "$log"
    echo "health_fail_on_crossed=false failed the play" >&2
    exit 1
}
cat "$log"
grep -qF "Health report: $report (1 device host: 0 ok, 0 warning, 1 critical, 0 unreachable)" "$log"
sim check-report "$report" "$services" vos-a=critical

# (b) a healthy headend passes, also under --check (the report is written anyway)
sim healthy "${URLS[@]}"
health "$out/headend.yml" --check || {
    cat "$log"
    echo "the healthy headend failed the health play" >&2
    exit 1
}
cat "$log"
grep -qF "Health report: $report (4 device hosts: 4 ok, 0 warning, 0 critical, 0 unreachable)" "$log"
sim check-report "$report" "$services" vos-a=ok hmp-a=ok dms-a=ok electra-a=ok
sim check-readonly "${URLS[@]}"

# (c) HMP on a closed port: unreachable, reported with the others
closed=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
inventory "$out/unreachable.yml" "$closed"
expect_failure "$out/unreachable.yml"
grep -qF "Health thresholds crossed on 1 of 4 device hosts" "$log"
grep -qF "hmp-a (hmp, unreachable): unreachable 1 > 0 (facts could not be gathered: " "$log"
sim check-report "$report" "$services" vos-a=ok hmp-a=unreachable dms-a=ok electra-a=ok
if grep -qF "hmp-password" "$report" "$log"; then
    echo "the HMP password is in the report or the output" >&2
    exit 1
fi
sim check-readonly "$VOS_URL" "$DMS_URL" "$ELECTRA_URL"

# (d) bad role input fails before any request and before the report
expect_failure "$out/headend.yml" -e health_vos_lost_cloud_links_max=several
grep -qF "health_vos_lost_cloud_links_max" "$log"
grep -qF "Validating arguments against arg spec" "$log"
expect_failure "$out/headend.yml" -e health_hmp_offline_stbs_max=-1
grep -qF "health_hmp_offline_stbs_max is negative (give 0 or more)" "$log"
[ ! -e "$report" ]
sim check-readonly --none "${URLS[@]}"
