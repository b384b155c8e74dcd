"""The customer of a chat as salted hashes: enough to check order ownership later, nothing readable.

The Channel.io webhook's `refers.user` names the customer (the shop's member id, the phone number on
file). The chat item keeps only `customer_hash(salt, kind, fingerprint(kind, value))` of them
(`core.identity`), salted with CUSTOMER_HASH_SALT (one secret per deployment: without it a 10-digit phone
number is guessed from its hash in seconds, so nothing is stored when it is unset). The pipeline computes
the same hash from the fingerprints the shop's orders hold (`owner`) and compares, and may hand back an
opaque `state` (verified orders and look-up counters, as hashes) that is stored beside them.

Chat item attribute `customer` (a map): `member_hash`, `phone_hash`, `phone_last4_hash` (hex strings),
`state` (JSON text of the pipeline's `customer_state`).
"""

from __future__ import annotations

import json
from typing import Any

from core.chat.webhook import CustomerIdentity
from core.identity import customer_hash, fingerprint, normalize_phone

__all__ = ["MAX_STATE_BYTES", "customer_hash", "encode_state", "for_pipeline", "identity_hashes", "normalize_phone"]

MAX_STATE_BYTES = 8 * 1024  # the pipeline's opaque state; the chat item must stay far below 400 KB


def identity_hashes(identity: CustomerIdentity | None, salt: str | None) -> dict[str, str]:
    """The hashes to store for `identity` (empty without an identity or without a salt)."""
    if identity is None or not salt:
        return {}
    out: dict[str, str] = {}
    member = fingerprint("member", identity.member_id) if identity.member_id else None
    if member:
        out["member_hash"] = customer_hash(salt, "member", member)
    phone = normalize_phone(identity.mobile_number or "")
    if phone:
        out["phone_hash"] = customer_hash(salt, "phone", fingerprint("phone", phone) or "")
        out["phone_last4_hash"] = customer_hash(salt, "phone_last4", fingerprint("phone_last4", phone) or "")
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
