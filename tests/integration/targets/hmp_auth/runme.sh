#!/usr/bin/env bash
# Authentication, TLS, failures and secrets of the HMP modules against the simulator over HTTPS.
set -eux
source ../setup_simulator/simulator.sh
start_simulator hmp --tls
py=$(sim_python)
work=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/hmp-auth.XXXXXX")
"$py" -c 'import sys, trustme; trustme.CA().cert_pem.write_to_path(sys.argv[1])' "$work/wrong-ca.pem"
vars=(-e "sim_url=$SIM_URL sim_port=$SIM_PORT sim_ca=$SIM_CA wrong_ca=$work/wrong-ca.pem")
ansible-playbook -i "${INVENTORY_PATH}" playbook.yml "${vars[@]}" "$@"

# Secrets never appear in results, diffs, errors or -vvvv output: the password, the API key and secret, a wrong
# password, a new SRT passphrase, the seeded rendezvous passphrase and the set-top boxes' admin PIN field.
cat >"$work/secrets.json" <<'JSON'
{"secret_password": "hmp-password", "secret_wrong": "wrong-Passw0rd-xyz", "secret_api_key": "hmp-api-key",
 "secret_api_secret": "hmp-api-secret", "secret_passphrase": "srt-Passphrase-s3cret"}
JSON
ANSIBLE_NOCOLOR=1 ansible-playbook -vvvv -i "${INVENTORY_PATH}" secrets.yml "${vars[@]}" -e "@$work/secrets.json" >"$work/vvvv.log" 2>&1 || {
    cat "$work/vvvv.log"
    exit 1
}
grep -q "secrets.yml" "$work/vvvv.log"
grep -q "Rendered, offline" "$work/vvvv.log"
grep -q '"passphrase": "\*\*\*\*\*\*\*\*"' "$work/vvvv.log"  # the rendered body masks it
grep -q 'ok=6 *changed=2 .*failed=0 .*ignored=1' "$work/vvvv.log"
for secret in hmp-password hmp-api-key hmp-api-secret wrong-Passw0rd-xyz srt-Passphrase-s3cret rendezvous-secret adminPin admin_pin; do
    if grep -n -F "$secret" "$work/vvvv.log"; then
        echo "secret '$secret' leaked into -vvvv output" >&2
        exit 1
    fi
done
echo "no secret in $(wc -l <"$work/vvvv.log") lines of -vvvv output"
