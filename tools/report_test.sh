#!/usr/bin/env bash
# The health report's browser test (make report-test) and the documentation's screenshots (make screenshots).
#
# usage: tools/report_test.sh VENV_DIR [--screenshots DIR]
#
# 1. installs Debian's chromium and chromium-driver when missing (tools/install_chromium.sh);
# 2. starts the four device simulators (tools/simulators.sh), which exports their addresses and credentials as the
#    VOS_*, HMP_*, DMS_* and ELECTRA_* variables that the example inventory's connection dicts read
#    (playbooks/inventory/headend.yml: one device host per group vos_clusters, hmp_servers, dms_servers,
#    electra_systems);
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

out="$root/tests/output/report-test"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/broadcast-video-report-test.XXXXXX")
# shellcheck source=tools/simulators.sh
source "$root/tools/simulators.sh"
sim_init "$work" "$py" report_test
ansible_env "$root"

start_simulators



report="$out/health-report.html"
rm -f "$report"
echo "report_test: ansible-playbook broadcast.video.health -e health_fail_on_crossed=false"
# The documentation's screenshot shows the first rows of each table only, to stay small.
rows=()
if [ -n "$shots" ]; then
    rows=(-e '{"health_table_rows": 5}')
fi
if ! (cd "$work" && ansible-playbook -i "$root/playbooks/inventory/headend.yml" broadcast.video.health \
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
