"""Build the DSPy LM from settings (Azure OpenAI, OpenAI, or any OpenAI-compatible server) once per container.

Environment preparation must happen before `import dspy`: LiteLLM's price list download is
disabled (`LITELLM_LOCAL_MODEL_COST_MAP=True`; blocked egress otherwise costs 5-9 s on the first
call) and the seed's `DSPY_CACHE_DIR` is mapped to DSPy's `DSPY_CACHEDIR` (only /tmp is writable on
Lambda). Responses are not cached: each turn's prompt carries fresh facts, and per-request call
counts must be exact. Client retries are off: a slow LM falls back to the grounded templates.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from core.config import ConfigError, Settings
from core.observability import describe_exception, install_log_safety, safe_url

if TYPE_CHECKING:
    import dspy


class LMBackendError(ConfigError):
    """The LM backend cannot be built from the settings; the message names the variable to fix."""


def prepare_environment(settings: Settings) -> None:
    """Set the environment DSPy and LiteLLM read at import (idempotent, call before importing dspy)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("DSPY_CACHEDIR", settings.dspy_cache_dir)


def lm_arguments(settings: Settings) -> dict[str, Any] | None:
    """Keyword arguments for `dspy.LM(**kwargs)` for the configured backend; None means offline."""
    backend = settings.lm_backend
    common: dict[str, Any] = {"cache": False, "num_retries": 0, "timeout": settings.lm_timeout_seconds,
                              "temperature": 0.2, "max_tokens": 600}
    if backend is None:
        return None
    if backend == "azure":
        deployment = settings.azure_openai_deployment_id
        endpoint = (settings.azure_openai_endpoint or "").rstrip("/")
        if not endpoint.startswith(("http://", "https://")):
            raise LMBackendError(f"AZURE_OPENAI_ENDPOINT must be an http(s) URL, got {safe_url(endpoint)!r}")
        args = {"model": f"azure/{deployment}", "api_key": settings.azure_openai_api_key, "api_base": endpoint,
                **common}
        if settings.azure_openai_api_version:
            args["api_version"] = settings.azure_openai_api_version
        return args
    if backend == "compatible":
        base = (settings.lm_api_base or "").rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise LMBackendError(f"LM_API_BASE must be an http(s) URL such as http://host:8000/v1, got {safe_url(base)!r}")
        model = settings.lm_model if "/" in settings.lm_model else f"openai/{settings.lm_model}"
        return {"model": model, "api_base": base, "api_key": settings.lm_api_key or "not-needed", **common}
    model = settings.openai_model if "/" in settings.openai_model else f"openai/{settings.openai_model}"
    return {"model": model, "api_key": settings.openai_api_key, **common}


def build_lm(settings: Settings) -> "dspy.LM | None":
    """The configured `dspy.LM`, or None for offline mode. Raises LMBackendError on bad settings."""
    args = lm_arguments(settings)
    if args is None:
        return None
    prepare_environment(settings)
    import dspy

    install_log_safety(settings.log_level)  # DSPy/LiteLLM may have set up their loggers while importing
    try:
        return dspy.LM(**args)
    except (ValueError, TypeError) as exc:
        raise LMBackendError(f"cannot build the {settings.lm_backend} LM ({args['model']}): "
                             f"{describe_exception(exc)}") from None


def describe(settings: Settings) -> str:
    """One line for start-up logs: which backend and model (never keys)."""
    args = lm_arguments(settings)
    if args is None:
        return "offline (no LM configured: grounded templates)"
    return f"{settings.lm_backend}: {args['model']} timeout={settings.lm_timeout_seconds}s"
