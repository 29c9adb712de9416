#!/usr/bin/env bash
# Diagnostics of the DMS modules against the simulator:
#
#   drift.yml         run with --check --diff against a simulator started --empty: state overridden on dms_groups and
#                     dms_destinations lists exactly the deletes, creates and updates (requests and diff, with before
#                     and after), nothing is written; the same task without check mode applies exactly those
#   secrets.yml       run with -vvvv through a tap proxy that notes every bearer token on the wire, against a
#                     simulator whose password is a distinctive one: the six DMS modules (successes, diffs, check
#                     mode, a token renewed in the middle of a run, a failure after the login, and each with a wrong
#                     password); then the broadcast.video.dms inventory plugin with ansible-inventory -vvvv, with the
#                     right and a wrong password. Neither password nor any tapped token is in the output.
set -eux
source ../setup_simulator/simulator.sh
py=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/dms-diagnostics.XXXXXX")
unset DMS_HOST DMS_PORT DMS_USE_SSL DMS_USERNAME DMS_PASSWORD || true

run() {  # run LOG PLAYBOOK [ansible-playbook args...]: keep the output, show it on failure
    local log=$1
    shift
    ANSIBLE_NOCOLOR=1 ansible-playbook -i "${INVENTORY_PATH}" "$@" >"$log" 2>&1 || {
        cat "$log"
        exit 1
    }
}

# ------------------------------------------------------------------ drift-report
start_simulator dms --empty --devices 20
run "$work/drift.log" drift.yml --check --diff -e "sim_url=$SIM_URL sim_port=$SIM_PORT" "$@"
# the diff is printed for the user too
grep -F "group 'drift-stadiums' (deleted)" "$work/drift.log"
grep -F "group 'drift-kiosks' (absent)" "$work/drift.log"
grep -F "destination 'drift-south' (deleted)" "$work/drift.log"
grep -F "destination 'drift-west' (absent)" "$work/drift.log"

# ------------------------------------------------------------------ secrets
password='dms-Diag-S3cret-pw-7f1c'
wrong='Wr0ng-Diag-Secret-9931'
start_simulator dms --devices 20 --password "$password"
# Through a tap that writes down every token that crosses the wire.
"$py" ../setup_simulator/files/tap_proxy.py "$SIM_PORT" "$work/tap.port" "$work/tapped.txt" 2>"$work/tap.err" &
tap_pid=$!
trap 'kill "$tap_pid" 2>/dev/null || true; stop_simulators' EXIT
for _try in $(seq 1 100); do
    [ -s "$work/tap.port" ] && break
    sleep 0.1
done
tap_port=$(cat "$work/tap.port")
cat >"$work/secrets.json" <<JSON
{"secret_password": "$password", "secret_wrong": "$wrong"}
JSON
run "$work/vvvv.log" secrets.yml -vvvv -e "sim_url=$SIM_URL sim_port=$SIM_PORT tap_port=$tap_port" -e "@$work/secrets.json" "$@"
grep -q "secrets.yml" "$work/vvvv.log"
grep -q "Gathered through a token expiry" "$work/vvvv.log"
grep -q "INVALID_CREDENTIALS" "$work/vvvv.log"
grep -q 'ok=[0-9]* *changed=[0-9]* .*failed=0 .*ignored=7' "$work/vvvv.log"

# The inventory plugin at -vvvv, with the password and with a wrong one.
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true ANSIBLE_INVENTORY_ENABLED=auto
inventory() {  # inventory NAME PASSWORD: write an inventory configuration through the tap, print its path
    cat >"$work/$1.dms.yml" <<YAML
plugin: broadcast.video.dms
host: 127.0.0.1
port: $tap_port
use_ssl: false
username: dmsadmin
password: $2
YAML
    printf '%s\n' "$work/$1.dms.yml"
}
ANSIBLE_NOCOLOR=1 ansible-inventory -vvvv -i "$(inventory right "$password")" --list >"$work/inventory.log" 2>&1 || {
    cat "$work/inventory.log"
    exit 1
}
grep -q '"dev-000003"\|dev-000003' "$work/inventory.log"
if ANSIBLE_NOCOLOR=1 ansible-inventory -vvvv -i "$(inventory wrong "$wrong")" --list >"$work/inventory-wrong.log" 2>&1; then
    cat "$work/inventory-wrong.log"
    echo "an inventory with a wrong password succeeded" >&2
    exit 1
fi
grep -F "DMS refused username 'dmsadmin' (HTTP 401, INVALID_CREDENTIALS)" "$work/inventory-wrong.log"

# secrets.yml: facts, the renewed token (2), groups, devices, authorizations (2), destinations, two commands, the
# failure after the login and the two clean-up runs log in with the password (13 tokens); the inventory once more.
test "$(wc -l <"$work/tapped.txt")" -ge 14
for secret in "$password" "$wrong" $(cat "$work/tapped.txt"); do
    if grep -n -F -- "$secret" "$work/vvvv.log" "$work/inventory.log" "$work/inventory-wrong.log"; then
        echo "secret '$secret' leaked into -vvvv output" >&2
        exit 1
    fi
done
echo "no secret (password, wrong password, $(wc -l <"$work/tapped.txt") bearer tokens) in" \
    "$(cat "$work/vvvv.log" "$work/inventory.log" "$work/inventory-wrong.log" | wc -l) lines of -vvvv output"
echo "dms_diagnostics: all checks passed"
