"""E2E fixtures: the local stack (moto + real state machine + loopback Channel.io) per test."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.chat.chat_state import ChatStore, History
from devstack.local_stack import LocalStack, function_url_event, reset_runtime_singletons, start_local_stack


class Stack:
    """A started local stack plus the helpers tests use to drive it like Channel.io would."""

    def __init__(self, local: LocalStack) -> None:
        self.local = local
        self.channel = local.channel
        self.store = ChatStore(local.table_name, client=local.client("dynamodb"), history_turns=10)

    def send(self, body: dict[str, Any] | str, token: str | None = "local-webhook-token") -> tuple[int, dict[str, Any]]:
        """POST a webhook body to the function, as a Function URL event."""
        import lambda_function

        response = lambda_function.handler(function_url_event(body, token=token), None)
        return response["statusCode"], json.loads(response["body"])

    def history(self, chat_id: str) -> History:
        return self.store.history(chat_id)

    def executions(self) -> list[dict[str, Any]]:
        sfn = self.local.client("stepfunctions")
        return sfn.list_executions(stateMachineArn=self.local.state_machine_arn)["executions"]

    def wait_idle(self, timeout: float = 30.0) -> None:
        assert self.local.wait_idle(timeout=timeout), "state machine executions still running"


@pytest.fixture()
def make_stack(moto_server) -> Iterator[Callable[..., Stack]]:
    saved = dict(os.environ)
    started: list[Stack] = []

    def make(delay: int = 1, **env: str) -> Stack:
        local = start_local_stack(moto=moto_server, reply_delay_seconds=delay, use_s3=False,
                                  extra_env={"CHANNEL_HANDOFF_MANAGER_IDS": "manager-1", **env})
        stack = Stack(local)
        started.append(stack)
        return stack

    yield make
    for stack in started:
        stack.local.wait_idle(timeout=30)
        stack.local.stop()
    os.environ.clear()
    os.environ.update(saved)
    reset_runtime_singletons()
