"""The shop's knowledge as plain Python objects: products, variants, delivery, orders, policies, FAQ.

Pure data (frozen dataclasses) and the index format constants; no parsing, no search, no I/O.
`core.knowledge.shop_knowledge.ShopKnowledge` builds these from a JSON index (see
`core.knowledge.owl_index` for its layout). Every number an agent may quote comes from here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

INDEX_FORMAT = "jogunshop-knowledge-index"
INDEX_FORMAT_VERSION = 1

REGION_BASIC = "기본"
REGION_JEJU = "제주"
REGION_REMOTE = "도서산간"

POLICY_KEYS = (
    "delivery", "returns", "exchange", "refund", "cancellation", "payment", "points", "coupons",
    "membership", "store", "address_change", "bundling", "overseas", "receipts",
)

# Positional layout of a variant row in the index (compact: 100k variants load fast as lists).
VARIANT_FIELDS = ("sku", "size", "color", "stock", "price", "list_price", "sale_until", "availability",
                  "restock_date")


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
class Variant(_Model):
    sku: str
    size: str
    color: str
    stock: int
    price: int
    list_price: int | None = None
    sale_until: str | None = None
    availability: str = "InStock"
    restock_date: str | None = None

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
            changes.update(price=self.list_price, list_price=None, sale_until=None)
        if self.restock_date and self.restock_date[:10] < day:
            changes["restock_date"] = None
        if self.availability in UNSELLABLE and self.stock > 0:
            changes["stock"] = 0
        return replace(self, **changes) if changes else self


# schema.org availabilities under which a variant cannot be ordered, whatever its inventory count says
UNSELLABLE = frozenset({"OutOfStock", "SoldOut", "Discontinued"})


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

    @property
    def price(self) -> int:
        """Lowest current price over the variants (0 when the product has none)."""
        return min((v.price for v in self.variants), default=0)

    @property
    def list_price(self) -> int | None:
        """Original (strikethrough) price of the cheapest variant on sale, else None."""
        sale = [v for v in self.variants if v.on_sale]
        if not sale:
            return None
        cheapest = min(sale, key=lambda v: v.price)
        return cheapest.list_price

    @property
    def on_sale(self) -> bool:
        return any(v.on_sale for v in self.variants)

    @property
    def sale_until(self) -> str | None:
        dates = [v.sale_until for v in self.variants if v.on_sale and v.sale_until]
        return min(dates) if dates else None

    @property
    def sizes(self) -> list[str]:
        return _unique(v.size for v in self.variants)

    @property
    def colors(self) -> list[str]:
        return _unique(v.color for v in self.variants)

    @property
    def total_stock(self) -> int:
        return sum(max(v.stock, 0) for v in self.variants)

    def variant(self, size: str | None = None, color: str | None = None) -> list[Variant]:
        """Variants matching size and/or colour (exact, case-insensitive); None means any."""
        s = size.strip().lower() if size else None
        c = color.strip().lower() if color else None
        return [v for v in self.variants
                if (s is None or v.size.lower() == s) and (c is None or v.color.lower() == c)]

    def as_of(self, day: str) -> "Product":
        """The product on `day` (ISO date): see `Variant.as_of`."""
        variants = tuple(v.as_of(day) for v in self.variants)
        return self if variants == self.variants else replace(self, variants=variants)

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data.update(price=self.price, list_price=self.list_price, on_sale=self.on_sale,
                    sale_until=self.sale_until, sizes=self.sizes, colors=self.colors,
                    total_stock=self.total_stock)
        return data


@dataclass(frozen=True)
class ProductMatch(_Model):
    product_id: str
    name: str
    score: float


@dataclass(frozen=True)
class SearchResult(_Model):
    query: str
    matches: tuple[ProductMatch, ...]
    size: str | None = None
    color: str | None = None
    ambiguous: bool = False

    @property
    def best(self) -> ProductMatch | None:
        return self.matches[0] if self.matches else None


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
    size: str
    color: str
    quantity: int
    unit_price: int


@dataclass(frozen=True)
class Order(_Model):
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


def _variant_from_row(row: Any) -> Variant:
    if isinstance(row, dict):
        return Variant(**{k: row.get(k) for k in VARIANT_FIELDS})  # type: ignore[arg-type]
    return Variant(*row)


def _maybe_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _product_from_dict(data: dict[str, Any]) -> Product:
    chart = _maybe_json(data.get("size_chart")) or {}
    rows = _maybe_json(data.get("variants")) or ()
    return Product(
        id=data["id"], iri=data.get("iri", ""), name=data["name"],
        aliases=tuple(data.get("aliases") or ()), category=data.get("category") or "",
        brand=data.get("brand") or "", description=data.get("description") or "",
        material=data.get("material") or "", fit=data.get("fit") or "", origin=data.get("origin") or "",
        care=data.get("care") or "", seasons=tuple(data.get("seasons") or ()),
        size_chart={s: dict(m) for s, m in chart.items()},
        fitting_note=data.get("fitting_note") or "",
        variants=tuple(_variant_from_row(r) for r in rows),
    )


def _row_get(row: Any, i: int) -> Any:
    return row[VARIANT_FIELDS[i]] if isinstance(row, dict) else row[i]
