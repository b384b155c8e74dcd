"""The one Lambda entry point: Function URL webhook, state-machine turns, Catch-path handoff, direct invoke.

    handler(event, context)
      Function URL  POST /webhook?token=…  → 200 accepted/ignored/duplicate, 400, 401, 413 (never 500)
                    GET  /health           → 200
      {"action": "process_chat", "chatId", "version"}       → answer the pending messages (from Step Functions)
      {"action": "handoff_fallback", "chatId", "version", "error"} → the Catch path: hand off to a human
      {"type": "message", "entity": {...}, "dryRun"?}       → answered synchronously, result returned
                                                             ({"outcome": "failed", ...} if the turn fails)
      {"action": "voc_weekly", "week"?, "force"?}           → the Monday VOC report (EventBridge Scheduler):
                                                             last ISO week (shop time) posted once per destination

Clients are built once per container and reused by warm invocations. The webhook path never imports
DSPy nor loads the ontology: the agent pipeline is imported on the first turn to answer.

Local twin of `aws lambda invoke`: `python lambda_function.py events/test_message.json` (or `-` for stdin).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from core.chat.flows import FlowResult, TurnProcessor, accept_customer_message, take_over_for_human
from core.config import DEADLINE_RESERVE_SECONDS, ConfigError, Settings, get_settings
from core.deadline import Deadline
from core.observability import count, describe_exception, flush, log_event, logger, redact, use_stream
from core.chat.scheduler import SchedulerError
from core.chat.webhook import (
    HEALTH_PATHS,
    WEBHOOK_PATHS,
    WebhookRejected,
    classify,
    decode_body,
    is_function_url_event,
    parse_envelope,
    parse_function_url_event,
    token_matches,
)

_cold = True


def check_configuration() -> None:
    """Resolve the settings during Lambda init, so the first log lines say what is missing, by name.

    A bad value does not crash the init (the webhook must still answer Channel.io with a clear 503);
    it is logged as an ERROR naming the variable, and every request repeats that error until fixed.
    """
    try:
        settings = get_settings()
    except ConfigError as exc:
        logger.error(f"configuration error: {exc}")
        return
    logger.info("configuration", extra={"settings": settings.public_dict()})
    from agent.lm_backend import lm_arguments  # no DSPy import: only checks the LM variables

    try:
        lm_arguments(settings)
    except ConfigError as exc:
        logger.error(f"configuration error: {exc}")
    missing = {
        "CHANNEL_WEBHOOK_TOKEN": "every webhook is rejected with 401",
        "STATE_MACHINE_ARN": "webhooks cannot schedule replies (503)",
        "CHANNEL_ACCESS_KEY": "replies cannot be posted to Channel.io",
        "CUSTOMER_HASH_SALT": "no customer identity (member id, phone) is kept for order checks",
    }
    present = {"CHANNEL_WEBHOOK_TOKEN": settings.channel_webhook_token,
               "STATE_MACHINE_ARN": settings.state_machine_arn,
               "CHANNEL_ACCESS_KEY": settings.channel_access_key,
               "CUSTOMER_HASH_SALT": settings.customer_hash_salt}
    origins = dict(settings.secret_origins)
    store = (f"Secrets Manager secret {settings.secrets_id}" if settings.secrets_id
             else f"SSM parameters under {settings.secrets_ssm_path}" if settings.secrets_ssm_path else None)
    for name, effect in missing.items():
        if not present[name]:
            where = f" (neither in the {store} nor in the environment)" if store and name in origins else ""
            logger.warning(f"{name} is not set{where}: {effect}")
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):  # on AWS a secret belongs in the store, not in plain sight
        for name, origin in origins.items():
            if origin == "environment":
                logger.warning(f"{name} comes from a plain environment variable: put it in the secret store "
                               f"(`make secret NAME={name}`) and remove the variable")
    if bool(settings.slack_bot_token) != bool(settings.voc_slack_channel):
        logger.warning("VOC report: set both SLACK_BOT_TOKEN and VOC_SLACK_CHANNEL (one is missing): "
                       "the weekly voc_weekly run cannot post to Slack")


class ProcessChatEvent(BaseModel):
    chat_id: str = Field(alias="chatId", min_length=1, max_length=200)
    version: int = Field(ge=1, le=10**12)  # DynamoDB numbers and execution names stay sane


class FallbackEvent(ProcessChatEvent):
    error: Any = None

    def reason(self) -> str:
        """The failed Task's error, redacted: its Cause holds the exception message (stored and logged)."""
        if isinstance(self.error, dict):
            return redact(f"{self.error.get('Error', 'unknown')}: {str(self.error.get('Cause', ''))[:2000]}", 300)
        return redact(self.error or "unknown", 300)


class Runtime:
    """Per-container adapters, built on first use and reused while the settings object is the same."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._built: dict[str, Any] = {}

    def _once(self, name: str, build: Any) -> Any:
        if name not in self._built:
            with self._lock:
                if name not in self._built:
                    self._built[name] = build()
        return self._built[name]

    def _boto(self, service: str) -> Any:
        """A client from the process's one botocore session (shared with the secrets read: `core.aws`)."""
        from core.aws import client

        return client(service, self.settings.aws_region, self.settings.aws_endpoint_url)

    @property
    def store(self) -> Any:
        from core.chat.chat_state import ChatStore

        s = self.settings
        return self._once("store", lambda: ChatStore(s.dynamodb_table_name, client=self._boto("dynamodb"),
                                                     history_turns=s.history_turns,
                                                     history_ttl_days=s.history_ttl_days,
                                                     human_mute_minutes=s.human_mute_minutes))

    @property
    def scheduler(self) -> Any:
        from core.chat.scheduler import ReplyScheduler

        return self._once("scheduler", lambda: ReplyScheduler(self.settings.state_machine_arn,
                                                              client=self._boto("stepfunctions")))

    def channel(self) -> Any:
        from core.chat.channel_api import ChannelClient

        return self._once("channel", lambda: ChannelClient.from_settings(self.settings))

    def pipeline(self) -> Any:
        """The agent pipeline (imports DSPy / loads the ontology): only the processing path calls this."""
        return self._once("pipeline", lambda: importlib.import_module("agent.pipeline").get_pipeline(self.settings))

    @property
    def voc_store(self) -> Any:
        """VOC records and report claims, in the chat table (processing path and the weekly job only)."""
        from core.voc.store import VocStore

        s = self.settings
        return self._once("voc_store", lambda: VocStore(s.dynamodb_table_name, self._boto("dynamodb"),
                                                        s.shop_timezone, s.voc_retention_weeks))

    @property
    def processor(self) -> TurnProcessor:
        s = self.settings
        # Time kept back from the pipeline for posting: two Channel.io timeouts plus the settle watch.
        reserve = 2 * s.channel_timeout_seconds + 3.0
        return self._once("processor", lambda: TurnProcessor(
            store=self.store, channel=self.channel, pipeline=self.pipeline,
            manager_ids=s.channel_handoff_manager_ids, mute_minutes=s.human_mute_minutes, voc=self.voc_store,
            turn_deadline_seconds=s.turn_deadline_seconds, post_reserve_seconds=reserve))


if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):  # Lambda init phase: check the configuration once, up front
    check_configuration()

_runtime: Runtime | None = None
_runtime_lock = threading.Lock()


def runtime() -> Runtime:
    """The container's adapters (rebuilt only when the settings were reset, e.g. by the local stack)."""
    global _runtime
    settings = get_settings()
    with _runtime_lock:
        if _runtime is None or _runtime.settings is not settings:
            _runtime = Runtime(settings)
        return _runtime


def handler(event: Any, context: Any = None) -> dict[str, Any]:
    """Dispatch one Lambda event; see the module docstring for the event kinds."""
    global _cold
    request_id = getattr(context, "aws_request_id", None) or uuid.uuid4().hex
    logger.append_keys(request_id=request_id, cold_start=_cold)
    _cold = False
    try:
        if is_function_url_event(event):
            return _http(event)
        if not isinstance(event, dict):
            return _invalid("payload must be a JSON object")
        action = event.get("action")
        if action == "process_chat":
            return _process(event, request_id, context)
        if action == "handoff_fallback":
            return _fallback(event)
        if action == "voc_weekly":
            return _voc_weekly(event)
        if action is None and "type" in event and "entity" in event:
            return _direct(event)
        return _invalid("unknown event: expected a Function URL request, an action "
                        "(process_chat, handoff_fallback, voc_weekly) or a Channel.io webhook payload")
    finally:
        flush()


# --- Function URL -------------------------------------------------------------------------------


def _response(status: int, body: dict[str, Any]) -> dict[str, Any]:
    return {"statusCode": status, "headers": {"content-type": "application/json"},
            "body": json.dumps(body, ensure_ascii=False)}


def _http(event: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    outcome, chat_id, status = "error", None, 503
    try:
        request = parse_function_url_event(event)
        if request.path in HEALTH_PATHS:
            outcome, status = "health", 200
            return _response(200, {"status": "ok"})
        if request.path not in WEBHOOK_PATHS:
            raise WebhookRejected(404, f"no route for {request.path}: Channel.io posts to /webhook?token=…")
        if request.method != "POST":
            raise WebhookRejected(405, "the webhook accepts POST only")
        settings = get_settings()
        if not token_matches(request.query.get("token"), settings.channel_webhook_token):
            if not settings.channel_webhook_token:
                logger.error("CHANNEL_WEBHOOK_TOKEN is not set: every webhook is rejected until it is")
            raise WebhookRejected(401, "missing or wrong token")
        message = classify(parse_envelope(decode_body(request)))  # the body is looked at only after the token
        chat_id = message.chat_id
        if message.kind == "ignored":
            outcome, status = f"ignored_{message.reason}", 200
            return _response(200, {"status": "ignored", "reason": message.reason})
        rt = runtime()
        if message.kind == "manager":
            result = take_over_for_human(message, rt.store, rt.scheduler, settings.human_mute_minutes)
        else:
            result = accept_customer_message(message, rt.store, rt.scheduler, settings.reply_delay_seconds,
                                             customer_salt=settings.customer_hash_salt)
            count("MessagesAccepted" if result.outcome == "accepted" else "MessagesSkipped")
        outcome, status = result.outcome, 200
        return _response(200, {"status": result.outcome, **result.fields})
    except WebhookRejected as rejected:
        outcome, status = f"rejected_{rejected.status}", rejected.status
        return _response(rejected.status, {"error": rejected.reason})
    except (ConfigError, SchedulerError) as exc:  # the operator must fix a setting; Channel.io retries later
        logger.error(f"configuration error: {exc}")
        return _response(503, {"error": "service misconfigured: see the function's log"})
    except Exception as exc:  # AWS trouble: tell Channel.io to come back, never a 500 with a stack trace
        logger.error("webhook failed", extra={"error": describe_exception(exc)})
        return _response(503, {"error": "temporarily unavailable, retry later"})
    finally:
        log_event("webhook", outcome, chat_id, status=status,
                  latency_ms=round((time.perf_counter() - started) * 1000, 1))


# --- Step Functions -----------------------------------------------------------------------------


def _turn_deadline(context: Any) -> Deadline:
    """TURN_DEADLINE_SECONDS from now, and never later than the invocation's own end less the reserve."""
    seconds = get_settings().turn_deadline_seconds
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if callable(remaining):
        try:
            seconds = min(seconds, remaining() / 1000 - DEADLINE_RESERVE_SECONDS)
        except (TypeError, ValueError):
            pass
    return Deadline.after(max(1.0, seconds))


def _private(exc: Exception) -> Exception:
    """What leaves the handler: our own errors as they are (their messages say what to fix and carry no
    customer text), any other one as an error of the same type name with a redacted one-line message.
    Step Functions matches Retry/Catch on the type name, and it and the Lambda runtime keep the message.
    """
    if type(exc).__module__.split(".")[0] in {"core", "agent"}:
        return exc
    name = type(exc).__name__
    return type(name, (RuntimeError,), {"__module__": __name__})(describe_exception(exc).split(": ", 1)[-1])


def _process(event: dict[str, Any], request_id: str, context: Any = None) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        parsed = ProcessChatEvent.model_validate(event)
    except ValidationError as exc:
        log_event("process", "invalid_event", event.get("chatId") if isinstance(event.get("chatId"), str) else None,
                  level="error", error=str(exc.errors()[0]["msg"]))
        return {"outcome": "invalid_event", "error": "process_chat needs chatId (string) and version (int, 1..10^12)"}
    try:
        result: FlowResult = runtime().processor.process(parsed.chat_id, parsed.version, owner=request_id,
                                                         deadline=_turn_deadline(context))
    except Exception as exc:
        log_event("process", "failed", parsed.chat_id, level=_failure_level(exc), version=parsed.version,
                  error=type(exc).__name__, detail=_failure_detail(exc),
                  latency_ms=round((time.perf_counter() - started) * 1000, 1))
        private = _private(exc)
        if private is exc:
            raise
        raise private from None
    log_event("process", result.outcome, parsed.chat_id, **_log_fields(result))
    return result.to_dict()


def _fallback(event: dict[str, Any]) -> dict[str, Any]:
    try:
        parsed = FallbackEvent.model_validate(event)
    except ValidationError:
        log_event("fallback", "invalid_event", None, level="error")
        return {"outcome": "invalid_event", "error": "handoff_fallback needs chatId (string) and version (int, 1..10^12)"}
    try:
        result = runtime().processor.fallback(parsed.chat_id, parsed.version, parsed.reason())
    except Exception as exc:
        log_event("fallback", "failed_needs_human", parsed.chat_id, level="error", version=parsed.version,
                  error=type(exc).__name__, detail=_failure_detail(exc))
        private = _private(exc)
        if private is exc:
            raise
        raise private from None
    log_event("fallback", result.outcome, parsed.chat_id, level="warning" if result.outcome.startswith("handed_off") else "info",
              version=parsed.version, cause=parsed.reason()[:200])
    return result.to_dict()


def _is_config_error(exc: BaseException) -> bool:
    """Errors no retry can fix (wrong keys, bad settings): an operator must act."""
    from core.chat.channel_api import ChannelConfigError

    return isinstance(exc, (ConfigError, ChannelConfigError))


def _failure_level(exc: BaseException) -> str:
    """ERROR for what needs an operator; WARNING for what the state machine's Retry may still fix."""
    from core.chat.flows import LeaseBusyError

    if isinstance(exc, LeaseBusyError):
        return "info"
    return "error" if _is_config_error(exc) else "warning"


def _failure_detail(exc: BaseException) -> str | None:
    """The message of our own error classes (they say what to fix), redacted all the same."""
    if type(exc).__module__.split(".")[0] in {"core", "agent"}:
        return redact(exc, 300)
    return None


_LOG_KEYS = {"version": "version", "route": "route", "mode": "mode", "handoff": "handoff", "messages": "messages",
             "lmCalls": "lm_calls", "tokens": "tokens", "latencyMs": "latency_ms", "overheadMs": "overhead_ms",
             "stillPending": "still_pending"}


def _log_fields(result: FlowResult) -> dict[str, Any]:
    """The numbers of a turn for its log line (snake_case like every other log field; no text)."""
    return {log_key: result.fields[key] for key, log_key in _LOG_KEYS.items() if key in result.fields}


# --- weekly VOC report --------------------------------------------------------------------------


class VocWeeklyEvent(BaseModel):
    """The schedule sends `{"action": "voc_weekly"}`; `week` (e.g. 2026-W48) and `force` are for manual runs."""

    week: str | None = Field(default=None, max_length=10)
    force: bool = False


def _voc_weekly(event: dict[str, Any]) -> dict[str, Any]:
    from core.voc.weekly import run_weekly
    from core.voc.weeks import IsoWeek, WeekError

    try:
        parsed = VocWeeklyEvent.model_validate(event)
        week = IsoWeek.parse(parsed.week) if parsed.week else None
    except (ValidationError, WeekError) as exc:
        reason = str(exc) if isinstance(exc, WeekError) else "voc_weekly takes an optional week (e.g. 2026-W48) and force"
        log_event("voc_weekly", "invalid_event", None, level="error", error=reason)
        return {"outcome": "invalid_event", "error": reason}
    rt = runtime()
    return run_weekly(rt.settings, rt.voc_store, week=week, force=parsed.force).to_dict()


# --- direct invoke ------------------------------------------------------------------------------


def _direct(event: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        envelope = parse_envelope(event)
        message = classify(envelope)
    except WebhookRejected as rejected:
        return _invalid(rejected.reason)
    if message.kind != "customer":
        log_event("direct", f"ignored_{message.reason}", message.chat_id)
        return {"outcome": "ignored", "reason": message.reason}
    try:
        body = runtime().processor.answer_direct(message, envelope.dry_run)
    except Exception as exc:  # a synchronous test call: report the failure in the response, like the CLI does
        log_event("direct", "failed", message.chat_id, level=_failure_level(exc), error=type(exc).__name__,
                  detail=_failure_detail(exc))
        return {"outcome": "failed", "errorType": type(exc).__name__,
                "error": _failure_detail(exc) or "the turn could not be answered; see the function's log"}
    log_event("direct", "answered", message.chat_id, route=body.get("route"), mode=body.get("mode"),
              handoff=body.get("handoff"), lm_calls=body.get("lm_calls"), tokens=body.get("tokens"),
              latency_ms=round((time.perf_counter() - started) * 1000, 1))
    return {"outcome": "answered", **body}


def _invalid(reason: str) -> dict[str, Any]:
    log_event("invoke", "invalid_event", None, level="warning", reason=reason[:200])
    return {"outcome": "invalid_event", "error": reason}


def main(argv: list[str]) -> int:
    """`python lambda_function.py FILE.json|-`: invoke the handler locally and print the response JSON."""
    if len(argv) != 1:
        print("usage: python lambda_function.py FILE.json   (or - to read the payload from stdin)", file=sys.stderr)
        return 2
    try:
        raw = sys.stdin.read() if argv[0] == "-" else Path(argv[0]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(json.dumps({"outcome": "invalid_event", "error": f"cannot read the payload: {exc}"}, ensure_ascii=False))
        return 1
    try:
        event = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        print(json.dumps({"outcome": "invalid_event", "error": f"payload is not JSON: {exc}"}))
        return 1
    use_stream(sys.stderr)  # stdout carries only the response, like `aws lambda invoke`'s outfile
    check_configuration()
    try:
        with contextlib.redirect_stdout(sys.stderr):
            response = handler(event, None)
    except Exception as exc:
        print(json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)}, ensure_ascii=False, indent=2))
        return 1
    print(json.dumps(response, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
