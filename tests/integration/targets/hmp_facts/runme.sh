#!/usr/bin/env bash
# broadcast.video.hmp_facts against the HMP simulator: every subset, exclusions, secrets left out, an empty server.
set -eux
source ../setup_simulator/simulator.sh
start_simulator hmp
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
