"""Option values of any kind (사이즈, 색상, 용량, 호수, CPU …): the shop's vocabulary and how a text names them.

A product varies along its own axes (schema.org `variesBy`: size and color are two common axes, not
the only ones; `additionalProperty` names the others). The words the bot recognises as option values
come from the loaded shop's own data: every value a variant has, split into its distinctive tokens
("21호 라이트" → 21호, 라이트; "15-inch / i5 / 16GB" → 15inch, i5, 16gb), with units written one way
(300 ml = 300ml = 300미리, 2리터 = 2L, 16기가 = 16GB). Generic dictionaries (검정 → 블랙, 라지 → L, 95 → M
in a letter-sized catalogue) only add synonyms of values the shop HAS: a colour or size the shop does
not sell is never "recognised", so "크림" is a product in a cosmetics shop, not the colour cream.

Evidence rules, so that numbers and English words do not turn into sizes: a single Latin letter
counts only as a standalone token ("T-Shirt M blue" yes, "what's" no); a bare number counts only
when it is not followed by a unit that makes it something else (100% / 3만원 / 2개 are not sizes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass
from typing import Any

from core.knowledge.model import SIZE_AXIS, OptionMention, _maybe_json, _unique
from core.language.korean_text import fold_palatal, strip_particles
from core.memo import BoundedMemo

# canonical colour -> spellings customers use (normalised: lowercase, no spaces). Synonyms only: a
# spelling is recognised when the shop sells a colour with the same canonical name.
COLOR_ALIASES: dict[str, tuple[str, ...]] = {
    "black": ("블랙", "검정", "검정색", "검은색", "검은", "까만색", "까만", "까망", "black", "blk"),
    "white": ("화이트", "흰색", "하얀색", "하얀", "흰", "하양", "white", "wht"),
    "navy": ("네이비", "남색", "곤색", "navy"),
    "gray": ("그레이", "회색", "그래이", "gray", "grey", "회색빛"),
    "charcoal": ("차콜", "차콜그레이", "진회색", "먹색", "charcoal"),
    "melange": ("멜란지", "멜란지그레이", "melange"),
    "beige": ("베이지", "베이지색", "beige"),
    "ivory": ("아이보리", "미색", "ivory"),
    "cream": ("크림", "크림색", "cream"),
    "oatmeal": ("오트밀", "oatmeal"),
    "khaki": ("카키", "국방색", "khaki"),
    "olive": ("올리브", "olive"),
    "brown": ("브라운", "갈색", "밤색", "brown"),
    "camel": ("카멜", "camel"),
    "red": ("레드", "빨강", "빨간", "빨간색", "빨강색", "red"),
    "burgundy": ("버건디", "와인", "와인색", "burgundy", "wine"),
    "blue": ("블루", "파랑", "파란", "파란색", "파랑색", "blue"),
    "skyblue": ("스카이블루", "하늘색", "하늘", "skyblue"),
    "green": ("그린", "초록", "초록색", "녹색", "green"),
    "yellow": ("옐로우", "옐로", "노랑", "노란", "노란색", "yellow"),
    "pink": ("핑크", "분홍", "분홍색", "pink"),
    "purple": ("퍼플", "보라", "보라색", "purple"),
    "orange": ("오렌지", "주황", "주황색", "orange"),
    "mint": ("민트", "mint"),
    "coral": ("코랄", "산호색", "coral"),
    "lightblue": ("연청", "라이트블루", "lightblue"),
    "midblue": ("중청", "미드블루"),
    "darkblue": ("진청", "다크블루", "인디고", "indigo", "darkblue"),
    "silver": ("실버", "은색", "silver"),
    "gold": ("골드", "금색", "gold"),
    "stone": ("스톤", "stone"),
    "sand": ("샌드", "sand"),
}
_COLOR_CANON = {alias: canon for canon, aliases in COLOR_ALIASES.items() for alias in aliases}
_COLOR_SUFFIXES = ("색상", "컬러", "color", "colour", "색깔", "계열", "색")

# canonical letter size -> spellings (normalised)
SIZE_ALIASES: dict[str, tuple[str, ...]] = {
    "XS": ("xs", "엑스스몰", "엑스에스"),
    "S": ("s", "스몰", "small", "에스"),
    "M": ("m", "미디움", "미듐", "미디엄", "미디옴", "medium", "엠"),
    "L": ("l", "라지", "large", "엘"),
    "XL": ("xl", "엑스라지", "엑라", "엑스엘", "xlarge"),
    "XXL": ("xxl", "2xl", "투엑스라지", "투엑스", "투엑라", "xxlarge"),
    "XXXL": ("xxxl", "3xl", "쓰리엑스라지"),
    "FREE": ("free", "프리", "프리사이즈", "원사이즈", "onesize", "f"),
}
_SIZE_CANON = {alias: canon for canon, aliases in SIZE_ALIASES.items() for alias in aliases}
# Korean tops sizing (95 = M, 100 = L …): a synonym only in a catalogue that spells sizes in letters.
KOREAN_TOP_SIZES = {"85": "XS", "90": "S", "95": "M", "100": "L", "105": "XL", "110": "XXL", "115": "XXXL"}

# Units written one way: spelling -> canonical unit. "미리" is ml for liquids and mm for shoes: both are
# tried and the value the shop has wins.
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "ml": ("ml", "밀리", "밀리리터", "미리", "㎖", "cc"),
    "l": ("l", "리터", "liter", "litre", "ℓ"),
    "g": ("g", "그램", "gram", "그람"),
    "kg": ("kg", "키로", "킬로", "킬로그램", "kilogram"),
    "mm": ("mm", "미리", "밀리미터"),
    "cm": ("cm", "센치", "센티", "센티미터"),
    "inch": ("inch", "inches", "인치", "in"),
    "gb": ("gb", "기가", "기가바이트"),
    "tb": ("tb", "테라", "테라바이트"),
    "w": ("w", "와트"),
    "매": ("매", "장"),
    "입": ("입", "개입"),
    "호": ("호",),
    "p": ("p", "피스", "pcs"),
}
_UNIT_OF: dict[str, list[str]] = {}
for _unit, _spellings in UNIT_ALIASES.items():
    for _s in _spellings:
        _UNIT_OF.setdefault(_s, []).append(_unit)
_SIZE_UNITS = frozenset({"inch", "mm", "호", "cm"})


def canonical_units(spelling: str) -> list[str]:
    """The canonical units a unit's spelling may mean ("리터" -> ["l"], "미리" -> ["ml", "mm"]); [] for no unit."""
    return list(_UNIT_OF.get(spelling.lower(), ()))


_NUM_UNIT = re.compile(r"^(\d+(?:\.\d+)?)([a-z가-힣㎖ℓ\"']+)$")
# After a number, these make it something other than an option value (a share, money, a count, a time).
_NOT_OPTION_AFTER = re.compile(r"^\s*(%|퍼센트|프로(?![가-힣])|원|만|천|개(?!입)|벌|명|번|시|분|일|월|년|박스|세트|배|살|kg|키로|세)"
                               r"|^,\d{3}(?!\d)")  # (",000": the thousands of an amount, "28,000원")
# an English size word after a fit verb ("run large", "fits a bit small") says how a thing fits, it names no size
_FIT_SAID_BEFORE = re.compile(r"\b(run|runs|running|ran|fit|fits|fitting|feel|feels|come|comes)\s+"
                              r"(?:a\s+(?:bit|little|tad)\s+|kind\s+of\s+|too\s+|pretty\s+|quite\s+)?$", re.I)
# "free" said as the one size ("free size", "size free", "프리사이즈" is read apart): otherwise an English word
_FREE_AS_SIZE = re.compile(r"free\s*(?:size|사이즈)|size\s+free|in\s+free\b", re.I)
_SPLIT = re.compile(r"[\s/,·|+()\[\]]+")
_WORD = re.compile(r"[0-9]+(?:\.[0-9]+)?[a-z가-힣㎖ℓ]*|[a-z]+[0-9]*[a-z0-9]*|[가-힣]+", re.IGNORECASE)
_ASCII_WORD_CHAR = re.compile(r"[A-Za-z0-9'’]")

# the words a customer names the generic axes with ("무슨 색", "사이즈 뭐 있어요"); other axes by their own label
AXIS_WORDS = {"size": ("사이즈", "치수", "size"), "color": (*_COLOR_SUFFIXES, "칼라")}
AXIS_LABELS = {"size": "사이즈", "color": "색상", "material": "소재", "pattern": "패턴", "suggestedage": "연령",
               "suggestedgender": "성별", "model": "모델"}
_VOLUME = re.compile(r"^\s*\d+(?:\.\d+)?\s*(ml|mL|ML|l|L|리터|㎖|ℓ)\s*$")
_WEIGHT = re.compile(r"^\s*\d+(?:\.\d+)?\s*(g|kg|그램|킬로)\s*$", re.IGNORECASE)


def axis_label(key: str, values: Iterable[str] = ()) -> str:
    """What replies call an axis: schema.org properties by their Korean name; a `size` whose values are all
    volumes (ml/L) is 용량 and all weights (g/kg) 중량; a shop's own axis keeps its own name (호수, CPU)."""
    k = key.strip()
    low = k.lower()
    vals = [v for v in values if v]
    if low == SIZE_AXIS and vals:
        if all(_VOLUME.match(v) for v in vals):
            return "용량"
        if all(_WEIGHT.match(v) for v in vals):
            return "중량"
    return AXIS_LABELS.get(low, k)


def canon_token(text: str) -> list[str]:
    """Canonical spellings of one token: "300 ML" -> ["300ml"], "300미리" -> ["300ml", "300mm"], "L" -> ["l"]."""
    return list(_canon_token(text or ""))  # (a new list: callers extend it)


@lru_cache(maxsize=65536)
def _canon_token(text: str) -> tuple[str, ...]:
    """`canon_token`, kept per token: a chat's words and a catalogue's values recur from turn to turn."""
    return tuple(_canon_spellings(text))


def _canon_spellings(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text).lower().replace(" ", "").replace("-", "")
    m = _NUM_UNIT.match(t)
    if m:
        number, unit = m.group(1), m.group(2).strip("\"'")
        if number.endswith(".0"):
            number = number[:-2]
        units = _UNIT_OF.get(unit) or _UNIT_OF.get(unit.rstrip("요")) or []
        if units:
            out = [number + u for u in units]
            if set(units) & _SIZE_UNITS:
                out.append(number)  # "32인치" / "270mm" / "21호": also the bare size a shop may list as "32"
            return out
        if m.group(2) in ("\"", "'"):
            return [number + "inch"]
    return [fold_palatal(t)] if t else []


def value_tokens(value: str) -> list[str]:
    """The distinctive tokens of an option value, canonicalised ("21호 라이트" -> 21호, 라이트)."""
    out: list[str] = []
    for part in _SPLIT.split(unicodedata.normalize("NFKC", value or "")):
        if not part:
            continue
        for tok in canon_token(part)[:1]:
            if tok.isdigit() and len(tok) <= 2:
                continue  # "02" of "02 코랄" is not something a customer names on its own
            out.append(tok)
    return out


def canon_value(value: str) -> str:
    """The whole value, normalised for comparison ("15-inch / i5 / 16GB" -> "15inchi516gb")."""
    return "".join(value_tokens(value)) or unicodedata.normalize("NFKC", value).lower().replace(" ", "")


def canonical_color(word: str) -> str | None:
    w = unicodedata.normalize("NFKC", word or "").lower().replace(" ", "")
    if w in _COLOR_CANON:
        return _COLOR_CANON[w]
    for suffix in _COLOR_SUFFIXES:
        if w.endswith(suffix) and w[: -len(suffix)] in _COLOR_CANON:
            return _COLOR_CANON[w[: -len(suffix)]]
    return None


def catalogue_options(raw_products: list[dict[str, Any]]) -> dict[str, Any]:
    """Every axis the catalogue uses (key -> label) and every value sold on it, in catalogue order."""
    axes: dict[str, str] = {}
    values: dict[str, dict[str, None]] = {}
    for p in raw_products:
        keys = [str(a["key"]) for a in p.get("axes") or ()]
        for a in p.get("axes") or ():
            axes.setdefault(str(a["key"]), str(a.get("label") or a["key"]))
        for row in _maybe_json(p.get("variants")) or ():
            vals = (row.get("options") if isinstance(row, dict) else row[1]) or []
            for key, value in zip(keys, vals):
                if value not in (None, ""):
                    values.setdefault(key, {}).setdefault(str(value), None)
    return {"axes": axes, "values": {k: list(v) for k, v in values.items()}}


@dataclass(frozen=True)
class _Entry:
    axis: str
    value: str
    partial: bool


# the bound noun 편 after a word ("까만 편이라", "밝은편인데"): not 편하다 / 편안 / 편리 / 편의 / 편집
_ON_THE_SIDE = re.compile(r"\s*편(?=이|인|임|\s|$|[,.?!~])")
# how many texts' scans a vocabulary remembers (a warm container's recent turns)
_SCAN_CACHE_SIZE = 1024


class OptionVocabulary:
    """The catalogue's option values and their synonyms, keyed by canonical token (see module docstring)."""

    def __init__(self, options: dict[str, Any], name_words: Iterable[str] = (), kind_words: Iterable[str] = ()) -> None:
        self.axes: dict[str, str] = dict(options.get("axes") or {})
        self.values: dict[str, list[str]] = {k: list(v) for k, v in (options.get("values") or {}).items()}
        self.name_words = frozenset(name_words)
        self.kind_words = frozenset(kind_words)  # the catalogue's kinds ("셔츠", "티"), a value may be glued onto
        self._found: BoundedMemo[str, tuple[OptionMention, ...]] = BoundedMemo(_SCAN_CACHE_SIZE)  # `find_mentions`
        self.keys: dict[str, list[_Entry]] = {}
        letter_sized = False
        for axis, vals in self.values.items():
            for value in vals:
                whole = canon_value(value)
                self._add(whole, axis, value, partial=False)
                numbered = re.match(r"\s*(\d{1,2})\s+\S", unicodedata.normalize("NFKC", value))
                if numbered:  # "01 로지" is "01번" / "1번" when the customer counts the shades
                    for n in dict.fromkeys((numbered.group(1), str(int(numbered.group(1))))):
                        self._add(f"{n}번", axis, value, partial=False)
                toks = value_tokens(value)
                if len(toks) > 1:
                    for tok in toks:
                        self._add(tok, axis, value, partial=True)
                canon_size = _SIZE_CANON.get(whole)
                if canon_size:
                    letter_sized = letter_sized or not whole.isdigit()
                    for alias in SIZE_ALIASES[canon_size]:
                        self._add(alias, axis, value, partial=False)
                canon_col = canonical_color(value)
                if canon_col:
                    for alias in COLOR_ALIASES[canon_col]:
                        self._add(alias, axis, value, partial=False)
        # Hangul loanword values by sound, for English words ("white musk" -> 화이트머스크): built on first use
        self._sounds: dict[str, list[tuple[str, str, str]]] | None = None
        if letter_sized:
            for number, letter in KOREAN_TOP_SIZES.items():
                for entry in list(self.keys.get(letter.lower(), ())):
                    if not entry.partial:
                        self._add(number, entry.axis, entry.value, partial=False, weak=True)
        self._max_words = 4

    def _add(self, key: str, axis: str, value: str, partial: bool, weak: bool = False) -> None:
        if not key:
            return
        key = fold_palatal(key)  # looked up by `canon_token`, which folds the same way
        entries = self.keys.setdefault(key, [])
        if weak and any(not e.partial for e in entries):
            return  # a shop that sells size "100" itself: 100 means that, not L
        if not any(e.axis == axis and e.value == value for e in entries):
            entries.append(_Entry(axis, value, partial))

    def label(self, axis: str) -> str:
        return self.axes.get(axis, axis_label(axis, self.values.get(axis, ())))

    # -- scanning a text ------------------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[OptionMention]:
        """Option values named in `text`, left to right; longer spans first (see the evidence rules above).

        Remembered per text (a turn's pieces are scanned by the router, each agent and the guard alike; the mentions
        are frozen, each caller gets its own list)."""
        return list(self._found(text, lambda: tuple(self._find_mentions(text))))

    def _find_mentions(self, text: str) -> list[OptionMention]:
        s = unicodedata.normalize("NFKC", text or "")
        words = [piece for m in _WORD.finditer(s) for glued in self._glued_number(m.group(0), m.start())
                 for part in self._glued_colour(*glued) for piece in self._glued_nouns(*part)]
        found: list[OptionMention] = []
        taken: set[int] = set()
        for size in range(min(self._max_words, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                if any(j in taken for j in range(i, i + size)):
                    continue
                span = words[i:i + size]
                start, end = span[0][1], span[-1][2]
                if size > 1 and any(s[a[2]:b[1]].strip(" -/") for a, b in zip(span, span[1:])):
                    continue  # words joined only by spaces, hyphens or slashes form one value
                raw = "".join(w for w, _, _ in span)
                mention = self._match(raw, s, start, end, single=size == 1)
                if mention:
                    found.extend(mention)
                    taken.update(range(i, i + size))
        found.extend(self._unit_shared(s, found))
        # "얼굴이 까만 편이에요", "큰편인데": a word with the bound noun 편 ("on the … side") describes the customer or a
        # thing, it names no option (but "블랙 편해요?" is 편하다, comfortable)
        found = [m for m in found if not _ON_THE_SIDE.match(s, m.end)]
        found.sort(key=lambda m: m.start)
        return found

    def _glued_number(self, word: str, start: int) -> list[tuple[str, int, int]]:
        """A value's number written onto its name ("02코랄" for "02 코랄"): two words when the name alone is a value
        word and the whole is none (a number with its unit, "23호", "5키로", stays one word)."""
        m = re.fullmatch(r"(\d+)([가-힣]{2,})", word)
        if m is None or any(self.keys.get(k) for k in canon_token(word)) \
                or not any(self.keys.get(k) for k in canon_token(m.group(2))):
            return [(word, start, start + len(word))]
        cut = start + len(m.group(1))
        return [(m.group(1), start, cut), (m.group(2), cut, start + len(word))]

    def _glued_colour(self, word: str, start: int, end: int) -> list[tuple[str, int, int]]:
        """A colour said as an adjective glued onto the noun it colours ("흰티", "검은셔츠"): two words when the
        analyser reads the start as an adjective (희다, 검다) that is a colour word and the whole is no value; or a
        value word glued onto a kind of the catalogue ("검정티")."""
        if not re.fullmatch(r"[가-힣]{2,}", word) or any(self.keys.get(k) for k in canon_token(word)):
            return [(word, start, end)]
        head = adjective_head(word)
        if not head or len(head) >= len(word) or not any(self.keys.get(k) for k in canon_token(head)):
            # ("검정티", "블랙셔츠": a value word glued onto one of the catalogue's kinds)
            rest = strip_particles(word)
            head = next((word[:i] for i in range(len(rest) - 1, 1, -1) if rest[i:] in self.kind_words
                         and any(not e.partial for k in canon_token(word[:i]) for e in self.keys.get(k, ()))), "")
            if not head:
                return [(word, start, end)]
        return [(head, start, start + len(head)), (word[len(head):], start + len(head), end)]

    def _glued_nouns(self, word: str, start: int, end: int) -> list[tuple[str, int, int]]:
        """A turn typed without spaces ("헤드폰네이비3개있어요"): the analyser's nouns that are values of the shop
        ("네이비") are words of their own, the rest of the word around them kept as it was."""
        if len(word) < 5 or not re.search(r"[가-힣]", word) or any(self.keys.get(k) for k in canon_token(word)):
            return [(word, start, end)]
        # a number or a Latin letter written straight after Hangul starts a word ("노트북16인치i5": 노트북, 16인치, i5),
        # when one of the words so cut is a value of the shop's
        cuts_at = [m.start() for m in re.finditer(r"(?<=[가-힣])(?=[0-9A-Za-z])", word)]
        if cuts_at:
            bounds = [0, *cuts_at, len(word)]
            pieces = [(word[a:b], start + a, start + b) for a, b in zip(bounds, bounds[1:])]
            if any(self.keys.get(k) for w, _, _ in pieces for stem in (w, *_tail_stems(w)) for k in canon_token(stem)):
                return [q for w, a, b in pieces for q in self._glued_nouns(w, a, b)]
        from core.language.morphology import analyse

        cuts = [(m.start, m.end) for m in analyse(word) if m.pos in ("NNG", "NNP", "SL") and m.end - m.start >= 2
                and word[m.start:m.end] == m.surface
                and any(not e.partial for k in canon_token(m.surface) for e in self.keys.get(k, ()))]
        # (never a value said with its particle: "검정색으로요" is one colour)
        if not cuts or cuts == [(0, len(word))] \
                or any(self.keys.get(k) for stem in _tail_stems(word) for k in canon_token(stem)):
            return [(word, start, end)]
        pieces, at = [], 0
        for a, b in cuts:
            if a > at:
                pieces.append((word[at:a], start + at, start + a))
            pieces.append((word[a:b], start + a, start + b))
            at = b
        if at < len(word):
            pieces.append((word[at:], start + at, end))
        return pieces

    def _unit_shared(self, s: str, found: list[OptionMention]) -> list[OptionMention]:
        """A bare number joined to a number with a unit ("1.7이랑 2리터", "250 or 300ml"): the unit is said once for
        both, so the bare one is read with it when the shop sells that value."""
        out: list[OptionMention] = []
        for m in found:
            unit = re.sub(r"^\d+(?:\.\d+)?\s*", "", m.token)
            if not unit or unit == m.token or not m.value:
                continue
            before = re.search(r"(\d+(?:\.\d+)?)\s*(?:이랑|랑|하고|이나|나|와|과|,|/|~|or|and)\s*$", s[:m.start])
            if before is None:
                # ("1.7 블랙이랑 2L 블랙": a value of another option said between the bare number and the joint)
                before = re.search(r"(\d+(?:\.\d+)?)\s+([가-힣A-Za-z]+?)(?:이랑|랑|하고|이나|와|과|,|/|\s+or|\s+and)\s*$",
                                   s[:m.start])
                if before is not None and not any(x.start == before.start(2) and x.axis != m.axis and x.value
                                                  for x in found):
                    before = None
            if before is None or any(x.start <= before.start(1) < x.end for x in found):
                continue
            for key in canon_token(before.group(1) + unit):
                entries = [e for e in self.keys.get(key, ()) if e.axis == m.axis and not e.partial]
                if len(entries) == 1:
                    out.append(OptionMention(m.axis, entries[0].value, before.group(1), before.start(1), before.end(1)))
                    break
        return out

    def _match(self, raw: str, text: str, start: int, end: int, single: bool) -> list[OptionMention]:
        after = text[end:end + 4]
        before = text[max(0, start - 1):start]
        token = raw
        candidates = canon_token(raw)
        if single:
            for stem in _tail_stems(raw):  # "5키로는요" -> 5키로 (then 5키, 5: each tried, longest first)
                if any(c in self.keys for c in canon_token(stem)):
                    candidates += canon_token(stem)
                    token = stem
                    break
        if not any(self.keys.get(key) for key in candidates) and raw.isascii() and raw.isalpha() and len(raw) >= 5:
            sounded = self._sounded(raw, text[start:end], start, end)
            if sounded:
                return sounded
        for key in candidates:
            entries = self.keys.get(key)
            if not entries:
                continue
            if not self._evidence(key, raw, text, start, end, after, before):
                return []
            if single and not key.isascii() and strip_particles(raw.lower()) in self.name_words \
                    and adjective_head(raw) != raw:
                # a word of a product name ("크림" in 수분 크림) is read as the name; not an adjective ("흰" of the
                # alias "흰 스니커즈" is the colour, in "흰 티셔츠" too)
                return []
            out = []
            by_axis: dict[str, list[_Entry]] = {}
            for e in entries:
                by_axis.setdefault(e.axis, []).append(e)
            for axis, es in by_axis.items():
                whole = [e for e in es if not e.partial]
                if len(whole) == 1:
                    out.append(OptionMention(axis, whole[0].value, token, start, end))
                elif len(es) == 1:
                    out.append(OptionMention(axis, es[0].value, token, start, end, partial=es[0].partial))
                else:  # several values share this token: resolved per product (see `resolve`)
                    out.append(OptionMention(axis, None, token, start, end, partial=True))
            return out
        return []

    def _sounded(self, raw: str, span: str, start: int, end: int) -> list[OptionMention]:
        """The one Hangul loanword value an English word sounds like ("white musk" = 화이트머스크), see
        `core.language.loanwords`: a skeleton of three consonants or more and vowels of a like shape."""
        from rapidfuzz import fuzz

        from core.language.loanwords import STOP, sound_key, vowel_shape

        from core.language.lexicon import ENGLISH_INDEX

        words = re.findall(r"[A-Za-z]+", span)
        if any(w.lower() in STOP and w.lower() not in COLOR_ALIASES or len(w) < 3 for w in words):
            return []  # "is the hand" is no value: every word must be a content word
        if any(w.lower() in ENGLISH_INDEX and w.lower() not in COLOR_ALIASES for w in words):
            return []  # a word of shop vocabulary ("fabric", "size") is what it says, never a value by its sound (블랙)
        if self._sounds is None:
            sounds: dict[str, list[tuple[str, str, str]]] = {}
            for axis, vals in self.values.items():
                for value in vals:
                    word = "".join(re.findall(r"[가-힣]+", value))
                    key = sound_key(word) if word else ""
                    # Korean writes an English r before a consonant as 르 ("bergamot" = 베르가못): without it too
                    for k in dict.fromkeys((key, key[:1] + key[1:].replace("L", ""))):
                        if len(k) >= 3:
                            sounds.setdefault(k, []).append((axis, value, vowel_shape(word)))
            self._sounds = sounds
        key = sound_key(raw.lower())
        shape = vowel_shape(raw.lower())
        found = [(axis, value) for axis, value, vowels in self._sounds.get(key, ()) if fuzz.ratio(shape, vowels) >= 50]
        if len({value for _, value in found}) != 1:
            return []
        spelt = [en for en, forms in COLOR_ALIASES.items() if any(f in found[0][1] for f in forms if not f.isascii())]
        if spelt and not any(fuzz.ratio(w, en) >= 75 for en in spelt for w in (raw.lower(), *span.lower().split())):
            return []  # a colour English spells one way ("brown"): "prone" only sounds like 브라운
        axis, value = found[0]
        return [OptionMention(axis, value, raw, start, end)]

    @staticmethod
    def _evidence(key: str, raw: str, text: str, start: int, end: int, after: str, before: str) -> bool:
        if key.isdigit():
            return not _NOT_OPTION_AFTER.match(after)
        if raw.isascii() and raw.isalpha() and _FIT_SAID_BEFORE.search(text[:start]):
            return False  # "do they run large?": how the product fits, not its size L
        if raw.lower() == "free" and raw != "FREE" and not _FREE_AS_SIZE.search(text[max(0, start - 6):end + 9]):
            # "interest-free", "free shipping", "is it free?": no one-size option ("free size", "FREE" are)
            return False
        if raw.isascii() and raw.isalpha() and len(raw) <= 3:
            # "M", "XL", "S": a standalone token only (not a letter of an English word or a contraction)
            prev_ok = start == 0 or not _ASCII_WORD_CHAR.match(text[start - 1])
            next_ok = end >= len(text) or not _ASCII_WORD_CHAR.match(text[end])
            if not (prev_ok and next_ok):
                return False
            if len(raw) == 1 and raw.lower() in ("a", "i"):
                return False
        return True

    # -- resolving on one product ----------------------------------------------------------------------
    def resolve(self, product: Any, mentions: Iterable[OptionMention]) -> tuple[dict[str, str], list[OptionMention]]:
        """The mentions as this product's own option values ({axis: value}), and those it does not sell.

        A value the catalogue shares across axes or products is matched against the product's own values:
        exactly, by canonical form, or (for a partial token like "21호") the one value containing it.
        """
        chosen: dict[str, str] = {}
        missing: list[OptionMention] = []
        for m in mentions:
            own = product.values(m.axis)
            if not own:
                # an axis this product does not vary by: try the token on the product's other axes
                hit = self._on_other_axis(product, m)
                if hit:
                    chosen.setdefault(hit[0], hit[1])
                else:
                    missing.append(m)
                continue
            value = _pick(own, m)
            if value is None:
                hit = self._on_other_axis(product, m)
                if hit:
                    chosen.setdefault(hit[0], hit[1])
                    continue
                missing.append(m)
            else:
                chosen.setdefault(m.axis, value)
        return chosen, missing

    def _on_other_axis(self, product: Any, m: OptionMention) -> tuple[str, str] | None:
        for axis in product.axes:
            if axis.key == m.axis:
                continue
            value = _pick(product.values(axis.key), OptionMention(axis.key, None, m.token, partial=True))
            if value is not None:
                return axis.key, value
        return None


def _pick(own: list[str], m: OptionMention) -> str | None:
    if m.value is not None:
        for v in own:
            if v == m.value or canon_value(v) == canon_value(m.value):
                return v
    tokens = set(canon_token(m.token)) | set(canon_token(_strip_korean_tail(m.token)))
    exact = [v for v in own if canon_value(v) in tokens]
    if len(exact) == 1:
        return exact[0]
    containing = [v for v in own if tokens & set(value_tokens(v))]
    if len(containing) == 1:
        return containing[0]
    col = canonical_color(m.token) or canonical_color(_strip_korean_tail(m.token))
    if col:
        same = [v for v in own if canonical_color(v) == col]
        if len(same) == 1:
            return same[0]
        # a shade that contains the colour ("회색" -> 멜란지그레이, "그레이" -> 차콜그레이 when it is the only one)
        spelled = [a for a in COLOR_ALIASES[col] if len(a) >= 2]
        within = [v for v in own if any(a in v.lower().replace(" ", "") for a in spelled)]
        if len(within) == 1:
            return within[0]
    # a Korean token inside one value ("머스크" -> 화이트머스크)
    tok = _strip_korean_tail(m.token).lower()
    if len(tok) >= 2 and not tok.isascii():
        inside = [v for v in own if tok in v.lower().replace(" ", "")]
        if len(inside) == 1:
            return inside[0]
    size = _SIZE_CANON.get(m.token.lower()) or KOREAN_TOP_SIZES.get(m.token.strip())
    if size:
        same = [v for v in own if _SIZE_CANON.get(canon_value(v)) == size]
        if len(same) == 1:
            return same[0]
    return None


_TAILS = ("으로요", "이랑", "이요", "으로", "로요", "하고", "이나", "로", "은요", "는요", "랑", "은", "는", "이", "가", "도", "요",
          "을", "를", "만", "과", "와", "짜리", "씩", "사이즈", "색상", "컬러", "색", "향", "맛", "중에서", "중에", "중")
# 향/맛: scent, flavour; 씩: "1매씩 사면" (one at a time); 중에: "모브랑 코랄중에" (of the two)


@lru_cache(maxsize=4096)
def adjective_head(word: str) -> str:
    """The adjective a Korean word starts with, as written ("흰티" -> 흰, "검은셔츠" -> 검은, "흰" -> 흰), or ""."""
    from core.language.morphology import analyse

    ms = analyse(word)
    if not ms or ms[0].pos != "VA":
        return ""
    head = ms[0].surface + (ms[1].surface if len(ms) > 1 and ms[1].pos == "ETM" else "")
    return head if word.startswith(head) else ""


def _tail_stems(word: str) -> list[str]:
    """Every stem left after taking particles off the end one at a time ("5키로는요" -> 5키로, 5키, 5), longest first;
    every tail that fits is tried ("그레이랑" is 그레이 + 랑 as well as 그레 + 이랑)."""
    seen: set[str] = set()
    todo = [word]
    while todo:
        w = todo.pop()
        for tail in _TAILS:
            if w.endswith(tail) and len(w) > len(tail) and w[: -len(tail)] not in seen:
                seen.add(w[: -len(tail)])
                todo.append(w[: -len(tail)])
    return sorted(seen, key=len, reverse=True)


def _strip_korean_tail(word: str) -> str:
    """"L로요" -> "L", "블랙은요" -> "블랙", "300ml짜리" -> "300ml" (particles and option nouns after a value)."""
    w = word
    changed = True
    while changed and len(w) > 1:
        changed = False
        for tail in _TAILS:
            if w.endswith(tail) and len(w) > len(tail):
                w = w[: -len(tail)]
                changed = True
                break
    return w


def product_option_summary(product: Any) -> list[tuple[str, list[str]]]:
    """(axis label, values) for each axis of a product, in axis order: what an option question is answered with."""
    return [(a.label, product.values(a.key)) for a in product.axes if product.values(a.key)]


__all__ = ["AXIS_LABELS", "AXIS_WORDS", "COLOR_ALIASES", "KOREAN_TOP_SIZES", "OptionMention", "OptionVocabulary", "SIZE_ALIASES",
           "axis_label", "canon_token", "canon_value", "canonical_color", "catalogue_options",
           "product_option_summary", "value_tokens", "_unique"]
