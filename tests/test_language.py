"""English detection for the English-only measures (framing.language)."""
from __future__ import annotations

import pytest

from framing.language import is_english, latin_share, paragraph_language


@pytest.mark.parametrize("text,expected", [
    ("Russia said the talks would go on.", True),
    ("Farmers suffered under brutal EU sanctions.", True),
    ("Moscow residents voted.", True),  # short: script alone decides
    ("Глава Офісу Президента України Андрій Єрмак заявив про переговори.", False),
    ("Президент России провёл совещание с членами Совета безопасности.", False),
    ("Le président a dit que la guerre continue encore longtemps dans la région.", False),
    ("Der Präsident sagte, dass der Krieg noch lange weitergehen werde.", False),
    ("", True),
    ("Participants: Sergei Lavrov, Sergei Shoigu, Valentina Matviyenko, Vyacheslav Volodin, Anton Vaino.", True),
])
def test_is_english(text, expected):
    assert is_english(text) is expected


@pytest.mark.parametrize("text,expected", [("Kyiv", 1.0), ("Київ", 0.0), ("Türkiye", 1.0), ("1991", 1.0)])
def test_latin_share(text, expected):
    assert latin_share(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Zelenskyy met Duda in Kyiv. They discussed the reconstruction of the city.", "en"),
    ("Zelenskyy met Duda. Глава Офісу Президента України заявив про переговори з партнерами.", "other"),
    ("Глава Офісу Президента.", "other"),
    ("", "en"),
])
def test_paragraph_language(text, expected):
    assert paragraph_language(text) == expected
