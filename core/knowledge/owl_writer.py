"""Write a shop's catalogue, policies, FAQ and orders as RDF/XML in the schema of docs/ontology.md.

In the runtime package because the importers (`core.knowledge.importers`) run from the image; the
bundled and synthetic shops (`devstack.ontology_writer`) use the same code, so every file we produce
is written one way. String templating with XML escaping, not an rdflib graph: deterministic (same
data, same bytes), compact (named nodes, no pretty-print), and fast enough to stream 100k variants
to disk in seconds.

Options of any kind: a variant's `size` and `color` are the schema.org properties; every other axis
(용량, 호수, CPU …) is a `schema:additionalProperty` → `schema:PropertyValue` (name, value). The group
states its axes with `schema:variesBy` in reading order (https://schema.org/size and …/color as text, as
schema.org's examples write them; the option's name otherwise).
"""

from __future__ import annotations


from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

from core.knowledge.owl_index import DEFAULT_MEASURE_LABELS, ORDER_STATUSES

SCHEMA = "https://schema.org/"
DEFAULT_BASE_IRI = "https://jogunshop.example/"
AVAILABILITY = ("InStock", "LimitedAvailability", "OutOfStock", "SoldOut", "PreOrder", "BackOrder",
                "Discontinued")
SIZE, COLOR = "size", "color"
# Size-chart measurement properties: local name -> Korean label (docs/ontology.md §2).
MEASUREMENTS: dict[str, str] = dict(DEFAULT_MEASURE_LABELS)


class OntologyWriteError(ValueError):
    """The shop data cannot be written as a valid ontology; the message names the record to fix."""


# --------------------------------------------------------------------------- data model


def availability_for(stock: int) -> str:
    """The documented default: 4 or more InStock, 1-3 LimitedAvailability, 0 OutOfStock."""
    if stock <= 0:
        return "OutOfStock"
    return "LimitedAvailability" if stock <= 3 else "InStock"


@dataclass(kw_only=True)
class VariantData:
    """One purchasable combination of option values. `size`/`color` are the schema.org axes; `options`
    holds any other axis by the name customers read (용량, 호수, CPU) in the order they read them."""

    sku: str
    stock: int
    price: int
    size: str | None = None
    color: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    list_price: int | None = None
    sale_until: str | None = None
    restock_date: str | None = None
    availability: str | None = None  # derived from stock when None

    def availability_name(self) -> str:
        return self.availability or availability_for(self.stock)

    def option_values(self) -> dict[str, str]:
        """Every axis this variant states, size and color first: {axis: value}."""
        return {k: v for k, v in {SIZE: self.size, COLOR: self.color, **self.options}.items() if v}


@dataclass
class PartData:
    """One part of a set/bundle: its name, how many, and the product id when the part is sold on its own."""

    name: str
    quantity: int = 1
    product_id: str | None = None


@dataclass(kw_only=True)
class ProductData:
    """A product group: what customers call one product, with its variants. `varies_by` lists the axes in
    reading order; empty means "derive it": size, color, then the variants' other option names."""

    id: str
    name: str
    category: str = ""
    material: str = ""
    fit: str = ""
    origin: str = ""
    care: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    seasons: list[str] = field(default_factory=list)
    fitting_note: str = ""
    size_chart: dict[str, dict[str, float]] = field(default_factory=dict)  # size -> {prop: value}
    variants: list[VariantData] = field(default_factory=list)
    varies_by: list[str] = field(default_factory=list)
    parts: list[PartData] = field(default_factory=list)
    brand: str | None = None  # None: the shop's brand
    keywords: list[str] = field(default_factory=list)

    def axes(self) -> list[str]:
        """The option axes in reading order (declared, or derived from what the variants state)."""
        if self.varies_by:
            return list(self.varies_by)
        seen: dict[str, None] = {}
        for v in self.variants:
            for key in v.option_values():
                seen.setdefault(key, None)
        return sorted(seen, key=lambda k: (k != SIZE, k != COLOR))  # stable: size, color, then first seen


@dataclass
class RegionData:
    name: str  # "제주" | "도서산간"
    slug: str  # IRI segment: "jeju" | "remote"
    surcharge: int
    postal_ranges: list[tuple[str, str]]
    address_region: str | None = None
    keywords: list[str] = field(default_factory=list)
    applies_when_free: bool = True


@dataclass(kw_only=True)
class DeliveryData:
    carrier: str
    base_fee: int
    free_threshold: int
    cutoff: str  # "HH:MM"
    handling_days: tuple[int, int]
    transit_days: tuple[int, int]
    regions: list[RegionData] = field(default_factory=list)
    ships_overseas: bool = False
    carrier_slug: str = ""  # IRI segment; default: the carrier's name, percent-encoded


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
class CustomerData:
    """Who placed an order (personal data: the ontology file stays in a private bucket; the index keeps only
    fingerprints). `member_id` is the shop's member id (the one its Channel.io messenger boots with),
    `telephone` the orderer's phone, `name` the orderer's name; a guest order has no member id."""

    name: str
    telephone: str
    member_id: str | None = None


@dataclass
class OrderData:
    number: str  # any format the shop uses: 20261105-0012, W2378156, ORD-000123
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
    customer: CustomerData | None = None  # without one the bot shows the order to nobody

    @property
    def total(self) -> int:
        return sum(line.quantity * line.unit_price for line in self.lines) + self.shipping_fee


@dataclass(kw_only=True)
class ShopData:
    """Everything one ontology file holds. `base_iri` is the shop's own namespace: individuals are written
    under `{base_iri}data/`, its terms under `{base_iri}ns#`, so another shop's file names itself."""

    name: str
    delivery: DeliveryData
    alternate_names: list[str] = field(default_factory=list)
    url: str = ""
    telephone: str = ""
    email: str = ""
    brand: str = ""  # default: the shop's name
    brand_slug: str = ""  # IRI segment of the shop's brand; default: the brand, percent-encoded
    holidays: list[tuple[str, str]] = field(default_factory=list)  # (ISO date, Korean name)
    return_days: int | None = None  # schema:MerchantReturnPolicy; None: the returns section only
    return_fee_one_way: int | None = None
    policies: list[PolicyData] = field(default_factory=list)
    faqs: list[FAQData] = field(default_factory=list)
    products: list[ProductData] = field(default_factory=list)
    orders: list[OrderData] = field(default_factory=list)
    version: str = ""
    data_as_of: str | None = None
    base_iri: str = DEFAULT_BASE_IRI

    @property
    def terms_namespace(self) -> str:
        return self.base_iri + "ns#"

    @property
    def data_namespace(self) -> str:
        return self.base_iri + "data/"


# --------------------------------------------------------------------------- checks


def check(shop: ShopData) -> None:
    """Refuse data that would break the documented schema, naming the record to fix."""
    if not shop.base_iri.endswith("/") or "://" not in shop.base_iri:
        raise OntologyWriteError(f"base_iri {shop.base_iri!r} must be an absolute IRI ending in '/', "
                                 "e.g. https://myshop.example/")
    skus: set[str] = set()
    ids: set[str] = set()
    for p in shop.products:
        if p.id in ids:
            raise OntologyWriteError(f"duplicate product id {p.id!r}")
        ids.add(p.id)
        _check_product(p, skus)
    for p in shop.products:
        for part in p.parts:
            if part.product_id is not None and part.product_id not in ids:
                raise OntologyWriteError(f"product {p.id}: part {part.name!r} names product {part.product_id!r}, "
                                         "which is not in the catalogue")
    for kind, keys in (("policy key", [x.key for x in shop.policies]), ("FAQ id", [f.id for f in shop.faqs]),
                       ("order number", [o.number for o in shop.orders])):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise OntologyWriteError(f"duplicate {kind} {dupes[0]!r}")
    for o in shop.orders:
        if o.status not in ORDER_STATUSES:
            raise OntologyWriteError(f"order {o.number}: status {o.status!r} not in {ORDER_STATUSES}")
        if not o.lines:
            raise OntologyWriteError(f"order {o.number} has no lines")
        for line in o.lines:
            if line.sku not in skus:
                raise OntologyWriteError(f"order {o.number}: SKU {line.sku!r} is not a variant in the catalogue")
            if line.quantity < 1:
                raise OntologyWriteError(f"order {o.number}: SKU {line.sku} has quantity {line.quantity}; must be >= 1")
        if o.customer is not None:
            from core.identity import normalize_phone

            if not o.customer.name.strip() or normalize_phone(o.customer.telephone) is None:
                raise OntologyWriteError(f"order {o.number}: the customer needs a name and a phone number "
                                         "(e.g. 010-1234-5678)")


def _check_product(p: ProductData, skus: set[str]) -> None:
    if not p.variants:
        raise OntologyWriteError(f"product {p.id} has no variants; a product sold in one form has one variant")
    axes = p.axes()
    combos: dict[tuple[str, ...], str] = {}
    for v in p.variants:
        if v.sku in skus:
            raise OntologyWriteError(f"duplicate SKU {v.sku!r} (product {p.id})")
        skus.add(v.sku)
        if v.stock < 0 or v.price <= 0:
            raise OntologyWriteError(f"SKU {v.sku}: stock must be >= 0 and price > 0")
        if v.list_price is not None and v.list_price <= v.price:
            raise OntologyWriteError(f"SKU {v.sku}: a list price must exceed the price ({v.list_price} <= {v.price})")
        if v.availability is not None and v.availability not in AVAILABILITY:
            raise OntologyWriteError(f"SKU {v.sku}: availability {v.availability!r} not in {AVAILABILITY}")
        if {SIZE, COLOR} & {k.lower() for k in v.options}:
            raise OntologyWriteError(f"SKU {v.sku}: put size and color in VariantData.size/.color, not options")
        values = v.option_values()
        for axis in axes:
            if axis not in values:
                raise OntologyWriteError(f"SKU {v.sku}: no {axis!r} value although product {p.id} varies by it")
        extra = [k for k in values if k not in axes]
        if extra:
            raise OntologyWriteError(f"SKU {v.sku}: states {extra[0]!r}, which product {p.id} does not vary by "
                                     f"(varies_by {axes})")
        combo = tuple(values[a] for a in axes)
        if combo in combos:
            raise OntologyWriteError(f"product {p.id}: SKUs {combos[combo]} and {v.sku} have the same options "
                                     f"({' / '.join(combo) or 'none'})")
        combos[combo] = v.sku
    for measures in p.size_chart.values():
        for prop in measures:
            if prop not in MEASUREMENTS:
                raise OntologyWriteError(f"product {p.id}: unknown measurement {prop!r}; "
                                         f"use one of {sorted(MEASUREMENTS)}")
    for part in p.parts:
        if part.quantity < 1:
            raise OntologyWriteError(f"product {p.id}: part {part.name!r} has quantity {part.quantity}; must be >= 1")


# --------------------------------------------------------------------------- RDF/XML output


def _header(shop: ShopData) -> str:
    terms, data = shop.terms_namespace, shop.data_namespace
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rdf:RDF [
<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">
<!ENTITY schema "https://schema.org/">
<!ENTITY shop "{terms}">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" \
xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:owl="http://www.w3.org/2002/07/owl#" \
xmlns:schema="https://schema.org/" xmlns:shop="{terms}" \
xml:base="{data}">
"""


_SCHEMA_CLASSES = (
    "OnlineStore", "Brand", "Organization", "ProductGroup", "Product", "Offer", "QuantitativeValue",
    "UnitPriceSpecification", "PropertyValue", "TypeAndQuantityNode", "OfferShippingDetails", "DefinedRegion",
    "PostalCodeRangeSpecification", "MonetaryAmount", "ShippingDeliveryTime", "MerchantReturnPolicy", "FAQPage",
    "Question", "Answer", "Order", "ParcelDelivery", "Person", "ItemAvailability", "PriceTypeEnumeration",
    "MerchantReturnEnumeration", "ReturnFeesEnumeration", "RefundTypeEnumeration",
)
_SHOP_CLASSES = ("PolicySection", "SizeChartEntry", "Holiday", "OrderLine")
_SCHEMA_OBJECT_PROPS = (
    "brand", "hasVariant", "offers", "inventoryLevel", "priceSpecification", "availability", "priceType",
    "additionalProperty", "includesObject", "typeOfGood",
    "shippingDestination", "shippingRate", "deliveryTime", "handlingTime", "transitTime", "postalCodeRange",
    "hasMerchantReturnPolicy", "returnPolicyCategory", "returnFees", "returnShippingFeesAmount", "refundType",
    "mainEntity", "acceptedAnswer", "orderDelivery", "orderedItem", "provider", "customer",
)
_SHOP_OBJECT_PROPS = ("sizeChart", "carrier", "orderLine")
_SCHEMA_DATA_PROPS = (
    "name", "alternateName", "url", "telephone", "email", "productGroupID", "category", "description",
    "material", "variesBy", "sku", "size", "color", "price", "priceCurrency", "priceValidUntil", "value", "minValue",
    "maxValue", "unitCode", "currency", "amountOfThisGood", "addressCountry", "addressRegion", "postalCodeBegin",
    "postalCodeEnd", "doesNotShip", "merchantReturnDays", "applicableCountry", "text", "identifier", "keywords",
    "orderNumber", "orderDate", "orderStatus", "orderQuantity", "trackingNumber", "expectedArrivalFrom",
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
    """An IRI path segment: ASCII ids stay readable; anything else is percent-encoded."""
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


def _declarations() -> list[str]:
    out = [f'<owl:Class rdf:about="&schema;{c}"/>\n' for c in _SCHEMA_CLASSES]
    out += [f'<owl:Class rdf:about="&shop;{c}"/>\n' for c in _SHOP_CLASSES]
    out += [f'<owl:ObjectProperty rdf:about="&schema;{p}"/>\n' for p in _SCHEMA_OBJECT_PROPS]
    out += [f'<owl:ObjectProperty rdf:about="&shop;{p}"/>\n' for p in _SHOP_OBJECT_PROPS]
    out += [f'<owl:DatatypeProperty rdf:about="&schema;{p}"/>\n' for p in _SCHEMA_DATA_PROPS]
    out += [f'<owl:DatatypeProperty rdf:about="&shop;{p}"/>\n' for p in _SHOP_DATA_PROPS]
    for prop, label in MEASUREMENTS.items():
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


def _brand_iri(name: str) -> str:
    return f"brand/{_seg(name)}"


def _varies_by(axis: str) -> str:
    """One axis as text, as schema.org's own examples write it: the property's IRI for size and color, the
    option's name otherwise. All literals, so the reading order survives (RDF keeps no order between a
    subject's IRI values and its literal values)."""
    return _lit("schema:variesBy", SCHEMA + axis if axis in (SIZE, COLOR) else axis)


def _product_nodes(p: ProductData, brand_iri: str, has_return_policy: bool) -> list[str]:
    pid = _seg(p.id)
    axes = p.axes()
    parts = [_lit("schema:productGroupID", p.id), _lit("schema:name", p.name)]
    parts += [_lit("schema:alternateName", a) for a in p.aliases]
    if p.category:
        parts.append(_lit("schema:category", p.category))
    parts += [_varies_by(a) for a in axes]
    parts.append(_ref("schema:brand", _brand_iri(p.brand) if p.brand else brand_iri))
    if p.description:
        parts.append(_lit("schema:description", p.description))
    parts += [_lit("schema:keywords", k) for k in p.keywords]
    for prop, value in (("schema:material", p.material), ("shop:fit", p.fit), ("shop:origin", p.origin),
                        ("shop:care", p.care)):
        if value:
            parts.append(_lit(prop, value))
    parts += [_lit("shop:season", s) for s in p.seasons]
    if p.fitting_note:
        parts.append(_lit("shop:fittingNote", p.fitting_note))
    parts += [_ref("shop:sizeChart", f"sizechart/{pid}-{_seg(size)}") for size in p.size_chart]
    parts += [_ref("schema:includesObject", f"part/{pid}-{i}") for i in range(1, len(p.parts) + 1)]
    parts += [_ref("schema:hasVariant", f"variant/{_seg(v.sku)}") for v in p.variants]
    if has_return_policy:
        parts.append(_ref("schema:hasMerchantReturnPolicy", "returnpolicy"))
    out = [_node("schema:ProductGroup", f"product/{pid}", parts)]
    if p.brand:
        out.append(_node("schema:Brand", _brand_iri(p.brand), [_lit("schema:name", p.brand)]))
    for size, measures in p.size_chart.items():
        out.append(_node("shop:SizeChartEntry", f"sizechart/{pid}-{_seg(size)}",
                         [_lit("schema:size", size), *(_dec(f"shop:{k}", v) for k, v in measures.items())]))
    for i, part in enumerate(p.parts, 1):
        node = [_lit("schema:name", part.name), _int("schema:amountOfThisGood", part.quantity)]
        if part.product_id is not None:
            node.append(_ref("schema:typeOfGood", f"product/{_seg(part.product_id)}"))
        out.append(_node("schema:TypeAndQuantityNode", f"part/{pid}-{i}", node))
    for v in p.variants:
        out += _variant_nodes(v)
    return out


def _variant_nodes(v: VariantData) -> list[str]:
    s = _seg(v.sku)
    head = _lit("schema:sku", v.sku)
    if v.size:
        head += _lit("schema:size", v.size)
    if v.color:
        head += _lit("schema:color", v.color)
    head += "".join(_ref("schema:additionalProperty", f"option/{s}-{i}") for i in range(1, len(v.options) + 1))
    out = [f'<schema:Product rdf:about="variant/{s}">{head}<schema:offers rdf:resource="offer/{s}"/></schema:Product>\n']
    for i, (name, value) in enumerate(v.options.items(), 1):
        out.append(_node("schema:PropertyValue", f"option/{s}-{i}",
                         [_lit("schema:name", name), _lit("schema:value", value)]))
    offer = [_int("schema:price", v.price), "<schema:priceCurrency>KRW</schema:priceCurrency>",
             f'<schema:availability rdf:resource="&schema;{v.availability_name()}"/>',
             f'<schema:inventoryLevel rdf:resource="stock/{s}"/>']
    if v.list_price is not None:
        offer.append(f'<schema:priceSpecification rdf:resource="listprice/{s}"/>')
        if v.sale_until:
            offer.append(_date("schema:priceValidUntil", v.sale_until))
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
    if o.customer is not None:
        parts.append(_ref("schema:customer", f"customer/{num}"))
    out = [_node("schema:Order", f"order/{num}", parts)]
    if o.customer is not None:
        person = [_lit("schema:identifier", o.customer.member_id)] if o.customer.member_id else []
        person += [_lit("schema:telephone", o.customer.telephone), _lit("schema:name", o.customer.name)]
        out.append(_node("schema:Person", f"customer/{num}", person))
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
    check(shop)
    brand = shop.brand or shop.name
    brand_iri = f"brand/{_seg(shop.brand_slug)}" if shop.brand_slug else _brand_iri(brand)
    carrier_iri = f"org/{_seg(shop.delivery.carrier_slug or shop.delivery.carrier)}"
    chunks: list[str] = [_header(shop)]
    head = [_lit("owl:versionInfo", shop.version or "1")]
    if shop.data_as_of:
        head.append(_date("shop:dataAsOf", shop.data_as_of))
    chunks.append(_node("owl:Ontology", shop.base_iri + "ontology", head))
    chunks += _declarations()
    store = [_lit("schema:name", shop.name), *(_lit("schema:alternateName", a) for a in shop.alternate_names)]
    store += [_lit(f"schema:{prop}", value) for prop, value in (("url", shop.url), ("telephone", shop.telephone),
                                                                  ("email", shop.email)) if value]
    chunks.append(_node("schema:OnlineStore", "shop", store))
    chunks.append(_node("schema:Brand", brand_iri, [_lit("schema:name", brand)]))
    chunks.append(_node("schema:Organization", carrier_iri, [_lit("schema:name", shop.delivery.carrier)]))
    chunks += _delivery_nodes(shop, carrier_iri)
    has_return_policy = shop.return_days is not None
    if has_return_policy:
        rp = [_int("schema:merchantReturnDays", shop.return_days or 0),
              '<schema:returnPolicyCategory rdf:resource="&schema;MerchantReturnFiniteReturnWindow"/>',
              '<schema:returnFees rdf:resource="&schema;ReturnShippingFees"/>']
        if shop.return_fee_one_way is not None:
            rp.append(_ref("schema:returnShippingFeesAmount", "amount/return-fee"))
        rp += ['<schema:refundType rdf:resource="&schema;FullRefund"/>', _lit("schema:applicableCountry", "KR")]
        chunks.append(_node("schema:MerchantReturnPolicy", "returnpolicy", rp))
        if shop.return_fee_one_way is not None:
            chunks.append(_node("schema:MonetaryAmount", "amount/return-fee",
                                [_int("schema:value", shop.return_fee_one_way), _lit("schema:currency", "KRW")]))
    for pol in shop.policies:
        chunks.append(_node("shop:PolicySection", f"policy/{_seg(pol.key)}", [
            _lit("shop:policyKey", pol.key), _lit("schema:name", pol.title), _lit("schema:text", pol.text),
            *(_policy_value(k, v) for k, v in pol.values.items())]))
    if shop.faqs:
        chunks.append(_node("schema:FAQPage", "faq", [_ref("schema:mainEntity", f"faq/{_seg(f.id)}") for f in shop.faqs]))
    for f in shop.faqs:
        fid = _seg(f.id)
        chunks.append(_node("schema:Question", f"faq/{fid}", [
            _lit("schema:identifier", f.id), _lit("schema:name", f.question),
            *(_lit("schema:keywords", k) for k in f.keywords), _ref("schema:acceptedAnswer", f"faq/{fid}-answer")]))
        chunks.append(_node("schema:Answer", f"faq/{fid}-answer", [_lit("schema:text", f.answer)]))
    yield "".join(chunks)
    for p in shop.products:
        yield "".join(_product_nodes(p, brand_iri, has_return_policy=has_return_policy))
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
