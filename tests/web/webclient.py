"""Small clients for the web console's server: raw HTTP over a socket (so a
test controls every byte of the head) and JSON-RPC over a WebSocket."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from dataclasses import dataclass, field

from websockets.sync.client import connect


@dataclass
class HttpAnswer:
    status: int
    headers: dict
    body: bytes
    raw: bytes


def parse_answer(raw: bytes) -> HttpAnswer:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers: dict = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return HttpAnswer(status, headers, body, raw)


def raw_exchange(port: int, data: bytes, timeout: float = 10.0, shutdown: bool = False) -> HttpAnswer:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        if shutdown:
            s.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return parse_answer(b"".join(chunks))


@dataclass
class Served:
    proc: subprocess.Popen
    launch_url: str
    host: str
    port: int
    cookie: str | None = None
    captured: list = field(default_factory=list)  # every body and frame received

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, target: str, *, host: str | None = None, headers: dict | None = None, method: str = "GET",
            with_cookie: bool = True, body: bytes = b"") -> HttpAnswer:
        lines = [f"{method} {target} HTTP/1.1", f"Host: {host or f'127.0.0.1:{self.port}'}"]
        if with_cookie and self.cookie:
            lines.append(f"Cookie: {self.cookie}")
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        answer = raw_exchange(self.port, ("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        self.captured.append(answer.raw)
        return answer

    def sign_in(self) -> None:
        path = self.launch_url.split(f":{self.port}", 1)[1]
        answer = self.get(path, with_cookie=False)
        assert answer.status == 303, answer.raw
        cookie = answer.headers["set-cookie"][0]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        self.cookie = cookie.split(";", 1)[0]

    def websocket(self, origin: str | None = None, max_size: int | None = 64 * 1024 * 1024):
        if self.cookie is None:
            self.sign_in()
        return connect(f"ws://127.0.0.1:{self.port}/ws", origin=origin or self.origin,
                       additional_headers={"Cookie": self.cookie}, max_size=max_size, open_timeout=10)

    def rpc(self, ws, method: str, params: dict | None = None, request_id=1, timeout: float = 30):
        ws.send(json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params or {}}))
        return self.answer(ws, request_id, timeout)

    def answer(self, ws, request_id, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while True:
            message = ws.recv(timeout=max(0.01, deadline - time.monotonic()))
            self.captured.append(message.encode() if isinstance(message, str) else message)
            decoded = json.loads(message)
            if decoded.get("id") == request_id and "method" not in decoded:
                return decoded

    def wait_ready_catalog(self, timeout: float = 120) -> None:
        """Until every connection has finished loading (ready or failed) and
        what is computed from the loaded parts (permissions, materialization)
        has arrived: the server says "settled"."""
        with self.websocket() as ws:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                result = self.rpc(ws, "connections.list")["result"]
                if result["settled"]:
                    return
                time.sleep(0.1)
        raise AssertionError("the workspace did not load in time")

    def rss_kb(self) -> int:
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0
