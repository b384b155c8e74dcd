"""Who may see an order: its status, tracking and contents are shown only to the order's owner.

An order in the knowledge index carries `owner` fingerprints (`core.identity`: member id, phone, last 4
digits, orderer's name). A chat is the owner when the spine's salted hashes of its Channel.io user (member
id or phone) equal `customer_hash(salt, kind, order.owner[kind])`, or when the customer confirmed the
order in this chat with the orderer's name and the last 4 digits of the phone. Anyone else gets the same
verification request whether or not the number exists, so guessing numbers tells nothing.

The per-chat memory (verified orders, the pending verification, failed attempts, recent look-ups) lives in
the opaque `customer_state` the pipeline returns and the spine stores: only salted short hashes of order
numbers and timestamps, never a readable number or name. Limits: `MAX_LOOKUPS` distinct order numbers per
`LOOKUP_WINDOW_S` per chat (then a person takes over), `MAX_FAILURES` failed verifications per chat (then no
more attempts). Pure logic: no I/O; the pipeline owns one `OrderAccess` per turn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.identity import customer_hash, fingerprint

STATE_VERSION = 1
MAX_LOOKUPS = 5  # distinct order numbers a chat may ask about (not owned by its identity) per window
LOOKUP_WINDOW_S = 24 * 3600
MAX_FAILURES = 3  # failed name + last-4 checks before the chat may not try again
MAX_PENDING = 3
MAX_VERIFIED = 20
KEY_CHARS = 16

# What the customer is told, Korean and English. None of them names the order number or says whether it exists.
VERIFY_REQUEST = ("주문 정보는 주문하신 분께만 안내해 드리고 있어요. 본인 확인을 위해 주문자 성함과 휴대폰 번호 뒷 4자리를 "
                  "함께 알려주시겠어요? 주문번호가 정확한지도 한 번 더 확인 부탁드려요.",
                  "For privacy, order details are shared only with the person who placed the order. Could you tell me "
                  "the orderer's name and the last 4 digits of their phone number? Please also double-check the order "
                  "number.")
VERIFY_MISSING = ("확인을 위해 주문자 성함과 휴대폰 번호 뒷 4자리를 함께 알려주세요.",
                  "To verify, please send the orderer's name together with the last 4 digits of the phone number.")
NOT_VERIFIED = ("말씀해 주신 정보로는 주문자 확인이 되지 않아요. 주문번호와 주문자 성함, 휴대폰 번호 뒷 4자리를 다시 한 번 "
                "확인해 주시겠어요?",
                "I couldn't verify that. Could you double-check the order number, the orderer's name and the last 4 "
                "digits of the phone number?")
LOCKED = ("본인 확인이 여러 번 되지 않아서 이 채팅에서는 더 이상 주문 정보를 확인해 드릴 수 없어요. 상담원 연결을 원하시면 "
          "'상담원 연결'이라고 말씀해 주세요. 담당자가 직접 확인해 드릴게요.",
          "The order could not be verified after several tries, so I can't check order details in this chat anymore. "
          "If you'd like, say 'connect me to an agent' and a staff member will check it for you.")
LIMIT = ("짧은 시간에 여러 주문을 조회하셔서 더 이상 자동으로 안내해 드리기 어려워요. 담당자에게 연결해 드릴게요. 잠시만 "
         "기다려 주세요.",
         "You've looked up several orders in a short time, so I can't check more automatically. I'll connect you to a "
         "staff member; please wait a moment.")
VERIFIED = ("주문자 확인이 완료되었어요.", "Thanks, you're verified.")
VERIFY_FACT = "본인 확인 필요: 주문자 성함과 휴대폰 번호 뒷 4자리"


@dataclass(frozen=True)
class Refusal:
    """Why this chat is not shown an order, as the customer reads it (the same for an order that does not exist)."""

    kind: str  # "verify" | "locked" | "limit"
    text: str
    handoff: bool = False

    def apply(self, g: Any) -> None:
        """Put the refusal in a grounding: the line (once), its fact, no LM, an ask-back or a handoff."""
        if self.text not in g.sentences:
            g.sentences.append(self.text)
        self.register(g)

    def register(self, g: Any) -> None:
        """Its fact and flags only (the caller places the line): no order fact, no LM, ask back or hand off."""
        g.add(f"access:{self.kind}", VERIFY_FACT)
        g.use_lm = False
        g.topic = "order_verification"
        if self.handoff:
            g.handoff, g.handoff_reason = True, "order_lookup_limit"
        else:
            g.ask_back = True


def _say(line: tuple[str, str], lang: str) -> str:
    return line[1] if lang == "en" else line[0]


def epoch(now: datetime | None) -> int:
    """Seconds of `now` read as shop-local wall time (the pipeline's clock); the state only compares them."""
    if now is None:
        now = datetime.now()
    if now.tzinfo is not None:
        now = now.replace(tzinfo=None)
    return int((now - datetime(1970, 1, 1)).total_seconds())


@dataclass
class OrderAccess:
    """One turn's view of what this chat may see, and the state it hands back (`export`)."""

    customer: dict[str, Any] | None = None
    salt: str = ""
    now: int = 0
    state: dict[str, Any] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def for_turn(cls, customer: dict[str, Any] | None, salt: str | None, now: datetime | None) -> "OrderAccess":
        """The chat's access from the spine's customer record (hashes + the state this module returned before)."""
        state = _clean_state((customer or {}).get("state"))
        return cls(customer=customer, salt=salt or "", now=epoch(now), state=state)

    # -- keys -------------------------------------------------------------------------------------------
    def key(self, number: str) -> str:
        """A salted short hash of an order number: what the state keeps instead of the number."""
        from core.knowledge.order_numbers import canonical

        return customer_hash(self.salt, "order", canonical(number))[:KEY_CHARS]

    # -- ownership --------------------------------------------------------------------------------------
    def owns(self, order: Any) -> bool:
        """The chat's Channel.io member id or phone is the order's customer."""
        owner = getattr(order, "owner", None) or {}
        customer = self.customer or {}
        for kind, field_name in (("member", "member_hash"), ("phone", "phone_hash")):
            mine = customer.get(field_name)
            if mine and owner.get(kind) and customer_hash(self.salt, kind, owner[kind]) == mine:
                return True
        return False

    def is_verified(self, order: Any) -> bool:
        return self.key(order.number) in self.state.get("verified", [])

    @property
    def locked(self) -> bool:
        return int(self.state.get("fails", 0)) >= MAX_FAILURES

    @property
    def pending(self) -> list[str]:
        return [k for k, at in self.state.get("pending", []) if self.now - at < LOOKUP_WINDOW_S]

    # -- look-ups ---------------------------------------------------------------------------------------
    def order(self, knowledge: Any, number: str, lang: str = "ko") -> tuple[Any, Refusal | None]:
        """(the order, None) when this chat may see it, else (None, the refusal) — whether or not it exists."""
        order = knowledge.order(number)
        if order is not None and (self.owns(order) or self.is_verified(order)):
            return order, None
        if self.locked:
            return None, Refusal("locked", _say(LOCKED, lang))
        typed = self.key(number)
        recent = [(k, at) for k, at in self.state.get("seen", []) if self.now - at < LOOKUP_WINDOW_S]
        if typed not in {k for k, _ in recent}:
            if len(recent) >= MAX_LOOKUPS:
                self._set("seen", recent)
                return None, Refusal("limit", _say(LIMIT, lang), handoff=True)
            recent.append((typed, self.now))
        self._set("seen", recent)
        target = self.key(order.number) if order is not None else typed
        pending = [(k, at) for k, at in self.state.get("pending", []) if k != target][-(MAX_PENDING - 1):]
        self._set("pending", [*pending, (target, self.now)])
        return None, Refusal("verify", _say(VERIFY_REQUEST, lang))

    def pending_orders(self, knowledge: Any) -> list[Any]:
        """The orders waiting for verification in this chat (numbers that do not exist match none)."""
        keys = set(self.pending)
        if not keys:
            return []
        found = []
        for number in knowledge.order_numbers():
            if self.key(number) in keys:
                order = knowledge.order(number)
                if order is not None:
                    found.append(order)
        return found

    def names_any(self, knowledge: Any, numbers: list[str], orders: list[Any]) -> bool:
        """Does one of the typed `numbers` name one of `orders` (however it was typed)?"""
        wanted = {self.key(o.number) for o in orders}
        return any((o := knowledge.order(n)) is not None and self.key(o.number) in wanted for n in numbers)

    def verify(self, knowledge: Any, names: list[str], last4: str) -> list[Any]:
        """Check a name + last 4 digits against the pending orders: the verified orders (empty: one failure)."""
        last4_fp = fingerprint("phone_last4", last4)
        name_fps = {fp for n in names if (fp := fingerprint("name", n))}
        matched = [o for o in self.pending_orders(knowledge)
                   if o.owner.get("phone_last4") and o.owner.get("phone_last4") == last4_fp
                   and o.owner.get("name") in name_fps]
        if matched:
            keys = {self.key(o.number) for o in matched}
            verified = [k for k in self.state.get("verified", []) if k not in keys] + sorted(keys)
            self._set("verified", verified[-MAX_VERIFIED:])
            self._set("pending", [(k, at) for k, at in self.state.get("pending", []) if k not in keys])
        else:
            self._set("fails", int(self.state.get("fails", 0)) + 1)
            if self.locked:
                self._set("pending", [])
        return matched

    # -- state ------------------------------------------------------------------------------------------
    def _set(self, name: str, value: Any) -> None:
        value = [list(v) for v in value] if name in ("seen", "pending") else value
        if self.state.get(name) != value:
            self.state[name] = value
            self.changed = True

    def export(self) -> dict[str, Any] | None:
        """The state to store for the next turn (None when this turn changed nothing)."""
        if not self.changed:
            return None
        return {"v": STATE_VERSION, **{k: v for k, v in self.state.items() if k != "v"}}


def _clean_state(raw: Any) -> dict[str, Any]:
    """The stored state, or a fresh one when it is missing, from another version or malformed."""
    if not isinstance(raw, dict) or raw.get("v") != STATE_VERSION:
        return {}
    out: dict[str, Any] = {}
    for name in ("seen", "pending"):
        items = raw.get(name)
        if isinstance(items, list):
            out[name] = [[str(k), int(at)] for k, at in (i for i in items if isinstance(i, list) and len(i) == 2)
                         if isinstance(at, int)]
    if isinstance(raw.get("verified"), list):
        out["verified"] = [str(k) for k in raw["verified"]][-MAX_VERIFIED:]
    if isinstance(raw.get("fails"), int):
        out["fails"] = raw["fails"]
    return out


def access_of(turn: Any) -> OrderAccess:
    """The turn's access (the pipeline attaches one); a bare turn is a chat with no identity and no history."""
    access = getattr(turn, "access", None)
    if isinstance(access, OrderAccess):
        return access
    access = OrderAccess.for_turn(getattr(turn, "customer", None), "", getattr(turn, "now", None))
    try:
        turn.access = access
    except AttributeError:
        pass
    return access


def order_for_turn(knowledge: Any, number: str, turn: Any) -> tuple[Any, Refusal | None]:
    """(the order, None) when this chat may see it; (None, a refusal to show) otherwise — the same refusal
    whether the order does not exist or is someone else's. Every place that shows order data goes through
    here (`knowledge.order` is for operator tools)."""
    return access_of(turn).order(knowledge, number, getattr(turn, "lang", "ko"))


# -- the customer's answer to a verification request ----------------------------------------------------

MOBILE_NUMBER = r"(?<!\d)(?:\+?82[\s.-]?)?0?1[016789][\s.-]?\d{3,4}[\s.-]?\d{4}(?!\d)"  # a Korean mobile number
_PHONE = re.compile(MOBILE_NUMBER)
_FOUR = re.compile(r"(?<![\d-])\d{4}(?![\d-])")
_WORD = re.compile(r"[가-힣]+|[A-Za-z]+(?:['-][A-Za-z]+)*")
# Label and filler words around a name ("주문자 김민수요, 뒷번호 5678"); concept words come from the lexicon.
_LABELS = frozenset((
    "주문자 주문인 주문하신 주문한 주문 이름 성함 본인 명의 수령인 받는분 받는사람 고객 제 저 저는 제가 제이름 휴대폰 핸드폰 휴대전화 "
    "전화 전화번호 연락처 번호 뒷번호 뒷자리 끝번호 끝자리 뒤 뒷 뒤에 마지막 자리 네 넵 예 입니다 이에요 예요 이고 그리고 "
    "확인 부탁 부탁드려요 부탁드립니다 해주세요 주세요 감사합니다 맞아요 맞습니다 요 님 씨 이름은 성함은 "
    "my name is the last four digits digit phone number mobile cell and it's its i'm im i am order orderer ending ends "
    "in with are please hi hello thanks of by for under placed it was this that me a to on").casefold().split())
_SUFFIXES = ("입니다", "이에요", "이예요", "예요", "에요", "이고요", "이구요", "이고", "이며", "이라고", "라고", "이요", "님이요",
             "님", "씨", "이랑", "랑", "은", "는", "이", "가", "요", "고")
MAX_NAME_WORDS = 3


@dataclass(frozen=True)
class VerificationAnswer:
    """What a turn offers as proof: name candidates and the last 4 digits (None when absent or ambiguous)."""

    names: tuple[str, ...]
    last4: str | None
    ambiguous: bool = False

    @property
    def complete(self) -> bool:
        return bool(self.names) and self.last4 is not None and not self.ambiguous


def _name_forms(word: str) -> list[str]:
    """A word and the word without a trailing particle or copula ("김민수요" → 김민수, "김민수입니다" → 김민수)."""
    forms = [word]
    for _ in range(2):
        last = forms[-1]
        cut = next((last[:-len(s)] for s in _SUFFIXES if last.endswith(s) and len(last) - len(s) >= 2), None)
        if cut is None:
            break
        forms.append(cut)
    return forms


_PREDICATE_TAGS = frozenset({"VV", "VA", "VX", "XSV", "XSA"})


def _name_word(word: str) -> tuple[bool, bool]:
    """(may be part of a name, is shop vocabulary): labels ("주문자", "뒷번호는") and predicates ("주문했는데요",
    "알려주세요": a verb or adjective, never a name) are no name; a word the analyser knows ("배송이요", "지연") may
    still be part of one ("이 지연") but does not make a message an answer, nor count as a name tried."""
    from agent.turn_analysis import analyse_turn
    from core.language.morphology import analyse

    forms = _name_forms(word)
    if any(f.casefold() in _LABELS for f in forms) or (len(forms[-1]) < 2 and not re.fullmatch(r"[가-힣]", word)):
        return False, False  # one Hangul syllable may be a surname typed apart ("김 민수")
    if re.search(r"[가-힣]", word) and any(m.pos in _PREDICATE_TAGS for m in analyse(word)):
        return False, False
    return True, bool(analyse_turn(word).hits)


def read_verification(text: str, knowledge: Any = None) -> VerificationAnswer:
    """The name and last 4 digits a customer typed, in any order and spacing ("김민수 5678", "주문자 김민수요,
    뒷번호 5678", "Minsu Kim, 5678", "010-1234-5678 김민수"). Order numbers are removed first; more than one
    4-digit group, or more than MAX_NAME_WORDS name words, is ambiguous (checked as nothing, so one message
    cannot try many names or numbers)."""
    s = unicodedata.normalize("NFKC", text or "")
    pattern = getattr(knowledge, "order_number_pattern", None)
    shop_pattern = pattern() if callable(pattern) else None
    if shop_pattern is not None:
        s = shop_pattern.sub(" ", s)
    digits = {re.sub(r"\D", "", m.group(0))[-4:] for m in _PHONE.finditer(s)}
    s = _PHONE.sub(" ", s)
    digits |= {m.group(0) for m in _FOUR.finditer(s)}
    s = re.sub(r"\d+[가-힣]*", " ", s)  # with what is glued to the digits ("5678이요", "5678입니다")
    read = [(m.group(0), *_name_word(m.group(0))) for m in _WORD.finditer(s)]
    words = [_name_forms(word) for word, usable, _ in read if usable]
    if all(vocabulary for _, usable, vocabulary in read if usable):
        words = []  # only shop words ("배송 지연 1234"): not an answer to the verification request
    names = [f for forms in words for f in forms if len(f) >= 2]
    for a, b in zip(words, words[1:]):  # a name typed with a space ("김 민수", "Minsu Kim")
        names.append(a[-1] + b[-1])
        if a[-1].isascii() and b[-1].isascii():
            names.append(b[-1] + a[-1])
    tried = sum(1 for _, usable, vocabulary in read if usable and not vocabulary)  # a question beside the name
    # (shop words beside the name are no names tried, but a list of them is: "이지연 박지연 최지연 김지연 …")
    ambiguous = len(digits) > 1 or tried > MAX_NAME_WORDS or len(words) > 2 * MAX_NAME_WORDS
    return VerificationAnswer(names=tuple(dict.fromkeys(names)), last4=next(iter(digits)) if len(digits) == 1 else None,
                              ambiguous=ambiguous)


def owner_identity(knowledge: Any, text: str, salt: str = "") -> dict[str, Any] | None:
    """The `customer` record under which a chat owns the orders named in `text` (the evaluation harness and
    tests ask "as the owner"): the first named order's member and phone hashes with the pipeline's `salt`,
    and every named order verified in its state. None when `text` names no existing order."""
    from agent.entities import order_numbers

    orders = [o for n in order_numbers(text, knowledge) if (o := knowledge.order(n)) is not None and o.owner]
    if not orders:
        return None
    first = orders[0].owner
    out: dict[str, Any] = {}
    if first.get("member"):
        out["member_hash"] = customer_hash(salt, "member", first["member"])
    if first.get("phone"):
        out["phone_hash"] = customer_hash(salt, "phone", first["phone"])
        if first.get("phone_last4"):
            out["phone_last4_hash"] = customer_hash(salt, "phone_last4", first["phone_last4"])
    access = OrderAccess(salt=salt)
    out["state"] = {"v": STATE_VERSION, "verified": sorted({access.key(o.number) for o in orders})}
    return out
