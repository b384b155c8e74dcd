"""Korean normalisation: NFKC, spacing, particles (받침-aware), jamo decomposition."""

from __future__ import annotations

import pytest

from core.language.korean_text import jamo, normalize, strip_particles, tokens


def test_normalize_drops_spacing_punctuation_and_width() -> None:
    assert normalize(" 린넨 셔츠! ") == "린넨셔츠"
    assert normalize("ＬＩＮＥＮ Shirt") == "linenshirt"   # full-width -> ASCII, lowercase


@pytest.mark.parametrize(("word", "stem"), [
    ("셔츠를", "셔츠"), ("가방이", "가방"), ("바지도요", "바지"), ("청바지요", "청바지"), ("코트랑", "코트"),
    ("가방으로", "가방"), ("샌들로", "샌들"), ("니트가", "니트"), ("맨투맨이랑", "맨투맨"), ("셔츠좀", "셔츠"),
    ("넥타이", "넥타이"),   # 이 after an open syllable is part of the noun
    ("폴로", "폴로"),       # too short to strip
    ("xl이요", "xl"),
])
def test_strip_particles(word: str, stem: str) -> None:
    assert strip_particles(word) == stem


def test_jamo_turns_syllable_typos_into_single_edits() -> None:
    assert jamo("후드") == "ㅎㅜㄷㅡ"
    assert jamo("과") == "ㄱㅗㅏ"           # compound vowel split
    assert jamo("값") == "ㄱㅏㅂㅅ"          # compound final split
    assert jamo("abc 1") == "abc 1"


def test_tokens_split_scripts() -> None:
    assert tokens("린넨셔츠L 검정색으로!") == ["린넨셔츠", "l", "검정색으로"]
