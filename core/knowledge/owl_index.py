"""OWL (RDF/XML) -> compact JSON knowledge index, and the schema checks `validate` reports.

Parsing uses owlready2's C RDF/XML parser directly (raw triples, no quadstore): the bundled file
parses in milliseconds and 10k products in seconds, where rdflib needs minutes. rdflib remains as a
fallback parser (`parser="rdflib"`), e.g. for Turtle input or when the C module is missing.

The index is a plain dict (JSON). Layout, format version 2 (`model.INDEX_FORMAT_VERSION`):

    {"format": "jogunshop-knowledge-index", "format_version": 2,
     "ontology_sha256": <hex of the OWL bytes>, "source": str, "built_at": ISO, "parser": str,
     "ontology": {"iri", "version_info", "data_as_of"},
     "shop": {"name", "alternate_names", "url", "telephone", "email"},
     "products": [{"id", "iri", "name", "aliases", "category", "brand", "description", "material",
                   "fit", "origin", "care", "seasons", "fitting_note",
                   "axes": [{"key", "label"}], "parts": [{"name", "quantity", "product_id"}],
                   "variants": JSON string of [[sku, [value per axis], stock, price, list_price,
                                 sale_until, availability, restock_date], ...] (`model.VARIANT_FIELDS`),
                   "size_chart": JSON string of {size: {label: cm}}}],
     "catalogue": {"options": {"axes": {key: label}, "values": {key: [value, ...]}}, "variant_count"},
     "search": precomputed `core.knowledge.search.precompute` structures (own "version"),
     "delivery": {carrier, base_fee, free_threshold, jeju_surcharge, remote_surcharge, cutoff,
                  handling_days_min/max, transit_days_min/max, holidays, holiday_names,
                  ships_overseas, jeju_postal_ranges, remote_postal_ranges, jeju_region_words,
                  remote_region_words, jeju_surcharge_when_free, remote_surcharge_when_free},
     "return_policy": {...}, "policies": [{"key", "title", "text", "values"}],
     "faq": [{"id", "question", "answer", "keywords"}], "orders": [{... see Order ...}]}

Violations carry a severity: errors make the file unusable (`validate` exits 1, `build` writes no index,
the service keeps its last good version); warnings name something read around (a list price not above
the price is ignored, an option axis variesBy does not list is used anyway). IRIs in messages are
spelled in the file's own namespaces.

The index is JSON, not pickle: a tampered bucket must not be able to run code.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import re
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from pydantic_core import from_json

from core.knowledge.errors import (WARNING, OntologyError, OntologyIndexInvalidError, OntologyIndexVersionError,
                                   OntologyLimitError, OntologyParseError, OntologySchemaError, Violation, errors_of)
from core.knowledge.index_schema import check_index_envelope, schema_violations
from core.knowledge.model import (AVAILABILITIES, INDEX_FORMAT, INDEX_FORMAT_VERSION, ORDER_STATUSES,
                                  REQUIRED_POLICY_KEYS)
from core.knowledge.parse_guard import ParseLimits, check_size, check_slow_parser, check_xml_prolog

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
# schema.org OrderStatus members as the Korean order statuses (`model.ORDER_STATUSES`, docs/ontology.md §7).
ORDER_STATUS_IRIS = {"OrderPaymentDue": "결제대기", "OrderProcessing": "상품준비중", "OrderInTransit": "배송중",
                     "OrderDelivered": "배송완료", "OrderCancelled": "취소", "OrderReturned": "반품완료",
                     "OrderProblem": "확인필요", "OrderPickupAvailable": "픽업대기"}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- parsing -----------------------------------------------------------------------------------------
class _Collector:
    """Receives owlready2's parser batches: ("objs", [(s, p, o)]), ("datas", [(s, p, o, d)])."""

    def __init__(self) -> None:
        self.objs: list[tuple[str, str, str]] = []
        self.datas: list[tuple[str, str, Any, str]] = []
        self.parser = "owlready2"

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
    """Triples in document order with blank nodes numbered as first seen, as owlready2 gives them: rdflib's
    store iterates in hash order and names blank nodes by uuid4, so a shop's variants, option values and set
    parts would come out in a different order in every process (and so would the replies that list them)."""
    import rdflib

    class _OrderedGraph(rdflib.Graph):
        """A graph that also remembers the order its parser added triples in."""

        def __init__(self) -> None:
            super().__init__()
            self.added: list[tuple[Any, Any, Any]] = []

        def add(self, triple: Any) -> Any:  # noqa: ANN401 - rdflib's own signature
            self.added.append(triple)
            return super().add(triple)

    graph = _OrderedGraph()
    try:
        graph.parse(data=data, format=fmt)
    except Exception as exc:  # rdflib's SAX errors include "<unknown>:LINE:COL"
        kind = "Turtle" if fmt == "turtle" else ("N-Triples" if fmt == "nt" else "RDF/XML")
        raise OntologyParseError(f"malformed {kind} in {name}: {exc}. Fix the file at that position") from exc
    collector = _Collector()
    collector.parser = "rdflib" if fmt == "xml" else f"rdflib-{fmt}"
    blanks: dict[Any, str] = {}

    def node(term: Any) -> str:
        if isinstance(term, rdflib.BNode):
            return blanks.setdefault(term, f"_:b{len(blanks)}")
        return str(term)

    seen: set[tuple[Any, Any, Any]] = set()
    for triple in graph.added:
        if triple in seen:
            continue
        seen.add(triple)
        s, p, o = triple
        if isinstance(o, rdflib.Literal):
            d = str(o.datatype) if o.datatype else (f"@{o.language}" if o.language else "")
            collector.datas.append((node(s), str(p), str(o), d))
        else:
            collector.objs.append((node(s), str(p), node(o)))
    return collector


_XMLNS_RE = re.compile(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']""")
_ATTR_RE = re.compile(rb"""\s(?!rdf:|xml:|xmlns:)([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=\s*["']""")
_RDF_NS = b"http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _needs_rdflib(data: bytes) -> tuple[str, str] | None:
    """RDF/XML constructs owlready2's fast parser misreads: rdf:parseType (it turns
    parseType="Resource" nodes into nonsense) and property attributes (`<schema:Product
    schema:sku="A-1">`, which it drops). rdflib reads both correctly (slower, fine for such files).
    Returns (what the file does, how to avoid it) for the size limit's message, or None."""
    if b"parseType" in data:
        return ("uses rdf:parseType", "write those nodes as nested elements (rdf:Description or a typed node) "
                "instead of rdf:parseType=\"Resource\"/\"Collection\"/\"Literal\"")
    rdf_prefixes: set[bytes] | None = None
    for m in _ATTR_RE.finditer(data):  # rarely iterates: rdf:about/xml:lang are skipped by the pattern
        if rdf_prefixes is None:
            rdf_prefixes = {x.group(1) for x in _XMLNS_RE.finditer(data[:65536]) if x.group(2) == _RDF_NS}
        if m.group(1) not in rdf_prefixes:
            return ("writes properties as XML attributes (e.g. schema:sku=\"…\")",
                    "write each property as a child element")
    return None


def sniff_format(data: bytes, name: str = "") -> str:
    """"rdfxml", "turtle" or "nt" from the file name and its first bytes; OntologyParseError for
    syntaxes we do not read (JSON-LD, OWL/XML, OWL functional/Manchester syntax)."""
    lower = name.lower()
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    # skip leading comment lines (Turtle "#", XML comments are handled as XML)
    while head.startswith(b"#"):
        head = head.split(b"\n", 1)[1].lstrip() if b"\n" in head else b""
    if lower.endswith((".jsonld", ".json")) or head[:1] in (b"{", b"["):
        raise OntologyParseError(
            f"{name} looks like JSON-LD, which is not read (its schema.org @context would have to be fetched "
            "from the internet): save the ontology as RDF/XML (.owl) or Turtle (.ttl)")
    if head.startswith((b"Prefix(", b"Ontology(")) or head.startswith(b"Prefix:"):
        raise OntologyParseError(
            f"{name} is in OWL functional or Manchester syntax: save it as RDF/XML (Protege: File > Save as > "
            "RDF/XML Syntax) or Turtle")
    if lower.endswith((".ttl", ".n3")) or re.match(rb"(@prefix|@base|PREFIX|BASE)\b", head, re.IGNORECASE):
        return "turtle"
    if lower.endswith(".nt"):
        return "nt"
    if head.startswith(b"<") and b"<rdf:RDF" not in data[:65536] and _RDF_NS not in data[:65536]:
        raise OntologyParseError(
            f"{name} is XML but not RDF/XML (OWL/XML?): save it as RDF/XML (Protege: File > Save as > "
            "RDF/XML Syntax) or Turtle")
    if not head.startswith(b"<") and re.match(rb"(<[^>]+>|_:)\S*\s+<", head):
        return "nt"
    return "rdfxml"


def preflight(data: bytes, name: str = "ontology", parser: str = "owlready2",
              limits: ParseLimits | None = None) -> tuple[str, str]:
    """`parse_guard`'s checks (size, encoding, DOCTYPE, the slow parser's size) without parsing, and the
    plan they passed: (reader, format), reader "owlready2" or "rdflib", format "rdfxml", "turtle" or "nt"."""
    limits = limits or ParseLimits()
    if not data.strip():
        raise OntologyParseError(f"{name} is empty: upload the ontology's RDF/XML")
    check_size(len(data), name, limits)
    fmt = "turtle" if parser == "rdflib-turtle" else sniff_format(data, name)
    if fmt != "rdfxml":
        check_slow_parser(len(data), name, f"is {'N-Triples' if fmt == 'nt' else 'Turtle'}",
                          "save it as RDF/XML", limits)
        return "rdflib", fmt
    check_xml_prolog(data, name, limits)
    slow = ("was given --parser rdflib", "use the default parser") if parser == "rdflib" else _needs_rdflib(data)
    if slow:
        check_slow_parser(len(data), name, *slow, limits)
        return "rdflib", fmt
    return "owlready2", fmt


def parse_triples(data: bytes, name: str = "ontology", parser: str = "owlready2",
                  limits: ParseLimits | None = None) -> _Collector:
    """Raw triples of an RDF document. RDF/XML uses owlready2's C parser unless the file needs rdflib
    (see `_needs_rdflib`) or parser="rdflib"; Turtle/N-Triples (by extension or content) use rdflib.

    The file first passes `preflight` with `limits` (or the defaults); the time limit is `parse_worker`'s,
    which runs the whole build in a child process."""
    reader, fmt = preflight(data, name, parser, limits)
    if reader == "rdflib":
        return _parse_rdflib(data, name, fmt="xml" if fmt == "rdfxml" else fmt)
    return _parse_owlready2(data, name)


# -- namespace normalisation ----------------------------------------------------------------------------
# schema.org is also written http://schema.org/ (its own older form) or with www.
_SCHEMA_ALIASES = ("http://schema.org/", "http://www.schema.org/", "https://www.schema.org/")
# Local names of our shop terms: a file that puts them in its own namespace (e.g. https://myshop.example/ns#,
# as a shop following docs/ontology.md may well do) is read as if it used the shop: namespace.
SHOP_TERMS = frozenset((
    "PolicySection", "policyKey", "SizeChartEntry", "sizeChart", "OrderLine", "orderLine", "Holiday", "regionName",
    "surcharge", "surchargeAppliesWhenFree", "freeShippingThreshold", "cutoffTime", "addressKeyword", "fit",
    "origin", "care", "season", "fittingNote", "restockDate", "unitPrice", "shippingFee", "orderTotal",
    "shippingRegion", "measurement", "dataAsOf", "carrier", "postalCode", "paymentMethod",
    *DEFAULT_MEASURE_LABELS))
_STANDARD_NS = ("http://www.w3.org/", S, "https://schema.org/")


def _split(iri: str) -> tuple[str, str]:
    for sep in ("#", "/"):
        if sep in iri:
            ns, _, local = iri.rpartition(sep)
            return ns + sep, local
    return "", iri


def _terms(col: _Collector) -> set[str]:
    """Every predicate and class IRI the file uses (one pass over the triples)."""
    return {p for _, p, _ in col.objs} | {p for _, p, _, _ in col.datas} | {o for _, p, o in col.objs if p == RDF_TYPE}


def namespace_map(col: _Collector, terms: set[str] | None = None) -> dict[str, str]:
    """{foreign namespace: our namespace} for schema.org spelled http:// and a shop's own term namespace."""
    mapping: dict[str, str] = {}
    hits: dict[str, set[str]] = defaultdict(set)
    for iri in terms if terms is not None else _terms(col):
        for alias in _SCHEMA_ALIASES:
            if iri.startswith(alias):
                mapping[alias] = S
        if iri.startswith(SHOP) or iri.startswith(_STANDARD_NS) or iri.startswith(_SCHEMA_ALIASES):
            continue
        ns, local = _split(iri)
        if local in SHOP_TERMS:
            hits[ns].add(local)
    for ns, locals_ in hits.items():
        if len(locals_) >= 2:
            mapping[ns] = SHOP
    return mapping


def message_namespaces(mapping: dict[str, str], terms: set[str]) -> list[tuple[str, str]]:
    """(our namespace, the file's own) pairs, so messages name IRIs as the file spells them: a file in
    https://myshop.example/ns# is told about https://myshop.example/ns#PolicySection, not ours. Only when
    the file uses exactly one spelling (otherwise ours stays, as the less surprising choice)."""
    out = []
    for ours in (S, SHOP):
        theirs = sorted(old for old, new in mapping.items() if new == ours)
        if len(theirs) == 1 and not any(t.startswith(ours) for t in terms):
            out.append((ours, theirs[0]))
    return out


def _normaliser(mapping: dict[str, str]) -> Any:
    items = sorted(mapping.items(), key=lambda kv: -len(kv[0]))
    cache: dict[str, str] = {}

    def norm(iri: str) -> str:
        hit = cache.get(iri)
        if hit is None:
            hit = iri
            for old, new in items:
                if iri.startswith(old):
                    hit = new + iri[len(old):]
                    break
            cache[iri] = hit
        return hit

    return norm


def is_blank(node: str) -> bool:
    return node.startswith("_:")


def _short(iri: str) -> str:
    if iri.startswith(S):
        return "schema:" + iri[len(S):]
    if iri.startswith(SHOP):
        return "shop:" + iri[len(SHOP):]
    return iri


def _lang_rank(dtype: str) -> int:
    """Preferred literal for a single-valued text: Korean or untagged first, then anything else."""
    if not dtype or dtype == XSD + "string" or dtype == "@ko" or dtype.lower().startswith("@ko-"):
        return 0
    return 1


# -- graph access ------------------------------------------------------------------------------------
class _Graph:
    """Per-subject dicts over raw triples; literal values converted by datatype.

    Lookups of a shop: property fall back to the schema: property of the same local name and vice versa
    (a shop may write schema:cutoffTime or shop:carrier); single-valued texts prefer @ko/untagged literals.
    """

    def __init__(self, col: _Collector) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.objs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.lits: dict[str, dict[str, list[tuple[Any, str]]]] = defaultdict(lambda: defaultdict(list))
        self.by_type: dict[str, list[str]] = defaultdict(list)
        terms = _terms(col)
        mapping = namespace_map(col, terms)
        self.file_namespaces = message_namespaces(mapping, terms)
        objs: Iterable[tuple[str, str, str]] = col.objs
        datas: Iterable[tuple[str, str, Any, str]] = col.datas
        if mapping:
            norm = _normaliser(mapping)
            objs = [(norm(s), norm(p), norm(o)) for s, p, o in col.objs]
            datas = [(norm(s), norm(p), o, norm(d) if d and d[0] != "@" else d) for s, p, o, d in col.datas]
        self.namespace_map = mapping
        for s, p, o in objs:
            if p == RDF_TYPE:
                if o not in self.types[s]:
                    self.types[s].add(o)
                    self.by_type[o].append(s)
            else:
                self.objs[s][p].append(o)
        for s, p, o, d in datas:
            self.lits[s][p].append((o, d))
        self.problems: list[Violation] = []
        self._parents: dict[str, list[tuple[str, str]]] | None = None

    def of_type(self, cls: str) -> list[str]:
        return self.by_type.get(cls, [])

    @staticmethod
    def _alt(p: str) -> str | None:
        if p.startswith(SHOP):
            return S + p[len(SHOP):]
        if p.startswith(S):
            return SHOP + p[len(S):]
        return None

    def _values(self, table: dict[str, Any], s: str, p: str) -> Any:
        """Values of `p` on `s`, trying the property's alternative namespace spelling when absent."""
        d = table.get(s)
        if not d:
            return None
        values = d.get(p)
        if not values:
            alt = self._alt(p)
            values = d.get(alt) if alt else None
        return values

    def objs_of(self, s: str, p: str) -> list[str]:
        return list(self._values(self.objs, s, p) or ())

    def obj(self, s: str, p: str) -> str | None:
        values = self.objs_of(s, p)
        return values[0] if values else None

    def raw(self, s: str, p: str) -> list[tuple[Any, str]]:
        values = self._values(self.lits, s, p)
        if values and len(values) > 1:
            values = sorted(values, key=lambda v: _lang_rank(v[1]))
        return values or []

    def text(self, s: str, p: str) -> str | None:
        values = self.raw(s, p)
        return str(values[0][0]).strip() if values else None

    def texts(self, s: str, p: str) -> list[str]:
        return [str(v).strip() for v, _ in self.raw(s, p)]

    def text_or_name(self, s: str, p: str) -> str | None:
        """A literal, or the schema:name of the node the property points to (brand, carrier, category)."""
        value = self.text(s, p)
        if value:
            return value
        target = self.obj(s, p)
        return (self.name_of(target) or (None if is_blank(target) else _local(target))) if target else None

    def int_(self, s: str, p: str, what: str | None = None) -> int | None:
        values = self.raw(s, p)
        if not values:
            return None
        value, dtype = values[0]
        text = str(value).replace(",", "").strip()
        try:
            number = float(text)
        except ValueError:
            self.problems.append(Violation(s, f"{what or _short(p)} must be a number, got {value!r}"))
            return None
        if number != int(number):
            self.problems.append(Violation(s, f"{what or _short(p)} must be a whole number, got {value!r}"))
        if dtype and dtype[0] != "@" and dtype not in _INT_TYPES and dtype not in _FLOAT_TYPES \
                and dtype != XSD + "string":
            self.problems.append(Violation(s, f"{what or _short(p)} has datatype {dtype}, expected xsd:integer"))
        return int(number)

    def amount(self, s: str, p: str, what: str | None = None) -> int | None:
        """A KRW amount written as a literal or as a node (MonetaryAmount/PriceSpecification/QuantitativeValue)."""
        if self.raw(s, p):
            return self.int_(s, p, what)
        node = self.obj(s, p)
        if node is None:
            return None
        for prop in ("value", "price", "minValue", "maxValue"):
            if self.raw(node, S + prop):
                return self.int_(node, S + prop, what)
        self.problems.append(Violation(node, f"{what or _short(p)} node has no schema:value"))
        return None

    def float_(self, s: str, p: str) -> float | None:
        values = self.raw(s, p)
        if not values:
            return None
        try:
            return float(str(values[0][0]).replace(",", "").strip())
        except ValueError:
            self.problems.append(Violation(s, f"{_short(p)} must be a number, got {values[0][0]!r}"))
            return None

    def bool_(self, s: str, p: str) -> bool | None:
        text = self.text(s, p)
        if text is None:
            return None
        return text.lower() in {"true", "1", "yes", "예", "네"}

    def name_of(self, s: str | None) -> str | None:
        return self.text(s, S + "name") if s else None

    def describe(self, node: str, depth: int = 3) -> str:
        """A readable handle for a blank node: its type, a key literal and where it hangs
        ("blank schema:Offer (the schema:offers of https://…/variant/A-1)")."""
        if not is_blank(node):
            return node
        if self._parents is None:
            self._parents = defaultdict(list)
            for s, props in self.objs.items():
                for p, targets in props.items():
                    for o in targets:
                        if is_blank(o):
                            self._parents[o].append((s, p))
        types = ", ".join(sorted(_short(t) for t in self.types.get(node, ()))) or "node"
        key = next((f"{_short(S + k)} {self.text(node, S + k)!r}" for k in ("sku", "name", "identifier",
                   "orderNumber") if self.text(node, S + k)), "")
        text = f"blank {types}" + (f" {key}" if key else "")
        parents = self._parents.get(node) or []
        if parents and depth > 0:
            s, p = parents[0]
            text += f" (the {_short(p)} of {self.describe(s, depth - 1)})"
        return text


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


# Policy value keys that hold whole numbers (docs/ontology.md §5) and the name endings that do: a shop
# writing them as plain or decimal literals still gets ints (telephone numbers etc. stay strings).
_INT_VALUE_SUFFIXES = ("Fee", "Fees", "Surcharge", "Extra", "Threshold", "Amount", "Days", "DaysMin", "DaysMax",
                       "Months", "Percent", "Points", "Unit", "MinOrder", "PerOrder", "Min", "Max")
_NUMBER_RE = re.compile(r"^-?\d+(\.0+)?$")


def _value(value: Any, dtype: str, key: str = "") -> int | float | str:
    text = str(value).strip()
    if dtype in _INT_TYPES:
        try:
            return int(text)
        except ValueError:
            return str(value)
    if (dtype in _FLOAT_TYPES or key.endswith(_INT_VALUE_SUFFIXES)) and _NUMBER_RE.match(text.replace(",", "")):
        return int(float(text.replace(",", "")))
    return str(value)


# -- extraction ----------------------------------------------------------------------------------------
def _measure_labels(g: _Graph) -> dict[str, str]:
    labels = {SHOP + local: label for local, label in DEFAULT_MEASURE_LABELS.items()}
    for prop, parents in g.objs.items():
        if SHOP + "measurement" in parents.get(RDFS_SUBPROP, ()):
            labels[prop] = g.text(prop, RDFS_LABEL) or labels.get(prop) or _local(prop)
    return labels


_LIST_PRICE_TYPES = {"StrikethroughPrice", "ListPrice", "MSRP", "RegularPrice", "InvoicePrice"}


# schema.org properties a ProductGroup may vary by (variesBy), read straight off the variant.
_OPTION_PROPERTIES = ("size", "color", "material", "pattern", "suggestedAge", "suggestedGender", "model")


def _axis_key(raw: str) -> str:
    """A `variesBy` value as an axis key: "https://schema.org/size" / "schema:size" / "size" -> "size";
    any other text (the name of an additionalProperty, e.g. "용량") is kept as the shop wrote it."""
    text = raw.strip()
    local = text.rsplit("/", 1)[-1].rsplit("#", 1)[-1].split(":")[-1] if ("/" in text or ":" in text) else text
    for prop in _OPTION_PROPERTIES:
        if local.lower() == prop.lower():
            return "size" if prop == "size" else ("color" if prop == "color" else prop)
    return text


def _variant_options(g: _Graph, v: str) -> dict[str, str]:
    """The option values a variant states: schema.org properties (size, color …) and additionalProperty
    PropertyValues (name/propertyID -> value), in that order."""
    out: dict[str, str] = {}
    for prop in _OPTION_PROPERTIES:
        value = g.text(v, S + prop) or (g.text_or_name(v, S + prop) if prop in ("size", "color") else None)
        if value:
            out[_axis_key(prop)] = value
    for node in g.objs_of(v, S + "additionalProperty"):
        name = g.text(node, S + "name") or g.text(node, S + "propertyID")
        value = g.text(node, S + "value") or g.text_or_name(node, S + "value")
        if name and value:
            unit = g.text(node, S + "unitText")
            out.setdefault(name.strip(), f"{value}{unit}" if unit and not value.endswith(unit) else value)
    return out


def _merged(g: _Graph, v: str) -> str | None:
    """Why the node `v` looks like two variants written under one IRI (RDF merges them: two SKUs or offers,
    two values on one option), or None. Such a node is a variant that does not exist."""
    def plain(prop: str) -> set[str]:
        return {str(x).strip() for x, d in g.raw(v, prop) if _lang_rank(d) == 0}

    skus = plain(S + "sku")
    if len(skus) > 1:
        return f"{len(skus)} schema:sku values ({', '.join(sorted(skus))})"
    offers = g.objs_of(v, S + "offers")
    if len(offers) > 1:
        return f"{len(offers)} schema:offers"
    for prop in ("size", "color"):
        values = plain(S + prop)
        if len(values) > 1:
            return f"{len(values)} schema:{prop} values ({', '.join(sorted(values))})"
    named: dict[str, set[str]] = defaultdict(set)
    for node in g.objs_of(v, S + "additionalProperty"):
        name = g.text(node, S + "name") or g.text(node, S + "propertyID")
        value = g.text(node, S + "value")
        if name and value:
            named[name.strip()].add(value)
    for name, values in named.items():
        if len(values) > 1:
            return f"{len(values)} values for {name!r} ({', '.join(sorted(values))})"
    return None


def _variant_row(g: _Graph, v: str, product_iri: str, errors: list[Violation]) -> list[Any] | None:
    """[sku, {axis: value}, stock, price, list_price, sale_until, availability, restock] (options aligned
    to the product's axes by the caller); None when the node is not one readable variant."""
    sku = g.text(v, S + "sku")
    merged = _merged(g, v)
    if merged:
        errors.append(Violation(v, f"this one IRI carries {merged}: two variants were written with the same "
                                "rdf:about (often because they share a SKU), and RDF merges them into one that does "
                                "not exist. Give every variant its own SKU and IRI (e.g. …/variant/{sku})"))
        return None
    options = _variant_options(g, v)
    if not sku:
        errors.append(Violation(v, "variant has no schema:sku"))
        sku = g.describe(v) if is_blank(v) else _local(v)
    offer = g.obj(v, S + "offers")
    if offer is None:
        errors.append(Violation(v, f"variant {sku} has no schema:offers (price and stock)"))
        return None
    price = g.int_(offer, S + "price", "schema:price")
    currency = g.text(offer, S + "priceCurrency")
    list_price: int | None = None
    for spec in g.objs_of(offer, S + "priceSpecification"):
        ptype = g.obj(spec, S + "priceType") or g.text(spec, S + "priceType")
        spec_price = g.int_(spec, S + "price", "priceSpecification price")
        currency = currency or g.text(spec, S + "priceCurrency")
        if spec_price is None:
            continue
        if ptype is not None and _local(ptype) in _LIST_PRICE_TYPES:
            list_price = spec_price
        elif price is None:  # schema.org habit: the current price only in a UnitPriceSpecification
            price = spec_price
        elif ptype is None and spec_price > price:
            list_price = spec_price
    if price is None:
        if not g.raw(offer, S + "price"):  # an unreadable price was already reported by int_
            errors.append(Violation(offer, f"offer of {sku} has no schema:price (the price the customer pays now)"))
    elif price < 0:
        errors.append(Violation(offer, f"offer of {sku} has a negative price {price}"))
    if (currency or "").strip().upper() not in {"KRW", "₩", "원"}:
        errors.append(Violation(offer, f"offer of {sku} must have schema:priceCurrency \"KRW\", got {currency!r}"))
    if list_price is not None and price is not None and list_price <= price:
        errors.append(Violation(offer, f"offer of {sku} has list price {list_price} not above its price {price}: "
                                "the list price is ignored (no sale is shown). Remove the StrikethroughPrice or "
                                "correct the price", WARNING))
    availability_iri = g.obj(offer, S + "availability") or g.text(offer, S + "availability")
    availability = _local(availability_iri) if availability_iri else ""
    if availability and availability not in AVAILABILITIES:
        errors.append(Violation(offer, f"offer of {sku} has availability {availability_iri!r}; use schema:InStock, "
                                "schema:LimitedAvailability, schema:OutOfStock, schema:SoldOut, schema:PreOrder, "
                                "schema:BackOrder or schema:Discontinued"))
    if g.raw(offer, S + "inventoryLevel"):  # a bare number instead of a QuantitativeValue
        inv: str | None = offer
        stock = g.int_(offer, S + "inventoryLevel", "inventoryLevel")
    else:
        inv = g.obj(offer, S + "inventoryLevel")
        stock = g.int_(inv, S + "value", "inventoryLevel value") if inv else None
    if stock is None:
        errors.append(Violation(offer, f"offer of {sku} has no schema:inventoryLevel value (stock count)"))
    elif stock < 0:
        errors.append(Violation(inv or offer, f"stock of {sku} is negative ({stock})"))
    sale_until = g.text(offer, S + "priceValidUntil")
    restock = g.text(offer, SHOP + "restockDate")
    if sale_until and "T" in sale_until:
        sale_until = sale_until.split("T", 1)[0]
    if restock and "T" in restock:
        restock = restock.split("T", 1)[0]
    if not availability:
        availability = "OutOfStock" if (stock or 0) <= 0 else ("LimitedAvailability" if (stock or 0) <= 3
                                                                 else "InStock")
    return [sku, options, max(stock or 0, 0), price or 0,
            list_price if list_price is not None and price is not None and list_price > price else None,
            sale_until, availability, restock]


def _axes(g: _Graph, iri: str, pid: str, rows: list[list[Any]], errors: list[Violation]) -> list[dict[str, str]]:
    """The product's option axes: `variesBy` order first, then any other axis its variants state.

    Axes no variant has a value for are dropped (with a violation when variesBy named them); two variants
    with the same option values are an error (a customer could not tell them apart)."""
    from core.knowledge.options import axis_label

    declared = _dedupe(_axis_key(x) for x in [*g.texts(iri, S + "variesBy"), *g.objs_of(iri, S + "variesBy")])
    seen = _dedupe(k for r in rows for k in r[1])
    keys = [k for k in declared if any(k in r[1] for r in rows)]
    for k in declared:
        if k not in keys and rows:
            errors.append(Violation(iri, f"product {pid} varies by {k!r} (schema:variesBy) but no variant states a "
                                    f"{k!r} value: add it to the variants or remove it from variesBy"))
    undeclared = [k for k in seen if k not in keys]
    if declared:
        for k in undeclared:
            errors.append(Violation(iri, f"product {pid}: variants state {k!r} but schema:variesBy lists only "
                                    f"{', '.join(declared)}: add {k!r} to variesBy, or remove it from the variants",
                                    WARNING))
    keys += undeclared
    for k in keys:
        lacking = [r[0] for r in rows if not r[1].get(k)]
        if lacking and len(lacking) < len(rows):
            errors.append(Violation(iri, f"product {pid}: variant {lacking[0]} has no {k!r} value although other "
                                    f"variants vary by it (schema:{k} or an additionalProperty named {k!r})"))
    if len(rows) > 1:
        combos: dict[tuple[str, ...], str] = {}
        for r in rows:
            combo = tuple(r[1].get(k, "") for k in keys)
            if combo in combos:
                what = " / ".join(x for x in combo if x) or "no option values"
                errors.append(Violation(iri, f"product {pid}: variants {combos[combo]} and {r[0]} have the same options "
                                        f"({what}); give each variant its own size/color/additionalProperty value"))
            combos.setdefault(combo, r[0])
    return [{"key": k, "label": axis_label(k, [r[1].get(k, "") for r in rows])} for k in keys]


def _bundle_parts(g: _Graph, iri: str, variant_iris: list[str]) -> list[dict[str, Any]]:
    """Parts of a set/bundle: schema:includesObject -> TypeAndQuantityNode (typeOfGood, amountOfThisGood)
    on the group, one of its variants, or a variant's offer."""
    holders = [iri, *variant_iris, *(o for v in variant_iris for o in g.objs_of(v, S + "offers"))]
    parts: list[dict[str, Any]] = []
    for holder in holders:
        for node in g.objs_of(holder, S + "includesObject"):
            good = g.obj(node, S + "typeOfGood")
            name = g.text(node, S + "typeOfGood") or (g.name_of(good) if good else None) or g.name_of(node)
            if not name and good is None:
                continue
            qty = g.int_(node, S + "amountOfThisGood", "amountOfThisGood") or 1
            part_id = _product_id(g, good) if good else None
            # a part that is a variant (schema:Product) is named after its group in `_name_variant_parts`
            entry = {"name": name or "", "quantity": qty, "product_id": part_id, "_good": good}
            if not any(p["name"] == entry["name"] and p["_good"] == good for p in parts):
                parts.append(entry)
    return parts


def _name_variant_parts(products: list[dict[str, Any]], variants: dict[str, tuple[str, list[Any]]],
                        errors: list[Violation]) -> None:
    """Bundle parts that point at a variant are named "<product name> <option values>" (토너 150ml)."""
    by_id = {p["id"]: p for p in products}
    for p in products:
        kept = []
        for part in p.get("parts") or ():
            good = part.pop("_good", None)
            if good in variants:
                pid, row = variants[good]
                group = by_id.get(pid)
                values = " ".join(v for v in row[1] if v) if isinstance(row[1], list) else ""
                part["name"] = " ".join(x for x in ((group or {}).get("name", ""), values) if x)
                part["product_id"] = pid
            elif not part["name"]:
                errors.append(Violation(p["iri"], f"product {p['id']}: a bundle part points at {good!r}, which is neither a "
                                        "product nor a variant and has no schema:name"))
                continue
            kept.append(part)
        p["parts"] = kept


def _product_id(g: _Graph, iri: str) -> str | None:
    for prop in ("productGroupID", "productID", "identifier", "sku", "mpn"):
        value = g.text(iri, S + prop)
        if value:
            return value
    return None


def _products(g: _Graph, errors: list[Violation]) -> tuple[list[dict[str, Any]], dict[str, tuple[str, list[Any]]]]:
    labels = _measure_labels(g)
    products: list[dict[str, Any]] = []
    variants_by_iri: dict[str, tuple[str, list[Any]]] = {}
    seen_ids: set[str] = set()
    seen_skus: set[str] = set()
    # schema.org habit: variants point at their group with isVariantOf instead of (or besides) hasVariant
    back_links: dict[str, list[str]] = defaultdict(list)
    for v in g.of_type(S + "Product"):
        for group in g.objs_of(v, S + "isVariantOf"):
            back_links[group].append(v)
    for iri in g.of_type(S + "ProductGroup"):
        pid = _product_id(g, iri)
        if not pid:
            errors.append(Violation(iri, "product group has no schema:productGroupID"))
            pid = g.describe(iri) if is_blank(iri) else _local(iri)
        if pid in seen_ids:
            errors.append(Violation(iri, f"duplicate productGroupID {pid}"))
        seen_ids.add(pid)
        names = g.texts(iri, S + "name")  # preferred (Korean/untagged) first
        name = names[0] if names else None
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
        variant_iris = _dedupe([*g.objs_of(iri, S + "hasVariant"), *back_links.get(iri, ())])
        if not variant_iris:
            errors.append(Violation(iri, f"product {pid} has no schema:hasVariant (a product sold in one form has "
                                    "one variant with its sku and offer)"))
        for v in variant_iris:
            if v in variants_by_iri:
                errors.append(Violation(v, f"variant {variants_by_iri[v][1][0]} is listed by products "
                                        f"{variants_by_iri[v][0]} and {pid}: a variant belongs to one product"))
                continue
            row_ = _variant_row(g, v, iri, errors)
            if row_ is None:
                continue
            if row_[0] in seen_skus:
                errors.append(Violation(v, f"duplicate sku {row_[0]}: every variant needs its own schema:sku"))
            seen_skus.add(row_[0])
            rows.append(row_)
            variants_by_iri[v] = (pid, row_)
        axes = _axes(g, iri, pid, rows, errors)
        keys = [a["key"] for a in axes]
        for row_ in rows:
            row_[1] = [row_[1].get(k, "") for k in keys]
        size_i = keys.index("size") if "size" in keys else None
        rows.sort(key=lambda r: _size_rank(r[1][size_i] if size_i is not None else ""))  # stable: document order
        seasons = sorted(set(g.texts(iri, SHOP + "season")), key=lambda x: (_SEASON_ORDER.get(x, 9), x))
        products.append({
            "id": pid, "iri": iri, "name": name or pid,
            "aliases": _dedupe([*g.texts(iri, S + "alternateName"), *names[1:]]),
            "category": g.text_or_name(iri, S + "category") or "", "brand": g.text_or_name(iri, S + "brand") or "",
            "description": g.text(iri, S + "description") or "", "material": g.text(iri, S + "material") or "",
            "fit": g.text(iri, SHOP + "fit") or "", "origin": g.text_or_name(iri, SHOP + "origin") or "",
            "care": g.text(iri, SHOP + "care") or "", "seasons": seasons, "size_chart": chart,
            "fitting_note": g.text(iri, SHOP + "fittingNote") or "", "variants": rows, "axes": axes,
            "parts": _bundle_parts(g, iri, [*variant_iris]),
        })
    _name_variant_parts(products, variants_by_iri, errors)
    products.sort(key=lambda p: _natural_key(p["id"]))  # rdflib and blank nodes have no document order
    grouped = {v for vs in (g.objs_of(i, S + "hasVariant") for i in g.of_type(S + "ProductGroup")) for v in vs}
    for v in g.of_type(S + "Product"):
        if v not in variants_by_iri and v not in grouped and (g.obj(v, S + "offers") or g.text(v, S + "sku")):
            errors.append(Violation(v, f"variant {g.text(v, S + 'sku') or ''} belongs to no product: list it "
                                    "with schema:hasVariant on its schema:ProductGroup (or schema:isVariantOf)"))
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


def _natural_key(text: str) -> tuple[Any, ...]:
    """"P2" before "P10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def _dedupe(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _days(g: _Graph, qv: str | None) -> tuple[int | None, int | None]:
    if not qv:
        return None, None
    low, high = g.int_(qv, S + "minValue"), g.int_(qv, S + "maxValue")
    if low is None and high is None:
        low = high = g.int_(qv, S + "value")
    return low if low is not None else high, high if high is not None else low


_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def _cutoff_text(value: str | None) -> str | None:
    """"14:00", "14:00:00", "14:00:00+09:00", "9:30" -> "HH:MM" (None when it is not a clock time)."""
    m = _TIME_RE.match((value or "").strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _region_key(g: _Graph, d: str) -> str | None:
    """기본 / 제주 / 도서산간 / 해외 from shop:regionName, tolerating common spellings."""
    names = g.texts(d, SHOP + "regionName")
    dest = g.obj(d, S + "shippingDestination")
    if not names:
        names = [*g.texts(d, S + "name"), *(g.texts(dest, S + "name") if dest else ())]
    for raw in names:
        text = raw.replace(" ", "").lower()
        if text in {"기본", "기본배송", "일반", "전국", "국내", "standard", "default", "domestic", "basic"}:
            return "기본"
        if "제주" in text or "jeju" in text:
            return "제주"
        if "도서" in text or "산간" in text or "remote" in text or "island" in text:
            return "도서산간"
        if "해외" in text or "overseas" in text or "international" in text:
            return "해외"
    return None


def _delivery(g: _Graph, policies: dict[str, dict[str, Any]], errors: list[Violation]) -> dict[str, Any]:
    values = (policies.get("delivery") or {}).get("values", {})
    out: dict[str, Any] = {
        "carrier": values.get("carrier", ""), "base_fee": values.get("baseFee"),
        "free_threshold": values.get("freeShippingThreshold"), "jeju_surcharge": values.get("jejuSurcharge", 0),
        "remote_surcharge": values.get("remoteSurcharge", 0), "cutoff": _cutoff_text(values.get("cutoffTime"))
        or values.get("cutoffTime"),
        "handling_days_min": values.get("handlingDaysMin"), "handling_days_max": values.get("handlingDaysMax"),
        "transit_days_min": values.get("transitDaysMin"), "transit_days_max": values.get("transitDaysMax"),
        "holidays": [], "holiday_names": {}, "ships_overseas": False,
        "jeju_postal_ranges": [], "remote_postal_ranges": [], "jeju_region_words": ["제주"],
        "remote_region_words": [], "jeju_surcharge_when_free": True, "remote_surcharge_when_free": True,
        "jeju_region_name": "제주특별자치도", "remote_region_name": "",
    }
    details = g.of_type(S + "OfferShippingDetails")
    for d in details:
        region = _region_key(g, d)
        dest = g.obj(d, S + "shippingDestination")
        if region is None:
            errors.append(Violation(d, "shipping rule has no recognisable shop:regionName: use \"기본\", \"제주\", "
                                    f"\"도서산간\" or \"해외\" (got {g.texts(d, SHOP + 'regionName') or 'none'})"))
        elif region == "기본":
            carrier = g.text_or_name(d, SHOP + "carrier")
            if carrier:
                out["carrier"] = carrier
            fee = g.amount(d, S + "shippingRate", "shipping rate")
            if fee is not None:
                out["base_fee"] = fee
            threshold = g.amount(d, SHOP + "freeShippingThreshold", "freeShippingThreshold")
            if threshold is not None:
                out["free_threshold"] = threshold
            dt = g.obj(d, S + "deliveryTime")
            raw_cutoff = g.text(d, SHOP + "cutoffTime") or (g.text(dt, S + "cutoffTime") if dt else None)
            if raw_cutoff:
                cutoff = _cutoff_text(raw_cutoff)
                if cutoff is None:
                    errors.append(Violation(d, f"cutoffTime must be a clock time \"HH:MM\", got {raw_cutoff!r}"))
                else:
                    out["cutoff"] = cutoff
            if dt:
                hmin, hmax = _days(g, g.obj(dt, S + "handlingTime"))
                tmin, tmax = _days(g, g.obj(dt, S + "transitTime"))
                for key, val in (("handling_days_min", hmin), ("handling_days_max", hmax),
                                 ("transit_days_min", tmin), ("transit_days_max", tmax)):
                    if val is not None:
                        out[key] = val
        elif region in {"제주", "도서산간"}:
            prefix = "jeju" if region == "제주" else "remote"
            surcharge = g.amount(d, SHOP + "surcharge", "surcharge")
            if surcharge is None:
                surcharge = g.amount(d, S + "shippingRate", "shipping rate")
            if surcharge is None:
                errors.append(Violation(d, f"{region} shipping rule has no shop:surcharge (extra fee in KRW)"))
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
                    if len(begin) != 5 or len(end) != 5 or not (begin + end).isdigit():
                        errors.append(Violation(r, f"postal codes must be 5 digits, got {begin!r}-{end!r}"))
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
        date = g.text(h, SHOP + "date") or g.text(h, S + "startDate")
        if not date:
            errors.append(Violation(h, "holiday has no shop:date"))
            continue
        holidays[date.split("T", 1)[0]] = g.name_of(h) or "휴무"
    if not holidays and (policies.get("holidays") or {}).get("values", {}).get("holidayDates"):
        for date in str(policies["holidays"]["values"]["holidayDates"]).split(","):
            if date.strip():
                holidays[date.strip()] = "휴무"
    out["holidays"] = sorted(holidays)
    out["holiday_names"] = dict(sorted(holidays.items()))
    where = "the OfferShippingDetails with shop:regionName \"기본\""
    for key, label in (("base_fee", "base fee (schema:shippingRate)"),
                       ("free_threshold", "shop:freeShippingThreshold"), ("cutoff", "shop:cutoffTime \"HH:MM\""),
                       ("handling_days_min", "handling time (schema:deliveryTime/handlingTime minValue/maxValue)"),
                       ("transit_days_min", "transit time (schema:deliveryTime/transitTime minValue/maxValue)")):
        if out.get(key) in (None, ""):
            errors.append(Violation(where, f"delivery policy has no {label}: add it there (docs/ontology.md §3)"))
    for key, default in (("base_fee", 0), ("free_threshold", 0), ("cutoff", "00:00"), ("handling_days_min", 0),
                         ("handling_days_max", out.get("handling_days_min") or 0), ("transit_days_min", 0),
                         ("transit_days_max", out.get("transit_days_min") or 0)):
        if out.get(key) in (None, ""):
            out[key] = default
    if not out.get("carrier"):
        errors.append(Violation(where, "delivery policy names no carrier: add shop:carrier -> a "
                                "schema:Organization with schema:name"))
    return out


def _policies(g: _Graph, errors: list[Violation]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for iri in g.of_type(SHOP + "PolicySection"):
        key = g.text(iri, SHOP + "policyKey")
        if not key:
            errors.append(Violation(iri, "policy section has no shop:policyKey"))
            continue
        key = key.strip().lower().replace("-", "_")
        if key in out:
            errors.append(Violation(iri, f"duplicate policy section key {key!r}"))
        title = g.name_of(iri)
        text = g.text(iri, S + "text") or g.text(iri, S + "description")
        if not title:
            errors.append(Violation(iri, f"policy section {key!r} has no schema:name (title)"))
        if not text:
            errors.append(Violation(iri, f"policy section {key!r} has no schema:text"))
        values: dict[str, Any] = {}
        for prop, lits in g.lits.get(iri, {}).items():
            if prop.startswith(SHOP) and prop != SHOP + "policyKey" and lits:
                local = _local(prop)
                lit = sorted(lits, key=lambda v: _lang_rank(v[1]))[0]
                values[local] = _value(*lit, key=local)
        out[key] = {"key": key, "title": title or key, "text": text or "", "values": values}
    for key in REQUIRED_POLICY_KEYS:
        if key not in out:
            errors.append(Violation(f"{SHOP}PolicySection", f"required policy section {key!r} is missing "
                                    f"(add a shop:PolicySection with shop:policyKey \"{key}\")"))
    return out


def _faq(g: _Graph, errors: list[Violation]) -> list[dict[str, Any]]:
    out = []
    questions = list(g.of_type(S + "Question"))
    for i, q in enumerate(questions, start=1):
        answer_iri = g.obj(q, S + "acceptedAnswer") or g.obj(q, S + "suggestedAnswer")
        answer = (g.text(answer_iri, S + "text") if answer_iri else None) or g.text(q, S + "acceptedAnswer")
        question = g.name_of(q) or g.text(q, S + "text")
        if not question or not answer:
            errors.append(Violation(q, "FAQ question needs schema:name and an acceptedAnswer with schema:text"))
            continue
        fallback_id = f"Q{i:02d}" if is_blank(q) else _local(q)
        out.append({"id": g.text(q, S + "identifier") or fallback_id, "question": question, "answer": answer,
                    "keywords": [k.strip() for kw in g.texts(q, S + "keywords") for k in kw.split(",") if k.strip()]})
    out.sort(key=lambda e: e["id"])
    return out


def _orders(g: _Graph, variants: dict[str, tuple[str, list[Any]]], names: dict[str, str],
            errors: list[Violation], axes_of: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    axes_of = axes_of or {}
    out = []
    by_sku = {row[0]: (pid, row) for pid, row in variants.values()}
    numbers: dict[str, str] = {}
    for o in g.of_type(S + "Order"):
        number = g.text(o, S + "orderNumber")
        if not number:
            errors.append(Violation(o, "order has no schema:orderNumber"))
            continue
        if number in numbers:
            errors.append(Violation(o, f"order number {number} is also used by {numbers[number]}: order numbers "
                                    "must be unique (a customer asking about it would get one of them at random)"))
            continue
        numbers[number] = o
        status = g.text(o, S + "orderStatus") or _local(g.obj(o, S + "orderStatus") or "")
        status = ORDER_STATUS_IRIS.get(_local(status), status)
        if not status:
            errors.append(Violation(o, f"order {number} has no schema:orderStatus; use one of "
                                    f"{', '.join(ORDER_STATUSES)}"))
        elif status not in ORDER_STATUSES:
            errors.append(Violation(o, f"order {number} has status {status!r}; use one of {', '.join(ORDER_STATUSES)}"))
        items = []
        # shop:OrderLine nodes, or schema:orderedItem -> schema:OrderItem nodes (or straight to a variant)
        lines = _dedupe([*g.objs_of(o, SHOP + "orderLine"), *g.objs_of(o, S + "orderedItem")])
        if not lines:
            errors.append(Violation(o, f"order {number} has no shop:orderLine"))
        for line in lines:
            if line in variants:
                item, qty, unit = line, 1, None
            else:
                item = g.obj(line, S + "orderedItem")
                qty = g.int_(line, S + "orderQuantity") or 0
                unit = g.int_(line, SHOP + "unitPrice")
                if unit is None:
                    unit = g.amount(line, S + "price", "order line price")
            sku = g.text(item, S + "sku") if item else g.text(line, S + "sku")
            if item not in variants and sku in by_sku:
                found = by_sku[sku]
            elif item in variants:
                found = variants[item]
            else:
                errors.append(Violation(line, f"order {number} references {g.describe(item) if item else None!r}, "
                                        "which is not a variant (schema:Product listed by a ProductGroup's "
                                        "hasVariant)"))
                continue
            if qty < 1:
                errors.append(Violation(line, f"order {number} line has quantity {qty}; must be >= 1"))
            pid, row = found
            options = dict(zip(axes_of.get(pid, []), row[1])) if isinstance(row[1], list) else dict(row[1])
            items.append({"sku": row[0], "product_id": pid, "name": names.get(pid, pid),
                          "options": {k: v for k, v in options.items() if v}, "quantity": qty,
                          "unit_price": unit if unit is not None else row[3]})
        delivery = g.obj(o, S + "orderDelivery")
        carrier = tracking = arr_from = arr_until = None
        if delivery:
            carrier = g.text_or_name(delivery, S + "provider") or g.text_or_name(delivery, S + "carrier")
            tracking = g.text(delivery, S + "trackingNumber")
            arr_from = g.text(delivery, S + "expectedArrivalFrom")
            arr_until = g.text(delivery, S + "expectedArrivalUntil")
            arr_from = arr_from.split("T", 1)[0] if arr_from else arr_from
            arr_until = arr_until.split("T", 1)[0] if arr_until else arr_until
        fee = g.amount(o, SHOP + "shippingFee", "shippingFee")
        if fee is None:
            errors.append(Violation(o, f"order {number} has no shop:shippingFee (0 when shipping was free)"))
            fee = 0
        total = g.amount(o, SHOP + "orderTotal", "orderTotal")
        if total is None:
            total = g.amount(o, S + "totalPaymentDue", "totalPaymentDue")
        if total is None:
            total = sum(i["quantity"] * i["unit_price"] for i in items) + fee
        ordered_at = g.text(o, S + "orderDate") or ""
        if not ordered_at:
            errors.append(Violation(o, f"order {number} has no schema:orderDate"))
        owner = _order_owner(g, o, number, errors)
        out.append({
            "number": number, "ordered_at": ordered_at, "status": status, "items": items,
            "total": total, "shipping_fee": fee, "carrier": carrier, "tracking_number": tracking,
            "expected_arrival_from": arr_from, "expected_arrival_until": arr_until,
            "region": _region_word(g.text(o, SHOP + "shippingRegion")), "postal_code": g.text(o, SHOP + "postalCode"),
            "payment_method": g.text(o, SHOP + "paymentMethod"), "owner": owner,
        })
    out.sort(key=lambda x: x["number"])
    return out


def _order_owner(g: _Graph, o: str, number: str, errors: list[Violation]) -> dict[str, str]:
    """The order's `schema:customer` as fingerprints (`core.identity`): the index never holds the member id,
    phone or name readable. A missing or unusable customer is a warning: the bot then shows that order to
    nobody (a person answers after handoff). Messages never quote the personal data itself."""
    from core.identity import owner_fingerprints

    person = g.obj(o, S + "customer")
    if person is None:
        name = g.text(o, S + "customer")  # a bare literal: only the orderer's name
        owner = owner_fingerprints(name=name) if name else {}
    else:
        phone = g.text(person, S + "telephone")
        if phone and phone.isdigit() and not phone.startswith("0") and 9 <= len(phone) <= 10:
            phone = "0" + phone  # written as a number: the leading 0 was lost
        owner = owner_fingerprints(member_id=g.text(person, S + "identifier"), telephone=phone,
                                   name=g.text(person, S + "name") or g.text(person, S + "givenName"))
        if phone and "phone" not in owner:
            errors.append(Violation(person, f"order {number}: the customer's schema:telephone is not a phone "
                                    "number (write the digits, e.g. 010-1234-5678)", WARNING))
    if not owner.keys() & {"member", "phone"}:
        errors.append(Violation(o, f"order {number} has no schema:customer with a schema:identifier (member id) or "
                                "schema:telephone: the bot shows this order to nobody; a person answers about it",
                                WARNING))
    elif "name" not in owner or "phone_last4" not in owner:
        errors.append(Violation(o, f"order {number}: its schema:customer needs schema:name and schema:telephone so "
                                "a customer can confirm the order in the chat (name + last 4 digits)", WARNING))
    return owner


def _region_word(value: str | None) -> str | None:
    if not value:
        return value
    text = value.replace(" ", "")
    if "제주" in text:
        return "제주"
    if "도서" in text or "산간" in text:
        return "도서산간"
    return "기본" if text in {"기본", "일반", "전국", "국내"} else value


# Types a shop may use for itself (docs say schema:OnlineStore; schema.org offers these too).
_SHOP_TYPES = ("OnlineStore", "OnlineBusiness", "ClothingStore", "ShoeStore", "Store", "LocalBusiness",
               "WebSite", "Organization")


def _shop(g: _Graph, errors: list[Violation]) -> dict[str, Any]:
    carriers = {c for d in g.of_type(S + "OfferShippingDetails") for c in g.objs_of(d, SHOP + "carrier")}
    carriers |= {c for pd in g.of_type(S + "ParcelDelivery") for c in g.objs_of(pd, S + "provider")}
    brands = {b for p in g.of_type(S + "ProductGroup") for b in g.objs_of(p, S + "brand")}
    shop_iri = next((s for t in _SHOP_TYPES for s in g.of_type(S + t)
                     if s not in carriers and s not in brands and g.name_of(s)), None)
    if shop_iri is None:
        errors.append(Violation(S + "OnlineStore", "no schema:OnlineStore with a schema:name: add one so the agent "
                                "can say the shop's name (docs/ontology.md §8)"))
        return {}
    names = g.texts(shop_iri, S + "name")
    return {"name": names[0], "alternate_names": _dedupe([*g.texts(shop_iri, S + "alternateName"), *names[1:]]),
            "url": g.text(shop_iri, S + "url") or "", "telephone": g.text(shop_iri, S + "telephone") or "",
            "email": g.text(shop_iri, S + "email") or ""}


def extract(col: _Collector) -> tuple[dict[str, Any], list[Violation]]:
    """The index body (without format/hash fields) and every schema violation found."""
    g = _Graph(col)
    errors: list[Violation] = []
    products, variants = _products(g, errors)
    if not products:
        errors.append(Violation(S + "ProductGroup", "no schema:ProductGroup individuals: the catalogue is empty"
                                + _namespace_hint(g)))
    policies = _policies(g, errors)
    delivery = _delivery(g, policies, errors)
    names = {p["id"]: p["name"] for p in products}
    axes_of = {p["id"]: [a["key"] for a in p["axes"]] for p in products}
    orders = _orders(g, variants, names, errors, axes_of)
    faq = _faq(g, errors)
    shop = _shop(g, errors)
    onto_iri = next(iter(g.of_type(OWL_ONTOLOGY)), None)
    ontology = {"iri": onto_iri or "", "version_info": g.text(onto_iri, OWL_VERSION_INFO) if onto_iri else None,
                "data_as_of": g.text(onto_iri, SHOP + "dataAsOf") if onto_iri else None}
    return_policy: dict[str, Any] = {}
    rp = next(iter(g.of_type(S + "MerchantReturnPolicy")), None)
    if rp:
        return_policy = {"return_days": g.int_(rp, S + "merchantReturnDays"),
                         "return_fee": g.amount(rp, S + "returnShippingFeesAmount", "returnShippingFeesAmount"),
                         "category": _local(g.obj(rp, S + "returnPolicyCategory") or ""),
                         "refund_type": _local(g.obj(rp, S + "refundType") or "")}
    errors.extend(g.problems)
    errors = [_as_the_file_spells_it(g, Violation(g.describe(v.iri), v.message, v.severity)
                                     if is_blank(v.iri) else v) for v in errors]
    body = {"ontology": ontology, "shop": shop, "products": products, "delivery": delivery,
            "return_policy": return_policy, "policies": list(policies.values()), "faq": faq, "orders": orders}
    return body, errors


def _as_the_file_spells_it(g: _Graph, v: Violation) -> Violation:
    """The violation with our normalised namespaces put back as the file wrote them."""
    if not g.file_namespaces:
        return v
    iri, message = v.iri, v.message
    for ours, theirs in g.file_namespaces:
        iri, message = iri.replace(ours, theirs), message.replace(ours, theirs)
    return Violation(iri, message, v.severity)


def _namespace_hint(g: _Graph) -> str:
    """Why no products were found, when the file uses another vocabulary IRI for schema.org."""
    types = {_split(t)[0] for t in g.by_type if _split(t)[1] in {"ProductGroup", "Product", "Offer"}}
    types.discard(S)
    if types:
        return (f" (found them under {', '.join(sorted(types))}; schema.org terms must use https://schema.org/ "
                "or http://schema.org/)")
    return ""


def build_index(data: bytes, source: str = "", parser: str = "owlready2", strict: bool = False,
                limits: ParseLimits | None = None) -> tuple[dict[str, Any], list[Violation]]:
    """Parse OWL bytes and return (index dict, violations). strict: raise OntologySchemaError on any error.

    Violations are the schema checks of docs/ontology.md and the index schema's types, ranges and lengths
    (`index_schema`), so a value the service would refuse in an index is already an error here."""
    col = parse_triples(data, name=source or "ontology", parser=parser, limits=limits)
    try:
        body, violations = extract(col)
    except OntologyError:
        raise
    except Exception as exc:  # a shape we did not foresee must still be a fix-it message, not a traceback
        raise OntologySchemaError(
            f"{source or 'ontology'} could not be read ({type(exc).__name__}: {exc}); check it against "
            "docs/ontology.md and run `python -m core.ontology_manager validate` on it") from exc
    violations += schema_violations(body)
    errors = errors_of(violations)
    if strict and errors:
        raise OntologySchemaError(
            f"{source or 'ontology'} breaks the schema in docs/ontology.md ({len(errors)} problems; first: "
            f"{errors[0]}). Run `python -m core.ontology_manager validate` on it for the full list",
            errors)
    index = {"format": INDEX_FORMAT, "format_version": INDEX_FORMAT_VERSION, "ontology_sha256": content_hash(data),
             "source": source, "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "parser": col.parser, **compact(body)}
    return index, violations


def compact(body: dict[str, Any]) -> dict[str, Any]:
    """Make the body fast to load: precomputed search structures and catalogue vocabulary, and each
    product's variants/size chart as a nested JSON string (parsed only when that product is read)."""
    from core.knowledge.options import catalogue_options
    from core.knowledge.search import precompute

    from core.knowledge.retrieval import build_passages

    products = body["products"]
    body["catalogue"] = {"options": catalogue_options(products),
                         "variant_count": sum(len(p["variants"]) for p in products)}
    body["retrieval"] = build_passages(body.get("policies") or [], body.get("faq") or [])
    body["search"] = precompute(products)
    for p in products:
        p["variants"] = json.dumps(p["variants"], ensure_ascii=False, separators=(",", ":"))
        p["size_chart"] = json.dumps(p["size_chart"], ensure_ascii=False, separators=(",", ":"))
    return body


def dump_index(index: dict[str, Any]) -> bytes:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_index(data: bytes | str | Path, expected_sha256: str | None = None, name: str = "knowledge index",
               max_bytes: int | None = None) -> dict[str, Any]:
    """Read a JSON index and check it (`check_index`): OntologyIndexVersionError when it belongs to another
    ontology or format, OntologyIndexInvalidError when it breaks the index schema or is too large.

    pydantic_core's JSON parser reads the bytes as they are (json.loads first decodes them into a str as large as
    the file) and shares repeated short strings: a 10k-product index (21 MB) parses ~15 % faster into ~40 MB
    less memory. The cyclic garbage collector is paused meanwhile: the ~70k containers of a 10k-product index
    would trigger collections that scan everything parsed so far (+25-40 % load time). Afterwards they are moved
    to the oldest generation (`gc.freeze()` + `gc.unfreeze()`, unless something else froze objects): they live as
    long as this version is served, and the young collections would otherwise scan them all right away (~20 ms
    in the next allocation, wherever that is); the next full collection scans them like any old object."""
    if isinstance(data, Path):
        data = data.read_bytes()
    try:
        check_size(len(data), name, ParseLimits(max_bytes=max_bytes) if max_bytes else ParseLimits(), what="index")
    except OntologyLimitError as exc:  # like any unusable index: the OWL is parsed instead
        raise OntologyIndexInvalidError(str(exc)) from exc
    paused = gc.isenabled()
    gc.disable()
    try:
        try:
            index = from_json(data)
        except ValueError as exc:
            raise OntologyIndexInvalidError(f"{name} is not valid JSON ({exc}): rebuild it with "
                                            "`python -m core.ontology_manager build <ontology>`") from exc
        if not isinstance(index, dict):
            raise OntologyIndexInvalidError(f"{name} is not a JSON object: rebuild it")
        check_index(index, expected_sha256, name)
        if paused and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
    finally:
        if paused:
            gc.enable()
    return index


def check_index(index: dict[str, Any], expected_sha256: str | None = None, name: str = "knowledge index") -> None:
    """The index's format and ontology version, then the index schema: everything but the product rows' own
    values, which `ShopKnowledge` checks when it first builds each product (`index_schema.check_product_row`)."""
    fmt, version = index.get("format"), index.get("format_version")
    if fmt != INDEX_FORMAT or version != INDEX_FORMAT_VERSION:
        raise OntologyIndexVersionError(
            f"{name} has format {fmt!r} v{version!r} but this code reads {INDEX_FORMAT!r} "
            f"v{INDEX_FORMAT_VERSION}: rebuild it with `python -m core.ontology_manager build <ontology>`")
    if expected_sha256 and index.get("ontology_sha256") != expected_sha256:
        raise OntologyIndexVersionError(
            f"{name} was built for ontology version {str(index.get('ontology_sha256'))[:12]} but the "
            f"ontology is version {expected_sha256[:12]}: rebuild it with `python -m core.ontology_manager build`")
    check_index_envelope(index, name)
