# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/electra/profile.py (pure logic, no device): the built-in default profile is
the shipped profiles/electra/default.yml, every validation message names the table, the column and what is allowed,
``extends: default`` replaces and switches off tables, and ``load_profile`` reads JSON, YAML, inline documents and
reports unreadable files and bad YAML."""

from __future__ import annotations

import copy
import json
import os

import pytest
import yaml

from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import (
    ARC, COLUMN_TYPES, DEFAULT_PROFILE, STORAGE_TABLE, SYSTEM_OBJECTS, TABLE_KEYS, Column, Profile, Table,
    build_profile, load_profile, oid_text, parse_oid, table_keys)
from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
DEFAULT_FILE = os.path.join(REPO, "profiles", "electra", "default.yml")
SRC = "profile"


def jobs_table(**changes):
    """A one-table document (the default jobs table) with ``changes`` applied to the jobs table spec."""
    table = copy.deepcopy(DEFAULT_PROFILE["tables"]["jobs"])
    table.update(changes)
    return {"name": "t", "tables": {"jobs": table}}


def refused(document, source=SRC):
    with pytest.raises(ValidationError) as info:
        build_profile(document, source)
    return str(info.value)


# ---------------------------------------------------------------------------------------------- the default profile
def test_default_profile_is_the_shipped_file():
    with open(DEFAULT_FILE, encoding="utf-8") as handle:
        shipped = yaml.safe_load(handle)
    assert shipped == DEFAULT_PROFILE
    # and the exact types: enum numbers are integers in both, writable is a boolean
    assert list(shipped["tables"]["nodes"]["columns"]["role"]["values"]) == [1, 2, 3]
    assert shipped["tables"]["jobs"]["columns"]["service_name"]["writable"] is True


def test_default_profile_shape():
    assert ARC == "1.3.6.1.4.1.32473.1"
    assert TABLE_KEYS == ("nodes", "workflows", "jobs", "job_parameters", "alarms", "logs")
    assert COLUMN_TYPES == ("string", "integer", "counter", "gauge", "timeticks", "ip", "enum", "bool", "datetime", "oid")
    profile = load_profile(None)
    assert isinstance(profile, Profile) and profile.name == "broadcast.video default (modeled)" and profile.modeled is True
    assert table_keys(profile) == list(TABLE_KEYS)
    assert profile.summary() == {"name": "broadcast.video default (modeled)", "modeled": True, "tables": {
        "nodes": ARC + ".2.1.1", "workflows": ARC + ".3.1.1", "jobs": ARC + ".4.1.1", "job_parameters": ARC + ".5.1.1",
        "alarms": ARC + ".6.1.1", "logs": ARC + ".7.1.1"}}
    jobs = profile.table("jobs")
    assert jobs.entry == tuple(int(arc) for arc in (ARC + ".4.1.1").split(".")) and jobs.index == ("index",)
    assert [c.name for c in jobs.columns] == ["name", "workflow", "node", "status", "alarm_state", "service_name",
                                              "output_bitrate", "uptime", "custom_label"]
    assert [c.id for c in jobs.columns] == list(range(2, 11))
    status = jobs.column("status")
    assert status.type == "enum" and status.values[2] == "stopped" and status.writable is False
    assert jobs.column("custom_label").writable is True
    assert jobs.column("nope") is None
    assert jobs.column_oid(status) == jobs.entry + (5,)
    assert profile.table("job_parameters").index == ("job", "index")
    assert profile.table("alarms").column("severity").values == {1: "critical", 2: "major", 3: "minor", 4: "warning",
                                                                 5: "info"}
    # "default" is the same as None; the default document is not changed by loading it
    assert load_profile("default").summary() == profile.summary()
    before = copy.deepcopy(DEFAULT_PROFILE)
    load_profile(None).tables["jobs"].columns[0].name = "changed"
    assert DEFAULT_PROFILE == before


def test_standard_objects():
    assert STORAGE_TABLE.key == "storage" and oid_text(STORAGE_TABLE.entry) == "1.3.6.1.2.1.25.2.3.1"
    assert [(c.id, c.name, c.type) for c in STORAGE_TABLE.columns] == [
        (2, "type", "oid"), (3, "description", "string"), (4, "allocation_units", "integer"), (5, "size", "integer"),
        (6, "used", "integer")]
    assert {name: (oid_text(oid), kind) for name, (oid, kind) in SYSTEM_OBJECTS.items()} == {
        "description": ("1.3.6.1.2.1.1.1.0", "string"), "object_id": ("1.3.6.1.2.1.1.2.0", "oid"),
        "uptime_seconds": ("1.3.6.1.2.1.1.3.0", "timeticks"), "contact": ("1.3.6.1.2.1.1.4.0", "string"),
        "name": ("1.3.6.1.2.1.1.5.0", "string"), "location": ("1.3.6.1.2.1.1.6.0", "string"),
        "date_time": ("1.3.6.1.2.1.25.1.2.0", "datetime")}


def test_table_and_column_objects():
    columns = [Column("b", 3, "string"), Column("a", 2, "enum", {1: "x"}, writable=True)]
    table = Table("jobs", [1, 3, 6], ["index"], columns)
    assert [c.name for c in table.columns] == ["a", "b"] and table.entry == (1, 3, 6)
    assert table.columns[0].values == {1: "x"} and table.columns[1].values == {} and table.columns[0].writable
    profile = Profile("p", False, {"logs": table})
    assert profile.table("jobs") is None and table_keys(profile) == ["logs"]
    assert profile.summary() == {"name": "p", "modeled": False, "tables": {"logs": "1.3.6"}}


# ---------------------------------------------------------------------------------------------- OIDs
@pytest.mark.parametrize("text, expected", [
    ("1.3.6.1", (1, 3, 6, 1)), (".1.3.6.1", (1, 3, 6, 1)), (" 1.3 ", (1, 3)), ("0.0", (0, 0)),
    ("1.4294967295", (1, 4294967295)),
])
def test_parse_oid(text, expected):
    assert parse_oid(text, "where") == expected
    assert oid_text(expected) == ".".join(str(arc) for arc in expected)


@pytest.mark.parametrize("value, message", [
    (None, "where: None is not an OID; give a dotted string such as 1.3.6.1.4.1.32473.1.4.1.1"),
    (1.3, "where: 1.3 is not an OID; give a dotted string such as 1.3.6.1.4.1.32473.1.4.1.1"),
    ("1.3.x", "where: '1.3.x' is not a dotted OID (numbers only, such as 1.3.6.1.4.1.32473.1.4.1.1)"),
    ("1..3", "where: '1..3' is not a dotted OID (numbers only, such as 1.3.6.1.4.1.32473.1.4.1.1)"),
    ("", "where: '' is not a dotted OID (numbers only, such as 1.3.6.1.4.1.32473.1.4.1.1)"),
    ("1", "where: '1' is not a valid OID"),
    ("1.-3", "where: '1.-3' is not a valid OID"),
    ("1.4294967296", "where: '1.4294967296' is not a valid OID"),
])
def test_parse_oid_refuses(value, message):
    with pytest.raises(ValidationError) as info:
        parse_oid(value, "where")
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------- document validation
@pytest.mark.parametrize("document", [None, [], "text", {}, {"tables": []}, {"name": "x", "tables": None}])
def test_document_shape(document):
    assert refused(document) == ("profile: a profile is a mapping with name, modeled and tables (a mapping of table "
                                 "key -> {entry, index, columns}); see docs/electra.md")


def test_document_keys_extends_modeled_and_table_keys():
    assert refused({"tables": {}, "oids": 1, "author": "x"}) == (
        "profile: author, oids is not allowed; give name, modeled, extends, tables")
    assert refused({"tables": {}, "extends": "site"}) == (
        "profile: extends: 'site' is not allowed; the only profile to extend is default")
    assert refused({"tables": {}, "modeled": "yes"}) == "profile: modeled: 'yes' is not a boolean"
    assert refused({"tables": {"encoders": {}}}, "profile (site.yml)") == (
        "profile (site.yml): tables.encoders is not a table; choose from nodes, workflows, jobs, job_parameters, "
        "alarms, logs")


def test_minimal_document_defaults():
    profile = build_profile({"tables": {}})
    assert profile.name == "custom" and profile.modeled is False and profile.tables == {}
    profile = build_profile({"name": "", "modeled": True, "tables": {"logs": {
        "entry": "1.3.6.1.4.1.9.9", "columns": {"text": {"id": 4, "type": "string"}}}}})
    assert profile.name == "custom" and profile.modeled is True
    # index defaults to [index]
    assert profile.table("logs").index == ("index",) and [c.name for c in profile.table("logs").columns] == ["text"]


@pytest.mark.parametrize("spec, message", [
    ([1], "profile: tables.jobs: give {entry, index, columns}"),
    ({"entry": "1.3.6", "columns": {"a": {"id": 2, "type": "string"}}, "oid": 1, "rows": 2},
     "profile: tables.jobs: oid, rows is not allowed; give entry, index, columns"),
    ({"columns": {"a": {"id": 2, "type": "string"}}},
     "profile: tables.jobs.entry: None is not an OID; give a dotted string such as 1.3.6.1.4.1.32473.1.4.1.1"),
    ({"entry": "1.3.6.x", "columns": {"a": {"id": 2, "type": "string"}}},
     "profile: tables.jobs.entry: '1.3.6.x' is not a dotted OID (numbers only, such as 1.3.6.1.4.1.32473.1.4.1.1)"),
    ({"entry": "1.3.6", "index": "index", "columns": {"a": {"id": 2, "type": "string"}}},
     "profile: tables.jobs.index: give the names of the index parts, a non-empty list of strings"),
    ({"entry": "1.3.6", "index": [], "columns": {"a": {"id": 2, "type": "string"}}},
     "profile: tables.jobs.index: give the names of the index parts, a non-empty list of strings"),
    ({"entry": "1.3.6", "index": ["job", 2], "columns": {"a": {"id": 2, "type": "string"}}},
     "profile: tables.jobs.index: give the names of the index parts, a non-empty list of strings"),
    ({"entry": "1.3.6", "index": [""], "columns": {"a": {"id": 2, "type": "string"}}},
     "profile: tables.jobs.index: give the names of the index parts, a non-empty list of strings"),
    ({"entry": "1.3.6"}, "profile: tables.jobs.columns: give at least one column, {name: {id, type}}"),
    ({"entry": "1.3.6", "columns": {}}, "profile: tables.jobs.columns: give at least one column, {name: {id, type}}"),
    ({"entry": "1.3.6", "columns": ["a"]}, "profile: tables.jobs.columns: give at least one column, {name: {id, type}}"),
    ({"entry": "1.3.6", "columns": {"a": {"id": 2, "type": "string"}, "b": {"id": 3, "type": "string"},
                                    "c": {"id": 3, "type": "gauge"}}},
     "profile: tables.jobs.columns: two columns have id 3"),
    ({"entry": "1.3.6", "columns": {"index": {"id": 2, "type": "string"}}},
     "profile: tables.jobs: index is both an index and a column name"),
])
def test_table_refused(spec, message):
    assert refused({"tables": {"jobs": spec}}) == message


@pytest.mark.parametrize("name, spec, message", [
    (7, {"id": 2, "type": "string"}, "profile: tables.jobs.columns: column names are non-empty strings"),
    ("", {"id": 2, "type": "string"}, "profile: tables.jobs.columns: column names are non-empty strings"),
    ("label", "string", "profile: tables.jobs.columns.label: give {id, type} (and values for an enum)"),
    ("label", {"id": 2, "type": "string", "access": "rw", "oid": "x"},
     "profile: tables.jobs.columns.label: access, oid is not allowed; give id, type, values, writable"),
    ("label", {"type": "string"}, "profile: tables.jobs.columns.label.id: None is not allowed; give the column's "
                                  "sub-identifier, a positive integer"),
    ("label", {"id": True, "type": "string"}, "profile: tables.jobs.columns.label.id: True is not allowed; give the "
                                              "column's sub-identifier, a positive integer"),
    ("label", {"id": "2", "type": "string"}, "profile: tables.jobs.columns.label.id: '2' is not allowed; give the "
                                             "column's sub-identifier, a positive integer"),
    ("label", {"id": 0, "type": "string"}, "profile: tables.jobs.columns.label.id: 0 is not allowed; give the "
                                           "column's sub-identifier, a positive integer"),
    ("label", {"id": 4294967296, "type": "string"}, "profile: tables.jobs.columns.label.id: 4294967296 is not "
                                                    "allowed; give the column's sub-identifier, a positive integer"),
    ("label", {"id": 2, "type": "text"}, "profile: tables.jobs.columns.label.type: 'text' is not allowed; choose from "
                                         "string, integer, counter, gauge, timeticks, ip, enum, bool, datetime, oid"),
    ("label", {"id": 2}, "profile: tables.jobs.columns.label.type: None is not allowed; choose from string, integer, "
                         "counter, gauge, timeticks, ip, enum, bool, datetime, oid"),
    ("state", {"id": 2, "type": "enum"},
     "profile: tables.jobs.columns.state.values: an enum column needs values, a mapping of number -> label"),
    ("state", {"id": 2, "type": "enum", "values": {}},
     "profile: tables.jobs.columns.state.values: an enum column needs values, a mapping of number -> label"),
    ("state", {"id": 2, "type": "enum", "values": ["up", "down"]},
     "profile: tables.jobs.columns.state.values: an enum column needs values, a mapping of number -> label"),
    ("state", {"id": 2, "type": "enum", "values": {1: "up", "two": "down"}},
     "profile: tables.jobs.columns.state.values: 'two' is not an integer"),
    ("state", {"id": 2, "type": "enum", "values": {1: "up", None: "down"}},
     "profile: tables.jobs.columns.state.values: None is not an integer"),
    ("label", {"id": 2, "type": "string", "values": {1: "a"}},
     "profile: tables.jobs.columns.label.values: only enum columns have values"),
    ("label", {"id": 2, "type": "string", "writable": "yes"},
     "profile: tables.jobs.columns.label.writable: 'yes' is not a boolean"),
])
def test_column_refused(name, spec, message):
    assert refused({"tables": {"jobs": {"entry": "1.3.6", "columns": {name: spec}}}}) == message


def test_column_accepted_forms():
    profile = build_profile({"tables": {"jobs": {"entry": "1.3.6", "columns": {
        "state": {"id": 2, "type": "enum", "values": {"1": "up", 2: 3}},
        "label": {"id": 3, "type": "string", "values": None, "writable": True},
        "flag": {"id": 4, "type": "bool", "writable": False}}}}})
    jobs = profile.table("jobs")
    assert jobs.column("state").values == {1: "up", 2: "3"}
    assert jobs.column("label").writable is True and jobs.column("label").values == {}
    assert jobs.column("flag").writable is False


def test_entries_must_not_nest():
    document = {"tables": {
        "jobs": {"entry": "1.3.6.1.4.1.9.4", "columns": {"name": {"id": 2, "type": "string"}}},
        "logs": {"entry": "1.3.6.1.4.1.9.4.1.1", "columns": {"text": {"id": 2, "type": "string"}}}}}
    assert refused(document) == ("profile: tables.logs.entry 1.3.6.1.4.1.9.4.1.1 lies inside tables.jobs.entry "
                                 "1.3.6.1.4.1.9.4")
    document["tables"]["logs"]["entry"] = "1.3.6.1.4.1.9.4"
    assert refused(document).startswith("profile: tables.")
    assert "lies inside" in refused(document)
    # siblings that only share a prefix of arcs, not a whole entry, are fine
    document["tables"]["logs"]["entry"] = "1.3.6.1.4.1.9.40"
    assert table_keys(build_profile(document)) == ["jobs", "logs"]


# ---------------------------------------------------------------------------------------------- extends: default
def test_extends_default_replaces_and_switches_off_tables():
    document = {"name": "site", "modeled": False, "extends": "default", "tables": {
        "jobs": {"entry": "1.3.6.1.4.1.1563.10.4.1.1", "index": ["index"], "columns": {
            "name": {"id": 2, "type": "string"}, "status": {"id": 3, "type": "enum", "values": {1: "on", 2: "off"}}}},
        "logs": None,
    }}
    profile = build_profile(document)
    assert profile.name == "site" and profile.modeled is False
    assert table_keys(profile) == ["nodes", "workflows", "jobs", "job_parameters", "alarms"]
    assert oid_text(profile.table("jobs").entry) == "1.3.6.1.4.1.1563.10.4.1.1"
    assert [c.name for c in profile.table("jobs").columns] == ["name", "status"]
    assert profile.table("nodes").column("address").type == "ip"  # from the default
    assert profile.table("logs") is None
    assert "logs" not in profile.summary()["tables"]
    assert DEFAULT_PROFILE["tables"]["logs"] is not None  # the default itself is untouched


def test_without_extends_a_null_table_is_just_absent_and_others_are_not_inherited():
    profile = build_profile({"tables": {"logs": None, "alarms": copy.deepcopy(DEFAULT_PROFILE["tables"]["alarms"])}})
    assert table_keys(profile) == ["alarms"]


def test_extends_default_still_validates_the_replacement():
    assert refused({"extends": "default", "tables": {"jobs": {"entry": "1.3.6.1.4.1.32473.1.2.1.1.9", "columns": {
        "name": {"id": 2, "type": "string"}}}}}) == (
        "profile: tables.jobs.entry 1.3.6.1.4.1.32473.1.2.1.1.9 lies inside tables.nodes.entry 1.3.6.1.4.1.32473.1.2.1.1")


# ---------------------------------------------------------------------------------------------- load_profile
def test_load_inline_document():
    profile = load_profile(jobs_table())
    assert profile.name == "t" and table_keys(profile) == ["jobs"]
    with pytest.raises(ValidationError) as info:
        load_profile({"tables": {"jobs": {"entry": "x"}}})
    assert str(info.value) == ("profile: tables.jobs.entry: 'x' is not a dotted OID (numbers only, such as "
                               "1.3.6.1.4.1.32473.1.4.1.1)")


@pytest.mark.parametrize("value, kind", [(5, "int"), (["a.yml"], "list"), (True, "bool")])
def test_load_refuses_other_values(value, kind):
    with pytest.raises(ValidationError) as info:
        load_profile(value)
    assert str(info.value) == ("profile: give the path of a profile file or the profile itself (a mapping), not %s"
                               % kind)


def test_load_json_and_yaml_files(tmp_path):
    as_json = tmp_path / "site.json"
    as_json.write_text(json.dumps(jobs_table()), encoding="utf-8")
    assert load_profile(str(as_json)).name == "t"
    as_yaml = tmp_path / "site.yml"
    as_yaml.write_text("name: from yaml\nextends: default\ntables:\n  alarms: null\n", encoding="utf-8")
    profile = load_profile(str(as_yaml))
    assert profile.name == "from yaml" and profile.modeled is False and "alarms" not in profile.tables
    # the shipped file, through the file path
    assert load_profile(DEFAULT_FILE).summary() == load_profile(None).summary()


def test_load_file_errors_name_the_file(tmp_path):
    missing = str(tmp_path / "missing.yml")
    with pytest.raises(ValidationError) as info:
        load_profile(missing)
    assert str(info.value) == "profile: cannot read %s: No such file or directory" % missing
    with pytest.raises(ValidationError) as info:
        load_profile(str(tmp_path))
    assert str(info.value) == "profile: cannot read %s: Is a directory" % tmp_path
    bad = tmp_path / "bad.yml"
    bad.write_text("tables: {jobs: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_profile(str(bad))
    message = str(info.value)
    assert message.startswith("profile (%s): not valid YAML: " % bad) and "\n" not in message
    wrong = tmp_path / "wrong.yml"
    wrong.write_text("tables:\n  jobs:\n    entry: 1.3.6\n    columns: {name: {id: 2, type: str}}\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_profile(str(wrong))
    assert str(info.value) == ("profile (%s): tables.jobs.columns.name.type: 'str' is not allowed; choose from string, "
                               "integer, counter, gauge, timeticks, ip, enum, bool, datetime, oid" % wrong)
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_profile(str(empty))
    assert str(info.value).startswith("profile (%s): a profile is a mapping" % empty)
