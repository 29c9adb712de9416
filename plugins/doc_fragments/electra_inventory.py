# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """SNMP connection options of the Harmonic Electra XT plugins (inventory): the SNMP options of the modules'
    ``broadcast.video.electra`` fragment, read from the plugin's configuration file or from ``ELECTRA_*``
    environment variables (``env:`` entries, since the modules' ``fallback`` does not apply to plugins). The HTTP
    options are left out: the plugins read everything over SNMP."""

    DOCUMENTATION = r"""
options:
  host:
    description:
      - Address of the Harmonic Electra XT system (its management address), a host name or an IP address, without
        scheme. SNMP goes to it on O(snmp_port) (UDP).
      - Required. May be a template (for example a lookup).
    type: str
    env:
      - name: ELECTRA_HOST
  snmp_port:
    description:
      - UDP port of the SNMP agent.
    type: int
    default: 161
    env:
      - name: ELECTRA_SNMP_PORT
  snmp_version:
    description:
      - V(v2c) reads with O(community); V(v3) uses the SNMPv3 user O(v3_user) (USM), for sites that forbid
        community strings.
    type: str
    choices: [v2c, v3]
    default: v2c
    env:
      - name: ELECTRA_SNMP_VERSION
  community:
    description:
      - SNMP v2c get community. C(public) when not given (the monitoring connector's default get community).
        Nothing is written over SNMP, so the set community is never needed.
      - Never logged or shown in errors. May be vault-encrypted (C(!vault)) or a template such as a lookup.
      - A v2c agent does not answer a community it does not know, so a wrong community ends in a timeout whose
        message names the community (not its value) as the likely cause.
    type: str
    env:
      - name: ELECTRA_COMMUNITY
  v3_user:
    description:
      - SNMPv3 USM user name (O(snmp_version=v3)). May be a template.
    type: str
    env:
      - name: ELECTRA_V3_USER
  v3_auth_protocol:
    description:
      - SNMPv3 authentication protocol.
    type: str
    choices: [md5, sha, sha224, sha256, sha384, sha512]
    default: sha
  v3_auth_key:
    description:
      - SNMPv3 authentication pass phrase (at least 8 characters). Without it the user is used without
        authentication (noAuthNoPriv).
      - Never logged or shown in errors. May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: ELECTRA_V3_AUTH_KEY
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
      - Never logged or shown in errors. May be vault-encrypted (C(!vault)) or a template such as a lookup.
    type: str
    env:
      - name: ELECTRA_V3_PRIV_KEY
  snmp_timeout:
    description:
      - Seconds to wait for each SNMP answer before sending the request again (greater than 0, at most 600).
    type: float
    default: 2.0
  snmp_retries:
    description:
      - SNMP requests sent again after a timeout (so O(snmp_retries) + 1 attempts); V(0) to V(10).
    type: int
    default: 2
  max_repetitions:
    description:
      - Rows of every column asked in each SNMP GETBULK request (V(1) to V(200)). Lower it for an agent that
        answers C(tooBig) or drops large answers.
    type: int
    default: 25
  profile:
    description:
      - "The OID profile: which OIDs hold the Electra tables, with their column types. No Electra MIB is public:
        the built-in default is a B(model) under the placeholder arc C(1.3.6.1.4.1.32473.1) (IANA's documentation
        enterprise number), not Harmonic's."
      - Give the path of a YAML or JSON profile file (the collection ships the default as
        C(profiles/electra/default.yml) to copy and correct from the vendor's MIB), or the profile itself as a
        mapping. A relative path is looked up next to the configuration file first, then in the current directory.
    type: raw
    env:
      - name: ELECTRA_PROFILE
requirements:
  - pysnmp >= 7.1 (on the controller)
"""
