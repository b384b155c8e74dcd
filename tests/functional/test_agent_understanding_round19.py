"""Offline agent, nineteenth round: identity given beside a question, dates as shoppers type them, conditions read
from the grammar, weekday rules and totals that are paid.

Each test pins one mechanism, not one sentence: an orderer's name and phone digits given in the message that asks
about the order verify it (the words of the question are no names tried); the customer's mobile number is no word of
the question; a delivered order asked "when" gets the window it was due in; a date of receipt typed "12/7" counts;
whether goods received can still be refunded is the return window's; an amount's thousands are no size; goods "on
sale" are a condition of a rule (a coupon's own discount is not); a changed mind is no swapped item; a rule mapping
order days to an arrival day gives the dates; what is paid includes the fee; the value of each size weighed per unit;
몇 호 asks which; a supposed case no text of the shop names is said to be unstated.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.order_access import read_verification
from agent.pipeline import SupportPipeline
from agent.turn_analysis import analyse_turn
from core.config import Settings
from core.knowledge.manager import get_knowledge

NOV = datetime(2026, 11, 23, 10, 30)
DEC_EVENING = datetime(2026, 12, 17, 20, 40)  # a Thursday evening


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = DEC_EVENING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


@pytest.fixture(scope="module")
def stranger() -> SupportPipeline:
    """A chat that owns no order: orders are shown only after the orderer's name and phone digits match."""
    return SupportPipeline(Settings.from_env({"LM_DISABLED": "true", "CUSTOMER_HASH_SALT": "round19-test-salt-0001"}),
                           knowledge_provider=get_knowledge)


def _chat(pipeline: SupportPipeline, *texts: str, now: datetime = NOV) -> list:  # noqa: ANN401
    customer: dict = {}
    history: list[dict] = []
    results = []
    for text in texts:
        result = pipeline.answer([text], history=history, now=now, customer=customer or None)
        if result.customer_state is not None:
            customer["state"] = json.loads(json.dumps(result.customer_state))
        history += [{"role": "user", "text": text}, {"role": "assistant", "text": result.reply}]
        results.append(result)
    return results


# -- identity given beside the question ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "20261020-0007 주문했는데요 주문자는 박준호고 번호 뒷자리 2290 이에요 배송비 얼마였어요?",
    "20261020-0007 박준호 2290인데 배송비 얼마 나왔는지 알려주세요",
])
def test_name_and_digits_in_the_message_that_asks_verify_the_order(stranger: SupportPipeline, text: str) -> None:
    reply = _chat(stranger, text)[0].reply
    assert "6,000원" in reply and "본인 확인을 위해" not in reply, reply


def test_many_names_in_one_message_are_still_one_ambiguous_attempt(stranger: SupportPipeline) -> None:
    reply = _chat(stranger, "20261020-0007 김민수 이지연 박준호 최민수 2290")[0].reply
    assert "6,000원" not in reply and "601685616898" not in reply, reply


@pytest.mark.parametrize(("text", "names"), [
    ("주문했는데요 주문자는 박준호고 2290 배송비 얼마였어요", {"박준호"}), ("김민수 5678 알려주세요", {"김민수"}),
])
def test_predicates_and_shop_words_are_no_names_tried(text: str, names: set[str]) -> None:
    answer = read_verification(text)
    assert answer.complete and names <= set(answer.names) and not answer.ambiguous, answer


def test_the_customers_mobile_number_is_no_word_of_the_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261020-0007 주문자는 박준호고 번호 010-7715-2290 이에요 반품 가능?", now=NOV)
    assert not result.ask_back and "7일" in result.reply, result.reply


@pytest.mark.parametrize("text", ["20261020-0007 주문 언제 도착했는지 알수있나요", "20261020-0007 when did it arrive?"])
def test_a_delivered_order_asked_when_gets_the_window_it_was_due_in(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=NOV).reply
    assert ("10월 23일" in reply or "Oct 23" in reply) and ("601685616898" in reply), reply


# -- dates of receipt as shoppers type them ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "verdict"), [
    ("12/7에 받은 니트 반품되나요?", "지난 경우"), ("12.15에 도착한 바지 교환돼요?", "기간 안"),
    ("12월 7일에 받은 니트 반품되나요?", "지난 경우"),
])
def test_a_typed_date_of_receipt_is_counted_to_today(shops, text: str, verdict: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert verdict in reply and "오늘까지" in reply, reply


@pytest.mark.parametrize(("text", "verdict"), [("12/14 받았는데 환불 돼요?", "기간 안"), ("12/5 받았는데 환불 가능해요?", "지난 경우")])
def test_whether_goods_received_can_be_refunded_is_the_return_window(shops, text: str,  # noqa: ANN001
                                                                      verdict: str) -> None:
    reply = _ask(shops["jogunshop"], text).reply
    assert verdict in reply and "7일 기간" in reply and "7영업일 기간" not in reply, reply


def test_an_amounts_thousands_are_no_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "저번달엔 28,000원이던데 지금 옥스포드셔츠 얼마예요?").reply
    assert "28 사이즈" not in reply and "39,000원" in reply, reply


# -- conditions read from the grammar ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["크루넥니트 세일중인데 신규가입 쿠폰 써도 돼요?", "할인하는 상품도 쿠폰 쓸 수 있나요?",
                                  "can I use my coupon on discounted items?"])
def test_goods_on_sale_are_a_condition_of_the_coupon_rule(shops, text: str) -> None:  # noqa: ANN001
    assert analyse_turn(text).has("sale_item"), text
    assert "일부 할인 상품은 쿠폰 적용이 제외" in _ask(shops["jogunshop"], text).reply


@pytest.mark.parametrize("text", ["90% 할인되는 쿠폰 있어요?", "5000원 할인 쿠폰 언제 줘요?"])
def test_a_coupons_own_discount_is_no_sale_item(text: str) -> None:
    assert not analyse_turn(text).has("sale_item"), text


def test_a_sale_item_the_return_rule_is_silent_on_gets_the_general_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "세일 중인 옷도 반품돼요?").reply
    assert "별도 안내는 따로 나와 있지 않아요" in reply and "7일 이내" in reply, reply


@pytest.mark.parametrize("text", ["한우 등심 받았는데 맘이 바뀌어서 반품하고 싶어요", "마음이 바뀌었는데 반품돼요?", "생각이 바뀌어서 취소하려고요"])
def test_a_changed_mind_is_no_swapped_item(text: str) -> None:
    analysis = analyse_turn(text)
    assert analysis.has("simple_change") and not analysis.has("wrong_item"), text


def test_a_changed_mind_about_fresh_food_gets_the_rule_not_a_handoff(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "한우 등심 받았는데 맘이 바뀌어서 반품하고 싶어요")
    assert not result.handoff and "신선식품" in result.reply and "단순 변심" in result.reply, result.reply


def test_a_changed_mind_is_the_usual_reason_to_cancel(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261118-0022 이거 취소도 되나요? 마음이 바뀌어서요", now=NOV).reply
    assert "취소" in reply and "왕복 배송비" not in reply, reply


# -- weekday rules, totals paid, per-unit value ----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("금요일 밤에 새벽배송으로 시키면 토요일 아침에 오나요?", ("아니요", "12월 18일(금)", "12월 21일(월)")),
    ("토요일에 새벽배송 주문하면 언제와요?", ("12월 19일(토)", "12월 21일(월)")),
])
def test_a_rule_mapping_order_days_to_an_arrival_day_gives_the_dates(shops, text: str,  # noqa: ANN001
                                                                     expected: tuple[str, ...]) -> None:
    reply = _ask(shops["grocery"], text).reply
    assert all(x in reply for x in expected), reply


def test_what_is_paid_in_all_includes_the_regions_surcharge(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "제주도 사는데 한우 등심 2개 사면 총 결제금액 얼마예요?").reply
    assert "4,000원" in reply and "108,000원" in reply, reply


@pytest.mark.parametrize("text", ["세럼 용량 큰게 더 이득이에요?", "비타C세럼 50ml 가성비 좋아요?"])
def test_the_value_of_each_size_is_weighed_per_unit(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], text).reply
    assert "1ml당" in reply and "30ml" in reply and "50ml" in reply, reply


@pytest.mark.parametrize("text", ["쿠션 몇호 사야돼요?", "운동화 몇 사이즈 사야 돼요?"])
def test_myeot_ho_asks_which(text: str) -> None:
    assert analyse_turn(text).question == "which", text


def test_which_shade_for_ones_skin_gets_the_shops_advice(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "21호 쓰는데 쿠션 몇호 사야돼요? 좀 어두운편이에요").reply
    assert "23호" in reply and "25호" in reply, reply


# -- what the shop does not state, and when ------------------------------------------------------------------------
def test_a_supposed_case_no_text_of_the_shop_names_is_said_to_be_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "회원탈퇴하면 적립금은 어떻게 돼요?").reply
    assert "따로 나와 있지 않아요" in reply and "회원탈퇴" in reply and "리뷰" not in reply, reply


@pytest.mark.parametrize("text", ["택 떼면 반품 안돼요?", "카드로 환불하면 며칠 걸려요?", "3만원 이상 사면 쿠폰 써져요?"])
def test_a_supposed_case_the_texts_name_is_answered_by_them(shops, text: str) -> None:  # noqa: ANN001
    assert "따로 나와 있지 않아요" not in _ask(shops["jogunshop"], text).reply, text


def test_a_when_question_is_answered_by_the_clause_with_a_time(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "등급 언제 올라가요?").reply
    assert "매월 1일" in reply, reply


@pytest.mark.parametrize("text", ["oversized tee 있어요?", "do you have a tee?"])
def test_tee_is_a_t_shirt(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert "판매하지 않아요" not in reply and "티셔츠" in reply, reply


# -- places, kinds and clock times -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["새벽배송 되는 동네 어디에요", "새벽배송 어디까지 돼요?"])
def test_a_where_question_gets_the_clause_that_names_the_places(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert "서울·경기·인천" in reply and "23:00" in reply, reply


def test_of_the_products_near_the_words_the_one_of_the_kind_named_is_meant(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "어성초 스킨 큰통 얼마에요?? 세일한다던데").reply
    assert "어성초 진정 토너" in reply and "29,000원" in reply, reply


def test_an_entry_with_clock_times_answers_until_when(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "고객센터 전화번호랑 몇시까지 해요", now=NOV).reply
    assert "17:00" in reply and "070-8890-1234" in reply, reply


@pytest.mark.parametrize("text", ["받아보니 사진이랑 색감이 너무 달라요. 환불 돼요?", "사이즈 안 맞는데 환불 가능해요?",
                                  "can I get a refund? it's too small"])
def test_a_refund_asked_of_goods_received_is_the_return_rule(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=NOV).reply
    assert "7일 이내" in reply and "검수가 끝나면" not in reply, reply


@pytest.mark.parametrize("text", ["부분 환불도 되나요?", "반품 보냈는데 환불 언제 돼요?"])
def test_a_refund_asked_as_such_keeps_the_refund_rule(shops, text: str) -> None:  # noqa: ANN001
    assert "검수" in _ask(shops["jogunshop"], text, now=NOV).reply, text


@pytest.mark.parametrize("text", ["생일쿠폰이랑 가입쿠폰 중복 돼요?", "birthday coupon이랑 signup coupon stacking 돼요?",
                                  "can I stack two coupons?"])
def test_two_coupons_at_once_get_the_count_one_order_takes(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=NOV).reply
    assert "1장" in reply or "1 coupon" in reply or "only one coupon" in reply, reply


@pytest.mark.parametrize(("shop", "text", "price"), [("cosmetics", "수분크림 100ml 재고 있어요?", "52,000원"),
                                                     ("electronics", "온수매트 퀸사이즈 재고 없어요?", "199,000원")])
def test_a_sold_out_option_asked_for_still_gets_its_price(shops, shop: str, text: str, price: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text, now=NOV).reply
    assert "품절" in reply and price in reply, reply


# -- counts, totals and what is in stock ---------------------------------------------------------------------------
def test_the_amount_a_product_is_sold_in_is_no_count_of_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "김 10봉 2개 얼마", now=NOV).reply
    assert "17,800원" in reply and "89,000원" not in reply, reply


def test_one_of_each_counted_gets_the_total(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "쌀 20키로 하나랑 김 10봉 하나 얼마에요?", now=NOV).reply
    assert "81,800원" in reply and "161,900원" not in reply, reply


def test_a_count_asked_as_possible_is_weighed_against_the_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "우유 3개 주문 가능해요?", now=NOV).reply
    assert "남은 수량이 2개" in reply, reply


@pytest.mark.parametrize("text", ["메시지 카드도 넣어주나요?", "메세지카드 써주세요"])
def test_a_message_card_is_no_payment_card(text: str) -> None:
    analysis = analyse_turn(text)
    assert analysis.has("packaging") and not analysis.has("payment"), text


def test_an_origin_word_names_no_product_by_its_sound(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "Is the beef Korean hanwoo?", now=NOV).reply
    assert "한우" in reply and "유정란" not in reply, reply


def test_whether_a_service_costs_gets_the_clause_with_its_amount(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "TV 65인치 사면 설치비 따로 내야돼요?", now=NOV).reply
    assert "60,000원" in reply and "무료" in reply, reply


def test_an_option_ruled_out_for_another_is_no_product_ruled_out(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "수분크림 100ml 말고 50ml로 2개 살게요 얼마에요?", now=NOV).reply
    assert "64,000원" in reply and "다른 상품이 없어요" not in reply, reply


# -- an orderer's check given before the order number --------------------------------------------------------------
@pytest.mark.parametrize("text", ["이지연 1047 반팔티 주문한거 결제 잘 됐나요", "최서연 8813 피케티 주문 언제 도착해요"])
def test_an_orderers_check_without_the_number_asks_for_the_number(stranger: SupportPipeline, text: str) -> None:
    result = _chat(stranger, text)[0]
    assert result.ask_back and "주문번호" in result.reply and "출고되어" not in result.reply, result.reply


def test_the_number_sent_next_is_checked_with_the_name_and_digits_before_it(stranger: SupportPipeline) -> None:
    results = _chat(stranger, "이지연 1047 반팔티 주문한거 결제 잘 됐나요", "20261015-0021")
    assert "확인이 완료" in results[1].reply and "603725079963" in results[1].reply, results[1].reply


def test_a_wrong_check_before_the_number_shows_nothing(stranger: SupportPipeline) -> None:
    results = _chat(stranger, "김민수 1111 주문한거요", "20261012-0003")
    assert "확인되지 않아요" in results[1].reply or "확인이 되지 않아요" in results[1].reply, results[1].reply
    assert "배송완료" not in results[1].reply


def test_identity_for_a_new_order_is_no_order_look_up(stranger: SupportPipeline) -> None:
    reply = _chat(stranger, "김민수 5678 주문할건데 반팔티 얼마에요?")[0].reply
    assert "15,900원" in reply, reply


@pytest.mark.parametrize("text", ["숏패딩 방수 되나요?", "옥스포드 셔츠 비침 있어요?"])
def test_a_quality_the_products_texts_never_name_is_said_to_be_unstated(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=NOV).reply
    assert "상품 정보에 따로 나와 있지 않아요" in reply and "소재는" in reply, reply


@pytest.mark.parametrize("text", ["후드티 두께 도톰해요?", "do the chinos stretch at all?"])
def test_a_quality_the_texts_do_name_is_not_called_unstated(shops, text: str) -> None:  # noqa: ANN001
    assert "나와 있지 않아요" not in _ask(shops["jogunshop"], text, now=NOV).reply, text


def test_the_dearest_of_a_kind_is_sorted_dearest_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "가장 비싼 코트가 뭐에요", now=NOV).reply
    assert reply.startswith("가장 비싼 코트는 발마칸 코트"), reply


@pytest.mark.parametrize("text", ["니트 3일전에 받았는데 사이즈가 작아요 반품 비용은요?", "청바지 허리가 작아서 교환할래요"])
def test_goods_that_do_not_fit_are_a_change_of_mind(shops, text: str) -> None:  # noqa: ANN001
    assert analyse_turn(text).has("simple_change"), text
    reply = _ask(shops["jogunshop"], text, now=NOV).reply
    assert "6,000원" in reply and "3개월 기간 안" not in reply, reply



@pytest.mark.parametrize("text", ["고객센터 전화 왜 안받아요??", "nobody answers the phone"])
def test_a_call_unanswered_gets_an_apology_and_whether_a_person_answers_now(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=datetime(2026, 12, 4, 17, 30)).reply
    assert ("죄송" in reply or "Sorry" in reply) and ("12월 7일" in reply or "Dec 7" in reply), reply


def test_a_call_unanswered_is_no_parcel_unreceived(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "전화 안받으시네요 배송 언제와요", now=datetime(2026, 12, 4, 17, 30))
    assert not result.handoff and "받지 못하셨다니" not in result.reply, result.reply


def test_many_names_that_hold_shop_words_are_still_ambiguous() -> None:
    assert read_verification("이지연 박지연 최지연 김지연 정지연 한지연 오지연 2290").ambiguous
