"""The shop's knowledge as plain Python objects, and the query API the agents call.

`ShopKnowledge` is built from a JSON-able index dict (see `core.ontology_index` for its layout), so
it loads from JSON in milliseconds and never holds rdflib/owlready2 types. Every number an agent
may quote (prices, stock, fees, dates) comes from here.
"""

from __future__ import annotations

import copy
import json
import threading
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
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


class ShopKnowledge:
    """Read-only query API over one ontology version (thread-safe; lazily builds search structures)."""

    def __init__(self, index: dict[str, Any], source: str | None = None) -> None:
        fmt = index.get("format")
        version = index.get("format_version")
        if fmt != INDEX_FORMAT or version != INDEX_FORMAT_VERSION:
            raise KnowledgeError(
                f"knowledge index has format {fmt!r} v{version!r}, this code reads {INDEX_FORMAT!r} "
                f"v{INDEX_FORMAT_VERSION}: rebuild it with `python -m core.ontology_manager build <ontology>`"
            )
        self.version: str = str(index.get("ontology_sha256") or "")
        self.source: str = source or str(index.get("source") or "")
        self.shop: dict[str, Any] = dict(index.get("shop") or {})
        self._raw_products: list[dict[str, Any]] = list(index.get("products") or [])
        self._pos: dict[str, int] = {p["id"]: i for i, p in enumerate(self._raw_products)}
        self._products: list[Product | None] = [None] * len(self._raw_products)
        self._delivery_raw: dict[str, Any] = dict(index.get("delivery") or {})
        self._raw_orders: dict[str, dict[str, Any]] = {
            str(o["number"]): o for o in index.get("orders") or []}
        self._policies: dict[str, PolicySection] = {}
        for p in index.get("policies") or []:
            self._policies[p["key"]] = PolicySection(
                key=p["key"], title=p.get("title") or p["key"], text=p.get("text") or "",
                values=dict(p.get("values") or {}))
        self._faq_raw: list[dict[str, Any]] = list(index.get("faq") or [])
        self._catalogue: dict[str, Any] = dict(index.get("catalogue") or {})
        self._search_pre: dict[str, Any] | None = index.get("search")
        self._search: Any = None
        self._faq_index: Any = None
        self._delivery: DeliveryPolicy | None = None
        self._lock = threading.Lock()
        self._as_of: str | None = None  # None: the ontology as written; see `on()`
        self._views: dict[str, ShopKnowledge] = {}

    # -- products ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._raw_products)

    def product_ids(self) -> list[str]:
        return list(self._pos)

    def on(self, day: date | str) -> "ShopKnowledge":
        """A view of this version as customers see it on `day`: sales that ended are over, past restock
        dates are dropped, unsellable variants have no stock. Shares the index and search structures;
        the pipeline answers every turn through `knowledge.on(now.date())`."""
        iso = day.isoformat() if isinstance(day, date) else str(day)[:10]
        if iso == self._as_of:
            return self
        cached = self._views.get(iso)
        if cached is not None:
            return cached
        self._searcher()  # build once here, so every view shares it
        view = copy.copy(self)
        view._as_of = iso
        view._products = [None] * len(self._raw_products)
        view._views = {}
        self._views = {iso: view}  # one day at a time: warm turns reuse its products
        return view

    def _product_at(self, i: int) -> Product:
        p = self._products[i]
        if p is None:
            p = _product_from_dict(self._raw_products[i])
            if self._as_of:
                p = p.as_of(self._as_of)
            self._products[i] = p
        return p

    def product(self, product_id: str) -> Product | None:
        i = self._pos.get(str(product_id).strip())
        return None if i is None else self._product_at(i)

    def products(self) -> list[Product]:
        return [self._product_at(i) for i in range(len(self._raw_products))]

    def _searcher(self) -> Any:
        if self._search is None:
            with self._lock:
                if self._search is None:
                    from core.product_search import ProductSearch

                    self._search = ProductSearch(self._raw_products, pre=self._search_pre,
                                                 catalogue=self._catalogue)
                    self._search_pre = None  # owned by the search structures now
        return self._search

    def warm(self) -> None:
        """Build the search structures now (the manager calls this off the request path)."""
        self._searcher()

    def find_products(self, query: str, limit: int = 5) -> SearchResult:
        """Korean-aware fuzzy product search; recognises size/colour words mixed into the query."""
        return self._searcher().search(query, limit=limit)

    def filter_products(self, category: str | None = None, on_sale: bool | None = None,
                        max_price: int | None = None, size: str | None = None, color: str | None = None,
                        in_stock: bool | None = None, limit: int = 20) -> list[Product]:
        """Catalogue filter; size/colour accept aliases (라지, 검정 ...) and, with in_stock, need stock there."""
        return self._searcher().filter(self, category=category, on_sale=on_sale, max_price=max_price,
                                       size=size, color=color, in_stock=in_stock, limit=limit)

    def categories(self) -> list[str]:
        return _unique(p.get("category") or "" for p in self._raw_products if p.get("category"))

    def sizes(self) -> list[str]:
        if "sizes" in self._catalogue:
            return list(self._catalogue["sizes"])
        return _unique(_row_get(r, 1) for p in self._raw_products for r in _maybe_json(p.get("variants")) or ())

    def colors(self) -> list[str]:
        if "colors" in self._catalogue:
            return list(self._catalogue["colors"])
        return _unique(_row_get(r, 2) for p in self._raw_products for r in _maybe_json(p.get("variants")) or ())

    # -- delivery ---------------------------------------------------------------------------------
    def delivery_policy(self) -> DeliveryPolicy:
        if self._delivery is None:
            from core.delivery_rules import policy_from_dict

            self._delivery = policy_from_dict(self._delivery_raw)
        return self._delivery

    def delivery_quote(self, amount: int, region: str | None = None, address: str | None = None,
                       postal_code: str | None = None) -> DeliveryQuote:
        from core.delivery_rules import quote

        return quote(self.delivery_policy(), amount, region=region, address=address, postal_code=postal_code)

    def dispatch_estimate(self, ordered_at: datetime) -> DispatchEstimate:
        from core.delivery_rules import estimate

        return estimate(self.delivery_policy(), ordered_at)

    # -- orders, policies, FAQ --------------------------------------------------------------------
    def order(self, number: str) -> Order | None:
        key = str(number).strip().replace(" ", "")
        raw = self._raw_orders.get(key)
        if raw is None:
            digits = "".join(ch for ch in key if ch.isdigit())
            for num, candidate in self._raw_orders.items():
                if digits and "".join(ch for ch in num if ch.isdigit()) == digits:
                    raw = candidate
                    break
        if raw is None:
            return None
        return Order(
            number=str(raw["number"]), ordered_at=raw.get("ordered_at") or "", status=raw.get("status") or "",
            items=tuple(OrderItem(**{k: it.get(k) for k in ("sku", "product_id", "name", "size", "color",
                                                             "quantity", "unit_price")})
                        for it in raw.get("items") or ()),
            total=int(raw.get("total") or 0), shipping_fee=int(raw.get("shipping_fee") or 0),
            carrier=raw.get("carrier"), tracking_number=raw.get("tracking_number"),
            expected_arrival_from=raw.get("expected_arrival_from"),
            expected_arrival_until=raw.get("expected_arrival_until"), region=raw.get("region"),
        )

    def order_numbers(self) -> list[str]:
        return list(self._raw_orders)

    def policy(self, key: str) -> PolicySection | None:
        return self._policies.get(key.strip().lower().replace("-", "_")) if key else None

    def policies(self) -> list[PolicySection]:
        return list(self._policies.values())

    def faq(self, query: str, limit: int = 3) -> list[FAQEntry]:
        """FAQ entries ranked by fuzzy similarity of question (and answer) to the query."""
        if self._faq_index is None:
            from core.product_search import FAQSearch

            self._faq_index = FAQSearch(self._faq_raw)
        return self._faq_index.search(query, limit=limit)

    def summary(self) -> dict[str, Any]:
        """Counts for logs and the CLI."""
        return {"version": self.version[:12], "source": self.source, "products": len(self._raw_products),
                "variants": self._catalogue.get("variant_count",
                                                sum(len(_maybe_json(p.get("variants")) or ()) for p in self._raw_products)),
                "orders": len(self._raw_orders), "policies": len(self._policies), "faq": len(self._faq_raw)}


def _row_get(row: Any, i: int) -> Any:
    return row[VARIANT_FIELDS[i]] if isinstance(row, dict) else row[i]
