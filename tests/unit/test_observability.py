"""Redaction: what any log line may say about customer text, exceptions and URLs."""

from __future__ import annotations

import logging

import pytest

from core.observability import describe_exception, redact, register_secrets, safe_url


@pytest.mark.parametrize(("text", "gone"), [
    ("연락처 010-2345-6789 로 주세요", "2345-6789"),
    ("+82 10 8765 4321", "8765"),
    ("메일 minsu.kim@example.com", "minsu.kim"),
    ("주문번호 20261105-0012 확인", "20261105-0012"),
    ("카드 4111 1111 1111 1111", "4111"),
    ("서울특별시 강남구 테헤란로 123 101동 1203호", "테헤란로"),
    ("경기도 성남시 분당구 판교역로 235", "판교역로"),
    ("김민수님 안녕하세요", "김민수"),
])
def test_redact_masks_personal_data(text: str, gone: str) -> None:
    assert gone not in redact(text)


def test_redact_keeps_what_operators_need() -> None:
    assert redact("Channel.io answered 404 to POST /user-chats/{id}/messages") \
        == "Channel.io answered 404 to POST /user-chats/{id}/messages"
    assert redact("배송비 3,000원, 2026-11-05 도착") == "배송비 3,000원, 2026-11-05 도착"
    assert "\n" not in redact("one\ntwo") and len(redact("가" * 1000)) <= 240


def test_describe_exception_keeps_the_type_and_first_line_only() -> None:
    exc = ValueError("Adapter ChatAdapter failed to parse the LM response.\n\nLM Response: 010-1111-2222 홍길동님")
    assert describe_exception(exc) == "ValueError: Adapter ChatAdapter failed to parse the LM response."


def test_urls_and_secrets() -> None:
    assert safe_url("https://u:p@host:8000/v1?api_key=abc&model=m") == "https://***@host:8000/v1?api_key=***&model=m"
    register_secrets(["live-secret-value-123"])
    assert "live-secret-value-123" not in redact("Incorrect API key provided: live-secret-value-123")
    assert "sk-abcdef123456" not in redact("key sk-abcdef123456 rejected")


def test_every_record_is_redacted_at_creation(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="some.library")
    library = logging.getLogger("some.library")
    library.debug("request body: %s", "고객 010-2345-6789\n두번째 줄 minsu@example.com")
    try:
        raise RuntimeError("failed for minsu@example.com\nmore")
    except RuntimeError:
        library.exception("call failed")
    first, second = caplog.records[-2:]
    assert first.getMessage() == "request body: 고객 <phone>"
    assert "minsu@" not in second.getMessage() and "RuntimeError" in second.getMessage()
    assert second.exc_info is None and "at=" in second.getMessage()
