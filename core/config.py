"""Every setting of the service, read from the environment once and checked at start-up.

Resolution order follows Powertools' habit: explicit argument > environment variable > default.
Environment variable names live here and nowhere else; errors name the variable to fix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from core.secrets import ResolvedSecrets

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_ONTOLOGY = PROJECT_ROOT / "data" / "ontology.owl"

LMBackend = Literal["azure", "openai", "compatible"]

# Settings that are secrets: on AWS they come from the store named by SECRETS_ID (one Secrets Manager
# JSON secret keyed by these names) or SECRETS_SSM_PATH (one SecureString parameter per name), read once
# per container by `core.secrets`; a plain environment variable is the fallback (local dev, tests).
# template.yaml's secret holds exactly these keys (checked by tests/unit/test_template.py).
SECRET_VARIABLES = ("CHANNEL_WEBHOOK_TOKEN", "CHANNEL_ACCESS_KEY", "CHANNEL_ACCESS_SECRET", "AZURE_OPENAI_API_KEY",
                    "OPENAI_API_KEY", "LM_API_KEY", "SLACK_BOT_TOKEN", "CUSTOMER_HASH_SALT")
# The platform limits a turn must fit in (deploy step 1 and statemachine.json's ProcessChat Task).
LAMBDA_TIMEOUT_SECONDS = 60
TASK_TIMEOUT_SECONDS = 90
# Kept free after the turn deadline for the last DynamoDB write (record the turn, release the lease).
DEADLINE_RESERVE_SECONDS = 10
MIN_SALT_CHARS = 16


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the environment variable."""


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be >= {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, minimum: float = 0.0) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be >= {minimum}, got {value}")
    return value


def _str(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    return raw.strip()


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _slack_base(raw: str | None) -> str:
    """Slack Web API base URL with the trailing slash slack_sdk expects (`…/api/`)."""
    value = raw or "https://slack.com/api/"
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"SLACK_API_BASE_URL must be an http(s) URL such as https://slack.com/api/, got {value!r}")
    return value.rstrip("/") + "/"


@dataclass(frozen=True)
class Settings:
    """The resolved configuration. Build it with `Settings.from_env()`; never mutate it."""

    # AWS
    aws_region: str = "ap-northeast-2"
    aws_endpoint_url: str | None = None
    s3_bucket_name: str | None = None
    ontology_s3_key: str = "ontology.owl"
    ontology_path: Path = BUNDLED_ONTOLOGY
    ontology_refresh_seconds: int = 300
    ontology_max_mb: int = 160
    ontology_parse_timeout_seconds: float = 30.0
    dynamodb_table_name: str = "jogunshop-chat-states"
    state_machine_arn: str | None = None
    reply_delay_seconds: int = 5
    # Channel.io
    channel_api_base_url: str = "https://api.channel.io"
    channel_access_key: str | None = None
    channel_access_secret: str | None = None
    channel_webhook_token: str | None = None
    channel_bot_name: str = "조군샵"
    channel_handoff_manager_ids: tuple[str, ...] = ()
    channel_timeout_seconds: float = 5.0
    # Chat behaviour
    turn_deadline_seconds: float = 45.0
    customer_hash_salt: str | None = None
    human_mute_minutes: int = 720
    history_turns: int = 10
    history_ttl_days: int = 30
    shop_timezone: str = "Asia/Seoul"
    # LM
    azure_openai_endpoint: str | None = None
    azure_openai_api_key: str | None = None
    azure_openai_api_version: str | None = None
    azure_openai_deployment_id: str | None = None
    openai_api_key: str | None = None
    openai_model: str = "gpt-4o-mini"
    lm_api_base: str | None = None
    lm_api_key: str | None = None
    lm_model: str = "local-model"
    lm_timeout_seconds: float = 20.0
    lm_disabled: bool = False
    dspy_cache_dir: str = "/tmp/dspy_cache"
    compiled_program_path: Path = PROJECT_ROOT / "data" / "compiled" / "pipeline.json"
    # VOC report
    slack_bot_token: str | None = None
    voc_slack_channel: str | None = None
    voc_channel_group_id: str | None = None
    voc_post_when_no_changes: bool = True
    voc_retention_weeks: int = 10
    slack_api_base_url: str = "https://slack.com/api/"
    # Logging
    log_level: str = "INFO"
    # Where the secret settings came from (never their values)
    secrets_id: str | None = None
    secrets_ssm_path: str | None = None
    secret_origins: tuple[tuple[str, str], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> "Settings":
        """Read and check every setting. Raises ConfigError naming the variable at fault.

        Secret settings are first read from the store SECRETS_ID / SECRETS_SSM_PATH names, if any.
        """
        env = os.environ if env is None else env
        resolved = _resolve_secrets(env)
        env = resolved.env
        managers = _str(env, "CHANNEL_HANDOFF_MANAGER_IDS", "") or ""
        values: dict[str, object] = dict(
            aws_region=_str(env, "AWS_REGION") or _str(env, "AWS_DEFAULT_REGION") or cls.aws_region,
            aws_endpoint_url=_str(env, "AWS_ENDPOINT_URL"),
            s3_bucket_name=_str(env, "S3_BUCKET_NAME"),
            ontology_s3_key=_str(env, "ONTOLOGY_S3_KEY", cls.ontology_s3_key),
            ontology_path=Path(_str(env, "ONTOLOGY_PATH", str(BUNDLED_ONTOLOGY)) or BUNDLED_ONTOLOGY),
            ontology_refresh_seconds=_int(env, "ONTOLOGY_REFRESH_SECONDS", cls.ontology_refresh_seconds),
            ontology_max_mb=_int(env, "ONTOLOGY_MAX_MB", cls.ontology_max_mb, 1),
            ontology_parse_timeout_seconds=_float(env, "ONTOLOGY_PARSE_TIMEOUT_SECONDS", cls.ontology_parse_timeout_seconds,
                                                  1.0),
            dynamodb_table_name=_str(env, "DYNAMODB_TABLE_NAME", cls.dynamodb_table_name),
            state_machine_arn=_str(env, "STATE_MACHINE_ARN"),
            reply_delay_seconds=_int(env, "REPLY_DELAY_SECONDS", cls.reply_delay_seconds),
            channel_api_base_url=(_str(env, "CHANNEL_API_BASE_URL", cls.channel_api_base_url) or "").rstrip("/"),
            channel_access_key=_str(env, "CHANNEL_ACCESS_KEY"),
            channel_access_secret=_str(env, "CHANNEL_ACCESS_SECRET"),
            channel_webhook_token=_str(env, "CHANNEL_WEBHOOK_TOKEN"),
            channel_bot_name=_str(env, "CHANNEL_BOT_NAME", cls.channel_bot_name),
            channel_handoff_manager_ids=tuple(m.strip() for m in managers.split(",") if m.strip()),
            channel_timeout_seconds=_float(env, "CHANNEL_TIMEOUT_SECONDS", cls.channel_timeout_seconds, 0.1),
            turn_deadline_seconds=_float(env, "TURN_DEADLINE_SECONDS", cls.turn_deadline_seconds, 1.0),
            customer_hash_salt=_str(env, "CUSTOMER_HASH_SALT"),
            human_mute_minutes=_int(env, "HUMAN_MUTE_MINUTES", cls.human_mute_minutes),
            history_turns=_int(env, "HISTORY_TURNS", cls.history_turns, 0),
            history_ttl_days=_int(env, "HISTORY_TTL_DAYS", cls.history_ttl_days, 1),
            shop_timezone=_str(env, "SHOP_TIMEZONE", cls.shop_timezone),
            azure_openai_endpoint=_str(env, "AZURE_OPENAI_ENDPOINT"),
            azure_openai_api_key=_str(env, "AZURE_OPENAI_API_KEY"),
            azure_openai_api_version=_str(env, "AZURE_OPENAI_API_VERSION"),
            azure_openai_deployment_id=_str(env, "AZURE_OPENAI_DEPLOYMENT_ID"),
            openai_api_key=_str(env, "OPENAI_API_KEY"),
            openai_model=_str(env, "OPENAI_MODEL", cls.openai_model),
            lm_api_base=_str(env, "LM_API_BASE"),
            lm_api_key=_str(env, "LM_API_KEY"),
            lm_model=_str(env, "LM_MODEL", cls.lm_model),
            lm_timeout_seconds=_float(env, "LM_TIMEOUT_SECONDS", cls.lm_timeout_seconds, 0.1),
            lm_disabled=_bool(env, "LM_DISABLED", False),
            dspy_cache_dir=_str(env, "DSPY_CACHE_DIR", cls.dspy_cache_dir),
            # VOC report
            slack_bot_token=_str(env, "SLACK_BOT_TOKEN"),
            voc_slack_channel=_str(env, "VOC_SLACK_CHANNEL"),
            voc_channel_group_id=_str(env, "VOC_CHANNEL_GROUP_ID"),
            voc_post_when_no_changes=_bool(env, "VOC_POST_WHEN_NO_CHANGES", cls.voc_post_when_no_changes),
            voc_retention_weeks=_int(env, "VOC_RETENTION_WEEKS", cls.voc_retention_weeks, 8),
            slack_api_base_url=_slack_base(_str(env, "SLACK_API_BASE_URL", cls.slack_api_base_url)),
            log_level=(_str(env, "LOG_LEVEL", cls.log_level) or "INFO").upper(),
            secrets_id=_str(env, "SECRETS_ID"),
            secrets_ssm_path=_str(env, "SECRETS_SSM_PATH"),
            secret_origins=tuple(sorted(resolved.origins.items())),
        )
        compiled = _str(env, "COMPILED_PROGRAM_PATH")
        if compiled:
            values["compiled_program_path"] = Path(compiled)
        values.update(overrides)
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        """Cross-field checks: half-configured backends are errors, not silent offline mode."""
        azure = [self.azure_openai_endpoint, self.azure_openai_api_key, self.azure_openai_deployment_id]
        if any(azure) and not all(azure):
            missing = [
                name
                for name, value in zip(
                    ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT_ID"), azure
                )
                if not value
            ]
            raise ConfigError(f"Azure OpenAI is half configured: set {', '.join(missing)} (or unset all AZURE_OPENAI_*)")
        if bool(self.channel_access_key) != bool(self.channel_access_secret):
            raise ConfigError("Set both CHANNEL_ACCESS_KEY and CHANNEL_ACCESS_SECRET, or neither")
        latest = LAMBDA_TIMEOUT_SECONDS - DEADLINE_RESERVE_SECONDS
        if self.turn_deadline_seconds > latest or self.turn_deadline_seconds >= TASK_TIMEOUT_SECONDS:
            raise ConfigError(
                f"TURN_DEADLINE_SECONDS must leave {DEADLINE_RESERVE_SECONDS} s of the {LAMBDA_TIMEOUT_SECONDS} s Lambda "
                f"timeout for recording the turn and stay below the Task TimeoutSeconds ({TASK_TIMEOUT_SECONDS} s): "
                f"at most {latest}, got {self.turn_deadline_seconds:g}")
        if self.channel_timeout_seconds >= self.turn_deadline_seconds:
            raise ConfigError(f"CHANNEL_TIMEOUT_SECONDS ({self.channel_timeout_seconds:g}) must be below "
                              f"TURN_DEADLINE_SECONDS ({self.turn_deadline_seconds:g})")
        if self.customer_hash_salt is not None and len(self.customer_hash_salt) < MIN_SALT_CHARS:
            raise ConfigError(f"CUSTOMER_HASH_SALT must be at least {MIN_SALT_CHARS} random characters "
                              "(phone numbers hashed with a short salt can be guessed)")
        if self.log_level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {self.log_level!r}")
        try:
            ZoneInfo(self.shop_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"SHOP_TIMEZONE {self.shop_timezone!r} is not an IANA time zone such as Asia/Seoul") from exc
        if self.s3_bucket_name is None and not self.ontology_path.exists():
            raise ConfigError(
                f"ONTOLOGY_PATH {self.ontology_path} does not exist and S3_BUCKET_NAME is not set: "
                "point ONTOLOGY_PATH at an ontology.owl or set S3_BUCKET_NAME/ONTOLOGY_S3_KEY"
            )

    @property
    def lm_backend(self) -> LMBackend | None:
        """Which LM to use; None means offline mode (grounded templates, no LM)."""
        if self.lm_disabled:
            return None
        if self.azure_openai_endpoint and self.azure_openai_api_key and self.azure_openai_deployment_id:
            return "azure"
        if self.lm_api_base:
            return "compatible"
        if self.openai_api_key:
            return "openai"
        return None

    @property
    def ontology_source(self) -> str:
        """Human-readable source of the ontology, for logs and errors."""
        if self.s3_bucket_name:
            return f"s3://{self.s3_bucket_name}/{self.ontology_s3_key}"
        return str(self.ontology_path)

    def public_dict(self) -> dict[str, object]:
        """Settings safe to log: secrets are reported as set/unset only."""
        from core.observability import safe_url

        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in SECRET_FIELDS:
                out[f.name] = "set" if value else "unset"
            elif f.name == "secret_origins":
                out[f.name] = dict(value)
            elif f.name in URL_FIELDS:
                out[f.name] = safe_url(value)
            elif f.name != "extra":
                out[f.name] = str(value) if isinstance(value, Path) else value
        out["lm_backend"] = self.lm_backend or "offline"
        return out

    def secret_values(self) -> list[str]:
        """Every secret value, so logs can mask it wherever it shows up (e.g. echoed in an error)."""
        from urllib.parse import urlsplit

        values = [getattr(self, name) for name in SECRET_FIELDS]
        for name in URL_FIELDS:  # credentials embedded in a URL (https://user:key@host)
            try:
                userinfo = urlsplit(getattr(self, name) or "").netloc.rpartition("@")[0]
            except ValueError:
                continue
            values += [part for part in userinfo.split(":") if part]
        return [v for v in values if v]


SECRET_FIELDS = tuple(name.lower() for name in SECRET_VARIABLES)
URL_FIELDS = ("lm_api_base", "azure_openai_endpoint", "channel_api_base_url", "aws_endpoint_url")


def _resolve_secrets(env: Mapping[str, str]) -> "ResolvedSecrets":
    """The environment with the secret store's values applied (no store: the environment as it is)."""
    from core.secrets import ResolvedSecrets, SecretStore, SecretStoreError, resolve

    secret_id, ssm_path = _str(env, "SECRETS_ID"), _str(env, "SECRETS_SSM_PATH")
    if secret_id and ssm_path:
        raise ConfigError("Set SECRETS_ID (Secrets Manager) or SECRETS_SSM_PATH (SSM parameters), not both")
    if ssm_path and not ssm_path.startswith("/"):
        raise ConfigError(f"SECRETS_SSM_PATH must start with /, got {ssm_path!r}")
    store = None
    if secret_id or ssm_path:
        region = _str(env, "AWS_REGION") or _str(env, "AWS_DEFAULT_REGION") or Settings.aws_region
        store = SecretStore(secret_id=secret_id, ssm_path=ssm_path, region=region,
                            endpoint_url=_str(env, "AWS_ENDPOINT_URL"))
    try:
        resolved: ResolvedSecrets = resolve(env, SECRET_VARIABLES, store)
    except SecretStoreError as exc:
        raise ConfigError(str(exc)) from exc
    return resolved


_cached: Settings | None = None


def get_settings() -> Settings:
    """Settings for this container, resolved once (warm invocations reuse them)."""
    global _cached
    if _cached is None:
        from core.observability import register_secrets

        _cached = Settings.from_env()
        register_secrets(_cached.secret_values())
    return _cached


def reset_settings() -> None:
    """Forget the cached settings (tests and the local stack change the environment)."""
    global _cached
    _cached = None
