#!/usr/bin/env bash
# broadcast.video.dms_device_command against the DMS simulator seeded with 300 devices: check mode, reboot by ids
# (offline devices rejected), by group and by filters, an idempotent firmware upgrade, every refusal before sending,
# fail_on_rejected.
set -eux
source ../setup_simulator/simulator.sh
start_simulator dms --devices 300
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
