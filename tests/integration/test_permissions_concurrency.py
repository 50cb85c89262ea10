"""Two console users writing the same permission at the same moment (issue 18).

Feast has no compare-and-swap: the console re-reads before writing, and reads
the permission and a census of the registry back after writing. Whatever the
interleaving, an edit is never lost silently: of two conflicting edits at most
one reports success, and that one is what the server holds. Run against a
SQL-backed registry server (what Feast's guide recommends for concurrent
writers) and a file-backed one, where Feast's own race can lose objects: there
the console must report the loss, never success over it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import console_path, run_console
from test_permissions_admin import FIXTURE_PERMISSIONS, PROJECT, feast_apply, serve_registry

ROUNDS = 50


def make_repo(path: Path, registry: str) -> Path:
    path.mkdir(parents=True)
    (path / "feature_store.yaml").write_text(
        f"project: {PROJECT}\nprovider: local\nregistry:\n{registry}"
        f"online_store:\n  type: sqlite\n  path: {path / 'online.db'}\n"
        "offline_store:\n  type: file\nentity_key_serialization_version: 3\nauth:\n  type: no_auth\n")
    (path / "permissions.py").write_text(FIXTURE_PERMISSIONS.read_text())
    feast_apply(path)
    return path


@pytest.fixture(params=["sql", "file"])
def registry_server(request, tmp_path):
    if request.param == "sql":
        registry = (f"  registry_type: sql\n  path: sqlite:///{tmp_path / 'registry.sqlite'}\n"
                    "  cache_ttl_seconds: 0\n")
    else:
        registry = f"  registry_type: file\n  path: {tmp_path / 'repo' / 'registry.db'}\n  cache_ttl_seconds: 0\n"
    repo = make_repo(tmp_path / "repo", registry)
    proc, log, url = serve_registry(repo)
    yield request.param, url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


class Judge:
    """What the server holds, asked through Feast's own gRPC classes, past its cache
    (cache_ttl_seconds: 0 means "cache forever" to Feast)."""

    def __init__(self, url: str):
        import grpc
        from feast.protos.feast.registry import RegistryServer_pb2, RegistryServer_pb2_grpc
        self.messages = RegistryServer_pb2
        self.channel = grpc.insecure_channel(url.removeprefix("grpc://"))
        self.stub = RegistryServer_pb2_grpc.RegistryServerStub(self.channel)

    def permissions(self) -> int:
        request = self.messages.ListPermissionsRequest(project=PROJECT, allow_cache=False)
        return len(self.stub.ListPermissions(request, timeout=30).permissions)

    def roles(self) -> list[str] | None:
        request = self.messages.GetPermissionRequest(project=PROJECT, name="contested", allow_cache=False)
        try:
            return list(self.stub.GetPermission(request, timeout=30).spec.policy.role_based_policy.roles)
        except Exception:  # noqa: BLE001 - not found (Feast reports it as INTERNAL or NOT_FOUND)
            return None


def test_two_writers_never_lose_an_edit_silently(registry_server, tmp_path):
    kind, url = registry_server
    spec = tmp_path / "contested.yaml"
    spec.write_text(f"name: contested\nproject: {PROJECT}\ntypes: [FEATURE_VIEW]\nactions: [DESCRIBE]\n"
                    "policy: {roles: [start]}\n")
    assert run_console("permissions", "apply", str(spec), "--registry", url).returncode == 0
    judge = Judge(url)
    permissions_before = judge.permissions()

    both_succeeded = reported = damaged_rounds = 0
    for round_ in range(ROUNDS):
        procs = []
        for writer in ("a", "b"):
            edit = tmp_path / f"{writer}.yaml"
            edit.write_text(spec.read_text().replace("[start]", f"[{writer}_{round_}]"))
            procs.append((writer, subprocess.Popen(
                [console_path(), "permissions", "apply", str(edit), "--registry", url],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={"XDG_DATA_HOME": str(tmp_path / writer), "QT_QPA_PLATFORM": "offscreen"})))
        results = {}
        based_on_other = {}
        for w, p in procs:
            out, err = p.communicate(timeout=120)
            results[w] = (p.returncode, err)
            # Its diff started from the other writer's edit: a later edit, not a race.
            other = "b" if w == "a" else "a"
            based_on_other[w] = f"- roles: {other}_{round_}" in out
        stored = judge.roles()
        succeeded = [w for w, (code, _) in results.items() if code == 0]
        for w, (code, err) in results.items():
            assert code in (0, 1), (round_, w, code, err)
            if code == 1:
                reported += 1
                assert any(s in err for s in ("changed since it was loaded", "a concurrent change",
                                              "objects disappeared", "created by someone else",
                                              "deleted since it was loaded")), err
        damaged = any("objects disappeared" in err for _, err in results.values())
        damaged_rounds += damaged
        # Two successes only when one edit was made on top of the other; the
        # writer that reported success last sees its own edit stored.
        racing = [w for w in succeeded if not based_on_other[w]]
        assert len(racing) <= 1 or any(based_on_other.values()), (round_, results, stored)
        both_succeeded += len(succeeded) > 1 and not any(based_on_other.values())
        if succeeded:
            last = [w for w in succeeded if based_on_other[w]] or succeeded
            assert stored == [f"{last[0]}_{round_}"], (round_, results, stored)
        if judge.permissions() < permissions_before:
            # Feast lost objects (its file registry's race): the console said so.
            assert kind == "file" and damaged, (round_, results)
            pytest.skip(f"Feast's file registry lost objects in round {round_}; the console reported it "
                        "(see test text); the rounds after it would test a broken registry")
    assert both_succeeded == 0
    # The rounds really raced: most of them ended with one writer told why its edit is not in effect.
    assert reported >= ROUNDS // 2, reported
    if kind == "sql":
        assert judge.permissions() == permissions_before and damaged_rounds == 0
