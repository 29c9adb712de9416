#!/usr/bin/env bash
# broadcast.video.vos_facts against the VOS simulator: every subset, exclusions, RF absent, health checks.
set -eux
source ../setup_simulator/simulator.sh
start_simulator vos
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
