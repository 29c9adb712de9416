#!/usr/bin/env bash
# broadcast.video.backup and broadcast.video.restore against two sets of the four simulators (VOS, HMP, DMS,
# Electra XT), with the same device host names in two inventories:
# 1. set A changed through the modules (prepare.yml), backed up; backed up again: changed=0, byte-identical files;
#    no secret of the simulators in the files, and the secrets marked in secrets_left_out;
# 2. set B emptied (--empty; DMS devices, Electra XT jobs and HMP videos cannot be created: they exist, changed);
#    restore --check --diff: the changes shown, no write request in B's request logs;
# 3. restore for real (restore_secrets for the users and one end point password, -v output free of them), then a
#    backup of B equals the backup of A file for file; the secrets given were set;
# 4. restore_state=overridden deletes an item the backup does not have; a bad restore_state and a file of another
#    integration fail before any write, naming what is wrong.
set -eux
source ../setup_simulator/simulator.sh
py=$(sim_python)
sim() { "$py" files/sim.py "$@"; }
work="${OUTPUT_DIR:-$(mktemp -d)}/backup_restore"
rm -rf "$work"
mkdir -p "$work"
playbook_args=("$@")  # ansible-test's options (verbosity) for ansible-playbook

start_simulator vos; vos_a=$SIM_URL
start_simulator hmp; hmp_a=$SIM_URL
start_simulator dms --devices 20; dms_a=$SIM_URL
start_simulator electra; electra_a=$SIM_URL; snmp_a=$SIM_SNMP_PORT
start_simulator vos --empty; vos_b=$SIM_URL
start_simulator hmp --empty; hmp_b=$SIM_URL
start_simulator dms --devices 20 --empty; dms_b=$SIM_URL
start_simulator electra; electra_b=$SIM_URL; snmp_b=$SIM_SNMP_PORT
sim inventory "$work/a.json" "$vos_a" "$hmp_a" "$dms_a" "$electra_a" "$snmp_a"
sim inventory "$work/b.json" "$vos_b" "$hmp_b" "$dms_b" "$electra_b" "$snmp_b"

play() {
    # play LOG INVENTORY PLAYBOOK [ansible-playbook options]: run it, output in LOG (shown), status returned
    local log=$1 inventory=$2 playbook=$3 status=0
    shift 3
    ansible-playbook -i "$inventory" "$playbook" "${playbook_args[@]+"${playbook_args[@]}"}" "$@" >"$log" 2>&1 || status=$?
    cat "$log"
    return $status
}

# 1. back up set A twice
play "$work/prepare.log" "$work/a.json" prepare.yml
play "$work/backup1.log" "$work/a.json" broadcast.video.backup -e "backup_dir=$work/backup-a"
for host in vos-dfw hmp-dfw dms-edge electra-playout; do
    grep -qE "^$host +: ok=[0-9]+ +changed=2 " "$work/backup1.log"  # the directory and the files
done
find "$work/backup-a" -type f | sort >"$work/files"
[ "$(wc -l <"$work/files")" -eq 14 ]
(cd "$work/backup-a" && sha256sum ./*/*.yml) >"$work/sums"
play "$work/backup2.log" "$work/a.json" broadcast.video.backup -e "backup_dir=$work/backup-a"
[ "$(grep -cE ' changed=0 ' "$work/backup2.log")" -eq 4 ]
(cd "$work/backup-a" && sha256sum -c --quiet "$work/sums")
head -1 "$work/backup-a/vos-dfw/vos_sources.yml" | grep -qxF "# broadcast.video backup of vos_sources on vos-dfw (made by broadcast.video.backup; restore with broadcast.video.restore)"
sed -n 2,4p "$work/backup-a/vos-dfw/vos_sources.yml" | tr '\n' ' ' | grep -qxF "integration: vos module: broadcast.video.vos_sources key: name "
grep -qxF -- "- url: http://slates.example.com/vos/backup-test.png" "$work/backup-a/vos-dfw/vos_images.yml"
grep -qxF "  description: Lobby encoder (changed before the backup)" "$work/backup-a/hmp-dfw/hmp_sources.yml"
grep -qxF "  location: Backup test rack" "$work/backup-a/dms-edge/dms_devices.yml"
grep -qxF "    custom_label: backed up" "$work/backup-a/electra-playout/electra_jobs.yml"
# no secret in any file, and each one marked
sim secrets "$vos_a" "$hmp_a" >"$work/secrets"
[ "$(wc -l <"$work/secrets")" -ge 10 ]
if grep -rF -f "$work/secrets" "$work/backup-a"; then
    echo "a backup file holds a secret" >&2
    exit 1
fi
grep -A1 -xF -- "- item: backup-test" "$work/backup-a/vos-dfw/vos_users.yml" | grep -qxF "  option: password"
grep -A1 -xF -- "- item: Backup Test SRT" "$work/backup-a/hmp-dfw/hmp_sources.yml" | grep -qxF "  option: passphrase"
grep -qF "  option: outputs[0].end_points[3].password" "$work/backup-a/vos-dfw/vos_destinations.yml"

# 2. the second set: restore --check --diff shows the changes and writes nothing
sim prepare-b "$hmp_a" "$hmp_b" "$dms_b" "$electra_b"
sim restore-secrets "$vos_a" "$work/secrets.json"
sim clear "$vos_b" "$hmp_b" "$dms_b" "$electra_b"
play "$work/check.log" "$work/b.json" broadcast.video.restore -e "restore_dir=$work/backup-a" \
    -e "@$work/secrets.json" --check --diff
[ -z "$(sim writes "$vos_b" "$hmp_b" "$dms_b" "$electra_b")" ]
grep -qF '"vos_images (merged): 3 to create",' "$work/check.log"
grep -qF '"vos_users (merged): 3 to create"' "$work/check.log"
grep -qF '"hmp_videos (merged): 4 to update"' "$work/check.log"   # the 5 videos, 4 with a description
grep -qF '"dms_devices (merged): 20 to update",' "$work/check.log"
grep -qF '"electra_jobs (merged): 2 to update"' "$work/check.log"
grep -qF "+++ after: slate image 'http://slates.example.com/vos/backup-test.png'" "$work/check.log"
grep -qF "+++ after: job 'kids-0004'" "$work/check.log"
grep -qF "+++ after: source 'Backup Test SRT'" "$work/check.log"
grep -qF '"item": "CNNHD.720.tv",' "$work/check.log"   # VOS services use sources created earlier: shown, not run
grep -qF "hmp_sources: Backup Test SRT passphrase (created without it)" "$work/check.log"
for host in vos-dfw hmp-dfw dms-edge electra-playout; do
    grep -qE "^$host +: ok=[0-9]+ +changed=[1-9]" "$work/check.log"
done
if grep -F -f "$work/secrets" "$work/check.log"; then
    echo "the check run showed a secret" >&2
    exit 1
fi

# 3. restore for real: a backup of set B is the backup of set A
play "$work/restore.log" "$work/b.json" broadcast.video.restore -e "restore_dir=$work/backup-a" \
    -e "@$work/secrets.json" -v
[ -n "$(sim writes "$vos_b" "$hmp_b" "$dms_b" "$electra_b")" ]
if grep -F -f "$work/secrets" "$work/restore.log"; then
    echo "the restore showed a secret" >&2
    exit 1
fi
sim check-secret "$vos_a" "$vos_b"
play "$work/backup3.log" "$work/b.json" broadcast.video.backup -e "backup_dir=$work/backup-b"
diff -r "$work/backup-a" "$work/backup-b"

# 4. overridden deletes what the backup does not have; errors before any write
"$py" -c "import sys; sys.path.insert(0, 'files'); import sim; sim.call(sys.argv[1], 'POST', '/__sim__/items/images', {'url': 'http://extra/not-backed-up.png'})" "$vos_b"
sim images "$vos_b" | grep -qxF "http://extra/not-backed-up.png"
play "$work/overridden.log" "$work/b.json" broadcast.video.restore -e "restore_dir=$work/backup-a" \
    -e restore_state=overridden --limit vos-dfw
grep -qF '"vos_images (replaced, then deleted): 1 to delete",' "$work/overridden.log"
grep -qE "^vos-dfw +: ok=[0-9]+ +changed=1 " "$work/overridden.log"
[ "$(sim images "$vos_b" | tr '\n' ' ')" = "http://slates.example.com/vos/backup-test.png http://slates.example.com/vos/blackout.png http://slates.example.com/vos/signal-loss.png " ]

sim clear "$vos_b" "$hmp_b" "$dms_b" "$electra_b"
if play "$work/bad_state.log" "$work/b.json" broadcast.video.restore -e "restore_dir=$work/backup-a" \
    -e restore_state=replaced --limit electra-playout; then
    echo "restore_state=replaced was accepted" >&2
    exit 1
fi
grep -qF "electra-playout: restore_state: replaced is not allowed; use merged" "$work/bad_state.log"
cp "$work/backup-a/vos-dfw/vos_images.yml" "$work/backup-a/electra-playout/"
if play "$work/bad_file.log" "$work/b.json" broadcast.video.restore -e "restore_dir=$work/backup-a" \
    --limit electra-playout; then
    echo "a VOS file was accepted for an Electra XT host" >&2
    exit 1
fi
grep -qF "electra-playout: vos_images.yml in $work/backup-a/electra-playout is not a backup file of the host's integration, electra (its files are electra_jobs.yml)" "$work/bad_file.log"
[ -z "$(sim writes "$vos_b" "$hmp_b" "$dms_b" "$electra_b")" ]
