"""Webhook parsing and filtering: pure logic, sample payloads from events/ loaded by name."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.chat.webhook import (
    WebhookRejected,
    classify,
    customer_identity,
    decode_body,
    is_function_url_event,
    parse_envelope,
    parse_function_url_event,
    token_matches,
)
from devstack.channel_events import channel_message, load_event


def _classify_url_event(name: str) -> Any:
    request = parse_function_url_event(load_event(name))
    return classify(parse_envelope(request.body))


def test_customer_message_from_function_url_event() -> None:
    # GIVEN the Function URL event Channel.io's POST becomes
    event = load_event("webhook_function_url")
    # WHEN it is parsed and classified
    request = parse_function_url_event(event)
    message = classify(parse_envelope(request.body))
    # THEN it is a customer message with its ids and text
    assert is_function_url_event(event)
    assert (request.method, request.path, request.query["token"]) == ("POST", "/webhook", "local-webhook-token")
    assert message.kind == "customer"
    assert message.chat_id == "6650f0aa11"
    assert message.message_id == "6650f1c2a8e4b1a2c3d4e5f6"
    assert message.text == "제주도 배송비 얼마예요?"


@pytest.mark.parametrize(
    ("name", "kind", "reason"),
    [
        ("manager_message", "manager", "human_joined"),
        ("bot_echo", "ignored", "bot_echo"),
        ("team_chat", "ignored", "team_chat"),
        ("system_log", "ignored", "system_log"),
    ],
)
def test_non_customer_messages_are_classified(name: str, kind: str, reason: str) -> None:
    message = _classify_url_event(name)
    assert (message.kind, message.reason) == (kind, reason)


def test_empty_plain_text_falls_back_to_text_blocks() -> None:
    message = _classify_url_event("blocks_only")
    assert message.kind == "customer"
    assert message.text == "반팔 티셔츠 재고 있나요?"  # <b> markup stripped


def test_nested_blocks_and_empty_text() -> None:
    body = channel_message("c1", "", blocks=[{"type": "bullets", "blocks": [{"type": "text", "value": "사이즈"},
                                                                            {"type": "text", "value": "M"}]}])
    assert classify(parse_envelope(body)).text == "사이즈\nM"
    empty = channel_message("c1", "   ", blocks=[])
    assert classify(parse_envelope(empty)).reason == "empty_text"


def test_type_is_case_insensitive_and_other_types_ignored() -> None:
    body = channel_message("c1", "안녕하세요")
    body["type"] = "Message"
    assert classify(parse_envelope(body)).kind == "customer"
    assert classify(parse_envelope({"type": "userChat", "entity": {"id": "x"}})).reason == "type_userchat"


def test_seed_test_payload_is_a_customer_message() -> None:
    message = classify(parse_envelope(load_event("test_message")))
    assert (message.kind, message.chat_id, message.text, message.message_id) == ("customer", "test", "안녕하세요", None)


def test_base64_body_is_decoded() -> None:
    request = parse_function_url_event(load_event("webhook_base64"))
    assert classify(parse_envelope(request.body)).text == "제주도 배송비 얼마예요?"


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   ",
        '{"type": "message", "entity": {"chatId": ',
        "[1, 2, 3]",
        '"just a string"',
        '{"entity": {"chatId": "c"}}',
        '{"type": "message"}',
        '{"type": "message", "entity": "not an object"}',
        '{"type": "", "entity": {}}',
    ],
)
def test_malformed_bodies_are_400(body: str) -> None:
    with pytest.raises(WebhookRejected) as info:
        classify(parse_envelope(body))
    assert info.value.status == 400
    assert info.value.reason


@pytest.mark.parametrize(
    "entity",
    [
        {"plainText": "배송 언제 와요?", "personType": "user"},
        {"chatId": "", "plainText": "x", "personType": "user"},
        {"chatId": {"nested": 1}, "plainText": "x", "personType": "user"},
        {"chatId": "c", "plainText": {"text": "x"}, "personType": "user"},
    ],
)
def test_invalid_message_entity_is_400(entity: dict[str, Any]) -> None:
    with pytest.raises(WebhookRejected) as info:
        classify(parse_envelope({"type": "message", "entity": entity}))
    assert info.value.status == 400
    assert "entity" in info.value.reason


def test_oversized_body_is_413() -> None:
    with pytest.raises(WebhookRejected) as info:
        parse_envelope(json.dumps({"type": "message", "entity": {"chatId": "c", "plainText": "가" * 300_000}}))
    assert info.value.status == 413


def test_bad_base64_is_400_when_the_body_is_decoded() -> None:
    event = load_event("webhook_base64")
    event["body"] = "%%%not-base64%%%"
    request = parse_function_url_event(event)  # path, method and query only: the token is checked next
    with pytest.raises(WebhookRejected) as info:
        decode_body(request)
    assert info.value.status == 400


def test_numeric_ids_are_accepted_as_text() -> None:
    message = classify(parse_envelope({"type": "message", "entity": {"id": 7, "chatId": 42, "plainText": "hi",
                                                                       "personType": "user"}}))
    assert (message.chat_id, message.message_id) == ("42", "7")


def test_token_check() -> None:
    assert token_matches("secret", "secret")
    assert not token_matches("secreT", "secret")
    assert not token_matches(None, "secret")
    assert not token_matches("", "secret")
    assert not token_matches("anything", None)  # unset token: fail closed
    assert not token_matches("토큰", "secret")


def test_lone_surrogates_are_replaced_not_refused() -> None:
    body = '{"type": "message", "entity": {"id": "m\\ud800", "chatId": "c\\udfff", "plainText": "hi \\ud83d",' \
           ' "personType": "user"}}'
    message = classify(parse_envelope(body))
    assert (message.kind, message.chat_id, message.message_id, message.text) == ("customer", "c\ufffd", "m\ufffd",
                                                                                 "hi \ufffd")
    message.chat_id.encode("utf-8")  # storable and hashable


@pytest.mark.parametrize(("refers", "expected"), [
    ({"user": {"id": "user-1", "memberId": "M-77", "profile": {"mobileNumber": "+821012345678"}}},
     ("M-77", "+821012345678")),
    ({"user": {"id": "user-1", "mobileNumber": "010-1234-5678"}}, (None, "010-1234-5678")),
    ({"user": {"id": "someone-else", "memberId": "M-77"}}, None),  # not the writer of this message
    ({"user": {"memberId": {"weird": 1}}}, None),
    ({"userChat": {"id": "c1"}}, None),
    ("not an object", None),
    (None, None),
])
def test_customer_identity_from_refers_user(refers: Any, expected: tuple | None) -> None:
    identity = customer_identity(refers, "user-1")
    assert (None if identity is None else (identity.member_id, identity.mobile_number)) == expected


def test_customer_message_carries_the_identity() -> None:
    body = channel_message("c1", "주문 확인해 주세요")
    body["refers"] = {"user": {"id": body["entity"]["personId"], "memberId": "shop-member-9",
                               "profile": {"mobileNumber": "01099998888"}}}
    message = classify(parse_envelope(body))
    assert message.customer is not None and message.customer.member_id == "shop-member-9"
