"""OntologyManager against a real moto S3 server on loopback, and against local files."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from core.config import BUNDLED_ONTOLOGY, PROJECT_ROOT, Settings
from core.knowledge.owl_index import dump_index
from core.knowledge.manager import (OntologyAccessError, OntologyManager, OntologyNotFoundError, OntologyParseError,
                                    S3Source, get_knowledge, load_knowledge, reset_manager, s3_index_key)

BUNDLED = BUNDLED_ONTOLOGY.read_bytes()
RENAMED = BUNDLED.replace("<schema:name>옥스포드 셔츠</schema:name>".encode(),
                          "<schema:name>옥스포드 셔츠 리뉴얼</schema:name>".encode(), 1)
MALFORMED = BUNDLED[: len(BUNDLED) // 3]
INVALID = BUNDLED.replace(b"<shop:policyKey>returns</shop:policyKey>", b"<shop:policyKey>nope</shop:policyKey>", 1)


@pytest.fixture()
def s3(moto_server):  # noqa: ANN001 - fixture from tests/conftest.py
    return boto3.client("s3", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)


@pytest.fixture()
def bucket(s3) -> str:  # noqa: ANN001
    # letters only: a run of digits in a bucket name is masked as a number in log lines (core.personal_data)
    name = f"onto-{uuid.uuid4().hex[:10].translate(str.maketrans('0123456789', 'ghijklmnop'))}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
    return name


def _settings(bucket: str | None, key: str = "ontology.owl", refresh: int = 0, path: Path | None = None) -> Settings:
    overrides: dict = {"ontology_refresh_seconds": refresh}
    if bucket:
        overrides.update(s3_bucket_name=bucket, ontology_s3_key=key)
    if path:
        overrides["ontology_path"] = path
    return Settings.from_env(**overrides)


def test_loads_from_s3_and_logs_parsing_without_index(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="shop/ontology.owl", Body=BUNDLED)
    caplog.set_level(logging.INFO, logger="core.knowledge")
    manager = OntologyManager(_settings(bucket, key="shop/ontology.owl"), s3_client=s3)
    k = manager.knowledge()
    assert k.product("P001").name == "옥스포드 셔츠"
    assert k.source == f"s3://{bucket}/shop/ontology.owl"
    assert any("parsed the OWL" in r.getMessage() for r in caplog.records)


def test_build_cli_writes_index_to_s3_and_manager_uses_it(s3, bucket: str, moto_server, caplog) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    env = {**os.environ, "AWS_ENDPOINT_URL": moto_server.endpoint}
    out = subprocess.run([sys.executable, "-m", "core.ontology_manager", "build", f"s3://{bucket}/ontology.owl"],
                         cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    etag = s3.head_object(Bucket=bucket, Key="ontology.owl")["ETag"].strip('"')
    assert s3.head_object(Bucket=bucket, Key=s3_index_key("ontology.owl", etag))["ContentLength"] > 0
    caplog.set_level(logging.INFO, logger="core.knowledge")
    k = OntologyManager(_settings(bucket), s3_client=s3).knowledge()
    assert len(k) >= 60
    assert any("loaded from index" in r.getMessage() for r in caplog.records)


def test_index_for_another_etag_is_ignored(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    etag = s3.head_object(Bucket=bucket, Key="ontology.owl")["ETag"].strip('"')
    from core.knowledge.owl_index import build_index

    stale, _ = build_index(RENAMED)
    stale["source_etag"] = "something-else"
    s3.put_object(Bucket=bucket, Key=s3_index_key("ontology.owl", etag), Body=dump_index(stale))
    caplog.set_level(logging.INFO, logger="core.knowledge")
    k = OntologyManager(_settings(bucket), s3_client=s3).knowledge()
    assert k.product("P001").name == "옥스포드 셔츠"     # parsed the real OWL, not the stale index
    assert any("ignoring S3 index" in r.getMessage() for r in caplog.records)


def test_etag_change_reloads_in_background(s3, bucket: str) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    manager = OntologyManager(_settings(bucket, refresh=0), s3_client=s3)
    first = manager.knowledge()
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=RENAMED)
    served = manager.knowledge()        # triggers the check; serves the current version meanwhile
    assert served is first
    manager.wait_idle()
    fresh = manager.knowledge()
    assert fresh.product("P001").name == "옥스포드 셔츠 리뉴얼"
    assert fresh.version != first.version and manager.reloads == 1


def test_refresh_interval_limits_checks(s3, bucket: str) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    manager = OntologyManager(_settings(bucket, refresh=3600), s3_client=s3)
    first = manager.knowledge()
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=RENAMED)
    assert manager.knowledge() is first
    manager.wait_idle()
    assert manager.knowledge() is first and manager.reloads == 0


@pytest.mark.parametrize(("body", "error"), [(MALFORMED, "line"), (INVALID, "returns")])
def test_broken_upload_keeps_last_good_version(s3, bucket: str, body: bytes, error: str, caplog) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=BUNDLED)
    manager = OntologyManager(_settings(bucket), s3_client=s3)
    good = manager.knowledge()
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=body)
    caplog.set_level(logging.ERROR, logger="core.knowledge")
    manager.check_for_update(block=True)
    assert manager.knowledge() is good
    assert manager.last_error and error in manager.last_error
    assert any("still serving the last good version" in r.getMessage() for r in caplog.records)
    # fixing the file is picked up at the next check
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=RENAMED)
    manager.check_for_update(block=True)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠 리뉴얼" and manager.last_error is None


def test_missing_bucket_and_key_say_what_to_fix(s3, bucket: str, caplog) -> None:  # noqa: ANN001
    with pytest.raises(OntologyNotFoundError, match=r"bucket 'no-such-bucket-x1' does not exist: set S3_BUCKET_NAME"):
        load_knowledge(S3Source("no-such-bucket-x1", "ontology.owl", client=s3))
    with pytest.raises(OntologyNotFoundError, match=rf"s3://{bucket}/missing.owl does not exist.*ONTOLOGY_S3_KEY"):
        load_knowledge(S3Source(bucket, "missing.owl", client=s3))
    # the service answers from the floor (ONTOLOGY_PATH, the bundled file) and says what to fix
    caplog.set_level(logging.ERROR, logger="core.knowledge")
    manager = OntologyManager(_settings(bucket, key="missing.owl"), s3_client=s3)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠" and manager.serving_floor
    assert "missing.owl does not exist" in (manager.last_error or "")
    [error] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert f"no usable ontology in s3://{bucket}/missing.owl" in error and "ONTOLOGY_S3_KEY" in error
    assert f"serving the floor ONTOLOGY_PATH={BUNDLED_ONTOLOGY}" in error


def test_first_load_of_a_broken_file_serves_the_floor(s3, bucket: str) -> None:  # noqa: ANN001
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=MALFORMED)
    with pytest.raises(OntologyParseError, match="line"):
        load_knowledge(S3Source(bucket, "ontology.owl", client=s3))
    manager = OntologyManager(_settings(bucket), s3_client=s3)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠" and manager.serving_floor
    assert "line" in (manager.last_error or "")
    # a fixed upload replaces the floor at the next check
    s3.put_object(Bucket=bucket, Key="ontology.owl", Body=RENAMED)
    manager.check_for_update(block=True)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠 리뉴얼" and not manager.serving_floor


def test_access_denied_names_the_permission() -> None:
    source = S3Source("shop-bucket", "ontology.owl", client=object())
    denied = ClientError({"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}, "GetObject")
    err = source._error(denied, "ontology.owl", "read")
    assert isinstance(err, OntologyAccessError)
    assert "s3:GetObject" in str(err) and "arn:aws:s3:::shop-bucket/ontology.owl" in str(err)


def test_local_file_reload_and_broken_local_file(tmp_path: Path) -> None:
    owl = tmp_path / "ontology.owl"
    owl.write_bytes(BUNDLED)
    manager = OntologyManager(_settings(None, path=owl))
    good = manager.knowledge()
    assert list(tmp_path.glob("ontology.owl.*.index.json"))
    owl.write_bytes(MALFORMED)
    manager.check_for_update(block=True)
    assert manager.knowledge() is good and "line" in (manager.last_error or "")
    owl.write_bytes(RENAMED)
    manager.check_for_update(block=True)
    assert manager.knowledge().product("P001").name == "옥스포드 셔츠 리뉴얼"


def test_get_knowledge_singleton_uses_settings(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("S3_BUCKET_NAME", raising=False)
    monkeypatch.setenv("ONTOLOGY_PATH", str(BUNDLED_ONTOLOGY))
    reset_manager()
    try:
        k = get_knowledge()
        assert get_knowledge() is k and len(k) >= 60
    finally:
        reset_manager()


def test_a_stale_passage_index_is_rebuilt_and_the_log_says_how_to_store_a_current_one(caplog) -> None:  # noqa: ANN001
    # GIVEN an index whose stored passages were built by code with another vocabulary
    from core.knowledge.owl_index import build_index
    from core.knowledge.shop_knowledge import ShopKnowledge

    index, _ = build_index(BUNDLED)
    index["retrieval"] = {**index["retrieval"], "version": "old-vocabulary"}
    caplog.set_level(logging.WARNING, logger="core.knowledge")
    # WHEN its passages are read
    passages = ShopKnowledge(index, source="ontology.owl").passages()
    # THEN they are rebuilt in memory, and the log says the stored one is stale and how to build a current one
    assert passages.passages
    assert any("stale" in r.getMessage() and "core.ontology_manager build" in r.getMessage() for r in caplog.records)
