# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start-up settings of the Electra XT simulator, importable without pysnmp (``serve.py`` imports every device's
``device.py`` to build its command line, so only starting ``electra`` needs pysnmp)."""

from __future__ import annotations

from dataclasses import dataclass

AUTH_PROTOCOL_NAMES = ("none", "md5", "sha", "sha224", "sha256", "sha384", "sha512")
PRIV_PROTOCOL_NAMES = ("none", "des", "3des", "aes", "aes192", "aes256")


@dataclass
class ElectraSettings:
    """HTTP credentials, population size and seed."""

    username: str = "admin"
    password: str = "electra-password"
    jobs: int = 12
    nodes: int = 3
    seed: int = 1


@dataclass
class SnmpSettings:
    """Agent options: host and port (0: OS-chosen), communities, the v3 user, latency (ms) and the engine id seed."""

    host: str = "127.0.0.1"
    port: int = 1161
    community: str = "public"
    set_community: str = "private"
    v3_user: str = "electra-v3"
    v3_auth_protocol: str = "sha"
    v3_auth_key: str = "electra-auth-key"
    v3_priv_protocol: str = "aes"
    v3_priv_key: str = "electra-priv-key"
    latency_ms: float = 0.0
    seed: int = 1
