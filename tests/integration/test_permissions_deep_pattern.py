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
PERMISSIONS_PY = f'''from feast.feature_view import FeatureView
from feast.permissions.action import AuthzedAction
from feast.permissions.permission import Permission
from feast.permissions.policy import RoleBasedPolicy

deep = Permission(name="deep", types=[FeatureView], name_patterns=[{DEEP!r}],
                  policy=RoleBasedPolicy(roles=["reader"]), actions=[AuthzedAction.DESCRIBE])
heavy = Permission(name="heavy", types=[FeatureView], name_patterns=[{CATASTROPHIC!r}],
                   policy=RoleBasedPolicy(roles=["reader"]), actions=[AuthzedAction.READ_ONLINE])
'''


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> str:
    source = tmp_path_factory.mktemp("src") / "permissions.py"
    source.write_text(PERMISSIONS_PY)
    repo = tmp_path_factory.mktemp("deep") / "repo"
    write_repo(repo, source)
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

