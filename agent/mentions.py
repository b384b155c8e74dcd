"""Which catalogue products a turn names literally (by name or alias), for comparisons and bundles.

Fuzzy search (`find_products`) ranks one best product; a customer comparing two products
("크루넥 니트랑 브이넥 니트 중에 뭐가 더 따뜻해요?") or buying a set ("셋업 자켓이랑 팬츠") names
several. Keys are the catalogue's own names and aliases, so nothing here is tied to one shop.
A key shared by several products is generic and never counts as naming one product; the longest
keys are matched first and may not overlap (so "롱패딩" is read before "패딩").
"""

from __future__ import annotations

import re
import threading
from itertools import combinations
from typing import Any, Iterator

from agent.turn_context import DEMONSTRATIVE
from core.language.korean_text import nfkc, normalize, strip_particles, words
from core.memo import BoundedMemo

_MIN_KEY = 3  # shorter keys ("마이", "후디") count only as a whole word of the turn
_cache: dict[str, "_MentionIndex"] = {}
_lock = threading.Lock()


def kind_words(knowledge: Any) -> list[str]:
    """The words of the shop's categories, a combined one split ("맨투맨/후드" -> 맨투맨, 후드; "A·B" likewise)."""
    try:
        categories = knowledge.categories()
    except (AttributeError, TypeError):
        return []
    return [part.strip() for c in categories for part in str(c).replace("·", "/").split("/") if part.strip()]


def catalogue_words(knowledge: Any) -> list[str]:
    """The words the shop's products are called and sold by: each word of a product's name and each option value."""
    try:
        products = knowledge.products() if hasattr(knowledge, "products") else knowledge.filter_products(limit=10**7)
    except (AttributeError, TypeError):
        return []
    words = {w for p in products for w in str(p.name).split()}
    words |= {value for p in products for v in p.variants for _, value in v.options}
    return sorted(words)


class _MentionIndex:
    def __init__(self, knowledge: Any) -> None:
        self._span_cache: BoundedMemo[str, tuple[tuple[str, int, int], ...]] = BoundedMemo(1024)
        pairs: list[tuple[str, str]] = []
        products = knowledge.products() if hasattr(knowledge, "products") else knowledge.filter_products(limit=10**7)
        categories = {normalize(p) for p in kind_words(knowledge)}
        self.spelled: dict[str, tuple[str, ...]] = {}  # key -> its words ("셋업자켓" -> ("셋업", "자켓"))
        self.short: dict[str, set[str]] = {}  # one-syllable names ("김"): read only as a conjunct of their own
        tails: list[tuple[str, str]] = []
        fronts: list[tuple[str, str]] = []
        self.name_words: dict[str, frozenset[str]] = {}  # product id -> the words of its name, normalised
        self.head_noun: dict[str, str] = {}  # product id -> the last word of its name, normalised ("폼")
        self.with_word: dict[str, set[str]] = {}  # a word of a name -> the products named with it
        for p in products:
            self.name_words[p.id] = frozenset(w for x in str(p.name).split() if len(w := normalize(x)) >= 2)
            self.head_noun[p.id] = normalize(str(p.name).split()[-1]) if str(p.name).split() else ""
            for w in self.name_words[p.id]:
                self.with_word.setdefault(w, set()).add(p.id)
            for name in dict.fromkeys((p.name, *p.aliases)):
                key = normalize(name)
                if len(key) == 1 and key not in categories:
                    self.short.setdefault(key, set()).add(p.id)
                if len(key) >= 2 and key not in categories:
                    pairs.append((key, p.id))
                    parts = tuple(w for w in (normalize(x) for x in str(name).split()) if w)
                    if len(parts) >= 2:
                        self.spelled.setdefault(key, parts)
                    for i in range(1, len(parts) - 1):  # "양말 3팩" for 면 양말 3팩: the name without its first words
                        tail = "".join(parts[i:])
                        if len(tail) >= 3 and tail not in categories:
                            tails.append((tail, p.id))
                    if len(parts) >= 3 and name == p.name:  # "베이직반팔" for 베이직 반팔 티셔츠: without its last word
                        fronts.append(("".join(parts[:-1]), p.id))
        names = {key for key, _ in pairs}
        # names shortened to the first syllable of each word, as shoppers do ("와슬" for 와이드 슬랙스): one product's
        # only, read as a whole word of the turn alone (see `_whole_word_names`)
        self.abbrev: dict[str, set[str]] = {}
        for p in products:
            for name in dict.fromkeys((p.name, *p.aliases)):
                parts = [w for w in str(name).split() if re.fullmatch(r"[가-힣]{2,}", w)]
                if len(parts) == len(str(name).split()) and 2 <= len(parts) <= 4:
                    self.abbrev.setdefault("".join(w[0] for w in parts), set()).add(p.id)
        from core.language.morphology import analyse

        # (never a word of the language: "기스" is a scratch, "가스" gas, though 기모 스웻, 가죽 스니커즈 shorten so; the
        # analyser reads a real word whole, and an abbreviation as pieces; nor a verb's form: "하니", "크니")
        self.abbrev = {k: v for k, v in self.abbrev.items() if len(v) == 1 and k not in names and k not in categories
                       and not ((ms := analyse(k)) and len(ms) == 1 and ms[0].surface == k)
                       and not any(m.pos.startswith(("V", "E")) for m in ms)}
        pairs += [(tail, pid) for tail, pid in tails if tail not in names]  # a product's own name wins over a tail
        # (a name without its last word, one product's only and nothing else's: never "울블렌드" of the blazer and the
        # slacks both)
        owners_of_front: dict[str, set[str]] = {}
        for front, pid in fronts:
            owners_of_front.setdefault(front, set()).add(pid)
        taken_keys = {key for key, _ in pairs}
        self.fronts = {front for front, o in owners_of_front.items() if len(o) == 1 and len(front) >= 3
                       and front not in taken_keys and front not in categories
                       and not any(key.startswith(front) for key, owner in pairs if owner not in o)}
        pairs += [(front, next(iter(owners_of_front[front]))) for front in self.fronts]
        self.tails = {tail for tail, _ in tails if tail not in names}
        self.full: dict[str, set[str]] = {}  # product id -> its names and aliases, normalised
        for key, pid in pairs:
            self.full.setdefault(pid, set()).add(key)
        self.owners: dict[str, set[str]] = {}
        self.by_head: dict[str, list[str]] = {}  # first two characters -> keys (so a turn scans ~len(turn) lists)
        for key, pid in pairs:
            if key not in self.owners:
                self.by_head.setdefault(key[:2], []).append(key)
            self.owners.setdefault(key, set()).add(pid)

    def is_generic(self, key: str) -> bool:
        """True when more than one product declares exactly `key`."""
        return len(self.owners.get(key, ())) > 1

    def find(self, text: str) -> list[str]:
        return [pid for pid, _, _ in self.spans(text)]

    def _fuller(self, c: str, start: int, end: int, pid: str, taken: list[tuple[int, int]]) -> tuple[str, int] | None:
        """A name said with a Hangul word before it that, with it, begins another product's own name or alias (and no
        name of the product the key alone names): that product and where its name starts; None otherwise."""
        for back in (2, 3, 4):
            at = start - back
            if at < 0 or not all("가" <= ch <= "힣" for ch in c[at:start]) or any(a < start and at < b for a, b in taken[:-1]):
                break
            said = c[at:end]
            owners = {o for key in self.by_head.get(said[:2], ()) if key.startswith(said) for o in self.owners[key]}
            if len(owners) == 1 and pid not in owners:
                return next(iter(owners)), at
        return None

    def _fuller_ahead(self, c: str, start: int, end: int, taken: list[tuple[int, int]]) -> tuple[str, int] | None:
        """A word with the Hangul after it that begins one product's own name or alias ("램스울크루넥" of 램스울 크루넥
        니트): that product and where the words end; None otherwise."""
        for more in (4, 3, 2):
            stop = end + more
            if stop > len(c) or not all("가" <= ch <= "힣" for ch in c[end:stop]) \
                    or any(end < b and a < stop for a, b in taken):
                continue
            said = c[start:stop]
            owners = {o for key in self.by_head.get(said[:2], ()) if key.startswith(said) for o in self.owners[key]}
            if len(owners) == 1:
                return next(iter(owners)), stop
        return None

    def _sibling(self, key: str, word: str) -> str | None:
        """`word` read against an already named key's stem: "팬츠" after "셋업 자켓" -> "셋업 팬츠" (if that is a key)."""
        parts = self.spelled.get(key)
        if not parts or not word:
            return None
        stem = parts[:-1]  # same stem (or the most of it, its first word first), other head noun: "코듀로이 바지"
        subsets = [c for r in range(len(stem), 0, -1) for c in combinations(range(len(stem)), r)]
        subsets.sort(key=lambda c: (-len(c), 0 not in c))
        candidates = ["".join(stem[i] for i in c) + word for c in subsets]
        candidates += [word + "".join(parts[i:]) for i in range(1, len(parts))]  # other modifier, same head noun
        for candidate in candidates:
            if candidate != key and candidate in self.owners and not self.is_generic(candidate) \
                    and (len(word) > 1 or all(self.head_noun.get(o) == word for o in self.owners[candidate])):
                # (a one-syllable word only as the head noun the other name is spelled with: "폼" of 클렌징 폼)
                return candidate
        return None

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(product id, start, end) of each product named in `text`, positions in its normalised form; remembered
        per text (the router, each agent and the guard read the same pieces of a turn), each caller gets its own list.

        A bare word next to a named product that only makes sense with its stem ("셋업 자켓이랑 팬츠")
        is resolved through the catalogue's own names: the stem's sibling key must exist.
        """
        return list(self._span_cache(text, lambda: tuple(self._spans(text))))

    def _spans(self, text: str) -> list[tuple[str, int, int]]:
        c = normalize(text)
        whole = {normalize(x) for w in words(text) for x in (strip_particles(w), w)}  # ("TV는": the key tv)
        glued = " ".join(normalize(w) for w in text.split())
        starts, ends = _latin_bounds(text)
        inside = _inside_nouns(text) if any(self.by_head.get(c[i:i + 2]) for i in range(1, len(c) - 1)) else set()
        hits = {(key, i) for i in range(len(c) - 1) for key in self.by_head.get(c[i:i + 2], ())
                if c.startswith(key, i) and not (_latin(key[0]) and i not in starts)
                and i not in inside  # "겨울 코트" holds no 울 코트: a name starts where a noun of the turn starts
                and not (_latin(key[-1]) and not _ends_word(c, i + len(key), ends))  # "rice" is no word of "price"
                and not (key in self.tails and _latin(key[0]) and i and _latin(c[i - 1]))}  # ("v neck knit" is no "crew
        # neck knit" named without its first word: another English word stands there)
        taken: list[tuple[int, int]] = []
        found: list[tuple[str, int, int]] = []
        keys: list[str] = []
        for key, start in sorted(hits, key=lambda h: (-len(h[0]), h[1])):
            pid = min(self.owners[key])
            if len(key) < _MIN_KEY and key not in whole:
                continue
            if key in self.fronts and key not in glued:
                continue  # (a name without its last word only as written in one word: "베이직반팔")
            end = start + len(key)
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))  # a shared key names no single product but still claims its span
            if self.is_generic(key):
                continue
            if any(at_end == start and any(key in n for n in self.full.get(before, ())) for before, _, at_end in found):
                continue  # "헨리넥 긴팔티": a kind word right after a name that its product's own name holds (헨리넥 긴팔
                # 티셔츠) says what that product is, not another product (베이직 긴팔 티셔츠's alias 긴팔티)
            fuller = self._fuller(c, start, end, pid, taken)
            if fuller is not None:  # "와플 긴팔티": 와플 긴팔 티셔츠, though 긴팔티 alone is 베이직 긴팔 티셔츠's alias
                pid, start = fuller
                taken[-1] = (start, end)
            if all(pid != f[0] for f in found):
                found.append((pid, start, end))
                keys.append(key)
        # (longest first, then in the order said: the same order whatever the run)
        said_words = {strip_particles(w) for w in words(text)}
        for word in sorted(said_words, key=lambda x: (-len(x), c.find(normalize(x)), x)) if keys else ():
            w = normalize(word)
            for start in [i for i in range(len(c)) if c.startswith(w, i)]:
                end = start + len(w)
                if any(start < b and a < end for a, b in taken):
                    continue
                if any(at == end for _, at, _ in found) or start and (c[start - 1].isdigit() or c[start - 1] == "%"):
                    break  # it modifies the name right after it ("oxford button-down shirt") or is a quantity's
                    # noun ("100% cotton"): no other product
                ahead = self._fuller_ahead(c, start, end, taken)
                if ahead is not None:  # "램스울 크루넥": the start of 램스울 크루넥 니트's own name, no sibling of 케이블 니트
                    pid, end = ahead
                    taken.append((start, end))
                    if all(pid != f[0] for f in found):
                        found.append((pid, start, end))
                    break
                sibling = next((k for k in (self._sibling(key, w) for key in keys) if k), None)
                if sibling is not None:
                    pid = min(self.owners[sibling])
                    taken.append((start, end))
                    if all(pid != f[0] for f in found):
                        found.append((pid, start, end))
                break
        self._whole_word_names(text, c, taken, found)
        return sorted(found, key=lambda f: f[1])

    def _whole_word_names(self, text: str, c: str, taken: list[tuple[int, int]],
                          found: list[tuple[str, int, int]]) -> None:
        """Names read only as a word of their own: a one-syllable name ("귤", "김"; glued to the amount after it too,
        "귤5키로"), in a turn that names another product or opening the turn (never a syllable inside a longer word:
        감귤, 김치); and a name shortened to the first syllable of each word ("와슬 34 그레이": 와이드 슬랙스)."""
        for i, (w, start) in enumerate(_word_starts(text)):
            stem = strip_particles(w)
            run = re.match(r"([가-힣])\d", stem)
            short = normalize(run.group(1) if run else stem)
            # (alone, a one-syllable name only as the word the turn opens with: "김 한봉지에 몇장 들어있어요")
            owners = self.short.get(short, set()) if len(short) == 1 and (found or not i) else set()
            key = short if len(owners) == 1 else normalize(stem)
            owners = owners if len(owners) == 1 else self.abbrev.get(key, set())
            end = start + len(key)
            if len(owners) != 1 or c[start:end] != key or any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            pid = next(iter(owners))
            if all(pid != f[0] for f in found):
                found.append((pid, start, end))


def _word_starts(text: str) -> Iterator[tuple[str, int]]:
    """Each whitespace word of `text` with where it starts in `normalize(text)` (which drops the spaces)."""
    pos = 0
    for w in text.split():
        yield w, pos
        pos += len(normalize(w))


_KEPT = re.compile(r"[^\s\W_]")


def _normalised_at(src: str) -> list[int | None]:
    """For each character of `nfkc(text)`, its position in `normalize(text)` (None where `normalize` drops it:
    whitespace, punctuation, underscore)."""
    at: list[int | None] = []
    pos = 0
    for ch in src:
        if _KEPT.match(ch):
            at.append(pos)
            pos += 1
        else:
            at.append(None)
    return at


def _inside_nouns(text: str) -> set[int]:
    """Positions of the normalised text (see `normalize`) that fall inside one Hangul noun of the analyser, not at
    its start ("겨울" holds 울 at 1): no product name begins there."""
    from core.language.morphology import analyse

    src = nfkc(text)
    at = _normalised_at(src)
    return {p for m in analyse(src) if m.pos in ("NNG", "NNP") and m.end - m.start >= 2 and re.fullmatch(r"[가-힣]+", m.surface)
            for i in range(m.start + 1, min(m.end, len(at))) if (p := at[i]) is not None}


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _latin_bounds(text: str) -> tuple[set[int], set[int]]:
    """Where English words start and end, as positions in `normalize(text)` (which drops the spaces between them)."""
    src = nfkc(text)
    if not any(_latin(ch) for ch in src):
        return set(), set()
    at = _normalised_at(src)
    starts, ends = set(), set()
    for i, ch in enumerate(src):
        p = at[i]
        if p is None or not _latin(ch):
            continue
        if i == 0 or not _latin(src[i - 1]):
            starts.add(p)
        if i + 1 == len(src) or not _latin(src[i + 1]):
            ends.add(p + 1)
    return starts, ends


def _ends_word(c: str, end: int, ends: set[int]) -> bool:
    """An English name ends at a word's end, or before its plural ending ("eggs" names an egg)."""
    return end in ends or (c[end:end + 1] == "s" and end + 1 in ends) or (c[end:end + 2] == "es" and end + 2 in ends)


def _index(knowledge: Any) -> "_MentionIndex":
    version = f"{id(knowledge)}:{getattr(knowledge, 'version', '')}"
    index = _cache.get(version)
    if index is None:
        with _lock:
            index = _cache.get(version)
            if index is None:
                if len(_cache) > 4:
                    _cache.clear()
                index = _cache[version] = _MentionIndex(knowledge)
    return index


def sibling_product(knowledge: Any, product: Any, word: str) -> str | None:
    """The product whose name is `product`'s with `word` in place of a part ("팬츠" after 테일러드 셋업 자켓 ->
    테일러드 셋업 팬츠; "가죽" against 캔버스 스니커즈 -> 가죽 스니커즈), or None."""
    index = _index(knowledge)
    w = normalize(word)
    for name in (product.name, *product.aliases):
        found = index._sibling(normalize(name), w)
        if found:
            owners = index.owners.get(found, set()) - {product.id}
            if len(owners) == 1:
                return next(iter(owners))
    return None


def mentioned_products(knowledge: Any, text: str) -> list[str]:
    """Ids of the products whose name/alias appears in `text`, in the order the customer names them."""
    return [pid for pid, _, _ in mention_spans(knowledge, text)]


_COUNT_WORDS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5}


def basket(knowledge: Any, text: str) -> list[tuple[str, int]]:
    """(product id, quantity) for each product named in `text`; "셔츠 두 개랑 슬랙스 하나" gives 2 and 1, and "반팔티
    흰색 L 2장이랑 양말 하나" 2 and 1: a count belongs to the product named before it (a bare digit only with a counter,
    so "셔츠 100" stays a size). A product is one entry here, counted by its first line; `basket_lines` keeps the
    lines of its options of other prices apart."""
    return per_product(basket_lines(knowledge, text))


def per_product(lines: list[tuple[str, int, str]]) -> list[tuple[str, int]]:
    """A basket's lines as one entry per product, counted by its first line, in the order named."""
    out: dict[str, int] = {}
    for pid, qty, _ in lines:
        out.setdefault(pid, qty)
    return list(out.items())


def basket_lines(knowledge: Any, text: str) -> list[tuple[str, int, str]]:
    """(product id, quantity, its conjunct) for each line of the basket in `text`: "마스크팩 10매짜리 3개랑 1매짜리 5개"
    is two lines of one product, each priced by the option its own conjunct names; the conjunct is the whole text
    when the turn is one conjunct."""
    text = recounted(text)
    segments = [part for seg in CONJUNCTION.split(nfkc(text)) if seg.strip() for part in _counted_parts(seg, knowledge)]
    if SHARED_SAID.search(text):  # ("두부랑 계란 고등어 각각": bare words in a conjunct too)
        segments = [part for seg in segments for part in _bare_words_listed(seg, knowledge)]
    if len(segments) > 1:  # "23호 리필포함이랑 토너 150 같이": each conjunct names one product, by a part of its name
        out: list[tuple[str, int, str]] = []
        values = 1  # the values of the last product named, one conjunct each
        missed: list[tuple[int, str]] = []  # conjuncts that named no one product, and where they stand
        for seg in segments:
            if out and _another_option_of(knowledge, out[-1][0], seg):
                # "햅쌀 10kg이랑 20kg": the same rice in its other weight, not 절임배추 20kg; of one price, its count
                # is more of the product ("아이보리 M이랑 네이비 M 하나씩": two knits); of another price, a line of its own
                pid, had, said = out[-1]
                values += 1
                qty = next((v for _, v in _not_options(knowledge, pid, seg, _counts(seg))), None)
                if not _one_price(knowledge, pid):
                    if qty is not None and _EACH.search(seg):  # "10kg이랑 20kg 두개씩": each line that count
                        out = [(p, qty if p == pid else q, s) for p, q, s in out]
                    out.append((pid, qty or 1, seg))
                elif qty is not None:  # (a count said: "navy, size M" is one knit)
                    out[-1] = (pid, qty * values if _EACH.search(seg) else had + qty, said)
                continue
            values = 1
            had = len(out)
            for pid, qty in _named_basket(knowledge, seg) or _searched(knowledge, seg, fuzzy=True) \
                    or _sibling_of(knowledge, [(p, q) for p, q, _ in out], seg) \
                    or _lead_words(knowledge, seg, seg is segments[-1] and len(out) == len(segments) - 1):
                if all(pid != p for p, _, _ in out):
                    out.append((pid, qty, seg))
            if len(out) == had:
                missed.append((had, seg))
        if out and missed:
            # "싱글이랑 발마칸 차이": a word that several names hold (싱글 울 코트, a 싱글 blazer) is the one of the kind
            # the other conjuncts name (발마칸 코트: a name that ends in 코트 too)
            kinds = frozenset(normalize(p.name.split()[-1]) for pid, _, _ in out
                              if (p := knowledge.product(pid)) is not None and p.name.split())
            for at, seg in reversed(missed):
                for pid, qty in _searched(knowledge, seg, heads=kinds):
                    if all(pid != p for p, _, _ in out):
                        out.insert(at, (pid, qty, seg))
        return out
    # one conjunct: the products named whole (a word that is only part of a name, "제주" of 제주 노지 감귤, is no basket)
    return [(pid, qty, text) for pid, qty in _named_basket(knowledge, text)]


def _one_price(knowledge: Any, pid: str) -> bool:
    """Every option of the product sells at one price (a count of any of them is priced alike)."""
    p = knowledge.product(pid)
    return p is not None and len({v.price for v in p.variants}) == 1


def _lead_words(knowledge: Any, segment: str, last: bool) -> list[tuple[str, int]]:
    """The last conjunct's product named by its first word alone, the rest being what is asked of the basket ("귤5kg
    둘다 사면 제주 배송비 얼마에요?" -> 귤5kg): only for the last conjunct, which carries the shared predicate, and only
    when every conjunct before it named its product (`last`)."""
    words = segment.split()
    if not last or len(words) < 3:
        return []
    return _searched(knowledge, words[0], fuzzy=True)


_DETERMINERS = frozenset({"the", "a", "an", "some", "my", "your", "those", "these", "that", "this"})


def unresolved_kind(knowledge: Any, text: str) -> tuple[str, int, int, list[Any]] | None:
    """A conjunct of a basket naming only a kind the shop sells several products of ("맨투맨 L 두개랑 비니 하나"):
    its word, the conjunct's span (its joining word included) and those products, any of which may be meant."""
    s = nfkc(text)
    joins = list(CONJUNCTION.finditer(s))
    if not joins:
        return None
    cuts = [0, *[x for m in joins for x in (m.start(), m.end())], len(s)]
    spans = list(zip(cuts[::2], cuts[1::2]))
    named = [_named_basket(knowledge, s[a:b]) for a, b in spans]
    found = [x or _searched(knowledge, s[a:b], fuzzy=True) for x, (a, b) in zip(named, spans)]
    for i, (start, end) in enumerate(spans):
        seg = s[start:end]
        others = {pid for j, x in enumerate(found) if j != i for pid, _ in x}
        # a conjunct found only by a near match to a product another conjunct names ("토너랑 크림이랑 선크림": 크림 is
        # not the sunscreen listed after it) names none of its own
        if not seg.split() or named[i] or found[i] and not {pid for pid, _ in found[i]} <= others:
            continue
        first = next((w for w in seg.split() if w.lower() not in _DETERMINERS), "")
        word = normalize(strip_particles(first))
        if len(word) < 2:
            continue
        try:
            products = [p for p in knowledge.products() if word in normalize(p.name) and p.id not in others]
            if not products and re.fullmatch(r"[a-z]{3,}", word):
                # an English kind word ("and the slacks in 32"): the products whose English aliases end in it
                stem = re.sub(r"(?<=[^s])s$", "", word)
                products = [p for p in knowledge.products() if p.id not in others and any(
                    re.search(rf"\b{re.escape(stem)}s?$", a.lower()) for a in p.aliases if re.fullmatch(r"[A-Za-z][A-Za-z\s-]*", a))]
        except (AttributeError, TypeError):
            return None
        if len(products) >= 2:
            # the joining word goes with the conjunct: the one after it, or (the last conjunct) the one before it
            span = (start, cuts[2 * i + 1 + 1]) if i + 1 < len(cuts) // 2 else (cuts[2 * i - 1], end)
            return word, span[0], span[1], products
    return None


def counts_said(text: str) -> bool:
    """A count of items bought is written ("두 개", "3팩", "하나"): a basket, not the sizes a product comes in."""
    return bool(_COUNT_SAID.search(nfkc(text)))


def count_written(text: str) -> str | None:
    """The first count of items as written ("50벌", "두 개"); None when there is none."""
    found = _COUNT_SAID.search(nfkc(text))
    return found.group().strip() if found else None


def counts_several(text: str) -> bool:
    """Two or more counts in the turn ("우유 두개 두부 세개"): several products may be listed without a joining word."""
    return len(_COUNT_SAID.findall(nfkc(text))) >= 2


# both or each of what was just named ("공청기 모니터 둘다", "each", "both of them")
_BOTH = re.compile(r"둘\s*다|두\s*개\s*다|두\s*가지\s*다|각각|\bboth\b|\beach\b", re.I)


def both_named(knowledge: Any, text: str) -> list[str]:
    """The products named one after another with no joining word before "둘 다" ("공청기 모니터 둘다 얼마에요?"): each
    word before it that names one product clearly; [] unless at least two do."""
    both = _BOTH.search(nfkc(text))
    if both is None:
        return []
    out: list[str] = []
    for w in nfkc(text)[:both.start()].split():
        for pid, _ in _searched(knowledge, w, fuzzy=True):
            if pid not in out:
                out.append(pid)
    return out if len(out) >= 2 else []


def _counted_parts(segment: str, knowledge: Any = None) -> list[str]:
    """A conjunct that counts several products one after another with no joining word ("계란 하나 두부 3개 사면"):
    one part per count, each ending on its count (what follows the last stays with it); else the conjunct itself."""
    counts: list[tuple[int, int, bool]] = [(m.start(), m.end(), False) for m in _COUNT_SAID.finditer(segment)]
    # ("사과3키로 귤5키로 고구마3키로": an amount of the shop's own options, a number with its unit, ends a product's
    # part as a count does, when a product's name stands between it and the next)
    measured = [(m.start, m.end, True) for m in option_values_in(knowledge, segment)
                if re.fullmatch(r"\d+(?:\.\d+)?\s*[^\d\s.,]+", segment[m.start:m.end].strip())] if knowledge is not None else []
    marks = sorted({*counts, *(x for x in measured if not any(a < x[1] and x[0] < b for a, b, _ in counts))})
    if len(marks) < 2:
        return [segment]
    parts, start = [], 0
    for (_, end, _), (after, _, value) in zip(marks[:-1], marks[1:]):
        between = segment[end:after]
        if value and not (_names_product(knowledge, between) and _names_product(knowledge, segment[start:end])) \
                or not re.search(r"[가-힣A-Za-z]{2,}", between) and not _names_product(knowledge, between) \
                or _only_option_values(knowledge, between):
            # "흰양말 3팩 2개", "양말 3팩 화이트 5개": a pack's size then how many of it, one product's (no name between
            # them, only an option value)
            continue
        parts.append(segment[start:end].strip())
        start = end
    parts.append(segment[start:].strip())
    return [p for p in parts if p]


EVERY_ONE = re.compile(r"(?<![가-힣])(?:다|모두|전부)\s")  # all of them ("… 다 블랙으로")
SHARED_SAID = re.compile(r"(?<=[가-힣\d])씩(?![가-힣])|각각|" + EVERY_ONE.pattern)  # a count or option said of all


def _bare_words_listed(segment: str, knowledge: Any) -> list[str]:
    """"계란 두부 시금치 하나씩 담으면 얼마에요": products named one after another by bare words, no joining word,
    and something said of them all (하나씩, 각각, 다): one part per product. Each leading word names one product
    by itself, another than the others', and the rest of the turn names one more; else the conjunct itself ("린넨
    셔츠 하나씩" names one shirt: 셔츠 names no one product)."""
    words = segment.split()
    if knowledge is None or len(words) < 2:
        return [segment]
    ids: list[str] = []
    for w in words[:-1]:
        if not re.fullmatch(r"[가-힣]{2,}", w):
            break
        found = _searched(knowledge, w, fuzzy=True)
        if len(found) != 1 or found[0][0] in ids:
            break
        ids.append(found[0][0])
    if not ids:
        return [segment]
    rest = " ".join(words[len(ids):])
    last = _searched(knowledge, rest, fuzzy=True)
    if len(last) != 1 or last[0][0] in ids:
        # (the last word named a product too, and the rest asks of them all: "계란 두부 시금치 다 얼마")
        if len(ids) < 2:
            return [segment]
        return [*words[:len(ids) - 1], " ".join(words[len(ids) - 1:])]
    return [*words[:len(ids)], rest]


def _names_product(knowledge: Any, text: str) -> bool:
    """Some word of `text` names a product: a key of the mention index, or a one-syllable name said as a whole
    word ("귤")."""
    if knowledge is None or not text.strip():
        return False
    index = _index(knowledge)
    return bool(index.spans(text)) or any(strip_particles(normalize(w)) in index.short for w in text.split())


def option_values_in(knowledge: Any, text: str) -> list[Any]:
    """The shop's option values `text` names ("흑청 32 있어요?"), by the option vocabulary; [] without one."""
    if knowledge is None or not text.strip():
        return []
    try:
        return list(knowledge._searcher().vocab.find_mentions(text))
    except (AttributeError, TypeError):
        return []


def _only_option_values(knowledge: Any, text: str) -> bool:
    """Whether every word of `text` is an option value of the shop's ("화이트", "블랙 L"), naming no product."""
    found = option_values_in(knowledge, text)
    rest = text
    for m in sorted(found, key=lambda x: -x.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    return bool(found) and not re.search(r"[가-힣A-Za-z]{2,}", rest)


def _question_words_out(text: str) -> str:
    """`text` without the words the lexicon reads as what is asked ("차이", "있어요", "얼마"): what is left may name a
    product; those words never do by a near match."""
    from agent.turn_analysis import analyse_turn

    out = text
    for h in sorted(analyse_turn(text).hits, key=lambda h: -h.start):
        out = out[:h.start] + " " + out[h.end:]
    return out


def _another_option_of(knowledge: Any, pid: str, segment: str) -> bool:
    """The conjunct is nothing but a value of the product just named ("20kg", "블랙은", "L 사이즈"): no product of its own."""
    product = knowledge.product(pid)
    try:
        found = knowledge._searcher().vocab.find_mentions(segment)
    except (AttributeError, TypeError):
        return False
    if product is None or not found:
        return False
    rest = segment
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = _question_words_out(rest)  # ("네이비 차이 있어요?": 차이 asks how they differ, it is no 차이나카라 셔츠)
    if _named_basket(knowledge, rest) or _searched(knowledge, rest, fuzzy=True) \
            or any(k in rest for k in kind_words(knowledge) if len(k) >= 2) or _sibling_of(knowledge, [(pid, 1)], rest):
        return False  # a product, a kind or a sibling is named beside the value ("배추 20kg", "팬츠 32 네이비")
    values = {v for axis in product.axes for v in product.values(axis.key)}
    return all(m.value in values for m in found if m.value) and any(m.value for m in found)


# a search match clear enough to name a conjunct's product on its own: high, and well ahead of the next one
_CLEAR_MATCH, _CLEAR_MARGIN = 80.0, 15.0

# "A랑 B", "A하고 B", "A and B", "A, B": conjuncts (와/과 are left out: they end nouns too, 사과 is an apple)
CONJUNCTION = re.compile(r"(?<=[가-힣A-Za-z0-9])(?:이랑|랑|하고)\s+|\s+(?:and|plus|or)\s+|\s*[+&]\s*|\s*,(?!\d{3})\s*", re.I)  # not 31,200


def _searched(knowledge: Any, segment: str, fuzzy: bool = False,
              heads: frozenset[str] = frozenset()) -> list[tuple[str, int]]:
    """The one product a conjunct names by part of its name ("토너 150" -> 어성초 진정 토너), with its count; with
    `fuzzy` (a conjunct of several), also the one product the search finds clearly though no word of its name is
    written as such ("폼클렌저" -> 약산성 클렌징 폼); with `heads`, only among products whose name ends in one of them."""
    said = {strip_particles(w) for w in words(segment)} - {""}
    first = strip_particles(normalize(segment.split()[0])) if segment.split() else ""
    owners = _index(knowledge).short.get(first, set()) if len(first) == 1 else set()
    if len(owners) == 1:  # "김 하나 사면 총 얼마예요?": a conjunct led by a product's one-syllable name
        return [_counted(knowledge, next(iter(owners)), segment)]
    try:
        found = knowledge.find_products(segment)
    except (AttributeError, TypeError):
        return []
    ranked: list[tuple[tuple[int, int], str]] = []
    for m in found.matches[:5]:
        p = knowledge.product(m.product_id)
        if p is None or m.score < 50:
            continue
        names = [[normalize(x) for x in str(n).split()] for n in (p.name, *p.aliases)]
        heads_of = {n[-1] for n in names if n}
        if heads and not heads_of & heads:
            continue
        parts = {x for n in names for x in n}
        # the name holding most words of the conjunct ("베이직 반팔" is 베이직 반팔 티셔츠, not 헤비코튼 오버핏 반팔 티셔츠),
        # then the one whose head noun is among them
        whole = {normalize(str(n)) for n in (p.name, *p.aliases)}
        # a word of one syllable only as a whole name of its own ("김 하나": the shop's alias 김), never a part of one
        held = [normalize(w) for w in said if (len(w) >= 2 and normalize(w) in parts) or normalize(w) in whole]
        if held:
            ranked.append(((len(held), sum(1 for w in held if w in heads_of)), m.product_id))
    if not ranked and fuzzy and found.matches and not found.ambiguous and found.matches[0].score >= _CLEAR_MATCH \
            and (len(found.matches) < 2 or found.matches[0].score - found.matches[1].score >= _CLEAR_MARGIN):
        return [_counted(knowledge, found.matches[0].product_id, segment)]
    best = max((r for r, _ in ranked), default=(0, 0))
    top = [pid for r, pid in ranked if r == best]
    if len(top) != 1:
        return []
    return [_counted(knowledge, top[0], segment)]


def searched_product(knowledge: Any, text: str) -> str | None:
    """The one product `text` names by a part of its name ("토너 150도 하나 추가하면" -> 어성초 진정 토너) when the
    search ranks it first too ("바지도 브라운 32로" names no one pair of trousers), or None."""
    found = _searched(knowledge, text)
    if not found:
        return None
    ranked = knowledge.find_products(text).matches
    return found[0][0] if ranked and ranked[0].product_id == found[0][0] else None


def _accessory_named(knowledge: Any, pid: str, after: str) -> str | None:
    """The product named by a word written right after `pid`'s name that heads another product of the same line
    ("공청기 필터": the A30's replacement filter, both named A30), so the count that follows is the accessory's.
    `after` is the normalised text following the name; None unless exactly one product fits."""
    product = knowledge.product(pid)
    if product is None or not after:
        return None
    index = _index(knowledge)
    own = set(index.name_words.get(pid, ())) | {w for a in product.aliases if len(w := normalize(a)) >= 2}
    fits = {other for w in own for other in index.with_word.get(w, ()) if other != pid
            and any(after.startswith(t) for t in index.name_words.get(other, ()) - own)}
    return next(iter(fits)) if len(fits) == 1 else None


def _named_basket(knowledge: Any, text: str) -> list[tuple[str, int]]:
    spans = mention_spans(knowledge, text)
    counts = _counts(text)
    before = _english_counts_before(text)
    flat = normalize(text)
    out = []
    for i, (pid, start, end) in enumerate(spans):
        if (i + 1 == len(spans) or spans[i + 1][1] > end) \
                and (accessory := _accessory_named(knowledge, pid, flat[end:end + 12])) is not None:
            pid = accessory  # "공청기 필터 2개": the filter, counted
        until = spans[i + 1][1] if i + 1 < len(spans) else 10**9
        own_counts = _not_options(knowledge, pid, text, counts)
        # English puts the count before the noun ("2 basic tees"), Korean after it ("반팔티 2장"); never an option value
        # of the product ("the black 32 wide slacks")
        ahead = before.get(start)
        if ahead is not None and str(ahead) in _option_numbers(knowledge, pid):
            ahead = None
        qty = ahead or next((value for pos, value in own_counts if end <= pos < until), 1)
        out.append((pid, max(1, min(qty, 99))))
    return out


def _sibling_of(knowledge: Any, before: list[tuple[str, int]], segment: str) -> list[tuple[str, int]]:
    """A conjunct that names only a kind ("팬츠 네이비 32") after a product of a set ("테일러드 자켓 L이랑 …"): the
    product whose name is the earlier one's with that word in place of its head (테일러드 셋업 팬츠), with its count."""
    first = strip_particles(segment.split()[0]) if segment.split() else ""
    product = knowledge.product(before[-1][0]) if before and first else None
    pid = sibling_product(knowledge, product, first) if product is not None else None
    return [_counted(knowledge, pid, segment)] if pid is not None else []


def _counted(knowledge: Any, pid: str, segment: str) -> tuple[str, int]:
    """The product a conjunct names, with the first count written in it that is no option value of its (else 1)."""
    qty = next((value for _, value in _not_options(knowledge, pid, segment, _counts(segment))), None)
    if qty is None:  # "2 tints": an English count before the words of a conjunct that names one product
        ahead = [v for v in _english_counts_before(segment).values() if str(v) not in _option_numbers(knowledge, pid)]
        qty = ahead[0] if len(ahead) == 1 else 1
    return pid, max(1, min(qty, 99))


def _option_values(knowledge: Any, pid: str) -> list[str]:
    """The product's option values, written as the text is normalised ("10매", "32", "5kg")."""
    p = knowledge.product(pid)
    return [v for axis in p.axes for x in p.values(axis.key) if (v := normalize(str(x)))] if p is not None else []


def _option_numbers(knowledge: Any, pid: str) -> set[str]:
    """The numbers the product's option values are written with ("32", "270", "50"), and its name's own ("a tray of 30
    eggs" of 유정란 30구 is one tray)."""
    p = knowledge.product(pid)
    named = " ".join(str(n) for n in (p.name, *p.aliases)) if p is not None else ""
    return {m.group(0) for v in [*_option_values(knowledge, pid), named] for m in re.finditer(r"\d+", v)}


def counts_not_options(knowledge: Any, pid: str, text: str) -> list[tuple[int, int]]:
    """The counts of `text` that are no option value of the product (see `_not_options`)."""
    return _not_options(knowledge, pid, text, _counts(text))


def _not_options(knowledge: Any, pid: str, text: str, counts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The counts that are not one of the product's own option values ("마스크팩 10매": the 10-sheet pack, not ten)."""
    product = knowledge.product(pid)
    named = [normalize(w) for w in re.findall(r"\d+\s*[가-힣A-Za-z]+", nfkc(product.name))] if product is not None else []
    # (and the amount its name is sold in: "김 10봉 하나" is one pack of 완도 곱창김 10봉, not ten)
    # (a name's count of pieces, "유정란 30구", "마스크팩 10매", is what "30개" of it counts: the pack, not thirty packs)
    pieces = [m.group(1) + "개" for v in named if (m := re.fullmatch(r"(\d+)(구|입|개입|알|매|정)", v))]
    values = [v for v in [*_option_values(knowledge, pid), *named, *pieces] if v[:1].isdigit()]
    flat = normalize(nfkc(text))
    return [(pos, value) for pos, value in counts if not any(flat.startswith(v, pos) for v in values)]


# an English count right before the words it counts ("2 basic tees", "two hoodies"), not a measure ("2 kg", "2 days")
_EN_COUNT = r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_ENGLISH_COUNT_BEFORE = re.compile(_EN_COUNT + r"\s+(?!(?:kg|g|ml|l|cm|mm|inch|inches|"
                                   r"won|krw|days?|weeks?|months?|years?|hours?|pm|am|of\b|or\b|and\b|to\b)\b)(?=[a-z])", re.I)


# a count of containers of the product ("2 bags of 10kg rice", "three packs of mackerel"): the count is the product's
_ENGLISH_COUNT_OF = re.compile(_EN_COUNT + r"\s+(?:bags?|packs?|packets?|boxes?|"
                               r"bottles?|cans?|pieces?|pairs?|sets?|units?|cartons?|trays?|jars?|tubes?|sacks?)\s+of\s+"
                               r"(?:(?:the|your)\s+)?(?:\d+(?:\.\d+)?\s*(?:kg|g|ml|l)\s+)?(?=[a-z])", re.I)


# "the 10 pack of eggs", "a 6-pack", "10-pack": the size of one pack (a number with a singular container word after
# an article or a hyphen), never how many packs
_PACK_SIZE = re.compile(r"(?:\b(?:the|a|an|this|that)\s+\S+\s*-?\s*|\S+-)(?:pack|packet|box|bag|set|bottle|carton|tray)\b(?!s)",
                        re.I)


def _pack_size(clean: str, start: int) -> bool:
    """Whether the English number at `start` is a pack's size ("the 10 pack"), not a count."""
    head = re.search(r"\b(?:the|a|an|this|that)\s+$", clean[:start], re.I)
    return bool(_PACK_SIZE.match(clean, head.start() if head else start))


def _english_counts_before(text: str) -> dict[int, int]:
    """{position in the normalised text where the counted words start: count} for an English turn."""
    clean = nfkc(text)
    if re.search(r"[가-힣]", clean):
        return {}
    out: dict[int, int] = {}
    for m in [*_ENGLISH_COUNT_BEFORE.finditer(clean), *_ENGLISH_COUNT_OF.finditer(clean)]:
        word = m.group(1).lower()
        value = int(word) if word.isdigit() else _ENGLISH_NUMBERS[word]
        if 1 < value <= 99 and not _pack_size(clean, m.start()):
            out[len(normalize(clean[:m.end()]))] = value
    return out


def mention_spans(knowledge: Any, text: str) -> list[tuple[str, int, int]]:
    """(product id, start, end) of the products named in `text` (positions in its normalised form)."""
    spans = _index(knowledge).spans(text)
    return [(_fuller_korean_name(knowledge, text, _fuller_english_name(knowledge, text, pid), start,
                                 [(a, b) for q, a, b in spans if (q, a, b) != (pid, start, end)]), start, end)
            for pid, start, end in spans]


def _fuller_korean_name(knowledge: Any, text: str, pid: str, start: int, others: list[tuple[int, int]]) -> str:
    """A Korean alias said right after a word of another product's name that the alias's own product does not hold,
    which together search to that product first ("스트라이프 긴팔티": 스트라이프 긴팔 티셔츠, though "긴팔티" alone is
    베이직 긴팔 티셔츠's alias): that product. `start` is the alias's position in the normalised text; never a word of
    another product named (`others`, their spans: "울 머플러 골지 비니", "재택근무세트 키보드")."""
    product = knowledge.product(pid)
    if product is None or start <= 0 or any(a < start <= b for a, b in others):
        return pid
    said = nfkc(text).split()
    at = 0
    for k, w in enumerate(said):
        n = len(normalize(w))
        if at <= start < at + n:
            inner = normalize(w)[:start - at]  # ("스트라이프긴팔티": the word glued before it)
            word = inner or (normalize(said[k - 1]) if k else "")
            rest = said[k]
            break
        at += n
    else:
        return pid
    if not re.fullmatch(r"[가-힣]{2,}", word) or word in normalize(" ".join([product.name, *(product.aliases or ())])):
        return pid
    _, top = _searched_past(knowledge, pid, f"{word} {rest}")  # (the two words alone: never a list's other items)
    if top is None:
        return pid
    other = knowledge.product(top.product_id)
    theirs = normalize(" ".join([other.name, *(other.aliases or ())])) if other is not None else ""
    return top.product_id if word in theirs else pid


def _searched_past(knowledge: Any, pid: str, words: str) -> tuple[Any, Any | None]:
    """The search of an alias with the words said before it, and its top match when that is another product found
    clearly (90 or more, and 2 over the alias's own product: close scores too, when the words before move the search
    off the alias's product: "lambswool crewneck knit" is 램스울 크루넥 니트, though "crewneck knit" alone is 크루넥 니트)."""
    found = knowledge.find_products(words)
    top = found.matches[0] if found.matches else None
    own = next((m.score for m in found.matches if m.product_id == pid), 0.0)
    return found, (top if top is not None and top.product_id != pid and top.score >= 90 and top.score >= own + 2
                   else None)


_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'-]*(?:\s+[A-Za-z][A-Za-z'-]*)+")


def _fuller_english_name(knowledge: Any, text: str, pid: str) -> str:
    """An English alias said with more English words before it that together sound like another product's whole
    name ("heavy sweat hoodie": 헤비 스웻 후드티, though "hoodie" alone is 기모 후드티's alias): that product."""
    product = knowledge.product(pid)
    aliases = [a.lower().split() for a in (getattr(product, "aliases", None) or ()) if a.isascii()]
    if not aliases or not re.search(r"[A-Za-z]", text):
        return pid
    for run in _ENGLISH_RUN.finditer(nfkc(text)):
        said = run.group().lower()
        for alias in aliases:
            # the alias as said, spaced or not ("crewneck knit" for "crew neck knit")
            m = re.search(r"\b" + r"\s*".join(map(re.escape, "".join(alias))) + r"\b", said)
            before = said[:m.start()].split()[-3:] if m else []
            if not before:
                continue
            found, top = _searched_past(knowledge, pid, " ".join([*before, m.group()]))
            if top is None:
                continue
            other = knowledge.product(top.product_id)
            words = " ".join(a.lower() for a in (getattr(other, "aliases", None) or ()) if a.isascii())
            if not found.ambiguous or any(len(w) >= 4 and re.search(rf"\b{re.escape(w)}\b", words) for w in before):
                return top.product_id  # (ambiguous only when a word before is the other product's own English word)
    return pid


COUNTERS = "개|벌|장|켤레|세트|팩|족|박스|병|봉지|봉|통|포대|대|모|판|포기|포(?![트인터])|마리|송이|묶음|캔|상자|자루|망|매"  # counters of goods
# a count written after a product: a number with its counter, or a counting word ("2개", "3봉", "하나", "두 팩"); never
# "둘 다" / "둘 중" (both, of the two), as `_counts` reads them
_COUNT_SAID = re.compile(r"(?:(?<![\d.A-Za-z])\d+\s*(?:" + COUNTERS + r")|(?<![\w])(?:한|두|세|네|다섯)\s*(?:" + COUNTERS
                         + r")|(?<![\w])(?:하나|둘|셋|넷)(?!\s*(?:다|모두|전부|중)))(?=\s|$|[,.?!]|(?:이랑|랑|하고|씩)(?:\s|$))")
# (a joining particle may follow the count: "토너 하나랑 틴트 하나")
# (digits with their counter may be glued to the product's word: "두부3개 고등어1개")
# a turn that only changes how many ("2박스 사면요?", "두 개면요?", "3개 시키면요"): the order just discussed, recounted
_A_COUNT = r"(?:\d{1,2}|한|두|세|네|다섯|하나|둘|셋)\s*(?:" + COUNTERS + r")"
# one count changed to another ("3장을 5장으로", "두 개를 세 개로"): the second is the one bought
_COUNT_CHANGED = re.compile(rf"({_A_COUNT})\s*(?:을|를)\s*({_A_COUNT})\s*(?:으로|로)")
# ("한장 더 추가해서 3장이면요?", "한장 더 추가하면요?": one more, the new count or the added one)
COUNT_ONLY = re.compile(r"\s*(?:그럼|그러면|그면)?\s*(?:" + _A_COUNT + r"\s*더\s*(?:추가해서|추가하고|사서|해서)\s*)?"
                        + _A_COUNT + r"\s*(?:씩\s*)?(?:더\s*)?(?:사면|이면|면|시키면|주문하면|추가하면|담으면|살게요|살건데)"
                        r"\s*(?:요|은요|는요)?\s*[?？.!]*\s*$")
# a basket said as a condition and nothing more ("선크림이랑 핸드크림 하나씩 사면요?", "둘 다 시키면?"): after a fee
# quote, that fee for this basket
IF_BOUGHT = re.compile(r"(?:사면|시키면|주문하면|구매하면|담으면)\s*(?:요|은요|는요)?\s*[?？.!]*\s*$")
# a count word: digits with a counter anywhere in a word ("그레이로3개"), a native numeral at a word's start
# ("두벌", "하나 담으면"; 한/두/세/네 only with a counter: "한번", "두께" are no counts; never "둘다" (both))
_DIGIT_COUNT = re.compile(r"(?<![\d.])(\d{1,2})(" + COUNTERS + r")(?!짜리|들이|월)")  # "7개월" is months, not 7 of them
_WORD_COUNT = re.compile(r"^(하나|한|두|둘|세|셋|네|넷|다섯)(" + COUNTERS + r")?(?!다|째|이서|께|번|가지|분)")
_ENGLISH_COUNT = re.compile(r"(?<![\d.,])\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b(?![.,]\d)(?=\s*(?:of\s+(?:them|those|these|it|the\s+(?:[a-z]+\s+)?ones?\b)|pairs?|"
                            r"pieces?|pcs|items?|units?|packs?|sets?|bottles?|boxes?|[?.!]|$))", re.I)
_VALUE_WORD_BEFORE = re.compile(r"\b(size|sizes|sz|waist|length|inseam|number|no\.?|in|model|shade|#)\s*$", re.I)
# "SPF 50", "PM 2.5", "USB 3": a rating's value, not how many (never a letter size: "XXL 3장" is three in XXL)
_RATING_BEFORE = re.compile(r"(?<![A-Za-z])(?!(?:X{1,4}[SL]|XS)\s*$)[A-Z]{2,5}\s*$")
_ENGLISH_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _counts(text: str) -> list[tuple[int, int]]:
    """(position in the normalised text, value) of every count the customer wrote, in order."""
    out: list[tuple[int, int]] = []
    clean = nfkc(text)
    spaced = list(re.finditer(r"\S+", clean))
    raw = re.findall(r"\S+", text or "")
    for i, word in enumerate(spaced):
        w = normalize(word.group())
        offset = len(normalize(clean[:word.start()]))
        if w[:1].isdigit() and i and len(raw) == len(spaced) and _RATING_BEFORE.search(raw[i - 1] + " "):
            continue  # "SPF 50", "USB 3": a rating's value, not how many (its capitals read before `nfkc` lowers them)
        found = [(m.start(), m.group(1)) for m in _DIGIT_COUNT.finditer(w)]
        after = normalize(spaced[i + 1].group()) if i + 1 < len(spaced) else ""
        if re.fullmatch(r"\d{1,2}|하나|한|두|둘|세|셋|네|넷|다섯", w) and re.match(COUNTERS, after):
            found.append((0, w))  # "두 개", "2 벌": the counter written apart
        m = _WORD_COUNT.match(w)
        if m and not m.group(2) and (after in ("다", "모두", "전부") or re.match(r"중(에|에서)?$", after)
                                     or re.fullmatch(r"(둘|셋|넷)중(에|에서)?", w)):
            m = None  # "둘 다", "셋 모두", "둘 중": both / all / of the two, not a count
        if m and (m.group(2) or m.group(1) not in ("한", "두", "세", "네")):
            rest = w[m.end():]
            # the numeral alone, or with a particle ("셋이", "하나만"), never the first syllable of a word ("셋업으로")
            if m.group(2) or not rest or strip_particles(w) == m.group(1) or rest[:1] in ("만", "더", "씩", "사", "추", "주", "구", "담"):
                found.append((0, m.group(1)))
        if re.match(r"(차이|비교)", after):
            found = []  # "가디건 두개 차이 알려주세요": the two products compared, not two bought
        for start, number in sorted(found):
            value = int(number) if number.isdigit() else _COUNT_WORDS[number]
            if 1 <= value <= 99:
                out.append((offset + start, value))
    for m in _ENGLISH_COUNT.finditer(clean):
        word = m.group(1).lower()
        if word.isdigit() and re.search(r"[가-힣]", clean) and not re.match(r"\s+of\b", clean[m.end():]):
            continue  # a bare number in Korean text is a size or a value ("카키 30이랑 블랙 30"), never a count (but
            # "2 of the big one" is, in an English turn with a word localised to Korean)
        if word.isdigit() and (_VALUE_WORD_BEFORE.search(clean[:m.start()])
                               or len(text) == len(clean) and _RATING_BEFORE.search(text[:m.start()])) \
                or _pack_size(clean, m.start()):
            continue  # "size 34?", "waist 32", "in 30": the value of an option, not how many ("the 10 pack": its size)
        value = int(word) if word.isdigit() else _ENGLISH_NUMBERS[word]
        if 1 < value <= 99:
            out.append((len(normalize(clean[:m.start()])), value))
    return sorted(out)


def recounted(text: str) -> str:
    """A count changed to another ("반팔티 3장을 5장으로 늘리면요?"): the text with the new count alone in its place."""
    return _COUNT_CHANGED.sub(lambda m: m.group(2), text)


def lone_count(knowledge: Any, text: str) -> int | None:
    """A count that belongs to no product named in `text` ("2개 사면 …", "how much for two?"): it counts the product
    discussed before (all of them together when the turn names none). Counts after a named product are that
    product's (see `basket`)."""
    text = recounted(text)
    spans = mention_spans(knowledge, text)
    if not spans:  # "베이지 L 하나랑 화이트 L 하나": every count is of the product discussed (in one sentence: a later
        # one restates it, "50짜리 두개 사면요? 두개 가격이 얼마에요" is two, not four)
        for sentence in re.split(r"(?<=[?.!？])\s+", nfkc(text)):
            # "1매씩 10개 사는 거보다 싸네요?": what the purchase is weighed against (before 보다) is not bought (a slice that
            # ends at 보다, one option's own count, keeps it)
            weighed = re.split(r"(?<=[가-힣])보다(?![가-힣])", sentence)
            if len(weighed) > 1 and weighed[-1].strip(" ?.!~"):
                sentence = weighed[-1]
            counts = _counts(sentence)
            found = knowledge.find_products(sentence) if counts else None
            if found is not None and found.matches:
                # "김 10봉 2개": the amount the product near the words is sold in is no count of it (of each product
                # the words may name: "마스크 10매 두개" is two of the mask's 10-sheet pack, whether or not 마스카라 is meant)
                for match in found.matches[:1] if not found.ambiguous else found.matches[:3]:
                    counts = _not_options(knowledge, match.product_id, sentence, counts)
            total = sum(value for _, value in counts)
            if total:
                return total
        return None
    return next((value for pos, value in _counts(text) if pos < spans[0][1]), None)


def adds_to_previous(analysis: Any, knowledge: Any) -> bool:
    """The turn adds products to those already discussed: "양말도 하나 추가하면", "벨트도 같이 사면" (the particle
    도 right after a product; or, with at most one product named, 같이/함께 (the together concept), the noun 추가
    or the adverb 더)."""
    spans = mention_spans(knowledge, analysis.text)
    c = normalize(analysis.text)
    if any(c[e:e + 1] == "도" for _, _, e in spans):
        return True
    if len({pid for pid, _, _ in spans}) > 1:
        return False  # "A랑 B 같이 사면": together means the products of this turn
    return analysis.has("together") or adds_more(analysis)


def adds_more(analysis: Any) -> bool:
    """The noun 추가 or the adverb 더: more of something ("하나 더", "추가하면"; "if I add …", "one more")."""
    return any(m.lemma in ("추가", "더") and m.pos in ("NNG", "MAG") for m in analysis.morphemes) or analysis.has("add_more")


def first_count(text: str) -> int | None:
    """The first count the customer wrote in `text` ("그거 두개" -> 2), or None."""
    return next((value for _, value in _counts(text)), None)


def points_back(text: str) -> str | None:
    """The conjunct of `text` that points at the product discussed ("그거 두개랑 …" -> "그거 두개"), or None."""
    return next((seg for seg in CONJUNCTION.split(nfkc(text)) if DEMONSTRATIVE.match(_LEAD_WORD.sub("", seg.strip()))), None)


# a word that opens a turn before what it is about ("그럼 그거 두개랑 …", "아 이거 …")
_LEAD_WORD = re.compile(r"^(?:그럼|그러면|그리고|근데|그럼요|아|음|네|넵|혹시)\s+")


# a count of each thing named ("하나씩", "각각 두개", "one of each")
_EACH = re.compile(r"(?<=[가-힣\d])씩(?![가-힣])|각각|\beach\b|\bapiece\b", re.I)


def values_named(knowledge: Any, pid: str, text: str) -> int:
    """How many values of one kind of the product `text` names ("로지랑 코랄": 2 colours), at least 1."""
    p = knowledge.product(pid)
    if p is None:
        return 1
    by_axis: dict[str, set[str]] = {}
    for m in knowledge.find_products(text).mentions:
        if not m.partial and any(str(v) == m.value for v in p.values(m.axis)):
            by_axis.setdefault(m.axis, set()).add(m.value)
    return max((len(v) for v in by_axis.values()), default=1)


def _without_destination(knowledge: Any, text: str) -> str:
    """`text` without the place a parcel is sent to ("제주로", "울릉도에", "to Jeju"): a region's word there names no
    product, though a product's name may hold it (제주 노지 감귤)."""
    from core.knowledge.delivery_rules import PROVINCES

    try:
        policy = knowledge.delivery_policy()
        places = {*policy.jeju_region_words, *policy.remote_region_words, *PROVINCES}
    except (AttributeError, TypeError):
        places = set(PROVINCES)
    places = sorted((p for p in places if p), key=len, reverse=True)
    if not places:
        return text
    alt = "|".join(map(re.escape, places))
    # (also the place said as the customer's own or as the parcel's, right before a word of sending: "제주도 배송비는요",
    # "제주도인데 택배 며칠", "jeju shipping")
    return re.sub(rf"(?:{alt})\S*?(?:도|시|군)?(?:로|으로|에|에서|까지|쪽|지역)(?![가-힣])|\bto\s+(?:jeju|{alt})\b"
                  rf"|(?<![가-힣])(?:{alt})(?:도|시|군)?(?:인데|이면|면|은|는)?(?=\s*(?:배송|배달|택배|운임|\b(?:shipping|delivery)\b))",
                  " ", text, flags=re.I)


def carried_basket(knowledge: Any, analysis: Any, earlier: list[str]) -> list[tuple[str, int]]:
    """The products (with quantities) a fee or total question is about, across turns: this turn's own, those
    of the newest earlier message that named any when this one names none ("2개 사면 배송비 무료에요?" counts the
    product asked about before), or both when the turn adds to them ("양말도 하나 추가하면")."""
    # (the place the parcel goes names no product: "그럼 3kg 두개요, 제주도 배송비는요?" after apples is no 제주 감귤)
    now = basket(knowledge, _without_destination(knowledge, analysis.text))
    before: list[tuple[str, int]] = []
    for text in earlier:
        before = basket(knowledge, text) or _searched(knowledge, text)  # "토너 150 얼마에요": named by part of its name
        if before:
            newest = [x for x in re.split(r"(?<=[?.!？])\s+", nfkc(text)) if x.strip()][-1:]
            if len(before) == 1 and newest and newest[0] != nfkc(text).strip() \
                    and not mention_spans(knowledge, newest[0]) and (n := lone_count(knowledge, newest[0])):
                # "틴트 … 살수있어요? 그럼 모브 1개랑 코랄 3개 해주세요": the newest sentence's counts are all of the
                # one product discussed (four), not the first count written after its name
                before = [(before[0][0], n)]
            break
    if not before:
        return now
    if not now and (own := searched_product(knowledge, _without_destination(knowledge, analysis.text))) \
            and own not in dict(before):
        # "토너 150도 하나 추가하면": a product named by a part of its name, added; "헤비코튼 XL 화이트 2장이면" after
        # another T-shirt was quoted: that product instead
        now = [_counted(knowledge, own, analysis.text)]
    # "계란 한판 더 추가하면": one more of a product already in the basket, on top of what it held
    more = adds_more(analysis)
    if not now:
        count = lone_count(knowledge, analysis.text)
        if count and len(before) == 1 and more:
            # "한장 더 추가해서 3장이면요?": the count said after the "more" is the new one; "한장 더 추가하면요?": one
            # more on top of the basket's
            head, _, tail = nfkc(analysis.text).partition("더")
            after = [value for _, value in _counts(tail)]
            return [(before[0][0], after[-1] if after else before[0][1] + (first_count(head) or 1))]
        named = values_named(knowledge, before[0][0], analysis.text) if len(before) == 1 else 1
        if count and len(before) == 1:
            # "로지랑 코랄 하나씩": a count of each of the values named
            return [(before[0][0], count * named if _EACH.search(nfkc(analysis.text)) else count)]
        if named > 1:  # "로지랑 코랄로 사면요?": one of each
            return [(before[0][0], named)]
        again = _searched(knowledge, analysis.text) if more and len(before) >= 2 else []
        if len(again) == 1 and again[0][0] in dict(before):  # (named by a word of its name, "계란")
            added = first_count(analysis.text) or 1
            return [(pid, qty + added if pid == again[0][0] else qty) for pid, qty in before]
        return before
    pointed = points_back(analysis.text)
    if pointed is not None and len(before) == 1:  # "이거 3박스랑 사과 3키로 하나": this one, counted, and the other
        return [(before[0][0], first_count(pointed) or 1)] + [item for item in now if item[0] != before[0][0]]
    if adds_to_previous(analysis, knowledge):
        ids = {pid for pid, _ in now}
        had = dict(before)
        grown = _named_before_more(knowledge, analysis) if more else None
        return [item for item in before if item[0] not in ids] + [(pid, qty + had[pid] if pid == grown and pid in had else qty)
                                                                  for pid, qty in now]
    return now


def _named_before_more(knowledge: Any, analysis: Any) -> str | None:
    """The product named last before the word of "more" ("본체랑 필터 하나 더": the filter): the one there is more of,
    not every product of the turn that the basket held before."""
    at = next((m.start for m in analysis.morphemes if m.lemma in ("추가", "더") and m.pos in ("NNG", "MAG")), None)
    if at is None:
        return None
    text = nfkc(analysis.text)
    cut = max((m.end() for m in CONJUNCTION.finditer(text) if m.end() <= at), default=0)
    # the conjunct that holds it names the product ("필터 하나 더": by a word of its name)
    own = basket(knowledge, text[cut:at]) or _searched(knowledge, text[cut:at], fuzzy=True)
    if own:
        return own[-1][0]
    before = [(start, pid) for pid, start, _ in mention_spans(knowledge, text) if start < at]
    return max(before)[1] if before else None


def _every_product(knowledge: Any) -> list[Any]:
    try:
        return list(knowledge.filter_products(in_stock=None, limit=500))
    except (AttributeError, TypeError, ValueError):
        return []


def called_by(knowledge: Any, word: str) -> set[str]:
    """The products a customer's word for a kind calls by name: a word of their name or of another name of theirs
    ("맨투맨" calls 기모 맨투맨 and 하프집업 맨투맨, not the hoodies of the shop's 맨투맨/후드; "로퍼" calls only 페니
    로퍼, not every shoe of 신발)."""
    w = normalize(word)
    return {p.id for p in _every_product(knowledge)
            if any(w == normalize(n) or w in {normalize(x) for x in str(n).split()} for n in (p.name, *p.aliases))}


def kind_by_name_word(knowledge: Any, text: str) -> tuple[str, set[str]] | None:
    """A word of the turn that ends some product's name or other name, the head of a Korean noun phrase ("토너" of 어성초
    진정 토너, "크림" of 히알루론 수분 크림): the kind it names and the products it calls; the last such word (Korean
    phrases end in their head), None when there is none."""
    from agent.turn_analysis import GENERIC_NOUNS

    heads = {normalize(str(n).split()[-1]) for p in _every_product(knowledge) for n in (p.name, *p.aliases) if str(n).split()}
    said = [strip_particles(w) for w in re.findall(r"[가-힣A-Za-z]+", text)]
    found = None
    for i, word in enumerate(said):
        if i + 1 < len(said) and said[i + 1] in ("상품", "제품", "물건"):
            continue  # "베스트 상품 추천해줘": a word before 상품 is what the products are, no kind of them
        if len(word) >= 2 and word.lower() not in GENERIC_NOUNS and normalize(word) in heads \
                and (calls := called_by(knowledge, word)):
            found = (word, calls)
    return found
