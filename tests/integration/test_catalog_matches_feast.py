"""`feast-console catalog list --json` equals what Feast's own SDK lists."""

from __future__ import annotations

import json

import pytest

from conftest import feast_catalog, run_console, server

KEY_FIELDS = ("project", "kind", "name", "feature_view", "dtype")


def keyed(items: list[dict]) -> list[tuple]:
    return sorted(tuple(item.get(k, "") for k in KEY_FIELDS) for item in items)


def console_args(s: dict) -> list[str]:
    args = ["--registry", s["url"]]
    if s.get("ca_cert"):
        args += ["--ca", s["ca_cert"]]
    if s["mode"] == "shared":
        args += ["--tenant-tag", s.get("tenant_tag") or "team"]
    return args


@pytest.mark.parametrize("name", ["shared", "shared-tls", "team-alpha", "team-beta"])
def test_console_lists_what_feast_lists(fixtures, name):
    s = server(fixtures, name)
    proc = run_console("catalog", "list", "--json", *console_args(s))
    assert proc.returncode == 0, proc.stderr
    console = json.loads(proc.stdout)
    feast_args = ["--remote", s["url"]] + (["--ca", s["ca_cert"]] if s.get("ca_cert") else [])
    feast = feast_catalog(*feast_args)
    assert keyed(console) == keyed(feast)
    assert {item["kind"] for item in console} >= {"project", "entity", "feature_view", "feature"}
    assert all(item["registry"] == s["url"] for item in console)


def test_registry_file_lists_what_feast_lists(fixtures):
    s = server(fixtures, "shared")
    proc = run_console("catalog", "list", "--json", "--registry", "file://" + s["registry"])
    assert proc.returncode == 0, proc.stderr
    assert keyed(json.loads(proc.stdout)) == keyed(feast_catalog("--repo", s["serve_repo"]))


def test_feature_store_yaml_connection(fixtures):
    s = server(fixtures, "team-alpha")
    repo = s["repos"][0]
    proc = run_console("catalog", "list", "--json", "--registry", repo + "/feature_store.yaml")
    assert proc.returncode == 0, proc.stderr
    assert keyed(json.loads(proc.stdout)) == keyed(feast_catalog("--repo", repo))


def test_shared_registry_tenants_come_from_the_team_tag(fixtures):
    s = server(fixtures, "shared")
    proc = run_console("catalog", "list", "--json", "--kind", "project", *console_args(s))
    assert proc.returncode == 0, proc.stderr
    tenants = {item["project"]: item["tenant"] for item in json.loads(proc.stdout)}
    assert tenants == {"fraud_detection": "fraud", "marketing": "growth", "credit_risk": "risk"}

    proc = run_console("catalog", "list", "--json", "--tenant", "growth", *console_args(s))
    assert proc.returncode == 0, proc.stderr
    assert {item["project"] for item in json.loads(proc.stdout)} == {"marketing"}


def test_workspace_spans_shared_and_isolated_registries(fixtures):
    proc = run_console("catalog", "list", "--json", "--kind", "feature_view", "--workspace", fixtures["workspace"])
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)
    assert {item["tenant"] for item in items} >= {"fraud", "growth", "risk", "team-alpha", "team-beta"}
    assert {item["registry"] for item in items} >= {"shared", "team-alpha", "team-beta"}


def test_show_gives_the_full_object(fixtures):
    s = server(fixtures, "shared")
    views = [i for i in json.loads(run_console("catalog", "list", "--json", "--kind", "feature_view",
                                                *console_args(s)).stdout)]
    view = views[0]
    proc = run_console("catalog", "show", "feature_view", view["project"], view["name"], "--json", *console_args(s))
    assert proc.returncode == 0, proc.stderr
    detail = json.loads(proc.stdout)
    assert detail["name"] == view["name"]
    assert detail["detail"]["spec"]["name"] == view["name"]
    assert detail["detail"]["spec"]["project"] == view["project"]
    feast_features = [i for i in feast_catalog("--remote", s["url"])
                      if i["kind"] == "feature" and i["feature_view"] == view["name"] and i["project"] == view["project"]]
    assert sorted(f["name"] for f in detail["features"]) == sorted(f["name"] for f in feast_features)


def test_search_ranks_across_tenants(fixtures):
    proc = run_console("catalog", "search", "customer", "--json", "--workspace", fixtures["workspace"])
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert hits, "no hits"
    assert hits[0]["name"] == "customer" or hits[0]["name"].startswith("customer")
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
