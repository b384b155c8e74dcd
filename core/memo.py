"""A bounded per-object memo of a pure look-up: the same text or query is read many times in one turn (the router,
each agent and the fact guard scan the same pieces), and each object (a catalogue version's search index, its option
vocabulary, its mention index) answers it the same way for as long as it lives. Forgetting everything when full keeps
a warm container's memory flat without the bookkeeping of an LRU."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """`memo(key, compute)`: the value remembered for `key`, computed once; all entries dropped when `size` are held."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._held: dict[K, V] = {}

    def __call__(self, key: K, compute: Callable[[], V]) -> V:
        if key in self._held:
            return self._held[key]
        if len(self._held) >= self._size:
            self._held.clear()
        value = self._held[key] = compute()
        return value

    def __len__(self) -> int:
        return len(self._held)
