#!/usr/bin/env bash
# broadcast.video.electra_jobs against the seeded Electra XT simulator (12 jobs on 3 nodes): gather, stop and start a
# job (cross-checked over SNMP with broadcast.video.electra_facts: status, alarm state, the "job <name> stopped"
# alarm), set parameters, and every failure before any write; the password never appears in a result.
set -eux
source ../setup_simulator/simulator.sh
start_simulator electra
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml \
    -e "sim_url=$SIM_URL sim_port=$SIM_PORT sim_snmp_port=$SIM_SNMP_PORT" "$@"
