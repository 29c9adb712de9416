#!/usr/bin/env bash
# broadcast.video.dms_facts against the DMS simulator: every subset of a seeded server (300 devices), exclusions,
# display_key, alarm_retrieval, server-side device filters, the endpoints table with a switched-off, an absent and a
# corrected endpoint, credentials, token expiry between runs and in the middle of a run (second, slow simulator whose
# tokens live 1 s).
set -eux
source ../setup_simulator/simulator.sh
start_simulator dms --devices 300
main_url=$SIM_URL
main_port=$SIM_PORT
start_simulator dms --devices 20 --token-ttl 1 --latency-ms 250
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml \
    -e "sim_url=$main_url sim_port=$main_port slow_url=$SIM_URL slow_port=$SIM_PORT" "$@"
