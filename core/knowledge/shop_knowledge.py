"""`ShopKnowledge`: the read-only query API the agents call, over one version of the JSON index.

Built from a JSON-able index dict (see `core.knowledge.owl_index` for its layout), so it loads in
milliseconds and never holds rdflib/owlready2 types. Search structures and delivery rules are built
lazily on first use.

Each product row is checked against the index schema (`index_schema.check_product_row`) the first time
it is used, unless the caller says the rows were checked already (an index it has just built from the
OWL). A row that breaks the schema is refused: the product is not served (`product()` is None, searches
and lists leave it out), an ERROR names what is wrong, and `on_refused` (the manager's hook) is called so
the OWL can be parsed instead.
"""

from __future__ import annotations

import copy
import gc
import logging
import threading
from datetime import date, datetime
from itertools import islice
from typing import Any, Callable

from core.knowledge.model import (COLOR_AXIS, INDEX_FORMAT, INDEX_FORMAT_VERSION, OWN_TEXT_FIELDS, SIZE_AXIS, DeliveryPolicy,
                                  DeliveryQuote, DispatchEstimate, FAQEntry, KnowledgeError, Order, OrderItem,
                                  PolicySection, Product, SearchResult, _maybe_json, _product_from_dict, _unique)

logger = logging.getLogger("core.knowledge")


class ShopKnowledge:
    """Read-only query API over one ontology version (thread-safe; lazily builds search structures)."""

    def __init__(self, index: dict[str, Any], source: str | None = None, rows_checked: bool = False) -> None:
        """rows_checked: every product row already passed the index schema (an index just built from the OWL);
        otherwise each row is checked when its product is first used."""
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
        # per row: None not checked yet, True valid, False refused (shared with the `on()` views); None: all valid
        self._row_ok: list[bool | None] | None = None if rows_checked else [None] * len(self._raw_products)
        self.refused: dict[str, str] = {}  # product id -> why its row is not served
        self.on_refused: Callable[["ShopKnowledge", str], None] | None = None
        self._delivery_raw: dict[str, Any] = dict(index.get("delivery") or {})
        self._raw_orders: dict[str, dict[str, Any]] = {
            str(o["number"]): o for o in index.get("orders") or []}
        self._orders_by_canon: dict[str, dict[str, Any]] | None = None
        self._order_pattern: Any = None
        self._policies: dict[str, PolicySection] = {}
        for p in index.get("policies") or []:
            self._policies[p["key"]] = PolicySection(
                key=p["key"], title=p.get("title") or p["key"], text=p.get("text") or "",
                values=dict(p.get("values") or {}))
        self._faq_raw: list[dict[str, Any]] = list(index.get("faq") or [])
        self._catalogue: dict[str, Any] = dict(index.get("catalogue") or {})
        self._search_pre: dict[str, Any] | None = index.get("search")
        self._retrieval_raw: dict[str, Any] | None = index.get("retrieval")
        self._passages: Any = None
        self._search: Any = None
        self._faq_index: Any = None
        self._delivery: DeliveryPolicy | None = None
        self._lock = threading.Lock()
        self._as_of: str | None = None  # None: the ontology as written; see `on()`
        self._texts: list[str] | None = None  # lower-cased product texts for `products_describing`, built on first use
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
        self._searcher()  # build once here, so every view shares them
        self.passages()
        view = copy.copy(self)
        view._as_of = iso
        view._products = [None] * len(self._raw_products)
        view._views = {}
        self._views = {iso: view}  # one day at a time: warm turns reuse its products
        return view

    def _row(self, i: int) -> dict[str, Any] | None:
        """Row `i` to build the product from, checked against the index schema on first use (then with its
        variants already parsed); None when it is refused (reported once)."""
        raw = self._raw_products[i]
        checked = self._row_ok
        if checked is None or checked[i]:
            return raw
        if checked[i] is False:
            return None
        from core.knowledge.index_schema import check_product_row

        try:
            valid = check_product_row(raw, f"the knowledge index of {self.source or 'the shop'}")
        except Exception as exc:  # noqa: BLE001 - any failure refuses the row; a request never crashes on it
            checked[i] = False
            message = str(exc) or type(exc).__name__
            self.refused[str(raw.get("id") if isinstance(raw, dict) else i)] = message
            logger.error("product refused: %s", message, extra={"source": self.source, "version": self.version[:12]})
            hook = self.on_refused
            if hook is not None:
                try:
                    hook(self, message)
                except Exception:  # noqa: BLE001 - the hook's own failure must not fail the request
                    logger.exception("on_refused hook failed")
            return None
        checked[i] = True
        return {**raw, "variants": valid.variants}  # the size chart is read as written (its 78 stays 78, not 78.0)

    def _usable(self, i: int) -> bool:
        """Whether row `i` passes the index schema (see `_row`)."""
        return self._row(i) is not None

    def _product_at(self, i: int) -> Product | None:
        p = self._products[i]
        if p is None:
            row = self._row(i)
            if row is None:
                return None
            p = _product_from_dict(row)
            if self._as_of:
                p = p.as_of(self._as_of)
            self._products[i] = p
        return p

    def product(self, product_id: str) -> Product | None:
        """The product with this id; None when there is none or its index row was refused."""
        i = self._pos.get(str(product_id).strip())
        return None if i is None else self._product_at(i)

    def products(self) -> list[Product]:
        """Every product whose row passes the index schema.

        The cyclic garbage collector is paused meanwhile: 10k products are ~100k new objects, and the collections
        they would trigger nearly double the time (10k products, rows checked: ~0.8 s instead of 1.4-1.8 s)."""
        paused = gc.isenabled()
        gc.disable()
        try:
            return [p for i in range(len(self._raw_products)) if (p := self._product_at(i)) is not None]
        finally:
            if paused:
                gc.enable()

    def products_describing(self, words: list[str], limit: int = 3) -> list[tuple[str, int]]:
        """(id, how many of `words` it holds) for the products whose own texts (`Product.own_text`) hold the most
        of `words` ("윈도우 깔려있어요?" -> the laptop whose description says "윈도우 11 홈"), best first; only
        products holding at least one. For questions that name a thing about a product, not the product."""
        wanted = [w.lower() for w in words if len(w) >= 2]
        if not wanted:
            return []
        if self._texts is None:
            self._texts = [" ".join(str(p.get(k) or "") for k in OWN_TEXT_FIELDS).lower() for p in self._raw_products]
        scored = [(sum(1 for w in wanted if w in text), i) for i, text in enumerate(self._texts)]
        scored = sorted(((n, i) for n, i in scored if n), key=lambda t: (-t[0], t[1]))
        usable = ((n, i) for n, i in scored if self._usable(i))  # checks only as many rows as are returned
        return [(self._raw_products[i]["id"], n) for n, i in islice(usable, max(limit, 0))]

    def _searcher(self) -> Any:
        if self._search is None:
            with self._lock:
                if self._search is None:
                    from core.knowledge.search import ProductSearch

                    self._search = ProductSearch(self._raw_products, pre=self._search_pre,
                                                 catalogue=self._catalogue,
                                                 usable=None if self._row_ok is None else self._usable)
                    self._search_pre = None  # owned by the search structures now
        return self._search

    def warm(self) -> None:
        """Build the search and retrieval structures now (the manager calls this off the request path)."""
        self._searcher()
        self.passages()

    def find_products(self, query: str, limit: int = 5) -> SearchResult:
        """Korean-aware fuzzy product search; recognises the shop's option values mixed into the query."""
        return self._searcher().search(query, limit=limit)

    def filter_products(self, category: str | None = None, on_sale: bool | None = None,
                        max_price: int | None = None, size: str | None = None, color: str | None = None,
                        in_stock: bool | None = None, limit: int = 20,
                        options: dict[str, str] | None = None) -> list[Product]:
        """Catalogue filter; option values accept synonyms of values the shop has (라지, 검정 …) and, with
        in_stock, need stock in that option."""
        wanted = dict(options or {})
        if size:
            wanted.setdefault(SIZE_AXIS, size)
        if color:
            wanted.setdefault(COLOR_AXIS, color)
        return self._searcher().filter(self, category=category, on_sale=on_sale, max_price=max_price,
                                       options=wanted, in_stock=in_stock, limit=limit)

    def categories(self) -> list[str]:
        return _unique(p.get("category") or "" for p in self._raw_products if p.get("category"))

    def option_axes(self) -> dict[str, str]:
        """Every option axis the catalogue uses: key -> label (size -> 사이즈, 용량 -> 용량 …)."""
        return dict(self._catalogue_options()["axes"])

    def option_values(self, axis: str) -> list[str]:
        """Every value the catalogue sells on `axis` (the shop's own spelling)."""
        return list(self._catalogue_options()["values"].get(axis, ()))

    def sizes(self) -> list[str]:
        return self.option_values(SIZE_AXIS)

    def colors(self) -> list[str]:
        return self.option_values(COLOR_AXIS)

    def _catalogue_options(self) -> dict[str, Any]:
        if not self._catalogue.get("options"):
            from core.knowledge.search import catalogue_options

            self._catalogue["options"] = catalogue_options(self._raw_products)
        return self._catalogue["options"]

    # -- delivery ---------------------------------------------------------------------------------
    def delivery_policy(self) -> DeliveryPolicy:
        if self._delivery is None:
            from core.knowledge.delivery_rules import policy_from_dict

            self._delivery = policy_from_dict(self._delivery_raw)
        return self._delivery

    def delivery_quote(self, amount: int, region: str | None = None, address: str | None = None,
                       postal_code: str | None = None) -> DeliveryQuote:
        from core.knowledge.delivery_rules import quote

        return quote(self.delivery_policy(), amount, region=region, address=address, postal_code=postal_code)

    def dispatch_estimate(self, ordered_at: datetime) -> DispatchEstimate:
        from core.knowledge.delivery_rules import estimate

        return estimate(self.delivery_policy(), ordered_at)

    # -- orders, policies, FAQ --------------------------------------------------------------------
    def order(self, number: str) -> Order | None:
        """The order with this number, however the customer wrote it (case, spaces, separators); a number
        typed without its letters ("2378156" for W2378156) matches when exactly one order has those digits."""
        from core.knowledge.order_numbers import canonical

        if self._orders_by_canon is None:
            self._orders_by_canon = {canonical(num): raw for num, raw in self._raw_orders.items()}
        key = canonical(str(number))
        raw = self._orders_by_canon.get(key)
        if raw is None:
            digits = "".join(ch for ch in key if ch.isdigit())
            same = [r for c, r in self._orders_by_canon.items() if "".join(ch for ch in c if ch.isdigit()) == digits]
            raw = same[0] if len(digits) >= 6 and len(same) == 1 else None
        if raw is None:
            return None
        return Order(
            number=str(raw["number"]), ordered_at=raw.get("ordered_at") or "", status=raw.get("status") or "",
            items=tuple(OrderItem(sku=it.get("sku") or "", product_id=it.get("product_id") or "",
                                  name=it.get("name") or "",
                                  options=tuple((str(k), str(v)) for k, v in (it.get("options") or {}).items()),
                                  quantity=int(it.get("quantity") or 0), unit_price=int(it.get("unit_price") or 0))
                        for it in raw.get("items") or ()),
            total=int(raw.get("total") or 0), shipping_fee=int(raw.get("shipping_fee") or 0),
            carrier=raw.get("carrier"), tracking_number=raw.get("tracking_number"),
            expected_arrival_from=raw.get("expected_arrival_from"),
            expected_arrival_until=raw.get("expected_arrival_until"), region=raw.get("region"),
            owner={str(k): str(v) for k, v in (raw.get("owner") or {}).items() if v},
            payment_method=raw.get("payment_method") or None,
        )

    def order_number_as_written(self, typed: str) -> str:
        """A typed order number in the shop's own format, whether or not such an order exists."""
        from core.knowledge.order_numbers import written_like

        return written_like(typed, self._raw_orders)

    def order_numbers(self) -> list[str]:
        return list(self._raw_orders)

    def order_number_pattern(self) -> Any:
        """A regex finding this shop's order numbers in a message (shapes learned from its orders), or None."""
        if self._order_pattern is None:
            from core.knowledge.order_numbers import pattern_for

            self._order_pattern = pattern_for(self._raw_orders) or False
        return self._order_pattern or None

    def order_number_format(self, lang: str = "ko") -> str:
        """The shop's order-number format in words, for an ask-back ("숫자 8자리 - 숫자 4자리"); "" without orders."""
        from core.knowledge.order_numbers import describe

        return describe(self._raw_orders, lang)

    def policy(self, key: str) -> PolicySection | None:
        return self._policies.get(key.strip().lower().replace("-", "_")) if key else None

    def policies(self) -> list[PolicySection]:
        return list(self._policies.values())

    def passages(self) -> Any:
        """BM25 index over every policy clause and FAQ entry (`core.knowledge.retrieval.PassageIndex`)."""
        if self._passages is None:
            with self._lock:
                if self._passages is None:
                    from core.knowledge.retrieval import RETRIEVAL_VERSION, PassageIndex, build_passages

                    data = self._retrieval_raw
                    if data and data.get("version") != RETRIEVAL_VERSION:
                        # a stored index built by code with another vocabulary: rebuilt here on every cold start
                        # until the index is built again
                        logger.warning("stored passage index is stale (built as %s, this code reads %s): rebuilding it "
                                       "in memory on each cold start; run `python -m core.ontology_manager build "
                                       "SOURCE` (or `make upload-ontology`) to store a current one",
                                       data.get("version"), RETRIEVAL_VERSION, extra={"source": self.source})
                    if not data or data.get("version") != RETRIEVAL_VERSION:
                        data = build_passages([p.to_dict() for p in self._policies.values()], self._faq_raw)
                    self._passages = PassageIndex(data)
                    self._retrieval_raw = None
        return self._passages

    def faq_entries(self) -> list[FAQEntry]:
        """Every FAQ entry, in the shop's order (`query faq` with no words lists them)."""
        return [FAQEntry(id=str(e.get("id", i)), question=e.get("question", ""), answer=e.get("answer", ""))
                for i, e in enumerate(self._faq_raw)]

    def faq(self, query: str, limit: int = 3) -> list[FAQEntry]:
        """FAQ entries ranked by fuzzy similarity of question (and answer) to the query."""
        if self._faq_index is None:
            from core.knowledge.search import FAQSearch

            self._faq_index = FAQSearch(self._faq_raw)
        return self._faq_index.search(query, limit=limit)

    def summary(self) -> dict[str, Any]:
        """Counts for logs and the CLI."""
        return {"version": self.version[:12], "source": self.source, "products": len(self._raw_products),
                "variants": self._catalogue.get("variant_count",
                                                sum(len(_maybe_json(p.get("variants")) or ()) for p in self._raw_products)),
                "orders": len(self._raw_orders), "policies": len(self._policies), "faq": len(self._faq_raw)}


