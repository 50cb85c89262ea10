"""Permission administration against a real `feast serve_registry`, and the
GitOps export round trip.

Starts its own scratch registry (feature repo with the fraud fixture's
permissions, every policy kind) so it needs no ctest fixture and never touches
the shared servers.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_console

FEAST = str(Path(sys.executable).with_name("feast"))
FIXTURE_PERMISSIONS = ROOT / "tests" / "fixtures" / "shared" / "fraud_detection" / "permissions.py"
PROJECT = "perm_admin"


def write_repo(path: Path, permissions_py: Path) -> None:
    path.mkdir(parents=True)
    (path / "feature_store.yaml").write_text(
        f"project: {PROJECT}\nprovider: local\n"
        f"registry:\n  registry_type: file\n  path: {path / 'registry.db'}\n  cache_ttl_seconds: 0\n"
        f"online_store:\n  type: sqlite\n  path: {path / 'online.db'}\n"
        "offline_store:\n  type: file\nentity_key_serialization_version: 3\nauth:\n  type: no_auth\n")
    shutil.copy(permissions_py, path / "permissions.py")


def feast_apply(repo: Path) -> None:
    proc = subprocess.run([FEAST, "--chdir", str(repo), "apply"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def feast_permissions(repo: Path) -> dict:
    code = ("import json,sys\nfrom feast import FeatureStore\n"
            "s=FeatureStore(repo_path=sys.argv[1])\n"
            "import pickle\nsys.stdout.buffer.write(pickle.dumps({p.name: p for p in s.list_permissions()}))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    import pickle
    return pickle.loads(proc.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("perms") / "repo"
    write_repo(path, FIXTURE_PERMISSIONS)
    feast_apply(path)
    return path


def serve_registry(repo: Path):
    """Starts `feast serve_registry` on a free port for `repo`; returns (process, log, url) once it answers."""
    port = free_port()
    log = open(repo / "server.log", "wb")
    proc = subprocess.Popen([FEAST, "--chdir", str(repo), "serve_registry", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"grpc://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if run_console("permissions", "list", "--registry", url).returncode == 0:
            return proc, log, url
        time.sleep(0.5)
    proc.kill()
    pytest.fail("feast serve_registry did not come up: " + (repo / "server.log").read_text())


@pytest.fixture(scope="module")
def server(repo):
    proc, log, url = serve_registry(repo)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def test_export_round_trip(repo, tmp_path):
    """`feast apply` of the exported permissions.py recreates equal Permission objects."""
    out = tmp_path / "permissions.py"
    proc = run_console("permissions", "export", "--registry", f"file://{repo / 'registry.db'}",
                       "--project", PROJECT, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    copy = tmp_path / "copy"
    write_repo(copy, out)
    feast_apply(copy)
    original, recreated = feast_permissions(repo), feast_permissions(copy)
    assert len(original) == 5
    assert set(original) == set(recreated)
    for name, permission in original.items():
        assert recreated[name] == permission, name


def test_list_and_show(server):
    proc = run_console("permissions", "list", "--registry", server, "--json")
    assert proc.returncode == 0, proc.stderr
    names = {p["name"]: p for p in json.loads(proc.stdout)}
    assert names["fraud_data_engineers"]["policy"] == {"kind": "group_namespace", "groups": ["data-eng"],
                                                       "namespaces": ["fraud-prod"]}
    proc = run_console("permissions", "show", PROJECT, "fraud_analysts_read", "--registry", server, "--json")
    shown = json.loads(proc.stdout)
    assert any("required_tags has no effect" in w for w in shown["warnings"])
    # One wording: show says what the lint (and the editor) say of the same fields.
    lint = run_console("permissions", "lint", "--registry", server, "--json")
    surprises = [f for f in json.loads(lint.stdout)
                 if f["permission"] == "fraud_analysts_read" and f["kind"] == "field_surprise"]
    assert surprises and shown["warnings"] == [f["message"] for f in surprises]
    text = run_console("permissions", "show", PROJECT, "fraud_analysts_read", "--registry", server).stdout
    for f in surprises:
        assert f"{f['severity']}: {f['field']}: {f['message']}" in text.splitlines()


def test_apply_delete_undo(server, tmp_path):
    spec = tmp_path / "new.yaml"
    spec.write_text(f"name: console_readers\nproject: {PROJECT}\ntypes: [FEATURE_VIEW]\n"
                    "name_patterns: ['driver_.*']\nactions: [READ, DESCRIBE]\npolicy: {roles: [reader]}\n")
    env = {"XDG_DATA_HOME": str(tmp_path / "state")}
    proc = run_console("permissions", "apply", str(spec), "--registry", server, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "create permission" in proc.stdout and "+ roles: reader" in proc.stdout

    check = run_console("permissions", "check", "--registry", server, "--user", "name=a;roles=reader",
                        "--resource", f"feature_view:{PROJECT}:driver_stats", "--action", "read_online", "--json")
    assert json.loads(check.stdout)["permissions"] == ["console_readers"], check.stdout

    # An edit shows the field-by-field diff; --dry-run writes nothing.
    spec.write_text(spec.read_text().replace("roles: [reader]", "roles: [reader, analyst]"))
    dry = run_console("permissions", "apply", str(spec), "--registry", server, "--dry-run", env=env)
    assert "- roles: reader" in dry.stdout and "+ roles: reader, analyst" in dry.stdout
    # ... and its impact (the scratch repo holds no feature views, so nothing changes here).
    assert "impact: 0 gained, 0 lost" in dry.stdout, dry.stdout
    # A new permission on the project itself: role:newcomer gains DESCRIBE on it.
    probe = tmp_path / "probe.yaml"
    probe.write_text(f"name: probe\nproject: {PROJECT}\ntypes: [PROJECT]\nactions: [DESCRIBE]\n"
                     "policy: {roles: [newcomer]}\n")
    dry_text = run_console("permissions", "apply", str(probe), "--registry", server, "--dry-run", env=env)
    assert dry_text.returncode == 0, dry_text.stderr
    assert f"+ role:newcomer DESCRIBE project {PROJECT}/{PROJECT} (denied -> granted)" in dry_text.stdout, dry_text.stdout
    dry_json = run_console("permissions", "apply", str(probe), "--registry", server, "--dry-run", "--json", env=env)
    assert dry_json.returncode == 0, dry_json.stderr
    impact = [json.loads(line)["impact"] for line in dry_json.stdout.splitlines() if '"impact"' in line][0]
    assert impact["gained_count"] == len(impact["gained"]) == 1 and impact["lost_count"] == 0
    assert impact["gained"][0] == {"principal": "role:newcomer", "kind": "project", "project": PROJECT,
                                   "name": PROJECT, "action": "describe", "before": "denied", "after": "granted"}
    assert run_console("permissions", "show", PROJECT, "probe", "--registry", server).returncode == 5
    assert run_console("permissions", "apply", str(spec), "--registry", server, env=env).returncode == 0

    # Undo restores the previous version.
    assert run_console("permissions", "undo", "--registry", server, env=env).returncode == 0, "undo failed"
    shown = json.loads(run_console("permissions", "show", PROJECT, "console_readers", "--registry", server,
                                   "--json").stdout)
    assert shown["policy"]["roles"] == ["reader"]

    # Someone else changes it after our change: undo refuses.
    assert run_console("permissions", "apply", str(spec), "--registry", server, env=env).returncode == 0
    other = tmp_path / "other.yaml"
    other.write_text(spec.read_text().replace("analyst", "auditor"))
    assert run_console("permissions", "apply", str(other), "--registry", server,
                       env={"XDG_DATA_HOME": str(tmp_path / "other-admin")}).returncode == 0
    refused = run_console("permissions", "undo", "--registry", server, env=env)
    assert refused.returncode == 1 and "changed after the last change" in refused.stderr

    dry_delete = run_console("permissions", "delete", PROJECT, "console_readers", "--registry", server, "--dry-run",
                             "--json", env=env)
    assert dry_delete.returncode == 0, dry_delete.stderr
    impact = [json.loads(line)["impact"] for line in dry_delete.stdout.splitlines() if '"impact"' in line][0]
    assert impact["gained_count"] == 0 and impact["lost_count"] == len(impact["lost"])
    assert not impact["unprotected"]  # the fixture's permissions remain
    assert run_console("permissions", "show", PROJECT, "console_readers", "--registry", server).returncode == 0

    deleted = run_console("permissions", "delete", PROJECT, "console_readers", "--registry", server, env=env)
    assert deleted.returncode == 0, deleted.stderr
    missing = run_console("permissions", "show", PROJECT, "console_readers", "--registry", server)
    assert missing.returncode == 5


def test_validation_and_read_only(server, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"name: broken\nproject: {PROJECT}\nname_patterns: ['(?<name>x)', 'a**']\nactions: []\n"
                   "policy: allow_all\n")
    proc = run_console("permissions", "apply", str(bad), "--registry", server)
    assert proc.returncode == 5
    assert "unknown extension ?<n" in proc.stderr and "multiple repeat" in proc.stderr
    assert "no actions" in proc.stderr and "allow-all" in proc.stderr

    workspace = tmp_path / "ws.yaml"
    workspace.write_text(f"name: w\nconnections:\n  - name: prod\n    url: {server}\n    read_only: true\n")
    good = tmp_path / "good.yaml"
    good.write_text(f"name: ok\nproject: {PROJECT}\npolicy: {{roles: [x]}}\n")
    proc = run_console("permissions", "apply", str(good), "--workspace", str(workspace))
    assert proc.returncode == 5 and "read-only" in proc.stderr


CLEAN_PERMISSIONS = '''from feast.feast_object import ALL_RESOURCE_TYPES
from feast.permissions.action import AuthzedAction
from feast.permissions.permission import Permission
from feast.permissions.policy import RoleBasedPolicy

viewers = Permission(
    name="viewers",
    types=ALL_RESOURCE_TYPES,
    actions=[AuthzedAction.DESCRIBE],
    policy=RoleBasedPolicy(roles=["viewer"]),
)
'''


def test_lint_findings_and_exit_code(server):
    """The fraud fixture's permissions on a repo without views: known findings, exit 5."""
    proc = run_console("permissions", "lint", "--registry", server, "--project", PROJECT)
    assert proc.returncode == 5, proc.stdout + proc.stderr
    lines = [line.split("\t") for line in proc.stdout.splitlines()]
    assert all(len(fields) == 6 for fields in lines), proc.stdout
    surprise = [f for f in lines if f[2] == "fraud_analysts_read" and f[3] == "field_surprise"]
    assert surprise and "required_tags has no effect" in surprise[0][5], proc.stdout
    assert surprise[0][1] == PROJECT and surprise[0][4] == "warning"

    as_json = run_console("permissions", "lint", "--registry", server, "--project", PROJECT, "--json")
    assert as_json.returncode == 5, as_json.stderr
    findings = json.loads(as_json.stdout)
    assert len(findings) == len(lines)
    assert {"registry", "tenant", "project", "permission", "kind", "severity", "field", "message"} <= set(findings[0])
    required = [f for f in findings if f["permission"] == "fraud_analysts_read" and f["kind"] == "field_surprise"]
    assert required and required[0]["field"] == "required_tags" and required[0]["project"] == PROJECT

    # Another project's filter sees none of them.
    other = run_console("permissions", "lint", "--registry", server, "--project", "no_such_project", "--json")
    assert other.returncode == 0 and json.loads(other.stdout) == [], other.stdout + other.stderr


def test_lint_clean_set_exits_zero(tmp_path):
    permissions_py = tmp_path / "clean_permissions.py"
    permissions_py.write_text(CLEAN_PERMISSIONS)
    repo = tmp_path / "clean"
    write_repo(repo, permissions_py)
    feast_apply(repo)
    registry = f"file://{repo / 'registry.db'}"
    proc = run_console("permissions", "lint", "--registry", registry)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    as_json = run_console("permissions", "lint", "--registry", registry, "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == [], as_json.stdout


def test_lint_connection_errors_and_usage():
    unreachable = run_console("permissions", "lint", "--registry", f"grpc://127.0.0.1:{free_port()}")
    assert unreachable.returncode == 3 and unreachable.stdout == "", unreachable.stdout + unreachable.stderr
    assert run_console("permissions", "lint", "extra", "--registry", "grpc://127.0.0.1:1").returncode == 2
    unknown = run_console("permissions", "lnit", "--registry", "grpc://127.0.0.1:1")
    assert unknown.returncode == 2 and "lint" in unknown.stderr


def test_writes_warn_unless_the_registry_is_known_to_be_sql(server, tmp_path):
    """This scratch server keeps a registry file: concurrent writers can lose objects (issue 18)."""
    spec = tmp_path / "warned.yaml"
    spec.write_text(f"name: warned_readers\nproject: {PROJECT}\ntypes: [FEATURE_VIEW]\n"
                    "actions: [DESCRIBE]\npolicy: {roles: [reader]}\n")
    env = {"XDG_DATA_HOME": str(tmp_path / "state")}
    dry = run_console("permissions", "apply", str(spec), "--registry", server, "--dry-run", env=env)
    assert dry.returncode == 0 and "warning" not in dry.stderr, dry.stderr  # a dry run writes nothing

    unknown = run_console("permissions", "apply", str(spec), "--registry", server, env=env)
    assert unknown.returncode == 0, unknown.stderr
    first = unknown.stderr.splitlines()[0]
    assert first.startswith("feast-console: warning: ") and "cannot tell whether" in first
    assert "registry_store: sql" in first

    declared_file = run_console("permissions", "delete", PROJECT, "warned_readers", "--registry", server,
                                "--registry-store", "file", env=env)
    assert declared_file.returncode == 0, declared_file.stderr
    assert "serves a registry file" in declared_file.stderr and "SQL registry" in declared_file.stderr

    workspace = tmp_path / "ws.yaml"
    workspace.write_text(f"connections:\n  - {{name: scratch, url: '{server}', registry_store: sql}}\n")
    quiet = run_console("permissions", "apply", str(spec), "--workspace", str(workspace), env=env)
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    assert run_console("permissions", "delete", PROJECT, "warned_readers", "--workspace", str(workspace),
                       env=env).returncode == 0

    wrong = run_console("permissions", "apply", str(spec), "--registry", server, "--registry-store", "nfs", env=env)
    assert wrong.returncode == 2 and "--registry-store must be sql or file" in wrong.stderr
