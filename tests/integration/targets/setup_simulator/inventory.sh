# shellcheck shell=bash
# Helpers shared by the inventory plugin targets (inventory_vos, inventory_hmp); source after simulator.sh and
# after setting PY (the test Python, see sim_python):
#
#     source ../setup_simulator/simulator.sh
#     source ../setup_simulator/inventory.sh
#
# INVENTORY_MASK (a regex, optional) names the host variables that hold run-dependent values; compare masks
# them (see files/compare_inventory_json.py --mask). UPDATE_GOLDEN=1 rewrites golden files.

INVENTORY_COMPARE=../setup_simulator/files/compare_inventory_json.py

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

compare() {  # compare ACTUAL GOLDEN
    local mask=()
    if [ -n "${INVENTORY_MASK:-}" ]; then
        mask=(--mask "$INVENTORY_MASK")
    fi
    if [ -n "${UPDATE_GOLDEN:-}" ]; then
        "$PY" "$INVENTORY_COMPARE" "${mask[@]+"${mask[@]}"}" --write "$1" "$2"
    else
        "$PY" "$INVENTORY_COMPARE" "${mask[@]+"${mask[@]}"}" "$1" "$2"
    fi
}

hosts_of() {  # hosts_of ACTUAL: the host names, one per line
    "$PY" "$INVENTORY_COMPARE" --hosts "$1"
}

expect_failure() {  # expect_failure CONFIG MESSAGE [SECRET]: the output is kept in CONFIG.out
    local rc=0 out="$1.out"
    ansible-inventory -i "$1" --list >"$out" 2>&1 || rc=$?
    cat "$out"
    test "$rc" -ne 0 || fail "$1: ansible-inventory succeeded"
    grep -qF "$2" "$out" || fail "$1: the output lacks: $2"
    if grep -q Traceback "$out"; then
        fail "$1: the output has a traceback"
    fi
    if [ -n "${3:-}" ] && grep -qF "$3" "$out"; then
        fail "$1: the output shows the secret"
    fi
}
