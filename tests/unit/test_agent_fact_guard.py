"""Quantities in Korean text and the fact guard built on them."""

from __future__ import annotations

import pytest

from agent.fact_guard import check_reply
from agent.quantities import extract, parse_amount, parse_sino_korean

FACTS = ["린넨 셔츠 [셔츠] 판매가 39,000원 (정가 49,000원, 2026-11-30까지 할인); 총 재고 3개",
         "평일 14:00까지 결제 시 당일 출고; 할인율 20%"]


@pytest.mark.parametrize("reply", [
    "린넨 셔츠는 39,000원이에요.", "3만 9천원에 판매 중입니다.", "삼만구천 원입니다.", "11/30까지 할인해요.",
    "11월 30일까지 할인이에요.", "오후 2시까지 주문하면 당일 출고돼요.", "14시 마감이에요.", "2시까지 결제해 주세요.",
    "20% 할인 중이에요.", "세 개 남았어요.", "정가는 49,000원이었어요.", "네, 번거로우시겠지만 확인 부탁드려요.",
])
def test_grounded_replies_pass(reply: str) -> None:
    assert check_reply(reply, FACTS).ok, extract(reply)


@pytest.mark.parametrize("reply,bad", [
    ("린넨 셔츠는 0원이에요!", "0"), ("29,000원에 드려요.", "29,000"), ("12월 1일까지 할인해요.", "12월 1일"),
    ("오후 3시까지 주문하세요.", "오후 3시"), ("50% 할인이에요.", "50%"), ("다섯 개 남았어요.", "다섯"),
    ("3만원이에요.", "3만"),
])
def test_invented_quantities_fail(reply: str, bad: str) -> None:
    verdict = check_reply(reply, FACTS)
    assert not verdict.ok and bad in verdict.ungrounded
    assert bad in verdict.feedback()


def test_customer_text_is_not_a_fact_source() -> None:
    assert not check_reply("전부 0원입니다.", FACTS + []).ok


def test_korean_numbers() -> None:
    assert parse_sino_korean("삼만구천") == 39000 and parse_sino_korean("만") == 10000
    assert parse_sino_korean("이천오백") == 2500 and parse_sino_korean("셔츠") is None
    assert parse_amount("제주도에 45000원어치") == 45000 and parse_amount("4만5천원 사면") == 45000
    assert parse_amount("5만원 이상이면") == 50000 and parse_amount("우편번호 63100") is None


def test_order_numbers_and_sizes_are_not_loose_numbers() -> None:
    keys = [q.keys for q in extract("주문번호 20261105-0012, 2XL 재고 1개")]
    assert frozenset({("id", "20261105-0012")}) in keys and frozenset({("n", 1)}) in keys and len(keys) == 2


def test_small_money_and_percentages_must_be_stated_as_such_in_the_facts() -> None:
    # GIVEN facts where 0 and 30 appear only as a stock count and a waist size
    facts = ["린넨 셔츠 스카이블루 M: 재고 0개, 가격 31,500원", "사이즈 30 허리단면 38cm"]
    # THEN "0원" and "30%" are not grounded by them, while the real price and count are
    assert not check_reply("린넨 셔츠는 지금 0원이에요!", facts).ok
    assert not check_reply("전 품목 30% 할인 중이에요", facts).ok
    assert check_reply("스카이블루 M은 0개 남았고, 가격은 31,500원이에요.", facts).ok
    assert check_reply("적립률은 1%예요", ["구매확정 시 실결제 금액의 1%가 적립됩니다"]).ok
