"""Input edges and the customer's identity, end to end on the local stack.

Ids over DynamoDB's key limits and invalid Unicode are stored (hashed keys, U+FFFD) and answered, not
answered with a 503 that Channel.io would redeliver forever; a flood keeps every message and is answered
once; a wrong token is 401 whatever the body; the customer named by `refers.user` is kept as salted
hashes only and reaches the pipeline, and the pipeline's `customer_state` is stored back.
"""

from __future__ import annotations

import base64
import importlib
import json

from core.chat.channel_api import ChannelClient
from core.chat.chat_state import MAX_PENDING, ChatStore, key_part
from core.chat.customer import customer_hash
from core.identity import fingerprint
from core.chat.flows import TurnProcessor
from core.config import get_settings
from devstack.channel_events import channel_message, function_url_event

SALT = "edge-test-salt-0123456789abcdef"


def test_an_id_over_the_key_limits_and_invalid_unicode_are_answered(make_stack) -> None:
    stack = make_stack(delay=0)
    long_id = "𝕏" * 256  # 1,024 bytes: with the MSG# prefix over DynamoDB's sort-key limit
    status, body = stack.send(channel_message("edge-long-id", "배송비 얼마예요?", message_id=long_id))
    assert (status, body["status"]) == (200, "accepted")
    assert stack.send(channel_message("edge-long-id", "배송비 얼마예요?", message_id=long_id))[1]["status"] \
        == "duplicate"
    raw = json.dumps(channel_message("edge-surrogate", "배송비 얼마예요? \ud800"), ensure_ascii=True)
    status, body = stack.send(raw)
    assert (status, body["status"]) == (200, "accepted")
    stack.channel.wait_for_posts("edge-long-id", 1)
    stack.channel.wait_for_posts("edge-surrogate", 1)
    stack.wait_idle()
    assert len(stack.channel.posts("edge-long-id")) == 1 and len(stack.channel.posts("edge-surrogate")) == 1
    [turn] = stack.history("edge-surrogate").turns
    assert turn.user == "배송비 얼마예요? \ufffd"


def test_the_token_is_checked_before_anything_about_the_body(make_stack) -> None:
    stack = make_stack(delay=0)
    for body, base64_encoded in (("!!not base64!!", True), ("x" * 300_000, False), ("QUFB" * 100_000, True),
                                 ("{not json", False)):
        event = function_url_event(body, token="wrong")
        event["isBase64Encoded"] = base64_encoded
        import lambda_function

        assert lambda_function.handler(event, None)["statusCode"] == 401, body[:20]
    good = function_url_event(base64.b64encode(b"\xff\xfe").decode())
    good["isBase64Encoded"] = True
    import lambda_function

    assert lambda_function.handler(good, None)["statusCode"] == 400


def test_a_flood_is_answered_once_and_nothing_is_dropped(make_stack) -> None:
    # GIVEN more messages inside one reply delay than the buffer holds
    stack = make_stack(delay=3)
    statuses = [stack.send(channel_message("flood", f"질문 {i}번: 배송비 얼마예요?"))[1]["status"]
                for i in range(MAX_PENDING + 8)]
    # THEN every one is accepted, and one turn answers all of them with one reply
    assert statuses == ["accepted"] * (MAX_PENDING + 8)
    stack.channel.wait_for_posts("flood", 1, timeout=40)
    stack.wait_idle(timeout=60)
    assert len(stack.channel.posts("flood")) == 1
    [turn] = stack.history("flood").turns
    assert f"질문 {MAX_PENDING + 7}번" in turn.user and "질문 0번" in turn.user
    state = stack.store.get("flood")
    assert state is not None and state.pending == ()


class RecordingPipeline:
    """The real pipeline, with what the spine passed recorded and a customer state handed back (an adapter)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.customers: list[dict | None] = []

    def answer(self, messages: list[str], history: list[dict] | None = None, now: object = None,
               customer: dict | None = None) -> object:
        self.customers.append(customer)
        result = self.inner.answer(messages, history=history, now=now, customer=customer)  # type: ignore[attr-defined]
        seen = (customer or {}).get("state", {}).get("turns", 0)
        return result.model_copy(update={"customer_state": {"turns": seen + 1, "verified": ["9c4e1d0b7a2f3e58"]}})


def test_customer_identity_is_kept_as_salted_hashes_and_reaches_the_pipeline(make_stack) -> None:
    stack = make_stack(delay=0, CUSTOMER_HASH_SALT=SALT)
    message = channel_message("customer", "주문 확인해 주세요")
    message["refers"] = {"user": {"id": message["entity"]["personId"], "memberId": "shop-member-42",
                                  "profile": {"mobileNumber": "+82 10-2345-6789", "name": "김민수"}}}
    from core.chat.flows import accept_customer_message
    from core.chat.scheduler import ReplyScheduler
    from core.chat.webhook import classify, parse_envelope

    incoming = classify(parse_envelope(message))
    settings = get_settings()

    class NoSchedule(ReplyScheduler):
        def __init__(self) -> None:  # the turn is driven by the test, not by Step Functions
            pass

        def schedule(self, *args: object, **kwargs: object) -> str:
            return "scheduled-by-test"

        def cancel(self, *args: object, **kwargs: object) -> bool:
            return False

    assert accept_customer_message(incoming, stack.store, NoSchedule(), 0, customer_salt=SALT).outcome == "accepted"
    item = stack.local.client("dynamodb").get_item(TableName=stack.local.table_name,
                                                   Key={"pk": {"S": "CHAT#customer"}, "sk": {"S": "STATE"}})["Item"]
    stored = {k: v["S"] for k, v in item["customer"]["M"].items()}
    # salted hashes of the fingerprints the shop's orders carry (core.identity), so the pipeline can compare
    assert stored == {"member_hash": customer_hash(SALT, "member", fingerprint("member", "shop-member-42")),
                      "phone_hash": customer_hash(SALT, "phone", fingerprint("phone", "01023456789")),
                      "phone_last4_hash": customer_hash(SALT, "phone_last4", fingerprint("phone_last4", "6789"))}
    assert "shop-member-42" not in json.dumps(item, ensure_ascii=False) and "2345-6789" not in json.dumps(item)

    pipeline = RecordingPipeline(importlib.import_module("agent.pipeline").get_pipeline(settings))
    processor = TurnProcessor(store=ChatStore(stack.local.table_name, client=stack.local.client("dynamodb")),
                              channel=lambda: ChannelClient.from_settings(settings), pipeline=lambda: pipeline,
                              turn_deadline_seconds=settings.turn_deadline_seconds, post_reserve_seconds=5)
    assert processor.process("customer", 1, owner="t1").outcome in {"answered", "handed_off"}
    assert pipeline.customers[0] is not None and pipeline.customers[0]["member_hash"] == stored["member_hash"]
    state = stack.store.get("customer")
    assert state is not None and json.loads(state.customer["state"]) == {"turns": 1, "verified": ["9c4e1d0b7a2f3e58"]}
    assert state.customer["phone_hash"] == stored["phone_hash"]  # the state is stored beside the hashes

    # the next turn sees the state the pipeline returned, and no salt means no identity at all
    stack.store.client.update_item(TableName=stack.local.table_name, Key={"pk": {"S": "CHAT#customer"},
                                                                          "sk": {"S": "STATE"}},
                                   UpdateExpression="REMOVE human_until")
    again = classify(parse_envelope(channel_message("customer", "배송비 얼마예요?")))
    assert accept_customer_message(again, stack.store, NoSchedule(), 0).outcome == "accepted"
    assert processor.process("customer", 2, owner="t2").outcome == "answered"
    assert pipeline.customers[1] is not None and pipeline.customers[1]["state"]["turns"] == 1
    assert key_part("customer") == "customer"
