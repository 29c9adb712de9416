# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/transport.py against a tiny scripted HTTP(S) server on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import json
import re
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, CheckModeWriteError, TransportError, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.transport import (
    MASK, MAX_RETRY_AFTER, AuthHandler, EndpointStats, HttpClient, _retry_after_seconds, decode_json, default_error_parser, dumps)

DROP = "drop"
HANG = "hang"


def reply(status=200, body=None, headers=None, raw=None):
    """A scripted answer: JSON ``body`` (or ``raw`` bytes/text) with ``status`` and extra ``headers``."""
    return {"status": status, "body": body, "headers": dict(headers or {}), "raw": raw}


class ScriptedServer(ThreadingHTTPServer):
    """Answers each ``(method, path)`` with the next scripted reply (the last one repeats); logs every request."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, ssl_context=None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.ssl_context = ssl_context
        self.scripts = {}
        self.requests = []
        self.lock = threading.Lock()
        self.release = threading.Event()

    def script(self, method, path, *replies):
        self.scripts[(method, path)] = list(replies)

    def next_reply(self, method, path):
        with self.lock:
            replies = self.scripts.get((method, path)) or [reply(404, {"message": "no script for %s %s" % (method, path)})]
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def attempts(self, method=None, path=None):
        return len([r for r in self.requests if (method is None or r["method"] == method) and (path is None or r["path"] == path)])

    def get_request(self):
        sock, address = super().get_request()
        if self.ssl_context is not None:
            sock = self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address):
        """Handshake failures and dropped connections are part of the tests: stay quiet."""

    @property
    def url(self):
        return "%s://127.0.0.1:%d" % ("https" if self.ssl_context else "http", self.server_address[1])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silence the access log."""

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _sep, query = self.path.partition("?")
        server = self.server
        with server.lock:
            server.requests.append({"method": self.command, "path": path, "query": query, "headers": dict(self.headers),
                                    "body": body.decode("utf-8", "replace")})
        answer = server.next_reply(self.command, path)
        if answer == DROP:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if answer == HANG:
            server.release.wait(10)
            self.close_connection = True
            return
        if answer["raw"] is not None:
            data = answer["raw"] if isinstance(answer["raw"], bytes) else answer["raw"].encode("utf-8")
            content_type = "text/plain"
        elif answer["body"] is not None:
            data = json.dumps(answer["body"]).encode("utf-8")
            content_type = "application/json"
        else:
            data, content_type = b"", None
        self.send_response(answer["status"])
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in answer["headers"].items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle


def _serve(ssl_context=None):
    server = ScriptedServer(ssl_context)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread):
    server.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server():
    srv, thread = _serve()
    yield srv
    _stop(srv, thread)


@pytest.fixture(scope="module")
def tls():
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return ca, context


@pytest.fixture
def tls_server(tls, tmp_path):
    ca, context = tls
    ca_path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    srv, thread = _serve(context)
    srv.ca_path = str(ca_path)
    yield srv
    _stop(srv, thread)


def client_for(srv, **kwargs):
    kwargs.setdefault("backoff_factor", 0)
    kwargs.setdefault("timeout", 5)
    return HttpClient(srv.url, **kwargs)


class RecordingAuth(AuthHandler):
    """Adds ``X-Token``; ``refresh`` swaps the token once and answers ``refresh_result``."""

    def __init__(self, refresh_result=True, secret="s3cret-pw"):
        self.token = "token-1"
        self.secret = secret
        self.refresh_result = refresh_result
        self.calls = []
        self.lock = threading.Lock()

    def login(self, http):
        with self.lock:
            self.calls.append("login")

    def apply(self, kwargs):
        kwargs["headers"]["X-Token"] = self.token

    def refresh(self, http):
        self.calls.append("refresh")
        self.token = "token-2"
        return self.refresh_result

    def logout(self, http):
        self.calls.append("logout")

    def secrets(self):
        return [self.secret]


# ---------------------------------------------------------------------------------------------- basics
def test_get_json_sends_params_headers_and_logs(server):
    server.script("GET", "/items", reply(200, [{"id": 1}]))
    http = client_for(server)
    assert http.get_json("/items", params={"a": "b"}, headers={"X-Extra": "1"}, endpoint="items") == [{"id": 1}]
    seen = server.requests[0]
    assert seen["query"] == "a=b" and seen["headers"]["X-Extra"] == "1"
    assert seen["headers"]["Accept"] == "application/json" and seen["headers"]["User-Agent"] == "broadcast.video-ansible"
    assert http.stats.as_dict() == {"items": {"calls": 1, "errors": 0}}
    assert len(http.log) == 1 and http.log[0]["method"] == "GET" and http.log[0]["path"] == "/items" and http.log[0]["status"] == 200
    assert isinstance(http.log[0]["duration_ms"], float)


def test_json_and_form_bodies_and_absolute_url(server):
    server.script("POST", "/json", reply(201, {"ok": True}))
    server.script("PUT", "/form", reply(204))
    http = client_for(server)
    assert decode_json(http.request("POST", "/json", json_body={"name": "x"})) == {"ok": True}
    assert decode_json(http.request("put", server.url + "/form", data={"k": "v"})) is None
    assert json.loads(server.requests[0]["body"]) == {"name": "x"}
    assert server.requests[1]["method"] == "PUT" and server.requests[1]["body"] == "k=v"


def test_base_url_trailing_slash_stripped(server):
    server.script("GET", "/x", reply(200, {}))
    http = HttpClient(server.url + "/", backoff_factor=0)
    assert http.base_url == server.url
    assert http.get_json("/x") == {}


def test_unexpected_status_and_expected_override(server):
    server.script("GET", "/redirect", reply(302, headers={"Location": "/elsewhere?code=1"}))
    http = client_for(server)
    response = http.request("GET", "/redirect", expected=(302,))
    assert response.headers["Location"] == "/elsewhere?code=1"
    with pytest.raises(ApiError) as info:
        http.request("GET", "/redirect")
    assert info.value.status == 302


# ---------------------------------------------------------------------------------------------- retries
def test_get_retried_on_503_then_succeeds(server):
    server.script("GET", "/flaky", reply(503, {"message": "busy"}), reply(503), reply(200, {"ok": 1}))
    assert client_for(server, retries=3).get_json("/flaky") == {"ok": 1}
    assert server.attempts("GET", "/flaky") == 3


def test_get_retried_after_connection_drop(server):
    server.script("GET", "/drop", DROP, reply(200, {"ok": 1}))
    assert client_for(server).get_json("/drop") == {"ok": 1}
    assert server.attempts("GET", "/drop") == 2


def test_get_retries_exhausted_gives_api_error(server):
    server.script("GET", "/down", reply(503, {"message": "down"}))
    with pytest.raises(ApiError) as info:
        client_for(server, retries=2).get_json("/down")
    assert info.value.status == 503
    assert server.attempts() == 3


def test_post_never_retried_on_503(server):
    server.script("POST", "/things", reply(503, {"message": "busy"}), reply(201, {}))
    with pytest.raises(ApiError) as info:
        client_for(server, retries=3).request("POST", "/things", json_body={})
    assert info.value.status == 503
    assert server.attempts() == 1


def test_post_never_retried_after_connection_drop(server):
    server.script("POST", "/things", DROP, reply(201, {}))
    http = client_for(server, retries=3)
    with pytest.raises(TransportError) as info:
        http.request("POST", "/things", json_body={})
    assert info.value.message.startswith("cannot reach %s (POST /things): " % server.url)
    assert info.value.details == {"method": "POST", "path": "/things"}
    assert server.attempts() == 1


def test_post_retried_on_429_honouring_retry_after(server):
    server.script("POST", "/things", reply(429, {"message": "slow down"}, headers={"Retry-After": "0"}), reply(201, {"id": "x"}))
    http = client_for(server, retries=3)
    assert decode_json(http.request("POST", "/things", json_body={})) == {"id": "x"}
    assert server.attempts() == 2
    assert [e["status"] for e in http.log] == [429, 201]


def test_post_429_gives_up_after_retries(server):
    server.script("POST", "/things", reply(429, {"message": "slow down"}, headers={"Retry-After": "0"}))
    with pytest.raises(ApiError) as info:
        client_for(server, retries=2).request("POST", "/things", json_body={})
    assert info.value.status == 429
    assert server.attempts() == 3


def test_get_retried_on_429(server):
    server.script("GET", "/x", reply(429, headers={"Retry-After": "0"}), reply(200, {"ok": 1}))
    assert client_for(server).get_json("/x") == {"ok": 1}
    assert server.attempts() == 2


@pytest.mark.parametrize("method, status, final", [("PUT", 502, 200), ("DELETE", 504, 204), ("PUT", 504, 200), ("DELETE", 502, 204)])
def test_put_delete_retried_on_gateway_errors(server, method, status, final):
    server.script(method, "/things/1", reply(status), reply(final, {} if final == 200 else None))
    response = client_for(server).request(method, "/things/1", json_body={} if method == "PUT" else None)
    assert response.status_code == final
    assert server.attempts() == 2


def test_retries_zero_disables_retries(server):
    server.script("GET", "/flaky", reply(503), reply(200, {}))
    server.script("POST", "/things", reply(429, headers={"Retry-After": "0"}), reply(201, {}))
    http = client_for(server, retries=0)
    assert http.retries == 0
    with pytest.raises(ApiError):
        http.get_json("/flaky")
    with pytest.raises(ApiError):
        http.request("POST", "/things", json_body={})
    assert server.attempts("GET") == 1 and server.attempts("POST") == 1
    with pytest.raises(ValidationError, match="retries: -5 is not allowed"):
        client_for(server, retries=-5)


@pytest.mark.parametrize("settings, message", [
    ({"timeout": 0}, "timeout: 0 is not allowed"),
    ({"connect_timeout": float("inf")}, "connect_timeout: inf is not allowed"),
    ({"timeout": "soon"}, "timeout: 'soon' is not a number of seconds"),
    ({"pool_size": 65}, "max_workers: 65 is not allowed"),
    ({"retries": 21}, "retries: 21 is not allowed"),
    ({"ca_path": "/nonexistent/ca.pem"}, "ca_path: /nonexistent/ca.pem is not a readable file"),
])
def test_settings_validated_before_anything_is_sent(server, settings, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        client_for(server, **settings)
    assert server.attempts("GET") == 0


def test_retry_after_seconds():
    assert _retry_after_seconds("0") == 0.0
    assert _retry_after_seconds("2.5") == 2.5
    assert _retry_after_seconds(None) == 1.0
    assert _retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 1.0
    assert _retry_after_seconds("3600") == MAX_RETRY_AFTER
    assert _retry_after_seconds("-4") == 0.0


# ---------------------------------------------------------------------------------------------- check mode
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "post"])
def test_check_mode_refuses_writes_before_sending(server, method):
    auth = RecordingAuth()
    http = client_for(server, check_mode=True, auth=auth)
    with pytest.raises(CheckModeWriteError) as info:
        http.request(method, "/things", json_body={})
    assert str(info.value) == "internal error: %s /things attempted in check mode" % method.upper()
    assert server.requests == [] and auth.calls == []


def test_check_mode_allows_reads_and_non_write_posts(server):
    server.script("POST", "/oauth/token", reply(200, {"access_token": "t"}))
    server.script("GET", "/things", reply(200, []))
    http = client_for(server, check_mode=True)
    assert decode_json(http.request("POST", "/oauth/token", data={"a": "b"}, write=False)) == {"access_token": "t"}
    assert http.get_json("/things") == []
    with pytest.raises(CheckModeWriteError):
        http.request("GET", "/things", write=True)
    assert server.attempts() == 2


# ---------------------------------------------------------------------------------------------- errors
def test_error_message_has_method_path_status_device_text_and_code(server):
    server.script("POST", "/things", reply(409, {"code": "E1042", "name": "Conflict", "message": "name already used"}))
    with pytest.raises(ApiError) as info:
        client_for(server).request("POST", "/things", json_body={})
    exc = info.value
    assert str(exc) == "POST /things failed with HTTP 409 (device code E1042): Conflict: name already used"
    assert exc.status == 409 and exc.code == "E1042"
    assert exc.details == {"method": "POST", "path": "/things", "status": 409, "code": "E1042"}


def test_error_message_without_code_and_plain_text(server):
    server.script("DELETE", "/things/1", reply(500, raw="Internal failure\nstack trace"))
    with pytest.raises(ApiError) as info:
        client_for(server, retries=0).request("DELETE", "/things/1")
    assert str(info.value) == "DELETE /things/1 failed with HTTP 500: Internal failure\nstack trace"
    assert info.value.code is None and "code" not in info.value.details


def test_secrets_masked_in_error_messages(server):
    server.script("GET", "/login", reply(400, {"error": "invalid_grant", "error_description": "password s3cret-pw is wrong; token abcdef"}))
    http = client_for(server, auth=RecordingAuth())
    http.add_secret("abcdef")
    http.add_secret(None)
    http.add_secret("ab")
    with pytest.raises(ApiError) as info:
        http.get_json("/login")
    assert "s3cret-pw" not in str(info.value) and "abcdef" not in str(info.value)
    assert str(info.value) == "GET /login failed with HTTP 400: invalid_grant: password %s is wrong; token %s" % (MASK, MASK)
    assert http.mask("ab cd") == "ab cd"


def test_mask_longest_secret_first():
    http = HttpClient("http://127.0.0.1:1")
    http.add_secret("abc")
    http.add_secret("abcdef")
    assert http.mask("x abcdef y abc") == "x %s y %s" % (MASK, MASK)


def test_decode_json_non_json_raises_api_error(server):
    server.script("GET", "/html", reply(200, raw="<html>not json</html>"))
    server.script("GET", "/empty", reply(200))
    http = client_for(server)
    with pytest.raises(ApiError) as info:
        http.get_json("/html")
    assert info.value.status == 200
    assert str(info.value) == "%s/html answered HTTP 200 with a body that is not JSON: <html>not json</html>" % server.url
    assert http.get_json("/empty") is None


class _FakeResponse:
    """Just enough of a response for the error parser (its contract is ``json()`` and ``text``)."""

    def __init__(self, text):
        self.text = text

    def json(self):
        return json.loads(self.text)


@pytest.mark.parametrize("body, expected", [
    ('{"message": "bad"}', ("bad", None)),
    ('{"error": "invalid_client", "error_description": "Bad client"}', ("invalid_client: Bad client", None)),
    ('{"code": 12, "name": "Conflict", "message": "Conflict"}', ("Conflict", "12")),
    ('{"detail": "nope", "code": "X"}', ("nope", "X")),
    ('{"other": 1}', ('{"other": 1}', None)),
    ('["a"]', ('["a"]', None)),
    ("plain " + "x" * 400, ("plain " + "x" * 294, None)),
    ("", ("", None)),
])
def test_default_error_parser(body, expected):
    assert default_error_parser(_FakeResponse(body)) == expected


def test_custom_error_parser(server):
    server.script("GET", "/x", reply(418, raw="teapot"))
    http = client_for(server, error_parser=lambda response: ("parsed %s" % response.text, "T1"))
    with pytest.raises(ApiError, match=r"^GET /x failed with HTTP 418 \(device code T1\): parsed teapot$"):
        http.get_json("/x")


def test_dumps_is_compact_and_sorted():
    assert dumps({"b": 1, "a": [1, 2]}) == '{"a":[1,2],"b":1}'


# ---------------------------------------------------------------------------------------------- transport failures
def test_timeout_gives_transport_error(server):
    server.script("GET", "/slow", HANG)
    http = client_for(server, timeout=0.2, retries=0)
    with pytest.raises(TransportError) as info:
        http.get_json("/slow", endpoint="slow")
    assert "timed out" in str(info.value) and server.url in str(info.value)
    assert info.value.details == {"method": "GET", "path": "/slow"}


def test_post_timeout_names_the_timeouts(server):
    server.script("POST", "/slow", HANG)
    http = client_for(server, timeout=0.2, connect_timeout=1)
    with pytest.raises(TransportError) as info:
        http.request("POST", "/slow", json_body={})
    assert str(info.value).startswith("POST /slow on %s timed out after (1.0, 0.2) s (connect, read): " % server.url)
    assert server.attempts() == 1


def test_get_timeout_names_the_timeouts(server):
    server.script("GET", "/slow", HANG)
    http = client_for(server, timeout=0.2, retries=0)
    with pytest.raises(TransportError) as info:
        http.get_json("/slow")
    assert str(info.value).startswith("GET /slow on %s timed out after" % server.url)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_gives_transport_error():
    port = _free_port()
    http = HttpClient("http://127.0.0.1:%d" % port, retries=1, backoff_factor=0)
    with pytest.raises(TransportError) as info:
        http.get_json("/x")
    assert str(info.value) == "cannot reach http://127.0.0.1:%d (GET /x): connection refused" % port
    assert http.stats.as_dict() == {"/x": {"calls": 1, "errors": 1}}


def test_transport_errors_counted_under_endpoint_key():
    http = HttpClient("http://127.0.0.1:%d" % _free_port(), retries=0)
    with pytest.raises(TransportError):
        http.get_json("/vos-api/things", endpoint="things")
    assert http.stats.as_dict() == {"things": {"calls": 1, "errors": 1}}


def test_tls_errors_counted_under_endpoint_key(tls_server):
    http = client_for(tls_server, retries=0)
    with pytest.raises(TransportError):
        http.get_json("/x", endpoint="x")
    assert http.stats.as_dict() == {"x": {"calls": 1, "errors": 1}}


# ---------------------------------------------------------------------------------------------- TLS
def test_tls_with_ca_path(tls_server):
    tls_server.script("GET", "/x", reply(200, {"tls": True}))
    assert client_for(tls_server, ca_path=tls_server.ca_path).get_json("/x") == {"tls": True}


def test_tls_without_ca_fails_with_advice(tls_server):
    tls_server.script("GET", "/x", reply(200, {"tls": True}))
    http = client_for(tls_server, retries=0)
    with pytest.raises(TransportError) as info:
        http.get_json("/x")
    message = str(info.value)
    assert message.startswith("TLS verification of %s failed: " % tls_server.url)
    assert "certificate verify failed" in message
    assert "ca_path" in message and "validate_certs: false" in message
    assert tls_server.attempts() == 0


def test_tls_ca_path_wins_over_requests_ca_bundle(tls_server, monkeypatch):
    import certifi  # pylint: disable=import-outside-toplevel
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    monkeypatch.setenv("CURL_CA_BUNDLE", certifi.where())
    tls_server.script("GET", "/x", reply(200, {"tls": True}))
    assert client_for(tls_server, ca_path=tls_server.ca_path).get_json("/x") == {"tls": True}


def test_tls_validate_certs_false_ignores_ca_path(tls_server, tmp_path):
    tls_server.script("GET", "/x", reply(200, {"tls": True}))
    http = client_for(tls_server, validate_certs=False, ca_path=str(tmp_path / "missing.pem"))
    assert http.verify is False
    assert http.get_json("/x") == {"tls": True}


def test_tls_validate_certs_false(tls_server):
    tls_server.script("GET", "/x", reply(200, {"tls": True}))
    http = client_for(tls_server, validate_certs=False)
    assert http.session.verify is False
    assert http.get_json("/x") == {"tls": True}


# ---------------------------------------------------------------------------------------------- statistics
def test_endpoint_stats_counts(server):
    server.script("GET", "/a", reply(200, {}))
    server.script("GET", "/b", reply(404, {"message": "missing"}))
    http = client_for(server)
    http.get_json("/a", endpoint="alpha")
    http.get_json("/a", endpoint="alpha")
    with pytest.raises(ApiError):
        http.get_json("/b")
    assert http.stats.as_dict() == {"/b": {"calls": 1, "errors": 1}, "alpha": {"calls": 2, "errors": 0}}


def test_endpoint_stats_thread_safe_and_copy():
    stats = EndpointStats()
    threads = [threading.Thread(target=lambda: [stats.record("e", error=i % 2 == 0) for i in range(200)]) for _thread in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    copy = stats.as_dict()
    assert copy == {"e": {"calls": 800, "errors": 400}}
    copy["e"]["calls"] = 0
    assert stats.as_dict()["e"]["calls"] == 800


# ---------------------------------------------------------------------------------------------- authentication
def test_401_refreshes_once_then_resends(server):
    server.script("GET", "/things", reply(401, {"message": "expired"}), reply(200, ["ok"]))
    auth = RecordingAuth()
    http = client_for(server, auth=auth)
    assert http.get_json("/things") == ["ok"]
    assert auth.calls == ["login", "refresh"]
    assert [r["headers"]["X-Token"] for r in server.requests] == ["token-1", "token-2"]
    assert http.stats.as_dict() == {"/things": {"calls": 1, "errors": 0}}


def test_401_twice_is_an_error_after_one_refresh(server):
    server.script("GET", "/things", reply(401, {"message": "expired"}))
    auth = RecordingAuth()
    with pytest.raises(ApiError) as info:
        client_for(server, auth=auth).get_json("/things")
    assert info.value.status == 401
    assert auth.calls == ["login", "refresh"] and server.attempts() == 2


def test_401_not_resent_when_refresh_declines(server):
    server.script("GET", "/things", reply(401, {"message": "no"}), reply(200, []))
    auth = RecordingAuth(refresh_result=False)
    with pytest.raises(ApiError):
        client_for(server, auth=auth).get_json("/things")
    assert server.attempts() == 1


def test_unauthenticated_request_skips_login_apply_and_refresh(server):
    server.script("POST", "/oauth/token", reply(401, {"error": "invalid_client"}))
    auth = RecordingAuth()
    with pytest.raises(ApiError):
        client_for(server, auth=auth).request("POST", "/oauth/token", authenticate=False, write=False)
    assert auth.calls == []
    assert "X-Token" not in server.requests[0]["headers"]


def test_login_once_for_concurrent_requests(server):
    server.script("GET", "/things", reply(200, []))
    auth = RecordingAuth()
    http = client_for(server, auth=auth, pool_size=8)
    threads = [threading.Thread(target=http.get_json, args=("/things",)) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert auth.calls == ["login"]
    assert server.attempts() == 8


def test_close_logs_out_only_after_login_and_ignores_errors(server):
    server.script("GET", "/things", reply(200, []))
    auth = RecordingAuth()
    http = client_for(server, auth=auth)
    http.close()
    assert auth.calls == []
    http = client_for(server, auth=auth)
    http.get_json("/things")
    http.close()
    assert auth.calls == ["login", "logout"]

    class Failing(RecordingAuth):
        def logout(self, http):
            raise RuntimeError("logout failed")

    http = client_for(server, auth=Failing())
    http.get_json("/things")
    http.close()


def test_default_auth_handler_interface():
    base = AuthHandler()
    http = HttpClient("http://127.0.0.1:1")
    kwargs = {}
    base.login(http)
    base.apply(kwargs)
    base.logout(http)
    assert kwargs == {} and base.refresh(http) is False and base.secrets() == []
