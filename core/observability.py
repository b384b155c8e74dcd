"""Structured logs and EMF metrics (aws-lambda-powertools), one JSON line per handled event.

INFO lines carry ids and numbers only: the chat id is hashed, message text and secrets are never
logged at INFO (customer text appears only at DEBUG). CloudWatch reads them with
`aws logs tail /aws/lambda/FUNCTION --format short`; EMF lines become metrics in namespace
`JogunShop` without any API call.
"""

from __future__ import annotations

import hashlib
import logging
import os
from typing import IO, Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

SERVICE = "jogunshop-bot"
NAMESPACE = "JogunShop"

logger = Logger(service=SERVICE, level=os.environ.get("LOG_LEVEL", "INFO").upper() or "INFO")
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)


def use_stream(stream: IO[str]) -> None:
    """Send log lines elsewhere (the local CLI keeps stdout for the response JSON)."""
    handler = logger.registered_handler
    if isinstance(handler, logging.StreamHandler):
        handler.setStream(stream)


def chat_hash(chat_id: str | None) -> str:
    """A stable, non-reversible chat reference for logs (12 hex chars of SHA-256)."""
    if not chat_id:
        return "-"
    return hashlib.sha256(chat_id.encode("utf-8")).hexdigest()[:12]


def log_event(flow: str, outcome: str, chat_id: str | None = None, level: str = "info", **fields: Any) -> None:
    """Write the one summary line of a handled event: flow, outcome, hashed chat and numbers."""
    record = {"flow": flow, "outcome": outcome, "chat": chat_hash(chat_id)}
    record.update({k: v for k, v in fields.items() if v is not None})
    getattr(logger, level)(f"{flow} {outcome}", extra=record)


def record_turn(route: str, mode: str, handoff: bool, lm_calls: int, tokens: int, latency_ms: float) -> None:
    """EMF metrics for one answered turn."""
    metrics.add_metric(name="Turns", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name="LMCalls", unit=MetricUnit.Count, value=lm_calls)
    metrics.add_metric(name="Tokens", unit=MetricUnit.Count, value=tokens)
    metrics.add_metric(name="TurnLatency", unit=MetricUnit.Milliseconds, value=round(latency_ms, 1))
    if handoff:
        metrics.add_metric(name="Handoffs", unit=MetricUnit.Count, value=1)
    if mode == "fallback":
        metrics.add_metric(name="Fallbacks", unit=MetricUnit.Count, value=1)
    metrics.add_metadata(key="route", value=route)


def count(name: str, value: float = 1) -> None:
    """Add one counter metric (e.g. WebhooksAccepted, NeedsHuman)."""
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def flush() -> None:
    """Emit the collected metrics as one EMF line (nothing when no metric was added).

    With POWERTOOLS_METRICS_DISABLED (local runs, benchmarks) the set is dropped instead: Powertools
    would otherwise keep it, and every later metric would pile onto it.
    """
    if not metrics.metric_set:
        return
    if is_metrics_disabled():
        metrics.clear_metrics()
    else:
        metrics.flush_metrics()
