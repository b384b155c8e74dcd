"""Which catalogue products a turn names literally (by name or alias), for comparisons and bundles.

Fuzzy search (`find_products`) ranks one best product; a customer comparing two products
("크루넥 니트랑 브이넥 니트 중에 뭐가 더 따뜻해요?") or buying a set ("셋업 자켓이랑 팬츠") names
several. Keys are the catalogue's own names and aliases, so nothing here is tied to one shop.
A key shared by several products is generic and never counts as naming one product; the longest
keys are matched first and may not overlap (so "롱패딩" is read before "패딩").
"""

from __future__ import annotations

import re
import threading
from typing import Any

from core.language.korean_text import normalize, strip_particles, words

_MIN_KEY = 3  # shorter keys ("마이", "후디") count only as a whole word of the turn
_cache: dict[str, "_MentionIndex"] = {}
_lock = threading.Lock()


class _MentionIndex:
    def __init__(self, knowledge: Any) -> None:
        pairs: list[tuple[str, str]] = []
        products = knowledge.products() if hasattr(knowledge, "products") else knowledge.filter_products(limit=10**7)
        categories = {normalize(p) for c in knowledge.categories() for p in str(c).replace("·", "/").split("/")}
        self.spelled: dict[str, tuple[str, ...]] = {}  # key -> its words ("셋업자켓" -> ("셋업", "자켓"))
        for p in products:
            for name in {p.name, *p.aliases}:
                key = normalize(name)
                if len(key) >= 2 and key not in categories:
                    pairs.append((key, p.id))
                    parts = tuple(w for w in (normalize(x) for x in str(name).split()) if w)
                    if len(parts) >= 2:
                        self.spelled.setdefault(key, parts)
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
        return [pid for pid, _, _ in self.spans(text)]

    def _sibling(self, key: str, word: str) -> str | None:
        """`word` read against an already named key's stem: "팬츠" after "셋업 자켓" -> "셋업 팬츠" (if that is a key)."""
        parts = self.spelled.get(key)
        if not parts or len(word) < 2:
            return None
        candidates = ["".join(parts[i:-1]) + word for i in range(len(parts) - 1)]  # same stem, other head noun
        candidates += [word + "".join(parts[i:]) for i in range(1, len(parts))]  # other modifier, same head noun
        for candidate in candidates:
            if candidate != key and candidate in self.owners and not self.is_generic(candidate):
                return candidate
        return None

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(product id, start, end) of each product named in `text`, positions in its normalised form.

        A bare word next to a named product that only makes sense with its stem ("셋업 자켓이랑 팬츠")
        is resolved through the catalogue's own names: the stem's sibling key must exist.
        """
        c = normalize(text)
        whole = {strip_particles(w) for w in words(text)} | set(words(text))
        hits = {(key, i) for i in range(len(c) - 1) for key in self.by_head.get(c[i:i + 2], ())
                if c.startswith(key, i)}
        taken: list[tuple[int, int]] = []
        found: list[tuple[str, int, int]] = []
        keys: list[str] = []
        for key, start in sorted(hits, key=lambda h: (-len(h[0]), h[1])):
            pid = min(self.owners[key])
            if len(key) < _MIN_KEY and key not in whole:
                continue
            end = start + len(key)
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))  # a shared key names no single product but still claims its span
            if self.is_generic(key):
                continue
            if all(pid != f[0] for f in found):
                found.append((pid, start, end))
                keys.append(key)
        for word in sorted({strip_particles(w) for w in words(text)}, key=len, reverse=True) if keys else ():
            w = normalize(word)
            for start in [i for i in range(len(c)) if c.startswith(w, i)]:
                end = start + len(w)
                if any(start < b and a < end for a, b in taken):
                    continue
                sibling = next((k for k in (self._sibling(key, w) for key in keys) if k), None)
                if sibling is not None:
                    pid = min(self.owners[sibling])
                    taken.append((start, end))
                    if all(pid != f[0] for f in found):
                        found.append((pid, start, end))
                break
        return sorted(found, key=lambda f: f[1])


def _index(knowledge: Any) -> "_MentionIndex":
    version = f"{id(knowledge)}:{getattr(knowledge, 'version', '')}"
    index = _cache.get(version)
    if index is None:
        with _lock:
            index = _cache.get(version)
            if index is None:
                if len(_cache) > 4:
                    _cache.clear()
                index = _cache[version] = _MentionIndex(knowledge)
    return index


def sibling_product(knowledge: Any, product: Any, word: str) -> str | None:
    """The product whose name is `product`'s with `word` in place of a part ("팬츠" after 테일러드 셋업 자켓 ->
    테일러드 셋업 팬츠; "가죽" against 캔버스 스니커즈 -> 가죽 스니커즈), or None."""
    index = _index(knowledge)
    w = normalize(word)
    for name in (product.name, *product.aliases):
        found = index._sibling(normalize(name), w)
        if found:
            owners = index.owners.get(found, set()) - {product.id}
            if len(owners) == 1:
                return next(iter(owners))
    return None


def mentioned_products(knowledge: Any, text: str) -> list[str]:
    """Ids of the products whose name/alias appears in `text`, in the order the customer names them."""
    return [pid for pid, _, _ in mention_spans(knowledge, text)]


_COUNT = re.compile(r"^(?:이|가|은|는|을|를|도|로|으로)?(\d{1,2}|한|하나|두|둘|세|셋|네|넷|다섯)(개|벌|장|켤레|세트|팩|족)?")
_COUNT_WORDS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5}


def basket(knowledge: Any, text: str) -> list[tuple[str, int]]:
    """(product id, quantity) for each product named in `text`; "셔츠 두 개랑 슬랙스 하나" gives 2 and 1.

    A count is read right after the name (a bare digit only with a counter, so "셔츠 100" stays a size).
    """
    c = normalize(text)
    out = []
    for pid, _, end in mention_spans(knowledge, text):
        qty = 1
        m = _COUNT.match(c[end:end + 6])
        if m and (m.group(2) or m.group(1) in ("하나", "둘", "셋", "넷", "다섯")):
            qty = int(m.group(1)) if m.group(1).isdigit() else _COUNT_WORDS[m.group(1)]
        out.append((pid, max(1, min(qty, 99))))
    return out


def mention_spans(knowledge: Any, text: str) -> list[tuple[str, int, int]]:
    """(product id, start, end) of the products named in `text` (positions in its normalised form)."""
    return _index(knowledge).spans(text)


_LONE_COUNT = re.compile(r"(?<![가-힣\d])(\d{1,2}|한|하나|두|둘|세|셋|네|넷|다섯)\s*(개|벌|장|켤레|세트|팩|족)?(?=\s|$|[^가-힣]|씩|만|도|를|을|사|더|추가|주문|구매)")


def lone_count(knowledge: Any, text: str) -> int | None:
    """A count that belongs to no product named in `text` ("2개 사면 …", "하나 더 추가하면"): it counts the product
    discussed before. A bare digit counts only with a counter (so "270" stays a size)."""
    c = normalize(text)
    taken = [(s, e) for _, s, e in mention_spans(knowledge, text)]
    for m in _LONE_COUNT.finditer(c):
        if any(s <= m.start() <= e + 1 for s, e in taken):
            continue
        word, counter = m.group(1), m.group(2)
        if word.isdigit() and not counter:
            continue
        if word in ("한", "두", "세", "네") and not counter:
            continue  # "한번", "두께": a determiner, not a count
        value = int(word) if word.isdigit() else _COUNT_WORDS[word]
        if 1 <= value <= 99:
            return value
    return None


def adds_to_previous(analysis: Any, knowledge: Any) -> bool:
    """The turn adds products to those already discussed: "양말도 하나 추가하면", "벨트도 같이 사면" (the particle
    도 right after a product; or, with at most one product named, 같이/함께 (the together concept), the noun 추가
    or the adverb 더)."""
    spans = mention_spans(knowledge, analysis.text)
    c = normalize(analysis.text)
    if any(c[e:e + 1] == "도" for _, _, e in spans):
        return True
    if len({pid for pid, _, _ in spans}) > 1:
        return False  # "A랑 B 같이 사면": together means the products of this turn
    return analysis.has("together") or any(m.lemma in ("추가", "더") and m.pos in ("NNG", "MAG") for m in analysis.morphemes)


def carried_basket(knowledge: Any, analysis: Any, earlier: list[str]) -> list[tuple[str, int]]:
    """The products (with quantities) a fee or total question is about, across turns: this turn's own, those
    of the newest earlier message that named any when this one names none ("2개 사면 배송비 무료에요?" counts the
    product asked about before), or both when the turn adds to them ("양말도 하나 추가하면")."""
    now = basket(knowledge, analysis.text)
    before: list[tuple[str, int]] = []
    for text in earlier:
        before = basket(knowledge, text)
        if before:
            break
    if not before:
        return now
    if not now:
        count = lone_count(knowledge, analysis.text)
        if count and len(before) == 1:
            return [(before[0][0], count)]
        return before
    if adds_to_previous(analysis, knowledge):
        ids = {pid for pid, _ in now}
        return [item for item in before if item[0] not in ids] + now
    return now
