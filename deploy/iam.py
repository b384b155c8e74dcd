"""Every AWS API call the service makes, who makes it and on which resource: the one list the IAM tests read.

`tests/unit/test_template.py` walks the code the image ships (the Dockerfile's COPY list) for boto client
calls and fails on any call missing here, then checks that template.yaml's policies allow each
`function` call on exactly the resource it touches, and nothing else. When you add a boto call: add a
line here, and a statement to `BotFunctionRole` in template.yaml if the function makes it.

Callers:
- `function`: the Lambda function (its execution role must allow it);
- `operator`: commands a person runs with their own credentials (`make upload-ontology`);
- `local`: the local stack and tests only (on AWS the template creates what they create).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, Literal

Caller = Literal["function", "operator", "local"]


@dataclass(frozen=True)
class AwsCall:
    """One API call: the client method the code calls, the IAM action it needs, the resource it acts on."""

    service: str      # botocore service name (`boto3.client(service)`)
    operation: str    # client method, as the code calls it
    action: str       # IAM action
    resource: str     # kind of resource: a key of `StackArns.examples()`
    caller: Caller
    why: str


CALLS: tuple[AwsCall, ...] = (
    # chat state (core/chat/chat_state.py)
    AwsCall("dynamodb", "put_item", "dynamodb:PutItem", "table", "function", "dedupe record of each webhook message"),
    AwsCall("dynamodb", "update_item", "dynamodb:UpdateItem", "table", "function",
            "buffer a message, take/release the lease, record a turn, mute after a handoff"),
    AwsCall("dynamodb", "get_item", "dynamodb:GetItem", "table", "function", "read a chat (fallback path, history)"),
    AwsCall("dynamodb", "delete_item", "dynamodb:DeleteItem", "table", "function",
            "drop a dedupe record when a message could not be scheduled"),
    AwsCall("dynamodb", "query", "dynamodb:Query", "table", "function",
            "weekly VOC report reads its VOC#<week> records from the same table (branch voc)"),
    # delayed replies (core/chat/scheduler.py)
    AwsCall("stepfunctions", "start_execution", "states:StartExecution", "state_machine", "function",
            "schedule the delayed reply of a chat version"),
    AwsCall("stepfunctions", "stop_execution", "states:StopExecution", "execution", "function",
            "stop the wait of a superseded chat version"),
    # the shop's ontology (core/knowledge/manager.py)
    AwsCall("s3", "head_object", "s3:GetObject", "ontology_objects", "function",
            "ETag of the last-good pointer (hot reload) and of the newest upload"),
    AwsCall("s3", "get_object", "s3:GetObject", "ontology_objects", "function",
            "the last-good pointer; without one, the newest ontology and its prebuilt index"),
    AwsCall("s3", "get_object", "s3:GetObjectVersion", "ontology_objects", "function",
            "the exact ontology and index versions the last-good pointer names (get_object with VersionId)"),
    AwsCall("s3", "head_bucket", "s3:ListBucket", "ontology_bucket", "function",
            "tell a missing bucket from a missing key in errors (404, not 403)"),
    AwsCall("s3", "put_object", "s3:PutObject", "ontology_objects", "operator",
            "`python -m core.ontology_manager publish|build … s3://…` uploads the ontology, its index and then the "
            "last-good pointer (make upload-ontology)"),
    # secrets (core/secrets.py, through Powertools Parameters)
    AwsCall("secretsmanager", "get_secret_value", "secretsmanager:GetSecretValue", "secret", "function",
            "secret settings, once per container (SECRETS_ID)"),
    AwsCall("ssm", "get_parameters_by_path", "ssm:GetParametersByPath", "ssm_path", "function",
            "secret settings as SecureString parameters, once per container (SECRETS_SSM_PATH)"),
    # the Lambda runtime writes the function's stdout to its log group
    AwsCall("logs", "create_log_stream", "logs:CreateLogStream", "log_stream", "function", "Lambda runtime: one stream per container"),
    AwsCall("logs", "put_log_events", "logs:PutLogEvents", "log_stream", "function", "Lambda runtime: log lines and EMF metrics"),
    # local stack and tests only: on AWS template.yaml creates the table
    AwsCall("dynamodb", "create_table", "dynamodb:CreateTable", "table", "local", "core.chat.chat_state.create_table"),
    AwsCall("dynamodb", "describe_table", "dynamodb:DescribeTable", "table", "local", "its table_exists waiter"),
    AwsCall("dynamodb", "update_time_to_live", "dynamodb:UpdateTimeToLive", "table", "local", "TTL on `ttl`"),
    AwsCall("dynamodb", "batch_write_item", "dynamodb:BatchWriteItem", "table", "local",
            "VocStore.put_many: the demo's and the benchmark's example weeks of VOC records"),
)

# The services whose clients the shipped code creates; an operation name is looked up in these.
SERVICES = frozenset(call.service for call in CALLS)


def function_calls() -> tuple[AwsCall, ...]:
    """The calls the function's execution role must allow."""
    return tuple(call for call in CALLS if call.caller == "function")


def find(service: str, operation: str) -> AwsCall | None:
    return next((c for c in CALLS if c.service == service and c.operation == operation), None)


@dataclass(frozen=True)
class StackArns:
    """The ARNs of one deployed (or moto-created) stack's resources, from which example targets are built."""

    region: str
    account: str
    table_arn: str
    state_machine_arn: str
    bucket: str
    ontology_key: str
    log_group: str
    secret_arn: str | None = None
    ssm_path: str | None = None
    partition: str = "aws"

    def examples(self) -> dict[str, list[str]]:
        """Concrete ARNs each kind of call targets, built with the code's own naming functions."""
        from core.chat.scheduler import execution_arn, execution_name
        from core.knowledge.last_good import pointer_key
        from core.knowledge.sources import s3_index_key

        out = {
            "table": [self.table_arn],
            "state_machine": [self.state_machine_arn],
            "execution": [execution_arn(self.state_machine_arn, execution_name("example-chat", 7, 1_700_000_000_000))],
            "ontology_objects": [f"arn:{self.partition}:s3:::{self.bucket}/{key}" for key in
                                 (self.ontology_key, s3_index_key(self.ontology_key, "etag"),
                                  pointer_key(self.ontology_key))],
            "ontology_bucket": [f"arn:{self.partition}:s3:::{self.bucket}"],
            "log_stream": [f"arn:{self.partition}:logs:{self.region}:{self.account}:log-group:{self.log_group}"
                           ":log-stream:2026/01/05/[$LATEST]0123456789abcdef"],
        }
        if self.secret_arn:
            out["secret"] = [self.secret_arn]
        if self.ssm_path:  # the path is authorised, and the parameters read under it
            path = f"arn:{self.partition}:ssm:{self.region}:{self.account}:parameter{self.ssm_path}"
            out["ssm_path"] = [path, f"{path}/CHANNEL_WEBHOOK_TOKEN"]
        return out


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def allows(statements: list[dict[str, Any]], action: str, resource: str) -> bool:
    """IAM evaluation for identity policies with Allow/Deny, Action and Resource (wildcards as IAM reads them).

    Explicit Deny wins; NotAction/NotResource/Condition are refused (the template uses none in its roles).
    """
    allowed = False
    for statement in statements:
        unsupported = {"NotAction", "NotResource", "Condition"} & set(statement)
        if unsupported:
            raise ValueError(f"statement {statement.get('Sid', '?')} uses {sorted(unsupported)}: not evaluated here")
        actions = [a.lower() for a in _as_list(statement.get("Action", []))]
        if not any(fnmatch.fnmatchcase(action.lower(), pattern) for pattern in actions):
            continue
        if not any(fnmatch.fnmatchcase(resource, pattern) for pattern in _as_list(statement.get("Resource", []))):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed
