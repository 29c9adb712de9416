# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Harmonic VOS client: authentication, endpoint map and the device's quirks.

Wire facts (``docs/vos.md`` has the full confirmed/modeled table):

* base URL ``https://HOST:PORT`` (443 by default), every path under ``/vos-api/`` (confirmed);
* lists are bare JSON arrays, create answers 200 with the object, PUT replaces the whole object, a service is
  deleted with ``?force=True`` (confirmed, harmonicps/vos-scripts);
* HTTP Basic on every request (VOS 1.3.x, confirmed), or OAuth2 bearer tokens from ``/oauth/token``
  (client credentials, or authorization code obtained from ``/oauth/authorize`` with Basic user credentials;
  confirmed for VOS360, path configurable);
* bad credentials answer 403 (confirmed); an expired token answers 401 (modeled) and is renewed once;
* secrets are echoed as ``"******"`` (inferred); sending that value back keeps the stored secret.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qs, urlparse

from ansible.module_utils.basic import env_fallback

from ..errors import ApiError, AuthenticationError, ValidationError
from ..transport import HttpClient, TokenAuth, check_latin1, decode_json
from ..rest import RestClient, base_url, connection_spec, resolve_paths as rest_resolve_paths

__all__ = ["CONNECTION_SPEC", "DEFAULT_PATHS", "VosAuth", "VosClient", "base_url", "client_factory",
           "infer_auth_method", "resolve_paths"]

#: Endpoint key -> path. Confirmed paths come from harmonicps/vos-scripts and the DataMiner connector help;
#: the ones marked modeled are our design and can be corrected with the ``endpoint_paths`` option.
DEFAULT_PATHS: Dict[str, str] = {
    "services": "/vos-api/configure/v1/services",
    "sources": "/vos-api/configure/v1/sources",
    "destinations": "/vos-api/configure/v1/destinations",
    "images": "/vos-api/configure/v1/images",
    "profiles": "/vos-api/labwizard/v1/profiles",
    "uplinks": "/vos-api/uplink-hub/v1/uplinks",
    "uplink_groups": "/vos-api/uplink-hub/v1/uplinkGroups",
    "uplink_status": "/vos-api/uplink-hub/v1/uplinkStatus",
    "notifications": "/vos-api/notification/v1/notifications",
    "users": "/vos-api/user/v1/users",
    "system_info": "/vos-api/platform-config/v1/systemInfo",
    "networks": "/vos-api/platform-config/v1/networks",
    "rf_monitorings": "/vos-api/platform-config/v1/rfMonitorings",
    "rf_statistics": "/vos-api/platform-config/v1/rfStatistics",
    "rf_settings": "/vos-api/platform-config/v1/rfSettings",
    "notification_types": "/vos-api/notification/v1/notificationTypes",  # modeled
    "nodes": "/vos-api/cluster/v1/nodes",  # modeled
    "origin_engine": "/vos-api/origin-engine/v1/statistics",  # modeled
    "origin_engine_servers": "/vos-api/origin-engine/v1/servers",  # modeled
    "scte_logs": "/vos-api/scte35/v1/logs",  # modeled
}
MODELED_PATHS = ("notification_types", "nodes", "origin_engine", "origin_engine_servers", "scte_logs")

#: Extra query parameters of deletes, by kind (confirmed: services need force=True).
DELETE_PARAMS: Dict[str, Dict[str, str]] = {"services": {"force": "True"}}

AUTH_METHODS = ("client_credentials", "authorization_code", "basic")

#: Argument spec of the VOS connection options; ``plugins/doc_fragments/vos.py`` documents it.
CONNECTION_SPEC: Dict[str, Dict[str, Any]] = connection_spec("VOS", 443, {
    "auth_method": {"type": "str", "choices": list(AUTH_METHODS), "fallback": (env_fallback, ["VOS_AUTH_METHOD"])},
    "username": {"type": "str", "fallback": (env_fallback, ["VOS_USERNAME"])},
    "password": {"type": "str", "no_log": True, "fallback": (env_fallback, ["VOS_PASSWORD"])},
    "client_id": {"type": "str", "fallback": (env_fallback, ["VOS_CLIENT_ID"])},
    "client_secret": {"type": "str", "no_log": True, "fallback": (env_fallback, ["VOS_CLIENT_SECRET"])},
    "token_path": {"type": "str", "default": "/oauth/token", "no_log": False},
    "authorize_path": {"type": "str", "default": "/oauth/authorize"},
    "redirect_uri": {"type": "str"},
})


def infer_auth_method(params: Mapping[str, Any]) -> str:
    """``auth_method`` as given, else ``client_credentials`` when a client id is given without a username,
    ``authorization_code`` when both are given, else ``basic``."""
    method = params.get("auth_method")
    if method:
        return str(method)
    if params.get("client_id"):
        return "authorization_code" if params.get("username") else "client_credentials"
    return "basic"


class VosAuth(TokenAuth):
    """HTTP Basic, or OAuth2 bearer tokens (client credentials / authorization code), renewed once on 401.

    :param params: the connection options (``auth_method``, ``username``, ``password``, ``client_id``,
        ``client_secret``, ``token_path``, ``authorize_path``, ``redirect_uri``).
    :raises ValidationError: the options the method needs are missing.
    """

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.method = infer_auth_method(params)
        self.username = params.get("username")
        self.password = params.get("password")
        self.client_id = params.get("client_id")
        self.client_secret = params.get("client_secret")
        self.token_path = params.get("token_path") or "/oauth/token"
        self.authorize_path = params.get("authorize_path") or "/oauth/authorize"
        self.redirect_uri = params.get("redirect_uri")
        super().__init__()
        needed = {"basic": ("username", "password"), "client_credentials": ("client_id", "client_secret"),
                  "authorization_code": ("client_id", "client_secret", "username", "password")}[self.method]
        missing = [name for name in needed if not params.get(name)]
        if not missing:
            check_latin1(**{name: params.get(name) for name in needed})
        if missing:
            raise ValidationError("auth_method=%s needs %s (set them as options, in module_defaults, or as VOS_%s "
                                  "environment variables)" % (self.method, ", ".join(missing), "/VOS_".join(m.upper() for m in missing)))

    def secrets(self) -> List[str]:
        return [s for s in (self.password, self.client_secret, self.token) if s]

    def login(self, http: HttpClient) -> None:
        if self.method != "basic":
            super().login(http)

    def apply(self, kwargs: Dict[str, Any]) -> None:
        if self.method == "basic":
            kwargs["auth"] = (self.username, self.password)
            return
        super().apply(kwargs)

    def apply_token(self, kwargs: Dict[str, Any], token: Optional[str]) -> None:
        kwargs["headers"]["Authorization"] = "Bearer %s" % token

    def refresh(self, http: HttpClient) -> bool:
        return self.method != "basic" and super().refresh(http)

    # ------------------------------------------------------------------ OAuth2
    def fetch_token(self, http: HttpClient) -> str:
        form: Dict[str, str] = {"grant_type": self.method}
        if self.method == "authorization_code":
            form["code"] = self._authorization_code(http)
            if self.redirect_uri:
                form["redirect_uri"] = self.redirect_uri
        try:
            response = http.request("POST", self.token_path, data=form, authenticate=False, write=False,
                                    extra={"auth": (self.client_id, self.client_secret)}, endpoint="token")
        except ApiError as exc:
            raise self._token_error(exc) from None
        body = decode_json(response)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not token:
            raise AuthenticationError("the token endpoint %s answered without an access_token" % self.token_path)
        return str(token)

    def _token_error(self, exc: ApiError) -> Exception:
        if exc.status in (400, 401, 403):
            return AuthenticationError(
                "VOS refused the OAuth2 client credentials at %s (HTTP %s): check client_id and client_secret "
                "(details: %s)" % (self.token_path, exc.status, exc.message), exc.details)
        if exc.status == 404:
            return AuthenticationError("no OAuth2 token endpoint at %s (HTTP 404): set token_path to the cluster's "
                                       "token endpoint, or use auth_method=basic" % self.token_path, exc.details)
        return exc

    def _authorization_code(self, http: HttpClient) -> str:
        params = {"client_id": self.client_id, "response_type": "code"}
        if self.redirect_uri:
            params["redirect_uri"] = self.redirect_uri
        try:
            response = http.request("GET", self.authorize_path, params=params, authenticate=False,
                                    extra={"auth": (self.username, self.password)}, expected=(301, 302, 303, 307),
                                    endpoint="authorize")
        except ApiError as exc:
            if exc.status in (401, 403):
                raise AuthenticationError("VOS refused username/password at %s (HTTP %s): check username and "
                                          "password" % (self.authorize_path, exc.status), exc.details) from None
            raise
        location = response.headers.get("Location", "")
        codes = parse_qs(urlparse(location).query).get("code")
        if not codes:
            raise AuthenticationError("%s redirected without an authorization code (Location: %s)" % (
                self.authorize_path, http.mask(location.split("?")[0])))
        return codes[0]


#: Labels of reference kinds in messages.
KIND_LABELS: Dict[str, str] = {"uplink_groups": "cloud link group", "images": "slate image"}


class VosClient(RestClient):
    """One VOS cluster, shared by every request of a module or inventory run.

    :param params: the connection options (see :data:`CONNECTION_SPEC`).
    :param check_mode: refuse every write.
    :param offline: build without a host, for ``state: rendered`` (no request is ever sent).
    :raises ValidationError: missing host or credentials, unknown ``endpoint_paths`` key.
    """

    def __init__(self, params: Mapping[str, Any], check_mode: bool = False, offline: bool = False) -> None:
        super().__init__(params, DEFAULT_PATHS, "VOS", "VOS", VosAuth, check_mode=check_mode, offline=offline)
        self.kind_labels = dict(KIND_LABELS)

    # ------------------------------------------------------------------ transport
    def call(self, method: str, kind: str, suffix: str = "", **kwargs: Any) -> Any:
        """Send one request to endpoint ``kind`` (plus ``suffix``, e.g. ``/<id>``) and return the decoded JSON.

        VOS answers bad credentials with 403 (not a missing permission), so it maps the statuses here rather than
        through :meth:`RestClient.request` (HMP and DMS).

        :raises AuthenticationError: HTTP 403 (VOS's answer to bad credentials) or a token refused twice.
        :raises ApiError: any other error status.
        :raises TransportError: unreachable device.
        """
        http = self.online()
        path = self.paths[kind] + suffix
        try:
            return decode_json(http.request(method, path, endpoint=kind, **kwargs))
        except ApiError as exc:
            if exc.status == 403:
                auth = self.auth if isinstance(self.auth, VosAuth) else None
                who = ("username %r" % auth.username) if auth and auth.method == "basic" else \
                    ("the token of client_id %r" % (auth.client_id if auth else None))
                raise AuthenticationError(
                    "VOS refused %s (HTTP 403 on %s %s): check the credentials, and that the user may access "
                    "this endpoint" % (who, method, path), exc.details) from None
            if exc.status == 401:
                raise AuthenticationError("VOS answered 401 to %s %s after a fresh login: the credentials or token "
                                          "are not accepted" % (method, path), exc.details) from None
            raise

    def get_list(self, kind: str, params: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
        """GET a collection: VOS answers a bare JSON array (confirmed).

        :raises ApiError: the answer is not an array.
        """
        body = self.call("GET", kind, params=params)
        if body is None:
            return []
        if not isinstance(body, list):
            raise ApiError("GET %s: expected a JSON array, got %s" % (self.paths[kind], type(body).__name__), status=200)
        return body

    def get_object(self, kind: str, params: Optional[Mapping[str, Any]] = None) -> Any:
        """GET a single JSON document of endpoint ``kind``."""
        return self.call("GET", kind, params=params)

    def list_cached(self, kind: str) -> List[Dict[str, Any]]:
        """:meth:`get_list` once per client run (facts share reads between subsets)."""
        return self.cached(kind, lambda: self.get_list(kind))  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ ResourceClient
    def list_items(self, kind: str) -> List[Dict[str, Any]]:
        return self.get_list(kind)

    def create_item(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        created: Dict[str, Any] = self.call("POST", kind, json_body=body) or {}
        return created

    def update_item(self, kind: str, ident: str, body: Dict[str, Any],
                    current: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        updated: Dict[str, Any] = self.call("PUT", kind, "/" + ident, json_body=body) or {}
        return updated

    def delete_item(self, kind: str, ident: str, current: Optional[Mapping[str, Any]] = None) -> None:
        self.call("DELETE", kind, "/" + ident, params=DELETE_PARAMS.get(kind))

    def item_name(self, kind: str, obj: Mapping[str, Any]) -> str:
        """Images have no name on VOS (confirmed fields: id, url): they are referenced by URL; users by username."""
        field = {"images": "url", "users": "username"}.get(kind, "name")
        return str(obj.get(field))

    def write_request(self, kind: str, operation: str, ident: Optional[str]) -> Tuple[str, str]:
        path = self.paths[kind]
        if operation == "create":
            return "POST", path
        if operation == "update":
            return "PUT", "%s/%s" % (path, ident)
        query = DELETE_PARAMS.get(kind)
        suffix = ("?" + "&".join("%s=%s" % kv for kv in sorted(query.items()))) if query else ""
        return "DELETE", "%s/%s%s" % (path, ident, suffix)


def resolve_paths(overrides: Optional[Mapping[str, Any]]) -> Dict[str, str]:
    """:data:`DEFAULT_PATHS` with the user's ``endpoint_paths`` applied (see :func:`..rest.resolve_paths`)."""
    return rest_resolve_paths(DEFAULT_PATHS, overrides, "VOS")


def client_factory(params: Mapping[str, Any], check_mode: bool, offline: bool = False) -> VosClient:
    """The :class:`~ansible_collections.broadcast.video.plugins.module_utils.module.Device` factory for VOS."""
    return VosClient(params, check_mode=check_mode, offline=offline)
