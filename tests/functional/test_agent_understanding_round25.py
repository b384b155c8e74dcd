"""Offline agent, twenty-fifth round: several things asked to be sold at once, a quantity asked in a unit the product
never counts in, a fault described by what appeared in the thing, a product asked by its code.

Each test pins one mechanism, not one sentence: things joined by 랑/하고, or a second one asked "그건요?" in a sentence of
its own, are each said not sold; one close name that holds none of the customer's words is no choice offered when the
customer asks whether the shop has the thing; a quantity asked in a unit ("몇 인분") the product's texts never count in
is said unstated before what they do say; something that appeared in, or is too much of, what came ("세로줄이
생겼어요", "소음이 너무 심해요") is a fault reported; a product's own code names it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

MONDAY = datetime(2027, 1, 11, 13, 30)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- several things not sold -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["삼겹살이랑 닭가슴살 팔아요?", "삼겹살 팔아요? 닭가슴살은요", "삼겹살 있어요? 닭가슴살은요?"])
def test_each_thing_asked_is_said_not_sold(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert "'삼겹살', '닭가슴살'" in result.reply and "판매하지 않아요" in result.reply, result.reply


def test_a_thing_asked_after_that_the_shop_sells_is_never_said_unsold(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "삼겹살 팔아요? 가격은요?")
    assert "'삼겹살'" in result.reply and "가격" not in result.reply.split("판매하지 않아요")[0], result.reply


def test_a_lone_near_name_holding_none_of_the_words_is_no_choice_when_asked_if_there_is_one(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "닭가슴살 있어요?")
    assert not result.ask_back and "'닭가슴살'" in result.reply and "판매하지 않아요" in result.reply, result.reply


# -- a quantity in a unit the product never counts in --------------------------------------------------------------------
def test_a_quantity_in_a_unit_never_counted_in_is_said_unstated_before_what_is_known(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "한우 몇인분이에요? 가격은요")
    assert result.reply.startswith("한우 1++ 등심 300g이 몇 인분인지는 상품 정보에 따로 나와 있지 않아요"), result.reply
    assert "52,000원" in result.reply, result.reply


@pytest.mark.parametrize("text", ["크루넥 니트 울 몇프로 들어갔어요?", "노트북 SSD 몇기가예요"])
def test_a_unit_written_in_korean_for_latin_letters_is_no_unstated_unit(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"] if "니트" in text else shops["electronics"], text)
    assert "나와 있지 않아요" not in result.reply, result.reply


# -- a fault described by what appeared -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["모니터 화면에 세로줄이 생겼어요 교환 돼요?", "가습기 소음이 너무 심해요 반품하고 싶어요",
                                  "블루투스 연결이 자꾸 끊겨요"])
def test_something_that_appeared_in_what_came_is_a_fault(text: str) -> None:
    assert "defect" in analyse_turn(text).concepts


@pytest.mark.parametrize("text", ["이 가습기 소음 심해요?", "니트 한 번 세탁했는데 보풀이 너무 심해요. 반품 될까요?",
                                  "줄이 생기면 교환 되나요?"])
def test_a_property_asked_or_wear_after_washing_is_no_fault_reported(text: str) -> None:
    assert "defect" not in analyse_turn(text).concepts


def test_a_fault_described_by_what_appeared_gets_the_faulty_goods_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "모니터 화면에 세로줄이 생겼어요 교환 돼요?")
    assert "초기 불량" in result.reply and "단순 변심" not in result.reply, result.reply


# -- a product's own code ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["P047 black M price?", "p047 얼마에요"])
def test_a_product_code_names_its_product(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert not result.ask_back and "159,000" in result.reply, result.reply


# -- how a thing may be washed --------------------------------------------------------------------------------------------
def test_whether_it_may_be_washed_is_its_care_note(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "램스울 니트 물세탁 해도 돼요?")
    assert "드라이클리닝 권장" in result.reply and "69,000" not in result.reply, result.reply


# -- a kind never made in an option value -----------------------------------------------------------------------------------
def test_a_kind_never_made_in_a_size_says_so_and_where_the_size_is(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "XXL 나오는 니트 있나요?")
    assert result.reply.startswith("니트 중에 XXL 사이즈로 나오는 상품은 없어요. 니트는 S, M, L, XL 사이즈로 나와요."), result.reply
    assert "XXL 사이즈는 셔츠" in result.reply and "재고 상품이 지금은 없어요" not in result.reply, result.reply


# -- a word of the shop's texts, sought in English -------------------------------------------------------------------------
def test_an_english_yes_no_word_is_sought_in_the_shops_texts_by_its_sound(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "is the toner vegan?")
    assert "vegan (비건)" in result.reply and "비건 인증" in result.reply, result.reply


def test_a_word_of_the_toner_and_its_set_names_the_toner(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "토너 비건이에요?")
    assert result.reply.startswith("어성초 진정 토너") and "비건 인증" in result.reply, result.reply


def test_an_english_question_without_a_verb_quotes_no_look_alike_word(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "headphone battery life?")
    assert "무상 A/S" not in result.reply, result.reply


# -- a body measure said against the range the product states --------------------------------------------------------------
@pytest.mark.parametrize("text", ["양말 3팩 사려는데 발 290이에요", "양말 발사이즈 290도 신을 수 있어요?"])
def test_a_measure_said_is_weighed_against_the_stated_range(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "250~280mm" in result.reply and "290mm는 이 범위를 벗어나요" in result.reply, result.reply


# -- a day counted from today ------------------------------------------------------------------------------------------------
def test_today_evening_is_a_day_to_receive_by_not_an_order_time(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "오늘 저녁까지 꼭 받아야 하는데 퀵 가능한가요")
    assert "1월 11일(월)까지는 도착이 어려워요" in result.reply and "21시" not in result.reply, result.reply


def test_tomorrow_asked_without_a_relation_word_is_a_deadline_and_the_faster_service_is_offered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "지금 주문하면 내일 받을수 있어요?")
    assert "1월 12일(화)까지는 도착이 어려워요" in result.reply, result.reply
    assert "새벽배송을 이용하시면" in result.reply and "23:00까지 주문하면" in result.reply, result.reply


def test_no_next_day_service_is_offered_for_today(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "오늘 저녁까지 받을 수 있어요?")
    assert "새벽배송" not in result.reply, result.reply


# -- the order of the conversation, a few messages back ------------------------------------------------------------------------
def test_a_late_parcel_complaint_takes_the_order_named_two_questions_before(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "주문번호 20261122-0016 배송 언제 와요?"},
               {"role": "assistant", "text": "주문번호 20261122-0016은 현재 배송중 상태예요."},
               {"role": "user", "text": "택배사가 어디에요?"}, {"role": "assistant", "text": "CJ대한통운이에요."}]
    result = _ask(shops["jogunshop"], "아직도 안왔는데 어떡해요", history)
    assert "20261122-0016" in result.reply and not result.ask_back, result.reply


# -- a holiday of the shop's as the day to receive by --------------------------------------------------------------------------
def test_a_shop_holiday_named_as_the_day_to_receive_by_is_a_deadline_with_its_dates(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "설 연휴 전에 받으려면 언제까지 주문해야돼요?")
    assert "2월 5일(금)까지 받으시려면 늦어도 2월 2일(화) 14:00 전까지 결제해 주세요" in result.reply, result.reply
    assert "2월 6일(토)~2월 9일(화)은 쉬는 날" in result.reply and "입금" not in result.reply, result.reply


def test_when_to_order_for_a_day_is_no_order_already_placed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "2월 5일 전에 도착하려면 언제 주문해야 돼요?")
    assert not result.ask_back and "늦어도 2월 1일(월) 14:00 전까지 결제해 주세요" in result.reply, result.reply


# -- which of two options has more left --------------------------------------------------------------------------------------
def test_which_of_two_options_has_more_left_is_said(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트 모브랑 코랄중에 재고 더 많은게?")
    assert "04 모브 14,000원(재고 1개), 02 코랄 14,000원(재고 8개)" in result.reply, result.reply
    assert "02 코랄이 8개로 재고가 더 많아요" in result.reply, result.reply


# -- shipping to a region asked of a product in English ---------------------------------------------------------------------------
def test_shipping_to_a_region_asked_of_a_product_in_english_gives_the_fee(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "shipping to Jeju for the 10kg rice?")
    assert "Shipping to Jeju is 7,000 KRW" in result.reply, result.reply


# -- a use of the product asked ---------------------------------------------------------------------------------------------------
def test_a_use_no_text_names_is_said_unstated_as_written(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "소고기 국거리용도 있어요?")
    assert "국거리용 여부는 상품 정보에 따로 나와 있지 않아요" in result.reply and "구이용" in result.reply, result.reply


# -- a first order's discount ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["any discount for first order?", "is there a discount if i sign up?"])
def test_a_discount_for_a_first_order_is_the_sign_up_coupon(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "general" and "Sign-up coupon: 5,000 KRW off" in result.reply, result.reply


def test_a_discount_for_a_new_member_is_read_as_the_coupons() -> None:
    assert "coupons" in analyse_turn("신규 회원 할인 있어요?").concepts
    assert "coupons" not in analyse_turn("니트 할인 있어요?").concepts


# -- the next sale ------------------------------------------------------------------------------------------------------------
def test_when_the_next_sale_is_says_none_is_announced(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "다음 세일 언제해요?")
    assert result.reply.startswith("다음 할인 일정은 따로 안내된 내용이 없어요. 지금 할인 중인 상품은 없어요."), result.reply


# -- an overdue order asked to be cancelled -------------------------------------------------------------------------------------
def test_an_overdue_order_asked_to_be_cancelled_is_said_overdue(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "DN-004530 주문 취소해주세요")
    assert "도착 예정일(11월 24일(화))이 지났는데" in result.reply and "취소가 불가" in result.reply, result.reply


# -- whether a service of the shop's is had ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["새벽배송 되나요?", "분당인데 새벽배송 되나요?"])
def test_whether_a_service_is_had_opens_with_where_and_until_when_it_runs(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert result.reply.startswith("서울·경기·인천 일부 지역은 밤 23:00까지 주문하면"), result.reply


def test_a_service_asked_of_a_place_opens_with_that_places_clause(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "제주도 새벽배송 돼요?")
    # (answered no first since stop 63, the refusing clause of the place asked)
    assert result.reply.startswith("아니요, 제주·도서산간은 새벽배송이 되지 않습니다"), result.reply


# -- a clause quoted first -------------------------------------------------------------------------------------------------------
def test_a_clause_quoted_first_loses_its_leading_however(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "토너 쓰고 얼굴 뒤집어졌어요 환불 되나요?")
    assert "단," not in result.reply and "피부과 전문의 소견서" in result.reply, result.reply


# -- a kind's word that is one product's other name, asked for a recommendation --------------------------------------------------
@pytest.mark.parametrize("text", ["가디건 추천해주세요", "봄 가디건 추천해주세요"])
def test_a_recommendation_by_a_kinds_word_lists_every_product_called_so(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "라운드 가디건 59,000원" in result.reply and "브이넥 가디건 59,000원" in result.reply, result.reply


def test_a_recommendation_naming_one_product_stays_with_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "라운드 가디건 추천해요?")
    assert "브이넥 가디건" not in result.reply, result.reply


# -- option values listed, one sold out ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, said", [("Do you sell beanies?", "Ivory (아이보리) is sold out right now"),
                                        ("비니 색상 뭐 있어요?", "지금 아이보리는 품절이에요")])
def test_values_listed_say_which_are_sold_out(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert said in result.reply, result.reply


# -- whether things come together ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["사과랑 감귤 같이 시키면 한박스로 와요?", "같이 주문하면 한번에 와요?"])
def test_whether_things_come_together_is_the_bundling_rule_not_the_dates(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert result.reply.startswith("사과·감귤·고구마·절임배추 등 산지 직송 상품은 산지에서 따로 발송되어"), result.reply
    assert "출고돼요" not in result.reply and "24시간" not in result.reply, result.reply


def test_two_rules_asked_together_bring_no_bundling_clause(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "주문취소랑 배송지변경 둘다 언제까지 돼요?")
    assert "합배송" not in result.reply, result.reply


# -- a value said to replace the one before -------------------------------------------------------------------------------------
def test_a_value_switched_to_replaces_the_one_carried_and_keeps_the_fee_asked(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "감귤 5키로 제주도로 보내면 배송비 얼마에요?"},
               {"role": "assistant", "text": "제주 지역 27,900원 주문 시 배송비는 7,000원이에요."}]
    result = _ask(shops["grocery"], "2.5키로로 바꾸면요?", history)
    assert "2.5kg" in result.reply and "15,900원" in result.reply and "합계" not in result.reply, result.reply
    assert "7,000원" in result.reply, result.reply


# -- an order of the product, when it ships -------------------------------------------------------------------------------------
def test_whether_an_order_of_the_product_ships_today_is_said_beside_its_stock(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "쿠션 25호 단품 얼마에요?"},
               {"role": "assistant", "text": "커버핏 글로우 쿠션 25호 샌드 단품은 28,000원이에요. 재고 2개 남았어요."}]
    result = _ask(shops["cosmetics"], "그거 두개 주문할게요 오늘 출발해요?", history)
    assert "2개 남아 있어요" in result.reply and "1월 12일(화)에 출고" in result.reply, result.reply


# -- after the end reviewers --------------------------------------------------------------------------------------------------
def test_a_shop_that_waives_the_surcharge_says_the_whole_fee_goes(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "제주도인데 28000원어치 사면 배송비 얼마에요?")
    assert "2,000원 더 담아 30,000원 이상이 되면 추가 배송비까지 배송비가 모두 무료예요" in result.reply, result.reply
    kept = _ask(shops["grocery"], "제주도인데 38000원어치 사면 배송비 얼마에요?")
    assert "기본 배송비가 무료예요" in kept.reply, kept.reply  # (grocery charges the surcharge on free orders)


def test_a_rival_word_of_any_thing_asked_keeps_the_unstated_sentence_out(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "키보드 무선인가요 블루투스되나")
    assert "나와 있지 않아요" not in result.reply and "유선" in result.reply, result.reply


def test_no_ask_back_after_every_options_count_is_said(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "크로스백 재고 있어요?")
    assert "블랙 44개" in result.reply and not result.ask_back and "알려주시면" not in result.reply, result.reply
