# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/plugin_utils/migration.py (the vos_migration filter's core): the mapping's validation and
application, the selection, references, collisions, the target's profiles and cloud-link groups, the plan against
the target's objects, deferred objects, secrets and the summary. Through a real playbook against two simulators:
tests/integration/targets/playbook_migrate."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.broadcast.video.plugins.plugin_utils.migration import (
    MigrationError, migrate, parse_mapping, select_services)

BLACKOUT = "http://slates.example.com/blackout.png"
LOSS = "http://slates.example.com/loss.png"


def source_cluster():
    """Three services: news.1080 (two sources, two destinations, slate), sports.720 (shares news.b; no profile on
    its destination), movies.480 (no slate, no destination, a source without cloud-link group); plus objects no
    service uses. Ids as vos_facts adds them."""
    return {
        "services": [
            {"id": "s1", "name": "news.1080", "profile": "dfw.1080 2", "control_state": "activated",
             "program_number": 1, "sources": [{"name": "news.p", "rank": 1}, {"name": "news.b", "rank": 2}],
             "destinations": ["news.origin", "news.ats"], "slate_image": BLACKOUT},
            {"id": "s2", "name": "sports.720", "profile": "dfw.720 3", "control_state": "off",
             "sources": [{"name": "news.b", "rank": 1}], "destinations": ["sports.ats"], "slate_image": BLACKOUT},
            {"id": "s3", "name": "movies.480", "profile": "dfw.480 1", "control_state": "activated",
             "sources": [{"name": "movies.p", "rank": 1}], "destinations": []},
        ],
        "sources": [
            {"id": "a", "name": "news.p", "enable_monitoring": False, "inputs": [
                {"rank": 1, "type": "zixi", "cloud_link_group": "DFW-A", "ip_address": "232.1.1.1", "ip_port": 5000},
                {"rank": 2, "type": "slate", "slate_type": "signal_loss", "slate_image": LOSS}]},
            {"id": "b", "name": "news.b", "enable_monitoring": False, "inputs": [
                {"rank": 1, "type": "zixi", "cloud_link_group": "DFW-B", "ip_address": "232.1.1.2", "ip_port": 5000}]},
            {"id": "c", "name": "movies.p", "inputs": [{"rank": 1, "type": "zixi", "ip_address": "232.1.1.3"}]},
            {"id": "d", "name": "unused.p", "inputs": []},
        ],
        "destinations": [
            {"id": "e", "name": "news.origin", "type": "origin", "destination_profile": "Akamai", "outputs": [
                {"rank": 1, "type": "origin", "end_points": [{"packaging": "dash", "username": ""},
                                                             {"packaging": "hls", "username": "pub"}]}]},
            {"id": "f", "name": "news.ats", "type": "ats", "destination_profile": "ATS", "outputs": [
                {"rank": 1, "type": "cloudlink", "cloud_link_group": "DFW-A", "ip_address": "239.1.1.1"}]},
            {"id": "g", "name": "sports.ats", "type": "ats", "outputs": [{"rank": 1, "type": "cloudlink"}]},
            {"id": "h", "name": "unused.ats", "type": "ats", "outputs": []},
        ],
    }


def target_facts(**extra):
    """The target's vos_facts: profiles and cloud-link groups (plus ``extra`` subsets)."""
    facts = {
        "profiles": [{"id": "p%d" % i, "name": n} for i, n in enumerate(
            ["ord.1080 2", "dfw.720 3", "dfw.480 1", "ord.origin", "ATS", None])],
        "cloud_links": {"groups": [{"id": "g1", "name": "ORD-A"}, {"id": "g2", "name": "DFW-B"}, "junk"]},
    }
    facts.update(extra)
    return facts


MAPPING = {
    "names": {
        "services": {"sports.720": "ord.sports"},
        "rules": [{"pattern": r"^(\w+)\.1080$", "replace": r"ord.\1.hd", "kinds": ["services"]},
                  {"pattern": r"^news\.", "replace": "ord.news.", "kinds": "sources"},
                  {"pattern": r"^(news|sports)\.", "replace": r"ord.\1."}],
    },
    "cloud_link_groups": {"DFW-A": "ORD-A"},
    "profiles": {"dfw.1080 2": "ord.1080 2", "Akamai": "ord.origin"},
    "slate_images": {BLACKOUT: "http://slates.example.com/ord/blackout.png"},
}


def by_name(items):
    return {item["name"]: item for item in items}


# ---------------------------------------------------------------------------------------------- the whole migration


def test_migrates_selected_services_with_everything_mapped():
    source = source_cluster()
    original = copy.deepcopy(source)
    result = migrate(source, MAPPING, ["news.*", "sports.720"], target=target_facts())
    assert source == original  # inputs are not modified

    services = by_name(result["services"])
    assert list(services) == ["ord.news.hd", "ord.sports"]  # sorted by old name: news.1080, sports.720
    assert services["ord.news.hd"] == {
        "name": "ord.news.hd", "profile": "ord.1080 2", "control_state": "activated", "program_number": 1,
        "sources": [{"name": "ord.news.p", "rank": 1}, {"name": "ord.news.b", "rank": 2}],
        "destinations": ["ord.news.origin", "ord.news.ats"], "slate_image": "http://slates.example.com/ord/blackout.png"}
    assert services["ord.sports"]["profile"] == "dfw.720 3"
    assert services["ord.sports"]["control_state"] == "off"
    assert services["ord.sports"]["sources"] == [{"name": "ord.news.b", "rank": 1}]

    sources = by_name(result["sources"])
    assert list(sources) == ["ord.news.b", "ord.news.p"]  # news.b once, though two services use it
    assert sources["ord.news.p"]["inputs"][0]["cloud_link_group"] == "ORD-A"
    assert sources["ord.news.p"]["inputs"][1]["slate_image"] == LOSS
    assert sources["ord.news.b"]["inputs"][0]["cloud_link_group"] == "DFW-B"
    assert "id" not in sources["ord.news.p"]

    destinations = by_name(result["destinations"])
    assert list(destinations) == ["ord.news.ats", "ord.news.origin", "ord.sports.ats"]
    assert destinations["ord.news.origin"]["destination_profile"] == "ord.origin"
    assert destinations["ord.news.ats"]["outputs"][0]["cloud_link_group"] == "ORD-A"
    assert destinations["ord.sports.ats"] == {"name": "ord.sports.ats", "type": "ats",
                                              "outputs": [{"rank": 1, "type": "cloudlink"}]}

    assert result["images"] == [{"url": LOSS}, {"url": "http://slates.example.com/ord/blackout.png"}]
    assert result["renamed"] == [
        {"kind": "service", "from": "news.1080", "to": "ord.news.hd"},
        {"kind": "service", "from": "sports.720", "to": "ord.sports"},
        {"kind": "source", "from": "news.b", "to": "ord.news.b"},
        {"kind": "source", "from": "news.p", "to": "ord.news.p"},
        {"kind": "destination", "from": "news.ats", "to": "ord.news.ats"},
        {"kind": "destination", "from": "news.origin", "to": "ord.news.origin"},
        {"kind": "destination", "from": "sports.ats", "to": "ord.sports.ats"},
    ]
    assert result["remapped"] == {"profiles": {"Akamai": "ord.origin", "dfw.1080 2": "ord.1080 2"},
                                  "cloud_link_groups": {"DFW-A": "ORD-A"},
                                  "slate_images": {BLACKOUT: "http://slates.example.com/ord/blackout.png"}}
    assert result["secrets_not_copied"] == [
        {"item": "ord.news.origin", "option": "outputs[0].end_points[0].password"},
        {"item": "ord.news.origin", "option": "outputs[0].end_points[1].password"}]
    assert result["unused_mapping"] == []
    assert result["plan"] == {} and result["deferred"] == {}
    assert result["summary"] == [
        "services (2): news.1080 -> ord.news.hd, sports.720 -> ord.sports",
        "sources (2): news.b -> ord.news.b, news.p -> ord.news.p",
        "destinations (3): news.ats -> ord.news.ats, news.origin -> ord.news.origin, sports.ats -> ord.sports.ats",
        "slate images (2): %s, http://slates.example.com/ord/blackout.png" % LOSS,
        "profiles remapped: Akamai -> ord.origin, dfw.1080 2 -> ord.1080 2",
        "cloud-link groups remapped: DFW-A -> ORD-A",
        "slate images remapped: %s -> http://slates.example.com/ord/blackout.png" % BLACKOUT,
        "control state: kept from the source cluster",
        "not copied (write-only, set again on the target if used): destination ord.news.origin "
        "outputs[0].end_points[0].password, outputs[0].end_points[1].password",
    ]


def test_no_mapping_copies_every_service_unchanged():
    result = migrate(source_cluster())
    assert [s["name"] for s in result["services"]] == ["movies.480", "news.1080", "sports.720"]
    assert [s["name"] for s in result["sources"]] == ["movies.p", "news.b", "news.p"]
    assert [d["name"] for d in result["destinations"]] == ["news.ats", "news.origin", "sports.ats"]
    movies = by_name(result["services"])["movies.480"]
    assert "slate_image" not in movies and movies["destinations"] == []
    assert result["renamed"] == [] and result["unused_mapping"] == []
    assert result["remapped"] == {"profiles": {}, "cloud_link_groups": {}, "slate_images": {}}
    assert result["summary"][:3] == ["services (3): movies.480, news.1080, sports.720",
                                     "sources (3): movies.p, news.b, news.p",
                                     "destinations (3): news.ats, news.origin, sports.ats"]
    assert not any("remapped" in line for line in result["summary"])


def test_a_selection_without_sources_or_images():
    source = {"services": [{"name": "bare", "sources": [{"name": "s", "rank": 1}]}], "destinations": [],
              "sources": [{"name": "s", "inputs": [{"rank": 1, "type": "zixi", "cloud_link_group": None}]}]}
    result = migrate(source, {}, "bare", target={"profiles": [], "cloud_links": {"groups": []}})
    assert result["services"] == [{"name": "bare", "sources": [{"name": "s", "rank": 1}]}]
    assert result["sources"][0]["inputs"][0]["cloud_link_group"] is None  # None is kept, and not checked
    assert result["summary"][2:4] == ["destinations (0): none", "slate images (0): none"]


@pytest.mark.parametrize("state", ["off", "activated"])
def test_control_state_is_set_on_every_service(state):
    result = migrate(source_cluster(), None, None, control_state=state)
    assert {s["control_state"] for s in result["services"]} == {state}
    assert "control state: %s for every copied service" % state in result["summary"]


def test_empty_control_state_keeps_the_source_state():
    result = migrate(source_cluster(), None, ["sports.720"], control_state="")
    assert result["services"][0]["control_state"] == "off"


def test_unused_mapping_entries_are_reported():
    mapping = {"names": {"services": {"gone": "x", "news.1080": "n"}, "sources": {"zzz": "y"},
                         "destinations": {"news.ats": "a", "yyy": "b"},
                         "rules": [{"pattern": "^nomatch", "replace": ""},
                                   {"pattern": "origin", "replace": "o", "kinds": ["destinations"]}]},
               "cloud_link_groups": {"DFW-A": "ORD-A", "GONE": "X"}, "profiles": {"nothing": "x"},
               "slate_images": {"http://nowhere/x.png": "y"}}
    result = migrate(source_cluster(), mapping, ["news.1080"])
    assert result["unused_mapping"] == [
        "names.services['gone']", "names.sources['zzz']", "names.destinations['yyy']",
        "names.rules[0] ('^nomatch')", "cloud_link_groups['GONE']", "profiles['nothing']",
        "slate_images['http://nowhere/x.png']"]
    assert result["summary"][-1].startswith("mapping entries not used: names.services['gone'], ")
    assert by_name(result["destinations"])["news.o"]["name"] == "news.o"


def test_identity_entries_are_used_but_not_reported_as_changes():
    result = migrate(source_cluster(), {"profiles": {"dfw.1080 2": "dfw.1080 2"}, "names": {"services": {"news.1080": "news.1080"}}},
                     ["news.1080"])
    assert result["remapped"]["profiles"] == {} and result["renamed"] == [] and result["unused_mapping"] == []


# ---------------------------------------------------------------------------------------------- the target


def test_missing_profiles_and_groups_on_the_target_are_refused_together():
    facts = target_facts()
    with pytest.raises(MigrationError) as error:
        migrate(source_cluster(), {"profiles": {"Akamai": "Gone"}}, None, target=facts)
    message = str(error.value)
    assert ("destination 'news.origin': profile 'Gone' (mapped from 'Akamai') does not exist on the target (it has: "
            "'ATS', 'dfw.480 1', 'dfw.720 3', 'ord.1080 2', 'ord.origin'); map it to one of them in the mapping's "
            "profiles, or create it on the target first") in message
    assert "service 'news.1080': profile 'dfw.1080 2' does not exist" in message
    assert ("source 'news.p' inputs[0], destination 'news.ats' outputs[0]: cloud-link group 'DFW-A' does not exist on "
            "the target (it has: 'DFW-B', 'ORD-A')") in message


def test_a_missing_profile_names_every_user_and_the_renamed_item():
    facts = {"profiles": [], "cloud_links": {}}
    with pytest.raises(MigrationError) as error:
        migrate(source_cluster(), {"names": {"services": {"news.1080": "n"}}, "profiles": {"dfw.720 3": "x"}},
                ["news.1080", "sports.720"], target=facts)
    message = str(error.value)
    assert "service 'n' (was 'news.1080'): profile 'dfw.1080 2' does not exist on the target (it has: none)" in message
    assert "service 'sports.720': profile 'x' (mapped from 'dfw.720 3')" in message
    assert "cloud-link group" not in message  # cloud_links without groups: not checked


def test_checks_need_the_target_lists():
    # profiles absent, cloud_links.groups not a list: nothing to check against
    result = migrate(source_cluster(), None, None, target={"cloud_links": {"groups": None}})
    assert len(result["services"]) == 3
    result = migrate(source_cluster(), None, None, target={"cloud_links": ["not", "a", "dict"]})
    assert result["plan"] == {}


def test_plan_against_the_target_objects():
    result_first = migrate(source_cluster(), MAPPING, ["news.1080"], target=target_facts())
    existing = {kind: [dict(item, id="t-%s" % index) for index, item in enumerate(result_first[kind])]
                for kind in ("sources", "destinations", "services")}
    existing["images"] = [{"id": "i1", "url": LOSS}, {"id": "i2", "url": None}]
    # the news.b source exists with another cloud-link group; news.1080 exists with an extra option only
    existing["sources"] = [s for s in existing["sources"] if s["name"] != "ord.news.b"]
    existing["sources"].append({"name": "ord.news.b", "enable_monitoring": False, "inputs": [{"rank": 1, "type": "zixi"}],
                                "id": "x"})
    existing["services"][0]["extra"] = "kept"
    del existing["destinations"][0]  # ord.news.ats: to create
    facts = target_facts(**existing)

    with pytest.raises(MigrationError) as error:
        migrate(source_cluster(), MAPPING, ["news.1080"], target=facts)
    assert str(error.value) == (
        "source 'ord.news.b' exists on the target with other inputs: set overwrite (migrate_overwrite: true) to "
        "update them with the source's settings, or map them to other names")

    result = migrate(source_cluster(), MAPPING, ["news.1080"], target=facts, overwrite=True)
    assert result["plan"] == {
        "images": {"create": ["http://slates.example.com/ord/blackout.png"], "update": [], "unchanged": [LOSS]},
        "sources": {"create": [], "update": ["ord.news.b"], "unchanged": ["ord.news.p"]},
        "destinations": {"create": ["ord.news.ats"], "update": [], "unchanged": ["ord.news.origin"]},
        "services": {"create": [], "update": [], "unchanged": ["ord.news.hd"]},
    }
    # news.1080 references a destination and an image this run creates
    assert result["deferred"] == {"services": ["ord.news.hd"]}
    assert "target destinations: 1 to create, 0 to update, 1 unchanged" in result["summary"]


def test_deferred_objects_on_an_empty_target():
    facts = target_facts(images=[], sources=[], destinations=[], services=[])
    result = migrate(source_cluster(), MAPPING, None, target=facts)
    assert result["deferred"] == {"sources": ["ord.news.p"], "services": ["movies.480", "ord.news.hd", "ord.sports"]}
    assert result["plan"]["services"]["create"] == ["movies.480", "ord.news.hd", "ord.sports"]


def test_deferred_by_source_or_image_alone():
    source = source_cluster()
    present = migrate(source, MAPPING, None)
    # every object exists except the source movies.p (movies.480 deferred by its source only) and the blackout image
    # (sports.720 deferred by its image only: its source and destination exist)
    facts = target_facts(images=[{"url": LOSS}],
                         sources=[s for s in present["sources"] if s["name"] != "movies.p"],
                         destinations=present["destinations"], services=[])
    result = migrate(source, MAPPING, None, target=facts)
    assert result["deferred"] == {"services": ["movies.480", "ord.news.hd", "ord.sports"]}
    facts["images"].append({"url": "http://slates.example.com/ord/blackout.png"})
    facts["sources"] = present["sources"]
    result = migrate(source, MAPPING, None, target=facts)
    assert result["deferred"] == {}
    assert result["plan"]["services"]["create"] == ["movies.480", "ord.news.hd", "ord.sports"]


# ---------------------------------------------------------------------------------------------- refusals


def test_a_reference_the_source_cluster_does_not_have():
    source = source_cluster()
    source["services"][0]["sources"].append({"name": "ghost.p", "rank": 3})
    source["services"][0]["destinations"].append("ghost.dest")
    with pytest.raises(MigrationError) as error:
        migrate(source, None, ["news.1080"])
    assert str(error.value) == ("service 'news.1080' references source 'ghost.p', which the source cluster does not "
                                "have; service 'news.1080' references destination 'ghost.dest', which the source "
                                "cluster does not have")


def test_an_unselected_service_with_a_dangling_reference_is_ignored():
    source = source_cluster()
    source["services"][1]["sources"] = [{"name": "ghost.p", "rank": 1}]
    assert migrate(source, None, ["news.1080"])["services"][0]["name"] == "news.1080"


def test_two_objects_mapped_to_one_name():
    mapping = {"names": {"sources": {"news.p": "one", "news.b": "one"},
                         "rules": [{"pattern": ".*", "replace": "same", "kinds": ["services"]}]}}
    with pytest.raises(MigrationError) as error:
        migrate(source_cluster(), mapping)
    assert str(error.value) == ("the mapping gives sources the same name 'one' on the target: 'news.b', 'news.p'; "
                                "the mapping gives services the same name 'same' on the target: 'movies.480', "
                                "'news.1080', 'sports.720'")


def test_different_kinds_may_share_a_name():
    mapping = {"names": {"rules": [{"pattern": r"^news\.(1080|p)$", "replace": "news"}]}}
    result = migrate(source_cluster(), mapping, ["news.1080"])
    assert result["services"][0]["name"] == "news" and "news" in by_name(result["sources"])


def test_a_rule_that_cannot_be_applied():
    with pytest.raises(MigrationError) as error:
        migrate(source_cluster(), {"names": {"rules": [{"pattern": "news", "replace": r"\2"}]}}, ["news.1080"])
    assert str(error.value).startswith(r"names.rules[0] ('news'): replace '\\2' cannot be applied to source "
                                       r"'news.b': invalid group reference")
    with pytest.raises(MigrationError) as error:
        migrate(source_cluster(), {"names": {"rules": [{"pattern": "^.*$", "replace": ""}]}}, ["news.1080"])
    assert str(error.value) == "names.rules[0] ('^.*$') turns source 'news.b' into an empty name"


@pytest.mark.parametrize("source, message", [
    (["not", "a", "dict"], "the input must be a dict with the source cluster's services, sources and destinations "
                           "(state gathered results), got list"),
    ({"services": [], "sources": []}, "source destinations must be the list that state gathered (or vos_facts) "
                                      "returns, got nothing"),
    ({"services": {}, "sources": [], "destinations": []}, "source services must be the list that state gathered "
                                                          "(or vos_facts) returns, got dict"),
    ({"services": ["x", {"name": 3}], "sources": [], "destinations": []},
     "source services[0] must be a dict with a name, got 'x'; source services[1] must be a dict with a name, "
     "got {'name': 3}"),
    ({"services": [{"name": "a"}], "sources": [{"name": "s"}, {"name": "s"}], "destinations": []},
     "the source cluster has several sources named 's': rename them there so names are unique"),
])
def test_malformed_source_inventory(source, message):
    with pytest.raises(MigrationError) as error:
        migrate(source)
    assert str(error.value) == message


def test_bad_control_state_and_target():
    with pytest.raises(MigrationError, match=r"control_state must be activated, off, or empty .* got 'on'"):
        migrate(source_cluster(), control_state="on")
    with pytest.raises(MigrationError, match=r"target must be the target cluster's vos_facts \(a dict\), got list"):
        migrate(source_cluster(), target=[])


# ---------------------------------------------------------------------------------------------- selection


def test_selection():
    names = ["news.1080", "news.720", "sports.720", "News.480"]
    assert select_services(names, None) == sorted(names)
    assert select_services(names, "sports.720") == ["sports.720"]
    assert select_services(names, ["news.*", "news.1080"]) == ["news.1080", "news.720"]  # case-sensitive
    assert select_services(names, ["*.720", "[NS]*"]) == ["News.480", "news.720", "sports.720"]
    assert select_services(names, ["news.?080"]) == ["news.1080"]


@pytest.mark.parametrize("selection, message", [
    ([], "services: select at least one service by name or pattern (leave it out for all), got []"),
    ({"a": 1}, "services: select at least one service by name or pattern (leave it out for all), got {'a': 1}"),
    (["a", 3, ""], "services[0]: 'a' matches no service of the source cluster (services: 'x'); "
                   "services[1]: 3 is not a service name or pattern; services[2]: '' is not a service name or pattern"),
    (["z*"], "services[0]: 'z*' matches no service of the source cluster (services: 'x')"),
])
def test_bad_selection(selection, message):
    with pytest.raises(MigrationError) as error:
        select_services(["x"], selection)
    assert str(error.value) == message


def test_unmatched_selection_lists_at_most_20_services():
    names = ["svc%02d" % i for i in range(25)]
    with pytest.raises(MigrationError) as error:
        select_services(names, ["nope"])
    assert str(error.value).endswith("'svc19' ...)")
    with pytest.raises(MigrationError, match=r"\(services: none\)"):
        select_services([], ["nope"])


# ---------------------------------------------------------------------------------------------- mapping validation


def test_parse_mapping_accepts_empty_and_complete_mappings():
    assert parse_mapping(None).names == {"sources": {}, "destinations": {}, "services": {}}
    parsed = parse_mapping({"names": None, "profiles": None})
    assert parsed.rules == [] and parsed.maps["profiles"] == {}
    parsed = parse_mapping(MAPPING)
    assert [rule.kinds for rule in parsed.rules] == [("services",), ("sources",), ("sources", "destinations", "services")]
    assert parsed.rename("services", "other") == "other"  # no rule for this name
    assert parsed.map("profiles", None) is None and parsed.map("profiles", "x") == "x"


@pytest.mark.parametrize("mapping, message", [
    ("names: x", "the mapping must be a dict with the keys names, cloud_link_groups, profiles, slate_images, got str"),
    ({"profile": {}, "names": {"service": {}}},
     "mapping: unknown keys profile (allowed: names, cloud_link_groups, profiles, slate_images); "
     "mapping names: unknown keys service (allowed: services, sources, destinations, rules)"),
    ({"names": ["x"]}, "mapping names must be a dict with the keys services, sources, destinations, rules, got list"),
    ({"profiles": ["a"]}, "mapping profiles must be a dict of old name: new name, got list"),
    ({"profiles": {1080: "x", "": "y", "a": None, "b": ""}},
     "mapping profiles: key 1080 must be a non-empty string (quote it in YAML); mapping profiles: key '' must be a "
     "non-empty string (quote it in YAML); mapping profiles['a']: the new value must be a non-empty string, got None; "
     "mapping profiles['b']: the new value must be a non-empty string, got ''"),
    ({"names": {"sources": {"a": 1}}}, "mapping names.sources['a']: the new value must be a non-empty string, got 1"),
    ({"names": {"rules": {"pattern": "x"}}},
     "mapping names.rules must be a list of {pattern, replace[, kinds]}, got dict"),
    ({"names": {"rules": ["x", {"pattern": "a", "replace": "b", "kind": "services"}, {"pattern": "", "replace": "b"},
                          {"pattern": "a"}, {"pattern": "a", "replace": "b", "kinds": []},
                          {"pattern": "a", "replace": "b", "kinds": ["channels"]},
                          {"pattern": "a", "replace": "b", "kinds": {"services": 1}}, {"pattern": "(", "replace": ""}]}},
     "mapping names.rules[0] must be a dict {pattern, replace[, kinds]}, got 'x'; "
     "mapping names.rules[1]: unknown keys kind (allowed: pattern, replace, kinds); "
     "mapping names.rules[2]: pattern must be a non-empty regular expression, got ''; "
     "mapping names.rules[3]: replace must be a string (it may be empty), got None; "
     "mapping names.rules[4]: kinds must be a non-empty list of destinations, services, sources, got []; "
     "mapping names.rules[5]: kinds must be a non-empty list of destinations, services, sources, got ['channels']; "
     "mapping names.rules[6]: kinds must be a non-empty list of destinations, services, sources, got {'services': 1}; "
     "mapping names.rules[7]: pattern '(' is not a valid regular expression: missing ), unterminated subpattern at "
     "position 0"),
])
def test_malformed_mapping(mapping, message):
    with pytest.raises(MigrationError) as error:
        parse_mapping(mapping)
    assert str(error.value) == message


def test_a_malformed_mapping_stops_the_migration():
    with pytest.raises(MigrationError, match=r"^mapping: unknown keys names_typo"):
        migrate(source_cluster(), {"names_typo": {}})
