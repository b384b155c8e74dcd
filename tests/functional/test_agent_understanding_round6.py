"""Offline agent, sixth round: the customer's own numbers worked out.

Each test pins one mechanism, not one sentence: an order the customer says they already placed, at a time they
name, gets the dispatch and arrival days of that time (not only a request for the order number); counts of two
options weighed against each other give each way's sum (compared only when both buy the same amount, else per
unit); an amount below a minimum the customer asks about gives what is left to it; units take the particle of
their Korean reading.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agent.entities import order_day, placed_at
from agent.facts import josa
from agent.pipeline import SupportPipeline

NOW = datetime(2026, 12, 22, 13, 10)  # a Tuesday


def _ask(pipeline: SupportPipeline, message: str, now: datetime = NOW):
    return pipeline.answer([message], now=now)


# -- an order already placed, at a time the customer names ---------------------------------------------------
@pytest.mark.parametrize("text, when", [
    ("오늘 오전 11시 반에 결제했는데 언제 도착해요?", datetime(2026, 12, 22, 11, 30)),
    ("1시 10분에 결제했는데 오늘 출고돼요?", datetime(2026, 12, 22, 13, 10)),  # no 오전/오후, said at 13:10: this afternoon
    ("어제 밤에 시킨거 언제 출고돼요?", datetime(2026, 12, 21, 21, 0)),
    ("월요일에 결제했는데 언제 와요", datetime(2026, 12, 21, 9, 0)),  # the last Monday, not the coming one
    ("I ordered yesterday night, when will it arrive?", datetime(2026, 12, 21, 21, 0)),
])
def test_the_time_of_an_order_already_placed_counts_back_from_now(text: str, when: datetime) -> None:
    from agent.entities import localize_delivery

    assert placed_at(localize_delivery(text), NOW) == when


def test_a_placed_order_with_no_time_or_a_new_order_has_no_placing_time() -> None:
    assert placed_at("주문했는데 언제 와요?", NOW) is None
    assert placed_at("지금 주문하면 언제 와요?", NOW) is None  # an order still to be placed
    assert placed_at("내일 주문하면 언제 와요?", NOW) is None


def test_a_past_date_of_an_order_is_this_years_not_next_years() -> None:
    assert order_day("12월 1일에 주문했는데", NOW, past=True)[0] == date(2026, 12, 1)
    assert order_day("12월 1일에 주문하면", NOW)[0] == date(2027, 12, 1)  # a day still to come


@pytest.mark.parametrize("shop, message, facts", [
    ("grocery", "오늘 오전 11시 반에 결제했는데 언제 도착해요?", ("12월 22일(화)에 출고", "12월 23일(수)")),
    ("cosmetics", "방금 오후 1시 10분에 결제했는데 오늘 출고돼요?", ("13:00", "12월 23일(수)에 출고")),  # past the cut-off
])
def test_an_order_placed_at_a_named_time_gets_its_days_and_the_order_number_is_still_asked(shops, shop: str, message: str,
                                                                                          facts: tuple[str, ...]) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert result.route == "delivery" and not result.handoff
    assert "주문하셨다면" in result.reply, result.reply
    assert all(f in result.reply for f in facts), result.reply
    assert "주문번호" in result.reply  # its status still needs the number


def test_a_request_to_ship_two_placed_orders_together_is_no_time_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "어제 주문한거랑 오늘 주문한거 같이 보내주실 수 있나요?")
    assert "주문하셨다면" not in result.reply, result.reply


# -- ways to buy weighed against each other -------------------------------------------------------------------
def test_counts_of_two_options_weighed_give_each_sum_and_the_cheaper_way_for_the_same_amount(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "쌀 10키로 두포대 vs 20키로 한포대 가격 비교 좀요").reply
    assert "10kg 2개 79,800원" in reply and "20kg 1개 72,900원" in reply, reply
    assert "20kg 1개가 6,900원 더 저렴해요" in reply, reply


def test_ways_that_buy_different_amounts_are_compared_per_unit_not_by_their_sums(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "고구마 3키로 두개 사는거랑 5키로 하나 사는거 뭐가 나아요?").reply
    assert "3kg 2개 31,800원" in reply and "5kg 1개 23,900원" in reply, reply
    assert "더 저렴해요" in reply and "1kg당" in reply, reply
    assert "5kg 1개가" not in reply  # 6kg against 5kg: the smaller sum is not the better buy
    assert "합계 55,700원" not in reply  # two ways, not one basket of both


# -- what is left to a minimum -------------------------------------------------------------------------------
def test_an_amount_below_the_free_shipping_minimum_gets_what_is_left(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "장바구니 27,000원인데 배송비 얼마에요? 얼마 더 사야돼요?").reply
    assert "2,500원" in reply and "3,000원 더" in reply, reply


def test_an_amount_asked_against_a_named_tier_gets_the_difference(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "지금까지 55만원인데 골드까지 얼마 남음?").reply
    assert "150,000원 남았어요" in reply and "700,000원" in reply, reply


def test_no_difference_without_a_question_of_what_is_left(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "55만원 샀는데 골드 등급 혜택이 뭐예요?").reply
    assert "남았어요" not in reply, reply


# -- particles after units ------------------------------------------------------------------------------------
@pytest.mark.parametrize("word, particle", [("5kg", "이"), ("300g", "이"), ("100ml", "가"), ("2L", "가"), ("27인치", "가")])
def test_a_unit_takes_the_particle_of_its_korean_reading(word: str, particle: str) -> None:
    assert josa(word, "이", "가") == particle


# -- which courier; a declined person before the question ------------------------------------------------------
@pytest.mark.parametrize("message", ["무슨 택배로 보내요?", "배송 어디택배로 와요? 그리고 1월 1일에 주문하면 언제 출고돼요?"])
def test_which_courier_asked_in_any_sentence_names_the_shops_carrier(shops, message: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert "CJ대한통운" in reply, reply


def test_a_person_declined_in_a_clause_leaves_the_clauses_after_it_as_the_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "상담원 연결까진 필요없구요 ㅎㅎ 쿠폰 한 주문에 몇장 쓸수있는지만 알려주세요")
    assert not result.handoff and "1장" in result.reply, result.reply


# -- receiving as the start of a period ---------------------------------------------------------------------------
def test_receiving_that_starts_a_period_is_no_delivery_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "한우 등심 받고 며칠 안에 먹어야돼요?")
    assert result.route == "product" and "5일" in result.reply, result.reply


# -- English word classes; months are no count ------------------------------------------------------------------
def test_store_as_a_verb_asks_how_to_keep_it_and_as_a_noun_the_shop(shops) -> None:  # noqa: ANN001
    kept = _ask(shops["grocery"], "how should I store the perilla oil after opening?")
    assert kept.route == "product" and "3개월" in kept.reply, kept.reply
    assert _ask(shops["jogunshop"], "do you have a store in Seoul?").route == "general"


def test_months_written_after_a_number_are_no_count_of_the_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "마스카라 뜯은지 7개월 됐는데 아직 써도 되나요?").reply
    assert "7개 사시면" not in reply and "112,000원" not in reply, reply


# -- two asks with a shared predicate, among other sentences ------------------------------------------------------
@pytest.mark.parametrize("text, parts", [
    ("반품 기간이랑 환불 기간 알려주세요. 토스페이로 결제했어요", ["반품 기간 알려주세요.", "환불 기간 알려주세요. 토스페이로 결제했어요"]),
    ("반품 기간이랑 환불 기간 둘 다 알려주세요", ["반품 기간 알려주세요", "환불 기간 둘 다 알려주세요"]),  # both told, each
    ("적립금 소멸 기간이랑 회원가입하면 주는 적립금 얼마예요?", ["적립금 소멸 기간 얼마예요?", "회원가입하면 주는 적립금 얼마예요?"]),
    ("반품 기간이랑 교환 배송비 어떻게 돼요?", ["반품 기간 어떻게 돼요?", "교환 배송비 어떻게 돼요?"]),
])
def test_the_shared_predicate_is_that_of_the_sentence_holding_the_joint(text: str, parts: list[str]) -> None:
    from agent.pipeline import split_coordinated

    assert split_coordinated(text) == parts


@pytest.mark.parametrize("text", ["적립금이랑 쿠폰 둘 다 쓸 수 있어요?", "생일쿠폰이랑 가입쿠폰 같이 써도 돼요?"])
def test_both_used_together_stays_one_question(text: str) -> None:
    from agent.pipeline import split_coordinated

    assert split_coordinated(text) == [text]


def test_a_return_period_and_a_refund_period_asked_together_are_both_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "반품 기간이랑 환불 기간 알려주세요. 토스페이로 결제했어요").reply
    assert "7일 이내" in reply and "1~3영업일" in reply, reply


# -- the customer's region in an after-sale rule; a difference from the size chart --------------------------------
@pytest.mark.parametrize("message", ["신안에 사는데 반품하면 배송비 더 들어요?",  # a place the delivery rules call remote
                                     "도서산간 지역인데 단순변심으로 반품하면 추가 비용 있어요?"])
def test_the_customers_region_brings_the_rules_clause_on_that_region(shops, message: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert "도서산간은 편도 5,000원" in reply, reply


def test_a_measured_difference_from_the_size_chart_with_no_product_gets_the_charts_tolerance(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "받은 바지 총장이 사이즈표보다 5cm나 짧아요 이거 불량 아니에요?")
    assert "1~3cm 오차" in result.reply, result.reply
    assert "와이드 슬랙스" not in result.reply  # no list of trousers


# -- what it costs when nothing is at fault ------------------------------------------------------------------------
def test_whether_an_exchange_can_be_done_brings_its_change_of_mind_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "어제 받았는데 사이즈 교환 되나요? M을 L로").reply
    assert "7일 이내" in reply and "6,000원" in reply, reply


@pytest.mark.parametrize("message", ["교환하려는 사이즈가 품절이면요?", "받은지 10일 됐는데 사이즈 교환 돼요?", "셔츠 샀는데 니트로 교환 되나요?"])
def test_no_fee_beside_a_no_or_a_rule_on_another_case(shops, message: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert "6,000원" not in reply, reply


# -- an order stuck past its window --------------------------------------------------------------------------------
def test_an_order_stuck_two_weeks_past_its_window_goes_to_a_person_on_a_plain_status_question(shops) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    p = shops["jogunshop"]

    def ask(message: str, now: datetime):
        return p.answer([message], now=now, customer=owner_of_orders(p, [message], []))

    stuck = ask("20261119-0027 송장번호 좀 알려주세요", datetime(2026, 12, 22, 13, 10))  # due 11/25: four weeks
    assert stuck.handoff and "602349027403" in stuck.reply and "담당자가 배송 상황을 확인" in stuck.reply, stuck.reply
    late = ask("20261119-0027 송장번호 좀 알려주세요", datetime(2026, 11, 28, 13, 10))  # three days late: offered
    assert not late.handoff and "담당자 확인이 필요하시면" in late.reply, late.reply


# -- a request the shop's rule says staff carry out in this chat ----------------------------------------------------
@pytest.mark.parametrize("message", ["세금계산서 필요해요 사업자에요", "20261121-0018 운동화 아직 출고 안 됐으면 취소해 주세요. 김민수 5678"])
def test_a_request_the_rule_says_staff_do_on_request_in_this_chat_goes_to_a_person(shops, message: str) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    p = shops["jogunshop"]
    result = p.answer([message], now=datetime(2026, 12, 4, 9, 15), customer=owner_of_orders(p, [message], []))
    assert result.handoff and "담당자" in result.reply, result.reply


@pytest.mark.parametrize("message", ["세금계산서 발행 어떻게 해요?", "합배송 해주면 이미 낸 배송비는 돌려줘요?",
                                     "받은지 10일 됐는데 그냥 맘에 안들어서 반품하고 싶어요"])
def test_a_question_about_such_a_rule_or_one_the_customer_does_themselves_stays_with_the_bot(shops, message: str) -> None:  # noqa: ANN001
    assert not _ask(shops["jogunshop"], message, datetime(2026, 12, 4, 9, 15)).handoff


# -- a credit reported as not come in --------------------------------------------------------------------------------
@pytest.mark.parametrize("message", ["포토리뷰 썼는데 적립금이 안 들어왔어요", "이번달 생일인데 생일쿠폰이 안 들어왔어요",
                                     "환불 신청한 지 일주일 넘었는데 아직 안 들어왔어요. 카드 결제요"])
def test_a_credit_reported_as_not_come_in_gets_the_rule_and_a_person(shops, message: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert result.handoff and "담당자가 내역을 확인" in result.reply, result.reply
    assert result.reply.index("담당자") > 10  # the rule first


@pytest.mark.parametrize("message", ["적립금 언제 들어와요?", "배송완료 된지 4일 됐는데 적립금 왜 안들어와요?"])
def test_a_question_of_when_or_why_a_credit_comes_is_answered_by_the_rule(shops, message: str) -> None:  # noqa: ANN001
    assert not _ask(shops["jogunshop"], message).handoff


# -- problems reported in other words --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind", [
    ("아 그게 아니라 전원이 아예 안 켜져요. 받은지 5일 됐어요", "defect"),  # an adverb before the negation
    ("가습기 받은지 20일 됐는데 갑자기 작동을 안해요", "defect"),  # a function (object) not done
    ("박스를 아예 안 열었어요. 단순변심 반품 돼요?", None),  # what the customer did not do, no faulty thing
    ("답장을 안 주시네요", None),
    ("장바구니에 담아 뒀는데 재고가 없어요", None),  # nobody delivered anything
    ("주문한 건 어제인데 택배가 왔어요 빠르네요", None),
    ("택배기사가 문앞에 뒀다는데 없어요", "not_received"),  # left at the door, not there
    ("토너 쓰고 얼굴 뒤집어졌어요 ㅠㅠ 환불되나요", "skin"),
    ("연락이 안 되네요", "other"),  # no faulty thing
    ("사이즈가 안 맞아요", None),
])
def test_problems_read_from_their_structure(text: str, kind: str | None) -> None:
    from agent.problems import problem_kind
    from agent.turn_analysis import analyse_turn

    assert problem_kind(analyse_turn(text)) == kind


def test_a_skin_reaction_gets_the_shops_allowing_exception_as_its_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트 쓰고 입술이 다 뒤집어졌어요ㅠ 이미 뜯었는데 환불 돼요?")
    assert result.handoff and "소견서" in result.reply and "30일" in result.reply, result.reply


# -- the other piece of a set, added -------------------------------------------------------------------------------
def test_the_other_piece_of_a_set_added_to_the_one_discussed_gives_both_and_the_total(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "테일러드 셋업 자켓 L 네이비 있어요?"},
               {"role": "assistant", "text": "네, 테일러드 셋업 자켓 L 네이비는 6개 남아 있고 149,000원이에요."}]
    reply = shops["jogunshop"].answer(["바지도 32로 같이 사면 총 얼마예요?"], history=history, now=NOW).reply
    assert "테일러드 셋업 팬츠" in reply and "228,000원" in reply, reply
    alone = shops["jogunshop"].answer(["바지는 32 있어요?"], history=history, now=NOW).reply
    assert "228,000원" not in alone and "테일러드 셋업 팬츠" in alone, alone  # the sibling alone, no total


# -- one word naming values of two axes ------------------------------------------------------------------------------
def test_a_word_naming_two_axes_is_cut_once_from_the_name_words(shops) -> None:  # noqa: ANN001
    knowledge = shops["grocery"].knowledge_provider()
    words, mentions, _ = knowledge._searcher().parse("귤 5키로 얼마에염")
    assert words == ["귤"] and len({(m.start, m.end) for m in mentions}) == 1  # not "마에염"
    assert "27,900원" in _ask(shops["grocery"], "귤 5키로 얼마에염").reply


def test_of_the_two_is_no_count(shops) -> None:  # noqa: ANN001
    from agent.mentions import basket

    knowledge = shops["jogunshop"].knowledge_provider()
    assert all(q == 1 for _, q in basket(knowledge, "와이드 슬랙스랑 밴딩 슬랙스 둘 중 저렴한거?"))


def test_when_it_ships_asked_in_a_sentence_of_its_own_beside_a_fee_is_answered_too(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "신안군이고 장바구니 7만원인데 배송비 얼마에요? 오늘 보내주나요?").reply
    assert "5,000원" in reply and "12월 22일(화)에 출고" in reply, reply
    assert "출고" not in _ask(shops["jogunshop"], "장바구니 7만원인데 오늘 주문하면 배송비 얼마에요?").reply  # one question


def test_the_amount_asked_is_quoted_beside_the_period_verdict(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "에어프라이어 4일 전에 받았는데 박스 안 뜯었어요. 단순변심 반품하면 얼마 내요?").reply
    assert "7일 기간 안" in reply and "7,000원" in reply, reply
    tiers = _ask(shops["jogunshop"], "골드 등급 되려면 얼마 구매해야 하나요").reply
    assert "700,000원" in tiers, tiers


# -- after the review: no handoff or number on an ordinary question -------------------------------------------------
def test_a_stuck_order_asked_about_its_fee_is_answered_not_handed_off(shops) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    p = shops["jogunshop"]
    message = "20261118-0022 배송비 얼마 나왔어요?"
    result = p.answer([message], now=datetime(2026, 12, 22, 13, 10), customer=owner_of_orders(p, [message], []))
    assert not result.handoff, result.reply


@pytest.mark.parametrize("message", ["이메일 주소 필요해요", "세금계산서 필요한데 발행 가능한가요?"])
def test_a_contact_line_or_a_question_is_no_request_for_staff(shops, message: str) -> None:  # noqa: ANN001
    assert not _ask(shops["jogunshop"], message).handoff


def test_a_placed_order_whose_window_has_passed_gets_no_days_but_the_number_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "12월 10일에 주문했는데 언제 와요?").reply
    assert "받아보실 수 있어요" not in reply and "주문번호" in reply, reply


def test_a_part_of_the_day_is_said_in_the_customers_word_not_as_an_hour(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "어제 오후에 주문했는데 언제 와요?").reply
    assert "오후에 주문하셨다면" in reply and "15시" not in reply, reply
    today = _ask(shops["jogunshop"], "오늘 결제했는데 언제 와요?", datetime(2026, 12, 22, 15, 0)).reply
    assert "14:00 전에 주문하셨다면 12월 22일(화)에 출고" in today, today  # computed as said: before the cut-off


def test_a_noun_ending_in_yo_closes_no_shared_predicate() -> None:
    from agent.pipeline import split_coordinated

    assert split_coordinated("교환 방법이랑 반품 필요 서류 알려주세요") == ["교환 방법 알려주세요", "반품 필요 서류 알려주세요"]


def test_store_before_a_noun_is_the_shop_not_keeping(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert "storage" not in analyse_turn("Can store credit be used online?").concepts
    assert "storage" in analyse_turn("how should I store it after opening?").concepts


def test_more_stock_of_the_other_piece_is_no_purchase_of_both(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "테일러드 셋업 자켓 L 네이비 있어요?"},
               {"role": "assistant", "text": "네, 6개 남아 있고 149,000원이에요."}]
    reply = shops["jogunshop"].answer(["바지 32 네이비 재고 더 있어요?"], history=history, now=NOW).reply
    assert "228,000원" not in reply and "테일러드 셋업 팬츠" in reply, reply


@pytest.mark.parametrize("message, gap", [("3천원 담았는데 가입쿠폰 쓰려면 얼마 더 담아야 돼요?", "27,000원 남았어요"),
                                          ("적립금 50원 있는데 얼마 더 모아야 쓸 수 있어요?", "4,950원 남았어요")])
def test_what_is_left_is_measured_against_the_minimum_not_another_amount_of_the_rule(shops, message: str, gap: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert gap in reply, reply


@pytest.mark.parametrize("text, kind", [("주문한건 블랙인데 네이비가 왔어요 어떻게 된거에요", "wrong_item"),
                                        ("주문한 건 흑청인데 중청이 왔어요", "wrong_item"),
                                        ("주문한 건 어제인데 택배가 왔어요 빠르네요", None),  # no option of the shop
                                        ("주문한 거 선물용인데 영수증이 와 있어요", None)])
def test_an_option_ordered_and_another_that_came_is_a_wrong_item(shops, text: str, kind: str | None) -> None:  # noqa: ANN001
    from agent.problems import problem_kind
    from agent.turn_analysis import analyse_turn

    assert problem_kind(analyse_turn(text), shops["jogunshop"].knowledge_provider()) == kind
