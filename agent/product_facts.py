"""Product turns: which products and option values the turn names, what it asks, the facts, the reply.

Products come from the shop's own names and aliases (literal mentions, then Korean fuzzy search); the
option values from the shop's own values on any axis (`core.knowledge.options`: 용량 300ml, 호수
21호, 색상 블랙, 사이즈 L …), resolved per product; what is asked from the turn's concepts with the
product and option words taken out ("린넨 셔츠" does not ask about linen). Every price, stock and sale
fact comes from one variant; an option that was not named gets the range ("22,000원부터") when prices
differ. Replies name the axis as the shop does (용량, 호수, 색상), in the customer's language.

Shapes of answer: one product (the asked attributes of the chosen variant), several named products
(each, side by side, with the total when bought together), "A 말고 비슷한 거" (A's category without A),
a catalogue question (category / price range / on sale / recommendation), an ask-back among close
names, and a product the shop does not sell ("we don't carry that", with what it does carry).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from collections.abc import Sequence
from typing import Any

from agent.delivery_facts import surcharged_region, sum_added_to
from agent.english_gloss import english_care, english_value
from agent.mentions import COUNTERS, called_by, kind_by_name_word, mentioned_products
from agent.entities import RANGE_MAX, RANGE_MIN, is_injection, order_number_spans, range_said, sum_weighed
from agent.route_evidence import WHAT_ABOUT, only_a_product_named
from agent.size_advice import FOOT_SIZE
from core.language.loanwords import STOP as ENGLISH_STOP
from agent.facts import COUNTERS_EN, Grounding, josa, korean_date, won
from agent.turn_analysis import GENERIC_NOUNS, ORDER_REF, TurnAnalysis, asks_if_sold, sold_asked_at
from agent.size_advice import english_note
from agent.turn_context import DEMONSTRATIVE, Turn, as_turn, make_turn
from core.language.korean_text import normalize, strip_particles
from core.language.patterns import compiled

_MAX_VARIANT_FACTS = 12
_SALES_SHOWN = 12  # the sales listed in one reply
_BOTH = re.compile(r"둘\s*다|둘\s*중|둘이(?:서)?\s*(?:합|같이|함께)|둘\s*(?:합|같이|함께)|두\s*(개|상품|제품|가지)\s*(다|모두|중)|각각|\bboth\b|\beach\b|\bwhich\s+one\b|\bthe\s+two\b",
                   re.I)  # both, each, which of the two
_CANDIDATES_SHOWN = 3
_SOLD_OUT_SAID = re.compile(r"품절|다\s*팔|sold\s*out|out of stock", re.I)  # the customer says a thing is sold out
_LIST_SHOWN = 8  # the products of a price range or in asked options listed in one reply (the rest counted)
# a use asked to be allowed ("써도 돼요", "먹어도 되나요", "발라도 괜찮아요")
# a thing the goods are used in or with, then whether they work ("맥북에서도 돼요?", "아이폰으로 연결 되나요?")
# whether the product may be used so, asked by a verb of using it and 도 ("비오는날 신어도 돼요?", "매일 써도 되나요")
_USE_PERMITTED = re.compile(r"(?:신어|입어|써|사용해|착용해|들어|메|차|발라)\s*도\s*(?:돼|되|괜찮|문제)")
_USED_WITH = re.compile(r"(에서|으로|로|이랑|랑|하고|과|와)\s*도?\s*(?:잘\s*)?(?:돼|되|가능|쓸\s*수|사용\s*가능|사용\s*되|호환|연결|작동|인식)")
_USE_PERMITTED = re.compile(r"(써|먹어|먹여|입어|입혀|발라|사용해|신어|마셔|드셔)\s*도\s*(?:돼|되|괜찮|될까)")
# the most of a kind asked for ("제일 싼", "가장 비싼", "the cheapest")
_SUPERLATIVE = re.compile(r"제일|젤\s|가장|최저|최고가|\bmost\b|\b(?:cheap|pric)iest\b|\bleast\b", re.I)
_CONFIDENT_SCORE = 80.0
_ALONE_SCORE = 65.0  # a lone fuzzy match this close names the product when nothing else is near
_OPTION_MARGIN = 8.0
_NAME_LEAD = 5.0  # a name scoring this far above the rest of its kind is named, not merely of the kind the turn names
_SIZE_ADVICE = re.compile(r"몇\s*(사이즈|치수)|무슨\s*사이즈|어떤\s*사이즈|사이즈\s*(추천|어떻게|고민)|사이즈\s*(뭐|뭘|머)\s*(로|를|사|입|신|골라|해야|하면|할까|주문)|뭐\s*(입|신|사)어?야|몇\s*(입|신|사)|"
                          r"맞을까|맞나요|맞을지|맞겠|작을까|클까|(중에|중)\s*(뭐|어떤|어느)|어느\s*사이즈|몇으로|뭘로|평소|신는데|입는데|"
                          r"\bwhat\s+size\b|\bwhich\s+size\b|\bsize\s+should\b|\bwill\s+it\s+fit\b|\busually\s+wear\b", re.I)
_ONE_SIZE = re.compile(r"(?i)free|f|one\s*size|원사이즈|프리")
_WHICH_SIMILAR = re.compile(r"(뭐|어느|어떤|몇)\s*(가|게|거|사이즈)?\s*(제일\s*|가장\s*)?비슷|\bwhich\b.{0,20}\bsimilar\b", re.I)
def _number_with_unit(units: str, whole: bool = True) -> re.Pattern[str]:
    """A number and the unit written after it ("15인치", "2.5 L"), one of `units`; `whole`: the unit a word of its own
    ("2L물통" yes, the L of "2Lx" no)."""
    return re.compile(rf"(\d+(?:\.\d+)?)\s*({units})" + (r"(?![A-Za-z])" if whole else ""), re.I)


_OWN_MEASURE = _number_with_unit("cm|센치|센티|mm|인치|inch", whole=False)
_SAME_OPTIONS = re.compile(r"(같은|똑같은|동일한)\s*(사양|스펙|옵션|구성)|same\s+(spec|specs|options?|config)", re.I)


# -- facts ---------------------------------------------------------------------------------------------
def _options_text(product: Any) -> str:
    return "; ".join(f"{a.label} {', '.join(product.values(a.key))}" for a in product.axes if product.values(a.key))


_MOST_OF_FIBRE = re.compile(r"제일|가장|최고|젤\s|\bmost\b|\bhighest\b")  # "울 함량 제일 높은건"
_SHARE = re.compile(r"([^,\d%]+?)\s*(\d+(?:\.\d+)?)\s*%")


def _listed_attribute(asks: set[str], pool: list[Any]) -> str | None:
    """The attribute a kind's list is asked for: its material or origin, when the products hold it."""
    for concept, attr in (("material", "material"), ("origin", "origin")):
        if concept in asks and any(getattr(p, attr, "") for p in pool):
            return attr
    return None


def _fibres_of(pool: list[Any]) -> set[str]:
    """The fibre names the compositions of `pool` hold ("울", "아크릴" of "울 30%, 아크릴 70%"; "울" of "겉감: 울 80%",
    a part's label left out)."""
    return {m.group(1).split()[-1].strip(":/") for p in pool for m in _SHARE.finditer(p.material or "")
            if m.group(1).split() and m.group(1).split()[-1].strip(":/")}


# how a fibre is said of what is wanted: left out ("울 안 들어간", "나일론 없는", "울 말고", "without wool", "wool-free"),
# all of it ("울 100%", "순면"), or in it (any other mention, "면 들어간 니트", "울 니트")
_FIBRE_WITHOUT = re.compile(r"^\s*(?:이|가|은|는|도)?\s*(?:안\s*(?:들어|섞|포함|함유)|없|미포함|미함유|제외|빼고|말고|노\b|x\b|"
                            r"(?:-|\s)?free\b)", re.I)
_FIBRE_WITHOUT_BEFORE = re.compile(r"(?:\bwithout|\bno|\bnon-?|\bzero)\s*$", re.I)
_FIBRE_ALL = re.compile(r"^\s*(?:100\s*(?:%|프로|퍼)|only\b)|^\s*\d+\s*(?:%|프로|퍼)", re.I)


# the English comparatives of the cheap and expensive concepts (Korean says them with the adverb 더)
_COMPARATIVE = frozenset({"cheaper", "less expensive", "pricier", "more expensive", "costlier"})


def _priced_against(a: Any) -> set[str]:
    """The price a turn weighs against the product discussed: "cheap" for "더 싼 건", "좀 더 저렴한", "cheaper",
    "expensive" for "더 비싼", "more expensive" — a hit of either concept said as a comparative (the adverb 더 right
    before it, or an English comparative form); read from the hits, so a comparative the question's 없어요 reads as
    denied ("더 싼 건 없어요?") still counts."""
    return {h.concept for h in a.hits if h.concept in ("cheap", "expensive")
            and (h.form.lower() in _COMPARATIVE or re.search(r"(?<![가-힣])더\s*$", a.text[:h.start]))}


# the words that name a material itself ("소재", "함량"), after a fibre ("울소재") or asked by name ("소재 알려주세요")
_MATERIAL_NAMES = frozenset({"소재", "함량", "혼방", "혼용", "혼용률", "원단", "재질"})


def _fibre_wanted(text: str, pool: list[Any]) -> tuple[str, str] | None:
    """A fibre of the kind's compositions the customer sets as a condition, and how: ("울", "without" | "all" | "with");
    None when the turn names none (Korean, or its English from the glossary: "without wool")."""
    from agent.english_gloss import VALUE_WORDS

    found = []
    for fibre in sorted(_fibres_of(pool), key=len, reverse=True):
        spellings = [fibre, *([VALUE_WORDS[fibre]] if fibre in VALUE_WORDS else [])]
        for word in spellings:
            pattern = rf"(?<![가-힣]){re.escape(word)}" if re.search(r"[가-힣]", word) else rf"\b{re.escape(word)}\b"
            m = compiled(pattern, re.I).search(text)
            if m and re.search(r"[가-힣]", word):
                # a fibre is a word of its own or the head of its material words ("울이", "울소재"), not the start of
                # another noun ("울코스": the washer's wool cycle, "면세": duty-free)
                rest = strip_particles(re.match(r"[가-힣]*", text[m.end():]).group(0))
                if rest and rest not in _MATERIAL_NAMES:
                    m = None
            if m and not any(a <= m.start() < b for _, _, a, b in found):
                found.append((fibre, word, m.start(), m.end()))
                break
    if not found:
        return None
    fibre, _, start, end = min(found, key=lambda f: f[2])
    after, before = text[end:end + 12], text[max(0, start - 10):start]
    if _FIBRE_WITHOUT.search(after) or _FIBRE_WITHOUT_BEFORE.search(before):
        return fibre, "without"
    all_of = _FIBRE_ALL.match(after)
    if all_of and "100" in all_of.group(0) or re.search(r"순\s*$|\bpure\s*$|100\s*%\s*$", before, re.I):
        return fibre, "all"
    return fibre, "with"


def _share_of_a_fibre(knowledge: Any, text: str, mention: Any) -> bool:
    """A bare number written onto a fibre's name ("면100 셔츠", "울100"): its share, no size. Read only when the word
    before it is a fibre some product's composition holds."""
    if not mention.token.isdigit():
        return False
    before = re.search(r"([가-힣]+)$", text[:mention.start])
    if before is None:
        return False
    try:
        return before.group(1) in _fibres_of(list(knowledge.products()))
    except (AttributeError, TypeError):
        return False


def _share_of(material: str, fibre: str) -> float:
    """The percentage of a composition ("램스울 100%", "울 30%, 아크릴 70%") that is of the fibre named; 0 when none,
    and 1 for a fibre named without a share."""
    shares = [float(m.group(2)) for m in _SHARE.finditer(material or "") if fibre in m.group(1)]
    if shares:
        return max(shares)
    return 1.0 if fibre in (material or "") else 0.0


def product_fact(product: Any) -> str:
    v = product.cheapest
    price = f"판매가 {won(product.price)}"
    if product.max_price > product.price:
        price = f"판매가 {won(product.price)}~{won(product.max_price)}(옵션별 상이)"
    if v is not None and v.on_sale and v.list_price:
        until = f", {v.sale_until}까지 할인" if v.sale_until else ""
        price += f" (최저가 옵션 정가 {won(v.list_price)}{until})"
    options = _options_text(product)
    parts = f" [{product.category}] {price}" + (f"; {options}" if options else "") + f"; 총 재고 {product.total_stock}개"
    if product.parts:
        parts += "; 구성 " + ", ".join(f"{x.name} {x.quantity}개" for x in product.parts)
    return product.name + parts


def details_fact(product: Any) -> str:
    parts = [f"소재 {product.material}", f"핏 {product.fit}", f"원산지 {product.origin}", f"세탁/관리 {product.care}"]
    if product.seasons:
        parts.append(f"시즌 {', '.join(product.seasons)}")
    if product.fitting_note:
        parts.append(f"착용 {product.fitting_note}")
    if product.description:
        parts.append(f"설명 {product.description}")
    return "; ".join(p for p in parts if not p.endswith(" "))


def variant_fact(product: Any, v: Any) -> str:
    label = v.label or "단일 옵션"
    text = f"{product.name} {label}: 재고 {v.stock}개, 가격 {won(v.price)}"
    if v.on_sale and v.list_price:
        text += f" (정가 {won(v.list_price)}" + (f", {v.sale_until}까지 할인)" if v.sale_until else ")")
    if v.availability in ("PreOrder", "PreSale", "BackOrder"):
        text += ", 예약 판매"
    elif v.stock <= 0:
        text += ", 품절" + (f", 재입고 예정 {korean_date(v.restock_date)} ({v.restock_date})" if v.restock_date
                             else ", 재입고 일정 미정")
    return text


def _chart_fact(product: Any, sizes: Sequence[str], measures: Sequence[str] = ()) -> str | None:
    rows = []
    for size in sizes:
        chart = product.size_chart.get(size)
        if chart:
            items = [(k, v) for k, v in chart.items() if not measures or any(m in k for m in measures)]
            if items:
                rows.append((size, ", ".join(f"{k} {_num(v)}{'' if '(' in k else 'cm'}" for k, v in items)))
    if len(rows) > 2 and len({text for _, text in rows}) == 1:
        return f"{rows[0][0]}~{rows[-1][0]} 공통 {rows[0][1]}"  # "굽높이 2.5cm" in every size: said once
    return "; ".join(f"{size}: {text}" for size, text in rows) if rows else None


# a difference asked between two values ("30이랑 차이도요", "how much bigger", "몇 센치 더 길어요")
_DIFFERENCE_ASKED = re.compile(r"차이|얼마나\s*더|몇\s*(?:센치|센티|cm|미리|mm)?\s*더|\bdifference\b|\bhow\s+much\s+(?:bigger|longer|"
                               r"wider|smaller|shorter)\b", re.I)


def _measure_difference(g: Grounding, product: Any, sizes: Sequence[str], measures: Sequence[str]) -> None:
    """"28 허리 실측 몇이에요? 30이랑 차이도요": the difference of each measure asked between the two sizes (a derived
    fact, so the guard knows the number), only for measures both sizes' rows hold."""
    first, second = (product.size_chart.get(s) or {} for s in sizes)
    for key in [k for k in first if k in second and (not measures or any(m in k for m in measures))][:3]:
        gap = abs(float(second[key]) - float(first[key]))
        if gap == 0:
            continue
        unit = "" if "(" in key else "cm"
        g.add(f"derived:difference:{product.id}:{key}", f"{product.name} {sizes[0]}와 {sizes[1]}의 {key} 차이 {_num(round(gap, 1))}{unit}")
        g.say("{k} 차이는 {d}{u}예요.", "The {k} differs by {d}{u}.", k=key, d=_num(round(gap, 1)), u=unit)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _copula(word: str) -> str:
    return josa(word, "이에요", "예요")


# -- what the turn names and asks ------------------------------------------------------------------------
def name_spans(text: str, product: Any) -> list[tuple[int, int]]:
    """Where the product's name or an alias is written in `text` (any spacing), as character spans, left to right
    (the longest first where two start together): the same turn gives the same first span in every process."""
    spans = []
    for name in dict.fromkeys((product.name, *product.aliases)):
        pattern = _name_pattern(name)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            spans.append(m.span())
    if re.search(r"[A-Za-z]{3}", text):
        spans += _english_name_spans(text, product)
    return sorted(spans, key=lambda s: (s[0], -s[1]))


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A name written with any spacing, as a pattern (None for a name of one character)."""
    chars = [re.escape(ch) for ch in name if not ch.isspace()]
    return re.compile(r"\s*".join(chars), re.IGNORECASE) if len(chars) >= 2 else None


def _english_name_spans(text: str, product: Any) -> list[tuple[int, int]]:
    """Where English words of `text` say the product's Hangul loanword name ("fleece zip-up" for 플리스 집업): their
    words name the product and ask nothing ("zip" in zip-up is no question about a zipper)."""
    from core.language.loanwords import name_run_keys, sound_key

    keys: dict[str, int] = {}  # sound key -> the most Hangul words it spans (an English phrase may not have more)
    for name in (product.name, *product.aliases):
        for key, i, j, _ in name_run_keys(name):
            if len(key) >= 3:
                keys[key] = max(keys.get(key, 0), j - i)
    from core.language.loanwords import STOP

    words = list(re.finditer(r"[A-Za-z][A-Za-z'-]*", text))
    spans = []
    for i in range(len(words)):
        if words[i].group(0).lower().replace("'", "") in STOP:
            continue  # ("Great, what about …" names no 카라티: a word of talk starts no name)
        for j in range(min(len(words), i + 3), i, -1):
            phrase = " ".join(w.group(0).replace("-", "").replace("'", "") for w in words[i:j])
            if keys.get(sound_key(phrase), 0) >= j - i:
                spans.append((words[i].start(), words[j - 1].end()))
                break
    return spans


def _category_spans(text: str, knowledge: Any) -> list[tuple[int, int]]:
    spans = []
    for cat in knowledge.categories():
        for part in re.split(r"[/·,&]", cat):
            part = part.strip()
            if len(part) >= 2:
                spans += [m.span() for m in re.finditer(re.escape(part), text)]
    # (and a kind named by a word of the category's own ("바지" of 하의), which names the kind, asks nothing)
    kind = _category_in(knowledge, text)
    if kind and len(kind) >= 2:
        spans += [m.span() for m in re.finditer(re.escape(kind), text)]
    return spans


# a measure of the thing itself, then 얼마 ("무게 얼마", "용량은 얼마나", "weight?"): its value is asked, not a price
_ATTRIBUTE_AMOUNT = re.compile(r"(무게|중량|용량|길이|두께|높이|너비|배터리|소비전력|전력|출력|해상도)"
                               r"\s*(은|는|이|가|가요|이요)?\s*(대충|대략|총)?\s*얼마(?!\s*짜리)")
# a price named, or a value of the product named (then 얼마 asks that option's price: "토너 300ml 용량 얼마예요?")
_PRICE_NAMED = re.compile(r"가격|값|금액|원\b|싸|비싸|짜리|얼마\s*(주고|줘|에\s*사|에\s*팔)|\d+(\.\d+)?\s*(ml|l|kg|g|인치|호|gb)\b|"
                          r"\bprice\b|\bcost\b", re.I)


def _has_what_noun(a: Any, covered: Sequence[tuple[int, int]]) -> bool:
    """The thing said to exist is a plain noun of the turn that names no product, option or asked concept ("백탁
    있어요?", "냄새 있어요?"): a quality of the product discussed."""
    hit_spans = [(h.start, h.end) for h in a.hits]
    exist_at = min((h.start for h in a.hits if h.concept == "exist"), default=None)
    nouns = [m for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
             and not any(s <= m.start < e for s, e in covered) and not any(s <= m.start < e for s, e in hit_spans)
             and exist_at is not None and 0 <= exist_at - m.end <= 3]  # the subject said to exist, right before 있
    return bool(nouns) and len(a.text.split()) <= 5


def _values_left(product: Any, key: str) -> list[Any]:
    """The values of one kind of option that some variant in stock is sold in ("블랙, 차콜"), in the product's order."""
    return [x for x in product.values(key) if any(v.in_stock for v in product.variants if v.option(key) == x)]


def _say_values(g: Grounding, product: Any, axes: Sequence[Any]) -> None:
    """"색상은 블랙, 차콜, 오트밀, 네이비가 있어요.": each asked kind of option with the values it is sold in."""
    for axis in axes:
        values = product.values(axis.key)
        left = _values_left(product, axis.key)
        gone = [x for x in values if x not in left]
        g.say("{axis}{j} {values}{cop} 있어요.", "Available {axis_en}: {values}.", axis=axis.label,
              j=josa(axis.label, "은", "는"), values=", ".join(values), cop=josa(values[-1], "이", "가"),
              axis_en=_axis_en(axis.label))
        said = " ".join(g.sentences)
        gone = [x for x in gone if not re.search(re.escape(x) + r"[^.]*(품절|sold out)", said)]  # (not said twice)
        if gone and len(gone) < len(values):  # "Do you sell beanies?": a value listed is not one to buy today
            for v in product.variants:
                if v.option(axis.key) in gone:
                    g.add(f"variant:{v.sku}", variant_fact(product, v))
            g.say("지금 {gone}{j} 품절이에요.", "{gone} {be} sold out right now.", gone=", ".join(gone),
                  j=josa(gone[-1], "은", "는"), be="is" if len(gone) == 1 else "are")


def _values_beside_carried(g: Grounding, product: Any, wanted: dict[str, str], axes: Sequence[Any]) -> None:
    """"다른 색은요?" after "캔버스 스니커즈 화이트 260 …": the values of a kind the turn asks about, in the other options
    carried from before (the colours of size 260), with their stock; the carried value of that kind itself is no
    constraint (it is what the customer asks past). One kind asked only."""
    if len(axes) != 1 or not {k for k in wanted if k != axes[0].key}:
        return  # (a kind asked with no other value chosen: its values are listed as they are sold)
    axis = axes[0]
    others = {k: v for k, v in wanted.items() if k != axis.key}
    variants = [v for v in product.variants if v.matches(others)] if others else []
    for v in variants:
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    held = ", ".join(g.text("{o} {n}개", "{o} ({n})", o=v.option(axis.key), n=v.stock) for v in variants if v.in_stock)
    gone = [v.option(axis.key) for v in variants if not v.in_stock]
    scope = " ".join(others.values())
    if held:
        g.say("{s}{j} {axis} {list}{cop} 있어요.", "In {s}, {axis_en} in stock: {list}.", s=scope,
              j=josa(scope, "은", "는"), axis=axis.label, list=held, cop=josa(held, "이", "가"), axis_en=_axis_en(axis.label))
    if gone:
        g.say("{gone}{j} 품절이에요.", "{gone} {be} sold out.", gone=", ".join(gone), j=josa(gone[-1], "은", "는"),
              be="is" if len(gone) == 1 else "are")


def _value_asked_apart(a: Any, covered: Sequence[tuple[int, int]]) -> bool:
    """Another question of the turn names option values and asks whether they are there ("… 블랙 M 있어요?")."""
    from agent.pipeline import split_questions

    parts = split_questions(a.text)
    if len(parts) < 2:
        return False
    at = 0
    for part in parts:
        start = a.text.find(part, at)
        if start < 0:
            return False
        at = start + len(part)
        if any(start <= s0 < at for s0, _ in covered) and (sub := _analyse(part)).has("exist", "stock") \
                and sub.question not in ("which", "what"):
            return True
    return False


# an option asked for in English by the verb it comes in ("does it come in black", "have it in XL", "is the oxford shirt
# in navy XL?")
_COMES_IN = re.compile(r"\b(?:comes?|available|have\s+(?:it|them|this|that|one)|got\s+(?:it|them|this|that|one)|sell\s+(?:it|them)"
                       r"|^\s*(?:is|are)\s+(?:it|they|this|that|these|those|the\s+[a-z]+(?:\s+[a-z]+){0,2}))"
                       r"\s+in\b(?!\s+(?:the|a|an|each|one|per|every|a\s+box|box|pack|bag|it|them)\b)", re.I)  # (not "how many come in the box")


# an amount of money with a bound ("5만원 이하", "3만원대", "under 50,000 won"): a budget. (`_price_range` reads more:
# a price the customer recalls, "31,200원이었는데", as a cap too, which is no budget of theirs)
_BUDGET = re.compile(r"\d[\d,]*\s*(?:만\s*원?|원)\s*(?:이하|이내|미만|안쪽|밑으로|아래)|\d[\d,]*\s*(?:만\s*)?원\s*대|"
                     r"\bunder\s+[\d,]+", re.I)  # (never an age, "20대")


def asked(turn: Turn, covered: Sequence[tuple[int, int]]) -> set[str]:
    """What the customer asks about the product(s): concepts outside the product/option words."""
    a = turn.analysis
    live = {h.concept for h in a.hits if not any(s <= h.start < e for s, e in covered)}
    live &= a.concepts | a.negated  # what the analysis set aside ("받고 며칠 안에": no arrival asked) stays aside
    live -= a.negated if not a.is_question else set()
    from agent.turn_analysis import _CONSUMED, OPENED_AGO

    if a.has("opened") and OPENED_AGO.search(a.text) and (a.has("use") or _CONSUMED.search(a.text) or "괜찮" in a.text) \
            and not a.has("returns", "exchange", "refund"):
        live.add("care")  # "마스카라 5월에 뜯은 거 아직 써도 돼요?": its own note on how long it keeps once opened
    from agent.periods import elapsed

    since = elapsed(a.text)
    if since is not None and since.event == "receipt" and a.question == "yes_no" \
            and (a.has("use", "possible") or _CONSUMED.search(a.text)) and not a.has("returns", "exchange", "refund", "defect"):
        live.add("care")  # "한우 받은지 4일 됐는데 아직 먹어도 돼요?": its own note on how long it keeps once received
    for derived in ("expiry", "origin"):
        if derived in a.concepts and not any(h.concept == derived for h in a.hits):
            # read from the turn's words together ("5월에 뜯은 거 아직 써도 돼요?", "where is the mackerel from?")
            live.add(derived)
    out: set[str] = set()
    if "price" in live or a.question == "how_much":
        out.add("price")
    if out & {"price"} and _ATTRIBUTE_AMOUNT.search(a.text) and not _PRICE_NAMED.search(a.text):
        # "노트북 무게 얼마에요?", "배터리 용량 얼마나 돼요": 얼마 of a measure is its value, not a price
        out.discard("price")
        out.add("property")
    if live & {"discount", "sale_item"}:
        out.add("discount")  # "할인상품 있음?": products on sale
    lists_options = "option" in live and "stock" not in live and a.question in ("which", "what", "how_many", "how_much")
    # "먹을 수 있어요": the 있 of 수 있다 (can) is no existence question
    can = [(h.start, h.end) for h in a.hits if h.concept == "possible"]
    exists = any(h.concept == "exist" and (not any(s <= h.start < e for s, e in can) or "buy" in live) for h in a.hits
                 if not any(s <= h.start < e for s, e in covered))  # "살 수 있나요" asks whether it can be bought
    remaining = bool(_REMAINING.search(a.text))  # "몇 개 남았어요" asks the stock; "한 봉에 몇 장 들었어요" the product
    exist_at = min((h.start for h in a.hits if h.concept == "exist"), default=None)
    quality = exist_at is not None and any(h.concept in ("property", "pilling") and 0 <= exist_at - h.end <= 3 for h in a.hits)
    # (the customer's own situation beside it is no other ask: "지성 피부인데 선크림 백탁 있어요?")
    if exists and (quality or not live - {"exist", "possible", "inform", "skin", "body"} and (turn.previous or covered)
                   and _has_what_noun(a, covered)):
        # "백탁 있어요?" after the sunscreen: whether the product has that quality, not whether it is in stock
        exists = False
        out.add("property")
    if lists_options and "stock" not in live and _value_asked_apart(a, covered):
        out.add("stock")  # "색상 뭐 있어요? 블랙 M 있어요?": the kinds listed, and the values named asked of their own
    if _COMES_IN.search(a.text) and covered and a.question != "how_many" and "origin" not in live:
        # (not "are the boots made in Korea?": a place it is made in, no option)
        exists = True  # "does it come in black?", "is it available in XL": whether that option is there to buy
    if ("stock" in live or exists) and not lists_options or a.question == "how_many" and not lists_options and remaining:
        out.add("stock")  # "사이즈 뭐 있어요?", "용량 몇이에요" list the values; "L 있어요?" asks the stock
    elif a.question == "how_many" and not lists_options:
        out.add("property")
    if {"order", "possible"} <= live and a.question == "yes_no" \
            and not live & {"cancellation", "returns", "exchange", "refund", "address", "discount", "sale_item", "price"}:
        out.add("stock")  # "키트는 주문돼요?", "미니키트 주문 가능해요?": whether it can be had now, its stock
    if "restock" in live or ("come_in" in live and (a.question == "when" or "when" in live
                                                    or re.search(r"다시\s*(?:들어|입고|나오|나와)", a.text))):
        out.add("restock")  # (also beside a count asked of another value: "칠리 언제 다시 들어와요? 모브는 몇개 남음?")
    if "option" in live and (a.question in ("which", "what", "yes_no", "how_many", "how_much") or "exist" in live
                             or "inform" in live  # "발마칸코트 색상 알려주세요": asked to be told them
                             or a.question == "how" and _HOW_IT_IS.search(a.text)  # "사이즈가 어떻게 돼요?"
                             or a.question is None and not a.request and bool(a.morphemes)
                             and a.morphemes[-1].pos in ("NNG", "NNP")) \
            or _MEASURE_NAMED.search(a.text) and a.question in (None, "how", "what", "how_much"):
        out.add("options")  # ("틴트 중량이 어떻게 돼요?", "선크림 용량이요": the measure asked by its word)
    for concept in ("measure", "fit", "material", "care", "origin", "brand", "recommend", "compare", "similar", "property"):
        if concept in live:
            out.add(concept)
    if "set_parts" in live:
        out.add("parts")
    if live & {"storage"}:
        out.add("care")
    if "washed" in live and a.is_question and not a.reported and not a.mentions("returns", "exchange", "refund"):
        out.add("care")  # "램스울 니트 물세탁 해도 돼요?": how it may be washed, its own care note (not "세탁했는데 반품")
    if "expiry" in live:  # "두부 유통기한 얼마나 돼요?": how long it keeps, as its own note says; 얼마나 asks no price
        out.add("care")
        if "price" not in live:
            out.discard("price")
    lasting = bool(live & {"duration", "period"}) and not live & {"dispatch", "arrival", "shipping"}
    # "필터 언제 갈아야돼요?": when a part of the product is to be replaced is its own text's cycle, no parcel's date
    lasting = lasting or "change" in live and a.question == "when" \
        and not live & {"dispatch", "arrival", "shipping", "order", "address", "exchange", "payment"}
    if live & {"dispatch", "arrival"} or (a.question == "when" and "restock" not in out and not lasting):
        out.add("ship")
    if _HOW_LONG_IS.search(a.text):
        out.add("measure")  # "how long is the wool muffler?": the length of the thing itself, not a time it takes
    elif lasting and not out & {"restock", "price", "discount"}:  # "세일 언제까지": the sale's end, not a duration
        out.add("property")  # "how long does it run on a full tank", "얼마나 가요": the product's own texts say
    if "gift" in live:
        out.add("recommend")
    styled = "worn" in live and not live & {"price", "fee", "total"} and a.question != "how_much"
    if ("together" in live and (live & {"buy", "fee", "shipping"} or (a.question == "how_much" or "price" in live)
                                and not live & {"cheap", "expensive"} or sum_weighed(a.text))
            or (a.hypothetical and "buy" in live and "price" in out)) and not styled:
        # ("둘 중 뭐가 더 싸요": which, not a sum; "청남방이랑 같이 입으면 이상한가": worn together, nothing summed)
        out.add("total")
    if live & {"fee", "free"} or ("shipping" in live and (a.question == "how_much" or "region" in live)):
        out.add("fee")  # ("shipping to Jeju for the 10kg rice?": what sending it there costs)
    from agent.delivery_facts import with_shipping

    if with_shipping(a.text):
        out |= {"fee", "total"}  # "price for A and B, shipping included?": what is paid in all
    from agent.size_advice import BODY_PAIR

    if BODY_PAIR.search(a.text) or _FOOT_SAID.search(a.text) and not live & {"stock", "restock", "price", "discount"}:
        live = live | {"body"}  # "175에 68이에요": a height and a weight, written as a bare pair; "발이 245인데": the foot
    sizing = _SIZE_ADVICE.search(a.text)
    from agent.size_advice import ROUND_GIVEN

    if sizing and any((m := ROUND_GIVEN.match(a.text, h.end)) and m.group(2) and (
            m.group(1) or m.group(3) or re.match(r"\s*(이면|면|인데|이고|이에요|예요|정도)", a.text[m.end():]))
                      for h in a.hits if h.concept == "measure" and h.form.startswith("허리")):
        # ("허리 32면 몇 사이즈?": a waist said as the customer's own, a unit or not)
        live = live | {"body"}  # "허리 32인치인데 몇 사이즈?": the customer's own measure, around the body
    if sizing and re.fullmatch(r"맞나요|(중에|중)\s*(뭐|어떤|어느)", sizing.group(0)) and "body" not in live \
            and (live & {"material", "origin", "property", "care"} or _PER_UNIT.search(a.text)
                 or re.search(r"\d\s*(?:원|%|프로)\s*(?:이|가)?\s*맞나요", a.text)):
        # "크로스백 진짜 가죽 맞나요?", "A랑 B 중에 뭐가 더 두꺼워요?", "세일가 47200원 맞나요?": the property or the price
        # checked, not the fit
        sizing = None
    if sizing and re.fullmatch(r"(무슨|어떤)\s*사이즈|\bwhat\s+size", sizing.group(0), re.I) and "body" not in live \
            and live & {"stock", "exist"}:
        sizing = None  # "카멜은 무슨 사이즈 남았어요?", "what sizes are left?": the sizes in stock, no advice on one
    from agent.size_advice import USUAL_SIZE, WAIST_GIVEN

    if ("body" in live or sizing) and "measure" not in live or ("body" in live and "option" in live) \
            or "fit" in live and USUAL_SIZE.search(a.text):  # ("true to size? I'm usually a 275": the size for them)
        out.add("size_advice")
    if "measure" in live and WAIST_GIVEN.search(a.text) and not a.has("stock", "fit") \
            and not re.search(r"맞을까|맞나|맞아요|맞겠|될까|되나|들어가", a.text) \
            and (a.question in ("which", "what") or re.search(r"뭐|무엇|어떤|어느|\bwhich\b|\bwhat\b", a.text, re.I)):
        # "허리 31이면 뭐 사요?", "30이랑 32 중에 뭐가 나아요? 허리 31": a pick (not "벨트 허리 36인데 맞을까요?", whether
        # it fits, which the product's own range answers)
        out = (out - {"measure"}) | {"size_advice"}
    if a.excluded and not all(any(h.concept in ("human", "connect") and s <= h.start < e for h in a.hits)
                              for s, e in a.excluded):
        out.add("similar")  # "A 말고 비슷한 거" (not "직원 연결 말고 여기서 답해 주세요": a person declined, no product)
    if "similar" in out and "measure" in live and _OWN_MEASURE.search(a.text) and _WHICH_SIMILAR.search(a.text) \
            and not a.excluded:
        # "지금 입는 맨투맨 가슴단면이 61cm인데 무지맨투맨은 뭐가 비슷해요?": the size nearest the customer's own measure
        out = (out - {"similar"}) | {"size_advice"}
    if not out and "buy" in live and a.lang == "en" and re.match(r"\s*(?:can|could|may)\s+i\b", a.text, re.I):
        out.add("stock")  # "can I get the linen shirt in L?": whether it can be bought now (its stock), no quality of it
    if not out and a.question == "yes_no" and a.lang == "en" and _EN_AUXILIARY_FIRST.match(a.text):
        # "is the mackerel frozen?", "does the laptop come with windows?": a quality of the thing (not "and black?",
        # "navy XL?": an option of the one before)
        out.add("property")
    from agent.entities import measures_asked

    if _WEIGHT_ASKED.search(a.text) and not measures_asked(a.text):
        # "MA-1 무게 몇키로예요", "무게 얼마나 나가요", "how heavy is it": the thing's own weight, not the size chart, a
        # body's size or a dispatch ("나가요"); its texts state it or the reply says they don't
        out = (out - {"measure", "size_advice", "ship", "price", "property"}) | {"options"}
    if _BUDGET.search(a.text) and not out & {"total", "fee", "discount", "recommend"}:
        # "기모 후드티 5만원 이하에요?": a budget said of a product is weighed by its price (a recommendation within a
        # budget is the catalogue's, each product priced in the options that fit it)
        out.add("price")
    return out | _asked_in_each_question(turn, covered, out)


# "어떻게 돼요", "어떻게 되나요": how a thing is (its value), not how to do something
_HOW_IT_IS = re.compile(r"어떻게\s*(?:돼|되|됨|됩)")


def _asked_in_each_question(turn: Turn, covered: Sequence[tuple[int, int]], whole: set[str]) -> set[str]:
    """What each question of a turn of two or three asks on its own, read alone: a reading of the whole that one
    question's words overrule loses the other's ask ("클렌징오일 얼마예요 그리고 개봉하면 얼마나 써요": 얼마나 of the
    opened oil is no price, but 얼마예요 before it is). Only what the whole reading left out of price and care."""
    from types import SimpleNamespace

    from agent.pipeline import split_questions

    text = turn.analysis.text
    parts = split_questions(text)
    if len(parts) < 2:
        return set()
    out: set[str] = set()
    each: list[set[str]] = []
    at = 0
    for part in parts:
        start = text.find(part, at)
        if start < 0:
            return set()
        at = start + len(part)
        own = [(max(s, start) - start, min(e, at) - start) for s, e in covered if s < at and e > start]
        sub = SimpleNamespace(analysis=_analyse(part), previous=getattr(turn, "previous", None))
        own_asks = asked(sub, own)  # type: ignore[arg-type]
        out |= own_asks & ({"price", "care", "property"} if sub.analysis.lang == "en" else {"price", "care"})
        # (a size advice read from the body told in that question: "키 170 60키로인데", "평소 M 입는데")
        each.append(own_asks if sub.analysis.has("body") and re.search(r"\d|평소", part) else own_asks - {"size_advice"})
        rest = "".join(ch for i, ch in enumerate(part) if not any(s0 <= i < e0 for s0, e0 in own))
        if not own_asks and own and re.fullmatch(r"[\s,]*(?:은|는|이|가)?\s*요?\s*[?？]+\s*", rest) \
                and not set(whole) & {"stock", "options"}:
            # "흰색 250은요? 그건 사이즈 어떻게 나와요": values alone, named as a question of their own, ask their stock
            out.add("stock")
    if "measure" in whole and not _DIFFERENCE_ASKED.search(text) \
            and any("size_advice" in x and "measure" not in x for x in each) \
            and any("measure" in x and "size_advice" not in x for x in each):
        # "키 170 60키로인데 M 어때요? M 총장은요?": the fit asked of the body in one question, a measure in another
        out.add("size_advice")
    return out - whole


# a product put in another's place: "싱글코트로 바꾸면", "대신 싱글코트", "instead"
_SWAP = re.compile(r"(으로|로)\s*(바꾸|바꿔|바꿀|변경|교체|하면|할게|할래)|대신|\binstead\b|\bswap|\bswitch", re.I)


# the whole of a set asked for ("세트로 다 사면", "풀셋", "the whole set")
_SET_ASKED = re.compile(r"세트|풀셋|\bwhole\s+set\b|\bfull\s+set\b|\bthe\s+set\b", re.I)


def _whole_set_asked(knowledge: Any, turn: Turn) -> list[str]:
    """The product discussed before and the other parts of its set, when the turn asks for the whole set and names
    no product of its own ("세트로 다 사면 얼마?" after 테일러드 셋업 자켓: it and 테일러드 셋업 팬츠, the products of its
    kind named as it is but for the last word); [] otherwise."""
    if not (turn.history and _SET_ASKED.search(turn.analysis.text) and turn.analysis.has("together", "price", "total")) \
            or mentioned_products(knowledge, turn.analysis.text):
        return []
    from agent.turn_context import user_texts

    for earlier in user_texts(turn.history, limit=2):
        before = list(dict.fromkeys(mentioned_products(knowledge, earlier)))
        product = knowledge.product(before[0]) if len(before) == 1 else None
        if product is None:
            continue
        stem = str(product.name).split()[:-1]
        partners = [p.id for p in _filtered(knowledge, category=product.category, in_stock=None, limit=200)
                    if p.id != product.id and len(stem) >= 1 and str(p.name).split()[:-1] == stem]
        return [product.id, *partners] if partners else []
    return []


# a product left out of a basket: "벨트는 안 사면", "벨트 빼고", "without the belt"
_LEFT_OUT = re.compile(r"^\s*(?:은|는|을|를|도)?\s*(?:안\s*사|빼|제외|없이)")


def _swapped_in_basket(knowledge: Any, turn: Turn, excluded: list[str], named: list[str]) -> list[str]:
    """The products of the basket the customer asked about before, with the one they now set aside ("A 말고", "A 빼고",
    "A는 안 사면") put out and the one they name instead put in ("블레이저 말고 싱글코트로 바꾸면요?" after "블레이저랑
    슬랙스 같이 사면 얼마에요?": the coat and the slacks; "벨트 빼고 계산하면요?": the rest of the basket); [] when the
    turn changes no such basket."""
    if not turn.history:
        return []
    text = turn.analysis.text
    left_out = list(excluded) + [pid for pid in named if pid not in excluded and (p := knowledge.product(pid)) is not None
                                 and any(_LEFT_OUT.match(text[e:]) for _, e in name_spans(text, p))]
    if not left_out:
        return []
    instead = [pid for pid in named if pid not in left_out]
    if instead and not _SWAP.search(text) or not instead and not (turn.analysis.has("price", "total") or _RECKONED.search(text)):
        return []
    from agent.mentions import basket
    from agent.turn_context import user_texts

    for earlier in user_texts(turn.history, limit=2):
        before = [pid for pid, _ in basket(knowledge, earlier)]
        if len(before) >= 2 and set(left_out) <= set(before):
            kept = [pid for pid in before if pid not in left_out and pid not in instead]
            return kept + instead if kept else []
    return []


_RECKONED = re.compile(r"계산|합계|총|\btotal\b|\bhow\s+much\b", re.I)  # the sum asked again


def _basket_words(knowledge: Any, product: Any, conjunct: str) -> str:
    """A basket line said again by the product's own name and the option values and counts its words held ("면 양말
    3팩 3개" of "양말 3개 얼마에요?"; the words asking about it are left, and a kind word is not left to be read
    again)."""
    from agent.mentions import counts_said, option_values_in

    kept = [w for w in conjunct.split()[1:] if option_values_in(knowledge, w) or counts_said(w)]
    return " ".join([str(product.name), *kept]).strip(" ?？.!")


def _swapped_basket_said(knowledge: Any, turn: Turn, swapped: list[str]) -> str | None:
    """The basket after a swap said as one message: each kept product's words from the message that counted it (its
    options and count) and each new one's words from this turn, up to the words that swap it in ("비니 블랙" of "양말
    대신 비니 블랙으로 바꾸면요?"); None when a product's words are not found that way (English, a product unnamed)."""
    from agent.mentions import CONJUNCTION, basket_lines
    from agent.turn_context import user_texts

    if turn.lang != "ko":
        return None
    text = turn.analysis.text
    for earlier in user_texts(turn.history, limit=2):
        lines = {pid: conjunct for pid, _, conjunct in basket_lines(knowledge, earlier)}
        if len(lines) < 2:
            continue
        parts: list[str] = []
        for pid in swapped:
            product = knowledge.product(pid)
            if product is not None and pid in lines and lines[pid] != earlier:
                parts.append(_basket_words(knowledge, product, CONJUNCTION.sub(" ", lines[pid])))
                continue
            spans = name_spans(text, product) if product is not None else []
            if not spans or pid in lines:
                return None
            start = min(b for b, _ in spans)
            stop = next((m.start() for m in _SWAP.finditer(text) if m.start() >= max(e for _, e in spans)), len(text))
            parts.append(text[start:stop].strip(" ?？.!"))
        return f"{'랑 '.join(parts)} 합계 얼마예요?" if all(parts) else None
    return None


def _mentions_excluded(turn: Turn, knowledge: Any, pid: str) -> bool:
    product = knowledge.product(pid)
    if product is None or not turn.analysis.excluded:
        return False
    return any(turn.analysis.in_excluded(s, e) for s, e in name_spans(turn.analysis.text, product))


def _accessory_named(knowledge: Any, text: str, base_id: str) -> str | None:
    """A product named by the noun written after another product's name ("공청기 필터", "A30 필터"): Korean compounds are
    head-final, so the thing asked about is the product whose own name ends in that noun and whose texts say it is
    for the first one ("… 공기청정기 A30 전용 … 필터"); None when no such product exists."""
    base = knowledge.product(base_id)
    if base is None:
        return None
    spans = name_spans(text, base) + [m.span() for w in base.name.split() if len(w) >= 2 and re.search(r"\d", w)
                                      for m in re.finditer(re.escape(w), text)]  # a model name ("A30")
    if not spans:
        return None
    end = max(e for _, e in spans)
    after = re.match(r"\s*([가-힣A-Za-z]+)", text[end:])
    if not after:
        return None
    head = strip_particles(after.group(1))
    if len(head) < 2 or head in base.name:
        return None
    keys = {base.name, *base.aliases, *(w for w in base.name.split() if re.search(r"\d", w))}
    for p in knowledge.products():
        if p.id != base.id and p.name.split()[-1] == head and any(k and k in f"{p.name} {p.description}" for k in keys):
            return p.id
    return None


_BEFORE_THE_VERB = frozenset({"안", "못", "혹시", "좀", "또", "따로", "같은", "같은거", "같은건", "그런", "이런", "거", "건"})


def _item_asked_for(knowledge: Any, turn: Turn, covered: Sequence[tuple[int, int]]) -> str | None:
    """The word right before "있어요?" / "팔아요?" when it names nothing the shop sells and its sentence names no product,
    option or category of the shop ("원피스도 팔아요? 여친 선물용으로": 원피스); before "팔아요?" also a word the vocabulary
    reads as a rule ("냉장고도 팔아요?": a storage word, still the thing asked for); None otherwise."""
    from agent.turn_analysis import sold_asked_at

    a = turn.analysis
    unknown = _unknown_nouns(turn, covered)
    for h in a.hits:
        if h.concept != "exist":
            continue
        start = max((m.end() for m in re.finditer(r"[?？.!]", a.text[:h.start])), default=0)
        end = next((m.end() for m in re.finditer(r"[?？.!]", a.text) if m.start() >= h.start), len(a.text))
        if not re.search(r"[?？]", a.text[h.start:end]) or any(start <= s0 < end for s0, _ in covered):
            continue  # not asked, or the sentence names something of the shop's ("블랙도 있어요?", "끈 없는 부츠 있어요?")
        words = a.text[start:h.start].split()
        while words and words[-1] in _BEFORE_THE_VERB:
            words.pop()  # "냉장고나 세탁기는 안 팔아요?": the thing is before the adverb
        word = strip_particles(words[-1]) if words else ""
        # a word the vocabulary reads as a rule ("냉장고" is a storage word) is still the thing asked for right before
        # "팔아요?" ("냉장고도 팔아요?")
        at = a.text.rfind(word, start, h.start)
        sold = h.start in sold_asked_at(a) and len(word) >= 2 and bool(re.fullmatch(r"[가-힣]+", word)) \
            and any(x.start <= at < x.end for x in a.hits if x.concept != "exist")
        # (a noun with a derivational suffix, "여성용" of 여성 + 용 (XSN), is the thing asked as written)
        stem_unknown = word not in unknown and any(m.surface in unknown and m.end == x.start and x.pos == "XSN"
                                                   and a.text[m.start:x.end] == word for m, x in zip(a.morphemes, a.morphemes[1:]))
        if not sold and _in_shop_rules(knowledge, word):
            continue  # "오차도 있어요?" after the size guide: a thing the shop's rules write, asked of them
        if (word in unknown or sold or stem_unknown) and not _category_in(knowledge, word) and not any(
                m.score >= 80 for m in knowledge.find_products(word).matches):  # the catalogue holds it ("부츠")
            # the unknown nouns of the phrase right before the verb, in order ("라면이나 생수도 팔아요?": 라면, 생수; never
            # a noun of the words before it, "여자친구 선물로 원피스도 파나요?": 원피스)
            first = len(words) - 1
            # (back over the words joined to it, its bare modifiers "여성 원피스", and "A 같은 B")
            while first > 0 and (re.search(r"(?:이나|나|이랑|랑|하고|과|와|,)$", words[first - 1])
                                 or words[first - 1] == "같은"
                                 or re.fullmatch(r"[가-힣]{2,}", words[first - 1])
                                 and strip_particles(words[first - 1]) == words[first - 1]
                                 and any(n in words[first - 1] for n in unknown)):
                first -= 1
            phrase = " ".join(words[first:]) if words else ""
            said = [n for n in unknown if n in phrase and not (stem_unknown and word.startswith(n))] \
                or [n for n in unknown if n in a.text[start:h.start] and not (stem_unknown and word.startswith(n))]
            # (the noun whose derived word is said is said by it)
            said = [word, *said] if stem_unknown else said
            if sold and word not in said:
                joined = re.match(r"([가-힣A-Za-z]{2,}?)(이나|나|이랑|랑|하고|과|와)$", words[-2]) if len(words) > 1 else None
                said = [*([joined.group(1)] if joined else []), word]  # "냉장고나 세탁기는 안 팔아요?": both
            said = [*said[:2], *(n for n in _asked_after(a, end, covered) if n not in said and not _category_in(knowledge, n)
                                 and not any(m.score >= 80 for m in knowledge.find_products(n).matches))]
            return " ".join(said) or word
    return None


def _in_shop_rules(knowledge: Any, word: str) -> bool:
    """A word of two letters or more that a policy clause or FAQ entry of the shop writes."""
    try:
        return len(word) >= 2 and bool(knowledge.passages().containing(word))
    except (AttributeError, TypeError):
        return False


def _asked_after(a: Any, end: int, covered: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The things of sentences after `end` that are one word asked "and that?" ("삼겹살 팔아요? 닭가슴살은요":
    닭가슴살), asked the same question as the sentence before: Hangul of two syllables or more that no concept word
    ("가격은요") and no name or option of the shop ("블랙은요") wholly covers."""
    out = []
    for m in _SENTENCE.finditer(a.text):
        said = _ELLIPTICAL.fullmatch(m.group().strip())
        if m.start() < end or said is None or not re.fullmatch(r"[가-힣]{2,}", said.group(1)):
            continue
        s0 = m.start() + m.group().index(said.group(1))
        e0 = s0 + len(said.group(1))
        if not any(s <= s0 and e0 <= e for s, e in [*((h.start, h.end) for h in a.hits), *covered]):
            out.append(said.group(1))
    return out


def _asked_first(a: Any, nouns: list[str]) -> list[str]:
    """The unknown nouns of the sentence that asks ("립밤도 팔아요? 입술이 너무 터서요": 립밤, not the reason's 입술):
    the one asking whether a thing is sold, else the first with a question mark; else all of them."""
    from agent.turn_analysis import sold_asked_at

    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(a.text)]
    sold = sold_asked_at(a)
    asking = next(((s0, e0) for s0, e0 in sentences if any(s0 <= at < e0 for at in sold)), None) \
        or next(((s0, e0) for s0, e0 in sentences if re.search(r"[?？]", a.text[s0:e0])), None)
    inside = [n for n in nouns if asking and n in a.text[asking[0]:asking[1]]]
    if inside and asking:  # "삼겹살 팔아요? 닭가슴살은요": a noun asked "and what about it?" after is asked the same
        inside += [n for n in _asked_after(a, asking[1]) if n not in inside]
    return inside or nouns


# one sentence of a turn with its end mark, where offsets are needed ("삼겹살 팔아요?" | " 닭가슴살은요")
_SENTENCE = re.compile(r"[^?？.!]+[?？.!]*")
# a sentence that is one noun asked "and that?": "닭가슴살은요?", "사과도요?"
_ELLIPTICAL = re.compile(r"([가-힣A-Za-z0-9]+?)(?:은|는|도)요\s*[?？]*")


def _joined_nouns(morphemes: Sequence[Any]) -> list[Any]:
    """The turn's morphemes with a noun of one syllable joined to the noun written against it ("립밤" is read 립 + 밤,
    "핸크" 핸 + 크): the word the customer wrote, not two fragments too short to name anything."""
    from dataclasses import replace

    out: list[Any] = []
    for m in morphemes:
        prev = out[-1] if out else None
        if prev is not None and prev.end == m.start and (
                m.pos in ("NNG", "NNP") and prev.pos in ("NNG", "NNP", "XPN") and (len(prev.surface) == 1 or len(m.surface) == 1)
                or m.pos == "XSN" and prev.pos in ("NNG", "NNP") and len(prev.surface) == 1):
            # (a prefix the analyser split off a noun too: "비건" is read 비 + 건; a loanword's last syllable read as a
            # suffix: "샌들" is 샌 + 들)
            out[-1] = replace(prev, surface=prev.surface + m.surface, lemma=prev.surface + m.surface, end=m.end,
                              pos=prev.pos if m.pos == "XSN" else m.pos)
        else:
            out.append(m)
    return out


def _asked_beside_price(a: Any, noun: str) -> bool:
    """`noun` is asked of apart from the price: in a sentence that asks none ("얼마에요? 비건 제품이에요?"), or joined
    to the price word as a second thing asked ("가격이랑 비건인지"); not the thing priced ("벽걸이 하면 얼마에요?")."""
    from agent.mentions import CONJUNCTION

    prices = [h.start for h in a.hits if h.concept == "price"]
    for m in re.finditer(r"[^?.!？]+[?.!？]*", a.text):
        at = a.text.find(noun, m.start(), m.end())
        if at < 0:
            continue
        price = next((x for x in prices if m.start() <= x < m.end()), None)
        if price is None:
            return True
        first, second = sorted((price, at))
        return bool(CONJUNCTION.search(a.text[first:second + 1]))
    return False


def _unknown_nouns(turn: Turn, covered: Sequence[tuple[int, int]]) -> list[str]:
    """Nouns of the turn that are neither shop vocabulary nor product/option words: what an off-catalogue
    question asks for ("쿠션 팩트 있어요?" -> 쿠션, 팩트)."""
    a = turn.analysis
    # ("2만원 이하", "3만원대": the bound's 이하/대 is part of the amount, no thing asked for)
    concept_spans = [(h.start, h.end) for h in a.hits] + [x.span() for x in _MONEY_BOUND.finditer(a.text)]
    out: list[str] = []
    for m in _asked_units(a):  # "몇 평형이에요?": a quantity in a unit no concept names (a Latin unit is no noun)
        if m.pos != "SL" and not any(s <= m.start < e for s, e in concept_spans) and "stock" not in a.concepts:
            # (never the count of a stock question: "재고 몇 개 남았어요" names no 개 to look for in "개봉 후")
            out.append(m.surface)
    words: list[Any] = []
    for m in _joined_nouns(a.morphemes):
        if m not in a.morphemes and any(s < m.end and m.start < e for s, e in concept_spans):
            # a joined word that overlaps a concept ("머스크향": 향 is a scent word) is read as its parts, as written
            words += [p for p in a.morphemes if m.start <= p.start and p.end <= m.end]
        else:
            words.append(m)
    for m in words:
        if m.pos not in ("NNG", "NNP", "SL") or m.lemma.lower() in GENERIC_NOUNS:
            continue
        if (m.semantic == "인명" and ORDER_REF.search(a.text) or re.match(r"\s*\d{4}(?!\d)", a.text[m.end:])) \
                and re.fullmatch(r"[가-힣]{2,4}", m.surface):
            continue  # a person's name ("김민수", "강은지 0934": the orderer beside an order's number, a phone's last digits)
        if len(m.surface) < (3 if m.pos == "SL" else 2):
            continue
        if m.pos == "SL" and m.lemma.lower() in ENGLISH_STOP:
            continue  # "Does", "the", "brown": English function, shop and colour words name nothing unknown
        if any(s < m.end and m.start < e for s, e in [*concept_spans, *covered]):
            continue  # overlaps a concept or a name ("손빨래" holds 빨래, a care word)
        before = next((p for p in reversed(a.morphemes) if p.end <= m.start), None)
        if before is not None and before.end == m.start and before.pos in ("MM", "VA", "VV", "VX", "EC", "ETM") \
                and (m.end >= len(a.text) or not a.text[m.end].isalnum()):
            continue  # "어떤가요" read as 어떤 + 가요: a word's ending taken for a noun, no thing asked for
        out.append(m.surface)
    return out


def _own_spans(text: str, knowledge: Any, pid: str, named: list[str]) -> list[tuple[int, int]]:
    """Where the product's names stand in `text`, leaving out a name inside another named product's longer name
    (canvas sneakers' alias "스니커즈" within "레더 스니커즈")."""
    p = knowledge.product(pid)
    if p is None:
        return []
    others = [sp for o in set(named) - {pid} if (q := knowledge.product(o)) is not None for sp in name_spans(text, q)]
    return [(s0, e0) for s0, e0 in name_spans(text, p)
            if not any(a <= s0 and e0 <= b and (b - a) > (e0 - s0) for a, b in others)]


def is_pre_order(product: Any) -> bool:
    return any(v.availability in ("PreOrder", "PreSale", "BackOrder") for v in product.variants)


def pre_order_products(knowledge: Any) -> list[Any]:
    """The shop's products sold on pre-order (each by its variants' availability)."""
    try:
        return [p for p in knowledge.products() if is_pre_order(p)]
    except (AttributeError, TypeError):
        return []


def _pre_orders(g: Grounding, knowledge: Any) -> Grounding:
    """"예약판매 상품 있어요?", "any items on pre-order?" (no product named): the one the shop sells so, as its own texts
    say; the several by name; or that there is none."""
    products = pre_order_products(knowledge)
    g.topic = "pre_order"
    if len(products) == 1:
        g.add(f"product:{products[0].id}", product_fact(products[0]))
        g.subject = products[0].id
        say_pre_order(g, products[0], knowledge)
    elif products:
        for p in products:
            g.add(f"product:{p.id}", product_fact(p))
        g.say("예약 판매 중인 상품은 {names}이에요.", "Items on pre-order: {names}.",
              names=", ".join(p.name for p in products))
    else:
        g.add("catalogue:pre_order", "예약 판매 상품 없음")
        g.say("지금 예약 판매 중인 상품은 없어요.", "We have no items on pre-order right now.")
    return g.finish()


def say_pre_order(g: Grounding, product: Any, knowledge: Any = None) -> None:
    """"절임배추 언제 와요?": a pre-order ships as its own description says, not as the day's parcels, and as the
    shop's rule naming it says beside ("… 출고일은 주문 후 문자로 안내해 드립니다")."""
    from agent.quantities import figures

    when = next((x for x in _sentences(product.description) if re.search(r"출고|배송|발송|도착", x)), None)
    try:
        passages = [p for p in knowledge.passages().passages if p.kind == "clause" and re.search(r"출고|발송|배송", p.text)
                    and any(w in p.text for w in product_words(product))]
    except AttributeError:
        passages = []
    # the clause about it before one listing it among others ("절임배추는 예약 상품으로 …" before "사과·감귤·절임배추 등 …")
    passages.sort(key=lambda p: not any(p.text.startswith(w) for w in product_words(product)))
    # a rule's clause that says it is a pre-order and every date of the description's sentence says it once ("절임배추는
    # 예약 상품으로 12월 1일부터 …": not also "… 예약 판매 상품이에요" and "12월 1일부터 순차 출고되는 예약 상품입니다")
    whole = bool(passages) and g.lang == "ko" and "예약" in passages[0].text \
        and (when is None or figures(when) <= figures(passages[0].text))
    if not whole:
        g.say("{name}{j} 예약 판매 상품이에요.", "{name} is sold on pre-order.", name=product.name,
              j=josa(product.name, "은", "는"))
        if when:
            g.add(f"product:{product.id}:pre_order", when)
            # (the shop's own words for an English customer too, said to be Korean: its dates are what they ask)
            g.sentences.append(when if g.lang == "ko" else f"Its product page says (in Korean): {when}")
    if passages and g.lang == "ko":
        from agent.general_facts import quote
        from agent.policy_answer import PolicyAnswer

        said = " ".join(g.sentences)
        g.sentences.extend(t for t in quote(g, knowledge, PolicyAnswer(passages=passages[:1], confident=True)) if t not in said)


def product_words(product: Any) -> list[str]:
    """The words a rule names a product by: its name's words past a first qualifier ("해남 절임배추 20kg" -> 절임배추)."""
    words = [w for w in re.findall(r"[가-힣A-Za-z]{2,}", product.name)]
    return words[1:] or words if len(words) > 1 else words


# -- the grounder ------------------------------------------------------------------------------------------
def _option_instead(knowledge: Any, turn: Turn) -> Turn:
    """"수분크림 100ml 말고 50ml로 2개": one option of the product ruled out for another of the same axis is no product
    ruled out: the turn is read as the product in the option chosen ("수분크림 50ml로 2개")."""
    from dataclasses import replace as _replace

    from agent.turn_analysis import RULED_OUT, analyse_turn

    a = turn.analysis
    if not a.excluded or not hasattr(knowledge, "_searcher"):
        return turn
    vocab = knowledge._searcher().vocab
    text = a.text
    for start, end in a.excluded:
        cut = RULED_OUT.match(text[end:])
        if cut is None:
            continue
        before = [m for m in vocab.find_mentions(text[start:end]) if m.axis]
        after = [m for m in vocab.find_mentions(text[end + cut.end():]) if m.axis]
        if before and after and before[-1].axis == after[0].axis and before[-1].value != after[0].value:
            m = before[-1]
            new = text[:start + m.start] + text[end + cut.end():].lstrip()
            return _replace(turn, text=new, analysis=analyse_turn(new))
    return turn


def ground_product(knowledge: Any, turn: Turn | str, history: list[dict] | None = None,
                   now: Any = None) -> Grounding:
    """Facts and the offline reply for a product turn (a guide of the shop's applied to the customer's case)."""
    turn = as_turn(turn, history, now)
    joined = _joined_unsold(knowledge, turn)
    if joined is not None:
        # "고등어랑 갈치 있어요?", "옥스포드 셔츠랑 반바지 중에 뭐가 더 싸요?": the thing joined to a product the shop sells
        # is a second thing asked alike, never a property of the first; the product is answered, the thing said unsold
        word, rest = joined
        sub = make_turn(rest, list(turn.history), turn.now, turn.customer)
        sub.access, sub.same_message, sub.previous = turn.access, turn.same_message, turn.previous
        g = ground_product(knowledge, sub)
        if not (g.handoff or g.topic == "not_sold"):
            g.add(f"turn:not_sold:{word}", f"'{word}': 쇼핑몰 판매 상품에 없음")
            g.say("'{w}'{j} 판매하지 않는 상품이에요.", "We don't sell '{w}'.", w=word, j=josa(word, "은", "는"))
            return g.finish()
    g = _ground_product(knowledge, turn)
    _option_change_cost(g, knowledge, turn)
    _stated_price_checked(g, knowledge, turn)
    _guide_applied(g, knowledge, turn.analysis)
    _qualifier_not_carried(g, knowledge, turn.analysis)
    _modifier_only(g, knowledge, turn.analysis)
    _capacity_verdict(g, knowledge, turn.analysis)
    _stated_measure_weighed(g, knowledge, turn)  # (after the capacity verdict, which may weigh the same number)
    _later_question_answered(g, knowledge, turn)
    _unstated_quality(g, knowledge, turn)
    _unstated_thing(g, knowledge, turn)
    _popularity_unstated(g, knowledge, turn)
    _gift_of_one_product(g, knowledge, turn)
    _coupons_beside_price(g, knowledge, turn)
    _points_beside_price(g, knowledge, turn)
    _restock_of_what_is_out(g, knowledge, turn)
    _english_token_stated(g, knowledge, turn)
    return g


def _english_token_stated(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"is the sunscreen SPF50?", "is the monitor QHD?": an English yes/no question about one product whose code-like
    word (Latin letters with digits, or capitals: SPF50, QHD) the product's own Korean texts write as it is: a "Yes"
    first, with the text's own spelling, before the description. Nothing when a verdict is said already."""
    a = turn.analysis
    if g.lang != "en" or a.question != "yes_no" or a.negated or g.handoff or g.ask_back or not isinstance(g.subject, str) \
            or any(x.startswith(("Yes", "No")) for x in g.sentences):
        return
    product = knowledge.product(g.subject)
    if product is None:
        return
    named = " ".join(str(x) for x in (product.name, *product.aliases)).lower()
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9+.-]*[A-Za-z0-9+](?![A-Za-z0-9])", a.text):
        word = m.group(0)
        coded = bool(re.search(r"\d", word) and re.search(r"[A-Za-z]", word)) or word.isupper() and len(word) >= 2
        if not coded or word.lower() in named or word.lower() in ENGLISH_STOP:
            continue
        # (the word whole, as to its figures: "SPF5" is no "SPF50+")
        said = re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![0-9])[A-Za-z+]*", product.own_text, re.I)
        if said is not None:
            g.add(f"product:{product.id}:details", details_fact(product))
            g.sentences.insert(0, f"Yes: the description of {product.name} says {said.group(0)}.")
            g.finish()
            return


# the particles that join two things as one ("A랑 B", "A하고 B", "A와 B")
COMITATIVES = frozenset({"이랑", "랑", "하고", "과", "와"})


def _joined_unsold(knowledge: Any, turn: Turn) -> tuple[str, str] | None:
    """A noun joined by a comitative particle (랑, 하고, 와) to a product the turn names, or sought on its own beside it
    ("샴푸도 팔아요?"), which no product, option or product text of the shop holds: (the noun, the turn without it and
    its particle). None otherwise (English turns too: "and" joins clauses as well as things)."""
    a = turn.analysis
    if a.lang != "ko" or not (a.is_question or a.request):
        return None
    # (the products named, or the ones the search finds by a word of their names: "토너" of 어성초 진정 토너)
    pids = list(dict.fromkeys(mentioned_products(knowledge, a.text))) \
        or [m.product_id for m in knowledge.find_products(a.text).matches]
    # (a word of its name written as a word of the turn, its particles aside: "토너랑", never "스마트" of "스마트워치")
    spans = sorted({sp for pid in pids if (p := knowledge.product(pid)) is not None for sp in name_spans(a.text, p)}
                   or {(t.start(), t.start() + len(w)) for pid in pids[:1] if (p := knowledge.product(pid)) is not None
                       for w in str(p.name).split() if len(w) >= 2 for t in re.finditer(r"\S+", a.text)
                       if strip_particles(t.group(0).rstrip("?？!.~,")) == w})
    if not spans:
        return None
    unknown = set(_unknown_nouns(turn, spans))
    ms = a.morphemes
    for i, m in enumerate(ms):
        if m.pos not in ("JKB", "JC") or m.surface not in COMITATIVES or not 0 < i < len(ms) - 1:
            continue
        before, after = ms[i - 1], ms[i + 1]
        if any(e0 == m.start for _, e0 in spans) and after.surface in unknown and after.pos in ("NNG", "NNP") \
                and (after.end >= len(a.text) or not a.text[after.end].isalnum()
                     or i + 2 < len(ms) and ms[i + 2].pos[:1] == "J"):
            noun, cut = after.surface, (m.start, after.end)  # "고등어랑 갈치 …": the thing after the joint
        elif before.surface in unknown and before.pos in ("NNG", "NNP") and before.end == m.start \
                and (i < 2 or a.text[ms[i - 2].end:before.start].strip() or not ms[i - 2].is_noun) \
                and any(s0 == len(a.text) - len(a.text[m.end:].lstrip()) for s0, _ in spans):
            noun, cut = before.surface, (before.start, m.end)  # "갈치랑 고등어 …": the thing before it
        else:
            continue
        return _unsold_cut(knowledge, a.text, noun, cut)
    sold = set(sold_asked_at(a))
    there = {h.start for h in a.hits if h.concept == "exist"}
    for m in ms:
        # "샴푸도 팔아요? 그리고 토너 가격은요?", "토너 가격이랑 샴푸도 있는지": a thing of its own sought (its particles,
        # then the selling asked, `sold_asked_at`), beside a product the shop sells
        if m.surface not in unknown or m.pos not in ("NNG", "NNP") or any(s0 < m.end and m.start < e0 for s0, e0 in spans):
            continue
        tail = re.match(r"(은|는|이|가|도|을|를|만)?\s*(?:좀\s*)?", a.text[m.end:])
        at = m.end + tail.end()
        # (a thing told of, "각질 있어요", is no thing sought: only selling, or 있다 of a thing asked "as well", 도)
        if at in sold or tail.group(1) == "도" and at in there:
            return _unsold_cut(knowledge, a.text, m.surface, (m.start, m.end + len(tail.group(1) or "")))
    return None


def _unsold_cut(knowledge: Any, text: str, noun: str, cut: tuple[int, int]) -> tuple[str, str] | None:
    """(the noun, the text without the span `cut`), or None when a product of the shop holds or names the noun (no
    unsold thing then)."""
    if any(noun in p.own_text or noun in p.name or any(noun in x for x in p.aliases)
           # (or sells it as an option: "더비슈즈 브라운도 팔아요?" asks a colour, 다크브라운 or another's 브라운)
           or any(noun in str(v) for ax in p.axes for v in p.values(ax.key)) for p in knowledge.products()):
        return None
    return noun, " ".join(f"{text[:cut[0]]} {text[cut[1]:]}".split())


def _abbreviated_product(knowledge: Any, turn: Turn) -> str | None:
    """The one product a clipped word of the turn names ("에프" of 에어프라이어: the search's own reading of clipped words,
    here also for a word the dictionary knows whole), when no word of a product's name is written and the word reads
    as no concept; None otherwise."""
    a = turn.analysis
    if a.has("exist"):
        return None  # ("가구도 팔아요?": a word the dictionary knows, asked to be sold, is the thing itself, not sold here)
    concept = [(h.start, h.end) for h in a.hits]
    words = [(m.start(), strip_particles(m.group(0))) for m in re.finditer(r"[가-힣]{2,5}", a.text)]
    words = [w for at, w in words if 2 <= len(w) <= 4 and not any(s0 <= at < e0 for s0, e0 in concept)]
    try:
        searcher = knowledge._searcher()
    except (AttributeError, TypeError):
        return None
    return searcher.clipped_product(words) if words else None


def _restock_of_what_is_out(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"14인치 i7 32g 품절이던데 언제 입고돼요?" answered with what is in stock and that the option is sold out: when it
    comes back is what was asked, so that no restock date is set is said (only when no sold-out option of the product
    has one; a date is said where it is known)."""
    if not turn.analysis.has("restock") or g.handoff or not g.subject or not isinstance(g.subject, str):
        return
    said = " ".join(g.sentences)
    if not re.search(r"품절|sold out", said, re.I) or re.search(r"재입고|입고 예정|restock|back in stock", said, re.I):
        return
    product = knowledge.product(g.subject)
    out = [v for v in getattr(product, "variants", ()) if not v.in_stock]
    if not out or any(v.restock_date for v in out):
        return
    g.say("재입고 일정은 아직 정해지지 않았어요.", "There's no restock date yet.")
    g.finish()


def _coupon_rules(g: Grounding, knowledge: Any, analysis: Any, topic: str = "coupons") -> list[str]:
    """The shop's coupon (or points) clauses that answer `analysis`, quoted (their facts added); [] when none answers
    surely."""
    from agent.general_facts import quote
    from agent.policy_answer import answer_policy

    rules = answer_policy(knowledge, analysis, topics=(topic,))
    return quote(g, knowledge, rules) if rules.confident and rules.passages else []


def _coupons_beside_price(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"쿠폰 쓰면 수분크림 얼마에요?": a product's price asked with a coupon. What a coupon takes off depends on which
    one the customer holds, so after the price the shop's coupon rules are quoted (never a price computed for a coupon
    the customer may not have); nothing when the reply already speaks of coupons or the shop writes none."""
    if turn.analysis.has("coupons") and turn.analysis.has("price"):
        from agent.general_facts import unwritten_kind

        lead = ("쿠폰은 이렇게 적용돼요:", "How coupons apply:")
        kind = unwritten_kind(knowledge, turn.analysis, ("coupons",))
        if kind:  # "생일 쿠폰 쓰면 …" of a shop that gives none: said so, before the coupons it does give
            g.add("turn:asked:unwritten_kind", f"'{kind} 쿠폰': 쇼핑몰 정보에 없음")
            lead = (f"{kind} 쿠폰은 따로 안내되어 있지 않아요. 쿠폰은 이렇게 적용돼요:",
                    f"We don't have information on a {kind} coupon. How coupons apply:")
        texts = _rules_beside_price(g, knowledge, turn, "coupons", r"쿠폰|coupon", lead)
        if not kind:
            _price_after_the_coupon_named(g, knowledge, texts)


def _price_after_the_coupon_named(g: Grounding, knowledge: Any, texts: Sequence[str]) -> None:
    """"신규가입 쿠폰 쓰면 MA-1 얼마돼요", "생일쿠폰 쓰면 린넨셔츠 얼마에요": the customer names which coupon they hold, and
    the one clause quoted for it states one coupon of the shop's section: the product's one price less it, or the
    order minimum it falls short of (`agent.coupon_price`). Nothing when the clause states several coupons, or the
    product has several prices."""
    from agent.coupon_price import coupon_stated, say_price_after

    if len(texts) != 1 or not isinstance(g.subject, str):
        return
    product = knowledge.product(g.subject)
    coupon = coupon_stated(knowledge, texts[0])
    if product is None or coupon is None or not product.variants or product.price != product.max_price:
        return
    say_price_after(g, coupon, f"derived:coupon:{product.id}:{coupon.key}", product.name, product.price, alone=True)
    g.finish()


def _points_beside_price(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"린넨셔츠 사면 적립금 얼마 쌓여요?", "how many points will I get if I buy the shirt?": a product's purchase asked
    for the points it earns. After the product's price the shop's own accrual rule is quoted (the rate it earns at);
    nothing when the reply already speaks of points or the shop writes no such rule."""
    a = turn.analysis
    if a.has("points") and (a.has("buy", "price", "come_in") or a.question in ("how_much", "how_many")) \
            and isinstance(g.subject, str):
        _rules_beside_price(g, knowledge, turn, "points", r"적립|포인트|\bpoints?\b",
                            ("적립금은 이렇게 쌓여요:", "How points are earned:"))


def _rules_beside_price(g: Grounding, knowledge: Any, turn: Turn, topic: str, said: str,
                        lead: tuple[str, str]) -> list[str]:
    """The shop's clauses of a reward (`topic`) quoted after a product's answer, led by `lead`, and returned; nothing
    when the answer asked back, handed off, says nothing yet, or already speaks of it (`said`)."""
    if g.ask_back or g.handoff or not g.sentences or any(re.search(said, x, re.I) for x in g.sentences):
        return []
    texts = _coupon_rules(g, knowledge, turn.analysis, topic)
    if texts:
        g.say(*lead)
        g.sentences.extend(texts)
        g.finish()
    return texts


# which sells best ("뭐가 더 잘나가요", "제일 인기 많아요?", "베스트", "which is more popular", "best seller")
_POPULARITY = re.compile(r"잘\s*나가|잘\s*팔|많이\s*팔|인기|베스트|\bpopular\b|\bbest[\s-]?sell", re.I)


def _popularity_unstated(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"무화과랑 베르가못 중에 뭐가 더 잘나가요": how well each sells, which no text of the shop states (no sales figure,
    no best-seller list), is said unstated after what the answer does say; never when the shop writes of it."""
    from agent.shop_corpus import shop_corpus

    found = _POPULARITY.search(turn.analysis.text)
    if found is None or g.ask_back or g.handoff or not g.sentences or not turn.analysis.is_question:
        return
    corpus = shop_corpus(knowledge)
    if not corpus or _POPULARITY.search(corpus) or any(_POPULARITY.search(x) for x in g.sentences):
        return
    g.add("turn:asked:popularity", "판매 순위·인기: 쇼핑몰 정보에 없음")
    g.say("어느 쪽이 더 많이 팔리는지(인기 순위)는 따로 안내되어 있지 않아요.",
          "We don't have information on which sells more (no sales ranking).")
    g.finish()


def _gift_of_one_product(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"머플러 선물용으로 좋아요?" answered with its price alone: whether it suits a gift no text says, so what the
    product is (its description) and the shop's own clause on gifts ("선물하실 경우 주문 메모에 …") are said; nothing
    when the answer already quotes its texts or the shop writes nothing on gifts."""
    a = turn.analysis
    if not a.has("gift") or a.question != "yes_no" or g.ask_back or g.handoff or not isinstance(g.subject, str) \
            or a.has("stock", "exist", "price", "total", "compare", "set_parts", "option", "packaging"):
        return  # (a gift told as the reason of a stock or price question, "카멜 재고 있어요? 선물하려구요", is no question of it)
    product = knowledge.product(g.subject)
    if product is None or any(s <= h.start < e for h in a.hits if h.concept == "gift" for s, e in name_spans(a.text, product)):
        return  # ("선물세트 뭐 들어있어요?": the gift is the product's name)
    said = " ".join(g.sentences)
    own = [x for x in _own_sentences(product)[:1] if x.rstrip(".") not in said]
    from agent.policy_answer import PolicyAnswer, answer_policy
    from agent.general_facts import quote
    from agent.turn_analysis import analyse_turn

    answer = answer_policy(knowledge, analyse_turn("선물할 때 어떻게 보내주나요"), topics=("packaging",))
    clause = [p for p in answer.passages if "선물" in p.text and p.text.rstrip(".") not in said][:1] if answer.confident \
        else []
    if not own and not clause:
        return
    g.add(f"product:{product.id}:details", details_fact(product))
    g.sentences.extend(own if g.lang == "ko" else [f"Its product page says (in Korean): {x}" for x in own])
    texts = quote(g, knowledge, PolicyAnswer(passages=clause, confident=True)) if clause else []
    g.sentences.extend(texts if g.lang == "ko" else [" ".join(["Our policy (in Korean):", *texts])] if texts else [])
    g.finish()


def _services_asked(a: Any) -> list[Any]:
    """The nouns asked of as a thing the shop does ("수선도 해주나요", "각인 가능해요?", "포장 돼요?"): a noun written as
    a word of its own, its particle at most, then 하다/되다/해 주다 or 가능."""
    ms = a.morphemes
    out = []
    for i, m in enumerate(ms):
        if m.pos != "NNG":
            continue
        j = i + 1
        while j < len(ms) and ms[j].pos.startswith("J") and ms[j].start == ms[j - 1].end:
            j += 1
        if j >= len(ms) or ms[j].start == ms[j - 1].end:
            continue  # (the verb written onto the noun, "사야되나", is no thing asked of apart)
        nxt = ms[j]
        if nxt.pos in ("VV", "XSV") and nxt.lemma in ("하", "되", "해주") or nxt.surface.startswith("가능"):
            out.append(m)
    return out


def _care_unstated(a: TurnAnalysis, product: Any) -> str | None:
    """The care or storage asked of in a yes/no question ("냉동해도 돼요?") when the product's own texts never name it,
    so its care text is no answer to it; None when they do, or the question asks no such thing."""
    if a.question != "yes_no":
        return None
    flat = re.sub(r"\s", "", f"{product.care} {product.own_text}")
    # (ways of storing exclude each other, 냉동 is no 냉장; ways of washing are read from the care text itself: "물빨래"
    # against "손세탁" is answered by it)
    cared = {h.form for h in a.hits if h.concept == "care"}  # ("보관" is both: storing at all, no way of it)
    forms = [h.form for h in a.hits if h.concept == "storage" and h.form not in cared and re.fullmatch(r"[가-힣]{2,}", h.form)]
    longest = max(forms, key=len, default=None)
    return longest if longest and not any(f in flat for f in forms) else None


def _unstated_thing(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"치노팬츠 34 블랙 있어요? 밑단 수선도 해주나요": a later question of the turn about a thing no text of the shop
    names at all (수선) is said unstated after the answer to the first, not dropped; a thing some text names is left to
    the answers that quote it."""
    from agent.pipeline import split_questions
    from agent.shop_corpus import shop_says

    product = _subject_product(g, knowledge)
    if product is None or g.lang != "ko" or g.ask_back or g.handoff or not g.sentences or turn.same_message:
        return
    said = " ".join(g.sentences)
    if "나와 있지 않아요" in said:
        return
    parts = split_questions(turn.analysis.text)
    # (the turn's one question too, when the answer given never speaks of the thing: "선물세트 보자기 포장되나요?")
    for part in parts[1:] if len(parts) > 1 else parts:
        sub = _analyse(part)
        if not sub.is_question:
            continue
        spans = name_spans(part, product)
        unknown = set(_unknown_nouns(Turn(text=part, analysis=sub), spans))
        # a service asked with the unknown word that says which kind of it ("보자기 포장": 포장 the shop does, in 보자기?)
        nouns = [m.surface for m in _services_asked(sub) if m.surface in unknown and re.fullmatch(r"[가-힣]{2,}", m.surface)
                 and m.surface not in product.own_text and m.surface not in said and not shop_says(knowledge, m.surface)]
        ms = sub.morphemes
        if len(parts) == 1:  # (the one question: only a kind of a service the shop does, "보자기 포장")
            nouns = []
        nouns = nouns or [f"{k.surface} {m.surface}" for k, m, v in zip(ms, ms[1:], ms[2:])
                          if m.pos == "NNG" and v.lemma in ("하", "되") and v.pos in ("XSV", "VV") and k.pos == "NNG"
                          and k.end < m.start and sub.text[k.end:m.start].strip() == "" and k.surface in unknown
                          and re.fullmatch(r"[가-힣]{2,}", k.surface) and k.surface not in product.own_text
                          and k.surface not in said and not shop_says(knowledge, k.surface)]
        if not nouns:
            continue
        thing = " ".join(dict.fromkeys(nouns))
        g.add(f"turn:asked:{thing}", f"고객이 물은 점 {thing} (상품 정보와 쇼핑몰 안내에 없음)")
        g.sentences.append(f"{thing}에 대해서는 상품 정보와 쇼핑몰 안내에 따로 나와 있지 않아요.")
        g.finish()
        return


def _unstated_quality(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"램스울 니트 따가워요? 울 몇프로임", "롱패딩 … 영하 15도에도 괜찮나요": a yes/no question of the product that ends in
    an adjective no word of ours reads and no text of the product's holds (따갑다, 괜찮다) asks how it is in a way the shop
    never describes: "램스울 크루넥 니트가 따가운지는 상품 정보에 따로 나와 있지 않아요", first when it is the turn's first
    question, after the other question's answer otherwise; what the shop does say stays."""
    from agent.pipeline import split_questions
    from core.language.korean_text import whether_form

    product = _subject_product(g, knowledge)
    if product is None or g.lang != "ko" or g.ask_back or g.handoff or not g.sentences or turn.same_message:
        return
    said = " ".join(g.sentences)
    if "따로 나와 있지 않아요" in said or "확인되지 않아" in said:
        return
    parts = split_questions(turn.analysis.text)
    for i, part in enumerate(parts):
        adjective = _adjective_unstated(_analyse(part), product, said)
        if adjective is None:
            continue
        stem = adjective.lemma
        spans = name_spans(part, product)
        begin = max((e0 for _, e0 in spans), default=0)
        words = part[begin:adjective.start].split()
        phrase = " ".join([*words, whether_form(stem)]) if len(words) <= 3 else whether_form(stem)
        g.add(f"turn:asked:{stem}", f"고객이 물은 점 {phrase.strip()} (상품 정보에 없음)")
        line = f"{product.name}{josa(product.name, '이', '가')} {phrase.strip()}는 상품 정보에 따로 나와 있지 않아요."
        if i == 0 and len(parts) == 1:
            g.sentences.insert(0, line[:-1] + ". 참고로 아래 정보를 확인해 주세요.")
        elif i == 0:
            g.sentences.insert(0, line)
        else:
            g.sentences.append(line)
        g.finish()
        return


# what the product's own answer speaks to: a quality our words read ("물빠짐 심해요?"), its stock, price or season
_ANSWERED_CONCEPTS = ("property", "pilling", "care", "fit", "measure", "season", "stock", "restock", "price", "discount",
                      "compare")


def _adjective_unstated(a: TurnAnalysis, product: Any, said: str) -> Any | None:
    """The adjective a yes/no question ends in ("따가워요?", "괜찮나요") when no word of ours reads it and nothing of
    the product's texts or of the reply speaks to it: no concept of the answer's own, no noun before it that the
    product's texts or the reply hold ("주사율 똑같아요?"), no stem of the texts ("달아요?" of "… 달아요"); else None."""
    ms = [m for m in a.morphemes if m.pos not in ("SF", "SP", "SS", "SW")]
    end = next((j for j in range(len(ms) - 1, -1, -1) if ms[j].pos in ("VA", "VV", "VX", "XSA", "XSV", "VCP")), None)
    if a.question != "yes_no" or end is None or ms[end].pos != "VA" or end + 2 < len(ms) or a.has(*_ANSWERED_CONCEPTS):
        return None
    word = ms[end]
    if any(h.concept != "decline" and h.start < word.end and word.start < h.end for h in a.hits):
        return None  # ("괜찮나요" is read as declining help: no concept of the product's)
    if any(m.pos in ("NNG", "NNP") and len(m.surface) >= 2 and m.surface not in product.name
           and (m.surface in product.own_text or m.surface in said and not any(h.start <= m.start < h.end for h in a.hits))
           for m in ms[:end]):
        return None
    if len(word.lemma) < 2 or word.lemma in product.own_text or word.surface[:2] in product.own_text:
        return None
    return word


def _later_question_answered(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"린넨셔츠 L 있나요? 겨울에도 입을만해요?", "선크림 재고 있어요? 백탁 있나요?": another question of the turn (yes/no,
    how or what) about a thing of the same product that the whole answer did not take up (its season, a quality its
    texts may or may not state, its care) is grounded on its own, with the product named, and its sentences that speak
    of that thing are added (the first question's before the answer, a later one's after it). A question of buying,
    price, stock, delivery or rules is the whole answer's own."""
    from agent.mentions import counts_said, mentioned_products
    from agent.pipeline import split_questions

    product = _subject_product(g, knowledge)
    parts = split_questions(turn.analysis.text)
    if product is None or len(parts) < 2 or g.ask_back or g.handoff or turn.same_message:
        return
    for i, part in enumerate(parts):
        named = set(mentioned_products(knowledge, part))
        if named - {product.id}:
            return  # another product's question: the product agent's own lists answer it
        if _day_words(part) is not None:
            continue  # "크리스마스 전에 끝나나": a day of the calendar weighed, the whole answer's own (a sale's end, a parcel)
        text = part if named else f"{product.name} {part}"
        sub = make_turn(text, list(turn.history), turn.now, turn.customer)
        if sub.analysis.lang != turn.analysis.lang:  # (the Korean name before an English question)
            from dataclasses import replace

            sub.analysis = replace(sub.analysis, lang=turn.analysis.lang)
        if sub.analysis.question not in ("yes_no", "how", "what") or sub.lang != turn.lang \
                or sub.analysis.has(*_NOT_OF_THE_THING) \
                or counts_said(part):  # ("발마칸 코트 하나 사면 되는 거죠?": a count bought, no thing of it asked)
            continue
        spans = name_spans(text, product)
        own = asked(sub, spans)
        qualities = [h.form for h in sub.analysis.hits if h.concept in ("property", "pilling") and len(h.form) >= 2]
        # ("세척은 어떻게 해요?": how it is cared for, its care note's own word)
        qualities += [h.form for h in sub.analysis.hits if h.concept == "care" and len(h.form) >= 2
                      and sub.analysis.question != "yes_no"]
        if qualities and not sub.analysis.has("stock", "exist"):
            own -= {"stock"}  # "Is the white one see-through?": a quality of a value named, not its stock
        others = " ".join(parts[:i] + parts[i + 1:])
        names = " ".join((product.name, *product.aliases))
        # the thing this question names, a noun or a quality ("방수"), not said in the other questions nor a word of the
        # product's own name ("무항생제 맞아요?" of 무항생제 유정란)
        nouns = [n for n in [*_unknown_nouns(sub, spans), *qualities] if n not in others and n not in names]
        if nouns and not sub.analysis.has("stock"):
            own -= {"stock"}  # "비침 있나요", "주머니 있어요?": a thing of the product it has or not, not its stock
        # the customer's own word, its stem echoed by a sentence of the product's texts ("끈적이나요?" and "끈적임 없이")
        echoes = {w[:2] for w in re.findall(r"[가-힣]{3,}", part) if w[:2] not in names and w[:2] not in others}
        # "양말 블랙 품절이에요? 발 290인데 맞아요?": a fit asked of the customer's own measure is weighed on its own
        numbers = re.findall(r"\d{2,}(?![\d,])(?!\s*(?:원|만|천|won|krw))", part) \
            if i and sub.analysis.question == "yes_no" else []  # (a later question's measure; never an amount of money)
        weighs = bool(numbers) and not own - {"property", "material", "care", "origin", "fit", "size_advice", "measure"}
        if not weighs and (not (nouns or echoes) or own - {"property", "material", "care", "origin"}):
            continue
        sub.access, sub.same_message = turn.access, tuple(parts[:i]) or (parts[1],)  # (split no further)
        more = ground_product(knowledge, sub)
        if more.ask_back or more.handoff or more.subject != product.id:
            continue
        said = " ".join(g.sentences)
        if any(n in said for n in nouns):
            continue  # (the answer took it up already)
        prices = {won(v.price) for v in product.variants} | {won(v.price, "en") for v in product.variants}

        def of_it(x: str) -> bool:  # of this product (not "볼트북 …" of a shop text on another), never its price again
            return not set(mentioned_products(knowledge, x)) - {product.id} and not any(p in x for p in prices)

        # only what speaks of the thing asked ("겨울": the season sentence; "백탁": that the texts do not say), or,
        # asked of a quality, the product's own sentence the part's answer gave ("물빠짐 심해요?" -> "… 페이딩이
        # 생깁니다"); that the texts do not say it only when the answer quoted none of them ("패딩 따뜻해요? 충전재
        # 뭐에요" is answered by its filling, "쿠션 자외선차단 돼요?" by its SPF sentence)
        own_texts = {t.rstrip(".") for t in _own_sentences(product)
                     if qualities or any(e in t for e in echoes)}
        quoted = any(t.rstrip(".") in said for t in _own_sentences(product)) or bool(product.material) \
            and product.material in said
        weighed = [i for i, x in enumerate(more.sentences) if numbers and any(n in x for n in numbers)]
        # a Sino-Korean 無/有 pair: "무선인가요?" is answered by the sentence that says 유선 (and 유광 of 무광)
        contrasts = {("유" if n[0] == "무" else "무") + n[1:] for n in nouns if len(n) >= 2 and n[0] in "무유"}
        picked = [x for i, x in enumerate(more.sentences) if x not in g.sentences and x.rstrip(".") not in said
                  and (any(n in x for n in nouns) or x.rstrip(".") in own_texts or any(c in x for c in contrasts)
                       or any(0 <= w - i <= 1 for w in weighed))  # (the measure weighed and the range before it)
                  and of_it(x) and not (quoted and x.endswith(_SEE_BELOW))]
        if not picked:
            continue
        for fact in more.facts:
            g.add(fact.id, fact.text)
        at_end = len(g.sentences) if i else 0  # (the first question's answer first)
        for x in picked:
            after = more.sentences.index(x) + 1
            below = more.sentences[after] if x.endswith(_SEE_BELOW) and after < len(more.sentences) else None
            if below is not None and below in g.sentences:
                # said before what the answer already gave of the product's texts ("… 여부는 따로 나와 있지 않아요.
                # 참고로 아래 정보를 …" then its material and description)
                g.sentences.insert(g.sentences.index(below), x)
                continue
            if below is not None and below not in picked and of_it(below):
                picked_below = [x, below]  # "… 확인해 주세요." and that information
            elif x.endswith(_SEE_BELOW_KO):
                picked_below = [x[:-len(_SEE_BELOW_KO)].rstrip()]  # (nothing below to see)
            else:
                picked_below = [x]
            g.sentences[at_end:at_end] = picked_below
            at_end += len(picked_below)
        g.finish()


# the sentence an "unstated" answer ends with, before the product's own texts it points to
_SEE_BELOW_KO = "참고로 아래 정보를 확인해 주세요."
_SEE_BELOW_EN = "here is what it does say."
_SEE_BELOW = (_SEE_BELOW_KO, _SEE_BELOW_EN)
# what makes a later question no question of a thing of the product: buying it, its price or stock, its delivery,
# a shop rule, or advice on which to take
_NOT_OF_THE_THING = ("buy", "discount", "price", "stock", "restock", "come_in", "order", "fee", "shipping", "dispatch",
                     "arrival", "returns", "exchange", "refund", "cancellation", "size_advice", "recommend", "compare",
                     "when", "option", "today")


def _subject_product(g: Grounding, knowledge: Any) -> Any | None:
    """The product the grounded reply is about (its subject), or None when it is about no one product."""
    return knowledge.product(g.subject) if isinstance(g.subject, str) and hasattr(knowledge, "product") else None


# a price the customer says they will pay or were told, asked to be confirmed ("34300원에 살수있는거 맞죠?", "아직
# 31,200원이에요?", "지난주엔 24000원이던데")
_PRICE_CONFIRMED = re.compile(r"(?:\d[\d,]*\s*원|\d+\s*만\s*(?:\d+\s*천\s*)?원?)\s*(?:에|이|으로|로)?\s*"
                              r"(?:살\s*수|사|구매|맞|이죠|인가|이던데|였는데|이라던데|이라고|아니|아직)")


# a number with a unit of room, screen, volume, power or servings the customer states ("34평", "15인치", "4인분")
_STATED_MEASURE = _number_with_unit("평|인치|L|ml|W|mAh|인분")


def _own_measure_weighed(g: Grounding, product: Any, size: str, a: Any) -> None:
    """"어깨 48인데 L 크나요?": the customer's own measure against the size asked, on the chart's line for it (how much
    more or less the size measures), and the smallest size that measures at least theirs when that is another."""
    from agent.size_advice import stated_measure

    found = stated_measure(product, a.text)
    if found is None:
        return
    label, theirs, rows = found
    if f"{theirs:g}" not in a.text or f"{theirs:g}" in product.sizes:
        return  # (a size named, "허리 32", is no measure of theirs; nor a waist read from inches)
    have = dict(rows).get(size)
    if have is None or have == theirs:
        return
    said = f"{theirs:g}cm"
    g.add(f"turn:measure:{label}:{said}", f"고객이 말한 {label} {said}")
    diff = f"{abs(have - theirs):g}cm"
    g.add(f"derived:measure_gap:{product.id}:{size}:{label}", f"{size} {label} {have:g}cm와 {said}의 차이 {diff}")
    g.say("{s} {l}({h}){j} 말씀하신 {t}보다 {d} {side}.", "The {s}'s {l_en} ({h}) is {d} {side_en} than your {t}.", s=size,
          l=label, h=f"{have:g}cm", j=josa(label, "은", "는"), t=said, d=diff, side="커요" if have > theirs else "작아요",
          l_en=english_value(label), side_en="larger" if have > theirs else "smaller")
    above = sorted((v, s0) for s0, v in rows if v >= theirs)
    if have < theirs and above:
        v, s0 = above[0]
        g.add(f"product:{product.id}:size_chart:{s0}:{label}", f"{product.name} {s0} {label} {v:g}cm")
        g.say("{t} 이상인 가장 작은 사이즈는 {s}({v}){cop}.", "The smallest size of at least {t} is {s} ({v}).", t=said, s=s0,
              v=f"{v:g}cm", cop=_copula(s0))


def _stated_measure_weighed(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"공기청정기 34평 거실에 써도 돼요?" against "30평형(99㎡) 거실용": a number the customer states with a unit the
    product's own texts state exactly one number of (never an option value of it): which side of it theirs is, said
    first (the text's number is the product's, the customer's is theirs)."""
    a = turn.analysis
    product = _subject_product(g, knowledge)
    said = _STATED_MEASURE.search(a.text)
    if product is None or said is None or a.question != "yes_no":
        return
    unit = said.group(2)
    if said.group(1) in " ".join(g.sentences):
        return  # (another verdict of the reply already weighs the customer's number: a capacity, a range)
    own = " ".join(x for x in (product.description, product.fitting_note, product.care) if x)
    # (a number of a range, "28~36인치", is a range's end, not the one figure stated)
    stated = {m.group(1) for m in re.finditer(r"(?<![~\d.])(\d+(?:\.\d+)?)\s*" + re.escape(unit) + r"(?!\s*~)", own, re.I)}
    values = " ".join(v for axis in product.axes for v in product.values(axis.key))
    if len(stated) != 1 or re.search(re.escape(unit), f"{values} {product.name}", re.I) \
            or re.search(r"\d\s*~\s*\d+(?:\.\d+)?\s*" + re.escape(unit), own, re.I):
        return  # (none or several, an option or the name's own figure, or a range: those answer)
    figure = next(iter(stated))
    theirs, spec = float(said.group(1)), float(figure)
    if theirs == spec:
        return
    g.add(f"turn:measure:{said.group(0)}", f"고객이 말한 수치 {said.group(0)}")
    g.add(f"product:{product.id}:stated_measure", f"{product.name}: 상품 정보의 {figure}{unit}")
    g.sentences.insert(0, g.text("말씀하신 {x}{j} 상품 정보에 나온 {s} 기준보다 {side}.", "{x} is {side_en} than the {s} the "
                                 "product information states.", x=said.group(0), j=josa(said.group(0), "은", "는"),
                                 s=f"{figure}{unit}", side="커요" if theirs > spec else "작아요",
                                 side_en="more" if theirs > spec else "less"))
    g.finish()


def _stated_price_checked(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"카고팬츠 34300원에 살수있는거 맞죠?": the price the customer states, against the product's prices now: the
    option it is, or what the product costs now, said first."""
    from agent.entities import amount_terms

    a = turn.analysis
    product = _subject_product(g, knowledge)
    if product is None or not a.is_question or not _PRICE_CONFIRMED.search(a.text):
        return
    terms = amount_terms(a.text)
    if terms is None or terms[1] != 1:
        return
    amount = terms[0]
    prices = sorted({v.price for v in product.variants} or {product.price})
    g.add(f"turn:amount:{amount}", f"고객이 말한 금액 {won(amount)}")
    g.add(f"product:{product.id}", product_fact(product))
    if amount in prices:
        return  # (the reply's own price line says it)
    said = " ".join(g.sentences)
    if any(won(x) in said or won(x, "en") in said for x in prices):  # the reply says the price now: the no alone
        g.sentences.insert(0, g.text("말씀하신 {a}{j} 지금 가격이 아니에요.", "{a} is not the price now.", a=won(amount, g.lang),
                                     j=josa(won(amount), "은", "는")))
        g.finish()
        return
    now = won(prices[0], g.lang) if len(prices) == 1 else f"{won(prices[0], g.lang)}~{won(prices[-1], g.lang)}"
    g.sentences.insert(0, g.text("말씀하신 {a}{j} 지금 {name} 가격이 아니에요. 지금 가격은 {now}{cop}.",
                                 "{a} is not {name}'s price now; it is {now}.", a=won(amount, g.lang),
                                 j=josa(won(amount), "은", "는"), name=product.name, now=now, cop=_copula(now)))
    g.finish()


# how much more (or less) a change costs ("얼마 더 비싸요", "차이 얼마", "추가금", "how much more")
_COSTS_MORE = re.compile(r"얼마\s*(?:나\s*)?더|더\s*(?:비싸|싸|저렴)|차이|추가\s*(?:금|비용|요금)|\bhow\s+much\s+more\b|"
                         r"\bdifference\b", re.I)


def _option_change_cost(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """"i7로 올리면 얼마 더 비싸요?" after "16인치 i5 얼마에요": the one option the customer had, the option they change
    to with every other value kept (16인치, 16GB), and what it costs more or less, said first."""
    from agent.turn_context import last_user_text

    earlier = turn.previous or last_user_text(turn.history)
    product = _subject_product(g, knowledge)
    if not earlier or product is None or len(product.variants) < 2 or not _COSTS_MORE.search(turn.analysis.text) \
            or not hasattr(knowledge, "_searcher"):
        return
    vocab = knowledge._searcher().vocab
    before, _ = _resolve(knowledge, product, [m for m in vocab.find_mentions(earlier) if m.axis])
    change, _ = _resolve(knowledge, product, [m for m in vocab.find_mentions(turn.analysis.text) if m.axis])
    if not before or len(change) != 1 or all(before.get(k, "").lower() == v.lower() for k, v in change.items()):
        return  # (one option changed; "블랙으로 할게요 근데 1.7리터랑 차이?" weighs one option against another)
    had = [v for v in product.variants if v.matches(before)]
    if len(had) != 1:
        return
    kept = {axis.key: value for axis in product.axes if (value := had[0].option(axis.key))}
    now = [v for v in product.variants if v.matches({**kept, **change})]
    if len(now) != 1 or now[0] is had[0]:
        return
    old, new = had[0], now[0]
    g.add(f"variant:{old.sku}", variant_fact(product, old))
    g.add(f"variant:{new.sku}", variant_fact(product, new))
    diff = g.derive_difference(f"derived:difference:{old.sku}:{new.sku}", (old.label, old.price), (new.label, new.price))
    if diff is None:
        return
    if diff == 0:
        line = g.text("{a}에서 {b}로 바꿔도 가격은 {p}으로 같아요.", "{a} and {b} cost the same ({p}).", a=old.label,
                      b=new.label, p=won(new.price, g.lang))
    else:
        line = g.text("{a}({pa})에서 {b}({pb})로 바꾸시면 {d} {more}.", "From {a} ({pa}) to {b} ({pb}) is {d} {more_en}.",
                      a=old.label, pa=won(old.price, g.lang), b=new.label, pb=won(new.price, g.lang), d=won(diff, g.lang),
                      more="더 비싸요" if new.price > old.price else "더 저렴해요",
                      more_en="more" if new.price > old.price else "less")
    g.sentences.insert(0, line)
    g.finish()


def _modifier_only(g: Grounding, knowledge: Any, a: Any) -> None:
    """"향수 팔아요?" answered with the 퍼퓸 핸드크림 (also called "향수 핸드크림"): Korean names are head-final, so a word
    that stands only before another in the product's names is what kind of that thing it is, not the thing; the shop
    does not sell the thing asked for, and the product is said as what it is."""
    product = _subject_product(g, knowledge)
    if product is None or not asks_if_sold(a) or name_spans(a.text, product) or not g.sentences:
        return
    names = [n.split() for n in (product.name, *product.aliases) if n]
    heads = {w[-1] for w in names} | {str(product.category or "")}
    said = [m.surface for m in _joined_nouns(a.morphemes) if m.pos in ("NNG", "NNP") and len(m.surface) >= 2]
    word = next((w for w in said if w not in heads and any(w in n[:-1] for n in names if len(n) > 1)), None)
    if word is None or any(w in heads or any(w == x for n in names for x in n) for w in said if w != word):
        return  # (another word of the turn names the product as what it is: "향수 핸드크림 팔아요?")
    whole = next(" ".join(n) for n in names if len(n) > 1 and word in n[:-1])
    g.sentences.insert(0, g.text("'{w}'{j} 따로 판매하지 않아요. '{whole}'{j2} {name}{j3} 있어요.",
                                 "We don't sell '{w}' as such; there is {name} ('{whole}').", w=word,
                                 j=josa(word, "은", "는"), whole=whole, j2=josa(whole, "으로", "로"), name=product.name,
                                 j3=josa(product.name, "이", "가")))
    g.finish()


def qualifiers_not_carried(knowledge: Any, a: Any) -> list[str]:
    """A product's or a kind's name with the nouns written right before it that no text of the shop holds ("나이키
    운동화", "랄프로렌 셔츠", "교복 바지"): a brand or a kind of that thing the shop never mentions, so what it sells
    under the name is not what was asked for. A word close to a product's name (a typo of it) is no such noun."""
    from agent.shop_corpus import shop_says

    if not hasattr(knowledge, "categories"):
        return []
    text = a.text
    result = knowledge.find_products(text)
    spans = _category_spans(text, knowledge)
    kind = _category_in(knowledge, text)  # a kind's other word too ("바지" for the 슬랙스 and 데님)
    if kind:
        spans += [m.span() for m in re.finditer(re.escape(kind), text)]
    for m in result.matches[:3]:
        p = knowledge.product(m.product_id)
        if p is not None:
            spans += name_spans(text, p)
    starts = sorted({s0 for s0, _ in spans})
    taken = [(h.start, h.end) for h in a.hits] + spans + [(m.start, m.end) for m in result.mentions]
    nouns = [m for m in _joined_nouns(a.morphemes) if m.pos in ("NNG", "NNP")]
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    found: list[str] = []

    def qualifies(s0: int, e0: int) -> bool:
        """A word of nouns only, none a term of the shop's vocabulary or a product's, that no text of the shop holds
        and one of whose nouns it never writes ("구스다운": 다운 is written, 구스 is not)."""
        inside = [m for m in a.morphemes if s0 <= m.start < e0]
        own = [m for m in nouns if s0 <= m.start < e0]
        word = text[s0:e0]
        return bool(own) and all(m.pos in ("NNG", "NNP", "XSN", "XSA") for m in inside) and len(word) >= 2 \
            and not any(m.lemma in GENERIC_NOUNS for m in own) and not re.search(r"\d\S*\s*$", text[:s0]) \
            and not any(x0 < e0 and s0 < x1 and not (x0 >= s0 and x1 <= e0 and x1 - x0 < e0 - s0) for x0, x1 in taken) \
            and not shop_says(knowledge, word) and any(len(m.surface) >= 2 and not shop_says(knowledge, m.surface)
                                                       for m in own) \
            and not any(x.score >= 70 for x in knowledge.find_products(word).matches)
    # (a number's word, "2만원 이하", is no noun before a kind; a word partly taken by a concept or a name is known,
    # unless the concept is only a part of it: "구스다운" holds the material word 다운)

    for start in starts:
        before = [t for t in tokens if t[1] <= start]
        edge = start
        # ("키즈 사이즈 맨투맨": the size word between the qualifier and the kind is passed over)
        if len(before) >= 2 and re.fullmatch(r"(?:사이즈|치수|size)", text[slice(*before[-1])], re.I) \
                and qualifies(*before[-2]):
            edge = before.pop()[0]
        while before and not text[before[-1][1]:edge].strip() and qualifies(*before[-1]):
            edge = before.pop()[0]
        end = max(e0 for s0, e0 in spans if s0 == start)
        if edge < start and (phrase := text[edge:end]) not in found:
            found.append(phrase)
    return found


def _qualifier_not_carried(g: Grounding, knowledge: Any, a: Any) -> None:
    """"나이키 운동화 있어요?": the shop's sneakers are no Nike; say that the brand or kind asked for is not carried
    before what the shop has under the name."""
    from agent.general_facts import shop_name

    if not a.is_question or g.topic == "not_sold" or not g.sentences \
            or not (asks_if_sold(a) or a.mentions("exist", "buy", "recommend", "similar") or _SEEKING.search(a.text)):
        return  # only a thing sought ("고구마 품종이 뭐에요? 호박고구마에요?" asks what the one sold is)
    words = qualifiers_not_carried(knowledge, a)
    if not words:
        _rival_qualifier(g, knowledge, a)
        return
    said = ", ".join(f"'{w}'" for w in words)
    g.sentences.insert(0, g.text("{shop}에서는 {said}{j} 따로 취급하지 않아요.", "{shop} doesn't carry {said}.",
                                 shop=shop_name(knowledge, g.lang), said=said, j=josa(words[-1], "은", "는")))
    g.finish()


def _rival_qualifier(g: Grounding, knowledge: Any, a: Any) -> None:
    """"무선 키보드 있어요?" of the shop's one keyboard, "87키 … 유선 기계식 키보드입니다": the word written before the
    product's name is no word of its own texts, which hold a word differing from it only in its first syllable (유선
    for 무선). The kind so qualified is said not to be sold, and the product's own sentence with its word follows,
    before what is said of the product."""
    from agent.shop_corpus import shop_says

    product = _subject_product(g, knowledge)
    spans = name_spans(a.text, product) if product is not None and g.lang == "ko" else []
    if not spans:
        return
    start = min(s0 for s0, _ in spans)
    m = re.search(r"(?<![가-힣])([가-힣]{2,4})\s+$", a.text[:start])
    word = m.group(1) if m else ""
    if not word or word in product.own_text or not shop_says(knowledge, word):
        return  # (a word no text of the shop holds is the unknown qualifier's, said above)
    rival = re.compile(rf"(?<![가-힣])(?!{re.escape(word)})[가-힣]{re.escape(word[1:])}(?![가-힣])")
    sentence = next((x for x in _own_sentences(product) if rival.search(x)), None)
    if sentence is None or sentence in g.sentences:
        return
    kind = a.text[start:max(e0 for s0, e0 in spans if s0 == start)]
    g.add(f"turn:asked:{word}", f"고객이 찾은 종류 {word} {kind} (상품 정보에 없음)")
    g.sentences[:0] = [f"'{word} {kind}'{josa(kind, '은', '는')} 따로 없어요. {product.name}{josa(product.name, '은', '는')} "
                       f"이렇게 안내되어 있어요: {sentence}"]
    g.finish()


# a word's adnominal or topic ending ("밝은", "건강한", "보통은"): its stem is what a customer writes too ("밝은 편")
_ENDING = re.compile(r"(?:은|는|한|인|운|러운)$")


def _guide_applied(g: Grounding, knowledge: Any, a: Any) -> None:
    """"피부 밝은 편인데 쿠션 몇호?" answered with the shop's guide "밝은 피부는 17호 바닐라, 보통 피부는 21호 라이트, …":
    the one value whose case the customer's own words name, said first (none when no case or several match)."""
    product = _subject_product(g, knowledge)
    if product is None or g.lang != "ko" or not a.is_question:
        return
    values = [v for axis in product.axes for v in product.values(axis.key) if len(v) >= 2]
    name_words = {w for n in (product.name, *product.aliases) for w in str(n).split()}
    for sentence in g.sentences:
        if "추천" not in sentence:
            continue  # a guide recommends ("… 17호 바닐라, … 25호 샌드를 추천드려요"); a stock list does not
        pairs = [(v, [w for w in re.findall(r"[가-힣]{2,}", m.group(1)) if w not in name_words])
                 for seg in re.split(r"[,.]", sentence) for v in values
                 if (m := re.match(r"\s*(.+?)(?:은|는)\s+" + re.escape(v) + r"(?=(?:을|를|이|가)?(?:\s|$))", seg))]
        if len(pairs) < 3:
            continue
        named = []
        for v, words in pairs:
            own = [w for w in words if not any(w in others for v2, others in pairs if v2 != v)]
            if any((_ENDING.sub("", w) or w) in a.text for w in own):
                named.append(v)
        # (values the customer weighs against each other, "21호랑 23호 중에 어떤게 더 밝아요": one of those, or none)
        weighed = [v for v, _ in pairs if re.search(rf"(?<![0-9A-Za-z]){re.escape(v.split()[0])}", a.text)]
        if len(set(named)) == 1 and (len(weighed) < 2 or named[0] in weighed):
            g.add(f"product:{product.id}:guide", f"{product.name} 안내: {sentence}")
            g.sentences.insert(0, f"말씀하신 경우에는 {named[0]}{josa(named[0], '을', '를')} 추천드려요.")
            g.ask_back = False
            g.finish()
        return


def _ground_product(knowledge: Any, turn: Turn) -> Grounding:
    from agent.mentions import mentioned_products, sibling_product

    turn = _option_instead(knowledge, turn)
    g = Grounding(route="product", lang=turn.lang)
    if g.lang == "en":
        g.catalogue = knowledge  # (English aliases beside the Korean names the reply says)
    a = turn.analysis
    text = a.text
    result = knowledge.find_products(text)
    if _SEASON_WORD.search(text) and result.matches and (top := knowledge.product(result.matches[0].product_id)) \
            and not any(m.group(1) in str(n).split() for n in (top.name, *top.aliases) for m in _SEASON_WORD.finditer(text)):
        # "봄 자켓 L 있어요?": a season said as a word of its own is the season, never the start of a name ("봄버 자켓"
        # of the MA-1): the products are searched for without it (the kind's season is weighed below)
        result = knowledge.find_products(_SEASON_WORD.sub(" ", text))
    named = [pid for pid in mentioned_products(knowledge, text)]
    if result.ambiguous and result.matches and not named:
        result = _own_kind_set_aside(knowledge, text, result)
    base_id = named[0] if len(set(named)) == 1 else (result.matches[0].product_id if not named and result.matches
                                                      and not result.ambiguous else None)
    accessory = _accessory_named(knowledge, text, base_id) if base_id else None
    if accessory is not None:  # "공청기 필터 따로 팔아요?": the purifier's filter, a product of its own
        named, result = [accessory], knowledge.find_products(knowledge.product(accessory).name)
    if not named and (not result.matches or result.ambiguous) \
            and (short := _abbreviated_product(knowledge, turn)) is not None:
        named, result = [short], knowledge.find_products(knowledge.product(short).name)  # "에프 얼마예요?": 에어프라이어
    unnamed = not result.matches or result.ambiguous and result.matches[0].score < 70  # no product the turn names
    from agent.entities import PRE_ORDER_ASKED

    if (not result.matches or result.ambiguous) and not named and PRE_ORDER_ASKED.search(text) and not turn.previous:
        return _pre_orders(g, knowledge)
    if (a.has("request") and (a.question == "how" or a.hypothetical) or a.is_question and unnamed and a.all("restock", "inform")
                                                                          and not turn.previous) \
            and not named and not result.mentions:
        # "재입고 되면 알림 받을 수 있어요?": a shop service asked about, no product named
        service = _service_how_to(g, knowledge, turn)
        if service is not None:  # "재입고 알림 신청은 어떻게 해요?": how to use a shop service, from its own texts
            return service
    from agent.mentions import CONJUNCTION, SHARED_SAID, both_named, counts_several

    # ("계란 두부 시금치 하나씩": bare names one after another, a count said of them all)
    if CONJUNCTION.search(text) or counts_several(text) or SHARED_SAID.search(text):
        from agent.mentions import basket

        # "스트레이트 데님이랑 슬림 테이퍼드 데님": each conjunct names its product by part of its name; "한우 2팩이랑 계란
        # 1판 고등어 1개": the eggs too, named by a word of their own beside the two named whole
        conjuncts = [pid for pid, _ in basket(knowledge, text)]
        if len(conjuncts) >= 2 and len(set(conjuncts)) > len(set(named)) and set(named) <= set(conjuncts):
            named = conjuncts
    elif len(set(named)) < 2 and (both := both_named(knowledge, text)) and set(named) <= set(both):
        named = both  # "공청기 모니터 둘다 얼마에요?": two names with no joining word, then "both"
    if len(set(named)) >= 2:
        from agent.size_advice import USUAL_WEAR

        usual = USUAL_WEAR.search(text)
        if usual:  # "더비슈즈 평소 운동화 265 신는데": the shoes they usually wear are no product asked about
            own = {pid: _own_spans(text, knowledge, pid, named) for pid in set(named)}
            inside = [pid for pid in named if own[pid] and all(usual.start() <= s0 and e0 <= usual.end() for s0, e0 in own[pid])]
            if inside and len(set(named) - set(inside)) >= 1:
                named = [pid for pid in named if pid not in inside]
    excluded = [pid for pid in named if _mentions_excluded(turn, knowledge, pid)]
    named = [pid for pid in named if pid not in excluded]
    swapped = _swapped_in_basket(knowledge, turn, excluded, named)
    if swapped:
        # "블레이저 말고 싱글코트로 바꾸면요?", "벨트 빼고 계산하면요?": the basket before, one product swapped or left out
        named, excluded = swapped, []
        said = _swapped_basket_said(knowledge, turn, swapped)
        if said is not None:
            # (each kept product with the options and count said before: "린넨셔츠 L 2개랑 양말 3개" then "양말 대신
            # 비니 블랙으로 바꾸면요?" is two linen shirts in L and a black beanie)
            from agent.turn_analysis import analyse_turn

            turn = replace(turn, text=said, analysis=analyse_turn(said))
            a, text, result = turn.analysis, said, knowledge.find_products(said)
    whole_set = _whole_set_asked(knowledge, turn) if not excluded else []
    if whole_set:
        named = whole_set  # "세트로 다 사면 얼마?" after the set's jacket: the jacket and the set's other parts
    if not named and turn.history and result.matches:
        from agent.mentions import adds_to_previous, basket, searched_product
        from agent.turn_context import user_texts

        earlier = next((t for t in user_texts(turn.history, limit=2) if basket(knowledge, t)), None)
        if earlier is not None and adds_to_previous(a, knowledge):
            own = searched_product(knowledge, text)
            if own is not None:  # "토너 150도 하나 추가하면 얼마에요?": a product named by a part of its name, added
                named = [own]
            elif not result.ambiguous and a.question == "how_much" and len(basket(knowledge, earlier)) >= 2:
                named = [result.matches[0].product_id]  # "계란 한판 더 추가하면 총 얼마?": one more of a basket's product
    if named and turn.history and not excluded and not swapped:
        from agent.mentions import adds_to_previous, basket, points_back
        from agent.turn_context import user_texts

        # "벨트도 같이 사면 총 얼마?", "하프집업 맨투맨이랑은 뭐가 달라요?", "그거 두개랑 머플러 하나": the product
        # discussed before, and this one
        adds = adds_to_previous(a, knowledge)
        if adds or (a.has("compare") and len(named) == 1) or points_back(a.text) is not None:
            for earlier_text in user_texts(turn.history, limit=2):
                # (a basket asked before keeps every product it counted: "계란 2판이랑 곱창김 하나" then "한우도 하나 추가하면")
                counted = [pid for pid, _ in basket(knowledge, earlier_text)] if adds else []
                before = [pid for pid in dict.fromkeys([*counted, *mentioned_products(knowledge, earlier_text)])
                          if pid not in named]
                if before:
                    named = before + named
                    break
    if not named and turn.history:
        named = _words_of_shown(knowledge, turn, text)  # "자켓은 얼마에요?" after the set's jacket and pants
    if not named and turn.history and result.ambiguous and result.matches:
        # "브이넥 베이지 L 있어요?" after a list naming 브이넥 니트 (not 브이넥 가디건): of the names alike to the words, the
        # one the shop's last reply named
        top = result.matches[0].score
        close = {m.product_id for m in result.matches if m.score >= top - _OPTION_MARGIN}
        shown = {pid for t in _last_reply(turn.history) for pid in mentioned_products(knowledge, t)}
        one = knowledge.product(next(iter(close & shown))) if len(close & shown) == 1 and len(close) > 1 else None
        if one is not None and not _BOTH.search(text) and not CONJUNCTION.search(text) \
                and _category_in(knowledge, text) is None \
                and any(len(w) >= 2 and w in normalize(text) for w in (normalize(x) for x in one.name.split())):
            named = [one.id]  # (its name's own word written: "브이넥")
    if not named and turn.history and _BOTH.search(text) and (not result.matches or result.ambiguous):
        from agent.turn_context import user_texts

        # "둘다 가격은요?" after "숏패딩이랑 롱패딩 차이가 뭐에요?": both products the customer named before
        for earlier_text in user_texts(turn.history, limit=2):
            before = list(dict.fromkeys(mentioned_products(knowledge, earlier_text)))
            if len(before) >= 2:
                named = before
                break
        else:  # "숏패딩 얼마예요?", then "롱패딩은요?", then "둘 중에 뭐가 더 따뜻해요?": one product named in each turn
            one_each = [pids[0] for t in user_texts(turn.history, limit=2)
                        if len(pids := list(dict.fromkeys(mentioned_products(knowledge, t)))) == 1]
            if len(one_each) == 2 and one_each[0] != one_each[1]:
                named = one_each[::-1]  # in the order they were named
    numbered = order_number_spans(text, knowledge)
    mentions = [m for m in result.mentions if not _share_of_a_fibre(knowledge, text, m)
                and not any(a0 <= m.start < b0 for a0, b0 in numbered)]  # ("GD261102-004": no option "04")
    weak = not result.matches or result.ambiguous
    previous_product = None
    said: str | None = None
    context = turn.previous
    # ("26일에 사면 세일가격 적용돼요?" after a product: whether its own sale still holds then, a yes/no of it)
    attribute_question = (a.has(*_ATTRIBUTE_CONCEPTS) or a.has("discount") and a.question == "yes_no") \
        and not _category_in(knowledge, text)
    if context is None and not named and (weak or not result.matches) \
            and (result.mentions or attribute_question or _POINTS_AT.search(text)
                 # "how much is the big bottle?" after the toner: a price or stock of the product the reply named
                 or a.has("price", "stock") and a.question in ("how_much", "yes_no")
                 and not a.has("cheap", "recommend", "similar", "compare") and not _category_in(knowledge, text)):
        from agent.turn_context import last_user_text

        # "코랄이랑 로지 둘 다 사면 얼마에요?", "how should I store it?": the values or a property of the product just
        # discussed
        context = last_user_text(turn.history)
    if context and not named and (weak or not result.matches) and a.question in ("which", "what") and a.has("exist") \
            and _category_in(knowledge, text) and not DEMONSTRATIVE.match(text.strip()):
        context = None  # "그럼 겨울에 입을만한 셔츠는 뭐있어요?" after the linen shirt: the kind's products asked, not that one
    if context and not named and (weak or not result.matches):
        from agent.turn_context import user_texts

        # "M 사이즈는요?" after "가격은 얼마예요?" after "헤비 스웻 후드티 …": the newest message that names a product
        candidates = [context, *[t for t in user_texts(turn.history) if t != context]]
        # the one product the last reply named is the one discussed ("스트라이프 긴팔티 있어요?" answered with 스트라이프
        # 긴팔 티셔츠, not the alias-spelled 베이직 긴팔 티셔츠); else a product named exactly, else a clear fuzzy match
        replied = [t for t in _last_reply(turn.history) if len(set(mentioned_products(knowledge, t))) == 1]
        other = _the_other_one(knowledge, turn, candidates[0]) if DEMONSTRATIVE.match(text.strip()) else None
        if other is not None:  # "그건 세일 안해요?" after "크루넥 니트는 … 램스울 크루넥 니트도 있습니다": the other one
            replied = [other.name]
        nth = _ordinal(text)
        if nth is not None and not replied:  # "the first one", "두번째 거": the nth product the last reply named
            listed = [pid for t in _last_reply(turn.history) for pid in dict.fromkeys(mentioned_products(knowledge, t))]
            if len(listed) > nth:
                p_nth = knowledge.product(listed[nth])
                replied = [p_nth.name] if p_nth is not None else []
        exact = next((t for t in candidates if mentioned_products(knowledge, t)), None)
        fuzzy = next((t for t in candidates if (found := knowledge.find_products(t)).matches and not found.ambiguous), None)
        said = exact or fuzzy or context  # the customer's own earlier words: the options they chose come from there
        context = replied[0] if replied else said
        earlier = knowledge.find_products(context)
        earlier_named = mentioned_products(knowledge, context)
        if earlier_named or (earlier.matches and not earlier.ambiguous):
            previous_product = earlier_named[0] if earlier_named else earlier.matches[0].product_id
            known_axes = {m.axis for m in mentions}
            # ("가격은요?" after "데님 셔츠 연청 S 있어요?" and "M은요?": the newest value on each axis, M with 연청)
            newer = candidates[:candidates.index(said)] if said in candidates else []
            for t in newer:
                own = [m for m in knowledge.find_products(t).mentions if m.axis not in known_axes]
                mentions += own
                known_axes |= {m.axis for m in own}
            chosen = earlier.mentions if context == said else knowledge.find_products(said).mentions
            mentions += [m for m in chosen if m.axis not in known_axes]  # never the options a reply listed
    if previous_product is None and not named and turn.history and _priced_against(a) \
            and (kind_said := _category_in(knowledge, text)) is not None:
        # "더 싼 코트는 없어요?" after the single coat's price: cheaper than that coat, among the coats (the kind named is
        # the product's own)
        shown = list(dict.fromkeys(pid for t in _last_reply(turn.history) for pid in mentioned_products(knowledge, t)))
        of_kind = {p.id for p in knowledge.filter_products(category=kind_said, in_stock=None, limit=200)}
        if len(shown) == 1 and shown[0] in of_kind:
            previous_product = shown[0]
    covered = [(m.start, m.end) for m in result.mentions]
    # an axis word right after a value ("M 사이즈", "블랙 색상", "50ml 용량") names the value, it asks nothing
    covered += [(h.start, h.end) for h in a.hits if h.concept == "option"
                and any(0 <= h.start - m.end <= 1 or 0 <= m.start - h.end <= 1 for m in result.mentions)]  # "size M" too
    # a unit word right after a number ("16인치", "2kg") is the customer's quantity, not a question about options
    # (a measure word is a unit only when written onto the number: "32 허벅지" asks the thigh of size 32)
    covered += [(h.start, h.end) for h in a.hits if h.concept in ("option", "measure")
                and re.search(r"\d\s?$" if h.concept == "option" else r"\d$", text[max(0, h.start - 2):h.start])]
    for pid in {*named, *excluded, *(m.product_id for m in result.matches[:1])}:
        p = knowledge.product(pid)
        if p is not None:
            covered += name_spans(text, p)
            # a part of the name the customer wrote ("헤비코튼 오버핏은요?" for "헤비코튼 오버핏 반팔 티셔츠"): its
            # words name the product, they ask nothing ("핏" in 오버핏 is no fit question)
            covered += [m.span() for w in p.name.split() if len(w) >= 3 for m in compiled(re.escape(w)).finditer(text)]
    covered += _category_spans(text, knowledge)
    asks = asked(turn, covered)
    if "fit" in asks and _FITS_A_SIZE.search(turn.analysis.text):
        asks = (asks - {"fit"}) | {"property"}  # "which bag fits a 15 inch laptop?": what it holds, not how it fits
    if _SAME_OPTIONS.search(text):
        asks = asks - {"options"}  # "16인치로 같은 사양은요?": the options said before, not a list of them
    if not asks and len(set(named)) == 1 and not result.mentions and a.question == "yes_no" and not a.concepts \
            and _unknown_nouns(turn, covered):
        asks = {"property"}  # "틴트도 비건이에요?": a thing of the named product asked, from its own or the shop's texts
    if context and previous_product and not asks and not result.mentions and _unknown_nouns(turn, covered):
        asks = {"property"}  # "battery life?" after the headphones: about a thing of the product, from its own texts
    elif context and previous_product and not asks:
        asked_before = said or context  # what the customer asked before, in their words (not the reply's)
        before = asked(Turn(text=asked_before, analysis=_analyse(asked_before), history=turn.history, now=turn.now), [])
        # "L 그레이는요?" after a price question: that option's stock, and its price again; "34는?" after "32 허리 몇이에요?":
        # that size's measures
        if result.mentions and "measure" in before:
            asks = {"measure"}
        else:
            # ("5kg는요?" after "사과 3키로 몇개 들어있어요?": what the earlier question asked of the product's texts too)
            kept = {"price", "discount"} | ({"property"} if not before & {"stock", "price", "discount", "options"} else set())
            asks = (before & kept) | {"stock"} if result.mentions else before
    elif turn.previous and (named or result.matches and not weak) and not asks and not result.mentions \
            and (len(text.split()) <= 3 or only_a_product_named(a, knowledge) or _WHAT_ABOUT_EN.match(text)):
        # ("두부는요?": named by a clear match, its particles unread as a name; "what about the tofu?")
        # "슬링백은요?" after "레더 크로스백 크기가 어떻게 돼요?": the same question about the newly named product
        prev = turn.previous
        spans = [sp for pid in mentioned_products(knowledge, prev) if (p0 := knowledge.product(pid)) is not None
                 for sp in [*name_spans(prev, p0), *(m.span() for w in p0.name.split() if len(w) >= 2
                                                     for m in re.finditer(re.escape(w), prev))]]
        before_turn = Turn(text=prev, analysis=_analyse(prev), history=turn.history, now=turn.now)
        before = asked(before_turn, spans)
        asks = before & {"price", "measure", "material", "fit", "care", "origin", "brand", "stock", "restock", "options",
                          "discount"}
        # the options it asked the stock of: "더블 코트는요?", "what about the double coat?" after "싱글 코트 카멜 L
        # 있어요?" asks the double coat in camel L (the options written as the customer wrote them)
        options_before = [m.token for m in knowledge.find_products(prev).mentions if m.value] \
            if "stock" in before and (_WHAT_ABOUT_EN.match(text) or WHAT_ABOUT.search(text.strip())) else []
        product_now = knowledge.product(named[0] if named else result.matches[0].product_id)
        if options_before and len(set(named)) <= 1 and product_now is not None:
            said_options = " ".join(options_before)
            asked_again = make_turn(f"{product_now.name} {said_options} 있어요?" if turn.lang == "ko" else
                                    f"Is the {product_now.name} available in {said_options}?", [], turn.now, turn.customer)
            asked_again.access = turn.access
            return ground_product(knowledge, asked_again)
        if spans and _unknown_nouns(before_turn, spans) and len(set(named)) <= 1:
            # "토트백은?" after "나일론 백팩 노트북 들어가요?": the earlier question, asked of this product in its place
            question = "".join(ch if not any(a0 <= i < b0 for a0, b0 in spans) else " " for i, ch in enumerate(prev))
            product_now = knowledge.product(named[0] if named else result.matches[0].product_id)
            if product_now is not None and question.strip():
                asked_again = make_turn(f"{product_now.name} {' '.join(question.split())}", [], turn.now, turn.customer)
                asked_again.access = turn.access
                return ground_product(knowledge, asked_again)
    elif context and previous_product and result.mentions and asks and asks <= {"price", "discount"}:
        asked_before = said or context
        before = asked(Turn(text=asked_before, analysis=_analyse(asked_before), history=turn.history, now=turn.now), [])
        if "stock" in before:
            asks |= {"stock"}  # "그린 M은? 얼마에요" after "버건디 M 있나요?": the new option's stock, and its price

    g.topic = next((t for t in ("stock", "price", "size_advice", "options", "material", "fit", "care", "origin", "brand", "restock",
                                "parts", "discount", "recommend") if t in asks), "product")
    if a.has("defect") and not named and not previous_product and (weak or not result.matches):
        # "사이즈표랑 2cm 달라요 불량 아니에요?", "받은 바지 총장이 5cm 짧아요": a problem with no product named is
        # answered by the shop's own text on it (the size chart's tolerance) when one speaks of the customer's words
        nouns = [m.surface for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2]
        if nouns and _shop_text_answer(g, knowledge, turn, nouns, closest=True):
            return g.finish()
    if swapped:
        asks = (asks - {"similar"}) | {"price", "total"}  # the swapped basket's prices and total, not products like the one set aside
    if previous_product and not named and not asks & {"similar", "options"} and _priced_against(a) \
            and not re.search(r"따로|보다|\bseparately\b|\bthan\b", text, re.I):  # ("따로 사면 더 비싸요?": a set weighed)
        asks = asks | {"similar"}  # "더 싼 건 없어요?" after the lambswool knit: its kind's cheaper ones
    pointed = previous_product if previous_product and (any(
        a.in_excluded(m.start(), m.end()) for m in DEMONSTRATIVE.finditer(text)) or a.has("similar") and not named
        or "similar" in asks and not named and _priced_against(a)) \
        else None  # "그거 말고 더 싼 후드는?", "비슷한 슬랙스 중에 그레이 34 있는거": like the product discussed
    if "similar" in asks and excluded and len(set(named)) == 1 and asks - {"similar"} and not a.has("similar"):
        # "전기포트 말고 에어프라이어 무게는요?": the other product named, asked about; the first set aside
        other = knowledge.product(named[0])
        if other is not None:
            g.subject = other.id
            return _ground_one(g, knowledge, other, list(knowledge.find_products(other.name).mentions), asks - {"similar"}, turn)
    if "similar" in asks and not excluded and len(set(named)) == 1 and _IF_NONE_ELSE.search(text) \
            and (base := knowledge.product(named[0])) is not None:
        # "스트라이프셔츠 블루 XL 있어요? 없으면 비슷한거 추천": whether it is in stock first; others only when what was
        # asked for is sold out
        g.subject = base.id
        _ground_one(g, knowledge, base, mentions, (asks - {"similar", "recommend"}) | {"stock"}, turn)
        wanted, _ = knowledge._searcher().vocab.resolve(base, mentions)
        if not any(v.in_stock for v in base.variants if v.matches(wanted)):
            return _ground_similar(g, knowledge, base, turn, asks)
        return g.finish()
    if "similar" in asks and (excluded or pointed or named or (result.matches and not weak)):
        base = knowledge.product((excluded or ([pointed] if pointed else []) or named or [result.matches[0].product_id])[0])
        if base is not None:
            wanted_instead = _instead(knowledge, base, turn, covered)
            if wanted_instead is not None:  # "캔버스 말고 가죽이요": the sibling the customer names instead
                g.subject = wanted_instead.id
                return _ground_one(g, knowledge, wanted_instead, mentions, (asks - {"similar"}) or {"stock"}, turn)
            if _other_count_of_its_form(g, base, turn):
                return g.finish()  # "계란 30구 말고 15구는 없어요?": the one form it is sold in, not other products
            return _ground_similar(g, knowledge, base, turn, asks)
    sibling_named = False
    if len(set(named)) == 1 and not excluded and (first := knowledge.product(named[0])) is not None:
        # "클렌징오일 품절이네 ㅡㅡ 폼은 있음?": a bare noun set apart by its particle (은/는/도) that is the head of
        # the named product's sibling (클렌징 폼) asks of that product too, as if its name were written whole
        own = {normalize(w) for n in (first.name, *first.aliases) for w in str(n).split()}
        for i, m in enumerate(a.morphemes[:-1]):
            if m.pos in ("NNG", "NNP") and a.morphemes[i + 1].pos == "JX" and a.morphemes[i + 1].surface in ("은", "는", "도") \
                    and normalize(m.surface) not in own and not any(normalize(m.surface) in w for w in own) \
                    and (sib := sibling_product(knowledge, first, m.surface)) not in (None, first.id):
                named = [first.id, sib]
                break
    if not named and weak and previous_product and (earlier_product := knowledge.product(previous_product)) is not None:
        # "팬츠는 허리 32 있어요?" after 테일러드 셋업 자켓: the product of the same name with this word in place
        for noun in _unknown_nouns(turn, covered) + [m.surface for m in a.morphemes if m.pos in ("NNG", "NNP")]:
            if re.search(re.escape(noun) + r"\s*(중에|중|들|류)", text):
                continue  # "팬츠 중에 할인하는 거 있어요?": the kind's products, not the set's own pants
            sibling = sibling_product(knowledge, earlier_product, noun)
            if sibling is not None and sibling != previous_product:
                from agent.mentions import adds_to_previous

                if adds_to_previous(a, knowledge) and not a.has("similar") and a.has("together", "buy", "price"):
                    # "바지도 32로 같이 사면 총 얼마예요?" after the set's jacket: both, each in its options, and the total
                    named = [previous_product, sibling]
                previous_product, sibling_named = sibling, True
                mentions = list(knowledge.find_products(text).mentions)
                break
    if "discount" in asks and _HAGGLE.search(text) and not _volume_discount(g, knowledge, text) \
            and _haggled(g, knowledge, turn):
        return g.finish()  # "두개 살테니 깎아주세요": no bargaining the shop states; the discounts it does give
    if "discount" in asks and not named and not sibling_named and not previous_product \
            and (kind := _discount_kind_unwritten(knowledge, turn)) and _haggled(g, knowledge, turn, kind):
        return g.finish()  # "학생 할인 있어요?": a kind of discount no text of the shop writes
    if "discount" in asks and not named and not sibling_named and not previous_product and _volume_discount(g, knowledge, text):
        return g.finish()  # "단체주문 50벌 할인 되나요": a discount for the count bought, which no rule of the shop states
    low, high = _price_range(text)
    catalogue_ask = bool(asks & {"recommend"}) or low is not None or high is not None \
        or "discount" in asks and not named and (weak or not result.matches) and not sibling_named \
        or a.has("cheap") if hasattr(a, "has") else False
    if "discount" in asks and not named and a.question in ("which", "what", "yes_no") and not result.mentions \
            and not a.has("option") and not re.search(r"색|컬러|사이즈|치수|옵션|\bcolou?rs?\b|\bsizes?\b", text, re.I) \
            and re.search(r"또|다른|말고|외에|그\s*외|\belse\b|\bother\b", text, re.I):
        catalogue_ask, previous_product = True, None  # "할인 중인거 또 뭐 있어요?": the other sales, not the one discussed
    separately = bool(_SEPARATELY.search(text)) and a.has("price", "cheap", "expensive", "saving", "compare")
    set_ids = named or ([result.matches[0].product_id] if result.matches and not weak else []) \
        or ([previous_product] if previous_product else [])
    if (a.has("set_parts") and a.has("cheap", "expensive", "saving", "compare", "discount") or separately) and not set_ids \
            and turn.history:
        from agent.turn_context import user_texts

        # "따로따로 사면 얼마에요?" after "재택근무 세트에 뭐 들어있어요?": the set the chat was about
        for earlier_text in [*user_texts(turn.history, limit=2), *_last_reply(turn.history)]:
            sets = [pid for pid in mentioned_products(knowledge, earlier_text) if (x := knowledge.product(pid)) and x.parts]
            if sets:
                set_ids = sets[:1]
                break
    if (a.has("set_parts") and a.has("cheap", "expensive", "saving", "compare", "discount") or separately) and set_ids:
        compared = _set_comparison(g, knowledge, set_ids, mentions, turn)
        if compared is not None:
            # "따로 사는 거보다 세트가 더 싸요?", "따로 사면 얼마에요?" after a set: its price against its parts bought separately
            return compared
    if 1 <= len(set(named)) <= 3 and not excluded and CONJUNCTION.search(text):
        from agent.mentions import unresolved_kind

        kind = unresolved_kind(knowledge, text)
        products = [p for pid in dict.fromkeys(named) if (p := knowledge.product(pid)) is not None]
        if kind is not None and products and not {p.id for p in products} & {p.id for p in kind[3]}:
            return _named_and_kind(g, knowledge, products, kind, asks, turn)
    if len(set(named)) == 2 and _chart_comparison(g, knowledge, list(dict.fromkeys(named)), mentions, text):
        return g.finish()  # "와이드슬랙스랑 원턱슬랙스 중에 뭐가 더 통 넓어요": the two size charts, side by side
    if len(set(named)) == 1 and a.has("set_parts") and (bundle := _set_by_its_word(knowledge, named[0], text)):
        named = [bundle, *named]  # "키트엔 클렌징오일 들어있는거죠?": the set called by the last word of its name
    if len(set(named)) >= 2 and a.has("set_parts") and _set_holds(g, knowledge, named, text):
        return g.finish()  # "미니키트에 선크림도 들어있나요?": the set's own parts, and whether the other thing is one
    if len(named) >= 2:
        products = [p for pid in named[:4] if (p := knowledge.product(pid))]
        return _ground_many(g, knowledge, products, mentions, asks, turn)
    carried_kind = _kind_carried(knowledge, turn) if not named else None
    if carried_kind and _only_values_said(knowledge, turn):
        mentions = [*mentions, *carried_values(knowledge, turn, mentions)]  # ("차콜은요?" after "코트 블랙 M": M charcoal)
    if carried_kind:  # "그중에 제일 싼 거요" after the knits listed: among that kind, not one earlier product or the shop
        previous_product, weak = None, True
        if low is None and high is None:  # ("그 중에 네이비 있는거는요?" after "5만원 이하 니트": still under 5만원)
            from agent.turn_context import last_user_text

            low, high = _price_range(last_user_text(turn.history) or "")
    single_id = named[0] if len(named) == 1 else (previous_product if previous_product and weak else
                                                  (result.matches[0].product_id if result.matches and not weak else None))
    if single_id is not None and not named and not (previous_product and weak) and mentions \
            and all(m.value for m in mentions) and asks <= {"stock", "price"} \
            and (kind := _category_in(knowledge, text)) is not None \
            and (found := knowledge.product(single_id)) is not None and normalize(kind) in normalize(found.name) \
            and not _more_of_name_said(found, kind, text) and len(called_by(knowledge, kind)) >= 2:
        # "블랙 슬랙스 30사이즈 재고있는거 알려줘요": found by the search through the kind's word alone (밴딩 슬랙스 by
        # "슬랙스"), no word of its own said, asked in options: the products of the kind in them, not that one
        single_id = None
    kind_ids, kind_sold = _kind_sold_in(knowledge, text, mentions, carried_kind) if single_id is None and not named \
        and mentions and not previous_product else (set(), None)
    if single_id is None and result.matches and mentions:
        # several close names, but only one of them is sold in the asked option: that is the one (of the kind the
        # turn names, when it names one: "화이트 셔츠 XXL" is no 티셔츠)
        top = result.matches[0].score
        close = [m for m in result.matches if m.score >= top - _OPTION_MARGIN]
        if kind_sold is not None:
            of_kind = {p.id for p in kind_sold}
            # the kind's own names near the words (the five best of the whole shop may hold none of them)
            wider = [m for m in knowledge.find_products(text, limit=20).matches if m.product_id in kind_ids]
            close = [m for m in wider if m.score >= wider[0].score - _OPTION_MARGIN] if wider else []
            kind_scores = [m.score for m in close]
            named_only_kind = len(kind_scores) >= 2 and kind_scores[0] - kind_scores[1] < _NAME_LEAD
            kind_word = _category_in(knowledge, text) or carried_kind
            if len(close) == 1 and len(kind_sold) >= 2 and kind_word and close[0].score < _NAMED_SCORE \
                    and (lone := knowledge.product(close[0].product_id)) is not None \
                    and not _more_of_name_said(lone, kind_word, text):
                # "검정 티 L 있어요?": found weakly, by the kind's word alone ("PK티"), no word of its own said (not
                # "ㄱㅁ맨투맨": its initials name 기모 맨투맨)
                named_only_kind = True
            # the kind's names all alike to the words ("셔츠" in 린넨 셔츠, 데님 셔츠 …): the turn names the kind, not one
            # of them, and the kind's products in those options answer; else the one named among them
            close = [] if named_only_kind else [m for m in close if m.product_id in of_kind]
        vocab = knowledge._searcher().vocab
        sold = [m for m in close if (p := knowledge.product(m.product_id)) is not None and not vocab.resolve(p, mentions)[1]]
        if len(sold) > 1 and ("restock" in asks or _SOLD_OUT_SAID.search(text)):
            # "옥스포드 스카이블루 M 품절이네요.. 언제 들어와요": the one whose option is sold out
            out = [m for m in sold if (p := knowledge.product(m.product_id)) is not None
                   and (vs := [v for v in p.variants if v.matches(vocab.resolve(p, mentions)[0])]) and not any(v.in_stock for v in vs)]
            sold = out if len(out) == 1 else sold
        if len(sold) == 1:
            single_id = sold[0].product_id
    valued = [m for m in mentions if m.value]
    if not named and mentions and a.has("exist", "buy") and not turn.previous \
            and (unsold := _unsold_kind_of(knowledge, _unknown_nouns(turn, ()))) is not None and not is_injection(text):
        return _unsold_kind(g, knowledge, unsold, a)  # "트렌치코트 베이지 있어요?": no beige coat stands for it
    if single_id is None and kind_sold is not None and len(kind_sold) == 1 \
            and len({m.axis for m in valued}) == len(valued):  # ("자켓 100 맞을까요 105 맞을까요": two sizes weighed)
        single_id = kind_sold[0].id  # the one product of that kind sold in those options
    if single_id is None and not named and mentions and not previous_product:
        only = _only_seller(knowledge, mentions)
        if only is not None:  # "23호 단품 언제 들어와요": one product is sold in that option value
            single_id = only
    if single_id is None and not named and a.is_question:
        item = _item_asked_for(knowledge, turn, covered)
        if item is not None:  # "넥타이 있어요? 셋업이랑 맞춰 매려구요": the thing asked for, not the set it goes with
            return _not_sold(g, knowledge, item, a)
    category = _category_in(knowledge, text) or carried_kind
    if category is None and single_id is None and not named and not mentions and turn.same_message \
            and asks & {"discount", "price", "stock", "recommend"}:
        # "코트 가격이랑 | 할인하는지 알려주세요": a later question of the same message that names nothing asks about
        # the kind the earlier one named
        category = _category_in(knowledge, turn.same_message[-1])
    if category and single_id is None and not named and not catalogue_ask:
        members = _filtered(knowledge, category=category, limit=2)
        if len(members) == 1:  # "쌀 도정일 언제에요": the category's only product is the one asked about
            single_id = members[0].id
    if category and "recommend" in asks and len(set(named)) == 1 and not turn.history \
            and (fit_word := _fit_said(text, knowledge.filter_products(category=category, in_stock=None, limit=200))) \
            and fit_word in getattr(knowledge.product(named[0]), "name", ""):
        named, single_id = [], None  # "오버핏 셔츠 추천해주세요": the kind's products of that fit, not the one so named
    if category and not named and not sibling_named and (asks & {"recommend", "discount"} or low is not None or high is not None) \
            and not (result.matches and result.matches[0].score >= 95 and not result.ambiguous and not asks & {"recommend"}
                     and "discount" not in asks and not _called_by_kind_word(knowledge, result.matches[0].product_id, category)):
        single_id = None  # "지금 할인하는 셔츠 뭐뭐 있어요?": the category's products, not one of them
        catalogue_ask = True
    if category and not named and not sibling_named and not mentions and a.question == "which" \
            and a.concepts <= {"exist", "recommend"} and a.has("exist") and not turn.history:
        # "겨울 코트 뭐 있어요?": the kind's products, not the one the words' search liked best
        single_id, catalogue_ask = None, True
    if category and not named and not sibling_named and a.has("cheap", "expensive") and _SUPERLATIVE.search(text):
        # "제일 싼 코트는요?": the kind's cheapest (or dearest) in order, not the one name the fuzzy search liked best
        single_id, catalogue_ask = None, True
    by_category_word = len(named) == 1 and category is not None and (p0 := knowledge.product(named[0])) is not None \
        and normalize(category) in {normalize(x) for x in (p0.name, *p0.aliases)}  # "청바지": a category as much as a name
    if category and single_id is None and not named and not catalogue_ask and not mentions \
            and asks & {"material", "origin", "fit"} and _category_attribute(g, knowledge, category, asks, a):
        return g.finish()  # "코트 소재가 뭐에요?": each coat's own material, not the one whose description says "소재"
    letter = _LETTER_SIZE.search(text) if category and single_id is None and not named \
        and not any(m.axis == "size" for m in mentions) else None
    if category and single_id is None and not named and not letter and not any(m.axis == "size" for m in mentions):
        kind_sizes = [x for p in _filtered(knowledge, category=category, limit=200) for x in p.sizes]
        letter = _bare_size_number(None, text, kind_sizes)  # "신발 245 있어요?": a number no shoe is sold in
    if letter and _kind_not_in_size(g, knowledge, category, letter.group(1).upper().replace(" ", "")):
        return g.finish()  # "3XL 있는 티셔츠 있어요?": no product of the kind is sold in the size; the sizes they are
    if category is None and single_id is None and not named and a.is_question \
            and not any(m.axis == "size" for m in mentions) and (bare := _LETTER_SIZE.search(text)) is not None \
            and _shop_not_in_size(g, knowledge, bare.group(1).upper().replace(" ", "")):
        return g.finish()  # "XS 사이즈도 있나요?": no product of the shop is sold in the size; the sizes they come in
    if category and (single_id is None and not named or by_category_word) and not (low or high) and "discount" not in asks:
        head = [m.span() for m in re.finditer(re.escape(category), text)]  # other categories may describe ("코트 안에")
        names = [span for span in covered if span not in _category_spans(text, knowledge) and span not in head]
        member = _described_member(knowledge, turn, category, [*names, *head])
        season = season_named(text)
        if member is not None and season and not by_category_word \
                and sum(1 for p in _filtered(knowledge, category=category, in_stock=None, limit=200)
                        if season in p.seasons) >= 2:
            member = None  # "여름에 입을만한 셔츠": every shirt made for summer, not the one whose description says 여름
        if member is not None and not (by_category_word and (member.id == named[0] or not a.has("exist", "recommend")
                                                             or asks & {"size_advice", "fit", "measure"})):
            # "겨울에 입을 따뜻한 청바지 있나요": the one whose own texts say so (a question about the named one's
            # own property, "후드티 두께 도톰해요?", stays with it)
            return _ground_described(g, knowledge, member, turn)
    called = named[0] if len(named) == 1 else single_id if not named else None
    if category and called and valued and not asks - {"stock", "price", "options"} and not turn.history \
            and not a.has("restock") and not _SOLD_OUT_SAID.search(text) \
            and (pc := knowledge.product(called)) is not None \
            and normalize(category) in {normalize(x) for x in (pc.name, *pc.aliases)} \
            and not _more_of_name_said(pc, category, text) \
            and _called_in_stock_elsewhere(knowledge, calls := called_by(knowledge, category), called, valued):
        # "화이트 스니커즈 260 있는거 있나요", "네이비 맨투맨 XL": the kind's word (also one product's other name) with
        # option values asks over the products called so: those in stock in them, not only the one it names alone (said
        # first when it is sold out in them)
        wanted = _resolve(knowledge, pc, mentions)[0]
        own = [v for v in pc.variants if v.matches(wanted)]
        if len(own) == 1 and not own[0].in_stock:
            g.add(f"variant:{own[0].sku}", variant_fact(pc, own[0]))
            label = " ".join(x for x in (pc.name, _option_phrase(pc, wanted, g.lang)) if x)
            g.say("{label}{j} 현재 품절이에요.", "Sold out right now: {label}.", label=label, j=josa(label, "은", "는"))
            if own[0].restock_date:
                g.say("{d} 재입고 예정이에요.", "It's expected back on {d}.", d=korean_date(own[0].restock_date, g.lang))
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=calls):
            return g.finish()
    if by_category_word and (a.has("cheap", "expensive") or _KINDS_ASKED.search(text) or _ALL_ASKED.search(text)) \
            and (not mentions or _ALL_ASKED.search(text)) \
            and not _more_of_name_said(knowledge.product(named[0]), category, text) \
            and not re.search(r"[/·,]", str(knowledge.product(named[0]).category)):
        # "청바지 종류 뭐뭐 있어요? 제일 싼게 뭐에요": a word that names the category as much as one product, asked for
        # the kinds or the cheapest: the category's products (not of a category of several kinds, "맨투맨/후드", whose
        # cheapest 맨투맨 is no hoodie)
        calls = called_by(knowledge, category) if category else set()
        members = {p.id for p in _filtered(knowledge, category=category, in_stock=None, limit=500)} if calls else set()
        # ("가디건 종류 뭐 있어요?" where 가디건 is a word of the 니트 category: the products called so, not every knit)
        within = calls if len(calls) >= 2 and calls < members else None
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=within):
            return g.finish()
    if single_id is not None and not named and not mentions and asks_if_sold(a):
        asked_for = _word_asked_for(a)
        product = knowledge.product(single_id)
        if product is not None and asked_for and _describes_only(knowledge, product, asked_for):
            # "스마트워치 팔아요?" finding 4K 스마트 TV by likeness: a thing no name of the shop holds is not sold; said so,
            # the product the search found named as related
            _not_sold(g, knowledge, asked_for, a, held=False)
            g.add(f"product:{product.id}", product_fact(product))
            g.say("이름이 비슷한 상품은 있어요: {name}({p}).", "We do have {name} ({p}), which has a similar name.",
                  name=product.name, p=won(product.price, g.lang))
            return g.finish()
    if category and _measure_extreme(g, knowledge, category, mentions, text):
        return g.finish()  # "청바지 중에 허벅지 제일 넓은 거 뭐에요?": the kind's charts compared on that measure
    ranged = (low is not None or high is not None) and range_said(text) and not asks & {"recommend"}
    only = single_id or (members[0].id if ranged and category and len(
        members := _filtered(knowledge, category=category, in_stock=None, limit=2)) == 1 else None)
    if only is not None and ranged \
            and (one := knowledge.product(only)) is not None and len({v.price for v in one.variants}) > 1:
        # "150만원 이하 i7 노트북 있어요?": the one product's options in that price range, each priced
        g.subject = one.id
        _variants_in_range(g, knowledge, one, mentions, low, high)
        return g.finish()
    if only is not None and ranged and not turn.history and (one := knowledge.product(only)) is not None \
            and len({v.price for v in one.variants}) == 1 and a.is_question and not a.has("discount") \
            and not (category and _called_by_kind_word(knowledge, only, category)) \
            and _kind_word_of(knowledge, only, text) is None \
            and not mentions and category is None and not asks - {"price", "stock", "property"}:
        # "마우스 2만원 이하로 있나요", "sunscreen under 20000 won?": the one product of one price, measured against the
        # range (its price said either way), not its description (not "아직 할인중?? 4만원대 아니었나": a sale asked of;
        # not "후드티 5만원 이하": the kind's word, every hoodie; not a kind named or an option asked, whose own answers
        # say more than a price)
        g.subject = one.id
        _one_price_in_range(g, one, low, high)
        return g.finish()
    if category and single_id is not None and (low is not None or high is not None) and range_said(text) \
            and _called_by_kind_word(knowledge, single_id, category) and not _more_of_name_said(
                knowledge.product(single_id), category, text):
        # "후드티 5만원 이하 있어요?", "any hoodies under 50k won?": the kind's word (one hoodie's other name too) in a
        # price range asks over every product called so
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=called_by(knowledge, category)):
            return g.finish()
    if single_id is not None and not mentions and not turn.previous and asks <= {"stock"} and a.has("exist") \
            and not re.search(r"(?<![A-Za-z0-9])\d?X*[SML](?![A-Za-z])", text, re.I) \
            and a.question in ("yes_no", "which", None) and (kind_word := _kind_word_of(knowledge, single_id, text)) is not None:
        # "후드티 있어요?", "do you have hoodies?": the word is one hoodie's other name, and the last word of the other
        # hoodies' names: every product called so, not the one whose alias it is
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=called_by(knowledge, kind_word)):
            return g.finish()
    if single_id is not None and mentions and not turn.previous and asks <= {"stock", "price"} and a.has("exist") \
            and all(m.value for m in mentions) and a.question in ("yes_no", "which", None) \
            and (kind_word := _kind_word_of(knowledge, single_id, text)) is not None \
            and len(knowledge._searcher().parse(text)[0]) == 1 \
            and len(in_kind := called_by(knowledge, kind_word)) >= 2 \
            and sum(1 for pid in in_kind if (q := knowledge.product(pid)) is not None
                    and not (r := _resolve(knowledge, q, mentions))[1] and r[0]
                    and any(v.in_stock and v.matches(r[0]) for v in q.variants)) >= 2:
        # "운동화 280 있어요?", "sneakers in 290?": the word is one pair's other name and the last word of another's
        # name; every product called so that has the option in stock, each with its count
        if _ground_catalogue(g, knowledge, turn, category or kind_word, mentions, asks, low, high, within=in_kind):
            return g.finish()
    if single_id is not None and not mentions and not turn.previous and asks <= {"discount", "stock", "price"} \
            and "discount" in asks and a.has("exist") and a.question in ("yes_no", "which", None) \
            and (kind_word := _kind_word_of(knowledge, single_id, text)) is not None:
        # "후드티 할인하는거 있어요?": whether any product called so is on sale (none: said so), not the one whose other
        # name the word is
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=called_by(knowledge, kind_word)):
            return g.finish()
    if single_id is not None and "recommend" in asks and not mentions and "size_advice" not in asks \
            and (kind_word := _kind_word_of(knowledge, single_id, text)) is not None:
        # (not "자켓 사이즈 어떻게 골라요? 180에 75키로에요": a size recommended for the jacket, not a jacket)
        # "가디건 추천해주세요" where 가디건 is one cardigan's other name: a recommendation over every product called so
        calls = called_by(knowledge, kind_word)
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=calls):
            return g.finish()
    if single_id is not None and not (catalogue_ask and not named and asks & {"recommend"}):
        product = knowledge.product(single_id)
        if product is not None:
            g.subject = product.id
            return _ground_one(g, knowledge, product, mentions, asks, turn)

    if category and not catalogue_ask and not mentions and _category_attribute(g, knowledge, category, asks, a):
        return g.finish()  # "니트 세탁기 돌려도 돼요?": each knit's own care note, not a list of knits and prices
    if carried_kind and category == carried_kind and _AMONG.search(text) and not named and turn.history:
        # "그중에 제일 싼거 블랙 L 있어요?" after three hoodies were listed: among those, not every product of their kind
        shown = {pid for t in _last_reply(turn.history) for pid in mentioned_products(knowledge, t)}
        # (only when that list was whole for the customer's word: every product the word calls was in it, and it was not
        # said to be some of more — "슬랙스 중에서는 A, B, C 등 모두 8가지" leaves the kind's others in)
        called = called_by(knowledge, category)
        whole = bool(called) and called <= shown and not any("모두" in t or "in all" in t for t in _last_reply(turn.history))
        if len(shown) >= 2 and whole \
                and _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high, within=shown):
            return g.finish()
    if category is None and (catalogue_ask or a.question == "which" and single_id is None) and not named \
            and (kind := kind_by_name_word(knowledge, text)) is not None:
        # "토너 추천 2만원 이하", "3만원 이하 크림": a kind the shop keeps no category of, said by the last word of its
        # products' names: those products in the range, not every product of the shop in it ("건성인데 토너 뭐 써요?":
        # which of them, when no one product was found)
        if _ground_catalogue(g, knowledge, turn, kind[0], mentions, asks, low, high, within=kind[1]):
            return g.finish()
    if category or catalogue_ask:
        if _ground_catalogue(g, knowledge, turn, category, mentions, asks, low, high):
            return g.finish()
    unknown = _unknown_nouns(turn, covered)
    sells = asks_if_sold(a)
    described = _described_product(knowledge, unknown) if (not result.matches or weak) and not category \
        and not sells else None  # "넥타이 팔아요?" asks whether the shop sells one, not about a product mentioning it
    if len(described or ()) == 1:  # "윈도우 깔려있어요?": the one product whose own texts speak of it
        g.subject = described[0].id
        sought = {"price"} if _seeks_the_product(described[0], a) else set()  # "끈 없는 부츠 있어요?": that one, priced
        return _ground_one(g, knowledge, described[0], mentions, (asks - {"stock", "options"}) | {"property"} | sought, turn)
    if described:  # "SPF 몇이에요?": each product whose texts speak of it, with its own sentence
        for product in described:
            g.add(f"product:{product.id}", product_fact(product))
            g.add(f"product:{product.id}:details", details_fact(product))
            hint = _description_hint(product, a)
            if hint:
                g.sentences.append(f"{product.name}: {hint}")
        if g.sentences:
            g.topic = "property"
            return g.finish()
    measured = [h.form for h in a.hits if h.concept == "measure"]  # "사이즈표 단면이에요 둘레에요?": the shop's size guide
    if (not result.matches or weak) and (unknown or measured) and not sells \
            and not _names_held(knowledge, result.matches, a) \
            and _shop_text_answer(g, knowledge, turn, [*unknown, *measured]):
        return g.finish()  # "필터 교체 주기": the shop's FAQ says it, no product is named
    if result.matches and weak and _unrelated(knowledge, result.matches, unknown) \
            and (sells or a.has("exist", "buy", "recommend", "similar") or _SEEKING.search(text)):
        return _not_sold(g, knowledge, _sought(a, unknown), a)  # "넥타이 팔아요?" is no 블레이저
    seeking = sells or a.has("exist", "buy", "recommend")
    unsold_kind = _unsold_kind_of(knowledge, [*_unknown_nouns(turn, ()), *_compound_words(turn)]) \
        if weak and seeking else None
    if unsold_kind is not None and not is_injection(text):
        return _unsold_kind(g, knowledge, unsold_kind, a)
    if result.matches and not (weak and result.matches[0].score < 70 and _unknown_nouns(turn, covered)):
        close = [m for m in result.matches if m.score >= result.matches[0].score - _OPTION_MARGIN][:_CANDIDATES_SHOWN]
        if len(close) > 1 and not re.search(r"세트|구성|기획|\b(set|bundle|kit)\b", text, re.I):
            singles = [m for m in close if (p := knowledge.product(m.product_id)) is not None and not p.parts]
            if len(singles) == 1:  # "the toner": the toner itself, not the set that holds one (a set is asked as a set)
                close = singles
        if len(close) > 1 and (kind := _kind_just_named(knowledge, turn)):
            # "오버핏으로요" after "셔츠 추천해주세요": of the names alike, the one of the kind the customer just named
            of_kind = [m for m in close if getattr(knowledge.product(m.product_id), "category", None) == kind]
            close = of_kind if len(of_kind) == 1 else close
        lone = knowledge.product(close[0].product_id) if len(close) == 1 else None
        nouns = [m.surface for m in a.morphemes if m.pos in ("NNG", "NNP")]
        from core.language.korean_text import strip_particles

        said = [w for w in (strip_particles(x) for x in re.findall(r"[\w가-힣]+", text)) if len(w) >= 2] + nouns
        if lone is not None and any(_word_in_name(n, name) for n in said for name in (lone.name, *lone.aliases)
                                    if n.lower() not in ENGLISH_STOP):
            # "귤 크기 어때요?": the only product near the words, whose name holds the customer's word, is the one asked
            # about, not a choice ("닭가슴살" near 유정란 holds no word of it: not sold)
            g.subject = lone.id
            return _ground_one(g, knowledge, lone, mentions, asks, turn)
        if lone is not None and nouns and (sells or a.has("exist", "buy") or _SEEKING.search(text)) \
                and not is_injection(text):
            # "닭가슴살 팔아요?" near 유정란 only: one weak match is no "several similar names"; the thing is not sold
            return _not_sold(g, knowledge, _sought(a, unknown) if unknown else "".join(list(dict.fromkeys(nouns))[:2]), a)
        return _ask_which(g, knowledge, close, mentions)
    if "size_advice" in asks:
        return _size_advice_without_product(g, knowledge, turn)
    if not category and (not result.matches or weak) and not unknown and _category_attribute(g, knowledge, None, asks):
        return g.finish()  # "여기 옷 어디서 만들어요? 중국산이에요?": the origins of the whole catalogue
    # ("딸기 언제 들어와요?": when a thing comes in is sought as much as whether it is there)
    seeks = sells or a.has("exist", "buy", "recommend", "similar") or bool(_SEEKING.search(text)) \
        or a.question == "when" and a.has("restock", "come_in")
    holder = _only_holder(knowledge, _asked_first(a, unknown)[0]) if unknown and not seeks else None
    if holder is not None and not is_injection(text):  # "Is the beef from Korea?": the one product whose names hold it
        g.subject = holder.id
        return _ground_one(g, knowledge, holder, mentions, asks, turn)
    measured_one = _named_by_its_measure(knowledge, text) if not category and not is_injection(text) else None
    if measured_one is not None:  # "에프 5.5리터 얼마에요?": the one product whose name holds that measure
        g.subject = measured_one.id
        return _ground_one(g, knowledge, measured_one, mentions, asks, turn)
    if unknown and not is_injection(text) and not seeks and _held_by_catalogue(g, knowledge, _asked_first(a, unknown)[0]):
        return g.finish()  # "토너 큰통 얼마에요": the products whose names hold the word, nothing said to be unsold
    if unknown and not is_injection(text) and seeks:
        # "넥타이 있어요?", "노트북 파우치 찾는데요": a thing sought that the shop does not sell ("정품 맞아요?" or
        # "화면에 세로줄이 가요" seek nothing: no "we don't sell 정품")
        return _not_sold(g, knowledge, _sought(a, unknown), a)
    g.say("어떤 상품을 찾으시는지 상품명을 알려주시면 가격과 재고를 바로 확인해 드릴게요.",
          "Which product are you looking for? Tell me its name and I'll check the price and stock right away.")
    g.ask_back, g.use_lm = True, False
    return g.finish()


# a thing sought, in words the selling and existence concepts do not read ("찾는데요", "구해요", "looking for")
_SEEKING = re.compile(r"찾|구하|구해|사고\s*싶|\blooking\s+for\b", re.I)
_EACH = re.compile(r"각각|each|따로따로", re.I)
# one or the other, not both: "중청 없으면 흑청은요?", "아니면", "or"
# the customer's condition of falling back ("퀸 품절이면", "블랙 없으면"): what follows is the other choice
_FALLBACK = r"없으면|없다면|품절이면|(?<![가-힣])없음\s+(?=\S)|없을\s*경우|\bif\s+not\b|\botherwise\b"
_IF_NOT = re.compile(_FALLBACK + r"|품절되면|안\s*되면")
_ALTERNATIVE = re.compile(_FALLBACK + r"|아니면|\bor\b|\binstead\b", re.I)
_SEPARATELY = re.compile(r"따로|낱개|개별|separately|individually|on their own", re.I)  # not 각각: "각각 얼마" is each
# "how long is it", "how wide are they": a measure of the thing (copula), where "how long does it last/take" is a time
_HOW_LONG_IS = re.compile(r"\bhow\s+(long|wide|big|tall|high)\s+(is|are|'s)\b|\bhow\s+(long|wide|big|tall|high)'s\b", re.I)
_REMAINING = re.compile(r"남|재고|수량|살\s*수|구매\s*가능|주문\s*가능|\b(left|in stock|available)\b", re.I)
# what a question asks about a product (a follow-up asking one of them with no product named means the last one)
_ATTRIBUTE_CONCEPTS = ("option", "storage", "care", "expiry", "opened", "duration", "property", "material", "fit", "measure",
                       "origin")
# concepts that describe a product (kept as describing words); every other concept's words ask, they do not describe
_DESCRIBING = frozenset({"property", "part", "material", "fit", "care", "gift", "body"})
# the names of those attributes, which ask for them rather than describe a product by them
_ATTRIBUTE_NAMES = _MATERIAL_NAMES | {"핏", "세탁법", "관리법", "material", "materials", "fabric", "fit", "care"}


def describing_words(turn: Turn, covered: Sequence[tuple[int, int]]) -> list[str]:
    """The words the customer describes the wanted product with ("겨울에 입을 따뜻한" -> 겨울, 따뜻), outside the
    names, categories and question words; stems and surfaces, so either spelling can meet the product's text."""
    a = turn.analysis
    # (a describing concept said by the attribute's own name, "가격이랑 소재 알려주세요", asks it; its values describe)
    asking = [(h.start, h.end) for h in a.hits if h.concept not in _DESCRIBING or h.form.lower() in _ATTRIBUTE_NAMES]
    out: list[str] = []
    for m in a.morphemes:
        if m.pos not in ("NNG", "NNP", "VV", "VA", "XR", "SL") or m.lemma.lower() in GENERIC_NOUNS:
            continue
        if any(s < m.end and m.start < e for s, e in [*covered, *asking]):
            continue
        lemma = m.lemma[:-1] if m.pos in ("VA", "VV") and m.lemma.endswith("하") and len(m.lemma) >= 3 else m.lemma
        for form in dict.fromkeys((lemma.lower(), m.surface.lower())):
            if len(form) >= 2 and form not in out:
                out.append(form)
    return out


def _described_member(knowledge: Any, turn: Turn, category: str, covered: Sequence[tuple[int, int]]) -> Any | None:
    """The one product of `category` whose own texts hold strictly more of the customer's describing words than any
    other ("코트 안에 받쳐 입을 니트" -> the 터틀넥 니트 "코트 안에 받쳐 입기 좋은"); None when none or a tie."""
    words = describing_words(turn, covered)
    if not words:
        return None
    members = _filtered(knowledge, category=category, limit=200)

    def holds(p: Any) -> int:
        own = p.own_text.lower()
        compact = "".join(own.split())
        return sum(1 for w in words if w in own or w in compact)

    scored = sorted(((holds(p), p) for p in members), key=lambda t: -t[0])
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


# a rule of the shop that discounts by the count bought ("3개 이상 구매 시 10% 할인")
_BULK = 10  # a count from which an order is a bulk one, its quote a person's to give
_COUNT_RULE = re.compile(r"\d+\s*(?:" + COUNTERS + r")\s*(?:이상|부터)")


# a price cut asked for by bargaining ("깎아주세요", "네고 되나요", "에누리", "can you haggle")
_HAGGLE = re.compile(r"깎|네고|에누리|\bhaggl|\bnegotiat", re.I)


def _haggled(g: Grounding, knowledge: Any, turn: Turn, kind: str = "") -> bool:
    """"두개 살테니 깎아주세요": a price bargained for is nothing the shop's texts offer; "학생 할인 있어요?", "student
    discount?": a kind of discount (`kind`, the customer's word before it) no text of the shop writes. Said so, with
    the discounts they do give (its coupon rules), never a list of the goods on sale."""
    from agent.general_facts import shop_name
    from agent.turn_analysis import analyse_turn

    if not (turn.analysis.request or turn.analysis.is_question):
        return False
    shop = shop_name(knowledge, g.lang)
    if kind:
        g.add("shop:unstated", f"{shop_name(knowledge, 'ko')}의 정책·FAQ에 '{kind}' 할인 안내 없음")
        g.say("{k} 할인에 대한 안내는 {shop}의 정보에 따로 나와 있지 않아요.", "{shop}'s information says nothing about a "
              "{k} discount.", shop=shop, k=kind)
    else:
        g.add("shop:unstated", f"{shop_name(knowledge, 'ko')}의 정책·FAQ에 가격 흥정(할인 협의) 안내 없음")
        g.say("가격을 따로 깎아 드린다는 안내는 {shop}의 정보에 없어요.", "{shop}'s information says nothing about "
              "bargaining on prices.", shop=shop)
    texts = _coupon_rules(g, knowledge, analyse_turn("쿠폰 뭐 있어요?"))
    if texts:
        g.say("대신 받으실 수 있는 할인은 이래요:", "The discounts you can get:")
        g.sentences.extend(texts)
    g.topic, g.use_lm = "discount", False
    return True


def _discount_kind_unwritten(knowledge: Any, turn: Turn) -> str:
    """The noun right before the discount word that says whose or what discount ("학생 할인", "student discount", "군인
    할인"), when no text of the shop writes it (one of the turn's unknown nouns); "" otherwise (a product, option or
    kind of goods is no kind of discount, nor a word of time: "지금 할인하는")."""
    a = turn.analysis
    hit = next((h for h in a.hits if h.concept == "discount"), None)
    before = a.text[:hit.start].split() if hit is not None and a.text[:hit.start].endswith(" ") else []
    unknown = _unknown_nouns(turn, [])
    # the noun just before, or the one before a verb of buying ("단체 주문하면 할인돼요?": a group's discount)
    word = before[-1] if before else ""
    if word not in unknown and len(before) >= 2 and _analyse(before[-1]).has("buy", "order"):
        word = before[-2]
    if word not in unknown or any(m.score >= 80 for m in knowledge.find_products(word).matches) \
            or _category_in(knowledge, word) or knowledge._searcher().vocab.find_mentions(word):
        return ""
    return word


def _volume_discount(g: Grounding, knowledge: Any, text: str) -> bool:
    """"단체주문 50벌 할인 되나요", "10개 이상 사면 할인돼요?": a discount asked for the count bought. When no rule of the
    shop discounts by count, said so and handed to a person (a quote for a large order is theirs to give); False
    when no count of a bulk order is said or a rule of the shop does discount by count (the rules answer then)."""
    from agent.general_facts import shop_name
    from agent.mentions import count_written, first_count

    count, number = count_written(text), first_count(text)
    if count is None or number is None or number < _BULK:
        return False
    try:
        texts = [p.text for p in knowledge.passages().passages]
    except (AttributeError, TypeError):
        return False
    if any(_COUNT_RULE.search(t) and "할인" in t for t in texts):
        return False
    shop = shop_name(knowledge, g.lang)
    g.add(f"turn:count:{count}", f"고객이 말한 구매 수량 {count}")
    g.add("shop:unstated", f"{shop_name(knowledge, 'ko')}의 정책·FAQ에 구매 수량별 할인 안내 없음")
    g.say("{n} 같은 대량 구매 할인은 {shop}의 안내에 따로 나와 있지 않아요. 수량 할인이나 견적은 담당자가 확인해 "
          "드릴게요.", "{shop}'s information says nothing about a discount for buying {n}; a staff member will check a "
          "bulk discount or quote for you.", n=count, shop=shop)
    g.handoff, g.handoff_reason, g.use_lm, g.topic = True, "unstated", False, "discount"
    return True


_LETTER_ORDER = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "2XL", "XXXL", "3XL", "4XL", "5XL", "6XL", "FREE", "F")


def _kind_not_in_size(g: Grounding, knowledge: Any, category: str, size: str) -> bool:
    """A letter size (or a size number) asked of a kind none of whose products is sold in it: said so, with the sizes
    the kind comes in. False when a product of the kind has the size, or the kind is not sold in such sizes."""
    members = _filtered(knowledge, category=category, limit=200)
    sized = [p for p in members if p.sizes]
    numeric = size.isdigit()
    if not sized or not all((str(x).isdigit() if numeric else _LETTER_ONLY.fullmatch(str(x))) for p in sized for x in p.sizes):
        return False
    if any(str(x).upper() == size for p in sized for x in p.sizes):
        return False
    own = _option_order(list(dict.fromkeys(str(x).upper() for p in sized for x in p.sizes)))
    for p in sized[:_MAX_VARIANT_FACTS]:
        g.add(f"product:{p.id}", product_fact(p))
    g.add(f"turn:asked:{size}", f"고객이 말한 옵션 {size} (상품 정보에 없는 값)")
    _say_kind_lacks(g, category, size, "사이즈", own)
    return True


def _shop_not_in_size(g: Grounding, knowledge: Any, size: str) -> bool:
    """A letter size no product of the shop is sold in, asked with no kind or product named: said so, with the letter
    sizes the shop's products come in. False when one has it, or the shop sells nothing in letter sizes."""
    sized = [p for p in knowledge.products() if p.sizes and all(_LETTER_ONLY.fullmatch(str(x)) for x in p.sizes)]
    if not sized or any(str(x).upper() == size for p in sized for x in p.sizes):
        return False
    own = _option_order(list(dict.fromkeys(str(x).upper() for p in sized for x in p.sizes)))
    g.add("catalogue:letter_sizes", "판매 중인 사이즈: " + ", ".join(own))
    g.add(f"turn:asked:{size}", f"고객이 말한 옵션 {size} (상품 정보에 없는 값)")
    g.say("{value} 사이즈로 나오는 상품은 없어요. 저희 상품은 {values} 사이즈로 나와요.",
          "We don't carry anything in {value}; our sizes are {values}.", value=size, values=", ".join(own))
    g.topic = "options"
    return True


def _say_kind_lacks(g: Grounding, kind: str, value: str, label: str, values: Sequence[str]) -> None:
    """A kind none of whose products comes in a value: "셔츠 중에 3XL 사이즈로 나오는 상품은 없어요. 셔츠는 S, M, …
    사이즈로 나와요." """
    g.say("{kind} 중에 {value} {label}{ro} 나오는 상품은 없어요. {kind}{j} {values} {label}{ro} 나와요.",
          "None of our {kind} comes in {value}; they come in {values}.", kind=kind, value=value, label=label,
          ro=josa(label, "으로", "로"), j=josa(kind, "은", "는"), values=", ".join(values))
    g.topic = "options"


def _option_order(values: Sequence[str]) -> list[str]:
    """Values in the order a shopper reads them: letter sizes small to large, numbers up, others as given."""
    if all(str(x).isdigit() for x in values):
        return sorted(values, key=int)
    if all(str(x).upper() in _LETTER_ORDER for x in values):
        return sorted(values, key=lambda x: _LETTER_ORDER.index(str(x).upper()))
    return list(values)


def _ground_described(g: Grounding, knowledge: Any, product: Any, turn: Turn) -> Grounding:
    """A product found by the customer's description: its name, the sentence that matches, and its price."""
    g.add(f"product:{product.id}", product_fact(product))
    g.add(f"product:{product.id}:details", details_fact(product))
    hint = _description_hint(product, turn.analysis)
    g.say("말씀하신 조건에는 {name}{j} 맞아요.", "{name} fits what you describe.", name=product.name,
          j=josa(product.name, "이", "가"))
    if hint:
        g.sentences.append(hint)
    _price_sentence(g, product, list(product.variants))
    g.topic, g.subject = "recommend", product.id
    return g.finish()


def _shop_text_answer(g: Grounding, knowledge: Any, turn: Turn, nouns: Sequence[str], closest: bool = False) -> bool:
    """Quote the shop's own policy/FAQ text when it speaks of the thing asked and no product is named
    ("필터 교체 주기" -> the FAQ on filters); False when no confident passage names one of `nouns`. `closest`: see
    `answer_policy`."""
    from agent.general_facts import quote
    from agent.policy_answer import answer_policy

    answer = answer_policy(knowledge, turn.analysis, closest=closest)
    if not answer.confident or not answer.passages or not any(n in answer.text for n in nouns):
        return False
    if (closest or turn.analysis.has("exist")) and "@impossible" in answer.passages[0].tokens:
        # a problem about no product, or whether a thing is had ("향수 있나요"), is not answered by an exclusion that
        # names it ("택 제거, 향수·체취 등 오염 … 반품 불가")
        return False
    g.sentences.extend(quote(g, knowledge, answer))
    g.topic = "shop_text"
    return True


def _shop_text_holding(g: Grounding, knowledge: Any, nouns: Sequence[str], product: Any = None) -> bool:
    """The shop's policy or FAQ sentence that writes the word asked of a product whose own texts do not ("틴트도
    비건이에요?": the FAQ "… 토너·크림·선크림은 비건 인증을 받았습니다"), found by the word as written (the analyser
    may split a loanword differently in the question and in the text); a sentence that holds every one of the words,
    an FAQ's first. False when no text of the shop writes them all."""
    from agent.general_facts import quote
    from agent.policy_answer import PolicyAnswer

    try:
        index = knowledge.passages()
    except (AttributeError, TypeError):
        return False
    words = [n for n in nouns if len(n) >= 2]
    # (a word no text of the shop writes at all is no evidence either way: "사면" the analyser left as a noun)
    words = [n for n in words if index.containing(n)] if len(words) > 1 else words
    held = [p for p in index.containing(words[0]) if all(n in p.text for n in words)] if words else []
    if not held:
        return False
    own = [w.lower() for w in ((product.name, *product.aliases) if product is not None else ())]
    # the sentence that also names the product asked about first ("기존 TV 수거는 무료" before the A/S's "택배 수거")
    best = max(held, key=lambda p: (any(w in p.text.lower() for w in own), p.kind == "faq", -p.position))
    g.sentences.extend(quote(g, knowledge, PolicyAnswer(passages=[best])))
    g.topic = "shop_text"
    return True


def _described_product(knowledge: Any, nouns: Sequence[str]) -> list[Any]:
    """The products whose own texts hold the most of the words the customer asks about, when no product is named
    ("SSD 1TB로 업그레이드 돼요?" -> the laptop "SSD 512GB"): the best one, or up to three that tie; [] when none."""
    finder = getattr(knowledge, "products_describing", None)
    if finder is None or not nouns:
        return []
    found = finder(list(nouns), limit=4)
    tied = [p for i, n in found if n == found[0][1] and (p := knowledge.product(i)) is not None] if found else []
    return tied if len(tied) <= 3 else []


def _names_held(knowledge: Any, matches: Sequence[Any], a: Any) -> bool:
    """A near match whose name holds a noun the customer wrote as a word of its own ("지성인데 토너 뭐가 좋아요": 어성초
    진정 토너): the turn is about that product, not a shop text that also says "토너"."""
    if not matches:
        return False
    close = [m for m in matches if m.score >= matches[0].score - _OPTION_MARGIN][:_CANDIDATES_SHOWN]
    nouns = {m.surface for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2}
    for m in close:
        p = knowledge.product(m.product_id)
        if p is not None and not p.parts and any(n in p.name.split() for n in nouns):
            return True
    return False


def _unsold_kind(g: Grounding, knowledge: Any, unsold_kind: tuple[str, str, list[Any]], a: Any) -> Grounding:
    """"트렌치코트 있어요?": a kind of coat no coat of the shop is (its front word in no name or option of the kind): not
    sold, and the shop's coats named, not a choice among them as if one were it."""
    word, kind, members = unsold_kind
    _not_sold(g, knowledge, word, a, held=False)
    for p in members[:_CANDIDATES_SHOWN]:
        g.add(f"product:{p.id}", product_fact(p))
    listed = ", ".join(f"{p.name}({won(p.price, g.lang)})" for p in members[:_CANDIDATES_SHOWN])
    g.say("{k} 중에서는 {list}{j} 있어요.", "Our {k} range: {list}.", k=kind, list=listed, j=josa(listed, "이", "가"))
    return g.finish()


def _unsold_kind_of(knowledge: Any, nouns: Sequence[str]) -> tuple[str, str, list[Any]] | None:
    """An unknown word that is a kind of the shop's with a front word no product of that kind is named or optioned by
    ("트렌치코트": 트렌치 + 코트): the word, the kind, and the kind's products; None otherwise."""
    for word in nouns:
        for cut in range(2, len(word) - 1):
            front, head = word[:cut], word[cut:]
            kind = _category_in(knowledge, head) if len(head) >= 2 else None
            if kind is None:
                continue
            members = knowledge.filter_products(category=kind, in_stock=None, limit=200)
            members = _named_part(members, head) or members
            names = [[p.name, *p.aliases, str(getattr(p, "material", "") or ""),
                      *(str(v) for ax in p.axes for v in p.values(ax.key))] for p in members]
            said = " ".join(normalize(" ".join(n)) for n in names)
            if members and normalize(front) not in said:
                return word, head, members
            break
    return None


def _compound_words(turn: Turn) -> list[str]:
    """The turn's nouns as written (the analyser's runs, `nouns_written`), and each run joined to the next when only a
    space stands between them ("가죽자켓", "가죽 자켓" -> 가죽자켓): where a kind with a word before it may be written."""
    from agent.turn_analysis import noun_runs

    a = turn.analysis
    ms, runs = a.morphemes, noun_runs(a)
    words = [a.text[ms[i].start:ms[j].end] for i, j in runs]
    joined = [w1 + w2 for (_, j1), (i2, _), w1, w2 in zip(runs, runs[1:], words, words[1:])
              if not a.text[ms[j1].end:ms[i2].start].strip()]
    return [w for w in (*words, *joined) if len(w) >= 2]


def _unrelated(knowledge: Any, matches: Sequence[Any], nouns: Sequence[str]) -> bool:
    """The unsure matches share not one syllable pair with what the customer named: a fuzzy look-alike
    ("넥타이" ~ "블레이저"), not the thing asked for."""
    if not nouns:
        return False
    grams = {n[i:i + 2] for n in nouns for i in range(len(n) - 1) if len(n) >= 2}
    for m in matches[:_CANDIDATES_SHOWN]:
        p = knowledge.product(m.product_id)
        names = " ".join([p.name, *p.aliases]) if p is not None else m.name
        if any(gram in names.replace(" ", "") for gram in grams):
            return False
    return bool(grams)


_ORDINALS = {"첫": 0, "두": 1, "세": 2, "네": 3, "first": 0, "second": 1, "third": 2, "fourth": 3}
_ORDINAL = re.compile(r"(첫|두|세|네)\s*(번째|번쨰|째)|\b(first|second|third|fourth)\b|(?<![\d])([1-4])\s*번(?!\s*째?\s*(사이즈|컬러))", re.I)


def _the_other_one(knowledge: Any, turn: Turn, asked_before: str) -> Any | None:
    """The one product the last reply named besides the one the customer asked about, or None."""
    from agent.mentions import mentioned_products

    listed = list(dict.fromkeys(pid for t in _last_reply(turn.history) for pid in mentioned_products(knowledge, t)))
    asked = set(mentioned_products(knowledge, asked_before))
    others = [pid for pid in listed if pid not in asked]
    return knowledge.product(others[0]) if len(listed) >= 2 and len(asked) == 1 and asked <= set(listed) \
        and len(others) == 1 else None


def _ordinal(text: str) -> int | None:
    """The position a customer points at among listed products ("the first one", "두번째 거"), 0-based."""
    m = _ORDINAL.search(text)
    if m is None:
        return None
    word = (m.group(1) or m.group(3) or "").lower()
    if word:
        return _ORDINALS[word]
    return int(m.group(4)) - 1


def _words_of_shown(knowledge: Any, turn: Turn, text: str) -> list[str]:
    """Products the conversation just showed, each called by a word of its name that no other of them has ("자켓은
    얼마에요?" after 코듀로이 셋업 자켓 and 셋업 팬츠; "싱글이랑 더블 차이가 뭐에요" after 싱글 울 코트, 더블 울 코트, 발마칸
    코트): the products the shop's last reply or the customer's last message named; [] unless every word of the turn
    that is such a name word picks one product (a word all of them share, "코트", picks none)."""
    from agent.mentions import mentioned_products, sibling_product
    from agent.turn_context import last_user_text

    shown = list(dict.fromkeys(pid for t in [*_last_reply(turn.history), last_user_text(turn.history) or ""]
                               for pid in mentioned_products(knowledge, t)))
    if len(shown) < 2:
        return []
    # (and the words of its English names: "how much is the heavy one?" after three hoodies)
    name_words = {pid: {normalize(w) for w in p.name.split()} | {w.lower() for x in p.aliases if x.isascii() for w in x.split()}
                  for pid in shown if (p := knowledge.product(pid))}
    picked: list[str] = []
    for word in (normalize(strip_particles(w.strip("?!.,"))) for w in text.split()):
        # (an English word of at least four letters: "one" of "one tuck" is the word of "the first one")
        holders = [pid for pid, ws in name_words.items() if len(word) >= (4 if word.isascii() else 2) and word in ws]
        if not holders and len(word) >= 2 and not word.isascii():
            # "자켓 차콜 M이랑 바지 차콜 30" after the set's jacket and pants: a word in place of one of a shown name's
            # ("바지" for 팬츠) calls the shown product of that name
            holders = list(dict.fromkeys(sib for pid in shown if (p := knowledge.product(pid)) is not None
                                         and (sib := sibling_product(knowledge, p, word)) in name_words))
        if len(holders) == 1 and holders[0] not in picked:
            picked.append(holders[0])
        elif len(holders) > 1:
            return []  # ("코트는요?": every coat shown is called so)
    return picked


def _last_reply(history: Sequence[dict] | None) -> list[str]:
    """The shop's last reply, when it named exactly one product: what "그건요?" points at when the customer's own
    words were too vague to pin one ("크루넥이요" answered as 크루넥 니트)."""
    for item in reversed(list(history or [])):
        if item.get("role") == "assistant" and item.get("text"):
            return [str(item["text"])[:200]]
        if item.get("role") == "user":
            break
    return []


def _analyse(text: str) -> Any:
    from agent.turn_analysis import analyse_turn

    return analyse_turn(text)


def _price_range(text: str) -> tuple[int | None, int | None]:
    from agent.entities import price_range

    low, high = price_range(text)
    if high is not None and high < 1000:  # "전부 0원" is not a price cap anyone shops with
        return None, None
    return low, high


def _own_kind_set_aside(knowledge: Any, text: str, result: Any) -> Any:
    """"어성초 스킨 얼마에요": a category word beside part of a name says what kind the named product is; it names no
    other product. When the best match belongs to that category and the turn without the word names it clearly,
    that clear match is the search result (offsets kept: the word is blanked, not removed)."""
    category = _category_in(knowledge, text)
    top = result.matches[0].product_id
    if not category or not any(p.id == top for p in knowledge.filter_products(category=category, limit=1000)):
        return result
    blanked = re.sub(re.escape(category), lambda m: " " * len(m.group(0)), text)
    again = knowledge.find_products(blanked)
    if again.matches and not again.ambiguous and again.matches[0].product_id == top:
        return again
    return result


def _category_in(knowledge: Any, text: str) -> str | None:
    from agent.entities import category_in

    return category_in(knowledge, text)


# -- one product ------------------------------------------------------------------------------------------
def _resolve(knowledge: Any, product: Any, mentions: Sequence[Any]) -> tuple[dict[str, str], list[Any]]:
    return knowledge._searcher().vocab.resolve(product, mentions)


def _option_phrase(product: Any, wanted: dict[str, str], lang: str) -> str:
    """"블랙 L 사이즈" / "300ml" / "21호 라이트" for the chosen values, in axis order."""
    from agent.english_gloss import colour_word

    parts = []
    for axis in product.axes:
        value = wanted.get(axis.key)
        if value:
            english = colour_word(value) if lang == "en" else None  # ("L white (화이트)" to an English customer)
            parts.append(f"{value} 사이즈" if axis.key == "size" and lang == "ko" and not value.lower().endswith(("ml", "l", "g"))
                         else f"{english} ({value})" if english else value)
    return " ".join(parts)


_PRICED_SHOWN = 12  # option prices a price sentence may list


def _price_sentence(g: Grounding, product: Any, variants: Sequence[Any]) -> None:
    pool = list(variants) or list(product.variants)
    prices = sorted({v.price for v in pool})
    for v in pool[:_PRICED_SHOWN]:  # every price this sentence may list is a fact of this turn (never dropped by the guard)
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    if len(prices) > 1 and 1 < len(pool) <= 6 and not _prices_by_axis(product, pool):
        # a few options, priced by more than one axis ("16GB": 14인치 i5 / 16인치 i7 …): each one
        g.say("{name} 옵션별 가격은 {list}입니다.", "{name} prices by option: {list}.", name=product.name,
              list=", ".join(f"{v.label} {won(v.price, g.lang)}" for v in sorted(pool, key=lambda x: x.price)))
        return
    if len(prices) > 1 and len(pool) > 1:
        v = min(pool, key=lambda x: x.price)
        by_value = _prices_by_axis(product, pool)
        if by_value:
            g.say("{name}{j} {axis}에 따라 가격이 달라요: {list}.", "{name}'s price depends on the {axis}: {list}.",
                  name=product.name, j=josa(product.name, "은", "는"),
                  axis=by_value[0] if g.lang == "ko" else _axis_en(by_value[0], plural=False),
                  list=", ".join(f"{val} {won(price, g.lang)}" for val, price in by_value[1]))
        else:
            g.say("{name}{j} {low}부터예요.", "{name} starts at {low}.", name=product.name, j=josa(product.name, "은", "는"),
                  low=won(v.price, g.lang))
        return
    v = min(pool, key=lambda x: x.price)
    if v.on_sale and v.list_price:
        until = g.text(", {d}까지 할인", "; sale ends {d}", d=korean_date(v.sale_until, g.lang)) if v.sale_until else ""
        g.say("가격은 {p}(정가 {lp}{u})입니다.", "It's {p} on sale (regular price {lp}{u}).", p=won(v.price, g.lang),
              lp=won(v.list_price, g.lang), u=until)
    else:
        g.say("가격은 {p}입니다.", "It's {p}.", p=won(v.price, g.lang))


def _prices_by_axis(product: Any, pool: Sequence[Any]) -> tuple[str, list[tuple[str, int]]] | None:
    """When price depends on one axis only (용량 150ml/300ml), that axis and its value -> price list."""
    for axis in product.axes:
        by: dict[str, set[int]] = {}
        for v in pool:
            value = v.option(axis.key)
            if value:
                by.setdefault(value, set()).add(v.price)
        if len(by) > 1 and all(len(p) == 1 for p in by.values()) and len({next(iter(p)) for p in by.values()}) > 1:
            return axis.label, [(value, next(iter(p))) for value, p in by.items()][:6]
    return None


# the price once the sale is over ("할인 끝나면 얼마예요", "세일 끝나고 사면", "after the sale")
_AFTER_THE_SALE = re.compile(r"(할인|세일)\S{0,2}\s*(끝나|끝난|끝나고|종료되|종료하|지나|끝내)|\bafter\s+the\s+sale\b|"
                             r"\bwhen\s+the\s+sale\s+ends\b", re.I)


# a word that points at the product just discussed ("If I order it on the 26th", "그거 세일가로 살 수 있어요?")
_POINTS_AT = re.compile(r"\b(?:it|that\s+one|this\s+one)\b|(?<![가-힣])(?:그거|이거|저거|그걸|이걸|그건|이건)", re.I)


def _buying_day_text(text: str) -> str:
    """The turn in the words the order-day reader knows: "26일에 사도" as "사면" (even if I buy then); an English turn's
    day of buying ("if I order it on the 26th", "buy it on Saturday"), read by the shared English rewriting
    (`entities.localize_delivery`), as "26일에 사면" / "토요일에 사면"."""
    from agent.entities import localize_delivery

    out = re.sub(r"(?<![가-힣])사도|사더라도|(구매|주문|결제)해도", "사면", text)
    if re.search(r"[가-힣]", out) or not re.search(r"\b(order|buy|purchase|pay)\b", out, re.I):
        return out
    local = localize_delivery(re.sub(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b", r"\1일", out, flags=re.I))
    day = re.search(r"(?:\d{1,2}월\s*)?\d{1,2}일|[월화수목금토일]요일", local)
    return f"{day.group(0)}에 사면" if day else out


def _day_words(text: str) -> str | None:
    """The words of a day of the calendar the customer names ("크리스마스 전에", "25일까지"; see `entities.deadline`), else
    None: a day is weighed against a date, never looked up as a word in the shop's texts."""
    from datetime import datetime

    from agent.entities import deadline

    day = deadline(text, datetime(2000, 1, 1))  # (its words only, never its date)
    return day[1] if day is not None else None


def _only_worn(a: Any) -> bool:
    """"청남방이랑 같이 입으면 이상한가": things worn together, none bought, priced or shipped."""
    return a.has("worn") and not a.has("buy", "price", "fee")


def _sale_ends_by(g: Grounding, turn: Turn, variants: Sequence[Any]) -> str | None:
    """"세일 언제까지에요? 크리스마스 전에 끝나나": a day the customer names, weighed against the day the sale ends (a fact of
    the variant): whether it is still on sale then. The words of the day, or None when none is named or nothing is on
    sale."""
    from datetime import date

    from agent.entities import deadline

    on_sale = [v for v in variants if v.on_sale and v.sale_until]
    if turn.now is None or not on_sale or not turn.analysis.is_question:
        return None
    day = deadline(turn.analysis.text, turn.now)
    if day is None:
        return None
    until = max(v.sale_until for v in on_sale)
    still = date.fromisoformat(until[:10]) >= day[0]
    # (the day is the customer's own, read from their words: a fact of this turn)
    g.add(f"derived:day_named:{day[0].isoformat()}", f"고객이 말한 날({day[1]}) {korean_date(day[0].isoformat())}")
    g.say("할인은 {d}까지라 {w}에도 할인 중이에요." if still else "할인은 {d}까지라 {w}에는 할인이 끝나요.",
          "The sale runs until {d}, so it is still on on {w}." if still else "The sale ends on {d}, before {w}.",
          d=korean_date(until, g.lang), w=korean_date(day[0].isoformat(), g.lang))
    return day[1]


def _price_on_day(g: Grounding, turn: Turn, variants: Sequence[Any]) -> None:
    """"내일 사면 얼마예요?" when the sale ends today: on the day the customer says they buy (`entities.order_day`, the
    reader of the order day the delivery estimate uses) the sale is over, so the price is the list price (said with
    the day the sale ends; both are facts of the variant); "할인 끝나면 얼마예요?" the same, for whenever it ends."""
    from datetime import date

    from agent.entities import ORDER_VERB, order_day

    if _AFTER_THE_SALE.search(turn.analysis.text):
        # "할인 끝나면 얼마에요?": the list price once the sale's last day has passed
        on_sale = [v for v in variants if v.on_sale and v.sale_until and v.list_price]
        if on_sale:
            v = min(on_sale, key=lambda x: x.price)
            g.say("할인이 끝나는 {d} 이후에는 정가 {lp}{cop}.", "After the sale ends on {d}, it's the regular {lp}.",
                  d=korean_date(v.sale_until, g.lang), lp=won(v.list_price, g.lang), cop=josa(won(v.list_price), "이에요", "예요"))
        return
    text = _buying_day_text(turn.analysis.text)
    if turn.now is None or not ORDER_VERB.search(text):
        return  # "3일 뒤에 사면", "26일에 결제하면": a day said for buying, with its verb
    day, _ = order_day(text, turn.now)
    if day is None or day <= turn.now.date():
        return
    on_sale = [v for v in variants if v.on_sale and v.sale_until and v.list_price]
    if not on_sale:
        return
    v = min(on_sale, key=lambda x: x.price)
    try:
        ends = date.fromisoformat(str(v.sale_until)[:10])
    except ValueError:
        return
    when = korean_date(day.isoformat(), g.lang)
    g.add(f"turn:day:{day.isoformat()}", f"고객이 말한 구매일 {korean_date(day.isoformat())} (상품 정보 아님)")
    if day > ends:
        g.say("할인은 {d}까지라 {w}에는 정가 {lp}{cop}.", "The sale ends {d}, so on {w} it's the regular {lp}.",
              d=korean_date(v.sale_until, g.lang), w=when, lp=won(v.list_price, g.lang),
              cop=josa(won(v.list_price), "이에요", "예요"))
    else:
        g.say("{w}에도 할인가 {p}{cop}({d}까지).", "On {w} it's still {p} on sale (until {d}).", w=when,
              p=won(v.price, g.lang), cop=josa(won(v.price), "이에요", "예요"), d=korean_date(v.sale_until, g.lang))


def _count_verdict(g: Grounding, knowledge: Any, product: Any, variants: Sequence[Any], text: str) -> None:
    """"옥스포드 셔츠 화이트 L 3개 살 수 있어요?" against 2 in stock: whether the count the customer wants is there
    (the count is registered as the customer's own number, not a shop fact)."""
    from agent.mentions import basket, lone_count

    if len(variants) != 1 or not variants[0].in_stock:
        return
    wanted = dict(basket(knowledge, text)).get(product.id)
    if wanted in (None, 1):  # (a product found by search: the turn's lone count is its, see `_count_bought`)
        wanted = lone_count(knowledge, text) or wanted or 1
    if wanted < 2:
        return
    stock = variants[0].stock
    g.add(f"turn:count:{wanted}", f"고객이 원하는 수량 {wanted}개 (상품 정보 아님)")
    if wanted <= stock:
        g.say("{w}개 주문하실 수 있어요.", "You can order {w}.", w=wanted)
    else:
        g.say("남은 수량이 {n}개라 {w}개는 한 번에 주문하기 어려워요.", "Only {n} are left, so {w} can't be ordered at once.",
              n=stock, w=wanted)


_SIBLINGS_SHOWN = 3


# "다른 사이즈", "딴 색", "other sizes": the kind of option the customer asks other values of
# (also the values of a kind asked for as such: "카멜은 무슨 사이즈 남았어요?", "what sizes are left in camel?")
_OTHER_OF = re.compile(r"(?:다른|딴|다른거|나머지|무슨|어떤|어느)\s*([가-힣]+)|\b(?:other|what|which)\s+([a-z]+)", re.I)


def _other_axis_asked(product: Any, wanted: dict[str, str], text: str) -> str | None:
    """The option kind whose other values the customer asks for ("청자켓 중청 M 품절이던데 다른 사이즈 중청은": sizes,
    the colour kept), by its own label or a common word for it; None when none is named."""
    from core.knowledge.options import AXIS_WORDS

    for m in _OTHER_OF.finditer(text or ""):
        word = (m.group(1) or m.group(2) or "").lower()
        for axis in product.axes:
            if axis.key in wanted and (word.startswith(axis.label.lower()) and axis.label
                                       or any(word.startswith(w) for w in AXIS_WORDS.get(axis.key, ()))):
                return axis.key
    return None


def _in_stock_siblings(g: Grounding, product: Any, wanted: dict[str, str], vary_first: str | None = None) -> None:
    """After "아이보리 M은 품절이에요": what is in stock with all but one of the chosen values ("M은 블랙 12개, 네이비 3개가
    있어요"), the size kept first (a customer who knows their size asks for another colour); of two kinds of option
    neither of which is a size ("쿠션 23호 단품"), each kept in turn. Nothing when the customer chose one value only
    (the stock line already lists the others) or nothing near is in stock."""
    if len(wanted) == 1:  # a product of one option axis, its one value asked sold out: its other values in stock
        (axis, value), = wanted.items()
        near = [x for x in product.variants if x.in_stock and x.option(axis) and x.option(axis) != value]
        if near:
            shown = near[:_SIBLINGS_SHOWN]
            for x in shown:
                g.add(f"variant:{x.sku}", variant_fact(product, x))
            asked = [x for x in product.variants if x.option(axis) == value]
            # an option at another price carries its own ("다른 중량은 3kg 18개(24,900원)": the price said after is the
            # sold-out one's)
            priced = any(x.price != asked[0].price for x in shown) if asked else False
            listed = ", ".join(g.text("{o} {n}개({p})", "{o} ({n}, {p})", o=x.option(axis), n=x.stock, p=won(x.price, g.lang))
                               if priced else g.text("{o} {n}개", "{o} ({n})", o=x.option(axis), n=x.stock) for x in shown)
            label = next((x.label for x in product.axes if x.key == axis), axis)
            g.say("다른 {a}{j} {list}{cop} 있어요.", "In stock in other {a_en}: {list}.", a=label, j=josa(label, "은", "는"),
                  a_en=_axis_en(label), list=listed, cop=josa(listed, "이", "가") if g.lang == "ko" else "")
        return
    if len(wanted) < 2:
        return
    order = sorted(wanted, key=lambda k: 0 if k != "size" else 1)  # vary the colour (or other) before the size
    if vary_first in wanted:
        order = [vary_first]  # "다른 사이즈 중청은": the sizes of the colour kept, only
    for vary in order:
        kept = {k: v for k, v in wanted.items() if k != vary}
        near = [x for x in product.variants if x.matches(kept) and x.in_stock and x.option(vary) != wanted[vary]]
        if not near:
            continue
        shown = near[:_SIBLINGS_SHOWN]
        for x in shown:
            g.add(f"variant:{x.sku}", variant_fact(product, x))
        kept_label = " ".join(kept.values())
        asked = [x for x in product.variants if x.matches(wanted)]
        # a sibling dearer or cheaper than the option asked carries its own price ("16인치 4개(1,690,000원)")
        priced = any(x.price != asked[0].price for x in shown) if asked else False
        listed = ", ".join(g.text("{o} {n}개({p})", "{o} ({n}, {p})", o=x.option(vary), n=x.stock, p=won(x.price, g.lang))
                           if priced else g.text("{o} {n}개", "{o} ({n})", o=x.option(vary), n=x.stock) for x in shown)
        g.say("{k}{j} {list}{cop} 있어요.", "In {k}, these are in stock: {list}.", k=kept_label, j=josa(kept_label, "은", "는"),
              list=listed, cop=josa(listed, "이", "가") if g.lang == "ko" else "")
        if len(wanted) != 2 or "size" in wanted:
            return  # (a size is kept; two other kinds are each as likely the one the customer would change)


def _stock_sentence(g: Grounding, product: Any, wanted: dict[str, str], variants: Sequence[Any], text: str = "") -> bool:
    """The stock of the options asked (all of them when none is); True when every option's count was listed (no
    choice is left to ask about)."""
    label = " ".join(x for x in (product.name, _option_phrase(product, wanted, g.lang)) if x)
    if len(variants) == 1:
        v = variants[0]
        if v.in_stock:
            g.say("{label}{j} 현재 {n}개 남아 있어요.", "In stock: {n} of {label}.", label=label, j=josa(label, "은", "는"),
                  n=v.stock)
        else:
            g.say("{label}{j} 현재 품절이에요.", "Sold out right now: {label}.", label=label, j=josa(label, "은", "는"))
            if v.restock_date:
                g.say("{d} 재입고 예정이에요.", "It's expected back on {d}.", d=korean_date(v.restock_date, g.lang))
            else:
                g.say("재입고 일정은 아직 정해지지 않았어요.", "There's no restock date yet.")
            _in_stock_siblings(g, product, wanted, _other_axis_asked(product, wanted, text))
        return False
    if not variants and len(wanted) > 1:
        # each value exists but not together ("25호 + 리필 포함"): say so, with how the first value is sold
        first_axis = next(a for a in product.axes if a.key in wanted)
        alone = [v for v in product.variants if v.matches({first_axis.key: wanted[first_axis.key]})]
        for v in alone:
            g.add(f"variant:{v.sku}", variant_fact(product, v))
        g.say("{label} 조합은 판매하지 않아요.", "{label} isn't sold as that combination.", label=label)
        if alone:
            listed = ", ".join(g.text("{o} {p}(재고 {n}개)", "{o} {p} ({n} in stock)", o=v.label, p=won(v.price, g.lang), n=v.stock)
                               if v.in_stock else g.text("{o} {p}(품절)", "{o} {p} (sold out)", o=v.label, p=won(v.price, g.lang))
                               for v in alone)
            g.say("{value}{j} {list}{cop} 있어요.", "{value} is available as: {list}.", value=wanted[first_axis.key],
                  j=josa(wanted[first_axis.key], "은", "는"), list=listed, cop=josa(listed, "이", "가") if g.lang == "ko" else "")
        return False
    in_stock = [v for v in variants if v.in_stock]
    sold_out = [v for v in variants if not v.in_stock]
    free = [a for a in product.axes if a.key not in wanted]
    def name(v: Any) -> str:
        own = [v.option(a.key) for a in free if v.option(a.key)]
        if g.lang == "en":  # "S / black": the values in English where the glossary knows every word
            own = [english_value(x, alone=True) for x in own]
        return " / ".join(own) or v.label
    if not in_stock:
        g.say("{label}{j} 현재 모두 품절이에요.", "Sold out in every option: {label}.", label=label, j=josa(label, "은", "는"))
        restock = sorted((v for v in sold_out if v.restock_date), key=lambda v: v.restock_date)
        if restock:
            g.say("{opt}{j} {d} 재입고 예정이에요.", "{opt} is expected back on {d}.", opt=name(restock[0]),
                  j=josa(name(restock[0]), "은", "는"), d=korean_date(restock[0].restock_date, g.lang))
        return False
    shown = ", ".join(f"{name(v)} {v.stock}개" if g.lang == "ko" else f"{name(v)} ({v.stock})" for v in in_stock[:8])
    if len(in_stock) > 8:  # "옥스포드 셔츠 있어요?": the first eight, said to be some of how many in stock
        g.add(f"product:{product.id}:options_in_stock", f"{label}: 재고가 있는 옵션 {len(in_stock)}가지")
        shown += g.text(" 등 모두 {n}가지 옵션이", " ({n} options in all)", n=len(in_stock))
    g.say("{label}{j} 현재 {list} 남아 있어요.", "In stock for {label}: {list}.", label=label, j=josa(label, "은", "는"), list=shown)
    if sold_out:
        def out(v: Any) -> str:
            if not v.restock_date:
                return name(v)
            return g.text("{n}({d} 재입고 예정)", "{n} (back on {d})", n=name(v), d=korean_date(v.restock_date, g.lang))
        g.say("{list}{j} 품절이에요.", "Sold out: {list}.", list=", ".join(out(v) for v in sold_out[:6]),
              j=josa(name(sold_out[min(5, len(sold_out) - 1)]), "은", "는"))
    return len(in_stock) <= 8 and len(sold_out) <= 6


# The units a product states a size or capacity in, and a customer gives a measure in (one list for both).
_UNITS = r"(ml|l|g|kg|매|개입|인치|inch(?:es)?|cm|mm|호|gb|tb|w)(?![A-Za-z])"
_UNIT_VALUE = re.compile(r"\d+(?:\.\d+)?\s*" + _UNITS, re.I)


# a sold-out option with no restock date, and the shop's own way to hear when it is back
_NO_DATE = ("재입고 일정은 아직 정해지지 않았어요", "재입고 일정 미정")
_ALERT = re.compile(r"재입고\s*알림")


def _restock_alert(g: Grounding, knowledge: Any, a: TurnAnalysis | None = None) -> None:
    """After "재입고 일정은 아직 정해지지 않았어요", or when the customer asks to be told of the restock ("입고 되면
    알려주실 수 있나요"): the shop's clause on asking to be told when it is back ("품절 상품은 … 재입고 알림을
    신청하시면 …"), once, when the shop has one (Korean replies: the clause is the shop's own Korean)."""
    told_asked = a is not None and a.has("inform") and a.has("restock") and (a.hypothetical or "알림" in a.text) \
        and any("품절" in s for s in g.sentences)  # (to be told then, not told the date: "재입고 일정 알려주세요")
    if g.lang != "ko" or not (told_asked or any(x in s for s in g.sentences for x in _NO_DATE)) \
            or any(_ALERT.search(s) for s in g.sentences):
        return
    try:
        passages = [p for p in knowledge.passages().passages if _ALERT.search(p.text)]
    except (AttributeError, TypeError):
        return
    passages.sort(key=lambda p: p.kind != "clause")  # the rule before an FAQ answer
    if passages:
        from agent.general_facts import quote
        from agent.policy_answer import PolicyAnswer

        g.sentences.extend(quote(g, knowledge, PolicyAnswer(passages=passages[:1], confident=True)))


def single_form_value(product: Any, like: str = "") -> str | None:
    """For a product sold in one form without option values, the size written in its name or description
    ("50ml"), preferring the unit of `like` (what the customer asked for, e.g. 100ml)."""
    unit = _UNIT_VALUE.search(like or "")
    for text in (product.name, *product.aliases, product.description or ""):
        for m in _UNIT_VALUE.finditer(text or ""):
            if unit is None or m.group(1).lower() == unit.group(1).lower():
                return m.group(0).replace(" ", "")
    return None


# a size written as a number beside the size word ("사이즈 33", "33 사이즈", "size 33")
_SIZE_NUMBER = re.compile(r"(?:사이즈|치수|\bsize)\s*(\d{2,3})(?!\d)|(?<!\d)(\d{2,3})\s*(?:사이즈|\bsize\b)", re.I)
# a number alone, then a particle or nothing ("운동화 245 있어요?", "27은요?"): never a count, price or measure
_LONE_SIZE_NUMBER = re.compile(r"(?<![\d,.:/~-])(\d{2,3})(?=\s*(?:$|[?？!.,~]|\s|은|는|이|가|도|로|으로|에|요|짜리|신|입))"
                               r"(?!\s*(?:정도|쯤|전후|안팎|[a-zA-Z]))")  # (a unit or "about": no size)


def _bare_size_number(product: Any, text: str, own: Sequence[Any] = ()) -> re.Match[str] | None:
    """A number written alone that reads as a size of `product` (or of sizes `own`): its sizes are all numbers of as
    many digits, and the number is near their range (within a fifth of it) but not one of them ("245" for shoes of
    250~290)."""
    given = list(own) if product is None else list(product.sizes)
    sizes = [int(x) for x in given if str(x).isdigit()]
    if not sizes or len(sizes) != len(given) or len({len(str(x)) for x in sizes}) != 1:
        return None
    low, high = min(sizes), max(sizes)
    from agent.turn_analysis import analyse_turn

    measured = [h.end for h in analyse_turn(text).hits if h.concept in ("measure", "body")]
    for m in _LONE_SIZE_NUMBER.finditer(text):
        n = int(m.group(1))
        rest = text[m.end():].lstrip()
        if any(0 <= m.start() - end <= 2 for end in measured) or RANGE_MIN.match(rest) or RANGE_MAX.match(rest):
            continue  # "허리단면 40", "40 넘는": a measure's value or a bound, not a size
        if len(m.group(1)) == len(str(low)) and low * 0.8 <= n <= high * 1.2 and n not in sizes:
            return m
    return None


# a letter size of the clothing world, written in Latin letters ("3XL", "xxl", "XS"): the size asked for even when
# no product of the shop is sold in it (the shop's own values are found by its option vocabulary)
_LETTER_SIZE = re.compile(r"(?<![A-Za-z0-9])((?:[2-6]\s?)?x{1,4}[ls]|xs)(?![A-Za-z])", re.I)
_LETTER_ONLY = re.compile(r"(?:[2-6]?X*[SML]|XS|FREE|F)", re.I)


# a part asked to be bought on its own ("리필만 따로 팔아요?", "리필 단품으로 살 수 있어요?")
_ON_ITS_OWN = re.compile(r"\s*(?:만\s*(?:따로|단독|별도|단품)?|\s*(?:따로|단독|별도|단품)(?:으로|만)?)\s*(?:으로\s*)?"
                         r"(?:사|살|팔|파|판매|구매|구입|주문)")


def _part_sold_alone(g: Grounding, knowledge: Any, product: Any, mentions: Sequence[Any], text: str) -> bool:
    """"쿠션 리필만 따로 팔아요?": a word that is only part of an option value of the product ("리필" of "리필 포함"),
    asked to be bought on its own, when no product of the shop is called by it: no such product is sold; the options
    that hold it, and the others, with their prices. (A part the shop does sell alone, "필터만 따로 사요?" of a filter
    product, names that product and never comes here.)"""
    from agent.mentions import mentioned_products

    # (a thing, never a value's number, "23호 단품으로 살수있나요", nor beside a whole value named: that one is wanted)
    part = next((m for m in mentions if m.partial and m.value and m.token and not re.search(r"\d", m.token)
                 and re.search(re.escape(m.token) + _ON_ITS_OWN.pattern, text)), None)
    if part is not None and any(not m.partial and m.value for m in mentions):
        return False
    if part is None and any(_ON_ITS_OWN.match(text, e0) for _, e0 in name_spans(text, product)) \
            and any(v.in_stock for v in product.variants):
        # "필터만 따로 사요?", "셋업 자켓만 따로 살 수 있어요?" of a product of its own: yes, at its price
        g.say("네, {name}{j} 따로 구매하실 수 있어요.", "Yes, {name} is sold on its own.", name=product.name,
              j=josa(product.name, "은", "는"))
        _price_sentence(g, product, [v for v in product.variants if v.in_stock])
        g.topic = "price"
        return True
    if part is None or any(pid != product.id for pid in mentioned_products(knowledge, part.token)):
        return False
    axis = product.axis(part.axis)
    if axis is None:
        return False
    prices = {value: min((v.price for v in product.variants if v.matches({axis.key: value})), default=None)
              for value in product.values(axis.key)}
    listed = ", ".join(f"{value} {won(price, g.lang)}" for value, price in prices.items() if price is not None)
    for v in product.variants[:_MAX_VARIANT_FACTS]:
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    g.add(f"turn:asked:{part.token}", f"고객이 따로 사려는 것 {part.token} (단독 상품 없음)")
    g.say("{tok}만 따로 파는 상품은 없어요. {name}{j} {axis}에 따라 {list}{cop}.",
          "We don't sell {tok} on its own. {name} comes as: {list}.", tok=part.token, name=product.name,
          j=josa(product.name, "은", "는"), axis=axis.label, list=listed, cop=_copula(listed))
    g.topic = "options"
    return True


def _missing_sentence(g: Grounding, product: Any, missing: Sequence[Any]) -> None:
    """An option value the product is not sold in: say so, with the values it has on that axis."""
    m = missing[0]
    axis = product.axis(m.axis) or (product.axes[0] if product.axes else None)
    values = product.values(axis.key) if axis else []
    g.add(f"turn:asked:{m.token}", f"고객이 말한 옵션 {m.token} (상품 정보에 없는 값)")
    if not product.axes and len(product.variants) == 1:
        own = single_form_value(product, m.token)
        v = product.variants[0]
        if own:
            g.add(f"product:{product.id}:form", f"{product.name}: {own} 한 가지로 판매 (설명 기준), 가격 {won(v.price)}")
            g.say("{name}{j} {own} 한 가지로만 판매하고, 가격은 {p}이에요. {tok}{j2} 없어요.",
                  "{name} comes in {own} only, at {p}; there's no {tok}.", name=product.name, j=josa(product.name, "은", "는"),
                  own=own, p=won(v.price, g.lang), tok=m.token, j2=josa(m.token, "은", "는"))
            return
    if axis and values:
        g.say("{name}{j} {tok} {axis}{j2} 판매하지 않아요. 가능한 {axis}{j3} {values}{cop}.",
              "{name} doesn't come in {tok}. Available {axis_en}: {values}.", name=product.name,
              j=josa(product.name, "은", "는"), tok=m.token, axis=axis.label, j2=josa(axis.label, "은", "는"),
              j3=josa(axis.label, "은", "는"), values=", ".join(values), cop=_copula(values[-1]),
              axis_en=_axis_en(axis.label))
    else:
        g.say("{name}{j} {tok} 옵션 없이 한 가지로만 판매해요.", "{name} comes in one version only (no {tok}).",
              name=product.name, j=josa(product.name, "은", "는"), tok=m.token)


def _axis_en(label: str, plural: bool = True) -> str:
    """An option axis's name in English; a shop's own Korean axis name ("향", "스위치") is said as "options"."""
    known = {"사이즈": "size", "색상": "colour", "용량": "volume", "중량": "weight", "호수": "shade", "향": "scent",
             "크기": "size"}
    word = known.get(label) or ("option" if re.search(r"[가-힣]", label) else label)
    return word + "s" if plural and (word in known.values() or word == "option") else word


def _value_counts(knowledge: Any, product: Any, mentions: Sequence[Any], text: str) -> dict[tuple[str, str], int]:
    """The count written after each option value ("코랄 2개랑 로지 1개" -> 2 and 1)."""
    from agent.mentions import lone_count

    ordered = sorted(mentions, key=lambda m: m.start)
    out: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ordered):
        until = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        qty = lone_count(knowledge, text[m.end:until]) if until > m.end else None
        own, _ = _resolve(knowledge, product, [m])
        for axis, value in own.items():
            if qty and (axis, value) not in out:
                out[(axis, value)] = qty
    return out


# a count said of each thing named ("각각 2개씩", "두 개씩", "2 each")
# (not every counter of `COUNTERS`: "1매씩", "한 봉지씩" are how a product is sold, not how many of each are bought)
_COUNT_EACH = re.compile(r"(?:각각\s*)?(?:\d{1,2}|한|두|세|네|다섯)\s*(?:개|벌|장|켤레|팩|병|봉|통|세트|박스)\s*씩|\b\d{1,2}\s+each\b", re.I)


# every size asked for ("사이즈 뭐 있어요", "what sizes does it come in", "which sizes")
_SIZES_ASKED = re.compile(r"사이즈\s*(?:뭐|뭐뭐|어떤\s*거|종류)|무슨\s*사이즈(?:들)?\s*(?:이|가)?\s*있|\bwhat\s+sizes\b|"
                          r"\bwhich\s+sizes\b|\bsizes?\s+(?:do|does)\s+(?:it|they|the\s+\w+(?:\s+\w+)?)\s+come\s+in\b", re.I)
_FOOT_SAID = re.compile(r"(?<![가-힣])" + FOOT_SIZE + r"(?!\d)")
# a way of washing or drying asked about ("세탁기 돌려도 돼요?", "건조기 돌려도 되나요", "can I machine wash it?")
_MACHINE_WASH = re.compile(r"세탁기|물\s*세탁|물빨래|빨아도|빨래\s*해도|machine[-\s]*wash|\bwash\s+it\b", re.I)
_DRYER = re.compile(r"건조기|\bdryer\b|tumble", re.I)


def _care_verdict(g: Grounding, a: Any, care: str) -> None:
    """A yes/no asked of one way of washing or drying, against the care note: no when the note recommends another way
    (드라이클리닝, 손세탁) or has the customer avoid it ("건조기 사용을 피해 주세요"); yes when it washes in a machine
    (세탁망); nothing when the note does not speak to it. The note itself follows."""
    if not a.is_question:
        return
    if _DRYER.search(a.text):
        if re.search(r"건조기[^.]*?(피|금지|수축|않|말)", care):
            g.say("건조기는 피하시는 게 좋아요.", "Better not to use a tumble dryer.")
        return
    if not _MACHINE_WASH.search(a.text):
        return
    if "드라이클리닝" in care and not re.search(r"세탁망|세탁기|물세탁", care):
        g.say("세탁기 세탁보다는 드라이클리닝을 권장해요.", "Machine washing isn't recommended; dry cleaning is.")
    elif "손세탁" in care:
        g.say("세탁기보다는 손세탁을 권장해요.", "Hand washing is recommended rather than the machine.")
    elif re.search(r"세탁망|세탁기", care):
        g.say("네, 세탁기로 세탁하실 수 있어요.", "Yes, it can be machine washed.")


def _asked_beside_values(g: Grounding, product: Any, turn: Turn, asks: set[str]) -> None:
    """What else a turn of several values asks of the product, after each value's price and stock ("… 브라운 M은
    있나요 세탁기 돌려도 돼요?", "… 블랙 L은요? 무게 가벼워요?", "연청 S 언제 다시 들어와요? 중청 S는"): its care note,
    its material, its weight or that its texts do not state it, and that a sold-out value has no restock date yet."""
    said = " ".join(g.sentences)
    if "care" in asks and product.care and product.care not in said:
        _care_verdict(g, turn.analysis, product.care)
        g.say("관리 방법: {c}", "Care: {c_en}", c=product.care, c_en=english_care(product.care))
    if "material" in asks and product.material and product.material not in said:
        g.say("소재는 {m}{cop}.", "Material: {m_en}.", m=product.material, cop=_copula(product.material),
              m_en=english_value(product.material))
    if (_WEIGHT_ASKED.search(turn.analysis.text) or "무게" in turn.analysis.text) \
            and not re.search(r"\d\s*(?:kg|g)\b", product.own_text):
        g.add(f"product:{product.id}:unstated", f"{product.name} 상품 정보에 무게 관련 내용 없음")
        g.say("{name}의 무게는 상품 정보에 나와 있지 않아요.", "{name}'s weight isn't stated in our product information.",
              name=product.name)
    if "restock" in asks and re.search(r"품절\)|sold out\)", said) and not re.search(r"재입고 예정|back on", said):
        g.say("품절된 옵션의 재입고 일정은 아직 정해지지 않았어요.", "There's no restock date yet for the sold-out options.")
    if "measure" in asks and product.size_chart:
        from agent.entities import measures_asked

        # "… 차콜 XL 없어요? 베이지는요 기장 몇cm에요": the measure asked, of the size the values were named in
        sizes = [x for x in product.size_chart if re.search(rf"(?<![A-Za-z0-9]){re.escape(x)}(?![A-Za-z0-9])",
                                                            turn.analysis.text, re.I)]
        chart = _chart_fact(product, sizes, measures_asked(turn.analysis.text)) if sizes else None
        if chart and chart not in said:
            g.add(f"product:{product.id}:size_chart", chart)
            g.say("실측 사이즈는 {c}입니다.", "Measurements: {c_en}.", c=chart, c_en=english_value(chart, alone=True))


def _values_side_by_side(g: Grounding, knowledge: Any, product: Any, picks: Sequence[tuple[str, str]], asks: set[str],
                         counts: dict[tuple[str, str], int] | None = None,
                         fixed: dict[str, str] | None = None, region: str | None = None) -> Grounding:
    """Several values of one axis named together ("코랄이랑 로지 둘 다 사면", "파란색 XL이랑 곤색 XL 재고"): each one's
    price and stock (with its restock date when sold out) in the `fixed` values of the other axes, and the total when
    they are bought together."""
    lines, items, gone = [], [], []
    buyable: list[tuple[str, tuple[str, int, int]]] = []  # (value, item) of the options in stock
    short: list[tuple[str, int, int]] = []  # (value, stock, count wanted) of those with fewer left than wanted
    fixed = fixed or {}
    for axis, value in picks:
        variants = [v for v in product.variants if v.option(axis) == value and v.matches(fixed)]
        for v in variants[:3]:
            g.add(f"variant:{v.sku}", variant_fact(product, v))
        if not variants:
            continue
        v = min(variants, key=lambda x: x.price)
        if len(variants) == 1 and not v.in_stock and v.restock_date:
            stock = g.text("품절, {d} 재입고 예정", "sold out, back on {d}", d=korean_date(v.restock_date, g.lang))
        else:
            stock = g.text("재고 {n}개", "{n} in stock", n=v.stock) if len(variants) == 1 and v.in_stock else (
                g.text("재고 있음", "in stock") if any(x.in_stock for x in variants) else g.text("품절", "sold out"))
        lines.append(f"{value} {won(v.price, g.lang)}({stock})" if g.lang == "ko" else f"{value} {won(v.price, g.lang)} ({stock})")
        items.append((f"{product.name} {value}", v.price, (counts or {}).get((axis, value), 1)))
        if not any(x.in_stock for x in variants):
            gone.append(value)
        else:
            buyable.append((value, items[-1]))
            if len(variants) == 1 and items[-1][2] > v.stock:
                short.append((value, v.stock, items[-1][2]))
    name = " ".join([product.name, *fixed.values()])
    g.say("{name} {list}.", "{name}: {list}.", name=name, list=", ".join(lines))
    for value, left, wanted in short:
        # "적축 2개랑 갈축 5개" with four 갈축 left: that one cannot be had in the count asked (the customer's count is
        # theirs, not a shop fact), and no total is said as if it could
        g.add(f"turn:count:{value}:{wanted}", f"고객이 원하는 {value} 수량 {wanted}개 (상품 정보 아님)")
        g.say("{v}{j} 남은 수량이 {n}개라 {w}개는 한 번에 주문하기 어려워요.", "Only {n} of {v} are left, so {w} can't be "
              "ordered at once.", v=value, j=josa(value, "은", "는"), n=left, w=wanted)
    if short:
        asks = asks - {"total"}
    per_value = [[v for v in product.variants if v.option(axis) == value and v.matches(fixed)] for axis, value in picks]
    if "most_stock" in asks and len(picks) >= 2 and all(per_value):
        # "모브랑 코랄중에 재고 더 많은게?": which of them has more left, said plainly ("기모후드티 블랙이랑 네이비 중에":
        # each colour's stock over its sizes, a derived sum)
        left = [sum(v.stock for v in vs) for vs in per_value]
        best = max(range(len(picks)), key=lambda i: left[i])
        if sum(1 for n in left if n == left[best]) == 1:
            if len(per_value[best]) > 1:
                g.add(f"derived:stock_sum:{product.id}:{picks[best][1]}",
                      f"{product.name} {picks[best][1]} 옵션 재고 합계 {left[best]}개 ("
                      + " + ".join(f"{v.label} {v.stock}" for v in per_value[best]) + ")")
            g.say("{v}{j} {n}개로 재고가 더 많아요.", "{v} has more left ({n}).", v=picks[best][1],
                  j=josa(picks[best][1], "이", "가"), n=left[best])
    if "plans" in asks and len(items) > 1:
        _plans_sentence(g, product, items)
    if asks & {"per_unit", "plans"} and len(items) > 1:
        _per_unit_sentence(g, product, picks, fixed)
    prices = {price for _, price, _ in items}
    if len(items) > 1 and "compare_price" in asks:
        diff = g.derive_difference(f"derived:difference:{product.id}", items[0][:2], items[1][:2]) \
            if len(items) == 2 and len(prices) == 2 else None
        if diff is not None:  # "14인치 i5랑 16인치 i5 가격 차이 얼마에요?"
            g.say("가격 차이는 {d}{cop}.", "The difference is {d}.", d=won(diff, g.lang), cop=_copula(won(diff)))
        else:
            g.say("가격은 같아요." if len(prices) == 1 else "가격이 달라요.",
                  "They cost the same." if len(prices) == 1 else "Their prices differ.")
    elif len(items) > 1 and "compare" in asks and not asks & {"total", "stock", "most_stock", "plans", "per_unit"} \
            and not any(axis == "size" for axis, _ in picks):  # (sizes differ by their chart, told where measures are)
        _values_differ(g, product, [value for _, value in picks], len(prices) == 1)
    if "total" in asks and len(items) > 1 and gone:
        if len(buyable) > 1 or buyable and buyable[0][1][2] > 1:
            # "퀸 품절이에요? 그럼 싱글 두개 사면": a sold-out option cannot be bought; the total is of the others
            total = g.derive_total(f"derived:total:{product.id}:" + "+".join(v for v, _ in buyable), [i for _, i in buyable])
            if total is not None:
                out = ", ".join(gone)
                g.say("품절인 {out}{j} 빼고 계산하면 합계 {t}{cop}.", "Leaving out the sold-out {out}, that's {t}.", out=out,
                      j=josa(out, "은", "는"), t=won(total, g.lang), cop=_copula(won(total)))
    elif "total" in asks and len(items) > 1:  # "둘 다 사면": the total; "27인치랑 32인치 가격 각각": each price only
        total = g.derive_total(f"derived:total:{product.id}:" + "+".join(v for _, v in picks), items)
        if total is not None:
            g.say("함께 구매하시면 합계 {t}{cop}.", "Together that's {t}.", t=won(total, g.lang), cop=_copula(won(total)))
    if "fee" in asks and region is not None and buyable and len({item[1] for _, item in buyable}) == 1 \
            and "total" in asks:
        # "100ml 품절이던데 50ml 두개 사면 배송비 무료에요?": the fee of the options that can be bought, at their price
        _fee_sentence(g, knowledge, [(product, sum(item[2] for _, item in buyable))], region,
                      {product.id: buyable[0][1][1]})
    return g.finish()


def _values_differ(g: Grounding, product: Any, values: list[str], same_price: bool) -> None:
    """"적축이랑 갈축 차이가 뭐에요?": how two options of one product differ, as far as its own texts tell: the
    sentences that name them, or that they do not say (after whether they cost the same)."""
    g.say("가격은 같아요." if same_price else "가격이 달라요.", "They cost the same." if same_price else "Their prices differ.")
    own = [x for x in _sentences(product.description) if any(v in x for v in values)]
    for i, x in enumerate(own[:2]):
        g.add(f"product:{product.id}:text:{i}", x)
    if own:
        g.say("상품 안내에는 이렇게 나와 있어요: {t}", "The product's notes say: {t}", t=" ".join(own[:2]))
    elif not all(_QUANTITY_VALUE.match(v) for v in values):  # (10kg and 20kg differ in what they say: no more to tell)
        listed = "·".join(values)
        g.say("옵션 이름 외에 {v}의 차이는 상품 안내에 따로 나와 있지 않아요.", "Beyond their names, the product's notes "
              "don't say how {v} differ.", v=listed)


# which of several has more left: "재고 더 많은게?", "어느게 더 많이 남았어요", "which has more in stock"
_MORE_LEFT = re.compile(r"(재고|수량)\S*\s*(가|이)?\s*(더|제일|가장)\s*많|(더|제일|가장)\s*(재고|수량)\S*\s*많|(더|제일|가장)\s*많이\s*남|"
                        r"\b(more|most)\s+(left|in\s+stock|stock)\b", re.I)
# "가격 같아요?", "가격 차이 있어요?", "same price?": whether the prices differ, said in words
_PRICE_COMPARED = re.compile(r"(가격|값)\S*\s*(똑?같|동일|차이|다르|달라|다른)|(같은|똑같은|동일한|다른)\s*가격|"
                             r"얼마\s*(나\s*)?차이|차이\S*\s*얼마|"  # "얼마 차이?", "차이가 얼마예요"
                             r"\bsame\s+price\b|\bcost\s+the\s+same\b|\bprice\s+difference\b|"
                             r"\bhow\s+much\s+(more|less|cheaper|difference)\b", re.I)


_QUANTITY_VALUE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z가-힣]+)\b")
# "뭐가 이득이에요?", "가성비", "better value", "per kg": which option is cheaper for its quantity
_VERSUS = re.compile(r"\bvs\.?\b|\bversus\b|비교", re.I)
_PER_UNIT = re.compile(r"이득|가성비|더\s*싸|(얼마나|뭐가|어느\s*게|어떤\s*게)\s*(더\s*)?(싸|저렴)|보다\s*(더\s*)?(싸|저렴)|저렴한\s*(거|걸|게)|better\s+value|per\s+(kg|g|gram|ml|liter|litre|unit)|unit\s+price|"
                       r"(kg|그램|키로|ml|리터)\s*당", re.I)


def _plans_sentence(g: Grounding, product: Any, items: Sequence[tuple[str, int, int]]) -> None:
    """Options bought in the counts the customer weighs against each other ("3키로 두개 사는거랑 5키로 하나 사는거 뭐가
    나아요?"): what each way comes to, and which costs less and by how much (every sum a derived fact)."""
    plans = []
    for label, price, qty in items:
        total = g.derive_total(f"derived:total:{label}x{qty}", [(label, price, qty)])
        if total is None:
            return
        value = label[len(product.name):].strip() or label
        plans.append((g.text("{v} {n}개 {t}", "{n} × {v}: {t}", v=value, n=qty, t=won(total, g.lang)), value, qty, total))
    listed = ", ".join(x[0] for x in plans)
    g.say("구매 방법별로 계산하면 {list}{cop}.", "Worked out each way: {list}.", list=listed, cop=_copula(listed))
    ranked = sorted(plans, key=lambda x: x[3])
    amounts = {_bought_amount(value, qty) for _, value, qty, _ in plans}
    # the sums compare only when both ways buy the same amount (10kg × 2 and 20kg × 1); else the price per unit does
    if len(plans) == 2 and ranked[0][3] != ranked[1][3] and len(amounts) == 1 and None not in amounts:
        low, high = ranked
        diff = g.derive_difference(f"derived:difference:{product.id}:plans", (f"{high[1]} {high[2]}개", high[3]),
                                   (f"{low[1]} {low[2]}개", low[3]))
        if diff is not None:
            g.say("{v} {n}개가 {d} 더 저렴해요.", "{n} × {v} costs {d} less.", v=low[1], n=low[2], d=won(diff, g.lang))


def _bought_amount(value: str, qty: int) -> tuple[float, str] | None:
    """How much a count of a quantity option comes to ("10kg" × 2 -> (20, "kg")); None when the value is no quantity."""
    m = _QUANTITY_VALUE.match(str(value))
    return (float(m.group(1)) * qty, m.group(2).lower()) if m else None


def _per_unit_sentence(g: Grounding, product: Any, picks: Sequence[tuple[str, str]], fixed: dict[str, str]) -> None:
    """The price per unit of each option sold by quantity ("3kg 15,900원, 5kg 23,900원": 1kg당 5,300원 / 4,780원) and
    which is cheaper for its quantity; nothing unless every value is a number in one and the same unit."""
    rows = []
    for axis, value in picks:
        m = _QUANTITY_VALUE.match(str(value))
        variants = [v for v in product.variants if v.option(axis) == value and v.matches(fixed)]
        if not m or not variants:
            return
        rows.append((value, float(m.group(1)), m.group(2), min(v.price for v in variants)))
    if len({unit for _, _, unit, _ in rows}) != 1:
        return
    unit = rows[0][2]
    per = []
    for value, amount, _, price in rows:
        each = g.derive_per_unit(f"derived:per_unit:{product.id}:{value}", f"{product.name} {value}", price, amount, unit)
        if each is None:
            return
        per.append((value, each))
    best = min(per, key=lambda x: x[1])
    g.say("1{u}당 가격은 {list}으로, {b}{j} 더 저렴해요.", "Per {u}: {list}, so {b} is the better value.", u=unit,
          list=", ".join(f"{v} {won(x, g.lang)}" for v, x in per), b=best[0], j=josa(best[0], "이", "가"))


def _value_groups(knowledge: Any, product: Any, turn: Turn) -> list[list[Any]] | None:
    """The option values this turn writes, in groups that each name one variant ("L 그레이랑 XXL 블랙" -> [L, 그레이],
    [XXL, 블랙]: a group ends where an axis repeats), when two or more axes change between groups; else None (one
    axis varying is `_varied_axis`'s)."""
    own = sorted(knowledge._searcher().vocab.find_mentions(turn.analysis.text), key=lambda m: m.start)
    groups: list[list[Any]] = [[]]
    for m in own:
        if any(x.axis == m.axis for x in groups[-1]):
            groups.append([])
        groups[-1].append(m)
    if len(groups) < 2 or any(not grp for grp in groups):
        return None
    varying = {axis for axis in {m.axis for m in own} if len({m.value for m in own if m.axis == axis}) > 1}
    if len(varying) < 2 or any(len(grp) < len({m.axis for m in own}) for grp in groups):
        return None
    return groups


def _so_many_of(g: Grounding, product: Any, v: Any, n: int) -> None:
    """"3kg 2개는 합계 49,800원이에요", "여행용 미니 키트 3개는 …": an option (or a product of one option) counted, what that
    many come to."""
    label = v.label or product.name
    total = g.derive_total(f"derived:total:{v.sku}x{n}", [(f"{product.name} {v.label}".strip(), v.price, n)])
    if total is not None:
        g.say("{v} {n}개는 합계 {t}{cop}.", "{n} of {v} come to {t}.", v=label, n=n, t=won(total, g.lang),
              cop=_copula(won(total)))


def _groups_total(g: Grounding, knowledge: Any, product: Any, groups: Sequence[Sequence[Any]], a: Any) -> None:
    """"화이트L 스카이블루XL 각각 1장씩 사면 얼마고": the combinations bought, one each (or the count said of each),
    what they come to; nothing when the turn buys nothing, counts them otherwise, or one is not sold."""
    from agent.mentions import COUNTERS

    if _ALTERNATIVE.search(a.text) and groups and (a.has("price", "total") or a.question == "how_much"):
        # "사과 5kg 없으면 3kg 두개 얼마": the combination fallen back on, so many of it
        from agent.mentions import first_count

        last = groups[-1]
        wanted, missing = _resolve(knowledge, product, list(last))
        variants = [v for v in product.variants if v.matches(wanted)]
        n = first_count(a.text[max(m.end for m in last):]) or 0
        if not missing and len(variants) == 1 and variants[0].in_stock and n >= 2:
            _so_many_of(g, product, variants[0], n)
        return
    if not (a.has("buy") or a.hypothetical) or not a.has("price", "total", "cost"):
        return
    each = re.search(rf"(\d{{1,2}})\s*(?:{COUNTERS})\s*씩", a.text)
    if not each and re.search(rf"\d\s*(?:{COUNTERS})", a.text):
        return  # (a count of its own per line: not read here)
    qty = int(each.group(1)) if each else 1
    items = []
    for grp in groups:
        wanted, missing = _resolve(knowledge, product, list(grp))
        variants = [v for v in product.variants if v.matches(wanted)]
        if missing or len(variants) != 1 or not variants[0].in_stock:
            return
        items.append((f"{product.name} {variants[0].label}", variants[0].price, qty))
    total = g.derive_total(f"derived:total:{product.id}:" + "+".join(f"{p}x{q}" for _, p, q in items), items)
    if total is not None:
        g.say("모두 합계 {t}{cop}.", "Together they come to {t}.", t=won(total, g.lang), cop=_copula(won(total)))


def _group_lines(g: Grounding, knowledge: Any, product: Any, groups: Sequence[Sequence[Any]]) -> list[str]:
    """Each written combination of option values: its price and stock, its restock date when sold out, or that the
    product has no such value."""
    lines: list[str] = []
    for grp in groups:
        wanted, missing = _resolve(knowledge, product, list(grp))
        label = _option_phrase(product, wanted, g.lang) or " ".join(m.token for m in grp)
        if missing:
            lines.append(g.text("{l}: {t} 없음", "{l}: no {t}", l=label, t=missing[0].token))
            continue
        variants = [v for v in product.variants if v.matches(wanted)]
        for v in variants[:_COMBINATIONS_LISTED]:
            g.add(f"variant:{v.sku}", variant_fact(product, v))
        if not variants or len(variants) > _COMBINATIONS_LISTED:
            continue
        for v in variants:
            # (a combination that leaves a kind unnamed, "14인치 i7" of a laptop sold in 16GB and 32GB: each of its
            # options, by its full label)
            shown = label if len(variants) == 1 else v.label
            state = _variant_state(g, v)
            lines.append(f"{shown} {won(v.price, g.lang)}({state})" if g.lang == "ko"
                         else f"{shown} {won(v.price, g.lang)} ({state})")
    return lines


_COMBINATIONS_LISTED = 3  # options of one written combination listed each, at most


def _variant_state(g: Grounding, v: Any) -> str:
    """"재고 3개", "품절, 12월 10일(목) 재입고 예정" or "품절, 재입고 일정 미정": one option's stock as a line says it."""
    if v.in_stock:
        return g.text("재고 {n}개", "{n} in stock", n=v.stock)
    if v.restock_date:
        return g.text("품절, {d} 재입고 예정", "sold out, back on {d}", d=korean_date(v.restock_date, g.lang))
    return g.text("품절, 재입고 일정 미정", "sold out, no restock date yet")


def _varied_axis(knowledge: Any, product: Any, picks: Sequence[tuple[str, str]],
                 turn: Turn) -> tuple[str, dict[str, str]] | None:
    """(the axis this turn names several values of, the one value of each other axis named) when the turn itself
    names two or more values of exactly one axis and one value of some other ("회색 L이랑 검정 L"), else None."""
    by_axis: dict[str, list[str]] = {}
    for axis, value in picks:
        by_axis.setdefault(axis, []).append(value)
    varying = [axis for axis, values in by_axis.items() if len(values) > 1]
    if len(varying) != 1 or len(by_axis) < 2:
        return None
    own = knowledge._searcher().vocab.find_mentions(turn.analysis.text)
    if len({m.value for m in own if m.axis == varying[0]}) < 2:
        return None  # values carried from earlier turns: not a side-by-side this turn asks for
    return varying[0], {axis: values[0] for axis, values in by_axis.items() if axis != varying[0]}


def _relative_value(product: Any, text: str) -> Any | None:
    """"큰통", "대용량", "the big bottle", "작은 거": the largest or smallest value of the product's one measured option
    (150ml / 300ml, 2.5kg / 5kg) as a mention, when the turn names no value; None otherwise."""
    from core.knowledge.model import OptionMention

    found = list(_RELATIVE_SIZE.finditer(text))
    if len({bool(x.group("big")) for x in found}) != 1 or re.search(r"알\s*(이|은|이가|도)?\s*$", text[:found[0].start()]):
        return None  # none, both ("큰 거 말고 작은 거"), or the size of each fruit ("알이 큰 거예요?"), not of the pack
    m = found[0]
    measured = []
    for axis in product.axes:
        values = product.values(axis.key)
        amounts = [re.fullmatch(r"(\d+(?:\.\d+)?)\s*([A-Za-z가-힣]+)", v.strip()) for v in values]
        if len(values) >= 2 and all(amounts) and len({x.group(2).lower() for x in amounts}) == 1:
            measured.append((axis.key, sorted(zip((float(x.group(1)) for x in amounts), values))))
    if len(measured) != 1:
        return None
    key, ranked = measured[0]
    big = bool(m.group("big"))
    value = ranked[-1][1] if big else ranked[0][1]
    return OptionMention(axis=key, value=value, token=m.group(0), start=m.start(), end=m.end())


# a relative size of the product itself, not a size of clothing ("큰 사이즈" of a shirt is no value named)
_RELATIVE_SIZE = re.compile(r"(?P<big>큰\s*(통|병|거|것|용량|걸|게|사이즈\s*용량)|대용량|\b(big|bigger|biggest|large|larger|largest)\s+"
                            r"(bottle|one|size|pack|box|jar|tube)\b)|(?P<small>작은\s*(통|병|거|것|용량|걸|게)|소용량|미니|"
                            r"\b(small|smaller|smallest|mini)\s+(bottle|one|size|pack|box|jar|tube)\b)", re.I)


# Korean names of units the texts write in Latin letters ("몇 그램" is stated by "300g"): never a unit unstated
_UNIT_NAMES = frozenset("그램 킬로 키로 킬로그램 리터 미리 밀리 센치 센티 미터 와트 인치 볼트 암페어 미리리터 밀리리터 프로 퍼센트 "
                        "기가 테라 메가 헤르츠 칼로리 킬로칼로리 밀리암페어".split())


def _service_cost_added(g: Grounding, knowledge: Any, product: Any, variants: Sequence[Any], a: TurnAnalysis) -> None:
    """"TV 벽걸이로 하면 총 얼마 들어요?": a word no concept or product name reads, written by exactly one of the shop's
    rule clauses with an amount right after it ("벽걸이 설치는 브래킷 포함 60,000원"), asked with the product's price
    in all: that clause, and the price and the amount added (a derived total; one price only)."""
    from agent.general_facts import quote
    from agent.policy_answer import PolicyAnswer

    prices = {v.price for v in variants}
    if len(prices) != 1 or not a.has("together"):  # ("총", "합계", "in total": the lexicon's own words for a sum)
        return
    spans = [(h.start, h.end) for h in a.hits] + name_spans(a.text, product)
    nouns = [m.surface for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
             and m.lemma not in GENERIC_NOUNS  # ("4만5천원 상품에 …": goods, no service of the rules)
             and not any(s0 < m.end and m.start < e0 for s0, e0 in spans)]
    if re.search(r"\d\s*(?:만|천)?\s*원|\d+\s*만", a.text):
        return  # a sum of the customer's own is the basket's ("4만5천원 상품에 양말 더한 거요"), no service's cost
    try:
        passages = knowledge.passages().passages
    except (AttributeError, TypeError):
        return
    found = [(p, w, amount) for w in nouns for p in passages if p.kind == "clause" and w in p.text
             and (amount := re.search(r"(\d[\d,]*)\s*원", p.text[p.text.index(w):]))]
    if len({(p.key, p.position) for p, _, _ in found}) != 1:
        return
    clause, word, amount = found[0]
    fee = int(amount.group(1).replace(",", ""))
    g.sentences.extend(quote(g, knowledge, PolicyAnswer(passages=[clause], confident=True)))
    price = next(iter(prices))
    total = g.derive_total(f"derived:total:{product.id}+{word}", [(product.name, price, 1), (word, fee, 1)])
    if total is not None:
        g.say("상품 가격 {p}에 {w} 비용 {f}{j} 더하면 총 {t}이에요.", "{p} for the product plus {f} for {w} comes to {t} "
              "in total.", p=won(price, g.lang), w=word, f=won(fee, g.lang), j=josa(won(fee), "을", "를"),
              t=won(total, g.lang))


def _part_said(part: Any, description: str, lang: str) -> str:
    """A set's part with its amount: the measure the set's own description writes after the part's name ("청송 꿀사과
    3kg와 …": 3kg, not "1개" of a fruit sold by weight), else its count."""
    measured = re.search(re.escape(part.name) + r"\s*(\d+(?:\.\d+)?\s*(?:kg|g|ml|l|L|매|구|봉|개입))", description or "")
    if measured and part.quantity == 1:
        return f"{part.name} {measured.group(1)}"
    return f"{part.name} {part.quantity}개" if lang == "ko" else f"{part.name} × {part.quantity}"


def _sale_ended(g: Grounding, product: Any, variants: Sequence[Any]) -> None:
    """"저번에 44200원이었는데 왜 52000원이에요?": a sale of the product that ended, its last day and its price (one sale
    shared by the options asked about; nothing when they ended differently or none did)."""
    ended = {v.sale_ended for v in variants if getattr(v, "sale_ended", None)}
    if len(ended) != 1:
        return
    day, was = next(iter(ended))
    g.add(f"product:{product.id}:sale_ended", f"{product.name}: {korean_date(day)}까지 할인가 {won(was)} (할인 종료)")
    g.say("{d}까지 할인가 {w}{j} 판매했고, 할인이 끝나 지금은 정가로 판매하고 있어요.",
          "It was on sale for {w} until {d}; the sale has ended and it's back at the regular price.",
          d=korean_date(day, g.lang), w=won(was, g.lang), j=josa(won(was), "으로", "로"))


def _unstated_first(g: Grounding, product: Any, word: str) -> None:
    """"X의 {word} 여부는 상품 정보에 따로 나와 있지 않아요": said first, what the product's texts do say follows."""
    g.add(f"turn:asked:{word}", f"고객이 물은 특성 {word} (상품 정보에 없음)")
    g.sentences.insert(0, g.text(f"{product.name}의 {word} 여부는 상품 정보에 따로 나와 있지 않아요. {_SEE_BELOW_KO}",
                                 f"Our product information doesn't say whether {product.name} has that ({word}); {_SEE_BELOW_EN}"))


# whether two things are one ("같은 거예요?", "똑같은 상품이에요?", "the same?")
_SAME_ASKED = re.compile(r"(?:같은|똑같은|동일한)\s*(?:거|것|건|상품|제품|옷)|똑같|동일|\bsame\b", re.I)


def _names_one_product(g: Grounding, product: Any, text: str) -> None:
    """"케이블니트랑 꽈배기니트 같은 거예요?": two of the customer's names that are both the product's own (its name
    and an alias) asked to be one thing: said so, before its card."""
    if not _SAME_ASKED.search(text):
        return
    said: dict[str, tuple[int, int]] = {}
    for s0, e0 in sorted(name_spans(text, product)):
        word = "".join(text[s0:e0].split()).lower()
        if word not in said and not any(a < e0 and s0 < b for a, b in said.values()):
            said[word] = (s0, e0)
    if len(said) < 2:
        return
    first, second = (text[a:b] for a, b in list(said.values())[:2])
    g.add(f"product:{product.id}:names", f"{product.name}의 다른 이름: {', '.join(product.aliases)}")
    g.say("네, {a}{j} {b}{k} 같은 상품({name})이에요.", "Yes, {a} and {b} are the same product ({name}).", a=first,
          j=josa(first, "과", "와"), b=second, k=josa(second, "은", "는"), name=product.name)


def _ground_one(g: Grounding, knowledge: Any, product: Any, mentions: Sequence[Any], asks: set[str], turn: Turn) -> Grounding:
    earlier = len(g.sentences)  # sentences said before this product's (another product's, sold out)
    g.add(f"product:{product.id}", product_fact(product))
    g.add(f"product:{product.id}:details", details_fact(product))
    _names_one_product(g, product, turn.analysis.text)
    if not mentions:
        relative = _relative_value(product, turn.analysis.text)
        if relative is not None:  # "어성초 스킨 큰통 얼마에요": the largest size of it
            mentions = [relative]
            asks = asks - {"options"} | ({"price"} if not asks & {"stock", "restock"} else set())
    picks: list[tuple[str, str]] = []
    for m in mentions:
        own, _ = _resolve(knowledge, product, [m])
        picks += [(axis, value) for axis, value in own.items() if (axis, value) not in picks]
    if turn.analysis.has("change") and not turn.analysis.has("exchange") and not turn.analysis.reported \
            and len(picks) == 1 and _set_part_fixed(g, knowledge, product, picks[0], turn):
        # (not "받았는데 적축으로 바꿀 수 있어요?": a set received and to be exchanged is the exchange rule's)
        return g.finish()
    if (turn.analysis.question == "which" or turn.analysis.has("recommend")) \
            and (len(picks) <= 1 or len({axis for axis, _ in picks}) == 1 and turn.analysis.has("compare")) \
            and not _stated_measure(product, turn.analysis):  # ("용량은 어느 정도예요?" asks an amount, not a choice)
        # "which cushion shade for fair skin?": the shop's FAQ says (of two values weighed, one that names both)
        _shop_faq_on_choice(g, knowledge, product, turn, [value for _, value in picks] if len(picks) > 1 else [])
    own = {(m.axis, m.value) for m in knowledge._searcher().vocab.find_mentions(turn.analysis.text)} \
        if hasattr(knowledge, "_searcher") else set()
    if own and turn.history and turn.analysis.has("change") and not turn.analysis.has("exchange"):
        # "2.5키로로 바꾸면요?" after 5kg (the change concept, not an exchange): the value said now takes the place of
        # the one carried, no side-by-side
        axes_said = {axis for axis, _ in own}
        picks = [p for p in picks if p[0] not in axes_said or p in own]
        mentions = [m for m in mentions if m.axis not in axes_said or (m.axis, m.value) in own]
        from agent.turn_analysis import analyse_turn
        from agent.turn_context import last_user_text

        if analyse_turn(last_user_text(turn.history) or "").has("fee", "free"):
            asks = asks | {"fee", "price"}  # (after a fee question: the fee of the new choice too)
    from agent.mentions import counts_said

    fallback = _IF_NOT.search(turn.analysis.text)
    if fallback is not None and len(picks) >= 2 and counts_said(turn.analysis.text):
        # "퀸 품절이면 싱글 2개 사면 얼마", "후드티 그레이 없으면 블랙 M 2개": the value in the condition is the one the
        # customer falls back from; the other of that option is what they would buy, so many (its price and sum), the
        # first's state said before it (with no count, both side by side answer: "없으면 흑청 M은요?")
        def pick_of(m: Any) -> tuple[str, str] | None:
            return next((p for p in picks if p[0] == m.axis and m.value and (p[1] == m.value or m.value in p[1])), None)

        for axis in dict.fromkeys(m.axis for m in mentions):
            before = {pick_of(m) for m in mentions if m.axis == axis and m.end <= fallback.start()} - {None}
            after = {pick_of(m) for m in mentions if m.axis == axis and m.start >= fallback.end()} - {None}
            if len(before) == 1 and len(after) == 1 and before != after:
                gone = next(iter(before))
                # (in the other options named with it: "블랙 L 없으면" is black in L)
                fell_from = {**{a0: v0 for a0, v0 in picks if a0 != axis}, gone[0]: gone[1]}
                held = [v for v in product.variants if v.matches(fell_from)]
                for v in held[:4]:
                    g.add(f"variant:{v.sku}", variant_fact(product, v))
                label = " ".join(fell_from.values())
                if held and not any(v.in_stock for v in held):
                    g.say("{v}{j} 지금 품절이에요.", "{v} is sold out right now.", v=label, j=josa(label, "은", "는"))
                    back = min((v.restock_date for v in held if v.restock_date), default=None)
                    if back and (turn.now is None or str(back)[:10] >= turn.now.date().isoformat()):
                        g.say("{d} 재입고 예정이에요.", "It is expected back on {d}.", d=korean_date(back, g.lang))
                    elif "restock" in asks:  # ("퀸 언제 들어와요? 없으면 싱글 두개 살까"): asked, and none is set
                        g.say("재입고 일정은 아직 정해지지 않았어요.", "There's no restock date yet.")
                elif held:
                    g.say("{v}{j} 지금 재고가 있어요.", "{v} is in stock right now.", v=label, j=josa(label, "은", "는"))
                mentions = [m for m in mentions if pick_of(m) != gone]
                picks = [p for p in picks if p != gone]
                break
    if len(picks) <= 1 and all(p in own for p in picks):
        # "세럼 30이랑 50 가격 차이", "1.7이랑 2리터": numbers without their unit, values of one quantity axis (never
        # beside a value carried from an earlier turn: "150은요?" after 300ml asks of 150 alone)
        picks = _bare_number_values(product, turn.analysis.text, picks)
    if len(picks) <= 1 and _PER_UNIT.search(turn.analysis.text) and not counts_said(turn.analysis.text):
        # "세럼 용량 큰 게 더 이득이에요?": the value of each quantity the product comes in, weighed per unit
        sized = [ax.key for ax in product.axes if len(product.values(ax.key)) >= 2
                 and all(_UNIT_VALUE.search(v) for v in product.values(ax.key))]
        if len(sized) == 1 and (not picks or picks[0][0] == sized[0]):
            picks = [(sized[0], v) for v in product.values(sized[0])[:4]]
    if "size_advice" in asks and product.sizes and not _MORE_LEFT.search(turn.analysis.text):
        # "M이랑 L 중에 뭐?": the chart decides, not a side-by-side ("블랙이랑 네이비 중에 뭐가 더 재고 많아요?" asks
        # the stock of each)
        from agent.size_advice import USUAL_SIZE, advise

        def chart_for(sizes: Sequence[str]) -> str | None:
            text = _chart_fact(product, sizes)
            if text:
                g.add(f"product:{product.id}:size_chart:{'/'.join(sizes)}", text)
            return text

        from agent.turn_context import last_user_text

        advice = advise(product, turn.analysis.text, chart_for, None, g.lang, last_user_text(turn.history) or "")
        usual = USUAL_SIZE.search(turn.analysis.text)
        said = next((x for x in usual.groups() if x), None) if usual else None
        if advice and said and any(said in x for x in advice):  # (the size the customer wears, repeated as theirs)
            g.add(f"turn:size:{said}", f"고객이 말한 평소 신는 사이즈 {said}")
        if advice:
            g.sentences.extend(advice)
            if not any("범위" in x or "range" in x for x in advice):  # "발사이즈 290도 신을 수 있어요?": in the note's range?
                _fit_sentences(g, product, turn.analysis, name_spans(turn.analysis.text, product), quote=False)
            # the turn's other asks of the same product ("양말 얼마고 몇 켤레 들었어요? 발 280도 맞나요?"): its price, and
            # what it holds as its own texts say
            if asks & {"price", "discount"}:
                _price_sentence(g, product, list(product.variants))
            others = {axis: value for axis, value in picks if axis != "size"}
            from agent.size_advice import USUAL_WEAR

            usual = USUAL_WEAR.search(turn.analysis.text)
            outside = turn.analysis.text[:usual.start()] + " " + turn.analysis.text[usual.end():] if usual else ""
            # (a size written outside the words of the size worn is the one asked: "로퍼 265 블랙 있어요? 평소 나이키 270
            # 신어요" asks 265, not the 270 worn elsewhere)
            asked_size = next((v for axis, v in picks if axis == "size" and usual is not None
                               and re.search(rf"(?<![\w.]){re.escape(v)}(?![\w.])", outside)), None)
            if asked_size is not None:
                picks = [(axis, v) for axis, v in picks if axis != "size"] + [("size", asked_size)]
            worn_elsewhere = "stock" in asks and usual is not None and "size" in dict(picks) and asked_size is None
            if worn_elsewhere:
                # "평소 270 신는데 몇 사야돼요? 그 사이즈 재고 있어요?": the size worn elsewhere is no size wanted; the
                # stock asked is of the size advised
                picks = [(axis, value) for axis, value in picks if axis != "size"]
            if "stock" in asks and (others or worn_elsewhere):
                # "평소 275 신어요 블랙 있어요?": the size advised, in the other option named, in stock or not
                said = " ".join(advice)
                # (a size the customer names is the one asked: "후드집업 xxl 그레이 있나요 ㅠ 덩치가 커서")
                # (the size the advice recommends, "270 사이즈를 추천드려요", before one for a condition after it)
                recommended = re.search(r"(\S+)\s*사이즈를\s*추천|recommend\s+(?:size\s+)?(\S+)", said)
                named = next((x for x in recommended.groups() if x), "").strip(".,") if recommended else ""
                advised = dict(picks).get("size") or (named if named in product.sizes else None) or max(
                    (s0 for s0 in product.sizes if re.search(rf"(?<![\w.]){re.escape(s0)}(?!\w|\.\d)", said)),
                    key=lambda s0: said.rfind(s0), default=None)
                if advised is not None:
                    wanted = {"size": advised, **others}
                    chosen = [v for v in product.variants if v.matches(wanted)]
                    for v in chosen[:4]:
                        g.add(f"variant:{v.sku}", variant_fact(product, v))
                    _stock_sentence(g, product, wanted, chosen, turn.analysis.text)
            elif "stock" in asks and picks:
                # "평소 맨투맨 L 입는데 후드티 L 있어요?": the size named, in stock or not, beside the advice
                wanted = dict(picks)
                chosen = [v for v in product.variants if v.matches(wanted)]
                for v in chosen[:4]:
                    g.add(f"variant:{v.sku}", variant_fact(product, v))
                if chosen:
                    _stock_sentence(g, product, wanted, chosen, turn.analysis.text)
            hint = _description_hint(product, turn.analysis) if "parts" in asks else None
            if hint and not any(hint.rstrip(".") in x for x in g.sentences):
                g.sentences.append(hint)
            g.topic = "size_advice"
            return g.finish()
    if len(picks) > 1 and "measure" in asks and product.size_chart and all(axis == "size" for axis, _ in picks):
        from agent.entities import measures_asked

        # "M이랑 L 가슴 차이 몇센치": the chart rows of those sizes, for the measures asked
        chart = _chart_fact(product, [v for _, v in picks], measures_asked(turn.analysis.text)) \
            or _chart_fact(product, [v for _, v in picks])
        if chart:
            g.add(f"product:{product.id}:size_chart", chart)
            g.say("{name} 실측은 {c}입니다.", "{name} measurements: {c}.", name=product.name, c=chart)
            if len(picks) == 2 and _DIFFERENCE_ASKED.search(turn.analysis.text):
                _measure_difference(g, product, [v for _, v in picks], measures_asked(turn.analysis.text))
            return g.finish()
    if len(picks) > 1 and len({axis for axis, _ in picks}) == 1:
        counts = _value_counts(knowledge, product, mentions, turn.analysis.text)
        if (each := _COUNT_EACH.search(turn.analysis.text)) is not None:
            # "코랄이랑 모브 각각 2개씩": the count is of every value named, not of the last one only
            from agent.mentions import lone_count

            n = lone_count(knowledge, each.group())
            if n:
                counts = {key: n for key in picks}
        per_unit = bool(_PER_UNIT.search(turn.analysis.text))
        # counts weighed against each other ("3키로 두개랑 5키로 하나 뭐가 나아요", "10kg 두 포대 vs 20kg 한 포대"): two ways
        # to buy, each one's sum, not one basket of both
        plans = bool(counts) and (turn.analysis.has("compare", "cheap", "expensive") or per_unit
                                  or bool(_VERSUS.search(turn.analysis.text)))
        # (a price difference asked weighs the two, "가격차이 얼마에요 둘다 재고있나요": no basket of both)
        buying = (turn.analysis.has("together", "buy") or bool(counts) or turn.analysis.hypothetical) \
            and not _EACH.search(turn.analysis.text) and not per_unit and not plans and not _ALTERNATIVE.search(turn.analysis.text) \
            and not (_PRICE_COMPARED.search(turn.analysis.text) and not counts) and not _swaps_value(turn.analysis)
        _values_side_by_side(g, knowledge, product, picks, (asks - {"total"}) | ({"total"} if buying else set())
                             | ({"per_unit"} if per_unit else set()) | ({"plans"} if plans else set())
                             | ({"compare_price"} if _PRICE_COMPARED.search(turn.analysis.text) else set())
                             | ({"most_stock"} if _MORE_LEFT.search(turn.analysis.text) else set()),
                             {key: counts.get(key, 1) for key in picks} if plans else counts,
                             region=_region_text(knowledge, turn))
        a = turn.analysis
        hint = _description_hint(product, a)
        counted = a.question == "how_many" and bool(_asked_units(a))
        lasting = _time_asked(a) and hint is not None and bool(_DURATION_STATED.search(hint))
        named_in_hint = hint is not None and any(n in hint for n in _unknown_nouns(turn, name_spans(a.text, product)))
        if hint and hint not in g.sentences and (counted or lasting or named_in_hint):
            # "3키로랑 5키로 몇 알씩 들었어요?", "30이랑 50 가격 차이랑 뜯고 얼마나 써요?", "… 해상도는 같아요?": the
            # product's own sentence on the other thing asked
            g.sentences.append(hint)
        elif _time_asked(a) and not lasting:
            _duration_from_shop_text(g, knowledge, product, turn)  # a length of time the product's texts lack
        among = [h.end for h in a.hits if h.concept == "compare" and "중" in h.form]  # "A랑 B 중에 …": weighed on
        # "적축이랑 청축 소리 차이 있어요?", "타건감 비교": the thing a difference is asked in stands before the word
        differ = [h.start for h in a.hits if h.concept == "compare" and "중" not in h.form]
        unsaid = [n for n in _unknown_nouns(turn, name_spans(a.text, product)) if re.fullmatch(r"[가-힣]{2,}", n)
                  and n not in product.own_text and not any(n in x for x in g.sentences)
                  and (among and a.text.find(n, among[0]) >= 0
                       or differ and re.search(re.escape(n) + r"\S{0,2}\s*$", a.text[:differ[0]]))]
        if unsaid and a.question in ("which", "what", "yes_no", None) and not asks & {"price", "total", "discount"}:
            # "갈축이랑 적축 중에 소음 적은게 뭐에요": options weighed on a thing the product's texts never describe are
            # said to be undescribed; each one's price and stock follow
            values = ", ".join(dict.fromkeys(v for _, v in picks))
            g.add(f"turn:asked:{unsaid[0]}", f"고객이 물은 특성 {unsaid[0]} (상품 정보에 없음)")
            g.sentences.insert(0, g.text("{v}의 {n} 차이는 상품 정보에 따로 나와 있지 않아요. 옵션별 가격과 재고는 아래와 같아요.",
                                         "Our product information doesn't say how {v} differ in {n}; here are their prices "
                                         "and stock.", v=values, n=unsaid[0]))
        _asked_beside_values(g, product, turn, asks)
        return g.finish()
    groups = _value_groups(knowledge, product, turn)
    lines = _group_lines(g, knowledge, product, groups) if groups is not None else []
    if lines:  # "무지 맨투맨 L 그레이랑 XXL 블랙 재입고 언제예요?": each combination the customer wrote
        g.say("{name} {list}.", "{name}: {list}.", name=product.name, list=", ".join(lines))
        g.topic = "stock"
        _groups_total(g, knowledge, product, groups or [], turn.analysis)
        return g.finish()
    varied = _varied_axis(knowledge, product, picks, turn)
    if varied is not None:  # "파란색 XL이랑 곤색 XL 재고", "카키 30이랑 블랙 30 가격 같아요?": each colour in that size
        axis, fixed = varied
        a = turn.analysis
        # ("L 화이트 2장이랑 네이비 1장": the count written after each value)
        counts = {key: n for key, n in _value_counts(knowledge, product, mentions, a.text).items() if key[0] == axis}
        buying = (a.has("buy") or a.hypothetical or bool(counts)) and not _EACH.search(a.text) \
            and not _ALTERNATIVE.search(a.text) and not _swaps_value(a)  # "둘 다 재고 있어요?", "없으면 흑청은요?"
        compared = ({"compare_price"} if _PRICE_COMPARED.search(a.text) else set()) \
            | ({"most_stock"} if _MORE_LEFT.search(a.text) else set())
        _values_side_by_side(g, knowledge, product, [(x, v) for x, v in picks if x == axis],
                             (asks - {"total"}) | ({"total"} if buying else set()) | compared, counts or None, fixed,
                             region=_region_text(knowledge, turn))
        _asked_beside_values(g, product, turn, asks)
        return g.finish()
    wanted, missing = _resolve(knowledge, product, mentions)
    if _part_sold_alone(g, knowledge, product, mentions, turn.analysis.text):
        return g.finish()
    # (only when this turn names no value itself: `mentions` may also hold values carried from earlier turns)
    own_values = knowledge._searcher().vocab.find_mentions(turn.analysis.text)
    unsold = (_SIZE_NUMBER.search(turn.analysis.text) or _bare_size_number(product, turn.analysis.text)) \
        if not own_values and not missing and product.axis("size") else None
    number = (unsold.group(1) or unsold.group(2)) if unsold else None
    if number and all(s.isdigit() for s in product.sizes) and number not in product.sizes:
        # "청바지 사이즈 33 없어요?": a size number no product of the shop is sold in is still the size asked for
        from core.knowledge.model import OptionMention

        at = unsold.start(1) if unsold.group(1) else unsold.start(2)
        missing = [OptionMention(axis="size", value=None, token=number, start=at, end=at + len(number))]
    letter = _LETTER_SIZE.search(turn.analysis.text) if not own_values and not missing and not number \
        and product.sizes and all(_LETTER_ONLY.fullmatch(str(x)) for x in product.sizes) else None
    if letter:  # "맨투맨 3XL 있어요?": a letter size none of the shop's products is sold in
        from core.knowledge.model import OptionMention

        token = letter.group(1).upper().replace(" ", "")
        missing = [OptionMention(axis="size", value=None, token=token, start=letter.start(1), end=letter.end(1))]
    extreme = {} if own_values else (_extreme_option(product, turn.analysis.text) or _bare_number_option(product, turn.analysis.text))
    if extreme:  # "큰 용량은?", "큰 거는?" (after "10kg 얼마에요"): the largest value, whatever was said before
        wanted, missing = {**wanted, **extreme}, []
        asks = (asks - {"fit", "options"}) | ({"stock"} if asks & {"stock"} else {"price", "stock"})
    if own_values and wanted and turn.analysis.has("buy") and asks and not asks & {"stock", "restock", "price", "total"} \
            and _BUYING_SAID.search(turn.analysis.text):
        # "린넨 셔츠 비침 있나요? 화이트 L 사려고요": the options they mean to buy are asked of too (their stock)
        asks = asks | {"stock"}
    variants = [v for v in product.variants if v.matches(wanted)] if wanted else list(product.variants)
    shown = variants if wanted else [v for v in product.variants if v.in_stock or v.restock_date] or variants
    for v in shown[:_MAX_VARIANT_FACTS]:
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    a = turn.analysis
    one_size = bool(product.sizes) and all(_ONE_SIZE.fullmatch(str(x)) for x in product.sizes)
    if missing and one_size and a.is_question and _fit_sentences(g, product, a, name_spans(a.text, product)):
        # "벨트 허리 34인치 맞아요?", "belt fits a 34 inch waist?": a one-size product, the customer's own measure set
        # against the range its texts state, not an option it is not sold in
        if "measure" in asks:  # "… 맞을까요? 길이 몇이에요": and the length its chart gives
            _one_size_chart(g, product, a, asked_only=True)
        g.topic = "fit"
        return g.finish()
    if missing:
        _missing_sentence(g, product, missing)
        others = _alternatives(knowledge, product, missing)
        if others:
            for p in others:
                g.add(f"product:{p.id}", product_fact(p))
            g.say("{tok}{j} {list}에 있어요.", "{tok} is available in: {list}.", tok=missing[0].token,
                  j=josa(missing[0].token, "은", "는"), list=", ".join(f"{p.name}({won(p.price, g.lang)})" for p in others))
        return g.finish()
    if asks_if_sold(a) and not wanted and not a.has("stock") and asks <= {"stock", "options", "price"}:
        asks = {"price", "options"}  # "do you sell socks?", "양말 팔아요?": yes, this one, its price and options
    if "stock" in asks and not a.has("stock") and not wanted and _asks_about_own_text(product, turn):
        asks = (asks - {"stock"}) | {"property"}  # "싱글코트 안감 있어요?": whether it has a lining, not the stock
        if _seeks_the_product(product, a):
            asks |= {"price"}  # "출근할 때 입을 줄무늬 셔츠 있어요?": that shirt, what it is for and its price
    elif asks <= {"price", "stock"} and not a.has("price", "stock", "option") and not wanted \
            and _asks_about_own_text(product, turn):
        # "Does the laptop come with Windows installed?": a thing of the product its own texts speak of, with its price
        asks = (asks - {"stock"}) | {"property"}
    if "ship" in asks and wanted and variants and not any(v.in_stock or v.availability in ("PreOrder", "PreSale", "BackOrder")
                                                          for v in variants):
        asks = (asks - {"ship"}) | {"stock", "restock"}  # "2L 흰색은 언제 와요?" of a sold-out option: when it is back
    specific = asks & {"material", "fit", "care", "origin", "brand", "measure", "options", "parts", "discount", "restock",
                       "property"}
    # "벨트 허리 38인데 되나요?": the product's own words on the customer's quantity answer first
    fitted = _fit_sentences(g, product, a, [*((m.start, m.end) for m in mentions), *name_spans(a.text, product)]) \
        if (a.is_question or a.has("buy", "body")) and not wanted else False  # ("양말 사려는데 발 290이에요": said, not asked)
    if fitted:
        specific = specific | {"fit_given"}
    if "ship" in asks and any(v.availability in ("PreOrder", "PreSale", "BackOrder") for v in variants):
        say_pre_order(g, product, knowledge)
    # "흑청 30 가능? 가격두": "can I have" said right after the option named asks for that option, whatever else is asked
    option_possible = wanted and not (specific - {"restock", "discount"}) and any(h.concept == "possible" and any(0 <= h.start - m.end <= 2 for m in mentions)
                                     for h in a.hits)
    listed_all = False  # every option's count said: no "which one?" after it
    if "stock" in asks or (wanted and not (specific - {"restock"}) and "price" not in asks) or option_possible:
        listed_all = _stock_sentence(g, product, wanted, variants, turn.analysis.text) and not wanted
        _count_verdict(g, knowledge, product, variants, a.text)
        if len(variants) == 1 and "price" not in asks and not specific:  # (sold out too: what it costs when it is back)
            if variants[0].in_stock or not re.search(r"\d원\)|KRW\)", " ".join(g.sentences[-2:])):
                g.say("가격은 {p}이에요.", "It's {p}.", p=won(variants[0].price, g.lang))
            else:  # (after the siblings in stock, each with its own price: the price is the option asked's)
                opt = _option_phrase(product, wanted, g.lang) or product.name
                g.say("{o} 가격은 {p}이에요.", "{o} is {p}.", o=opt, p=won(variants[0].price, g.lang))
    said_so_far = " ".join(g.sentences)
    if "restock" in asks and "stock" not in asks:
        restock = sorted((v for v in variants if not v.in_stock and v.restock_date), key=lambda v: v.restock_date)
        if restock and korean_date(restock[0].restock_date, g.lang) in said_so_far:
            pass  # the stock sentence already gave the date
        elif restock:
            v = restock[0]
            g.say("품절된 {opt}{j} {d} 재입고 예정이에요.", "{opt} is expected back on {d}.", opt=v.label or product.name,
                  j=josa(v.label or product.name, "은", "는"), d=korean_date(v.restock_date, g.lang))
        elif any(not v.in_stock for v in variants):
            if "재입고 일정" not in said_so_far and "restock date" not in said_so_far:
                g.say("품절된 옵션의 재입고 일정은 아직 정해지지 않았어요.", "There's no restock date yet for the sold-out options.")
        else:  # never after a sentence that just said the option is sold out
            g.say("지금은 품절된 옵션이 없어요.", "Nothing is sold out right now.")
    # a question the product's own texts answer ("개봉하고 얼마나 써요?") gets that sentence instead of the price
    hint = _description_hint(product, a)  # the product's own sentence closest to the question, said where it fits
    told = hint if not (asks & {"stock", "restock", "price", "compare", "total"} | specific) else None
    if "price" in asks or "discount" in asks or not (asks & {"stock", "restock"} | specific) and not wanted and not told:
        _price_sentence(g, product, variants)
        others_listed = any(x.startswith("다른 ") for x in g.sentences[:-1])  # ("다른 크기는 싱글 11개(…)가 있어요")
        if wanted and len(variants) == 1 and len(product.variants) > 1 and ("stock" not in asks or others_listed) \
                and g.lang == "ko" \
                and any(m.value for m in mentions) and all(m.token in a.text for m in mentions if m.value) \
                and (opt := _option_phrase(product, wanted, g.lang)) and g.sentences[-1].startswith("가격은 ") \
                and (others_listed or not any(opt in x for x in g.sentences[:-1])):
            # "그거 블랙 L 얼마에요": the price of the option this message names, said as that option's
            g.sentences[-1] = f"{product.name} {opt} {g.sentences[-1]}"
        if not asks and not wanted and not told and a.lang == "ko" and not turn.history and not a.concepts - {"request", "inform"}:
            # "숏패딩 보여주세요", a product named and nothing asked of it: what it comes in, beside its price (a kind
            # the price sentence already lists is not said again)
            said = " ".join(g.sentences)
            _say_values(g, product, [ax for ax in product.axes if 1 < len(product.values(ax.key)) <= 8
                                     and not all(x in said for x in product.values(ax.key))][:2])
        _price_on_day(g, turn, variants)
        _service_cost_added(g, knowledge, product, variants, a)
        remembered = _REMEMBERED_PRICE.search(a.text)
        lower = remembered is not None and bool(variants) and int(remembered.group(1).replace(",", "")) < min(
            v.price for v in variants)  # "31200원 아니었어요? 왜 39000원이에요": a price remembered below today's
        if ("discount" in asks or lower) and not any(v.on_sale for v in variants):
            g.say("지금은 할인 중인 상품이 아니에요.", "It isn't on sale right now.")
            _sale_ended(g, product, variants)
            if "discount" in asks and (a.question == "when" or a.has("when")) and not _UNTIL.search(a.text):
                # "옥스포드 셔츠 다음 세일 언제에요?": no date of a sale to come is in the shop's data; said so
                g.say("다음 할인 일정은 따로 안내된 내용이 없어요.", "No upcoming sale has been announced.")
        if "stock" not in asks and not option_possible and variants and not any(v.in_stock for v in variants):
            back = min((v.restock_date for v in variants if v.restock_date), default=None)  # "and the spinach?": sold out
            if back:
                g.say("지금은 품절이고 {d} 재입고 예정이에요.", "It's sold out right now, back on {d}.", d=korean_date(back, g.lang))
            else:
                g.say("지금은 품절이에요.", "It's sold out right now.")
        if "fee" not in asks:
            _count_total(g, knowledge, product, variants, a)
    stated = _stated_measure(product, a) if "options" in asks and not wanted else None
    if stated and not product.axes:
        # a thing of one form says so below ("50ml 한 가지로 판매해요") when that form is the measure asked and its own
        # sentence names no other amount of it (a set of 3kg + 2.5kg, four 130g packs: the sentence says it)
        own, amount = single_form_value(product, a.text), _measure_amount(a)
        if own and amount is not None and amount.search(own) and len(amount.findall(stated)) <= 1 \
                and not re.search(r"\d\s*(팩|개|봉|입|매)", stated):
            stated = None
    if stated:  # "쿠션 용량이 몇이에요?" of a thing sold in one content: the amount its own texts state (본품 15g)
        g.sentences.append(stated)
    elif "options" in asks and not wanted and _measure_amount(a) is not None and not _measure_is_option(product, a) \
            and not single_form_value(product, a.text):
        # "백팩 용량이 어떻게 돼요?": a measure the product's texts never state (its colours are no answer)
        word = _MEASURE_NAMED.search(a.text).group(0) if _MEASURE_NAMED.search(a.text) else "용량"
        g.say("{name}의 {w} 정보는 상품 정보에 나와 있지 않아요.", "{name}'s {w_en} isn't stated in our product information.",
              name=product.name, w=word, w_en="weight" if "heavy" in word.lower() else word)
    elif "options" in asks and not wanted:
        _say_values(g, product, _axes_asked(product, a))
        if one_size and any(axis.key == "size" for axis in _axes_asked(product, a)):
            _one_size_chart(g, product, a)  # "크로스백 사이즈가 어떻게 돼요?": one size, so its measurements
        if not product.axes:
            own = single_form_value(product, a.text)
            amount = _measure_amount(a)
            if own and amount is not None and not amount.search(own):
                # "에어프라이어 무게는요?": its one form (5.5L) is no weight; the weight is not stated
                g.say("{name}의 {w} 정보는 상품 정보에 나와 있지 않아요.", "{name}'s {w_en} isn't stated in our product information.",
                      name=product.name, w=_MEASURE_NAMED.search(a.text).group(0), w_en=_MEASURE_NAMED.search(a.text).group(0))
            elif own:
                g.add(f"product:{product.id}:form", f"{product.name}: {own} 한 가지로 판매 (설명 기준)")
                g.say("{name}{j} {own} 한 가지로 판매해요.", "{name} comes in {own} only.", name=product.name,
                      j=josa(product.name, "은", "는"), own=own)
            else:
                g.say("{name}{j} 한 가지 옵션으로만 판매해요.", "{name} comes in one version only.", name=product.name,
                      j=josa(product.name, "은", "는"))
    if "options" in asks and wanted and not knowledge.find_products(a.text).mentions:
        _values_beside_carried(g, product, wanted, _axes_asked(product, a))  # "다른 색은요?" after 화이트 260 sold out
    elif "options" in asks and wanted and (kind := _axes_asked(product, a)) and len(kind) == 1 \
            and kind[0].key not in wanted and any(h.concept == "option" for h in a.hits):
        # "헤비 후드티 M 무슨 색 있어요?", "what colors do you have in M?": the values of the kind asked in the value named
        _values_beside_carried(g, product, wanted, kind)
    if "options" in asks and wanted:
        # "핸드크림 향 뭐있어요? 화이트머스크 품절이에요?": a question of its own that lists the values of a kind, beside
        # the one value asked about
        from agent.pipeline import split_questions

        parts = split_questions(a.text)
        for part in parts if len(parts) > 1 else ():
            sub = _analyse(part)
            if sub.question in ("which", "what") and sub.has("option") and not sub.has("stock") \
                    and not knowledge.find_products(part).mentions:
                _say_values(g, product, _axes_asked(product, sub))
    if "parts" in asks:
        if product.parts:
            g.say("{name} 구성은 {list}이고, 가격은 {p}입니다.", "{name} includes: {list}, for {p}.", name=product.name,
                  list=", ".join(_part_said(x, product.description, g.lang) for x in product.parts),
                  p=won(product.price, g.lang))
        elif product.description:
            g.sentences.append(product.description)
    if ("material" in asks or "property" in asks) and product.material:
        g.say("소재는 {m}{cop}.", "Material: {m_en}.", m=product.material, cop=_copula(product.material),
              m_en=english_value(product.material))
    elif "material" in asks and not product.material and product.description and a.lang == "ko" \
            and not any(product.description in x for x in g.sentences):
        # "어성초 토너 성분 뭐예요?" of a product with no material field: what its own description says it is made of
        # (어성초 추출물 70%), said as that, not handed to a person
        g.say("{n}의 소재·성분은 상품 정보에 따로 나와 있지 않고, 상품 설명은 이래요: {d}", "", n=product.name,
              d=product.description)
    if "property" in asks and product.seasons and _WEATHER_QUALITY.search(a.text) and not season_named(a.text) \
            and not any("시즌" in x or "made for" in x for x in g.sentences):
        # "Is the flannel check shirt warm?", "패딩 따뜻해요?": the seasons it is made for speak to it
        g.say("{name}{j} {s} 시즌 상품이에요.", "The {name} is made for {s_en}.", name=product.name,
              j=josa(product.name, "은", "는"), s="·".join(product.seasons),
              s_en=" and ".join(_SEASON_EN.get(x, x) for x in product.seasons))
    # (the option values named are no thing asked: "첼시부츠 블랙 255 몇개 남았어요? 방수 돼요?")
    unsaid = [n for n in _unknown_nouns(turn, [*name_spans(a.text, product), *((m.start, m.end) for m in mentions)])
              if n not in product.own_text] \
        if "property" in asks else []
    if unsaid and hint is None and a.question == "yes_no" and _shop_text_holding(g, knowledge, unsaid, product):
        pass  # "틴트도 비건이에요?": the product's texts are silent, the shop's FAQ on vegan goods speaks
    elif "property" in asks:
        if hint:
            g.sentences.append(hint)
            # the product's other sentence on the same thing ("노트북이 들어가는 …" and "13인치 노트북 수납 가능")
            asked_nouns = [n for n in _unknown_nouns(turn, name_spans(a.text, product)) if n in hint]
            more = next((t for t in _own_sentences(product) if t != hint and any(n in t for n in asked_nouns)), None)
            if more:
                g.sentences.append(more if more.endswith((".", "!", "?")) else more + ".")
        elif product.description:
            if unsaid and a.question in ("how_many", "what", "which") and a.lang == "ko" and not a.negated_hits \
                    and not a.has("defect", "break") and not {m.surface for m in _asked_units(a)} & set(unsaid):
                # ("키 몇개가 입력이 안돼요": a fault told, no value asked; "몇인분": a unit, said unstated below)
                # "모니터 hdmi 포트 몇개에요": a value of a thing no text of the product writes: said unstated, then what
                # the product's text does say
                thing = " ".join(list(dict.fromkeys(unsaid))[:2])
                g.add(f"product:{product.id}:unstated", f"{product.name} 상품 정보에 '{thing}' 관련 내용 없음")
                g.say("{name}의 {w} 정보는 상품 정보에 나와 있지 않아요. 상품 설명은 이래요:",
                      "{name}'s product information doesn't state {w}. What it says:", name=product.name, w=thing)
            g.sentences.append(product.description)
    if "fit" in asks and product.fit and one_size and _ONE_SIZE.fullmatch(product.fit.strip()) and product.size_chart:
        # "does the beanie fit a big head?": "FREE" says nothing; the one size's own measurements do (머리둘레 56cm)
        _one_size_chart(g, product, a)
        if product.fitting_note:
            g.say("참고로 {n}.", "Note: {n_en}.", n=product.fitting_note.rstrip("."),
                  n_en=english_note(product.fitting_note.rstrip(".")))
    elif "fit" in asks and product.fit:
        g.say("핏은 {f}{cop}.", "Fit: {f_en}.", f=product.fit, cop=_copula(product.fit), f_en=english_value(product.fit))
        if product.fitting_note:
            g.say("참고로 {n}.", "Note: {n_en}.", n=product.fitting_note.rstrip("."),
                  n_en=english_note(product.fitting_note.rstrip(".")))
    if "measure" in asks and not fitted:
        from agent.entities import measures_asked

        sizes = [wanted["size"]] if "size" in wanted else product.sizes
        chart = _chart_fact(product, sizes, measures_asked(a.text)) or _chart_fact(product, sizes)
        if chart and "size" in wanted and len(product.sizes) > 1 and _SIZES_ASKED.search(a.text) \
                and not any(", ".join(product.sizes) in x for x in g.sentences):
            # "what sizes do the jeans come in and what's the waist for 30?": every size, then the one's measure
            g.say("{n}의 사이즈는 {s}이 있어요.", "{n} comes in sizes {s}.", n=product.name, s=", ".join(product.sizes))
        if chart:
            g.add(f"product:{product.id}:size_chart", chart)
            g.say("실측 사이즈는 {c}입니다.", "Measurements: {c_en}.", c=chart, c_en=english_value(chart, alone=True))
            if "size" in wanted or len(product.sizes) == 1:  # (a one-size product's own size: "머리둘레 60인데 볼캡")
                _own_measure_weighed(g, product, wanted.get("size") or product.sizes[0], a)
            if hint and a.question == "yes_no":
                g.sentences.append(hint)  # "끈 길이 조절돼요?": the length, and what the product's texts say of it
        elif product.fitting_note:
            g.say("참고로 {n}.", "Note: {n_en}.", n=product.fitting_note.rstrip("."),
                  n_en=english_note(product.fitting_note.rstrip(".")))
    elif "measure" in asks and one_size:  # "벨트 허리 36인데 맞을까요? 길이 몇이에요": the range, and the chart's length
        _one_size_chart(g, product, a, asked_only=True)
    if "care" not in asks and product.care and _USE_PERMITTED.search(a.text) and a.is_question \
            and not asks & {"size_advice", "fit", "measure"}:
        asks = asks | {"care"}  # "스웨이드 첼시부츠 비오는날 신어도 돼요?": how it may be used is its care text's to say
    if "care" in asks and product.care:
        unstated = _care_unstated(a, product)
        if unstated:  # "소고기 냉동해도 돼요?" of a product whose texts say only "냉장 보관": not said, then what is
            g.say("{w}에 대해서는 상품 안내에 따로 나와 있지 않아요. 안내된", "The product's notes don't say anything about "
                  "that; what they say is below.", w=unstated)
        if not unstated:
            _care_verdict(g, a, product.care)
        g.say("관리 방법: {c}", "Care: {c_en}", c=product.care, c_en=english_care(product.care))
        if unstated and g.lang == "ko":
            g.sentences[-2:] = [" ".join(g.sentences[-2:])]
        if turn.now is not None:
            from agent.general_facts import period_verdict

            period_verdict(g, turn, [product.care])  # "받은지 4일 됐는데 먹어도 돼요?" against "수령 후 5일 이내"
    season = season_named(a.text) if product.seasons and not product.parts else None
    if season and a.is_question and not asks & {"stock", "restock", "options"}:
        _season_sentence(g, product, season)
    if "origin" in asks and product.origin:
        same = _origin_asked(a, product.origin) if a.question == "yes_no" else None
        yes = "" if same is None else ("네, " if same else "아니요, ")
        yes_en = "" if same is None else ("Yes, " if same else "No, ")
        g.say("{y}원산지는 {o}{cop}.", "{y_en}: {o_en}." if not yes_en else "{y_en}it's made in {o_en}.", o=product.origin,
              cop=_copula(product.origin), y=yes, y_en=yes_en or "Made in", o_en=english_value(product.origin))
    if "brand" in asks:  # "모니터 브랜드가 어디에요?": the brand the shop's data gives it, or that it gives none
        if product.brand:
            g.add(f"product:{product.id}:brand", f"{product.name} 브랜드 {product.brand}")
            g.say("{name}의 브랜드는 {b}{cop}.", "{name}'s brand is {b}.", name=product.name, b=product.brand,
                  cop=_copula(product.brand))
        else:
            g.say("{name}의 브랜드는 상품 정보에 따로 나와 있지 않아요.", "{name}'s product information names no brand.",
                  name=product.name)
    # ("울릉도인데 토너 하나만 시키면 총 얼마?": a price asked where the customer names a region the shop surcharges is
    # what they pay there, its fee included)
    cart = _cart_before(g, turn) if asks & {"price", "total", "fee"} else None
    # (never a fee or a total for an option named that is sold out: "반팔티 xl 화이트 2개 배송비 포함 얼마" is said sold out,
    # not priced as if it could be bought)
    gone = bool(wanted) and bool(variants) and not any(v.in_stock for v in variants)
    if not gone and ("fee" in asks or asks & {"price", "total"} and (surcharged_region(knowledge, a.text) is not None
                                                                       or cart)):
        # "셔츠 두 장이랑 배송비 합치면 얼마예요?": the fee on the count they buy
        counted = _count_bought(knowledge, product, variants, a)
        if counted and "price" in asks:
            _count_total(g, knowledge, product, variants, a)
        # (at the price of the option named when its options share one: "17호 리필포함으로 … 제주도면 총 얼마",
        # 38,000원, not the product's lowest)
        one_price = {v.price for v in variants} if wanted else set()
        _fee_sentence(g, knowledge, [(product, counted[0] if counted else 1)], _region_text(knowledge, turn),
                      {product.id: counted[1]} if counted else
                      {product.id: next(iter(one_price))} if len(one_price) == 1 else None, cart)
    _clause_sentences(g, knowledge, product, a, hint)
    unknown = _unknown_nouns(turn, [*name_spans(a.text, product)])
    unknown += [w for w in _shop_words_misread(knowledge, a) if w not in unknown]
    day_named = _day_words(a.text)
    if day_named is not None:  # a day of the calendar is no thing to look up in the shop's texts
        unknown = [n for n in unknown if n not in day_named]
    time_asked = _time_asked(a)
    if ("discount" in asks or a.has("discount")) and _sale_ends_by(g, turn, variants or product.variants):
        time_asked = False  # ("크리스마스 전에 끝나나": the day is weighed against the sale's end, no length of time)
    how_long = time_asked and hint is not None and bool(_DURATION_STATED.search(hint))
    if time_asked and not how_long and not any(_DURATION_STATED.search(x) for x in g.sentences):
        _duration_from_shop_text(g, knowledge, product, turn)
    unit_stated = hint is not None and any(re.search(rf"\d\s*{re.escape(m.surface)}(?![A-Za-z])", hint, re.I)
                                           for m in _asked_units(a) if m.pos == "SL")  # "몇g짜리에요" -> "550g …"
    if hint and hint not in g.sentences and (how_long or unit_stated or unknown and (any(n in hint for n in unknown) or
                                             not asks & {"price", "stock", "material", "fit", "care", "origin", "measure"})):
        # "필터 얼마마다 갈아야 되고 가격은요": the length of time asked, as the product's texts state it, beside the price
        g.sentences.append(hint)  # "백팩에 노트북 들어가요?", "몇 평형이에요?": the description says it
    # "is the toner vegan?": an English word of a yes/no question, as the shop's texts write it (비건)
    # (never a word of the product's own English names: "sirloin" of "beef sirloin" is the product, not a word of rules)
    own_words = {w.lower() for x in (product.name, *product.aliases) for w in re.findall(r"[A-Za-z]+", x)}
    loans = _loans_in_shop_text(knowledge, [w for w in unknown if w.lower() not in own_words]) \
        if a.lang == "en" and a.question == "yes_no" \
        and re.search(r"\b(is|are|does|do|has|have)\b", a.text, re.I) else {}  # (not "battery life?": no such question)
    if a.lang == "en":
        # the shop-rule words of the English question by the glossary that name a service the shop's rules price ("is
        # the TV wall mountable?": 벽걸이, "… 60,000원"), when the product's own texts do not write them (never
        # "battery life?": the warranty's 배터리 prices nothing)
        from agent.english_gloss import GLOSSARY, korean_words

        loans.update({k: GLOSSARY.get(k, k) for k in korean_words(a.text) if k not in product.own_text and len(k) >= 2
                      and k not in loans and re.fullmatch(r"[가-힣]{2,}", k) and _priced_in_rules(knowledge, k)})
    from agent.policy_answer import deverbal_compounds

    # (with the compound an act described makes, "TV 벽에 거는 거" -> 벽걸이, as the shop's rules write it)
    unsaid = [n for n in dict.fromkeys([*unknown, *loans, *deverbal_compounds(a)])
              if re.fullmatch(r"[가-힣]{2,}", n) and n not in product.own_text and _rare_in_shop_text(knowledge, n)]
    others = {"stock", "restock", "discount", "measure", "options", "size_advice", "total"}
    # "TV 벽걸이 하면 얼마에요?": the price of a thing the shop's rules price (a service), not only the product's own
    priced_thing = "price" in asks and not asks & others
    if priced_thing and unsaid and all(_asked_beside_price(a, n) for n in unsaid):
        priced_thing = False  # "쿠션 얼마에요? 비건 제품이에요?": a question of its own beside the price, not a thing priced
        asks = asks - {"price"}
    told = a.is_question or a.has("request") and a.has("inform")  # ("… 비건인지 알려주세요": asked to be told)
    if unsaid and told and not (hint and hint in g.sentences) and (not asks & (others | {"price"}) or priced_thing):
        # "선크림 비건이에요?": a thing the product's own texts never name, which the shop's FAQ or rules do
        before = len(g.sentences)
        # (never a passage about another product by its full name: "키보드 … 윈도우 호환 되나요?" gets no "볼트북 프로
        # 노트북은 윈도우 11 홈이 …"; a rule of the shop's naming kinds, "토너·크림·선크림은 비건 인증", is the shop's)
        other_names = [p.name for p in knowledge.products() if p.id != product.id and len(p.name) >= 4]
        _quote_shop_text_on(g, knowledge, turn, 5, lambda h: any(n in h.passage.text for n in unsaid)
                            and (not priced_thing or bool(re.search(r"\d[\d,]*\s*원", h.passage.text)))
                            and not any(x in h.passage.text for x in other_names), product,
                            also={ko: en for ko, en in loans.items() if ko in unsaid}, focus=unsaid)
        if len(g.sentences) > before:  # the shop's answer first, the product's price after it
            g.sentences[:] = g.sentences[before:] + g.sentences[:before]
    counted_in = [m.surface for m in _asked_units(a) if re.fullmatch(r"[가-힣]+[^가아여어]", m.surface)
                  and not asks & {"stock", "restock"}  # ("몇 박스 남았어요": a count of the stock; "몇 입어요": a verb)
                  and m.surface not in _UNIT_NAMES and m.surface not in product.own_text and m.surface not in product.name
                  and not any(m.surface in x for x in g.sentences)]
    if counted_in and a.is_question and a.lang == "ko":
        # "한우 몇인분이에요?": a quantity asked in a unit the product's texts never count in is said unstated, what they
        # do say (its weight, its description) follows
        word = counted_in[0]
        g.add(f"turn:asked:{word}", f"고객이 물은 단위 {word} (상품 정보에 없음)")
        g.sentences.insert(0, f"{product.name}{josa(product.name, '이', '가')} 몇 {word}인지는 상품 정보에 따로 나와 있지 않아요.")
        if hint and hint not in g.sentences:
            g.sentences.append(hint)
    unstated_units = [u for u in dict.fromkeys(m.group(2) for m in _GIVEN_UNIT.finditer(_units_written(a.text)))
             if not re.search(rf"\d\s*{re.escape(u)}\b", product.own_text, re.I)]
    if unstated_units and a.is_question:
        # "Is the laptop 220V only?", "kettle on 110V?": a quantity in a unit the product's texts never state, which
        # the shop's rules do ("제품은 국내 220V 전용입니다"): that sentence first
        stated = _stated_in_shop_text(knowledge, unstated_units)
        if stated is not None and not any(stated.text in x for x in g.sentences):
            from agent.general_facts import quote
            from agent.policy_answer import PolicyAnswer

            said = quote(g, knowledge, PolicyAnswer(passages=[stated], confident=True))
            g.sentences[:0] = said if g.lang == "ko" else [f"Our policy (in Korean): {x}" for x in said]
            # the customer's own quantity against the one the rule states in that unit ("110V" vs "220V 전용"): said
            # to differ, before the rule (the customer's number, never as a shop fact)
            for m in _GIVEN_UNIT.finditer(_units_written(a.text)):
                own = re.search(rf"(\d+(?:\.\d+)?)\s*{re.escape(m.group(2))}(?![A-Za-z])", stated.text)
                if own is not None and float(own.group(1)) != float(m.group(1)):
                    given, rule = f"{m.group(1)}{m.group(2)}", f"{own.group(1)}{m.group(2)}"
                    g.add(f"turn:quantity:{given}", f"고객이 말한 {given}")
                    g.sentences.insert(0, g.text("말씀하신 {x}{j} 안내된 {y}{k} 달라요.",
                                                 "{x} is not what our rule states ({y}).", x=given,
                                                 j=josa(given, "은", "는"), y=rule, k=josa(rule, "과", "와")))
                    break
    measured = [(h.start, h.end) for h in a.hits if h.concept == "measure"]
    qualities = [(h.form, re.sub(r"(하|한|해|함)$", "", h.form)) for h in a.hits if h.concept == "property"
                 and not any(s0 <= h.start < e0 or s0 < h.end <= e0 for s0, e0 in measured)]
    said = [stem for _, stem in qualities if stem in product.own_text or any(stem in x for x in g.sentences)]
    # (none of them named by the product's texts: "두께 도톰해요?" is answered by "도톰한 기모 원단")
    unstated_property = [form for form, stem in qualities if len(stem) >= 2] if not said else []
    if unstated_property and a.question == "yes_no" and a.lang == "ko" and not wanted and not _measure_amount(a) \
            and not re.search(r"몇|얼마|어느\s*정도", a.text) \
            and not asks & {"stock", "restock", "price", "discount", "measure"} \
            and not (product.seasons and _WEATHER_QUALITY.search(a.text)):  # (the seasons speak to warmth: said below)
        # "숏패딩 방수 되나요?", "셔츠 비침 있어요?": a quality the product's own texts never name is said to be unstated
        # first; what they do say (its material, its description) follows as what is known
        word = max(unstated_property, key=len)
        _unstated_first(g, product, word)
    # the Hangul nouns the question is of: each followed by its predicate ("워터프루프예요?", "정전기 있나요?"), never a
    # condition ("비오는 날 신어도 돼요?") nor the predicate the analyser took for a noun ("구김 잘 가요?")
    asked_of = [n for n in unknown if re.fullmatch(r"[가-힣]{2,}", n) and compiled(
        re.escape(n) + r"\s*용?\s*(?:이|가|은|는|도)?\s*(?:있|없|되|돼|이에요|이예요|예요|에요|인가|인지|이야|임|나요|가능|들어|여부)"
        ).search(a.text) and not re.fullmatch(re.escape(n) + r"\s*[?？!.~]*", a.text.split()[-1])]
    if asks <= {"property"} and a.question == "yes_no" and a.lang == "ko" and asked_of and not wanted \
            and not any("따로 나와 있지 않아요" in x for x in g.sentences):
        # "선크림 워터프루프예요?": a thing the product's texts never write (nor the shop's, else it was quoted above)
        # is said to be unstated, what they do say follows (the word as the customer wrote it: "워터프루프", not "워터")
        word = max(asked_of, key=len)
        at = a.text.find(word)
        grown = True
        while grown:  # the nouns written onto it before ("워터" + "프루프"): the word as written
            grown = False
            for n in unknown:
                if at >= len(n) and a.text[at - len(n):at] == n:
                    word, at, grown = n + word, at - len(n), True
                    break
        word += "용" if a.text[at + len(word):at + len(word) + 1] == "용" else ""  # "국거리용도 있어요?": a use, as written
        # (a word of the texts that differs only in its first syllable may be the answer: "무선이에요?" of "유선 키보드")
        # (any word asked having such a rival: "무선인가요 블루투스되나" of a 유선 keyboard is answered by 유선)
        rival = next((w for w in {word, *asked_of} if re.search(rf"(?<![가-힣])[가-힣]{re.escape(w[1:])}", product.own_text)),
                     None) or next(
            (t for t in re.findall(r"[A-Za-z]{2,}", a.text) if t.lower() in product.own_text.lower()), None)
        # (nor when a Latin word of the question is in them: "SSD 1TB로 업그레이드 돼요?" of "SSD 512GB")
        if word.lower() not in product.own_text.lower() and rival is None \
                and not any(word in x or any(n in x for n in asked_of) for x in g.sentences):
            _unstated_first(g, product, word)
    used_with = [(n, m) for n in unknown if re.fullmatch(r"[가-힣A-Za-z]{2,}", n) and n.lower() not in product.own_text.lower()
                 and (m := _USED_WITH.search(a.text[a.text.find(n) + len(n):])) is not None and m.start() == 0]
    if used_with and asks <= {"property"} and a.question == "yes_no" and a.lang == "ko" and not wanted \
            and not any("따로 나와 있지 않아요" in x for x in g.sentences):
        # "버티컬 마우스 맥북에서도 돼요?": whether it works with (or in, or as) a thing its texts never name is unstated,
        # said first; what they do say follows
        word, m = used_with[0]
        g.add(f"turn:asked:{word}", f"고객이 물은 사용 환경 {word} (상품 정보에 없음)")
        g.sentences.insert(0, g.text("{name}{j} {w}{p} 쓸 수 있는지는 상품 정보에 따로 나와 있지 않아요. 참고로 아래 정보를 확인해 주세요.",
                                     "Our product information doesn't say whether {name} works with {w}; here is what it does say.",
                                     name=product.name, j=josa(product.name, "을", "를"), w=word, p=m.group(1)))
    permitted = _USE_PERMITTED.search(a.text)
    nouns = {m.surface for m in a.morphemes if m.pos in ("NNG", "NNP")}
    who = [n for n in unknown if re.fullmatch(r"[가-힣]{2,}", n) and n in nouns and n not in product.own_text
           and re.search(re.escape(n) + r"\s*(?:인데|이라|라서|이|가|도|용|한테|에게|있는데|있어서)", a.text)
           and a.text.index(n) < permitted.start()] if permitted and a.question == "yes_no" and a.lang == "ko" else []
    if who and not unstated_property and not asks & {"stock", "restock", "price", "discount", "measure"} \
            and not any("따로 나와 있지 않아요" in x for x in g.sentences):
        # "임산부인데 수분크림 써도 돼요?", "아기가 먹어도 되나요?": whether it suits someone (or something) the product's
        # own texts never name is unstated, said first; what they do say follows
        word = who[0]
        g.add(f"turn:asked:{word}", f"고객이 물은 사용 대상 {word} (상품 정보에 없음)")
        g.sentences.insert(0, f"{product.name}{josa(product.name, '을', '를')} {word}{josa(word, '이', '가')} "
                              f"{permitted.group(1)}도 되는지는 상품 정보에 따로 나와 있지 않아요. 참고로 아래 정보를 확인해 주세요.")
    lead = _lead_sentence(product)
    no_chart_measure = a.has("measure") and not product.size_chart and "size_advice" not in asks
    if lead and g.lang == "ko" and a.is_question and not any(lead.rstrip(".") in x for x in g.sentences) \
            and _named_in_turn(knowledge, product, a.text) and (
            not asks and not wanted and not hint or no_chart_measure
            or any(len(n) >= 3 for n in unknown) and not wanted and not asks & {"stock", "restock", "discount", "price"}
            and not (hint and hint in g.sentences)):
        # "폼클렌저 산도 어떻게 돼요?", "귤 알 크기는요?" (no size chart): asked of something no word of ours names, or a
        # measure the product has no chart for; how the shop describes the product may answer ("로얄과 S~M")
        whole = _sentences(product.description)
        if a.question == "yes_no" and len(whole) <= 3:
            # "충전기로 맥북 충전돼요?": a yes/no about a use the turn's words do not find; a short description is said
            # whole (its second sentence, "노트북 충전도 가능합니다", may be the one that answers)
            g.sentences.extend(x for x in whole if x not in g.sentences)
        else:
            g.sentences.append(lead)
    if not g.sentences:
        if hint:
            g.sentences.append(hint)
        elif a.is_question and (asks - {"price", "stock"} or _unknown_nouns(turn, [])):
            g.say("문의하신 내용은 상품 정보에서 확인되지 않아 담당자가 확인 후 답변드릴게요.",
                  "That detail isn't in our product information, so a staff member will check and reply.")
            g.handoff, g.handoff_reason = True, "not_in_facts"
        else:
            _price_sentence(g, product, variants)
    choice = next((ax for ax in product.axes if len(product.values(ax.key)) > 1), None)  # never "which size" of FREE
    if len(product.variants) > 1 and not wanted and "stock" in asks and choice is not None and not listed_all:
        g.say("원하시는 {axis}{j} 알려주시면 남은 수량을 정확히 확인해 드릴게요.",
              "Tell me which {axis_en} you'd like and I'll check the exact stock.", axis=choice.label,
              j=josa(choice.label, "을", "를"), axis_en=_axis_en(choice.label).rstrip("s"))
        g.ask_back = True
    # ("MA-1 블랙 L 하나 남았던데 지금 주문하면 내일 오나요?": whether it comes by then, beside its stock)
    if ("ship" in asks and a.has("dispatch", "arrival") and a.has("today", "tomorrow") or _asks_when_it_comes(a)) \
            and turn.now is not None and variants and any(v.in_stock for v in variants) and not any(v.availability in ("PreOrder", "PreSale", "BackOrder")
                                                             for v in variants) \
            and not any(re.search(r"출고|ships?\b|dispatch", x) for x in g.sentences):
        # "그거 두개 주문할게요 오늘 출발해요?": when an order of it placed now ships, beside its stock
        from agent.delivery_facts import say_dispatch, shop_local

        say_dispatch(g, knowledge, a.text, a, shop_local(turn.now, knowledge))
    if own_values and wanted and variants and not any(v.in_stock for v in variants) and g.sentences \
            and not asks & {"stock", "restock", "options", "ship", "total"} and not any("품절" in x or "sold out" in x for x in g.sentences):
        # "스트라이프셔츠 블루 XL 소재 뭐에요?": the option they named is sold out, said beside what was asked
        said = " ".join(dict.fromkeys(wanted.values()))
        g.add(f"product:{product.id}:named_out", f"{product.name} {said} 품절")
        g.say("다만 {n} {o}{j} 현재 품절이에요.", "Note: the {n_en} in {o} is sold out right now.", n=product.name, o=said,
              j=josa(said, "은", "는"), n_en=product.name)
    _restock_alert(g, knowledge, a)
    _each_questions_own_sentence(g, product, turn)
    if g.lang == "en" and a.question == "yes_no" and not asks - {"property", "material", "care", "origin"} \
            and not ("origin" in asks and _origin_asked(a, product.origin or "") is not None):
        _english_trait(g, product, a)  # (a place asked of, "made in China?", is the origin's yes or no, no trait)
    if g.lang == "en" and product.care and product.care in g.sentences:
        # the care note reached as the description's hint ("how long does the tofu last?"): glossed, as "Care: …"
        at = g.sentences.index(product.care)
        glossed = english_care(product.care)
        g.sentences[at] = f"Care: {glossed}" if glossed != product.care else product.care
    said = list(dict.fromkeys(g.sentences))  # a description sentence said once, however it was reached ("Care: …" too)
    g.sentences[:] = [x for x in said if not any(x != y and x.rstrip(".") in y for y in said)]
    own = min(earlier, len(g.sentences) - 1)
    if product.name not in g.sentences[own]:
        first = g.sentences[own]
        if g.lang == "ko" and first.startswith(_ATTRIBUTE_OPENINGS):
            g.sentences[own] = f"{product.name}의 {first}"  # "나일론 백팩의 가격은 …": the answer first, no preamble
        else:
            g.sentences.insert(own, g.text(*PRODUCT_LEAD, name=product.name))
    return g.finish()


_ORDERED_SO = re.compile(r"주문|결제|사면|시키면|\border\b|\bbuy\b", re.I)


def _asks_when_it_comes(a: Any) -> bool:
    """"그거 2장 지금 주문하면 언제 받아요", "틴트 … 지금 결제하면 언제와요": when an order said as a condition (now or
    if placed) ships and comes ("언제와요" there is no impatience: nothing was ordered yet)."""
    return (a.question == "when" or a.has("when")) and (a.has("dispatch", "arrival") or a.has("late")) \
        and (a.hypothetical or a.has("today")) and bool(_ORDERED_SO.search(a.text))


def _english_trait(g: Grounding, product: Any, a: Any) -> None:
    """"is the keyboard wired?", "does the laptop come with Windows installed?": the short answer the product's own
    Korean texts give (the sentence that writes the trait follows as it stands), or that they never say it; the
    English words of the question are read in the shop's loanwords by sound too ("Windows" is 윈도우)."""
    from agent.english_traits import TRAITS, trait_verdict

    own_words = {w.lower() for x in (product.name, *product.aliases) for w in re.findall(r"[A-Za-z]+", x)}
    asked = [w for w in re.findall(r"[A-Za-z]{4,}", a.text) if w.lower() not in own_words and w.lower() not in ENGLISH_STOP]
    # (never a word of the product's own name, kind or material: "chinos", "nylon backpack" name the product; "Windows"
    # is 윈도우 by its stem)
    named = " ".join(x for x in (product.name, *product.aliases, product.category, product.material) if x)
    loans = {h: w.lower() for h, w in loans_in([product.own_text], asked, shortest_key=2, plurals=True).items()
             if h not in named}
    verdict = trait_verdict(a.text, product.own_text, loans)
    if verdict is None or any("doesn't say" in x for x in g.sentences):
        return
    g.add(f"turn:asked:{verdict.english}", f"고객이 물은 특성 {verdict.english} ({verdict.korean})")
    if verdict.has is None:
        if not any(f in x for f in TRAITS.get(verdict.english, ()) for x in g.sentences):  # (the shop's rules quoted)
            g.sentences.insert(0, f"Our product information doesn't say whether {product.name} is {verdict.english}.")
        return
    g.sentences.insert(0, f"No: the description of {product.name} says {verdict.english} ({verdict.korean})."
                       if verdict.opposite
                       else f"{'Yes' if verdict.has else 'No'}: the description of {product.name} says "
                            f"{'' if verdict.has else 'it is not '}{verdict.english} ({verdict.korean}).")
    if verdict.sentence not in " ".join(g.sentences):
        g.sentences.insert(1, f"In Korean: {verdict.sentence}")


# a thing's size that fits in the product, as its texts state it ("15인치 노트북 수납 가능") and as a customer asks it
_UNIT = r"(인치|inch|cm|mm|l|리터|ml|kg)"
_HOLDS = re.compile(r"(\d+(?:\.\d+)?)\s*" + _UNIT + r"\s*(?:[가-힣A-Za-z]+\s*){0,2}?(수납|들어가|들어갑|보관|넣을)", re.I)
_FITS_ASKED = re.compile(r"들어가|들어갈|들어갑|수납|넣을|넣어|\bfits?\b", re.I)


# the most or least of a measure asked over a kind ("허벅지 제일 넓은", "기장 가장 긴", "the widest thigh")
_MOST_OF = re.compile(r"(?:제일|가장|젤|최고로)\s*(넓|길|긴|크|큰|높|두껍|두꺼|짧|좁|작|낮|얇)|"
                      r"\b(wid|long|bigg|larg|tall|short|narrow|small|high|low)est\b", re.I)
_LEAST_STEMS = ("짧", "좁", "작", "낮", "얇", "short", "narrow", "small", "low")
_STEM_SAID = {"넓": "넓은", "길": "긴", "긴": "긴", "크": "큰", "큰": "큰", "높": "높은", "두껍": "두꺼운", "두꺼": "두꺼운",
              "짧": "짧은", "좁": "좁은", "작": "작은", "낮": "낮은", "얇": "얇은"}


def _measure_extreme(g: Grounding, knowledge: Any, category: str, mentions: Sequence[Any], text: str) -> bool:
    """"청바지 중에 허벅지 제일 넓은 거 뭐에요?", "기장 제일 긴 패딩", "which jeans have the widest thigh?": the products of
    the kind whose size charts state that measure, compared in one size they all have (the size named, else the
    middle one they share): the one with the most (or least) of it, then each one's figure. False when fewer than two
    of them state the measure or they share no size."""
    from agent.entities import measures_asked

    most, words = _MOST_OF.search(text), measures_asked(text)
    if most is None or not words:
        return False
    stem = (most.group(1) or most.group(2)).lower()
    members = knowledge.filter_products(category=category, in_stock=None, limit=200)
    if members and all("/" in (p.category or "") for p in members):
        members = _called_part(members, "".join(category.split())) or members  # ("패딩" of "코트/자켓/패딩")

    def key_of(p: Any) -> str | None:
        keys = {k for row in (p.size_chart or {}).values() for k in row}
        return next((k for w in words for k in sorted(keys) if w in k or k in w), None)

    rows = [(p, k) for p in members if (k := key_of(p)) is not None]
    if len(rows) < 2:
        return False
    common = set.intersection(*[{s for s, row in p.size_chart.items() if k in row} for p, k in rows])
    named = [m.value for m in mentions if m.value in common]
    order = [s for s in rows[0][0].size_chart if s in common]
    size = named[0] if named else order[len(order) // 2] if order else None
    if size is None:
        return False
    least = stem.startswith(_LEAST_STEMS)
    figures = [(p, k, float(p.size_chart[size][k])) for p, k in rows]
    best = (min if least else max)(figures, key=lambda x: x[2])
    if sum(1 for x in figures if x[2] == best[2]) > 1:
        return False  # (a tie names no one product)
    label = best[1]

    def cm(v: float) -> str:
        return f"{v:g}cm"

    for p, k, v in figures:
        g.add(f"product:{p.id}:size_chart:{size}", f"{p.name} {size} 실측 {k} {cm(v)}")
    others = ", ".join(f"{p.name} {cm(v)}" for p, _, v in figures if p is not best[0])
    adjective = _STEM_SAID.get(stem, "")
    g.say("{cat} 중 {size} 기준 {m}{j} 가장 {adj} 상품은 {name}({v}){cop}. 다른 상품은 {others}예요.",
          "Of our {cat}, in size {size}, the {sup} {m_en} is {name} ({v}); the others: {others}.", cat=category, size=size,
          m=label, j=josa(label, "이", "가"), adj=adjective or ("작은" if least else "큰"), name=best[0].name,
          v=cm(best[2]), others=others, sup=most.group(0).lower(), m_en=english_value(label, alone=True),
          cop=_copula(best[0].name))
    g.topic, g.subject = "measure", best[0].id
    return True


# a thing of a size said to fit in it ("fits a 15 inch laptop", "fit my 13-inch MacBook"): what it holds
_FITS_A_SIZE = re.compile(r"\bfits?\s+(?:a|an|my|the)?\s*\d+(?:\.\d+)?\s*-?\s*(?:inch|in\b|\"|cm|l\b|liter|litre)", re.I)


def _capacity_verdict(g: Grounding, knowledge: Any, a: Any) -> None:
    """"백팩에 16인치 노트북 들어가나요?" against "15인치 노트북 수납 가능": the customer's size beside the one the
    product's texts say it holds, in the same unit: smaller is said to fit, larger that it may not (never a yes the
    texts do not give)."""
    if g.lang != "ko" or not _FITS_ASKED.search(a.text):
        return
    for sentence in list(g.sentences):
        held = _HOLDS.search(sentence)
        if held is None:
            continue
        stated, unit = float(held.group(1)), held.group(2).lower()
        asked = next((m for m in re.finditer(r"(\d+(?:\.\d+)?)\s*" + re.escape(held.group(2)), a.text, re.I)), None)
        if asked is None or float(asked.group(1)) == stated:
            return
        said, limit = asked.group(0).replace(" ", ""), f"{held.group(1)}{held.group(2)}"
        g.add(f"turn:size:{said}", f"고객이 말한 크기 {said}")  # the customer's own number, said back as theirs
        if float(asked.group(1)) < stated:
            g.sentences.insert(g.sentences.index(sentence) + 1,
                               f"말씀하신 {said}{josa(said, '은', '는')} 안내된 {limit}보다 작아 들어갈 거예요.")
        else:
            at = g.sentences.index(sentence) + 1
            g.sentences.insert(at, f"말씀하신 {said}{josa(said, '은', '는')} 안내된 {limit}보다 커서 들어가지 않을 수 있어요.")
            roomier = _holding_more(knowledge, g.subject, float(asked.group(1)), unit)
            if roomier is not None:  # "토트백에 15인치 …?": the shop's product whose texts say it holds that size
                product, clause = roomier
                g.add(f"product:{product.id}", product_fact(product))
                g.add(f"product:{product.id}:details", details_fact(product))
                g.sentences.insert(at + 1, f"{product.name}{josa(product.name, '은', '는')} {clause}{josa(clause, '이', '가')} "
                                           "가능하다고 나와 있어요.")
        g.finish()
        return


def _holding_more(knowledge: Any, subject: Any, size: float, unit: str) -> tuple[Any, str] | None:
    """Another product whose own texts say it holds at least `size` in `unit` (the smallest such), with that clause."""
    best: tuple[float, Any, str] | None = None
    for p in _filtered(knowledge, in_stock=True, limit=500):
        if p.id == subject:
            continue
        for m in _HOLDS.finditer(p.own_text):
            held = float(m.group(1))
            if m.group(2).lower() == unit and held >= size and (best is None or held < best[0]):
                best = (held, p, m.group(0))
    return None if best is None else (best[1], best[2])


# a price the customer remembers, said in the past ("31200원 아니었어요?", "24,000원이던데", "29000원이었는데")
_REMEMBERED_PRICE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d{4,})\s*원\s*(?:이었|였|이던|아니었|이라더|이라고\s*했|에\s*팔던|에\s*샀)")


_BIGGER = re.compile(r"큰|대용량|대형|제일\s*많|\b(big|bigger|biggest|large|larger|largest)\b", re.I)
_SMALLER = re.compile(r"작은|소용량|소형|미니|\b(small|smaller|smallest|mini)\b", re.I)


def _one_size_chart(g: Grounding, product: Any, analysis: Any, asked_only: bool = False) -> None:
    """The measurements of a one-size product (the measures asked, else all of them, unless `asked_only`: beside the
    customer's own measure, only a measure of the chart they ask for), once."""
    from agent.entities import measures_asked

    chart = _chart_fact(product, product.sizes, measures_asked(analysis.text)) \
        or (None if asked_only else _chart_fact(product, product.sizes))
    if chart and not any(chart in x for x in g.sentences):
        g.add(f"product:{product.id}:size_chart", chart)
        g.say("실측 사이즈는 {c}입니다.", "Measurements: {c_en}.", c=chart, c_en=english_value(chart, alone=True))
        if len(product.sizes) == 1:
            _own_measure_weighed(g, product, product.sizes[0], analysis)


def _extreme_option(product: Any, text: str) -> dict[str, str]:
    """The option with the largest (or smallest) number on an axis whose values are quantities ("큰 용량은?" ->
    300ml, "작은 거" -> 2.5kg); {} when the turn compares nothing or no axis is a quantity."""
    bigger, smaller = bool(_BIGGER.search(text)), bool(_SMALLER.search(text))
    if bigger == smaller:
        return {}
    for axis in product.axes:
        if numbered := _quantity_values(product, axis.key):
            return {axis.key: (max if bigger else min)(numbered)[1]}
    return {}


def _quantity_values(product: Any, axis: str) -> list[tuple[float, str]]:
    """(number, value) for each value of an axis sold by quantity ("3kg", "50ml"); [] unless there are two or more
    and every value is a number with its unit."""
    values = product.values(axis)
    parsed = [(float(m.group(1)), v) for v in values if (m := _QUANTITY_VALUE.match(str(v)))]
    return parsed if len(parsed) >= 2 and len(parsed) == len(values) else []


# a number said without its unit ("50짜리", "150으로요"): not a count, a price, a percentage or a size in cm/kg
_BARE_NUMBER = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(?=\s*(짜리|으로|로|이랑|랑|은|는|이요|요|도|$|\s))(?!\s*(개|원|만|천|%|명|일|시|번|호|벌|장|켤레|팩|박스))")


def _bare_number_option(product: Any, text: str) -> dict[str, str]:
    """"그럼 50짜리 두개 사면요?" after 수분 크림 (50ml / 100ml): the one value of a quantity axis whose number the customer
    said without its unit; {} when no axis is a quantity or the number fits none or several."""
    numbers = {float(m.group(1)) for m in _BARE_NUMBER.finditer(text or "")}
    if not numbers:
        return {}
    found: dict[str, str] = {}
    for axis in product.axes:
        hits = [v for n, v in _quantity_values(product, axis.key) if n in numbers]
        if len(hits) == 1:
            found[axis.key] = hits[0]
    return found if len(found) == 1 else {}


def _bare_number_values(product: Any, text: str, picks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`picks` and the numbers the customer said without their unit that are each a value of the one quantity axis they
    all fit (and the picked value's axis): "30이랑 50" of 30ml / 50ml, "1.7이랑 2리터" beside the 2L read; `picks` as
    they were unless that makes two values or more."""
    numbers = [float(m.group(1)) for m in _BARE_NUMBER.finditer(text or "")]
    if len(numbers) + len(picks) < 2 or not numbers:
        return picks
    fitting = []
    for axis in product.axes:
        values = dict(_quantity_values(product, axis.key))
        if all(n in values for n in numbers) and all(a == axis.key for a, _ in picks):
            found = list(dict.fromkeys([*picks, *((axis.key, values[n]) for n in numbers)]))
            fitting.append(found)
    return fitting[0] if len(fitting) == 1 and len(fitting[0]) >= 2 else picks


def _count_bought(knowledge: Any, product: Any, variants: Sequence[Any], a: Any) -> tuple[int, int] | None:
    """How many of this product the customer counts ("그레이로 3개 사면", "두 장이랑 배송비 합치면") and its one price;
    None when they count none, or the options differ in price (the total depends on which one)."""
    from agent.mentions import basket, counts_not_options, lone_count

    from agent.mentions import _english_counts_before

    qty = dict(basket(knowledge, a.text)).get(product.id)
    if qty in (None, 1):  # (a product found by search, not by a name written whole: its count is the turn's lone one)
        qty = lone_count(knowledge, a.text) or qty or 1
    # ("2 hoodies, how much?": an English count before the noun counts too)
    counted = counts_not_options(knowledge, product.id, a.text) or qty in _english_counts_before(a.text).values()
    if qty < 2 or not variants or not counted:
        return None  # (not "마스크팩 10매 얼마예요": 10매 is the product's own option, the 10-sheet pack, not ten of it)
    price = min(v.price for v in variants)
    return None if any(v.price != price for v in variants) else (qty, price)


def _count_total(g: Grounding, knowledge: Any, product: Any, variants: Sequence[Any], a: Any) -> None:
    """The customer's count of this product ("그레이로 3개 사면 얼마에요", "how much for two?"): what they come to."""
    counted = _count_bought(knowledge, product, variants, a)
    if counted is None or not any(v.in_stock for v in variants):
        return  # (the option asked is sold out, which is said: what many of it would cost is no answer)
    qty, price = counted
    in_stock = [v for v in variants if v.in_stock]
    if len(variants) == 1 and in_stock and qty > in_stock[0].stock and not a.has("fee", "shipping", "region"):
        # "우유 3개 주문할게요 얼마에요?" of 2 left: that 3 are not there comes first, then what the ones there cost
        # (a total of a count that cannot be bought is no answer; but "… 3장 서귀포로 배송비 포함 얼마?" keeps the
        # count's total, which the fee beside it is reckoned on)
        _count_verdict(g, knowledge, product, in_stock, a.text)
        left = in_stock[0].stock
        total = g.derive_total(f"derived:total:{product.id}x{left}", [(product.name, price, left)]) if left > 1 else None
        if total is not None:
            g.say("남은 {n}개는 합계 {t}{cop}.", "The {n} left come to {t}.", n=left, t=won(total, g.lang),
                  cop=_copula(won(total)))
        return
    total = g.derive_total(f"derived:total:{product.id}x{qty}", [(product.name, price, qty)])
    if total is not None:
        g.say("{n}개 사시면 합계 {t}{cop}.", "{n} of them come to {t}.", n=qty, t=won(total, g.lang), cop=_copula(won(total)))
    if len(in_stock) == 1 and len(variants) == 1 and (a.has("possible", "stock") or qty > in_stock[0].stock) \
            and not any(str(qty) in x and "주문" in x for x in g.sentences):
        # "우유 3개 주문 가능해요?": whether that many are there, beside what they cost ("우유 5개 살게요" of 2 left:
        # that they are not, asked or not)
        _count_verdict(g, knowledge, product, in_stock, a.text)


# the sentence that leads a product's answer into what follows (the pipeline drops it when nothing follows it)
PRODUCT_LEAD = ("{name} 안내드릴게요.", "About {name}:")
_ATTRIBUTE_OPENINGS = ("가격은 ", "소재는 ", "핏은 ", "원산지는 ", "실측 사이즈는 ", "사이즈는 ", "색상은 ", "관리 방법: ")


def _axes_asked(product: Any, analysis: Any) -> list[Any]:
    """The option axes a "뭐 있어요?" names ("무슨 색" -> colour only); all of them when it names none."""
    from core.knowledge.options import AXIS_WORDS

    words = [h.form.lower() for h in analysis.hits if h.concept == "option"]
    named = [axis for axis in product.axes if any(
        w in axis.label.lower() or axis.label.lower() in w or any(w.startswith(x) for x in AXIS_WORDS.get(axis.key, ()))
        for w in words)]
    # none named: the axes there is a choice on ("Available sizes: FREE" says nothing), all when none has one
    return named or [axis for axis in product.axes if len(product.values(axis.key)) > 1] or list(product.axes)


# A measure customers ask of by its word ("용량", "무게"), with the units a shop states it in
_MEASURE_WORDS = {"용량": r"ml|l|리터|g|kg|oz", "무게": r"g|kg|킬로|그램", "중량": r"g|kg|킬로|그램",
                  "capacity": r"ml|l|g|kg", "volume": r"ml|l", "weight": r"g|kg|lbs?", "how heavy": r"g|kg|lbs?",
                  "두께": r"cm|mm|센치|미리", "thick": r"cm|mm", "thickness": r"cm|mm"}
_EN_AUXILIARY_FIRST = re.compile(r"\s*(is|are|does|do|can|will|would|has|have)\b", re.I)
# the thing's weight asked by its word with its amount ("무게 몇 키로", "무게 얼마나 나가요", "how heavy")
_WEIGHT_ASKED = re.compile(r"(무게|중량)\S{0,2}\s*(대충|대략|총|가)?\s*(몇\s*(키로|킬로|kg|g|그램)|얼마나\s*(나가|돼|되)|어느\s*정도)|"
                           r"\bhow\s+heavy\b|\bweigh(s|t)?\b", re.I)
_MEASURE_NAMED = re.compile("|".join(w if re.match(r"[가-힣]", w) else rf"\b{w}\b" for w in _MEASURE_WORDS), re.I)


def _measure_amount(analysis: Any) -> re.Pattern[str] | None:
    """An amount in the units of the measure the turn asks of by its word ("용량" -> 15g, 50ml; "무게" -> 1.3kg)."""
    low = analysis.text.lower()
    # ("두께감 어때요": how thick it feels, a quality, not the thickness in cm)
    units = [u for word, u in _MEASURE_WORDS.items() if compiled(re.escape(word) + "(?!감)").search(low)]
    if not units:
        return None
    return re.compile(rf"\d(?:[\d.,]*)\s*(?:{'|'.join(units)})(?![A-Za-z])", re.I)


def _measure_is_option(product: Any, analysis: Any) -> bool:
    """An option of the product is the measure the turn asks of by its word (a toner's 150ml / 300ml)."""
    amount = _measure_amount(analysis)
    return amount is not None and any(
        any(w in axis.label.lower() for w in _MEASURE_WORDS) or any(amount.search(str(v)) for v in product.values(axis.key))
        for axis in product.axes)


def _stated_measure(product: Any, analysis: Any) -> str | None:
    """The product's own sentence stating the measure the turn asks of by its word ("용량이 몇이에요?" -> "…(SPF50+
    PA++++, 본품 15g)."), when no option of the product is that measure (a toner sold in 150ml and 300ml lists them)."""
    amount = _measure_amount(analysis)
    if amount is None:
        return None
    for axis in product.axes:
        if any(w in axis.label.lower() for w in _MEASURE_WORDS) or any(amount.search(str(v)) for v in product.values(axis.key)):
            return None
    # (its description and care note, not the fitting note "모델 181cm 70kg, L 착용": a person's weight, not the thing's)
    found = next((t for source in (product.description, product.care) for t in _sentences(source) if amount.search(t)),
                 None)
    if found is None:
        return None
    return found if found.endswith((".", "!", "?")) else found + "."


# Units said in Korean and written as symbols in shop texts ("몇 헤르츠" meets "165Hz", "몇 그램" meets "15g")
_UNIT_SYMBOLS = {"헤르츠": "Hz", "와트": "W", "그램": "g\\b", "키로": "kg", "킬로": "kg", "킬로그램": "kg", "리터": "L\\b",
                 "밀리": "ml", "미리": "ml|mm", "밀리리터": "ml", "센치": "cm", "센티": "cm", "인치": "inch|\"", "볼트": "V\\b",
                 "암페어": "A\\b", "기가": "GB", "테라": "TB",
                 # counters written one way by the customer, another by the shop ("몇 장" / "5매", "몇 알" / "11~13과")
                 "장": "매", "매": "장", "알": "과", "과": "알", "개": "구|입|개입", "구": "개",
                 # and the shop rules' spellings of a period, a rate, a count of times ("몇개월" / "12개월", "몇프로" / "3%")
                 "개월": "달", "달": "개월", "일": "영업일", "프로": "%|퍼센트", "퍼센트": "%|프로", "번": "회", "회": "번"}


_UNITS_LONGEST = sorted(_UNIT_SYMBOLS, key=len, reverse=True)


def unit_stated(unit: str) -> re.Pattern[str]:
    """A number written in the unit a customer asked in, or in the shop's spelling of it ("몇 장" meets "5매", "몇
    미리" "300ml"); the unit a word of its own ("550g", never the g of "70kg")."""
    other = _UNIT_SYMBOLS.get(unit)
    return re.compile(rf"\d\s*(?:{re.escape(unit)}|{other})(?![A-Za-z])" if other else rf"\d\s*{re.escape(unit)}(?![A-Za-z])",
                      re.I)


def _asked_units(analysis: Any) -> list[Any]:
    """Counter/unit morphemes right after 몇 ("몇 평형", "몇 인치", "몇 시간"): the unit a quantity is asked in."""
    ms = analysis.morphemes
    # a counter the analyser reads as a common noun ("몇 팩") counts too, when short like a counter
    # (and a unit in Latin letters: "몇g", "몇 W", "몇 mAh"); never the verb 사다 it misreads as a noun ("몇 사요",
    # "몇 사면 돼요": which size to buy)
    found = [m for i, m in enumerate(ms) if i and ms[i - 1].lemma == "몇" and not _BUY_VERB.fullmatch(m.surface)
             and (m.pos == "NNBC" or m.pos in ("NNG", "NNB") and len(m.surface) <= 2 or m.pos == "SL" and len(m.surface) <= 3)]
    # a unit word the analyser cuts in two ("센치" -> 센 + 치): the whole word as written, when the shop's spellings
    # know it
    return [replace(m, surface=whole, lemma=whole, end=m.start + len(whole))
            if (whole := next((u for u in _UNITS_LONGEST if analysis.text.startswith(u, m.start)), m.surface)) != m.surface
            else m for m in found]


_BUY_VERB = re.compile(r"사(?:요|면|야|나요|죠|지|면요)|살(?:까|래|게)")


def _time_asked(a: Any) -> bool:
    """A length of time asked ("얼마마다", "얼마나 써요", "how long"), not "얼마나 나가요" (a weight) or "차이 얼마나"."""
    from core.language.lexicon import HOW_LONG, HOW_OFTEN

    if a.question == "when" and a.concepts <= {"when", "change", "use", "price"} and not a.reported:
        return True  # "필터 언제 갈아요?": when a thing of the product is done again, an interval its texts state
    return a.has("duration") and (a.question == "when" or bool(re.search(HOW_LONG, a.text))
                                  or bool(HOW_OFTEN.search(a.text.lower()))  # "how often", "몇 달에 한 번"
                                  or any(h.form == "주기" for h in a.hits))  # "교체주기 어떻게 돼요": an interval


def _shop_words_misread(knowledge: Any, a: Any) -> list[str]:
    """Words the analyser read as a verb and its connective ending right before a noun ("비건 제품" as 비 + 건), which
    the shop's own texts write as a word: a connective ending never qualifies a noun, the shop's word is meant."""
    from agent.shop_corpus import shop_says

    ms = a.morphemes
    out: list[str] = []
    for i in range(len(ms) - 2):
        verb, ending, noun = ms[i], ms[i + 1], ms[i + 2]
        if verb.pos in ("VV", "VA") and ending.pos == "EC" and verb.end == ending.start and noun.pos in ("NNG", "NNP") \
                and noun.start > ending.end and (i == 0 or ms[i - 1].end < verb.start):
            word = a.text[verb.start:ending.end]
            if len(word) >= 2 and re.fullmatch(r"[가-힣]+", word) and shop_says(knowledge, word):
                out.append(word)
    return out


def _rare_in_shop_text(knowledge: Any, word: str) -> bool:
    """The word is written in one section of the shop's (one rule names it, an FAQ entry may restate it), not
    everywhere."""
    try:
        found = {p.key: p.text for p in knowledge.passages().containing(word)}
    except (AttributeError, TypeError):
        return False
    if len(found) == 2:  # a rule and an FAQ answer that says it again in nearly the same words
        first, second = (set(re.findall(r"[가-힣A-Za-z0-9]+", t)) for t in found.values())
        return len(first & second) >= 0.6 * min(len(first), len(second))
    return 0 < len(found) <= 1


def _priced_in_rules(knowledge: Any, word: str) -> bool:
    """A clause of the shop's rules holds the word and what it costs ("벽걸이 설치는 브래킷 포함 60,000원", "… 무료"): a
    service of the shop's, which an English question about a product may ask of."""
    try:
        holding = knowledge.passages().containing(word)
    except (AttributeError, TypeError):
        return False
    return any(p.kind == "clause" and re.search(r"\d[\d,]*\s*원|무료", p.text) for p in holding)


def _loans_in_shop_text(knowledge: Any, words: Sequence[str]) -> dict[str, str]:
    """The Hangul words of the shop's rules and FAQ that an English word of the question sounds like ("vegan" is 비건,
    "cruelty" no word of theirs): what an English question asks, in the shop's own words. Three consonant classes or
    more on both sides, so a short word matches nothing by chance."""
    try:
        texts = [p.text for p in knowledge.passages().passages]
    except (AttributeError, TypeError):
        return {}
    return loans_in(texts, words)


def loans_in(texts: Sequence[str], words: Sequence[str], shortest_key: int = 3, plurals: bool = False) -> dict[str, str]:
    """{Hangul word of `texts`: the English word of `words` it sounds like} ("윈도우": "Windows"), English words of four
    letters or more whose sound key has `shortest_key` consonant classes or more; with `plurals`, a plural's stem is
    tried too ("Windows" as "Window")."""
    from core.language.loanwords import sound_key

    keys: dict[str, str] = {}
    for w in words:
        if not re.fullmatch(r"[A-Za-z]{4,}", w):
            continue
        for x in dict.fromkeys((w, re.sub(r"(?<=[^s])s$", "", w)) if plurals else (w,)):
            if len(x) >= 4 and len(sound_key(x)) >= shortest_key:
                keys[sound_key(x)] = w
    if not keys:
        return {}
    found = {strip_particles(t) for x in texts for t in re.findall(r"[가-힣]{2,}", x)}
    return {h: keys[sound_key(h)] for h in sorted(found) if len(h) >= 2 and sound_key(h) in keys}


def _quote_shop_text_on(g: Grounding, knowledge: Any, turn: Turn, limit: int, accept: Any, product: Any = None,
                        also: dict[str, str] | None = None, focus: Sequence[str] = ()) -> None:
    """Quote the first of the shop's passages nearest the question (up to `limit`) that `accept(hit)` takes: the shop's
    own words on a product that its product texts lack. `product`: the product asked about; a follow-up that does not
    name it ("얼마마다 갈아야 돼요?" after the filter) is searched with its name too."""
    from agent.general_facts import quote
    from agent.policy_answer import PolicyAnswer, question_tokens

    analysis = turn.analysis
    if product is not None and not name_spans(analysis.text, product) or also:
        # (with the shop's words for the English ones: "is the toner vegan?" searched with 비건)
        named = product.name if product is not None and not name_spans(analysis.text, product) else ""
        analysis = _analyse(" ".join(x for x in (named, *(also or ()), analysis.text) if x))
    try:
        hits = knowledge.passages().search(question_tokens(analysis), limit=5)
    except (AttributeError, TypeError):
        return
    hit = next((h for h in hits[:limit] if accept(h)), None)
    if hit is None and focus:
        # "쿠션 가격이랑 비건인지 알려주세요": the other words of the turn (price) rank other passages first; the words
        # asked of alone find the one on them
        try:
            hits = knowledge.passages().search(question_tokens(_analyse(" ".join(focus))), limit=5)
        except (AttributeError, TypeError):
            hits = []
        hit = next((h for h in hits[:limit] if accept(h)), None)
    if hit is not None:
        said = quote(g, knowledge, PolicyAnswer(passages=[hit.passage], confident=True))
        if g.lang == "en" and also:  # the customer's English word beside the shop's, the shop's sentence quoted
            words = ", ".join(f"{en} ({ko})" for ko, en in also.items() if ko in hit.passage.text)
            # ("is ur toner vegan?": whether the product is among the kinds the sentence lists, said first)
            listed = _listed_kinds(product, said)
            if listed is not None:
                # (one not listed is said to be so, no "no": the note names what it names)
                g.sentences.append(f"{'Yes: ' if listed[1] else ''}{product.name} is {'' if listed[1] else 'not '}"
                                   f"one of the kinds our shop information names for {words} ({listed[0]}).")
            g.sentences.append(f"What our shop information says about {words}, in Korean: " + " ".join(said))
        else:
            verdict = _listed_or_not(product, said) if g.lang == "ko" else None
            g.sentences.extend([verdict, *said] if verdict else said)


# a list of kinds in a shop's sentence ("토너·크림·선크림은 비건 인증을 받았습니다"), the subject of what it says
_KINDS_LISTED = re.compile(r"(?<![가-힣A-Za-z])((?:[가-힣A-Za-z]+·)+[가-힣A-Za-z]+)(?:은|는|만|이|가)\s")


def _listed_kinds(product: Any, said: Sequence[str]) -> tuple[str, bool] | None:
    """The kinds a quoted sentence lists as its subject ("토너·크림·선크림은 비건 인증을 받았습니다"), and whether the
    product is among them (a kind is the product's when its name holds it); None when no sentence lists any."""
    if product is None:
        return None
    name = product.name.replace(" ", "")
    for text in said:
        m = _KINDS_LISTED.search(text)
        if m is None:
            continue
        kinds = [k.strip() for k in m.group(1).split("·") if k.strip()]
        if len(kinds) >= 2:
            return m.group(1), any(k.replace(" ", "") in name for k in kinds)
    return None


def _listed_or_not(product: Any, said: Sequence[str]) -> str | None:
    """"틴트도 비건이에요?" answered with "토너·크림·선크림은 비건 인증을 받았습니다": whether the product is among the
    kinds the quoted sentence lists, said before it."""
    found = _listed_kinds(product, said)
    if found is None:
        return None
    return (f"{product.name}{josa(product.name, '은', '는')} 안내에 적힌 {found[0]}에 "
            f"{'들어 있어요' if found[1] else '들어 있지 않아요'}.")


# a quantity the customer writes in a Latin unit of a product's specification ("110V", "65W", "50Hz")
_GIVEN_UNIT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(V|W|Hz|mAh|Wh)(?![A-Za-z])")
_UNIT_SPELLING = {"v": "V", "w": "W", "hz": "Hz", "mah": "mAh", "wh": "Wh"}


def _units_written(text: str) -> str:
    """`text` with an electrical unit after a number spelt as rules spell it ("110v" -> "110V", "60hz" -> "60Hz")."""
    return re.sub(r"(?<=\d)(\s*)(mah|wh|hz|v|w)(?![A-Za-z])", lambda m: m.group(1) + _UNIT_SPELLING[m.group(2).lower()],
                  text or "", flags=re.I)


def _stated_in_shop_text(knowledge: Any, units: Sequence[str]) -> Any | None:
    """The one passage of the shop's FAQ or rules that states a quantity in one of these units, or None (none, or
    several that would each be a guess)."""
    try:
        found = [p for p in knowledge.passages().passages
                 if any(re.search(rf"\d\s*{re.escape(u)}(?![A-Za-z])", p.text) for u in units)]
    except (AttributeError, TypeError):
        return None
    return found[0] if len({p.text for p in found}) == 1 else None


def _duration_from_shop_text(g: Grounding, knowledge: Any, product: Any, turn: Turn) -> None:
    """A length of time asked of a product its own texts do not state ("필터 얼마마다 갈아요?" of the filter sold on its
    own): the shop's FAQ or rule sentence that names the product and states one ("A30 필터는 … 6~12개월마다 교체")."""
    # a word of the product's own name that tells it apart: three letters or more, or a model's digits ("A30"), not
    # a kind any product may share ("필터", "세트")
    names = {w for n in (product.name, *product.aliases) for w in str(n).split() if len(w) >= 3 or re.search(r"\d", w)}
    before = len(g.sentences)
    _quote_shop_text_on(g, knowledge, turn, 5, lambda h: bool(_DURATION_STATED.search(h.passage.text))
                        and any(w in h.passage.text for w in names), product)
    if len(g.sentences) > before:
        return
    # else the shop's rule for every product ("개봉 후에는 12개월 이내 사용을 권장합니다" for "오일 개봉하면 얼마나
    # 써요"): one naming no product, on a thing the customer names (its condition: 개봉)
    from agent.mentions import mentioned_products

    conditions = {f"@{c}" for c in turn.analysis.concepts} - _NO_CONDITION  # ("뜯으면" and "개봉 후": @opened)
    rules = {"@returns", "@exchange", "@refund"}

    def shop_wide(h: Any) -> bool:
        marks = {t for t in h.passage.tokens if t.startswith("@")}
        if not (_DURATION_STATED.search(h.passage.text) and conditions & marks and marks & rules <= conditions) \
                or mentioned_products(knowledge, h.passage.text):
            return False
        # the condition itself, not its "not yet" (미개봉, 미사용: the passage is about the other case)
        said = [x for x in _analyse(h.passage.text).hits if f"@{x.concept}" in conditions]
        return not said or any(x.start == 0 or h.passage.text[x.start - 1] != "미" for x in said)

    _quote_shop_text_on(g, knowledge, turn, 3, shop_wide, product)


# concepts of any time question, no condition of the customer's ("얼마나 써요": duration, use)
_NO_CONDITION = {f"@{c}" for c in ("duration", "use", "possible", "exist", "price", "how_many", "when", "period", "expiry",
                                   "inform", "cost")}
# a length of time a product's text states ("6~12개월마다", "수령 후 5일 이내", "up to 40 hours")
_DURATION_STATED = re.compile(r"\d+\s*(일|개월|시간|주|년|분)(?=마다|이내|동안|안에|까지|이상|정도|간|씩|후|만에|[^가-힣]|$)"
                              r"|\d+\s*(days?|months?|hours?|weeks?|years?)\b", re.I)


_MONEY_BOUND = re.compile(r"\d[\d,.]*\s*(?:만|천)?\s*원?\s*(?:대|" + RANGE_MAX.pattern + "|" + RANGE_MIN.pattern + ")")


def _each_questions_own_sentence(g: Grounding, product: Any, turn: Turn) -> None:
    """A turn of two questions, one of the product's stock or price and one of a thing its own texts state ("쌀
    20키로 몇개 남았어요? 도정 언제한거 보내줘요"): the other question's own sentence after the first's answer, when it
    names a word of that sentence (not the product's name) or asks a figure in the unit that sentence states."""
    from agent.pipeline import split_questions

    if g.lang != "ko":
        return
    parts = split_questions(turn.analysis.text)
    if len(parts) < 2:
        return
    names = " ".join((product.name, *product.aliases)).replace(" ", "")
    said = " ".join(g.sentences)
    for part in parts:
        sub = _analyse(part)
        if not sub.is_question or sub.has("stock", "price", "restock", "option", "discount", "cheap", "expensive"):
            continue
        hint = _description_hint(product, sub)
        if hint is None or hint.rstrip(".") in said:
            continue
        nouns = [m.surface for m in sub.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
                 and m.surface not in names]
        unit = any(unit_stated(m.surface).search(hint) for m in _asked_units(sub))
        if unit or any(n in hint for n in nouns):
            g.sentences.append(hint)
            said += " " + hint


def _description_hint(product: Any, analysis: Any) -> str | None:
    """The sentence of the product's own texts (description, care note, fitting note) that shares the most
    content words with the question, or states a number in the unit it asks for ("몇 평형" -> "30평형(99㎡)
    거실용 …", "개봉하고 얼마나 써요" -> "개봉 후 6개월 이내 사용"); else None."""
    priced = [x.span() for x in _MONEY_BOUND.finditer(analysis.text)]  # "5만원 이하": a budget, no word of a care note
    words = {form for m in analysis.morphemes if m.pos in ("NNG", "NNP", "VV", "VA", "XR", "SL")
             and not any(a <= m.start < b for a, b in priced)
             for form in (m.lemma, m.surface) if len(form) >= 2}  # "달린" meets "달린" even though its stem is 달리
    words |= {h.form for h in analysis.hits if len(h.form) >= 2 and not any(a <= h.start < b for a, b in priced)}
    # ("길이" even when mecab splits it: 길 + 이)
    names = " ".join((product.name, *product.aliases)).replace(" ", "")
    words = {w for w in words if w not in names}  # "크로스" of 크로스백: the name, not a question word
    # a number in that unit, the unit a word of its own ("550g", never the g of "70kg")
    units = [unit_stated(m.surface) for m in _asked_units(analysis)]
    if analysis.has("duration", "period"):  # "얼마나 먹을 수 있어요", "how long does it keep": a stated length of time
        units.append(_DURATION_STATED)
    sounds = _english_sounds(analysis)  # "bluetooth" meets 블루투스 in the Korean text by sound
    from core.language.korean_text import jamo

    # a verb's stem meets its noun form letter by letter ("비치는" -> 비치, "비침이 적고": ㅂㅣㅊㅣ in ㅂㅣㅊㅣㅁ)
    stems = {jamo(m.lemma) for m in analysis.morphemes if m.pos in ("VV", "VA") and len(m.lemma) >= 2
             and m.lemma not in names}
    # a word the analyser splits into pieces too short to match ("끈적이지" -> 끈 + 적): its first two syllables
    # ("끈적" meets "끈적임 없이")
    heads = {w.group(0)[:2] for w in re.finditer(r"[가-힣]{3,}", analysis.text)
             if not any(a <= w.start() < b for a, b in priced)} - {w[:2] for w in words}
    heads = {h for h in heads if h not in names and not any(h in w for w in words)}
    best, best_score = None, 0
    for sentence in _own_sentences(product):
        low = sentence.lower()
        score = sum(1 for w in words if w.lower() in low) + sum(2 for u in units if u.search(sentence)) \
            + sum(1 for h in heads if h in sentence)
        if stems:
            spelt = jamo(sentence)
            score += sum(1 for st in stems if st in spelt and not any(w in low for w in words if jamo(w) == st))
        if sounds:
            score += len(sounds & _hangul_sounds(sentence))
        if score > best_score:
            best, best_score = sentence, score
    if best is None:
        return None
    return best if best.endswith((".", "!", "?")) else best + "."


def _clause_sentences(g: Grounding, knowledge: Any, product: Any, analysis: Any, hint: str | None) -> None:
    """Each question of a turn of two or three, split where the customer breaks it ("충전기 얼마고 노트북 충전도 돼요?
    포트는 몇구에요", "does the vertical mouse do bluetooth? how much"): a question about a thing no attribute word names
    gets the product's own sentence that names that thing (by letters, a unit it is stated in, an English word by its
    sound, or a stated length of time when one is asked), else the shop's FAQ or rule passage that names it ("기존 티비
    수거도 해주나요") and no other product. The attribute questions (price, stock) are answered by the sentences above;
    a thing named nowhere adds nothing. A later question after a question mark that names only attribute words ("…
    맞을까요? 길이 몇이에요") gets the product's sentence nearest it (`_description_hint`), unless that is the turn's own
    `hint`, which the caller placed (or set aside) already."""
    from types import SimpleNamespace

    from agent.mentions import mentioned_products
    from agent.pipeline import split_questions

    parts = split_questions(analysis.text)
    if len(parts) < 2:
        return
    name_words = " ".join((product.name, *product.aliases)).replace(" ", "")
    name_sounds = _hangul_sounds(" ".join((product.name, *product.aliases)))
    own = _own_sentences(product)
    said = " ".join(g.sentences)
    for i, part in enumerate(parts):
        sub = _analyse(part)
        clause = SimpleNamespace(analysis=sub)
        unknown = [n for n in _unknown_nouns(clause, name_spans(part, product)) if n not in name_words]  # type: ignore[arg-type]
        values = {w for ax in product.axes for v in product.values(ax.key) for w in str(v).split()}
        unknown = [n for n in unknown if n not in values]  # ("헤드폰 실버 품절임?": its colour, no tier of the rules)
        day = _day_words(part)
        if day is not None:  # "크리스마스 전에 끝나나": a day of the calendar named, no thing of the shop's texts to look up
            unknown = [n for n in unknown if n not in day]
        hangul = [n for n in unknown if re.fullmatch(r"[가-힣]{2,}", n)]
        sounds = {k for k in _english_sounds(sub) if k not in name_sounds} \
            & {k for n in unknown if re.fullmatch(r"[A-Za-z]{4,}", n) for k in _english_sounds(_analyse(n))}
        # a quantity asked in a unit of its own ("몇 평형이에요?"): the sentence that states a number in it
        units = [re.compile(rf"\d\s*{re.escape(n)}") for n in unknown if re.fullmatch(r"[가-힣]", n)]  # 평 of 몇 평형
        lasting = _time_asked(sub)  # "배터리 몇 시간 가요?": the sentence stating a length of time
        found = next((x for x in own if any(n in x for n in hangul) or any(u.search(x) for u in units)
                      or sounds & _hangul_sounds(x) or lasting and _DURATION_STATED.search(x)), None)
        if found is None and i and not unknown and parts[i - 1].rstrip().endswith(("?", "？")):
            found = _description_hint(product, sub)
            found = None if found == hint else found
        if found is not None:
            found = found if found.endswith((".", "!", "?")) else found + "."
            if found.rstrip(".") not in said:
                g.sentences.append(found)
                said += " " + found
            continue
        # a word one rule alone names ("기존"), in the shop's passages nearest the question; a word several name
        # ("수거": the TV's installation, the A/S pickup) only in the nearest one, and only when that passage names this
        # product; never a passage about another product ("윈도우" of the laptop's FAQ for a keyboard)
        unsaid = [n for n in hangul if n not in product.own_text]
        rare = [n for n in unsaid if _rare_in_shop_text(knowledge, n)]
        own_words = [w for n in (product.name, *product.aliases) for w in str(n).split() if len(w) >= 2]

        def fits(h: Any) -> bool:
            text = h.passage.text
            others = [pid for pid in mentioned_products(knowledge, text) if pid != product.id]
            names_it = any(w in text for w in own_words)
            return not (others and not names_it) and any(n in text for n in (rare or unsaid)) and (bool(rare) or names_it)

        if unsaid and (sub.is_question or sub.question is not None):
            before = len(g.sentences)
            _quote_shop_text_on(g, knowledge, clause, 5 if rare else 1, fits, product)  # type: ignore[arg-type]
            said += " " + " ".join(g.sentences[before:])


def _named_in_turn(knowledge: Any, product: Any, text: str) -> bool:
    """The turn itself names the product (its name, an alias, or the search's first match on the turn), not only a
    follow-up leaning on the conversation."""
    if name_spans(text, product):
        return True
    found = knowledge.find_products(text)
    return bool(found.matches) and found.matches[0].product_id == product.id


def _sentences(text: str | None) -> list[str]:
    """The sentences of one of the product's texts, stripped, empty ones left out."""
    return [x.strip() for x in re.split(r"(?<=[.!?])\s+", text or "") if x.strip()]


def _lead_sentence(product: Any) -> str:
    """The first sentence of the product's description: how the shop itself describes it ("" when it has none)."""
    return next(iter(_sentences(product.description)), "")


def _own_sentences(product: Any) -> list[str]:
    """The sentences of the product's own texts (description, care note, fitting note), in that order."""
    return [x for source in (product.description, product.care, product.fitting_note) for x in _sentences(source)]


def _english_sounds(analysis: Any) -> set[str]:
    """Sound keys of the English content words of a question (see `core.language.loanwords`)."""
    from core.language.loanwords import STOP, sound_key

    words = [w.lower() for w in re.findall(r"[A-Za-z]{4,}", analysis.text)]
    return {k for w in words if w not in STOP and len(k := sound_key(w)) >= 3}


def _hangul_sounds(sentence: str) -> set[str]:
    """Sound keys of the Hangul words of a product sentence, to meet `_english_sounds`."""
    from core.language.loanwords import sound_key

    return {k for w in re.findall(r"[가-힣]{2,}", sentence) if len(k := sound_key(w)) >= 3}


_GIVEN = re.compile(r"(?<![\d.,A-Za-z])(\d{1,4}(?:\.\d+)?)\s*(?:" + _UNITS + r")?(?!\d)", re.I)
_STATED = re.compile(r"(\d{1,4}(?:\.\d+)?)\s*(?:(?:~|-|–|에서)\s*(\d{1,4}(?:\.\d+)?))?\s*" + "(?:" + _UNITS + ")?", re.I)
_UNIT_SAME = {"inch": "인치", "inches": "인치"}


def _unit(raw: str | None) -> str:
    raw = (raw or "").lower()
    return _UNIT_SAME.get(raw, raw)


def given_quantities(analysis: Any, covered: Sequence[tuple[int, int]]) -> list[tuple[float, str, str]]:
    """Numbers the customer gives about themselves or their use ("허리 38인데", "노트북 16인치", "발 290"),
    outside product and option words: (value, unit or "", surface)."""
    out = []
    for m in _GIVEN.finditer(analysis.text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        after = analysis.text[m.end():m.end() + 2].lstrip()
        if not m.group(2) and after[:1] in _NOT_A_MEASURE:
            continue  # "100%", "3만원", "2개", "14시", "24일": a share, money, a count or a time, not a measure
        out.append((float(m.group(1)), _unit(m.group(2)), m.group(0).strip()))
    return out


_NOT_A_MEASURE = frozenset("%만천원개시일월년번회장벌켤레명분주살팩박세입구호:/.,")


def _fit_texts(product: Any, given: Sequence[tuple[float, str, str]]) -> list[tuple[str, tuple[float, float, str] | None]]:
    """The product's own sentences (description, fitting note) that state a quantity comparable with one the
    customer gave: the same unit, or for a bare number one of the same magnitude ("발 290" vs "250~280mm").
    Each with the range it states, when it states one, so the reply can say whether the customer's value is in it."""
    texts = _sentences(product.description)
    if product.fitting_note:
        texts.append(product.fitting_note.strip())
    out: list[tuple[str, tuple[float, float, str] | None]] = []
    for text in texts:
        for m in _STATED.finditer(text):
            low, high, unit = float(m.group(1)), float(m.group(2) or m.group(1)), _unit(m.group(3))
            if not unit:
                continue  # a bare number in a sentence ("3켤레", "6패널") states no measure
            for value, given_unit, _ in given:
                same = given_unit == unit or (not given_unit and high and 0.5 <= value / high <= 2.0)
                if same:
                    out.append((text, (low, high, unit) if m.group(2) else None))
                    break
            else:
                continue
            break
    return out


def _fit_sentences(g: Grounding, product: Any, analysis: Any, covered: Sequence[tuple[int, int]],
                   quote: bool = True) -> bool:
    """Quote the product's own words on a quantity the customer gave, and whether their value is in the stated
    range ("벨트 허리 38인데 되나요?" -> "허리 28~36인치까지 조절…", 38 is above it); False when none speaks to it.
    `quote` False: the verdicts only (the words were said already, as the size advice's note)."""
    given = given_quantities(analysis, covered)
    if not given:
        return False
    found = _fit_texts(product, given)
    for text, span in found:
        if quote:
            g.sentences.append(text if text.endswith((".", "!", "?")) else text + ".")
        if span is None:
            continue
        low, high, unit = span
        # the value given in the range's own unit first ("3-pack … 290mm": 290mm, not the 3 of 3-pack)
        for value, given_unit, surface in sorted(given, key=lambda x: x[1] != unit):
            if given_unit and given_unit != unit:
                continue
            shown = f"{value:g}{unit}" if g.lang == "ko" else f"{value:g} {'inches' if unit == '인치' else unit}"
            g.add(f"turn:given:{value:g}", f"고객이 말한 값 {surface} (상품 정보 아님)")
            if low <= value <= high:
                g.say("말씀하신 {v}는 이 범위 안이에요.", "Your {v} is within that range.", v=shown)
            else:
                g.say("말씀하신 {v}는 이 범위를 벗어나요.", "Your {v} is outside that range.", v=shown)
            break
    return bool(found)


def _alternatives(knowledge: Any, product: Any, missing: Sequence[Any]) -> list[Any]:
    """Other products of the same category sold (in stock) in the option value asked for."""
    m = missing[0]
    if m.value is None:
        return []
    found = _filtered(knowledge, category=product.category, options={m.axis: m.value}, in_stock=True,
                      limit=_CANDIDATES_SHOWN + 1)
    return [p for p in found if p.id != product.id][:_CANDIDATES_SHOWN - 1]


def _region_text(knowledge: Any, turn: Turn) -> str:
    """The turn's text for the region its fee is quoted to; when it names none, with the customer's earlier messages
    that do ("제주도 사는데 …" then "숏패딩 하나 사면 배송비 포함 얼마에요": Jeju's surcharge still applies)."""
    from agent.turn_context import user_texts

    text = turn.analysis.text
    if surcharged_region(knowledge, text):
        return text
    earlier = next((t for t in [*reversed(turn.same_message), *user_texts(turn.history)] if surcharged_region(knowledge, t)),
                   None)  # newest first
    return f"{earlier} {text}" if earlier else text


def _swaps_value(a: TurnAnalysis) -> bool:
    """A value changed to, not bought beside ("중청 1개 남았네 흑청으로 바꾸면 가격 같아요?"): no basket of both."""
    return a.has("change") and not a.has("together")


_SUMMED = re.compile(r"더한|더해서|합친|합쳐서|\bplus\b", re.I)  # goods put with a sum ("4만5천원 상품에 양말 더한 거")


def _cart_before(g: Grounding, turn: Turn) -> int | None:
    """The sum the customer named in the message before for what they would buy ("제주도인데 45,000원어치 사면 …"),
    when this turn adds to it ("거기에 양말 3팩 하나 추가하면 …"; "4만5천원 상품에 양말 더한 거요"): that sum, a fact
    of the chat (None otherwise)."""
    from agent.entities import amount_terms
    from agent.turn_context import user_texts

    text = turn.analysis.text
    own = amount_terms(text)
    if own is not None:  # ("아까 말한 4만5천원 상품에 양말 더한 거요": the sum said again, with what is added)
        # (the sum this very turn names, when it puts goods with it: "… 상품에 양말 더한 거요", "… 거기에 추가하면")
        said = own[0] if _SUMMED.search(text) and own[1] == 1 else sum_added_to(text, text)
        if said is not None:
            g.add(f"turn:amount:{said}", f"고객이 말한 주문 금액 {won(said)}")
        return said
    before = next((t for t in user_texts(turn.history, limit=3) if amount_terms(t) is not None), None)
    said = sum_added_to(text, before)
    if said is not None:
        g.add(f"history:amount:{said}", f"고객이 앞서 말한 주문 금액 {won(said)}")
    return said


def _fee_sentence(g: Grounding, knowledge: Any, items: Sequence[tuple[Any, int]], text: str = "",
                  prices: dict[str, int] | None = None, cart: int | None = None) -> None:
    """The shipping fee for these items (at `prices`, the options named, else each product's price), to the region the
    customer names ("에어프라이어 제주 배송비": its surcharge); with the `cart` sum they add them to, of the whole."""
    price = {p.id: (prices or {}).get(p.id, p.price) for p, _ in items}
    lines = [(p.name, price[p.id], q) for p, q in items]
    if cart:
        lines.insert(0, ("앞서 말한 주문 금액", cart, 1))
    total = g.derive_total("derived:total:" + "+".join([*(["cart"] if cart else []), *(p.id for p, _ in items)]), lines) \
        if len(lines) > 1 or lines[0][2] > 1 else price[items[0][0].id]
    if total is None:
        return
    if cart:
        g.say("앞서 말씀하신 {c}에 {n} {p}{j} 더하면 상품 금액은 {t}이에요.", "Your {c} plus {n} at {p} comes to {t}.",
              c=won(cart, g.lang), n=items[0][0].name, p=won(price[items[0][0].id], g.lang),
              j=josa(won(price[items[0][0].id]), "을", "를"), t=won(total, g.lang))
    try:
        q = knowledge.delivery_quote(total, region=surcharged_region(knowledge, text))
    except (AttributeError, TypeError, ValueError):
        return
    has_threshold = int(q.free_threshold or 0) > 0 and int(q.base_fee or 0) > 0
    g.add(f"delivery:quote:{q.region}:{q.amount}", f"상품금액 {won(q.amount)}: 배송비 {won(q.fee)}"
          + (f" ({q.region} 추가 배송비 {won(q.surcharge)} 포함)" if q.surcharge else "")
          + (f" (무료배송 기준 {won(q.free_threshold)} 이상" + (", 충족" if q.free_applied else ", 미충족") + ")" if has_threshold else ""))
    if q.surcharge:  # "에어프라이어 제주 배송비": the region's surcharge is part of the answer
        from agent.english_gloss import GLOSSARY

        r, r_en = q.region, GLOSSARY.get(q.region, q.region)
        if q.free_applied:
            g.say("{t} 이상이라 기본 배송비는 무료이고, {r} 추가 배송비 {s}만 붙어요.", "The base fee is waived (over {t}); "
                  "only the {r_en} surcharge of {s} applies.", t=won(q.free_threshold, g.lang), r=r, r_en=r_en,
                  s=won(q.surcharge, g.lang))
        else:
            g.say("{r} 지역 배송비는 추가 배송비 {s}{j} 포함해 {f}이에요.", "Shipping to {r_en} is {f}, its {s} surcharge included.",
                  r=r, r_en=r_en, s=won(q.surcharge, g.lang), j=josa(won(q.surcharge), "을", "를"), f=won(q.fee, g.lang))
    elif q.fee <= 0:
        g.say("{t} 이상이라 배송비는 무료예요.", "Shipping is free (over {t}).", t=won(q.free_threshold, g.lang)) \
            if has_threshold else g.say("배송비는 무료예요.", "Shipping is free.")
    elif has_threshold:
        g.say("무료배송 기준({t} 이상)에 못 미쳐 배송비 {f}이 붙어요.", "Shipping is {f} (free from {t}).",
              t=won(q.free_threshold, g.lang), f=won(q.fee, g.lang))
    else:
        g.say("배송비는 {f}이에요.", "Shipping is {f}.", f=won(q.fee, g.lang))
    from agent.delivery_facts import say_paid_in_all, with_shipping

    if q.fee > 0 and text and (with_shipping(text) or _analyse(text).has("together")):
        say_paid_in_all(g, q)  # "총 얼마예요? 배송비도요", "shipping included?": the fee added to the goods


# -- several products ---------------------------------------------------------------------------------------
def _part_segment(bundle: Any, part_name: str) -> str:
    """What the set's description says right after a part's name, up to the next part's name ("청송 꿀사과 3kg와"
    for 청송 꿀사과): where the set states which option of the part it holds; "" when the name is not written."""
    text = bundle.description or ""
    at = text.find(part_name)
    if at < 0:
        return ""
    ends = [i for x in bundle.parts if x.name != part_name and (i := text.find(x.name, at + len(part_name))) > at]
    return text[at:min(ends) if ends else len(text)]


def _shop_faq_on_choice(g: Grounding, knowledge: Any, product: Any, turn: Turn, weighed: Sequence[str] = ()) -> None:
    """Which option of a product to choose, answered by the shop's FAQ entry on this product ("밝은 피부는 17호 바닐라 …"
    for "피부 밝은데 쿠션 뭐 골라요?"): quoted first when it names the product and speaks to most of the question; of
    values weighed against each other ("21호랑 23호 중에 어떤게 더 밝아요"), only an entry that names each of them."""
    names = {str(n) for n in (product.name, *product.aliases) if len(str(n)) >= 2}  # a whole name, not one of its words
    values = {str(v) for axis in product.axes for v in product.values(axis.key) if len(str(v)) >= 2}
    _quote_shop_text_on(g, knowledge, turn, 1, lambda h: h.passage.kind == "faq" and h.coverage >= 0.35
                        and any(w in f"{h.passage.title} {h.passage.text}" for w in names)
                        and any(v in h.passage.text for v in values) and all(v in h.passage.text for v in weighed))


def _set_part_fixed(g: Grounding, knowledge: Any, product: Any, pick: tuple[str, str], turn: Turn) -> bool:
    """A part of the set just discussed asked in another option ("키보드만 적축으로 바꿀 수 있어요?" after 재택근무 세트,
    whose description holds 갈축): the option the set holds, and the part in the option asked, sold on its own. False
    when no set discussed holds this product, or the set names no option of it, or the same one."""
    from agent.mentions import mentioned_products

    said = " ".join(str(h.get("text", "")) for h in turn.history[-4:])
    discussed = set(mentioned_products(knowledge, said)) if said else set()
    bundles = [b for pid in discussed if (b := knowledge.product(pid)) is not None and b.parts
               and any(x.product_id == product.id for x in b.parts)]
    if len(bundles) != 1:
        return False
    bundle = bundles[0]
    part = next(x for x in bundle.parts if x.product_id == product.id)
    fixed, _ = _resolve(knowledge, product, knowledge.find_products(_part_segment(bundle, part.name) or part.name).mentions)
    axis, value = pick
    if fixed.get(axis) in (None, value):
        return False
    g.add(f"product:{bundle.id}", product_fact(bundle))
    # only what the shop's data says: the set holds that option; the one asked is sold on its own
    g.say("{set}에는 {part} {fixed}{j} 들어 있어요.", "The {set} comes with the {part} in {fixed}.", set=bundle.name,
          part=product.name, fixed=fixed[axis], j=josa(fixed[axis], "이", "가"))
    variants = [v for v in product.variants if v.option(axis) == value]
    for v in variants[:2]:
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    if len(variants) == 1:
        v = variants[0]
        if v.in_stock:
            g.say("{value}{j} 따로 구매하실 수 있어요: {price}(재고 {n}개).", "The {value} is sold on its own: {price} ({n} in stock).",
                  value=f"{product.name} {value}", j=josa(value, "은", "는"), price=won(v.price, g.lang), n=v.stock)
        else:
            g.say("{value}{j} 따로 판매하지만({price}) 지금은 품절이에요.", "The {value} is sold on its own ({price}) but is sold "
                  "out right now.", value=f"{product.name} {value}", j=josa(value, "은", "는"), price=won(v.price, g.lang))
    g.topic, g.subject = "set", bundle.id
    return True


# which of two is longer or roomier, a dimension compared ("뭐가 더 길어요", "어느 쪽이 통 넓어요", "which is longer")
_DIMENSION_ASKED = re.compile(r"(?:뭐|어느|어떤|누가)\S*\s*(?:\S+\s+){0,2}?(?:더|덜)\s*(?:\S+\s+)?(?:길|짧|넓|좁|크|작|넉넉|여유)|"
                              r"\b(?:longer|shorter|wider|narrower|bigger|roomier|looser)\b", re.I)
_LENGTH_ASKED = re.compile(r"길|짧|기장|총장|\b(?:longer|shorter)\b", re.I)


def _chart_comparison(g: Grounding, knowledge: Any, named: Sequence[str], mentions: Sequence[Any], text: str) -> bool:
    """"싱글 코트랑 더블 코트 뭐가 더 길어요?", "와이드슬랙스랑 원턱슬랙스 중에 뭐가 더 통 넓어요": two products' size
    charts compared on the measure asked (the one the customer names, "허벅지", else the length for 길다/짧다 and the
    widths for 넓다/크다), in the size asked or the middle size both come in; the longer or wider one said. False
    when not asked so or a chart is missing."""
    if not _DIMENSION_ASKED.search(text):
        return False
    products = [p for pid in named if (p := knowledge.product(pid)) is not None and p.size_chart]
    if len(products) != 2:
        return False
    first, second = products
    common = [x for x in first.size_chart if x in second.size_chart]
    if not common:
        return False
    said = [str(m.value) for m in mentions if m.axis == "size" and str(m.value) in common]
    size = said[0] if said else common[(len(common) - 1) // 2]
    rows = first.size_chart[size], second.size_chart[size]
    keys = [k for k in rows[0] if k in rows[1]]
    length = bool(_LENGTH_ASKED.search(text))
    chosen = [k for k in keys if len(k) >= 2 and k[:2] in text] \
        or ([k for k in keys if "장" in k or "길이" in k][:1] if length else [k for k in keys if "단면" in k or "너비" in k][-2:])
    if not chosen:
        return False
    for p in products:
        fact = _chart_fact(p, [size], chosen)
        if fact:
            g.add(f"product:{p.id}:chart:{size}", f"{p.name} 실측 {fact}")
    ahead: set[str] = set()
    for key in chosen:
        x, y = float(rows[0][key]), float(rows[1][key])
        unit = "" if "(" in key else "cm"
        g.say("{size} 기준 {k}: {a} {x}{u}, {b} {y}{u}.", "{k} in {size}: {a} {x}{u}, {b} {y}{u}.", size=size, k=key,
              a=first.name, b=second.name, x=_num(x), y=_num(y), u=unit)
        if x != y:
            ahead.add(first.name if x > y else second.name)
    if not ahead:
        g.say("두 상품의 실측은 같아요.", "The two measure the same.")
    elif len(ahead) == 1:
        winner = next(iter(ahead))
        g.say("{w}{j} 더 {adj}.", "The {w} is {adj_en}.", w=winner, j=josa(winner, "이", "가"),
              adj="길어요" if length else "넓어요", adj_en="longer" if length else "wider")
    g.subject, g.topic = first.id, "measure"
    return True


# how two products differ, asked ("차이가 뭐예요", "뭐가 달라요", "다른 점", "what's the difference")
_HOW_THEY_DIFFER = re.compile(r"차이|다른\s*점|뭐가\s*(?:달라|다르|다른)|어떻게\s*(?:달라|다르|다른)|\bdiffer", re.I)


# a country asked of ("from Korea", "made in Vietnam", "Korean?"; "국산이에요?", "중국산인가요", "한국에서 만든")
_FROM_EN = re.compile(r"\b(?:from|made\s+in|produced\s+in|grown\s+in)\s+(?:the\s+)?([a-z]+)|\b(korean|domestic|local|imported)\b",
                      re.I)
_HOME = re.compile(r"(?<![가-힣])국산|국내|한국|대한민국|\bkorea", re.I)  # (never the 국산 of 중국산)


def _origin_asked(a: Any, origin: str) -> bool | None:
    """Whether the place the customer asks of ("Is the mackerel from Korea?", "고등어 국산이에요?") is the product's
    origin; None when they name none (a yes/no question of origin asked without a place: "원산지 표시돼요?")."""
    text = a.text
    found = _FROM_EN.search(text)
    asked: str | None = None
    if found:
        word = (found.group(1) or found.group(2) or "").lower()
        asked = "korea" if word in ("korea", "korean", "domestic", "local") else "abroad" if word == "imported" else word
    else:
        place = next((m.surface for i, m in enumerate(a.morphemes) if m.semantic == "지명"
                      and i + 1 < len(a.morphemes) and a.morphemes[i + 1].surface in ("산", "에서", "꺼", "거")), None)
        if place and not _HOME.fullmatch(place):
            asked = place  # "중국산이에요?" (never the 국산 inside it)
        elif place or re.search(r"(?<![가-힣])(?:국산|국내산|국내\s*생산)", text):
            asked = "korea"
        elif re.search(r"(?<![가-힣])수입", text):
            asked = "abroad"
    if asked is None:
        return None
    home = bool(_HOME.search(origin) or _HOME.search(english_value(origin, alone=True)))
    if asked == "korea":
        return home
    if asked == "abroad":
        return not home
    return asked.lower() in origin.lower() or asked.lower() in english_value(origin, alone=True).lower()


# a reason asked ("왜 가격이 달라요", "이유가 뭐예요", "why is it pricier")
_WHY_ASKED = re.compile(r"왜|이유|\bwhy\b|\bhow\s+come\b", re.I)


_ONE_THING = frozenset({"material", "fit", "care", "origin", "brand", "measure", "price", "stock", "option", "property", "discount"})


def _difference_asked_apart(knowledge: Any, text: str) -> bool:
    """How two products differ asked as a question of its own beside another ("둘이 뭐가 달라요? 그리고 XL 재고도"):
    the clause that asks it names no one thing (a "기장 차이" is that measure's; words of a product's name, the
    옥스포드 of "옥스포드셔츠", ask nothing)."""
    from agent.mentions import mention_spans
    from agent.pipeline import split_questions
    from agent.turn_analysis import analyse_turn

    clauses = split_questions(text)
    if len(clauses) < 2:
        return False
    for c in clauses:
        if not _HOW_THEY_DIFFER.search(c):
            continue
        a = analyse_turn(c)
        names = [(s, e) for _, s, e in mention_spans(knowledge, a.text)]
        if not any(h.concept in _ONE_THING and not any(s <= h.start and h.end <= e for s, e in names) for h in a.hits):
            return True
    return False


def _differences_sentence(g: Grounding, products: Sequence[Any]) -> None:
    """"옥스포드 셔츠랑 버튼다운 셔츠 차이가 뭐예요?": after the two side by side, what differs between them (price,
    material, fit, origin, seasons) and what they share, said plainly."""
    first, second = products

    def fields(p: Any) -> list[tuple[str, str, str]]:
        return [("가격", "price", won(p.price, g.lang)), ("소재", "material", p.material or ""), ("핏", "fit", p.fit or ""),
                ("원산지", "origin", p.origin or ""), ("시즌", "seasons", "·".join(p.seasons))]

    differ, same = [], []
    for (ko, en, x), (_, _, y) in zip(fields(first), fields(second)):
        if not x or not y:
            continue
        (same if x == y else differ).append((ko, en, x, y))
    if not any(ko != "가격" for ko, *_ in differ):
        return  # (a price apart, nothing of theirs to set side by side: the lines above say what they are)

    def pair(x: str, y: str) -> str:
        return f"{x} vs {y}" if "/" in x + y else f"{x} / {y}"  # (a value with slashes of its own: "겉감: … / 안감: …")

    g.say("두 상품은 {list}{j} 달라요.", "They differ in {list_en}.", list=", ".join(f"{ko}({pair(x, y)})" for ko, _, x, y in differ),
          j=josa(differ[-1][0], "이", "가"), list_en=", ".join(f"{en} ({pair(x, y)})" for _, en, x, y in differ))
    if same:
        g.say("{list}{j} 같아요.", "Same {list_en}.", list=", ".join(f"{ko}({x})" for ko, _, x, _ in same),
              j=josa(same[-1][0], "은", "는"), list_en=", ".join(f"{en} ({x})" for _, en, x, _ in same))


def _set_by_its_word(knowledge: Any, other: str, text: str) -> str | None:
    """The one set of the shop whose name ends in a word the turn says on its own ("키트엔 …" of 여행용 미니 키트), asked
    whether it holds the product named (`other`), or None: a set is called by its kind as often as by its name."""
    said = {normalize(strip_particles(w)) for w in text.split()}
    sets = [p for p in knowledge.products() if p.parts and p.id != other and len(tail := normalize(p.name.split()[-1])) >= 2
            and tail in said]
    return sets[0].id if len(sets) == 1 else None


def _set_holds(g: Grounding, knowledge: Any, named: Sequence[str], text: str) -> bool:
    """"미니키트에 선크림도 들어있나요?": a set named with another thing, asked whether it holds it. The set's parts, then
    whether the other thing is one of them (a part is the product itself, or its name holds the customer's words for
    it). False when not exactly one of the named products is a set."""
    products = [p for pid in dict.fromkeys(named) if (p := knowledge.product(pid)) is not None]
    sets = [p for p in products if p.parts]
    if len(sets) != 1:
        return False
    bundle = sets[0]
    others = [p for p in products if p is not bundle]
    asks_if = _analyse(text).question == "yes_no"
    g.add(f"product:{bundle.id}", product_fact(bundle))
    g.subject, g.topic = bundle.id, "parts"
    listed = ", ".join(f"{x.name} {x.quantity}개" if g.lang == "ko" else f"{x.name} × {x.quantity}" for x in bundle.parts)
    g.say("{name} 구성은 {list}{cop}.", "The {name} includes: {list}.", name=bundle.name, list=listed, cop=_copula(listed))
    for other in others:
        spans = _own_spans(text, knowledge, other.id, list(named))
        said = text[spans[0][0]:spans[0][1]] if spans else other.name
        words = [normalize(text[s0:e0]) for s0, e0 in spans] or [normalize(other.name)]
        part = next((x for x in bundle.parts if x.product_id == other.id
                     or any(len(w) >= 2 and w in normalize(x.name) for w in words)), None)
        wanted = _resolve(knowledge, other, knowledge.find_products(text).mentions)[0] if part is not None else {}
        other_value = [v for v in wanted.values() if v.lower() not in part.name.lower()] if part is not None else []
        if part is not None and other_value:
            # "재택근무세트 키보드를 적축으로 바꿔서 받을수있나요": the set holds the part in its own option; another
            # option of it is nothing the shop's texts offer (never a "yes, it includes …")
            g.add(f"product:{bundle.id}:unstated", f"{bundle.name} 구성품 옵션 변경 안내 없음")
            g.say("세트에는 {part}{j} 들어 있어요. {v}{ro} 바꿔 받을 수 있다는 안내는 없어요.",
                  "The set comes with {part}; nothing in our information offers it in {v}.", part=part.name,
                  j=josa(part.name, "이", "가"), v=other_value[0], ro=josa(other_value[0], "으로", "로"))
        elif part is not None:
            g.say("{yes}구성에 {part}도 들어 있어요.", "{yes_en}It includes {part}.", part=part.name,
                  yes="네, " if asks_if else "", yes_en="Yes. " if asks_if else "")
        else:
            g.say("{w}{j} {set} 구성에 들어 있지 않아요.", "{w} is not part of the {set}.", w=said,
                  j=josa(said, "은", "는"), set=bundle.name)
    # ("… 키트엔 들어있는거죠? 그럼 키트 3개": the sets counted right after a word of the set's name, what they come to;
    # a count after the part's name is the part's)
    from agent.mentions import COUNTERS

    words = "|".join(re.escape(w) for w in bundle.name.split() if len(w) >= 2)
    counted = re.search(rf"(?:{words})\S*\s*(\d{{1,2}})\s*(?:{COUNTERS})", text) if words else None
    if counted and int(counted.group(1)) >= 2 and len(bundle.variants) == 1:
        _so_many_of(g, bundle, bundle.variants[0], int(counted.group(1)))
    return True


def _set_comparison(g: Grounding, knowledge: Any, named: Sequence[str], mentions: Sequence[Any], turn: Turn) -> Grounding | None:
    """A set whose parts include the named products: its price against the parts bought separately. None when
    no set holds them or a part's option (and so its price) cannot be told."""
    ids = set(named)
    bundles = [b for b in knowledge.products() if b.parts and all(x.product_id for x in b.parts)
               and (b.id in ids or ids & {x.product_id for x in b.parts})]
    if not bundles:
        return None
    bundle = max(bundles, key=lambda b: (b.id in ids, len(ids & {x.product_id for x in b.parts})))
    priced: list[tuple[Any, Any, int]] = []
    for part in bundle.parts:
        product = knowledge.product(part.product_id)
        if product is None:
            return None
        wanted, _ = _resolve(knowledge, product, knowledge.find_products(part.name).mentions)
        if not wanted:
            wanted, _ = _resolve(knowledge, product, mentions)  # the customer's own values ("사과 3kg")
        if not wanted:  # the set's own words on its part ("청송 꿀사과 3kg와 제주 노지 감귤 2.5kg를 한 상자에")
            said = _part_segment(bundle, part.name)
            if said:
                wanted, _ = _resolve(knowledge, product, knowledge.find_products(said).mentions)
        variants = [v for v in product.variants if v.matches(wanted)] if wanted else list(product.variants)
        if len({v.price for v in variants}) != 1:
            return None
        priced.append((product, variants[0], part.quantity))
    g.add(f"product:{bundle.id}", product_fact(bundle))
    for product, v, _ in priced:
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    separate = g.derive_total("derived:separate:" + bundle.id,
                              [(f"{p.name} {v.label}".strip(), v.price, q) for p, v, q in priced])
    if separate is None:
        return None
    diff = separate - bundle.price
    g.add(f"derived:set_difference:{bundle.id}", f"구성품 따로 구매 합계 {won(separate)} - {bundle.name} {won(bundle.price)} "
                                                 f"= 차이 {won(abs(diff))}")
    terms = " + ".join(f"{p.name}{' ' + v.label if v.label else ''} {won(v.price, g.lang)}" + (f" × {q}" if q > 1 else "")
                       for p, v, q in priced)
    g.say("{set}{j} {price}이고, 구성품을 따로 사면 {sum}({terms})이에요.", "The {set} is {price}; its parts bought separately "
          "come to {sum} ({terms}).", set=bundle.name, j=josa(bundle.name, "은", "는"), price=won(bundle.price, g.lang),
          sum=won(separate, g.lang), terms=terms)
    if diff > 0:
        g.say("세트로 사시면 {d} 더 저렴해요.", "The set saves you {d}.", d=won(diff, g.lang))
    elif diff < 0:
        g.say("따로 사시는 쪽이 {d} 더 저렴해요.", "Buying them separately is {d} cheaper.", d=won(-diff, g.lang))
    else:
        g.say("가격은 같아요.", "The price is the same either way.")
    _set_shipping_weighed(g, knowledge, bundle.price, separate)
    g.topic, g.subject = "price", bundle.id
    return g.finish()


def _set_shipping_weighed(g: Grounding, knowledge: Any, set_price: int, separate: int) -> None:
    """The set under the free-shipping threshold and its parts bought separately over it: with each one's shipping fee,
    what each costs in all and which is cheaper then (the set's saving may be less than its fee)."""
    try:
        policy = knowledge.delivery_policy()
    except (AttributeError, TypeError):
        return
    from agent.delivery_facts import policy_fact

    threshold, fee = int(policy.free_threshold or 0), int(policy.base_fee or 0)
    if not threshold or not fee or (set_price >= threshold) == (separate >= threshold):
        return  # (both ship free, or both pay the fee: the prices compared already say it)
    with_fee = {"set": set_price + (fee if set_price < threshold else 0),
                "apart": separate + (fee if separate < threshold else 0)}
    g.add("delivery:policy", policy_fact(policy))
    gap = abs(with_fee["set"] - with_fee["apart"])
    g.add("derived:set_with_shipping", f"배송비 포함: 세트 {won(with_fee['set'])}, 따로 구매 {won(with_fee['apart'])} (무료배송 "
          f"기준 {won(threshold)}, 배송비 {won(fee)}), 차이 {won(gap)}")
    cheaper = g.text("세트", "the set") if with_fee["set"] < with_fee["apart"] else g.text("따로 사시는 쪽", "buying separately")

    def side(total: int, goods: int) -> str:
        return f"{won(total)}(" + (f"배송비 {won(fee)} 포함" if goods < threshold else "무료배송") + ")"

    g.say("다만 배송비까지 치면 세트는 {s_ko}, 따로 사시면 {a_ko}이에요(무료배송 기준 {t}). " +
          ("{c}{j} {d} 더 저렴해요." if gap else "어느 쪽이든 같아요."),
          "With shipping ({f} under {t}), the set comes to {s} and the parts to {a}" +
          (", so {c} is {d} cheaper." if gap else ": the same."),
          s=won(with_fee["set"], g.lang), a=won(with_fee["apart"], g.lang), t=won(threshold, g.lang), f=won(fee, g.lang),
          c=cheaper, d=won(gap, g.lang), s_ko=side(with_fee["set"], set_price), a_ko=side(with_fee["apart"], separate),
          j=josa(cheaper, "이", "가"))


def _service_how_to(g: Grounding, knowledge: Any, turn: Turn) -> Grounding | None:
    """How a shop service one applies for works, asked on the product route ("알림 신청은 어떻게 해요?", "알림 신청하면
    바로 연락 와요?" after a sold-out answer): the shop's rule that says it, when it answers confidently; None
    otherwise (a product's own how-to stays here)."""
    from agent.general_facts import quote
    from agent.policy_answer import answer_policy

    answer = answer_policy(knowledge, turn.analysis)
    if not answer.confident or not answer.passages:
        return None
    g.sentences.extend(quote(g, knowledge, answer))
    g.topic = answer.topics[0] if answer.topics else answer.passages[0].key
    return g.finish()


def _name_segments(text: str, products: Sequence[Any], knowledge: Any = None) -> dict[str, tuple[int, int]]:
    """{product id: (where its name starts, where the next product's name starts)} for products named in order, so
    the option values written after a name belong to it; products whose name is not found are left out. A name the
    search reads but no alias spells ("귤" of 제주 노지 감귤) is found by the conjunct that names it ("귤 5kg랑 …")."""
    starts = sorted((min(s for s, _ in spans), p.id) for p in products if (spans := name_spans(text, p)))
    if len(starts) < len(products):
        # "맨투맨 기모 블랙 M, 무지 그레이 L, 레터링 크림 XL": a product named by the word of its name no other listed
        # product's name holds (기모, 무지, 레터링), when what follows each names every kind of value the turn does: the
        # product's values each (a value said once, "둘 다 네이비로 자켓 L 팬츠 32", is both products')
        placed = {pid for _, pid in starts}
        wider = list(starts)
        for p in products:
            if p.id in placed:
                continue
            others = {w for q in products if q.id != p.id for w in q.name.split()}
            own = [w for w in p.name.split() if len(w) >= 2 and w not in others]
            at = min((i for w in own if (i := text.find(w)) >= 0), default=-1)
            if at >= 0 and all(at != a for a, _ in wider):
                wider = sorted([*wider, (at, p.id)])
        try:
            vocab = knowledge._searcher().vocab if knowledge is not None else None
        except AttributeError:
            vocab = None
        ends = [a for a, _ in wider[1:]] + [len(text)]
        axes = (lambda t: {m.axis for m in vocab.find_mentions(t) if m.value}) if vocab is not None else None  # noqa: E731
        if len(wider) == len(products) and axes is not None \
                and all(axes(text[a:e]) >= axes(text) for (a, _), e in zip(wider, ends)):
            starts = wider
    if len(starts) < 2 and knowledge is not None:
        from agent.mentions import CONJUNCTION

        at, found = 0, []
        for piece in CONJUNCTION.split(text):
            begin = text.find(piece, at)
            at = begin + len(piece)
            try:
                match = knowledge.find_products(piece).matches
            except (AttributeError, TypeError):
                return {}
            pid = match[0].product_id if match else None
            if pid in {p.id for p in products} and pid not in {x for _, x in found}:
                found.append((begin, pid))
        starts = found if len(found) == len(products) else starts
    if len(starts) < 2:
        return {}
    return {pid: (at, starts[i + 1][0] if i + 1 < len(starts) else len(text) + 1) for i, (at, pid) in enumerate(starts)}


def _joined_to_next(segment: str) -> bool:
    """A product's words joined to the next product's by a conjunction ("크로스백이랑 ", "A and "): what is asked after
    both is asked of it too (the conjunctions of `mentions.CONJUNCTION`: never 과/와, which end nouns, 사과)."""
    from agent.mentions import CONJUNCTION

    return any(m.end() == len(segment) for m in CONJUNCTION.finditer(segment))


def _parts_of(product: Any, products: Sequence[Any], text: str, segment: tuple[int, int]) -> list[str]:
    """The questions of a turn that are one product's alone: each question naming it and no other named product
    ("… 충전기 노트북도 돼요?"), else the text from its name to the next product's name."""
    from agent.pipeline import split_questions

    own = [part for part in split_questions(text) if name_spans(part, product)
           and not any(name_spans(part, q) for q in products if q is not product)]
    start, end = segment
    return own or ([text[start:end]] if start >= 0 else [])


def _own_question_answer(product: Any, segment: str, names: str) -> str | None:
    """The product's own sentence on a thing asked in the part of the turn that is that product's alone ("니트장갑 폰
    터치돼요?" of "… 그리고 울머플러랑 같이 사면 얼마에요" -> "손가락 끝 터치가 가능합니다"): a question there about a
    thing no attribute or shop word names nor any named product's name (`names`: "팬츠" of "셋업 자켓이랑 팬츠"), met
    by letters in the product's own texts; None when the segment asks no such thing or nothing of the product's says it."""
    from types import SimpleNamespace

    if not segment.strip():
        return None
    sub = _analyse(segment)
    if not (sub.is_question or sub.question is not None):
        return None
    clause = SimpleNamespace(analysis=sub)
    unknown = [n for n in _unknown_nouns(clause, name_spans(segment, product))  # type: ignore[arg-type]
               if n not in names and re.fullmatch(r"[가-힣]{2,}", n)]
    return next((x for x in _own_sentences(product) if any(n in x for n in unknown)), None)


def _price_part(g: Grounding, v: Any) -> str:
    """A variant's price, with the regular price beside a sale price."""
    return won(v.price, g.lang) + (g.text("(정가 {lp})", " (regular {lp})", lp=won(v.list_price, g.lang))
                                   if v.on_sale and v.list_price else "")


# one product used with another ("A로 B 충전 돼요?", "A랑 B 호환돼요?", "use A with B", "does A fit B")
WORKS_WITH = re.compile(r"호환|같이\s*(?:쓸|써|사용)|(?:으로|로)\s+(?:\S+\s+){0,2}(?:충전|연결)|에\s*(?:맞|끼워|연결|장착)|"
                         r"(?:도|은|는|을|를)\s*(?:충전|연결)\s*(?:돼|되|가능|할\s*수)|"  # ("노트북도 충전돼요?")
                         r"\b(?:use|work|works|compatible|fit|fits|charge|connect)\b[^.?!]{0,40}\b(?:with|for|to)\b|"
                         r"\bcompatible\b|\bcharge\s+(?:my|the|a)\b", re.I)


def works_with_sentence(one: Any, other: Any) -> str | None:
    """The sentence of `one`'s own texts that names `other` by a word of its name or its kind ("노트북 충전도
    가능합니다" of the charger, for the laptop); None when none does."""
    words = {w for w in (*other.name.split(), *(other.category or "").split("/")) if len(w) >= 2 and re.search(r"[가-힣]", w)}
    return next((x for x in _own_sentences(one) if any(w in x for w in words)), None)


def _works_with(g: Grounding, products: Sequence[Any]) -> bool:
    """The sentence of one product's own texts that names the other (by its kind's word: "노트북 충전도 가능합니다" for
    the laptop), said as that product's; False when neither names the other."""
    for one, other in (products, products[::-1]):
        sentence = works_with_sentence(one, other)
        if sentence:
            g.add(f"product:{one.id}", product_fact(one))
            g.add(f"product:{one.id}:details", details_fact(one))
            g.say(*PRODUCT_LEAD, name=one.name)
            # (the shop's own sentence, said to an English customer as its Korean text, never pasted bare)
            g.sentences.append(sentence if g.lang == "ko" else f"Its product page says (in Korean): {sentence}")
            g.topic, g.subject = "property", one.id
            return True
    return False


def _named_and_kind(g: Grounding, knowledge: Any, products: list[Any], kind: tuple[str, int, int, list[Any]],
                    asks: set[str], turn: Turn) -> Grounding:
    """"맨투맨 L 두개랑 비니 하나 얼마예요?" where the shop sells several 맨투맨: the products named answered on their own
    (the kind's conjunct and its options set aside), then the products of that kind, asking which one is meant."""
    from dataclasses import replace as _replace

    from agent.turn_analysis import analyse_turn

    word, start, end, candidates = kind
    text = turn.analysis.text
    rest = (text[:start] + " " + text[end:]).strip()
    own_turn = _replace(turn, text=rest, analysis=analyse_turn(rest))
    rest_mentions = list(knowledge.find_products(rest).mentions)
    if len(products) == 1:
        _ground_one(g, knowledge, products[0], rest_mentions, asks - {"total"}, own_turn)
    else:  # "토너랑 크림이랑 선크림": the toner and the sunscreen side by side, the cream asked
        _ground_many(g, knowledge, products, rest_mentions, asks - {"total"}, own_turn)
    priced = bool(asks & {"price", "total"})  # a price asked: the total follows once the one meant is known
    ask_which_of_kind(g, word, candidates, *(("함께 사실 때 합계도 알려드릴게요", "I'll give you the total") if priced
                                            else ("그 상품도 확인해 드릴게요", "I'll check it too")))
    g.topic = g.topic or "price"
    return g.finish()


def ask_which_of_kind(g: Grounding, word: str, candidates: Sequence[Any], then_ko: str, then_en: str) -> None:
    """The products a word names only as a kind ("맨투맨": 기모 맨투맨 39,000원, …), the first few with their prices and
    how many in all, and which one is meant asked (`then_ko`/`then_en`: what follows once it is known)."""
    for p in candidates:
        g.add(f"product:{p.id}", product_fact(p))
    listed = ", ".join(f"{p.name} {won(p.price, g.lang)}" for p in candidates[:_CANDIDATES_SHOWN])
    if len(candidates) > _CANDIDATES_SHOWN:
        g.add(f"catalogue:count:{word}", f"이름에 '{word}'가 들어간 상품 {len(candidates)}가지")
        listed += g.text(" 등 모두 {n}가지", ", {n} in all", n=len(candidates))
    g.say("{word}{j} {list}{j2} 있어요. 어떤 {word}인지 알려주시면 {then}.", "For the {word}, there are: {list}. Tell me "
          "which one you mean and {then_en}.", word=word, j=josa(word, "은", "는"), list=listed, j2=josa(listed, "이", "가"),
          then=then_ko, then_en=then_en)
    g.ask_back = True


def _ground_many(g: Grounding, knowledge: Any, products: Sequence[Any], mentions: Sequence[Any], asks: set[str],
                 turn: Turn) -> Grounding:
    """Several named products: the asked attribute of each, side by side; the total when bought together."""
    from agent.mentions import adds_to_previous, basket, carried_basket, first_count, mentioned_products, points_back

    if len(products) == 2 and WORKS_WITH.search(turn.analysis.text) and _works_with(g, products):
        # "Can I use the GaN charger with the VoltBook laptop?": what the one's own texts say of the other (and "how
        # much is the charger and can it charge a laptop?": the first one's price asked beside it)
        if "price" in asks:
            _price_sentence(g, products[0], list(products[0].variants))
        return g.finish()
    counts = dict(basket(knowledge, turn.analysis.text))
    if turn.history and adds_to_previous(turn.analysis, knowledge):
        from agent.turn_context import user_texts

        # "한우 등심도 하나 추가하면요?": the basket asked before, with its own counts, and this product added
        counts = dict(carried_basket(knowledge, turn.analysis, user_texts(turn.history, limit=2)))
    pointed = points_back(turn.analysis.text)
    unnamed = [p for p in products if p.id not in counts]
    if pointed is not None and len(unnamed) == 1:  # "그거 두개랑 머플러 하나": the product discussed, counted there
        counts[unnamed[0].id] = first_count(pointed) or 1
    segments = _name_segments(turn.analysis.text, products, knowledge)
    written = set(mentioned_products(knowledge, turn.analysis.text))  # (the products this message names itself)
    if "measure" in asks and not turn.analysis.has("price"):
        asks = asks - {"price"}  # "32 허벅지 차이 얼마나 나요": the measure side by side, 얼마 alone asks no price
    if "fit" in asks and all(len(p.sizes) <= 1 and p.size_chart for p in products):
        # "토트백이랑 슬링백 중에 뭐가 더 커요?": things of one size, how big each is (its chart), not how it fits
        asks = (asks - {"fit"}) | {"measure"}
    lines = []
    named_out: set[str] = set()  # products whose option named is sold out: no basket to total
    lacking: dict[str, str] = {}  # products that sell no such option as the one asked of them all, and that option
    unit_price: dict[str, int] = {}
    one_variant: dict[str, Any] = {}  # product id -> the one variant its line names
    lowest_summed: list[tuple[Any, list[int]]] = []  # products of several prices, none named, and those prices
    all_names = " ".join(n for p in products for n in (p.name, *p.aliases)).replace(" ", "")
    entries: list[tuple[Any, list[Any], int, int]] = []
    both = _BOTH.search(turn.analysis.text)
    # (only in a sentence of its own that names no product: "… 가격 같아요? 오트밀 M은 둘 다 있어요?", never the last
    # product's own values before 둘 다, "치노팬츠 베이지 32 둘 다 있어요?")
    opening = max((x.end() for x in re.finditer(r"[?？.!]\s*", turn.analysis.text[:both.start()])), default=0) \
        if both else 0
    both_after = opening if both and segments and opening > 0 \
        and not any(opening <= a < both.start() for a, _ in segments.values()) else None
    # ("비니 장갑 머플러 다 블랙으로": 다/모두/전부 after every name, and the values after it)
    from agent.mentions import EVERY_ONE

    every = next((x for x in EVERY_ONE.finditer(turn.analysis.text)
                  if len(segments) == len(products) >= 2 and all(a < x.start() for a, _ in segments.values())), None)
    all_after = every.end() if every else None
    asked_of_all: set[str] = set()  # products an option said of all is asked of, which they do not sell
    for p in products:
        # "치노 블랙 34 몇 개? 카고 카키 36은요?": the values written after a product's name, up to the next name, are
        # its own; else "셋업 자켓이랑 팬츠 L이랑 32": a value another named product sells is that product's
        start, end = segments.get(p.id, (-1, -1))
        own = [m for m in mentions if start <= m.start < end and not _resolve(knowledge, p, [m])[1]]
        if not own:
            # (never a value written after another product's name: "그거랑 린넨 밴딩팬츠 베이지 30" leaves 베이지 to the
            # pants, not to the shirt the 그거 points back to)
            own = [m for m in mentions if not _resolve(knowledge, p, [m])[1]
                   or not any(q is not p and not _resolve(knowledge, q, [m])[1] for q in products)]
            if pointed is not None and p.id not in written and written:
                own = []
        if both_after is not None or all_after is not None:
            # "크루넥 니트랑 브이넥 니트 … 오트밀 M은 둘 다 있어요?", "비니 장갑 머플러 다 블랙으로": a value said of all
            # of them after their names is asked of each; one that sells no such value of that kind is said to lack it,
            # not given its other stock
            axes = {axis.key for axis in p.axes}
            after = min(x for x in (both_after, all_after) if x is not None)
            lacks = [m for m in mentions if m.start >= after and m.axis in axes and m not in own
                     and _resolve(knowledge, p, [m])[1]]
            own += lacks
            if lacks and all_after is not None:
                asked_of_all.add(p.id)
        entries += [(p, each, start, end) for each in _each_value(own)]
    # "틴트 로지랑 코랄 하나씩, 마스카라 하나": two values of one product are two lines of the basket, each counted
    split = len(entries) > len(products)
    priced_items: list[tuple[str, int, int]] = []  # (label, unit price, count) of each line, when a product is split
    for p, own, start, end in entries:
        g.add(f"product:{p.id}", product_fact(p))
        g.add(f"product:{p.id}:details", details_fact(p))
        wanted, missing = _resolve(knowledge, p, own)
        if not wanted and start >= 0:  # "세럼 50이랑 수분크림 50": a quantity said by its bare number in its own part
            wanted = _bare_number_option(p, turn.analysis.text[start:end])
        variants = [v for v in p.variants if v.matches(wanted)] if wanted else list(p.variants)
        if wanted and variants and not any(v.in_stock for v in variants):
            named_out.add(p.id)  # "비니 아이보리 … 장갑 차콜도 같이": the option named is sold out
        elif missing and not wanted and p.id in asked_of_all:
            lacking[p.id] = missing[0].token  # "비니 장갑 머플러 다 블랙으로": the muffler has no black
        for v in variants[:4]:
            g.add(f"variant:{v.sku}", variant_fact(p, v))
        # what one of it costs in the total: the option named ("고구마 5키로랑 귤 5키로": each one's 5kg), when it has one price
        unit_price[p.id] = variants[0].price if wanted and variants and len({v.price for v in variants}) == 1 else p.price
        if len(variants) == 1 and (wanted or len(p.variants) == 1):
            one_variant[p.id] = variants[0]  # the line's own option, whose stock its count is weighed against
        if len({v.price for v in variants}) > 1 and not (start >= 0 and re.search(r"\d", turn.analysis.text[start:end])):
            # its lowest price summed for want of an option named (a number in its own part of the turn, "토너 150",
            # is a value named even when unread)
            lowest_summed.append((p, sorted({v.price for v in variants})))
        parts = []
        priced = False
        what = turn.analysis.question == "what"  # "차이가 뭐예요? 가격도요": what differs, the price as well
        if "compare" in asks and not asks & {"material", "fit", "care", "origin", "stock", "total", "measure"} \
                and ("price" not in asks or what):
            asks = asks | {"material", "fit", "overview"}  # "A랑 B 차이가 뭐예요": price, material and fit side by side
        elif "compare" in asks and _difference_asked_apart(knowledge, turn.analysis.text):
            asks = asks | {"overview"}  # "뭐가 달라요? 그리고 화이트 XL 재고도": how they differ, and the stock asked
        if not asks & {"material", "fit", "care", "origin", "stock", "property", "measure"} \
                or asks & {"price", "total", "discount"} or "compare" in asks and not asks & {"property", "measure"}:
            v = min(variants or p.variants, key=lambda x: x.price)
            parts.append(_price_part(g, v))
            priced = True
            if "discount" in asks:  # "울 슬랙스랑 울 머플러 둘 다 세일 언제까지예요?": each one's sale end, or none
                parts.append(g.text("{d}까지 할인", "on sale until {d}", d=korean_date(v.sale_until, g.lang))
                             if v.on_sale and v.sale_until else g.text("할인 중 아님", "not on sale"))
        if "stock" in asks or wanted or missing:
            in_stock = [v for v in variants if v.in_stock]
            if missing:
                parts.append(g.text("{t} 없음", "no {t}", t=missing[0].token))
            elif len(variants) == 1:
                parts.append(g.text("재고 {n}개", "{n} in stock", n=variants[0].stock) if variants[0].in_stock
                             else g.text("품절", "sold out"))
            else:
                parts.append(g.text("재고 있음", "in stock") if in_stock else g.text("품절", "sold out"))
            if in_stock and not missing and not priced and "stock" in asks:  # "레더 스니커즈 270이랑 벨트 브라운 있어요?": what the one in stock costs
                parts.append(_price_part(g, min(in_stock, key=lambda x: x.price)))
        elif priced and not any(v.in_stock for v in p.variants):
            parts.append(g.text("품절", "sold out"))  # ("계란 두부 시금치 하나씩 얼마에요": the one that cannot be bought)
        # ("스니커즈 화이트 260 언제 와요? 가죽 스니커즈 화이트 270도요": when an option named and sold out comes, its restock)
        if ("restock" in asks or wanted and ("stock" in asks or turn.analysis.question == "when")) and variants \
                and not any(v.in_stock for v in variants):
            # "틴트 칠리 재입고 언제고, 마스카라 블랙 얼마예요?": the sold-out one's date, or that none is set
            dates = sorted({v.restock_date for v in variants if v.restock_date})
            parts.append(g.text("{d} 재입고 예정", "back on {d}", d=korean_date(dates[0], g.lang)) if dates
                         else g.text("재입고 일정 미정", "no restock date yet"))
        for concept, ko, en, value in (("material", "소재", "material", p.material), ("fit", "핏", "fit", p.fit),
                                       ("care", "관리", "care", p.care), ("origin", "원산지", "made in", p.origin)):
            if concept in asks and value:
                parts.append(f"{ko} {value}" if g.lang == "ko" else f"{en} {english_value(value, alone=True)}")
        from agent.entities import measures_asked

        if "measure" in asks or "property" in asks and measures_asked(turn.analysis.text):
            # "와이드 슬랙스랑 원턱 슬랙스 32 기준 밑단 단면 각각 몇이에요?", "굽은 어느 게 더 높아요?"
            sizes = [wanted["size"]] if "size" in wanted else p.sizes
            chart = _chart_fact(p, sizes, measures_asked(turn.analysis.text))
            if chart:
                g.add(f"product:{p.id}:size_chart", chart)
                parts.append(g.text("실측 {c}", "measurements {c}", c=chart))
        if asks & {"size_advice", "fit"} and p.fitting_note:  # "로퍼랑 더비슈즈 중에 발볼 넓은 사람은"
            parts.append(p.fitting_note.rstrip("."))
        counted = turn.analysis.question == "how_many" and _asked_units(turn.analysis)
        if "property" in asks or counted or "measure" in asks and not any("실측" in x or "measurements" in x for x in parts):
            # "곱창김 한봉에 몇장이고 고등어는 몇팩 들었어요?": each one's own sentence stating the count asked
            # "롱패딩이랑 둘 중 뭐가 더 따뜻해요?", "굽은 어느 게 더 높아요?": each one's own words on it
            hint = _description_hint(p, turn.analysis)
            if hint:
                parts.append(hint.rstrip("."))
            elif "property" in asks and p.material and not any(p.material in x for x in parts):
                # "뭐가 더 따뜻해요?": what each is made of
                parts.append(g.text("소재 {m}", "material {m}", m=p.material if g.lang == "ko" else english_value(p.material, alone=True)))
        own_parts = _parts_of(p, products, turn.analysis.text, (start, end))
        asking = own_parts
        if 0 <= start < end and _joined_to_next(turn.analysis.text[start:end]):
            asking = [*own_parts, turn.analysis.text[end:]]  # "크로스백이랑 백팩 색상 뭐있어요?": the question after both
        if not any(_analyse(x).question or _analyse(x).is_question for x in asking):
            # "장갑 색상 뭐있어요? 비니랑 머플러도요": a part that asks nothing of its own ("… 도요", as well) is asked
            # the turn's question
            asking = [*asking, turn.analysis.text]
        if not wanted and p.axes:
            # "… 그리고 장갑은 무슨색 있어요?": which options, asked in the product's own question; those in stock
            for x in asking:
                sub = _analyse(x)
                if sub.question in ("which", "what") and sub.has("option") and not sub.has("stock", "price", "size_advice"):
                    for axis in _axes_asked(p, sub)[:1]:
                        left = [str(v) for v in _values_left(p, axis.key)]
                        if left:
                            parts.append(g.text("{a} {v}", "{a_en}: {v}", a=axis.label, a_en=axis.key,
                                                v=", ".join(left)))
                    break
        asked_of_it = next(filter(None, (_own_question_answer(p, x, all_names) for x in own_parts)), None)
        if asked_of_it and not any(asked_of_it.rstrip(".") in x for x in parts):
            parts.append(asked_of_it.rstrip("."))  # "니트장갑 폰 터치돼요? 그리고 울머플러랑 같이 사면": its own question
        lead = _lead_sentence(p)
        if "overview" in asks and lead and g.lang == "ko" and not any(lead.rstrip(".") in x for x in parts):
            parts.append(lead.rstrip("."))  # and how the shop itself describes each ("16수 헤비 코튼으로 …")
        if not parts:  # nothing of theirs says it: what each is made of, else its price, so the line is never empty
            parts.append(g.text("소재 {m}", "material {m}", m=p.material) if p.material else won(p.price, g.lang))
        label = " ".join(x for x in (p.name, _option_phrase(p, wanted, g.lang) if wanted else "") if x)
        lines.append(f"{label}: " + ", ".join(parts))  # "숏 푸퍼 패딩 카키 L: 품절, 12월 11일 재입고 예정"
        if split:
            own_count = sum(1 for e in entries if e[0] is p) == 1
            priced_items.append((label, variants[0].price if wanted and variants and len({v.price for v in variants}) == 1
                                 else p.price, counts.get(p.id, 1) if own_count else _count_after(turn.analysis.text, own)))
    g.say("말씀하신 상품을 함께 안내드릴게요.", "Here they are side by side:")
    g.sentences.append(" / ".join(lines) + ".")
    _restock_alert(g, knowledge)
    if turn.analysis.has("cheap", "expensive") and not asks & {"total"}:
        dearer = turn.analysis.has("expensive")

        def cost(p: Any) -> int:  # the option named ("귤 5kg"), not the product's lowest price
            return unit_price.get(p.id, p.price)

        pick = (max if dearer else min)(products, key=cost)
        if sum(1 for p in products if cost(p) == cost(pick)) == 1:
            g.say("{which} 상품은 {p}인 {name}{cop}.", "The {which_en} is {name} at {p}.",
                  which="더 비싼" if dearer else "더 저렴한", which_en="pricier one" if dearer else "cheaper one",
                  p=won(cost(pick), g.lang), name=pick.name, cop=_copula(pick.name))
    _size_verdict(g, products, turn.analysis.text)
    _quality_verdict(g, products, turn.analysis)
    if len(products) == 2 and _HOW_THEY_DIFFER.search(turn.analysis.text) and not _PRICE_COMPARED.search(turn.analysis.text) \
            and "overview" in asks:
        _differences_sentence(g, products)  # (a difference of one thing asked, "기장 차이", is that thing's)
    sold_out = bool(named_out) or bool(lacking) or any(not any(v.in_stock for v in p.variants) for p in products)
    either = bool(_ALTERNATIVE.search(turn.analysis.text))
    if len(products) == 2 and _PRICE_COMPARED.search(turn.analysis.text) \
            and not ("measure" in asks and not turn.analysis.has("price")):  # ("허벅지 차이 얼마나 나요": a measure's)
        first, second = products
        one, two = unit_price.get(first.id, first.price), unit_price.get(second.id, second.price)
        diff = g.derive_difference(f"derived:difference:{first.id}:{second.id}", (first.name, one), (second.name, two))
        if diff:  # "크루넥 니트랑 램스울 니트 … 가격 차이도요", "울머플러가 골지비니보다 비싸요? 얼마 차이?"
            g.say("가격 차이는 {d}{cop}.", "The difference is {d}.", d=won(diff, g.lang), cop=_copula(won(diff)))
        elif diff == 0:  # "가격 차이 얼마나 나요" of two at one price: that they cost the same
            g.say("두 상품 가격은 {p}으로 같아요.", "Both cost the same, {p}.", p=won(one, g.lang))
        if diff and _WHY_ASKED.search(turn.analysis.text):
            _differences_sentence(g, products)  # "왜 가격이 달라요?": what else differs is what the shop's data can say
    # counted to buy ("마우스 흰색 2개랑 충전기 1개 얼마에요?"): a basket, whose total is the price asked
    from agent.mentions import counts_said, counts_several

    # (each counted, one of each too: "쌀 20키로 하나랑 김 10봉 하나 얼마에요?")
    # ("틴트 코랄 2개랑 마스카라 1개 지금 결제하면 언제와요": counted to pay for now, the basket's total too)
    bought = "price" in asks or turn.analysis.has("buy", "payment", "order") and counts_said(turn.analysis.text)
    from agent.mentions import SHARED_SAID

    counted = bought and (any(counts.get(p.id, 1) > 1 for p in products) or counts_several(turn.analysis.text)
                          or split and counts_said(turn.analysis.text)  # ("로지랑 코랄 하나씩, 마스카라 하나")
                          or counts_said(turn.analysis.text) and bool(SHARED_SAID.search(turn.analysis.text)))
    # ("계란이랑 두부랑 시금치 하나씩 사면 얼마에요": one of each, bought)
    # ("둘 다" alone is "both": "둘 다 할인 중이죠?" asks each one's sale, no sum; "둘 다 사면" or "같이 얼마" do)
    # ("차이가 뭐에요? … 둘다 L이면 되나": two weighed, or each one's size, is no purchase of both)
    # ("청남방이랑 같이 입으면 이상한가": worn together, nothing bought together)
    together = turn.analysis.has("together") and not turn.analysis.has("cheap", "expensive") \
        and not (asks & {"discount", "compare", "size_advice"} and not turn.analysis.has("buy")) \
        and not _only_worn(turn.analysis)
    from agent.mentions import adds_to_previous
    from agent.turn_analysis import analyse_turn
    from agent.turn_context import last_user_text

    if turn.history and not asks - {"price"} and adds_to_previous(turn.analysis, knowledge) \
            and not _only_worn(turn.analysis):
        # "그럼 비니 하나 더 추가하면요?" after "머플러랑 장갑 같이 사면 무료배송 되나요?": the basket grown, its total, and
        # its fee when the fee was what was asked of it
        together = True
        if analyse_turn(last_user_text(turn.history) or "").has("fee", "free"):
            asks = asks | {"fee"}
    out_ids = set(named_out) | set(lacking) | {p.id for p in products if not any(v.in_stock for v in p.variants)}
    left = [p for p in products if p.id not in out_ids]
    wants_total = asks & {"total", "fee"} or counted or together and not asks & {"stock"} \
        and turn.analysis.question != "when"
    if wants_total and sold_out and not split and not either and left:
        # "두부 3개랑 시금치 2개 얼마": the one sold out is said in its line; what the rest that can be bought come to (and
        # their fee, when it is asked: "… 배송비까지 얼마")
        gone = ", ".join(p.name for p in products if p.id in out_ids)
        lined = [(p.name, unit_price.get(p.id, p.price), counts.get(p.id, 1)) for p in left]
        total = g.derive_total("derived:total:" + "+".join(p.id for p in left), lined)
        # why they are left out: sold out, or (all of them) no such option as the one asked of all ("블랙이 없는 울 머플러")
        tokens = set(lacking.values())
        why, why_en = ("품절인 ", "which is sold out") if not set(lacking) >= out_ids or len(tokens) != 1 else (
            f"{next(iter(tokens))}{josa(next(iter(tokens)), '이', '가')} 없는 ", f"which has no {next(iter(tokens))}")
        if total is not None and (len(lined) > 1 or lined[0][2] > 1):
            terms = " + ".join(won(price, g.lang) + (f" × {q}" if q > 1 else "") for _, price, q in lined)
            g.say("{why}{gone}{j} 빼면 합계 {t}({terms}){cop}.", "Without {gone}, {why_en}, that's {t} ({terms}).",
                  why=why, why_en=why_en, gone=gone, j=josa(gone, "을", "를"), t=won(total, g.lang), terms=terms,
                  cop=_copula(won(total)))
        elif total is not None:
            g.say("{why}{gone}{j} 빼면 {t}{cop}.", "Without {gone}, {why_en}, that's {t}.", why=why, why_en=why_en,
                  gone=gone, j=josa(gone, "을", "를"), t=won(total, g.lang), cop=_copula(won(total)))
        if total is not None and ("fee" in asks or surcharged_region(knowledge, turn.analysis.text)):
            _fee_sentence(g, knowledge, [(p, counts.get(p.id, 1)) for p in left], _region_text(knowledge, turn),
                          unit_price)
    if wants_total and not (either or sold_out):
        # "둘 다 사면": the total; not for "둘 다 재고 있어요?", a sold-out pair, or "없으면 그걸로" (one or the other)
        items = [(p, counts.get(p.id, 1)) for p in products]
        short: dict[str, int] = {}  # the product's count that is left, where fewer are left than counted
        for p, q in items:
            v = one_variant.get(p.id)
            # (in a basket of several lines of one product, each other product's own line: its option is its line's)
            alone = sum(1 for e in entries if e[0] is p) == 1
            if q > 1 and v is not None and (not split or alone) and v.in_stock and v.stock < q:
                short[p.id] = int(v.stock)
                # "우유 4개랑 계란 1판", "틴트 모브 2개" with one left: fewer left than counted, said before the sum (which
                # is still what was asked)
                g.add(f"variant:{v.sku}", variant_fact(p, v))
                say_fewer_left(g, " ".join(x for x in (p.name, v.label if len(p.variants) > 1 else "") if x),
                               int(v.stock), q)
        lined = priced_items if split else [(p.name, unit_price.get(p.id, p.price), q) for p, q in items]
        total = g.derive_total("derived:total:" + "+".join(p.id for p, _ in items) + ("+split" if split else ""), lined)
        if total is not None:
            terms = " + ".join(won(price, g.lang) + (f" × {q}" if q > 1 else "") for _, price, q in lined)
            g.say("함께 구매하시면 합계 {t}({terms}){cop}.", "Together that's {t} ({terms}).", t=won(total, g.lang), terms=terms,
                  cop=_copula(won(total)))
            if short and not split:
                # "우유 3개랑 두부 2개 사면 얼마예요?" of 2 milks left: the sum asked, then what the ones there come to
                left = [(p.name, unit_price.get(p.id, p.price), short.get(p.id, q)) for p, q in items]
                can = g.derive_total("derived:total:" + "+".join(p.id for p, _ in items) + "+left", left)
                if can is not None and can != total:
                    terms = " + ".join(won(price, g.lang) + (f" × {q}" if q > 1 else "") for _, price, q in left)
                    g.say("남은 수량으로 담으시면 합계 {t}({terms}){cop}.", "With what's left, that's {t} ({terms}).",
                          t=won(can, g.lang), terms=terms, cop=_copula(won(can)))
            for p, prices in lowest_summed:
                # "공기청정기랑 모니터 같이 사면 얼마?": a product of several prices, no option named: its lowest is the
                # one summed, and said to be
                if prices[0] == unit_price.get(p.id):
                    g.say("{name}{j} 옵션에 따라 가격이 달라서, 가장 낮은 {lo} 기준이에요(가장 높은 옵션은 {hi}).",
                          "{name}'s price depends on the option: the lowest, {lo}, is used (the highest is {hi}).",
                          name=p.name, j=josa(p.name, "은", "는"), lo=won(prices[0], g.lang), hi=won(prices[-1], g.lang))
            if "fee" in asks or surcharged_region(knowledge, turn.analysis.text):
                # ("… 같이 사면 얼마에요? 울릉도에요": a region said beside the basket is where it goes; its fee)
                _fee_sentence(g, knowledge, items, _region_text(knowledge, turn), unit_price)
    if "discount" in asks and turn.analysis.has("together") and turn.analysis.has("buy") and g.lang == "ko":
        _bundle_discount(g, knowledge, products)
    a = turn.analysis
    if _asks_when_it_comes(a) and turn.now is not None and not sold_out \
            and not any(re.search(r"출고|ships?\b|dispatch", x) for x in g.sentences):
        # "틴트 코랄 2개랑 마스카라 브라운 1개 지금 결제하면 언제와요": when an order of them placed now ships and comes
        from agent.delivery_facts import say_dispatch, shop_local

        say_dispatch(g, knowledge, a.text, a, shop_local(turn.now, knowledge))
    if len(products) == 2 and _WHICH_BETTER.search(a.text):
        _pick_between(g, products, turn)
    g.topic = "price" if not asks & {"stock"} else "stock"
    g.subject = "+".join(p.id for p in products)
    return g.finish()


# which of two the customer should take ("뭐가 나아요?", "어떤 게 더 좋아요", "추천해주세요", "which is better")
_WHICH_BETTER = re.compile(r"(?:뭐|뭘|무엇|어떤\s*(?:게|걸|거)|어느\s*(?:게|걸|거|쪽))\s*(?:가|이)?\s*(?:더\s*)?(?:나아|낫|좋아|좋을|괜찮|추천)|"
                           r"\bwhich\s+(?:one\s+)?(?:is|would\s+be|should\s+i)\b|\bwhich\s+(?:do\s+you\s+)?recommend\b", re.I)
_MONTH_SEASON = {12: "겨울", 1: "겨울", 2: "겨울", 3: "봄", 4: "봄", 5: "봄", 6: "여름", 7: "여름", 8: "여름",
                 9: "가을", 10: "가을", 11: "가을"}


def _pick_between(g: Grounding, products: Sequence[Any], turn: Turn) -> None:
    """"지금 입기엔 A랑 B 중에 뭐가 나아요?": a pick by the season asked (or today's), from the seasons each is made for;
    when both suit it, the difference that is left (their fits); nothing when the data holds no such difference."""
    season = season_named(turn.analysis.text) or (_MONTH_SEASON[turn.now.month] if turn.now is not None else None)
    a, b = products
    if season and a.seasons and b.seasons:
        suits = [p for p in products if season in p.seasons]
        if len(suits) == 1:
            other = b if suits[0] is a else a
            g.say("{s}에 입으시기엔 {s}용인 {x}{j} 더 맞아요({y}{j2} {o}용이에요).",
                  "For {s_en}, {x} is the better pick: it's made for {s_en} ({y} is for {o_en}).", s=season,
                  s_en=_SEASON_EN.get(season, season), x=suits[0].name, j=josa(suits[0].name, "이", "가"),
                  y=other.name, j2=josa(other.name, "은", "는"), o="·".join(other.seasons),
                  o_en=" / ".join(_SEASON_EN.get(x, x) for x in other.seasons))
            return
        if len(suits) == 2 and a.fit and b.fit and a.fit != b.fit:
            roomy = next((p for p in products if any(w in p.fit for w in ("오버", "와이드", "루즈", "박시"))), None)
            if roomy is not None:
                other = b if roomy is a else a
                g.say("둘 다 {s}에 입기 좋아요. 여유 있게 입으시려면 {r}({rf}), 깔끔하게 입으시려면 {o}({of}){j} 추천드려요.",
                      "Both suit {s_en}. For a roomier look take {r} ({rf_en}); for a neater one, {o} ({of_en}).", s=season,
                      s_en=_SEASON_EN.get(season, season), r=roomy.name, rf=roomy.fit, o=other.name, of=other.fit,
                      j=josa(other.name, "을", "를"),
                      rf_en=english_value(roomy.fit, alone=True) or roomy.fit,
                      of_en=english_value(other.fit, alone=True) or other.fit)


# a text that speaks of buying several things together ("함께 구매", "묶음 할인", "2개 이상 구매 시")
_BOUGHT_TOGETHER = re.compile(r"함께\s*(?:구매|사|주문)|같이\s*(?:구매|사|주문)|묶음|번들|\d+\s*개\s*이상\s*(?:구매|주문)")


def _bundle_discount(g: Grounding, knowledge: Any, products: Sequence[Any]) -> None:
    """"비니랑 장갑 같이 사면 할인돼요?": a discount for buying the products together, as the shop's rules and FAQ say
    it (their sentence on it), or said unstated when no text of the shop speaks of one (a set's own saving against
    its parts is that set's, not a rule of buying together)."""
    try:
        passages = knowledge.passages().passages
    except (AttributeError, TypeError):
        return
    rule = next((p for p in passages if "할인" in p.text and _BOUGHT_TOGETHER.search(p.text)), None)
    if rule is not None:
        g.sentences.append(rule.text)
        return
    g.add("turn:asked:bundle_discount", "함께 구매 시 할인: 쇼핑몰 안내에 없음")
    g.sentences.append("함께 구매하실 때 적용되는 할인은 따로 안내되어 있지 않아요.")


def _each_value(own: list[Any]) -> list[list[Any]]:
    """The option mentions of one product, one list per value when the customer named two or more values of one kind
    ("로지랑 코랄": two tints, each with the values of other kinds named beside them); else the mentions as one."""
    by_axis: dict[str, list[Any]] = {}
    for m in own:
        if m.value and all(x.value != m.value for x in by_axis.get(m.axis, [])):
            by_axis.setdefault(m.axis, []).append(m)
    several = [axis for axis, ms in by_axis.items() if len(ms) >= 2]
    if len(several) != 1:
        return [own]
    rest = [m for m in own if m.axis != several[0]]
    return [[m, *rest] for m in by_axis[several[0]]]


def _count_after(text: str, own: list[Any]) -> int:
    """The count written right after a value ("로지 2개랑 코랄 1개": 2 for 로지), else 1 ("하나씩": one of each)."""
    from agent.mentions import CONJUNCTION, first_count

    first = min((m.end for m in own if m.value), default=None)
    if first is None:
        return 1
    return first_count(CONJUNCTION.split(text[first:], maxsplit=1)[0]) or 1


# "뭐가 더 커요?", "굽은 어느 게 더 높아요?", "which is bigger": the larger (or smaller) of two things by their charts;
# each kind of word compares its own measures (a length its lengths, a height its heights, size all of them)
_SIZE_WORDS = (
    (re.compile(r"(더|제일|가장|좀)\s*(길|긴)|\blonger\b", re.I), re.compile(r"(더|제일|가장|좀)\s*짧|\bshorter\b", re.I),
     ("길이", "총장", "기장"), ("길어요", "짧아요"), ("longer", "shorter")),
    (re.compile(r"(더|제일|가장|좀)\s*높|\b(higher|taller)\b", re.I), re.compile(r"(더|제일|가장|좀)\s*낮|\blower\b", re.I),
     ("높이", "굽"), ("높아요", "낮아요"), ("higher", "lower")),
    (re.compile(r"(더|제일|가장|좀)\s*(크|커|큰|넓)|\b(bigger|larger|wider|roomier)\b", re.I),
     re.compile(r"(더|제일|가장|좀)\s*(작|좁)|\b(smaller|narrower)\b", re.I), (), ("커요", "작아요"), ("larger", "smaller")),
)


def _fixed_measures(product: Any) -> dict[str, float]:
    """The chart measures that are one and the same in every size (all of them for a thing of one size)."""
    rows = list(product.size_chart.values())
    if not rows:
        return {}
    return {k: float(v) for k, v in rows[0].items() if "(" not in k and all(r.get(k) == v for r in rows[1:])}


def _size_verdict(g: Grounding, products: Sequence[Any], text: str) -> None:
    """Which of two products is larger (or longer, higher, and their opposites), when the customer asks it of their
    size and not of a price: the one whose chart is at least as large on every measure of that kind both hold the same
    in all sizes, larger on one (overall size needs two measures or more); nothing when neither is or a part the
    charts do not measure is named ("스트랩은 어떤 게 더 길어요?")."""
    from agent.entities import measures_asked

    if len(products) != 2 or re.search(r"가격|값|비싸|싸|저렴|\bprice|\bcost", text, re.I):
        return
    shown = {f.id for f in g.facts}
    if not all(f"product:{p.id}:size_chart" in shown for p in products):
        return  # only of the charts the reply shows
    asked = [(more.search(text) is not None, less.search(text) is not None, labels, ko, en)
             for more, less, labels, ko, en in _SIZE_WORDS]
    kind = next(((larger, labels, ko, en) for larger, smaller, labels, ko, en in asked if larger != smaller), None)
    if kind is None:
        return
    larger, labels, words_ko, words_en = kind
    rows = [_fixed_measures(p) for p in products]
    named = measures_asked(text)
    common = [k for k in rows[0] if k in rows[1] and (not labels or any(x in k for x in labels))
              and (not named or any(m in k for m in named))]
    if not common or not labels and len(common) < 2:
        return
    first, second = ([r[k] for k in common] for r in rows)
    if first == second:
        return
    if all(x >= y for x, y in zip(first, second)):
        big, small = 0, 1
    elif all(y >= x for x, y in zip(first, second)):
        big, small = 1, 0
    else:
        return
    pick = products[big if larger else small]
    row = rows[big if larger else small]
    measures = ", ".join(f"{k} {_num(row[k])}cm" for k in common)
    g.say("{name}{j} 더 {w}({m}).", "{name} is the {w_en} one ({m}).", name=pick.name, j=josa(pick.name, "이", "가"),
          w=words_ko[0 if larger else 1], w_en=words_en[0 if larger else 1], m=measures)


def _without_final(syllable: str) -> str:
    """The syllable without its final consonant ("볍" -> "벼"): an ㅂ-irregular stem as its forms spell it (가벼운)."""
    code = ord(syllable) - 0xAC00
    return chr(0xAC00 + code - code % 28) if 0 <= code < 11172 else syllable


# a quality and the words a shop's texts say it by ("보온성을 더한" is warm; "도톰한" is thick; "경량" is light)
_QUALITY_ALIKE = {"따뜻": ("보온",), "따뜻하": ("보온",), "두껍": ("도톰",), "가볍": ("경량",), "시원": ("통기", "쿨링"),
                  "시원하": ("통기", "쿨링"), "부드럽": ("보들",)}


def _quality_verdict(g: Grounding, products: Sequence[Any], analysis: Any) -> None:
    """"기모 맨투맨이랑 무지 맨투맨 뭐가 더 따뜻해요?": of two products, the one whose own texts say that quality (the
    word after 더, as its stem spells it: 따뜻한, 가벼운) when the other's do not; nothing when both or neither do, or
    the quality is a price or a size (said by the verdicts above)."""
    if len(products) != 2 or any(more.search(analysis.text) or less.search(analysis.text) for more, less, *_ in _SIZE_WORDS):
        return
    ms = analysis.morphemes
    word = next((ms[i + 1] for i in range(len(ms) - 1) if ms[i].surface in ("더", "제일", "가장")
                 and ms[i + 1].pos in ("XR", "VA")), None)
    if word is None or len(word.lemma) < 2 or word.lemma in ("비싸", "저렴"):
        return
    forms = {word.lemma, word.lemma[:-1] + _without_final(word.lemma[-1]), *_QUALITY_ALIKE.get(word.lemma, ())}
    said = re.compile("(" + "|".join(map(re.escape, forms)) + r")\S{0,3}(?!\s*(없|않|적|덜))")  # never "끈적임 없이"

    def says(t: str) -> bool:
        return bool(said.search(t)) and not re.search("(" + "|".join(map(re.escape, forms)) + r")\S{0,3}\s*(없|않|적|덜)", t)

    # the product's description (a care note's "가볍게 두드려" says nothing of the thing's weight)
    saying = [(p, next((t for t in _sentences(p.description) if says(t)), None)) for p in products]
    holders = [(p, t) for p, t in saying if t]
    if not holders and all(p.description for p in products):
        # "와플티랑 헨리넥티 중에 뭐가 더 두꺼워요?": neither description says it: said so, never guessed from the rest
        g.say("두 상품 설명에는 그 점이 따로 나와 있지 않아요.", "Neither description says so.")
        if _WEATHER_QUALITY.search(analysis.text):
            _fibre_shares(g, products)  # ("울코트랑 발마칸 뭐가 더 따뜻해요?": the share of the fibre both are made of)
        return
    if len(holders) != 1:
        return
    pick, sentence = holders[0]
    if any(sentence.rstrip(".") in said for said in g.sentences):  # shown in the side-by-side line already
        g.say("설명에 그 점이 나와 있는 건 {name}{cop}.", "Only {name}'s description says so.", name=pick.name,
              cop=_copula(pick.name))
    else:
        g.say("설명에 그 점이 나와 있는 건 {name}{cop}: {t}", "Only {name}'s description says so: {t}", name=pick.name,
              cop=_copula(pick.name), t=sentence if sentence.endswith((".", "!", "?")) else sentence + ".")


_FIBRE_SHARE = re.compile(r"([가-힣A-Za-z]+)\s*(\d{1,3})\s*%")


def _fibre_shares(g: Grounding, products: Sequence[Any]) -> None:
    """Of two products asked which is warmer or cooler, the fibre both materials name in different shares, in the same
    part ("겉감: 울 70%" against "겉감: 울 60%"): each share said as the materials state it, no verdict drawn from it."""
    def shares(material: str) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = {}
        for part in re.split(r"\s*/\s*", material or ""):
            label, _, rest = part.rpartition(":") if ":" in part else ("", "", part)
            for fibre, pct in _FIBRE_SHARE.findall(rest):
                out[(label.strip(), fibre)] = int(pct)
        return out

    first, second = (shares(p.material) for p in products)
    shared = [(k, first[k], second[k]) for k in first if k in second and first[k] != second[k]]
    if not shared:
        return
    (label, fibre), a, b = max(shared, key=lambda x: abs(x[1] - x[2]))
    g.say("다만 {l}{f} 함량은 {n1} {a}%, {n2} {b}%예요.", "For reference, the {f} share is {a}% in {n1} and {b}% in {n2}.",
          l=f"{label} " if label else "", f=fibre, n1=products[0].name, n2=products[1].name, a=a, b=b)


# -- similar, catalogue, ask-back, not sold ------------------------------------------------------------------
def _seeks_the_product(product: Any, analysis: Any) -> bool:
    """"있어요?" asked of the product itself ("… 부츠 있어요?"), not of a feature of it ("코트 안감 있어요?"): the word
    right before the existence word is a word of the product's name."""
    names = " ".join((product.name, *product.aliases)).replace(" ", "")
    for h in analysis.hits:
        if h.concept != "exist":
            continue
        before = re.findall(r"[가-힣A-Za-z]+", analysis.text[:h.start])
        if before:
            word = re.sub(r"(은|는|이|가|도|로|으로|좀)$", "", before[-1])
            if len(word) >= 2 and word in names:
                return True
    return False


def _asks_about_own_text(product: Any, turn: Turn) -> bool:
    """"안감 있어요?": a word of the turn (not the name, not an option) that the product's own texts use — the
    question is whether it has that feature, answered from those texts."""
    text = product.own_text
    name = " ".join((product.name, *product.aliases))
    spans = name_spans(turn.analysis.text, product)
    nouns = [m.surface for m in turn.analysis.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
             and m.surface not in name and not any(s <= m.start < e for s, e in spans)
             and not any(h.start <= m.start < h.end and h.concept in ("stock", "option", "price") for h in turn.analysis.hits)]
    nouns += [h.form for h in turn.analysis.hits if h.concept in ("property", "part", "material") and len(h.form) >= 2
              and h.form not in name]  # mecab-ko splits some ("안감" -> 안 + 감); the lexicon term is whole
    if any(n in text for n in nouns):
        return True
    if turn.analysis.lang == "en":  # "Does the laptop come with Windows installed?", "What's the warranty on …?"
        from agent.english_gloss import korean_words

        if any(k in text for k in korean_words(turn.analysis.text) if len(k) >= 2):
            return True
        name_sounds = _hangul_sounds(name)
        return bool((_english_sounds(turn.analysis) - name_sounds) & _hangul_sounds(text))
    return False


_MEASURE_TOKEN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([A-Za-z가-힣㎖ℓ]+)")


def _measures(text: str) -> set[tuple[str, str]]:
    """The measures written in `text` as (number, canonical unit): "5.5리터" and "5.5L" are both ("5.5", "l")."""
    from core.knowledge.options import canonical_units

    out = set()
    for number, unit in _MEASURE_TOKEN.findall(text):
        unit = strip_particles(unit.lower()) if re.search(r"[가-힣]", unit) else unit.lower()
        for canon in canonical_units(unit):
            if canon not in ("매", "입", "호", "p"):  # (a count of sheets or a shade names no product by its name)
                out.add((number, canon))
    return out


def _named_by_its_measure(knowledge: Any, text: str) -> Any | None:
    """The one product whose own name holds a measure the turn writes ("스마트 에어프라이어 5.5L" for "에프 5.5리터
    얼마에요?"); None when no product's name holds it or several do."""
    asked = _measures(text)
    if not asked:
        return None
    holders = [p for p in knowledge.products() if asked & _measures(p.name)]
    return holders[0] if len(holders) == 1 else None


def _in_the_kinds_conjunct(knowledge: Any, text: str, mentions: Sequence[Any]) -> list[Any]:
    """The option mentions written in the conjunct that names the kind ("맨투맨 XL 하나랑 조거팬츠 32 두개": XL, not the
    32 of the other thing named); all of them when the turn is one conjunct or names no kind word."""
    from agent.mentions import CONJUNCTION

    word = _category_in(knowledge, text)
    at = text.find(word) if word else -1
    cuts = [m.span() for m in CONJUNCTION.finditer(text)]
    if at < 0 or not cuts:
        return list(mentions)
    start = max((e for s, e in cuts if e <= at), default=0)
    end = min((s for s, e in cuts if s >= at + len(word)), default=len(text))
    return [m for m in mentions if not (m.end and (m.end <= start or m.start >= end))]


def _kind_never_in(g: Grounding, knowledge: Any, category: str | None, options: dict[str, str], low: Any, high: Any,
                   on_sale: bool, named: tuple[str, list[Any]] | None = None) -> bool:
    """"XXL 나오는 니트 있나요?": no product of the kind is made in that one option value at all (not merely out of
    stock): said so, with the values the kind does come in and the kinds that come in the value asked. `named`: the
    part of the kind the customer named and its products ("코트" of 코트/자켓/패딩)."""
    if not (category and len(options) == 1) or low or high or on_sale:
        return False
    axis, value = next(iter(options.items()))
    if named is not None:
        word, kind = named
        if any(v.matches(options) for p in kind for v in p.variants):
            return False
    else:
        word = category
        kind = _filtered(knowledge, category=category, in_stock=None, limit=200)
        if not kind or _filtered(knowledge, category=category, options=options, in_stock=None, limit=1):
            return False
    order = knowledge.option_values(axis)
    have = {v.option(axis) for p in kind for v in p.variants} - {None}
    values = _option_order([x for x in order if x in have] or sorted(have))
    if not values:
        return False
    label = knowledge.option_axes().get(axis, axis)
    shown = next((x for x in order if x.lower() == value.lower()), value)
    if named is not None:  # the rest of the kind that is made in it ("덕다운 롱패딩"), by name
        elsewhere = [p.name for p in _filtered(knowledge, category=category, options=options, in_stock=None, limit=200)
                     if p not in kind]
    else:
        elsewhere = list(dict.fromkeys(p.category for p in _filtered(knowledge, options=options, in_stock=None, limit=200)))
    g.add("catalogue:kind_values", f"{word} {label}: {', '.join(values)} ({shown} 없음)"
          + (f"; {shown} {label} 있는 {'상품' if named else '카테고리'}: {', '.join(elsewhere)}" if elsewhere else ""))
    _say_kind_lacks(g, word, shown, label, values)
    if elsewhere:
        g.say("{value} {label}{j} {cats}에 있어요.", "{value} is available in {cats}.", value=shown, label=label,
              j=josa(label, "은", "는"), cats=", ".join(elsewhere[:4]))
    return True


def _filtered(knowledge: Any, **criteria: Any) -> list[Any]:
    """`knowledge.filter_products(**criteria)`, or [] when the knowledge cannot filter on them (an unknown option
    axis, a test double without the method): a look-up that finds nothing, never an error in a reply."""
    try:
        return list(knowledge.filter_products(**criteria))
    except (AttributeError, TypeError, ValueError):
        return []


def _size_by_measure(a: Any, mentions: Sequence[Any]) -> bool:
    """A measure word that only says which size is meant ("허리 32 블랙 있어요?"): the size value written right after
    it, so the turn asks for stock in that size, not for a measurement."""
    return any(h.concept == "measure" and any(m.value and m.axis == "size" and 0 <= m.start - h.end <= 1 for m in mentions)
               for h in a.hits)


def _variants_in_range(g: Grounding, knowledge: Any, product: Any, mentions: Sequence[Any], low: int | None,
                       high: int | None) -> None:
    """The product's options (in the values the turn names) priced within the range asked, in stock, each with its
    price and count; none so: the cheapest of them said."""
    wanted = _resolve(knowledge, product, mentions)[0]
    chosen = [v for v in product.variants if v.matches(wanted)] or list(product.variants)
    fitting = [v for v in chosen if v.in_stock and (low is None or v.price >= low) and (high is None or v.price <= high)]
    g.add(f"product:{product.id}", product_fact(product))
    for v in (fitting or chosen)[:_PRICED_SHOWN]:
        g.add(f"variant:{v.sku}", variant_fact(product, v))
    name = " ".join(x for x in (product.name, _option_phrase(product, wanted, g.lang)) if x)
    if fitting:
        listed = ", ".join(g.text("{o} {p}({n}개)", "{o} {p} ({n} left)", o=v.label, p=won(v.price, g.lang), n=v.stock)
                           for v in fitting[:_PRICED_SHOWN])
        g.say("{name} 중 말씀하신 가격대로 재고가 있는 옵션은 {list}{cop}.", "{name} in that price range, in stock: {list}.",
              name=name, list=listed, cop=josa(listed, "이에요", "예요"))
        return
    cheapest = min(chosen, key=lambda v: v.price)
    g.say("{name} 중 말씀하신 가격대로 재고가 있는 옵션은 없어요. 가장 저렴한 옵션은 {o} {p}이에요.",
          "No option of {name} in stock is in that price range. The cheapest is {o} at {p}.", name=name, o=cheapest.label,
          p=won(cheapest.price, g.lang))


_NAMED_SCORE = 70.0  # a product search score below which no name of the product was written, only words near it


def say_fewer_left(g: Grounding, name: str, left: int, wanted: int) -> None:
    """Fewer of a product (or its option) left than the customer counts, said before the sum they asked for."""
    g.say("{name}{j} 재고가 {n}개뿐이라 {q}개는 지금 주문하기 어려워요.", "Only {n} of {name} left, so {q} can't be ordered "
          "right now.", name=name, j=josa(name, "은", "는"), n=left, q=wanted)


def _one_price_in_range(g: Grounding, product: Any, low: int | None, high: int | None) -> None:
    """Whether the product's one price is within the range asked, the price said either way (and that it is sold out,
    when it is)."""
    g.add(f"product:{product.id}", product_fact(product))
    price = product.variants[0].price if product.variants else product.price
    within = (low is None or price >= low) and (high is None or price <= high)
    if within:
        g.say("{name}{j} {p}으로, 말씀하신 가격대에 들어요.", "The {name} is {p}, within that price range.",
              name=product.name, j=josa(product.name, "은", "는"), p=won(price, g.lang))
    else:
        g.say("{name}{j} {p}이라 말씀하신 가격대에는 들지 않아요.", "The {name} is {p}, so it's outside that price range.",
              name=product.name, j=josa(product.name, "은", "는"), p=won(price, g.lang))
    if product.variants and not any(v.in_stock for v in product.variants):
        g.say("지금은 품절이에요.", "It's sold out right now.")


def _called_by_kind_word(knowledge: Any, product_id: str, word: str) -> bool:
    """The product is found only because one of its other names is the kind's word ("hoodie" for 기모 후드티): the word
    still names the kind ("any hoodies under 50k won?" asks over every hoodie)."""
    product = knowledge.product(product_id)
    return product is not None and normalize(word) in {normalize(x) for x in (product.name, *product.aliases)}


def _kind_word_of(knowledge: Any, product_id: str, text: str) -> str | None:
    """The word of the turn that is one of the product's names and a word of other products' names too ("가디건" of
    라운드 가디건, also in 브이넥 가디건), when no other word of its name is said: a kind, not that one product."""
    product = knowledge.product(product_id)
    if product is None:
        return None
    for said in (strip_particles(w) for w in re.findall(r"[\w가-힣]+", text)):
        # (an English plural is its singular: "hoodies" calls what "hoodie" names)
        for word in (said, said[:-1]) if re.fullmatch(r"[A-Za-z]{4,}s", said) else (said,):
            if len(word) >= 2 and len(calls := called_by(knowledge, word)) >= 2 and product_id in calls \
                    and not _more_of_name_said(product, word, text):
                return word
    return None


def _more_of_name_said(product: Any, word: str, text: str) -> bool:
    """Whether the turn holds a word of the product's name besides the kind's word ("베이직 반팔티 화이트 M": 베이직
    names the one product, not every 반팔티)."""
    said = normalize(text)
    w = normalize(word)
    return any(len(x) >= 2 and w not in x and x not in w and x in said  # ("후드티" holds the kind's "후드")
               for n in (product.name, *product.aliases) for x in (normalize(y) for y in str(n).split()))


def _called_in_stock_elsewhere(knowledge: Any, called: set[str], product_id: str, mentions: Sequence[Any]) -> bool:
    """Whether a product called by the same word, other than `product_id`, is in stock in the option values named."""
    for pid in called - {product_id}:
        product = knowledge.product(pid)
        if product is None:
            continue
        wanted, unsold = _resolve(knowledge, product, mentions)
        if not unsold and any(v.in_stock and v.matches(wanted) for v in product.variants):
            return True
    return False


_AMONG = re.compile(r"그\s*중|이\s*중|골라\s*(?:주|줘)|거기서|그\s*가운데|\bamong\b|\bof (?:them|those)\b|\bwhich of\b", re.I)


def _kind_just_named(knowledge: Any, turn: Turn) -> str | None:
    """The kind the customer's last message named, when this one names none."""
    from agent.turn_context import last_user_text

    if not turn.history or _category_in(knowledge, turn.analysis.text):
        return None
    last = last_user_text(turn.history)
    return _category_in(knowledge, last) if last else None


def _kind_carried(knowledge: Any, turn: Turn) -> str | None:
    """The kind the customer's last message named, when this one asks among it and names none ("니트 추천해주세요" →
    "그 중에 제일 싼 거요"), or asks the ones of it in an option ("가방 뭐 있어요?" → "블랙으로 살수있는것만")."""
    text = turn.analysis.text
    listing = _ONLY_THOSE.search(text) and knowledge._searcher().vocab.find_mentions(text)
    return _kind_just_named(knowledge, turn) if _AMONG.search(text) or listing or _only_values_said(knowledge, turn) \
        else None


def _only_values_said(knowledge: Any, turn: Turn) -> bool:
    """A follow-up that says nothing but option values ("차콜은요?", "그럼 L은?" after "코트 블랙 M 있어요?"): the same
    question of the kind, in those values. Nothing but particles, question endings and fillers is left once the values
    are taken out."""
    from agent.mentions import mentioned_products
    from agent.turn_context import last_user_text

    last = last_user_text(turn.history) if turn.history else None
    if not last or mentioned_products(knowledge, last):
        return False  # (after "옥스포드 셔츠 화이트 M 있어요?", "네이비는요?" is that shirt's)
    if len(set(mentioned_products(knowledge, turn.last_reply or ""))) == 1:
        return False  # (after "스트레이트 데님 30 재고 있어요?" was answered of 스트레이트 데님 팬츠 alone, "그럼 32는요?" is it)
    text = turn.analysis.text
    found = [m for m in knowledge._searcher().vocab.find_mentions(text) if m.value]
    if not found:
        return False
    rest = text
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    from agent.turn_analysis import analyse_turn

    left = analyse_turn(rest)
    return not left.concepts - {"exist", "stock", "possible"} and not any(
        m.pos in ("NNG", "NNP", "SL", "SN", "VV") and len(m.surface) >= 2 for m in left.morphemes)


def carried_values(knowledge: Any, turn: Turn, mentions: Sequence[Any]) -> list[Any]:
    """The option values the customer's last message set on axes this one does not ("M" of "코트 블랙 M 있어요?", kept
    for "차콜은요?")."""
    from agent.turn_context import last_user_text

    last = last_user_text(turn.history) or ""
    axes = {m.axis for m in mentions}
    return [m for m in knowledge._searcher().vocab.find_mentions(last) if m.value and m.axis not in axes]


# the ones of a kind asked for by an option ("블랙으로 살수있는것만 알려줘요", "L 있는 거 다"): a listing, not one product
_ONLY_THOSE = re.compile(r"(?:것|거|걸)\s*(?:만|들|다)|있는\s*(?:거|것)")


def _kind_sold_in(knowledge: Any, text: str, mentions: Sequence[Any],
                  category: str | None = None) -> tuple[set[str], list[Any] | None]:
    """The ids of the kind the turn names (or `category`, carried from the message before), and its products sold in
    every option value the turn names ("화이트 셔츠 XXL": the shirts in white XXL, not the one name the words' search
    liked best, a 티셔츠); None when no kind is named."""
    category = category or _category_in(knowledge, text)
    if category is None or not any(m.value for m in mentions):
        return set(), None
    vocab = knowledge._searcher().vocab
    kind = _filtered(knowledge, category=category, in_stock=None, limit=200)
    kind = _named_part(kind, category) or kind  # "XXL 코트": the coats of 코트/자켓/패딩, not the padding beside them
    return {p.id for p in kind}, [p for p in kind if not vocab.resolve(p, mentions)[1]]


def _sought(a: Any, unknown: Sequence[str]) -> str:
    """The thing sought, in the customer's words: the first two unknown words asked for, each once ("배 파나요? 먹는
    배요" is '배', never '배 배')."""
    asked = list(dict.fromkeys(_asked_first(a, unknown)))
    exist = next((h for h in a.hits if h.concept == "exist"), None)
    if exist is not None and len(asked) > 1:
        # the noun phrase right before "있어요/팔아요" (two words at most), never the noun of a clause that modifies it
        # ("등산할때 입을 바람막이 있어요?": 바람막이, not 등산)
        words = list(re.finditer(r"\S+", a.text[:exist.start]))
        first = max(len(words) - 2, 0)
        while first > 0 and re.search(r"(?:이나|나|이랑|랑|하고|과|와|,)$", words[first - 1].group()):
            first -= 1  # ("샴푸나 헤어 트리트먼트도 팔아요?": the things joined to it too)
        near = a.text[words[first].start() if words else 0:exist.start]
        asked = [n for n in asked if n in near] or asked
    return " ".join(asked[:2])


def _word_in_name(word: str, name: str) -> bool:
    """The customer's word is in the product's name: anywhere for a longer word, and for one syllable as a name word
    of its own or the head a name word ends on ("귤" of 감귤, never "배" of 배추)."""
    word, name = word.lower(), name.lower()
    if len(word) > 1:
        return word in name
    return any(w == word or (len(w) > 1 and w.endswith(word)) for w in name.split())


def _named_part(kind: Sequence[Any], word: str) -> list[Any]:
    """The products of a kind named by one part of its name ("코트" of "코트/자켓/패딩") that their own names call so;
    [] when the kind is not so split or no name says the word."""
    word = "".join(word.split())
    if not kind or not all("/" in (p.category or "") for p in kind):
        return []
    return _called_part(kind, word)


def _called_part(products: Sequence[Any], word: str) -> list[Any]:
    """Those of `products` whose name says `word` and whose kind ("코트/자켓/패딩") has it as one of its parts."""
    return [p for p in products if word in "".join(p.name.split()) and word in (p.category or "").split("/")]


def _only_seller(knowledge: Any, mentions: Sequence[Any]) -> str | None:
    """The one product sold in every option value the turn names, or None (none, or several)."""
    options = {m.axis: m.value for m in mentions if m.value}
    if not options:
        return None
    found = _filtered(knowledge, options=options, limit=2)
    return found[0].id if len(found) == 1 else None


# a count with its unit written in a product's name ("유정란 30구", "김 10봉", "토너 300ml"): the shop texts' counters
# (`facts.COUNTERS_EN`) and the measures of goods
_COUNT_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(sorted((*COUNTERS_EN, "개입", "kg", "ml", "mL", "g", "L", "l"), key=len,
                                                                  reverse=True)) + r")(?![A-Za-z0-9]|월|매)")


def _other_count_of_its_form(g: Grounding, product: Any, turn: Turn) -> bool:
    """"계란 30구 말고 15구는 없어요?": a product of one form, whose name holds its count and unit (30구), asked for in
    another count of that unit: it is sold in that one form only, at its price (no other product offered instead)."""
    if len(product.variants) != 1 or product.axes:
        return False
    own = _COUNT_UNIT.search(str(product.name))
    if own is None:
        return False
    a = turn.analysis
    other = next((m for m in _COUNT_UNIT.finditer(a.text) if m.group(2) == own.group(2) and m.group(1) != own.group(1)
                  and not a.in_excluded(m.start(), m.end())), None)
    if other is None:
        return False
    v = product.variants[0]
    g.add(f"product:{product.id}", product_fact(product))
    g.add(f"turn:asked:{other.group(0)}", f"고객이 말한 구성 {other.group(0)} (상품 정보에 없는 값)")
    g.subject = product.id
    name = " ".join(str(product.name).replace(own.group(0), " ").split()) or product.name  # (무항생제 유정란 30구 -> 무항생제 유정란)
    g.say("{name}{j} {own} 한 가지로만 판매하고, 가격은 {p}이에요. {o}{j2} 없어요.",
          "{name} comes in {own} only, at {p}; there's no {o}.", name=name, j=josa(name, "은", "는"),
          own=own.group(0), p=won(v.price, g.lang), o=other.group(0), j2=josa(other.group(0), "은", "는"))
    return True


def _nouns_outside_exclusion(a: Any) -> list[str]:
    """Noun words of the turn outside what it rules out, particles stripped ("후드티 말고 집업 같은 거 … 기모로" ->
    집업, 기모); whole words, since mecab-ko splits loanwords ("집업" -> 집 + 업)."""
    from core.language.korean_text import strip_particles

    starts = {m.start: m for m in a.morphemes}
    out = []
    for w in re.finditer(r"\S+", a.text):
        first = starts.get(w.start())
        stem = strip_particles(w.group(0).strip("?!.,~"))
        if first is not None and first.pos in ("NNG", "NNP", "SL") and len(stem) >= 2 and not a.in_excluded(w.start(), w.end()):
            out.append(stem)
    return out


def _instead(knowledge: Any, base: Any, turn: Turn, covered: Sequence[tuple[int, int]]) -> Any:
    """What the customer names instead of the excluded product, as a sibling of its name ("캔버스 말고 가죽이요"
    -> 가죽 스니커즈), or None."""
    from agent.mentions import sibling_product

    for noun in _nouns_outside_exclusion(turn.analysis):
        pid = sibling_product(knowledge, base, noun)
        if pid is not None:
            return knowledge.product(pid)
    return None


def _other_values_in_stock(g: Grounding, knowledge: Any, base: Any, a: Any) -> bool:
    """An option of the product asked for, and something like it wanted if it is out ("틴트 칠리 있어요? 없으면 비슷한
    거"): its stock, and when it is sold out the product's other values on that axis in stock. False when no option
    is named, or the product itself is what is set aside ("틴트 말고 비슷한 거")."""
    vocab = knowledge._searcher().vocab
    mentions = [m for m in knowledge.find_products(a.text).mentions if not vocab.resolve(base, [m])[1]]
    if not mentions or any(a.in_excluded(m.start, m.end) for m in mentions):
        return False
    wanted, _ = vocab.resolve(base, mentions)
    asked = [v for v in base.variants if v.matches(wanted)] if wanted else []
    if len(wanted) != 1 or not asked or any(a.in_excluded(*span) for span in name_spans(a.text, base)):
        return False
    axis = next(iter(wanted))
    # ("틴트 로지 없으면 비슷한 색": 로지 is there, the "if not" does not arise, no others are listed)
    others = [] if any(v.in_stock for v in asked) else \
        [v for v in base.variants if v.in_stock and v.option(axis) != wanted[axis]][:_SIBLINGS_SHOWN + 2]
    if not others and not any(v.in_stock for v in asked):
        return False
    g.add(f"product:{base.id}", product_fact(base))
    for v in asked:
        g.add(f"variant:{v.sku}", variant_fact(base, v))
    _stock_sentence(g, base, wanted, asked, a.text)
    g.topic, g.subject = "stock", base.id
    if not others:
        return True
    for v in others:
        g.add(f"variant:{v.sku}", variant_fact(base, v))
    label = base.axis(axis).label if base.axis(axis) else axis
    listed = ", ".join(g.text("{o} {n}개", "{o} ({n})", o=v.option(axis), n=v.stock) for v in others)
    if any(listed in x for x in g.sentences):
        return True  # (the stock sentence already listed these others, with their counts)
    g.say("지금 재고가 있는 다른 {axis}{j} {list}{cop}.", "Other {axis_en} in stock now: {list}.", axis=label,
          j=josa(label, "은", "는"), list=listed, cop=josa(listed, "이에요", "예요"), axis_en=_axis_en(label))
    return True


def _priced_in_option(g: Grounding, p: Any, wanted: dict[str, str], low: int | None = None,
                      high: int | None = None) -> str:
    """The product's price and its count in the options asked ("크루넥 니트 49,000원(28개)"); its price alone when none
    is asked or several variants in stock hold them (a size in every colour: no one count), their own prices (in the
    price range asked, `low`..`high`) when they differ from the product's."""
    matching = [v for v in p.variants if v.matches(wanted) and v.in_stock] if wanted else []
    ranged = [v for v in matching if (low is None or v.price >= low) and (high is None or v.price <= high)]
    matching = ranged or matching
    prices = sorted({v.price for v in matching})
    if len(matching) > 1 and prices != [p.price]:
        # ("16인치 노트북": the 16-inch options' own prices, never the product's base price of another option)
        for v in matching:
            g.add(f"variant:{v.sku}", variant_fact(p, v))
        said = won(prices[0], g.lang) if len(prices) == 1 else f"{won(prices[0], g.lang)}~{won(prices[-1], g.lang)}"
        return f"{p.name} {said}"
    if len(matching) != 1:
        return f"{p.name} {won(p.price, g.lang)}"
    g.add(f"variant:{matching[0].sku}", variant_fact(p, matching[0]))
    return f"{p.name} {won(p.price, g.lang)}" + g.text("({n}개)", " ({n} left)", n=matching[0].stock)


# "what about the double coat?", "and the navy one?": the question before, asked of another thing
_WHAT_ABOUT_EN = re.compile(r"^\s*(?:ok(?:ay)?,?\s+|and\s+)?(?:what|how)\s+about\b|^\s*and\s+(?:the|that|this)\b", re.I)
# where the others are asked for ("비슷한", "다른 걸로", "대신", "something similar")
_OTHERS_ASKED = re.compile(r"비슷|다른|대신|대체|\b(?:similar|other|instead|alternative)", re.I)
# "다른 후드 중에", "다른 셔츠로", "other hoodies": a kind named for the others asked for
_KIND_AMONG = re.compile(r"다른\s*\S+|\bother\s+\w+", re.I)


# "없으면 비슷한거 추천", "품절이면 다른 걸로", "오래걸리면 대신 쓸만한거": others asked for only if the one named is not to
# be had (soon)
# (chat clips the condition to its noun form: "재고잇나요? 없음 대체할만한거")
_IF_NONE_ELSE = re.compile(r"(?:없으면|없다면|없을\s*경우|(?<![가-힣])없음|품절이면|품절되면|품절이라면|안\s*되면|오래\s*걸리면|늦으면|"
                           r"안\s*들어오면)\s*(?:\S+\s+){0,2}?\S*(?:비슷|다른|대신|대체|추천)")
IF_NONE_ELSE = _IF_NONE_ELSE  # (the pipeline leaves such a turn whole to this agent)


# a purchase the customer means to make, told ("사려고요", "살 거예요", "주문하려는데")
_BUYING_SAID = re.compile(r"(?:사|구매하|주문하)\s*(?:려고|려는|려구|려면)|(?:살|구매할|주문할)\s*(?:거|건데)")


def _ground_similar(g: Grounding, knowledge: Any, base: Any, turn: Turn, asks: set[str]) -> Grounding:
    """"A 말고 비슷한 거": products of A's category, A excluded (in stock first; those whose names hold a word the
    customer used outside the excluded part first: "후드티 말고 집업 같은 거" puts 후드 집업 first)."""
    a = turn.analysis
    if _other_values_in_stock(g, knowledge, base, a):
        return g.finish()  # "틴트 칠리 있어요? 없으면 비슷한거": the product's other shades in stock, the one asked being out
    pool = [p for p in knowledge.filter_products(category=base.category, in_stock=True, limit=12) if p.id != base.id]
    if not pool:
        pool = [p for p in knowledge.filter_products(category=base.category, limit=12) if p.id != base.id]
    wanted = _nouns_outside_exclusion(a)
    if wanted:  # a product of another category named by those words ("집업" -> 후드 집업) belongs in the list too
        found = [knowledge.product(m.product_id) for w in wanted for m in knowledge.find_products(w).matches[:3]]
        pool += [p for p in found if p is not None and p.id != base.id and p not in pool]

    base_words = base.name.replace(" ", "")

    def named_by(p: Any) -> int:  # a word the base lacks ("집업") says more than one it shares ("기모")
        return sum(1 if w in base_words else 2 for w in wanted
                   if w in p.name.replace(" ", "") or any(w in x.replace(" ", "") for x in p.aliases))

    pool = sorted((p for p in pool if named_by(p) or p.category == base.category), key=lambda p: -named_by(p))
    if any(named_by(p) for p in pool) and _KIND_AMONG.search(a.text):
        # "기모후드티 말고 다른 후드 중에": only those the word names (the hoodies), not the sweatshirts of its category
        pool = [p for p in pool if named_by(p)]
    # ("더 싼 건 없어요?": the cheap one asked for, though the question's 없어요 reads it as denied)
    cheaper = a.has("cheap") or "cheap" in _priced_against(a)
    dearer = a.has("expensive") or "expensive" in _priced_against(a)
    lowest_of_word = None
    if cheaper and not dearer:  # "그거 말고 좀 더 싼 후드는?": cheaper ones, cheapest first
        pool = sorted((p for p in pool if p.price < base.price), key=lambda p: (-named_by(p), p.price))
        word = _category_in(knowledge, a.text)
        if word and "/" in (base.category or "") and word in base.category.split("/"):
            # "더 싼 코트는 없어요?" of a coat of 코트/자켓/패딩: cheaper coats; none, then that it is the cheapest coat
            # (the kind's cheaper others after that)
            called = [p for p in pool if p in _called_part(pool, word)]
            if called:
                pool = called
            else:
                lowest_of_word = word
    elif dearer:
        pool = sorted((p for p in pool if p.price > base.price), key=lambda p: -p.price)
    # the options asked of the others are those said after the others are asked for ("비슷한 슬랙스 중에 그레이 34"),
    # not the sold-out one's before it ("데님셔츠 연청 S 품절이네요 … 비슷한 다른 셔츠 추천해주세요")
    others_at = _OTHERS_ASKED.search(a.text)
    mentions = knowledge.find_products(a.text[others_at.start():] if others_at else a.text).mentions
    if mentions:  # "비슷한 슬랙스 중에 그레이 34 있는거": those that have the asked option in stock
        vocab = knowledge._searcher().vocab
        pool = [p for p in pool if not (r := vocab.resolve(p, mentions))[1] and r[0]
                and any(v.in_stock and v.matches(r[0]) for v in p.variants)]
    g.add(f"product:{base.id}", product_fact(base))
    if lowest_of_word:
        g.say("{w} 중에서는 {name}{j} 가장 저렴해요.", "Among our {w} items, the {name} is the cheapest.", w=lowest_of_word,
              name=base.name, j=josa(base.name, "이", "가"))
    if not pool:
        g.say("{name}{j} 같은 {cat} 상품은 지금 다른 상품이 없어요.", "We have no other {cat} items besides {name} right now.",
              name=base.name, j=josa(base.name, "과", "와"), cat=base.category)
        return g.finish()
    for p in pool[:_CANDIDATES_SHOWN]:
        g.add(f"product:{p.id}", product_fact(p))

    listed = ", ".join(_priced_in_option(g, p, vocab.resolve(p, mentions)[0] if mentions else {})
                       for p in pool[:_CANDIDATES_SHOWN])  # "후드 집업 55,000원(9개)": its count in the option asked
    g.say("{name} 말고 같은 {cat} 상품으로는 {list}{j} 있어요. 마음에 드는 상품을 말씀해 주시면 자세히 안내해 드릴게요.",
          "Besides {name}, our other {cat} items are: {list}. Tell me which one you like and I'll give you the details.",
          name=base.name, cat=base.category, list=listed, j=josa(listed, "이", "가"))
    g.topic, g.subject = "recommend", base.category
    return g.finish()


_NOTES_MEMBERS, _NOTE_GROUPS, _NAMES_PER_NOTE = 12, 3, 4  # a category's notes, grouped by what they say
# what a product's own fields say, for a question about one of them asked of a whole category
_ATTRIBUTE_FIELDS = (("care", "care", "관리 방법", "care"), ("material", "material", "소재", "material"),
                     ("origin", "origin", "원산지", "origin"), ("fit", "fit", "핏", "fit"))


def _category_attribute(g: Grounding, knowledge: Any, category: str | None, asks: set[str],
                        a: TurnAnalysis | None = None) -> bool:
    """A care, material, origin or fit question asked of a category, no product named ("니트 세탁기 돌려도 돼요?",
    "코트 소재 뭐예요?"): the products' own notes, grouped by what they say (one sentence when they all say the same).
    False when the question asks anything else (price, stock, options), no product of it has the note, or the notes
    differ too much to group (the category's listing then asks which one is meant). With no category ("여기 옷
    어디서 만들어요?"), the whole catalogue's origins."""
    wanted = [f for f in _ATTRIBUTE_FIELDS if f[0] in asks]
    if len(wanted) != 1 or asks - {"care", "material", "origin", "fit", "property", "product"}:
        return False
    _, attr, label_ko, label_en = wanted[0]
    if category is None and attr != "origin":
        return False  # (the whole catalogue's materials or care notes are too many to group)
    members = knowledge.filter_products(category=category, in_stock=None, limit=200) if category \
        else list(knowledge.products())
    word = "".join((category or "").split())
    if category and members and all("/" in (p.category or "") for p in members):
        # "코트 소재" in a shop whose kind is "코트/자켓/패딩": the coats (named so), not the jackets beside them
        members = _called_part(members, word) or members
    if attr == "material" and category and a is not None and (wanted := _fibre_wanted(a.text, members)) is not None \
            and (wanted[1] == "without" or a.has("exist", "recommend")):
        # "아크릴 안 섞인 니트?", "울 100% 니트 있어요?": the kind's products so made (the listing), not every material
        # (never "니트 울 100%에요?", asked of the whole kind: each one's material answers it)
        return False
    noted = [(p, str(getattr(p, attr, "") or "").strip()) for p in members]
    noted = [(p, v) for p, v in noted if v]
    if not noted or len(members) > _NOTES_MEMBERS and category is not None:
        return False
    groups: dict[str, list[Any]] = {}
    for p, v in noted:
        groups.setdefault(v, []).append(p)
    if len(groups) > (_NOTE_GROUPS if attr == "care" else _LIST_SHOWN):  # (a care note is a sentence; a material a few words)
        return False
    for p in [p for ps in groups.values() for p in (ps if category is not None else ps[:_NAMES_PER_NOTE])]:
        g.add(f"product:{p.id}", product_fact(p))
        g.add(f"product:{p.id}:details", details_fact(p))
    category = category or g.text("전체", "")  # (the whole catalogue: a few of each origin named)
    if len(groups) == 1 and len(noted) == len(members):
        value = next(iter(groups))
        g.say("{cat} 상품은 모두 {label}{j} 같아요: {v}", "All our {cat} items share the same {label_en}: {v_en}", cat=category,
              label=label_ko, j=josa(label_ko, "이", "가"), label_en=label_en, v=value,
              v_en=english_value(value))  # ("중국 (China)" for an English customer)
    else:
        def names(ps: list[Any]) -> str:
            shown = ", ".join(p.name for p in ps[:_NAMES_PER_NOTE])  # no count: a number the facts do not hold
            return shown + (g.text(" 등", " and others") if len(ps) > _NAMES_PER_NOTE else "")

        sep = "; " if any("/" in v for v in groups) else " / "  # (a note with slashes of its own: "겉감: … / 안감: …")
        listed = sep.join(f"{names(ps)}: {v if g.lang == 'ko' else english_value(v)}"
                          for v, ps in sorted(groups.items(), key=lambda kv: -len(kv[1])))
        g.say("{cat} 상품의 {label}{j} 상품마다 달라요. {list}", "{label_en} of our {cat} items: {list}", cat=category,
              label=label_ko, j=josa(label_ko, "은", "는"), label_en=label_en.capitalize(), list=listed)
    g.topic, g.subject = attr, category
    return True


# every one asked for ("다 알려줘", "전부", "모두 보여주세요", "all of them"): the whole list, not the first few
_ALL_ASKED = re.compile(r"(?<![가-힣])다\s*(?:알려|보여|말해|찾아|뭐)|전부|모두|죄다|싹\s*다|\ball\s+(?:of\s+)?(?:the|your|them)\b|"
                        r"\bevery\b|\bfull\s+list\b", re.I)
# the kinds of a thing asked for ("종류 뭐뭐", "어떤 거 있어요", "뭐뭐 있어요", "what kinds")
_KINDS_ASKED = re.compile(r"종류|뭐\s*뭐|머\s*머|어떤\s*(거|것|게|걸)들?\s*(있|팔)|\bwhat\s+kinds?\b|\bwhich\s+ones\b", re.I)


def _value_none_holds(g: Grounding, knowledge: Any, text: str, category: str) -> None:
    """"가죽 자켓 있어요?", "캐시미어 코트 있나요?": a material or origin written right before the kind, which no product
    of that kind has in its own texts: said first, before the kind's products are listed."""
    from agent.english_gloss import VALUE_WORDS

    m = re.search(r"([가-힣]{1,6})\s*" + re.escape(category), text)
    word = m.group(1) if m else ""
    if word not in VALUE_WORDS and g.lang == "en":
        # "do you have a cashmere sweater?": a material's English word, read as the shop's loanword it sounds like
        # (never a word translated, "down" for 솜털, which the texts may write otherwise)
        from core.language.loanwords import sound_key

        word = next((ko for ko, en in VALUE_WORDS.items() if compiled(rf"\b{re.escape(en)}\b", re.I).search(text)
                     and len(k := sound_key(ko)) >= 3 and sound_key(en).startswith(k)), "")
    if word not in VALUE_WORDS:
        return
    members = knowledge.filter_products(category=category, in_stock=None, limit=50)
    if not members or any(word in p.own_text or word in p.name or word in (p.fit or "") for p in members):
        return  # (a fit is the product's own word too: "세미오버핏 니트" of the 케이블 니트, 세미오버핏)
    g.add(f"catalogue:{category}:no:{word}", f"{category} 상품 중 {word} 상품 없음 (상품 정보 기준)")
    g.say("말씀하신 {w} {c}{j} 없어요.", "We have no {w_en} {c}.", w=word, c=category, j=josa(category, "은", "는"),
          w_en=VALUE_WORDS[word])


_SEASONS = {"봄": "봄", "여름": "여름", "가을": "가을", "겨울": "겨울", "spring": "봄", "summer": "여름", "fall": "가을",
            "autumn": "가을", "winter": "겨울"}
_SEASON_EN = {"봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"}
_SEASON_SAID = re.compile(r"(?<![가-힣A-Za-z])(봄|여름|가을|겨울|spring|summer|fall|autumn|winter)(?![A-Za-z])", re.I)
# a season written as a word of its own ("봄 자켓", "봄에 입을", "여름용"), not the first syllable of another word (봄버)
_SEASON_WORD = re.compile(r"(?<![가-힣])(" + "|".join(k for k in _SEASONS if not k.isascii()) + r")(?=\s|$|[?!.,]|에|용|철|시즌|옷)")


def season_named(text: str) -> str | None:
    """The one season the customer names ("겨울에 입을", "for winter"), in the shop data's own word; None when none
    or several ("봄 가을에"). "가을겨울" is two."""
    said = {_SEASONS[m.group(1).lower()] for m in _SEASON_SAID.finditer(text)}
    return next(iter(said)) if len(said) == 1 else None


_UNTIL = re.compile(r"까지|\buntil\b|\bend", re.I)  # the end of a sale asked ("세일 언제까지예요?"), not the next one
# a quality of warmth or coolness, which the seasons a product is made for speak to
_WEATHER_QUALITY = re.compile(r"따뜻|따듯|보온|춥|추워|시원|더워|덥|두껍|두꺼|얇|\b(?:warm(?:er|est|th)?|cool(?:er|est)?|cold|hot|"
                              r"thick(?:er|est)?|thin(?:ner|nest)?)\b", re.I)


def _season_sentence(g: Grounding, product: Any, season: str) -> None:
    """"린넨셔츠 겨울에 입어도 돼요?": the seasons the product is made for, and whether the one asked is among them."""
    seasons = "·".join(product.seasons)
    seasons_en = ", ".join(_SEASON_EN.get(x, x) for x in product.seasons)
    if season in product.seasons:
        g.say("{name}{j} {s} 시즌 상품이에요.", "The {name} is made for {s_en}.",
              name=product.name, j=josa(product.name, "은", "는"), s=seasons, s_en=seasons_en)
    else:
        g.say("{name}{j} {s} 시즌 상품이에요. {q} 시즌 상품으로 나온 건 아니에요.",
              "The {name} is made for {s_en}, not for {q_en}.", name=product.name, j=josa(product.name, "은", "는"),
              s=seasons, q=season, s_en=seasons_en, q_en=_SEASON_EN[season])


def _fit_said(text: str, kind: Sequence[Any]) -> str | None:
    """The fit the customer names of a kind, in the products' own word ("오버핏", "와이드핏"), when some of the kind's
    products have it and some do not; None otherwise (the longest fit word said first: 세미오버핏 before 오버핏)."""
    said = re.sub(r"\s+", "", text).lower()
    fits = sorted({p.fit for p in kind if p.fit and len(p.fit) >= 3 and re.search(r"[가-힣]", p.fit)}, key=len, reverse=True)
    word = next((f for f in fits if re.sub(r"\s+", "", f).lower() in said), None)
    if word is None or all(word in (p.fit or "") for p in kind):
        return None
    return word


def _qualified_by_name(pool: Sequence[Any], category: str | None, text: str) -> list[Any]:
    """The products of a kind whose names hold the word the customer wrote right before the kind's word ("긴팔
    티셔츠": 베이직 긴팔 티셔츠, 와플 긴팔 티셔츠), when some of the kind's products do and some do not; [] otherwise."""
    if not category or len(pool) < 2:
        return []
    m = compiled(r"(?<![가-힣])([가-힣]{2,})\s*" + re.escape(category)).search(text)
    if m is None:
        return []
    having = [p for p in pool if m.group(1) in str(p.name).split()]
    return having if 0 < len(having) < len(pool) else []


_QUALIFYING_AMOUNT = _number_with_unit("인치|inch|cm|mm|ml|kg|L")


def _qualified_by_text(pool: Sequence[Any], text: str) -> list[Any]:
    """The products of a kind whose own texts state the amount the customer wrote ("15인치 노트북 들어가는 가방": the
    backpack "15인치 노트북 수납"), when some of them do and some do not; [] otherwise."""
    # (an English inch is the texts' 인치: "fits a 15 inch laptop" of "15인치 노트북 수납")
    amounts = [re.sub(r"inch(?:es)?$", "인치", re.sub(r"[\s-]", "", m.group(0)).lower())
               for m in _QUALIFYING_AMOUNT.finditer(text)]
    if not amounts or len(pool) < 2:
        return []
    having = [p for p in pool if all(x in p.own_text.replace(" ", "").lower() for x in amounts)]
    return having if 0 < len(having) < len(pool) else []


def _all_of_few_bought(g: Grounding, turn: Turn, products: Sequence[Any], shown: Sequence[Any], asks: set[str]) -> bool:
    """"코듀로이 셋업 위아래 다 사면 얼마": every one of the few products the customer's words call (all listed), each of
    one price, bought together: their total is said after the list (no product to choose is asked back). False when
    some were left unlisted, one has several prices, or the turn does not say all of them."""
    from agent.mentions import EVERY_ONE

    if "total" not in asks or not 2 <= len(shown) <= 3 or len(products) != len(shown) \
            or not EVERY_ONE.search(turn.analysis.text + " ") \
            or any(not p.variants or p.price != p.max_price for p in shown):
        return False
    total = g.derive_total("derived:total:" + "+".join(p.id for p in shown), [(p.name, p.price, 1) for p in shown])
    if total is None:
        return False
    g.say("모두 함께 사시면 합계 {t}{cop}.", "Together they come to {t}.", t=won(total, g.lang), cop=_copula(won(total)))
    return True


def _ground_catalogue(g: Grounding, knowledge: Any, turn: Turn, category: str | None, mentions: Sequence[Any],
                      asks: set[str], low: int | None, high: int | None, within: set[str] | None = None) -> bool:
    """Catalogue questions: category / on-sale / price range / option filters / recommendations (`within`: only
    those products, the ones the customer's word for the kind calls by name)."""
    text = turn.analysis.text
    if within is not None and len(within) == 1 and (one := knowledge.product(next(iter(within)))) is not None \
            and not (asks & {"recommend", "discount"}) and low is None and high is None:
        # "세럼 30이랑 50 중에 뭐가 더 이득이에요?" where the word calls one product: that product's own answer, not a
        # list of one to choose from
        g.subject = one.id
        _ground_one(g, knowledge, one, mentions, asks, turn)
        return True
    on_sale = True if "discount" in asks else None
    options = {m.axis: m.value for m in _in_the_kinds_conjunct(knowledge, text, mentions) if m.value}
    # ("비싼" holds "싼": the dearer words are read first)
    sort = "desc" if re.search(r"비싼|고급|최고가|프리미엄|most\s+expensive|priciest", text, re.I) \
        else "asc" if re.search(r"(?<!비)싼|저렴|가성비|최저가|cheap", text, re.I) else None
    listing = bool(category) and not (asks & {"recommend"}) and not on_sale and low is None and high is None and not options
    every = bool(_ALL_ASKED.search(text))  # "셔츠 M 화이트 전부 알려주세요": every one of them, not the first few
    limit = 200 if (low or high or sort or options and category) else _SALES_SHOWN if on_sale or every else 5
    # a fibre set as a condition of the kind ("울 안 들어간 니트"), read against every product of it
    wanted = _fibre_wanted(text, knowledge.filter_products(category=category, in_stock=None, limit=200)) if category else None
    if wanted is not None:
        limit = 200
    fit = _fit_said(text, knowledge.filter_products(category=category, in_stock=None, limit=200)) if category else None
    if fit is not None:
        limit = 200
    season = season_named(text)
    pool = knowledge.filter_products(category=category, on_sale=on_sale, max_price=high, options=options or None,
                                     in_stock=None if listing else True, limit=200 if season else limit)
    seasonal = bool(season and any(p.seasons for p in pool))
    if seasonal:
        # "겨울에 입을 아우터 10만원 이하": the products whose own seasons hold it (one that names none is kept)
        pool = [p for p in pool if not p.seasons or season in p.seasons]
        if not sort:  # those made for that season alone first ("겨울에 입을 바지": 기모 데님 before an all-year slacks)
            pool.sort(key=lambda p: len(p.seasons) or 5)
        pool = pool[:limit]
    kind_all: list[Any] = []  # every product of the part of a kind named ("코트" of 코트/자켓/패딩), when it was read
    kind_word = None
    if category and pool and all("/" in (p.category or "") for p in pool):
        # "패딩 얼마에요" in a shop whose kind is "코트/자켓/패딩": the products of that part of the kind (by their name),
        # not the coats beside them
        word = "".join(category.split())
        if not re.search(r"[가-힣]", word):  # "cheapest coat": the part of "코트/자켓/패딩" that sounds like it (코트)
            from core.language.loanwords import sound_key

            key = sound_key(re.sub(r"(?<=[a-z])s$", "", word.lower()))
            word = next((part for part in (pool[0].category or "").split("/") if key and sound_key(part) == key), word)
        wide = knowledge.filter_products(category=category, on_sale=on_sale, max_price=high, options=options or None,
                                         in_stock=None if listing else True, limit=200)
        if seasonal:  # ("봄에 입을 자켓": the kind's products of that season, never its winter coats after the jacket)
            wide = [p for p in wide if not p.seasons or season in p.seasons]
        part = _called_part(wide, word)
        named_so, kind_word = part, word
        if (on_sale or low is not None or high is not None) and len(part) < 2:
            # "할인하는 코트", "10만원 이하 코트": the coats of "코트/자켓/패딩" (named so, three of them) on sale or in
            # that price range, not the padded vest beside them; the part is read from all the kind's products, then
            # those on sale or in the range kept
            whole_kind = knowledge.filter_products(category=category, options=options or None, in_stock=None, limit=200)
            named_so = _called_part(whole_kind, word)
        if (on_sale or low is not None or high is not None) and len(named_so) >= 2:
            pool = [p for p in pool if p in named_so]  # (none of them on sale or in the range: none listed)
            kind_all = named_so
        elif len(part) >= 2:
            pool = part
        elif part:  # one product so named: it first, the rest of the kind after it ("자켓" is the blazer's kind too)
            pool = part + [p for p in wide if p not in part]
        elif options and not (on_sale or low is not None or high is not None):
            # "XXL 코트 있어요?": none of the coats (named so) in that option, though the padding beside them in
            # "코트/자켓/패딩" is: the coats' own answer, never the padding's stock as if it were a coat
            named_so = _named_part(knowledge.filter_products(category=category, in_stock=None, limit=200), word)
            if named_so:
                pool, kind_all, kind_word = [], named_so, word
    if within is not None:
        pool = [p for p in knowledge.filter_products(category=None, on_sale=on_sale, max_price=high, options=options or None,
                                                     in_stock=None if listing else True, limit=500) if p.id in within]
        if not kind_all and category:  # (none of them in the range: the cheapest of those called so is said)
            kind_all = [p for p in knowledge.filter_products(category=None, options=options or None, in_stock=None,
                                                             limit=500) if p.id in within]
            kind_word = kind_word or category
    if sort and category is None and not options:
        found = knowledge.find_products(text).matches
        top = found[0].score if found else 0.0
        named = [p for m in found if m.score >= max(60.0, top - 25.0) and (p := knowledge.product(m.product_id)) is not None]
        if len(named) >= 2:  # "what's the cheapest sneaker": the products that word names, not the whole shop
            pool = named
    if category and not options and low is None and high is None and not sort:
        # "스킨 150 두 개 사면 얼마고": a kind named with a bare number that is a value of one product of that kind only
        # (150ml of the toner): that product, in that value
        kind = knowledge.filter_products(category=category, in_stock=None, limit=50)
        fitting = [p for p in kind if _bare_number_option(p, text)]
        if len(fitting) == 1:
            g.subject = fitting[0].id
            _ground_one(g, knowledge, fitting[0], mentions, asks, turn)
            return True
    if low is not None:
        pool = [p for p in pool if p.price >= low]
    if fit is not None:
        # "봄 셔츠 오버핏으로", "와이드핏 바지": the kind's products of that fit (those whose fit holds it, 세미오버핏 for
        # 오버핏, after them)
        pool = sorted((p for p in pool if fit in (p.fit or "")), key=lambda p: p.fit != fit)
    qualified = (_qualified_by_name(pool, category, text) or _qualified_by_text(pool, text)) if within is None else []
    if qualified:
        pool = qualified  # "긴팔 티셔츠 있어요?": the T-shirts named 긴팔, not the short-sleeved ones beside them
    if sort:
        pool = sorted(pool, key=lambda p: p.price, reverse=sort == "desc")
    # "울 100% 니트 있어요?", "니트 중에 울 함량 제일 높은건?": a kind listed for its material (or origin) shows it beside
    # each, the products with most of the fibre named first
    shown_attr = _listed_attribute(asks, pool) if category and not on_sale else None
    if wanted is not None:
        # "울 안 들어간 니트 있어요?", "면 들어간 니트", "울 100% 니트": the products of the kind whose composition
        # leaves out, holds, or is all of that fibre, with their materials beside them
        fibre_, how = wanted
        keep = [p for p in pool if (_share_of(p.material, fibre_) == 0 if how == "without"
                                    else _share_of(p.material, fibre_) >= 100 if how == "all"
                                    else _share_of(p.material, fibre_) > 0)]
        shown_attr = "material"
        g.add(f"catalogue:fibre:{category}:{fibre_}:{how}", f"{category} 중 {fibre_} "
              + {"without": "미포함", "all": "100%", "with": "포함"}[how] + f" 상품 {len(keep)}가지")
        if not keep and pool:  # (none of the kind on sale at all is said below, not as a fibre none has)
            cond = g.text({"without": "{f}{j} 들어가지 않은", "all": "{f} 100%인", "with": "{f}{j} 들어간"}[how],
                          {"without": "without {f_en}", "all": "of 100% {f_en}", "with": "with {f_en}"}[how],
                          f=fibre_, j=josa(fibre_, "이", "가"), f_en=english_value(fibre_, alone=True) or fibre_)
            g.say("{cat} 중에 {cond} 상품은 없어요.", "None of our {cat} is made {cond}.", cat=category, cond=cond)
        elif len(keep) != len(pool):
            pool = keep
    # (the fibre named, to sort by; none when it is left out: no product listed holds it)
    fibre = wanted[0] if wanted is not None and wanted[1] != "without" and shown_attr == "material" and not sort else ""
    if fibre:
        pool = sorted(pool, key=lambda p: -_share_of(p.material, fibre))
    ranged = bool(category) and (low is not None or high is not None) and not sort  # "3만원 이하 티셔츠": each, to a point
    products = pool[:_SALES_SHOWN if (on_sale or every) and not sort else _LIST_SHOWN if ranged else 5]
    if len(pool) == 1 and (on_sale or options) and not sort and asks & {"discount", "price", "stock"}:
        # "27인치 모니터 세일 언제까지에요": the one product on sale in that option answers as itself (its sale's end)
        g.subject = pool[0].id
        # ("할인하는 코트 있어요?": whether one is on sale, its price; not the stock of each of its options)
        _ground_one(g, knowledge, pool[0], mentions, asks - {"stock"} | {"price"} if on_sale and not options else asks, turn)
        return True
    if not products and (on_sale or high is not None) and low is None:
        # "노트북 16인치 i7 램32 세일 끝남??", "모니터 27인치 아직 34만9천원임?", "Is the hanwoo sirloin still on sale?":
        # nothing of that kind is on sale (or that cheap) now, but the product itself exists; it answers as itself
        # (its price, and that its sale is over)
        unsold = knowledge.filter_products(category=category, options=options or None, in_stock=None, limit=2) \
            if options else []
        named = knowledge.find_products(text)
        # the only product near the words, when no kind is named ("세일하는 과일" names the kind, not 과일 선물세트)
        alone = category is None and len(named.matches) == 1 and named.matches[0].score >= _ALONE_SCORE
        if len(unsold) != 1 and named.matches and (not named.ambiguous and named.matches[0].score >= _CONFIDENT_SCORE
                                                   or alone):
            unsold = [p for p in [knowledge.product(named.matches[0].product_id)] if p is not None]
        if len(unsold) != 1 and category is not None and named.matches:
            # "어성초 스킨 큰통 세일한다던데": of the products near the words, the one of the kind named is meant
            of_kind = [q for m in named.matches if (q := knowledge.product(m.product_id)) is not None
                       and category in q.category]
            unsold = of_kind if len(of_kind) == 1 else unsold
        if len(unsold) == 1 and not options and on_sale and category is not None \
                and _kind_word_of(knowledge, unsold[0].id, text) is not None:
            unsold = []  # "패딩 세일하는거 있어요?": the word calls several of the kind (숏 푸퍼 패딩's other name too)
        if len(unsold) == 1:
            g.subject = unsold[0].id
            _ground_one(g, knowledge, unsold[0], mentions, asks | {"price"}, turn)
            return True
    if not products:
        if category is None and not (low or high or on_sale or options):
            return False
        if on_sale and not (low or high or options):
            # "요즘 할인하는 제품 있나요?" when nothing is on sale: say so, not "nothing matches your conditions"
            kind = f"{category} " if category else ""
            if turn.analysis.question == "when" or turn.analysis.has("when"):
                # "다음 세일 언제해요?": no date of a sale to come is in the shop's data; said so, not guessed
                g.say("다음 할인 일정은 따로 안내된 내용이 없어요.", "No upcoming sale has been announced.")
            g.say("지금 할인 중인 {kind}상품은 없어요. 궁금하신 상품을 말씀해 주시면 가격과 재고를 알려드릴게요.",
                  "Nothing {kind_en}is on sale right now. Tell me which product you'd like and I'll check its price and stock.",
                  kind=kind, kind_en=f"in {category} " if category else "")
        elif high is not None and low is None and not on_sale and (cheapest := min(
                kind_all or _filtered(knowledge, category=category, options=options or None, in_stock=None, limit=200),
                key=lambda p: p.price, default=None)) is not None and cheapest.price > high:
            # "10만원 이하 코트": none so cheap; the kind's cheapest said with its price
            what = kind_word or category
            g.add(f"product:{cheapest.id}", product_fact(cheapest))
            g.say("말씀하신 가격 이하의 {what}{j} 지금 없어요. 가장 저렴한 {what}{j2} {name} {p}이에요.",
                  "There is no {what} at that price or below. The cheapest is {name} at {p}.", what=what,
                  j=josa(what, "은", "는"), j2=josa(what, "은", "는"), name=cheapest.name, p=won(cheapest.price, g.lang))
        elif not _kind_never_in(g, knowledge, category, options, low, high, on_sale,
                                named=(kind_word, kind_all) if kind_all and kind_word else None):
            g.say("말씀하신 조건에 맞는 재고 상품이 지금은 없어요. 다른 조건으로 찾아봐 드릴까요?",
                  "Nothing in stock matches that right now. Shall I look with other conditions?")
        g.add("catalogue:empty", f"조건(카테고리 {category or '전체'}, 세일 {on_sale}, 가격 {low}~{high}, 옵션 {options})에 맞는 재고 상품 없음")
        g.use_lm = False
        return True
    if listing and category:
        _value_none_holds(g, knowledge, text, category)
    # every sale running (a shop's sales are few, and "세일하는 거 다 알려주세요" wants them all); else the first few
    shown = products[:_SALES_SHOWN if (on_sale or every) and not sort else _LIST_SHOWN if ranged
                     else _CANDIDATES_SHOWN if not listing else 5]
    for p in shown:
        g.add(f"product:{p.id}", product_fact(p))
        if on_sale:
            for v in [x for x in p.variants if x.on_sale][:3]:
                g.add(f"variant:{v.sku}", variant_fact(p, v))

    until_asked = turn.analysis.question == "when" or bool(re.search(r"까지|\buntil\b|\bend", text, re.I))

    def label(p: Any) -> str:
        if on_sale:  # the variant that is on sale, with its own price ("토너 300ml 24,000원(정가 29,000원)")
            v = min((x for x in p.variants if x.on_sale), key=lambda x: x.price, default=p.cheapest)
            name = f"{p.name} {v.label}" if v is not None and v.label and len({x.price for x in p.variants}) > 1 else p.name
            if v is not None and v.on_sale and v.list_price:
                if until_asked and v.sale_until:  # "세일 언제까지 해요?": each sale's own last day
                    return f"{name} {won(v.price, g.lang)}" + g.text("(정가 {lp}, {d}까지)", " (regular {lp}, until {d})",
                                                                    lp=won(v.list_price, g.lang),
                                                                    d=korean_date(v.sale_until, g.lang))
                return f"{name} {_price_part(g, v)}"
        own = [getattr(p, shown_attr)] if shown_attr and getattr(p, shown_attr, "") else []
        if own and g.lang == "en":
            own = [english_value(own[0], alone=True)]  # ("cotton 50%, acrylic 50%" for an English customer)
        if shown_attr and own:
            g.add(f"details:{p.id}", details_fact(p))
        if not any(v.in_stock for v in p.variants):
            return f"{p.name} {won(p.price, g.lang)}" + g.text("({x})", " ({x})", x=", ".join([*own, g.text("품절", "sold out")])
                                                                .replace(", ", " · ") if own else g.text("품절", "sold out"))
        return f"{p.name} {won(p.price, g.lang)}" + (g.text("({x})", " ({x})", x=own[0]) if own else "")

    listed = ", ".join(label(p) for p in shown)
    if fibre and _MOST_OF_FIBRE.search(text) and shown and _share_of(shown[0].material, fibre) > max(
            (_share_of(p.material, fibre) for p in shown[1:]), default=-1.0):
        # "울 함량 제일 높은건": the one with most of it, said first
        g.say("{fibre} 함량이 가장 높은 {cat}{j} {name}({m}){cop}.", "The {cat} with the most {fibre} is {name} ({m}).",
              fibre=fibre, cat=category, j=josa(category, "은", "는"), name=shown[0].name, m=shown[0].material,
              cop=_copula(shown[0].material))
    what = (f"{fit} {category}" if fit and category else category) or g.text("상품", "items")  # ("오버핏 셔츠": the fit said)

    def in_option(p: Any) -> str:
        g.add(f"product:{p.id}", product_fact(p))
        return _priced_in_option(g, p, options, low, high)

    chosen = " ".join(f"{v} 사이즈" if k == "size" and g.lang == "ko" and v.isdigit() else v for k, v in (options or {}).items())
    if sort in ("asc", "desc") and options and category and products:
        # "청바지 34 사이즈 뭐 있어요? 제일 싼건?": the ones in stock in that option, said to be so
        held = " ".join(f"{v} 사이즈" if k == "size" and v.isdigit() else v for k, v in options.items())
        what = g.text("{o} 재고가 있는 {c}", "{c} in {o_en}", o=held, c=category,
                      o_en=" / ".join(f"size {v}" if k == "size" else v for k, v in options.items()))
    if sort in ("asc", "desc") and len(products) == 1 \
            and len({v.price for v in products[0].variants if v.in_stock}) > 1:
        # "노트북 제일 싼 사양이 뭐에요": the one product of the kind, its cheapest (or dearest) option in stock
        one = products[0]
        pick = (min if sort == "asc" else max)((v for v in one.variants if v.in_stock), key=lambda v: v.price)
        g.add(f"variant:{pick.sku}", variant_fact(one, pick))
        g.say("{what}{j} {name} 한 가지이고, {most} 옵션은 {v} {p}{cop}.", "There is one: {name}; its {most_en} option "
              "is {v} at {p}.", what=what, j=josa(what, "은", "는"), name=one.name,
              most="가장 저렴한" if sort == "asc" else "가장 비싼", most_en="cheapest" if sort == "asc" else "priciest",
              v=pick.label, p=won(pick.price, g.lang), cop=_copula(won(pick.price)))
        g.subject = one.id
        return True
    if sort in ("asc", "desc") and len(products) == 1:  # one product of its kind: nothing is "next"
        g.say("{what}{j} {first} 한 가지예요.", "There is one: {first}.", what=what, j=josa(what, "은", "는"),
              first=label(products[0]))
    elif sort in ("asc", "desc"):
        g.say("{most} {what}{j} {first}이고, 다음으로 {rest}{j2} 있어요.", "The {most_en} {what}: {first}; then {rest}.",
              most="가장 저렴한" if sort == "asc" else "가장 비싼", most_en="cheapest" if sort == "asc" else "priciest",
              what=what, j=josa(what, "은", "는"), first=label(products[0]),
              rest=", ".join(label(p) for p in products[1:_CANDIDATES_SHOWN]), j2=josa(label(products[-1]), "이", "가"))
    elif on_sale:
        g.say("지금 할인 중인 {what}{j} {list}{j2} 있어요.", "On sale now: {list}.", what=what, j=josa(what, "은", "는"), list=listed,
              j2=josa(listed, "이", "가"))
    elif low is not None or high is not None:
        if options and category:  # "5만원 이하 니트 중에 M 블랙 재고 있는거": each one's count in those options
            listed = ", ".join(in_option(p) for p in shown)
            what = g.text("{o} 재고가 있는 {c}", "{c} in {o}", o=chosen, c=category)
        if len(pool) > len(shown) and not on_sale:  # said to be some of how many
            g.add(f"catalogue:count:{what}:{low}-{high}", f"가격대({low}~{high})의 {what} 재고 상품 {len(pool)}가지")
            listed += g.text(" 등 모두 {n}가지", ", {n} in all", n=len(pool))
        g.say("말씀하신 가격대의 {what}{j} {list}{j2} 있어요.", "In that price range: {list}.", what=what, j=josa(what, "은", "는"),
              list=listed, j2=josa(listed, "이", "가"))
    elif options and category and not (asks - ({"measure"} if _size_by_measure(turn.analysis, mentions) else set())
                                       - ({"compare"} if _AMONG.search(text) or re.search(
                                           re.escape(category) + r"\s*중에", text) else set())) \
            & {"size_advice", "fit", "measure", "compare"}:  # ("그중에 블랙 32": among a kind, no comparison)
        # "검정 슬랙스 32 있어요?": the products of that kind in stock in those options, with how many of each
        displayed = pool[:_SALES_SHOWN if every else _LIST_SHOWN]
        in_stock = ", ".join(in_option(p) for p in displayed)
        if len(pool) > len(displayed):  # "셔츠 M 화이트 있어요?": the first few, said to be some of how many
            g.add(f"catalogue:count:{category}:{chosen}", f"{chosen} 재고가 있는 {category} 상품 {len(pool)}가지")
            in_stock += g.text(" 등 모두 {n}가지", ", {n} in all", n=len(pool))
        g.say("{opt} 재고가 있는 {cat}{j} {list}{cop}.", "In {opt}, these are in stock: {list}.", opt=chosen,
              cat=category, j=josa(category, "은", "는"), list=in_stock, cop=josa(in_stock, "이에요", "예요"))
    elif category and seasonal:  # "겨울에 입을 바지 추천": said to be that season's, as the shop's data marks them
        g.say("{s} 시즌 {cat}{j0} {list}{j} 있어요.", "Our {cat} for {s_en}: {list}.", s=season, s_en=_SEASON_EN[season],
              cat=what, j0=josa(category, "으로는", "로는"), list=listed, j=josa(listed, "이", "가"))
    elif category:
        # (the search was cut at `limit`: the kind counted again in full, never the cut for "how many")
        total = len(knowledge.filter_products(category=category, on_sale=on_sale, max_price=high, options=options or None,
                                              in_stock=None if listing else True, limit=200)) \
            if len(pool) >= limit and not qualified else len(pool)
        if total > len(shown) and not on_sale:  # "셔츠 종류 뭐 있어요": the first few, said to be some of how many
            g.add(f"catalogue:count:{category}", f"{category} 상품 {total}가지")
            listed += g.text(" 등 모두 {n}가지", ", {n} in all", n=total)
        g.say("{cat} 중에서는 {list}{j} 있어요.", "Our {cat}: {list}.", cat=what, list=listed, j=josa(listed, "이", "가"))
    else:
        g.say("추천드릴 만한 상품은 {list}{j} 있어요.", "You might like: {list}.", list=listed, j=josa(listed, "이", "가"))
    if _all_of_few_bought(g, turn, products, shown, asks):
        g.topic, g.subject = "catalogue", category
        return True
    g.ask_back = bool(category and not (asks & {"recommend"}) and low is None and high is None and not on_sale)
    if g.ask_back:
        g.say("이 중 어떤 상품이 궁금하신지 말씀해 주시면 옵션과 재고를 알려드릴게요.",
              "Tell me which one you're interested in and I'll check its options and stock.")
    else:
        g.say("이 중 마음에 드는 상품을 말씀해 주시면 옵션과 재고를 알려드릴게요.",
              "Tell me which one you like and I'll check its options and stock.")
    g.topic, g.subject = ("recommend" if "recommend" in asks else "catalogue"), category
    return True


def _ask_which(g: Grounding, knowledge: Any, close: Sequence[Any], mentions: Sequence[Any]) -> Grounding:
    """A few equally good name matches: ask which one, saying which of them sell the asked option."""
    products = [p for m in close if (p := knowledge.product(m.product_id))]
    for p in products:
        g.add(f"product:{p.id}", product_fact(p))
    names = ", ".join(f"{p.name}({won(p.price, g.lang)})" for p in products)
    g.say("비슷한 이름의 상품이 여러 개 있어요: {names}.", "Several products have similar names: {names}.", names=names)
    if mentions:
        token = " ".join(dict.fromkeys(m.token for m in mentions))  # "5키로" once, though it names two axes
        sold = [p for p in products if not _resolve(knowledge, p, mentions)[1]
                and any(v.in_stock for v in p.variants if v.matches(_resolve(knowledge, p, mentions)[0]))]
        if sold:
            g.say("이 중 {opt} 재고가 있는 상품은 {list}{cop}.", "Of these, {list} has {opt} in stock.", opt=token,
                  list=", ".join(p.name for p in sold), cop=_copula(sold[-1].name))
        else:
            g.say("지금은 모두 {opt} 재고가 없어요.", "None of them has {opt} in stock right now.", opt=token)
    g.say("어떤 상품인지 알려주시면 정확히 안내해 드릴게요.", "Tell me which one and I'll give you the details.")
    g.ask_back, g.use_lm, g.topic = True, False, "which_product"
    return g.finish()


def _option_holders(knowledge: Any, word: str) -> list[tuple[Any, Any]]:
    """(product, variant) whose option values hold the word as a value word or the head one ends on ("머스크" of
    화이트머스크; never "아이" of 아이보리), at most four."""
    def holds(value: str) -> bool:
        return any(w == word or w.endswith(word) for w in re.split(r"[\s/·,()]+", str(value)) if w)

    return [(p, v) for p in knowledge.products() for v in p.variants if any(holds(value) for _, value in v.options)][:4]


def _name_holders(knowledge: Any, word: str, limit: int) -> list[Any]:
    """The products whose name or aliases hold the word (case aside), at most `limit`."""
    return [p for p in knowledge.products() if any(_word_in_name(word, n) for n in (p.name, *p.aliases))][:limit]


def _only_holder(knowledge: Any, noun: str) -> Any | None:
    """The one product whose name or aliases hold the word, when no option value of any product does (else None)."""
    noun = noun.strip()
    if len(noun) < 2 or _option_holders(knowledge, noun):
        return None
    named = _name_holders(knowledge, noun, 6)
    singles = [p for p in named if not p.parts]  # "토너 비건이에요?": the toner itself, not the sets holding one
    return named[0] if len(named) == 1 else singles[0] if len(singles) == 1 else None


def _held_by_catalogue(g: Grounding, knowledge: Any, noun: str) -> bool:
    """Before saying a thing is not sold: the option values holding the word ("머스크" in 화이트머스크), else the
    product names holding it, each with its price and stock state. False when nothing in the catalogue holds it."""
    found: list[tuple[Any, Any]] = []
    noun = noun.strip()
    word = noun
    # the word, or without one last syllable joined on ("머스크향": 머스크 of 화이트머스크); never shorter ("화이트보드"
    # is no 화이트)
    for candidate in dict.fromkeys(x for x in (noun, noun[:-1]) if len(x) >= 2):
        found = _option_holders(knowledge, candidate)
        if found:
            word = candidate
            break
    if not found:
        found = [(p, None) for p in _name_holders(knowledge, word, 3)]
    if not found:
        return False
    lines = []
    for p, v in found:
        g.add(f"product:{p.id}", product_fact(p))
        if v is None:
            lines.append(f"{p.name} {won(p.price, g.lang)}")
            continue
        g.add(f"variant:{v.sku}", variant_fact(p, v))
        lines.append(f"{p.name} {v.label}: {won(v.price, g.lang)}, {_variant_state(g, v)}")
    listed = " / ".join(lines)
    g.say("'{w}'{j} 들어간 상품은 {list}{cop}.", "Products with '{w}': {list}.", w=word, j=josa(word, "이", "가"),
          list=listed, cop=josa(listed, "이에요", "예요"))
    g.topic = "stock"
    return True


_NOUN_WORD = ("NNG", "NNP", "XSN", "SL", "SN", "XPN")
_PUNCTUATION = ("SF", "SP", "SS", "SE", "SO", "SW", "SY", "SC")


def _as_written(a: Any, noun: str) -> str:
    """The thing sought as the customer wrote it, from the noun(s) the analyser found: the whole words that hold them
    ("등산" of "등산화", "곰팡" of "곰팡이 제거제"), and the nouns written after them up to the verb ("강아지 옷",
    "캠핑 의자"), not a fragment. A word that is shop vocabulary on its own ("색상", "재고") ends the phrase; words
    apart ("커플로 입을건데 여자") stay apart, and a phrase with a number in it is not said back."""
    from core.language.korean_text import strip_particles

    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", a.text)]
    parts = noun.split()
    held = list(dict.fromkeys(next((i for i in range(len(words)) if p in a.text[words[i][0]:words[i][1]]), -1) for p in parts))
    if not held or -1 in held:
        return noun

    def plain(s0: int, e0: int) -> str:  # the text between, without punctuation
        return re.sub(r"[^\w가-힣]", "", a.text[s0:e0])

    def bare(i: int) -> str:
        """Word i without its particles (the analyser's J* morphemes), never shorter than a noun found in it."""
        s0, e0 = words[i]
        ms = [m for m in a.morphemes if s0 <= m.start < e0 and not m.pos.startswith("J") and m.pos not in _PUNCTUATION]
        whole = plain(s0, e0)
        cut = plain(s0, ms[-1].end) if ms and ms[-1].end <= e0 else whole
        keeps = lambda w: all(p in w for p in parts if p in whole)  # noqa: E731
        cut = cut if keeps(cut) else whole
        shorter = strip_particles(cut, 1)  # a particle the analyser read into the noun ("활전복도" as 활전 + 복도)
        return shorter if keeps(shorter) else cut

    end = held[-1]
    while end + 1 < len(words):
        s0, e0 = words[end + 1]
        ms = [m for m in a.morphemes if s0 <= m.start < e0]
        stem = bare(end + 1)
        if not ms or ms[0].pos not in ("NNG", "NNP") or any(m.pos not in _NOUN_WORD and not m.pos.startswith("J") for m in ms) \
                or any(h.start <= s0 and s0 + len(stem) <= h.end for h in a.hits):
            break
        end += 1
    if held == list(range(held[0], held[-1] + 1)):  # one run of words: as written, its last word without particles
        said = [plain(*words[i]) for i in range(held[0], end)] + [bare(end)]
    else:  # words apart: each without its particles, then the nouns after the last; "|" where a sentence ends between
        said = [("| " if k and re.search(r"[?？.!]", a.text[words[held[k - 1]][1] - 1:words[i][0]]) else "") + bare(i)
                for k, i in enumerate(held)] + [bare(i) for i in range(held[-1] + 1, end + 1)]
    phrase = " ".join(w for w in said if w)
    return phrase if len(phrase) <= 20 and not re.search(r"\d", phrase) else noun


def _word_asked_for(a: Any) -> str | None:
    """The noun right before the words asking whether it is sold ("향수 팔아요?" -> 향수), Hangul of two syllables or more."""
    from agent.turn_analysis import sold_asked_at

    at = min(sold_asked_at(a), default=None)
    words = a.text[:at].split() if at is not None else []
    while words and words[-1] in _BEFORE_THE_VERB:
        words.pop()
    word = strip_particles(words[-1]) if words else ""
    if not re.fullmatch(r"[가-힣]{2,}", word):
        return None
    # (a word the lexicon reads as what is asked, "가격 안보이게는 해주실수 있어요?", names no goods)
    return None if _analyse(word).concepts else word


def _describes_only(knowledge: Any, product: Any, word: str) -> bool:
    """`word` is a word of the product's name with another thing's head noun after it ("스마트워치" for 4K 스마트 TV,
    which the search matched by likeness): that head is nowhere in its names or texts, and no category is called so."""
    w = normalize(word)
    names = [normalize(str(n)) for n in (product.name, *product.aliases) if str(n).strip()]
    # (a name, or a word of one, is how customers call a product: "어성초 있어요?" for 어성초 진정 토너)
    if any(w in n for n in names) or _category_in(knowledge, word):
        return False
    name_words = {normalize(x) for n in (product.name, *product.aliases) for x in str(n).split()}
    # a word of its name and a head noun of another thing ("스마트" + "워치"); a misspelt name ("어성쵸") is no such
    own = normalize(product.own_text)
    return any(len(x) >= 2 and w.startswith(x) and len(w) - len(x) >= 2 and w[len(x):] not in own
               and all(w[len(x):] not in n for n in names) for x in name_words)


# where one thing ends and another begins in a phrase said not sold: "A랑 B", "A하고 B" (A of two syllables or more: the
# 랑 of "노랑" is no joint), a comma, or the break between two sentences ("A 팔아요? B는요" gives "A | B")
_THINGS_APART = re.compile(r"(?<=[가-힣]{2})(?:이랑|랑|하고|이나)\s+|\s*[,|]\s*")


# what a word asks of goods, never goods themselves ("가격", "재고", "배송비", "할인")
_ASKED_ONLY = frozenset({"price", "stock", "fee", "discount", "restock", "option", "total"})


def _not_sold(g: Grounding, knowledge: Any, noun: str, a: Any = None, held: bool = True) -> Grounding:
    """A product the shop does not carry: say so, and what it does sell (its categories) — unless an option value
    or a product name holds the word ("머스크향" is the 화이트머스크 of a hand cream; not with `held` False)."""
    from agent.general_facts import shop_name

    if held and _held_by_catalogue(g, knowledge, noun.split()[0]):
        return g.finish()
    if a is not None:
        noun = _as_written(a, noun)
    from core.knowledge.model import ORDER_STATUSES

    if noun and (_analyse(noun).concepts & _ASKED_ONLY or noun in ORDER_STATUSES) and not knowledge.find_products(noun).matches:
        # a word the lexicon reads as what is asked ("가격 안보이게는 해주실수 있어요?": the price), or an order's state
        # ("상품준비중 상품 …"), is no goods sought
        g.say("어떤 상품이나 내용을 문의하시는지 조금 더 자세히 말씀해 주시겠어요?",
              "Could you tell me a little more about which product or matter you mean?")
        g.ask_back, g.use_lm = True, False
        return g.finish()

    cats = ", ".join(knowledge.categories()[:6])
    g.add("catalogue:categories", f"판매 카테고리: {cats}")
    items = [w for w in _THINGS_APART.split(noun) if w]  # "삼겹살이랑 닭가슴살": two things, each quoted
    said = "', '".join(items) if g.lang != "en" else "' or '".join(items)
    g.say("죄송하지만 {shop}에서는 '{noun}' 상품은 판매하지 않아요. 저희는 {cats} 등을 판매하고 있어요.",
          "Sorry, {shop} doesn't sell '{noun}'. We carry {cats}.", shop=shop_name(knowledge, g.lang), noun=said, cats=cats)
    g.use_lm, g.topic = False, "not_sold"
    return g.finish()


def _size_advice_without_product(g: Grounding, knowledge: Any, turn: Turn) -> Grounding:
    from agent.size_advice import sizes_for

    fits = sizes_for(knowledge, turn.analysis.text)
    for p in fits:
        g.add(f"product:{p.id}", product_fact(p))
        g.add(f"product:{p.id}:details", details_fact(p))
    notes = " / ".join(f"{p.name}: {p.fitting_note.rstrip('.')}" for p in fits if p.fitting_note)
    if notes:
        g.say("상품마다 착용감이 달라요. {n}.", "Fit differs by product: {n}.", n=notes)
    section = knowledge.policy("size_guide") if hasattr(knowledge, "policy") else None
    if section is not None:
        from agent.general_facts import quote
        from agent.policy_answer import PolicyAnswer, answer_policy

        ans = answer_policy(knowledge, turn.analysis, keys=("size_guide",))
        if ans.passages:  # the size guide, or an FAQ entry: each registered as the fact it quotes
            g.sentences.extend(quote(g, knowledge, PolicyAnswer(passages=ans.passages[:1], confident=True)))
    g.say("어떤 상품을 보고 계신지 알려주시면 맞는 사이즈를 안내해 드릴게요.",
          "Tell me which product you're looking at and I'll suggest a size.")
    g.ask_back, g.use_lm, g.topic = True, False, "size_advice"
    return g.finish()
