"""Offline agent, twenty-eighth round: a word the named product's own text holds, a cost named by its thing + 비, a
decision closing a condition, the clauses that fit an order (its state, its way to pay) or the way the customer says
they paid, what the free-shipping threshold counts, the restock alert asked for, a kind word after a name, and the
phone asked for after hours.

Each test pins one mechanism, not one sentence: a noun no concept covers that the named product's description writes
asks the product, whatever the delivery verb beside it; "교환비" is the exchange's cost (the exchange rule, not a
product); "…면 그냥 취소할래요" decides, so the cancellation is a request; a paid order is given no clause of unpaid
orders; "카드결제 했어요" puts the clause written for card payments first; a question of what the threshold counts gets
the shop's own threshold sentence; "입고되면 알려주세요" gets the shop's restock-alert rule; "헨리넥 긴팔티" is one
product (its name holds 긴팔티); a phone number asked out of hours says when the line opens.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner

WEDNESDAY_EVENING = datetime(2026, 12, 9, 19, 20)
WEDNESDAY_MORNING = datetime(2026, 12, 9, 11, 20)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = WEDNESDAY_EVENING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a word of the product's own text -----------------------------------------------------------------------------------
def test_a_word_the_named_products_text_holds_asks_the_product_not_the_dispatch(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "쌀 도정은 언제 한거 보내줘요")
    assert result.route == "product" and "도정일로부터 7일" in result.reply, result.reply


# -- a cost named by its thing + 비 --------------------------------------------------------------------------------------
@pytest.mark.parametrize("shop, fee", [("jogunshop", "6,000원"), ("electronics", "7,000원")])
def test_a_cost_named_by_its_thing_is_that_rules_fee(shops, shop: str, fee: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], "블랙으로 바꾸면 교환비 드나요? 아직 박스 안뜯었어요")
    assert result.route == "general" and fee in result.reply, result.reply


# -- a decision closing a condition ---------------------------------------------------------------------------------------
def test_a_condition_closed_by_a_decision_is_a_request(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261121-0018 언제 와요"},
               {"role": "assistant", "text": "주문번호 20261121-0018은 현재 '상품준비중' 상태예요."}]
    result = _ask(shops["jogunshop"], "아니 2주째 준비중이면 그냥 취소할래요", history)
    assert result.handoff and not result.ask_back, result.reply


def test_a_conditional_question_stays_a_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "준비중이면 취소할 수 있나요?")
    assert not result.handoff, result.reply


# -- the clauses that fit -------------------------------------------------------------------------------------------------
def test_a_paid_order_gets_no_clause_of_unpaid_orders(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0016 주문 취소하고 싶어요")
    assert "결제완료 상태에서는" in result.reply and "입금 기한" not in result.reply, result.reply


def test_the_clause_for_the_way_the_customer_paid_comes_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "현금영수증 발급 가능해요? 카드결제 했어요")
    assert result.reply.startswith("카드 결제는 카드 매출전표"), result.reply


def test_a_way_named_without_paying_picks_no_clause(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "무통장입금 기한 있어요?")
    assert "3일" in result.reply and "카카오페이" not in result.reply, result.reply


# -- what the free-shipping threshold counts ------------------------------------------------------------------------------
def test_what_the_threshold_counts_is_the_shops_own_sentence(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "배송비 포함 5만원 넘으면 무료배송인가요 아니면 상품금액만?")
    assert "상품 금액 50,000원 이상" in result.reply, result.reply


def test_a_basis_the_shops_sentence_does_not_state_is_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "무료배송 기준이 쿠폰 적용 후 금액이에요?")
    assert "40,000원" in result.reply and "따로 나와 있지 않아요" in result.reply, result.reply


# -- the restock alert ----------------------------------------------------------------------------------------------------
def test_being_told_of_a_restock_gets_the_shops_alert_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏패딩 카키 L 입고 되면 알려주실 수 있나요")
    assert "재입고 예정" in result.reply and "재입고 알림" in result.reply, result.reply


def test_the_restock_date_asked_gets_no_alert_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏패딩 카키 엘 재입고 일정 알려주세요")
    assert "재입고 예정" in result.reply and "재입고 알림" not in result.reply, result.reply


# -- a kind word after a name ---------------------------------------------------------------------------------------------
def test_a_kind_word_the_named_products_name_holds_is_no_second_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "헨리넥 긴팔티 카키 XL 있나요?")
    assert "헨리넥" in result.reply and "베이직" not in result.reply, result.reply


def test_two_products_joined_are_still_two(shops) -> None:  # noqa: ANN001
    from agent.mentions import mentioned_products

    knowledge = shops["jogunshop"].knowledge_provider()
    assert len(mentioned_products(knowledge, "헨리넥이랑 긴팔티 둘다 있어요?")) == 2


# -- the phone after hours ------------------------------------------------------------------------------------------------
def test_a_phone_number_asked_after_hours_says_when_the_line_opens(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "지금 당장 답 듣고싶어요 전화번호 뭐에요")
    assert "070-8890-1234" in result.reply and "10:00부터" in result.reply, result.reply


def test_a_phone_number_asked_in_hours_is_the_number_alone(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "전화번호 뭐에요", now=WEDNESDAY_MORNING)
    assert "070-8890-1234" in result.reply and "10:00부터" not in result.reply, result.reply
