"""Offline agent, eighteenth round: a fault said in English, "get it fixed", an order's own days over a loose span.

Each test pins one mechanism, not one sentence: a device that stopped doing what it is for, said in any English verb
form ("stopped turning on", "is not turning on", "no longer charges"), is a fault; "get" before a past participle has
something done ("get it fixed", "got charged twice") and is neither a purchase nor a parcel received; a fault read
from the grammar of the turn finds the shop's fault rule; a delivered order's own days of arrival decide a window
rather than a month or a week the customer names loosely beside its number.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

WEEKDAY_MORNING = datetime(2026, 12, 10, 10, 0)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = WEEKDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a fault said in English ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The air purifier stopped turning on yesterday", "my TV is not turning on anymore", "the charger no longer charges",
    "the heater quit heating after a week", "it isn't switching on", "the fan stopped working",
])
def test_a_device_that_stopped_doing_its_job_in_english_is_a_fault(text: str) -> None:
    assert analyse_turn(text).has("defect"), text


@pytest.mark.parametrize("text", ["does the heater work in a bathroom?", "how do I turn it on?", "can I charge it with USB-C?"])
def test_a_question_about_how_a_device_works_is_no_fault(text: str) -> None:
    assert not analyse_turn(text).has("defect"), text


@pytest.mark.parametrize(("text", "gone"), [
    ("can I get it fixed?", {"arrival", "buy"}), ("I got charged twice", {"buy"}), ("how do I get my order cancelled", {"arrival", "buy"}),
])
def test_get_before_a_past_participle_is_neither_buying_nor_receiving(text: str, gone: set[str]) -> None:
    assert not {h.concept for h in analyse_turn(text).hits} & gone, text


@pytest.mark.parametrize(("text", "kept"), [("can I get it delivered by Friday?", "arrival"), ("when will I get it?", "arrival")])
def test_get_of_a_parcel_keeps_its_reading(text: str, kept: str) -> None:
    assert kept in {h.concept for h in analyse_turn(text).hits}, text


def test_an_english_fault_with_an_order_gets_the_fault_rule_not_the_tracking(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "My order W2377305 TV is not turning on anymore, can I get it fixed?")
    assert result.route == "general" and "무상 A/S" in result.reply and "tracking" not in result.reply, result.reply


def test_an_english_fault_without_a_fault_word_finds_the_shops_fault_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "the TV is not turning on, can I get it fixed?").reply
    assert "doesn't cover" not in reply and "14일" in reply, reply


# -- an order's own days over a loose span ----------------------------------------------------------------------------
def test_an_orders_own_arrival_decides_over_a_month_named_beside_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261015-0021 10월에 받은 건데 반품 되나요?", now=datetime(2026, 11, 5, 10, 0)).reply
    assert "10월 21일" in reply and "기간이 지났어요" in reply and "이후에 받으셨으면" not in reply, reply


def test_a_month_named_without_an_order_still_gives_the_last_day_within(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "10월에 받은 바지 반품 되나요?", now=datetime(2026, 11, 5, 10, 0)).reply
    assert "10월 29일" in reply and "이후에 받으셨으면" in reply, reply


# -- English key points of a rule ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "said"), [
    ("제주·도서산간은 새벽배송이 되지 않습니다.", "Jeju / remote areas: dawn delivery not possible"),
    ("개봉한 상품은 반품이 안 됩니다.", "you cannot return it"),
    ("해외 배송은 하지 않습니다.", "Overseas shipping: not offered"),
])
def test_a_clause_that_says_no_keeps_its_no_in_english(sentence: str, said: str) -> None:
    from agent.english_gloss import gloss

    assert said in gloss(sentence), gloss(sentence)


def test_a_rule_noun_the_analyser_reads_as_a_verb_is_still_a_topic() -> None:
    from agent.english_gloss import gloss

    assert gloss("스탠드 설치는 무료, 벽걸이 설치는 브래킷 포함 60,000원(현장 결제)입니다.").startswith(
        "Stand installation: free; Wall mount installation: 60,000 KRW"), gloss("스탠드 설치는 무료")


def test_wall_mount_in_english_finds_the_installation_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "how much is wall mount installation for the TV?").reply
    assert "60,000" in reply and "Pickup" not in reply, reply


# -- goods damaged, not the parcel; "a few" damaged ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind"), [
    ("박스가 찌그러져서 왔어요", "damaged_parcel"), ("the box arrived crushed", "damaged_parcel"),
    ("귤 박스 받았는데 몇개 물러있어요", "defect"), ("박스 다 찢어져서 왔고 코트에 얼룩까지 있네요", "defect"),
])
def test_the_parcel_is_damaged_only_when_it_is_what_the_damage_word_is_said_of(text: str, kind: str) -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn(text)) == kind, text


@pytest.mark.parametrize(("text", "question"), [
    ("계란 몇 개 깨져서 왔어요", None), ("몇 알 상했던데 교환돼요?", "yes_no"), ("몇 개 남았어요", "how_many"),
])
def test_a_count_of_what_went_wrong_asks_no_count(text: str, question: str | None) -> None:
    a = analyse_turn(text)
    assert a.question == question and a.has("how_many") == (question == "how_many"), (a.question, a.concepts)


def test_a_few_spoiled_goods_with_a_question_are_a_fault_reported(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "귤 박스 받았는데 몇개 물러있어요 사진 보내면 교환 되나요?")
    assert result.route == "general" and result.handoff and "죄송" in result.reply and "택배가 훼손" not in result.reply, result.reply


# -- a paid order with no dates of its own -------------------------------------------------------------------------
def test_a_paid_order_past_the_shops_own_dispatch_day_is_overdue_and_goes_to_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "GD261122-015 결제완료에서 안넘어가요 언제 보내주세요?", now=datetime(2027, 1, 4, 9, 10))
    assert result.handoff and "11월 23일" in result.reply and "출고 전" in result.reply, result.reply


def test_a_paid_order_asked_when_gets_the_shops_estimate_from_when_it_was_paid(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "W2380981 언제 출고돼요?", now=datetime(2026, 11, 23, 9, 10))
    assert not result.handoff and "11월 23일" in result.reply and "11월 25일" in result.reply, result.reply


# -- a day of a date, and the last day to apply ---------------------------------------------------------------------
NEW_YEAR_MONDAY = datetime(2027, 1, 4, 9, 10)


@pytest.mark.parametrize(("text", "days"), [
    ("크리스마스 전에 산 신발 260인데 265로 교환 되나요? 12월 30일에 받았어요", 5), ("30일에 받았는데 받은지 5일 됐어요", 5),
    ("3일에 한 번 써요 받은지 10일 됐어요", 10), ("받은지 30일 됐어요", 30),
])
def test_a_day_of_a_date_is_no_length_of_time(text: str, days: int) -> None:
    from agent.periods import elapsed_since

    period = elapsed_since(text, NEW_YEAR_MONDAY.date())
    assert period is not None and period.days == days, period


@pytest.mark.parametrize(("text", "said"), [
    ("크리스마스 전에 산 신발 260인데 265로 교환 되나요? 12월 30일에 받았어요", "1월 6일(수)까지"),
    ("12월 28일에 받은 니트 반품 되나요?", "오늘 1월 4일(월)이 마지막 날"),
    ("I received it on Dec 31, can I return it?", "until Jan 7"),
])
def test_within_the_window_from_a_day_named_the_last_day_is_said(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=NEW_YEAR_MONDAY).reply
    assert said in reply and "지난 경우" not in reply, reply


def test_a_count_of_days_gets_no_last_day(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "받은지 3일 됐는데 반품돼요?", now=NEW_YEAR_MONDAY).reply
    assert "기간 안이에요" in reply and "까지 신청" not in reply, reply


# -- English product names -----------------------------------------------------------------------------------------
def test_an_english_alias_inside_a_longer_english_name_of_another_product_names_that_one(shops) -> None:  # noqa: ANN001
    from agent.mentions import mentioned_products
    from core.knowledge.manager import get_knowledge

    knowledge = get_knowledge()
    assert [knowledge.product(p).name for p in mentioned_products(knowledge, "Do you have the heavy sweat hoodie in charcoal?")] \
        == ["헤비 스웻 후드티"]
    assert [knowledge.product(p).name for p in mentioned_products(knowledge, "is the hoodie warm?")] == ["기모 후드티"]


def test_an_english_word_heard_from_its_vowel_never_sounds_like_a_name_written_from_a_consonant() -> None:
    from core.knowledge.manager import get_knowledge

    found = get_knowledge().find_products("It's oversized right?")
    assert all(m.name != "경량 패딩 조끼" for m in found.matches), found.matches


def test_an_english_size_follow_up_keeps_the_product_named_before(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "Do you have the heavy sweat hoodie in charcoal?"},
               {"role": "assistant", "text": "Yes, charcoal is available in M, L and XL. S is sold out."}]
    reply = _ask(shops["jogunshop"], "I'm 170cm and 60kg, which size? It's oversized right?", history, now=NEW_YEAR_MONDAY).reply
    assert "오버핏" in reply and "length 70cm" in reply, reply


# -- the shop's contact and hours asked together -------------------------------------------------------------------
@pytest.mark.parametrize("text", ["고객센터 전화번호랑 운영시간", "customer service phone number and hours?"])
def test_contact_and_hours_asked_together_are_both_answered(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], text).reply
    assert "1644-2871" in reply and "10:00" in reply, reply


@pytest.mark.parametrize(("text", "asked"), [("전화번호랑 운영시간", True), ("주문번호랑 주소 알려주세요", False)])
def test_a_contact_word_joined_to_another_thing_asked_is_a_contact_asked(text: str, asked: bool) -> None:
    from agent.handoff import contact_asked

    assert contact_asked(text) is asked


# -- a coupon used on a product named after the coupon was asked ----------------------------------------------------
@pytest.mark.parametrize(("shop", "coupon", "answer", "text", "said"), [
    ("electronics", "신규가입 쿠폰 얼마에요?", "신규 가입 시 100,000원 이상 구매에 쓸 수 있는 10,000원 쿠폰을 드립니다.",
     "에어프라이어 살때 쓸수있어요?", "(89,000원)은 100,000원 이상 기준에 못 미쳐요"),
    ("cosmetics", "신규가입쿠폰 얼마짜리에요?", "3,000원 할인 쿠폰이며 15,000원 이상 구매 시 사용할 수 있습니다.",
     "핸드크림 하나만 사도 써져요?", "(9,000원)은 15,000원 이상 기준에 못 미쳐요"),
])
def test_a_product_named_after_a_coupon_asks_whether_the_coupon_can_be_used_on_it(  # noqa: PLR0913
        shops, shop: str, coupon: str, answer: str, text: str, said: str) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": coupon}, {"role": "assistant", "text": answer}]
    result = _ask(shops[shop], text, history, now=NEW_YEAR_MONDAY)
    assert result.route == "general" and said in result.reply, result.reply


# -- when an order was placed ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text", "said"), [
    ("grocery", "12월 31일 오후 3시 주문했는데 언제와요", "1월 5일(화)에 받아보실 수 있어요"),
    ("jogunshop", "주말에 주문한거 오늘 나가요?", "1월 4일(월)에 출고"),
    ("jogunshop", "I ordered on December 31 in the evening. When will it be shipped?", "ships on Jan 4 (Mon)"),
])
def test_the_time_an_order_was_placed_gives_its_days(shops, shop: str, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text, now=NEW_YEAR_MONDAY).reply
    assert said in reply and "늦어져" not in reply, reply


def test_an_order_whose_window_has_passed_asked_when_it_comes_is_late(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "12월 20일에 주문했는데 언제와요", now=NEW_YEAR_MONDAY).reply
    assert "늦어져" in reply, reply


@pytest.mark.parametrize(("text", "kept"), [("by tomorrow morning", "morning"), ("early morning to Incheon", "early morning")])
def test_a_part_of_the_day_of_a_deadline_or_of_dawn_delivery_is_no_order_time(text: str, kept: str) -> None:
    from agent.entities import localize_delivery

    assert kept in localize_delivery(text)


# -- a return's collection, and two orders' fees ---------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind"), [
    ("반품 택배 기사님이 안오세요 회수 언제 와요?", "pickup_late"), ("반품 신청했는데 수거를 안 와요", "pickup_late"),
    ("수거 기사님은 언제 와요?", None), ("주문 두개 따로 했는데 합배송 돼요? 배송비 두번 냈어요", None),
    ("결제가 두번 됐어요", "double_charge"),
])
def test_a_return_not_collected_is_no_lost_parcel_and_two_orders_fees_are_no_double_charge(text: str, kind: str | None) -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn(text)) == kind, text


def test_a_return_not_collected_gets_its_own_apology_and_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "반품 택배 기사님이 안오세요 회수 언제 와요?", now=NEW_YEAR_MONDAY)
    assert result.handoff and "회수" in result.reply and "받지 못하셨다니" not in result.reply, result.reply


# -- an English budget -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "budget"), [
    ("I want a warm winter jacket under 150,000 won", (None, 150000)), ("under 50k won", (None, 50000)),
    ("something over 50,000 won", (50000, None)), ("say the coat costs 1000 won", (None, None)),
])
def test_an_english_budget_is_a_price_range(text: str, budget: tuple[int | None, int | None]) -> None:
    from agent.entities import price_range

    assert price_range(text) == budget


def test_an_english_budget_filters_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "I want a warm winter jacket under 150,000 won", now=NEW_YEAR_MONDAY).reply
    assert "In that price range" in reply and "229,000" not in reply, reply


# -- follow-ups on the last answer -----------------------------------------------------------------------------------
def test_a_word_of_the_last_answer_beside_small_talk_is_a_follow_up_on_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "수분크림 쓰고 트러블 났어요"},
               {"role": "assistant", "text": "바로 사용을 중단해 주세요. 사용 후 30일 이내 피부과 전문의 소견서를 보내 주시면 개봉한 "
                                             "제품도 반품 배송비 없이 환불해 드립니다."}]
    reply = _ask(shops["cosmetics"], "소견서 꼭 있어야돼요? 병원가기 귀찮은데", history, now=NEW_YEAR_MONDAY).reply
    assert "소견서" in reply and "도와드리고 있어요" not in reply, reply


def test_an_option_named_in_a_follow_up_prices_the_basket_even_at_the_lowest_price(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "온수매트 퀸 있어요?"}, {"role": "assistant", "text": "프리미엄 온수매트 퀸은 현재 품절이에요."}]
    reply = _ask(shops["electronics"], "그럼 싱글 2개 사면 배송비는요?", history, now=NEW_YEAR_MONDAY).reply
    assert "싱글 159,000원 × 2" in reply and "318,000원" in reply, reply


# -- the size of a one-size product ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["레더 크로스백 사이즈가 어떻게돼요?", "레더 크로스백 사이즈 뭐 있어요?"])
def test_the_size_of_a_one_size_product_asked_gives_its_measurements(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=NEW_YEAR_MONDAY).reply
    assert "가로 24cm" in reply, reply


@pytest.mark.parametrize(("now", "said"), [(NEW_YEAR_MONDAY, "We're open on Jan 4 (Mon)"), (datetime(2027, 1, 2, 9, 10), "closed on Jan 2")])
def test_open_today_asked_in_english_gets_that_days_hours(shops, now: datetime, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Are you open today?", now=now).reply
    assert said in reply, reply


# -- a place's opening days ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("성수 쇼룸 오늘 열어요? 월요일인데", "1월 4일(월)에는 쇼룸이 쉬어요"), ("쇼룸 내일 가도 돼요?", "1월 5일(화)에는 쇼룸이 11:00~20:00에 열어요"),
])
def test_a_place_asked_for_a_day_is_said_open_or_closed_by_its_own_days(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], text, now=NEW_YEAR_MONDAY).reply
    assert said in reply, reply


# -- an English yes/no whose answer is the rule's exclusion ------------------------------------------------------------
@pytest.mark.parametrize(("text", "no"), [
    ("Can I return the air purifier I opened?", True), ("Can I return the kettle? box still sealed", False),
])
def test_an_english_return_of_goods_the_rule_excludes_starts_with_no(shops, text: str, no: bool) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text, now=NEW_YEAR_MONDAY).reply
    assert reply.startswith("No, I'm afraid not.") is no, reply


def test_a_later_question_naming_no_delivery_thing_after_a_rule_question_stays_with_the_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "반품이랑 교환 차이가 뭐에요? 그리고 둘다 기간 7일이에요?", now=NEW_YEAR_MONDAY)
    assert result.route == "general" and "출고" not in result.reply and "7일 이내" in result.reply, result.reply
