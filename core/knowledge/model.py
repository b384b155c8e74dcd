"""The shop's knowledge as plain Python objects: products, variants, delivery, orders, policies, FAQ.

Pure data (frozen dataclasses) and the index format constants; no parsing, no search, no I/O.
`core.knowledge.shop_knowledge.ShopKnowledge` builds these from a JSON index (see
`core.knowledge.owl_index` for its layout). Every number an agent may quote comes from here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Any

INDEX_FORMAT = "jogunshop-knowledge-index"
INDEX_FORMAT_VERSION = 3  # 2: variants carry options of any kind (axes per product), products list bundle parts; 3: orders carry `owner` fingerprints

REGION_BASIC = "기본"
REGION_JEJU = "제주"
REGION_REMOTE = "도서산간"

# Sections every shop must have; any other key a shop defines is read and answered from the same way.
REQUIRED_POLICY_KEYS = ("delivery", "returns")
# Keys the agents know a topic for (a shop without one of these gets "a person will confirm", never
# another shop's text).
POLICY_KEYS = (
    "delivery", "returns", "exchange", "refund", "cancellation", "payment", "points", "coupons",
    "membership", "store", "address_change", "bundling", "overseas", "receipts",
)

# Korean order statuses (docs/ontology.md §7); `owl_index.ORDER_STATUS_IRIS` maps schema.org OrderStatus members to them.
ORDER_STATUSES = ("결제대기", "결제완료", "상품준비중", "배송중", "배송완료", "취소", "반품완료", "확인필요", "픽업대기")
# schema.org ItemAvailability members a variant's offer may state (local names).
AVAILABILITIES = frozenset({"InStock", "LimitedAvailability", "OutOfStock", "SoldOut", "PreOrder", "PreSale",
                            "BackOrder", "Discontinued", "InStoreOnly", "OnlineOnly", "MadeToOrder"})

# Positional layout of a variant row in the index (compact: 100k variants load fast as lists).
# `options` is the list of the variant's values, aligned with its product's `axes`.
VARIANT_FIELDS = ("sku", "options", "stock", "price", "list_price", "sale_until", "availability", "restock_date")

SIZE_AXIS = "size"
COLOR_AXIS = "color"


class KnowledgeError(ValueError):
    """The knowledge index is unusable; the message says what to rebuild or fix."""


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


class _Model:
    """Shared `to_dict()` for the frozen dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True)
class OptionAxis(_Model):
    """One way a product's variants differ: `key` is a schema.org property (size, color) or the shop's own
    option name (용량, 호수, CPU …); `label` is what replies call it (사이즈, 색상, 용량 …)."""

    key: str
    label: str


@dataclass(frozen=True)
class Variant(_Model):
    """One purchasable option combination. `options` pairs (axis key, value) in the product's axis order;
    empty for a product sold in one form only."""

    sku: str
    options: tuple[tuple[str, str], ...]
    stock: int
    price: int
    list_price: int | None = None
    sale_until: str | None = None
    availability: str = "InStock"
    restock_date: str | None = None
    # a sale that ended before the day the variant is seen on (`as_of`): its last day and its price, so a customer
    # who remembers the sale price is told when it ended (never a price of today)
    sale_ended: tuple[str, int] | None = None

    def option(self, axis: str) -> str | None:
        """The value on `axis` (case-insensitive key), or None when the variant does not vary by it."""
        a = axis.lower()
        return next((value for key, value in self.options if key.lower() == a), None)

    @property
    def size(self) -> str:
        return self.option(SIZE_AXIS) or ""

    @property
    def color(self) -> str:
        return self.option(COLOR_AXIS) or ""

    @property
    def label(self) -> str:
        """The option values as customers read them ("L / 블랙", "300ml"); "" for a single-form product."""
        return " / ".join(value for _, value in self.options if value)

    def matches(self, wanted: dict[str, str]) -> bool:
        """All `wanted` axis values hold (exact, case-insensitive; an axis the variant lacks never matches)."""
        for axis, value in wanted.items():
            own = self.option(axis)
            if own is None or own.strip().lower() != value.strip().lower():
                return False
        return True

    @property
    def on_sale(self) -> bool:
        return self.list_price is not None and self.list_price > self.price

    @property
    def in_stock(self) -> bool:
        return self.stock > 0 and self.availability not in UNSELLABLE

    def as_of(self, day: str) -> "Variant":
        """This variant as a customer sees it on `day` (ISO date): an ended sale is over, a past restock
        date is no longer a promise, and an unsellable availability means nothing can be ordered."""
        changes: dict[str, Any] = {}
        if self.sale_until and self.sale_until[:10] < day and self.list_price:
            changes.update(price=self.list_price, list_price=None, sale_until=None,
                           sale_ended=(self.sale_until[:10], self.price))
        if self.restock_date and self.restock_date[:10] < day:
            changes["restock_date"] = None
        if self.availability in UNSELLABLE and self.stock > 0:
            changes["stock"] = 0
        return replace(self, **changes) if changes else self


# schema.org availabilities under which a variant cannot be ordered, whatever its inventory count says
UNSELLABLE = frozenset({"OutOfStock", "SoldOut", "Discontinued"})


@dataclass(frozen=True)
class BundlePart(_Model):
    """One part of a set/bundle product ("토너 150ml" × 1); `product_id` when the part is sold on its own."""

    name: str
    quantity: int = 1
    product_id: str | None = None


# The product fields that are prose (searched for words no other field names).
OWN_TEXT_FIELDS = ("description", "care", "fitting_note", "material")


@dataclass(frozen=True)
class Product(_Model):
    id: str
    iri: str
    name: str
    aliases: tuple[str, ...] = ()
    category: str = ""
    brand: str = ""
    description: str = ""
    material: str = ""
    fit: str = ""
    origin: str = ""
    care: str = ""
    seasons: tuple[str, ...] = ()
    size_chart: dict[str, dict[str, float]] = field(default_factory=dict)
    fitting_note: str = ""
    variants: tuple[Variant, ...] = ()
    axes: tuple[OptionAxis, ...] = ()
    parts: tuple[BundlePart, ...] = ()

    @property
    def cheapest(self) -> Variant | None:
        """The variant with the lowest current price (ties: the first listed). Price, list price and sale
        end of the product summary all come from this ONE variant, so no discount is ever made up from
        two variants' prices."""
        return min(self.variants, key=lambda v: v.price, default=None)

    @property
    def price(self) -> int:
        """Lowest current price over the variants (0 when the product has none)."""
        v = self.cheapest
        return v.price if v else 0

    @property
    def max_price(self) -> int:
        return max((v.price for v in self.variants), default=0)

    @property
    def list_price(self) -> int | None:
        """Strikethrough price of the cheapest variant when that variant is on sale, else None."""
        v = self.cheapest
        return v.list_price if v is not None and v.on_sale else None

    @property
    def on_sale(self) -> bool:
        return any(v.on_sale for v in self.variants)

    @property
    def sale_until(self) -> str | None:
        v = self.cheapest
        return v.sale_until if v is not None and v.on_sale else None

    def axis(self, key: str) -> OptionAxis | None:
        k = key.lower()
        return next((a for a in self.axes if a.key.lower() == k), None)

    def values(self, axis: str) -> list[str]:
        """The values this product is sold in on `axis`, in catalogue order ([] when it does not vary by it); a fresh
        list each call."""
        return list(self._values_by_axis.get(axis.lower(), ()))

    @cached_property
    def _values_by_axis(self) -> dict[str, list[str]]:
        """Every axis's values, worked out once per product (a turn asks them many times; a cached property is kept
        in the instance's own dict, no field of the frozen product)."""
        axes = {key.lower() for v in self.variants for key, _ in v.options}
        return {axis: _unique(value for v in self.variants if (value := v.option(axis))) for axis in axes}

    @property
    def sizes(self) -> list[str]:
        return self.values(SIZE_AXIS)

    @property
    def colors(self) -> list[str]:
        return self.values(COLOR_AXIS)

    @property
    def own_text(self) -> str:
        """The product's own prose (description, care, fitting note, material): what a question about a feature
        no field names ("안감 있어요?", "SPF?") is answered from."""
        return " ".join(str(getattr(self, f) or "") for f in OWN_TEXT_FIELDS).strip()

    @property
    def total_stock(self) -> int:
        return sum(max(v.stock, 0) for v in self.variants)

    def variant(self, size: str | None = None, color: str | None = None, **options: str) -> list[Variant]:
        """Variants matching the given option values (exact, case-insensitive); an omitted axis means any."""
        wanted = {k: v for k, v in {SIZE_AXIS: size, COLOR_AXIS: color, **options}.items() if v}
        return [v for v in self.variants if v.matches(wanted)]

    def as_of(self, day: str) -> "Product":
        """The product on `day` (ISO date): see `Variant.as_of`."""
        variants = tuple(v.as_of(day) for v in self.variants)
        return self if variants == self.variants else replace(self, variants=variants)

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["variants"] = [{"sku": v.sku, "options": dict(v.options), **{k: getattr(v, k) for k in VARIANT_FIELDS[2:]}}
                            for v in self.variants]
        data.update(price=self.price, max_price=self.max_price, list_price=self.list_price, on_sale=self.on_sale,
                    sale_until=self.sale_until, options={a.label: self.values(a.key) for a in self.axes},
                    total_stock=self.total_stock)
        return data


@dataclass(frozen=True)
class ProductMatch(_Model):
    product_id: str
    name: str
    score: float


@dataclass(frozen=True)
class OptionMention(_Model):
    """An option value a text names: `value` is the shop's spelling, or None when several of the shop's values
    share the token (resolved per product) or the shop sells no such value (a size 285 nobody stocks);
    `token` is what the customer wrote; `start`/`end` locate it in the text."""

    axis: str
    value: str | None
    token: str
    start: int = 0
    end: int = 0
    partial: bool = False  # the token is one part of the value(s) ("21호" of "21호 라이트")


@dataclass(frozen=True)
class SearchResult(_Model):
    """Products a query names, and the option values it names (`mentions`, catalogue-wide)."""

    query: str
    matches: tuple[ProductMatch, ...]
    mentions: tuple[OptionMention, ...] = ()
    ambiguous: bool = False

    @property
    def best(self) -> ProductMatch | None:
        return self.matches[0] if self.matches else None

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """(axis, shop value) of each mention that names one value catalogue-wide."""
        return tuple((m.axis, m.value) for m in self.mentions if m.value)

    def option(self, axis: str) -> str | None:
        return next((value for key, value in self.options if key == axis), None)

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["options"] = dict(self.options)
        return data

    @property
    def size(self) -> str | None:
        return self.option(SIZE_AXIS)

    @property
    def color(self) -> str | None:
        return self.option(COLOR_AXIS)


@dataclass(frozen=True)
class DeliveryQuote(_Model):
    region: str
    amount: int
    base_fee: int
    surcharge: int
    fee: int
    free_threshold: int
    free_applied: bool
    carrier: str
    ships: bool = True
    note: str = ""


@dataclass(frozen=True)
class DispatchEstimate(_Model):
    ordered_at: str
    cutoff: str
    dispatch_date: str
    arrival_from: str
    arrival_until: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrderItem(_Model):
    sku: str
    product_id: str
    name: str
    options: tuple[tuple[str, str], ...]
    quantity: int
    unit_price: int

    @property
    def label(self) -> str:
        return " / ".join(value for _, value in self.options if value)

    @property
    def size(self) -> str:
        return next((v for k, v in self.options if k == SIZE_AXIS), "")

    @property
    def color(self) -> str:
        return next((v for k, v in self.options if k == COLOR_AXIS), "")


@dataclass(frozen=True)
class Order(_Model):
    """An order as the bot may show it to its owner. `owner` holds fingerprints of who ordered
    (`core.identity`: member, phone, phone_last4, name), never the readable values; `agent.order_access`
    decides who sees the rest."""

    number: str
    ordered_at: str
    status: str
    items: tuple[OrderItem, ...]
    total: int
    shipping_fee: int
    carrier: str | None = None
    tracking_number: str | None = None
    expected_arrival_from: str | None = None
    expected_arrival_until: str | None = None
    region: str | None = None
    owner: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    payment_method: str | None = None  # as the shop wrote it ("카드", "카카오페이"); None when unrecorded


@dataclass(frozen=True)
class PolicySection(_Model):
    key: str
    title: str
    text: str
    values: dict[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class FAQEntry(_Model):
    id: str
    question: str
    answer: str
    score: float = 0.0


@dataclass(frozen=True)
class DeliveryPolicy(_Model):
    carrier: str
    base_fee: int
    free_threshold: int
    jeju_surcharge: int
    remote_surcharge: int
    cutoff: str
    handling_days_min: int = 0
    handling_days_max: int = 1
    transit_days_min: int = 1
    transit_days_max: int = 2
    holidays: tuple[str, ...] = ()
    ships_overseas: bool = False
    jeju_postal_ranges: tuple[tuple[str, str], ...] = ()
    remote_postal_ranges: tuple[tuple[str, str], ...] = ()
    # Beyond the contract (defaults keep it backward compatible):
    jeju_region_words: tuple[str, ...] = ("제주",)
    remote_region_words: tuple[str, ...] = ()
    jeju_surcharge_when_free: bool = True
    remote_surcharge_when_free: bool = True
    holiday_names: dict[str, str] = field(default_factory=dict)
    timezone: str = "Asia/Seoul"


def _unique(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v not in seen:
            seen[v] = None
    return list(seen)


def _variant_from_row(row: Any, axes: tuple[OptionAxis, ...]) -> Variant:
    if isinstance(row, dict):
        row = [row.get(k) for k in VARIANT_FIELDS]
    values = row[1] or []
    options = tuple((a.key, str(v)) for a, v in zip(axes, values) if v not in (None, ""))
    return Variant(row[0], options, *row[2:])


def _maybe_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def axes_from(data: dict[str, Any]) -> tuple[OptionAxis, ...]:
    """A raw product's option axes ([{"key", "label"}] in the index)."""
    return tuple(OptionAxis(key=str(a["key"]), label=str(a.get("label") or a["key"])) for a in data.get("axes") or ())


def _product_from_dict(data: dict[str, Any]) -> Product:
    chart = _maybe_json(data.get("size_chart")) or {}
    rows = _maybe_json(data.get("variants")) or ()
    axes = axes_from(data)
    return Product(
        id=data["id"], iri=data.get("iri", ""), name=data["name"],
        aliases=tuple(data.get("aliases") or ()), category=data.get("category") or "",
        brand=data.get("brand") or "", description=data.get("description") or "",
        material=data.get("material") or "", fit=data.get("fit") or "", origin=data.get("origin") or "",
        care=data.get("care") or "", seasons=tuple(data.get("seasons") or ()),
        size_chart={s: dict(m) for s, m in chart.items()},
        fitting_note=data.get("fitting_note") or "",
        variants=tuple(_variant_from_row(r, axes) for r in rows), axes=axes,
        parts=tuple(BundlePart(name=str(x["name"]), quantity=int(x.get("quantity") or 1),
                               product_id=x.get("product_id")) for x in data.get("parts") or ()),
    )


def option_values(data: dict[str, Any], axis: str) -> list[str]:
    """A raw product's values on `axis` without building its variants (catalogue vocabulary, filters)."""
    keys = [str(a["key"]).lower() for a in data.get("axes") or ()]
    if axis.lower() not in keys:
        return []
    i = keys.index(axis.lower())
    rows = _maybe_json(data.get("variants")) or ()
    return _unique(str(values[i]) for r in rows
                   if (values := (r.get("options") if isinstance(r, dict) else r[1]) or []) and len(values) > i
                   and values[i] not in (None, ""))
