"""ChatStore against a real moto DynamoDB: dedupe, versions, leases, clearing exactly what was answered."""

from __future__ import annotations

import time
import uuid

import boto3
import pytest

from core.chat.chat_state import ChatStore, HistoryTurn, LeaseLostError, PendingMessage, create_table


@pytest.fixture()
def store(moto_server) -> ChatStore:
    client = boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)
    name = f"chats-{uuid.uuid4().hex[:8]}"
    create_table(name, client=client)
    return ChatStore(name, client=client, history_turns=3, history_ttl_days=30)


def _msg(i: int, text: str | None = None) -> PendingMessage:
    return PendingMessage(id=f"m{i}", text=text or f"메시지 {i}", at=1_000 + i)


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
    after = store.complete_turn("c", "a", lease.state, ["m1"], HistoryTurn(user="메시지 1", reply="답"))
    assert [m.id for m in after.pending] == ["m2"]
    state = store.get("c")
    assert state is not None and state.version == 2 and state.lease_owner is None
    assert [m.id for m in state.pending] == ["m2"]


def test_complete_turn_after_losing_the_lease_raises(store: ChatStore) -> None:
    store.append_message("c", _msg(1))
    lease = store.acquire_lease("c", 1, "a", 0)
    assert lease.state is not None
    store.acquire_lease("c", 1, "b", 60)
    with pytest.raises(LeaseLostError):
        store.complete_turn("c", "a", lease.state, ["m1"], HistoryTurn(user="x", reply="y"))


def test_history_is_bounded_ordered_and_expires(store: ChatStore) -> None:
    for i in range(1, 6):
        store.append_message("c", _msg(i))
        lease = store.acquire_lease("c", i, "a", 60)
        assert lease.state is not None
        store.complete_turn("c", "a", lease.state, [f"m{i}"], HistoryTurn(user=f"q{i}", reply=f"a{i}"))
    history = store.history("c")
    assert [t.user for t in history.turns] == ["q3", "q4", "q5"]
    assert history.messages()[:2] == [{"role": "user", "text": "q3"}, {"role": "assistant", "text": "a3"}]
    item = store.client.get_item(TableName=store.table_name, Key={"pk": {"S": "CHAT#c"}, "sk": {"S": "STATE"}})["Item"]
    assert len(item["history"]["L"]) == 3  # older turns dropped from the item, not just hidden
    assert int(item["ttl"]["N"]) >= time.time() + 29 * 86400
    later = ChatStore(store.table_name, client=store.client, history_turns=3, history_ttl_days=30,
                      clock=lambda: time.time() + 31 * 86400)
    assert later.history("c").turns == ()  # older than HISTORY_TTL_DAYS: not given to the pipeline


def test_too_many_pending_messages_are_refused(store: ChatStore) -> None:
    from core.chat.chat_state import MAX_PENDING

    for i in range(MAX_PENDING):
        assert store.append_message("flood", _msg(i), dedupe=False).status == "accepted"
    assert store.append_message("flood", _msg(999), dedupe=False).status == "too_many_pending"


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
