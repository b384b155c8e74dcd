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
