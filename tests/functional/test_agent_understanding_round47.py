"""Offline agent, forty-seventh round: a count over the stock (what is there, then what that costs), a past season or
year named without a date ("작년 겨울에 산"), an order placed today against a rule mapping order days to an arrival
day, a word with the bound noun 편 ("까만 편이에요": the customer, not an option), a bare head noun set apart by its
particle that names the named product's sibling ("클렌징오일 품절이네 폼은 있음?"), and a wait measured only for what
has not happened yet.

Each test pins one mechanism, not one sentence: "우유 3개" of 2 left says the limit and the 2 left's total, while
"우유 2개" totals the two.
"""

from __future__ import annotations

from datetime import date, datetime

from turn_asking import asker

from agent.periods import named_day_span

SATURDAY_AFTERNOON = datetime(2027, 4, 24, 14, 35)
_ask = asker(SATURDAY_AFTERNOON)


# -- a count over the stock -------------------------------------------------------------------------------------------
def test_a_count_over_the_stock_says_the_limit_then_what_the_ones_left_cost(shops) -> None:  # noqa: ANN001
    over = _ask(shops["grocery"], "우유 3개 주문할게요 얼마에요?").reply
    assert "남은 수량이 2개라 3개는" in over and "9,000원" in over and "13,500원" not in over, over
    within = _ask(shops["grocery"], "우유 2개 얼마").reply
    assert "합계 9,000원" in within and "남은 수량" not in within, within
    english = _ask(shops["grocery"], "How much for 3 bottles of organic milk?").reply
    assert "Only 2 are left" in english and "9,000" in english and "13,500" not in english, english


# -- a past season or year named without a date -----------------------------------------------------------------------
def test_a_season_or_year_named_is_a_span_of_days() -> None:
    today = date(2027, 4, 24)
    assert named_day_span("작년 겨울에 산 코듀로이 팬츠", today)[:2] == (date(2026, 12, 1), date(2027, 2, 28))
    assert named_day_span("지난 여름에 샀는데", today)[:2] == (date(2026, 6, 1), date(2026, 8, 31))
    assert named_day_span("작년 12월에 받은", today)[:2] == (date(2026, 12, 1), date(2026, 12, 31))
    assert named_day_span("I bought it last winter", today)[:2] == (date(2026, 12, 1), date(2027, 2, 28))
    assert named_day_span("작년보다 얇아요", today) is None  # (no event of the customer's after it)


def test_a_purchase_last_winter_is_past_a_seven_day_window(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "작년 겨울에 산 코듀로이 팬츠 사이즈 교환 돼요?").reply
    assert "7일 기간이 지난 경우" in reply, reply
    spring = _ask(shops["jogunshop"], "올 봄에 산 셔츠 환불돼요?").reply
    assert "지난 경우" not in spring, spring  # (this spring runs to today: nothing decided)


# -- an order placed today against a rule of order days ---------------------------------------------------------------
def test_an_order_today_is_read_against_the_rule_for_todays_weekday(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "오늘 새벽배송 주문하면 언제 와요?").reply
    assert reply.startswith("4월 24일(토)에 주문하시면 4월 26일(월) 새벽에 도착해요"), reply
    wednesday = asker(datetime(2027, 4, 21, 14, 35))(shops["grocery"], "오늘 새벽배송 주문하면 언제 와요?").reply
    assert "월) 새벽에 도착해요" not in wednesday, wednesday  # (no rule maps a Wednesday order to another day)


# -- the bound noun 편 ------------------------------------------------------------------------------------------------
def test_a_word_with_the_bound_noun_pyeon_names_no_option(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "얼굴 좀 까만편이에요 쿠션 호수 추천 좀").reply
    assert "판매하지 않아요" not in reply and "마스카라" not in reply and "25호 샌드" in reply, reply
    vocab = shops["cosmetics"].knowledge_provider()._searcher().vocab
    assert [m.value for m in vocab.find_mentions("까만색 있어요?")] == ["블랙"]
    assert [m.value for m in vocab.find_mentions("블랙 편해요?")] == ["블랙"]  # (편하다: comfortable)


# -- a bare head noun naming the named product's sibling --------------------------------------------------------------
def test_a_bare_head_noun_set_apart_asks_of_the_named_products_sibling(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "클렌징오일 품절이네 ㅡㅡ 폼은 있음?").reply
    assert "약산성 클렌징 폼" in reply and "13,000원" in reply, reply
    padding = _ask(shops["jogunshop"], "롱패딩 품절이네.. 숏패딩은요?").reply
    assert "숏 푸퍼 패딩" in padding, padding


# -- a wait measured only for what has not happened yet ----------------------------------------------------------------
def test_a_wait_is_measured_only_for_what_has_not_happened_yet(shops) -> None:  # noqa: ANN001
    gone = _ask(shops["jogunshop"], "적립금이 사라졌는데요?? 두달전에 받은거").reply
    assert "지난 경우" not in gone and "12개월" in gone, gone
    waiting = _ask(shops["jogunshop"], "배송완료 된지 4일 됐는데 적립금 왜 안 들어와요?").reply
    assert "3일 남았어요" in waiting, waiting


# -- a reason asked of two prices -------------------------------------------------------------------------------------
def test_why_two_prices_differ_is_answered_by_what_else_differs(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "크루넥니트랑 램스울니트 왜 가격이 달라요?").reply
    assert "가격 차이는 20,000원" in reply and "소재(울 30%, 아크릴 70% / 램스울 100%)" in reply, reply
    plain = _ask(shops["jogunshop"], "크루넥니트랑 램스울니트 가격 차이 얼마에요?").reply
    assert "가격 차이는 20,000원" in plain and "소재(" not in plain, plain  # (only how much was asked)


# -- a place asked of a product's origin -------------------------------------------------------------------------------
def test_a_place_asked_of_the_origin_gets_a_yes_or_no(shops) -> None:  # noqa: ANN001
    no = _ask(shops["grocery"], "Is the mackerel from Korea?").reply
    assert "No, it's made in 노르웨이 (Norway)" in no, no
    where = _ask(shops["grocery"], "where's the mackerel from").reply
    assert "Norway" in where and "12,900" not in where, where
    korean = _ask(shops["jogunshop"], "옥스포드셔츠 중국산이에요?").reply
    assert "아니요, 원산지는 대한민국" in korean, korean  # (the 국산 inside 중국산 is no "made in Korea")
    made = _ask(shops["jogunshop"], "Are the chelsea boots made in Korea?").reply
    assert "Yes, it's made in" in made and "In stock" not in made, made


# -- today's weekday named with "now" --------------------------------------------------------------------------------
def test_todays_weekday_named_with_now_is_today(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "If I order now on Saturday afternoon, when will it arrive?").reply
    assert "Apr 24 (Sat)" in reply and "Apr 26 (Mon)" in reply and "May" not in reply, reply
    later = _ask(shops["jogunshop"], "토요일에 주문하면 언제 와요?").reply
    assert "5월 1일(토)" in later, later  # (no "now": the coming Saturday)


# -- to charge as power, not a fee -------------------------------------------------------------------------------------
def test_charge_as_a_verb_of_the_product_is_no_fee_and_the_price_beside_it_is_said(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert "fee" not in analyse_turn("can it charge my laptop?").concepts
    assert "fee" in analyse_turn("do you charge for shipping?").concepts
    assert "fee" in analyse_turn("do you charge a fee?").concepts
    reply = _ask(shops["electronics"], "how much is the 65w charger and can it charge a laptop?").reply
    assert "35,000" in reply and "노트북 충전도 가능합니다" in reply and "(in Korean)" in reply, reply


# -- an address moved from one place to another ------------------------------------------------------------------------
def test_the_place_an_address_is_moved_from_is_no_region_of_the_parcel(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "주소를 제주도에서 서울로 변경할 수 있나요?").reply
    assert "마이페이지나 채널톡으로 변경할 수 있고" in reply and "6,000원" not in reply, reply


# -- a request the rule refuses for the customer's own case ----------------------------------------------------------
def test_a_request_the_rule_refuses_for_the_customers_case_is_not_handed_over(shops) -> None:  # noqa: ANN001
    installed = _ask(shops["electronics"], "TV 설치했는데 화질이 맘에 안들어서 반품하고 싶어요")
    assert not installed.handoff and "설치 후 단순 변심 반품이 불가" in installed.reply, installed.reply
    shipped = _ask(shops["jogunshop"], "배송중으로 바꼈는데 취소하고 싶어요")
    assert not shipped.handoff and "배송중 이후에는 취소가 불가" in shipped.reply, shipped.reply
    plain = _ask(shops["jogunshop"], "반품하고 싶어요")
    assert plain.handoff, plain.reply  # (no case of theirs the rule refuses: a person takes the request)
    opened = _ask(shops["electronics"], "헤드폰 박스 뜯었는데 그냥 반품할래요")
    assert not opened.handoff and opened.reply.startswith("말씀하신 경우에는 단순 변심 반품이 어려워요"), opened.reply


# -- a call answered, an amount, a brand built on 페이, a move, an option's price among others -------------------------
WEDNESDAY_EVENING = datetime(2027, 4, 28, 19, 40)


def test_a_call_answered_is_no_parcel_received(shops) -> None:  # noqa: ANN001
    reply = asker(WEDNESDAY_EVENING)(shops["jogunshop"], "지금 전화하면 받아요?")
    assert reply.route == "general" and "상담 시간이 아니에요" in reply.reply and "출고" not in reply.reply, reply.reply


def test_an_amount_in_won_after_order_is_no_order_number(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "how much is shipping if i order 30000 won").reply
    assert "3,000 KRW" in reply and "order numbers" not in reply, reply
    misformed = _ask(shops["jogunshop"], "order 12345 where is it").reply
    assert "isn't in the form of our order numbers" in misformed, misformed


def test_a_brand_built_on_pay_is_a_way_to_pay_the_shop_may_not_take(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "페이팔 되나요").reply
    assert reply.startswith("페이팔은 결제 수단에 없어요") and "카카오페이, 네이버페이, 토스페이로 결제할 수 있습니다" in reply, reply


def test_moving_house_from_a_region_is_no_fee_of_that_region(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "GD261121-008 배송지 바꿀수있나요? 제주에서 서울로 이사가요").reply
    assert "배송지 변경이 가능해요" in reply and "5,500원" not in reply, reply


def test_the_price_after_other_options_listed_is_said_as_the_asked_options(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "온수매트 퀸 있어요? 지금 4월인데 할인 안해요?").reply
    assert "싱글 11개(159,000원)" in reply and "온수매트 퀸 가격은 199,000원" in reply, reply


# -- another count of a product of one form ----------------------------------------------------------------------------
def test_another_count_of_a_product_sold_in_one_form_is_said_not_sold(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "계란 30구 말고 15구는 없어요?").reply
    assert reply.startswith("무항생제 유정란은 30구 한 가지로만 판매하고") and "15구는 없어요" in reply and "두부" not in reply, reply
