"""feast-console-cli (issue 11): the headless commands without display libraries, for servers and containers."""

from __future__ import annotations

import os
import subprocess

import pytest

GROUPS = ["catalog", "registry", "permissions", "status", "export-cr", "serve", "help"]


def headless() -> str:
    path = os.environ.get("FEAST_CONSOLE_CLI")
    if not path:
        pytest.skip("FEAST_CONSOLE_CLI is not set (run through ctest)")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([headless(), *args], capture_output=True, text=True, env=env, timeout=60)


def test_links_no_display_library():
    libraries = subprocess.run(["ldd", headless()], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in libraries.splitlines() if line.strip()]
    assert any(n.startswith("libQt6Core") for n in names), libraries
    for unwanted in ("libQt6Widgets", "libQt6Gui", "libqcustomplot", "libQt6PrintSupport", "libGL", "libxcb",
                     "libX11", "libwayland"):
        assert not any(n.startswith(unwanted) for n in names), (unwanted, libraries)


@pytest.mark.parametrize("args", [[], ["help"], ["--help"]])
def test_help_lists_the_commands_and_names_the_desktop(args):
    proc = run(*args)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    listed = [line.split()[0] for line in proc.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()]
    assert listed == GROUPS
    assert "the desktop console is feast-console" in proc.stdout
    assert "--screenshot" not in proc.stdout  # the desktop's options are not here


def test_the_desktops_options_are_refused_with_a_pointer():
    proc = run("--workspace", "w.yaml")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith('feast-console: "--workspace" is not a command of feast-console-cli')
    assert "feast-console help" not in proc.stderr or "feast-console-cli help" in proc.stderr


def test_version_and_a_command_run_without_display(tmp_path):
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("feast-console ")
    out = tmp_path / "manifests"
    proc = run("export-cr", "--topology", "minimal", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert any(out.rglob("*.yaml"))
