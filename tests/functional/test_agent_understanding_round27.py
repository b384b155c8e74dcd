"""Offline agent, twenty-seventh round: a question followed by its reason, the kinds a section gives, the part of a
kind the customer named, two products named with no joining word, several options with counts against their stock,
verdicts the rule implies (a way to pay not listed, an amount below a minimum, a second time of what is allowed once,
a cancelled order's refund long overdue), a one-syllable word that is no part of a longer name, and a cost asked of a
thing only one of the shop's rules writes.

Each test pins one mechanism, not one sentence: the clause after a question ending that gives its reason ("급해서요")
leaves it a question; an FAQ entry is kept for a shipping question by the turn's one-syllable word only when the
entry's own words hold it ("급" is no part of "발급"); "뭐 있어요?" of a topic quotes every clause of its section that
states a kind by its amount; "XXL 코트" is answered by the coats of "코트/자켓/패딩", never by the padding beside them;
"A B 둘다" names two products; a count above an option's stock is said so and no total is given as if it could be
bought; "3개월" is no count of goods; a word built on 페이/pay is a way to pay looked up in the shop's list; the rule
that allows something once answers "한번 더"; a one-syllable word names a product only as a word of its name or the
head a name word ends on.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

MONDAY = datetime(2026, 12, 7, 9, 5)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a question, then its reason -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["퀵으로 받을수있나요 급해서요", "오늘 출고되나요, 선물이라서요", "교환 되나요 작아서요"])
def test_a_question_followed_by_its_reason_is_a_question(text: str) -> None:
    assert analyse_turn(text).is_question


def test_a_statement_with_a_reason_is_no_question() -> None:
    assert not analyse_turn("주문했는데 안와서요").is_question


def test_an_unstated_service_asked_with_its_reason_is_said_unstated_not_a_coupon_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "퀵으로 받을수있나요 급해서요")
    assert "퀵" in result.reply and "쿠폰" not in result.reply, result.reply


# -- the kinds a section gives --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["쿠폰은 뭐 있어요?", "무슨 쿠폰 있나요?", "쿠폰 종류가 뭐예요"])
def test_what_kinds_of_a_topic_quotes_each_kind(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "5,000원" in result.reply and "10%" in result.reply, result.reply


# -- the part of a kind named -----------------------------------------------------------------------------------------------
def test_an_option_none_of_the_named_part_of_a_kind_has_is_said_so(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "XXL 코트 있어요?")
    assert "코트 중에 XXL" in result.reply and "없어요" in result.reply, result.reply
    assert "남아 있어요" not in result.reply, result.reply


def test_the_named_part_of_a_kind_still_lists_its_own_in_that_option(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "코트 XL 있어요?")
    assert "코트" in result.reply and "롱패딩" not in result.reply, result.reply


# -- two products with no joining word ---------------------------------------------------------------------------------
def test_two_names_then_both_are_two_products(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "공청기 모니터 둘다 얼마에요?")
    assert "289,000원" in result.reply and "399,000원" in result.reply, result.reply


def test_one_product_in_two_options_then_both_is_still_one_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "모니터 27인치 32인치 둘다 얼마?")
    assert "399,000원" in result.reply and "459,000원" in result.reply, result.reply


# -- several options with counts ------------------------------------------------------------------------------------------
def test_a_count_above_one_options_stock_is_said_and_no_total_given(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "키보드 적축 2개랑 갈축 5개 주문하면 얼마에요?")
    assert "4개라 5개는" in result.reply and "합계" not in result.reply, result.reply


def test_counts_within_stock_are_summed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "키보드 적축 2개랑 갈축 3개 주문하면 얼마에요?")
    assert "445,000원" in result.reply, result.reply


def test_a_count_said_of_each_applies_to_every_option(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트 코랄이랑 모브 각각 2개씩 주문할게요")
    assert "1개라 2개는" in result.reply, result.reply


# -- verdicts the rule implies -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [("페이코 돼요?", "페이코"), ("payco 결제 가능해요?", "payco")])
def test_a_way_to_pay_built_on_pay_is_looked_up(shops, text: str, name: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert f"{name}는 결제 수단에 없어요" in result.reply, result.reply


def test_payment_is_no_brand(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "What payment methods do you accept? PayPal ok?")
    assert "payment:" not in result.reply and "PayPal" in result.reply, result.reply


def test_months_are_no_count_of_goods(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "4만원짜리 무이자 3개월 되나요")
    assert "40,000원은 50,000원 이상 기준에 못 미쳐요" in result.reply, result.reply


@pytest.mark.parametrize("text", ["사이즈 교환했는데 한번더 가능?", "교환 받은 것도 또 교환 돼요?"])
def test_a_second_time_of_what_is_allowed_once_is_a_no(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith("안내된 기준상 한 번만 가능해서"), result.reply


def test_again_of_no_topic_leads_with_no_once_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "다시 주문 가능해요?")
    assert "한 번만" not in result.reply and "1회 교환" not in result.reply, result.reply


def test_a_cancelled_orders_refund_past_the_rules_time_is_overdue(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261109-0031 강은지인데 취소한 주문 환불 언제 돼요?")
    assert "28일이 지나" in result.reply and "담당자" in result.reply, result.reply


def test_a_cancelled_orders_refund_within_the_rules_time_is_not_overdue(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261121-0023 한수진 취소했는데 환불 언제 들어와요?", now=datetime(2026, 11, 24, 9, 5))
    assert "지나" not in result.reply, result.reply


# -- one syllable -------------------------------------------------------------------------------------------------------------
def test_one_syllable_is_no_part_of_a_longer_name_word(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "배 파나요? 먹는 배요")
    assert "절임배추" not in result.reply and "'배'" in result.reply, result.reply


def test_one_syllable_a_name_word_ends_on_names_the_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "귤 크기 어때요?")
    assert "감귤" in result.reply, result.reply


# -- a cost or a service only one rule writes -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["TV 벽걸이로 하면 추가금 있어요?", "벽걸이로 하면 추가금 있어요?"])
def test_a_cost_asked_of_a_thing_one_rule_writes_is_that_rules_amount(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], text)
    assert "60,000원" in result.reply and "3,500원" not in result.reply, result.reply


def test_a_products_service_its_texts_do_not_write_is_the_shop_rule_naming_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "TV 사면 쓰던 티비 수거해가나요?")
    assert "기존 TV 수거는 무료" in result.reply, result.reply


def test_a_value_no_text_of_the_product_writes_is_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "모니터 hdmi 포트 몇개에요")
    assert "나와 있지 않아요" in result.reply, result.reply


def test_under_an_hour_is_no_count_of_hours(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "오늘 9시에 받았는데 딸기가 물러요 환불돼요?")
    assert "0시간" not in result.reply and "24시간 기간 안" in result.reply, result.reply


# -- one option changed in a follow-up ----------------------------------------------------------------------------------
_LAPTOP = [{"role": "user", "text": "노트북 16인치 i5 얼마에요"},
           {"role": "assistant", "text": "볼트북 프로 노트북 16인치 / i5 / 16GB는 1,290,000원이에요."}]


@pytest.mark.parametrize("text", ["i7로 올리면 얼마 더 비싸요?", "i7이랑 가격 차이는요?"])
def test_one_option_changed_costs_the_difference_with_the_others_kept(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], text, _LAPTOP)
    assert result.reply.startswith("16인치 / i5 / 16GB(1,290,000원)에서 16인치 / i7 / 16GB(1,490,000원)로 바꾸시면 200,000원 "
                                   "더 비싸요"), result.reply


def test_a_follow_up_naming_an_option_without_asking_a_difference_gets_none(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "i7은요?", _LAPTOP)
    assert "바꾸시면" not in result.reply, result.reply


# -- the customer's time measured by the topic's own limit ------------------------------------------------------------------
def test_days_since_receipt_are_measured_by_the_return_rules_limit_not_the_defect_rules(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "받은지 5일 됐고 택 안뗐어요, 배송비 내고 받은 주문이면 반품비 얼마에요?")
    assert "5일은 7일 기간 안" in result.reply and "3개월" not in result.reply, result.reply
    assert "편도 3,000원" in result.reply, result.reply


def test_a_defects_days_are_still_measured_by_the_defect_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "불량인데 받은지 2주 됐어요 교환 되나요?")
    assert "3개월" in result.reply, result.reply


# -- a price the customer states --------------------------------------------------------------------------------------------
def test_a_stated_price_that_is_not_the_price_now_is_said_so_with_the_price(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "카고팬츠 34300원에 살수있는거 맞죠?")
    assert result.reply.startswith("말씀하신 34,300원은 지금 카고 팬츠 가격이 아니에요. 지금 가격은 49,000원이에요."), result.reply


def test_a_stated_price_the_reply_already_corrects_gets_the_no_alone(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "린넨셔츠 세일가 31500원 맞져?? 지금 사도 그 가격?")
    assert result.reply.startswith("말씀하신 31,500원은 지금 가격이 아니에요.") and result.reply.count("45,000원") == 1, result.reply


def test_a_stated_price_that_is_the_price_now_gets_no_correction(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "카고팬츠 49000원 맞죠?")
    assert "아니에요" not in result.reply and "49,000원" in result.reply, result.reply


# -- bargaining -----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["두개 살테니 깎아주세요", "네고 되나요?"])
def test_bargaining_is_said_unstated_with_the_discounts_the_shop_gives(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "깎아 드린다는 안내는" in result.reply and "쿠폰" in result.reply and "정가" not in result.reply, result.reply


# -- whether a product can be ordered ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["키트는 주문돼요?", "미니키트 주문 가능해요?"])
def test_whether_a_product_can_be_ordered_is_its_stock(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], text)
    assert "40개" in result.reply, result.reply


def test_whether_a_sale_price_applies_to_an_order_is_no_stock_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "오버핏 코튼 셔츠 세일가 오늘 주문해도 적용돼요?")
    assert "31,500원" in result.reply and "옵션이 남아" not in result.reply, result.reply


# -- a set's part in another option -----------------------------------------------------------------------------------------
def test_a_sets_part_asked_in_another_option_is_no_yes(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "재택근무세트 키보드를 적축으로 바꿔서 받을수있나요")
    assert "네," not in result.reply and "적축으로 바꿔 받을 수 있다는 안내는 없어요" in result.reply, result.reply


def test_a_sets_part_asked_as_it_is_is_a_yes(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "재택근무세트에 키보드 들어있어요?")
    assert "네, 구성에 텐키리스 기계식 키보드 갈축도 들어 있어요" in result.reply, result.reply


# -- the cheapest of a kind of one product ---------------------------------------------------------------------------------
def test_the_cheapest_of_a_kind_with_one_product_is_its_cheapest_option(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 제일 싼 사양이 뭐에요")
    assert "가장 저렴한 옵션은 14인치 / i5 / 16GB 1,190,000원" in result.reply and not result.ask_back, result.reply


# -- follow-ups that keep the thread -----------------------------------------------------------------------------------------
_RETURNING = [{"role": "user", "text": "반품하려고요"},
              {"role": "assistant", "text": "어떤 상품을 반품하시려는지 알려주시면 안내해 드릴게요."}]


def test_the_goods_named_with_the_returns_case_after_a_return_request_is_the_return(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "전기포트인데 박스 안뜯었어요 받은지 3일", _RETURNING)
    assert result.route == "general" and not result.handoff and "7일" in result.reply, result.reply


def test_what_was_not_done_to_the_goods_is_no_fault() -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn("박스 안뜯었어요 받은지 3일")) is None


def test_a_fault_told_beside_when_it_came_is_still_a_fault() -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn("가습기 받은지 2주 됐는데 물이 새요")) == "defect"


_DAWN = [{"role": "user", "text": "새벽배송 되는 지역이 어디에요?"},
         {"role": "assistant", "text": "새벽배송은 서울·경기·인천 일부 지역에서 가능해요."}]


def test_a_what_if_with_a_place_after_a_service_question_is_that_services_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "인천 송도요 오늘밤 10시에 주문하면?", _DAWN)
    assert "23:00" in result.reply and "12월 9일" not in result.reply, result.reply


def test_a_place_said_with_its_kind_after_a_service_question_is_that_services_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "제주도는요?", [{"role": "user", "text": "새벽배송 되나요?"},
                                                {"role": "assistant", "text": "서울·경기·인천 일부 지역은 새벽배송됩니다."}])
    assert "제주·도서산간은 새벽배송이 되지 않습니다" in result.reply, result.reply


# -- a case the customer is not in, a surcharge and its base ---------------------------------------------------------------
@pytest.mark.parametrize("text", ["반품 되나요?", "세일 상품도 반품 되나요?"])
def test_a_plain_return_question_gets_no_clause_of_a_case_the_customer_is_not_in(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "제주는 편도" not in result.reply and "불량·오배송" not in result.reply and "7일" in result.reply, result.reply


def test_a_surcharge_asked_is_quoted_with_the_fee_it_is_added_to(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "제주도인데 반품하면 배송비 얼마에요?")
    assert "6,000원" in result.reply and "제주는 편도 3,000원" in result.reply, result.reply


def test_an_amount_given_in_addition_is_no_surcharge(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "적립금 몇프로 쌓여요")
    assert result.reply.startswith("구매확정 금액의 3%"), result.reply


# -- English replies -----------------------------------------------------------------------------------------------------------
def test_glossed_points_are_sentences_without_a_label(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "Do you ship to Japan?")
    assert "Key points" not in result.reply and " | " not in result.reply and "Overseas shipping: not offered." in result.reply, \
        result.reply


def test_the_general_rule_for_an_unstated_condition_is_said_in_english(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "can i return a sale item?")
    assert "within 7 days" in result.reply and "6,000 KRW" in result.reply, result.reply


def test_option_values_are_named_in_english_where_every_word_is_known(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "Is the linen shirt available in L?")
    assert "white (40)" in result.reply and "sky blue (22)" in result.reply, result.reply


def test_a_colour_is_no_material_a_kind_lacks(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "블랙 니트 있어요?")
    assert "없어요" not in result.reply and "크루넥 니트" in result.reply, result.reply


# -- a word one product is also called and other names end on -----------------------------------------------------------
@pytest.mark.parametrize("text", ["후드티 있어요?", "do you have hoodies?"])
def test_a_kind_word_that_is_one_products_alias_lists_every_product_called_so(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "기모 후드티" in result.reply and "헤비 스웻 후드티" in result.reply, result.reply


def test_a_kind_word_with_an_option_is_still_the_one_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "후드티 블랙 M 있어요?")
    assert "기모 후드티 M 사이즈 블랙은 현재 32개" in result.reply, result.reply


# -- a shop service asked beside a product ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["샘플 선크림으로 넣어주실수있나요", "쿠션 샘플도 받을수있나요"])
def test_a_shop_service_asked_beside_a_product_is_the_services_rule(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], text)
    assert result.route == "general" and "샘플 종류 지정" in result.reply and "기준에" not in result.reply, result.reply


def test_a_product_bought_is_weighed_against_a_coupons_minimum(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "가입쿠폰 3천원 미니키트 하나 살때 쓸수있어요?")
    assert "15,000원 이상 기준에 못 미쳐요" in result.reply, result.reply


def test_a_gift_beside_a_product_stays_the_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "머플러 카멜 남음?? 선물할거")
    assert result.route == "product" and "2개" in result.reply, result.reply


# -- adding to an order; a qualifier before a size word -----------------------------------------------------------------
def test_adding_an_item_to_be_sent_with_an_order_is_the_bundling_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0001 서유나인데 벨트도 추가주문하면 같이 보내줄 수 있나요?")
    assert "합배송" in result.reply and "들어 있지 않아요" not in result.reply, result.reply


def test_a_qualifier_before_a_size_word_and_the_kind_is_said_not_carried(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "키즈 사이즈 맨투맨 있어요?")
    assert "'키즈 사이즈 맨투맨'은 따로 취급하지 않아요" in result.reply, result.reply


# -- a product's price as an order's amount ----------------------------------------------------------------------------------
def test_a_fee_of_one_product_names_the_product_whose_price_is_the_amount(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "롱패딩 제주도로 시키면 배송비 얼마에요?")
    assert result.reply.startswith("덕다운 롱패딩은 329,000원이에요. 제주 지역 329,000원 주문 시"), result.reply


def test_a_fee_after_the_price_in_the_same_message_names_it_once(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "린넨 셔츠 얼마예요? 그리고 제주도면 배송비 얼마 나와요?")
    assert "린넨 셔츠는 45,000원이에요" not in result.reply and "45,000원 주문 시" in result.reply, result.reply


# -- a word at the start of an option value; a noun read as one verb ----------------------------------------------------
def test_a_word_at_the_start_of_an_option_value_is_no_holder_of_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "아이폰케이스 팔아요?")
    assert "아이보리" not in result.reply and "판매하지 않아요" in result.reply, result.reply


def test_a_noun_read_with_its_light_verb_as_one_verb_is_the_noun() -> None:
    assert analyse_turn("받은 니트에 구멍나있어요 어떻게 해요").has("defect")


def test_a_fault_told_of_a_kind_is_a_fault_not_a_list_of_the_kind(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "받은 니트에 구멍나있어요 어떻게 해요")
    assert result.route == "general" and result.handoff and "죄송" in result.reply, result.reply


# -- baskets, a surcharge word, an order's state asked ----------------------------------------------------------------------
def test_two_products_joined_then_bought_are_one_basket(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "고구마 5kg이랑 김 2개 사면 무료배송 되나요")
    assert "41,700원" in result.reply and "무료" in result.reply, result.reply


def test_the_last_conjunct_with_the_shared_question_still_names_its_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "사과3kg랑 귤5kg 둘다 사면 제주 배송비 얼마에요?")
    assert "52,800원" in result.reply and "4,000원" in result.reply, result.reply


def test_a_surcharge_word_is_no_product_added(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "제주인데 수분크림 50ml 32000원짜리 하나 사면 추가배송비 붙나요?")
    assert "64,000원" not in result.reply and "32,000원" in result.reply, result.reply


def test_a_payment_asked_of_a_paid_order_is_confirmed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0016 무통장입금 했는데 입금확인 됐나요?")
    assert "결제(입금)는 확인된 주문이에요" in result.reply and result.reply.count("'결제완료' 상태예요") == 1, result.reply


def test_a_cancellation_asked_of_an_order_not_cancelled_is_a_no(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0016 입금 아직 안했는데 취소된건가요?")
    assert "취소된 주문은 아니에요" in result.reply, result.reply


def test_which_of_two_colours_has_more_left_sums_each_over_its_sizes(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "기모후드티 블랙이랑 네이비 중에 뭐가 더 재고 많아요?", now=datetime(2027, 1, 15, 11, 45))
    assert "네이비가 122개로 재고가 더 많아요" in result.reply and "실측" not in result.reply, result.reply


def test_how_long_a_product_may_be_used_once_opened_is_no_price(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "마스카라 개봉하고 얼마동안 써도돼요")
    assert "6개월" in result.reply and "16,000원" not in result.reply, result.reply
