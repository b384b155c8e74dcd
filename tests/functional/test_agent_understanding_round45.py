"""Offline agent, forty-fifth round: where or when of a place the shop names in one of its sections, products named by
bare words one after another with a count said of them all, an option asked of all of a basket that one of them does
not sell, a product sold out in a list, a word the analyser cuts in two one-syllable pieces ("비건"), where a product is
made asked as 어디산, a later "what about …" led by its condition, and
"언제와요" written as one word.

Each test pins one mechanism, not one sentence: "쇼룸 어디에요?" quotes the showroom's clause, not the customer service's
phone beside it; "계란 두부 시금치 하나씩 담으면 얼마에요" is three products; "비니 장갑 머플러 다 블랙으로" says the
muffler has no black and totals the other two.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

THURSDAY_EVENING = datetime(2027, 4, 8, 20, 30)
_ask = asker(THURSDAY_EVENING)


# -- a place the shop names in one of its sections --------------------------------------------------------------------
def test_where_or_when_of_a_place_is_its_own_clause_not_a_siblings(shops) -> None:  # noqa: ANN001
    where = _ask(shops["cosmetics"], "쇼룸 어디에요?").reply
    assert "성수동 쇼룸" in where and "1644-2871" not in where, where
    for message in ("매장 몇시까지 해요?", "쇼룸 몇시까지 해요?"):
        reply = _ask(shops["cosmetics"], message).reply
        assert "11:00~20:00" in reply and "10:00~18:00" not in reply, (message, reply)
    hours = _ask(shops["cosmetics"], "고객센터 몇시까지 해요?").reply
    assert "18:00" in hours, hours  # (the customer service's own hours are still its own)
    weekend = _ask(shops["cosmetics"], "쇼룸 주말에도 해요?").reply
    assert "화~일 11:00~20:00" in weekend and "주말과 공휴일은 쉽니다" not in weekend, weekend
    none = _ask(shops["jogunshop"], "매장 영업시간 알려주세요").reply
    assert "오프라인 매장은 없습니다" in none, none  # (a shop with no store says so, not its customer service's hours)


# -- bare words one after another ------------------------------------------------------------------------------------
def test_products_named_by_bare_words_with_a_count_said_of_all_are_each_a_line(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "계란 두부 시금치 하나씩 담으면 얼마에요").reply
    assert "12,900원" in reply and "2,900원" in reply and "3,500원, 품절" in reply, reply
    assert "15,800원" in reply, reply  # (what can be bought, totalled)
    one = _ask(shops["jogunshop"], "린넨 셔츠 하나씩 주세요").reply
    assert "함께 안내" not in one, one  # (린넨 셔츠 is one product's name, not two products)


def test_a_product_sold_out_is_said_in_its_line_of_a_list(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "시금치랑 두부 주세요").reply
    assert "3,500원, 품절" in reply and "2,900원" in reply, reply


# -- an option asked of all of a basket ------------------------------------------------------------------------------
def test_an_option_asked_of_all_is_said_missing_for_the_one_without_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "비니 장갑 머플러 다 블랙으로 사면 얼마에요").reply
    assert "블랙 없음" in reply and "38,000원" in reply and "73,000원" not in reply, reply
    sold = _ask(shops["jogunshop"], "비니랑 머플러 모두 차콜로 주세요").reply
    assert "54,000원" in sold and "없음" not in sold, sold


# -- a word cut in two pieces ----------------------------------------------------------------------------------------
def test_a_word_the_analyser_cuts_in_two_meets_the_shops_same_word(shops) -> None:  # noqa: ANN001
    from core.knowledge.retrieval import tokenize

    assert "비건" in tokenize("여기 제품 비건이에요?", query=True)
    assert "비건" in tokenize("토너·크림·선크림은 비건 인증을 받았습니다")
    assert "건" not in tokenize("여기 제품 비건이에요?", query=True)
    reply = _ask(shops["cosmetics"], "여기 제품 비건이에요?").reply
    assert "비건 인증" in reply and "선물 포장" not in reply, reply


# -- where it is made --------------------------------------------------------------------------------------------------
def test_where_a_product_is_made_asked_as_eodisan(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "고등어 어디산이에요?").reply
    assert "원산지는 노르웨이" in reply, reply


# -- a later "what about …" led by its condition ---------------------------------------------------------------------
def test_a_later_what_about_led_by_its_condition_is_a_question_of_its_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "사과 3키로는 몇과에요? 2박스 사면 배송비는요").reply
    assert "11~13과" in reply and "49,800원" in reply and "무료" in reply, reply


# -- English: a fibre asked of a kind none of whose products are on sale -----------------------------------------------
def test_a_kind_none_of_whose_products_is_on_sale_is_no_fibre_none_has(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Is the wool coat on sale?").reply
    assert "made with wool" not in reply, reply


# -- "언제와요" written as one word -----------------------------------------------------------------------------------
def test_when_it_comes_written_as_one_word_is_asked(shops) -> None:  # noqa: ANN001
    from core.language.morphology import analyse

    assert [(m.surface, m.pos) for m in analyse("언제와요?")][1] == ("와", "VV")
    assert [(m.surface, m.pos) for m in analyse("저와요?")][1][1] == "JKB"  # (with me: the particle stays)
    reply = _ask(shops["jogunshop"], "언제오나요").reply
    assert "출고" in reply and "나와 있지 않아요" not in reply, reply
    both = _ask(shops["jogunshop"], "레더크로스백이랑 로퍼 같이 사면 얼마고 언제와요?").reply
    assert "198,000원" in both and "출고" in both, both
    late = _ask(shops["jogunshop"], "주문한거 언제오나요").reply
    assert "주문번호" in late, late  # (an order of theirs, late: its number asked)


# -- the item asked for, right before the verb ------------------------------------------------------------------------
def test_the_item_not_sold_is_the_phrase_right_before_the_verb(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "여자친구 선물로 원피스도 파나요?").reply
    assert "'원피스'" in reply and "여자친구" not in reply, reply
    both = _ask(shops["jogunshop"], "라면이나 생수도 팔아요?").reply
    assert "'라면', '생수'" in both, both


# -- the customer's own measure against the size asked ----------------------------------------------------------------
def test_the_customers_own_measure_is_weighed_against_the_size_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "어깨 48인데 옥스포드셔츠 L 크나요?").reply
    assert "0.5cm 작아요" in reply and "XL(49cm)" in reply, reply
    longer = _ask(shops["jogunshop"], "총장 75면 옥스포드셔츠 M 짧아요?").reply
    assert "1cm 작아요" in longer and "L(76cm)이에요" in longer, longer
    chest = _ask(shops["jogunshop"], "가슴 100인데 옥스포드셔츠 L 맞아요?").reply
    assert "말씀하신" not in chest, chest  # (a chest around the body is no flat half of the chart's scale)


# -- others asked for only if the one named is not to be had ---------------------------------------------------------
def test_alternatives_asked_if_none_come_after_the_stock_of_the_one_named(shops) -> None:  # noqa: ANN001
    out = _ask(shops["jogunshop"], "스트라이프셔츠 블루 XL 있어요? 없으면 비슷한거 추천해주세요").reply
    assert out.startswith("스트라이프 셔츠 XL 블루는 현재 품절") and "네이비 23개" in out and "옥스포드 셔츠" in out, out
    there = _ask(shops["jogunshop"], "스트라이프셔츠 네이비 XL 있어요? 없으면 비슷한거 추천해주세요").reply
    assert "23개" in there and "옥스포드 셔츠" not in there, there  # (in stock: no others needed)
    later = _ask(shops["cosmetics"], "클렌징오일 언제 재입고돼요? 오래걸리면 대신 쓸만한거 추천좀").reply
    assert "품절" in later and "클렌징 폼" in later, later


# -- a budget said is weighed by the price ---------------------------------------------------------------------------
def test_a_budget_said_of_one_product_is_answered_by_its_price(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "기모 후드티 5만원 이하에요?").reply
    assert "49,000원" in reply, reply


# -- a season is a word of its own -----------------------------------------------------------------------------------
def test_a_season_said_alone_is_no_first_syllable_of_a_name(shops) -> None:  # noqa: ANN001
    spring = _ask(shops["jogunshop"], "봄 자켓 L 있어요?").reply
    assert "MA-1" not in spring and "데님 트러커 자켓" in spring, spring
    bomber = _ask(shops["jogunshop"], "봄버자켓 L 있어요?").reply
    assert "MA-1" in bomber, bomber


# -- slowness complained of ------------------------------------------------------------------------------------------
def test_slow_delivery_complained_of_is_a_late_parcel_whose_order_is_asked(shops) -> None:  # noqa: ANN001
    from core.language.morphology import analyse

    assert [(m.pos, m.lemma) for m in analyse("배송 왜케 느림")][-1] == ("VA", "느리")  # (chat's clipped -ㅁ)
    assert analyse("재입고 알림 신청")[-2].surface == "알림"
    for message in ("ㅎㅇ 배송 왜케 느림", "배송 너무 느려요"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "늦어져" in reply and "주문번호" in reply, (message, reply)
    asked = _ask(shops["jogunshop"], "배송 빨라요?").reply
    assert "늦어져" not in asked, asked  # (asked about, not complained of)


# -- a product's stock and whether an order of it comes tomorrow --------------------------------------------------------
def test_whether_an_order_comes_tomorrow_is_said_beside_the_stock(shops) -> None:  # noqa: ANN001
    reply = asker(datetime(2027, 4, 12, 13, 40))(shops["jogunshop"], "MA-1 블랙 L 하나 남았던데 지금 주문하면 내일 오나요?").reply
    assert "1개 남아" in reply and "4월 13일" in reply, reply


# -- an after-sale act's cost asked next -----------------------------------------------------------------------------
def test_a_cost_asked_after_an_after_sale_act_is_that_acts_cost(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "교환 신청 어디서 해요? 비용은요? 무료배송으로 받았어요").reply
    assert "6,000원" in reply and "50,000원 이상" not in reply, reply


# -- a one-size product against the customer's measure; a rule quoted once for two orders ---------------------------
def test_a_one_size_products_measure_is_weighed_against_the_customers(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "머리둘레 60인데 워싱 볼캡 맞을까요?").reply
    assert "58cm" in reply and "2cm 작아요" in reply, reply


def test_a_rule_asked_of_two_orders_is_quoted_once(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261120-0041 이랑 20261122-0001 합배송 되나요?").reply
    assert reply.count("합배송해 드립니다") == 1 and "20261122-0001" in reply, reply


# -- the day to receive by, after the time of an order -----------------------------------------------------------------
def test_the_day_to_receive_by_is_the_one_after_the_orders_time(shops) -> None:  # noqa: ANN001
    reply = asker(datetime(2027, 4, 12, 13, 40))(shops["jogunshop"], "오늘 2시 전에 하면 수요일까지 와요?").reply
    assert "4월 14일(수)까지 도착할 수도" in reply and "4월 12일(월)까지는 도착이 어려워요" not in reply, reply


# -- the options one means to buy ------------------------------------------------------------------------------------
def test_the_options_one_means_to_buy_are_asked_of_too(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨 셔츠 비침 있나요? 화이트 L 사려고요").reply
    assert "L 화이트" in reply and "40개" in reply, reply


# -- an option named and sold out, said beside what was asked -----------------------------------------------------------
def test_an_option_named_and_sold_out_is_said_beside_what_was_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "스트라이프셔츠 블루 XL 소재 뭐에요?").reply
    assert "면 100%" in reply and "블루 XL은 현재 품절" in reply, reply
    there = _ask(shops["jogunshop"], "스트라이프셔츠 네이비 XL 소재 뭐에요?").reply
    assert "품절" not in there, there


# -- what was ordered, asked with the words apart -----------------------------------------------------------------------
def test_what_was_ordered_asked_with_the_words_apart_is_the_orders_items(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert analyse_turn("뭐 시켰더라").has("items") and not analyse_turn("뭐 주문하면 좋아요?").has("items")
    reply = asker(datetime(2027, 4, 12, 13, 40))(shops["jogunshop"], "20261120-0033 뭐 주문했었죠?")
    assert "케이블 니트" in reply.reply and not reply.handoff, reply.reply  # (its items: no person needed for them)


# -- ingredients asked of a product with no material stated ----------------------------------------------------------
def test_ingredients_asked_of_a_product_with_no_material_are_its_descriptions(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "어성초 토너 성분 뭐예요?")
    assert "어성초 추출물 70%" in reply.reply and not reply.handoff, reply.reply
