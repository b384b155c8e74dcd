"""Functional-test fixtures shared by several files."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import boto3
import pytest

from agent.pipeline import SupportPipeline
from core.chat.chat_state import create_table
from core.config import PROJECT_ROOT, Settings
from core.knowledge.manager import get_knowledge, load_knowledge, source_for
from core.voc.store import VocStore

SHOPS = PROJECT_ROOT / "tests" / "data" / "shops"


def offline_pipeline(knowledge) -> SupportPipeline:  # noqa: ANN001
    """The offline pipeline (no LM) over one loaded shop."""
    return SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=lambda: knowledge)


@pytest.fixture(scope="session")
def shops() -> dict[str, SupportPipeline]:
    """Offline pipelines over the bundled shop and the three other test shops (cosmetics, electronics, grocery)."""
    out = {"jogunshop": SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=get_knowledge)}
    for name in ("cosmetics.owl", "electronics.ttl", "grocery.owl"):
        out[name.split(".")[0]] = offline_pipeline(load_knowledge(source_for(str(SHOPS / name)), write_index=False))
    return out


@pytest.fixture()
def new_voc_store(moto_server) -> Callable[[], VocStore]:  # noqa: ANN001
    """Make a VocStore on a fresh chat table in the session's moto server (Asia/Seoul, 10 weeks)."""
    client = boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)

    def make() -> VocStore:
        name = f"voc-{uuid.uuid4().hex[:8]}"
        create_table(name, client=client)
        return VocStore(name, client, "Asia/Seoul", retention_weeks=10)

    return make
