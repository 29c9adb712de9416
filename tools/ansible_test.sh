#!/usr/bin/env bash
# Run ansible-test from the collection copy under .build/.
# usage: tools/ansible_test.sh VENV_DIR sanity|units|integration [ansible-test args...]
#
# - syncs the working tree into .build/ansible_collections/broadcast/video
#   (ansible-test needs that placement; getcwd() resolves symlinks, so it is a copy);
# - uses `--venv --python X.Y`, X.Y being VENV_DIR's own Python, so the controller
#   Python is the one that ansible-core version is installed on;
# - the offline get-pip shim must be in ~/.ansible/test/cache (make venv).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$1" && pwd)
cmd=$2
shift 2
pyver=$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
core=$("$venv/bin/python" -c 'import ansible; print(ansible.__version__)' 2>/dev/null || echo '?')
"$venv/bin/python" "$root/tools/sync_build.py" >/dev/null
cd "$root/.build/ansible_collections/broadcast/video"
export PATH="$venv/bin:$PATH"
echo "ansible-test $cmd: ansible-core $core, Python $pyver ($(basename "$venv"))"
extra=()
if [ "$cmd" != sanity ]; then
    extra+=(--requirements)
fi
echo "+ ansible-test $cmd --venv --python $pyver ${extra[*]} $*"
# This machine's pip config lists extra file:// indexes that may not exist; pip then
# warns once per package ("Location ... is ignored"). Drop that noise, keep the rest
# (stderr is merged into stdout; the exit status is ansible-test's).
"$venv/bin/ansible-test" "$cmd" --venv --python "$pyver" "${extra[@]}" "$@" 2>&1 \
    | { grep --line-buffered -v "is ignored: it is neither a file nor a directory" || true; }
