# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of every Harmonic VOS module (set them once with ``module_defaults: group/broadcast.video.vos``)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the VOS cluster (its RT or dashboard host name, or an IP address).
      - A URL with scheme, such as C(https://vos.example.com), is accepted too; its scheme then wins over O(use_ssl).
      - Required, except when a resource module only renders request bodies offline (C(state=rendered)).
      - Falls back to the E(VOS_HOST) environment variable.
    type: str
  port:
    description:
      - TCP port of the VOS REST API. Falls back to E(VOS_PORT).
    type: int
    default: 443
  use_ssl:
    description:
      - Use HTTPS (the default, as VOS clusters do). V(false) only for a lab simulator over plain HTTP.
      - Falls back to E(VOS_USE_SSL).
    type: bool
    default: true
  validate_certs:
    description:
      - Verify the cluster's TLS certificate. Set V(false) only for lab clusters with self-signed certificates;
        prefer O(ca_path). Falls back to E(VOS_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the CA (or CA bundle) that signed the cluster's certificate, used instead of the system store.
      - Falls back to E(VOS_CA_PATH).
    type: path
  auth_method:
    description:
      - How to authenticate.
      - V(client_credentials) sends O(client_id) and O(client_secret) to the token endpoint (HTTP Basic client
        authentication, form body C(grant_type=client_credentials)) and uses the bearer token; the method the vendor
        recommends.
      - V(authorization_code) gets a code from C(/oauth/authorize) with O(username) and O(password) (HTTP Basic),
        then exchanges it at the token endpoint with O(client_id) and O(client_secret).
      - V(basic) sends O(username) and O(password) as HTTP Basic on every request, as VOS 1.3.x accepts.
      - When not set, V(client_credentials) is used if O(client_id) is given without O(username),
        V(authorization_code) if both are given, else V(basic). Falls back to E(VOS_AUTH_METHOD).
      - A token is requested once per task and renewed once if the cluster answers 401.
    type: str
    choices: [client_credentials, authorization_code, basic]
  username:
    description:
      - VOS user name, for O(auth_method=basic) and O(auth_method=authorization_code). Falls back to E(VOS_USERNAME).
    type: str
  password:
    description:
      - Password of O(username). Never logged or returned. Falls back to E(VOS_PASSWORD).
    type: str
  client_id:
    description:
      - OAuth2 client id of an app registered in the VOS web UI (Client Apps). Falls back to E(VOS_CLIENT_ID).
    type: str
  client_secret:
    description:
      - OAuth2 client secret of O(client_id). Never logged or returned. Falls back to E(VOS_CLIENT_SECRET).
    type: str
  token_path:
    description:
      - Path of the OAuth2 token endpoint. C(/oauth/token) is documented for VOS360; set the path your cluster uses
        if it differs.
    type: str
    default: /oauth/token
  authorize_path:
    description:
      - Path of the OAuth2 authorization endpoint used by O(auth_method=authorization_code).
    type: str
    default: /oauth/authorize
  redirect_uri:
    description:
      - Redirect URI registered for O(client_id), sent with the authorization-code grant when set.
    type: str
  timeout:
    description:
      - Read timeout of each request, in seconds.
    type: float
    default: 30.0
  connect_timeout:
    description:
      - Connect timeout of each request, in seconds.
    type: float
    default: 10.0
  retries:
    description:
      - How many times a safe request (GET, PUT, DELETE) is retried after a connection error or an HTTP 502, 503,
        504 or 429, with exponential backoff (0.5 s, 1 s, 2 s...) and honouring C(Retry-After). A POST is never
        retried blindly. V(0) disables retries.
    type: int
    default: 3
  max_workers:
    description:
      - Most requests sent at once (independent reads and writes run concurrently up to this bound); also the size
        of the connection pool.
    type: int
    default: 4
  endpoint_paths:
    description:
      - "Corrections to the API paths, as a dict of endpoint key to path, for example
        C({nodes: /vos-api/k8s/v1/pods}). Keys are C(services), C(sources), C(destinations), C(images),
        C(profiles), C(uplinks), C(uplink_groups), C(uplink_status), C(notifications), C(users), C(system_info),
        C(networks), C(rf_monitorings), C(rf_statistics), C(rf_settings), C(notification_types), C(nodes),
        C(origin_engine), C(origin_engine_servers) and C(scte_logs)."
      - The paths of nodes, origin engine, SCTE logs and notification types are modeled (no public source); see the
        collection's docs/vos.md for which paths are confirmed.
    type: dict
notes:
  - Set the connection options once per play with C(module_defaults) and the C(group/broadcast.video.vos) action group.
  - Modules run where the task runs (usually C(localhost) or a jump host); that machine needs the Python library
    C(requests).
requirements:
  - requests >= 2.25
"""
