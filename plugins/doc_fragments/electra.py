# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options of every Harmonic Electra XT module (set them once with
    ``module_defaults: group/broadcast.video.electra``)."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the Harmonic Electra XT system (its management address), a host name or an IP address, without
        scheme. SNMP goes to it on O(snmp_port) (UDP), the HTTP interface on O(port) (TCP).
      - Falls back to the E(ELECTRA_HOST) environment variable.
    type: str
  port:
    description:
      - TCP port of the HTTP interface (the monitoring connector's example is port 80). Falls back to E(ELECTRA_PORT).
    type: int
    default: 80
  use_ssl:
    description:
      - Use HTTPS for the HTTP interface. The default is plain HTTP, as the monitoring connector's interface.
        Falls back to E(ELECTRA_USE_SSL).
    type: bool
    default: false
  validate_certs:
    description:
      - With O(use_ssl), verify the device's TLS certificate. Prefer O(ca_path) to V(false), which is meant for lab
        devices only. Falls back to E(ELECTRA_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the CA that signed the device's certificate, used instead of the system store.
        Falls back to E(ELECTRA_CA_PATH).
    type: path
  username:
    description:
      - User name of the HTTP interface (HTTP Basic authentication), needed only by what uses HTTP (job control,
        M(broadcast.video.electra_jobs)). Falls back to E(ELECTRA_USERNAME).
    type: str
  password:
    description:
      - Password of O(username). Never logged or returned. Falls back to E(ELECTRA_PASSWORD).
    type: str
  snmp_port:
    description:
      - UDP port of the SNMP agent. Falls back to E(ELECTRA_SNMP_PORT).
    type: int
    default: 161
  snmp_version:
    description:
      - V(v2c) reads with O(community); V(v3) uses the SNMPv3 user O(v3_user) (USM), for sites that forbid
        community strings. Falls back to E(ELECTRA_SNMP_VERSION).
    type: str
    choices: [v2c, v3]
    default: v2c
  community:
    description:
      - SNMP v2c get community. C(public) when not given (the monitoring connector's default get community).
        The set community (C(private)) is never needed, as nothing is written over SNMP.
      - Never logged or returned; note that Ansible then hides this word in every output of the task.
      - A v2c agent does not answer a community it does not know, so a wrong community ends in a timeout whose
        message names the community as the likely cause. Falls back to E(ELECTRA_COMMUNITY).
    type: str
  v3_user:
    description:
      - SNMPv3 USM user name (O(snmp_version=v3)). Falls back to E(ELECTRA_V3_USER).
    type: str
  v3_auth_protocol:
    description:
      - SNMPv3 authentication protocol.
    type: str
    choices: [md5, sha, sha224, sha256, sha384, sha512]
    default: sha
  v3_auth_key:
    description:
      - SNMPv3 authentication pass phrase (at least 8 characters). Without it the user is used without
        authentication (noAuthNoPriv). Never logged or returned. Falls back to E(ELECTRA_V3_AUTH_KEY).
    type: str
  v3_priv_protocol:
    description:
      - SNMPv3 privacy (encryption) protocol.
    type: str
    choices: [des, 3des, aes, aes192, aes256]
    default: aes
  v3_priv_key:
    description:
      - SNMPv3 privacy pass phrase (at least 8 characters; needs O(v3_auth_key)). With both keys the requests are
        authenticated and encrypted (authPriv); with O(v3_auth_key) only, authenticated (authNoPriv).
        Never logged or returned. Falls back to E(ELECTRA_V3_PRIV_KEY).
    type: str
  snmp_timeout:
    description:
      - Seconds to wait for each SNMP answer before sending the request again.
    type: float
    default: 2.0
  snmp_retries:
    description:
      - SNMP requests sent again after a timeout (so O(snmp_retries) + 1 attempts); V(0) to V(10).
    type: int
    default: 2
  max_repetitions:
    description:
      - Rows of every column asked in each SNMP GETBULK request (V(1) to V(200)). A table is read with GETBULK over
        all its columns at once, so 2,000 jobs take some 80 round trips at the default, where a GETNEXT walk takes
        18,000. Lower it for an agent that answers C(tooBig) or drops large answers.
    type: int
    default: 25
  profile:
    description:
      - "The OID profile: which OIDs hold the Electra tables (nodes, workflows, jobs, job parameters, active alarms,
        active logs), with their column types. No Electra MIB is public: the built-in default is a B(model) under
        the placeholder arc C(1.3.6.1.4.1.32473.1) (IANA's documentation enterprise number), not Harmonic's."
      - Give the path of a YAML or JSON profile file (the collection ships the default as
        C(profiles/electra/default.yml) to copy and correct from the vendor's MIB), or the profile itself as a dict.
        A profile with C(extends) set to C(default) replaces only the tables it lists. Format in the collection's
        C(docs/electra.md). Falls back to E(ELECTRA_PROFILE).
      - The standard objects (SNMPv2-MIB system group, HOST-RESOURCES-MIB C(hrSystemDate) and C(hrStorageTable))
        are not part of a profile.
    type: raw
  timeout:
    description:
      - Read timeout of each HTTP request, in seconds.
    type: float
    default: 30.0
  connect_timeout:
    description:
      - Connect timeout of each HTTP request, in seconds.
    type: float
    default: 10.0
  retries:
    description:
      - How many times a safe HTTP request (GET) is retried after a connection error or an HTTP 502, 503, 504 or 429,
        with exponential backoff. A POST or PATCH is never retried blindly. V(0) disables retries.
    type: int
    default: 3
  max_workers:
    description:
      - Most HTTP requests sent at once (the writes of one run and the reads before them go concurrently up to this
        bound). SNMP tables are read concurrently in one session regardless.
    type: int
    default: 4
  endpoint_paths:
    description:
      - "The HTTP interface is modeled (no Electra XT HTTP path is public): correct it here without changing code.
        A dict of endpoint key to a path (C({jobs: /rest/jobs})) or to C({path: ..., enabled: false}); C({id}) in a
        path is the job's id."
      - "Keys: C(jobs) (C(/api/v1/jobs)), C(job) (C(/api/v1/jobs/{id})), C(job_start), C(job_stop),
        C(job_parameters) (C(/api/v1/jobs/{id}/start), C(/stop), C(/parameters))."
    type: dict
notes:
  - Set the connection options once per play with C(module_defaults) and the C(group/broadcast.video.electra)
    action group.
  - Modules run where the task runs (usually C(localhost) or a jump host); that machine needs the Python libraries
    C(pysnmp) (SNMP) and C(requests) (HTTP).
  - What is confirmed about Electra XT management (SNMP with communities C(public)/C(private), an HTTP interface
    with a username and password, the tables the monitoring connector shows) and what is modeled (every Electra
    OID, the HTTP paths and fields) is described in the collection's C(docs/electra.md).
requirements:
  - pysnmp >= 7.1
  - requests >= 2.25
"""
