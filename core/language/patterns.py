"""Compiled regular expressions for patterns built at run time from data (a product's name, a glossary word).

The `re` module keeps only 512 compiled patterns. The readers of one turn build more than that from a catalogue's
names and a glossary's words, so the module's cache overflowed and the same patterns were compiled again on every turn
(7 % of a warm turn's time). This cache is larger and is shared by every reader.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=16384)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled once per process."""
    return re.compile(pattern, flags)
