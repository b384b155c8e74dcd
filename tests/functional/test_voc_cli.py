"""`python -m core.voc report` as a process: the JSONL interface, the live table, clear errors with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from core.config import PROJECT_ROOT
from core.voc.weeks import IsoWeek
from devstack.slack_server import BOT_TOKEN, SlackServer
from devstack.voc_history import two_weeks

WEEK = IsoWeek.parse("2026-W48")


def voc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core.voc", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})})


def write(path: Path, lines: list[dict | str]) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def line(at: str, c1: str, c2: str, negative: bool, **extra: object) -> dict:
    return {"at": at, "category1": c1, "category2": c2, "negative": negative, **extra}


def test_records_file_gives_the_json_report(tmp_path: Path) -> None:
    lines = [line(f"2026-11-{24 + i % 5}T10:00:00+09:00", "delivery", "status", i < 13) for i in range(26)]
    lines += [line(f"2026-11-{17 + i % 5}T10:00:00+09:00", "delivery", "status", i < 5) for i in range(20)]
    lines += [line("2026-11-25T10:00:00+09:00", "product", "stock", False, category3="린넨 셔츠")] * 8
    lines += [line("2026-11-18T10:00:00+09:00", "product", "stock", False)] * 10
    # Monday 00:30 in Seoul belongs to W49; Sunday 23:30 to W48; older weeks are ignored
    lines += [line("2026-11-30T00:30:00+09:00", "general", "returns", True), line("2026-11-10T10:00:00Z", "x", "y", True),
              line("2026-11-29T14:30:00Z", "general", "returns", True)]
    done = voc("report", "--records", str(write(tmp_path / "turns.jsonl", lines + [""])), "--week", "2026-W48", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"week": "2026-W48", "base_week": "2026-W47", "categories": [
        {"category": "delivery/status", "last": 26, "base": 20, "last_negative": 13, "base_negative": 5,
         "status": "CRITICAL"},
        {"category": "product/stock", "last": 8, "base": 10, "last_negative": 0, "base_negative": 0,
         "status": "IMPROVED"},
        {"category": "general/returns", "last": 1, "base": 0, "last_negative": 1, "base_negative": 0,
         "status": "STABLE"},
    ]}


def test_text_report_shows_statuses_and_thread_replies(tmp_path: Path) -> None:
    records = [r.model_dump(mode="json") for r in two_weeks(WEEK)]
    done = voc("report", "--records", str(write(tmp_path / "t.jsonl", records)), "--week", "2026-W48")
    assert done.returncode == 0, done.stderr
    assert "📊 주간 VOC 리포트 2026-W48" in done.stdout and "🔴 delivery/status 124건" in done.stdout
    assert "└ 스레드 답글 (delivery/status)" in done.stdout and "원인 가설" in done.stdout


def test_bad_lines_and_weeks_are_exit_2_naming_them(tmp_path: Path) -> None:
    ok = line("2026-11-24T10:00:00+09:00", "product", "stock", True)
    cases = [
        ([ok, "{not json"], "--week", "2026-W48", "bad.jsonl:2: not a JSON object"),
        ([ok, ok, line("2026-11-24T10:00:00", "product", "stock", True)], "--week", "2026-W48",
         "bad.jsonl:3: field 'at'"),
        ([line("2026-11-24T10:00:00Z", "product", "stock", "maybe")], "--week", "2026-W48", "bad.jsonl:1: field 'negative'"),
        ([{"at": "2026-11-24T10:00:00Z", "category2": "stock", "negative": True}], "--week", "2026-W48",
         "bad.jsonl:1: field 'category1'"),
        (["[1, 2]"], "--week", "2026-W48", "bad.jsonl:1: expected a JSON object"),
        ([ok], "--week", "2025-W53", "'2025-W53' does not exist: 2025 has ISO weeks 01 to 52"),
        ([ok], "--week", "2026-48", "'2026-48' is not an ISO week"),
    ]
    for lines, flag, week, message in cases:
        done = voc("report", "--records", str(write(tmp_path / "bad.jsonl", lines)), flag, week, "--json")
        assert done.returncode == 2, (message, done.stderr)
        assert message in done.stderr and done.stdout == "", (message, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr  # one clear error, no traceback
    missing = voc("report", "--records", str(tmp_path / "nope.jsonl"), "--json")
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr


def test_live_table_report_and_post(moto_server, new_voc_store, tmp_path: Path) -> None:  # noqa: ANN001
    store = new_voc_store()
    store.put_many(two_weeks(WEEK))
    table = store.table_name
    env = {"DYNAMODB_TABLE_NAME": table, "AWS_ENDPOINT_URL": moto_server.endpoint}
    done = voc("report", "--week", "2026-W48", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["categories"][0]["category"] == "delivery/status"
    with SlackServer() as slack:
        env.update(SLACK_BOT_TOKEN=BOT_TOKEN, VOC_SLACK_CHANNEL="#voc", SLACK_API_BASE_URL=slack.api_url,
                   TMPDIR=str(tmp_path))
        posted = voc("report", "--week", "2026-W48", "--post", "--json", env=env)
        assert posted.returncode == 0, posted.stderr
        assert json.loads(posted.stdout)["post"]["outcome"] == "posted" and len(slack.messages) == 1
        again = voc("report", "--week", "2026-W48", "--post", env=env)
        assert again.returncode == 0 and "[already_posted → slack:#voc]" in again.stdout and len(slack.messages) == 1
    unreachable = voc("report", "--week", "2026-W48", env={**env, "DYNAMODB_TABLE_NAME": "no-such-table"})
    assert unreachable.returncode == 1 and "'no-such-table' (DYNAMODB_TABLE_NAME)" in unreachable.stderr
