#!/usr/bin/env bash
# Lifecycle of broadcast.video.vos_services against the VOS simulator.
set -eux
source ../setup_simulator/simulator.sh
start_simulator vos
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
