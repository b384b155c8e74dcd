"""Offline agent, eleventh round: each question of a turn gets its own answer.

Each test pins one mechanism, not one sentence: a question about a thing no attribute word names, asked beside a
price or a stock question, gets the product's own sentence that names the thing (by its letters, a unit it is
stated in, or an English word's sound), else the shop's rule that names it; a waist given around the body (inches,
둘레) is set against a chart's flat half-measure; an amount the customer spent is placed among the named tiers of the
shop's rule; of two things the reply shows charts for, the larger or the lower one is said when the numbers agree.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.size_advice import _half_of_round

NOW = datetime(2026, 12, 10, 11, 5)  # a Thursday


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = NOW):  # noqa: ANN001
    """Asked by the owner of the orders the turn names (as a verified chat would be)."""
    return answer_as_owner(pipeline, [message], history or [], now)


# -- each question of the turn -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text", "price", "said"), [
    ("electronics", "충전기 가격 알려주고 노트북도 충전 가능해요?", "35,000원", "노트북 충전"),
    ("electronics", "is the vertical mouse bluetooth? what's the price", "29,000", "블루투스"),
    ("electronics", "공기청정기 가격이랑 몇 평형까지 돼요?", "289,000원", "30평형"),
])
def test_a_second_question_gets_the_products_own_sentence_on_it(shops, shop: str, text: str, price: str,  # noqa: ANN001
                                                                 said: str) -> None:
    result = _ask(shops[shop], text)
    assert result.route == "product", (result.route, result.reply)
    assert price in result.reply and said in result.reply, result.reply


def test_a_second_question_its_texts_lack_gets_the_shops_rule_naming_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "TV 55인치 몇 대 남았어요? 쓰던 티비 수거도 해주나요")
    assert "5개" in result.reply and "수거" in result.reply, result.reply


def test_a_count_asked_of_the_stock_takes_no_sentence_of_months(shops) -> None:  # noqa: ANN001
    # "몇 개 남았어요" asks the stock: "개" is no unit to look for in "개봉 후 6개월"
    result = _ask(shops["cosmetics"], "마스카라 브라운 몇 개 남았어요? 번짐 없어요?")
    assert "개봉 후" not in result.reply, result.reply


# -- a waist given around the body ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "size"), [
    ("허리 30인치예요 와이드 슬랙스 몇 사이즈 사야 돼요?", "30 사이즈(허리단면 38cm)"),
    ("허리 둘레 78cm인데 와이드 슬랙스 몇 사이즈 입어야 해요?", "32 사이즈(허리단면 40.5cm)"),
])
def test_a_waist_around_the_body_is_set_against_the_flat_chart(shops, text: str, size: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert size in result.reply, result.reply


@pytest.mark.parametrize(("label", "text", "half"), [
    ("허리단면", "허리 32인치", 32 * 2.54 / 2),
    ("허리단면", "허리둘레 80이에요", 40.0),
    ("허리단면", "허리 82cm 정도", 41.0),     # too large for a flat half: a round
    ("가슴단면", "가슴둘레 100", None),       # a chest has ease: no rule here turns its round into a size
    ("허리단면", "허리 40 입어요", None),    # a flat figure, or a size: not a round
    ("총장", "총장 70인치", None),           # no half-measure to stand for
])
def test_a_round_measure_stands_for_twice_the_half(label: str, text: str, half: float | None) -> None:
    rows = [("M", 38.0), ("L", 40.5), ("XL", 43.0)]
    got = _half_of_round(label, text, rows)
    assert (got is None) == (half is None) and (half is None or abs(got - half) < 0.01), got


# -- an amount among the shop's tiers ------------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text", "tier", "next_gap"), [
    ("jogunshop", "6개월동안 80만원 샀으면 어떤 등급이에요?", "골드(700,000원 이상)", "700,000원"),
    ("electronics", "1년 동안 70만원 샀어요 제 등급 뭐예요?", "실버(500,000원 이상)", "800,000원"),
    ("cosmetics", "3개월간 32만원 샀는데 어떤 등급이에요?", "글로우VIP(300,000원 이상)", None),
])
def test_an_amount_spent_is_placed_among_the_named_tiers(shops, shop: str, text: str, tier: str,  # noqa: ANN001
                                                         next_gap: str | None) -> None:
    result = _ask(shops[shop], text)
    assert result.route == "general", (result.route, result.reply)
    assert tier in result.reply, result.reply
    assert (next_gap is None) == ("남았어요" not in result.reply), result.reply
    if next_gap:
        assert f"{next_gap} 남았어요" in result.reply, result.reply


# -- which of two is larger ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "verdict"), [
    ("나일론 슬링백이랑 캔버스 토트백 중 어떤 게 더 커요?", "캔버스 토트백이 더 커요"),
    ("페니 로퍼랑 레더 더비 슈즈 중에 굽 더 낮은 건?", "페니 로퍼가 더 낮아요"),
])
def test_the_larger_of_two_is_said_when_the_charts_agree(shops, text: str, verdict: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert verdict in result.reply, result.reply


def test_no_verdict_when_the_charts_disagree(shops) -> None:  # noqa: ANN001
    # the backpack is taller, the tote wider: neither is "larger"
    result = _ask(shops["jogunshop"], "나일론 백팩이랑 캔버스 토트백 중 어느게 더 커요?")
    assert "더 커요" not in result.reply and "가로 40cm" in result.reply, result.reply


# -- an exchange for another product ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "청바지 받았는데 슬랙스로 교환할 수 있어요?",
    "다른 디자인으로 바꿔도 되나요?",
    "Could I swap it for a different item?",
])
def test_an_exchange_for_another_product_gets_the_shops_rule_on_it(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "general" and not result.handoff, (result.route, result.reply)
    assert "다른 상품으로의 교환은 반품 후 새로 주문" in result.reply, result.reply


@pytest.mark.parametrize("text", [
    "M 샀는데 L로 교환 돼요?",        # another size of the same product
    "블랙 시켰는데 네이비가 왔어요",   # a wrong item received: the defect/wrong-item rule, not a new order
])
def test_a_same_product_exchange_or_a_wrong_item_is_not_another_product(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "다른 상품으로의 교환은" not in result.reply, result.reply


# -- a remark that asks nothing --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["요즘 감기 조심하세요 ㅎㅎ", "아 배고파요 ㅋㅋ", "오늘 바람 진짜 세네요"])
def test_a_remark_that_asks_nothing_is_answered_in_kind(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "general" and "말씀 감사해요" in result.reply, result.reply


def test_a_question_word_is_no_remark(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "넌 누구니")
    assert "말씀 감사해요" not in result.reply, result.reply


def test_the_cheaper_of_two_is_judged_on_the_options_named(shops) -> None:  # noqa: ANN001
    # 귤 2.5kg (15,900원) is the tangerines' lowest price, but 5kg (27,900원) is the one asked about
    result = _ask(shops["grocery"], "귤 5kg랑 사과 3kg 중 어떤 게 더 싸요?")
    assert "더 저렴한 상품은 24,900원인 청송 꿀사과" in result.reply, result.reply
    assert "15,900원" not in result.reply, result.reply


# -- a sold-out option with no restock date --------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text", "alert"), [
    ("jogunshop", "숏 푸퍼 패딩 카키 L 있어요?", "재입고 알림을 신청하시면"),
    ("cosmetics", "핸드크림 화이트머스크 언제 들어와요?", "재입고 알림을 신청하시면"),
])
def test_no_restock_date_comes_with_the_shops_restock_alert(shops, shop: str, text: str, alert: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text, now=datetime(2026, 12, 22, 13, 10))
    assert "재입고 일정" in result.reply and alert in result.reply, result.reply
    assert result.reply.count(alert) == 1, result.reply


def test_a_restock_date_needs_no_alert_line(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏 푸퍼 패딩 카키 L 있어요?", now=datetime(2026, 12, 1, 10, 0))
    assert "재입고 예정" in result.reply and "재입고 알림" not in result.reply, result.reply


def test_a_count_of_a_stock_question_meets_no_months(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "어성초 토너 가격 알려주세요"},
               {"role": "assistant", "text": "어성초 진정 토너는 150ml 18,000원, 300ml 29,000원이에요."}]
    result = _ask(shops["cosmetics"], "용량 큰 거는 몇 개 남았어요?", history)
    assert "3개" in result.reply and "개봉 후" not in result.reply, result.reply


# -- "언제 와요?" of a thing just said to be sold out ---------------------------------------------------------------
def _said(user: str, assistant: str) -> list[dict]:
    return [{"role": "user", "text": user}, {"role": "assistant", "text": assistant}]


@pytest.mark.parametrize(("shop", "history", "text"), [
    ("jogunshop", _said("기모 후드티 블랙 L 있나요?", "기모 후드티 블랙 L은 품절이에요."), "언제쯤 오나요?"),
    ("electronics", _said("전기포트 용량 뭐뭐 있어요?", "1.7L와 2L가 있고 2L 화이트는 품절이에요."), "2L 화이트는 언제쯤 와요?"),
])
def test_when_it_comes_of_a_sold_out_thing_is_its_restock(shops, shop: str, history: list[dict],  # noqa: ANN001
                                                          text: str) -> None:
    result = _ask(shops[shop], text, history, now=datetime(2026, 12, 22, 13, 10))
    assert result.route == "product", (result.route, result.reply)
    assert "품절" in result.reply and "출고되어" not in result.reply, result.reply


def test_when_it_comes_of_a_thing_in_stock_is_its_delivery(shops) -> None:  # noqa: ANN001
    history = _said("기모 후드티 네이비 L 있나요?", "기모 후드티 네이비 L은 45개 남아 있어요.")
    result = _ask(shops["jogunshop"], "언제쯤 오나요?", history, now=datetime(2026, 12, 22, 13, 10))
    assert result.route == "delivery" and "출고" in result.reply, (result.route, result.reply)


def test_a_word_of_one_delivery_rule_gets_that_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "해피콜 전화 언제쯤 와요?", now=datetime(2026, 12, 22, 13, 10))
    assert result.route == "delivery" and "1영업일 이내 해피콜" in result.reply, (result.route, result.reply)


# -- a turn of a product question and a delivery question --------------------------------------------------------------
def test_a_later_what_about_question_opened_by_a_conjunction_is_asked_too(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "니트 장갑 손세탁 돼요? 그리고 도서산간 배송비는요")
    assert "관리 방법" in result.reply and "8,000원" in result.reply, result.reply


def test_a_products_stock_and_a_delivery_rule_joined_by_a_particle_are_each_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "마스카라 브라운 재고랑 당일 출고 마감 시간 알려주세요")
    assert "3개" in result.reply and "13:00" in result.reply, result.reply


def test_two_products_bought_together_stay_one_basket(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "골지 비니 하나랑 니트 장갑 하나 사면 배송비 붙어요?")
    assert "합계 38,000원" in result.reply and "3,000원" in result.reply, result.reply


# -- where the round's readings must not reach (a reviewer's messages) ------------------------------------------------
def test_when_it_comes_of_another_option_than_the_sold_out_one_is_its_delivery(shops) -> None:  # noqa: ANN001
    history = _said("옥스포드 셔츠 네이비 L 있어요?", "옥스포드 셔츠 L 네이비는 품절이에요. L은 화이트 2개가 있어요.")
    result = _ask(shops["jogunshop"], "화이트 L은 언제 와요?", history, now=datetime(2026, 12, 22, 13, 10))
    assert result.route == "delivery" and "출고" in result.reply, (result.route, result.reply)


@pytest.mark.parametrize("text", [
    "캔버스 토트백이랑 나일론 슬링백 실측 알려주시고 어떤 게 가격이 더 높아요?",  # a price, not a size
    "레더 더비 슈즈랑 스웨이드 첼시 부츠 실측 뭐가 더 커요?",                  # one fixed measure (heel) says no size
    "캔버스 토트백이랑 나일론 슬링백 중에 스트랩은 어떤 게 더 길어요?",          # a part one chart lacks
])
def test_no_size_verdict_the_charts_do_not_give(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert not re.search(r"더 (커요|높아요|길어요)\(", result.reply), result.reply


@pytest.mark.parametrize("text", ["골드 되려면 70만원이라던데 지금 제 등급이 뭐예요?", "실버까지 10만원 남았다는데 저 무슨 등급이에요?"])
def test_an_amount_that_is_no_spending_is_placed_in_no_tier(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "기준에 해당해요" not in result.reply, result.reply


def test_a_chest_round_is_not_halved_against_the_chart(shops) -> None:  # noqa: ANN001
    # a chest has ease: halving 105 and taking the first larger half would say S
    result = _ask(shops["jogunshop"], "가슴둘레 105인데 숏패딩 몇 사이즈 입어요?")
    assert "가장 가까워요" not in result.reply, result.reply


@pytest.mark.parametrize(("shop", "text", "not_said"), [
    ("electronics", "키보드 얼마에요? 윈도우 호환 되나요?", "볼트북"),       # another product's FAQ
    ("jogunshop", "레더 벨트 얼마예요? 구멍 추가 돼요?", "배송비"),          # a rule that names no belt
])
def test_a_second_question_takes_no_passage_about_something_else(shops, shop: str, text: str,  # noqa: ANN001
                                                                 not_said: str) -> None:
    result = _ask(shops[shop], text)
    assert not_said not in result.reply, result.reply


def test_a_means_of_telling_is_no_rule_word_of_its_own(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "언제 와요? 문자로 알려주나요?", now=datetime(2026, 12, 22, 13, 10))
    assert "출고" in result.reply, result.reply


@pytest.mark.parametrize(("shop", "text", "said"), [
    ("cosmetics", "세럼 개봉하면 얼마나 써요?", "12개월"),                 # the shop's rule (the serum has no note)
    ("cosmetics", "how long can I use the serum after opening?", "12"),
    ("grocery", "두부 개봉하면 며칠 먹어요?", "2일 이내"),                  # the product's own note
])
def test_how_long_it_keeps_once_opened_is_its_shelf_life(shops, shop: str, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.route in ("product", "general") and said in result.reply, (result.route, result.reply)
    assert "출고" not in result.reply, result.reply


def test_a_quality_asked_beside_the_customers_own_skin_is_no_stock_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "건성 피부인데 선크림 백탁 있나요?")
    assert "남아 있어요" not in result.reply, result.reply
