"""Settings are read once from the environment and errors name the variable to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import BUNDLED_ONTOLOGY, ConfigError, Settings


def test_defaults_need_no_environment() -> None:
    settings = Settings.from_env({})
    assert settings.aws_region == "ap-northeast-2"
    assert settings.ontology_path == BUNDLED_ONTOLOGY
    assert settings.lm_backend is None
    assert settings.reply_delay_seconds == 5
    assert settings.human_mute_minutes == 720


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"AZURE_OPENAI_ENDPOINT": "https://x", "AZURE_OPENAI_API_KEY": "k", "AZURE_OPENAI_DEPLOYMENT_ID": "d"}, "azure"),
        ({"OPENAI_API_KEY": "sk"}, "openai"),
        ({"LM_API_BASE": "http://127.0.0.1:8000/v1"}, "compatible"),
        ({"OPENAI_API_KEY": "sk", "LM_DISABLED": "true"}, None),
    ],
)
def test_lm_backend_is_chosen_by_environment(env: dict[str, str], backend: str | None) -> None:
    assert Settings.from_env(env).lm_backend == backend


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"REPLY_DELAY_SECONDS": "soon"}, "REPLY_DELAY_SECONDS"),
        ({"HISTORY_TTL_DAYS": "0"}, "HISTORY_TTL_DAYS"),
        ({"AZURE_OPENAI_ENDPOINT": "https://x"}, "AZURE_OPENAI_API_KEY"),
        ({"CHANNEL_ACCESS_KEY": "k"}, "CHANNEL_ACCESS_SECRET"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL"),
        ({"LM_DISABLED": "maybe"}, "LM_DISABLED"),
        ({"ONTOLOGY_PATH": "/nowhere/ontology.owl"}, "ONTOLOGY_PATH"),
        ({"SHOP_TIMEZONE": "Mars/Olympus_Mons"}, "SHOP_TIMEZONE"),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError, match=names):
        Settings.from_env(env)


def test_public_dict_hides_secrets() -> None:
    settings = Settings.from_env({"CHANNEL_ACCESS_KEY": "abc", "CHANNEL_ACCESS_SECRET": "def",
                                  "CHANNEL_HANDOFF_MANAGER_IDS": "m1, m2"})
    public = settings.public_dict()
    assert public["channel_access_key"] == "set"
    assert "abc" not in str(public) and "def" not in str(public)
    assert settings.channel_handoff_manager_ids == ("m1", "m2")


def test_s3_source_does_not_need_local_file(tmp_path: Path) -> None:
    settings = Settings.from_env({"S3_BUCKET_NAME": "b", "ONTOLOGY_PATH": str(tmp_path / "missing.owl")})
    assert settings.ontology_source == "s3://b/ontology.owl"


def test_cli_invoke_names_a_bad_variable_at_start() -> None:
    """The local twin of `aws lambda invoke` reports a bad setting by name instead of a stack dump."""
    import json
    import os
    import subprocess
    import sys

    from core.config import PROJECT_ROOT

    env = {**os.environ, "REPLY_DELAY_SECONDS": "soon"}
    done = subprocess.run([sys.executable, "lambda_function.py", "events/test_message.json"], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert "REPLY_DELAY_SECONDS must be an integer" in done.stderr  # the start-up check logs it by name
    response = json.loads(done.stdout)
    assert response["outcome"] == "failed" and response["errorType"] == "ConfigError"
    assert "REPLY_DELAY_SECONDS" in response["error"]


def test_voc_report_settings() -> None:
    defaults = Settings.from_env({})
    assert (defaults.voc_post_when_no_changes, defaults.voc_retention_weeks) == (True, 10)
    assert defaults.slack_api_base_url == "https://slack.com/api/" and defaults.slack_bot_token is None
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-secret", "VOC_SLACK_CHANNEL": "#voc",
                                  "VOC_CHANNEL_GROUP_ID": "123", "VOC_POST_WHEN_NO_CHANGES": "false",
                                  "VOC_RETENTION_WEEKS": "8", "SLACK_API_BASE_URL": "http://127.0.0.1:9/api"})
    assert settings.slack_api_base_url == "http://127.0.0.1:9/api/" and settings.voc_retention_weeks == 8
    assert not settings.voc_post_when_no_changes and settings.voc_channel_group_id == "123"
    public = settings.public_dict()
    assert public["slack_bot_token"] == "set" and "xoxb-secret" not in str(public)
    for env, name in (({"VOC_RETENTION_WEEKS": "7"}, "VOC_RETENTION_WEEKS"),
                      ({"VOC_POST_WHEN_NO_CHANGES": "sometimes"}, "VOC_POST_WHEN_NO_CHANGES"),
                      ({"SLACK_API_BASE_URL": "slack.com/api"}, "SLACK_API_BASE_URL")):
        with pytest.raises(ConfigError, match=name):
            Settings.from_env(env)


@pytest.mark.parametrize("value", ["51", "60", "90", "0.5", "soon"])
def test_turn_deadline_must_fit_the_lambda_and_task_timeouts(value: str) -> None:
    with pytest.raises(ConfigError, match="TURN_DEADLINE_SECONDS"):
        Settings.from_env({"TURN_DEADLINE_SECONDS": value})


def test_turn_deadline_default_fits_and_the_limits_match_the_state_machine() -> None:
    import json

    from core.config import DEADLINE_RESERVE_SECONDS, LAMBDA_TIMEOUT_SECONDS, PROJECT_ROOT, TASK_TIMEOUT_SECONDS

    settings = Settings.from_env({})
    assert settings.turn_deadline_seconds == 45
    assert settings.turn_deadline_seconds + DEADLINE_RESERVE_SECONDS <= LAMBDA_TIMEOUT_SECONDS
    machine = json.loads((PROJECT_ROOT / "statemachine.json").read_text(encoding="utf-8"))
    assert machine["States"]["ProcessChat"]["TimeoutSeconds"] == TASK_TIMEOUT_SECONDS > LAMBDA_TIMEOUT_SECONDS
    assert Settings.from_env({"TURN_DEADLINE_SECONDS": "50"}).turn_deadline_seconds == 50
    with pytest.raises(ConfigError, match="CHANNEL_TIMEOUT_SECONDS"):
        Settings.from_env({"TURN_DEADLINE_SECONDS": "5", "CHANNEL_TIMEOUT_SECONDS": "5"})


def test_customer_hash_salt_is_secret_and_long_enough() -> None:
    with pytest.raises(ConfigError, match="CUSTOMER_HASH_SALT"):
        Settings.from_env({"CUSTOMER_HASH_SALT": "short"})
    settings = Settings.from_env({"CUSTOMER_HASH_SALT": "a-long-random-salt-value"})
    assert settings.public_dict()["customer_hash_salt"] == "set"
    assert "a-long-random-salt-value" in settings.secret_values()


def test_urls_are_logged_without_credentials() -> None:
    settings = Settings.from_env({"LM_API_BASE": "https://user:key-123456@llm.internal/v1?key=abcdef&x=1"})
    public = settings.public_dict()
    assert public["lm_api_base"] == "https://***@llm.internal/v1?key=***&x=1"
    assert "key-123456" in settings.secret_values()
