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


# --- numbers, ports and usage errors (issue 18) ------------------------------

BAD_TIMEOUTS = ["nan", "3e6", "inf", "0.0001", "-1", "12s"]


def test_numbers_out_of_range_are_usage_errors():
    """`--timeout nan` used to hang forever; 3e6, inf and 0.0001 overflowed or
    truncated into the false "deadline must be positive". Each is refused at
    once with what is allowed."""
    for value in BAD_TIMEOUTS:
        expected = f"--timeout must be a number of seconds between 0.001 and 86400, got '{value}'"
        for args in (["catalog", "list", "--registry", "grpc://127.0.0.1:1"],
                     ["status", "latency", "--metrics-url", "http://127.0.0.1:1/metrics"],
                     ["status", "materialization", "--registry", "grpc://127.0.0.1:1"]):
            proc = run_console(*args, "--timeout", value, timeout=20)
            assert proc.returncode == 2, (args, value, proc.stderr)
            assert expected in proc.stderr, proc.stderr
    for flag, value, words in (("--window", "1.5", "--window must be a whole number of seconds between 1 and 31536000"),
                               ("--rate", "nan", "--rate must be a number of requests per second"),
                               ("--concurrency", "0", "--concurrency must be a whole number between 1 and 1024"),
                               ("--duration", "inf", "--duration must be a number of seconds")):
        proc = run_console("status", "latency", "--probe-url", "http://127.0.0.1:1", "--probe-features", "v:f",
                           "--probe-entities", "id=1", flag, value, timeout=20)
        assert proc.returncode == 2 and words in proc.stderr, (flag, proc.stderr)
    for flag, value, words in (("--limit", "1e3", "--limit must be a whole number between 1 and 1000000"),
                               ("--ttl-factor", "nan", "--ttl-factor must be a number between 0.001 and 1000000"),
                               ("--stale-after", "inf", "--stale-after must be a number of seconds")):
        proc = run_console("status", "materialization", "--registry", "grpc://127.0.0.1:1", flag, value, timeout=20)
        assert proc.returncode == 2 and words in proc.stderr, (flag, proc.stderr)


def test_workspace_numbers_are_checked(tmp_path):
    ws = tmp_path / "ws.yaml"
    for value in ("3e6", ".inf", ".nan", "0.0001"):
        ws.write_text(f"name: x\nconnections:\n  - {{name: a, url: 'grpc://127.0.0.1:1', deadline_seconds: {value}}}\n")
        proc = run_console("catalog", "list", "--workspace", str(ws), timeout=20)
        assert proc.returncode == 5, proc.stderr
        assert_one_line_error(proc, f"connection \"a\": deadline_seconds must be a number of seconds between 0.001 and 86400, got '{value}'")


def test_ports_outside_1_to_65535_never_reach_another_port(tmp_path):
    """gRPC reads host:99999 as port 34463: the console refuses it instead."""
    proc = run_console("catalog", "list", "--registry", "grpc://127.0.0.1:99999", timeout=20)
    assert proc.returncode == 2, proc.stderr
    assert "port must be a whole number between 1 and 65535, got '99999'" in proc.stderr
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "feature_store.yaml").write_text("project: p\nregistry:\n  registry_type: remote\n  path: 127.0.0.1:99999\n"
                                             "provider: local\n")
    proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"), timeout=20)
    assert proc.returncode == 5, proc.stderr
    assert_one_line_error(proc, "remote registry path \"127.0.0.1:99999\": port must be a whole number between 1 and 65535")
    ws = tmp_path / "ws.yaml"
    ws.write_text("name: x\nconnections:\n  - {name: a, url: 'grpc://127.0.0.1:1', metrics_url: 'http://127.0.0.1:99999/metrics'}\n")
    proc = run_console("status", "latency", "--workspace", str(ws), timeout=20)
    assert proc.returncode == 5, proc.stderr
    assert "metrics_url: port must be a whole number between 1 and 65535, got '99999'" in proc.stderr
    proc = run_console("status", "latency", "--prometheus-url", "http://127.0.0.1:0", timeout=20)
    assert proc.returncode == 2 and "--prometheus-url: port must" in proc.stderr, proc.stderr


def test_more_usage_errors_exit_2(tmp_path):
    # A series status latency never prints: a typo, not a template to ask for.
    proc = run_console("status", "latency", "--prometheus-url", "http://127.0.0.1:1",
                       "--promql", "request_latency_p99_mss=vector(1)", timeout=20)
    assert proc.returncode == 2 and 'unknown series "request_latency_p99_mss"' in proc.stderr, proc.stderr
    # A resource without a name.
    for resource in ("feature_view::", "feature_view:p:", "feature_view::name"):
        proc = run_console("permissions", "check", "--user", "name=alice", "--resource", resource, "--action", "describe",
                           "--registry", "grpc://127.0.0.1:1", timeout=20)
        assert proc.returncode == 2, (resource, proc.stderr)
        assert "--resource needs KIND:PROJECT:NAME with a project and a name" in proc.stderr, proc.stderr
    # A permission file with nothing in it.
    for text in ("", "\n  \n"):
        empty = tmp_path / "empty.yaml"
        empty.write_text(text)
        proc = run_console("permissions", "apply", str(empty), "--registry", "grpc://127.0.0.1:1", timeout=20)
        assert proc.returncode == 2, proc.stderr
        assert "holds no permission" in proc.stderr, proc.stderr
