# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VOS resource specs: one declarative :class:`ResourceSpec` per resource module.

JSON field names and the create skeletons are the ones harmonicps/vos-scripts send (confirmed, see
``docs/vos.md``); nested inputs, outputs and end points carry client-generated UUIDs (confirmed).
"""

from __future__ import annotations

import uuid
from typing import Any, Dict, List, Mapping

from ..errors import ValidationError
from ..fields import Field, FieldMap, References, get_path
from ..resource import ResourceSpec


def new_id() -> str:
    """A lowercase hyphenated UUID, as VOS uses for every id."""
    return str(uuid.uuid4())


INT = {"type": "int"}
BOOL = {"type": "bool"}
STR_LIST = {"type": "list", "elements": "str"}

# ---------------------------------------------------------------------------------------------- services


def _service_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    """The POST body harmonicps/vos-scripts servicecreation.py sends (confirmed), before options are applied."""
    return {
        "id": "", "name": item.get("name"), "programNum": 1, "serviceSources": [], "profileId": None,
        "embeddedProfiles": None, "destinationId": None, "destinationsId": [], "timeShiftWindow": None,
        "addons": {"logoAddon": None, "graphicsAddon": None, "videoInsertionAddon": None, "trafficAddon": None,
                   "casAddon": None, "drmAddon": None, "scte35SlateAddon": None, "resourceSettingsAddon": None},
        "controlState": "OFF", "redundancyMode": "OFF", "rank": "", "processingEngineVersion": None,
        "processingEngine": None, "version": None,
    }


def _read_destinations(obj: Mapping[str, Any], refs: References) -> Any:
    ids = obj.get("destinationsId")
    if not ids and obj.get("destinationId"):
        ids = [obj["destinationId"]]
    return [refs.name_of("destinations", i) for i in ids] if ids else []


def _write_destinations(obj: Dict[str, Any], names: List[str], refs: References, where: str) -> None:
    """``destinationsId`` in the declared order; ``destinationId`` (the main one) is the first (confirmed:
    vos_serv_helper.py keeps ``destinationsId[0] == destinationId``)."""
    ids = [refs.id_of("destinations", n, "%s.destinations[%d]" % (where, i)) for i, n in enumerate(names)]
    obj["destinationsId"] = ids
    obj["destinationId"] = ids[0] if ids else None


def _validate_service(item: Mapping[str, Any], where: str) -> None:
    ranks = [s.get("rank") for s in item.get("sources") or []]
    if len(ranks) != len(set(ranks)):
        raise ValidationError("%s: sources: each source needs its own rank (1 = primary, 2 = backup), got %s" % (where, ranks))


SERVICE_SOURCE = FieldMap([
    Field("name", "sourceId", ref="sources"),
    Field("rank", "rank", spec=INT),
], key="rank")

SERVICE_FIELDS = FieldMap([
    Field("name", "name"),
    Field("control_state", "controlState", choices={"activated": "ACTIVATED", "off": "OFF"}, default="off"),
    Field("profile", "profileId", ref="profiles"),
    Field("sources", "serviceSources", nested=SERVICE_SOURCE, default=[]),
    Field("destinations", ref="destinations", many=True, read=_read_destinations, write=_write_destinations, default=[]),
    Field("slate_image", "addons.scte35SlateAddon.imageId", ref="images"),
    Field("program_number", "programNum", spec=INT),
], skeleton=_service_skeleton)

SERVICES = ResourceSpec("services", "service", SERVICE_FIELDS, required=("profile", "sources"), validate=_validate_service)

# ---------------------------------------------------------------------------------------------- sources

_ZIXI = {"type": "zixi"}
_SLATE = {"type": "slate"}
_UPLINK = "zixiSettings.harmonicUplinkSetting."


def _input_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    """Input bodies as sourcecreation.py sends them (confirmed), by input type."""
    base: Dict[str, Any] = {"id": new_id(), "rank": item.get("rank"), "type": str(item.get("type") or "").upper(),
                            "ipSettings": None, "zixiSettings": None, "slateSettings": None, "hspSettings": None}
    if item.get("type") == "zixi":
        endpoint = {"zixiEndpointId": None, "recvAddress": None, "recvPort": 0}
        base["zixiSettings"] = {
            "programNum": 0, "programName": "", "grooming": None, "zixiInputType": "HARMONIC_UPLINK",
            "harmonicUplinkSetting": {"uplinkId": None, "uplinkGroupId": None, "ipAddress": None, "ipPort": 0,
                                      "ipPortRangeEnd": 0, "ssmIpAddresses": [], "zixiEndPointSetting": dict(endpoint),
                                      "zixiEndPointSettingList": None},
            "encoderSetting": None, "zixiEndPointSetting": dict(endpoint)}
    elif item.get("type") == "slate":
        base["slateSettings"] = {"type": "SIGNAL_LOSS", "imageId": None, "customSlateSettings": None}
    return base


SOURCE_INPUT = FieldMap([
    Field("rank", "rank", spec=INT),
    Field("type", "type", choices={"zixi": "ZIXI", "slate": "SLATE"}),
    Field("program_number", "zixiSettings.programNum", spec=INT, when=_ZIXI),
    Field("cloud_link_group", _UPLINK + "uplinkGroupId", ref="uplink_groups", when=_ZIXI),
    Field("ip_address", _UPLINK + "ipAddress", when=_ZIXI),
    Field("ip_port", _UPLINK + "ipPort", spec=INT, when=_ZIXI),
    Field("ssm_ip_addresses", _UPLINK + "ssmIpAddresses", spec=STR_LIST, when=_ZIXI),
    Field("slate_type", "slateSettings.type", choices={"signal_loss": "SIGNAL_LOSS"}, when=_SLATE),
    Field("slate_image", "slateSettings.imageId", ref="images", when=_SLATE),
], key="rank", skeleton=_input_skeleton)


def _source_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    return {"id": "", "labels": [], "name": item.get("name"), "inputs": [], "pmtPid": None, "enableMonitoring": False}


def _validate_source(item: Mapping[str, Any], where: str) -> None:
    inputs = item.get("inputs") or []
    ranks = [i.get("rank") for i in inputs]
    if len(ranks) != len(set(ranks)):
        raise ValidationError("%s: inputs: each input needs its own rank (1 = main), got %s" % (where, ranks))
    for index, entry in enumerate(inputs):
        if entry.get("type") is None or entry.get("rank") is None:
            raise ValidationError("%s: inputs[%d]: type (zixi or slate) and rank are required" % (where, index))


SOURCE_FIELDS = FieldMap([
    Field("name", "name"),
    Field("inputs", "inputs", nested=SOURCE_INPUT, default=[]),
    Field("enable_monitoring", "enableMonitoring", spec=BOOL, default=False),
], skeleton=_source_skeleton)

SOURCES = ResourceSpec("sources", "source", SOURCE_FIELDS, required=("inputs",), validate=_validate_source)

# ---------------------------------------------------------------------------------------------- destinations

_CLOUDLINK = {"type": "cloudlink"}
_ORIGIN = {"type": "origin"}


def _end_point_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    """An origin output end point (delivery type) as create_origin_destination.py sends it (confirmed)."""
    return {"id": new_id(), "labels": None, "profileName": None, "packagingProfileType": None,
            "originOutputProtocol": "HTTPS", "hostname": "127.0.0.1", "port": 80, "path": None, "username": "",
            "password": "", "outputMonitor": False, "hostnameForMonitoring": "", "compatibilityMode": "STANDARD",
            "playbackUrl": None, "drm": None, "publishName": None, "backup": None,
            "streamsPerTcpConnection": "ONE_STREAM", "redundancyMode": "NONE", "outputMode": None,
            "enableChunkedEncoding": True, "externalKeyPublishingSettings": None}


END_POINT = FieldMap([
    Field("packaging", "packagingProfileType", choices={"dash": "e_DASH", "hls": "e_HLS", "ss": "e_SS", "internal": "e_INTERNAL"}),
    Field("protocol", "originOutputProtocol", choices={"https": "HTTPS", "http": "HTTP"}),
    Field("hostname", "hostname"),
    Field("port", "port", spec=INT),
    Field("path", "path"),
    Field("profile_name", "profileName"),
    Field("publish_name", "publishName"),
    Field("output_mode", "outputMode", choices={"live_and_timeshift": "LIVE_AND_TIMESHIFT"}),
    Field("username", "username"),
    Field("password", "password", secret=True),
], skeleton=_end_point_skeleton)


def _output_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    """Outputs as create_ats_destination_v2.py / create_origin_destination.py send them (confirmed)."""
    output: Dict[str, Any] = {"id": new_id(), "redundancyMode": "MANDATORY", "rank": item.get("rank"),
                              "outputType": None, "ipSettings": None, "hspSettings": None, "originSettings": None}
    if item.get("type") == "cloudlink":
        output["outputType"] = "HARMONIC_CLOUDLINK"
        output["ipSettings"] = {"ipNetworkAddress": None, "ipAddress": None, "ipPort": 0, "cloudlinkGroupId": None,
                                "cloudlinkId": None, "outputMonitor": False, "ipAddressForMonitoring": None,
                                "ipPortForMonitoring": 0}
    elif item.get("type") == "origin":
        output["outputType"] = "ORIGIN"
        output["originSettings"] = {"ipNetworkAddress": None, "originOutputEndPoints": []}
    return output


DESTINATION_OUTPUT = FieldMap([
    Field("rank", "rank", spec=INT),
    Field("type", "outputType", choices={"cloudlink": "HARMONIC_CLOUDLINK", "origin": "ORIGIN"}),
    Field("ip_address", "ipSettings.ipAddress", when=_CLOUDLINK),
    Field("ip_port", "ipSettings.ipPort", spec=INT, when=_CLOUDLINK),
    Field("cloud_link_group", "ipSettings.cloudlinkGroupId", ref="uplink_groups", when=_CLOUDLINK),
    Field("end_points", "originSettings.originOutputEndPoints", nested=END_POINT, when=_ORIGIN),
], key="rank", skeleton=_output_skeleton)


def _destination_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    return {"id": "", "type": None, "labels": [], "name": item.get("name"), "outputs": [],
            "destinationProfileId": None, "embeddedDestinationProfile": None}


def _validate_destination(item: Mapping[str, Any], where: str) -> None:
    outputs = item.get("outputs") or []
    ranks = [o.get("rank") for o in outputs]
    if len(ranks) != len(set(ranks)):
        raise ValidationError("%s: outputs: each output needs its own rank, got %s" % (where, ranks))
    expected = {"ats": "cloudlink", "origin": "origin"}.get(str(item.get("type")))
    for index, output in enumerate(outputs):
        if output.get("rank") is None or output.get("type") is None:
            raise ValidationError("%s: outputs[%d]: rank and type (cloudlink or origin) are required" % (where, index))
        if expected and output.get("type") != expected:
            raise ValidationError("%s: outputs[%d]: a destination of type %s takes outputs of type %s, not %s" % (
                where, index, item.get("type"), expected, output.get("type")))


DESTINATION_FIELDS = FieldMap([
    Field("name", "name"),
    Field("type", "type", choices={"ats": "ATS", "origin": "ORIGIN"}),
    Field("destination_profile", "destinationProfileId", ref="profiles"),
    Field("outputs", "outputs", nested=DESTINATION_OUTPUT, default=[]),
], skeleton=_destination_skeleton)

DESTINATIONS = ResourceSpec("destinations", "destination", DESTINATION_FIELDS, required=("type", "outputs"),
                            validate=_validate_destination)

# ---------------------------------------------------------------------------------------------- images

IMAGE_FIELDS = FieldMap([Field("url", "url")], skeleton=lambda item: {"id": new_id(), "url": item.get("url")})
IMAGES = ResourceSpec("images", "slate image", IMAGE_FIELDS, key="url")

# ---------------------------------------------------------------------------------------------- users

USER_FIELDS = FieldMap([
    Field("username", "username"),
    Field("name", "name"),
    Field("email", "email"),
    Field("roles", "roles", spec=STR_LIST),
    Field("password", "password", secret=True),
], skeleton=lambda item: {"name": item.get("name") or item.get("username"), "username": item.get("username")})

USERS = ResourceSpec("users", "user", USER_FIELDS, key="username", required=("password",))


def reference(obj: Mapping[str, Any], path: str) -> Any:
    """Shorthand used by facts: the value at ``path``."""
    return get_path(obj, path)
