"""One VOC record per answered customer turn, and the redaction that keeps text at rest harmless.

A record says when, which route (category1), which topic the agent used (category2: stock, price,
size, fee, dispatch, status, returns, exchange, defects, … or `other`), which product group or
policy section when known (category3), whether the customer sounded negative, and whether the
turn was handed off or answered by the fallback. The only text kept is a short excerpt with phone
numbers, e-mail addresses, street addresses, names before 님, order numbers and card-like numbers
masked: enough for a person to recognise a complaint, not enough to identify the customer.

`TurnRecord` is also the schema of the JSONL lines the CLI reads (`{"at", "category1",
"category2", "negative"}` required, other fields optional), so it is a pydantic model.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, field_validator

from core.personal_data import mask

EXCERPT_CHARS = 80  # a recognisable sentence, not a conversation
CATEGORY_CHARS = 40
SUBJECT_CHARS = 80

Category = Annotated[str, Field(min_length=1, max_length=CATEGORY_CHARS)]


class TurnRecord(BaseModel):
    """One answered turn, as stored in the table and as read from a JSONL line."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    at: AwareDatetime
    category1: Category
    category2: Category
    category3: str | None = Field(default=None, max_length=SUBJECT_CHARS)
    negative: StrictBool
    handoff: StrictBool = False
    fallback: StrictBool = False
    excerpt: str = Field(default="", max_length=4 * EXCERPT_CHARS)
    turn_id: str = Field(default="", max_length=80)

    @field_validator("category1", "category2")
    @classmethod
    def _no_slash(cls, value: str) -> str:
        if "/" in value:  # the report names a category "category1/category2"
            raise ValueError("must not contain '/'")
        return value

    @property
    def category(self) -> str:
        return f"{self.category1}/{self.category2}"

    @property
    def at_utc(self) -> str:
        """`at` in UTC, ISO 8601 with milliseconds and `Z`: sortable as a string (the table's sort key)."""
        return self.at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
            f"{self.at.microsecond // 1000:03d}Z"


def turn_record(*, turn_id: str, text: str, route: str, topic: str | None, subject: str | None,
                negative: bool | None, handoff: bool, fallback: bool, at: datetime | None = None) -> TurnRecord:
    """The record of one answered turn; `negative` None means "ask the cue detector about `text`"."""
    if negative is None:
        from core.voc.sentiment import is_negative

        negative = is_negative(text)
    return TurnRecord(
        at=at or datetime.now(timezone.utc), category1=_category(route, "general"), category2=_category(topic, "other"),
        category3=(subject or None) and subject[:SUBJECT_CHARS], negative=bool(negative), handoff=handoff,
        fallback=fallback, excerpt=redact(text), turn_id=turn_id)


def _category(value: str | None, default: str) -> str:
    clean = (value or "").strip().replace("/", "-")[:CATEGORY_CHARS]
    return clean or default


# --- redaction ---------------------------------------------------------------------------------

EXCERPT_LABELS = {"email": "[이메일]", "order": "[주문번호]", "card": "[카드번호]", "phone": "[전화번호]",
                  "address": "[주소]", "number": "[번호]", "name": "[이름]"}


def redact(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short excerpt of `text` with personal data masked; masking runs on the whole text before cutting,
    so a number split by the cut is never half-kept."""
    clean = mask(text, EXCERPT_LABELS)
    if len(clean) > limit:
        cut = clean[:limit - 1]
        if "[" in cut[-8:] and "]" not in cut[cut.rfind("["):]:  # never leave half a mask
            cut = cut[:cut.rfind("[")]
        clean = cut.rstrip() + "…"
    return clean
