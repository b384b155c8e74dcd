"""A shop rule in English, from the rule's own structured values, for English customers in offline mode.

A shop's policy sections carry typed values beside their Korean text (`PolicySection.values`: `returnDays` 7,
`returnFeeRoundTrip` 6000, `telephone` "070-…", and keys of the shop's own such as `warrantyMonths` or
`giftWrapFee`; docs/ontology.md §5). Offline mode cannot translate the Korean text, but it can say these values in
English: each value whose figure the quoted Korean sentence states becomes an English line ("Returns: within 7 days
of receipt", "Warranty: 12 months"). A key this module has no phrase for is read from its own name (camelCase words,
the unit from its last word: Days, Months, Fee, Percent …), so any shop's keys are said, not only ours. Every figure
said is a value of the shop's data, so the fact guard passes by construction.

`english_lines` says which quoted sentences the lines fully cover (every figure of the sentence said, and the sentence
is not an exception such as "택 제거 시 반품 불가"): the reply quotes in Korean only what English did not cover.
"""

from __future__ import annotations

import re
from typing import Any

from agent.quantities import figures

# phrases for the value keys documented in docs/ontology.md; {v} is the value said in English (with its unit)
_PHRASES: dict[str, str] = {
    "returnDays": "Returns: within {v} of receipt",
    "returnFeeRoundTrip": "Change-of-mind return shipping, paid by the customer: {v} round trip",
    "returnFeeOneWay": "one way: {v}",
    "jejuReturnExtra": "Jeju adds {v} each way",
    "remoteReturnExtra": "remote areas add {v} each way",
    "exchangeDays": "Exchanges: within {v} of receipt",
    "exchangeFeeRoundTrip": "Change-of-mind exchange shipping, paid by the customer: {v} round trip",
    "defectNoticeDays": "Defective or wrong items: within {v}",
    "defectReturnMonths": "defective or wrong items can be returned up to {v} after receipt",
    "cardRefundDays": "Card refunds: {v}",
    "transferRefundDays": "bank-transfer refunds: {v}",
    "easyPayRefundDays": "easy-pay refunds (KakaoPay, NaverPay …): {v}",
    "cancelUntilStatus": "Orders can be cancelled up to the '{v}' stage",
    "addressChangeUntilStatus": "The delivery address can be changed up to the '{v}' stage",
    "paymentMethods": "We accept: {v}",
    "depositDeadlineDays": "a bank-transfer order is cancelled if not paid within {v}",
    "interestFreeMinAmount": "interest-free card instalments from {v}",
    "interestFreeMaxMonths": "up to {v} interest-free",
    "pointRatePercent": "Points: {v} of the purchase amount",
    "minRedeemPoints": "points can be used from {v}",
    "redeemUnit": "in units of {v}",
    "pointsExpiryMonths": "points expire after {v}",
    "reviewPoints": "text review: {v}",
    "photoReviewPoints": "photo review: {v}",
    "signupPoints": "sign-up: {v}",
    "pointsConfirmDays": "points are added after {v}",
    "signupCouponAmount": "Sign-up coupon: {v} off",
    "signupCouponMinOrder": "on orders of {v} or more",
    "birthdayCouponPercent": "birthday coupon: {v} off",
    "couponsPerOrder": "{v} coupon per order",
    "tierReviewMonths": "tiers are based on the last {v} of purchases",
    "openTime": "Customer service opens at {v}",
    "closeTime": "closes at {v}",
    "lunchStart": "lunch break from {v}",
    "lunchEnd": "until {v}",
    "closedDays": "closed on {v}",
    "telephone": "phone {v}",
    "email": "e-mail {v}",
    "kakaoChannel": "KakaoTalk channel {v}",
    "shipsOverseas": "Overseas shipping: {v}",
    "restockNoticeDays": "Restock alerts are sent within {v} of restocking",
    "carrier": "Carrier: {v}",
    "baseFee": "Shipping: {v}",
    "freeShippingThreshold": "free on orders of {v} or more",
    "jejuSurcharge": "Jeju adds {v}",
    "remoteSurcharge": "remote areas add {v}",
    "cutoffTime": "same-day dispatch cut-off: {v}",
}
# values whose Korean sentence carries a condition the phrase does not say ("배송비를 내고 받으신 주문은 편도 3,000원", "평일
# 14:00까지"): the sentence is quoted beside the line
_CONDITIONED = frozenset({"returnFeeOneWay", "cutoffTime", "pointRatePercent", "defectNoticeDays", "pointsConfirmDays",
                          "redeemUnit", "depositDeadlineDays"})
# values said as one span: opening hours, the lunch break
_PAIRED = {"openTime": "hours", "closeTime": "hours", "lunchStart": "lunch", "lunchEnd": "lunch"}
_PAIR_ORDER = ("openTime", "closeTime", "lunchStart", "lunchEnd")
_PAIR_PHRASES = {"hours": "Customer service hours: {a}-{b}", "lunch": "lunch break {a}-{b}"}
# the unit a value's key names by one of its words ("returnFeeRoundTrip": KRW, "warrantyMonths": months)
_UNITS = (("Percent", "%"), ("Days", "days"), ("Months", "months"), ("Hours", "hours"), ("Years", "years"),
          ("Fee", "KRW"), ("Amount", "KRW"), ("Threshold", "KRW"), ("MinOrder", "KRW"), ("Price", "KRW"),
          ("Surcharge", "KRW"), ("Extra", "KRW"), ("Points", "points"), ("Count", ""), ("PerOrder", ""), ("Unit", "points"))
_STATUS_EN = {"결제대기": "awaiting payment", "결제완료": "paid", "상품준비중": "being prepared",
              "배송중": "in transit", "배송완료": "delivered", "불가": "not offered", "가능": "available"}


class _Years(int):
    """A value of months the shop's text states in years ("2년" of `laptopWarrantyMonths` 24): said in years."""


def _in_years(key: str, value: Any, said: str) -> Any:
    """The value as `_Years` when it counts months and the text states it only in whole years, else as it is."""
    if isinstance(value, int) and not isinstance(value, bool) and value and value % 12 == 0 \
            and _unit_of(key) == "months" and str(value) not in figures(said) \
            and re.search(rf"(?<![\d.]){value // 12}\s*년", said):
        return _Years(value // 12)
    return value


def _unit_of(key: str) -> str | None:
    base = re.sub(r"(Min|Max)$", "", key)
    return next((unit for word, unit in _UNITS if re.search(word + r"(?![a-z])", base)), None)


def _words_of(key: str) -> str:
    """"laptopWarrantyMonths" -> "Laptop warranty" (the unit word left to the value); a count is the number of its
    things ("sampleCount" -> "Number of samples")."""
    base = re.sub(r"(Min|Max)$", "", key)
    if base.endswith("Count") and len(base) > 5:
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", base[:-5]).lower().strip()
        return f"Number of {words if words.endswith('s') else words + 's'}"
    for suffix, _ in _UNITS:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", base).lower().strip()
    return words[:1].upper() + words[1:]


def _say(value: Any, unit: str | None) -> str:
    if isinstance(value, int):
        if unit == "KRW":
            return "free" if value == 0 else f"{value:,} KRW"
        if unit == "%":
            return f"{value}%"
        if unit in ("days", "months", "hours", "years", "points"):
            return f"{value:,} {unit[:-1] if value == 1 else unit}"
        return f"{value:,}"
    return str(value)


def english_text(value: str) -> str:
    """A Korean string value in English word by word where the glossary knows the words ("토요일, 일요일, 공휴일")."""
    from agent.english_gloss import GLOSSARY

    days = {"월요일": "Monday", "화요일": "Tuesday", "수요일": "Wednesday", "목요일": "Thursday", "금요일": "Friday",
            "토요일": "Saturday", "일요일": "Sunday"}
    parts = [p.strip() for p in re.split(r"[,·]", value) if p.strip()]
    return ", ".join(_STATUS_EN.get(p) or days.get(p) or GLOSSARY.get(p) or p for p in parts)


def english_lines(values: dict[str, Any], texts: list[str]) -> tuple[list[str], list[bool]]:
    """English lines for the section values the quoted Korean `texts` state, and for each text whether the lines say all
    of it (its every figure, and it is no exception). Values no text states are left out: they answer nothing asked."""
    from core.knowledge.retrieval import _EXCEPTION

    said = " ".join(texts)
    stated = figures(said)
    pairs: dict[str, list[Any]] = {}
    values = {k: _in_years(k, v, said) for k, v in values.items()}
    for key, value in values.items():
        if isinstance(value, _Years):
            pass  # ("warrantyMonths" 24 of "2년 무상 보증": the text states it in years)
        elif isinstance(value, int):
            if not value or str(value) not in stated:
                continue  # a zero is no figure of the text (a free service is said by the Korean sentence)
        elif not isinstance(value, str) or not value or (value not in said and not any(p.strip() in said
                                                                                   for p in value.split(","))):
            continue
        pairs.setdefault(_PAIRED.get(key) or re.sub(r"(Min|Max)$", "", key), []).append((key, value))
    business = "영업일" in said  # "3~7영업일": business days
    clauses: list[str] = []
    order = [_PAIRED.get(k, k) for k in _PHRASES]
    phrased = True  # every line from a documented key's phrase (a key read from its name never covers a sentence)
    for base, found in sorted(pairs.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
        found.sort(key=lambda kv: kv[0])  # Max before Min alphabetically: put Min first below
        ints = [v for k, v in found if isinstance(v, int)]
        unit = "years" if all(isinstance(v, _Years) for _, v in found) else _unit_of(found[0][0])
        if base in _PAIR_PHRASES and len(found) == 2:  # "10:00" and "17:00": one span of time
            start, end = (v for _, v in sorted(found, key=lambda kv: _PAIR_ORDER.index(kv[0])))
            clauses.append(_PAIR_PHRASES[base].format(a=start, b=end))
            continue
        if re.search(r"(Min|Max)$", found[0][0]) and len(found) == 1 and any(
                k == re.sub(r"Min$", "Max", found[0][0]) or k == re.sub(r"Max$", "Min", found[0][0]) for k in values):
            continue  # one end of a range ("3" of 3~5 days) is not the range: left to the Korean text
        if len(found) == 2 and len(ints) == 2:
            lo, hi = min(ints), max(ints)
            shown = f"{lo}-{_say(hi, unit)}" if unit not in ("KRW", "%") else f"{_say(lo, unit)}-{_say(hi, unit)}"
        else:
            value = found[0][1]
            shown = _say(value, unit) if isinstance(value, int) else english_text(value)
        figure = r"\s*~\s*".join(str(v) for v in sorted(ints)) if len(ints) == 2 else (str(ints[0]) if ints else "")
        if business and unit == "days" and figure and re.search(figure + r"\s*영업일", said):
            shown = re.sub(r"\b(days?)\b", r"business \1", shown, count=1)  # "3~7영업일": that value's own days
        phrase = _PHRASES.get(base) or _PHRASES.get(found[0][0])
        phrased = phrased and (phrase is not None or base in _PAIR_PHRASES) and base not in _CONDITIONED
        clauses.append(phrase.format(v=shown) if phrase else f"{_words_of(found[0][0])}: {shown}")
    lines = _sentences(clauses)
    covered_figures = figures(" ".join(lines).replace("-", " "))
    covered = [bool(lines) and phrased and not _EXCEPTION.search(t) and figures(t) <= covered_figures
               and _words_said(t, lines) for t in texts]
    return lines, covered


# rule words the English lines carry by their phrasing, whether or not they spell them
_IMPLIED = frozenset({"return", "exchange", "refund", "within", "round trip", "one way", "shipping fee", "or more", "free",
                      "points", "coupon", "payment", "order", "customer service", "phone", "e-mail", "lunch", "review",
                      "photo", "text", "sign-up", "birthday", "per order", "cancellation", "delivery address",
                      "change of mind", "receipt", "after delivery"})


def _words_said(text: str, lines: list[str]) -> bool:
    """Every rule word of the Korean sentence (its glossary words: 마이페이지, 채널톡, 미개봉 …) is in the English lines or
    carried by their phrasing: else the sentence says more than the lines and is quoted too."""
    from agent.english_gloss import GLOSSARY

    said = " ".join(lines).lower().replace("-", " ")
    needed = {en.lower() for ko, en in GLOSSARY.items() if ko in text} - _IMPLIED
    return all(word in said for word in needed)


def _sentences(clauses: list[str]) -> list[str]:
    """Clauses joined into sentences: a clause starting with a capital opens one, the lower-case ones follow it."""
    out: list[str] = []
    for c in clauses:
        if out and c[:1].islower():
            out[-1] = f"{out[-1]}; {c}"
        else:
            out.append(c[:1].upper() + c[1:])
    return [s + "." for s in out]


def values_named(text: str, values: dict[str, Any], topic_words: frozenset[str] = frozenset()) -> list[str]:
    """The keys of a section's amounts that an English question names by a word of the key's own name ("can you
    install the TV on the wall?" names `wallMountFee` by "wall"): the shop's key is its English name for the value.
    A word every amount's key holds, or the unit's word, tells none apart; words of fewer than four letters are left
    out ("fee", "per"), and so are the words that name the rule's topic itself (`topic_words`: "install" of "installDays"
    in "can you install …" asks no date)."""
    low = text.lower()
    keys = [k for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool) and v]
    words = {k: set(_words_of(k).lower().split()) for k in keys}
    shared = set.intersection(*words.values()) if len(words) > 1 else set()
    return [k for k in keys if any(len(w) >= 4 and w not in shared and w not in topic_words
                                   and re.search(rf"\b{re.escape(w)}s?\b", low) for w in words[k])]


def section_values(knowledge: Any, passages: list[Any]) -> dict[str, Any]:
    """The structured values of the policy sections the quoted passages belong to. An FAQ answer belongs to no section:
    it takes the one section whose values it states most (two figures or more, no tie), else none."""
    out: dict[str, Any] = {}
    for p in passages:
        section = knowledge.policy(p.key) if getattr(p, "kind", "") == "clause" else _section_stated(knowledge, p.text)
        if section is not None:
            out.update(section.values or {})
    return out


def _section_stated(knowledge: Any, text: str) -> Any | None:
    stated = figures(text)
    scored = []
    for section in knowledge.policies():
        hits = sum(1 for k, v in (section.values or {}).items() if isinstance(v, int) and v >= 2
                   and (str(v) in stated or isinstance(_in_years(k, v, text), _Years)))
        hits += sum(1 for v in (section.values or {}).values() if isinstance(v, str) and len(v) >= 4 and v in text)
        if hits:
            scored.append((hits, section))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] < 2 or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]
