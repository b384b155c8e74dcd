"""Offline agent, seventeenth round: days named without their date, a refund of goods kept, a kind's prices beside a fee.

Each test pins one mechanism, not one sentence: a day the customer names without its date ("지난주 월요일", "10월에",
"지지난주", "last Monday") is measured against a rule's limit from today, as a span when it is one (at least to its
last day, at most to its first), and when the span straddles the limit, the last day of receipt still within it is
said; a refund asked for an order that was delivered is a return, with the return's window; "환불 받고" receives
money, no parcel; a kind's several prices are no basket a fee is added to, so a fee asked after them is a question
of its own; a later question of the same message that names nothing asks about the kind the earlier one named.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.periods import elapsed_since
from agent.turn_analysis import analyse_turn

MONDAY_MORNING = datetime(2026, 12, 21, 10, 15)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a day named without its date ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "least", "most"), [
    ("지난주 월요일에 받은 니트", 7, None), ("저번주 화요일에 받았는데", 6, None), ("지지난주 금요일에 받은", 10, None),
    ("10월에 산 코트", 51, 81), ("10월 말에 샀는데", 51, 61), ("지난주에 받았는데", 1, 7), ("지지난주에 받았어요", 8, 14),
    ("이번달 초에 받은", 11, 20), ("저번 주말에 받은 패딩", 1, 2), ("주말에 받았는데", 1, 2),
    ("I received it last Monday", 7, None), ("it came last Thursday", 4, None), ("it arrived last week", 1, 7),
    ("bought it in October", 51, 81),
])
def test_a_day_named_without_its_date_is_measured_from_today(text: str, least: int, most: int | None) -> None:
    period = elapsed_since(text, date(2026, 12, 21))
    assert period is not None and (period.days, period.upto) == (least, most), period


@pytest.mark.parametrize("text", ["월요일에 주문하면 언제 와요", "10월에 세일 또 해요?", "I will order on Monday", "이번주에 받을 수 있어요?"])
def test_a_day_of_a_plan_or_a_question_is_no_elapsed_time(text: str) -> None:
    assert elapsed_since(text, date(2026, 12, 21)) is None


@pytest.mark.parametrize(("text", "said"), [
    ("지지난주 금요일에 받은 니트 반품 되나요?", "12월 11일"), ("10월에 산 코트 교환 돼요?", "적어도 51일"),
    ("I bought it in October, can I still return it?", "past the 7 days limit"),
])
def test_a_named_day_past_the_window_is_said_to_be(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert said in reply and ("지난 경우" in reply or "past" in reply), reply


def test_a_named_day_within_the_window_is_said_to_be(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "저번주 화요일에 받았는데 반품 가능한가요").reply
    assert "12월 15일" in reply and "기간 안이에요" in reply, reply


def test_a_span_across_the_limit_gives_the_last_day_still_within(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "이번달 중순에 받았는데 반품 돼요?").reply
    assert "12월 14일" in reply and "이후에 받으셨으면" in reply and "지난 경우" not in reply, reply


# -- a refund of goods the customer holds ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["20261116-0019 환불 받고 싶어요", "환불해주세요 / 20261116-0019 / 사이즈 안맞아요"])
def test_a_refund_of_a_delivered_order_is_a_return_with_its_window(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "general" and "7일 기간이 지났어요" in result.reply, result.reply


def test_when_a_refund_comes_is_no_return(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261116-0019 환불 언제 돼요?").reply
    assert "기간이 지났" not in reply and "영업일" in reply, reply


@pytest.mark.parametrize(("text", "arrival"), [
    ("환불 받고 싶어요", False), ("쿠폰 받으려면 어떻게 해요", False), ("답변 언제 받을 수 있나요", False),
    ("택배 언제 받아요", True), ("오늘 주문하면 언제 받아요?", True),
])
def test_money_or_an_answer_received_is_no_parcel(text: str, arrival: bool) -> None:
    assert analyse_turn(text).has("arrival") is arrival


# -- a kind's prices and a fee ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["코트 얼마예요? 제주도 배송비도요", "코트 얼마예요? 제주도면 배송비는요"])
def test_a_fee_after_a_kinds_prices_is_answered_beside_them(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert "183,200원" in reply and "289,000원" in reply and "추가 배송비 3,000원" in reply, reply


def test_a_fee_after_one_products_price_is_still_that_baskets(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "싱글 울 코트 얼마예요? 제주도면 배송비는요").reply
    assert "183,200원" in reply and "제주 추가 배송비 3,000원만" in reply, reply


def test_a_later_question_that_names_nothing_asks_about_the_kind_named_before(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "코트 가격이랑 할인하는지 알려주세요 그리고 제주도 배송비도요").reply
    assert "229,000원" in reply and "기모 맨투맨" not in reply and "3,000원" in reply, reply


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("할인하는 코트 있어요?", "183,200원", "숏 푸퍼"),  # the coats of "코트/자켓/패딩", not the padded jacket beside them
    ("패딩 세일해요?", "135,100원", "싱글 울 코트"),
])
def test_the_sales_of_a_part_of_a_kind_are_that_parts(shops, text: str, said: str, unsaid: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert said in reply and unsaid not in reply and "남아 있어요" not in reply, reply


# -- English: an option asked by the verb it comes in; a question after an opening word ------------------------------
@pytest.mark.parametrize("text", ["how much is the long padding and does it come in black?",
                                  "is the long padding available in black? price?"])
def test_an_option_asked_by_the_verb_it_comes_in_gets_its_stock(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert "329,000 KRW" in reply and "M (21)" in reply, reply


def test_what_comes_in_the_box_is_no_option_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "How many apples come in the 3kg box?").reply
    assert "11~13" in reply, reply


@pytest.mark.parametrize("text", ["also can it arrive before christmas", "ok and is it warm", "hi, do you ship to Jeju"])
def test_an_english_question_after_an_opening_word_is_a_question(text: str) -> None:
    assert analyse_turn(text).question == "yes_no"


def test_a_question_after_also_is_answered_beside_the_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "hi, how much is the long padding? also can it arrive before christmas").reply
    assert "329,000 KRW" in reply and "Dec 24" in reply, reply


# -- amounts: what accrues, and a measure's difference ---------------------------------------------------------------
def test_how_much_accrues_is_answered_by_the_rate(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "포인트 얼마나 쌓여요?").reply
    assert "1%" in reply, reply


@pytest.mark.parametrize(("text", "said"), [
    ("슬랙스 28 허리 실측 몇이에요? 30이랑 차이도요", "허리단면 차이는 2.5cm"),
    ("맨투맨 M이랑 L 총장 차이 몇센치에요?", "총장 차이는 2cm"),
])
def test_a_measures_difference_between_two_sizes_is_computed(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert said in reply, reply


def test_two_sizes_measures_without_a_difference_asked_get_none(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "맨투맨 M이랑 L 총장 알려주세요").reply
    assert "68cm" in reply and "차이" not in reply, reply


# -- points accrued, the region said before, a device that does not work ---------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("how many points do I earn for 100,000 won?", "1,000 KRW"), ("적립금 얼마나 쌓여요?", "1%"),
])
def test_points_accrued_on_an_amount_are_its_rate(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert said in reply and "You can use all" not in reply, reply


def test_a_region_said_before_still_adds_its_surcharge_to_a_baskets_fee(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주도 사는데 지금 시키면 언제와요?"},
               {"role": "assistant", "text": "지금 주문하시면 12월 21일(월)에 출고되어 12월 22일(화)~12월 24일(목) 사이에 받아보실 수 있어요."}]
    reply = _ask(shops["jogunshop"], "그럼 숏푸퍼 패딩 L 블랙 하나 사면 배송비 포함 총 얼마에요", history).reply
    assert "제주 추가 배송비 3,000원" in reply and "138,100원" in reply, reply


@pytest.mark.parametrize(("text", "fault"), [
    ("지난달에 산 에어프라이어 안켜져요", True), ("에어프라이어가 전원이 안 들어와요", True), ("my laptop won't turn on", True),
    ("the kettle stopped working", True), ("개봉한거라 환불 안되나요?", False), ("오늘 출고 안 돼요?", False),
])
def test_a_device_that_does_not_work_is_a_fault(text: str, fault: bool) -> None:
    assert analyse_turn(text).has("defect") is fault


def test_a_device_that_does_not_turn_on_gets_the_fault_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "지난달에 산 에어프라이어 안켜져요")
    assert result.route == "general" and result.handoff and "초기 불량" in result.reply, result.reply


def test_a_day_of_the_month_beside_a_weekday_decides() -> None:
    assert elapsed_since("지난주 월요일(14일)에 받은 니트", date(2026, 12, 23)).days == 9
    assert elapsed_since("월요일 21일에 받았는데", date(2026, 12, 23)).days == 2


# -- what the customer did to the goods, and a receipt told ----------------------------------------------------------
def test_within_the_days_but_opened_is_said_to_be_outside_the_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "쌀 뜯어서 조금 먹었는데 반품되나요? 12월 19일에 받았어요").reply
    assert "기간 안이지만, 개봉한 상품은 이 기준에 해당하지 않아 반품이 어려워요" in reply, reply


def test_within_the_days_and_unopened_is_within(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "12월 19일에 받은 쌀 안 뜯었는데 반품되나요?").reply
    assert "기간 안이에요" in reply and "해당하지 않아요" not in reply, reply


@pytest.mark.parametrize(("text", "arrival"), [
    ("11월 5일에 받았고 한번 써봤어요 그래도 안되나요?", False), ("도착했는데 사이즈가 작아요", False), ("어제 도착한 패딩 반품", False),
    ("언제 도착해요", True), ("오늘 주문하면 언제 받아요?", True),
])
def test_a_receipt_told_is_no_arrival_asked(text: str, arrival: bool) -> None:
    assert analyse_turn(text).has("arrival") is arrival


def test_a_receipt_day_after_a_return_answer_is_measured_against_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "토너 반품하고 싶어요"},
               {"role": "assistant", "text": "상품 수령 후 7일 이내, 개봉하지 않은 미사용 제품에 한해 단순 변심 반품이 가능합니다."}]
    result = _ask(shops["cosmetics"], "11월 5일에 받았고 한번 써봤어요 그래도 안되나요?", history)
    assert result.route == "general" and "기간이 지난 경우" in result.reply, result.reply


def test_applying_a_cosmetic_is_the_use_its_rules_speak_of(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트 색이 안어울려서 다른 색으로 바꾸고싶은데 한번 발라봤어요")
    assert "개봉 후 호수·색상 교환이 불가" in result.reply and "별도 안내" not in result.reply and not result.handoff, result.reply


# -- baskets: every product of the list, and English counts of containers ---------------------------------------------
def test_a_product_named_by_a_word_of_its_own_stays_in_the_basket(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "한우 2팩이랑 계란 1판 고등어 1개 다 해서 얼마에요 배송비 포함").reply
    assert "유정란" in reply and "129,800원" in reply, reply


def test_each_conjunct_of_a_stock_question_is_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "토너 150이랑 쿠션 23호 리필포함이랑 마스카라 브라운 다 재고 있어요?").reply
    assert "어성초 진정 토너" in reply and "쿠션" in reply and "마스카라" in reply, reply


def test_english_counts_of_containers_are_the_products(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "I'd like to order 2 bags of 10kg rice and 3 packs of mackerel. Total with shipping?").reply
    assert "118,500 KRW" in reply, reply


# -- every one asked for, and a list said to be part of a longer one ---------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("청바지 30 흑청 있는거 다 알려줘", ("스트레이트", "와이드", "슬림 테이퍼드", "생지", "기모")),
    ("셔츠 M 화이트 전부 알려주세요", ("옥스포드 셔츠", "린넨", "오버핏 코튼", "차이나카라")),
])
def test_every_one_asked_for_is_listed(shops, text: str, said: tuple[str, ...]) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert all(x in reply for x in said), reply


def test_the_first_few_are_said_to_be_some_of_how_many(shops) -> None:  # noqa: ANN001
    # (up to eight are listed whole since round 21: "셔츠 M 화이트" lists its five, "바지 30" eight of thirteen)
    reply = _ask(shops["jogunshop"], "셔츠 M 화이트 있어요?").reply
    assert "가지" not in reply and reply.count("셔츠") >= 5, reply
    reply = _ask(shops["jogunshop"], "바지 30 사이즈 있어요?").reply
    assert "등 모두 13가지" in reply, reply


# -- a day it should happen by, against the days a rule counts from the order -----------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("TV 65인치 지금 주문하면 크리스마스 전에 설치 돼요?", "12월 24일(목)까지는 어려워요"),
    ("TV 오늘 결제하면 31일까지 설치 돼요?", "12월 31일(목)까지 가능해요"),
])
def test_a_day_asked_by_is_measured_against_the_days_after_the_order(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text, now=datetime(2026, 12, 23, 16, 20)).reply
    assert said in reply and "12월 26일" in reply and "3~7일" in reply, reply


# -- an order changed without the customer, and the orderer's phone given --------------------------------------------
@pytest.mark.parametrize("text", ["20261121-0023 이거 제가 취소한거 아닌데 왜 취소됐어요?",
                                  "20261117-0004 이 주문 취소된거 맞나요? 제가 취소 안했는데",
                                  "20261117-0004 why was my order cancelled? I didn't cancel it"])
def test_a_cancellation_the_customer_did_not_make_goes_to_a_person(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff and ("요청하지 않으신 취소" in result.reply or "did not ask for" in result.reply), result.reply


def test_a_cancelled_order_asked_about_plainly_is_no_complaint(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261117-0004 취소된거 맞죠?")
    assert not result.handoff and "'취소' 상태" in result.reply, result.reply


@pytest.mark.parametrize("text", ["20261120-0033 서유나 전화번호 뒷자리 5570 취소 가능해요?",
                                  "my name is Seo Yuna and my phone number ends in 5570"])
def test_the_orderers_phone_given_is_no_contact_question(text: str) -> None:
    assert not analyse_turn(text).has("store")


def test_the_shops_phone_asked_is_still_a_contact_question() -> None:
    assert analyse_turn("고객센터 전화번호 뭐에요?").has("store")


# -- the price on a day the customer buys, said in other words ---------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("울 머플러 26일에 사도 세일가에요?", "12월 26일(토)에는 정가 35,000원"),
    ("if I buy the wool muffler on Saturday is it still on sale?", "on Dec 26 (Sat) it's the regular 35,000 KRW"),
])
def test_the_price_on_the_day_bought_is_said(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=datetime(2026, 12, 23, 16, 20)).reply
    assert said in reply, reply


def test_it_points_at_the_product_just_discussed(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "how much is the wool muffler?"},
               {"role": "assistant", "text": "It is 28,000 KRW on sale (regular price 35,000 KRW; sale ends Dec 25 (Fri))."}]
    reply = _ask(shops["jogunshop"], "If I order it on the 26th, will I still get the sale price?", history,
                 now=datetime(2026, 12, 23, 16, 20)).reply
    assert "35,000 KRW" in reply and "기모 맨투맨" not in reply, reply


@pytest.mark.parametrize("text", ["경량패딩조끼 세일가 47200원 맞나요?", "롱패딩 329000원 맞나요?"])
def test_a_price_checked_is_no_fit_question(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert "가격은" in reply and "실측" not in reply and "추천" not in reply, reply


def test_a_foot_size_checked_beside_a_price_is_still_a_fit_question(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "양말 3팩 얼마고 몇 켤레 들었어요? 발 280도 맞나요?").reply
    assert "250~280mm" in reply, reply


@pytest.mark.parametrize("text", ["Can I use the GaN charger with the VoltBook laptop?", "GaN 충전기로 볼트북 노트북 충전 돼요?"])
def test_one_product_used_with_another_is_answered_from_its_own_texts(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text).reply
    assert "노트북 충전도 가능합니다" in reply and "1,190,000" not in reply, reply


def test_two_products_priced_are_still_side_by_side(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "충전기랑 노트북 가격 알려주세요").reply
    assert "35,000원" in reply and "1,190,000원" in reply, reply


# -- size advice: a roomier fit asked after the advice, and a much heavier build ----------------------------------------
def test_a_roomier_fit_asked_after_the_advice_is_one_size_up(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "키 175 몸무게 68인데 크루넥니트 무슨사이즈 입어야돼요"},
               {"role": "assistant", "text": "모델 181cm 70kg, L 착용 기준으로, 모델보다 체구가 작으셔서 M 사이즈를 추천드려요."}]
    reply = _ask(shops["jogunshop"], "좀 넉넉하게 입고싶으면요?", history).reply
    assert "M 사이즈가 맞고" in reply and "L 사이즈를 추천" in reply, reply


def test_a_much_heavier_build_a_little_shorter_is_a_bigger_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "키 178에 85kg인데 기모 후드티 무슨 사이즈요?").reply
    assert "XL 사이즈를 추천" in reply and "비슷한 체형" not in reply, reply


# -- an English date of receipt --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "days", "event"), [
    ("I received the velvet tint on Dec 15 and opened it", 8, "receipt"), ("got it on the 15th of December", 8, "receipt"),
    ("it arrived on 20 Dec", 3, "receipt"), ("I bought it on December 1st", 22, "purchase"),
])
def test_an_english_date_of_receipt_is_measured_from_today(text: str, days: int, event: str) -> None:
    period = elapsed_since(text, date(2026, 12, 23))
    assert period is not None and (period.days, period.event) == (days, event), period


def test_an_english_date_past_the_window_is_said_to_be(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "I received the velvet tint on Dec 15 and opened it. Can I exchange it for 02 coral?",
                 now=datetime(2026, 12, 23, 16, 20)).reply
    assert "8 days is past the 7 days limit" in reply, reply


@pytest.mark.parametrize(("text", "customer"), [
    ("사진은 어디로 보내요?", True), ("소견서 어떻게 보내요", True), ("where do I send the photos?", True),
    ("오늘 보내주세요", False), ("언제 보내요?", False),
])
def test_a_photo_or_paper_sent_is_the_customers_sending(text: str, customer: bool) -> None:
    assert analyse_turn(text).has("dispatch") is not customer  # the customer's sending is no dispatch of the shop


def test_where_to_send_photos_after_a_fault_is_the_fault_rule(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261105-0012 옥스포드셔츠 단추 떨어짐"},
               {"role": "assistant", "text": "받으신 상품에 문제가 있어 불편을 드려 정말 죄송합니다. 담당자가 주문 내역을 확인하고 바로 도와드릴게요."}]
    result = _ask(shops["jogunshop"], "사진은 어디로 보내요?", history)
    assert result.route == "general" and "채널톡" in result.reply and "송장번호" not in result.reply, result.reply


def test_a_product_added_to_a_basket_gets_the_new_total_and_its_fee(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "울머플러랑 니트장갑 같이사면 무료배송 되나요?"},
               {"role": "assistant", "text": "울 머플러 28,000원, 니트 장갑 19,000원, 합계 47,000원이에요. 배송비는 3,000원이에요."}]
    reply = _ask(shops["jogunshop"], "그럼 비니 하나 더 추가하면요?", history).reply
    assert "66,000원" in reply and "배송비는 무료" in reply, reply


@pytest.mark.parametrize(("text", "period"), [
    ("노이즈캔슬링 헤드폰 보증기간 얼마에요?", True), ("보증기간이 얼마나 돼요", True), ("헤드폰 얼마에요", False),
])
def test_how_much_of_a_period_asks_its_length_not_a_price(text: str, period: bool) -> None:
    a = analyse_turn(text)
    assert a.has("price") is not period and a.has("duration") is period


def test_a_products_warranty_length_gets_the_warranty_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노이즈캔슬링 헤드폰 보증기간 얼마에요?")
    assert result.route == "general" and "1년" in result.reply and "219,000" not in result.reply, result.reply


# -- English kinds: a part of a kind by its sound, plurals, and a thing asked for by "do you have" ---------------------
@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("what's the cheapest coat?", "싱글 울 코트 (single coat) 183,200 KRW", "경량 패딩 조끼"),
    ("which coats are on sale?", "싱글 울 코트", "기모 맨투맨"),
])
def test_an_english_kind_is_the_part_of_the_kind_it_sounds_like(shops, text: str, said: str, unsaid: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert said in reply and unsaid not in reply, reply


def test_a_thing_asked_for_in_english_is_a_product_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "do you have dresses?")
    assert result.route == "product" and "dresses" in result.reply and "address" not in result.reply, result.reply


# -- what the final read of the diff found: a wish denied, a product's name, a state named, points used ----------------
@pytest.mark.parametrize(("text", "size"), [
    ("키 170 몸무게 60인데 오버핏 코튼 셔츠 몇 사이즈가 좋을까요? 너무 크게 입고 싶진 않아요", "M 사이즈를 추천"),
    ("I'm 180cm 75kg, which size for the oversized cotton shirt?", "we recommend L."),
])
def test_a_fit_wish_denied_or_a_products_name_moves_no_size(shops, text: str, size: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert size in reply and "넉넉하게 입으시려면" not in reply and "roomier" not in reply, reply


def test_a_box_still_sealed_is_no_opened_box(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "I want to return the kettle, box still sealed, got it 3 days ago. How much is "
                 "return shipping?").reply
    assert "within the 7 days limit" in reply and "not covered" not in reply, reply


def test_worn_goods_asked_for_a_refund_get_the_return_clause_not_points_used(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "향수 뿌리고 한번 입었는데 환불 ㄱㄴ?").reply
    assert "착용" in reply and "적립금" not in reply, reply


def test_how_much_a_fee_comes_to_is_no_period() -> None:
    assert not analyse_turn("배송비 얼마나 붙어요?").has("duration")
