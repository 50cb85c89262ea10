"""Shared helpers for the Python integration tests.

They drive the real feast-console binary (FEAST_CONSOLE) against the real Feast
registry servers that scripts/fixtures.py started (FEAST_FIXTURES_JSON), and
compare with what Feast's own SDK says.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"


def console_path() -> str:
    path = os.environ.get("FEAST_CONSOLE")
    if not path:
        pytest.skip("FEAST_CONSOLE is not set (run through ctest)")
    return path


@pytest.fixture(scope="session")
def fixtures() -> dict:
    path = os.environ.get("FEAST_FIXTURES_JSON")
    if not path or not Path(path).exists():
        pytest.skip("no fixtures.json (run through ctest, which starts the Feast servers)")
    return json.loads(Path(path).read_text())


def server(fixtures: dict, name: str) -> dict:
    for s in fixtures["servers"]:
        if s["name"] == name:
            return s
    raise KeyError(name)


def run_console(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.pop("FEAST_CONSOLE_DEBUG", None)
    return subprocess.run([console_path(), *args], capture_output=True, text=True, env=full_env, timeout=timeout)


def feast_catalog(*args: str) -> list[dict]:
    """What Feast's own SDK lists (tests/integration/feast_catalog.py)."""
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("feast_catalog.py")), *args],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


class Process:
    """A server started by a test, always stopped (with its process group)."""

    def __init__(self, args: list[str], cwd: Path, log: Path):
        self.log = log
        self.handle = open(log, "w")
        self.proc = subprocess.Popen(args, cwd=cwd, stdout=self.handle, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.handle.close()


def feast_cli() -> str:
    return str(Path(sys.executable).parent / "feast")
