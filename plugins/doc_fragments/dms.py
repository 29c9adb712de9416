# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of every Harmonic DMS module (set them once with ``module_defaults: group/broadcast.video.dms``)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the Harmonic DMS (Distribution Management System) server, given without scheme (for example
        C(dms.example.com)) or as an IP address.
      - A URL with scheme, such as C(https://dms.example.com), is accepted too; its scheme then wins over O(use_ssl)
        and a port in the URL wins over O(port).
      - Required, except when a resource module only renders request bodies offline (C(state=rendered)).
      - Falls back to the E(DMS_HOST) environment variable.
    type: str
  port:
    description:
      - TCP port of the DMS REST API. Falls back to E(DMS_PORT).
    type: int
    default: 443
  use_ssl:
    description:
      - Use HTTPS (the default). V(false) only for a lab server or simulator over plain HTTP.
      - Falls back to E(DMS_USE_SSL).
    type: bool
    default: true
  validate_certs:
    description:
      - Verify the server's TLS certificate. Prefer O(ca_path) to V(false), which is meant for lab servers only.
        Falls back to E(DMS_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the CA (or CA bundle) that signed the server's certificate, used instead of the system store.
      - Falls back to E(DMS_CA_PATH).
    type: path
  username:
    description:
      - DMS user name (the monitoring connector's Login page asks for the same). Falls back to E(DMS_USERNAME).
      - "A task logs in once (C(POST /api/v1/auth/login), modeled), sends the token it gets as
        C(Authorization: Bearer), and logs in once more if the server answers 401 (the token expired)."
    type: str
  password:
    description:
      - Password of O(username). Never logged or returned. Falls back to E(DMS_PASSWORD).
    type: str
  page_size:
    description:
      - Items asked per page when reading a collection (devices, alarms...); V(1) to V(1000). Once the first page
        tells the page count, the other pages are read concurrently (at most O(max_workers) at once).
    type: int
    default: 1000
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
      - How many times a safe request (GET, DELETE) is retried after a connection error or an HTTP 502, 503,
        504 or 429, with exponential backoff (0.5 s, 1 s, 2 s...) and honouring C(Retry-After). A POST or PATCH is
        never retried blindly. V(0) disables retries.
    type: int
    default: 3
  max_workers:
    description:
      - Most requests sent at once (independent reads, the pages of a long list and the writes of one run go
        concurrently up to this bound); also the size of the connection pool.
    type: int
    default: 4
  endpoint_paths:
    description:
      - "The DMS REST API is modeled (Harmonic publishes no paths): correct it here without changing code, as the
        monitoring connector's API Endpoint Status table does. A dict of endpoint key to a path
        (C({devices: /dms/rest/v2/devices})) or to C({path: ..., enabled: false})."
      - "Keys: C(login), C(system), C(devices), C(device_commands), C(groups), C(authorizations), C(destinations),
        C(alarms), C(firmware). Default paths are under C(/api/v1/); the docs' C(dms-api.md) describes each."
      - "A switched-off (C(enabled: false)) endpoint is never requested; its facts subset is empty with a warning,
        and a module that needs it fails with a message naming the key."
    type: dict
notes:
  - Set the connection options once per play with C(module_defaults) and the C(group/broadcast.video.dms) action group.
  - Modules run where the task runs (usually C(localhost) or a jump host); that machine needs the Python library
    C(requests).
  - The DMS REST API wire format (paths, fields, paging) is modeled, not taken from Harmonic documentation; see the
    collection's C(docs/dms.md) for what is confirmed and how to correct the rest.
requirements:
  - requests >= 2.25
"""
