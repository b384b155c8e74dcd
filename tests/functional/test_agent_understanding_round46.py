"""Offline agent, forty-sixth round: a compound that names which of a topic's kinds ("신규가입 쿠폰"), a coupon named
with a product's price, a kind of a topic the shop does not give ("생일쿠폰" of a shop with only a sign-up coupon), when
a part is to be replaced, every one of a few products bought together, an offer of a person taken up, another thing than
the one ordered said in other words, chat's clipped endings and bare-jamo words, a day of the week in a yes/no question,
a product named before the buying verb, and a second question whose answer is that its thing is unwritten.

Each test pins one mechanism, not one sentence: "생일쿠폰 쓰면 린넨셔츠 얼마에요" computes the price less the birthday
coupon's 10 %, while "쿠폰 쓰면 린넨셔츠 얼마에요" (which coupon unsaid) computes none.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker, chat

from agent.turn_analysis import analyse_turn

FRIDAY_EVENING = datetime(2027, 4, 16, 18, 50)
_ask = asker(FRIDAY_EVENING)


# -- a compound naming which of a topic's kinds -----------------------------------------------------------------------
def test_a_compound_of_two_topic_words_weighs_as_one_topic(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "신규가입 쿠폰 쓰면 MA-1 얼마돼요")
    assert reply.route == "product" and "99,000원" in reply.reply, reply.reply


# -- a coupon named with a product's price ---------------------------------------------------------------------------
def test_the_price_less_the_coupon_named_is_computed(shops) -> None:  # noqa: ANN001
    signup = _ask(shops["jogunshop"], "신규가입 쿠폰 쓰면 MA-1 얼마돼요").reply
    assert "94,000원" in signup, signup
    birthday = _ask(shops["jogunshop"], "생일쿠폰 쓰면 린넨셔츠 얼마에요").reply
    assert "45,000원" in birthday and "40,500원" in birthday, birthday
    unsaid = _ask(shops["jogunshop"], "쿠폰 쓰면 린넨셔츠 얼마에요").reply
    assert "40,500원" not in unsaid and "40,000원" not in unsaid, unsaid  # (which coupon is the customer's)


def test_a_coupon_below_its_minimum_is_said_not_to_apply_to_the_product_alone(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "신규가입 쿠폰 쓰면 양말 얼마에요").reply
    assert "30,000원 미만" in reply and "7,000원" not in reply, reply


# -- a kind of a topic the shop does not give ------------------------------------------------------------------------
def test_a_kind_of_coupon_the_shop_never_writes_is_said_unwritten(shops) -> None:  # noqa: ANN001
    none = _ask(shops["cosmetics"], "생일쿠폰 있어요?").reply
    assert "생일 쿠폰에 대한 안내는 따로 나와 있지 않아요" in none and "3,000원" in none, none
    priced = _ask(shops["cosmetics"], "생일 쿠폰 쓰면 수분크림 얼마예요").reply
    assert "생일 쿠폰은 따로 안내되어 있지 않아요" in priced, priced
    given = _ask(shops["jogunshop"], "생일쿠폰 있어요?").reply
    assert "10%" in given and "따로 나와 있지 않아요" not in given, given
    expiry = _ask(shops["cosmetics"], "유통기한 얼마나 남은거 보내줘요?").reply
    assert "따로 나와 있지 않아요" not in expiry, expiry  # (유통기한 is one word, not a kind of 기한)


# -- when a part is replaced -----------------------------------------------------------------------------------------
def test_when_a_part_is_to_be_replaced_is_its_own_texts_cycle(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "공기청정기 필터 언제 갈아야돼요?").reply
    assert "6~12개월" in reply and "출고" not in reply, reply
    both = _ask(shops["electronics"], "공기청정기 필터 언제 갈아야돼요? 필터 따로 팔아요?").reply
    assert "6~12개월" in both and "39,000원" in both, both


# -- every one of a few products -------------------------------------------------------------------------------------
def test_every_one_of_a_few_products_bought_together_is_totalled(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "코듀로이 셋업 위아래 다 사면 얼마").reply
    assert "129,000원" in reply and "69,000원" in reply and "198,000원" in reply, reply
    assert "어떤 상품이 궁금하신지" not in reply, reply


# -- an offer of a person taken up -----------------------------------------------------------------------------------
def test_an_offer_of_a_person_taken_up_hands_the_chat_over(shops) -> None:  # noqa: ANN001
    history = chat("20261121-0023 취소했는데 환불 언제돼요?",
                   "주문번호 20261121-0023은 현재 '취소' 상태예요. 아직 환불이 확인되지 않으셨다면 담당자에게 연결해 확인해 드릴게요.")
    for message in ("네 연결해주세요", "네 부탁드려요"):
        taken = _ask(shops["jogunshop"], message, history)
        assert taken.handoff, (message, taken.reply)
    closed = _ask(shops["jogunshop"], "네 감사합니다", history)
    assert not closed.handoff, closed.reply  # (a close, not the offer taken up)


# -- another thing than the one ordered -------------------------------------------------------------------------------
def test_anothers_thing_that_came_is_a_wrong_item(shops) -> None:  # noqa: ANN001
    assert "wrong_item" in analyse_turn("택배가 다른 사람 옷이 왔어요").concepts
    assert "wrong_item" not in analyse_turn("다른 건 다 왔는데 바지가 안왔어요").concepts  # (the rest came)
    reply = _ask(shops["jogunshop"], "택배가 다른 사람 옷이 왔어요;; 반품비 제가 내야돼요?")
    assert reply.handoff and "조군샵이 부담" in reply.reply, reply.reply


# -- chat's clipped endings and bare jamo ----------------------------------------------------------------------------
def test_a_one_syllable_clipped_verb_after_an_adverb_is_the_verb(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "와이드슬랙스 블랙32 재고있어요? 그리고 오늘 시키면 언제옴").reply
    assert "2개" in reply and "출고" in reply, reply
    answer = _ask(shops["jogunshop"], "주말에도 상담 돼요? 토욜에 문의남기면 답 언제옴").reply
    assert "출고" not in answer and "10:00" in answer, answer  # (the answer coming, not a parcel)


def test_a_word_of_bare_jamo_does_not_change_how_the_sentence_is_read() -> None:
    for lead in ("ㅠ", "ㅠㅠ", "ㅋㅋ"):
        assert "buy" in analyse_turn(f"{lead} 오늘 사야되나").concepts, lead
    assert {"agree", "connect"} <= analyse_turn("ㅇㅇ 연결ㄱㄱ").concepts


# -- a day of the week in a yes/no question --------------------------------------------------------------------------
def test_a_day_of_the_week_is_no_thing_the_shop_is_silent_on(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "지금 모니터 결제하면 월요일에 받을수 있나요?").reply
    assert "따로 나와 있지 않" not in reply and "4월 19일(월)" in reply, reply


# -- a product named before the buying verb --------------------------------------------------------------------------
def test_the_product_before_the_buying_verb_is_weighed_against_a_rules_minimum(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "토너 150 하나만 사도 샘플 주나요?").reply
    assert "18,000원" in reply and "못 미쳐요" in reply, reply


# -- conditions ------------------------------------------------------------------------------------------------------
def test_a_clipped_if_none_asks_the_stock_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "클렌징오일 살라는데 재고잇나요? 없음 대체할만한거 추천좀").reply
    assert "품절" in reply and "클렌징 폼" in reply, reply


# -- a second question whose thing is unwritten ----------------------------------------------------------------------
def test_a_second_question_of_an_unwritten_thing_is_said_unwritten(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "한우 받으면 며칠안에 먹어야돼요? 냉동해도 되나").reply
    assert "5일" in reply and "냉동에 대해서는" in reply, reply
    musing = _ask(shops["jogunshop"], "로퍼 세일 언제까지에요 ㅠ 오늘 사야되나").reply
    assert "여부는" not in musing, musing  # (a musing on buying asks nothing of the product)


# -- paying is ordering, asked in the negative -----------------------------------------------------------------------
def test_a_negative_question_of_dispatch_after_paying_is_the_dispatch(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "2시 넘어서 결제하면 오늘 안나감?", now=datetime(2027, 4, 15, 10, 0))
    assert reply.route == "delivery" and "4월 16일(금)에 출고" in reply.reply, reply.reply


# -- X밖에 없다 -------------------------------------------------------------------------------------------------------
def test_only_part_told_as_nothing_but_is_a_missing_item(shops) -> None:  # noqa: ANN001
    told = _ask(shops["jogunshop"], "2개 시켰는데 하나밖에 안왔어요")
    assert told.handoff and "빠진" in told.reply, told.reply
    assert "missing_item" not in analyse_turn("재고 하나밖에 없어요?").concepts  # (asked: the stock)


# -- the catalogue's own words ---------------------------------------------------------------------------------------
def test_a_catalogue_word_the_analyser_cuts_oddly_is_one_noun(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "사람 안불러도 돼요~ 베르가못 재고만 알려주세요")
    assert not reply.handoff and "베르가못" in reply.reply and "5개" in reply.reply, reply.reply  # (못 is no negation)


# -- which of a rule's two fees is the customer's --------------------------------------------------------------------
def test_the_return_fee_of_the_customers_own_case_is_said_first(shops) -> None:  # noqa: ANN001
    free = _ask(shops["jogunshop"], "무료배송으로 받았는데 반품비 얼마에요?").reply
    assert free.startswith("무료배송으로 받으신 주문이라") and "왕복 6,000원" in free, free
    paid = _ask(shops["jogunshop"], "배송비 3천원 냈는데 반품하면 얼마 부담해요?").reply
    assert paid.startswith("배송비를 내고 받으신 주문이라") and "편도 3,000원" in paid, paid
    neither = _ask(shops["jogunshop"], "반품비 얼마에요?").reply
    assert "받으신 주문이라" not in neither, neither


# -- an FAQ entry of another region ----------------------------------------------------------------------------------
def test_an_faq_entry_of_another_region_is_not_quoted_for_a_remote_one(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "울릉도도 배송돼요? 3만원 주문하면 배송비 총 얼마").reply
    assert "8,000원" in reply and "추가 배송비 3,000원이 붙으며" not in reply, reply


# -- two products, the first named by its kind and an option only it sells ------------------------------------------
def test_a_kind_and_an_option_only_one_of_it_sells_name_that_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "맨투맨 오트밀 S 재고 있어요? 그리고 후드집업 그레이 L도요").reply
    assert "기모 맨투맨 S 사이즈 오트밀은 현재 품절" in reply and "후드 집업 L 그레이는 현재 1개" in reply, reply


# -- others asked for after a question of the product ---------------------------------------------------------------
def test_others_asked_for_after_a_question_of_the_product_are_both_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "데님셔츠 연청 S 품절이네요 재입고 알림 어떻게 신청해요? 그리고 비슷한 다른 셔츠 추천해주세요").reply
    assert "재입고 알림" in reply and "옥스포드 셔츠" in reply and "다른 상품이 없어요" not in reply, reply


# -- "what about X?" after a stock question of options ---------------------------------------------------------------
def test_what_about_another_product_asks_it_in_the_options_asked_before(shops) -> None:  # noqa: ANN001
    korean = chat("싱글 코트 카멜 L 있어요?", "싱글 울 코트 L 카멜은 현재 품절이에요.")
    reply = _ask(shops["jogunshop"], "더블 코트는요?", korean).reply
    assert "더블 울 코트 L 카멜은 현재 품절" in reply and "네이비 11개" in reply, reply
    english = chat("Is the single wool coat available in camel size L?", "Sold out right now: 싱글 울 코트 L camel.")
    reply = _ask(shops["jogunshop"], "what about the double coat?", english).reply
    assert "Sold out" in reply and "259,000" in reply, reply


# -- a product pointed back to ---------------------------------------------------------------------------------------
def test_a_later_question_pointing_back_to_a_product_named_before_is_of_that_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "노트북이랑 65W충전기 같이 사면 한번에 와요? 그 충전기로 노트북 충전 되나요").reply
    assert "함께 발송" in reply and "노트북 충전도 가능합니다" in reply, reply


# -- a build heavier but shorter than the model's --------------------------------------------------------------------
def test_a_shorter_but_much_heavier_build_is_not_called_the_models(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "키 175 몸무게 80 후드집업 사이즈 추천해주세요").reply
    assert "비슷한 체형" not in reply and "XL 사이즈를 추천" in reply, reply
    like = _ask(shops["jogunshop"], "키 180 몸무게 71 후드집업 사이즈 추천해주세요").reply
    assert "비슷한 체형이라 L" in like, like


# -- "X 사면 얼마" after a noun ---------------------------------------------------------------------------------------
def test_buying_as_a_condition_after_a_noun_is_the_verb(shops) -> None:  # noqa: ANN001
    assert "buy" in analyse_turn("계란이랑 두부 사면 얼마").concepts
    assert "buy" not in analyse_turn("네이버 지도 보면").concepts
    reply = _ask(shops["grocery"], "계란이랑 두부 사면 얼마").reply
    assert "15,800원" in reply, reply


# -- a short section said whole rather than a choice asked back -------------------------------------------------------
def test_a_short_sections_rules_are_said_not_a_choice_of_titles(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "쿠션이랑 틴트 하나 사면 샘플 받을수있어요?")
    assert not reply.ask_back and "20,000원 이상" in reply.reply and "충족" in reply.reply, reply.reply


# -- the fee asked after a rule that states none ---------------------------------------------------------------------
def test_the_fee_asked_after_a_rule_with_no_fee_is_the_orders(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "쿠션 17호 리필포함이랑 틴트 로지 하나 사면 샘플 받을수있어요? 배송비는요").reply
    assert "무료" in reply and "담당자" not in reply, reply
    returns = _ask(shops["jogunshop"], "배송비는요?", chat("단순변심 반품 돼요?", "네, 수령 후 7일 이내 가능합니다.")).reply
    assert "6,000원" in returns, returns  # (the return's own fee)


# -- the copula's negation -------------------------------------------------------------------------------------------
def test_a_thing_said_not_to_be_so_with_anigo_is_negated_and_a_ruled_out_word_stays() -> None:
    a = analyse_turn("소리가 취향이 아니에요 고장은 아니고요 교환돼요?")
    assert "defect" in a.negated and "defect" not in a.concepts, a
    b = analyse_turn("린넨 아니고 면으로 된거 있어요?")
    assert "exclude" in b.concepts and b.excluded, b


# -- a state said to persist -----------------------------------------------------------------------------------------
def test_a_state_said_to_persist_is_a_slow_order_not_a_dispute(shops) -> None:  # noqa: ANN001
    slow = _ask(shops["jogunshop"], "20261120-0041 입금했는데 왜 아직 상품준비중이에요?").reply
    assert "다르게 표시" not in slow and "지났는데" in slow, slow
    disputed = _ask(shops["jogunshop"], "입금 안했는데 왜 결제완료에요?").reply
    assert "다르게 표시" in disputed, disputed


# -- a minimum weighed against the option named -----------------------------------------------------------------------
def test_a_minimum_is_weighed_against_the_price_of_the_option_named(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "쿠션 17호 리필포함이랑 틴트 로지 하나 사면 샘플 받을수있어요?").reply
    assert "38,000원" in reply and "52,000원" in reply and "42,000원" not in reply, reply


# -- a place open now ------------------------------------------------------------------------------------------------
def test_whether_a_place_is_open_now_is_said_by_its_written_days_and_hours(shops) -> None:  # noqa: ANN001
    evening = _ask(shops["cosmetics"], "성수 쇼룸 지금 가면 열려있어요?").reply
    assert "지금(18:50)은 쇼룸이 여는 시간이에요" in evening, evening
    late = _ask(shops["cosmetics"], "성수 쇼룸 지금 가면 열려있어요?", now=datetime(2027, 4, 16, 21, 10)).reply
    assert "지금(21:10)은 쇼룸 운영 시간이 아니에요" in late, late


# -- a product among the kinds a quoted sentence lists ---------------------------------------------------------------
def test_whether_a_product_is_among_the_kinds_a_rule_lists_is_said_first(shops) -> None:  # noqa: ANN001
    tint = _ask(shops["cosmetics"], "틴트도 비건이에요?").reply
    assert tint.startswith("벨벳 무드 틴트는 안내에 적힌 토너·크림·선크림에 들어 있지 않아요"), tint
    cream = _ask(shops["cosmetics"], "수분크림 비건이에요?").reply
    assert "토너·크림·선크림에 들어 있어요" in cream, cream


# -- a basket less the coupon named ----------------------------------------------------------------------------------
def test_a_basket_total_less_the_coupon_named_is_computed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "들기름이랑 김 3개 사면 무료배송 돼요? 첫구매 쿠폰 쓰면 얼마에요").reply
    assert "45,600원" in reply and "40,600원" in reply, reply


# -- English yes/no by a rule with an exception ----------------------------------------------------------------------
def test_a_rule_allowing_at_a_cost_with_an_exception_is_no_english_no(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Can I return it if I changed my mind?").reply
    assert not reply.startswith("No") and "6,000" in reply, reply
    rice = _ask(shops["grocery"], "Can I return the rice if I haven't opened it? how much does it cost?").reply
    assert not rice.startswith("No") and "6,000" in rice, rice
    assert "opened" in analyse_turn("Can I return the rice if I haven't opened it?").negated


# -- no total for an option sold out ---------------------------------------------------------------------------------
def test_an_option_named_sold_out_is_not_totalled_with_shipping(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "반팔티 xl 화이트 2개 배송비 포함 얼마에요?", now=datetime(2027, 4, 20, 11, 30)).reply
    assert "품절" in reply and "34,800원" not in reply, reply
