"""The bundled and synthetic shop ontologies: a generator CLI over `core.knowledge.owl_writer`.

The data model and the RDF/XML rendering live in the runtime package (the importers run from the
image and write the same way); this module only makes the bundled 조군샵 file and the 1k/10k
benchmark catalogues.

CLI:
    python -m devstack.ontology_writer bundled data/ontology.owl
    python -m devstack.ontology_writer synthetic 1000 /tmp/shop-1k.owl [--variants 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from core.knowledge.owl_writer import (
    CustomerData,
    OntologyWriteError,
    OrderData,
    OrderLineData,
    ProductData,
    ShopData,
    VariantData,
    render_ontology,
    write_ontology,
)

__all__ = ["OntologyWriteError", "main", "render_ontology", "synthetic_catalogue", "write_ontology"]

# The statuses synthetic orders cycle through (fixed, so synthetic catalogues stay byte-stable).
_SAMPLE_STATUSES = ("결제완료", "상품준비중", "배송중", "배송완료", "취소")

# --------------------------------------------------------------------------- synthetic catalogues

_MATERIALS = [("코튼", "면 100%"), ("린넨", "린넨 55%, 면 45%"), ("울", "울 80%, 나일론 20%"),
              ("캐시미어", "캐시미어 10%, 울 90%"), ("나일론", "나일론 100%"), ("폴리", "폴리에스터 100%"),
              ("데님", "면 98%, 폴리우레탄 2%"), ("레더", "소가죽 100%"), ("스웨이드", "소가죽(스웨이드) 100%"),
              ("코듀로이", "면 100%"), ("기모", "면 80%, 폴리에스터 20%"), ("플리스", "폴리에스터 100%"),
              ("트위드", "울 60%, 폴리에스터 40%"), ("옥스포드", "면 100%"), ("저지", "면 95%, 폴리우레탄 5%")]
_STYLES = ["오버핏", "슬림핏", "레귤러핏", "와이드", "크롭", "빈티지", "워싱", "헤비", "라이트", "스트라이프",
           "체크", "솔리드", "투턱", "원턱", "밴딩", "버튼다운", "하프집업", "풀집업", "크루넥", "브이넥",
           "모크넥", "스탠다드", "테이퍼드", "스트레이트", "세미와이드", "릴렉스", "미니멀", "클래식"]
_ADJ = ["데일리", "에센셜", "시그니처", "모던", "어반", "캐주얼", "프리미엄", "베이직", "컴포트", "아메리칸",
        "프렌치", "브리티시", "캠퍼스", "시티", "웨일", "노르딕", "마운틴", "하버", "선셋", "미드나잇"]
# (category, item word, English alias, kind, price range)
_ITEMS = [
    ("셔츠", "셔츠", "shirt", "top", (29000, 59000)),
    ("셔츠", "남방", "casual shirt", "top", (29000, 55000)),
    ("니트", "니트", "knit sweater", "top", (39000, 89000)),
    ("니트", "가디건", "cardigan", "top", (49000, 99000)),
    ("티셔츠", "반팔 티셔츠", "t-shirt", "top", (12900, 35000)),
    ("티셔츠", "긴팔 티셔츠", "long sleeve tee", "top", (15900, 39000)),
    ("맨투맨/후드", "맨투맨", "sweatshirt", "top", (29000, 59000)),
    ("맨투맨/후드", "후드티", "hoodie", "top", (35000, 69000)),
    ("슬랙스", "슬랙스", "slacks", "pants", (35000, 79000)),
    ("슬랙스", "팬츠", "pants", "pants", (32000, 69000)),
    ("데님", "데님 팬츠", "jeans", "pants", (45000, 89000)),
    ("데님", "청바지", "denim jeans", "pants", (45000, 89000)),
    ("코트/자켓/패딩", "코트", "coat", "outer", (159000, 329000)),
    ("코트/자켓/패딩", "자켓", "jacket", "outer", (89000, 199000)),
    ("코트/자켓/패딩", "패딩", "padding", "outer", (129000, 329000)),
    ("셋업", "셋업 자켓", "setup jacket", "outer", (119000, 189000)),
    ("셋업", "셋업 팬츠", "setup pants", "pants", (59000, 99000)),
    ("신발", "스니커즈", "sneakers", "shoes", (49000, 129000)),
    ("신발", "로퍼", "loafer", "shoes", (89000, 159000)),
    ("가방", "백팩", "backpack", "bag", (49000, 129000)),
    ("가방", "토트백", "tote bag", "bag", (29000, 89000)),
    ("액세서리", "머플러", "muffler", "acc", (19000, 59000)),
    ("액세서리", "벨트", "belt", "acc", (25000, 59000)),
    ("액세서리", "비니", "beanie", "acc", (15000, 29000)),
]
_COLORS = [("BLK", "블랙"), ("WHT", "화이트"), ("NVY", "네이비"), ("GRY", "그레이"), ("BEI", "베이지"),
           ("CHC", "차콜"), ("IVO", "아이보리"), ("KHA", "카키"), ("BRN", "브라운"), ("SKY", "스카이블루"),
           ("OLV", "올리브"), ("BUR", "버건디"), ("MNT", "민트"), ("PNK", "핑크"), ("CRM", "크림")]
_SIZES = {"top": ["S", "M", "L", "XL", "XXL"], "outer": ["S", "M", "L", "XL", "XXL"],
          "pants": ["28", "30", "32", "34", "36"], "shoes": ["250", "260", "270", "280", "290"],
          "bag": ["FREE"], "acc": ["FREE"]}
_CHART = {"top": {"totalLengthCm": 70.0, "chestWidthCm": 56.0, "shoulderWidthCm": 48.0, "sleeveLengthCm": 62.0},
          "outer": {"totalLengthCm": 80.0, "chestWidthCm": 60.0, "shoulderWidthCm": 50.0, "sleeveLengthCm": 64.0},
          "pants": {"waistWidthCm": 37.0, "hipWidthCm": 50.0, "thighWidthCm": 31.0, "riseCm": 29.0,
                    "hemWidthCm": 20.0, "totalLengthCm": 102.0},
          "shoes": {"footLengthMm": 250.0, "heelHeightCm": 3.0},
          "bag": {"widthCm": 40.0, "heightCm": 42.0, "depthCm": 14.0},
          "acc": {"lengthCm": 120.0, "widthCm": 30.0}}


def _synthetic_chart(kind: str, sizes: list[str]) -> dict[str, dict[str, float]]:
    base = _CHART[kind]
    chart: dict[str, dict[str, float]] = {}
    for i, size in enumerate(sizes):
        if kind == "shoes":
            chart[size] = {"footLengthMm": float(size), "heelHeightCm": base["heelHeightCm"]}
        elif kind in ("bag", "acc"):
            chart[size] = dict(base)
        else:
            chart[size] = {k: round(v + (i - 1) * (1.5 if "Width" in k else 2.0), 1) for k, v in base.items()}
    return chart


def synthetic_catalogue(n_products: int, variants_per_product: int = 10, seed: int = 0) -> ShopData:
    """A realistic synthetic Korean catalogue of `n_products` groups with the bundled shop's policies.

    Names are composed from adjective/material/style/item words and made unique with a series
    suffix, so perturbed-name search benchmarks have a single right answer per product.
    """
    from devstack import shop_catalogue

    rng = random.Random(seed)
    base = shop_catalogue.bundled_shop()
    products: list[ProductData] = []
    used: set[str] = set()
    for n in range(1, n_products + 1):
        category, item, english, kind, (lo, hi) = rng.choice(_ITEMS)
        mat_word, composition = rng.choice(_MATERIALS)
        style, adj = rng.choice(_STYLES), rng.choice(_ADJ)
        name = f"{adj} {mat_word} {style} {item}"
        if name in used:
            name = f"{name} {n:05d}"
        used.add(name)
        pid = f"S{n:05d}"
        sizes = _SIZES[kind]
        n_colors = max(1, -(-variants_per_product // len(sizes)))
        colors = rng.sample(_COLORS, min(n_colors, len(_COLORS)))
        price = rng.randrange(lo // 1000, hi // 1000 + 1) * 1000 - rng.choice((0, 0, 100, 1000))
        on_sale = rng.random() < 0.3
        sale_price = (price * rng.choice((70, 80, 85, 90)) // 100) // 100 * 100 if on_sale else price
        sale_until = f"2026-12-{rng.randint(1, 31):02d}" if on_sale else None
        variants: list[VariantData] = []
        for code, colour in colors:
            for size in sizes:
                if len(variants) >= variants_per_product:
                    break
                roll = rng.random()
                stock = 0 if roll < 0.08 else rng.randint(1, 3) if roll < 0.18 else rng.randint(4, 60)
                restock = f"2026-12-{rng.randint(1, 28):02d}" if stock == 0 and rng.random() < 0.5 else None
                variants.append(VariantData(sku=f"{pid}-{code}-{size}", size=size, color=colour, stock=stock,
                                            price=sale_price, list_price=price if on_sale else None,
                                            sale_until=sale_until, restock_date=restock))
        spaced = name.replace(" ", "")
        aliases = [spaced, f"{mat_word} {english}"]
        products.append(ProductData(
            id=pid, name=name, category=category, material=composition, fit=rng.choice(
                ["레귤러핏", "오버핏", "슬림핏", "세미오버핏", "와이드핏"]) if kind not in ("bag", "acc", "shoes") else "FREE",
            origin=rng.choice(["대한민국", "중국", "베트남"]), care=shop_catalogue.care_for(composition),
            aliases=aliases, description=f"{composition} 소재의 {style} {item}입니다.",
            seasons=rng.sample(["봄", "여름", "가을", "겨울"], rng.randint(1, 4)),
            fitting_note="모델 181cm 72kg, L 착용" if kind in ("top", "outer") else "",
            size_chart=_synthetic_chart(kind, sizes[: len({v.size for v in variants})]), variants=variants))
    orders = _synthetic_orders(products, base, rng)
    return ShopData(
        name=base.name, alternate_names=base.alternate_names, url=base.url, telephone=base.telephone,
        email=base.email, brand=base.brand, brand_slug=base.brand_slug, delivery=base.delivery, holidays=base.holidays,
        return_days=base.return_days, return_fee_one_way=base.return_fee_one_way, policies=base.policies,
        faqs=base.faqs, products=products, orders=orders, version=f"synthetic-{n_products}-{seed}",
        data_as_of=base.data_as_of)


def _synthetic_orders(products: list[ProductData], base: ShopData, rng: random.Random) -> list[OrderData]:
    orders: list[OrderData] = []
    d = base.delivery
    for i in range(1, 21):
        lines = []
        for _ in range(rng.randint(1, 3)):
            v = rng.choice(rng.choice(products).variants)
            if all(line.sku != v.sku for line in lines):
                lines.append(OrderLineData(v.sku, rng.randint(1, 2), v.price))
        amount = sum(line.quantity * line.unit_price for line in lines)
        status = _SAMPLE_STATUSES[i % len(_SAMPLE_STATUSES)]
        day = 2 + i
        fee = 0 if amount >= d.free_threshold else d.base_fee
        orders.append(OrderData(
            number=f"202611{day:02d}-{i:04d}", ordered_at=f"2026-11-{day:02d}T10:{i:02d}:00", status=status,
            lines=lines, shipping_fee=fee, region="기본", postal_code="06236", payment_method="카드",
            tracking_number=f"6{rng.randrange(10**10, 10**11)}" if status in ("배송중", "배송완료") else None,
            arrival_from=f"2026-11-{day + 1:02d}" if status != "취소" else None,
            arrival_until=f"2026-11-{day + 3:02d}" if status != "취소" else None,
            customer=CustomerData(name=_SYNTHETIC_NAMES[i % len(_SYNTHETIC_NAMES)], telephone=f"010-5{i:03d}-{(i * 7919) % 10000:04d}",
                                  member_id=f"synthetic-m{i:05d}")))
    return orders


_SYNTHETIC_NAMES = ("김하늘", "이도윤", "박서준", "최지우", "정하린", "강민재", "조예린")


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.ontology_writer",
                                     description="Write the bundled or a synthetic shop ontology (RDF/XML).")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("bundled", help="regenerate the bundled 조군샵 ontology")
    b.add_argument("out", nargs="?", default="data/ontology.owl")
    s = sub.add_parser("synthetic", help="write a synthetic catalogue for benchmarks")
    s.add_argument("n_products", type=int)
    s.add_argument("out")
    s.add_argument("--variants", type=int, default=10)
    s.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.command == "bundled":
        from devstack import shop_catalogue

        shop = shop_catalogue.bundled_shop()
        out = args.out
    else:
        if args.n_products < 1 or args.variants < 1:
            parser.error("n_products and --variants must be >= 1")
        shop = synthetic_catalogue(args.n_products, args.variants, args.seed)
        out = args.out
    try:
        path = write_ontology(shop, out)
    except OntologyWriteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    n_variants = sum(len(p.variants) for p in shop.products)
    print(f"wrote {path} ({path.stat().st_size:,} bytes): {len(shop.products)} products, {n_variants} variants, "
          f"{len(shop.orders)} orders in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
