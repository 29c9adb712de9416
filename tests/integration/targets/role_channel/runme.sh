#!/usr/bin/env bash
# broadcast.video.channel against a VOS and an HMP simulator (apply.yml, one host with both):
# 1. lineup.yml (3 channels, one with an HMP recording) applied: changed, checked in both simulators' state;
# 2. re-applied: changed=0 and no write request;
# 3. lineup_modified.yml (one channel off air, a port changed, a new channel with a new slate and HMP session)
#    with --check --diff, without and with channel_purge: changes and diffs shown, deferred objects listed, no write;
# 4. lineup.yml with channel_purge=true: the seeded services, sources and destinations are gone, the line-up's
#    stay (slate images and HMP untouched);
# 5. a bad definition (lineup_bad.yml) fails in the argument_specs validation, a duplicate source name
#    (lineup_duplicate.yml) in the channel_lineup filter: both before any write.
# The end point password of lineup.yml never appears in any output.
set -eux
source ../setup_simulator/simulator.sh
start_simulator vos
VOS_URL=$SIM_URL
VOS_PORT=$SIM_PORT
start_simulator hmp
HMP_URL=$SIM_URL
HMP_PORT=$SIM_PORT
py=$(sim_python)
out="${OUTPUT_DIR:-$(mktemp -d)}"
playbook_args=("$@")  # ansible-test's options (verbosity) for ansible-playbook

check() {
    "$py" sim_check.py "$@"
}

# apply NAME [ansible-playbook options...]: run apply.yml, output in $out/NAME.log (shown)
apply() {
    local name=$1 rc=0
    shift
    ansible-playbook -i "${INVENTORY_PATH}" apply.yml -e "vos_port=$VOS_PORT hmp_port=$HMP_PORT" "$@" \
        "${playbook_args[@]+"${playbook_args[@]}"}" >"$out/$name.log" 2>&1 || rc=$?
    cat "$out/$name.log"
    if grep -qF it-end-point-secret "$out/$name.log"; then
        echo "the end point password is in the output of $name" >&2
        exit 1
    fi
    return "$rc"
}

# 1. apply
apply first -e @lineup.yml
[ "$(check changed "$out/first.log")" -gt 0 ]
check lineup "$VOS_URL" "$HMP_URL" applied

# 2. re-apply: nothing changes, nothing is written
check clear "$VOS_URL" "$HMP_URL"
apply again -e @lineup.yml
[ "$(check changed "$out/again.log")" -eq 0 ]
check no-writes "$VOS_URL" "$HMP_URL"

# 3. check mode with diff of a modified line-up, without and with purge
check clear "$VOS_URL" "$HMP_URL"
apply check -e @lineup_modified.yml --check --diff
[ "$(check changed "$out/check.log")" -gt 0 ]
grep -qE '^-    "control_state": "activated",' "$out/check.log"   # it.news goes off air
grep -qE '^\+    "control_state": "off",' "$out/check.log"
grep -qE '^\+            "ip_port": 5002,' "$out/check.log"        # it.movies input port
grep -qF "+++ after: slate image 'http://slates.example.com/it/weather.png'" "$out/check.log"
grep -qF "+++ after: destination 'it.weather.ats'" "$out/check.log"
grep -qF "+++ after: session 'it.weather'" "$out/check.log"
grep -qF "services (would be created or updated once their sources, destinations and slate exist): it.weather" "$out/check.log"
grep -qF '"session": "it.weather",' "$out/check.log"                # its events, deferred
if grep -qF "(deleted)" "$out/check.log"; then
    echo "check mode without channel_purge plans a delete" >&2
    exit 1
fi
apply check_purge -e @lineup_modified.yml -e channel_purge=true --check --diff
grep -qF "+++ after: service 'HBOHD.720.tv' (deleted)" "$out/check_purge.log"
grep -qF "+++ after: source 'HBO.HBOHD.1080.eng.p' (deleted)" "$out/check_purge.log"
grep -qF "+++ after: destination 'HBOHD-5120.dfw.720.mobile.ATS' (deleted)" "$out/check_purge.log"
if grep -qE "after: (service|source|destination) 'it\.[a-z.]*' \(deleted\)" "$out/check_purge.log"; then
    echo "check mode with channel_purge plans to delete a declared object" >&2
    exit 1
fi
# overridden leaves an unchanged channel alone (the expansion declares VOS's defaults, so nothing differs)
if grep -qE "before: (service|source|destination) 'it\.sports" "$out/check_purge.log"; then
    echo "check mode with channel_purge plans to update the unchanged channel it.sports" >&2
    exit 1
fi
check no-writes "$VOS_URL" "$HMP_URL"
check lineup "$VOS_URL" "$HMP_URL" applied

# 4. purge: only the line-up is left on the cluster
apply purge -e @lineup.yml -e channel_purge=true
[ "$(check changed "$out/purge.log")" -gt 0 ]
check lineup "$VOS_URL" "$HMP_URL" purged

# 5. bad definitions fail before any write
check clear "$VOS_URL" "$HMP_URL"
if apply bad -e @lineup_bad.yml; then
    echo "a destination of type hls was accepted" >&2
    exit 1
fi
grep -qF "Validating arguments against arg spec 'main'" "$out/bad.log"
grep -qF "value of type must be one of: origin, ats, got: hls found in channel_lineup -> destinations" "$out/bad.log"
grep -qF "ok=0" "$out/bad.log"
if apply duplicate -e @lineup_duplicate.yml; then
    echo "two channels with the same source name were accepted" >&2
    exit 1
fi
grep -qF "channel 'it.two' (channel_lineup[1]): source 'it.shared.feed' is also declared by channel 'it.one' (channel_lineup[0])" \
    "$out/duplicate.log"
check no-writes "$VOS_URL" "$HMP_URL"
check lineup "$VOS_URL" "$HMP_URL" purged
