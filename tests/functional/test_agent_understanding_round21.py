"""Offline agent, twenty-first round: a kind named with option values, a price range over a part of a kind, things
the shop does not sell, loanword spellings.

Each test pins one mechanism, not one sentence: a kind the turn names with option values is answered over that kind
(the products of it sold in those values), not by the one name the fuzzy search liked best, nor by a product of
another kind; a customer's word for a kind that is also one product's other name ("맨투맨", "청바지") asks over every
product called so, the one it names alone said first when it is sold out; a price range over a part of a kind
("코트" of 코트/자켓/패딩) keeps to that part and, when none is so cheap, says the cheapest; a list of a range or of
options shows up to eight products, each with its own price as a fact; a one-syllable noun the analyser split from its
last syllable ("샌들" = 샌 + 들) is still the thing asked for; an exclusion clause that names a word in passing ("향수·
체취 등 오염") does not answer whether the shop has it; palatal loanword spellings fold (챠콜 = 차콜).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from core.knowledge.options import canon_token
from core.language.korean_text import fold_palatal

TUESDAY = datetime(2026, 12, 8, 10, 0)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = TUESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a kind named with option values -------------------------------------------------------------------------------
def test_a_kind_with_options_lists_that_kind_in_them_not_another_kind(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "화이트 셔츠 XXL 있어요?")
    assert "옥스포드 셔츠" in result.reply and "옥스포드 버튼다운 셔츠" in result.reply, result.reply
    assert "티셔츠" not in result.reply, result.reply  # 피케 카라 티셔츠 is no 셔츠


def test_a_kind_named_only_by_its_word_is_not_one_of_its_alike_names(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "블랙 L 사이즈 있는 셔츠 뭐 있어요?")
    assert "오버핏 코튼 셔츠" in result.reply and "차이나카라 셔츠" in result.reply, result.reply


def test_a_name_word_besides_the_kind_still_names_the_one(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "베이직 반팔티 화이트 M 재고 있나요?")
    assert result.reply.startswith("베이직 반팔 티셔츠") and "헤비코튼" not in result.reply, result.reply


@pytest.mark.parametrize("text", ["네이비 맨투맨 XL", "맨투맨 네이비 XL 있어요?"])
def test_a_kind_word_that_is_also_a_name_asks_over_the_products_called_so(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "기모 맨투맨" in result.reply and "하프집업 맨투맨" in result.reply, result.reply
    assert "후드" not in result.reply, result.reply  # the hoodies of 맨투맨/후드 are not called 맨투맨


def test_the_one_called_so_is_said_first_when_sold_out_in_those_options(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "청바지 32 연청 잇어요?")
    assert result.reply.startswith("스트레이트 데님 팬츠") and "품절" in result.reply and "12월 16일" in result.reply, result.reply
    assert "와이드 데님 팬츠" in result.reply and "37개" in result.reply, result.reply
    assert "안내드릴게요" not in result.reply, result.reply  # no header for the second product


@pytest.mark.parametrize("text", ["로퍼 블랙 265 재고 ㅇㅇ?", "반팔티 xl 화이트 품절이에여?"])
def test_a_word_calling_one_product_or_a_sold_out_question_stays_with_it(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "재고가 있는" not in result.reply, result.reply


def test_a_measure_word_that_only_says_the_size_still_filters(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "슬랙스 허리 32 블랙 잇음?")
    assert "32 사이즈 블랙 재고가 있는 슬랙스" in result.reply, result.reply


# -- price ranges over a part of a kind ----------------------------------------------------------------------------
def test_a_part_of_a_kind_below_every_price_says_the_cheapest(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "10만원 이하 코트 있어요?")
    assert "없어요" in result.reply and "싱글 울 코트" in result.reply and "183,200원" in result.reply, result.reply
    assert "조끼" not in result.reply and "항공점퍼" not in result.reply, result.reply


def test_a_part_of_a_kind_in_a_range_keeps_to_that_part(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "코트 중에 10만원대 있어요?")
    assert "싱글 울 코트" in result.reply and "패딩" not in result.reply and "블레이저" not in result.reply, result.reply


def test_a_range_lists_every_product_in_it_up_to_eight(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "3만원 이하 티셔츠 보여주세요")
    for name in ("베이직 반팔 티셔츠", "와플 긴팔 티셔츠", "스트라이프 긴팔 티셔츠", "헨리넥 긴팔 티셔츠"):
        assert name in result.reply, result.reply


def test_options_list_shows_more_than_three_with_their_prices(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "검정 슬랙스 있나요?")
    assert "카고 팬츠" in result.reply and "가지예요" not in result.reply, result.reply


# -- things the shop does not sell ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "word"), [("샌들 있어요?", "샌들"), ("향수 있나요", "향수")])
def test_a_thing_not_sold_is_said_so_not_a_look_alike_or_a_clause(shops, text: str, word: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert f"'{word}'" in result.reply and "판매하지 않아요" in result.reply, result.reply
    assert "반품" not in result.reply and "비슷한 이름" not in result.reply, result.reply


# -- loanword spellings ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b"), [("챠콜", "차콜"), ("쥬스", "주스"), ("레져", "레저"), ("쵸코", "초코")])
def test_palatal_spellings_fold_to_one(a: str, b: str) -> None:
    assert fold_palatal(a) == fold_palatal(b) == b


def test_an_option_value_is_found_by_either_spelling(shops) -> None:  # noqa: ANN001
    assert canon_token("챠콜") == canon_token("차콜")
    result = _ask(shops["jogunshop"], "슬렉스 30 챠콜 재고요")
    assert "차콜" in result.reply and "슬랙스" in result.reply, result.reply
