"""Offline agent, forty-fourth round: a fee asked outright after a rule that writes none, two things each asked with
도, a list of products said with their amounts and no joining word (one-syllable names too), a basket's product swapped
with the rest kept as said, a question mark typed with no space after it, a bare number beside another option's value,
a product named in full beside its kind's word, "동시" as together, an hour of today already past, a request and a
question in two sentences, a kind of one product, a kind with a front word none of its products hold, a benefit of
signing up, and what one event brings asked of several rules.

Each test pins one mechanism, not one sentence: "선크림 2개 사면 샘플도 주나요? 배송비도 무료에요?" answers the order's
free shipping (before, a handoff saying the sample rule states nothing of it); "사과3키로 귤5키로 고구마3키로" is three
products; "양말 대신 비니 블랙으로 바꾸면요?" keeps the two linen shirts in L; "2시 전에 주문하면 당일 출고돼요?" asked at
18:10 is an order now.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker, chat

FRIDAY_EVENING = datetime(2027, 4, 2, 18, 10)
WEDNESDAY = datetime(2027, 3, 31, 10, 30)
_ask = asker(WEDNESDAY)


# -- a fee asked outright after a rule that writes none ---------------------------------------------------------------
def test_a_fee_asked_outright_after_a_rule_without_one_is_the_orders(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "선크림 2개 사면 샘플도 주나요? 배송비도 무료에요?")
    assert "샘플 2종" in result.reply and "30,000원 이상 무료배송" in result.reply, result.reply
    assert not result.handoff and "나와 있는 내용이 없어서" not in result.reply, result.reply


# -- two things each asked with 도 ------------------------------------------------------------------------------------
def test_two_things_each_with_do_joined_by_go_are_each_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "선크림 2개 사면 샘플도 주고 배송비도 무료에요?").reply
    assert "샘플 2종" in reply and "무료배송 기준" in reply, reply
    both = _ask(shops["jogunshop"], "환불도 되고 교환도 돼요?").reply
    assert "환불" in both and "1회 교환" in both, both
    one = _ask(shops["jogunshop"], "택 떼고 입어봤는데 반품 돼요?").reply
    assert "반품이 어렵습니다" in one, one  # (a clause of one thing joined by -고 is no second ask)


# -- a list said with amounts and no joining word ---------------------------------------------------------------------
def test_products_listed_with_their_amounts_and_no_joining_word_are_each_named(shops) -> None:  # noqa: ANN001
    for message in ("사과3키로 귤5키로 고구마3키로 얼마에요?", "사과 3키로 귤 5키로 고구마 3키로 얼마에요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "24,900원" in reply and "27,900원" in reply and "15,900원" in reply, (message, reply)
    pair = _ask(shops["grocery"], "사과 3키로 귤 5키로 얼마에요?").reply
    assert "제주 노지 감귤 5kg" in pair and "36,900원" not in pair, pair  # (the 5kg is the tangerines', not the apples')
    kimchi = _ask(shops["grocery"], "김치 있어요?").reply
    assert "곱창김" not in kimchi, kimchi  # (a one-syllable name is never a syllable of a longer word)


# -- a basket's product swapped -------------------------------------------------------------------------------------
def test_a_swapped_basket_keeps_the_other_products_options_and_counts(shops) -> None:  # noqa: ANN001
    history = chat("린넨셔츠 L 2개랑 양말 3개 얼마에요?", "린넨 셔츠 L 2개와 면 양말 3팩 3개 합계는 126,000원이에요.")
    reply = _ask(shops["jogunshop"], "양말 대신 비니 블랙으로 바꾸면요?", history).reply
    assert "109,000원" in reply and "골지 비니 블랙" in reply and "양말" not in reply, reply
    swapped = _ask(shops["jogunshop"], "블레이저 말고 싱글코트로 바꾸면요?",
                   chat("블레이저랑 슬랙스 같이 사면 얼마에요?", "울 블렌드 블레이저와 울 블렌드 슬랙스 합계 208,000원이에요.")).reply
    assert "298,000원" in swapped and "블레이저" not in swapped, swapped


# -- a question mark with no space after it ---------------------------------------------------------------------------
def test_a_question_mark_typed_without_a_space_still_ends_a_question(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "노트북16인치i5 재고잇음?글구 충전기 따로사야되나여").reply
    assert "7개" in reply and "35,000원" in reply, reply


# -- a bare number beside another option's value ----------------------------------------------------------------------
def test_a_bare_number_joined_to_a_value_with_its_unit_across_another_value(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "전기포트 1.7 블랙이랑 2L 블랙 가격 차이 얼마에요?").reply
    assert "39,000원" in reply and "45,000원" in reply and "6,000원" in reply, reply


# -- a product named in full beside its kind's word -------------------------------------------------------------------
def test_a_product_named_in_full_is_no_kind_to_list(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "캔버스 스니커즈 색상 뭐뭐 있어요").reply
    assert "화이트, 블랙" in reply and "레더 스니커즈" not in reply, reply


# -- "동시" is together -----------------------------------------------------------------------------------------------
def test_simultaneous_use_is_use_together(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "쿠폰이랑 적립금 동시 사용 돼요?").reply
    assert "적립금과 함께 쓸 수 있습니다" in reply and "나와 있지 않아요" not in reply, reply


# -- an hour of today already past ------------------------------------------------------------------------------------
def test_an_hour_of_today_already_past_is_an_order_now(shops) -> None:  # noqa: ANN001
    for message in ("2시 전에 주문하면 당일 출고돼요?", "오후 2시 전에 주문하면 오늘 나가요?"):
        reply = _ask(shops["jogunshop"], message, now=FRIDAY_EVENING).reply
        assert "4월 5일(월)에 출고" in reply and "4월 2일(금)에 출고" not in reply, (message, reply)
    tomorrow = _ask(shops["jogunshop"], "내일 오후 2시 전에 주문하면 언제 와요?", now=FRIDAY_EVENING).reply
    assert "4월 3일(토)" in tomorrow, tomorrow
    ahead = _ask(shops["jogunshop"], "2시 전에 주문하면 당일 출고돼요?").reply  # (at 10:30 the hour is ahead)
    assert "3월 31일(수)에 출고" in ahead, ahead


# -- a request, then a question in a sentence of its own --------------------------------------------------------------
def test_a_request_then_a_question_in_its_own_sentence_are_both_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "DN-004541 취소할게요. 근데 배송비가 왜 7000원이었어요?").reply
    assert "결제완료" in reply and "7,000원" in reply and "4,000원" in reply, reply
    assert "나와 있는 내용이 없어서" not in reply, reply


# -- a kind of one product --------------------------------------------------------------------------------------------
def test_a_kind_of_one_product_is_that_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "세럼 30이랑 50 중에 뭐가 더 이득이에요?").reply
    assert "720원" in reply and "어떤 상품이 궁금하신지" not in reply, reply


# -- a kind with a front word none of its products hold ---------------------------------------------------------------
def test_a_kind_with_a_front_word_none_of_its_products_hold_is_not_sold(shops) -> None:  # noqa: ANN001
    for message in ("가죽자켓 있어요?", "가죽 자켓 있어요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert ("판매하지 않아요" in reply or "가죽 자켓은 없어요" in reply) and "비슷한 이름" not in reply, (message, reply)


# -- benefits of signing up -------------------------------------------------------------------------------------------
def test_the_benefit_of_a_thing_named_is_not_the_membership_tiers(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "회원가입 혜택 뭐 있어요?").reply
    assert "5,000원 할인 쿠폰" in reply and "2,000원" in reply and "VIP" not in reply, reply
    tiers = _ask(shops["jogunshop"], "등급 혜택 알려주세요").reply
    assert "VIP" in tiers, tiers


def test_what_one_event_brings_is_asked_of_each_rule_named(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "신규가입하면 뭐 줘요? 쿠폰이랑 적립금").reply
    assert "5,000원 할인 쿠폰" in reply and "회원가입 시 2,000원" in reply, reply


# -- how a request the customer made stands ---------------------------------------------------------------------------
def test_the_progress_of_a_request_made_is_a_persons_to_check(shops) -> None:  # noqa: ANN001
    for message in ("반품 신청한거 어떻게 됐어요?", "교환 접수했는데 진행상황 알 수 있나요?", "환불 요청했는데 어떻게 되고 있어요?"):
        result = _ask(shops["jogunshop"], message)
        assert result.handoff and "진행 상황은 담당자가 확인" in result.reply and "주문번호" in result.reply, (message, result.reply)
        assert "나와 있지 않아요" not in result.reply, result.reply
    waited = _ask(shops["jogunshop"], "문의 남긴지 3일째인데 답이 없어요. 교환 신청한거 어떻게 됐어요?").reply
    assert waited.startswith("답변이 늦어져 죄송합니다.") and "7일 기간 안" not in waited, waited
    named = _ask(shops["jogunshop"], "20261120-0033 취소 요청했는데 어떻게 됐어요?").reply
    assert "상품준비중" in named and "주문번호(" not in named, named
    rule = _ask(shops["jogunshop"], "반품 신청은 어떻게 해요?")
    assert not rule.handoff and "마이페이지" in rule.reply, rule.reply  # (how to ask for one is the rule's)


# -- an option of an order named, to be changed -----------------------------------------------------------------------
def test_an_option_of_an_order_named_to_be_changed_is_the_orders(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261121-0018 스니커즈 265 -> 270으로 옵션 변경 가능해요?")
    assert result.route == "delivery" and "주문 옵션 변경" in result.reply, result.reply
    assert "이 중 어떤 상품" not in result.reply, result.reply


# -- a complaint put as a question, and an overdue order asked two things -----------------------------------------------
def test_a_complaint_put_as_a_question_is_no_question_of_its_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "배송 4달째 안오는데 장난하세요? 20261119-0011 환불해주세요", now=FRIDAY_EVENING).reply
    assert "도착 예정일" in reply and "나와 있지 않아요" not in reply and "검수" not in reply, reply


def test_a_second_question_of_an_overdue_order_is_answered_beside_the_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261120-0041 배송비 얼마? 언제 출고돼요?", now=FRIDAY_EVENING)
    assert result.handoff and "배송비는 무료" in result.reply and "도착 예정일" in result.reply, result.reply


# -- things not sold, joined by 이나 ----------------------------------------------------------------------------------
def test_things_not_sold_joined_by_ina_are_each_quoted(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "삼겹살이나 닭가슴살 있어요?").reply
    assert "'삼겹살', '닭가슴살'" in reply, reply


# -- a season asked of a part of a kind -------------------------------------------------------------------------------
def test_a_season_asked_of_a_part_of_a_kind_keeps_to_that_season(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "봄에 입을 자켓 있어요?").reply
    assert "데님 트러커 자켓" in reply and "울 코트" not in reply and "패딩" not in reply, reply


# -- a return asked of an order not yet shipped -----------------------------------------------------------------------
def test_a_return_asked_of_an_order_not_shipped_is_its_cancellation(shops) -> None:  # noqa: ANN001
    history = chat("20261122-0001 취소 가능해요?", "주문번호 20261122-0001은 현재 '결제완료' 상태예요.")
    reply = _ask(shops["jogunshop"], "그럼 반품은요?", history, now=FRIDAY_EVENING).reply
    assert "반품이 아니라 주문 취소" in reply and "마이페이지에서 바로 취소" in reply, reply
    delivered = _ask(shops["jogunshop"], "20261116-0019 반품 가능해요?", now=FRIDAY_EVENING).reply
    assert "반품이 아니라" not in delivered, delivered


# -- a bare value after one product's answer, and a name shortened to its syllables -----------------------------------
def test_a_bare_value_after_one_products_answer_is_that_products(shops) -> None:  # noqa: ANN001
    history = chat("스트레이트 데님 30 재고 있어요?", "스트레이트 데님 팬츠 30 사이즈는 현재 중청 29개, 흑청 20개 남아 있어요.")
    reply = _ask(shops["jogunshop"], "그럼 32는요?", history).reply
    assert reply.startswith("스트레이트 데님 팬츠 32") and "와이드 데님" not in reply, reply


def test_a_name_shortened_to_the_first_syllable_of_each_word_names_that_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "와슬 34 그레이 있어요?").reply
    assert reply.startswith("와이드 슬랙스 34") and "와플" not in reply, reply
    scratch = _ask(shops["jogunshop"], "기스 났어요 ㅠ").reply
    assert "기모 스웻" not in scratch, scratch  # (a word of the language is never such a name)


# -- part 2 -----------------------------------------------------------------------------------------------------------
def test_a_second_question_of_an_option_of_its_own_is_answered_beside_the_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "마스크팩 낱장으로도 팔아요? 10장짜리는 얼마에요").reply
    assert "1매 2,000원" in reply and "15,000원" in reply, reply


def test_a_thing_of_the_first_rule_joined_to_the_seconds_own_stacking_is_two_asks(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "적립금 유효기간이랑 쿠폰 중복 되는지 알려주세요").reply
    assert "12개월" in reply and "1장만" in reply, reply
    together = _ask(shops["jogunshop"], "적립금이랑 쿠폰 같이 쓸 수 있어요?").reply
    assert "적립금과 함께 쓸 수 있습니다" in together, together


def test_until_when_the_shop_works_is_its_hours_not_an_orders_cut_off(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "몇시까지 해요?? 전화번호도 알려줘요").reply
    assert "10:00~17:00" in reply and "070-8890-1234" in reply and "당일 출고" not in reply, reply
    cutoff = _ask(shops["jogunshop"], "오늘 몇시까지 주문하면 출고돼요?").reply
    assert "14:00" in cutoff, cutoff


def test_a_change_of_mind_return_from_a_surcharged_region_is_worked_out(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "제주도인데 단순변심 반품하면 배송비 얼마에요?").reply
    assert "6,000원(편도 3,000원 + 제주 추가 3,000원)" in reply and "12,000원" in reply, reply
    fault = _ask(shops["jogunshop"], "제주도인데 불량이라 반품하면 배송비 내요?").reply
    assert "12,000원" not in fault, fault
    plain = _ask(shops["jogunshop"], "반품 배송비 얼마에요?").reply
    assert "12,000원" not in plain, plain
    paid = _ask(shops["jogunshop"], "제주도 사는데 반품하면 추가 비용 있어요? 배송비는 내고 받았어요").reply
    assert "반품 배송비는 6,000원이에요" in paid and "12,000원" not in paid, paid
    free = _ask(shops["jogunshop"], "제주인데 무료배송으로 받았어요 단순변심 반품 배송비 얼마에요?").reply
    assert "반품 배송비는 12,000원이에요" in free, free


def test_a_name_said_without_its_last_word_names_that_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "옥스포드셔츠 화이트 L 2개랑 베이직반팔 블랙 L 1개 얼마에요?").reply
    assert "93,900원" in reply and "판매하지 않아요" not in reply, reply


def test_the_next_question_is_asked_when_the_first_alone_finds_its_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "적립금 몇프로에요? 유효기간은 얼마에요?").reply
    assert "2%" in reply and "6개월" in reply, reply


def test_a_basket_lines_count_beyond_its_options_stock_is_said(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "충전기 3개랑 마우스 화이트 15개 얼마에요?").reply
    assert "재고가 12개뿐이라 15개는" in reply, reply
    fine = _ask(shops["electronics"], "충전기 3개랑 마우스 화이트 5개 얼마에요?").reply
    assert "뿐이라" not in fine, fine
    lines = _ask(shops["cosmetics"], "틴트 로지랑 코랄 하나씩, 마스카라 브라운 5개 얼마에요?").reply
    assert "재고가 3개뿐이라 5개는" in lines, lines  # (beside two lines of one product, the other's own line)


def test_a_size_asked_beside_the_size_worn_elsewhere_is_the_one_whose_stock_is_said(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "로퍼 265 블랙 있어요? 평소 나이키 270 신어요").reply
    assert "265 사이즈 블랙은 현재 1개" in reply, reply
    advised = _ask(shops["jogunshop"], "평소 270 신는데 로퍼 몇 사야돼요? 그 사이즈 블랙 재고 있어요?").reply
    assert "270 사이즈 블랙은 현재" in advised, advised  # (the size recommended, not the one for a high instep)


def test_an_english_and_opening_a_question_of_its_own_splits_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "what sizes does the cable knit come in and is ivory S in stock").reply
    assert "S, M, L, XL" in reply and "3 of" in reply, reply


def test_swearing_is_frustration_apologised_for(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "ㅅㅂ 옷 사이즈 완전 작은데 환불해줘요").reply
    assert reply.startswith("불편을 드려 정말 죄송합니다."), reply


def test_goods_that_came_broken_in_pieces_are_a_problem(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "택배 열어봤더니 토너 펌프가 부서져서 왔어요")
    assert result.handoff and "30일 이내" in result.reply and "우체국택배" not in result.reply, result.reply
