#!/usr/bin/env bash
# Lifecycle of broadcast.video.hmp_sources against an empty HMP simulator.
set -eux
source ../setup_simulator/simulator.sh
start_simulator hmp --empty
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
