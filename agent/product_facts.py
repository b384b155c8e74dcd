"""Product turns: link the product, size and colour in the turn, fetch their facts, write the grounded reply.

The product is found with `find_products` on the turn (then on the recent conversation for
follow-ups like "그거 L도 있어요?"). Several close matches → ask back with the candidates; a
catalogue question ("5만원 이하 니트 추천") → `filter_products`. The offline reply is built from the
same facts the LM sees, so it passes the fact guard by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agent.entities import PRODUCT_INTENTS, compact, intents
from agent.facts import Grounding, josa, korean_date, month_day, won
from agent.quantities import parse_amount

_MAX_VARIANT_FACTS = 12
_CANDIDATES_SHOWN = 3
_CONFIDENT_SCORE = 80.0
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
        return f"{label}는 판매하지 않는 옵션이에요. 가능한 사이즈는 {', '.join(product.sizes)}, 색상은 {', '.join(product.colors)}예요."
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


def ground_product(knowledge: Any, turn: str, history: Sequence[dict] | None = None,
                   now: datetime | None = None) -> Grounding:
    """Facts and the offline reply for a product turn."""
    g = Grounding(route="product")
    asked = intents(turn, PRODUCT_INTENTS)
    result = knowledge.find_products(turn)
    size, color = result.size, result.color
    weak = not result.matches or (result.ambiguous and result.matches[0].score < _CONFIDENT_SCORE)
    if weak and history:
        for text in _last_mentions(history):
            earlier = knowledge.find_products(text)
            if earlier.matches and not earlier.ambiguous:
                result = earlier
                size, color = size or earlier.size, color or earlier.color
                break
    catalogue = bool({"recommend", "sale_list"} & asked) or parse_amount(turn) is not None
    if "recommend" in asked and _ground_catalogue(g, knowledge, turn, size, color, asked):
        return g
    if result.matches and (not result.ambiguous or (len(result.matches) == 1 and result.matches[0].score >= 70)):
        product = knowledge.product(result.matches[0].product_id)
        if product is not None and not (catalogue and result.ambiguous):
            return _ground_one(g, product, size, color, asked, turn)
    if catalogue or not result.matches:
        listed = _ground_catalogue(g, knowledge, turn, size, color, asked)
        if listed:
            return g
    if result.matches:
        category = _category_in(knowledge, turn)
        candidates = knowledge.filter_products(category=category, size=size, color=color, limit=_CANDIDATES_SHOWN) \
            if category else []
        if not candidates:
            candidates = [p for m in result.matches[:_CANDIDATES_SHOWN] if (p := knowledge.product(m.product_id))]
        names = [p.name for p in candidates]
        for p in candidates:
            g.add(f"product:{p.id}", _product_fact(p))
        g.reply = ("찾으시는 상품이 여러 개 있어요. " + ", ".join(names)
                   + " 중 어떤 상품인지 알려주시면 정확히 안내해 드릴게요.")
        g.ask_back, g.use_lm = True, False
        return g
    g.reply = "어떤 상품을 찾으시는지 상품명을 알려주시면 가격과 재고를 바로 확인해 드릴게요."
    g.ask_back, g.use_lm = True, False
    return g


def _ground_one(g: Grounding, product: Any, size: str | None, color: str | None, asked: set[str],
                turn: str) -> Grounding:
    g.add(f"product:{product.id}", _product_fact(product))
    g.add(f"product:{product.id}:details", _details_fact(product))
    variants = _variants(product, size, color)
    shown = variants if (size or color) else [v for v in product.variants if v.stock > 0 or v.restock_date]
    for v in shown[:_MAX_VARIANT_FACTS]:
        g.add(f"variant:{v.sku}", _variant_fact(product, v))
    measures = _measures_asked(turn)
    chart_sizes = [size] if size else (product.sizes if measures else [])
    chart = _size_chart_fact(product, chart_sizes, measures)
    if chart:
        g.add(f"product:{product.id}:size_chart", chart)

    sentences: list[str] = []
    if size or color or {"stock", "restock"} & asked:
        if size or color:
            sentences.append(_stock_sentence(product, size, color, variants))
        else:
            in_stock = [s for s in product.sizes if any(v.stock > 0 for v in product.variant(size=s))]
            if in_stock:
                sentences.append(f"{product.name}{josa(product.name, '은', '는')} 현재 {', '.join(in_stock)} 사이즈 재고가 있어요.")
                if len(product.sizes) > 1:
                    g.ask_back = True
            else:
                sentences.append(f"{product.name}{josa(product.name, '은', '는')} 현재 전 사이즈 품절이에요.")
            restocks = [v for v in product.variants if v.stock <= 0 and v.restock_date]
            if restocks and "restock" in asked:
                v = min(restocks, key=lambda x: x.restock_date)
                sentences.append(f"{v.size}/{v.color}{josa(v.color, '은', '는')} {korean_date(v.restock_date)} 재입고 예정이에요.")
    if "price" in asked or not asked - {"color"} or (size and not {"stock"} & asked):
        sentences.append(_price_sentence(product, variants if (size or color) else None))
    if "color" in asked and not (size or color):
        sentences.append(f"색상은 {', '.join(product.colors)}{josa(product.colors[-1] if product.colors else '', '이', '가')} 있어요.")
    if "material" in asked and product.material:
        sentences.append(f"소재는 {product.material}이에요.")
    if "fit" in asked and product.fit:
        sentences.append(f"핏은 {product.fit}이에요.")
    if "size" in asked:
        if chart:
            sentences.append(f"실측 사이즈는 {chart}입니다.")
        elif len(product.sizes) > 1 and not size:
            sentences.append(f"사이즈는 {', '.join(product.sizes)}{josa(product.sizes[-1], '이', '가')} 있어요.")
            g.ask_back = True
        if product.fitting_note:
            sentences.append(f"참고로 {product.fitting_note}.")
    if "care" in asked and product.care:
        sentences.append(f"세탁 방법: {product.care}")
    if "origin" in asked and product.origin:
        sentences.append(f"원산지는 {product.origin}예요.")
    if not sentences:
        sentences.append(_price_sentence(product))
    if not ({"stock", "price", "material", "fit", "size", "care", "origin", "color", "restock"} & asked) and not (size or color):
        hint = _description_hint(product, turn)
        if hint:
            sentences.append(hint)
        else:
            g.handoff, g.handoff_reason = True, "not_in_facts"
            sentences.append("문의하신 내용은 상품 정보에서 확인되지 않아 담당자가 확인 후 답변드릴게요.")
    if g.ask_back:
        sentences.append("원하시는 사이즈를 알려주시면 남은 수량을 정확히 확인해 드릴게요.")
    g.reply = f"{product.name} 안내드릴게요. " + " ".join(sentences) if not sentences[0].startswith(product.name) else " ".join(sentences)
    return g


def _description_hint(product: Any, turn: str) -> str | None:
    """A sentence of the description that shares a word with the question (else None → handoff)."""
    from core.korean_text import strip_particles, words

    text = product.description or ""
    name_words = set(words(product.name))
    asked = [strip_particles(w) for w in words(turn)]
    asked = [w for w in asked if len(w) >= 2 and w not in name_words]
    for sentence in [s.strip() for s in text.replace("!", ".").split(".") if s.strip()]:
        c = compact(sentence)
        if any(w in c for w in asked):
            return sentence + "."
    return None


def _category_in(knowledge: Any, turn: str) -> str | None:
    """The first word of the turn that names a catalogue category (aliases included), if any."""
    from core.korean_text import strip_particles, words

    for w in [strip_particles(x) for x in words(turn)][:12]:
        if len(w) >= 1 and knowledge.filter_products(category=w, limit=1):
            return w
    return None


def _ground_catalogue(g: Grounding, knowledge: Any, turn: str, size: str | None, color: str | None,
                      asked: set[str]) -> bool:
    """Catalogue questions: category / on-sale / price-cap filters. False when nothing applies."""
    category = _category_in(knowledge, turn)
    max_price = parse_amount(turn)
    on_sale = True if ("sale_list" in asked or ("price" in asked and "세일" in compact(turn))) else None
    if category is None and max_price is None and on_sale is None and not (size or color):
        if "recommend" not in asked:
            return False
    products = knowledge.filter_products(category=category, on_sale=on_sale, max_price=max_price, size=size,
                                         color=color, in_stock=True, limit=5)
    if not products:
        g.reply = "말씀하신 조건에 맞는 재고 상품이 지금은 없어요. 다른 조건으로 찾아봐 드릴까요?"
        g.add("catalogue:empty", f"조건(카테고리 {category or '전체'}, 세일 {on_sale}, 최대가격 {max_price}, "
                                  f"사이즈 {size}, 색상 {color})에 맞는 재고 상품 없음")
        g.use_lm = False
        return True
    for p in products:
        g.add(f"product:{p.id}", _product_fact(p))
    listed = ", ".join(f"{p.name} {won(p.price)}" for p in products[:_CANDIDATES_SHOWN])
    g.reply = f"추천드릴 만한 상품은 {listed}이에요. 마음에 드는 상품을 말씀해 주시면 사이즈와 재고를 알려드릴게요."
    return True
