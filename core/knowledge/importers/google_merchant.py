"""A Google Merchant Center product feed, tab-separated (support.google.com/merchants/answer/7052112) → products.

One row per item (a variant). Items with the same `item_group_id` are one product; an item without one
is a product on its own. Read: id (the SKU), title, description, price ("15000 KRW"), sale_price and
sale_price_effective_date ("start/end", ISO 8601), availability (in_stock, out_of_stock, preorder,
backorder) and availability_date, item_group_id, item_group_title, color, size, material, pattern,
variant_option ("용량:300ml,호수:21호"), product_type / google_product_category (the last "> " segment is
the category), brand, and quantity when the feed has it (the spec has no stock count; without it an
in-stock item gets `default_stock`, with a warning).

The product's name is `item_group_title`, else the words all its items' titles start with ("수분 토너
150ml" + "수분 토너 300ml" → "수분 토너"), else the first item's title. Axes: size, color, then material
and pattern when they differ between the group's items (otherwise they describe the product), then the
variant_option names in the order given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from core.knowledge.importers.issues import (
    DEFAULT_STOCK,
    Columns,
    Issues,
    axis_for,
    html_to_text,
    parse_count,
    parse_won,
    read_rows,
)
from core.knowledge.owl_writer import ProductData, VariantData, availability_for

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",), "title": ("title",), "description": ("description",), "price": ("price",),
    "sale_price": ("sale_price",), "sale_dates": ("sale_price_effective_date",),
    "availability": ("availability",), "availability_date": ("availability_date",),
    "group": ("item_group_id",), "group_title": ("item_group_title",), "color": ("color",), "size": ("size",),
    "material": ("material",), "pattern": ("pattern",), "variant_option": ("variant_option", "variant_options"),
    "product_type": ("product_type",), "google_category": ("google_product_category",), "brand": ("brand",),
    "quantity": ("quantity", "sell_on_google_quantity"),
}
REQUIRED = ("id", "title", "price")
_AVAILABILITY = {"in_stock": "InStock", "out_of_stock": "OutOfStock", "preorder": "PreOrder",
                 "backorder": "BackOrder"}
_PRICE = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Za-z]{3})?\s*$")
_KST = timezone(timedelta(hours=9))
_TRAILING = " -–—/|,:(·"


@dataclass
class _Item:
    row: int
    sku: str
    title: str
    values: dict[str, str]  # axis candidates: size, color, 소재, 패턴, variant_option names
    variant: VariantData
    fields: dict[str, str]


@dataclass
class _Group:
    key: str
    items: list[_Item] = field(default_factory=list)


def read_products(path: Path, issues: Issues, default_stock: int = DEFAULT_STOCK, shop_brand: str = "",
                  as_of: date | None = None) -> list[ProductData]:
    """The products of a Merchant Center TSV feed, in file order; problems go to `issues`. `as_of` (the day
    the data describes) decides whether a dated sale is on; without it every listed sale price is."""
    rows = read_rows(path, "\t", issues)
    first = next(rows, None)
    if first is None:
        return []
    col = Columns.find(list(first[1]), COLUMNS)
    if not col.require(REQUIRED, issues, "a Merchant Center product feed (tab-separated, attribute names in English)"):
        return []
    if not col.has("quantity"):
        issues.warn(1, "quantity", f"no quantity column (the Merchant spec has no stock count): in-stock items are "
                                   f"imported with stock {default_stock} (--default-stock), out-of-stock with 0")
    reader = _Reader(col, issues, default_stock, as_of)
    groups: dict[str, _Group] = {}
    skus: dict[str, int] = {}
    for number, row in [first, *rows]:
        item = reader.item(number, row, skus)
        if item is not None:
            key = item.fields["group"] or item.sku
            groups.setdefault(key, _Group(key)).items.append(item)
    return [p for g in groups.values() if (p := reader.product(g, shop_brand)) is not None]


@dataclass
class _Reader:
    col: Columns
    issues: Issues
    default_stock: int
    as_of: date | None

    def cell(self, row: dict[str, str], key: str) -> str:
        return self.col.cell(row, key)

    def name(self, key: str) -> str:
        return self.col.name(key)

    def item(self, n: int, row: dict[str, str], skus: dict[str, int]) -> _Item | None:
        sku, title = self.cell(row, "id"), self.cell(row, "title")
        if not sku:
            self.issues.error(n, self.name("id"), "empty: every item needs its id (used as the SKU)")
            return None
        if sku in skus:
            self.issues.error(n, self.name("id"), f"id {sku!r} is already used on row {skus[sku]}: ids must be unique")
            return None
        skus[sku] = n
        if not title:
            self.issues.error(n, self.name("title"), f"empty: item {sku!r} needs a title")
        price = self._money(n, row, "price", required=True)
        sale = self._money(n, row, "sale_price", required=False)
        stock, availability, restock = self._stock(n, row)
        if not title or price is None or stock is None:
            return None
        list_price = None
        sale_until = None
        if sale is not None:
            if sale >= price:
                self.issues.warn(n, self.name("sale_price"), f"{sale} is not below the price {price}: ignored")
            elif self._sale_on(n, row):
                list_price, price = price, sale
                sale_until = self._sale_end(n, row)
        values = self._values(n, row)
        fields = {k: self.cell(row, k) for k in ("group", "group_title", "description", "product_type",
                                                 "google_category", "brand", "material", "pattern")}
        variant = VariantData(sku=sku, stock=stock, price=price, list_price=list_price, sale_until=sale_until,
                              availability=availability, restock_date=restock)
        return _Item(n, sku, title, values, variant, fields)

    def _money(self, n: int, row: dict[str, str], key: str, required: bool) -> int | None:
        text = self.cell(row, key)
        if not text:
            if required:
                self.issues.error(n, self.name(key), "empty: every item needs its price, e.g. 15000 KRW")
            return None
        m = _PRICE.match(text)
        amount = parse_won(m.group(1)) if m else None
        if amount is None or amount == 0:
            self.issues.error(n, self.name(key), f"{text!r} is not a price in won: write e.g. 15000 KRW")
            return None
        currency = (m.group(2) or "KRW").upper() if m else "KRW"
        if currency != "KRW":
            self.issues.error(n, self.name(key), f"{text!r} is in {currency}: the bot answers in won, so the feed "
                                                 "must give KRW prices (e.g. 15000 KRW)")
            return None
        return amount

    def _window(self, n: int, row: dict[str, str]) -> tuple[datetime, datetime] | None:
        text = self.cell(row, "sale_dates")
        if not text:
            return None
        start, sep, end = text.partition("/")
        try:
            if not sep:
                raise ValueError("no '/'")
            return _instant(start), _instant(end, end=True)
        except ValueError:
            self.issues.error(n, self.name("sale_dates"), f"{text!r} is not 'start/end' in ISO 8601, e.g. "
                                                          "2026-11-01T00:00+09:00/2026-12-01T00:00+09:00")
            return None

    def _sale_on(self, n: int, row: dict[str, str]) -> bool:
        window = self._window(n, row)
        if window is None or self.as_of is None:
            return True
        start, end = window
        if start.astimezone(_KST).date() > self.as_of:
            self.issues.warn(n, self.name("sale_dates"), f"the sale starts {start.date()}, after the data date "
                                                         f"{self.as_of}: imported at the regular price")
            return False
        if _last_day(end) < self.as_of:
            self.issues.warn(n, self.name("sale_dates"), f"the sale ended {_last_day(end)}: imported at the regular "
                                                         "price")
            return False
        return True

    def _sale_end(self, n: int, row: dict[str, str]) -> str | None:
        window = self._window(n, row) if self.cell(row, "sale_dates") else None
        return _last_day(window[1]).isoformat() if window else None

    def _stock(self, n: int, row: dict[str, str]) -> tuple[int | None, str | None, str | None]:
        text = self.cell(row, "availability").lower().replace(" ", "_")
        feed = _AVAILABILITY.get(text)
        if text and feed is None:
            self.issues.error(n, self.name("availability"), f"{text!r}: use in_stock, out_of_stock, preorder or "
                                                            "backorder")
            return None, None, None
        if not text:
            self.issues.error(n, self.name("availability"), "empty: every item needs in_stock, out_of_stock, "
                                                            "preorder or backorder")
            return None, None, None
        restock = self.cell(row, "availability_date")[:10] or None
        if not self.col.has("quantity") or not self.cell(row, "quantity"):
            if self.col.has("quantity") and feed == "InStock":
                self.issues.warn(n, self.name("quantity"), f"empty: imported with stock {self.default_stock} "
                                                           "(--default-stock)")
            return (self.default_stock if feed == "InStock" else 0), (None if feed == "InStock" else feed), restock
        qty = parse_count(self.cell(row, "quantity"))
        if qty is None or qty < 0:
            self.issues.error(n, self.name("quantity"), f"{self.cell(row, 'quantity')!r} is not a stock count: "
                                                        "write a whole number, e.g. 12")
            return None, None, None
        if feed == "InStock":
            if qty == 0:
                self.issues.warn(n, self.name("quantity"), "0 although availability is in_stock: imported as out of "
                                                           "stock")
            return qty, availability_for(qty), restock
        return qty, feed, restock

    def _values(self, n: int, row: dict[str, str]) -> dict[str, str]:
        values = {k: self.cell(row, k) for k in ("size", "color")}
        values.update({"소재": self.cell(row, "material"), "패턴": self.cell(row, "pattern")})
        for pair in filter(None, (x.strip() for x in self.cell(row, "variant_option").split(","))):
            name, sep, value = pair.partition(":")
            if not sep or not name.strip() or not value.strip():
                self.issues.error(n, self.name("variant_option"), f"{pair!r} is not name:value (e.g. 용량:300ml)")
                continue
            values[axis_for(name)] = value.strip()
        return {k: v for k, v in values.items() if v}

    def product(self, g: _Group, shop_brand: str) -> ProductData | None:
        items = g.items
        head = items[0]
        axes: list[str] = []
        for item in items:
            for key in item.values:
                if key not in axes:
                    axes.append(key)
        fixed: dict[str, str] = {}
        for key in ("소재", "패턴"):  # the same for every item: a property of the product, not an option
            seen = {i.values.get(key, "") for i in items}
            if key in axes and len(seen) == 1:
                fixed[key] = seen.pop()
                axes.remove(key)
        axes.sort(key=lambda k: (k != "size", k != "color"))
        ok = True
        combos: dict[tuple[str, ...], int] = {}
        for item in items:
            for key in axes:
                if key not in item.values:
                    column = {"size": "size", "color": "color", "소재": "material", "패턴": "pattern"}.get(
                        key, "variant_option")
                    self.issues.error(item.row, self.name(column),
                                      f"item {item.sku!r} has no {key} value although other items of group {g.key!r} "
                                      f"vary by it (e.g. row {next(i.row for i in items if key in i.values)})")
                    ok = False
            combo = tuple(item.values.get(k, "") for k in axes)
            if combo in combos:
                self.issues.error(item.row, self.name("id"), f"item {item.sku!r} has the same options as row "
                                  f"{combos[combo]} in group {g.key!r} ({' / '.join(combo) or 'none'})")
                ok = False
            combos.setdefault(combo, item.row)
        if not ok:
            return None
        for item in items:
            v = item.variant
            v.size, v.color = item.values.get("size"), item.values.get("color")
            v.options = {k: item.values[k] for k in axes if k not in ("size", "color")}
        brand = next((i.fields["brand"] for i in items if i.fields["brand"]), "")
        category = head.fields["product_type"] or (
            "" if head.fields["google_category"].isdigit() else head.fields["google_category"])
        return ProductData(
            id=g.key, name=_group_name(items), category=category.split(">")[-1].strip(),
            description=html_to_text(head.fields["description"]), material=fixed.get("소재", ""),
            brand=brand if brand and brand != shop_brand else None, varies_by=axes,
            variants=[i.variant for i in items])


def _group_name(items: list[_Item]) -> str:
    titled = next((i.fields["group_title"] for i in items if i.fields["group_title"]), "")
    if titled or len(items) == 1:
        return titled or items[0].title
    words = [i.title.split() for i in items]
    common: list[str] = []
    for column in zip(*words):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    name = " ".join(common).rstrip(_TRAILING)
    return name or items[0].title


def _instant(text: str, end: bool = False) -> datetime:
    """An ISO 8601 date or date-time ("2026-11-01", "2026-11-01T00:00+0900", "…Z"); naive means Korean time.
    A bare date as the end of a window means the whole of that day."""
    t = text.strip()
    t = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", t)
    value = datetime.fromisoformat(t)
    if end and "T" not in t and " " not in t:
        value += timedelta(days=1)
    return value if value.tzinfo else value.replace(tzinfo=_KST)


def _last_day(end: datetime) -> date:
    """The last Korean calendar day a sale ending at `end` is on: an end at midnight means the day before."""
    local = end.astimezone(_KST)
    at_midnight = (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    return local.date() - timedelta(days=1) if at_midnight else local.date()
