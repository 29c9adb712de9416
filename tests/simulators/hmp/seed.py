# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated starting data of the HMP simulator.

Three independent parts, each from its own seeded generator (so ``--sources N`` never changes STB ids and so on):

* ``static_data``: users, groups, categories, compositions and the admin role (kept by ``reset {"empty": true}``);
* ``content``: sources, sessions with their sources, one active recording, videos with metadata, re-streams, events;
* ``stbs``: N Haivision Play set-top boxes with mixed status, types, tags and channels.

Shapes are built by ``hmp.model`` (the same code the API uses), so seeded and created objects look alike.
Generation is plain dict building: 2000 sources and 10 000 boxes take a fraction of a second.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from common.store import IdFactory
from hmp.model import asset_object, build_event, build_session, build_source, build_stream, meta, recording_title

VERSION = "4.1.1"
BUILD = "41127"

STB_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
STB_TYPES = ("play_stb_2000", "play_stb_2000", "play_stb_2000", "play_stb_2000_B", "play_stb_4000", "play_stb_4000", "calypso_stb")
STB_FIRMWARE = {"play_stb_2000": "8.3.46", "play_stb_2000_B": "8.3.46", "play_stb_4000": "9.1.12", "calypso_stb": "6.4.3"}
STB_TAGS = (["lobby"], ["floor-1"], ["floor-2"], ["boardroom"], ["lobby", "floor-1"], ["floor-2", "boardroom"], ["floor-1"], ["floor-2"])
TAG_LABELS = {"lobby": "Lobby", "floor-1": "Floor 1", "floor-2": "Floor 2", "boardroom": "Boardroom"}
# status -> (statusLevel, statusDetails, lastConnection, milliseconds since the last connection or None)
STB_STATUS = {
    "Online": (0, "Device has connected within the past 4 seconds.", "<1m", 4_000),
    "Standby": (0, "Device is in standby mode.", "<1m", 4_000),
    "Warning": (1, "Device has not connected in the past 2 minutes.", "2m", 150_000),
    "Offline": (2, "Device has not connected in the past 3 days.", "3d", 3 * 86_400_000),
    "Never": (3, "Device has never connected.", "Never", None),
}


@dataclass
class Content:
    """The configuration part of the state (what ``reset {"empty": true}`` and ``--empty`` clear).

    ``session_sources``: session id -> ``[{"index", "sourceId"}]``; ``clocks``: recording id -> ``{"accumulated": s,
    "since": epoch s or None}``; ``metadata`` / ``session_metadata``: id -> metadata entries; ``recorder_seq``: the next
    recorder id number.
    """

    sources: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    session_sources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    recordings: list[dict[str, Any]] = field(default_factory=list)
    clocks: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    session_metadata: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    streams: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    recorder_seq: int = 1


def static_data(seed: int, admin: str) -> dict[str, Any]:
    """Users, groups, categories, compositions and the admin ``role`` (``{"id", "name", "admin", "permissions"}``).

    :param seed: random seed; :param admin: user name of the login account (listed among the users).
    """
    ids = IdFactory(seed * 31 + 5)
    admin_role = ids.uuid()
    role = {"id": admin_role, "name": "Administrator", "admin": True, "permissions": {}}
    operator_role, viewer_role = ids.uuid(), ids.uuid()
    context = "dc=calypso,dc=haivision,dc=com"

    def user(username: str, display: str, roles: list[str], ldap: bool) -> dict[str, Any]:
        """One ``/apis/users/enabled`` item (an LDAP user has a dn and LDAP attributes)."""
        return {"assets": [], "displayName": display, "dn": f"cn={username},{context}" if ldap else "", "email": f"{username}@example.com",
                "id": ids.uuid(), "roles": roles, "sessions": [], "shares": {}, "userAttribute": "cn" if ldap else "",
                "userContext": context if ldap else "", "userObjectClass": "(objectClass=person)" if ldap else "", "username": username}

    users = [user(admin, "HMP Administrator", [admin_role], False), user("infodev", "InfoDev", [operator_role], True),
             user("operator", "Media Operator", [operator_role], False), user("viewer", "Lobby Viewer", [viewer_role], False)]
    groups = [{"id": ids.uuid(), "name": "Administrators", "roles": [admin_role]},
              {"id": ids.uuid(), "name": "Operators", "roles": [operator_role]},
              {"id": ids.uuid(), "name": "Viewers", "roles": [viewer_role]}]
    categories = [
        {"label": "Locations", "values": ["Montreal", "Chicago", "Austin"], "multipleValues": True, "allowCustomValues": True, "id": ids.uuid(),
         "customValues": ["Minneapolis"], "index": 1, "group": "Teams"},
        {"label": "Department", "values": ["Sales", "Engineering", "HR"], "multipleValues": False, "allowCustomValues": False, "id": ids.uuid(),
         "customValues": [], "index": 2, "group": "Organisation"},
    ]
    compositions = [{"id": ids.uuid(), "title": "Lobby Layout", "length": 0}, {"id": ids.uuid(), "title": "Split Screen", "length": 0}]
    return {"role": role, "users": users, "groups": groups, "categories": categories, "compositions": compositions}


def content(seed: int, admin: str, extra_sources: int, empty: bool, now: float | None = None) -> Content:
    """Sources, sessions, a recording, videos, streams and events (all empty with ``empty``).

    :param seed: random seed; :param admin: ``username`` of recordings, streams and ``calypso:creator``;
    :param extra_sources: generated sources appended after the six named ones (scale tests);
    :param now: epoch seconds used as "now" (default: the current time).
    """
    result = Content()
    if empty:
        return result
    ids = IdFactory(seed * 31 + 11)
    now = time.time() if now is None else now
    t0 = int(now)

    def source(body: dict[str, Any], active: bool = False, bitrate: int = 0, age: int = 86_400) -> dict[str, Any]:
        """A source built from a create body, created ``age`` seconds ago, with its stream state."""
        item = build_source(body, ids.uuid(), t0 - age)
        item.update(active=active, bitrate=bitrate)
        return item

    sources = [
        source({"name": "Lobby Encoder", "type": "UDP", "host": "239.35.126.101", "port": 4902, "multicast": True, "description": "Makito X4 in the lobby"},
               True, 5_012_334),
        source({"name": "Studio A Camera", "type": "UDP", "port": 5004, "multicast": False}, True, 8_000_000),
        source({"name": "Makito SRT", "type": "SRT", "mode": "CALLER", "host": "10.65.11.174", "port": 9942}, True, 8_442_882),
        source({"name": "SRT Listener", "type": "SRT", "mode": "LISTENER", "host": "0.0.0.0", "port": 1234, "description": "SRT listener source"}),
        source({"name": "Remote Guest", "type": "SRT", "mode": "RENDEZVOUS", "host": "203.0.113.50", "port": 9000, "latency": 120,
                "passphrase": "rendezvous-secret"}),
        source({"name": "Boardroom Camera", "type": "UDP", "host": "239.35.126.102", "port": 4904, "multicast": True}, True, 4_500_000),
    ]
    for index in range(extra_sources):
        name = f"Generated Source {index + 1:04d}"
        if index % 2 == 0:
            body = {"name": name, "type": "UDP", "host": f"239.200.{index // 250 % 256}.{index % 250 + 1}", "port": 5000 + index % 1000, "multicast": True}
        else:
            body = {"name": name, "type": "SRT", "mode": "LISTENER", "port": 20000 + index % 40000}
        sources.append(source(body, age=3600))
    result.sources = sources

    def session(body: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
        """A session built from a create body, with ``members`` as its session sources."""
        item = build_session(body, ids.uuid(), t0 - 7 * 86_400)
        result.session_sources[item["id"]] = [{"index": index, "sourceId": member["id"]} for index, member in enumerate(members)]
        return item

    town_hall = session({"title": "Town Hall", "description": "Monthly all-hands", "active": True, "syncrecord": True}, [sources[0], sources[2]])
    studio = session({"title": "Studio A", "description": "Studio production"}, [sources[1], sources[3]])
    boardroom = session({"title": "Boardroom", "description": "Board meetings", "active": True}, [sources[5]])
    result.sessions = [town_hall, studio, boardroom]

    started = now - 42.155
    recording_id = ids.uuid()
    recorders = []
    for number, entry in enumerate(result.session_sources[town_hall["id"]], start=1):
        recorders.append({"source": entry["sourceId"], "chunk": f"asset-chunk://{recording_id}/{number}/0/0", "id": str(result.recorder_seq),
                          "state": "RECORDING"})
        result.recorder_seq += 1
    result.recordings = [{"id": recording_id, "session": town_hall["id"], "username": admin, "state": "RECORDING", "duration": 0,
                          "recorders": recorders, "ctime": int(started), "title": recording_title(town_hall["title"], started)}]
    result.clocks[recording_id] = {"accumulated": 0.0, "since": started}

    def video(title: str, description: str, duration: float, tracks: int, age: int, from_session: dict[str, Any] | None,
              categories: dict[str, list[str]]) -> dict[str, Any]:
        """A video with creator, source session and category metadata."""
        item = asset_object(ids.uuid(), title, description, t0 - age, duration, tracks)
        entries = [meta("calypso:creator", admin)]
        if from_session is not None:
            entries.append(meta("calypso:recorded_from_session", from_session["id"]))
        entries += [meta("calypso:category:" + label, *values) for label, values in categories.items()]
        result.metadata[item["id"]] = entries
        return item

    quarterly = video("Quarterly Update", "Q3 results presented at the town hall", 1834.2, 1, 20 * 86_400, town_hall,
                      {"Locations": ["Montreal"], "Department": ["Sales"]})
    launch = video("Product Launch", "Two-camera recording of the launch event", 2710.48, 2, 12 * 86_400, studio,
                   {"Locations": ["Chicago", "Austin"], "Department": ["Engineering"]})
    safety = video("Safety Training", "Mandatory yearly safety training", 960.0, 1, 40 * 86_400, None, {"Department": ["HR"]})
    board = video("Board Meeting - November", "", 5400.347, 1, 5 * 86_400, boardroom, {"Locations": ["Montreal"]})
    welcome = video("Welcome to HMP", "Lobby loop", 60.347, 1, 90 * 86_400, None, {})
    result.assets = [quarterly, launch, safety, board, welcome]

    result.streams = [
        build_stream({"address": "239.134.32.100", "port": 4900}, ids.uuid(), quarterly, admin),
        build_stream({"state": "paused", "destinations": [{"trackId": 1, "address": "239.134.32.101", "port": 4900},
                                                          {"trackId": 2, "address": "239.134.32.102", "port": 4902}]}, ids.uuid(), launch, admin),
    ]
    result.events = [
        build_event({"module": "session", "startTime": 1592344800, "duration": 7200, "type": "weekly-recurring",
                     "typeData": {"days": ["MON", "WED", "FRI"]}, "command": "set-live", "parameters": {"record": True}, "active": True},
                    ids.uuid(), town_hall["id"]),
        build_event({"module": "session", "startTime": 1893456000, "duration": 3600, "type": "one-time", "command": "record", "active": True},
                    ids.uuid(), boardroom["id"]),
        build_event({"module": "session", "startTime": 1767268800, "duration": 1800, "type": "weekly-recurring", "typeData": {"days": ["TUE", "THU"]},
                     "command": "record", "active": False}, ids.uuid(), studio["id"]),
    ]
    return result


def stb_status(index: int) -> str:
    """The status of box ``index``: mostly Online, every 12th pair Standby, a few Warning, Offline and Never."""
    if index % 36 == 23:
        return "Never"
    if index % 12 == 10:
        return "Offline"
    if index % 18 == 5:
        return "Warning"
    if index % 12 in (3, 7):
        return "Standby"
    return "Online"


def stbs(seed: int, count: int, channels: list[tuple[str, str, str]], now: float | None = None) -> list[dict[str, Any]]:
    """``count`` set-top boxes in the shape of hmp-api.md section 5.9.

    :param channels: ``(id, name, type)`` of content the connected boxes are tuned to (cycled; ``[]`` = no channel).
    :param now: epoch seconds used as "now" (default: the current time).
    """
    ids = IdFactory(seed * 31 + 17)
    rng = ids.rng
    now_ms = int((time.time() if now is None else now) * 1000)
    boxes: list[dict[str, Any]] = []
    for index in range(count):
        status = stb_status(index)
        level, details, last, age = STB_STATUS[status]
        box_type = STB_TYPES[index % len(STB_TYPES)]
        tags = list(STB_TAGS[index % len(STB_TAGS)])
        mac = f"00:1a:2b:{index >> 16 & 255:02x}:{index >> 8 & 255:02x}:{index & 255:02x}"
        channel = channels[index % len(channels)] if channels and status != "Never" else None
        connected = None if age is None else now_ms - (rng.randint(500, age) if status in ("Online", "Standby") else age)
        boxes.append({
            "_id": ids.token(22, STB_ID_ALPHABET), "adminPin": "0000", "channelId": channel[0] if channel else None,
            "channelName": channel[1] if channel else None, "channelType": channel[2] if channel else None, "dws": False,
            "firmware": STB_FIRMWARE[box_type], "hostname": "play-" + mac.replace(":", "")[-6:], "hvExtensionSize": 0,
            "ip": "" if status == "Never" else f"10.50.{index // 250 % 256}.{index % 250 + 2}", "lastAcceptedUpdate": connected,
            "lastConnectedAt": connected, "lastConnection": last, "lastViewedChannelId": channel[0] if channel else None, "mac": mac,
            "muted": index % 9 == 4, "name": f"{TAG_LABELS[tags[0]]} Screen {index + 1:03d}", "ntpServer": "pool.ntp.org",
            "platform": {"groups": [], "users": []}, "standby": status == "Standby", "status": status, "statusDetails": details,
            "statusLevel": level, "tags": tags, "timezone": "America/Montreal", "type": box_type, "volume": (0.25, 0.5, 0.75, 1.0)[index % 4],
        })
    return boxes


def channel_choices(data: Content) -> list[tuple[str, str, str]]:
    """``(id, name, type)`` of the seeded sources, sessions and videos that boxes may be tuned to."""
    return ([(item["id"], item["name"], "source") for item in data.sources[:6]] + [(item["id"], item["title"], "session") for item in data.sessions]
            + [(item["id"], item["title"], "asset") for item in data.assets])
