"""Secret settings from AWS Secrets Manager or SSM SecureString parameters, read once per container.

On AWS the function's environment carries no secret values, only where they are: `core.config` passes
either a Secrets Manager secret id (one JSON object keyed by variable name, e.g.
`{"CHANNEL_WEBHOOK_TOKEN": "…", "CHANNEL_ACCESS_SECRET": "…"}`) or an SSM path under which each
variable is one SecureString parameter (`/jogunshop/CHANNEL_ACCESS_SECRET`). The read goes through
Powertools Parameters, whose cache keeps the values for the container's life: warm invocations and a
settings reset make no further call. Without a store, plain environment variables are used (local
development and tests).

Only `core.config` calls this module (it owns the variable names); this module imports nothing of ours,
and botocore/Powertools Parameters are imported only when a store is configured.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

CACHE_SECONDS = 24 * 3600  # longer than any Lambda container lives: one read per container
_ERROR_CODE = re.compile(r"\(([A-Za-z]+(?:Exception|Error|Failure|Denied|NotFound)?)\)")


class SecretStoreError(RuntimeError):
    """The secret store could not be read; the message names the store, the cause and what to fix."""


@dataclass(frozen=True)
class SecretStore:
    """Where the secrets are: exactly one of `secret_id` (Secrets Manager) or `ssm_path` (SSM)."""

    secret_id: str | None = None
    ssm_path: str | None = None
    region: str = "ap-northeast-2"
    endpoint_url: str | None = None

    @property
    def label(self) -> str:
        """How logs and errors name the store."""
        if self.secret_id:
            return f"Secrets Manager secret {self.secret_id}"
        return f"SSM parameters under {self.ssm_path}"

    def origin(self, name: str) -> str:
        """Where one variable's value came from, for the start-up configuration log."""
        return "secretsmanager" if self.secret_id else f"ssm:{(self.ssm_path or '').rstrip('/')}/{name}"


_providers: dict[tuple[str, str], Any] = {}
_providers_lock = threading.Lock()


def _provider(kind: str, store: SecretStore) -> Any:
    """The container's Powertools provider for a store kind and region; its cache is what makes one read.

    Its client comes from the process's botocore session (`core.aws`, shared with the handler's clients)
    and is built for the endpoint of the first read: a container's endpoint does not change, so settings
    rebuilt later (e.g. with a failing DynamoDB) still find the values in the cache, not read them again.
    """
    key = (kind, store.region)
    with _providers_lock:
        if key not in _providers:
            from aws_lambda_powertools.utilities.parameters import SecretsProvider, SSMProvider

            from core.aws import client

            provider = SecretsProvider if kind == "secretsmanager" else SSMProvider
            _providers[key] = provider(boto3_client=client(kind, store.region, store.endpoint_url))
        return _providers[key]


def clear_cache() -> None:
    """Forget the providers and their cached values: the next read asks the store again (tests)."""
    with _providers_lock:
        for provider in _providers.values():
            provider.clear_cache()
        _providers.clear()


def read_secrets(store: SecretStore, names: Sequence[str]) -> dict[str, str]:
    """The non-empty values of `names` in the store (cached for the container's life).

    Raises SecretStoreError naming the store and the IAM action or setting to fix.
    """
    try:
        if store.secret_id:
            raw = _provider("secretsmanager", store).get(store.secret_id, max_age=CACHE_SECONDS)
            values = _parse_secret_json(raw, store)
        else:
            path = (store.ssm_path or "").rstrip("/") or "/"
            values = _provider("ssm", store).get_multiple(
                path, max_age=CACHE_SECONDS, decrypt=True, recursive=False,
                ParameterFilters=[{"Key": "Type", "Option": "Equals", "Values": ["SecureString"]}])
    except SecretStoreError:
        raise
    except Exception as exc:  # Powertools wraps the botocore error; its __context__ keeps the code
        raise SecretStoreError(_explain(exc, store)) from exc
    return {name: str(values[name]).strip() for name in names if str(values.get(name) or "").strip()}


def _parse_secret_json(raw: Any, store: SecretStore) -> dict[str, Any]:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    try:
        data = json.loads(raw)
    except (TypeError, ValueError) as exc:
        raise SecretStoreError(f"{store.label} is not a JSON object: store the secrets as "
                               '{"CHANNEL_WEBHOOK_TOKEN": "...", "CHANNEL_ACCESS_SECRET": "...", ...}') from exc
    if not isinstance(data, dict):
        raise SecretStoreError(f"{store.label} holds JSON but not an object keyed by variable name")
    return data


def _explain(exc: BaseException, store: SecretStore) -> str:
    """Turn a store failure into what to fix (the code is read from botocore's error, kept as __context__)."""
    cause: BaseException | None = exc
    code = ""
    while cause is not None and not code:
        response = getattr(cause, "response", None)
        if isinstance(response, dict):
            code = str(response.get("Error", {}).get("Code", ""))
        cause = cause.__cause__ or cause.__context__
    if not code:
        found = _ERROR_CODE.search(str(exc))
        code = found.group(1) if found else ""
    if store.secret_id:
        action, what, setting = "secretsmanager:GetSecretValue", f"secret {store.secret_id}", "SECRETS_ID"
    else:
        action, what, setting = "ssm:GetParametersByPath", f"parameter path {store.ssm_path}", "SECRETS_SSM_PATH"
    if code in {"ResourceNotFoundException", "ParameterNotFound"}:
        return f"{store.label} does not exist: create it (the stack does) or set {setting} to the right name/ARN"
    if code in {"AccessDeniedException", "AccessDenied", "UnauthorizedOperation"}:
        return f"access denied to {what}: the function's role needs {action} on it (template.yaml grants it)"
    if code in {"DecryptionFailure", "KMSAccessDeniedException", "KMSDisabledException", "InvalidKeyId"}:
        return f"{store.label} cannot be decrypted ({code}): give the role kms:Decrypt on the secret's KMS key"
    return f"could not read {store.label}: {exc}. Check the network, AWS_ENDPOINT_URL and the credentials"


@dataclass(frozen=True)
class ResolvedSecrets:
    """The environment with the store's values applied, and where each secret variable came from."""

    env: dict[str, str]
    origins: dict[str, str]  # variable -> "secretsmanager" | "ssm:/path/NAME" | "environment" | "unset"


def resolve(env: Mapping[str, str], names: Sequence[str], store: SecretStore | None) -> ResolvedSecrets:
    """Apply the store's values over `env`: a stored value wins, a plain variable is the fallback."""
    stored = read_secrets(store, names) if store is not None else {}
    merged = dict(env)
    origins: dict[str, str] = {}
    for name in names:
        if name in stored:
            merged[name] = stored[name]
            origins[name] = store.origin(name) if store is not None else "environment"
        elif (env.get(name) or "").strip():
            origins[name] = "environment"
        else:
            origins[name] = "unset"
    return ResolvedSecrets(env=merged, origins=origins)
