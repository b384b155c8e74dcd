"""The Shopify product CSV (help.shopify.com/en/manual/products/import-export/using-csv) → products.

Rows with the same `Handle` are one product; its first row carries the product fields (Title, Body (HTML),
Vendor, Type, Tags, Status, Option1-3 Name). Every row with an option value, a SKU or a price is a
variant; rows without (extra images) are skipped. `Option1 Name` `Title` with value `Default Title` is
Shopify's way of saying "one form only". Both column spellings Shopify has used are read: the classic
(`Variant SKU`, `Variant Price`, `Body (HTML)`) and the current export's (`SKU`, `Price`, `Description`).
Prices are in the shop's currency, which must be KRW.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.knowledge.importers.issues import (
    DEFAULT_STOCK,
    SEASONS,
    Columns,
    Issues,
    axis_for,
    html_to_text,
    parse_count,
    parse_won,
    read_rows,
)
from core.knowledge.owl_writer import ProductData, VariantData

# our field -> the spellings Shopify's documented product CSV has used for it
COLUMNS: dict[str, tuple[str, ...]] = {
    "handle": ("Handle", "URL handle"),
    "title": ("Title",),
    "body": ("Body (HTML)", "Description"),
    "vendor": ("Vendor",),
    "product_category": ("Product Category", "Product category"),
    "type": ("Type",),
    "tags": ("Tags",),
    "status": ("Status",),
    "sku": ("Variant SKU", "SKU"),
    "price": ("Variant Price", "Price"),
    "compare_at": ("Variant Compare At Price", "Compare-at price", "Compare At Price"),
    "qty": ("Variant Inventory Qty", "Inventory quantity", "Inventory Qty"),
    "policy": ("Variant Inventory Policy",),
    **{f"option{i}_name": (f"Option{i} Name",) for i in (1, 2, 3)},
    **{f"option{i}_value": (f"Option{i} Value",) for i in (1, 2, 3)},
}
REQUIRED = ("handle", "title", "price")


@dataclass
class _Draft:
    product: ProductData
    row: int
    option_names: list[str]
    skip: str = ""  # why the product is not imported (draft/archived)
    skus: dict[str, int] = field(default_factory=dict)
    combos: dict[tuple[str, ...], int] = field(default_factory=dict)


def read_products(path: Path, issues: Issues, default_stock: int = DEFAULT_STOCK,
                  shop_brand: str = "") -> list[ProductData]:
    """The products of a Shopify product CSV, in file order; problems go to `issues`."""
    rows = read_rows(path, ",", issues)
    first = next(rows, None)
    if first is None:
        return []
    col = Columns.find(list(first[1]), COLUMNS)
    if not col.require(REQUIRED, issues, "a Shopify product CSV (export it from Products > Export)"):
        return []
    if not col.has("qty"):
        issues.warn(1, COLUMNS["qty"][0], f"no stock column: every variant is imported with stock {default_stock} "
                                          "(--default-stock). Export with inventory, or the bot quotes that number")
    drafts: dict[str, _Draft] = {}
    sku_rows: dict[str, int] = {}
    reader = _Reader(col, issues, default_stock, shop_brand)
    for number, row in [first, *rows]:
        reader.row(number, row, drafts, sku_rows)
    return [d.product for d in drafts.values() if not d.skip and d.product.variants]


@dataclass
class _Reader:
    col: Columns
    issues: Issues
    default_stock: int
    shop_brand: str

    def cell(self, row: dict[str, str], key: str) -> str:
        return self.col.cell(row, key)

    def name(self, key: str) -> str:
        return self.col.name(key)

    def row(self, n: int, row: dict[str, str], drafts: dict[str, _Draft], sku_rows: dict[str, int]) -> None:
        handle = self.cell(row, "handle")
        if not handle:
            self.issues.error(n, self.name("handle"), "empty: every row needs the Handle of the product it belongs to")
            return
        draft = drafts.get(handle)
        if draft is None:
            draft = drafts[handle] = self._product(n, handle, row)
        if draft.skip:
            return
        if not any(self.cell(row, k) for k in ("sku", "price", "option1_value", "option2_value", "option3_value")):
            return  # an image row
        self._variant(n, row, draft, sku_rows)

    def _product(self, n: int, handle: str, row: dict[str, str]) -> _Draft:
        title = self.cell(row, "title")
        names = [self.cell(row, f"option{i}_name") for i in (1, 2, 3)]
        product = ProductData(id=handle, name=title or handle)
        draft = _Draft(product, n, names)
        if not title:
            self.issues.error(n, self.name("title"), f"empty on the first row of product {handle!r}: the product "
                                                    "needs its name there")
            draft.skip = "no title"
            return draft
        status = self.cell(row, "status").lower()
        if status in ("draft", "archived"):
            self.issues.warn(n, self.name("status"), f"product {handle!r} is {status}: not imported (customers "
                                                    "cannot buy it)")
            draft.skip = status
            return draft
        if status not in ("", "active"):
            self.issues.warn(n, self.name("status"), f"unknown status {status!r} (active, draft, archived): "
                                                    "imported as active")
        product.description = html_to_text(self.cell(row, "body"))
        category = self.cell(row, "type") or self.cell(row, "product_category").split(">")[-1].strip()
        product.category = category
        vendor = self.cell(row, "vendor")
        product.brand = vendor if vendor and vendor != self.shop_brand else None
        tags = [t.strip() for t in self.cell(row, "tags").split(",") if t.strip()]
        product.seasons = [t for t in SEASONS if t in tags]
        product.keywords = [t for t in tags if t not in SEASONS]
        if names[0].lower() == "title" and not any(names[1:]):
            draft.option_names = ["", "", ""]  # Shopify's "Default Title": one form only
        for i, name in enumerate(draft.option_names):
            if name:
                axis = axis_for(name)
                if axis in product.varies_by:
                    self.issues.error(n, self.name(f"option{i + 1}_name"),
                                      f"product {handle!r} names the option {name!r} twice")
                product.varies_by.append(axis)
        return draft

    def _variant(self, n: int, row: dict[str, str], draft: _Draft, sku_rows: dict[str, int]) -> None:
        p = draft.product
        values: dict[str, str] = {}
        ok = True
        for i, name in enumerate(draft.option_names, 1):
            value = self.cell(row, f"option{i}_value")
            if not name:
                if value and not (i == 1 and value.lower() == "default title"):
                    self.issues.error(n, self.name(f"option{i}_value"),
                                      f"{value!r} but product {p.id!r} names no Option{i} Name on its first row "
                                      f"(row {draft.row}): add the option's name there")
                    ok = False
                continue
            if not value:
                self.issues.error(n, self.name(f"option{i}_value"),
                                  f"empty, but product {p.id!r} varies by {name!r}: give this variant its {name}")
                ok = False
                continue
            values[axis_for(name)] = value
        price = self._price(n, row, p.id)
        stock, availability = self._stock(n, row)
        if not ok or price is None or stock is None:
            return
        combo = tuple(values.get(a, "") for a in p.varies_by)
        if combo in draft.combos:
            self.issues.error(n, self.name("option1_value"), f"product {p.id!r} already has a variant with "
                              f"{' / '.join(combo) or 'no options'} (row {draft.combos[combo]}): give each variant "
                              "its own option values")
            return
        draft.combos[combo] = n
        sku = self.cell(row, "sku")
        if not sku:
            sku = f"{p.id}-{len(p.variants) + 1}"
            self.issues.warn(n, self.name("sku"), f"empty: imported as {sku!r}. Set a SKU so orders "
                                                                  "and later imports can name this variant")
        if sku in sku_rows:
            self.issues.error(n, self.name("sku"), f"SKU {sku!r} is already used on row {sku_rows[sku]}: every "
                                                  "variant needs its own SKU")
            return
        sku_rows[sku] = n
        list_price = self._list_price(n, row, price)
        size, color = values.pop("size", None), values.pop("color", None)
        p.variants.append(VariantData(sku=sku, size=size, color=color, options=values, stock=stock, price=price,
                                      list_price=list_price, availability=availability))

    def _price(self, n: int, row: dict[str, str], pid: str) -> int | None:
        text = self.cell(row, "price")
        if not text:
            self.issues.error(n, self.name("price"), f"empty: every variant of {pid!r} needs its price in won")
            return None
        price = parse_won(text)
        if price is None or price == 0:
            self.issues.error(n, self.name("price"), f"{text!r} is not a price in won: write a whole number, e.g. 39000")
            return None
        return price

    def _list_price(self, n: int, row: dict[str, str], price: int) -> int | None:
        text = self.cell(row, "compare_at")
        if not text:
            return None
        compare = parse_won(text)
        if compare is None:
            self.issues.error(n, self.name("compare_at"), f"{text!r} is not a price in won: write a whole number "
                                                         "or leave it empty")
            return None
        if compare <= price:
            if compare:
                self.issues.warn(n, self.name("compare_at"), f"{compare} is not above the price {price}: ignored "
                                                            "(no sale is shown)")
            return None
        return compare

    def _stock(self, n: int, row: dict[str, str]) -> tuple[int | None, str | None]:
        continue_selling = self.cell(row, "policy").lower() == "continue"
        if not self.col.has("qty"):
            return self.default_stock, None
        text = self.cell(row, "qty")
        if not text:
            self.issues.warn(n, self.name("qty"), f"empty: imported with stock {self.default_stock} (--default-stock)")
            return self.default_stock, None
        qty = parse_count(text)
        if qty is None:
            self.issues.error(n, self.name("qty"), f"{text!r} is not a stock count: write a whole number, e.g. 12")
            return None, None
        if qty < 0:
            self.issues.warn(n, self.name("qty"), f"{qty} (oversold): imported as 0 in stock")
            qty = 0
        return qty, ("BackOrder" if qty == 0 and continue_selling else None)
