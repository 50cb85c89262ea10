"""Each CEL rule of the CRD the console enforces: one passing and one failing
document, run through the real binary (export-cr --import)."""
import copy

import pytest
import yaml

from conftest import run

BASE = {
    "apiVersion": "feast.dev/v1",
    "kind": "FeatureStore",
    "metadata": {"name": "cel", "namespace": "feast"},
    "spec": {"feastProject": "cel"},
}


def cr(**spec):
    doc = copy.deepcopy(BASE)
    doc["spec"].update(spec)
    return doc


def db(kind="redis"):
    return {"store": {"type": kind, "secretRef": {"name": "s"}}}


SCALED_OK = {"onlineStore": {"persistence": db()}, "registry": {"local": {"persistence": db("sql")}}}
PVC = {"create": {}, "mountPath": "/data"}

# rule id: (passing spec, failing spec, message fragment)
CASES = {
    "replicas-xor-autoscaling": (
        dict(replicas=3, services=SCALED_OK),
        dict(replicas=3, services={**SCALED_OK, "scaling": {"autoscaling": {"maxReplicas": 5}}}),
        "mutually exclusive"),
    "scaling-needs-db-online-store": (
        dict(replicas=2, services=SCALED_OK),
        dict(replicas=2, services={"registry": {"local": {"persistence": db("sql")}}}),
        "DB-backed persistence for the online store"),
    "scaling-needs-db-offline-store": (
        dict(replicas=2, services={**SCALED_OK, "offlineStore": {"persistence": db("postgres")}}),
        dict(replicas=2, services={**SCALED_OK, "offlineStore": {"persistence": {"file": {"type": "duckdb"}}}}),
        "DB-backed persistence for the offline store"),
    "scaling-needs-db-or-remote-registry": (
        dict(replicas=2, services={"onlineStore": {"persistence": db()},
                                   "registry": {"local": {"persistence": {"file": {"path": "s3://b/registry.db"}}}}}),
        dict(replicas=2, services={"onlineStore": {"persistence": db()},
                                   "registry": {"local": {"persistence": {"file": {"path": "/data/registry.db"}}}}}),
        "DB-backed or remote registry"),
    "authz-exactly-one": (
        dict(authz={"noAuth": True}),
        dict(authz={"noAuth": True, "kubernetes": {"roles": ["r"]}}),
        "One selection required between kubernetes, oidc, or noAuth"),
    "project-dir-exactly-one": (
        dict(feastProjectDir={"init": {}}),
        dict(feastProjectDir={"init": {}, "git": {"url": "https://example.com/r.git"}}),
        "One selection required between init, git, or packaged"),
    "git-repo-path-relative": (
        dict(feastProjectDir={"git": {"url": "https://example.com/r.git", "featureRepoPath": "repo"}}),
        dict(feastProjectDir={"git": {"url": "https://example.com/r.git", "featureRepoPath": "/repo"}}),
        "RepoPath must be a file name only"),
    "packaged-repo-path-canonical": (
        dict(feastProjectDir={"packaged": {"featureRepoPath": "/opt/repo"}}),
        dict(feastProjectDir={"packaged": {"featureRepoPath": "/opt/../repo"}}),
        "canonical absolute"),
    "mlflow-extra-config-no-typed-keys": (
        dict(mlflow={"enabled": True, "extraConfig": {"other": "x"}}),
        dict(mlflow={"enabled": True, "extraConfig": {"tracking_uri": "x"}}),
        "extraConfig must not contain keys"),
    "tls-secret-unless-disabled": (
        dict(services={"onlineStore": {"server": {"tls": {"disable": True}}}}),
        dict(services={"onlineStore": {"server": {"tls": {}}}}),
        "`secretRef` required if `disable` is false"),
    "persistence-file-xor-store": (
        dict(services={"offlineStore": {"persistence": db("postgres")}}),
        dict(services={"offlineStore": {"persistence": {**db("postgres"), "file": {"type": "dask"}}}}),
        "One selection required between file or store"),
    "pvc-ref-xor-create": (
        dict(services={"offlineStore": {"persistence": {"file": {"pvc": {"ref": {"name": "p"}, "mountPath": "/d"}}}}}),
        dict(services={"offlineStore": {"persistence": {"file": {"pvc": {"ref": {"name": "p"}, "create": {}, "mountPath": "/d"}}}}}),
        "One selection is required between ref and create"),
    "pvc-mount-path": (
        dict(services={"offlineStore": {"persistence": {"file": {"pvc": PVC}}}}),
        dict(services={"offlineStore": {"persistence": {"file": {"pvc": {"create": {}, "mountPath": "data:x"}}}}}),
        "Mount path must start with '/'"),
    "ephemeral-path-absolute": (
        dict(services={"onlineStore": {"persistence": {"file": {"path": "/tmp/online.db"}}}}),
        dict(services={"onlineStore": {"persistence": {"file": {"path": "online.db"}}}}),
        "Ephemeral stores must have absolute paths"),
    "pvc-path-file-name": (
        dict(services={"onlineStore": {"persistence": {"file": {"path": "online.db", "pvc": PVC}}}}),
        dict(services={"onlineStore": {"persistence": {"file": {"path": "/online.db", "pvc": PVC}}}}),
        "PVC path must be a file name only"),
    "online-no-object-store": (
        dict(services={"onlineStore": {"persistence": {"file": {"path": "/data/online.db"}}}}),
        dict(services={"onlineStore": {"persistence": {"file": {"path": "s3://bucket/online.db"}}}}),
        "Online store does not support S3 or GS buckets"),
    "pdb-exactly-one": (
        dict(services={"podDisruptionBudgets": {"maxUnavailable": 1}}),
        dict(services={"podDisruptionBudgets": {"maxUnavailable": 1, "minAvailable": "50%"}}),
        "Exactly one of minAvailable or maxUnavailable"),
    "registry-local-xor-remote": (
        dict(services={"registry": {"remote": {"hostname": "r:80"}}}),
        dict(services={"registry": {"remote": {"hostname": "r:80"}, "local": {}}}),
        "One selection required."),
    "registry-file-path-absolute-or-uri": (
        dict(services={"registry": {"local": {"persistence": {"file": {"path": "gs://b/registry.db"}}}}}),
        dict(services={"registry": {"local": {"persistence": {"file": {"path": "registry.db"}}}}}),
        "Registry files must use absolute paths"),
    "registry-pvc-no-object-store": (
        dict(services={"registry": {"local": {"persistence": {"file": {"path": "registry.db", "pvc": PVC}}}}}),
        dict(services={"registry": {"local": {"persistence": {"file": {"path": "s3://b/registry.db", "pvc": PVC}}}}}),
        "PVC persistence does not support S3 or GS"),
    "s3-kwargs-need-s3": (
        dict(services={"registry": {"local": {"persistence": {"file": {"path": "s3://b/r.db", "s3_additional_kwargs": {"k": "v"}}}}}}),
        dict(services={"registry": {"local": {"persistence": {"file": {"path": "gs://b/r.db", "s3_additional_kwargs": {"k": "v"}}}}}}),
        "Additional S3 settings are available only"),
    "registry-server-rest-or-grpc": (
        dict(services={"registry": {"local": {"server": {"restAPI": True, "grpc": False}}}}),
        dict(services={"registry": {"local": {"server": {"restAPI": False, "grpc": False}}}}),
        "At least one of restAPI or grpc must be true"),
    "mcp-needs-rest": (
        dict(services={"registry": {"local": {"server": {"restAPI": True, "mcp": {"enabled": True}}}}}),
        dict(services={"registry": {"local": {"server": {"grpc": True, "mcp": {"enabled": True}}}}}),
        "MCP requires restAPI to be true"),
    "remote-hostname-xor-ref": (
        dict(services={"registry": {"remote": {"feastRef": {"name": "shared"}}}}),
        dict(services={"registry": {"remote": {"feastRef": {"name": "shared"}, "hostname": "r:80"}}}),
        "One selection required."),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_pass_and_fail(rule, tmp_path):
    passing, failing, fragment = CASES[rule]
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(cr(**passing)))
    result = run("--import", str(good))
    assert result.returncode == 0, result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(cr(**failing)))
    result = run("--import", str(bad))
    assert result.returncode == 5, result.stdout
    assert fragment in result.stderr


def test_every_enforced_rule_has_a_case():
    """The rule ids the console lists (export-cr --list-cel-rules) all have a case here."""
    result = run("--list-cel-rules")
    assert result.returncode == 0, result.stderr
    ids = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert ids == set(CASES)
