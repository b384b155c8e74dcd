"""Offline agent, fifteenth round: deadlines said the way people say them, sums they ask for, reproaches.

Each test pins one mechanism, not one sentence: a day named with what happens on it and referred back to ("1월 5일
면접이라 그 전에") is the day the parcel must come by, never the order day; whether an order comes by such a day is a
delivery question whatever the day is for (a birthday, a trip); "언제까지 주문해야 돼요?" gets the last day (and the
cut-off on it) from which an order still arrives in time, in Korean and English; "A 두 장이랑 배송비 합치면" is one
sum, with the count bought; a payment question naming a product keeps its "얼마예요?" as the product's price; a
reproach ("이걸 보내면 어떡해요") is a complaint about what came, not a condition.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.entities import asks_latest_order_day, deadline, names_a_deadline
from agent.evaluate import answer_as_owner
from agent.pipeline import split_coordinated
from agent.turn_analysis import analyse_turn

SUNDAY_EVENING = datetime(2026, 12, 13, 20, 30)
NEW_YEARS_EVE = datetime(2026, 12, 31, 15, 40)  # after the cut-off, the holiday and the weekend ahead


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = SUNDAY_EVENING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a day referred back to ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "day"), [
    ("1월 5일 면접이라 그 전에 받아야 되는데", "2027-01-04"),
    ("1월 8일 생일인데 그 전까지 받을 수 있어요?", "2027-01-07"),
    ("토요일에 여행 가서 그때까지 와야 하는데", "2027-01-02"),
])
def test_a_day_referred_back_to_is_the_deadline(text: str, day: str) -> None:
    assert names_a_deadline(text)
    found = deadline(text, NEW_YEARS_EVE)
    assert found is not None and found[0].isoformat() == day, found


def test_a_day_with_no_reference_back_is_no_deadline() -> None:
    assert not names_a_deadline("1월 5일에 주문했는데 언제 와요?")


def test_the_referred_day_is_not_the_order_day(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "1월 5일 면접이라 그 전에 받아야 되는데 옥스포드 셔츠 지금 주문하면 되나요?",
                  now=NEW_YEARS_EVE)
    assert result.route == "delivery", result.reply
    assert "지금 주문하시면 1월 4일(월)에 출고" in result.reply and "도착이 어려워요" in result.reply, result.reply


@pytest.mark.parametrize("text", ["1월 8일 생일인데 그 전까지 받을 수 있어요?", "토요일에 여행 가서 그때까지 와야 하는데 지금 시키면 될까요"])
def test_arriving_by_a_day_of_theirs_is_a_delivery_question(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text, now=NEW_YEARS_EVE)
    assert result.route == "delivery" and "1월 4일(월)에 출고" in result.reply, result.reply


# -- the last day to order ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["크리스마스 전에 받으려면 언제까지 주문해야돼요?", "24일까지 받으려면 며칠까지 결제해야 돼요?",
                                  "If I want it by Dec 24, when should I order by?"])
def test_the_last_day_to_order_for_a_deadline(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "delivery", result.reply
    assert ("12월 21일(월) 14:00 전까지 결제" in result.reply or "pay by 14:00 on Dec 21 (Mon)" in result.reply), result.reply


def test_the_last_day_follows_the_shops_own_cut_off_and_holidays(shops) -> None:  # noqa: ANN001
    """Another shop's cut-off and transit: the day is worked out from its own estimate, not a fixed count."""
    shop = shops["cosmetics"]
    result = _ask(shop, "크리스마스 전에 받으려면 언제까지 주문해야 돼요?")
    knowledge = shop.knowledge_provider()
    on = lambda day: knowledge.dispatch_estimate(datetime(2026, 12, day, 9, 0))  # noqa: E731
    last = max(day for day in range(14, 25) if str(on(day).arrival_until)[:10] <= "2026-12-24")
    assert f"늦어도 12월 {last}일" in result.reply and on(last).cutoff in result.reply, result.reply


def test_no_order_day_question_no_last_day() -> None:
    assert not asks_latest_order_day("크리스마스 전에 받을 수 있어요?")
    assert asks_latest_order_day("what's the last day to order to get it before christmas?")


# -- one sum ------------------------------------------------------------------------------------------------------
def test_goods_and_the_fee_summed_are_one_question() -> None:
    assert split_coordinated("옥스포드 셔츠 두 장이랑 배송비 합치면 얼마예요?") == ["옥스포드 셔츠 두 장이랑 배송비 합치면 얼마예요?"]


@pytest.mark.parametrize(("shop", "text", "total"), [
    ("jogunshop", "옥스포드 셔츠 두 장이랑 배송비 합치면 얼마예요?", "62,400원"),
    ("grocery", "사과 3kg 두 박스랑 배송비 합치면 얼마예요?", "49,800원"),
])
def test_the_fee_is_quoted_on_the_count_bought(shops, shop: str, text: str, total: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text, now=datetime(2026, 12, 1, 10, 0))
    assert total in result.reply and "배송비는 무료" in result.reply, result.reply


def test_a_price_asked_after_a_payment_question_about_a_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "싱글코트 할부 돼요? 얼마예요?")
    assert "183,200원" in result.reply and "할부" in result.reply, result.reply


# -- a reproach ---------------------------------------------------------------------------------------------------
def test_a_reproach_is_not_a_condition() -> None:
    assert not analyse_turn("두부 유통기한이 내일까지인데 이걸 보내면 어떡해요").hypothetical
    assert analyse_turn("계란 깨지면 어떻게 해요").hypothetical


def test_goods_sent_near_their_date_are_a_problem_for_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "두부 유통기한이 내일까지인데 이걸 보내면 어떡해요")
    assert result.route == "general" and result.handoff, result.reply


# -- a question joined by the copula's -고, and 며칠 ---------------------------------------------------------------
@pytest.mark.parametrize(("text", "first"), [
    ("니트 세일 언제까지고 반품은 며칠 안에 해야돼요", "니트 세일 언제까지고"),
    ("패딩 얼마고 제주 배송비는요", "패딩 얼마고"),
])
def test_a_question_word_joined_by_the_copulas_go_ends_a_question(text: str, first: str) -> None:
    from agent.pipeline import split_questions

    parts = split_questions(text)
    assert len(parts) == 2 and parts[0] == first, parts


def test_myeochil_as_some_days_is_no_question_word() -> None:
    from agent.pipeline import split_questions

    assert split_questions("며칠 전에 샀는데 반품돼요?") == ["며칠 전에 샀는데 반품돼요?"]


def test_both_the_sale_and_the_return_window_are_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "니트 세일 언제까지고 반품은 며칠 안에 해야돼요")
    assert "12월 25일" in result.reply and "7일 이내" in result.reply, result.reply


# -- a part of a composite kind -------------------------------------------------------------------------------------
def test_a_part_of_a_composite_kind_lists_the_products_so_named(shops) -> None:  # noqa: ANN001
    """"코트/자켓/패딩": "패딩" lists the padded ones, not the coats beside them; one so named comes first."""
    result = _ask(shops["jogunshop"], "패딩 얼마에요")
    assert "롱패딩" in result.reply and "울 코트" not in result.reply, result.reply
    jackets = _ask(shops["jogunshop"], "자켓 종류 뭐있어요").reply
    assert jackets.index("트러커 자켓") < jackets.index("코트"), jackets


# -- a product named by a word of its name, beside a shop text holding that word ------------------------------------
def test_a_product_named_by_a_word_of_its_name_is_not_a_shop_texts_answer(shops) -> None:  # noqa: ANN001
    """"지성인데 토너 뭐가 좋아요": the shop's toner (its price and description), not the vegan rule naming toners."""
    result = _ask(shops["cosmetics"], "지성인데 토너 뭐가 좋아요")
    assert "어성초 진정 토너" in result.reply and "비건" not in result.reply, result.reply


# -- a name's tail after another English word -----------------------------------------------------------------------
def test_an_english_names_tail_after_another_word_is_not_that_product(shops) -> None:  # noqa: ANN001
    """"v neck knit" holds "neck knit", the tail of 크루넥 니트's "crew neck knit": the V-neck is meant."""
    from agent.mentions import mentioned_products

    knowledge = shops["jogunshop"].knowledge_provider()
    assert "P009" not in mentioned_products(knowledge, "v neck knit price?")
    assert mentioned_products(knowledge, "neck knit price?") == ["P009"]
    assert "브이넥 니트" in _ask(shops["jogunshop"], "v neck knit price?").reply


def test_the_price_after_the_sale_is_the_list_price(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "머플러 세일 끝나고 사면 얼마예요")
    assert "이후에는 정가 35,000원" in result.reply, result.reply


# -- the customer's occasion, an hour to pay before, English deadlines ---------------------------------------------
@pytest.mark.parametrize(("text", "kept"), [
    ("다음주 토요일(19일)에 여행가는데 지금 주문하면", "지금 주문하면"),
    ("12월 1일에 주문했는데 언제와요", "12월 1일에 주문했는데"),  # the order's own day stays
])
def test_a_day_named_as_an_occasion_is_no_order_day(text: str, kept: str) -> None:
    from agent.entities import without_event_days

    left = without_event_days(text)
    assert kept in left and ("19일" not in left if "19일" in text else True), left


@pytest.mark.parametrize("text", ["여자친구 생일이 12월 18일인데 지금 니트 주문하면 그 전에 와요?",
                                  "다음주 토요일(19일)에 여행가는데 지금 주문하면 금요일까지 올까요? 서울이요"])
def test_the_occasion_leaves_the_order_now(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "지금 주문하시면 12월 14일(월)에 출고" in result.reply and "받아보실 수 있어요" in result.reply, result.reply


def test_an_hour_to_pay_before_is_before_the_cut_off(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "오늘 2시 전에 주문하면 언제 와요?", now=datetime(2026, 12, 21, 13, 50))
    assert "14시 전에 주문하시면 12월 21일(월)에 출고" in result.reply, result.reply


@pytest.mark.parametrize(("text", "said"), [
    ("Hi, I need the package before Christmas Eve. What's the last day to order?", "pay by 14:00 on Dec 18 (Fri)"),
    ("If I pay right now, will it arrive by Dec 24?", "arrive by Dec 24"),
    ("What's the latest I can order so it arrives before the 24th? I'm in Busan.", "pay by 14:00 on Dec 18 (Fri)"),
    ("이브까지 받을라면 몇일까지 주문해야함", "12월 21일(월) 14:00 전까지 결제"),
])
def test_deadlines_in_english_and_slang(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "delivery" and said in result.reply, result.reply


# -- how a thing fits, told in English -------------------------------------------------------------------------------
def test_run_large_asks_the_fit_not_size_l(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "Do the chelsea boots run large?")
    assert "doesn't come in" not in result.reply and "runs half a size large" in result.reply, result.reply
    assert "L" in _ask(shops["jogunshop"], "do you have the hoodie in large?").reply


# -- what came, told as the scene -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text"), [("grocery", "사과 받았는데 절반이 멍들고 물러있어요"),
                                            ("electronics", "가습기 받았는데 물이 바닥으로 새요")])
def test_a_state_told_after_receiving_is_a_fault(shops, shop: str, text: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.route == "general" and result.handoff and "죄송" in result.reply, result.reply


def test_praise_of_what_came_is_a_closing_word(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "옷 받았는데 너무 예뻐요")
    assert result.route == "general" and not result.handoff and "감사" in result.reply, result.reply


# -- a holiday as the order day ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["내일 주문하면 언제 와요?", "내일 크리스마스인데 배송 하나요?"])
def test_ordering_on_a_holiday_says_it_is_one(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text, now=datetime(2026, 12, 24, 16, 0))
    assert result.reply.startswith("12월 25일(금)은 쉬는 날이라 출고하지 않아요.") and "12월 28일(월)에 출고" in result.reply, \
        result.reply


# -- the sizes the customer weighs against the advice -------------------------------------------------------------
def test_the_sizes_weighed_are_placed_against_the_advice(shops) -> None:  # noqa: ANN001
    two = _ask(shops["jogunshop"], "170에 60키로 마른편인데 터틀넥 니트 M이면 딱 맞나요 아니면 S?").reply
    assert "L 사이즈를 추천" in two and "말씀하신 S, M 중에서는 M이 더 가까워요" in two and "L: 총장" in two, two
    one = _ask(shops["jogunshop"], "188cm 90kg인데 덕다운 롱패딩 XXL 있나요? 맞을까요").reply
    assert "XL 사이즈를 추천" in one and "말씀하신 XXL은 추천 사이즈보다 한 치수 커요" in one, one


# -- a service the shop's rules price, asked with the product ------------------------------------------------------
def test_the_price_of_a_service_named_with_the_product(shops) -> None:  # noqa: ANN001
    """"TV 벽걸이 하면 얼마에요?": the wall-mount fee the shop's rule (and its FAQ, in nearly the same words) states."""
    result = _ask(shops["electronics"], "TV 설치해주나요? 벽걸이 하면 얼마에요? 기존 티비 가져가 주세요?")
    assert "60,000원" in result.reply and "수거" in result.reply, result.reply


# -- the clause for the class of goods named -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("사과 맛이 없어서 반품하고 싶어요. 받은지 이틀", "신선식품은 단순 변심", "가공식품은"),
    ("김 뜯어봤는데 맛이 별로에요 반품 가능?", "가공식품은", "신선식품은"),
])
def test_the_return_clause_of_the_goods_named(shops, text: str, kept: str, dropped: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert kept in result.reply and dropped not in result.reply and "7일 기간 안" not in result.reply, result.reply


def test_no_goods_named_keeps_every_class(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "반품 어떻게 해요?").reply
    assert "신선식품은" in reply and "가공식품은" in reply, reply


def test_a_conjunct_that_is_only_another_value_of_the_product_just_named(shops) -> None:  # noqa: ANN001
    """"햅쌀 10kg이랑 20kg": the rice in its other weight (not 절임배추 20kg); "… 배추 20kg" names the cabbage."""
    same = _ask(shops["grocery"], "햅쌀 10kg이랑 20kg 가격 차이 얼마에요").reply
    assert "72,900원" in same and "33,000원" in same and "절임배추" not in same, same
    other = _ask(shops["grocery"], "햅쌀 10kg이랑 배추 20kg 얼마에요").reply
    assert "절임배추" in other, other


def test_a_word_split_by_the_analyser_still_finds_its_sentence(shops) -> None:  # noqa: ANN001
    """"끈적이지 않아요?" (끈 + 적 to the analyser): the description's "끈적임 없이 …" sentence."""
    reply = _ask(shops["cosmetics"], "수분크림 끈적이지 않아요?").reply
    assert "끈적임 없이" in reply, reply


# -- a fault told, then a question on claiming it ------------------------------------------------------------------
def test_a_fault_told_then_where_to_send_the_photos(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "어제 받았는데 불량이에요 사진 어디로 보내요?")
    assert result.route == "general" and "사진" in result.reply and "출고" not in result.reply, result.reply


def test_another_colour_came_then_who_pays_the_fee(shops) -> None:  # noqa: ANN001
    assert analyse_turn("주문한거랑 다른 색이 왔어요").mentions("wrong_item")
    result = _ask(shops["jogunshop"], "주문한거랑 다른 색이 왔어요. 배송비 제가 내야되나요?")
    assert result.route == "general" and "조군샵이 부담" in result.reply and "6,000원" not in result.reply, result.reply


# -- the product discussed, pointed back to and counted -------------------------------------------------------------
@pytest.mark.parametrize("text", ["그럼 그거 두개랑 머플러 하나 하면 배송비 포함 얼마에요?", "그거 두개랑 머플러 하나 하면 얼마에요?"])
def test_that_one_counted_beside_another_product(shops, text: str) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "크루넥 니트 L 얼마에요?"},
               {"role": "assistant", "text": "크루넥 니트는 39,200원(정가 49,000원, 12월 25일까지 할인)입니다."}]
    result = _ask(shops["jogunshop"], text, history=history)
    assert "106,400원" in result.reply and "39,200원 × 2" in result.reply, result.reply


# -- the sale of the product discussed, and the other sales ---------------------------------------------------------
_KNIT = [{"role": "user", "text": "크루넥 니트 L 얼마에요?"},
         {"role": "assistant", "text": "크루넥 니트는 39,200원(정가 49,000원, 12월 25일까지 할인)입니다."}]


def test_whether_the_sale_holds_on_a_later_day_is_the_discussed_products(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "26일에 사면 세일가격 적용돼요?", history=_KNIT)
    assert "12월 26일(토)에는 정가 49,000원" in result.reply and "오버핏" not in result.reply, result.reply


def test_what_else_is_on_sale_lists_the_sales(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "할인 중인거 또 뭐 있어요?", history=_KNIT)
    assert "지금 할인 중인 상품은" in result.reply and "남아 있어요" not in result.reply, result.reply


# -- tomorrow as the day to receive by -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "day"), [("내일까지 받을 수 있어요?", "2026-12-14"), ("낼까지 와요?", "2026-12-14"),
                                           ("모레까지 와요?", "2026-12-15"), ("내일 아침 7시 전에 꼭 받아야돼요", "2026-12-14")])
def test_a_relative_day_to_receive_by(text: str, day: str) -> None:
    found = deadline(text, SUNDAY_EVENING)
    assert found is not None and found[0].isoformat() == day, found


def test_a_relative_day_to_order_by_is_no_deadline() -> None:
    assert deadline("내일까지 주문하면 언제 와요?", SUNDAY_EVENING) is None


def test_receiving_tomorrow_gets_a_verdict(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "지금 주문하면 내일까지 받을 수 있어요?", now=datetime(2026, 12, 14, 10, 30))
    assert "12월 15일(화)까지 도착할 수도 있지만 보장되지는 않아요" in result.reply, result.reply


# -- a size number nothing is sold in --------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [("청바지 사이즈 33 없어요?", "33 사이즈는 판매하지 않아요"),
                                            ("스니커즈 사이즈 300 있나요?", "300 사이즈는 판매하지 않아요")])
def test_a_size_number_not_sold_is_said_to_be_missing(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert said in result.reply and "가능한 사이즈는" in result.reply, result.reply


# -- whole days against a limit in hours -----------------------------------------------------------------------------
def test_whole_days_said_against_a_limit_in_hours(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "사과가 상해서 왔어요"},
               {"role": "assistant", "text": "상품이 상했거나 파손된 경우 수령 후 24시간 이내에 사진과 함께 접수해 주시면 확인 후 "
                                             "재발송 또는 전액 환불해 드립니다."}]
    result = _ask(shops["grocery"], "받은지 이틀 지났는데 그래도 돼요?", history=history)
    assert "말씀하신 이틀은 24시간 기간이 지난 경우예요" in result.reply, result.reply
    one_day = _ask(shops["grocery"], "고등어 받은지 하루 됐는데 냄새가 이상해요").reply
    assert "기간이 지난" not in one_day, one_day  # a day is about the limit itself: nothing is claimed


def test_a_price_asked_after_a_service_question_naming_a_product(shops) -> None:  # noqa: ANN001
    """"머플러 선물할건데 포장 되나요? 가격은요?": the wrapping rule and the muffler's price (a service the customer asks
    the shop to do, "벽에 거는것도 해줘요? 돈 따로내요?", keeps its cost with the service)."""
    reply = _ask(shops["jogunshop"], "머플러 선물할건데 포장 되나요? 가격은요?").reply
    assert "선물 포장" in reply and "28,000원" in reply, reply
    tv = _ask(shops["electronics"], "티비 벽에 거는것도 해줘요? 돈 따로내요?").reply
    assert "60,000원" in tv, tv
