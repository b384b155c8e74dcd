"""Offline agent, twenty-fourth round: an order number lost, a follow-up on the product the shop's reply named, a size
number no product comes in, a season's own products, how two products differ asked beside their stock.

Each test pins one mechanism, not one sentence: a customer who lost or forgot the order number (in English too) is
asked for the orderer's name and phone, never told their parcel is lost; a price or stock follow-up with no product of
its own takes the one product the shop's last reply named; a number written alone near a product's (or a kind's) size
range but not among its sizes is the size asked, said not sold; a season named in a recommendation puts the products
made for that season alone first; how two products differ, asked as a question of its own beside their stock, is said.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn, language
from core.knowledge.order_numbers import pattern_for

SATURDAY = datetime(2026, 12, 19, 8, 30)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = SATURDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- an order number the customer does not have --------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["I lost my order number, can you find my order? name 김민지",
                                  "I forgot my order number, can you check my order?"])
def test_an_order_number_lost_in_english_is_no_lost_parcel(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "delivery" and not result.handoff and result.ask_back, result.reply
    assert "name and phone number" in result.reply and "delivered" not in result.reply, result.reply


def test_an_order_number_lost_is_not_the_parcel_concept() -> None:
    assert "not_received" not in analyse_turn("I lost my order number").concepts
    assert "not_received" in analyse_turn("my parcel was lost").concepts


def test_latin_text_ending_in_a_korean_name_is_english() -> None:
    assert language("I lost my order number, can you find my order? name 김민지") == "en"
    assert language("coupon code 있어요?") == "ko"


# -- a follow-up on the product the reply named ------------------------------------------------------------------------
def test_an_english_price_follow_up_takes_the_product_the_reply_named(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "is the toner good for sensitive skin?"},
               {"role": "assistant", "text": "Yes, the 어성초 진정 토너 has completed skin irritation testing."}]
    result = _ask(shops["cosmetics"], "how much is the big bottle?", history)
    assert result.route == "product" and "300ml" in result.reply and "29,000 KRW" in result.reply, result.reply


def test_a_price_asked_after_an_unpriced_answer_is_the_named_products(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "토너 민감성 피부에 괜찮아요?"},
               {"role": "assistant", "text": "네, 어성초 진정 토너는 피부 자극 테스트를 완료했어요."}]
    result = _ask(shops["cosmetics"], "얼마예요?", history)
    assert result.route == "product" and "150ml 18,000원" in result.reply and "300ml 29,000원" in result.reply, \
        result.reply


def test_a_price_asked_after_a_fee_stays_with_the_rule(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "반품하면 배송비 있어요?"},
               {"role": "assistant", "text": "단순 변심 반품은 왕복 배송비 6,000원을 고객님이 부담합니다."}]
    assert _ask(shops["jogunshop"], "얼마예요?", history).route == "general"


def test_a_cheapest_question_is_never_the_product_discussed(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "is the toner good for sensitive skin?"},
               {"role": "assistant", "text": "Yes, the 어성초 진정 토너 has completed skin irritation testing."}]
    result = _ask(shops["cosmetics"], "what's the cheapest thing you have?", history)
    assert "cheapest" in result.reply and "진정 시트 마스크" in result.reply, result.reply


def test_an_axis_is_named_in_english(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "how much is the toner?")
    assert "depends on the volume" in result.reply and "용량" not in result.reply, result.reply


# -- order numbers typed with spaces round the separator ---------------------------------------------------------------
def test_an_order_number_with_spaces_round_its_hyphen_is_read() -> None:
    pattern = pattern_for(["20261105-0012"])
    assert pattern is not None and pattern.search("20261120 - 0006").group(0) == "20261120 - 0006"
    assert pattern.search("010-2019-6658 20261120-0006").group(0) == "20261120-0006"


# -- a size number no product comes in ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("운동화 245 있어요?", "캔버스 스니커즈는 245 사이즈는 판매하지 않아요"),
    ("신발 245 있어요?", "신발 중에 245 사이즈로 나오는 상품은 없어요"),
    ("바지 27 있나요", "바지 중에 27 사이즈로 나오는 상품은 없어요"),
])
def test_a_size_number_written_alone_and_not_sold_is_said_so(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert said in result.reply, result.reply


@pytest.mark.parametrize("text", ["캔버스 스니커즈 2개 살게요", "허리단면 40 넘는 스트레이트 청바지는 몇 사이즈예요?"])
def test_a_count_or_a_measure_is_no_size(shops, text: str) -> None:  # noqa: ANN001
    assert "판매하지 않아요" not in _ask(shops["jogunshop"], text).reply


# -- a season's own products -------------------------------------------------------------------------------------------
def test_a_season_named_puts_its_own_products_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "겨울에 입을 따뜻한 바지 추천 좀")
    assert result.reply.startswith("겨울 시즌 바지로는 기모 데님 팬츠"), result.reply


# -- how two products differ, beside their stock -----------------------------------------------------------------------
def test_how_two_differ_asked_beside_their_stock_is_said(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "옥스포드셔츠랑 버튼다운셔츠 뭐가달라요? 그리고 화이트 XL 재고도 알려주세요")
    assert "재고 29개" in result.reply and "핏(레귤러핏 / 세미오버핏)이 달라요" in result.reply, result.reply


def test_a_difference_of_one_measure_is_that_measures(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "옥스포드셔츠랑 버튼다운셔츠 기장 차이 있어요? 화이트 XL 재고도")
    assert "총장" in result.reply and "이 달라요" not in result.reply, result.reply


# -- a name written onto a number, counts joined by a particle ---------------------------------------------------------
def test_a_name_written_onto_its_number_is_read_apart() -> None:
    from core.language.morphology import normalise

    assert normalise("토너150 하나랑 틴트 하나") == "토너 150 하나랑 틴트 하나"
    assert normalise("20261105-0012 2개") == "20261105-0012 2개"


def test_counts_joined_by_a_particle_make_a_basket_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "토너150 하나랑 틴트 하나 얼마예요")
    assert "합계 32,000원" in result.reply, result.reply


def test_a_glued_product_and_weight_are_a_basket_for_the_fee(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "햅쌀10kg 두포대 배송비 얼마")
    assert "합계 79,800원" in result.reply and "무료" in result.reply, result.reply


# -- abroad with a fee, a service's cost, an English budget -------------------------------------------------------------
def test_sending_abroad_with_a_fee_offered_is_refused_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "미국 사는 동생한테 보내주실 수 있나요? 배송비 더 낼게요")
    assert result.reply.startswith("볼트하우스는 국내 배송만 하며 해외 배송은 하지 않습니다."), result.reply


def test_an_extra_cost_of_a_service_is_the_services(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "벽걸이 설치 추가비용 있어요?")
    assert result.route == "general" and "60,000원" in result.reply, result.reply


def test_an_english_budget_in_millions_is_read() -> None:
    from agent.entities import price_range

    assert price_range("any laptop under 1.3 million won?") == (None, 1_300_000)
    assert price_range("laptop 1.3kg?") == (None, None)


# -- a thing of a product its texts never write ---------------------------------------------------------------------------
def test_a_thing_no_text_writes_is_said_unstated_as_written(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "선크림 워터프루프예요?")
    assert result.reply.startswith("데일리 톤업 선크림의 워터프루프 여부는 상품 정보에 따로 나와 있지 않아요"), result.reply


@pytest.mark.parametrize(("shop", "text"), [("electronics", "키보드 무선이에요?"),  # the text says 유선: it answers
                                            ("jogunshop", "옥스포드 셔츠 구김 잘 가요?")])  # 가요 is the predicate
def test_an_answering_word_or_a_predicate_is_no_unstated_thing(shops, shop: str, text: str) -> None:  # noqa: ANN001
    assert "따로 나와 있지 않아요" not in _ask(shops[shop], text).reply


# -- the extra days of the region just named ---------------------------------------------------------------------------
def test_more_days_asked_after_a_regions_fee_are_that_regions(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주도 배송비 얼마에요"},
               {"role": "assistant", "text": "제주 지역은 기본 배송비 3,000원에 추가 배송비 3,000원이 붙어요."}]
    result = _ask(shops["jogunshop"], "도착은 며칠 더 걸려요?", history)
    assert "제주는 도착까지 1~2일 더 걸릴 수 있습니다" in result.reply, result.reply


# -- an English reply's fit, size chart and model note -----------------------------------------------------------------
def test_an_english_size_reply_names_fit_measures_and_model_in_english(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "what size should I get for the oxford shirt if I'm 175cm 70kg?")
    assert "regular fit" in result.reply and "chest width 55cm" in result.reply and "총장" not in result.reply, result.reply
    note = _ask(shops["jogunshop"], "does the linen shirt run small?").reply
    assert "the model is 181cm, 70kg and wears L" in note, note


# -- an English name with a word of another product's before the alias ------------------------------------------------
def test_an_english_word_before_an_alias_names_the_fuller_product(shops) -> None:  # noqa: ANN001
    assert "램스울 크루넥 니트" in _ask(shops["jogunshop"], "lambswool crewneck knit price?").reply
    assert "램스울" not in _ask(shops["jogunshop"], "crewneck knit price?").reply
    assert "면 양말" in _ask(shops["jogunshop"], "do you sell socks?").reply


# -- options weighed on a thing the product's texts never describe -----------------------------------------------------
def test_options_weighed_on_an_undescribed_thing_are_said_undescribed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "키보드 청축 없으면 갈축이랑 적축 중에 소음 적은게 뭐에요")
    assert result.reply.startswith("청축, 갈축, 적축의 소음 차이는 상품 정보에 따로 나와 있지 않아요"), result.reply
    assert "적축 89,000원(재고 9개)" in result.reply, result.reply
    other = _ask(shops["electronics"], "온수매트 싱글이랑 퀸 차이가 뭐에요? 퀸은 양쪽 온도 따로돼요?").reply
    assert "나와 있지 않아요" not in other, other
