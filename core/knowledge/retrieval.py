"""Retrieval over the shop's own texts: every policy clause and FAQ entry, ranked by BM25 over morphemes.

Passages are built with the knowledge index (`build_passages`, called by `owl_index.compact`), so a cold
start only loads their token lists: each passage's tokens are the lemmas of its content morphemes
(nouns, verb/adjective stems) plus one `@concept` token per generic concept it names
(`core.language.lexicon`). A customer's "라벨 뜯었는데" and the shop's "택(태그) 제거 …" meet on @tag
and @remove even though they share no word. Scoring is rank-bm25's BM25Okapi, not hand-written.

A clause is an *exception* when it limits or denies something (불가, 어렵, 제외, 않, 안 되 …): when a
customer's conditions match one, it is quoted before the permissive rule, so "택 떼면 반품돼요?" is
answered with the clause that says no, never with the section's opening sentence.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

from core.language.lexicon import CONCEPTS, TOPIC_CONCEPTS


def _lexicon_digest() -> str:
    import hashlib

    return hashlib.sha256(repr(CONCEPTS).encode("utf-8")).hexdigest()[:10]


# Passage tokens depend on the lexicon: a stored index built with another vocabulary is rebuilt on load.
RETRIEVAL_VERSION = f"16-{_lexicon_digest()}"  # 6: 수 있다/없다 as (im)possible; section title words; 7: English
# suffix adjectives ("cruelty free"), a noun term the analyser joined to its particle ("배송비랑"); 8: a term the analyser
# read as a verb ("골드면요" -> 골드); 9: a quantity that falls ("가치가 떨어진") is nothing broken; 10: "깨졌어요" is 깨지다;
# 11: "설치비" is a cost too; 12: 안/못 are no words of a passage; 13: a noun read as one verb with its light verb
# ("구멍나") is the noun; 14: a verb fused with -지다 ("갈라졌"), a place + 산/생산 is an origin, "who" questions;
# 15: a one-syllable verb the dictionary holds as a noun ("새요") is the verb; 16: a two-syllable word cut in two
# one-syllable pieces ("비건") is the word
_SENTENCE_END = re.compile(r"(?<=[다요)\]]\.)\s+|(?<=[.!?])\s+(?=[가-힣A-Z(])")
_EXCEPTION = re.compile(r"불가|어렵|어려우|제외|않습니다|않아요|않으며|않고|안\s*됩니다|안\s*돼요|없습니다|없어요|금지|제한|단,|다만|"
                        r"하지\s*않|되지\s*않|수\s*없|not\s|cannot|can't|except", re.I)
_CONTENT = ("NNG", "NNP", "VV", "VA", "XR", "SL", "SN", "MAG", "NNBC")
_STOP = frozenset({"하", "되", "있", "없", "이", "것", "수", "등", "및", "때", "경우", "고객", "고객님", "상품", "주문", "저희",
                   # negation adverbs: what is negated is read by the analysis, and the analyser tags 알다's "안 날" so too
                   "안", "못",
                   # question words: their meaning is carried by @how/@when/@price concept tokens, not by the word
                   "어떻", "어떻게", "언제", "얼마", "어디", "무엇", "뭐", "몇", "왜", "어느", "무슨",
                   "the", "a", "an", "is", "are", "to", "of", "and", "or", "for", "in", "on", "it", "i", "you", "my"})


@dataclass(frozen=True)
class Passage:
    """One policy clause or FAQ entry: `kind` "clause" (of section `key`) or "faq" (id in `key`)."""

    id: str
    kind: str
    key: str
    title: str
    text: str
    exception: bool
    tokens: tuple[str, ...]
    position: int = 0  # clause number inside its section (0 = the opening sentence)
    asks: str | None = None  # an FAQ entry's own question type (when, how_much, how …)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    coverage: float  # share of the query's (idf-weighted) tokens the passage contains, 0..1
    matched: tuple[str, ...]


def question_kind(text: str) -> str | None:
    from core.language.lexicon import question_kind as kind

    return kind(text)


def split_clauses(text: str) -> list[str]:
    """A policy paragraph as sentences (each keeps its final punctuation)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text or "") if p and p.strip()]
    return parts or ([text.strip()] if text and text.strip() else [])


def tokenize(text: str, query: bool = False) -> list[str]:
    """Content lemmas (lowercased, minus stop words) plus `@concept` tokens. A `query` (the customer's words) drops
    the bound noun 시 "when" ("부재 시", "구매시"): it names nothing the customer asks about, while the shop's own
    clauses keep it (the hour asked, "몇 시", still meets them)."""
    from core.language.lexicon import concept_tokens, terms_as_nouns
    from core.language.morphology import analyse, normalise

    clean = normalise(text)
    ms = terms_as_nouns(clean, analyse(clean))
    words: list[str] = []
    joined = _split_words(clean, ms)
    for i, m in enumerate(ms):
        if query and m.pos == "NNG" and m.lemma == "시":
            continue  # (the hour after a number or 몇 is NNBC: "2시", "몇시")
        if i in joined:
            continue
        if m.pos in _CONTENT and m.lemma.lower() not in _STOP:
            words.append(m.lemma.lower())
            words += [p.lower() for p in m.parts if len(p) >= 2 and p.lower() not in _STOP]  # 적립금 also counts as 적립
    return words + [w for w in joined.values() if w] + concept_tokens(clean, ms)


# the endings that link one clause to the next (하며, 보고, 오면, 사서 …): a stem with one of them is a verb
_LINKING = frozenset("고며면서도게지나니어아자")


def _split_words(text: str, ms: Sequence[Any]) -> dict[int, str]:
    """A two-syllable word the dictionary does not hold, which the analyser cut in two one-syllable pieces: a prefix
    and a noun ("비건이에요": 비/XPN + 건/NNG), or, before a noun, a verb stem and an ending that links no clauses
    ("비건 인증": 비/VV + 건/EC). The word as written is the token (the customer's and the shop's "비건" meet), in place
    of the pieces ("건" would meet "1건당" of another rule). Keyed by the index of each piece; the first holds the
    word."""
    out: dict[int, str] = {}
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if a.end != b.start or len(a.surface) != 1 or len(b.surface) != 1 or i in out:
            continue
        if i and ms[i - 1].end == a.start:
            continue  # (the word starts at the prefix or the stem)
        prefixed = a.pos == "XPN" and b.pos == "NNG"
        cut_verb = a.pos == "VV" and b.pos == "EC" and b.surface not in _LINKING and i + 2 < len(ms) \
            and ms[i + 2].start > b.end and ms[i + 2].pos in ("NNG", "NNP") and text[b.end:ms[i + 2].start].isspace()
        if prefixed or cut_verb:
            out[i], out[i + 1] = (a.surface + b.surface).lower(), ""
    return out


def build_passages(policies: list[dict[str, Any]], faq: list[dict[str, Any]]) -> dict[str, Any]:
    """JSON-able passages (with tokens) of a shop's policy sections and FAQ, stored in the knowledge index."""
    out: list[dict[str, Any]] = []
    for section in policies:
        key, title = section.get("key") or "", section.get("title") or ""
        for i, clause in enumerate(split_clauses(section.get("text") or "")):
            own = tokenize(clause)
            heading = list(dict.fromkeys(tokenize(title)))
            words = [t for t in heading if not t.startswith("@")]
            # a clause that never names its section's subject ("실버 300,000원 …" in "회원 등급 안내") is still
            # about it: it gets the title's words; every clause gets the title's concepts
            tokens = own + [t for t in heading if t.startswith("@") or not any(w in own for w in words)]
            out.append({"id": f"policy:{key}:{i}", "kind": "clause", "key": key, "title": title, "text": clause,
                        "exception": bool(_EXCEPTION.search(clause)), "tokens": tokens, "position": i})
    for entry in faq:
        question, answer = entry.get("question") or "", entry.get("answer") or ""
        asked = tokenize(question) * 2 + tokenize(" ".join(entry.get("keywords") or ()))
        kind = question_kind(question)
        # One passage per answer sentence, each found through the entry's question and keywords: the
        # sentence that holds the condition asked about can be quoted on its own. Topic concepts of the
        # answer are left out, so an answer that mentions another topic does not pull the entry in.
        for i, sentence in enumerate(split_clauses(answer)):
            own = [x for x in tokenize(sentence) if not (x.startswith("@") and x[1:] in TOPIC_CONCEPTS)]
            out.append({"id": f"faq:{entry.get('id')}:{i}", "kind": "faq", "key": str(entry.get("id")), "title": question,
                        "text": sentence, "exception": bool(_EXCEPTION.search(sentence)), "tokens": asked + own,
                        "position": i, "asks": kind})
    return {"version": RETRIEVAL_VERSION, "passages": out}


class PassageIndex:
    """BM25 over the passages of one knowledge version (built on first use, shared by every turn)."""

    def __init__(self, data: dict[str, Any]) -> None:
        from rank_bm25 import BM25Okapi

        self.passages = [Passage(id=p["id"], kind=p["kind"], key=p["key"], title=p["title"], text=p["text"],
                                 exception=bool(p["exception"]), tokens=tuple(p["tokens"]),
                                 position=int(p.get("position", 0)), asks=p.get("asks"))
                         for p in data.get("passages") or ()]
        corpus = [list(p.tokens) or ["∅"] for p in self.passages]
        self._bm25 = BM25Okapi(corpus) if corpus else None
        self._lock = threading.Lock()
        self._containing: dict[str, tuple[Passage, ...]] = {}
        self._vocabulary = frozenset(t for p in self.passages for t in p.tokens)

    def __len__(self) -> int:
        return len(self.passages)

    def containing(self, word: str) -> tuple[Passage, ...]:
        """The passages whose text holds `word` as written (cached: the readers of a turn ask for the same words)."""
        found = self._containing.get(word)
        if found is None:
            found = tuple(p for p in self.passages if word in p.text)
            if len(self._containing) < 4096:
                self._containing[word] = found
        return found

    def sections_titled(self) -> dict[str, str]:
        """Section key by its title written without spaces ("새벽배송안내" -> dawn_delivery)."""
        return {p.title.replace(" ", ""): p.key for p in self.passages if p.kind == "clause" and p.title}

    def holds(self, token: str) -> bool:
        """Some passage has `token` (a word no passage holds is no evidence either way)."""
        return token in self._vocabulary

    def idf(self, token: str) -> float:
        if self._bm25 is None:
            return 0.0
        return max(float(self._bm25.idf.get(token, 0.0)), 0.0)

    def search(self, tokens: list[str], limit: int = 5, kinds: tuple[str, ...] | None = None,
               keys: tuple[str, ...] | None = None) -> list[Hit]:
        """Passages ranked for `tokens` (optionally only some kinds / section keys); zero scores dropped."""
        if self._bm25 is None or not tokens:
            return []
        with self._lock:  # rank_bm25 is not documented as thread-safe
            scores = self._bm25.get_scores(tokens)
        weights = {t: self.idf(t) or 0.1 for t in set(tokens)}
        total = sum(weights.values()) or 1.0
        hits: list[Hit] = []
        for i, score in enumerate(scores):
            p = self.passages[i]
            if score <= 0 or (kinds and p.kind not in kinds) or (keys and p.key not in keys):
                continue
            present = set(p.tokens)
            matched = tuple(sorted(t for t in weights if t in present))
            coverage = sum(weights[t] for t in matched) / total
            hits.append(Hit(p, float(score), round(coverage, 3), matched))
        hits.sort(key=lambda h: (-h.score, h.passage.position))
        return hits[:limit]

    def section(self, key: str) -> list[Passage]:
        return [p for p in self.passages if p.kind == "clause" and p.key == key]
