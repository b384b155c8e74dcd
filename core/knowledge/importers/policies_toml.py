"""The shop, its delivery rules, policy sections, FAQ and (optionally) orders from one TOML file.

Product exports carry no policies, so a shop writes them once in TOML (read with the standard library's
`tomllib`); the full format is the example in docs/examples/shop.toml. Every key is checked: a wrong
type, a missing required key or an unknown key (a typo like `free_treshold`) is an issue naming the
table and key, so nothing is silently dropped or read as 0.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from core.identity import normalize_phone
from core.knowledge.importers.issues import WARNING, Issues
from core.knowledge.owl_index import ORDER_STATUS_IRIS, ORDER_STATUSES
from core.knowledge.owl_writer import (
    CustomerData,
    DeliveryData,
    FAQData,
    OrderData,
    OrderLineData,
    PolicyData,
    RegionData,
    ShopData,
)

_TABLES = ("shop", "delivery", "holidays", "policies", "faq", "orders")
_REGIONS = {"jeju": "제주", "remote": "도서산간"}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# delivery section value -> how it is read off [delivery], so the text and the rules cannot disagree
_DELIVERY_VALUES = {
    "carrier": lambda d: d.carrier, "baseFee": lambda d: d.base_fee, "freeShippingThreshold": lambda d: d.free_threshold,
    "jejuSurcharge": lambda d: _surcharge(d, "제주"), "remoteSurcharge": lambda d: _surcharge(d, "도서산간"),
    "cutoffTime": lambda d: d.cutoff, "handlingDaysMin": lambda d: d.handling_days[0],
    "handlingDaysMax": lambda d: d.handling_days[1], "transitDaysMin": lambda d: d.transit_days[0],
    "transitDaysMax": lambda d: d.transit_days[1],
}


def _surcharge(d: DeliveryData, name: str) -> int | None:
    return next((r.surcharge for r in d.regions if r.name == name), None)


class _Table:
    """Typed reads of one TOML table; every problem is reported at "[table] key"."""

    def __init__(self, issues: Issues, where: str, data: Any, known: tuple[str, ...]) -> None:
        self.issues, self.where = issues, where
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            issues.at(where, f"must be a table, got {type(data).__name__}")
        for key in self.data:
            if key not in known:
                hint = difflib.get_close_matches(key, known, n=1)
                issues.at(f"{where} {key}", "unknown key" + (f": did you mean {hint[0]!r}?" if hint else
                                                              f"; known keys: {', '.join(known)}"))

    def _missing(self, key: str, required: bool, example: str) -> None:
        if required:
            self.issues.at(f"{self.where} {key}", f"missing: add e.g. {key} = {example}")

    def text(self, key: str, required: bool = False, example: str = '"…"') -> str:
        value = self.data.get(key)
        if value is None:
            self._missing(key, required, example)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.issues.at(f"{self.where} {key}", f"must be a non-empty string, e.g. {key} = {example}")
            return ""
        return value.strip()

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.issues.at(f"{self.where} {key}", f'must be a list of strings, e.g. {key} = ["…", "…"]')
            return []
        return [v.strip() for v in value if v.strip()]

    def number(self, key: str, required: bool = False, example: str = "3000") -> int | None:
        value = self.data.get(key)
        if value is None:
            self._missing(key, required, example)
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.issues.at(f"{self.where} {key}", f"must be a whole number >= 0 (won, days …), e.g. {key} = "
                                                  f"{example}; got {value!r}")
            return None
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.issues.at(f"{self.where} {key}", f"must be true or false, got {value!r}")
            return default
        return value

    def days(self, key: str) -> tuple[int, int] | None:
        value = self.data.get(key)
        if value is None:
            self._missing(key, True, "[1, 3]")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value, value]
        if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool)
                                                                      and v >= 0 for v in value) or value[0] > value[1]):
            self.issues.at(f"{self.where} {key}", f"must be [min, max] business days, e.g. {key} = [1, 3]; got {value!r}")
            return None
        return value[0], value[1]

    def day(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            self._missing(key, required, "2026-12-25")
            return None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        self.issues.at(f"{self.where} {key}", f"must be a date, e.g. {key} = 2026-12-25; got {value!r}")
        return None

    def moment(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            self._missing(key, required, "2026-11-20T10:05:00")
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.isoformat(timespec="seconds")
        self.issues.at(f"{self.where} {key}", f"must be a local date-time in Korean time without an offset, "
                                              f"e.g. {key} = 2026-11-20T10:05:00; got {value!r}")
        return None

    def clock(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            self._missing(key, True, '"14:00"')
            return None
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        m = _TIME.match(str(value).strip())
        if not m:
            self.issues.at(f"{self.where} {key}", f'must be a clock time "HH:MM", e.g. {key} = "14:00"; got {value!r}')
            return None
        return f"{int(m.group(1)):02d}:{m.group(2)}"


def _array(issues: Issues, data: dict[str, Any], name: str) -> list[tuple[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list):
        issues.at(f"[[{name}]]", f"must be an array of tables: write each entry under its own [[{name}]] header")
        return []
    return [(f"[[{name}]] #{i}", entry) for i, entry in enumerate(value, 1)]


def load_policies(path: Path, issues: Issues) -> ShopData | None:
    """The shop without products (the product file adds them); None when the file cannot be read at all."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        issues.error(None, None, f"cannot be read: {exc.strerror or exc}")
        return None
    except UnicodeDecodeError:
        issues.error(None, None, "is not UTF-8 text: save it as UTF-8")
        return None
    except tomllib.TOMLDecodeError as exc:
        issues.error(None, None, f"is not valid TOML: {exc} (see docs/examples/shop.toml)")
        return None
    for key in data:
        if key not in _TABLES:
            hint = difflib.get_close_matches(key, _TABLES, n=1)
            issues.at(f"[{key}]", "unknown table" + (f": did you mean [{hint[0]}]?" if hint else
                                                    f"; the file has {', '.join(_TABLES)}"))
    shop = _Table(issues, "[shop]", data.get("shop", {}),
                  ("name", "alternate_names", "url", "telephone", "email", "brand", "base_iri", "data_as_of", "version"))
    name = shop.text("name", required=True, example='"라라마켓"')
    url = shop.text("url")
    given = shop.text("base_iri") or url
    base_iri = given.rstrip("/") + "/" if given else ""
    if not base_iri:
        issues.at("[shop] url", 'missing: add url = "https://myshop.example" (or base_iri) so the file names the '
                                "shop's own IRIs")
    elif "://" not in base_iri:
        issues.at("[shop] base_iri", f"{base_iri!r} is not an absolute IRI, e.g. \"https://myshop.example/\"")
    delivery = _delivery(issues, data.get("delivery"))
    holidays = []
    for where, entry in _array(issues, data, "holidays"):
        t = _Table(issues, where, entry, ("date", "name"))
        day = t.day("date", required=True)
        if day:
            holidays.append((day, t.text("name") or "휴무"))
    policies = _policies(issues, data, delivery)
    faqs = []
    for i, (where, entry) in enumerate(_array(issues, data, "faq"), 1):
        t = _Table(issues, where, entry, ("id", "question", "answer", "keywords"))
        faqs.append(FAQData(t.text("id") or f"Q{i:02d}", t.text("question", required=True),
                            t.text("answer", required=True), t.strings("keywords")))
    orders = [o for where, entry in _array(issues, data, "orders") if (o := _order(issues, where, entry))]
    if delivery is None or not name or "://" not in base_iri:
        return None
    returns = next((p.values for p in policies if p.key == "returns"), {})
    return_days, return_fee = returns.get("returnDays"), returns.get("returnFeeOneWay")
    data_as_of = shop.day("data_as_of")
    return ShopData(
        name=name, alternate_names=shop.strings("alternate_names"), url=url, telephone=shop.text("telephone"),
        email=shop.text("email"), brand=shop.text("brand") or name, delivery=delivery,
        holidays=sorted(holidays), policies=policies, faqs=faqs, orders=orders,
        return_days=return_days if isinstance(return_days, int) else None,
        return_fee_one_way=return_fee if isinstance(return_fee, int) else None,
        version=shop.text("version") or data_as_of or "1", data_as_of=data_as_of, base_iri=base_iri)


def _delivery(issues: Issues, data: Any) -> DeliveryData | None:
    if data is None:
        issues.at("[delivery]", "missing: the bot quotes fees and dispatch dates from it (see docs/examples/shop.toml)")
        return None
    t = _Table(issues, "[delivery]", data, ("carrier", "base_fee", "free_threshold", "cutoff", "handling_days",
                                            "transit_days", "ships_overseas", "jeju", "remote"))
    regions = []
    for slug, region in _REGIONS.items():
        if slug in t.data:
            r = _Table(issues, f"[delivery.{slug}]", t.data[slug],
                       ("surcharge", "applies_when_free", "address_region", "keywords", "postal_ranges"))
            surcharge = r.number("surcharge", required=True)
            ranges = _postal_ranges(issues, f"[delivery.{slug}] postal_ranges", r.data.get("postal_ranges", []))
            if surcharge is not None:
                regions.append(RegionData(region, slug, surcharge, ranges, r.text("address_region") or None,
                                          r.strings("keywords"), r.flag("applies_when_free", True)))
    carrier = t.text("carrier", required=True, example='"CJ대한통운"')
    base_fee, threshold = t.number("base_fee", required=True), t.number("free_threshold", required=True, example="50000")
    cutoff, handling, transit = t.clock("cutoff"), t.days("handling_days"), t.days("transit_days")
    ships = t.flag("ships_overseas", False)
    if not carrier or base_fee is None or threshold is None or cutoff is None or handling is None or transit is None:
        return None
    return DeliveryData(carrier=carrier, base_fee=base_fee, free_threshold=threshold, cutoff=cutoff,
                        handling_days=handling, transit_days=transit, regions=regions, ships_overseas=ships)


def _postal_ranges(issues: Issues, where: str, value: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pair in value if isinstance(value, list) else [value]:
        codes = [f"{c:05d}" if isinstance(c, int) and not isinstance(c, bool) else str(c).strip()
                 for c in (pair if isinstance(pair, list) else [pair])]
        if len(codes) != 2 or not all(len(c) == 5 and c.isdigit() for c in codes) or codes[0] > codes[1]:
            issues.at(where, f'{pair!r} is not ["begin", "end"] with 5-digit postal codes, e.g. ["63000", "63644"]')
            continue
        out.append((codes[0], codes[1]))
    return sorted(out)


def _policies(issues: Issues, data: dict[str, Any], delivery: DeliveryData | None) -> list[PolicyData]:
    out: list[PolicyData] = []
    keys: set[str] = set()
    for where, entry in _array(issues, data, "policies"):
        t = _Table(issues, where, entry, ("key", "title", "text", "values"))
        key = t.text("key", required=True, example='"returns"')
        where = f'[[policies]] key = "{key}"' if key else where
        t.where = where
        values = t.data.get("values", {})
        if not isinstance(values, dict):
            issues.at(f"{where} values", "must be an inline table, e.g. values = { returnDays = 7 }")
            values = {}
        clean: dict[str, int | str] = {}
        for name, value in values.items():
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                issues.at(f"{where} values.{name}", f"must be a whole number or a string, got {value!r}")
                continue
            clean[name] = value
        if key == "delivery" and delivery is not None:
            _fill_delivery_values(issues, where, clean, delivery)
        if key in keys:
            issues.at(where, f"policy key {key!r} is used twice")
        keys.add(key)
        out.append(PolicyData(key, t.text("title", required=True, example='"반품 안내"'),
                              t.text("text", required=True), clean))
    for key in ("delivery", "returns"):
        if key not in keys:
            issues.at("[[policies]]", f'the required section {key!r} is missing: add [[policies]] with key = "{key}", '
                                      "a title and the text customers may be shown")
    return out


def _fill_delivery_values(issues: Issues, where: str, values: dict[str, int | str], d: DeliveryData) -> None:
    """The delivery section repeats [delivery]'s numbers for display: filled in, and checked where given."""
    for name, read in _DELIVERY_VALUES.items():
        rule = read(d)
        if rule is None:
            continue
        if name in values and values[name] != rule:
            issues.at(f"{where} values.{name}", f"{values[name]!r} disagrees with [delivery] ({rule!r}): remove it "
                                                "(it is filled in from [delivery]) or correct one of them")
        values.setdefault(name, rule)


def _order(issues: Issues, where: str, entry: Any) -> OrderData | None:
    t = _Table(issues, where, entry, ("number", "ordered_at", "status", "shipping_fee", "region", "postal_code",
                                      "payment_method", "tracking_number", "arrival_from", "arrival_until", "lines",
                                      "customer"))
    number = t.text("number", required=True, example='"W2378156"')
    where = f'[[orders]] number = "{number}"' if number else where
    t.where = where
    status = t.text("status", required=True, example='"배송중"')
    status = ORDER_STATUS_IRIS.get(status.rsplit("/", 1)[-1], status)
    if status and status not in ORDER_STATUSES:
        issues.at(f"{where} status", f"{status!r}: use one of {', '.join(ORDER_STATUSES)}")
    lines = []
    raw = t.data.get("lines", [])
    if not isinstance(raw, list) or not raw:
        issues.at(f"{where} lines", 'missing: add lines = [{ sku = "…", quantity = 1, unit_price = 18000 }]')
        raw = []
    for i, line in enumerate(raw, 1):
        lt = _Table(issues, f"{where} lines #{i}", line, ("sku", "quantity", "unit_price"))
        sku, qty, unit = lt.text("sku", required=True), lt.number("quantity", required=True, example="1"), \
            lt.number("unit_price", required=True, example="18000")
        if sku and qty and unit is not None:
            lines.append(OrderLineData(sku, qty, unit))
        elif qty == 0:
            issues.at(f"{where} lines #{i} quantity", "must be at least 1")
    ordered_at, fee = t.moment("ordered_at", required=True), t.number("shipping_fee", required=True, example="0")
    region = t.text("region") or "기본"
    if region not in ("기본", "제주", "도서산간"):
        issues.at(f"{where} region", f'{region!r}: use "기본", "제주" or "도서산간"')
    customer = _customer(issues, where, t.data.get("customer"))
    if not number or not ordered_at or fee is None or not lines or status not in ORDER_STATUSES:
        return None
    return OrderData(number=number, ordered_at=ordered_at, status=status, lines=lines, shipping_fee=fee,
                     region=region, postal_code=t.text("postal_code") or None,
                     payment_method=t.text("payment_method") or None, tracking_number=t.text("tracking_number") or None,
                     arrival_from=t.day("arrival_from"), arrival_until=t.day("arrival_until"), customer=customer)


def _customer(issues: Issues, where: str, entry: Any) -> CustomerData | None:
    """`customer = { name = "…", telephone = "010-…", member_id = "…" }`: who ordered (without it the bot shows
    the order to nobody). Messages never repeat the personal data."""
    if entry is None:
        issues.at(f"{where} customer", 'missing: the bot shows this order to nobody; add customer = { name = "…", '
                                        'telephone = "010-…", member_id = "…" }', WARNING)
        return None
    c = _Table(issues, f"{where} customer", entry, ("name", "telephone", "member_id"))
    name, phone = c.text("name", required=True, example='"김민수"'), c.text("telephone", required=True,
                                                                            example='"010-1234-5678"')
    if phone and normalize_phone(phone) is None:
        issues.at(f"{where} customer telephone", "is not a phone number: write the digits, e.g. \"010-1234-5678\"")
        return None
    return CustomerData(name=name, telephone=phone, member_id=c.text("member_id") or None) if name and phone else None
