"""ChannelClient against the loopback Channel.io server: retries, rate-limit headers, typed errors."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from core.chat.channel_api import (
    CLOCK_SKEW_SECONDS,
    ChannelClient,
    ChannelConfigError,
    ChannelRequestError,
    ChannelUnavailableError,
)
from core.deadline import Deadline
from devstack.channel_server import ACCESS_KEY, ACCESS_SECRET, ChannelServer, Reply


@pytest.fixture()
def server() -> Iterator[ChannelServer]:
    srv = ChannelServer().start()
    yield srv
    srv.stop()


class Sleeps:
    """Records the waits instead of sleeping (the client takes `sleep` like any injected clock)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _client(server: ChannelServer, sleep: Sleeps, **kw) -> ChannelClient:
    return ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=2.0, sleep=sleep, **kw)


def test_send_message_posts_blocks_with_bot_name_and_request_id(server: ChannelServer) -> None:
    out = _client(server, Sleeps()).send_message("chat-1", "안녕하세요 고객님", request_id="turn-attempt-1")
    [post] = server.posts("chat-1")
    assert out.id == post.message_id and not out.found
    assert post.query["botName"] == ["조군샵"]
    assert post.body == {"blocks": [{"type": "text", "value": "안녕하세요 고객님"}], "requestId": "turn-attempt-1"}


def test_invite_managers_sends_every_id(server: ChannelServer) -> None:
    _client(server, Sleeps()).invite_managers("chat-1", ["m1", "m2"])
    [invite] = server.invites("chat-1")
    assert invite.method == "PATCH"
    assert invite.query["managerIds"] == ["m1", "m2"]


def test_500_then_200_is_retried(server: ChannelServer) -> None:
    server.script(500, 200)
    sleeps = Sleeps()
    _client(server, sleeps).send_message("c", "hi")
    assert [c.status for c in server.posts("c", ok_only=False)] == [500, 200]
    assert len(sleeps.waits) == 1


def test_429_honours_retry_after_and_ratelimit_reset(server: ChannelServer) -> None:
    reset = str(int(time.time()) + 3)
    server.script(Reply(429, {"retry-after": "2"}), Reply(429, {"x-ratelimit-reset": reset}), 200)
    sleeps = Sleeps()
    _client(server, sleeps).send_message("c", "hi")
    assert sleeps.waits[0] == 2.0
    assert 1.5 <= sleeps.waits[1] <= 3.0


def test_wait_is_capped(server: ChannelServer) -> None:
    server.script(Reply(429, {"retry-after": "3600"}), 200)
    sleeps = Sleeps()
    _client(server, sleeps, max_wait_seconds=5).send_message("c", "hi")
    assert sleeps.waits == [5]


def test_persistent_5xx_raises_unavailable(server: ChannelServer) -> None:
    server.fail_always(503)
    with pytest.raises(ChannelUnavailableError) as info:
        _client(server, Sleeps(), max_retries=2).send_message("c", "hi")
    assert info.value.status == 503
    assert len(server.posts("c", ok_only=False)) == 3


def test_401_is_a_config_error_without_retry(server: ChannelServer) -> None:
    client = ChannelClient(server.url, "wrong", "keys", "조군샵", sleep=Sleeps())
    with pytest.raises(ChannelConfigError, match="CHANNEL_ACCESS_KEY"):
        client.send_message("c", "hi")
    assert len(server.calls) == 1


def test_missing_credentials_is_a_config_error(server: ChannelServer) -> None:
    with pytest.raises(ChannelConfigError, match="CHANNEL_ACCESS_SECRET"):
        ChannelClient(server.url, None, None, "조군샵").send_message("c", "hi")
    assert server.calls == []


def test_other_4xx_is_not_retried(server: ChannelServer) -> None:
    server.script(404)
    with pytest.raises(ChannelRequestError):
        _client(server, Sleeps()).send_message("c", "hi")
    assert len(server.calls) == 1


def test_unreachable_server_is_unavailable() -> None:
    sleeps = Sleeps()
    client = ChannelClient("http://127.0.0.1:9", ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=0.5, max_retries=1,
                           sleep=sleeps)
    with pytest.raises(ChannelUnavailableError):
        client.send_message("c", "hi")
    assert len(sleeps.waits) == 1


def test_chat_id_is_escaped_in_the_path(server: ChannelServer) -> None:
    _client(server, Sleeps()).send_message("../../managers", "hi")  # a forged id cannot leave the chat's path
    assert server.calls[0].path == "/open/v5/user-chats/..%2F..%2Fmanagers/messages"


@pytest.mark.parametrize("echo", [True, False], ids=["requestId-kept", "requestId-dropped"])
def test_post_stored_but_answered_too_late_is_not_posted_twice(echo: bool) -> None:
    # GIVEN Channel.io stores the message but answers after the client's timeout
    server = ChannelServer(echo_request_id=echo).start()
    try:
        server.script(Reply(200, delay=1.5))
        client = ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=0.5)
        # WHEN the bot sends its reply
        out = client.send_message("slow-chat", "린넨 셔츠는 31,500원이에요.", request_id="a1", since=time.time())
        # THEN it found its message instead of posting again: the customer sees the reply once
        assert [p.text for p in server.posts("slow-chat")] == ["린넨 셔츠는 31,500원이에요."]
        assert out.found and out.id == server.posts("slow-chat")[0].message_id
    finally:
        server.stop()


def test_post_stored_after_the_client_gave_up_is_not_posted_twice(server: ChannelServer) -> None:
    # GIVEN Channel.io stores the message 1.2 s after the request, long after our 0.4 s timeout
    server.script(Reply(200, store_delay=1.2, delay=0.5))
    client = ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=0.4)
    out = client.send_message("late-chat", "교환 접수해 드렸어요.", request_id="a2", since=time.time())
    # THEN the settle watch saw it land: one message
    assert len(server.posts("late-chat")) == 1 and out.found


def test_post_lost_in_a_timeout_is_posted_again(server: ChannelServer) -> None:
    # GIVEN a first attempt that was never stored (a 503), then a success
    server.script(Reply(503), Reply(200))
    _client(server, Sleeps()).send_message("lost-chat", "확인해 드릴게요.")
    assert len(server.posts("lost-chat")) == 1


def test_an_identical_earlier_reply_is_not_taken_for_this_one(server: ChannelServer) -> None:
    # GIVEN the same reply was posted by an earlier turn
    client = ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=0.5)
    earlier = client.send_message("same-chat", "배송비는 3,000원이에요.", request_id="turn-1")
    time.sleep(CLOCK_SKEW_SECONDS + 0.1)
    # WHEN this turn's post times out without being stored
    server.script(Reply(503, delay=1.0))
    out = client.send_message("same-chat", "배송비는 3,000원이에요.", request_id="turn-2", since=time.time(),
                              earlier_ids={earlier.id or ""})
    # THEN it is posted again: the customer gets this turn's reply too
    assert [p.body["requestId"] for p in server.posts("same-chat")] == ["turn-1", "turn-2"] and not out.found


def test_find_posted_rules(server: ChannelServer) -> None:
    client = ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵")
    before = time.time() - 10
    server.add_message("rules", "배송비는 3,000원이에요.", person_type="user")  # the customer quoting the bot
    assert client.find_posted("rules", "배송비는 3,000원이에요.", "x", before) is None
    sent = client.send_message("rules", "배송비는  3,000원이에요.", request_id="r-1")
    assert client.find_posted("rules", "다른 텍스트", "r-1", before).id == sent.id  # by requestId
    assert client.find_posted("rules", "배송비는 3,000원이에요.", "r-2", before).id == sent.id  # same text, after
    assert client.find_posted("rules", "배송비는 3,000원이에요.", "r-2", before, {sent.id}) is None  # an earlier post
    assert client.find_posted("rules", "배송비는 3,000원이에요.", "r-2", time.time() + 60) is None  # before the record


def test_retries_stop_at_the_turn_deadline(server: ChannelServer) -> None:
    server.fail_always(503, {"retry-after": "5"})
    client = ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=2.0, max_retries=5)
    started = time.monotonic()
    with Deadline.after(1.0).active(), pytest.raises(ChannelUnavailableError):
        client.send_message("c", "hi")
    assert time.monotonic() - started < 1.5 and len(server.posts("c", ok_only=False)) == 1


def test_channel_error_text_is_not_repeated(server: ChannelServer) -> None:
    server.script(404)
    with pytest.raises(ChannelRequestError) as info:
        _client(server, Sleeps()).send_message("c", "hi")
    assert "scripted failure" not in str(info.value)  # Channel.io's message may quote the customer
