"""ChatStore against a real moto DynamoDB: dedupe, versions, leases, clearing exactly what was answered."""

from __future__ import annotations

import time
import uuid

import boto3
import pytest

from core.chat.chat_state import (
    MAX_PENDING,
    ChatState,
    ChatStore,
    HumanTookOverError,
    LeaseLostError,
    PendingMessage,
    Posting,
    create_table,
    key_part,
)


@pytest.fixture()
def store(moto_server) -> ChatStore:
    client = boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)
    name = f"chats-{uuid.uuid4().hex[:8]}"
    create_table(name, client=client)
    return ChatStore(name, client=client, history_turns=3, history_ttl_days=30)


def _msg(i: int, text: str | None = None) -> PendingMessage:
    return PendingMessage(id=f"m{i}", text=text or f"메시지 {i}", at=1_000 + i)


def _posting(state: ChatState, answered: list[str], user: str = "q", reply: str = "a", attempt: str = "t1") -> Posting:
    now = time.time()
    return Posting(attempt=attempt, version=state.lease_version or state.version, at=now, until=now + 45,
                   reply=reply, answered=tuple(answered), user=user)


def _answer(store: ChatStore, chat: str, owner: str, state: ChatState, answered: list[str], user: str = "q",
            reply: str = "a", posted_id: str | None = None) -> ChatState | None:
    posting = _posting(state, answered, user, reply, attempt=f"{owner}-{state.version}")
    store.begin_posting(chat, owner, posting)
    return store.complete_turn(chat, state, posting, posted_id)


def test_append_dedupes_and_bumps_version(store: ChatStore) -> None:
    assert store.append_message("c", _msg(1)).version == 1
    assert store.append_message("c", _msg(1)).status == "duplicate"
    assert store.append_message("c", _msg(2)).version == 2
    state = store.get("c")
    assert state is not None
    assert [m.id for m in state.pending] == ["m1", "m2"]


def test_lease_is_exclusive_and_version_checked(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    assert store.acquire_lease("c", 1, "a", 60).status == "acquired"
    assert store.acquire_lease("c", 1, "b", 60).status == "busy"
    store.release_lease("c", "a")
    store.append_message("c", _msg(2))
    assert store.acquire_lease("c", 1, "b", 60).status == "stale"
    assert store.acquire_lease("missing-chat", 1, "b", 60).status == "missing"


def test_expired_lease_can_be_taken_over(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    assert store.acquire_lease("c", 1, "a", 0).status == "acquired"  # expires at once
    assert store.acquire_lease("c", 1, "b", 60).status == "acquired"


def test_complete_turn_keeps_a_message_that_arrived_meanwhile(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    lease = store.acquire_lease("c", 1, "a", 60)
    assert lease.state is not None
    store.append_message("c", _msg(2))  # arrives while "a" is answering m1
    after = _answer(store, "c", "a", lease.state, ["m1"], "메시지 1", "답")
    assert after is not None and [m.id for m in after.pending] == ["m2"]
    state = store.get("c")
    assert state is not None and state.version == 2 and state.lease_owner is None
    assert [m.id for m in state.pending] == ["m2"]


def test_posting_after_losing_the_lease_raises(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    lease = store.acquire_lease("c", 1, "a", 0)
    assert lease.state is not None
    store.acquire_lease("c", 1, "b", 60)
    with pytest.raises(LeaseLostError):
        store.begin_posting("c", "a", _posting(lease.state, ["m1"]))


def test_posting_is_refused_once_a_manager_wrote(store: ChatStore) -> None:
    # GIVEN a turn that holds the lease and a manager who writes before the bot posts
    store.append_message("c", _msg(1))
    lease = store.acquire_lease("c", 1, "a", 60)
    assert lease.state is not None
    store.mark_human("c", 30)
    # THEN the posting record cannot be written: the reply is dropped
    with pytest.raises(HumanTookOverError):
        store.begin_posting("c", "a", _posting(lease.state, ["m1"]))
    state = store.get("c")
    assert state is not None and state.posting is None


def test_posting_record_survives_until_the_turn_is_completed_once(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    lease = store.acquire_lease("c", 1, "a", 60)
    assert lease.state is not None
    posting = _posting(lease.state, ["m1"], reply="답장")
    store.begin_posting("c", "a", posting)
    with pytest.raises(LeaseLostError):  # one posting record at a time
        store.begin_posting("c", "a", _posting(lease.state, ["m1"], attempt="t2"))
    kept = store.get("c")
    assert kept is not None and kept.posting is not None  # everything needed to finish the turn is in the item
    assert (kept.posting.attempt, kept.posting.reply, kept.posting.answered) == ("t1", "답장", ("m1",))
    assert kept.posting.at == pytest.approx(posting.at, abs=0.01)
    assert store.complete_turn("c", lease.state, posting, "channel-msg-1") is not None
    assert store.complete_turn("c", lease.state, posting, "channel-msg-1") is None  # a second completion is a no-op
    done = store.get("c")
    assert done is not None and done.posting is None and done.pending == () and done.posted_ids == ("channel-msg-1",)
    assert [t.reply for t in done.history] == ["답장"]


def test_history_is_bounded_ordered_and_expires(store: ChatStore) -> None:
    for i in range(1, 6):
        store.append_message("c", _msg(i))
        lease = store.acquire_lease("c", i, "a", 60)
        assert lease.state is not None
        _answer(store, "c", "a", lease.state, [f"m{i}"], f"q{i}", f"a{i}")
    history = store.history("c")
    assert [t.user for t in history.turns] == ["q3", "q4", "q5"]
    assert history.messages()[:2] == [{"role": "user", "text": "q3"}, {"role": "assistant", "text": "a3"}]
    item = store.client.get_item(TableName=store.table_name, Key={"pk": {"S": "CHAT#c"}, "sk": {"S": "STATE"}})["Item"]
    assert len(item["history"]["L"]) == 3  # older turns dropped from the item, not just hidden
    assert int(item["ttl"]["N"]) >= time.time() + 29 * 86400
    later = ChatStore(store.table_name, client=store.client, history_turns=3, history_ttl_days=30,
                      clock=lambda: time.time() + 31 * 86400)
    assert later.history("c").turns == ()  # older than HISTORY_TTL_DAYS: not given to the pipeline


def test_a_flood_is_merged_into_the_newest_entry_never_dropped(store: ChatStore) -> None:
    for i in range(MAX_PENDING):
        assert store.append_message("flood", _msg(i)).status == "accepted"
    # WHEN more messages arrive than the buffer holds
    for i in range(MAX_PENDING, MAX_PENDING + 5):
        result = store.append_message("flood", _msg(i, f"넘친 메시지 {i}"))
        assert (result.status, result.merged, result.version) == ("accepted", True, i + 1)
    # THEN every text is kept: the newest entry carries the overflow, under the newest id
    state = store.get("flood")
    assert state is not None and len(state.pending) == MAX_PENDING
    last = state.pending[-1]
    assert last.id == f"m{MAX_PENDING + 4}" and last.n == 6
    assert all(f"넘친 메시지 {i}" in last.text for i in range(MAX_PENDING, MAX_PENDING + 5))
    assert store.append_message("flood", _msg(MAX_PENDING + 1)).status == "duplicate"  # redelivery still deduped


def test_huge_and_odd_ids_become_hashed_keys(store: ChatStore) -> None:
    chat, message = "채팅" * 100, "𝕏" * 256  # 1,024 bytes of message id: over the sort-key limit as it is
    assert key_part("6650f0aa11") == "6650f0aa11" and key_part(message).startswith("h:")
    assert store.append_message(chat, PendingMessage(id=message, text="안녕하세요", at=1)).status == "accepted"
    assert store.append_message(chat, PendingMessage(id=message, text="안녕하세요", at=1)).status == "duplicate"
    state = store.get(chat)
    assert state is not None and [m.id for m in state.pending] == [key_part(message)]


def test_epoch_is_set_once(store: ChatStore) -> None:
    first = store.append_message("c", _msg(1))
    second = store.append_message("c", _msg(2))
    assert first.epoch > 0 and first.epoch == second.epoch
    assert store.mark_human("c", 5).epoch == first.epoch


def test_human_handled_chat_refuses_messages_and_leases(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    assert store.mark_human("c", minutes=30).version == 2
    assert store.append_message("c", _msg(2)).status == "human_handled"
    state = store.get("c")
    assert state is not None and state.pending == ()
    assert store.acquire_lease("c", 2, "a", 60).status == "human_handled"
