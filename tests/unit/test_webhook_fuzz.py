"""Property-style fuzzing of `lambda_function.handler`: hundreds of mutated events, never a 500 or a crash.

Plain `random` with fixed seeds (no extra packages). Accepted messages go to a real DynamoDB table and a
real Step Functions state machine on the shared moto server; the state machine is a single Pass state, so
no turn is processed here (the e2e tests cover processing). Invariants checked for every event:

- the handler returns a dict and never raises;
- a Function URL event gets statusCode in {200, 400, 401, 404, 405, 413} (503 is only for an unhealthy
  backend, which this healthy one is not) with a JSON body; every 4xx body carries a non-empty `error`;
- an `accepted` message really is pending in the table under its chat, with its version;
- a direct invoke / state-machine payload gets a dict with an `outcome`.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from core.chat.chat_state import ChatStore, create_table
from core.config import reset_settings
from devstack.channel_events import WEBHOOK_TOKEN, channel_message, function_url_event

SEED = 20240524
CASES = 400
HTTP_STATUSES = {200, 400, 401, 404, 405, 413}
PASS_MACHINE = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})
ROLE = "arn:aws:iam::123456789012:role/fuzz"


@pytest.fixture(scope="module")
def backend(moto_server) -> Iterator[dict[str, Any]]:  # noqa: ANN001 - session fixture from tests/conftest.py
    """A real table and a trivial state machine on moto; the handler's settings point at them."""
    moto_server.configure({"stepfunctions": {"execute_state_machine": True}})
    region = os.environ.get("AWS_REGION", "ap-northeast-2")
    suffix = uuid.uuid4().hex[:8]
    table = f"fuzz-chats-{suffix}"
    ddb = boto3.client("dynamodb", region_name=region, endpoint_url=moto_server.endpoint)
    create_table(table, client=ddb)
    sfn = boto3.client("stepfunctions", region_name=region, endpoint_url=moto_server.endpoint)
    arn = sfn.create_state_machine(name=f"fuzz-{suffix}", definition=PASS_MACHINE, roleArn=ROLE)["stateMachineArn"]
    env = {"AWS_REGION": region, "AWS_ENDPOINT_URL": moto_server.endpoint, "DYNAMODB_TABLE_NAME": table,
           "STATE_MACHINE_ARN": arn, "CHANNEL_WEBHOOK_TOKEN": WEBHOOK_TOKEN, "REPLY_DELAY_SECONDS": "0"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    reset_settings()
    yield {"store": ChatStore(table, client=ddb), "env": env}
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    reset_settings()


@pytest.fixture(autouse=True)
def _settings_for_handler(backend: dict[str, Any]) -> None:
    os.environ.update(backend["env"])  # the root conftest resets cached settings around every test
    reset_settings()


def _call(event: Any) -> dict[str, Any]:
    import lambda_function

    response = lambda_function.handler(event, None)
    assert isinstance(response, dict), f"non-dict response {response!r} for {str(event)[:300]}"
    return response


def _check_http(event: Any, store: ChatStore) -> tuple[int, dict[str, Any]]:
    response = _call(event)
    status = response.get("statusCode")
    where = str(event)[:400]
    assert status in HTTP_STATUSES, f"status {status} ({response.get('body')}) for {where}"
    body = json.loads(response["body"])
    assert isinstance(body, dict)
    if status >= 400:
        assert isinstance(body.get("error"), str) and body["error"].strip(), f"4xx without a reason for {where}"
    if status == 200 and body.get("status") == "accepted":
        chat_id = json.loads(_decoded_body(event))["entity"]["chatId"]
        state = store.get(str(chat_id))
        assert state is not None and state.version == body["version"] and state.pending, where
    return status, body


def _decoded_body(event: dict[str, Any]) -> str:
    body = event["body"]
    return base64.b64decode(body).decode("utf-8") if event.get("isBase64Encoded") else body


# --- generators ----------------------------------------------------------------------------------

JUNK: list[Any] = [None, 0, -1, 1.5, True, False, "", " ", "x", "MESSAGE", [], [1, "a"], {}, {"a": None},
                   "\u0000", "𝕏" * 3, "a" * 5000, 10**40, -(10**40), float("1e308"), [[[]]], {"": {"": None}}]


def _junk(rng: random.Random) -> Any:
    return copy.deepcopy(rng.choice(JUNK))


def _mutate_entity(rng: random.Random, entity: dict[str, Any]) -> None:
    keys = ["id", "chatId", "chatType", "personType", "personId", "plainText", "blocks", "log", "state",
            "createdAt", "version", "language", "chatKey"]
    for _ in range(rng.randint(1, 3)):
        key = rng.choice(keys)
        roll = rng.random()
        if roll < 0.25:
            entity.pop(key, None)
        elif roll < 0.7:
            entity[key] = _junk(rng)
        elif key == "blocks":
            entity["blocks"] = _weird_blocks(rng)
        elif key == "plainText":
            entity["plainText"] = rng.choice(["", "   ", "<b>태그</b>", "가" * rng.randint(1, 60_000), {"text": "x"},
                                              "\ud7a3\u200b", "line\nbreak\ttab"])
        elif key == "personType":
            entity["personType"] = rng.choice(["user", "USER", "manager", "bot", "Bot", "robot", ""])
        else:
            entity[key] = rng.choice(["", "a" * 300, "../..", "CHAT#x", "한글", "💥" * 50])


def _weird_blocks(rng: random.Random) -> Any:
    options: list[Any] = [
        lambda: _nested_blocks(rng.randint(20, 200)),
        [1, "x", None],
        [{"type": "text"}],
        [{"type": "text", "value": 5}],
        [{"type": "bullets", "blocks": [{"type": "text", "value": "안쪽"}]}],
        [{"type": "text", "value": "a", "blocks": "nope"}],
        {"type": "text", "value": "dict not list"},
        [{"type": None, "value": "무형"}],
        [{"type": "text", "value": "가" * 70_000}],
    ]
    choice = rng.choice(options)
    return choice() if callable(choice) else copy.deepcopy(choice)


def _nested_blocks(depth: int) -> list[dict[str, Any]]:
    block: dict[str, Any] = {"type": "text", "value": "깊이"}
    for _ in range(depth):
        block = {"type": "bullets", "blocks": [block]}
    return [block]


def _valid_body(rng: random.Random, case: int) -> dict[str, Any]:
    return channel_message(f"fuzz-{case}-{rng.randint(0, 10**6)}", rng.choice(["배송비 얼마예요?", "재고 있나요", "환불"]))


def _body_text(rng: random.Random, case: int) -> str:
    """A raw body string: broken JSON, wrong top-level types, or a mutated webhook."""
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(["", " ", "null", "true", "1", '"str"', "[]", "[{}]", "{", "}", "{'a': 1}", "nope",
                           "\ud800", "\x00", "[" * 5000, "[" * 100_000, '{"a":' * 3000, "{}" * 10,
                           '{"type": "message", "entity": {"chatId": "c", "plainText": "x", "personType": "user"}}x'])
    body: Any = _valid_body(rng, case)
    if roll < 0.3:
        body = rng.choice([[body], None, 7, "text", {"payload": body}])
    elif roll < 0.55:
        for _ in range(rng.randint(1, 2)):
            key = rng.choice(["type", "entity", "event", "refers", "dryRun"])
            if rng.random() < 0.4:
                body.pop(key, None)
            else:
                body[key] = rng.choice([_junk(rng), "MESSAGE", "Message", "userChat", "unknown", {"nested": None}])
    else:
        _mutate_entity(rng, body["entity"])
    return json.dumps(body, ensure_ascii=rng.random() < 0.3, allow_nan=True)


def _http_event(rng: random.Random, case: int) -> dict[str, Any]:
    event = function_url_event(_body_text(rng, case))
    roll = rng.random()
    if roll < 0.12:
        event["isBase64Encoded"] = True
        event["body"] = rng.choice([base64.b64encode(event["body"].encode("utf-8", "surrogatepass")).decode(),
                                    "!!not base64!!", base64.b64encode(b"\xff\xfe\xfa").decode(), "", "YQ", 5])
    elif roll < 0.2:
        event["body"] = rng.choice([None, 5, ["a"], {"type": "message"}, b"bytes", "x" * 300_000])
    elif roll < 0.3:
        event["requestContext"]["http"]["method"] = rng.choice(["GET", "PUT", "DELETE", "post", None, 5, "", "PATCH"])
    elif roll < 0.38:
        event["rawPath"] = rng.choice(["/admin", "/webhook/", "//", "", None, 5, "/WEBHOOK", "/health", "/webhook/x"])
    elif roll < 0.5:
        event["queryStringParameters"] = rng.choice([None, {}, {"token": ["a", "b"]}, {"token": None},
                                                     {"token": "t" * 100_000}, {"token": WEBHOOK_TOKEN + " "},
                                                     {"token": 5}, [("token", WEBHOOK_TOKEN)], "token=x",
                                                     {"TOKEN": WEBHOOK_TOKEN}, {"token": "토큰"}])
    elif roll < 0.56:
        event.pop(rng.choice(["headers", "rawQueryString", "isBase64Encoded", "version", "routeKey", "body"]), None)
    elif roll < 0.62:
        event["headers"] = rng.choice([None, [], "x", {"content-type": 5}])
    elif roll < 0.66:
        event["requestContext"]["http"] = rng.choice([{}, {"method": "POST"}, {"path": None, "method": None}])
    return event


def _direct_event(rng: random.Random, case: int) -> Any:
    roll = rng.random()
    chat = f"fuzz-direct-{case}"
    if roll < 0.15:
        return rng.choice([None, 0, "string", [1, 2], [], True, 1.5, b"bytes"])
    if roll < 0.55:
        event: dict[str, Any] = {"action": rng.choice(["process_chat", "handoff_fallback"]),
                                 "chatId": chat, "version": rng.choice([0, -1, "1", "x", 10**30, 2**63, 1.5, None,
                                                                         True, [], {}, 10**6])}
        if rng.random() < 0.3:
            event.pop(rng.choice(["chatId", "version"]))
        if rng.random() < 0.3:
            event["chatId"] = rng.choice([None, 5, "", [], {"id": "x"}, "a" * 5000])
        if event["action"] == "handoff_fallback" and rng.random() < 0.5:
            event["error"] = rng.choice([None, "x", {"Error": 5, "Cause": None}, ["a"], {"Error": "E" * 10_000}])
        return event
    if roll < 0.75:
        return {"action": _junk(rng), "chatId": chat, "version": 1}
    event = {"type": rng.choice(["message", "MESSAGE", "bogus", 5, None]), "dryRun": True,
             "entity": rng.choice([{"chatId": chat, "plainText": "", "personType": "bot"},
                                   {"plainText": "안녕", "personType": "user"}, [], "x", None,
                                   {"chatId": chat, "personType": "manager", "plainText": "담당자"}])}
    return event


# --- properties ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [SEED, SEED + 1])
def test_mutated_function_url_events_never_500(seed: int, backend: dict[str, Any]) -> None:
    rng = random.Random(seed)
    seen: dict[int, int] = {}
    for case in range(CASES // 2):
        status, _ = _check_http(_http_event(rng, case), backend["store"])
        seen[status] = seen.get(status, 0) + 1
    # the generator really exercises every branch, not just one kind of rejection
    assert {200, 400, 401}.issubset(seen), seen


def test_mutated_direct_invokes_return_a_dict(backend: dict[str, Any]) -> None:
    rng = random.Random(SEED + 7)
    for case in range(150):
        event = _direct_event(rng, case)
        response = _call(event)
        assert isinstance(response.get("outcome"), str), f"{response} for {str(event)[:200]}"


@pytest.mark.parametrize("mutate, status", [
    (lambda e: e["requestContext"]["http"].update(method="GET"), 405),
    (lambda e: e["requestContext"]["http"].update(method="DELETE"), 405),
    (lambda e: e.update(rawPath="/admin"), 404),
    (lambda e: e.update(queryStringParameters={"token": [WEBHOOK_TOKEN]}), 401),
    (lambda e: e.update(queryStringParameters={"token": "x" * 200_000}), 401),
    (lambda e: e.pop("queryStringParameters"), 401),
    (lambda e: e.update(queryStringParameters=[["token", WEBHOOK_TOKEN]]), 401),
    (lambda e: e.pop("headers"), 200),
    (lambda e: e.update(body=None), 400),
    (lambda e: e.update(body=""), 400),
    (lambda e: e.update(body="[]"), 400),
    (lambda e: e.update(body="[" * 100_000), 400),
    (lambda e: e.update(body="x" * 300_000), 413),
    (lambda e: e.update(isBase64Encoded=True, body="%%%"), 400),
    (lambda e: e.update(isBase64Encoded=True, body=base64.b64encode(b"\xff\xfe").decode()), 400),
    (lambda e: e.update(isBase64Encoded=True, body=base64.b64encode(e["body"].encode()).decode()), 200),
], ids=["GET", "DELETE", "path", "token-list", "token-long", "token-missing", "query-list", "no-headers",
        "null-body", "empty-body", "json-array", "deep-array", "huge", "b64-garbage", "b64-not-utf8", "b64-ok"])
def test_named_http_faults(mutate: Callable[[dict[str, Any]], Any], status: int, backend: dict[str, Any]) -> None:
    event = function_url_event(_valid_body(random.Random(status), 0 if status != 200 else uuid.uuid4().int % 10**6))
    mutate(event)
    assert _check_http(event, backend["store"])[0] == status


def test_missing_request_context_is_not_a_function_url_event(backend: dict[str, Any]) -> None:
    event = function_url_event(_valid_body(random.Random(1), 1))
    del event["requestContext"]
    assert _call(event)["outcome"] == "invalid_event"


@pytest.mark.parametrize("entity_patch, status, expected", [
    ({"plainText": {"text": "object"}}, 400, "plainText"),
    ({"chatId": ["list"]}, 400, "chatId"),
    ({"chatId": 12345}, 200, "accepted"),
    ({"blocks": [1, None]}, 200, "accepted"),  # plainText answers; unusable blocks are ignored
    ({"plainText": "", "blocks": [1, {"type": "text", "value": "블록 텍스트"}]}, 200, "accepted"),
    ({"plainText": "가" * 40_000}, 200, "accepted"),
    ({"createdAt": 10**40}, 200, "accepted"),
    ({"createdAt": "soon"}, 200, "accepted"),
    ({"id": "m" * 5000}, 400, "id"),
    ({"refers": "ignored"}, 200, "accepted"),
    ({"personType": "USER"}, 200, "accepted"),
])
def test_named_entity_faults(entity_patch: dict[str, Any], status: int, expected: str,
                             backend: dict[str, Any]) -> None:
    body = _valid_body(random.Random(3), uuid.uuid4().int % 10**9)
    refers = entity_patch.pop("refers", None)
    body["entity"].update(entity_patch)
    if refers is not None:
        body["refers"] = refers
    got, answer = _check_http(function_url_event(body), backend["store"])
    assert got == status, answer
    assert expected in (answer.get("error") or answer.get("status", "")), answer


def test_uppercase_type_is_a_message(backend: dict[str, Any]) -> None:
    body = _valid_body(random.Random(5), 5)
    body["type"] = "MESSAGE"
    assert _check_http(function_url_event(body), backend["store"])[1]["status"] == "accepted"


def test_unknown_type_is_ignored_not_rejected(backend: dict[str, Any]) -> None:
    body = _valid_body(random.Random(6), 6)
    body["type"] = "userChat"
    status, answer = _check_http(function_url_event(body), backend["store"])
    assert (status, answer["status"]) == (200, "ignored")


def test_huge_message_is_stored_bounded_and_answerable(backend: dict[str, Any]) -> None:
    # GIVEN a customer pasting a very long text, many times in one reply window
    chat = f"fuzz-huge-{uuid.uuid4().hex[:6]}"
    for i in range(12):
        status, answer = _check_http(function_url_event(channel_message(chat, "가" * 30_000 + str(i))),
                                     backend["store"])
        # THEN every one is accepted (a DynamoDB item limit never turns them into 503s)
        assert (status, answer["status"]) == (200, "accepted")
    state = backend["store"].get(chat)
    assert state is not None and len(state.pending) == 12


def test_process_chat_version_edge_cases(backend: dict[str, Any]) -> None:
    for version in (0, -1, 10**30, 2**63, "x", None, [], 1.5):
        answer = _call({"action": "process_chat", "chatId": "edge", "version": version})
        assert answer["outcome"] == "invalid_event", (version, answer)
    assert _call({"action": "process_chat", "version": 1})["outcome"] == "invalid_event"
    assert _call({"action": "process_chat", "chatId": "never-seen", "version": "1"})["outcome"] == "missing"
