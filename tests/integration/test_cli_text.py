"""Text output a person reads (issue 17): a header line naming the columns,
--no-header for scripts, every line as wide as the header."""

from __future__ import annotations

from conftest import run_console


def workspace_args(fixtures):
    return ["--workspace", fixtures["workspace"]]


def test_catalog_list_has_a_header_and_even_columns(fixtures):
    proc = run_console("catalog", "list", *workspace_args(fixtures))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split("\t") == ["CONNECTION", "TENANT", "PROJECT", "KIND", "NAME", "FEATURE_VIEW", "TYPE"]
    assert len(lines) > 10
    assert all(len(line.split("\t")) == 7 for line in lines), [l for l in lines if len(l.split("\t")) != 7][:3]
    bare = run_console("catalog", "list", "--no-header", *workspace_args(fixtures))
    assert bare.stdout.splitlines() == lines[1:]


def test_catalog_search_has_a_header(fixtures):
    proc = run_console("catalog", "search", "amount", "--limit", "5", *workspace_args(fixtures))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("CONNECTION\tTENANT\tPROJECT")


def test_status_materialization_names_tenant_and_freshness(fixtures):
    proc = run_console("status", "materialization", *workspace_args(fixtures))
    assert proc.returncode in (0, 3), proc.stderr
    lines = proc.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:8] == ["CONNECTION", "TENANT", "PROJECT", "FEATURE_VIEW", "STATE", "FRESHNESS",
                          "LAST_MATERIALIZED", "TTL"]
    rows = [line.split("\t") for line in lines[1:]]
    assert rows and all(len(r) == len(header) for r in rows)
    tenants = {r[1] for r in rows}
    assert "fraud" in tenants or len(tenants) > 1, tenants  # tenants, not only connection names
    # A materialized view has a freshness; a never-materialized one says "-".
    assert any(r[5] != "-" for r in rows) and all(r[5] == "-" for r in rows if r[6] == "never")
    bare = run_console("status", "materialization", "--no-header", *workspace_args(fixtures))
    assert not bare.stdout.startswith("CONNECTION")
