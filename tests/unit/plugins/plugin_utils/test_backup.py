# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/plugin_utils/backup.py: backup documents and restore plans (pure), plus a round trip over the four
simulators (every backed-up module gathered through the resource engine, turned into a document and planned back
against the same device: no change)."""

from __future__ import annotations

import copy
import importlib

import pytest
import yaml

from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
from ansible_collections.broadcast.video.plugins.module_utils.electra.device import ELECTRA_HTTP
from ansible_collections.broadcast.video.plugins.module_utils.fields import Field, FieldMap
from ansible_collections.broadcast.video.plugins.module_utils.hmp.device import HMP
from ansible_collections.broadcast.video.plugins.module_utils.resource import ResourceEngine, ResourceSpec
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.plugin_utils import backup
from ansible_collections.broadcast.video.plugins.plugin_utils.backup import (
    INTEGRATIONS, RESOURCES, BackupError, Resource, backup_document, integration_modules, plain, resource,
    restore_plans, set_secret, sort_keys)

DEST = {"name": "news.origin", "type": "origin", "destination_profile": "Akamai", "outputs": [
    {"rank": 1, "type": "origin", "end_points": [{"packaging": "hls", "username": "u", "port": 80},
                                                 {"packaging": "dash"}]}]}
ATS = {"name": "cnn.ats", "type": "ats", "outputs": [{"rank": 1, "type": "cloudlink", "cloud_link_group": "G1",
                                                     "ip_address": "239.1.1.1", "ip_port": 4000}]}


def doc(module, items):
    """The backup document of ``items`` (gathered form) of ``module``."""
    return backup_document(items, module)


# ---------------------------------------------------------------------------------------------- registry


def test_registry_matches_the_modules():
    """Each registered module uses the registered spec and offers exactly the registered states."""
    fragment = importlib.import_module("ansible_collections.broadcast.video.plugins.doc_fragments.resource_state")
    default_states = yaml.safe_load(fragment.ModuleDocFragment.DOCUMENTATION)["options"]["state"]["choices"]
    for name, res in RESOURCES.items():
        module = importlib.import_module("ansible_collections.broadcast.video.plugins.modules.%s" % name)
        assert any(value is res.spec for value in vars(module).values()), name
        options = yaml.safe_load(module.DOCUMENTATION)["options"]
        states = options["state"]["choices"] if "state" in options else default_states
        assert tuple(states) == res.states, name
        assert name.startswith(res.integration + "_")


def test_integrations_cover_the_configuration_modules_in_dependency_order():
    assert [m for i in INTEGRATIONS for m in integration_modules(i)] == [
        "vos_images", "vos_sources", "vos_destinations", "vos_services", "vos_users",
        "hmp_sources", "hmp_sessions", "hmp_events", "hmp_videos",
        "dms_groups", "dms_destinations", "dms_devices", "dms_authorizations", "electra_jobs"]
    for integration in INTEGRATIONS:
        seen = set()
        for name in integration_modules(integration):
            spec = RESOURCES[name].spec
            kinds = {RESOURCES[m].spec.kind for m in integration_modules(integration)}
            # every referenced kind that a backup restores is restored earlier
            assert {k for k in spec.fields.reference_kinds() if k in kinds and k != spec.kind} <= seen, name
            seen.add(spec.kind)
    with pytest.raises(BackupError, match="integration 'x' is not one of vos, hmp, dms, electra"):
        integration_modules("x")


def test_resource_lookup():
    assert resource("vos_sources") is RESOURCES["vos_sources"]
    assert resource("broadcast.video.vos_sources").fqcn == "broadcast.video.vos_sources"
    with pytest.raises(BackupError, match=r"module 'vos_facts' is not a resource module of broadcast.video; use one of dms_"):
        resource("vos_facts")
    assert not RESOURCES["dms_devices"].creatable and not RESOURCES["dms_devices"].deletable
    assert not RESOURCES["hmp_videos"].creatable and not RESOURCES["hmp_videos"].deletable
    assert RESOURCES["vos_users"].creatable and RESOURCES["vos_users"].deletable


# ---------------------------------------------------------------------------------------------- documents


def test_sort_keys():
    assert list(sort_keys({"b": 1, "a": [{"d": 1, "c": (2,)}]})) == ["a", "b"]
    assert sort_keys({"b": 1, "a": [{"d": 1, "c": (2,)}]}) == {"a": [{"c": [2], "d": 1}], "b": 1}
    assert sort_keys(3) == 3


def test_plain():
    class Text(str):
        pass

    class Number(int):
        pass

    marker = object()
    value = plain({Text("a"): (Text("x"), Number(3), 1.5, True, None, marker)})
    assert value == {"a": ["x", 3, 1.5, True, None, marker]}
    assert [k.__class__ for k in value] == [str] and [v.__class__ for v in value["a"][:3]] == [str, int, float]


def test_secret_paths():
    fields = RESOURCES["vos_destinations"].spec.fields
    assert fields.secret_paths(DEST) == ["outputs[0].end_points[0].password", "outputs[0].end_points[1].password"]
    assert fields.secret_paths(ATS) == []  # end_points only exist on origin outputs
    assert fields.secret_paths({"name": "x", "outputs": [{"type": "origin", "end_points": ["junk"]}]}) == []
    assert fields.secret_paths({"name": "x", "outputs": None}) == []
    hmp = RESOURCES["hmp_sources"].spec.fields
    assert hmp.secret_paths({"name": "a", "type": "srt"}) == ["passphrase"]
    assert hmp.secret_paths({"name": "a", "type": "udp"}) == []


def test_backup_document_is_sorted_and_marks_secrets():
    gathered = [dict(DEST, name="z.origin"), ATS, DEST]
    document = doc("broadcast.video.vos_destinations", gathered)
    assert list(document) == ["integration", "module", "key", "secrets_left_out", "config"]
    assert document["integration"] == "vos" and document["module"] == "broadcast.video.vos_destinations"
    assert document["key"] == "name"
    assert [i["name"] for i in document["config"]] == ["cnn.ats", "news.origin", "z.origin"]
    assert list(document["config"][1]) == sorted(document["config"][1])
    assert list(document["config"][1]["outputs"][0]["end_points"][0]) == ["packaging", "port", "username"]
    assert document["secrets_left_out"] == [
        {"item": "news.origin", "option": "outputs[0].end_points[0].password"},
        {"item": "news.origin", "option": "outputs[0].end_points[1].password"},
        {"item": "z.origin", "option": "outputs[0].end_points[0].password"},
        {"item": "z.origin", "option": "outputs[0].end_points[1].password"}]
    # deterministic, and the input is not touched
    assert doc("vos_destinations", list(reversed(gathered))) == document
    assert gathered[2] == DEST
    assert doc("vos_images", None) == {"integration": "vos", "module": "broadcast.video.vos_images", "key": "url",
                                       "secrets_left_out": [], "config": []}


def test_backup_document_clean_and_events_identity():
    events = [{"session": "S", "start_time": 1700000000, "type": "one-time", "duration": None},
              {"session": "A", "start_time": 1800000000, "type": "one-time"}]
    document = doc("hmp_events", events)
    assert document["key"] == "session"
    assert document["config"] == [{"session": "A", "start_time": 1800000000, "type": "one-time"},
                                  {"session": "S", "start_time": 1700000000, "type": "one-time"}]


@pytest.mark.parametrize("gathered, message", [
    ("x", r"vos_images: gathered must be a list of vos_images items, got str"),
    (["x"], r"vos_images: gathered\[0\] must be a dict, got str"),
    ([{"url": "a"}, {"url": "a"}], r"gathered\[1\]: slate image 'a' appears twice; the device holds two items"),
    ([{"nope": 1}], r"vos_images: gathered\[0\]: slate image has no url"),
])
def test_backup_document_refuses(gathered, message):
    with pytest.raises(BackupError, match=message):
        doc("vos_images", gathered)


def test_backup_document_refuses_secrets():
    with pytest.raises(BackupError, match=r"vos_users: gathered\[0\] \(user 'op'\) holds a secret value"):
        doc("vos_users", [{"username": "op", "password": "x"}])


# ---------------------------------------------------------------------------------------------- secrets


def test_set_secret():
    res = RESOURCES["vos_destinations"]
    item = copy.deepcopy(DEST)
    set_secret(res, item, "outputs[0].end_points[1].password", "s3cret", "where")
    assert item["outputs"][0]["end_points"][1]["password"] == "s3cret"
    assert "password" not in DEST["outputs"][0]["end_points"][1]
    user = {"username": "op"}
    set_secret(RESOURCES["vos_users"], user, "password", "pw", "where")
    assert user == {"username": "op", "password": "pw"}
    with pytest.raises(BackupError, match=r"where: 'outputs\[0\].end_points\[5\].password' is not a secret option of "
                                          r"this destination; its secret options are outputs\[0\].end_points\[0\]"):
        set_secret(res, item, "outputs[0].end_points[5].password", "x", "where")
    with pytest.raises(BackupError, match=r"its secret options are none"):
        set_secret(res, copy.deepcopy(ATS), "password", "x", "where")
    with pytest.raises(BackupError, match=r"where.password: give the secret as a string \(from Ansible Vault\), got int"):
        set_secret(RESOURCES["vos_users"], user, "password", 3, "where")


def test_references():
    fields = RESOURCES["vos_services"].spec.fields
    service = {"name": "s", "profile": "p", "sources": [{"name": "src", "rank": 1}, "junk"], "destinations": ["d1", "d2"],
               "slate_image": None}
    assert sorted(fields.references(service)) == [("destinations", "d1"), ("destinations", "d2"), ("profiles", "p"),
                                                  ("sources", "src")]
    assert fields.references({"name": "s", "sources": "notalist"}) == []
    inputs = RESOURCES["vos_sources"].spec.fields
    assert inputs.references({"name": "x", "inputs": [{"type": "slate", "slate_image": "u", "cloud_link_group": "g"}]}) \
        == [("images", "u")]


# ---------------------------------------------------------------------------------------------- restore plans


def plans(documents, integration, current, state="merged", secrets=None, with_secrets=False):
    return restore_plans(documents, integration, current, state, secrets, with_secrets)


def test_restore_into_an_empty_device_creates_in_order_and_defers_references():
    documents = {
        "vos_images": doc("vos_images", [{"url": "http://i/slate.png"}]),
        "vos_sources": doc("vos_sources", [{"name": "src", "inputs": [
            {"rank": 1, "type": "slate", "slate_type": "signal_loss", "slate_image": "http://i/slate.png"}]},
            {"name": "plain", "inputs": []}]),
        "vos_services": doc("vos_services", [{"name": "svc", "profile": "p", "sources": [{"name": "other", "rank": 1}]}]),
    }
    current = {"vos_images": [], "vos_sources": [], "vos_services": []}
    result = plans(documents, "vos", current)
    assert list(result) == ["vos_images", "vos_sources", "vos_services"]
    images, sources, services = result["vos_images"], result["vos_sources"], result["vos_services"]
    assert images["summary"] == "vos_images (merged): 1 to create"
    assert images["changes"] == [{"operation": "create", "item": "http://i/slate.png", "before": {},
                                  "after": {"url": "http://i/slate.png"}}]
    assert images["changed"] and images["run"] and images["deferred"] == []
    assert sources["deferred"] == ["images http://i/slate.png"]
    assert sources["changes"][1]["after"] == {"name": "src", "enable_monitoring": False, "inputs": [
        {"rank": 1, "type": "slate", "slate_type": "signal_loss", "slate_image": "http://i/slate.png"}]}
    # a reference to an item that is not created by this restore does not defer
    assert services["deferred"] == []
    assert services["delete_state"] is None and services["deletes"] == []
    assert services["notes"] == [] and services["secret_notes"] == []


def test_merged_updates_only_what_differs_and_keeps_undeclared_items():
    document = doc("dms_groups", [{"name": "news", "description": "News", "allow_schedule_authorization": False},
                                  {"name": "kids", "description": "Kids", "allow_schedule_authorization": False}])
    current = {"dms_groups": [{"name": "news", "description": "changed", "allow_schedule_authorization": False},
                              {"name": "kids", "description": "Kids", "allow_schedule_authorization": False},
                              {"name": "extra", "description": "", "allow_schedule_authorization": False}]}
    plan = plans({"dms_groups": document}, "dms", current)["dms_groups"]
    assert plan["state"] == "merged"
    assert plan["changes"] == [{"operation": "update", "item": "news",
                                "before": {"name": "news", "description": "changed", "allow_schedule_authorization": False},
                                "after": {"name": "news", "description": "News", "allow_schedule_authorization": False}}]
    assert plan["summary"] == "dms_groups (merged): 1 to update"
    unchanged = plans({"dms_groups": document}, "dms", {"dms_groups": document["config"]})["dms_groups"]
    assert unchanged["summary"] == "dms_groups (merged): no change"
    assert not unchanged["changed"] and not unchanged["run"]


def test_overridden_replaces_and_deletes_the_rest():
    document = doc("dms_groups", [{"name": "news", "description": "News", "allow_schedule_authorization": False}])
    current = {"dms_groups": [{"name": "news", "description": "News", "allow_schedule_authorization": True},
                              {"name": "a-extra", "description": "", "allow_schedule_authorization": False}]}
    plan = plans({"dms_groups": document}, "dms", current, "overridden")["dms_groups"]
    assert plan["state"] == "replaced" and plan["delete_state"] == "deleted"
    assert plan["deletes"] == [current["dms_groups"][1]]
    assert [(c["operation"], c["item"]) for c in plan["changes"]] == [("update", "news"), ("delete", "a-extra")]
    assert plan["changes"][1]["after"] == {}
    assert plan["summary"] == "dms_groups (replaced, then deleted): 1 to update, 1 to delete"
    assert plan["run"]
    only_delete = plans({"dms_groups": document}, "dms", {"dms_groups": document["config"] + current["dms_groups"][1:]},
                        "overridden")["dms_groups"]
    assert only_delete["changed"] and not only_delete["run"]


def test_replaced_sets_left_out_options_to_their_defaults():
    document = doc("hmp_videos", [{"title": "V"}])
    current = {"hmp_videos": [{"title": "V", "description": "old"}]}
    assert plans({"hmp_videos": document}, "hmp", current)["hmp_videos"]["changes"] == []
    plan = plans({"hmp_videos": document}, "hmp", current, "overridden")["hmp_videos"]
    assert plan["changes"][0]["after"] == {"title": "V", "description": ""}


def test_overridden_soft_deletes_events():
    event = {"session": "S", "start_time": 1700000000, "type": "one-time", "command": "set-live", "record": False,
             "active": True}
    other = dict(event, start_time=1800000000)
    inactive = dict(event, start_time=1900000000, active=False)
    plan = plans({"hmp_events": doc("hmp_events", [event])}, "hmp", {"hmp_events": [event, other, inactive]},
                 "overridden")["hmp_events"]
    assert plan["deletes"] == [other]
    assert plan["changes"] == [{"operation": "delete", "item": "S @ 2027-01-15T08:00:00Z", "before": other,
                                "after": dict(other, active=False)}]
    # the backup names the start time in ISO form: the same event
    iso = dict(event, start_time="2023-11-14T22:13:20Z")
    same = plans({"hmp_events": {"integration": "hmp", "module": "broadcast.video.hmp_events", "key": "session",
                                 "secrets_left_out": [], "config": [iso]}}, "hmp", {"hmp_events": [event]})
    assert same["hmp_events"]["changes"] == []


def test_items_that_cannot_be_created_are_skipped_and_never_deleted():
    videos = doc("hmp_videos", [{"title": "A", "description": "x"}, {"title": "B", "description": "y"}])
    current = [{"title": "A", "description": ""}, {"title": "C", "description": ""}, {"title": "D", "description": ""}]
    plan = plans({"hmp_videos": videos}, "hmp", {"hmp_videos": current}, "overridden")["hmp_videos"]
    assert [c["item"] for c in plan["changes"]] == ["A"]
    assert plan["config"] == [{"description": "x", "title": "A"}]
    assert plan["skipped"][0]["item"] == "B"
    assert plan["skipped"][0]["reason"].startswith("not on the device, and broadcast.video.hmp_videos cannot create it (")
    assert plan["deletes"] == []
    assert plan["warnings"] == ["'C', 'D' not in the backup are left as they are: a restore never deletes videos, since "
                                "broadcast.video.hmp_videos cannot create them (video)"]
    assert plan["notes"][0].startswith("hmp_videos: 'C', 'D' not in the backup")
    assert plan["notes"][1].startswith("hmp_videos: video 'B' is not restored: not on the device")
    assert plan["summary"] == "hmp_videos (replaced): 1 to update; 1 skipped"
    devices = doc("dms_devices", [{"id": "dev-1", "location": "x"}])
    plan = plans({"dms_devices": devices}, "dms", {"dms_devices": [{"id": "dev-1", "location": "x"}, {"id": "dev-2"}]},
                 "overridden")["dms_devices"]
    assert plan["warnings"] == ["'dev-2' not in the backup is left as it is: broadcast.video.dms_devices cannot delete "
                                "items (device)"]
    jobs = doc("electra_jobs", [{"name": "j1", "status": "running"}])
    plan = plans({"electra_jobs": jobs}, "electra", {"electra_jobs": [{"name": "j1", "status": "stopped"}]},
                 "overridden")["electra_jobs"]
    assert plan["state"] == "merged" and plan["warnings"] == [] and plan["changes"][0]["operation"] == "update"


def test_reported_only_statuses_are_not_sent():
    jobs = doc("electra_jobs", [{"name": "a", "status": "failed", "parameters": {"x": "1"}},
                                {"name": "b", "status": "failed"}, {"name": "c", "status": "stopped"}])
    current = {"electra_jobs": [{"name": "a", "status": "running", "parameters": {"x": "2", "y": "3"}},
                                {"name": "b", "status": "failed"}, {"name": "c", "status": "running"}]}
    plan = plans({"electra_jobs": jobs}, "electra", current)["electra_jobs"]
    assert plan["config"] == [{"name": "a", "parameters": {"x": "1"}}, {"name": "b", "status": "failed"},
                              {"name": "c", "status": "stopped"}]
    assert plan["warnings"] == ["job 'a' was status failed at backup time: a restore can only set status running or "
                                "stopped, so it is left as it is (running)"]
    assert [(c["item"], c["after"]) for c in plan["changes"]] == [
        ("a", {"name": "a", "status": "running", "parameters": {"x": "1", "y": "3"}}),
        ("c", {"name": "c", "status": "stopped"})]


def test_secrets_left_out_and_restore_secrets():
    users = doc("vos_users", [{"username": "new", "roles": ["OPERATOR"]}, {"username": "old"},
                              {"username": "given", "name": "G"}])
    current = {"vos_users": [{"username": "old"}]}
    secrets = {"vos_users": {"given": {"password": "pw"}}, "hmp_sources": {"x": {"passphrase": "ignored"}}}
    plan = plans({"vos_users": users}, "vos", current, secrets=secrets)["vos_users"]
    assert [s["item"] for s in plan["skipped"]] == ["new"]
    assert plan["skipped"][0]["reason"] == ("not on the device, and a user cannot be created without its password, "
                                            "which the backup leaves out (give vos_users['new'].password in "
                                            "restore_secrets)")
    assert plan["config"] == [{"name": "G", "username": "given"}, {"username": "old"}]
    assert plan["secrets_left_out"] == [{"item": "old", "option": "password", "effect": "kept as on the device"}]
    assert plan["secret_notes"] == ["vos_users: old password (kept as on the device)"]
    assert plan["changes"] == [{"operation": "create", "item": "given", "before": {},
                                "after": {"username": "given", "name": "G"}}]
    with_secrets = plans({"vos_users": users}, "vos", current, secrets=secrets, with_secrets=True)["vos_users"]
    assert with_secrets["config"][0] == {"name": "G", "username": "given", "password": "pw"}
    destinations = doc("vos_destinations", [DEST])
    plan = plans({"vos_destinations": destinations}, "vos", {"vos_destinations": []}, secrets={
        "vos_destinations": {"news.origin": {"outputs[0].end_points[0].password": "p0"}}}, with_secrets=True)
    plan = plan["vos_destinations"]
    assert plan["config"][0]["outputs"][0]["end_points"][0]["password"] == "p0"
    assert plan["secrets_left_out"] == [{"item": "news.origin", "option": "outputs[0].end_points[1].password",
                                         "effect": "created without it"}]
    assert "password" not in str(plan["changes"])


@pytest.mark.parametrize("kwargs, message", [
    ({"state": "replaced"}, r"restore_state: 'replaced' is not allowed; use merged \(the default"),
    ({"documents": []}, r"documents: give a mapping of module -> backup document, got list"),
    ({"documents": {"vos_images": {}, "hmp_sources": {}, "junk": {}}},
     r"hmp_sources.yml, junk.yml: not a backup file of the vos integration \(its files are vos_images.yml, "),
    ({"secrets": ["x"]}, r"restore_secrets: give a mapping of module -> item -> option path -> secret"),
    ({"secrets": {"vos_facts": {}, "hmp_sources": {}}}, r"restore_secrets: 'vos_facts' is not a module of a backup; use "),
    ({"secrets": {"vos_images": "x"}}, r"restore_secrets.vos_images: give a mapping of item -> option path -> secret"),
    ({"secrets": {"vos_images": {"u": "x"}}}, r"restore_secrets.vos_images\['u'\]: give a mapping of option path"),
    ({"secrets": {"vos_images": {"nope": {}}}}, r"restore_secrets.vos_images: 'nope' not in the backup of "),
    ({"secrets": {"vos_images": {"u": {"url": "x"}}}}, r"'url' is not a secret option of this slate image; its secret "),
    ({"current": None}, r"current: the device's gathered vos_images items are needed to plan the restore of "),
    ({"current": {"vos_images": "x"}}, r"vos_images: current must be a list of vos_images items, got str"),
    ({"documents": {"vos_images": "text"}}, r"vos_images.yml: not a backup document \(a mapping with integration, "),
    ({"documents": {"vos_images": {"module": "x"}}}, r"vos_images.yml: module 'x' is not a resource module of "),
    ({"documents": {"vos_images": {"module": "broadcast.video.vos_users"}}},
     r"vos_images.yml: the file holds a backup of broadcast.video.vos_users; a file is named after its module"),
    ({"documents": {"vos_images": {"module": "vos_images", "integration": "hmp"}}},
     r"vos_images.yml: a backup of broadcast.video.vos_images \(integration hmp\) cannot be restored to a vos device"),
    ({"documents": {"vos_images": {"module": "vos_images", "integration": "vos", "key": "name"}}},
     r"vos_images.yml: key is 'name'; a backup of broadcast.video.vos_images has key 'url'"),
    ({"documents": {"vos_images": {"module": "vos_images", "integration": "vos", "key": "url", "config": [{}]}}},
     r"vos_images: vos_images.yml: config\[0\]: slate image has no url"),
])
def test_restore_plans_refuse(kwargs, message):
    arguments = {"documents": {"vos_images": doc("vos_images", [{"url": "u"}])}, "current": {"vos_images": []},
                 "state": "merged", "secrets": None}
    arguments.update(kwargs)
    with pytest.raises(BackupError, match=message):
        plans(arguments["documents"], "vos", arguments["current"], arguments["state"], arguments["secrets"])


def test_restore_plans_refuse_other_integration_files_and_runtime_modules():
    with pytest.raises(BackupError, match=r"hmp_sources.yml: a backup of broadcast.video.hmp_sources \(integration hmp\) "
                                          r"cannot be restored to a vos device host; restore it to a host of group "
                                          r"hmp_servers"):
        backup._document("hmp_sources", doc("hmp_sources", []), "vos")  # pylint: disable=protected-access
    with pytest.raises(BackupError, match=r"hmp_recordings.yml: broadcast.video.hmp_recordings is not part of a backup"):
        backup._document("hmp_recordings", doc("hmp_recordings", []), "hmp")  # pylint: disable=protected-access


def test_normalize_errors_name_the_item():
    bad = {"integration": "hmp", "module": "broadcast.video.hmp_events", "key": "session", "secrets_left_out": [],
           "config": [{"session": "S"}]}
    with pytest.raises(BackupError, match=r"hmp_events: hmp_events.yml: config\[0\]: start_time is required"):
        plans({"hmp_events": bad}, "hmp", {"hmp_events": []})


def test_a_backup_holding_a_secret_is_refused():
    document = doc("vos_users", [{"username": "a"}])
    document["config"][0]["password"] = "typed-in"
    with pytest.raises(BackupError, match=r"^vos_users.yml: config\[0\]: holds a secret value; a backup holds none"):
        plans({"vos_users": document}, "vos", {"vos_users": []})


def test_left_out_entries_that_are_not_mappings_are_ignored():
    document = doc("vos_users", [{"username": "a"}])
    document["secrets_left_out"].append("junk")
    plan = plans({"vos_users": document}, "vos", {"vos_users": [{"username": "a"}]})["vos_users"]
    assert plan["secrets_left_out"] == [{"item": "a", "option": "password", "effect": "kept as on the device"}]


def test_a_custom_spec_without_normalize_or_identity():
    spec = ResourceSpec("things", "thing", FieldMap([Field("name"), Field("size", spec={"type": "int"}, default=1)]))
    res = Resource("vos_things", "vos", spec)
    assert res.fqcn == "broadcast.video.vos_things" and res.deletable
    plan = backup._plan_module(res, [{"name": "a"}], [{"name": "a", "size": 2}], "overridden", {}, [])  # pylint: disable=protected-access
    assert plan.changes[0]["after"] == {"name": "a", "size": 1}


# ---------------------------------------------------------------------------------------------- round trip


def _client(device, simulator):
    params = {name: option.get("default") for name, option in device.connection_spec.items()}
    params.update(simulator.connection())
    return device.client_factory(params, False, False)


def _round_trip(device, simulator, integration):
    documents, current = {}, {}
    for name in integration_modules(integration):
        client = _client(device, simulator)
        try:
            gathered = ResourceEngine(client, RESOURCES[name].spec).run("gathered", None)["gathered"]
        finally:
            client.close()
        documents[name] = yaml.safe_load(yaml.safe_dump(doc(name, gathered), sort_keys=False))
        current[name] = gathered
        assert documents[name]["config"], name
    for state in ("merged", "overridden"):
        result = restore_plans(documents, integration, current, state)
        assert [p["summary"] for p in result.values()] == ["%s (%s): no change" % (
            name, "replaced" if state == "overridden" and "replaced" in RESOURCES[name].states else "merged")
            for name in integration_modules(integration)]
    return documents


def test_round_trip_vos(sim):
    documents = _round_trip(VOS, sim, "vos")
    assert documents["vos_users"]["secrets_left_out"] == [{"item": "monitor", "option": "password"},
                                                          {"item": "operator", "option": "password"}]


def test_round_trip_hmp(hmp_sim):
    documents = _round_trip(HMP, hmp_sim, "hmp")
    assert {e["item"] for e in documents["hmp_sources"]["secrets_left_out"]} == {"Makito SRT", "Remote Guest",
                                                                                 "SRT Listener"}


def test_round_trip_dms(dms_sim):
    _round_trip(DMS, dms_sim, "dms")


def test_round_trip_electra(electra_sim):
    _round_trip(ELECTRA_HTTP, electra_sim, "electra")
