"""The bundled ontology is complete and agrees with the human-readable delivery policy.

Parses data/ontology.owl with rdflib directly (independent of our own extractor) so a mistake in
the extractor and in the data cannot cancel out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

ROOT = Path(__file__).resolve().parents[2]
OWL_PATH = ROOT / "data" / "ontology.owl"
POLICY_TXT = ROOT / "data" / "delivery_policy.txt"
SCHEMA = Namespace("https://schema.org/")
SHOP = Namespace("https://jogunshop.example/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open namespace: pytest probes attributes

REQUIRED_POLICY_KEYS = {"delivery", "returns", "exchange", "refund", "cancellation", "payment", "points",
                        "coupons", "membership", "store", "address_change", "bundling", "overseas", "receipts"}
CATEGORIES = {"셔츠", "니트", "티셔츠", "맨투맨/후드", "슬랙스", "데님", "코트/자켓/패딩", "셋업", "신발", "가방", "액세서리"}
ORDER_STATUSES = {"결제완료", "상품준비중", "배송중", "배송완료", "취소"}


@pytest.fixture(scope="module")
def g() -> Graph:
    graph = Graph()
    graph.parse(OWL_PATH, format="xml")
    return graph


def one(g: Graph, s: URIRef, p: URIRef):
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{s} must have exactly one {p}, has {values}"
    return values[0]


def ints(g: Graph, s: URIRef, p: URIRef) -> int:
    value = one(g, s, p)
    assert isinstance(value, Literal) and value.datatype == XSD.integer, f"{s} {p} must be xsd:integer"
    return int(value)


def shipping(g: Graph, region: str) -> URIRef:
    found = [s for s in g.subjects(RDF.type, SCHEMA.OfferShippingDetails)
             if str(one(g, s, SHOP.regionName)) == region]
    assert len(found) == 1, f"expected one OfferShippingDetails for {region}"
    return found[0]


def postal_ranges(g: Graph, region: str) -> list[tuple[str, str]]:
    dest = one(g, shipping(g, region), SCHEMA.shippingDestination)
    return sorted((str(one(g, r, SCHEMA.postalCodeBegin)), str(one(g, r, SCHEMA.postalCodeEnd)))
                  for r in g.objects(dest, SCHEMA.postalCodeRange))


def holidays(g: Graph) -> list[str]:
    return sorted(str(one(g, h, SHOP.date)) for h in g.subjects(RDF.type, SHOP.Holiday))


def delivery_facts(g: Graph) -> dict[str, object]:
    std = shipping(g, "기본")
    time_node = one(g, std, SCHEMA.deliveryTime)
    handling, transit = one(g, time_node, SCHEMA.handlingTime), one(g, time_node, SCHEMA.transitTime)
    return {
        "carrier": str(one(g, one(g, std, SHOP.carrier), SCHEMA.name)),
        "baseFee": ints(g, one(g, std, SCHEMA.shippingRate), SCHEMA.value),
        "freeShippingThreshold": ints(g, std, SHOP.freeShippingThreshold),
        "jejuSurcharge": ints(g, shipping(g, "제주"), SHOP.surcharge),
        "remoteSurcharge": ints(g, shipping(g, "도서산간"), SHOP.surcharge),
        "cutoffTime": str(one(g, std, SHOP.cutoffTime)),
        "handlingDaysMin": ints(g, handling, SCHEMA.minValue), "handlingDaysMax": ints(g, handling, SCHEMA.maxValue),
        "transitDaysMin": ints(g, transit, SCHEMA.minValue), "transitDaysMax": ints(g, transit, SCHEMA.maxValue),
    }


def numbers_in(text: str) -> set[int]:
    return {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\d|\d", text)}


def policy_nodes(g: Graph) -> dict[str, URIRef]:
    return {str(one(g, s, SHOP.policyKey)): s for s in g.subjects(RDF.type, SHOP.PolicySection)}


# ------------------------------------------------------------------ policy text <-> ontology


def test_every_number_in_the_policy_text_is_an_ontology_fact(g: Graph) -> None:
    facts = delivery_facts(g)
    allowed: set[int] = {v for v in facts.values() if isinstance(v, int)}
    allowed |= {int(part) for part in str(facts["cutoffTime"]).split(":")}
    for region in ("제주", "도서산간"):
        for begin, end in postal_ranges(g, region):
            allowed |= {int(begin), int(end)}
    for day in holidays(g):
        allowed |= {int(part) for part in day.split("-")}
    stray = numbers_in(POLICY_TXT.read_text(encoding="utf-8")) - allowed
    assert not stray, f"numbers in delivery_policy.txt that the ontology does not state: {sorted(stray)}"


def test_every_delivery_fact_appears_in_the_policy_text(g: Graph) -> None:
    text = POLICY_TXT.read_text(encoding="utf-8")
    facts = delivery_facts(g)
    assert facts["carrier"] in text
    for key in ("baseFee", "freeShippingThreshold", "jejuSurcharge", "remoteSurcharge"):
        assert f"{facts[key]:,}원" in text, f"{key}={facts[key]:,}원 missing from the policy text"
    assert str(facts["cutoffTime"]) in text
    assert f"{facts['transitDaysMin']}~{facts['transitDaysMax']}영업일" in text
    for region in ("제주", "도서산간"):
        for begin, end in postal_ranges(g, region):
            expected = begin if begin == end else f"{begin}~{end}"
            assert re.search(rf"(?<!\d){expected}(?![\d~])", text), f"{region} range {expected} missing from text"
    listed = {f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
              for y, m, d in re.findall(r"(\d{4})년 (\d{1,2})월 (\d{1,2})일", text)}
    assert listed == set(holidays(g)), "holiday list in the text differs from the ontology's shop:Holiday dates"


def test_delivery_policy_section_repeats_the_shipping_facts(g: Graph) -> None:
    section = policy_nodes(g)["delivery"]
    facts = delivery_facts(g)
    for key, value in facts.items():
        stored = one(g, section, SHOP[key])
        assert (int(stored) if isinstance(value, int) else str(stored)) == value, key
    holiday_section = policy_nodes(g)["holidays"]
    assert str(one(g, holiday_section, SHOP.holidayDates)).split(",") == holidays(g)


def test_regions_overseas_and_holidays(g: Graph) -> None:
    assert ("63000", "63644") in postal_ranges(g, "제주")
    remote = postal_ranges(g, "도서산간")
    assert ("40200", "40240") in remote and ("58800", "58866") in remote
    for region in ("제주", "도서산간"):
        node = shipping(g, region)
        assert one(g, node, SHOP.surchargeAppliesWhenFree) == Literal(True)
    overseas = shipping(g, "해외")
    assert one(g, overseas, SCHEMA.doesNotShip) == Literal(True)
    days = holidays(g)
    assert {"2026-12-25", "2027-01-01", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"} <= set(days)


# ------------------------------------------------------------------ catalogue completeness


def variants(g: Graph, group: URIRef) -> Iterator[URIRef]:
    yield from g.objects(group, SCHEMA.hasVariant)


def test_catalogue_size_and_categories(g: Graph) -> None:
    groups = list(g.subjects(RDF.type, SCHEMA.ProductGroup))
    assert len(groups) >= 60
    categories = {str(one(g, p, SCHEMA.category)) for p in groups}
    assert CATEGORIES <= categories
    ids = [str(one(g, p, SCHEMA.productGroupID)) for p in groups]
    names = [str(one(g, p, SCHEMA.name)) for p in groups]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)


def test_every_product_is_complete(g: Graph) -> None:
    measurement_props = set(g.subjects(RDFS.subPropertyOf, SHOP.measurement))
    for p in g.subjects(RDF.type, SCHEMA.ProductGroup):
        for prop in (SCHEMA.name, SCHEMA.category, SCHEMA.material, SHOP.fit, SHOP.origin, SHOP.care):
            assert str(one(g, p, prop)).strip(), f"{p} lacks {prop}"
        assert list(g.objects(p, SCHEMA.alternateName)), f"{p} has no aliases"
        assert list(g.objects(p, SHOP.season)), f"{p} has no season"
        chart_sizes = set()
        for row in g.objects(p, SHOP.sizeChart):
            chart_sizes.add(str(one(g, row, SCHEMA.size)))
            measures = [(pr, o) for pr, o in g.predicate_objects(row) if pr in measurement_props]
            assert measures, f"size chart row {row} has no measurements"
            assert all(o.datatype == XSD.decimal for _, o in measures)
        vs = list(variants(g, p))
        assert vs, f"{p} has no variants"
        assert {str(one(g, v, SCHEMA.size)) for v in vs} <= chart_sizes, f"{p}: a variant size lacks a size chart row"
        for v in vs:
            assert one(g, v, RDF.type) == SCHEMA.Product
            assert str(one(g, v, SCHEMA.sku)) and str(one(g, v, SCHEMA.color))
            offer = one(g, v, SCHEMA.offers)
            price = ints(g, offer, SCHEMA.price)
            assert price > 0 and str(one(g, offer, SCHEMA.priceCurrency)) == "KRW"
            stock = ints(g, one(g, offer, SCHEMA.inventoryLevel), SCHEMA.value)
            assert stock >= 0
            availability = one(g, offer, SCHEMA.availability)
            expected = SCHEMA.OutOfStock if stock == 0 else SCHEMA.LimitedAvailability if stock <= 3 else SCHEMA.InStock
            assert availability == expected, f"{v}: availability {availability} for stock {stock}"
            specs = list(g.objects(offer, SCHEMA.priceSpecification))
            if specs:
                assert ints(g, specs[0], SCHEMA.price) > price
                assert one(g, specs[0], SCHEMA.priceType) == SCHEMA.StrikethroughPrice
                assert one(g, offer, SCHEMA.priceValidUntil).datatype == XSD.date
            else:
                assert not list(g.objects(offer, SCHEMA.priceValidUntil))
            if list(g.objects(offer, SHOP.restockDate)):
                assert stock == 0, f"{v} has a restock date but is in stock"


def test_catalogue_has_sales_sold_outs_low_stock_and_restocks(g: Graph) -> None:
    offers = list(g.subjects(RDF.type, SCHEMA.Offer))
    stocks = [ints(g, one(g, o, SCHEMA.inventoryLevel), SCHEMA.value) for o in offers]
    on_sale = {p for p in g.subjects(RDF.type, SCHEMA.ProductGroup) for v in variants(g, p)
               if (one(g, v, SCHEMA.offers), SCHEMA.priceSpecification, None) in g}
    assert 15 <= len(on_sale) <= 30
    assert sum(s == 0 for s in stocks) >= 10 and sum(1 <= s <= 3 for s in stocks) >= 10
    assert len(list(g.subject_objects(SHOP.restockDate))) >= 10


def test_sizes_and_colours_are_the_documented_vocabulary(g: Graph) -> None:
    sizes = {str(o) for o in g.objects(None, SCHEMA.size)}
    assert {"S", "M", "L", "XL", "XXL", "FREE", "28", "36", "250", "290"} <= sizes
    colours = {str(o) for o in g.objects(None, SCHEMA.color)}
    assert {"블랙", "화이트", "네이비", "그레이", "베이지", "차콜", "아이보리", "카키", "브라운", "스카이블루",
            "연청", "중청", "흑청"} <= colours


# ------------------------------------------------------------------ orders, policies, FAQ


def test_orders_reference_existing_variants_and_add_up(g: Graph) -> None:
    orders = list(g.subjects(RDF.type, SCHEMA.Order))
    assert len(orders) >= 20
    statuses = {str(one(g, o, SCHEMA.orderStatus)) for o in orders}
    assert statuses == ORDER_STATUSES
    facts = delivery_facts(g)
    surcharge = {"기본": 0, "제주": facts["jejuSurcharge"], "도서산간": facts["remoteSurcharge"]}
    for o in orders:
        assert re.fullmatch(r"\d{8}-\d{4}", str(one(g, o, SCHEMA.orderNumber)))
        amount = 0
        for line in g.objects(o, SHOP.orderLine):
            variant = one(g, line, SCHEMA.orderedItem)
            assert (variant, RDF.type, SCHEMA.Product) in g, f"{o} references missing variant {variant}"
            amount += ints(g, line, SCHEMA.orderQuantity) * ints(g, line, SHOP.unitPrice)
        assert amount > 0
        region = str(one(g, o, SHOP.shippingRegion))
        fee = ints(g, o, SHOP.shippingFee)
        base = 0 if amount >= facts["freeShippingThreshold"] else facts["baseFee"]
        assert fee == base + surcharge[region], f"{o}: fee {fee} for amount {amount} in {region}"
        assert ints(g, o, SHOP.orderTotal) == amount + fee
        status = str(one(g, o, SCHEMA.orderStatus))
        deliveries = list(g.objects(o, SCHEMA.orderDelivery))
        if status == "취소":
            assert not deliveries
        else:
            delivery = one(g, o, SCHEMA.orderDelivery)
            assert str(one(g, one(g, delivery, SCHEMA.provider), SCHEMA.name)) == facts["carrier"]
            has_tracking = bool(list(g.objects(delivery, SCHEMA.trackingNumber)))
            assert has_tracking == (status in {"배송중", "배송완료"})
            start = str(one(g, delivery, SCHEMA.expectedArrivalFrom))
            end = str(one(g, delivery, SCHEMA.expectedArrivalUntil))
            assert start <= end


def test_policy_sections_and_faq(g: Graph) -> None:
    sections = policy_nodes(g)
    assert REQUIRED_POLICY_KEYS <= set(sections)
    for key, node in sections.items():
        assert str(one(g, node, SCHEMA.name)).strip() and len(str(one(g, node, SCHEMA.text))) > 20, key
    returns = sections["returns"]
    assert ints(g, returns, SHOP.returnDays) == 7
    assert ints(g, returns, SHOP.returnFeeRoundTrip) == 2 * ints(g, returns, SHOP.returnFeeOneWay)
    policy = next(g.subjects(RDF.type, SCHEMA.MerchantReturnPolicy))
    assert ints(g, policy, SCHEMA.merchantReturnDays) == ints(g, returns, SHOP.returnDays)
    questions = list(g.objects(next(g.subjects(RDF.type, SCHEMA.FAQPage)), SCHEMA.mainEntity))
    assert len(questions) >= 15
    for q in questions:
        assert str(one(g, q, SCHEMA.name)).endswith(("?", ".", "요"))
        assert str(one(g, one(g, q, SCHEMA.acceptedAnswer), SCHEMA.text)).strip()


def test_graph_hygiene_no_blank_nodes_no_language_tags(g: Graph) -> None:
    for s, _, o in g:
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        if isinstance(o, Literal):
            assert o.language is None, f"{s} has a language-tagged literal {o!r}"


def test_bundled_file_is_regenerated_exactly_by_the_writer() -> None:
    from core.knowledge.owl_writer import render_ontology
    from devstack.shop_catalogue import bundled_shop

    assert render_ontology(bundled_shop()) == OWL_PATH.read_text(encoding="utf-8"), (
        "data/ontology.owl differs from devstack/shop_catalogue.py: run "
        "`python -m devstack.ontology_writer bundled data/ontology.owl`")


def test_owlready2_loads_the_bundled_file() -> None:
    import owlready2

    world = owlready2.World()
    world.get_ontology(OWL_PATH.as_uri()).load()
    group = world["https://schema.org/ProductGroup"]
    assert len(list(group.instances(world=world))) >= 60
