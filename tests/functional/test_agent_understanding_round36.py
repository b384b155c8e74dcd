"""Offline agent, thirty-sixth round: baskets of one product in options of other prices, a conjunct that names only a
kind, an accessory named after its product, order numbers in no shape of the shop's, states the customer disputes,
and questions the product's texts are silent on.

Each test pins one mechanism, not one sentence: "마스크팩 10매짜리 3개랑 1매짜리 5개" is two lines of one product, each
at its own option's price; "토너랑 크림이랑 선크림" asks which cream, since the sunscreen is named on its own; "공청기
필터 2개" counts the purifier's filter; "주문번호 12345" is said to be no order number of the shop; "입금 안했다니까요
왜 결제완료에요?" goes to a person; "냉동해도 돼요?" of a product whose care says only "냉장" is said unstated.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker, chat

MONDAY = datetime(2027, 2, 1, 9, 30)
_ask = asker(MONDAY)
_chat = chat


# -- baskets -------------------------------------------------------------------------------------------------------------
def test_two_options_of_one_product_at_other_prices_are_two_lines_of_the_fee_basket(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "마스크팩 10매짜리 3개랑 1매짜리 5개 사면 배송비 있어요?").reply
    assert "55,000원" in reply and "15,000원 × 3" in reply and "2,000원 × 5" in reply, reply
    reply = _ask(shops["grocery"], "햅쌀 10kg 2개랑 20kg 1개 주문하면 배송비 무료에요?").reply
    assert "152,700원" in reply and "72,900원" in reply, reply
    reply = _ask(shops["grocery"], "햅쌀 10kg이랑 20kg 하나씩 사면 배송비 얼마에요?").reply
    assert "112,800원" in reply and "무료" in reply, reply


def test_a_basket_line_naming_only_a_kind_asks_which_product_is_meant(shops) -> None:  # noqa: ANN001
    # the cream is no sunscreen: that one is named on its own after it
    result = _ask(shops["cosmetics"], "토너랑 크림이랑 선크림 다 사면 얼마에요?")
    assert result.ask_back and "히알루론 수분 크림" in result.reply and "어성초 진정 토너" in result.reply, result.reply
    # a fee of an order whose amount is unknown until the product is: no amount of the rest alone
    result = _ask(shops["jogunshop"], "맨투맨 L 두개랑 비니 하나 사면 배송비 얼마예요?")
    assert result.ask_back and "어떤 맨투맨" in result.reply and "19,000원 주문" not in result.reply, result.reply


def test_an_accessory_named_after_its_product_takes_the_count(shops) -> None:  # noqa: ANN001
    history = _chat("공기청정기 A30 얼마에요?", "클린에어 공기청정기 A30은 289,000원이에요.")
    reply = _ask(shops["electronics"], "공청기 필터 2개 추가하면 얼마에요?", history).reply
    assert "367,000원" in reply and "× 3" not in reply, reply


# -- orders --------------------------------------------------------------------------------------------------------------
def test_a_number_given_as_an_order_number_in_no_shape_of_the_shop_is_said_unknown(shops) -> None:  # noqa: ANN001
    for shop, message, shape in (("jogunshop", "주문번호 12345 배송 어디쯤이에요?", "숫자 8자리"),
                                 ("electronics", "주문 123456789 언제 와요?", "숫자 7자리"),
                                 ("jogunshop", "order number 55512 where is it?", "8 digits")):
        result = _ask(shops[shop], message)
        assert result.ask_back and shape in result.reply and not result.handoff, (message, result.reply)
        assert "형식과 달라" in result.reply or "isn't in the form" in result.reply, (message, result.reply)
    # an order number in the shop's shape is looked up as before
    reply = _ask(shops["jogunshop"], "주문번호 20261015-0021 배송 어디쯤이에요?").reply
    assert "형식과 달라" not in reply and "배송완료" in reply, reply


def test_a_parcel_that_has_not_come_is_not_said_to_be_shown_delivered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "배송이 왜 안와요?").reply
    assert "배송완료로 표시" not in reply, reply
    reply = _ask(shops["jogunshop"], "배송완료라는데 못받았어요").reply
    assert "배송완료로 표시" in reply, reply


def test_an_order_state_the_customer_disputes_goes_to_a_person(shops) -> None:  # noqa: ANN001
    for message in ("입금 안했다니까요 왜 결제완료에요?", "취소했는데 왜 배송중이에요?"):
        result = _ask(shops["jogunshop"], message)
        assert result.handoff and "주문 상태" in result.reply, (message, result.reply)


# -- what the product's texts do not say ---------------------------------------------------------------------------------
def test_care_the_product_texts_never_name_is_said_unstated_before_its_care(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "소고기 냉동해도 돼요?").reply
    assert "냉동에 대해서는" in reply and "냉장 보관" in reply, reply
    reply = _ask(shops["grocery"], "한우 등심 냉장 보관해야 돼요?").reply
    assert "나와 있지 않아요" not in reply and "냉장 보관" in reply, reply


def test_how_two_options_differ_is_told_from_the_product_texts_or_said_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "적축이랑 갈축 차이가 뭐에요?").reply
    assert "가격은 같아요" in reply and "옵션 이름 외에" in reply and "나와 있지 않아요" in reply, reply
    reply = _ask(shops["grocery"], "햅쌀 10kg이랑 20kg 차이가 뭐에요?").reply
    assert "나와 있지 않아요" not in reply, reply  # quantities differ in what they say


def test_a_question_word_after_an_option_names_no_product_by_its_sound(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "기모후드티 블랙이랑 네이비 차이 있어요?").reply
    assert "차이나카라" not in reply and "네이비" in reply, reply


# -- problems that are none ----------------------------------------------------------------------------------------------
def test_a_stock_or_together_question_with_another_option_is_no_wrong_item(shops) -> None:  # noqa: ANN001
    history = _chat("카고팬츠 베이지 32 있어요?", "카고 팬츠 베이지 32는 품절이에요.")
    result = _ask(shops["jogunshop"], "카고는 다른 색 32 뭐 남았어요?", history)
    assert not result.handoff and "카키" in result.reply, result.reply
    result = _ask(shops["electronics"], "TV 주문했는데 다른 상품이랑 같이 와요?")
    assert not result.handoff and "TV는 설치 기사 배송" in result.reply, result.reply  # the clause written of TV
    result = _ask(shops["jogunshop"], "주문한 거랑 다른 색이 왔어요")
    assert result.handoff, result.reply  # a wrong item told is still one


# -- days, coupons, kinds of discount --------------------------------------------------------------------------------------
def test_a_message_left_on_a_day_named_is_answered_from_that_day(shops) -> None:  # noqa: ANN001
    for message in ("9일에 채팅 남기면 언제 답장 와요?", "ok so if I message on the 9th when do you reply?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert ("2월 10일(수) 10:00" in reply or "Feb 10 (Wed) 10:00" in reply) and "2월 1일" not in reply, (message, reply)
    reply = _ask(shops["jogunshop"], "3일에 문의하면 언제 답변 받아요?").reply
    assert "2월 3일(수)은 고객센터가 운영하는 날" in reply, reply


def test_a_coupon_asked_beside_a_price_gets_the_shops_coupon_rules(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "쿠폰 쓰면 수분크림 얼마에요?").reply
    assert "32,000원" in reply and "쿠폰은 이렇게 적용돼요" in reply and "3,000원 할인 쿠폰" in reply, reply


def test_whose_discount_is_read_past_a_verb_of_ordering(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "단체 주문하면 할인돼요?").reply
    assert "단체 할인에 대한 안내는" in reply and "스트라이프" not in reply, reply


def test_an_english_follow_up_that_adds_keeps_the_basket_before(shops) -> None:  # noqa: ANN001
    history = _chat("How much is shipping for 2 boxes of tofu and a tray of eggs?",
                    "Tofu 2,900 KRW × 2, eggs 12,900 KRW: 18,700 KRW in total. Shipping is 3,000 KRW.")
    reply = _ask(shops["grocery"], "if I add 2 packs of mackerel, is shipping free?", history).reply
    assert "44,500" in reply and "free" in reply, reply


# -- English rule frames -------------------------------------------------------------------------------------------------
def test_english_key_points_read_what_a_rule_lets_the_customer_do_as_a_sentence() -> None:
    from agent.english_gloss import gloss

    assert gloss("결제완료 상태에서는 마이페이지에서 바로 취소할 수 있습니다.") == "When paid: you can cancel it on My Page"
    assert gloss("상품준비중 상태에서는 채널톡으로 취소를 요청해 주세요.") == "When being prepared: request a cancellation via chat"
    assert gloss("무통장입금 주문은 입금 기한이 지나면 자동 취소됩니다.") == \
        "Bank transfer order: cancelled automatically after payment deadline"
    assert gloss("배송중 이후에는 취소가 아닌 반품으로 처리됩니다.") == "Once in transit: not cancellation but return"
    # a noun the glossary cannot read ("영수증") leaves no frame it is sure of: never "you can pay"
    assert "you can" not in gloss("간편결제는 각 결제사 앱에서 영수증을 확인할 수 있습니다.")


# -- part 2: conditions carried, ways to pay, sizes worn elsewhere ---------------------------------------------------------
def test_among_a_kind_listed_by_price_keeps_the_price_limit(shops) -> None:  # noqa: ANN001
    history = _chat("5만원 이하 니트 뭐 있어요?", "5만원 이하 니트는 크루넥 니트 49,000원이 있어요.")
    reply = _ask(shops["jogunshop"], "그 중에 네이비 있는거는요?", history).reply
    assert "크루넥 니트" in reply and "69,000원" not in reply and "65,000원" not in reply, reply


def test_a_rule_written_for_another_way_to_pay_is_said_to_be_that_ways(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "카카오페이로 결제하면 할부 되나요? 무이자도 되는지").reply
    assert "카드 결제 기준" in reply and "카카오페이 결제에 대해서는 따로 나와 있지 않아요" in reply, reply
    reply = _ask(shops["jogunshop"], "카카오페이 되나요?").reply
    assert "기준이라" not in reply and "결제하실 수 있어요" in reply, reply  # paying so is what is asked
    # a way asked about is the customer's case: the clause written for easy payments is theirs
    reply = _ask(shops["jogunshop"], "네이버페이로 결제하면 현금영수증 돼요?").reply
    assert "간편결제는 각 결제사 앱에서 영수증" in reply, reply


def test_the_size_advised_in_english_is_the_one_whose_stock_is_told(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "I usually wear 280 in sneakers. What size should I get for the chelsea boots, "
                                     "and is black in stock?").reply
    assert "we recommend 275" in reply and "275 black" in reply and "280 black" not in reply, reply


def test_whether_an_order_ships_free_leads_the_fee_sentence(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "울릉도인데 3만원 넘게 사면 배송비 무료죠?").reply
    assert reply.startswith("아니요,") and "5,000원" in reply, reply  # the remote surcharge still applies
    reply = _ask(shops["jogunshop"], "5만원이면 무료배송 되나요?").reply
    assert reply.startswith("네,") and "무료" in reply, reply
    reply = _ask(shops["jogunshop"], "is shipping free for 30,000 won?").reply
    assert reply.startswith("No, for a 30,000 KRW order"), reply


def test_two_products_asked_different_things_each_get_their_own_answer(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "계란 30구 대란이에요? 두부는 부침용이에요?").reply
    assert "대란" in reply and "부침용" in reply, reply
    reply = _ask(shops["grocery"], "들기름 뜯으면 냉장보관 해야돼요? 곱창김은 1봉에 몇장이에요").reply
    assert "냉장 보관" in reply and "봉당 5매" in reply and "관리 개봉" not in reply, reply  # not one garbled list
    # asked alike, they are listed side by side as before
    reply = _ask(shops["grocery"], "계란 한판 얼마에요? 두부는 얼마에요?").reply
    assert "12,900원" in reply and "2,900원" in reply, reply


def test_a_later_care_question_of_the_product_in_the_scene_is_answered_from_its_care_text(shops) -> None:  # noqa: ANN001
    history = _chat("한우 등심 아직 세일해요?", "한우 1++ 등심 300g은 52,000원이에요. 지금은 할인 중이 아니에요.")
    result = _ask(shops["grocery"], "두팩 사면 배송비 무료에요? 받으면 언제까지 먹어야돼요", history)
    assert not result.handoff and "수령 후 5일 이내" in result.reply and "104,000원" in result.reply, result.reply


def test_a_kind_of_service_no_text_names_is_said_unstated_in_a_one_question_turn(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "과일 선물세트 보자기 포장되나요?").reply
    assert "보자기 포장에 대해서는" in reply and "37,900원" in reply, reply


def test_a_korean_holiday_named_in_english_is_the_shops_holiday(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Are you open on Lunar New Year?", now=datetime(2027, 2, 4, 16, 10)).reply
    assert "Feb 6 (Sat)" in reply and "Feb 10 (Wed) 10:00" in reply and "Jan 1" not in reply, reply
