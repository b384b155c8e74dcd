"""The JSON knowledge index's schema: the type, range and length of every value the bot may quote.

A prebuilt index is loaded without parsing the OWL, so it is checked here the way `owl_index` checks the
OWL: a negative fee, a price that is a string, a 300,000-character product name, a date that is not a
date, a search posting that points past the catalogue are all rejected, and the caller falls back to
the OWL or to the last good version. The same models check what `owl_index.build_index` extracts, so an
over-long or out-of-range value in the OWL is a validation error naming its IRI, never an index that the
service would later refuse.

Provenance, which a schema cannot see: `unverified_links` lists the URLs and e-mail addresses an index
would show customers that its OWL does not contain (a phishing link slipped into a tampered index).

The limits are constants, not settings: an index is checked with the same numbers it was built with.

On load (`check_index_envelope`) everything but the product rows' own values is checked: the format, the hashes,
the delivery policy, policies, FAQ, orders, the search and retrieval structures and, of each product, what is
read without building it (id, name, aliases, category, that its variants and size chart are JSON text). Each
product row is checked in full (`check_product_row`) the first time `ShopKnowledge` builds that product, so a
10k-product index loads without validating 100k variants; a row that breaks the schema is never served. An
index without its catalogue structures (`catalogue.options`, `catalogue.variant_count`, which the service would
otherwise compute from every row) is checked in full on load. `check_index_schema` checks everything at once.
"""

from __future__ import annotations

import gc
import html
import json
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, Iterator, Literal, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, Json, StringConstraints, Strict, ValidationError,
                      model_validator)

from core.knowledge.errors import OntologyIndexInvalidError, Violation
from core.knowledge.model import (AVAILABILITIES, INDEX_FORMAT, INDEX_FORMAT_VERSION, ORDER_STATUSES,
                                  VARIANT_FIELDS)

# Lengths in characters. Measured: the bundled shop's longest product name is 15 characters, its longest
# policy text 257, the 10k-product synthetic catalogue's longest name 27; real shops write far more, so
# the bounds sit well above what a person types and far below what would stall search or a prompt.
NAME_MAX = 300        # product, shop, category and brand names, aliases, titles, option labels
ID_MAX = 200          # product ids, SKUs, order numbers, policy keys, option values
SHORT_MAX = 1_000     # material, fit, origin, FAQ questions, bundle part names, policy values
TEXT_MAX = 10_000     # descriptions, care notes, fitting notes, policy texts, FAQ answers
IRI_MAX = 2_000
WON_MAX = 10_000_000_000        # 100억 원: any price, fee, surcharge, threshold or order total
STOCK_MAX = 1_000_000_000
DAYS_MAX = 3_650
MEASURE_MAX = 100_000.0         # size-chart values (cm or mm)
YEARS = (2000, 2100)            # dates outside are typos (20226-…) or placeholders (1970-01-01)
_SHOWN_PROBLEMS = 20            # a broken index can have 100k problems: report the first ones and a count

_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"


@lru_cache(maxsize=4096)  # a catalogue repeats a few sale-end and restock dates over thousands of variants
def _real_date(text: str) -> str:
    day = date.fromisoformat(text)
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise ValueError(f"date {text} is outside {YEARS[0]}-{YEARS[1]}")
    return text


def _real_datetime(text: str) -> str:
    moment = datetime.fromisoformat(text)
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError(f"time {text} is outside {YEARS[0]}-{YEARS[1]}")
    return text


def _date_or_datetime(text: str) -> str:
    return _real_date(text) if re.match(_DATE_RE, text) else _real_datetime(text)


def _text(max_length: int, min_length: int = 0) -> Any:
    return Annotated[str, Strict(), StringConstraints(min_length=min_length, max_length=max_length)]


Name = _text(NAME_MAX)
Id = _text(ID_MAX, 1)
OptionValue = _text(ID_MAX)
Short = _text(SHORT_MAX)
Text = _text(TEXT_MAX)
Iri = _text(IRI_MAX)
Won = Annotated[int, Strict(), Field(ge=0, le=WON_MAX)]
Stock = Annotated[int, Strict(), Field(ge=0, le=STOCK_MAX)]
Days = Annotated[int, Strict(), Field(ge=0, le=DAYS_MAX)]
Count = Annotated[int, Strict(), Field(ge=0)]
Quantity = Annotated[int, Strict(), Field(ge=0, le=1_000_000)]
Measure = Annotated[float, Strict(), Field(ge=0, le=MEASURE_MAX)]
Flag = Annotated[bool, Strict()]
IsoDate = Annotated[str, Strict(), StringConstraints(pattern=_DATE_RE), AfterValidator(_real_date)]
IsoDateTime = Annotated[str, Strict(), StringConstraints(max_length=40), AfterValidator(_real_datetime)]
DateOrDateTime = Annotated[str, Strict(), StringConstraints(max_length=40), AfterValidator(_date_or_datetime)]
Clock = Annotated[str, Strict(), StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
Postal = Annotated[str, Strict(), StringConstraints(pattern=r"^\d{5}$")]
Sha256 = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Availability = Literal[tuple(sorted(AVAILABILITIES))]  # type: ignore[valid-type]
OrderStatus = Literal[ORDER_STATUSES]  # type: ignore[valid-type]
VariantRow = tuple[Id, Annotated[list[OptionValue], Field(max_length=50)], Stock, Won, Union[Won, None],
                   Union[IsoDate, None], Availability, Union[IsoDate, None]]
# What extract builds, before `owl_index` has reported an unknown availability with the list to choose from.
BuiltVariantRow = tuple[Id, Annotated[list[OptionValue], Field(max_length=50)], Stock, Won, Union[Won, None],
                        Union[IsoDate, None], Name, Union[IsoDate, None]]
SizeChart = Annotated[dict[Name, Annotated[dict[Name, Measure], Field(max_length=100)]], Field(max_length=500)]
Variants = Annotated[list[VariantRow], Field(max_length=20_000)]
BuiltVariants = Annotated[list[BuiltVariantRow], Field(max_length=20_000)]
PolicyValue = Union[Won, Short]


Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Model(BaseModel):
    """Unknown keys are ignored (the service never reads them); every read key is checked."""

    model_config = ConfigDict(extra="ignore")


class Axis(_Model):
    key: Id
    label: Name


class BundlePart(_Model):
    name: Short
    quantity: Annotated[int, Strict(), Field(ge=1, le=1_000_000)]
    product_id: Union[Id, None] = None


class Product(_Model):
    id: Id
    iri: Iri
    name: _text(NAME_MAX, 1)  # type: ignore[valid-type]
    aliases: Annotated[list[Name], Field(max_length=200)] = []
    category: Name = ""
    brand: Name = ""
    description: Text = ""
    material: Short = ""
    fit: Short = ""
    origin: Short = ""
    care: Text = ""
    seasons: Annotated[list[Name], Field(max_length=12)] = []
    fitting_note: Text = ""
    axes: Annotated[list[Axis], Field(max_length=50)] = []
    parts: Annotated[list[BundlePart], Field(max_length=200)] = []
    variants: BuiltVariants
    size_chart: SizeChart = {}

    @model_validator(mode="after")
    def _options_match_axes(self) -> "Product":
        axes = len(self.axes)
        for row in self.variants:
            if len(row[1]) != axes:
                raise ValueError(f"variant {row[0]} has {len(row[1])} option values for {axes} option axes")
        return self


class IndexProduct(Product):
    """A product as the index stores it: variants and size chart as nested JSON text (the service parses
    them lazily; here pydantic parses and checks them in one pass)."""

    variants: Json[Variants]  # type: ignore[assignment]
    size_chart: Json[SizeChart] = "{}"  # type: ignore[assignment]


class Delivery(_Model):
    carrier: Name
    base_fee: Won
    free_threshold: Won
    jeju_surcharge: Won
    remote_surcharge: Won
    cutoff: Clock
    handling_days_min: Days
    handling_days_max: Days
    transit_days_min: Days
    transit_days_max: Days
    holidays: Annotated[list[IsoDate], Field(max_length=5_000)] = []
    holiday_names: Annotated[dict[IsoDate, Name], Field(max_length=5_000)] = {}
    ships_overseas: Flag = False
    jeju_postal_ranges: Annotated[list[tuple[Postal, Postal]], Field(max_length=10_000)] = []
    remote_postal_ranges: Annotated[list[tuple[Postal, Postal]], Field(max_length=10_000)] = []
    jeju_region_words: Annotated[list[Name], Field(max_length=1_000)] = []
    remote_region_words: Annotated[list[Name], Field(max_length=1_000)] = []
    jeju_surcharge_when_free: Flag = True
    remote_surcharge_when_free: Flag = True
    jeju_region_name: Name = ""
    remote_region_name: Name = ""

    @model_validator(mode="after")
    def _ranges_ordered(self) -> "Delivery":
        if self.handling_days_min > self.handling_days_max:
            raise ValueError(f"handling days {self.handling_days_min}-{self.handling_days_max}: min above max")
        if self.transit_days_min > self.transit_days_max:
            raise ValueError(f"transit days {self.transit_days_min}-{self.transit_days_max}: min above max")
        for begin, end in (*self.jeju_postal_ranges, *self.remote_postal_ranges):
            if begin > end:
                raise ValueError(f"postal code range {begin}-{end} ends before it begins")
        return self


class ReturnPolicy(_Model):
    return_days: Union[Days, None] = None
    return_fee: Union[Won, None] = None
    category: Name = ""
    refund_type: Name = ""


class Policy(_Model):
    key: Id
    title: Name
    text: Text
    values: Annotated[dict[_text(100, 1), PolicyValue], Field(max_length=200)] = {}  # type: ignore[valid-type]


class Faq(_Model):
    id: Id
    question: Short
    answer: Text
    keywords: Annotated[list[Name], Field(max_length=200)] = []


class OrderItem(_Model):
    sku: Id
    product_id: Id
    name: Short
    options: Annotated[dict[Id, OptionValue], Field(max_length=50)] = {}
    quantity: Quantity
    unit_price: Won


class Order(_Model):
    number: Id
    ordered_at: IsoDateTime
    status: Name  # an unknown status is reported by owl_index, with the statuses to choose from
    items: Annotated[list[OrderItem], Field(max_length=1_000)]
    total: Won
    shipping_fee: Won
    carrier: Union[Name, None] = None
    tracking_number: Union[_text(100), None] = None  # type: ignore[valid-type]
    expected_arrival_from: Union[IsoDate, None] = None
    expected_arrival_until: Union[IsoDate, None] = None
    region: Union[Name, None] = None
    postal_code: Union[_text(20), None] = None  # type: ignore[valid-type]
    payment_method: Union[Name, None] = None
    # who may see the order (core.identity fingerprints); a tampered index cannot hand an order to another chat
    # unnoticed, but it can drop or change these: the index itself is guarded by the last-good pointer's sha256
    owner: dict[Literal["member", "phone", "phone_last4", "name"], Fingerprint] = {}


class IndexOrder(Order):
    status: OrderStatus  # type: ignore[assignment]


class Shop(_Model):
    name: Name = ""
    alternate_names: Annotated[list[Name], Field(max_length=100)] = []
    url: Iri = ""
    telephone: _text(50) = ""  # type: ignore[valid-type]
    email: _text(254) = ""  # type: ignore[valid-type]


class OntologyInfo(_Model):
    iri: Iri = ""
    version_info: Union[Name, None] = None
    data_as_of: Union[DateOrDateTime, None] = None


class CatalogueOptions(_Model):
    axes: dict[Id, Name]
    values: dict[Id, list[OptionValue]]


class Catalogue(_Model):
    options: Union[CatalogueOptions, None] = None
    variant_count: Union[Count, None] = None


Version = Union[Annotated[int, Strict()], Name]  # a derived structure's own version (a number, or a digest)


class Search(_Model):
    """Precomputed search structures: integers index the products (`owners`, `categories`) or `keys`."""

    version: Version
    keys: list[Name]
    owners: list[Count]
    vocab_words: list[Name]
    generic: list[Name]
    categories: dict[Name, list[Count]]
    postings: dict[_text(20), list[Count]]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _postings_point_at_keys(self) -> "Search":
        if len(self.owners) != len(self.keys):
            raise ValueError(f"{len(self.keys)} search keys but {len(self.owners)} owners")
        top = max((max(ids) for ids in self.postings.values() if ids), default=-1)
        if top >= len(self.keys):
            raise ValueError(f"a search posting points at key {top} of {len(self.keys)}")
        return self


class Passage(_Model):
    id: _text(400, 1)  # type: ignore[valid-type]
    kind: Literal["clause", "faq"]
    key: Id
    title: Short
    text: Text
    exception: Flag
    tokens: Annotated[list[_text(200)], Field(max_length=10_000)]  # type: ignore[valid-type]
    position: Count = 0
    asks: Union[Name, None] = None


class Retrieval(_Model):
    version: Version
    passages: list[Passage]


class Body(_Model):
    """What `owl_index.extract` produces (and the index carries): every fact the agents may quote."""

    ontology: OntologyInfo = OntologyInfo()
    shop: Shop = Shop()
    products: list[Product]
    delivery: Delivery
    return_policy: ReturnPolicy = ReturnPolicy()
    policies: list[Policy]
    faq: list[Faq] = []
    orders: list[Order] = []


class Index(Body):
    """A whole index as written by `owl_index.build_index` (format, hashes, derived search structures)."""

    products: list[IndexProduct]  # type: ignore[assignment]
    orders: list[IndexOrder] = []  # type: ignore[assignment]
    format: Literal[INDEX_FORMAT]  # type: ignore[valid-type]
    format_version: Literal[INDEX_FORMAT_VERSION]  # type: ignore[valid-type]
    ontology_sha256: Sha256
    source: _text(IRI_MAX) = ""  # type: ignore[valid-type]
    built_at: IsoDateTime
    parser: Name = ""
    source_etag: Union[_text(200), None] = None  # type: ignore[valid-type]
    catalogue: Union[Catalogue, None] = None
    search: Union[Search, None] = None
    retrieval: Union[Retrieval, None] = None

    @model_validator(mode="after")
    def _derived_agree_with_the_facts(self) -> "Index":
        """Search structures index the products; retrieval passages quote the policy and FAQ texts."""
        count = len(self.products)
        if self.search is not None:
            top = max([*self.search.owners, *(i for ids in self.search.categories.values() for i in ids)], default=-1)
            if top >= count:
                raise ValueError(f"search structures point at product {top} of {count}")
        if self.retrieval is not None:
            sections = {p.key: p for p in self.policies}
            answers = {f.id: f for f in self.faq}
            for passage in self.retrieval.passages:
                source = sections.get(passage.key) if passage.kind == "clause" else answers.get(passage.key)
                own_text = (source.text if passage.kind == "clause" else source.answer) if source else ""
                own_title = (source.title if passage.kind == "clause" else source.question) if source else None
                if source is None or passage.text not in own_text or passage.title != own_title:
                    raise ValueError(f"retrieval passage {passage.id} does not quote the {passage.kind} {passage.key!r} "
                                     "it names")
        return self


class ProductHead(_Model):
    """What of a product row the service reads without building the product (search keys, catalogue
    categories, ids): checked on load. The whole row (`IndexProduct`) is checked when the product is built."""

    id: Id
    name: _text(NAME_MAX, 1)  # type: ignore[valid-type]
    aliases: Annotated[list[Name], Field(max_length=200)] = []
    category: Name = ""
    variants: Annotated[str, Strict()]  # JSON text, parsed and checked with the row
    size_chart: Annotated[str, Strict()] = "{}"


class IndexEnvelope(Index):
    """An index as checked on load: every section but the product rows' own values (see the module docstring)."""

    products: list[ProductHead]  # type: ignore[assignment]


# -- reporting ----------------------------------------------------------------------------------------
# Where a field of the index comes from in the OWL, for messages that say what to change.
_PROPERTY = {"name": "schema:name", "aliases": "schema:alternateName", "description": "schema:description",
             "category": "schema:category", "brand": "schema:brand", "material": "schema:material",
             "care": "shop:care", "fit": "shop:fit", "origin": "shop:origin", "fitting_note": "shop:fittingNote",
             "seasons": "shop:season", "text": "schema:text", "title": "schema:name", "question": "schema:name",
             "answer": "schema:text (the acceptedAnswer)", "keywords": "schema:keywords",
             "base_fee": "schema:shippingRate", "free_threshold": "shop:freeShippingThreshold",
             "jeju_surcharge": "shop:surcharge (제주)", "remote_surcharge": "shop:surcharge (도서산간)",
             "cutoff": "shop:cutoffTime", "carrier": "shop:carrier", "total": "shop:orderTotal",
             "shipping_fee": "shop:shippingFee", "ordered_at": "schema:orderDate", "status": "schema:orderStatus"}


def _where(index: dict[str, Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    """(who, field) for an error location: the product IRI (and variant SKU), the order number, the
    policy key or FAQ id, so a message can be acted on."""
    section = loc[0] if loc else ""
    items = index.get(section) if isinstance(index, dict) else None
    if section in {"products", "orders", "policies", "faq"} and len(loc) > 1 and isinstance(loc[1], int) \
            and isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
        item = items[loc[1]]
        rest = loc[2:]
        if section == "products":
            iri = item.get("iri") if isinstance(item.get("iri"), str) and len(item["iri"]) <= IRI_MAX else None
            who = iri or f"product {str(item.get('id'))[:ID_MAX]!r}"
            if rest[:1] == ("variants",) and len(rest) >= 3 and isinstance(rest[2], int):
                variants = _rows(item.get("variants"))
                row = variants[rest[1]] if isinstance(variants, list) and isinstance(rest[1], int) \
                    and rest[1] < len(variants) else None
                sku = row[0] if isinstance(row, list) and row and isinstance(row[0], str) else f"#{rest[1]}"
                field = VARIANT_FIELDS[rest[2]] if rest[2] < len(VARIANT_FIELDS) else str(rest[2])
                return f"{who} (variant {sku[:ID_MAX]})", field
            return who, ".".join(str(x) for x in rest)
        label = {"orders": ("order", "number"), "policies": ("policy section", "key"), "faq": ("FAQ entry", "id")}
        kind, key = label[section]
        return f"{kind} {str(item.get(key))[:ID_MAX]!r}", ".".join(str(x) for x in rest)
    if section in {"delivery", "shop", "ontology", "return_policy"}:
        what = {"delivery": "the delivery policy", "shop": "the shop (schema:OnlineStore)",
                "ontology": "the owl:Ontology header", "return_policy": "the schema:MerchantReturnPolicy"}[section]
        return what, ".".join(str(x) for x in loc[1:])
    return "the index", ".".join(str(x) for x in loc)


def _rows(value: Any) -> Any:
    """A product's variant rows, from the index's JSON text or the builder's list (None when unreadable)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _message(error: dict[str, Any], field: str) -> str:
    leaf = field.rsplit(".", 1)[-1] if field else ""
    prop = _PROPERTY.get(leaf)
    named = f"{field} ({prop})" if prop else (field or "the value")
    value = error.get("input")
    if error.get("type") == "string_too_long" and isinstance(value, str):
        limit = (error.get("ctx") or {}).get("max_length")
        return f"{named} is {len(value):,} characters long; at most {limit:,} are allowed: shorten it"
    if error.get("type") == "too_long" and isinstance(value, (list, dict)):
        limit = (error.get("ctx") or {}).get("max_length")
        return f"{named} has {len(value):,} entries; at most {limit:,} are allowed"
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return f"{named}: {error.get('msg')} (got {shown})"


def _problems(model: type[BaseModel], data: Any, where: Any = _where) -> tuple[list[tuple[str, str]], int]:
    """(who, message) of the first problems, and how many there are in all (`where(data, loc)` names who).

    The cyclic garbage collector is paused meanwhile: validating a 10k-product index allocates ~1M short-lived
    objects, and the collections they trigger would triple the time (1.4 s instead of 0.5 s measured)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        shown = []
        for error in errors[:_SHOWN_PROBLEMS]:
            who, field = where(data, tuple(error.get("loc") or ()))
            shown.append((who, _message(error, field)))
        return shown, len(errors)
    finally:
        if paused:
            gc.enable()
    return [], 0


def schema_violations(body: dict[str, Any]) -> list[Violation]:
    """What `owl_index.extract` produced, against the index schema: errors naming the IRI (or the order,
    policy key, FAQ id) whose value is out of range, too long or of the wrong type."""
    shown, total = _problems(Body, body)
    out = [Violation(who, message) for who, message in shown]
    if total > len(shown):
        out.append(Violation("the ontology", f"and {total - len(shown):,} more values outside the index schema "
                             "(the same kinds of problems as above)"))
    return out


_REBUILD = ("If it was not edited by hand, rebuild it with `python -m core.ontology_manager build <ontology>` "
            "(make upload-ontology does)")


def _refuse(name: str, shown: list[tuple[str, str]], total: int, served: str) -> OntologyIndexInvalidError:
    first = "; ".join(f"{who}: {message}" for who, message in shown[:3])
    return OntologyIndexInvalidError(f"{name} breaks the knowledge index schema ({total} problem(s); {first}). "
                                     f"{served}. {_REBUILD}")


def check_index_schema(index: dict[str, Any], name: str = "knowledge index") -> None:
    """Raise OntologyIndexInvalidError when a loaded index breaks the schema, naming the first problems.
    Every product row included (`check_index_envelope` leaves the rows to `check_product_row`)."""
    shown, total = _problems(Index, index)
    if total:
        raise _refuse(name, shown, total, "It is not served: the OWL is parsed instead")


def rows_checked_on_use(index: dict[str, Any]) -> bool:
    """Whether the service can leave an index's product rows to `check_product_row`: only when it carries the
    catalogue structures the service would otherwise compute by reading every row."""
    catalogue = index.get("catalogue")
    return isinstance(catalogue, dict) and catalogue.get("options") is not None \
        and catalogue.get("variant_count") is not None


def check_index_envelope(index: dict[str, Any], name: str = "knowledge index") -> None:
    """Raise OntologyIndexInvalidError when a loaded index breaks the schema outside its product rows (the
    format, hashes, delivery, policies, FAQ, orders, search and retrieval structures, and each product's id,
    name, aliases and category); the rows are checked when each product is first built (`check_product_row`).
    An index without its catalogue structures is checked in full (`check_index_schema`)."""
    if not rows_checked_on_use(index):
        check_index_schema(index, name)
        return
    if _envelope_passes(index):
        return
    shown, total = _problems(IndexEnvelope, index)  # the quick check is conservative: pydantic has the last word
    if total:
        raise _refuse(name, shown, total, "It is not served: the OWL is parsed instead")


# -- the quick envelope check -----------------------------------------------------------------------------
# The products' heads are 10k dicts: pydantic builds 10k `ProductHead`s (measured: +20 ms of a 0.2 s load and
# +14 MB peak RSS over these checks with C-level builtins). They only ever say "passes" for what `ProductHead`
# accepts; anything else goes to pydantic, which rejects it with the usual message (or accepts it after all).
def _texts_within(values: list[Any], shortest: int, longest: int) -> bool:
    """`values` are all str (exactly) of lengths within [shortest, longest]."""
    if not values:
        return True
    if set(map(type, values)) != {str}:
        return False
    lengths = list(map(len, values))
    return min(lengths) >= shortest and max(lengths) <= longest


def _heads_pass(products: Any) -> bool:
    """What `ProductHead` checks, over every product at once."""
    if type(products) is not list:
        return False
    if not products:
        return True
    if set(map(type, products)) != {dict}:
        return False
    aliases = [p.get("aliases", []) for p in products]
    return (_texts_within([p.get("id") for p in products], 1, ID_MAX)
            and _texts_within([p.get("name") for p in products], 1, NAME_MAX)
            and _texts_within([p.get("category", "") for p in products], 0, NAME_MAX)
            and set(map(type, [p.get("variants") for p in products])) == {str}
            and set(map(type, [p.get("size_chart", "{}") for p in products])) == {str}
            and set(map(type, aliases)) == {list} and max(map(len, aliases)) <= 200
            and _texts_within([a for names in aliases for a in names], 0, NAME_MAX))


class _EnvelopeBeyondHeads(Index):
    """`IndexEnvelope` with the products' heads left to `_heads_pass` (the count still bounds the search)."""

    products: list[Any]  # type: ignore[assignment]


def _envelope_passes(index: dict[str, Any]) -> bool:
    """True only if `IndexEnvelope` accepts the index."""
    if not _heads_pass(index.get("products")):
        return False
    paused = gc.isenabled()
    gc.disable()
    try:
        _EnvelopeBeyondHeads.model_validate(index)
    except ValidationError:
        return False
    finally:
        if paused:
            gc.enable()
    return True


def _product_where(product: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    return _where({"products": [product]}, ("products", 0, *loc))


def check_product_row(product: Any, name: str = "knowledge index") -> IndexProduct:
    """The row, validated (its variants parsed); OntologyIndexInvalidError when one product row of a loaded index
    breaks the schema, with the same checks and messages as `check_index_schema` gives for that row (its IRI, the
    variant SKU, the field)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return IndexProduct.model_validate(product)
    except ValidationError:
        pass
    finally:
        if paused:
            gc.enable()
    shown, total = _problems(IndexProduct, product, _product_where)
    raise _refuse(name, shown, total, "That product is not served")


# -- links ----------------------------------------------------------------------------------------------
# URLs are read from the OWL in one pass (the pattern starts with a literal: ~0.1 s over a 114 MB file);
# an e-mail address, or a URL that pass split differently, is looked up as plain or XML-escaped text, for
# the first _SHOWN_PROBLEMS only (a tampered index may name thousands; the rest count as not found).
_URL_CHARS = "[^\\s<>\"'()\\[\\]{}]+"
_URL = re.compile(f"(?:https?://|www\\.){_URL_CHARS}")
_URL_BYTES = (re.compile(f"https?://{_URL_CHARS}".encode()), re.compile(f"www\\.{_URL_CHARS}".encode()))
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_XML_ESCAPE = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);")


def links_in(text: str) -> set[str]:
    """URLs and e-mail addresses in a text (as written, trailing punctuation included)."""
    return {m.group(0) for m in _URL.finditer(text)} | {m.group(0) for m in _EMAIL.finditer(text)}


def _urls_in_owl(owl: bytes) -> set[str]:
    """The URLs an OWL file contains, with XML escapes (&amp; …) undone."""
    found = {m.group(0) for pattern in _URL_BYTES for m in pattern.finditer(owl)}
    return {_XML_ESCAPE.sub(lambda m: html.unescape(m.group(0)), link.decode("utf-8", "replace")) for link in found}


def _shown_texts(index: dict[str, Any]) -> Iterator[str]:
    """Every text the bot may put in front of a customer."""
    shop = index.get("shop") or {}
    yield from (str(shop.get(k) or "") for k in ("name", "url", "telephone", "email"))
    for p in index.get("products") or ():
        yield from (str(p.get(k) or "") for k in ("name", "description", "material", "fit", "origin", "care",
                                                  "fitting_note", "category", "brand"))
        yield from (str(a) for a in p.get("aliases") or ())
    for s in index.get("policies") or ():
        yield str(s.get("title") or "")
        yield str(s.get("text") or "")
        yield from (str(v) for v in (s.get("values") or {}).values())
    for f in index.get("faq") or ():
        yield str(f.get("question") or "")
        yield str(f.get("answer") or "")
    for passage in (index.get("retrieval") or {}).get("passages") or ():
        yield str(passage.get("title") or "")
        yield str(passage.get("text") or "")
    delivery = index.get("delivery") or {}
    yield str(delivery.get("carrier") or "")
    yield from (str(v) for v in (delivery.get("holiday_names") or {}).values())


def unverified_links(index: dict[str, Any], owl: bytes) -> list[str]:
    """URLs and e-mail addresses the index would show that its OWL does not contain, sorted."""
    wanted: set[str] = set()
    for text in _shown_texts(index):
        if "@" in text or "://" in text or "www." in text:
            wanted |= links_in(text)
    if not wanted:
        return []
    missing = sorted(wanted - _urls_in_owl(owl))
    head = [link for link in missing[:_SHOWN_PROBLEMS]
            if link.encode() not in owl and html.escape(link, quote=False).encode() not in owl]
    return head + missing[_SHOWN_PROBLEMS:]


def check_links(index: dict[str, Any], owl: bytes, name: str = "knowledge index") -> None:
    """Raise OntologyIndexInvalidError when the index would show a link its OWL does not contain."""
    unknown = unverified_links(index, owl)
    if unknown:
        shown = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
        raise OntologyIndexInvalidError(
            f"{name} would show {shown}, which its ontology does not contain: the index was changed after it was "
            "built. It is not served: the OWL is parsed instead. Rebuild it with `python -m core.ontology_manager "
            "build <ontology>` and check who can write to where it is stored")
