"""Morphology reduces conjugated forms to lemmas (what substring lists cannot do)."""

from __future__ import annotations

from core.language.morphology import analyse, lemmas


def test_conjugated_verbs_reduce_to_their_stem() -> None:
    assert "뜯" in lemmas("라벨 뜯었는데 반품돼요?")
    assert "들어오" in lemmas("적립금 언제 들어와요")
    assert "신" in lemmas("한 번 신었던 건데 교환 되나요")


def test_compound_nouns_keep_their_surface_and_negation_is_tagged() -> None:
    tokens = analyse("상담원 연결 안 해도 돼요")
    assert tokens[0].lemma == "상담원" and tokens[0].is_noun
    negation = [m for m in tokens if m.surface == "안"]
    assert negation and negation[0].pos == "MAG" and "부정" in negation[0].semantic


def test_offsets_point_into_the_normalised_text() -> None:
    text = "토너  300ml 가격"
    tokens = analyse(text)
    clean = " ".join(text.split())
    assert all(clean[m.start:m.end] == m.surface for m in tokens)
    assert [m.pos for m in tokens][:3] == ["NNG", "SN", "SL"]


def test_empty_and_huge_inputs() -> None:
    assert analyse("") == ()
    assert len(analyse("가" * 10_000)) >= 1
