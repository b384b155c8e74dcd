"""Delayed replies through Step Functions: one execution per (chat, version).

The execution name is derived from the chat id's hash and the version, so the webhook can stop the
chat's previous waiting execution without storing its ARN, and a repeated start is idempotent.
`statemachine.json` holds the Task resource `arn:aws:lambda:${AWS_REGION}:${AWS_ACCOUNT_ID}:function:${REPLY_FUNCTION_NAME}`
(template.yaml's DefinitionSubstitutions fill it on AWS); `render_definition` fills it with a concrete function ARN.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from core.config import PROJECT_ROOT

FUNCTION_ARN_PLACEHOLDER = "arn:aws:lambda:${AWS_REGION}:${AWS_ACCOUNT_ID}:function:${REPLY_FUNCTION_NAME}"
DEFINITION_PATH = PROJECT_ROOT / "statemachine.json"


class SchedulerError(RuntimeError):
    """Step Functions refused to start a reply; the message says what to check."""


def execution_name(chat_id: str, version: int, epoch: int = 0) -> str:
    """`chat-<16 hex of sha256(chat id)>-<epoch base36>-v<version>`: ≤ 80 chars, no customer data.

    `epoch` (the chat item's creation time) keeps names unique when an expired chat restarts at v1.
    """
    digest = hashlib.sha256(chat_id.encode("utf-8")).hexdigest()[:16]
    return f"chat-{digest}-{_base36(epoch)}-v{version}"


def _base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    value = max(0, int(value))
    while True:
        value, rem = divmod(value, 36)
        out = digits[rem] + out
        if value == 0:
            return out


def execution_arn(state_machine_arn: str, name: str) -> str:
    """`arn:aws:states:R:A:stateMachine:SM` → `arn:aws:states:R:A:execution:SM:NAME`."""
    prefix, sep, machine = state_machine_arn.rpartition(":stateMachine:")
    if not sep:
        raise SchedulerError(f"STATE_MACHINE_ARN {state_machine_arn!r} is not a state machine ARN")
    return f"{prefix}:execution:{machine}:{name}"


def render_definition(function_arn: str, path: Path = DEFINITION_PATH) -> str:
    """The state machine definition with the reply function's ARN filled in."""
    text = path.read_text(encoding="utf-8")
    if FUNCTION_ARN_PLACEHOLDER not in text:
        raise SchedulerError(f"{path} has no {FUNCTION_ARN_PLACEHOLDER} placeholder to fill")
    rendered = text.replace(FUNCTION_ARN_PLACEHOLDER, function_arn)
    json.loads(rendered)  # fail here, not in Step Functions, if the ARN broke the JSON
    return rendered


class ReplyScheduler:
    """Start and stop reply executions. Pass `client` (boto3 stepfunctions) or one is built."""

    def __init__(self, state_machine_arn: str | None, client: Any = None) -> None:
        if not state_machine_arn:
            raise SchedulerError("STATE_MACHINE_ARN is not set: the webhook cannot schedule delayed replies")
        self.state_machine_arn = state_machine_arn
        if client is None:
            import boto3

            client = boto3.client("stepfunctions")
        self.client = client

    def schedule(self, chat_id: str, version: int, delay_seconds: int, epoch: int = 0) -> str:
        """Start the execution that waits `delay_seconds` and then processes `version` of the chat."""
        name = execution_name(chat_id, version, epoch)
        payload = json.dumps({"chatId": chat_id, "version": version, "delaySeconds": int(delay_seconds)})
        try:
            out = self.client.start_execution(stateMachineArn=self.state_machine_arn, name=name, input=payload)
        except self.client.exceptions.ExecutionAlreadyExists:
            return execution_arn(self.state_machine_arn, name)
        return str(out["executionArn"])

    def cancel(self, chat_id: str, version: int, epoch: int = 0) -> bool:
        """Stop the execution of `version` if it is still running. Missing/finished ones are fine."""
        if version < 1:
            return False
        arn = execution_arn(self.state_machine_arn, execution_name(chat_id, version, epoch))
        try:
            self.client.stop_execution(executionArn=arn, cause="superseded by a newer message")
        except self.client.exceptions.ExecutionDoesNotExist:
            return False
        except self.client.exceptions.ClientError:
            return False  # already finished, or not stoppable any more: the version check covers it
        return True  # moto in execute mode answers {} (no stopDate): never index the response
