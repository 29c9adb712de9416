# shellcheck shell=bash
# Helpers for runme.sh integration targets that talk to a device simulator.
#
# Use from a target whose `aliases` holds `needs/target/setup_simulator`:
#
#     source ../setup_simulator/simulator.sh
#     start_simulator vos --tls            # any serve.py options
#     ansible-playbook -i "$INVENTORY_PATH" playbook.yml \
#         -e "vos_host=127.0.0.1 vos_port=$SIM_PORT" "$@"
#
# How things are found when ansible-test runs the target:
# - ansible-test runs runme.sh from a *copy* of tests/integration (under
#   tests/output/.tmp/integration/<target>-*/), so a relative path to the
#   collection does not work; the collection root is found through
#   ANSIBLE_COLLECTIONS_PATH (ansible-test sets it to the directory that holds
#   ansible_collections/broadcast/video), see collection_root below.
#   BROADCAST_VIDEO_ROOT overrides it (running runme.sh by hand).
# - the simulator runs with the test Python, ANSIBLE_TEST_PYTHON_INTERPRETER
#   (also `python` on PATH): with --requirements it has trustme and requests
#   from tests/integration/requirements.txt.
#
# start_simulator sets SIM_URL, SIM_PORT, SIM_CA (CA bundle or empty),
# SIM_SNMP_PORT (the Electra XT simulator's UDP port, empty for the others) and
# SIM_LOG; stop_simulators runs on EXIT (call it yourself if you set your own
# EXIT trap). The Electra simulator gets --snmp-port 0 (a free UDP port) unless
# the caller gives --snmp-port.

SIM_PIDS=()

collection_root() {
    local entry
    if [ -n "${BROADCAST_VIDEO_ROOT:-}" ]; then
        printf '%s\n' "$BROADCAST_VIDEO_ROOT"
        return 0
    fi
    local IFS=:
    for entry in ${ANSIBLE_COLLECTIONS_PATH:-}; do
        if [ -f "$entry/ansible_collections/broadcast/video/galaxy.yml" ]; then
            printf '%s\n' "$entry/ansible_collections/broadcast/video"
            return 0
        fi
    done
    echo "collection_root: broadcast.video not found in ANSIBLE_COLLECTIONS_PATH='${ANSIBLE_COLLECTIONS_PATH:-}'" >&2
    return 1
}

sim_python() {
    printf '%s\n' "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
}

stop_simulators() {
    local pid
    for pid in "${SIM_PIDS[@]+"${SIM_PIDS[@]}"}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    SIM_PIDS=()
}

# start_simulator DEVICE [serve.py options...]
start_simulator() {
    local device=$1 root py dir _try
    local -a extra=()
    shift
    if [ "$device" = electra ]; then
        extra=(--snmp-port 0)
    fi
    root=$(collection_root)
    py=$(sim_python)
    dir=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/sim-$device.XXXXXX")
    SIM_LOG="$dir/stderr.log"
    "$py" "$root/tests/simulators/serve.py" "$device" --host 127.0.0.1 --port 0 \
        --port-file "$dir/port" --cert-dir "$dir" "${extra[@]+"${extra[@]}"}" "$@" >"$dir/stdout.log" 2>"$SIM_LOG" &
    SIM_PIDS+=($!)
    trap stop_simulators EXIT
    for _try in $(seq 1 150); do
        if [ -s "$dir/port" ] && [ -s "$dir/stdout.log" ]; then
            break
        fi
        if ! kill -0 "${SIM_PIDS[-1]}" 2>/dev/null; then
            echo "start_simulator: $device simulator exited:" >&2
            cat "$dir/stdout.log" "$SIM_LOG" >&2 || true
            return 1
        fi
        sleep 0.1
    done
    if ! [ -s "$dir/port" ]; then
        echo "start_simulator: $device simulator did not start within 15 s" >&2
        cat "$SIM_LOG" >&2 || true
        return 1
    fi
    SIM_PORT=$(tr -d '[:space:]' <"$dir/port")
    SIM_URL=$("$py" -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["url"])' "$dir/stdout.log")
    SIM_CA=$("$py" -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline()).get("ca") or "")' "$dir/stdout.log")
    SIM_SNMP_PORT=$("$py" -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline()).get("snmp_port") or "")' "$dir/stdout.log")
    export SIM_PORT SIM_URL SIM_CA SIM_LOG SIM_SNMP_PORT
    echo "start_simulator: $device at $SIM_URL (pid ${SIM_PIDS[-1]})"
}
