#!/usr/bin/env python3
"""Time a raw `/feast.registry.RegistryServer/Proto` call (whole registry in
one response) with an unlimited client receive size.

Usage:
    python scripts/bench/raw_proto_call.py --remote HOST:PORT [--repeat 2]

Bytes are fetched without deserialization (identity deserializer), so the
printed call time is server work + transfer; parse time is reported apart.
Prints `BENCH raw_proto_call_s`, `BENCH raw_proto_mb` (first call).
"""

from __future__ import annotations

import argparse
import sys
import time

METHOD = "/feast.registry.RegistryServer/Proto"


def call(remote: str, repeat: int = 1, quiet: bool = False, timeout: float = 1800.0) -> dict:
    import grpc

    opts = [
        ("grpc.max_receive_message_length", -1),
        ("grpc.max_send_message_length", -1),
    ]
    ch = grpc.insecure_channel(remote, options=opts)
    rpc = ch.unary_unary(
        METHOD,
        request_serializer=lambda _req: b"",  # google.protobuf.Empty
        response_deserializer=lambda raw: raw,
    )
    times, size, raw = [], 0, b""
    res = {}
    try:
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            raw = rpc(None, timeout=timeout)
            times.append(time.perf_counter() - t0)
            size = len(raw)
    except grpc.RpcError as exc:
        res["error"] = f"{exc.code()}: {exc.details()}"
    finally:
        ch.close()
    res.update(times=times, bytes=size)
    if raw:
        from feast.protos.feast.core.Registry_pb2 import Registry

        t0 = time.perf_counter()
        reg = Registry()
        reg.ParseFromString(raw)
        res["parse_s"] = time.perf_counter() - t0
        res["views"] = len(reg.feature_views)
        res["features"] = sum(len(fv.spec.features) for fv in reg.feature_views)
    if not quiet:
        if "error" in res:
            print(f"raw_proto_call: ERROR {res['error']}")
        if times:
            print(
                "raw_proto_call: calls "
                + ", ".join(f"{t:.2f}" for t in times)
                + f" s; response {size} bytes ({size / 1e6:.1f} MB); "
                f"client parse {res.get('parse_s', 0):.2f} s; "
                f"views={res.get('views')} features={res.get('features')}"
            )
            print(f"BENCH raw_proto_call_s {times[0]:.2f} s")
            print(f"BENCH raw_proto_mb {size / 1e6:.1f} MB")
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="time raw RegistryServer/Proto")
    ap.add_argument("--remote", required=True, help="HOST:PORT")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args(argv)
    res = call(a.remote, a.repeat)
    return 1 if "error" in res else 0


if __name__ == "__main__":
    sys.exit(main())
