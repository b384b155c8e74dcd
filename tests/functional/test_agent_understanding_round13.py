"""Offline agent, thirteenth round: the rule's conclusion for the customer's own case.

Each test pins one mechanism, not one sentence: a delivered order's expected arrival tells how long ago it came, so a
return rule counted from receipt says which side of its limit the order is on; a day counted back ("그제 주문했는데")
and "1년 반" are elapsed times; a rule with several limits for several things takes the limit of the thing the
customer names; a fault past the defect window gets the warranty's own clause and its verdict; the customer's own
failure is no delay of the shop's; a rule's own minimum asked from below it gets no verdict; a tier the customer
names as theirs gives the rate an amount earns; an amount spent is no amount held; one product's own question in a
turn about two is answered beside the total; a payment hour after an order verb is the hour that counts.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agent.entities import order_time
from agent.evaluate import answer_as_owner
from agent.periods import elapsed_since, limit_in, limit_of_subject

NOW = datetime(2026, 12, 16, 15, 0)  # a Wednesday, after the day's dispatch cut-off


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = NOW):  # noqa: ANN001
    """Asked by the owner of the orders the turn names (as a verified chat would be)."""
    return answer_as_owner(pipeline, [message], history or [], now)


def _chat(*turns: str) -> list[dict]:
    return [{"role": "user" if i % 2 == 0 else "assistant", "text": t} for i, t in enumerate(turns)]


# -- periods -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "days"), [
    ("그저께 결제했는데 아직 소식이 없네요", 2),
    ("어제 받은 바지 교환돼요?", 1),
    ("쓴 지 2년 반 됐어요", 912),
    ("산 지 1년 3개월 지났는데", 455),
    ("반년 넘었는데", 183),  # more than half a year
    ("일 년 2개월 됐는데", 425),
    ("열세달 썼는데", 390),
    ("받은지 일주일 하고 하루 지났어요", 8),
    ("받은 지 한 달 보름 됐어요", 45),
    ("받은지 일주일 반 됐는데", 10),
])
def test_elapsed_times_counted_back_and_in_halves(text: str, days: int) -> None:
    period = elapsed_since(text, date(2026, 12, 16))
    assert period is not None and period.days == days, period


@pytest.mark.parametrize("text", ["어제 주문할까 고민했어요 언제 와요?", "어제가 제일 추웠어요"])
def test_a_day_counted_back_needs_a_past_event_of_the_order(text: str) -> None:
    assert elapsed_since(text, date(2026, 12, 16)) is None


def test_a_limit_in_years_and_never_a_date_or_a_year() -> None:
    assert limit_in("구매일로부터 2년간 무상 수리") is not None and limit_in("구매일로부터 2년간 무상 수리").days == 730
    assert limit_in("이벤트는 12월 24일까지 진행") is None
    assert limit_in("2027년까지 유효") is None


RULE = "모든 제품은 구매일로부터 1년간 무상 수리하며, 로봇청소기 본체는 3년(배터리는 6개월) 무상 보증입니다."


@pytest.mark.parametrize(("text", "days"), [
    ("로봇청소기 배터리가 금방 닳아요", 180),
    ("로봇청소기 본체가 안 움직여요", 1095),
])
def test_of_several_limits_the_one_of_the_thing_named(text: str, days: int) -> None:
    limit = limit_of_subject(text, [RULE])
    assert limit is not None and limit.days == days, limit


def test_the_general_limit_when_the_customer_names_none_of_the_rules_things() -> None:
    limit = limit_of_subject("선풍기가 안 돌아가요", [RULE])
    assert limit is not None and limit.days == 365, limit


def test_no_limit_singled_out_when_two_things_are_named_alike() -> None:
    rule = "신용카드는 3~7영업일, 계좌이체는 1영업일 이내 환불됩니다."
    assert limit_of_subject("신용카드랑 계좌이체 둘 다 썼어요", [rule]) is None


# -- a delivered order's days against a limit counted from receipt ------------------------------------------------
def test_a_long_delivered_order_is_past_the_return_window(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261030-0002 이거 아직 반품 신청 가능한가요? 단순변심이에요")
    assert "11월 5일" in result.reply and "기간이 지났어요" in result.reply, result.reply


def test_an_order_delivered_within_the_window_is_inside_it(shops) -> None:  # noqa: ANN001
    now = datetime(2026, 11, 21, 11, 0)
    result = _ask(shops["jogunshop"], "20261116-0019 받은 거 사이즈 교환하고 싶어요", now=now)
    assert "기간 안이에요" in result.reply, result.reply


def test_a_delivered_order_on_another_shop_counts_the_same_way(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "DN-004488 주문한 쌀 포장 그대로인데 반품할 수 있을까요?")
    assert "11월 17일" in result.reply and "기간이 지났어요" in result.reply, result.reply


def test_a_refund_time_is_not_counted_from_an_orders_arrival(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261030-0002 환불은 며칠 걸려요? 카드였어요")
    assert "도착 예정이었던" not in result.reply, result.reply


# -- windows, deadlines and warranties -----------------------------------------------------------------------------
def test_a_deposit_deadline_against_a_day_counted_back(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "그저께 무통장으로 주문한 거 아직 입금 전인데 주문 취소됐어요?")
    assert "기간 안이에요" in result.reply and "3일" in result.reply, result.reply


def test_the_customers_own_failure_is_no_delay_of_the_shop(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주문하고 5일째 입금을 깜빡하고 못했어요 아직 주문 유효해요?")
    assert "늦어져 죄송" not in result.reply and "지난 경우" in result.reply, result.reply


def test_a_fault_past_the_defect_window_gets_the_warranty_and_its_verdict(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "가습기 산 지 1년 3개월 됐는데 고장났어요 무상으로 고쳐주나요?")
    assert "1년" in result.reply and "1년 기간이 지난" in result.reply, result.reply


def test_the_part_named_takes_its_own_warranty(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 쓴 지 1년 2개월인데 배터리가 금방 닳아요. 무상 보증 돼요?")
    assert "1년 기간이 지난" in result.reply, result.reply


# -- amounts -------------------------------------------------------------------------------------------------------
def test_the_rules_own_minimum_asked_from_below_gets_no_verdict(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "적립금 5천원 안 되면 아예 못 써요?")
    assert "충족" not in result.reply and "5,000원" in result.reply, result.reply


def test_a_tier_named_as_theirs_gives_its_rate_on_the_amount(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "전 실버 회원이에요. 30만원 결제하면 적립금 얼마 들어와요?")
    assert "6,000원" in result.reply, result.reply


def test_a_tier_named_as_a_goal_gives_no_rate(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "지금 40만원 샀는데 골드 되려면 얼마 더 사야돼요?")
    assert "3% 기준" not in result.reply, result.reply


def test_an_amount_spent_is_no_amount_held(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20만원어치 사면 적립금 얼마 생겨요?")
    assert "모두 쓰실 수 있어요" not in result.reply and "2,000원" in result.reply, result.reply


# -- one product's own question among two -------------------------------------------------------------------------
def test_one_products_own_question_is_answered_beside_the_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "울머플러랑 니트장갑 같이 살건데 얼마에요? 장갑은 스마트폰 터치 되나요?")
    assert "터치" in result.reply and "47,000원" in result.reply, result.reply


def test_a_name_of_the_other_product_is_no_question_of_the_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "셋업 자켓이랑 팬츠 둘 다 사면 얼마예요")
    assert "한 벌로 입는" not in result.reply, result.reply


# -- the hour a payment is made -------------------------------------------------------------------------------------
def test_the_payment_hour_after_an_order_verb_is_the_one_that_counts() -> None:
    now = datetime(2026, 12, 16, 11, 0)
    at = order_time("지금 장바구니 담아두고 오후 5시에 결제하면 오늘 나가요?", now)
    assert at is not None and at.hour == 17, at


# -- each question of a turn of two ---------------------------------------------------------------------------------
def test_each_question_of_one_product_keeps_its_own_ask(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "클렌징오일 가격 얼마예요 그리고 뜯으면 얼마나 쓸 수 있어요")
    assert result.route == "product" and "22,000원" in result.reply and "개봉 후" in result.reply, result.reply


def test_a_shop_wide_length_of_time_answers_a_product_that_states_none(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "클렌징 오일 개봉하고 나서 몇 달까지 써도 돼요? 가격도요")
    assert "12개월" in result.reply, result.reply


def test_a_short_payment_question_after_a_product_question_is_its_own(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 무게가 어떻게 돼요? 무이자 할부 돼요?")
    assert "1.3kg" in result.reply and "무이자" in result.reply, result.reply


# -- a limit in hours ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("어제 밤 10시쯤 받은 두부가 쉰내가 나요", "시간쯤 지나 24시간 기간 안이에요"),
    ("그저께 받은 우유가 상한 것 같아요", "24시간 기간이 지났어요"),
])
def test_a_limit_in_hours_is_measured_from_the_moment_received(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text, now=datetime(2026, 12, 16, 14, 0))
    assert said in result.reply, result.reply


def test_a_day_alone_that_leaves_the_hours_open_gets_no_verdict(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "어제 받은 계란이 깨져 있어요", now=datetime(2026, 12, 16, 14, 0))
    assert "24시간 기간" not in result.reply, result.reply


# -- a condition the customer rules out ---------------------------------------------------------------------------
def test_a_condition_ruled_out_is_answered_by_the_clause_of_that_case(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "선크림 포장 비닐도 안 뜯은 상태인데 변심 반품 가능할까요")
    assert "미개봉" in result.reply or "개봉하지 않은" in result.reply, result.reply
    assert not result.reply.startswith("비닐 포장이나 안전 씰을 제거했거나"), result.reply


# -- order days counted from today or in another month ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("다음달 8일에 주문하면 언제 와요?", date(2027, 1, 8)),
    ("이번 달 30일에 결제하면요?", date(2026, 12, 30)),
    ("이틀 뒤에 주문하면 언제 받아요", date(2026, 12, 18)),
    ("5일 후에 시키면 언제 와요", date(2026, 12, 21)),
])
def test_an_order_day_of_next_month_or_days_from_today(text: str, expected: date) -> None:
    from agent.entities import order_day

    day, unreadable = order_day(text, NOW)
    assert day == expected and not unreadable, (day, unreadable)


def test_days_from_today_with_no_order_verb_are_no_order_day() -> None:
    from agent.entities import order_day

    assert order_day("4일 뒤에 받을 수 있을까요?", NOW)[0] is None



# -- what the customer's time counts from ---------------------------------------------------------------------------
def test_received_yesterday_counts_over_bought_days_ago(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "산 지 열흘 된 셔츠 어제 받았어요 단순변심 반품돼요?")
    assert "지난 경우" not in result.reply and "10일" not in result.reply, result.reply


def test_days_since_ordering_say_nothing_past_a_receipt_window(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주문한 지 9일 됐는데 반품 가능한가요?")
    assert "지난 경우" not in result.reply, result.reply


def test_days_since_receipt_are_not_measured_against_a_refunds_days(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "열흘 전에 받은 셔츠 환불 받을 수 있나요? 카드로 샀어요")
    assert "영업일 기간" not in result.reply, result.reply


def test_within_the_days_says_nothing_when_the_rule_refuses_what_was_done(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 사흘 전에 받았는데 한번 발라봤어요 반품 돼요?")
    assert "기간 안이에요" not in result.reply, result.reply


def test_more_than_a_period_is_said_as_more(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "받은지 3개월 조금 넘었는데 불량이면 교환 되나요?")
    assert "넘었으면 3개월 기간이 지난 경우예요" in result.reply, result.reply


def test_a_refund_question_with_an_order_gets_no_receipt_verdict(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "DN-004488 환불 언제쯤 되나요")
    assert "기간이 지났어요" not in result.reply and "기간 안이에요" not in result.reply, result.reply


# -- paying as ordering, and the amount held ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["입금은 오후 5시에 할 건데 오늘 발송돼요?", "결제 4시쯤 하면 오늘 나가나요?"])
def test_the_hour_said_after_the_payment_word_is_the_payment_hour(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text, now=datetime(2026, 12, 16, 10, 0))
    assert result.route == "delivery" and "12월 17일" in result.reply, result.reply


@pytest.mark.parametrize("text", ["지금 카드 결제하면 언제 받아요?", "토스페이로 결제하면 내일 도착해요?"])
def test_paying_then_asking_the_arrival_is_a_delivery_question(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text, now=datetime(2026, 12, 16, 10, 0))
    assert result.route == "delivery" and "출고" in result.reply, result.reply


def test_the_amount_held_is_measured_not_the_price_beside_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "적립금 6천원 있는데 4만원짜리 살 때 다 써도 되나요?")
    assert "6,000원" in result.reply and "40,000원은" not in result.reply, result.reply
