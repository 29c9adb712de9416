#!/usr/bin/env bash
# ansible-lint --profile production over roles/ and playbooks/ (offline).
# usage: tools/lint.sh VENV_DIR
# broadcast.video resolves from the .build copy (ANSIBLE_COLLECTIONS_PATH), so
# FQCNs and module_defaults groups of this collection lint without Galaxy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$1" && pwd)
"$venv/bin/python" "$root/tools/sync_build.py" >/dev/null
cd "$root"
paths=()
for d in roles playbooks; do
    if [ -d "$d" ] && [ -n "$(find "$d" -type f \( -name '*.yml' -o -name '*.yaml' \) -print -quit)" ]; then
        paths+=("$d")
    fi
done
if [ "${#paths[@]}" -eq 0 ]; then
    echo "lint: nothing to lint (roles/ and playbooks/ are empty)"
    exit 0
fi
export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$root/.build"
export ANSIBLE_HOME="$root/.ansible"
set -x
"$venv/bin/ansible-lint" --offline --profile production "${paths[@]}"
