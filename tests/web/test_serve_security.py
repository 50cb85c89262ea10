"""Attack probes against the web console's server, each asserting its outcome
(issue 12, "Security (local mode)"): sessions, Host and Origin, limits,
malformed input, path traversal, the header set, and no secret on the wire."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from conftest import start_serve, stop_serve
from webclient import raw_exchange

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECRET_TOKEN = "tok-3f9a1c-never-in-the-browser"
SECRET_PROMETHEUS = "prom-77b2e-never-in-the-browser"


def assert_security_headers(answer):
    h = answer.headers
    assert h["content-security-policy"] == [CSP], answer.raw[:400]
    assert h["x-content-type-options"] == ["nosniff"]
    assert h["referrer-policy"] == ["no-referrer"]
    assert h["x-frame-options"] == ["DENY"]
    assert h["cache-control"] == ["no-store"]
    assert int(h["content-length"][0]) == len(answer.body)


@pytest.fixture(scope="module")
def secret_workspace(fixture_state, tmp_path_factory):
    """The fixtures' workspace with a token and a Prometheus secret named on every connection."""
    text = Path(fixture_state["workspace"]).read_text()
    lines = []
    for line in text.splitlines():
        lines.append(line)
        if line.startswith("    url: "):
            lines.append("    token: {env: FEAST_WEB_TEST_TOKEN}")
            lines.append("    prometheus_user: sre")
            lines.append("    prometheus_secret: {env: FEAST_WEB_TEST_PROM}")
    path = tmp_path_factory.mktemp("ws") / "workspace.yaml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@pytest.fixture(scope="module")
def server(secret_workspace):
    s = start_serve(secret_workspace, "--head-timeout-ms", "1500", "--max-connections-per-address", "24",
                    "--requests-per-second", "50",
                    env={"FEAST_WEB_TEST_TOKEN": SECRET_TOKEN, "FEAST_WEB_TEST_PROM": SECRET_PROMETHEUS})
    s.wait_ready_catalog()
    yield s
    stop_serve(s)
    everything = b"".join(x if isinstance(x, bytes) else x.encode() for x in s.captured)
    assert everything, "the probes captured nothing"
    for secret in (SECRET_TOKEN, SECRET_PROMETHEUS):
        assert secret.encode() not in everything, f"{secret} reached the browser side"


def test_every_kind_of_response_has_the_headers(server):
    kinds = {
        "asset": server.get("/js/main.js"),
        "index": server.get("/"),
        "healthz": server.get("/healthz"),
        "readyz": server.get("/readyz"),
        "no session": server.get("/", with_cookie=False),
        "bad host": server.get("/", host="evil.example"),
        "not found": server.get("/nope.js"),
        "too large": server.get("/", headers={"Content-Length": "999999999999"}),
        "malformed": raw_exchange(server.port, b"GET / HTTP/1.1\nHost: x\n\n"),
    }
    expected = {"asset": 200, "index": 200, "healthz": 200, "readyz": 200, "no session": 401, "bad host": 403,
                "not found": 404, "too large": 413, "malformed": 400}
    for name, answer in kinds.items():
        assert answer.status == expected[name], (name, answer.raw[:300])
        assert_security_headers(answer)
    assert kinds["asset"].headers["content-type"] == ["text/javascript; charset=utf-8"]
    assert b'<script type="module" src="/js/main.js">' in kinds["index"].body


def test_launch_token_is_single_use(server):
    assert server.cookie  # signed in once by the fixture
    path = server.launch_url.split(f":{server.port}", 1)[1]
    reused = server.get(path, with_cookie=False)
    assert reused.status == 401 and b"used already or has expired" in reused.body
    assert "set-cookie" not in reused.headers
    guessed = server.get("/?launch=AAAAAAAAAAAAAAAAAAAAAA", with_cookie=False)
    assert guessed.status == 401


def test_launch_token_expires(secret_workspace):
    s = start_serve(secret_workspace, "--launch-validity-s", "1")
    try:
        time.sleep(1.5)
        path = s.launch_url.split(f":{s.port}", 1)[1]
        assert s.get(path, with_cookie=False).status == 401
    finally:
        stop_serve(s)


def test_no_session_no_data(server):
    for target in ["/", "/js/main.js", "/app.css", "/ws"]:
        answer = server.get(target, with_cookie=False)
        assert answer.status == 401, target
    forged = server.get("/", headers={"Cookie": "feast_console_session=forged"}, with_cookie=False)
    assert forged.status == 401
    with pytest.raises(InvalidStatus) as refused:
        from websockets.sync.client import connect
        connect(f"ws://127.0.0.1:{server.port}/ws", origin=server.origin, open_timeout=5)
    assert refused.value.response.status_code == 401


def test_rebinding_host_is_refused(server):
    for host in ["evil.example", f"evil.example:{server.port}", "127.0.0.1", f"127.0.0.1:{server.port + 1}"]:
        assert server.get("/", host=host).status == 403, host


def test_hostile_origin_upgrade_is_refused_before_101(server):
    for origin in ["http://evil.example", f"http://127.0.0.1:{server.port + 1}", "null"]:
        with pytest.raises(InvalidStatus) as refused:
            server.websocket(origin=origin)
        assert refused.value.response.status_code == 403, origin
    answer = server.get("/ws", headers={"Upgrade": "websocket", "Connection": "Upgrade",
                                        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13"})
    assert answer.status == 403 and b"101" not in answer.raw.split(b"\r\n")[0]


def test_cross_site_posts_are_refused(server):
    form = server.get("/", method="POST", headers={"Origin": "http://evil.example",
                                                   "Content-Type": "application/x-www-form-urlencoded",
                                                   "Content-Length": "3"}, body=b"a=b")
    assert form.status == 403
    plain = server.get("/ws", method="POST", headers={"Content-Type": "text/plain", "Content-Length": "2"}, body=b"{}")
    assert plain.status == 403  # no Origin at all
    same_origin = server.get("/", method="POST", headers={"Origin": server.origin, "Content-Length": "0"})
    assert same_origin.status == 405  # read-only


def test_huge_content_length_is_refused_without_reading(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nOrigin: {server.origin}\r\n"
                  f"Content-Length: {10**12}\r\n\r\n".encode())
        started = time.monotonic()
        answer = s.recv(65536)
        assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
        assert time.monotonic() - started < 2


def test_slow_request_head_is_closed(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        elapsed = time.monotonic() - started
    assert data.startswith(b"HTTP/1.1 408 "), data[:100]
    assert 1.0 < elapsed < 5.0


def test_oversize_head_is_refused(server):
    answer = raw_exchange(server.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"a" * 20000 + b"\r\n\r\n")
    assert answer.status == 431


def test_path_traversal_finds_nothing(server):
    for target in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/js/..%2f..%2fetc%2fpasswd", "/js/%2E%2E/index.html",
                   "/..\\..\\etc\\passwd", "/index.html%00.js", "//etc/passwd", "/./index.html"]:
        answer = server.get(target)
        assert answer.status in (400, 404), (target, answer.status)
        assert b"root:" not in answer.body


def raw_websocket(server) -> socket.socket:
    """A WebSocket opened by hand, so a test can send any frame bytes."""
    if server.cookie is None:
        server.sign_in()
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    s.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nOrigin: {server.origin}\r\n"
               f"Cookie: {server.cookie}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(4096)
    assert head.startswith(b"HTTP/1.1 101"), head
    return s


def test_oversize_websocket_frame_closes_1009_before_its_payload(server):
    before = server.rss_kb()
    s = raw_websocket(server)
    # A masked text frame announcing 4 MiB; only its header is sent.
    s.sendall(bytes([0x81, 0x80 | 127]) + (4 * 1024 * 1024).to_bytes(8, "big") + b"\x01\x02\x03\x04")
    frame = s.recv(4096)
    s.close()
    assert frame[0] == 0x88, frame  # a close frame
    assert int.from_bytes(frame[2:4], "big") == 1009, frame
    assert server.rss_kb() - before < 8 * 1024


def test_oversize_websocket_message_is_refused_and_memory_stays(server):
    before = server.rss_kb()
    ws = server.websocket()
    with pytest.raises((ConnectionClosed, OSError)) as closed:  # while sending or after
        ws.send("x" * (4 * 1024 * 1024))
        ws.recv(timeout=10)
    ws.close()
    rcvd = getattr(closed.value, "rcvd", None)
    assert rcvd is None or rcvd.code == 1009  # the close frame can be lost to the reset of an unread upload
    assert server.rss_kb() - before < 8 * 1024, "the server buffered the oversize message"
    with server.websocket() as other:  # the server goes on
        assert server.rpc(other, "hello")["result"]["server"] == "feast-console"


def test_malformed_requests_get_errors_and_the_socket_survives(server):
    with server.websocket() as ws:
        for text, code in [("{", -32700), ("[]", -32600), ('{"jsonrpc":"2.0","id":1}', -32600),
                           ('{"jsonrpc":"2.0","id":1,"method":"hello","params":[1]}', -32602),
                           ('{"jsonrpc":"1.0","id":1,"method":"hello"}', -32600)]:
            ws.send(text)
            answer = json.loads(ws.recv(timeout=10))
            server.captured.append(json.dumps(answer).encode())
            assert answer["error"]["code"] == code, (text, answer)
        ws.send(b"\x00\x01binary")
        assert json.loads(ws.recv(timeout=10))["error"]["code"] == -32600
        assert server.rpc(ws, "hello", request_id=7)["result"]["server"] == "feast-console"


def test_a_flood_is_throttled_while_another_client_is_served(server):
    with server.websocket() as flooder, server.websocket() as other:
        for i in range(400):
            flooder.send(json.dumps({"jsonrpc": "2.0", "id": i, "method": "hello"}))
        started = time.monotonic()
        assert server.rpc(other, "hello", request_id="other")["result"]["server"] == "feast-console"
        assert time.monotonic() - started < 1.0
        limited = served_count = 0
        for _ in range(400):
            answer = json.loads(flooder.recv(timeout=10))
            if "error" in answer:
                assert answer["error"]["code"] == -32001
                limited += 1
            else:
                served_count += 1
        assert limited > 0 and served_count >= 50


def test_connections_beyond_the_cap_are_refused(secret_workspace):
    s = start_serve(secret_workspace, "--max-connections-per-address", "3")
    sockets = []
    try:
        for _ in range(3):
            sockets.append(socket.create_connection(("127.0.0.1", s.port), timeout=5))
        time.sleep(0.2)
        answer = raw_exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert answer.status == 503 and b"too many connections" in answer.body
        for sock in sockets:
            sock.close()
        time.sleep(0.3)
        assert raw_exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 200
    finally:
        stop_serve(s)


def test_non_loopback_without_auth_is_refused(fixture_state):
    from conftest import console_path
    proc = subprocess.run([console_path(), "serve", "--workspace", fixture_state["workspace"], "--listen", "0.0.0.0:0"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "non-loopback" in lines[0]
