# shellcheck shell=bash
# The device simulators for tools/demo.sh and tools/report_test.sh: sourced, not run.
#
#   source tools/simulators.sh
#   sim_init WORKDIR PYTHON PREFIX   # where port files and logs go (removed at exit), the python that runs serve.py,
#                                    # message prefix; stops the simulators at exit (EXIT trap)
#   start_sim DEVICE [serve.py options...]   # sets SIM_PORT (and SIM_SNMP_PORT for electra)
#   start_simulators                 # all four, exporting VOS_*, HMP_*, DMS_*, ELECTRA_* (see below)
#   stop_simulators                  # kills and reaps every simulator started (call it from an EXIT trap)
#
# Simulators listen on 127.0.0.1 on ports the OS picks (plain HTTP). SIM_PIDS lists their process ids.

SIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIM_WORK=
SIM_PY=
SIM_PREFIX=simulators
SIM_PIDS=()
SIM_PORT=
SIM_SNMP_PORT=

# sim_init WORKDIR PYTHON PREFIX
# On exit the simulators are stopped and WORKDIR is removed (EXIT trap; INT and TERM exit with 130).
sim_init() {
    SIM_WORK=$1
    SIM_PY=$2
    SIM_PREFIX=${3:-simulators}
    trap sim_cleanup EXIT
    trap 'exit 130' INT TERM
}

# sim_cleanup: stop the simulators and remove the work directory (the EXIT trap sim_init sets).
sim_cleanup() {
    stop_simulators
    rm -rf "$SIM_WORK"
}

# start_sim DEVICE [serve.py options...]: start tests/simulators/serve.py DEVICE on a free port (plain HTTP);
# sets SIM_PORT. The Electra XT simulator also gets a free UDP port for its SNMP agent (--snmp-port 0), written to
# a second file once bound; sets SIM_SNMP_PORT.
start_sim() {
    local device=$1 portfile="$SIM_WORK/$1.port" snmpfile="" _try
    shift
    local -a extra=("$@")
    if [ "$device" = electra ]; then
        snmpfile="$SIM_WORK/$device.snmp-port"
        extra+=(--snmp-port 0 --snmp-port-file "$snmpfile")
    fi
    rm -f "$portfile" ${snmpfile:+"$snmpfile"}
    "$SIM_PY" "$SIM_ROOT/tests/simulators/serve.py" "$device" --host 127.0.0.1 --port 0 \
        --port-file "$portfile" "${extra[@]+"${extra[@]}"}" >"$SIM_WORK/$device.out" 2>"$SIM_WORK/$device.err" &
    SIM_PIDS+=($!)
    for _try in $(seq 1 100); do
        if [ -s "$portfile" ] && { [ -z "$snmpfile" ] || [ -s "$snmpfile" ]; }; then
            SIM_PORT=$(tr -d '[:space:]' <"$portfile")
            SIM_SNMP_PORT=${snmpfile:+$(tr -d '[:space:]' <"$snmpfile")}
            echo "$SIM_PREFIX: $device simulator on http://127.0.0.1:$SIM_PORT${SIM_SNMP_PORT:+ and udp/$SIM_SNMP_PORT (SNMP)} (pid ${SIM_PIDS[-1]})"
            return 0
        fi
        if ! kill -0 "${SIM_PIDS[-1]}" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    echo "$SIM_PREFIX: the $device simulator did not start:" >&2
    cat "$SIM_WORK/$device.out" "$SIM_WORK/$device.err" >&2 || true
    return 1
}

# start_simulators: the four simulators, with their connection settings exported:
#   VOS_HOST, VOS_PORT, VOS_USE_SSL=false, VOS_VALIDATE_CERTS=false, VOS_USERNAME, VOS_PASSWORD, and the same
#   HMP_*, DMS_* and ELECTRA_* variables, plus ELECTRA_SNMP_PORT (UDP). Credentials already exported are kept.
start_simulators() {
    start_sim vos
    export VOS_HOST=127.0.0.1 VOS_PORT=$SIM_PORT VOS_USE_SSL=false VOS_VALIDATE_CERTS=false
    export VOS_USERNAME=${VOS_USERNAME:-admin} VOS_PASSWORD=${VOS_PASSWORD:-admin-password}
    start_sim hmp
    export HMP_HOST=127.0.0.1 HMP_PORT=$SIM_PORT HMP_USE_SSL=false HMP_VALIDATE_CERTS=false
    export HMP_USERNAME=${HMP_USERNAME:-haiadmin} HMP_PASSWORD=${HMP_PASSWORD:-hmp-password}
    start_sim dms
    export DMS_HOST=127.0.0.1 DMS_PORT=$SIM_PORT DMS_USE_SSL=false DMS_VALIDATE_CERTS=false
    export DMS_USERNAME=${DMS_USERNAME:-dmsadmin} DMS_PASSWORD=${DMS_PASSWORD:-dms-password}
    start_sim electra
    export ELECTRA_HOST=127.0.0.1 ELECTRA_PORT=$SIM_PORT ELECTRA_SNMP_PORT=$SIM_SNMP_PORT ELECTRA_USE_SSL=false
    export ELECTRA_USERNAME=${ELECTRA_USERNAME:-admin} ELECTRA_PASSWORD=${ELECTRA_PASSWORD:-electra-password}
}

# ansible_env ROOT: run ansible-playbook from the synced build copy of the collection (tools/sync_build.py), quietly.
ansible_env() {
    "$SIM_PY" "$1/tools/sync_build.py" >/dev/null
    export ANSIBLE_COLLECTIONS_PATH="$1/.build"
    export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
    export ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-1}
    export ANSIBLE_DEPRECATION_WARNINGS=false
    export ANSIBLE_LOCALHOST_WARNING=false
    export ANSIBLE_INVENTORY_UNPARSED_WARNING=false
}

# stop_simulators: stop every simulator this shell started, and wait for them.
stop_simulators() {
    local pid
    for pid in "${SIM_PIDS[@]+"${SIM_PIDS[@]}"}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${SIM_PIDS[@]+"${SIM_PIDS[@]}"}"; do
        wait "$pid" 2>/dev/null || true
    done
    SIM_PIDS=()
}
