"""End to end: Function URL webhook → DynamoDB → Step Functions (moto, really executed) → handler → Channel.io.

Every test drives the function only through its events (webhooks, Lambda invokes) and observes what the
loopback Channel.io server received and what the table holds.
"""

from __future__ import annotations

import threading
import time

from core.chat.flows import FALLBACK_LINE, LeaseBusyError
from core.chat.chat_state import PendingMessage
from devstack.channel_server import Reply
from devstack.channel_events import channel_message, load_event


def test_burst_of_three_messages_becomes_one_reply(make_stack) -> None:
    stack = make_stack(delay=2)
    for text in ("안녕하세요", "옥스포드 셔츠 화이트 M", "재고 있나요?"):
        status, body = stack.send(channel_message("burst", text))
        assert (status, body["status"]) == (200, "accepted")
    stack.channel.wait_for_posts("burst", 1)
    stack.wait_idle()
    assert len(stack.channel.posts("burst")) == 1
    [turn] = stack.history("burst").turns
    assert turn.user == "안녕하세요\n옥스포드 셔츠 화이트 M\n재고 있나요?"
    assert turn.reply == stack.channel.posts("burst")[0].text
    statuses = sorted(e["status"] for e in stack.executions())
    assert statuses == ["ABORTED", "ABORTED", "SUCCEEDED"]  # earlier waits superseded by the newest message


def test_message_arriving_during_processing_is_answered_next_turn(make_stack) -> None:
    stack = make_stack(delay=0)
    stack.channel.script(Reply(200, delay=2.0))  # the first reply takes 2 s to post
    stack.send(channel_message("during", "린넨 셔츠 가격 얼마예요?"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = stack.store.get("during")
        if state is not None and state.lease_owner:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("processing never started")
    status, body = stack.send(channel_message("during", "제주도 배송비도 알려주세요"))
    assert (status, body["status"]) == (200, "accepted")
    stack.channel.wait_for_posts("during", 2, timeout=25)
    stack.wait_idle()
    assert len(stack.channel.posts("during")) == 2
    assert [t.user for t in stack.history("during").turns] == ["린넨 셔츠 가격 얼마예요?", "제주도 배송비도 알려주세요"]
    state = stack.store.get("during")
    assert state is not None and state.pending == () and state.lease_owner is None


def test_duplicate_webhook_gives_one_reply(make_stack) -> None:
    stack = make_stack(delay=0)
    message = channel_message("dup", "와이드 슬랙스 재고 있어요?", message_id="same-id")
    assert stack.send(message)[1]["status"] == "accepted"
    assert stack.send(message)[1]["status"] == "duplicate"
    stack.channel.wait_for_posts("dup", 1)
    stack.wait_idle()
    assert len(stack.channel.posts("dup")) == 1
    assert len(stack.executions()) == 1


def test_manager_message_silences_the_bot(make_stack) -> None:
    stack = make_stack(delay=2)
    stack.send(channel_message("mgr", "교환하고 싶어요"))
    status, body = stack.send(channel_message("mgr", "상담원입니다, 도와드릴게요", person_type="manager"))
    assert (status, body["status"]) == (200, "human_handled")
    status, body = stack.send(channel_message("mgr", "네 감사합니다"))
    assert (status, body["status"]) == (200, "human_handled")
    stack.wait_idle()
    assert stack.channel.posts("mgr") == []
    state = stack.store.get("mgr")
    assert state is not None and state.human_until > time.time() + 700 * 60 and state.pending == ()


def test_bot_echo_team_chat_and_system_messages_are_ignored(make_stack) -> None:
    stack = make_stack(delay=0)
    for name, reason in (("bot_echo", "bot_echo"), ("team_chat", "team_chat"), ("system_log", "system_log")):
        import lambda_function

        response = lambda_function.handler(load_event(name), None)
        assert response["statusCode"] == 200
        assert reason in response["body"]
    assert stack.executions() == []
    assert stack.channel.calls == []


def test_wrong_or_missing_token_is_401(make_stack) -> None:
    stack = make_stack(delay=0)
    import lambda_function

    for name in ("wrong_token", "missing_token"):
        assert lambda_function.handler(load_event(name), None)["statusCode"] == 401
    assert stack.send(channel_message("tok", "안녕하세요"), token="local-webhook-tokeN")[0] == 401
    assert stack.executions() == []


def test_unset_webhook_token_rejects_everything(make_stack) -> None:
    stack = make_stack(delay=0, CHANNEL_WEBHOOK_TOKEN="")
    assert stack.send(channel_message("tok", "안녕하세요"), token="")[0] == 401


def test_malformed_requests_are_4xx_never_500(make_stack) -> None:
    stack = make_stack(delay=0)
    import lambda_function

    assert lambda_function.handler(load_event("malformed"), None)["statusCode"] == 400
    assert lambda_function.handler(load_event("missing_chat_id"), None)["statusCode"] == 400
    assert lambda_function.handler(load_event("health"), None)["statusCode"] == 200
    for body in ("null", "true", "[]", "{}", '{"type": 1, "entity": []}', "\ud800", "{" * 5000):
        assert stack.send(body)[0] == 400, body
    assert stack.send("x" * 300_000)[0] == 413
    event = load_event("webhook_function_url")
    event["requestContext"]["http"]["method"] = "GET"
    assert lambda_function.handler(event, None)["statusCode"] == 405
    event = load_event("webhook_function_url")
    event["rawPath"] = "/admin"
    assert lambda_function.handler(event, None)["statusCode"] == 404
    assert stack.executions() == []


def test_channel_500_then_200_gives_one_reply(make_stack) -> None:
    stack = make_stack(delay=0)
    stack.channel.script(500, 200)
    stack.send(channel_message("retry", "맨투맨 사이즈 추천해 주세요"))
    stack.channel.wait_for_posts("retry", 1)
    stack.wait_idle()
    assert [c.status for c in stack.channel.posts("retry", ok_only=False)] == [500, 200]
    assert len(stack.channel.posts("retry")) == 1
    assert [e["status"] for e in stack.executions()] == ["SUCCEEDED"]


def test_channel_failing_every_turn_attempt_runs_the_catch_path_handoff(make_stack) -> None:
    stack = make_stack(delay=0)
    # 3 Task attempts (1 + 2 Retry) x 4 client tries each, all 503: then Channel.io recovers.
    stack.channel.script(*[Reply(503, {"retry-after": "0"})] * 12)
    stack.send(channel_message("catch", "환불 언제 되나요?"))
    [post] = stack.channel.wait_for_posts("catch", 1, timeout=30)
    stack.wait_idle()
    assert post.text == FALLBACK_LINE
    assert len(stack.channel.posts("catch", ok_only=False)) == 13
    [invite] = stack.channel.invites("catch")
    assert invite.query["managerIds"] == ["manager-1"]
    state = stack.store.get("catch")
    assert state is not None and state.human_until > time.time() and not state.needs_human
    assert [e["status"] for e in stack.executions()] == ["SUCCEEDED"]
    assert stack.send(channel_message("catch", "여보세요?"))[1]["status"] == "human_handled"


def test_channel_down_for_good_flags_the_chat_for_a_human(make_stack) -> None:
    stack = make_stack(delay=0)
    stack.channel.fail_always(503, {"retry-after": "0"})
    stack.send(channel_message("down", "주문 취소해 주세요"))
    stack.wait_idle(timeout=40)
    assert stack.channel.posts("down") == []
    state = stack.store.get("down")
    assert state is not None and state.needs_human and state.human_until > time.time()
    assert [e["status"] for e in stack.executions()] == ["FAILED"]  # visible to operators, never silent


def test_two_concurrent_process_chat_for_one_version_give_one_reply(make_stack) -> None:
    stack = make_stack(delay=0)
    import lambda_function

    stack.store.append_message("race", PendingMessage(id="m1", text="후드 집업 재고 있어요?", at=1))
    stack.channel.script(Reply(200, delay=2.0))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        barrier.wait()
        try:
            outcomes.append(lambda_function.handler({"action": "process_chat", "chatId": "race", "version": 1},
                                                    None)["outcome"])
        except LeaseBusyError:
            outcomes.append("busy")

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    # one answers; the other finds the lease taken (or, if it was scheduled very late, nothing left). moto's server
    # may let two conditional writes of one item pass together under load (real DynamoDB does not): then both hold a
    # "lease" and the later one fails at `begin_posting` (lease_lost) — still one reply, which is what this pins
    assert sorted(outcomes)[0] == "answered" and sorted(outcomes)[1] in {"busy", "nothing_pending", "lease_lost"}
    assert len(stack.channel.posts("race")) == 1
    # the state machine's retry of the busy one later finds nothing left to answer
    assert lambda_function.handler({"action": "process_chat", "chatId": "race", "version": 1}, None)["outcome"] \
        == "nothing_pending"


def test_direct_invoke_with_a_real_chat_posts_and_dry_run_does_not(make_stack) -> None:
    stack = make_stack(delay=0)
    import lambda_function

    dry = lambda_function.handler(load_event("dry_run_message"), None)
    assert dry["outcome"] == "answered" and dry["dryRun"] and not dry["posted"]
    live = lambda_function.handler(channel_message("direct", "배송비 얼마예요?"), None)
    assert live["posted"] and live["reply"]
    assert [p.text for p in stack.channel.posts("direct")] == [live["reply"]]
    assert stack.channel.posts("6650f0aa11") == []


def test_invalid_state_machine_events_do_not_raise(make_stack) -> None:
    make_stack(delay=0)
    import lambda_function

    assert lambda_function.handler({"action": "process_chat"}, None)["outcome"] == "invalid_event"
    assert lambda_function.handler({"action": "process_chat", "chatId": "nope", "version": 3}, None)["outcome"] \
        == "missing"
    assert lambda_function.handler({"action": "launch"}, None)["outcome"] == "invalid_event"
    assert lambda_function.handler([1, 2], None)["outcome"] == "invalid_event"
