# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of the Harmonic VOS plugins (inventory, lookups): the same options as the modules'
    ``broadcast.video.vos`` fragment, read from the plugin's configuration file or from ``VOS_*`` environment
    variables (``env:`` entries, since the modules' ``fallback`` does not apply to plugins)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the VOS cluster (its RT or dashboard host name, or an IP address).
      - A URL with scheme, such as C(https://vos.example.com), is accepted too; its scheme then wins over O(use_ssl).
      - Required. May be a template (for example a lookup).
    type: str
    env:
      - name: VOS_HOST
  port:
    description:
      - TCP port of the VOS REST API.
    type: int
    default: 443
    env:
      - name: VOS_PORT
  use_ssl:
    description:
      - Use HTTPS (the default, as VOS clusters do). V(false) only for a lab simulator over plain HTTP.
    type: bool
    default: true
    env:
      - name: VOS_USE_SSL
  validate_certs:
    description:
      - Verify the cluster's TLS certificate. Set V(false) only for lab clusters with self-signed certificates;
        prefer O(ca_path).
    type: bool
    default: true
    env:
      - name: VOS_VALIDATE_CERTS
  ca_path:
    description:
      - PEM file of the CA (or CA bundle) that signed the cluster's certificate, used instead of the system store.
    type: path
    env:
      - name: VOS_CA_PATH
  auth_method:
    description:
      - How to authenticate.
      - V(client_credentials) sends O(client_id) and O(client_secret) to the token endpoint and uses the bearer
        token; the method the vendor recommends.
      - V(authorization_code) gets a code from C(/oauth/authorize) with O(username) and O(password) (HTTP Basic),
        then exchanges it at the token endpoint with O(client_id) and O(client_secret).
      - V(basic) sends O(username) and O(password) as HTTP Basic on every request, as VOS 1.3.x accepts.
      - When not set, V(client_credentials) is used if O(client_id) is given without O(username),
        V(authorization_code) if both are given, else V(basic).
      - A token is requested once per inventory run and renewed once if the cluster answers 401.
    type: str
    choices: [client_credentials, authorization_code, basic]
    env:
      - name: VOS_AUTH_METHOD
  username:
    description:
      - VOS user name, for O(auth_method=basic) and O(auth_method=authorization_code). May be a template.
    type: str
    env:
      - name: VOS_USERNAME
  password:
    description:
      - Password of O(username). Never logged or shown in errors.
      - May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: VOS_PASSWORD
  client_id:
    description:
      - OAuth2 client id of an app registered in the VOS web UI (Client Apps). May be a template.
    type: str
    env:
      - name: VOS_CLIENT_ID
  client_secret:
    description:
      - OAuth2 client secret of O(client_id). Never logged or shown in errors.
      - May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: VOS_CLIENT_SECRET
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
      - How many times a read is retried after a connection error or an HTTP 502, 503, 504 or 429, with exponential
        backoff (0.5 s, 1 s, 2 s...) and honouring C(Retry-After). V(0) disables retries.
    type: int
    default: 3
  max_workers:
    description:
      - Most requests sent at once (independent reads run concurrently up to this bound); also the size of the
        connection pool.
    type: int
    default: 4
  endpoint_paths:
    description:
      - "Corrections to the API paths, as a dict of endpoint key to path, for example
        C({nodes: /vos-api/k8s/v1/pods}). The keys are those of the modules' O(broadcast.video.vos_facts#module:endpoint_paths)
        option; the inventory reads C(uplinks), C(uplink_groups), C(uplink_status), C(nodes) and C(services)."
      - The path of nodes is modeled (no public source); see the collection's docs/vos.md.
    type: dict
requirements:
  - requests >= 2.25 (on the controller)
"""
