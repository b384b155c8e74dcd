"""Hypothesis fuzz of the webhook: 5,000 generated Channel.io bodies, never a 5xx for what a retry cannot fix.

A 503 tells Channel.io to deliver the same body again; for a body that can never be stored (an id over
the key limits, invalid Unicode) that is a loop, and past 100 failures Channel.io blocks the webhook.
So against a healthy backend (a real DynamoDB table and Step Functions state machine on moto; the
machine is a single Pass state, the e2e tests cover processing) every body gets 200/4xx, and:

- every 4xx carries a reason, and a wrong token is 401 whatever the body (size, base64, JSON);
- an `accepted` message is pending in the table under its chat (ids hashed into keys when needed);
- every stored string is valid Unicode (it was written to DynamoDB and read back).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.chat.chat_state import ChatStore, create_table, key_part
from core.config import reset_settings
from core.observability import SERVICE
from devstack.channel_events import WEBHOOK_TOKEN, function_url_event

EXAMPLES = int(os.environ.get("HYP_EXAMPLES", "5000"))
PASS_MACHINE = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})
ROLE = "arn:aws:iam::123456789012:role/fuzz"
HTTP_STATUSES = {200, 400, 401, 404, 405, 413}

ODD = ["\ud800", "\udfff", "\ud83d", "𝕏", "💥", "\x00", "\u200b", "\n", "가", "힣", "a", "Z", "0", "#", "/", "%", " ",
       "\\", '"', "é", "\u0301", "\ufffd", "<", ">"]
texts = st.text(alphabet=st.sampled_from(ODD), max_size=24)
long_texts = st.builds(lambda c, n: c * n, st.sampled_from(["𝕏", "가", "m", "\ud800", "💥"]), st.integers(1, 300))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=False),
                    texts, long_texts)
junk = st.recursive(scalars, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(texts, inner, max_size=2),
                    max_leaves=4)
ids = st.one_of(texts, long_texts, st.integers(0, 10**12), junk)
USERS = [{"id": "user-1", "memberId": "M-1", "profile": {"mobileNumber": "+82 10-1234-5678"}},
         {"id": "user-1", "mobileNumber": "010-9999-8888"}, {"id": "someone-else", "memberId": "M-2"},
         {"memberId": 7, "profile": "x"}, {"profile": {"mobileNumber": ["010"]}}]


@st.composite
def events(draw: Any) -> tuple[dict[str, Any], bool]:
    """A Function URL event and whether its token is right.

    Mostly Channel.io-shaped message webhooks with a field or two gone wrong, sometimes anything at all.
    One seeded coin per example decides the shape (Hypothesis favours small integers, so odds drawn
    with `st.integers` would not be odds); Hypothesis draws the odd values themselves.
    """
    rnd = random.Random(draw(st.integers(0, 2**32)))

    def pick(common: Any, rare: Any, p_rare: float) -> Any:
        return draw(rare) if rnd.random() < p_rare else common

    entity: dict[str, Any] = {
        "id": pick(uuid.uuid4().hex[:24], ids, 0.3),
        "chatId": pick("fz-shared" if rnd.random() < 0.15 else f"fz-{uuid.uuid4().hex[:10]}",  # shared: a flood
                       st.one_of(texts, long_texts, ids), 0.3),
        "chatType": pick("userChat", st.sampled_from(["group", "GROUP"]) | junk, 0.2),
        "personType": pick("user", st.sampled_from(["USER", "manager", "bot", "", "robot"]) | junk, 0.5),
        "personId": "user-1",
        "plainText": pick(rnd.choice(["배송비 얼마예요?", "린넨 셔츠 재고 있어요?", "환불"]),
                          st.one_of(texts, long_texts, junk), 0.4),
        "createdAt": pick(int(time.time() * 1000), junk, 0.1), "state": pick("sent", junk, 0.1),
    }
    if rnd.random() < 0.3:
        entity[rnd.choice(["blocks", "log", "requestId", "version", "language"])] = draw(junk)
    if rnd.random() < 0.1:
        entity.pop(rnd.choice(sorted(entity)))
    body: Any = {"event": "push", "type": pick("message", st.sampled_from(["Message", "userChat", ""]) | texts, 0.2),
                 "entity": entity}
    if rnd.random() < 0.5:
        body["refers"] = {"user": rnd.choice(USERS)} if rnd.random() < 0.8 else draw(junk)
    if rnd.random() < 0.05:
        body[rnd.choice(["type", "entity", "event", "dryRun"])] = draw(junk)
    if rnd.random() < 0.03:
        body = draw(junk)
    raw = json.dumps(body, ensure_ascii=rnd.random() < 0.3) if rnd.random() > 0.05 else \
        rnd.choice(["{" * 50, "x" * 300_000, "", "null", "[1]", draw(texts)])
    token_ok = rnd.random() > 0.25
    event = function_url_event(raw, token=WEBHOOK_TOKEN if token_ok else rnd.choice([None, "", "wrong"]))
    if rnd.random() < 0.1:
        event["isBase64Encoded"] = True
        event["body"] = rnd.choice([base64.b64encode(raw.encode("utf-8", "surrogatepass")).decode(), "!!not base64!!",
                                    base64.b64encode(b"\xff\xfe" * 10).decode(), "QUFB" * 100_000])
    return event, token_ok


@pytest.fixture(scope="module")
def backend() -> Iterator[ChatStore]:
    """A real DynamoDB table and state machine on moto, in process (2-3× faster per call than the moto
    server the e2e tests share: 5,000 webhooks must stay within a minute)."""
    from moto import mock_aws

    region = os.environ.get("AWS_REGION", "ap-northeast-2")
    with pytest.MonkeyPatch.context() as env, mock_aws():  # the environment only: the handler reads its settings there
        env.delenv("AWS_ENDPOINT_URL", raising=False)
        for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_REGION": region}.items():
            env.setenv(key, value)
        ddb = boto3.client("dynamodb", region_name=region)
        create_table("hyp-chats", client=ddb)
        sfn = boto3.client("stepfunctions", region_name=region)
        arn = sfn.create_state_machine(name="hyp", definition=PASS_MACHINE, roleArn=ROLE)["stateMachineArn"]
        for key, value in {"DYNAMODB_TABLE_NAME": "hyp-chats", "STATE_MACHINE_ARN": arn, "REPLY_DELAY_SECONDS": "0",
                           "CHANNEL_WEBHOOK_TOKEN": WEBHOOK_TOKEN,
                           "CUSTOMER_HASH_SALT": "hypothesis-salt-0123456789"}.items():
            env.setenv(key, value)
        reset_settings()
        yield ChatStore("hyp-chats", client=ddb)
    reset_settings()


def test_generated_webhooks_never_get_a_5xx(backend: ChatStore) -> None:
    import lambda_function

    seen: dict[int | str, int] = {}
    started = time.monotonic()
    quiet = logging.getLogger(SERVICE)
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # 5,000 INFO lines cost seconds; the log tests are elsewhere

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(events())
    def check(case: tuple[dict[str, Any], bool]) -> None:
        event, token_ok = case
        response = lambda_function.handler(event, None)
        status = response["statusCode"]
        seen[status] = seen.get(status, 0) + 1
        assert status in HTTP_STATUSES, (status, response["body"], str(event)[:300])
        answer = json.loads(response["body"])
        if answer.get("status") == "accepted":
            seen["accepted"] = seen.get("accepted", 0) + 1
        if status >= 400:
            assert isinstance(answer.get("error"), str) and answer["error"].strip()
        if not token_ok:
            assert status == 401, (status, answer)
        if status == 200 and answer.get("status") == "accepted":
            message = lambda_function.classify(lambda_function.parse_envelope(
                lambda_function.decode_body(lambda_function.parse_function_url_event(event))))
            chat_id, message_id = message.chat_id or "", message.message_id or ""
            if key_part(chat_id) == chat_id and key_part(message_id) == message_id and seen["accepted"] % 4:
                return  # plain ids: one in four is read back (each read costs a DynamoDB call)
            state = backend.get(chat_id)
            assert state is not None and state.version >= answer["version"] and state.pending
            assert all(m.text.encode("utf-8") and key_part(m.id) == m.id for m in state.pending)

    try:
        check()
    finally:
        quiet.setLevel(level)
    took = time.monotonic() - started
    assert {200, 400, 401, 413}.issubset(seen), seen
    accepted = seen.get("accepted", 0)
    assert accepted > EXAMPLES // 20, seen  # the generator reaches the store, not just the rejections  # the generator reaches the store, not just the rejections
    print(f"{EXAMPLES} webhooks in {took:.1f} s: {seen}")
