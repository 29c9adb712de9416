#!/usr/bin/env bash
# Unit tests: pytest over tests/unit in the core219 venv, with line coverage of plugins/.
# usage: tools/units.sh VENV_DIR [pytest args...]
# Runs in the .build copy so that `ansible_collections.broadcast.video...` imports resolve
# (PYTHONPATH=.build); coverage is reported for plugins/ with paths relative to the collection.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$1" && pwd)
shift
"$venv/bin/python" "$root/tools/sync_build.py" >/dev/null
coll="$root/.build/ansible_collections/broadcast/video"
cd "$coll"
if ! find tests/unit -name 'test_*.py' -print -quit 2>/dev/null | grep -q .; then
    echo "units: no tests under tests/unit yet (nothing to run)"
    exit 0
fi
export PYTHONPATH="$root/.build${PYTHONPATH:+:$PYTHONPATH}"
export PATH="$venv/bin:$PATH"
export COVERAGE_FILE="$coll/tests/output/.coverage.units"
export COVERAGE_RCFILE="$root/tools/coveragerc"
mkdir -p tests/output
rc=0
"$venv/bin/python" -m coverage run -m pytest -p no:cacheprovider -q tests/unit "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "units: pytest collected no tests"
    rc=0
fi
# Coverage is reported even when a test failed (it is still informative).
"$venv/bin/python" -m coverage report || echo "units: no coverage data for plugins/"
exit "$rc"
