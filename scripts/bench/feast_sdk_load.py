#!/usr/bin/env python3
"""Time Feast's Python SDK listing every feature view of every project
through a remote (gRPC) registry server.

Usage:
    python scripts/bench/feast_sdk_load.py --remote HOST:PORT [--projects a,b,...]
                                           [--try-proto]

What is timed (all via the public SDK, remote registry, allow_cache=False
which is the SDK default):
    FeatureStore(repo_path=<temp dir with registry_type: remote>)
    store.list_projects()                       -> ListProjects RPC
    per project: store.set_current_project(p); store.list_feature_views()
                                                -> ListFeatureViews RPC each
Prints `BENCH load_feast_sdk_s <seconds> s` plus a non-BENCH count line.

--try-proto additionally calls store.registry.proto() (the Proto RPC, whole
registry in one message) with the SDK's own channel settings, to show
whether its default gRPC receive limit is hit.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time


def write_remote_yaml(d: str, remote: str, project: str) -> None:
    with open(os.path.join(d, "feature_store.yaml"), "w") as fh:
        fh.write(
            f"project: {project}\n"
            f"provider: local\n"
            f"registry:\n"
            f"  registry_type: remote\n"
            f"  path: {remote}\n"
            f"online_store:\n"
            f"  type: sqlite\n"
            f"  path: {os.path.join(d, 'online_store.db')}\n"
            f"offline_store:\n"
            f"  type: file\n"
            f"entity_key_serialization_version: 3\n"
            f"auth:\n"
            f"  type: no_auth\n"
        )


def grpc_error_text(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    details = getattr(exc, "details", None)
    if callable(code) and callable(details):
        try:
            return f"{code()}: {details()}"
        except Exception:
            pass
    return f"{type(exc).__name__}: {exc}"


def run(remote: str, projects=None, try_proto: bool = False, quiet: bool = False) -> dict:
    import logging

    logging.getLogger("feast").setLevel(logging.WARNING)
    from feast import FeatureStore  # import time is not part of the measurement

    res = {"errors": []}
    with tempfile.TemporaryDirectory(prefix="feast_sdk_load_") as tmp:
        write_remote_yaml(tmp, remote, (projects or ["bench_placeholder"])[0])
        t0 = time.perf_counter()
        store = FeatureStore(repo_path=tmp)
        if not projects:
            projects = [p.name for p in store.list_projects()]
        t_proj = time.perf_counter()
        n_views = n_features = 0
        for name in projects:
            token = store.set_current_project(name)
            try:
                fvs = store.list_feature_views()
            except Exception as exc:  # e.g. RESOURCE_EXHAUSTED on a huge project
                res["errors"].append(f"list_feature_views({name}): {grpc_error_text(exc)}")
                continue
            finally:
                store.reset_current_project(token)
            n_views += len(fvs)
            n_features += sum(len(fv.features) for fv in fvs)
        t1 = time.perf_counter()
        res.update(
            load_s=t1 - t0,
            list_projects_s=t_proj - t0,
            projects=len(projects),
            views=n_views,
            features=n_features,
        )
        if try_proto:
            tp = time.perf_counter()
            try:
                reg = store.registry.proto()
                res["proto"] = (
                    f"ok in {time.perf_counter() - tp:.2f} s, "
                    f"{reg.ByteSize() / 1e6:.1f} MB, {len(reg.feature_views)} views"
                )
            except Exception as exc:
                res["proto"] = (
                    f"FAILED after {time.perf_counter() - tp:.2f} s: {grpc_error_text(exc)}"
                )
        try:
            store.registry.close()
        except Exception:
            pass

    if not quiet:
        print(
            f"feast_sdk_load: projects={res['projects']} feature_views={res['views']} "
            f"features={res['features']} (list_projects+init {res['list_projects_s']:.2f} s)"
        )
        for e in res["errors"]:
            print(f"feast_sdk_load: ERROR {e}")
        if "proto" in res:
            print(f"feast_sdk_load: store.registry.proto() {res['proto']}")
        print(f"BENCH load_feast_sdk_s {res['load_s']:.2f} s")
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="time Feast SDK listing via remote registry")
    ap.add_argument("--remote", required=True, help="HOST:PORT of feast serve_registry")
    ap.add_argument("--projects", default="",
                    help="comma separated project names (default: all, via list_projects)")
    ap.add_argument("--try-proto", action="store_true",
                    help="also call store.registry.proto() and report gRPC limits")
    a = ap.parse_args(argv)
    projects = [p for p in a.projects.split(",") if p] or None
    res = run(a.remote, projects, a.try_proto)
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
