# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of the Harmonic DMS plugins (inventory, lookups): the same options as the
    modules' ``broadcast.video.dms`` fragment, read from the plugin's configuration file or from ``DMS_*``
    environment variables (``env:`` entries, since the modules' ``fallback`` does not apply to plugins)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the Harmonic DMS server (a host name or an IP address).
      - A URL with scheme, such as C(https://dms.example.com), is accepted too; its scheme then wins over O(use_ssl)
        and a port in the URL wins over O(port).
      - Required. May be a template (for example a lookup).
    type: str
    env:
      - name: DMS_HOST
  port:
    description:
      - TCP port of the DMS REST API.
    type: int
    default: 443
    env:
      - name: DMS_PORT
  use_ssl:
    description:
      - Use HTTPS (the default). V(false) only for a lab server or simulator over plain HTTP.
    type: bool
    default: true
    env:
      - name: DMS_USE_SSL
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set V(false) only for lab servers with self-signed certificates;
        prefer O(ca_path).
    type: bool
    default: true
    env:
      - name: DMS_VALIDATE_CERTS
  ca_path:
    description:
      - PEM file of the CA (or CA bundle) that signed the server's certificate, used instead of the system store.
    type: path
    env:
      - name: DMS_CA_PATH
  username:
    description:
      - DMS user name. May be a template.
    type: str
    env:
      - name: DMS_USERNAME
  password:
    description:
      - Password of O(username). Never logged or shown in errors.
      - May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: DMS_PASSWORD
  page_size:
    description:
      - Devices asked per page; V(1) to V(1000). Fewer, larger pages cost fewer round trips.
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
      - "Corrections to the modeled API paths, as a dict of endpoint key to a path or to C({path: ..., enabled:
        false}). The keys are those of the modules' C(endpoint_paths) option; the inventory reads C(login),
        C(groups) and C(devices)."
    type: dict
requirements:
  - requests >= 2.25 (on the controller)
"""
