"""OWL (RDF/XML) -> compact JSON knowledge index, and the schema checks `validate` reports.

Parsing uses owlready2's C RDF/XML parser directly (raw triples, no quadstore): the bundled file
parses in milliseconds and 10k products in seconds, where rdflib needs minutes. rdflib remains as a
fallback parser (`parser="rdflib"`), e.g. for Turtle input or when the C module is missing.

The index is a plain dict (JSON). Layout, format version 1:

    {"format": "jogunshop-knowledge-index", "format_version": 1,
     "ontology_sha256": <hex of the OWL bytes>, "source": str, "built_at": ISO, "parser": str,
     "ontology": {"iri", "version_info", "data_as_of"},
     "shop": {"name", "alternate_names", "url", "telephone", "email"},
     "products": [{"id", "iri", "name", "aliases", "category", "brand", "description", "material",
                   "fit", "origin", "care", "seasons", "size_chart", "fitting_note",
                   "variants": JSON string of [[sku, size, color, stock, price, list_price,
                                 sale_until, availability, restock_date], ...],
                   "size_chart": JSON string of {size: {label: cm}}}],
     "catalogue": {"sizes", "colors", "variant_count"},
     "search": precomputed `core.product_search.precompute` structures (own "version"),
     "delivery": {carrier, base_fee, free_threshold, jeju_surcharge, remote_surcharge, cutoff,
                  handling_days_min/max, transit_days_min/max, holidays, holiday_names,
                  ships_overseas, jeju_postal_ranges, remote_postal_ranges, jeju_region_words,
                  remote_region_words, jeju_surcharge_when_free, remote_surcharge_when_free},
     "return_policy": {...}, "policies": [{"key", "title", "text", "values"}],
     "faq": [{"id", "question", "answer", "keywords"}], "orders": [{... see Order ...}]}

The index is JSON, not pickle: a tampered bucket must not be able to run code.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from core.knowledge import INDEX_FORMAT, INDEX_FORMAT_VERSION, POLICY_KEYS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBPROP = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
OWL_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"
OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
XSD = "http://www.w3.org/2001/XMLSchema#"
S = "https://schema.org/"
SHOP = "https://jogunshop.example/ns#"
_INT_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                 "positiveInteger", "unsignedInt", "unsignedLong", "unsignedShort")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}
_SEASON_ORDER = {"봄": 0, "여름": 1, "가을": 2, "겨울": 3}
# Labels for the documented measurement properties, used when a file does not declare them.
DEFAULT_MEASURE_LABELS = {
    "totalLengthCm": "총장", "chestWidthCm": "가슴단면", "shoulderWidthCm": "어깨너비",
    "sleeveLengthCm": "소매길이", "armholeCm": "암홀", "hemWidthCm": "밑단단면", "waistWidthCm": "허리단면",
    "hipWidthCm": "엉덩이단면", "thighWidthCm": "허벅지단면", "riseCm": "밑위", "footLengthMm": "발길이(mm)",
    "heelHeightCm": "굽높이", "widthCm": "가로", "heightCm": "세로", "depthCm": "폭",
    "strapLengthCm": "스트랩길이", "lengthCm": "길이", "headCircumferenceCm": "머리둘레",
}
ORDER_STATUSES = ("결제완료", "상품준비중", "배송중", "배송완료", "취소")


class OntologyError(Exception):
    """Base of every ontology problem; messages say what to fix."""


class OntologyParseError(OntologyError):
    """The file is not well-formed RDF/XML (the message carries the line number)."""


class OntologySchemaError(OntologyError):
    """The RDF parses but breaks the documented schema (docs/ontology.md)."""

    def __init__(self, message: str, violations: list["Violation"] | None = None) -> None:
        super().__init__(message)
        self.violations = violations or []


class OntologyIndexVersionError(OntologyError):
    """A JSON index was built for another ontology version or index format."""


@dataclass(frozen=True)
class Violation:
    iri: str
    message: str

    def __str__(self) -> str:
        return f"{self.iri}: {self.message}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- parsing -----------------------------------------------------------------------------------------
class _Collector:
    """Receives owlready2's parser batches: ("objs", [(s, p, o)]), ("datas", [(s, p, o, d)])."""

    def __init__(self) -> None:
        self.objs: list[tuple[str, str, str]] = []
        self.datas: list[tuple[str, str, Any, str]] = []

    def put(self, item: tuple[str, Any]) -> None:
        kind, batch = item
        if kind == "objs":
            self.objs.extend(batch)
        elif kind == "datas":
            self.datas.extend(batch)
        elif kind == "error":
            raise OntologyParseError(f"RDF/XML parse error: {batch}")


def _parse_owlready2(data: bytes, name: str) -> _Collector:
    collector = _Collector()
    try:
        import owlready2_optimized  # type: ignore[import-not-found]
    except ImportError:  # pure-Python parser of the same package
        owlready2_optimized = None
    try:
        if owlready2_optimized is not None:
            owlready2_optimized.parse_rdfxml(io.BytesIO(data), collector, "", 1_000_000)
        else:
            from owlready2 import rdfxml_2_ntriples

            rdfxml_2_ntriples.parse(io.BytesIO(data), lambda s, p, o: collector.objs.append((s, p, o)),
                                    lambda s, p, o, d: collector.datas.append((s, p, o, d)), None, None, "")
    except OntologyError:
        raise
    except Exception as exc:  # owlready2 raises OwlReadyOntologyParsingError with "line N, column M"
        text = str(exc).replace("in file ???", f"in {name}")
        raise OntologyParseError(f"malformed RDF/XML in {name}: {text}. Fix the XML at that line "
                                 "(unclosed or mismatched tag, bad escaping) and upload again") from exc
    return collector


def _parse_rdflib(data: bytes, name: str, fmt: str = "xml") -> _Collector:
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(data=data, format=fmt)
    except Exception as exc:  # rdflib's SAX errors include "<unknown>:LINE:COL"
        raise OntologyParseError(f"malformed RDF in {name}: {exc}. Fix the file at that position") from exc
    collector = _Collector()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal):
            d = str(o.datatype) if o.datatype else (f"@{o.language}" if o.language else "")
            collector.datas.append((str(s), str(p), str(o), d))
        else:
            collector.objs.append((str(s), str(p), str(o)))
    return collector


def parse_triples(data: bytes, name: str = "ontology", parser: str = "owlready2") -> _Collector:
    """Raw triples of an RDF/XML document ("owlready2": C parser; "rdflib": fallback/other syntaxes)."""
    if not data.strip():
        raise OntologyParseError(f"{name} is empty: upload the ontology's RDF/XML")
    if parser == "rdflib":
        return _parse_rdflib(data, name)
    if parser == "rdflib-turtle":
        return _parse_rdflib(data, name, fmt="turtle")
    return _parse_owlready2(data, name)


# -- graph access ------------------------------------------------------------------------------------
class _Graph:
    """Per-subject dicts over raw triples; literal values converted by datatype."""

    def __init__(self, col: _Collector) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.objs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.lits: dict[str, dict[str, list[tuple[Any, str]]]] = defaultdict(lambda: defaultdict(list))
        self.by_type: dict[str, list[str]] = defaultdict(list)
        for s, p, o in col.objs:
            if p == RDF_TYPE:
                if o not in self.types[s]:
                    self.types[s].add(o)
                    self.by_type[o].append(s)
            else:
                self.objs[s][p].append(o)
        for s, p, o, d in col.datas:
            self.lits[s][p].append((o, d))
        self.problems: list[Violation] = []

    def of_type(self, cls: str) -> list[str]:
        return self.by_type.get(cls, [])

    def obj(self, s: str, p: str) -> str | None:
        values = self.objs.get(s, {}).get(p)
        return values[0] if values else None

    def objs_of(self, s: str, p: str) -> list[str]:
        return list(self.objs.get(s, {}).get(p, ()))

    def raw(self, s: str, p: str) -> list[tuple[Any, str]]:
        return self.lits.get(s, {}).get(p, [])

    def text(self, s: str, p: str) -> str | None:
        values = self.raw(s, p)
        return str(values[0][0]).strip() if values else None

    def texts(self, s: str, p: str) -> list[str]:
        return [str(v).strip() for v, _ in self.raw(s, p)]

    def int_(self, s: str, p: str, what: str | None = None) -> int | None:
        values = self.raw(s, p)
        if not values:
            return None
        value, dtype = values[0]
        try:
            number = float(str(value).replace(",", "").strip())
        except ValueError:
            self.problems.append(Violation(s, f"{what or _local(p)} must be an integer, got {value!r}"))
            return None
        if number != int(number):
            self.problems.append(Violation(s, f"{what or _local(p)} must be a whole number, got {value!r}"))
        if dtype and dtype not in _INT_TYPES and dtype not in _FLOAT_TYPES and dtype != XSD + "string":
            self.problems.append(Violation(s, f"{what or _local(p)} has datatype {dtype}, expected xsd:integer"))
        return int(number)

    def float_(self, s: str, p: str) -> float | None:
        values = self.raw(s, p)
        if not values:
            return None
        try:
            return float(str(values[0][0]).strip())
        except ValueError:
            self.problems.append(Violation(s, f"{_local(p)} must be a number, got {values[0][0]!r}"))
            return None

    def bool_(self, s: str, p: str) -> bool | None:
        text = self.text(s, p)
        if text is None:
            return None
        return text.lower() in {"true", "1", "yes"}

    def name_of(self, s: str | None) -> str | None:
        return self.text(s, S + "name") if s else None


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _value(value: Any, dtype: str) -> int | float | str:
    if dtype in _INT_TYPES:
        try:
            return int(str(value).strip())
        except ValueError:
            return str(value)
    return str(value)


# -- extraction ----------------------------------------------------------------------------------------
def _measure_labels(g: _Graph) -> dict[str, str]:
    labels = {SHOP + local: label for local, label in DEFAULT_MEASURE_LABELS.items()}
    for prop, parents in g.objs.items():
        if SHOP + "measurement" in parents.get(RDFS_SUBPROP, ()):
            labels[prop] = g.text(prop, RDFS_LABEL) or labels.get(prop) or _local(prop)
    return labels


def _variant_row(g: _Graph, v: str, product_iri: str, errors: list[Violation]) -> list[Any] | None:
    sku = g.text(v, S + "sku")
    size = g.text(v, S + "size")
    color = g.text(v, S + "color")
    if not sku:
        errors.append(Violation(v, "variant has no schema:sku"))
        sku = _local(v)
    if not size:
        errors.append(Violation(v, f"variant {sku} has no schema:size"))
    if not color:
        errors.append(Violation(v, f"variant {sku} has no schema:color"))
    offer = g.obj(v, S + "offers")
    if offer is None:
        errors.append(Violation(v, f"variant {sku} has no schema:offers (price and stock)"))
        return None
    price = g.int_(offer, S + "price", "schema:price")
    currency = g.text(offer, S + "priceCurrency")
    if price is None:
        errors.append(Violation(offer, f"offer of {sku} has no schema:price"))
    elif price < 0:
        errors.append(Violation(offer, f"offer of {sku} has a negative price {price}"))
    if currency != "KRW":
        errors.append(Violation(offer, f"offer of {sku} must have schema:priceCurrency \"KRW\", got {currency!r}"))
    availability_iri = g.obj(offer, S + "availability")
    availability = _local(availability_iri) if availability_iri else ""
    inv = g.obj(offer, S + "inventoryLevel")
    stock = g.int_(inv, S + "value", "inventoryLevel value") if inv else None
    if stock is None:
        errors.append(Violation(offer, f"offer of {sku} has no schema:inventoryLevel value (stock count)"))
    elif stock < 0:
        errors.append(Violation(inv or offer, f"stock of {sku} is negative ({stock})"))
    list_price: int | None = None
    for spec in g.objs_of(offer, S + "priceSpecification"):
        ptype = g.obj(spec, S + "priceType")
        spec_price = g.int_(spec, S + "price", "list price")
        if spec_price is not None and (ptype is None or _local(ptype) in {"StrikethroughPrice", "ListPrice",
                                                                           "MSRP"}):
            list_price = spec_price
    sale_until = g.text(offer, S + "priceValidUntil")
    restock = g.text(offer, SHOP + "restockDate")
    if not availability:
        availability = "OutOfStock" if (stock or 0) <= 0 else ("LimitedAvailability" if (stock or 0) <= 3
                                                                 else "InStock")
    return [sku, size or "", color or "", max(stock or 0, 0), price or 0,
            list_price if list_price is not None and list_price != price else None,
            sale_until if list_price is not None else sale_until, availability, restock]


def _products(g: _Graph, errors: list[Violation]) -> tuple[list[dict[str, Any]], dict[str, tuple[str, list[Any]]]]:
    labels = _measure_labels(g)
    products: list[dict[str, Any]] = []
    variants_by_iri: dict[str, tuple[str, list[Any]]] = {}
    seen_ids: set[str] = set()
    seen_skus: set[str] = set()
    for iri in g.of_type(S + "ProductGroup"):
        pid = g.text(iri, S + "productGroupID")
        if not pid:
            errors.append(Violation(iri, "product group has no schema:productGroupID"))
            pid = _local(iri)
        if pid in seen_ids:
            errors.append(Violation(iri, f"duplicate productGroupID {pid}"))
        seen_ids.add(pid)
        name = g.text(iri, S + "name")
        if not name:
            errors.append(Violation(iri, f"product {pid} has no schema:name"))
        chart: dict[str, dict[str, float]] = {}
        for entry in g.objs_of(iri, SHOP + "sizeChart"):
            size = g.text(entry, S + "size")
            if not size:
                errors.append(Violation(entry, "size-chart entry has no schema:size"))
                continue
            row: dict[str, float] = {}
            for prop, values in g.lits.get(entry, {}).items():
                if prop in labels and values:
                    number = g.float_(entry, prop)
                    if number is not None:
                        row[labels[prop]] = int(number) if number == int(number) else number
            chart[size] = row
        rows: list[list[Any]] = []
        variant_iris = g.objs_of(iri, S + "hasVariant")
        if not variant_iris:
            errors.append(Violation(iri, f"product {pid} has no schema:hasVariant"))
        for v in variant_iris:
            row_ = _variant_row(g, v, iri, errors)
            if row_ is None:
                continue
            if row_[0] in seen_skus:
                errors.append(Violation(v, f"duplicate sku {row_[0]}"))
            seen_skus.add(row_[0])
            rows.append(row_)
            variants_by_iri[v] = (pid, row_)
        rows.sort(key=lambda r: _size_rank(r[1]))  # stable: colours keep document order
        seasons = sorted(set(g.texts(iri, SHOP + "season")), key=lambda x: (_SEASON_ORDER.get(x, 9), x))
        products.append({
            "id": pid, "iri": iri, "name": name or pid, "aliases": _dedupe(g.texts(iri, S + "alternateName")),
            "category": g.text(iri, S + "category") or "", "brand": g.name_of(g.obj(iri, S + "brand")) or "",
            "description": g.text(iri, S + "description") or "", "material": g.text(iri, S + "material") or "",
            "fit": g.text(iri, SHOP + "fit") or "", "origin": g.text(iri, SHOP + "origin") or "",
            "care": g.text(iri, SHOP + "care") or "", "seasons": seasons, "size_chart": chart,
            "fitting_note": g.text(iri, SHOP + "fittingNote") or "", "variants": rows,
        })
    return products, variants_by_iri


_LETTER_SIZES = {s: i for i, s in enumerate(("XXS", "XS", "S", "M", "L", "XL", "XXL", "2XL", "XXXL", "3XL"))}


def _size_rank(size: str) -> tuple[int, float, str]:
    s = (size or "").strip().upper()
    if s in _LETTER_SIZES:
        return (0, _LETTER_SIZES[s], s)
    try:
        return (1, float(s), s)
    except ValueError:
        return (2, 0.0, s)


def _dedupe(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _days(g: _Graph, qv: str | None) -> tuple[int | None, int | None]:
    if not qv:
        return None, None
    return g.int_(qv, S + "minValue"), g.int_(qv, S + "maxValue")


def _delivery(g: _Graph, policies: dict[str, dict[str, Any]], errors: list[Violation]) -> dict[str, Any]:
    values = (policies.get("delivery") or {}).get("values", {})
    out: dict[str, Any] = {
        "carrier": values.get("carrier", ""), "base_fee": values.get("baseFee"),
        "free_threshold": values.get("freeShippingThreshold"), "jeju_surcharge": values.get("jejuSurcharge", 0),
        "remote_surcharge": values.get("remoteSurcharge", 0), "cutoff": values.get("cutoffTime"),
        "handling_days_min": values.get("handlingDaysMin", 0), "handling_days_max": values.get("handlingDaysMax", 1),
        "transit_days_min": values.get("transitDaysMin", 1), "transit_days_max": values.get("transitDaysMax", 2),
        "holidays": [], "holiday_names": {}, "ships_overseas": False,
        "jeju_postal_ranges": [], "remote_postal_ranges": [], "jeju_region_words": ["제주"],
        "remote_region_words": [], "jeju_surcharge_when_free": True, "remote_surcharge_when_free": True,
        "jeju_region_name": "제주특별자치도", "remote_region_name": "",
    }
    details = g.of_type(S + "OfferShippingDetails")
    for d in details:
        region = g.text(d, SHOP + "regionName") or ""
        dest = g.obj(d, S + "shippingDestination")
        if region == "기본":
            carrier = g.name_of(g.obj(d, SHOP + "carrier")) or g.text(d, SHOP + "carrier")
            if carrier:
                out["carrier"] = carrier
            rate = g.obj(d, S + "shippingRate")
            fee = g.int_(rate, S + "value", "shipping rate value") if rate else g.int_(d, S + "shippingRate")
            if fee is not None:
                out["base_fee"] = fee
            threshold = g.int_(d, SHOP + "freeShippingThreshold")
            if threshold is not None:
                out["free_threshold"] = threshold
            cutoff = g.text(d, SHOP + "cutoffTime")
            if cutoff:
                out["cutoff"] = cutoff
            dt = g.obj(d, S + "deliveryTime")
            if dt:
                hmin, hmax = _days(g, g.obj(dt, S + "handlingTime"))
                tmin, tmax = _days(g, g.obj(dt, S + "transitTime"))
                for key, val in (("handling_days_min", hmin), ("handling_days_max", hmax),
                                 ("transit_days_min", tmin), ("transit_days_max", tmax)):
                    if val is not None:
                        out[key] = val
        elif region in {"제주", "도서산간"}:
            prefix = "jeju" if region == "제주" else "remote"
            surcharge = g.int_(d, SHOP + "surcharge")
            if surcharge is None:
                errors.append(Violation(d, f"{region} shipping rule has no shop:surcharge"))
            else:
                out[f"{prefix}_surcharge"] = surcharge
            when_free = g.bool_(d, SHOP + "surchargeAppliesWhenFree")
            if when_free is not None:
                out[f"{prefix}_surcharge_when_free"] = when_free
            if dest:
                ranges = []
                for r in g.objs_of(dest, S + "postalCodeRange"):
                    begin, end = g.text(r, S + "postalCodeBegin"), g.text(r, S + "postalCodeEnd")
                    if not begin or not end:
                        errors.append(Violation(r, "postal code range needs postalCodeBegin and postalCodeEnd"))
                        continue
                    ranges.append([begin, end])
                out[f"{prefix}_postal_ranges"] = sorted(ranges)
                words = g.texts(dest, SHOP + "addressKeyword")
                region_name = g.text(dest, S + "addressRegion")
                if region_name:
                    out[f"{prefix}_region_name"] = region_name
                    words.append(region_name)
                if prefix == "jeju":
                    words.append("제주")
                out[f"{prefix}_region_words"] = sorted(set(words))
        elif region == "해외":
            out["ships_overseas"] = not bool(g.bool_(d, S + "doesNotShip"))
    holidays: dict[str, str] = {}
    for h in g.of_type(SHOP + "Holiday"):
        date = g.text(h, SHOP + "date")
        if not date:
            errors.append(Violation(h, "holiday has no shop:date"))
            continue
        holidays[date] = g.name_of(h) or "휴무"
    if not holidays and (policies.get("holidays") or {}).get("values", {}).get("holidayDates"):
        for date in str(policies["holidays"]["values"]["holidayDates"]).split(","):
            if date.strip():
                holidays[date.strip()] = "휴무"
    out["holidays"] = sorted(holidays)
    out["holiday_names"] = dict(sorted(holidays.items()))
    for key, label in (("base_fee", "base fee (schema:shippingRate of the 기본 rule)"),
                       ("free_threshold", "shop:freeShippingThreshold"), ("cutoff", "shop:cutoffTime")):
        if out.get(key) in (None, ""):
            errors.append(Violation("OfferShippingDetails 기본", f"delivery policy has no {label}"))
    if out.get("base_fee") is None:
        out["base_fee"] = 0
    if out.get("free_threshold") is None:
        out["free_threshold"] = 0
    if not out.get("cutoff"):
        out["cutoff"] = "00:00"
    return out


def _policies(g: _Graph, errors: list[Violation]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for iri in g.of_type(SHOP + "PolicySection"):
        key = g.text(iri, SHOP + "policyKey")
        if not key:
            errors.append(Violation(iri, "policy section has no shop:policyKey"))
            continue
        if key in out:
            errors.append(Violation(iri, f"duplicate policy section key {key!r}"))
        title = g.name_of(iri)
        text = g.text(iri, S + "text")
        if not title:
            errors.append(Violation(iri, f"policy section {key!r} has no schema:name (title)"))
        if not text:
            errors.append(Violation(iri, f"policy section {key!r} has no schema:text"))
        values: dict[str, Any] = {}
        for prop, lits in g.lits.get(iri, {}).items():
            if prop.startswith(SHOP) and prop != SHOP + "policyKey" and lits:
                values[_local(prop)] = _value(*lits[0])
        out[key] = {"key": key, "title": title or key, "text": text or "", "values": values}
    for key in POLICY_KEYS:
        if key not in out:
            errors.append(Violation(f"{SHOP}PolicySection", f"required policy section {key!r} is missing "
                                    f"(add a shop:PolicySection with shop:policyKey \"{key}\")"))
    return out


def _faq(g: _Graph, errors: list[Violation]) -> list[dict[str, Any]]:
    out = []
    questions = list(g.of_type(S + "Question"))
    for i, q in enumerate(questions):
        answer_iri = g.obj(q, S + "acceptedAnswer")
        answer = g.text(answer_iri, S + "text") if answer_iri else None
        question = g.name_of(q) or g.text(q, S + "text")
        if not question or not answer:
            errors.append(Violation(q, "FAQ question needs schema:name and an acceptedAnswer with schema:text"))
            continue
        out.append({"id": g.text(q, S + "identifier") or _local(q), "question": question, "answer": answer,
                    "keywords": g.texts(q, S + "keywords")})
    out.sort(key=lambda e: e["id"])
    return out


def _orders(g: _Graph, variants: dict[str, tuple[str, list[Any]]], names: dict[str, str],
            errors: list[Violation]) -> list[dict[str, Any]]:
    out = []
    for o in g.of_type(S + "Order"):
        number = g.text(o, S + "orderNumber")
        if not number:
            errors.append(Violation(o, "order has no schema:orderNumber"))
            continue
        status = g.text(o, S + "orderStatus") or ""
        if status not in ORDER_STATUSES:
            errors.append(Violation(o, f"order {number} has status {status!r}; use one of {', '.join(ORDER_STATUSES)}"))
        items = []
        lines = g.objs_of(o, SHOP + "orderLine")
        if not lines:
            errors.append(Violation(o, f"order {number} has no shop:orderLine"))
        for line in lines:
            item = g.obj(line, S + "orderedItem")
            qty = g.int_(line, S + "orderQuantity") or 0
            unit = g.int_(line, SHOP + "unitPrice")
            if item not in variants:
                errors.append(Violation(line, f"order {number} references {item!r}, which is not a variant "
                                        "(schema:Product listed by a ProductGroup's hasVariant)"))
                continue
            if qty < 1:
                errors.append(Violation(line, f"order {number} line has quantity {qty}; must be >= 1"))
            pid, row = variants[item]
            items.append({"sku": row[0], "product_id": pid, "name": names.get(pid, pid), "size": row[1],
                          "color": row[2], "quantity": qty, "unit_price": unit if unit is not None else row[4]})
        delivery = g.obj(o, S + "orderDelivery")
        carrier = tracking = arr_from = arr_until = None
        if delivery:
            carrier = g.name_of(g.obj(delivery, S + "provider")) or g.text(delivery, S + "provider")
            tracking = g.text(delivery, S + "trackingNumber")
            arr_from = g.text(delivery, S + "expectedArrivalFrom")
            arr_until = g.text(delivery, S + "expectedArrivalUntil")
        fee = g.int_(o, SHOP + "shippingFee") or 0
        total = g.int_(o, SHOP + "orderTotal")
        if total is None:
            total = sum(i["quantity"] * i["unit_price"] for i in items) + fee
        out.append({
            "number": number, "ordered_at": g.text(o, S + "orderDate") or "", "status": status, "items": items,
            "total": total, "shipping_fee": fee, "carrier": carrier, "tracking_number": tracking,
            "expected_arrival_from": arr_from, "expected_arrival_until": arr_until,
            "region": g.text(o, SHOP + "shippingRegion"), "postal_code": g.text(o, SHOP + "postalCode"),
            "payment_method": g.text(o, SHOP + "paymentMethod"),
        })
    out.sort(key=lambda x: x["number"])
    return out


def extract(col: _Collector) -> tuple[dict[str, Any], list[Violation]]:
    """The index body (without format/hash fields) and every schema violation found."""
    g = _Graph(col)
    errors: list[Violation] = []
    products, variants = _products(g, errors)
    if not products:
        errors.append(Violation(S + "ProductGroup", "no schema:ProductGroup individuals: the catalogue is empty"))
    policies = _policies(g, errors)
    delivery = _delivery(g, policies, errors)
    names = {p["id"]: p["name"] for p in products}
    orders = _orders(g, variants, names, errors)
    faq = _faq(g, errors)
    shop_iri = next(iter(g.of_type(S + "OnlineStore")), None)
    shop = {}
    if shop_iri:
        shop = {"name": g.name_of(shop_iri) or "", "alternate_names": g.texts(shop_iri, S + "alternateName"),
                "url": g.text(shop_iri, S + "url") or "", "telephone": g.text(shop_iri, S + "telephone") or "",
                "email": g.text(shop_iri, S + "email") or ""}
    onto_iri = next(iter(g.of_type(OWL_ONTOLOGY)), None)
    ontology = {"iri": onto_iri or "", "version_info": g.text(onto_iri, OWL_VERSION_INFO) if onto_iri else None,
                "data_as_of": g.text(onto_iri, SHOP + "dataAsOf") if onto_iri else None}
    return_policy: dict[str, Any] = {}
    rp = next(iter(g.of_type(S + "MerchantReturnPolicy")), None)
    if rp:
        fee_iri = g.obj(rp, S + "returnShippingFeesAmount")
        return_policy = {"return_days": g.int_(rp, S + "merchantReturnDays"),
                         "return_fee": g.int_(fee_iri, S + "value") if fee_iri else None,
                         "category": _local(g.obj(rp, S + "returnPolicyCategory") or ""),
                         "refund_type": _local(g.obj(rp, S + "refundType") or "")}
    errors.extend(g.problems)
    body = {"ontology": ontology, "shop": shop, "products": products, "delivery": delivery,
            "return_policy": return_policy, "policies": list(policies.values()), "faq": faq, "orders": orders}
    return body, errors


def build_index(data: bytes, source: str = "", parser: str = "owlready2",
                strict: bool = False) -> tuple[dict[str, Any], list[Violation]]:
    """Parse OWL bytes and return (index dict, violations). strict: raise OntologySchemaError on any."""
    col = parse_triples(data, name=source or "ontology", parser=parser)
    body, violations = extract(col)
    if strict and violations:
        raise OntologySchemaError(
            f"{source or 'ontology'} breaks the schema in docs/ontology.md ({len(violations)} problems; first: "
            f"{violations[0]}). Run `python -m core.ontology_manager validate` on it for the full list",
            violations)
    index = {"format": INDEX_FORMAT, "format_version": INDEX_FORMAT_VERSION, "ontology_sha256": content_hash(data),
             "source": source, "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "parser": parser, **compact(body)}
    return index, violations


def compact(body: dict[str, Any]) -> dict[str, Any]:
    """Make the body fast to load: precomputed search structures and catalogue vocabulary, and each
    product's variants/size chart as a nested JSON string (parsed only when that product is read)."""
    from core.product_search import catalogue_sizes_colors, precompute

    products = body["products"]
    sizes, colors = catalogue_sizes_colors(products)
    body["catalogue"] = {"sizes": sizes, "colors": colors,
                         "variant_count": sum(len(p["variants"]) for p in products)}
    body["search"] = precompute(products)
    for p in products:
        p["variants"] = json.dumps(p["variants"], ensure_ascii=False, separators=(",", ":"))
        p["size_chart"] = json.dumps(p["size_chart"], ensure_ascii=False, separators=(",", ":"))
    return body


def fatal_violations(violations: list[Violation]) -> list[Violation]:
    """Violations that make a version unsafe to serve (everything, today: the schema is small)."""
    return violations


def dump_index(index: dict[str, Any]) -> bytes:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_index(data: bytes | str | Path, expected_sha256: str | None = None) -> dict[str, Any]:
    """Read a JSON index; raise OntologyIndexVersionError when it belongs to another ontology/format."""
    if isinstance(data, Path):
        data = data.read_bytes()
    try:
        index = json.loads(data)
    except ValueError as exc:
        raise OntologyIndexVersionError(f"knowledge index is not valid JSON ({exc}): rebuild it with "
                                        "`python -m core.ontology_manager build <ontology>`") from exc
    if not isinstance(index, dict):
        raise OntologyIndexVersionError("knowledge index is not a JSON object: rebuild it")
    check_index(index, expected_sha256)
    return index


def check_index(index: dict[str, Any], expected_sha256: str | None = None) -> None:
    fmt, version = index.get("format"), index.get("format_version")
    if fmt != INDEX_FORMAT or version != INDEX_FORMAT_VERSION:
        raise OntologyIndexVersionError(
            f"knowledge index has format {fmt!r} v{version!r} but this code reads {INDEX_FORMAT!r} "
            f"v{INDEX_FORMAT_VERSION}: rebuild it with `python -m core.ontology_manager build <ontology>`")
    if expected_sha256 and index.get("ontology_sha256") != expected_sha256:
        raise OntologyIndexVersionError(
            f"knowledge index was built for ontology version {str(index.get('ontology_sha256'))[:12]} but the "
            f"ontology is version {expected_sha256[:12]}: rebuild it with `python -m core.ontology_manager build`")
