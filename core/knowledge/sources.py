"""Where the ontology's bytes live: a local file, or an S3 object and its versions. Reading and writing
only; what to serve from them is `manager`'s decision, the last-good pointer's format is `last_good`'s.

Keys (keyed by content, so a stale index can never be used for a changed ontology):
- local file `dir/ontology.owl` -> its index `dir/ontology.owl.<sha256[:12]>.index.json`;
- S3 object `s3://bucket/key` -> its index `s3://bucket/<key>.index/<ETag>.json` and the last-good
  pointer `s3://bucket/<key>.good.json` (`last_good`). With bucket versioning (the stack's bucket has it)
  every upload is a version, and `get(..., version_id=…)` reads exactly the one a pointer names.

Errors name what to fix: the bucket or key and its setting, the IAM action and the object's ARN.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.knowledge.errors import OntologyAccessError, OntologyNotFoundError, OntologySourceError
from core.knowledge.owl_index import content_hash
from core.knowledge.parse_guard import ParseLimits, check_size

if TYPE_CHECKING:
    from core.config import Settings

logger = logging.getLogger("core.knowledge")


@dataclass(frozen=True)
class Fetched:
    """One version of a file: its bytes, ETag (S3) or sha256 (local) as `tag`, and its S3 version id."""

    data: bytes
    tag: str
    sha256: str
    version_id: str | None = None


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

    def fetch(self, limits: ParseLimits | None = None) -> Fetched:
        """The file's bytes; OntologyLimitError before reading when it is over ONTOLOGY_MAX_MB."""
        self.signature()
        check_size(self.path.stat().st_size, self.name, limits or ParseLimits())
        data = self.path.read_bytes()
        digest = content_hash(data)
        return Fetched(data=data, tag=digest, sha256=digest)

    def index_bytes(self, sha256: str) -> tuple[Path, bytes] | None:
        path = local_index_path(self.path, sha256)
        try:
            return path, path.read_bytes()
        except FileNotFoundError:
            return None

    def save_index(self, sha256: str, raw: bytes) -> Path | None:
        """Write the index beside the OWL (atomic rename) and drop older ones; None on a read-only filesystem."""
        path = local_index_path(self.path, sha256)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        try:
            tmp.write_bytes(raw)
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
    """An OWL object in S3 and the objects beside it (boto3 honours AWS_ENDPOINT_URL, e.g. a local moto)."""

    def __init__(self, bucket: str, key: str, client: Any = None, settings: "Settings | None" = None) -> None:
        self.bucket = bucket
        self.key = key
        self._client = client
        self._settings = settings

    @property
    def name(self) -> str:
        return f"s3://{self.bucket}/{self.key}"

    def url(self, key: str, version_id: str | None = None) -> str:
        return f"s3://{self.bucket}/{key}" + (f"?versionId={version_id}" if version_id else "")

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

    @staticmethod
    def _code(exc: Exception) -> str:
        response = getattr(exc, "response", None)
        return str(response.get("Error", {}).get("Code", "")) if isinstance(response, dict) else ""

    def _no_bucket(self) -> OntologyNotFoundError:
        return OntologyNotFoundError(f"S3 bucket {self.bucket!r} does not exist: set S3_BUCKET_NAME to the "
                                     "bucket that holds the ontology (or unset it to use ONTOLOGY_PATH)")

    def _no_key(self, key: str) -> OntologyNotFoundError:
        return OntologyNotFoundError(f"{self.url(key)} does not exist: upload the ontology there (`make upload-ontology "
                                     "FILE=…`) or set ONTOLOGY_S3_KEY to its key (S3_BUCKET_NAME to its bucket)")

    def _error(self, exc: Exception, key: str, action: str, version_id: str | None = None) -> OntologySourceError:
        code = self._code(exc)
        where = self.url(key, version_id)
        if code == "NoSuchBucket":
            return self._no_bucket()
        if code in {"NoSuchVersion", "InvalidArgument"} and version_id:
            return OntologyNotFoundError(
                f"{where} no longer exists (deleted, or expired by the bucket's lifecycle rule for old versions): "
                f"upload the ontology again with `make upload-ontology FILE=…` (python -m core.ontology_manager "
                f"publish FILE {self.name})")
        if code in {"NoSuchKey", "404", "NotFound"}:
            return self._no_key(key) if code == "NoSuchKey" or self._bucket_exists() else self._no_bucket()
        if code in {"AccessDenied", "403", "Forbidden", "AllAccessDisabled", "InvalidAccessKeyId",
                    "SignatureDoesNotMatch"}:
            if action == "write":
                who, needed = "your credentials", "s3:PutObject"
            else:
                who, needed = "the function's role", "s3:GetObjectVersion" if version_id else "s3:GetObject"
            return OntologyAccessError(f"access denied to {where} ({code}): grant {who} {needed} on "
                                       f"arn:aws:s3:::{self.bucket}/{key} (and s3:ListBucket on the bucket so a "
                                       "missing key reports 404), or fix the AWS credentials")
        return OntologySourceError(f"could not {action} {where}: {exc}. Check AWS_ENDPOINT_URL, the network and "
                                   "the AWS credentials")

    def _bucket_exists(self) -> bool:
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return True
        except Exception:
            return False

    def etag_of(self, key: str) -> str | None:
        """The newest version's ETag, or None when the key does not exist (in a bucket that does)."""
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as exc:
            if self._code(exc) in {"NoSuchKey", "404", "NotFound"} and self._bucket_exists():
                return None
            raise self._error(exc, key, "check") from exc
        return str(head["ETag"]).strip('"')

    def signature(self) -> str:
        """The OWL object's ETag (its newest version)."""
        etag = self.etag_of(self.key)
        if etag is None:
            raise self._no_key(self.key)
        return etag

    def get_optional(self, key: str, limits: ParseLimits, what: str) -> Fetched | None:
        """The newest version of `key`, or None when it does not exist (in a bucket that does)."""
        try:
            return self.get(key, limits=limits, what=what)
        except OntologyNotFoundError:
            if self.etag_of(key) is None:
                return None
            raise

    def get(self, key: str, version_id: str | None = None, limits: ParseLimits | None = None,
            what: str = "ontology") -> Fetched:
        """One object (its newest version, or exactly `version_id`); OntologyLimitError before reading
        when it is over ONTOLOGY_MAX_MB."""
        kwargs: dict[str, Any] = {"Bucket": self.bucket, "Key": key}
        if version_id:
            kwargs["VersionId"] = version_id
        try:
            obj = self.client.get_object(**kwargs)
        except Exception as exc:
            raise self._error(exc, key, "read", version_id) from exc
        body = obj["Body"]
        try:
            check_size(int(obj.get("ContentLength") or 0), self.url(key, version_id), limits or ParseLimits(), what)
            data = body.read()
        except Exception as exc:
            body.close()
            if isinstance(exc, OntologySourceError) or not hasattr(exc, "response"):
                raise
            raise self._error(exc, key, "read", version_id) from exc
        version = obj.get("VersionId")
        return Fetched(data=data, tag=str(obj["ETag"]).strip('"'), sha256=content_hash(data),
                       version_id=version if version and version != "null" else None)

    def fetch(self, limits: ParseLimits | None = None) -> Fetched:
        """The OWL object's newest version."""
        return self.get(self.key, limits=limits)

    def put(self, key: str, body: bytes, content_type: str) -> tuple[str, str | None]:
        """Store an object; (ETag, version id or None when the bucket is not versioned)."""
        try:
            done = self.client.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType=content_type)
        except Exception as exc:
            raise self._error(exc, key, "write") from exc
        version = done.get("VersionId")
        return str(done["ETag"]).strip('"'), version if version and version != "null" else None


def source_for(spec: str | Path, client: Any = None, settings: "Settings | None" = None) -> LocalSource | S3Source:
    """`s3://bucket/key` or a local path."""
    text = str(spec)
    if text.startswith("s3://"):
        bucket, _, key = text[5:].partition("/")
        if not bucket or not key:
            raise OntologyNotFoundError(f"{text!r} is not s3://bucket/key")
        return S3Source(bucket, key, client=client, settings=settings)
    return LocalSource(text)
