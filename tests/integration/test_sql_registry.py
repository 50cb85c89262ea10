"""SQL registries read directly (issue 14): the console reads Feast's SQL
registry tables itself - SQLite and a real PostgreSQL on loopback, both built
by Feast's own `feast apply` - and lists exactly what Feast's SDK lists from
the same registry; read-only, and every fault is an error naming the
connection and the cause."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import free_port, run_console, server, wait_for_port

HERE = Path(__file__).resolve().parent
KEY_FIELDS = ("project", "kind", "name", "feature_view", "dtype")
PASSWORD = "s3cret-registry-pw"


def keyed(items: list[dict]) -> list[tuple]:
    return sorted(tuple(item.get(k, "") for k in KEY_FIELDS) for item in items)


def repos_with_sql_registry(fixtures: dict, dest: Path, registry_path: str) -> list[Path]:
    """The shared deployment's repos, copied, their registry made `registry_type: sql` at
    registry_path and their online store a file of their own (apply creates its tables)."""
    import yaml

    repos = []
    for source in server(fixtures, "shared")["repos"]:
        repo = dest / Path(source).name
        shutil.copytree(source, repo, ignore=shutil.ignore_patterns("__pycache__", "*.db"))
        config = yaml.safe_load((repo / "feature_store.yaml").read_text())
        config["registry"] = {"registry_type": "sql", "path": registry_path, "cache_ttl_seconds": 0}
        config["online_store"] = {"type": "sqlite", "path": str(dest / f"online-{repo.name}.db")}
        (repo / "feature_store.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        repos.append(repo)
    return repos


def feast_apply(repos: list[Path], env: dict | None = None) -> None:
    """Feast's own `feast apply`, one repo after the other (no materialization: the SQL rows are what matters)."""
    for repo in repos:
        proc = subprocess.run([str(Path(sys.executable).parent / "feast"), "-c", str(repo), "apply"], capture_output=True,
                              text=True, timeout=300, env={**os.environ, **(env or {})})
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def feast_catalog_in(repo: Path, env: dict | None = None) -> list[dict]:
    """What Feast's SDK lists, run from the repo as `feast` runs (SQLAlchemy resolves a relative
    sqlite:/// path against the current folder)."""
    proc = subprocess.run([sys.executable, str(HERE / "feast_catalog.py"), "--repo", str(repo)], capture_output=True,
                          text=True, timeout=300, cwd=repo, env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# ---------------------------------------------------------------- SQLite

@pytest.fixture(scope="module")
def sqlite_registry(fixtures, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sqlite-registry")
    repos = repos_with_sql_registry(fixtures, tmp, "sqlite:///registry.sqlite")  # relative: to the repo
    # Every repo names the same file: one registry, three projects.
    for repo in repos[1:]:
        text = (repo / "feature_store.yaml").read_text()
        (repo / "feature_store.yaml").write_text(text.replace("sqlite:///registry.sqlite", f"sqlite:///{repos[0]}/registry.sqlite"))
    feast_apply(repos)
    return {"repos": repos, "db": repos[0] / "registry.sqlite"}


def test_sqlite_registry_lists_what_feast_lists(sqlite_registry):
    db = sqlite_registry["db"]
    proc = run_console("catalog", "list", "--json", "--registry", f"sqlite:///{db}", "--tenant-tag", "team")
    assert proc.returncode == 0, proc.stderr
    console = json.loads(proc.stdout)
    feast = feast_catalog_in(sqlite_registry["repos"][0])
    assert keyed(console) == keyed(feast)
    assert {item["project"] for item in console} == {"fraud_detection", "marketing", "credit_risk"}
    assert {item["tenant"] for item in console} >= {"fraud", "growth", "risk"}


def test_feature_store_yaml_with_a_sql_registry(sqlite_registry):
    repo = sqlite_registry["repos"][0]  # its yaml says sqlite:///registry.sqlite, relative to the repo
    proc = run_console("catalog", "list", "--json", "--registry", str(repo / "feature_store.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert keyed(json.loads(proc.stdout)) == keyed(feast_catalog_in(repo))


def test_a_sql_registry_equals_the_file_registry_of_the_same_repos(fixtures, sqlite_registry):
    """The same repos applied to a file registry and to a SQL one: the same catalog."""
    file_registry = server(fixtures, "shared")["registry"]
    from_file = run_console("catalog", "list", "--json", "--registry", "file://" + file_registry)
    from_sql = run_console("catalog", "list", "--json", "--registry", f"sqlite:///{sqlite_registry['db']}")
    assert from_file.returncode == 0 and from_sql.returncode == 0, from_file.stderr + from_sql.stderr
    # Saved datasets and validation references are made after apply in the fixtures only.
    skip = {"saved_dataset", "validation_reference"}
    assert keyed([i for i in json.loads(from_sql.stdout) if i["kind"] not in skip]) == \
        keyed([i for i in json.loads(from_file.stdout) if i["kind"] not in skip])


def test_the_console_never_writes_a_sqlite_registry(sqlite_registry, tmp_path):
    db = tmp_path / "copy.sqlite"
    shutil.copy(sqlite_registry["db"], db)
    before = db.read_bytes()
    db.chmod(0o444)  # a read-only file is enough for a reader
    try:
        proc = run_console("catalog", "list", "--json", "--registry", f"sqlite:///{db}")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)
    finally:
        db.chmod(0o644)
    assert db.read_bytes() == before
    assert not Path(str(db) + "-journal").exists() and not Path(str(db) + "-wal").exists()


def test_sqlite_faults_name_the_connection_and_the_cause(sqlite_registry, tmp_path):
    missing = run_console("catalog", "list", "--registry", f"sqlite:///{tmp_path}/nothing.sqlite")
    assert missing.returncode != 0
    assert "nothing.sqlite" in missing.stderr and "does not exist" in missing.stderr

    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    proc = run_console("catalog", "list", "--registry", f"sqlite:///{empty}")
    assert proc.returncode != 0
    assert "holds no Feast registry" in proc.stderr and "empty.sqlite" in proc.stderr

    other_version = tmp_path / "other.sqlite"
    shutil.copy(sqlite_registry["db"], other_version)
    with sqlite3.connect(other_version) as c:
        c.execute("DROP TABLE feature_services")
    proc = run_console("catalog", "list", "--registry", f"sqlite:///{other_version}")
    assert proc.returncode != 0
    assert "feature_services" in proc.stderr and "another Feast version" in proc.stderr

    corrupt = tmp_path / "corrupt.sqlite"
    shutil.copy(sqlite_registry["db"], corrupt)
    with sqlite3.connect(corrupt) as c:
        name, project = c.execute("SELECT feature_view_name, project_id FROM feature_views LIMIT 1").fetchone()
        c.execute("UPDATE feature_views SET feature_view_proto = ? WHERE feature_view_name = ? AND project_id = ?",
                  (b"\x0a\xff\xff\xff", name, project))
    proc = run_console("catalog", "list", "--registry", f"sqlite:///{corrupt}")
    assert proc.returncode != 0
    assert f'feature_views "{name}"' in proc.stderr and f'project "{project}"' in proc.stderr, proc.stderr

    # Nothing printed as if complete.
    assert proc.stdout == ""

    # Read whole, so held to the registry size limit, like a registry file.
    big = tmp_path / "big.sqlite"
    shutil.copy(sqlite_registry["db"], big)
    with sqlite3.connect(big) as c:
        c.execute("INSERT INTO saved_datasets (saved_dataset_name, project_id, last_updated_timestamp, saved_dataset_proto) "
                  "VALUES ('huge', 'fraud_detection', 0, ?)", (b"\x0a" * (2 << 20),))
    proc = run_console("catalog", "list", "--registry", f"sqlite:///{big}", env={"FEAST_CONSOLE_MAX_REGISTRY_MB": "1"})
    assert proc.returncode != 0 and proc.stdout == ""
    assert "over the 1 MB limit for registries (FEAST_CONSOLE_MAX_REGISTRY_MB)" in proc.stderr, proc.stderr
    assert run_console("catalog", "list", "--registry", f"sqlite:///{big}",
                       env={"FEAST_CONSOLE_MAX_REGISTRY_MB": "10"}).returncode != 0  # then the row itself is refused


def test_permission_writes_on_a_sql_registry_are_refused_with_the_way(sqlite_registry, tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("name: read_all\nproject: fraud_detection\ntypes: [FEATURE_VIEW]\nactions: [READ]\n"
                      "policy: {roles: [reader]}\n")
    before = sqlite_registry["db"].read_bytes()
    proc = run_console("permissions", "apply", "--registry", f"sqlite:///{sqlite_registry['db']}", str(policy))
    assert proc.returncode != 0
    assert "never writes to it" in proc.stderr and "serve_registry" in proc.stderr, proc.stderr
    assert sqlite_registry["db"].read_bytes() == before


def test_bad_sql_urls_are_refused_with_the_reason():
    cases = {
        "sqlite://": "is a file",
        "sqlite:///relative.sqlite": "absolute path",
        "postgresql://u:hunter2@127.0.0.1:5432/registry": "PGPASSWORD",
        "postgresql://127.0.0.1:5432/": "names no database",
        "postgresql://127.0.0.1:5432/registry?sslmod=require": "sslmod",
    }
    for url, reason in cases.items():
        proc = run_console("catalog", "list", "--registry", url)
        assert proc.returncode != 0, url
        assert reason in proc.stderr, (url, proc.stderr)
        assert "hunter2" not in proc.stderr + proc.stdout


# ---------------------------------------------------------------- PostgreSQL

def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


class Postgres:
    """A real PostgreSQL on loopback, in a temporary folder, with a password-protected superuser."""

    def __init__(self, root: Path):
        self.bin = postgres_bin()
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *args: str) -> None:
        proc = subprocess.run([*self.as_postgres, *args], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, f"{args[0]} failed: {proc.stdout}{proc.stderr}"

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD)
        if self.as_postgres:
            shutil.chown(pwfile, "postgres")
        if not self.data.exists():
            self.run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "feast", "--auth=scram-sha-256",
                     f"--pwfile={pwfile}")
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.root / "log"), "-o",
                 f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c log_statement=all "
                 "-c log_line_prefix='[%a] '", "start")
        wait_for_port(self.port)

    def stop(self) -> None:
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=60)

    def url(self, database: str = "registry") -> str:
        return f"postgresql://feast@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    if postgres_bin() is None:
        pytest.fail("PostgreSQL is not installed (scripts/dev installs Debian's postgresql)")
    # Not under pytest's folder: that is private to root, and PostgreSQL runs as its own user.
    import tempfile
    pg = Postgres(Path(tempfile.mkdtemp(prefix="feast-console-pg-")))
    pg.root.chmod(0o755)
    pg.start()
    import psycopg
    with psycopg.connect(host="127.0.0.1", port=pg.port, user="feast", password=PASSWORD, dbname="postgres",
                         autocommit=True) as c:
        c.execute("CREATE DATABASE registry")
        c.execute("CREATE DATABASE empty")
    yield pg
    pg.stop()
    shutil.rmtree(pg.root, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_registry(fixtures, postgres, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pg-registry")
    url = f"postgresql+psycopg://feast:${{PG_REGISTRY_PASSWORD}}@127.0.0.1:{postgres.port}/registry"
    repos = repos_with_sql_registry(fixtures, tmp, url)
    feast_apply(repos, env={"PG_REGISTRY_PASSWORD": PASSWORD})
    return {"repos": repos}


def workspace_with(tmp: Path, url: str, password_env: str = "PG_REGISTRY_PASSWORD") -> Path:
    workspace = tmp / "workspace.yaml"
    workspace.write_text(f"name: sql\nconnections:\n  - name: pg\n    url: {url}\n    mode: shared\n"
                         f"    tenant_tag: team\n    password: {{env: {password_env}}}\n")
    return workspace


def test_postgres_registry_lists_what_feast_lists(postgres, postgres_registry, tmp_path):
    workspace = workspace_with(tmp_path, postgres.url())
    proc = run_console("catalog", "list", "--json", "--workspace", str(workspace),
                       env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stderr
    console = json.loads(proc.stdout)
    feast = feast_catalog_in(postgres_registry["repos"][0], env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert keyed(console) == keyed(feast)
    assert {i["project"] for i in console} == {"fraud_detection", "marketing", "credit_risk"}
    assert all(i["registry"] == "pg" for i in console)


def test_postgres_through_the_repos_feature_store_yaml(postgres_registry):
    """Feast expands ${PG_REGISTRY_PASSWORD} in the yaml's URL; so does the console."""
    repo = postgres_registry["repos"][1]
    proc = run_console("catalog", "list", "--json", "--registry", str(repo / "feature_store.yaml"),
                       env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stderr
    assert {i["project"] for i in json.loads(proc.stdout)} == {"fraud_detection", "marketing", "credit_risk"}


def test_postgres_faults_name_the_connection_and_the_cause(postgres, postgres_registry, tmp_path):
    wrong = run_console("catalog", "list", "--workspace", str(workspace_with(tmp_path, postgres.url())),
                        env={"PG_REGISTRY_PASSWORD": "wrong"})
    assert wrong.returncode != 0
    assert "password authentication failed" in wrong.stderr and f"127.0.0.1:{postgres.port}" in wrong.stderr
    assert "wrong" not in wrong.stderr.replace("wrong password", "")

    unset = run_console("catalog", "list", "--workspace", str(workspace_with(tmp_path, postgres.url(), "NOT_SET_ANYWHERE")))
    assert unset.returncode != 0 and "password variable NOT_SET_ANYWHERE is not set" in unset.stderr

    empty = run_console("catalog", "list", "--workspace", str(workspace_with(tmp_path, postgres.url("empty"))),
                        env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert empty.returncode != 0 and "holds no Feast registry" in empty.stderr

    down_port = free_port()
    down = run_console("catalog", "list", "--workspace",
                       str(workspace_with(tmp_path, f"postgresql://feast@127.0.0.1:{down_port}/registry")),
                       env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert down.returncode != 0 and f"127.0.0.1:{down_port}" in down.stderr
    assert "refused" in down.stderr.lower() or "could not connect" in down.stderr.lower(), down.stderr


def test_the_console_only_reads_postgres(postgres, postgres_registry, tmp_path):
    """Everything the console's session sent, from the server's own statement log: a read-only
    session and transaction, SELECTs, the end of the transaction - nothing that writes."""
    log = postgres.root / "log"
    before = log.read_text(errors="replace")
    proc = run_console("catalog", "list", "--workspace", str(workspace_with(tmp_path, postgres.url())),
                       env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stderr
    time.sleep(0.5)
    sent = [line.split("statement: ", 1)[1] for line in log.read_text(errors="replace")[len(before):].splitlines()
            if line.startswith("[feast-console]") and "statement: " in line]
    assert "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY" in sent
    assert any(s.startswith("START TRANSACTION") and s.endswith("READ ONLY") for s in sent), sent
    allowed = ("SET ", "START TRANSACTION", "SELECT ", "ROLLBACK", "COMMIT")
    assert sent and all(s.startswith(allowed) for s in sent), [s for s in sent if not s.startswith(allowed)]


def test_driver_options_reach_postgres_even_with_spaces(postgres, postgres_registry, tmp_path):
    """URL options go to libpq quoted: the server sees the application name as written."""
    log = postgres.root / "log"
    before = log.read_text(errors="replace")
    url = postgres.url() + "?sslmode=disable&application_name=console%20with%20spaces%20%27quoted%27"
    proc = run_console("catalog", "list", "--workspace", str(workspace_with(tmp_path, url)),
                       env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stderr
    time.sleep(0.5)
    assert "[console with spaces 'quoted'] LOG:  statement: START TRANSACTION" in log.read_text(errors="replace")[len(before):]


def test_a_writer_holding_a_lock_is_named_and_the_load_waits_no_longer_than_the_deadline(postgres, postgres_registry,
                                                                                       tmp_path):
    import psycopg
    workspace = workspace_with(tmp_path, postgres.url())
    workspace.write_text(workspace.read_text() + "    deadline_seconds: 2\n")
    with psycopg.connect(host="127.0.0.1", port=postgres.port, user="feast", password=PASSWORD, dbname="registry") as c:
        c.execute("LOCK TABLE feature_views IN ACCESS EXCLUSIVE MODE")  # a writer's migration, say
        started = time.monotonic()
        proc = run_console("catalog", "list", "--workspace", str(workspace), env={"PG_REGISTRY_PASSWORD": PASSWORD})
        waited = time.monotonic() - started
        c.rollback()
    assert proc.returncode != 0
    assert "lock timeout" in proc.stderr and "feature_views" in proc.stderr, proc.stderr
    assert waited < 30
    again = run_console("catalog", "list", "--workspace", str(workspace), env={"PG_REGISTRY_PASSWORD": PASSWORD})
    assert again.returncode == 0, again.stderr


def test_a_served_sql_registry_follows_changes_without_reloading_when_idle(postgres, postgres_registry, tmp_path):
    """The web console's server on a PostgreSQL registry (refresh_seconds: 1): idle, it does not
    reload; a view deleted by another writer is gone within seconds, and back when it is restored."""
    import http.client
    from urllib.parse import urlsplit

    import psycopg
    from websockets.sync.client import connect

    workspace = workspace_with(tmp_path, postgres.url())
    workspace.write_text(workspace.read_text() + "    refresh_seconds: 1\n")
    proc = subprocess.Popen([os.environ["FEAST_CONSOLE"], "serve", "--workspace", str(workspace)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PG_REGISTRY_PASSWORD": PASSWORD})
    try:
        launch = urlsplit(proc.stdout.readline().strip())
        conn = http.client.HTTPConnection(launch.hostname, launch.port, timeout=10)
        conn.request("GET", f"{launch.path}?{launch.query}", headers={"Host": f"{launch.hostname}:{launch.port}"})
        cookie = conn.getresponse().getheader("Set-Cookie").split(";", 1)[0]
        ids = iter(range(1, 10000))

        with connect(f"ws://127.0.0.1:{launch.port}/ws", origin=f"http://127.0.0.1:{launch.port}",
                     additional_headers={"Cookie": cookie}) as ws:
            def call(method, params=None):
                ident = next(ids)
                ws.send(json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params or {}}))
                while True:
                    message = json.loads(ws.recv(timeout=30))
                    if message.get("id") == ident:
                        return message["result"]

            def state():
                connection = call("connections.list")["connections"][0]
                views = call("catalog.list", {"kind": "feature_view", "limit": 1})["total"]
                return connection["state"], connection["last_success"], views

            deadline = time.time() + 60
            while state()[0] != "ready" and time.time() < deadline:
                time.sleep(0.2)
            _, loaded_at, views = state()
            assert views > 0
            time.sleep(2.5)  # two checks of an unchanged registry: no reload
            assert state()[1] == loaded_at

            with psycopg.connect(host="127.0.0.1", port=postgres.port, user="feast", password=PASSWORD,
                                 dbname="registry", autocommit=True) as db:
                row = db.execute("SELECT * FROM feature_views ORDER BY feature_view_name LIMIT 1").fetchone()
                columns = [c.name for c in db.execute("SELECT * FROM feature_views LIMIT 0").description]
                db.execute("DELETE FROM feature_views WHERE feature_view_name = %s AND project_id = %s",
                           (row[columns.index("feature_view_name")], row[columns.index("project_id")]))
                try:
                    deadline = time.time() + 10
                    while state()[2] != views - 1 and time.time() < deadline:
                        time.sleep(0.2)
                    assert state()[2] == views - 1, "the deleted view is still listed"
                finally:
                    db.execute(f"INSERT INTO feature_views ({', '.join(columns)}) VALUES "
                               f"({', '.join(['%s'] * len(columns))})", row)
            deadline = time.time() + 10
            while state()[2] != views and time.time() < deadline:
                time.sleep(0.2)
            assert state()[2] == views, "the restored view is not listed again"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
