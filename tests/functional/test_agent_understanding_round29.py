"""Offline agent, twenty-ninth round: a bare topic asked after a question that closes asking, two of a product's own
names asked to be one, the region said before carried into a question of days, a product named with nothing asked
of it, an English word of one product's English name, a shop's option guide of values weighed against each other, and
a time waited for what has not come.

Each test pins one mechanism, not one sentence: "…달아주나요 비용은" is two questions (the service and its cost);
"케이블니트랑 꽈배기니트 같은거에요?" names one product twice, so it is said to be one; "며칠 걸려요?" after "제주도도
배송돼요?" gets the region's extra days; "숏패딩 보여주세요" gets what it comes in beside its price; "Is the beef
grass-fed?" is about the one product whose English name holds "beef"; the shade guide answers "21호랑 23호 중에 어떤게
더 밝아요" without recommending a third value, and is not quoted for values the guide does not name; "두달째 안오는데" is
no time since receipt or a request, so no rule's limit is weighed against it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.pipeline import split_questions

MONDAY_MORNING = datetime(2027, 1, 4, 9, 30)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a bare topic after a question that closes asking ---------------------------------------------------------------------
@pytest.mark.parametrize("text, parts", [("65인치 티비 벽걸이로 달아주나요 비용은", 2), ("롱패딩 할부 되나요 가격은", 2),
                                         ("셔츠 재고 있나요 저는", 1)])
def test_a_bare_topic_after_an_asking_ending_is_a_second_question(text: str, parts: int) -> None:
    assert len(split_questions(text)) == parts


def test_the_cost_of_a_service_asked_as_a_bare_topic_is_quoted(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "65인치 티비 벽걸이로 달아주나요 비용은")
    assert result.route == "product" and "60,000원" in result.reply, result.reply


# -- two of a product's own names ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [("케이블니트랑 꽈배기니트 같은거에요?", "케이블 니트"),
                                        ("폴라티랑 목폴라 똑같은 거죠?", "터틀넥 니트")])
def test_two_names_of_one_product_asked_to_be_one_are_said_to_be(shops, text: str, name: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith("네,") and f"같은 상품({name})" in result.reply, result.reply


def test_two_products_asked_to_be_one_are_not_said_to_be(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "케이블니트랑 터틀넥 같은거에요?")
    assert "같은 상품" not in result.reply, result.reply


# -- the region said before -----------------------------------------------------------------------------------------------
def test_days_asked_after_a_region_get_its_extra_days(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주도도 배송돼요?"},
               {"role": "assistant", "text": "네, 제주도도 배송됩니다. 추가 배송비 3,000원이 붙어요."}]
    result = _ask(shops["jogunshop"], "며칠 걸려요?", history)
    assert result.route == "delivery" and "1~2일 더" in result.reply, result.reply


# -- a product named with nothing asked --------------------------------------------------------------------------------------
def test_a_product_shown_gets_what_it_comes_in(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏패딩 보여주세요")
    assert "블랙, 아이보리, 카키" in result.reply and "원" in result.reply, result.reply


def test_a_price_asked_gets_no_list_of_options(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏패딩 얼마에요?")
    assert "블랙" not in result.reply, result.reply


# -- an English word of one product's English name ---------------------------------------------------------------------------
def test_an_english_word_of_one_products_name_routes_to_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "Is the beef grass-fed?")
    assert result.route == "product" and not result.ask_back and "등심" in result.reply, result.reply


# -- an option guide of values weighed ----------------------------------------------------------------------------------------
def test_values_weighed_get_the_guide_without_a_third_value_recommended(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 21호랑 23호 중에 어떤게 더 밝아요")
    assert "보통 피부는 21호 라이트" in result.reply and "17호 바닐라를 추천드려요" not in result.reply.split(".")[0], \
        result.reply


def test_values_the_guide_does_not_name_get_no_guide(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 단품이랑 리필포함 뭐가 달라요? 가격은")
    assert "밝은 피부" not in result.reply and "38,000원" in result.reply, result.reply


# -- a time waited for what has not come -----------------------------------------------------------------------------------
def test_a_time_waited_is_weighed_against_no_rules_limit(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "두달째 안오는데 그냥 취소해주세요")
    assert result.handoff and "기간이 지난 경우" not in result.reply, result.reply


def test_a_time_since_the_refund_request_is_still_weighed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "환불 요청한지 2주 됐는데 아직 안 들어왔어요 20261109-0031")
    assert "기간이 지난 경우" in result.reply and result.handoff, result.reply


# -- a second time asked as a count of times ---------------------------------------------------------------------------------
@pytest.mark.parametrize("shop, text", [("jogunshop", "교환 두번 되나요?"), ("cosmetics", "교환 여러번 가능해요?"),
                                        ("jogunshop", "can I exchange twice?")])
def test_a_count_of_times_asked_against_a_rule_of_once_is_a_no(shops, shop: str, text: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.reply.startswith(("안내된 기준상 한 번만", "The rule allows it once only")), result.reply


def test_a_count_of_times_worn_is_no_second_time_asked(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "두번 입었는데 교환 되나요?")
    assert "한 번만" not in result.reply, result.reply


# -- when a thing no text of the shop holds comes in ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["딸기 언제 들어와요?", "딸기 입고 언제돼요"])
def test_when_an_unwritten_thing_comes_in_is_said_not_sold(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert result.route == "product" and "'딸기' 상품은 판매하지 않아요" in result.reply, result.reply


def test_when_points_come_in_stays_the_points_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "적립금 언제 들어와요?")
    assert result.route == "general" and "판매하지 않아요" not in result.reply, result.reply


# -- a name said with a word before it that begins another product's name ---------------------------------------------------
def test_a_word_before_an_alias_that_begins_another_name_names_that_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "블레이저 차콜 M이랑 와플 긴팔티 아이보리 L 같이 사면 얼마? 배송비 포함")
    assert "와플 긴팔 티셔츠" in result.reply and "베이직" not in result.reply and "164,000원" in result.reply, result.reply


def test_the_alias_alone_still_names_its_own_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "긴팔티 얼마에요")
    assert "베이직 긴팔 티셔츠" in result.reply, result.reply


# -- a measure word and an embedded question are no part of a name -------------------------------------------------------------
@pytest.mark.parametrize("text", ["코튼 치노 30 사이즈 기장", "코튼 치노 베이지 있나요? 색 뭐뭐있는지랑 30 사이즈 기장"])
def test_a_measure_word_is_no_part_of_the_name_searched(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "코튼 치노 팬츠" in result.reply and "총장 102cm" in result.reply, result.reply


# -- a thing the shop's rules write, asked whether it is there ----------------------------------------------------------------
def test_a_word_of_the_shops_rules_asked_with_there_is_no_product_sought(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "사이즈표 단면이에요 둘레에요? 오차도 있어요?")
    assert "판매하지 않아요" not in result.reply and "1~3cm 오차" in result.reply, result.reply


# -- what else a turn of several values asks ----------------------------------------------------------------------------------
def test_the_care_asked_beside_two_values_is_said(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "플리스 집업 아이보리 M 품절이던데 브라운 M은 있나요 세탁기 돌려도 돼요?")
    assert "재고 7개" in result.reply and "세탁망" in result.reply, result.reply


def test_a_restock_asked_beside_two_values_with_no_date_is_said_undated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "데님셔츠 연청 S 언제 다시 들어와요? 중청 S는 남아있나")
    assert "재고 13개" in result.reply and "재입고 일정은 아직 정해지지 않았어요" in result.reply, result.reply


# -- an order already placed on a weekday named ------------------------------------------------------------------------------
def test_a_weekday_of_an_order_already_placed_is_the_last_one(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "어제 일요일 밤에 주문했는데 오늘 출고돼요? 서울이면 언제쯤 받을까요")
    assert "1월 3일(일)" in result.reply and "1월 10일" not in result.reply and "1월 4일(월)에 출고" in result.reply, \
        result.reply


# -- today's weekday said with 오늘 ------------------------------------------------------------------------------------------
def test_todays_weekday_asked_with_today_is_today(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "성수 쇼룸 월요일에 열어요? 오늘 가보려구요")
    assert "1월 4일(월)" in result.reply and "1월 11일" not in result.reply, result.reply


# -- a price difference weighs, a placed order was paid, a basket's options are each conjunct's --------------------------------
def test_a_price_difference_asked_of_two_values_gets_no_sum(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "모니터 32인치랑 27인치 가격차이 얼마에요 둘다 재고있나요")
    assert "60,000원" in result.reply and "합계" not in result.reply, result.reply


def test_an_order_already_placed_gets_no_sum_of_todays_prices(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "사과랑 고구마 같이 시켰는데 따로 왔어요 배송비 두번 낸건가요?")
    assert "합계" not in result.reply and "추가 배송비는 받지 않습니다" in result.reply, result.reply


def test_each_conjunct_of_a_basket_keeps_its_own_option(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "귤 5kg랑 고구마 3kg 사면 배송비 붙어요?")
    assert "해남 꿀고구마 3kg 15,900원" in result.reply and "43,800원" in result.reply, result.reply


# -- the second question's own sentence -----------------------------------------------------------------------------------------
def test_a_second_question_of_a_word_the_products_text_states_gets_that_sentence(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "쌀 20키로 몇개 남았어요? 도정 언제한거 보내줘요")
    assert "3개" in result.reply and "도정일로부터 7일" in result.reply and result.route == "product", result.reply


# -- the object of a negated verb, and a change of received goods -------------------------------------------------------------
def test_a_noun_right_before_its_negated_verb_is_negated_with_it() -> None:
    from agent.turn_analysis import analyse_turn

    a = analyse_turn("쿠션 비닐 안뜯었는데 호수 바꿀수있어요?")
    assert "opened" in a.negated and "opened" not in a.concepts and a.has("exchange")


def test_an_option_change_of_unopened_goods_is_the_exchange_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 비닐 안뜯었는데 호수 바꿀수있어요?")
    assert result.route == "general" and result.reply.startswith("미개봉 제품에 한해"), result.reply


# -- an order time said after a fee quote ------------------------------------------------------------------------------------
def test_an_order_time_said_after_a_fee_quote_gets_its_days_too(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주도 서귀포에요 4만5천원어치 살거에요 배송비 얼마에요"},
               {"role": "assistant", "text": "제주 지역 45,000원 주문 시 배송비는 6,000원이에요."}]
    result = _ask(shops["jogunshop"], "아 근데 오늘 오후 5시에 주문하면요? 금액은 그대로 4만5천원", history)
    assert "6,000원" in result.reply and "1월 5일(화)에 출고" in result.reply, result.reply


# -- how many of one product reach free shipping --------------------------------------------------------------------------------
@pytest.mark.parametrize("shop, text, said", [("grocery", "두부 몇개 사야 무료배송돼요?", "14개를 담으시면 40,600원"),
                                              ("jogunshop", "양말 몇개 사면 무료배송이에요?", "5개를 담으시면 60,000원")])
def test_the_count_of_one_product_that_ships_free_is_worked_out(shops, shop: str, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert said in result.reply and not result.handoff, result.reply


# -- two weighed are no purchase; the size named is the size asked --------------------------------------------------------------
def test_two_products_weighed_with_both_get_no_sum(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "발마칸이랑 싱글 울코트 차이가 뭐에요? 181에 75kg인데 둘다 L이면 되나")
    assert "합계" not in result.reply and "세미오버핏" in result.reply, result.reply


def test_two_products_bought_with_both_still_get_the_sum(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "발마칸이랑 싱글 울코트 둘다 사면 얼마에요?")
    assert "518,000원" in result.reply, result.reply


def test_a_size_named_beside_the_body_is_the_stock_asked(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "후드집업 xxl 그레이 있나요 ㅠ 덩치가 커서")
    assert "XXL 그레이는 현재 5개" in result.reply, result.reply
