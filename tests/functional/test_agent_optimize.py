"""`agent.optimize` compiles against a loopback LM, saves JSON, and the pipeline loads it."""

from __future__ import annotations

import json

import pytest

from agent.optimize import OptimizeError, optimize
from agent.pipeline import SupportPipeline
from core.config import Settings
from core.knowledge.manager import get_knowledge
from devstack.openai_stub_server import OpenAIStubServer, chat_fields, requested_output_fields

pytestmark = pytest.mark.lm


def _teacher(body: dict) -> str:
    """Harness: routes as 'general', replies with a number-free Korean line."""
    fields = requested_output_fields(body)
    if fields == ["route"]:
        return chat_fields(route="general")
    return chat_fields(**{f: "확인해 드렸어요. 더 궁금하신 점 있으시면 말씀해 주세요." for f in fields})


def test_optimize_saves_a_program_the_pipeline_loads(tmp_path) -> None:
    out = tmp_path / "compiled.json"
    with OpenAIStubServer(responder=_teacher) as stub:
        settings = Settings.from_env({"LM_API_BASE": stub.base_url, "LM_MODEL": "stub-model",
                                      "COMPILED_PROGRAM_PATH": str(out)})
        summary = optimize(settings, limit=40, max_demos=2)
        assert summary["saved"] == str(out) and summary["lm_calls"] > 0
        saved = json.loads(out.read_text(encoding="utf-8"))
        assert {"router.predict", "product.compose", "delivery.compose", "general.compose"} <= set(saved)
        assert "api_key" not in out.read_text(encoding="utf-8")
        pipeline = SupportPipeline(settings, knowledge_provider=get_knowledge)
        demos = {name: len(p.demos) for name, p in pipeline.program.named_predictors()}
        assert demos == summary["demos"] and sum(demos.values()) > 0


def test_optimize_needs_an_lm() -> None:
    with pytest.raises(OptimizeError, match="no LM configured"):
        optimize(Settings.from_env({"LM_DISABLED": "true"}))
