"""Offline agent, forty-second round: a price bound read as part of the amount, one product measured against a
price range, a kind said by its products' last name word in a "which" question, a skin type beside a product sought,
and the points a purchase earns.

Each test pins one mechanism, not one sentence: "토너 2만원 이하 있어요?" lists the toners in that range (the bound's
이하 is no thing the shop fails to sell); "마우스 2만원 이하로 있나요" says the one mouse's price is outside it; "건성인데
토너 뭐가 좋아요?" lists the toners; "Is there a toner for dry skin …?" is a product question, not the skin-trouble
rule; "린넨셔츠 사면 적립금 얼마 쌓여요?" quotes the accrual rule after the price.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

WEDNESDAY = datetime(2027, 3, 24, 11, 0)
_ask = asker(WEDNESDAY)


# -- a price bound is part of the amount -----------------------------------------------------------------------------
def test_a_price_bound_is_no_thing_sought(shops) -> None:  # noqa: ANN001
    for message in ("토너 2만원 이하 있어요?", "건성 토너 2만원 이하 있어요?"):
        reply = _ask(shops["cosmetics"], message).reply
        assert "어성초 진정 토너 18,000원" in reply, (message, reply)
        assert "42,000원" not in reply and "들어간 상품" not in reply and "판매하지 않" not in reply, (message, reply)


# -- one product against a price range --------------------------------------------------------------------------------
def test_one_product_of_one_price_is_measured_against_the_range(shops) -> None:  # noqa: ANN001
    inside = _ask(shops["electronics"], "마우스 3만원 이하로 있나요").reply
    assert "29,000원" in inside and "가격대에 들어요" in inside, inside
    outside = _ask(shops["electronics"], "마우스 2만원 이하로 있나요").reply
    assert "29,000원" in outside and "들지 않아요" in outside, outside
    english = _ask(shops["cosmetics"], "sunscreen under 20000 won?").reply
    assert "19,800 KRW" in english and "within that price range" in english, english


def test_a_price_remembered_with_a_sale_asked_is_no_range(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨셔츠 아직 할인중?? 4만원대 아니었나").reply
    assert "할인" in reply and "가격대" not in reply, reply


# -- a kind by its products' last name word, asked which ---------------------------------------------------------------
def test_which_of_a_kind_said_by_name_lists_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "건성인데 토너 뭐가 좋아요?").reply
    assert "어성초 진정 토너 18,000원" in reply, reply
    assert "상품명을 알려주시면" not in reply, reply


# -- a skin type beside a product sought -----------------------------------------------------------------------------
def test_a_skin_type_beside_a_product_sought_is_a_product_question(shops) -> None:  # noqa: ANN001
    answer = _ask(shops["cosmetics"], "Is there a toner for dry skin under 20000 won?")
    assert answer.route == "product" and "18,000 KRW" in answer.reply, answer.reply
    trouble = _ask(shops["cosmetics"], "토너 쓰고 트러블 났는데 반품 있어요?")
    assert trouble.route == "general" and trouble.handoff, trouble.reply


# -- the points a purchase earns --------------------------------------------------------------------------------------
def test_the_points_a_purchase_earns_quote_the_accrual_rule_after_the_price(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨셔츠 사면 적립금 얼마 쌓여요?").reply
    assert reply.index("45,000원") < reply.index("1%가 적립"), reply
    plain = _ask(shops["jogunshop"], "린넨셔츠 얼마에요?").reply
    assert "적립" not in plain, plain


# -- an order's payment asked, not its delivery -----------------------------------------------------------------------
def test_the_deposit_deadline_of_an_order_already_paid_is_answered_without_a_handoff(shops) -> None:  # noqa: ANN001
    answer = _ask(shops["jogunshop"], "20261122-0016 무통장으로 주문했는데 입금 언제까지?")
    assert "입금은 이미 확인된 주문" in answer.reply and not answer.handoff, answer.reply
    late = _ask(shops["jogunshop"], "20261122-0016 언제 출고돼요?")
    assert late.handoff, late.reply  # its delivery asked, long overdue: still a person


# -- a kind's word that finds one product weakly ----------------------------------------------------------------------
def test_a_kind_with_options_found_weakly_by_one_alias_lists_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "검정 티 L 있어요?").reply
    assert "베이직 반팔 티셔츠" in reply and "피케 카라 티셔츠" in reply, reply
    own = _ask(shops["jogunshop"], "피케티 블랙 L 있어요?").reply
    assert own.startswith("피케 카라 티셔츠 L 블랙"), own  # its own other name still names it
