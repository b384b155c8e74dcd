"""What the service serves: the last version of the shop's knowledge that validated, hot-reloaded.

Sources (`sources`): an S3 object (S3_BUCKET_NAME + ONTOLOGY_S3_KEY) or a local file (ONTOLOGY_PATH).

- S3 with a last-good pointer (`last_good`; only `build`/`publish` write it, after validating): the index
  version the pointer names, if its bytes still hash to the recorded sha256 and it passes the index
  schema; else the OWL version it names, parsed and validated under the parse limits. The newest upload
  is never read: an upload that was not built, or is broken, reaches no container, new or old.
- S3 without a pointer (a bucket from before pointers): the newest OWL, only if it validates. Its ETag
  index is used when it was built from these exact bytes, passes the schema and shows no link the OWL
  lacks; otherwise the OWL is parsed. A WARNING says to run `build`.
- A local file: like the pointer-less path, with the index cached beside the file.

Nothing usable in S3 (no object yet, a broken upload and no pointer, access denied, S3 down): the floor,
ONTOLOGY_PATH (the bundled data/ontology.owl, whose index the image prebuilds), is served with an ERROR
naming what to fix; the manager keeps checking S3 and switches when a version validates.

Product rows of an index are checked when each product is first used (`ShopKnowledge`): a row that breaks the
index schema is not served, and the manager parses that version's OWL in the background and serves it instead,
as it would have for an index refused on load.

Hot reload: at most every ONTOLOGY_REFRESH_SECONDS a request starts a background check of the pointer's
ETag (the OWL's when there is no pointer; a local file's size/mtime), so it follows the pointer, not the
newest upload. A version that fails to load is logged and the one being served stays.

Parsing always runs in a child process under ONTOLOGY_PARSE_TIMEOUT_SECONDS (`parse_worker`); every
file read is bounded by ONTOLOGY_MAX_MB (`parse_guard`).

CLI: `python -m core.ontology_manager build|validate|publish|query ...` (`core.knowledge.cli`).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.knowledge.errors import (OntologyAccessError, OntologyError, OntologyIndexInvalidError,
                                   OntologyIndexVersionError, OntologyLimitError, OntologyNotFoundError,
                                   OntologyParseError, OntologySchemaError, OntologySourceError)
from core.knowledge.index_schema import check_links
from core.knowledge.last_good import LastGood, pointer_key, read_last_good
from core.knowledge.owl_index import dump_index, load_index
from core.knowledge.parse_guard import ParseLimits
from core.knowledge.parse_worker import build_bounded
from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.sources import (Fetched, LocalSource, S3Source, local_index_path, s3_index_key,
                                    source_for)

if TYPE_CHECKING:
    from core.config import Settings

__all__ = ["OntologyError", "OntologyParseError", "OntologySchemaError", "OntologyIndexVersionError",
           "OntologyIndexInvalidError", "OntologySourceError", "OntologyNotFoundError", "OntologyAccessError",
           "OntologyManager", "Fetched", "LocalSource", "S3Source", "local_index_path", "s3_index_key", "source_for",
           "get_knowledge", "get_manager", "load_knowledge"]

logger = logging.getLogger("core.knowledge")


# -- loading one version -----------------------------------------------------------------------------------
def load_knowledge(source: LocalSource | S3Source, write_index: bool = True, use_index: bool = True,
                   limits: ParseLimits | None = None) -> ShopKnowledge:
    """The version of `source` to serve (see the module docstring), checked; OntologyError when none is."""
    limits = limits or ParseLimits()
    started = time.perf_counter()
    if isinstance(source, LocalSource):
        knowledge, how = _load_local(source, limits, write_index, use_index)
    else:
        pointer: LastGood | None = None
        try:
            pointer = read_last_good(source)
        except OntologyIndexInvalidError as exc:
            logger.error("last-good pointer ignored: %s. Serving the newest upload only if it validates", exc,
                         extra={"source": source.name})
        if pointer is not None:
            knowledge, how = _load_pointed(source, pointer, limits, use_index)
        else:
            logger.warning("no last-good pointer %s: serving the newest upload only because it validates. Run "
                           "`python -m core.ontology_manager build %s` (make upload-ontology does) so a broken upload "
                           "can never reach a new container", source.url(pointer_key(source.key)), source.name,
                           extra={"source": source.name})
            knowledge, how = _load_newest(source, limits, use_index)
    seconds = round(time.perf_counter() - started, 3)
    if how == "parsed":
        logger.info("no prebuilt index matched: parsed the OWL (run `python -m core.ontology_manager build %s` to "
                    "make cold starts fast)", source.name, extra={"seconds": seconds, **knowledge.summary()})
    else:
        logger.info("ontology loaded from index", extra={"seconds": seconds, **knowledge.summary()})
    return knowledge


def _parse(owl: Fetched, name: str, limits: ParseLimits) -> dict[str, Any]:
    index, _ = build_bounded(owl.data, name, limits, strict=True)
    return index


def _load_local(source: LocalSource, limits: ParseLimits, write_index: bool,
                use_index: bool) -> tuple[ShopKnowledge, str]:
    owl = source.fetch(limits)
    found = source.index_bytes(owl.sha256) if use_index else None
    if found is not None:
        path, raw = found
        try:
            index = load_index(raw, expected_sha256=owl.sha256, name=str(path), max_bytes=limits.max_bytes)
            check_links(index, owl.data, str(path))
            return ShopKnowledge(index, source=source.name), "index"
        except OntologyIndexVersionError as exc:
            logger.warning("ignoring local index: %s", exc, extra={"source": source.name})
    index = _parse(owl, source.name, limits)
    if write_index:
        source.save_index(owl.sha256, dump_index(index))
    return ShopKnowledge(index, source=source.name, rows_checked=True), "parsed"


def _load_newest(source: S3Source, limits: ParseLimits, use_index: bool) -> tuple[ShopKnowledge, str]:
    """No pointer: the newest OWL, served only when it validates (through its index or a parse)."""
    owl = source.fetch(limits)
    where = source.url(source.key, owl.version_id)
    if use_index:
        index_key = s3_index_key(source.key, owl.tag)
        try:
            got = source.get_optional(index_key, limits, "index")
            if got is not None:
                index = load_index(got.data, expected_sha256=owl.sha256, name=source.url(index_key),
                                   max_bytes=limits.max_bytes)
                check_links(index, owl.data, source.url(index_key))
                return ShopKnowledge(index, source=where), "index"
        except (OntologyIndexVersionError, OntologyLimitError) as exc:
            logger.warning("ignoring S3 index: %s", exc, extra={"source": source.name})
    index = _parse(owl, where, limits)
    index["source_etag"] = owl.tag
    return ShopKnowledge(index, source=where, rows_checked=True), "parsed"


def _load_pointed(source: S3Source, pointer: LastGood, limits: ParseLimits,
                  use_index: bool) -> tuple[ShopKnowledge, str]:
    """The exact OWL and index versions the last-good pointer names."""
    where = source.url(pointer.key, pointer.version_id)
    _warn_if_newer_upload(source, pointer)
    if use_index:
        index_url = source.url(pointer.index_key, pointer.index_version_id)
        try:
            got = source.get(pointer.index_key, pointer.index_version_id, limits, what="index")
            if got.sha256 != pointer.index_sha256:
                raise OntologyIndexInvalidError(
                    f"{index_url} is not the index that was validated (its sha256 is {got.sha256[:12]}, the pointer "
                    f"recorded {pointer.index_sha256[:12]}): it was changed afterwards. Rebuild it with `python -m "
                    f"core.ontology_manager build {source.name}` and check who can write to the bucket")
            index = load_index(got.data, expected_sha256=pointer.ontology_sha256, name=index_url,
                               max_bytes=limits.max_bytes)
            return ShopKnowledge(index, source=where), "index"
        except (OntologyIndexVersionError, OntologyNotFoundError, OntologyLimitError) as exc:
            logger.error("last good index rejected; parsing its ontology version instead: %s", exc,
                         extra={"source": source.name, "serving": pointer.describe()})
    owl = source.get(pointer.key, pointer.version_id, limits)
    if owl.sha256 != pointer.ontology_sha256:
        raise OntologySourceError(
            f"{where} is not the ontology that was validated (sha256 {owl.sha256[:12]}, the pointer recorded "
            f"{pointer.ontology_sha256[:12]}): the bucket keeps no versions and it was replaced. Enable versioning "
            "on the bucket and upload again with `make upload-ontology FILE=…`")
    index = _parse(owl, where, limits)
    index["source_etag"] = owl.tag
    return ShopKnowledge(index, source=where, rows_checked=True), "parsed"


def _warn_if_newer_upload(source: S3Source, pointer: LastGood) -> None:
    """An upload after the last good one was never validated and built: say so, it is not being served."""
    try:
        newest = source.etag_of(source.key)
    except OntologySourceError:
        return
    if newest is not None and newest != pointer.etag:
        logger.warning("%s has a newer upload (ETag %s) than the last good version, %s: it was not validated and "
                       "built, so it is not served. Run `make upload-ontology FILE=…` or `python -m "
                       "core.ontology_manager build %s` (which reports what is wrong with it)", source.name, newest,
                       pointer.describe(), source.name, extra={"source": source.name})


# -- the container's manager -----------------------------------------------------------------------------------
class OntologyManager:
    """Serves the current `ShopKnowledge`, checking for a new validated version in the background."""

    def __init__(self, settings: "Settings | None" = None, s3_client: Any = None,
                 source: LocalSource | S3Source | None = None) -> None:
        if settings is None:
            from core.config import get_settings

            settings = get_settings()
        self.settings = settings
        if source is None:
            if settings.s3_bucket_name:
                source = S3Source(settings.s3_bucket_name, settings.ontology_s3_key, client=s3_client,
                                  settings=settings)
            else:
                source = LocalSource(settings.ontology_path)
        self.source = source
        self.limits = ParseLimits.from_settings(settings)
        # The floor under S3: ONTOLOGY_PATH (by default the bundled file, its index prebuilt in the image).
        self.floor: Path | None = Path(settings.ontology_path) if isinstance(source, S3Source) else None
        self.serving_floor = False
        self.refresh_seconds = settings.ontology_refresh_seconds
        self._current: ShopKnowledge | None = None
        self._signature: str | None = None
        self._failed_signature: str | None = None
        self._last_check = 0.0
        self._lock = threading.Lock()
        self._reloader: threading.Thread | None = None
        self.last_error: str | None = None
        self.reloads = 0

    def knowledge(self) -> ShopKnowledge:
        """The current version; the first call loads it (the floor when S3 has nothing usable; raising
        OntologyError only when there is no floor either)."""
        current = self._current
        if current is None:
            with self._lock:
                if self._current is None:
                    self._first_load()
                current = self._current
            assert current is not None
            return current
        if time.monotonic() - self._last_check >= self.refresh_seconds:
            self.check_for_update(block=False)
        return current

    def _first_load(self) -> None:
        signature: str | None = None
        try:
            signature = self.version_signature()
            fresh = self._watched(load_knowledge(self.source, limits=self.limits), self.source)
        except OntologyError as exc:
            fresh = self._floor_for(exc)
            self._failed_signature, signature = signature, None
        fresh.warm()
        self._current = fresh
        self._signature = signature
        self._last_check = time.monotonic()

    def _floor_for(self, exc: OntologyError) -> ShopKnowledge:
        """ONTOLOGY_PATH's knowledge when S3 has nothing usable (re-raising `exc` when there is no floor)."""
        self.last_error = f"{type(exc).__name__}: {exc}"
        if self.floor is None:
            raise exc
        try:
            floor_source = LocalSource(self.floor)
            floor = self._watched(load_knowledge(floor_source, limits=self.limits), floor_source)
        except OntologyError as floor_error:
            logger.error("no usable ontology in %s (%s), and the floor ONTOLOGY_PATH=%s cannot be read either (%s)",
                         self.source.name, exc, self.floor, floor_error)
            raise exc from floor_error
        self.serving_floor = True
        logger.error("no usable ontology in %s; serving the floor ONTOLOGY_PATH=%s (version %s, %d products) until it "
                     "is fixed: %s", self.source.name, self.floor, floor.version[:12], len(floor), exc,
                     extra={"source": self.source.name, "error": self.last_error})
        return floor

    def _watched(self, knowledge: ShopKnowledge, source: LocalSource | S3Source) -> ShopKnowledge:
        """Parse `source`'s OWL instead (once, in the background) when a product row of `knowledge` is refused."""
        once = threading.Lock()

        def refused(_: ShopKnowledge, message: str) -> None:
            if once.acquire(blocking=False):  # never released: one parse per loaded version
                threading.Thread(target=self._parse_instead, args=(knowledge, source, message),
                                 name="ontology-parse-instead", daemon=True).start()

        knowledge.on_refused = refused
        return knowledge

    def _parse_instead(self, bad: ShopKnowledge, source: LocalSource | S3Source, message: str) -> None:
        """The index being served has a row a validated build would not have written: serve its OWL instead."""
        logger.error("the index being served breaks the index schema; parsing its ontology instead: %s", message,
                     extra={"source": source.name, "version": bad.version[:12]})
        try:
            fresh = load_knowledge(source, use_index=False, limits=self.limits)
            fresh.warm()
        except Exception as exc:  # noqa: BLE001 - keep serving the index, without the refused product(s)
            self.last_error = f"{type(exc).__name__}: {exc}"
            logger.error("could not parse the ontology instead of its index; still serving the index without the "
                         "refused product(s)", extra={"source": source.name, "error": self.last_error})
            return
        with self._lock:
            if self._current is bad:  # not replaced meanwhile by a newer version
                self._current = fresh
        logger.info("serving the ontology parsed instead of its index",
                    extra={"source": fresh.source, "version": fresh.version[:12]})

    def version_signature(self) -> str:
        """What changes when there is a new version to serve: the pointer's ETag ("good:…"), without a
        pointer the OWL's ("newest:…", "missing"); a local file's size and mtime."""
        if isinstance(self.source, S3Source):
            good = self.source.etag_of(pointer_key(self.source.key))
            if good is not None:
                return f"good:{good}"
            newest = self.source.etag_of(self.source.key)
            return f"newest:{newest}" if newest is not None else "missing"
        return self.source.signature()

    def check_for_update(self, block: bool = True) -> bool:
        """Start (or with block, run) a version check; True when a check was started or completed.

        Without block, a check already under way is enough (returns False). With block, wait for it and
        then check again, so an upload made after that check started is not missed.
        """
        running = self._reloader
        if running is not None and running.is_alive():
            if not block:
                return False
            running.join()
        with self._lock:
            if self._reloader is not None and self._reloader.is_alive():
                if not block:
                    return False
                self._reloader.join()
            self._last_check = time.monotonic()
            thread = threading.Thread(target=self._reload_if_changed, name="ontology-reload", daemon=True)
            self._reloader = thread
            thread.start()
        if block:
            thread.join()
        return True

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait for a background reload to finish (tests, the CLI)."""
        thread = self._reloader
        if thread is not None:
            thread.join(timeout)

    def _reload_if_changed(self) -> None:
        signature: str | None = None
        try:
            signature = self.version_signature()
            if signature == self._signature or signature == self._failed_signature:
                return
            started = time.perf_counter()
            fresh = self._watched(load_knowledge(self.source, limits=self.limits), self.source)
            fresh.warm()
            self._current = fresh          # atomic swap: readers see the old or the new version, never half
            self._signature = signature
            self._failed_signature = None
            self.serving_floor = False
            self.last_error = None
            self.reloads += 1
            logger.info("ontology reloaded", extra={"source": fresh.source, "version": fresh.version[:12],
                                                    "seconds": round(time.perf_counter() - started, 3)})
        except Exception as exc:  # never let a bad upload take down the version being served
            self._failed_signature = signature
            self.last_error = f"{type(exc).__name__}: {exc}"
            serving = (f"the floor ONTOLOGY_PATH={self.floor}" if self.serving_floor else "the last good version")
            logger.error("new ontology rejected; still serving %s", serving,
                         extra={"source": self.source.name, "error": self.last_error,
                                "serving": self._current.version[:12] if self._current else None})


_manager: OntologyManager | None = None
_manager_lock = threading.Lock()


def get_manager() -> OntologyManager:
    """Per-container manager built from `get_settings()`."""
    global _manager
    if _manager is None:
        with _manager_lock:
            if _manager is None:
                _manager = OntologyManager()
    return _manager


def get_knowledge() -> ShopKnowledge:
    """The shop knowledge for this container (loads on first use, hot-reloads later)."""
    return get_manager().knowledge()


def reset_manager() -> None:
    """Forget the container singleton (tests, local stack after changing settings)."""
    global _manager
    _manager = None
