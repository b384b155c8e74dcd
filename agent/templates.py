"""Fixed Korean lines the pipeline itself says (handoff, refusal, fallback); agent templates live with their facts."""

HANDOFF_REQUESTED = "네, 상담원에게 연결해 드릴게요. 잠시만 기다려 주시면 담당자가 이어서 도와드리겠습니다."
HANDOFF_UNGROUNDED = "문의하신 내용은 정확한 확인이 필요해서 담당자가 확인 후 답변드릴게요. 잠시만 기다려 주세요."
INJECTION_NOTICE = "가격과 정책은 {shop}에 등록된 정보로만 안내해 드려요."
EMPTY_TURN = "메시지를 확인하지 못했어요. 궁금하신 점을 다시 한 번 말씀해 주시겠어요?"
