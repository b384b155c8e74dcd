"""Who ordered, as fingerprints: the one place both the shop's data and the chat turn customer identifiers
into comparable digests.

An order in the ontology names its customer (member id, phone, orderer's name, docs/ontology.md §7). The
knowledge index never keeps those readable: each becomes `fingerprint(kind, value)` =
`sha256("kind␟normalised value")` (␟ = U+001F). The chat side stores `customer_hash(salt, kind,
fingerprint(kind, value))` for the Channel.io user, so the pipeline compares
`customer_hash(salt, kind, order.owner[kind])` with what the chat holds, and checks a name and the last
4 digits a customer types against the order's fingerprints directly.

Fingerprints are pseudonyms, not secrets: a phone number's fingerprint is found by trying all numbers,
which is why the index stays in a private bucket and the chat item holds only salted hashes of them.
Pure (hashlib, unicodedata, re): the webhook path imports it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SEPARATOR = "\x1f"
KINDS = ("member", "phone", "phone_last4", "name")
_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def normalize_phone(number: str) -> str | None:
    """Digits of a Korean phone number in domestic form (`+82 10-1234-5678` → `01012345678`), or None."""
    digits = "".join(_DIGITS.findall(unicodedata.normalize("NFKC", number or "")))
    if digits.startswith("82") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits if 8 <= len(digits) <= 15 else None


def normalize_name(name: str) -> str:
    """A person's name as compared: NFKC, no spaces, case-folded ("김 민수" = "김민수", "Minsu KIM" = "minsukim")."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name or "")).casefold()


def normalize_member(member_id: str) -> str:
    """The shop's member id as compared: NFKC and trimmed (ids are case-sensitive in most shop platforms)."""
    return unicodedata.normalize("NFKC", member_id or "").strip()


def normalized(kind: str, value: str) -> str | None:
    """`value` normalised for `kind`, or None when it is not usable (empty, not a phone number, not 4 digits)."""
    if kind == "member":
        out: str | None = normalize_member(value)
    elif kind == "phone":
        out = normalize_phone(value)
    elif kind == "phone_last4":
        digits = "".join(_DIGITS.findall(unicodedata.normalize("NFKC", value or "")))
        out = digits[-4:] if len(digits) >= 4 else None
    elif kind == "name":
        out = normalize_name(value)
    else:
        raise ValueError(f"unknown identity kind {kind!r}; use one of {', '.join(KINDS)}")
    return out or None


def fingerprint(kind: str, value: str) -> str | None:
    """`sha256("kind␟normalised value")` as hex, or None when the value is not usable for `kind`."""
    norm = normalized(kind, value)
    if norm is None:
        return None
    return hashlib.sha256(f"{kind}{SEPARATOR}{norm}".encode("utf-8", "surrogatepass")).hexdigest()


def owner_fingerprints(member_id: str | None = None, telephone: str | None = None,
                       name: str | None = None) -> dict[str, str]:
    """The `owner` object of an order in the index: a fingerprint per usable identifier (member, phone,
    phone_last4, name); empty when none is usable."""
    out: dict[str, str] = {}
    for kind, value in (("member", member_id), ("phone", telephone), ("phone_last4", telephone), ("name", name)):
        if kind == "phone_last4" and "phone" not in out:
            continue  # the last 4 digits of something that is not a phone number prove nothing
        fp = fingerprint(kind, value) if value else None
        if fp:
            out[kind] = fp
    return out


def customer_hash(salt: str, kind: str, value: str) -> str:
    """`sha256(salt ␟ kind ␟ value)` as hex; `kind` keeps a member id and a phone number apart. The chat
    stores it with `value` = the fingerprint, so nothing guessable without the salt is kept."""
    return hashlib.sha256(SEPARATOR.join((salt, kind, value)).encode("utf-8", "surrogatepass")).hexdigest()
