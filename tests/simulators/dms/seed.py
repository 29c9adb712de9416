# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated starting data of the DMS simulator: pure functions, importable without a server.

``from dms.seed import generate_devices, generate_groups`` (with ``tests/simulators`` on ``sys.path``) regenerates
exactly the population a simulator started with ``--devices COUNT --seed SEED`` serves, in the wire shape of
docs/dms-api.md, so a benchmark can compare what a client read with what the simulator holds:

* :func:`generate_devices` ``(count, seed)``: edge receivers ``dev-000001``... (each in its region group plus 0-2
  package groups, ``activeAlarmCount`` already set);
* :func:`generate_groups` ``(seed, devices)``: 8 region groups ``region-<region>`` and 8 package groups, with
  ``deviceCount`` counted over ``devices``;
* :func:`generate_alarms` ``(devices, seed)``: exactly ``activeAlarmCount`` active alarms per device plus cleared ones;
* :func:`generate_authorizations`, :func:`generate_destinations`, :func:`firmware_catalog`;
* :func:`generate_population` ``(count, seed, empty)``: all of them together, as the simulator loads them.

Nothing depends on the clock: times are counted back from :data:`REFERENCE_TIME`, so the same ``count`` and ``seed``
always give the same data (the ``now`` parameters exist for callers that want other times). Identifiers are positional
(``dev-%06d``, ``grp-%04d``...), so device ``dev-000042`` is the same device whatever ``count`` is. Generation is a plain
loop over precomputed weight tables: 100,000 devices take well under a second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

REFERENCE_TIME = 1793491200
"""Epoch seconds (2026-11-01T00:00:00Z) that seeded ``lastSeen``, ``raisedAt`` and ``clearedAt`` are counted back from."""

SYSTEM_VERSION = "11.4.0.0"
SYSTEM_NAME = "DMS Simulator"

MODELS = ("ProView 7100", "ProView 8100", "ProView 8130", "XOS Edge", "RD9000")
MODEL_WEIGHTS = {"ProView 8130": 30, "ProView 8100": 25, "ProView 7100": 20, "RD9000": 15, "XOS Edge": 10}
SERIAL_PREFIX = {"ProView 7100": "PV71", "ProView 8100": "PV81", "ProView 8130": "PV8130", "XOS Edge": "XOSE", "RD9000": "RD9K"}
# Firmware each model runs, with its share (percent) of that model's devices.
FIRMWARE_SHARES: dict[str, tuple[tuple[str, int], ...]] = {
    "ProView 7100": (("11.4.0.0", 55), ("11.3.0.2", 20), ("11.2.1.0", 15), ("10.8.5.1", 10)),
    "ProView 8100": (("11.4.0.0", 65), ("11.3.0.2", 20), ("11.2.1.0", 15)),
    "ProView 8130": (("11.4.0.0", 70), ("11.3.0.2", 20), ("11.2.1.0", 10)),
    "XOS Edge": (("11.4.0.0", 80), ("11.3.0.2", 20)),
    "RD9000": (("11.4.0.0", 50), ("11.2.1.0", 20), ("10.8.5.1", 30)),
}
# The firmware list (``GET /api/v1/firmware``), newest first: every version a device runs, for every model running it,
# plus 11.4.1.0, released for three models and not deployed yet (the natural target of an upgrade test).
FIRMWARE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("11.4.1.0", ("ProView 8100", "ProView 8130", "XOS Edge")),
    ("11.4.0.0", MODELS),
    ("11.3.0.2", ("ProView 7100", "ProView 8100", "ProView 8130", "XOS Edge")),
    ("11.2.1.0", ("ProView 7100", "ProView 8100", "ProView 8130", "RD9000")),
    ("10.8.5.1", ("ProView 7100", "RD9000")),
)

REGIONS = ("north", "south", "east", "west", "central", "coastal", "mountain", "islands")
REGION_WEIGHTS = {"central": 20, "north": 15, "south": 15, "east": 13, "west": 13, "coastal": 10, "mountain": 8, "islands": 6}
REGION_SITES = {
    "north": ("Northgate headend", "Lakeside hub", "Pine Ridge POP"),
    "south": ("Southbank headend", "Harbour Road hub", "Delta POP"),
    "east": ("Eastfield headend", "Riverside hub", "Sunrise POP"),
    "west": ("Westbrook headend", "Canyon hub", "Prairie POP"),
    "central": ("Central headend", "Market Street hub", "Civic Centre POP", "Station Square POP"),
    "coastal": ("Bayview headend", "Lighthouse hub", "Marina POP"),
    "mountain": ("Summit headend", "Glacier hub", "Valley POP"),
    "islands": ("Port Isle headend", "Reef hub"),
}
# Package groups (after the 8 region groups) with the share of devices' package memberships they get.
PACKAGES = ("tier-basic", "tier-premium", "sports", "news", "kids", "hotels", "movies", "international")
PACKAGE_WEIGHTS = {"tier-basic": 30, "tier-premium": 15, "sports": 15, "news": 12, "kids": 10, "hotels": 8, "movies": 6, "international": 4}
GROUP_DESCRIPTIONS = {
    "tier-basic": "Basic subscription tier", "tier-premium": "Premium subscription tier", "sports": "Sports package",
    "news": "News package", "kids": "Children's channels", "hotels": "Hospitality sites (hotels, bars)", "movies": "Movie channels",
    "international": "International channels",
}
# Groups that schedule authorization sets may target; every other group has allowScheduleAuthorization false.
SCHEDULE_GROUPS = frozenset({"region-coastal", "tier-premium", "sports", "hotels"})
DESCRIPTION_LABELS = ("Lobby screen", "Sports bar", "Headend IRD", "Conference room", "Guest room feed", "Backup receiver", "Hospital ward",
                      "Stadium suite", "Cable turnaround", "Retail display")

ONLINE_SHARE = 0.92
DESCRIPTION_SHARE = 0.30
LOCATION_SHARE = 0.70
ALARMED_SHARE = 0.03
CLEARED_SHARE = 0.04
SCHEDULE_DEVICE_SHARE = 0.06

SEVERITIES = ("critical", "major", "minor", "warning")
# (type, severity, message) of generated alarms.
ALARM_KINDS = (
    ("SIGNAL_LOSS", "major", "Input signal lost on RF input 1"),
    ("DECRYPTION_FAILURE", "critical", "Service decryption failed: entitlement missing"),
    ("LOW_CN_MARGIN", "minor", "C/N margin below 2 dB on RF input 1"),
    ("HIGH_TEMPERATURE", "warning", "Chassis temperature above 55 C"),
    ("FAN_FAILURE", "critical", "Fan 2 stopped"),
    ("CONFIG_MISMATCH", "minor", "Tuning parameters differ from the DMS profile"),
    ("CC_ERRORS", "warning", "Continuity counter errors on the ASI output"),
    ("UNREACHABLE", "major", "Device did not answer the last two polls"),
)
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def device_id(number: int) -> str:
    """The id of the ``number``-th device (1-based): ``dev-000001``."""
    return f"dev-{number:06d}"


def group_id(number: int) -> str:
    """The id of the ``number``-th group (1-based): ``grp-0001``."""
    return f"grp-{number:04d}"


REGION_GROUP_IDS = {region: group_id(index + 1) for index, region in enumerate(REGIONS)}
PACKAGE_GROUP_IDS = {package: group_id(len(REGIONS) + index + 1) for index, package in enumerate(PACKAGES)}


def _table(weights: dict[str, int], size: int = 1000) -> tuple[str, ...]:
    """A lookup table of ``size`` entries in which each key appears in proportion to its weight.

    ``table[int(random() * size)]`` is a weighted choice for the price of one ``random()`` call.
    """
    total = sum(weights.values())
    table: list[str] = []
    for key, weight in weights.items():
        table.extend([key] * round(weight * size / total))
    last = table[-1]
    while len(table) < size:
        table.append(last)
    return tuple(table[:size])


MODEL_TABLE = _table(MODEL_WEIGHTS)
REGION_TABLE = _table(REGION_WEIGHTS)
PACKAGE_TABLE = _table(PACKAGE_WEIGHTS)
FIRMWARE_TABLES = {model: _table(dict(shares)) for model, shares in FIRMWARE_SHARES.items()}


def generate_devices(count: int, seed: int, now: int = REFERENCE_TIME, grouped: bool = True) -> list[dict[str, Any]]:
    """``count`` devices exactly as ``GET /api/v1/devices`` spells them, in id order.

    Each device dict has the fields (in this order) ``id`` (``dev-000001``), ``serialNumber`` (unique, e.g.
    ``PV813012345678``), ``unitAddress`` (unique, ``000-00012-34567-001``), ``model``, ``firmwareVersion`` (one of the
    model's), ``region``, ``status`` (about 92 % ``online``), ``ipAddress`` (unique ``10.x.y.z`` when online, else None),
    ``lastSeen`` (epoch seconds: under 5 minutes before ``now`` when online, 1 hour to 14 days when offline),
    ``activeAlarmCount`` (1 or 2 on about 3 % of devices, else 0), ``customDescription`` (about 30 %, else ``""``),
    ``location`` (about 70 %, else ``""``), ``groups`` (its region group then 0-2 package groups; ``[]`` without
    ``grouped``) and ``allowScheduleAuthorization`` (about 6 % true; always true for ``dev-000001``).

    :param count: number of devices; :param seed: random seed (the simulator's ``--seed``);
    :param now: epoch seconds the times are counted back from; :param grouped: false leaves every ``groups`` empty
        (``--empty``: there are no groups).
    """
    rng = random.Random(seed * 1_000_003 + 11)
    rand = rng.random
    region_index = {region: index for index, region in enumerate(REGIONS)}
    ip_next = [0] * len(REGIONS)
    serial_offset = seed * 104_729
    unit_offset = seed * 2_654_435_761
    devices: list[dict[str, Any]] = []
    append = devices.append
    for index in range(count):
        model = MODEL_TABLE[int(rand() * 1000)]
        firmware = FIRMWARE_TABLES[model][int(rand() * 1000)]
        region = REGION_TABLE[int(rand() * 1000)]
        online = rand() < ONLINE_SHARE
        block = region_index[region]
        host = ip_next[block]
        ip_next[block] = host + 1
        if online:
            address: str | None = f"10.{block * 24 + host // 64516}.{host // 254 % 254 + 1}.{host % 254 + 1}"
            last_seen = now - int(rand() * 300)
        else:
            address = None
            last_seen = now - 3600 - int(rand() * 1_206_000)
        roll = rand()
        alarms = (1 if roll < ALARMED_SHARE * 0.7 else 2) if roll < ALARMED_SHARE else 0
        roll = rand()
        description = f"{DESCRIPTION_LABELS[int(roll * 1000) % len(DESCRIPTION_LABELS)]} {region.capitalize()} {index + 1}" \
            if roll < DESCRIPTION_SHARE else ""
        roll = rand()
        if roll < LOCATION_SHARE:
            sites = REGION_SITES[region]
            location = f"{sites[int(roll * 1000) % len(sites)]}, rack R{int(roll * 97) % 12 + 1}-U{index % 40 + 1}"
        else:
            location = ""
        groups = [REGION_GROUP_IDS[region]]
        roll = rand()
        if roll >= 0.30:
            first = PACKAGE_TABLE[int(rand() * 1000)]
            groups.append(PACKAGE_GROUP_IDS[first])
            if roll >= 0.75:
                second = PACKAGE_TABLE[int(rand() * 1000)]
                if second == first:
                    second = PACKAGES[(PACKAGES.index(first) + 1) % len(PACKAGES)]
                groups.append(PACKAGE_GROUP_IDS[second])
        if not grouped:  # the same random draws either way, so --empty keeps every other field
            groups = []
        unit = (index * 15_485_863 + unit_offset) % 10**13
        append({
            "id": f"dev-{index + 1:06d}",
            "serialNumber": f"{SERIAL_PREFIX[model]}{(index * 7919 + serial_offset) % 10**8:08d}",
            "unitAddress": f"{unit // 10**10:03d}-{unit // 10**5 % 10**5:05d}-{unit % 10**5:05d}-{unit % 997 + 1:03d}",
            "model": model,
            "firmwareVersion": firmware,
            "region": region,
            "status": "online" if online else "offline",
            "ipAddress": address,
            "lastSeen": last_seen,
            "activeAlarmCount": alarms,
            "customDescription": description,
            "location": location,
            "groups": groups,
            "allowScheduleAuthorization": index == 0 or rand() < SCHEDULE_DEVICE_SHARE,
        })
    return devices


def generate_groups(seed: int, devices: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:  # pylint: disable=unused-argument
    """The 16 seeded groups as ``GET /api/v1/groups`` spells them: ``grp-0001``..``grp-0008`` are ``region-<region>``
    (in :data:`REGIONS` order), ``grp-0009``..``grp-0016`` the package groups of :data:`PACKAGES`.

    ``allowScheduleAuthorization`` is true for :data:`SCHEDULE_GROUPS` only; ``deviceCount`` counts ``devices`` whose
    ``groups`` list the group (0 without ``devices``). ``seed`` is accepted for symmetry: the groups are the same for
    every seed.
    """
    counts: dict[str, int] = {}
    for device in devices:
        for member in device.get("groups") or ():
            counts[member] = counts.get(member, 0) + 1
    groups = []
    for region, gid in REGION_GROUP_IDS.items():
        name = "region-" + region
        groups.append({"id": gid, "name": name, "description": f"Devices DMS placed in the {region} region",
                       "allowScheduleAuthorization": name in SCHEDULE_GROUPS, "deviceCount": counts.get(gid, 0)})
    for package, gid in PACKAGE_GROUP_IDS.items():
        groups.append({"id": gid, "name": package, "description": GROUP_DESCRIPTIONS[package],
                       "allowScheduleAuthorization": package in SCHEDULE_GROUPS, "deviceCount": counts.get(gid, 0)})
    return groups


def generate_alarms(devices: Sequence[dict[str, Any]], seed: int, now: int = REFERENCE_TIME) -> list[dict[str, Any]]:
    """Alarms as ``GET /api/v1/alarms`` spells them, ids ``alm-000001``... in device order.

    Each device gets exactly ``activeAlarmCount`` active alarms (distinct types, all four severities occur), and about
    4 % of devices one cleared alarm (raised 1-30 days before ``now``, cleared minutes to hours later). A device's
    cleared alarm comes before its active ones.
    """
    rng = random.Random(seed * 1_000_003 + 29)
    rand = rng.random
    alarms: list[dict[str, Any]] = []
    kinds = len(ALARM_KINDS)
    for device in devices:
        active = device.get("activeAlarmCount") or 0
        cleared = rand() < CLEARED_SHARE
        if not active and not cleared:
            continue
        start = int(rand() * kinds)
        if cleared:
            kind, severity, message = ALARM_KINDS[(start + kinds - 1) % kinds]
            raised = now - 86_400 - int(rand() * 29 * 86_400)
            alarms.append({"id": f"alm-{len(alarms) + 1:06d}", "deviceId": device["id"], "severity": severity, "type": kind, "message": message,
                           "state": "cleared", "raisedAt": raised, "clearedAt": raised + 60 + int(rand() * 36_000)})
        for offset in range(active):
            kind, severity, message = ALARM_KINDS[(start + offset * 3) % kinds]
            alarms.append({"id": f"alm-{len(alarms) + 1:06d}", "deviceId": device["id"], "severity": severity, "type": kind, "message": message,
                           "state": "active", "raisedAt": now - 60 - int(rand() * 3 * 86_400), "clearedAt": None})
    return alarms


def generate_authorizations(groups: Sequence[dict[str, Any]], devices: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The seeded authorization sets (``auth-0001``...): standard sets on package groups (one disabled), a schedule set on
    the ``hotels`` group and one on the first device that allows schedule authorization (``dev-000001``).

    Sets whose target group is missing from ``groups`` are left out, so ``[]`` groups give no group sets.
    """
    by_name = {group["name"]: group["id"] for group in groups}
    result: list[dict[str, Any]] = []

    def add(name: str, target_type: str, target_id: str | None, entitlements: list[str], enabled: bool = True,
            schedule: dict[str, Any] | None = None) -> None:
        """Append one set (skipped when its target is missing)."""
        if target_id is None:
            return
        result.append({"id": f"auth-{len(result) + 1:04d}", "name": name, "targetType": target_type, "targetId": target_id,
                       "entitlements": entitlements, "enabled": enabled, "type": "schedule" if schedule else "standard", "schedule": schedule})

    add("sports-package", "group", by_name.get("sports"), ["ESPN-HD", "EUROSPORT-1", "SKY-SPORTS-MAIN"])
    add("news-package", "group", by_name.get("news"), ["CNN-INTL", "BBC-WORLD", "AL-JAZEERA-EN"])
    add("premium-movies", "group", by_name.get("tier-premium"), ["HBO-HD", "CINEMAX-HD", "SHOWTIME-HD"])
    add("basic-lineup", "group", by_name.get("tier-basic"), ["LOCAL-1", "LOCAL-2", "WEATHER-HD"])
    add("kids-package", "group", by_name.get("kids"), ["CARTOON-NETWORK", "NICK-JR"], enabled=False)
    add("hotels-weekend-sports", "group", by_name.get("hotels"), ["ESPN-HD", "EUROSPORT-2"],
        schedule={"startDate": "2026-12-01", "endDate": "2026-12-31", "startTime": "18:00", "endTime": "23:30", "weekdays": ["FRI", "SAT", "SUN"]})
    target = next((device["id"] for device in devices if device.get("allowScheduleAuthorization")), None)
    add("lobby-evening-news", "device", target, ["CNN-INTL"],
        schedule={"startDate": "2026-11-15", "endDate": "2027-03-31", "startTime": "17:00", "endTime": "20:00",
                  "weekdays": ["MON", "TUE", "WED", "THU", "FRI"]})
    return result


def generate_destinations() -> list[dict[str, Any]]:
    """The four seeded destinations (``dst-0001``..``dst-0004``): UDP and RTP multicast, an SRT one (disabled) and an IPv6 one."""
    return [
        {"id": "dst-0001", "name": "headend-north-mcast", "description": "Primary multicast to the north headend", "address": "239.10.1.1",
         "port": 5000, "protocol": "udp", "enabled": True},
        {"id": "dst-0002", "name": "backup-rtp", "description": "RTP backup feed", "address": "239.10.2.1", "port": 5004, "protocol": "rtp",
         "enabled": True},
        {"id": "dst-0003", "name": "cloud-srt", "description": "SRT contribution to the cloud playout", "address": "203.0.113.10", "port": 9000,
         "protocol": "srt", "enabled": False},
        {"id": "dst-0004", "name": "monitoring-v6", "description": "", "address": "2001:db8::10", "port": 6000, "protocol": "udp", "enabled": True},
    ]


def firmware_catalog() -> list[dict[str, Any]]:
    """``GET /api/v1/firmware`` items, newest first: ``{"version", "models"}``."""
    return [{"version": version, "models": list(models)} for version, models in FIRMWARE]


@dataclass
class Population:
    """Everything a DMS simulator starts with (the output of :func:`generate_population`)."""

    devices: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[dict[str, Any]] = field(default_factory=list)
    destinations: list[dict[str, Any]] = field(default_factory=list)
    alarms: list[dict[str, Any]] = field(default_factory=list)
    firmware: list[dict[str, Any]] = field(default_factory=firmware_catalog)


def generate_population(count: int, seed: int, empty: bool = False, now: int = REFERENCE_TIME) -> Population:
    """The simulator's starting state for ``--devices count --seed seed [--empty]``.

    ``empty``: no groups, authorization sets or destinations, and devices belong to no group; devices, alarms and the
    firmware list are the same as without it.
    """
    devices = generate_devices(count, seed, now, grouped=not empty)
    alarms = generate_alarms(devices, seed, now)
    if empty:
        return Population(devices=devices, alarms=alarms)
    groups = generate_groups(seed, devices)
    return Population(devices=devices, groups=groups, authorizations=generate_authorizations(groups, devices),
                      destinations=generate_destinations(), alarms=alarms)
