#!/usr/bin/env bash
# broadcast.video.hmp_stb_command against the HMP simulator's 36 seeded set-top boxes.
set -eux
source ../setup_simulator/simulator.sh
start_simulator hmp
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
