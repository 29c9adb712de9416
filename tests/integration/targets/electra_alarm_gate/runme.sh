#!/usr/bin/env bash
# The alarm gate operator playbook (gate.yml) against the Electra XT simulator over SNMP:
# 1. the seeded system (jobs stopped and failed with major and critical alarms, a job with a minor alarm): the gate
#    fails, naming every job in alarm;
# 2. every active alarm cleared through the simulator's control API: the gate passes;
# 3. node 2 marked down (/__sim__/config {"node_down": 2}): the gate fails naming xt-node-02 and no job.
set -eux
source ../setup_simulator/simulator.sh
start_simulator electra
py=$(sim_python)
log="${OUTPUT_DIR:-$(mktemp -d)}/electra_alarm_gate.log"
playbook_args=("$@")  # ansible-test's options (verbosity) for ansible-playbook

gate() {
    ansible-playbook -i "${INVENTORY_PATH}" gate.yml -e "electra_host=127.0.0.1 electra_snmp_port=$SIM_SNMP_PORT" \
        "${playbook_args[@]+"${playbook_args[@]}"}" >"$log" 2>&1
}

state() {
    # state PYTHON-EXPRESSION: evaluated with `state`, the simulator's /__sim__/state
    "$py" -c "import json, sys, urllib.request; state = json.load(urllib.request.urlopen(sys.argv[1] + '/__sim__/state')); print($1)" "$SIM_URL"
}

control() {
    # control METHOD PATH [JSON]: a call to the simulator's control API (/__sim__/PATH)
    "$py" -c "import sys, urllib.request; body = sys.argv[4].encode() if len(sys.argv) > 4 else None
request = urllib.request.Request(sys.argv[1] + '/__sim__/' + sys.argv[3], data=body, method=sys.argv[2],
                                 headers={'Content-Type': 'application/json'})
print(urllib.request.urlopen(request).read().decode())" "$SIM_URL" "$@"
}

# 1. the seeded alarms
in_alarm=$(state "' '.join(job['name'] for job in state['jobs'] if job['alarmState'] != 'normal')")
[ "$(wc -w <<<"$in_alarm")" -eq 4 ]
if gate; then
    cat "$log"
    echo "the gate passed with jobs in alarm: $in_alarm" >&2
    exit 1
fi
cat "$log"
grep -qF "ELECTRA GATE FAILED for 127.0.0.1: 4 of 12 jobs in alarm" "$log"
for job in $in_alarm; do
    grep -qF "$job (" "$log"
done
grep -qF "(critical, failed on xt-node-" "$log"
grep -qF "(major, stopped on xt-node-" "$log"
grep -qF "0 of 3 nodes not up []" "$log"

# 2. every alarm cleared: the gate passes
for index in $(state "' '.join(str(alarm['index']) for alarm in state['alarms'])"); do
    control DELETE "items/alarms/$index"
done
[ "$(state "len(state['alarms'])")" -eq 0 ]
gate || {
    cat "$log"
    echo "the gate failed without alarms" >&2
    exit 1
}
cat "$log"
grep -qF "ELECTRA GATE PASSED for 127.0.0.1: 12 jobs, none in alarm (1 failed, 9 running, 2 stopped); 3 nodes up" "$log"

# 3. node 2 down: the gate fails naming the node, and no job
control POST config '{"node_down": 2}'
if gate; then
    cat "$log"
    echo "the gate passed with node 2 down" >&2
    exit 1
fi
cat "$log"
grep -qF "0 of 12 jobs in alarm []; 1 of 3 nodes not up [xt-node-02 (down)]" "$log"
