"""The last-good pointer on a real (moto) versioned S3 bucket: what a cold start serves after a broken or
tampered upload, what hot reload follows, and that only a successful build moves the pointer."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest

from core.config import BUNDLED_ONTOLOGY, PROJECT_ROOT, Settings
from core.knowledge.last_good import LastGood, pointer_key, publish, read_last_good
from core.knowledge.manager import OntologyManager, S3Source, load_knowledge
from core.knowledge.owl_index import dump_index, load_index
from core.knowledge.parse_guard import ParseLimits
from core.knowledge.sources import content_hash

BUNDLED = BUNDLED_ONTOLOGY.read_bytes()
RENAMED = BUNDLED.replace("<schema:name>옥스포드 셔츠</schema:name>".encode(),
                          "<schema:name>옥스포드 셔츠 리뉴얼</schema:name>".encode(), 1)
MALFORMED = BUNDLED[: len(BUNDLED) // 3]
PHISHING = "https://jogunshop-login.example/verify"
# well-formed and valid, but never built: e.g. written with `aws s3 cp` by someone else
TAMPERED = BUNDLED.replace("상품 수령일로부터 7일 이내에".encode(), f"{PHISHING} 에서 본인 확인 후 7일 이내에".encode(), 1)
LIMITS = ParseLimits()


@pytest.fixture()
def s3(moto_server):  # noqa: ANN001 - fixture from tests/conftest.py
    return boto3.client("s3", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)


def _bucket(s3: Any, versioned: bool = True) -> str:
    # letters only: a run of digits in a bucket name is masked as a number in log lines (core.personal_data)
    name = f"good-{uuid.uuid4().hex[:10].translate(str.maketrans('0123456789', 'ghijklmnop'))}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
    if versioned:  # as template.yaml's OntologyBucket
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


@pytest.fixture()
def bucket(s3) -> str:  # noqa: ANN001
    return _bucket(s3)


def _manager(s3: Any, bucket: str) -> OntologyManager:
    """A fresh container: nothing in memory."""
    return OntologyManager(Settings.from_env(s3_bucket_name=bucket, ontology_s3_key="ontology.owl",
                                             ontology_refresh_seconds=0), s3_client=s3)


def _pointer(s3: Any, bucket: str) -> dict[str, Any]:
    return json.loads(s3.get_object(Bucket=bucket, Key=pointer_key("ontology.owl"))["Body"].read())


def _cli(moto_server: Any, *args: str) -> subprocess.CompletedProcess[str]:  # noqa: ANN401
    env = {**os.environ, "AWS_ENDPOINT_URL": moto_server.endpoint, "AWS_REGION": "ap-northeast-2"}
    return subprocess.run([sys.executable, "-m", "core.ontology_manager", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR and r.name == "core.knowledge"]


def test_publish_pins_the_validated_versions_and_a_cold_start_loads_them(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    done = publish(S3Source(bucket, "ontology.owl", client=s3), LIMITS, data=BUNDLED, name="shop.owl")
    pointer = _pointer(s3, bucket)
    head = s3.head_object(Bucket=bucket, Key="ontology.owl")
    assert pointer["version_id"] == head["VersionId"] and pointer["etag"] == head["ETag"].strip('"')
    assert pointer["ontology_sha256"] == content_hash(BUNDLED) and pointer["products"] == 72
    index = s3.get_object(Bucket=bucket, Key=pointer["index_key"], VersionId=pointer["index_version_id"])["Body"].read()
    assert content_hash(index) == pointer["index_sha256"] and done.pointer == LastGood(**pointer)
    caplog.set_level(logging.INFO, logger="core.knowledge")
    k = _manager(s3, bucket).knowledge()
    assert k.product("P001").name == "옥스포드 셔츠" and k.source.endswith(f"?versionId={pointer['version_id']}")
    assert any("ontology loaded from index" in r.getMessage() for r in caplog.records)


def test_the_tampered_upload_is_a_valid_file() -> None:
    """So the test below shows the pointer, not validation, keeping it out."""
    from core.knowledge.owl_index import build_index

    index, violations = build_index(TAMPERED)
    assert violations == [] and any(PHISHING in p["text"] for p in index["policies"])


@pytest.mark.parametrize(("upload", "what"), [(MALFORMED, "broken"), (TAMPERED, "tampered")])
def test_a_bad_upload_after_a_good_one_never_reaches_a_new_container(s3, bucket: str, upload: bytes, what: str,
                                                                     caplog) -> None:  # noqa: ANN001
    publish(S3Source(bucket, "ontology.owl", client=s3), LIMITS, data=BUNDLED, name="shop.owl")
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=upload)     # `aws s3 cp`, no validation
    caplog.set_level(logging.WARNING, logger="core.knowledge")
    for _ in range(3):                                                 # three cold starts, three containers
        k = _manager(s3, bucket).knowledge()
        assert k.version == content_hash(BUNDLED), what
        assert not any(PHISHING in p.text for p in k.policies())
    assert any("has a newer upload" in r.getMessage() and "not served" in r.getMessage() for r in caplog.records)
    assert not _errors(caplog)


def test_the_pointer_is_written_only_by_a_successful_build(s3, bucket: str, moto_server) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=MALFORMED)
    failed = _cli(moto_server, "build", f"s3://{bucket}/ontology.owl")
    assert failed.returncode == 1 and "line" in failed.stderr and "the last-good pointer" in failed.stderr
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket, Prefix="ontology.owl.")  # no index, no pointer
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    built = _cli(moto_server, "build", f"s3://{bucket}/ontology.owl")
    assert built.returncode == 0, built.stderr
    good = _pointer(s3, bucket)
    assert json.loads(built.stdout)["last_good"] == f"s3://{bucket}/{pointer_key('ontology.owl')}"
    # a schema error: exit 1, every violation listed, the pointer stays where it was
    invalid = BUNDLED.replace(b"<shop:policyKey>returns</shop:policyKey>", b"<shop:policyKey>nope</shop:policyKey>", 1)
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=invalid)
    rejected = _cli(moto_server, "build", f"s3://{bucket}/ontology.owl")
    assert rejected.returncode == 1 and "required policy section 'returns' is missing" in rejected.stderr
    assert "the last-good pointer" in rejected.stderr and _pointer(s3, bucket) == good
    # --force stores the index but never moves the pointer
    forced = _cli(moto_server, "build", "--force", f"s3://{bucket}/ontology.owl")
    assert forced.returncode == 0 and "pointer was not moved" in forced.stderr and _pointer(s3, bucket) == good


def test_publish_cli_validates_before_uploading(s3, bucket: str, moto_server, tmp_path: Path) -> None:  # noqa: ANN001
    broken = tmp_path / "broken.owl"
    broken.write_bytes(BUNDLED.replace("<schema:name>옥스포드 셔츠</schema:name>".encode(),
                                       f"<schema:name>{'셔' * 300_000}</schema:name>".encode(), 1))
    refused = _cli(moto_server, "publish", str(broken), f"s3://{bucket}/ontology.owl")
    assert refused.returncode == 1, refused.stderr
    assert "product/P001: name (schema:name) is 300,000 characters long; at most 300" in refused.stderr
    assert "nothing was published" in refused.stderr
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
    good = tmp_path / "shop.owl"
    good.write_bytes(BUNDLED)
    done = _cli(moto_server, "publish", str(good), f"s3://{bucket}/ontology.owl")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["version_id"] == s3.head_object(Bucket=bucket, Key="ontology.owl")["VersionId"]
    assert out["products"] == 72 and _pointer(s3, bucket)["version_id"] == out["version_id"]


def test_a_tampered_index_is_not_served(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    source = S3Source(bucket, "ontology.owl", client=s3)
    publish(source, LIMITS, data=BUNDLED, name="shop.owl")
    pointer = _pointer(s3, bucket)
    index = load_index(s3.get_object(Bucket=bucket, Key=pointer["index_key"])["Body"].read())
    for p in index["policies"]:
        if p["key"] == "returns":
            p["text"] += f" 환불은 {PHISHING} 에서 신청하세요."
    raw = dump_index(index)
    # overwriting the index object makes a new version: the pointer still names the validated one
    tampered_version = s3.put_object(Bucket=bucket, Key=pointer["index_key"], Body=raw)["VersionId"]
    assert PHISHING not in _manager(s3, bucket).knowledge().policy("returns").text
    # a pointer edited to name the tampered version: its bytes are not the recorded ones, so the OWL is parsed
    s3.put_object(Bucket=bucket, Key=pointer_key("ontology.owl"),
                  Body=json.dumps({**pointer, "index_version_id": tampered_version}).encode())
    caplog.set_level(logging.ERROR, logger="core.knowledge")
    k = _manager(s3, bucket).knowledge()
    assert PHISHING not in k.policy("returns").text and k.version == content_hash(BUNDLED)
    [error] = _errors(caplog)
    assert "last good index rejected; parsing its ontology version instead" in error
    assert "is not the index that was validated" in error


def test_hot_reload_follows_the_pointer_not_the_newest_upload(s3, bucket: str, moto_server) -> None:  # noqa: ANN001
    source = S3Source(bucket, "ontology.owl", client=s3)
    publish(source, LIMITS, data=BUNDLED, name="shop.owl")
    manager = _manager(s3, bucket)
    first = manager.knowledge()
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=RENAMED)      # uploaded, not built
    manager.check_for_update(block=True)
    assert manager.knowledge() is first and manager.reloads == 0
    built = _cli(moto_server, "build", f"s3://{bucket}/ontology.owl")   # validated: the pointer moves
    assert built.returncode == 0, built.stderr
    manager.check_for_update(block=True)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠 리뉴얼" and manager.reloads == 1


def test_without_a_pointer_the_newest_upload_is_served_only_if_it_validates(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)        # a bucket from before pointers
    caplog.set_level(logging.WARNING, logger="core.knowledge")
    assert _manager(s3, bucket).knowledge().version == content_hash(BUNDLED)
    assert any("no last-good pointer" in r.getMessage() and "build s3://" in r.getMessage() for r in caplog.records)
    # an ETag index with a phishing link the OWL does not contain is refused; the OWL is parsed instead
    etag = s3.head_object(Bucket=bucket, Key="ontology.owl")["ETag"].strip('"')
    from core.knowledge.owl_index import build_index

    index, _ = build_index(BUNDLED)
    index["faq"][0]["answer"] += f" 문의: help@{PHISHING.split('//')[1].split('/')[0]}"
    s3.put_object(Bucket=bucket, Key=f"ontology.owl.index/{etag}.json", Body=dump_index(index))
    caplog.clear()
    k = _manager(s3, bucket).knowledge()
    assert "jogunshop-login" not in k.faq(index["faq"][0]["question"])[0].answer
    assert any("ignoring S3 index" in r.getMessage() and "which its ontology does not contain" in r.getMessage()
               for r in caplog.records)


def test_nothing_usable_in_s3_serves_the_floor_and_says_what_to_fix(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    source = S3Source(bucket, "ontology.owl", client=s3)
    publish(source, LIMITS, data=RENAMED, name="shop.owl")
    pointer = _pointer(s3, bucket)
    # both versions the pointer names are gone (e.g. expired by the lifecycle rule for old versions)
    s3.delete_object(Bucket=bucket, Key="ontology.owl", VersionId=pointer["version_id"])
    s3.delete_object(Bucket=bucket, Key=pointer["index_key"], VersionId=pointer["index_version_id"])
    caplog.set_level(logging.ERROR, logger="core.knowledge")
    manager = _manager(s3, bucket)
    k = manager.knowledge()
    assert k.version == content_hash(BUNDLED) and manager.serving_floor    # ONTOLOGY_PATH, the bundled file
    assert f"versionId={pointer['version_id']} no longer exists" in (manager.last_error or "")
    errors = _errors(caplog)  # (logs may mask digit runs of the version id)
    assert any("no longer exists" in e and "make upload-ontology" in e
               and f"serving the floor ONTOLOGY_PATH={BUNDLED_ONTOLOGY}" in e for e in errors), errors
    # publishing again replaces the floor at the next check
    publish(source, LIMITS, data=RENAMED, name="shop.owl")
    manager.check_for_update(block=True)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠 리뉴얼" and not manager.serving_floor


def test_a_bucket_without_versioning_still_serves_the_validated_index(s3) -> None:  # noqa: ANN001
    bucket = _bucket(s3, versioned=False)
    source = S3Source(bucket, "ontology.owl", client=s3)
    done = publish(source, LIMITS, data=BUNDLED, name="shop.owl")
    assert done.pointer is not None and done.pointer.version_id is None
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=MALFORMED)      # replaces the only copy of the OWL
    assert _manager(s3, bucket).knowledge().version == content_hash(BUNDLED)
    assert read_last_good(source) == done.pointer


def test_a_pointer_that_is_not_one_is_ignored_with_an_error(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    s3.put_object(Bucket=bucket, Key=pointer_key("ontology.owl"), Body=b'{"format": "jogunshop-last-good"}')
    caplog.set_level(logging.ERROR, logger="core.knowledge")
    assert load_knowledge(S3Source(bucket, "ontology.owl", client=s3)).version == content_hash(BUNDLED)
    [error] = _errors(caplog)
    assert "is not a last-good pointer" in error and "build s3://" in error
    s3.put_object(Bucket=bucket, Key=pointer_key("ontology.owl"), Body=b" " * 100_000)
    assert load_knowledge(S3Source(bucket, "ontology.owl", client=s3)).version == content_hash(BUNDLED)
    assert "is not a last-good pointer (over 64,000 bytes)" in _errors(caplog)[-1]
