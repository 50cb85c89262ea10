#!/usr/bin/env python3
"""Live latency sources for the demo workspace (scripts/dev demo).

    demo_metrics.py up --runtime DIR     start them, add them to DIR/workspace.yaml
    demo_metrics.py down --runtime DIR   stop them

`up` serves the fixtures' SQLite repo with `feast serve --metrics` and, when
Debian's `prometheus` is installed, a Prometheus scraping it every 5 s; the
repo's connection in the workspace gets `metrics_url`, `prometheus_url` and
`probe_url`, so the latency dashboard fills as soon as the desktop's probe
(Probe…) sends requests. Pids go to DIR/metrics/*.pid for `down`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from loopback import free_port, sqlite_fixture_server, wait_http

HERE = Path(__file__).resolve().parent


def sqlite_repo(runtime: Path) -> tuple[dict, Path]:
    found = sqlite_fixture_server(json.loads((runtime / "fixtures.json").read_text()))
    if not found:
        raise SystemExit("demo_metrics: no fixture repo with a SQLite online store")
    return found


def start(cmd: list[str], log: Path, pids: Path, name: str, cwd: Path | None = None) -> None:
    with open(log, "ab") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=cwd, start_new_session=True)
    (pids / f"{name}.pid").write_text(str(proc.pid))


def add_sources(workspace: Path, connection: str, sources: dict[str, str]) -> None:
    """Adds the source keys under the connection's entry (the generated file
    lists each connection as `  - name: …` followed by its indented keys)."""
    lines = workspace.read_text().splitlines()
    out, inside = [], False
    for line in lines:
        if line.startswith("  - name: "):
            if inside:
                out += [f"    {k}: {json.dumps(v)}" for k, v in sources.items()]
            inside = line[len("  - name: "):].strip().strip('"') == connection
        out.append(line)
    if inside:
        out += [f"    {k}: {json.dumps(v)}" for k, v in sources.items()]
    workspace.write_text("\n".join(out) + "\n")


def up(runtime: Path) -> int:
    server, repo = sqlite_repo(runtime)
    work = runtime / "metrics"
    pids = work / "pids"
    pids.mkdir(parents=True, exist_ok=True)
    serve_port, metrics_port = free_port(), free_port()
    start([sys.executable, str(HERE / "feast_serve_metrics.py"), str(metrics_port), "--chdir", str(repo), "serve",
           "--metrics", "--host", "127.0.0.1", "--port", str(serve_port), "--workers", "1"],
          work / "serve.log", pids, "serve")
    sources = {"probe_url": f"http://127.0.0.1:{serve_port}",
               "metrics_url": f"http://127.0.0.1:{metrics_port}/metrics"}
    wait_http(sources["probe_url"] + "/health", timeout=90)
    wait_http(sources["metrics_url"], timeout=90)
    if shutil.which("prometheus"):
        prom_port = free_port()
        (work / "prometheus.yml").write_text(
            "global: {scrape_interval: 5s, evaluation_interval: 5s}\n"
            "scrape_configs:\n"
            f"  - job_name: feast-demo\n    static_configs: [{{targets: ['127.0.0.1:{metrics_port}']}}]\n")
        start(["prometheus", f"--config.file={work / 'prometheus.yml'}", f"--storage.tsdb.path={work / 'tsdb'}",
               f"--web.listen-address=127.0.0.1:{prom_port}"], work / "prometheus.log", pids, "prometheus")
        sources["prometheus_url"] = f"http://127.0.0.1:{prom_port}"
        sources["prometheus_selector"] = 'job="feast-demo"'
        wait_http(sources["prometheus_url"] + "/-/ready", timeout=90)
    add_sources(runtime / "workspace.yaml", server["name"], sources)
    print(f"demo_metrics: {server['name']} serves {repo.name} with metrics: " + ", ".join(f"{k}={v}" for k, v in sources.items()))
    return 0


def down(runtime: Path) -> int:
    pids = runtime / "metrics" / "pids"
    if not pids.is_dir():
        return 0
    for f in pids.glob("*.pid"):
        try:
            os.killpg(int(f.read_text()), signal.SIGTERM)
        except (ProcessLookupError, ValueError, PermissionError):
            pass
        f.unlink()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["up", "down"])
    ap.add_argument("--runtime", type=Path, required=True)
    args = ap.parse_args()
    return up(args.runtime) if args.command == "up" else down(args.runtime)


if __name__ == "__main__":
    sys.exit(main())
