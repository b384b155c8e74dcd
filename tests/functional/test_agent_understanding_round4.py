"""Offline agent, fourth round: English customers' product names, measures and totals, and shop rules in English.

Each test pins one mechanism, not one sentence: English loanword names that beat a shorter alias, a silent b
("lambs-"), a word that modifies the name after it (no second product), a quantity's noun ("100% cotton"), the
size of a thing itself ("how long is it"), a total with shipping asked in English, and the English layout of a
Korean rule (a short "no" only when the rule's sentence is negative, English first, the rule quoted last).
"""

from __future__ import annotations

import pytest

from agent.english_gloss import rule_says_no, says_no
from agent.entities import measures_asked
from agent.evaluate import DEFAULT_NOW
from agent.mentions import mentioned_products
from agent.pipeline import SupportPipeline
from core.knowledge.manager import get_knowledge
from core.language.loanwords import sound_key


def _ask(pipeline: SupportPipeline, message: str, history: list[dict] | None = None):
    return pipeline.answer([message], history=history, now=DEFAULT_NOW)


# -- English names -----------------------------------------------------------------------------------------
def test_a_b_after_m_with_no_vowel_after_it_is_silent() -> None:
    assert sound_key("lambswool") == sound_key("램스울")
    assert sound_key("number") != sound_key("넘어")  # a vowel after it: the b is said


@pytest.mark.parametrize("shop, message, name", [
    ("jogunshop", "Is the lambswool crewneck on sale?", "램스울 크루넥 니트"),  # two English words beat the alias of one
    ("jogunshop", "how much is the crewneck knit?", "크루넥 니트"),
    ("jogunshop", "How much is the oxford button-down shirt?", "옥스포드 버튼다운 셔츠"),
])
def test_an_english_name_by_sound_beats_a_shorter_alias(shops, shop: str, message: str, name: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert name in result.reply and "side by side" not in result.reply, result.reply


def test_a_word_before_a_name_or_after_a_number_names_no_second_product() -> None:
    k = get_knowledge()
    assert len(mentioned_products(k, "How much is the oxford button-down shirt?")) == 1  # "oxford" modifies the name
    assert len(mentioned_products(k, "Is the waffle tee 100% cotton?")) == 1  # "100% cotton" is its material
    assert len(mentioned_products(k, "셋업 자켓이랑 팬츠 얼마에요?")) == 2  # a bare word after a conjunction still is


# -- English measures --------------------------------------------------------------------------------------
def test_english_measure_words_give_every_label_korean_charts_use() -> None:
    assert {"총장", "길이"} <= set(measures_asked("How long is the wool muffler?"))
    assert {"폭", "가로"} <= set(measures_asked("how wide is it"))
    assert "소매" in measures_asked("what's the sleeve length")


@pytest.mark.parametrize("message, expected", [
    ("How long is the wool muffler?", "180cm"), ("how wide is the leather belt?", "3.5cm"),
])
def test_how_long_is_a_thing_asks_its_measure_not_a_time(shops, message: str, expected: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert result.route == "product" and expected in result.reply, result.reply


def test_how_long_it_takes_is_still_a_time(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "how long does the muffler take to arrive?")
    assert result.route == "delivery" and "cm" not in result.reply, result.reply


def test_a_total_with_shipping_asked_in_english_adds_the_products_and_the_fee(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "Chino pants and a leather belt together - total with shipping?")
    assert result.route == "delivery" and "81,000 KRW" in result.reply and "free" in result.reply, result.reply


# -- shop rules for English customers ----------------------------------------------------------------------
@pytest.mark.parametrize("sentence, negative", [
    ("해외 주소로는 주문할 수 없습니다.", True), ("조군샵은 온라인 전용 매장으로 오프라인 매장은 없습니다.", True),
    ("해외 배송은 하지 않습니다.", True), ("택 제거 시 반품이 불가합니다(전자상거래법).", True),
    ("신용카드·체크카드, 카카오페이로 결제할 수 있습니다.", False), ("무통장입금은 3일 이내에 입금하지 않으면 자동 취소됩니다.", False),
])
def test_a_rule_sentence_says_no_only_when_its_own_predicate_is_negative(sentence: str, negative: bool) -> None:
    assert says_no(sentence) is negative


@pytest.mark.parametrize("shop, message", [
    ("jogunshop", "Do you ship to Japan?"), ("jogunshop", "Is there a physical store in Seoul I can visit?"),
    ("electronics", "Do you ship to the US?"),
])
def test_an_english_yes_no_question_against_a_negative_rule_gets_a_short_no_first(shops, shop: str,  # noqa: ANN001
                                                                                 message: str) -> None:
    reply = _ask(shops[shop], message).reply
    assert reply.startswith("No, I'm afraid not."), reply
    english, _, quoted = reply.partition("Our policy (in Korean):")
    assert quoted.strip() and not any("가" <= ch <= "힣" for ch in english), reply  # English first, the rule last


def test_a_positive_rule_gets_no_yes_it_may_answer_a_neighbouring_question(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Do you accept PayPal?").reply
    assert not reply.startswith(("Yes", "No")), reply


def test_a_rule_says_no_only_when_no_clause_of_it_says_yes() -> None:
    assert rule_says_no(["해외 주소로는 주문할 수 없습니다.", "해외 배송은 하지 않습니다."])
    assert not rule_says_no(["출고 전까지는 마이페이지에서 변경할 수 있고, 배송중 이후에는 변경이 불가합니다."])  # yes, until …
    assert not rule_says_no(["택 제거 상품은 반품이 불가합니다.", "불량·오배송은 배송비 없이 반품됩니다."])  # depends on the case


def test_english_verdicts_come_before_the_quoted_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Can I return something after 10 days?").reply
    assert reply.index("past the 7 days limit") < reply.index("Our policy (in Korean):"), reply
