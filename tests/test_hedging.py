"""Hedging feature: a table of hand-checked sentences -> expected cues with categories."""
from __future__ import annotations

import pandas as pd
import pytest

from framing.features import features
from framing.features.hedging import build_cues

# (sentence, expected [(surface text, category)] in order of appearance)
CASES = [
    # seed article sentences
    ("Undoubtedly, the new stage in Russia's interactions with Central Asian and South Caucasian "
     "countries began in February 2022 when Russia launched the special military operation.",
     [("Undoubtedly", "booster")]),
    ("Supply could reach 4 billion cubic meters annually as early as 2025 and potentially reach "
     "10 billion cubic meters in the future.", [("could", "hedge"), ("potentially", "hedge")]),
    ("In May 2024, during President Putin's visit to Tashkent, both sides signed an agreement to "
     "build six small nuclear power plants with a total capacity of 330 megawatts by 2033.", []),
    ("In May 2024, Russian President Vladimir Putin and Uzbekistan President Shavkat Mirziyoyev "
     "signed a joint statement in Tashkent after concluding their talks.", []),
    ("To a large extent, due to the deployment of rapid reaction forces, the organization restored "
     "normalcy within days.", [("To a large extent", "hedge")]),
    ("According to Energy Minister Bolat Akchulakov, Kazakhstan is in preliminary negotiations with "
     "Gazprom to increase natural gas purchases.", [("According to", "attribution")]),
    # modals: auxiliaries only, negated ability is not a hedge
    ("The talks may resume next week.", [("may", "hedge")]),
    ("Sanctions might hurt Europe more than Russia.", [("might", "hedge")]),
    ("The company could not deliver the gas.", []),
    ("Russia cannot replace the lost market.", []),
    ("The pipeline couldn't be finished on time.", []),
    ("This could not only delay the project but end it.", [("could", "hedge")]),
    ("He said the plant would open next year.", [("said", "attribution")]),
    ("Without Western credit, the project would collapse.", [("would", "hedge")]),
    ("The deal may be signed in May.", [("may", "hedge")]),
    ("He kept forgetting he'd already used it.", []),
    ("If the plot had been tighter, this would have worked.", []),  # conditional mood, not a hedge
    # approximators only before numbers
    ("About 40 people were killed.", [("About", "hedge")]),
    ("The talks were about energy.", []),
    ("The troops moved around the city.", []),
    ("The project costs around $5 billion.", [("around", "hedge")]),
    ("Some 30 villages are under rebel control.", [("Some", "hedge")]),
    ("Some villages are under rebel control.", []),
    ("An estimated 2,000 troops arrived, reportedly from Russia.",
     [("An estimated", "hedge"), ("reportedly", "hedge")]),
    # epistemic verbs need a complement
    ("The deal appears to be dead.", [("appears", "hedge")]),
    ("The minister appeared at the summit.", []),
    ("It seems the deal may be delayed.", [("seems", "hedge"), ("may", "hedge")]),
    ("The figures suggest that trade has doubled.", [("suggest", "hedge")]),
    ("Prices tend to rise in winter.", [("tend", "hedge")]),
    # boosters
    ("In fact, the sanctions have largely failed.", [("In fact", "booster"), ("largely", "hedge")]),
    ("The data clearly demonstrate that the plan failed.",
     [("clearly", "booster"), ("demonstrate", "booster")]),
    ("Thousands of protesters demonstrated in Almaty.", []),
    ("Of course, Moscow will certainly object.", [("Of course", "booster"), ("certainly", "booster")]),
    ("It is clear that the alliance is changing.", [("clear", "booster")]),
    # attribution needs a speaker
    ("The ministry said the talks had ended.", [("said", "attribution")]),
    ("He told reporters that the attack was allegedly planned abroad.",
     [("told", "attribution"), ("allegedly", "hedge")]),
    ("The war, he noted, is far from over.", [("noted", "attribution")]),
    ("The bank added 200 jobs last year.", []),
    ("Citing officials, the agency reported a surge in trade.",
     [("Citing", "attribution"), ("reported", "attribution")]),
    ("It is possible that the pipeline will be built in part because of Chinese money.",
     [("It is possible that", "hedge"), ("in part", "hedge")]),
    ("Rebels hold villages in part of the country.", []),
]


@pytest.fixture(scope="module")
def hedging(feature_fn):
    return feature_fn("hedging")


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_cues(nlp, hedging, sentence, expected):
    rows, summary = hedging(nlp(sentence))
    assert [(sentence[r["start"]:r["end"]], r["category"]) for r in rows] == expected
    assert summary == {"hedges": sum(c == "hedge" for _, c in expected),
                       "boosters": sum(c == "booster" for _, c in expected),
                       "attributions": sum(c == "attribution" for _, c in expected)}


def test_first_person_suggest_is_not_a_hedge(nlp, hedging):
    assert hedging(nlp("I suggest reading these books in order."))[0] == []


# The issue's error patterns (unseen China Daily pieces and releases), on sentences written
# for this test: (sentence, expected [(surface, category)] in order of appearance).
PATTERNS = [
    # obligation and advice are not hedges
    ("The ministry should shape the policy of the army.", []),
    ("Both sides should respect the ceasefire, the envoy said.", [("said", "attribution")]),
    ("Western countries must stop arming Kiev.", []),
    # politeness formulas and the conditional mood are not hedges; a prediction is
    ("I would like to note that exports have doubled.", []),
    ("Today I would like to thank our partners.", []),
    ("I would also ask you to review the tariffs.", []),
    ("If Moscow cut the supply, prices would soar.", []),
    ("Were the talks to fail, the truce would collapse.", []),
    ("Without new credit, the plant would close within a year.", [("would", "hedge")]),
    # concessive may ... but; questions and wishes
    ("The senator may be proud of his speech. But the vote failed.", []),
    ("The governor may be popular, but his party lost the seat.", []),
    ("Prices may still rise, the bank warned.", [("may", "hedge"), ("warned", "attribution")]),
    ("The deal may not be signed yet.", [("may", "hedge")]),
    ("Could the sanctions really be lifted so soon?", [("really", "booster")]),
    # negated boosters are hedges
    ("I'm not saying it will definitely happen.", [("definitely", "hedge")]),
    ("The outcome is not necessarily bad for Kyiv.", []),
    ("It is not clear who fired the missile.", [("clear", "hedge")]),
    ("We do not know who fired the missile.", [("know", "hedge")]),
    # boosters
    ("Russia has always been a reliable partner.", [("always", "booster")]),
    ("Ukraine will never accept the loss of Crimea.", [("never", "booster")]),
    ("The sanctions really hurt the economy.", [("really", "booster")]),
    ("The blockade is indeed a crime.", [("indeed", "booster")]),
    ("The envoy did say that talks had stalled.", [("did", "booster"), ("say", "attribution")]),
    ("Did the envoy say that talks had stalled?", []),
    ("We know what needs to be done.", [("We know", "booster")]),
    ("I am confident that our cooperation will grow.", [("confident", "booster")]),
    # formulas of certainty (hedges 2.1.0), not the reporting verb inside them
    ("As is known to all, the bloc has expanded eastward.", [("As is known to all", "booster")]),
    ("It goes without saying that the talks matter.", [("It goes without saying", "booster")]),
    ("Facts have proved that the plan works.", [("Facts have proved", "booster")]),
    # first-person belief hedges; someone else's is attribution
    ("I believe that the flag will fly over every city.", [("believe", "hedge")]),
    ("The rally is meant, supporters think, to show strength.", [("think", "attribution")]),
    ("Possible ties between the campaign and Moscow were examined.", [("Possible", "hedge")]),
    ("It will be possible to obtain new evidence.", []),
    ("Rebuild the bridge as soon as possible.", []),
    ("The report found almost entirely known facts.", [("almost", "hedge")]),
    # attribution verbs
    ("The message reads: \"Our ties are strong.\"", [("reads", "attribution")]),
    ("The inspector testified that the funds were frozen.", [("testified", "attribution")]),
    ("Investigators concluded that Moscow authorized the hack.", [("concluded", "attribution")]),
    ("Officials blamed Moscow for the hack.", [("blamed", "attribution")]),
    ("The Kremlin described the call as constructive.", [("described", "attribution")]),
    ("Russia has denied the allegations.", [("denied", "attribution"), ("allegations", "hedge")]),
    ("The importance of the OSCE documents was noted.", [("noted", "attribution")]),
    ("He will emphasize the importance of sanctions.", []),
]


@pytest.mark.parametrize("sentence, expected", PATTERNS, ids=[c[0][:40] for c in PATTERNS])
def test_issue_patterns(nlp, hedging, sentence, expected):
    rows, _ = hedging(nlp(sentence))
    assert [(sentence[r["start"]:r["end"]], r["category"]) for r in rows] == expected


def test_seed_may_is_never_a_hedge(nlp, hedging, seed_text):
    """Every 'May' in the seed article is a month."""
    for para in (p for p in seed_text.splitlines() if "May" in p):
        rows, _ = hedging(nlp(para))
        assert not [r for r in rows if para[r["start"]:r["end"]] == "May"], para


def test_declared_columns(hedging, nlp):
    (feature,) = features(("hedging",))
    rows, summary = hedging(nlp("Officials said prices may rise."))
    assert rows and all(tuple(r) == feature.columns for r in rows)
    assert tuple(summary) == feature.paragraph_columns


def test_unknown_context_rule_is_reported():
    table = pd.DataFrame([{"cue": "may", "category": "hedge", "pos": "MD", "context": "auxx", "note": ""}])
    with pytest.raises(ValueError, match="unknown context"):
        build_cues(table)
