"""Which catalogue products a turn names literally (by name or alias), for comparisons and bundles.

Fuzzy search (`find_products`) ranks one best product; a customer comparing two products
("크루넥 니트랑 브이넥 니트 중에 뭐가 더 따뜻해요?") or buying a set ("셋업 자켓이랑 팬츠") names
several. Keys are the catalogue's own names and aliases, so nothing here is tied to one shop.
A key shared by several products is generic and never counts as naming one product; the longest
keys are matched first and may not overlap (so "롱패딩" is read before "패딩").
"""

from __future__ import annotations

import threading
from typing import Any

from core.korean_text import normalize, strip_particles, words

_MIN_KEY = 3  # shorter keys ("마이", "후디") count only as a whole word of the turn
_cache: dict[str, "_MentionIndex"] = {}
_lock = threading.Lock()


class _MentionIndex:
    def __init__(self, knowledge: Any) -> None:
        pairs: list[tuple[str, str]] = []
        products = knowledge.products() if hasattr(knowledge, "products") else knowledge.filter_products(limit=10**7)
        categories = {normalize(p) for c in knowledge.categories() for p in str(c).replace("·", "/").split("/")}
        for p in products:
            for key in {normalize(p.name), *(normalize(a) for a in p.aliases)}:
                if len(key) >= 2 and key not in categories:
                    pairs.append((key, p.id))
        self.owners: dict[str, set[str]] = {}
        self.by_head: dict[str, list[str]] = {}  # first two characters -> keys (so a turn scans ~len(turn) lists)
        for key, pid in pairs:
            if key not in self.owners:
                self.by_head.setdefault(key[:2], []).append(key)
            self.owners.setdefault(key, set()).add(pid)

    def is_generic(self, key: str) -> bool:
        """True when more than one product declares exactly `key`."""
        return len(self.owners.get(key, ())) > 1

    def find(self, text: str) -> list[str]:
        c = normalize(text)
        whole = {strip_particles(w) for w in words(text)} | set(words(text))
        hits = {(key, i) for i in range(len(c) - 1) for key in self.by_head.get(c[i:i + 2], ())
                if c.startswith(key, i)}
        taken: list[tuple[int, int]] = []
        found: list[str] = []
        for key, start in sorted(hits, key=lambda h: (-len(h[0]), h[1])):
            pid = min(self.owners[key])
            if len(key) < _MIN_KEY and key not in whole:
                continue
            end = start + len(key)
            if any(start < b and a < end for a, b in taken):
                continue
            if self.is_generic(key):
                taken.append((start, end))  # a shared key names no single product but still claims its span
                continue
            taken.append((start, end))
            if pid not in found:
                found.append(pid)
        return found


def mentioned_products(knowledge: Any, text: str) -> list[str]:
    """Ids of the products whose name/alias appears in `text`, in longest-key-first order."""
    version = f"{id(knowledge)}:{getattr(knowledge, 'version', '')}"
    index = _cache.get(version)
    if index is None:
        with _lock:
            index = _cache.get(version)
            if index is None:
                if len(_cache) > 4:
                    _cache.clear()
                index = _cache[version] = _MentionIndex(knowledge)
    return index.find(text)
