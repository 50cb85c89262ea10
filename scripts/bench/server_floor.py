#!/usr/bin/env python3
"""The server's share of a full catalog load: the same List calls the console
makes (every kind, every project, allow_cache=True), timed from a client that
does no work at all with the answers (bytes are not even parsed).

Feast's registry server converts every object to a Python object and back on
each List call, single-threaded under the GIL, so this is a floor no client
of the gRPC API can beat. Prints `BENCH load_server_floor_s`.

Usage: server_floor.py --remote HOST:PORT
"""

from __future__ import annotations

import argparse
import time

KINDS = ["Entities", "DataSources", "FeatureViews", "StreamFeatureViews", "OnDemandFeatureViews",
         "LabelViews", "FeatureServices", "SavedDatasets", "ValidationReferences", "Permissions"]


def main() -> int:
    import grpc
    from feast.protos.feast.registry import RegistryServer_pb2 as pb

    ap = argparse.ArgumentParser()
    ap.add_argument("--remote", required=True)
    args = ap.parse_args()
    channel = grpc.insecure_channel(args.remote, options=[("grpc.max_receive_message_length", -1)])

    def method(kind: str):
        return channel.unary_unary(f"/feast.registry.RegistryServer/List{kind}",
                                   request_serializer=lambda m: m.SerializeToString(),
                                   response_deserializer=lambda b: b)

    started = time.perf_counter()
    projects = channel.unary_unary("/feast.registry.RegistryServer/ListProjects",
                                   request_serializer=lambda m: m.SerializeToString(),
                                   response_deserializer=pb.ListProjectsResponse.FromString)(
        pb.ListProjectsRequest(allow_cache=True), timeout=600)
    calls = {kind: method(kind) for kind in KINDS}
    for project in projects.projects:
        for kind in KINDS:
            request = getattr(pb, f"List{kind}Request")(project=project.spec.name, allow_cache=True)
            try:
                calls[kind](request, timeout=600)
            except grpc.RpcError as e:  # a kind this server lacks
                if e.code() != grpc.StatusCode.UNIMPLEMENTED:
                    raise
    print(f"BENCH load_server_floor_s {time.perf_counter() - started:.3f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
