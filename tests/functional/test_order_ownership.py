"""Orders are shown only to their owner (issue 11 item 2), through the real pipeline on the bundled shop.

The owner is recognised by the salted hashes the spine stores for the Channel.io user (member id or phone,
`core.chat.customer.identity_hashes`), or verifies in the chat with the orderer's name and the last 4 digits
of the phone. Anyone else gets the same verification request whether or not the number exists; failures,
look-ups and verified orders are remembered in `customer_state` as salted hashes only.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

import pytest

from agent.entities import order_numbers
from agent.order_access import LIMIT, LOCKED, MAX_FAILURES, MAX_LOOKUPS, NOT_VERIFIED, VERIFY_REQUEST
from agent.pipeline import SupportPipeline, TurnResult
from core.chat.customer import for_pipeline, identity_hashes
from core.chat.webhook import CustomerIdentity
from core.config import BUNDLED_ONTOLOGY, Settings
from core.knowledge.manager import get_knowledge
from core.knowledge.owl_index import ORDER_STATUSES, build_index, dump_index
from devstack.shop_catalogue import CUSTOMERS, ORDER_CUSTOMERS

NOW = datetime(2026, 11, 23, 10, 30)
SALT = "ownership-test-salt-0123456789"
ORDER = "20261119-0011"  # 배송중, with a tracking number; ordered by 이지연 (jogun-m10877, 010-3392-1047)


@pytest.fixture(scope="module")
def pipeline() -> SupportPipeline:
    return SupportPipeline(Settings.from_env({"LM_DISABLED": "true", "CUSTOMER_HASH_SALT": SALT}),
                           knowledge_provider=get_knowledge)


def _chat(member_id: str | None = None, phone: str | None = None) -> dict | None:
    """The `customer` argument exactly as the spine builds it from a webhook's refers.user."""
    stored = identity_hashes(CustomerIdentity(member_id=member_id, mobile_number=phone), SALT)
    return for_pipeline(stored)


class Chat:
    """One chat's turns: history and the customer record carried from turn to turn as the spine does."""

    def __init__(self, pipeline: SupportPipeline, customer: dict | None = None, now: datetime = NOW) -> None:
        self.pipeline, self.customer, self.now = pipeline, dict(customer or {}), now
        self.history: list[dict] = []
        self.states: list[dict] = []

    def say(self, text: str) -> TurnResult:
        result = self.pipeline.answer([text], history=self.history, now=self.now, customer=self.customer or None)
        if result.customer_state is not None:
            self.customer["state"] = json.loads(json.dumps(result.customer_state))  # stored as JSON text
            self.states.append(result.customer_state)
        self.history += [{"role": "user", "text": text}, {"role": "assistant", "text": result.reply}]
        return result


def _private_values() -> list[str]:
    """Everything about the bundled orders a stranger must never see."""
    k = get_knowledge()
    out: set[str] = set()
    for number in k.order_numbers():
        o = k.order(number)
        out |= {number, number.replace("-", ""), *([o.tracking_number] if o.tracking_number else [])}
        for iso in (o.expected_arrival_from, o.expected_arrival_until, o.ordered_at[:10]):
            if iso:
                month, day = int(iso[5:7]), int(iso[8:10])
                out |= {iso, f"{month}월 {day}일", f"{month}/{day}"}
        out |= {f"{o.total:,}원", *(i.name for i in o.items), *(f"{i.unit_price:,}원" for i in o.items)}
    return sorted(out)


def _guesses(rng: random.Random, n: int) -> list[str]:
    """Order numbers in the shop's shape: every real one, their neighbours, and random dates and serials."""
    real = get_knowledge().order_numbers()
    out = list(real)
    for number in real:
        day, serial = number.split("-")
        out += [f"{day}-{int(serial) + d:04d}" for d in (-2, -1, 1, 2) if 0 <= int(serial) + d <= 9999]
    while len(out) < n:
        day = datetime(2026, 9, 1) + timedelta(days=rng.randrange(120))
        out.append(f"{day:%Y%m%d}-{rng.randrange(10000):04d}")
    return out[:n]


TEMPLATES = ("주문번호 {n} 배송 어디쯤 왔나요?", "{n} 송장번호랑 도착 예정일 알려주세요", "{n} 뭐 주문했었죠? 결제 금액도요",
             "{n} 주문 취소할 수 있나요?")


def test_guessed_order_numbers_show_nothing_and_answer_alike(pipeline: SupportPipeline) -> None:
    # GIVEN 2,000 guessed numbers in the shop's own shape (every real order among them), asked by chats that
    # are known to Channel.io but own none of them, each guess in a fresh chat (no rate limit in the way)
    rng = random.Random(11)
    guesses = _guesses(rng, 2000)
    real = set(get_knowledge().order_numbers())
    assert len(guesses) == 2000 and real <= set(guesses)
    stranger = _chat(member_id="jogun-m99999", phone="010-0000-1111")
    private = [v for v in _private_values() if len(v) >= 4]
    replies: dict[str, set[str]] = {t: set() for t in TEMPLATES}
    facts: dict[str, set[str]] = {t: set() for t in TEMPLATES}
    shown = 0
    for i, number in enumerate(guesses):
        template = TEMPLATES[i % len(TEMPLATES)] if number not in real else None
        for t in ([template] if template else TEMPLATES):  # a real order in every phrasing
            result = pipeline.answer([t.format(n=number)], now=NOW, customer=dict(stranger))
            seen = " ".join([result.reply, *result.fact_texts])
            leaked = [v for v in private if v in seen and v not in t.format(n=number)]
            shown += bool(leaked) or any(f"'{s}'" in result.reply for s in ORDER_STATUSES)
            assert not leaked, (number, leaked)
            assert not any(f.startswith("order:") for f in result.facts), result.facts
            replies[t].add(result.reply)
            facts[t].add(json.dumps([result.facts, result.fact_texts, result.handoff, result.ask_back], ensure_ascii=False))
    # THEN no order is shown, and an existing number gets exactly the answer a made-up one gets
    assert shown == 0
    assert all(len(r) == 1 for r in replies.values()), {t: len(r) for t, r in replies.items()}
    assert all(len(f) == 1 for f in facts.values())
    assert all(VERIFY_REQUEST[0] in next(iter(r)) for r in replies.values())


def test_the_owner_by_member_id_or_by_phone_sees_the_status(pipeline: SupportPipeline) -> None:
    order = get_knowledge().order(ORDER)
    for customer in (_chat(member_id="jogun-m10877"), _chat(phone="+82 10-3392-1047"),
                     _chat(member_id="someone-else", phone="010 3392 1047")):
        result = pipeline.answer([f"주문번호 {ORDER} 배송 어디쯤 왔나요?"], now=NOW, customer=customer)
        assert order.status in result.reply and order.tracking_number in result.reply, result.reply
        assert f"order:{ORDER}" in result.facts and result.customer_state is None
    # the same member's other order too; a different member, or hashes made with another salt, are not the owner
    other = pipeline.answer(["20261122-0016 어디쯤이에요?"], now=NOW, customer=_chat(member_id="jogun-m10877"))
    assert "결제완료" in other.reply
    for customer in (_chat(member_id="jogun-m10231"),
                     for_pipeline(identity_hashes(CustomerIdentity(member_id="jogun-m10877"), "another-salt-0123456789"))):
        refused = pipeline.answer([f"주문번호 {ORDER} 배송 어디쯤 왔나요?"], now=NOW, customer=customer)
        assert refused.reply == VERIFY_REQUEST[0] and order.tracking_number not in refused.reply


@pytest.mark.parametrize("answer", ["이지연 1047", "주문자 이지연이요, 뒷번호 1047", "1047 이지연입니다",
                                    "제 이름은 이지연이고 휴대폰 뒷자리는 1047이에요", "010-3392-1047 이지연", "이 지연 1047"])
def test_the_orderers_name_and_last_four_digits_verify_the_chat(pipeline: SupportPipeline, answer: str) -> None:
    order = get_knowledge().order(ORDER)
    chat = Chat(pipeline)
    asked = chat.say(f"주문번호 {ORDER} 언제 도착해요?")
    assert asked.reply == VERIFY_REQUEST[0] and asked.ask_back
    verified = chat.say(answer)
    assert "확인이 완료" in verified.reply and order.status in verified.reply and order.tracking_number in verified.reply
    again = chat.say(f"{ORDER} 송장번호 다시 알려주세요")  # remembered for this chat
    assert order.tracking_number in again.reply and "확인" not in again.reply.split(".")[0]
    stored = json.dumps(chat.states, ensure_ascii=False)
    assert not any(v in stored for v in (ORDER, ORDER.replace("-", ""), "0011", "이지연", "1047", "3392"))


def test_a_wrong_name_or_number_fails_alike_and_three_failures_lock_the_chat(pipeline: SupportPipeline) -> None:
    wrong = {}
    for label, answer in (("name", "김민수 1047"), ("digits", "이지연 1048"), ("both", "박준호 2290")):
        chat = Chat(pipeline)
        chat.say(f"주문번호 {ORDER} 배송 조회요")
        wrong[label] = chat.say(answer).reply
    nowhere = Chat(pipeline)  # a number that does not exist, with a name and digits: the same failure
    nowhere.say("주문번호 20261119-0099 배송 조회요")
    wrong["no such order"] = nowhere.say("이지연 1047").reply
    assert set(wrong.values()) == {NOT_VERIFIED[0]}, wrong

    chat = Chat(pipeline)
    chat.say(f"주문번호 {ORDER} 배송 조회요")
    replies = [chat.say(f"이지연 {digits}") for digits in ("1111", "2222", "3333")]
    assert [r.reply for r in replies] == [NOT_VERIFIED[0]] * (MAX_FAILURES - 1) + [LOCKED[0]]
    assert not replies[-1].handoff and "상담원" in replies[-1].reply  # a person is offered, not forced
    after = chat.say("이지연 1047")  # the right answer no longer counts
    assert "확인이 완료" not in after.reply and "1047" not in after.reply
    again = chat.say(f"주문번호 {ORDER} 배송 조회요")
    assert again.reply == LOCKED[0] and "배송중" not in again.reply
    person = chat.say("상담원 연결해 주세요")
    assert person.handoff and person.handoff_reason == "customer_request"


def test_a_partial_answer_is_asked_again_without_counting(pipeline: SupportPipeline) -> None:
    chat = Chat(pipeline)
    chat.say(f"주문번호 {ORDER} 배송 조회요")
    for partial in ("1047", "이지연 1047 3392"):
        result = chat.say(partial)
        assert "함께 알려주세요" in result.reply and "fails" not in (chat.customer.get("state") or {})
    assert "확인이 완료" in chat.say("이지연 1047").reply


def test_english_customers_are_asked_and_answered_in_english(pipeline: SupportPipeline) -> None:
    chat = Chat(pipeline)
    assert chat.say(f"Where is my order {ORDER}?").reply == VERIFY_REQUEST[1]
    done = chat.say("My name is 이지연, last 4 digits 1047")
    assert done.reply.startswith("Thanks, you're verified.") and "In Transit" not in done.reply


def test_look_ups_are_limited_per_chat_and_per_day(pipeline: SupportPipeline) -> None:
    chat = Chat(pipeline, _chat(member_id="jogun-m99999"))
    numbers = [f"20261120-{n:04d}" for n in range(100, 100 + MAX_LOOKUPS)]
    for number in numbers:
        assert chat.say(f"주문번호 {number} 배송 조회요").reply == VERIFY_REQUEST[0]
    assert chat.say(f"주문번호 {numbers[0]} 다시 조회요").reply == VERIFY_REQUEST[0]  # the same number counts once
    over = chat.say(f"주문번호 {ORDER} 배송 조회요")
    assert over.reply == LIMIT[0] and over.handoff and over.handoff_reason == "order_lookup_limit"
    assert "배송중" not in over.reply
    owner = Chat(pipeline, _chat(member_id="jogun-m10877"))  # the owner's own orders are never limited
    owner.customer["state"] = chat.customer["state"]
    assert "배송중" in owner.say(f"주문번호 {ORDER} 배송 조회요").reply
    tomorrow = Chat(pipeline, chat.customer, now=NOW + timedelta(hours=25))
    assert tomorrow.say(f"주문번호 {ORDER} 배송 조회요").reply == VERIFY_REQUEST[0]


def test_typed_numbers_are_spelled_without_looking_them_up() -> None:
    k = get_knowledge()
    assert order_numbers("2026 1119 0011 이랑 2026 1119 0099", k) == ["20261119-0011", "20261119-0099"]


def test_every_bundled_order_names_its_customer_and_the_index_holds_none_of_it_readable() -> None:
    k = get_knowledge()
    for number in k.order_numbers():
        owner = k.order(number).owner
        member_id, _, _ = CUSTOMERS[ORDER_CUSTOMERS[number]]
        assert {"phone", "phone_last4", "name"} <= set(owner) and ("member" in owner) == (member_id is not None)
    index, violations = build_index(BUNDLED_ONTOLOGY.read_bytes(), source=str(BUNDLED_ONTOLOGY))
    dumped = dump_index(index).decode("utf-8")
    assert not [v for v in violations if "customer" in v.message]
    for member_id, phone, name in CUSTOMERS.values():
        readable = [v for v in (member_id, phone, phone.replace("-", ""), phone[-9:], name) if v]
        assert not any(v in dumped for v in readable), name
