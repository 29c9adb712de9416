# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of the Haivision Media Platform plugins (inventory, lookups): the same options as the
    modules' ``broadcast.video.hmp`` fragment, read from the plugin's configuration file or from ``HMP_*``
    environment variables (``env:`` entries, since the modules' ``fallback`` does not apply to plugins)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the Haivision Media Platform server (a host name or an IP address).
      - A URL with scheme, such as C(https://hmp.example.com), is accepted too; its scheme then wins over O(use_ssl)
        and a port in the URL wins over O(port).
      - Required. May be a template (for example a lookup).
    type: str
    env:
      - name: HMP_HOST
  port:
    description:
      - TCP port of the HMP REST API (under C(/apis/)).
    type: int
    default: 443
    env:
      - name: HMP_PORT
  use_ssl:
    description:
      - Use HTTPS (the default, as HMP servers do). V(false) only for a lab server or simulator over plain HTTP.
    type: bool
    default: true
    env:
      - name: HMP_USE_SSL
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set V(false) only for lab servers with self-signed certificates;
        prefer O(ca_path).
    type: bool
    default: true
    env:
      - name: HMP_VALIDATE_CERTS
  ca_path:
    description:
      - PEM file of the CA (or CA bundle) that signed the server's certificate, used instead of the system store.
    type: path
    env:
      - name: HMP_CA_PATH
  auth_method:
    description:
      - How to log in.
      - V(session) posts O(username) and O(password) to C(/apis/authentication/login) and sends the session it
        answers as the C(calypso-session-id) cookie (local and LDAP users, all HMP versions).
      - "V(api_key) posts O(api_key) and O(api_secret) to C(/apis/authentication/login/key) and sends the token it
        answers as C(Authorization: Bearer) (HMP 4.1 and later)."
      - When not set, V(api_key) is used if O(api_key) is given without O(username), else V(session).
      - One login per inventory run, one more if the server answers 401; the session is logged out at the end.
    type: str
    choices: [session, api_key]
    env:
      - name: HMP_AUTH_METHOD
  username:
    description:
      - HMP user name for O(auth_method=session). May be a template.
    type: str
    env:
      - name: HMP_USERNAME
  password:
    description:
      - Password of O(username). Never logged or shown in errors.
      - May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: HMP_PASSWORD
  api_key:
    description:
      - API key of an identity-provider user, for O(auth_method=api_key) (HMP 4.1 and later). Never logged or shown
        in errors.
      - May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: HMP_API_KEY
  api_secret:
    description:
      - Secret of O(api_key). Never logged or shown in errors.
      - May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: HMP_API_SECRET
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
      - Most requests sent at once (the pages of a long list are read concurrently up to this bound); also the size
        of the connection pool.
    type: int
    default: 4
  endpoint_paths:
    description:
      - "Corrections to the API paths, as a dict of endpoint key to path, for example
        C({devices: /apis/devices/stbs}). The keys are those of the modules' C(endpoint_paths) option; the inventory
        reads C(login) (or C(login_key)) and C(devices)."
      - Every default path is the one Haivision's HMP REST API guide documents (C(/apis/...)).
    type: dict
requirements:
  - requests >= 2.25 (on the controller)
"""
