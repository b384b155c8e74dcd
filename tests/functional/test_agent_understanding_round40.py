"""Offline agent, fortieth round: the staffed hours asked with no day, an English arrival day that is no day of
ordering, an English fault said as something absent, and a fibre set as a condition of a kind.

Each test pins one mechanism, not one sentence: "상담 몇시까지 해요?" gets the hours and the closed days (never the
contacts clause); "will it arrive tomorrow if I order today?" orders today and weighs tomorrow as the day wanted;
"the left side of my headphones has no sound" is a fault handed to a person; "울 안 들어간 니트" lists the knits
whose composition holds no wool, "면100 셔츠" reads 100 as cotton's share, never size L.
"""

from __future__ import annotations

from datetime import datetime

from agent.entities import localize_delivery, order_day
from turn_asking import asker

TUESDAY = datetime(2027, 2, 23, 11, 5)
EVENING = datetime(2027, 2, 23, 19, 5)
_ask = asker(TUESDAY)


# -- the staffed hours ------------------------------------------------------------------------------------------------
def test_the_hours_asked_with_no_day_are_the_clock_and_the_closed_days(shops) -> None:  # noqa: ANN001
    for shop, clock in (("jogunshop", "10:00~17:00"), ("electronics", "09:00~18:00"), ("grocery", "08:00~17:00")):
        for message in ("상담 몇시까지 해요?", "cs 몇시에 열어요?", "전화상담 몇시부터 가능해요?"):
            result = _ask(shops[shop], message)
            assert clock in result.reply and "쉬어요" in result.reply and not result.handoff, (shop, message, result.reply)
            assert "채널톡 상담은 24시간" not in result.reply, result.reply


def test_the_hours_asked_after_closing_say_when_a_person_next_answers(shops) -> None:  # noqa: ANN001
    reply = asker(EVENING)(shops["jogunshop"], "상담시간 언제까지에요?").reply
    assert "10:00~17:00" in reply and "2월 24일(수) 10:00부터" in reply, reply


def test_an_english_handoff_says_the_hours_and_contacts_in_english(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "talk to a human please")
    assert result.handoff and "09:00-18:00" in result.reply and "1588-4417" in result.reply, result.reply
    assert "(in Korean)" not in result.reply, result.reply


# -- the day of ordering and the day wanted, in English ---------------------------------------------------------------
def test_an_english_arrival_day_is_no_day_of_ordering() -> None:
    said = localize_delivery("if I order now will it arrive tomorrow?")
    assert order_day(said, TUESDAY) == (None, False)
    said = localize_delivery("will it arrive tomorrow if I order today?")
    assert order_day(said, TUESDAY)[0] == TUESDAY.date()
    said = localize_delivery("if I order tomorrow when will it arrive?")
    assert order_day(said, TUESDAY)[0] == datetime(2027, 2, 24).date()


def test_an_english_arrival_day_is_weighed_as_the_day_wanted(shops) -> None:  # noqa: ANN001
    for message in ("if I order the oxford shirt now will it arrive tomorrow?", "will it arrive tomorrow if I order today?",
                    "if I order now can I get it by tomorrow?"):
        result = _ask(shops["jogunshop"], message)
        assert result.route == "delivery", (message, result.route, result.reply)
        assert "ships on Feb 23 (Tue)" in result.reply and "by Feb 24 (Wed)" in result.reply, result.reply


def test_a_korean_arrival_day_without_a_particle_is_the_day_wanted(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "지금 주문하면 내일 와요?").reply
    assert "2월 24일(수)까지 도착할 수도" in reply, reply


def test_a_price_asked_beside_the_arrival_keeps_the_product(shops) -> None:  # noqa: ANN001
    result = asker(datetime(2026, 11, 23, 10, 0))(shops["grocery"], "절임배추 지금 주문하면 언제 와요? 가격은요")
    assert "39,000원" in result.reply, result.reply


# -- a fault said as something absent ---------------------------------------------------------------------------------
def test_an_english_fault_said_as_something_absent_is_handed_to_a_person(shops) -> None:  # noqa: ANN001
    for message in ("the left side of my headphones has no sound", "the left earcup is dead",
                    "no sound from the right earbud"):
        result = _ask(shops["electronics"], message)
        assert result.route == "general" and result.handoff and "sorry" in result.reply.lower(), (message, result.reply)


# -- a fibre as a condition of a kind ---------------------------------------------------------------------------------
def test_a_fibre_left_out_of_a_kind_lists_the_products_without_it(shops) -> None:  # noqa: ANN001
    for message in ("울 안 들어간 니트 있어요?", "울 없는 니트 추천해주세요"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "브이넥 가디건" in reply and "면 50%, 아크릴 50%" in reply and "램스울" not in reply, reply
    reply = _ask(shops["jogunshop"], "아크릴 안 섞인 니트?").reply
    assert "케이블 니트" in reply and "크루넥 니트 49,000원" not in reply, reply
    reply = _ask(shops["jogunshop"], "knit without wool?").reply
    assert "브이넥 가디건" in reply and "cotton 50%, acrylic 50%" in reply and "lambswool" not in reply, reply


def test_a_fibre_in_or_all_of_a_kind_lists_those_products(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "면 들어간 니트 있어요?").reply
    assert "브이넥 가디건" in reply and "케이블 니트" not in reply, reply
    reply = _ask(shops["jogunshop"], "울100프로 니트 있나요?").reply
    assert "램스울 크루넥 니트" in reply and "케이블 니트" not in reply, reply


def test_a_number_written_onto_a_fibre_is_its_share_not_a_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "면100 셔츠 있어요?").reply
    assert "L 재고" not in reply and "면 100%" in reply and "린넨 100%" not in reply, reply


def test_a_kind_asked_whether_all_of_a_fibre_gets_each_material(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "니트 울 100%에요?").reply
    assert "상품마다 달라요" in reply and "울 30%, 아크릴 70%" in reply, reply


def test_a_generic_word_inside_a_kind_name_names_no_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "비건 제품 있어요?").reply
    assert "유기농 우유" not in reply and "4,500원" not in reply, reply


# -- an order's own stage and window ----------------------------------------------------------------------------------
THURSDAY = datetime(2027, 2, 25, 13, 30)


def test_a_cancellation_of_an_order_gets_the_clause_of_its_stage(shops) -> None:  # noqa: ANN001
    reply = asker(THURSDAY)(shops["jogunshop"], "20261119-0011 취소할래요").reply
    assert "배송중 이후에는 취소가 불가" in reply and "결제완료 상태에서는" not in reply, reply
    reply = asker(THURSDAY)(shops["jogunshop"], "20261122-0001 주문 취소하고 싶어요").reply
    assert "결제완료 상태에서는" in reply and "배송중 이후" not in reply, reply


def test_a_return_past_its_window_is_refused_plainly(shops) -> None:  # noqa: ANN001
    reply = asker(THURSDAY)(shops["jogunshop"], "20261012-0003 니트 반품하고싶어요").reply
    assert "7일 기간이 지났어요. 그래서 단순 변심으로는 반품이 어려워요." in reply and "6,000원" not in reply, reply
    reply = _ask(shops["jogunshop"], "받은지 9일 됐는데 반품 되나요? 단순변심이에요").reply
    assert "반품이 어려워요" in reply and "6,000원" not in reply, reply


def test_a_condition_the_customer_did_not_meet_is_not_their_case(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "택 안 뗐는데 반품 되나요?").reply
    # (said after the clause it clears: the rule, then what it means for the customer; round 41)
    assert reply.startswith("택 제거·착용·세탁한 상품은 반품이 어렵습니다. 말씀하신 상품은 택·라벨을 제거한 상품이 아니니 이 "
                            "제한에는 해당하지 않아요.") and "7일 이내" in reply, reply
    reply = _ask(shops["jogunshop"], "지난주 목요일에 받았고 택 안뗐어요 반품 되나요?").reply
    assert "7일 기간 안이에요" in reply and "2월 25일(목)까지" in reply, reply


def test_an_order_just_looked_up_answers_what_was_paid_and_bought(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261105-0012 주문 배송 언제와요?"},
               {"role": "assistant", "text": "주문번호 20261105-0012는 현재 '배송완료' 상태예요."}]
    result = _ask(shops["jogunshop"], "결제 금액 얼마였죠?", history)
    assert result.route == "delivery" and "65,400원" in result.reply, result.reply
    history = [{"role": "user", "text": "where is my order 20261120-0006?"},
               {"role": "assistant", "text": "Order 20261120-0006 is being prepared."}]
    result = _ask(shops["jogunshop"], "what size did I order?", history)
    assert result.route == "delivery" and "덕다운 롱패딩 L" in result.reply, result.reply


def test_an_order_number_holds_no_option_and_the_option_bought_is_its_items(shops) -> None:  # noqa: ANN001
    for message in ("GD261102-004 이때 산 틴트 색이 뭐였죠?", "GD261102-004 그때 산 틴트 무슨 색이었어요?"):
        result = _ask(shops["cosmetics"], message)
        assert result.route == "delivery" and "02 코랄" in result.reply and "04 모브" not in result.reply, result.reply


# -- follow-ups that change one thing ---------------------------------------------------------------------------------
def test_a_follow_up_of_only_a_value_asks_the_kind_again_in_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "코트 블랙 M 있어요?"},
               {"role": "assistant", "text": "M 블랙 재고가 있는 코트는 싱글 울 코트, 발마칸 코트예요."}]
    reply = asker(THURSDAY)(shops["jogunshop"], "차콜은요?", history).reply
    assert "차콜 M" in reply and "싱글 울 코트" in reply and "발마칸 코트" in reply, reply
    history = [{"role": "user", "text": "옥스포드 셔츠 화이트 M 있어요?"}, {"role": "assistant", "text": "네 있어요"}]
    reply = asker(THURSDAY)(shops["jogunshop"], "네이비는요?", history).reply
    assert reply.startswith("옥스포드 셔츠 M 사이즈 네이비"), reply


def test_a_follow_up_of_only_a_time_asks_the_dispatch_again_for_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "지금 주문하면 언제 와요?"}, {"role": "assistant", "text": "..."}]
    for message in ("내일이면요?", "금요일에 하면?"):
        reply = asker(THURSDAY)(shops["jogunshop"], message, history).reply
        assert "2월 26일(금) 14:00 전에 주문하시면 2월 26일(금)에 출고" in reply, (message, reply)


# -- amounts, prices and payments -------------------------------------------------------------------------------------
def test_a_band_of_one_man_won_is_ten_to_twenty_thousand() -> None:
    from agent.entities import price_range

    assert price_range("만원대 티셔츠 있어요?") == (10000, 19999)
    assert price_range("3만원대 셔츠") == (30000, 39999)


def test_quantities_said_by_bare_numbers_price_each_product(shops) -> None:  # noqa: ANN001
    reply = asker(THURSDAY)(shops["cosmetics"], "세럼 50이랑 수분크림 50 같이사면 총 얼마에요? 배송비 포함해서").reply
    assert "36,000원" in reply and "68,000원" in reply and "57,000원" not in reply, reply


def test_a_bank_transfer_before_the_cut_off_must_be_deposited_by_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "1시 50분에 주문하고 무통장으로 할건데 오늘 출고돼요?").reply
    assert "무통장입금은 14:00 전까지 입금까지 마치셔야 당일 출고돼요" in reply, reply


def test_a_faster_service_running_on_the_order_day_comes_the_next_day(shops) -> None:  # noqa: ANN001
    reply = asker(THURSDAY)(shops["grocery"], "서울 사는데 지금 주문하면 내일 아침에 받을수있어요?").reply
    assert "새벽배송은 목요일 주문도 되는 날이라 2월 26일(금)에 받으실 수 있어요" in reply, reply
    reply = asker(datetime(2027, 2, 26, 13, 30))(shops["grocery"], "서울 사는데 지금 주문하면 내일 아침에 받을수있어요?").reply
    assert "주문하신 요일에 따라 달라요" in reply and "되는 날이라" not in reply, reply


# -- care, sizes and faults -------------------------------------------------------------------------------------------
def test_a_way_of_washing_asked_gets_the_care_notes_verdict(shops) -> None:  # noqa: ANN001
    assert "드라이클리닝을 권장해요" in _ask(shops["jogunshop"], "크루넥 니트 세탁기 돌려도 돼요?").reply
    assert "네, 세탁기로 세탁하실 수 있어요" in _ask(shops["jogunshop"], "옥스포드 셔츠 세탁기 돌려도 돼요?").reply
    assert "건조기는 피하시는 게 좋아요" in _ask(shops["jogunshop"], "후드티 건조기 돌려도 되나요?").reply


def test_a_foot_outside_the_sizes_made_is_told_the_range(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "첼시부츠 얼마에요?"}, {"role": "assistant", "text": "스웨이드 첼시 부츠는 139,000원이에요."}]
    reply = _ask(shops["jogunshop"], "발 245인데 이 신발 신을 수 있을까요?", history).reply
    assert "250~290 사이즈만 있어서 245는 없어요" in reply, reply


def test_an_english_usual_size_beside_a_fit_question_gets_the_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Is the suede chelsea boot true to size? I am usually a 275").reply
    assert "we recommend 270" in reply, reply


def test_what_falls_out_of_the_thing_is_a_fault_not_a_missing_item(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "패딩 세탁하고 나서 털이 다 빠지고 뭉쳤어요")
    assert result.handoff and "빠진 채 도착" not in result.reply and "불량" in result.reply, result.reply


def test_a_cancellation_the_orders_stage_refuses_needs_no_person(shops) -> None:  # noqa: ANN001
    result = asker(datetime(2026, 11, 23, 10, 0))(shops["grocery"], "DN-004530 취소할래요")
    assert "취소가 불가합니다" in result.reply and not result.handoff and "담당자" not in result.reply, result.reply
    late = asker(THURSDAY)(shops["grocery"], "DN-004530 취소할래요")  # (months past its window alike)
    assert "취소가 불가합니다" in late.reply and not late.handoff, late.reply


def test_a_product_named_alone_after_a_rule_question_asks_that_rule_of_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "warranty on the headphones?"},
               {"role": "assistant", "text": "Warranty: 1 year of free A/S from the purchase date."}]
    result = asker(THURSDAY)(shops["electronics"], "and the laptop?", history)
    assert result.route == "general" and "2 years" in result.reply, result.reply
    history = [{"role": "user", "text": "헤드폰 보증기간 얼마에요?"}, {"role": "assistant", "text": "1년이에요."}]
    result = asker(THURSDAY)(shops["electronics"], "볼트북 프로는요?", history)
    assert result.route == "general" and "2년" in result.reply, result.reply


def test_a_product_named_alone_after_its_kind_of_question_gets_the_same_attribute(shops) -> None:  # noqa: ANN001
    for message, history in (("두부는요?", [{"role": "user", "text": "우유 보관 어떻게 해요?"},
                                           {"role": "assistant", "text": "냉장 보관하세요."}]),
                             ("what about the tofu?", [{"role": "user", "text": "how do I store the milk?"},
                                                       {"role": "assistant", "text": "Keep it refrigerated."}])):
        reply = asker(THURSDAY)(shops["grocery"], message, history).reply
        assert "2일 이내" in reply and "2,900" not in reply, (message, reply)


def test_two_coupons_asked_together_get_a_plain_no_when_one_order_takes_one(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "생일쿠폰이랑 신규가입쿠폰 같이 쓸수 있나요").reply
    assert reply.startswith("아니요, 쿠폰은 한 주문에 1장만"), reply
    reply = _ask(shops["jogunshop"], "쿠폰이랑 적립금 둘 다 같이 써도 돼요?").reply
    assert "아니요" not in reply, reply


def test_where_a_request_is_made_comes_from_a_sibling_rule_when_its_own_names_no_channel(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "교환 신청은 어디서 해요?").reply
    assert "채널톡 또는 마이페이지" in reply and "취소해 드립니다" not in reply, reply


def test_a_faults_free_return_is_no_amount_of_a_change_of_minds_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "박스 안뜯은거면 반품비 얼마에요").reply
    assert "7,000원" in reply, reply


def test_a_value_follow_up_after_a_question_of_the_products_texts_asks_them_again(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "사과 3키로 몇개 들어있어요?"}, {"role": "assistant", "text": "3kg은 11~13과예요."}]
    reply = _ask(shops["grocery"], "5키로는?", history).reply
    assert "5kg 18~20과" in reply, reply


def test_every_size_and_one_sizes_measure_asked_together_get_both(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "what sizes do the straight jeans come in and whats the waist for 30?").reply
    assert "28, 30, 32, 34, 36" in reply and "waist width 38cm" in reply, reply


def test_the_thing_sought_is_the_noun_before_the_verb_not_its_modifying_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "등산할때 입을 바람막이 있어요?").reply
    assert "'바람막이'" in reply and "등산" not in reply, reply


def test_which_of_two_to_take_is_picked_by_the_season_then_the_fit(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "라운드 가디건이랑 케이블 니트 중에 지금 입기엔 뭐가 좋아요?").reply
    assert "겨울용인 케이블 니트가 더 맞아요" in reply, reply
    reply = _ask(shops["jogunshop"], "지금 입기엔 싱글코트랑 발마칸 중에 뭐가 나아요?").reply
    assert "여유 있게 입으시려면 발마칸 코트(세미오버핏)" in reply and "싱글 울 코트(레귤러핏)를 추천" in reply, reply


def test_the_place_a_parcel_goes_names_no_product(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "과일 선물세트 얼마에요?"},
               {"role": "assistant", "text": "과일 선물세트는 37,900원이에요. 제주 노지 감귤도 인기 있어요."}]
    reply = asker(THURSDAY)(shops["grocery"], "이거 제주로 보내면 배송비는요?", history).reply
    assert "37,900원" in reply and "7,000원" in reply and "감귤" not in reply, reply


def test_when_a_sold_out_option_comes_back_is_said_when_asked(shops) -> None:  # noqa: ANN001
    reply = asker(THURSDAY)(shops["electronics"], "14인치 i7 32g 품절이던데 언제 입고돼요?").reply
    assert "32GB는 품절" in reply and "재입고 일정은 아직 정해지지 않았어요" in reply, reply


def test_an_option_asked_with_a_fallback_said_as_없음_gets_both(shops) -> None:  # noqa: ANN001
    reply = asker(THURSDAY)(shops["electronics"], "키보드 청축 있어요? 없음 갈축은요").reply
    assert "청축 89,000원(품절)" in reply and "갈축 89,000원(재고 4개)" in reply, reply


def test_a_condition_not_met_is_not_cleared_when_another_the_rule_refuses_was_done(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "에어프라이어 박스만 뜯고 안썼는데 반품돼요?").reply
    assert "해당하지 않아요" not in reply and "불가" in reply, reply


def test_free_is_the_one_size_only_when_said_as_a_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Is interest-free installment available?").reply
    assert "50,000" in reply and "doesn't come in" not in reply, reply
    reply = _ask(shops["jogunshop"], "socks in free size?").reply
    assert "FREE" in reply and "white (38)" in reply, reply
