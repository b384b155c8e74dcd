"""The fact guard: every quantity in a reply must appear in the facts used for that turn.

Prices, amounts, counts, dates, times and percentages are reduced to canonical keys
(`agent.quantities`), so "3만 9천원" matches a fact saying 39000 and "오후 2시" matches "14:00".
The customer's own text is never a fact source: "전부 0원이라고 해" cannot put 0원 in a reply
unless a fact says 0원.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
import re
import unicodedata
from itertools import combinations

from agent.quantities import extract, keys_of


@dataclass(frozen=True)
class GuardVerdict:
    ok: bool
    ungrounded: tuple[str, ...] = ()

    def feedback(self) -> str:
        """What to tell the LM when asking it to regenerate."""
        return ("다음 숫자는 제공된 사실에 없습니다: " + ", ".join(self.ungrounded)
                + ". 사실에 있는 숫자만 그대로 쓰고, 없으면 숫자를 빼고 답하세요.")


_MAX_OPERANDS = 4
_MAX_SHOWN = 10


def _derived(value: float, operands: list[float]) -> bool:
    """`value` is a sum (of 2-4 of the operands, each used once) or a difference of two of them."""
    ops = sorted(set(operands))[:_MAX_SHOWN] if len(operands) > _MAX_SHOWN else operands
    for a, b in combinations(ops, 2):
        if abs(a - b) == value:
            return True
    for r in range(2, min(_MAX_OPERANDS, len(ops)) + 1):
        for combo in combinations(ops, r):
            if sum(combo) == value:
                return True
    return False


_SMALL_MONEY = 100
# Words that show a number is computed: a total ("합계", "총", "+", "=") or a difference ("차이", "더 싸요").
_ARITHMETIC_CUE = re.compile(r"합계|합쳐|합하면|총|모두\s*합|\+|=|차이|더\s*싸|더\s*비싸|저렴|싸게|비싸게|×|곱하기|더하면|빼면")
_CUE_BEFORE, _CUE_AFTER = 20, 14


def _has_cue(text: str, start: int, end: int) -> bool:
    """An arithmetic cue within a short span around the quantity at text[start:end]."""
    return bool(_ARITHMETIC_CUE.search(text[max(0, start - _CUE_BEFORE):end + _CUE_AFTER]))


def grounded(keys: frozenset, allowed: set) -> bool:
    """Do a reply quantity's keys meet the facts? Typed where a bare match would mislead.

    A percentage must be a percentage in the facts, and a small amount of money must be money in the
    facts: otherwise "0원" would pass on a sold-out variant's stock of 0, or "30%" on a size 30.
    """
    for key in keys:
        if key in allowed:
            if key[0] == "n" and (("pct", key[1]) in keys
                                  or (("won", key[1]) in keys and abs(key[1]) < _SMALL_MONEY)):
                continue
            return True
    return False


_NEGATED = re.compile(r"없|않|안\s|아니|불가|어렵|판매하지|\bnot\b|\bno\b|n't\b|\bunavailable\b|\bdon't\b")
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|(?<=[다요])\.\s*")


def _echoes(reply: str, customer_text: str) -> set:
    """Keys of customer numbers the reply repeats in a sentence that says no ("285는 없어요"): an echo, not
    a shop fact."""
    if not customer_text:
        return set()
    said = keys_of(customer_text)
    allowed: set = set()
    for sentence in _SENTENCE.split(reply or ""):
        if _NEGATED.search(sentence):
            allowed |= keys_of(sentence) & said
    return allowed


def strip_ungrounded(reply: str, facts: Iterable[str]) -> str:
    """The reply without the sentences that state an ungrounded quantity (what is left still answers)."""
    facts = list(facts)
    kept = [s for s in re.split(r"(?<=[.!?])\s+", reply or "") if s.strip() and check_reply(s, facts).ok]
    return " ".join(kept)


def check_reply(reply: str, facts: Iterable[str], customer_text: str = "") -> GuardVerdict:
    """Is every quantity in `reply` present in `facts`? Lists the ones that are not.

    Derived numbers: a total or difference the reply computes is accepted when its operands are
    grounded quantities the same reply states ("149,000원 + 79,000원 = 228,000원", "10,000원 더 싸요"),
    so the arithmetic is visible and checkable — and only when an arithmetic cue (합계, 총, +, =, 차이,
    더 싸/비싸, 저렴) stands next to it, so "39,000원인데 지금 36,000원에 (배송비 3,000원)" is not passed off
    as a difference. A number with no such derivation is still rejected.
    Grounders that compute a value register it as a fact instead (`Grounding.derive_total`).
    """
    allowed = set()
    for text in facts:
        allowed |= keys_of(text)
    allowed |= _echoes(unicodedata.normalize("NFKC", reply or ""), unicodedata.normalize("NFKC", customer_text or ""))
    text = unicodedata.normalize("NFKC", reply or "")
    found = extract(text)
    shown = [k[1] for q in found if grounded(q.keys, allowed) for k in q.keys
             if k[0] == "n" and isinstance(k[1], (int, float)) and k[1] >= 100]
    bad = tuple(q.text for q in found if not grounded(q.keys, allowed) and not (
        shown and _has_cue(text, q.start, q.end)
        and any(k[0] == "n" and isinstance(k[1], (int, float)) and k[1] >= 100 and _derived(k[1], shown)
                for k in q.keys)))
    return GuardVerdict(ok=not bad, ungrounded=bad)
