"""Services a customer asks the shop to do that none of the shop's own texts mention.

"바지 기장 수선 해주나요?", "노트북 렌탈 되나요?", "키보드 조립해서 보내주나요?": the customer asks whether the shop does
something. When the thing asked is a word no text of the shop holds (no policy clause, no FAQ entry, no product's name,
options or description), the shop has said nothing about it: the honest answer is that, with a person offered, not the
nearest product list or rule. Pure logic over the analysed turn and the loaded knowledge.
"""

from __future__ import annotations

import re
from typing import Any

from agent.entities import WEEKDAY_WORD
from agent.shop_corpus import shop_corpus
from agent.turn_context import CLAUSE_END
from core.language.korean_text import normalize, sentences

# the concepts a bare service question holds ("기장 수선 해주나요": a measure word and a request; "보자기 포장 되나요":
# gift packing); any other concept means the turn asks about something the shop's rules or products already cover
_NEUTRAL = frozenset({"possible", "request", "measure", "part", "gift", "packaging", "set_parts", "order"})

# asked as something the shop would do or allow ("해주나요", "되나요", "가능한가요"); "있어요/팔아요" ask whether a thing is
# sold, a question of its own (agent.product_facts says what is not sold)
_SERVICE_ASKED = re.compile(r"(해\s*주|해\s*줘|해\s*드리|해\s*주시|되나요|돼요\s*[?？]|되요\s*[?？]|되는지|되나\b|됨\s*[?？]|"
                            r"가능한가요|가능해요|가능할까요|가능하나요|가능\s*[?？]|할\s*수\s*있나요|해서\s*보내|"
                            r"받나요|받으세요|받아요\s*[?？]|받아\s*주)")  # ("예약주문 받나요": taken by the shop)
# a sentence that only gives the reason ("너무 길 것 같아서", "선물이라서요"): no second question
_REASON_SENTENCE = re.compile(r"(?:[아어해]서|라서|이라서|니까|거든|때문에)요?\s*[.!~ㅠㅜ;^]*\s*$")


def _closes_clause(word: str) -> bool:
    """The word ends a condition or background clause ("사면", "했는데"; `agent.turn_context.CLAUSE_END`)."""
    end = CLAUSE_END.search(word + " ")
    return end is not None and end.end() == len(word) + 1


# a particle the analyser may leave on a noun it splits wrongly ("배송비랑" read 배송 + 비랑)
_STUCK_PARTICLE = re.compile(r"(?:이랑|랑|하고|이나|과|와|도)$")


def _unwritten(m: Any, corpus: str, before: Any = None) -> bool:
    """A noun of the turn that is no generic word ("것", "거") and that no text of the shop writes; a piece the
    analyser split off a written word with its particle ("비랑" of "배송비랑", `before` the noun it follows) is
    written."""
    from agent.turn_analysis import GENERIC_NOUNS

    if m.lemma in GENERIC_NOUNS or normalize(m.surface) in corpus:
        return False
    core = _STUCK_PARTICLE.sub("", m.surface)
    if before is not None and before.end == m.start and core != m.surface and core \
            and normalize(before.surface + core) in corpus:
        return False
    return True


def _counted(text: str, noun: Any) -> bool:
    """A counter of goods, or a noun right after a number ("2포대", "3박스"): a count, never a service."""
    from agent.mentions import COUNTERS

    return bool(re.fullmatch(COUNTERS, noun.surface)) or text[max(0, noun.start - 1):noun.start].isdigit()


def unstated_service(knowledge: Any, analysis: Any) -> str | None:
    """The noun of a service the turn asks the shop to do that no text of the shop mentions, or None."""
    asked = _SERVICE_ASKED.search(analysis.text)
    if not analysis.is_question or analysis.question != "yes_no" or asked is None:
        return None
    # a shop rule, a product's property, whether a thing is sold, a person: asked of something known (a Latin word is a
    # spec or a name the products' texts answer: "SSD 1TB로 업그레이드 돼요?"); one question only
    asked_sentences = [x for x in sentences(analysis.text) if not _REASON_SENTENCE.search(x)]
    if analysis.concepts - _NEUTRAL or len(asked_sentences) > 1 or any(m.pos == "SL" for m in analysis.morphemes):
        return None
    corpus = shop_corpus(knowledge)
    if not corpus:
        return None
    nouns = [m for m in analysis.morphemes if m.pos in ("NNG", "NNP") and m.end <= asked.start()]
    if not nouns or asked.start() - nouns[-1].end > 2:
        return None  # the thing asked is the noun right before "해주나요/되나요"

    def unknown(m: Any) -> bool:
        return len(m.surface) >= 2 and _unwritten(m, corpus)

    head = nouns[-1]
    if _counted(analysis.text, head):
        return None  # "20키로로 2포대 주문 가능해요?": a count of goods, no service
    if analysis.text[head.end:head.end + 1] in ("되", "돼", "하", "해"):
        return None  # "해당돼요", "호환되나요": the noun is the predicate itself, no service asked for
    before = nouns[-2] if len(nouns) >= 2 and head.start - nouns[-2].end <= 1 and not _counted(analysis.text, nouns[-2]) \
        else None
    if unknown(head):  # "수선 해주나요", "편의점 픽업 가능한가요"
        return f"{before.surface} {head.surface}" if before is not None and unknown(before) else head.surface
    if before is not None and unknown(before) and normalize(before.surface + head.surface) not in corpus:
        return f"{before.surface} {head.surface}"  # "보자기 포장 되나요": a kind of packing the shop never names
    return None


# asked whether a thing can be had or done ("되나요", "가능해요", "받을 수 있나요", "할인돼요?")
_CAN_ASKED = re.compile(r"수\s*있|" + _SERVICE_ASKED.pattern + r"|돼요|되요|됨|가능")  # a service's words, any verb's 수 있다


# what makes the noun before it a time bound, not a thing ("목요일까지", "설 전에", "연휴 이후")
_TIME_BOUND = re.compile(r"\s*(?:까지|부터|전에|전까지|전엔|이전|후에|이후|안에|내에|중에)")


def _rieul_final(syllable: str) -> bool:
    """A Hangul syllable ending in ㄹ (받을, 줄, 할): a verb's -(으)ㄹ form, the one 수 있다 follows."""
    code = ord(syllable) - 0xAC00 if syllable else -1
    return 0 <= code < 11172 and code % 28 == 8


def unstated_asked(knowledge: Any, analysis: Any) -> str | None:
    """The thing a yes/no question asks to have or have done ("퀵으로 받을 수 있나요", "새벽배송 되나요?", "편의점 택배로
    받을 수 있나요") when it is a word no text of the shop holds: the shop's rules answer around it, but about that thing
    they say nothing, and the reply must say so rather than let the nearest rule read as a yes or a no (Korean turns:
    the texts it is weighed against are Korean). The thing is
    the word right before the "can" predicate (a verb between skipped: "받을 수 있나요"), with the word joined to it by
    "이나/랑" or a bare noun before it; a place or a person's name is no such thing (regions have rules of their own)."""
    asked = _CAN_ASKED.search(analysis.text)
    if not analysis.is_question or analysis.question != "yes_no" or asked is None \
            or len(sentences(analysis.text)) > 1 or asked.start() > 0 and not analysis.text[asked.start() - 1].isspace() \
            and not (asked.group().startswith("수") and _rieul_final(analysis.text[asked.start() - 1])):
        # (a predicate written onto its noun is a verb of that noun: "해당돼요", "내야돼요", "무배됨"; 수 있다 written
        # onto its verb is still that verb's: "퀵으로 받을수있나요")
        return None
    corpus = shop_corpus(knowledge)
    if not corpus:
        return None
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", analysis.text[:asked.start()])]

    def morphemes(span: tuple[int, int]) -> list[Any]:
        return [m for m in analysis.morphemes if span[0] <= m.start < span[1]]

    if tokens and asked.group().startswith("수") and (first := morphemes(tokens[-1])) and first[0].pos.startswith("V"):
        tokens.pop()  # "받을 수 있나요", "보내줄 수 있나요": the verb, the thing is before it
    if not tokens:
        return None

    vocabulary = {(h.start, h.end) for h in analysis.hits}
    means = {x.start for x in analysis.morphemes if x.pos == "JKB"}

    def unknown(m: Any) -> bool:
        at = analysis.morphemes.index(m) if m in analysis.morphemes else 0
        return m.pos in ("NNG", "NNP") and m.semantic not in ("인명", "지명") \
            and _unwritten(m, corpus, analysis.morphemes[at - 1] if at else None) \
            and (m.start, m.end) not in vocabulary \
            and not _TIME_BOUND.match(analysis.text, m.end) and not re.fullmatch(WEEKDAY_WORD, m.surface) \
            and (len(m.surface) >= 2 or m.end in means)
    # (a word of the shop's vocabulary is known whatever its texts spell: "무배", "중복", "통화"; a time bound is no
    # thing asked for: "목요일까지", "새해 전에"; nor a day of the week, when; one syllable only as a means: "퀵으로")

    def noun_phrase(span: tuple[int, int]) -> bool:
        """A noun with its particles only ("퀵으로", "박스"), never a verb made of one ("입력했어요")."""
        parts = morphemes(span)
        nouns = [m for m in parts if m.pos in ("NNG", "NNP")]
        return bool(nouns) and parts[0] in nouns and all(m.pos in ("NNG", "NNP") or m.pos.startswith("J")
                                                         for m in parts)

    def stem(span: tuple[int, int]) -> str:
        nouns = [m for m in morphemes(span) if m.pos in ("NNG", "NNP")]
        return analysis.text[nouns[0].start:nouns[-1].end] if nouns else ""

    head = tokens[-1]
    if not noun_phrase(head) or not re.fullmatch(r"[가-힣]+", stem(head) or "-"):
        return None
    said, joined = [head], False
    if len(tokens) > 1:
        before = morphemes(tokens[-2])
        joined = bool(before) and before[-1].pos == "JC" or bool(re.search(r"(이나|나|이랑|랑|하고)$", analysis.text[slice(*tokens[-2])]))
        bare = bool(before) and all(m.pos in ("NNG", "NNP") for m in before) \
            and not _closes_clause(analysis.text[slice(*tokens[-2])])  # "사면 무배": a condition, read as a noun
        by = bool(re.search(r"[가-힣](?:으로|로)$", analysis.text[slice(*tokens[-2])]))  # the way it is done
        if noun_phrase(tokens[-2]) and (joined or bare or by):
            said.insert(0, tokens[-2])  # "새벽배송이나 당일배송", "편의점 택배", "비회원으로 주문"
    if not any(unknown(m) for span in said for m in morphemes(span)):
        return None
    words = [stem(span) for span in said]
    if any(w == "" for w in words):
        return None
    return "·".join(words) if len(said) > 1 and joined else " ".join(words)


def say_unstated(g: Any, knowledge: Any, analysis: Any) -> Any:
    """Prefix a delivery or general reply with what of the question the shop's texts never mention."""
    from agent.general_facts import shop_name

    if g.topic in ("unstated_service", "injection", "hours") or not g.sentences \
            or g.handoff_reason == "request_status":  # (hours: when the people answer; a request's progress: a person)
        return g
    said = unstated_asked(knowledge, analysis)
    if not said or all(w in " ".join(g.sentences) for w in re.split(r"[ ·]", said)):
        return g  # (the reply speaks of it already: "애플페이는 결제 수단에 없어요")
    reply = " ".join(g.sentences)
    acts = {m.lemma for m in analysis.morphemes if m.pos == "VV" and m.lemma not in ("하", "되", "있", "주")}
    if any(len(w) >= 3 and w[:2] in reply for w in re.split(r"[ ·]", said)) and any(v in reply for v in acts):
        return g  # ("가격표 빼주실수 있어요?" of "가격이 표시된 거래명세서를 빼고 보내드립니다": its words and its act)
    grounded = bool(g.facts) and g.topic != "no_rule"
    g.add("shop:unstated", f"{shop_name(knowledge, 'ko')}의 정책·FAQ·상품 정보에 '{said}' 관련 내용 없음")
    if not grounded:  # no rule of the shop's near it either: the thing is unstated, a person can confirm it
        g.sentences = [g.text("{s}에 대한 안내는 {shop}의 정보에 따로 나와 있지 않아요. 정확한 확인이 필요하시면 담당자에게 "
                              "연결해 드릴게요.", "{shop}'s information says nothing about '{s}'; if you need it confirmed, "
                              "I can connect you to a staff member.", s=said, shop=shop_name(knowledge, g.lang))]
        g.use_lm = False
        return g.finish()
    g.sentences.insert(0, g.text("{s}에 대해서는 {shop}의 안내에 따로 나와 있지 않아요. 안내된 기준은 이래요:",
                                 "{shop}'s information says nothing about '{s}'. What it does say:",
                                 s=said, shop=shop_name(knowledge, g.lang)))
    return g.finish()
