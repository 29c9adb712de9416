#!/usr/bin/env bash
# make demo: start the device simulators on free loopback ports, run
# playbooks/demo.yml twice against them (the second run must report changed=0),
# print both PLAY RECAPs, then write the health report of the simulated headend (broadcast.video.health over
# playbooks/inventory) and print where it is, and stop the simulators again (trap).
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


work=$(mktemp -d "${TMPDIR:-/tmp}/broadcast-video-demo.XXXXXX")
# shellcheck source=tools/simulators.sh
source "$root/tools/simulators.sh"
sim_init "$work" "$py" demo
ansible_env "$root"

extra=()
if [ -f "$root/tests/simulators/serve.py" ]; then
    start_simulators
    extra+=(-e "vos_host=$VOS_HOST" -e "vos_port=$VOS_PORT" -e "vos_use_ssl=false" -e "vos_validate_certs=false")
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

# The health report of the simulated headend: broadcast.video.health over the example inventory
# (playbooks/inventory, whose connection dicts read the VOS_*, HMP_*, DMS_* and ELECTRA_* variables set above).
# The seeded simulators have problems on purpose (a lost cloud link, alarms, offline boxes), so the thresholds
# are reported in the file without failing the demo.
report_dir=${DEMO_REPORT_DIR:-$root/demo-output}
mkdir -p "$report_dir"
report="$(cd "$report_dir" && pwd)/health-report.html"
echo "demo: health report: ansible-playbook -i playbooks/inventory broadcast.video.health"
if ! ansible-playbook -i "$root/playbooks/inventory" broadcast.video.health -e "health_report_path=$report" \
        -e '{"health_fail_on_crossed": false}' >"$work/health.log" 2>&1; then
    cat "$work/health.log"
    echo "demo: the health playbook FAILED" >&2
    exit 1
fi
awk '/^TASK .*Show where the report is/ { show = 1; next } /^(TASK|PLAY)/ { show = 0 } show' "$work/health.log"
echo "demo: the health report of the simulated headend is $report (open it in a browser)"
