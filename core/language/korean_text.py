"""Korean text normalisation for matching: NFKC, case, spacing, particles, and jamo decomposition.

Customers write product names with or without spaces, with particles glued on ("린넨셔츠를"),
and with typos inside a syllable ("후디" for "후드"). Comparing jamo strings instead of syllables
turns a one-letter typo into a one-character edit. No external package: decomposition is arithmetic
from U+AC00.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# Compound vowels and finals are split into basic jamo so "ㅘ" vs "ㅏ" is a one-character edit.
_MEDIALS = ("ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ", "ㅜㅓ",
            "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ")
_FINALS = ("", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ",
           "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")


def _build_jamo_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(_HANGUL_LAST - _HANGUL_BASE + 1):
        ini, rest = divmod(code, 588)
        med, fin = divmod(rest, 28)
        table[_HANGUL_BASE + code] = _INITIALS[ini] + _MEDIALS[med] + _FINALS[fin]
    return table


_JAMO_TABLE = _build_jamo_table()
_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)
_SPLIT_RE = re.compile(r"[\s\W_]+", re.UNICODE)
# Boundaries between Hangul, Latin letters and digits ("린넨셔츠L" -> "린넨셔츠", "l").
_SCRIPT_RE = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]+|[a-z]+|[0-9]+")

# Particles and endings that glue onto nouns in chat, longest first. Value: the batchim rule
# (True: only after a final consonant, False: only after an open syllable, None: either).
_PARTICLES: tuple[tuple[str, bool | None], ...] = (
    ("이랑은", None), ("으로는", True), ("에서는", None), ("이에요", True), ("인가요", None),
    ("입니다", None), ("이요", True), ("으로", True), ("에서", None), ("까지", None), ("부터", None),
    ("이랑", True), ("하고", None), ("에게", None), ("한테", None), ("처럼", None), ("보다", None),
    ("이나", True), ("이라", True), ("만요", None), ("예요", False), ("에요", None), ("인데", None),
    ("랑", False), ("로", None), ("을", True), ("를", False), ("이", True), ("가", False), ("은", True),
    ("는", False), ("도", None), ("요", None), ("좀", None), ("만", None), ("의", None), ("와", False),
    ("과", True), ("에", None), ("나", False), ("에는", None), ("엔", False), ("이라도", True), ("라도", False),
)
_PARTICLE_MAX = max(len(p) for p, _ in _PARTICLES)
_PARTICLE_MAP = dict(_PARTICLES)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """NFKC + lowercase + drop whitespace and punctuation: "린넨 셔츠!" -> "린넨셔츠" (remembered: product names are
    normalised over and over in one turn)."""
    return _PUNCT_RE.sub("", nfkc(text))


def tokens(text: str) -> list[str]:
    """Words split on whitespace, punctuation and Hangul/Latin/digit boundaries (NFKC, lowercase)."""
    out: list[str] = []
    for word in _SPLIT_RE.split(nfkc(text)):
        if word:
            out.extend(_SCRIPT_RE.findall(word) or [word])
    return out


def words(text: str) -> list[str]:
    """Words split on whitespace and punctuation only (keeps "린넨셔츠l" together)."""
    return [w for w in _SPLIT_RE.split(nfkc(text)) if w]


_FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ",
           "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")


def final_consonant(syllable: str) -> str:
    """The final consonant (받침) of a Hangul syllable ("쓴" -> "ㄴ"); "" for none or for anything not Hangul."""
    code = ord(syllable) - 0xAC00 if len(syllable) == 1 else -1
    return _FINALS[code % 28] if 0 <= code < 11172 else ""


def has_batchim(syllable: str) -> bool:
    """True when the Hangul syllable ends in a final consonant (받침)."""
    code = ord(syllable) - _HANGUL_BASE
    return 0 <= code <= _HANGUL_LAST - _HANGUL_BASE and code % 28 != 0


def is_hangul(ch: str) -> bool:
    return _HANGUL_BASE <= ord(ch) <= _HANGUL_LAST


# After ㅈ, ㅉ, ㅊ Korean does not tell a y-vowel from the plain one, so loanwords are written both ways (챠콜 /
# 차콜, 쥬스 / 주스, 레져 / 레저): medial index of ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ -> ㅏ ㅐ ㅓ ㅔ ㅗ ㅜ, as one translation table
_PALATAL_INITIALS = (12, 13, 14)  # ㅈ ㅉ ㅊ
_PLAIN_MEDIAL = {2: 0, 3: 1, 6: 4, 7: 5, 12: 8, 17: 13}
_PALATAL_FOLD = {_HANGUL_BASE + ini * 588 + med * 28 + fin: _HANGUL_BASE + ini * 588 + plain * 28 + fin
                 for ini in _PALATAL_INITIALS for med, plain in _PLAIN_MEDIAL.items() for fin in range(28)}


def fold_palatal(text: str) -> str:
    """One spelling for a loanword's palatal syllables ("챠콜" -> "차콜"), for comparing a customer's word with the
    shop's."""
    return text.translate(_PALATAL_FOLD)


@lru_cache(maxsize=16384)
def strip_particles(word: str, min_stem: int = 2) -> str:
    """Remove trailing particles ("셔츠를" -> "셔츠", "바지도요" -> "바지"), keeping >= min_stem syllables.

    The 받침 rule keeps nouns that merely end like a particle ("넥타이" stays: 이 after an open syllable).
    """
    changed = True
    while changed and len(word) > min_stem:
        changed = False
        for size in range(min(_PARTICLE_MAX, len(word) - min_stem), 0, -1):
            tail = word[-size:]
            rule = _PARTICLE_MAP.get(tail, "absent")
            if rule == "absent":
                continue
            stem = word[:-size]
            prev = stem[-1]
            if not is_hangul(prev) and rule is not None:
                # After Latin letters/digits ("L로", "xl이요") allow any form.
                pass
            elif rule is True and not has_batchim(prev):
                continue
            elif rule is False and has_batchim(prev):
                continue
            if tail == "로" and is_hangul(prev) and has_batchim(prev) and not prev_has_rieul(prev):
                continue
            word = stem
            changed = True
            break
    return word


def prev_has_rieul(syllable: str) -> bool:
    """True when the syllable's final consonant is ㄹ (로 follows ㄹ: "블랙셔츠를 ... 샌들로")."""
    code = ord(syllable) - _HANGUL_BASE
    return 0 <= code <= _HANGUL_LAST - _HANGUL_BASE and code % 28 == 8


def initials(text: str) -> str:
    """Each Hangul syllable as its initial consonant ("맨투맨" -> "ㅁㅌㅁ"); jamo and other characters unchanged."""
    return "".join(_INITIALS[(ord(ch) - _HANGUL_BASE) // 588] if "가" <= ch <= "힣" else
                   _INITIALS[ord(ch) - 0x1100] if "\u1100" <= ch <= "\u1112" else ch  # NFKC turns ㅁ into U+1106
                   for ch in text or "")


def jamo(text: str) -> str:
    """Decompose Hangul syllables into compatibility jamo ("후드" -> "ㅎㅜㄷㅡ"); other chars unchanged."""
    return text.translate(_JAMO_TABLE)


_SENTENCE_END = re.compile(r"(?<=[?？.!])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a text (split after ?, ？, . or !), stripped, empty ones left out: one splitter for a turn's
    questions and a shop text's clauses."""
    return [x.strip() for x in _SENTENCE_END.split(text or "") if x.strip()]


def _with_final(syllable: str, final_index: int) -> str:
    """`syllable` with its final consonant replaced (0: none, 4: ㄴ, 8: ㄹ …, Unicode's order of finals)."""
    code = ord(syllable) - 0xAC00
    return chr(0xAC00 + code - code % 28 + final_index)


def declarative_form(stem: str) -> str:
    """A predicate's stem as the formal statement ending "-습니다/-ㅂ니다" ("같" -> "같습니다", "크" -> "큽니다", "하" ->
    "합니다", "알" -> "압니다": an ㄹ final drops before ㅂ): a rule's clause that ended in a connective ("…와 같고,")
    said as a sentence of its own."""
    last = stem[-1:] if stem else ""
    if not is_hangul(last):
        return f"{stem}습니다"
    final = final_consonant(last)
    if final and final != "ㄹ":
        return f"{stem}습니다"
    return stem[:-1] + _with_final(last, 17) + "니다"


def whether_form(stem: str, adjective: bool = True) -> str:
    """A predicate's stem as the clause "whether it is so" ("따갑" -> "따가운지", "괜찮" -> "괜찮은지", "크" -> "큰지",
    "길" -> "긴지", "하얗" -> "하얀지", "맛있" -> "맛있는지"; a verb: "빠지" -> "빠지는지", "늘" -> "느는지"), with the
    regular irregulars of Korean conjugation (ㅂ, ㄹ and ㅎ stems); the stem + "는지" when it is no Hangul."""
    last = stem[-1:] if stem else ""
    if not is_hangul(last):
        return f"{stem}는지"
    final = final_consonant(last)
    if not adjective or stem.endswith(("있", "없")):
        return (stem[:-1] + _with_final(last, 0) if final == "ㄹ" else stem) + "는지"
    if final == "ㅂ" and stem not in ("좁", "잡", "씹"):
        return stem[:-1] + _with_final(last, 0) + "운지"
    if final in ("ㄹ", "ㅎ") and stem != "좋":
        return stem[:-1] + _with_final(last, 4) + "지"
    if final:
        return stem + "은지"
    return stem[:-1] + _with_final(last, 4) + "지"
