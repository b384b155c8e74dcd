"""Korean-aware fuzzy product search, option-value recognition, catalogue filters and FAQ search.

Two stages keep a 10k-product catalogue fast: a syllable-bigram inverted index proposes a few
hundred candidate names (aliases included), then rapidfuzz reranks them on jamo strings, so a typo
inside a syllable costs one edit. Option values mixed into the query ("검정 린넨셔츠 라지로", "토너 300ml",
"쿠션 21호") are recognised by `core.knowledge.options` against the shop's own values and removed from
the name query.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable

from rapidfuzz import fuzz, process

from core.knowledge.model import FAQEntry, OptionMention, ProductMatch, SearchResult
from core.knowledge.options import OptionVocabulary, catalogue_options
from core.memo import BoundedMemo
from core.language.korean_text import initials, jamo, normalize, strip_particles, tokens, words

if TYPE_CHECKING:
    from core.knowledge.model import Product

# Nouns that name an option axis rather than a product ("사이즈", "색상", "용량", "호수").
_OPTION_NOUNS = frozenset({"사이즈", "size", "색상", "컬러", "색깔", "색", "color", "colour", "용량", "호수", "옵션", "구성",
                           "중량"})


@cache
def _measure_words() -> frozenset[str]:
    """The lexicon's words for a garment's or a thing's measures ("기장", "총장", "허리"): asked of a product, never
    part of its name (unless a name of the shop writes them: name words are kept before this is asked)."""
    from core.language.lexicon import CONCEPTS

    return frozenset(t for c in CONCEPTS if c.name == "measure" for t in c.terms)


# Words that carry no product identity in a customer message (normalised, after particle stripping).
_FILLER = frozenset("""
재고 재고가 재입고 입고 품절 가격 얼마 얼마예요 얼마에요 얼마인가요 사이즈 색상 컬러 색깔 문의 주문 구매 혹시 좀 요 뭐 뭐가
어떤 어떻게 상품 제품 알려주세요 알려줘 궁금해요 궁금합니다 언제 수량 몇개 개 벌 주세요 추천 이거 그거 저거 이 그 저 그리고 또
안녕하세요 감사합니다 가능 가능한가요 할인 세일 배송 정도 해요 할게요 있는 있는지 있나 있어 있어요 있나요 있을까요 있음
없어요 없나요 남았나요 남아있나요 나와요 되나요 돼요 되요 되는 원 원이에요 사려고 사고 싶어요 싶은데 찾아요 찾고 찾는데
보여주세요 살래요 몇 것 거 건 게 제 저희 네 예 아 음 혹은 아니면 말고 말구 그럼 그러면 근데 진짜 정말 지금 오늘 내일 빨리
하나 한개 두개 한벌 두벌 같은 같이 비슷한 종류 어떤거 어떤게 뭐뭐 모두 전부 다 랑 이랑 하고 및
배송비 배송 택배 반품 교환 환불 취소 결제 적립금 쿠폰 주소 영수증 만원 천원 키 키로 몸무게 cm kg 센치 센티 중에 중 더 제일 가장
어느 정사이즈 작게 크게 나와요 따뜻해요 두꺼워요 얇아요 어때요 괜찮아요 가격대 이하 이상 미만 정도로 사이즈감 핏 착용감
what is the a an do you have any in stock price how much please size color colour
""".split())
# Predicate endings ("와요", "하나요", "할까요", "주문하면"): a word ending like this is a verb, not a name.
_PREDICATE_ENDINGS = ("해요", "와요", "어요", "아요", "워요", "세요", "데요", "나요", "까요", "네요", "게요", "래요",
                      "돼요", "되요", "져요", "줘요", "죠", "니까", "니다", "는데", "은데", "하면", "해서", "해도",
                      "할까", "한가요", "인가요", "인데", "있는", "없는", "했는데", "했어요", "할게요", "는지")


def _describes(word: str) -> bool:
    """A word the analyser reads as a descriptive verb made to modify a noun ("큰" = 크 + ㄴ, "작은", "가벼운")."""
    from core.language.morphology import analyse

    ms = analyse(word)
    return len(ms) >= 1 and ms[0].pos == "VA" and ms[0].start == 0 and ms[-1].end == len(word) \
        and (ms[0].tags.endswith("+ETM") or len(ms) > 1 and ms[1].pos == "ETM") \
        and all(m.pos in ("ETM", "NNB") for m in ms[1:])  # (never a name read oddly: "딥클린" as 딥 + 클린)


_FILLER_PREFIXES = ("있", "없", "얼마", "알려", "궁금", "주문", "구매", "사려", "싶", "문의", "가능", "되나", "보여",
                    "추천", "재입고", "남았", "남아", "할게", "할께", "해주", "주세", "감사", "안녕", "찾", "살수", "살까",
                    "입고되", "언제", "배송", "택배", "반품", "교환", "환불", "취소", "결제", "적립", "쿠폰", "영수증",
                    "따뜻", "추워", "더워", "지난번", "저번")

# Category words customers use -> words found in category names.
CATEGORY_ALIASES: dict[str, tuple[str, ...]] = {
    "청바지": ("데님",), "진": ("데님",), "jeans": ("데님",), "denim": ("데님",),
    "바지": ("슬랙스", "데님", "팬츠", "바지"), "팬츠": ("슬랙스", "데님", "팬츠", "바지"),
    "pants": ("슬랙스", "데님", "팬츠"), "슬랙스": ("슬랙스",),
    "재킷": ("자켓",), "jacket": ("자켓",), "아우터": ("코트", "자켓", "패딩", "아우터"),
    "outer": ("코트", "자켓", "패딩"), "coat": ("코트",), "padding": ("패딩",), "점퍼": ("자켓", "점퍼"),
    "후드티": ("후드",), "후디": ("후드",), "hoodie": ("후드",), "스웨트셔츠": ("맨투맨",),
    "sweatshirt": ("맨투맨",), "반팔": ("티셔츠",), "반팔티": ("티셔츠",), "티": ("티셔츠",),
    "tshirt": ("티셔츠",), "t-shirt": ("티셔츠",), "tee": ("티셔츠",), "tees": ("티셔츠",), "가디건": ("니트", "가디건"), "카디건": ("니트", "가디건"), "스웨터": ("니트",),
    "sweater": ("니트",), "knit": ("니트",), "knitwear": ("니트",), "shirt": ("셔츠",), "shirts": ("셔츠",),
    "운동화": ("신발",), "스니커즈": ("신발",), "구두": ("신발",), "shoes": ("신발",), "로퍼": ("신발",),
    "bag": ("가방",), "백": ("가방",), "백팩": ("가방",), "모자": ("액세서리", "모자"),
    "벨트": ("액세서리", "벨트"), "양말": ("액세서리", "양말"), "acc": ("액세서리",), "악세사리": ("액세서리",),
    "악세서리": ("액세서리",), "수트": ("셋업",), "정장": ("셋업",), "suit": ("셋업",),
}

_MONEY_RE = re.compile(r"\d*(만|천)?원|\d+(개|벌|키로|kg|cm|센치)")
_MIN_SCORE = 55.0          # below this a key is not a match at all
_AMBIGUITY_MARGIN = 4.0    # top-2 within this many points -> ask back
_ABBREVIATION_SCORE = 85.0  # a clipped word that fits one product's name only (below it, the fuzzy match stands)
_CONFIDENT = 80.0          # a single match below this is reported but flagged ambiguous
_CANDIDATES = 120          # stage-1 candidate keys passed to the rerank
_STOPGRAM_SHARE = 0.2      # bigrams present in more than this share of keys are weak evidence


def variant_rows(raw_product: dict[str, Any]) -> list[Any]:
    """A product's variant rows; the index stores them as a JSON string (parsed only when needed)."""
    rows = raw_product.get("variants") or []
    return json.loads(rows) if isinstance(rows, str) else rows


def _bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


SEARCH_VERSION = 2  # bump when normalisation or the precomputed layout changes


def precompute(raw_products: list[dict[str, Any]]) -> dict[str, Any]:
    """JSON-able search structures (stored in the index so a cold start skips this work)."""
    owners: list[int] = []
    keys: list[str] = []
    word_df: Counter[str] = Counter()
    seen: set[tuple[int, str]] = set()
    for i, p in enumerate(raw_products):
        product_words: set[str] = set()
        for text in (p["name"], *(p.get("aliases") or ())):
            key = normalize(text)
            if key and (i, key) not in seen:
                seen.add((i, key))
                keys.append(key)
                owners.append(i)
            product_words.update(words(text))
        word_df.update(product_words)
    categories: dict[str, list[int]] = {}
    for i, p in enumerate(raw_products):
        cat = p.get("category") or ""
        for part in sorted({normalize(cat), *(normalize(x) for x in re.split(r"[/,·&]", cat))}):
            if part:
                categories.setdefault(part, []).append(i)
    generic = {w for w, n in word_df.items() if n >= 3}
    generic.update(categories)
    generic.update(CATEGORY_ALIASES)
    postings: dict[str, list[int]] = {}
    for k, key in enumerate(keys):
        for gram in sorted(_bigrams(key)):
            postings.setdefault(gram, []).append(k)
    return {"version": SEARCH_VERSION, "keys": keys, "owners": owners, "vocab_words": sorted(word_df),
            "generic": sorted({normalize(g) for g in generic}), "categories": categories, "postings": postings}


# a native numeral or 몇 with a counter ("한 봉에", "몇 장", "두 개씩"): digits stay ("곱창김 10봉" is a name)
_COUNTER_WORDS = "개|장|봉|병|통|팩|벌|켤레|박스|세트|알|과|매|구|인분|조각|권|포기|마리|줄|판"
_COUNTED = re.compile(r"(?<![가-힣A-Za-z\d])(한|두|세|네|몇)\s*(" + _COUNTER_WORDS + r")"
                      r"(에|은|는|이|가|씩|짜리|정도|이에요|이예요|예요|에요|이요|인가요|인지|이죠|이면|이야|이나|일까요|인데)?"
                      r"(?![가-힣])")


# a count in digits said as the customer's condition or count ("10봉이면", "2개씩"): a bare one stays ("유정란 30구"
# may name one of two products sold by their counts)
_WORTH = re.compile(r"(?<=[\dA-Za-z가-힣])짜리")
_COUNTED_DIGITS = re.compile(r"(?<![가-힣A-Za-z\d])\d+\s*(" + _COUNTER_WORDS + r")"
                             r"(이면|면|씩|이에요|예요|이요|인데|이라도|짜리면|이나)(?![가-힣])")


def _silent_initial(word: str) -> bool:
    """A Hangul word whose first syllable starts with the silent ㅇ (a vowel heard first: 울, 오버, 에코)."""
    code = ord(word[0]) - 0xAC00 if word else -1
    return 0 <= code < 11172 and code // 588 == 11


_MEMO_SIZE = 4096  # searches and category look-ups remembered per catalogue version


class ProductSearch:
    """Search structures over the raw product dicts of a knowledge index."""

    def __init__(self, raw_products: list[dict[str, Any]], pre: dict[str, Any] | None = None,
                 catalogue: dict[str, Any] | None = None, usable: Callable[[int], bool] | None = None) -> None:
        """usable(i): whether product i may be served (its index row passes the schema, checked on first use);
        a product that may not is never a match."""
        self._raw = raw_products
        self._usable = usable
        self.ids: list[str] = [p["id"] for p in raw_products]
        self._codes: dict[str, int] | None = None  # product code (lower case) -> index, built on the first search
        self.names: list[str] = [p["name"] for p in raw_products]
        if not pre or pre.get("version") != SEARCH_VERSION or len(pre.get("owners", ())) == 0 and raw_products:
            pre = precompute(raw_products)
        self.keys: list[str] = pre["keys"]
        self.key_jamo = [jamo(k) for k in self.keys]
        self.key_owner: list[int] = pre["owners"]
        self.vocab_words = frozenset(pre["vocab_words"])
        self.categories: dict[str, list[int]] = pre["categories"]
        self.generic = frozenset(pre["generic"])
        self.postings: dict[str, list[int]] = pre["postings"]
        options = (catalogue or {}).get("options") or catalogue_options(raw_products)
        self.vocab = OptionVocabulary(options, name_words=self.vocab_words,
                                      kind_words=(*self.categories, *CATEGORY_ALIASES))
        # Option words that customers glue onto names (Korean colour and size words of at least two letters)
        self._glue_keys = sorted((k for k in self.vocab.keys if len(k) >= 2 and not k.isascii() and not k[0].isdigit()),
                                 key=len, reverse=True)
        self.stop_df = max(50, int(len(self.keys) * _STOPGRAM_SHARE))
        self._value_cache: dict[int, set[str]] = {}
        self._exact: dict[str, list[int]] = {}
        self._loanword_index: dict[str, dict[int, tuple[float, int, str]]] | None = None  # built on the first English name query
        self._key_initials: list[str] | None = None  # built on the first query typed in initial consonants
        self._latin_words: dict[str, set[int]] | None = None  # built on the first English sentence naming nothing
        for k, key in enumerate(self.keys):
            self._exact.setdefault(key, []).append(k)
        # a turn's readers search the same words several times (the router, then the grounder); results are frozen
        # and depend only on this catalogue version, so each is computed once (bounded: cleared when full)
        self._searched: BoundedMemo[tuple[str, int], SearchResult] = BoundedMemo(_MEMO_SIZE)
        self._in_category: BoundedMemo[str, frozenset[int]] = BoundedMemo(_MEMO_SIZE)

    # -- query parsing ------------------------------------------------------------------------------
    def parse(self, query: str) -> tuple[list[str], list[OptionMention], list[str]]:
        """Split a query into name words, the option values it names, and the option words removed
        (so "블랙 린넨셔츠" can still be tried as a name when the colour is part of one)."""
        mentions = self.vocab.find_mentions(query)
        removed = [query[m.start:m.end] for m in mentions]
        rest = query
        # each span once: one word may name values of two axes ("5키로": size and 중량), and cutting it twice would cut
        # into the next word ("얼마에염" -> "마에염")
        for start, end in sorted({(m.start, m.end) for m in mentions}, key=lambda span: -span[0]):
            rest = rest[:start] + " " + rest[end:]
        rest = _COUNTED_DIGITS.sub(" ", _COUNTED.sub(" ", rest))  # "한 봉에 몇 장": a count asked or said, no part of a name
        rest = _WORTH.sub("", rest)  # "10봉짜리": the suffix of "worth", never part of a name ("10봉")
        name_words: list[str] = []
        option_words = [normalize(w) for w in removed]
        for word in words(rest):
            parts = [word] if word in self.vocab_words else tokens(word)
            for part in parts:
                stem = part if part in self.vocab_words else strip_particles(part)
                if not stem:
                    continue
                if stem not in self.vocab_words and len(part) > 1 and (part.endswith(_PREDICATE_ENDINGS)
                                                                        or stem.endswith(_PREDICATE_ENDINGS)):
                    continue  # a verb ("와요", "세일하나요"), not part of a product name
                if stem not in self.vocab_words and _describes(part) and not self._named_by_root(part):
                    continue  # "큰", "작은", "싼": a word describing the thing asked for, no part of its name
                if stem in self.vocab_words:
                    name_words.append(stem)
                    continue
                if self._is_filler(stem) or stem in _OPTION_NOUNS or stem.isdigit() or stem in _measure_words():
                    continue  # quantities, prices, "사이즈", "색상", a measure ("기장"): not part of a name
                stem = self._peel(stem, mentions, option_words)  # "블랙린넨셔츠", "린넨셔츠라지"
                if stem and not self._is_filler(stem):
                    name_words.append(stem)
        return name_words, mentions, option_words

    def _named_by_root(self, word: str) -> bool:
        """A describing word whose root of two syllables or more starts a word of the catalogue's names ("촉촉한" of
        "촉촉 수분 크림"): part of a name after all (never a one-syllable root, "큰" of "크림")."""
        from core.language.morphology import analyse

        stem = analyse(word)[0].lemma
        root = stem[:-1] if stem.endswith("하") else stem
        return len(root) >= 2 and any(v.startswith(root) for v in self.vocab_words)

    def _is_filler(self, word: str) -> bool:
        if word in self.vocab_words:
            return False
        from core.language.loanwords import STOP

        if word.isascii() and word.lower() in STOP and word.lower() not in self._latin_name_words():
            return True  # "is it in black?": English function words name nothing (never "suit" of "is it")
        return word in _FILLER or word.startswith(_FILLER_PREFIXES) or bool(_MONEY_RE.fullmatch(word))

    def _peel(self, stem: str, mentions: list[OptionMention], option_words: list[str]) -> str:
        """An option value glued to a name ("블랙린넨셔츠", "린넨셔츠라지"): peel it off when the shop sells it."""
        changed = True
        while changed and len(stem) > 2:
            changed = False
            for key in self._glue_keys:
                if stem.startswith(key) and len(stem) - len(key) >= 2:
                    rest = stem[len(key):]
                    rest = rest[1:] if rest.startswith("색") and len(rest) > 2 else rest
                elif stem.endswith(key) and len(stem) - len(key) >= 2:
                    rest = stem[: -len(key)]
                else:
                    continue
                found = self.vocab.find_mentions(key)
                if found:
                    mentions.extend(found)
                    option_words.append(key)
                    stem, changed = rest, True
                    break
        return stem

    # -- search -------------------------------------------------------------------------------------
    def _candidates(self, q: str) -> list[int]:
        counts: Counter[int] = Counter()
        grams = _bigrams(q)
        weak: list[list[int]] = []
        for gram in grams:
            plist = self.postings.get(gram)
            if not plist:
                continue
            if len(plist) > self.stop_df:
                weak.append(plist)
                continue
            counts.update(plist)
        if len(counts) < _CANDIDATES:
            for plist in sorted(weak, key=len)[:3]:
                counts.update(plist)
        if not counts:
            # no shared bigram (heavy typos, one-syllable query): fall back to a full scan
            found = process.extract(jamo(q), self.key_jamo, scorer=fuzz.ratio, limit=_CANDIDATES)
            return [k for _, _, k in found]
        return [k for k, _ in counts.most_common(_CANDIDATES)]

    @staticmethod
    def _score(qj: str, kj: str) -> float:
        score = fuzz.ratio(qj, kj)
        lq, lk = len(qj), len(kj)
        if lq < lk and lq >= 4:
            # the query names part of the key ("린넨셔츠" for "오버핏 린넨 셔츠"): good, not perfect
            coverage = lq / lk
            score = max(score, fuzz.partial_ratio(qj, kj) * (0.80 + 0.15 * coverage))
        elif lk < lq and lk >= 4:
            # the key sits inside a longer query ("후드티 블랙 재고")
            coverage = lk / lq
            score = max(score, fuzz.partial_ratio(kj, qj) * (0.85 + 0.12 * coverage))
        return score

    def search(self, query: str, limit: int = 5) -> SearchResult:
        return self._searched((query, limit), lambda: self._search(query, limit))

    def _search(self, query: str, limit: int) -> SearchResult:
        name_words, mentions, option_words = self.parse(query)
        mentions = sorted(mentions, key=lambda m: m.start)
        q = "".join(name_words)
        coded = self._coded(query)
        if not q and not coded:
            return SearchResult(query=query, matches=(), mentions=tuple(mentions), ambiguous=bool(mentions))
        qj = jamo(q)
        q_alt = jamo("".join([*option_words, *name_words])) if option_words else None
        best: dict[int, float] = {}
        for k in self._candidates(q):
            kj = self.key_jamo[k]
            s = self._score(qj, kj)
            if q_alt is not None:
                s = max(s, self._score(q_alt, kj))
            if len(name_words) > 1 and all(len(w) >= 2 and w in self.keys[k] for w in name_words):
                # every word the customer wrote is a word of this name, apart ("A30 필터" for "A30 교체용 헤파 필터")
                s = max(s, 90.0 * (0.8 + 0.2 * len(q) / max(len(self.keys[k]), 1)))
            owner = self.key_owner[k]
            if s > best.get(owner, 0.0):
                best[owner] = s
        if re.search(r"[ㄱ-ㅎ\u1100-\u1112]{2}", q):  # "기모 ㅁㅌㅁ", "ㅇㅅㅍㄷ 셔츠": words typed as their initial consonants
            for owner, score in self._initials_matches(q).items():
                best[owner] = max(best.get(owner, 0.0), score)
        if re.search(r"[A-Za-z]{3}", query):
            # "short puffer" -> 숏 푸퍼 패딩; also when a Hangul key already matched: "lambswool crewneck" names
            # 램스울 크루넥 니트 by two words, where the alias "crewneck" of 크루넥 니트 matched one
            for owner, score in self._loanword_matches(query).items():
                best[owner] = max(best.get(owner, 0.0), score)
        for owner in coded:  # "P047 black M price?": the product's own code, as the shop's pages show it
            best[owner] = 100.0
        if not best or max(best.values()) < _ABBREVIATION_SCORE:
            # "공청기" (공기청정기), "노캔" (노이즈캔슬링): a word shortened to some of a name's syllables
            for owner in self._abbreviation_matches(name_words):
                best[owner] = max(best.get(owner, 0.0), _ABBREVIATION_SCORE)
        if (not best or max(best.values()) < _CONFIDENT) and len(name_words) >= 2 \
                and all(w.isascii() and (w.isalpha() or len(name_words) > 3) for w in name_words):
            for owner, score in self._one_english_word(name_words).items():
                best[owner] = max(best.get(owner, 0.0), score)
        ranked = sorted(((s, i) for i, s in best.items() if s >= _MIN_SCORE), key=lambda t: (-t[0], t[1]))
        # A bare category word ("니트", "맨투맨") never names one product. Other common words ("후드티",
        # "가디건") do when the shop declared exactly that name/alias for a single product.
        generic = q in self.categories or (
            (q in self.generic or all(w in self.generic for w in name_words))
            and len({self.key_owner[k] for k in self._exact.get(q, ())}) != 1)
        if mentions and ranked:
            ranked = self._prefer_sold(ranked, mentions)
        if self._usable is not None:  # only as many as are used below, so a search checks a few rows, not all
            ranked = list(islice(((s, i) for s, i in ranked if self._usable(i)), max(limit, 2)))
        matches = tuple(ProductMatch(product_id=self.ids[i], name=self.names[i], score=round(s, 1))
                        for s, i in ranked[: max(limit, 1)])
        ambiguous = False
        if matches:
            top = matches[0].score
            close = [m for m in matches[1:] if m.score >= top - _AMBIGUITY_MARGIN]
            ambiguous = bool(close) or top < _CONFIDENT or (generic and len(ranked) > 1)
        return SearchResult(query=query, matches=matches, mentions=tuple(mentions), ambiguous=ambiguous)

    def _coded(self, query: str) -> list[int]:
        """The products whose code the query writes as a word of its own ("P047", "sku-12a"): codes of letters and
        digits both, three characters or more (a bare number is a count, a size or an order's, never a code)."""
        if self._codes is None:
            self._codes = {pid.lower(): i for i, pid in enumerate(self.ids)
                           if len(pid) >= 3 and re.search(r"[A-Za-z]", pid) and re.search(r"\d", pid)}
        if not self._codes:
            return []
        return list(dict.fromkeys(i for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9]", query)
                                  if (i := self._codes.get(w.lower())) is not None))

    def clipped_product(self, words: list[str]) -> str | None:
        """The one product the customer's clipped words name (`_abbreviation_matches`), a word the dictionary also knows
        whole included ("에프"): for a turn that names no product otherwise and whose words read as no concept, where
        the search itself (which sets such words aside) found none. None when none or several are named."""
        owners = set(self._abbreviation_matches(words, dictionary_words=True))
        return self.ids[next(iter(owners))] if len(owners) == 1 else None

    def _abbreviation_matches(self, name_words: list[str], dictionary_words: bool = False) -> list[int]:
        """The one product a Korean clipped word names: the word's syllables, in order, begin the parts of a name or
        alias that starts with the same syllable and is at least two syllables longer ("공청기" of 공기청정기, "노캔" of
        노이즈캔슬링). A word that could stand for several products names none, and so does a word the dictionary knows
        whole (가구, 고기 — and 에프, read as the letter F; unless `dictionary_words`, which `clipped_product` asks for
        when the turn names nothing else)."""
        from core.language.morphology import analyse

        out: list[int] = []
        for w in name_words:
            if not (2 <= len(w) <= 4 and all("가" <= ch <= "힣" for ch in w)):
                continue
            read = analyse(w) if not dictionary_words else ()
            if len(read) == 1 and read[0].pos in ("NNG", "NNP"):
                continue  # a word the dictionary knows whole ("가구", "고기", "벨트") is itself, no clipped name
            owners = {self.key_owner[k] for k, key in enumerate(self.keys)
                      if key[:1] == w[0] and len(key) >= len(w) + 2 and w not in key and _clipped_from(w, key)}
            if len(owners) == 1:
                out.extend(owners)
        return out

    def _initials_matches(self, q: str) -> dict[int, float]:
        """Products whose name or alias, read as initial consonants, is the query read the same way ("기모ㅁㅌㅁ" =
        기모맨투맨: ㄱㅁㅁㅌㅁ); a query that is only part of a name (three initials or more, its full syllables all in
        the name) scores less. Chat shorthand (초성) is common and fuzzy matching cannot see it."""
        if self._key_initials is None:
            self._key_initials = [initials(k) for k in self.keys]
        qi = initials(q)
        syllables = [ch for ch in q if "가" <= ch <= "힣"]
        out: dict[int, float] = {}
        for k, ki in enumerate(self._key_initials):
            if ki == qi:
                score = 95.0
            elif len(qi) >= 3 and qi in ki and all(ch in self.keys[k] for ch in syllables):
                score = 80.0 + 10.0 * len(qi) / len(ki)
            else:
                continue
            owner = self.key_owner[k]
            out[owner] = max(out.get(owner, 0.0), score)
        return out

    def _one_english_word(self, name_words: list[str]) -> dict[int, float]:
        """English words of which exactly one names a product on its own and the others name none ("hanwoo beef":
        beef is the shop's beef sirloin, hanwoo no name of the shop's): that product, a little below the word's own
        score (the other words are modifiers the shop's names do not hold); {} when two words name products."""
        from core.language.loanwords import STOP

        if len(name_words) > 3:
            # a sentence ("is the hanwoo beef grass-fed? how thick is it cut"): only a word the shop itself wrote in
            # one product's English name or alias can name it there; a sound-alike word in a sentence is too weak
            words_named = [w for w in name_words if len(self._latin_name_words().get(w.lower(), ())) == 1]
            if len(words_named) != 1:
                return {}
            name_words = words_named
        named: dict[int, float] = {}
        for word in name_words:
            found = self.search(word, limit=2)
            if not found.matches:
                continue
            if named or found.ambiguous or len(word) < 4 or word in STOP or found.matches[0].score < _ABBREVIATION_SCORE:
                return {}  # two words name products (or one names several, or weakly): no one product
            i = self.ids.index(found.matches[0].product_id)
            named = {i: found.matches[0].score - 3.0}
        return named

    def _latin_name_words(self) -> dict[str, set[int]]:
        """Each word of four letters or more, outside the stop words, that the shop wrote in a product's name or
        alias in Latin letters ("beef" of "beef sirloin") -> the products that hold it; built on first use."""
        if self._latin_words is None:
            from core.language.loanwords import STOP

            index: dict[str, set[int]] = {}
            for i, p in enumerate(self._raw):
                for name in (p["name"], *(p.get("aliases") or ())):
                    for w in re.findall(r"[A-Za-z]{4,}", str(name)):
                        if w.lower() not in STOP:
                            index.setdefault(w.lower(), set()).add(i)
            self._latin_words = index
        return self._latin_words

    def _loanword_matches(self, query: str) -> dict[int, float]:
        """Products whose Hangul loanword name sounds like an English phrase of the query (see
        `core.language.loanwords`): the phrase's skeleton must equal the skeleton of whole consecutive words of a
        name or alias ("short puffer" = 숏 푸퍼, not 셋업자켓); scored 80-90 by the share of the name it covers."""
        from core.language.loanwords import english_name_phrases, name_run_keys, sound_key, vowel_shape

        if self._loanword_index is None:
            index: dict[str, dict[int, tuple[float, int, str]]] = {}
            for i, p in enumerate(self._raw):
                for name in (p["name"], *(p.get("aliases") or ())):
                    for joined, a, b, hangul in name_run_keys(name):
                        if len(joined) >= 2:
                            cover = 80.0 + 10.0 * (b - a) / len(hangul)
                            old = index.setdefault(joined, {}).get(i)
                            # the fewest words that sound so ("싱글" and "싱글 울" share a key once repeats
                            # collapse): an English word may name it by its one word; and the most ("헤비 스웻" and
                            # "헤비 스웻 후드티"): three English words may name all three
                            fewest = min(b - a, old[1]) if old is not None else b - a
                            most = max(b - a, old[3]) if old is not None else b - a
                            silent = _silent_initial(hangul[a])  # "울", "오버": a vowel heard first
                            if old is None or cover > old[0]:
                                index[joined][i] = (cover, fewest, vowel_shape("".join(hangul[a:b])), most, silent)
                            else:
                                index[joined][i] = (old[0], fewest, old[2], most, old[4] or silent)
            self._loanword_index = index
        for phrase in english_name_phrases(query):
            n = len(phrase.split())
            if any(len(w) >= 6 and w.lower().endswith(("est", "iest")) and w.lower() not in self._latin_name_words()
                   for w in phrase.split()):
                continue  # a superlative ("warmest", "lightest") describes; no name is heard in it
            key = sound_key(phrase)
            found = self._loanword_index.get(key, {})
            if not found and n > 1 and not phrase.endswith("s"):
                # a name borrowed in the plural ("cotton shirt" = 코튼 셔츠, from "shirts"), its last word only
                key = sound_key(phrase + "s")
                found = self._loanword_index.get(key, {})
            # never more Hangul words than English ones ("spend" is not 집업 니트); as many ("short puffer" = 숏 푸퍼)
            # beats fewer (셋업) that merely sound alike
            vowels = vowel_shape(phrase)
            # a two-consonant skeleton ("chino" = 치노) is common ("full" = 프로): only for a word of five letters or
            # more whose vowels have the same shape
            if len(key) < 3 and (n > 1 or len(phrase) < 5):
                continue
            # a word heard from its vowel is written from ㅇ ("oversized" is no 베스트, "wool" is 울)
            vowel_first = phrase[:1].lower() in "aeiou"
            found = {i: cover + (4.5 if words <= n <= most else 0.0)
                     for i, (cover, words, shape, most, silent) in found.items()
                     if words <= n and (silent or not vowel_first)
                     and (vowels == shape if len(key) < 3 else fuzz.ratio(vowels, shape) >= 50 or not (vowels and shape))}
            if found and n > 1:
                # a phrase that holds a kind's English word names a product of that kind ("silk shirts" sounds like
                # 슬랙스, which is no shirt)
                kinds = [self.category_matches(w) for w in phrase.split() if w in CATEGORY_ALIASES]
                found = {i: s for i, s in found.items() if all(i in kind for kind in kinds if kind)}
            if found:
                return found  # the longest phrase that names something wins ("short puffer" before "puffer")
        return {}

    def _prefer_sold(self, ranked: list[tuple[float, int]], mentions: list[OptionMention]) -> list[tuple[float, int]]:
        """Among near-equal names, rank the products sold in the asked option values first (a small bonus)."""
        return sorted(ranked, key=lambda t: (-(t[0] + (1.0 if self._sells(t[1], mentions) else 0.0)), t[1]))

    def _sells(self, i: int, mentions: list[OptionMention]) -> bool:
        values = self._values_of(i)
        return all(m.value is None or m.value in values for m in mentions)

    def _values_of(self, i: int) -> set[str]:
        cache = self._value_cache
        if i not in cache:
            try:  # a row not checked yet may be malformed: it then sells nothing (and is never a match, see search)
                cache[i] = {str(v) for r in variant_rows(self._raw[i])
                            for v in ((r.get("options") if isinstance(r, dict) else r[1]) or ()) if v}
            except (ValueError, TypeError, LookupError, AttributeError):
                cache[i] = set()
        return cache[i]

    # -- filters ------------------------------------------------------------------------------------
    def category_matches(self, category: str) -> set[int]:
        return set(self._in_category(category, lambda: frozenset(self._category_matches(category))))

    def _category_matches(self, category: str) -> set[int]:
        c = normalize(category)
        targets = {c, *CATEGORY_ALIASES.get(c, ())}
        found: set[int] = set()
        for t in targets:
            t = normalize(t)
            for cat, members in self.categories.items():
                if cat == t or (len(t) >= 2 and t in cat.split("/")):
                    found.update(members)
        if not found:
            for t in targets:
                t = normalize(t)
                for cat, members in self.categories.items():
                    if len(t) >= 2 and (t in cat or fuzz.ratio(jamo(t), jamo(cat)) >= 85):
                        found.update(members)
        return found

    def filter(self, knowledge: Any, category: str | None = None, on_sale: bool | None = None,
               max_price: int | None = None, options: dict[str, str] | None = None,
               in_stock: bool | None = None, limit: int = 20) -> list["Product"]:
        """Products of a category / on sale / under a price / sold (in stock) in the given option values.
        An option value may be a synonym of a value the shop has ("검정" for 블랙, "라지" for L)."""
        allowed = self.category_matches(category) if category else None
        mentions = [OptionMention(axis, None, value, partial=True) for axis, value in (options or {}).items() if value]
        out: list[Product] = []
        for i, pid in enumerate(self.ids):
            if allowed is not None and i not in allowed:
                continue
            product = knowledge.product(pid)
            if product is None:
                continue
            if on_sale is not None and product.on_sale != on_sale:
                continue
            variants = list(product.variants)
            if mentions:
                wanted, missing = self.vocab.resolve(product, mentions)
                if missing:
                    continue
                variants = [v for v in variants if v.matches(wanted)]
            if in_stock:
                variants = [v for v in variants if v.in_stock]
            elif in_stock is False:
                variants = [v for v in variants if not v.in_stock]
            if (mentions or in_stock is not None) and not variants:
                continue
            if max_price is not None:
                prices = [v.price for v in (variants or product.variants)]
                if not prices or min(prices) > max_price:
                    continue
            out.append(product)
            if len(out) >= limit:
                break
        return out


class FAQSearch:
    """Fuzzy FAQ lookup over questions (strong) and answers (weaker)."""

    def __init__(self, raw_faq: Iterable[dict[str, Any]]) -> None:
        self.entries = [dict(e) for e in raw_faq]
        self.q_norm = [normalize(e.get("question", "")) for e in self.entries]
        self.a_norm = [normalize(e.get("answer", "")) for e in self.entries]
        self.q_words = [" ".join(words(e.get("question", ""))) for e in self.entries]

    def search(self, query: str, limit: int = 3) -> list[FAQEntry]:
        kept = [strip_particles(w) for w in words(query)]
        kept = [w for w in kept if w and w not in _FILLER]
        q = "".join(kept) or normalize(query)
        if not q:
            return []
        qw = " ".join(kept)
        scored: list[tuple[float, int]] = []
        for i in range(len(self.entries)):
            s_q = fuzz.partial_ratio(q, self.q_norm[i]) if len(q) <= len(self.q_norm[i]) else fuzz.ratio(q, self.q_norm[i])
            s_t = fuzz.token_set_ratio(qw, self.q_words[i])
            s_a = 0.85 * fuzz.partial_ratio(q, self.a_norm[i]) if self.a_norm[i] and len(q) >= 2 else 0.0
            scored.append((max(s_q, s_t, s_a), i))
        scored.sort(key=lambda t: (-t[0], t[1]))
        out: list[FAQEntry] = []
        for s, i in scored[:limit]:
            if s < 50:
                break
            e = self.entries[i]
            out.append(FAQEntry(id=str(e.get("id", i)), question=e.get("question", ""), answer=e.get("answer", ""),
                                score=round(s, 1)))
        return out


def _clipped_from(short: str, key: str) -> bool:
    """`short` takes the first syllable of components of `key`, in order (its last syllable may be the key's last):
    에프 of 에어|프라이어, 공청기 of 공기|청정기, 노캔 of 노이즈|캔|슬링, 핸크 of 핸드|크림."""
    from core.language.morphology import analyse

    starts = set()
    for m in analyse(key):
        starts.add(m.start)
        offset = m.start
        for part in m.parts:
            starts.add(offset)
            offset += len(part)
    at = 0
    for i, ch in enumerate(short):
        positions = [j for j in range(at, len(key)) if key[j] == ch
                     and (j in starts or i == len(short) - 1 and j == len(key) - 1)]
        if not positions:
            return False
        at = positions[0] + 1
    return True

