#!/usr/bin/env bash
# broadcast.video.dms_devices against the seeded DMS simulator with 2,500 devices (three pages of 1,000): edit a few
# devices, reading only those (by id), replace, gather; devices cannot be created or deleted.
set -eux
source ../setup_simulator/simulator.sh
start_simulator dms --devices 2500
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
