"""The customer of a chat as salted hashes: enough to check order ownership later, nothing readable.

The Channel.io webhook's `refers.user` names the customer (the shop's member id, the phone number on
file). The chat item keeps only SHA-256 digests of them, salted with CUSTOMER_HASH_SALT (one secret per
deployment: without it a 10-digit phone number is guessed from its hash in seconds, so nothing is
stored when it is unset). The pipeline gets the same hashes and computes its own from what the shop's
orders hold (`customer_hash`), and may hand back an opaque `state` (e.g. verified order numbers, look-up
counters) that is stored beside them.

Chat item attribute `customer` (a map): `member_hash`, `phone_hash`, `phone_last4_hash` (hex strings),
`state` (JSON text of the pipeline's `customer_state`).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from core.chat.webhook import CustomerIdentity

MAX_STATE_BYTES = 8 * 1024  # the pipeline's opaque state; the chat item must stay far below 400 KB
_DIGITS = re.compile(r"\d")


def customer_hash(salt: str, kind: str, value: str) -> str:
    """`sha256(salt ␟ kind ␟ value)` as hex; `kind` keeps a member id and a phone number apart."""
    return hashlib.sha256("\x1f".join((salt, kind, value)).encode("utf-8", "surrogatepass")).hexdigest()


def normalize_phone(number: str) -> str | None:
    """Digits of a Korean mobile number in domestic form (`+82 10-1234-5678` → `01012345678`), or None."""
    digits = "".join(_DIGITS.findall(number))
    if digits.startswith("82") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits if 8 <= len(digits) <= 15 else None


def identity_hashes(identity: CustomerIdentity | None, salt: str | None) -> dict[str, str]:
    """The hashes to store for `identity` (empty without an identity or without a salt)."""
    if identity is None or not salt:
        return {}
    out: dict[str, str] = {}
    if identity.member_id:
        out["member_hash"] = customer_hash(salt, "member", identity.member_id)
    phone = normalize_phone(identity.mobile_number or "")
    if phone:
        out["phone_hash"] = customer_hash(salt, "phone", phone)
        out["phone_last4_hash"] = customer_hash(salt, "phone_last4", phone[-4:])
    return out


def encode_state(state: dict[str, Any] | None) -> str | None:
    """The pipeline's `customer_state` as stored (compact JSON), or None when absent, not JSON or too big."""
    if not state:
        return None
    try:
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":"), default=str)
    except (TypeError, ValueError):
        return None
    return text if len(text.encode("utf-8", "surrogatepass")) <= MAX_STATE_BYTES else None


def for_pipeline(stored: dict[str, str]) -> dict[str, Any] | None:
    """The `customer` argument of `pipeline.answer`: the hashes and the decoded `state`, or None."""
    if not stored:
        return None
    out: dict[str, Any] = {k: v for k, v in stored.items() if k != "state"}
    if stored.get("state"):
        try:
            out["state"] = json.loads(stored["state"])
        except ValueError:
            pass
    return out or None
