"""Write a shop's catalogue and policies as RDF/XML in the schema of docs/ontology.md.

Why a writer of our own: the bundled file and the 1k/10k benchmark catalogues must be produced
the same way, deterministically and fast (100k variants in seconds), and compact (no blank
nodes, no pretty-print bloat) so the bundled file loads quickly. String templating with proper
XML escaping is an order of magnitude faster than building an rdflib graph and serialising it.

CLI:
    python -m devstack.ontology_writer bundled data/ontology.owl
    python -m devstack.ontology_writer synthetic 1000 /tmp/shop-1k.owl [--variants 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

SCHEMA = "https://schema.org/"
SHOP = "https://jogunshop.example/ns#"
DATA = "https://jogunshop.example/data/"
ONTOLOGY_IRI = "https://jogunshop.example/ontology"

ORDER_STATUSES = ("결제완료", "상품준비중", "배송중", "배송완료", "취소")
AVAILABILITY = ("InStock", "LimitedAvailability", "OutOfStock", "SoldOut", "PreOrder", "BackOrder",
                "Discontinued")

# Size-chart measurement properties: local name -> Korean label (docs/ontology.md §2).
MEASUREMENTS: dict[str, str] = {
    "totalLengthCm": "총장",
    "chestWidthCm": "가슴단면",
    "shoulderWidthCm": "어깨너비",
    "sleeveLengthCm": "소매길이",
    "armholeCm": "암홀",
    "hemWidthCm": "밑단단면",
    "waistWidthCm": "허리단면",
    "hipWidthCm": "엉덩이단면",
    "thighWidthCm": "허벅지단면",
    "riseCm": "밑위",
    "footLengthMm": "발길이(mm)",
    "heelHeightCm": "굽높이",
    "widthCm": "가로",
    "heightCm": "세로",
    "depthCm": "폭",
    "strapLengthCm": "스트랩길이",
    "lengthCm": "길이",
    "headCircumferenceCm": "머리둘레",
}


class OntologyWriteError(ValueError):
    """The shop data cannot be written as a valid ontology; the message names the record to fix."""


# --------------------------------------------------------------------------- data model


@dataclass
class VariantData:
    sku: str
    size: str
    color: str
    stock: int
    price: int
    list_price: int | None = None
    sale_until: str | None = None
    restock_date: str | None = None
    availability: str | None = None  # derived from stock when None

    def availability_name(self) -> str:
        if self.availability:
            return self.availability
        if self.stock <= 0:
            return "OutOfStock"
        return "LimitedAvailability" if self.stock <= 3 else "InStock"


@dataclass
class ProductData:
    id: str
    name: str
    category: str
    material: str
    fit: str
    origin: str
    care: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    seasons: list[str] = field(default_factory=list)
    fitting_note: str = ""
    size_chart: dict[str, dict[str, float]] = field(default_factory=dict)  # size -> {prop: value}
    variants: list[VariantData] = field(default_factory=list)


@dataclass
class RegionData:
    name: str  # "제주" | "도서산간"
    slug: str  # IRI segment: "jeju" | "remote"
    surcharge: int
    postal_ranges: list[tuple[str, str]]
    address_region: str | None = None
    keywords: list[str] = field(default_factory=list)
    applies_when_free: bool = True


@dataclass
class DeliveryData:
    carrier: str
    carrier_slug: str
    base_fee: int
    free_threshold: int
    cutoff: str  # "HH:MM"
    handling_days: tuple[int, int]
    transit_days: tuple[int, int]
    regions: list[RegionData]
    ships_overseas: bool = False


@dataclass
class PolicyData:
    key: str
    title: str
    text: str
    values: dict[str, int | str] = field(default_factory=dict)


@dataclass
class FAQData:
    id: str
    question: str
    answer: str
    keywords: list[str] = field(default_factory=list)


@dataclass
class OrderLineData:
    sku: str
    quantity: int
    unit_price: int


@dataclass
class OrderData:
    number: str
    ordered_at: str  # "YYYY-MM-DDTHH:MM:SS"
    status: str
    lines: list[OrderLineData]
    shipping_fee: int
    region: str
    postal_code: str | None = None
    payment_method: str | None = None
    tracking_number: str | None = None
    arrival_from: str | None = None
    arrival_until: str | None = None

    @property
    def total(self) -> int:
        return sum(line.quantity * line.unit_price for line in self.lines) + self.shipping_fee


@dataclass
class ShopData:
    name: str
    alternate_names: list[str]
    url: str
    telephone: str
    email: str
    brand: str
    delivery: DeliveryData
    holidays: list[tuple[str, str]]  # (ISO date, Korean name)
    return_days: int
    return_fee_one_way: int
    policies: list[PolicyData]
    faqs: list[FAQData]
    products: list[ProductData]
    orders: list[OrderData] = field(default_factory=list)
    version: str = ""
    data_as_of: str | None = None


# --------------------------------------------------------------------------- RDF/XML output

_HEADER = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rdf:RDF [
<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">
<!ENTITY schema "https://schema.org/">
<!ENTITY shop "https://jogunshop.example/ns#">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" \
xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:owl="http://www.w3.org/2002/07/owl#" \
xmlns:schema="https://schema.org/" xmlns:shop="https://jogunshop.example/ns#" \
xml:base="https://jogunshop.example/data/">
"""

_SCHEMA_CLASSES = (
    "OnlineStore", "Brand", "Organization", "ProductGroup", "Product", "Offer", "QuantitativeValue",
    "UnitPriceSpecification", "OfferShippingDetails", "DefinedRegion", "PostalCodeRangeSpecification",
    "MonetaryAmount", "ShippingDeliveryTime", "MerchantReturnPolicy", "FAQPage", "Question", "Answer",
    "Order", "ParcelDelivery", "ItemAvailability", "PriceTypeEnumeration", "MerchantReturnEnumeration",
    "ReturnFeesEnumeration", "RefundTypeEnumeration",
)
_SHOP_CLASSES = ("PolicySection", "SizeChartEntry", "Holiday", "OrderLine")
_SCHEMA_OBJECT_PROPS = (
    "brand", "hasVariant", "offers", "inventoryLevel", "priceSpecification", "availability", "priceType",
    "shippingDestination", "shippingRate", "deliveryTime", "handlingTime", "transitTime", "postalCodeRange",
    "hasMerchantReturnPolicy", "returnPolicyCategory", "returnFees", "returnShippingFeesAmount", "refundType",
    "mainEntity", "acceptedAnswer", "orderDelivery", "orderedItem", "provider",
)
_SHOP_OBJECT_PROPS = ("sizeChart", "carrier", "orderLine")
_SCHEMA_DATA_PROPS = (
    "name", "alternateName", "url", "telephone", "email", "productGroupID", "category", "description",
    "material", "sku", "size", "color", "price", "priceCurrency", "priceValidUntil", "value", "minValue",
    "maxValue", "unitCode", "currency", "addressCountry", "addressRegion", "postalCodeBegin", "postalCodeEnd",
    "doesNotShip", "merchantReturnDays", "applicableCountry", "text", "identifier", "keywords", "orderNumber",
    "orderDate", "orderStatus", "orderQuantity", "trackingNumber", "expectedArrivalFrom",
    "expectedArrivalUntil",
)
_SHOP_DATA_PROPS = (
    "dataAsOf", "fit", "origin", "care", "season", "fittingNote", "restockDate", "regionName",
    "freeShippingThreshold", "cutoffTime", "surcharge", "surchargeAppliesWhenFree", "addressKeyword", "date",
    "policyKey", "shippingFee", "orderTotal", "shippingRegion", "postalCode", "paymentMethod", "unitPrice",
    "measurement",
)
_ENUM_MEMBERS = (
    *(("ItemAvailability", a) for a in AVAILABILITY),
    ("PriceTypeEnumeration", "StrikethroughPrice"),
    ("MerchantReturnEnumeration", "MerchantReturnFiniteReturnWindow"),
    ("ReturnFeesEnumeration", "ReturnShippingFees"),
    ("RefundTypeEnumeration", "FullRefund"),
)


def _esc(text: str) -> str:
    """Escape element text; also drop characters XML 1.0 cannot carry."""
    text = _xml_escape(text)
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        text = "".join(c for c in text if ord(c) >= 32 or c in "\t\n\r")
    return text


def _seg(value: str) -> str:
    """An IRI path segment: our ids are ASCII; anything else is percent-encoded."""
    from urllib.parse import quote

    return quote(value, safe="-_.~")


def _lit(prop: str, text: str) -> str:
    return f"<{prop}>{_esc(text)}</{prop}>"


def _int(prop: str, value: int) -> str:
    return f'<{prop} rdf:datatype="&xsd;integer">{int(value)}</{prop}>'


def _dec(prop: str, value: float) -> str:
    text = f"{float(value):.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return f'<{prop} rdf:datatype="&xsd;decimal">{text}</{prop}>'


def _date(prop: str, value: str) -> str:
    return f'<{prop} rdf:datatype="&xsd;date">{_esc(value)}</{prop}>'


def _bool(prop: str, value: bool) -> str:
    return f'<{prop} rdf:datatype="&xsd;boolean">{"true" if value else "false"}</{prop}>'


def _ref(prop: str, iri: str) -> str:
    return f"<{prop} rdf:resource={quoteattr(iri)}/>"


def _node(cls: str, iri: str, parts: Iterable[str]) -> str:
    return f"<{cls} rdf:about={quoteattr(iri)}>{''.join(parts)}</{cls}>\n"


def _declarations(measurements: dict[str, str]) -> list[str]:
    out = [f'<owl:Class rdf:about="&schema;{c}"/>\n' for c in _SCHEMA_CLASSES]
    out += [f'<owl:Class rdf:about="&shop;{c}"/>\n' for c in _SHOP_CLASSES]
    out += [f'<owl:ObjectProperty rdf:about="&schema;{p}"/>\n' for p in _SCHEMA_OBJECT_PROPS]
    out += [f'<owl:ObjectProperty rdf:about="&shop;{p}"/>\n' for p in _SHOP_OBJECT_PROPS]
    out += [f'<owl:DatatypeProperty rdf:about="&schema;{p}"/>\n' for p in _SCHEMA_DATA_PROPS]
    out += [f'<owl:DatatypeProperty rdf:about="&shop;{p}"/>\n' for p in _SHOP_DATA_PROPS]
    for prop, label in measurements.items():
        out.append(f'<owl:DatatypeProperty rdf:about="&shop;{prop}"><rdfs:label>{_esc(label)}</rdfs:label>'
                   f'<rdfs:subPropertyOf rdf:resource="&shop;measurement"/></owl:DatatypeProperty>\n')
    for cls, member in _ENUM_MEMBERS:
        out.append(f'<owl:NamedIndividual rdf:about="&schema;{member}">'
                   f'<rdf:type rdf:resource="&schema;{cls}"/></owl:NamedIndividual>\n')
    return out


def _policy_value(key: str, value: int | str) -> str:
    if isinstance(value, bool):
        raise OntologyWriteError(f"policy value shop:{key} is a bool; use a Korean string or an int")
    if isinstance(value, int):
        return _int(f"shop:{key}", value)
    return _lit(f"shop:{key}", str(value))


def _check(shop: ShopData) -> dict[str, VariantData]:
    """Refuse data that would violate the documented schema, naming the record."""
    skus: dict[str, VariantData] = {}
    ids: set[str] = set()
    for p in shop.products:
        if p.id in ids:
            raise OntologyWriteError(f"duplicate product id {p.id!r}")
        ids.add(p.id)
        if not p.variants:
            raise OntologyWriteError(f"product {p.id} has no variants; add at least one size/colour")
        for v in p.variants:
            if v.sku in skus:
                raise OntologyWriteError(f"duplicate SKU {v.sku!r} (product {p.id})")
            if v.stock < 0 or v.price <= 0:
                raise OntologyWriteError(f"SKU {v.sku}: stock must be >= 0 and price > 0")
            if v.list_price is not None and (v.list_price <= v.price or not v.sale_until):
                raise OntologyWriteError(f"SKU {v.sku}: a list price must exceed the price and have sale_until")
            skus[v.sku] = v
        for measures in p.size_chart.values():
            for prop in measures:
                if prop not in MEASUREMENTS:
                    raise OntologyWriteError(f"product {p.id}: unknown measurement {prop!r}; "
                                             f"use one of {sorted(MEASUREMENTS)}")
    for o in shop.orders:
        if o.status not in ORDER_STATUSES:
            raise OntologyWriteError(f"order {o.number}: status {o.status!r} not in {ORDER_STATUSES}")
        for line in o.lines:
            if line.sku not in skus:
                raise OntologyWriteError(f"order {o.number}: SKU {line.sku!r} is not a variant in the catalogue")
    return skus


def _product_nodes(p: ProductData, brand_iri: str, has_return_policy: bool) -> list[str]:
    pid = _seg(p.id)
    parts = [_lit("schema:productGroupID", p.id), _lit("schema:name", p.name)]
    parts += [_lit("schema:alternateName", a) for a in p.aliases]
    parts.append(_lit("schema:category", p.category))
    parts.append(_ref("schema:brand", brand_iri))
    if p.description:
        parts.append(_lit("schema:description", p.description))
    parts += [_lit("schema:material", p.material), _lit("shop:fit", p.fit), _lit("shop:origin", p.origin),
              _lit("shop:care", p.care)]
    parts += [_lit("shop:season", s) for s in p.seasons]
    if p.fitting_note:
        parts.append(_lit("shop:fittingNote", p.fitting_note))
    parts += [_ref("shop:sizeChart", f"sizechart/{pid}-{_seg(size)}") for size in p.size_chart]
    parts += [_ref("schema:hasVariant", f"variant/{_seg(v.sku)}") for v in p.variants]
    if has_return_policy:
        parts.append(_ref("schema:hasMerchantReturnPolicy", "returnpolicy"))
    out = [_node("schema:ProductGroup", f"product/{pid}", parts)]
    for size, measures in p.size_chart.items():
        out.append(_node("shop:SizeChartEntry", f"sizechart/{pid}-{_seg(size)}",
                         [_lit("schema:size", size), *(_dec(f"shop:{k}", v) for k, v in measures.items())]))
    for v in p.variants:
        s = _seg(v.sku)
        out.append(f'<schema:Product rdf:about="variant/{s}">{_lit("schema:sku", v.sku)}'
                   f'{_lit("schema:size", v.size)}{_lit("schema:color", v.color)}'
                   f'<schema:offers rdf:resource="offer/{s}"/></schema:Product>\n')
        offer = [_int("schema:price", v.price), "<schema:priceCurrency>KRW</schema:priceCurrency>",
                 f'<schema:availability rdf:resource="&schema;{v.availability_name()}"/>',
                 f'<schema:inventoryLevel rdf:resource="stock/{s}"/>']
        if v.list_price is not None:
            offer.append(f'<schema:priceSpecification rdf:resource="listprice/{s}"/>')
            offer.append(_date("schema:priceValidUntil", v.sale_until or ""))
        if v.restock_date:
            offer.append(_date("shop:restockDate", v.restock_date))
        out.append(_node("schema:Offer", f"offer/{s}", offer))
        out.append(f'<schema:QuantitativeValue rdf:about="stock/{s}">'
                   f'{_int("schema:value", v.stock)}</schema:QuantitativeValue>\n')
        if v.list_price is not None:
            out.append(f'<schema:UnitPriceSpecification rdf:about="listprice/{s}">'
                       f'{_int("schema:price", v.list_price)}<schema:priceCurrency>KRW</schema:priceCurrency>'
                       f'<schema:priceType rdf:resource="&schema;StrikethroughPrice"/>'
                       f'</schema:UnitPriceSpecification>\n')
    return out


def _delivery_nodes(shop: ShopData, carrier_iri: str) -> list[str]:
    d = shop.delivery
    out = [_node("schema:OfferShippingDetails", "shipping/standard", [
        _lit("shop:regionName", "기본"), _ref("shop:carrier", carrier_iri),
        _ref("schema:shippingDestination", "region/kr"), _ref("schema:shippingRate", "amount/base-fee"),
        _int("shop:freeShippingThreshold", d.free_threshold), _lit("shop:cutoffTime", d.cutoff),
        _ref("schema:deliveryTime", "deliverytime/standard")])]
    out.append(_node("schema:DefinedRegion", "region/kr", [_lit("schema:addressCountry", "KR")]))
    out.append(_node("schema:MonetaryAmount", "amount/base-fee",
                     [_int("schema:value", d.base_fee), _lit("schema:currency", "KRW")]))
    out.append(_node("schema:ShippingDeliveryTime", "deliverytime/standard",
                     [_ref("schema:handlingTime", "days/handling"), _ref("schema:transitTime", "days/transit")]))
    for slug, (lo, hi) in (("handling", d.handling_days), ("transit", d.transit_days)):
        out.append(_node("schema:QuantitativeValue", f"days/{slug}",
                         [_int("schema:minValue", lo), _int("schema:maxValue", hi), _lit("schema:unitCode", "DAY")]))
    for r in d.regions:
        out.append(_node("schema:OfferShippingDetails", f"shipping/{r.slug}", [
            _lit("shop:regionName", r.name), _int("shop:surcharge", r.surcharge),
            _bool("shop:surchargeAppliesWhenFree", r.applies_when_free),
            _ref("schema:shippingDestination", f"region/{r.slug}")]))
        parts = [_lit("schema:addressCountry", "KR")]
        if r.address_region:
            parts.append(_lit("schema:addressRegion", r.address_region))
        parts += [_lit("shop:addressKeyword", k) for k in r.keywords]
        parts += [_ref("schema:postalCodeRange", f"postalrange/{b}-{e}") for b, e in r.postal_ranges]
        out.append(_node("schema:DefinedRegion", f"region/{r.slug}", parts))
        for b, e in r.postal_ranges:
            out.append(_node("schema:PostalCodeRangeSpecification", f"postalrange/{b}-{e}",
                             [_lit("schema:postalCodeBegin", b), _lit("schema:postalCodeEnd", e)]))
    out.append(_node("schema:OfferShippingDetails", "shipping/overseas", [
        _lit("shop:regionName", "해외"), _bool("schema:doesNotShip", not d.ships_overseas),
        _ref("schema:shippingDestination", "region/overseas")]))
    out.append(_node("schema:DefinedRegion", "region/overseas", [_lit("schema:name", "해외")]))
    for iso, name in shop.holidays:
        out.append(_node("shop:Holiday", f"holiday/{iso}", [_lit("schema:name", name), _date("shop:date", iso)]))
    return out


def _order_nodes(o: OrderData, carrier_iri: str) -> list[str]:
    num = _seg(o.number)
    parts = [_lit("schema:orderNumber", o.number),
             f'<schema:orderDate rdf:datatype="&xsd;dateTime">{_esc(o.ordered_at)}</schema:orderDate>',
             _lit("schema:orderStatus", o.status)]
    parts += [_ref("shop:orderLine", f"orderline/{num}-{i}") for i in range(1, len(o.lines) + 1)]
    parts += [_int("shop:shippingFee", o.shipping_fee), _int("shop:orderTotal", o.total),
              _lit("shop:shippingRegion", o.region)]
    if o.postal_code:
        parts.append(_lit("shop:postalCode", o.postal_code))
    if o.payment_method:
        parts.append(_lit("shop:paymentMethod", o.payment_method))
    has_delivery = o.status != "취소" and (o.tracking_number or o.arrival_from)
    if has_delivery:
        parts.append(_ref("schema:orderDelivery", f"delivery/{num}"))
    out = [_node("schema:Order", f"order/{num}", parts)]
    for i, line in enumerate(o.lines, 1):
        out.append(_node("shop:OrderLine", f"orderline/{num}-{i}", [
            _ref("schema:orderedItem", f"variant/{_seg(line.sku)}"), _int("schema:orderQuantity", line.quantity),
            _int("shop:unitPrice", line.unit_price)]))
    if has_delivery:
        dparts = [_ref("schema:provider", carrier_iri)]
        if o.tracking_number:
            dparts.append(_lit("schema:trackingNumber", o.tracking_number))
        if o.arrival_from:
            dparts.append(_date("schema:expectedArrivalFrom", o.arrival_from))
        if o.arrival_until:
            dparts.append(_date("schema:expectedArrivalUntil", o.arrival_until))
        out.append(_node("schema:ParcelDelivery", f"delivery/{num}", dparts))
    return out


def render_ontology(shop: ShopData) -> str:
    """The whole RDF/XML document as one string (see docs/ontology.md)."""
    return "".join(iter_ontology(shop))


def iter_ontology(shop: ShopData) -> Iterator[str]:
    """The RDF/XML document in chunks, so 10k-product catalogues stream to disk in bounded memory."""
    _check(shop)
    brand_iri, carrier_iri = "brand/jogunshop", f"org/{_seg(shop.delivery.carrier_slug)}"
    chunks: list[str] = [_HEADER]
    head = [_lit("owl:versionInfo", shop.version or "1")]
    if shop.data_as_of:
        head.append(_date("shop:dataAsOf", shop.data_as_of))
    chunks.append(_node("owl:Ontology", ONTOLOGY_IRI, head))
    chunks += _declarations(MEASUREMENTS)
    chunks.append(_node("schema:OnlineStore", "shop", [
        _lit("schema:name", shop.name), *(_lit("schema:alternateName", a) for a in shop.alternate_names),
        _lit("schema:url", shop.url), _lit("schema:telephone", shop.telephone), _lit("schema:email", shop.email)]))
    chunks.append(_node("schema:Brand", brand_iri, [_lit("schema:name", shop.brand)]))
    chunks.append(_node("schema:Organization", carrier_iri, [_lit("schema:name", shop.delivery.carrier)]))
    chunks += _delivery_nodes(shop, carrier_iri)
    chunks.append(_node("schema:MerchantReturnPolicy", "returnpolicy", [
        _int("schema:merchantReturnDays", shop.return_days),
        '<schema:returnPolicyCategory rdf:resource="&schema;MerchantReturnFiniteReturnWindow"/>',
        '<schema:returnFees rdf:resource="&schema;ReturnShippingFees"/>',
        _ref("schema:returnShippingFeesAmount", "amount/return-fee"),
        '<schema:refundType rdf:resource="&schema;FullRefund"/>', _lit("schema:applicableCountry", "KR")]))
    chunks.append(_node("schema:MonetaryAmount", "amount/return-fee",
                        [_int("schema:value", shop.return_fee_one_way), _lit("schema:currency", "KRW")]))
    seen_keys: set[str] = set()
    for pol in shop.policies:
        if pol.key in seen_keys:
            raise OntologyWriteError(f"duplicate policy key {pol.key!r}")
        seen_keys.add(pol.key)
        chunks.append(_node("shop:PolicySection", f"policy/{_seg(pol.key)}", [
            _lit("shop:policyKey", pol.key), _lit("schema:name", pol.title), _lit("schema:text", pol.text),
            *(_policy_value(k, v) for k, v in pol.values.items())]))
    chunks.append(_node("schema:FAQPage", "faq", [_ref("schema:mainEntity", f"faq/{_seg(f.id)}") for f in shop.faqs]))
    for f in shop.faqs:
        fid = _seg(f.id)
        chunks.append(_node("schema:Question", f"faq/{fid}", [
            _lit("schema:identifier", f.id), _lit("schema:name", f.question),
            *(_lit("schema:keywords", k) for k in f.keywords), _ref("schema:acceptedAnswer", f"faq/{fid}-answer")]))
        chunks.append(_node("schema:Answer", f"faq/{fid}-answer", [_lit("schema:text", f.answer)]))
    yield "".join(chunks)
    for p in shop.products:
        yield "".join(_product_nodes(p, brand_iri, has_return_policy=True))
    for o in shop.orders:
        yield "".join(_order_nodes(o, carrier_iri))
    yield "</rdf:RDF>\n"


def write_ontology(shop_data: ShopData, path: str | Path) -> Path:
    """Write `shop_data` to `path` atomically (temp file + rename) so a reader never sees half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for chunk in iter_ontology(shop_data):
                fh.write(chunk)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


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
        email=base.email, brand=base.brand, delivery=base.delivery, holidays=base.holidays,
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
        status = ORDER_STATUSES[i % len(ORDER_STATUSES)]
        day = 2 + i
        fee = 0 if amount >= d.free_threshold else d.base_fee
        orders.append(OrderData(
            number=f"202611{day:02d}-{i:04d}", ordered_at=f"2026-11-{day:02d}T10:{i:02d}:00", status=status,
            lines=lines, shipping_fee=fee, region="기본", postal_code="06236", payment_method="카드",
            tracking_number=f"6{rng.randrange(10**10, 10**11)}" if status in ("배송중", "배송완료") else None,
            arrival_from=f"2026-11-{day + 1:02d}" if status != "취소" else None,
            arrival_until=f"2026-11-{day + 3:02d}" if status != "취소" else None))
    return orders


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
