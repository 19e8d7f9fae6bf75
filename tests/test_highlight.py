"""The reading view's evidence marks: escaping, nesting, overlaps and tooltips."""
from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from framing.report.highlight import Span, actor_span, cue_span, highlight, spans_for, term_span


def S(start, end, cls="x", title="t"):
    return Span(start, end, cls, title)


M = '<mark class="{}" title="{}">'


@pytest.mark.parametrize("text, spans, expected", [
    ("plain <b> & text", [], "plain &lt;b&gt; &amp; text"),
    ("Russia acts", [S(0, 6, "a", "why")], M.format("a", "why") + "Russia</mark> acts"),
    # nested: the longer span opens first and closes last
    ("Russia's war", [S(0, 6, "in"), S(0, 12, "out")],
     M.format("out", "t") + M.format("in", "t") + "Russia</mark>'s war</mark>"),
    # crossing: the second span is closed and reopened around the first's end
    ("abcdefgh", [S(0, 4, "a"), S(2, 6, "b")],
     M.format("a", "t") + "ab" + M.format("b", "t") + "cd</mark></mark>" + M.format("b", "t") + "ef</mark>gh"),
    # adjacent spans do not nest
    ("abcd", [S(0, 2, "a"), S(2, 4, "b")], M.format("a", "t") + "ab</mark>" + M.format("b", "t") + "cd</mark>"),
    # offsets outside the text are dropped, never raise
    ("abc", [S(1, 9, "bad"), S(2, 2, "empty"), S(-1, 1, "neg")], "abc"),
    # text and titles are escaped
    ("<x>", [S(0, 3, "c", 'say "hi" <now>')], '<mark class="c" title="say &quot;hi&quot; &lt;now&gt;">&lt;x&gt;</mark>'),
])
def test_highlight_markup(text, spans, expected):
    assert str(highlight(text, spans)) == expected


class Coverage(HTMLParser):
    """Records, per text character, the titles of the marks open around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.cover, self.text = [], [], ""

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs)["title"])

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.text += data
        self.cover += [sorted(self.stack)] * len(data)


@pytest.mark.parametrize("seed", range(6))
def test_every_character_is_inside_exactly_the_spans_that_cover_it(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>'\"") for _ in range(40))
    spans = []
    for k in range(rng.randint(1, 8)):
        a = rng.randrange(0, 39)
        spans.append(S(a, rng.randint(a + 1, 40), f"c{k}", f"t{k}"))
    parser = Coverage()
    parser.feed(str(highlight(text, spans)))
    assert parser.text == text and parser.stack == []
    for i in range(len(text)):
        assert parser.cover[i] == sorted(s.title for s in spans if s.start <= i < s.end)


@pytest.mark.parametrize("row, expected_title, expected_class", [
    ({"start": 0, "end": 6, "actor": "Russia", "bloc": "russia", "role": "agent", "voice": "active",
      "verb": "close"}, "Russia — agent of 'close' (active); bloc: russia", "act act-agent"),
    ({"start": 0, "end": 6, "actor": "NATO", "bloc": "west", "role": "patient", "voice": "agentless_passive",
      "verb": "blame", "sentiment": -0.5, "sentiment_label": "negative"},
     "NATO — patient of 'blame' (agentless passive); bloc: west; target sentiment -0.50 (negative)",
     "act act-patient"),
    ({"start": 0, "end": 6, "actor": "Kazakhstan", "bloc": "central_asia", "role": "other", "voice": "none",
      "verb": float("nan")}, "Kazakhstan — other; bloc: central_asia", "act act-other"),
])
def test_actor_tooltip(row, expected_title, expected_class):
    span = actor_span(row)
    assert (span.title, span.classes) == (expected_title, expected_class)


@pytest.mark.parametrize("row, surface, expected", [
    ({"start": 0, "end": 4, "concept": "Kyiv/Kiev", "term": "Kiev", "side": "russia"}, "Kiev",
     "term: 'Kiev' — russia-side variant of Kyiv/Kiev"),
    ({"start": 0, "end": 5, "concept": "ukraine_war", "term": "invasion", "side": "west"}, "invaded",
     "term: 'invaded' — west-side variant of ukraine_war (lexicon entry 'invasion')"),
])
def test_term_tooltip(row, surface, expected):
    assert term_span(row, surface).title == expected


@pytest.mark.parametrize("row, surface, expected", [
    ({"start": 0, "end": 5, "cue": "could", "category": "hedge"}, "could", "hedge: 'could'"),
    ({"start": 0, "end": 5, "cue": "modal auxiliary", "category": "hedge"}, "could", "hedge: 'could' (modal auxiliary)"),
    ({"start": 0, "end": 12, "cue": "according to", "category": "attribution"}, "according to",
     "attribution: 'according to'"),
])
def test_cue_tooltip(row, surface, expected):
    assert cue_span(row, surface).title == expected


def test_spans_for_reads_surface_from_text_and_drops_bad_offsets():
    text = "Moscow could say Kiev"
    spans = spans_for(text, actors=[{"start": 0, "end": 6, "actor": "Russia", "role": "agent", "bloc": "russia",
                                     "voice": "active", "verb": "say"}],
                      terms=[{"start": 17, "end": 21, "concept": "Kyiv/Kiev", "term": "kiev", "side": "russia"},
                             {"start": 17, "end": 99, "concept": "x", "term": "x", "side": "west"}],
                      cues=[{"start": 7, "end": 12, "cue": "could", "category": "hedge"}])
    assert [(s.start, s.classes) for s in spans] == [(0, "act act-agent"), (7, "cue cue-hedge"),
                                                      (17, "term side-russia")]
    assert "term: 'Kiev'" in spans[2].title


@pytest.mark.parametrize("kind, counted", [("actor", True), ("place", False), ("origin", False)])
def test_places_and_origins_are_marked_as_not_counted(kind, counted):
    from framing.report.highlight import actor_span

    span = actor_span({"actor": "ukraine", "bloc": "ukraine", "kind": kind, "role": "agent", "voice": "active",
                       "verb": "attack", "start": 0, "end": 7})
    assert ("not counted" not in span.title) is counted
    assert span.classes == ("act act-agent" if counted else f"act act-{kind}")
