"""Shared fixtures: a real moto server on loopback, settings reset between tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from core.config import reset_settings
from devstack.moto_server import MotoServer, start_moto

# Tests never reach a real LM or AWS account unless a test configures one on loopback.
for _name in ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT_ID",
              "OPENAI_API_KEY", "LM_API_BASE", "S3_BUCKET_NAME", "STATE_MACHINE_ARN"):
    os.environ.pop(_name, None)
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    """One moto server for the whole session; tests use unique resource names or `moto_server.reset()`."""
    server = start_moto()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    reset_settings()
    yield
    reset_settings()
