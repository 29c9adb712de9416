#!/usr/bin/env bash
# broadcast.video.electra_jobs against the seeded Electra XT simulator (12 jobs on 3 nodes): gather, stop and start a
# job (cross-checked over SNMP with broadcast.video.electra_facts: status, alarm state, the "job <name> stopped"
# alarm), set parameters, feed gathered back as config (round trip), and every failure before any write; the
# password never appears in a result, nor in the whole output of a -vvvv run (vvvv.yml).
set -eux
source ../setup_simulator/simulator.sh
start_simulator electra
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml \
    -e "sim_url=$SIM_URL sim_port=$SIM_PORT sim_snmp_port=$SIM_SNMP_PORT" "$@"

# The HTTP passwords (right and wrong) appear nowhere in a -vvvv run's whole output.
log="${OUTPUT_DIR:-$(mktemp -d)}/electra_jobs-vvvv.log"
ansible-playbook -vvvv -i "${INVENTORY_PATH}" vvvv.yml -e "sim_port=$SIM_PORT sim_snmp_port=$SIM_SNMP_PORT" "$@" >"$log" 2>&1 || {
    cat "$log"
    exit 1
}
for secret in electra-password wr0ng-http-pass; do
    if grep -F -- "$secret" "$log"; then
        echo "password $secret leaked into the -vvvv output" >&2
        exit 1
    fi
done
grep -F "answered 401" "$log"
