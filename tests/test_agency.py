"""Agency table: role, voice and governing verb for actor mentions.

Real-pipeline rows are hand-checked sentences (seed-article sentences first);
hand-built Docs pin the rules on fixed trees, so parser errors cannot hide logic bugs.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from framing.features.agency import Agency, analyse, deepest_verb

NOMINALS = {"invasion": "invade", "sanctions": "sanction", "pressure": "pressure",
            "effort": "attempt", "attempt": "attempt", "withdrawal": "withdraw", "support": "support",
            "cooperation": "cooperate"}

# (sentence, mention text, occurrence, expected (role, voice, verb))
SENTENCES = [
    # seed article
    ("Russian banks were forced to sell their assets in the region and scale back operations.",
     "Russian", 0, ("patient", "agentless_passive", "force")),
    ("Through intensive political dialogue, by 2014, Kyrgyzstan closed the U.S. Air Force base at the national airport.",
     "Kyrgyzstan", 0, ("agent", "active", "close")),
    ("Through intensive political dialogue, by 2014, Kyrgyzstan closed the U.S. Air Force base at the national airport.",
     "U.S.", 0, ("patient", "active", "close")),
    ("Until the 2000s, Russia guarded the southern borders of Tajikistan and Turkmenistan, ensuring their security amidst the escalating Afghan crisis.",
     "Russia", 0, ("agent", "active", "guard")),
    ("Until the 2000s, Russia guarded the southern borders of Tajikistan and Turkmenistan, ensuring their security amidst the escalating Afghan crisis.",
     "Tajikistan", 0, ("patient", "active", "guard")),
    ("Until the 2000s, Russia guarded the southern borders of Tajikistan and Turkmenistan, ensuring their security amidst the escalating Afghan crisis.",
     "Turkmenistan", 0, ("patient", "active", "guard")),
    ("Western sanctions complicated Russia's political and economic cooperation with countries in the region.",
     "Western", 0, ("agent", "active", "complicate")),
    ("Western sanctions complicated Russia's political and economic cooperation with countries in the region.",
     "Russia", 0, ("agent", "nominal", "cooperate")),  # possessor of an act noun (ANNOTATION.md)
    ("Western attempts to hinder deeper cooperation between Central Asia, the South Caucasus, and Russia through mere threats of sanctions have largely failed.",
     "Western", 0, ("agent", "nominal", "hinder")),
    ("For example, after the U.S. and its allies withdrew from Afghanistan in August 2021, Central Asian borders again faced instability threats.",
     "U.S.", 0, ("agent", "active", "withdraw")),
    ("For example, after the U.S. and its allies withdrew from Afghanistan in August 2021, Central Asian borders again faced instability threats.",
     "Afghanistan", 0, ("other", "none", "withdraw")),
    ("Therefore, Russia began taking measures to gradually close U.S. military facilities, primarily the Manas Air Base.",
     "Russia", 0, ("agent", "active", "close")),
    ("Therefore, Russia began taking measures to gradually close U.S. military facilities, primarily the Manas Air Base.",
     "U.S.", 0, ("patient", "active", "close")),
    ("Based on this deep interdependence, Russian diplomatic efforts ensure security by establishing institutions and forming regulatory frameworks.",
     "Russian", 0, ("agent", "active", "ensure")),
    ("These countries have refused to use Russia's Mir payment system under Western pressure.",
     "Russia", 0, ("other", "none", "")),  # possessor of a thing, not an act (ANNOTATION.md)
    ("These countries have refused to use Russia's Mir payment system under Western pressure.",
     "Western", 0, ("agent", "nominal", "pressure")),
    ("Meanwhile, Russia strengthened its cooperation with Uzbekistan.",
     "Russia", 0, ("agent", "active", "strengthen")),
    ("Meanwhile, Russia strengthened its cooperation with Uzbekistan.",
     "Uzbekistan", 0, ("other", "none", "")),
    ("In January 2022, the peacekeeping forces of the Collective Security Treaty Organization swiftly intervened to quell rampant protests.",
     "Collective Security Treaty Organization", 0, ("agent", "active", "intervene")),  # purpose advcl is not control
    ("Initially, Russia supported the U.S. and NATO's anti-terrorism operations in Afghanistan in 2001.",
     "Russia", 0, ("agent", "active", "support")),
    ("Initially, Russia supported the U.S. and NATO's anti-terrorism operations in Afghanistan in 2001.",
     "U.S.", 0, ("patient", "active", "support")),
    ("Thanks primarily to Russia's efforts, a complete system has been developed in this region.",
     "Russia", 0, ("agent", "nominal", "attempt")),
    # constructed
    ("Crimea was annexed by Russia in 2014.", "Russia", 0, ("agent", "passive", "annex")),
    ("Ukraine was invaded by Russia in 2022.", "Ukraine", 0, ("patient", "passive", "invade")),
    ("Kazakhstan was pressured into joining the union.", "Kazakhstan", 0, ("patient", "agentless_passive", "pressure")),
    ("The United States sanctioned Iran.", "United States", 0, ("agent", "active", "sanction")),
    ("The United States sanctioned Iran.", "Iran", 0, ("patient", "active", "sanction")),
    ("Turkey and Azerbaijan signed a defence pact.", "Azerbaijan", 0, ("agent", "active", "sign")),
    ("Armenia accused Azerbaijan of attacking its border.", "Armenia", 0, ("agent", "active", "accuse")),
    ("Armenia accused Azerbaijan of attacking its border.", "Azerbaijan", 0, ("patient", "active", "accuse")),
    ("Russia's invasion of Ukraine has killed thousands.", "Ukraine", 0, ("patient", "nominal", "invade")),
    ("Russia's invasion of Ukraine has killed thousands.", "Russia", 0, ("agent", "active", "kill")),
    ("China decided to expand its investment in Tajikistan.", "China", 0, ("agent", "active", "expand")),
    ("Moscow wants to restore its influence over Georgia.", "Moscow", 0, ("agent", "active", "restore")),
    ("Kyrgyzstan, which closed the base, joined the Eurasian Economic Union.", "Eurasian Economic Union", 0,
     ("patient", "active", "join")),
    ("The base was closed by Kyrgyzstan and Uzbekistan.", "Uzbekistan", 0, ("agent", "passive", "close")),
    # small clause: Georgia does the rebuilding (spaCy: ccomp with nsubj Georgia)
    ("NATO helped Georgia rebuild its army.", "Georgia", 0, ("agent", "active", "rebuild")),
    ("NATO helped Georgia rebuild its army.", "NATO", 0, ("agent", "active", "help")),
    ("Sanctions were imposed on Russia by the EU.", "EU", 0, ("agent", "passive", "impose")),
    ("Sanctions were imposed on Russia by the EU.", "Russia", 0, ("patient", "passive", "impose")),  # the target (ANNOTATION.md)
    pytest.param("Beijing's support for Moscow worries Washington.", "Washington", 0, ("patient", "active", "worry"),
                 marks=pytest.mark.xfail(reason="parser labels the object 'Washington' npadvmod", strict=True)),
    ("Beijing's support for Moscow worries Washington.", "Beijing", 0, ("agent", "active", "worry")),
    pytest.param("It was the country that closed the base.", "country", 0, ("agent", "active", "close"),
                 id="relcl-antecedent-attr"),
    pytest.param("Putin, whom the West sanctioned, met Erdogan.", "Putin", 0, ("agent", "active", "meet"),
                 id="relcl-main-clause-wins"),
    pytest.param("Iran was threatened with sanctions by Washington and Brussels.", "Brussels", 0,
                 ("agent", "passive", "threaten"), id="conj-by-agent"),
    pytest.param("Tajik troops, supported by Russian aircraft, retook the town.", "Russian", 0,
                 ("agent", "passive", "support"), id="reduced-relative-by-agent"),
    ("Over time, the growing presence of Western allies in the region began to be seen as conflicting with Russian interests.",
     "Western", 0, ("patient", "agentless_passive", "see")),
    ("Over time, the growing presence of Western allies in the region began to be seen as conflicting with Russian interests.",
     "Russian", 0, ("other", "none", "conflict")),
    pytest.param("The administration endorsed the claims of the Ukrainians.", "Ukrainians", 0,
                 ("agent", "nominal", "claim"),
                 marks=pytest.mark.xfail(reason="of-genitives of event nouns are read as objective "
                                                "('invasion of Ukraine'); subjective ones ('claims of the "
                                                "Ukrainians') need verb valency we do not model", strict=True)),
    pytest.param("President Trump's adviser was forced to resign.", "Trump", 0, ("other", "none", ""),
                 marks=pytest.mark.xfail(reason="possessors inherit the role of the noun they modify even "
                                                "when that noun is a different person ('Trump's adviser')",
                                         strict=True)),
    pytest.param("Russia, it seems, was blamed.", "Russia", 0, ("patient", "agentless_passive", "blame"),
                 id="parenthetical"),
    pytest.param("Turkmenistan refused to join the CSTO, a move Russia resented.", "Russia", 0,
                 ("agent", "active", "resent"), id="reduced-relative-subject"),
    # a Kremlin attendee list: the parser chains each title's "of" phrase onto the name before,
    # so the last official is 16 arcs from the by-phrase (the climb once stopped at 10)
    pytest.param("The meeting was attended by Prime Minister Ivan Orlov, State Duma Speaker Pavel Sokolov, Deputy "
                 "Chairman of the Security Council Oleg Petrov, Chief of Staff of the Presidential Executive Office "
                 "Anton Belov, Interior Minister Vladimir Kozlov, Foreign Minister Sergei Lebedev, Defence Minister "
                 "Boris Novikov, Director of the Federal Security Service Yuri Morozov and Director of the Foreign "
                 "Intelligence Service Sergei Volkov.", "Sergei Volkov", 0, ("agent", "passive", "attend"),
                 id="long-attendee-list"),
]


def _find(doc, text: str, occurrence: int):
    words = text.split()
    hits = [i for i in range(len(doc) - len(words) + 1)
            if [t.text for t in doc[i:i + len(words)]] == words]
    assert len(hits) > occurrence, f"{text!r} not in parse of {doc.text!r}"
    start = hits[occurrence]
    return doc[start:start + len(words)]


@pytest.mark.parametrize("sentence,mention,occurrence,expected", SENTENCES)
def test_agency_table(nlp, sentence, mention, occurrence, expected):
    doc = nlp(sentence)
    got = analyse(_find(doc, mention, occurrence), nominals=NOMINALS)
    assert (got.role, got.voice, got.verb) == expected


def _doc(words, heads, deps, pos, lemmas=None):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas or [w.lower() for w in words])


# Hand-built trees: (words, heads, deps, pos, lemmas, mention (start, end), expected)
TREES = [
    pytest.param(["Russia", "annexed", "Crimea"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                 ["PROPN", "VERB", "PROPN"], ["russia", "annex", "crimea"], (0, 1),
                 Agency("agent", "active", "annex"), id="subject"),
    pytest.param(["Crimea", "was", "annexed", "by", "Russia"], [2, 2, 2, 2, 3],
                 ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
                 ["PROPN", "AUX", "VERB", "ADP", "PROPN"], ["crimea", "be", "annex", "by", "russia"], (4, 5),
                 Agency("agent", "passive", "annex"), id="by-agent"),
    pytest.param(["Crimea", "was", "annexed", "by", "Russia"], [2, 2, 2, 2, 3],
                 ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
                 ["PROPN", "AUX", "VERB", "ADP", "PROPN"], ["crimea", "be", "annex", "by", "russia"], (0, 1),
                 Agency("patient", "passive", "annex"), id="passive-subject-with-agent"),
    pytest.param(["Crimea", "was", "annexed"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
                 ["PROPN", "AUX", "VERB"], ["crimea", "be", "annex"], (0, 1),
                 Agency("patient", "agentless_passive", "annex"), id="agentless"),
    # "the U.S. and its allies withdrew": conj climbs to the first conjunct
    pytest.param(["US", "and", "allies", "withdrew"], [3, 0, 0, 3], ["nsubj", "cc", "conj", "ROOT"],
                 ["PROPN", "CCONJ", "NOUN", "VERB"], ["us", "and", "ally", "withdraw"], (2, 3),
                 Agency("agent", "active", "withdraw"), id="conj-subject"),
    # "Russia tried to annex Crimea": subject control
    pytest.param(["Russia", "tried", "to", "annex", "Crimea"], [1, 1, 3, 1, 3],
                 ["nsubj", "ROOT", "aux", "xcomp", "dobj"], ["PROPN", "VERB", "PART", "VERB", "PROPN"],
                 ["russia", "try", "to", "annex", "crimea"], (0, 1),
                 Agency("agent", "active", "annex"), id="xcomp-control"),
    # "Russia forced Kazakhstan to sell": object control, Russia stays agent of force
    pytest.param(["Russia", "forced", "Kazakhstan", "to", "sell"], [1, 1, 1, 4, 1],
                 ["nsubj", "ROOT", "dobj", "aux", "xcomp"], ["PROPN", "VERB", "PROPN", "PART", "VERB"],
                 ["russia", "force", "kazakhstan", "to", "sell"], (0, 1),
                 Agency("agent", "active", "force"), id="object-control"),
    # "Russia took steps to close bases": take -> steps -> acl close
    pytest.param(["Russia", "took", "steps", "to", "close", "bases"], [1, 1, 1, 4, 2, 4],
                 ["nsubj", "ROOT", "dobj", "aux", "acl", "dobj"], ["PROPN", "VERB", "NOUN", "PART", "VERB", "NOUN"],
                 ["russia", "take", "step", "to", "close", "base"], (0, 1),
                 Agency("agent", "active", "close"), id="light-verb-acl"),
    # misparse repair: "to close US facilities" with amod(close -> facilities)
    pytest.param(["to", "close", "US", "facilities"], [1, 3, 3, 3], ["aux", "amod", "nmod", "ROOT"],
                 ["PART", "VERB", "PROPN", "NOUN"], ["to", "close", "us", "facility"], (2, 3),
                 Agency("patient", "active", "close"), id="amod-misparse"),
    # "Western attempts to hinder cooperation failed"
    pytest.param(["Western", "attempts", "to", "hinder", "cooperation", "failed"], [1, 5, 3, 1, 3, 5],
                 ["amod", "nsubj", "aux", "acl", "dobj", "ROOT"], ["ADJ", "NOUN", "PART", "VERB", "NOUN", "VERB"],
                 ["western", "attempt", "to", "hinder", "cooperation", "fail"], (0, 1),
                 Agency("agent", "nominal", "hinder"), id="nominal-acl"),
    # "the country that closed the base": antecedent takes the relative pronoun's role
    pytest.param(["the", "country", "that", "closed", "the", "base"], [1, 1, 3, 1, 5, 3],
                 ["det", "ROOT", "nsubj", "relcl", "det", "dobj"], ["DET", "NOUN", "PRON", "VERB", "DET", "NOUN"],
                 ["the", "country", "that", "close", "the", "base"], (1, 2),
                 Agency("agent", "active", "close"), id="relcl"),
    # "the invasion of Ukraine": of-genitive of an event noun
    pytest.param(["the", "invasion", "of", "Ukraine"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                 ["DET", "NOUN", "ADP", "PROPN"], ["the", "invasion", "of", "ukraine"], (3, 4),
                 Agency("patient", "nominal", "invade"), id="of-genitive-event"),
    # "Russia began to be seen as a threat": a passive complement makes the subject its patient
    pytest.param(["Russia", "began", "to", "be", "seen"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "aux", "auxpass", "xcomp"],
                 ["PROPN", "VERB", "PART", "AUX", "VERB"], ["russia", "begin", "to", "be", "see"], (0, 1),
                 Agency("patient", "agentless_passive", "see"), id="raising-to-passive"),
    # "near Russia": a preposition on a noun gives no role
    pytest.param(["bases", "near", "Russia"], [0, 0, 1], ["ROOT", "prep", "pobj"],
                 ["NOUN", "ADP", "PROPN"], None, (2, 3), Agency("other", "none", ""), id="pp-on-noun"),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,mention,expected", TREES)
def test_agency_trees(words, heads, deps, pos, lemmas, mention, expected):
    doc = _doc(words, heads, deps, pos, lemmas)
    assert analyse(doc[mention[0]:mention[1]], nominals=NOMINALS) == expected


@pytest.mark.parametrize("words,heads,deps,expected", [
    (["began", "taking", "measures"], [0, 0, 1], ["ROOT", "xcomp", "dobj"], "taking"),
    (["forced", "them", "to", "sell"], [0, 0, 3, 0], ["ROOT", "dobj", "aux", "xcomp"], "forced"),
])
def test_deepest_verb(words, heads, deps, expected):
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=["VERB" if d != "dobj" and d != "aux" else "NOUN" for d in deps])
    assert deepest_verb(doc[0]).text == expected
