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


# -- a sale that ended ----------------------------------------------------------------------------------------------------
def test_a_price_remembered_from_an_ended_sale_says_when_the_sale_ended(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "한우등심 저번에 44200원이었는데 지금 왜 52000원이에요?")
    assert "11월 29일" in result.reply and "44,200원" in result.reply and "52,000원" in result.reply, result.reply


def test_a_variant_seen_after_its_sale_keeps_the_ended_sale() -> None:
    from core.knowledge.model import Variant

    seen = Variant(sku="X", options=(), stock=1, price=44200, list_price=52000, sale_until="2026-11-29").as_of("2026-12-09")
    assert seen.price == 52000 and not seen.on_sale and seen.sale_ended == ("2026-11-29", 44200)


# -- a value's number glued to its name -----------------------------------------------------------------------------------
def test_a_value_number_glued_to_its_name_is_that_value(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "틴트 색상 뭐뭐 있어요?"},
               {"role": "assistant", "text": "벨벳 무드 틴트의 색상은 01 로지, 02 코랄, 03 칠리, 04 모브가 있어요."}]
    result = _ask(shops["cosmetics"], "02코랄 3개 주세요 재고 되죠?", history)
    assert "02 코랄은 현재 8개" in result.reply and "01 로지" not in result.reply, result.reply


# -- a fault supposed, not reported ---------------------------------------------------------------------------------------
def test_a_late_parcel_with_a_supposed_fault_is_the_late_parcel(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "DN-004512 한우가 아직도 안왔어요 상하면 어떡해요")
    assert result.route == "delivery" and "받으신 상품에 문제" not in result.reply, result.reply


# -- goods taken out of an order not shipped ------------------------------------------------------------------------------
_ORDER_SHOWN = [{"role": "user", "text": "DN-004530 주문확인요"},
                {"role": "assistant", "text": "주문번호 DN-004530은 현재 '상품준비중' 상태예요."}]


def test_goods_taken_out_of_an_order_not_shipped_go_to_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "계란은 빼고 김만 받을 수 있나요?", _ORDER_SHOWN)
    assert result.route == "general" and result.handoff and "일부 상품" in result.reply, result.reply


def test_every_item_of_an_order_named_is_the_cancellation_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0016 반팔티 주문 그냥 취소하고 싶어요")
    assert "마이페이지" in result.reply and "일부 상품" not in result.reply, result.reply


# -- a request's case told, with a question on it -------------------------------------------------------------------------
def test_the_case_of_a_return_told_with_its_fee_asked_is_the_returns_fee(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "반품하려구요"},
               {"role": "assistant", "text": "단순 변심 반품 배송비는 왕복 5,000원(무료배송 주문이 아니면 편도 2,500원)입니다."}]
    result = _ask(shops["cosmetics"], "미개봉이고 그저께 받았어요 배송비 얼마 내야돼요?", history)
    assert result.route == "general" and "5,000원" in result.reply and "7일" in result.reply, result.reply


# -- a message received is no parcel --------------------------------------------------------------------------------------
def test_a_notice_received_is_no_parcel_arriving(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "재입고 알림 받을수있나요")
    assert result.route == "product" and "재입고 알림" in result.reply, result.reply


# -- a basket said as a condition after a fee quote -----------------------------------------------------------------------
def test_a_basket_said_after_a_fee_quote_is_that_fee_for_the_basket(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주 서귀포인데 배송비 얼마에요?"},
               {"role": "assistant", "text": "제주 지역은 기본 배송비 2,500원에 추가 배송비 3,000원이 붙어요."}]
    result = _ask(shops["cosmetics"], "선크림이랑 핸드크림 하나씩 사면요?", history)
    assert result.route == "delivery" and "28,800원" in result.reply and "5,500원" in result.reply, result.reply


# -- a service's cost added to the price ----------------------------------------------------------------------------------
def test_a_service_cost_asked_in_all_is_added_to_the_price(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "TV 55인치 얼마에요"}, {"role": "assistant", "text": "4K 스마트 TV의 가격은 790,000원입니다."}]
    result = _ask(shops["electronics"], "벽걸이로 하면 총 얼마 들어요?", history)
    assert "60,000원" in result.reply and "850,000원" in result.reply, result.reply


# -- words of the products just shown -------------------------------------------------------------------------------------
def test_a_name_word_only_one_shown_product_has_is_that_product(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "코듀로이 셋업 자켓 브라운 L이랑 팬츠 브라운 32 둘다 있어요?"},
               {"role": "assistant", "text": "코듀로이 셋업 자켓 L 브라운: 품절 / 코듀로이 셋업 팬츠 32 사이즈 브라운: 재고 42개."}]
    result = _ask(shops["jogunshop"], "자켓은 얼마에요?", history)
    assert result.reply.startswith("코듀로이 셋업 자켓") and "데님 트러커" not in result.reply, result.reply


_COATS = [{"role": "user", "text": "코트 추천해주세요"},
          {"role": "assistant", "text": "코트 중에서는 싱글 울 코트 183,200원, 더블 울 코트 259,000원, 발마칸 코트 289,000원이 있어요."}]


def test_two_name_words_of_shown_products_compare_those_two(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "그럼 싱글이랑 더블 차이가 뭐에요", _COATS)
    assert "싱글 울 코트" in result.reply and "더블 울 코트" in result.reply and "블레이저" not in result.reply, result.reply


def test_a_word_every_shown_product_has_picks_none(shops) -> None:  # noqa: ANN001
    from agent.product_facts import _words_of_shown
    from agent.turn_context import make_turn

    knowledge = shops["jogunshop"].knowledge_provider()
    turn = make_turn("코트는 얼마에요?", _COATS, WEDNESDAY_EVENING)
    assert _words_of_shown(knowledge, turn, turn.text) == []


def test_pick_one_for_me_asks_among_the_kind_discussed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "가성비 좋은걸로 하나만 골라주세요", _COATS)
    assert "싱글 울 코트" in result.reply and "양말" not in result.reply, result.reply


# -- a service asked with its reason --------------------------------------------------------------------------------------
def test_an_unstated_service_asked_with_a_reason_sentence_is_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "슬랙스 기장 수선 해주나요? 너무 길 것 같아서")
    assert "기장 수선" in result.reply and "나와 있지 않아요" in result.reply and "와이드 슬랙스" not in result.reply, result.reply


# -- a word derived from an unknown noun ----------------------------------------------------------------------------------
def test_a_thing_asked_by_a_derived_word_is_said_as_written(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "여성용도 있어요? 여자친구 선물하려고요")
    assert "'여성용'" in result.reply and "옥스포드" not in result.reply, result.reply


# -- a kind of discount the shop never writes -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind", [("학생 할인 있어요?", "학생"), ("군인 할인 되나요?", "군인"), ("student discount?", "student")])
def test_a_kind_of_discount_no_text_writes_is_said_unstated_with_the_coupons(shops, text: str, kind: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert kind in result.reply and "5,000원" in result.reply and "오버핏 코튼 셔츠" not in result.reply, result.reply


@pytest.mark.parametrize("text", ["지금 할인하는 셔츠 뭐뭐 있어요?", "셔츠 중에 세일하는거 뭐있어요?"])
def test_the_goods_on_sale_asked_are_listed(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "오버핏 코튼 셔츠" in result.reply and "안내는" not in result.reply, result.reply


# -- a minimum weighed for what the customer says they buy ----------------------------------------------------------------
def test_a_request_on_a_purchase_below_the_rules_minimum_is_told_so(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "선크림 하나만 사는데 샘플 많이 넣어주세요~")
    assert "19,800원" in result.reply and "못 미쳐요" in result.reply, result.reply


# -- what a set holds -----------------------------------------------------------------------------------------------------
def test_whats_inside_a_kit_lists_its_parts(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "What's the price of the travel kit and what's inside?")
    assert "12,000 KRW" in result.reply and "토너" in result.reply, result.reply


def test_a_sets_part_is_said_with_the_measure_its_description_writes(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "과일 선물세트 구성이 어떻게 돼요?")
    assert "청송 꿀사과 3kg" in result.reply and "2.5kg" in result.reply and "1개" not in result.reply, result.reply


# -- something appeared on the skin ---------------------------------------------------------------------------------------
def test_something_come_up_on_the_face_after_use_is_a_skin_trouble(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "장벽크림 쓰고 얼굴에 뭐가 났어요 2주정도 썼어요 환불돼요?")
    assert result.route == "general" and "30일" in result.reply and "영업일" not in result.reply, result.reply


# -- orders taken ---------------------------------------------------------------------------------------------------------
def test_a_kind_of_order_no_text_writes_is_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "롱패딩 예약주문 받나요?")
    assert "예약" in result.reply and "나와 있지 않아요" in result.reply and "329,000원" not in result.reply, result.reply


def test_a_count_of_goods_ordered_is_no_service(shops) -> None:  # noqa: ANN001
    from agent.services import unstated_service
    from agent.turn_analysis import analyse_turn

    knowledge = shops["grocery"].knowledge_provider()
    assert unstated_service(knowledge, analyse_turn("20키로로 2포대 주문 가능해요?")) is None


# -- a figure the customer states against the product's one figure --------------------------------------------------------
@pytest.mark.parametrize("text, side", [("공기청정기 34평 거실에 써도 돼요?", "커요"), ("공기청정기 20평 방에 괜찮나요?", "작아요")])
def test_a_stated_figure_is_weighed_against_the_products_own(shops, text: str, side: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], text)
    assert "30평 기준보다 " + side in result.reply, result.reply


def test_a_range_the_product_states_is_not_weighed_twice(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "벨트 허리 38인치도 돼요?")
    assert result.reply.count("38인치") == 1, result.reply


# -- the usual letter size against the cut --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, verdict", [("터틀넥 니트 한치수 크게 사야되나요? 평소 L", "한 치수 큰 XL"),
                                           ("헤비 스웻 후드티 평소 M인데 뭐 사요?", "M 그대로"),
                                           ("옥스포드 셔츠 평소 XL 입어요 사이즈 뭐로 해요?", "XL 사이즈를 추천")])
def test_the_usual_size_is_read_against_the_products_cut(shops, text: str, verdict: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert verdict in result.reply, result.reply


# -- the others listed once -----------------------------------------------------------------------------------------------
def test_the_other_values_in_stock_are_listed_once(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트 칠리 있어요? 없으면 비슷한 색 추천좀")
    assert result.reply.count("01 로지 14개") == 1, result.reply


# -- which size to buy ----------------------------------------------------------------------------------------------------
def test_which_size_to_buy_is_size_advice_not_an_unknown_unit(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "페니로퍼 발등이 높은 편인데 260 신어요 몇 사면돼요")
    assert "265" in result.reply and "나와 있지 않아요" not in result.reply, result.reply


def test_buy_is_no_unit_asked(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "허리 32인치인데 와이드슬랙스 몇 사요?")
    assert "사요인지는" not in result.reply and "40.5cm" in result.reply, result.reply


# -- follow-ups from the end reviewers ------------------------------------------------------------------------------------
_SNEAKERS = [{"role": "user", "text": "캔버스 스니커즈 화이트 260 있나요?"},
             {"role": "assistant", "text": "캔버스 스니커즈 260 화이트는 현재 품절이에요. 260은 블랙 18개가 있어요."}]


def test_the_other_values_asked_after_a_sold_out_option_keep_its_other_options(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "다른 색은요?", _SNEAKERS)
    assert not result.handoff and "260은 색상 블랙 18개" in result.reply, result.reply


def test_an_english_name_word_of_one_shown_product_names_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "Do you sell hoodies?"},
               {"role": "assistant", "text": "Hoodies: 기모 후드티 49,000 KRW, 헤비 스웻 후드티 59,000 KRW, 후드 집업 55,000 KRW."}]
    result = _ask(shops["jogunshop"], "how much is the heavy one?", history)
    assert "헤비 스웻 후드티" in result.reply and "59,000" in result.reply, result.reply


def test_an_order_given_after_a_return_request_is_that_return(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "반품하려고요"},
               {"role": "assistant", "text": "상품 수령일로부터 7일 이내에 채널톡 또는 마이페이지에서 반품을 신청할 수 있습니다."}]
    result = _ask(shops["jogunshop"], "20261116-0019 한수진 010-1234-5678", history)
    assert result.route == "general" and "반품" in result.reply, result.reply


def test_a_regions_fee_is_quoted_at_the_price_of_the_option_named(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "쿠션 호수 뭐 있어요"},
               {"role": "assistant", "text": "커버핏 글로우 쿠션은 17호 바닐라, 21호 라이트가 있고 단품 28,000원, 리필 포함 38,000원이에요."}]
    result = _ask(shops["cosmetics"], "17호 리필포함으로 할게요 제주도면 총 얼마에요?", history)
    assert "38,000원" in result.reply and "33,500원" not in result.reply and "5,500원" not in result.reply, result.reply


# -- the negation written onto the verb -----------------------------------------------------------------------------------
def test_a_thing_asked_with_the_negation_glued_to_the_verb_is_said_not_sold(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "삼겹살은 안파나요")
    assert result.route == "product" and "'삼겹살'" in result.reply and not result.ask_back, result.reply
