"""The last-good pointer: which ontology version in S3 passed validation, and its index.

`s3://bucket/<key>.good.json` holds {key, version_id, etag, ontology_sha256, index_key, index_version_id,
index_sha256, validated_at, …}. Only `publish` writes it, and only after the OWL version it names parsed,
passed every schema check and had its index stored: `python -m core.ontology_manager build s3://…` (the
newest upload as it is) and `publish FILE s3://…` (what `make upload-ontology` runs: validate the local
file, then upload it, its index and the pointer). The runtime reads the pointer and fetches exactly those
object versions, so an upload that was never validated, or is broken, or an index changed afterwards
(its bytes no longer hash to `index_sha256`), never reaches a container, new or old.

Trust: the pointer pins the index's own sha256, so the index it names is served after the schema check
without re-reading the OWL; whoever may write the pointer may also upload a valid OWL, so the bucket's
write permission (only the operator's credentials, never the function's role) is the boundary.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from core.knowledge.errors import OntologyIndexInvalidError, OntologyLimitError, Violation
from core.knowledge.owl_index import dump_index
from core.knowledge.parse_guard import ParseLimits
from core.knowledge.parse_worker import build_bounded
from core.knowledge.sources import Fetched, S3Source, content_hash, s3_index_key

logger = logging.getLogger("core.knowledge")

POINTER_FORMAT = "jogunshop-last-good"
POINTER_MAX_BYTES = 64_000
_Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
_Key = Annotated[str, StringConstraints(min_length=1, max_length=1024)]
_Version = Annotated[str, StringConstraints(min_length=1, max_length=1024)]


def pointer_key(key: str) -> str:
    return f"{key}.good.json"


class LastGood(BaseModel):
    """The pointer's content (JSON). `version_id`s are None in a bucket without versioning: the runtime then
    reads the newest object and accepts it only if its sha256 is still the recorded one."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    format: Literal["jogunshop-last-good"] = POINTER_FORMAT
    format_version: Literal[1] = 1
    key: _Key
    version_id: _Version | None
    etag: _Key
    ontology_sha256: _Sha256
    size: Annotated[int, Field(ge=0)]
    index_key: _Key
    index_version_id: _Version | None
    index_sha256: _Sha256
    validated_at: str
    products: Annotated[int, Field(ge=0)] = 0
    variants: Annotated[int, Field(ge=0)] = 0

    def describe(self) -> str:
        """How logs name this version: the upload time is in S3, the version id finds it."""
        version = self.version_id or f"sha256 {self.ontology_sha256[:12]}"
        return f"{self.key} version {version} (validated {self.validated_at})"


def read_last_good(source: S3Source, limits: ParseLimits | None = None) -> LastGood | None:
    """The pointer beside `source`'s key, or None when there is none (an old bucket, a first deploy).

    A pointer that is not one (truncated, edited, naming another key) raises OntologyIndexInvalidError."""
    key = pointer_key(source.key)
    try:
        fetched = source.get_optional(key, ParseLimits(max_bytes=POINTER_MAX_BYTES), "index")
    except OntologyLimitError as exc:
        raise OntologyIndexInvalidError(f"{source.url(key)} is not a last-good pointer (over {POINTER_MAX_BYTES:,} "
                                        f"bytes): it is ignored. Write it again with `python -m core.ontology_manager "
                                        f"build {source.name}`") from exc
    if fetched is None:
        return None
    raw = fetched.data
    try:
        pointer = LastGood.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in first.get("loc") or ()) or "the document"
        raise OntologyIndexInvalidError(
            f"{source.url(key)} is not a last-good pointer ({where}: {first.get('msg')}): it is ignored. Write it "
            f"again with `python -m core.ontology_manager build {source.name}` (after checking who changed it)") from exc
    if pointer.key != source.key or pointer.index_key != s3_index_key(source.key, pointer.etag):
        raise OntologyIndexInvalidError(
            f"{source.url(key)} names {pointer.key!r} / {pointer.index_key!r}, not {source.key!r} and its index: it is "
            f"ignored. Write it again with `python -m core.ontology_manager build {source.name}`")
    return pointer


@dataclass(frozen=True)
class Published:
    """What `publish` stored: the pointer it wrote (None with `force` and errors), and the build's findings."""

    pointer: LastGood | None
    index: dict[str, Any]
    index_url: str
    violations: list[Violation]


def publish(source: S3Source, limits: ParseLimits, data: bytes | None = None, name: str | None = None,
            parser: str = "owlready2", force: bool = False) -> Published:
    """Validate and build one OWL version, store its index, and only then point the last-good pointer at both.

    data None: the newest object as it is (`build s3://…`); else these bytes (the local file `name`),
    validated before anything is uploaded (`publish FILE s3://…`). A file with errors raises
    OntologySchemaError/OntologyParseError and nothing changes. `force` (build only): the index of a file
    with errors is stored, but the pointer never moves to it."""
    if data is not None:
        index, violations = build_bounded(data, name or "the file to publish", limits, parser, strict=True)
        etag, version = source.put(source.key, data, "application/rdf+xml")
        fetched = Fetched(data=data, tag=etag, sha256=content_hash(data), version_id=version)
    else:
        fetched = source.get(source.key, limits=limits)
        index, violations = build_bounded(fetched.data, source.name, limits, parser, strict=not force)
    index["source"] = source.url(source.key, fetched.version_id)
    index["source_etag"] = fetched.tag
    raw = dump_index(index)
    index_key = s3_index_key(source.key, fetched.tag)
    _, index_version = source.put(index_key, raw, "application/json")
    index_url = source.url(index_key, index_version)
    if any(v.is_error for v in violations):
        logger.warning("index stored without moving the last-good pointer (--force with schema errors)",
                       extra={"index": index_url})
        return Published(None, index, index_url, violations)
    pointer = LastGood(key=source.key, version_id=fetched.version_id, etag=fetched.tag,
                       ontology_sha256=fetched.sha256, size=len(fetched.data), index_key=index_key,
                       index_version_id=index_version, index_sha256=content_hash(raw),
                       validated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                       products=len(index.get("products") or ()),
                       variants=int((index.get("catalogue") or {}).get("variant_count") or 0))
    source.put(pointer_key(source.key), json.dumps(pointer.model_dump(), ensure_ascii=False, indent=1).encode(),
               "application/json")
    if fetched.version_id is None:
        logger.warning("the bucket has no versioning: the last good version is kept only as its index; enable "
                       "versioning on %s so a later upload cannot replace the OWL it was built from", source.bucket)
    return Published(pointer, index, index_url, violations)
