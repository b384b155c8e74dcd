"""`template.yaml` offline: package it as `sam build` + `sam package` would, translate it as CloudFormation's
SAM transform would (aws-sam-translator), and create the result in a moto server.

- `packaged()`: the function gets an `ImageUri` (sam build pushes the image), the state machine's local
  `DefinitionUri` becomes an S3 location (sam package uploads the file).
- `translate()`: aws-sam-translator turns the `AWS::Serverless::*` resources into plain CloudFormation,
  exactly the resources AWS creates (function, Function URL and its permissions, state machine).
- `for_moto()`: the two things moto's CloudFormation lacks are adapted, and said so: the definition is
  inlined with its `DefinitionSubstitutions` applied through `Fn::Sub` (CloudFormation does the same
  substitution from S3), and the resource types moto cannot create are left out (`NOT_CREATED_BY_MOTO`;
  they are checked by cfn-lint and by the shape tests instead).
- `create_stack()`: create it in moto and return the stack's outputs and physical ids.

Dev/test harness only: never in the image, never calls real AWS.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.config import PROJECT_ROOT

TEMPLATE_PATH = PROJECT_ROOT / "template.yaml"
LOCAL_IMAGE_URI = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/jogunshop-bot:local"
ARTIFACT_BUCKET = "local-sam-artifacts"

# Resource types of template.yaml that moto 5.2's CloudFormation cannot create (checked against moto by
# tests/unit/test_template.py, so this list cannot go stale silently). README "What is checked where".
NOT_CREATED_BY_MOTO = frozenset({
    "AWS::Lambda::Url",            # the webhook URL: local events call the handler as a Function URL would
    "AWS::CloudWatch::Alarm",      # alarms: shape-tested on the translated template
    "AWS::Scheduler::Schedule",    # the weekly VOC schedule: shape-tested
    "AWS::SecretsManager::Secret", # the local stack passes ExistingSecretArn with a secret it makes in moto
    "AWS::S3::BucketPolicy",       # TLS-only policy: shape-tested
})


class TemplateError(RuntimeError):
    """template.yaml could not be packaged, translated or created; the message says where."""


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """template.yaml as a dict, with CloudFormation's short tags (!Ref, !Sub, …) in their long form."""
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(path.read_text(encoding="utf-8"))


def definition_files(template: dict[str, Any], root: Path = PROJECT_ROOT) -> dict[str, Path]:
    """The local definition file of each state machine (`DefinitionUri: statemachine.json`)."""
    out = {}
    for logical_id, resource in template.get("Resources", {}).items():
        uri = resource.get("Properties", {}).get("DefinitionUri")
        if resource.get("Type") == "AWS::Serverless::StateMachine" and isinstance(uri, str):
            out[logical_id] = root / uri
    return out


def packaged(template: dict[str, Any], image_uri: str = LOCAL_IMAGE_URI) -> dict[str, Any]:
    """What `sam build` + `sam package` hand to CloudFormation: an image URI and S3 definition locations."""
    out = copy.deepcopy(template)
    for logical_id, resource in out.get("Resources", {}).items():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and props.get("PackageType") == "Image":
            props.setdefault("ImageUri", image_uri)
        if resource.get("Type") == "AWS::Serverless::StateMachine" and isinstance(props.get("DefinitionUri"), str):
            props["DefinitionUri"] = {"Bucket": ARTIFACT_BUCKET, "Key": f"{logical_id}/{props['DefinitionUri']}"}
    return out


class _NoManagedPolicies:
    """The template attaches no managed policy by name, so the translator must never look one up."""

    def load(self) -> dict[str, str]:
        raise TemplateError("template.yaml refers to a managed policy by name: write the statements instead")


def translate(template: dict[str, Any], region: str = "ap-northeast-2") -> dict[str, Any]:
    """Plain CloudFormation, as the `AWS::Serverless-2016-10-31` transform produces it."""
    import boto3
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
    try:
        return translator.translate(copy.deepcopy(template), parameter_values={},
                                    get_managed_policy_map=_NoManagedPolicies().load)
    except InvalidDocumentException as exc:
        causes = "; ".join(str(c) for c in exc.causes)
        raise TemplateError(f"template.yaml does not translate: {causes}") from exc


@lru_cache(maxsize=1)
def _translated_json(path: str, mtime_ns: int, region: str) -> str:
    return json.dumps(translate(packaged(load_template(Path(path))), region))


def translated_template(path: Path = TEMPLATE_PATH, region: str = "ap-northeast-2") -> dict[str, Any]:
    """The packaged, translated template (cached per process while the file is unchanged)."""
    return json.loads(_translated_json(str(path), path.stat().st_mtime_ns, region))


def _refs(value: Any) -> set[str]:
    """Logical ids a template value refers to (Ref, Fn::GetAtt, ${Name} or ${Name.Attr} inside Fn::Sub)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::GetAtt":
                found.add(inner[0] if isinstance(inner, list) else str(inner).split(".")[0])
            elif key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                found.update(m.split(".")[0] for m in re.findall(r"\$\{([A-Za-z0-9:.]+)\}", str(text)))
            found |= _refs(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _refs(inner)
    return found


def for_moto(cfn: dict[str, Any], definitions: dict[str, Path]) -> tuple[dict[str, Any], list[str]]:
    """Adapt a translated template to moto's CloudFormation; returns it and the logical ids left out."""
    out = copy.deepcopy(cfn)
    resources = out["Resources"]
    for logical_id, path in definitions.items():
        props = resources[logical_id]["Properties"]
        if "DefinitionS3Location" not in props:
            raise TemplateError(f"{logical_id} has no DefinitionS3Location after translation")
        del props["DefinitionS3Location"]
        substitutions = props.pop("DefinitionSubstitutions", {})
        props["DefinitionString"] = {"Fn::Sub": [path.read_text(encoding="utf-8"), substitutions]}
    dropped = sorted(lid for lid, res in resources.items() if res.get("Type") in NOT_CREATED_BY_MOTO)
    for logical_id in dropped:
        del resources[logical_id]
    for name in [n for n, o in out.get("Outputs", {}).items() if _refs_outside_if({"v": o.get("Value")}) & set(dropped)]:
        del out["Outputs"][name]
    for logical_id, resource in resources.items():
        direct = _refs_outside_if(resource.get("Properties", {})) & set(dropped)
        if direct:  # inside Fn::If the local stack's parameters pick the other branch
            raise TemplateError(f"{logical_id} refers to {sorted(direct)}, which moto cannot create, outside an Fn::If")
    return out, dropped


def _refs_outside_if(value: Any) -> set[str]:
    """Like `_refs`, but not looking inside Fn::If branches."""
    if isinstance(value, dict):
        if "Fn::If" in value:
            return set()
        if "Ref" in value or "Fn::GetAtt" in value or "Fn::Sub" in value:
            return _refs(value)
        return set().union(*(_refs_outside_if(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_refs_outside_if(v) for v in value)) if value else set()
    return set()


@dataclass
class CreatedStack:
    """A stack moto created from template.yaml: its outputs and logical id → physical id."""

    name: str
    outputs: dict[str, str]
    resources: dict[str, str]
    dropped: list[str] = field(default_factory=list)


def create_stack(cloudformation: Any, name: str, parameters: dict[str, str] | None = None,
                 path: Path = TEMPLATE_PATH, region: str = "ap-northeast-2") -> CreatedStack:
    """Create the stack in moto (`cloudformation` is a client on the moto endpoint) from template.yaml."""
    template, dropped = for_moto(translated_template(path, region), definition_files(load_template(path),
                                                                                     path.parent))
    params = [{"ParameterKey": k, "ParameterValue": str(v)} for k, v in (parameters or {}).items()]
    try:
        cloudformation.create_stack(StackName=name, TemplateBody=json.dumps(template, ensure_ascii=False),
                                    Parameters=params, Capabilities=["CAPABILITY_IAM"])
    except Exception as exc:  # moto answers a template it cannot handle with an HTTP 500 and logs the cause
        raise TemplateError(f"moto could not create stack {name} from {path.name}: {exc} (moto's log has the cause)") from exc
    stack = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise TemplateError(f"stack {name} is {stack['StackStatus']}: {stack.get('StackStatusReason')}")
    summaries = cloudformation.list_stack_resources(StackName=name)["StackResourceSummaries"]
    return CreatedStack(name=name, outputs={o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])},
                        resources={r["LogicalResourceId"]: r.get("PhysicalResourceId", "") for r in summaries},
                        dropped=dropped)


def function_environment(cfn: dict[str, Any], logical_id: str = "BotFunction") -> dict[str, Any]:
    """The function's environment as the template writes it (values are still intrinsics)."""
    props = cfn["Resources"][logical_id]["Properties"]
    return dict(props.get("Environment", {}).get("Variables", {}))


def parameter_of(cfn: dict[str, Any], logical_id: str = "BotFunction") -> dict[str, str]:
    """Environment variable → the template parameter it is set from (`NAME: !Ref Parameter`)."""
    params = set(cfn.get("Parameters", {}))
    return {name: value["Ref"] for name, value in function_environment(cfn, logical_id).items()
            if isinstance(value, dict) and value.get("Ref") in params}
