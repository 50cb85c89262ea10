#!/usr/bin/env python3
"""The web console's figures (issue 12) on the 1,000,000-feature registry:
`serve` on a workspace naming the registry file, then

- web_first_load_ms: Chromium (Playwright, /usr/bin/chromium) from the launch
  URL to the overview's connections table painted, cold, loopback;
- web_assets_kb: every byte the browser downloads for that first load (the
  latency page's chart library comes later, with that page);
- web_search_server_p99_ms / _p50_ms: 1,000 searches, request in -> answer
  encoded at the server (the answer's server_ms); web_search_roundtrip_p99_ms:
  the same seen by a client on loopback;
- web_catalog_page_p99_ms: 200-row pages of the feature list at random offsets
  (what the windowed list asks for while scrolling), round trip;
- web_search_browser_p99_ms: Chromium typing 500 keys into the search page
  (queries of real names, one key at a time): from the input event to the
  frame after that query's results are on the page;
- web_server_max_stall_ms: the latest a 10 ms timer fired on the server's
  event loop over the whole run (the 1M load included).

Prints BENCH lines; never fails on a figure."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from websockets.sync.client import connect



def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rpc(ws, method: str, params: dict, ident: int) -> tuple[dict, float]:
    started = time.perf_counter()
    ws.send(json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params}))
    while True:
        message = json.loads(ws.recv(timeout=120))
        if message.get("id") == ident:
            return message, (time.perf_counter() - started) * 1000


def first_load(launch_url: str) -> tuple[float | None, str | None, float | None]:
    """Chromium from the launch URL to the overview painted; the session
    cookie it got; the bytes it downloaded."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None, None, None
    if not Path("/usr/bin/chromium").exists():
        return None, None, None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.goto(launch_url)
        page.wait_for_selector("section[aria-label=Connections] table", timeout=120000)
        ms = page.evaluate("performance.now()")  # since the navigation (the redirect included) started
        downloaded = page.evaluate("performance.getEntriesByType('navigation').concat(performance.getEntriesByType("
                                   "'resource')).reduce((n, e) => n + (e.encodedBodySize || 0), 0)")
        cookie = next(c for c in page.context.cookies() if c["name"] == "feast_console_session")
        browser.close()
    return ms, f"feast_console_session={cookie['value']}", downloaded


TYPING_PROBE = """() => {
  const input = document.getElementById('search-input');
  const results = document.getElementById('search-results');
  window.__typed = [];
  let started = null;
  input.addEventListener('input', () => { started = { query: input.value, at: performance.now() }; });
  new MutationObserver(() => {
    if (!started || results.dataset.query !== started.query) return;
    const done = started;
    started = null;
    requestAnimationFrame(() => window.__typed.push(performance.now() - done.at));
  }).observe(results, { childList: true, attributes: true });
}"""


def browser_typing(launch_cookie: str, port: int, names: list[str], keys: int) -> list[float]:
    """Milliseconds from each keypress to its results painted, in Chromium."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context()
        name, value = launch_cookie.split("=", 1)
        context.add_cookies([{"name": name, "value": value, "domain": "127.0.0.1", "path": "/"}])
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/#/search")
        page.wait_for_selector("#search-input")
        page.evaluate(TYPING_PROBE)
        typed = 0
        for name in names:
            page.fill("#search-input", "")
            for ch in name[:8]:
                if typed >= keys:
                    break
                page.keyboard.type(ch)
                typed += 1
                page.wait_for_function("n => window.__typed.length >= n", arg=typed, timeout=30000)
            if typed >= keys:
                break
        samples = page.evaluate("window.__typed")
        browser.close()
    return samples


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--console", required=True, help="feast-console-cli (or feast-console)")
    ap.add_argument("--registry", required=True, help="the benchmark's registry.db")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--server-log", help="keep the server's log here (its stalls over 30 ms are in it)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace.yaml"
        workspace.write_text(f"name: web bench\nconnections:\n  - name: bench\n    url: file://{Path(args.registry).resolve()}\n"
                             "    mode: isolated\n    tenant: bench\n")
        stall_report = Path(tmp) / "stall.txt"
        proc = subprocess.Popen([args.console, "serve", "--workspace", str(workspace), "--requests-per-second", "100000"],
                                stdout=subprocess.PIPE, stderr=open(Path(args.server_log), "w") if args.server_log else subprocess.DEVNULL,
                                text=True,
                                env={**os.environ, "FEAST_SERVE_STALL_REPORT": str(stall_report)})
        try:
            launch = proc.stdout.readline().strip()
            port = urlsplit(launch).port
            started = time.perf_counter()
            load_ms, cookie, downloaded = first_load(launch)
            if load_ms is not None:
                print(f"BENCH web_first_load_ms {load_ms:.0f} ms", flush=True)
            if cookie is None:
                print("# no Chromium/Playwright: web_first_load_ms and the rest need a session; skipped")
                return 0
            print(f"BENCH web_assets_kb {downloaded / 1024:.1f} KB", flush=True)
            with connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}",
                         additional_headers={"Cookie": cookie}, max_size=None) as ws:
                ident = 0
                while True:
                    ident += 1
                    states = rpc(ws, "connections.list", {}, ident)[0]["result"]["connections"]
                    if all(c["state"] not in ("idle", "loading") for c in states):
                        break
                    time.sleep(0.2)
                print(f"# registry loaded {time.perf_counter() - started:.1f} s after start", flush=True)
                total = rpc(ws, "catalog.list", {"kind": "feature", "limit": 1}, 0)[0]["result"]["total"]
                rng = random.Random(12)
                names = []
                for _ in range(100):
                    ident += 1
                    page = rpc(ws, "catalog.list", {"kind": "feature", "offset": rng.randrange(total), "limit": 1}, ident)[0]
                    names.append(page["result"]["items"][0]["name"])
                queries = []
                while len(queries) < args.queries:
                    name = rng.choice(names)
                    queries.append([name, name[: max(2, len(name) // 2)], name[len(name) // 3: len(name) // 3 + 4],
                                    name[:4] + " kind:feature dtype:float32", name[:3] + name[4:]][len(queries) % 5])
                server, roundtrip = [], []
                for query in queries:
                    ident += 1
                    answer, ms = rpc(ws, "search", {"query": query, "limit": 50}, ident)
                    server.append(answer["result"]["server_ms"])
                    roundtrip.append(ms)
                print(f"BENCH web_search_server_p50_ms {statistics.median(server):.2f} ms")
                print(f"BENCH web_search_server_p99_ms {percentile(server, 99):.2f} ms")
                print(f"BENCH web_search_roundtrip_p99_ms {percentile(roundtrip, 99):.2f} ms", flush=True)
                pages = []
                for _ in range(200):
                    ident += 1
                    pages.append(rpc(ws, "catalog.list", {"kind": "feature", "offset": rng.randrange(total), "limit": 200},
                                     ident)[1])
                print(f"BENCH web_catalog_page_p99_ms {percentile(pages, 99):.2f} ms", flush=True)
            typing = browser_typing(cookie, port, [rng.choice(names) for _ in range(200)], 500)
            if typing:
                print(f"# {len(typing)} keys typed in Chromium")
                print(f"BENCH web_search_browser_p50_ms {statistics.median(typing):.1f} ms")
                print(f"BENCH web_search_browser_p99_ms {percentile(typing, 99):.1f} ms", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            if stall_report.exists():  # over the whole run: the 1M load, the browser, every request
                print(f"BENCH web_server_max_stall_ms {float(stall_report.read_text().split()[1]):.1f} ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
