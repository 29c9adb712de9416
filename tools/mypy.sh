#!/usr/bin/env bash
# mypy --strict over plugins/module_utils (quality rule strict-typing).
# usage: tools/mypy.sh VENV_DIR
# Checked as the package ansible_collections.broadcast.video.plugins.module_utils from
# the .build copy so that intra-collection imports resolve.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$1" && pwd)
"$venv/bin/python" "$root/tools/sync_build.py" >/dev/null
cd "$root/.build"
if ! find ansible_collections/broadcast/video/plugins/module_utils -name '*.py' -print -quit 2>/dev/null | grep -q .; then
    echo "mypy: no Python files under plugins/module_utils yet (nothing to check)"
    exit 0
fi
set -x
"$venv/bin/python" -m mypy --strict \
    --config-file "$root/tools/mypy.ini" --cache-dir "$root/.venv/.mypy_cache" \
    ansible_collections/broadcast/video/plugins/module_utils
