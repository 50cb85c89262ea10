"""Bearer tokens really reach Feast: a registry server with OIDC auth checks them.

The OIDC provider is scripts/oidc_provider.py (discovery + JWKS on loopback);
the registry server is the real `feast serve_registry` with `auth: oidc`.
"""

from __future__ import annotations

import sys
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, Process, feast_cli, free_port, run_console, wait_for_port

sys.path.insert(0, str(ROOT / "scripts"))
import oidc_provider  # noqa: E402


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    work = tmp_path_factory.mktemp("oidc")
    provider = oidc_provider.start_server(work / "keys")
    repo = oidc_provider.init_repo(work / "repo", provider.server_address[1])
    subprocess.run([feast_cli(), "apply"], cwd=repo, check=True, capture_output=True, timeout=300)
    port = free_port()
    server = Process([feast_cli(), "serve_registry", "--port", str(port)], cwd=repo, log=work / "registry.log")
    try:
        wait_for_port(port)
        yield {"url": f"grpc://127.0.0.1:{port}", "keys": work / "keys", "work": work}
    finally:
        server.stop()
        provider.shutdown()


def token(secured, user, roles="", groups=""):
    return oidc_provider.mint_token(secured["keys"], user, roles=roles, groups=groups)


def test_token_from_environment_is_sent_and_accepted(secured):
    proc = run_console("catalog", "list", "--json", "--registry", secured["url"], "--token-env", "FEAST_TEST_TOKEN",
                       env={"FEAST_TEST_TOKEN": token(secured, "alice", roles="reader")})
    assert proc.returncode == 0, proc.stderr
    assert "driver_stats" in proc.stdout


def test_token_from_file_is_sent_and_accepted(secured):
    path = secured["work"] / "token"
    path.write_text(token(secured, "audrey", groups="auditors") + "\n")
    proc = run_console("catalog", "list", "--registry", secured["url"], "--token-file", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "secured" in proc.stdout


def test_without_a_token_the_server_refuses(secured):
    proc = run_console("catalog", "list", "--registry", secured["url"])
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert secured["url"] in proc.stderr


def test_permission_denied_exits_4(secured):
    proc = run_console("catalog", "list", "--registry", secured["url"], "--token-env", "FEAST_TEST_TOKEN",
                       env={"FEAST_TEST_TOKEN": token(secured, "mallory", roles="nobody")})
    assert proc.returncode == 4, proc.stderr
    assert "permission denied" in proc.stderr
    assert "FeastPermissionError" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_missing_token_variable_is_bad_input(secured):
    proc = run_console("catalog", "list", "--registry", secured["url"], "--token-env", "NO_SUCH_VARIABLE_X")
    assert proc.returncode == 5
    assert "NO_SUCH_VARIABLE_X" in proc.stderr
