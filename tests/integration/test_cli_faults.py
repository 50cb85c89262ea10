"""Bad input and faults: documented exit codes, one clear line, no partial output."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import free_port, run_console, server


def assert_one_line_error(proc, *words):
    assert proc.stdout == "", "nothing may be printed as if complete"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for w in words:
        assert w in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


def test_unreachable_port_exits_3():
    url = f"grpc://127.0.0.1:{free_port()}"
    proc = run_console("catalog", "list", "--registry", url, "--timeout", "5")
    assert proc.returncode == 3
    assert_one_line_error(proc, url, "unreachable")


def test_truncated_registry_exits_5(fixtures, tmp_path):
    data = Path(server(fixtures, "shared")["registry"]).read_bytes()
    bad = tmp_path / "truncated.db"
    bad.write_bytes(data[: len(data) // 3])
    proc = run_console("catalog", "list", "--registry", str(bad))
    assert proc.returncode == 5
    assert_one_line_error(proc, str(bad), "not a valid Feast registry")


def test_random_bytes_exit_5(tmp_path):
    bad = tmp_path / "random.db"
    bad.write_bytes(os.urandom(8192))
    proc = run_console("catalog", "list", "--registry", "file://" + str(bad))
    assert proc.returncode == 5
    assert_one_line_error(proc, str(bad))


def test_missing_registry_file_exits_5(tmp_path):
    proc = run_console("catalog", "list", "--registry", str(tmp_path / "nothing.db"))
    assert proc.returncode == 5
    assert_one_line_error(proc, "does not exist")


def test_feature_store_yaml_without_registry_exits_5(tmp_path):
    yaml = tmp_path / "feature_store.yaml"
    yaml.write_text("project: p\nprovider: local\n")
    proc = run_console("catalog", "list", "--registry", str(yaml))
    assert proc.returncode == 5
    assert_one_line_error(proc, str(yaml), "no \"registry\"")


def test_feature_store_yaml_with_unknown_registry_type_exits_5(tmp_path):
    yaml = tmp_path / "feature_store.yaml"
    yaml.write_text("project: p\nregistry:\n  registry_type: zookeeper\n  path: x\n")
    proc = run_console("catalog", "list", "--registry", str(yaml))
    assert proc.returncode == 5
    assert_one_line_error(proc, "unknown registry type \"zookeeper\"")


def test_usage_errors_exit_2():
    assert run_console("catalog", "frobnicate", "--registry", "grpc://127.0.0.1:1").returncode == 2
    assert run_console("catalog", "show", "entity", "--registry", "grpc://127.0.0.1:1").returncode == 2
    assert run_console("catalog", "list").returncode == 2
    assert run_console("catalog", "list", "--kind", "nonsense", "--registry", "grpc://127.0.0.1:1").returncode == 2


def test_unknown_object_exits_5(fixtures):
    s = server(fixtures, "team-alpha")
    proc = run_console("catalog", "show", "entity", "alpha_recs", "no_such_entity", "--registry", s["url"])
    assert proc.returncode == 5
    assert "no_such_entity" in proc.stderr


def test_one_failure_is_never_passed_off_as_complete(fixtures, tmp_path):
    good = server(fixtures, "team-beta")["url"]
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x08\x96\x01 not a registry")
    proc = run_console("catalog", "list", "--json", "--registry", good, "--registry", str(bad))
    assert proc.returncode == 5
    assert proc.stdout == ""
    assert str(bad) in proc.stderr

    proc = run_console("catalog", "list", "--json", "--partial", "--registry", good, "--registry", str(bad))
    assert proc.returncode == 5, "the exit code still reports the failure"
    items = json.loads(proc.stdout)
    assert items and all(i["registry"] == good for i in items)


def test_workspace_with_a_secret_is_refused(tmp_path):
    ws = tmp_path / "ws.yaml"
    ws.write_text("name: x\nconnections:\n  - {name: a, url: 'grpc://127.0.0.1:1', token: {value: s3cr3t}}\n")
    proc = run_console("catalog", "list", "--workspace", str(ws))
    assert proc.returncode == 5
    assert "never hold secrets" in proc.stderr
