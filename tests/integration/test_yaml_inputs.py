"""YAML inputs read as Feast reads them, or refused (issue 18).

The real binary on feature_store.yaml files, compared with what Feast's own
loader (feast.repo_config.load_repo_config: PyYAML's safe_load, then RepoConfig)
makes of the same file. PyYAML keeps the last of two equal keys, yaml-cpp the
first: the console must refuse such a file, never silently read another
registry than Feast does. Needs no server.

Run alone: FEAST_CONSOLE=build/bin/feast-console .venv/bin/python -m pytest \
    tests/integration/test_yaml_inputs.py
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import yaml

from conftest import run_console

warnings.simplefilter("ignore")

from feast.repo_config import load_repo_config  # noqa: E402

EXIT_BAD_INPUT = 5


def feast_registry_path(repo: Path) -> str:
    """The registry path Feast reads from the repo's feature_store.yaml."""
    return load_repo_config(repo, repo / "feature_store.yaml").registry.path


def one_line_error(proc) -> str:
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def write_repo(tmp_path: Path, text: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "feature_store.yaml").write_text(text)
    return repo


def test_duplicate_registry_is_refused_where_feast_reads_the_last(tmp_path):
    repo = write_repo(tmp_path, "project: dup\nprovider: local\nregistry: data/first.db\n"
                                "online_store:\n  type: sqlite\nregistry: data/second.db\n"
                                "entity_key_serialization_version: 3\n")
    # What Feast does: PyYAML keeps the last "registry".
    assert yaml.safe_load((repo / "feature_store.yaml").read_text())["registry"] == "data/second.db"
    assert feast_registry_path(repo) == "data/second.db"

    proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"))
    assert proc.returncode == EXIT_BAD_INPUT, proc.stderr
    error = one_line_error(proc)
    assert f"{repo / 'feature_store.yaml'}:6:1: duplicate key \"registry\" (line 3 and line 6)" in error
    assert "first.db" not in error and "second.db" not in error  # neither registry was opened


def test_nested_duplicate_is_refused(tmp_path):
    repo = write_repo(tmp_path, "project: dup\nregistry:\n  registry_type: file\n  path: data/a.db\n"
                                "  path: data/b.db\nprovider: local\n")
    assert feast_registry_path(repo) == "data/b.db"
    proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"))
    assert proc.returncode == EXIT_BAD_INPUT
    assert ":5:3: duplicate key \"path\" (line 4 and line 5)" in one_line_error(proc)


def test_aliases_are_read_as_feast_reads_them(tmp_path):
    """Anchors and aliases within the limits are fine: the same registry as Feast."""
    repo = write_repo(tmp_path, "project: alias\nprovider: local\nshared: &reg data/aliased.db\n"
                                "registry: *reg\nentity_key_serialization_version: 3\n")
    assert feast_registry_path(repo) == "data/aliased.db"
    proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"))
    # The console opened exactly that file (it does not exist: a load error naming it).
    assert proc.returncode != 0
    assert str(repo / "data" / "aliased.db") in one_line_error(proc)


def test_environment_variables_are_expanded_as_feast_does(tmp_path, monkeypatch):
    """Feast runs os.path.expandvars over the text before YAML reads it."""
    repo = write_repo(tmp_path, "project: envs\nprovider: local\n"
                                "registry: ${FC_TEST_DIR}/$FC_TEST_NAME.db$FC_TEST_UNSET\n")
    env = {"FC_TEST_DIR": "from env", "FC_TEST_NAME": "reg"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FC_TEST_UNSET", raising=False)
    assert feast_registry_path(repo) == "from env/reg.db$FC_TEST_UNSET"
    proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"), env=env)
    assert proc.returncode != 0
    assert str(repo / "from env" / "reg.db$FC_TEST_UNSET") in one_line_error(proc)


def test_alias_bomb_is_refused_fast(tmp_path):
    lines = ["project: bomb", "registry: data/registry.db", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    lines.append("online_store: {type: sqlite, extra: *l9}")
    repo = write_repo(tmp_path, "\n".join(lines) + "\n")
    start = time.monotonic()
    proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"), timeout=30)
    assert time.monotonic() - start < 10
    assert proc.returncode == EXIT_BAD_INPUT
    assert "aliases expand to more than 100,000 nodes" in one_line_error(proc)


def test_misspelt_workspace_key_is_named(tmp_path):
    ws = tmp_path / "ws.yaml"
    ws.write_text("name: w\nconections:\n  - name: a\n    url: grpc://127.0.0.1:1\n")
    proc = run_console("catalog", "list", "--workspace", str(ws))
    assert proc.returncode != 0
    error = one_line_error(proc)
    assert str(ws) in error
    assert 'unknown key "conections" (did you mean "connections"?)' in error


def test_text_pyyaml_refuses_is_refused_with_its_line(tmp_path):
    # PyYAML (Feast) and kubectl read only UTF-8 without control characters;
    # yaml-cpp reads both, and an invalid byte comes out as U+FFFD, so two keys
    # differing only there would be written back as one (found by fuzzing CR import).
    cases = [(b"project: p\nregistry: data/\xffregistry.db\nprovider: local\n", ":2:", "not UTF-8 text"),
             (b"project: p\nprovider: local\nregistry: data/r\x10.db\n", ":3:17:", "control character U+0010"),
             (b"project: p\x7f\n", ":1:11:", "control character U+007F")]
    for i, (raw, where, what) in enumerate(cases):
        repo = tmp_path / f"repo{i}"
        repo.mkdir()
        (repo / "feature_store.yaml").write_bytes(raw)
        try:
            yaml.safe_load(raw)
            raise AssertionError(f"PyYAML read {raw!r}")
        except yaml.YAMLError:
            pass  # Feast cannot read it either
        proc = run_console("catalog", "list", "--registry", str(repo / "feature_store.yaml"))
        assert proc.returncode == EXIT_BAD_INPUT, proc.stderr
        error = one_line_error(proc)
        assert where in error and what in error, error
    manifest = tmp_path / "cr.yaml"
    manifest.write_bytes(b"apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata:\n  name: a\xfe\n")
    proc = run_console("export-cr", "--import", str(manifest))
    assert proc.returncode != 0 and "cr.yaml:4: not UTF-8 text" in proc.stderr, proc.stderr
