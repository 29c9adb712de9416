# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Server TLS from a throw-away test CA made by ``trustme`` (imported only when ``--tls`` is used)."""

from __future__ import annotations

import os
import ssl
import tempfile

CERT_NAMES = ("127.0.0.1", "localhost", "::1")


def make_server_context(cert_dir: str | None) -> tuple[ssl.SSLContext, str, str | None]:
    """Create a CA and a server certificate for 127.0.0.1, localhost and ::1.

    Writes the CA certificate as PEM to ``<cert_dir>/ca.pem`` (a new temporary directory when ``cert_dir`` is None).
    Returns ``(server SSLContext, path of ca.pem, temporary directory to remove at exit or None)``.
    """
    import trustme  # pylint: disable=import-outside-toplevel,import-error

    created: str | None = None
    if cert_dir is None:
        cert_dir = created = tempfile.mkdtemp(prefix="sim-ca-")
    os.makedirs(cert_dir, exist_ok=True)
    ca = trustme.CA()
    server_cert = ca.issue_cert(*CERT_NAMES)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    server_cert.configure_cert(context)
    ca_path = os.path.join(cert_dir, "ca.pem")
    tmp_path = ca_path + ".tmp"
    ca.cert_pem.write_to_path(tmp_path)
    os.replace(tmp_path, ca_path)
    return context, os.path.abspath(ca_path), created
