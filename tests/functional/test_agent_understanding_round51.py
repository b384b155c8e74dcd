"""Offline agent, fifty-first round: a person turned down by 싫- or by a contracted -지 않- ("원치 않아요"), a turn that
only turns a person down, and the cost of a thing written as one word ("설치비").

Each test pins one mechanism, not one sentence.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

FRIDAY_EVENING = datetime(2027, 7, 9, 18, 40)
_ask = asker(FRIDAY_EVENING)


# -- a person turned down ----------------------------------------------------------------------------------------------
def test_a_contracted_negation_negates_its_predicate() -> None:
    from agent.turn_analysis import analyse_turn

    assert "need" in analyse_turn("상담원 연결 원치 않아요").negated
    assert "need" not in analyse_turn("상담원 연결 원해요").negated


def test_a_person_turned_down_by_dislike_or_contracted_negation_is_no_request(shops) -> None:  # noqa: ANN001
    from agent.handoff import wants_human

    for message in ("상담원 기다리기 싫어요 그냥 여기서 알려주세요. 반품비 얼마에요?", "상담원 연결 원치 않아요. 배송 언제 와요?",
                    "상담원 연결은 싫어요"):
        assert not wants_human(message), message
        assert not _ask(shops["jogunshop"], message).handoff, message
    # (the dislike is of the person named right before it, nothing else between: the bot turned down asks for a person)
    for message in ("챗봇 싫어요 사람 불러줘", "사람이랑 얘기하고 싶어요 봇은 싫어요", "상담원 연결해 주세요 챗봇 싫어요"):
        assert wants_human(message), message


def test_a_turn_that_only_turns_a_person_down_is_offered_help_here(shops) -> None:  # noqa: ANN001
    for message in ("상담사 말고 그냥 여기서 답해줘", "상담원 연결하지 마세요", "상담원 필요 없어요"):
        r = _ask(shops["jogunshop"], message)
        assert not r.handoff and "여기서 바로 도와드릴게요" in r.reply, (message, r.reply)


# -- the cost of a thing written as one word ---------------------------------------------------------------------------
def test_a_cost_written_as_one_word_is_answered_by_the_clause_of_its_thing(shops) -> None:  # noqa: ANN001
    for message in ("TV 설치비 있어요?", "TV 설치비 얼마에요?"):
        reply = _ask(shops["electronics"], message).reply
        assert "60,000원" in reply and not reply.startswith("기존 TV 수거"), reply
