"""Offline agent on the second evaluation's gaps: composition by percentage, dispatch verbs, short
follow-ups that lean on history, English delivery words, double-charge reports, returns naming a product.

Each test pins a shared mechanism (composition cue, dispatch question, follow-up detection and carry,
English localisation, the double_charge problem kind, after-sale routing), not one message.
"""

from __future__ import annotations

import pytest

from agent.entities import localize_delivery
from agent.problems import problem_kind
from agent.product_facts import asked
from agent.turn_analysis import analyse_turn
from agent.turn_context import leans_on_previous, make_turn
from agent.evaluate import DEFAULT_NOW
from agent.pipeline import SupportPipeline
from core.config import Settings
from core.knowledge.manager import get_knowledge


@pytest.fixture(scope="module")
def offline() -> SupportPipeline:
    return SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=get_knowledge)


def _ask(pipeline: SupportPipeline, message: str, history: list[dict] | None = None):
    return pipeline.answer([message], history=history, now=DEFAULT_NOW)


def _history(user: str, bot: str = "네, 안내드렸어요.") -> list[dict]:
    return [{"role": "user", "text": user}, {"role": "assistant", "text": bot}]


# -- 1. material composition by share ------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("울 몇 프로예요", True), ("면 함유량", True), ("혼용률 알려줘", True), ("폴리 섞였나요", True),
    ("나일론 얼마나 들어갔어요", True), ("캐시미어 몇 퍼센트", True),
    ("몇 프로 할인해요?", False), ("겨울에 입기 좋은 거 몇 개 있어요", False), ("주문하면 몇 일 걸려요", False),
    ("모자 몇 개 있어요?", False),
])
def test_composition_cue(text: str, expected: bool) -> None:
    assert ("material" in asked(make_turn(text, [], None), [])) is expected


@pytest.mark.parametrize("message, expected", [
    ("램스울 니트 울 몇 프로 들어갔어요?", "램스울 100%"), ("레터링 맨투맨 면 함유량요", "면 80%"),
    ("테이퍼드 슬랙스 혼용률이요", "폴리에스터 65%"), ("헤비 후드티 폴리 섞였어요?", "면 100%"),
])
def test_composition_answers_from_material(offline: SupportPipeline, message: str, expected: str) -> None:
    result = _ask(offline, message)
    assert result.route == "product" and expected in result.reply
    assert not result.handoff and "확인되지 않아" not in result.reply


# -- 2. dispatch verbs ---------------------------------------------------------------------------------
@pytest.mark.parametrize("message", [
    "지금 사면 오늘 나가나요?", "3시 전에 입금하면 오늘 출발해요?", "오늘 중으로 보내주시나요", "결제하면 바로 발송돼요?",
    "토스페이로 결제하면 당일 나갈까요", "오늘 주문 넣으면 내일 출발하나요?",
])
def test_dispatch_questions_route_to_delivery(offline: SupportPipeline, message: str) -> None:
    result = _ask(offline, message)
    assert result.route == "delivery"
    assert "출고" in result.reply and "결제할 수 있습니다" not in result.reply
    assert "도와드리고 있어요" not in result.reply  # never the out-of-scope line


@pytest.mark.parametrize("text", ["사진 보내드리면 되나요?", "반품 언제 보내야 돼요?", "교환 상품 보내드릴게요"])
def test_sending_things_to_the_shop_is_not_dispatch(text: str) -> None:
    assert not analyse_turn(localize_delivery(text)).has("dispatch")


# -- 3. follow-ups that lean on history ------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("L은요?", True), ("그럼 제주도는 배송비 얼마예요?", True), ("그거 세일 상품에도 쓸 수 있어요?", True),
    ("아 그러면 반품은 어떻게 하나요", True), ("옥스포드 셔츠 L 화이트 재고 있나요?", False),
])
def test_follow_up_detection(text: str, expected: bool) -> None:
    history = [{"role": "user", "text": "옥스포드 셔츠 M 있어요?"}, {"role": "assistant", "text": "네, 있어요."}]
    assert leans_on_previous(text, analyse_turn(text), history) is expected


def test_follow_up_carries_amount_into_region_quote(offline: SupportPipeline) -> None:
    result = _ask(offline, "그럼 서귀포는 얼마예요?", _history("3만5천원 주문하면 배송비 얼마예요?"))
    assert result.route == "delivery" and "35,000원" in result.reply and "6,000원" in result.reply


def test_follow_up_carries_region_into_amount_quote(offline: SupportPipeline) -> None:
    result = _ask(offline, "그럼 7만원이면요?", _history("울릉도 배송비 얼마예요?"))
    assert result.route == "delivery" and "70,000원" in result.reply and "5,000원" in result.reply


def test_follow_up_without_earlier_fee_question_stays_plain(offline: SupportPipeline) -> None:
    result = _ask(offline, "그럼 제주도는요?", _history("오늘 주문하면 언제 와요?"))
    assert result.route == "delivery" and "제주" in result.reply


@pytest.mark.parametrize("message, history, name", [
    ("그레이는요?", _history("램스울 크루넥 니트 L 있어요?"), "램스울 크루넥 니트"),
    ("32는요?", _history("와이드 슬랙스 블랙 30 재고 있나요?"), "와이드 슬랙스"),
    ("브라운은 언제 다시 들어와요?", _history("첼시 부츠 블랙 260 있나요?"), "스웨이드 첼시 부츠"),
])
def test_colour_size_follow_ups_use_the_product_from_history(offline: SupportPipeline, message: str,
                                                              history: list[dict], name: str) -> None:
    result = _ask(offline, message, history)
    assert result.route == "product" and name in result.reply


@pytest.mark.parametrize("message, history", [
    ("그거 할인 상품에도 돼요?", _history("쿠폰 중복 사용 되나요?")),
    ("그건 언제 소멸돼요?", _history("적립금 얼마나 쌓여요?")),
])
def test_referring_follow_up_keeps_the_general_topic(offline: SupportPipeline, message: str, history: list[dict]) -> None:
    assert _ask(offline, message, history).route == "general"


# -- 4. English delivery words -----------------------------------------------------------------------------
def test_localize_delivery_words() -> None:
    s = localize_delivery("shipping fee to Jeju for 30,000 won")
    assert "제주" in s and "배송비" in s and "30,000원" in s
    assert "울릉도" in localize_delivery("ulleungdo") and localize_delivery("배송비 얼마") == "배송비 얼마"


@pytest.mark.parametrize("message, expected", [
    ("how much is delivery to jeju for 45000 won?", ["45,000", "6,000"]),
    ("shipping fee ulleung island", ["5,000"]),
    ("free shipping from how much?", ["50,000"]),
    ("delivery fee for 70000krw order", ["free"]),
])
def test_english_delivery_questions(offline: SupportPipeline, message: str, expected: list[str]) -> None:
    result = _ask(offline, message)
    assert result.route == "delivery" and result.lang == "en" and all(e in result.reply for e in expected), result.reply
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in result.reply.replace("제주", "").replace("도서산간", "")), result.reply


# -- 5. double charge reports --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind", [
    ("결제가 두 번 됐어요", "double_charge"), ("카드에서 2번 빠져나갔어요", "double_charge"),
    ("이중 결제 됐네요", "double_charge"), ("금액이 중복으로 청구됐어요", "double_charge"),
    ("쿠폰 중복으로 결제 가능한가요?", None), ("두 번 나눠서 결제할 수 있나요?", None),
])
def test_double_charge_kind(text: str, kind: str | None) -> None:
    assert problem_kind(analyse_turn(text)) == kind


@pytest.mark.parametrize("message", ["토스로 결제가 두 번 됐어요", "돈이 두 번 나갔네요", "카드 중복결제"])
def test_double_charge_hands_off_with_apology(offline: SupportPipeline, message: str) -> None:
    result = _ask(offline, message)
    assert result.route == "general" and result.handoff and result.handoff_reason == "problem"
    assert "죄송" in result.reply and "결제할 수 있습니다" not in result.reply


# -- 6. return/exchange with a product named ---------------------------------------------------------------
@pytest.mark.parametrize("message, word", [
    ("슬랙스 받았는데 기장이 짧아서 반품할래요", "반품"), ("니트 교환하고 싶어요 너무 커요", "교환"),
    ("스니커즈 사이즈 교환 되나요", "교환"), ("패딩 환불하고 싶어요 생각보다 무거워요", "환불"),
])
def test_after_sale_with_product_named_is_general(offline: SupportPipeline, message: str, word: str) -> None:
    result = _ask(offline, message)
    assert result.route == "general" and word in result.reply and "안내드릴게요" not in result.reply
