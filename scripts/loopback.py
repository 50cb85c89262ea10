"""Helpers shared by the demo (demo_metrics.py) and the metrics tests:
free loopback ports, waiting for an HTTP server, the fixtures' SQLite repo."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60) -> None:
    """Until URL answers 2xx; TimeoutError naming it otherwise."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not come up within {timeout:.0f} s")


def sqlite_fixture_server(fixtures: dict) -> tuple[dict, Path] | None:
    """The first fixture server (no TLS) whose repo has a SQLite online store."""
    for server in fixtures["servers"]:
        repo = server.get("serve_repo")
        if repo and not server.get("tls") and "sqlite" in Path(repo, "feature_store.yaml").read_text():
            return server, Path(repo)
    return None
