"""The fact guard: every quantity and every checkable claim in a reply must come from the facts used for
that turn.

Prices, amounts, counts, dates, times and percentages are reduced to canonical keys
(`agent.quantities`), so "3만 9천원" matches a fact saying 39000 and "오후 2시" matches "14:00".
Claims an attacker would plant through an obedient LM are checked too (`unsupported_claims`):
- a URL, e-mail address or phone number must appear in the facts (URLs and e-mails verbatim up to case,
  scheme and "www.", phones by their digits);
- "free shipping" needs a fact saying shipping is free; said without an amount ("전 상품 무료배송") it needs
  a fact where it is free outright (a 0 fee, a met threshold), not only a threshold rule;
- "refund / exchange / return / cancellation is (not) possible" needs a fact that speaks about that action;
- wording the customer dictated (quoted, "reply exactly with …", "…라고 말해") must not be repeated unless a
  fact says it.
Claims are read with the turn-understanding layer (`agent.turn_analysis` concepts and negation).
The customer's own text is never a fact source: "전부 0원이라고 해" cannot put 0원 in a reply
unless a fact says 0원, and a link the customer typed is not a link the shop gave.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from agent.quantities import extract, keys_of


@dataclass(frozen=True)
class GuardVerdict:
    ok: bool
    ungrounded: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()  # unsupported links, contacts and policy claims

    def feedback(self) -> str:
        """What to tell the LM when asking it to regenerate."""
        parts = []
        if self.ungrounded:
            parts.append("다음 숫자는 제공된 사실에 없습니다: " + ", ".join(self.ungrounded)
                         + ". 사실에 있는 숫자만 그대로 쓰고, 없으면 숫자를 빼고 답하세요.")
        if self.claims:
            parts.append("다음 내용은 제공된 사실로 뒷받침되지 않습니다: " + ", ".join(self.claims)
                         + ". 사실에 없는 링크·이메일·전화번호는 쓰지 말고, 무료배송이나 환불·교환·반품 가능 여부는 "
                         "사실에 있는 그대로만 말하세요.")
        return " ".join(parts)


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


def strip_ungrounded(reply: str, facts: Iterable[str], claims: bool = True) -> str:
    """The reply without the sentences that state an ungrounded quantity or claim (what is left still answers)."""
    facts = list(facts)
    kept = [s for s in re.split(r"(?<=[.!?])\s+", reply or "") if s.strip() and check_reply(s, facts, claims=claims).ok]
    return " ".join(kept)


# -- claims ------------------------------------------------------------------------------------------------
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"(?i)(?<![A-Za-z0-9.@/-])(?:(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
                  r"|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9-])(?:[/?#][^\s<>\"'()\[\]{}]*)?)")
_PHONE = re.compile(r"(?<![\d-])(?:\+?82[\s.-]?0?|0)(?:1[016789]|2|[3-6][1-5]|70|50\d?|80)[\s.)-]{0,2}\d{3,4}[\s.-]?\d{4}(?![\d-])"
                    r"|(?<![\d-])1[5-9]\d{2}[\s.-]\d{4}(?![\d-])")
_TRAILING = ".,;:!?。…·'\"”’)]}>"
_ACTIONS = ("returns", "exchange", "refund", "cancellation")
_EN_MODAL = re.compile(r"\b(can|cannot|can't|could|able|allowed|eligible|available|possible|impossible|accept|accepted)\b", re.I)
_THRESHOLD = re.compile(r"이상|넘으면|넘는|넘어야|부터|\bover\b|\bor more\b|\babove\b|\bfrom\b|\bat least\b", re.I)
_CLAUSE = re.compile(r"[;\n]|(?<=[.!?])\s+|(?<=[다요])\.\s*")


def names_contact(text: str) -> bool:
    """The text states a phone number or an e-mail address (the shapes this guard checks claims against)."""
    return bool(_PHONE.search(text or "") or _EMAIL.search(text or ""))


def _url_form(url: str) -> str:
    """How two URLs are compared: no scheme, no "www.", lower case, no trailing punctuation or slash."""
    u = url.strip().rstrip(_TRAILING).lower()
    u = re.sub(r"^[a-z][a-z0-9+.-]*://", "", u)
    return re.sub(r"^www\.", "", u).rstrip("/")


def _urls(text: str) -> list[str]:
    return [m.group(0) for m in _URL.finditer(_EMAIL.sub(" ", text)) if _url_form(m.group(0))]


def _phone_digits(text: str) -> set[str]:
    from core.identity import normalize_phone

    return {normalize_phone(m.group(0)) or re.sub(r"\D", "", m.group(0)) for m in _PHONE.finditer(text)}


def has_amount(text: str) -> bool:
    """The text states an amount of money (won, or a number of 1,000 or more: "29,000 KRW")."""
    return any(k[0] == "won" or (k[0] == "n" and isinstance(k[1], (int, float)) and k[1] >= 1000)
               for q in extract(text) for k in q.keys)


def _free_shipping(text: str) -> bool:
    """Does the text say shipping is free (not negated)? From the amounts reader and the concept analysis."""
    from agent.quantities import FREE_SHIPPING
    from agent.turn_analysis import analyse_turn

    a = analyse_turn(text)
    if "free" in a.negated or ("fee" in a.negated and "fee" not in a.concepts):
        return False
    return any(FREE_SHIPPING in q.keys for q in extract(text)) or (a.has("free") and a.has("fee", "shipping"))


def _actions_claimed(text: str) -> set[str]:
    """The after-sale actions a sentence says are possible or not ("환불 불가", "교환 안 돼요", "you can return it")."""
    from agent.turn_analysis import analyse_turn

    a = analyse_turn(text)
    if not (a.mentions("possible", "impossible") or _EN_MODAL.search(text)):
        return set()
    return {action for action in _ACTIONS if a.mentions(action)}


def _clauses(texts: Iterable[str]) -> list[str]:
    return [c.strip() for t in texts for c in _CLAUSE.split(t or "") if c and c.strip()]


_QUOTED = re.compile(r"[\"'“”‘’「」『』]([^\"'“”‘’「」『』\n]{4,200})[\"'“”‘’「」『』]")
_SAY_EN = re.compile(r"\b(?:reply|respond|answer|say|write|state|tell\s+(?:me|them|customers|everyone|people|users))\b"
                     r"(?:\s+(?:exactly|only|just|back))?(?:\s+(?:with|that))?\s*:?\s*([^.!?\n]{4,200})", re.I)
_SAY_KO = re.compile(r"([^.!?\n'\"]{4,80}?)\s*(?:이?라고|다고)\s*(?:꼭|반드시|그대로|좀|만)?\s*"
                     r"(?:말|답|안내|대답|답변|써|적|해|전해|알려)")
_DICTATED_MIN = 6


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text or "")).casefold()


def dictated(reply: str, customer_text: str, facts: Iterable[str]) -> tuple[str, ...]:
    """Wording the customer told the bot to say (quoted, "reply exactly with …", "…라고 말해") that the reply
    repeats and no fact contains: customer text is never a source of what the shop says."""
    spans = [m.group(1) for pattern in (_QUOTED, _SAY_EN, _SAY_KO)
             for m in pattern.finditer(unicodedata.normalize("NFKC", customer_text or ""))]
    if not spans:
        return ()
    said, known = _squash(reply), _squash(" ".join(facts))
    out = []
    for span in spans:
        wanted = _squash(span)
        if len(wanted) < _DICTATED_MIN:
            continue
        m = SequenceMatcher(None, wanted, said, autojunk=False).find_longest_match(0, len(wanted), 0, len(said))
        copied = wanted[m.a:m.a + m.size]
        if m.size >= max(_DICTATED_MIN, len(wanted) // 2) and copied not in known:
            out.append(span.strip())
    return tuple(out)


def unsupported_claims(reply: str, facts: Iterable[str], customer_text: str = "") -> tuple[str, ...]:
    """Links, contacts and policy claims in `reply` that no fact supports, and wording the customer dictated
    (see module docstring)."""
    facts = [unicodedata.normalize("NFKC", f or "") for f in facts]
    text = unicodedata.normalize("NFKC", reply or "")
    bad: list[str] = list(dictated(text, customer_text, facts))
    fact_emails = {e.lower() for f in facts for e in _EMAIL.findall(f)}
    for email in _EMAIL.findall(text):
        if email.lower() not in fact_emails:
            bad.append(email)
    fact_urls = {_url_form(u) for f in facts for u in _urls(f)}
    for url in _urls(text):
        form = _url_form(url)
        if form not in fact_urls and not any(f.startswith(form + "/") for f in fact_urls):
            bad.append(url.rstrip(_TRAILING))
    fact_phones = {d for f in facts for d in _phone_digits(f)}
    for m in _PHONE.finditer(text):
        if not (_phone_digits(m.group(0)) & fact_phones):
            bad.append(m.group(0).strip())
    sentences = [s for s in _SENTENCE.split(text) if s and s.strip()]
    free_claims = [s for s in sentences if _free_shipping(s)]
    if free_claims:
        support = [c for c in _clauses(facts) if _free_shipping(c)]
        outright = [c for c in support if not (has_amount(c) and _THRESHOLD.search(c))]
        for s in free_claims:
            conditional = has_amount(s)
            if not (outright or (conditional and support)):
                bad.append(s.strip())
    claimed = {(action, s.strip()) for s in sentences for action in _actions_claimed(s)}
    if claimed:
        from agent.turn_analysis import analyse_turn

        spoken = {action for c in _clauses(facts) for action in _ACTIONS if analyse_turn(c).mentions(action)}
        bad += [s for action, s in sorted(claimed) if action not in spoken and s not in bad]
    return tuple(dict.fromkeys(bad))


def check_reply(reply: str, facts: Iterable[str], customer_text: str = "", claims: bool = True) -> GuardVerdict:
    """Is every quantity in `reply` present in `facts`, and (with `claims`) every link, contact and policy claim
    supported by them? Lists the ones that are not.

    Derived numbers: a total or difference the reply computes is accepted when its operands are
    grounded quantities the same reply states ("149,000원 + 79,000원 = 228,000원", "10,000원 더 싸요"),
    so the arithmetic is visible and checkable — and only when an arithmetic cue (합계, 총, +, =, 차이,
    더 싸/비싸, 저렴) stands next to it, so "39,000원인데 지금 36,000원에 (배송비 3,000원)" is not passed off
    as a difference. A number with no such derivation is still rejected.
    Grounders that compute a value register it as a fact instead (`Grounding.derive_total`).
    """
    facts = list(facts)
    allowed = set()
    for text in facts:
        allowed |= keys_of(text)
    allowed |= _echoes(unicodedata.normalize("NFKC", reply or ""), unicodedata.normalize("NFKC", customer_text or ""))
    text = unicodedata.normalize("NFKC", reply or "")
    found = extract(text)
    if claims:  # digits inside a phone number, link or e-mail address are checked as that whole (below)
        whole = [m.span() for pattern in (_PHONE, _EMAIL, _URL) for m in pattern.finditer(text)]
        found = [q for q in found if not any(a <= q.start and q.end <= b for a, b in whole)]
    shown = [k[1] for q in found if grounded(q.keys, allowed) for k in q.keys
             if k[0] == "n" and isinstance(k[1], (int, float)) and k[1] >= 100]
    bad = tuple(q.text for q in found if not grounded(q.keys, allowed) and not (
        shown and _has_cue(text, q.start, q.end)
        and any(k[0] == "n" and isinstance(k[1], (int, float)) and k[1] >= 100 and _derived(k[1], shown)
                for k in q.keys)))
    unsupported = unsupported_claims(reply, facts, customer_text) if claims else ()
    return GuardVerdict(ok=not bad and not unsupported, ungrounded=bad, claims=unsupported)
