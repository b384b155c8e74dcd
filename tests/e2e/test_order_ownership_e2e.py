"""Orders only for their owner, end to end: webhook with Channel.io's `refers.user` → DynamoDB (salted hashes)
→ Step Functions → the real handler → the reply posted to the loopback Channel.io.

The owner (the member id Channel.io reports for the order's customer) gets the status; another logged-in
member asking about the same number gets the verification request, answers with the orderer's name and
the last 4 digits of the phone, and then gets the status; the chat item keeps only hashes.
"""

from __future__ import annotations

import json

from agent.order_access import VERIFY_REQUEST
from core.knowledge.manager import get_knowledge
from devstack.channel_events import channel_message

ORDER = "20261119-0011"  # 배송중; ordered by 이지연 (member jogun-m10877, 010-3392-1047)


def _from(chat_id: str, text: str, member_id: str, phone: str) -> dict:
    body = channel_message(chat_id, text)
    body["refers"] = {"user": {"id": body["entity"]["personId"], "memberId": member_id,
                               "profile": {"mobileNumber": phone}}}
    return body


def test_the_owner_gets_the_status_and_another_member_is_asked_to_verify(make_stack) -> None:
    stack = make_stack(delay=0)  # the local stack's default CUSTOMER_HASH_SALT, as `make deploy` would set one
    order = get_knowledge().order(ORDER)
    question = f"주문번호 {ORDER} 배송 어디쯤 왔나요?"

    # WHEN the order's owner asks (Channel.io knows them as the shop's member)
    assert stack.send(_from("owner-chat", question, "jogun-m10877", "010-3392-1047"))[1]["status"] == "accepted"
    # AND another member asks about the same number
    assert stack.send(_from("other-chat", question, "jogun-m10231", "010-2841-5678"))[1]["status"] == "accepted"
    [owner_reply] = [p.text for p in stack.channel.wait_for_posts("owner-chat", 1, timeout=30)]
    [other_reply] = [p.text for p in stack.channel.wait_for_posts("other-chat", 1, timeout=30)]
    stack.wait_idle()

    # THEN the owner sees the status and tracking number, the other member only the verification request
    assert order.status in owner_reply and order.tracking_number in owner_reply
    assert other_reply == VERIFY_REQUEST[0] and order.tracking_number not in other_reply

    # WHEN the other member answers with the orderer's name and the last 4 digits
    assert stack.send(_from("other-chat", "주문자 이지연이요, 뒷번호 1047", "jogun-m10231", "010-2841-5678"))[1]["status"] \
        == "accepted"
    posts = stack.channel.wait_for_posts("other-chat", 2, timeout=30)
    stack.wait_idle()
    assert "확인이 완료" in posts[-1].text and order.tracking_number in posts[-1].text

    # AND the chat item holds hashes: no order number, name, phone or member id readable
    state = stack.store.get("other-chat")
    assert state is not None and set(state.customer) == {"member_hash", "phone_hash", "phone_last4_hash", "state"}
    stored = json.dumps(state.customer, ensure_ascii=False)
    assert not any(v in stored for v in (ORDER, "0011", "이지연", "1047", "jogun-m10231", "2841-5678", "01028415678"))
    assert json.loads(state.customer["state"])["verified"]
