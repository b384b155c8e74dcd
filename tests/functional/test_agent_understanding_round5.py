"""Offline agent, fifth round: the customer's own case answered first, asks joined by a particle, products named
by part of their name, and small talk.

Each test pins one mechanism, not one sentence: a received date or elapsed time always brings the rule's time
limit (and its verdict leads the reply); a region word typed one letter wrong; two asked things joined by 이랑/하고
with one closing predicate, read by the analyser (a verb's -하고 never splits); a request to be told a fee asks an
amount; conjuncts that each name a product by part of its name; a chart measure written after a size; a verb in
the question meeting its noun form in the product's own text; a wish for the other's day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from agent.evaluate import answer_as_owner
from agent.mentions import basket
from agent.pipeline import SupportPipeline, split_coordinated
from core.knowledge.delivery_rules import misspelt_region
from core.knowledge.manager import get_knowledge

NOW = datetime(2026, 12, 14, 16, 20)


def _ask(pipeline: SupportPipeline, message: str, history: list[dict] | None = None):
    return pipeline.answer([message], history=history, now=NOW)


def _ask_as_owner(pipeline: SupportPipeline, message: str):
    return answer_as_owner(pipeline, [message], None, NOW)


# -- the customer's own period -----------------------------------------------------------------------------
@pytest.mark.parametrize("message, verdict", [
    ("12월 5일에 받은 바지 단순변심으로 반품 되나요?", "12월 5일이면 오늘까지 9일이 지나 7일 기간이 지난"),  # a received date, 9 days before
    ("받은지 열흘 됐는데 단순 변심 반품 되나요", "말씀하신 열흘은 7일 기간이 지난"),
])
def test_a_stated_period_brings_the_rule_with_the_time_limit_and_its_verdict_leads(shops, message: str,
                                                                                    verdict: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert result.reply.startswith(verdict.split("7일")[0][:6]), result.reply  # the verdict on their own case answers first
    assert verdict in result.reply and "7일 이내" in result.reply, result.reply


# -- regions -----------------------------------------------------------------------------------------------
def test_a_region_word_one_letter_off_is_that_region_but_a_two_syllable_word_is_not() -> None:
    policy = get_knowledge().delivery_policy()
    assert misspelt_region(policy, "제쥬도 배송비 얼마임") == "제주"
    assert misspelt_region(policy, "울릉두 배송 돼요?") == "도서산간"
    assert misspelt_region(policy, "재주 좋네요") is None  # a word of its own, one letter from 제주
    assert misspelt_region(policy, "제품 두개 주문") is None


def test_a_misspelt_region_gets_its_surcharge(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "제쥬도 배송비 얼마임? 6만원어치 살건데")
    assert "3,000원" in result.reply and "제주" in result.reply, result.reply


# -- asks joined by a particle -----------------------------------------------------------------------------
def test_a_comitative_particle_splits_two_asks_sharing_the_closing_predicate() -> None:
    assert split_coordinated("반품 기간이랑 교환 배송비 알려주세요") == ["반품 기간 알려주세요", "교환 배송비 알려주세요"]
    assert split_coordinated("결제하고 상품준비중으로 바뀌었는데 취소 돼요?") == ["결제하고 상품준비중으로 바뀌었는데 취소 돼요?"]
    assert len(split_coordinated("셔츠 얼마예요?")) == 1


@pytest.mark.parametrize("shop, message, expected", [
    ("jogunshop", "반품 기간이랑 교환 배송비 알려주세요", ("7일 이내", "6,000원")),
    ("jogunshop", "적립금 소멸 기간이랑 회원가입하면 주는 적립금 얼마예요?", ("12개월", "2,000원")),
])
def test_two_rules_joined_by_a_particle_are_each_answered(shops, shop: str, message: str,
                                                          expected: tuple[str, ...]) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert all(x in result.reply for x in expected), result.reply


def test_two_values_of_one_rule_joined_by_a_particle_are_answered_once(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "무통장입금이랑 카드 결제 돼요?").reply
    sentences = [s for s in reply.split(". ") if s]
    assert len(sentences) == len(set(sentences)), reply  # one rule lists both: never quoted twice


def test_a_request_to_be_told_a_fee_asks_the_amount(shops) -> None:  # noqa: ANN001
    assert "6,000원" in _ask(shops["jogunshop"], "교환 배송비 알려주세요").reply


# -- several products --------------------------------------------------------------------------------------
def test_each_conjunct_names_the_product_holding_most_of_its_words() -> None:
    k = get_knowledge()
    names = [k.product(pid).name for pid, _ in basket(k, "스트레이트 데님이랑 슬림 테이퍼드 데님 가격 차이")]
    assert names == ["스트레이트 데님 팬츠", "슬림 테이퍼드 데님"]
    names = [k.product(pid).name for pid, _ in basket(k, "헤비코튼 오버핏 반팔이랑 베이직 반팔 차이가 뭐예요?")]
    assert names == ["헤비코튼 오버핏 반팔 티셔츠", "베이직 반팔 티셔츠"]


def test_a_chart_measure_after_a_size_is_compared_without_a_price(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "스트레이트 데님이랑 슬림 테이퍼드 데님 32 허벅지 차이 얼마나 나요?").reply
    assert "32.5cm" in reply and "30.5cm" in reply and "49,000원" not in reply, reply


def test_what_differs_with_the_price_as_well_gives_both(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "헤비코튼 오버핏 반팔이랑 베이직 반팔 차이가 뭐예요? 가격도요").reply
    assert "25,000원" in reply and "15,900원" in reply and "핏" in reply, reply


def test_a_verb_meets_its_noun_form_in_the_products_own_text(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "헤비코튼 반팔이랑 베이직 반팔 중에 뭐가 안 비쳐요?").reply
    assert "비침이 적고" in reply, reply  # 비치다 -> 비침


# -- small talk --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("message", ["오늘 진짜 춥네요. 좋은 하루 되세요!", "행복한 주말 되세요~"])
def test_a_wish_for_the_others_day_is_a_goodbye(shops, message: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert result.topic == "thanks" and not result.handoff, result.reply


def test_a_question_about_the_weekend_is_still_a_question(shops) -> None:  # noqa: ANN001
    assert _ask(shops["jogunshop"], "주말에 주문해도 되나요?").topic != "thanks"


# -- orders and fees ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("shop, message, expected", [
    ("jogunshop", "20261105-0012 주문이요. 5만원 넘게 샀는데 배송비 3,000원이 왜 나왔어요?", "3,000원"),  # 나왔: came out
    ("jogunshop", "Order 20261030-0002: was it delivered, and why was shipping 5,000?", "5,000 KRW"),
])
def test_a_charge_that_came_out_on_an_order_is_its_fee_not_a_wrong_item(shops, shop: str, message: str,
                                                                         expected: str) -> None:  # noqa: ANN001
    result = _ask_as_owner(shops[shop], message)
    assert expected in result.reply and result.topic != "wrong_item" and not result.handoff, result.reply
    assert "제주" in result.reply or "remote" in result.reply  # the region surcharge that explains it


def test_a_question_beside_a_request_for_a_person_is_answered_before_the_handoff(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "48,000원 샀는데 배송비 3천원 왜 붙어요? 짜증나서 그냥 사람이랑 얘기할래요")
    assert result.handoff and result.handoff_reason == "customer_request"
    assert "3,000원" in result.reply and "50,000원" in result.reply and "상담원" in result.reply, result.reply


def test_a_region_after_a_dispatch_question_gets_its_dates_its_surcharge_and_the_shops_note(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "오늘 주문하면 언제 출고돼요?"},
               {"role": "assistant", "text": "내일 12월 15일에 출고돼요."}]
    reply = _ask(shops["jogunshop"], "제주도면요?", history).reply
    assert "12월 15일" in reply and "3,000원" in reply and "1~2일 더" in reply, reply


def test_how_to_apply_for_a_shop_service_on_the_product_route_is_the_shops_rule(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "와이드 슬랙스 그레이 34 있나요?"},
               {"role": "assistant", "text": "와이드 슬랙스 그레이 34는 품절이며 12월 16일 재입고 예정입니다."}]
    for message, earlier in (("재입고 알림 신청 어떻게 해요?", None), ("알림 신청은 어떻게 해요?", history)):
        reply = _ask(shops["jogunshop"], message, earlier).reply
        assert "알림톡" in reply, reply
    assert "알림톡" not in _ask(shops["jogunshop"], "울 머플러 세탁 어떻게 해요?").reply  # a product's own how-to stays


# -- size advice from the customer's own case --------------------------------------------------------------
@pytest.mark.parametrize("message, expected", [
    ("페니로퍼 평소 260인데 발등이 좀 높아요. 몇으로 살까요?", "265 사이즈를 추천"),  # usual size said without 신다
    ("더비슈즈 평소 운동화 265 신는데 발볼이 넓어요. 몇 사이즈 사야 돼요?", "270 사이즈를 추천"),
])
def test_a_fitting_note_condition_the_customer_states_decides_the_size(shops, message: str,
                                                                        expected: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert expected in reply and "스니커즈" not in reply, reply  # the shoes they usually wear are no product asked


def test_a_measure_given_by_the_charts_own_label_picks_the_nearest_size_at_or_above(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "와이드 슬랙스 사려는데 평소 허리단면 40cm 바지 입어요. 몇 사이즈요?").reply
    assert "32 사이즈(허리단면 40.5cm)" in reply, reply
    assert "28:" not in reply  # only the advised row, not the whole chart


# -- the customer's numbers against the shop's --------------------------------------------------------------
@pytest.mark.parametrize("message, expected", [
    ("옥스포드 셔츠 화이트 L 3개 살 수 있어요?", "남은 수량이 2개라 3개는"),  # more than the stock
    ("옥스포드 셔츠 화이트 L 2개 살게요 재고 있죠?", "2개 주문하실 수 있어요"),
])
def test_a_count_the_customer_wants_is_set_against_the_stock(shops, message: str, expected: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert expected in reply, reply


@pytest.mark.parametrize("message, expected", [
    ("적립금 12,350원 있는데 얼마까지 쓸 수 있어요?", "12,300원까지"),
    ("I have 8,450 points, how many can I use?", "8,400 KRW"),
])
def test_a_rules_unit_is_applied_to_the_customers_amount(shops, message: str, expected: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert expected in reply, reply
    assert "단위로 쓰실" not in _ask(shops["jogunshop"], "적립금 3,200원 있는데 쓸 수 있어요?").reply  # below the minimum


# -- English key points ------------------------------------------------------------------------------------
def test_english_key_points_say_each_clauses_topic_first_read_by_the_analyser() -> None:
    from agent.english_gloss import gloss

    assert gloss("단순 변심은 왕복 배송비 6,000원이 들고, 택 제거·착용·세탁한 상품은 반품이 어렵습니다.") == \
        "Change of mind: round trip shipping fee 6,000 KRW; Tag removed / worn / washed: you cannot return it"
    changed = gloss("출고 전(결제완료·상품준비중)까지는 마이페이지나 채널톡으로 변경할 수 있고, 배송중 이후에는 변경이 어렵습니다.")
    assert changed.startswith("Before dispatch:"), changed  # 출고 is no -고 ending; the aside is no topic
    assert "Payment: interest-free" not in gloss("50,000원 이상 카드 결제 시 카드사별 무이자 할부가 적용됩니다.")
    assert ":" not in gloss("상품 수령일로부터 7일 이내에 채널톡 또는 마이페이지에서 반품을 신청할 수 있습니다.")  # 또는 is no topic


# -- fees, parcels and things not sold, in any shop ---------------------------------------------------------
def test_a_shop_that_waives_the_jeju_surcharge_with_free_shipping_says_so(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "제주도는 추가금 있어요?").reply
    assert "추가 배송비까지 무료" in reply and "그대로 붙어요" not in reply, reply
    assert "그대로 붙어요" in _ask(shops["jogunshop"], "제주도는 추가금 있어요?").reply  # a shop that keeps it


def test_a_product_fee_asked_for_a_region_includes_its_surcharge(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "How much is shipping to Jeju for the air fryer?").reply
    assert "Jeju surcharge of 5,000 KRW" in reply, reply


def test_a_parcel_not_received_that_is_in_transit_gets_its_tracking_number_not_a_delivered_claim(shops) -> None:  # noqa: ANN001
    result = _ask_as_owner(shops["jogunshop"], "My order 20261119-0011 hasn't arrived. Where is it?")
    assert "shows as delivered" not in result.reply and "601313711805" in result.reply, result.reply


@pytest.mark.parametrize("message, expected, absent", [
    ("핸크 머스크향 품절이네 재입고 언제임", "화이트머스크", "판매하지 않아요"),  # an option value holds the word
    ("립밤도 팔아요? 입술이 너무 터서요", "'립밤'", "입술"),  # one-syllable nouns joined; the asked sentence's noun
])
def test_a_word_the_catalogue_holds_is_never_called_not_sold(shops, message: str, expected: str,  # noqa: ANN001
                                                             absent: str) -> None:
    reply = _ask(shops["cosmetics"], message).reply
    assert expected in reply and absent not in reply, reply


def test_every_option_price_a_reply_lists_is_a_fact_of_the_turn(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 얼마예요?")
    assert "1,590,000원" in result.reply and "1,690,000원" in result.reply, result.reply  # never dropped by the guard


def test_a_question_no_word_of_ours_names_gets_how_the_shop_describes_the_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "폼클렌저 산도 어떻게 돼요?").reply
    assert "pH 5.5" in reply, reply
    assert "pH" not in _ask(shops["cosmetics"], "폼클렌저요").reply  # a bare name asks nothing more


def test_not_remembering_is_no_fault_of_a_thing(shops) -> None:  # noqa: ANN001
    result = _ask_as_owner(shops["jogunshop"], "20261112-0008 주문 그때 뭐 시켰는지 기억이 안 나요")
    assert not result.handoff and "스트레이트 데님 팬츠" in result.reply, result.reply


# -- sets and follow-ups -----------------------------------------------------------------------------------
def test_a_sets_own_description_says_which_option_of_each_part_it_holds(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "과일 선물세트 얼마예요?"}, {"role": "assistant", "text": "37,900원입니다."}]
    reply = _ask(shops["grocery"], "따로 사면 얼마에요?", history).reply
    assert "40,800원" in reply and "2,900원 더 저렴" in reply, reply


def test_buying_separately_after_a_set_was_discussed_compares_that_set(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "재택근무 세트에 뭐 들어있어요?"},
               {"role": "assistant", "text": "QHD 모니터 27인치, 무선 버티컬 마우스, 텐키리스 기계식 키보드 구성이에요."}]
    reply = _ask(shops["electronics"], "따로따로 사면 얼마에요? 세트가 더 싼거 맞죠?", history).reply
    assert "517,000원" in reply and "88,000원" in reply and "다음으로" not in reply, reply


def test_a_fee_said_to_go_away_is_still_the_fee_asked(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "울릉도도 배송돼요?"},
               {"role": "assistant", "text": "네, 도서산간은 5,000원이 추가돼요."}]
    reply = _ask(shops["cosmetics"], "3만원 넘게 사면 그 추가금도 없어지는거죠?", history).reply
    assert "5,000원" in reply and "출고" not in reply, reply


# -- two words for one term; the general rule; one topic asked twice ------------------------------------------
def test_a_compound_term_written_as_two_words_is_read_as_the_term_and_keeps_its_words() -> None:
    from agent.turn_analysis import analyse_turn

    a = analyse_turn("세일 상품에도 신규가입 쿠폰 쓸 수 있어요?")
    assert a.has("sale_item") and a.has("coupons"), sorted(a.concepts)


def test_a_condition_the_policy_is_silent_on_gets_the_rule_found_without_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "세일 상품도 반품 돼요?").reply
    assert "별도 안내" in reply and "7일 이내" in reply, reply


@pytest.mark.parametrize("message, expected", [
    ("생일쿠폰 몇프로에요? 세일상품에도 적용돼요?", ("10%", "제외")),  # one topic, two questions, two rules
    ("반품 돼요? 택 뗐는데 돼요?", ("택 제거",)),  # one question asked again with a condition: one answer
])
def test_two_questions_on_one_topic_each_get_their_rule(shops, message: str, expected: tuple[str, ...]) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert all(x in reply for x in expected), reply


def test_a_measure_of_a_product_without_a_chart_gets_its_own_description(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "귤 5키로짜리 얼마에요? 알 크기는요").reply
    assert "로얄과 S~M" in reply, reply


def test_another_product_named_alone_after_a_question_gets_that_question_asked_of_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "나일론 백팩 노트북 들어가요?"},
               {"role": "assistant", "text": "네, 나일론 백팩은 15인치 노트북까지 수납 가능합니다."}]
    reply = _ask(shops["jogunshop"], "토트백은?", history).reply
    assert "13인치" in reply and "캔버스 토트백" in reply, reply


def test_the_noun_after_a_products_name_names_its_accessory(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "공청기 필터 따로팔아요?").reply
    assert "A30 교체용 헤파 필터" in reply and "39,000원" in reply and "289,000원" not in reply, reply
    assert "289,000원" in _ask(shops["electronics"], "공청기 얼마예요?").reply  # the product itself


def test_a_fault_past_the_initial_defect_window_gets_the_verdict_and_the_warranty_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "받은 지 20일 됐는데 가습기가 안 켜져요 교환 돼요?")
    assert "20일은 14일 기간이 지난" in result.reply and "무상 A/S" in result.reply and result.handoff, result.reply


def test_a_message_that_comes_is_no_parcel_and_an_alert_applied_for_is_the_shops_rule(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert "arrival" not in analyse_turn("주말에 문의남기면 답변 언제 와요?").concepts
    assert "arrival" in analyse_turn("지금 주문하면 언제 와요?").concepts
    history = [{"role": "user", "text": "와이드 슬랙스 그레이 34 있나요?"},
               {"role": "assistant", "text": "품절이며 12월 16일 재입고 예정입니다."}]
    reply = _ask(shops["jogunshop"], "알림 신청하면 바로 연락 와요?", history).reply
    assert "1일 이내" in reply and "알림톡" in reply, reply


@pytest.mark.parametrize("message, expected", [
    ("기모 맨투맨 12월 26일에 사면 얼마예요?", "12월 26일(토)에는 정가 39,000원"),  # the sale ends 12/25: over by then
    ("기모 맨투맨 12월 20일에 사면 얼마예요?", "12월 20일(일)에도 할인가 31,200원"),  # still on sale that day
])
def test_the_price_on_the_day_the_customer_would_buy(shops, message: str, expected: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert expected in reply, reply


# -- after blind13 (a development set since its first measurement): padding the judges found -----------------
@pytest.mark.parametrize("message, absent", [
    ("옥스포드셔츠 스카이블루 m 잇음??", "원단"),  # a stock answer gets no product description
    ("숏패딩 세일 언제까지임??", "소재"),  # "세일 언제까지" asks the sale's end, not how long the product lasts
    ("183에 78키로인데 터틀넥 사이즈 뭐 입어야돼요?", "참고로 모델"),  # the model note said once, as the basis
])
def test_an_answer_says_what_was_asked_and_nothing_twice(shops, message: str, absent: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], message).reply
    assert absent not in reply, reply


# -- review of the change: what the new readers must not catch ------------------------------------------------
def test_what_the_new_readers_leave_alone(shops) -> None:  # noqa: ANN001
    from agent.entities import compact
    from agent.problems import problem_kind
    from agent.entities import order_day
    from agent.size_advice import _condition_said
    from agent.turn_analysis import analyse_turn
    from core.knowledge.delivery_rules import region_of_text

    assert "판매하지 않아요" in _ask(shops["cosmetics"], "화이트보드 팔아요?").reply  # 화이트 of 화이트머스크 is no 화이트보드
    # (days from today are read since stop 24: "3일 뒤에 사면" is the day the price is asked for)
    assert order_day("3일 뒤에 사면 얼마예요", NOW)[0] == (NOW + timedelta(days=3)).date()
    assert order_day("선물로 보낼 거 사면", NOW)[0] is None
    assert not _condition_said("발볼이 넓다면", compact("발볼이 넓지 않아요"))
    assert split_coordinated("적립금이랑 쿠폰 같이 쓸 수 있어요?") == ["적립금이랑 쿠폰 같이 쓸 수 있어요?"]
    assert split_coordinated("반품 기간이랑 교환 배송비 어떻게 돼요?")[0] == "반품 기간 어떻게 돼요?"
    assert problem_kind(analyse_turn("받은 감이 안 익었어요")) is not None  # 감 is a persimmon here
    assert region_of_text(get_knowledge().delivery_policy(), "사랑도 담았어요") is None  # 사량도 only in delivery turns
    result = _ask(shops["jogunshop"], "48,000원 샀는데 배송비 3천원 왜 붙어요? 그냥 사람이랑 얘기할래요")
    assert "070-8890-1234" in result.reply and result.handoff, result.reply  # the contact lines of a handoff stay


def test_a_verification_request_beside_an_action_keeps_its_own_number(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "주문번호 20261030-0002 환불 신청할게요").reply  # not this chat's order yet
    assert "뒷 4자리" in reply, reply  # the guard no longer drops the verification sentence for its "4"
