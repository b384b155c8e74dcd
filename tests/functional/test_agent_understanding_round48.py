"""Offline agent, forty-eighth round: the shop's own name in its rules read as "we" (an English reply that glosses the
rule whole quotes no Korean), a later question that names another product only as what the first is used with ("65w
충전기 얼마에요? 노트북도 충전돼요?"), the parcel's region said before a word of sending naming no product ("제주도
배송비는요?" after apples), and a cancelled order's refund asked of the delivery agent answered by its own payment.

Each test pins one mechanism, not one sentence.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker, chat

TUESDAY_MORNING = datetime(2027, 5, 11, 9, 5)
_ask = asker(TUESDAY_MORNING)


# -- the shop's name in its own rule -----------------------------------------------------------------------------------
def test_a_rule_that_names_the_shop_is_glossed_whole_without_a_korean_quote(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Do you ship to Japan?").reply
    assert reply.startswith("No, I'm afraid not.") and "Overseas shipping: not offered" in reply, reply
    assert "(in Korean)" not in reply and "조군샵" not in reply, reply
    # (a sentence with a word the gloss cannot read is still quoted as the source)
    store = _ask(shops["jogunshop"], "do you have an offline store?").reply
    assert "(in Korean)" in store, store


# -- a later question naming what the first product is used with ----------------------------------------------------
def test_a_later_question_of_what_the_product_is_used_with_stays_the_products(shops) -> None:  # noqa: ANN001
    for message in ("65w 충전기 얼마에요? 노트북도 충전돼요?", "65w 충전기 얼마에요 노트북도 충전돼요?"):
        reply = _ask(shops["electronics"], message).reply
        assert "35,000원" in reply and "노트북 충전도 가능합니다" in reply, reply
        assert "1,190,000원" not in reply, reply  # (never the laptop's prices)
    laptop = _ask(shops["electronics"], "노트북 얼마에요? 충전기도 있어요?").reply
    assert "1,190,000원" in laptop, laptop  # (two products asked of on their own are still each answered)


# -- the parcel's region before a word of sending -------------------------------------------------------------------
def test_a_region_before_a_word_of_sending_names_no_product(shops) -> None:  # noqa: ANN001
    history = chat("사과 얼마에요?", "청송 꿀사과 3kg 24,900원, 5kg은 품절이에요.")
    reply = _ask(shops["grocery"], "그럼 3kg 두개요, 제주도 배송비는요?", history).reply
    assert "청송 꿀사과 3kg 24,900원 × 2" in reply and "감귤" not in reply, reply
    tangerine = _ask(shops["grocery"], "제주 감귤 2개 제주도 배송비는요?").reply
    assert "감귤" in tangerine, tangerine  # (the product's own name that holds the region still names it)


# -- a cancelled order's refund, asked of the delivery agent ----------------------------------------------------------
def test_a_cancelled_orders_refund_says_how_it_was_paid_and_whether_its_time_has_passed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261109-0031 환불 됐나요?").reply
    assert "카드로 결제하신 주문" in reply and "환불 기간(7영업일)을 넘었어요" in reply, reply
    soon = _ask(shops["jogunshop"], "20261109-0031 환불 됐나요?", now=datetime(2026, 11, 12, 9, 5)).reply
    assert "카드로 결제하신 주문" in soon and "넘었어요" not in soon, soon
