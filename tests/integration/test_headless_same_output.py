"""feast-console-cli prints byte for byte what feast-console prints (issue 11), on the real fixtures."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

COMMANDS = [
    ["catalog", "list"],
    ["catalog", "list", "--json"],
    ["catalog", "search", "amount", "--limit", "20"],
    ["catalog", "search", "kind:feature_view tenant:fraud", "--json"],
    ["catalog", "show", "feature_view", "fraud_detection/user_transaction_stats", "--json"],
    ["permissions", "list"],
    ["permissions", "lint", "--json"],
    ["permissions", "matrix", "--json"],
    ["status", "materialization", "--json"],
    ["status", "health"],
    ["catalog", "list", "--kind", "nonsense"],
]


def without_clock(text: str) -> str:
    """Freshness is measured against the clock, which moves between the two runs."""
    return re.sub(r'"freshness_s":[0-9.e+-]+', '"freshness_s":N', text)


def binaries():
    desktop, cli = os.environ.get("FEAST_CONSOLE"), os.environ.get("FEAST_CONSOLE_CLI")
    if not desktop or not cli:
        pytest.skip("FEAST_CONSOLE and FEAST_CONSOLE_CLI are set by ctest")
    return desktop, cli


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_same_output_as_the_desktop_binary(fixtures, command):
    desktop, cli = binaries()
    workspace = str(Path(os.environ["FEAST_FIXTURES_JSON"]).with_name("workspace.yaml"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = lambda binary: subprocess.run([binary, *command, "--workspace", workspace], capture_output=True,
                                        text=True, env=env, timeout=300)
    a, b = run(desktop), run(cli)
    assert (a.returncode, without_clock(a.stdout), a.stderr) == (b.returncode, without_clock(b.stdout), b.stderr)
    assert a.stdout or a.stderr
