#!/usr/bin/env bash
# The health report's browser test (make report-test) and the documentation's screenshots (make screenshots).
#
# usage: tools/report_test.sh VENV_DIR [--screenshots DIR]
#
# 1. installs Debian's chromium and chromium-driver when missing (tools/install_chromium.sh);
# 2. starts the four device simulators (tools/simulators.sh) and writes a temporary inventory with one device host
#    per group (vos_clusters, hmp_servers, dms_servers, electra_systems) and its connection dict;
# 3. runs `ansible-playbook broadcast.video.health -e health_fail_on_crossed=false` (the seeded simulators have
#    critical alarms, so the play would otherwise fail after writing the report);
# 4. opens the report in headless Chromium with tools/check_report.py: pictures, tables and cards must render.
#
# The report and a full-page screenshot are kept in tests/output/report-test/. With --screenshots DIR, the
# screenshots for the documentation are written instead: DIR/health-report.png (the whole report) and
# DIR/health-topology.png (the picture of one VOS channel, the critical one).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ]; then
    echo "usage: tools/report_test.sh VENV_DIR [--screenshots DIR]" >&2
    exit 2
fi
venv=$(cd "$1" && pwd)
shift
shots=
while [ $# -gt 0 ]; do
    case $1 in
        --screenshots)
            [ $# -ge 2 ] || { echo "report_test: --screenshots needs a directory" >&2; exit 2; }
            shots=$2
            shift 2
            ;;
        *)
            echo "report_test: unknown argument '$1' (usage: tools/report_test.sh VENV_DIR [--screenshots DIR])" >&2
            exit 2
            ;;
    esac
done
py="$venv/bin/python"
export PATH="$venv/bin:$PATH"

"$root/tools/install_chromium.sh"
if ! "$py" -c 'import selenium' 2>/dev/null; then
    echo "report_test: ERROR: selenium is not installed in $venv (it is in tests/requirements-dev.txt: make venv)" >&2
    exit 1
fi

"$py" "$root/tools/sync_build.py" >/dev/null
export ANSIBLE_COLLECTIONS_PATH="$root/.build"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-1}
export ANSIBLE_DEPRECATION_WARNINGS=false
export ANSIBLE_LOCALHOST_WARNING=false
export ANSIBLE_INVENTORY_UNPARSED_WARNING=false

out="$root/tests/output/report-test"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/broadcast-video-report-test.XXXXXX")
# shellcheck source=tools/simulators.sh
source "$root/tools/simulators.sh"
sim_init "$work" "$py" report_test
cleanup() {
    stop_simulators
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_simulators

# The connection dicts of the shared contract (docs/dev/roles-and-playbooks.md); passwords and the community stay
# in the environment (start_simulators exported them), never in the file.
cat >"$work/inventory.yml" <<EOF
all:
  vars:
    # the modules run on the controller (connection: local) with the Python that runs Ansible
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  children:
    vos_clusters:
      hosts:
        vos-sim:
          vos_connection:
            host: 127.0.0.1
            port: $VOS_PORT
            use_ssl: false
            validate_certs: false
            auth_method: basic
            username: "{{ lookup('ansible.builtin.env', 'VOS_USERNAME') }}"
            password: "{{ lookup('ansible.builtin.env', 'VOS_PASSWORD') }}"
    hmp_servers:
      hosts:
        hmp-sim:
          hmp_connection:
            host: 127.0.0.1
            port: $HMP_PORT
            use_ssl: false
            validate_certs: false
            username: "{{ lookup('ansible.builtin.env', 'HMP_USERNAME') }}"
            password: "{{ lookup('ansible.builtin.env', 'HMP_PASSWORD') }}"
    dms_servers:
      hosts:
        dms-sim:
          dms_connection:
            host: 127.0.0.1
            port: $DMS_PORT
            use_ssl: false
            validate_certs: false
            username: "{{ lookup('ansible.builtin.env', 'DMS_USERNAME') }}"
            password: "{{ lookup('ansible.builtin.env', 'DMS_PASSWORD') }}"
    electra_systems:
      hosts:
        electra-sim:
          electra_connection:
            host: 127.0.0.1
            port: $ELECTRA_PORT
            use_ssl: false
            username: "{{ lookup('ansible.builtin.env', 'ELECTRA_USERNAME') }}"
            password: "{{ lookup('ansible.builtin.env', 'ELECTRA_PASSWORD') }}"
            snmp_port: $ELECTRA_SNMP_PORT
            community: "{{ lookup('ansible.builtin.env', 'ELECTRA_COMMUNITY', default='public') }}"
EOF

report="$out/health-report.html"
rm -f "$report"
echo "report_test: ansible-playbook broadcast.video.health -e health_fail_on_crossed=false"
# The documentation's screenshot shows the first rows of each table only, to stay small.
rows=()
if [ -n "$shots" ]; then
    rows=(-e '{"health_table_rows": 5}')
fi
if ! (cd "$work" && ansible-playbook -i "$work/inventory.yml" broadcast.video.health \
        -e '{"health_fail_on_crossed": false}' -e "health_report_path=$report" "${rows[@]+"${rows[@]}"}" \
        >"$work/health.log" 2>&1); then
    cat "$work/health.log"
    echo "report_test: FAILED: the health playbook failed (log above)" >&2
    exit 1
fi
sed -n '/^PLAY RECAP/,$p' "$work/health.log"
if [ ! -s "$report" ]; then
    cat "$work/health.log"
    echo "report_test: FAILED: the health playbook did not write $report" >&2
    exit 1
fi

# One device card per device host, one picture per VOS service of the simulator's seed (4).
check=("$py" "$root/tools/check_report.py" "$report" --min-cards 4 --min-topologies 4 --min-tables 4)
if [ -n "$shots" ]; then
    mkdir -p "$shots"
    "${check[@]}" --width 1280 --scale 0.65 --screenshot "$shots/health-report.png" \
        --topology-screenshot "$shots/health-topology.png"
else
    "${check[@]}" --screenshot "$out/health-report.png"
fi
echo "report_test: OK: $report renders in Chromium${shots:+ (screenshots in $shots)}"
