"""Offline agent, fiftieth round: an amount an English question names by the shop's own key word ("on the wall" of
`wallMountFee`), and whether the shop itself works on a day named ("주말에도 영업하세요?").

Each test pins one mechanism, not one sentence.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

THURSDAY_MORNING = datetime(2027, 6, 17, 11, 30)
_ask = asker(THURSDAY_MORNING)


# -- an amount named by the key's own word, in English -----------------------------------------------------------------
def test_an_english_question_naming_an_amount_by_its_key_word_gets_that_amount(shops) -> None:  # noqa: ANN001
    wall = _ask(shops["electronics"], "can you install the TV on the wall?").reply
    assert "Wall mount: 60,000 KRW" in wall, wall
    # (the rule's own topic word names no amount: "install" asks no installation date)
    assert "3-7 days" not in wall, wall


def test_values_named_reads_key_words_not_shared_or_topic_words() -> None:
    from agent.english_rules import values_named

    values = {"standMountFee": 0, "wallMountFee": 60000, "installDaysMin": 3, "installDaysMax": 7}
    assert values_named("can you mount it on the wall?", values) == ["wallMountFee"]
    assert values_named("when do you install it?", values, frozenset({"install"})) == []
    assert values_named("how much is the fee?", values) == []  # (a unit word names none)
    points = {"pointRatePercent": 1, "reviewPoints": 500, "photoReviewPoints": 1000}
    assert values_named("photo review points?", points, frozenset({"points", "point"})) == ["reviewPoints",
                                                                                         "photoReviewPoints"]


# -- whether the shop works on a day named -----------------------------------------------------------------------------
def test_whether_the_shop_works_on_a_day_named_is_its_customer_centres_day(shops) -> None:  # noqa: ANN001
    for message in ("주말에도 영업하세요?", "토요일에 쉬세요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "고객센터가 쉬어요" in reply and "출고" not in reply, reply
    # (the moment itself is asked by "지금": whether a person answers now, not a day's hours)
    now = _ask(shops["jogunshop"], "지금 점심시간이에요?").reply
    assert "고객센터가 쉬어요" not in now, now


# -- a thing joined to a product the shop sells -------------------------------------------------------------------------
def test_a_thing_joined_to_a_product_that_the_shop_does_not_sell_is_said_unsold(shops) -> None:  # noqa: ANN001
    for message in ("고등어랑 갈치 있어요?", "갈치랑 고등어 얼마예요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "12,900원" in reply and "'갈치'는 판매하지 않는" in reply and "여부는" not in reply, reply
    shorts = _ask(shops["jogunshop"], "옥스포드 셔츠랑 반바지 중에 뭐가 더 싸요?").reply
    assert "39,000원" in shorts and "'반바지'는 판매하지 않는" in shorts, shorts
    # (two products of the shop are each answered, nothing said unsold)
    both = _ask(shops["jogunshop"], "옥스포드 셔츠랑 린넨 셔츠 있어요?").reply
    assert "39,000원" in both and "45,000원" in both and "판매하지 않는" not in both, both


# -- a stock or price joined by -고 to a question -----------------------------------------------------------------------
def test_a_stock_joined_by_go_to_a_second_question_is_asked_too(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "옥스포드 셔츠 M 재고 있고 언제 받을 수 있어요?").reply
    assert "29개" in reply and "6월 17일(목)에 출고" in reply, reply
    # (a verb's -고 is no stock asked: "가격 적힌 거 빼고 보내줄 수 있어요?" asks one thing)
    from agent.pipeline import split_questions

    assert split_questions("선물할 건데 가격 적힌 거 빼고 보내줄 수 있어요") == ["선물할 건데 가격 적힌 거 빼고 보내줄 수 있어요"]
    assert split_questions("니트 재고 있길래 주문했고 언제 와요?") == ["니트 재고 있길래 주문했고 언제 와요?"]


# -- a person already reached, told before the question -------------------------------------------------------------------
def test_a_person_already_reached_told_before_a_question_is_no_request(shops) -> None:  # noqa: ANN001
    for message in ("이미 상담원이랑 얘기했어요. 교환 신청은 어디서 해요?", "상담원 연결은 이미 했고요 교환 신청 어디서 해요",
                    "아까 상담사님이랑 통화했는데요 교환 신청 어디서 하나요?"):
        assert not _ask(shops["jogunshop"], message).handoff, message
    points = _ask(shops["cosmetics"], "상담원 연결은 됐고요 적립금 언제 소멸돼요?")  # (됐 + 고요, one ending)
    assert not points.handoff and "12개월" in points.reply, points.reply
    from agent.handoff import wants_human

    # (a person reached and the matter not done, or asked for again, is still a request)
    for message in ("상담원이랑 통화했는데 해결이 안 됐어요 다시 연결해 주세요", "아까 상담원이랑 얘기했는데 답이 없어요",
                    "상담원 연결 됐나요?", "직원이랑 통화하고 싶은데 교환 어디서 해요?"):
        assert wants_human(message), message


# -- counts against stock and a pack's own count ---------------------------------------------------------------------------
def test_a_basket_with_fewer_left_than_counted_also_gets_the_total_of_what_is_left(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "우유 3개랑 두부 2개 사면 얼마예요?").reply
    assert "재고가 2개뿐" in reply and "19,300원" in reply and "남은 수량으로 담으시면 합계 14,800원" in reply, reply


def test_a_count_of_pieces_that_names_the_pack_is_no_count_of_packs(shops) -> None:  # noqa: ANN001
    eggs = _ask(shops["grocery"], "계란 30개 얼마예요?").reply
    assert "12,900원" in eggs and "387,000원" not in eggs, eggs
    trays = _ask(shops["grocery"], "계란 30구 2판 얼마예요?").reply
    assert "25,800원" in trays, trays


# -- a clipped word of a product's name ----------------------------------------------------------------------------------
def test_a_clipped_word_names_the_one_product_whose_name_word_it_clips(shops) -> None:  # noqa: ANN001
    fryer = _ask(shops["electronics"], "에프 얼마예요?")
    assert not fryer.ask_back and "89,000원" in fryer.reply, fryer.reply
    knowledge = shops["electronics"].knowledge_provider()
    searcher = knowledge._searcher()
    assert "에어프라이어" in knowledge.product(searcher.clipped_product(["에프"])).name
    assert "노이즈캔슬링" in knowledge.product(searcher.clipped_product(["노캔"])).name
    assert searcher.clipped_product(["프에"]) is None and searcher.clipped_product(["에어"]) is None  # (order; a word within)


# -- a period word that is no period, and a tier asked by name ----------------------------------------------------------------
def test_a_native_count_never_counts_days_so_a_sale_is_no_three_days() -> None:
    from agent.periods import elapsed

    assert elapsed("세일때 산 모니터 5일전에 받았는데 미개봉이에요").days == 5
    assert elapsed("세일 기간에 샀는데 교환됐어요") is None
    assert elapsed("세 달 됐어요").days == 90 and elapsed("한 일주일 됐어요").days == 7


def test_whether_an_amount_spent_reaches_the_tier_named_is_said_with_the_rules_basis(shops) -> None:  # noqa: ANN001
    gold = _ask(shops["jogunshop"], "작년에 80만원 썼는데 골드 되나요?").reply
    assert "골드(700,000원 이상) 기준에 해당해요" in gold and "최근 6개월" in gold, gold
    short = _ask(shops["jogunshop"], "50만원 샀는데 골드 되나요?").reply
    assert "200,000원 모자라요" in short and "최근 6개월" in short, short


def test_a_thing_sought_on_its_own_beside_a_product_is_said_unsold_after_the_products_answer(shops) -> None:  # noqa: ANN001
    for message in ("샴푸도 팔아요? 그리고 토너 가격은요?", "토너 가격이랑 샴푸도 있는지 알려주세요"):
        reply = _ask(shops["cosmetics"], message).reply
        assert "18,000원" in reply and "'샴푸'는 판매하지 않는" in reply, reply
    # (a product named only by a word of its name is still the product answered)
    both = _ask(shops["cosmetics"], "토너랑 샴푸 있어요?").reply
    assert "42개" in both and "'샴푸'는 판매하지 않는" in both, both


# -- the shop's own name opening a rule, in English ---------------------------------------------------------------------------
def test_a_rule_opening_with_the_shops_name_is_glossed_in_english_before_its_korean_source(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "do you have a physical store?").reply
    assert reply.startswith("No"), reply
    assert reply.lower().index("offline store: none") < reply.index("Our policy (in Korean)"), reply


# -- a skin reaction to goods opened ---------------------------------------------------------------------------------------
def test_a_skin_reaction_to_goods_opened_is_not_told_a_change_of_mind_return_is_refused(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "토너 뜯었는데 얼굴이 가려워요 반품 가능해요?").reply
    assert "말씀하신 경우에는 단순 변심" not in reply and "피부과 전문의 소견서" in reply, reply
    # (goods only opened, no reaction: the refusal stays)
    opened = _ask(shops["electronics"], "헤드폰 박스 뜯었는데 그냥 반품할래요").reply
    assert "말씀하신 경우에는 단순 변심" in opened, opened


# -- the leading part of a compound asked to be sold ---------------------------------------------------------------------------
def test_the_leading_part_of_a_compound_asked_to_be_sold_names_no_matter_of_its_own(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert "storage" not in analyse_turn("냉장고 있어요?").concepts  # (냉장 + 고: a fridge, not storage)
    assert "storage" in analyse_turn("냉장고에 넣어야 돼요?").concepts  # (a fridge to keep food in: storage)
    fridge = _ask(shops["electronics"], "냉장고 있어요?")
    assert not fridge.handoff and "'냉장고' 상품은 판매하지 않아요" in fridge.reply, fridge.reply


# -- an English yes/no question of a code-like word the product's texts write ------------------------------------------------
def test_an_english_yes_no_of_a_code_word_the_description_writes_gets_a_yes(shops) -> None:  # noqa: ANN001
    spf = _ask(shops["cosmetics"], "is the sunscreen SPF50?").reply
    assert spf.startswith("Yes:") and "SPF50+" in spf, spf
    for message in ("is the sunscreen SPF5?", "is the sunscreen SPF30?"):  # (the word whole, its figures too)
        assert not _ask(shops["cosmetics"], message).reply.startswith("Yes"), message


def test_a_thing_plus_bi_asked_as_what_about_is_that_things_cost(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert {"install", "cost"} <= analyse_turn("설치비는?").concepts  # (its question mark is no part of the particle)
    reply = _ask(shops["electronics"], "설치비는?").reply
    assert "60,000원" in reply, reply
