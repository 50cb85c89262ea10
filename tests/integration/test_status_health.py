"""`feast-console status health`: the overview's rows on the real fixtures. Each
figure agrees with the command that details it (status materialization,
permissions lint, catalog list); an unavailable registry is a row of its own."""

from __future__ import annotations

import collections
import json

from conftest import run_console


def workspace_args(fixtures):
    return ["--workspace", fixtures["workspace"]]


def health(fixtures, *extra):
    proc = run_console("status", "health", "--json", *workspace_args(fixtures), *extra)
    assert proc.returncode in (0, 5), proc.stderr
    return proc, json.loads(proc.stdout)


def test_rows_agree_with_the_detailed_commands(fixtures):
    proc, rows = health(fixtures)
    by_tenant = {(r["registry"], r["tenant"]): r for r in rows}
    assert set(by_tenant) == {("shared", "fraud"), ("shared", "growth"), ("shared", "risk"),
                              ("team-alpha", "team-alpha"), ("team-beta", "team-beta")}

    views = json.loads(run_console("status", "materialization", "--json", *workspace_args(fixtures)).stdout)
    stale = collections.Counter((v["registry"], v["tenant"]) for v in views if v["state"] == "stale")
    never = collections.Counter((v["registry"], v["tenant"]) for v in views if v["state"] == "never")
    online = collections.Counter((v["registry"], v["tenant"]) for v in views if v["online"])

    lint = json.loads(run_console("permissions", "lint", "--json", *workspace_args(fixtures)).stdout)
    errors = collections.Counter((f["registry"], f["tenant"]) for f in lint if f["severity"] == "error")
    warnings = collections.Counter((f["registry"], f["tenant"]) for f in lint if f["severity"] == "warning")

    items = json.loads(run_console("catalog", "list", "--json", *workspace_args(fixtures)).stdout)
    features = collections.Counter((i["registry"], i["tenant"]) for i in items if i["kind"] == "feature")

    for key, row in by_tenant.items():
        assert row["state"] == "ready" and row["error"] is None, row
        assert row["stale_views"] == stale[key], (key, row)
        assert row["never_materialized"] == never[key], (key, row)
        assert row["online_views"] == online[key], (key, row)
        assert row["lint_errors"] == errors[key], (key, row)
        assert row["lint_warnings"] == warnings[key], (key, row)
        assert row["features"] == features[key], (key, row)
        assert row["latency"] == "unknown" and row["p99_ms"] is None
        # The level follows from the findings, and names its reasons.
        want = "problem" if errors[key] else "attention" if stale[key] or never[key] or warnings[key] else "ok"
        assert row["level"] == want, (key, row)
        assert (row["level"] == "ok") == (row["reasons"] == [])
    assert proc.returncode == (5 if any(r["level"] == "problem" for r in rows) else 0)


def test_thresholds_move_staleness(fixtures):
    # TTLs stretched 100,000 times make every materialized view fresh; a
    # one-second absolute limit makes every materialized one stale.
    _, rows = health(fixtures, "--ttl-factor", "100000")
    assert all(r["stale_views"] == 0 for r in rows), rows
    _, rows = health(fixtures, "--stale-after", "1")
    assert all(r["stale_views"] == r["online_views"] - r["never_materialized"] for r in rows), rows


def test_text_has_a_header_and_even_columns(fixtures):
    proc = run_console("status", "health", *workspace_args(fixtures))
    lines = proc.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:3] == ["CONNECTION", "TENANT", "STATE"] and header[-2:] == ["HEALTH", "REASONS"]
    assert len(lines) == 6 and all(len(line.split("\t")) == len(header) for line in lines)
    bare = run_console("status", "health", "--no-header", *workspace_args(fixtures))
    assert bare.stdout.splitlines() == lines[1:]


def test_an_unavailable_registry_is_a_problem_row(fixtures, tmp_path):
    proc = run_console("status", "health", "--json", "--registry", "grpc://127.0.0.1:1",
                       "--registry", fixtures["servers"][0]["url"])
    assert proc.returncode == 3, proc.stderr  # unreachable, as every command says it
    rows = json.loads(proc.stdout)
    down = [r for r in rows if r["registry"] == "grpc://127.0.0.1:1"]
    assert len(down) == 1 and down[0]["level"] == "problem" and down[0]["tenant"] is None
    assert "unreachable" in down[0]["error"] and "unreachable" in down[0]["reasons"][0]
    assert any(r["state"] == "ready" and r["objects"] for r in rows if r is not down[0])
