"""The web console (`serve`) run as a user would: the real binary on the real
fixtures (Feast's registry servers), spoken to over real HTTP and WebSockets
and, in test_web_browser.py, by Debian's Chromium."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from webclient import Served


def console_path() -> str:
    path = os.environ.get("FEAST_CONSOLE")
    if not path:
        pytest.skip("FEAST_CONSOLE is not set (run through ctest)")
    return path


def fixtures() -> dict:
    path = os.environ.get("FEAST_FIXTURES_JSON")
    if not path or not Path(path).exists():
        pytest.skip("the Feast fixtures are not up (run through ctest)")
    return json.loads(Path(path).read_text())


@pytest.fixture(scope="session")
def fixture_state() -> dict:
    return fixtures()


def start_serve(workspace: str, *extra: str, env: dict | None = None) -> Served:
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.Popen([console_path(), "serve", "--workspace", workspace, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
    line = proc.stdout.readline().strip()
    if not line.startswith("http://"):
        proc.kill()
        raise AssertionError(f"serve printed {line!r}; stderr: {proc.stderr.read()}")
    parts = urlsplit(line)
    return Served(proc=proc, launch_url=line, host=parts.hostname, port=parts.port)


def stop_serve(served: Served) -> None:
    served.proc.send_signal(signal.SIGTERM)
    try:
        code = served.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        served.proc.kill()
        raise AssertionError("serve did not stop on SIGTERM")
    assert code == 0, f"serve exited {code}: {served.proc.stderr.read()}"


@pytest.fixture()
def served(fixture_state):
    s = start_serve(fixture_state["workspace"])
    s.wait_ready_catalog()
    yield s
    stop_serve(s)
