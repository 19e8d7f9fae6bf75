"""Sentiment: sentence-averaged VADER per paragraph, and the per-target scorer."""
from __future__ import annotations

import math

import pytest

from framing.features import features
from framing.lexicons import load as load_lexicon
from framing.sentiment.cues import (cue_detail, cue_table, direct_victim, in_link_strip, linked_valence, link_strips,
                                    peripheral_place, situation_place, speech_content, target_cue, valence_outside)
from framing.sentiment.model import load_model
from framing.sentiment.target import RULES_VERSION, make_target_scorer, scorer_digest
from framing.sentiment.vader import label_of, lexicon_target_score, sentence_compounds, vader

# Five mildly positive sentences: each sentence is moderate, but VADER on the whole
# paragraph sums the valences and its compound saturates towards 1.
MILD = " ".join(["The talks were good."] * 5)
MIXED = "The talks were good. The war was terrible."


@pytest.fixture(scope="module")
def paragraph_feature():
    (feature,) = features(("sentiment",))
    return feature.factory(None)


@pytest.mark.parametrize("text, n_sentences", [(MILD, 5), (MIXED, 2), ("Good.", 1)])
def test_paragraph_sentiment_is_mean_of_sentences(nlp, paragraph_feature, text, n_sentences):
    doc = nlp(text)
    rows, summary = paragraph_feature(doc)
    scores = sentence_compounds(doc)
    assert rows == [] and summary["n_sentences"] == n_sentences == len(scores)
    assert summary["sentiment"] == pytest.approx(sum(scores) / len(scores))


@pytest.mark.parametrize("text", [MILD])
def test_sentence_mean_avoids_whole_paragraph_saturation(nlp, paragraph_feature, text):
    whole = vader().polarity_scores(text)["compound"]
    mean = paragraph_feature(nlp(text))[1]["sentiment"]
    assert whole > 0.9 and mean < whole - 0.3


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_paragraph_is_nan(nlp, paragraph_feature, text):
    summary = paragraph_feature(nlp(text))[1]
    assert math.isnan(summary["sentiment"]) and summary["n_sentences"] == 0


@pytest.mark.parametrize("score, label", [(0.5, "positive"), (0.05, "positive"), (0.0, "neutral"),
                                          (-0.049, "neutral"), (-0.05, "negative")])
def test_label_band(score, label):
    assert label_of(score) == label


CONTRAST = "Russia praised Kazakhstan but condemned the West."
TARGETS = [
    (CONTRAST, "West", "negative"),
    (CONTRAST, "Kazakhstan", "positive"),  # the praise cue (issue 8); the model alone said negative
    ("Putin accused NATO of aggression.", "NATO", "negative"),
    ("Critics said Tokayev crushed the protests brutally.", "Tokayev", "negative"),
    ("The EU welcomed the brave Ukrainian soldiers.", "The EU", "positive"),
    ("Lavrov met his Chinese counterpart in Beijing.", "Beijing", "neutral"),
    ("Kazakhstan's president was praised for his wise leadership.", "Kazakhstan", "positive"),
    ("Moscow was not criticised by anyone.", "Moscow", "neutral"),
]


def _span(doc, mention):
    start = doc.text.index(mention)
    return doc.char_span(start, start + len(mention), alignment_mode="expand")


@pytest.mark.parametrize("text, mention, expected", TARGETS)
def test_target_scorer_labels(nlp, text, mention, expected):
    doc = nlp(text)
    score, label = make_target_scorer()(doc, _span(doc, mention))
    assert -1.0 <= score <= 1.0
    assert label == expected


@pytest.mark.parametrize("text, target, other", [(CONTRAST, "Kazakhstan", "West")])
def test_contrasting_targets_differ_in_score(nlp, text, target, other):
    doc = nlp(text)
    scorer = make_target_scorer()
    assert scorer(doc, _span(doc, target))[0] > scorer(doc, _span(doc, other))[0]
    assert lexicon_target_score(_span(doc, target)) > lexicon_target_score(_span(doc, other))


def test_model_ships_and_digest_is_its_hash():
    assert load_model() is not None
    digest = scorer_digest()
    model_hash, rules = digest.split("-r")
    assert len(model_hash) == 16 and digest == scorer_digest() and "fallback" not in digest
    assert rules == RULES_VERSION


# ---- issue 8: how a sentence presents an actor, on sentences written for these tests ----
def _cues():
    return cue_table(load_lexicon("target_cues").table)


@pytest.mark.parametrize("text, mention, expected", [
    # starting a war is negative toward the one who starts it, whatever upbeat words stand nearby
    ("Veterans gathered to celebrate the glorious victory in the great war started by Russia.", "Russia", "negative"),
    ("Russia launched a new offensive against its neighbour.", "Russia", "negative"),
    ("This morning Russia began a military operation against our state.", "Russia", "negative"),
    ("Russian forces shelled the port again on Tuesday.", "Russian forces", "negative"),
    ("The statement condemned the aggression of the Russian Federation against Ukraine.", "Russian Federation",
     "negative"),
    ("Leaders discussed the growing threats from Iran.", "Iran", "negative"),
    ("The committee examined collusion between the campaign and Moscow.", "Moscow", "negative"),
    ("Investigators said the campaign colluded with Moscow.", "Moscow", "negative"),
    # blamed, accused or sanctioned: negative
    ("Washington imposed new sanctions on Moscow after the vote.", "Moscow", "negative"),
    ("Prosecutors accused China of hacking the network.", "China", "negative"),
    # praised, thanked, supported: positive -- also what an actor is thanked for
    ("The minister thanked Germany for its steady support.", "Germany", "positive"),
    ("Greece is the biggest threat to peace in the region.", "Greece", "negative"),  # rules 8: a harm noun as attribute
    ("The President thanked for the united position of NATO member states.", "NATO", "positive"),
    ("Belarus expressed its support for the actions of the Russian Federation.", "Russian Federation", "positive"),
    ("Kazakhstan was praised for its wise mediation.", "Kazakhstan", "positive"),
    # loaded labels
    ("Residents described how the Russian invaders looted their homes.", "Russian invaders", "negative"),
    ("Officials in Moscow again denounced the Kiev regime.", "Kiev", "negative"),
    # no cue, or a cue that does not evaluate this actor
    ("The statement condemned the aggression of the Russian Federation against Ukraine.", "Ukraine", "neutral"),
    ("Ukraine was attacked from three directions at dawn.", "Ukraine", "neutral"),
    ("Kyiv condemned the missile strike on the hospital.", "Kyiv", "neutral"),
    ("Putin congratulated the veterans on the holiday.", "Putin", "neutral"),
    ("NATO did not attack anyone, the alliance said.", "NATO", None),
    ("The UN was not criticised by anyone.", "The UN", None),
    ("Lavrov met his Chinese counterpart in Beijing.", "Lavrov", None),
    ("The reporter asked whether NATO forces would attack.", "NATO forces", None),      # only asked about
    ("If Iran attacks, the allies will respond.", "Iran", None),
])
def test_target_cue(nlp, text, mention, expected):
    doc = nlp(text)
    assert target_cue(_span(doc, mention), _cues()) == expected


@pytest.mark.parametrize("text, mention, expected", [
    ("Veterans gathered to celebrate the glorious victory in the great war started by Russia.", "Russia", "negative"),
    ("Washington imposed new sanctions on Moscow after the vote.", "Moscow", "negative"),
    ("The minister thanked Germany for its steady support.", "Germany", "positive"),
    ("Officials in Moscow again denounced the Kiev regime.", "Kiev", "negative"),
    ("The statement condemned the aggression of the Russian Federation against Ukraine.", "Ukraine", "neutral"),
    pytest.param("Putin congratulated the veterans on the holiday.", "Putin", "neutral", marks=pytest.mark.xfail(
        reason="NewsMTSC labels the one who praises as positive; the news gold as neutral; the model decides",
        strict=True)),
])
def test_scorer_follows_cues(nlp, text, mention, expected):
    doc = nlp(text)
    score, label = make_target_scorer()(doc, _span(doc, mention))
    assert label == expected and (score < 0 if expected == "negative" else score > 0 if expected == "positive" else True)


# Issue 8: sentence tone leaks onto a country named only as a place, a partner or a
# modifier; the readers judge those mentions neutral unless an evaluative word is tied
# to the mention itself.
@pytest.mark.parametrize("text, mention, expected", [
    ("The summit in Brazil was a wonderful success.", "Brazil", True),      # place of an event
    ("Diplomats from Chile met their counterparts.", "Chile", True),        # origin
    ("The Portugal talks ended in a bitter failure.", "Portugal", True),    # compound modifier
    ("Greece shamefully ignored the warnings.", "Greece", False),           # subject: an argument
    ("Critics attacked Greece over the budget.", "Greece", False),          # object
    ("The summit in Brazil was a success, said Maria Silva.", "Maria Silva", False),  # a person
])
def test_peripheral_place(nlp, text, mention, expected):
    doc = nlp(text)
    assert peripheral_place(_span(doc, mention)) is expected


@pytest.mark.parametrize("text, mention, sign, expected", [
    ("Diplomats praised the generous aid from Canada.", "Canada", 1, True),    # "generous" 2 arcs away
    ("The summit in Brazil was a wonderful success.", "Brazil", 1, False),     # "wonderful" is the summit's
    ("The Portugal talks ended in a bitter failure.", "Portugal", -1, False),
])
def test_linked_valence(nlp, text, mention, sign, expected):
    doc = nlp(text)
    assert linked_valence(_span(doc, mention), sign) is expected


@pytest.mark.parametrize("text, mention, expected", [
    ("The summit in Brazil was a wonderful success.", "Brazil", "neutral"),
    ("The Portugal talks ended in a bitter failure and angry accusations.", "Portugal", "neutral"),
    ("Diplomats praised the generous aid from Canada.", "Canada", "positive"),   # tied evaluation kept
    ("Greece shamefully ignored the warnings.", "Greece", "negative"),           # arguments: the model
    ("Washington imposed new sanctions on Moscow after the vote.", "Moscow", "negative"),  # cue first
])
def test_scorer_neutral_for_tone_near_a_place(nlp, text, mention, expected):
    doc = nlp(text)
    score, label = make_target_scorer()(doc, _span(doc, mention))
    assert label == expected and (score == 0.0) is (expected == "neutral")


# Issue 8 (rules version 5): the victim of a harmful act, and a mention that is only the
# speaker of reported speech, are neutral unless an evaluative word outside what is said
# bears on them.
@pytest.mark.parametrize("text, mention, expected", [
    ("The report described the brutal aggression of Russia against Ukraine.", "Ukraine", "victim"),
    ("Observers documented the genocide of the Ukrainian people.", "Ukrainian", "victim"),
    ("The report described the brutal aggression of Russia against Ukraine.", "Russia", "negative"),
    ("Kyiv condemned the missile strike on the hospital.", "Kyiv", "critic"),
    # rules version 8: a harm noun's object after "in"/"into"
    ("Lima called the visit an interference in Peru's internal affairs.", "Peru", "victim"),
    ("The report described the incursion into Chile by armed groups.", "Chile", "victim"),
    ("The minister thanked Germany for its steady support.", "Germany", "positive"),
])
def test_cue_detail(nlp, text, mention, expected):
    """The two neutral places of a cue told apart: the victim and the critic."""
    doc = nlp(text)
    assert cue_detail(_span(doc, mention), _cues()) == expected


# An evaluation of the speaking itself (outside what is said) keeps the model's label.
@pytest.mark.parametrize("text, mention, sign, expected", [
    ("The Foreign Ministry angrily said the talks would continue.", "The Foreign Ministry", -1, True),
    ("The Foreign Ministry said the brutal attack was a horrible crime.", "The Foreign Ministry", -1, False),
    ("The Foreign Ministry said the brutal attack was a horrible crime.", "The Foreign Ministry", 1, False),
])
def test_valence_outside_speech(nlp, text, mention, sign, expected):
    doc = nlp(text)
    span = _span(doc, mention)
    assert valence_outside(span, sign, speech_content(span)) is expected


@pytest.mark.parametrize("text, mention, expected", [
    ("Observers documented the genocide of the Ukrainian people.", "Ukrainian", True),   # object of an act noun
    ("The troops were accused of attacking Georgia.", "Georgia", True),                  # a state, harm verb
    ("The senator attacked Smith in a statement.", "Smith", False),                      # a person: maybe in words
    ("Critics say her credibility is destroyed.", "her", False),                          # possessor of the patient
    # rules version 8: a state whose affairs, territory or sovereignty is harmed is a victim;
    # a state whose standing is harmed is judged (the model decides)
    ("Lima called the visit an interference in Peru's internal affairs.", "Peru", True),
    ("The raid violated Chile's sovereignty.", "Chile", True),
    ("The scandal damaged Chile's reputation.", "Chile", False),
    ("The scandal damaged Smith's campaign.", "Smith", False),                           # a person, not a state
])
def test_direct_victim(nlp, text, mention, expected):
    doc = nlp(text)
    assert direct_victim(_span(doc, mention)) is expected


@pytest.mark.parametrize("text, mention, content", [
    ("The Foreign Ministry said the new sanctions were a terrible mistake.", "The Foreign Ministry",
     "the new sanctions were a terrible mistake"),
    ("The talks were a disaster, the Foreign Ministry said.", "the Foreign Ministry", "The talks were a disaster"),
    ("Minister Lee: Colleagues, I warmly welcome you.", "Minister Lee", ": Colleagues , I warmly welcome you ."),
    ("The Foreign Ministry spoke about the terrible floods.", "The Foreign Ministry", "about the terrible floods"),
    ("The Foreign Ministry criticised the terrible floods response.", "The Foreign Ministry", None),  # not speech
    ("Greece claimed the vote was a success.", "Greece", None),          # "claim" distances: not plain speech
    ("Investigators told the Foreign Ministry about the plan.", "the Foreign Ministry", None),  # not the speaker
    # the speaker's own side (rules version 7): "the Chinese side", "Ruritanian officials", "Ruritania's envoy"
    ("The Chinese side stressed that sovereignty must be respected.", "Chinese",
     "that sovereignty must be respected"),
    ("Greek officials said the vote was a disaster.", "Greek", "the vote was a disaster"),
    ("Greece's envoy said the vote was a disaster.", "Greece's", "the vote was a disaster"),
    ("Greek shelling destroyed the bridge, officials said.", "Greek", None),  # the doer, not the speaker
    ("According to Greek officials, the vote was a disaster.", "Greek", ", the vote was a disaster ."),
    ("The vote was a disaster, according to Greece.", "Greece", "The vote was a disaster , ."),
    # verbs of urging (rules version 8): who is urged, to do what, is the content
    ("Greece urged the parties to end the terrible violence.", "Greece",
     "the parties to end the terrible violence"),
    ("Greece called for an end to the terrible violence.", "Greece", "for an end to the terrible violence"),
    ("Investigators urged Greece to end the terrible violence.", "Greece", None),  # the one urged
])
def test_speech_content(nlp, text, mention, content):
    doc = nlp(text)
    found = speech_content(_span(doc, mention))
    assert (None if found is None else " ".join(doc[i].text for i in sorted(found))) == content


@pytest.mark.parametrize("text, mention, expected", [
    # what a speaker says is not a judgement of the speaker
    ("The Foreign Ministry said the brutal attack was a horrible crime.", "The Foreign Ministry", "neutral"),
    ("Minister Lee: Colleagues, friends, I warmly congratulate you on this wonderful holiday.", "Minister Lee",
     "neutral"),
    ("The Foreign Ministry spoke about the wonderful success of the joint project.", "The Foreign Ministry",
     "neutral"),
    # the victim of an act of war is not presented negatively by it
    ("The report described the brutal aggression of Russia against Ukraine.", "Ukraine", "neutral"),
    ("Observers documented the genocide of the Ukrainian people.", "Ukrainian", "neutral"),
])
def test_scorer_neutral_for_speakers_and_victims(nlp, text, mention, expected):
    """Each sentence here gets a polar model label; the rule sets it neutral (score 0)."""
    doc = nlp(text)
    score, label = make_target_scorer()(doc, _span(doc, mention))
    assert label == expected and (score == 0.0) is (expected == "neutral")


# Issue 8 (rules version 6): a page's hover card of related headlines ("Sen. Ann Lee Ann
# LeeCongress blasts ... MORE (Ohio)") kept inline by text extraction is no text about anyone.
STRIP_REPEATED = ("Senators criticised the plan, among them Sen. Ann Lee Ann Lee Congress blasts corrupt, "
                  "disgraceful Pentagon scandal MORE (Ohio).")
STRIP_GLUED = "The deal was backed by Sen. Ann Lee Ann LeeCongress blasts corrupt Pentagon over disgraceful scandal MORE (Ohio)."


@pytest.mark.parametrize("text, strip", [
    (STRIP_REPEATED, "Ann Lee Congress blasts corrupt, disgraceful Pentagon scandal MORE"),  # second copy of a name
    (STRIP_GLUED, "LeeCongress blasts corrupt Pentagon over disgraceful scandal MORE"),     # a glued word
    ("Congress wants MORE money to fight the terrible war in Syria.", None),           # an all-caps word, no strip
    ("The corrupt Pentagon scandal angered McCain and DeSantis MORE than anyone.", None),  # McCain is not glued
])
def test_link_strips(nlp, text, strip):
    doc = nlp(text)
    found = link_strips(doc)
    assert [doc[a:b + 1].text for a, b in found] == ([strip] if strip else [])


@pytest.mark.parametrize("text, mention, in_strip, expected", [
    (STRIP_REPEATED, "Pentagon", True, "neutral"),
    (STRIP_REPEATED, "Congress", True, "neutral"),
    (STRIP_GLUED, "Pentagon", True, "neutral"),
    ("The dreadful, corrupt Pentagon scandal angered Congress.", "Congress", False, "negative"),  # prose: the model
])
def test_scorer_neutral_inside_link_strips(nlp, text, mention, in_strip, expected):
    """Each mention here gets a negative model label; inside a strip the scorer says neutral (score 0)."""
    doc = nlp(text)
    span = _span(doc, mention)
    assert load_model().score(doc, span)[1] == "negative"
    score, label = make_target_scorer()(doc, span)
    assert in_link_strip(span) is in_strip and label == expected and (score == 0.0) is (expected == "neutral")


def test_cues_come_from_the_context_lexicon(nlp):
    """A user's override of target_cues reaches the scorer through the feature context."""
    from framing.features import Context
    from framing.lexicons import LexiconSet

    class Without(LexiconSet):
        def __getitem__(self, name):
            lex = super().__getitem__(name)
            if name == "target_cues":
                lex.table = lex.table[lex.table["lemma"] != "start"]
            return lex

    text = "Veterans gathered to celebrate the glorious victory in the great war started by Russia."
    doc = nlp(text)
    label = make_target_scorer(Context(nlp, Without()))(doc, _span(doc, "Russia"))[1]
    assert label != "negative" and make_target_scorer()(doc, _span(doc, "Russia"))[1] == "negative"


# Rules version 8: a country named before a situation noun only locates it.
@pytest.mark.parametrize("text, mention, expected", [
    ("The Peru crisis dragged on for a terrible year.", "Peru", True),
    ("Envoys discussed a settlement of the Syria conflict.", "Syria", True),
    ("The Peru threat is real, the minister warned.", "Peru", False),       # a threat posed by Peru
    ("The Peru investigation was a disaster.", "Peru", False),              # left to the scope rule
    ("Peru's crisis deepened.", "Peru", False),                             # a possessor, not a place
    ("The Peru-Chile conflict dragged on for a terrible year.", "Peru", True),  # a pair naming the conflict
    ("The Peru-Chile conflict dragged on for a terrible year.", "Chile", True),
])
def test_situation_place(nlp, text, mention, expected):
    doc = nlp(text)
    assert situation_place(_span(doc, mention)) is expected


def test_situation_place_is_neutral(nlp):
    """Whatever the sentence says of the crisis, the country before it gets no label from it."""
    doc = nlp("The Peru crisis dragged on for a terrible, bloody year.")
    assert make_target_scorer()(doc, _span(doc, "Peru"))[1] == "neutral"


@pytest.mark.parametrize("text, mention", [
    ("Brussels adopted new anti-Greek sanctions after the terrible attack.", "Greek"),
    ("The lies were fabricated by hostile anti-Peru forces.", "Peru"),
])
def test_opposed_prefix_is_neutral(nlp, text, mention):
    """Rules 8: what is 'anti-X' is against X; it says nothing of X itself."""
    doc = nlp(text)
    assert make_target_scorer()(doc, _span(doc, mention))[1] == "neutral"
