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


# Untranslated sentences inside an English paragraph give no hits to the English-only measures;
# the English sentences around them are measured as usual. (Cyrillic never matched the English
# lexicons; a Latin-script quote does: French "Kiev" is not an English-language naming choice.)
@pytest.mark.parametrize("feature, text, expected", [
    ("terms", "Shelling hit Kyiv again. Les forces russes ont encore bombardé Kiev pendant toute la nuit.",
     [("Kyiv", "west")]),
    ("terms", "Les forces russes ont encore bombardé Kiev pendant toute la nuit. Shelling hit Kyiv again.",
     [("Kyiv", "west")]),
    ("terms", "Shelling hit Kiev again. Обстріл Києва тривав усю ніч.", [("Kiev", "russia")]),
    ("hedging", "Officials said talks may resume. Він, можливо, сказав, що переговори відновляться.",
     [("said", "attribution"), ("may", "hedge")]),
])
def test_english_only_measures_skip_other_language_sentences(nlp, feature_fn, feature, text, expected):
    rows, _ = feature_fn(feature)(nlp(text))
    got = [(text[r["start"]:r["end"]], r["side"] if feature == "terms" else r["category"]) for r in rows]
    assert got == expected
