"""The function as a process: `python lambda_function.py FILE.json`, and what the webhook path imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from core.config import PROJECT_ROOT


def _run(args: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=PROJECT_ROOT, env=env or dict(os.environ), input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_cli_invokes_the_seed_test_payload() -> None:
    done = _run(["lambda_function.py", "events/test_message.json"])
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)  # stdout holds only the response; logs go to stderr
    assert body["outcome"] == "answered"
    assert body["reply"].strip()
    assert body["route"] in {"product", "delivery", "general"}
    assert body["mode"] == "offline"
    assert body["chatId"] == "test" and body["posted"] is False


def test_cli_reads_stdin_and_reports_bad_json() -> None:
    done = _run(["lambda_function.py", "-"], stdin='{"type": "message", "dryRun": true, "entity": '
                '{"chatId": "c1", "plainText": "제주 배송비 얼마예요?", "personType": "user"}}')
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["route"] == "delivery"
    bad = _run(["lambda_function.py", "-"], stdin="{nope")
    assert bad.returncode == 1 and json.loads(bad.stdout)["outcome"] == "invalid_event"


def test_webhook_path_does_not_import_dspy_or_load_the_ontology(make_stack) -> None:
    # GIVEN a running stack (moto + state machine) whose settings a fresh process inherits
    stack = make_stack(delay=1)
    code = textwrap.dedent("""
        import json, sys
        import lambda_function
        event = json.load(open("events/webhook_function_url.json"))
        body = json.loads(event["body"]); body["entity"]["chatId"] = "import-check"; body["entity"]["id"] = "m-imp"
        event["body"] = json.dumps(body, ensure_ascii=False)
        response = lambda_function.handler(event, None)
        heavy = ("dspy", "litellm", "openai", "rdflib", "owlready2", "agent.pipeline", "core.ontology_manager",
                 "core.knowledge", "httpx", "mecab_ko", "core.language", "agent.turn_analysis", "numpy", "rank_bm25",
                 "matplotlib", "slack_sdk")
        print(json.dumps({"status": response["statusCode"], "body": json.loads(response["body"]),
                          "loaded": [m for m in heavy if m in sys.modules]}))
    """)
    # WHEN that process imports the handler and handles one webhook (`-X importtime` lists every import)
    done = _run(["-X", "importtime", "-c", code])
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # THEN the message was accepted without DSPy, the ontology or the HTTP client being imported
    assert result["status"] == 200 and result["body"]["status"] == "accepted"
    assert result["loaded"] == []
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported for h in ("mecab_ko", "dspy", "numpy", "rank_bm25", "owlready2")
                if m == h or m.startswith(h + ".")}, "the webhook path imported the analyser, DSPy or the knowledge stack"
    # and the delayed reply is still produced (by the state machine calling the handler)
    assert len(stack.channel.wait_for_posts("import-check", 1, timeout=20)) == 1
