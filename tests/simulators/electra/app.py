# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Electra XT HTTP interface of docs/electra-model.md (modeled) and the simulator's control hooks.

``/api/v1`` with HTTP Basic authentication (401 ``UNAUTHORIZED`` and a ``WWW-Authenticate: Basic`` challenge otherwise),
JSON bodies, errors ``{"error": {"code", "message"}}`` (plus ``"parameter"`` for the parameter errors):

* ``GET /api/v1/jobs`` -> ``{"items": [job...]}`` in id order; ``GET /api/v1/jobs/{id}`` -> one job with
  ``writableParameters``; 404 ``JOB_NOT_FOUND``;
* ``POST /api/v1/jobs/{id}/start`` / ``stop`` -> 202 and the job, or 200 and the unchanged job when it already was in
  that state;
* ``PATCH /api/v1/jobs/{id}/parameters`` ``{name: value}`` -> 200 and the job; 422 ``UNKNOWN_PARAMETER``,
  ``READ_ONLY_PARAMETER`` or ``INVALID_PARAMETER_VALUE`` naming the first offending parameter (nothing applied).

The same :class:`electra.model.ElectraState` backs the SNMP agent (through :attr:`ElectraApp.view`).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from common.app import ApiError, DeviceApp, Request, Response, json_response
from electra import seed
from electra.mib import MibView
from electra.model import PARAMETERS, SEVERITY_RANK, STORAGE_TYPES, WRITABLE, Alarm, ElectraState, Job, StateError, Storage
from electra.profile import Profile, default_profile
from electra.settings import ElectraSettings

API = "/api/v1"
CHALLENGE = {"WWW-Authenticate": 'Basic realm="Electra XT"'}
CODES = {400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 409: "CONFLICT",
         413: "PAYLOAD_TOO_LARGE", 422: "UNPROCESSABLE_ENTITY", 429: "TOO_MANY_REQUESTS", 500: "INTERNAL_ERROR",
         502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE", 504: "GATEWAY_TIMEOUT"}


def error_body(code: str, message: str, parameter: str | None = None) -> dict[str, Any]:
    """``{"error": {"code", "message"}}`` (with ``parameter`` when given)."""
    error: dict[str, Any] = {"code": code, "message": message}
    if parameter is not None:
        error["parameter"] = parameter
    return {"error": error}


def electra_error(status: int, code: str, message: str, parameter: str | None = None, headers: dict[str, str] | None = None) -> ApiError:
    """An ApiError with the Electra error body."""
    return ApiError(status, message, headers=headers, body=error_body(code, message, parameter))


def _positive_int(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiError(400, f"{field} must be a positive integer")
    return value


class ElectraApp(DeviceApp):
    """HTTP routes and control hooks over one :class:`ElectraState`; ``view`` is the SNMP agent's MIB view of it."""

    name = "electra"

    def __init__(self, settings: ElectraSettings, profile: Profile | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.profile = profile or default_profile()
        self.state = ElectraState(lambda empty: seed.generate(settings.jobs, settings.nodes, settings.seed, empty))
        self.view = MibView(self.state, self.profile)
        self.view.refresh()  # built now rather than on the first SNMP request (some 0.1 s with 2,000 jobs)
        self.router.add("GET", API + "/jobs", self.list_jobs)
        self.router.add("GET", API + "/jobs/{id}", self.get_job)
        self.router.add("POST", API + "/jobs/{id}/start", self.start_job)
        self.router.add("POST", API + "/jobs/{id}/stop", self.stop_job)
        self.router.add("PATCH", API + "/jobs/{id}/parameters", self.patch_parameters)

    # Dispatch and errors -------------------------------------------------------------------------------------------------
    def _authenticate(self, request: Request) -> None:
        scheme, _sep, value = request.header("Authorization").strip().partition(" ")
        if scheme.lower() != "basic" or not value.strip():
            raise electra_error(401, "UNAUTHORIZED", "HTTP Basic authentication required", headers=dict(CHALLENGE))
        try:
            username, _colon, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise electra_error(401, "UNAUTHORIZED", "malformed Basic credentials", headers=dict(CHALLENGE)) from exc
        if username != self.settings.username or password != self.settings.password:
            raise electra_error(401, "UNAUTHORIZED", "invalid username or password", headers=dict(CHALLENGE))

    def dispatch(self, request: Request) -> Response:
        """Authenticate, route; StateError becomes its status and code."""
        try:
            self._authenticate(request)
            handler, params = self.router.resolve(request.method, request.path)
            request.params = params
            return handler(request)
        except StateError as exc:
            return self.error_response(request, electra_error(exc.status, exc.code, exc.message, exc.parameter))
        except ApiError as exc:
            return self.error_response(request, exc)

    def error_response(self, request: Request, error: ApiError) -> Response:
        """The Electra error body (code from the status for plain errors)."""
        body = error.body if error.body is not None else error_body(CODES.get(error.status, "ERROR"), error.message)
        return json_response(body, status=error.status, headers=error.headers)

    # Jobs ----------------------------------------------------------------------------------------------------------------
    def job_json(self, job: Job, detail: bool = False) -> dict[str, Any]:
        """The wire shape of a job (``detail``: with ``writableParameters``)."""
        node = self.state.nodes.get(job.node)
        body: dict[str, Any] = {
            "id": job.index, "name": job.name, "workflow": job.workflow, "node": job.node, "nodeName": node.name if node else None,
            "status": job.status, "alarmState": job.alarm_state, "uptimeSeconds": int(self.state.job_uptime(job)),
            "parameters": {name: job.params[name] for name, _writable in PARAMETERS},
        }
        if detail:
            body["writableParameters"] = [name for name, writable in PARAMETERS if writable]
        return body

    def _job(self, request: Request) -> Job:
        text = request.params["id"]
        if not text.isdigit():
            raise electra_error(404, "JOB_NOT_FOUND", f"job {text} not found")
        return self.state.job(int(text))

    def list_jobs(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``GET /api/v1/jobs``."""
        return json_response({"items": [self.job_json(self.state.jobs[index]) for index in sorted(self.state.jobs)]})

    def get_job(self, request: Request) -> Response:
        """``GET /api/v1/jobs/{id}``."""
        return json_response(self.job_json(self._job(request), detail=True))

    def start_job(self, request: Request) -> Response:
        """``POST /api/v1/jobs/{id}/start``: 202 when started, 200 when it was running."""
        job = self._job(request)
        changed = self.state.start_job(job.index)
        return json_response(self.job_json(job, detail=True), status=202 if changed else 200)

    def stop_job(self, request: Request) -> Response:
        """``POST /api/v1/jobs/{id}/stop``: 202 when stopped, 200 when it was stopped."""
        job = self._job(request)
        changed = self.state.stop_job(job.index)
        return json_response(self.job_json(job, detail=True), status=202 if changed else 200)

    def patch_parameters(self, request: Request) -> Response:
        """``PATCH /api/v1/jobs/{id}/parameters`` ``{name: value}``."""
        job = self._job(request)
        try:
            body = request.json()
        except ApiError as exc:
            raise electra_error(400, "BAD_REQUEST", exc.message) from exc
        if not isinstance(body, dict):
            raise electra_error(400, "BAD_REQUEST", "a JSON object {name: value} expected")
        self.state.set_parameters(job.index, body)
        return json_response(self.job_json(job, detail=True))

    # Control hooks -------------------------------------------------------------------------------------------------------
    def reset(self, empty: bool) -> None:
        """Re-seed (``empty``: no jobs, alarms or log lines; nodes, workflows and storage stay)."""
        self.state.load(empty)
        self.view.refresh()

    def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        """``{"node_down": N}`` marks node N down (a critical alarm); ``{"node_down": null}`` (or 0) brings it back."""
        unknown = set(changes) - {"node_down"}
        if unknown:
            raise ApiError(400, "unknown switches: " + ", ".join(sorted(unknown)))
        if "node_down" in changes:
            value = changes["node_down"]
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ApiError(400, "node_down must be a node index, 0 or null")
            try:
                self.state.set_node_down(value or None)
            except StateError as exc:
                raise ApiError(400, exc.message) from exc
        return {"node_down": self.state.node_down}

    def insert_item(self, collection: str, item: Any) -> Any:
        """``alarms``: ``{"severity", "text", "job"?, "source"?}``; ``logs``: ``{"severity", "text", "source"?}``;
        ``storage``: ``{"descr", "type"?, "allocation_units"?, "size", "used", "index"?}``. Returns the stored row."""
        if not isinstance(item, dict):
            raise ApiError(400, "a JSON object expected")
        if collection == "alarms":
            severity = item.get("severity", "major")
            if severity not in SEVERITY_RANK:
                raise ApiError(400, "severity must be one of " + ", ".join(SEVERITY_RANK))
            job = item.get("job", 0) or 0
            if job:
                job = _positive_int(job, "job")
                if job not in self.state.jobs:
                    raise ApiError(400, f"no job {job}")
            source = item.get("source") or (f"job:{job}" if job else "node:1")
            text = str(item.get("text") or "simulated alarm")
            alarm = self.state.raise_alarm(severity, str(source), text, job=job, kind="inserted")
            self.state.log(severity, alarm.source, alarm.text)
            return self._alarm_json(alarm)
        if collection == "logs":
            severity = item.get("severity", "info")
            if severity not in SEVERITY_RANK:
                raise ApiError(400, "severity must be one of " + ", ".join(SEVERITY_RANK))
            line = self.state.log(severity, str(item.get("source") or "system"), str(item.get("text") or "simulated log line"))
            return {"index": line.index, "severity": line.severity, "source": line.source, "text": line.text, "time": line.time}
        if collection == "storage":
            kind = item.get("type", "networkDisk")
            if kind not in STORAGE_TYPES:
                raise ApiError(400, "type must be one of " + ", ".join(STORAGE_TYPES))
            index = item.get("index") or max(self.state.storage, default=0) + 1
            row = Storage(index=_positive_int(index, "index"), type=kind, descr=str(item.get("descr") or f"storage {index}"),
                          allocation_units=_positive_int(item.get("allocation_units", 4096), "allocation_units"),
                          size=int(item.get("size", 0)), used=int(item.get("used", 0)))
            self.state.add_storage(row)
            return vars(row)
        raise ApiError(404, f"unknown collection {collection} (alarms, logs, storage)")

    def remove_item(self, collection: str, item_id: str) -> None:
        """Clear an alarm, drop a log line or a storage row by index."""
        removers = {"alarms": self.state.remove_alarm, "logs": self.state.remove_log, "storage": self.state.remove_storage}
        if collection not in removers:
            raise ApiError(404, f"unknown collection {collection} (alarms, logs, storage)")
        if not item_id.isdigit() or removers[collection](int(item_id)) is None:
            raise ApiError(404, f"no {collection} item {item_id}")

    @staticmethod
    def _alarm_json(alarm: Alarm) -> dict[str, Any]:
        return {"index": alarm.index, "severity": alarm.severity, "source": alarm.source, "text": alarm.text, "raised_at": alarm.raised_at,
                "job": alarm.job, "kind": alarm.kind}

    def dump_state(self) -> dict[str, Any]:
        """Everything, in the simulator's field names (times as epoch seconds)."""
        state = self.state
        return {
            "profile": {"name": self.profile.name, "modeled": self.profile.modeled},
            "system": {"descr": state.system.descr, "object_id": ".".join(map(str, state.system.object_id)), "contact": state.system.contact,
                       "name": state.system.name, "location": state.system.location, "uptime_seconds": state.uptime(),
                       "boot_time": state.boot_time, "now": state.clock()},
            "config": {"node_down": state.node_down},
            "nodes": [dict(vars(node), cpu_load=state.cpu_load(node), job_count=state.node_stats(node.index)[0])
                      for node in state.nodes.values()],
            "workflows": [vars(workflow) for workflow in state.workflows.values()],
            "jobs": [dict(self.job_json(job), started_at=job.started_at) for job in state.jobs.values()],
            "alarms": [self._alarm_json(alarm) for alarm in state.alarms.values()],
            "logs": [vars(line) for line in state.logs.values()],
            "storage": [vars(row) for row in state.storage.values()],
            "writable_parameters": sorted(WRITABLE),
        }
