"""statemachine.json: valid ASL (statelint), renderable for a function ARN, Retry/Catch wired as designed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.chat.flows import join_pending
from core.chat.chat_state import PendingMessage
from core.config import PROJECT_ROOT
from core.chat.scheduler import FUNCTION_ARN_PLACEHOLDER, SchedulerError, execution_arn, execution_name, render_definition

ARN = "arn:aws:lambda:ap-northeast-2:123456789012:function:jogunshop-bot"


def test_statelint_accepts_the_definition() -> None:
    statelint = shutil.which("statelint") or str(Path(sys.executable).parent / "statelint")
    done = subprocess.run([statelint, "--ignore=FLOAT", "statemachine.json"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_rendered_definition_wires_retry_and_catch() -> None:
    definition = json.loads(render_definition(ARN))
    states = definition["States"]
    process, fallback = states["ProcessChat"], states["HandOffToHuman"]
    assert process["Resource"] == fallback["Resource"] == ARN
    assert process["Parameters"]["action"] == "process_chat"
    assert fallback["Parameters"]["action"] == "handoff_fallback"
    assert process["Catch"][0]["Next"] == "HandOffToHuman"
    assert process["Retry"][-1]["ErrorEquals"] == ["States.ALL"]
    assert states["WaitForMoreMessages"]["SecondsPath"] == "$.delaySeconds"
    assert FUNCTION_ARN_PLACEHOLDER not in json.dumps(definition)


def test_render_rejects_a_definition_without_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "sm.json"
    path.write_text('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}')
    with pytest.raises(SchedulerError, match="placeholder"):
        render_definition(ARN, path)


def test_execution_names_are_stable_private_and_distinct() -> None:
    name = execution_name("6650f0aa11", 3, epoch=1795306374984)
    assert name == execution_name("6650f0aa11", 3, epoch=1795306374984)
    assert name != execution_name("6650f0aa11", 4, epoch=1795306374984) != execution_name("6650f0aa12", 3)
    assert name != execution_name("6650f0aa11", 3, epoch=1795306374985)  # a restarted chat
    assert "6650f0aa11" not in name and len(name) <= 80
    sm = "arn:aws:states:ap-northeast-2:123456789012:stateMachine:jogunshop-reply"
    assert execution_arn(sm, name) == f"arn:aws:states:ap-northeast-2:123456789012:execution:jogunshop-reply:{name}"
    with pytest.raises(SchedulerError):
        execution_arn("not-an-arn", name)


def test_join_pending_orders_by_arrival_and_drops_redeliveries() -> None:
    pending = [PendingMessage("b", "둘", 2), PendingMessage("a", "하나", 1), PendingMessage("b", "둘", 2)]
    texts, ids = join_pending(pending)
    assert texts == ["하나", "둘"]
    assert sorted(set(ids)) == ["a", "b"]
