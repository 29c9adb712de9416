# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Harmonic Electra XT client: SNMP for the tables (``.snmp``), the HTTP interface for job details and job control.

Confirmed (Skyline's DataMiner Electra XT connector documentation): SNMP on UDP 161, get community ``public``, set
community ``private``; an HTTP interface (port 80 for example) with a username and password; the device's date and
time, a Network Storage table, a Workflow table, a Node -> Job -> Job Parameter tree, a Nodes table, a Jobs list
with a custom display key, Active Alarm and Active Log tables.

Modeled (``docs/electra-model.md``): every Electra OID (the OID profile, :mod:`.profile`, correctable with
``profile``) and the HTTP paths and fields (correctable with ``endpoint_paths``):

* HTTP Basic on every request; ``GET /api/v1/jobs`` -> ``{"items": [{id, name, workflow, node, status,
  alarmState, parameters: {name: value}}]}``; ``GET /api/v1/jobs/{id}`` adds ``writableParameters``;
* ``POST /api/v1/jobs/{id}/start`` and ``/stop`` (202, or 200 when the job already was so);
* ``PATCH /api/v1/jobs/{id}/parameters`` ``{name: value}`` (422 ``READ_ONLY_PARAMETER``, ``UNKNOWN_PARAMETER``,
  ``INVALID_PARAMETER_VALUE``); errors ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible.module_utils.basic import env_fallback

from ..errors import ApiError, ValidationError
from ..resource import Operation, ResourceSpec
from ..rest import RestClient, connection_spec
from ..transport import REQUESTS_IMPORT_ERROR, BasicAuth
from .profile import Profile, load_profile
from .snmp import AUTH_PROTOCOLS, PRIV_PROTOCOLS, PYSNMP_IMPORT_ERROR, VERSIONS, SnmpClient, SnmpSettings

#: Endpoint key -> path (modeled; ``{id}`` is the job's id). Correct them with ``endpoint_paths``.
DEFAULT_PATHS: Dict[str, str] = {
    "jobs": "/api/v1/jobs",
    "job": "/api/v1/jobs/{id}",
    "job_start": "/api/v1/jobs/{id}/start",
    "job_stop": "/api/v1/jobs/{id}/stop",
    "job_parameters": "/api/v1/jobs/{id}/parameters",
}

#: Job statuses a playbook can ask for (``electra_jobs``): a start or a stop request.
JOB_STATUSES = ("running", "stopped")
#: Every job status the device reports (the default profile's labels); the others can only be declared as they are
#: (so that ``gathered`` output can be fed back as ``config``).
DEVICE_JOB_STATUSES = ("running", "stopped", "starting", "stopping", "failed")


def _env(option: str) -> Tuple[Any, List[str]]:
    return (env_fallback, ["ELECTRA_%s" % option.upper()])


_SNMP_OPTIONS: Dict[str, Dict[str, Any]] = {
    "username": {"type": "str", "fallback": _env("username")},
    "password": {"type": "str", "no_log": True, "fallback": _env("password")},
    "snmp_port": {"type": "int", "default": 161, "fallback": _env("snmp_port")},
    "snmp_version": {"type": "str", "default": "v2c", "choices": list(VERSIONS), "fallback": _env("snmp_version")},
    # no default in the spec: Ansible masks every no_log value in results, and a default "public" would mask that
    # word everywhere; the client uses "public" when none is given
    "community": {"type": "str", "no_log": True, "fallback": _env("community")},
    "v3_user": {"type": "str", "fallback": _env("v3_user")},
    "v3_auth_protocol": {"type": "str", "default": "sha", "choices": list(AUTH_PROTOCOLS)},
    "v3_auth_key": {"type": "str", "no_log": True, "fallback": _env("v3_auth_key")},
    "v3_priv_protocol": {"type": "str", "default": "aes", "choices": list(PRIV_PROTOCOLS)},
    "v3_priv_key": {"type": "str", "no_log": True, "fallback": _env("v3_priv_key")},
    "snmp_timeout": {"type": "float", "default": 2.0},
    "snmp_retries": {"type": "int", "default": 2},
    "max_repetitions": {"type": "int", "default": 25},
    "profile": {"type": "raw", "fallback": _env("profile")},
}

#: Argument spec of the Electra XT connection options; ``plugins/doc_fragments/electra.py`` documents it.
CONNECTION_SPEC: Dict[str, Dict[str, Any]] = connection_spec("ELECTRA", 80, _SNMP_OPTIONS)
CONNECTION_SPEC["use_ssl"]["default"] = False  # the connector's HTTP interface: plain HTTP on port 80


class ElectraClient(RestClient):
    """One Electra XT system, shared by every request of a module or inventory run.

    :param params: the connection options (see :data:`CONNECTION_SPEC`).
    :param check_mode: refuse every HTTP write.
    :param offline: build without a host (no request is ever sent).
    :raises ValidationError: missing host, bad SNMP or HTTP settings, an invalid ``profile``, an unknown
        ``endpoint_paths`` key. Missing HTTP credentials are reported by the first HTTP request only (facts do not
        need them).
    """

    def __init__(self, params: Mapping[str, Any], check_mode: bool = False, offline: bool = False) -> None:
        params = dict(params)
        if params.get("use_ssl") is None:
            params["use_ssl"] = False  # also when built from inventory options, which may leave it out
        super().__init__(params, DEFAULT_PATHS, "Electra XT", "ELECTRA", self._auth, check_mode=check_mode,
                         offline=offline, default_port=80)
        self.profile: Profile = load_profile(params.get("profile"))
        self.snmp_settings = None if offline else SnmpSettings(params)
        self._snmp: Optional[SnmpClient] = None
        if self.http is not None and self.snmp_settings is not None:
            for secret in self.snmp_settings.secrets():
                if secret != "public":
                    self.http.add_secret(secret)

    @staticmethod
    def _auth(params: Mapping[str, Any]) -> BasicAuth:
        return BasicAuth(params.get("username"), params.get("password"),
                         "username and password (options, module_defaults, or ELECTRA_USERNAME/ELECTRA_PASSWORD)")

    @property
    def snmp(self) -> SnmpClient:
        """The SNMP client (built on first use: the HTTP-only modules never need pysnmp)."""
        if self._snmp is None:
            if self.snmp_settings is None:
                raise ValidationError("internal error: an offline client cannot send requests")
            self._snmp = SnmpClient(self.snmp_settings)
        return self._snmp

    def mask(self, text: str) -> str:
        """``text`` with the password, community and v3 keys masked."""
        return self.http.mask(text) if self.http is not None else text

    # ------------------------------------------------------------------ HTTP: jobs
    def job_path(self, key: str, ident: Any) -> str:
        """The path of job endpoint ``key`` for job ``ident``."""
        return self.endpoint(key).replace("{id}", str(ident))

    def list_jobs(self) -> List[Dict[str, Any]]:
        """``GET jobs``: every job with its parameters, in the API's field names (read once per client).

        :raises ApiError: an answer that is not ``{"items": [...]}``.
        """
        def fetch() -> List[Dict[str, Any]]:
            body = self.request("GET", self.endpoint("jobs"), endpoint="jobs")
            items = body.get("items") if isinstance(body, dict) else body
            if not isinstance(items, list):
                raise ApiError("GET %s: expected {items: [...]}, got %s" % (self.endpoint("jobs"), type(body).__name__),
                               status=200)
            return [item for item in items if isinstance(item, dict)]
        jobs: List[Dict[str, Any]] = copy.deepcopy(self.cached("jobs", fetch))
        return jobs

    def job(self, ident: Any) -> Dict[str, Any]:
        """``GET job``: one job with ``parameters`` and ``writableParameters`` (list of names)."""
        body = self.request("GET", self.job_path("job", ident), endpoint="job")
        return body if isinstance(body, dict) else {}

    def set_status(self, ident: Any, status: str) -> Dict[str, Any]:
        """``POST job_start`` (status ``running``) or ``POST job_stop`` (``stopped``); returns the job."""
        if status not in JOB_STATUSES:
            raise ValidationError("status: %r is not allowed; choose running or stopped" % status)
        key = "job_start" if status == "running" else "job_stop"
        body = self.request("POST", self.job_path(key, ident), endpoint=key, expected=(200, 202))
        return body if isinstance(body, dict) else {}

    def set_parameters(self, ident: Any, changes: Mapping[str, Any]) -> Dict[str, Any]:
        """``PATCH job_parameters`` with ``{name: value}``; returns the job.

        :raises ApiError: 422 with the device's code (``READ_ONLY_PARAMETER``, ``UNKNOWN_PARAMETER``,
            ``INVALID_PARAMETER_VALUE``) and message.
        """
        body = self.request("PATCH", self.job_path("job_parameters", ident), endpoint="job_parameters",
                            json_body=dict(changes))
        return body if isinstance(body, dict) else {}

    # ------------------------------------------------------------------ ResourceClient (electra_jobs)
    def list_items(self, kind: str) -> List[Dict[str, Any]]:
        return self.list_jobs()

    def list_declared(self, kind: str, names: Sequence[str]) -> List[Dict[str, Any]]:
        """The jobs named in ``names`` (state merged), so that ``before``/``after`` hold the declared jobs only.
        The modeled API has no read by name: this is the same one ``GET jobs``, filtered here."""
        wanted = set(names)
        return [job for job in self.list_jobs() if str(job.get("name")) in wanted]

    def item_id(self, kind: str, obj: Mapping[str, Any]) -> str:
        return str(obj.get("id"))

    def update_item(self, kind: str, ident: str, body: Dict[str, Any],
                    current: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """Parameters first (one PATCH of the changed ones), then the status (start or stop)."""
        changes = parameter_changes(body, current)
        result: Dict[str, Any] = dict(current or {})
        if changes:
            result = self.set_parameters(ident, changes)
        status = body.get("status")
        if status in JOB_STATUSES and status != (current or {}).get("status"):
            result = self.set_status(ident, status)
        self.forget("jobs")
        return result

    def planned_requests(self, kind: str, operation: Operation) -> List[Tuple[Any, ...]]:
        body, current = operation.body or {}, operation.current or {}
        requests: List[Tuple[Any, ...]] = []
        changes = parameter_changes(body, current)
        if changes:
            requests.append(("PATCH", self.job_path("job_parameters", operation.ident), changes))
        status = body.get("status")
        if status in JOB_STATUSES and status != current.get("status"):
            requests.append(("POST", self.job_path("job_start" if status == "running" else "job_stop", operation.ident)))
        return requests

    def check_plan(self, spec: ResourceSpec, operations: Sequence[Operation]) -> Optional[List[Operation]]:
        """Before any write: a declared status other than running or stopped is the job's current one (those are
        reported, not requested), and every declared parameter exists on its job and is writable there (one
        ``GET job`` per job whose parameters change, concurrently)."""
        for operation in operations:
            status = (operation.body or {}).get("status")
            current = (operation.current or {}).get("status")
            if operation.op == "update" and status not in (None,) + JOB_STATUSES and status != current:
                raise ValidationError("job %r: status %s cannot be requested (the device reports it; the job is %s); "
                                      "declare running or stopped" % (operation.name, status, current))
        changing = [o for o in operations if o.op == "update" and parameter_changes(o.body or {}, o.current)]
        if not changing:
            return None
        details = self.run_concurrently([partial(self.job, o.ident) for o in changing])
        for operation, detail in zip(changing, details):
            have = detail.get("parameters") if isinstance(detail.get("parameters"), dict) else {}
            writable = detail.get("writableParameters")
            for name in sorted(parameter_changes(operation.body or {}, operation.current)):
                if name not in have:
                    raise ValidationError("job %r: parameters.%s: the job has no such parameter; its parameters are %s" % (
                        operation.name, name, ", ".join(sorted(have)) or "none"))
                if isinstance(writable, list) and name not in writable:
                    raise ValidationError("job %r: parameters.%s is read-only on the device; writable: %s" % (
                        operation.name, name, ", ".join(sorted(writable)) or "none"))
        return None


def parameter_changes(body: Mapping[str, Any], current: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The parameters of ``body`` (``{parameters: {name: value}}``) whose text differs from ``current``'s."""
    wanted = body.get("parameters") or {}
    have = (current or {}).get("parameters") or {}
    return {name: value for name, value in wanted.items() if name not in have or str(have[name]) != str(value)}


#: Python libraries each kind of module needs.
REQUIRES_SNMP: Dict[str, Optional[str]] = {"requests": REQUESTS_IMPORT_ERROR, "pysnmp": PYSNMP_IMPORT_ERROR}
REQUIRES_HTTP: Dict[str, Optional[str]] = {"requests": REQUESTS_IMPORT_ERROR}


def client_factory(params: Mapping[str, Any], check_mode: bool, offline: bool = False) -> ElectraClient:
    """The :class:`~ansible_collections.broadcast.video.plugins.module_utils.module.Device` factory for Electra XT."""
    return ElectraClient(params, check_mode=check_mode, offline=offline)
