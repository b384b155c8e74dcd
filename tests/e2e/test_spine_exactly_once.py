"""Exactly one reply per customer turn, end to end, whatever dies or stalls and when.

Local stack as in test_spine_flows (moto executing statemachine.json, the handler as the Task, loopback
Channel.io and OpenAI-compatible servers). Faults come from the servers (a post stored but never
answered, stored after the client gave up, an LM that trickles bytes), from a real process killed with
SIGKILL, and from adapters passed in (a ChatStore whose clock stands after the lease): never from
patching our code.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from core.chat.channel_api import ChannelClient
from core.chat.chat_state import ChatStore, PendingMessage
from core.chat.flows import TurnProcessor
from core.config import PROJECT_ROOT, get_settings
from devstack.channel_events import channel_message
from devstack.channel_server import Reply
from devstack.openai_stub_server import OpenAIStubServer


@pytest.fixture()
def lm_stub() -> Iterator[OpenAIStubServer]:
    with OpenAIStubServer() as server:
        yield server


def _after_the_lease(stack) -> TurnProcessor:  # noqa: ANN001
    """The state machine's retry as it runs once the dead attempt's lease has expired (its clock is later)."""
    import importlib

    settings = get_settings()

    def later() -> float:
        return time.time() + settings.turn_deadline_seconds + 60

    store = ChatStore(stack.local.table_name, client=stack.local.client("dynamodb"), history_turns=10, clock=later)
    pipeline = importlib.import_module("agent.pipeline").get_pipeline(settings)
    return TurnProcessor(store=store, channel=lambda: ChannelClient.from_settings(settings), pipeline=lambda: pipeline,
                         turn_deadline_seconds=settings.turn_deadline_seconds, post_reserve_seconds=3, clock=later)


def _process_in_a_process(chat: str) -> subprocess.Popen:
    """`process_chat` for version 1 of `chat` in a separate Python process (the function, to be killed)."""
    event = json.dumps({"action": "process_chat", "chatId": chat, "version": 1})
    code = "import json, sys, lambda_function; lambda_function.handler(json.loads(sys.argv[1]), None)"
    return subprocess.Popen([sys.executable, "-c", code, event], cwd=PROJECT_ROOT, env=dict(os.environ),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)  # no cleanup at all, like a crashed or timed-out Lambda
    proc.wait(10)


@pytest.mark.parametrize("echo", [True, False], ids=["requestId-kept", "requestId-dropped"])
def test_function_killed_after_channel_stored_the_reply_is_not_answered_twice(make_stack, echo: bool) -> None:
    # GIVEN a pending message, and a Channel.io that stores the reply but holds its answer
    stack = make_stack(delay=0)
    stack.channel.echo_request_id = echo
    chat = f"killed-{echo}"
    stack.store.append_message(chat, PendingMessage(id="m1", text="린넨 셔츠 가격 얼마예요?", at=1))
    stack.channel.script(Reply(200, delay=30))
    # WHEN the function is killed after Channel.io stored the reply
    proc = _process_in_a_process(chat)
    try:
        assert len(stack.channel.wait_for_posts(chat, 1, timeout=60)) == 1
    finally:
        _kill(proc)
    killed_state = stack.store.get(chat)
    assert killed_state is not None and killed_state.posting is not None and killed_state.history == ()
    # AND the state machine retries once the lease has expired
    result = _after_the_lease(stack).process(chat, 1, owner="retry")
    # THEN the retry finds the stored reply and records the turn: the customer has one message
    assert result.outcome == "recovered", result
    assert len(stack.channel.posts(chat)) == 1  # nothing posted by the retry
    state = stack.store.get(chat)
    assert state is not None and state.posting is None and state.pending == () and len(state.history) == 1
    assert state.posted_ids and state.history[0].reply == killed_state.posting.reply


def test_function_killed_before_the_post_landed_posts_the_recorded_reply_once(make_stack) -> None:
    # GIVEN a Channel.io that never stores the first post (a 503 held for 30 s) and a function killed meanwhile
    stack = make_stack(delay=0)
    chat = "killed-before"
    stack.store.append_message(chat, PendingMessage(id="m1", text="배송비 얼마예요?", at=1))
    stack.channel.script(Reply(503, delay=30))
    proc = _process_in_a_process(chat)
    try:
        deadline = time.monotonic() + 60
        while not stack.channel.posts(chat, ok_only=False) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        _kill(proc)
    recorded = stack.store.get(chat)
    assert recorded is not None and recorded.posting is not None
    stack.channel.reset()
    # WHEN the retry runs after the lease
    result = _after_the_lease(stack).process(chat, 1, owner="retry")
    # THEN the recorded reply is posted, once, with the same requestId
    assert result.outcome == "answered"
    [post] = stack.channel.posts(chat)
    assert post.text == recorded.posting.reply and post.body["requestId"] == recorded.posting.attempt


def test_channel_storing_after_the_client_timed_out_gives_one_reply(make_stack) -> None:
    # GIVEN Channel.io stores the post 1.5 s after it arrived, and our client gives up after 1 s
    stack = make_stack(delay=0, CHANNEL_TIMEOUT_SECONDS="1")
    stack.channel.script(Reply(200, store_delay=1.5, delay=1.0))
    stack.send(channel_message("late-store", "후드 집업 재고 있어요?"))
    stack.channel.wait_for_posts("late-store", 1, timeout=20)
    stack.wait_idle()
    time.sleep(1.0)  # anything posted twice would have landed by now
    # THEN one message, and the turn is recorded once
    assert len(stack.channel.posts("late-store")) == 1
    assert len(stack.history("late-store").turns) == 1
    assert [e["status"] for e in stack.executions()] == ["SUCCEEDED"]


def test_repeated_identical_answer_whose_post_failed_is_still_delivered_once(make_stack) -> None:
    # GIVEN an earlier turn whose reply the next turn repeats word for word
    stack = make_stack(delay=0, CHANNEL_TIMEOUT_SECONDS="1")
    stack.send(channel_message("repeat", "배송비 얼마예요?"))
    [first] = stack.channel.wait_for_posts("repeat", 1)
    stack.wait_idle()
    # WHEN the same question's reply times out without being stored, then Channel.io recovers
    stack.channel.script(Reply(503, delay=2.0))
    stack.send(channel_message("repeat", "배송비 얼마예요?"))
    posts = stack.channel.wait_for_posts("repeat", 2, timeout=30)
    stack.wait_idle()
    # THEN the customer gets the repeated answer exactly once more (not taken for the earlier one)
    assert [p.text for p in posts] == [first.text, first.text]
    assert len(stack.channel.posts("repeat")) == 2
    assert len(stack.history("repeat").turns) == 2


def test_manager_writing_while_the_bot_answers_wins(make_stack, lm_stub: OpenAIStubServer, tmp_path) -> None:  # noqa: ANN001
    # GIVEN a turn whose LM takes 3 s to answer
    stack = make_stack(delay=0, LM_API_BASE=lm_stub.base_url, LM_MODEL="stub-model", LM_TIMEOUT_SECONDS="10",
                       COMPILED_PROGRAM_PATH=str(tmp_path / "none.json"))
    lm_stub.push("[[ ## reply ## ]]\n늦은 답\n\n[[ ## completed ## ]]", delay=3.0)
    stack.send(channel_message("mid-turn", "배송비 얼마예요?"))
    deadline = time.monotonic() + 20
    while not lm_stub.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lm_stub.requests, "the turn never reached the LM"
    # WHEN a manager writes while the bot is still waiting for the LM
    assert stack.send(channel_message("mid-turn", "상담원입니다", person_type="manager"))[1]["status"] == "human_handled"
    stack.wait_idle(timeout=30)
    # THEN the bot's reply is dropped: the manager owns the chat
    assert stack.channel.posts("mid-turn") == []
    state = stack.store.get("mid-turn")
    assert state is not None and state.posting is None and state.lease_owner is None and state.history == ()


def test_trickling_lm_is_cut_at_the_turn_deadline(make_stack, lm_stub: OpenAIStubServer, tmp_path) -> None:  # noqa: ANN001
    # GIVEN an LM server that sends a byte every 0.5 s forever (per-read timeouts never fire)
    stack = make_stack(delay=0, LM_API_BASE=lm_stub.base_url, LM_MODEL="stub-model", LM_TIMEOUT_SECONDS="1",
                       TURN_DEADLINE_SECONDS="8", COMPILED_PROGRAM_PATH=str(tmp_path / "none.json"))
    for _ in range(3):
        lm_stub.push(trickle=0.5)
    stack.store.append_message("trickle", PendingMessage(id="m1", text="배송비 얼마예요?", at=1))
    import lambda_function

    started = time.monotonic()
    result = lambda_function.handler({"action": "process_chat", "chatId": "trickle", "version": 1}, None)
    took = time.monotonic() - started
    # THEN the turn ends within its deadline, answered from the grounded template
    assert took < 8.0, took
    assert (result["outcome"], result["mode"]) == ("answered", "fallback")
    assert len(stack.channel.posts("trickle")) == 1 and lm_stub.requests
