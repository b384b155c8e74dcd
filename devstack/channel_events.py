"""Webhook payloads as Channel.io and AWS build them: Function URL events, message bodies, samples.

Light on purpose (json/uuid/time only): unit tests, the demo and benchmarks import it without moto.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parent.parent / "events"
WEBHOOK_TOKEN = "local-webhook-token"


def function_url_event(body: dict[str, Any] | str, token: str | None = WEBHOOK_TOKEN, path: str = "/webhook",
                       method: str = "POST") -> dict[str, Any]:
    """A Lambda Function URL (payload 2.0) event, as AWS builds it from Channel.io's POST."""
    query = {"token": token} if token is not None else None
    event: dict[str, Any] = {
        "version": "2.0", "routeKey": "$default", "rawPath": path,
        "rawQueryString": f"token={token}" if token is not None else "",
        "headers": {"content-type": "application/json", "user-agent": "Channel-Webhook"},
        "requestContext": {"http": {"method": method, "path": path, "protocol": "HTTP/1.1",
                                    "sourceIp": "127.0.0.1", "userAgent": "Channel-Webhook"},
                           "requestId": uuid.uuid4().hex, "routeKey": "$default", "stage": "$default"},
        "body": body if isinstance(body, str) else json.dumps(body, ensure_ascii=False),
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"] = query
    return event


def channel_message(chat_id: str, text: str, person_type: str = "user", message_id: str | None = None,
                    **entity: Any) -> dict[str, Any]:
    """A Channel.io `message` webhook body (what Channel.io POSTs to the Function URL)."""
    body_entity = {
        "id": message_id or uuid.uuid4().hex[:24], "chatKey": f"userChat-{chat_id}", "chatId": chat_id,
        "chatType": "userChat", "channelId": "local", "personType": person_type,
        "personId": f"{person_type}-1", "createdAt": int(time.time() * 1000), "language": "ko",
        "blocks": [{"type": "text", "value": text}], "plainText": text, "state": "sent",
    }
    body_entity.update(entity)
    return {"event": "push", "type": "message", "entity": body_entity}


def load_event(name: str) -> dict[str, Any]:
    """A sample payload from `events/` by file name (with or without `.json`)."""
    path = EVENTS_DIR / (name if name.endswith(".json") else f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))
