"""Offline agent, ninth round: what the customer asks decides who answers and what is said.

Each test pins one mechanism, not one sentence: the goods' price asked beside the fee is the product agent's (it
totals them and adds the fee), the fee alone stays the delivery agent's; a region's surcharge on a product quote is a
fact the reply may state; a complaint that something awaited has not happened gets the clause stating how long it
takes; 얼마나 of a fee is an amount, not a length of time; a fee question naming one product by part of its name
prices that product.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.turn_analysis import analyse_turn

NOW = datetime(2026, 12, 10, 11, 5)  # a Thursday


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = NOW):  # noqa: ANN001
    return pipeline.answer([message], history=history or [], now=now)


# -- who answers -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text"), [
    ("jogunshop", "골지 비니랑 니트 장갑 같이 사면 얼마고 무배 돼요?"),
    ("jogunshop", "기모 맨투맨이랑 와이드 슬랙스 같이 사면 얼마에요? 배송비도요"),
    ("jogunshop", "Chino pants and a leather belt together - total with shipping?"),
    ("electronics", "마우스 흰색이랑 충전기 재고랑 가격 알려주세요. 같이 사면 무배죠?"),
])
def test_the_goods_priced_beside_the_fee_go_to_the_product_agent(shops, shop: str, text: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.route == "product", (result.route, result.reply)
    assert "합계" in result.reply or "Together" in result.reply, result.reply


@pytest.mark.parametrize(("shop", "text"), [
    ("jogunshop", "셔츠 두 개랑 슬랙스 하나 사면 배송비는?"),
    ("jogunshop", "베이직 반팔 티셔츠랑 골지 비니 같이 사면 배송비 있어요?"),
    ("electronics", "그럼 마우스 하나만 시키면 배송비 총 얼마에요?"),
    ("electronics", "에어프라이어 하나 사면 총 배송비는요?"),
])
def test_the_fee_alone_stays_with_the_delivery_agent(shops, shop: str, text: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.route == "delivery", (result.route, result.reply)


def test_a_regions_surcharge_on_a_product_quote_is_stated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "반팔티 흰색 L 2장이랑 양말3팩 하나 담으면 배송비까지 총 얼마에요? 제주도예요")
    assert result.route == "product"
    assert "3,000원" in result.reply and "6,000원" in result.reply and "49,800원" in result.reply, result.reply


# -- a problem, with the rule it touches ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "반품 접수하고 물건 보낸지 2주 넘었는데 환불이 아직도 안됐어요 카드인데",
    "반품 접수한 지 일주일 넘었는데 아직 카드 취소가 안 됐어요",
])
def test_something_awaited_that_has_not_happened_gets_how_long_it_takes(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff, result.reply
    assert "3~7영업일" in result.reply, result.reply


@pytest.mark.parametrize("text", ["결제가 안돼요 카드 오류 떠요 ㅠㅠ", "교환 요청했는데 답이 없어요"])
def test_a_failure_now_quotes_no_period(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff and "영업일" not in result.reply, result.reply


# -- 얼마나 of a fee ----------------------------------------------------------------------------------------------
def test_how_much_of_a_fee_is_an_amount_not_a_time() -> None:
    assert "duration" not in analyse_turn("배송비 얼마나 붙어요?").concepts
    assert "duration" in analyse_turn("배송 얼마나 걸려요?").concepts
    assert "duration" in analyse_turn("배송비 내면 얼마나 걸려요?").concepts


def test_a_fee_question_with_how_much_gives_no_dispatch_dates(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "제주도 사는데 45000원어치 사면 배송비 얼마나와요").reply
    assert "6,000원" in reply and "출고" not in reply, reply


@pytest.mark.parametrize(("shop", "text"), [("grocery", "제주 사는데 배송비 얼마나 붙어요?"), ("grocery", "완도 사는데 배송비 얼마예요?"),
                                            ("electronics", "노트북 거치대 같은 거 사면 배송비 있어요?")])
def test_a_word_that_is_only_part_of_a_name_prices_no_product(shops, shop: str, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text).reply
    assert "주문 시" not in reply and "주문이면" not in reply, reply


# -- several products, counted ------------------------------------------------------------------------------------
def test_a_conjunct_names_its_product_by_a_clear_search_match(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "선크림 두개랑 폼클렌저 하나 총 얼마예요? 배송비도 붙나요?").reply
    assert "약산성 클렌징 폼" in reply and "52,600원" in reply, reply


def test_products_counted_to_buy_are_totalled(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "마우스 흰색 2개랑 충전기 1개 얼마에요? 오늘 보내주나요").reply
    assert "93,000원" in reply, reply


# -- one size --------------------------------------------------------------------------------------------------
def test_fit_of_a_one_size_product_is_its_measurements_not_free(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "does the beanie fit a big head").reply
    assert "56cm" in reply and "Fit: FREE" not in reply, reply


def test_a_measure_asked_beside_the_customers_own_gets_the_chart(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "벨트 허리 36인데 맞을까요? 길이 몇이에요").reply
    assert "28~36인치" in reply and "120cm" in reply, reply


def test_the_customers_own_measure_alone_adds_no_chart(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "벨트 허리 38인데 되나요").reply
    assert "벗어나요" in reply and "120cm" not in reply, reply


# -- an exchange of what was bought --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["셔츠 산 거 니트로 바꿀 수 있나요?", "사이즈 270으로 바꿀수 있어요? 아직 안보냈으면"])
def test_what_was_bought_changed_for_another_is_an_exchange(shops, text: str) -> None:  # noqa: ANN001
    assert "exchange" in analyse_turn(text).concepts
    assert _ask(shops["jogunshop"], text).route == "general"


@pytest.mark.parametrize("text", ["GD261121-008 주문한 건데 배송지 서울로 바꿀 수 있어요?", "키보드만 적축으로 바꿔서 받을수있어요?"])
def test_an_address_or_an_option_to_buy_changed_is_no_exchange(text: str) -> None:
    assert "exchange" not in analyse_turn(text).concepts


def test_an_exchange_for_another_kind_quotes_the_rule_of_the_same_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "셔츠 산 거 니트로 바꿀 수 있나요?").reply
    assert "같은 상품의 다른 사이즈·색상" in reply, reply


# -- what came is not what was shown -------------------------------------------------------------------------------
def test_what_came_unlike_its_listing_is_a_reported_problem(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "사과 사진이랑 너무 달라요 조그만 것들 섞여서 왔네요")
    assert result.route == "general" and result.handoff, result.reply
    assert "24시간" in result.reply, result.reply


def test_a_rule_asked_about_a_listing_difference_is_answered_without_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "받아보니 사진이랑 색감이 너무 달라요. 환불 돼요?")
    assert not result.handoff and result.route == "general", result.reply


# -- a region a rule's text never names -------------------------------------------------------------------------
RETURN_FEE = [{"role": "user", "text": "반품 배송비 얼마에요?"},
              {"role": "assistant", "text": "단순 변심 반품은 왕복 배송비 7,000원(편도 3,500원)입니다."}]


@pytest.mark.parametrize(("text", "history", "figure"), [
    ("제주도면 더 붙어요?", RETURN_FEE, "5,000원"),
    ("울릉도에서 반품하면 배송비 더 내요?", [], "8,000원"),
])
def test_a_region_the_rules_text_never_names_gets_its_sections_figure(shops, text: str, history: list[dict],  # noqa: ANN001
                                                                       figure: str) -> None:
    result = _ask(shops["electronics"], text, history)
    assert figure in result.reply and "별도 안내" not in result.reply, result.reply


def test_a_region_named_in_the_rules_text_is_quoted_from_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "제주도면 반품비 더 붙어요?").reply
    assert "제주는 편도 3,000원" in reply, reply


# -- a holiday named by the customer's word ------------------------------------------------------------------------
WINTER = datetime(2026, 12, 2, 10, 30)


@pytest.mark.parametrize("text", ["설연휴 배송 쉬는 날이 언제에요", "설 연휴에도 출고해요? 날짜 알려줘요", "설날 연휴에는 택배 안 보내나요?"])
def test_a_holiday_named_gets_its_days_and_when_parcels_leave_after_it(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text, now=WINTER)
    assert result.route == "delivery", result.reply
    assert "2월 6일(토)~2월 9일(화)" in result.reply and "2월 10일(수)에 출고" in result.reply, result.reply


def test_holidays_are_matched_by_their_own_word_never_inside_another() -> None:
    from agent.delivery_facts import holidays_named
    from core.knowledge.manager import get_knowledge

    policy = get_knowledge().delivery_policy()
    assert [d for d, _ in holidays_named(policy, "크리스마스에도 배송돼요?")] == ["2026-12-25"]
    assert holidays_named(policy, "설치 기사님 언제 와요? 설명 좀 해주세요") == []
    assert len(holidays_named(policy, "설날에 주문하면요")) == 4


def test_a_day_of_ordering_said_keeps_its_estimate(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "크리스마스 선물로 살건데 24일 오후에 주문하면 언제 와요?", now=WINTER).reply
    assert "쉬는 날이라" not in reply, reply


# -- an order's state asked -----------------------------------------------------------------------------------------
def test_an_after_sale_step_asked_of_as_done_is_the_orders_status(shops) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    text = "주문번호 20261117-0004 취소된거 맞죠?"
    pipeline = shops["jogunshop"]  # asked by the order's verified owner
    result = pipeline.answer([text], history=[], now=NOW, customer=owner_of_orders(pipeline, [text], []))
    assert result.route == "delivery" and "'취소' 상태" in result.reply, result.reply
    assert "마이페이지" not in result.reply, result.reply


def test_why_an_order_was_cancelled_is_still_the_rules(shops) -> None:  # noqa: ANN001
    assert _ask(shops["jogunshop"], "20261121-0023 왜 취소됐어요?? 저 취소한 적 없는데").route == "general"


# -- a count, then 사면 --------------------------------------------------------------------------------------------
def test_a_count_then_samyeon_is_buying_that_many(shops) -> None:  # noqa: ANN001
    assert "buy" in analyse_turn("2개 사면?").concepts
    history = [{"role": "user", "text": "플리스 집업 블랙 L 얼마?"},
               {"role": "assistant", "text": "플리스 집업 블랙 L은 51,700원(정가 69,000원)이에요."}]
    reply = _ask(shops["jogunshop"], "ㅇㅋ 2개 사면?", history, now=WINTER).reply
    assert "103,400원" in reply and "소재" not in reply, reply


# -- the amount asked, beside the customer's conditions --------------------------------------------------------------
def test_an_amount_asked_with_conditions_gets_the_clause_stating_it(shops) -> None:  # noqa: ANN001
    text = "3일 전에 받은 수분크림 아예 안뜯었는데 반품하면 배송비 얼마에요? 무료배송으로 샀어요"
    reply = _ask(shops["cosmetics"], text).reply
    assert "7일 기간 안" in reply and "5,000원" in reply, reply


def test_a_later_question_the_earlier_answer_covers_keeps_both_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "고객센터 몇시까지 해요? 오프라인 매장도 있어요?").reply
    assert "09:00~18:00" in reply and "오프라인 매장은 없습니다" in reply, reply


# -- a quantity in a unit only the shop's rules state ----------------------------------------------------------------
@pytest.mark.parametrize("text", ["Is the laptop 220V only? I'm moving to the US next month",
                                  "I'm moving to the US. Can I use your kettle there on 110V?", "전기포트 110V 나라에서도 써져요?"])
def test_a_unit_the_product_never_states_gets_the_shops_sentence_on_it(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text).reply
    assert "220V 전용" in reply, reply


def test_a_unit_the_product_states_keeps_its_own_text(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "충전기 65W 맞죠?").reply
    assert "65W" in reply and "220V" not in reply, reply


@pytest.mark.parametrize("text", ["What's the warranty on the headphones?", "헤드폰 보증 기간 얼마나 돼요?"])
def test_a_products_warranty_is_the_shops_rule(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], text)
    assert result.route == "general" and "1년" in result.reply, result.reply


def test_a_price_asked_beside_a_warranty_word_stays_the_products(shops) -> None:  # noqa: ANN001
    assert _ask(shops["electronics"], "보증 포함해서 헤드폰 얼마에요?").route == "product"


def test_a_decimal_quantity_is_no_count() -> None:
    from agent.mentions import _counts

    assert _counts("Whats the price of the air fryer? is it 5.5L basket?") == []
    assert [v for _, v in _counts("how much for two?")] == [2]


# -- a person declined, the service asked about ------------------------------------------------------------------
def test_a_person_declined_then_the_service_asked_about_is_no_request(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "직원분 연결 안해주셔도 돼요. 주말에도 상담하는지만 알려주세요")
    assert not result.handoff and "주말" in result.reply and "재입고" not in result.reply, result.reply


def test_a_double_negative_asks_for_a_person(shops) -> None:  # noqa: ANN001
    assert _ask(shops["jogunshop"], "상담원 연결 안 해주시면 안돼요? 급해요").handoff


# -- after review: where each mechanism stops -----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["지금 주문하면 크리스마스 전에 받을 수 있어요?", "설 연휴 전에 받으려면 언제까지 주문해야 돼요?"])
def test_a_holiday_to_arrive_before_is_no_day_of_ordering(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=WINTER).reply
    assert "12월 2일(수)에 출고" in reply, reply
    # (the holiday's days, said since round 25 as the days nothing ships, come after the deadline, never as the order day)
    assert "쉬는 날이라" not in reply.split("까지 받")[0], reply


def test_only_a_holidays_head_word_names_it() -> None:
    from types import SimpleNamespace

    from agent.delivery_facts import holidays_named

    policy = SimpleNamespace(holiday_names={"2026-11-26": "물류센터 재고 실사", "2027-05-05": "어린이날"})
    assert holidays_named(policy, "수분크림 재고 있으면 바로 배송되나요?") == []
    assert holidays_named(policy, "어린이 사이즈 있어요?") == []
    assert [d for d, _ in holidays_named(policy, "어린이날에도 출고해요?")] == ["2027-05-05"]
    assert holidays_named(SimpleNamespace(holiday_names=None), "설 연휴에도 출고해요?") == []


@pytest.mark.parametrize("text", ["환불 완료되면 카드 취소는 며칠 걸려요?", "취소 완료되면 쿠폰은 돌려받나요?",
                                  "반품 완료됐는데 환불은 언제 들어와요?", "교환 완료 후에 한 번 더 교환 가능한가요?"])
def test_an_after_sale_step_as_a_condition_is_no_state_asked(text: str) -> None:
    from agent.route_evidence import _STATE_ASKED

    assert _STATE_ASKED.search(text) is None


def test_a_region_asked_of_whether_the_rule_applies_gets_the_rule_and_its_figure(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "제주도에서도 반품 가능해요?").reply
    assert "7,000원" in reply and "5,000원" in reply and "별도 안내" not in reply, reply


@pytest.mark.parametrize("text", ["시킨 거 배송 메모 문앞으로 바꿀 수 있어요?", "주문한 거 결제수단 카드로 바꿀 수 있어요?",
                                  "주문한 거 택배사 우체국으로 바꿀 수 있어요?"])
def test_changing_what_is_not_the_goods_is_no_exchange(text: str) -> None:
    assert "exchange" not in analyse_turn(text).concepts


def test_a_clause_saying_it_is_free_needs_no_fee_added(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "불량인데 반품하면 배송비 얼마에요?").reply
    assert "무료" in reply and "7,000원" not in reply, reply


def test_a_failure_now_with_asik_quotes_no_refund_period(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "카드 결제가 아직도 안 돼요 ㅠㅠ 계속 오류나요").reply
    assert "영업일" not in reply, reply


def test_how_much_more_to_buy_for_free_shipping_stays_the_delivery_agents(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "선크림 담았는데 무료배송 되려면 얼마 더 사야 돼요?")
    assert result.route == "delivery" and "10,200원" in result.reply, result.reply


def test_a_listing_difference_with_praise_reports_no_problem() -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn("사진과 실물이 너무 달라요 받았는데 실망이에요")) == "defect"
    assert problem_kind(analyse_turn("받았는데 사진이랑 좀 달라도 예쁘네요 만족해요")) != "defect"


# -- a word naming a category as much as a product ------------------------------------------------------------
def test_the_kinds_or_the_cheapest_of_a_category_word_list_the_category(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "청바지 종류 뭐뭐 있어요? 제일 싼게 뭐에요").reply
    assert reply.startswith("가장 저렴한 청바지는") and "데님" in reply, reply


def test_a_word_of_a_category_of_several_kinds_keeps_its_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "hoodie 제일 싼 거 얼마에요?").reply
    assert "맨투맨" not in reply and "49,000원" in reply, reply


def test_a_category_word_asked_its_price_stays_the_product(shops) -> None:  # noqa: ANN001
    assert _ask(shops["jogunshop"], "청바지 얼마에요?").reply.startswith("스트레이트 데님 팬츠")


# -- a person asked for outside the staffed hours ------------------------------------------------------------------
FRIDAY_EVENING = datetime(2026, 12, 11, 19, 50)


def test_a_person_asked_for_after_hours_is_told_when_staff_answer(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "상담원 연결해 주세요", now=FRIDAY_EVENING)
    assert result.handoff and "12월 14일(월) 10:00부터" in result.reply and "잠시만" not in result.reply, result.reply
    english = _ask(shops["jogunshop"], "can I talk to a human?", now=FRIDAY_EVENING).reply
    assert "Dec 14 (Mon) 10:00" in english, english


def test_a_problem_handed_over_after_hours_promises_nothing_right_away(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "계란 깨져서 왔어요", now=FRIDAY_EVENING).reply
    assert "12월 14일(월) 08:00부터" in reply and "바로" not in reply, reply


def test_within_the_hours_a_person_answers_in_a_moment(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "상담원 연결해 주세요").reply
    assert "잠시만 기다려" in reply and "운영 시간이 아니라서" not in reply, reply


def test_a_shop_clause_quoted_after_hours_is_never_reworded(shops) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    text, pipeline = "주문 취소하고 싶어요 20261122-0016", shops["jogunshop"]
    result = pipeline.answer([text], history=[], now=FRIDAY_EVENING, customer=owner_of_orders(pipeline, [text], []))
    # (at 결제완료 the customer cancels on My Page: the clause says so, word for word, and no person is needed;
    # round 31)
    assert not result.handoff and "마이페이지에서 바로 취소할 수 있습니다" in result.reply, result.reply
