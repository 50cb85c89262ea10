#!/usr/bin/env python3
"""Writes the facts of the Feast Operator's FeatureStore schema that the console validates against.

    crd_schema.py CRD.yaml --feast-version 0.66.0 [--version v1] [--out resources/crd/featurestore.v1.json]
    crd_schema.py CRD.yaml --feast-version 0.66.0 --check resources/crd/featurestore.v1.json

Reads an Operator CustomResourceDefinition (feast.dev_featurestores.yaml) and keeps, for one served
version, everything the schema says about values -- types, enums, patterns, formats, required fields,
defaults, bounds, CEL rules (x-kubernetes-validations) and the other x-kubernetes-* markers -- without
the description prose. The result is itself a CustomResourceDefinition (JSON), so `--crd FILE` and
FEAST_CONSOLE_CRD read either the Operator's file or this one. The build embeds the committed file;
a newer Operator is adopted by running this script on its CRD and committing the output.
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

import yaml

# Maps whose keys are field names, not schema keywords: a field may be called "description".
NAMED_SCHEMAS = ("properties", "patternProperties", "definitions", "dependencies")


def strip_prose(schema):
    """The schema without `description` keywords, recursively; field names are kept as they are."""
    if isinstance(schema, list):
        return [strip_prose(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key == "description" and isinstance(value, str):
            continue
        if key in NAMED_SCHEMAS and isinstance(value, dict):
            out[key] = {name: strip_prose(sub) for name, sub in value.items()}
        else:
            out[key] = strip_prose(value)
    return out


class CrdError(Exception):
    pass


def schema_document(crd_text: bytes, feast_version: str, version: str = "v1") -> dict:
    docs = [d for d in yaml.safe_load_all(crd_text) if isinstance(d, dict)]
    crd = next((d for d in docs if d.get("kind") == "CustomResourceDefinition"), None)
    if crd is None:
        raise CrdError("no CustomResourceDefinition document")
    spec = crd.get("spec") or {}
    chosen = next((v for v in spec.get("versions") or [] if v.get("name") == version), None)
    if chosen is None:
        raise CrdError(f'no version "{version}"')
    schema = ((chosen.get("schema") or {}).get("openAPIV3Schema"))
    if not isinstance(schema, dict):
        raise CrdError(f"version {version} has no openAPIV3Schema")
    annotations = dict((crd.get("metadata") or {}).get("annotations") or {})
    annotations.update({
        "feast-console.dev/feast-operator-version": feast_version,
        "feast-console.dev/source-sha256": hashlib.sha256(crd_text).hexdigest(),
        "feast-console.dev/generated-by": "scripts/crd_schema.py (description prose removed)",
    })
    return {
        "apiVersion": crd.get("apiVersion"),
        "kind": "CustomResourceDefinition",
        "metadata": {"name": (crd.get("metadata") or {}).get("name"), "annotations": annotations},
        "spec": {
            "group": spec.get("group"),
            "names": spec.get("names"),
            "scope": spec.get("scope"),
            "versions": [{
                "name": version,
                "served": chosen.get("served"),
                "storage": chosen.get("storage"),
                "schema": {"openAPIV3Schema": strip_prose(schema)},
            }],
        },
    }


def render(document: dict) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("crd", type=Path, help="the Operator's feast.dev_featurestores.yaml")
    p.add_argument("--feast-version", required=True, help="the Feast release whose Operator published the CRD")
    p.add_argument("--version", default="v1", help="the CRD version to keep (default v1)")
    p.add_argument("--out", type=Path, help="write here (default: standard output)")
    p.add_argument("--check", type=Path, help="exit 1 if this committed file differs from what would be written")
    args = p.parse_args(argv)
    try:
        text = render(schema_document(args.crd.read_bytes(), args.feast_version, args.version))
    except (OSError, yaml.YAMLError, CrdError) as e:
        print(f"crd_schema: {args.crd}: {e}", file=sys.stderr)
        return 2
    if args.check:
        if args.check.read_text(encoding="utf-8") != text:
            print(f"crd_schema: {args.check} is not what {args.crd} gives; regenerate it with --out", file=sys.stderr)
            return 1
        return 0
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
