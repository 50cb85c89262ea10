"""Issue 18: a registry that holds a pathological name pattern.

Feast stores a permission whose name pattern nests 3,000 groups (`feast apply`
accepts it: patterns are compiled only when matched) next to one with the
issue's catastrophic pattern. Every console command that reads the registry
keeps working: list and show, the lint (the deep one is unreadable), the
matrix and check (error: Feast's enforcer matches every permission's patterns
against a feature view, and raises RecursionError on the deep one).
"""

from __future__ import annotations

import json
import pytest

from conftest import run_console
from test_permissions_admin import PROJECT, feast_apply, write_repo

DEEP = "(" * 3000 + "driver" + ")" * 3000
CATASTROPHIC = "(?:([a-z]+_?)+_v[0-9]+|[a-z_]+_latest)"
PERMISSIONS_PY = f'''from datetime import timedelta
from feast import Entity, Field, FileSource, ValueType
from feast.feature_view import FeatureView
from feast.types import Int64
from feast.permissions.action import AuthzedAction
from feast.permissions.permission import Permission
from feast.permissions.policy import RoleBasedPolicy

deep = Permission(name="deep", types=[FeatureView], name_patterns=[{DEEP!r}],
                  policy=RoleBasedPolicy(roles=["reader"]), actions=[AuthzedAction.DESCRIBE])
heavy = Permission(name="heavy", types=[FeatureView], name_patterns=[{CATASTROPHIC!r}],
                   policy=RoleBasedPolicy(roles=["reader"]), actions=[AuthzedAction.READ_ONLINE])
driver_id = Entity(name="driver_id", join_keys=["driver_id"], value_type=ValueType.INT64)
driver = FeatureView(name="driver", entities=[driver_id], ttl=timedelta(days=1),
                     schema=[Field(name="trips", dtype=Int64)],
                     source=FileSource(name="driver_src", path="driver.parquet", timestamp_field="ts"))
'''


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> str:
    source = tmp_path_factory.mktemp("src") / "permissions.py"
    source.write_text(PERMISSIONS_PY)
    repo = tmp_path_factory.mktemp("deep") / "repo"
    write_repo(repo, source)
    import pandas as pd  # Feast's own dependency: the view's source must exist for `feast apply`
    pd.DataFrame({"driver_id": [1], "trips": [3], "ts": [pd.Timestamp("2026-01-01", tz="UTC")]}).to_parquet(
        repo / "driver.parquet")
    feast_apply(repo)
    return f"file://{repo / 'registry.db'}"


def test_every_command_survives_a_deep_pattern(registry):
    listed = run_console("permissions", "list", "--registry", registry, "--json")
    assert listed.returncode == 0, listed.stderr
    assert {p["name"] for p in json.loads(listed.stdout)} == {"deep", "heavy"}

    shown = run_console("permissions", "show", PROJECT, "deep", "--registry", registry, "--json")
    assert shown.returncode == 0, shown.stderr
    warnings = json.loads(shown.stdout)["warnings"]
    assert any("RecursionError" in w and len(w) < 300 for w in warnings), warnings

    lint = run_console("permissions", "lint", "--registry", registry, "--json")
    assert lint.returncode == 5, lint.stderr
    findings = json.loads(lint.stdout)
    assert any(f["permission"] == "deep" and f["kind"] == "unreadable" and f["severity"] == "error"
               for f in findings), findings

    matrix = run_console("permissions", "matrix", "--registry", registry, "--identity", "name=u;roles=reader")
    assert matrix.returncode == 0, matrix.stderr
    assert matrix.stdout.startswith("registry,project,kind,name,principal,action,decision,permissions")

    for name, action, decision in [("driver", "describe", "error"),
                                   ("customer_transaction_stats_latest", "read_online", "error"),
                                   ("customer_stats_v1", "read_online", "error")]:
        check = run_console("permissions", "check", "--registry", registry, "--user", "name=u;roles=reader",
                            "--resource", f"feature_view:{PROJECT}:{name}", "--action", action, "--json")
        assert check.returncode == 0, check.stderr
        answer = json.loads(check.stdout)
        assert answer["decision"] == decision and "RecursionError" in answer["explanation"], answer



def test_who_can_and_what_can_name_the_undecidable(registry):
    # Where the decision is an error, who-can lists the principal with its
    # error and what-can lists the action as undecided: never silently left out.
    who = run_console("permissions", "who-can", "--registry", registry,
                      "--resource", f"feature_view:{PROJECT}:driver", "--action", "describe", "--json")
    assert who.returncode == 0, who.stderr
    rows = json.loads(who.stdout)
    assert [(r["principal"], r["decision"]) for r in rows] == [("role:reader", "error")], rows
    assert "RecursionError" in rows[0]["explanation"]

    text = run_console("permissions", "who-can", "--registry", registry,
                       "--resource", f"feature_view:{PROJECT}:driver", "--action", "describe")
    assert text.returncode == 0 and text.stdout.startswith("role:reader\terror\t"), text.stdout

    what = run_console("permissions", "what-can", "--registry", registry, "--user", "name=u;roles=reader",
                       "--kind", "feature_view", "--json")
    assert what.returncode == 0, what.stderr
    undecided = [r for r in json.loads(what.stdout) if r.get("undecided")]
    assert undecided and all("describe" in r["undecided"] for r in undecided), what.stdout
