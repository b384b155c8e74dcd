"""English words against Korean loanword names: "short puffer" finds 숏 푸퍼 패딩, "trucker" 트러커.

Korean shops name products with loanwords written in Hangul, and English-writing customers type the English
word. Both sides are reduced to a consonant skeleton the way Korean borrows English sounds: vowels and h/w/y
drop, f/v/b/p become P, d/t become T, g/k/c/q become K, s/z/th/j/ch/ts become S (Korean writes a final -s as
스 or 즈, so the hissing sounds are one class), l/r become L (an r
after a vowel that no vowel follows is silent, as in 퍼 for "-per"), and doubled letters collapse. Hangul
consonants map onto the same classes (final ㅅ is a T, final ㅇ the "ng" G). "puffer" and 푸퍼 both give P;
"fleece zip-up" and 플리스 집업 both give PLSSP. Pure functions; `core.knowledge.search` compares skeletons with
rapidfuzz when a name search in Hangul finds nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_INITIAL = "K K N T T L M P P S S _ S S S K T P _".split()  # ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ (_ = silent)
_FINAL = ["", "K", "K", "K", "N", "N", "N", "T", "L", "K", "M", "L", "L", "L", "P", "L", "M", "P", "P", "T", "T", "G",
          "T", "T", "K", "T", "P", ""]
_EN_DIGRAPHS = (("tch", "S"), ("sch", "S"), ("ph", "P"), ("sh", "S"), ("ch", "S"), ("th", "S"), ("ck", "K"),
                ("ts", "S"), ("tz", "S"), ("qu", "K"), ("wh", ""), ("gh", ""), ("ng", "G"), ("x", "KS"))
_EN_SINGLE = {"b": "P", "p": "P", "f": "P", "v": "P", "d": "T", "t": "T", "k": "K", "q": "K", "g": "K", "s": "S",
              "z": "S", "j": "S", "l": "L", "r": "L", "m": "M", "n": "N"}
_VOWELS = set("aeiouy")

# English words that never name a product: question words, shop vocabulary, sizes and colours said in
# English (colours are matched as option values elsewhere).
STOP = frozenset("""
a an the and or of in on at to for from with without by about is are was were be been do does did have has had
can could would will should may might must i you we he she it they me my your our its this that these those there
here what whats which who when where why how much many any some one ones all more most less other another
please thanks thank hi hello hey yes no not dont doesnt isnt arent wont cant ok okay just also too very really
price prices cost costs stock stocks size sizes color colors colour colours sale sales available left sold out
buy order ordered shipping ship ships delivery deliver return returns exchange refund cancel coupon points
black white gray grey navy beige brown red blue green pink khaki ivory charcoal camel burgundy cream
small medium large xl xxl free inch inches cm mm kg ml get got need want like looking look find difference
between same similar than still come comes back restock made where material chest width length sleeve waist
shoulder fit fits wear worn usually normally tall weigh weight height good better best new old version
won krw point
sell sells selling clothes clothing item items product products thing things stuff store shop
korean korea domestic imported origin country guys guy folks
great nice cool perfect awesome sure sorry fine well right alright then now today tomorrow but actually maybe if
ill im ive id take wow hmm
""".split())  # (the last lines: words for the goods, the shop or where goods come from, and the words of talk
# around a question, "Great, what about …", which name no product's loanword)


def _hangul_skeleton(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, final = code // 588, code % 28
            c = _INITIAL[initial]
            if c != "_":
                out.append(c)
            if _FINAL[final]:
                out.append(_FINAL[final])
    return _collapse("".join(out))


def _english_skeleton(text: str) -> str:
    word = re.sub(r"[^a-z]", "", text.lower())
    out = []
    i = 0
    while i < len(word):
        ch = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch == "r" and i > 0 and word[i - 1] in _VOWELS and nxt not in _VOWELS:
            i += 1  # "puffer" -> 퍼, "short" -> 숏: an r after a vowel with no vowel after it is silent
            continue
        if ch == "e" and i == len(word) - 1:
            break
        if ch == "k" and nxt == "n" and i == 0:
            i += 1  # "knit" -> 니트: a silent k
            continue
        if ch == "b" and i > 0 and word[i - 1] == "m" and nxt not in _VOWELS:
            i += 1  # "lambswool" -> 램스울, "climbing" -> 클라이밍: a b after m with no vowel after it is silent
            continue
        if word.startswith("ng", i) and i + 2 < len(word) and word[i + 2] in "lr":
            out.append("GK")  # "single" -> 싱글, "english" -> 잉글리시: Korean writes the g of -ngl- twice
            i += 2
            continue
        for digraph, sound in _EN_DIGRAPHS:
            if word.startswith(digraph, i):
                out.append(sound)
                i += len(digraph)
                break
        else:
            if ch == "c":
                out.append("S" if nxt in ("e", "i", "y") else "K")
            elif ch not in _VOWELS and ch not in "hw":
                out.append(_EN_SINGLE.get(ch, ""))
            i += 1
    return _collapse("".join(out))


def _collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The consonant skeleton of a Hangul or English text (spaces and other characters ignored)."""
    if re.search(r"[가-힣]", text or ""):
        return _hangul_skeleton(text)
    return "".join(_english_skeleton(w) for w in re.findall(r"[A-Za-z]+", text or ""))


def sound_key(text: str) -> str:
    """The skeleton with repeated classes collapsed ("puffer" and 푸퍼 both P): what two spellings are compared on."""
    return _collapse(skeleton(text))


def join_keys(keys: list[str]) -> str:
    """Skeletons of consecutive words joined as one key ("숏" + "푸퍼" -> STP, repeats collapsed across words)."""
    return _collapse("".join(keys))


def name_run_keys(name: str) -> list[tuple[str, int, int, list[str]]]:
    """(joined skeleton key, first, end, Hangul words) for every run of consecutive Hangul words of a product name
    ("숏 푸퍼 패딩" -> 숏, 숏 푸퍼, …, 푸퍼 패딩, 패딩): the keys an English phrase is matched against."""
    words = [w for w in str(name).split() if re.search(r"[가-힣]", w)]
    skels = [skeleton(w) for w in words]
    return [(join_keys(skels[a:b]), a, b, words) for a in range(len(skels)) for b in range(a + 1, len(skels) + 1)]


# Vowel shapes: front (e, i / ㅔ ㅣ …), back (o, u, "er" / ㅗ ㅜ ㅓ …) and open (a / ㅏ ㅐ). Consonants alone are too
# coarse for short names ("short puffer" and 스웨이드 헤비 both give STP); the vowels tell them apart.
_KO_VOWELS = "A A B A B F B F B A A F B B B F B B F F F"  # ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡ(-)ㅢㅣ
_KO_VOWEL = {i: c for i, c in enumerate(_KO_VOWELS.split())}
_KO_VOWEL[18] = ""  # ㅡ: the vowel Korean adds between consonants, no English vowel


def vowel_shape(text: str) -> str:
    """The vowel classes of a Hangul or English text, doubled ones collapsed ("short puffer" -> B, 숏 푸퍼 -> B)."""
    out = []
    if re.search(r"[가-힣]", text or ""):
        for ch in text:
            code = ord(ch) - 0xAC00
            if 0 <= code < 11172:
                out.append(_KO_VOWEL.get((code % 588) // 28, ""))
    else:
        for word in re.findall(r"[a-z]+", (text or "").lower()):
            word = re.sub(r"[eiu]r(?![aeiou])", "B", word)  # "-er", "-ir", "-ur" are written 어
            word = re.sub(r"e$", "", word)
            for ch in word:
                out.append({"a": "A", "e": "F", "i": "F", "y": "F", "o": "B", "u": "B", "B": "B"}.get(ch, ""))
    return _collapse("".join(out))


def english_name_phrases(text: str, max_words: int = 3) -> list[str]:
    """Runs of English words that may name a product ("what's the chest width of the short puffer in L?" ->
    "short puffer", "short", "puffer"), longest first; stop words break a run."""
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text or ""):
        w = word.lower().replace("'", "").replace("-", "")
        if w in STOP or len(w) < 3:
            runs.append([])
        else:
            runs[-1].append(w)
    phrases = []
    for run in runs:
        for n in range(min(max_words, len(run)), 0, -1):
            for i in range(len(run) - n + 1):
                phrase = " ".join(run[i:i + n])
                phrases.append(phrase)
                single = _singular(phrase)
                if single != phrase:
                    phrases.append(single)  # "chinos" is 치노, "sneakers" 스니커즈 either way
    return phrases


def _singular(phrase: str) -> str:
    """The phrase with an English plural -s (not -ss, -us) dropped from its last word: Korean names borrow the
    singular ("chinos" -> 치노), and a final -s would add a consonant to the skeleton."""
    return re.sub(r"(?<=[a-z]{3})(?<![su])s$", "", phrase)
