#!/usr/bin/env bash
# Create or update one tool venv.
# usage: tools/mkvenv.sh PYTHON VENV_DIR REQUIREMENTS_FILE
# (Re)creates VENV_DIR when its python does not run or is not PYTHON's version,
# then pip-installs REQUIREMENTS_FILE. The Makefile's stamp file decides
# whether this runs at all (only when a requirements file changed).
set -euo pipefail
py=$1 venv=$2 req=$3

want=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
have=$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
if [ "$want" != "$have" ]; then
    echo "venv: creating $venv with $py (Python $want)"
    rm -rf "$venv"
    "$py" -m venv "$venv"
fi
echo "venv: installing $req into $venv"
# This machine's pip config names extra file:// indexes that may not exist;
# drop pip's "Location ... is ignored" noise but keep every other line.
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
