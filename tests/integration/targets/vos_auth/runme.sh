#!/usr/bin/env bash
# Authentication, TLS, failures and secrets of the VOS modules against the simulator over HTTPS.
set -eux
source ../setup_simulator/simulator.sh
start_simulator vos --tls --token-ttl 3600
py=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/vos-auth.XXXXXX")
"$py" -c 'import sys, trustme; trustme.CA().cert_pem.write_to_path(sys.argv[1])' "$work/wrong-ca.pem"
vars=(-e "sim_url=$SIM_URL sim_port=$SIM_PORT sim_ca=$SIM_CA wrong_ca=$work/wrong-ca.pem")
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml "${vars[@]}" "$@"

# Secrets never appear in results, diffs, errors or -vvvv output.
cat >"$work/secrets.json" <<'JSON'
{"secret_admin": "admin-password", "secret_wrong": "wrong-Passw0rd-xyz", "secret_client": "vos-client-secret",
 "secret_end_point": "end-point-s3cret", "secret_user": "user-Passw0rd-secret"}
JSON
ANSIBLE_NOCOLOR=1 ansible-playbook -vvvv -i "${INVENTORY_PATH}" secrets.yml "${vars[@]}" -e "@$work/secrets.json" >"$work/vvvv.log" 2>&1 || {
    cat "$work/vvvv.log"
    exit 1
}
grep -q "secrets.yml" "$work/vvvv.log"
for secret in admin-password vos-client-secret wrong-Passw0rd-xyz end-point-s3cret user-Passw0rd-secret; do
    if grep -n -F "$secret" "$work/vvvv.log"; then
        echo "secret '$secret' leaked into -vvvv output" >&2
        exit 1
    fi
done
echo "no secret in $(wc -l <"$work/vvvv.log") lines of -vvvv output"
