"""Size advice ("평소 270 신는데 몇 사이즈?", "175/70 M이랑 L 중에 뭐?", "허리 31인데 몇 입어요") from facts only.

A recommendation is made only when a fact supports it: the product's fitting note read as a rule
("정사이즈 추천", "평소보다 5mm 작게 추천", "발볼이 넓다면 반 사이즈 업") applied to a usual size the
customer names that the product is sold in, or the model's wearing note ("모델 181cm 70kg, L 착용") against the
customer's height and weight (the model's size for a like build, one size down or up otherwise, two when both
differ a lot; the basis is said with it). Otherwise the reply quotes the size chart rows for the
sizes in question, the fitting note (model height/weight and size worn) and the shop's size-guide
sentence, and leaves the choice to the customer. Every size or number said is one the facts hold
(product sizes, chart values, the note), never the customer's own measurement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agent.english_gloss import english_value
from agent.entities import compact
from agent.facts import josa

# the customer's foot, measured ("발이 270", "발 사이즈 265"): its number is group 1
FOOT_SIZE = r"발\s*(?:사이즈|길이|크기)?\s*(?:이|가|은|는)?\s*(\d{3})"
# A size the customer usually wears, read from the turn.
USUAL_SIZE = re.compile(r"(?:평소|보통|원래|늘|항상)?\s*(\d{3})\s*(?:mm|미리)?\s*(?:을|를|이|가)?\s*(?:신|착용|사이즈|신어|신는|신고)|"
                    r"(?:평소|보통|원래)(?:에는|엔|에)?\s*(\d{3})(?!\d)(?!\s*(?:원|개|%|cm|kg))|"  # "평소 260인데": usually 260
                    + FOOT_SIZE + r"|"  # "발이 270인데": the foot's size
                    r"\b(?:usually\s+)?wear\s+(?:a\s+|size\s+)?(\d{3})\b|\b(?:feet|foot)\s+(?:is|are)\s+(\d{3})\b|"
                    r"\b(?:usually|normally)\s+(?:an?\s+|size\s+)?(\d{3})\b|\bfor\s+(?:an?\s+|size\s+)?(\d{3})(?:\s*mm)?\b|"
                    r"\bi(?:'m|\s+am)\s+(?:an?\s+|size\s+)?(\d{3})\b|\bmy\s+(?:usual\s+|shoe\s+)?size\s+is\s+(\d{3})\b", re.I)
# "허리 31인데": the customer's own waist, a measure of theirs (no measure of the product asked)
WAIST_GIVEN = re.compile(r"허리\s*(?:가|는|사이즈)?\s*(\d{2})(?!\d)")
_HALF = ("반사이즈", "반치수", "반업")
_DOWN = ("작게", "다운", "줄여")
_UP = ("업", "크게추천", "크게신", "크게선택", "한치수크게", "반사이즈크게")


_HEIGHT = re.compile(r"(?:키\s*(?:가|는)?\s*)?(?<!\d)(1[4-9]\d)(?:\.\d)?\s*(?:cm|센치|센티|에|/|,|이고|인데|\s)", re.I)
_WEIGHT = re.compile(r"(?:몸무게\s*(?:가|는)?\s*|/\s*)(\d{2,3})(?!\d)|(?<!\d)(\d{2,3})\s*(?:kg|키로|킬로)", re.I)
# height and weight written as a bare pair ("175에 68이에요", "175/68", "180 75"): 140-199 then a weight of 40-149 (never
# a waist in inches, "175에 32")
BODY_PAIR = re.compile(r"(?<!\d)(1[4-9]\d)\s*(?:에|/|,|cm\s*|\s)\s*([4-9]\d|1[0-4]\d)(?!\d)"
                       r"(?!\s*(?:원|개|만|천|%|mm|cm|호|사이즈))")
_MODEL = re.compile(r"모델\s*(1[4-9]\d)\s*cm\s*,?\s*(\d{2,3})\s*kg\s*,?\s*([A-Za-z0-9]+)\s*착용")


def english_note(note: str) -> str:
    """A fitting note in English: the model's build and size ("모델 181cm 70kg, L 착용" -> "the model is 181cm, 70kg and
    wears L"), or a shoe note read clause by clause (`english_fit_note`); the shop's note as it is otherwise."""
    m = _MODEL.fullmatch((note or "").strip().rstrip(".").strip())
    if m:
        return f"the model is {m.group(1)}cm, {m.group(2)}kg and wears {m.group(3)}"
    return english_fit_note(note) or note


# the conditions a shoe's fitting note is written on, and how an English customer says they hold ("발볼이 넓다면":
# wide feet; "발등이 높다면": a high instep): the noun, the predicate's stem, the English, the customer's words
_FOOT_CONDITIONS = (
    ("발볼", "넓", "your feet are wide", re.compile(r"\bwide\s+(?:feet|foot|fit)\b|\b(?:feet|foot)\s+(?:is|are)\s+"
                                                   r"(?:a\s+bit\s+|quite\s+|really\s+|very\s+)?wide\b", re.I)),
    ("발등", "높", "you have a high instep", re.compile(r"\bhigh\s+(?:instep|arch(?:es)?)\b", re.I)),
)


def _english_condition(cond: str) -> str | None:
    """A fitting note's condition in English ("발볼이 넓다면" -> "if your feet are wide"), None when not one known."""
    c = compact(cond)
    return next((f"if {en}" for noun, stem, en, _ in _FOOT_CONDITIONS if c.startswith(noun) and stem in c), None)


def _english_condition_said(cond: str, turn: str) -> bool:
    """Whether an English turn says a fitting note's condition holds ("I have wide feet" of "발볼이 넓다면")."""
    c = compact(cond)
    return any(c.startswith(noun) and stem in c and said.search(turn) for noun, stem, _, said in _FOOT_CONDITIONS)


def english_fit_note(note: str) -> str | None:
    """A shoe's fitting note read clause by clause ("반 사이즈 크게 나왔습니다. 평소보다 5mm 작게 추천" -> "runs half a size
    large; we recommend 5mm smaller than usual"); None unless every clause is read (never half a note)."""
    parts: list[str] = []
    for clause in [c.strip() for c in re.split(r"[,.]", note or "") if c.strip()]:
        cond_en = ""
        m = re.match(r"(.+?(?:다면|라면))\s*(.*)$", clause)
        if m:
            cond_en = _english_condition(m.group(1)) or ""
            if not cond_en:
                return None
            clause = m.group(2)
        c = compact(clause)
        mm = re.search(r"(\d+)mm", c)
        amount = f"{mm.group(1)}mm" if mm else "half a size" if "반" in c else "a size" if re.search("한(?:사이즈|치수)", c) \
            else ""
        if "정사이즈" in c and not amount:
            said = "true to size"
        elif re.search("(크게|작게)나(?:왔|옴|와)", c):
            said = f"runs {amount + ' ' if amount else ''}{'large' if '크게' in c else 'small'}"
        elif amount and any(w in c for w in _DOWN):
            said = f"{amount} smaller than usual" if "평소" in c else f"{amount} down"
        elif amount and any(w in c for w in _UP):
            said = f"{amount} larger than usual" if "평소" in c else f"{amount} up"
        else:
            return None
        if "추천" in c or (amount and not said.startswith("runs")):
            said = f"we recommend {said}"
        parts.append(f"{cond_en}, {said}" if cond_en else said)
    return "; ".join(parts) or None


# how the customer likes it to sit: roomier ("넉넉하게", "오버핏으로", "loose") or closer ("딱 맞게", "슬림하게", "fitted")
# (the customer's wish, never a product's name: "oversized cotton shirt" says nothing of how they like it; a wish
# denied, "너무 크게 입고 싶진 않아요", is none)
_ROOMIER = re.compile(r"넉넉|여유\s*있게|여유롭게|루즈하게|오버\s*핏?으로|크게\s*입|품\s*있게|"
                      r"\b(?:a\s+)?(?:loose|roomy|baggy|relaxed)(?:r)?\s+fit\b|\bsize\s+up\b|\bwear\s+it\s+loose\b", re.I)
_CLOSER = re.compile(r"딱\s*맞게|슬림하게|타이트하게|붙게|작게\s*입|\b(?:a\s+)?(?:fitted|snug|tight|slim)(?:ter|mer)?\s+fit\b|"
                     r"\bsize\s+down\b", re.I)
_WISH_DENIED = re.compile(r"\S{0,8}\s*(?:싶진|싶지는|싶지)\s*않|\S{0,6}\s*(?:싫|말고|아니)|\s*(?:is|are)?\s*not\b", re.I)


def _wished(pattern: re.Pattern[str], text: str) -> bool:
    """The fit the customer wishes for, not one they rule out ("크게 입고 싶진 않아요")."""
    return any(not _WISH_DENIED.match(text, m.end()) for m in pattern.finditer(text))


def _by_model(product: Any, turn: str, note: str, en: bool, earlier: str = "") -> tuple[str, str] | None:
    """A size from the model's wearing note (the shop's own basis for size advice) against the customer's height
    and weight: the model's size for a like build, one size down or up for a smaller or bigger one (two when both
    differ a lot), one more up or down for a roomier or closer fit asked for. The body may be the one the customer
    gave in an earlier message (`earlier`: "좀 넉넉하게 입고싶으면요?" after "키 175 몸무게 68인데 …"). None without both
    numbers, a model note, or letter sizes in order."""
    model = _MODEL.search(note or "")
    if not (_HEIGHT.search(turn + " ") or _WEIGHT.search(turn) or BODY_PAIR.search(turn)) and earlier:
        turn = f"{earlier} {turn}"
    h, w = _HEIGHT.search(turn + " "), _WEIGHT.search(turn)
    pair = BODY_PAIR.search(turn)
    height = int(h.group(1)) if h else int(pair.group(1)) if pair else None
    weight = int(w.group(1) or w.group(2)) if w else int(pair.group(2)) if pair else None
    if not (model and height and weight) or model.group(3) not in product.sizes:
        return None
    dh, dw = height - int(model.group(1)), weight - int(model.group(2))
    steps = 0  # shorter but heavier (or taller but lighter) is a like build: the two pull opposite ways
    # (a much heavier or lighter build decides though the height is a little the other way: 178cm 85kg against 181cm 70kg)
    if (dh <= -4 and dw <= 0) or (dw <= -5 and dh <= 0) or (dw <= -10 and dh < 4):
        steps = -2 if dh <= -10 and dw <= -12 else -1
    elif (dh >= 4 and dw >= 0) or (dw >= 5 and dh >= 0) or (dw >= 10 and dh > -4):
        steps = 2 if dh >= 10 and dw >= 12 else 1
    # shorter but much heavier (or taller but much lighter): the weight decides the width a garment is cut to, and the
    # build is said as it is, never "like the model's" (175cm 80kg against 181cm 70kg)
    mixed = steps == 0 and abs(dw) >= 8 and abs(dh) < 10 and (dh < 0 < dw or dw < 0 < dh)
    if mixed:
        steps = 1 if dw > 0 else -1
    sizes = list(product.sizes)
    build = sizes[max(0, min(len(sizes) - 1, sizes.index(model.group(3)) + steps))]
    prefer = 1 if _wished(_ROOMIER, turn) else -1 if _wished(_CLOSER, turn) else 0
    pick = sizes[max(0, min(len(sizes) - 1, sizes.index(build) + prefer))]
    basis = f"모델 {model.group(1)}cm {model.group(2)}kg, {model.group(3)} 착용"
    how = {0: ("비슷한 체형이라", "a build like the model's"), -1: ("모델보다 체구가 작으셔서", "a smaller build than the model"),
           -2: ("모델보다 체구가 많이 작으셔서", "a much smaller build"), 1: ("모델보다 체구가 크셔서", "a bigger build than the model"),
           2: ("모델보다 체구가 많이 크셔서", "a much bigger build")}[steps]
    if mixed:
        how = ("모델보다 키는 작지만 체중이 더 나가셔서", "a shorter but heavier build than the model") if dw > 0 else \
            ("모델보다 키는 크지만 체중이 덜 나가셔서", "a taller but lighter build than the model")
    if pick != build:  # the size for the build, then the one for the fit asked for
        roomy = prefer > 0
        if en:
            return (f"With {how[1]} (model: {model.group(1)}cm, {model.group(2)}kg, wears {model.group(3)}), {build} fits your "
                    f"build; for a {'roomier' if roomy else 'closer'} fit, we recommend {pick}.", pick)
        return (f"{basis} 기준으로, {how[0]} 체형에는 {build} 사이즈가 맞고, {'넉넉하게' if roomy else '딱 맞게'} 입으시려면 "
                f"{pick} 사이즈를 추천드려요.", pick)
    if en:
        return f"With {how[1]} (model: {model.group(1)}cm, {model.group(2)}kg, wears {model.group(3)}), we recommend {pick}.", pick
    return f"{basis} 기준으로, {how[0]} {pick} 사이즈를 추천드려요.", pick


# "평소 운동화 265 신는데": what the customer usually wears, named before their usual size (not a product asked about)
USUAL_WEAR = re.compile(r"(?:평소|보통|원래)(?:에는|엔|에)?\s*(?:[가-힣A-Za-z]+\s*){0,3}?(?:\d{3}\s*(?:mm|미리)?\s*(?:을|를)?\s*신|"
                        r"(?:\d{2,3}|XXL|XL|XS|S|M|L|FREE)\s*(?:사이즈)?\s*(?:을|를)?\s*입(?:는|어|고|음|거든))"  # "평소 셔츠 L 입어요"
                        r"|\b(?:usually|normally|always|typically)\s+(?:wear|take|am|buy)\s+(?:an?\s+|size\s+)?"
                        r"(?:\d{2,3}|XXL|XL|XS|S|M|L)\b", re.I)  # "I usually wear 280 in sneakers"


def _against_the_pick(sizes: list[str], pick: str, asked: list[str], en: bool) -> str:
    """The sizes the customer weighs ("M이면 딱 맞나요 아니면 S?") against the one the model's note points to: the
    nearer of them, or how far the one named is from it, in the product's own size order."""
    at = sizes.index(pick)
    if len(asked) >= 2:
        nearest = min(asked, key=lambda x: (abs(sizes.index(x) - at), -sizes.index(x)))
        listed = ", ".join(asked)
        return f"Of {listed}, {nearest} is nearer to that." if en else \
            f"말씀하신 {listed} 중에서는 {nearest}{josa(nearest, '이', '가')} 더 가까워요."
    one = asked[0]
    gap = sizes.index(one) - at
    if en:
        return f"{one} is {abs(gap)} size{'s' if abs(gap) > 1 else ''} {'larger' if gap > 0 else 'smaller'} than that."
    return f"말씀하신 {one}{josa(one, '은', '는')} 추천 사이즈보다 {'한' if abs(gap) == 1 else '두' if abs(gap) == 2 else abs(gap)} " \
           f"치수 {'커요' if gap > 0 else '작아요'}."


def sizes_named(product: Any, turn: str) -> list[str]:
    """The product's sizes the turn names as words ("M이랑 L 중에" -> ["M", "L"])."""
    tokens = {t for t in re.findall(r"[A-Za-z']+|\d+", turn.upper()) if "'" not in t}  # "I'm" names no size M
    return [s for s in product.sizes if s.upper() in tokens]


def _steps(product: Any) -> int | None:
    numeric = [int(s) for s in product.sizes if s.isdigit()]
    diffs = sorted({b - a for a, b in zip(numeric, numeric[1:]) if b > a})
    return diffs[0] if diffs else None


def note_rules(note: str, step: int) -> list[tuple[int, str | None]]:
    """The fitting note as (shift in size units, condition or None): "평소보다 5mm 작게 추천" -> [(-5, None)]."""
    rules: list[tuple[int, str | None]] = []
    for clause in [c.strip() for c in re.split(r"[,.]", note or "") if c.strip()]:
        cond = None
        m = re.match(r"(.+?(?:다면|라면))\s*(.*)$", clause)
        if m:
            cond, clause = m.group(1).strip(), m.group(2)
        c = compact(clause)
        mm = re.search(r"(\d+)mm", c)
        amount = int(mm.group(1)) if mm else step if "반" in c else step * 2 if "한사이즈" in c or "한치수" in c else 0
        if "정사이즈" in c and not amount:
            rules.append((0, cond))
        elif "크게나왔" in c or "크게나옴" in c or "작게나왔" in c:
            continue  # a description; the recommending clause says what to do
        elif amount and any(w in c for w in _DOWN):
            rules.append((-amount, cond))
        elif amount and any(w in c for w in _UP):
            rules.append((amount, cond))
    return rules


def _condition_said(cond: str, said: str) -> bool:
    """Whether the customer's turn (spaces removed) states a fitting-note condition ("발볼이 넓다면"): its noun and
    its predicate's stem ("발볼이 넓어요", "발볼 넓은 편")."""
    m = re.match(r"([가-힣]+?)(?:이|가|은|는)?\s*([가-힣]+?)(?:다면|라면)$", cond.strip())
    if not m:
        return False
    noun, stem = m.group(1), m.group(2)[:1]
    found = re.search(re.escape(noun) + r"(?:이|가|은|는|도)?[가-힣]{0,3}?" + re.escape(stem), said)
    # "발볼이 넓지 않아요", "발볼 넓은 편 아니에요": the condition denied
    return bool(found) and not re.match(r"[가-힣]{0,4}?(지않|지도않|진않|지는않|편아니|것아니|거아니|게아니)", said[found.end():])


# a waist given around the body ("허리 32인치", "허리둘레 80", "허리 82cm"): the chart's 허리단면 is its half
_ROUND = r"\s*(둘레)?\s*(?:이|가|은|는)?\s*(\d{2,3}(?:\.\d)?)\s*(인치|inch(?:es)?|in\b|cm|센치|센티)?"
ROUND_GIVEN = re.compile(_ROUND, re.I)


def _half_of_round(label: str, turn: str, rows: Sequence[tuple[str, float]], sizes: Sequence[str] = ()) -> float | None:
    """The half-width a chart's flat waist ("허리단면") stands for when the customer gives their waist around the body:
    in inches (× 2.54 cm), said to be a round ("둘레"), or in cm too large for a flat half; else None."""
    if not label.endswith("단면") or not label.startswith("허리") or not rows:
        return None  # a waist is worn close, its round is twice the flat half; a chest has ease no rule here knows
    m = re.search(re.escape(label[:-2]) + _ROUND, turn, re.I)
    if not m:
        return None
    value, unit = float(m.group(2)), (m.group(3) or "").lower()
    if unit in ("인치", "inch", "inches", "in") or not unit and not m.group(1) and f"{value:g}" in sizes:
        # (a bare waist that is one of the product's own inch sizes, "허리 32면", is said in inches)
        return value * 2.54 / 2
    if m.group(1) or unit and value > 1.5 * max(v for _, v in rows):
        return value / 2
    return None


def stated_measure(product: Any, turn: str) -> tuple[str, float, list[tuple[str, float]]] | None:
    """A measure the customer gives by a label of the product's chart, or by its first word ("어깨 48" for 어깨너비, when
    the number is of the chart's scale): (label, their value in the chart's terms, (size, value) of each row)."""
    chart = getattr(product, "size_chart", None) or {}
    labels = {label for row in chart.values() for label in row}
    for label in sorted(labels, key=len, reverse=True):
        rows = [(size, float(row[label])) for size, row in chart.items() if label in row]
        m = re.search(re.escape(label) + r"\s*(?:이|가|은|는)?\s*(\d{2,3}(?:\.\d)?)\s*(?:cm|센치|센티)?", turn)
        value = float(m.group(1)) if m else _half_of_round(label, turn, rows, list(chart))
        if value is None and len(label) > 2 and not label.endswith("단면"):
            # (the label's first word, "어깨 48인데": a number of the chart's own scale only; never of a flat half, "허리
            # 31", which a body is measured around, in inches or cm)
            short = re.search(r"(?<![가-힣])" + re.escape(label[:2]) + r"\s*(?:이|가|은|는)?\s*(\d{2,3}(?:\.\d)?)\s*(?:cm|센치|센티)?"
                              r"(?![\d.])", turn)
            low, high = min(v for _, v in rows), max(v for _, v in rows)
            if short and 0.85 * low <= float(short.group(1)) <= 1.15 * high:
                value = float(short.group(1))
        if value is not None:
            return label, value, rows
    return None


def _by_chart(product: Any, turn: str) -> tuple[str, str, float] | None:
    """The size whose chart value is nearest at or above a measure the customer gives by the chart's own label or its
    first word (`stated_measure`: "평소 허리단면 40cm 바지 입어요" -> 32, 허리단면 40.5cm); None when no label of the chart
    is given a number."""
    found = stated_measure(product, turn)
    if found is None:
        return None
    label, value, rows = found
    above = [r for r in rows if r[1] >= value - 0.5]
    size, have = min(above, key=lambda r: r[1]) if above else max(rows, key=lambda r: r[1])
    return size, label, have


def advise(product: Any, turn: str, chart_fact: Any, policy_text: str | None, lang: str = "ko",
           earlier: str = "") -> list[str]:
    """Sentences of grounded size advice for one product (chart_fact(sizes) -> chart text or None); `earlier`: the
    customer's earlier message, whose height and weight count when this one gives none."""
    out: list[str] = []
    en = lang == "en"
    note = (product.fitting_note or "").strip().rstrip(".")
    step = _steps(product)
    usual = None
    if step and step <= 10:  # shoe-like sizes (mm): read the usual size the customer names
        m = USUAL_SIZE.search(turn)
        said = next((g for g in m.groups() if g), None) if m else None
        if said in product.sizes:
            usual = said
        elif said and all(x.isdigit() for x in product.sizes) and product.sizes \
                and not min(int(x) for x in product.sizes) <= int(said) <= max(int(x) for x in product.sizes):
            # "발 245인데 신을 수 있을까요?" of shoes made from 250: no size of theirs, said with the range it comes in
            low, high = min(product.sizes, key=int), max(product.sizes, key=int)
            return [f"{product.name} comes in {low}-{high}, so there is no {said}." if en
                    else f"{product.name}{josa(product.name, '은', '는')} {low}~{high} 사이즈만 있어서 {said}{josa(said, '은', '는')} 없어요."]
    if usual is not None and note:
        rules = note_rules(note, step)
        base = [shift for shift, cond in rules if cond is None]
        conditional = [(shift, cond) for shift, cond in rules if cond is not None]
        if base or conditional:
            out.append(f"{product.name} fitting note: {english_note(note)}." if en else f"{product.name} 착용 안내: {note}.")
            main = str(int(usual) + base[0]) if base else usual
            said = compact(turn)
            # the customer says the condition applies to them ("발등이 좀 높아요" against "발등이 높다면 반 사이즈 업"):
            # that rule decides the size, it is not an aside
            theirs = next(((shift, cond) for shift, cond in conditional
                           if _condition_said(cond, said) or en and _english_condition_said(cond, turn)), None)
            if theirs is not None and str(int(main) + theirs[0]) in product.sizes:
                alt = str(int(main) + theirs[0])
                since = (_english_condition(theirs[1]) or "").removeprefix("if ")
                out.append(f"Since {since}, we recommend {alt} (you usually wear {usual})." if en
                           else f"평소 {usual} 신으시고 말씀하신 경우에 해당하셔서 {alt} 사이즈를 추천드려요.")
                return out
            if main in product.sizes:
                out.append(f"If you usually wear {usual}, we recommend {main}." if en
                           else f"평소 {usual} 신으시면 {main} 사이즈를 추천드려요.")
            for shift, cond in conditional:
                alt = str(int(main) + shift)
                if alt in product.sizes and alt != main:
                    out.append(f"{(_english_condition(cond) or f'({cond})').capitalize()}, {alt} may be more comfortable."
                               if en else f"{cond} {alt} 사이즈가 편하실 거예요.")
            return out
    usual_fit = _usual_letter_size_by_fit(product, turn, en)
    if usual_fit:
        out.append(usual_fit)  # "한치수 크게 사야되나요? 평소 L": the cut against the size they usually wear
    by_chart = _by_chart(product, turn)
    if by_chart is not None:  # "허리단면 40cm 입어요": the size whose own measure is nearest at or above it
        size, label, have = by_chart
        shown = f"{have:g}"
        out.append(f"For the measurement you give, {size} is the nearest ({label} {shown}cm)." if en
                   else f"말씀하신 치수에는 {size} 사이즈({label} {shown}cm)가 가장 가까워요.")
    by_model = _by_model(product, turn, note, en, earlier) if by_chart is None else None
    if by_model:
        out.append(by_model[0])  # "키 180 몸무게 72인데 몇 사이즈?": against the model's height, weight and size worn
    asked = sizes_named(product, turn)
    if by_model and asked and by_model[1] not in asked:
        out.append(_against_the_pick(list(product.sizes), by_model[1], asked, en))
    named = asked + ([by_model[1]] if by_model and by_model[1] not in asked else []) if asked else \
        ([by_model[1]] if by_model else [by_chart[0]] if by_chart else [])
    if not named and step and step > 1:  # "허리 31": the product sizes on either side of it
        m = WAIST_GIVEN.search(turn)
        if m:
            w = int(m.group(1))
            numeric = sorted(int(s) for s in product.sizes if s.isdigit())
            exact = [str(x) for x in numeric if x == w]
            around = exact or [str(x) for x in numeric if abs(x - w) < step][:2]
            named = around
            if exact:
                out.append(f"Waist {exact[0]} is available." if en else f"허리 {exact[0]} 사이즈가 있어요.")
            elif len(around) == 2:
                out.append(f"Your waist is between sizes {around[0]} and {around[1]}." if en
                           else f"말씀하신 허리는 {around[0]}{josa(around[0], '과', '와')} {around[1]} 사이즈 사이예요.")
    fit = (getattr(product, "fit", "") or "").strip()
    if fit and fit.upper() != "FREE" and not usual_fit:  # "슬림핏이라던데 XL 가야돼요?": the cut is half the answer
        out.append(f"Fit: {english_value(fit)}." if en else f"{product.name}{josa(product.name, '은', '는')} {fit}{josa(fit, '이에요', '예요')}.")
    chart = chart_fact(named or list(product.sizes)[:4])
    if chart:
        out.append(f"Measurements: {english_value(chart, alone=True)}." if en else f"실측 사이즈는 {chart}입니다.")
    if note and not (by_model and _MODEL.fullmatch(note.strip())):  # the model note was the basis just said
        out.append(f"Note: {english_note(note)}." if en else f"참고로 {note}.")
    if policy_text:
        out.append(policy_text)
    return out


# the letter size a customer says they usually wear ("평소 L", "보통 XL 입어요", "원래 M이에요")
_USUAL_LETTER = re.compile(r"(?:평소|보통|원래)(?:에는|엔|에)?\s*(?:[가-힣]+\s+)?(XXL|XL|XS|S|M|L)(?![A-Za-z])")
# how a cut sits against the usual size, read from the shop's own fit name
_SNUG, _ROOMY, _TRUE = ("슬림",), ("오버", "와이드", "루즈", "박시"), ("레귤러", "스트레이트", "정사이즈", "세미")


def _usual_letter_size_by_fit(product: Any, turn: str, en: bool) -> str | None:
    """"터틀넥 한치수 크게 사야되나요? 평소 L": the usual letter size the customer names, read against the product's
    own cut: a slim cut one size up to consider (the next size it is sold in), a roomy cut the usual size as roomy, a
    regular cut the usual size; None when no usual size is named, or the cut is none of these."""
    m = _USUAL_LETTER.search(turn or "")
    sizes = list(product.sizes)
    fit = (getattr(product, "fit", "") or "").strip()
    if m is None or m.group(1) not in sizes or not fit:
        return None
    usual = m.group(1)
    if any(w in fit for w in _SNUG):
        up = sizes[sizes.index(usual) + 1] if sizes.index(usual) + 1 < len(sizes) else None
        if up is None:
            return None
        return (f"It's a {english_value(fit)} cut, so if you usually wear {usual}, consider {up} for a roomier fit." if en
                else f"{fit}이라, 평소 {usual}{josa(usual, '을', '를')} 입으시는데 여유 있게 입고 싶으시면 한 치수 큰 {up}도 "
                     "고려해 보세요.")
    if any(w in fit for w in _ROOMY):
        return (f"It's an {english_value(fit)} cut, so your usual {usual} already fits roomy." if en
                else f"{fit}이라 평소 입으시는 {usual} 그대로 입으셔도 넉넉한 편이에요.")
    if any(w in fit for w in _TRUE):
        return (f"It's a {english_value(fit)} cut, so we recommend your usual {usual}." if en
                else f"{fit}이라 평소 입으시는 {usual} 사이즈를 추천드려요.")
    return None


def sizes_for(knowledge: Any, turn: str) -> Sequence[Any]:
    """Products sold in a size the turn names as a usual size ("평소 270 신는데") — for an ask-back list."""
    m = USUAL_SIZE.search(turn)
    said = next((g for g in m.groups() if g), None) if m else None
    if not said:
        return []
    try:
        return knowledge.filter_products(size=said, limit=5)
    except (TypeError, ValueError):
        return []
