"""Offline agent, twentieth round: sizes the shop does not sell, a basket naming a kind of several products, the
most of a kind.

Each test pins one mechanism, not one sentence: a letter size of the clothing world that no product of the shop is
sold in ("3XL") is said to be unsold, with the sizes the product has; a conjunct of a basket that names only a kind
the shop sells several products of is asked about (its products listed) while the other conjunct is answered on its
own, its options not lent to the other product; "제일 싼 코트" lists the kind in price order, not the one name the
fuzzy search scored best.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner

TUESDAY = datetime(2026, 12, 8, 10, 0)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = TUESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- letter sizes no product is sold in --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "token"), [("맨투맨 3XL 있어요?", "3XL"), ("후드티 4xl은 안나와요?", "4XL"),
                                             ("Do you have the sweatshirt in 3XL?", "3XL")])
def test_a_letter_size_no_product_has_is_said_to_be_unsold(shops, text: str, token: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert token in result.reply and not result.ask_back, result.reply
    assert "XL" in result.reply.replace(token, ""), result.reply  # the sizes it has


def test_a_size_the_shop_sells_elsewhere_is_still_its_own_answer(shops) -> None:  # noqa: ANN001
    # XXL is sold by other 맨투맨: the shop's own vocabulary finds it, the letter-size rule does not step in
    result = _ask(shops["jogunshop"], "맨투맨 xxl 재고요")
    assert "XXL" in result.reply, result.reply


# -- a basket naming a kind of several products ---------------------------------------------------------------------
@pytest.mark.parametrize("text", ["맨투맨 L 두개랑 비니 하나 얼마예요?", "비니 하나랑 맨투맨 L 두개 얼마예요?",
                                  "맨투맨이랑 비니 얼마예요?"])
def test_a_kind_of_several_products_in_a_basket_is_asked_about(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "19,000원" in result.reply and "판매하지 않아요" not in result.reply, result.reply  # no L lent to the beanie
    assert "무지 맨투맨" in result.reply and "기모 맨투맨" in result.reply and result.ask_back, result.reply


def test_a_basket_of_products_named_whole_still_gets_its_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "무지 맨투맨 L 2개랑 골지 비니 1개 얼마요?")
    assert "77,000원" in result.reply and not result.ask_back, result.reply


def test_a_kind_of_many_products_is_counted_not_listed_whole(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "셔츠랑 비니 재고 있어요?")
    assert "가지" in result.reply and "비니" in result.reply and "합계" not in result.reply, result.reply


# -- the most of a kind ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["제일 싼 코트는요?", "what's your cheapest coat?"])
def test_the_most_of_a_kind_lists_the_kind_in_price_order(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    coats = ("싱글 울 코트", "더블 울 코트", "발마칸 코트")  # 183,200원 (on sale), 259,000원, 289,000원
    assert all(c in reply for c in coats) and sorted(coats, key=reply.index) == list(coats), reply


def test_the_dearest_of_a_kind_comes_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "젤 비싼 셔츠 뭐에요").reply
    assert "가장 비싼" in reply and reply.index("데님 셔츠") < reply.index("린넨 셔츠"), reply


# -- a service's own section for English customers; places asked of against the places a rule lists ----------------
def test_an_english_name_for_a_delivery_service_finds_its_own_section_in_english(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "When's the cutoff for early morning delivery?").reply
    assert "23:00" in reply and reply.startswith(("Key points", "Dawn")) and "ships the same day" not in reply, reply


@pytest.mark.parametrize("text", ["부산도 새벽배송 돼요?", "do u have dawn delivery to busan?"])
def test_a_province_asked_of_that_the_rule_does_not_list_is_said_so(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert ("부산은 안내된 지역(서울·경기·인천)에 들어 있지 않아요" in reply
            or "Busan is not among the areas the rule lists (Seoul, Gyeonggi, Incheon)" in reply), reply


@pytest.mark.parametrize("text", ["수원 새벽배송 가능한가요?", "인천도 새벽배송 되죠?", "새벽배송 오늘 시키면 낼 아침에 와요? 분당임"])
def test_a_city_inside_a_province_or_a_listed_province_gets_no_verdict(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert "들어 있지 않아요" not in reply and "새벽배송" in reply, reply
