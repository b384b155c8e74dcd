"""Offline agent, thirty-third round: storage notes in English, an English act the customer would do under a
condition, a product named in English with a modifier the shop's names lack, the thing two options are said to differ
in, a qualifier of a kind the product's own text contradicts, and the products of a kind its qualifier names.

Each test pins one mechanism, not one sentence: "How should I store the mackerel?" gets the note's temperature in
English beside the Korean; "If I open the box can I still return it?" is a no by the rule that refuses opened goods;
"hanwoo beef price?" names the shop's one beef; "적축이랑 청축 소리 차이 있어요?" says the sound is unstated; "무선
키보드 있어요?" of a wired keyboard says so with the product's own sentence; "긴팔 티셔츠 있어요?" lists the long-sleeved
ones.
"""

from __future__ import annotations

from datetime import datetime

from agent.evaluate import answer_as_owner

MONDAY = datetime(2027, 1, 18, 10, 20)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- English ------------------------------------------------------------------------------------------------------------
def test_a_storage_note_is_glossed_in_english_with_the_korean_beside_it() -> None:
    from agent.english_gloss import english_care

    assert english_care("-18도 이하 냉동 보관하세요.") == "-18°C or below keep frozen (-18도 이하 냉동 보관하세요.)"
    assert english_care("0~4도 냉장 보관, 수령 후 5일 이내 드세요.").startswith("0-4°C keep refrigerated; after delivery within 5 days")
    # a note that says what not to do, or a washing note, stays as the shop wrote it (word order would invert it)
    for note in ("냉장 보관하지 말고 신문지에 싸서 실온(12~15도)에 두세요.", "30도 이하 세탁망 사용 세탁, 건조기 사용 시 수축될 수 있어요."):
        assert english_care(note) == note


def test_an_english_storage_question_gets_the_temperature_in_english(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "How should I store the mackerel?").reply
    assert "-18°C or below keep frozen" in reply and "-18도 이하 냉동 보관하세요" in reply, reply


def test_a_modifier_is_no_yes_of_the_rule() -> None:
    from agent.english_gloss import gloss

    assert "possible" not in gloss("냉장·냉동 상품은 재활용 가능한 종이 보냉박스와 물 아이스팩으로 포장합니다.")


def test_an_english_act_under_a_condition_is_refused_by_the_rule_that_refuses_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "If I open the box can I still return it?").reply
    assert reply.startswith("No, I'm afraid not.") and "opened" in reply, reply
    # a state named, not an act of the customer's, is no such refusal
    assert not _ask(shops["electronics"], "Can I return it if the box is still sealed?").reply.startswith("No")


def test_an_english_name_with_a_modifier_the_shop_lacks_names_the_one_product(shops) -> None:  # noqa: ANN001
    knowledge = shops["grocery"].knowledge_provider()
    for query in ("hanwoo beef price?", "korean beef price?"):
        found = knowledge.find_products(query)
        assert [m.product_id for m in found.matches] == ["G04"] and not found.ambiguous, query
    # a sentence whose words name nothing of the shop's names no product by one loose word
    assert not knowledge.find_products("I'm in Jeju tho, still free over 50k?").matches
    # another word naming a kind of several products: no one product by the loose word
    jog = shops["jogunshop"].knowledge_provider()
    assert jog.find_products("When will the round cardigan in black, size M, be back?").matches[0].product_id == "P014"


# -- options weighed on a thing no text states ---------------------------------------------------------------------------
def test_a_difference_asked_in_a_thing_no_text_states_is_said_to_be_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "키보드 적축이랑 청축 소리 차이 있어요?").reply
    assert reply.startswith("적축, 청축의 소리 차이는 상품 정보에 따로 나와 있지 않아요") and "89,000원" in reply, reply


# -- kinds and their qualifiers -----------------------------------------------------------------------------------------
def test_a_qualifier_the_products_own_text_contradicts_is_said_not_sold(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "무선 키보드 있어요?").reply
    assert reply.startswith("'무선 키보드'는 따로 없어요.") and "유선 기계식 키보드입니다" in reply, reply
    # a product whose own name holds the word is that thing
    assert "따로 없어요" not in _ask(shops["electronics"], "무선 마우스 있어요?").reply
    assert "따로 없어요" not in _ask(shops["electronics"], "유선 키보드 있어요?").reply


def test_a_kind_with_a_qualifier_some_of_its_names_hold_lists_those(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "긴팔 티셔츠 있어요?").reply
    assert "베이직 긴팔 티셔츠" in reply and "와플 긴팔 티셔츠" in reply and "반팔" not in reply, reply


# -- reviewers' patterns: qualities no text states, swaps, ruled-out places, complaints, lunch, baskets grown ----------
WEDNESDAY = datetime(2027, 1, 6, 15, 30)


def _history(*texts: str) -> list[dict]:
    return [{"role": "user" if i % 2 == 0 else "assistant", "text": t} for i, t in enumerate(texts)]


def test_a_quality_asked_by_an_adjective_no_text_holds_is_said_to_be_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "램스울 니트 따가워요? 울 몇프로임", now=WEDNESDAY).reply
    assert reply.startswith("램스울 크루넥 니트가 따가운지는 상품 정보에 따로 나와 있지 않아요.") and "램스울 100%" in reply, reply
    reply = _ask(shops["jogunshop"], "롱패딩 충전재 뭐에요? 영하 15도에도 괜찮나요", now=WEDNESDAY).reply
    assert "오리털 90%" in reply and reply.endswith("영하 15도에도 괜찮은지는 상품 정보에 따로 나와 있지 않아요."), reply
    # an adjective the product's own text holds is answered by it
    assert "따로 나와 있지 않아요" not in _ask(shops["cosmetics"], "수분크림 끈적여요?").reply


def test_a_predicate_is_put_as_whether_it_is_so() -> None:
    from core.language.korean_text import whether_form

    assert [whether_form(s) for s in ("따갑", "괜찮", "크", "길", "하얗", "맛있", "좋")] == \
        ["따가운지", "괜찮은지", "큰지", "긴지", "하얀지", "맛있는지", "좋은지"]
    assert whether_form("빠지", adjective=False) == "빠지는지"


def test_a_value_swapped_in_is_no_basket_of_both(shops) -> None:  # noqa: ANN001
    history = _history("스트레이트 데님 팬츠 32 중청이랑 베이직 반팔티 2장 사면 얼마에요?", "합계 80,800원이에요.")
    reply = _ask(shops["jogunshop"], "중청 1개 남았네 흑청으로 바꾸면 가격 같아요? 재고는?", history, WEDNESDAY).reply
    assert "가격은 같아요" in reply and "98,000원" not in reply and "합계" not in reply, reply


def test_a_place_ruled_out_is_not_where_the_order_goes(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn, without_ruled_out

    assert "제주" not in without_ruled_out(analyse_turn("배송지 바꿀수 있나요 제주 말고 서울로"))
    reply = _ask(shops["jogunshop"], "20261121-0005 배송지 바꿀수 있나요 제주 말고 서울로", now=WEDNESDAY).reply
    assert "배송지 변경이 가능해요" in reply and "제주로 바꾸시면" not in reply, reply


def test_an_order_said_not_to_have_come_says_where_it_stands_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261119-0027 토트백 제주로 시켰는데 아직도 안옴 배송비 6천원이나 냈는데 ㅡㅡ",
                  now=WEDNESDAY)
    assert result.reply.startswith("주문번호 20261119-0027은 현재 '배송중' 상태예요.") and "602349027403" in result.reply
    assert "6,000원" in result.reply and result.handoff, result.reply


def test_the_lunch_break_asked_gets_its_own_answer(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "점심시간에는 채팅 상담도 안돼요?", now=WEDNESDAY).reply
    assert reply.startswith("점심시간(12:00~13:00)에는 상담이 쉬어요.") and "죄송" not in reply, reply
    assert "Our lunch break is 12:30~13:30" in _ask(shops["cosmetics"], "can I call during lunch?", now=WEDNESDAY).reply


def test_a_product_added_to_the_basket_before_is_weighed_with_it(shops) -> None:  # noqa: ANN001
    history = _history("비니랑 니트 장갑 하나씩 사면 배송비 얼마에요?", "합계 38,000원이라 배송비 3,000원이 붙어요.")
    reply = _ask(shops["jogunshop"], "그럼 울머플러도 추가하면 무료배송 되나요? 총액은?", history, WEDNESDAY).reply
    assert "합계 73,000원" in reply and "무료" in reply, reply


def test_an_act_ruled_out_is_no_word_of_the_rules_asked(shops) -> None:  # noqa: ANN001
    from agent.policy_answer import question_tokens
    from agent.turn_analysis import analyse_turn

    tokens = question_tokens(analyse_turn("교환 말고 환불 언제 들어와요?"))
    assert "@exchange" not in tokens and "교환" not in tokens and "환불" in tokens
    reply = _ask(shops["jogunshop"], "교환 말고 환불 언제 들어와요?", now=WEDNESDAY).reply
    assert "영업일" in reply and "교환" not in reply, reply


def test_the_clause_of_a_two_topic_rule_sentence_that_holds_what_is_asked_is_quoted(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "세금계산서 발행되나요?", now=WEDNESDAY).reply
    assert reply.startswith("사업자 회원은") and "현금영수증" not in reply, reply
    assert "현금영수증" in _ask(shops["jogunshop"], "현금영수증 어떻게 받아요?", now=WEDNESDAY).reply


def test_a_noun_made_a_condition_leads_to_the_clause_of_that_case(shops) -> None:  # noqa: ANN001
    from agent.policy_answer import _said_as_condition, answer_policy
    from agent.turn_analysis import analyse_turn

    knowledge = shops["jogunshop"].knowledge_provider()
    a = analyse_turn("회원가입하면 혜택 뭐 있어요")
    assert _said_as_condition(a) == {"account"}
    assert any("가입" in p.text for p in answer_policy(knowledge, a).passages)
    # a speech act made a condition ("신청하면") is no case of the rules
    assert not _said_as_condition(analyse_turn("알림 신청하면 바로 연락 와요?"))


def test_a_place_of_the_standard_area_is_said_to_be_delivered_to(shops) -> None:  # noqa: ANN001
    history = _history("Do you ship to the US? I live in LA", "No, I'm afraid not. We only ship within Korea.")
    reply = _ask(shops["jogunshop"], "Ok what if I ship it to my friend in Busan instead? how much is shipping for 40000 "
                 "won order", history, WEDNESDAY).reply
    assert reply.startswith("Yes, we deliver to Busan") and "3,000 KRW" in reply and "제주" not in reply, reply


def test_a_problem_told_after_its_order_number_asks_no_number_again(shops) -> None:  # noqa: ANN001
    history = _history("20261116-0019 터틀넥 반품하고 싶어요", "단순 변심 반품 기간(수령 후 7일)이 지났어요.")
    reply = _ask(shops["jogunshop"], "택도 안뗐는데 진짜 안돼요? 예외 없어요?", history, WEDNESDAY).reply
    assert "주문번호를 함께 남겨" not in reply, reply


def test_the_cheapest_of_a_kind_in_an_option_says_the_option(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Which jeans do you have in size 34, and which is the cheapest?", now=WEDNESDAY).reply
    assert reply.startswith("The cheapest jeans in size 34:"), reply


def test_a_per_unit_quantity_of_a_korean_text_is_said_in_english_too(shops) -> None:  # noqa: ANN001
    from agent.facts import per_unit_in_english

    assert per_unit_in_english("… 곱창김을 들기름에 구웠습니다(봉당 5매).") == "5 sheets per pack"
    assert per_unit_in_english("고등어 필렛 4팩(팩당 130g 내외)") == "130g per pack"
    assert per_unit_in_english("30구 한 판") == ""
    reply = _ask(shops["grocery"], "how many sheets in a pack of the seaweed?").reply
    assert "(5 sheets per pack)" in reply, reply


def test_a_rules_case_and_postposition_read_in_english() -> None:
    from agent.english_gloss import gloss

    assert gloss("개봉한 경우 반품이 불가합니다.") == "If opened: you cannot return it"
    assert gloss("교환할 옵션이 품절이면 반품(환불)으로 처리됩니다.") == "If exchange sold out: return refund"
    assert gloss("구매확정 이후 적립됩니다.") == "after purchase confirmation earned"


def test_a_thing_the_quoted_rule_speaks_of_by_its_words_and_act_is_not_called_unstated(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "여친 선물할건데 선물포장 해주나요? 가격표 빼주실수 있어요?", now=WEDNESDAY).reply
    assert "따로 나와 있지 않아요" not in reply and "거래명세서를 빼고" in reply, reply


def test_a_product_added_to_a_sum_said_before_is_priced_with_it(shops) -> None:  # noqa: ANN001
    history = _history("제주도인데 45,000원어치 사면 배송비 얼마에요?", "45,000원 주문을 제주로 보내시면 배송비는 6,000원이에요.")
    reply = _ask(shops["jogunshop"], "거기에 양말 3팩 하나 추가하면 배송비 포함 총 얼마 내요?", history, WEDNESDAY).reply
    assert "57,000원" in reply and "총 60,000원" in reply and "18,000원" not in reply, reply
    reply = _ask(shops["jogunshop"], "아니 아까 말한 4만5천원 상품에 양말 더한 거요. 총 얼마냐구요", history, WEDNESDAY).reply
    assert "총 60,000원" in reply and "62,000원" not in reply, reply


def test_the_kinds_of_a_word_that_calls_some_of_a_category_are_those(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "가디건 종류 뭐 있어요?", now=WEDNESDAY).reply
    assert "라운드 가디건" in reply and "브이넥 가디건" in reply and "크루넥 니트" not in reply, reply


def test_a_quality_compared_is_found_by_the_word_the_texts_say_it_by(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "와플티랑 헨리넥 중에 뭐가 더 따뜻해요?", now=WEDNESDAY).reply
    assert reply.endswith("설명에 그 점이 나와 있는 건 와플 긴팔 티셔츠예요.") and "따로 나와 있지 않아요" not in reply, reply
