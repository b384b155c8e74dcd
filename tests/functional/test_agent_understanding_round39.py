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
from turn_asking import asker, chat

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


# -- baskets: options sold out, options said by a bare number, a number of the name --------------------------------------
def test_a_basket_option_sold_out_is_said_and_left_out_of_the_total(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "옥스포드셔츠 네이비L이랑 크루넥니트 오트밀M 둘다 있으면 주문하려고요 제주 배송비도").reply
    assert "품절이라 주문하실 수 없어요" in reply and "88,000원" not in reply, reply
    reply = _ask(shops["grocery"], "두부 3개랑 시금치 2개 얼마").reply
    assert "품절인 친환경 시금치 300g을 빼면 합계 8,700원" in reply, reply


def test_an_option_said_by_its_bare_number_prices_its_conjunct(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "토너 300이랑 수분크림50 같이 사면 배송비 있어요? 저 제주도에요").reply
    assert "29,000원" in reply and "32,000원" in reply and "61,000원" in reply, reply


def test_a_number_of_the_product_name_is_no_count(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "How much for 10kg of rice and a tray of 30 eggs").reply
    assert "× 30" not in reply and "426,900" not in reply, reply


# -- a fee asked after a rule ---------------------------------------------------------------------------------------------
def test_a_fee_after_a_rule_that_states_none_is_the_orders(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "선크림 하나만 사면 샘플 주나요? 배송비는 얼마에요").reply
    assert "20,000원 이상 기준에 못 미쳐요" in reply and "2,500원" in reply, reply
    reply = _ask(shops["cosmetics"], "받은지 5일 됐고 씰 안뜯은 크림인데 단순변심 반품 돼요? 택배비는 얼마 내요?").reply
    assert "왕복 5,000원" in reply, reply  # (the return rule states its fee: the return's)


def test_a_price_joined_to_another_thing_of_a_product_names_that_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "공기청정기 몇평형이에요? 필터 가격이랑 교체주기도요").reply
    assert "30평형" in reply and "39,000원" in reply, reply


# -- a kind asked over ------------------------------------------------------------------------------------------------------
def test_options_among_a_kind_list_each_in_stock_in_them(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "슬랙스 중에 32 블랙 재고 있는거").reply
    assert "재고가 있는 슬랙스는" in reply and re.search(r"와이드 슬랙스 45,000원\(\d+개\)", reply), reply


def test_whether_any_of_a_kind_is_on_sale_is_asked_of_the_kind(shops) -> None:  # noqa: ANN001
    for message, kind in (("패딩 세일하는거 있어요?", "패딩"), ("후드티 할인하는거 있어요?", "후드티")):
        reply = _ask(shops["jogunshop"], message).reply
        assert f"할인 중인 {kind} 상품은 없어요" in reply and "남아 있어요" not in reply, reply


# -- a follow-up that names only the way paid -------------------------------------------------------------------------------
def test_the_way_paid_said_after_a_rule_question_asks_it_again_for_that_way(shops) -> None:  # noqa: ANN001
    asked = chat("환불 며칠 걸려요?", "신용카드는 3~5영업일, 간편결제는 1~3영업일, 무통장입금은 1영업일 이내에 환불됩니다.")
    reply = _ask(shops["cosmetics"], "네이버페이로 했어요", asked).reply
    assert reply.startswith("네이버페이로 결제하셨다면 1~3영업일"), reply
    asked = chat("카카오페이로 결제했는데 환불 며칠 걸려요?", "카카오페이로 결제하셨다면 1~3영업일 이내에 환불돼요.")
    reply = _ask(shops["jogunshop"], "카드로 결제한건요?", asked).reply
    assert reply.startswith("카드로 결제하셨다면 3~7영업일"), reply


def test_a_number_after_a_rating_acronym_is_no_count(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "does the sunscreen have SPF 50?").reply
    assert "can't be ordered" not in reply and "50 of them" not in reply, reply


def test_a_one_syllable_verb_the_dictionary_holds_as_a_noun_is_read_as_the_verb(shops) -> None:  # noqa: ANN001
    from core.language.morphology import analyse

    assert [(m.lemma, m.pos) for m in analyse("물이 새요")][-2:] == [("새", "VV"), ("요", "EF")]
    result = _ask(shops["electronics"], "전기포트에서 물이 새요")
    assert result.handoff and "불량" in result.reply, result.reply  # a fault told, never the kettle's prices


# -- a kind's word with an option, a kind's fee, a case of another rule ------------------------------------------------------
def test_a_kind_word_with_an_option_lists_every_product_called_so(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "do you have sneakers in 290?").reply
    assert "캔버스 스니커즈" in reply and "레더 스니커즈" in reply, reply


def test_a_kind_whose_every_product_crosses_the_threshold_has_its_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "울릉도 사는데 코트 하나 사면 배송비 얼마에요?").reply
    assert "50,000원 이상" in reply and "추가 배송비 5,000원만" in reply and "8,000원" not in reply, reply
    assert "조끼" not in reply, reply  # (the coats of "코트/자켓/패딩", not the vest beside them)


def test_a_case_of_another_rule_asked_after_a_rule_question(shops) -> None:  # noqa: ANN001
    asked = chat("반품 배송비 얼마에요?", "단순 변심 반품은 왕복 배송비 6,000원을 고객님이 부담합니다.")
    reply = _ask(shops["jogunshop"], "사이즈 교환은요?", asked).reply
    assert "7일" in reply and "6,000원" in reply, reply


def test_others_of_a_kind_named_after_an_exclusion_are_that_kind_in_the_option(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "기모후드티 말고 다른 후드 중에 블랙 L 있는거요").reply
    assert "후드 집업 55,000원(9개)" in reply and "맨투맨" not in reply.split("상품으로는")[-1], reply


# -- an English customer and the shop's Korean rule text -------------------------------------------------------------------
def test_a_rule_sentence_the_gloss_reads_whole_is_not_quoted_in_korean(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "can I return it after wearing once?").reply
    assert reply.startswith("No") and "worn" in reply and not re.search(r"[가-힣]", reply), reply
    reply = _ask(shops["jogunshop"], "how long does a refund take?").reply
    assert "3-7 business days" in reply and not re.search(r"[가-힣]", reply), reply
    assert reply.count("3-7") == 1, reply  # (the lines said it: never again as glossed points)


def test_the_option_bought_asked_of_an_order_lists_its_items(shops) -> None:  # noqa: ANN001
    for message in ("20261012-0003 그때 몇 사이즈 샀었죠?", "20261012-0003 what size did I order?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "크루넥 니트 L" in reply and "와이드 슬랙스 32" in reply, reply


# -- English purchases ------------------------------------------------------------------------------------------------------
def test_can_i_get_a_product_in_an_option_asks_its_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "can I get the linen shirt in L?").reply
    assert "In stock for 린넨 셔츠" in reply and "Material" not in reply, reply


def test_an_english_count_before_the_noun_is_totalled(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "2 oxford shirts in L how much").reply
    assert "2 of them come to 78,000 KRW" in reply, reply


def test_a_set_under_the_free_shipping_threshold_is_weighed_with_its_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "과일 선물세트랑 사과 3kg 감귤 따로 사는거랑 뭐가 더 싸요?").reply
    assert "40,900원(배송비 3,000원 포함)" in reply and "따로 사시는 쪽이 100원 더 저렴해요" in reply, reply


def test_what_comes_in_a_set_lists_its_parts(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "what comes in the travel mini kit?").reply
    assert "includes" in reply and "어성초 진정 토너 30ml" in reply, reply


def test_a_region_asked_after_a_fee_question_keeps_the_basket_before_it(shops) -> None:  # noqa: ANN001
    asked = chat("니트 장갑이랑 울 머플러 골지 비니 같이 사면 얼마에요?", "합계 73,000원이에요.", "배송비는 무료죠?",
                 "네, 73,000원 주문이면 무료예요.")
    reply = _ask(shops["jogunshop"], "제주도면요?", asked).reply
    assert "73,000원 주문 시 배송비는 3,000원" in reply, reply


def test_an_address_changed_from_a_surcharged_region_adds_no_surcharge(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261121-0005 배송지 제주에서 서울로 바꿀 수 있어요?").reply
    assert "제주로 바꾸시면" not in reply, reply


def test_a_part_left_with_only_its_lead_sentence_says_nothing(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "비건 제품이에요? 마스카라도 비건인가요").reply
    assert "비건 인증" in reply and not reply.rstrip().endswith("안내드릴게요."), reply
