"""Offline agent on mechanisms of the understanding layer, on the bundled shop and three other shops.

Each test pins one mechanism (a set against its parts, a quantity asked in a unit, the clause that says
no for the customer's condition, contact lines from the shop's own data, the customer's own sending,
follow-ups reaching back past a message without a product, the asked option axis), not one sentence.
"""

from __future__ import annotations

import pytest

from agent.evaluate import DEFAULT_NOW
from agent.handoff import wants_human
from agent.pipeline import SupportPipeline
from agent.turn_analysis import analyse_turn

def _ask(pipeline: SupportPipeline, message: str, history: list[dict] | None = None):
    return pipeline.answer([message], history=history, now=DEFAULT_NOW)


@pytest.mark.parametrize("shop, message, set_price, separate", [
    ("cosmetics", "토너 150이랑 수분크림 50 따로 사는거보다 세트가 더 싸요?", "42,000원", "50,000원"),
    ("electronics", "모니터 27이랑 마우스 블랙 키보드 갈축 따로 사면 얼마에요? 세트가 더 싼가요", "429,000원", "467,000원"),
])
def test_a_set_is_compared_with_its_parts_bought_separately(shops, shop: str, message: str, set_price: str,  # noqa: ANN001
                                                            separate: str) -> None:
    result = _ask(shops[shop], message)
    assert set_price in result.reply and separate in result.reply and "저렴" in result.reply, result.reply
    assert any(separate in fact for fact in result.fact_texts)  # the sum is a derived, registered fact


@pytest.mark.parametrize("message, expected", [("공기청정기 가격이랑 몇평형이에요?", "30평형"),
                                               ("에어프라이어 몇 리터예요?", "5.5L")])
def test_a_quantity_asked_in_a_unit_comes_from_the_description(shops, message: str, expected: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], message)
    assert expected in result.reply and not result.handoff, result.reply


def test_the_clause_that_says_no_for_the_condition_answers_a_yes_no_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "모니터 박스 뜯었는데 단순변심 반품 되나요?")
    assert "불가" in result.reply, result.reply


@pytest.mark.parametrize("shop, phone", [("electronics", "1588-4417"), ("grocery", "1577-6180"),
                                         ("jogunshop", "070-8890-1234")])
def test_a_handoff_gives_the_shops_own_contact(shops, shop: str, phone: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], "상담원이랑 통화하고 싶어요")
    assert result.handoff and phone in result.reply and any(phone in f for f in result.fact_texts), result.reply
    english = _ask(shops[shop], "can I talk to a human?")
    assert english.reply.startswith("Sure") and phone in english.reply


@pytest.mark.parametrize("text, expected", [("상담사님 계세요?", True), ("담당자분 있나요", True),
                                            ("직원 추천 상품 있나요", False), ("상담원 연결 안 해도 돼요", False),
                                            ("매니저 연결은 괜찮아요", False), ("상담원 연결 부탁해요", True)])
def test_asking_for_a_person_and_declining_one(text: str, expected: bool) -> None:
    assert wants_human(analyse_turn(text)) is expected


@pytest.mark.parametrize("text, dispatch", [("사진 보내드리면 되나요?", False), ("반품 언제 보내야 돼요?", False),
                                            ("오늘 중으로 보내주시나요", True), ("언제 보내주세요?", True)])
def test_the_customers_own_sending_is_not_the_shops_dispatch(text: str, dispatch: bool) -> None:
    assert analyse_turn(text).has("dispatch") is dispatch


def test_a_follow_up_reaches_back_to_the_message_that_named_the_product(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "헤비 스웻 후드티 차콜 L 재고 있나요?"}, {"role": "assistant", "text": "네, 있어요."},
               {"role": "user", "text": "가격은 얼마예요?"}, {"role": "assistant", "text": "가격 안내드렸어요."}]
    result = _ask(shops["jogunshop"], "M 사이즈는요?", history)
    assert "헤비 스웻 후드티" in result.reply and "M" in result.reply and not result.handoff, result.reply


def test_which_values_lists_the_asked_axis_only(shops) -> None:  # noqa: ANN001
    colours = _ask(shops["jogunshop"], "옥스포드 셔츠 무슨 색 있어요?").reply
    sizes = _ask(shops["jogunshop"], "옥스포드 셔츠 사이즈 뭐 있어요?").reply
    assert "네이비" in colours and "XXL" not in colours
    assert "XXL" in sizes and "네이비" not in sizes and "개" not in sizes  # the sizes, not a stock listing


def test_english_order_status_is_translated(shops) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    pipeline = shops["jogunshop"]
    text = "Where is my order 20261120-0014?"
    result = pipeline.answer([text], now=DEFAULT_NOW, customer=owner_of_orders(pipeline, [text], None))
    assert "in transit (배송중)" in result.reply and result.lang == "en", result.reply



@pytest.mark.parametrize("message, kind", [("교환은 몇번까지 돼요", "how_many"), ("몇 켤레 남았어요?", "how_many"),
                                           ("VIP 되면 적립 몇 프로에요?", "how_much"), ("몇 일 걸려요?", "when")])
def test_a_counter_after_몇_decides_the_question_type(message: str, kind: str) -> None:
    assert analyse_turn(message).question == kind


def test_a_count_question_is_answered_by_the_clause_that_states_a_count(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "교환은 몇번까지 돼요")
    assert "1회" in result.reply, result.reply


def test_a_changed_grade_is_not_a_wrong_item_but_a_changed_parcel_is() -> None:
    assert "wrong_item" not in analyse_turn("다음 등급 언제 바뀌어요").concepts
    assert "wrong_item" in analyse_turn("색상이 바뀌어서 왔어요").concepts


def test_can_and_cannot_are_read_from_the_bound_noun_수() -> None:
    from core.knowledge.retrieval import tokenize

    assert "@possible" in tokenize("7일 이내에 1회 교환할 수 있습니다.")
    assert "@impossible" in tokenize("개봉한 제품은 반품할 수 없습니다.")


def _total(knowledge, *names_and_counts) -> str:  # noqa: ANN001
    from agent.facts import won

    total = 0
    for name, count in names_and_counts:
        match = knowledge.find_products(name).matches[0]
        total += knowledge.product(match.product_id).price * count
    return won(total)


def test_a_count_without_a_product_counts_the_product_asked_about_before(shops) -> None:  # noqa: ANN001
    knowledge = shops["grocery"].knowledge_provider()
    history = [{"role": "user", "text": "청송 꿀사과 얼마에요?"}, {"role": "assistant", "text": "청송 꿀사과 안내드릴게요."}]
    result = _ask(shops["grocery"], "3개 사면 배송비 무료에요?", history)
    assert _total(knowledge, ("청송 꿀사과", 3)) in result.reply, result.reply


@pytest.mark.parametrize("shop, first, added", [("jogunshop", "캔버스 스니커즈 얼마예요?", "양말도 하나 추가하면 무료배송 되나?"),
                                                ("grocery", "순살 고등어 얼마에요?", "꿀사과도 같이 사면 배송비 얼마에요?")])
def test_a_product_added_with_도_joins_the_one_discussed_before(shops, shop: str, first: str, added: str) -> None:  # noqa: ANN001
    knowledge = shops[shop].knowledge_provider()
    first_name = knowledge.product(knowledge.find_products(first).matches[0].product_id).name
    added_name = knowledge.product(knowledge.find_products(added).matches[0].product_id).name
    result = _ask(shops[shop], added, [{"role": "user", "text": first}, {"role": "assistant", "text": "네."}])
    assert _total(knowledge, (first_name, 1), (added_name, 1)) in result.reply, result.reply


def test_together_with_two_products_named_means_those_two_only(shops) -> None:  # noqa: ANN001
    knowledge = shops["jogunshop"].knowledge_provider()
    history = [{"role": "user", "text": "울 머플러 얼마예요?"}, {"role": "assistant", "text": "28,000원이에요."}]
    result = _ask(shops["jogunshop"], "기모 맨투맨이랑 와이드 슬랙스 같이 사면 얼마에요? 배송비도요", history)
    assert _total(knowledge, ("기모 맨투맨", 1), ("와이드 슬랙스", 1)) in result.reply and "머플러" not in result.reply, result.reply


@pytest.mark.parametrize("shop, message, stated, verdict", [
    ("jogunshop", "벨트 허리 38인데 되나요", "28~36인치", "벗어나"),
    ("jogunshop", "허리 32인치인데 벨트 맞을까요?", "28~36인치", "안이에요"),
    ("electronics", "가습기 물통 4리터 넘어요? 4L 이상이면 사려구요", "4.5L", None),
])
def test_a_quantity_the_customer_gives_is_compared_with_the_products_own_words(shops, shop: str, message: str,  # noqa: ANN001
                                                                              stated: str, verdict: str | None) -> None:
    result = _ask(shops[shop], message)
    assert stated in result.reply and not result.handoff, result.reply
    if verdict:
        assert verdict in result.reply, result.reply


def test_a_turn_with_nothing_of_its_own_to_be_about_continues_the_previous_topic(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "적립금 얼마부터 써요?"},
               {"role": "assistant", "text": "적립금은 5,000원 이상 보유 시 100원 단위로 사용할 수 있어요."}]
    result = _ask(shops["jogunshop"], "지금 4800원 있는데 못써요?", history)
    assert "5,000원" in result.reply and result.topic == "points", result.reply


RETURNS_SCENE = [{"role": "user", "text": "단순변심으로 반품하려는데요"},
                 {"role": "assistant", "text": "상품 수령일로부터 7일 이내라면 반품 신청이 가능해요."}]


@pytest.mark.parametrize("message", ["무료배송으로 받았으면요?", "근데 받은지 8일 됐어요 ㅠ 안돼요?", "수거 기사님은 언제 와요?"])
def test_a_follow_up_with_a_fee_or_a_date_stays_on_the_rule_discussed(shops, message: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message, RETURNS_SCENE)
    assert result.route == "general" and result.topic == "returns" and not result.handoff, (result.route, result.reply)


def test_an_additive_connective_opens_a_new_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "아 그리고 택배는 보통 며칠 걸려요?", RETURNS_SCENE)
    assert result.route == "delivery", result.reply


def test_the_customers_elapsed_time_is_compared_with_the_rules_limit(shops) -> None:  # noqa: ANN001
    late = _ask(shops["jogunshop"], "근데 받은지 8일 됐어요 ㅠ 안돼요?", RETURNS_SCENE)
    assert "7일" in late.reply and "지난" in late.reply, late.reply
    early = _ask(shops["cosmetics"], "받은지 사흘 됐는데 단순변심 반품 되나요?")
    assert "안이에요" in early.reply or "지난" not in early.reply, early.reply


def test_periods_are_read_with_their_units() -> None:
    from agent.periods import elapsed, limit_in

    assert elapsed("받은지 8일 됐어요").days == 8
    assert elapsed("일주일 지났는데 교환돼요?").days == 7
    assert elapsed("한 달 전에 샀어요").days == 30
    assert elapsed("7일 이내인가요?") is None  # no elapsed time without 됐/지났/전에
    assert limit_in("상품 수령일로부터 7일 이내에 신청").days == 7
    assert limit_in("받은 날부터 3개월 이내").days == 90


def test_a_question_after_what_happened_asks_about_the_rule() -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn("받은지 8일 됐어요 ㅠ 반품 안돼요?")) is None
    assert problem_kind(analyse_turn("결제가 안돼요")) == "other"


def test_a_follow_up_about_installments_after_a_price_is_the_payment_rule(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "롱패딩 가격이요"}, {"role": "assistant", "text": "329,000원이에요."}]
    result = _ask(shops["jogunshop"], "무이자 돼요?", history)
    assert result.route == "general" and "무이자" in result.reply, result.reply


@pytest.mark.parametrize("shop, message, expected", [
    ("electronics", "윈도우 깔려있어요? 프리도스 아니죠", "윈도우 11 홈"),  # no product named: the one whose texts say it
    ("cosmetics", "SPF 몇이에요?", "SPF50+"),
    ("grocery", "쌀 도정일 언제에요", "7일"),  # a category with one product is that product
])
def test_a_thing_asked_about_is_found_in_the_products_own_texts(shops, shop: str, message: str, expected: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert result.route == "product" and expected in result.reply and not result.handoff, result.reply


@pytest.mark.parametrize("shop, message, expected", [("cosmetics", "마스카라 개봉하고 얼마나 써요", "6개월"),
                                                     ("grocery", "들기름 개봉하면 얼마나 먹어요", "3개월")])
def test_how_long_is_answered_from_the_products_care_text_not_with_its_price(shops, shop: str, message: str,  # noqa: ANN001
                                                                             expected: str) -> None:
    result = _ask(shops[shop], message)
    assert expected in result.reply and "원" not in result.reply, result.reply
    assert analyse_turn(message).question == "when" and "price" not in analyse_turn(message).concepts


def test_the_shops_faq_answers_a_product_question_that_names_no_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "필터 교체 주기")
    assert "6~12개월" in result.reply, result.reply


def test_a_comparison_with_the_product_discussed_before_shows_both(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "하프집업 니트 얼마예요?"}, {"role": "assistant", "text": "하프집업 니트는 65,000원입니다."}]
    result = _ask(shops["jogunshop"], "하프집업 맨투맨이랑은 뭐가 달라요?", history)
    assert "65,000원" in result.reply and "45,000원" in result.reply, result.reply


@pytest.mark.parametrize("shop, message", [("jogunshop", "넥타이 팔아요?"), ("grocery", "넥타이 팔아요?"),
                                           ("jogunshop", "선글라스나 지갑 같은 건 안 파나요")])
def test_whether_the_shop_sells_a_thing_it_does_not_is_a_product_answer(shops, shop: str, message: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert result.route == "product" and result.topic == "not_sold", result.reply


def test_consultation_on_a_day_is_the_opening_hours(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "토요일에도 상담돼요?")
    assert result.route == "general" and result.topic == "hours" and "10:00" in result.reply, result.reply


def test_two_sizes_and_a_measure_give_the_chart_rows(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "기모 후드티 사이즈표요"}, {"role": "assistant", "text": "기모 후드티 실측표예요."}]
    result = _ask(shops["jogunshop"], "M이랑 L 가슴 차이 몇센치", history)
    assert "60.5" in result.reply and "63" in result.reply, result.reply


def test_a_part_of_the_name_asks_nothing_and_a_received_parcel_makes_it_after_sale(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "반팔티 흰색 XL 있어요?"}, {"role": "assistant", "text": "베이직 반팔 티셔츠 화이트 XL은 품절이에요."}]
    follow = _ask(shops["jogunshop"], "헤비코튼 오버핏은요? 흰색 XL", history)
    assert "개 남아" in follow.reply, follow.reply  # the stock asked before, for the newly named product
    exchange = _ask(shops["jogunshop"], "20261116-0019 터틀넥 받았는데 작아요 교환되나요")
    assert exchange.route == "general", exchange.reply


@pytest.mark.parametrize("message, expected", [
    ("How many points do I get for a photo review?", "1,000"),  # English words find the Korean clause
    ("What's your customer service email?", "help@jogunshop.example"),
    ("Can I return something after 10 days?", "past the 7 days limit"),
])
def test_english_questions_find_the_shops_korean_texts_and_get_english_key_points(shops, message: str,  # noqa: ANN001
                                                                                  expected: str) -> None:
    result = _ask(shops["jogunshop"], message)
    # English first: the rule's values in English sentences (agent.english_rules), else its glossed key points
    assert expected in result.reply and result.reply[:1].isascii(), result.reply


def test_english_gloss_reads_only_what_it_is_sure_of() -> None:
    from agent.english_gloss import english_value, gloss

    # four loose glossary words in a row read as garble ("receipt within 7 days return apply"): said only when the
    # clause fits a rule's frame whole (what can be done, for how long), as a sentence
    assert gloss("상품 수령일로부터 7일 이내에 반품을 신청할 수 있습니다.") == "you can apply for a return within 7 days of receipt"
    assert gloss("수령 후 7일 이내") == "after delivery within 7 days"
    assert "3-7 business days" in gloss("신용카드는 승인 취소 후 3~7영업일 이내에 환불됩니다.")
    assert gloss("채널톡으로 사진과 함께 알려 주세요.") == ""  # nothing certain: nothing said
    assert english_value("소가죽 100%") == "소가죽 100% (cowhide 100%)"
    assert english_value("대한민국") == "대한민국 (Korea)"
    assert english_value("알 수 없는 소재") == "알 수 없는 소재"


@pytest.mark.parametrize("shop, message, name", [
    ("jogunshop", "what's the chest width of the short puffer in L?", "숏 푸퍼 패딩"),
    ("jogunshop", "Hi, is the fleece zip-up on sale?", "플리스 집업"),
    ("cosmetics", "how much is the mascara?", "마스카라"),
    ("electronics", "is the keyboard wireless?", "키보드"),
])
def test_english_product_names_find_korean_loanword_names(shops, shop: str, message: str, name: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert name in result.reply and result.route == "product", result.reply


@pytest.mark.parametrize("message, expected", [
    ("주말에 주문하면 언제 보내줘요", "11월 30일"),  # the coming weekend ships the next business day
    ("크리스마스 선물로 보낼건데 24일 오후에 주문해도 25일 전에 와요?", "어려워요"),  # 24일 is December's, by the holiday
    ("금요일에 주문하면 월요일까지 와요?", "11월 30일(월)까지"),  # the Monday after the order day
])
def test_order_days_and_deadlines_are_read_from_the_customers_words(shops, message: str, expected: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert expected in result.reply and result.route == "delivery", result.reply


def test_a_deadline_alone_asks_whether_it_arrives_by_then(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "오늘 주문하면 당일 출고돼요?"}, {"role": "assistant", "text": "네, 당일 출고돼요."}]
    result = _ask(shops["jogunshop"], "ㅇㅋ 근데 목요일까지 받을 수 있음?", history)
    assert "11월 26일(목)까지 받아보실 수 있어요" in result.reply, result.reply


@pytest.mark.parametrize("word, particle, expected", [("린넨 100%", "이에요/예요", "예요"), ("0007", "으로/로", "로"),
                                                      ("3", "으로/로", "으로"), ("12,000원(정가 15,000원)", "이에요/예요", "이에요")])
def test_particles_after_numbers_units_and_brackets(word: str, particle: str, expected: str) -> None:
    from agent.facts import josa

    assert josa(word, *particle.split("/")) == expected


def test_an_attribute_answer_starts_with_the_product_not_a_preamble(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "백팩 얼마에요?")
    assert result.reply.startswith("나일론 백팩의 가격은"), result.reply


@pytest.mark.parametrize("message, name", [("흰색 스니커즈 270 품절인가요? 캔버스 말고 가죽이요", "레더 스니커즈"),
                                           ("후드티 말고 집업 같은 거 있나요? 기모로", "후드 집업")])
def test_what_the_customer_names_instead_of_the_excluded_product_is_answered(shops, message: str, name: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], message)
    assert result.reply.startswith(name), result.reply


def test_a_word_in_place_of_part_of_the_previous_name_is_its_sibling(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "셋업 자켓 사이즈 있나요"}, {"role": "assistant", "text": "테일러드 셋업 자켓은 S~XL이에요."}]
    result = _ask(shops["jogunshop"], "팬츠는 허리 32 있어요? 네이비", history)
    assert "테일러드 셋업 팬츠" in result.reply and "개 남아" in result.reply, result.reply


@pytest.mark.parametrize("shop, message", [("electronics", "전원이 안켜져요"), ("cosmetics", "클렌징오일 펌프가 안 눌려요 받은지 일주일"),
                                           ("electronics", "I got my kettle 3 days ago and it doesn't turn off automatically anymore")])
def test_a_thing_that_does_not_work_is_a_defect_for_a_person(shops, shop: str, message: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], message)
    assert result.route == "general" and result.handoff, result.reply


@pytest.mark.parametrize("message", ["사이즈가 안 맞아요", "아이디가 기억이 안나요", "전원이 안 켜지면 어떡해요?"])
def test_not_fitting_a_forgotten_id_or_a_hypothetical_is_no_defect(message: str) -> None:
    from agent.problems import problem_kind

    assert problem_kind(analyse_turn(message)) != "defect"


def test_an_option_value_only_one_product_sells_names_that_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "23호 단품 언제 들어와요")
    assert result.route == "product" and "11월 28일" in result.reply, result.reply


def test_a_feature_the_products_texts_name_is_answered_from_them_not_with_stock(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "싱글코트 안감 있어요?")
    assert "안감" in result.reply and "남아 있어요" not in result.reply, result.reply


def test_the_ask_back_names_an_axis_with_a_choice_and_a_share_is_no_measure(shops) -> None:  # noqa: ANN001
    belt = _ask(shops["jogunshop"], "벨트 있어요?")
    # (since stop 36 no ask-back follows a list of every option's count; when one does, it names the colour)
    assert "사이즈를 알려" not in belt.reply and ("색상을 알려" in belt.reply or not belt.ask_back), belt.reply
    shirt = _ask(shops["jogunshop"], "옥스포드 셔츠 재고 있어요?")  # (more options than are listed: a choice asked)
    assert shirt.ask_back and "FREE" not in shirt.reply.split("남아 있어요")[-1], shirt.reply
    wool = _ask(shops["jogunshop"], "램스울 니트 울 100%예요?")
    assert "181cm" not in wool.reply and "램스울 100%" in wool.reply, wool.reply
