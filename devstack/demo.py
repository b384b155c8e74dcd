"""`make demo`: the whole service on this machine, replaying customer conversations from `events/demo/`.

Starts the local stack (template.yaml created by moto's CloudFormation: S3 + DynamoDB + Step Functions +
Lambda + the secret; loopback Channel.io), sends
each conversation's messages to the function exactly as Channel.io would (Function URL webhook
events through Lambda Invoke), lets the real state machine wait and call the handler, and prints
what the customer sees. Conversations run side by side; replies arrive after REPLY_DELAY_SECONDS.
Offline mode (grounded templates) unless LM settings are in the environment.

It ends with Monday's weekly VOC report: a seeded two-week history of turn records is written to
the table (BatchWriteItem), the function is invoked with `{"action": "voc_weekly"}` as the
EventBridge schedule would, and what the loopback Slack server received is printed as the shop sees
it: the summary, the statuses, the thread replies and the chart.

    python -m devstack.demo [--delay 1] [events/demo/03_order_status.json ...]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from core.config import PROJECT_ROOT

DEMO_DIR = PROJECT_ROOT / "events" / "demo"
LOG_PATH = PROJECT_ROOT / ".demo" / "lambda-logs.jsonl"
MANAGER_IDS = "manager-1"


@dataclass
class Line:
    at: float
    who: str
    text: str
    note: str = ""


@dataclass
class Conversation:
    path: Path
    title: str
    chat_id: str
    steps: list[dict[str, Any]]
    user: dict[str, Any] | None = None  # Channel.io's `refers.user` (memberId, profile.mobileNumber) of the customer
    lines: list[Line] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> "Conversation":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(path=path, title=data["title"], chat_id=data["chatId"], steps=data["steps"], user=data.get("user"))


class Demo:
    def __init__(self, delay: int, out: TextIO) -> None:
        from devstack.local_stack import start_local_stack

        self.out = out
        self.stack = start_local_stack(reply_delay_seconds=delay, use_s3=True, publish=True,
                                       extra_env={"CHANNEL_HANDOFF_MANAGER_IDS": MANAGER_IDS})
        self.stack.channel.on_post = self._echo  # Channel.io sends the bot's own message back as a webhook
        self.lambda_client = self.stack.client("lambda")
        self.echoes: list[str] = []

    def invoke_webhook(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST the webhook the way AWS delivers a Function URL request: a Lambda invoke with the URL event."""
        from devstack.local_stack import function_url_event

        raw = self.lambda_client.invoke(FunctionName=self.stack.function_name,
                                        Payload=json.dumps(function_url_event(body), ensure_ascii=False))
        response = json.loads(raw["Payload"].read() or b"{}")
        return {"http": response.get("statusCode"), **json.loads(response.get("body") or "{}")}

    def _echo(self, call: Any) -> None:
        from devstack.local_stack import channel_message

        result = self.invoke_webhook(channel_message(call.chat_id, call.text, person_type="bot"))
        self.echoes.append(str(result.get("reason") or result.get("status")))  # "bot_echo" when ignored

    def run_conversation(self, conv: Conversation) -> None:
        from devstack.local_stack import channel_message

        channel = self.stack.channel
        for step in conv.steps:
            if "customer" in step or "manager" in step:
                who = "customer" if "customer" in step else "manager"
                text = step[who]
                body = channel_message(conv.chat_id, text, person_type="user" if who == "customer" else "manager",
                                       message_id=step.get("id"))
                if who == "customer" and conv.user:  # who is writing, as Channel.io tells the webhook
                    body["refers"] = {"user": {"id": body["entity"]["personId"], **conv.user}}
                result = self.invoke_webhook(body)
                conv.lines.append(Line(time.time(), who, text, note=_webhook_note(result, step.get("note"))))
                if result.get("http") != 200:
                    conv.problems.append(f"webhook answered {result}")
            elif "pause" in step:
                time.sleep(float(step["pause"]))
            elif "await_reply" in step:
                seen = len(channel.posts(conv.chat_id))
                posts = channel.wait_for_posts(conv.chat_id, seen + 1, timeout=float(step.get("timeout", 20)))
                if len(posts) <= seen:
                    conv.problems.append("no reply arrived in time")
            elif "expect_silence" in step:
                seen = len(channel.posts(conv.chat_id))
                time.sleep(float(step["expect_silence"]))
                if len(channel.posts(conv.chat_id)) > seen:
                    conv.problems.append("the bot spoke when it should have stayed silent")

    def bot_lines(self, conv: Conversation) -> list[Line]:
        """The bot's posts for this chat, annotated with route/mode from the stored history."""
        turns = self._history(conv.chat_id)
        lines = []
        for post in self.stack.channel.posts(conv.chat_id):
            turn = next((t for t in turns if t["reply"] == post.text), None)
            if turn:
                note = f"{turn['route']} · {turn['mode']}" + (" · handoff" if turn["handoff"] else "")
            else:
                note = "fallback · handoff"
            lines.append(Line(post.at, "bot", post.text, note=note))
        for invite in self.stack.channel.invites(conv.chat_id):
            managers = ", ".join(invite.query.get("managerIds", []))
            lines.append(Line(invite.at, "system", f"managers invited: {managers}"))
        return lines

    def _history(self, chat_id: str) -> list[dict[str, Any]]:
        from core.chat.chat_state import ChatStore

        store = ChatStore(self.stack.table_name, client=self.stack.client("dynamodb"), history_turns=50)
        return [{"reply": t.reply, "route": t.route, "mode": t.mode, "handoff": t.handoff}
                for t in store.history(chat_id).turns]

    def print_conversation(self, index: int, conv: Conversation) -> None:
        w = self.out.write
        w(f"\n── {index}. {conv.title}\n   chat {conv.chat_id}  ({conv.path.name})\n")
        for line in sorted(conv.lines + self.bot_lines(conv), key=lambda entry: entry.at):
            label = {"customer": "customer", "manager": "manager ", "bot": "bot     ", "system": "        "}[line.who]
            text = line.text.replace("\n", "\n" + " " * 14)
            note = f"   [{line.note}]" if line.note else ""
            w(f"   {label}  {text}{note}\n")
        for problem in conv.problems:
            w(f"   !! {problem}\n")


def weekly_report(demo: Demo, out: TextIO) -> bool:
    """Seed two weeks of VOC records, invoke `voc_weekly` like the Monday schedule, print what Slack got."""
    from datetime import datetime, timezone

    from core.voc.store import VocStore
    from core.voc.weeks import IsoWeek, report_week
    from devstack.local_stack import reset_runtime_singletons
    from devstack.slack_server import BOT_TOKEN, SlackServer
    from devstack.voc_history import two_weeks

    started = time.time()
    now = datetime.now(timezone.utc)
    week = report_week(now, "Asia/Seoul")
    store = VocStore(demo.stack.table_name, demo.stack.client("dynamodb"), "Asia/Seoul")
    this_week = IsoWeek.of(now, "Asia/Seoul")
    recorded = demo.stack.client("dynamodb").query(
        TableName=demo.stack.table_name, KeyConditionExpression="pk = :pk", Select="COUNT",
        ExpressionAttributeValues={":pk": {"S": f"VOC#{this_week}"}})["Count"]
    seeded = store.put_many(two_weeks(week))
    slack = SlackServer().start()
    os.environ.update({"SLACK_BOT_TOKEN": BOT_TOKEN, "VOC_SLACK_CHANNEL": "#voc-report",
                       "SLACK_API_BASE_URL": slack.api_url})
    reset_runtime_singletons()
    try:
        raw = demo.lambda_client.invoke(FunctionName=demo.stack.function_name, Payload=json.dumps({"action": "voc_weekly"}))
        result = json.loads(raw["Payload"].read() or b"{}")
        w = out.write
        w(f"\n── Monday 09:00: the weekly VOC report ({week} vs {IsoWeek.parse(str(week)).previous()})\n")
        w(f"   {recorded} turn(s) of the conversations above were recorded for this week ({this_week}); "
          f"{seeded} seeded records make up the two weeks reported. EventBridge Scheduler invokes the function "
          f'with {{"action": "voc_weekly"}}; Slack (loopback) received:\n')
        for message in slack.messages:
            w("\n   #voc-report\n")
            w("".join(f"   │ {line}\n" for line in message.shown.splitlines()))
            for file in [f for f in slack.files if f.thread_ts == message.ts]:
                path = LOG_PATH.parent / file.filename
                path.write_bytes(file.content)
                w(f"   └ 🧵 chart '{file.title}' ({len(file.content):,} bytes): {path.relative_to(PROJECT_ROOT)}\n")
            for reply in slack.replies(message.ts):
                w("   └ 🧵 " + reply.shown.replace("\n", "\n        ") + "\n")
        again = json.loads(demo.lambda_client.invoke(FunctionName=demo.stack.function_name,
                                                     Payload=json.dumps({"action": "voc_weekly"}))["Payload"].read())
        w(f"\n   voc_weekly → {result.get('outcome')} ({result.get('critical')} CRITICAL, {result.get('monitor')} MONITOR, "
          f"{result.get('improved')} IMPROVED, {result.get('stable')} STABLE; follow-ups: {result.get('followups')}); "
          f"a second run → {again.get('outcome')}, Slack messages: {len(slack.messages)}. "
          f"{time.time() - started:.1f}s\n")
        return result.get("outcome") == "posted" and again.get("outcome") == "already_posted"
    finally:
        slack.stop()


def _webhook_note(result: dict[str, Any], extra: str | None) -> str:
    """What the webhook did with a message, when it is more than 'accepted'."""
    status = str(result.get("status") or result.get("error") or "")
    text = {
        "accepted": "",
        "duplicate": "duplicate webhook: dropped",
        "human_handled": "bot muted: a person is handling this chat",
        "ignored": f"ignored: {result.get('reason')}",
    }.get(status, status)
    if status == "human_handled" and "muteMinutes" in result:
        text = f"bot muted for {result['muteMinutes']} min, pending reply cancelled"
    if extra:
        text = f"{text} — {extra}" if text else extra
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="conversation files (default: events/demo/*.json)")
    parser.add_argument("--delay", type=int, default=1, help="REPLY_DELAY_SECONDS for the demo (default 1)")
    args = parser.parse_args(argv)

    out = sys.stdout
    LOG_PATH.parent.mkdir(exist_ok=True)
    log_file = LOG_PATH.open("w", encoding="utf-8")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from core.observability import use_stream

    use_stream(log_file)
    sys.stdout = log_file  # EMF metric lines go with the logs, the terminal shows the conversation
    started = time.time()
    try:
        from core.config import get_settings

        out.write("Starting the local stack: template.yaml created by moto's CloudFormation (S3, DynamoDB, IAM, "
                  "Step Functions, Lambda, secrets in Secrets Manager), loopback Channel.io…\n")
        out.flush()
        demo = Demo(args.delay, out)
        settings = get_settings()
        mode = settings.lm_backend or "offline"
        stack = demo.stack.stack
        out.write(f"Ready in {time.time() - started:.1f}s. Stack {stack.name}: {len(stack.resources)} resources "
                  f"(left to AWS: {', '.join(stack.dropped)}). Ontology from {settings.ontology_source}; "
                  f"LM: {mode}; replies after {args.delay}s of silence.\n")
        files = [Path(f) for f in args.files] or sorted(DEMO_DIR.glob("*.json"))
        conversations = [Conversation.load(p) for p in files]
        threads = [threading.Thread(target=demo.run_conversation, args=(c,), daemon=True) for c in conversations]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        demo.stack.wait_idle(timeout=30)
        for i, conv in enumerate(conversations, 1):
            demo.print_conversation(i, conv)
        failed = sum(1 for c in conversations if c.problems)
        execs = demo.stack.client("stepfunctions").list_executions(
            stateMachineArn=demo.stack.state_machine_arn)["executions"]
        by_status: dict[str, int] = {}
        for e in execs:
            by_status[e["status"]] = by_status.get(e["status"], 0) + 1
        out.write(f"\n{len(conversations)} conversations in {time.time() - started:.1f}s; state machine executions: "
                  f"{json.dumps(by_status)} (ABORTED = superseded by a newer message); bot echoes ignored: "
                  f"{demo.echoes.count('bot_echo')}. Logs: {LOG_PATH.relative_to(PROJECT_ROOT)}\n")
        log_file.flush()
        sample = next((line for line in LOG_PATH.read_text(encoding="utf-8").splitlines()
                       if '"flow":"process"' in line and '"outcome":"answered"' in line), None)
        if sample:
            out.write(f"One turn's log line (what `aws logs tail --format short` shows on AWS):\n  {sample}\n")
        if failed:
            out.write(f"{failed} conversation(s) did not go as scripted (see !! lines)\n")
        voc_ok = weekly_report(demo, out)
        demo.stack.stop()
        return 1 if failed or not voc_ok else 0
    finally:
        sys.stdout = out
        log_file.close()


if __name__ == "__main__":
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    sys.exit(main())
