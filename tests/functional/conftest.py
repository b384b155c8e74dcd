"""Functional-test fixtures shared by several files."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import boto3
import pytest

from core.chat.chat_state import create_table
from core.voc.store import VocStore


@pytest.fixture()
def new_voc_store(moto_server) -> Callable[[], VocStore]:  # noqa: ANN001
    """Make a VocStore on a fresh chat table in the session's moto server (Asia/Seoul, 10 weeks)."""
    client = boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)

    def make() -> VocStore:
        name = f"voc-{uuid.uuid4().hex[:8]}"
        create_table(name, client=client)
        return VocStore(name, client, "Asia/Seoul", retention_weeks=10)

    return make
