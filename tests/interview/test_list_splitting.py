"""Regression tests for list answers that are really one sentence."""

from __future__ import annotations

import pytest

from assistant.interview.parsing import split_list

EN = ["and", "&", "plus"]
FR = ["et", "&", "ainsi que"]


@pytest.mark.parametrize(
    ("text", "conj", "expected"),
    [
        # one sentence with "and" is one item (found writing the blueprint workshop)
        (
            "Advisers run late and nobody tells the waiting client",
            EN,
            ["Advisers run late and nobody tells the waiting client"],
        ),
        (
            "Le conseiller est en retard et personne ne prévient le client",
            FR,
            ["Le conseiller est en retard et personne ne prévient le client"],
        ),
        # short items joined by "and" are a list
        ("Google search and LinkedIn", EN, ["Google search", "LinkedIn"]),
        ("web et téléphone", FR, ["web", "téléphone"]),
        # an enumeration with commas always splits its final conjunction
        (
            "Sees an ad, reads a comparison and asks a friend",
            EN,
            ["Sees an ad", "reads a comparison", "asks a friend"],
        ),
        ("A, B et C", FR, ["A", "B", "C"]),
        # when an earlier item uses "and" inside it, the last "and" is inside an item too
        (
            "Hands over ID and proof of address, Chooses a card and an overdraft",
            EN,
            ["Hands over ID and proof of address", "Chooses a card and an overdraft"],
        ),
    ],
)
def test_and_splits_lists_not_sentences(text: str, conj: list[str], expected: list[str]) -> None:
    assert split_list(text, conj) == expected
