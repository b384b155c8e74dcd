"""Products + policies → one ontology file, validated before it is written.

`import_shop` is what `python -m core.ontology_manager import FORMAT FILE --policies shop.toml -o shop.owl`
runs: read the product file and the TOML (collecting every issue), check that orders name imported SKUs,
render RDF/XML with `owl_writer`, parse it back with the same validator the service uses, and only then
write the file. Same inputs → the same bytes (nothing depends on the clock or on dict order of a set).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from core.knowledge.importers import google_merchant, shopify
from core.knowledge.importers.issues import DEFAULT_STOCK, ImportFailed, ImportIssue, Issues
from core.knowledge.importers.policies_toml import load_policies
from core.knowledge.owl_index import build_index
from core.knowledge.owl_writer import OntologyWriteError, ShopData, render_ontology

FORMATS = ("shopify", "google-merchant")


@dataclass
class ImportReport:
    path: Path
    products: int
    variants: int
    orders: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    index: dict[str, Any] = field(default_factory=dict, repr=False)  # the written file's knowledge index


def build_shop(fmt: str, source: Path, policies: Path,
               default_stock: int = DEFAULT_STOCK) -> tuple[ShopData, list[ImportIssue]]:
    """The shop the two files describe, and the warnings; ImportFailed (every issue) when there are errors."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    toml_issues = Issues(str(policies))
    shop = load_policies(policies, toml_issues)
    product_issues = Issues(str(source))
    brand = shop.brand if shop else ""
    if fmt == "shopify":
        products = shopify.read_products(source, product_issues, default_stock, brand)
    else:
        as_of = date.fromisoformat(shop.data_as_of) if shop and shop.data_as_of else None
        products = google_merchant.read_products(source, product_issues, default_stock, brand, as_of)
    if not products and not product_issues.has_errors:
        product_issues.error(None, None, "holds no products to import (every product is draft/archived, or the file "
                                         "has only a header)")
    if shop is not None:
        skus = {v.sku for p in products for v in p.variants}
        for order in shop.orders:
            for line in order.lines:
                if line.sku not in skus:
                    toml_issues.at(f'[[orders]] number = "{order.number}"',
                                   f"line SKU {line.sku!r} is not a variant in {source.name}: use a SKU from the "
                                   "product file")
    issues = [*product_issues.found, *toml_issues.found]
    if shop is None or any(i.is_error for i in issues):
        raise ImportFailed(issues)
    shop.products = products
    return shop, issues


def import_shop(fmt: str, source: Path, policies: Path, out: Path, default_stock: int = DEFAULT_STOCK) -> ImportReport:
    """Import, validate and write `out` atomically; ImportFailed with every issue when it cannot."""
    started = time.perf_counter()
    shop, issues = build_shop(fmt, source, policies, default_stock)
    try:
        data = render_ontology(shop).encode("utf-8")
    except OntologyWriteError as exc:  # the readers check all of this first; a backstop, named like the rest
        raise ImportFailed([*issues, ImportIssue(str(source), None, None, str(exc))]) from exc
    index, violations = build_index(data, source=str(out))
    problems = [ImportIssue(str(out), None, None, str(v), v.severity) for v in violations]
    if any(p.is_error for p in problems):
        raise ImportFailed([*issues, *problems])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return ImportReport(out, len(shop.products), sum(len(p.variants) for p in shop.products), len(shop.orders),
                        time.perf_counter() - started, [str(i) for i in [*issues, *problems]], index)
