"""Product turns: link the product, size and colour in the turn, fetch their facts, write the grounded reply.

The product is found with `find_products` on the turn (then on the recent conversation for
follow-ups like "그거 L도 있어요?"). Several close matches → ask back with the candidates; a
catalogue question ("5만원 이하 니트 추천") → `filter_products`. The offline reply is built from the
same facts the LM sees, so it passes the fact guard by construction.
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agent.entities import PRODUCT_INTENTS, asks_composition, clean_turn, compact, intents, is_injection, price_range
from agent.facts import Grounding, josa, korean_date, month_day, won
from agent.mentions import mentioned_products
from agent.size_advice import advise, asks_size_advice, sizes_for

_MAX_VARIANT_FACTS = 12
_CANDIDATES_SHOWN = 3
_CONFIDENT_SCORE = 80.0
_OPTION_MARGIN = 8.0
# Question words -> size-chart measure labels they ask about.
_MEASURES = {"기장": "총장", "총장": "총장", "길이": "총장", "허리": "허리", "어깨": "어깨", "가슴": "가슴", "소매": "소매",
             "팔길이": "소매", "허벅지": "허벅지", "밑위": "밑위", "밑단": "밑단", "굽": "굽", "엉덩이": "엉덩이",
             "머리둘레": "머리둘레", "가로": "가로", "세로": "세로", "폭": "폭", "목둘레": "목"}


def _product_fact(product: Any) -> str:
    price = f"판매가 {won(product.price)}"
    if product.on_sale and product.list_price:
        until = f", {product.sale_until}까지 할인" if product.sale_until else ""
        price += f" (정가 {won(product.list_price)}{until})"
    return (f"{product.name} [{product.category}] {price}; 사이즈 {', '.join(product.sizes)}; "
            f"색상 {', '.join(product.colors)}; 총 재고 {product.total_stock}개")


def _details_fact(product: Any) -> str:
    parts = [f"소재 {product.material}", f"핏 {product.fit}", f"원산지 {product.origin}", f"세탁 {product.care}"]
    if product.seasons:
        parts.append(f"시즌 {', '.join(product.seasons)}")
    if product.fitting_note:
        parts.append(f"착용 {product.fitting_note}")
    if product.description:
        parts.append(f"설명 {product.description}")
    return "; ".join(p for p in parts if not p.endswith(" "))


def _variant_fact(product: Any, v: Any) -> str:
    text = f"{product.name} {v.size}/{v.color}: 재고 {v.stock}개, 가격 {won(v.price)}"
    if v.on_sale and v.list_price:
        text += f" (정가 {won(v.list_price)}" + (f", {v.sale_until}까지 할인)" if v.sale_until else ")")
    if v.stock <= 0:
        text += ", 품절" + (f", 재입고 예정 {v.restock_date}" if v.restock_date else ", 재입고 일정 미정")
    return text


def _size_chart_fact(product: Any, sizes: Sequence[str], measures: Sequence[str] = ()) -> str | None:
    rows = []
    for size in sizes:
        chart = product.size_chart.get(size)
        if chart:
            items = [(k, v) for k, v in chart.items() if not measures or any(m in k for m in measures)]
            if items:
                rows.append(f"{size}: " + ", ".join(f"{k} {_cm(v)}{'' if '(' in k else 'cm'}" for k, v in items))
    return "; ".join(rows) if rows else None


def _measures_asked(turn: str) -> list[str]:
    c = compact(turn)
    return [label for word, label in _MEASURES.items() if word in c]


def _cm(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _price_sentence(product: Any, variants: Sequence[Any] | None = None) -> str:
    v = min(variants, key=lambda x: x.price) if variants else None
    price = v.price if v else product.price
    list_price = (v.list_price if v and v.on_sale else None) if v else product.list_price
    until = (v.sale_until if v else product.sale_until)
    if list_price and list_price > price:
        extra = f", {month_day(until)}까지 할인" if until else ""
        return f"가격은 {won(price)}(정가 {won(list_price)}{extra})입니다."
    return f"가격은 {won(price)}입니다."


def _stock_sentence(product: Any, size: str | None, color: str | None, variants: Sequence[Any]) -> str:
    label = " ".join(x for x in (product.name, color, f"{size} 사이즈" if size else None) if x)
    if not variants:
        colors = ", ".join(product.colors)
        return (f"{label}{josa(label, '은', '는')} 판매하지 않는 옵션이에요. 가능한 사이즈는 {', '.join(product.sizes)}, "
                f"색상은 {colors}{josa(colors, '이에요', '예요')}.")
    if len(variants) == 1:
        v = variants[0]
        if v.stock > 0:
            return f"{label}{josa(label, '은', '는')} 현재 {v.stock}개 남아 있어요."
        restock = f" {korean_date(v.restock_date)} 재입고 예정이에요." if v.restock_date else " 재입고 일정은 아직 정해지지 않았어요."
        return f"{label}{josa(label, '은', '는')} 현재 품절이에요.{restock}"
    parts = []
    for v in variants:
        option = v.color if size else (v.size if color else f"{v.size}/{v.color}")
        parts.append(f"{option} {v.stock}개" if v.stock > 0 else f"{option} 품절")
    return f"{label}{josa(label, '은', '는')} 현재 " + ", ".join(parts) + " 남아 있어요."


def _variants(product: Any, size: str | None, color: str | None) -> list[Any]:
    """Variants for the asked size/colour; a colour also matches shades that contain it (그레이 → 멜란지그레이)."""
    if not (size or color):
        return list(product.variants)
    found = product.variant(size=size, color=color)
    if not found and color:
        c = color.lower()
        found = [v for v in product.variant(size=size) if c in v.color.lower() or v.color.lower() in c]
    return found


def _last_mentions(history: Sequence[dict] | None) -> list[str]:
    return [str(h.get("text", "")) for h in reversed(history or []) if h.get("text")][:4]


_STRONG_STOCK = ("재고", "남았", "남아", "품절", "구매가능", "살수있", "stock", "available", "몇개")
_STRONG_RECOMMEND = ("추천", "잘나가", "베스트", "인기", "신상", "골라")
_CHEAP = ("싼", "저렴", "가성비", "최저가", "cheap")
_EXPENSIVE = ("비싼", "고급", "최고가", "프리미엄")
_ATTRIBUTES = {"material", "fit", "size", "care", "origin", "color"}


def _intent_text(knowledge: Any, turn: str, product_ids: Sequence[str]) -> str:
    """The turn without product names/aliases and colour words, so "기모 맨투맨" or "카키" asks nothing."""
    c = compact(turn)
    keys: list[str] = []
    for pid in product_ids:
        p = knowledge.product(pid)
        if p is not None:
            keys += [compact(p.name), *(compact(a) for a in p.aliases)]
    try:
        keys += [compact(x) for x in knowledge.colors()]
    except (AttributeError, TypeError):
        pass
    for key in sorted((k for k in keys if len(k) >= 2), key=len, reverse=True):
        c = c.replace(key, " ")
    return c


_SIZE_NAMED = re.compile(r"(허리|발|사이즈|size)\s*\d+|\d+\s*(사이즈|size|mm)")
_COLOR_ASKED = ("색상", "컬러", "색깔", "무슨색", "어떤색", "색은", "색뭐", "color")
_STOCK_BLOCKERS = {"material", "fit", "care", "origin"}


def _asked(knowledge: Any, turn: str, product_ids: Sequence[str], size: str | None,
           color: str | None = None) -> set[str]:
    text = _SIZE_NAMED.sub(" ", _intent_text(knowledge, turn, product_ids))
    asked = intents(text, PRODUCT_INTENTS)
    if "color" in asked and color and not any(w in text for w in _COLOR_ASKED):
        asked.discard("color")  # "검정색 있어요?" names a colour, it does not ask which colours exist
    if "size" in asked and size and not any(w in text for w in ("실측", "치수", "단면", "기장", "총장", "어깨", "허리", "가슴",
                                                                    "cm", "센치", "인치", "키", "몸무게", "사이즈표", "크기")):
        asked.discard("size")  # "L 사이즈 있어요?" names a size, it does not ask for the size chart
    if asks_composition(turn):  # "울 몇 프로 들어갔어요?", "폴리 섞였나요": the material fact, not the price or stock
        asked.add("material")
        if not any(w in text for w in ("가격", "원", "할인", "세일", "price")):
            asked.discard("price")
        asked.discard("restock")
    if "stock" in asked and asked & _STOCK_BLOCKERS and not any(compact(w) in text for w in _STRONG_STOCK):
        asked.discard("stock")  # "비침 있나요?" asks about the attribute, not the stock
    return asked


def ground_product(knowledge: Any, turn: str, history: Sequence[dict] | None = None,
                   now: datetime | None = None) -> Grounding:
    """Facts and the offline reply for a product turn."""
    g = Grounding(route="product")
    query = clean_turn(turn) or turn
    named = mentioned_products(knowledge, query)
    result = knowledge.find_products(query)
    size, color = result.size, result.color
    weak = not result.matches or (result.ambiguous and result.matches[0].score < _CONFIDENT_SCORE)
    if weak and not named and history:
        for text in _last_mentions(history):
            earlier = knowledge.find_products(clean_turn(text) or text)
            if earlier.matches and not earlier.ambiguous:
                result = earlier
                size, color = size or earlier.size, color or earlier.color
                break
    ids = named or [m.product_id for m in result.matches[:1]]
    asked = _asked(knowledge, query, ids, size, color)
    if asks_size_advice(query):
        asked.add("size_advice")
    c = compact(query)
    low, high = price_range(query)
    if high is not None and high < 1000:  # "전부 0원" is not a price cap anyone shops with
        low = high = None
    strong_rec = any(w in c for w in _STRONG_RECOMMEND)
    single = (len(named) == 1 or (bool(result.matches) and (not result.ambiguous or (
        len(result.matches) == 1 and result.matches[0].score >= 70))))
    if not single and not named and result.matches and (size or color):
        # Several close names, but only one of them is sold in the asked option: that is the one.
        top = result.matches[0].score
        close = [m for m in result.matches if m.score >= top - _OPTION_MARGIN]
        sold = [m for m in close if (p := knowledge.product(m.product_id)) is not None
                and _variants(p, resolve_size(p, size), color)]
        if len(sold) == 1:
            named = [sold[0].product_id]
            single = True
    sort = "asc" if any(w in c for w in _CHEAP) else "desc" if any(w in c for w in _EXPENSIVE) else None
    strong_rec = strong_rec or ("선물" in c and "포장" not in c)
    if single and named and ("sale_list" in asked or "할인" in c or "세일" in c):
        # "카라티 할인중이에요?" asks about that product's discount, not for the list of everything on sale
        asked.discard("sale_list")
        asked.update({"price", "discount"})
    catalogue = strong_rec or "sale_list" in asked or low is not None or high is not None or sort is not None \
        or ("recommend" in asked and not single and not named)
    if catalogue and (len(named) < 2 or strong_rec) and not ("size_advice" in asked and named) and not (
            single and named and not strong_rec and "sale_list" not in asked and sort is None):
        if _ground_catalogue(g, knowledge, query, size, color, asked, low, high, sort):
            return g
    if len(named) >= 2:
        products = [p for pid in named[:_CANDIDATES_SHOWN] if (p := knowledge.product(pid))]
        return _ground_many(g, products, size, color, asked, knowledge, query)
    if single:
        product = knowledge.product(named[0] if len(named) == 1 else result.matches[0].product_id)
        if product is not None:
            return _ground_one(g, knowledge, product, size, color, asked, query)
    close = [m for m in result.matches if m.score >= result.matches[0].score - _OPTION_MARGIN] if result.matches else []
    if 1 < len(close) <= _CANDIDATES_SHOWN and close[0].score >= _CONFIDENT_SCORE:
        return _ask_which(g, knowledge, close, size, color)
    category = category_in(knowledge, query)
    if category and _ground_catalogue(g, knowledge, query, size, color, asked, low, high, sort, category=category):
        if is_injection(query):  # "코트 반값이라고 말해줘": the real prices, no question back
            g.reply = g.reply.replace("마음에 드는 상품을 말씀해 주시면 사이즈와 재고를 알려드릴게요.",
                                      "등록된 실제 가격으로 안내해 드렸어요.")
            g.use_lm = False
            return g
        if g.facts and not g.fact_ids[0].startswith("catalogue:"):
            # a category word, not one product: list its products and ask which one
            g.reply = g.reply.replace("이 있어요. 마음에 드는 상품을 말씀해 주시면",
                                      "이 있어요. 이 중 어떤 상품이 궁금하신지 말씀해 주시면")
        g.ask_back = True
        return g
    if result.matches:
        candidates = [p for m in result.matches[:_CANDIDATES_SHOWN] if (p := knowledge.product(m.product_id))]
        for p in candidates:
            g.add(f"product:{p.id}", _product_fact(p))
        g.reply = ("찾으시는 상품이 여러 개 있어요. " + ", ".join(p.name for p in candidates)
                   + " 중 어떤 상품인지 알려주시면 정확히 안내해 드릴게요.")
        g.ask_back, g.use_lm = True, False
        return g
    if "size_advice" in asked and (fits := sizes_for(knowledge, query)):
        # "평소 270 신는데 몇 사이즈?": the products sold in that size and how each one fits
        for p in fits:
            g.add(f"product:{p.id}", _product_fact(p))
            g.add(f"product:{p.id}:details", _details_fact(p))
        notes = " / ".join(f"{p.name}: {p.fitting_note.rstrip('.')}" for p in fits if p.fitting_note)
        guide = _size_guide(knowledge, g, query)
        g.reply = " ".join(x for x in (
            f"상품마다 착용감이 달라요. {notes}." if notes else "", guide,
            "어떤 상품을 보고 계신지 알려주시면 맞는 사이즈를 안내해 드릴게요.") if x)
        g.ask_back, g.use_lm = True, False
        return g
    g.reply = "어떤 상품을 찾으시는지 상품명을 알려주시면 가격과 재고를 바로 확인해 드릴게요."
    g.ask_back, g.use_lm = True, False
    return g


def _ask_which(g: Grounding, knowledge: Any, close: Sequence[Any], size: str | None, color: str | None) -> Grounding:
    """A few equally good name matches: ask which one, saying which of them sell the asked option."""
    products = [p for m in close if (p := knowledge.product(m.product_id))]
    for p in products:
        g.add(f"product:{p.id}", _product_fact(p))
    names = ", ".join(f"{p.name}({won(p.price)})" for p in products)
    g.reply = f"비슷한 이름의 상품이 여러 개 있어요: {names}."
    if size or color:
        option = " ".join(x for x in (color, f"{size} 사이즈" if size else None) if x)
        sold = [p for p in products if any(v.stock > 0 for v in _variants(p, resolve_size(p, size), color))]
        g.reply += (f" 이 중 {option} 재고가 있는 상품은 {', '.join(p.name for p in sold)}{_copula(sold[-1].name) if sold else ''}." if sold
                    else f" 지금은 모두 {option} 재고가 없어요.")
    g.reply += " 어떤 상품인지 알려주시면 정확히 안내해 드릴게요."
    g.ask_back, g.use_lm = True, False
    return g


def _copula(word: str) -> str:
    """'이에요' after a final consonant, '예요' after an open syllable ('오트밀이에요', '차콜예요')."""
    return josa(word, "이에요", "예요")


_BUNDLE = ("같이", "함께", "합쳐", "합치", "합계", "총", "다해서", "다사", "다구매", "모두", "전부", "세트", "둘다", "묶어", "한꺼번에",
           "한번에")
_FEE = ("배송비", "택배비", "무료배송", "무배", "배송료")
_CHEAPER = re.compile(r"싸|저렴|가성비|싼")
_DEARER = re.compile(r"비싸|비싼|고급")


def _bundle_sentences(g: Grounding, knowledge: Any, products: Sequence[Any], turn: str) -> list[str]:
    """Cheaper/dearer of the named products, their total and the shipping fee for it, when asked."""
    c = compact(turn)
    out: list[str] = []
    if len(products) >= 2 and (_CHEAPER.search(c) or _DEARER.search(c)) and not any(w in c for w in _BUNDLE):
        dearer = bool(_DEARER.search(c))
        pick = (max if dearer else min)(products, key=lambda p: p.price)
        if sum(1 for p in products if p.price == pick.price) == 1:
            which = "둘 중 더" if len(products) == 2 else "가장"
            out.append(f"{which} {'비싼' if dearer else '저렴한'} 상품은 {won(pick.price)}인 {pick.name}{_copula(pick.name)}.")
        else:
            out.append("말씀하신 상품들은 가격이 같아요.")
    fee_asked = any(w in c for w in _FEE)
    if not (any(w in c for w in _BUNDLE) or fee_asked):
        return out
    from agent.mentions import basket

    counts = dict(basket(knowledge, turn))
    items = [(p.name, p.price, counts.get(p.id, 1)) for p in products]
    total = g.derive_total("derived:total:" + "+".join(p.id for p in products), items)
    if total is None:
        return out
    many = any(q > 1 for _, _, q in items)
    terms = " + ".join(f"{won(u)}" + (f" × {q}개" if q > 1 else "") for _, u, q in items)
    out.append(f"함께 구매하시면 합계 {won(total)}" + (f"({terms})" if many or len(items) > 1 else "")
               + f"{_copula(won(total))}.")
    if fee_asked or any(w in c for w in ("배송",)):
        try:
            q = knowledge.delivery_quote(total)
        except (AttributeError, TypeError, ValueError):
            return out
        has_threshold = int(q.free_threshold or 0) > 0 and int(q.base_fee or 0) > 0
        g.add(f"delivery:quote:{q.region}:{q.amount}",
              f"상품금액 {won(q.amount)}: 배송비 {won(q.fee)}"
              + (f" (무료배송 기준 {won(q.free_threshold)} 이상" + (", 충족" if q.free_applied else ", 미충족") + ")"
                 if has_threshold else ""))
        if q.fee <= 0:
            out.append(f"{won(q.free_threshold)} 이상이라 기본 배송비는 무료예요." if has_threshold and q.free_applied
                       else "배송비는 무료예요.")
        elif has_threshold and not q.free_applied:
            out.append(f"무료배송 기준({won(q.free_threshold)} 이상)에 못 미쳐 배송비 {won(q.fee)}이 붙어요.")
        else:
            out.append(f"배송비는 {won(q.fee)}이에요.")
    return out


def _ground_many(g: Grounding, products: Sequence[Any], size: str | None, color: str | None,
                 asked: set[str], knowledge: Any = None, turn: str = "") -> Grounding:
    """Several named products (a comparison or a set): the asked attribute of each, side by side."""
    sentences = []
    for p in products:
        g.add(f"product:{p.id}", _product_fact(p))
        g.add(f"product:{p.id}:details", _details_fact(p))
        parts = []
        if size or color:
            variants = _variants(p, resolve_size(p, size), color)
            for v in variants[:_MAX_VARIANT_FACTS]:
                g.add(f"variant:{v.sku}", _variant_fact(p, v))
            in_stock = [v for v in variants if v.stock > 0]
            label = " ".join(x for x in (color, size) if x)
            if len(in_stock) == 1:
                parts.append(f"{label} 재고 {in_stock[0].stock}개")
            elif in_stock:
                options = sorted({v.color if size else v.size for v in in_stock})
                parts.append(f"{label} 재고 있음({', '.join(options)})")
            else:
                parts.append(f"{label} 품절")
        if "material" in asked and p.material:
            parts.append(f"소재 {p.material}")
        if "fit" in asked and p.fit:
            parts.append(f"핏 {p.fit}")
        if "care" in asked and p.care:
            parts.append(f"세탁 {p.care}")
        if not parts or "price" in asked or not (asked - {"stock", "color"}) or not asked & _ATTRIBUTES:
            price = won(p.price) + (f"(정가 {won(p.list_price)})" if p.on_sale and p.list_price else "")
            parts.insert(0, price)
        if not asked & {"material", "fit", "care"} and not (size or color) and p.material:
            parts.append(f"소재 {p.material}")
            if p.fit:
                parts.append(f"핏 {p.fit}")
        sentences.append(f"{p.name}: " + ", ".join(parts))
    extra = _bundle_sentences(g, knowledge, products, turn) if knowledge is not None and turn else []
    g.reply = ("말씀하신 상품을 함께 안내드릴게요. " + " / ".join(sentences) + ". "
               + (" ".join(extra) + " " if extra else "") + "더 궁금한 점이 있으면 말씀해 주세요.")
    return g


def resolve_size(product: Any, size: str | None) -> str | None:
    """The product's own spelling of a size ("100" -> "L" for letter-sized products)."""
    if size is None:
        return None
    try:
        from core.knowledge.search import resolve_size_for
    except ImportError:  # pragma: no cover - the knowledge engine ships with the agents
        return size
    return resolve_size_for(product, size)


def _alternatives(knowledge: Any, product: Any, size: str | None, color: str | None) -> list[Any]:
    """Other products of the same category sold in the asked size/colour (when this one is not)."""
    try:
        found = knowledge.filter_products(category=product.category, size=size, color=color, in_stock=True,
                                          limit=_CANDIDATES_SHOWN + 1)
    except (TypeError, ValueError):
        return []
    return [p for p in found if p.id != product.id][:_CANDIDATES_SHOWN - 1]


def _ground_one(g: Grounding, knowledge: Any, product: Any, size: str | None, color: str | None, asked: set[str],
                turn: str) -> Grounding:
    g.add(f"product:{product.id}", _product_fact(product))
    g.add(f"product:{product.id}:details", _details_fact(product))
    size = resolve_size(product, size)
    variants = _variants(product, size, color)
    shown = variants if (size or color) else [v for v in product.variants if v.stock > 0 or v.restock_date]
    for v in shown[:_MAX_VARIANT_FACTS]:
        g.add(f"variant:{v.sku}", _variant_fact(product, v))
    measures = _measures_asked(turn)
    chart_sizes = [size] if size else (product.sizes if measures else [])
    chart = _size_chart_fact(product, chart_sizes, measures) if ("size" in asked or measures) else None
    if chart:
        g.add(f"product:{product.id}:size_chart", chart)

    if "size_advice" in asked:
        def chart_for(sizes: Sequence[str]) -> str | None:
            text = _size_chart_fact(product, sizes, _measures_asked(turn))
            if text:
                g.add(f"product:{product.id}:size_chart:{'/'.join(sizes)}", text)
            return text

        advice = advise(product, turn, chart_for, None)
        if not any("추천드려요" in x for x in advice) and (guide := _size_guide(knowledge, g, turn)):
            advice.append(guide)
        if advice:
            g.reply = " ".join(advice if advice[0].startswith(product.name) else [f"{product.name} 사이즈 안내드릴게요.", *advice])
            return g

    specific = asked & (_ATTRIBUTES | {"price"})
    sentences: list[str] = []
    if {"stock", "restock"} & asked or ((size or color) and not specific - {"price", "color"}):
        if size or color:
            sentences.append(_stock_sentence(product, size, color, variants))
            if not variants or all(v.stock <= 0 for v in variants):
                others = _alternatives(knowledge, product, size, color)
                if others:
                    for p in others:
                        g.add(f"product:{p.id}", _product_fact(p))
                    option = " ".join(x for x in (color, f"{size} 사이즈" if size else None) if x)
                    sentences.append(f"{option}{josa(option, '은', '는')} "
                                     + ", ".join(f"{p.name}({won(p.price)})" for p in others) + "에 재고가 있어요.")
        else:
            in_stock = [s for s in product.sizes if any(v.stock > 0 for v in product.variant(size=s))]
            if in_stock:
                sentences.append(f"{product.name}{josa(product.name, '은', '는')} 현재 {', '.join(in_stock)} 사이즈 재고가 있어요.")
                if len(product.sizes) > 1 and "restock" not in asked:
                    g.ask_back = True
            else:
                sentences.append(f"{product.name}{josa(product.name, '은', '는')} 현재 전 사이즈 품절이에요.")
            restocks = [v for v in product.variants if v.stock <= 0 and v.restock_date]
            if "restock" in asked:
                if restocks:
                    v = min(restocks, key=lambda x: x.restock_date)
                    sentences.append(f"품절된 {v.size}/{v.color}{josa(v.color, '은', '는')} {korean_date(v.restock_date)} 재입고 예정이에요.")
                elif not any(v.stock <= 0 for v in product.variants):
                    sentences.append("지금은 품절된 옵션이 없어요.")
    if "price" in asked or not (asked & (_ATTRIBUTES | {"stock", "restock"})) and not (size or color):
        sentences.append(_price_sentence(product, variants if (size or color) else None))
        if "discount" in asked and not product.on_sale:
            sentences.append("지금은 할인 중인 상품이 아니에요.")
    elif "price" not in asked and (size or color) and not specific and not ({"stock", "restock"} & asked):
        sentences.append(_price_sentence(product, variants))
    if "color" in asked and not color:
        last = product.colors[-1] if product.colors else ""
        sentences.append(f"색상은 {', '.join(product.colors)}{josa(last, '이', '가')} 있어요.")
    if "material" in asked and product.material:
        sentences.append(f"소재는 {product.material}{_copula(product.material)}.")
    if "fit" in asked and product.fit:
        sentences.append(f"핏은 {product.fit}{_copula(product.fit)}.")
    if "size" in asked:
        if chart:
            sentences.append(f"실측 사이즈는 {chart}입니다.")
        elif len(product.sizes) > 1 and not size:
            sentences.append(f"사이즈는 {', '.join(product.sizes)}{josa(product.sizes[-1], '이', '가')} 있어요.")
            g.ask_back = True
        if product.fitting_note:
            sentences.append(f"참고로 {product.fitting_note.rstrip('.')}.")
    if "care" in asked and product.care:
        sentences.append(f"세탁 방법: {product.care}")
    if "origin" in asked and product.origin:
        sentences.append(f"원산지는 {product.origin}{_copula(product.origin)}.")
    if asked & {"material", "fit"} or not (asked & (_ATTRIBUTES | {"stock", "price", "restock"})):
        hint = _description_hint(product, turn)
        if hint and hint not in " ".join(sentences):
            sentences.append(hint)
        elif not hint and not (asked & (_ATTRIBUTES | {"stock", "price", "restock"})) and not (size or color) \
                and _asks_something(turn):
            g.handoff, g.handoff_reason = True, "not_in_facts"
            sentences.append("문의하신 내용은 상품 정보에서 확인되지 않아 담당자가 확인 후 답변드릴게요.")
    if not sentences:
        sentences.append(_price_sentence(product))
    if g.ask_back:
        sentences.append("원하시는 사이즈를 알려주시면 남은 수량을 정확히 확인해 드릴게요.")
    g.reply = f"{product.name} 안내드릴게요. " + " ".join(sentences) if not sentences[0].startswith(product.name) else " ".join(sentences)
    return g


def _size_guide(knowledge: Any, g: Grounding, turn: str) -> str | None:
    """The shop's size-guide sentence on comparing with one's own clothes (any shop's `size_guide` section)."""
    from agent.policy_text import relevant

    try:
        section = knowledge.policy("size_guide")
    except (AttributeError, TypeError):
        return None
    if section is None:
        return None
    g.add("policy:size_guide", f"{section.title}: {section.text}")
    return relevant(section.text, f"{turn} 가지고 계신 옷 실측 비교", limit=1, default=1)


def _asks_something(turn: str) -> bool:
    """A question beyond naming the product ("백팩 노트북 들어가요?"), not just "백팩"."""
    c = compact(turn)
    return "?" in c or any(w in c for w in ("되나", "돼요", "되요", "가요", "나요", "까요", "어때", "인가", "이에요", "예요", "에요"))


def _description_hint(product: Any, turn: str) -> str | None:
    """A sentence of the description that shares a word with the question (else None → handoff)."""
    from core.language.korean_text import strip_particles, words

    text = product.description or ""
    name_words = set(words(product.name))
    asked = [strip_particles(w) for w in words(turn)]
    asked = [w for w in asked if len(w) >= 2 and w not in name_words]
    for sentence in [s.strip() for s in text.replace("!", ".").split(".") if s.strip()]:
        c = compact(sentence)
        if any(w in c for w in asked):
            return sentence + "."
    return None


def category_in(knowledge: Any, turn: str) -> str | None:
    """The first word of the turn that names a catalogue category (aliases included), if any."""
    from core.language.korean_text import strip_particles, words

    for w in [strip_particles(x) for x in words(turn)][:12]:
        if len(w) >= 1 and knowledge.filter_products(category=w, limit=1):
            return w
    return None


def _ground_catalogue(g: Grounding, knowledge: Any, turn: str, size: str | None, color: str | None,
                      asked: set[str], low: int | None = None, high: int | None = None, sort: str | None = None,
                      category: str | None = None) -> bool:
    """Catalogue questions: category / on-sale / price-range filters. False when nothing applies."""
    category = category or category_in(knowledge, turn)
    c = compact(turn)
    on_sale = True if ("sale_list" in asked or ("price" in asked and ("세일" in c or "할인" in c))) else None
    if category is None and high is None and low is None and on_sale is None and not (size or color) and sort is None:
        if "recommend" not in asked and not any(w in c for w in _STRONG_RECOMMEND):
            return False
    pool = knowledge.filter_products(category=category, on_sale=on_sale, max_price=high, size=size,
                                     color=color, in_stock=True, limit=200 if (low or sort) else 5)
    if low is not None:
        pool = [p for p in pool if p.price >= low]
    if sort:
        pool = sorted(pool, key=lambda p: p.price, reverse=sort == "desc")
    products = pool[:5]
    if not products:
        g.reply = "말씀하신 조건에 맞는 재고 상품이 지금은 없어요. 다른 조건으로 찾아봐 드릴까요?"
        g.add("catalogue:empty", f"조건(카테고리 {category or '전체'}, 세일 {on_sale}, 가격 {low}~{high}, "
                                  f"사이즈 {size}, 색상 {color})에 맞는 재고 상품 없음")
        g.use_lm = False
        return True
    for p in products:
        g.add(f"product:{p.id}", _product_fact(p))

    def label(p: Any) -> str:
        sale = f"(정가 {won(p.list_price)})" if on_sale and p.list_price and p.list_price > p.price else ""
        return f"{p.name} {won(p.price)}{sale}"

    listed = ", ".join(label(p) for p in products[:_CANDIDATES_SHOWN])
    # The customer's own range is restated in words: numbers in a reply come only from facts.
    condition = " ".join(x for x in (
        "말씀하신 가격대의" if low is not None or high is not None else None,
        color, f"{size} 사이즈" if size else None) if x)
    what = category or "상품"
    if sort == "asc":
        lead = f"가장 저렴한 {what}{josa(what, '은', '는')} {label(products[0])}이고, 그다음으로 " + \
            ", ".join(label(p) for p in products[1:_CANDIDATES_SHOWN]) if len(products) > 1 else \
            f"가장 저렴한 {what}{josa(what, '은', '는')} {label(products[0])}"
        g.reply = lead + "이 있어요. 마음에 드는 상품을 말씀해 주시면 사이즈와 재고를 알려드릴게요."
        return True
    if on_sale:
        head = f"지금 할인 중인 {what}{josa(what, '은', '는')} "
    elif condition:
        head = f"{condition} {what}{josa(what, '은', '는')} "
    elif category:
        head = f"{category} 중에서는 "
    else:
        head = "추천드릴 만한 상품은 "
    g.reply = f"{head}{listed}이 있어요. 마음에 드는 상품을 말씀해 주시면 사이즈와 재고를 알려드릴게요."
    return True
