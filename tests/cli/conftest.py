"""Command-line tests that need no Feast server: the real binary, run as a user would."""

from __future__ import annotations

import os
import subprocess

import pytest


def console_path() -> str:
    path = os.environ.get("FEAST_CONSOLE")
    if not path:
        pytest.skip("FEAST_CONSOLE is not set (run through ctest)")
    return path


def run_console(*args: str, env: dict | None = None, display: bool = True, timeout: float = 60,
                cwd: str | None = None) -> subprocess.CompletedProcess:
    """Runs feast-console; display=False takes away every way Qt could find a display."""
    full_env = dict(os.environ)
    full_env.pop("FEAST_CONSOLE_DEBUG", None)
    if not display:
        for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            full_env.pop(var, None)
    full_env.update(env or {})
    return subprocess.run([console_path(), *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, cwd=cwd)


def assert_one_line_error(proc, *words):
    assert proc.stdout == "", "nothing may be printed as if complete"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for w in words:
        assert w in lines[0], lines[0]
