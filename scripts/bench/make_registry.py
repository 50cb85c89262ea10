#!/usr/bin/env python3
"""Generate a large synthetic Feast file registry for benchmarking.

Usage:
    python scripts/bench/make_registry.py --out DIR [--projects 100 --views 200 --features 50]

Builds the registry with Feast's own generated protobuf classes, so the
interpreter running this script must have `feast` installed. Writes:

    DIR/registry.db          serialized feast.core.Registry
    DIR/feature_store.yaml   file registry pointing at registry.db (project =
                             first generated project), usable by
                             `feast serve_registry` and the Feast SDK.

Default size (100 x 200 x 50) gives 20,000 feature views / 1,000,000 features.

Speed: each FeatureView is serialized on its own, wrapped as a one-element
Registry message and the byte strings are concatenated. Concatenating
serialized protobuf messages is equivalent to merging them, so repeated fields
append and the result parses as a single Registry, while peak memory stays at
one view's worth of Python protobuf objects.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid

try:
    from feast.protos.feast.core import (
        DataSource_pb2,
        Entity_pb2,
        Feature_pb2,
        FeatureService_pb2,
        FeatureView_pb2,
        FeatureViewProjection_pb2,
        Project_pb2,
        Registry_pb2,
    )
    from feast.protos.feast.types import Value_pb2
except ImportError as exc:  # pragma: no cover - environment problem
    sys.exit(f"make_registry.py: cannot import feast protos with {sys.executable}: {exc}")

VT = Value_pb2.ValueType

# Value types cycled through for features (weighted toward common scalars).
FEATURE_TYPES = [
    VT.FLOAT, VT.INT64, VT.DOUBLE, VT.STRING, VT.INT32, VT.BOOL, VT.FLOAT,
    VT.INT64, VT.UNIX_TIMESTAMP, VT.BYTES, VT.DOUBLE_LIST, VT.STRING_LIST,
    VT.INT64_LIST, VT.FLOAT_LIST, VT.DOUBLE, VT.STRING, VT.BOOL_LIST, VT.INT32,
]

TEAMS = ["risk", "growth", "search", "ads", "payments", "fraud", "logistics",
         "marketing", "recs", "ops", "pricing", "support"]
DOMAINS = ["driver", "customer", "order", "merchant", "session", "device",
           "account", "store", "product", "trip"]
METRICS = ["rate", "count", "sum", "avg", "max", "min", "ratio", "score",
           "flag", "last", "p50", "p95", "std", "delta", "share"]
WINDOWS = ["1h", "6h", "1d", "7d", "30d", "90d", "lifetime"]
SUBJECTS = ["clicks", "orders", "trips", "logins", "refunds", "views",
            "spend", "ratings", "errors", "sessions", "visits", "cancels"]

ENTITY_DEFS = [  # (name, join_key, value type)
    ("driver", "driver_id", VT.INT64),
    ("customer", "customer_id", VT.STRING),
    ("merchant", "merchant_id", VT.INT64),
    ("device", "device_id", VT.STRING),
]

BASE_TS = 1_735_689_600  # 2025-01-01T00:00:00Z


def _ts(msg, seconds: int) -> None:
    msg.seconds = seconds
    msg.nanos = 0


def feature_name(view_idx: int, feat_idx: int) -> str:
    subj = SUBJECTS[(feat_idx + view_idx) % len(SUBJECTS)]
    metric = METRICS[(feat_idx * 7 + view_idx) % len(METRICS)]
    window = WINDOWS[(feat_idx // 3 + view_idx) % len(WINDOWS)]
    return f"{subj}_{metric}_{window}_{feat_idx:03d}"


def build_feature_templates(n_views_variants: int, n_features: int):
    """Pre-built FeatureSpecV2 lists; each view copies one variant.

    Building a few variants (instead of 1M fresh messages) keeps generation
    fast while still giving names, types, tags and descriptions that differ
    between neighbouring views.
    """
    variants = []
    for v in range(n_views_variants):
        feats = []
        for i in range(n_features):
            f = Feature_pb2.FeatureSpecV2(
                name=feature_name(v, i),
                value_type=FEATURE_TYPES[(i + v) % len(FEATURE_TYPES)],
            )
            if i % 3 == 0:
                f.description = (
                    f"{METRICS[(i * 7 + v) % len(METRICS)]} of "
                    f"{SUBJECTS[(i + v) % len(SUBJECTS)]} over "
                    f"{WINDOWS[(i // 3 + v) % len(WINDOWS)]}"
                )
            if i % 5 == 0:
                f.tags["pii"] = "false" if i % 10 else "true"
            if i % 7 == 0:
                f.tags["owner_team"] = TEAMS[(i + v) % len(TEAMS)]
            feats.append(f)
        variants.append(feats)
    return variants


def build_project(p: int, n_projects: int, now: int):
    name = f"project_{p:03d}"
    proj = Project_pb2.Project()
    proj.spec.name = name
    proj.spec.description = f"Synthetic benchmark project {p} of {n_projects}"
    proj.spec.owner = f"{TEAMS[p % len(TEAMS)]}@example.com"
    proj.spec.tags["team"] = TEAMS[p % len(TEAMS)]
    proj.spec.tags["env"] = ["prod", "staging", "dev"][p % 3]
    proj.spec.tags["cost_center"] = f"cc-{1000 + p * 7 % 97}"
    _ts(proj.meta.created_timestamp, BASE_TS + p * 3600)
    _ts(proj.meta.last_updated_timestamp, now - p * 60)
    return name, proj


def build_entities(project: str, p: int):
    out = []
    for e, (ename, jk, vt) in enumerate(ENTITY_DEFS):
        ent = Entity_pb2.Entity()
        ent.spec.name = ename
        ent.spec.project = project
        ent.spec.join_key = jk
        ent.spec.value_type = vt
        ent.spec.description = f"The {ename} a row refers to"
        ent.spec.owner = f"{TEAMS[(p + e) % len(TEAMS)]}@example.com"
        ent.spec.tags["domain"] = ename
        _ts(ent.meta.created_timestamp, BASE_TS + p * 3600 + e)
        _ts(ent.meta.last_updated_timestamp, BASE_TS + p * 3600 + e + 86400)
        out.append(ent)
    return out


def build_sources(project: str, p: int, n_sources: int):
    out = []
    for s in range(n_sources):
        domain = DOMAINS[(p + s) % len(DOMAINS)]
        ds = DataSource_pb2.DataSource()
        ds.name = f"{domain}_stats_source_{s}"
        ds.project = project
        ds.type = DataSource_pb2.DataSource.BATCH_FILE
        ds.data_source_class_type = "feast.infra.offline_stores.file_source.FileSource"
        ds.timestamp_field = "event_timestamp"
        ds.created_timestamp_column = "created"
        ds.description = f"Parquet snapshot of {domain} statistics"
        ds.owner = f"{TEAMS[(p + s) % len(TEAMS)]}@example.com"
        ds.tags["format"] = "parquet"
        ds.tags["domain"] = domain
        ds.file_options.uri = f"data/{project}/{domain}_stats_{s}.parquet"
        ds.file_options.file_format.parquet_format.SetInParent()
        _ts(ds.meta.created_timestamp, BASE_TS + p * 3600 + s)
        _ts(ds.meta.last_updated_timestamp, BASE_TS + p * 3600 + s + 7200)
        out.append(ds)
    return out


def build_view(project: str, p: int, v: int, sources, templates, now: int):
    fv = FeatureView_pb2.FeatureView()
    spec = fv.spec
    domain = DOMAINS[(p + v) % len(DOMAINS)]
    spec.name = f"{domain}_features_{v:04d}"
    spec.project = project
    n_ent = 1 + (v % 3 == 0)  # every third view has two entities
    for k in range(n_ent):
        ename, jk, vt = ENTITY_DEFS[(v + k) % len(ENTITY_DEFS)]
        spec.entities.append(ename)
        spec.entity_columns.add(name=jk, value_type=vt)
    spec.features.extend(templates[(p * 31 + v) % len(templates)])
    spec.tags["team"] = TEAMS[(p + v) % len(TEAMS)]
    spec.tags["tier"] = ["gold", "silver", "bronze"][v % 3]
    if v % 4 == 0:
        spec.tags["experimental"] = "true"
    if v % 2 == 0:
        spec.description = f"{domain.capitalize()} aggregates, batch {v}"
    spec.owner = f"{TEAMS[(p + v) % len(TEAMS)]}@example.com"
    spec.ttl.seconds = [3600, 86400, 7 * 86400, 0][v % 4]
    spec.batch_source.CopyFrom(sources[v % len(sources)])
    spec.online = True
    spec.offline = v % 5 == 0
    spec.version = "latest"
    meta = fv.meta
    created = BASE_TS + p * 3600 + v * 60
    _ts(meta.created_timestamp, created)
    _ts(meta.last_updated_timestamp, min(now, created + 86400 * (1 + v % 30)))
    for k in range(2):
        mi = meta.materialization_intervals.add()
        start = created + 86400 * (2 * k)
        _ts(mi.start_time, start)
        _ts(mi.end_time, start + 86400)
    return fv


def build_feature_services(project: str, p: int, views, n_services: int):
    out = []
    for s in range(n_services):
        fs = FeatureService_pb2.FeatureService()
        fs.spec.name = f"model_{s}_service"
        fs.spec.project = project
        fs.spec.description = f"Features served to model {s} of {project}"
        fs.spec.owner = f"{TEAMS[(p + s) % len(TEAMS)]}@example.com"
        fs.spec.tags["model"] = f"m{s}"
        for k in range(3):
            if not views:
                break
            fv = views[(s * 7 + k * 13) % len(views)]
            proj = FeatureViewProjection_pb2.FeatureViewProjection(
                feature_view_name=fv.spec.name, view_type="featureView"
            )
            proj.feature_columns.extend(fv.spec.features[: 5 + 3 * k])
            fs.spec.features.append(proj)
        _ts(fs.meta.created_timestamp, BASE_TS + p * 3600 + 500 + s)
        _ts(fs.meta.last_updated_timestamp, BASE_TS + p * 3600 + 900 + s)
        out.append(fs)
    return out


def write_feature_store_yaml(out_dir: str, project: str, registry_path: str) -> str:
    path = os.path.join(out_dir, "feature_store.yaml")
    data_dir = os.path.join(out_dir, "data")
    os.makedirs(data_dir, exist_ok=True)
    with open(path, "w") as fh:
        fh.write(
            f"project: {project}\n"
            f"provider: local\n"
            f"registry:\n"
            f"  registry_type: file\n"
            f"  path: {registry_path}\n"
            f"online_store:\n"
            f"  type: sqlite\n"
            f"  path: {os.path.join(data_dir, 'online_store.db')}\n"
            f"offline_store:\n"
            f"  type: file\n"
            f"entity_key_serialization_version: 3\n"
            f"auth:\n"
            f"  type: no_auth\n"
        )
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--projects", type=int, default=100)
    ap.add_argument("--views", type=int, default=200, help="feature views per project")
    ap.add_argument("--features", type=int, default=50, help="features per view")
    ap.add_argument("--sources", type=int, default=4, help="data sources per project")
    ap.add_argument("--services", type=int, default=5, help="feature services per project")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    reg_path = os.path.join(out_dir, "registry.db")
    now = int(time.time())

    templates = build_feature_templates(16, args.features)
    project_names = []
    n_views = n_features = 0

    tmp_path = reg_path + ".tmp"
    with open(tmp_path, "wb") as fh:
        head = Registry_pb2.Registry()
        head.registry_schema_version = "1"
        head.version_id = str(uuid.uuid4())
        _ts(head.last_updated, now)
        fh.write(head.SerializeToString())

        for p in range(args.projects):
            pname, proj = build_project(p, args.projects, now)
            project_names.append(pname)
            chunk = Registry_pb2.Registry()
            chunk.projects.append(proj)
            chunk.entities.extend(build_entities(pname, p))
            sources = build_sources(pname, p, max(1, args.sources))
            chunk.data_sources.extend(sources)
            views = []
            for v in range(args.views):
                fv = build_view(pname, p, v, sources, templates, now)
                views.append(fv)
                n_views += 1
                n_features += len(fv.spec.features)
            chunk.feature_views.extend(views)
            chunk.feature_services.extend(
                build_feature_services(pname, p, views, args.services)
            )
            fh.write(chunk.SerializeToString())
    os.replace(tmp_path, reg_path)
    gen_s = time.perf_counter() - t0

    yaml_path = write_feature_store_yaml(out_dir, project_names[0], reg_path)
    size = os.path.getsize(reg_path)
    print(f"wrote {reg_path}")
    print(f"wrote {yaml_path}")
    print(
        f"projects={args.projects} feature_views={n_views} features={n_features} "
        f"entities={args.projects * len(ENTITY_DEFS)} "
        f"feature_services={args.projects * args.services}"
    )
    print(f"registry.db size: {size} bytes ({size / 1e6:.1f} MB)")
    print(f"BENCH make_registry_s {gen_s:.2f} s")
    print(f"BENCH registry_db_mb {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
