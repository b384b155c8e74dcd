"""The whole service on one machine: template.yaml created in moto (CloudFormation), plus loopback Channel.io.

`start_local_stack()` starts (or reuses) a moto server, turns on real state-machine execution, lets
moto's Lambda call OUR handler in this process (the one harness trick: moto without Docker would
only echo the payload), puts the secrets in a Secrets Manager secret, and creates `template.yaml`
through moto's CloudFormation (`deploy.template`): the table, bucket, roles, function and state
machine the demo and the e2e tests use are the ones the template defines, and the function's
environment (set by the template from its resources and parameters) is the handler's environment.
Settings the caller passes become stack parameters where the template has one, secrets go into
the secret, anything else overrides the environment. Dev/test harness only: nothing here is imported
by the Lambda runtime path.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import boto3

from core.config import BUNDLED_ONTOLOGY, SECRET_VARIABLES, reset_settings
from deploy.template import CreatedStack, create_stack, parameter_of, translated_template
from devstack.channel_events import WEBHOOK_TOKEN, channel_message, function_url_event, load_event
from devstack.channel_server import ACCESS_KEY, ACCESS_SECRET, ChannelServer
from devstack.moto_server import MotoServer, start_moto

__all__ = ["LocalStack", "LOCAL_CUSTOMER_HASH_SALT", "start_local_stack", "install_lambda_hook", "reset_runtime_singletons",
           "function_url_event", "channel_message", "load_event", "WEBHOOK_TOKEN"]

LOCAL_CUSTOMER_HASH_SALT = "local-stack-customer-salt-not-secret"  # the local stack's default (not a real secret)
MOTO_CONFIG = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}
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


def _make_executable(sfn: Any, state_machine_arn: str, region: str) -> None:
    """Re-create a CloudFormation-made state machine where moto executes state machines.

    moto's CloudFormation puts state machines in its plain Step Functions backend, while the API in
    execute mode uses the interpreting one, where the ARN would not exist. Same name, definition and
    role, so the same ARN; reading the definition needs the in-process server (as the Lambda hook does).
    """
    from moto.stepfunctions.models import stepfunctions_backends

    account = state_machine_arn.split(":")[4]
    machine = stepfunctions_backends[account][region].describe_state_machine(state_machine_arn)
    created = sfn.create_state_machine(name=machine.name, definition=machine.definition, roleArn=machine.roleArn)
    if created["stateMachineArn"] != state_machine_arn:
        raise RuntimeError(f"re-created state machine has ARN {created['stateMachineArn']}, not {state_machine_arn}")


def reset_runtime_singletons() -> None:
    """Forget cached settings, ontology manager and pipeline so the next invocation uses the new env."""
    from agent.pipeline import reset_pipeline
    from core.knowledge.manager import reset_manager

    reset_settings()
    reset_manager()
    reset_pipeline()


@dataclass
class LocalStack:
    """Handles to everything the local stack started; `stop()` stops what it owns."""

    moto: MotoServer
    channel: ChannelServer
    stack: CreatedStack
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
    publish: bool = False,
) -> LocalStack:
    """Start (or reuse) moto and a Channel.io server, create template.yaml's stack, and set the environment.

    `extra_env`: a variable the template sets from a parameter becomes that parameter; a secret variable
    goes into the stack's secret; any other one overrides the function's environment. With `use_s3`
    False the ontology is read from ONTOLOGY_PATH instead of the stack's bucket. `publish`: upload it the way
    `make upload-ontology` does (validate, build, store the index, write the last-good pointer; ~1 s more)
    instead of a plain upload the runtime validates on load.
    """
    owns = moto is None
    moto = moto or start_moto()
    moto.configure(MOTO_CONFIG)
    install_lambda_hook()
    channel = channel or ChannelServer().start()
    suffix = suffix or uuid.uuid4().hex[:8]
    region = os.environ.get("AWS_REGION", "ap-northeast-2")

    def client(service: str) -> Any:
        return boto3.client(service, region_name=region, endpoint_url=moto.endpoint)

    overrides = dict(extra_env or {})
    secrets = {"CHANNEL_WEBHOOK_TOKEN": WEBHOOK_TOKEN, "CHANNEL_ACCESS_KEY": ACCESS_KEY,
               "CHANNEL_ACCESS_SECRET": ACCESS_SECRET}
    secrets.update({name: overrides.pop(name) for name in SECRET_VARIABLES if name in overrides})
    # a customer hash salt, as `make deploy` generates one: the chat keeps the customer's identity for order checks
    secrets.setdefault("CUSTOMER_HASH_SALT", LOCAL_CUSTOMER_HASH_SALT)
    secret_arn = client("secretsmanager").create_secret(
        Name=f"jogunshop-{suffix}/secrets", SecretString=json.dumps(secrets))["ARN"]
    parameters = {"ExistingSecretArn": secret_arn, "ReplyDelaySeconds": str(reply_delay_seconds)}
    for name, parameter in parameter_of(translated_template(region=region)).items():
        value = overrides.pop(name, os.environ.get(name))
        if value is not None and parameter not in parameters:
            parameters[parameter] = value
    stack = create_stack(client("cloudformation"), f"jogunshop-{suffix}", parameters, region=region)
    _make_executable(client("stepfunctions"), stack.outputs["StateMachineArn"], region)
    function_name = stack.outputs["BotFunctionName"]
    function_env = client("lambda").get_function_configuration(FunctionName=function_name)["Environment"]["Variables"]
    bucket = stack.outputs["OntologyBucketName"]
    key = stack.outputs["OntologyS3Key"]
    env = {name: str(value) for name, value in function_env.items()}
    env.update({
        "AWS_REGION": region,
        "AWS_ENDPOINT_URL": moto.endpoint,
        "MOTO_PORT": str(moto.port),
        "CHANNEL_API_BASE_URL": channel.url,
        "ONTOLOGY_PATH": str(BUNDLED_ONTOLOGY),
    })
    for name in SECRET_VARIABLES:  # the secret holds them now; a stale plain variable must not linger
        os.environ.pop(name, None)
    if use_s3:  # template.yaml versions the bucket; moto's CloudFormation does not apply VersioningConfiguration
        client("s3").put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    if use_s3 and publish:
        from core.knowledge.last_good import publish as publish_ontology
        from core.knowledge.sources import S3Source
        from core.knowledge.parse_guard import ParseLimits

        publish_ontology(S3Source(bucket, key, client("s3")), ParseLimits(), data=BUNDLED_ONTOLOGY.read_bytes(),
                         name=str(BUNDLED_ONTOLOGY))
    elif use_s3:
        client("s3").upload_file(str(BUNDLED_ONTOLOGY), bucket, key)
    else:
        env.pop("S3_BUCKET_NAME", None)
        os.environ.pop("S3_BUCKET_NAME", None)
    env.update(overrides)
    os.environ.update(env)
    reset_runtime_singletons()
    return LocalStack(moto=moto, channel=channel, stack=stack, table_name=stack.outputs["ChatTableName"],
                      bucket=bucket if use_s3 else None, function_name=function_name,
                      state_machine_arn=stack.outputs["StateMachineArn"], env=env, owns_moto=owns)
