"""Offline agent, thirty-fourth round: a product named in a long English sentence by a word of its own English name,
counts that are no part of a name, a thickness asked as a measure, a unit word the analyser cuts in two, the refund's
timing for a cancelled order, counts written after option values, an address change asked as a follow-up, a holiday
named by its stem before 전, and a fit asked beside a measure.

Each test pins one mechanism, not one sentence: "is the hanwoo beef grass-fed? how thick is it cut" names the beef by
"beef" of its alias "beef sirloin"; "김 한 봉에 몇 장이에요?" is about 김, not a coupon; "두께 얼마나 돼요" finds the 2cm
of the description; "취소했는데 환불 언제 돼요?" asks of the refund, the cancellation is done; "화이트 2장이랑 네이비 1장"
is three shirts; "제주로 바꾸면 추가금 있어요?" after an address question is that change's surcharge.
"""

from __future__ import annotations

from datetime import datetime

from agent.evaluate import answer_as_owner

MONDAY = datetime(2027, 1, 11, 9, 40)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- products named and measured ----------------------------------------------------------------------------------------
def test_a_long_english_sentence_names_a_product_by_a_word_of_its_own_english_name(shops) -> None:  # noqa: ANN001
    knowledge = shops["grocery"].knowledge_provider()
    for query in ("is the hanwoo beef grass-fed? how thick is it cut",
                  "the hanwoo sirloin 1++, how much is it and when can it arrive"):
        found = knowledge.find_products(query)
        assert [m.product_id for m in found.matches][:1] == ["G04"] and not found.ambiguous, query
    reply = _ask(shops["grocery"], "is the hanwoo beef grass-fed? how thick is it cut").reply
    assert "2cm" in reply and "Which product" not in reply, reply


def test_a_count_asked_or_said_is_no_part_of_a_product_name(shops) -> None:  # noqa: ANN001
    for message in ("김 한 봉에 몇 장이에요?", "김 10봉이면 몇장이에요?"):
        r = _ask(shops["grocery"], message)
        assert r.route == "product" and "봉당 5매" in r.reply and "쿠폰" not in r.reply, (message, r.reply)


def test_a_thickness_is_a_measure_its_description_states(shops) -> None:  # noqa: ANN001
    for message in ("한우 등심 두께 얼마나 돼요?", "한우 등심 몇 센치로 잘라져 있어요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "2cm" in reply, (message, reply)
    # how thick it feels (두께감) is a quality, not a thickness in cm the texts lack
    reply = _ask(shops["jogunshop"], "반팔 티 두께감 어때요? 여름에 입기 괜찮아요?").reply
    assert "두께 정보는" not in reply and "20수" in reply, reply


def test_a_unit_word_the_analyser_cuts_in_two_is_read_whole() -> None:
    from agent.product_facts import _asked_units
    from agent.turn_analysis import analyse_turn

    assert [m.surface for m in _asked_units(analyse_turn("몇 센치로 잘라져 있어요?"))] == ["센치"]


# -- refunds, orders and follow-ups --------------------------------------------------------------------------------------
def test_an_act_said_done_is_the_case_and_the_other_act_the_question() -> None:
    from agent.turn_analysis import analyse_turn, done_acts

    assert done_acts(analyse_turn("취소했는데 환불 언제 돼요?")) == {"cancellation"}
    assert done_acts(analyse_turn("반품 접수했는데 환불은요?")) == {"returns"}
    # the one act asked of, even when said done, stays the question ("취소했는데 왜 안 돼요")
    assert done_acts(analyse_turn("취소했는데 왜 안 돼요?")) == set()


def test_a_refund_asked_when_is_the_clause_with_its_length_of_time(shops) -> None:  # noqa: ANN001
    for message in ("환불은 언제 들어와요?", "DN-004399 취소했는데 환불 언제 돼요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "3~5영업일" in reply and "취소가 불가" not in reply, (message, reply)


def test_a_cancelled_orders_refund_is_not_timed_from_a_returns_check(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261109-0031 환불 됐나요?").reply
    assert "'취소'" in reply and "승인 취소 후" in reply and "반품 상품 검수" not in reply, reply


def test_counts_written_after_option_values_are_summed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "피케 카라 티셔츠 L 화이트 2장이랑 네이비 1장 하면 얼마에요?").reply
    assert "105,000원" in reply and "70,000원" not in reply, reply


def test_a_region_changed_to_after_an_address_question_is_that_changes_surcharge(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261122-0001 배송지 변경 가능해요?"},
               {"role": "assistant", "text": "주문번호 20261122-0001은 현재 '결제완료' 상태예요. 배송지 변경 가능합니다."}]
    reply = _ask(shops["jogunshop"], "제주로 바꾸면 추가금 있어요?", history).reply
    assert "제주로 바꾸시면 추가 배송비 3,000원" in reply, reply


def test_a_holiday_named_by_its_stem_before_jeon_is_the_day_to_receive_by(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "설 전에 받으려면 언제까지 주문해야돼요?").reply
    assert "늦어도 2월 2일(화) 14:00 전까지" in reply, reply


def test_a_fit_asked_of_the_body_beside_a_measure_gets_both(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "발마칸 코트 키 170 60키로인데 M 어때요? M 총장은요?").reply
    assert "M 사이즈를 추천" in reply and "총장 112cm" in reply, reply


def test_a_follow_up_on_an_order_told_before_is_measured_against_the_rules_window(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261105-0012 배송비 왜 3000원 냈어요?"},
               {"role": "assistant", "text": "제주 지역 추가 배송비 3,000원이 붙었어요."}]
    reply = _ask(shops["jogunshop"], "그럼 이거 단순변심 반품하면 반품비 얼마에요?", history).reply
    assert "7일 기간이 지났어요" in reply, reply


def test_a_product_that_names_the_orders_item_keeps_the_conversation_where_it_was(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "받은 바지 박음질 터져있는데 받은지 3주 지났어요.. 교환 되나요"},
               {"role": "assistant", "text": "불량 상품은 수령 후 3개월 이내 교환·반품할 수 있어요. 주문번호를 알려주시면 확인해 드릴게요."}]
    r = _ask(shops["jogunshop"], "아 주문번호 20261112-0008 청바지에요. 사진은 어디로 보내요?", history)
    assert r.route == "general" and "49,000원" not in r.reply, r.reply


def test_an_address_change_asked_as_a_follow_up_is_of_the_order_before(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "DN-004530 취소 되나요?"},
               {"role": "assistant", "text": "DN-004530 주문은 상품준비중이라 취소가 어려워요."}]
    reply = _ask(shops["grocery"], "그럼 배송지라도 바꿀 수 있어요?", history).reply
    assert "DN-004530" in reply and "배송지 변경은 어려워요" in reply, reply


def test_an_english_yes_no_question_beside_another_gets_the_products_own_text(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "does the laptop come with windows? and how big is the ssd").reply
    assert "윈도우 11" in reply and "SSD 512GB" in reply, reply


# -- baskets across turns -----------------------------------------------------------------------------------------------
def test_one_more_is_of_the_product_named_before_it_not_of_every_product(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "공청기 필터 얼마에요? 언제 갈아야돼요?"},
               {"role": "assistant", "text": "A30 교체용 헤파 필터의 가격은 39,000원입니다."}]
    reply = _ask(shops["electronics"], "공기청정기 본체랑 필터 하나 더 같이 사면 얼마에요? 배송비는?", history).reply
    assert "328,000원" in reply and "617,000원" not in reply, reply


def test_the_newest_sentences_counts_are_of_the_one_product_discussed(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "틴트 칠리 품절이에요? 코랄이랑 모브 각각 2개씩 살수있어요?"},
               {"role": "assistant", "text": "벨벳 무드 틴트 03 칠리 14,000원(품절), 02 코랄 14,000원(재고 8개), 04 모브 14,000원(재고 1개)."}]
    reply = _ask(shops["cosmetics"], "그럼 모브 1개랑 코랄 3개 해주세요 얼마에요? 무배에요?", history).reply
    assert "56,000원" in reply and "14,000원 주문 시" not in reply and "무료" in reply, reply


def test_an_english_count_of_the_one_discussed_is_the_baskets(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "Is the heartleaf toner good for acne-prone skin? and whats the price for 300ml"},
               {"role": "assistant", "text": "어성초 진정 토너 300ml is 29,000 KRW."}]
    reply = _ask(shops["cosmetics"], "ok and if I order 2 of the big one, is shipping free?", history).reply
    assert "58,000 KRW" in reply and "shipping is free" in reply, reply


def test_a_product_that_fills_the_basket_before_counts_from_that_basket(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "두부 5개랑 계란 한판 사면 배송비 붙어요?"},
               {"role": "assistant", "text": "합계 27,400원이에요. 27,400원 주문 시 배송비는 3,000원이에요."}]
    reply = _ask(shops["grocery"], "그럼 몇개 더 사야 무료배송이에요? 두부로 채우면", history).reply
    assert "5개 더 담으시면 합계 41,900원" in reply and "14개" not in reply, reply


# -- what the customer did to the goods ----------------------------------------------------------------------------------
def test_a_verb_tried_is_read_as_the_verb() -> None:
    from agent.turn_analysis import analyse_turn

    assert analyse_turn("박스만 뜯어봤는데 반품돼요?").has("opened")


def test_an_opened_box_within_the_days_is_refused_by_the_change_of_mind_rule_not_a_faults_days(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "박스만 뜯어봤는데 헤드폰 반품돼요? 받은지 3일").reply
    assert reply.startswith("개봉한 상품은 단순 변심 반품 기준에 해당하지 않아요") and "14일 기간 안" not in reply, reply


def test_a_rule_that_allows_only_the_unopened_refuses_the_opened_without_days(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "쌀 뜯었는데 반품 돼요? 단순변심이요").reply
    assert reply.startswith("개봉한 상품은 이 기준에 해당하지 않아 반품이 어려워요"), reply
    # a rule that refuses it in words says so itself: no verdict added
    reply = _ask(shops["jogunshop"], "택 뗐는데 반품 돼요?").reply
    assert "이 기준에 해당하지 않아요" not in reply, reply


# -- places and English words ---------------------------------------------------------------------------------------------
def test_a_place_asked_alone_is_the_standard_area_not_a_services_listed_areas(shops) -> None:  # noqa: ANN001
    for message, said in (("부산도 배송돼요?", "일반 배송 지역이라 배송돼요"), ("Do you deliver to Busan?", "Yes, we deliver to Busan")):
        reply = _ask(shops["grocery"], message).reply
        assert said in reply and "들어 있지 않아요" not in reply and "not among" not in reply, (message, reply)
    # a service named stays the service's question
    reply = _ask(shops["grocery"], "부산도 새벽배송 돼요?").reply
    assert "일반 배송 지역" not in reply, reply


def test_a_word_of_the_products_own_english_name_is_no_loanword_of_the_rules(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "the sirloin, 300g one. is it grass fed?").reply
    assert "쌀은" not in reply and "52,000 KRW" in reply, reply


def test_an_english_word_that_only_sounds_like_a_colour_is_no_colour(shops) -> None:  # noqa: ANN001
    knowledge = shops["cosmetics"].knowledge_provider()
    found = knowledge.find_products("Is the heartleaf toner good for acne-prone skin? and whats the price for 300ml")
    assert [m.value for m in found.mentions] == ["300ml"], found.mentions
    assert [m.value for m in knowledge.find_products("what about the white musk one").mentions] == ["화이트머스크"]


# -- orders and several products, end reviewers --------------------------------------------------------------------------
WEDNESDAY = datetime(2027, 1, 20, 16, 20)


def test_the_place_an_address_moves_from_is_not_where_it_goes(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261121-0005 배송지 제주에서 서울로 바꾸고 싶어요", now=WEDNESDAY).reply
    assert "제주로 바꾸시면" not in reply and "배송지 변경이 가능해요" in reply, reply


def test_an_orders_state_is_said_once_beside_the_tracking_number_it_lacks(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "What's the status of my order 20261120-0041? I paid by bank transfer",
                 now=WEDNESDAY).reply
    assert reply.count("being prepared") == 1 and reply.count("Nov 26") == 1, reply


def test_the_values_a_second_product_comes_in_are_listed_when_its_own_question_asks(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "비니 아이보리 재입고 되나요 그리고 장갑은 무슨색 있어요?", now=WEDNESDAY).reply
    # (each product's own question answered apart: the beanie's restock, the gloves' colours)
    assert "니트 장갑" in reply and "블랙, 차콜" in reply and "재입고" in reply, reply
    # a size asked for advice is no list of the sizes
    reply = _ask(shops["jogunshop"], "로퍼랑 더비슈즈 중에 발볼 넓은 사람은 사이즈 어떻게 해요?", now=WEDNESDAY).reply
    assert "사이즈 250" not in reply, reply


def test_a_kind_asked_with_an_amount_lists_those_whose_texts_state_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "15인치 노트북 들어가는 가방 있어요?", now=WEDNESDAY).reply
    assert "나일론 백팩" in reply and "캔버스 토트백" not in reply, reply
