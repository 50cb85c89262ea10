"""The web console in a real browser: Debian's Chromium driven by Playwright
(nothing downloads a browser), on the real fixtures. Every page, search,
deep links, reload, back/forward, the palette, dark mode, live pushes of a
registry that breaks and is fixed - with no CSP violation and no uncaught
error - and a screenshot of every page in build/test-artifacts/web-*.png."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import start_serve, stop_serve

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("FEAST_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def file_registry(fixture_state, tmp_path_factory):
    """A copy of team-beta's registry.db the test can break and fix."""
    source = next(s for s in fixture_state["servers"] if s["name"] == "team-beta")["registry"]
    path = tmp_path_factory.mktemp("beta") / "registry.db"
    shutil.copyfile(source, path)
    return path


HOSTILE = '<img src=x onerror="window.__xss=1">'
HOSTILE_SCRIPT = '</script><script>window.__xss=2</script>'


@pytest.fixture(scope="module")
def hostile_registry(tmp_path_factory):
    """A registry whose names, tags and descriptions are markup, written with Feast's own classes."""
    from feast.protos.feast.core.Entity_pb2 import Entity
    from feast.protos.feast.core.FeatureView_pb2 import FeatureView
    from feast.protos.feast.core.Project_pb2 import Project
    from feast.protos.feast.core.Registry_pb2 import Registry
    from feast.protos.feast.types.Value_pb2 import ValueType

    registry = Registry(registry_schema_version="1")
    project = Project()
    project.spec.name = "hostile"
    project.spec.description = HOSTILE
    registry.projects.append(project)
    entity = Entity()
    entity.spec.name = "user"
    entity.spec.project = "hostile"
    entity.spec.join_key = "user_id"
    entity.spec.description = HOSTILE_SCRIPT
    registry.entities.append(entity)
    view = FeatureView()
    view.spec.name = "markup_view"
    view.spec.project = "hostile"
    view.spec.entities.append("user")
    view.spec.description = HOSTILE
    view.spec.tags["note"] = HOSTILE_SCRIPT
    feature = view.spec.features.add()
    feature.name = "score"
    feature.value_type = ValueType.FLOAT
    feature.description = HOSTILE
    registry.feature_views.append(view)
    path = tmp_path_factory.mktemp("hostile") / "registry.db"
    path.write_bytes(registry.SerializeToString())
    return path


@pytest.fixture(scope="module")
def live_sources(fixture_state, tmp_path_factory):
    """The demo's live latency sources (scripts/demo_metrics.py: `feast serve
    --metrics` on the SQLite fixture repo, and Prometheus when installed)
    beside a copy of the fixtures, with online reads sent to the feature server
    all along, so the latency page has real figures to draw."""
    runtime = tmp_path_factory.mktemp("live")
    source = Path(os.environ["FEAST_FIXTURES_JSON"]).parent
    shutil.copy(source / "fixtures.json", runtime / "fixtures.json")
    shutil.copy(source / "workspace.yaml", runtime / "workspace.yaml")
    script = SCRIPTS / "demo_metrics.py"
    up = subprocess.run([sys.executable, str(script), "up", "--runtime", str(runtime)], capture_output=True, text=True,
                        timeout=300)
    stop = threading.Event()
    try:
        assert up.returncode == 0, up.stdout + up.stderr
        text = (runtime / "workspace.yaml").read_text()
        probe_url = next(line.split(": ", 1)[1].strip('"') for line in text.splitlines() if "probe_url" in line)
        sys.path.insert(0, str(SCRIPTS))
        from loopback import sqlite_fixture_server
        from feast import FeatureStore
        store = FeatureStore(repo_path=str(sqlite_fixture_server(fixture_state)[1]))
        view = next(v for v in store.list_feature_views() if v.entities and v.features)
        entity = store.get_entity(view.entities[0])
        body = json.dumps({"features": [f"{view.name}:{view.features[0].name}"],
                           "entities": {entity.join_key: ["1001" if "STRING" in str(entity.value_type) else 1001]}}).encode()

        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy

        def traffic():
            while not stop.wait(0.05):
                try:
                    request = urllib.request.Request(probe_url + "/get-online-features", data=body,
                                                     headers={"Content-Type": "application/json"})
                    direct.open(request, timeout=5).read()
                except Exception:
                    pass

        threading.Thread(target=traffic, daemon=True).start()
        yield runtime / "workspace.yaml"
    finally:
        stop.set()
        subprocess.run([sys.executable, str(script), "down", "--runtime", str(runtime)], timeout=60)


@pytest.fixture(scope="module")
def workspace(live_sources, file_registry, hostile_registry, tmp_path_factory):
    text = Path(live_sources).read_text()
    text += f"  - name: beta-file\n    url: file://{file_registry}\n    mode: isolated\n    tenant: team-beta\n"
    text += f"  - name: hostile\n    url: file://{hostile_registry}\n    mode: isolated\n    tenant: hostile\n"
    path = tmp_path_factory.mktemp("ws") / "workspace.yaml"
    path.write_text(text)
    return str(path)


@pytest.fixture(scope="module")
def browser_page(workspace):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/dev test installs it)")
    served = start_serve(workspace)
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("dialog", lambda d: problems.append(f"a dialog opened: {d.message}"))
        page.add_init_script("document.addEventListener('securitypolicyviolation',"
                             " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
        page.goto(served.launch_url)
        yield served, page, problems
        context.close()
        browser.close()
    stop_serve(served)
    assert problems == [], "\n".join(problems)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=False)


def test_launch_link_signs_in_and_leaves_the_address_bar(browser_page):
    served, page, _ = browser_page
    expect(page.locator("#link-state")).to_have_text("live")
    assert "launch=" not in page.url
    cookies = page.context.cookies()
    session = [c for c in cookies if c["name"] == "feast_console_session"]
    assert session and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""  # HttpOnly: not readable by scripts


def test_overview_shows_every_connection_ready(browser_page):
    _, page, _ = browser_page
    for name in ["shared", "team-alpha", "team-beta", "beta-file", "hostile"]:
        row = page.locator("section[aria-label=Connections] tr", has_text=name).first
        expect(row.locator(".state")).to_have_text("ready", timeout=60000)
    expect(page.locator("section[aria-label=Health] table")).to_be_visible()
    shot(page, "overview")


def test_catalog_tree_list_and_object_pages(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=catalog]")
    expect(page.locator(".catalog .summary")).to_have_text(re.compile(r"^[\d,]+ item\(s\)$"))
    expect(page.locator(".vlist-row:not(.header)").first).to_be_visible()
    shot(page, "catalog")
    # Down the tree: a connection's tenant's project's features.
    page.locator(".tree a", has_text="Features").first.click()
    expect(page).to_have_url(re.compile(r"kind=feature"))
    expect(page.locator(".tree a.active")).to_contain_text("Features")
    expect(page.locator(".catalog .summary")).to_have_text(re.compile(r"^[\d,]+ item\(s\)$"))
    expect(page.locator(".vlist-row:not(.header) span[role=cell]").first).to_have_text("Feature")
    total = int(page.locator(".catalog .summary").inner_text().split()[0].replace(",", ""))
    assert total > 0
    # Scrolling to the end loads the last page from the server.
    page.locator(".vlist").evaluate("v => v.scrollTop = v.scrollHeight")
    expect(page.locator(".vlist-row.loading")).to_have_count(0)
    last = page.locator(".vlist-row:not(.header) a").last
    expect(last).to_be_visible()
    last.click()
    expect(page).to_have_url(re.compile(r"#/object\?"))
    expect(page.locator("dl.facts")).to_be_visible()
    shot(page, "feature")
    # The feature links to its view, the view back to the feature.
    page.locator("dl.facts dd a").nth(1).click()
    expect(page.locator("article.object h2", has_text="Features (")).to_be_visible()
    page.go_back()
    # From the feature to its view (a link both ways), the view lists its features.
    page.go_back()
    expect(page).to_have_url(re.compile(r"kind=feature"))
    page.goto(page.url.split("#")[0] + "#/catalog?kind=feature_view")
    page.locator(".vlist-row:not(.header) a").first.click()
    expect(page.locator("article.object h2", has_text="Features (")).to_be_visible()
    expect(page.locator("pre.definition")).to_contain_text('"spec"')
    shot(page, "object")
    # A column header orders the list (the server sorts, then pages); again: descending.
    page.goto(page.url.split("#")[0] + "#/catalog?kind=feature")
    page.click(".vlist-row.header a.sort:has-text('Name')")
    expect(page).to_have_url(re.compile(r"kind=feature.*sort=name"))
    expect(page.locator(".vlist-row.header [aria-sort=ascending]")).to_contain_text("Name")
    expect(page.locator(".catalog .summary")).to_have_text(re.compile(r"^[\d,]+ item\(s\)$"))
    names = page.locator(".vlist-row:not(.header) a").all_inner_texts()[:10]
    assert names == sorted(names, key=str.casefold), names
    page.click(".vlist-row.header a.sort:has-text('Name')")
    expect(page).to_have_url(re.compile(r"sort=name&desc=1"))
    expect(page.locator(".vlist-row.header [aria-sort=descending]")).to_contain_text("Name")
    expect(page.locator(".catalog .summary")).to_have_text(re.compile(r"^[\d,]+ item\(s\)$"))
    names = page.locator(".vlist-row:not(.header) a").all_inner_texts()[:10]
    assert names == sorted(names, key=str.casefold, reverse=True), names


def test_search_as_you_type_deep_link_reload_and_history(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=search]")
    page.locator("#search-input").press_sequentially("kind:feature amount", delay=20)
    expect(page.locator("#search-results .summary")).to_have_text(re.compile(r"match\(es\)"))
    expect(page).to_have_url(re.compile(r"#/search\?q=kind%3Afeature\+amount|q=kind"))
    rows = page.locator("#search-results tbody tr")
    assert rows.count() > 0
    for kind in rows.locator("td:first-child").all_inner_texts():
        assert kind == "feature"
    shot(page, "search")
    page.reload()
    expect(page.locator("#search-input")).to_have_value("kind:feature amount")
    expect(page.locator("#search-results tbody tr").first).to_be_visible()
    page.click("nav.pages a[data-page=overview]")
    page.go_back()
    expect(page.locator("#search-input")).to_have_value("kind:feature amount")
    page.go_forward()
    expect(page.locator("section[aria-label=Connections]")).to_be_visible()
    # While typing, the best 50; more on request.
    page.goto(page.url.split("#")[0] + "#/search?q=kind%3Afeature")
    expect(page.locator("#search-results .summary")).to_have_text(re.compile(r"match\(es\)"))
    total = int(page.locator("#search-results .summary").inner_text().split()[0])
    assert total > 50, "the fixtures hold more than 50 features"
    expect(page.locator("#search-results tbody tr")).to_have_count(50)
    page.click("#search-results button.more")
    expect(page.locator("#search-results tbody tr")).to_have_count(min(total, 500))


def test_palette_opens_an_object(browser_page):
    _, page, _ = browser_page
    page.keyboard.press("Control+k")
    expect(page.locator("dialog#palette")).to_be_visible()
    page.locator("#palette-input").press_sequentially("amount", delay=20)
    expect(page.locator("#palette-results li").first).to_be_visible()
    shot(page, "palette")
    page.locator("#palette-input").press("Enter")
    expect(page).to_have_url(re.compile(r"#/object\?"))
    expect(page.locator("dl.facts")).to_be_visible()


def test_materialization_page_and_problem_filter(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=materialization]")
    expect(page.locator("table.grid caption")).to_have_text(re.compile(r"\d+ of \d+ views"))
    # Each view's materialized intervals on the shared timeline (the fixtures materialize some views).
    assert page.locator("svg.timeline rect.interval").count() > 0
    shot(page, "materialization")
    expect(page.locator("p.summary[role=status]")).to_have_text(re.compile(r"\d+ views: \d+ fresh, \d+ stale, \d+ never"))
    page.check("#problems-only")
    expect(page).to_have_url(re.compile(r"problems=1"))
    for state in page.locator("table.grid tbody td:first-child").all_inner_texts():
        assert state in ("stale", "never")
    # The server filters (the page holds one window of the views, never all of them).
    page.uncheck("#problems-only")
    page.fill("input[aria-label='Filter views']", "marketing")
    page.press("input[aria-label='Filter views']", "Enter")
    expect(page).to_have_url(re.compile(r"filter=marketing"))
    expect(page.locator("table.grid caption")).to_have_text(re.compile(r"\d+ of \d+ views"))
    for project in page.locator("table.grid tbody td:nth-child(3)").all_inner_texts():
        assert project == "marketing"


def test_permissions_page_lists_in_enforcement_order_with_findings(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=permissions]")
    expect(page.locator("h2", has_text="Permissions (")).to_be_visible()
    expect(page.locator("h2", has_text="Findings (")).to_be_visible()
    orders = page.locator("table.grid").last.locator("tbody td:first-child").all_inner_texts()
    assert orders == [str(i + 1) for i in range(len(orders))] and orders
    shot(page, "permissions")
    page.fill("input[aria-label=Project]", "fraud_detection")
    page.press("input[aria-label=Project]", "Enter")
    expect(page).to_have_url(re.compile(r"#/permissions\?project=fraud_detection"))
    for project in page.locator("table.grid").last.locator("tbody td:nth-child(3)").all_inner_texts():
        assert project == "fraud_detection"


def test_lineage_drawn_focused_from_an_object_and_opening_objects(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=lineage]")
    page.select_option("select[aria-label=Project]", "fraud_detection")
    expect(page).to_have_url(re.compile(r"#/lineage\?project=fraud_detection"))
    expect(page.locator("svg.lineage g.node").first).to_be_visible()
    whole = page.locator("svg.lineage g.node").count()
    assert whole > 5 and page.locator("svg.lineage path.edge").count() > 3
    shot(page, "lineage")
    page.goto(page.url.split("#")[0] + "#/object?registry=shared&kind=feature_service&project=fraud_detection&name=fraud_scoring_v1")
    page.click("a:has-text('Lineage: what it uses')")
    expect(page.locator("h1")).to_have_text("Lineage of fraud_scoring_v1")
    expect(page.locator("svg.lineage g.node").first).to_be_visible()
    assert page.locator("svg.lineage g.node").count() < whole
    page.locator("svg.lineage a", has=page.locator("text.kind", has_text="feature view")).first.click()
    expect(page).to_have_url(re.compile(r"#/object\?.*kind=feature_view"))
    page.go_back()
    page.click("a.button:has-text('Show all')")
    expect(page.locator("svg.lineage g.node")).to_have_count(whole)


def test_compare_two_projects_and_expand_a_difference(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=compare]")
    page.select_option("select[aria-label=Left]", "shared|project:fraud_detection")
    page.select_option("select[aria-label=Right]", "shared|project:credit_risk")
    page.click("button:has-text('Compare')")
    expect(page).to_have_url(re.compile(r"#/compare\?left=.*fraud_detection.*right=.*credit_risk"))
    expect(page.locator(".answer .summary")).to_contain_text("shared › fraud_detection ⇄ shared › credit_risk")
    assert page.locator("details.difference").count() > 3
    changed = page.locator("details.difference", has=page.locator(".diff-changed")).first
    if changed.count():
        changed.locator("summary").click()
        expect(changed.locator("table.grid")).to_be_visible()
    shot(page, "compare")
    page.reload()  # both sides are in the URL
    expect(page.locator("details.difference").first).to_be_visible()


def test_access_questions_check_who_what_and_the_matrix(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=access]")
    page.fill("input[name=user]", "name=ann;groups=fraud-admins")
    page.fill("input[name=resource]", "feature_view:fraud_detection:user_transaction_stats")
    page.fill("input[name=action]", "read_online")
    page.click("form.access-form button[type=submit]")
    expect(page.locator("p.decision .verdict")).to_have_text("granted")
    expect(page.locator(".answer")).to_contain_text("fraud_admins_all")
    expect(page).to_have_url(re.compile(r"#/access\?.*tool=check"))
    shot(page, "access-check")
    page.reload()  # the question is in the URL: the answer comes back
    expect(page.locator("p.decision .verdict")).to_have_text("granted")
    page.fill("input[name=action]", "fly")
    page.click("form.access-form button[type=submit]")
    expect(page.locator(".answer .message.error")).to_contain_text("fly")

    page.click(".tabs a:has-text('Who can')")
    expect(page.locator("input[name=resource]")).to_have_value("feature_view:fraud_detection:user_transaction_stats")
    page.fill("input[name=action]", "read_online")
    page.click("form.access-form button[type=submit]")
    expect(page.locator(".answer table.grid")).to_contain_text("group:fraud-admins")

    page.click(".tabs a:has-text('What can')")
    page.fill("input[name=user]", "name=g;roles=growth-analyst")
    page.fill("input[name=project]", "marketing")
    page.click("form.access-form button[type=submit]")
    expect(page.locator(".answer table.grid tbody tr").first).to_contain_text("marketing")

    page.click(".tabs a:has-text('Access matrix')")
    page.fill("input[name=project]", "")
    page.click("form.access-form button[type=submit]")
    expect(page.locator("table.matrix")).to_be_visible()
    expect(page.locator(".answer .summary").nth(1)).to_contain_text("Resources 1–50 of")
    shot(page, "access-matrix")
    page.click("button:has-text('Next →')")
    expect(page).to_have_url(re.compile(r"tool=matrix.*offset=50"))
    expect(page.locator(".answer .summary").nth(1)).to_contain_text("Resources 51–")
    with page.expect_download() as download:
        page.click("button.csv")
    assert Path(download.value.path()).read_text().startswith("registry,project,kind,name,principal,action,decision")


def test_cr_export_form_validates_and_offers_the_yaml(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=export]")
    expect(page.locator("pre.yaml")).to_contain_text("kind: FeatureStore")
    expect(page.locator(".problems .message").first).to_contain_text("Valid against the Feast Operator's CRD")
    page.select_option("select[name=topology]", "enterprise-isolated")
    page.check("input[name=from_workspace]")
    expect(page.locator("pre.yaml")).to_contain_text("fraud_detection")
    expect(page).to_have_url(re.compile(r"topology=enterprise-isolated.*from_workspace=1"))
    shot(page, "export")
    with page.expect_download() as download:
        page.click("a[download]")
    assert "kind: FeatureStore" in Path(download.value.path()).read_text()
    page.uncheck("input[name=from_workspace]")
    page.select_option("select[name=topology]", "minimal")
    page.fill("input[name=name]", "Not_A_Valid_Name!")
    expect(page.locator(".problems .message.error")).to_contain_text("must be lowercase")
    page.reload()
    expect(page.locator("input[name=name]")).to_have_value("Not_A_Valid_Name!")


def test_latency_dashboard_draws_live_figures_with_slo_lines(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=latency]")
    expect(page.locator(".tenant-chart").first).to_be_visible()
    # The scraper reads the feature server every 15 s: quantiles need two scrapes.
    expect(page.locator(".chart .u-legend").first).to_contain_text("SLO")
    expect(page.locator(".u-legend .u-series", has_text="p99 · scrape").first).to_be_visible(timeout=60_000)
    expect(page.locator("canvas.heatmap").first).to_be_visible(timeout=45_000)  # the histogram, per scrape
    expect(page.locator(".toolbar .summary")).to_contain_text("live")
    # New points arrive live (pushed deltas) and extend the lines without a reload.
    section = page.locator(".tenant-chart").filter(has=page.locator(".u-legend", has_text="p99 · scrape")).first
    before = int(section.get_attribute("data-points"))
    page.wait_for_function("([n, before]) => [...document.querySelectorAll('.tenant-chart')]"
                           ".some((s) => Number(s.dataset.points) > before)", arg=[0, before], timeout=60_000)
    shot(page, "latency")
    page.select_option("select[aria-label='Time range']", "1h")
    expect(page).to_have_url(re.compile(r"#/latency\?range=1h"))
    page.click("button.live-toggle")
    expect(page.locator(".toolbar .summary")).to_contain_text("paused at")
    expect(page).to_have_url(re.compile(r"paused=1&to=\d+"))
    with page.expect_download() as download:
        page.click("button:has-text('Download CSV')")
    csv = Path(download.value.path()).read_text()
    assert csv.startswith("time_utc,tenant,target,source,metric,value") and "request_latency_p99_ms" in csv
    with page.expect_download() as download:
        page.click("button:has-text('Download PNG')")
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dark_mode_follows_the_system_and_the_choice_is_kept(browser_page):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=overview]")
    background = lambda: page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    assert background() == "rgb(21, 24, 28)"
    page.emulate_media(color_scheme="light")
    assert background() == "rgb(255, 255, 255)"
    page.select_option("#theme", "dark")
    assert background() == "rgb(21, 24, 28)"
    page.reload()
    expect(page.locator("#theme")).to_have_value("dark")
    assert background() == "rgb(21, 24, 28)"
    expect(page.locator("section[aria-label=Connections] table")).to_be_visible()
    shot(page, "overview-dark")
    page.select_option("#theme", "system")


def test_a_registry_that_breaks_and_is_fixed_is_shown_live(browser_page, file_registry):
    _, page, _ = browser_page
    page.click("nav.pages a[data-page=overview]")
    row = page.locator("section[aria-label=Connections] tr", has_text="beta-file").first
    expect(row.locator(".state")).to_have_text("ready", timeout=30000)
    good = file_registry.read_bytes()
    file_registry.write_bytes(b"\xf7")  # one byte: not a registry
    expect(row.locator(".state")).to_have_text(re.compile(r"failed|retrying"), timeout=15000)
    expect(row).to_contain_text("registry")
    shot(page, "registry-broken")
    file_registry.write_bytes(good)
    expect(row.locator(".state")).to_have_text("ready", timeout=15000)


def test_unknown_page_says_so(browser_page):
    _, page, _ = browser_page
    page.goto(page.url.split("#")[0] + "#/nowhere")
    expect(page.locator("main .message.error")).to_have_text('There is no page "nowhere".')


def test_markup_in_names_tags_and_descriptions_is_text(browser_page):
    _, page, _ = browser_page
    page.goto(page.url.split("#")[0] + "#/object?registry=hostile&kind=feature_view&project=hostile&name=markup_view")
    expect(page.locator("article.object .description")).to_have_text(HOSTILE)
    expect(page.locator("ul.tags li")).to_have_text(f"note={HOSTILE_SCRIPT}")
    expect(page.locator("article.object tbody td").nth(2)).to_have_text(HOSTILE)
    shot(page, "hostile")
    page.goto(page.url.split("#")[0] + "#/catalog?registry=hostile")
    expect(page.locator(".vlist-row:not(.header)").first).to_be_visible()
    page.goto(page.url.split("#")[0] + "#/search?q=markup")
    expect(page.locator("#search-results tbody tr").first).to_be_visible()
    assert page.locator("main img").count() == 0
    assert page.evaluate("window.__xss") is None
