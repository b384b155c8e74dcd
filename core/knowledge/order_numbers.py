"""Whatever a shop numbers its orders with: the shapes learned from its own order numbers.

"20261105-0012" has the shape 8 digits, a separator, 4 digits; "W2378156" a constant letter and 7 digits;
"ORD-000123" a constant prefix and 6 digits. A customer types them with or without the separator, in
lower case, with spaces ("2026 1105 0012", "20261105 - 0012"): the pattern built here finds them in a chat message, and
`describe` says the format without showing anyone's real order number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_RUN = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


def shape(number: str) -> tuple[tuple[str, str], ...]:
    """("D", "8"), ("S", "-"), ("D", "4") … : digit runs by length, letter runs literally, separators."""
    out = []
    for run in _RUN.findall(number.strip()):
        if run.isdigit():
            out.append(("D", str(len(run))))
        elif run.isalpha():
            out.append(("L", run.upper()))
        else:
            out.append(("S", run))
    return tuple(out)


def _pattern(s: tuple[tuple[str, str], ...]) -> str:
    parts = []
    for kind, value in s:
        if kind == "D":
            n = int(value)
            parts.append(rf"(?:\d ?){{{n - 1}}}\d" if n > 1 else r"\d")  # typed with a space inside ("2026 1105")
        elif kind == "L":
            parts.append(re.escape(value))
        else:
            continue  # the separator itself is optional (below)
        parts.append(r"(?:\s?[\-_./#]\s?|\s)?")  # ("20261120 - 0006": spaces round the separator too)
    return "".join(parts[:-1])


def pattern_for(numbers: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive regex matching any order number shaped like one of `numbers` (None without orders)."""
    shapes = sorted({shape(n) for n in numbers if n and n.strip()}, key=lambda s: -sum(int(v) if k == "D" else len(v)
                                                                                          for k, v in s))
    if not shapes:
        return None
    body = "|".join(f"(?:{_pattern(s)})" for s in shapes)
    # (never starting inside a hyphenated number such as a phone's: "010-2019-6658 20261120-0006" is no "66582026-1120")
    return re.compile(rf"(?<![A-Za-z\d])(?<!\d[-.])(?:{body})(?![A-Za-z\d])", re.IGNORECASE)


def canonical(number: str) -> str:
    """Letters upper-cased, separators and spaces dropped: how typed and stored numbers are compared."""
    return re.sub(r"[^A-Za-z\d]", "", number).upper()


def written_like(typed: str, numbers: Iterable[str]) -> str:
    """`typed` spelled in the shop's own format ("2026 1105 0012" → "20261105-0012"), from the shapes of its
    order numbers alone: whether such an order exists changes nothing here (a reply must not tell)."""
    key = canonical(typed)
    for s in sorted({shape(n) for n in numbers if n and n.strip()}):
        out, i = [], 0
        for kind, value in s:
            if kind == "D":
                run = key[i:i + int(value)]
                if len(run) != int(value) or not run.isdigit():
                    break
                out.append(run)
                i += int(value)
            elif kind == "L":
                if key[i:i + len(value)] != value:
                    break
                out.append(value)
                i += len(value)
            else:
                out.append(value)
        else:
            if i == len(key):
                return "".join(out)
    return typed.strip().upper()


def describe(numbers: Iterable[str], lang: str = "ko") -> str:
    """The format of the shop's order numbers in words ("숫자 8자리-숫자 4자리"), or "" when it has none."""
    shapes = sorted({shape(n) for n in numbers if n and n.strip()})
    if not shapes:
        return ""
    words = []
    for kind, value in shapes[0]:
        if kind == "D":
            words.append(f"숫자 {value}자리" if lang == "ko" else f"{value} digits")
        elif kind == "L":
            words.append(f"'{value}'")
        else:
            words.append(value.strip() or " ")
    joined = "".join(w if w in "-_./#" else f" {w} " for w in words)
    return " ".join(joined.split())
