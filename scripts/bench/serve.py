#!/usr/bin/env python3
"""Start/stop `feast serve_registry` for a generated benchmark registry.

Usage:
    python scripts/bench/serve.py start  --dir DIR [--port N] [--timeout 300]
    python scripts/bench/serve.py status --dir DIR
    python scripts/bench/serve.py stop   --dir DIR

`start` launches `feast -c DIR serve_registry --port <free port>` in the
background (own session, log in DIR/server.log), waits until the gRPC health
service answers SERVING, writes DIR/server.json {"host","port","pid",
"ready_s"} and prints the port on stdout (last line: `PORT <n>`).
`stop` terminates exactly that pid (SIGTERM, then SIGKILL) and removes
server.json. The `feast` executable is looked up next to sys.executable.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time

HOST = "127.0.0.1"


def feast_command() -> list:
    """`feast` living next to the running interpreter (same venv)."""
    bindir = os.path.dirname(sys.executable)
    for name in ("feast", "feast.exe"):
        cand = os.path.join(bindir, name)
        if os.path.isfile(cand) and os.access(cand, os.X_OK):
            return [cand]
    # Fall back to the CLI module of the same interpreter.
    return [sys.executable, "-m", "feast.cli.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still "exists"; treat it as dead.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def rss_mb(pid: int) -> float:
    """RSS of pid plus its descendants, in MB (Linux /proc); -1 if unknown."""
    def one(p):
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            pass
        return 0.0

    def children(p):
        out = []
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    out += [int(x) for x in fh.read().split()]
        except OSError:
            pass
        return out

    if not os.path.exists(f"/proc/{pid}"):
        return -1.0
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += one(p)
        todo += children(p)
    return total


def wait_grpc_ready(target: str, timeout: float, proc=None) -> bool:
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        ch = grpc.insecure_channel(target)
        try:
            grpc.channel_ready_future(ch).result(timeout=1.0)
            resp = health_pb2_grpc.HealthStub(ch).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=2.0
            )
            if resp.status == health_pb2.HealthCheckResponse.SERVING:
                return True
        except Exception:
            time.sleep(0.1)
        finally:
            ch.close()
    return False


def state_path(d: str) -> str:
    return os.path.join(d, "server.json")


def read_state(d: str):
    try:
        with open(state_path(d)) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def start(d: str, port: int = 0, timeout: float = 300.0, quiet: bool = False) -> dict:
    d = os.path.abspath(d)
    if not os.path.isfile(os.path.join(d, "feature_store.yaml")):
        raise SystemExit(f"serve.py: no feature_store.yaml in {d}")
    st = read_state(d)
    if st and pid_alive(st["pid"]):
        raise SystemExit(
            f"serve.py: server already running (pid {st['pid']}, port {st['port']}); "
            f"run `serve.py stop --dir {d}` first"
        )
    port = port or free_port()
    cmd = feast_command() + ["-c", d, "serve_registry", "--port", str(port)]
    log = open(os.path.join(d, "server.log"), "ab")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        cwd=d, start_new_session=True,
    )
    log.close()
    ok = wait_grpc_ready(f"{HOST}:{port}", timeout, proc)
    ready_s = time.perf_counter() - t0
    if not ok:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        raise SystemExit(
            f"serve.py: server did not become ready within {timeout}s "
            f"(exit={proc.poll()}); see {os.path.join(d, 'server.log')}"
        )
    st = {"host": HOST, "port": port, "pid": proc.pid, "ready_s": round(ready_s, 3),
          "cmd": cmd}
    with open(state_path(d), "w") as fh:
        json.dump(st, fh, indent=1)
    if not quiet:
        print(f"serve_registry pid {proc.pid} ready on {HOST}:{port} after {ready_s:.2f} s")
        print(f"BENCH serve_registry_ready_s {ready_s:.2f} s")
        print(f"PORT {port}")
    return st


def stop(d: str, quiet: bool = False) -> bool:
    d = os.path.abspath(d)
    st = read_state(d)
    if not st:
        if not quiet:
            print(f"serve.py: no server.json in {d}")
        return False
    pid = int(st["pid"])
    if pid_alive(pid):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 15
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if pid_alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    try:
        os.waitpid(pid, os.WNOHANG)  # reap if it is our child
    except ChildProcessError:
        pass
    os.remove(state_path(d))
    if not quiet:
        print(f"stopped serve_registry pid {pid}")
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="start/stop feast serve_registry")
    ap.add_argument("action", choices=["start", "stop", "status"])
    ap.add_argument("--dir", required=True, help="directory made by make_registry.py")
    ap.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    ap.add_argument("--timeout", type=float, default=300.0, help="readiness timeout, s")
    a = ap.parse_args(argv)
    if a.action == "start":
        start(a.dir, a.port, a.timeout)
    elif a.action == "stop":
        return 0 if stop(a.dir) else 1
    else:
        st = read_state(os.path.abspath(a.dir))
        if not st or not pid_alive(st["pid"]):
            print("not running")
            return 1
        print(json.dumps(st))
        print(f"BENCH server_rss_mb {rss_mb(st['pid']):.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
