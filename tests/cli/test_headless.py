"""Help and version need no display (issue 17): a newcomer on a server runs these first."""

from __future__ import annotations

import pytest

from conftest import run_console

GROUPS = ["catalog", "registry", "permissions", "status", "export-cr", "serve", "help"]


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["help"], ["--help-all"],
                                  ["--workspace", "nowhere.yaml", "--help"]])
def test_help_without_display_lists_every_command_group(args):
    proc = run_console(*args, display=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    listed = [line.split()[0] for line in proc.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()]
    assert listed == GROUPS
    assert "--workspace FILE" in proc.stdout  # the desktop's options too


@pytest.mark.parametrize("args", [["--version"], ["-v"]])
def test_version_without_display_names_the_libraries(args):
    proc = run_console(*args, display=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("feast-console ")
    for prefix in ("Qt ", "gRPC ", "protobuf ", "tested with Feast 0.66"):
        assert any(line.startswith(prefix) for line in lines), (prefix, proc.stdout)


@pytest.mark.parametrize("command", ["catalog", "permissions", "status", "registry", "export-cr"])
def test_help_of_a_command_without_display(command):
    proc = run_console("help", command, display=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), "the command's own help"


def test_help_of_an_unknown_command_is_a_usage_error():
    proc = run_console("help", "frobnicate", display=False)
    assert proc.returncode == 2
    assert "unknown command" in proc.stderr and "frobnicate" in proc.stderr


def test_desktop_without_display_says_so_instead_of_aborting():
    proc = run_console(display=False)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert proc.stderr.startswith("feast-console: no display")
    assert "feast-console help" in proc.stderr


def test_catalog_help_lists_every_catalog_command():
    proc = run_console("catalog", "--help", display=False)
    assert proc.returncode == 0
    for sub in ("catalog list", "catalog show", "catalog search"):
        assert sub in proc.stdout
