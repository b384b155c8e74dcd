"""Whether a product has a trait an English yes/no question names ("is the keyboard wired?", "is it vegan?",
"does the laptop come with Windows installed?"), read off the product's own Korean texts.

Offline mode has no translator, so an English question about a trait used to get the product's Korean
description pasted, leaving the customer to find the answer in a language they did not write. Here the English
trait word is looked up in its Korean forms (a bilingual table of product traits across catalogues: connection,
water, diet, origin, installation, fabric …, and the shop's own loanwords by sound: "Windows" is 윈도우) and the
product's own sentence that writes one of them decides the short answer: yes, or no when that sentence ends in a
negative. A trait in the table that none of the product's texts write is said to be unstated. Nothing is guessed:
a word outside the table and the shop's loanwords gives no verdict and the reply stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.english_gloss import says_no
from core.language.korean_text import sentences as split_sentences
from core.language.korean_text import strip_particles

# English trait words -> the Korean forms a shop writes them in. Generic product traits of many catalogues, never
# one shop's product names. A form must be specific enough that its presence means the trait ("무선" is wireless; a
# bare "선" would be anything).
TRAITS: dict[str, tuple[str, ...]] = {
    "wired": ("유선",), "corded": ("유선",), "wireless": ("무선", "블루투스"), "cordless": ("무선",),
    "bluetooth": ("블루투스",), "rechargeable": ("충전식", "충전"), "usb-c": ("USB-C", "C타입"),
    "waterproof": ("방수",), "water-resistant": ("생활방수", "방수"), "water resistant": ("생활방수", "방수"),
    "vegan": ("비건",), "organic": ("유기농",), "antibiotic-free": ("무항생제",), "gluten-free": ("글루텐프리", "글루텐 프리"),
    "sugar-free": ("무설탕", "무가당"), "unsweetened": ("무가당", "무설탕"), "additive-free": ("무첨가",),
    "fragrance-free": ("무향",), "unscented": ("무향",), "hypoallergenic": ("저자극",),
    "domestic": ("국산", "국내산"), "imported": ("수입",), "handmade": ("수제", "핸드메이드"),
    "installed": ("설치",), "preinstalled": ("설치",), "assembled": ("조립",),
    "frozen": ("냉동",), "chilled": ("냉장",), "refrigerated": ("냉장",),
    "fleece-lined": ("기모",), "fleece lined": ("기모",), "brushed": ("기모",), "lined": ("안감",),
    "stretchy": ("스판", "신축"), "stretch": ("스판", "신축"), "padded": ("패딩", "충전재"), "hooded": ("후드",),
    "washable": ("세탁",), "reversible": ("양면", "리버시블"),
    "mechanical": ("기계식",), "ergonomic": ("인체공학",), "foldable": ("접이식", "폴딩"), "portable": ("휴대용", "휴대"),
    "noise cancelling": ("노이즈 캔슬링", "노이즈캔슬링"), "noise-cancelling": ("노이즈 캔슬링", "노이즈캔슬링"),
    "backlit": ("백라이트", "LED"), "4k": ("4K", "UHD"),
    "new crop": ("햅쌀",), "seedless": ("씨없는",), "boneless": ("순살", "뼈 없는"), "sliced": ("슬라이스",),
    "refill": ("리필",), "travel size": ("미니", "여행용"),
}
# a trait and its opposite: a keyboard written 유선 answers "is it wireless?" with no, not with silence
OPPOSITES: dict[str, str] = {"wireless": "wired", "cordless": "corded", "wired": "wireless", "corded": "cordless",
                             "frozen": "chilled", "chilled": "frozen", "refrigerated": "frozen", "domestic": "imported",
                             "imported": "domestic"}
_TRAIT_RE = re.compile(r"(?<![A-Za-z'-])(" + "|".join(sorted(map(re.escape, TRAITS), key=len, reverse=True)) + r")(?![A-Za-z-])",
                       re.I)
# the yes/no question's own frame: a trait asked of the thing ("is it", "does it come with", "has it got")
_ASKS_TRAIT = re.compile(r"\b(is|are|does|do|has|have|can|will)\b", re.I)


@dataclass(frozen=True)
class TraitVerdict:
    """The short answer to "is it {english}?": `has` True/False, or None when the product's texts never write it."""

    english: str  # the trait the texts write (the opposite of the one asked when `opposite`)
    korean: str
    has: bool | None
    sentence: str  # the product's own sentence that decides it ("" when unstated)
    opposite: bool = False  # the texts write the trait's opposite ("is it wireless?" of a 유선 keyboard)


def trait_verdict(question: str, own_text: str, loans: dict[str, str] | None = None) -> TraitVerdict | None:
    """The trait an English yes/no question asks of a product and what its own texts say of it. `loans`: the
    question's English words as the shop's texts write them by sound ({"윈도우": "windows"}), tried when the table
    names no trait. None when the question is no yes/no trait question or names no trait this can read."""
    if not _ASKS_TRAIT.search(question or "") or "?" not in question and not re.match(r"\s*(is|are|does|do|has|have|can)\b",
                                                                                         question, re.I):
        return None
    found = _TRAIT_RE.search(question)
    pairs: list[tuple[str, tuple[str, ...]]] = []
    if found is not None:
        pairs.append((found.group(1).lower(), TRAITS[found.group(1).lower()]))
    # (a trait the table names is read by sound only through a word long enough to be its own: "워터프루프" is
    # waterproof, but "vegan" is never 보관, which sounds alike in three consonants)
    from core.language.loanwords import sound_key

    pairs += [(english, (korean,)) for korean, english in (loans or {}).items()
              if found is None or english.lower() != found.group(1).lower() or len(sound_key(korean)) >= 4]
    if not pairs:
        return None
    sentences = split_sentences(own_text)
    for english, forms in pairs:
        written = _written(forms, sentences)
        if written is not None:
            form, sentence, has = written
            return TraitVerdict(english, form, has, sentence)
    english, forms = pairs[0]
    if found is None:
        return None
    opposite = OPPOSITES.get(english)
    written = _written(TRAITS[opposite], sentences) if opposite else None
    if written is not None and written[2]:
        return TraitVerdict(opposite, written[0], False, written[1], True)  # "is it wireless?" of a wired one: no
    return TraitVerdict(english, forms[0], None, "")


def _written(forms: tuple[str, ...], sentences: list[str]) -> tuple[str, str, bool] | None:
    """The first of `forms` a sentence writes, that sentence, and whether it is said to hold (no negative ending its
    clause); None when none writes one."""
    for sentence in sentences:
        form = next((f for f in forms if f.lower() in sentence.lower()), None)
        if form is None:
            continue
        at = sentence.lower().index(form.lower())
        before = sentence[max(0, at - 1):at]
        if before and re.fullmatch(r"[무비]", before) and not form.startswith(("무", "비")):
            continue  # "무향" is not 향, "비방수" not 방수: the opposite written onto the form
        clause = re.split(r"[,·]|(?:고|며|지만)\s", sentence[at:], maxsplit=1)[0]
        word = re.match(r"[가-힣]*", sentence[at + len(form):]).group(0) if re.search(r"[가-힣]$", form) else ""
        start = re.search(r"[가-힣]*$", sentence[:at]).start() if re.match(r"[가-힣]", form) else at
        # the word as the sentence writes it ("생활방수", not its "방수"), its particle left off
        whole = strip_particles(sentence[start:at + len(form) + len(word)])
        return whole or form, sentence, not says_no(clause)
    return None
