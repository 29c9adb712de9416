# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated starting data of the VOS simulator: a small realistic headend, or N generated channels.

Every collection is a list of JSON objects using the field names of /work/shared/reference/vos-api.md (CONFIRMED
shapes) and docs/dev/vos-wire-model.md (MODELED shapes). Generation is a single pass of plain dict building, so
thousands of channels take milliseconds.
"""

from __future__ import annotations

import time
from typing import Any

from common.store import IdFactory

ENGINE_VERSION = "1.3.5.0.122"
GIB = 1024 ** 3

# (network, channel, destination number) for the first channels; later ones are numbered.
CHANNELS = [("AandE", "AandEHD", "1382"), ("CNN", "CNNHD", "2041"), ("ESPN", "ESPNHD", "3310"), ("HBO", "HBOHD", "5120"),
            ("NBC", "WLNE", "8787"), ("FOX", "FOXHD", "4410")]

NOTIFICATION_TYPES = [
    {"type": "UPLINK_CONNECTION_LOST", "severity": "CRITICAL", "description": "A CloudLink lost its connection to the cluster"},
    {"type": "NODE_FAILED", "severity": "CRITICAL", "description": "A processing node or pod failed"},
    {"type": "SOURCE_SIGNAL_LOSS", "severity": "MAJOR", "description": "No signal on the main input of a source"},
    {"type": "OUTPUT_DELIVERY_FAILED", "severity": "MAJOR", "description": "A destination output cannot deliver"},
    {"type": "SOURCE_SWITCHED_TO_BACKUP", "severity": "MINOR", "description": "A source switched to a lower-ranked input"},
    {"type": "POD_HIGH_CPU", "severity": "MINOR", "description": "A pod uses more CPU than its threshold"},
    {"type": "OUTPUT_BITRATE_LOW", "severity": "WARNING", "description": "Output bitrate below the expected value"},
    {"type": "SCTE35_MISSING", "severity": "WARNING", "description": "No SCTE-35 marker seen in the expected window"},
    {"type": "SERVICE_ACTIVATED", "severity": "INFO", "description": "A service control state changed to ACTIVATED"},
    {"type": "SERVICE_DEACTIVATED", "severity": "INFO", "description": "A service control state changed to OFF"},
]


def channel_names(index: int) -> tuple[str, str, str]:
    """(network, channel, number) of channel ``index`` (0-based)."""
    if index < len(CHANNELS):
        return CHANNELS[index]
    return (f"NET{index:04d}", f"CH{index:04d}HD", str(1000 + index))


def _addons(image_id: str | None) -> dict[str, Any]:
    return {"logoAddon": None, "graphicsAddon": None, "videoInsertionAddon": None, "trafficAddon": None, "casAddon": None,
            "drmAddon": None, "scte35SlateAddon": {"imageId": image_id} if image_id else None, "resourceSettingsAddon": None}


def _endpoint(ids: IdFactory, profile_name: str | None, packaging: str, path: str, publish_name: str | None, password: str) -> dict[str, Any]:
    """One ``originSettings.originOutputEndPoints[]`` entry (2018 skeleton field set)."""
    return {"id": ids.uuid(), "labels": None, "profileName": profile_name, "packagingProfileType": packaging, "originOutputProtocol": "HTTPS",
            "hostname": "127.0.0.1", "port": 80, "path": path, "username": "", "password": password, "outputMonitor": False,
            "hostnameForMonitoring": "", "compatibilityMode": "STANDARD", "playbackUrl": None, "drm": None, "publishName": publish_name,
            "backup": None, "streamsPerTcpConnection": "ONE_STREAM", "redundancyMode": "NONE",
            "outputMode": "LIVE_AND_TIMESHIFT" if packaging == "e_INTERNAL" else None, "enableChunkedEncoding": True,
            "externalKeyPublishingSettings": None}


def origin_destination(ids: IdFactory, name: str, publish_name: str, profile_id: str | None) -> dict[str, Any]:
    """An ORIGIN destination with DASH, HLS, SS and INTERNAL end points (passwords stored in clear, masked on GET)."""
    endpoints = [
        _endpoint(ids, "dash.00", "e_DASH", "DASH", None, "pw-" + ids.token(10)),
        _endpoint(ids, "hls.00", "e_HLS", "HLS", None, "pw-" + ids.token(10)),
        _endpoint(ids, "ss.00", "e_SS", "SS", None, "pw-" + ids.token(10)),
        _endpoint(ids, None, "e_INTERNAL", "INTERNAL", publish_name, ""),
    ]
    return {"id": ids.uuid(), "type": "ORIGIN", "labels": [], "name": name,
            "outputs": [{"id": ids.uuid(), "redundancyMode": "MANDATORY", "rank": 1, "outputType": "ORIGIN", "ipSettings": None, "hspSettings": None,
                         "originSettings": {"ipNetworkAddress": None, "originOutputEndPoints": endpoints}}],
            "destinationProfileId": profile_id, "embeddedDestinationProfile": None, "embeddedManipulationProfiles": None, "poolAddon": None,
            "inUse": False}


def ats_destination(ids: IdFactory, name: str, group_id: str, profile_id: str | None, address: str) -> dict[str, Any]:
    """An ATS destination: one HARMONIC_CLOUDLINK multicast output through a cloud-link group."""
    return {"id": ids.uuid(), "type": "ATS", "labels": [], "name": name,
            "outputs": [{"id": ids.uuid(), "redundancyMode": "MANDATORY", "rank": 1, "outputType": "HARMONIC_CLOUDLINK",
                         "ipSettings": {"ipNetworkAddress": None, "ipAddress": address, "ipPort": 40000, "cloudlinkGroupId": group_id,
                                        "cloudlinkId": None, "outputMonitor": False, "ipAddressForMonitoring": None, "ipPortForMonitoring": 0},
                         "originSettings": None}],
            "destinationProfileId": profile_id, "embeddedDestinationProfile": None, "inUse": False}


def zixi_slate_source(ids: IdFactory, name: str, group_id: str, address: str, ssm: str, image_id: str | None) -> dict[str, Any]:
    """A source with a ZIXI HARMONIC_UPLINK input (rank 1) and a SIGNAL_LOSS slate input (rank 2)."""
    zixi_endpoint = {"zixiEndpointId": None, "recvAddress": None, "recvPort": 0}
    inputs = [
        {"id": ids.uuid(), "rank": 1, "type": "ZIXI", "ipSettings": None, "slateSettings": None, "hspSettings": None,
         "zixiSettings": {"programNum": 0, "programName": "", "grooming": None, "zixiInputType": "HARMONIC_UPLINK",
                          "harmonicUplinkSetting": {"uplinkId": None, "uplinkGroupId": group_id, "ipAddress": address, "ipPort": 5000,
                                                    "ipPortRangeEnd": 0, "ssmIpAddresses": [ssm], "zixiEndPointSetting": dict(zixi_endpoint),
                                                    "zixiEndPointSettingList": None},
                          "encoderSetting": None, "zixiEndPointSetting": dict(zixi_endpoint)}},
    ]
    if image_id:
        inputs.append({"id": ids.uuid(), "rank": 2, "type": "SLATE", "ipSettings": None, "zixiSettings": None, "hspSettings": None,
                       "slateSettings": {"type": "SIGNAL_LOSS", "imageId": image_id, "customSlateSettings": None}})
    return {"id": ids.uuid(), "labels": [], "name": name, "inputs": inputs, "pmtPid": None, "enableMonitoring": False}


def service(ids: IdFactory, name: str, source_id: str, profile_id: str, destination_id: str, image_id: str | None, state: str) -> dict[str, Any]:
    """A service in the 2018 skeleton shape referencing one source, one profile and one destination."""
    return {"id": ids.uuid(), "name": name, "programNum": 1, "serviceSources": [{"sourceId": source_id, "rank": 1}], "profileId": profile_id,
            "embeddedProfiles": None, "destinationId": destination_id, "destinationsId": [destination_id], "timeShiftWindow": None,
            "addons": _addons(image_id), "controlState": state, "redundancyMode": "OFF", "rank": "", "processingEngineVersion": ENGINE_VERSION,
            "processingEngine": None, "enableRollingUpgrade": False, "version": None}


def generate(seed: int, channels: int, empty: bool, user_passwords: dict[str, str]) -> dict[str, Any]:
    """Build the whole starting state.

    :param seed: random seed (ids, secrets, load figures).
    :param channels: number of generated channels (each: source, destination, service, pod).
    :param empty: no services/sources/destinations/images/users/scte logs (profiles, cloud links, nodes stay).
    :param user_passwords: filled with ``{username: password}`` for the seeded users.
    :return: ``{collection key: [objects]}`` plus ``"system_info"`` (dict).
    """
    ids = IdFactory(seed)
    rng = ids.rng
    now_ms = int(time.time() * 1000)

    def profile(name: str, kind: str) -> dict[str, Any]:
        return {"id": ids.uuid(), "name": name, "customerVersion": name.rsplit(" ", 1)[-1] if " " in name else "1", "type": kind}

    profiles = [profile("dfw.1080 2", "MULTISCREEN"), profile("dfw.720 3", "MULTISCREEN"), profile("dfw.480 1", "MULTISCREEN"),
                profile("iptv.1080i 1", "IPTV"), profile("ATS", "DESTINATION"), profile("Akamai", "DESTINATION"), profile("Limelight", "DESTINATION")]
    p1080, p720, ats_profile, akamai = profiles[0]["id"], profiles[1]["id"], profiles[4]["id"], profiles[5]["id"]

    uplinks = [{"id": ids.uuid(), "name": "dfw-cloudlink-01", "ipAddress": "10.20.30.11", "rank": 1, "version": "2.4.1.0.57"},
               {"id": ids.uuid(), "name": "dfw-cloudlink-02", "ipAddress": "10.20.30.12", "rank": 2, "version": "2.4.1.0.57"}]
    groups = [{"id": ids.uuid(), "name": "DFW-CL-GROUP-A", "uplinkIds": [uplinks[0]["id"]]},
              {"id": ids.uuid(), "name": "DFW-CL-GROUP-B", "uplinkIds": [uplinks[1]["id"]]}]
    images = [{"id": ids.uuid(), "url": "http://slates.example.com/vos/signal-loss.png"},
              {"id": ids.uuid(), "url": "http://slates.example.com/vos/blackout.png"}]

    sources: list[dict[str, Any]] = []
    destinations: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    nodes: list[dict[str, Any]] = []
    statistics: list[dict[str, Any]] = []
    for index in range(channels):
        network, chan, number = channel_names(index)
        group = index % 2
        octet3, octet4 = divmod(index, 250)
        address = f"232.1.{octet3}.{octet4 + 1}"
        state = "OFF" if index % 4 == 3 else "ACTIVATED"
        src = zixi_slate_source(ids, f"{network}.{chan}.1080.eng.p", groups[group]["id"], address, uplinks[group]["ipAddress"], images[0]["id"])
        if index % 2 == 0:
            dst = origin_destination(ids, f"{chan}-{number}.dfw.1080.mobile.origin", f"{chan}-{number}.dfw.1080.mobile", akamai)
            srv = service(ids, f"{chan}.1080.tv", src["id"], p1080, dst["id"], images[1]["id"], state)
        else:
            dst = ats_destination(ids, f"{chan}-{number}.dfw.720.mobile.ATS", groups[group]["id"], ats_profile, f"239.243.{octet3}.{octet4 + 1}")
            srv = service(ids, f"{chan}.720.tv", src["id"], p720, dst["id"], images[1]["id"], state)
        limit = 4 * GIB
        nodes.append({"id": ids.uuid(), "hostName": f"stream-processing-{chan.lower()}-{ids.token(5).lower()}", "nodeName": f"dfw-worker-{index % 4 + 1:02d}",
                      "state": "RUNNING" if state == "ACTIVATED" else "PENDING",
                      "cpuUsage": round(rng.uniform(8.0, 85.0), 1) if state == "ACTIVATED" else 0.0,
                      "memoryUsage": int(limit * rng.uniform(0.3, 0.85)) if state == "ACTIVATED" else 0, "memoryLimit": limit,
                      "serviceIds": [] if empty else [srv["id"]]})
        if group == 0 and len(statistics) < 20:
            statistics.append({"ipAddress": address, "ipPort": 5000, "bitrateBps": int(rng.uniform(6e6, 12e6)), "packetLossRatio": 0.0})
        sources.append(src)
        destinations.append(dst)
        services.append(srv)

    uplink_status = [{"id": uplinks[0]["id"], "uplinkState": "CONNECTED", "uplinkStatistic": {"uplinkOutputStatisticList": statistics}},
                     {"id": uplinks[1]["id"], "uplinkState": "LOST"}]

    notifications = [
        {"id": ids.uuid(), "type": "UPLINK_CONNECTION_LOST", "severity": "CRITICAL", "state": "ACTIVE", "creationTime": now_ms - 7 * 60_000,
         "resolvedTime": None, "title": "CloudLink connection lost", "channelName": "", "objectName": uplinks[1]["name"]},
    ]
    scte_logs: list[dict[str, Any]] = []
    if not empty and services:
        first = services[0]
        last = services[min(1, len(services) - 1)]
        notifications += [
            {"id": ids.uuid(), "type": "SOURCE_SIGNAL_LOSS", "severity": "MAJOR", "state": "ACTIVE", "creationTime": now_ms - 6 * 60_000,
             "resolvedTime": None, "title": "Input signal loss, switched to slate", "channelName": last["name"],
             "objectName": sources[min(1, len(sources) - 1)]["name"]},
            {"id": ids.uuid(), "type": "POD_HIGH_CPU", "severity": "MINOR", "state": "ACTIVE", "creationTime": now_ms - 30 * 60_000,
             "resolvedTime": None, "title": "Pod CPU above 80 %", "channelName": first["name"], "objectName": nodes[0]["hostName"]},
            {"id": ids.uuid(), "type": "OUTPUT_BITRATE_LOW", "severity": "WARNING", "state": "CLEARED", "creationTime": now_ms - 3 * 3_600_000,
             "resolvedTime": now_ms - 2 * 3_600_000, "title": "Output bitrate below threshold", "channelName": first["name"],
             "objectName": destinations[0]["name"]},
            {"id": ids.uuid(), "type": "SOURCE_SIGNAL_LOSS", "severity": "MAJOR", "state": "CLEARED", "creationTime": now_ms - 26 * 3_600_000,
             "resolvedTime": now_ms - 25 * 3_600_000, "title": "Input signal loss, switched to slate", "channelName": first["name"],
             "objectName": sources[0]["name"]},
            {"id": ids.uuid(), "type": "SERVICE_ACTIVATED", "severity": "INFO", "state": "CLEARED", "creationTime": now_ms - 48 * 3_600_000,
             "resolvedTime": now_ms - 48 * 3_600_000, "title": "Service activated", "channelName": first["name"], "objectName": first["name"]},
        ]
        for srv in services[:50]:
            if srv["controlState"] != "ACTIVATED":
                continue
            for event in range(3):
                out = event % 2 == 0
                scte_logs.append({"id": ids.uuid(), "time": now_ms - rng.randint(1, 6 * 3_600_000), "serviceId": srv["id"], "serviceName": srv["name"],
                                  "spliceCommandType": "SPLICE_INSERT" if out or event == 1 else "TIME_SIGNAL",
                                  "spliceEventId": rng.randint(1, 2 ** 31 - 1), "outOfNetwork": out, "durationMs": 120_000 if out else 0})

    users: list[dict[str, Any]] = []
    if not empty:
        users = [{"id": ids.uuid(), "name": "Operations Engineer", "username": "operator", "email": "operator@example.com", "roles": ["OPERATOR"]},
                 {"id": ids.uuid(), "name": "NOC Monitor", "username": "monitor", "email": "noc@example.com", "roles": ["VIEWER"]}]
        user_passwords.update({"operator": "operator-password", "monitor": "monitor-password"})

    origin_servers = [{"id": ids.uuid(), "hostName": f"origin-engine-{index}", "state": "RUNNING", "cpuUsage": round(rng.uniform(10.0, 60.0), 1),
                       "memoryUsage": int(8 * GIB * rng.uniform(0.3, 0.7)), "memoryLimit": 8 * GIB} for index in range(3)]
    networks = [{"name": "management", "subnet": "10.20.0.0/16", "gateway": "10.20.0.1", "vlanId": 100},
                {"name": "ingest", "subnet": "10.30.0.0/16", "gateway": "10.30.0.1", "vlanId": 200},
                {"name": "egress", "subnet": "10.40.0.0/16", "gateway": "10.40.0.1", "vlanId": 300}]
    rf_monitorings = [{"id": ids.uuid(), "port": port, "enabled": True, "frequencyHz": 603_000_000 + 6_000_000 * port, "levelDbmv": 2.5, "locked": True}
                      for port in (1, 2)]
    rf_statistics = [{"id": ids.uuid(), "port": port, "snrDb": 38.2, "berPre": 1.0e-9, "berPost": 0.0, "lockedTimeSec": 86400} for port in (1, 2)]
    rf_settings = [{"id": ids.uuid(), "port": port, "enabled": True, "frequencyHz": 603_000_000 + 6_000_000 * port, "modulation": "QAM256",
                    "symbolRate": 5_360_537} for port in (1, 2)]

    if empty:
        sources, destinations, services, images = [], [], [], []
    return {
        "services": services, "sources": sources, "destinations": destinations, "images": images, "profiles": profiles,
        "uplinks": uplinks, "uplink_groups": groups, "uplink_status": uplink_status, "notifications": notifications,
        "notification_types": [dict(item) for item in NOTIFICATION_TYPES], "users": users, "nodes": nodes, "origin_engine_servers": origin_servers,
        "scte_logs": scte_logs, "networks": networks, "rf_monitorings": rf_monitorings, "rf_statistics": rf_statistics, "rf_settings": rf_settings,
        "system_info": {"clusterName": "vos-dfw-01", "version": ENGINE_VERSION, "build": ENGINE_VERSION.rsplit(".", 1)[-1]},
    }
