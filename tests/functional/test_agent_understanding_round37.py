"""Offline agent, thirty-seventh round: English trait questions answered from the product's Korean texts, English
packs and amounts, named days in English, a condition of the shop's rules asked under a fee, a part asked to be
bought on its own, and a second question of a basket (when it comes).

Each test pins one mechanism, not one sentence: "is the keyboard wired?" is answered yes by the product's own 유선,
"wireless?" no by the same word; "the 10 pack of eggs" is a pack's size, never ten packs; "Lunar New Year" is 설날,
never New Year's Day; "멤버십이면 제주 추가배송비도 없어요?" quotes the membership clause and says the surcharge is not
stated; "리필만 따로 팔아요?" of a value 리필 포함 says no such product is sold; "… 지금 결제하면 언제와요" of two
products gives their total and the dispatch dates.
"""

from __future__ import annotations

from datetime import datetime

from agent.english_gloss import gloss
from agent.english_traits import trait_verdict
from turn_asking import asker

MONDAY = datetime(2027, 1, 25, 13, 40)
_ask = asker(MONDAY)


# -- English trait questions ---------------------------------------------------------------------------------------------
def test_an_english_trait_question_is_answered_by_the_product_text_that_writes_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "is the keyboard wired?").reply
    assert reply.startswith("Yes:") and "wired (유선)" in reply, reply
    # its opposite written: no, and what is written
    reply = _ask(shops["electronics"], "is the keyboard wireless?").reply
    assert reply.startswith("No:") and "wired (유선)" in reply and "not wired" not in reply, reply
    # a trait no text of the product writes: said unstated, in English
    reply = _ask(shops["electronics"], "is the laptop waterproof?").reply
    assert "doesn't say whether" in reply and "waterproof" in reply, reply
    # the word as the sentence writes it (생활방수, not a part of it)
    reply = _ask(shops["jogunshop"], "Is the nylon backpack waterproof?").reply
    assert "(생활방수)" in reply, reply


def test_a_trait_verdict_reads_only_traits_it_knows_and_the_negative_that_ends_its_clause() -> None:
    assert trait_verdict("is it vegan?", "비건 인증을 받은 토너입니다.").has is True
    assert trait_verdict("is it waterproof?", "방수 기능은 없습니다.").has is False
    assert trait_verdict("is it fragrance-free?", "은은한 향이 나는 크림입니다.").has is None
    assert trait_verdict("is it shiny?", "광택이 나는 구두입니다.") is None  # a word outside the table: no verdict
    assert trait_verdict("what colours?", "무선 마우스") is None  # no yes/no question of a trait
    # a loanword of the shop's own, read by sound, when the table names none ("Windows" is 윈도우)
    found = trait_verdict("does it have windows?", "윈도우 11 홈 기본 설치", {"윈도우": "windows"})
    assert found is not None and found.has is True and found.korean == "윈도우"


# -- English packs, amounts and days -------------------------------------------------------------------------------------
def test_an_english_pack_size_is_no_count(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "how much is the 10 pack of eggs?").reply
    assert "12,900" in reply and "129,000" not in reply, reply
    reply = _ask(shops["grocery"], "how much are 2 packs of eggs?").reply
    assert "25,800" in reply, reply


def test_a_bare_amount_said_of_an_order_in_english_is_won(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "how much is shipping to Jeju for a 30000 order?").reply
    assert "6,000 KRW" in reply and "30,000 KRW" in reply, reply
    reply = _ask(shops["jogunshop"], "is shipping free if I spend 60000?").reply
    assert reply.startswith("Yes") and "60,000 KRW" in reply, reply


def test_a_named_day_asked_of_shipping_is_that_days_dispatch(shops) -> None:  # noqa: ANN001
    for message in ("크리스마스에도 배송해요?", "do you ship on Christmas?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert ("12월 27일" in reply or "Dec 27" in reply) and "CJ대한통운" not in reply, (message, reply)
    # the lunar new year is 설날 (the shop's holidays), never January 1st
    reply = _ask(shops["jogunshop"], "do you ship during Lunar New Year?", now=datetime(2027, 2, 1, 9, 30)).reply
    assert "Feb 6" in reply and "Feb 10" in reply and "Jan 1" not in reply, reply


def test_an_order_of_a_day_nothing_ships_on_gets_no_cut_off(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "어제 일요일에 주문했는데 언제 와요?").reply
    assert "1월 24일(일)에 주문하셨다면" in reply and "14:00 전에 주문하셨다면" not in reply, reply


# -- rules under a fee ---------------------------------------------------------------------------------------------------
def test_a_condition_of_the_shops_rules_asked_under_a_fee_quotes_its_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "멤버십이면 제주 추가배송비도 없어요?").reply
    assert "들녘멤버십" in reply and "4,000원" in reply and "따로 나와 있지 않아요" in reply, reply
    # a condition none of whose texts speaks of the fee: said so
    reply = _ask(shops["jogunshop"], "VIP면 도서산간 추가배송비 면제돼요?").reply
    assert "5,000원" in reply and "VIP면 배송비가 달라지는지는" in reply, reply
    # a word many rules use is no condition ("결제완료 상태인데")
    reply = _ask(shops["jogunshop"], "결제완료 상태인데 배송지를 제주도로 바꿀 수 있어요?").reply
    assert "상태면" not in reply, reply


def test_an_english_rule_gloss_keeps_before_and_after_and_flags_an_unread_condition() -> None:
    said = gloss("TV 등 설치 상품은 설치 후 단순 변심 반품이 불가하고, 설치 전 반품 시 회수비 50,000원이 발생합니다.")
    assert "after installation" in said and "before installation" in said and "pickup fee 50,000 KRW" in said, said
    said = gloss("피부 트러블로 인한 반품은 개봉 후에도 30일 이내 피부과 소견서가 있으면 가능합니다.")
    assert "within 30 days" in said and "condition written in Korean" in said, said


# -- parts and baskets ---------------------------------------------------------------------------------------------------
def test_a_part_of_an_option_asked_to_be_bought_alone_is_no_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "쿠션 리필만 따로 팔아요?").reply
    assert "리필만 따로 파는 상품은 없어요" in reply and "28,000원" in reply and "38,000원" in reply, reply
    # a product of its own asked alone: yes, at its price
    reply = _ask(shops["electronics"], "공기청정기 필터만 따로 사요?").reply
    assert reply.startswith("네,") and "39,000원" in reply, reply


def test_a_basket_asked_when_it_comes_gets_its_total_and_dates(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "틴트 코랄 2개랑 마스카라 브라운 1개 지금 결제하면 언제와요").reply
    assert "44,000원" in reply and "1월 26일" in reply, reply
    reply = _ask(shops["grocery"], "how much is the 10kg rice and when would it arrive if I order now?").reply
    assert "39,900" in reply and "Jan 27" in reply, reply


def test_a_kind_listed_in_part_says_how_many_there_are(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "하객룩 셋업 추천해줘").reply
    assert "등 모두 4가지" in reply, reply


def test_whether_it_may_be_used_so_is_answered_by_its_care_text(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "스웨이드 첼시부츠 비오는날 신어도 돼요? 그리고 브라운 265 있어요?").reply
    assert "물에 닿지 않게" in reply and "4개" in reply, reply


def test_a_place_changed_to_after_an_order_asks_the_address_changes_surcharge(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261120-0041 배송 언제 와요?"},
               {"role": "assistant", "text": "주문 20261120-0041은 현재 상품준비중 상태예요."}]
    reply = _ask(shops["jogunshop"], "제주도로 바꾸면 추가요금 있어요?", history).reply
    assert "배송지 변경이 가능해요" in reply and "3,000원" in reply, reply


def test_a_value_written_after_another_products_name_is_not_the_pointed_back_products(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "린넨셔츠 화이트 M 있어요?"},
               {"role": "assistant", "text": "린넨 셔츠 화이트 M은 현재 12개 남아 있어요. 가격은 45,000원이에요."}]
    reply = _ask(shops["jogunshop"], "그거랑 린넨 밴딩팬츠 베이지 30 같이 사면 얼마에요?", history).reply
    assert "린넨 셔츠 베이지" not in reply and "84,000원" in reply, reply


def test_a_screens_own_defect_is_a_reported_problem(shops) -> None:  # noqa: ANN001
    for message in ("my monitor has a dead pixel", "모니터 불량화소 있어요", "the mouse won't turn on"):
        result = _ask(shops["electronics"], message)
        assert result.handoff and "14일" in result.reply, (message, result.reply)


def test_an_amount_missing_to_a_minimum_is_no_spend_and_no_fault(shops) -> None:  # noqa: ANN001
    from agent.entities import amount_terms

    assert amount_terms("2천원 차이로 무료배송 안되네요") is None and amount_terms("100원 모자라서 아쉽네요") is None
    assert amount_terms("3만원 사면 무료배송이에요?") == (30000, 1)
    for message in ("2천원 차이로 무료배송 안되네요", "100원 차이로 무배 안되네"):
        result = _ask(shops["grocery"], message)
        assert not result.handoff and "40,000원" in result.reply and "2,000원 주문" not in result.reply, result.reply


def test_a_stock_word_nominalised_in_slang_asks_the_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "울코트 블랙 엘 남음? 얼마임").reply
    assert "23개" in reply and "229,000원" in reply, reply


def test_why_not_today_is_todays_own_reason(shops) -> None:  # noqa: ANN001
    friday = datetime(2027, 2, 12, 14, 50)  # past the cut-off, the weekend ahead
    reply = _ask(shops["jogunshop"], "오늘 주문하면 오늘 나가요?", now=friday).reply
    assert "마감(14:00)이 지났어요" in reply and "주말이라" not in reply and "2월 15일(월)" in reply, reply
    reply = _ask(shops["jogunshop"], "오늘 주문하면 오늘 나가요?", now=datetime(2027, 2, 13, 10, 0)).reply
    assert "오늘은 주말이라" in reply, reply


def test_contents_gone_bad_told_in_english_is_a_defect(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "the toner smells weird, like it went bad")
    assert result.handoff and "30일" in result.reply, result.reply


# -- part 2 ----------------------------------------------------------------------------------------------------------------
def test_an_options_change_told_of_an_order_not_yet_shipped_goes_to_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "결제완료인데 30을 32로 바꿀 수 있어요?")
    assert result.handoff and "주문 옵션 변경" in result.reply, result.reply
    # a state told of an order in transit keeps its own clause (not an option's change)
    reply = _ask(shops["jogunshop"], "배송중으로 바뀌었는데 지금 취소 돼요?").reply
    assert reply.startswith("배송중 이후에는 취소가 불가"), reply


def test_the_way_an_order_was_paid_is_said_when_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261105-0012 송장번호랑 결제수단 알려주세요").reply
    assert "카드로 결제하셨어요" in reply and "600116473032" in reply, reply
    reply = _ask(shops["jogunshop"], "order 20261105-0012 what was the payment method?").reply
    assert "paid by card" in reply, reply


def test_a_packs_size_then_its_count_are_one_products(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "흰양말 3팩 2개랑 볼캡 하나 얼마에요?").reply
    assert "49,000원" in reply and "12,000원 × 2" in reply, reply
    reply = _ask(shops["grocery"], "계란 하나 두부 3개 사면 얼마에요").reply  # two products counted one after another
    assert "21,600원" in reply, reply


# -- part 3 ----------------------------------------------------------------------------------------------------------------
def test_a_thing_of_a_size_said_to_fit_asks_what_holds_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "which bag fits a 15 inch laptop?").reply
    assert "나일론 백팩" in reply and "캔버스 토트백" not in reply and "same fit" not in reply, reply


def test_a_care_note_reached_in_english_is_glossed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "how long does the tofu last?").reply
    assert "Care: " in reply and "within 2 days" in reply, reply


def test_an_english_service_word_asks_the_shops_clause_on_it(shops) -> None:  # noqa: ANN001
    for message in ("is the TV wall mountable? how much extra?", "how much is wall mounting for the TV?"):
        reply = _ask(shops["electronics"], message).reply
        assert "wall mount (벽걸이)" in reply and "60,000원" in reply, (message, reply)


def test_the_most_of_a_measure_over_a_kind_compares_their_charts_in_one_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "청바지 중에 허벅지 제일 넓은 거 뭐에요?").reply
    assert "와이드 데님 팬츠(36.5cm)예요" in reply and "32 기준" in reply and "스트레이트 데님 팬츠 32.5cm" in reply, reply
    reply = _ask(shops["jogunshop"], "청바지 34 중에 허벅지 가장 넓은 건요?").reply  # the size named
    assert "34 기준" in reply and "38cm" in reply, reply
    reply = _ask(shops["jogunshop"], "기장 제일 긴 패딩 뭐에요?").reply  # the paddings of "코트/자켓/패딩", not the coats
    assert "덕다운 롱패딩" in reply and "발마칸" not in reply, reply
    reply = _ask(shops["jogunshop"], "which jeans have the widest thigh?").reply
    assert "widest" in reply and "와이드 데님 팬츠 (36.5cm)" in reply, reply


# -- part 4 ----------------------------------------------------------------------------------------------------------------
WEDNESDAY = datetime(2027, 1, 27, 15, 20)


def test_a_product_asked_when_it_comes_if_ordered_gets_the_dates(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "터틀넥 니트 아이보리 M 재고요?"},
               {"role": "assistant", "text": "터틀넥 니트 M 아이보리는 현재 3개 남아 있어요. 가격은 45,000원이에요."}]
    reply = _ask(shops["jogunshop"], "그거 2장 지금 주문하면 언제 받아요", history, now=WEDNESDAY).reply
    assert "1월 28일(목)에 출고" in reply and "3개" in reply, reply


def test_an_address_change_asked_after_the_order_was_named_is_that_orders(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261122-0009 언제 와요?"},
               {"role": "assistant", "text": "주문 20261122-0009는 현재 결제완료 상태예요."}]
    reply = _ask(shops["jogunshop"], "주소를 제주로 바꾸고 싶어요 가능해요?", history, now=WEDNESDAY).reply
    assert "배송지 변경이 가능해요" in reply and "3,000원" in reply, reply


def test_two_delivery_questions_of_their_own_matters_are_each_answered(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "How much is shipping to Jeju for a 30,000 won order? Also do you ship to Japan?",
                 now=WEDNESDAY).reply
    assert "6,000 KRW" in reply and "not offered" in reply, reply


def test_a_change_of_minds_fee_is_the_returns(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "단순변심이고 무료배송으로 받았어요 배송비 얼마 내야돼요?", now=WEDNESDAY)
    assert result.route == "general" and "6,000원" in result.reply, result.reply


def test_a_price_to_be_hidden_is_the_parcels_clause_and_no_goods(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "가격 안보이게 보내주실 수 있어요?", now=WEDNESDAY).reply
    assert "거래명세서를 빼고" in reply, reply
    reply = _ask(shops["jogunshop"], "가격 안보이게는 해주실수 있어요?", now=WEDNESDAY).reply
    assert "'가격' 상품" not in reply, reply


def test_whether_a_named_order_can_be_cancelled_is_said_from_its_stage(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261121-0005 취소 가능해요?", now=WEDNESDAY).reply
    assert "지금은 '상품준비중' 상태라 주문 취소가 가능해요" in reply, reply
    reply = _ask(shops["jogunshop"], "Can I cancel my order 20261121-0005?", now=WEDNESDAY).reply
    assert "can still be cancelled" in reply, reply
    reply = _ask(shops["grocery"], "주문번호 DN 004530 취소 가능해요?", now=WEDNESDAY).reply  # past the shop's last stage
    assert "이미 '상품준비중' 상태라 주문 취소는 어려워요" in reply, reply


def test_a_delivery_service_asked_when_it_comes_is_its_own_sections(shops) -> None:  # noqa: ANN001
    friday = datetime(2027, 2, 12, 14, 50)
    for message in ("새벽배송 언제 와요?", "지금 새벽배송 주문하면 언제 와요? 서울이에요"):
        reply = _ask(shops["grocery"], message, now=friday).reply
        assert "23:00까지" in reply and "월요일 새벽에 도착" in reply and "2월 16일(화)에 받아" not in reply, (message, reply)


def test_a_regions_fee_says_what_it_comes_to_and_a_place_of_its_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "울릉도 배송비 얼마에요?").reply
    assert "말씀하신 곳은 도서산간 지역이라" in reply and "모두 9,000원" in reply, reply
    reply = _ask(shops["jogunshop"], "제주 배송비 얼마에요?").reply
    assert reply.startswith("제주 지역은") and "모두 6,000원" in reply, reply


def test_an_electrical_unit_in_lower_case_is_the_same_quantity(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "전기포트 110v 되나요? 미국 들고갈거에요", now=WEDNESDAY).reply
    assert "110V는 안내된 220V와 달라요" in reply and "220V 전용" in reply, reply


def test_a_count_bought_beyond_the_stock_is_said_to_be(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "우유 5개 살게요", now=WEDNESDAY).reply
    assert "남은 수량이 2개라 5개는" in reply, reply


def test_a_parcel_not_in_time_is_the_parcels_beside_a_faster_service(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "서울 마포구인데 내일아침에 받을수있나요", now=WEDNESDAY).reply
    assert "택배로는 1월 28일(목)까지는 도착이 어려워요" in reply and "새벽배송" in reply, reply


def test_an_english_question_of_when_it_is_installed_is_a_second_question(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "How much is the 55 inch TV and when would it get installed if i buy today?",
                 now=WEDNESDAY).reply
    assert "790,000 KRW" in reply and "3~7일" in reply, reply
