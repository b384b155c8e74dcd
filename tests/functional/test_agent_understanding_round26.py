"""Offline agent, twenty-sixth round: the passage that holds the whole question, a must-do read as no "can I", a day to
receive by said as a weekend or the day after tomorrow or as the reason for a trip, and a follow-up that asks something
new after a rule was quoted.

Each test pins one mechanism, not one sentence: a clause of another section that holds nearly every word of the turn
answers it when the topic's own section holds half at most; -아야/-어야 되다 is an obligation, not a question of whether
something can be done; 주말까지, 낼모레 and "토요일 이사라서 꼭 와야 돼요" are days the parcel should come by (the
weekend-order rule is not quoted for them); a statement of that day after a product question is a second question; a
"where" question prefers the clause naming the shop's channel; a passage the last reply quoted ranks after one it did
not; the shop's next-day service that has its own rule for the order's weekday is quoted, never promised as faster.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

TUESDAY = datetime(2027, 1, 12, 10, 40)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = TUESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- the passage holding the whole question -----------------------------------------------------------------------------
def test_a_clause_of_another_section_holding_the_whole_turn_answers_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "따로 두 번 주문했는데 배송비 하나는 환불돼요?")
    assert "이미 낸 배송비는 환불되지 않습니다" in result.reply, result.reply


def test_the_topic_section_still_answers_when_it_holds_more_than_half(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "적립금 유효기간 있어요?")
    assert "12개월" in result.reply, result.reply


# -- an obligation is no "can it be done" ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["필터 언제 갈아야돼요?", "필터 언제 갈아야 해요?"])
def test_must_is_no_possibility(text: str) -> None:
    assert "possible" not in analyse_turn(text).concepts


def test_a_when_of_what_must_be_done_gets_the_interval_the_shop_states(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "필터 언제 갈아야돼요? 필터 가격도요")
    assert "6~12개월" in result.reply and "39,000원" in result.reply, result.reply


def test_can_is_still_a_possibility() -> None:
    assert "possible" in analyse_turn("교환 되나요?").concepts


# -- days to receive by ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,day", [("주말까지 받을 수 있어요?", "1월 16일(토)"), ("낼모레까지 받을 수 있어요?", "1월 14일(목)"),
                                      ("토요일 이사라서 꼭 와야 돼요", "1월 16일(토)"),
                                      ("낼모레 여행가서 빨리 받아야 해요", "1월 14일(목)")])
def test_a_day_to_receive_by_gets_a_verdict(shops, text: str, day: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "delivery" and f"{day}까지" in result.reply, result.reply
    assert "주말·공휴일 주문은" not in result.reply, result.reply  # no weekend order was said


def test_a_weekend_order_still_gets_the_weekend_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주말에 주문하면 언제 와요?")
    assert "1월 16일(토)에 주문하시면" in result.reply, result.reply


def test_a_day_to_receive_by_after_a_product_question_is_a_second_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "롱패딩 블랙 xl 남았어요? 낼모레 여행가서 빨리 받아야 해요")
    assert "1개 남아 있어요" in result.reply and "1월 14일(목)까지" in result.reply, result.reply


def test_a_next_day_service_with_its_own_rule_for_the_order_day_is_never_promised_faster(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "금요일 오전에 주문하면 주말에 받을 수 있나요", now=datetime(2026, 11, 25, 10, 0))
    assert "더 빨리 받으실 수 있어요" not in result.reply, result.reply
    assert "금요일·토요일 주문은 월요일 새벽에 도착합니다" in result.reply, result.reply


# -- a follow-up asking something new -----------------------------------------------------------------------------------
def test_a_where_follow_up_gets_the_clause_naming_the_channel_not_the_rule_again(shops) -> None:  # noqa: ANN001
    first = "사과 받았는데 멍들고 상한게 섞여있어요"
    said = _ask(shops["grocery"], first).reply
    result = _ask(shops["grocery"], "사진은 어디로 보내면 돼요?",
                  [{"role": "user", "text": first}, {"role": "assistant", "text": said}])
    assert "채널톡" in result.reply, result.reply


# -- a short description said whole -------------------------------------------------------------------------------------
def test_a_yes_no_no_word_finds_gets_the_short_description_whole(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "충전기로 맥북 충전돼요?")
    assert "노트북 충전도 가능합니다" in result.reply, result.reply


# -- counts and the value fallen back from ---------------------------------------------------------------------------------
def test_po_is_a_counter_of_goods_but_not_of_ports(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "쌀10kg 2포 얼마예요", now=datetime(2026, 12, 12, 10, 20))
    assert "79,800원" in result.reply, result.reply
    result = _ask(shops["electronics"], "충전기 2포트짜리에요?", now=datetime(2026, 12, 12, 10, 20))
    assert "합계" not in result.reply, result.reply


@pytest.mark.parametrize("shop,text,total,gone", [
    ("electronics", "퀸 품절이면 싱글 2개 사면 얼마에요", "318,000원", "퀸은 지금 품절이에요"),
    ("jogunshop", "후드티 그레이 없으면 블랙 M 2개 얼마예요", "98,000원", "재고가 있어요")])
def test_the_value_fallen_back_to_is_the_one_priced_for_the_count(shops, shop: str, text: str, total: str,
                                                                  gone: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text, now=datetime(2026, 12, 12, 10, 20))
    assert total in result.reply and gone in result.reply, result.reply


def test_without_a_count_both_values_stay_side_by_side(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "청자켓 M 중청 있어요? 없으면 흑청 M은요?", now=datetime(2026, 12, 12, 10, 20))
    assert "중청" in result.reply and "흑청" in result.reply, result.reply


# -- a fault past the rule's window ----------------------------------------------------------------------------------------
def test_a_fault_past_the_window_is_told_the_warranty_still_covers_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "W2378156 공기청정기 소음이 심해요 교환 되나요?", now=datetime(2027, 1, 12, 19, 40))
    assert "14일 기간이 지났어요" in result.reply and "무상 A/S" in result.reply, result.reply


def test_a_change_of_mind_past_the_window_gets_no_warranty(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "W2378156 반품하고 싶어요", now=datetime(2027, 1, 12, 19, 40))
    assert "7일 기간이 지났어요" in result.reply and "무상 A/S" not in result.reply, result.reply


# -- English --------------------------------------------------------------------------------------------------------------
def test_english_words_no_shop_text_holds_do_not_thin_the_answer(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "what's your return policy? coat doesn't fit")
    assert not result.ask_back and "within 7 days" in result.reply, result.reply


def test_an_english_ask_back_names_sections_in_english_only_when_every_word_is_known() -> None:
    from agent.english_gloss import english_title

    assert english_title("반품 안내") == "return" and english_title("합배송 안내") == "combined shipping"
    assert english_title("반품은 어떻게 하나요?") is None and english_title("묶음 배송 안내") is None


@pytest.mark.parametrize("text,said", [("전기포트 미국 110V에서 써도 돼요?", "말씀하신 110V는 안내된 220V와 달라요"),
                                       ("can I use the kettle in the US? 110V", "110V is not what our rule states (220V)")])
def test_the_customers_quantity_is_weighed_against_the_rules(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], text)
    assert said in result.reply, result.reply


def test_the_rules_own_quantity_asked_is_not_said_to_differ(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "전기포트 220V 맞죠?")
    assert "안내된 220V" not in result.reply and "220V 전용" in result.reply, result.reply


# -- a cancelled order's refund, an order not yet shipped ---------------------------------------------------------------
def test_a_cancelled_orders_refund_is_not_timed_from_a_returned_items_inspection(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261109-0031 환불 언제 돼요?")
    assert "반품 상품 검수 후" not in result.reply and "승인 취소 후 3~7영업일" in result.reply, result.reply
    assert "이 주문은 카드로 결제하신 주문이에요" in result.reply, result.reply


def test_a_return_rule_that_times_nothing_keeps_its_place_for_a_cancellation(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주문 취소했는데 쓴 쿠폰 돌려받을 수 있나요?")
    assert "복원" in result.reply, result.reply


@pytest.mark.parametrize("text", ["20261120-0033 XL에서 L로 바꿀수있나요? 아직 출고전이죠?", "20261120-0033 사이즈 변경 가능해요?"])
def test_an_option_of_an_order_not_yet_shipped_is_an_order_change_a_person_makes(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff and "주문 옵션 변경" in result.reply and "말씀해 주세요" not in result.reply, result.reply


def test_an_exchange_of_a_delivered_order_is_still_the_exchange_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261116-0019 사이즈 교환 되나요?")
    assert "주문 옵션 변경" not in result.reply, result.reply


# -- a quality neither description says --------------------------------------------------------------------------------
def test_a_quality_neither_description_says_is_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "와플티랑 헨리넥티 중에 뭐가 더 두꺼워요?")
    assert "두 상품 설명에는 그 점이 따로 나와 있지 않아요" in result.reply, result.reply


def test_a_quality_one_description_says_still_names_that_one(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "기모 맨투맨이랑 무지 맨투맨 뭐가 더 따뜻해요?")
    assert "설명에 그 점이 나와 있는 건 기모 맨투맨" in result.reply, result.reply


# -- 있다 as an auxiliary -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["노트북 맥OS 깔려있어요?", "노트북 윈도우 설치되어 있어요?"])
def test_itda_after_a_verbs_a_eo_is_a_state_not_a_thing_in_stock(text: str) -> None:
    assert "exist" not in analyse_turn(text).concepts


@pytest.mark.parametrize("text", ["그레이 34는 있어요?", "우유 2개 사려는데 있어요?", "블랙 있어요?"])
def test_itda_of_a_thing_is_still_existence(text: str) -> None:
    assert "exist" in analyse_turn(text).concepts


def test_an_installed_os_question_gets_the_description_not_the_stock(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 윈도우 깔려있어요?")
    assert "윈도우 11 홈 기본 설치" in result.reply and "남아 있어요" not in result.reply, result.reply


# -- a recipient is no staff member; a particle stuck to a split word; a free order's reason ---------------------------
def test_a_person_described_by_a_clause_is_no_request_for_staff() -> None:
    assert "human" not in analyse_turn("받는사람 주소로 보내고 메시지카드 넣어주세요").concepts
    helper = analyse_turn("상담해줄 사람 없어요?")
    assert "human" in helper.concepts | helper.negated


def test_a_word_split_with_its_particle_is_no_unstated_service(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "신안인데 고구마 5kg 배송비랑 새벽배송 돼요?")
    assert "따로 나와 있지 않아요" not in result.reply and "새벽배송이 되지 않습니다" in result.reply, result.reply


def test_why_an_orders_fee_was_nothing_is_the_threshold_it_passed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "GD261102-004 배송비 왜 0원이에요?")
    assert "57,000원" in result.reply and "30,000원 이상" in result.reply, result.reply


# -- a sum over a product of several prices --------------------------------------------------------------------------------
def test_a_sum_over_a_product_of_several_prices_says_which_price_it_took(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "공기청정기랑 모니터 같이 사면 얼마?")
    assert "688,000원" in result.reply and "가장 낮은 399,000원 기준" in result.reply, result.reply


def test_a_value_named_by_its_number_alone_takes_no_note(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "토너 150이랑 클렌징폼 같이 사면 얼마에요?")
    assert "기준이에요" not in result.reply, result.reply


def test_a_fault_reported_of_a_named_order_is_weighed_from_when_it_came(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "W2378156 공기청정기 고장났어요", now=datetime(2027, 1, 7, 15, 15))
    assert result.handoff and "14일 기간이 지났어요" in result.reply and "무상 A/S" in result.reply, result.reply


def test_no_promise_of_a_reply_without_a_person_called(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "퀵 가능해요?")
    assert "안내해 드릴게요" not in result.reply or result.handoff, result.reply


@pytest.mark.parametrize("text,asked", [("DN-004541 취소요", True), ("반품이요", True), ("취소요?", False)])
def test_an_after_sale_act_said_with_yo_alone_is_a_request(text: str, asked: bool) -> None:
    assert analyse_turn(text).request is asked
