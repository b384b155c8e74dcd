"""Where the shop's knowledge comes from: S3 or a local OWL file, a prebuilt JSON index, hot reload.

Index locations (keyed so a stale index can never be used for a changed ontology):
- local file `dir/ontology.owl` -> `dir/ontology.owl.<sha256[:12]>.index.json` (written beside the OWL
  on a cache miss when the directory is writable; a read-only filesystem is fine);
- S3 object `s3://bucket/key` -> `s3://bucket/<key>.index/<ETag>.json` (written by
  `python -m core.ontology_manager build s3://bucket/key`; the runtime only reads S3).
Without a matching index the manager parses the OWL itself and logs that it did.

Hot reload: at most every ONTOLOGY_REFRESH_SECONDS a request triggers a background check (S3 ETag
via head_object, or the local file's size/mtime); a changed ontology is loaded in that thread and
swapped in atomically when it parsed and validated. A broken or invalid file never replaces the
version being served: the error is logged and the last good version keeps answering.

CLI: `python -m core.ontology_manager build|validate|query ...` (`core.knowledge.cli`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.errors import (OntologyAccessError, OntologyError, OntologyIndexVersionError, OntologyNotFoundError,
                                   OntologyParseError, OntologySchemaError, OntologySourceError)
from core.knowledge.owl_index import build_index, content_hash, dump_index, load_index

if TYPE_CHECKING:
    from core.config import Settings

__all__ = ["OntologyError", "OntologyParseError", "OntologySchemaError", "OntologyIndexVersionError",
           "OntologySourceError", "OntologyNotFoundError", "OntologyAccessError", "OntologyManager",
           "get_knowledge", "get_manager", "load_knowledge"]

logger = logging.getLogger("jogunshop.ontology")


# -- sources -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fetched:
    data: bytes
    tag: str          # S3 ETag (unquoted) or local sha256
    sha256: str


def local_index_path(owl_path: Path, sha256: str) -> Path:
    return owl_path.with_name(f"{owl_path.name}.{sha256[:12]}.index.json")


def s3_index_key(key: str, etag: str) -> str:
    return f"{key}.index/{etag}.json"


class LocalSource:
    """An OWL file on disk (default: the bundled data/ontology.owl)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    @property
    def name(self) -> str:
        return str(self.path)

    def signature(self) -> str:
        """Cheap change detector (size + mtime); the content hash decides which index to use."""
        try:
            st = self.path.stat()
        except FileNotFoundError as exc:
            raise OntologyNotFoundError(f"ontology file {self.path} does not exist: set ONTOLOGY_PATH to an "
                                        "ontology.owl, or S3_BUCKET_NAME/ONTOLOGY_S3_KEY to load it from S3") from exc
        return f"{st.st_size}-{st.st_mtime_ns}"

    def fetch(self) -> Fetched:
        self.signature()
        data = self.path.read_bytes()
        digest = content_hash(data)
        return Fetched(data=data, tag=digest, sha256=digest)

    def load_index(self, fetched: Fetched) -> dict[str, Any] | None:
        path = local_index_path(self.path, fetched.sha256)
        if not path.exists():
            return None
        return load_index(path.read_bytes(), expected_sha256=fetched.sha256)

    def save_index(self, fetched: Fetched, index: dict[str, Any]) -> Path | None:
        """Write the index beside the OWL (atomic rename); None on a read-only filesystem."""
        path = local_index_path(self.path, fetched.sha256)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        try:
            tmp.write_bytes(dump_index(index))
            tmp.replace(path)
        except OSError as exc:
            logger.info("ontology index not written (read-only location?)", extra={"path": str(path), "error": str(exc)})
            return None
        for stale in self.path.parent.glob(f"{self.path.name}.*.index.json"):
            if stale != path:
                try:
                    stale.unlink()
                except OSError:
                    logger.debug("could not remove stale index %s", stale)
        return path


class S3Source:
    """An OWL object in S3 (boto3 honours AWS_ENDPOINT_URL, e.g. a local moto server)."""

    def __init__(self, bucket: str, key: str, client: Any = None, settings: "Settings | None" = None) -> None:
        self.bucket = bucket
        self.key = key
        self._client = client
        self._settings = settings

    @property
    def name(self) -> str:
        return f"s3://{self.bucket}/{self.key}"

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3

            kwargs: dict[str, Any] = {}
            if self._settings is not None:
                kwargs["region_name"] = self._settings.aws_region
                if self._settings.aws_endpoint_url:
                    kwargs["endpoint_url"] = self._settings.aws_endpoint_url
            self._client = boto3.client("s3", **kwargs)
        return self._client

    def _error(self, exc: Exception, key: str, action: str) -> OntologySourceError:
        code = ""
        response = getattr(exc, "response", None)
        if isinstance(response, dict):
            code = str(response.get("Error", {}).get("Code", ""))
        where = f"s3://{self.bucket}/{key}"
        if code in {"NoSuchBucket"}:
            return OntologyNotFoundError(f"S3 bucket {self.bucket!r} does not exist: set S3_BUCKET_NAME to the "
                                         "bucket that holds the ontology (or unset it to use ONTOLOGY_PATH)")
        if code in {"NoSuchKey", "404", "NotFound"}:
            if code != "NoSuchKey" and not self._bucket_exists():
                return OntologyNotFoundError(f"S3 bucket {self.bucket!r} does not exist: set S3_BUCKET_NAME to the "
                                             "bucket that holds the ontology (or unset it to use ONTOLOGY_PATH)")
            return OntologyNotFoundError(f"{where} does not exist: upload the ontology there or set "
                                         "ONTOLOGY_S3_KEY to its key (S3_BUCKET_NAME to its bucket)")
        if code in {"AccessDenied", "403", "Forbidden", "AllAccessDisabled", "InvalidAccessKeyId",
                    "SignatureDoesNotMatch"}:
            return OntologyAccessError(f"access denied to {where} ({code}): grant the function's role "
                                       f"s3:GetObject on arn:aws:s3:::{self.bucket}/{key} (and s3:ListBucket on the "
                                       "bucket so a missing key reports 404), or fix the AWS credentials")
        return OntologySourceError(f"could not {action} {where}: {exc}. Check AWS_ENDPOINT_URL, the network and "
                                   "the AWS credentials")

    def _bucket_exists(self) -> bool:
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return True
        except Exception:
            return False

    def signature(self) -> str:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key)
        except Exception as exc:
            raise self._error(exc, self.key, "check") from exc
        return str(head["ETag"]).strip('"')

    def fetch(self) -> Fetched:
        try:
            obj = self.client.get_object(Bucket=self.bucket, Key=self.key)
            data = obj["Body"].read()
        except Exception as exc:
            raise self._error(exc, self.key, "read") from exc
        return Fetched(data=data, tag=str(obj["ETag"]).strip('"'), sha256=content_hash(data))

    def fetch_index(self, etag: str) -> dict[str, Any] | None:
        key = s3_index_key(self.key, etag)
        try:
            obj = self.client.get_object(Bucket=self.bucket, Key=key)
        except Exception as exc:
            err = self._error(exc, key, "read")
            if isinstance(err, OntologyNotFoundError):
                return None
            raise err from exc
        index = load_index(obj["Body"].read())
        if index.get("source_etag") != etag:
            raise OntologyIndexVersionError(
                f"s3://{self.bucket}/{key} was built for ETag {index.get('source_etag')!r}, not {etag!r}: rebuild it "
                f"with `python -m core.ontology_manager build s3://{self.bucket}/{self.key}`")
        return index

    def save_index(self, etag: str, index: dict[str, Any]) -> str:
        key = s3_index_key(self.key, etag)
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=dump_index(index),
                                   ContentType="application/json")
        except Exception as exc:
            err = self._error(exc, key, "write")
            if isinstance(err, OntologyAccessError):
                raise OntologyAccessError(str(err).replace("s3:GetObject", "s3:PutObject")) from exc
            raise err from exc
        return f"s3://{self.bucket}/{key}"


def source_for(spec: str | Path, client: Any = None, settings: "Settings | None" = None) -> LocalSource | S3Source:
    """`s3://bucket/key` or a local path."""
    text = str(spec)
    if text.startswith("s3://"):
        bucket, _, key = text[5:].partition("/")
        if not bucket or not key:
            raise OntologyNotFoundError(f"{text!r} is not s3://bucket/key")
        return S3Source(bucket, key, client=client, settings=settings)
    return LocalSource(text)


# -- loading -------------------------------------------------------------------------------------------
def _parse(fetched: Fetched, source: LocalSource | S3Source) -> dict[str, Any]:
    index, violations = build_index(fetched.data, source=source.name, strict=True)
    if isinstance(source, S3Source):
        index["source_etag"] = fetched.tag
    return index


def load_knowledge(source: LocalSource | S3Source, write_index: bool = True, use_index: bool = True) -> ShopKnowledge:
    """Fetch the ontology, use its prebuilt index when one matches, else parse (and cache the index).

    S3 indexes are keyed by the object's ETag, so they are looked up before the OWL is downloaded;
    local ones by the file's content hash, so the file is read first.
    """
    started = time.perf_counter()
    from_s3 = isinstance(source, S3Source)
    etag = source.signature() if from_s3 else None
    fetched = None
    index = None
    if use_index:
        try:
            if from_s3:
                index = source.fetch_index(etag)
            else:
                fetched = source.fetch()
                index = source.load_index(fetched)
        except OntologyIndexVersionError as exc:
            logger.warning("ignoring %s index: %s", "S3" if from_s3 else "local", exc)
    if index is not None:
        knowledge = ShopKnowledge(index, source=source.name)
        logger.info("ontology loaded from index", extra={"source": source.name, **({"etag": etag} if etag else {}),
                                                          "seconds": round(time.perf_counter() - started, 3),
                                                          **knowledge.summary()})
        return knowledge
    fetched = fetched if fetched is not None else source.fetch()
    index = _parse(fetched, source)
    if write_index and not from_s3:
        source.save_index(fetched, index)
    knowledge = ShopKnowledge(index, source=source.name)
    logger.info("no prebuilt index matched: parsed the OWL (run `python -m core.ontology_manager build %s` to "
                "make cold starts fast)", source.name,
                extra={"source": source.name, "seconds": round(time.perf_counter() - started, 3), **knowledge.summary()})
    return knowledge


class OntologyManager:
    """Serves the current `ShopKnowledge`, checking for a new ontology version in the background."""

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
        """The current version; the first call loads it (raising OntologyError when it cannot)."""
        current = self._current
        if current is None:
            with self._lock:
                if self._current is None:
                    signature = self.source.signature()
                    self._current = load_knowledge(self.source)
                    self._current.warm()
                    self._signature = signature
                    self._last_check = time.monotonic()
                current = self._current
            return current
        if time.monotonic() - self._last_check >= self.refresh_seconds:
            self.check_for_update(block=False)
        return current

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
            signature = self.source.signature()
            if signature == self._signature or signature == self._failed_signature:
                return
            started = time.perf_counter()
            fresh = load_knowledge(self.source)
            fresh.warm()
            self._current = fresh          # atomic swap: readers see the old or the new version, never half
            self._signature = signature
            self._failed_signature = None
            self.last_error = None
            self.reloads += 1
            logger.info("ontology reloaded", extra={"source": self.source.name, "version": fresh.version[:12],
                                                    "seconds": round(time.perf_counter() - started, 3)})
        except Exception as exc:  # never let a bad upload take down the version being served
            self._failed_signature = signature
            self.last_error = f"{type(exc).__name__}: {exc}"
            logger.error("new ontology rejected; still serving the last good version",
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
