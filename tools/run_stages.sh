#!/usr/bin/env bash
# Run `make test`'s stages in order, stop at the first failure, time each stage
# and print a summary ending in "stages: N passed, M failed" (the plain closing line CI reads).
# usage: tools/run_stages.sh STAGE... (each STAGE is a make target; a stage
# written as "target?" is skipped, not failed, when SKIP_<TARGET> is set in the
# environment: used for the 2.21 legs on machines without Python >= 3.12).
# KEEP_GOING=1 runs the remaining stages after a failure (still exits non-zero).
set -uo pipefail
make=${MAKE:-make}
passed=0 failed=0 skipped=0
summary=()
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
start_all=$SECONDS
for stage in "$@"; do
    name=${stage%\?}
    if [ "$name" != "$stage" ]; then
        var="SKIP_$(echo "$name" | tr 'a-z-' 'A-Z_')"
        if [ -n "${!var:-}" ]; then
            echo "=== make test: skipping $name (${!var})"
            summary+=("$(printf '  %-18s %-8s %s' "$name" skipped "${!var}")")
            skipped=$((skipped + 1))
            continue
        fi
    fi
    echo "=== make test: stage $name"
    t0=$SECONDS
    if $make --no-print-directory "$name"; then
        dt=$((SECONDS - t0))
        passed=$((passed + 1))
        summary+=("$(printf '  %-18s %-8s %s' "$name" ok "$(fmt $dt)")")
    else
        dt=$((SECONDS - t0))
        failed=$((failed + 1))
        summary+=("$(printf '  %-18s %-8s %s' "$name" FAILED "$(fmt $dt)")")
        if [ -n "${KEEP_GOING:-}" ]; then
            echo "=== make test: stage '$name' FAILED after $(fmt $dt); continuing (KEEP_GOING)" >&2
            continue
        fi
        echo "=== make test: stage '$name' FAILED after $(fmt $dt); stopping (run 'make $name' to reproduce)" >&2
        break
    fi
done
echo "=== make test summary ($(fmt $((SECONDS - start_all))) total)"
printf '%s\n' "${summary[@]}"
[ "$skipped" -gt 0 ] && echo "  ($skipped stage(s) skipped)"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
