"""Fixed lines the pipeline itself says (handoff, refusal, fallback), in Korean and English; agent templates
live with their facts."""

HANDOFF_REQUESTED = ("네, 상담원에게 연결해 드릴게요. 잠시만 기다려 주시면 담당자가 이어서 도와드리겠습니다.",
                     "Sure, I'll connect you to a staff member. Please wait a moment and they'll take it from here.")
# the same outside the staffed hours the shop states: when a person will answer, never "in a moment"
HANDOFF_AFTER_HOURS = ("네, 상담원에게 연결해 드릴게요. 지금은 고객센터 운영 시간이 아니라서 {when}부터 담당자가 순서대로 "
                       "답변드릴게요.",
                       "Sure, I'll connect you to a staff member. Customer service is closed right now; they'll reply "
                       "in turn from {when}.")
AFTER_HOURS_NOTE = ("지금은 고객센터 운영 시간이 아니라서 {when}부터 담당자가 순서대로 확인해 드릴게요.",
                    "Customer service is closed right now; a staff member will pick this up from {when}.")
HANDOFF_UNGROUNDED = ("문의하신 내용은 정확한 확인이 필요해서 담당자가 확인 후 답변드릴게요. 잠시만 기다려 주세요.",
                      "That needs a careful check, so a staff member will look into it and reply. Please wait a moment.")
INJECTION_NOTICE = ("가격과 정책은 {shop}에 등록된 정보로만 안내해 드려요.",
                    "Prices and policies are always quoted from {shop}'s own information.")
EMPTY_TURN = ("메시지를 확인하지 못했어요. 궁금하신 점을 다시 한 번 말씀해 주시겠어요?",
              "I couldn't read that message. Could you tell me again what you'd like to know?")
CHECKING = ("정확한 정보를 확인해서 다시 안내드릴게요. 궁금하신 점을 조금 더 자세히 말씀해 주시겠어요?",
            "Let me get that exactly right: could you tell me a bit more about what you'd like to know?")


def say(line: tuple[str, str], lang: str, **values: str) -> str:
    """The line in the customer's language ("en" or Korean)."""
    return (line[1] if lang == "en" else line[0]).format(**values)
