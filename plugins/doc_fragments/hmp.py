# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of every Haivision Media Platform module (set them once with ``module_defaults: group/broadcast.video.hmp``)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the Haivision Media Platform server, given without scheme (for example C(hmp.example.com)) or as
        an IP address.
      - A URL with scheme, such as C(https://hmp.example.com), is accepted too; its scheme then wins over O(use_ssl)
        and a port in the URL wins over O(port).
      - Required, except when a resource module only renders request bodies offline (C(state=rendered)).
      - Falls back to the E(HMP_HOST) environment variable.
    type: str
  port:
    description:
      - TCP port of the HMP REST API (under C(/apis/)). HMP serves HTTPS on 443. Falls back to E(HMP_PORT).
    type: int
    default: 443
  use_ssl:
    description:
      - Use HTTPS (the default, as HMP servers do). V(false) only for a lab server or simulator over plain HTTP.
      - Falls back to E(HMP_USE_SSL).
    type: bool
    default: true
  validate_certs:
    description:
      - Verify the server's TLS certificate. HMP servers often run with self-signed certificates; prefer O(ca_path)
        to V(false), which is meant for lab servers only. Falls back to E(HMP_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the CA (or CA bundle) that signed the server's certificate, used instead of the system store.
      - Falls back to E(HMP_CA_PATH).
    type: path
  auth_method:
    description:
      - How to log in.
      - V(session) posts O(username) and O(password) to C(/apis/authentication/login) and sends the session it
        answers as the C(calypso-session-id) cookie on every request (local and LDAP users, all HMP versions).
      - "V(api_key) posts O(api_key) and O(api_secret) to C(/apis/authentication/login/key) and sends the token it
        answers as C(Authorization: Bearer) (HMP 4.1 and later; the token is valid 30 minutes)."
      - When not set, V(api_key) is used if O(api_key) is given without O(username), else V(session).
        Falls back to E(HMP_AUTH_METHOD).
      - A task logs in once, logs in once more if the server answers 401 (the session or token expired), and logs
        out (C(DELETE /apis/authentication/login)) when it ends, so no session is left open on the server.
    type: str
    choices: [session, api_key]
  username:
    description:
      - HMP user name for O(auth_method=session), for example C(haiadmin). The user needs a role with the
        permissions the module uses. Falls back to E(HMP_USERNAME).
    type: str
  password:
    description:
      - Password of O(username). Never logged or returned. Falls back to E(HMP_PASSWORD).
    type: str
  api_key:
    description:
      - API key of an identity-provider user, for O(auth_method=api_key) (HMP 4.1 and later). Never logged or
        returned. Falls back to E(HMP_API_KEY).
    type: str
  api_secret:
    description:
      - Secret of O(api_key). Never logged or returned. Falls back to E(HMP_API_SECRET).
      - The bearer token obtained with it is valid 30 minutes; a longer task logs in again after the 401.
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
      - Most requests sent at once (independent reads, the pages of a long list and the writes of one run go
        concurrently up to this bound); also the size of the connection pool.
    type: int
    default: 4
  endpoint_paths:
    description:
      - "Corrections to the API paths, as a dict of endpoint key to path, for example
        C({videos: /apis/assets}). Keys are C(login), C(login_key), C(system_version), C(users), C(groups),
        C(sources), C(sessions), C(recordings), C(videos), C(categories), C(streams) and C(devices)."
      - Every default path is the one Haivision's HMP REST API guide documents (C(/apis/...)); sub-resources
        (session sources, events, recordings of a session, streams of a video, set-top box commands) are built
        below them.
    type: dict
notes:
  - Set the connection options once per play with C(module_defaults) and the C(group/broadcast.video.hmp) action group.
  - Modules run where the task runs (usually C(localhost) or a jump host); that machine needs the Python library
    C(requests).
  - HMP wraps every answer in C(data) and answers an empty list with HTTP 404 and code C(040012) (NoResults); the
    modules read that as an empty list. Long lists are read page by page (100 per page), pages concurrently.
requirements:
  - requests >= 2.25
"""
