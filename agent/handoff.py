"""Detect a request for a human, separately from the route ("상담원 연결", "사람이랑 얘기하고 싶어요").

A handoff is an outcome, not an agent answer: the pipeline replies with a polite line and the spine
assigns the chat to a manager. Patterns are phrased as requests so that a product question that
merely mentions a person ("직원 추천 상품") is not taken for one.
"""

from __future__ import annotations

import re
import unicodedata

_PATTERNS = [
    r"상담(원|사|직원)",
    r"(사람|인간|직원|담당자|매니저|실장|점장|사장)\s*(님|분)?\s*(이랑|하고|과|와|한테|에게|이)?\s*"
    r"(얘기|이야기|대화|통화|상담|연결|말|불러|바꿔|계세요|있어요|없어요|없나요|있나요)",
    r"(사람|직원|담당자|매니저)\s*(님|분)?\s*(좀\s*)?(불러|연결|바꿔)",
    r"(매니저|담당자)\s*님?\s*(계세요|있나요|있어요)",
    r"^\s*(매니저|담당자|직원|상담원)\s*님?\s*[?!.~]*\s*$",
    r"(사람|직원|담당자)\s*(님|분)?\s*이\s*(직접\s*)?(해|답|응대|상담|봐)",
    r"(실제|진짜|real)\s*(사람|person|human)",
    r"(챗봇|봇|bot|기계)\s*(말고|아니고|말구)",
    r"(전화|통화)\s*(상담|연결|하고\s*싶|할\s*수)",
    r"\b(human|operator|live\s*agent|real\s*person)\b",
    r"speak\s+(to|with)\s+(an?\s+)?(agent|human|person|someone|representative)",
    r"talk\s+to\s+(an?\s+)?(agent|human|person|someone|representative)",
]
_HANDOFF = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def wants_human(text: str) -> bool:
    """True when the customer asks to talk to a person."""
    return bool(_HANDOFF.search(unicodedata.normalize("NFKC", text or "")))
