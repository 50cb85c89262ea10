#!/usr/bin/env python3
"""One-shot Python-side benchmark: start `feast serve_registry` for DIR, time
the Feast SDK listing every feature view of every project, optionally time a
raw Proto RPC, report server RSS, stop the server.

Usage:
    python scripts/bench/run_sdk_bench.py --dir DIR [--raw-proto] [--try-proto]
                                          [--keep-server]

DIR is produced by make_registry.py. With --keep-server the server keeps
running afterwards (DIR/server.json has {port,pid}); stop it with
`serve.py stop --dir DIR`.

BENCH lines: serve_registry_ready_s, load_feast_sdk_s, registry_db_mb,
server_rss_mb (after the SDK run), and with --raw-proto raw_proto_call_s /
raw_proto_mb.
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import feast_sdk_load  # noqa: E402
import raw_proto_call  # noqa: E402
import serve  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="start server, time Feast SDK, stop server")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--raw-proto", action="store_true", help="also time raw Proto RPC")
    ap.add_argument("--try-proto", action="store_true",
                    help="also call store.registry.proto() with SDK channel limits")
    ap.add_argument("--keep-server", action="store_true")
    a = ap.parse_args(argv)

    d = os.path.abspath(a.dir)
    db = os.path.join(d, "registry.db")
    if not os.path.isfile(db):
        raise SystemExit(f"run_sdk_bench.py: {db} missing; run make_registry.py --out {d}")

    st = serve.start(d, a.port)
    rc = 0
    try:
        remote = f"{st['host']}:{st['port']}"
        print(f"BENCH server_rss_idle_mb {serve.rss_mb(st['pid']):.1f} MB")
        res = feast_sdk_load.run(remote, None, a.try_proto)
        rc = 1 if res["errors"] else 0
        print(f"BENCH server_rss_mb {serve.rss_mb(st['pid']):.1f} MB")
        if a.raw_proto:
            r = raw_proto_call.call(remote, 1)
            rc = rc or (1 if "error" in r else 0)
            print(f"BENCH server_rss_after_proto_mb {serve.rss_mb(st['pid']):.1f} MB")
        print(f"BENCH registry_db_mb {os.path.getsize(db) / 1e6:.1f} MB")
    finally:
        if a.keep_server:
            print(f"server left running: {os.path.join(d, 'server.json')} "
                  f"(port {st['port']}, pid {st['pid']})")
        else:
            serve.stop(d)
    return rc


if __name__ == "__main__":
    sys.exit(main())
