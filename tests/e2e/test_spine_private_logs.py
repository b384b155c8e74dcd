"""No customer data and no secret in any log line, at any level, on every error path.

Personal data (phone, e-mail, order number, card number, address, a name before 님) is sent through
an order look-up and its verification (name + phone), the malformed-webhook, LM garbage / parse-failure, LM 500, Channel.io error, DynamoDB failure and
pipeline-exception paths of the real local stack, with every logger that could see it (ours, DSPy,
LiteLLM, httpx, httpcore, openai, botocore) at DEBUG; then every captured record, extras included,
and every failed execution's cause is searched for the data and for the deployment's secrets.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator

import pytest

from core.config import reset_settings
from core.observability import LIBRARY_LOGGERS, SERVICE
from devstack.channel_events import channel_message
from devstack.channel_server import ACCESS_SECRET, Reply
from devstack.openai_stub_server import OpenAIStubServer

PII = {
    "phone": "010-2345-6789", "phone digits": "01023456789", "intl phone": "+82 10-8765-4321",
    "email": "minsu.kim@example.com", "order": "20261105-0012", "card": "4111 1111 1111 1111",
    "address": "서울특별시 강남구 테헤란로 123", "road": "테헤란로 123", "name": "김민수",
}
CUSTOMER_TEXT = (f"{PII['name']}님 주문 {PII['order']} 배송지 {PII['address']} 101동 1203호로 바꿔 주세요. "
                 f"연락처 {PII['phone']} / {PII['intl phone']}, 메일 {PII['email']}, 카드 {PII['card']}")
LM_KEY = "sk-test-LMKEY-7f3a9c2e1d"
BASE_PASSWORD = "basePassw0rd-9d8c7b"


class Capture(logging.Handler):
    """Every record that reaches the root logger, as the text a handler could write (message + extras)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {record.getMessage()} {record.__dict__!r}")


@pytest.fixture()
def capture() -> Iterator[Capture]:
    handler = Capture()
    root = logging.getLogger()
    saved = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(saved)


def _everything_at_debug() -> None:
    for name in (SERVICE, "agent", *LIBRARY_LOGGERS):
        logging.getLogger(name).setLevel(logging.DEBUG)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_no_personal_data_or_secret_in_any_log_line(make_stack, capture: Capture, tmp_path) -> None:  # noqa: ANN001
    import lambda_function

    with OpenAIStubServer() as lm:
        stack = make_stack(delay=0, LM_API_BASE=lm.base_url, LM_MODEL="stub-model", LM_API_KEY=LM_KEY,
                           LM_TIMEOUT_SECONDS="2", TURN_DEADLINE_SECONDS="10", LOG_LEVEL="DEBUG",
                           CUSTOMER_HASH_SALT="salt-for-the-log-test-0123456789",
                           COMPILED_PROGRAM_PATH=str(tmp_path / "none.json"))
        lambda_function.runtime().pipeline()  # DSPy imported and its loggers set up before we turn them up
        _everything_at_debug()

        # a customer message full of personal data, answered normally (its text is never logged)
        assert stack.send(channel_message("pii-text", CUSTOMER_TEXT))[1]["status"] == "accepted"
        stack.channel.wait_for_posts("pii-text", 1, timeout=30)
        stack.wait_idle()

        # an order asked about by a chat that does not own it, then the orderer's name and phone as verification
        for text in (f"주문번호 {PII['order']} 배송 조회해 주세요", f"주문자 {PII['name']} {PII['phone']}"):
            assert stack.send(channel_message("pii-verify", text))[1]["status"] == "accepted"
            stack.channel.wait_for_posts("pii-verify", 1 if "조회" in text else 2, timeout=30)
            stack.wait_idle()

        # malformed webhooks carrying personal data (400, 413, 401 before the body is looked at)
        assert stack.send(f"not json {CUSTOMER_TEXT}")[0] == 400
        bad = channel_message("pii-bad", "x")
        bad["entity"]["plainText"] = {"text": CUSTOMER_TEXT}
        assert stack.send(bad)[0] == 400
        assert stack.send(CUSTOMER_TEXT * 4000)[0] == 413
        assert stack.send(channel_message("pii-token", CUSTOMER_TEXT), token="wrong")[0] == 401

        # LM garbage (a parse failure whose error carries the whole answer), then an LM 500 echoing the prompt
        for _ in range(4):
            lm.push(f"}}}} not your fields {CUSTOMER_TEXT} {{{{")
        message = channel_message("pii-lm-garbage", "배송비 얼마에요?")
        message["refers"] = {"user": {"id": message["entity"]["personId"], "memberId": "member-secret-42",
                                      "profile": {"mobileNumber": PII["phone"], "name": PII["name"]}}}
        assert stack.send(message)[1]["status"] == "accepted"
        stack.channel.wait_for_posts("pii-lm-garbage", 1, timeout=30)
        stack.wait_idle()
        for _ in range(4):
            lm.push(status=500, error_message=f"upstream failed on: {CUSTOMER_TEXT}")
        assert stack.send(channel_message("pii-lm-500", "배송비 얼마에요?"))[1]["status"] == "accepted"
        stack.channel.wait_for_posts("pii-lm-500", 1, timeout=30)
        stack.wait_idle()

        # Channel.io rejects the post with an error body quoting the customer; the Catch path then hands off
        stack.channel.script(Reply(404, body={"type": "notFound", "message": f"no chat for {CUSTOMER_TEXT}"}))
        stack.send(channel_message("pii-channel", f"환불해 주세요 {CUSTOMER_TEXT}"))
        stack.channel.wait_for_posts("pii-channel", 1, timeout=30)
        stack.wait_idle()

        # DynamoDB unreachable during a webhook
        endpoint = os.environ["AWS_ENDPOINT_URL"]
        os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{_closed_port()}"
        reset_settings()
        try:
            assert stack.send(channel_message("pii-ddb", CUSTOMER_TEXT))[0] == 503
        finally:
            os.environ["AWS_ENDPOINT_URL"] = endpoint
            reset_settings()

    # a pipeline that cannot be built (a bad LM_API_BASE holding credentials), and the start-up configuration line
    os.environ["LM_API_BASE"] = f"ftp://lmuser:{BASE_PASSWORD}@nowhere/v1?key={LM_KEY}"
    reset_settings()
    from devstack.local_stack import reset_runtime_singletons

    reset_runtime_singletons()
    _everything_at_debug()
    lambda_function.check_configuration()
    stack.send(channel_message("pii-pipeline", CUSTOMER_TEXT))
    stack.channel.wait_for_posts("pii-pipeline", 1, timeout=30)
    stack.wait_idle()
    os.environ["LM_API_BASE"] = f"https://lmuser:{BASE_PASSWORD}@lm.example/v1?key={LM_KEY}"
    reset_settings()
    lambda_function.check_configuration()

    sfn = stack.local.client("stepfunctions")
    causes = [str(sfn.describe_execution(executionArn=e["executionArn"]).get("cause", ""))
              for e in stack.executions()]
    text = "\n".join(capture.lines + causes)
    assert len(capture.lines) > 50  # the paths above really logged
    assert any("LM agent" in line and "failed" in line for line in capture.lines)  # the LM errors were logged
    assert any("configuration" in line for line in capture.lines)
    secrets = {"LM key": LM_KEY, "LM_API_BASE password": BASE_PASSWORD, "Channel secret": ACCESS_SECRET,
               "webhook token": "local-webhook-token", "salt": "salt-for-the-log-test-0123456789",
               "member id": "member-secret-42"}
    leaks = {label: value for label, value in {**PII, **secrets}.items() if value in text}
    assert not leaks, {label: next(line for line in capture.lines + causes if value in line)[:400]
                       for label, value in leaks.items()}
