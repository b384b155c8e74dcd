"""Offline agent, twenty-third round: what a set holds, a request no rule speaks to, a basket grown in a follow-up.

Each test pins one mechanism, not one sentence: a set named with another thing and asked whether it holds it answers
from the set's own parts; a request of the shop that meets a rule only on the act of asking ("… 주세요") is passed to a
person, never quoted an unrelated rule nor asked "what do you mean?"; an amount said before, with products added now,
is the basket a fee is quoted for; a letter size no product of a kind comes in is said so, with the kind's sizes.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.policy_answer import answer_policy, question_tokens
from agent.turn_analysis import analyse_turn

WEDNESDAY = datetime(2026, 12, 30, 13, 55)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = WEDNESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- what a set holds -----------------------------------------------------------------------------------------------
def test_a_thing_not_among_a_sets_parts_is_said_not_in_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "미니키트에 선크림도 들어있나요?")
    assert "어성초 진정 토너 30ml 1개" in result.reply and "선크림은 여행용 미니 키트 구성에 들어 있지 않아요" in result.reply, \
        result.reply


def test_a_thing_among_a_sets_parts_is_said_in_it_by_the_parts_name(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "재택근무 세트에 키보드도 들어가요?")
    assert "네, 구성에 텐키리스 기계식 키보드 갈축도 들어 있어요" in result.reply, result.reply


# -- a request no rule speaks to ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["부재시 경비실에 맡겨주세요", "문앞에 놓고 가주세요"])
def test_a_request_no_rule_speaks_to_is_passed_to_a_person(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff and "담당자에게 전달" in result.reply and not result.ask_back, result.reply


def test_the_bound_noun_when_meets_no_clause(shops) -> None:  # noqa: ANN001
    a = analyse_turn("부재 시 경비실에 맡겨주세요")
    assert "시" not in question_tokens(a)
    assert not answer_policy(shops["jogunshop"].knowledge_provider(), a).confident


def test_the_hour_asked_keeps_its_word() -> None:
    assert "시" in question_tokens(analyse_turn("몇시까지 주문하면 오늘 출고돼요?"))


# -- a basket grown in a follow-up --------------------------------------------------------------------------------------
def test_products_added_to_an_amount_said_before_make_the_basket(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "3만원 사면 배송비 얼마에요?"},
               {"role": "assistant", "text": "기본 배송비는 3,000원이며 40,000원 이상 구매 시 무료배송입니다."}]
    result = _ask(shops["grocery"], "거기에 김 한봉 추가하면 무료배송 돼요?", history)
    assert "30,000원에 완도 곱창김 10봉 8,900원을 더하면 합계 38,900원" in result.reply and "1,100원 더" in result.reply, \
        result.reply


# -- a size no product of the kind comes in ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind", "size"), [("3XL 있는 티셔츠 있어요?", "티셔츠", "3XL"), ("XS 코트 있어요?", "코트", "XS")])
def test_a_letter_size_no_product_of_the_kind_comes_in_is_said_so(shops, text: str, kind: str, size: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith(f"{kind} 중에 {size} 사이즈로 나오는 상품은 없어요") and "XXL 사이즈로 나와요" in result.reply, \
        result.reply
