"""Faults around the spine, end to end: an accepted message is answered or handed to a human, never dropped.

Local stack as in test_spine_flows (moto executing statemachine.json, the handler as the Task, loopback
Channel.io), plus a loopback OpenAI-compatible server for LM faults. Faults are produced by the servers
and by settings (wrong keys, a broken ontology file, a closed port), never by patching our code.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.chat.flows import FALLBACK_LINE
from core.config import reset_settings
from devstack.channel_events import channel_message
from devstack.channel_server import Reply
from devstack.openai_stub_server import OpenAIStubServer


@pytest.fixture()
def lm_stub() -> Iterator[OpenAIStubServer]:
    with OpenAIStubServer() as server:
        yield server


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # released on close: nothing listens there


def _delivery_fee() -> str:
    from core.knowledge.manager import get_knowledge

    return f"{get_knowledge().delivery_policy().base_fee:,}원"


# --- (a) the LM fails: the customer still gets a grounded reply -----------------------------------


def test_lm_500_garbage_and_timeout_fall_back_to_grounded_replies(make_stack, lm_stub, tmp_path: Path) -> None:
    # GIVEN an LM backend configured on loopback that fails in three different ways
    stack = make_stack(delay=0, LM_API_BASE=lm_stub.base_url, LM_MODEL="stub-model", LM_TIMEOUT_SECONDS="1",
                       COMPILED_PROGRAM_PATH=str(tmp_path / "none.json"))
    faults = {
        "lm-500": lambda: lm_stub.push(status=500),
        "lm-garbage": lambda: [lm_stub.push("}}} not the fields you asked for {{{") for _ in range(4)],
        "lm-timeout": lambda: lm_stub.push(delay=3.0, content="늦은 답"),
    }
    for chat, fault in faults.items():
        lm_stub.reset()
        fault()
        # WHEN a customer asks a delivery question
        assert stack.send(channel_message(chat, "배송비 얼마에요?"))[1]["status"] == "accepted"
        [post] = stack.channel.wait_for_posts(chat, 1, timeout=20)
        stack.wait_idle()
        # THEN exactly one reply, built from the ontology's facts, recorded as a fallback turn
        assert len(stack.channel.posts(chat)) == 1, chat
        assert _delivery_fee() in post.text, (chat, post.text)
        [turn] = stack.history(chat).turns
        assert (turn.mode, turn.handoff) == ("fallback", False), chat
        assert lm_stub.requests, f"{chat}: the LM was never asked"
    assert {e["status"] for e in stack.executions()} == {"SUCCEEDED"}


# --- (b) Channel.io rate limits: one reply, after the wait it asked for ---------------------------


def test_channel_429_with_retry_after_then_200_waits_and_replies_once(make_stack) -> None:
    stack = make_stack(delay=0)
    stack.channel.script(Reply(429, {"retry-after": "1"}), 200)
    stack.send(channel_message("rl-after", "후드 집업 재고 있어요?"))
    stack.channel.wait_for_posts("rl-after", 1)
    stack.wait_idle()
    limited, ok = stack.channel.posts("rl-after", ok_only=False)
    assert (limited.status, ok.status) == (429, 200)
    assert ok.at - limited.at >= 0.95  # Retry-After honoured
    assert len(stack.channel.posts("rl-after")) == 1
    assert [e["status"] for e in stack.executions()] == ["SUCCEEDED"]


def test_channel_429_with_ratelimit_reset_then_200_waits_until_the_reset(make_stack) -> None:
    stack = make_stack(delay=0)
    reset_at = int(time.time()) + 2
    stack.channel.script(Reply(429, {"x-ratelimit-reset": str(reset_at)}), 200)
    stack.send(channel_message("rl-reset", "슬랙스 사이즈 추천해 주세요"))
    stack.channel.wait_for_posts("rl-reset", 1)
    stack.wait_idle()
    limited, ok = stack.channel.posts("rl-reset", ok_only=False)
    assert limited.status == 429 and ok.at >= reset_at - 0.05  # x-ratelimit-reset honoured
    assert ok.at - limited.at <= 10.5  # and bounded by the client's max wait
    assert len(stack.channel.posts("rl-reset")) == 1


# --- (c) Channel.io rejects our keys: no retry storm, flagged for a human, an ERROR that says why ---


def test_channel_401_is_a_configuration_error_flagged_for_a_human(make_stack, caplog) -> None:
    stack = make_stack(delay=0, CHANNEL_ACCESS_KEY="revoked-key")
    caplog.set_level(logging.INFO)
    stack.send(channel_message("unauth", "주문 취소하고 싶어요"))
    stack.wait_idle(timeout=20)
    calls = stack.channel.posts("unauth", ok_only=False)
    # one attempt by the turn, one by the Catch path: no retries of a request that cannot succeed
    assert [c.status for c in calls] == [401, 401]
    state = stack.store.get("unauth")
    assert state is not None and state.needs_human and state.human_until > time.time()
    assert [e["status"] for e in stack.executions()] == ["FAILED"]  # visible to operators
    errors = [r.getMessage() + " " + str(getattr(r, "detail", "")) for r in caplog.records
              if r.levelno >= logging.ERROR]
    assert any("CHANNEL_ACCESS_KEY" in e for e in errors), errors
    # and the bot stays quiet in that chat until a person takes it
    assert stack.send(channel_message("unauth", "여보세요"))[1]["status"] == "human_handled"


# --- (d) AWS fails during the webhook: 503 with a reason; Channel.io's redelivery is answered once ---


def test_dynamodb_unreachable_is_503_and_the_redelivery_is_answered(make_stack) -> None:
    stack = make_stack(delay=0)
    message = channel_message("ddb-down", "린넨 셔츠 가격 얼마예요?", message_id="m-ddb-down")
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{_closed_port()}"
    reset_settings()
    try:
        status, body = stack.send(message)
    finally:
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        reset_settings()
    assert status == 503 and body["error"]
    status, body = stack.send(message)  # Channel.io retries the webhook
    assert (status, body["status"]) == (200, "accepted")
    stack.channel.wait_for_posts("ddb-down", 1)
    stack.wait_idle()
    assert len(stack.channel.posts("ddb-down")) == 1


def test_step_functions_failure_is_503_and_the_redelivery_is_not_a_duplicate(make_stack) -> None:
    # GIVEN the message is buffered but its execution cannot be started
    stack = make_stack(delay=0)
    message = channel_message("sfn-down", "와이드 슬랙스 재고 있어요?", message_id="m-sfn-down")
    arn = os.environ["STATE_MACHINE_ARN"]
    os.environ["STATE_MACHINE_ARN"] = arn + "-deleted"
    reset_settings()
    try:
        status, body = stack.send(message)
    finally:
        os.environ["STATE_MACHINE_ARN"] = arn
        reset_settings()
    assert status == 503 and body["error"]
    # WHEN Channel.io redelivers the same webhook
    status, body = stack.send(message)
    # THEN it is scheduled (not dropped as a duplicate) and answered once, for the one message
    assert (status, body["status"]) == (200, "accepted")
    stack.channel.wait_for_posts("sfn-down", 1)
    stack.wait_idle()
    assert len(stack.channel.posts("sfn-down")) == 1
    [turn] = stack.history("sfn-down").turns
    assert turn.user == "와이드 슬랙스 재고 있어요?"


# --- (e, f) processing itself fails: Retry, then the Catch path hands off ------------------------


def _assert_handed_off(stack, chat: str) -> None:  # noqa: ANN001
    [post] = stack.channel.wait_for_posts(chat, 1, timeout=30)
    stack.wait_idle()
    assert post.text == FALLBACK_LINE
    assert len(stack.channel.posts(chat)) == 1
    assert [i.query["managerIds"] for i in stack.channel.invites(chat)] == [["manager-1"]]
    state = stack.store.get(chat)
    assert state is not None and state.human_until > time.time() and state.pending == ()
    assert [e["status"] for e in stack.executions()] == ["SUCCEEDED"]


def test_ontology_that_fails_to_load_hands_the_chat_off(make_stack, tmp_path: Path) -> None:
    broken = tmp_path / "broken.owl"
    broken.write_text("<rdf:RDF this is not xml", encoding="utf-8")
    stack = make_stack(delay=0, ONTOLOGY_PATH=str(broken))
    stack.send(channel_message("onto-broken", "옥스포드 셔츠 재고 있나요?"))
    _assert_handed_off(stack, "onto-broken")
    # a direct invoke reports the failure in its response instead of crashing the caller
    import lambda_function

    direct = lambda_function.handler({"type": "message", "dryRun": True, "entity": {
        "chatId": "onto-direct", "plainText": "배송비 얼마예요?", "personType": "user"}}, None)
    assert direct["outcome"] == "failed" and direct["error"]


def test_pipeline_that_cannot_be_built_hands_the_chat_off(make_stack) -> None:
    # An LM endpoint that is not a URL makes building the pipeline raise on every turn.
    stack = make_stack(delay=0, LM_API_BASE="ftp://nowhere")
    stack.send(channel_message("pipe-crash", "배송 언제 와요?"))
    _assert_handed_off(stack, "pipe-crash")


def test_dynamodb_lost_during_processing_still_tells_the_customer(make_stack) -> None:
    # GIVEN an accepted message, and DynamoDB becoming unreachable before its turn runs
    stack = make_stack(delay=1)
    assert stack.send(channel_message("ddb-lost", "환불 언제 되나요?"))[1]["status"] == "accepted"
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{_closed_port()}"
    reset_settings()  # the handler's next invocation builds its clients against the dead endpoint
    try:
        # WHEN the turn and its retries fail, and the Catch path cannot read the chat either
        [post] = stack.channel.wait_for_posts("ddb-lost", 1, timeout=40)
    finally:
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        reset_settings()
    stack.wait_idle()
    # THEN the customer still gets the handoff line and the managers are invited, once
    assert post.text == FALLBACK_LINE and len(stack.channel.posts("ddb-lost")) == 1
    assert len(stack.channel.invites("ddb-lost")) == 1
    assert [e["status"] for e in stack.executions()] == ["SUCCEEDED"]


def test_unset_state_machine_is_503_misconfigured(make_stack) -> None:
    stack = make_stack(delay=0, STATE_MACHINE_ARN="")
    status, body = stack.send(channel_message("no-sfn", "배송비 얼마예요?"))
    assert status == 503 and "misconfigured" in body["error"]
    assert stack.store.get("no-sfn") is None  # nothing buffered that no execution would answer
