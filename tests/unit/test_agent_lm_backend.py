"""LM backend selection from settings, lazy imports, and the loopback stub server itself."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from agent.lm_backend import LMBackendError, describe, lm_arguments
from core.config import Settings
from devstack.openai_stub_server import OpenAIStubServer, chat_fields, count_tokens


def test_offline_when_nothing_is_configured() -> None:
    settings = Settings.from_env({})
    assert lm_arguments(settings) is None and describe(settings).startswith("offline")


def test_compatible_backend() -> None:
    args = lm_arguments(Settings.from_env({"LM_API_BASE": "http://127.0.0.1:8000/v1/", "LM_MODEL": "qwen2.5"}))
    assert args["model"] == "openai/qwen2.5" and args["api_base"] == "http://127.0.0.1:8000/v1"
    assert args["cache"] is False and args["num_retries"] == 0 and args["timeout"] == 20.0


def test_azure_backend_wins_and_keeps_api_version() -> None:
    env = {"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com", "AZURE_OPENAI_API_KEY": "k",
           "AZURE_OPENAI_DEPLOYMENT_ID": "gpt4o", "AZURE_OPENAI_API_VERSION": "2024-10-21", "OPENAI_API_KEY": "o"}
    args = lm_arguments(Settings.from_env(env))
    assert args["model"] == "azure/gpt4o" and args["api_version"] == "2024-10-21"
    assert "k" not in describe(Settings.from_env(env))


def test_openai_backend_and_bad_urls() -> None:
    assert lm_arguments(Settings.from_env({"OPENAI_API_KEY": "o"}))["model"] == "openai/gpt-4o-mini"
    with pytest.raises(LMBackendError, match="LM_API_BASE"):
        lm_arguments(Settings.from_env({"LM_API_BASE": "localhost:8000"}))


def test_importing_the_pipeline_does_not_import_dspy() -> None:
    code = "import sys, agent, agent.pipeline, agent.evaluate; print('dspy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_stub_server_scripts_records_and_fails_on_demand() -> None:
    with OpenAIStubServer() as stub:
        stub.push(chat_fields(reply="안녕하세요"))
        stub.push(status=503, error_message="busy")
        url = f"{stub.base_url}/chat/completions"
        body = {"model": "m", "messages": [{"role": "user", "content": "hi there"}]}
        first = httpx.post(url, json=body, timeout=5).json()
        assert "안녕하세요" in first["choices"][0]["message"]["content"]
        assert first["usage"]["prompt_tokens"] == count_tokens("hi there") == 2
        assert httpx.post(url, json=body, timeout=5).status_code == 503
        assert httpx.post(url, json=body, timeout=5).status_code == 500  # queue empty, no responder
        assert len(stub.requests) == 3 and stub.requests[0].body == body
        assert httpx.post(f"{stub.root_url}/nope", json={}, timeout=5).status_code == 404
