"""Offline agent, thirty-ninth round: a kind named in English outranks a name that only sounds like the other words,
English function words name no product, a word several names hold is narrowed by the kind of the product named
beside it, and a shoe's fitting note read for an English customer (the size it points to, the condition they say).

Each test pins one mechanism, not one sentence: "do you have silk shirts?" lists the shirts and says none is silk
(never 밴딩 슬랙스, whose sound is "slacks"); "is it in black?" with no product asks which one; "싱글이랑 발마칸 차이"
compares 싱글 울 코트 with 발마칸 코트; "what size chelsea boots for 275?" says 270 and why, in English.
"""

from __future__ import annotations

import re
from datetime import datetime

from agent.size_advice import english_fit_note
from turn_asking import asker

MONDAY = datetime(2027, 2, 8, 14, 20)
_ask = asker(MONDAY)


# -- the product a message names ---------------------------------------------------------------------------------------
def test_an_english_kind_word_keeps_a_sound_alike_name_of_another_kind_out(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "do you have silk shirts?").reply
    assert "슬랙스" not in reply and "silk" in reply and "셔츠" in reply, reply


def test_english_function_words_name_no_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "is it in black?")
    assert "KRW" not in result.reply and not re.search(r"\(\d+\)", result.reply), result.reply
    assert "Which product" in result.reply, result.reply


def test_a_word_several_names_hold_is_the_one_of_the_kind_named_beside_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "싱글이랑 발마칸 차이가 뭐에요?").reply
    assert "싱글 울 코트" in reply and "발마칸 코트" in reply and "229,000원" in reply and "289,000원" in reply, reply
    assert "블레이저" not in reply, reply
    reply = _ask(shops["jogunshop"], "싱글이랑 발마칸 둘다 사면 얼마").reply
    assert "518,000원" in reply, reply


# -- a shoe's fitting note for an English customer ----------------------------------------------------------------------
def test_a_shoe_fitting_note_is_read_clause_by_clause_in_english() -> None:
    assert english_fit_note("반 사이즈 크게 나왔습니다. 평소보다 5mm 작게 추천") == \
        "runs half a size large; we recommend 5mm smaller than usual"
    assert english_fit_note("정사이즈 추천, 발볼이 넓다면 반 사이즈 업") == \
        "we recommend true to size; if your feet are wide, we recommend half a size up"
    assert english_fit_note("정사이즈 추천, 발가락이 길다면 반 사이즈 업") is None  # a condition not read: never half a note


def test_an_english_usual_size_gets_the_size_the_note_points_to(shops) -> None:  # noqa: ANN001
    for message in ("what size chelsea boots for 275?", "I usually wear 275, which size chelsea boots should I get?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "we recommend 270" in reply and "반 사이즈" not in reply, reply


def test_an_english_customer_saying_the_note_condition_gets_its_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "loafers: I have a high instep, usually 265. which size?").reply
    assert "Since you have a high instep, we recommend 270" in reply, reply
