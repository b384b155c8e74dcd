"""Offline agent, eleventh round: each question of a turn gets its own answer.

Each test pins one mechanism, not one sentence: a question about a thing no attribute word names, asked beside a
price or a stock question, gets the product's own sentence that names the thing (by its letters, a unit it is
stated in, or an English word's sound), else the shop's rule that names it; a waist given around the body (inches,
둘레) is set against a chart's flat half-measure; an amount the customer spent is placed among the named tiers of the
shop's rule; of two things the reply shows charts for, the larger or the lower one is said when the numbers agree.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import owner_of_orders
from agent.size_advice import _half_of_round

NOW = datetime(2026, 12, 10, 11, 5)  # a Thursday


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = NOW):  # noqa: ANN001
    """Asked by the owner of the orders the turn names (as a verified chat would be)."""
    return pipeline.answer([message], history=history or [], now=now,
                           customer=owner_of_orders(pipeline, [message], history or []))


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
    ("가슴단면", "가슴 100cm 정도", 50.0),   # too large for a flat half: a round
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
