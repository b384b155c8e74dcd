"""Services a customer asks the shop to do that none of the shop's own texts mention.

"바지 기장 수선 해주나요?", "노트북 렌탈 되나요?", "키보드 조립해서 보내주나요?": the customer asks whether the shop does
something. When the thing asked is a word no text of the shop holds (no policy clause, no FAQ entry, no product's name,
options or description), the shop has said nothing about it: the honest answer is that, with a person offered, not the
nearest product list or rule. Pure logic over the analysed turn and the loaded knowledge.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from core.language.korean_text import normalize, sentences

# the concepts a bare service question holds ("기장 수선 해주나요": a measure word and a request; "보자기 포장 되나요":
# gift packing); any other concept means the turn asks about something the shop's rules or products already cover
_NEUTRAL = frozenset({"possible", "request", "measure", "part", "gift", "packaging", "set_parts"})

# asked as something the shop would do or allow ("해주나요", "되나요", "가능한가요"); "있어요/팔아요" ask whether a thing is
# sold, a question of its own (agent.product_facts says what is not sold)
_SERVICE_ASKED = re.compile(r"(해\s*주|해\s*줘|해\s*드리|해\s*주시|되나요|돼요\s*[?？]|되요\s*[?？]|되는지|되나\b|됨\s*[?？]|"
                            r"가능한가요|가능해요|가능할까요|가능하나요|가능\s*[?？]|할\s*수\s*있나요|해서\s*보내)")
_SHOP_TEXTS: "weakref.WeakKeyDictionary[Any, str]" = weakref.WeakKeyDictionary()


def _shop_corpus(knowledge: Any) -> str:
    """Every text of the shop in one normalised string (its rules, FAQ, names, options and descriptions), built once
    per loaded knowledge."""
    try:
        return _SHOP_TEXTS[knowledge]
    except (KeyError, TypeError):
        pass
    parts: list[str] = []
    try:
        parts += [p.text for p in knowledge.passages().passages]
    except (AttributeError, TypeError):
        pass
    try:
        for p in knowledge.filter_products(in_stock=None, limit=10_000):
            parts += [p.name, *p.aliases, str(p.category or ""), p.own_text, *(v.label or "" for v in p.variants)]
    except (AttributeError, TypeError):
        pass
    corpus = normalize(" ".join(parts))
    try:
        _SHOP_TEXTS[knowledge] = corpus
    except TypeError:
        pass
    return corpus


def unstated_service(knowledge: Any, analysis: Any) -> str | None:
    """The noun of a service the turn asks the shop to do that no text of the shop mentions, or None."""
    from agent.turn_analysis import GENERIC_NOUNS

    asked = _SERVICE_ASKED.search(analysis.text)
    if not analysis.is_question or analysis.question != "yes_no" or asked is None:
        return None
    # a shop rule, a product's property, whether a thing is sold, a person: asked of something known (a Latin word is a
    # spec or a name the products' texts answer: "SSD 1TB로 업그레이드 돼요?"); one question only
    if analysis.concepts - _NEUTRAL or len(sentences(analysis.text)) > 1 or any(m.pos == "SL" for m in analysis.morphemes):
        return None
    corpus = _shop_corpus(knowledge)
    if not corpus:
        return None
    nouns = [m for m in analysis.morphemes if m.pos in ("NNG", "NNP") and m.end <= asked.start()]
    if not nouns or asked.start() - nouns[-1].end > 2:
        return None  # the thing asked is the noun right before "해주나요/되나요"

    def unknown(m: Any) -> bool:
        return len(m.surface) >= 2 and m.lemma not in GENERIC_NOUNS \
            and normalize(m.surface) not in corpus

    head = nouns[-1]
    if analysis.text[head.end:head.end + 1] in ("되", "돼", "하", "해"):
        return None  # "해당돼요", "호환되나요": the noun is the predicate itself, no service asked for
    before = nouns[-2] if len(nouns) >= 2 and head.start - nouns[-2].end <= 1 else None
    if unknown(head):  # "수선 해주나요", "편의점 픽업 가능한가요"
        return f"{before.surface} {head.surface}" if before is not None and unknown(before) else head.surface
    if before is not None and unknown(before) and normalize(before.surface + head.surface) not in corpus:
        return f"{before.surface} {head.surface}"  # "보자기 포장 되나요": a kind of packing the shop never names
    return None
