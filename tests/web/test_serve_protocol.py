"""The web console's JSON-RPC protocol on the real fixtures: the answers are
the CLI's --json output, from the same encoders (docs/web-protocol.md)."""

from __future__ import annotations

import json
import subprocess
import time

from conftest import console_path


def cli_json(workspace: str, *args: str):
    proc = subprocess.run([console_path(), *args, "--workspace", workspace, "--json"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_hello_names_kinds_and_topics(served):
    with served.websocket() as ws:
        result = served.rpc(ws, "hello")["result"]
    assert result["server"] == "feast-console"
    assert {k["id"] for k in result["kinds"]} >= {"feature", "feature_view", "entity", "permission"}
    assert set(result["topics"]) == {"connections", "health", "materialization", "latency"}


def test_connections_are_ready(served, fixture_state):
    with served.websocket() as ws:
        result = served.rpc(ws, "connections.list")["result"]
    names = [c["name"] for c in result["connections"]]
    assert names == ["shared", "team-alpha", "team-beta"]
    assert all(c["state"] == "ready" and c["error"] is None and c["last_success"] for c in result["connections"])


def test_catalog_pages_are_the_cli_listing(served, fixture_state):
    listing = cli_json(fixture_state["workspace"], "catalog", "list")
    with served.websocket() as ws:
        first = served.rpc(ws, "catalog.list", {"offset": 0, "limit": 7})["result"]
        assert first["total"] == len(listing)
        pages = []
        offset = 0
        while offset < first["total"]:
            page = served.rpc(ws, "catalog.list", {"offset": offset, "limit": 7}, request_id=offset + 2)["result"]
            pages.extend(page["items"])
            offset += 7
    assert pages == listing  # same items, same order, same JSON


def test_filtered_page_is_the_cli_listing(served, fixture_state):
    listing = cli_json(fixture_state["workspace"], "catalog", "list", "--kind", "feature", "--tenant", "team-alpha")
    with served.websocket() as ws:
        page = served.rpc(ws, "catalog.list", {"kind": "feature", "tenant": "team-alpha", "limit": 1000})["result"]
    assert page["total"] == len(listing) > 0
    assert page["items"] == listing


def test_show_is_the_cli_show(served, fixture_state):
    listing = cli_json(fixture_state["workspace"], "catalog", "list", "--kind", "feature_view")
    view = listing[0]
    expected = cli_json(fixture_state["workspace"], "catalog", "show", "feature_view", view["project"], view["name"])
    with served.websocket() as ws:
        result = served.rpc(ws, "catalog.show", {"kind": "feature_view", "project": view["project"],
                                                 "name": view["name"]})["result"]
        missing = served.rpc(ws, "catalog.show", {"kind": "feature_view", "project": view["project"],
                                                  "name": "no_such_view"}, request_id=2)
    # The CLI prints the one object found as itself, several as a list.
    assert result["objects"] == (expected if isinstance(expected, list) else [expected])
    assert missing["error"]["code"] == -32003 and "no_such_view" in missing["error"]["message"]


def test_search_is_the_cli_search(served, fixture_state):
    expected = cli_json(fixture_state["workspace"], "catalog", "search", "amount", "--limit", "20")
    with served.websocket() as ws:
        result = served.rpc(ws, "search", {"query": "amount", "limit": 20})["result"]
    assert result["hits"] == expected
    assert result["total"] >= len(expected) > 0


def test_only_the_latest_search_is_answered(served):
    with served.websocket() as ws:
        for i, query in enumerate(["a", "am", "amo", "amou", "amoun"]):
            ws.send(json.dumps({"jsonrpc": "2.0", "id": i, "method": "search", "params": {"query": query}}))
        ws.send(json.dumps({"jsonrpc": "2.0", "id": 99, "method": "search", "params": {"query": "amount"}}))
        answers = {}
        while 99 not in answers:
            message = json.loads(ws.recv(timeout=30))
            answers[message["id"]] = message
    assert answers[99]["result"]["query"] == "amount"
    for i in range(5):  # each earlier one answered "cancelled", or answered before the next arrived
        if i in answers and "error" in answers[i]:
            assert answers[i]["error"]["code"] == -32002


def test_health_and_materialization_are_the_cli_status(served, fixture_state):
    health = cli_json(fixture_state["workspace"], "status", "health")
    with served.websocket() as ws:
        result = served.rpc(ws, "health.list")["result"]
        listed = served.rpc(ws, "materialization.list", {"limit": 1000}, request_id=2)["result"]
        views = listed["views"]
        # Pages are windows of the same list; counts cover every view.
        first = served.rpc(ws, "materialization.list", {"limit": 2}, request_id=3)["result"]
        second = served.rpc(ws, "materialization.list", {"offset": 2, "limit": 2}, request_id=4)["result"]
        problems = served.rpc(ws, "materialization.list", {"problems": True, "limit": 1000}, request_id=5)["result"]
        filtered = served.rpc(ws, "materialization.list", {"filter": "FRAUD_DETECTION", "limit": 1000}, request_id=6)["result"]
        bad = served.rpc(ws, "materialization.list", {"limit": 5000}, request_id=7)
    assert listed["total"] == len(views) == sum(listed["counts"].values())
    ageless = lambda vs: [{k: x for k, x in v.items() if k != "freshness_s"} for v in vs]  # asked a moment apart
    assert ageless(first["views"] + second["views"]) == ageless(views[:4]) and first["total"] == listed["total"]
    assert problems["total"] == listed["counts"]["stale"] + listed["counts"]["never"]
    assert all(v["state"] in ("stale", "never") for v in problems["views"])
    assert filtered["views"] and all("fraud_detection" in (v["project"], v["tenant"], v["registry"], v["feature_view"])
                                     or "fraud_detection" in v["feature_view"] for v in filtered["views"])
    assert bad["error"]["code"] == -32602 and "limit" in bad["error"]["message"]
    strip = lambda rows: sorted(({k: v for k, v in r.items() if k not in ("latency", "p99_ms", "level", "reasons")}
                                 for r in rows), key=lambda r: (r["registry"], r["tenant"] or ""))
    assert strip(result["rows"]) == strip(health if isinstance(health, list) else health["rows"])
    status = cli_json(fixture_state["workspace"], "status", "materialization")
    key = lambda v: (v["registry"], v["project"], v["feature_view"])
    drop_age = lambda v: {k: x for k, x in v.items() if k not in ("freshness_s", "server_freshness_s", "server_runs")}
    assert sorted(map(drop_age, views), key=key) == sorted(map(drop_age, status), key=key)


def test_connection_pushes_arrive(served):
    with served.websocket() as ws:
        assert served.rpc(ws, "subscribe", {"topic": "connections"})["result"]["subscribed"] is True
        bad = served.rpc(ws, "subscribe", {"topic": "everything"}, request_id=2)
        assert bad["error"]["code"] == -32602
        # A second client's refresh is not possible read-only; the subscription
        # itself is checked in the browser test (a registry down and back).
        assert served.rpc(ws, "unsubscribe", {"topic": "connections"}, request_id=3)["result"]["subscribed"] is False


def test_invalid_params_are_named(served):
    with served.websocket() as ws:
        for i, (method, params, code, word) in enumerate([
            ("catalog.list", {"limit": 5000}, -32602, "limit"),
            ("catalog.list", {"kind": "dragon"}, -32602, "dragon"),
            ("catalog.show", {"kind": "feature_view"}, -32602, "project"),
            ("search", {"query": 3}, -32602, "query"),
            ("no.such.method", {}, -32601, "no.such.method"),
        ]):
            answer = served.rpc(ws, method, params, request_id=i)
            assert answer["error"]["code"] == code, answer
            assert word in answer["error"]["message"], answer
        assert served.rpc(ws, "hello", request_id=100)["result"]["server"] == "feast-console"


def test_permissions_are_the_cli_list_and_lint(served, fixture_state):
    listing = cli_json(fixture_state["workspace"], "permissions", "list")
    lint = subprocess.run([console_path(), "permissions", "lint", "--workspace", fixture_state["workspace"], "--json"],
                          capture_output=True, text=True, timeout=120)
    assert lint.returncode in (0, 5), lint.stderr  # 5: findings
    with served.websocket() as ws:
        result = served.rpc(ws, "permissions.list")["result"]
        one = served.rpc(ws, "permissions.list", {"project": "fraud_detection"}, request_id=2)["result"]
    assert [{k: v for k, v in p.items() if k != "warnings"} for p in result["permissions"]] == listing
    assert result["findings"] == json.loads(lint.stdout)
    assert one["permissions"] and all(p["project"] == "fraud_detection" for p in one["permissions"])


def test_cr_export_is_the_cli_export(served, fixture_state):
    proc = subprocess.run([console_path(), "export-cr", "--topology", "enterprise-isolated", "--tenants", "a,b",
                           "--auth", "oidc"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    cli_yaml = "".join(line + "\n" for line in proc.stdout.splitlines() if not line.startswith("#"))
    with served.websocket() as ws:
        result = served.rpc(ws, "crexport.generate", {"topology": "enterprise-isolated", "tenants": "a,b",
                                                      "auth": "oidc"})["result"]
        bad = served.rpc(ws, "crexport.generate", {"topology": "minimal", "auth": "magic"}, request_id=2)
        files = served.rpc(ws, "crexport.generate", {"topology": "minimal", "import": "/etc/passwd"}, request_id=3)
        prefilled = served.rpc(ws, "crexport.generate", {"topology": "enterprise-shared", "from_workspace": True},
                               request_id=4)["result"]
    assert result["valid"] and result["error_count"] == 0
    assert result["yaml"] == cli_yaml
    assert bad["error"]["code"] == -32602 and "--auth must be none, kubernetes or oidc" in bad["error"]["message"]
    assert files["error"]["code"] == -32602 and "import" in files["error"]["message"]
    assert prefilled["valid"] and "fraud_detection" in prefilled["yaml"]


def cli_text(workspace: str, *args: str) -> str:
    proc = subprocess.run([console_path(), *args, "--workspace", workspace], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_permission_questions_are_the_cli_answers(served, fixture_state):
    workspace = fixture_state["workspace"]
    checks = [("name=ann;groups=fraud-admins", "feature_view:fraud_detection:user_transaction_stats", "read_online"),
              ("name=bob;roles=viewer", "project:fraud_detection:fraud_detection", "describe,update"),
              ("name=cy;roles=alpha-reader", "feature_view:alpha_recs:not_there", "read")]
    with served.websocket() as ws:
        for i, (user, resource, action) in enumerate(checks):
            cli = cli_json(workspace, "permissions", "check", "--user", user, "--resource", resource, "--action", action)
            web = served.rpc(ws, "permissions.check", {"user": user, "resource": resource, "action": action},
                             request_id=i)["result"]
            assert web == cli
        resource = "feature_service:fraud_detection:fraud_scoring_v1"
        who = served.rpc(ws, "permissions.whoCan", {"resource": resource, "action": "read_online",
                                                    "identities": ["name=ops;namespaces=fraud-prod"]},
                         request_id=10)["result"]
        assert who["principals"] == cli_json(workspace, "permissions", "who-can", "--resource", resource,
                                             "--action", "read_online", "--identity", "name=ops;namespaces=fraud-prod")
        assert who["registry"] == "shared" and who["project_unsecured"] is False
        assert {"ops", "group:fraud-admins"} <= {p["principal"] for p in who["principals"]}
        what = served.rpc(ws, "permissions.whatCan", {"user": "name=g;roles=growth-analyst", "project": "marketing"},
                          request_id=11)["result"]
        assert what["incomplete"] == []
        assert what["rows"] == cli_json(workspace, "permissions", "what-can", "--user", "name=g;roles=growth-analyst",
                                        "--project", "marketing")
        assert what["rows"], "a growth analyst can read marketing's views"
        # Bad values are refused in the CLI's words.
        for j, (method, params, word) in enumerate([
            ("permissions.check", {"user": "colour=blue", "resource": resource, "action": "read"}, "unknown user key \"colour\""),
            ("permissions.check", {"user": "name=a", "resource": "dragon:p:n", "action": "read"}, "unknown resource kind"),
            ("permissions.check", {"user": "name=a", "resource": resource, "action": "fly"}, "fly"),
            ("permissions.whoCan", {"resource": "feature_view::", "action": "read"}, "KIND:PROJECT:NAME"),
            ("permissions.whoCan", {"resource": resource, "action": "read", "identities": "name=a"}, "identities"),
            ("permissions.matrix", {"kind": "dragon"}, "dragon"),
            ("permissions.matrix", {"format": "xml"}, "format"),
        ]):
            bad = served.rpc(ws, method, params, request_id=20 + j)
            assert bad["error"]["code"] == -32602 and word in bad["error"]["message"], bad


def test_access_matrix_pages_and_csv_are_the_cli_matrix(served, fixture_state):
    workspace = fixture_state["workspace"]
    csv = cli_text(workspace, "permissions", "matrix", "--identity", "name=ops;namespaces=fraud-prod")
    params = {"identities": ["name=ops;namespaces=fraud-prod"]}
    with served.websocket() as ws:
        web_csv = served.rpc(ws, "permissions.matrix", {**params, "format": "csv"})["result"]
        assert web_csv["csv"] == csv and web_csv["incomplete"] == []
        first = served.rpc(ws, "permissions.matrix", {**params, "limit": 7}, request_id=2)["result"]
        rows = list(first["rows"])
        while len(rows) < first["total"]:
            page = served.rpc(ws, "permissions.matrix", {**params, "offset": len(rows), "limit": 500},
                              request_id=3 + len(rows))["result"]
            assert page["rows"], "a page inside the total is never empty"
            rows += page["rows"]
    # Every cell of the pages is the CSV's decision for that resource, principal and action.
    expected = {}
    for line in csv.splitlines()[1:]:
        registry, project, kind, name, principal, action, decision = line.split(",")[:7]
        expected[(registry, project, kind, name, principal, action)] = decision
    seen = 0
    for row in rows:
        for p, principal in enumerate(first["principals"]):
            for a, action in enumerate(first["actions"]):
                key = (row["registry"], row["project"], row["kind"], row["name"], principal, action)
                assert row["cells"][p][a] == expected[key], key
                seen += 1
    assert seen == len(expected)
    assert sum(first["counts"].values()) == len(expected)
    assert {r["tenant"] for r in rows if r["registry"] == "team-alpha"} == {"team-alpha"}


def test_a_decision_needing_an_unloaded_registry_is_refused(fixture_state, tmp_path):
    from conftest import start_serve, stop_serve
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    shared_url = next(s["url"] for s in fixture_state["servers"] if s["name"] == "shared")
    workspace = tmp_path / "workspace.yaml"
    workspace.write_text(f"name: half\nconnections:\n  - name: shared\n    url: {shared_url}\n    mode: shared\n"
                         f"    tenant_tag: team\n  - name: gone\n    url: grpc://127.0.0.1:{dead_port}\n")
    served = start_serve(str(workspace))
    try:
        served.wait_ready_catalog()
        with served.websocket() as ws:
            known = served.rpc(ws, "permissions.check", {"user": "name=a;roles=viewer",
                                                         "resource": "project:fraud_detection:fraud_detection",
                                                         "action": "describe"})["result"]
            assert known["decision"] == "granted"
            unknown = served.rpc(ws, "permissions.check", {"user": "name=a", "resource": "feature_view:elsewhere:v",
                                                           "action": "read"}, request_id=2)
            assert unknown["error"]["code"] == -32004, unknown
            assert "gone" in unknown["error"]["message"] and "elsewhere" in unknown["error"]["message"]
            who = served.rpc(ws, "permissions.whoCan", {"resource": "feature_view:elsewhere:v", "action": "read"},
                             request_id=3)
            assert who["error"]["code"] == -32004
            what = served.rpc(ws, "permissions.whatCan", {"user": "name=a;roles=viewer"}, request_id=4)["result"]
            assert what["incomplete"] and what["incomplete"][0].startswith("gone")
            matrix = served.rpc(ws, "permissions.matrix", {}, request_id=5)["result"]
            assert matrix["incomplete"] == ["gone"] and matrix["total"] > 0
    finally:
        stop_serve(served)


def test_lineage_is_what_the_registry_references(served, fixture_state):
    with served.websocket() as ws:
        shown = served.rpc(ws, "catalog.show", {"kind": "feature_service", "project": "fraud_detection",
                                                "name": "fraud_scoring_v1"})["result"]["objects"][0]
        whole = served.rpc(ws, "lineage.graph", {"project": "fraud_detection"}, request_id=2)["result"]
        focused = served.rpc(ws, "lineage.graph", {"project": "fraud_detection", "kind": "feature_service",
                                                   "name": "fraud_scoring_v1"}, request_id=3)["result"]
        bad = [served.rpc(ws, "lineage.graph", params, request_id=10 + i) for i, params in enumerate([
            {}, {"project": "no_such_project"}, {"project": "fraud_detection", "kind": "permission", "name": "x"},
            {"project": "fraud_detection", "kind": "feature_view", "name": "no_such_view"}])]
    assert whole["registry"] == "shared" and whole["focus"] is None
    nodes = focused["graph"]["nodes"]
    index = {(n["kind"], n["name"]): i for i, n in enumerate(nodes)}
    service = index[("feature_service", "fraud_scoring_v1")]
    users = {(nodes[e["from"]]["kind"], nodes[e["from"]]["name"]) for e in focused["graph"]["edges"] if e["to"] == service}
    referenced = {(r["kind"], r["name"]) for r in shown["references"] if r["kind"].endswith("feature_view")}
    assert referenced and referenced <= users, (referenced, users)
    # Focused: a part of the whole, every node placed inside the drawing, every edge routed.
    assert len(nodes) < len(whole["graph"]["nodes"])
    for n in nodes:
        assert 0 <= n["x"] and n["x"] + n["w"] <= focused["graph"]["width"] + 1
    assert all(len(e["route"]) >= 2 for e in focused["graph"]["edges"])
    assert [b["error"]["code"] for b in bad] == [-32602, -32003, -32602, -32003], bad


def test_compare_runs_the_desktop_comparison(served, fixture_state):
    with served.websocket() as ws:
        same = served.rpc(ws, "compare.run", {"left": {"registry": "shared"}, "right": {"registry": "shared"}})["result"]
        across = served.rpc(ws, "compare.run", {"left": {"registry": "shared", "project": "fraud_detection"},
                                                "right": {"registry": "shared", "project": "marketing"}},
                            request_id=2)["result"]
        listed = served.rpc(ws, "catalog.list", {"registry": "shared", "project": "fraud_detection",
                                                 "kind": "feature_view", "limit": 1000}, request_id=3)["result"]
        bad = [served.rpc(ws, "compare.run", params, request_id=10 + i) for i, params in enumerate([
            {"left": {"registry": "shared"}},
            {"left": {"registry": "nowhere"}, "right": {"registry": "shared"}},
            {"left": {"registry": "shared", "project": "nothing"}, "right": {"registry": "shared"}},
            {"left": "shared", "right": {"registry": "shared"}}])]
    assert same["differences"] == [] and same["identical"] > 10 and not same["truncated"]
    assert same["counts"] == {"only_left": 0, "only_right": 0, "changed": 0}
    assert across["by_name_across_projects"] is True
    only_left = {d["name"] for d in across["differences"] if d["status"] == "only_left" and d["kind"] == "feature_view"}
    assert {i["name"] for i in listed["items"]} <= only_left | {d["name"] for d in across["differences"]}
    assert across["left"]["label"] == "shared › fraud_detection"
    assert [b["error"]["code"] for b in bad] == [-32602, -32003, -32003, -32602], bad


def test_ordered_listing_pages_through_one_sorted_order(served, fixture_state):
    with served.websocket() as ws:
        plain = served.rpc(ws, "catalog.list", {"kind": "feature", "limit": 1000})["result"]
        first = served.rpc(ws, "catalog.list", {"kind": "feature", "sort": "name", "limit": 7}, request_id=2)["result"]
        rows = list(first["items"])
        while len(rows) < first["total"]:
            rows += served.rpc(ws, "catalog.list", {"kind": "feature", "sort": "name", "offset": len(rows),
                                                    "limit": 50}, request_id=3 + len(rows))["result"]["items"]
        down = served.rpc(ws, "catalog.list", {"kind": "feature", "sort": "name", "descending": True, "limit": 1000},
                          request_id=1000)["result"]
        bad = served.rpc(ws, "catalog.list", {"sort": "colour"}, request_id=1001)
    assert first["total"] == plain["total"] and len(rows) == plain["total"]
    key = lambda item: (item["registry"], item["project"], item.get("feature_view"), item["name"])
    assert sorted(map(key, rows)) == sorted(map(key, plain["items"]))  # the same items, reordered
    names = [r["name"].casefold() for r in rows]
    assert names == sorted(names)
    assert [r["name"].casefold() for r in down["items"]] == sorted(names, reverse=True)
    assert bad["error"]["code"] == -32602 and "name, kind, project" in bad["error"]["message"]
