"""Offline agent, fourteenth round: every question of a turn, and the times and measures they name.

Each test pins one mechanism, not one sentence: two questions written without a question mark between them are
split where the first one ends with the amount asked ("…얼마예요", "목도리얼마"), a "what is there" ("뭐 있어요") or a
final ending, and the turn's last ending asks; a later "X은요/는요" is a question of its own (what about X), one word
or two, but a fee asked right after a price is the basket's; "어때요" and "몇 + a unit" ask; the dispatch cut-off is
said as the shop's data means it ("14:00 전까지"); a day of the month with its hour is the order day; "새벽 N시"
already past today is tonight's; a product's weight is its own texts' or said to be missing, never the fitting
model's weight or the size chart.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.entities import order_when
from agent.evaluate import answer_as_owner
from agent.pipeline import split_questions
from agent.turn_context import make_turn

NOW = datetime(2026, 12, 16, 15, 0)  # a Wednesday, after the day's dispatch cut-off


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = NOW):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- the questions of one turn -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "first"), [
    ("더블코트 얼마예요 카드 할부 되나요", "더블코트 얼마예요"),
    ("목도리얼마 벨트는 할인해요?", "목도리얼마"),
    ("볼캡 사이즈 뭐있어요 반품 되나요?", "볼캡 사이즈 뭐있어요"),
    ("키보드 무게 몇키로에요 보증기간은요", "키보드 무게 몇키로에요"),
])
def test_two_unpunctuated_questions_are_split_where_the_first_ends(text: str, first: str) -> None:
    parts = split_questions(text)
    assert len(parts) == 2 and parts[0] == first, parts


@pytest.mark.parametrize("text", [
    "적립금 얼마 쌓였는지 어디서 봐요",  # 얼마 as the object of a verb: one question
    "주문번호 20261030-0002 총 얼마 냈는지 알수있나요",
    "실버 되려면 얼마 사야 하나요",
])
def test_a_bare_amount_word_inside_a_clause_is_no_break(text: str) -> None:
    assert split_questions(text) == [text]


def test_a_price_and_a_payment_rule_are_both_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "더블코트 얼마예요 카드 무이자 할부 되나요")
    assert "259,000원" in result.reply and "무이자 할부" in result.reply, result.reply


def test_two_products_each_with_their_own_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "비니얼마 머플러는 세일해요?")
    assert "19,000원" in result.reply and "28,000원" in result.reply, result.reply


def test_a_later_topic_particle_question_is_its_own(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "MA-1 블랙 L 있어요? 교환 기간은요")
    assert "남아 있어요" in result.reply and "7일 이내" in result.reply, result.reply


def test_a_one_word_what_about_after_a_measure(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 무게 몇키로에요 보증기간은요")
    assert "1.3kg" in result.reply and "무상" in result.reply, result.reply


def test_a_fee_right_after_a_price_stays_the_baskets(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "발마칸 코트 얼마예요? 제주도면 배송비는요")
    assert "289,000원" in result.reply and "추가 배송비 3,000원" in result.reply, result.reply
    assert "주문 시 배송비는" not in result.reply, result.reply  # the product agent's own sentence, not the delivery one


@pytest.mark.parametrize(("text", "kind"), [("립 발색 어때요", "how"), ("세럼 몇미리예요", "what"),
                                             ("무게 몇키로에요", "what")])
def test_how_is_it_and_a_unit_after_myeot_ask(text: str, kind: str) -> None:
    assert make_turn(text, [], NOW, None).analysis.question == kind


# -- times ---------------------------------------------------------------------------------------------------------
def test_the_cut_off_is_said_as_before_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "2시 딱 맞춰서 결제하면 오늘 나가요?", now=datetime(2026, 12, 16, 11, 0))
    assert "14:00 전까지" in result.reply and "12월 17일(목)에 출고" in result.reply, result.reply


def test_a_day_of_the_month_with_its_hour_is_the_order_day() -> None:
    when, said_hour, _ = order_when("30일 오후 4시쯤 결제하면 언제 나가요", NOW)
    assert when == datetime(2026, 12, 30, 16, 0) and said_hour


def test_small_hours_already_past_are_tonights() -> None:
    when, _, _ = order_when("새벽 1시에 주문하면 언제 와요", NOW)
    assert when == datetime(2026, 12, 17, 1, 0)


def test_small_hours_of_a_placed_order_stay_past() -> None:
    when, _, _ = order_when("오늘 새벽 1시에 주문했는데 언제 와요", NOW, past=True)
    assert when == datetime(2026, 12, 16, 1, 0)


# -- the thing's own weight ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["숏패딩 무게 몇키로예요", "플리스 집업 무게 얼마나 나가요", "how heavy is the fleece zip-up"])
def test_a_weight_the_texts_never_state_is_said_to_be_missing(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "70kg" not in result.reply and "총장" not in result.reply, result.reply
    assert "나와 있지 않아요" in result.reply or "isn't stated" in result.reply, result.reply


def test_a_weight_the_texts_state_is_given(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 무게 얼마나 나가요")
    assert "1.3kg" in result.reply, result.reply


# -- a time the shop waits before it acts ---------------------------------------------------------------------------
def test_a_waiting_time_is_read_apart_from_a_deadline() -> None:
    from agent.periods import limit_in, wait_in

    rule = "구매확정은 배송완료 후 7일이 지나면 자동으로 됩니다."
    assert wait_in(rule).days == 7 and limit_in(rule) is None
    assert wait_in("상품 수령일로부터 7일 이내에 반품을 신청할 수 있습니다.") is None


def test_the_days_left_of_the_wait_are_worked_out(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "택배 받은 지 이틀 됐는데 적립금은 언제 들어오나요")
    assert "7일까지 5일 남았어요" in result.reply, result.reply


def test_a_wait_already_over_is_said_to_be_past(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "배송완료 뜬 지 9일 지났는데 적립금이 아직 안 들어왔어요")
    assert "9일은 7일이 지난 경우예요" in result.reply, result.reply


def test_purchase_confirmation_is_asked_of_the_shops_rules(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "물건 받았는데 구매확정은 언제 돼요?")
    assert result.route == "general" and "배송완료 후 7일" in result.reply, (result.route, result.reply)


# -- a mark that appeared on the thing -----------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text"), [("electronics", "TV 산 지 한 달인데 화면에 세로줄이 생겼어요"),
                                            ("jogunshop", "로퍼 앞코에 주름이 생겼어요")])
def test_a_mark_that_appeared_on_the_thing_is_a_defect(shops, shop: str, text: str) -> None:  # noqa: ANN001
    from agent.problems import problem_kind

    assert problem_kind(make_turn(text, [], NOW, None).analysis) == "defect"
    assert _ask(shops[shop], text).route == "general"


@pytest.mark.parametrize("text", ["마이페이지에 적립금이 생겼는데 언제 써요", "화면에 줄이 생기면 교환돼요?"])
def test_a_rule_thing_that_appeared_or_a_question_is_no_defect(text: str) -> None:
    from agent.problems import problem_kind

    assert problem_kind(make_turn(text, [], NOW, None).analysis) != "defect"


# -- what happens if the goods come damaged; an interval ------------------------------------------------------------
def test_a_passive_verb_fused_into_its_ending_is_read() -> None:
    a = make_turn("택배 오다가 병이 깨지면 어떻게 돼요", [], NOW, None).analysis
    assert "defect" in a.concepts and a.hypothetical


def test_what_the_shop_does_if_the_goods_break_is_a_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "달걀 오다가 깨지면 어떻게 해요")
    assert result.route == "general" and "24시간" in result.reply, (result.route, result.reply)


def test_a_price_and_a_damage_question_each_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "유정란 얼마고 깨져서 오면 어떻게 해요")
    assert "12,900원" in result.reply and "24시간" in result.reply, result.reply


def test_an_interval_asked_by_its_noun_gets_the_products_own_text(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "헤파필터 교체주기 어떻게 되나요 가격은요")
    assert "6~12개월" in result.reply and "39,000원" in result.reply, result.reply


# -- an English yes/no question about a quality of the thing --------------------------------------------------------
def test_an_english_quality_question_gets_the_products_own_text_not_its_price(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "is the rice harvested this year?")
    assert "2026년" in result.reply and "KRW" not in result.reply, result.reply


def test_an_english_option_follow_up_still_gets_the_stock(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "how much is the MA-1 jacket"},
               {"role": "assistant", "text": "MA-1 항공점퍼 is 99,000 KRW."}]
    result = _ask(shops["jogunshop"], "and khaki M?", history)
    assert "4" in result.reply and "In stock" in result.reply, result.reply


# -- English days ---------------------------------------------------------------------------------------------------
def test_english_named_days_and_dates_are_read_as_days() -> None:
    from agent.entities import localize_delivery

    assert "신정" in localize_delivery("do you deliver on new year's day")
    assert "1월 2일" in localize_delivery("what about the 2nd of january") and "3월 1일" in localize_delivery("mar 1st?")
    assert localize_delivery("may i ask something") == "may i ask something"


def test_an_english_holiday_question_gets_the_shops_holiday(shops) -> None:  # noqa: ANN001
    now = datetime(2026, 12, 31, 15, 40)
    result = _ask(shops["jogunshop"], "will you ship anything on new years day?", now=now)
    assert "Jan 1" in result.reply and "Jan 4" in result.reply, result.reply
    result = _ask(shops["jogunshop"], "is customer service open on jan 1", now=now)
    assert "closed on Jan 1" in result.reply, result.reply


# -- days around the year's end ------------------------------------------------------------------------------------
def test_a_named_day_that_names_a_kind_of_gift_is_no_order_day() -> None:
    from agent.entities import order_day

    now = datetime(2026, 12, 31, 15, 40)
    assert order_day("크리스마스 선물로 장갑 사려는데 언제 와요", now)[0] is None
    assert order_day("신정에 주문하면 언제 와요", now)[0] == datetime(2027, 1, 1).date()


def test_a_product_bought_for_a_day_it_should_arrive_by_is_a_delivery_question(shops) -> None:  # noqa: ANN001
    now = datetime(2026, 12, 31, 15, 40)
    result = _ask(shops["jogunshop"], "새해 선물로 비니 사려고 하는데 4일 월요일에 받을 수 있어요?", now=now)
    assert result.route == "delivery" and "1월 4일(월)까지는 도착이 어려워요" in result.reply, result.reply


def test_when_sales_end_lists_each_sales_last_day(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "할인 언제까지예요?", now=datetime(2026, 12, 31, 15, 40))
    assert "12월 31일(목)까지" in result.reply, result.reply


# -- what a customer tells beside how long ago the goods came --------------------------------------------------------
def test_since_bought_is_no_place_of_origin() -> None:
    a = make_turn("이어폰 산지 1년 반 됐는데 한쪽이 안 들려요", [], NOW, None).analysis
    assert "origin" not in a.concepts
    assert "origin" in make_turn("고등어 산지가 어디예요", [], NOW, None).analysis.concepts


@pytest.mark.parametrize(("shop", "text"), [("electronics", "전기포트 받은지 일주일인데 뚜껑 쪽에서 물이 새요"),
                                            ("jogunshop", "장갑 올이 다 풀렸어요 받은 지 열흘"),
                                            ("grocery", "받은 지 사흘 된 쌀에서 벌레가 나왔어요")])
def test_what_the_thing_does_since_it_came_is_a_fault(shops, shop: str, text: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.route == "general" and result.handoff, (result.route, result.reply)


@pytest.mark.parametrize("text", ["받은 지 열흘인데 니트 세탁 어떻게 해요?", "받은지 3일 됐는데 너무 예뻐요 감사해요",
                                  "주문한 지 5일 됐는데 아직도 안 왔어요"])
def test_a_question_praise_or_a_late_parcel_beside_the_days_is_no_fault(text: str) -> None:
    from agent.problems import problem_kind

    assert problem_kind(make_turn(text, [], NOW, None).analysis) != "defect"


def test_a_tier_word_beside_a_products_stock_is_a_colour() -> None:
    assert "membership" not in make_turn("헤드폰 골드 재고 있어요", [], NOW, None).analysis.concepts
    assert "membership" in make_turn("골드 등급 적립률 알려주세요", [], NOW, None).analysis.concepts


@pytest.mark.parametrize(("shop", "text", "said"), [
    ("grocery", "두부 재고 있어요 카드 할부 돼요", ("남아 있어요", "신용카드")),
    ("jogunshop", "볼캡 얼마예요 선물포장 해줘요", ("25,000원", "포장")),
    ("jogunshop", "토트백 크기가 어떻게 돼요 배송비는요", ("40cm", "무료")),
])
def test_a_statement_like_ask_and_a_request_each_answered(shops, shop: str, text: str, said: tuple) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text, now=datetime(2026, 11, 20, 10, 0))
    assert all(x in result.reply for x in said), result.reply


@pytest.mark.parametrize("text", ["쿠션 호수 잘못 샀는데 개봉했어요 교환 되나요", "핸드크림 향 사고 싶은데 없네요 언제 와요?"])
def test_a_told_state_is_no_first_question(text: str) -> None:
    assert split_questions(text) == [text]


# -- hours and days said in passing -----------------------------------------------------------------------------------
def test_an_hour_already_past_this_morning_is_this_evening() -> None:
    now = datetime(2026, 12, 16, 11, 0)
    assert order_when("퇴근하고 9시쯤 결제하면 언제 와요", now)[0] == datetime(2026, 12, 16, 21, 0)
    assert order_when("오늘 아침 9시에 결제하면", now)[0] == datetime(2026, 12, 16, 9, 0)
    assert order_when("지금 10시인데 결제하면", now)[0].hour == 10


def test_todays_weekday_said_as_a_statement_is_today() -> None:
    friday = datetime(2026, 12, 18, 19, 0)
    assert order_when("금요일 밤인데 지금 결제하면 언제 와요", friday)[0] == friday
    assert order_when("금요일에 주문하면 언제 와요", friday)[0].date() == datetime(2026, 12, 25).date()


def test_the_last_day_of_a_wait_is_neither_side(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "배송완료 7일째인데 적립금은 언제 들어와요?")
    assert "지난 경우" not in result.reply and "남았어요" not in result.reply, result.reply


def test_days_since_sending_a_return_decide_no_refund_time(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "반품 택배 보낸 지 4일 됐는데 카드 환불 언제 돼요")
    assert "기간 안" not in result.reply and "3~7영업일" in result.reply, result.reply


def test_a_products_own_pack_size_is_no_count_of_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "시트마스크 10매 가격 알려주세요", now=datetime(2026, 11, 20, 10, 0))
    assert "10개" not in result.reply and "150,000원" not in result.reply, result.reply
