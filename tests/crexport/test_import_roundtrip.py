"""--import: fields the console does not model survive unchanged; edits overlay."""
import textwrap

import yaml

from conftest import run

IMPORTED = textwrap.dedent("""\
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: extra, namespace: ml}
    data: {enabled: "yes", port: "6379"}
    ---
    apiVersion: feast.dev/v1
    kind: FeatureStore
    metadata:
      name: sample
      namespace: ml
      labels: {team: "on", owner: alice}
      annotations: {note: "2024-01-01"}
    spec:
      feastProject: sample_project
      services:
        onlineStore:
          server:
            env:
              - name: FEAST_USAGE
                value: "false"
            nodeSelector: {disktype: ssd}
            resources: {limits: {cpu: "2"}}
        podAnnotations: {prometheus.io/scrape: "true"}
        deploymentStrategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
        registry:
          local:
            server: {restAPI: true}
      materialization: {onlineWriteBatchSize: 500}
    """)


def test_round_trip_keeps_unmodelled_fields(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text(IMPORTED)
    result = run("--import", str(source))
    assert result.returncode == 0, result.stderr
    assert list(yaml.safe_load_all(result.stdout)) == list(yaml.safe_load_all(IMPORTED))


def test_round_trip_with_edits_overlays_only_them(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text(IMPORTED)
    result = run("--import", str(source), "--namespace", "ml-prod", "--auth", "none")
    assert result.returncode == 0, result.stderr
    before = list(yaml.safe_load_all(IMPORTED))
    after = list(yaml.safe_load_all(result.stdout))
    assert after[0] == before[0]
    assert after[1]["metadata"]["namespace"] == "ml-prod"
    assert after[1]["spec"]["authz"] == {"noAuth": True}
    del after[1]["spec"]["authz"]
    after[1]["metadata"]["namespace"] = "ml"
    assert after[1] == before[1]


def test_import_to_folder(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text(IMPORTED)
    out = tmp_path / "out"
    result = run("--import", str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["01-configmap-extra.yaml", "02-featurestore-sample.yaml"]
