"""The whole service on one machine: moto (S3, DynamoDB, Step Functions, Lambda) + loopback Channel.io.

`start_local_stack()` starts (or reuses) a moto server, turns on real state-machine execution, lets
moto's Lambda call OUR handler in this process (the one harness trick: moto without Docker would
only echo the payload), creates the bucket with the ontology, the chat table, the function and the
state machine from `statemachine.json`, starts the Channel.io server and points the settings at all
of it. Dev/test harness only: nothing here is imported by the Lambda runtime path.
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from typing import Any

import boto3

from core.chat.chat_state import create_table
from core.config import BUNDLED_ONTOLOGY, PROJECT_ROOT, reset_settings
from core.chat.scheduler import render_definition
from devstack.channel_events import WEBHOOK_TOKEN, channel_message, function_url_event, load_event
from devstack.channel_server import ACCESS_KEY, ACCESS_SECRET, ChannelServer
from devstack.moto_server import MotoServer, start_moto

__all__ = ["LocalStack", "start_local_stack", "install_lambda_hook", "reset_runtime_singletons",
           "function_url_event", "channel_message", "load_event", "WEBHOOK_TOKEN"]

MOTO_CONFIG = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}
ROLE_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
     "Action": "sts:AssumeRole"}]})

_hook_lock = threading.Lock()
_hook_installed = False


class LambdaContext:
    """The attributes of a Lambda context object our handler and Powertools read."""

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name
        self.aws_request_id = uuid.uuid4().hex
        self.memory_limit_in_mb = 1024
        self.invoked_function_arn = f"arn:aws:lambda:local:000000000000:function:{function_name}"


def install_lambda_hook() -> None:
    """Make moto's no-Docker Lambda backend run `lambda_function.handler` in this process.

    A raised exception becomes a Lambda function error (errorType = exception class name), so the
    state machine's Retry and Catch see exactly what they would see on AWS.
    """
    global _hook_installed
    with _hook_lock:
        if _hook_installed:
            return
        from moto.awslambda_simple.models import LambdaSimpleBackend

        def invoke(self: Any, function_name: str, qualifier: str | None, body: Any, headers: Any,
                   response_headers: dict[str, str]) -> bytes:
            import lambda_function

            try:
                event = json.loads(body or "{}")
                result = lambda_function.handler(event, LambdaContext(function_name.rsplit(":", 1)[-1]))
                return json.dumps(result, ensure_ascii=False, default=str).encode("utf-8")
            except Exception as exc:  # the Lambda runtime's behaviour: report, do not crash the server
                response_headers["x-amz-function-error"] = "Unhandled"
                return json.dumps({"errorMessage": str(exc), "errorType": type(exc).__name__}).encode("utf-8")

        LambdaSimpleBackend.invoke = invoke  # type: ignore[method-assign]
        _hook_installed = True


def reset_runtime_singletons() -> None:
    """Forget cached settings, ontology manager and pipeline so the next invocation uses the new env."""
    from agent.pipeline import reset_pipeline
    from core.knowledge.manager import reset_manager

    reset_settings()
    reset_manager()
    reset_pipeline()


def _function_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.write(PROJECT_ROOT / "lambda_function.py", "lambda_function.py")
    return buf.getvalue()


@dataclass
class LocalStack:
    """Handles to everything the local stack started; `stop()` stops what it owns."""

    moto: MotoServer
    channel: ChannelServer
    table_name: str
    bucket: str | None
    function_name: str
    state_machine_arn: str
    env: dict[str, str]
    owns_moto: bool = False
    clients: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        if service not in self.clients:
            self.clients[service] = boto3.client(service, region_name=self.env["AWS_REGION"],
                                                 endpoint_url=self.moto.endpoint)
        return self.clients[service]

    def running_executions(self) -> list[dict[str, Any]]:
        sfn = self.client("stepfunctions")
        return sfn.list_executions(stateMachineArn=self.state_machine_arn, statusFilter="RUNNING")["executions"]

    def wait_idle(self, timeout: float = 30.0, settle: float = 0.2) -> bool:
        """Wait until no execution of the state machine is running; True when idle."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running_executions():
                time.sleep(settle)
                if not self.running_executions():
                    return True
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        self.channel.stop()
        if self.owns_moto:
            self.moto.stop()


def start_local_stack(
    moto: MotoServer | None = None,
    channel: ChannelServer | None = None,
    reply_delay_seconds: int = 1,
    use_s3: bool = True,
    suffix: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> LocalStack:
    """Start (or reuse) moto and a Channel.io server, create every resource, and set the environment."""
    owns = moto is None
    moto = moto or start_moto()
    moto.configure(MOTO_CONFIG)
    install_lambda_hook()
    channel = channel or ChannelServer().start()
    suffix = suffix or uuid.uuid4().hex[:8]
    region = os.environ.get("AWS_REGION", "ap-northeast-2")

    def client(service: str) -> Any:
        return boto3.client(service, region_name=region, endpoint_url=moto.endpoint)

    bucket: str | None = None
    if use_s3:
        bucket = f"jogunshop-ontology-{suffix}"
        s3 = client("s3")
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
        if BUNDLED_ONTOLOGY.exists():
            s3.upload_file(str(BUNDLED_ONTOLOGY), bucket, "ontology.owl")
    table = f"jogunshop-chats-{suffix}"
    create_table(table, client=client("dynamodb"))
    iam = client("iam")
    role_name = f"jogunshop-role-{suffix}"
    role_arn = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=ROLE_POLICY)["Role"]["Arn"]
    function_name = f"jogunshop-bot-{suffix}"
    function_arn = client("lambda").create_function(
        FunctionName=function_name, Runtime="python3.12", Role=role_arn, Handler="lambda_function.handler",
        Code={"ZipFile": _function_zip()}, Timeout=60, MemorySize=1024,
    )["FunctionArn"]
    state_machine_arn = client("stepfunctions").create_state_machine(
        name=f"jogunshop-reply-{suffix}", definition=render_definition(function_arn), roleArn=role_arn,
    )["stateMachineArn"]
    env = {
        "AWS_REGION": region,
        "AWS_ENDPOINT_URL": moto.endpoint,
        "MOTO_PORT": str(moto.port),
        "DYNAMODB_TABLE_NAME": table,
        "STATE_MACHINE_ARN": state_machine_arn,
        "REPLY_DELAY_SECONDS": str(reply_delay_seconds),
        "CHANNEL_API_BASE_URL": channel.url,
        "CHANNEL_ACCESS_KEY": ACCESS_KEY,
        "CHANNEL_ACCESS_SECRET": ACCESS_SECRET,
        "CHANNEL_WEBHOOK_TOKEN": WEBHOOK_TOKEN,
        "ONTOLOGY_PATH": str(BUNDLED_ONTOLOGY),
    }
    if bucket:
        env.update({"S3_BUCKET_NAME": bucket, "ONTOLOGY_S3_KEY": "ontology.owl"})
    else:
        os.environ.pop("S3_BUCKET_NAME", None)
    env.update(extra_env or {})
    os.environ.update(env)
    reset_runtime_singletons()
    return LocalStack(moto=moto, channel=channel, table_name=table, bucket=bucket, function_name=function_name,
                      state_machine_arn=state_machine_arn, env=env, owns_moto=owns)
