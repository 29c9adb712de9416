#!/usr/bin/env bash
# Lifecycle of broadcast.video.hmp_events against the seeded HMP simulator.
set -eux
source ../setup_simulator/simulator.sh
start_simulator hmp
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
