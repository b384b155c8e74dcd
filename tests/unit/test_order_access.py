"""Customer fingerprints and the pure parts of order access: normalising, reading a verification answer, state."""

from __future__ import annotations

import pytest

from agent.order_access import MAX_FAILURES, OrderAccess, _clean_state, read_verification
from core.identity import customer_hash, fingerprint, normalize_name, normalize_phone, owner_fingerprints


def test_fingerprints_compare_normalised_values_and_keep_kinds_apart() -> None:
    assert normalize_phone("+82 10-3392-1047") == normalize_phone("010 3392 1047") == "01033921047"
    assert normalize_phone("모름") is None and normalize_name(" 이 지연 ") == "이지연" and normalize_name("Minsu KIM") == "minsukim"
    assert fingerprint("phone", "+82-10-3392-1047") == fingerprint("phone", "01033921047")
    assert fingerprint("name", "Minsu Kim") == fingerprint("name", "minsukim")
    assert fingerprint("phone_last4", "010-3392-1047") == fingerprint("phone_last4", "1047")
    assert fingerprint("member", "1047") != fingerprint("phone_last4", "1047")  # the kind is hashed in
    assert fingerprint("phone", "12") is None and fingerprint("name", "  ") is None
    with pytest.raises(ValueError, match="unknown identity kind"):
        fingerprint("email", "a@b.c")
    assert owner_fingerprints(telephone="없음", name="이지연") == {"name": fingerprint("name", "이지연")}
    assert customer_hash("salt-a", "member", "x") != customer_hash("salt-b", "member", "x")


@pytest.mark.parametrize("text, names, last4", [
    ("김민수 5678", {"김민수"}, "5678"),
    ("주문자 김민수요, 뒷번호 5678", {"김민수"}, "5678"),
    ("5678 김민수입니다", {"김민수"}, "5678"),
    ("제 이름은 김민수이고 휴대폰 뒷번호는 5678이에요", {"김민수"}, "5678"),
    ("010-2841-5678 김민수", {"김민수"}, "5678"),
    ("김 민수 5678", {"김민수"}, "5678"),
    ("My name is Minsu Kim, last 4 digits 5678", {"minsukim", "kimminsu"}, "5678"),
])
def test_a_name_and_the_last_four_digits_are_read_in_any_order_and_spacing(text: str, names: set[str], last4: str) -> None:
    answer = read_verification(text)
    assert answer.complete and answer.last4 == last4
    assert names <= {normalize_name(n) for n in answer.names}, answer


@pytest.mark.parametrize("text", ["김민수 1234 5678", "김민수 이영희 박지훈 최하나 5678", "배송 지연 1234", "5678", "김민수"])
def test_one_message_cannot_try_many_names_or_numbers(text: str) -> None:
    assert not read_verification(text).complete


def test_order_numbers_in_the_answer_are_not_digits() -> None:
    import re

    class Shop:
        @staticmethod
        def order_number_pattern() -> re.Pattern[str]:
            return re.compile(r"\d{8}-\d{4}")

    answer = read_verification("20261119-0011 이지연 1047", Shop())
    assert answer.complete and answer.last4 == "1047"


def test_the_state_holds_hashes_and_survives_garbage() -> None:
    access = OrderAccess(salt="s" * 20, now=1_000)
    assert access.key("20261119-0011") == access.key("2026 1119 0011") and len(access.key("x")) == 16
    assert "20261119" not in access.key("20261119-0011")
    assert _clean_state({"v": 1, "seen": [["k", 5], "junk", ["k", "x"]], "fails": MAX_FAILURES}) == \
        {"seen": [["k", 5]], "fails": MAX_FAILURES}
    assert _clean_state("not a dict") == {} and _clean_state({"v": 99, "fails": 3}) == {}
    assert OrderAccess.for_turn({"state": {"v": 1, "fails": MAX_FAILURES}}, "s", None).locked
    assert OrderAccess().export() is None  # nothing changed, nothing stored
