"""Shared helpers of the export-cr tests: the real binary and the CRD's schema."""
import os
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CRD_PATH = Path(os.environ.get("FEAST_OPERATOR_CRD", REPO.parent / "shared/feast-operator/feast.dev_featurestores.yaml"))


def console():
    binary = os.environ.get("FEAST_CONSOLE", str(REPO / "build/bin/feast-console"))
    assert Path(binary).exists(), f"no feast-console binary at {binary}"
    return binary


def run(*args, input_text=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FEAST_CONSOLE_CRD=str(CRD_PATH))
    return subprocess.run([console(), "export-cr", *args], capture_output=True, text=True, env=env,
                          input=input_text, timeout=120)


@pytest.fixture(scope="session")
def crd_schema():
    with open(CRD_PATH) as f:
        crd = yaml.safe_load(f)
    version = next(v for v in crd["spec"]["versions"] if v["name"] == "v1")
    return version["schema"]["openAPIV3Schema"]
