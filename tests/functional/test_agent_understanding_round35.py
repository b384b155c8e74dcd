"""Offline agent, thirty-fifth round: follow-ups that add to a basket said before, counts that are a pack's own
amount, the auxiliary 주다 written onto its verb, a turn that opens by waving aside what came before, and the shop's
free-shipping threshold restated beside a product priced before.

Each test pins one mechanism, not one sentence: "토너 150도 하나 추가하면" adds the toner, named by a part of its name,
to the sunscreen counted before; "계란 한판 더 추가하면요?" is one more tray on the basket of tofu and eggs; "마스크
10매 두개" is two of the 10-sheet pack; "환불해줘요" requests; "됐고 그냥 취소해주세요" asks nothing "possible"; "5만원
넘으니까 … 제주에요" is the sneakers' order, not an order of 50,000원.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker, chat

WEDNESDAY = datetime(2027, 1, 13, 10, 20)
_ask = asker(WEDNESDAY)
_chat = chat


# -- baskets grown by a follow-up ----------------------------------------------------------------------------------------
def test_a_product_named_by_a_part_of_its_name_is_added_to_the_basket_before(shops) -> None:  # noqa: ANN001
    history = _chat("선크림 2개 사면 얼마에요?", "데일리 톤업 선크림 2개는 39,600원이에요.")
    for message in ("아 그리고 토너 150도 하나 추가하면 얼마에요?", "토너도 하나 추가하면 얼마에요?"):
        reply = _ask(shops["cosmetics"], message, history).reply
        assert "57,600원" in reply and "19,800원 × 2" in reply, (message, reply)


def test_more_of_a_product_already_in_the_basket_keeps_the_rest_of_it(shops) -> None:  # noqa: ANN001
    history = _chat("두부 3개랑 계란 한판 사면 배송비 있어요?", "합계 21,600원이에요. 배송비 3,000원이 붙어요.")
    reply = _ask(shops["grocery"], "계란 한판 더 추가하면요?", history).reply
    assert "34,500원" in reply and "배송비 3,000원" in reply, reply
    history = _chat("공기청정기 하나 얼마에요?", "클린에어 공기청정기 A30은 289,000원이에요.")
    reply = _ask(shops["electronics"], "필터 2개 더 추가하면 총 얼마에요?", history).reply
    assert "367,000원" in reply and "× 3" not in reply, reply


def test_a_pack_amount_is_no_count_even_when_the_word_may_name_another_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "마스크 10매 두개 사면 얼마에요?").reply
    assert "30,000원" in reply and "12개" not in reply, reply


def test_the_free_shipping_threshold_restated_is_not_the_order_amount(shops) -> None:  # noqa: ANN001
    history = _chat("레더 스니커즈 얼마에요?", "레더 스니커즈는 89,000원이에요.")
    reply = _ask(shops["jogunshop"], "5만원 넘으니까 무료배송 맞죠? 근데 제주에요", history).reply
    assert "89,000원" in reply and "3,000원" in reply and "50,000원 주문" not in reply, reply


# -- requests and dismissals ---------------------------------------------------------------------------------------------
def test_the_auxiliary_written_onto_its_verb_makes_a_request() -> None:
    from agent.turn_analysis import analyse_turn

    for text in ("환불해줘요", "취소해줘요", "환불해 줘요"):
        assert analyse_turn(text).has("request"), text


def test_a_turn_opened_by_a_past_doeda_waves_aside_and_asks_nothing_possible(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    for text in ("됐고 그냥 취소하고 환불해주세요", "아 됐어요 환불해줘요"):
        assert not analyse_turn(text).has("possible"), text
    for text in ("됐어요?", "취소 됐나요?"):  # whether it is done is still asked
        assert analyse_turn(text).has("possible"), text
    r = _ask(shops["jogunshop"], "됐고 그냥 취소하고 환불해주세요")
    assert r.handoff, r.reply


def test_counts_of_several_values_of_one_price_are_summed_in_a_fee_question(shops) -> None:  # noqa: ANN001
    for message, total in (("꽈배기니트 아이보리 M이랑 네이비 M 하나씩 주문하면 배송비 얼마에요?", "138,000원"),
                           ("케이블니트 아이보리 M 2개랑 네이비 M 1개 사면 배송비 있어요?", "207,000원")):
        reply = _ask(shops["jogunshop"], message).reply
        assert total in reply, (message, reply)
    # values listed without a count are one item ("navy, size M")
    reply = _ask(shops["jogunshop"], "Is the cable knit available in navy, size M?").reply
    assert "You can order 2" not in reply, reply


# -- a second question answered, not dropped ------------------------------------------------------------------------------
def test_a_question_of_its_own_beside_the_price_gets_the_shops_words_on_it(shops) -> None:  # noqa: ANN001
    for message in ("쿠션 얼마에요? 비건 제품이에요?", "쿠션 가격이랑 비건인지 알려주세요"):
        reply = _ask(shops["cosmetics"], message).reply
        assert "비건 인증" in reply and "28,000원" in reply, (message, reply)
    # a passage on another product is no answer ("윈도우" is the laptop's)
    reply = _ask(shops["electronics"], "키보드 얼마에요? 윈도우 호환 되나요?").reply
    assert "볼트북" not in reply and "89,000원" in reply, reply


def test_a_word_the_analyser_reads_as_a_verb_before_a_noun_is_the_shops_word() -> None:
    from agent.product_facts import _shop_words_misread
    from agent.turn_analysis import analyse_turn
    from core.knowledge.manager import load_knowledge, source_for

    knowledge = load_knowledge(source_for("tests/data/shops/cosmetics.owl"), write_index=False)
    assert _shop_words_misread(knowledge, analyse_turn("쿠션 비건 제품이에요?")) == ["비건"]
    assert _shop_words_misread(knowledge, analyse_turn("먹고 싶은 제품이에요?")) == []


def test_a_service_no_text_of_the_shop_names_is_said_unstated_after_the_first_answer(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "치노팬츠 허리 34 블랙 있어요? 밑단 수선도 해주나요").reply
    assert reply.index("2개") < reply.index("수선에 대해서는"), reply
    # a verb written onto the noun asks no service ("오늘 사야되나")
    from agent.product_facts import _services_asked
    from agent.turn_analysis import analyse_turn

    assert [m.surface for m in _services_asked(analyse_turn("밑단 수선도 해주나요"))] == ["수선"]
    assert _services_asked(analyse_turn("오늘 사야되나")) == []


def test_when_an_event_comes_is_answered_with_what_happens_at_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "배송완료 됐는데 적립금 언제 들어와요?").reply
    assert "구매확정 시" in reply and "7일" in reply, reply


def test_a_pay_brand_gets_the_clause_written_for_easy_payments(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "카카오페이로 결제했는데 현금영수증 되나요?").reply
    assert reply.startswith("간편결제는"), reply


def test_a_discount_for_buying_together_is_the_shops_rule_or_said_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "비니 아이보리랑 장갑 같이 사면 할인돼요?").reply
    assert "함께 구매하실 때 적용되는 할인은 따로 안내되어 있지 않아요" in reply, reply
    # both on sale until when: nothing bought together is asked
    reply = _ask(shops["jogunshop"], "울 슬랙스랑 울 머플러 둘 다 세일 언제까지예요?").reply
    assert "함께 구매하실 때" not in reply, reply


def test_a_word_of_talk_names_no_product_by_its_sound(shops) -> None:  # noqa: ANN001
    history = _chat("Hi, how much is the MA-1 bomber jacket and is black L available?",
                    "In stock: 1 of MA-1 항공점퍼 (bomber jacket) L black (블랙). It's 99,000 KRW.")
    reply = _ask(shops["jogunshop"], "Great, what about khaki in M?", history).reply
    assert "MA-1" in reply and "polo" not in reply, reply


def test_the_question_asked_on_its_own_answers_a_turn_its_story_thins(shops) -> None:  # noqa: ANN001
    r = _ask(shops["jogunshop"], "What's your return policy? I got a coat delivered 3 days ago and it doesn't fit me")
    assert not r.ask_back and "7 days" in r.reply, r.reply


def test_a_size_asked_of_a_kind_after_its_product_is_that_products_size(shops) -> None:  # noqa: ANN001
    history = _chat("셋업 자켓 네이비 L이랑 셋업 팬츠 네이비 32 세트로 사면 얼마에요?",
                    "테일러드 셋업 자켓 L 네이비 149,000원, 테일러드 셋업 팬츠 32 네이비 79,000원, 합계 228,000원이에요.")
    reply = _ask(shops["jogunshop"], "자켓 사이즈 어떻게 골라요? 180에 75키로에요", history).reply
    assert "자켓 중에서는" not in reply and "60.5cm" in reply, reply


def test_a_value_asked_of_both_in_a_sentence_of_its_own_is_asked_of_each(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "크루넥 니트랑 브이넥 니트 가격 같아요? 오트밀 M은 둘 다 있어요?").reply
    assert "오트밀 없음" in reply and "재고 있음" not in reply, reply
    # each product's own values before 둘 다 stay its own
    reply = _ask(shops["jogunshop"], "셋업 자켓이랑 셋업 팬츠 블랙으로 L이랑 32 둘다 있어요?").reply
    assert "없음" not in reply, reply


def test_a_value_of_the_catalogue_said_in_english_is_glossed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Where are your knits made? Any made in Korea?").reply
    assert "China" in reply, reply


# -- fee follow-ups -------------------------------------------------------------------------------------------------------
def test_a_short_turn_buying_a_product_counted_asks_the_fee_asked_before(shops) -> None:  # noqa: ANN001
    history = _chat("김 10봉짜리 두개 사면 무배에요?", "완도 곱창김 10봉 8,900원 × 2, 합계 17,800원이에요. 배송비 3,000원이 붙어요.")
    reply = _ask(shops["grocery"], "그럼 김 5개 사면요?", history).reply
    assert "44,500원" in reply and "무료" in reply, reply


def test_a_price_the_customer_remembers_is_no_order_amount(shops) -> None:  # noqa: ANN001
    history = _chat("꽈배기니트 세일 아직 해요?? 저번에 51700원이던데",
                    "케이블 니트의 가격은 69,000원입니다. 할인이 끝나 지금은 정가로 판매하고 있어요.")
    reply = _ask(shops["jogunshop"], "아 그럼 아이보리 S 사면 배송비 포함 얼마에요?", history).reply
    assert "69,000원" in reply and "51,700원" not in reply, reply


def test_a_later_question_weighing_the_customers_measure_is_answered_after_the_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "양말 블랙 품절이에요? 발 290인데 맞아요?").reply
    assert reply.index("품절") < reply.index("290mm"), reply


def test_a_way_said_paid_is_the_case_not_a_way_asked_about(shops) -> None:  # noqa: ANN001
    history = _chat("무통장입금 했는데 현금영수증 어떻게 받아요?", "무통장입금 주문은 주문 시 또는 마이페이지에서 현금영수증을 신청할 수 있습니다.")
    reply = _ask(shops["jogunshop"], "카카오페이로 결제한건 영수증 어디서 봐요?", history).reply
    assert reply.startswith("간편결제는"), reply


def test_which_sells_best_no_text_states_is_said_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "핸드크림 화이트머스크 품절이에요? 무화과랑 베르가못 중에 뭐가 더 잘나가요").reply
    assert "품절" in reply and "인기 순위" in reply, reply


def test_the_fee_asked_of_options_side_by_side_is_of_those_that_can_be_bought(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "수분크림 100ml 품절이던데 50ml 두개 사면 배송비 무료에요?").reply
    assert "64,000원" in reply and "배송비는 무료" in reply, reply
