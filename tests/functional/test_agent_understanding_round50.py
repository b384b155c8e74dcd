"""Offline agent, fiftieth round: an amount an English question names by the shop's own key word ("on the wall" of
`wallMountFee`), and whether the shop itself works on a day named ("주말에도 영업하세요?").

Each test pins one mechanism, not one sentence.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

THURSDAY_MORNING = datetime(2027, 6, 17, 11, 30)
_ask = asker(THURSDAY_MORNING)


# -- an amount named by the key's own word, in English -----------------------------------------------------------------
def test_an_english_question_naming_an_amount_by_its_key_word_gets_that_amount(shops) -> None:  # noqa: ANN001
    wall = _ask(shops["electronics"], "can you install the TV on the wall?").reply
    assert "Wall mount: 60,000 KRW" in wall, wall
    # (the rule's own topic word names no amount: "install" asks no installation date)
    assert "3-7 days" not in wall, wall


def test_values_named_reads_key_words_not_shared_or_topic_words() -> None:
    from agent.english_rules import values_named

    values = {"standMountFee": 0, "wallMountFee": 60000, "installDaysMin": 3, "installDaysMax": 7}
    assert values_named("can you mount it on the wall?", values) == ["wallMountFee"]
    assert values_named("when do you install it?", values, frozenset({"install"})) == []
    assert values_named("how much is the fee?", values) == []  # (a unit word names none)
    points = {"pointRatePercent": 1, "reviewPoints": 500, "photoReviewPoints": 1000}
    assert values_named("photo review points?", points, frozenset({"points", "point"})) == ["reviewPoints",
                                                                                         "photoReviewPoints"]


# -- whether the shop works on a day named -----------------------------------------------------------------------------
def test_whether_the_shop_works_on_a_day_named_is_its_customer_centres_day(shops) -> None:  # noqa: ANN001
    for message in ("주말에도 영업하세요?", "토요일에 쉬세요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "고객센터가 쉬어요" in reply and "출고" not in reply, reply
    # (the moment itself is asked by "지금": whether a person answers now, not a day's hours)
    now = _ask(shops["jogunshop"], "지금 점심시간이에요?").reply
    assert "고객센터가 쉬어요" not in now, now
