"""Offline agent, thirty-second round: things asked that no text of the shop holds, values of a product carried from the
turn before and counted each, a product called by another word for a shown name's part, the products sold on
pre-order, and the brand.

Each test pins one mechanism, not one sentence: "대표자 이름이랑 사업자번호 알려주세요" is said to be unstated (a
clause on 사업자 회원 speaks of something else); "로지랑 코랄 하나씩" after the tint counts two; "자켓 … 이랑 바지 …"
after the set's jacket and pants prices both; "예약판매 상품 있어요?" names the shop's pre-order product or says there is
none; "모니터 브랜드가 어디에요?" gives the brand the data holds.
"""

from __future__ import annotations

from datetime import datetime

from agent.evaluate import answer_as_owner
from agent.turn_analysis import analyse_turn

FRIDAY = datetime(2026, 12, 18, 11, 10)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = FRIDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


def _history(*texts: str) -> list[dict]:
    return [{"role": "user" if i % 2 == 0 else "assistant", "text": t} for i, t in enumerate(texts)]


# -- what no text of the shop holds ------------------------------------------------------------------------------------
def test_a_noun_phrase_is_met_by_its_head_not_by_a_modifier(shops) -> None:  # noqa: ANN001
    from agent.policy_answer import answer_policy

    knowledge = shops["jogunshop"].knowledge_provider()
    # the receipts clause names 사업자 (회원), not the number asked: no answer of the shop's
    assert not answer_policy(knowledge, analyse_turn("대표자 이름이랑 사업자번호 알려주세요")).confident
    # an FAQ entry whose question holds the thing answers it, whichever of its sentences ranks first
    grocery = shops["grocery"].knowledge_provider()
    assert answer_policy(grocery, analyse_turn("아이스팩 어떻게 버려요")).confident


def test_things_asked_to_be_told_that_no_text_holds_are_named_as_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "대표자 이름이랑 사업자번호 알려주세요")
    assert result.reply.startswith("대표자 이름, 사업자번호에 대해서는") and "나와 있는 내용이 없어서" in result.reply, result.reply
    assert result.handoff and "세금계산서" not in result.reply, result.reply


# -- values carried and counted ----------------------------------------------------------------------------------------
def test_two_values_of_the_product_before_counted_each_are_two_items(shops) -> None:  # noqa: ANN001
    history = _history("벨벳 무드 틴트 색상 뭐 있어요?", "벨벳 무드 틴트 색상은 로지, 코랄 등이 있어요.")
    reply = _ask(shops["cosmetics"], "그럼 로지랑 코랄 하나씩 사면 배송비 포함 얼마에요?", history).reply
    assert "14,000원 × 2" in reply and "28,000원" in reply and "30,500원" in reply, reply


def test_two_values_named_without_a_count_are_one_of_each() -> None:
    from agent.mentions import _EACH

    assert _EACH.search("로지랑 코랄 하나씩") and _EACH.search("one of each") and not _EACH.search("씩씩하게")


def test_a_word_in_place_of_a_shown_names_part_calls_that_product(shops) -> None:  # noqa: ANN001
    history = _history("테일러드 셋업 자켓이랑 팬츠 따로 파나요?", "네, 테일러드 셋업 자켓과 테일러드 셋업 팬츠는 따로 구매할 수 있어요.")
    reply = _ask(shops["jogunshop"], "자켓 차콜 M이랑 바지 차콜 30 합치면 얼마에요?", history).reply
    assert "테일러드 셋업 팬츠 30 사이즈 차콜" in reply and "228,000원" in reply, reply


# -- pre-order ---------------------------------------------------------------------------------------------------------
def test_the_shops_one_pre_order_product_answers_a_pre_order_question(shops) -> None:  # noqa: ANN001
    for message in ("Do you have any pre-order items?", "When does the pre-order ship?"):
        result = _ask(shops["grocery"], message)
        assert result.route == "product" and "해남 절임배추 20kg is sold on pre-order" in result.reply, result.reply
        assert "(in Korean): 12월 1일부터" in result.reply, result.reply  # the product's own words, its date kept
    assert "12월 1일부터" in _ask(shops["grocery"], "예약 상품 뭐 있어요?").reply


def test_a_shop_with_no_pre_order_product_says_so(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "예약판매 상품 있어요? 언제 출고돼요?").reply
    assert reply.startswith("지금 예약 판매 중인 상품은 없어요.") and "'예약판매 상품' 상품" not in reply, reply
    assert _ask(shops["jogunshop"], "When does the pre-order item ship?").reply == "We have no items on pre-order right now."


# -- brand -------------------------------------------------------------------------------------------------------------
def test_the_brand_asked_is_the_one_the_data_gives(shops) -> None:  # noqa: ANN001
    for message in ("모니터 브랜드가 어디에요?", "모니터 어디 브랜드에요?"):
        reply = _ask(shops["electronics"], message).reply
        assert reply == "QHD 모니터의 브랜드는 볼트예요.", reply
    assert "brand is 볼트" in _ask(shops["electronics"], "What brand is the monitor?").reply


def test_a_product_with_no_brand_in_the_data_says_none_is_given(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "고등어 브랜드 어디에요?").reply
    assert "브랜드는 상품 정보에 따로 나와 있지 않아요" in reply, reply


# -- a thing said twice ------------------------------------------------------------------------------------------------
def test_a_sentence_another_says_with_more_goes() -> None:
    from agent.restatement import without_restatements

    said = ["무통장입금 주문은 주문 시 또는 마이페이지에서 현금영수증을 신청할 수 있습니다.",
            "무통장입금은 주문 시 또는 결제 후 마이페이지에서 현금영수증을 신청할 수 있고, 사업자 회원은 채널톡으로 세금계산서 "
            "발행을 요청해 주세요."]
    assert without_restatements(said) == said[1:]
    # a leading clause an earlier sentence said goes, its sentence's own clause stays
    said = ["수령 후 7일 이내 1회 교환할 수 있고, 단순 변심 교환은 왕복 배송비 6,000원이 발생합니다.",
            "단순 변심 교환은 왕복 배송비 6,000원이 발생하고, 불량·오배송 교환은 무료입니다."]
    assert without_restatements(said) == [said[0], "불량·오배송 교환은 무료입니다."]


def test_a_sentence_saying_just_what_an_earlier_one_said_goes() -> None:
    from agent.restatement import without_restatements

    said = ["샘플 종류 지정이나 샘플만 따로 구매하는 것은 어렵습니다.", "샘플 종류 지정과 샘플만 따로 구매하는 것은 불가합니다."]
    assert without_restatements(said) == said[:1]  # ("어렵습니다" and "불가합니다": one no)


def test_a_verdict_or_a_no_is_never_a_restatement() -> None:
    from agent.restatement import without_restatements

    # a comparison says more than the measures it compares; a figure read whole is no other figure's digits
    for said in (["레더 더비 슈즈: 굽높이 3cm / 페니 로퍼: 굽높이 2.5cm, 소재 소가죽 100%.", "레더 더비 슈즈가 더 높아요(굽높이 3cm)."],
                 ["과일 선물세트는 37,900원이고, 따로 사면 40,800원(사과 24,900원 + 감귤 2.5kg 15,900원)이에요.",
                  "세트로 사시면 2,900원 더 저렴해요."],
                 ["단순 변심 반품은 가능합니다.", "단순 변심 반품은 개봉 시 불가합니다."],
                 # a yes to the day asked is a small part of the estimate it restates
                 ["지금 주문하시면 11월 23일(월)에 출고되어 11월 24일(화)~11월 26일(목) 사이에 받아보실 수 있어요.",
                  "11월 26일(목)까지 받아보실 수 있어요."]):
        assert without_restatements(said) == said


def test_a_sentence_said_twice_goes_unless_a_new_thing_was_named_between() -> None:
    from agent.restatement import without_restatements

    hours = "운영 시간은 평일 10:00~17:00입니다."
    assert without_restatements([hours, "네, 상담원에게 연결해 드릴게요.", hours]) == [hours, "네, 상담원에게 연결해 드릴게요."]
    # the same sentence after a second order's number is that order's
    said = ["주문번호 20261120-0041은 현재 상품준비중 상태예요.", "늦어져 죄송합니다.",
            "주문번호 20261121-0005는 현재 상품준비중 상태예요.", "늦어져 죄송합니다."]
    assert without_restatements(said) == said


# -- a day weighed against a sale's end ---------------------------------------------------------------------------------
def test_a_day_named_is_weighed_against_the_sales_end(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "맨투맨 세일 언제까지에요? 크리스마스 전에 끝나나").reply
    assert "할인은 12월 25일(금)까지라 12월 24일(목)에도 할인 중이에요." in reply, reply
    assert "공휴일" not in reply, reply  # the day is no word to look up in the shop's texts
    reply = _ask(shops["jogunshop"], "맨투맨 세일 20일 전에 끝나요?").reply
    assert "12월 19일(토)에도 할인 중이에요" in reply, reply


# -- each question of a turn about values -------------------------------------------------------------------------------
def test_a_measure_asked_beside_two_values_is_said_for_their_size(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "발마칸 코트 차콜 XL 없어요? 베이지는요 기장 몇cm에요").reply
    assert "(품절)" in reply and "XL: 총장 116cm" in reply, reply


def test_values_asked_alone_before_another_question_get_their_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "캔버스 스니커즈 흰색 250은요? 그건 사이즈 어떻게 나와요").reply
    assert "정사이즈" in reply and "250 사이즈 화이트는 현재 3개 남아 있어요" in reply, reply
    # a part that asks a thing of its own is no question of stock
    assert "남아 있어요" not in _ask(shops["cosmetics"], "톤업선크림 spf 몇이에요? 자차 기능 제대로 되는지 궁금").reply


def test_the_two_of_them_together_are_the_two_products_before(shops) -> None:  # noqa: ANN001
    history = _history("셋업 자켓 차콜 M이랑 셋업 팬츠 차콜 30 재고 있어요?",
                       "말씀하신 상품을 함께 안내드릴게요. 테일러드 셋업 자켓 M 사이즈 차콜: 149,000원, 재고 42개 / "
                       "테일러드 셋업 팬츠 30 사이즈 차콜: 79,000원, 재고 2개.")
    reply = _ask(shops["jogunshop"], "둘이 합쳐서 얼마에요? 무이자 할부 돼요?", history).reply
    assert "228,000원" in reply and "판매하지 않아요" not in reply, reply


def test_the_refund_of_an_order_not_shipped_is_timed_as_a_cancellation(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261120-0033 취소 가능해요? 그리고 환불은 언제돼요").reply
    assert "승인 취소 후 3~7영업일" in reply and "반품 상품 검수 후" not in reply, reply


def test_the_kinds_products_asked_after_one_product_are_not_that_product(shops) -> None:  # noqa: ANN001
    history = _history("린넨 셔츠 겨울에 입어도 돼요?", "린넨 셔츠는 봄·여름 시즌 상품이에요.")
    reply = _ask(shops["jogunshop"], "그럼 겨울에 입을만한 셔츠는 뭐있어요? 기모 들어간거", history).reply
    assert "체크 플란넬 셔츠" in reply and "린넨 셔츠" not in reply, reply


# -- acts ruled out, complaints of an order, the customer's own tier, things worn together ------------------------------
def test_an_act_ruled_out_is_no_act_asked_and_drops_no_goods(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import declined_acts, without_declined_acts

    a = analyse_turn("아 취소 말고 브이넥 니트만 사이즈 XL로 바꿀수 있어요?")
    assert declined_acts(a) == {"cancellation"} and "말고" not in without_declined_acts(a)
    history = _history("20261122-0001 주문 취소하고 싶어요",
                       "주문번호 20261122-0001은 현재 결제완료 상태예요. 결제완료 상태에서는 마이페이지에서 바로 취소할 수 있습니다.")
    reply = _ask(shops["jogunshop"], "아 취소 말고 브이넥 니트만 사이즈 XL로 바꿀수 있어요?", history).reply
    assert "주문 옵션 변경" in reply and "일부 상품을 빼는" not in reply, reply


def test_a_complaint_naming_an_order_says_where_it_stands(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "아니 진짜 짜증나네 주문한지 한달인데 아직도 안옴 20261120-0006 환불해주세요")
    assert result.handoff and "'배송중' 상태" in result.reply and "603755297034" in result.reply, result.reply


def test_the_customers_own_tier_is_said_to_be_out_of_sight(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "제 등급 지금 뭔지 알수있어요? 그리고 등급은 언제 바뀌어요").reply
    assert reply.startswith("고객님의 현재 등급은 제가 확인할 수 있는 정보에 없어요.") and "매월 1일" in reply, reply


def test_two_things_worn_together_are_no_basket(shops) -> None:  # noqa: ANN001
    history = _history("청자켓 중청 M 있어요?", "데님 트러커 자켓 M 중청은 품절이에요. 연청 44개, 흑청 19개 남아 있어요.")
    reply = _ask(shops["jogunshop"], "흑청 M으로 할게요. 근데 겨울에 입기 괜찮아요? 청남방이랑 같이 입으면 이상한가", history).reply
    assert "합계" not in reply, reply


def test_the_stock_asked_beside_size_advice_is_of_the_size_advised_not_the_one_worn_elsewhere(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "첼시부츠 평소 270 신는데 몇 사야돼요? 그 사이즈 재고 있어요?").reply
    assert "265 사이즈를 추천드려요" in reply and "265 사이즈는 현재 브라운 4개, 블랙 40개" in reply, reply
    reply = _ask(shops["jogunshop"], "평소 275 신어요 첼시부츠 블랙 있어요?").reply
    assert "270 사이즈 블랙은 현재 45개" in reply, reply
    # a size named for the product itself is the one asked
    reply = _ask(shops["jogunshop"], "평소 맨투맨 L 입는데 후드티 L 있어요?").reply
    assert "기모 후드티 L은 현재" in reply, reply


def test_a_thing_to_leave_out_of_the_parcel_gets_the_clause_that_says_so(shops) -> None:  # noqa: ANN001
    clause = "가격이 표시된 거래명세서를 빼고 보내드립니다"
    for message in ("가격표 빼고 보내주실수 있어요?", "선물 포장 되나요? 가격표 빼고 보내주실수 있어요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert clause in reply and "출고되어" not in reply, reply


# -- follow-ups of delivery, bundling, receipts and two topics -----------------------------------------------------------
def test_a_parcel_question_about_it_after_a_product_is_a_delivery_question(shops) -> None:  # noqa: ANN001
    history = _history("노트북 16인치 i7 16기가 남았어요?", "볼트북 프로 노트북 16인치 i7 16GB는 현재 2개 남아 있어요. 가격은 1,490,000원이에요.")
    result = _ask(shops["electronics"], "그거 지금 주문하면 언제 와요? 부산이에요", history)
    assert result.route == "delivery" and "출고되어" in result.reply, result.reply
    history = _history("Do you have the vitamin C serum in 50ml?", "In stock: 6 of 비타C 브라이트닝 세럼 (vitamin c serum) 50ml.")
    result = _ask(shops["cosmetics"], "ok and if I order now when would it get to Busan?", history)
    assert result.route == "delivery" and "arrives" in result.reply, result.reply


def test_an_option_value_of_the_product_is_no_word_to_look_up_in_the_rules(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "노캔헤드폰 실버 품절임? 배터리 몇시간 가요").reply
    assert "실버는 현재 품절" in reply and "적립률" not in reply, reply


def test_orders_placed_apart_and_sent_as_one_are_the_bundling_rule(shops) -> None:  # noqa: ANN001
    bundling = "따로 결제한 주문은 출고 전에 요청하시면 합배송해 드리지만, 이미 결제한 배송비는 환불되지 않습니다."
    assert _ask(shops["cosmetics"], "어제 주문 두번 따로 했는데 같이 보내주실수 있어요?").reply == bundling
    # asked to confirm after it, it is said again (not the refund timing of returns)
    history = _history("어제 주문 두번 따로 했는데 같이 보내주실수 있어요?", bundling)
    assert _ask(shops["cosmetics"], "그럼 배송비 하나는 돌려주시는거죠?", history).reply == bundling


def test_a_receipt_asked_of_an_order_is_the_receipt_rule_not_the_orders_total(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "W2378156 영수증 어디서 뽑아요? 네이버페이로 결제했어요").reply
    assert "마이페이지에서 발급" in reply and "결제금액" not in reply and "결제하실 수 있어요" not in reply, reply


def test_two_questions_of_two_topics_each_get_their_sections_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "무통장입금으로 주문했는데 입금 언제까지 해야돼요? 현금영수증도 되나여").reply
    assert "2일 이내에 입금하지 않으면" in reply and "현금영수증을 신청할 수 있습니다" in reply, reply


def test_coming_in_again_asks_the_restock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "핸드크림 화이트머스크향 다시 들어오나요? 베르가못은 있어요?").reply
    assert "화이트머스크 9,000원(품절)" in reply and "재입고 일정은 아직 정해지지 않았어요" in reply, reply
    reply = _ask(shops["electronics"], "온수매트 퀸 언제 들어와요? 없으면 싱글 두개 살까 고민중").reply
    assert "퀸은 지금 품절이에요. 재입고 일정은 아직 정해지지 않았어요." in reply, reply


def test_the_thing_whose_possibility_is_asked_leads_not_the_means_named(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "카카오페이로 결제해도 무이자 돼요?").reply
    assert reply.startswith("50,000원 이상 카드 결제 시 최대 12개월 무이자 할부"), reply


def test_a_sum_the_basket_is_weighed_against_asks_its_total(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "볼캡 베이지랑 슬링백 카키 재고있나요? 둘이 합쳐서 5만원 넘어요?").reply
    assert "합계 70,000원" in reply, reply


def test_the_newest_value_named_is_the_one_a_fee_prices(shops) -> None:  # noqa: ANN001
    history = _history("온수매트 퀸 품절이에요? 싱글 두개 사는게 나을까요 가격 비교좀",
                       "프리미엄 온수매트 퀸 199,000원(품절), 싱글 159,000원(재고 11개).")
    reply = _ask(shops["electronics"], "그럼 싱글 두개 사면 총 얼마에요? 배송비는?", history).reply
    assert "318,000원" in reply and "398,000원" not in reply, reply
    history = _history("어성초토너 300미리 아직 할인중이에요?", "어성초 진정 토너의 가격은 29,000원입니다. 지금은 할인 중인 상품이 아니에요.")
    reply = _ask(shops["cosmetics"], "아 그럼 150미리는 얼마에요? 150 두개 사면 무료배송 되나", history).reply
    assert "150ml 18,000원 × 2" in reply and "300ml" not in reply, reply
