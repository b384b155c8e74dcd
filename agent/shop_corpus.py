"""Every word the loaded shop has written, to tell a thing the shop never mentions from one it does.

"나이키 운동화", "보자기 포장", "적립금 현금으로": when a word of the customer's is in no policy clause, FAQ entry, product
name, alias, brand, category, option or description of the shop, the shop has said nothing about it, and the honest
reply says so. Built once per loaded knowledge (a weak reference: a reloaded shop gets its own).
"""

from __future__ import annotations

import weakref
from typing import Any

from core.language.korean_text import normalize

_SHOP_TEXTS: "weakref.WeakKeyDictionary[Any, str]" = weakref.WeakKeyDictionary()


def shop_corpus(knowledge: Any) -> str:
    """Every text of the shop in one normalised string (its rules, FAQ, names, brands, options and descriptions)."""
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
            parts += [p.name, *p.aliases, str(p.category or ""), str(getattr(p, "brand", "") or ""), p.own_text,
                      *(v.label or "" for v in p.variants)]
    except (AttributeError, TypeError):
        pass
    corpus = normalize(" ".join(parts))
    try:
        _SHOP_TEXTS[knowledge] = corpus
    except TypeError:
        pass
    return corpus


def shop_says(knowledge: Any, word: str) -> bool:
    """Whether any text of the shop holds `word` (normalised); True when the shop has no texts to ask."""
    corpus = shop_corpus(knowledge)
    return not corpus or normalize(word) in corpus
