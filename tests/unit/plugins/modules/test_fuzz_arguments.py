# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument fuzzing of every VOS, HMP, DMS and Electra XT module (quality rule ``no-tracebacks``).

Hypothesis builds random argument dicts from each module's own argument spec: known options with plausible values,
wrong types, ``None``, unicode and ``:`` strings, nested config items with random and unknown keys, unknown options;
the connection points at the device's simulator or at a closed loopback port (127.0.0.1:9, ``retries: 0``; Electra XT:
its SNMP agent or the closed UDP port 9, with short SNMP timeouts). Every run
must end in ``exit_json`` / ``fail_json`` with a JSON result whose ``msg`` (when failed) is a non-empty string, and no
Python exception may escape ``main()``.

The value regions where fuzzing first found tracebacks are fuzzed too (credentials outside latin-1, negative, huge and
NaN timeouts, a ``ca_path`` that does not exist, a URL ``host`` with a non-numeric port, a huge ``max_workers``); each
also has a direct test in ``test_vos_modules.py``.
"""

from __future__ import annotations

import json
import os

import pytest

from ansible.module_utils.common import warnings as ansible_warnings
from ansible.module_utils.testing import patch_module_args

from ansible_collections.broadcast.video.plugins.module_utils.module import UPDATE_PASSWORD, resource_argument_spec
from ansible_collections.broadcast.video.plugins.module_utils.vos.client import CONNECTION_SPEC, DEFAULT_PATHS
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.facts import SUBSETS
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import DESTINATIONS, IMAGES, SERVICES, SOURCES, USERS
from ansible_collections.broadcast.video.plugins.module_utils.hmp import client as hmp_client, facts as hmp_facts_utils
from ansible_collections.broadcast.video.plugins.module_utils.hmp import resources as hmp_resources
from ansible_collections.broadcast.video.plugins.module_utils.hmp.device import HMP
from ansible_collections.broadcast.video.plugins.module_utils.dms import client as dms_client, facts as dms_facts_utils
from ansible_collections.broadcast.video.plugins.module_utils.dms import resources as dms_resources
from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
from ansible_collections.broadcast.video.plugins.module_utils.electra import client as electra_client
from ansible_collections.broadcast.video.plugins.module_utils.electra import facts as electra_facts_utils
from ansible_collections.broadcast.video.plugins.module_utils.electra import resources as electra_resources
from ansible_collections.broadcast.video.plugins.module_utils.electra.device import ELECTRA_HTTP
from ansible_collections.broadcast.video.plugins.modules import (
    vos_destinations, vos_facts, vos_images, vos_services, vos_sources, vos_users,
    hmp_events, hmp_facts, hmp_recordings, hmp_sessions, hmp_sources, hmp_stb_command, hmp_streams, hmp_videos,
    dms_device_command, dms_facts, dms_devices, dms_groups, dms_authorizations, dms_destinations,
    electra_facts, electra_jobs)

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402 pylint: disable=wrong-import-position

# Names that exist on the seeded simulator, so that some fuzzed items resolve their references and reach the device.
NAMES = ["AandEHD.1080.tv", "CNNHD.720.tv", "AandE.AandEHD.1080.eng.p", "CNN.CNNHD.1080.eng.p", "AandEHD-1382.dfw.1080.mobile.origin",
         "CNNHD-2041.dfw.720.mobile.ATS", "dfw.1080 2", "ATS", "Akamai", "DFW-CL-GROUP-A", "http://slates.example.com/vos/blackout.png",
         "operator", "monitor", "fuzz.item"]
# Names that exist on the seeded HMP simulator (sources, sessions, videos, tags) and values HMP options accept.
HMP_NAMES = ["Lobby Encoder", "Makito SRT", "Town Hall", "Studio A", "Boardroom", "Product Launch", "Quarterly Update",
             "Town Hall @ 2020-06-16T22:00:00Z", "2026-12-02T18:00:00Z", "WED;FRI", "lobby", "floor-1", "239.1.1.1"]
# Ids and names that exist on the seeded DMS simulator (devices, groups, regions, models, firmware versions).
DMS_NAMES = ["dev-000001", "dev-000002", "dev-000007", "dev-999999", "sports", "news", "region-north", "north", "central",
             "ProView 8130", "RD9000", "11.4.0.0", "11.4.1.0", "online", "offline", "a,b"]
# Names, addresses and schedule values the DMS resource modules accept or find on the seeded simulator.
DMS_RESOURCE_NAMES = DMS_NAMES + ["hotels", "tier-premium", "device", "group", "hotels-weekend-sports", "sports-package",
                                  "headend-north-mcast", "cloud-srt", "239.10.1.1", "2001:db8::10", "ESPN-HD", "2026-12-01",
                                  "2026-12-31", "2026-13-40", "18:00", "8:00", "23:59:00", "25:00", "MON;FRI", "Friday", "sun"]
# Column names, parameter names and values of the seeded Electra XT simulator (job names are read from it at run time).
ELECTRA_NAMES = ["name", "index", "custom_label", "service_name", "output_bitrate", "audio_language", "codec", "running",
                 "stopped", "failed", "eng", "8000", "news-0001", "nope"]
ELECTRA_PARAMETERS = ["output_bitrate", "service_name", "audio_language", "custom_label", "codec", "resolution", "gop"]
ODD_STRINGS = ["", " ", ":", "::", "a:b", "ü", "✓ 日本", "0", "1", "-1", "true", "no", "1e3", "[]", "{}", "null", "\x00", "a" * 300,
               "/", "//", "?x=1", "%s", "{{ x }}", "\u202e"]

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 64, max_value=2 ** 64), st.floats(width=32),
                    st.text(max_size=8), st.sampled_from(ODD_STRINGS + NAMES))
JUNK = st.recursive(SCALARS, lambda children: st.one_of(st.lists(children, max_size=3),
                                                        st.dictionaries(st.text(max_size=6), children, max_size=3)), max_leaves=6)
KEY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=10)


def plausible(spec, names=None):
    """Values of the option's own type (and choices), biased towards the simulator's ``names``."""
    names = NAMES if names is None else names
    if spec.get("choices"):
        return st.sampled_from(list(spec["choices"]))
    kind = spec.get("type", "str")
    if kind == "int":
        return st.integers(min_value=-5, max_value=70000)
    if kind == "bool":
        return st.booleans()
    if kind == "dict" and spec.get("options"):
        return item_strategy(spec["options"], names)
    if kind == "list":
        if spec.get("options"):
            return st.lists(item_strategy(spec["options"], names), max_size=3)
        return st.lists(st.one_of(st.sampled_from(names), st.text(max_size=8)), max_size=3)
    return st.one_of(st.sampled_from(names + ODD_STRINGS), st.text(max_size=10))


def option_value(spec, names=None):
    """Usually a value of the right type, sometimes anything at all."""
    return st.one_of(plausible(spec, names), plausible(spec, names), plausible(spec, names), JUNK)


def item_strategy(options, names=None):
    """One config item: the required sub-options and a random subset of the others, sometimes an unknown key."""
    required = {name: option_value(spec, names) for name, spec in options.items() if spec.get("required")}
    known = st.fixed_dictionaries(required, optional={name: option_value(spec, names) for name, spec in options.items()
                                                      if name not in required})
    unknown = st.dictionaries(KEY_TEXT.filter(lambda k: k not in options), JUNK, max_size=1)
    return st.one_of(known, known, known, st.builds(lambda a, b: dict(a, **b), known, unknown))


def connection(sim_port, device="vos", snmp_port=None):
    """Connection options aimed at the simulator or at a closed port; everything else fuzzed within safe bounds
    (``snmp_port``: the Electra XT simulator's SNMP agent)."""
    latin1 = st.text(alphabet=st.characters(max_codepoint=255, exclude_characters="\x00"), max_size=12)
    anytext = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8)
    known = {"vos": ["admin", "admin-password", "vos-client", "vos-client-secret"],
             "hmp": ["haiadmin", "hmp-password", "hmp-api-key", "hmp-api-secret"],
             "dms": ["dmsadmin", "dms-password"], "electra": ["admin", "electra-password"]}[device]
    secret = st.one_of(st.sampled_from(known), latin1, anytext, st.none())
    port = st.sampled_from([sim_port, sim_port, 9])
    spec, paths = {"vos": (CONNECTION_SPEC, DEFAULT_PATHS), "hmp": (hmp_client.CONNECTION_SPEC, hmp_client.DEFAULT_PATHS),
                   "dms": (dms_client.CONNECTION_SPEC, dms_client.DEFAULT_PATHS),
                   "electra": (electra_client.CONNECTION_SPEC, electra_client.DEFAULT_PATHS)}[device]
    entry = st.one_of(st.sampled_from(sorted(paths.values())), JUNK)
    if device in ("dms", "electra"):
        # DMS and Electra entries may also be {path, enabled} (an endpoint switched off)
        entry = st.one_of(entry, st.fixed_dictionaries({}, optional={"path": st.sampled_from(sorted(paths.values())),
                                                                     "enabled": st.one_of(st.booleans(), JUNK)}))
    fields = {
        "host": st.sampled_from(["127.0.0.1", "127.0.0.1", "127.0.0.1", " 127.0.0.1/ ", "http://127.0.0.1:notaport",
                                 "ftp://127.0.0.1", "http://"]),
        "port": port,
        "use_ssl": st.sampled_from([False, False, False, True, "no", "maybe"]),
        "validate_certs": st.one_of(st.booleans(), JUNK),
        "ca_path": st.sampled_from([None, os.path.abspath(__file__), "/nonexistent/ca.pem"]),
        "username": secret, "password": secret,
        "timeout": st.sampled_from([None, 0, 1, 2.5, "2", "x", [], -1, 1e300, float("nan"), float("inf")]),
        "connect_timeout": st.sampled_from([None, 0, 1, "1", "fast", -2, float("nan")]),
        "retries": st.sampled_from([0, -1, -50, "0", "x", [], {}]),
        "max_workers": st.one_of(st.integers(min_value=-3, max_value=16), st.sampled_from(["2", "many", None, [], 1.5, 10 ** 9])),
        "endpoint_paths": st.one_of(st.none(), JUNK, st.dictionaries(st.sampled_from(sorted(paths) + ["bogus"]), entry, max_size=2)),
    }
    if device == "vos":
        fields.update({
            "auth_method": st.one_of(st.sampled_from(["basic", "client_credentials", "authorization_code"]), JUNK),
            "client_id": secret, "client_secret": secret,
            "token_path": st.one_of(st.sampled_from(["/oauth/token", "/", "relative", "/__sim__/nowhere"]), st.text(max_size=6)),
            "authorize_path": st.one_of(st.sampled_from(["/oauth/authorize", "/nowhere"]), st.text(max_size=6)),
            "redirect_uri": st.one_of(st.none(), st.text(max_size=10)),
        })
        user, password = "admin", "admin-password"
    elif device == "hmp":
        fields.update({"auth_method": st.one_of(st.sampled_from(["session", "api_key"]), JUNK), "api_key": secret,
                       "api_secret": secret})
        user, password = "haiadmin", "hmp-password"
    elif device == "dms":
        fields["page_size"] = st.one_of(st.sampled_from([None, 1, 7, 1000, 0, -1, 1001, "10", "x"]), JUNK)
        user, password = "dmsadmin", "dms-password"
    else:
        # SNMP: the agent, a closed UDP port (a timeout) or refused values; never a long timeout
        v3_key = st.one_of(st.sampled_from(["electra-auth-key", "electra-priv-key", "short", "wrong-key-123"]), secret)
        profiles = st.sampled_from([None, "default", "/nonexistent/profile.yml", os.path.abspath(__file__),
                                    {"extends": "default", "tables": {"logs": None, "job_parameters": None}},
                                    {"tables": {"jobs": {"entry": "1.3.6.1.4.1.32473.1.4.1.1",
                                                         "columns": {"name": {"id": 2, "type": "ip"}}}}},
                                    {"tables": {"jobs": None}}, {"tables": "none"}])
        fields.update({
            "snmp_port": st.sampled_from([snmp_port, snmp_port, 9, 0, 70000, "x"]),
            "snmp_version": st.one_of(st.sampled_from(["v2c", "v3", "v3"]), JUNK),
            "community": st.one_of(st.sampled_from(["public", "public", "private", "wrong"]), secret),
            "v3_user": st.one_of(st.sampled_from(["electra-v3", "electra-v3", "nobody"]), JUNK),
            "v3_auth_protocol": st.one_of(st.sampled_from(["sha", "sha", "md5", "sha512"]), JUNK),
            "v3_auth_key": v3_key, "v3_priv_key": v3_key,
            "v3_priv_protocol": st.one_of(st.sampled_from(["aes", "aes", "des", "aes256"]), JUNK),
            "snmp_timeout": st.sampled_from([0.3, 0.3, 0, -1, 601, "x", [], float("nan"), True]),
            "snmp_retries": st.sampled_from([0, -1, 11, "x", [], True]),
            "max_repetitions": st.one_of(st.sampled_from([1, 25, 200, 0, 201, "x"]), JUNK),
            "profile": st.one_of(profiles, profiles, JUNK),
        })
        user, password = "admin", "electra-password"
    assert set(fields) == set(spec)
    base = {"host": fields["host"], "port": port, "use_ssl": st.just(False), "retries": st.just(0),
            "timeout": st.just(2), "connect_timeout": st.just(1), "username": st.just(user), "password": st.just(password)}
    if device == "electra":
        base.update(snmp_port=st.just(snmp_port), snmp_timeout=st.just(1.0), snmp_retries=st.just(0))
    base = st.fixed_dictionaries(base)
    fuzzed = sorted(k for k in fields if k not in ("host", "port", "snmp_port"))
    overrides = st.lists(st.sampled_from(fuzzed), max_size=3, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({k: fields[k] for k in keys}))
    return st.builds(lambda a, b: dict(a, **b), base, overrides)


def module_args(sim_port, argument_spec, device="vos", names=None, snmp_port=None):
    """A whole argument dict: connection, the module's own options, Ansible's check/diff/verbosity, unknown options
    (``names``: the values strings are drawn from, by default the device's)."""
    connection_spec = {"vos": CONNECTION_SPEC, "hmp": hmp_client.CONNECTION_SPEC, "dms": dms_client.CONNECTION_SPEC,
                       "electra": electra_client.CONNECTION_SPEC}[device]
    names = names or {"vos": NAMES, "hmp": HMP_NAMES, "dms": DMS_NAMES, "electra": ELECTRA_NAMES}[device]
    own = {name: spec for name, spec in argument_spec.items() if name not in connection_spec}
    values = {}
    config = st.none()
    for name, spec in own.items():
        if name == "config":
            items = st.lists(item_strategy(spec["options"], names), max_size=3)
            config = st.one_of(items, items, items, items, st.none(), JUNK)
        elif spec.get("type") == "dict" and spec.get("options"):
            # a dict option with suboptions (DMS filters): usually well-formed, sometimes anything
            values[name] = st.one_of(item_strategy(spec["options"], names), item_strategy(spec["options"], names), JUNK)
        else:
            values[name] = option_value(spec, names)
    specific = st.fixed_dictionaries({"config": config} if "config" in own else {}, optional=values)
    internal = st.fixed_dictionaries({}, optional={"_ansible_check_mode": st.booleans(), "_ansible_diff": st.booleans(),
                                                   "_ansible_verbosity": st.integers(min_value=0, max_value=4)})
    unknown = st.dictionaries(KEY_TEXT.filter(lambda k: not k.startswith("_") and k not in argument_spec), JUNK, max_size=1)
    return st.builds(lambda *parts: {k: v for part in parts for k, v in part.items()}, connection(sim_port, device, snmp_port),
                     specific, internal,
                     st.one_of(st.just({}), st.just({}), unknown))


FACTS_SPEC = dict(CONNECTION_SPEC, gather_subset={"type": "list", "elements": "str"}, scte_log_limit={"type": "int"},
                  notification_limit={"type": "int"})
FACTS_SUBSETS = st.lists(st.one_of(st.sampled_from(list(SUBSETS) + ["all", "!all"] + ["!" + s for s in SUBSETS]), st.text(max_size=5)),
                         max_size=4)
HMP_SUBSETS = list(hmp_facts_utils.SUBSETS)
HMP_FACTS_SPEC = dict(hmp_client.CONNECTION_SPEC, gather_subset={"type": "list", "elements": "str", "choices": None})
HMP_FACTS_SPEC["gather_subset"] = {"type": "list", "elements": "str"}
STB_SPEC = dict(hmp_client.CONNECTION_SPEC, ids={"type": "list"}, names={"type": "list"}, tags={"type": "list"},
                command={"type": "str", "choices": ["standby-on", "standby-off", "reboot", "mute", "unmute", "set-volume",
                                                    "set-channel", "show-text-message"]},
                volume={"type": "float"}, channel={"type": "str"}, channel_id={"type": "str"},
                channel_type={"type": "str", "choices": ["source", "session", "video", "composition"]},
                message_text={"type": "str"}, message_duration={"type": "int"}, message_color={"type": "str"},
                message_blink={"type": "bool"}, message_repeat={"type": "int"}, force={"type": "bool"},
                fail_on_offline={"type": "bool"})

DMS_FILTERS = {"type": "dict", "options": {
    "region": {"type": "str"}, "model": {"type": "str"}, "status": {"type": "str", "choices": ["online", "offline"]},
    "firmware_version": {"type": "str"}, "group": {"type": "str"}}}
DMS_DISPLAY_KEY = {"type": "str", "choices": list(dms_facts_utils.DISPLAY_KEYS)}
DMS_SUBSETS = list(dms_facts_utils.SUBSETS)
DMS_FACTS_SPEC = dict(dms_client.CONNECTION_SPEC, gather_subset={"type": "list", "elements": "str"}, display_key=DMS_DISPLAY_KEY,
                      alarm_retrieval={"type": "str", "choices": list(dms_client.ALARM_RETRIEVAL)}, device_filters=DMS_FILTERS)
DMS_COMMAND_SPEC = dict(dms_client.CONNECTION_SPEC, command={"type": "str", "choices": list(dms_client.COMMANDS)},
                        firmware_version={"type": "str"}, devices={"type": "list"}, group={"type": "str"}, filters=DMS_FILTERS,
                        max_devices={"type": "int"}, display_key=DMS_DISPLAY_KEY, fail_on_rejected={"type": "bool"})

MODULES = [
    (vos_services, resource_argument_spec(VOS, SERVICES)),
    (vos_sources, resource_argument_spec(VOS, SOURCES)),
    (vos_destinations, resource_argument_spec(VOS, DESTINATIONS, UPDATE_PASSWORD)),
    (vos_images, resource_argument_spec(VOS, IMAGES)),
    (vos_users, resource_argument_spec(VOS, USERS, UPDATE_PASSWORD)),
    (vos_facts, FACTS_SPEC),
]

HMP_MODULES = [
    (hmp_sources, resource_argument_spec(HMP, hmp_resources.SOURCES, UPDATE_PASSWORD)),
    (hmp_sessions, resource_argument_spec(HMP, hmp_resources.SESSIONS, {"stop_recordings": {"type": "bool"}})),
    (hmp_events, resource_argument_spec(HMP, hmp_resources.EVENTS)),
    (hmp_recordings, resource_argument_spec(HMP, hmp_resources.RECORDINGS)),
    (hmp_streams, resource_argument_spec(HMP, hmp_resources.STREAMS)),
    (hmp_videos, resource_argument_spec(HMP, hmp_resources.VIDEOS)),
    (hmp_facts, HMP_FACTS_SPEC),
    (hmp_stb_command, STB_SPEC),
]


DMS_MODULES = [
    (dms_facts, DMS_FACTS_SPEC),
    (dms_device_command, DMS_COMMAND_SPEC),
    (dms_devices, resource_argument_spec(DMS, dms_resources.DEVICES, states=("merged", "replaced", "gathered"))),
    (dms_groups, resource_argument_spec(DMS, dms_resources.GROUPS)),
    (dms_authorizations, resource_argument_spec(DMS, dms_resources.AUTHORIZATIONS)),
    (dms_destinations, resource_argument_spec(DMS, dms_resources.DESTINATIONS)),
]
DMS_RESOURCE_MODULES = (dms_devices, dms_groups, dms_authorizations, dms_destinations)

ELECTRA_SUBSETS = list(electra_facts_utils.SUBSETS)
ELECTRA_FACTS_SPEC = dict(electra_client.CONNECTION_SPEC, gather_subset={"type": "list", "elements": "str"},
                          display_key={"type": "str"}, job_parameters={"type": "bool"})
ELECTRA_MODULES = [
    (electra_facts, ELECTRA_FACTS_SPEC),
    (electra_jobs, resource_argument_spec(ELECTRA_HTTP, electra_resources.JOBS, states=("merged", "gathered"))),
]


def run_once(module, args, capsys):
    """Run ``main()`` once; any exception other than SystemExit propagates (a traceback: the test fails)."""
    ansible_warnings._global_warnings.clear()  # pylint: disable=protected-access
    ansible_warnings._global_deprecations.clear()  # pylint: disable=protected-access
    capsys.readouterr()
    code = None
    with patch_module_args(args):
        try:
            module.main()
        except SystemExit as exc:
            code = exc.code
        else:
            raise AssertionError("main() returned without exit_json/fail_json")
    out = capsys.readouterr().out
    result = json.loads(out)
    assert isinstance(result, dict)
    if result.get("failed"):
        assert code == 1
        assert isinstance(result.get("msg"), str) and result["msg"].strip(), result
    else:
        assert code == 0, result
        assert isinstance(result.get("changed"), bool)
    assert "Traceback" not in str(result.get("exception", "")), result["exception"]
    assert "MODULE FAILURE" not in str(result.get("msg", ""))
    return result


def fuzz(strategy, module, capsys):
    """Run ``module`` on 60 derandomised examples of ``strategy``; every run must end in exit_json/fail_json."""
    outcomes = {"ok": 0, "failed": 0}

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(args=strategy)
    def check(args):
        result = run_once(module, args, capsys)
        outcomes["failed" if result.get("failed") else "ok"] += 1

    check()  # pylint: disable=no-value-for-parameter
    assert outcomes["ok"] + outcomes["failed"] >= 60
    return outcomes


@pytest.mark.parametrize("module, argument_spec", MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m, _rest in MODULES])
def test_fuzzed_arguments_never_traceback(sim, capsys, module, argument_spec):
    strategy = module_args(sim.port, argument_spec)
    if module is vos_facts:
        strategy = st.builds(lambda args, subset: dict(args, **subset), strategy,
                             st.fixed_dictionaries({}, optional={"gather_subset": st.one_of(FACTS_SUBSETS, FACTS_SUBSETS, FACTS_SUBSETS, JUNK)}))
    outcomes = fuzz(strategy, module, capsys)
    assert outcomes["ok"] >= 5, outcomes  # the generator is not so wild that nothing ever succeeds


@pytest.mark.parametrize("module, argument_spec", HMP_MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m, _rest in HMP_MODULES])
def test_fuzzed_hmp_arguments_never_traceback(hmp_sim, capsys, module, argument_spec):
    strategy = module_args(hmp_sim.port, argument_spec, device="hmp")
    if module is hmp_facts:
        subsets = st.lists(st.one_of(st.sampled_from(HMP_SUBSETS + ["all", "!all"] + ["!" + s for s in HMP_SUBSETS]),
                                     st.text(max_size=5)), max_size=4)
        strategy = st.builds(lambda args, subset: dict(args, **subset), strategy,
                             st.fixed_dictionaries({}, optional={"gather_subset": st.one_of(subsets, subsets, subsets, JUNK)}))
    if module is hmp_stb_command:
        # a plausible command for a group of boxes underneath, so that some runs get as far as the boxes
        usual = st.fixed_dictionaries({"command": st.sampled_from(["mute", "unmute", "reboot", "standby-off"]),
                                       "tags": st.sampled_from([["lobby"], ["floor-1", "boardroom"]]),
                                       "_ansible_check_mode": st.booleans()})
        strategy = st.builds(lambda args, base: dict(base, **args), strategy, usual)
    outcomes = fuzz(strategy, module, capsys)
    assert outcomes["ok"] >= 3, outcomes


@pytest.mark.parametrize("module, argument_spec", DMS_MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m, _rest in DMS_MODULES])
def test_fuzzed_dms_arguments_never_traceback(dms_sim, capsys, module, argument_spec):
    strategy = module_args(dms_sim.port, argument_spec, device="dms",
                           names=DMS_RESOURCE_NAMES if module in DMS_RESOURCE_MODULES else None)
    if module is dms_facts:
        subsets = st.lists(st.one_of(st.sampled_from(DMS_SUBSETS + ["all", "!all"] + ["!" + s for s in DMS_SUBSETS]),
                                     st.text(max_size=5)), max_size=4)
        strategy = st.builds(lambda args, subset: dict(args, **subset), strategy,
                             st.fixed_dictionaries({}, optional={"gather_subset": st.one_of(subsets, subsets, subsets, JUNK)}))
    if module is dms_device_command:
        # a plausible command and selection underneath, so that some runs get as far as the devices (mostly in check mode)
        usual = st.builds(lambda base, selector: dict(base, **selector),
                          st.fixed_dictionaries({"command": st.sampled_from(["reboot", "resend_authorization"]),
                                                 "_ansible_check_mode": st.sampled_from([True, True, False])}),
                          st.sampled_from([{"devices": ["dev-000001", "dev-000002"]}, {"group": "sports"},
                                           {"filters": {"region": "north"}},
                                           {"command": "firmware_upgrade", "firmware_version": "11.4.1.0",
                                            "filters": {"model": "ProView 8130"}}]))
        strategy = st.builds(lambda args, base: dict(base, **args), strategy, usual)
    outcomes = fuzz(strategy, module, capsys)
    assert outcomes["ok"] >= 3, outcomes


@pytest.mark.parametrize("schedule", [False, True, 0, 1.5, "x", ["MON"], {"start_date": "2026-12-01"}])
def test_dms_schedule_that_is_not_a_dict_fails_cleanly(capsys, schedule):
    """ansible-core raises TypeError for a dict option with sub-options given a boolean or a number; the module glue
    turns it into Ansible's own type error (a slip such as ``schedule: false``)."""
    args = {"host": "127.0.0.1", "port": 9, "use_ssl": False, "username": "dmsadmin", "password": "dms-password", "retries": 0,
            "state": "rendered", "config": [{"name": "it", "target": "sports", "schedule": schedule}]}
    result = run_once(dms_authorizations, args, capsys)
    assert result.get("failed"), result


@pytest.mark.parametrize("module, argument_spec", ELECTRA_MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m, _rest in ELECTRA_MODULES])
def test_fuzzed_electra_arguments_never_traceback(electra_sim, capsys, module, argument_spec):
    jobs = [job["name"] for job in electra_sim.state()["jobs"]]
    strategy = module_args(electra_sim.port, argument_spec, device="electra", names=ELECTRA_NAMES + jobs,
                           snmp_port=electra_sim.snmp_port)
    if module is electra_facts:
        subsets = st.lists(st.one_of(st.sampled_from(ELECTRA_SUBSETS + ["all", "!all"] + ["!" + s for s in ELECTRA_SUBSETS]),
                                     st.text(max_size=5)), max_size=4)
        strategy = st.builds(lambda args, subset: dict(args, **subset), strategy,
                             st.fixed_dictionaries({}, optional={"gather_subset": st.one_of(subsets, subsets, subsets, JUNK)}))
    else:
        # half the runs declare real jobs with a status and parameters (writable, read-only or unknown; text or numbers)
        values = st.one_of(st.sampled_from(["8000", "eng", "News HD", "", "x" * 70, "ENGL"]), st.integers(-5, 300000),
                           st.floats(width=32), JUNK)
        item = st.fixed_dictionaries({"name": st.sampled_from(jobs + ["no-such-job"])}, optional={
            "status": st.one_of(st.sampled_from(["running", "stopped"]), JUNK),
            "parameters": st.one_of(st.dictionaries(st.sampled_from(ELECTRA_PARAMETERS), values, max_size=3), JUNK)})
        usual = st.fixed_dictionaries({"config": st.lists(item, max_size=2)},
                                      optional={"state": st.sampled_from(["merged", "gathered"])})
        strategy = st.one_of(strategy, st.builds(lambda args, base: dict(args, **base), strategy, usual))
    outcomes = fuzz(strategy, module, capsys)
    assert outcomes["ok"] >= 3, outcomes
