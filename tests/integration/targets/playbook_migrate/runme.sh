#!/usr/bin/env bash
# broadcast.video.migrate between two VOS simulators: the seeded source (vos-dfw) and an empty target (vos-ord,
# another seed, so its ids differ) that also has profiles and a cloud-link group the source does not have.
# The mapping (files/mapping.yml) renames services, sources and destinations and remaps two profiles, one
# cloud-link group and one slate image to what only the target has; 3 of the 4 services are selected.
# 1. a mapping to a profile the target lacks fails before any write, naming it;
# 2. --check --diff writes nothing on the target and shows the diff and what would be created;
# 3. the real run creates exactly the mapped objects (names, profile, cloud-link group and image ids);
# 4. a second run changes nothing; the source cluster only ever received GETs;
# 5. migrate_control_state=off over the copies is refused before any write without migrate_overwrite, and
#    takes the copies off air with it.
set -eux
source ../setup_simulator/simulator.sh
start_simulator vos
source_url=$SIM_URL
source_port=$SIM_PORT
start_simulator vos --empty --seed 2
target_url=$SIM_URL
target_port=$SIM_PORT
py=$(sim_python)
out="${OUTPUT_DIR:-$(mktemp -d)}"
log="$out/playbook_migrate.log"
inventory="$out/migrate-headend.yml"
playbook_args=("$@")  # ansible-test's options (verbosity) for ansible-playbook

verify() {
    "$py" files/verify.py "$@"
}

cat >"$inventory" <<INVENTORY
all:
  children:
    vos_clusters:
      hosts:
        vos-dfw:
          vos_connection: {host: 127.0.0.1, port: $source_port, use_ssl: false, username: admin, password: admin-password}
        vos-ord:
          vos_connection: {host: 127.0.0.1, port: $target_port, use_ssl: false, username: admin, password: admin-password}
INVENTORY

migrate() {
    # migrate [ansible-playbook options]: the playbook by FQCN, 3 of the 4 seeded services selected
    ansible-playbook -i "$inventory" broadcast.video.migrate -e migrate_from=vos-dfw -e migrate_to=vos-ord \
        -e '{"migrate_services": ["AandEHD.*", "CNNHD.720.tv", "HBO?D.720.tv"]}' \
        "${playbook_args[@]+"${playbook_args[@]}"}" "$@" >"$log" 2>&1
}

expect_failure() {
    if migrate "$@"; then
        cat "$log"
        echo "the run did not fail" >&2
        exit 1
    fi
    cat "$log"
}

verify setup "$target_url"
verify clear "$source_url"
verify clear "$target_url"

# 1. a profile the target lacks: refused before any write
expect_failure -e migrate_mapping_file=files/mapping-missing-profile.yml
grep -qF "service 'CNNHD.720.tv', service 'HBOHD.720.tv': profile 'ord.720 3' (mapped from 'dfw.720 3') does not exist on the target" "$log"
verify no-writes "$target_url"

# 2. dry run
migrate -e migrate_mapping_file=files/mapping.yml --check --diff || { cat "$log"; exit 1; }
cat "$log"
verify no-writes "$target_url"
grep -qF "dry run (check mode), nothing written: would send 5 creates and 0 updates to vos-ord, plus the 6 objects listed as would create; vos-dfw was only read" "$log"
grep -qF "destination 'AandEHD-1382.ord.1080.mobile.origin' (absent)" "$log"
grep -qF "slate image 'http://slates.example.com/ord/blackout.png' (absent)" "$log"
grep -qF '"would create"' "$log"
grep -qF "target services: 3 to create, 0 to update, 0 unchanged" "$log"
grep -qF "services (3): AandEHD.1080.tv -> AandEHD.1080.ord, CNNHD.720.tv -> cnn.news.720, HBOHD.720.tv -> HBOHD.720.ord" "$log"

# 3. the copy
migrate -e migrate_mapping_file=files/mapping.yml --diff || { cat "$log"; exit 1; }
cat "$log"
grep -qF "sent 11 creates and 0 updates to vos-ord" "$log"
grep -qF "profiles remapped: Akamai -> ord.origin, dfw.1080 2 -> ord.1080 2" "$log"
grep -qF "cloud-link groups remapped: DFW-CL-GROUP-A -> ORD-CL-GROUP-A" "$log"
grep -qF "not copied (write-only, set again on the target if used): destination AandEHD-1382.ord.1080.mobile.origin" "$log"
grep -qF "control state: kept from the source cluster" "$log"
verify migrated "$target_url"

# 4. idempotent; the source was only read
verify clear "$target_url"
migrate -e migrate_mapping_file=files/mapping.yml || { cat "$log"; exit 1; }
cat "$log"
grep -qE "localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0" "$log"
grep -qF "sent 0 creates and 0 updates to vos-ord" "$log"
verify no-writes "$target_url"
verify only-reads "$source_url"

# 5. off air over existing copies: refused without migrate_overwrite, done with it
expect_failure -e migrate_mapping_file=files/mapping.yml -e migrate_control_state=off
grep -qF "service 'AandEHD.1080.ord' exists on the target with other control_state" "$log"
verify no-writes "$target_url"
migrate -e migrate_mapping_file=files/mapping.yml -e migrate_control_state=off -e migrate_overwrite=true \
    || { cat "$log"; exit 1; }
cat "$log"
grep -qF "sent 0 creates and 2 updates to vos-ord" "$log"
verify off-air "$target_url"
verify only-reads "$source_url"
