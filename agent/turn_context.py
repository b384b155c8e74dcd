"""One customer turn as the grounders see it: the text, its analysis, the conversation and the moment.

Follow-ups ("그건요?", "베이지는요?", "and in black?", "그럼 6만원이면요?") lean on the previous customer
message: `previous` holds it when this turn does, so grounders can take the product, order, amount or
topic from there when the turn itself does not name one. The rule is structural (a short or elliptic
turn, a demonstrative or a connective at the start, or no subject of its own: no topic, product attribute,
order or problem concept), not a word list of topics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agent.turn_analysis import TurnAnalysis, analyse_turn, language
from core.language.lexicon import TOPIC_CONCEPTS

_LEANING_START = re.compile(r"^\s*(그럼|그러면|그렇다면|그거|그건|그게|그걸|이거|이건|저거|저건|거기|그리고|근데|그런데|아\s|아하|혹시\s*그럼|"
                            r"and\b|what\s+about\b|how\s+about\b|also\b|then\b|so\b|ok\s+and\b|what\s+if\b|is\s+it\b|does\s+it\b)", re.I)
_ELLIPTIC_TAIL = re.compile(r"(은|는|도|이면|면|으로|로)\s*요\s*[?？!.]*\s*$|(은|는)\s*[?？]+\s*$|^\s*\S+\s*(은|는)요?\s*[?？]*\s*$|"
                            r"(거|것|건)\s*(이면|면)요\s*[?？]|"
                            r"(?<=[가-힣])(으면|면)\s*[?？]+\s*$")  # "…주문하면?": a what-if too  # "배송비 내고 산 거면요? 3천원 냈거든요": a what-if
SHORT_CHARS = 14
# What a turn can be about on its own: a shop topic, a product attribute, an order, a problem, small talk. A turn
# with none of them ("지금 4800원 있는데 못써요?", "그럼 주말은 어떻게 돼요") leans on the previous message.
_SUBJECTS = TOPIC_CONCEPTS | frozenset({
    "price", "discount", "stock", "option", "measure", "material", "care", "origin", "brand", "recommend", "fit", "body",
    "shipping", "tracking", "status", "order", "arrival", "greeting", "wish", "thanks", "human", "offtopic", "complaint",
    "missing_item", "double_charge", "similar", "compare", "gift", "property"})


# what a customer asks the shop to do about goods bought: the request a later message tells the case of
_AFTER_SALE = frozenset({"returns", "exchange", "cancellation", "refund"})


def _after_sale_asked(text: str | None) -> bool:
    """An after-sale action asked for with no case told ("반품하려구요", "교환하고 싶어요"): a short request."""
    if not text:
        return False
    a = analyse_turn(text)
    return bool(a.concepts & _AFTER_SALE) and len("".join(text.split())) < SHORT_CHARS and a.question in (None, "yes_no")


def _order_given_as_asked(text: str, analysis: TurnAnalysis, history: Sequence[dict[str, Any]] | None) -> bool:
    """"20261121-0018 이에요" after the shop asked for the order number of a request made with none ("주문 취소하고
    싶어요"): the number completes that request, it asks nothing of its own."""
    from agent.turn_analysis import ORDER_REF

    said = last_shop_reply(history)
    before = last_user_text(history) or ""
    return bool(before) and bool(ORDER_REF.search(text)) and bool(re.search(r"주문\s*번호|order\s+number", said, re.I)) \
        and not ORDER_REF.search(before) and not (analysis.concepts & _SUBJECTS - {"order"}) and not analysis.is_question


@dataclass
class Turn:
    text: str
    analysis: TurnAnalysis
    history: list[dict[str, Any]] = field(default_factory=list)
    now: datetime | None = None
    previous: str | None = None  # the previous customer message, when this turn leans on it
    customer: dict[str, Any] | None = None
    access: Any = None  # the chat's `agent.order_access.OrderAccess` for this turn (the pipeline sets it)
    same_message: tuple[str, ...] = ()  # the earlier questions of the same message, when the pipeline split it

    @property
    def lang(self) -> str:
        return self.analysis.lang if self.analysis.lang == "en" or not self._english_conversation() else "en"

    @property
    def last_reply(self) -> str:
        """The shop's last reply in the conversation ("" when none)."""
        return last_shop_reply(self.history)

    def _english_conversation(self) -> bool:
        """A very short turn ("ok", "L?") follows the language of the conversation so far."""
        compact = "".join(self.text.split())
        if len(compact) > 6:
            return False
        last = last_user_text(self.history)
        return bool(last) and language(last) == "en"


def last_shop_reply(history: Sequence[dict[str, Any]] | None) -> str:
    """The shop's last reply in the conversation ("" when none)."""
    return next((str(h.get("text", "")) for h in reversed(list(history or [])) if h.get("role") == "assistant"), "")


def last_user_text(history: Sequence[dict[str, Any]] | None) -> str | None:
    for item in reversed(list(history or [])):
        if item.get("role") == "user" and item.get("text"):
            return str(item["text"])
    return None


def user_texts(history: Sequence[dict[str, Any]] | None, limit: int = 3) -> list[str]:
    """The customer's earlier messages, newest first (at most `limit`)."""
    out = [str(item["text"]) for item in reversed(list(history or [])) if item.get("role") == "user" and item.get("text")]
    return out[:limit]


def leans_on_previous(text: str, analysis: TurnAnalysis, history: Sequence[dict[str, Any]] | None) -> bool:
    """Whether the turn continues the previous customer message (see module docstring)."""
    if not last_user_text(history):
        return False
    clean = unicodedata.normalize("NFKC", text or "")
    compact = "".join(clean.split())
    words = clean.split()
    if _LEANING_START.search(clean) or _ELLIPTIC_TAIL.search(clean):
        return True
    from agent.route_evidence import case_told

    if not (analysis.concepts & _AFTER_SALE) and _after_sale_asked(last_user_text(history)) \
            and (not analysis.is_question or case_told(analysis)):
        # "반품하려구요", then "택은 안뗐고 받은지 3일 됐어요. 무료배송으로 받았어요": the case of the request told, no
        # question of its own (a fee word in it is the customer's case, not a new topic); or the case told and a
        # question on it ("미개봉이고 그저께 받았어요 배송비 얼마 내야돼요?": the request's fee)
        return True
    if not (analysis.concepts | analysis.negated) & _SUBJECTS and not re.search(r"\d{6,}", compact):
        return True  # nothing of its own to be about (a long order or phone number is something)
    main = main_clause(clean)
    if main != clean and not (analyse_turn(main).concepts & _SUBJECTS) and not re.search(r"\d{6,}", compact):
        return True  # "받은지 9일 됐는데 지금도 되나요?": a condition, then a question with no subject of its own
    if analysis.lang == "en":
        return len(words) <= 5
    return len(compact) < SHORT_CHARS


# "그거", "이 상품", "that one": a word pointing at what the conversation is about (anywhere in a turn; `.match` for
# a phrase that starts with one)
DEMONSTRATIVE = re.compile(r"(?:그거|그것|그걸|그건|그게|이거|이것|이건|저거|저건|이\s?상품|그\s?상품)(?![가-힣])|"
                           r"\b(?:that|this)(?:\s+one)?\b|\bit\b", re.I)


# a connective ending that closes a condition or background clause ("됐는데", "했으면", "샀으니까", "입었지만")
CLAUSE_END = re.compile(r"(?<=[가-힣])(?:는데|은데|인데|던데|런데|한데|운데|으면|면|니까|지만|고요|구요)[,.]?\s+")


def main_clause(text: str) -> str:
    """The last clause of a Korean sentence: what is asked, after any condition or background clause."""
    parts = CLAUSE_END.split(text)
    return parts[-1] if len(parts) > 1 and parts[-1].strip() else text


def make_turn(text: str, history: Sequence[dict[str, Any]] | None, now: datetime | None,
              customer: dict[str, Any] | None = None) -> Turn:
    analysis = analyse_turn(text)
    # every earlier message not the customer's is the shop's reply, however the caller names its role ("assistant" in
    # the chat state, "bot" or "manager" in hand-written histories)
    history = [item if item.get("role") in ("user", "assistant") else {**item, "role": "assistant"}
               for item in history or []]
    if _order_given_as_asked(text, analysis, history):
        # the request and the number it was asked for, read as one message ("주문 취소하고 싶어요" + "20261121-0018")
        text = f"{last_user_text(history)} {text}"
        analysis = analyse_turn(text)
        return Turn(text=text, analysis=analysis, history=history, now=now, previous=None, customer=customer)
    previous = last_user_text(history) if leans_on_previous(text, analysis, history) else None
    return Turn(text=text, analysis=analysis, history=history, now=now, previous=previous, customer=customer)


def as_turn(turn: "Turn | str", history: Sequence[dict[str, Any]] | None = None, now: datetime | None = None) -> Turn:
    """A grounder's input: the pipeline passes a Turn; direct callers (tests, tools) may pass the text."""
    return turn if isinstance(turn, Turn) else make_turn(turn, history, now)
