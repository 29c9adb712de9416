#!/usr/bin/env bash
# Lifecycle of broadcast.video.dms_authorizations (standard and schedule-based sets, group and device targets)
# against a DMS simulator without groups, sets or destinations (--empty); the playbook makes its own groups.
set -eux
source ../setup_simulator/simulator.sh
start_simulator dms --empty --devices 20
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
