"""Offline agent, thirty-first round: a question of the same message about a thing of the product beside its stock,
a basket carried across turns and grown, two values of one product in one basket, and what an English "leave" ships.

Each test pins one mechanism, not one sentence: "린넨셔츠 L 있나요? 겨울에도 입을만해요?" gets the stock and the season;
"선크림 재고 있어요? 백탁 있나요?" the stock and that the texts do not say; "물빠짐 심해요? 흑청 32 재고는요?" the
product's own sentence on fading before the stock; "한우 등심도 하나 추가하면요?" after a basket of two products totals
all three with their counts; "틴트 로지랑 코랄 하나씩, 마스카라 하나" prices two tints and the mascara.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

SUNDAY = datetime(2026, 12, 6, 10, 0)
SATURDAY = datetime(2027, 1, 16, 13, 10)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = SUNDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a later question of a thing of the same product ------------------------------------------------------------------
def test_a_season_asked_beside_the_stock_is_answered_too(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨셔츠 L 있나요? 겨울에도 입을만해요?").reply
    assert "화이트 40개" in reply and "겨울 시즌 상품으로 나온 건 아니에요" in reply, reply


def test_a_quality_the_texts_do_not_state_is_said_unstated_beside_the_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "선크림 재고 있어요? 백탁 있나요?").reply
    assert "30개" in reply and "백탁 여부는 상품 정보에 따로 나와 있지 않아요" in reply, reply
    assert reply.count("19,800원") == 1, reply  # the price is not said again for the second question


def test_a_quality_asked_first_gets_the_products_own_sentence_before_the_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "생지데님 물빠짐 심해요? 흑청 32 재고는요?", now=SATURDAY).reply
    assert reply.startswith("워싱하지 않은 생지 원단으로") and "흑청은 현재 품절" in reply, reply


def test_the_option_named_is_no_thing_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "첼시부츠 블랙 255 몇개 남았어요? 방수 돼요?", now=SATURDAY).reply
    assert "1개 남아 있어요" in reply and "블랙 정보" not in reply, reply


def test_a_quality_the_answer_already_speaks_to_is_not_said_unstated(shops) -> None:  # noqa: ANN001
    # the filling answers "따뜻해요?"; the SPF sentence answers "자외선차단"
    for shop, message in (("jogunshop", "패딩 따뜻해요? 충전재 뭐에요"), ("cosmetics", "쿠션 자외선차단도 돼요? 용량은 몇그램?")):
        reply = _ask(shops[shop], message).reply
        assert "여부는" not in reply, reply


@pytest.mark.parametrize("message", ["로퍼 세일 언제까지에요 ㅠ 오늘 사야되나", "계란 동물복지임? 무항생제 맞아요?"])
def test_a_later_question_of_buying_or_of_the_name_adds_nothing(shops, message: str) -> None:  # noqa: ANN001
    shop = shops["grocery"] if "계란" in message else shops["jogunshop"]
    reply = _ask(shop, message).reply
    assert "여부는" not in reply and "가격은" not in reply.split(".", 1)[-1], reply


# -- what an English "leave" ships ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, ships", [("Does it leave a white cast?", False), ("does the toner leave any residue?", False),
                                         ("When will my order leave the warehouse?", True)])
def test_to_leave_something_behind_ships_nothing(text: str, ships: bool) -> None:
    assert analyse_turn(text).has("dispatch") == ships


# -- a basket carried across turns ------------------------------------------------------------------------------------
_EGGS_AND_LAVER = [{"role": "user", "text": "계란 30구 2판이랑 곱창김 하나 사면 얼마에요?"},
                   {"role": "assistant", "text": "무항생제 유정란 30구 2개 25,800원, 완도 곱창김 10봉 8,900원, 합계 34,700원이에요."}]


def test_a_product_added_to_a_basket_keeps_the_baskets_counts(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "한우 등심도 하나 추가하면요?", _EGGS_AND_LAVER).reply
    assert "86,700원" in reply and "12,900원 × 2" in reply, reply


def test_one_more_of_a_product_in_the_basket_is_counted_on_top(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "계란 30구 1판이랑 두부 하나 얼마에요?"},
               {"role": "assistant", "text": "무항생제 유정란 30구 12,900원, 국산콩 두부 300g 2,900원, 합계 15,800원이에요."}]
    reply = _ask(shops["grocery"], "계란 한판 더 추가하면 총 얼마?", history).reply
    assert "28,700원" in reply, reply


# -- two values of one product in one basket --------------------------------------------------------------------------
def test_two_values_of_one_product_are_two_lines_of_the_basket(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "틴트 로지랑 코랄 하나씩, 마스카라 하나 사면 얼마에요?").reply
    assert "01 로지" in reply and "02 코랄" in reply and "44,000원" in reply, reply


def test_each_value_keeps_its_own_count(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "틴트 로지 2개랑 코랄 1개, 마스카라 하나 사면 얼마에요?").reply
    assert "58,000원" in reply, reply


# -- an English yes/no question answered by the one clause that holds its things --------------------------------------
@pytest.mark.parametrize("shop, message, verdict", [
    ("jogunshop", "Can I use points and a coupon together?", "Yes."),
    ("grocery", "Can I return fresh food if I change my mind?", "No, I'm afraid not."),
    ("grocery", "Can I return a bag of rice if it's unopened?", "Yes."),
])
def test_the_clause_holding_the_questions_things_says_yes_or_no(shops, shop: str, message: str, verdict: str) -> None:  # noqa: ANN001
    assert _ask(shops[shop], message).reply.startswith(verdict)


def test_a_clause_that_says_may_gives_no_verdict(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Can I use a coupon on sale items?").reply
    assert not reply.startswith(("Yes", "No")), reply  # "일부 할인 상품은 쿠폰 적용이 제외될 수 있습니다"


def test_the_no_clause_is_glossed_before_the_korean(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "Can I return fresh food if I change my mind?").reply
    assert "Fresh food: change of mind return not possible." in reply, reply


# -- a cancellation the customer makes themselves at the order's stage ------------------------------------------------
def test_a_cancel_wish_at_a_stage_the_customer_cancels_on_my_page_is_no_handoff(shops) -> None:  # noqa: ANN001
    for message in ("20261122-0001 주문 취소하고 싶어요", "20261122-0001 주문 취소하고 싶어요. 환불은 언제 돼요?"):
        result = _ask(shops["jogunshop"], message, now=SATURDAY)
        assert not result.handoff and "마이페이지에서 바로 취소할 수 있습니다" in result.reply, result.reply


def test_a_cancel_wish_at_a_stage_staff_cancel_is_still_handed_over(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261121-0005 주문 취소하고 싶어요", now=SATURDAY)
    assert result.handoff, result.reply


# -- a fee follow-up of a basket -------------------------------------------------------------------------------------
_TWO_TEES_TO_JEJU = [{"role": "user", "text": "제주도 사는데 반팔티 2장 사면 배송비 얼마예요?"},
                     {"role": "assistant", "text": "베이직 반팔 티셔츠 15,900원 × 2, 합계 31,800원이에요. 제주 지역 31,800원 주문 시 "
                                                   "배송비는 6,000원이에요."}]


@pytest.mark.parametrize("message", ["한장 더 추가해서 3장이면요?", "한장 더 추가하면요?"])
def test_one_more_of_a_quoted_order_is_the_order_grown_by_one(shops, message: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message, _TWO_TEES_TO_JEJU, now=SATURDAY)
    assert result.route == "delivery" and "15,900원 × 3" in result.reply and "47,700원" in result.reply, result.reply


def test_a_fee_asked_after_a_baskets_total_is_that_baskets_fee(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "비니랑 장갑이랑 머플러 다 차콜로 사면 합쳐서 얼마에요?"},
               {"role": "assistant", "text": "합계 73,000원이에요."}]
    reply = _ask(shops["jogunshop"], "배송비는 따로 있어요? 제주에요", history, now=SATURDAY).reply
    assert "73,000원" in reply and "추가 배송비 3,000원만" in reply, reply


def test_the_option_asked_in_the_message_keeps_the_product_of_the_turn_before(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "뽀글이 아이보리 M 있어요?"},
               {"role": "assistant", "text": "플리스 집업 M 사이즈 아이보리는 현재 품절이에요. M은 블랙 19개, 브라운 7개가 있어요."}]
    reply = _ask(shops["jogunshop"], "브라운 M은 몇개 있어요? 그걸로 두개 사면 배송비 붙나요", history, now=SATURDAY).reply
    assert "138,000원" in reply and "무료" in reply, reply


# -- the values of a kind asked after a sold-out option ---------------------------------------------------------------
@pytest.mark.parametrize("message, said", [
    ("더블코트 카멜 L 있어요? 없으면 카멜은 무슨 사이즈 남았어요?", "카멜은 S 35개, M 36개, XL 18개가 있어요"),
    ("Do you have the double coat in camel L? If not, what sizes are left in camel?", "In camel (카멜), these are in stock"),
])
def test_the_sizes_asked_of_a_colour_keep_the_colour(shops, message: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message, now=SATURDAY).reply
    assert said in reply and "실측" not in reply and "Measurements" not in reply, reply


# -- a request said first, a question of a term after it --------------------------------------------------------------
@pytest.mark.parametrize("message", ["20261121-0005 취소해주세요. 카드 환불은 며칠 걸려요?", "취소해주세요. 카드 환불은 며칠 걸려요?"])
def test_a_request_beside_a_question_of_a_term_is_handed_over_and_answered(shops, message: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message, now=SATURDAY)
    assert result.handoff and "3~7영업일" in result.reply, result.reply


# -- why an order placed now does not ship today -----------------------------------------------------------------------
def test_the_cut_off_restated_is_no_order_time_and_the_weekend_is_why(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "14시 전 주문하면 당일출고라면서요 지금 1시인데 왜 월요일이에요?", now=SATURDAY).reply
    assert "오늘은 주말이라 출고하지 않아요" in reply and "14시에 주문하시면" not in reply, reply


def test_no_sale_to_come_is_said_when_the_next_sale_of_a_product_is_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "옥스포드 셔츠 다음 세일 언제에요?", now=SATURDAY).reply
    assert "다음 할인 일정은 따로 안내된 내용이 없어요" in reply, reply


# -- warmth asked: the seasons the product is made for ---------------------------------------------------------------
@pytest.mark.parametrize("message, said", [("플란넬 셔츠 따뜻해요?", "가을·겨울 시즌 상품이에요"),
                                           ("Is the flannel check shirt warm?", "made for autumn and winter")])
def test_warmth_asked_is_answered_by_the_seasons(shops, message: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message, now=SATURDAY).reply
    assert said in reply and "여부는" not in reply, reply


# -- English replies name the option's colour in English ---------------------------------------------------------------
def test_an_english_stock_line_glosses_the_colour(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Is the MA-1 bomber available in black size M?", now=SATURDAY).reply
    assert "M black (블랙)" in reply, reply


# -- a statement after two questions is the second one's condition ----------------------------------------------------
def test_a_trailing_statement_keeps_the_two_questions_apart(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "polo shirt white L - how many left? Can I get it by Tuesday if I order now? "
                                     "I'm in Seoul", now=SATURDAY).reply
    assert "In stock: 2" in reply and "ships on Jan 18 (Mon)" in reply, reply


# -- a later question echoed by the product's own sentence --------------------------------------------------------------
def test_the_customers_word_echoed_by_the_products_sentence_answers_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "핸드크림 무화과 재고요, 끈적이나요?").reply
    assert "16개" in reply and "끈적임 없이" in reply, reply


# -- an amount added to the order quoted before -----------------------------------------------------------------------
@pytest.mark.parametrize("message, history", [
    ("and if I add another 15,000 won item, is shipping free?",
     [{"role": "user", "text": "Do you deliver to Jeju? How much is shipping for a 30,000 won order?"},
      {"role": "assistant", "text": "For a 30,000 KRW order to 제주, shipping is 7,000 KRW."}]),
    ("거기에 만오천원 더 담으면 무료배송이에요?",
     [{"role": "user", "text": "3만원 사면 제주 배송비 얼마에요?"}, {"role": "assistant", "text": "30,000원 주문 시 배송비는 7,000원이에요."}]),
])
def test_an_amount_added_grows_the_order_before(shops, message: str, history: list[dict]) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], message, history, now=SATURDAY).reply
    assert "45,000" in reply and "4,000" in reply, reply


def test_the_cut_off_named_beside_now_is_no_order_time(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "12시 넘었는데 지금 시키면 택배로 언제 와요? 부산이에요", now=SATURDAY).reply
    assert "지금 주문하시면" in reply and "12시에 주문하시면" not in reply, reply


# -- the areas a rule serves, not those it refuses --------------------------------------------------------------------
def test_an_area_a_rule_refuses_is_not_listed_as_served(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "Do you deliver early morning to Busan?", now=SATURDAY).reply
    assert "(Seoul, Gyeonggi, Incheon)" in reply, reply


# -- a rule's list of cases glossed as one ----------------------------------------------------------------------------
def test_a_rules_list_of_cases_is_glossed_as_one_condition() -> None:
    from agent.english_gloss import key_points

    said = key_points(["택(태그) 제거, 착용·세탁 흔적, 향수·체취 등 오염, 포장 훼손으로 상품 가치가 떨어진 경우 반품이 불가합니다."])
    assert said == "Return not possible if: tag removed, worn / washed, soiled, damaged packaging.", said


# -- a shop text written of other products than the one named ----------------------------------------------------------
def test_a_faq_of_other_products_does_not_answer_for_the_product_named(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "선크림 쓰고 얼굴에 뾰루지 올라왔어요 ㅠㅠ 벌써 반 넘게 썼는데 환불 되나요?").reply
    assert "피부과 전문의 소견서" in reply and "장벽 크림" not in reply, reply


# -- a thing told not working, then a rule asked -------------------------------------------------------------------------
def test_a_thing_told_not_working_is_weighed_by_the_defect_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "헤드폰 받은지 10일 됐는데 한쪽이 안들려요 ㅡㅡ 교환 되나요?", now=SATURDAY)
    assert "14일 기간 안이에요" in result.reply and "7일 기간이 지난" not in result.reply, result.reply
    assert result.handoff


@pytest.mark.parametrize("text", ["사이즈가 안 맞는데 교환돼요?", "색이 마음에 안 들어요 교환 돼요?", "교환이 안 되나요?"])
def test_a_fit_or_a_liking_is_no_fault(text: str) -> None:
    assert not analyse_turn(text).has("defect")


def test_a_count_asked_gets_no_yes_from_a_clause_that_allows_only_so_many(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Can I use two coupons on one order?").reply
    assert not reply.startswith("Yes") and "1 coupon per order" in reply, reply


# -- a pre-order said once ---------------------------------------------------------------------------------------------
def test_a_pre_order_is_said_once_when_the_rules_clause_says_it_all(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "절임배추 지금 주문하면 언제 받아요? 가격은요", now=datetime(2026, 12, 21, 16, 40)).reply
    assert reply.count("예약") == 1 and reply.count("12월 1일") == 1 and "39,000원" in reply, reply
