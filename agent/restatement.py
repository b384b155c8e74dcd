"""Sentences of one reply that say again what another of its sentences says.

Two grounders (or a shop rule and its FAQ entry) can each quote the shop's words on the same point: "무통장입금 주문은 주문
시 또는 마이페이지에서 현금영수증을 신청할 수 있습니다." beside "무통장입금은 주문 시 또는 결제 후 마이페이지에서
현금영수증을 신청할 수 있고, …". A reply that says a thing twice in different words reads as broken, so the shorter
saying goes. "Says again" is read from content: every noun, verb, degree adverb and quantity of the one is in the
other, and both say yes or both say no (a rule's "반품 가능" and "반품 불가" share their nouns, never their meaning).
"""

from __future__ import annotations

import re
from functools import lru_cache

# the ways a Korean sentence says no (its nouns alone never tell "가능" from "불가")
_NO = re.compile(r"않|없|못|불가|어렵|어려|안\s|금지|제외")
# the words a sentence says no with, read as one ("… 어렵습니다" and "… 불가합니다" say the same no)
_NO_WORDS = frozenset({"않", "없", "못", "불가", "어렵", "금지", "안"})
# a leading clause of a sentence, cut at its connective ending ("…발생하고, ", "…가능하며, ")
_LEADING_CLAUSE = re.compile(r"^(.+?(?:하고|되고|있고|이고|며|으며|지만)),\s+")
# where a sentence's clauses end ("…할 수 있고, …", "…입니다. …")
_CLAUSE_END = re.compile(r"(?<=[.!?])\s+|(?<=고|며|만),\s+")
_MIN_CONTENT = 3  # a sentence of fewer content words restates nothing for sure
_LONGER = 1.2  # the saying kept says visibly more (two verdicts of one template differ by a figure, not by a clause)
_SAME_THING = 0.5  # a whole sentence restates another when it is at least half of what the other says


@lru_cache(maxsize=4096)  # (a reply's sentences are weighed against each other, each read once)
def _content(text: str) -> frozenset[object]:
    """What a sentence says, whatever its endings: its nouns, its verbs' and adjectives' stems, its degree adverbs
    ("더 높아요" says more than the heights it compares) and its quantities read whole ("12월 24일", "2,900원")."""
    from agent.quantities import keys_of
    from core.language.morphology import analyse

    words = {m.lemma for m in analyse(text) if m.pos in ("NNG", "NNP", "SL", "VV", "VA", "MAG")}
    if words & _NO_WORDS:
        words = (words - _NO_WORDS) | {"(no)"}
    return frozenset(words | set(keys_of(text)))


def _restated(part: str, other: str, share: float = 0.0) -> bool:
    """`other` says everything `part` says, yes for yes and no for no, and `part` is at least `share` of it (a
    verdict, "11월 26일(목)까지 받아보실 수 있어요", is a small part of the estimate it restates, and is the answer)."""
    if bool(_NO.search(part)) != bool(_NO.search(other)):
        return False
    own, theirs = _content(part), _content(other)
    if len(own) < _MIN_CONTENT or not own <= theirs:
        return False
    # (measured against the clause of `other` that says most of it: a rule sentence of two clauses restates a
    # sentence with its first)
    pieces = [_content(x) for x in _CLAUSE_END.split(other) if x.strip()] or [theirs]
    return len(own) >= share * len(max(pieces, key=lambda c: len(own & c)))


def _said_again(sentence: str, said: list[str]) -> bool:
    """The very sentence was said already, and nothing said since names a new figure it could now be of (the same
    status sentence after a second order's number is that order's)."""
    from agent.quantities import keys_of

    if sentence not in said:
        return False
    first = said.index(sentence)
    known = {k for x in said[:first + 1] for k in keys_of(x)}
    return not any(set(keys_of(x)) - known for x in said[first + 1:])


def without_restatements(sentences: list[str]) -> list[str]:
    """The sentences less each one another sentence of the reply says again with more, and less a leading clause
    of a sentence that an earlier sentence already said ("단순 변심 교환은 왕복 배송비 6,000원이 발생하고, 불량·오배송
    교환은 무료입니다." after a sentence ending "… 단순 변심 교환은 왕복 배송비 6,000원이 발생합니다." keeps its
    second clause only)."""
    korean = [s for s in sentences if re.search(r"[가-힣]", s or "")]
    if len(korean) < 2:
        return sentences
    out: list[str] = []
    for i, s in enumerate(sentences):
        others = [x for j, x in enumerate(sentences) if j != i and x]
        if s and (_said_again(s, out) or any(len(x) >= _LONGER * len(s) and _restated(s, x, _SAME_THING) for x in others)
                  or any(x != s and _restated(s, x) and _restated(x, s) for x in out)):
            continue  # the longer saying holds it all (or an earlier one says just the same: "… 어렵습니다", "… 불가합니다")
        lead = _LEADING_CLAUSE.match(s or "")
        if lead and any(_restated(lead.group(1), x) for x in out):
            s = s[lead.end():]  # (what remains is a sentence of its own: its clause ends the sentence)
        out.append(s)
    return out
