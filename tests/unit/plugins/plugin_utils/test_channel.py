# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/plugin_utils/channel.py (the core of the broadcast.video.channel_lineup filter): the
expansion and its naming, the VOS defaults declared, validation messages naming the channel and the field, secrets
kept out of messages, check-mode deferral, and the role's argument_specs being the same option tree."""

from __future__ import annotations

import copy
import datetime
import os

import pytest
import yaml

from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError
from ansible_collections.broadcast.video.plugins.plugin_utils import channel as ch
from ansible_collections.broadcast.video.plugins.plugin_utils.channel import LineupError, expand_channel, expand_lineup

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))

SLATE = "http://slates.example.com/news.png"
NEWS = {
    "name": "news",
    "profile": "dfw.1080 2",
    "on_air": True,
    "inputs": [
        {"cloud_link_group": "DFW-CL-GROUP-A", "ip_address": "232.50.0.1", "ip_port": 5000},
        {"cloud_link_group": "DFW-CL-GROUP-B", "ip_address": "232.50.1.1", "ip_port": "5000"},
    ],
    "slate": SLATE,
    "destinations": [
        {"type": "origin", "destination_profile": "Akamai",
         "end_points": [{"packaging": "dash", "hostname": "origin.example.com", "path": "DASH", "password": "s3cr3t-pw"},
                        {"packaging": "hls", "protocol": "http", "port": 8080, "username": "pub"}]},
        {"type": "ats", "destination_profile": "ATS", "ip_address": "239.50.0.1", "ip_port": 40000,
         "cloud_link_group": "DFW-CL-GROUP-A"},
    ],
    "recording": {
        "sources": ["Newsroom Encoder", "Remote Reporter"],
        "sync_record": True,
        "weekly": {"days": "WED;fri", "start_time": "2026-12-02T18:00:00Z", "duration": 3600},
        "one_time": [{"start_time": 1798754400, "duration": 7200, "go_live": True}],
    },
}
MOVIES = {"name": "movies", "profile": "dfw.720 3",
          "inputs": [{"cloud_link_group": "DFW-CL-GROUP-B", "ip_address": "232.50.0.3", "ip_port": 5000}]}


def news(**changes):
    """A deep copy of NEWS with top-level fields replaced (None removes the field)."""
    channel = copy.deepcopy(NEWS)
    for key, value in changes.items():
        if value is None:
            channel.pop(key, None)
        else:
            channel[key] = value
    return channel


def error_of(lineup, pending=None):
    with pytest.raises(LineupError) as caught:
        expand_lineup(lineup, pending)
    return str(caught.value)


# ------------------------------------------------------------------------------------------- the expansion


def test_full_channel_expansion():
    result = expand_lineup([NEWS])
    assert result["images"] == [{"url": SLATE}]
    zixi = {"rank": 1, "type": "zixi", "cloud_link_group": "DFW-CL-GROUP-A", "ip_address": "232.50.0.1", "ip_port": 5000,
            "program_number": 0, "ssm_ip_addresses": []}
    slate = {"rank": 2, "type": "slate", "slate_type": "signal_loss", "slate_image": SLATE}
    assert result["sources"] == [
        {"name": "news.primary", "enable_monitoring": False, "inputs": [zixi, slate]},
        {"name": "news.backup", "enable_monitoring": False,
         "inputs": [dict(zixi, cloud_link_group="DFW-CL-GROUP-B", ip_address="232.50.1.1"), slate]},
    ]
    assert result["destinations"] == [
        {"name": "news.origin", "type": "origin", "destination_profile": "Akamai", "outputs": [{
            "rank": 1, "type": "origin", "end_points": [
                {"packaging": "dash", "protocol": "https", "hostname": "origin.example.com", "port": 80, "path": "DASH",
                 "username": "", "password": "s3cr3t-pw"},
                {"packaging": "hls", "protocol": "http", "hostname": "127.0.0.1", "port": 8080, "username": "pub"}]}]},
        {"name": "news.ats", "type": "ats", "destination_profile": "ATS", "outputs": [{
            "rank": 1, "type": "cloudlink", "ip_address": "239.50.0.1", "ip_port": 40000,
            "cloud_link_group": "DFW-CL-GROUP-A"}]},
    ]
    assert result["services"] == [{
        "name": "news", "profile": "dfw.1080 2", "control_state": "activated", "program_number": 1,
        "sources": [{"name": "news.primary", "rank": 1}, {"name": "news.backup", "rank": 2}],
        "destinations": ["news.origin", "news.ats"], "slate_image": SLATE}]
    assert result["hmp_sessions"] == [{"title": "news", "sources": ["Newsroom Encoder", "Remote Reporter"],
                                       "sync_record": True}]
    assert result["hmp_events"] == [
        {"session": "news", "start_time": "2026-12-02T18:00:00Z", "type": "weekly-recurring", "days": ["WED", "FRI"],
         "duration": 3600, "command": "record"},
        {"session": "news", "start_time": 1798754400, "type": "one-time", "duration": 7200, "command": "set-live",
         "record": True},
    ]
    assert result["deferred"] == {"sources": [], "services": []}


def test_minimal_channel_uses_vos_defaults_and_stays_off_air():
    result = expand_lineup([MOVIES])
    assert result["images"] == [] and result["destinations"] == []
    assert result["hmp_sessions"] == [] and result["hmp_events"] == []
    assert result["sources"] == [{"name": "movies.primary", "enable_monitoring": False, "inputs": [
        {"rank": 1, "type": "zixi", "cloud_link_group": "DFW-CL-GROUP-B", "ip_address": "232.50.0.3", "ip_port": 5000,
         "program_number": 0, "ssm_ip_addresses": []}]}]
    assert result["services"] == [{"name": "movies", "profile": "dfw.720 3", "control_state": "off", "program_number": 1,
                                   "sources": [{"name": "movies.primary", "rank": 1}], "destinations": []}]


def test_source_names_ranks_and_explicit_names():
    inputs = [{"cloud_link_group": "G", "ip_address": "232.0.0.%d" % i, "ip_port": 5000} for i in range(4)]
    inputs[3]["name"] = "movies.spare"
    expanded = expand_channel(dict(MOVIES, inputs=inputs, monitoring="yes", program_number=7))
    assert [s["name"] for s in expanded["sources"]] == ["movies.primary", "movies.backup", "movies.backup2", "movies.spare"]
    assert [s["rank"] for s in expanded["service"]["sources"]] == [1, 2, 3, 4]
    assert all(source["enable_monitoring"] is True for source in expanded["sources"])
    assert expanded["service"]["program_number"] == 7


def test_slate_without_signal_loss_input():
    expanded = expand_channel(news(signal_loss_slate=False))
    assert all(len(source["inputs"]) == 1 for source in expanded["sources"])
    assert expanded["service"]["slate_image"] == SLATE and expanded["image"] == SLATE


def test_explicit_destination_names_allow_two_of_a_type():
    ats = {"type": "ats", "destination_profile": "ATS", "ip_address": "239.0.0.1", "ip_port": 1, "cloud_link_group": "G"}
    expanded = expand_channel(dict(MOVIES, destinations=[ats, dict(ats, name="movies.ats.b")]))
    assert expanded["service"]["destinations"] == ["movies.ats", "movies.ats.b"]


def test_recording_session_options_and_title():
    new_year_eve = datetime.datetime(2026, 12, 31, 22, tzinfo=datetime.timezone.utc)
    recording = {"session": "Evening News", "description": "bulletin", "live": True, "sync_record": False,
                 "sources": "A, B",
                 "one_time": [{"start_time": new_year_eve}, {"start_time": datetime.date(2027, 1, 1), "go_live": "no"}]}
    expanded = expand_channel(dict(MOVIES, recording=recording))
    assert expanded["hmp_session"] == {"title": "Evening News", "sources": ["A", "B"], "description": "bulletin",
                                       "live": True, "sync_record": False}
    assert expanded["hmp_events"] == [
        {"session": "Evening News", "start_time": "2026-12-31T22:00:00+00:00", "type": "one-time", "command": "record"},
        {"session": "Evening News", "start_time": "2027-01-01", "type": "one-time", "command": "record"},
    ]


def test_lineup_order_and_images_once():
    sports = dict(MOVIES, name="sports", slate=SLATE)
    other = dict(MOVIES, name="kids", slate="http://slates.example.com/kids.png")
    result = expand_lineup((news(recording=None), sports, other))
    assert result["images"] == [{"url": SLATE}, {"url": "http://slates.example.com/kids.png"}]
    assert [s["name"] for s in result["services"]] == ["news", "sports", "kids"]
    assert [s["name"] for s in result["sources"]] == ["news.primary", "news.backup", "sports.primary", "kids.primary"]
    assert expand_lineup([]) == {"images": [], "sources": [], "destinations": [], "services": [], "hmp_sessions": [],
                                 "hmp_events": [], "deferred": {"sources": [], "services": []}}


def test_input_is_not_changed():
    channel = news()
    expand_lineup([channel])
    assert channel == NEWS


# ------------------------------------------------------------------------------------------- check-mode deferral


def test_deferred_by_pending_image():
    result = expand_lineup([NEWS, MOVIES], {"images": [SLATE]})
    assert result["deferred"] == {"sources": ["news.primary", "news.backup"], "services": ["news"]}
    assert len(result["services"]) == 2  # the config lists stay complete


@pytest.mark.parametrize("pending", [{"sources": ["movies.primary"]}, {"destinations": ["movies.ats"]}])
def test_deferred_by_pending_source_or_destination(pending):
    ats = {"type": "ats", "destination_profile": "ATS", "ip_address": "239.0.0.1", "ip_port": 1, "cloud_link_group": "G"}
    result = expand_lineup([NEWS, dict(MOVIES, destinations=[ats])], pending)
    assert result["deferred"] == {"sources": [], "services": ["movies"]}


@pytest.mark.parametrize("pending, message", [
    ("images", "pending: must be a mapping such as {images: [...], sources: [...], destinations: [...]} (got str)"),
    ({"sessions": []}, "pending: unknown key sessions; allowed: images, sources, destinations"),
    ({"images": "x.png"}, "pending.images: must be a list of names (strings)"),
    ({"sources": [1]}, "pending.sources: must be a list of names (strings)"),
])
def test_pending_errors(pending, message):
    assert error_of([MOVIES], pending) == message


def test_pending_none_and_empty_kinds():
    assert expand_lineup([MOVIES], {"images": None})["deferred"] == {"sources": [], "services": []}


# ------------------------------------------------------------------------------------------- validation messages

CH0 = "channel 'news' (channel_lineup[0]): "


@pytest.mark.parametrize("changes, message", [
    ({"profile": None}, CH0 + "profile: is required"),
    ({"profile": ""}, CH0 + "profile: must not be empty"),
    ({"slate": " "}, CH0 + "slate: must not be empty"),
    ({"on_air": "maybe"}, CH0 + "on_air: must be a boolean (true or false) (got 'maybe')"),
    ({"program_number": True}, CH0 + "program_number: must be an integer (got True)"),
    ({"program_number": "1x"}, CH0 + "program_number: must be an integer (got '1x')"),
    ({"program_number": 1.5}, CH0 + "program_number: must be an integer (got 1.5)"),
    ({"profile": ["a"]}, CH0 + "profile: must be a string (got ['a'])"),
    ({"profile": False}, CH0 + "profile: must be a string (got False)"),
    ({"inputs": []}, CH0 + "inputs: needs at least one input (the first is the primary, further ones are backups)"),
    ({"inputs": 5}, CH0 + "inputs: must be a list (got int)"),
    ({"inputs": ["x"]}, CH0 + "inputs[0]: must be a mapping of fields (got str)"),
    ({"inputs": [{"cloud_link_group": "G", "ip_address": "a"}]}, CH0 + "inputs[0].ip_port: is required"),
    ({"inputs": [{"cloud_link_group": "G", "ip_address": "a", "ip_port": 0}]},
     CH0 + "inputs[0].ip_port: 0 is not a port; give 1 to 65535"),
    ({"inputs": [{"cloud_link_group": "", "ip_address": "a", "ip_port": 1}]}, CH0 + "inputs[0].cloud_link_group: must not be empty"),
    ({"inputs": [{"cloud_link_group": "G", "ip_address": "", "ip_port": 1}]}, CH0 + "inputs[0].ip_address: must not be empty"),
    ({"inputs": [{"name": "", "cloud_link_group": "G", "ip_address": "a", "ip_port": 1}]}, CH0 + "inputs[0].name: must not be empty"),
    ({"inputs": [{"cloud_link_group": "G", "ip_address": "a", "ip_port": 1, "ssm_ip_addresses": [{}]}]},
     CH0 + "inputs[0].ssm_ip_addresses[0]: must be a string (got {})"),
    ({"inputs": [{"cloud_link_group": "G", "ip_address": "a", "ip_port": 1, "port": 1}]},
     CH0 + "inputs[0]: unknown field port; allowed: cloud_link_group, ip_address, ip_port, name, program_number, "
           "ssm_ip_addresses"),
    ({"inputs": [{"cloud_link_group": "G", "ip_address": "a", "ip_port": 1},
                 {"name": "news.primary", "cloud_link_group": "G", "ip_address": "b", "ip_port": 1}]},
     CH0 + "inputs[1]: source 'news.primary' is also the name of inputs[0]; give each its own name"),
    ({"destinations": [{"type": "hls", "destination_profile": "A"}]},
     CH0 + "destinations[0].type: 'hls' is not allowed; choose one of origin, ats"),
    ({"destinations": [{"type": "origin", "destination_profile": "A", "ip_port": 1, "cloud_link_group": "G"}]},
     CH0 + "destinations[0]: ip_port, cloud_link_group: only for ats destinations; an origin destination takes end_points"),
    ({"destinations": [{"type": "origin", "destination_profile": "A"}]},
     CH0 + "destinations[0].end_points: is required for an origin destination (one per packaging)"),
    ({"destinations": [{"type": "origin", "destination_profile": "A", "end_points": []}]},
     CH0 + "destinations[0].end_points: is required for an origin destination (one per packaging)"),
    ({"destinations": [{"type": "origin", "destination_profile": "A", "end_points": [{"packaging": "hls", "port": 70000}]}]},
     CH0 + "destinations[0].end_points[0].port: 70000 is not a port; give 1 to 65535"),
    ({"destinations": [{"type": "origin", "destination_profile": "", "end_points": [{"packaging": "hls"}]}]},
     CH0 + "destinations[0].destination_profile: must not be empty"),
    ({"destinations": [{"type": "origin", "name": "", "destination_profile": "A", "end_points": [{"packaging": "hls"}]}]},
     CH0 + "destinations[0].name: must not be empty"),
    ({"destinations": [{"type": "ats", "destination_profile": "A", "end_points": [{"packaging": "hls"}]}]},
     CH0 + "destinations[0]: end_points: only for origin destinations; an ats destination takes ip_address, ip_port and "
           "cloud_link_group"),
    ({"destinations": [{"type": "ats", "destination_profile": "A", "ip_address": "x"}]},
     CH0 + "destinations[0]: ip_port, cloud_link_group: required for an ats destination"),
    ({"destinations": [{"type": "ats", "destination_profile": "A", "ip_address": "", "ip_port": 1, "cloud_link_group": "G"}]},
     CH0 + "destinations[0].ip_address: must not be empty"),
    ({"destinations": [{"type": "ats", "destination_profile": "A", "ip_address": "x", "ip_port": 1, "cloud_link_group": " "}]},
     CH0 + "destinations[0].cloud_link_group: must not be empty"),
    ({"destinations": [{"type": "ats", "destination_profile": "A", "ip_address": "x", "ip_port": 99999, "cloud_link_group": "G"}]},
     CH0 + "destinations[0].ip_port: 99999 is not a port; give 1 to 65535"),
    ({"destinations": [{"type": "ats", "destination_profile": "A", "ip_address": "x", "ip_port": 1, "cloud_link_group": "G"},
                       {"type": "ats", "destination_profile": "B", "ip_address": "y", "ip_port": 2, "cloud_link_group": "G"}]},
     CH0 + "destinations[1]: destination 'news.ats' is also the name of destinations[0]; give each its own name"),
    ({"recording": "yes"}, CH0 + "recording: must be a mapping of fields (got str)"),
    ({"recording": {"sources": []}}, CH0 + "recording.sources: 0 given; an HMP session takes 1 to 4 sources"),
    ({"recording": {"sources": ["a", "b", "c", "d", "e"]}}, CH0 + "recording.sources: 5 given; an HMP session takes 1 to 4 sources"),
    ({"recording": {"sources": ["a", "a"]}}, CH0 + "recording.sources: each source can be in the session once, got ['a', 'a']"),
    ({"recording": {"sources": ["a", ""]}}, CH0 + "recording.sources[1]: must not be empty"),
    ({"recording": {"sources": ["a"], "session": ""}}, CH0 + "recording.session: must not be empty"),
    ({"recording": {"sources": ["a"], "weekly": {"days": "WED;XYZ", "start_time": 0}}},
     CH0 + "recording.weekly: days: 'XYZ' is not a day; allowed: MON, TUE, WED, THU, FRI, SAT, SUN"),
    ({"recording": {"sources": ["a"], "weekly": {"days": 5, "start_time": 0}}},
     CH0 + "recording.weekly: days must be a list such as [WED, FRI] or a string such as \"WED;FRI\""),
    ({"recording": {"sources": ["a"], "weekly": {"days": ";", "start_time": 0}}},
     CH0 + "recording.weekly.days: is empty; give at least one day (MON to SUN)"),
    ({"recording": {"sources": ["a"], "weekly": {"days": "MON"}}}, CH0 + "recording.weekly.start_time: is required"),
    ({"recording": {"sources": ["a"], "weekly": {"days": "MON", "start_time": "soon"}}},
     CH0 + "recording.weekly: start_time 'soon' is neither ISO 8601 (2026-11-25T18:00:00Z) nor epoch seconds"),
    ({"recording": {"sources": ["a"], "one_time": [{"start_time": 0, "duration": -1}]}},
     CH0 + "recording.one_time[0].duration: -1 is not allowed; give seconds >= 0"),
    ({"recording": {"sources": ["a"], "weekly": {"days": "MON", "start_time": "1970-01-01T00:01:00Z"},
                    "one_time": [{"start_time": 60}]}},
     CH0 + "recording.one_time[0].start_time: 60 is also the start of recording.weekly; an HMP event is known by its "
           "session and start time, so each needs its own"),
    ({"colour": "red", "size": 1}, CH0 + "unknown fields colour, size; allowed: destinations, inputs, monitoring, name, "
                                         "on_air, profile, program_number, recording, signal_loss_slate, slate"),
])
def test_channel_errors(changes, message):
    assert error_of([news(**changes)]) == message


@pytest.mark.parametrize("channel, message", [
    ("news", "channel_lineup[0]: must be a mapping of fields (got str)"),
    ({"profile": "p", "inputs": []}, "channel_lineup[0]: name: is required"),
    ({"name": " ", "profile": "p", "inputs": []}, "channel_lineup[0]: name: must not be empty"),
    ({"name": 5, "profile": "p", "inputs": []}, "channel_lineup[0]: inputs: needs at least one input (the first is the "
                                                "primary, further ones are backups)"),
])
def test_errors_without_a_channel_name(channel, message):
    assert error_of([channel]) == message


def test_lineup_must_be_a_list():
    assert error_of({"name": "news"}) == "channel_lineup: must be a list of channel definitions (got dict)"
    assert error_of(None) == "channel_lineup: must be a list of channel definitions (got NoneType)"


@pytest.mark.parametrize("second, message", [
    (dict(MOVIES, name="news"), "channel 'news' (channel_lineup[1]): channel 'news' is also declared by channel 'news' "
                                "(channel_lineup[0])"),
    (dict(MOVIES, inputs=[dict(MOVIES["inputs"][0], name="news.backup")]),
     "channel 'movies' (channel_lineup[1]): source 'news.backup' is also declared by channel 'news' (channel_lineup[0])"),
    (dict(MOVIES, destinations=[{"type": "ats", "name": "news.ats", "destination_profile": "ATS", "ip_address": "x",
                                 "ip_port": 1, "cloud_link_group": "G"}]),
     "channel 'movies' (channel_lineup[1]): destination 'news.ats' is also declared by channel 'news' (channel_lineup[0])"),
    (dict(MOVIES, recording={"session": "news", "sources": ["a"]}),
     "channel 'movies' (channel_lineup[1]): HMP session 'news' is also declared by channel 'news' (channel_lineup[0])"),
])
def test_names_unique_across_the_lineup(second, message):
    assert error_of([NEWS, second]) == message + "; VOS and HMP names must be unique across the line-up"


def test_secrets_never_in_messages():
    end_points = [{"packaging": "hls", "password": "s3cr3t-pw", "path": "s3cr3t-pw"}]
    destinations = [{"type": "origin", "destination_profile": "s3cr3t-pw", "end_points": end_points, "ip_port": 1}]
    message = error_of([news(destinations=destinations)])
    assert "s3cr3t-pw" not in message and "********" not in message  # the message does not quote values here
    message = error_of([news(destinations=destinations, on_air="s3cr3t-pw")])
    assert message == CH0 + "on_air: must be a boolean (true or false) (got '********')"
    bad_password = [{"type": "origin", "destination_profile": "A", "end_points": [{"packaging": "hls", "password": ["x"]}]}]
    assert error_of([news(destinations=bad_password)]) == CH0 + "destinations[0].end_points[0].password: must be a string"


@pytest.mark.parametrize("channel", [
    "not a mapping",
    {"destinations": "not a list"},
    {"destinations": ["not a mapping"]},
    {"destinations": [{"end_points": "not a list"}]},
    {"destinations": [{"end_points": ["not a mapping", {"password": 5}, {"password": ""}]}]},
])
def test_secrets_of_malformed_definitions(channel):
    assert ch._secrets(channel) == []  # pylint: disable=protected-access


def test_reworded_keeps_text_without_the_prefix():
    assert ch._reworded(ValidationError("other text"), "x") == "other text"  # pylint: disable=protected-access
    assert ch._reworded(ValidationError("x: days: bad"), "x") == "days: bad"  # pylint: disable=protected-access


def test_scalar_conversions():
    scalar = ch._scalar  # pylint: disable=protected-access
    assert scalar("str", 5, "p", False) == "5" and scalar("str", 1.5, "p", False) == "1.5"
    assert scalar("int", " 42 ", "p", False) == 42 and scalar("int", 3.0, "p", False) == 3
    assert scalar("bool", "yes", "p", False) is True and scalar("bool", 0, "p", False) is False
    assert scalar("raw", {"a": 1}, "p", False) == {"a": 1}
    assert ch._to_list(("a",), "p") == ["a"]  # pylint: disable=protected-access


# ------------------------------------------------------------------------------------------- the role's argument_specs


def _strip_descriptions(options):
    result = {}
    for name, option in options.items():
        option = {k: v for k, v in option.items() if k != "description"}
        if "options" in option:
            option["options"] = _strip_descriptions(option["options"])
        result[name] = option
    return result


def test_role_argument_specs_declare_the_same_option_tree():
    with open(os.path.join(ROOT, "roles", "channel", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        specs = yaml.safe_load(handle)
    lineup = specs["argument_specs"]["main"]["options"]["channel_lineup"]
    assert (lineup["type"], lineup["elements"], lineup["required"]) == ("list", "dict", True)
    assert _strip_descriptions(lineup["options"]) == ch.CHANNEL_SPEC
