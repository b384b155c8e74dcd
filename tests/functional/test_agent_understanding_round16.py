"""Offline agent, sixteenth round: faults told in the present tense, goods weighed in kilos, what a product fights.

Each test pins one mechanism, not one sentence: a mark told in the present ("화면에 줄이 가요"), which the analyser
reads as a question, is a fault when no question mark asks it; a weight or length outside a grown body's range ("쌀
20kg", "사과 5키로") is the goods' measure, not the customer's body, so it no longer hides the fault told after it;
contamination (벌레, 이물질) is a fault of what came; a fault's word before what a product does against it ("곰팡이
제거제", "벌레 퇴치") names a use, not a report.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.problems import problem_kind
from agent.turn_analysis import analyse_turn

MONDAY_MORNING = datetime(2026, 12, 21, 10, 15)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- faults told in the present ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["TV 받았는데 화면에 줄이 가요", "모니터 화면에 세로줄이 가요", "유리에 금이 가네요"])
def test_a_mark_told_in_the_present_is_a_fault(text: str) -> None:
    assert problem_kind(analyse_turn(text)) == "defect"


@pytest.mark.parametrize("text", ["화면에 줄이 가요?", "제주도에 택배가 가요?"])
def test_the_same_words_asked_are_no_fault(text: str) -> None:
    assert problem_kind(analyse_turn(text)) is None


def test_a_present_mark_gets_the_fault_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "TV 받았는데 화면에 줄이 가요")
    assert result.route == "general" and result.handoff and "초기 불량" in result.reply, result.reply


# -- the goods' weight is not the customer's body -------------------------------------------------------------------
@pytest.mark.parametrize(("text", "body"), [
    ("쌀 20kg 받았는데 벌레가 있어요", False), ("사과 5키로 얼마예요", False), ("선반 30cm 짜리 있어요?", False),
    ("65kg인데 M 맞을까요", True), ("키 175cm 몸무게 70kg이에요", True),
])
def test_a_measure_outside_a_body_is_the_goods(text: str, body: bool) -> None:
    assert analyse_turn(text).has("body") is body


@pytest.mark.parametrize("text", ["쌀 20kg 받았는데 벌레가 있어요", "햅쌀 20kg 받았는데 벌레 나왔어요 어떻게 해요",
                                  "there were bugs in the rice I received"])
def test_contamination_in_what_came_is_a_fault(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert result.route == "general" and result.handoff and "24시간" in result.reply, result.reply


# -- what a product does against a fault ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["곰팡이 제거제 있어요?", "얼룩 제거제 팔아요?", "벌레 퇴치제 있어요?", "do you sell stain remover?"])
def test_a_fault_word_before_its_remedy_reports_nothing(shops, text: str) -> None:  # noqa: ANN001
    assert not analyse_turn(text).has("defect")
    result = _ask(shops["grocery"], text)
    assert not result.handoff and ("판매하지 않" in result.reply or "doesn't sell" in result.reply), result.reply


# -- the thing not sold, said back as written ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("등산화 있나요", "'등산화'"), ("강아지 옷 있어요?", "'강아지 옷'"), ("곰팡이 제거제 있어요?", "'곰팡이 제거제'"),
    ("래쉬가드나 수영복 있어요?", "'래쉬가드나 수영복'"), ("여자 옷도 팔아요?", "'여자 옷'"), ("아보카도 팔아요?", "'아보카도'"),
    ("Do you sell swimwear?", "'swimwear'"),
])
def test_the_thing_not_sold_is_said_as_written(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert said in result.reply, result.reply


# -- comparing two prices ---------------------------------------------------------------------------------------------
def test_how_much_dearer_is_the_difference(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "울머플러가 골지비니보다 비싸요? 얼마 차이?").reply
    assert "더 비싼 상품은 28,000원인 울 머플러" in reply and "가격 차이는 9,000원" in reply, reply


def test_two_at_one_price_cost_the_same(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "램스울 니트랑 케이블 니트 가격 차이 얼마나 나요").reply
    assert "두 상품 가격은 69,000원으로 같아요" in reply, reply


def test_which_is_cheaper_of_both_on_sale_is_a_verdict_not_a_sum(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "코듀로이 팬츠랑 울 슬랙스 중 뭐가 더 싸요? 둘다 할인중이죠?").reply
    assert "더 저렴한 상품은 55,200원인 코듀로이 셋업 팬츠" in reply and "12월 25일" in reply and "합계" not in reply, reply


def test_a_measure_compared_is_no_price_difference(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "와이드 청바지랑 일자 청바지 30 허벅지 단면 차이 얼마나 나요?").reply
    assert "35cm" in reply and "31cm" in reply and "가격 차이" not in reply, reply


def test_bought_together_is_still_a_sum(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "크루넥 니트랑 울 머플러 같이 사면 얼마").reply
    assert "합계 67,200원" in reply, reply


# -- every sale running ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["지금 세일하는거 다 알려주세요", "Are there any sales going on right now?"])
def test_the_sales_listed_are_all_of_them(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    for name in ("크루넥 니트", "울 블렌드 슬랙스", "싱글 울 코트", "숏 푸퍼 패딩", "코듀로이 셋업 팬츠", "울 머플러"):
        assert name in reply, (name, reply)
