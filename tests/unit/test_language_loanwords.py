"""English words against Korean loanword names, by consonant skeleton (`core.language.loanwords`)."""

from __future__ import annotations

import pytest

from core.knowledge.search import ProductSearch
from core.language.loanwords import english_name_phrases, skeleton


@pytest.mark.parametrize("english, hangul", [("short puffer", "숏 푸퍼"), ("trucker", "트러커"), ("denim", "데님"),
                                             ("fleece zip-up", "플리스 집업"), ("oxford", "옥스포드"),
                                             ("chelsea boots", "첼시 부츠"), ("slacks", "슬랙스"),
                                             ("cable knit", "케이블 니트"), ("cardigan", "가디건"),
                                             ("mascara", "마스카라"), ("keyboard", "키보드")])
def test_an_english_word_and_its_korean_loanword_share_a_skeleton(english: str, hangul: str) -> None:
    collapse = lambda s: "".join(c for i, c in enumerate(s) if i == 0 or s[i - 1] != c)  # noqa: E731
    assert collapse(skeleton(english)) == collapse(skeleton(hangul))


def test_stop_words_break_the_phrases_that_may_name_a_product() -> None:
    assert english_name_phrases("what's the chest width of the short puffer in L?") == ["short puffer", "short", "puffer"]


def _search(*products: tuple[str, str, list[str]]) -> ProductSearch:
    raw = [{"id": pid, "name": name, "aliases": aliases, "category": "", "variants": []} for pid, name, aliases in products]
    return ProductSearch(raw)


def test_a_loanword_name_is_found_by_its_english_and_sound_alikes_lose() -> None:
    search = _search(("A", "숏 푸퍼 패딩", []), ("B", "테일러드 셋업 자켓", []), ("C", "하프집업 니트", ["집업 니트"]))
    result = search.search("what's the chest width of the short puffer in L?")
    assert result.matches[0].product_id == "A" and not result.ambiguous  # 셋업 sounds like "short p…" but is one word
    assert not search.search("so if I spend 60,000?").matches  # one English word never spans two Hangul words
