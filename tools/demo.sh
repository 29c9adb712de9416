#!/usr/bin/env bash
# make demo: start the device simulators on free loopback ports, run
# playbooks/demo.yml twice against them (the second run must report changed=0),
# print both PLAY RECAPs, and stop the simulators again (trap).
#
# usage: tools/demo.sh VENV_DIR
# The playbook gets each simulator as environment variables and extra vars:
#   VOS_HOST, VOS_PORT, VOS_USE_SSL=false, VOS_VALIDATE_CERTS=false,
#   VOS_USERNAME, VOS_PASSWORD, and HMP_HOST, HMP_PORT, HMP_USE_SSL=false,
#   HMP_VALIDATE_CERTS=false, HMP_USERNAME, HMP_PASSWORD, the same DMS_* variables, and ELECTRA_HOST,
#   ELECTRA_PORT (HTTP), ELECTRA_SNMP_PORT (UDP), ELECTRA_USE_SSL=false, ELECTRA_USERNAME, ELECTRA_PASSWORD
#   (override the credentials by exporting them before `make demo`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$1" && pwd)
py="$venv/bin/python"
export PATH="$venv/bin:$PATH"

"$py" "$root/tools/sync_build.py" >/dev/null
export ANSIBLE_COLLECTIONS_PATH="$root/.build"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-1}
export ANSIBLE_DEPRECATION_WARNINGS=false
export ANSIBLE_LOCALHOST_WARNING=false
export ANSIBLE_INVENTORY_UNPARSED_WARNING=false

work=$(mktemp -d "${TMPDIR:-/tmp}/broadcast-video-demo.XXXXXX")
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]+"${pids[@]}"}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]+"${pids[@]}"}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_sim DEVICE: start tests/simulators/serve.py DEVICE on a free port (plain HTTP);
# sets SIM_PORT. The Electra XT simulator also gets a free UDP port for its SNMP
# agent (--snmp-port 0), written to a second file once bound; sets SIM_SNMP_PORT.
start_sim() {
    local device=$1 portfile="$work/$1.port" snmpfile="" _try
    local -a extra=()
    if [ "$device" = electra ]; then
        snmpfile="$work/$device.snmp-port"
        extra=(--snmp-port 0 --snmp-port-file "$snmpfile")
    fi
    "$py" "$root/tests/simulators/serve.py" "$device" --host 127.0.0.1 --port 0 \
        --port-file "$portfile" "${extra[@]+"${extra[@]}"}" >"$work/$device.out" 2>"$work/$device.err" &
    pids+=($!)
    for _try in $(seq 1 100); do
        if [ -s "$portfile" ] && { [ -z "$snmpfile" ] || [ -s "$snmpfile" ]; }; then
            SIM_PORT=$(tr -d '[:space:]' <"$portfile")
            SIM_SNMP_PORT=${snmpfile:+$(tr -d '[:space:]' <"$snmpfile")}
            echo "demo: $device simulator on http://127.0.0.1:$SIM_PORT${SIM_SNMP_PORT:+ and udp/$SIM_SNMP_PORT (SNMP)} (pid ${pids[-1]})"
            return 0
        fi
        if ! kill -0 "${pids[-1]}" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    echo "demo: the $device simulator did not start:" >&2
    cat "$work/$device.out" "$work/$device.err" >&2 || true
    return 1
}

extra=()
if [ -f "$root/tests/simulators/serve.py" ]; then
    start_sim vos
    export VOS_HOST=127.0.0.1 VOS_PORT=$SIM_PORT VOS_USE_SSL=false VOS_VALIDATE_CERTS=false
    export VOS_USERNAME=${VOS_USERNAME:-admin} VOS_PASSWORD=${VOS_PASSWORD:-admin-password}
    extra+=(-e "vos_host=$VOS_HOST" -e "vos_port=$VOS_PORT" -e "vos_use_ssl=false" -e "vos_validate_certs=false")
    start_sim hmp
    export HMP_HOST=127.0.0.1 HMP_PORT=$SIM_PORT HMP_USE_SSL=false HMP_VALIDATE_CERTS=false
    export HMP_USERNAME=${HMP_USERNAME:-haiadmin} HMP_PASSWORD=${HMP_PASSWORD:-hmp-password}
    start_sim dms
    export DMS_HOST=127.0.0.1 DMS_PORT=$SIM_PORT DMS_USE_SSL=false DMS_VALIDATE_CERTS=false
    export DMS_USERNAME=${DMS_USERNAME:-dmsadmin} DMS_PASSWORD=${DMS_PASSWORD:-dms-password}
    start_sim electra
    export ELECTRA_HOST=127.0.0.1 ELECTRA_PORT=$SIM_PORT ELECTRA_SNMP_PORT=$SIM_SNMP_PORT ELECTRA_USE_SSL=false
    export ELECTRA_USERNAME=${ELECTRA_USERNAME:-admin} ELECTRA_PASSWORD=${ELECTRA_PASSWORD:-electra-password}
else
    echo "demo: NOTE tests/simulators/serve.py does not exist yet; running the playbook without simulators"
fi

playbook="$root/playbooks/demo.yml"
run() {
    local n=$1 log="$work/run$1.log"
    echo "demo: run $n: ansible-playbook playbooks/demo.yml"
    if ! ansible-playbook "$playbook" "${extra[@]+"${extra[@]}"}" >"$log" 2>&1; then
        cat "$log"
        echo "demo: run $n FAILED" >&2
        return 1
    fi
    awk '/^(TASK|PLAY)/ { show = ($0 ~ /^TASK \[(Summary|HMP summary|DMS summary|Electra summary)\]/) } show' "$log"
    sed -n '/^PLAY RECAP/,$p' "$log"
    cp "$log" "$work/last.log"
}

cd "$root"
run 1
run 2
if grep -E 'changed=[1-9]' "$work/last.log" >/dev/null; then
    echo "demo: FAILED: the second run changed something (expected changed=0)" >&2
    exit 1
fi
echo "demo: OK (second run: changed=0)"
