"""Offline agent, seventh round: every part of a turn answered, and English read as English.

Each test pins one mechanism, not one sentence: two delivery questions of different kinds in one turn (a fee and a
dispatch time) each get their answer, in the customer's order; an ask that names a cost joined to the next question
is an ask of its own; English "X free" says what a product is without, not a price; a word of shop vocabulary is
never an option value by its sound; English counts stand before what they count; "shipping included" adds the fee to
the goods.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.pipeline import SupportPipeline
from agent.turn_analysis import analyse_turn

NOW = datetime(2026, 12, 22, 13, 10)  # a Tuesday


def _ask(pipeline: SupportPipeline, message: str, now: datetime = NOW):
    return pipeline.answer([message], now=now)


def _ask_as_owner(pipeline: SupportPipeline, message: str):
    """Asked by the owner of the orders the message names, as the spine presents a verified customer."""
    from agent.evaluate import answer_as_owner

    return answer_as_owner(pipeline, [message], None, NOW)


# -- several questions of one turn ----------------------------------------------------------------------------
@pytest.mark.parametrize("shop, message, facts", [
    ("cosmetics", "제주 추가 배송비 얼마고, 몇시까지 결제하면 오늘 출고돼요?", ("3,000원", "13:00")),
    ("grocery", "몇시까지 주문하면 당일 출고돼요? 그리고 도서산간 추가비는 얼마에요?", ("12:00", "6,000원")),
])
def test_two_delivery_questions_of_different_kinds_are_each_answered(shops, shop: str, message: str,
                                                                     facts: tuple[str, ...]) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert result.route == "delivery" and not result.handoff
    for fact in facts:
        assert fact in result.reply, result.reply
    assert result.reply.index(facts[0]) < result.reply.index(facts[1])  # in the order the customer asked


def test_a_cost_named_before_a_comma_is_an_ask_of_its_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "선물포장 비용이랑, 무통장입금은 언제까지 입금해야 돼요?").reply
    assert "2,000원" in reply and "2일" in reply, reply


# -- English read as English ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["is it cruelty free?", "are these fragrance-free", "any alcohol free toner?"])
def test_english_x_free_is_without_x_not_free_of_charge(text: str) -> None:
    assert "free" not in analyse_turn(text).concepts


@pytest.mark.parametrize("text", ["is shipping free?", "is it free?", "do I get it for free", "free shipping over 30000?"])
def test_english_free_of_charge_is_still_free(text: str) -> None:
    assert "free" in analyse_turn(text).concepts


def test_an_english_x_free_question_finds_the_shops_own_answer_not_the_shipping_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "is your stuff vegan and cruelty free?").reply
    assert "동물실험" in reply and "배송비" not in reply, reply


def test_a_word_of_shop_vocabulary_is_never_an_option_value_by_its_sound(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "what fabric is the lambswool crewneck and how much").reply
    assert "doesn't come in" not in reply and "램스울 100%" in reply and "69,000" in reply, reply


def test_an_english_count_stands_before_what_it_counts(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "what's the total for 3 basic tees and a pack of socks?").reply
    assert "59,700" in reply, reply  # 15,900 × 3 + 12,000


@pytest.mark.parametrize("message, paid", [
    ("price for 2 basic tees and a pack of socks, shipping included?", "46,800"),
    ("반팔티 2장이랑 양말 하나 배송비 포함해서 얼마에요?", "46,800"),
])
def test_shipping_included_adds_the_fee_to_the_goods(shops, message: str, paid: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert paid in reply, reply


def test_a_size_question_beside_a_price_and_a_count_of_one_product_answers_all_three(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "양말 세트 가격이 얼마고 몇 켤레 들어있나요? 발 270인데 맞을까요?").reply
    assert "250~280mm" in reply and "12,000원" in reply and "3켤레" in reply, reply


@pytest.mark.parametrize("message", [
    "20261026-0015 최서연 8813 결제 총액 얼마였죠? 영수증 필요해서요",  # routed to the receipt rule: the amount still said
    "20261026-0015 최서연 8813 총 얼마 결제했었죠?",
])
def test_the_amount_paid_for_an_order_is_said_and_a_free_fee_is_never_zero_won(shops, message: str) -> None:  # noqa: ANN001
    reply = _ask_as_owner(shops["jogunshop"], message).reply
    assert "50,200원" in reply and "0원 포함" not in reply, reply


@pytest.mark.parametrize("shop, message, parts", [
    ("electronics", "W2380981 박시우 0339 배송비 8500원 어떻게 계산된 거예요?", ("3,500원", "5,000원")),
    ("grocery", "DN-004541 정지호 0508 배송비 7천원 나온 이유가 뭐예요?", ("3,000원", "4,000원")),
    ("cosmetics", "GD261115-002 강예준 0679 3만원 넘었는데 배송비 5천원은 뭐죠?", ("30,000원 이상", "5,000원만")),
])
def test_an_orders_fee_is_explained_by_the_rule_that_makes_it(shops, shop: str, message: str,
                                                               parts: tuple[str, ...]) -> None:  # noqa: ANN001
    reply = _ask_as_owner(shops[shop], message).reply
    for part in parts:
        assert part in reply, reply


@pytest.mark.parametrize("message", ["헤파 필터 얼마에요? 얼마나 자주 바꿔줘야 돼요?", "교체 필터는 얼마마다 바꿔요?"])
def test_a_length_of_time_the_products_texts_lack_comes_from_the_shop_text_naming_it(shops, message: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], message).reply
    assert "6~12개월" in reply, reply


def test_how_much_something_weighs_is_no_length_of_time(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "노트북 무게 얼마나 나가요?").reply
    assert "1.3kg" in reply and "무상" not in reply, reply


@pytest.mark.parametrize("shop, message, rate", [
    ("electronics", "포인트 적립률 몇 퍼센트에요?", "1%"),
    ("grocery", "구매하면 적립금 몇프로 쌓여요?", "2%"),
])
def test_a_rate_asked_is_answered_by_the_clause_that_states_one(shops, shop: str, message: str, rate: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], message).reply
    assert reply.startswith("구매확정") and rate in reply, reply


def test_a_rate_and_a_sum_asked_together_get_both_clauses(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "적립금 몇 프로 쌓이고 얼마부터 사용 가능해요?").reply
    assert "1%" in reply and "5,000원" in reply, reply


# -- baskets ---------------------------------------------------------------------------------------------------
def test_a_basket_total_takes_each_named_options_price_and_a_one_syllable_alias_of_its_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "고구마 5키로 두 박스랑 김 하나 사면 총 얼마고 배송비 있어요?").reply
    assert "56,700원" in reply and "31,800원" not in reply, reply  # 23,900 × 2 + 8,900, never the 3kg price


def test_two_products_with_their_options_are_totalled_at_those_options_prices(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "귤 5키로랑 고구마 5키로 함께 사면 얼마에요?").reply
    assert "51,800원" in reply, reply  # 27,900 + 23,900


def test_an_option_written_with_a_counter_is_the_option_not_a_count(shops) -> None:  # noqa: ANN001
    from agent.mentions import basket

    knowledge = shops["cosmetics"].knowledge_provider()
    assert [q for _, q in basket(knowledge, "마스크팩 10매 얼마예요")] in ([], [1])
    reply = _ask(shops["cosmetics"], "벨벳틴트 04 모브 남았어요?").reply
    assert "4개는" not in reply, reply


def test_what_a_purchase_is_weighed_against_is_not_bought(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "마스크팩 10매 얼마예요"},
               {"role": "assistant", "text": "진정 시트 마스크 10매는 15,000원이고 1매는 2,000원이에요."}]
    reply = shops["cosmetics"].answer(["낱개 10장 사는 것보다 싸네요? 그럼 배송비는요?"], history=history, now=NOW).reply
    assert "2,500원" in reply and "150,000" not in reply, reply


# -- a noun the analyser joined to its particle ---------------------------------------------------------------
@pytest.mark.parametrize("text", ["배송비랑 언제 와요?", "택배비랑 출고일 알려주세요", "배송비하고 도착일 궁금해요"])
def test_a_noun_term_joined_to_its_particle_by_the_analyser_is_still_read(text: str) -> None:
    assert "fee" in analyse_turn(text).concepts


def test_a_particle_is_never_cut_from_a_bound_noun_phrase() -> None:
    # "다른걸로 교환": for another one, not "다른걸 보냈어요" (a wrong item)
    assert "wrong_item" not in analyse_turn("미개봉인데 다른걸로 교환 돼요?").concepts


def test_a_fee_and_a_day_asked_in_one_sentence_are_both_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "택배비랑 언제 도착하는지 알려주세요").reply
    assert "3,000원" in reply and "출고" in reply, reply


def test_a_conjunct_naming_only_a_kind_after_a_set_piece_is_its_sibling(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "테일러드 자켓 블랙 M이랑 팬츠 블랙 30 합쳐서 얼마예요?").reply
    assert "테일러드 셋업 팬츠" in reply and "228,000원" in reply, reply


def test_a_numeral_is_never_the_first_syllable_of_a_word() -> None:
    from agent.mentions import _counts

    assert _counts("셋업으로 살건데요") == []
    assert [v for _, v in _counts("셋이서 나눠 쓸거라 셋 주세요")] == [3]


def test_whether_a_remote_place_gets_parcels_is_answered_with_its_surcharge(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "울릉도에도 보내주시나요?").reply
    assert "5,000원" in reply and "출고되어" not in reply, reply


def test_a_restock_notice_asked_with_no_product_is_the_shops_own_service_text(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "품절된 거 다시 들어오면 알림 받을 수 있나요?").reply
    assert "알림톡" in reply, reply


# -- skin that reacted ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["크림 바르고 얼굴이 빨갛게 올라왔어요", "볼이 가려워요 ㅠ", "입술이 부어서요"])
def test_a_skin_reaction_said_of_a_part_of_the_face_is_read(text: str) -> None:
    assert "skin" in analyse_turn(text).concepts


@pytest.mark.parametrize("text", ["목 올라오는 니트 있어요?", "목 따가운 건 싫어요 소재가 뭐예요"])
def test_a_reaction_word_modifying_a_noun_is_no_skin_reaction(text: str) -> None:
    assert "skin" not in analyse_turn(text).concepts


def test_a_used_product_that_made_the_skin_react_gets_the_exception_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "개봉해서 두 번 발랐는데 얼굴이 빨갛게 올라왔어요 반품 안 되죠?").reply
    assert "30일" in reply and "소견서" in reply, reply


# -- a count asked in a counter ---------------------------------------------------------------------------------
def test_a_count_asked_of_several_products_gets_each_ones_own_sentence_stating_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "곱창김은 봉지당 몇 장이에요? 고등어는 몇 팩 와요?").reply
    assert "5매" in reply and "4팩" in reply, reply


def test_a_count_asked_of_two_options_gets_the_products_sentence_stating_both(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "사과 3kg이랑 5kg 각각 몇 알 들어요?").reply
    assert "11~13과" in reply and "18~20과" in reply, reply


# -- the shop's own services asked beside a product -------------------------------------------------------------
@pytest.mark.parametrize("shop, message", [
    ("electronics", "is there a showroom or store where I can test the TV?"),
    ("electronics", "헤드폰 직접 들어볼 수 있는 매장 있나요?"),
])
def test_a_store_asked_about_is_the_shops_own_place_even_with_a_product_named(shops, shop: str, message: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert result.route == "general" and ("매장" in result.reply or "Offline store: none" in result.reply), result.reply


@pytest.mark.parametrize("word, base", [("wrapped", "wrap"), ("shipping", "ship"), ("dressed", "dress"), ("added", "add")])
def test_an_english_ending_after_a_doubled_consonant_folds_to_the_word(word: str, base: str) -> None:
    from core.language.lexicon import _english_base

    assert _english_base(word) == base


@pytest.mark.parametrize("message", ["could you get it gift wrapped?", "선물 보낼 건데 가격표 빼고 보내주실 수 있어요?"])
def test_a_gift_service_asked_for_is_the_shops_rule_not_a_recommendation(shops, message: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert result.route == "general" and "You might like" not in result.reply and "추천" not in result.reply, result.reply


# -- two options of one product weighed ----------------------------------------------------------------------------
@pytest.mark.parametrize("shop, message, diff", [
    ("grocery", "고구마 3kg랑 5kg 값 차이 얼마예요?", "8,000원"),
    ("cosmetics", "수분크림 50이랑 100 가격 차이?", "20,000원"),  # numbers without their unit
    ("electronics", "전기포트 1.7이랑 2리터 가격 차이 있어요?", "6,000원"),  # one with its unit, one without
])
def test_the_price_difference_of_two_options_is_worked_out(shops, shop: str, message: str, diff: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], message).reply
    assert f"차이는 {diff}" in reply, reply


def test_a_number_is_not_joined_to_an_option_carried_from_an_earlier_turn(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "어성초 토너 300ml 얼마에요?"},
               {"role": "assistant", "text": "어성초 진정 토너 300ml는 24,000원이에요."}]
    reply = shops["cosmetics"].answer(["150은요?"], history=history, now=NOW).reply
    assert "150ml" in reply and "300ml" not in reply, reply


def test_another_thing_asked_beside_two_options_gets_the_products_own_sentence(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "모니터 27이랑 32 가격차이 얼마고 해상도는 같아요?").reply
    assert "60,000원" in reply and "2560×1440" in reply, reply


@pytest.mark.parametrize("text, concept", [("회수비 있어요?", "cost"), ("수거비도 있어요?", "cost"), ("추가비 얼마에요?", "fee")])
def test_a_cost_named_by_its_thing_and_bi_is_read(text: str, concept: str) -> None:
    assert concept in analyse_turn(text).concepts


def test_the_surcharge_asked_to_go_away_above_an_amount_is_the_delivery_rule(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "울릉도도 배송돼요?"},
               {"role": "assistant", "text": "네, 도서산간 지역도 배송돼요. 도서산간은 5,000원이 추가돼요."}]
    result = shops["cosmetics"].answer(["5만원 넘게 사면 그 추가비도 없어지나요?"], history=history, now=NOW)
    # the surcharge stays: said as the rule ("그대로 붙어요") or, since round 21, as the fee of that amount ("추가 배송비
    # 5,000원만 붙어요")
    assert result.route == "delivery" and "5,000원" in result.reply, result.reply
    assert "그대로" in result.reply or "추가 배송비 5,000원만 붙어요" in result.reply, result.reply


def test_a_set_part_asked_in_another_option_gets_the_sets_own_option_and_the_part_sold_alone(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "진정 세트 구성이 어떻게 돼요?"},
               {"role": "assistant", "text": "진정 스킨케어 2종 세트는 어성초 진정 토너 150ml와 히알루론 수분 크림 50ml로 구성돼요."}]
    reply = shops["cosmetics"].answer(["수분크림만 100ml로 바꿔서 살 수 있어요?"], history=history, now=NOW).reply
    assert "50ml" in reply and "100ml" in reply and "52,000원" in reply and "품절" in reply, reply


@pytest.mark.parametrize("text", ["배터리 몇 시간 가요?", "한번 충전하면 몇시간감?"])
def test_how_many_hours_is_a_length_of_time_not_what_time(text: str) -> None:
    a = analyse_turn(text)
    assert "duration" in a.concepts and "hours" not in a.concepts


def test_what_time_is_still_what_time() -> None:
    assert "hours" in analyse_turn("몇시까지 주문하면 오늘 출고돼요?").concepts


@pytest.mark.parametrize("text, missing", [("양말 하나만 왔어요", True), ("장갑 한쪽만 들어있어요", True),
                                           ("필터 하나만 사면요?", False), ("틴트 두개 중에 하나만 반품하고 싶어요", False)])
def test_only_one_is_a_missing_item_only_with_a_verb_of_arriving(text: str, missing: bool) -> None:
    assert ("missing_item" in analyse_turn(text).concepts) is missing


def test_paying_as_the_customers_circumstance_is_not_the_payment_rule_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "TV 오늘 결제하면 다음주 안에 설치 받을 수 있어요?").reply
    assert "3~7일" in reply, reply


def test_which_option_to_choose_is_answered_by_the_shops_faq_on_the_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "쿠션 살건데 피부가 밝은 편이면 몇 호 골라야 돼요?").reply
    assert "17호 바닐라" in reply and "밝은 피부" in reply, reply


# -- English rules said in English ---------------------------------------------------------------------------------
@pytest.mark.parametrize("shop, message, said", [
    ("jogunshop", "How long does a refund take if I paid by card?", "3-7 business days"),
    ("grocery", "what are your customer service hours?", "08:00-17:00"),
    ("electronics", "What's the customer service phone number?", "1588-4417"),
])
def test_an_english_rule_question_is_answered_from_the_rules_values_in_english(shops, shop: str, message: str,
                                                                               said: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], message).reply
    assert said in reply and "Key points" not in reply, reply


def test_an_english_rule_fully_said_in_english_is_not_quoted_in_korean(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "what's your CS phone number and email?").reply
    assert "1588-4417" in reply and "help@volthouse.example" in reply and "(in Korean)" not in reply, reply


def test_a_day_it_should_arrive_on_is_a_deadline_not_the_day_of_ordering(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "크리스마스 전에 꼭 받아야 하는데 24일엔 와요?").reply
    assert "지금 주문하시면 12월 23일" in reply and "12월 24일(목)까지" in reply, reply  # ordered now, past 13:00


def test_a_fee_stated_again_with_more_by_another_clause_is_quoted_once(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "무료배송으로 산 건데 단순 변심 반품비 얼마예요?").reply
    assert reply.count("6,000원") == 1 and "3,000원" in reply, reply


def test_a_period_beside_a_restated_figure_is_kept(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "유통기한은 얼마나 남은 제품으로 와요?").reply
    assert "36개월" in reply and "개봉 후에는 12개월" in reply, reply  # the FAQ's after-opening period is no restated fee


def test_a_bare_option_after_a_measure_question_gets_that_options_measures(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "와이드 슬랙스 30 허리단면 몇이에요?"},
               {"role": "assistant", "text": "와이드 슬랙스 30 사이즈 허리단면은 39cm입니다."}]
    reply = shops["jogunshop"].answer(["32는요?"], history=history, now=NOW).reply
    assert "32:" in reply and "허리단면" in reply and "남아 있어요" not in reply, reply


# -- the review's cases ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["이 니트 목이 좀 올라와요?", "터틀넥 목이 너무 올라와서 답답해요", "이 블러셔 바르면 볼이 빨개져요?"])
def test_a_collar_or_a_question_of_what_may_happen_is_no_skin_reaction(text: str) -> None:
    assert "skin" not in analyse_turn(text).concepts


@pytest.mark.parametrize("text", ["두 개 시켰는데 하나만 있어요", "신발 박스 열어보니 한짝만 있어요"])
def test_only_one_there_is_a_missing_item(text: str) -> None:
    assert "missing_item" in analyse_turn(text).concepts


def test_a_morning_is_no_arriving(shops) -> None:  # noqa: ANN001
    from agent.entities import deadline

    assert deadline("금요일에 오전에 주문하면 언제 와요?", NOW) is None


def test_an_option_number_before_an_english_name_is_no_count(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "How much are the black 32 wide slacks?").reply
    assert "of them come to" not in reply, reply


def test_this_turns_option_is_priced_before_one_named_earlier(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "고구마 3키로 얼마예요?"}, {"role": "assistant", "text": "해남 꿀고구마 3kg은 15,900원이에요."}]
    reply = shops["grocery"].answer(["그럼 5키로 두 박스 사면 배송비 얼마예요?"], history=history, now=NOW).reply
    assert "47,800원" in reply and "31,800원" not in reply, reply  # 23,900 × 2


def test_a_service_free_of_charge_is_still_a_cost_question() -> None:
    assert "free" in analyse_turn("Is stand installation free?").concepts


def test_in_store_beside_a_product_is_not_the_shops_place(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "Is the basic tee in store?")
    assert result.route == "product", result.reply


def test_a_set_received_and_to_be_changed_is_not_sold_again(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "재택근무 세트 샀어요"}, {"role": "assistant", "text": "네, 무엇을 도와드릴까요?"}]
    reply = shops["electronics"].answer(["받았는데 키보드 적축으로 교환할 수 있어요?"], history=history, now=NOW).reply
    assert "따로 구매하실 수 있어요" not in reply, reply


# -- a thing asked for that the shop does not sell --------------------------------------------------------------
@pytest.mark.parametrize("shop, message, item", [
    ("jogunshop", "나비넥타이 있어요? 셋업이랑 입으려고요", "나비넥타이"),  # a category named after it is context
    ("grocery", "즉석밥이나 생수도 팔아요?", "생수"),
])
def test_the_thing_asked_for_before_its_predicate_is_said_not_sold(shops, shop: str, message: str, item: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], message).reply
    assert "판매하지 않아요" in reply and item in reply, reply


def test_a_kind_the_catalogue_holds_is_never_called_not_sold(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "끈 없는 부츠 있어요?").reply
    assert "판매하지 않아요" not in reply and "첼시 부츠" in reply, reply
