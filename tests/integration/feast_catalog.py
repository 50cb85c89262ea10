#!/usr/bin/env python3
"""List a Feast registry's contents with Feast's own Python SDK.

Prints a JSON array shaped like `feast-console catalog list --json`, so tests
can diff the console against the reference implementation:

    [{"project": "...", "kind": "...", "name": "..."},
     {"project": "...", "kind": "feature", "name": "...", "feature_view": "...", "dtype": "Float32"}, ...]

Kinds: project, entity, data_source, feature_view (batch views = the
registry's feature_views), on_demand_feature_view, stream_feature_view,
feature (one per field of every batch/stream/on-demand view; dtype is
str(field.dtype)), feature_service, saved_dataset, validation_reference,
permission. Sorted by (project, kind, name, feature_view).

Every project returned by FeatureStore.list_projects() is listed (the SDK
hides projects tagged feast.dev/protected-project=true). Entities come from
FeatureStore.list_entities(), which hides Feast's internal "__dummy" entity;
pass --include-dummy-entity to list it as well.

Usage:
    feast_catalog.py --repo PATH                   # repo dir with feature_store.yaml
    feast_catalog.py --remote grpc://127.0.0.1:PORT
    feast_catalog.py --remote grpcs://127.0.0.1:PORT --ca ca.pem

With --remote a temporary feature_store.yaml with `registry_type: remote` is
written, so every list call goes through the registry server over gRPC.
If some list call fails (e.g. a Permission stored with the AllowAll policy,
which Feast 0.66 cannot read back), the error goes to stderr, the other kinds
are still printed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import warnings
from pathlib import Path
from urllib.parse import urlparse

PLACEHOLDER_PROJECT = "feast_console_catalog_probe"


def _remote_yaml(url: str, ca: str | None, workdir: Path) -> Path:
    parsed = urlparse(url)
    if parsed.scheme not in ("grpc", "grpcs") or not parsed.hostname or not parsed.port:
        raise SystemExit(f"--remote expects grpc://HOST:PORT or grpcs://HOST:PORT, got {url!r}")
    host = parsed.hostname
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    lines = [
        f"project: {PLACEHOLDER_PROJECT}",
        "provider: local",
        "registry:",
        "  registry_type: remote",
        f"  path: {host}:{parsed.port}",
    ]
    if parsed.scheme == "grpcs":
        lines.append("  is_tls: true")
        if ca:
            lines.append(f"  cert: {json.dumps(str(Path(ca).resolve()))}")
    lines += [
        "online_store:",
        "  type: sqlite",
        f"  path: {json.dumps(str(workdir / 'unused_online.db'))}",
        "offline_store:",
        "  type: file",
        "entity_key_serialization_version: 3",
        "auth:",
        "  type: no_auth",
        "",
    ]
    path = workdir / "feature_store.yaml"
    path.write_text("\n".join(lines))
    return path


def collect(repo_path: Path, include_dummy: bool) -> tuple[list[dict], list[str]]:
    from feast import FeatureStore

    warnings.filterwarnings("ignore")  # feast modules install their own filters on import
    store = FeatureStore(repo_path=str(repo_path))
    items: list[dict] = []
    errors: list[str] = []

    def add(project, kind, name, **extra):
        item = {"project": project, "kind": kind, "name": name}
        item.update(extra)
        items.append(item)

    def add_features(project, view):
        for field in view.features:
            add(project, "feature", field.name, feature_view=view.name, dtype=str(field.dtype))

    def guarded(project, kind, fn):
        try:
            return fn()
        except Exception as exc:  # keep listing the other kinds
            errors.append(f"{project}/{kind}: {type(exc).__name__}: {exc}")
            return []

    for project in guarded("*", "project", store.list_projects):
        p = project.name
        add(p, "project", p)
        store.set_current_project(p)
        try:
            if include_dummy:
                entities = guarded(p, "entity", lambda: store.registry.list_entities(p))
            else:
                entities = guarded(p, "entity", store.list_entities)
            for e in entities:
                add(p, "entity", e.name)
            for ds in guarded(p, "data_source", store.list_data_sources):
                add(p, "data_source", ds.name)
            for fv in guarded(p, "feature_view", store.list_feature_views):
                add(p, "feature_view", fv.name)
                add_features(p, fv)
            for sfv in guarded(p, "stream_feature_view", store.list_stream_feature_views):
                add(p, "stream_feature_view", sfv.name)
                add_features(p, sfv)
            for odfv in guarded(p, "on_demand_feature_view", store.list_on_demand_feature_views):
                add(p, "on_demand_feature_view", odfv.name)
                add_features(p, odfv)
            for fs in guarded(p, "feature_service", store.list_feature_services):
                add(p, "feature_service", fs.name)
            for sd in guarded(p, "saved_dataset", store.list_saved_datasets):
                add(p, "saved_dataset", sd.name)
            for vr in guarded(p, "validation_reference", store.list_validation_references):
                add(p, "validation_reference", vr.name)
            for perm in guarded(p, "permission", store.list_permissions):
                add(p, "permission", perm.name)
        finally:
            store.set_current_project(None)

    items.sort(key=lambda i: (i["project"], i["kind"], i["name"], i.get("feature_view", "")))
    return items, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--repo", type=Path, help="feature repo directory containing feature_store.yaml")
    src.add_argument("--remote", help="registry server URL: grpc://HOST:PORT or grpcs://HOST:PORT")
    ap.add_argument("--ca", help="CA certificate (PEM) for a grpcs:// server")
    ap.add_argument("--include-dummy-entity", action="store_true", help="also list Feast's internal __dummy entity")
    ap.add_argument("--indent", type=int, default=None, help="pretty-print the JSON")
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="feast_catalog_") as tmp:
        if args.remote:
            _remote_yaml(args.remote, args.ca, Path(tmp))
            repo = Path(tmp)
        else:
            repo = args.repo.resolve()
            if not (repo / "feature_store.yaml").is_file():
                ap.error(f"{repo} has no feature_store.yaml")
        items, errors = collect(repo, args.include_dummy_entity)

    json.dump(items, sys.stdout, indent=args.indent)
    sys.stdout.write("\n")
    for err in errors:
        print(f"feast_catalog: {err}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
