"""Secret settings come from Secrets Manager or SSM SecureString (moto server), once per container, named when missing."""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from core import secrets
from core.config import ConfigError, Settings, reset_settings
from core.observability import use_stream
from devstack.moto_server import FAKE_CREDENTIALS, MotoServer


@pytest.fixture()
def aws(moto_server: MotoServer) -> Iterator[dict[str, Any]]:
    """Clients on the session's moto server, an env pointing at it, and a fresh secrets cache."""
    secrets.clear_cache()
    region = "ap-northeast-2"
    yield {"env": {"AWS_REGION": region, "AWS_ENDPOINT_URL": moto_server.endpoint},
           "sm": boto3.client("secretsmanager", region_name=region, endpoint_url=moto_server.endpoint),
           "ssm": boto3.client("ssm", region_name=region, endpoint_url=moto_server.endpoint)}
    secrets.clear_cache()


def _secret(aws: dict[str, Any], values: dict[str, str]) -> str:
    return aws["sm"].create_secret(Name=f"test-{uuid.uuid4().hex[:8]}", SecretString=json.dumps(values))["ARN"]


def test_secrets_manager_values_win_over_plain_variables(aws: dict[str, Any]) -> None:
    # GIVEN one JSON secret with the Channel.io credentials (and an empty LM key), plus a stale plain variable
    arn = _secret(aws, {"CHANNEL_WEBHOOK_TOKEN": "tok-9f3", "CHANNEL_ACCESS_KEY": "key-9f3",
                        "CHANNEL_ACCESS_SECRET": "sec-9f3", "OPENAI_API_KEY": ""})
    env = {**aws["env"], "SECRETS_ID": arn, "CHANNEL_ACCESS_SECRET": "stale", "LM_API_KEY": "from-env"}
    # WHEN the settings are read
    settings = Settings.from_env(env)
    # THEN the stored values are used, an empty one counts as unset, and the plain variable is the fallback
    assert (settings.channel_webhook_token, settings.channel_access_key, settings.channel_access_secret) == \
        ("tok-9f3", "key-9f3", "sec-9f3")
    assert settings.openai_api_key is None and settings.lm_api_key == "from-env"
    origins = dict(settings.secret_origins)
    assert origins["CHANNEL_ACCESS_SECRET"] == "secretsmanager" and origins["LM_API_KEY"] == "environment"
    assert origins["OPENAI_API_KEY"] == "unset"
    public = json.dumps(settings.public_dict())
    assert "9f3" not in public  # the start-up log says where a secret came from, never what it is


def test_ssm_securestring_parameters_under_a_path(aws: dict[str, Any]) -> None:
    path = f"/jogunshop-{uuid.uuid4().hex[:6]}"
    aws["ssm"].put_parameter(Name=f"{path}/CHANNEL_WEBHOOK_TOKEN", Value="ssm-token", Type="SecureString")
    aws["ssm"].put_parameter(Name=f"{path}/CHANNEL_ACCESS_KEY", Value="not-secure", Type="String")
    settings = Settings.from_env({**aws["env"], "SECRETS_SSM_PATH": path})
    assert settings.channel_webhook_token == "ssm-token"
    assert dict(settings.secret_origins)["CHANNEL_WEBHOOK_TOKEN"] == f"ssm:{path}/CHANNEL_WEBHOOK_TOKEN"
    assert settings.channel_access_key is None  # a plain String parameter is not a secret store


def test_read_once_per_container(aws: dict[str, Any]) -> None:
    # GIVEN settings read from a secret
    arn = _secret(aws, {"CHANNEL_WEBHOOK_TOKEN": "first"})
    env = {**aws["env"], "SECRETS_ID": arn}
    assert Settings.from_env(env).channel_webhook_token == "first"
    # WHEN the secret changes and the settings are rebuilt in the same container
    aws["sm"].put_secret_value(SecretId=arn, SecretString=json.dumps({"CHANNEL_WEBHOOK_TOKEN": "second"}))
    # THEN the cached value is used (no second read); a new container (cache cleared) sees the new one
    assert Settings.from_env(env).channel_webhook_token == "first"
    secrets.clear_cache()
    assert Settings.from_env(env).channel_webhook_token == "second"


@pytest.mark.parametrize(("setup", "message"), [
    (lambda aws: {"SECRETS_ID": "no-such-secret"}, "Secrets Manager secret no-such-secret does not exist"),
    (lambda aws: {"SECRETS_ID": aws["sm"].create_secret(Name=f"t-{uuid.uuid4().hex[:6]}", SecretString="token")["ARN"]},
     "is not a JSON object"),
    (lambda aws: {"SECRETS_ID": "x", "SECRETS_SSM_PATH": "/x"}, "not both"),
    (lambda aws: {"SECRETS_SSM_PATH": "jogunshop"}, "SECRETS_SSM_PATH must start with /"),
])
def test_an_unusable_store_is_a_config_error_saying_what_to_fix(aws: dict[str, Any], setup: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({**aws["env"], **setup(aws)})


def test_access_denied_names_the_iam_action() -> None:
    """The message botocore gives for a denied read (its code survives Powertools' wrapping)."""
    from botocore.exceptions import ClientError

    store = secrets.SecretStore(secret_id="arn:aws:secretsmanager:ap-northeast-2:1:secret:s")
    denied = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "GetSecretValue")
    try:
        try:
            raise denied
        except ClientError as exc:
            raise RuntimeError(str(exc))  # what Powertools' GetParameterError does
    except RuntimeError as wrapped:
        assert "secretsmanager:GetSecretValue" in secrets._explain(wrapped, store)


def _startup_log(env: dict[str, str]) -> list[dict[str, Any]]:
    """Run the Lambda init check with `env` and return its log records."""
    import lambda_function

    saved = dict(os.environ)
    stream = io.StringIO()
    os.environ.clear()
    os.environ.update({**FAKE_CREDENTIALS, **env})
    reset_settings()
    use_stream(stream)
    try:
        lambda_function.check_configuration()
    finally:
        use_stream(sys.stdout)
        os.environ.clear()
        os.environ.update(saved)
        reset_settings()
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]


def test_startup_check_names_a_secret_missing_from_the_store(aws: dict[str, Any]) -> None:
    # GIVEN a store without the webhook token, on AWS
    arn = _secret(aws, {"CHANNEL_ACCESS_KEY": "k", "CHANNEL_ACCESS_SECRET": "s"})
    records = _startup_log({**aws["env"], "SECRETS_ID": arn, "AWS_LAMBDA_FUNCTION_NAME": "bot"})
    warnings = [r["message"] for r in records if r["level"] == "WARNING"]
    # THEN the log names the missing secret, the store it looked in, and what breaks
    from core.observability import redact

    shown = redact(arn)  # logs mask long digit runs (the account id) like any card/order number
    assert any(w.startswith("CHANNEL_WEBHOOK_TOKEN is not set (neither in the Secrets Manager secret " + shown)
               and "401" in w for w in warnings), warnings
    config = next(r for r in records if r["message"] == "configuration")
    assert config["settings"]["secret_origins"]["CHANNEL_ACCESS_KEY"] == "secretsmanager"


def test_startup_check_warns_about_plain_secrets_on_aws_only(aws: dict[str, Any]) -> None:
    arn = _secret(aws, {"CHANNEL_WEBHOOK_TOKEN": "t"})
    plain = {**aws["env"], "SECRETS_ID": arn, "CHANNEL_ACCESS_KEY": "k", "CHANNEL_ACCESS_SECRET": "s"}
    on_aws = [r["message"] for r in _startup_log({**plain, "AWS_LAMBDA_FUNCTION_NAME": "bot"}) if r["level"] == "WARNING"]
    assert any(m.startswith("CHANNEL_ACCESS_SECRET comes from a plain environment variable") for m in on_aws), on_aws
    local = [r["message"] for r in _startup_log(plain) if r["level"] == "WARNING"]
    assert not any("plain environment variable" in m for m in local)


def test_startup_check_names_an_unreadable_store(aws: dict[str, Any]) -> None:
    records = _startup_log({**aws["env"], "SECRETS_ID": "jogunshop/missing", "AWS_LAMBDA_FUNCTION_NAME": "bot"})
    errors = [r["message"] for r in records if r["level"] == "ERROR"]
    assert errors == ["configuration error: Secrets Manager secret jogunshop/missing does not exist: create it "
                      "(the stack does) or set SECRETS_ID to the right name/ARN"]
