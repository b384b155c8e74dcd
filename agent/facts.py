"""What an agent knows for one turn: facts fetched from the knowledge API, and how they are shown.

A `Fact` is one line of grounded text with a stable id (`product:P001`, `policy:returns` …). The
same facts feed the LM prompt, the offline template and the fact guard, so every number a reply may
contain is one the knowledge API returned for this turn. Formatting helpers live here so the
template and the facts spell amounts and dates the same way.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Fact:
    id: str
    text: str


@dataclass
class Grounding:
    """One agent's pre-fetched facts for a turn and its grounded offline reply.

    `lang` is the customer's language ("ko" or "en"): `say()` picks the sentence in it, so every
    template has its Korean and English form side by side. `topic` (what the turn was about: stock,
    price, fee, returns …) and `subject` (the product or policy section) feed the weekly VOC report.
    """

    route: str
    facts: list[Fact] = field(default_factory=list)
    reply: str = ""
    ask_back: bool = False
    handoff: bool = False
    handoff_reason: str | None = None
    use_lm: bool = True  # False when the template is the whole answer (ask-back, handoff, refusal)
    lang: str = "ko"
    topic: str | None = None
    subject: str | None = None
    sentences: list[str] = field(default_factory=list)
    catalogue: Any = None  # the shop's knowledge, for the English aliases of the products this turn's facts hold

    def _names_of_facts(self) -> dict[str, str]:
        """Each product of this turn's facts (`product:ID`) whose name is Hangul, with its English alias."""
        names: dict[str, str] = {}
        if self.catalogue is None:
            return names
        for fact in self.facts:
            kind, _, pid = fact.id.partition(":")
            product = self.catalogue.product(pid) if kind == "product" and pid and ":" not in pid else None
            alias = english_alias(product) if product is not None and _HANGUL.search(product.name) else None
            if alias:
                names[product.name] = alias
        return names

    def say(self, ko: str, en: str, **values: Any) -> str:
        """The sentence in the customer's language, formatted, appended to the reply being built."""
        text = (en if self.lang == "en" else ko).format(**values)
        self.sentences.append(text)
        return text

    def text(self, ko: str, en: str, **values: Any) -> str:
        """Like `say` but only returns the sentence (for pieces composed into a bigger one)."""
        return (en if self.lang == "en" else ko).format(**values)

    def finish(self) -> "Grounding":
        """Join the sentences said so far into the reply (keeps an explicitly set reply). In English, the shop's
        Hangul colours and product names get their English beside them (`in_english_too`)."""
        if self.sentences and self.lang == "en":
            self.sentences = in_english_too(self.sentences, self._names_of_facts())
        elif len(self.sentences) > 1:
            from agent.restatement import without_restatements

            self.sentences = without_restatements(self.sentences)  # (the shop's rule and its FAQ saying one thing)
        if self.sentences:
            self.reply = " ".join(s.strip() for s in self.sentences if s and s.strip())
            if self.lang == "en":  # (glossed templates that state one thing twice; a Korean reply's like sentences
                # may be of two orders)
                self.reply = _without_repeats(self.reply)
        return self

    def add(self, fact_id: str, text: str) -> None:
        if not any(f.id == fact_id for f in self.facts):
            self.facts.append(Fact(fact_id, text))

    def _grounded(self) -> set[Any]:
        """The quantity keys of every fact fetched so far: what a derived number may be computed from."""
        from agent.quantities import keys_of

        grounded: set[Any] = set()
        for fact in self.facts:
            grounded |= keys_of(fact.text)
        return grounded

    def derive_total(self, fact_id: str, items: list[tuple[str, int, int]]) -> int | None:
        """Register the total of `items` (label, unit amount, quantity) as a derived fact and return it.

        A derived number is a fact only when every operand already is one: each unit amount must be a
        quantity of a fact fetched this turn, so a sum never launders a number from the customer's text.
        The fact spells the arithmetic ("A 149,000원 + B 79,000원 = 합계 228,000원").
        """
        grounded = self._grounded()
        if not items or any(("n", unit) not in grounded for _, unit, _ in items):
            return None
        total = sum(unit * qty for _, unit, qty in items)
        terms = " + ".join(f"{label} {won(unit)}" + (f" × {qty}개" if qty > 1 else "") for label, unit, qty in items)
        self.add(fact_id, f"{terms} = 합계 {won(total)}")
        return total

    def derive_difference(self, fact_id: str, first: tuple[str, int], second: tuple[str, int]) -> int | None:
        """Register |a - b| of two fetched amounts ("16인치 1,290,000원 - 14인치 1,190,000원 = 차이 100,000원") as a
        derived fact and return it; None unless both are facts fetched this turn."""
        grounded = self._grounded()
        if ("n", first[1]) not in grounded or ("n", second[1]) not in grounded:
            return None
        (hi_label, hi), (lo_label, lo) = sorted((first, second), key=lambda x: -x[1])
        self.add(fact_id, f"{hi_label} {won(hi)} - {lo_label} {won(lo)} = 차이 {won(hi - lo)}")
        return hi - lo

    def derive_discounted(self, fact_id: str, label: str, price: int, off: int = 0, percent: int = 0) -> int | None:
        """Register a price less an amount or a percentage off ("MA-1 99,000원 - 5,000원 = 94,000원", "45,000원 × (100 -
        10)% = 40,500원", rounded down to the won) as a derived fact and return it; None unless the price and what is
        taken off are facts fetched this turn."""
        grounded = self._grounded()
        if ("n", price) not in grounded or bool(off) == bool(percent) \
                or (off and ("n", off) not in grounded) or (percent and ("pct", percent) not in grounded):
            return None
        if off:
            after = price - off
            self.add(fact_id, f"{label} {won(price)} - {won(off)} = {won(after)}")
        else:
            after = price * (100 - percent) // 100
            self.add(fact_id, f"{label} {won(price)} × (100 - {percent})% = {won(after)}")
        return after if after > 0 else None

    def derive_per_unit(self, fact_id: str, label: str, price: int, amount: float, unit: str) -> int | None:
        """Register the price per one `unit` of an option sold by quantity ("해남 꿀고구마 5kg 23,900원 ÷ 5kg =
        1kg당 4,780원") as a derived fact and return it (rounded to the won); None unless the price is a fact
        fetched this turn, so the division never launders a number from the customer's text."""
        if amount <= 0 or ("n", price) not in self._grounded():
            return None
        per = int(round(price / amount))
        shown = f"{amount:g}"
        self.add(fact_id, f"{label} {won(price)} ÷ {shown}{unit} = 1{unit}당 {won(per)}")
        return per

    @property
    def fact_ids(self) -> list[str]:
        return [f.id for f in self.facts]

    def facts_text(self) -> str:
        """Facts as structured lines for the LM prompt (`[id] text`)."""
        if not self.facts:
            return "(확인된 사실 없음)"
        return "\n".join(f"[{f.id}] {f.text}" for f in self.facts)

    def texts(self) -> list[str]:
        return [f.text for f in self.facts]


def _without_repeats(reply: str) -> str:
    """The reply with a sentence said word for word again dropped (two parts that state one order's state each)."""
    parts = re.split(r"(?<=[.!?])\s+", reply)
    seen: set[str] = set()
    kept = []
    for part in parts:
        if len(part) >= 20 and part in seen:
            continue
        seen.add(part)
        kept.append(part)
    return " ".join(kept)


_ITEM_BREAK = re.compile(r"(,\s*|\s+/\s+|:\s*|;\s*|\s+or\s+|\s+and\s+)")
_HANGUL = re.compile(r"[가-힣]")


def english_colours(value: str) -> str:
    """"화이트, 블랙" -> "white (화이트), black (블랙)": each item of a list that is one colour word the shop writes in
    Hangul, glossed (`agent.english_gloss.COLOUR_WORDS`); an item with other Hangul words (a product's name, "케이블
    니트 네이비") or already glossed is left as the shop wrote it, so a name is never cut apart."""
    if not _HANGUL.search(value):
        return value
    from agent.english_gloss import colour_word

    out = []
    for piece in _ITEM_BREAK.split(value):
        hangul = [w for w in piece.split() if _HANGUL.search(w)]
        counted = re.fullmatch(r"\s*([가-힣]+) \(\d[\d,]*\)[.!?]?\s*", piece)  # "차콜 (33)": a colour and its count
        word = hangul[0].rstrip(".!?") if len(hangul) == 1 and ("(" not in piece or counted) else ""
        if word and (english := colour_word(word)) is not None:
            piece = piece.replace(word, f"{english}/{word}" if counted else f"{english} ({word})", 1)
        out.append(piece)
    return "".join(out)


_LATIN_ALIAS = re.compile(r"[A-Za-z][A-Za-z0-9 .'&+-]*")


def english_alias(product: Any) -> str | None:
    """The product's fullest English alias ("electric kettle" before "kettle"; a word before an acronym), or None."""
    # (an alias's numbers must be the name's own: the fact guard holds a reply to the numbers of its facts)
    aliases = [a for a in getattr(product, "aliases", ()) if _LATIN_ALIAS.fullmatch(a)
               and all(n in product.name for n in re.findall(r"\d+", a))]
    if not aliases:
        return None
    return max(aliases, key=lambda a: (not a.isupper(), len(a.split()), len(a)))


def in_english_too(sentences: list[str], names: dict[str, str]) -> list[str]:
    """English sentences with the shop's Hangul words an English reader needs glossed: each colour alone in its
    item (`english_colours`) and, the first time it is said, each product's Korean name followed by its English
    alias ("무선 전기포트 (electric kettle)")."""
    out, glossed = [], set()
    for said in sentences:
        sentence = english_colours(said)
        if sentence[:1].islower() and _HANGUL.match(said):
            sentence = sentence[0].upper() + sentence[1:]  # "Ivory (아이보리) is sold out right now."
        for name in sorted(names, key=len, reverse=True):
            at = sentence.find(name)
            if at < 0 or name in glossed:
                continue
            glossed.add(name)
            end = at + len(name)
            if not sentence.startswith(" (", end) and not any(name in other and other in sentence for other in glossed
                                                              if other != name):
                sentence = f"{sentence[:end]} ({names[name]}){sentence[end:]}"
        counted = per_unit_in_english(said) if _HANGUL_ANY.search(said) else ""
        if counted and counted not in sentence:
            sentence = f"{sentence.rstrip()} ({counted})"  # "…구웠습니다(봉당 5매)." + "(5 sheets per pack)"
        out.append(sentence)
    return out


_HANGUL_ANY = re.compile(r"[가-힣]")
# Korean counters of a shop's texts and their English (singular, plural): what "봉당 5매", "팩당 130g" count
COUNTERS_EN = {"매": ("sheet", "sheets"), "장": ("sheet", "sheets"), "개": ("piece", "pieces"), "알": ("piece", "pieces"),
             "입": ("piece", "pieces"), "구": ("count", "count"), "팩": ("pack", "packs"), "봉": ("pack", "packs"),
             "봉지": ("bag", "bags"), "병": ("bottle", "bottles"), "인분": ("serving", "servings"), "포": ("sachet", "sachets")}
_PER_UNIT = re.compile(r"(봉지|인분|박스|[봉팩개병포])\s*당\s*(\d+(?:\.\d+)?)\s*(kg|g|ml|l|L|봉지|인분|[매장개알입구팩봉병포])?")


def per_unit_in_english(text: str) -> str:
    """"봉당 5매" -> "5 sheets per pack", "팩당 130g" -> "130g per pack": the per-unit quantities a shop's Korean text
    states, in English ("" when it states none)."""
    out = []
    for m in _PER_UNIT.finditer(text or ""):
        per, n, unit = m.group(1), m.group(2), m.group(3) or ""
        per_en = "box" if per == "박스" else COUNTERS_EN[per][0]
        if unit in COUNTERS_EN:
            one, many = COUNTERS_EN[unit]
            amount = f"{n} {one if n == '1' else many}"
        else:
            amount = f"{n}{unit}"
        out.append(f"{amount} per {per_en}")
    return ", ".join(out)


def won(amount: int | float | None, lang: str = "ko") -> str:
    """39000 -> '39,000원' (Korean) or '39,000 KRW' (English)."""
    if amount is None:
        return ""
    return f"{int(amount):,} KRW" if lang == "en" else f"{int(amount):,}원"


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def korean_date(iso: str | None, lang: str = "ko") -> str:
    """'2026-11-30' -> '11월 30일(월)' (Korean) or 'Nov 30 (Mon)' (English)."""
    d = _date(iso)
    if d is None:
        return iso or ""
    if lang == "en":
        return f"{d.strftime('%b')} {d.day} ({d.strftime('%a')})"
    return f"{d.month}월 {d.day}일({'월화수목금토일'[d.weekday()]})"


# The order statuses of docs/ontology.md §7, for English replies (the Korean word stays beside it).
STATUS_EN = {"결제대기": "awaiting payment", "결제완료": "paid", "상품준비중": "being prepared", "배송중": "in transit",
             "배송완료": "delivered", "취소": "cancelled", "반품완료": "returned", "확인필요": "under review",
             "픽업대기": "ready for pickup"}


def status_label(status: str, lang: str = "ko") -> str:
    """'배송중' (Korean) or 'in transit (배송중)' (English)."""
    if lang != "en":
        return status
    english = STATUS_EN.get(status)
    return f"{english} ({status})" if english else status


# Units written after a number, by their Korean reading: 킬로그램/그램 end in a consonant, the others in a vowel.
_UNIT_AFTER_NUMBER = re.compile(r"\d\s*(kg|mg|g|ml|l|cm|mm|m|gb|tb|mb|w|kw|v|hz|inch)$", re.I)


def josa(word: str, with_final: str, without_final: str) -> str:
    """Pick the particle after `word` ('은'/'는', '이'/'가', '을'/'를', '으로'/'로')."""
    last = word.rstrip()[-1:] if word.strip() else ""
    if "가" <= last <= "힣":
        has_final = (ord(last) - 0xAC00) % 28 != 0
        if with_final == "으로" and (ord(last) - 0xAC00) % 28 == 8:  # ㄹ final takes '로'
            return without_final
        return with_final if has_final else without_final
    if last.isdigit():
        if with_final == "으로" and last in "178":  # 일, 칠, 팔 end in ㄹ: "0007로"
            return without_final
        return with_final if last in "013678" else without_final
    unit = _UNIT_AFTER_NUMBER.search(word.rstrip())
    if unit:  # a unit is read in Korean: "5kg이" (킬로그램), "100ml가" (밀리리터), "2L로" (리터)
        return with_final if unit.group(1).lower() in ("kg", "g", "mg") else without_final
    if last.isalpha():
        return with_final if last.lower() in "lmnr" else without_final
    if last == "%":
        return without_final  # 퍼센트: "100%예요", "70%는"
    if last in ")]":  # "(SPF50+ PA++++)" or "39,000원(정가 …)": the word before the bracket decides
        inner = re.sub(r"[(\[][^()\[\]]*[)\]]\s*$", "", word.rstrip())
        return josa(inner, with_final, without_final) if inner and inner != word.rstrip() else with_final
    return with_final
