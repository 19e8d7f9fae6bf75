"""Contested terms: a table of sentences -> expected (surface, concept, side), lean, lexicon size."""
from __future__ import annotations

import math

import pytest

from framing.features import features
from framing.features.terms import lean, norm
from framing.lexicons import LexiconSet

# (text, expected [(surface, concept, side)] in order of appearance)
CASES = [
    ("The special military operation (SMO) that began in February 2022 marked a turning point.",
     [("special military operation", "war_name", "russia"), ("SMO", "war_name", "russia")]),
    ("Russia's full-scale invasion of Ukraine shocked Europe.",
     [("full-scale invasion", "war_name", "west")]),
    ("Russia's full scale invasion shocked Europe.", [("full scale invasion", "war_name", "west")]),
    ("Beijing urged restraint in the Ukraine crisis.", [("Ukraine crisis", "war_name", "china")]),
    ("Washington convened allies over the Ukraine crisis.", [("Ukraine crisis", "war_name", "neutral")]),
    ("The war in Ukraine entered its third year.", [("war in Ukraine", "war_name", "neutral")]),
    ("Moscow demands the denazification and demilitarisation of Ukraine.",
     [("denazification", "war_aims", "russia"), ("demilitarisation", "war_aims", "russia")]),
    ("The Kiev regime shelled Donetsk.",
     [("Kiev", "capital_name", "russia"), ("Kiev regime", "kyiv_government", "russia")]),
    ("Shelling hit Kyiv, Kharkiv and Odesa.",
     [("Kyiv", "capital_name", "west"), ("Kharkiv", "city_kharkiv", "west"), ("Odesa", "city_odesa", "west")]),
    ("Kiev's allies met in Lugansk and the Donbass.",
     [("Kiev", "capital_name", "russia"), ("Lugansk", "city_luhansk", "russia"),
      ("Donbass", "region_donbas", "russia")]),
    ("The Donbas and Luhansk were shelled.",
     [("Donbas", "region_donbas", "west"), ("Luhansk", "city_luhansk", "west")]),
    ("Crimea's reunification with Russia in 2014 was called an illegal annexation.",
     [("reunification with Russia", "crimea_status", "russia"), ("illegal annexation", "crimea_status", "west")]),
    ("Beijing calls for the peaceful reunification of Taiwan.",
     [("peaceful reunification", "taiwan_status", "china")]),
    ("German reunification happened in 1990.", []),
    ("CSTO peacekeepers arrived in Almaty, Kazakhstan.",
     [("peacekeepers", "csto_deployment", "russia")]),
    ("UN peacekeepers arrived in Mali.", []),
    ("Following a referendum on nuclear energy, Kazakhstan chose a site.", []),
    ("The sham referendums in occupied territories were condemned.",
     [("sham referendums", "referendum_2022", "west"), ("occupied territories", "occupied_areas", "west")]),
    ("Moscow warns of colour revolutions and the Colour Revolution in Kyrgyzstan.",
     [("colour revolutions", "colour_revolution", "russia"), ("Colour Revolution", "colour_revolution", "russia")]),
    ("Western-backed color revolutions toppled governments.",
     [("color revolutions", "colour_revolution", "russia")]),
    ("NATO's eastward expansion angered the collective West's critics.",
     [("NATO's eastward expansion", "nato_growth", "russia"), ("collective West", "west_label", "russia")]),
    ("Finland's accession completed NATO enlargement.", [("NATO enlargement", "nato_growth", "west")]),
    ("Illegal unilateral sanctions hurt trade, the ministry said.",
     [("Illegal unilateral sanctions", "sanctions", "russia")]),
    ("The EU adopted new restrictive measures.", [("restrictive measures", "sanctions", "west")]),
    ("Detainees were held in re-education camps in Xinjiang.",
     [("re-education camps", "xinjiang_facilities", "west")]),
    ("Xinjiang's vocational education and training centers closed.",
     [("vocational education and training centers", "xinjiang_facilities", "china")]),
    ("Police cleared rioters from Hong Kong's airport.", [("rioters", "hong_kong_protests", "china")]),
    ("Taiwan's president met the self-ruled island's lawmakers.",
     [("Taiwan's president", "taiwan_status", "west"), ("self-ruled island", "taiwan_status", "west")]),
    ("The near abroad and the Russian world are Kremlin concepts.",
     [("near abroad", "post_soviet", "russia"), ("Russian world", "russian_world", "russia")]),
    ("Russian forces withdrew.", [("Russian forces", "russian_forces", "neutral")]),
    ("External forces fuelled the unrest in Kazakhstan.", []),
]


@pytest.fixture(scope="module")
def terms(feature_fn):
    return feature_fn("terms")


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_terms(nlp, terms, text, expected):
    rows, summary = terms(nlp(text))
    assert [(text[r["start"]:r["end"]], r["concept"], r["side"]) for r in rows] == expected
    for side in ("russia", "west", "china", "neutral"):
        assert summary[f"terms_{side}"] == sum(r["side"] == side and r["kind"] == "evaluative" for r in rows)


NAMING = set(LexiconSet()["contested_terms"].table.query("kind == 'naming'")["concept"])

# The issue's error patterns (seen on unseen China Daily pieces and releases), on sentences
# written for this test: (text, expected evaluative/naming terms (surface, side) in order).
PATTERNS = [
    # word boundaries and referents
    ("Pyongyang, capital of the Democratic People's Republic of Korea, held a parade.", []),
    ("The People's Republic of China voted against the draft.", []),
    ("Officials of the Donetsk People's Republic met.", [("Donetsk People's Republic", "russia")]),
    ("The invasions of Afghanistan and Iraq cost trillions of dollars, Russia's envoy said.", []),
    ("The US invasion of Iraq in 2003 divided Europe; Moscow opposed it.", []),
    ("Russia's invasion of Ukraine began in February.", [("invasion of Ukraine", "west")]),
    ("Russia's brutal invasion began in February.", [("invasion", "west")]),
    ("Officials of the so-called DPR met in Donetsk.", [("so-called DPR", "west")]),
    ("Troops of the so-called people's republics advanced, Kyiv said.",
     [("so-called people's republics", "west"), ("Kyiv", "west")]),
    ("Beijing rejects the so-called rules-based order.", [("so-called rules-based order", "china")]),
    ("Moscow rejects the so-called rules-based order.", [("so-called rules-based order", "russia")]),
    ("Beijing condemned the so-called internment camps claims about Xinjiang.",
     [("so-called internment camps", "china")]),
    ("Beijing warns that colour revolutions threaten China.", [("colour revolutions", "china")]),
    ("Moscow warns that colour revolutions threaten Russia and China.", [("colour revolutions", "russia")]),
    ("Beijing rejects hegemonic practices; the Taiwan question is China's affair.",
     [("hegemonic practices", "china"), ("Taiwan question", "china")]),
    ("The Kyiv Post reported the shelling of Kharkiv.", [("Kharkiv", "west")]),
    ("She studied at the Kiev Polytechnic Institute before the war.", []),
    ("Shelling hit the Kyiv Oblast overnight.", [("Kyiv", "west")]),
    ("In Kyiv President Zelensky met the delegation.", [("Kyiv", "west")]),
    ("The DPRK fired a missile; DPR officials in Donetsk said nothing.", [("DPR", "russia")]),
    ("Ukraine and Russia agreed a visa-free regime in 1997.", []),
    # misses inside known concepts
    ("Residents of occupied Crimea were conscripted.", [("occupied Crimea", "west")]),
    ("The aggression of the Russian Federation continues, Zelensky said.", [("aggression", "west")]),
    ("The Russian aggressor shelled the port.", [("aggressor", "west")]),
    ("Moscow condemned NATO aggression against Yugoslavia.", [("NATO aggression", "russia")]),
    ("US strikes hit the Assad regime again.", [("regime", "west")]),
    ("Pressure on the regime in Pyongyang grew.", [("regime", "west")]),
    ("The EU extended its sanctions regime for another year.", [("sanctions", "neutral")]),
    ("Critics warned against regime change in Caracas.", []),
    ("Russian propaganda targets Ukrainian refugees.", [("propaganda", "west")]),
    # Chinese state-media rebuttals and the Western labels they answer (contested_terms 2.1.0)
    ("Facts have proved that the so-called China threat theory is groundless.", [("so-called China threat", "china")]),
    ("Critics accuse Beijing of debt-trap diplomacy in Africa.", [("debt-trap diplomacy", "west")]),
    ("The so-called debt trap narrative has been debunked.", [("so-called debt trap", "china")]),
    ("The so-called 'debt trap' narrative was hyped by the media.", []),  # quoted to rebut: not the West's label
    # "separatists" by referent: Donbas (west), Taiwan/Xinjiang/Tibet (china), elsewhere no term
    ("The separatists in eastern Ukraine rejected the deal.", [("separatists", "west")]),
    ("It leaves no room for Taiwan independence separatist activities.",
     [("Taiwan independence", "china"), ("separatist activities", "china")]),
    ("Catalan separatists won the regional vote.", []),
    # Western strategic labels and their Chinese distancing
    ("The Navy conducted freedom of navigation operations near the reef.",
     [("freedom of navigation operations", "west")]),
    ("Washington used the so-called freedom of navigation operations as a pretext.",
     [("so-called freedom of navigation operations", "china")]),
    ("The plan is an attempt to build an Asian version of NATO.", [("Asian version of NATO", "china")]),
    ("Moscow denounced Western propaganda about Russia.", [("Western propaganda", "russia")]),
    ("Kyiv says Russia runs a deportation of Ukrainian children.",
     [("Kyiv", "west"), ("deportation of Ukrainian children", "west")]),
    # "crisis in Ukraine" is not Chinese vocabulary by itself; intra-Ukrainian is Russian framing
    ("The crisis in Ukraine dominated the NATO summit.", [("crisis in Ukraine", "neutral")]),
    ("Beijing's envoy spoke about the crisis in Ukraine.", [("crisis in Ukraine", "china")]),
    ("Lavrov called for resolving the intra-Ukrainian crisis.", [("intra-Ukrainian crisis", "russia")]),
    # naming vs evaluative layers overlap
    ("Talks with the Kiev authorities resumed.", [("Kiev", "russia"), ("Kiev authorities", "russia")]),
    ("Workers at the Chornobyl plant were held hostage.", [("Chornobyl", "west")]),
]


@pytest.mark.parametrize("text, expected", PATTERNS, ids=[c[0][:40] for c in PATTERNS])
def test_issue_patterns(nlp, terms, text, expected):
    rows, _ = terms(nlp(text))
    assert [(text[r["start"]:r["end"]], r["side"]) for r in rows] == expected
    assert all(r["kind"] == ("naming" if r["concept"] in NAMING else "evaluative") for r in rows)


@pytest.mark.parametrize("text, naming, lean_", [
    ("Strikes hit Kyiv, Kharkiv, Odesa and Mykolaiv.", (0, 4), math.nan),
    ("Strikes on Kyiv: the Russian aggressor and its invasion.", (0, 1), 1.0),
    ("Kiev regime forces shelled Donbass and Lugansk.", (3, 0), -1.0),
])
def test_naming_index_is_apart_from_the_lean(nlp, terms, text, naming, lean_):
    """A release's own city spellings fill the naming index, not the evaluative lean."""
    _, summary = terms(nlp(text))
    assert (summary["naming_russia"], summary["naming_west"]) == naming
    assert summary["term_lean"] == lean_ or (math.isnan(lean_) and math.isnan(summary["term_lean"]))


@pytest.mark.xfail(reason="'occupation' as a job is not told apart from military occupation when Russia is mentioned")
def test_occupation_as_job(nlp, terms):
    assert terms(nlp("His occupation before joining the Russian army was teacher."))[0] == []


@pytest.mark.parametrize("counts, expected", [
    ({"west": 3, "russia": 1, "china": 0}, 0.5),
    ({"west": 0, "russia": 1, "china": 1}, -1.0),
    ({"west": 2, "russia": 0, "china": 0}, 1.0),
    ({"west": 1, "russia": 0, "china": 1}, 0.0),
])
def test_lean(counts, expected):
    assert lean(counts) == expected


def test_lean_is_nan_without_partisan_terms(nlp, terms):
    _, summary = terms(nlp("Russian forces withdrew from the war in Ukraine."))
    assert summary["terms_neutral"] == 2 and math.isnan(summary["term_lean"])


@pytest.mark.parametrize("word, expected", [
    ("Colours", "color"), ("demilitarisation", "demilitarization"), ("territories", "territory"),
    ("Donbass", "donbass"), ("crisis", "crisis"), ("centres", "center"), ("Kyiv", "kyiv"),
])
def test_norm(word, expected):
    assert norm(word) == expected


def test_lexicon_size_and_sides():
    table = LexiconSet()["contested_terms"].table
    assert table["concept"].nunique() >= 40
    assert set(table["side"]) == {"russia", "west", "china", "neutral"}
    assert not table.duplicated(["concept", "term"]).any()


def test_seed_smo_is_a_russia_term(nlp, terms, seed_text):
    found = set()
    for para in (p for p in seed_text.splitlines() if p.strip()):
        found |= {(r["term"], r["side"]) for r in terms(nlp(para))[0]}
    assert ("special military operation", "russia") in found


def test_declared_columns(nlp, terms):
    (feature,) = features(("terms",))
    rows, summary = terms(nlp("Kyiv and Kiev."))
    assert rows and all(tuple(r) == feature.columns for r in rows)
    assert tuple(summary) == feature.paragraph_columns
