"""`registry snapshot` writes a registry.db that Feast itself reads back."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import feast_catalog, run_console, server
from test_catalog_matches_feast import keyed


def test_snapshot_of_a_grpc_registry_is_readable_by_feast(fixtures, tmp_path):
    s = server(fixtures, "shared")
    out = tmp_path / "backup" / "registry.db"
    out.parent.mkdir()
    proc = run_console("registry", "snapshot", s["url"], str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["bytes"] == out.stat().st_size

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "feature_store.yaml").write_text(
        "project: fraud_detection\nprovider: local\n"
        f"registry:\n  registry_type: file\n  path: {out}\n"
        f"online_store:\n  type: sqlite\n  path: {tmp_path / 'online.db'}\n"
        "offline_store:\n  type: file\nentity_key_serialization_version: 3\nauth:\n  type: no_auth\n")
    restored = feast_catalog("--repo", str(repo))
    original = feast_catalog("--remote", s["url"])
    assert keyed(restored) == keyed(original)
    assert len(restored) > 50


def test_snapshot_to_an_unwritable_place_fails_cleanly(fixtures, tmp_path):
    s = server(fixtures, "team-alpha")
    proc = run_console("registry", "snapshot", s["url"], str(tmp_path / "missing-dir" / "x.db"))
    assert proc.returncode == 5
    assert "cannot write" in proc.stderr
    assert not (tmp_path / "missing-dir").exists()


def test_snapshot_of_unreachable_registry_writes_nothing(tmp_path):
    out = tmp_path / "x.db"
    proc = run_console("registry", "snapshot", "grpc://127.0.0.1:9", str(out), "--timeout", "5")
    assert proc.returncode == 3
    assert not out.exists()
