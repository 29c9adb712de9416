#!/usr/bin/env bash
# Lifecycle of broadcast.video.vos_images against an empty VOS simulator.
set -eux
source ../setup_simulator/simulator.sh
start_simulator vos --empty
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
