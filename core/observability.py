"""Structured logs and EMF metrics (aws-lambda-powertools), one JSON line per handled event — never customer text.

INFO lines carry ids and numbers only: the chat id is hashed, message text is never logged at any level.
Whatever else reaches a log record (a library's message, an exception's text) goes through `redact` when
the record is created (a log-record factory, installed once at import): the first line only, phone numbers,
e-mails, order and card-like numbers, addresses, names before 님 and known secrets masked, URLs without
credentials, cut to a few hundred characters; a traceback becomes `describe_exception` plus a one-line
"where". Libraries that log request bodies (DSPy, LiteLLM, httpx, botocore, …) are held at WARNING whatever
LOG_LEVEL says. CloudWatch reads the lines with `aws logs tail /aws/lambda/FUNCTION --format short`; EMF
lines become metrics in namespace `JogunShop` without any API call.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import traceback
from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

from core.personal_data import mask

SERVICE = "jogunshop-bot"
NAMESPACE = "JogunShop"
MAX_LOGGED_TEXT = 240  # characters of any redacted text that reach a log line
# Loggers of libraries that may put prompts, LM answers or request bodies in their lines.
LIBRARY_LOGGERS = ("dspy", "litellm", "LiteLLM", "LiteLLM Router", "LiteLLM Proxy", "httpx", "httpcore", "openai",
                   "botocore", "boto3", "urllib3", "s3transfer", "rdflib", "owlready2")
OWN_PREFIXES = (SERVICE, "agent", "core", "lambda_function", "devstack", "bench")

# --- redaction ---------------------------------------------------------------------------------

_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@")
_SECRET_QUERY = re.compile(r"(?i)([?&;](?:api[-_]?key|key|token|access[-_]?token|secret|sig|signature|password|"
                           r"code|x-access-(?:key|secret))=)[^&#\s]+")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_API_KEY = re.compile(r"\b(?:sk|pk|rk|key)-[A-Za-z0-9_-]{8,}\b")
_ORDER = re.compile(r"(?<![\w])[A-Za-z]{0,4}-?\d{6,}(?:-\d+)*(?![\w])|(?<!\d)\d{4,}-\d{3,}(?:-\d+)*(?!\d)")
# Customer data (phones, e-mails, cards, order numbers, addresses, names) is `core.personal_data`'s; logs add
# `_ORDER` for any other id-like run of digits (account ids, tracking numbers in a library's message).
LOG_LABELS = {"email": "<email>", "order": "<number>", "card": "<number>", "phone": "<phone>", "address": "<address>",
              "number": "<number>", "name": "<name>"}
_SPACE = re.compile(r"\s+")

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secrets(values: Iterable[str | None]) -> None:
    """Remember secret values (keys, tokens, salts) so `redact` masks them wherever they appear."""
    with _secrets_lock:
        _secrets.update(v for v in values if isinstance(v, str) and len(v) >= 6)


def safe_url(url: str | None) -> str | None:
    """A URL without credentials: `https://user:key@host/v1?key=x` → `https://***@host/v1?key=***`."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = _SECRET_QUERY.sub(r"\1***", "?" + parts.query)[1:] if parts.query else parts.query
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def redact(text: Any, limit: int = MAX_LOGGED_TEXT) -> str:
    """One line of text safe for a log: secrets, credentials and personal data masked, cut to `limit`."""
    value = str(text)
    with _secrets_lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in value:
            value = value.replace(secret, "***")
    value = _URL_CREDENTIALS.sub(r"\1***@", value)
    value = _SECRET_QUERY.sub(r"\1***", value)
    value = _BEARER.sub(r"\1 ***", value)
    value = _API_KEY.sub("***", value)
    value = mask(value, LOG_LABELS)
    value = _ORDER.sub("<number>", value)
    value = _SPACE.sub(" ", value).strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


def describe_exception(exc: BaseException, limit: int = MAX_LOGGED_TEXT) -> str:
    """`Type: first line of the message`, redacted and cut: what a log may say about any exception.

    DSPy's parse errors and LM client errors carry the whole LM answer (and so the customer's words)
    after their first line; only the first line is kept, and even that is redacted.
    """
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return redact(f"{name}: {message}" if message else name, limit)


def _where(tb: Any) -> str:
    """`file.py:123 in func < …`: the innermost frames of a traceback, code locations only."""
    frames = traceback.extract_tb(tb)[-3:]
    return " < ".join(f"{os.path.basename(f.filename)}:{f.lineno} in {f.name}" for f in reversed(frames))


# --- log records -------------------------------------------------------------------------------

_base_factory = logging.getLogRecordFactory()


def _safe_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
    """Every log record, whoever creates it: message redacted to one line, exceptions described, no traceback."""
    record = _base_factory(*args, **kwargs)
    try:
        if isinstance(record.msg, str) or record.args:
            try:
                message = record.getMessage()
            except Exception:  # noqa: BLE001 - a library's bad format string must not break logging
                message = str(record.msg)
            first = message.strip().splitlines()[0] if message.strip() else ""
            record.msg = redact(first, 600 if record.name.startswith(OWN_PREFIXES) else MAX_LOGGED_TEXT)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record.msg = f"{record.msg} | error={describe_exception(exc)} | at={_where(exc.__traceback__)}"
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
    except Exception:  # noqa: BLE001 - logging must never raise; fall back to a content-free line
        record.msg, record.args, record.exc_info, record.exc_text = "log line withheld", None, None, None
    return record


def install_log_safety(level: str | None = None) -> None:
    """Redact every log record at creation and hold library loggers at WARNING (idempotent).

    Called at import and again after DSPy/LiteLLM are imported (they may configure their loggers then).
    """
    if logging.getLogRecordFactory() is not _safe_record:
        logging.setLogRecordFactory(_safe_record)
    for name in LIBRARY_LOGGERS:
        library = logging.getLogger(name)
        if library.level == logging.NOTSET or library.level < logging.WARNING:
            library.setLevel(logging.WARNING)
    if level:
        logging.getLogger("agent").setLevel(level)


logger = Logger(service=SERVICE, level=os.environ.get("LOG_LEVEL", "INFO").upper() or "INFO")
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
install_log_safety()


def use_stream(stream: IO[str]) -> None:
    """Send log lines elsewhere (the local CLI keeps stdout for the response JSON)."""
    handler = logger.registered_handler
    if isinstance(handler, logging.StreamHandler):
        handler.setStream(stream)


def chat_hash(chat_id: str | None) -> str:
    """A stable, non-reversible chat reference for logs (12 hex chars of SHA-256)."""
    if not chat_id:
        return "-"
    return hashlib.sha256(chat_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


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
