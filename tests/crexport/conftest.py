"""Shared helpers of the export-cr tests: the real binary and the CRD's schema."""
import os
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# The committed schema facts (scripts/crd_schema.py): a CustomResourceDefinition like the Operator's.
CRD_PATH = Path(os.environ.get("FEAST_CONSOLE_CRD_SCHEMA", REPO / "resources/crd/featurestore.v1.json"))


def console():
    binary = os.environ.get("FEAST_CONSOLE", str(REPO / "build/bin/feast-console"))
    assert Path(binary).exists(), f"no feast-console binary at {binary}"
    return binary


def run(*args, input_text=None):
    # The binary validates against the schema it embeds, as it does for a user.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("FEAST_CONSOLE_CRD", None)
    return subprocess.run([console(), "export-cr", *args], capture_output=True, text=True, env=env,
                          input=input_text, timeout=120)


@pytest.fixture(scope="session")
def crd_schema():
    with open(CRD_PATH) as f:
        crd = yaml.safe_load(f)
    version = next(v for v in crd["spec"]["versions"] if v["name"] == "v1")
    return version["schema"]["openAPIV3Schema"]
