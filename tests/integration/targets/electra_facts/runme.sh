#!/usr/bin/env bash
# broadcast.video.electra_facts against the Electra XT simulator over real SNMP (UDP) and HTTP (the control API):
# - playbook.yml: every subset over v2c checked against the simulator's state, single subsets, exclusions,
#   job_parameters, display_key, bad options, the SNMP round trips; v3 authPriv equal to v2c; authNoPriv against an
#   authPriv user and against a second simulator whose user is authNoPriv; then (profiles.yml, imported) a user
#   profile file (extends: default) for a third simulator serving remapped tables, the same profile inline, the
#   default profile against that simulator, invalid profiles, a column the agent does not have;
# - credentials.yml (run at -vvvv, its whole output searched for the secrets): wrong community, wrong v3 auth key,
#   wrong v3 priv key, unknown v3 user fail quickly and clearly; a too-short v3 key fails before sending anything.
set -eux
source ../setup_simulator/simulator.sh
here=$(pwd)

start_simulator electra
main_url=$SIM_URL
main_snmp=$SIM_SNMP_PORT
start_simulator electra --v3-user electra-anp --v3-priv-protocol none
anp_url=$SIM_URL
anp_snmp=$SIM_SNMP_PORT
start_simulator electra --profile "$here/sim-remapped.yml"
remap_url=$SIM_URL
remap_snmp=$SIM_SNMP_PORT

ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e "sim_url=$main_url snmp_port=$main_snmp anp_url=$anp_url" \
    -e "anp_snmp_port=$anp_snmp remap_url=$remap_url remap_snmp_port=$remap_snmp" "$@"

log="${OUTPUT_DIR:-$(mktemp -d)}/electra_facts-credentials.log"
ansible-playbook -vvvv -i "${INVENTORY_PATH}" credentials.yml -e "sim_url=$main_url snmp_port=$main_snmp" "$@" >"$log" 2>&1 || {
    cat "$log"
    exit 1
}
# the secrets the playbook gives (its vars) appear nowhere in the -vvvv output; the messages do name the options
for secret in n0t-the-c0mmunity wr0ng-auth-key-77 wr0ng-priv-key-77 abc1234 electra-auth-key electra-priv-key; do
    if grep -F -- "$secret" "$log"; then
        echo "secret $secret leaked into the output" >&2
        exit 1
    fi
done
grep -F "does not accept the community" "$log"
grep -F "wrongDigests" "$log"
