"""Offline agent, twenty-sixth round: the passage that holds the whole question, a must-do read as no "can I", a day to
receive by said as a weekend or the day after tomorrow or as the reason for a trip, and a follow-up that asks something
new after a rule was quoted.

Each test pins one mechanism, not one sentence: a clause of another section that holds nearly every word of the turn
answers it when the topic's own section holds half at most; -아야/-어야 되다 is an obligation, not a question of whether
something can be done; 주말까지, 낼모레 and "토요일 이사라서 꼭 와야 돼요" are days the parcel should come by (the
weekend-order rule is not quoted for them); a statement of that day after a product question is a second question; a
"where" question prefers the clause naming the shop's channel; a passage the last reply quoted ranks after one it did
not; the shop's next-day service that has its own rule for the order's weekday is quoted, never promised as faster.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

TUESDAY = datetime(2027, 1, 12, 10, 40)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = TUESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- the passage holding the whole question -----------------------------------------------------------------------------
def test_a_clause_of_another_section_holding_the_whole_turn_answers_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "따로 두 번 주문했는데 배송비 하나는 환불돼요?")
    assert "이미 낸 배송비는 환불되지 않습니다" in result.reply, result.reply


def test_the_topic_section_still_answers_when_it_holds_more_than_half(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "적립금 유효기간 있어요?")
    assert "12개월" in result.reply, result.reply


# -- an obligation is no "can it be done" ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["필터 언제 갈아야돼요?", "필터 언제 갈아야 해요?"])
def test_must_is_no_possibility(text: str) -> None:
    assert "possible" not in analyse_turn(text).concepts


def test_a_when_of_what_must_be_done_gets_the_interval_the_shop_states(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "필터 언제 갈아야돼요? 필터 가격도요")
    assert "6~12개월" in result.reply and "39,000원" in result.reply, result.reply


def test_can_is_still_a_possibility() -> None:
    assert "possible" in analyse_turn("교환 되나요?").concepts


# -- days to receive by ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,day", [("주말까지 받을 수 있어요?", "1월 16일(토)"), ("낼모레까지 받을 수 있어요?", "1월 14일(목)"),
                                      ("토요일 이사라서 꼭 와야 돼요", "1월 16일(토)"),
                                      ("낼모레 여행가서 빨리 받아야 해요", "1월 14일(목)")])
def test_a_day_to_receive_by_gets_a_verdict(shops, text: str, day: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.route == "delivery" and f"{day}까지" in result.reply, result.reply
    assert "주말·공휴일 주문은" not in result.reply, result.reply  # no weekend order was said


def test_a_weekend_order_still_gets_the_weekend_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주말에 주문하면 언제 와요?")
    assert "1월 16일(토)에 주문하시면" in result.reply, result.reply


def test_a_day_to_receive_by_after_a_product_question_is_a_second_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "롱패딩 블랙 xl 남았어요? 낼모레 여행가서 빨리 받아야 해요")
    assert "1개 남아 있어요" in result.reply and "1월 14일(목)까지" in result.reply, result.reply


def test_a_next_day_service_with_its_own_rule_for_the_order_day_is_never_promised_faster(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "금요일 오전에 주문하면 주말에 받을 수 있나요", now=datetime(2026, 11, 25, 10, 0))
    assert "더 빨리 받으실 수 있어요" not in result.reply, result.reply
    assert "금요일·토요일 주문은 월요일 새벽에 도착합니다" in result.reply, result.reply


# -- a follow-up asking something new -----------------------------------------------------------------------------------
def test_a_where_follow_up_gets_the_clause_naming_the_channel_not_the_rule_again(shops) -> None:  # noqa: ANN001
    first = "사과 받았는데 멍들고 상한게 섞여있어요"
    said = _ask(shops["grocery"], first).reply
    result = _ask(shops["grocery"], "사진은 어디로 보내면 돼요?",
                  [{"role": "user", "text": first}, {"role": "assistant", "text": said}])
    assert "채널톡" in result.reply, result.reply


# -- a short description said whole -------------------------------------------------------------------------------------
def test_a_yes_no_no_word_finds_gets_the_short_description_whole(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "충전기로 맥북 충전돼요?")
    assert "노트북 충전도 가능합니다" in result.reply, result.reply
