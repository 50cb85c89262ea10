"""Inputs the console refuses with one line naming the cause, before anything is sent (issue 18)."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import assert_one_line_error, run_console

# Nothing listens on port 1: a token check that happened after connecting would
# show up as "unreachable" (exit 3) instead of the token's own error (exit 5).
NOWHERE = "grpc://127.0.0.1:1"


def list_with(*args, env=None):
    return run_console("catalog", "list", "--registry", NOWHERE, "--timeout", "2", *args, env=env)


@pytest.mark.parametrize("content, what", [
    (b"abc\ndef\n", "a line break at character 4"),
    (b"abc\rdef", "a line break at character 4"),
    (b"ab\x07c", "the control character U+0007 at character 3"),
    (b"t\xc3\xa9st", "a non-ASCII character at character 2"),
    (b"", "is empty"),
    (b"\n", "is empty"),
])
def test_bad_token_file_is_named_not_aborted(tmp_path, content, what):
    token = tmp_path / "token"
    token.write_bytes(content)
    proc = list_with("--token-file", str(token))
    assert proc.returncode == 5, (proc.returncode, proc.stderr)  # never -SIGABRT
    assert_one_line_error(proc, f"the token file {token}", what)


def test_one_trailing_newline_of_a_token_file_is_not_part_of_the_token(tmp_path):
    token = tmp_path / "token"
    token.write_bytes(b"abc.def-ghi\n")
    proc = list_with("--token-file", str(token))
    assert proc.returncode == 3, proc.stderr  # the token was accepted: it got as far as connecting
    assert "unreachable" in proc.stderr


def test_bad_token_in_the_environment_and_literal():
    proc = list_with("--token-env", "FEAST_TEST_TOKEN", env={"FEAST_TEST_TOKEN": "a\tb"})
    assert proc.returncode == 5
    assert_one_line_error(proc, "the token variable FEAST_TEST_TOKEN", "U+0009")
    proc = list_with("--token", "ab\ncd")
    assert proc.returncode == 5
    assert_one_line_error(proc, "the literal token", "line break")


def test_endless_token_file_is_refused_without_reading_it_all():
    proc = list_with("--token-file", "/dev/zero")
    assert proc.returncode == 5
    assert_one_line_error(proc, "/dev/zero", "longer than 65536 bytes")


@pytest.mark.parametrize("url", ["grpc://admin:s3cret@127.0.0.1:6570", "grpcs://s3cret@registry.example:443",
                                 "file://admin:s3cret@/tmp/registry.db"])
def test_credentials_in_a_url_are_refused_and_never_echoed(url):
    proc = run_console("catalog", "list", "--registry", url)
    assert proc.returncode in (2, 5), proc.stderr
    assert "s3cret" not in proc.stderr and "s3cret" not in proc.stdout
    assert "credentials in the connection URL" in proc.stderr and "--token-file" in proc.stderr


def test_credentials_in_a_workspace_url_are_refused(tmp_path):
    ws = tmp_path / "ws.yaml"
    ws.write_text("name: w\nconnections:\n  - name: prod\n    url: grpc://bob:s3cret@10.0.0.1:6570\n")
    proc = run_console("catalog", "list", "--workspace", str(ws))
    assert proc.returncode == 5
    assert "s3cret" not in proc.stderr
    assert_one_line_error(proc, "prod", "credentials in the connection URL")


def test_a_huge_value_is_cut_in_the_message(tmp_path):
    huge = "x" * 100_000  # one argument may hold at most 128 KiB
    proc = run_console("catalog", "list", "--registry", NOWHERE, "--kind", huge)
    assert proc.returncode == 2
    assert len(proc.stderr) < 2000, len(proc.stderr)
    assert "more bytes not shown" in proc.stderr


def test_tls_files_that_are_not_pem_are_named_not_unreachable(tmp_path):
    junk = tmp_path / "ca.pem"
    junk.write_bytes(os.urandom(3000))
    proc = run_console("catalog", "list", "--registry", "grpcs://127.0.0.1:1", "--ca", str(junk))
    assert proc.returncode == 5
    assert_one_line_error(proc, f"the CA file {junk} is not a PEM certificate")
    proc = run_console("catalog", "list", "--registry", "grpcs://127.0.0.1:1", "--ca", "/dev/zero")
    assert proc.returncode == 5
    assert_one_line_error(proc, "the CA file /dev/zero is not a regular file")


def test_a_client_key_that_is_not_pem_is_named(tmp_path):
    ca = tmp_path / "ca.pem"
    key = tmp_path / "client.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(ca), "-days", "1", "-subj", "/CN=test"], check=True, capture_output=True)
    bad_key = tmp_path / "bad.key"
    bad_key.write_text("not a key\n")
    proc = run_console("catalog", "list", "--registry", "grpcs://127.0.0.1:1", "--ca", str(ca),
                       "--cert", str(ca), "--key", str(bad_key))
    assert proc.returncode == 5
    assert_one_line_error(proc, f"the client key {bad_key} is not a PEM private key")
    # The real pair gets as far as connecting.
    proc = run_console("catalog", "list", "--registry", "grpcs://127.0.0.1:1", "--ca", str(ca),
                       "--cert", str(ca), "--key", str(key), "--timeout", "2")
    assert proc.returncode == 3, proc.stderr
