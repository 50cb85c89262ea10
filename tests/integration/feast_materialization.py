#!/usr/bin/env python3
"""Each batch and stream feature view's materialization as Feast's own Python SDK reports it.

Prints a JSON array shaped like `feast-console status materialization --json`:

    [{"project": "...", "feature_view": "...", "ttl_s": 86400.0, "online": true,
      "intervals": [["2024-03-01T00:00:00+00:00", "2024-03-15T00:00:00+00:00"]],
      "last_materialized_end": "2024-03-15T00:00:00+00:00" | null}, ...]

From FeatureView.materialization_intervals, FeatureView.ttl and FeatureView.online.

Usage: feast_materialization.py --repo PATH | --remote grpc://HOST:PORT [--ca ca.pem]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import warnings
from datetime import timezone
from pathlib import Path

from feast_catalog import _remote_yaml


def utc(t) -> str:
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).isoformat()


def collect(repo_path: Path) -> list[dict]:
    from feast import FeatureStore

    warnings.filterwarnings("ignore")
    store = FeatureStore(repo_path=str(repo_path))
    items = []
    for project in store.list_projects():
        store.set_current_project(project.name)
        try:
            views = [(fv, "feature_view") for fv in store.list_feature_views()]
            views += [(sfv, "stream_feature_view") for sfv in store.list_stream_feature_views()]
            for fv, kind in views:
                intervals = [[utc(s), utc(e)] for s, e in fv.materialization_intervals]
                ends = [e for _, e in fv.materialization_intervals]
                items.append({
                    "project": project.name,
                    "feature_view": fv.name,
                    "kind": kind,
                    "ttl_s": fv.ttl.total_seconds() if fv.ttl else 0.0,
                    "online": bool(fv.online),
                    "intervals": intervals,
                    "last_materialized_end": utc(max(ends)) if ends else None,
                })
        finally:
            store.set_current_project(None)
    items.sort(key=lambda i: (i["project"], i["feature_view"]))
    return items


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--repo", type=Path)
    src.add_argument("--remote")
    ap.add_argument("--ca")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="feast_materialization_") as tmp:
        if args.remote:
            _remote_yaml(args.remote, args.ca, Path(tmp))
            repo = Path(tmp)
        else:
            repo = args.repo.resolve()
        items = collect(repo)
    json.dump(items, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
