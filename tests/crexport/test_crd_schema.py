"""The committed FeatureStore schema (resources/crd) is the Operator's CRD reduced to its facts."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CRD_PATH, REPO, run

SCRIPT = REPO / "scripts" / "crd_schema.py"
sys.path.insert(0, str(SCRIPT.parent))
import crd_schema  # noqa: E402


def walk(node, path=""):
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}/{i}")


def test_committed_schema_names_its_source_and_keeps_the_facts():
    doc = json.loads(CRD_PATH.read_text(encoding="utf-8"))
    notes = doc["metadata"]["annotations"]
    assert notes["feast-console.dev/feast-operator-version"] == "0.66.0"
    assert len(notes["feast-console.dev/source-sha256"]) == 64
    assert [v["name"] for v in doc["spec"]["versions"]] == ["v1"]
    schema = doc["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    keywords = {p.rsplit("/", 1)[-1] for p, _ in walk(schema)}
    for fact in ("type", "enum", "pattern", "required", "default", "x-kubernetes-validations", "maxLength"):
        assert fact in keywords, fact
    prose = [p for p, v in walk(schema) if p.endswith("/description") and isinstance(v, str)]
    assert prose == []


def test_prose_goes_but_a_field_called_description_stays():
    schema = {"type": "object", "description": "prose", "properties": {
        "description": {"type": "string", "description": "a field of that name", "maxLength": 3},
        "items": {"type": "array", "items": {"type": "string", "description": "x", "enum": ["a"]}}}}
    assert crd_schema.strip_prose(schema) == {"type": "object", "properties": {
        "description": {"type": "string", "maxLength": 3},
        "items": {"type": "array", "items": {"type": "string", "enum": ["a"]}}}}


def test_a_crd_without_the_version_is_refused(tmp_path):
    crd = tmp_path / "crd.yaml"
    crd.write_text("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                   "spec: {group: feast.dev, versions: [{name: v1alpha1}]}\n")
    r = subprocess.run([sys.executable, str(SCRIPT), str(crd), "--feast-version", "0.66.0"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and 'no version "v1"' in r.stderr


def test_the_embedded_schema_is_the_committed_one(tmp_path):
    # No --crd, no FEAST_CONSOLE_CRD: the binary validates against what it embeds.
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: x}\n"
                   "spec: {feastProject: 'not a project!'}\n")
    r = run("--import", str(bad))
    assert r.returncode != 0 and "feastProject" in (r.stdout + r.stderr)


@pytest.mark.skipif(not os.environ.get("FEAST_OPERATOR_CRD_SOURCE"),
                    reason="set FEAST_OPERATOR_CRD_SOURCE to the Operator's CRD to check the committed schema")
def test_committed_schema_is_what_the_operator_crd_gives():
    r = subprocess.run([sys.executable, str(SCRIPT), os.environ["FEAST_OPERATOR_CRD_SOURCE"],
                        "--feast-version", "0.66.0", "--check", str(CRD_PATH)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
