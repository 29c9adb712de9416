#!/usr/bin/env bash
# Print the absolute path of a working Python >= 3.12 interpreter (for the
# ansible-core 2.21 legs), or nothing (exit 0) when the machine has none.
#
# Order: $PY_NEW if set; real binaries under $(pyenv root)/versions/3.1[2-4]*
# (pyenv shims exit 127 for versions that are not active, so they are never
# trusted without running them); then python3.14/3.13/3.12 on PATH.
# Every candidate is verified by running it.
set -u

check() {
    # $1: candidate; prints its real path when it runs and is >= 3.12
    local out
    out=$("$1" -c 'import sys; print(sys.executable if sys.version_info >= (3, 12) else "")' 2>/dev/null) || return 1
    [ -n "$out" ] || return 1
    printf '%s\n' "$out"
}

candidates=()
if [ -n "${PY_NEW:-}" ]; then
    candidates+=("$PY_NEW")
fi
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null || true)
    if [ -n "$root" ] && [ -d "$root/versions" ]; then
        for minor in 14 13 12; do
            # newest patch release first
            while IFS= read -r dir; do
                [ -x "$dir/bin/python3.$minor" ] && candidates+=("$dir/bin/python3.$minor")
            done < <(find "$root/versions" -mindepth 1 -maxdepth 1 -name "3.$minor.*" 2>/dev/null | sort -rV)
        done
    fi
fi
for minor in 14 13 12; do
    p=$(command -v "python3.$minor" 2>/dev/null) && candidates+=("$p")
done

for c in "${candidates[@]+"${candidates[@]}"}"; do
    if check "$c"; then
        exit 0
    fi
done
exit 0
