#!/usr/bin/env python3
"""The web console's live fan-out (issue 12):

- web_fanout_p99_ms: 100 WebSocket clients subscribed to `latency`, 20 live
  series (5 tenants' feature servers scraped every second: p50, p95, p99,
  errors/s) for 60 s; from the server building a `latency.changed` push
  (its at_ms) to each client reading it;
- web_fanout_cpu_pct: the server's CPU over those 60 s, % of one core;
- web_slow_consumer_ok: 1 when a client that stops reading (and asks for
  large answers) is closed by the server while the others' p99 stays within
  the 50 ms target;
- web_soak_rss_drift_mb: the server's resident memory after --soak seconds
  (600) of churn - 20 clients at a time connecting, subscribing, asking
  for the series, permissions and a search, and leaving - minus what it was
  after the first minute of it.

The load generator is the feature servers' /metrics: a small HTTP server in
this process serving Feast's exposition (`feast serve --metrics` names and
labels) whose latency histogram and request counters grow every second, so
the console's real scraper, store and hub do the work. The server and the
generator are pinned to different cores when there are two.

Prints BENCH lines; never fails on a figure."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import websockets

BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
TENANTS = 5
CLIENTS = 100
SECONDS = 60


class Exposition:
    """One feature server's counters, grown by ~200 requests a second."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.buckets = [0] * (len(BOUNDS) + 1)
        self.total = 0.0
        self.ok = 0
        self.errors = 0
        self.last = time.monotonic()
        self.lock = threading.Lock()

    def text(self) -> bytes:
        with self.lock:
            now = time.monotonic()
            for _ in range(int((now - self.last) * 200)):
                latency = self.rng.lognormvariate(-5.0, 0.6)  # ~7 ms median
                self.total += latency
                index = next((i for i, b in enumerate(BOUNDS) if latency <= b), len(BOUNDS))
                self.buckets[index] += 1
                if self.rng.random() < 0.01:
                    self.errors += 1
                else:
                    self.ok += 1
            self.last = now
            labels = 'endpoint="/get-online-features",feature_count="1",feature_view_count="1"'
            lines = ["# HELP feast_feature_server_request_latency_seconds Latency of requests",
                     "# TYPE feast_feature_server_request_latency_seconds histogram"]
            running = 0
            for bound, count in zip(BOUNDS + [float("inf")], self.buckets):
                running += count
                le = "+Inf" if bound == float("inf") else repr(bound)
                lines.append(f'feast_feature_server_request_latency_seconds_bucket{{{labels},le="{le}"}} {running}.0')
            lines.append(f"feast_feature_server_request_latency_seconds_count{{{labels}}} {running}.0")
            lines.append(f"feast_feature_server_request_latency_seconds_sum{{{labels}}} {self.total}")
            lines += ["# HELP feast_feature_server_request_total Requests",
                      "# TYPE feast_feature_server_request_total counter",
                      f'feast_feature_server_request_total{{endpoint="/get-online-features",status="success"}} {self.ok}.0',
                      f'feast_feature_server_request_total{{endpoint="/get-online-features",status="error"}} {self.errors}.0']
            return ("\n".join(lines) + "\n").encode()


def serve_metrics() -> tuple[ThreadingHTTPServer, int]:
    servers = [Exposition(i) for i in range(TENANTS)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            try:
                body = servers[int(self.path.strip("/").split("/")[0][1:])].text()
            except (ValueError, IndexError):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_address[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


async def subscriber(url: str, origin: str, cookie: str, delays: list[float], stop: asyncio.Event) -> None:
    async with websockets.connect(url, origin=origin, additional_headers={"Cookie": cookie}, max_size=None) as ws:
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "subscribe", "params": {"topic": "latency"}}))
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
            except asyncio.TimeoutError:
                continue
            received = time.time() * 1000
            message = json.loads(raw)
            if message.get("method") == "latency.changed" and message["params"]["series"]:
                delays.append(received - message["params"]["at_ms"])


def slow_consumer(host: str, port: int, cookie: str) -> tuple[socket.socket, threading.Event]:
    """A client that upgrades, subscribes, asks for large answers and never reads."""
    import base64
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{host}:{port}\r\n"
                  f"Cookie: {cookie}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert b" 101 " in head.split(b"\r\n")[0], head

    def frame(text: str) -> bytes:
        payload = text.encode()
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        length = len(payload)
        header = bytes([0x81]) + (bytes([0x80 | length]) if length < 126 else bytes([0x80 | 126]) + length.to_bytes(2, "big"))
        return header + mask + masked

    closed = threading.Event()

    def flood():
        try:
            sock.sendall(frame(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "subscribe", "params": {"topic": "latency"}})))
            for i in range(1, 400):
                sock.sendall(frame(json.dumps({"jsonrpc": "2.0", "id": i, "method": "latency.series",
                                               "params": {"range_s": 900, "points": 2000}})))
                time.sleep(0.02)
        except OSError:
            closed.set()  # the server closed it
        # never read: wait for the server to give up on it
        deadline = time.time() + 40
        while time.time() < deadline and not closed.is_set():
            try:
                sock.sendall(frame('{"jsonrpc":"2.0","id":9999,"method":"hello"}'))
            except OSError:
                closed.set()
            time.sleep(0.5)

    threading.Thread(target=flood, daemon=True).start()
    return sock, closed


async def measure(url: str, origin: str, cookie: str, seconds: float) -> list[float]:
    delays: list[float] = []
    stop = asyncio.Event()
    tasks = [asyncio.create_task(subscriber(url, origin, cookie, delays, stop)) for _ in range(CLIENTS)]
    await asyncio.sleep(seconds)
    stop.set()
    failed = [r for r in await asyncio.gather(*tasks, return_exceptions=True) if isinstance(r, BaseException)]
    if failed:
        print(f"# {len(failed)} of {CLIENTS} clients failed: {failed[0]!r}")
    return delays


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def churn_once(url: str, origin: str, cookie: str) -> None:
    async with websockets.connect(url, origin=origin, additional_headers={"Cookie": cookie}, max_size=None) as ws:
        requests = [("subscribe", {"topic": "latency"}), ("latency.series", {"range_s": 900}),
                    ("subscribe", {"topic": "connections"}), ("permissions.whatCan", {"user": "name=a;roles=r"}),
                    ("search", {"query": "t", "limit": 20}), ("unsubscribe", {"topic": "latency"})]
        for i, (method, params) in enumerate(requests):
            await ws.send(json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}))
        answered = 0
        while answered < len(requests):
            if "id" in json.loads(await asyncio.wait_for(ws.recv(), timeout=30)):
                answered += 1


async def soak(url: str, origin: str, cookie: str, pid: int, seconds: float) -> tuple[float, float]:
    """RSS after the first minute (or a tenth) of churn, and at the end."""
    start = time.monotonic()
    warm = min(60.0, seconds / 10)
    baseline = None
    while time.monotonic() - start < seconds:
        await asyncio.gather(*(churn_once(url, origin, cookie) for _ in range(20)), return_exceptions=True)
        if baseline is None and time.monotonic() - start >= warm:
            baseline = rss_mb(pid)
    return baseline or rss_mb(pid), rss_mb(pid)


def session_cookie(launch: str) -> str:
    import http.client
    parts = urlsplit(launch)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", f"{parts.path}?{parts.query}", headers={"Host": f"{parts.hostname}:{parts.port}"})
    response = conn.getresponse()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    conn.close()
    return cookie


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--console", required=True, help="feast-console-cli")
    ap.add_argument("--seconds", type=float, default=SECONDS)
    ap.add_argument("--soak", type=float, default=600, help="seconds of connect/subscribe/disconnect churn (0: none)")
    args = ap.parse_args()
    two_cores = (os.cpu_count() or 1) >= 2
    if two_cores:
        os.sched_setaffinity(0, {1})  # the load generator and the clients; the server gets core 0
    httpd, metrics_port = serve_metrics()
    with tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "empty.db"
        registry.write_bytes(b"")
        connections = "".join(
            f"  - name: t{i}\n    url: file://{registry}\n    mode: isolated\n    tenant: t{i}\n"
            f"    metrics_url: http://127.0.0.1:{metrics_port}/m{i}/metrics\n" for i in range(TENANTS))
        workspace = Path(tmp) / "workspace.yaml"
        workspace.write_text(f"name: fanout bench\nscrape_interval_s: 1\nconnections:\n{connections}")
        # Every client comes from 127.0.0.1: the per-address cap (32) is raised for the bench.
        proc = subprocess.Popen([args.console, "serve", "--workspace", str(workspace), "--requests-per-second", "100000",
                                 "--max-connections-per-address", str(CLIENTS + 10)],
                                stdout=subprocess.PIPE, stderr=open(Path(tmp) / "serve.log", "w"), text=True)
        try:
            if two_cores:
                os.sched_setaffinity(proc.pid, {0})
            launch = proc.stdout.readline().strip()
            parts = urlsplit(launch)
            cookie = session_cookie(launch)
            url, origin = f"ws://127.0.0.1:{parts.port}/ws", f"http://127.0.0.1:{parts.port}"
            time.sleep(3)  # two scrapes: every series has begun
            cpu_before, wall_before = cpu_seconds(proc.pid), time.monotonic()
            delays = asyncio.run(measure(url, origin, cookie, args.seconds))
            cpu_pct = 100 * (cpu_seconds(proc.pid) - cpu_before) / (time.monotonic() - wall_before)
            p99 = percentile(delays, 99)
            print(f"# {len(delays)} pushes received by {CLIENTS} clients in {args.seconds:.0f} s")
            print(f"BENCH web_fanout_p99_ms {p99:.1f} ms")
            print(f"BENCH web_fanout_cpu_pct {cpu_pct:.1f} %", flush=True)

            sock, closed = slow_consumer("127.0.0.1", parts.port, cookie)
            slow_delays = asyncio.run(measure(url, origin, cookie, 20))
            closed.wait(timeout=45)
            sock.close()
            slow_p99 = percentile(slow_delays, 99)
            print(f"# with a client that stopped reading: p99 {slow_p99:.1f} ms; it was closed: {closed.is_set()}")
            print(f"BENCH web_slow_consumer_ok {1 if closed.is_set() and slow_p99 <= 50 else 0} bool", flush=True)
            if args.soak > 0:
                before, after = asyncio.run(soak(url, origin, cookie, proc.pid, args.soak))
                if proc.poll() is not None:
                    tail = (Path(tmp) / "serve.log").read_text()[-2000:]
                    print(f"# the server exited with {proc.returncode} during the soak:\n# " + tail.replace("\n", "\n# "))
                print(f"# soak: {before:.1f} MB after warm-up, {after:.1f} MB after {args.soak:.0f} s")
                print(f"BENCH web_soak_rss_drift_mb {after - before:.1f} MB", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
