"""feast-console export-cr, checked from the outside.

Every topology x option combination is exported by the real binary and each
FeatureStore is validated with an independent validator: Python `jsonschema`
against the CRD's v1 openAPIV3Schema (with Kubernetes' strict field
validation: unknown fields are errors). Each CEL rule the console enforces is
tested with a passing and a failing document through `export-cr --import`.
"""
import copy
import itertools

import jsonschema
import pytest
import yaml

from conftest import run


def strict(schema):
    """The schema as the API server applies it: no unknown fields, int-or-string."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if not isinstance(node, dict):
            return
        node.pop("x-kubernetes-validations", None)
        if node.get("x-kubernetes-int-or-string"):
            node.pop("anyOf", None)
            node["type"] = ["integer", "string"]
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node \
                and not node.get("x-kubernetes-preserve-unknown-fields"):
            node["additionalProperties"] = False
        for key in ("properties",):
            for child in node.get(key, {}).values():
                walk(child)
        if isinstance(node.get("items"), dict):
            walk(node["items"])
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"])
    walk(schema)
    # metadata is the API server's: the CRD only says "object".
    return schema


@pytest.fixture(scope="module")
def validator(crd_schema):
    return jsonschema.Draft7Validator(strict(crd_schema))


def documents(text):
    return [d for d in yaml.safe_load_all(text) if d is not None]


def feature_stores(text):
    return [d for d in documents(text) if d.get("kind") == "FeatureStore"]


def assert_valid(validator, cr):
    body = {k: v for k, v in cr.items() if k != "metadata"}
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors)
    assert cr["apiVersion"] == "feast.dev/v1"
    name = cr["metadata"]["name"]
    assert len("feast-" + name + "-registry-rest") <= 63


TOPOLOGY_OPTIONS = {
    "minimal": {"--online-store": ["redis", "sqlite", "postgres"], "--offline-store": ["duckdb", "file", "dask", "none"],
                "--auth": ["none", "kubernetes", "oidc"]},
    "standard": {"--offline-store": ["postgres", "spark", "bigquery"], "--auth": ["none", "kubernetes", "oidc"],
                 "--traffic": ["low", "medium", "high"], "--batch-engine": ["spark", "ray"]},
    "enterprise-shared": {"--auth": ["kubernetes", "oidc"], "--traffic": ["medium", "high"],
                          "--env": ["generic", "aws", "gcp", "on-premises"], "--registry-ref": ["feastref", "hostname"]},
    "enterprise-isolated": {"--auth": ["none", "kubernetes", "oidc"], "--traffic": ["low", "high"],
                            "--env": ["aws", "gcp", "on-premises"]},
    "airgapped": {"--auth": ["none", "kubernetes", "oidc"], "--offline-store": ["none", "postgres", "duckdb"],
                  "--online-store": ["redis", "sqlite"]},
}


def combinations():
    for topology, options in TOPOLOGY_OPTIONS.items():
        keys = sorted(options)
        for values in itertools.product(*(options[k] for k in keys)):
            args = ["--topology", topology]
            for k, v in zip(keys, values):
                args += [k, v]
            for tls in (["--tls"], ["--no-tls"]):
                yield args + tls + (["--tenants", "team-a,team-b"] if topology.startswith("enterprise") else [])


COMBINATIONS = list(combinations())


@pytest.mark.parametrize("args", COMBINATIONS, ids=[" ".join(a[1::2]) for a in COMBINATIONS])
def test_every_combination_validates(args, validator):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    crs = feature_stores(result.stdout)
    assert crs
    for cr in crs:
        assert_valid(validator, cr)
    if "--auth" in args and args[args.index("--auth") + 1] == "none":
        assert all(cr["spec"]["authz"] == {"noAuth": True} for cr in crs), "no auth must be explicit"


def test_hybrid_stores(validator, tmp_path):
    result = run("--topology", "standard", "--hybrid-online", "redis,dynamodb", "--hybrid-offline", "spark,redshift",
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    cr = next(d for f in sorted(tmp_path.glob("*featurestore*.yaml")) for d in documents(f.read_text()))
    assert_valid(validator, cr)
    assert cr["spec"]["services"]["onlineStore"]["persistence"]["store"]["type"] == "hybrid"
    secret = yaml.safe_load(next(tmp_path.glob("templates/*online-store*")).read_text())
    snippet = yaml.safe_load(secret["stringData"]["hybrid"])
    assert snippet["routing_tag"] == "team"
    assert [s["type"] for s in snippet["online_stores"]] == ["redis", "dynamodb"]


def test_out_writes_files_runbook_and_templates(tmp_path):
    result = run("--topology", "enterprise-shared", "--tenants", "team-a,team-b", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    readme = (tmp_path / "README.md").read_text()
    assert "Backup and recovery" in readme and "kubectl apply -f" in readme
    kinds = {yaml.safe_load(f.read_text())["kind"] for f in tmp_path.glob("*.yaml")}
    assert {"Namespace", "FeatureStore", "NetworkPolicy", "ConfigMap"} <= kinds
    for template in tmp_path.glob("templates/*.yaml"):
        doc = yaml.safe_load(template.read_text())
        for value in (doc.get("stringData") or doc.get("data") or {}).values():
            assert "<" in value, f"{template.name} holds a value, not a placeholder"
    client = yaml.safe_load((tmp_path / "clients/team-a/feature_store.yaml").read_text())
    assert client["registry"]["registry_type"] == "remote"
    crs = [yaml.safe_load(f.read_text()) for f in tmp_path.glob("*featurestore*.yaml")]
    shared = [c for c in crs if "local" in c["spec"]["services"]["registry"]]
    tenants = [c for c in crs if "remote" in c["spec"]["services"]["registry"]]
    assert len(shared) == 1 and len(tenants) == 2
    assert {t["metadata"]["namespace"] for t in tenants} == {"team-a", "team-b"}


def test_client_feature_store_yaml_loads_in_feast(tmp_path, monkeypatch):
    feast_config = pytest.importorskip("feast.repo_config")
    result = run("--topology", "enterprise-shared", "--tenants", "team-a", "--no-tls", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    monkeypatch.setenv("FEAST_OIDC_CLIENT_ID", "x")
    monkeypatch.setenv("FEAST_OIDC_DISCOVERY_URL", "https://idp.example/.well-known/openid-configuration")
    path = tmp_path / "clients/team-a/feature_store.yaml"
    config = feast_config.load_repo_config(tmp_path / "clients/team-a", path)
    assert config.registry.registry_type == "remote"
    assert config.project == "team_a"


def test_quoting_keeps_strings_strings():
    result = run("--topology", "airgapped", "--name", "on", "--project", "yes", "--schedule", "0 0 * * *",
                 "--image", "registry.local/feast:1.0")
    assert result.returncode == 0, result.stderr
    cr = feature_stores(result.stdout)[0]
    assert cr["metadata"]["name"] == "on"
    assert cr["spec"]["feastProject"] == "yes"
    assert isinstance(cr["spec"]["services"]["onlineStore"]["server"]["resources"]["limits"]["cpu"], str)
    assert '"yes"' in result.stdout and '"on"' in result.stdout


@pytest.mark.parametrize("args,fragment", [
    (["--topology", "nope"], "unknown topology"),
    (["--topology", "minimal", "--auth", "maybe"], "--auth"),
    (["--topology", "minimal", "--traffic", "extreme"], "--traffic"),
])
def test_usage_errors(args, fragment):
    result = run(*args)
    assert result.returncode == 2
    assert fragment in result.stderr


@pytest.mark.parametrize("args,fragment", [
    (["--topology", "minimal", "--online-store", "nope"], "spec.services.onlineStore.persistence.store.type: must be one of"),
    (["--topology", "standard", "--online-store", "sqlite"], "Scaling requires DB-backed persistence for the online store"),
    (["--topology", "minimal", "--name", "x" * 44], "keep the name to 43 characters"),
    (["--topology", "minimal", "--project", "_bad"], "spec.feastProject"),
])
def test_invalid_cr_is_refused_unless_forced(args, fragment):
    refused = run(*args)
    assert refused.returncode == 5
    assert fragment in refused.stderr
    forced = run(*args, "--force")
    assert forced.returncode == 0
    assert feature_stores(forced.stdout)


def test_bad_import_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: [unclosed\n")
    assert run("--import", str(bad)).returncode == 5
    bad.write_text("- just\n- a list\n")
    result = run("--import", str(bad))
    assert result.returncode == 5 and "not a Kubernetes object" in result.stderr
    bad.write_text("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: x}\nspec: {feastProject: p, bogus: 1}\n")
    result = run("--import", str(bad))
    assert result.returncode == 5 and "spec.bogus: unknown field" in result.stderr
    assert run("--import", str(tmp_path / "missing.yaml")).returncode == 5
