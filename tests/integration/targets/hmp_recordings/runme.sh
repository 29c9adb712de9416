#!/usr/bin/env bash
# Lifecycle of broadcast.video.hmp_recordings against the seeded HMP simulator (Town Hall records): paused, resumed, stopped, a video.
set -eux
source ../setup_simulator/simulator.sh
start_simulator hmp
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
