"""Offline agent, forty-second round: a price bound read as part of the amount, one product measured against a
price range, a kind said by its products' last name word in a "which" question, a skin type beside a product sought,
and the points a purchase earns.

Each test pins one mechanism, not one sentence: "토너 2만원 이하 있어요?" lists the toners in that range (the bound's
이하 is no thing the shop fails to sell); "마우스 2만원 이하로 있나요" says the one mouse's price is outside it; "건성인데
토너 뭐가 좋아요?" lists the toners; "Is there a toner for dry skin …?" is a product question, not the skin-trouble
rule; "린넨셔츠 사면 적립금 얼마 쌓여요?" quotes the accrual rule after the price.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker, chat

WEDNESDAY = datetime(2027, 3, 24, 11, 0)
_ask = asker(WEDNESDAY)


# -- a price bound is part of the amount -----------------------------------------------------------------------------
def test_a_price_bound_is_no_thing_sought(shops) -> None:  # noqa: ANN001
    for message in ("토너 2만원 이하 있어요?", "건성 토너 2만원 이하 있어요?"):
        reply = _ask(shops["cosmetics"], message).reply
        assert "어성초 진정 토너 18,000원" in reply, (message, reply)
        assert "42,000원" not in reply and "들어간 상품" not in reply and "판매하지 않" not in reply, (message, reply)


# -- one product against a price range --------------------------------------------------------------------------------
def test_one_product_of_one_price_is_measured_against_the_range(shops) -> None:  # noqa: ANN001
    inside = _ask(shops["electronics"], "마우스 3만원 이하로 있나요").reply
    assert "29,000원" in inside and "가격대에 들어요" in inside, inside
    outside = _ask(shops["electronics"], "마우스 2만원 이하로 있나요").reply
    assert "29,000원" in outside and "들지 않아요" in outside, outside
    english = _ask(shops["cosmetics"], "sunscreen under 20000 won?").reply
    assert "19,800 KRW" in english and "within that price range" in english, english


def test_a_price_remembered_with_a_sale_asked_is_no_range(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨셔츠 아직 할인중?? 4만원대 아니었나").reply
    assert "할인" in reply and "가격대" not in reply, reply


# -- a kind by its products' last name word, asked which ---------------------------------------------------------------
def test_which_of_a_kind_said_by_name_lists_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "건성인데 토너 뭐가 좋아요?").reply
    assert "어성초 진정 토너 18,000원" in reply, reply
    assert "상품명을 알려주시면" not in reply, reply


# -- a skin type beside a product sought -----------------------------------------------------------------------------
def test_a_skin_type_beside_a_product_sought_is_a_product_question(shops) -> None:  # noqa: ANN001
    answer = _ask(shops["cosmetics"], "Is there a toner for dry skin under 20000 won?")
    assert answer.route == "product" and "18,000 KRW" in answer.reply, answer.reply
    trouble = _ask(shops["cosmetics"], "토너 쓰고 트러블 났는데 반품 있어요?")
    assert trouble.route == "general" and trouble.handoff, trouble.reply


# -- the points a purchase earns --------------------------------------------------------------------------------------
def test_the_points_a_purchase_earns_quote_the_accrual_rule_after_the_price(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨셔츠 사면 적립금 얼마 쌓여요?").reply
    assert reply.index("45,000원") < reply.index("1%가 적립"), reply
    plain = _ask(shops["jogunshop"], "린넨셔츠 얼마에요?").reply
    assert "적립" not in plain, plain


# -- an order's payment asked, not its delivery -----------------------------------------------------------------------
def test_the_deposit_deadline_of_an_order_already_paid_is_answered_without_a_handoff(shops) -> None:  # noqa: ANN001
    answer = _ask(shops["jogunshop"], "20261122-0016 무통장으로 주문했는데 입금 언제까지?")
    assert "입금은 이미 확인된 주문" in answer.reply and not answer.handoff, answer.reply
    late = _ask(shops["jogunshop"], "20261122-0016 언제 출고돼요?")
    assert late.handoff, late.reply  # its delivery asked, long overdue: still a person


# -- a kind's word that finds one product weakly ----------------------------------------------------------------------
def test_a_kind_with_options_found_weakly_by_one_alias_lists_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "검정 티 L 있어요?").reply
    assert "베이직 반팔 티셔츠" in reply and "피케 카라 티셔츠" in reply, reply
    own = _ask(shops["jogunshop"], "피케티 블랙 L 있어요?").reply
    assert own.startswith("피케 카라 티셔츠 L 블랙"), own  # its own other name still names it


# -- a basket carried to a region, and fewer left than counted ---------------------------------------------------------
def test_the_total_sent_to_a_region_carries_the_product_of_the_option_asked_last(shops) -> None:  # noqa: ANN001
    history = chat("와이드 데님 얼마에요?", "와이드 데님 팬츠의 가격은 52,000원입니다.",
                   "흑청 32 있어요?", "와이드 데님 팬츠 32 사이즈 흑청은 현재 1개 남아 있어요. 가격은 52,000원이에요.")
    reply = _ask(shops["jogunshop"], "그럼 울릉도로 보내면 총 얼마?", history).reply
    assert "52,000원" in reply and "5,000원" in reply and "총 57,000원" in reply, reply
    fee_only = _ask(shops["jogunshop"], "인천 옹진군 백령면인데 30000원 주문하면 배송비 총 얼마").reply
    assert "8,000원" in fee_only and "합치면" not in fee_only, fee_only  # "배송비 총 얼마" is the fee's own total


def test_fewer_left_than_counted_is_said_before_the_sum(shops) -> None:  # noqa: ANN001
    history = chat("카고팬츠 34 카키 있어요?", "카고 팬츠 34 사이즈 카키는 현재 1개 남아 있어요. 가격은 49,000원이에요.")
    reply = _ask(shops["jogunshop"], "그거 2개 사면 배송비는요?", history).reply
    assert reply.startswith("카고 팬츠 34 카키는 재고가 1개뿐이라 2개는"), reply
    basket = _ask(shops["grocery"], "우유 4개랑 계란 1판 얼마에요 배송비는?").reply
    assert "재고가 2개뿐이라 4개는" in basket and "30,900원" in basket, basket


# -- an order not yet shipped, asked of something else --------------------------------------------------------------
def test_a_cancel_or_address_change_of_an_unshipped_order_is_not_crowded_by_a_late_apology(shops) -> None:  # noqa: ANN001
    for message in ("20261122-0016 취소하고 싶어요", "20261122-0016 배송지 변경 가능해요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "'결제완료' 상태예요" in reply and "늦어져 죄송" not in reply and "도착할 예정" not in reply, (message, reply)
        assert "마이페이지" in reply, (message, reply)
    complaint = _ask(shops["cosmetics"], "GD261121-008 너무 늦어서 그냥 취소해주세요").reply
    assert "늦어져 죄송" in complaint, complaint  # lateness told: the apology stays


# -- a person not called, the negation glued on ---------------------------------------------------------------------
def test_a_person_not_called_with_the_negation_glued_on_is_no_request(shops) -> None:  # noqa: ANN001
    answer = _ask(shops["cosmetics"], "사람 안불러도 돼요 그냥 마이페이지에서 배송지 바꾸면 되죠?")
    assert not answer.handoff and "마이페이지" in answer.reply, answer.reply
    assert _ask(shops["cosmetics"], "사람 불러주세요").handoff


# -- a kind of the shop's with a front word none of its products has ----------------------------------------------------
def test_a_kind_with_a_front_word_no_product_has_is_not_sold_and_the_kind_is_listed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "트렌치코트 있어요?").reply
    assert "'트렌치코트' 상품은 판매하지 않아요" in reply and "싱글 울 코트(229,000원)" in reply, reply
    own = _ask(shops["jogunshop"], "울코트 있어요?").reply
    assert "판매하지 않" not in own and "싱글 울 코트" in own, own  # a word of its names: that coat


def test_the_particle_ra_do_is_not_part_of_the_thing_sought(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "등산화라도 팔아요?").reply
    assert "'등산화'" in reply and "등산화라" not in reply, reply


# -- counts ------------------------------------------------------------------------------------------------------------
def test_a_pack_size_then_an_option_value_then_a_count_is_one_product_counted(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "양말 3팩 화이트 5개 얼마에요?").reply
    assert "5개" in reply and "60,000원" in reply and "72,000원" not in reply, reply


def test_an_english_count_before_a_product_counts_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "I want 2 tints and 1 mascara, how much in total?").reply
    assert "44,000 KRW" in reply, reply


# -- a size no product comes in; a season of a kind -------------------------------------------------------------------
def test_a_letter_size_no_product_comes_in_is_said_so_with_the_sizes_there_are(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "XS 사이즈도 있나요? 여자친구 선물").reply
    assert reply.startswith("XS 사이즈로 나오는 상품은 없어요") and "S, M, L" in reply, reply


def test_a_season_of_a_kind_lists_every_product_of_it_made_for_that_season(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "여름에 입을만한 셔츠").reply
    assert "린넨 셔츠" in reply and "차이나카라 셔츠" in reply and "오버핏 코튼 셔츠" in reply, reply
    assert "옥스포드" not in reply, reply


# -- a wish to order again, and the customer's own order looked up -----------------------------------------------------
def test_another_colour_ordered_again_is_a_wish_not_a_wrong_item(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "결제했는데 주문 취소하고 다른 색으로 다시 주문하고 싶어요").reply
    assert "다른 상품을 받으셨다니" not in reply and "취소" in reply, reply


def test_the_customers_own_order_content_asked_without_a_number_asks_for_it(shops) -> None:  # noqa: ANN001
    for message in ("제 주문내역 좀 알려주세요", "주문한거 뭐였죠?"):
        answer = _ask(shops["jogunshop"], message)
        assert answer.route == "delivery" and "주문번호" in answer.reply and "주문 내역을 확인" in answer.reply, answer.reply


# -- a sold-out product in a basket whose fee is asked ---------------------------------------------------------------
def test_a_sold_out_product_is_left_out_of_a_basket_and_its_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "두부 3개랑 시금치 2개 살게요 배송비까지 얼마").reply
    assert "빼면 합계 8,700원" in reply and "총 11,700원" in reply and "18,700원" not in reply, reply


# -- a one-syllable verb with a connective ending read as a noun -------------------------------------------------------
def test_a_verb_with_a_connective_ending_after_an_amount_is_no_thing_the_rules_leave_unsaid(shops) -> None:  # noqa: ANN001
    for message in ("신규가입 쿠폰 2만원 사면 쓸 수 있어요?", "가입쿠폰 2만원어치 사도 쓸수있나요"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "30,000원 이상" in reply and "에 대해서는" not in reply, (message, reply)


def test_a_connective_read_as_a_noun_is_the_verb_and_its_ending() -> None:
    from core.language.morphology import analyse

    assert [(m.lemma, m.pos) for m in analyse("2만원 사면")][-2:] == [("사", "VV"), ("면", "EC")]
    assert any(m.surface == "사고" and m.pos == "NNG" for m in analyse("배송 사고 났어요"))  # an accident stays one


# -- a cheaper one of the kind named, and a count after a letter size -------------------------------------------------
def test_a_cheaper_one_of_the_kind_named_after_a_product_is_weighed_against_it(shops) -> None:  # noqa: ANN001
    single = chat("싱글 울 코트 얼마에요?", "싱글 울 코트의 가격은 229,000원입니다.")
    reply = _ask(shops["jogunshop"], "더 싼 코트는 없어요?", single).reply
    assert reply.startswith("코트 중에서는 싱글 울 코트가 가장 저렴해요") and "발마칸" not in reply, reply
    balmacaan = chat("발마칸 코트 얼마에요?", "발마칸 코트의 가격은 289,000원입니다.")
    reply = _ask(shops["jogunshop"], "더 싼 코트 있어요?", balmacaan).reply
    assert "싱글 울 코트 229,000원" in reply and "패딩 조끼" not in reply, reply


def test_a_count_after_a_letter_size_counts(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "베이직 긴팔티 블랙 XXL 3장 서귀포로 배송비 포함 얼마?").reply
    assert "57,000원" in reply and "총 60,000원" in reply and "남은 수량이 1개라 3개는" in reply, reply


def test_an_amount_bought_after_a_coupon_named_is_weighed_against_its_minimum(shops) -> None:  # noqa: ANN001
    for message in ("신규가입 쿠폰 2만원 살때 쓸수 있어요?", "신규가입 쿠폰 2만원 사면 쓸 수 있어요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "20,000원은 30,000원 이상 기준에 못 미쳐요" in reply, (message, reply)
    value = _ask(shops["jogunshop"], "3천원 쿠폰 써도 돼요?").reply
    assert "못 미쳐요" not in value, value  # a coupon's own value is no spend
