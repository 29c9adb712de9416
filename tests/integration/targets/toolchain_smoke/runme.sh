#!/usr/bin/env bash
# Toolchain smoke test: proves that `ansible-test integration` runs a script
# target on every ansible-core leg, that the collection root is found, and
# that a simulator starts with the test Python (the way real targets do it).
set -eux
source ../setup_simulator/simulator.sh

root=$(collection_root)
test -f "$root/galaxy.yml"
python -c 'import sys; print(sys.executable, sys.version)'

sim_args=()
if [ -f "$root/tests/simulators/serve.py" ]; then
    start_simulator vos
    sim_args=(-e "sim_url=$SIM_URL")
fi

ansible-playbook -i "${INVENTORY_PATH}" playbook.yml "${sim_args[@]+"${sim_args[@]}"}" "$@"
