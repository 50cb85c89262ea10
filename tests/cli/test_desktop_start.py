"""The desktop started on a workspace it cannot use opens anyway and says why (issue 17)."""

from __future__ import annotations

import os

from conftest import run_console


def test_a_workspace_that_does_not_parse_still_opens_the_window(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: broken\nconnections:\n  - name: a\n    url: [unclosed\n")
    shot = tmp_path / "window.png"
    proc = run_console("--workspace", str(bad), "--screenshot", str(shot),
                       env={"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")},
                       timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert shot.exists() and os.path.getsize(shot) > 0, "the window was shown"


def test_an_unusable_registry_url_still_opens_the_window(tmp_path):
    shot = tmp_path / "window.png"
    proc = run_console("--registry", "ftp://example/registry.db", "--screenshot", str(shot),
                       env={"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")},
                       timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert shot.exists()
