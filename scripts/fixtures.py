#!/usr/bin/env python3
"""Bring the real Feast test fixtures up and down on loopback.

    fixtures.py up     --runtime DIR [--only shared|isolated|all] [--tls] [--with-allow-all]
    fixtures.py down   --runtime DIR
    fixtures.py status --runtime DIR [--json]
    fixtures.py serve  --runtime DIR --name NAME [--port P] [--tls-cert F --tls-key F [--tls-ca F]]
                       [--deployment shared|team-alpha|team-beta]

`up` copies the feature repos of tests/fixtures/ into DIR, renders their
feature_store.yaml, generates the parquet data, runs `feast apply` and
`feast materialize`, creates the saved datasets, starts one
`feast serve_registry` per registry on a free port, waits until each server
answers gRPC health + ListProjects, and writes DIR/fixtures.json and
DIR/workspace.yaml. See tests/fixtures/README.md for the layout.

Uses only the standard library plus Feast and its dependencies (grpcio,
grpcio-health-checking). The Python interpreter running this script is used for
every helper, and the `feast` CLI is taken from the same bin directory.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PYTHON = sys.executable
FEAST = str(Path(sys.executable).parent / "feast")
HOST = "127.0.0.1"
STATE_VERSION = 1
READY_TIMEOUT = 45.0
STEP_TIMEOUT = 300.0

# Files/dirs written by `up` inside DIR; only these are removed on re-run.
OWNED = ["fixtures.json", "workspace.yaml", "logs", "servers", "tls", "shared", "team-alpha", "team-beta"]


@dataclass
class Repo:
    project: str
    src: Path  # committed source dir under tests/fixtures
    materialize_views: Optional[List[str]] = None  # None -> all views
    saved_datasets: bool = False


@dataclass
class Deployment:
    name: str  # also the runtime sub-directory and the server name
    mode: str  # shared | isolated
    repos: List[Repo]
    tenant: Optional[str] = None  # isolated only
    tenant_tag: Optional[str] = None  # shared only


DEPLOYMENTS: Dict[str, Deployment] = {
    "shared": Deployment(
        name="shared",
        mode="shared",
        tenant_tag="team",
        repos=[
            Repo(
                "fraud_detection",
                FIXTURES / "shared" / "fraud_detection",
                # card_activity_10m has windowed aggregations, which the local
                # compute engine of Feast 0.66 cannot materialize.
                materialize_views=[
                    "customer_transaction_stats",
                    "merchant_risk",
                    "customer_merchant_affinity",
                    "customer_realtime_flags",
                ],
                saved_datasets=True,
            ),
            Repo("marketing", FIXTURES / "shared" / "marketing"),
            Repo("credit_risk", FIXTURES / "shared" / "credit_risk", saved_datasets=True),
        ],
    ),
    "team-alpha": Deployment(
        name="team-alpha",
        mode="isolated",
        tenant="team-alpha",
        repos=[Repo("alpha_recs", FIXTURES / "isolated" / "team_alpha")],
    ),
    "team-beta": Deployment(
        name="team-beta",
        mode="isolated",
        tenant="team-beta",
        repos=[Repo("beta_search", FIXTURES / "isolated" / "team_beta")],
    ),
}
ALLOW_ALL_FILE = FIXTURES / "optional" / "allow_all_permission.py"
ALLOW_ALL_PROJECT = "credit_risk"


class FixtureError(RuntimeError):
    pass


_LOG_LOCK = threading.Lock()


def log(msg: str) -> None:
    with _LOG_LOCK:
        sys.stderr.write(f"[fixtures {time.strftime('%H:%M:%S')}] {msg}\n")
        sys.stderr.flush()


# --------------------------------------------------------------------- paths
def deployment_dir(runtime: Path, dep: str) -> Path:
    return runtime / dep


def registry_path(runtime: Path, dep: str) -> Path:
    return deployment_dir(runtime, dep) / "registry.db"


def repo_dir(runtime: Path, dep: str, project: str) -> Path:
    return deployment_dir(runtime, dep) / "repos" / project


def online_path(runtime: Path, dep: str, project: str) -> Path:
    return deployment_dir(runtime, dep) / "online" / f"{project}.db"


def saved_dir(runtime: Path, dep: str) -> Path:
    return deployment_dir(runtime, dep) / "saved_datasets"


def servers_dir(runtime: Path) -> Path:
    return runtime / "servers"


def logs_dir(runtime: Path) -> Path:
    return runtime / "logs"


# ---------------------------------------------------------------- subprocess
def clean_env() -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FEAST_") and k != "FEATURE_REPO_DIR_ENV_VAR"}
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONWARNINGS"] = "ignore::RuntimeWarning"
    return env


def run_step(runtime: Path, label: str, cmd: List[str], cwd: Path) -> str:
    """Run a short-lived command, log to DIR/logs/<label>.log, raise on failure."""
    logfile = logs_dir(runtime) / f"{label}.log"
    t0 = time.monotonic()
    with open(logfile, "w") as fh:
        fh.write(f"$ {' '.join(cmd)}\n# cwd={cwd}\n")
        fh.flush()
        proc = subprocess.run(
            cmd, cwd=cwd, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, timeout=STEP_TIMEOUT, stdin=subprocess.DEVNULL,
        )
        fh.write(proc.stdout)
    dt = time.monotonic() - t0
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.strip().splitlines()[-25:])
        raise FixtureError(f"{label} failed (exit {proc.returncode}), see {logfile}:\n{tail}")
    log(f"{label}: ok ({dt:.1f}s)")
    return proc.stdout


# -------------------------------------------------------------- repo setup
def render_yaml(template: Path, registry: Path, online: Path) -> str:
    text = template.read_text()
    for key, value in (("@REGISTRY_PATH@", registry), ("@ONLINE_STORE_PATH@", online)):
        if key not in text:
            raise FixtureError(f"{template}: placeholder {key} missing")
        text = text.replace(key, json.dumps(str(value)))  # JSON string == valid YAML scalar
    return text


def prepare_repo(runtime: Path, dep: Deployment, repo: Repo) -> Path:
    dst = repo_dir(runtime, dep.name, repo.project)
    shutil.copytree(
        repo.src, dst,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "data", "feature_store.yaml", ".ipynb_checkpoints"),
    )
    online_path(runtime, dep.name, repo.project).parent.mkdir(parents=True, exist_ok=True)
    (dst / "feature_store.yaml").write_text(
        render_yaml(dst / "feature_store.yaml.tmpl", registry_path(runtime, dep.name),
                    online_path(runtime, dep.name, repo.project))
    )
    generator().generate(repo.project, dst / "data")
    return dst


_GEN_LOCK = threading.Lock()
_GEN_MODULE = None


def generator():
    """tests/fixtures/generate_data.py, loaded once by path (thread-safe)."""
    global _GEN_MODULE
    with _GEN_LOCK:
        if _GEN_MODULE is None:
            spec = importlib.util.spec_from_file_location("feast_console_generate_data", FIXTURES / "generate_data.py")
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            _GEN_MODULE = mod
        return _GEN_MODULE


def data_range():
    return generator().DATA_START, generator().DATA_END


def build_deployment(runtime: Path, dep: Deployment, with_allow_all: bool, cli_subprocess: bool) -> dict:
    """Copy, apply, materialize and snapshot every repo of one registry (sequentially).

    Default: one helper interpreter (tests/fixtures/build_registry.py) runs the
    `feast apply` / `feast materialize` click commands in-process for all repos
    of the registry. --cli-subprocess runs one `feast` CLI process per command.
    """
    t0 = time.monotonic()
    start, end = data_range()
    start_s, end_s = start.strftime("%Y-%m-%dT%H:%M:%S"), end.strftime("%Y-%m-%dT%H:%M:%S")
    repos = [prepare_repo(runtime, dep, r) for r in dep.repos]
    extra = {r.project: str(ALLOW_ALL_FILE) for r in dep.repos if with_allow_all and r.project == ALLOW_ALL_PROJECT}
    saved: List[dict] = []
    if not cli_subprocess:
        plan = {
            "start": start_s,
            "end": end_s,
            "saved_datasets_out": str(saved_dir(runtime, dep.name)),
            "repos": [
                {"path": str(p), "materialize_views": r.materialize_views, "saved_datasets": r.saved_datasets,
                 "extra_apply": extra.get(r.project)}
                for r, p in zip(dep.repos, repos)
            ],
        }
        plan_file = deployment_dir(runtime, dep.name) / "build_plan.json"
        plan_file.write_text(json.dumps(plan, indent=2))
        out = run_step(runtime, f"{dep.name}.build", [PYTHON, str(FIXTURES / "build_registry.py"), str(plan_file)],
                       deployment_dir(runtime, dep.name))
        for line in out.splitlines():
            if line.startswith("{"):
                rec = json.loads(line)
                if "saved_dataset" in rec:
                    saved.append(rec["saved_dataset"])
                else:
                    log(f"  {dep.name}: {rec['step']} {Path(rec['repo']).name} {rec['seconds']}s")
        return {"repos": [str(p) for p in repos], "saved_datasets": saved, "seconds": round(time.monotonic() - t0, 1)}

    for r, path in zip(dep.repos, repos):
        run_step(runtime, f"{dep.name}.{r.project}.apply", [FEAST, "--chdir", str(path), "apply"], path)
    for r, path in zip(dep.repos, repos):
        cmd = [FEAST, "--chdir", str(path), "materialize"]
        for v in r.materialize_views or []:
            cmd += ["--views", v]
        run_step(runtime, f"{dep.name}.{r.project}.materialize", cmd + [start_s, end_s], path)
    sd_repos = [p for r, p in zip(dep.repos, repos) if r.saved_datasets]
    if sd_repos:
        cmd = [PYTHON, str(FIXTURES / "saved_datasets.py"), "--out", str(saved_dir(runtime, dep.name))]
        for p in sd_repos:
            cmd += ["--repo", str(p)]
        out = run_step(runtime, f"{dep.name}.saved_datasets", cmd, deployment_dir(runtime, dep.name))
        saved = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    for r, path in zip(dep.repos, repos):
        if r.project in extra:
            shutil.copy(ALLOW_ALL_FILE, path / ALLOW_ALL_FILE.name)
            run_step(runtime, f"{dep.name}.{r.project}.apply_allow_all", [FEAST, "--chdir", str(path), "apply"], path)
    return {"repos": [str(p) for p in repos], "saved_datasets": saved, "seconds": round(time.monotonic() - t0, 1)}


# ----------------------------------------------------------------------- TLS
def make_tls(runtime: Path) -> Dict[str, str]:
    d = runtime / "tls"
    d.mkdir(parents=True, exist_ok=True)
    ca_key, ca_pem = d / "ca.key", d / "ca.pem"
    key, csr, pem, ext = d / "server.key", d / "server.csr", d / "server.pem", d / "server.ext"
    ext.write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
    )
    openssl = shutil.which("openssl")
    if not openssl:
        raise FixtureError("--tls needs the openssl command")
    steps = [
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
         "-keyout", str(ca_key), "-out", str(ca_pem), "-subj", "/CN=Feast Console Test CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        [openssl, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256",
         "-keyout", str(key), "-out", str(csr), "-subj", "/CN=localhost"],
        [openssl, "x509", "-req", "-in", str(csr), "-CA", str(ca_pem), "-CAkey", str(ca_key),
         "-set_serial", "4242", "-days", "825", "-sha256", "-extfile", str(ext), "-out", str(pem)],
    ]
    for i, cmd in enumerate(steps):
        run_step(runtime, f"tls.openssl{i + 1}", cmd, d)
    return {"ca_cert": str(ca_pem), "tls_cert": str(pem), "tls_key": str(key)}


# ------------------------------------------------------------------- servers
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _proc_cmdline(pid: int) -> Optional[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except FileNotFoundError:
        return ""  # process gone
    except OSError:
        return None  # no /proc: unknown


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # zombie children still answer kill(0); treat them as dead
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    except OSError:
        pass
    return True


def is_our_server(pid: int) -> bool:
    cmd = _proc_cmdline(pid)
    if cmd is None:
        return pid_alive(pid)
    return "serve_registry" in cmd


def stop_pid(pid: int, name: str, grace: float = 5.0) -> None:
    if not pid or not pid_alive(pid) or not is_our_server(pid):
        return
    try:
        pgid = os.getpgid(pid)
    except ProcessLookupError:
        return
    kill = (lambda sig: os.killpg(pgid, sig)) if pgid == pid else (lambda sig: os.kill(pid, sig))
    try:
        kill(signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        _reap(pid)
        if not pid_alive(pid):
            _wait_gone(pid)
            log(f"stopped {name} (pid {pid})")
            return
        time.sleep(0.1)
    try:
        kill(signal.SIGKILL)
    except ProcessLookupError:
        pass
    for _ in range(50):
        _reap(pid)
        if not pid_alive(pid):
            break
        time.sleep(0.1)
    _wait_gone(pid)
    log(f"killed {name} (pid {pid}) after SIGTERM timeout")


def _wait_gone(pid: int, timeout: float = 3.0) -> None:
    """After death, give init a moment to reap the zombie so `pgrep` is clean."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        _reap(pid)
        time.sleep(0.05)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    except OSError:
        pass


def start_server(runtime: Path, name: str, serve_repo: Path, port: int,
                 tls_cert: Optional[str] = None, tls_key: Optional[str] = None) -> dict:
    logs_dir(runtime).mkdir(parents=True, exist_ok=True)
    servers_dir(runtime).mkdir(parents=True, exist_ok=True)
    logfile = logs_dir(runtime) / f"server.{name}.log"
    cmd = [FEAST, "--chdir", str(serve_repo), "serve_registry", "--port", str(port)]
    if tls_cert or tls_key:
        if not (tls_cert and tls_key):
            raise FixtureError("TLS needs both --tls-cert and --tls-key")
        cmd += ["--key", str(Path(tls_key).resolve()), "--cert", str(Path(tls_cert).resolve())]
    with open(logfile, "ab") as fh:
        fh.write(f"\n# {datetime.now(timezone.utc).isoformat()} $ {' '.join(cmd)}\n".encode())
        fh.flush()
        proc = subprocess.Popen(
            cmd, cwd=serve_repo, env=clean_env(), stdout=fh, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
    rec = {"name": name, "pid": proc.pid, "port": port, "log": str(logfile), "started_at": time.time()}
    # Record the pid immediately so `down` can always find it, even if `up` dies.
    (servers_dir(runtime) / f"{name}.json").write_text(json.dumps(rec))
    log(f"started {name}: pid {proc.pid} port {port}{' (TLS)' if tls_cert else ''}")
    return rec


def _grpc_channel(port: int, ca_cert: Optional[str]):
    import grpc

    target = f"{HOST}:{port}"
    if ca_cert:
        creds = grpc.ssl_channel_credentials(root_certificates=Path(ca_cert).read_bytes())
        return grpc.secure_channel(target, creds)
    return grpc.insecure_channel(target)


def probe(port: int, ca_cert: Optional[str], timeout: float = 2.0) -> Dict[str, Dict[str, str]]:
    """gRPC health check + a real RegistryServer.ListProjects call. Returns {project: tags}."""
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from feast.protos.feast.registry import RegistryServer_pb2, RegistryServer_pb2_grpc

    with _grpc_channel(port, ca_cert) as ch:
        resp = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service=""), timeout=timeout)
        if resp.status != health_pb2.HealthCheckResponse.SERVING:
            raise FixtureError(f"health status {resp.status}")
        projects = RegistryServer_pb2_grpc.RegistryServerStub(ch).ListProjects(
            RegistryServer_pb2.ListProjectsRequest(allow_cache=False), timeout=timeout * 5
        )
        return {p.spec.name: dict(p.spec.tags) for p in sorted(projects.projects, key=lambda p: p.spec.name)}


def wait_ready(name: str, pid: int, port: int, ca_cert: Optional[str], logfile: str,
               timeout: float = READY_TIMEOUT) -> Dict[str, Dict[str, str]]:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        _reap(pid)
        if not pid_alive(pid):
            tail = "\n".join(Path(logfile).read_text(errors="replace").strip().splitlines()[-20:])
            raise FixtureError(f"server {name} (pid {pid}) exited during startup; log {logfile}:\n{tail}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                pass
            return probe(port, ca_cert)
        except Exception as exc:  # not ready yet
            last = exc
            time.sleep(0.2)
    raise FixtureError(f"server {name} not ready on {HOST}:{port} after {timeout:.0f}s: {last}")


# --------------------------------------------------------------- state files
def load_state(runtime: Path) -> Optional[dict]:
    f = runtime / "fixtures.json"
    if f.is_file():
        return json.loads(f.read_text())
    return None


def write_state(runtime: Path, state: dict) -> None:
    tmp = runtime / "fixtures.json.tmp"
    tmp.write_text(json.dumps(state, indent=2) + "\n")
    tmp.replace(runtime / "fixtures.json")
    write_workspace(runtime, state)


def _yaml_scalar(v: str) -> str:
    safe = all(c.isalnum() or c in "-_./:" for c in v) and v and not v[0] in "-:"
    return v if safe else json.dumps(v)


def write_workspace(runtime: Path, state: dict) -> None:
    lines = ["# Generated by scripts/fixtures.py -- do not edit.", "name: Feast Console demo", "connections:"]
    for s in state["servers"]:
        if s.get("tls"):
            continue  # TLS endpoint is described in fixtures.json only
        lines.append(f"  - name: {_yaml_scalar(s['name'])}")
        lines.append(f"    url: {_yaml_scalar(s['url'])}")
        lines.append(f"    mode: {s['mode']}")
        if s["mode"] == "shared" and s.get("tenant_tag"):
            lines.append(f"    tenant_tag: {_yaml_scalar(s['tenant_tag'])}")
        if s["mode"] == "isolated":
            lines.append(f"    tenant: {_yaml_scalar(s['tenant'])}")
    (runtime / "workspace.yaml").write_text("\n".join(lines) + "\n")


def recorded_pids(runtime: Path) -> Dict[str, int]:
    """Every server pid we ever recorded in DIR (state dir + fixtures.json)."""
    pids: Dict[str, int] = {}
    sd = servers_dir(runtime)
    if sd.is_dir():
        for f in sd.glob("*.json"):
            try:
                rec = json.loads(f.read_text())
                pids[f"{rec['name']}#{rec['pid']}"] = int(rec["pid"])
            except (ValueError, KeyError, OSError):
                continue
    st = load_state(runtime)
    if st:
        for s in st.get("servers", []):
            if s.get("pid"):
                pids[f"{s['name']}#{s['pid']}"] = int(s["pid"])
    return pids


# ------------------------------------------------------------------ commands
def cmd_down(runtime: Path) -> int:
    pids = recorded_pids(runtime)
    if not pids:
        log(f"nothing recorded in {runtime}")
    if pids:
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(pids)) as pool:
            list(pool.map(lambda kv: stop_pid(kv[1], kv[0].split("#")[0]), pids.items()))
    left = [k for k, pid in pids.items() if pid_alive(pid) and is_our_server(pid)]
    sd = servers_dir(runtime)
    if sd.is_dir():
        for f in sd.glob("*.json"):
            f.unlink()
    st = load_state(runtime)
    if st:
        for s in st["servers"]:
            s["pid"] = None
        st["state"] = "down"
        write_state(runtime, st)
    if left:
        log(f"still running: {left}")
        return 1
    return 0


def server_entry(runtime: Path, name: str, dep: Deployment, port: int, pid: int, projects: Dict[str, Dict[str, str]],
                 repos: List[str], logfile: str, tls: Optional[Dict[str, str]] = None,
                 project_tags: Optional[Dict[str, Dict[str, str]]] = None) -> dict:
    if dep.mode == "shared" and dep.tenant_tag:
        tenants: Dict[str, List[str]] = {}
        for proj, tags in sorted(projects.items()):
            tenants.setdefault(tags.get(dep.tenant_tag, proj), []).append(proj)
    elif dep.mode == "shared":
        tenants = {proj: [proj] for proj in sorted(projects)}
    else:
        tenants = {dep.tenant: sorted(projects)}
    return {
        "name": name,
        "deployment": dep.name,
        "url": f"{'grpcs' if tls else 'grpc'}://{HOST}:{port}",
        "host": HOST,
        "port": port,
        "pid": pid,
        "tls": bool(tls),
        "ca_cert": tls["ca_cert"] if tls else None,
        "tls_cert": tls["tls_cert"] if tls else None,
        "tls_key": tls["tls_key"] if tls else None,
        "mode": dep.mode,
        "tenant": dep.tenant,
        "tenant_tag": dep.tenant_tag,
        "registry": str(registry_path(runtime, dep.name)),
        "repos": repos,
        "serve_repo": repos[0],
        "projects": sorted(projects),
        "project_tags": projects,
        "tenants": tenants,
        "log": logfile,
    }


def bring_up(runtime: Path, dep: Deployment, with_allow_all: bool, tls_files: Optional[Dict[str, str]],
             cli_subprocess: bool) -> dict:
    build = build_deployment(runtime, dep, with_allow_all, cli_subprocess)
    t0 = time.monotonic()
    repos = build["repos"]
    launches = [(dep.name, start_server(runtime, dep.name, Path(repos[0]), free_port()), None)]
    if tls_files:
        launches.append(("shared-tls", start_server(runtime, "shared-tls", Path(repos[0]), free_port(),
                                                     tls_files["tls_cert"], tls_files["tls_key"]), tls_files))
    expected = sorted(r.project for r in dep.repos)
    entries = []
    for name, rec, t in launches:
        projects = wait_ready(name, rec["pid"], rec["port"], t["ca_cert"] if t else None, rec["log"])
        if sorted(projects) != expected:
            raise FixtureError(f"{name} serves projects {sorted(projects)}, expected {expected}")
        entries.append(server_entry(runtime, name, dep, rec["port"], rec["pid"], projects, repos, rec["log"], t))
        log(f"{name} ready at {entries[-1]['url']}")
    return {"build": build, "servers": entries, "servers_ready_seconds": round(time.monotonic() - t0, 1)}


def cmd_up(runtime: Path, only: str, tls: bool, with_allow_all: bool, cli_subprocess: bool = False) -> int:
    t_start = time.monotonic()
    runtime.mkdir(parents=True, exist_ok=True)
    runtime = runtime.resolve()
    if not Path(FEAST).exists():
        raise FixtureError(f"feast CLI not found next to the interpreter: {FEAST}")
    # Idempotent: stop whatever a previous `up` started here, then wipe our files.
    cmd_down(runtime)
    for name in OWNED:
        p = runtime / name
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    logs_dir(runtime).mkdir(parents=True)
    servers_dir(runtime).mkdir(parents=True)

    selected = [d for d in DEPLOYMENTS.values()
                if only == "all" or (only == "shared" and d.mode == "shared")
                or (only == "isolated" and d.mode == "isolated")]
    if tls and not any(d.name == "shared" for d in selected):
        raise FixtureError("--tls needs the shared deployment (use --only shared or all)")

    ok = False
    try:
        timings: Dict[str, float] = {}
        tls_files = make_tls(runtime) if tls else None
        results: Dict[str, dict] = {}
        # One thread per registry: build it, start its server(s), wait until they answer.
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(selected)) as pool:
            futs = {
                pool.submit(bring_up, runtime, d, with_allow_all and d.name == "shared",
                            tls_files if d.name == "shared" else None, cli_subprocess): d
                for d in selected
            }
            for fut in concurrent.futures.as_completed(futs):
                d = futs[fut]
                results[d.name] = fut.result()
                timings[f"{d.name}.build"] = results[d.name]["build"]["seconds"]
                timings[f"{d.name}.servers_ready"] = results[d.name]["servers_ready_seconds"]
        servers = [e for d in selected for e in results[d.name]["servers"]]
        builds = {name: r["build"] for name, r in results.items()}
        start, end = data_range()
        timings["total"] = round(time.monotonic() - t_start, 1)
        state = {
            "version": STATE_VERSION,
            "state": "up",
            "runtime": str(runtime),
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "python": PYTHON,
            "feast": FEAST,
            "feast_version": _feast_version(),
            "only": only,
            "data_range": {"start": start.isoformat(), "end": end.isoformat()},
            "workspace": str(runtime / "workspace.yaml"),
            "allow_all_permission": ALLOW_ALL_PROJECT if with_allow_all and "shared" in builds else None,
            "tls": tls_files,
            "servers": servers,
            "saved_datasets": [s for b in builds.values() for s in b["saved_datasets"]],
            "timings": timings,
        }
        write_state(runtime, state)
        ok = True
        log(f"up in {timings['total']}s -> {runtime / 'fixtures.json'}")
        for s in servers:
            log(f"  {s['name']:<11} {s['url']:<26} pid {s['pid']:<7} {', '.join(s['projects'])}")
        return 0
    finally:
        if not ok:
            log("up failed; stopping anything that was started")
            cmd_down(runtime)


def _feast_version() -> str:
    try:
        from importlib.metadata import version

        return version("feast")
    except Exception:
        return "unknown"


def cmd_status(runtime: Path, as_json: bool) -> int:
    runtime = runtime.resolve()
    st = load_state(runtime)
    if not st:
        print(f"no fixtures.json in {runtime}")
        return 1
    rows, all_ok = [], True
    for s in st["servers"]:
        pid = s.get("pid")
        alive = bool(pid) and pid_alive(pid) and is_our_server(pid)
        try:
            projects = sorted(probe(s["port"], s.get("ca_cert"), timeout=1.0)) if alive else None
        except Exception:
            projects = None
        ok = alive and projects is not None
        all_ok &= ok
        rows.append({"name": s["name"], "url": s["url"], "pid": pid, "alive": alive, "ready": ok,
                     "projects": projects})
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            state = "ready" if r["ready"] else ("alive" if r["alive"] else "down")
            print(f"{r['name']:<11} {r['url']:<26} pid={r['pid']} {state} {r['projects'] or ''}")
    return 0 if all_ok else 1


def cmd_serve(runtime: Path, name: str, port: Optional[int], tls_cert: Optional[str], tls_key: Optional[str],
              deployment: Optional[str], tls_ca: Optional[str] = None) -> int:
    runtime = runtime.resolve()
    st = load_state(runtime)
    if not st:
        raise FixtureError(f"no fixtures.json in {runtime}; run `up` first")
    existing = next((s for s in st["servers"] if s["name"] == name), None)
    dep_name = deployment or (existing and existing["deployment"])
    if not dep_name:
        raise FixtureError(f"unknown server {name!r}; pass --deployment to create it")
    if dep_name not in DEPLOYMENTS or not registry_path(runtime, dep_name).is_file():
        raise FixtureError(f"deployment {dep_name!r} has no applied registry in {runtime}")
    dep = DEPLOYMENTS[dep_name]
    if existing and existing.get("pid"):
        stop_pid(existing["pid"], name)
    tls = None
    if tls_cert or tls_key:
        if not (tls_cert and tls_key):
            raise FixtureError("give both --tls-cert and --tls-key")
        ca = tls_ca or (existing or {}).get("ca_cert") or (st.get("tls") or {}).get("ca_cert")
        if not ca:
            raise FixtureError("give --tls-ca (the CA that signed --tls-cert) to verify the TLS server")
        tls = {"ca_cert": str(Path(ca).resolve()), "tls_cert": str(Path(tls_cert).resolve()),
               "tls_key": str(Path(tls_key).resolve())}
    elif existing and existing.get("tls") and existing.get("tls_cert"):
        tls = {k: existing[k] for k in ("ca_cert", "tls_cert", "tls_key")}
    port = port or (existing["port"] if existing else free_port())
    repos = [str(repo_dir(runtime, dep.name, r.project)) for r in dep.repos]
    rec = start_server(runtime, name, Path(repos[0]), port, tls and tls["tls_cert"], tls and tls["tls_key"])
    try:
        projects = wait_ready(name, rec["pid"], port, tls and tls["ca_cert"], rec["log"])
    except Exception:
        stop_pid(rec["pid"], name)
        raise
    entry = server_entry(runtime, name, dep, port, rec["pid"], projects, repos, rec["log"], tls)
    names = [s["name"] for s in st["servers"]]
    if name in names:
        st["servers"][names.index(name)] = entry  # keep the order of fixtures.json stable
    else:
        st["servers"].append(entry)
    st["state"] = "up"
    write_state(runtime, st)
    print(json.dumps(entry, indent=2))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("up", help="build the fixtures and start the registry servers")
    p.add_argument("--runtime", required=True, type=Path)
    p.add_argument("--only", choices=["shared", "isolated", "all"], default="all")
    p.add_argument("--tls", action="store_true", help="also start a TLS registry server for the shared registry")
    p.add_argument("--cli-subprocess", action="store_true",
                   help="run every feast apply/materialize as its own `feast` CLI process (slower)")
    p.add_argument("--with-allow-all", action="store_true",
                   help=f"also apply an AllowAll permission to {ALLOW_ALL_PROJECT} (breaks its permission listing)")
    p = sub.add_parser("down", help="stop every server started in DIR")
    p.add_argument("--runtime", required=True, type=Path)
    p = sub.add_parser("status", help="show the servers of DIR")
    p.add_argument("--runtime", required=True, type=Path)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("serve", help="(re)start one registry server of an applied registry")
    p.add_argument("--runtime", required=True, type=Path)
    p.add_argument("--name", required=True, help="server name from fixtures.json, or a new one with --deployment")
    p.add_argument("--port", type=int, help="default: the server's recorded port, else a free port")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--tls-ca", help="CA of --tls-cert (default: the recorded CA, i.e. DIR/tls/ca.pem after `up --tls`)")
    p.add_argument("--deployment", choices=sorted(DEPLOYMENTS), help="registry to serve for a new NAME")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "up":
            return cmd_up(args.runtime, args.only, args.tls, args.with_allow_all, args.cli_subprocess)
        if args.cmd == "down":
            return cmd_down(args.runtime.resolve())
        if args.cmd == "status":
            return cmd_status(args.runtime, args.json)
        return cmd_serve(args.runtime, args.name, args.port, args.tls_cert, args.tls_key, args.deployment,
                         args.tls_ca)
    except FixtureError as exc:
        log(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        if args.cmd in ("up", "serve"):
            cmd_down(args.runtime.resolve())
        return 130


if __name__ == "__main__":
    sys.exit(main())
