"""template.yaml agrees with the code: settings, AWS calls and their IAM, the state machine, timeouts, alarms.

Checked offline: cfn-lint on the SAM template; aws-sam-translator's plain-CloudFormation expansion (what
AWS creates) for shapes; and the stack moto's CloudFormation creates from it, whose resolved role
policies are evaluated against the concrete ARNs the code touches. Nothing here reaches AWS.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import uuid
from dataclasses import fields
from pathlib import Path
from typing import Any

import boto3
import pytest

from core.chat.flows import LEASE_MARGIN_SECONDS
from core.config import PROJECT_ROOT, SECRET_VARIABLES, Settings
from deploy import iam
from deploy.image import shipped_python
from deploy.template import (NOT_CREATED_BY_MOTO, TEMPLATE_PATH, CreatedStack, create_stack, function_environment,
                             load_template, translated_template)
from devstack.moto_server import MotoServer

REGION = "ap-northeast-2"
# Settings of the weekly VOC report.
VOC_SETTINGS = {"SLACK_BOT_TOKEN", "VOC_SLACK_CHANNEL", "VOC_CHANNEL_GROUP_ID", "VOC_POST_WHEN_NO_CHANGES",
                "VOC_RETENTION_WEEKS", "SLACK_API_BASE_URL"}
SET_BY_LAMBDA = {"AWS_REGION", "AWS_DEFAULT_REGION"}  # reserved: the Lambda runtime sets them
LOCAL_ONLY = {"AWS_ENDPOINT_URL"}                     # moto/dev endpoint: must never be set on AWS


@pytest.fixture(scope="module")
def sam() -> dict[str, Any]:
    return load_template()


@pytest.fixture(scope="module")
def cfn() -> dict[str, Any]:
    return translated_template(region=REGION)


def _resources(cfn: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {lid: res for lid, res in cfn["Resources"].items() if res["Type"] == kind}


# --- lint -----------------------------------------------------------------------------------------


def test_cfn_lint_passes() -> None:
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    done = subprocess.run([str(cfn_lint), str(TEMPLATE_PATH)], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stdout + done.stderr


# --- settings -------------------------------------------------------------------------------------


def _config_reads() -> set[str]:
    """Every environment variable core/config.py reads (the `_str/_int/_float/_bool(env, "NAME", …)` calls)."""
    tree = ast.parse((PROJECT_ROOT / "core" / "config.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in {"_str", "_int", "_float", "_bool"} and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            names.add(node.args[1].value)
    return names


def _secret_keys(sam: dict[str, Any]) -> set[str]:
    generate = sam["Resources"]["AppSecrets"]["Properties"]["GenerateSecretString"]
    return set(json.loads(generate["SecretStringTemplate"])) | {generate["GenerateStringKey"]}


def test_every_setting_the_config_reads_is_set_by_the_template_or_has_a_default(sam: dict[str, Any]) -> None:
    reads = _config_reads()
    assert {"DYNAMODB_TABLE_NAME", "STATE_MACHINE_ARN", "CHANNEL_WEBHOOK_TOKEN", "SECRETS_ID"} <= reads  # the walk works
    env = set(function_environment(sam))
    defaults = {f.name: f.default for f in fields(Settings)}
    unset = []
    for name in sorted(reads | VOC_SETTINGS):
        if name in SET_BY_LAMBDA or name in LOCAL_ONLY:
            assert name not in env, f"template.yaml must not set {name} (Lambda sets it / local only)"
        elif name in SECRET_VARIABLES:
            assert name in _secret_keys(sam), f"{name} is a secret: add it to AppSecrets' SecretStringTemplate"
        elif name not in env and defaults.get(name.lower()) is None:
            unset.append(name)
    assert not unset, f"read by core/config.py without a default, but not set by template.yaml: {unset}"


def test_the_template_sets_only_what_the_code_reads(sam: dict[str, Any]) -> None:
    extra = set(function_environment(sam)) - _config_reads() - VOC_SETTINGS
    assert not extra, f"template.yaml sets {sorted(extra)}, which core/config.py does not read"
    assert VOC_SETTINGS - set(SECRET_VARIABLES) <= set(function_environment(sam)), "VOC settings missing"


def test_the_secret_holds_exactly_the_secret_settings(sam: dict[str, Any]) -> None:
    assert _secret_keys(sam) == set(SECRET_VARIABLES)
    generate = sam["Resources"]["AppSecrets"]["Properties"]["GenerateSecretString"]
    assert generate["GenerateStringKey"] == "CHANNEL_WEBHOOK_TOKEN"  # the stack makes the webhook token


# --- the state machine and the timeouts ------------------------------------------------------------


def _definition() -> dict[str, Any]:
    return json.loads((PROJECT_ROOT / "statemachine.json").read_text(encoding="utf-8"))


def test_state_machine_substitutions_match_the_definition(sam: dict[str, Any], cfn: dict[str, Any]) -> None:
    props = sam["Resources"]["ReplyStateMachine"]["Properties"]
    placeholders = set(re.findall(r"\$\{([A-Za-z0-9_]+)\}", (PROJECT_ROOT / props["DefinitionUri"]).read_text()))
    assert placeholders == set(props["DefinitionSubstitutions"]), "statemachine.json ${…} vs DefinitionSubstitutions"
    assert props["DefinitionSubstitutions"]["REPLY_FUNCTION_NAME"] == {"Ref": "BotFunction"}
    translated = cfn["Resources"]["ReplyStateMachine"]["Properties"]
    assert translated["DefinitionSubstitutions"] == props["DefinitionSubstitutions"]


def test_timeouts_nest(sam: dict[str, Any]) -> None:
    """Turn deadline < function timeout < ProcessChat Task timeout < chat lease."""
    timeout = sam["Resources"]["BotFunction"]["Properties"]["Timeout"]
    task = _definition()["States"]["ProcessChat"]["TimeoutSeconds"]
    assert timeout < task, f"function Timeout {timeout} must be below ProcessChat TimeoutSeconds {task}"
    from core.config import DEADLINE_RESERVE_SECONDS, LAMBDA_TIMEOUT_SECONDS, TASK_TIMEOUT_SECONDS

    assert (timeout, task) == (LAMBDA_TIMEOUT_SECONDS, TASK_TIMEOUT_SECONDS), "core/config.py's limits are the deployed ones"
    deadline = Settings().turn_deadline_seconds
    assert deadline + DEADLINE_RESERVE_SECONDS <= timeout, (
        f"TURN_DEADLINE_SECONDS {deadline} + {DEADLINE_RESERVE_SECONDS} s must fit the function Timeout {timeout}")
    assert deadline + LEASE_MARGIN_SECONDS > timeout, "a chat lease must outlive the invocation that holds it"


def test_function_is_the_dockerfile_image(sam: dict[str, Any], cfn: dict[str, Any]) -> None:
    function = sam["Resources"]["BotFunction"]
    assert function["Properties"]["PackageType"] == "Image"
    assert (PROJECT_ROOT / function["Metadata"]["DockerContext"] / function["Metadata"]["Dockerfile"]).is_file()
    assert function["Properties"]["MemorySize"] == 1024
    assert function["Properties"]["FunctionUrlConfig"]["AuthType"] == "NONE"
    kinds = {res["Type"] for res in cfn["Resources"].values()}
    assert {"AWS::Lambda::Url", "AWS::Lambda::Function", "AWS::StepFunctions::StateMachine"} <= kinds
    assert {"WebhookUrl", "ChatTableName", "OntologyBucketName", "StateMachineArn"} <= set(cfn["Outputs"])


# --- data resources ------------------------------------------------------------------------------


def test_table_shape(cfn: dict[str, Any]) -> None:
    [table] = _resources(cfn, "AWS::DynamoDB::Table").values()
    props = table["Properties"]
    assert {k["AttributeName"]: k["KeyType"] for k in props["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["TimeToLiveSpecification"] == {"AttributeName": "ttl", "Enabled": True}
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["DeletionPolicy"] == "Retain"


def test_bucket_shape(cfn: dict[str, Any]) -> None:
    [bucket] = _resources(cfn, "AWS::S3::Bucket").values()
    props = bucket["Properties"]
    assert props["VersioningConfiguration"]["Status"] == "Enabled"
    assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert all(props["PublicAccessBlockConfiguration"][k] is True for k in
               ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
    [policy] = _resources(cfn, "AWS::S3::BucketPolicy").values()
    [deny] = policy["Properties"]["PolicyDocument"]["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_log_group_has_retention_and_is_the_functions(cfn: dict[str, Any]) -> None:
    [group] = _resources(cfn, "AWS::Logs::LogGroup").values()
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    function = cfn["Resources"]["BotFunction"]["Properties"]
    assert function["LoggingConfig"]["LogGroup"] == {"Ref": "BotLogGroup"}


# --- IAM -----------------------------------------------------------------------------------------


def _policy_documents(value: Any) -> list[dict[str, Any]]:
    """Every IAM policy document anywhere in the template (inline role policies, trust, bucket policy)."""
    found = []
    if isinstance(value, dict):
        if "Statement" in value and "Version" in value:
            found.append(value)
        for inner in value.values():
            found += _policy_documents(inner)
    elif isinstance(value, list):
        for inner in value:
            found += _policy_documents(inner)
    return found


def _statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for statement in document["Statement"]:
        if isinstance(statement, dict) and "Fn::If" in statement:  # a conditional statement: check both branches
            out += [s for s in statement["Fn::If"][1:] if isinstance(s, dict) and "Effect" in s]
        else:
            out.append(statement)
    return out


def test_no_wildcard_actions_or_resources(cfn: dict[str, Any]) -> None:
    documents = _policy_documents(cfn["Resources"])
    assert len(documents) >= 7  # 3 roles x (trust + policy) + the bucket policy
    for document in documents:
        for statement in _statements(document):
            for action in iam._as_list(statement.get("Action", [])):
                assert "*" not in action, f"wildcard action {action} in {statement.get('Sid')}"
            for resource in iam._as_list(statement.get("Resource", [])):
                assert resource != "*", f"Resource * in {statement.get('Sid')}"
    managed = [res["Properties"].get("ManagedPolicyArns") for res in _resources(cfn, "AWS::IAM::Role").values()]
    assert not any(managed), "managed policies grant more than the statements written here"


def _walk_client_calls(path: Path, operations: dict[str, set[str]]) -> list[tuple[str, str, int]]:
    """(service, operation, line) for each `x.op(...)` whose name is an operation of a service we use."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in {"get_paginator", "get_waiter"} and args:
                name = args[0] if name == "get_paginator" else _waiter_operation(args[0])
            for service, ops in operations.items():
                if name in ops:
                    found.append((service, name, node.lineno))
    return found


def _waiter_operation(waiter: str) -> str:
    import botocore.session
    from botocore import xform_name

    session = botocore.session.get_session()
    for service in iam.SERVICES:
        try:
            model = session.get_waiter_model(service)
        except Exception:  # a service without waiters
            continue
        names = {xform_name(n): n for n in model.waiter_names}
        if waiter in names:
            return xform_name(model.get_waiter(names[waiter]).operation)
    return waiter


def test_every_aws_call_in_the_shipped_code_is_listed() -> None:
    import botocore.session
    from botocore import xform_name

    session = botocore.session.get_session()
    operations = {service: {xform_name(op) for op in session.get_service_model(service).operation_names}
                  for service in iam.SERVICES}
    unlisted = []
    seen = set()
    for path in shipped_python():
        for service, operation, line in _walk_client_calls(path, operations):
            seen.add((service, operation))
            if iam.find(service, operation) is None:
                unlisted.append(f"{path.relative_to(PROJECT_ROOT)}:{line} calls {service}.{operation}")
    assert not unlisted, "add these to deploy/iam.py (and template.yaml if the function makes them): " + "; ".join(unlisted)
    assert ("dynamodb", "update_item") in seen and ("s3", "get_object") in seen  # the walk works
    # the list names real IAM actions of real operations
    for call in iam.CALLS:
        assert call.operation in operations[call.service], f"{call.service} has no operation {call.operation}"


def test_the_readme_lists_the_functions_iam() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    missing = {call.action for call in iam.function_calls() if call.action not in readme}
    assert not missing, f"README's IAM section does not mention {sorted(missing)}"


@pytest.fixture(scope="module")
def stacks(moto_server: MotoServer) -> dict[str, tuple[CreatedStack, iam.StackArns, list[dict[str, Any]]]]:
    """template.yaml created in moto twice (secrets in Secrets Manager, and in SSM), with resolved policies."""
    client = {s: boto3.client(s, region_name=REGION, endpoint_url=moto_server.endpoint)
              for s in ("cloudformation", "secretsmanager", "dynamodb", "iam", "lambda")}
    suffix = uuid.uuid4().hex[:6]
    secret_arn = client["secretsmanager"].create_secret(Name=f"tmpl-{suffix}", SecretString="{}")["ARN"]
    variants = {"secretsmanager": {"ExistingSecretArn": secret_arn}, "ssm": {"SecretsSsmPath": "/jogunshop-test"}}
    out = {}
    for variant, params in variants.items():
        stack = create_stack(client["cloudformation"], f"tmpl-{variant}-{suffix}", params, region=REGION)
        table_arn = client["dynamodb"].describe_table(TableName=stack.outputs["ChatTableName"])["Table"]["TableArn"]
        arns = iam.StackArns(region=REGION, account=table_arn.split(":")[4], table_arn=table_arn,
                             state_machine_arn=stack.outputs["StateMachineArn"],
                             bucket=stack.outputs["OntologyBucketName"], ontology_key=stack.outputs["OntologyS3Key"],
                             log_group=stack.outputs["LogGroupName"], secret_arn=stack.outputs.get("SecretsId"),
                             ssm_path=params.get("SecretsSsmPath"))
        role = stack.resources["BotFunctionRole"]
        statements = []
        for name in client["iam"].list_role_policies(RoleName=role)["PolicyNames"]:
            document = client["iam"].get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]
            document = document if isinstance(document, dict) else ast.literal_eval(document)  # moto keeps a repr
            statements += document["Statement"]
        out[variant] = (stack, arns, statements)
    return out


@pytest.mark.parametrize("variant", ["secretsmanager", "ssm"])
def test_the_function_role_allows_each_call_on_its_resource_and_nothing_else(stacks: dict[str, Any],
                                                                              variant: str) -> None:
    stack, arns, statements = stacks[variant]
    examples = arns.examples()
    # every call the function makes is allowed on the concrete ARN it touches
    denied = []
    for call in iam.function_calls():
        if call.resource not in examples:
            continue  # the other secret store
        for arn in examples[call.resource]:
            if not iam.allows(statements, call.action, arn):
                denied.append(f"{call.action} on {arn} ({call.why})")
    assert not denied, f"{variant}: BotFunctionRole in template.yaml does not allow: {denied}"
    assert {c.resource for c in iam.function_calls()} - set(examples) == {"secret", "ssm_path"} - set(examples)
    # and every statement grants only listed actions on resources those actions need
    needed = {c.action: c.resource for c in iam.function_calls()}
    for statement in statements:
        for action in iam._as_list(statement["Action"]):
            assert action in needed, f"{statement['Sid']} grants {action}, which no code path needs (deploy/iam.py)"
            targets = examples[needed[action]]
            for pattern in iam._as_list(statement["Resource"]):
                assert any(iam.allows([{"Effect": "Allow", "Action": action, "Resource": pattern}], action, t)
                           for t in targets), f"{statement['Sid']} grants {action} on {pattern}, not on {targets}"


def test_the_function_is_told_the_resources_the_stack_made(stacks: dict[str, Any], moto_server: MotoServer) -> None:
    stack, arns, _ = stacks["secretsmanager"]
    lam = boto3.client("lambda", region_name=REGION, endpoint_url=moto_server.endpoint)
    env = lam.get_function_configuration(FunctionName=stack.outputs["BotFunctionName"])["Environment"]["Variables"]
    assert env["DYNAMODB_TABLE_NAME"] == stack.outputs["ChatTableName"]
    assert env["S3_BUCKET_NAME"] == stack.outputs["OntologyBucketName"]
    assert env["STATE_MACHINE_ARN"] == stack.outputs["StateMachineArn"] == stack.resources["ReplyStateMachine"]
    assert env["SECRETS_ID"] == arns.secret_arn and "SECRETS_SSM_PATH" not in env
    ssm_stack = stacks["ssm"][0]
    ssm_env = lam.get_function_configuration(FunctionName=ssm_stack.outputs["BotFunctionName"])["Environment"]["Variables"]
    assert ssm_env["SECRETS_SSM_PATH"] == "/jogunshop-test" and "SECRETS_ID" not in ssm_env


def test_the_created_secret_is_the_one_the_role_reads(cfn: dict[str, Any]) -> None:
    """The default path (the stack makes the secret) cannot run in moto: compare the expressions instead."""
    env = function_environment(cfn)["SECRETS_ID"]
    [conditional] = [s for s in cfn["Resources"]["BotFunctionRole"]["Properties"]["Policies"][0]["PolicyDocument"]
                     ["Statement"] if "Fn::If" in s]
    read_secrets = conditional["Fn::If"][1]
    assert read_secrets["Action"] == "secretsmanager:GetSecretValue"
    assert env == {"Fn::If": ["UseSsmSecrets", {"Ref": "AWS::NoValue"}, read_secrets["Resource"]]}


def _invoke_only(cfn: dict[str, Any], role: str, service: str) -> None:
    props = cfn["Resources"][role]["Properties"]
    [trust] = props["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": service} and trust["Action"] == "sts:AssumeRole"
    statements = [s for p in props["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert statements == [{"Sid": "InvokeBot", "Effect": "Allow", "Action": "lambda:InvokeFunction",
                           "Resource": {"Fn::GetAtt": ["BotFunction", "Arn"]}}]


def test_the_state_machine_may_only_invoke_the_function(cfn: dict[str, Any]) -> None:
    _invoke_only(cfn, "ReplyStateMachineRole", "states.amazonaws.com")
    assert cfn["Resources"]["ReplyStateMachine"]["Properties"]["RoleArn"] == {"Fn::GetAtt": ["ReplyStateMachineRole", "Arn"]}


def test_the_weekly_voc_schedule(cfn: dict[str, Any]) -> None:
    [schedule] = _resources(cfn, "AWS::Scheduler::Schedule").values()
    props = schedule["Properties"]
    assert props["ScheduleExpression"] == "cron(0 9 ? * MON *)"
    assert props["ScheduleExpressionTimezone"] == {"Ref": "ShopTimezone"}
    assert cfn["Parameters"]["ShopTimezone"]["Default"] == "Asia/Seoul"
    assert json.loads(props["Target"]["Input"]) == {"action": "voc_weekly"}
    assert props["Target"]["Arn"] == {"Fn::GetAtt": ["BotFunction", "Arn"]}
    assert props["Target"]["RoleArn"] == {"Fn::GetAtt": ["VocSchedulerRole", "Arn"]}
    _invoke_only(cfn, "VocSchedulerRole", "scheduler.amazonaws.com")


# --- alarms ------------------------------------------------------------------------------------------


def _emitted_metrics(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str], dict[str, str]]:
    """Namespace, metric names and dimensions the code's EMF lines carry for a fallback turn and a NeedsHuman."""
    from core.observability import count, flush, record_turn

    record_turn("general", "fallback", True, 0, 0, 1.0)
    count("NeedsHuman")
    flush()
    [line] = [json.loads(ln) for ln in capsys.readouterr().out.splitlines() if '"_aws"' in ln]
    [directive] = line["_aws"]["CloudWatchMetrics"]
    dimensions = {name: line[name] for group in directive["Dimensions"] for name in group}
    return directive["Namespace"], [m["Name"] for m in directive["Metrics"]], dimensions


def test_alarms_watch_what_the_code_emits(cfn: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    namespace, names, dimensions = _emitted_metrics(capsys)
    alarms = _resources(cfn, "AWS::CloudWatch::Alarm")
    watched = []
    for alarm in alarms.values():
        props = alarm["Properties"]
        assert props["AlarmActions"] == {"Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}
        metrics = [props] if "MetricName" in props else [m["MetricStat"]["Metric"] for m in props["Metrics"] if "MetricStat" in m]
        for metric in metrics:
            watched.append((metric["Namespace"], metric["MetricName"]))
            dims = {d["Name"]: d["Value"] for d in metric.get("Dimensions", [])}
            if metric["Namespace"] == namespace:
                assert metric["MetricName"] in names, f"{metric['MetricName']} is not a metric the code emits"
                assert dims == dimensions, f"{metric['MetricName']}: dimensions {dims} vs emitted {dimensions}"
            elif metric["Namespace"] == "AWS/Lambda":
                assert dims == {"FunctionName": {"Ref": "BotFunction"}}
            elif metric["Namespace"] == "AWS/States":
                assert dims == {"StateMachineArn": {"Ref": "ReplyStateMachine"}}
    assert {("AWS/Lambda", "Errors"), ("AWS/Lambda", "Throttles"), ("AWS/States", "ExecutionsFailed"),
            (namespace, "NeedsHuman"), (namespace, "Fallbacks"), (namespace, "Turns")} <= set(watched)


# --- what moto can and cannot create --------------------------------------------------------------


def test_the_list_of_what_moto_cannot_create_is_current(cfn: dict[str, Any]) -> None:
    from moto.cloudformation.parsing import get_model_map

    kinds = {res["Type"] for res in cfn["Resources"].values()}
    assert kinds - set(get_model_map()) == NOT_CREATED_BY_MOTO
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert all(kind in readme for kind in NOT_CREATED_BY_MOTO), "README must say what moto does not create"
