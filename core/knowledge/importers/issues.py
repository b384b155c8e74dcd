"""Import problems that name where to fix them, and the cell parsers every product format shares.

A shop owner fixes a spreadsheet, not RDF: every issue names the file, the row as a spreadsheet shows
it (1-based, the header is row 1) and the column, and says what to write instead.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

ERROR, WARNING = "error", "warning"
# Stock of an in-stock variant whose file gives no count (the Merchant spec has none): a placeholder the bot
# will quote, so every import that uses it says so in a warning. `--default-stock` changes it.
DEFAULT_STOCK = 10


@dataclass(frozen=True)
class ImportIssue:
    """One problem in an input file; `row`/`column` are None when it concerns the whole file."""

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = ERROR
    key: str | None = None  # in a TOML file: the table and key, e.g. "[delivery] base_fee"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "") + (
            f", column {self.column!r}" if self.column else "") + (f", {self.key}" if self.key else "")
        return f"{where}: {'' if self.is_error else 'warning: '}{self.message}"


class ImportFailed(Exception):
    """The input cannot become a valid ontology; `issues` lists every problem found (errors first)."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        self.issues = sorted(issues, key=lambda i: not i.is_error)
        errors = [i for i in self.issues if i.is_error]
        super().__init__(f"{len(errors)} error(s); first: {errors[0] if errors else '-'}")


@dataclass
class Issues:
    """Collects issues for one file, so an import reports everything at once instead of the first problem."""

    file: str
    found: list[ImportIssue] = field(default_factory=list)

    def error(self, row: int | None, column: str | None, message: str) -> None:
        self.found.append(ImportIssue(self.file, row, column, message, ERROR))

    def warn(self, row: int | None, column: str | None, message: str) -> None:
        self.found.append(ImportIssue(self.file, row, column, message, WARNING))

    def at(self, key: str, message: str, severity: str = ERROR) -> None:
        """A problem at a TOML key ("[delivery] base_fee")."""
        self.found.append(ImportIssue(self.file, None, None, message, severity, key))

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.found)


# -- reading delimited files -----------------------------------------------------------------------------
def read_rows(path: Path, delimiter: str, issues: Issues) -> Iterator[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {header: cell}) for each data row; the header is row 1. Headers are kept as
    written (the format modules look them up with `column`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        issues.error(None, None, f"is not UTF-8 text (byte {exc.start}): save it as 'CSV UTF-8' (Excel) or "
                                 "export it again from the shop admin, which writes UTF-8")
        return
    except OSError as exc:
        issues.error(None, None, f"cannot be read: {exc.strerror or exc}")
        return
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        issues.error(None, None, "is empty: it needs a header row and one row per product variant")
        return
    header = [h.strip() for h in header]
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                issues.error(number, None, f"has {len(cells)} cells but the header has {len(header)} columns: "
                                           "a cell probably contains an unquoted delimiter")
                continue
            yield number, dict(zip(header, [*cells, *[""] * (len(header) - len(cells))]))
    except csv.Error as exc:
        issues.error(reader.line_num, None, f"is not valid {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}")


@dataclass
class Columns:
    """Where each of our fields is in one file: the header as the file writes it, found under any of the
    spellings the format documents (case, spaces and underscores ignored; an XML-style `g:` prefix too)."""

    found: dict[str, str | None]
    documented: dict[str, tuple[str, ...]]

    @classmethod
    def find(cls, header: list[str], documented: dict[str, tuple[str, ...]]) -> "Columns":
        keyed = {_key(h.split(":", 1)[1] if h.lower().startswith("g:") else h): h for h in reversed(header)}
        return cls({name: next((keyed[_key(s)] for s in spellings if _key(s) in keyed), None)
                    for name, spellings in documented.items()}, documented)

    def cell(self, row: dict[str, str], key: str) -> str:
        header = self.found[key]
        return (row.get(header) or "").strip() if header else ""

    def name(self, key: str) -> str:
        """The column as the file spells it, or as the format documents it when the file has none."""
        return self.found[key] or self.documented[key][0]

    def has(self, key: str) -> bool:
        return self.found[key] is not None

    def require(self, keys: tuple[str, ...], issues: Issues, what: str) -> bool:
        """False (and an issue at row 1) when the header lacks a required column."""
        missing = [self.documented[k][0] for k in keys if not self.has(k)]
        if missing:
            issues.error(1, missing[0], f"the header has no {' / '.join(missing)} column: this does not look like {what}")
        return not missing


def _key(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().lower())


# -- cells ----------------------------------------------------------------------------------------------
_MONEY_NOISE = re.compile(r"[,\s₩원]|krw", re.IGNORECASE)


def parse_won(text: str) -> int | None:
    """A whole KRW amount from "39000", "39,000", "39000.00", "₩39,000" or "39000원"; None if it is not one."""
    cleaned = _MONEY_NOISE.sub("", text or "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if value != value.to_integral_value() or value < 0:
        return None
    return int(value)


def parse_count(text: str) -> int | None:
    """A whole number (may be negative: shops oversell) from "12", "12.0" or "1,200"; None otherwise."""
    cleaned = (text or "").replace(",", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else None


class _Text(HTMLParser):
    _BREAKS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Product descriptions are HTML in exports; the bot quotes plain text (tags dropped, entities decoded,
    whitespace collapsed)."""
    if "<" not in (html or "") and "&" not in (html or ""):
        return " ".join((html or "").split())
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


SEASONS = ("봄", "여름", "가을", "겨울")
SIZE_NAMES = frozenset({"size", "사이즈", "sizes", "치수"})
COLOR_NAMES = frozenset({"color", "colour", "색상", "컬러", "색", "색깔", "colors"})


def axis_for(name: str) -> str:
    """An option name as an axis: "Size"/"사이즈" → size, "Color"/"색상" → color, anything else as written."""
    low = name.strip().lower()
    if low in SIZE_NAMES:
        return "size"
    if low in COLOR_NAMES:
        return "color"
    return name.strip()
