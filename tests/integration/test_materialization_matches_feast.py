"""`feast-console status materialization --json` equals what Feast's SDK reports
(FeatureView.materialization_intervals, ttl, online) for the same registry."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import run_console, server
from test_catalog_matches_feast import console_args


def feast_materialization(*args: str) -> list[dict]:
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("feast_materialization.py")), *args],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def when(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def expected_state(item: dict, now: datetime) -> str:
    if not item["online"]:
        return "offline"
    if item["last_materialized_end"] is None:
        return "never"
    age = (now - when(item["last_materialized_end"])).total_seconds()
    return "stale" if item["ttl_s"] > 0 and age > item["ttl_s"] else "fresh"


@pytest.mark.parametrize("name", ["shared", "team-alpha", "team-beta"])
def test_status_materialization_matches_feast(fixtures, name):
    s = server(fixtures, name)
    proc = run_console("status", "materialization", "--json", *console_args(s))
    assert proc.returncode == 0, proc.stderr
    console = sorted(json.loads(proc.stdout), key=lambda i: (i["project"], i["feature_view"]))
    feast = feast_materialization("--remote", s["url"])
    now = datetime.now(timezone.utc)

    assert [(i["project"], i["feature_view"]) for i in console] == [(i["project"], i["feature_view"]) for i in feast]
    for c, f in zip(console, feast):
        assert c["registry"] == s["url"]
        assert c["kind"] == f["kind"], c
        assert c["ttl_s"] == pytest.approx(f["ttl_s"]), c
        assert c["online"] == f["online"], c
        assert when(c["last_materialized_end"]) == when(f["last_materialized_end"]), c
        assert [[when(a), when(b)] for a, b in c["intervals"]] == [[when(a), when(b)] for a, b in f["intervals"]], c
        if c["last_materialized_end"] is not None:
            assert c["last_materialized_end"].endswith("Z")
        assert c["state"] == expected_state(f, now), c
    # The fixtures run `feast materialize`, so some views have intervals, and
    # card_activity_10m is left out of it.
    assert any(c["intervals"] for c in console)
    for c in console:
        if c["feature_view"] == "card_activity_10m":
            assert c["state"] in ("never", "offline"), c


def test_status_materialization_thresholds(fixtures):
    s = server(fixtures, "shared")
    proc = run_console("status", "materialization", "--json", "--ttl-factor", "1000000", *console_args(s))
    assert proc.returncode == 0, proc.stderr
    states = {i["state"] for i in json.loads(proc.stdout)}
    assert "stale" not in states
    proc = run_console("status", "materialization", "--json", "--stale-after", "1", *console_args(s))
    items = json.loads(proc.stdout)
    assert all(i["state"] == "stale" for i in items if i["online"] and i["intervals"])
    proc = run_console("status", "materialization", "--ttl-factor", "abc", *console_args(s))
    assert proc.returncode == 2


def test_status_materialization_thresholds_from_the_workspace(fixtures, tmp_path):
    """The thresholds edited on the desktop's materialization page are saved in
    the workspace (`freshness:`); the CLI uses them unless its flags say otherwise."""
    s = server(fixtures, "shared")
    workspace = tmp_path / "workspace.yaml"
    workspace.write_text(
        "name: thresholds\n"
        f"connections:\n  - {{name: shared, url: '{s['url']}', mode: shared, tenant_tag: team}}\n"
        "freshness: {ttl_factor: 1000000, stale_after_s: 0}\n")
    proc = run_console("status", "materialization", "--json", "--workspace", str(workspace))
    assert proc.returncode == 0, proc.stderr
    assert "stale" not in {i["state"] for i in json.loads(proc.stdout)}
    # A flag wins over the workspace.
    proc = run_console("status", "materialization", "--json", "--workspace", str(workspace), "--stale-after", "1")
    items = json.loads(proc.stdout)
    assert all(i["state"] == "stale" for i in items if i["online"] and i["intervals"])
    workspace.write_text(workspace.read_text().replace("1000000", "-1"))
    proc = run_console("status", "materialization", "--json", "--workspace", str(workspace))
    assert proc.returncode == 5 and "ttl_factor" in proc.stderr, proc.stderr
