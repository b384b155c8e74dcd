"""The operator's make targets say what is missing, and stop, before they would reach AWS.

They are never run against AWS here: PATH holds only the basic tools (and, where a test needs one, a
fake `aws` that records its calls and refuses everything but `--version`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.config import PROJECT_ROOT

MAKE = shutil.which("make") or "/usr/bin/make"
BASICS = ("bash", "sed", "head", "env", "cat", "date", "grep", "mktemp", "rm", "python3")


def _bin(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in BASICS:
        found = shutil.which(tool, path="/usr/bin:/bin")
        if found:
            (bin_dir / tool).symlink_to(found)
    return bin_dir


def _make(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHON_BOOT: should a target reach the venv rule, it must find the venv as it is, not remake it
    env = {"PATH": str(bin_dir), "HOME": str(bin_dir), "STACK_NAME": "never-deployed", "PYTHON_BOOT": sys.executable}
    return subprocess.run([MAKE, "-s", "-C", str(PROJECT_ROOT), *args], env=env, capture_output=True, text=True,
                          timeout=60)


def _fake_aws(bin_dir: Path, version: str = "aws-cli/2.17.0 Python/3.12") -> Path:
    log = bin_dir / "aws-calls.log"
    script = bin_dir / "aws"
    script.write_text(f'#!/bin/bash\necho "$*" >> "{log}"\n'
                      f'if [ "$1" = --version ]; then echo "{version}"; exit 0; fi\n'
                      'echo "fake aws: no AWS in tests" >&2; exit 99\n', encoding="utf-8")
    script.chmod(0o755)
    return log


@pytest.mark.parametrize(("target", "tool"), [
    ("url", "the AWS CLI"), ("invoke", "the AWS CLI"), ("logs", "the AWS CLI"), ("secret", "the AWS CLI"),
    ("upload-ontology", "the AWS CLI"), ("deploy", "the AWS SAM CLI"),
])
def test_a_missing_cli_is_named(tmp_path: Path, target: str, tool: str) -> None:
    done = _make(_bin(tmp_path), target)
    assert done.returncode != 0
    assert f"make {target} needs {tool}" in done.stderr and "install" in done.stderr, done.stderr


def test_deploy_without_docker_says_so(tmp_path: Path) -> None:
    bin_dir = _bin(tmp_path)
    sam = bin_dir / "sam"
    sam.write_text("#!/bin/bash\nexit 99\n", encoding="utf-8")
    sam.chmod(0o755)
    done = _make(bin_dir, "deploy")
    assert done.returncode != 0 and "needs Docker (or Finch)" in done.stderr, done.stderr


def test_logs_needs_aws_cli_v2(tmp_path: Path) -> None:
    bin_dir = _bin(tmp_path)
    log = _fake_aws(bin_dir, version="aws-cli/1.45.11 Python/3.11.7")
    done = _make(bin_dir, "logs")
    assert done.returncode != 0 and "needs AWS CLI v2" in done.stderr and "aws-cli/1.45.11" in done.stderr
    assert set(log.read_text().split()) == {"--version"}  # nothing else was asked of AWS


def test_arguments_are_checked_before_any_aws_call(tmp_path: Path) -> None:
    bin_dir = _bin(tmp_path)
    log = _fake_aws(bin_dir)
    secret = _make(bin_dir, "secret")
    assert secret.returncode != 0 and "make secret NAME=CHANNEL_ACCESS_SECRET" in secret.stderr
    wrong = _make(bin_dir, "secret", "NAME=DYNAMODB_TABLE_NAME")
    assert wrong.returncode != 0 and "DYNAMODB_TABLE_NAME is not a secret setting" in wrong.stderr
    upload = _make(bin_dir, "upload-ontology")
    assert upload.returncode != 0 and "make upload-ontology FILE=" in upload.stderr, upload.stderr
    assert not log.exists()


def test_a_missing_stack_is_reported_with_the_fix(tmp_path: Path) -> None:
    bin_dir = _bin(tmp_path)
    _fake_aws(bin_dir)  # answers every describe-stacks with an error, as AWS does for an unknown stack
    done = _make(bin_dir, "invoke")
    assert done.returncode != 0
    assert "no stack never-deployed in ap-northeast-2" in done.stderr and "make deploy" in done.stderr


def _scripted_aws(bin_dir: Path, store: Path) -> Path:
    """A fake `aws` answering like a deployed stack whose secret lives in `store`; it logs its argv."""
    log = bin_dir / "aws-calls.log"
    script = bin_dir / "aws"
    script.write_text(f'''#!/bin/bash
echo "$*" >> "{log}"
case "$*" in
  *"OutputKey=='SecretsId'"*) echo "arn:aws:secretsmanager:ap-northeast-2:1:secret:s" ;;
  *"OutputKey=='WebhookUrl'"*) echo "https://abc.lambda-url.ap-northeast-2.on.aws/webhook" ;;
  *"OutputKey=='BotFunctionName'"*) echo "jogunshop-bot" ;;
  *"ParameterKey=='SecretsSsmPath'"*) echo "" ;;
  "secretsmanager get-secret-value"*) cat "{store}" ;;
  "secretsmanager put-secret-value"*) cat > "{store}" ;;
  "lambda update-function-configuration"*|"lambda wait"*) ;;
  *) echo "fake aws: unexpected call" >&2; exit 99 ;;
esac
''', encoding="utf-8")
    script.chmod(0o755)
    return log


def test_secret_and_url_against_a_scripted_stack(tmp_path: Path) -> None:
    """The shell plumbing: the secret JSON is merged, the value never appears on a command line."""
    bin_dir = _bin(tmp_path)
    store = tmp_path / "secret.json"
    store.write_text('{"CHANNEL_WEBHOOK_TOKEN": "generated-token", "CHANNEL_ACCESS_KEY": ""}', encoding="utf-8")
    log = _scripted_aws(bin_dir, store)
    done = _make(bin_dir, "secret", "NAME=CHANNEL_ACCESS_KEY", "VALUE=key-7c1")
    assert done.returncode == 0, done.stderr
    assert json.loads(store.read_text()) == {"CHANNEL_WEBHOOK_TOKEN": "generated-token", "CHANNEL_ACCESS_KEY": "key-7c1"}
    calls = log.read_text()
    assert "key-7c1" not in calls and "lambda update-function-configuration" in calls and "lambda wait" in calls
    url = _make(bin_dir, "url")
    assert url.returncode == 0, url.stderr
    assert "https://abc.lambda-url.ap-northeast-2.on.aws/webhook?token=generated-token" in url.stdout
