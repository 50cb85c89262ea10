"""The vendored chart library (resources/web/vendor/uplot): the files are the
ones VENDORED.json names - version, licence, SHA-256 - and the web console
serves exactly those bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "resources" / "web" / "vendor" / "uplot"


def test_vendored_files_match_their_manifest():
    manifest = json.loads((VENDOR / "VENDORED.json").read_text())
    assert manifest["name"] == "uplot" and manifest["license"] == "MIT"
    assert manifest["version"] in (VENDOR / "uPlot.esm.js").read_text()[:400]  # the banner names it
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert sorted(p.name for p in VENDOR.iterdir()) == sorted([*manifest["files"], "VENDORED.json"])


def test_the_server_serves_the_vendored_bytes(served):
    for name in ("uPlot.esm.js", "uPlot.min.css"):
        answer = served.get(f"/vendor/uplot/{name}")
        assert answer.status == 200, answer.raw[:200]
        assert answer.body == (VENDOR / name).read_bytes()
        assert answer.headers["content-type"][0].startswith("text/javascript" if name.endswith(".js") else "text/css")
