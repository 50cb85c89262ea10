#!/usr/bin/env python3
"""`scripts/dev bench`: the figures of issue 2, as `BENCH <name> <value> <unit>` lines.

1. Generates (once, cached in .run/bench) a registry of 100 projects x 200
   feature views x 50 features = 1,000,000 features with Feast's own protobuf
   classes (make_registry.py).
2. Serves it with the real `feast serve_registry` on loopback.
3. Runs feast-console-bench against it: full load + index (load_console_s),
   peak RSS, search latency p50/p99 over 1,000 queries.
4. Times Feast's own Python SDK listing every feature view of every project
   through the same server (load_feast_sdk_s).
5. Prints load_ratio and registry_db_mb; stops the server.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run(cmd: list[str], **kw) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return proc.stdout


def bench_lines(text: str) -> dict[str, float]:
    values = {}
    for line in text.splitlines():
        if line.startswith("BENCH "):
            print(line, flush=True)
            _, name, value, *_ = line.split()
            values[name] = float(value)
        elif line.startswith("#"):
            print(line, flush=True)
    return values


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--console", required=True, help="path to feast-console (the bench binary sits next to it)")
    ap.add_argument("--dir", default=str(ROOT / ".run" / "bench"))
    ap.add_argument("--projects", type=int, default=100)
    ap.add_argument("--views", type=int, default=200)
    ap.add_argument("--features", type=int, default=50)
    args = ap.parse_args()

    out = Path(args.dir)
    shape = {"projects": args.projects, "views": args.views, "features": args.features}
    stamp = out / "shape.json"
    if not (out / "registry.db").exists() or not stamp.exists() or json.loads(stamp.read_text()) != shape:
        print(f"# generating the registry in {out}", flush=True)
        run([sys.executable, str(HERE / "make_registry.py"), "--out", str(out), "--projects", str(args.projects),
             "--views", str(args.views), "--features", str(args.features)])
        stamp.write_text(json.dumps(shape))
    db_mb = (out / "registry.db").stat().st_size / 1e6

    run([sys.executable, str(HERE / "serve.py"), "start", "--dir", str(out)])
    try:
        port = json.loads((out / "server.json").read_text())["port"]
        bench = Path(args.console).with_name("feast-console-bench")
        console = bench_lines(run([str(bench), f"grpc://127.0.0.1:{port}"], timeout=3600))
        gui = Path(args.console).resolve().with_name("feast-console-gui-bench")
        if gui.exists():  # the desktop: GUI-thread stalls while loading and browsing
            bench_lines(run([str(gui), f"grpc://127.0.0.1:{port}"], timeout=3600, cwd=str(out)))
        permissions = Path(args.console).with_name("feast-console-permission-bench")
        if permissions.exists():  # issue 4: the access matrix
            bench_lines(run([str(permissions)], timeout=600))
        replot = Path(args.console).with_name("feast-console-replot-bench")
        if replot.exists():  # issue 5: a 1,000,000-point latency chart, offscreen
            bench_lines(run([str(replot)], timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}))
        cli = Path(args.console).with_name("feast-console-cli")
        if cli.exists():  # issue 12: the web console on the same registry, read from its file
            bench_lines(run([sys.executable, str(HERE / "web_bench.py"), "--console", str(cli),
                             "--registry", str(out / "registry.db")], timeout=3600))
            bench_lines(run([sys.executable, str(HERE / "web_fanout.py"), "--console", str(cli)], timeout=1800))  # the soak: 10 min
        sdk = bench_lines(run([sys.executable, str(HERE / "feast_sdk_load.py"), "--remote", f"127.0.0.1:{port}"],
                              timeout=3600))
        floor = bench_lines(run([sys.executable, str(HERE / "server_floor.py"), "--remote", f"127.0.0.1:{port}"],
                                timeout=3600))
    finally:
        run([sys.executable, str(HERE / "serve.py"), "stop", "--dir", str(out)])

    print(f"BENCH registry_db_mb {db_mb:.1f} MB")
    if sdk.get("load_feast_sdk_s"):
        print(f"BENCH load_ratio {console['load_console_s'] / sdk['load_feast_sdk_s']:.3f} ratio")
    if floor.get("load_server_floor_s"):
        print(f"BENCH load_over_server_floor {console['load_console_s'] / floor['load_server_floor_s']:.3f} ratio")
    print(f"# targets: load_ratio <= 0.1, peak_rss_mb <= {2 * db_mb + 100:.0f}, search_p99_ms <= 16")
    return 0


if __name__ == "__main__":
    sys.exit(main())
